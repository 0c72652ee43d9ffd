/* test_store.c: the database file: migrations from version 0, refusing
 * newer, foreign and corrupt files without touching them, foreign keys, and
 * refreshing the built-in dataset without touching user records. */
#include "support.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/dataset.h"
#include "yeonpyo/import.h"
#include "search_sql.h"

typedef struct {
	char *dir;
	char *db;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->dir = support_tmpdir();
	f->db = support_path(f->dir, "t.db");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	free(f->db);
	support_rmtree(f->dir);
	free(f);
	return 0;
}

/* support_sql on a connection that knows the search tokenizer, which the
 * search index's table needs even to be dropped. */
static void exec_sql_searchable(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(search_register(db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Puts a database's tables back as they were before migration 6 (which
 * cannot run twice: it adds columns), for tests that make a database of
 * an older version out of a new one. */
/* A database of version 10, from before the search index's body came
 * first (migration 11), made from a new one. */
#define BEFORE_11 "DROP TABLE event_fts;" \
	" CREATE VIRTUAL TABLE event_fts USING fts5(title, body, names, cho," \
	" tokenize = 'kbigram no_whole_runs', content = 'event_fts_source'," \
	" content_rowid = 'eid');" \
	" INSERT INTO event_fts(event_fts) VALUES ('rebuild');"
/* A database of version 8, from before the organizations' labels on the
 * events (migration 10), made from a new one. */
#define BEFORE_10 BEFORE_11 "DROP TRIGGER org_relabelled;" \
	" DROP INDEX events_timeline;" \
	" ALTER TABLE events DROP COLUMN orgs_ko;" \
	" ALTER TABLE events DROP COLUMN orgs_en;" \
	" CREATE INDEX events_timeline ON events(date_key, id," \
	" date_precision, end_key, end_precision, status, title_ko, title_en);"
#define BEFORE_6 BEFORE_10 "DROP VIEW IF EXISTS event_fts_source; DROP TABLE figures;" \
	" CREATE TABLE figures(" \
	" eid INTEGER NOT NULL REFERENCES events(eid) ON DELETE CASCADE," \
	" pos INTEGER NOT NULL, label_ko TEXT, label_en TEXT," \
	" value TEXT NOT NULL, PRIMARY KEY (eid, pos)) WITHOUT ROWID;" \
	" ALTER TABLE event_people DROP COLUMN title_ko;" \
	" ALTER TABLE event_people DROP COLUMN title_en; "

static void count_check_problem(const char *problem, void *ctx)
{
	(void)ctx;
	print_error("db check: %s\n", problem);
}

static long long query_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static bool count_found(const yp_event *e, bool in_note, void *ctx)
{
	(void)e;
	(void)in_note;
	(*(int *)ctx)++;
	return true;
}

static void migrates_an_empty_file_from_version_0(void **state)
{
	fixture *f = *state;
	support_write_file(f->db, ""); /* an empty file is an empty database */
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	assert_int_equal(store_found_version(s), 0);
	store_close(s);
	assert_int_equal(query_int(f->db, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM sqlite_schema "
		"WHERE type = 'table' AND name IN ('meta', 'organizations', "
		"'people', 'sources', 'events', 'event_orgs', 'event_people', "
		"'event_sources', 'event_tags', 'figures')"), 10);
	/* the timeline reads its rows from one index, in its order */
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM sqlite_schema "
		"WHERE type = 'index' AND name = 'events_timeline' AND sql LIKE "
		"'%(date_key, id, %title_en, orgs_ko, orgs_en)%'"), 1);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM sqlite_schema "
		"WHERE name = 'events_by_date'"), 0);
	/* opening again finds the current version and changes nothing */
	s = store_open(f->db, &err);
	assert_non_null(s);
	assert_int_equal(store_found_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
}

static void refuses_a_newer_schema_and_leaves_it_alone(void **state)
{
	fixture *f = *state;
	support_sql(f->db, "CREATE TABLE future(x); PRAGMA user_version = 99;");
	yp_error err = {0};
	assert_null(store_open(f->db, &err));
	assert_int_equal(err.status, YP_DATAERR);
	char want[600];
	snprintf(want, sizeof(want), "%s: database schema version 99 is newer "
		 "than this yeonpyo supports (%d); upgrade yeonpyo or use --db "
		 "to choose another file", f->db, STORE_SCHEMA_VERSION);
	assert_string_equal(err.message, want);
	assert_int_equal(query_int(f->db, "PRAGMA user_version"), 99);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM sqlite_schema"), 1);
}

