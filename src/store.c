/* store.c: opening the SQLite database, its schema and forward migrations,
 * metadata, transactions and the cache of prepared statements. */
#include "store_priv.h"

#include "search_sql.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Migration N brings a database from user_version N-1 to N. They only ever
 * get appended: a released step is never edited. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 1: the timeline model */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE organizations("
	" oid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" name_ko TEXT, name_en TEXT, short_name TEXT, kind TEXT NOT NULL,"
	" country TEXT,"
	" parent_oid INTEGER REFERENCES organizations(oid) ON DELETE SET NULL,"
	" origin TEXT NOT NULL CHECK (origin IN ('builtin','user','stale')));"
	"CREATE TABLE people("
	" pid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" name_ko TEXT, name_en TEXT,"
	" oid INTEGER REFERENCES organizations(oid) ON DELETE SET NULL,"
	" title_ko TEXT, title_en TEXT,"
	" origin TEXT NOT NULL CHECK (origin IN ('builtin','user','stale')));"
	"CREATE INDEX people_by_org ON people(oid);"
	"CREATE TABLE sources("
	" sid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" title TEXT NOT NULL, publisher TEXT NOT NULL,"
	" date_key INTEGER, date_precision INTEGER NOT NULL DEFAULT 0"
	"  CHECK (date_precision BETWEEN 0 AND 3),"
	" url TEXT, language TEXT NOT NULL, kind TEXT NOT NULL,"
	" origin TEXT NOT NULL CHECK (origin IN ('builtin','user','stale')));"
	"CREATE TABLE events("
	" eid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" date_key INTEGER NOT NULL,"
	" date_precision INTEGER NOT NULL CHECK (date_precision BETWEEN 1 AND 3),"
	" end_key INTEGER, end_precision INTEGER NOT NULL DEFAULT 0"
	"  CHECK (end_precision BETWEEN 0 AND 3),"
	" span_end INTEGER NOT NULL,"
	" status TEXT NOT NULL CHECK (status IN ('done','planned')),"
	" kind TEXT NOT NULL,"
	" title_ko TEXT, title_en TEXT, summary_ko TEXT, summary_en TEXT,"
	" notes_ko TEXT, notes_en TEXT,"
	" origin TEXT NOT NULL CHECK (origin IN ('builtin','user','stale')));"
	/* keyset paging in timeline order: WHERE (date_key, id) > (?, ?) */
	"CREATE INDEX events_by_date ON events(date_key, id);"
	"CREATE TABLE event_orgs("
	" eid INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" oid INTEGER NOT NULL REFERENCES organizations(oid),"
	" role TEXT NOT NULL, PRIMARY KEY (eid, pos)) WITHOUT ROWID;"
	"CREATE INDEX event_orgs_by_org ON event_orgs(oid, eid);"
	"CREATE TABLE event_people("
	" eid INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" pid INTEGER NOT NULL REFERENCES people(pid),"
	" role TEXT NOT NULL, PRIMARY KEY (eid, pos)) WITHOUT ROWID;"
	"CREATE INDEX event_people_by_person ON event_people(pid, eid);"
	"CREATE TABLE event_sources("
	" eid INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" sid INTEGER NOT NULL REFERENCES sources(sid),"
	" PRIMARY KEY (eid, pos)) WITHOUT ROWID;"
	"CREATE INDEX event_sources_by_source ON event_sources(sid, eid);"
	"CREATE TABLE event_tags("
	" eid INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL, tag TEXT NOT NULL,"
	" PRIMARY KEY (eid, pos)) WITHOUT ROWID;"
	"CREATE INDEX event_tags_by_tag ON event_tags(tag, eid);"
	"CREATE TABLE figures("
	" eid INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL, label_ko TEXT, label_en TEXT,"
	" value TEXT NOT NULL, PRIMARY KEY (eid, pos)) WITHOUT ROWID;",
	/* 2: the search index, filled from what is already there */
	"CREATE VIRTUAL TABLE event_fts USING fts5(title, body, names, cho,"
	" tokenize = 'kbigram');"
	"INSERT INTO event_fts(rowid, title, body, names, cho)"
	" SELECT " FTS_ROW " FROM events e;",
	/* 3: the number of events, kept by triggers, so that the browser
	 * need not count a million rows to open; IF NOT EXISTS and the
	 * recount let it run again over a database put back to an older
	 * version */
	"CREATE TABLE IF NOT EXISTS event_count(n INTEGER NOT NULL);"
	"DELETE FROM event_count;"
	"INSERT INTO event_count SELECT count(*) FROM events;"
	"CREATE TRIGGER IF NOT EXISTS event_counted AFTER INSERT ON events"
	" BEGIN UPDATE event_count SET n = n + 1; END;"
	"CREATE TRIGGER IF NOT EXISTS event_uncounted AFTER DELETE ON events"
	" BEGIN UPDATE event_count SET n = n - 1; END;",
	/* 4: events per month (date_key / 100), kept by triggers, so that a
	 * place in a million-event timeline is a sum over a few hundred
	 * months plus a count inside one, not a count of every row before */
	"CREATE TABLE IF NOT EXISTS event_months(month INTEGER PRIMARY KEY,"
	" n INTEGER NOT NULL);"
	"DELETE FROM event_months;"
	"INSERT INTO event_months SELECT date_key / 100, count(*) FROM events"
	" GROUP BY 1;"
	"CREATE TRIGGER IF NOT EXISTS event_month_in AFTER INSERT ON events"
	" BEGIN INSERT INTO event_months VALUES (new.date_key / 100, 1)"
	" ON CONFLICT(month) DO UPDATE SET n = n + 1; END;"
	"CREATE TRIGGER IF NOT EXISTS event_month_out AFTER DELETE ON events"
	" BEGIN UPDATE event_months SET n = n - 1"
	" WHERE month = old.date_key / 100; END;"
	"CREATE TRIGGER IF NOT EXISTS event_month_moved"
	" AFTER UPDATE OF date_key ON events"
	" WHEN old.date_key / 100 <> new.date_key / 100 BEGIN"
	" UPDATE event_months SET n = n - 1 WHERE month = old.date_key / 100;"
	" INSERT INTO event_months VALUES (new.date_key / 100, 1)"
	" ON CONFLICT(month) DO UPDATE SET n = n + 1; END;",
	/* 5: the timeline's rows in the order it reads them, so that a
	 * window is a run of index pages, not one table page per row (a
	 * jump at a million events: about 500 pages read to 200, 13 to
	 * 6.5 ms); it replaces the (date_key, id) index it starts with */
	"CREATE INDEX IF NOT EXISTS events_timeline ON events(date_key, id,"
	" date_precision, end_key, end_precision, status, title_ko, title_en);"
	"DROP INDEX IF EXISTS events_by_date;",
};

