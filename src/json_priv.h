/* json_priv.h: what the json*.c files share and nobody else sees: the lexer
 * that json.c's parser reads tokens from (json_lex.c), and the escape of one
 * byte that both the writer and the messages use (json_write.c). */
#ifndef YEONPYO_JSON_PRIV_H
#define YEONPYO_JSON_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/json.h"

/* The text being read and where the reader is in it. */
typedef struct {
	const unsigned char *buf;
	size_t len;
	size_t pos;
	size_t line;        /* 0-based index of the line holding pos */
	size_t line_start;  /* offset of that line's first byte */
	unsigned line_base;
	json_error *err;
} json_lexer;

/* A position remembered for later, because a trailing comma is only known to
 * be an error once the next token is seen, possibly lines further on. */
typedef struct {
	size_t offset;
	size_t line;
	size_t line_start;
} json_mark;

/* A mark at offset, which must lie on the current line. */
json_mark json_lex_mark(const json_lexer *l, size_t offset);
unsigned json_lex_mark_line(const json_lexer *l, const json_mark *m);
unsigned json_lex_mark_col(const json_mark *m);

/* Each records an error in l->err and returns false: at a mark; at offset,
 * on the current line; for memory; about the byte at pos (or the input's
 * end), unless that byte is ill-formed UTF-8, which is then what is said;
 * about a byte at pos that cannot start a value. */
bool json_lex_fail_mark(json_lexer *l, json_mark m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool json_lex_fail_at(json_lexer *l, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool json_lex_fail_oom(json_lexer *l);
bool json_lex_fail_found(json_lexer *l, const char *msg);
bool json_lex_fail_value_start(json_lexer *l);

/* The byte at pos, or -1 at the end. */
int json_lex_peek(const json_lexer *l);
bool json_lex_starts_with(const json_lexer *l, size_t i, const char *word);
/* Skips white space, counting lines. */
void json_lex_skip_ws(json_lexer *l);
/* The type of the value whose first byte is at pos; *known is false when
 * no value starts with that byte. */
json_type json_lex_type(const json_lexer *l, bool *known);

/* Each reads the token at pos and moves past it, or fails. A number is
 * kept as its literal text; a string is decoded into new NUL-terminated
 * UTF-8. Both give the caller a string to free. */
bool json_lex_literal(json_lexer *l, json_type type);
bool json_lex_number(json_lexer *l, char **out);
bool json_lex_string(json_lexer *l, char **out);

/* The JSON escape of a byte that json_write_string must escape, into out
 * (at least 7 bytes); returns its length. */
size_t json_write_escape(unsigned char c, char *out);

#endif