static void refuses_another_programs_database(void **state)
{
	fixture *f = *state;
	support_sql(f->db, "CREATE TABLE mail(id); INSERT INTO mail VALUES (1);");
	yp_error err = {0};
	assert_null(store_open(f->db, &err));
	assert_int_equal(err.status, YP_DATAERR);
	char want[600];
	snprintf(want, sizeof(want), "%s: not a yeonpyo database (it has 1 "
		 "tables but no yeonpyo schema version); use --db to choose "
		 "another file", f->db);
	assert_string_equal(err.message, want);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM mail"), 1);
}

static void refuses_a_file_that_is_not_sqlite(void **state)
{
	fixture *f = *state;
	support_write_file(f->db, "this is a text file, not a database\n"
			   "with more than one line of content in it\n");
	yp_error err = {0};
	assert_null(store_open(f->db, &err));
	assert_int_equal(err.status, YP_DATAERR);
	assert_non_null(strstr(err.message, "file is not a database"));
	char *after = support_read_file(f->db, NULL);
	assert_string_equal(after, "this is a text file, not a database\n"
			    "with more than one line of content in it\n");
	free(after);
}

static void cannot_open_in_a_missing_directory(void **state)
{
	fixture *f = *state;
	char *path = support_path(f->dir, "no/such/dir/t.db");
	yp_error err = {0};
	assert_null(store_open(path, &err));
	assert_int_equal(err.status, YP_IOERR);
	assert_non_null(strstr(err.message, "cannot open database"));
	free(path);
}

static void foreign_keys_are_enforced(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	yp_event e = {0};
	e.id = "orphan";
	e.date.year = 2025;
	e.date.precision = DATE_YEAR;
	e.status = "done";
	e.kind = "plan";
	e.title.en = "T";
	yp_link link = {"no-such-org", "lead", {NULL, NULL}};
	e.orgs = &link;
	e.n_orgs = 1;
	assert_int_equal(store_begin(s, &err), YP_OK);
	/* the store relies on callers validating; the schema still refuses */
	assert_int_not_equal(store_put_event(s, &e, ORIGIN_USER, NULL, &err),
			     YP_OK);
	store_rollback(s);
	store_close(s);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM events"), 0);
}

/* A database made current by a first open, then put back by sql to an
 * older version, opened again: the store has migrated from version. */
static store *reopened_after(fixture *f, const char *sql, int version)
{
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	store_close(s);
	exec_sql_searchable(f->db, sql);
	s = store_open(f->db, &err);
	assert_non_null(s);
	assert_int_equal(store_found_version(s), version);
	return s;
}

/* A version-1 database (no search index) with records gets the index
 * built from them when a version-2 yeonpyo opens it. */
