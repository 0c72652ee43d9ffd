/* search.h: the Korean-aware full-text search: an FTS5 tokenizer
 * ("kbigram") and SQL function (choseong) registered on each connection
 * (search_sql.h, the store's alone), and turning what a person typed into
 * a safe FTS5 query. */
#ifndef YEONPYO_SEARCH_H
#define YEONPYO_SEARCH_H

#include <stdbool.h>

#include "yeonpyo/strbuf.h"

/* Appends the initial consonants (choseong) of the Hangul words of s, as
 * compatibility jamo, words separated by spaces: 카이스트 유영상 gives
 * "ㅋㅇㅅㅌ ㅇㅇㅅ". Other scripts are left out. */
void search_choseong(const char *s, strbuf *out);

/* Turns a person's query into an FTS5 MATCH expression over the columns
 * title, body and names, or over cho when the query is only initial
 * consonants (ㅋㅇㅅㅌ). Every word becomes a quoted string, so quotes,
 * parentheses, AND/OR/NOT/NEAR, '*', '^' and ':' are searched as text;
 * a last word ending in a letter or digit also matches as a prefix.
 * Returns false when the query has nothing to search for. */
bool search_build_query(const char *query, strbuf *out);

/* The words of a query to mark where they occur in shown text, NFC, as a
 * NULL-terminated array to free with search_words_free; NULL when the
 * query has none or is only initial consonants. */
char **search_words(const char *query);
void search_words_free(char **words);

#endif
