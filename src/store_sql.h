/* store_sql.h: how the store_*.c files run SQL: the statements of
 * store_queries.def kept prepared, parameters bound by name and checked,
 * errors that name the database and what was being done, and the record
 * keys a write transaction keeps. store_sql.c calls no other file of the
 * store, so that the others can all call it. */
#ifndef YEONPYO_STORE_SQL_H
#define YEONPYO_STORE_SQL_H

#include <stdbool.h>

#include <sqlite3.h>

#include "yeonpyo/status.h"
#include "yeonpyo/store.h"

typedef enum {
#define QUERY(name, sql) Q_##name,
#include "store_queries.def"
#undef QUERY
	Q_COUNT
} store_query;

/* Statement q, prepared on its first use and kept, reset and with its
 * bindings cleared; NULL (with err set: "preparing a query") when it
 * cannot be prepared. It must not be in use: a walk over it has ended. */
sqlite3_stmt *store_stmt(store *s, store_query q, yp_error *err);

/* Forgets the kept statements (store_close). */
void store_stmts_free(store *s);

/* Sets err from the connection's last error: "PATH: what: sqlite message",
 * choosing YP_IOERR for I/O and locking, YP_DATAERR for corruption. */
yp_status store_sql_fail(store *s, yp_error *err, const char *what);
/* store_sql_fail about the user's state: the message names state.db (or
 * the state in memory), and gives none of the timeline's hints. The
 * bindings of the state's statements (store_queries.def's last part) fail
 * this way by themselves. */
yp_status store_state_fail(store *s, yp_error *err, const char *what);

/* Values bound by name (":id") into a statement. Each bind's result is
 * looked at and the first failure kept (later binds are not tried), so
 * that a run of binds is checked once, by store_bound, before the step.
 * Binding in the order the names first appear in the SQL finds each
 * without a search of the statement's names. */
typedef struct {
	store *s;
	sqlite3_stmt *st;    /* NULL when it could not be prepared */
	store_query q;
	int last;            /* the index bound last */
	const char *failed;  /* the first parameter refused, or NULL */
	int rc;              /* why; SQLITE_RANGE: the statement has none of
			      * that name */
} store_binding;

/* Statement q (store_stmt) ready for its values; .st is NULL, with err
 * set, when it cannot be prepared. */
store_binding store_take(store *s, store_query q, yp_error *err);

/* Binds a string, or NULL for NULL; the string must outlive the step
 * (SQLITE_STATIC: no copy). */
void store_bind_text(store_binding *b, const char *name, const char *v);
void store_bind_int(store_binding *b, const char *name, sqlite3_int64 v);
/* Binds an event_filter's parameters (EVENT_WHERE of the table); NULL and
 * empty fields stay NULL, which drops their clauses. */
void store_bind_filter(store_binding *b, const event_filter *f);
/* YP_OK when every bind took; else err says "PATH: what: binding :name:
 * why" and the status is returned. */
yp_status store_bound(const store_binding *b, const char *what,
		      yp_error *err);

/* Runs b's statement, which returns no rows, once its values are bound,
 * and resets it; err says what failed. */
yp_status store_run(const store_binding *b, const char *what, yp_error *err);

/* Steps b's statement to its end once its values are bound, handing each
 * row to visit until it answers false, then resets it: a statement left
 * stepping holds its snapshot. A failed step is reported as what; a
 * visitor keeps its own failures in target. */
typedef bool (*store_visit_fn)(sqlite3_stmt *st, void *target);
yp_status store_walk(const store_binding *b, store_visit_fn visit,
		     void *target, const char *what, yp_error *err);

/* Steps b's statement, its values bound, to its first row: YP_OK with
 * *found set and the statement on that row, for the caller to read and
 * reset; YP_OK with *found clear (reset) when it has none; a failure
 * (reset) with err saying what failed. */
yp_status store_first_row(const store_binding *b, const char *what,
			  bool *found, yp_error *err);

/* The integer in the first column of the one row of statement q, which
 * takes no value: counts, versions and flags, never negative. -1 when it
 * cannot be read, err saying what failed. */
sqlite3_int64 store_int(store *s, store_query q, const char *what,
			yp_error *err);

/* A column's text copied with strdup, or NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *st, int i);
/* A date from its key and precision columns; DATE_NONE for NULL. */
yp_date store_column_date(sqlite3_stmt *st, int key_col, int prec_col);

/* Runs SQL that returns no rows; err says what failed while doing what. */
yp_status store_exec(store *s, const char *sql, const char *what,
		     yp_error *err);

/* The integer key (rowid) of the record with this slug, or 0. */
sqlite3_int64 store_key(store *s, record_kind kind, const char *id);

/* The command-line option that chooses the database file, which the
 * store's messages suggest when the file will not do. */
const char *store_db_flag(void);

/* Drops the keys kept in the write transaction (records were deleted). */
void store_forget_keys(store *s);

#endif