/* Upserts keep the rowid (so links stay valid) and refuse, through the
 * WHERE clause, to let a built-in write replace a user's record. */
#define UPSERT_GUARD " WHERE excluded.origin = 'user' OR origin <> 'user'"

static const char *const queries[Q_COUNT] = {
	[Q_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[Q_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[Q_ORG_KEY] = "SELECT oid FROM organizations WHERE id = ?1",
	[Q_PERSON_KEY] = "SELECT pid FROM people WHERE id = ?1",
	[Q_SOURCE_KEY] = "SELECT sid FROM sources WHERE id = ?1",
	[Q_EVENT_KEY] = "SELECT eid FROM events WHERE id = ?1",
	[Q_ORG_PUT] = "INSERT INTO organizations(id, name_ko, name_en,"
		" short_name, kind, country, parent_oid, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)"
		" ON CONFLICT(id) DO UPDATE SET name_ko = excluded.name_ko,"
		" name_en = excluded.name_en, short_name = excluded.short_name,"
		" kind = excluded.kind, country = excluded.country,"
		" origin = excluded.origin" UPSERT_GUARD,
	[Q_ORG_PARENT] = "UPDATE organizations SET parent_oid ="
		" (SELECT oid FROM organizations WHERE id = ?2)"
		" WHERE id = ?1 AND (?3 = 'user' OR origin <> 'user')",
	[Q_PERSON_PUT] = "INSERT INTO people(id, name_ko, name_en, oid,"
		" title_ko, title_en, origin) VALUES (?1, ?2, ?3,"
		" (SELECT oid FROM organizations WHERE id = ?4), ?5, ?6, ?7)"
		" ON CONFLICT(id) DO UPDATE SET name_ko = excluded.name_ko,"
		" name_en = excluded.name_en, oid = excluded.oid,"
		" title_ko = excluded.title_ko, title_en = excluded.title_en,"
		" origin = excluded.origin" UPSERT_GUARD,
	[Q_SOURCE_PUT] = "INSERT INTO sources(id, title, publisher, date_key,"
		" date_precision, url, language, kind, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" ON CONFLICT(id) DO UPDATE SET title = excluded.title,"
		" publisher = excluded.publisher, date_key = excluded.date_key,"
		" date_precision = excluded.date_precision, url = excluded.url,"
		" language = excluded.language, kind = excluded.kind,"
		" origin = excluded.origin" UPSERT_GUARD,
	[Q_EVENT_PUT] = "INSERT INTO events(id, date_key, date_precision,"
		" end_key, end_precision, span_end, status, kind, title_ko,"
		" title_en, summary_ko, summary_en, notes_ko, notes_en, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15)"
		" ON CONFLICT(id) DO UPDATE SET date_key = excluded.date_key,"
		" date_precision = excluded.date_precision,"
		" end_key = excluded.end_key, end_precision = excluded.end_precision,"
		" span_end = excluded.span_end, status = excluded.status,"
		" kind = excluded.kind, title_ko = excluded.title_ko,"
		" title_en = excluded.title_en, summary_ko = excluded.summary_ko,"
		" summary_en = excluded.summary_en, notes_ko = excluded.notes_ko,"
		" notes_en = excluded.notes_en, origin = excluded.origin"
		UPSERT_GUARD,
	[Q_EVENT_CLEAR_ORGS] = "DELETE FROM event_orgs WHERE eid = ?1",
	[Q_EVENT_CLEAR_PEOPLE] = "DELETE FROM event_people WHERE eid = ?1",
	[Q_EVENT_CLEAR_SOURCES] = "DELETE FROM event_sources WHERE eid = ?1",
	[Q_EVENT_CLEAR_TAGS] = "DELETE FROM event_tags WHERE eid = ?1",
	[Q_EVENT_CLEAR_FIGURES] = "DELETE FROM figures WHERE eid = ?1",
	/* ?3 is the key store_key found (NULL for none, which NOT NULL
	 * refuses) */
	[Q_EVENT_ADD_ORG] = "INSERT INTO event_orgs(eid, pos, oid, role)"
		" VALUES (?1, ?2, ?3, ?4)",
	[Q_EVENT_ADD_PERSON] = "INSERT INTO event_people(eid, pos, pid, role)"
		" VALUES (?1, ?2, ?3, ?4)",
	[Q_EVENT_ADD_SOURCE] = "INSERT INTO event_sources(eid, pos, sid)"
		" VALUES (?1, ?2, ?3)",
	[Q_EVENT_ADD_TAG] = "INSERT INTO event_tags(eid, pos, tag)"
		" VALUES (?1, ?2, ?3)",
	[Q_EVENT_ADD_FIGURE] = "INSERT INTO figures(eid, pos, label_ko,"
		" label_en, value) VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_ORG_GET] = "SELECT o.id, o.name_ko, o.name_en, o.short_name, o.kind,"
		" o.country, p.id FROM organizations o"
		" LEFT JOIN organizations p ON p.oid = o.parent_oid WHERE o.id = ?1",
	[Q_PERSON_GET] = "SELECT p.id, p.name_ko, p.name_en, o.id, p.title_ko,"
		" p.title_en FROM people p"
		" LEFT JOIN organizations o ON o.oid = p.oid WHERE p.id = ?1",
	[Q_SOURCE_GET] = "SELECT id, title, publisher, date_key, date_precision,"
		" url, language, kind FROM sources WHERE id = ?1",
	[Q_EVENT_GET] = "SELECT eid, id, date_key, date_precision, end_key,"
		" end_precision, status, kind, title_ko, title_en, summary_ko,"
		" summary_en, notes_ko, notes_en FROM events WHERE id = ?1",
	[Q_EVENT_ORGS] = "SELECT o.id, l.role FROM event_orgs l"
		" JOIN organizations o ON o.oid = l.oid WHERE l.eid = ?1"
		" ORDER BY l.pos",
	[Q_EVENT_PEOPLE] = "SELECT p.id, l.role FROM event_people l"
		" JOIN people p ON p.pid = l.pid WHERE l.eid = ?1 ORDER BY l.pos",
	[Q_EVENT_SOURCES] = "SELECT s.id FROM event_sources l"
		" JOIN sources s ON s.sid = l.sid WHERE l.eid = ?1 ORDER BY l.pos",
	[Q_EVENT_TAGS] = "SELECT tag FROM event_tags WHERE eid = ?1"
		" ORDER BY pos",
	[Q_EVENT_FIGURES] = "SELECT label_ko, label_en, value FROM figures"
		" WHERE eid = ?1 ORDER BY pos",
	[Q_FTS_DIRTY_EVENT] = "INSERT OR IGNORE INTO temp.fts_dirty VALUES (?1)",
	[Q_FTS_DIRTY_ORG] = "INSERT OR IGNORE INTO temp.fts_dirty"
		" SELECT l.eid FROM event_orgs l JOIN organizations o"
		" ON o.oid = l.oid WHERE o.id = ?1",
	[Q_FTS_DIRTY_PERSON] = "INSERT OR IGNORE INTO temp.fts_dirty"
		" SELECT l.eid FROM event_people l JOIN people p"
		" ON p.pid = l.pid WHERE p.id = ?1",
	[Q_ROW_ORGS] = "SELECT" ROW_ORGS("?1"),
};

yp_status store_sql_fail(store *s, yp_error *err, const char *what)
{
	int code = sqlite3_errcode(s->db);
	int base = code & 0xff;
	yp_status st = YP_SOFTWARE;
	const char *hint = "";
	switch (base) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st = YP_IOERR;
		hint = " (another program is writing it; retry, or use --db)";
		break;
	case SQLITE_FULL:
		st = YP_IOERR;
		hint = " (writing failed: the disk may be full, or the file "
		       "may grow no more; nothing was changed)";
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		st = YP_IOERR;
		hint = " (the file or its directory is read-only for you; "
		       "browse it as it is, or use --db for a file of your own)";
		/* a WAL database wants its -shm file beside it, even to read */
		if (code == SQLITE_READONLY_CANTINIT ||
		    code == SQLITE_READONLY_DIRECTORY ||
		    code == SQLITE_READONLY_CANTLOCK ||
		    code == SQLITE_READONLY_RECOVERY)
			hint = " (a database in WAL mode needs files beside it "
			       "that you cannot create; its owner can make it "
			       "shareable with 'yeonpyo db init --shared')";
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		st = YP_IOERR;
		/* the system's errno is lost by the time a failed commit
		 * has rolled back; a failed write says enough */
		if (code == SQLITE_IOERR_WRITE ||
		    sqlite3_system_errno(s->db) == EFBIG ||
		    sqlite3_system_errno(s->db) == ENOSPC)
			hint = " (writing failed: the disk may be full, or the "
			       "file may grow no more; nothing was changed)";
		break;
	case SQLITE_CORRUPT:
		st = YP_DATAERR;
		hint = " (the file is damaged; 'yeonpyo db rebuild' starts a "
		       "new database and keeps this one aside)";
		break;
	case SQLITE_NOTADB:
		st = YP_DATAERR;
		hint = " (use --db to choose another file)";
		break;
	default:
		break;
	}
	return yp_fail(err, st, "%s: %s: %s%s", s->path, what,
		       sqlite3_errmsg(s->db), hint);
}

sqlite3_stmt *store_stmt(store *s, store_query q, yp_error *err)
{
	sqlite3_stmt *st = s->stmts[q];
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (sqlite3_prepare_v3(s->db, queries[q], -1, SQLITE_PREPARE_PERSISTENT,
			       &st, NULL) != SQLITE_OK) {
		store_sql_fail(s, err, "preparing a query");
		return NULL;
	}
	s->stmts[q] = st;
	return st;
}

int store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

char *store_column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? strdup((const char *)v) : NULL;
}

