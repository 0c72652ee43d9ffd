/* store.c: opening the SQLite database, its schema and forward migrations,
 * metadata and transactions. */
#include "store_priv.h"

#include "search_sql.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the search index holds for event e (a row of events), as select
 * columns: rowid, title, body, names, cho. Shared by the migrations that
 * build the index and by the refresh after writes (scripts, run once,
 * not statements kept prepared). The names of e's organizations and
 * people in Korean, each followed by ORG_MORE or PERSON_MORE: "" as
 * migration 2 built the index (its text must stay as it was released),
 * their aliases since migration 8. */
#define FTS_NAMES_KO_OF(ORG_MORE, PERSON_MORE) \
	"coalesce((SELECT group_concat(coalesce(o.name_ko, '') || ' ' ||" \
	" coalesce(o.short_name, '')" ORG_MORE ", ' ') FROM event_orgs l" \
	" JOIN organizations o" \
	" ON o.oid = l.oid WHERE l.eid = e.eid), '') || ' ' ||" \
	" coalesce((SELECT group_concat(coalesce(p.name_ko, '')" PERSON_MORE \
	", ' ')" \
	" FROM event_people l JOIN people p ON p.pid = l.pid" \
	" WHERE l.eid = e.eid), '')"
/* An organization's (o) and a person's (p) aliases: in the Korean names'
 * part, so that a reading such as 카이스트 has its initials in cho too;
 * one probe of the aliases' key per name, as the names cost. */
#define FTS_ORG_ALIASES \
	" || ' ' || coalesce((SELECT group_concat(a.alias, ' ')" \
	" FROM org_aliases a WHERE a.oid = o.oid), '')"
#define FTS_PERSON_ALIASES \
	" || ' ' || coalesce((SELECT group_concat(a.alias, ' ')" \
	" FROM person_aliases a WHERE a.pid = p.pid), '')"
/* FIGURE_VALUE is how a figure's value is read: migration 2 built the
 * index when every value was one string; since 6 a value may be one per
 * language (value NULL, both of value_ko and value_en set). */
#define FTS_ROW FTS_ROW_WITH(FTS_FIGURE_VALUE, \
	FTS_NAMES_KO_OF(FTS_ORG_ALIASES, FTS_PERSON_ALIASES))
#define FTS_FIGURE_VALUE "coalesce(f.value, f.value_ko || ' ' || f.value_en)"
#define FTS_ROW_WITH(FIGURE_VALUE, NAMES_KO) \
	"e.eid," \
	" coalesce(e.title_ko, '') || ' ' || coalesce(e.title_en, '')," \
	" (e.date_key / 10000) || ' ' ||" \
	" coalesce(e.summary_ko, '') || ' ' || coalesce(e.summary_en, '') ||" \
	" ' ' || coalesce(e.notes_ko, '') || ' ' || coalesce(e.notes_en, '') ||" \
	" ' ' || coalesce((SELECT group_concat(coalesce(f.label_ko, '') || ' ' ||" \
	" coalesce(f.label_en, '') || ' ' || " FIGURE_VALUE ", ' ') FROM figures f" \
	" WHERE f.eid = e.eid), '') || ' ' || coalesce((SELECT" \
	" group_concat(t.tag, ' ') FROM event_tags t WHERE t.eid = e.eid), '')" \
	" || ' ' || coalesce((SELECT group_concat(s.title || ' ' || s.publisher," \
	" ' ') FROM event_sources l JOIN sources s ON s.sid = l.sid" \
	" WHERE l.eid = e.eid), '')," \
	" " NAMES_KO " || ' ' || coalesce((SELECT" \
	" group_concat(coalesce(o.name_en, ''), ' ') FROM event_orgs l" \
	" JOIN organizations o ON o.oid = l.oid WHERE l.eid = e.eid), '') ||" \
	" ' ' || coalesce((SELECT group_concat(coalesce(p.name_en, ''), ' ')" \
	" FROM event_people l JOIN people p ON p.pid = l.pid" \
	" WHERE l.eid = e.eid), '')," \
	" choseong(coalesce(e.title_ko, '') || ' ' || " NAMES_KO ")"

/* The organizations of event E as a timeline row shows them, per
 * language (store_queries.def's ROW_ORGS, '' for none): the labels kept on
 * the event from migration 10 on. */
