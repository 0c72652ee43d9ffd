/* search_sql.h: the search's side that SQLite sees, for the store and
 * search.c alone, so that the browser's includes of search.h bring no
 * <sqlite3.h>: the kbigram tokenizer and the choseong() function. */
#ifndef YEONPYO_SEARCH_SQL_H
#define YEONPYO_SEARCH_SQL_H

#include <sqlite3.h>

/* Registers the kbigram tokenizer and the choseong() SQL function on db.
 * Returns an SQLite result code. */
int search_register(sqlite3 *db);

#endif
