/* test_live.c: an open browser follows what other processes commit to its
 * database, with no key pressed: new events, events gone, the pickers'
 * counts, the search in force; and nothing is said when nothing changed. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

typedef support_db fixture;

/* sample.json: 2024-07-12 Test conference held, 2024-11 Alliance
 * founded, 2025 A year-long plan (KAIST in the first and the last). */
static int setup(void **state)
{
	*state = support_db_new("tests/data/sample.json");
	return 0;
}

/* Two events after the others, one of them KAIST's. */
static const char more_events[] =
	"{\"format\": \"yeonpyo/1\", \"events\": ["
	"{\"id\": \"e-2026-a\", \"date\": \"2026-01-05\", \"status\": \"done\","
	" \"kind\": \"conference\", \"title\": {\"ko\": \"새 행사\", \"en\":"
	" \"A new conference\"}, \"summary\": {\"ko\": \"요약\", \"en\":"
	" \"A summary\"}, \"organizations\": [{\"id\": \"kaist\","
	" \"role\": \"host\"}], \"sources\": [\"test-release\"]},"
	"{\"id\": \"e-2026-b\", \"date\": \"2026-02\", \"status\": \"done\","
	" \"kind\": \"conference\", \"title\": {\"ko\": \"또 다른 행사\", \"en\":"
	" \"Another conference\"}, \"summary\": {\"ko\": \"요약\", \"en\":"
	" \"A summary\"}, \"sources\": [\"test-release\"]}]}";

static void import_more(fixture *f)
{
	char *path = support_path(f->home, "more.json");
	support_write_file(path, more_events);
	support_result r = support_run(f->home, NULL, NULL,
				       (const char *const[]){f->db_arg, "import",
							     path, NULL});
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	free(path);
}