#define ORG_LABEL_OF(E, FIRST, SECOND) \
	" coalesce((SELECT group_concat(n, '\xc2\xb7') FROM (SELECT" \
	"  coalesce(o.short_name, o." FIRST ", o." SECOND ") AS n" \
	"  FROM event_orgs l JOIN organizations o ON o.oid = l.oid" \
	"  WHERE l.eid = " E " ORDER BY l.pos)), '')"
#define ORG_LABELS_SET(E) " SET orgs_ko =" \
	ORG_LABEL_OF(E, "name_ko", "name_en") ", orgs_en =" \
	ORG_LABEL_OF(E, "name_en", "name_ko")

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
	" SELECT " FTS_ROW_WITH("f.value", FTS_NAMES_KO_OF("", ""))
	" FROM events e;",
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
	/* 6: a figure's value one per language, and a person's title at an
	 * event; figures is built again because its value may now be NULL,
	 * and the checks keep exactly one form of it. Unlike 3 to 5 it
	 * cannot run again over a database put back: it adds columns. */
	"CREATE TABLE figures_6("
	" eid INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL, label_ko TEXT, label_en TEXT,"
	" value TEXT, value_ko TEXT, value_en TEXT,"
	" CHECK ((value_ko IS NULL) = (value_en IS NULL)),"
	" CHECK ((value IS NULL) <> (value_ko IS NULL)),"
	" PRIMARY KEY (eid, pos)) WITHOUT ROWID;"
	"INSERT INTO figures_6(eid, pos, label_ko, label_en, value)"
	" SELECT eid, pos, label_ko, label_en, value FROM figures;"
	"DROP TABLE figures;"
	"ALTER TABLE figures_6 RENAME TO figures;"
	"ALTER TABLE event_people ADD COLUMN title_ko TEXT;"
	"ALTER TABLE event_people ADD COLUMN title_en TEXT;",
	/* 7: links between events, kept on the linking event (eid) in the
	 * order written; both ends cascade, so that an event a dataset
	 * refresh drops takes its links, either way, with it. The index
	 * finds the links to an event (and keeps one per pair). IF NOT
	 * EXISTS: it may run again over a database put back to an older
	 * version. */
	"CREATE TABLE IF NOT EXISTS event_links("
	" eid INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" target INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK (kind IN ('follows','outcome-of','see-also')),"
	" PRIMARY KEY (eid, pos)) WITHOUT ROWID;"
	"CREATE UNIQUE INDEX IF NOT EXISTS event_links_by_target ON event_links(target, eid);",
	/* 8: the other names of organizations and people (yeonpyo(5)
	 * "aliases"), which search finds as it finds names; none exist
	 * yet, so the index stays as it is; IF NOT EXISTS, as in 7, for a
	 * database put back to an older version */
	"CREATE TABLE IF NOT EXISTS org_aliases("
	" oid INTEGER NOT NULL REFERENCES organizations(oid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL, alias TEXT NOT NULL,"
	" PRIMARY KEY (oid, pos)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS person_aliases("
	" pid INTEGER NOT NULL REFERENCES people(pid) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL, alias TEXT NOT NULL,"
	" PRIMARY KEY (pid, pos)) WITHOUT ROWID;",
	/* 9: the search index keeps no copy of its texts (external content):
	 * it reads them from the records through a view, when it builds and
	 * when an event leaves it (the connection's triggers, below, take it
	 * out before its texts change). The copy was a quarter of the file
	 * (92 of 386 MB at 100,000 events); bm25 needs only the index and its
	 * sizes, and no query reads the texts back. Its tokenizer leaves out
	 * the token of a whole Hangul run, which no query matched (search.c). */
	"DROP TABLE event_fts;"
	/* IF EXISTS, as in 7, for a database put back to an older version */
	"DROP VIEW IF EXISTS event_fts_source;"
	"CREATE VIEW event_fts_source(eid, title, body, names, cho) AS"
	" SELECT " FTS_ROW " FROM events e;"
	"CREATE VIRTUAL TABLE event_fts USING fts5(title, body, names, cho,"
	" tokenize = 'kbigram no_whole_runs', content = 'event_fts_source',"
	" content_rowid = 'eid');"
	"INSERT INTO event_fts(event_fts) VALUES ('rebuild');",
	/* 10: each event's organizations as its row shows them, kept on the
	 * event and in the timeline's index, so that a window brings them
	 * with its rows: read per row, they were a page scattered over the
	 * file each (37 for a first G, most of a PgDn at a million events).
	 * The writer sets them with the event (store_put_event); a renamed
	 * organization's events are set again here, by the trigger. The
	 * index is dropped before the labels are set, so that setting them
	 * does not move its entries one by one. */
	"DROP INDEX IF EXISTS events_timeline;"
	"ALTER TABLE events ADD COLUMN orgs_ko TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE events ADD COLUMN orgs_en TEXT NOT NULL DEFAULT '';"
	"UPDATE events" ORG_LABELS_SET("events.eid")
	" WHERE eid IN (SELECT eid FROM event_orgs);"
	"CREATE INDEX events_timeline ON events(date_key, id,"
	" date_precision, end_key, end_precision, status, title_ko, title_en,"
	" orgs_ko, orgs_en);"
	"CREATE TRIGGER org_relabelled"
	" AFTER UPDATE OF short_name, name_ko, name_en ON organizations"
	" WHEN old.short_name IS NOT new.short_name"
	"  OR old.name_ko IS NOT new.name_ko OR old.name_en IS NOT new.name_en"
	" BEGIN UPDATE events" ORG_LABELS_SET("events.eid")
	" WHERE eid IN (SELECT eid FROM event_orgs WHERE oid = new.oid); END;",
	/* 11: the search index's columns with the body first. FTS5 writes a
	 * column's number (two bytes) before a term's positions in a row in
	 * any column but the first, and most of those are the body's (16.8 of
	 * 25.3 million at 100,000 events): the index took 137 MiB, 112 with
	 * the body first. The rows and scores are the same: columns are
	 * filtered by name, and bm25 takes its weights in the new order
	 * (store_queries.def), whose sums of whole numbers are exact in any
	 * order. Dropped and built again, as in 9, so it may run again over a
	 * database put back to an older version. */
	"DROP TABLE event_fts;"
	"CREATE VIRTUAL TABLE event_fts USING fts5(body, title, names, cho,"
	" tokenize = 'kbigram no_whole_runs', content = 'event_fts_source',"
	" content_rowid = 'eid');"
	"INSERT INTO event_fts(event_fts) VALUES ('rebuild');",
};