static void migration_2_indexes_existing_events(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = reopened_after(f, BEFORE_6 "DROP TABLE event_fts; PRAGMA user_version = 1;"
		 "INSERT INTO events(id, date_key, date_precision, span_end,"
		 " status, kind, title_ko, origin) VALUES ('old', 20210000, 1,"
		 " 20211231, 'done', 'plan', '오래된 동맹군 기록', 'user');", 1);
	int hits = 0;
	assert_int_equal(store_search(s, "{title body names} : \"동맹\"", 10,
				      count_found, &hits, &err), YP_OK);
	assert_int_equal(hits, 1);
	store_close(s);
	assert_int_equal(query_int(f->db, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
}

/* --- built-in dataset refresh ---------------------------------------- */

static const char v1[] =
	"{\"format\": \"yeonpyo/1\", \"dataset\": {\"id\": \"t\", \"version\": 1, "
	"\"title\": {\"en\": \"Test v1\"}},"
	" \"organizations\": [{\"id\": \"a\", \"name\": {\"en\": \"A\"}, \"kind\": "
	"\"company\"}, {\"id\": \"gone\", \"name\": {\"en\": \"Gone\"}, \"kind\": "
	"\"lab\"}],"
	" \"events\": ["
	"{\"id\": \"e1\", \"date\": \"2021\", \"status\": \"done\", \"kind\": "
	"\"plan\", \"title\": {\"en\": \"One v1\"}, \"summary\": {\"en\": \"S.\"},"
	" \"organizations\": [{\"id\": \"a\", \"role\": \"lead\"}]},"
	"{\"id\": \"e2\", \"date\": \"2022\", \"status\": \"done\", \"kind\": "
	"\"plan\", \"title\": {\"en\": \"Two v1\"}, \"summary\": {\"en\": \"S.\"},"
	" \"organizations\": [{\"id\": \"gone\", \"role\": \"lead\"}]},"
	"{\"id\": \"e3\", \"date\": \"2023\", \"status\": \"done\", \"kind\": "
	"\"plan\", \"title\": {\"en\": \"Three v1\"}, \"summary\": {\"en\": \"S.\"}}"
	"]}";

static const char v2[] =
	"{\"format\": \"yeonpyo/1\", \"dataset\": {\"id\": \"t\", \"version\": 2, "
	"\"title\": {\"en\": \"Test v2\"}},"
	" \"organizations\": [{\"id\": \"a\", \"name\": {\"en\": \"A2\"}, \"kind\": "
	"\"company\"}],"
	" \"events\": ["
	"{\"id\": \"e1\", \"date\": \"2021\", \"status\": \"done\", \"kind\": "
	"\"plan\", \"title\": {\"en\": \"One v2\"}, \"summary\": {\"en\": \"S.\"}},"
	"{\"id\": \"e3\", \"date\": \"2023\", \"status\": \"done\", \"kind\": "
	"\"plan\", \"title\": {\"en\": \"Three v2\"}, \"summary\": {\"en\": \"S.\"}},"
	"{\"id\": \"e4\", \"date\": \"2024\", \"status\": \"done\", \"kind\": "
	"\"plan\", \"title\": {\"en\": \"Four v2\"}, \"summary\": {\"en\": \"S.\"}}"
	"]}";

static void sync(store *s, const char *json)
{
	diag d = DIAG_INIT;
	yp_error err = {0};
	yp_status rc = dataset_sync_from(s, "test", json, strlen(json), &d, &err);
	if (rc != YP_OK)
		fail_msg("%s %s", err.message, strbuf_str(&d.text));
	diag_free(&d);
}

/* Imports json as the import command does when bulk (foreign key checks
 * off while it writes), then commits, or rolls back when !commit. */
static void import_as(store *s, const char *json, bool bulk, bool commit)
{
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	yp_error err = {0};
	assert_int_equal(bulk ? store_bulk_begin(s, &err) : store_begin(s, &err),
			 YP_OK);
	assert_int_equal(import_buffer(s, "user", json, strlen(json),
				       ORIGIN_USER, &st, &d, &err), YP_OK);
	if (commit)
		assert_int_equal(store_commit(s, &err), YP_OK);
	else
		store_rollback(s);
	import_stats_clear(&st);
	diag_free(&d);
}

static void user_import(store *s, const char *json)
{
	import_as(s, json, false, true);
}

static char *title_of(store *s, const char *id)
{
	yp_event e;
	yp_error err = {0};
	if (store_get_event(s, id, &e, &err) != YP_OK)
		return NULL;
	char *t = strdup(e.title.en);
	model_event_clear(&e);
	return t;
}

static void assert_title(store *s, const char *id, const char *want)
{
	char *t = title_of(s, id);
	if (!want) {
		assert_null(t);
		return;
	}
	assert_non_null(t);
	assert_string_equal(t, want);
	free(t);
}

static void refresh_replaces_builtin_but_never_user_records(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	sync(s, v1);
	assert_title(s, "e2", "Two v1");
	/* the user overrides e3 and adds u1, which uses built-in org a */
	user_import(s, "{\"format\": \"yeonpyo/1\", \"events\": ["
		"{\"id\": \"e3\", \"date\": \"2023\", \"status\": \"done\", \"kind\":"
		" \"plan\", \"title\": {\"en\": \"Three mine\"}, \"summary\": "
		"{\"en\": \"S.\"}},"
		"{\"id\": \"u1\", \"date\": \"2020\", \"status\": \"done\", \"kind\":"
		" \"plan\", \"title\": {\"en\": \"Mine\"}, \"summary\": {\"en\": "
		"\"S.\"}, \"organizations\": [{\"id\": \"a\", \"role\": \"lead\"}]}]}");
	sync(s, v2);
	assert_title(s, "e1", "One v2");       /* refreshed */
	assert_title(s, "e2", NULL);           /* dropped from the dataset */
	assert_title(s, "e3", "Three mine");   /* the user's version stays */
	assert_title(s, "e4", "Four v2");      /* new */
	assert_title(s, "u1", "Mine");         /* user record untouched */
	/* the kept count follows inserts, upserts and the dropped e2 */
	assert_int_equal(store_rows_total(s, NULL, &err), 4);
	char *meta = store_meta_get(s, META_BUILTIN_VERSION);
	assert_string_equal(meta, "2");
	free(meta);
	meta = store_meta_get(s, META_TITLE_EN);
	assert_string_equal(meta, "Test v2");
	free(meta);
	store_close(s);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM organizations "
				   "WHERE id = 'gone'"), 0);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM events"), 4);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM events WHERE "
				   "origin = 'user'"), 2);
}

/* After a bulk import, committed or rolled back, the connection checks
 * foreign keys again: the refresh that drops e2 takes its links with it
 * (ON DELETE CASCADE), so the organization only e2 used goes too. */