sqlite3_int64 store_key(store *s, record_kind kind, const char *id)
{
	static const store_query q[] = {
		[RECORD_ORG] = Q_ORG_KEY, [RECORD_PERSON] = Q_PERSON_KEY,
		[RECORD_SOURCE] = Q_SOURCE_KEY, [RECORD_EVENT] = Q_EVENT_KEY,
	};
	bool memo = s->keys_kept && kind != RECORD_EVENT;
	size_t kept = 0;
	if (memo && idset_find(&s->keys[kind], id, &kept))
		return (sqlite3_int64)kept;
	sqlite3_stmt *st = store_stmt(s, q[kind], NULL);
	if (!st)
		return 0;
	sqlite3_int64 key = 0;
	store_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		key = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	/* a key that fits (any rowid on 64 bits); out of memory, it is
	 * simply looked up again next time */
	if (memo && key > 0 && (uint64_t)key <= SIZE_MAX)
		idset_add_copy(&s->keys[kind], id, (size_t)key, NULL);
	return key;
}

void store_forget_keys(store *s)
{
	for (size_t i = 0; i < sizeof(s->keys) / sizeof(s->keys[0]); i++)
		idset_free(&s->keys[i]);
}

/* After a bulk write: the foreign key checks every other write has. */
static void checks_on(store *s)
{
	if (s->checks_off &&
	    sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) ==
		    SQLITE_OK)
		s->checks_off = false;
}