/* An external-content index deletes a row by reading its texts as they
 * are: an event leaves the index before anything it shows changes, and
 * is marked to go back in at the commit (store_fts_flush). Temporary
 * triggers (a connection's own, made by its first store_begin: every write
 * of the records is inside one) because only they may name temp.fts_dirty;
 * only the columns the index shows fire them, so that marking origins for
 * a dataset refresh does not take the timeline out. */
/* (Not INSERT OR IGNORE: an upsert's DO UPDATE makes its triggers'
 * conflicts abort.) */
#define FTS_LEAVE(EIDS) \
	" BEGIN DELETE FROM event_fts WHERE rowid IN (SELECT eid FROM (" EIDS \
	") WHERE eid NOT IN (SELECT eid FROM fts_dirty));" \
	" INSERT INTO fts_dirty SELECT DISTINCT eid FROM (" EIDS ")" \
	" WHERE eid NOT IN (SELECT eid FROM fts_dirty); END;"
#define FTS_LEAVE_EVENT \
	" WHEN old.eid NOT IN (SELECT eid FROM fts_dirty)" \
	" BEGIN DELETE FROM event_fts WHERE rowid = old.eid;" \
	" INSERT INTO fts_dirty VALUES (old.eid); END;"
static const char fts_triggers[] =
	"CREATE TEMP TRIGGER fts_event_edit BEFORE UPDATE OF date_key,"
	" title_ko, title_en, summary_ko, summary_en, notes_ko, notes_en"
	" ON main.events" FTS_LEAVE_EVENT
	"CREATE TEMP TRIGGER fts_event_drop BEFORE DELETE ON main.events"
	FTS_LEAVE_EVENT
	"CREATE TEMP TRIGGER fts_org_edit BEFORE UPDATE OF name_ko, name_en,"
	" short_name ON main.organizations"
	FTS_LEAVE("SELECT eid FROM event_orgs WHERE oid = old.oid")
	"CREATE TEMP TRIGGER fts_person_edit BEFORE UPDATE OF name_ko, name_en"
	" ON main.people"
	FTS_LEAVE("SELECT eid FROM event_people WHERE pid = old.pid")
	"CREATE TEMP TRIGGER fts_source_edit BEFORE UPDATE OF title, publisher"
	" ON main.sources"
	FTS_LEAVE("SELECT eid FROM event_sources WHERE sid = old.sid")
	"CREATE TEMP TRIGGER fts_org_alias_in BEFORE INSERT ON main.org_aliases"
	FTS_LEAVE("SELECT eid FROM event_orgs WHERE oid = new.oid")
	"CREATE TEMP TRIGGER fts_org_alias_out BEFORE DELETE ON main.org_aliases"
	FTS_LEAVE("SELECT eid FROM event_orgs WHERE oid = old.oid")
	"CREATE TEMP TRIGGER fts_person_alias_in BEFORE INSERT"
	" ON main.person_aliases"
	FTS_LEAVE("SELECT eid FROM event_people WHERE pid = new.pid")
	"CREATE TEMP TRIGGER fts_person_alias_out BEFORE DELETE"
	" ON main.person_aliases"
	FTS_LEAVE("SELECT eid FROM event_people WHERE pid = old.pid");

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