static void foreign_keys_return_after_a_bulk_import(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	sync(s, v1);
	static const char user[] = "{\"format\": \"yeonpyo/1\", \"events\": ["
		"{\"id\": \"u1\", \"date\": \"2020\", \"status\": \"done\", "
		"\"kind\": \"plan\", \"title\": {\"en\": \"Mine\"}, "
		"\"summary\": {\"en\": \"S.\"}, \"organizations\": "
		"[{\"id\": \"a\", \"role\": \"lead\"}]}]}";
	import_as(s, user, true, false);
	import_as(s, user, true, true);
	sync(s, v2);
	assert_title(s, "e2", NULL);
	assert_title(s, "u1", "Mine");
	store_close(s);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM event_orgs "
				   "WHERE eid NOT IN (SELECT eid FROM events)"), 0);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM organizations "
				   "WHERE id = 'gone'"), 0);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM event_orgs"), 1);
}

static void older_builtin_version_is_not_applied(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	sync(s, v2);
	sync(s, v1);
	assert_title(s, "e1", "One v2");
	assert_title(s, "e2", NULL);
	char *meta = store_meta_get(s, META_BUILTIN_VERSION);
	assert_string_equal(meta, "2");
	free(meta);
	store_close(s);
}

static void disabled_builtin_is_never_loaded(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	assert_int_equal(dataset_disable(s, &err), YP_OK);
	sync(s, v1);
	assert_int_equal(dataset_sync(s, &err), YP_OK);
	store_counts c;
	assert_int_equal(store_count(s, &c, &err), YP_OK);
	assert_int_equal(c.events, 0);
	store_close(s);
}

/* --- keyset windows ---------------------------------------------------- */

typedef struct {
	char ids[8][8];
	int n;
} id_list;

static bool collect_id(const event_row *row, void *ctx)
{
	id_list *l = ctx;
	if (l->n < 8)
		snprintf(l->ids[l->n++], sizeof(l->ids[0]), "%s", row->id);
	return true;
}

static void assert_window(store *s, const event_filter *flt, const char *id,
			  row_window how, long limit, const char *want)
{
	yp_error err = {0};
	row_key key = {0, id};
	yp_event e;
	if (id) {
		assert_int_equal(store_get_event(s, id, &e, &err), YP_OK);
		key.date_key = date_key(&e.date);
		model_event_clear(&e);
	}
	id_list l = {.n = 0};
	assert_int_equal(store_rows_from(s, flt, id ? &key : NULL, how, limit,
					 collect_id, &l, &err), YP_OK);
	char got[80] = "";
	for (int i = 0; i < l.n; i++) {
		strcat(got, i ? " " : "");
		strcat(got, l.ids[i]);
	}
	assert_string_equal(got, want);
}

/* Rows sharing a date order by id, so no window skips or repeats one. */
static void windows_walk_timeline_order_by_key(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	sync(s, v2);
	user_import(s, "{\"format\": \"yeonpyo/1\", \"events\": ["
		"{\"id\": \"e2\", \"date\": \"2023\", \"status\": \"done\", \"kind\":"
		" \"plan\", \"title\": {\"en\": \"Two\"}, \"summary\": "
		"{\"en\": \"S.\"}},"
		"{\"id\": \"e5\", \"date\": \"2023\", \"status\": \"done\", \"kind\":"
		" \"plan\", \"title\": {\"en\": \"Five\"}, \"summary\": "
		"{\"en\": \"S.\"}}]}");
	event_filter all = {0};
	/* order: e1 2021, e2 e3 e5 2023, e4 2024 */
	assert_window(s, &all, NULL, WINDOW_FIRST, 3, "e1 e2 e3");
	assert_window(s, &all, NULL, WINDOW_LAST, 2, "e4 e5");
	assert_window(s, &all, "e3", WINDOW_AT, 10, "e3 e5 e4");
	assert_window(s, &all, "e3", WINDOW_AFTER, 1, "e5");
	assert_window(s, &all, "e3", WINDOW_BEFORE, 10, "e2 e1");
	assert_window(s, &all, "e4", WINDOW_AFTER, 10, "");
	assert_int_equal(store_rows_total(s, &all, &err), 5);
	yp_event e;
	assert_int_equal(store_get_event(s, "e3", &e, &err), YP_OK);
	row_key k3 = {date_key(&e.date), "e3"};
	model_event_clear(&e);
	assert_int_equal(store_rows_before(s, &all, &k3, &err), 2);
	/* between two places: from included, to not (e3 e5 up to e4) */
	assert_int_equal(store_get_event(s, "e4", &e, &err), YP_OK);
	row_key k4 = {date_key(&e.date), "e4"};
	model_event_clear(&e);
	assert_int_equal(store_rows_between(s, &all, &k3, &k4, &err), 2);
	assert_int_equal(store_rows_between(s, &all, &k4, &k4, &err), 0);
	event_filter from_2023 = {.from_day = 20230101};
	assert_window(s, &from_2023, NULL, WINDOW_FIRST, 10, "e2 e3 e5 e4");
	assert_window(s, &from_2023, "e3", WINDOW_BEFORE, 10, "e2");
	assert_int_equal(store_rows_before(s, &from_2023, &k3, &err), 1);
	/* a filter's rows are gathered once; a write makes them stale */
	assert_int_equal(store_rows_total(s, &from_2023, &err), 4);
	user_import(s, "{\"format\": \"yeonpyo/1\", \"events\": ["
		"{\"id\": \"e6\", \"date\": \"2025\", \"status\": \"done\", \"kind\":"
		" \"plan\", \"title\": {\"en\": \"Six\"}, \"summary\": "
		"{\"en\": \"S.\"}}]}");
	assert_int_equal(store_rows_total(s, &from_2023, &err), 5);
	assert_window(s, &from_2023, "e4", WINDOW_AFTER, 10, "e6");
	event_filter found = {.match = "\"Six\""};
	assert_int_equal(store_rows_total(s, &found, &err), 1);
	assert_window(s, &found, NULL, WINDOW_LAST, 10, "e6");
	assert_int_equal(store_rows_total(s, &from_2023, &err), 5);
	store_close(s);
}