/* Keys are kept from BEGIN to COMMIT or ROLLBACK, while no other
 * connection can write. */
static void keep_keys(store *s, bool keep)
{
	store_forget_keys(s);
	s->keys_kept = keep;
}

bool store_has(store *s, record_kind kind, const char *id)
{
	return store_key(s, kind, id) != 0;
}

yp_status store_exec(store *s, const char *sql, const char *what,
		     yp_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(s, err, what);
	return YP_OK;
}

static int store_pragma_int(store *s, const char *sql, yp_error *err)
{
	sqlite3_stmt *st = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_sql_fail(s, err, "reading the database");
		return -1;
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else
		store_sql_fail(s, err, "reading the database");
	sqlite3_finalize(st);
	return v;
}

/* A version-0 file may only be adopted when it is empty: a file with
 * tables but no schema version belongs to some other program. */
static yp_status store_check_foreign(store *s, yp_error *err)
{
	int tables = store_pragma_int(
		s, "SELECT count(*) FROM sqlite_schema", err);
	if (tables < 0)
		return err ? err->status : YP_DATAERR;
	if (tables > 0)
		return yp_fail(err, YP_DATAERR,
			       "%s: not a yeonpyo database (it has %d tables but "
			       "no yeonpyo schema version); use --db to choose "
			       "another file", s->path, tables);
	return YP_OK;
}