/* The integer of a one-row statement of the file's header or schema;
 * -1 with err set when it cannot be read. */
static int store_pragma_int(store *s, store_query q, yp_error *err)
{
	return (int)store_int(s, q, "reading the database", err);
}

int store_changed(store *s, yp_error *err)
{
	long version = store_pragma_int(s, Q_DATA_VERSION, err);
	if (version < 0)
		return -1;
	bool changed = s->data_version && version != s->data_version;
	s->data_version = version;
	if (changed)
		store_hits_forget(s);  /* the search's rows are of before */
	return changed;
}

/* A version-0 file may only be adopted when it is empty: a file with
 * tables but no schema version belongs to some other program. */
static yp_status store_check_foreign(store *s, yp_error *err)
{
	int tables = store_pragma_int(s, Q_SCHEMA_OBJECTS, err);
	if (tables < 0)
		return err ? err->status : YP_DATAERR;
	if (tables > 0)
		return yp_fail(err, YP_DATAERR,
			       "%s: not a yeonpyo database (it has %d tables but "
			       "no yeonpyo schema version); use %s to choose "
			       "another file", s->path, tables, store_db_flag());
	return YP_OK;
}

/* Reads user_version and refuses what this binary cannot open. Returns
 * the version, or -1 with err set. The check for another program's tables
 * needs the write lock (locked): without it, another yeonpyo may commit its
 * migration between reading the version and counting the tables. */
static int store_check_version(store *s, bool locked, yp_error *err)
{
	int version = store_pragma_int(s, Q_USER_VERSION, err);
	if (version < 0)
		return -1;
	if (version > STORE_SCHEMA_VERSION) {
		yp_fail(err, YP_DATAERR, "%s: database schema version %d is newer "
			"than this yeonpyo supports (%d); upgrade yeonpyo or use "
			"%s to choose another file", s->path, version,
			STORE_SCHEMA_VERSION, store_db_flag());
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
	const char *hint = "";  /* its %s: the option naming the file */
	int sys = s->db ? sqlite3_system_errno(s->db) : 0;
	if (sys == EACCES || sys == EPERM) {
		why = strerror(sys);
		hint = " (check the permissions of the file and its directory, "
		       "or use %s)";
	} else if (sys == ENOENT) {
		why = "no such directory";
		hint = " (create it, or use %s)";
	} else if (sys) {
		why = strerror(sys);
	}
	char said[160];
	snprintf(said, sizeof(said), hint, store_db_flag());
	yp_fail(err, YP_IOERR, "%s: cannot open database: %s%s", s->path, why,
		said);
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
		       "opening", err) != YP_OK) {
		store_close(s);
		return NULL;
	}
	/* made when first used: its schema took 3.1 M of the 30.7 M
	 * instructions of a browser's start (callgrind), which then
	 * attaches the file in its place */
	s->state_due = store_state_memory;
	return s;
}

