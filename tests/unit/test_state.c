/* test_state.c: the user's own state.db, attached to the timeline's
 * connection: its schema and the upgrade from version 1 (marks and widths
 * kept), a newer one refused, and what its failures name. */
#include "support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "yeonpyo/diag.h"
#include "yeonpyo/import.h"

typedef struct {
	char *dir;
	char *state;   /* its state.db, not made yet */
	store *s;      /* over tests/data/sample.json, the state in memory */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->dir = support_tmpdir();
	f->state = support_path(f->dir, "state.db");
	char *db = support_path(f->dir, "t.db");
	yp_error err = {0};
	f->s = store_open(db, &err);
	free(db);
	assert_non_null(f->s);
	char *json = support_read_file("tests/data/sample.json", NULL);
	assert_non_null(json);
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	assert_int_equal(store_begin(f->s, &err), YP_OK);
	assert_int_equal(import_buffer(f->s, "sample.json", json, strlen(json),
				       ORIGIN_USER, &st, &d, &err), YP_OK);
	assert_int_equal(store_commit(f->s, &err), YP_OK);
	import_stats_clear(&st);
	diag_free(&d);
	free(json);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->s);
	free(f->state);
	support_rmtree(f->dir);
	free(f);
	return 0;
}

static void exec_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* The first column of the first row of sql over the file at path, as
 * text ("" for NULL, "(none)" for no row). */
static char *query_text(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		v = strdup(t ? (const char *)t : "");
	} else {
		v = strdup("(none)");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void assert_query(const char *path, const char *sql, const char *want)
{
	char *got = query_text(path, sql);
	assert_string_equal(got, want);
	free(got);
}

/* The ids of the timeline's rows with their marks: "e-2024-day*+" for
 * one marked and seen. */
static bool put_row(const event_row *row, void *ctx)
{
	strbuf_printf(ctx, "%s%s%s ", row->id, row->marked ? "*" : "",
		      row->seen ? "+" : "");
	return true;
}

static char *rows(store *s)
{
	strbuf sb = STRBUF_INIT;
	yp_error err = {0};
	assert_int_equal(store_rows_from(s, NULL, NULL, WINDOW_FIRST, 10,
					 put_row, &sb, &err), YP_OK);
	return strbuf_take(&sb);
}

/* state.db as version 1 made it, with a mark, a seen event and the
 * widths of two terminals. */
static const char v1_state[] =
	"CREATE TABLE marks(event_id TEXT PRIMARY KEY, at INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE seen(event_id TEXT PRIMARY KEY, at INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE terminals(term TEXT PRIMARY KEY,"
	" ambiwidth INTEGER NOT NULL, lines INTEGER NOT NULL,"
	" at INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO marks VALUES ('e-2024-month', 1700000000);"
	"INSERT INTO seen VALUES ('e-2025-year', 1700000001);"
	"INSERT INTO terminals VALUES ('xterm', 2, 1, 1700000002),"
	" ('tmux-256color', 1, 1, 1700000003);"
	"PRAGMA user_version = 1;"
	"PRAGMA journal_mode = WAL;";

static void version_1_state_upgrades_keeping_marks_and_widths(void **state)
{
	fixture *f = *state;
	exec_sql(f->state, v1_state);
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_OK);
	char *r = rows(f->s);
	assert_string_equal(r, "e-2024-day e-2024-month* e-2025-year+ ");
	free(r);
	int amb = 0, lines = 0;
	store_terminal_widths(f->s, "xterm", &amb, &lines);
	assert_int_equal(amb, 2);
	assert_int_equal(lines, 1);
	store_terminal_widths(f->s, "tmux-256color", &amb, &lines);
	assert_int_equal(amb, 1);
	store_close(f->s);
	f->s = NULL;
	assert_query(f->state, "PRAGMA user_version", "2");
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM"
		     " pragma_table_info('terminals')", "term ambiguous lines at");
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM"
		     " pragma_table_info('notes')", "nid event_id text at");
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM"
		     " pragma_table_info('places')",
		     "db event_id date_key lang detail_hidden at");
	assert_query(f->state, "SELECT count(*) FROM sqlite_schema WHERE"
		     " name = 'note_fts' OR type = 'trigger'", "4");
	assert_query(f->state, "SELECT group_concat(term || ambiguous || lines"
		     " || at, ' ') FROM terminals",
		     "tmux-256color111700000003 xterm211700000002");
	assert_query(f->state, "PRAGMA journal_mode", "wal");
}

/* A new file is made at version 2 at once, with the same tables. */
static void a_new_state_is_made_at_version_2(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_OK);
	assert_int_equal(store_set_terminal_widths(f->s, "vt100", 2, 2, &err),
			 YP_OK);
	store_close(f->s);
	f->s = NULL;
	assert_query(f->state, "PRAGMA user_version", "2");
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM"
		     " pragma_table_info('terminals')", "term ambiguous lines at");
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM (SELECT"
		     " name FROM sqlite_schema WHERE type IN ('table', 'trigger')"
		     " AND name NOT LIKE 'note_fts_%' ORDER BY name)",
		     "marks note_fts note_indexed note_reindexed note_unindexed"
		     " notes places seen terminals");
	assert_query(f->state, "SELECT ambiguous FROM terminals", "2");
}

/* A state from a newer yeonpyo is refused, left as it is, and the marks
 * are kept in memory for the run. */
static void a_newer_state_is_refused_and_left_alone(void **state)
{
	fixture *f = *state;
	exec_sql(f->state, "CREATE TABLE future(x); PRAGMA user_version = 3;");
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_DATAERR);
	char want[600];
	snprintf(want, sizeof(want), "%s: the state was written by a newer "
		 "yeonpyo (version 3)", f->state);
	assert_string_equal(err.message, want);
	assert_int_equal(store_set_marked(f->s, "e-2024-day", true, &err), YP_OK);
	char *r = rows(f->s);
	assert_string_equal(r, "e-2024-day* e-2024-month e-2025-year ");
	free(r);
	store_close(f->s);
	f->s = NULL;
	assert_query(f->state, "PRAGMA user_version", "3");
	assert_query(f->state, "SELECT group_concat(name) FROM sqlite_schema",
		     "future");
}

/* A write to the state that fails names state.db and what was being
 * done, not the timeline's file, and offers none of its hints. */
static void a_failed_write_names_the_state(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_OK);
	assert_non_null(store_stmt(f->s, Q_MARK_ADD, NULL));
	int was = sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, 20);
	assert_int_equal(store_set_marked(f->s, "an-id-longer-than-twenty-bytes",
					  true, &err), YP_SOFTWARE);
	sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, was);
	char want[600];
	snprintf(want, sizeof(want), "%s: saving a mark: binding :id: string or "
		 "blob too big", f->state);
	assert_string_equal(err.message, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(version_1_state_upgrades_keeping_marks_and_widths, setup, teardown),
		cmocka_unit_test_setup_teardown(a_new_state_is_made_at_version_2, setup, teardown),
		cmocka_unit_test_setup_teardown(a_newer_state_is_refused_and_left_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_write_names_the_state, setup, teardown),
	};
	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