/* A version-2 database has no kept count: opening it counts its events,
 * and from then on triggers keep the count. */
static void migration_3_counts_existing_events(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = reopened_after(f, BEFORE_6 "DROP TRIGGER event_counted;"
		" DROP TRIGGER event_uncounted; DROP TABLE event_count;"
		" PRAGMA user_version = 2;"
		" INSERT INTO events(id, date_key, date_precision, span_end,"
		" status, kind, title_en, origin) VALUES ('a', 20210000, 1,"
		" 20211231, 'done', 'plan', 'A', 'user'), ('b', 20220000, 1,"
		" 20221231, 'done', 'plan', 'B', 'user');", 2);
	assert_int_equal(store_rows_total(s, NULL, &err), 2);
	user_import(s, "{\"format\": \"yeonpyo/1\", \"events\": ["
		"{\"id\": \"c\", \"date\": \"2023\", \"status\": \"done\", \"kind\":"
		" \"plan\", \"title\": {\"en\": \"C\"}, \"summary\": "
		"{\"en\": \"S.\"}}]}");
	assert_int_equal(store_rows_total(s, NULL, &err), 3);
	store_close(s);
	assert_int_equal(query_int(f->db, "SELECT n FROM event_count"), 3);
}

/* Version 4 keeps events per month: the migration counts what is there,
 * and inserts, moves to another month and deletes keep it right. */
static void migration_4_counts_events_per_month(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = reopened_after(f, BEFORE_6 "DROP TRIGGER event_month_in;"
		" DROP TRIGGER event_month_out; DROP TRIGGER event_month_moved;"
		" DROP TABLE event_months; PRAGMA user_version = 3;"
		" INSERT INTO events(id, date_key, date_precision, span_end,"
		" status, kind, title_en, origin) VALUES ('a', 20210300, 2,"
		" 20210331, 'done', 'plan', 'A', 'user'), ('b', 20210315, 3,"
		" 20210315, 'done', 'plan', 'B', 'user');", 3);
	static const char same[] = "SELECT count(*) FROM (SELECT month, n FROM"
		" event_months WHERE n > 0 EXCEPT SELECT date_key / 100, count(*)"
		" FROM events GROUP BY 1) UNION ALL SELECT count(*) FROM"
		" (SELECT date_key / 100, count(*) FROM events GROUP BY 1 EXCEPT"
		" SELECT month, n FROM event_months)";
	assert_int_equal(query_int(f->db, "SELECT n FROM event_months"
		" WHERE month = 202103"), 2);
	user_import(s, "{\"format\": \"yeonpyo/1\", \"events\": ["
		"{\"id\": \"c\", \"date\": \"2021-03\", \"status\": \"done\","
		" \"kind\": \"plan\", \"title\": {\"en\": \"C\"}, \"summary\": "
		"{\"en\": \"S.\"}},"
		"{\"id\": \"b\", \"date\": \"2022-07-01\", \"status\": \"done\","
		" \"kind\": \"plan\", \"title\": {\"en\": \"B\"}, \"summary\": "
		"{\"en\": \"S.\"}}]}");
	store_close(s);
	assert_int_equal(query_int(f->db, "SELECT n FROM event_months"
		" WHERE month = 202103"), 2);
	assert_int_equal(query_int(f->db, "SELECT n FROM event_months"
		" WHERE month = 202207"), 1);
	exec_sql_searchable(f->db, "DELETE FROM events WHERE id = 'a'");
	assert_int_equal(query_int(f->db, "SELECT n FROM event_months"
		" WHERE month = 202103"), 1);
	assert_int_equal(query_int(f->db, same), 0);
	/* a place counted through the months agrees with counting rows */
	s = store_open(f->db, &err);
	row_key b = {20220701, "b"}, c = {20210300, "c"};
	assert_int_equal(store_rows_before(s, NULL, &b, &err), 1 + query_int(
		f->db, "SELECT count(*) FROM events WHERE date_key < 20210000"));
	assert_int_equal(store_rows_between(s, NULL, &c, &b, &err), 1);
	store_close(s);
}