/* Another connection deletes an event, as a dataset refresh would. */
static void delete_event(fixture *f, const char *id)
{
	char *db = support_path(f->home, "s.db");
	sqlite3 *conn = NULL;
	assert_int_equal(sqlite3_open(db, &conn), SQLITE_OK);
	char sql[256];
	snprintf(sql, sizeof(sql), "DELETE FROM events WHERE id = '%s'", id);
	assert_int_equal(sqlite3_exec(conn, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(conn);
	free(db);
}

static screen *start(fixture *f)
{
	return screen_start(f->home, 24, 80, NULL,
			    (const char *const[]){f->db_arg, "--lang=en", NULL});
}

static void assert_selected(screen *s, const char *title)
{
	int row = screen_find_row(s, title);
	if (row < 0 || !screen_highlit(s, row, 30))
		fail_msg("\"%s\" is not the selected row (row %d)", title, row);
}

static void an_import_elsewhere_is_seen_without_a_key(void **state)
{
	fixture *f = *state;
	screen *s = start(f);
	screen_key(s, "j");  /* Alliance founded, second of three */
	assert_int_equal(screen_wait_for(s, " 2/3"), 23);
	import_more(f);
	assert_int_equal(screen_wait_for(s, "2 new events"), 23);
	assert_int_equal(screen_find_row(s, " 2/5"), 23);
	assert_selected(s, "Alliance founded");
	assert_true(screen_find_row(s, "A new conference") > 0);
	screen_key(s, "j");  /* the notice lasts until a key */
	assert_int_equal(screen_find_row(s, "new events"), -1);
	assert_int_equal(screen_find_row(s, " 3/5"), 23);
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

/* The selected event deleted: the one nearest it by date, on the row the
 * selection was on. */
static void a_deleted_selection_moves_to_the_nearest(void **state)
{
	fixture *f = *state;
	screen *s = start(f);
	screen_key(s, "j");
	int row = screen_find_row(s, "Alliance founded");
	delete_event(f, "e-2024-month");
	assert_int_equal(screen_wait_for(s, "1 event removed"), 23);
	assert_int_equal(screen_find_row(s, "Alliance founded"), -1);
	assert_selected(s, "A year-long plan");
	assert_int_equal(screen_find_row(s, " 2/2"), 23);
	assert_true(screen_find_row(s, "A year-long plan") <= row + 1);
	screen_free(s);
}

/* A picker open while events come: its counts follow, the text typed
 * into it stays. */
static void an_open_picker_follows(void **state)
{
	fixture *f = *state;
	screen *s = start(f);
	screen_key(s, "o");
	screen_key(s, "K");
	int row = screen_find_row(s, "KAIST");
	assert_true(row > 0);
	char *text = screen_row(s, row);
	assert_non_null(strstr(text, " 2 "));
	free(text);
	import_more(f);
	screen_wait_for(s, "2 new events");
	text = screen_row(s, row);
	if (!strstr(text, "KAIST") || !strstr(text, " 3 "))
		fail_msg("the picker's row is \"%s\", not KAIST with 3", text);
	free(text);
	assert_true(screen_find_row(s, "Organization: K") > 0);
	screen_key(s, "\r");
	assert_int_equal(screen_find_row(s, " 1/3  org:KAIST"), 23);
	screen_free(s);
}

/* A search in force is run again over what came. */
static void the_search_in_force_follows(void **state)
{
	fixture *f = *state;
	screen *s = start(f);
	screen_key(s, "/");
	screen_key(s, "conference");
	screen_key(s, "\r");
	assert_true(screen_find_row(s, " 1/1  /conference") == 23);
	import_more(f);
	screen_wait_for(s, "2 new events");
	assert_true(screen_find_row(s, " 1/3  2 new events  /conference") == 23);
	assert_true(screen_find_row(s, "Another conference") > 0);
	screen_free(s);
}

/* A database shared read-only (db init --shared: no WAL) is followed
 * too, when its owner imports. */
static void a_shared_database_is_followed(void **state)
{
	fixture *f = *state;
	support_result r = support_run(f->home, NULL, NULL,
				       (const char *const[]){f->db_arg, "db",
							     "init", "--shared",
							     NULL});
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	screen *s = start(f);
	assert_int_equal(screen_find_row(s, " 1/3"), 23);
	import_more(f);
	assert_int_equal(screen_wait_for(s, "2 new events"), 23);
	assert_int_equal(screen_find_row(s, " 1/5"), 23);
	screen_free(s);
}

/* Reading the database from another process commits nothing: no frame,
 * no notice (the next key's frame says nothing changed). */
static void readers_elsewhere_change_nothing(void **state)
{
	fixture *f = *state;
	screen *s = start(f);
	unsigned long frames = screen_frames(s);
	support_result r = support_run(f->home, NULL, NULL,
				       (const char *const[]){f->db_arg, "list",
							     NULL});
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	screen_key(s, "j");
	assert_int_equal(screen_frames(s), frames + 1);
	assert_int_equal(screen_find_row(s, "changed"), -1);
	assert_int_equal(screen_find_row(s, " 2/3"), 23);
	screen_free(s);
}

/* A database holding the built-in dataset. */
static int setup_builtin(void **state)
{
	*state = support_db_new(NULL);
	return 0;
}

/* Runs sql on the database from a connection of the test's own. */
static void exec_elsewhere(fixture *f, const char *sql)
{
	char *db = support_path(f->home, "s.db");
	sqlite3 *conn = NULL;
	assert_int_equal(sqlite3_open(db, &conn), SQLITE_OK);
	assert_int_equal(sqlite3_exec(conn, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(conn);
	free(db);
}

/* A refresh of the built-in dataset by another process is a change like
 * an import: the database is set back to an older dataset lacking one
 * event, and the next command elsewhere (a newer binary, as it were)
 * brings the event back while the browser waits for no key. */
static void a_dataset_refresh_is_followed(void **state)
{
	fixture *f = *state;
	screen *s = start(f);
	assert_int_equal(screen_wait_for(s, " 1/36"), 23);
	exec_elsewhere(f, "BEGIN;"
		       " DELETE FROM events WHERE id ="
		       " '2025-12-30-sovereign-ai-first-showcase';"
		       " UPDATE meta SET value = '1' WHERE key = 'builtin_version';"
		       " DELETE FROM meta WHERE key = 'builtin_hash';"
		       " COMMIT;");
	assert_int_equal(screen_wait_for(s, "1 event removed"), 23);
	assert_int_equal(screen_find_row(s, " 1/35"), 23);
	support_result r = support_run(f->home, NULL, NULL,
				       (const char *const[]){f->db_arg, "list",
							     NULL});
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	assert_int_equal(screen_wait_for(s, "1 new event"), 23);
	assert_int_equal(screen_find_row(s, " 1/36"), 23);
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, support_db_teardown)
	const struct CMUnitTest tests[] = {
		T(an_import_elsewhere_is_seen_without_a_key),
		T(a_deleted_selection_moves_to_the_nearest),
		T(an_open_picker_follows),
		T(the_search_in_force_follows),
		T(a_shared_database_is_followed),
		T(readers_elsewhere_change_nothing),
		cmocka_unit_test_setup_teardown(a_dataset_refresh_is_followed,
						setup_builtin, support_db_teardown),
	};
#undef T
	return cmocka_run_group_tests_name("live", tests, NULL, NULL);
}
