/* store_sql.c: the statements the store keeps prepared, the helpers
 * every store_*.c file runs SQL through, and the keys of records. */
#include "store_priv.h"

#include <errno.h>
#include <string.h>

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

yp_status store_exec(store *s, const char *sql, const char *what,
		     yp_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(s, err, what);
	return YP_OK;
}
