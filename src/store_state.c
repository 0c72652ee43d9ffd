/* store_state.c: the user's marks and seen events, and what their
 * terminals were last found to do, in a database of their own attached to
 * the timeline's connection as "state", so that a filter on marks is one
 * more clause of the same query. */
#include "store_priv.h"

#include <time.h>

/* Tables of ids, not keys: a refresh of the built-in dataset or a new
 * copy of a shared database gives events new keys, never new ids. */
#define STATE_TABLES \
	"CREATE TABLE IF NOT EXISTS state.marks(event_id TEXT PRIMARY KEY," \
	" at INTEGER NOT NULL) WITHOUT ROWID;" \
	"CREATE TABLE IF NOT EXISTS state.seen(event_id TEXT PRIMARY KEY," \
	" at INTEGER NOT NULL) WITHOUT ROWID;" \
	"CREATE TABLE IF NOT EXISTS state.terminals(term TEXT PRIMARY KEY," \
	" ambiwidth INTEGER NOT NULL, lines INTEGER NOT NULL," \
	" at INTEGER NOT NULL) WITHOUT ROWID;"

/* Runs statement q with one text parameter, and the time as :at when
 * stamped; err says what failed, the statement not prepared included. */
static yp_status run(store *s, store_query q, const char *param,
		     const char *value, bool stamp, const char *what,
		     yp_error *err)
{
	store_binding b = store_take(s, q, NULL);
	if (!b.st)
		return store_sql_fail(s, err, what);
	store_bind_text(&b, param, value);
	if (stamp)
		store_bind_int(&b, ":at", (sqlite3_int64)time(NULL));
	return store_run(&b, what, err);
}

static yp_status attach(store *s, const char *path, yp_error *err)
{
	return run(s, Q_STATE_ATTACH, ":path", path, false,
		   "attaching the state", err);
}

yp_status store_state_memory(store *s, yp_error *err)
{
	if (attach(s, ":memory:", err) != YP_OK)
		return err->status;
	return store_exec(s, STATE_TABLES, "making the state", err);
}

/* The file's tables, in WAL mode: several browsers of one user write
 * their marks while the others read. */
static yp_status prepare_file(store *s, const char *path, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_STATE_VERSION, NULL);
	int version = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	if (version < 0)
		return store_sql_fail(s, err, "reading the state");
	if (version > 1)
		return yp_fail(err, YP_DATAERR, "%s: the state was written by a "
			       "newer yeonpyo (version %d)", path, version);
	sqlite3_exec(s->db, "PRAGMA state.journal_mode = WAL;"
		     "PRAGMA state.synchronous = NORMAL", NULL, NULL, NULL);
	/* the tables and the version go in together */
	return store_exec(s, version == 1 ? STATE_TABLES
			  : "BEGIN;" STATE_TABLES
			    "PRAGMA state.user_version = 1; COMMIT",
			  "making the state", err);
}

yp_status store_attach_state(store *s, const char *path, yp_error *err)
{
	store_hits_forget(s);  /* a filter on marks reads other marks now */
	if (store_exec(s, "DETACH state", "detaching the state", err) != YP_OK)
		return err->status;
	yp_status rc = attach(s, path, err);
	if (rc == YP_OK)
		rc = prepare_file(s, path, err);
	if (rc == YP_OK)
		return YP_OK;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(s->db, "DETACH state", NULL, NULL, NULL);
	yp_error ignored = {0};
	store_state_memory(s, &ignored);
	return rc;
}

yp_status store_set_marked(store *s, const char *id, bool marked,
			   yp_error *err)
{
	store_hits_forget(s);  /* a filter on marks changes with them */
	return run(s, marked ? Q_MARK_ADD : Q_MARK_REMOVE, ":id", id, marked,
		   "saving a mark", err);
}

yp_status store_set_seen(store *s, const char *id, yp_error *err)
{
	return run(s, Q_SEEN_ADD, ":id", id, true, "saving what was seen", err);
}

static int width_or_0(int w)
{
	return w == 1 || w == 2 ? w : 0;
}

void store_terminal_widths(store *s, const char *term, int *ambiwidth,
			   int *lines)
{
	*ambiwidth = *lines = 0;
	if (!term)
		return;
	store_binding b = store_take(s, Q_TERMINAL_GET, NULL);
	if (!b.st)
		return;
	store_bind_text(&b, ":term", term);
	if (store_bound(&b, "reading the terminal's widths", NULL) == YP_OK &&
	    sqlite3_step(b.st) == SQLITE_ROW) {
		*ambiwidth = width_or_0(sqlite3_column_int(b.st, 0));
		*lines = width_or_0(sqlite3_column_int(b.st, 1));
	}
	sqlite3_reset(b.st);
}

yp_status store_set_terminal_widths(store *s, const char *term, int ambiwidth,
				    int lines, yp_error *err)
{
	const char *what = "saving the terminal's widths";
	store_binding b = store_take(s, Q_TERMINAL_SET, NULL);
	if (!b.st)
		return store_sql_fail(s, err, what);
	store_bind_text(&b, ":term", term);
	store_bind_int(&b, ":ambiwidth", ambiwidth);
	store_bind_int(&b, ":lines", lines);
	store_bind_int(&b, ":at", (sqlite3_int64)time(NULL));
	return store_run(&b, what, err);
}
