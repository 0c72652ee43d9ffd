/* store_sql.h: how the store_*.c files run SQL: the statements kept
 * prepared, errors that name the database and what was being done, and
 * the record keys a write transaction keeps. store_sql.c calls no other
 * file of the store, so that the others can all call it. */
#ifndef YEONPYO_STORE_SQL_H
#define YEONPYO_STORE_SQL_H

#include <sqlite3.h>

#include "yeonpyo/status.h"
#include "yeonpyo/store.h"

/* Every statement the store runs more than once, prepared on first use and
 * kept, so a bulk import does not re-parse SQL per row. */
typedef enum {
	Q_META_GET,
	Q_META_SET,
	Q_ORG_KEY,
	Q_PERSON_KEY,
	Q_SOURCE_KEY,
	Q_EVENT_KEY,
	Q_ORG_PUT,
	Q_ORG_PARENT,
	Q_PERSON_PUT,
	Q_SOURCE_PUT,
	Q_EVENT_PUT,
	Q_EVENT_CLEAR_ORGS,
	Q_EVENT_CLEAR_PEOPLE,
	Q_EVENT_CLEAR_SOURCES,
	Q_EVENT_CLEAR_TAGS,
	Q_EVENT_CLEAR_FIGURES,
	Q_EVENT_ADD_ORG,
	Q_EVENT_ADD_PERSON,
	Q_EVENT_ADD_SOURCE,
	Q_EVENT_ADD_TAG,
	Q_EVENT_ADD_FIGURE,
	Q_ORG_GET,
	Q_PERSON_GET,
	Q_SOURCE_GET,
	Q_EVENT_GET,
	Q_EVENT_ORGS,
	Q_EVENT_PEOPLE,
	Q_EVENT_SOURCES,
	Q_EVENT_TAGS,
	Q_EVENT_FIGURES,
	Q_FTS_DIRTY_EVENT,
	Q_FTS_DIRTY_ORG,
	Q_FTS_DIRTY_PERSON,
	Q_ROW_ORGS,
	Q_COUNT
} store_query;

/* The cached statement for q, reset and with its bindings cleared; NULL
 * (with err set) when it cannot be prepared. */
sqlite3_stmt *store_stmt(store *s, store_query q, yp_error *err);

/* Sets err from the connection's last error: "PATH: what: sqlite message",
 * choosing YP_IOERR for I/O and locking, YP_DATAERR for corruption. */
yp_status store_sql_fail(store *s, yp_error *err, const char *what);

/* Binds a string or NULL; SQLITE_TRANSIENT is not needed since the strings
 * outlive the statement step. */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);

/* A column's text copied with strdup, or NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *st, int i);

/* Runs SQL that returns no rows; err says what failed while doing what. */
yp_status store_exec(store *s, const char *sql, const char *what,
		     yp_error *err);

/* The integer key (rowid) of the record with this slug, or 0. */
sqlite3_int64 store_key(store *s, record_kind kind, const char *id);

/* Drops the keys kept in the write transaction (records were deleted). */
void store_forget_keys(store *s);

#endif