/* Reads user_version and refuses what this binary cannot open. Returns
 * the version, or -1 with err set. The check for another program's tables
 * needs the write lock (locked): without it, another yeonpyo may commit its
 * migration between reading the version and counting the tables. */
static int store_check_version(store *s, bool locked, yp_error *err)
{
	int version = store_pragma_int(s, "PRAGMA user_version", err);
	if (version < 0)
		return -1;
	if (version > STORE_SCHEMA_VERSION) {
		yp_fail(err, YP_DATAERR, "%s: database schema version %d is newer "
			"than this yeonpyo supports (%d); upgrade yeonpyo or use "
			"--db to choose another file", s->path, version,
			STORE_SCHEMA_VERSION);
		return -1;
	}
	if (locked && version == 0 && store_check_foreign(s, err) != YP_OK)
		return -1;
	return version;
}

static yp_status store_run_migrations(store *s, int from, yp_error *err)
{
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		char sql[64];
		yp_status st = store_exec(s, migrations[v], "upgrading the schema",
					  err);
		if (st != YP_OK)
			return st;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		st = store_exec(s, sql, "upgrading the schema", err);
		if (st != YP_OK)
			return st;
	}
	return YP_OK;
}

static yp_status store_migrate(store *s, yp_error *err)
{
	int version = store_check_version(s, false, err);
	if (version < 0)
		return err ? err->status : YP_DATAERR;
	s->found_version = version;
	if (version == STORE_SCHEMA_VERSION)
		return YP_OK;
	/* One transaction for all steps, so a failure leaves the old version;
	 * the version is read again under the write lock because another
	 * yeonpyo starting at the same moment may have migrated meanwhile. */
	yp_status st = store_exec(s, "BEGIN IMMEDIATE", "upgrading the schema",
				  err);
	if (st != YP_OK)
		return st;
	version = store_check_version(s, true, err);
	st = version < 0 ? (err ? err->status : YP_DATAERR)
			 : store_run_migrations(s, version, err);
	if (st != YP_OK) {
		store_rollback(s);
		return st;
	}
	st = store_exec(s, "COMMIT", "upgrading the schema", err);
	/* A database made or upgraded here is written in WAL mode: readers
	 * and a writer no longer wait for each other. Only here, so that a
	 * database shared read-only (db init --shared) stays as it was made:
	 * WAL needs files beside it that its readers could not create. */
	if (st == YP_OK)
		sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	return st;
}