/* Version 6 lets a figure's value be one per language and a person's
 * link carry a title: a version-5 database keeps its figures (rebuilt
 * table), and afterwards takes both, searchable. */
static void migration_6_keeps_figures_and_takes_both_forms(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = reopened_after(f, BEFORE_6 "PRAGMA user_version = 5;"
		" INSERT INTO events(id, date_key, date_precision, span_end,"
		" status, kind, title_en, origin) VALUES ('a', 20210000, 1,"
		" 20211231, 'done', 'plan', 'A', 'user');"
		" INSERT INTO figures SELECT eid, 0, NULL, 'Staff', '200'"
		" FROM events;", 5);
	yp_event e;
	assert_int_equal(store_get_event(s, "a", &e, &err), YP_OK);
	assert_int_equal(e.n_figures, 1);
	assert_string_equal(e.figures[0].label.en, "Staff");
	assert_string_equal(e.figures[0].value, "200");
	assert_null(e.figures[0].by_lang.ko);
	model_event_clear(&e);
	user_import(s, "{\"format\": \"yeonpyo/1\", \"people\": [{\"id\":"
		" \"p\", \"name\": {\"en\": \"P\"}}], \"events\": ["
		"{\"id\": \"b\", \"date\": \"2022\", \"status\": \"done\","
		" \"kind\": \"plan\", \"title\": {\"en\": \"B\"}, \"summary\":"
		" {\"en\": \"S.\"}, \"people\": [{\"id\": \"p\", \"role\":"
		" \"lead\", \"title\": {\"ko\": \"\xea\xb0\x80\", \"en\": \"Chair\"}}],"
		" \"figures\": [{\"label\": {\"en\": \"Sum\"}, \"value\":"
		" {\"ko\": \"\xec\x95\xbd \xec\x98\xa4\xeb\xb0\xb1\", \"en\": \"about five hundred\"}}]}]}");
	assert_int_equal(store_get_event(s, "b", &e, &err), YP_OK);
	assert_null(e.figures[0].value);
	assert_string_equal(e.figures[0].by_lang.en, "about five hundred");
	assert_string_equal(e.people[0].title.en, "Chair");
	model_event_clear(&e);
	int hits = 0;
	assert_int_equal(store_search(s, "{title body names} : \"hundred\"", 10,
				      count_found, &hits, &err), YP_OK);
	assert_int_equal(hits, 1);
	store_close(s);
	/* exactly one form of a value: the schema refuses both or neither */
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE figures SET value = 'x'"
				      " WHERE value IS NULL", NULL, NULL, NULL),
			 SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "UPDATE figures SET value_en = NULL",
				      NULL, NULL, NULL), SQLITE_CONSTRAINT);
	sqlite3_close(db);
}

/* An event's labels as "ko|en", read from the file. */
static char *labels_of(const char *path, const char *id)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT orgs_ko || '|' ||"
		" orgs_en FROM events WHERE id = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void assert_labels(const char *path, const char *id, const char *want)
{
	char *got = labels_of(path, id);
	assert_string_equal(got, want);
	free(got);
}

/* Events whose kept labels differ from their organizations read through
 * the links, as the timeline read them before the labels were kept. */
#define LABELS_OFF "SELECT count(*) FROM events e WHERE orgs_ko IS NOT" \
	" coalesce((SELECT group_concat(n, '\xc2\xb7') FROM (SELECT" \
	" coalesce(o.short_name, o.name_ko, o.name_en) AS n FROM event_orgs l" \
	" JOIN organizations o ON o.oid = l.oid WHERE l.eid = e.eid" \
	" ORDER BY l.pos)), '') OR orgs_en IS NOT" \
	" coalesce((SELECT group_concat(n, '\xc2\xb7') FROM (SELECT" \
	" coalesce(o.short_name, o.name_en, o.name_ko) AS n FROM event_orgs l" \
	" JOIN organizations o ON o.oid = l.oid WHERE l.eid = e.eid" \
	" ORDER BY l.pos)), '')"

#define LABEL_EVENT(ID, ORGS) "{\"id\": \"" ID "\", \"date\": \"2021\"," \
	" \"status\": \"done\", \"kind\": \"plan\", \"title\": {\"en\": \"T\"}," \
	" \"summary\": {\"en\": \"S.\"}, \"organizations\": [" ORGS "]}"