void store_close(store *s)
{
	if (!s)
		return;
	store_stmts_free(s);
	sqlite3_close(s->db);
	store_hits_forget(s);
	store_forget_keys(s);
	free(s->path);
	free(s->state_path);
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
	sqlite3_stmt *st = store_stmt(s, Q_INTEGRITY_CHECK, NULL);
	if (!st)
		return store_sql_fail(s, err, "checking the database");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") != 0) {
			(*problems)++;
			fn(line, ctx);
		}
	}
	yp_status failed = rc != SQLITE_DONE
		? store_sql_fail(s, err, "checking the database") : YP_OK;
	sqlite3_reset(st);
	if (failed != YP_OK)
		return failed;
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
	/* made for the first write, not at open: parsing them was 2.8 M of
	 * the 8.3 M instructions of opening, and a browser mostly only reads */
	if (!s->fts_triggers) {
		yp_status made = store_exec(s, fts_triggers,
					    "starting a transaction", err);
		if (made != YP_OK)
			return made;
		s->fts_triggers = true;
	}
	yp_status st = store_exec(s, "BEGIN IMMEDIATE", "starting a transaction",
				  err);
	keep_keys(s, st == YP_OK);
	return st;
}

yp_status store_bulk_begin(store *s, yp_error *err)
{
	/* a transaction larger than the default 2 MB page cache spills
	 * pages to the file and reads them back: with 32 MB, storing 30,000
	 * events took 35% less time (the browser keeps the default). 8 MB
	 * keeps that gain: a 100,000-event document took the same CPU time
	 * (29.7-34.4 s user+sys against 31.3-33.9 s, alternated runs) and
	 * its peak RSS fell from 63 MB to 29 MB; the cache also bounds the
	 * sorter that rebuilds the timeline's index, which held as much
	 * again at the end of a large import. */
	yp_status st = store_exec(s, "PRAGMA cache_size = -8192",
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

/* Whether events written in this transaction wait for the index; true
 * when that cannot be read (-1: the flush then says what is wrong). */
static bool fts_dirty(store *s)
{
	return store_int(s, Q_FTS_DIRTY_ANY, "updating the search index",
			 NULL) != 0;
}

yp_status store_fts_flush(store *s, yp_error *err)
{
	/* a transaction that wrote only the state (notes) leaves the
	 * timeline alone: it may be a database shared read-only, where even
	 * a DELETE of no rows is refused */
	if (!fts_dirty(s))
		return YP_OK;
	/* the marked events left the index when they were marked (the
	 * triggers above), or were never in it */
	static const char sql[] =
		"INSERT INTO event_fts(rowid, title, body, names, cho)"
		" SELECT eid, title, body, names, cho FROM event_fts_source"
		" WHERE eid IN (SELECT eid FROM temp.fts_dirty);"
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
	store_binding b = store_take(s, Q_META_GET, NULL);
	if (!b.st)
		return NULL;
	store_bind_text(&b, ":key", key);
	char *v = NULL;
	if (store_bound(&b, "reading metadata", NULL) == YP_OK &&
	    sqlite3_step(b.st) == SQLITE_ROW)
		v = store_column_dup(b.st, 0);
	sqlite3_reset(b.st);
	return v;
}

yp_status store_meta_set(store *s, const char *key, const char *value,
			 yp_error *err)
{
	store_binding b = store_take(s, Q_META_SET, err);
	if (!b.st)
		return err ? err->status : YP_SOFTWARE;
	store_bind_text(&b, ":key", key);
	store_bind_text(&b, ":value", value);
	return store_run(&b, "writing metadata", err);
}

yp_status store_count(store *s, store_counts *out, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_RECORD_COUNTS, NULL);
	if (!st || sqlite3_step(st) != SQLITE_ROW) {
		yp_status rc = store_sql_fail(s, err, "counting records");
		if (st)
			sqlite3_reset(st);
		return rc;
	}
	out->orgs = (long)sqlite3_column_int64(st, 0);
	out->people = (long)sqlite3_column_int64(st, 1);
	out->sources = (long)sqlite3_column_int64(st, 2);
	out->events = (long)sqlite3_column_int64(st, 3);
	out->builtin_events = (long)sqlite3_column_int64(st, 4);
	out->user_events = (long)sqlite3_column_int64(st, 5);
	sqlite3_reset(st);
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
