/* store_state.c: the user's own database, attached to the timeline's
 * connection as "state" (so that a filter on marks or notes is one more
 * clause of the same query): its schema and upgrades, the marks and seen
 * events, what their terminals were last found to do, and where the
 * browser left each timeline. */
#include "store_priv.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The state's schema version this binary writes; PRAGMA state.user_version
 * holds the one a file has. */
#define STATE_VERSION 2

/* Tables of ids, not keys: a refresh of the built-in dataset or a new
 * copy of a shared database gives events new keys, never new ids. */
#define STATE_MARKS \
	"CREATE TABLE state.marks(event_id TEXT PRIMARY KEY," \
	" at INTEGER NOT NULL) WITHOUT ROWID;" \
	"CREATE TABLE state.seen(event_id TEXT PRIMARY KEY," \
	" at INTEGER NOT NULL) WITHOUT ROWID;"
#define STATE_TERMINALS \
	"CREATE TABLE state.terminals(term TEXT PRIMARY KEY," \
	" ambiguous INTEGER NOT NULL, lines INTEGER NOT NULL," \
	" at INTEGER NOT NULL) WITHOUT ROWID;"
/* Version 2's new tables. A note's search index is FTS5 with the
 * timeline's tokenizer and columns, the note as the body and its initial
 * consonants as cho, so that the MATCH expression search_build_query
 * makes finds a note as it finds an event's own text. Triggers keep it in
 * step with every write, by the note's own INTEGER PRIMARY KEY: an
 * implicit rowid, which a VACUUM may renumber, could part the two. The
 * places are where each timeline database was left, for the browser to
 * resume there. */
#define STATE_ADDED_IN_2 \
	"CREATE TABLE state.notes(nid INTEGER PRIMARY KEY," \
	" event_id TEXT NOT NULL UNIQUE, text TEXT NOT NULL," \
	" at INTEGER NOT NULL);" \
	"CREATE VIRTUAL TABLE state.note_fts USING fts5(title, body, names," \
	" cho, tokenize = 'kbigram');" \
	"CREATE TRIGGER state.note_indexed AFTER INSERT ON notes BEGIN" \
	" INSERT INTO note_fts(rowid, body, cho)" \
	" VALUES (new.nid, new.text, choseong(new.text)); END;" \
	"CREATE TRIGGER state.note_reindexed AFTER UPDATE OF text ON notes" \
	" BEGIN DELETE FROM note_fts WHERE rowid = old.nid;" \
	" INSERT INTO note_fts(rowid, body, cho)" \
	" VALUES (new.nid, new.text, choseong(new.text)); END;" \
	"CREATE TRIGGER state.note_unindexed AFTER DELETE ON notes BEGIN" \
	" DELETE FROM note_fts WHERE rowid = old.nid; END;" \
	"CREATE TABLE state.places(db TEXT PRIMARY KEY, event_id TEXT," \
	" date_key INTEGER, lang TEXT, detail_hidden INTEGER, at INTEGER)" \
	" WITHOUT ROWID;"
#define STATE_SET_VERSION "PRAGMA state.user_version = 2;"

/* Runs statement q with one text parameter, and the time as :at when
 * stamped; err says what failed, the statement not prepared included. */
