/* test_resume.c: the browser reopens where it was left on a database,
 * after q and after SIGHUP: the same event selected (the nearest by date
 * when it is gone), the same language and layout; --top starts on the
 * first event, --lang wins over the language kept, and a filter or a
 * search is never restored. */
#include "support.h"
#include "screen.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

typedef support_db fixture;

/* sample.json: 2024-07-12 Test conference held, 2024-11 Alliance
 * founded, 2025 A year-long plan. */
static int setup(void **state)
{
	*state = support_db_new("tests/data/sample.json");
	return 0;
}

static screen *start(fixture *f, const char *arg)
{
	return screen_start(f->home, 24, 80, NULL,
			    (const char *const[]){f->db_arg, arg, NULL});
}

static void quit(screen *s)
{
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

static void assert_status(screen *s, const char *want)
{
	if (screen_find_row(s, want) != 23) {
		char *row = screen_row(s, 23);
		fail_msg("the status line is \"%s\", without \"%s\"", row, want);
	}
}

static void it_reopens_where_it_was_left(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "--lang=en");
	screen_key(s, "jj");
	screen_key(s, "d");  /* the detail hidden */
	screen_key(s, "L");
	assert_status(s, " 3/3");
	quit(s);
	s = start(f, "--top");  /* --top: the first, as it was kept */
	assert_status(s, " 1/3");
	assert_status(s, "ko  ? 도움말");
	quit(s);  /* and this start, on the first, is kept in turn */
	s = start(f, "--lang=en");
	assert_status(s, " 1/3");
	screen_key(s, "jj");
	quit(s);
	s = start(f, "--ambiwidth=1");  /* no --lang: the language kept */
	assert_status(s, " 3/3");
	assert_status(s, "en  ? help");
	/* the detail hidden: the timeline has the body to itself */
	assert_int_equal(screen_find_row(s, "ID "), -1);
	assert_true(screen_highlit(s, screen_find_row(s, "A year-long plan"),
				   30));
	quit(s);
}

static void it_reopens_there_after_a_hangup(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "--lang=en");
	screen_key(s, "j");
	screen_signal(s, SIGHUP);
	assert_int_equal(screen_wait(s), 128 + SIGHUP);
	screen_free(s);
	s = start(f, "--lang=en");
	assert_status(s, " 2/3");
	quit(s);
}

/* The event left selected is gone: the nearest by date after it. */
static void a_gone_event_gives_way_to_the_nearest(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "--lang=en");
	screen_key(s, "j");  /* Alliance founded */
	quit(s);
	char *db = support_path(f->home, "s.db");
	sqlite3 *conn = NULL;
	assert_int_equal(sqlite3_open(db, &conn), SQLITE_OK);
	assert_int_equal(sqlite3_exec(conn, "DELETE FROM events WHERE id = "
				      "'e-2024-month'", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(conn);
	free(db);
	s = start(f, "--lang=en");
	assert_status(s, " 2/2");
	assert_true(screen_highlit(s, screen_find_row(s, "A year-long plan"),
				   30));
	quit(s);
}

/* Filters and searches are for one sitting: a new start shows none. */
static void filters_and_searches_are_not_kept(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "--lang=en");
	screen_key(s, "o");
	screen_key(s, "\r");  /* KAIST, first in English */
	screen_key(s, "/plan\r");
	assert_status(s, "/plan  org:KAIST");
	quit(s);
	s = start(f, "--lang=en");
	assert_int_equal(screen_find_row(s, "org:"), -1);
	assert_int_equal(screen_find_row(s, "/plan"), -1);
	assert_status(s, " 3/3");  /* the plan, among all three */
	quit(s);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, support_db_teardown)
	const struct CMUnitTest tests[] = {
		T(it_reopens_where_it_was_left),
		T(it_reopens_there_after_a_hangup),
		T(a_gone_event_gives_way_to_the_nearest),
		T(filters_and_searches_are_not_kept),
	};
#undef T
	return cmocka_run_group_tests_name("resume", tests, NULL, NULL);
}