#define LABEL_ORG(ID, REST) "{\"id\": \"" ID "\", \"kind\": \"lab\", " REST "}"
#define LINK(ID) "{\"id\": \"" ID "\", \"role\": \"lead\"}"

/* The organizations a timeline row shows are kept on the event: written
 * with it, written again when it is, and when an organization's short
 * name or name changes, for every event of it; each as the links give. */
static void org_labels_follow_events_and_renamed_organizations(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	user_import(s, "{\"format\": \"yeonpyo/1\", \"organizations\": ["
		LABEL_ORG("a", "\"name\": {\"ko\": \"가나\", \"en\": \"Gana\"}") ","
		LABEL_ORG("b", "\"name\": {\"en\": \"Bee\"}, \"short\": \"B\"") ","
		LABEL_ORG("c", "\"name\": {\"ko\": \"다라\"}") "],"
		" \"events\": [" LABEL_EVENT("e1", LINK("a") "," LINK("b")) ","
		LABEL_EVENT("e2", "") "," LABEL_EVENT("e3", LINK("c") "," LINK("a"))
		"]}");
	assert_labels(f->db, "e1", "가나\xc2\xb7" "B|Gana\xc2\xb7" "B");
	assert_labels(f->db, "e2", "|");
	assert_labels(f->db, "e3", "다라\xc2\xb7가나|다라\xc2\xb7Gana");
	/* a short name for a: both of its events */
	user_import(s, "{\"format\": \"yeonpyo/1\", \"organizations\": ["
		LABEL_ORG("a", "\"name\": {\"ko\": \"가나\", \"en\": \"Gana\"},"
			  " \"short\": \"GN\"") "]}");
	assert_labels(f->db, "e1", "GN\xc2\xb7" "B|GN\xc2\xb7" "B");
	assert_labels(f->db, "e3", "다라\xc2\xb7GN|다라\xc2\xb7GN");
	/* c's name in English, a's short name gone */
	user_import(s, "{\"format\": \"yeonpyo/1\", \"organizations\": ["
		LABEL_ORG("c", "\"name\": {\"ko\": \"다라\", \"en\": \"Dara\"}") ","
		LABEL_ORG("a", "\"name\": {\"ko\": \"가나\", \"en\": \"Gana\"}")
		"]}");
	assert_labels(f->db, "e3", "다라\xc2\xb7가나|Dara\xc2\xb7Gana");
	assert_labels(f->db, "e1", "가나\xc2\xb7" "B|Gana\xc2\xb7" "B");
	/* an event written again with other organizations, and with none */
	user_import(s, "{\"format\": \"yeonpyo/1\", \"events\": ["
		LABEL_EVENT("e1", LINK("c")) "," LABEL_EVENT("e3", "") ","
		LABEL_EVENT("e2", LINK("b") "," LINK("a")) "]}");
	assert_labels(f->db, "e1", "다라|Dara");
	assert_labels(f->db, "e2", "B\xc2\xb7가나|B\xc2\xb7Gana");
	assert_labels(f->db, "e3", "|");
	assert_int_equal(query_int(f->db, LABELS_OFF), 0);
	store_close(s);
}

/* A version-8 database gets each event's labels from its links. */
static void migration_10_labels_existing_events(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	user_import(s, "{\"format\": \"yeonpyo/1\", \"organizations\": ["
		LABEL_ORG("a", "\"name\": {\"ko\": \"가나\", \"en\": \"Gana\"}") ","
		LABEL_ORG("b", "\"name\": {\"en\": \"Bee\"}, \"short\": \"B\"")
		"], \"events\": [" LABEL_EVENT("e1", LINK("a") "," LINK("b")) ","
		LABEL_EVENT("e2", "") "]}");
	store_close(s);
	s = reopened_after(f, BEFORE_10 " PRAGMA user_version = 9;", 9);
	store_close(s);
	assert_labels(f->db, "e1", "가나\xc2\xb7" "B|Gana\xc2\xb7" "B");
	assert_labels(f->db, "e2", "|");
	assert_int_equal(query_int(f->db, LABELS_OFF), 0);
}

static bool put_id(const yp_event *e, bool in_note, void *ctx)
{
	(void)in_note;
	strbuf_printf(ctx, "%s ", e->id);
	return true;
}

/* A version-10 database gets its search index built again with the body
 * first, and finds and ranks as before: a title weighs ten times a body. */