static yp_status run(store *s, store_query q, const char *param,
		     const char *value, bool stamp, const char *what,
		     yp_error *err)
{
	store_binding b = store_take(s, q, NULL);
	if (!b.st)
		return store_state_fail(s, err, what);
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

/* Runs SQL of the state that returns no rows. */
static yp_status state_exec(store *s, const char *sql, const char *what,
			    yp_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_state_fail(s, err, what);
	return YP_OK;
}

yp_status store_state_memory(store *s, yp_error *err)
{
	s->state_due = NULL;
	free(s->state_path);
	s->state_path = NULL;
	if (attach(s, ":memory:", err) != YP_OK)
		return err->status;
	return state_exec(s, STATE_MARKS STATE_TERMINALS STATE_ADDED_IN_2
			  STATE_SET_VERSION, "making the state", err);
}

/* The state's version; -1, with err set, when it cannot be read. */
static int state_version(store *s, yp_error *err)
{
	return (int)store_int(s, Q_STATE_VERSION, "reading the state", err);
}

/* Version 1 named the terminals' column of ambiguous widths after the
 * setting, whose word only options.def spells (tests/check_options.py):
 * it is the table's second column, renamed by its place. */
static yp_status rename_ambiguous(store *s, yp_error *err)
{
	const char *what = "upgrading the state";
	sqlite3_stmt *st = store_stmt(s, Q_STATE_TERMINALS_SECOND, NULL);
	if (!st)
		return store_state_fail(s, err, what);
	char *old = sqlite3_step(st) == SQLITE_ROW
		? sqlite3_mprintf("ALTER TABLE state.terminals RENAME COLUMN"
				  " \"%w\" TO ambiguous",
				  (const char *)sqlite3_column_text(st, 0))
		: NULL;
	sqlite3_reset(st);
	if (!old)
		return yp_fail(err, YP_DATAERR, "%s: %s: the table of "
			       "terminals has no second column", s->state_path,
			       what);
	yp_status rc = state_exec(s, old, what, err);
	sqlite3_free(old);
	return rc;
}

/* Brings the file from version (0: new) to STATE_VERSION. */
static yp_status upgrade(store *s, int version, yp_error *err)
{
	const char *what = "upgrading the state";
	if (version == 0)
		return state_exec(s, STATE_MARKS STATE_TERMINALS STATE_ADDED_IN_2
				  STATE_SET_VERSION, what, err);
	yp_status rc = rename_ambiguous(s, err);
	if (rc == YP_OK)
		rc = state_exec(s, STATE_ADDED_IN_2 STATE_SET_VERSION, what, err);
	return rc;
}

/* The file's tables, in WAL mode: several browsers of one user write
 * their marks while the others read. An upgrade is one transaction, its
 * version read again under the write lock, since another yeonpyo
 * starting at the same moment may have made it meanwhile (the lock takes
 * the timeline's too when it is writable: once, for a moment). */
static yp_status prepare_file(store *s, const char *path, yp_error *err)
{
	int version = state_version(s, err);
	if (version < 0)
		return err->status;
	if (version > STATE_VERSION)
		return yp_fail(err, YP_DATAERR, "%s: the state was written by a "
			       "newer yeonpyo (version %d)", path, version);
	sqlite3_exec(s->db, "PRAGMA state.journal_mode = WAL;"
		     "PRAGMA state.synchronous = NORMAL", NULL, NULL, NULL);
	if (version == STATE_VERSION)
		return YP_OK;
	yp_status rc = state_exec(s, "BEGIN IMMEDIATE", "upgrading the state",
				  err);
	if (rc != YP_OK)
		return rc;
	version = state_version(s, err);
	rc = version < 0 ? err->status
	     : version == STATE_VERSION ? YP_OK : upgrade(s, version, err);
	if (rc == YP_OK)
		rc = state_exec(s, "COMMIT", "upgrading the state", err);
	if (rc != YP_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

yp_status store_attach_state(store *s, const char *path, yp_error *err)
{
	store_hits_forget(s);  /* a filter on marks reads other marks now */
	char *named = strdup(path);
	if (!named)
		return yp_fail(err, YP_SOFTWARE, "%s: out of memory", path);
	/* nothing is attached while the state in memory is still due */
	if (!s->state_due &&
	    state_exec(s, "DETACH state", "detaching the state", err) != YP_OK) {
		free(named);
		return err->status;
	}
	s->state_due = NULL;
	free(s->state_path);
	s->state_path = named;
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

void store_terminal_widths(store *s, const char *term, int *ambiguous,
			   int *lines)
{
	*ambiguous = *lines = 0;
	if (!term)
		return;
	store_binding b = store_take(s, Q_TERMINAL_GET, NULL);
	if (!b.st)
		return;
	store_bind_text(&b, ":term", term);
	if (store_bound(&b, "reading the terminal's widths", NULL) == YP_OK &&
	    sqlite3_step(b.st) == SQLITE_ROW) {
		*ambiguous = width_or_0(sqlite3_column_int(b.st, 0));
		*lines = width_or_0(sqlite3_column_int(b.st, 1));
	}
	sqlite3_reset(b.st);
}

yp_status store_set_terminal_widths(store *s, const char *term, int ambiguous,
				    int lines, yp_error *err)
{
	const char *what = "saving the terminal's widths";
	store_binding b = store_take(s, Q_TERMINAL_SET, NULL);
	if (!b.st)
		return store_state_fail(s, err, what);
	store_bind_text(&b, ":term", term);
	store_bind_int(&b, ":ambiguous", ambiguous);
	store_bind_int(&b, ":lines", lines);
	store_bind_int(&b, ":at", (sqlite3_int64)time(NULL));
	return store_run(&b, what, err);
}

void store_place_clear(store_place *p)
{
	free(p->event_id);
	free(p->lang);
	memset(p, 0, sizeof(*p));
}

yp_status store_place_get(store *s, const char *db, store_place *out,
			  yp_error *err)
{
	const char *what = "reading where the timeline was left";
	memset(out, 0, sizeof(*out));
	store_binding b = store_take(s, Q_PLACE_GET, NULL);
	if (!b.st)
		return store_state_fail(s, err, what);
	store_bind_text(&b, ":db", db);
	yp_status rc = store_first_row(&b, what, &out->found, err);
	if (out->found) {
		out->event_id = store_column_dup(b.st, 0);
		out->date_key = (long)sqlite3_column_int64(b.st, 1);
		out->lang = store_column_dup(b.st, 2);
		out->detail_hidden = sqlite3_column_int(b.st, 3) != 0;
		bool lost = (!out->event_id &&
			     sqlite3_column_type(b.st, 0) != SQLITE_NULL) ||
			    (!out->lang &&
			     sqlite3_column_type(b.st, 2) != SQLITE_NULL);
		if (lost) {
			store_place_clear(out);
			rc = yp_fail(err, YP_SOFTWARE, "out of memory");
		}
		sqlite3_reset(b.st);
	}
	return rc;
}

yp_status store_place_set(store *s, const char *db, const store_place *place,
			  yp_error *err)
{
	const char *what = "saving where the timeline was left";
	store_binding b = store_take(s, Q_PLACE_SET, NULL);
	if (!b.st)
		return store_state_fail(s, err, what);
	store_bind_text(&b, ":db", db);
	store_bind_text(&b, ":event_id", place->event_id);
	store_bind_int(&b, ":date_key", place->date_key);
	store_bind_text(&b, ":lang", place->lang);
	store_bind_int(&b, ":detail_hidden", place->detail_hidden);
	store_bind_int(&b, ":at", (sqlite3_int64)time(NULL));
	return store_run(&b, what, err);
}