bool store_readonly(const store *s)
{
	return sqlite3_db_readonly(s->db, "main") == 1;
}

yp_status store_share(store *s, yp_error *err)
{
	return store_exec(s, "PRAGMA journal_mode = DELETE",
			  "making the database shareable", err);
}

/* Why the file could not be opened, in the words of the system, and what
 * to do about it. */
static void open_failed(store *s, int rc, yp_error *err)
{
	const char *why = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
	const char *hint = "";
	int sys = s->db ? sqlite3_system_errno(s->db) : 0;
	if (sys == EACCES || sys == EPERM) {
		why = strerror(sys);
		hint = " (check the permissions of the file and its directory, "
		       "or use --db)";
	} else if (sys == ENOENT) {
		why = "no such directory";
		hint = " (create it, or use --db)";
	} else if (sys) {
		why = strerror(sys);
	}
	yp_fail(err, YP_IOERR, "%s: cannot open database: %s%s", s->path, why,
		hint);
}

store *store_open(const char *path, yp_error *err)
{
	store *s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		yp_fail(err, YP_SOFTWARE, "%s: out of memory", path);
		return NULL;
	}
	s->map_min = STORE_MAP_MIN;
	int rc = sqlite3_open_v2(path, &s->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		open_failed(s, rc, err);
		store_close(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	if (search_register(s->db) != SQLITE_OK ||
	    store_hits_register(s) != SQLITE_OK) {
		store_sql_fail(s, err, "setting up search");
		store_close(s);
		return NULL;
	}
	/* events whose search index entry is due, per connection */
	if (store_exec(s, "PRAGMA foreign_keys = ON", "opening", err) != YP_OK ||
	    store_migrate(s, err) != YP_OK ||
	    store_exec(s, "CREATE TEMP TABLE fts_dirty(eid INTEGER PRIMARY KEY);"
		       /* the events of the last filter, in timeline order */
		       "CREATE TEMP TABLE hits(date_key INTEGER, id TEXT,"
		       " eid INTEGER, PRIMARY KEY (date_key, id)) WITHOUT ROWID",
		       "opening", err) != YP_OK ||
	    store_state_memory(s, err) != YP_OK) {
		store_close(s);
		return NULL;
	}
	return s;
}

void store_close(store *s)
{
	if (!s)
		return;
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(s->stmts[i]);
	sqlite3_close(s->db);
	store_hits_forget(s);
	store_forget_keys(s);
	free(s->path);
	free(s);
}

const char *store_path(const store *s)
{
	return s->path;
}

int store_found_version(const store *s)
{
	return s->found_version;
}

yp_status store_check(store *s, void (*fn)(const char *problem, void *ctx),
		      void *ctx, long *problems, yp_error *err)
{
	*problems = 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st,
			       NULL) != SQLITE_OK)
		return store_sql_fail(s, err, "checking the database");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") != 0) {
			(*problems)++;
			fn(line, ctx);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, err, "checking the database");
	/* FTS5 compares its index with what the records say it holds */
	if (sqlite3_exec(s->db, "INSERT INTO event_fts(event_fts)"
			 " VALUES ('integrity-check')", NULL, NULL,
			 NULL) != SQLITE_OK) {
		int code = sqlite3_errcode(s->db) & 0xff;
		if (code != SQLITE_CORRUPT)
			return store_sql_fail(s, err, "checking the search index");
		(*problems)++;
		fn("the search index does not match the events", ctx);
	}
	return YP_OK;
}

yp_status store_compact_timeline(store *s, yp_error *err)
{
	return store_exec(s, "REINDEX events_timeline", "compacting the timeline",
			  err);
}

yp_status store_begin(store *s, yp_error *err)
{
	yp_status st = store_exec(s, "BEGIN IMMEDIATE", "starting a transaction",
				  err);
	keep_keys(s, st == YP_OK);
	return st;
}