static void migration_11_puts_the_body_first(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	user_import(s, "{\"format\": \"yeonpyo/1\", \"events\": ["
		"{\"id\": \"in-body\", \"date\": \"2021\", \"status\": \"done\","
		" \"kind\": \"plan\", \"title\": {\"ko\": \"협력 발표\"},"
		" \"summary\": {\"ko\": \"동맹군 훈련\"}},"
		"{\"id\": \"in-title\", \"date\": \"2022\", \"status\": \"done\","
		" \"kind\": \"plan\", \"title\": {\"ko\": \"동맹 출범\"},"
		" \"summary\": {\"ko\": \"요약\"}}]}");
	store_close(s);
	s = reopened_after(f, BEFORE_11 " PRAGMA user_version = 10;", 10);
	strbuf ids = STRBUF_INIT;
	assert_int_equal(store_search(s, "{title body names} : \"동맹\"", 10,
				      put_id, &ids, &err), YP_OK);
	assert_string_equal(strbuf_str(&ids), "in-title in-body ");
	long problems = -1;
	assert_int_equal(store_check(s, count_check_problem, NULL, &problems,
				     &err), YP_OK);
	assert_int_equal(problems, 0);
	strbuf_free(&ids);
	store_close(s);
	assert_int_equal(query_int(f->db, "SELECT sql LIKE '%fts5(body, title,%'"
				   " FROM sqlite_schema WHERE name = 'event_fts'"), 1);
	assert_int_equal(query_int(f->db, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
}

/* An import's ids: each kind apart, the first place kept, and none left
 * for the next import, whether the last committed or rolled back. */
static void import_ids_keep_first_places_for_one_import(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	store *s = store_open(f->db, &err);
	assert_non_null(s);
	bool added = false;
	size_t first = 0;
	assert_int_equal(store_begin(s, &err), YP_OK);
	assert_int_equal(store_ids_begin(s, &err), YP_OK);
	assert_int_equal(store_ids_add(s, RECORD_EVENT, "a", 3, &added, &first,
				       &err), YP_OK);
	assert_true(added);
	assert_int_equal(store_ids_add(s, RECORD_ORG, "a", 1, &added, &first,
				       &err), YP_OK);
	assert_true(added);
	assert_int_equal(store_ids_add(s, RECORD_EVENT, "a", 7, &added, &first,
				       &err), YP_OK);
	assert_false(added);
	assert_int_equal(first, 3);
	assert_true(store_ids_has(s, RECORD_EVENT, "a"));
	assert_false(store_ids_has(s, RECORD_PERSON, "a"));
	store_rollback(s);
	assert_int_equal(store_begin(s, &err), YP_OK);
	assert_int_equal(store_ids_begin(s, &err), YP_OK);
	assert_false(store_ids_has(s, RECORD_EVENT, "a"));
	assert_int_equal(store_ids_add(s, RECORD_EVENT, "b", 2, &added, &first,
				       &err), YP_OK);
	assert_int_equal(store_commit(s, &err), YP_OK);
	assert_int_equal(store_begin(s, &err), YP_OK);
	assert_int_equal(store_ids_begin(s, &err), YP_OK);
	assert_false(store_ids_has(s, RECORD_EVENT, "b"));
	assert_int_equal(store_ids_end(s, &err), YP_OK);
	assert_int_equal(store_commit(s, &err), YP_OK);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrates_an_empty_file_from_version_0, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_a_newer_schema_and_leaves_it_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_another_programs_database, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_a_file_that_is_not_sqlite, setup, teardown),
		cmocka_unit_test_setup_teardown(cannot_open_in_a_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(foreign_keys_are_enforced, setup, teardown),
		cmocka_unit_test_setup_teardown(migration_2_indexes_existing_events, setup, teardown),
		cmocka_unit_test_setup_teardown(migration_3_counts_existing_events, setup, teardown),
		cmocka_unit_test_setup_teardown(migration_4_counts_events_per_month, setup, teardown),
		cmocka_unit_test_setup_teardown(migration_6_keeps_figures_and_takes_both_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(refresh_replaces_builtin_but_never_user_records, setup, teardown),
		cmocka_unit_test_setup_teardown(foreign_keys_return_after_a_bulk_import, setup, teardown),
		cmocka_unit_test_setup_teardown(older_builtin_version_is_not_applied, setup, teardown),
		cmocka_unit_test_setup_teardown(disabled_builtin_is_never_loaded, setup, teardown),
		cmocka_unit_test_setup_teardown(windows_walk_timeline_order_by_key, setup, teardown),
		cmocka_unit_test_setup_teardown(org_labels_follow_events_and_renamed_organizations, setup, teardown),
		cmocka_unit_test_setup_teardown(migration_10_labels_existing_events, setup, teardown),
		cmocka_unit_test_setup_teardown(migration_11_puts_the_body_first, setup, teardown),
		cmocka_unit_test_setup_teardown(import_ids_keep_first_places_for_one_import, setup, teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