yp_status store_bulk_begin(store *s, yp_error *err)
{
	/* a transaction larger than the default 2 MB page cache spills
	 * pages to the file and reads them back: with 32 MB, storing 30,000
	 * events took 35% less time (the browser keeps the default) */
	yp_status st = store_exec(s, "PRAGMA cache_size = -32768",
				  "sizing the cache", err);
	/* only outside a transaction does this pragma take effect */
	if (st == YP_OK)
		st = store_exec(s, "PRAGMA foreign_keys = OFF", "starting a "
				"transaction", err);
	s->checks_off = st == YP_OK;
	if (st == YP_OK)
		st = store_begin(s, err);
	if (st != YP_OK)
		checks_on(s);
	return st;
}

yp_status store_fts_flush(store *s, yp_error *err)
{
	static const char sql[] =
		"DELETE FROM event_fts WHERE rowid IN"
		" (SELECT eid FROM temp.fts_dirty);"
		"INSERT INTO event_fts(rowid, title, body, names, cho)"
		" SELECT " FTS_ROW " FROM events e"
		" WHERE e.eid IN (SELECT eid FROM temp.fts_dirty);"
		"DELETE FROM temp.fts_dirty;";
	return store_exec(s, sql, "updating the search index", err);
}

yp_status store_commit(store *s, yp_error *err)
{
	store_hits_forget(s);  /* the records under the filter may change */
	/* the index changes in the same transaction as the records */
	yp_status st = store_fts_flush(s, err);
	if (st != YP_OK) {
		store_rollback(s);
		return st;
	}
	st = store_exec(s, "COMMIT", "committing", err);
	if (st != YP_OK)
		store_rollback(s);
	keep_keys(s, false);
	checks_on(s);
	return st;
}

void store_rollback(store *s)
{
	store_hits_forget(s);  /* temp.hits rolls back too */
	keep_keys(s, false);
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	checks_on(s);
}

char *store_meta_get(store *s, const char *key)
{
	sqlite3_stmt *st = store_stmt(s, Q_META_GET, NULL);
	if (!st)
		return NULL;
	store_bind_text(st, 1, key);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = store_column_dup(st, 0);
	sqlite3_reset(st);
	return v;
}

yp_status store_meta_set(store *s, const char *key, const char *value,
			 yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_META_SET, err);
	if (!st)
		return err ? err->status : YP_SOFTWARE;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, err, "writing metadata");
	return YP_OK;
}

yp_status store_count(store *s, store_counts *out, yp_error *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM organizations),"
		" (SELECT count(*) FROM people), (SELECT count(*) FROM sources),"
		" (SELECT count(*) FROM events),"
		" (SELECT count(*) FROM events WHERE origin = 'builtin'),"
		" (SELECT count(*) FROM events WHERE origin = 'user')";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_sql_fail(s, err, "counting records");
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_sql_fail(s, err, "counting records");
	}
	out->orgs = (long)sqlite3_column_int64(st, 0);
	out->people = (long)sqlite3_column_int64(st, 1);
	out->sources = (long)sqlite3_column_int64(st, 2);
	out->events = (long)sqlite3_column_int64(st, 3);
	out->builtin_events = (long)sqlite3_column_int64(st, 4);
	out->user_events = (long)sqlite3_column_int64(st, 5);
	sqlite3_finalize(st);
	return YP_OK;
}

void store_tune_search(store *s, long map_min)
{
	store_hits_forget(s);
	s->map_min = map_min > 0 ? map_min : STORE_MAP_MIN;
}

bool store_search_mapped(const store *s)
{
	return s->mapped;
}

static int progress(void *ctx)
{
	store *s = ctx;
	if (s->stop && s->stop(s->stop_ctx))
		s->interrupted = true;
	return s->interrupted;
}

void store_set_interrupt(store *s, bool (*stop)(void *ctx), void *ctx)
{
	s->stop = stop;
	s->stop_ctx = ctx;
	s->interrupted = false;
	/* a few thousand steps: tens of microseconds between looks */
	sqlite3_progress_handler(s->db, stop ? 4000 : 0, stop ? progress : NULL,
				 s);
}

bool store_interrupted(const store *s)
{
	return s->interrupted;
}
