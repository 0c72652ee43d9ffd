/* test_mouse.c: the mouse, through the real program, when --mouse=on:
 * the wheel scrolls the pane under the pointer, a click selects a row,
 * focuses a pane, chooses a picker's item and copies a source address;
 * with the mouse off (the default) the same reports do nothing and the
 * terminal is never asked for them; a torn report never becomes keys. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef support_db fixture;

/* sample.json: 2024-07-12 Test conference held, 2024-11 Alliance
 * founded, 2025 A year-long plan; one source at
 * https://example.org/release. */
static int setup(void **state)
{
	*state = support_db_new("tests/data/sample.json");
	return 0;
}

static screen *start(fixture *f, const char *mouse)
{
	return screen_start(f->home, 30, 100, NULL,
			    (const char *const[]){f->db_arg, "--lang=en", mouse,
						  "--clipboard=osc52", NULL});
}

/* An SGR mouse report (xterm's 1006) at a cell from 0. */
static void report(screen *s, int button, int y, int x, bool press)
{
	char seq[32];
	snprintf(seq, sizeof(seq), "\033[<%d;%d;%d%c", button, x + 1, y + 1,
		 press ? 'M' : 'm');
	screen_key(s, seq);
}

static void click(screen *s, int y, int x)
{
	report(s, 0, y, x, true);
	report(s, 0, y, x, false);
}

static void assert_status(screen *s, const char *want)
{
	if (screen_find_row(s, want) != 29) {
		char *row = screen_row(s, 29);
		fail_msg("the status line is \"%s\", without \"%s\"", row, want);
	}
}

static void the_wheel_and_clicks_move_select_and_copy(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "--mouse=on");
	size_t len = 0;
	const char *out = screen_output(s, &len);
	assert_non_null(strstr(out, "\033[?1006;1000h"));
	int plan = screen_find_row(s, "A year-long plan");
	assert_true(plan > 0 && plan < 14);
	report(s, 65, 3, 10, true);  /* the wheel, over the timeline */
	assert_status(s, " 3/3");
	report(s, 64, 3, 10, true);
	assert_status(s, " 1/3");
	click(s, plan, 40);  /* a row of the timeline */
	assert_status(s, " 3/3");
	assert_true(screen_highlit(s, plan, 40));
	click(s, 1, 40);  /* a year's separator: nothing */
	assert_status(s, " 3/3");
	/* a click in the detail pane focuses it; on the address, copies it */
	click(s, 20, 5);
	assert_status(s, "detail pane");
	assert_int_equal(screen_find_row(s, "https://example.org/release"), -1);
	int sources = screen_find_row(s, "Summary");
	report(s, 65, 20, 5, true);  /* the wheel, over the detail */
	assert_true(screen_find_row(s, "Summary") < sources);  /* to its end */
	int url = screen_find_row(s, "https://example.org/release");
	assert_true(url > 14);
	click(s, url, 12);
	assert_string_equal(screen_clipboard(s),
			    "aHR0cHM6Ly9leGFtcGxlLm9yZy9yZWxlYXNl");
	assert_status(s, "copied https://example.org/release");
	/* a picker: the wheel moves along it, a click chooses */
	screen_key(s, "o");
	int kaist = screen_find_row(s, "KAIST");
	assert_true(kaist > 0);
	click(s, kaist, 50);
	assert_status(s, " 2/2  org:KAIST");  /* the plan still selected */
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	out = screen_output(s, &len);
	assert_non_null(strstr(out, "\033[?1006;1000l"));  /* off at the end */
	screen_free(s);
}

/* Over the help, the wheel scrolls it; in the organizations view it
 * moves along the list, and a click selects the one it lands on. */
static void the_wheel_scrolls_the_help_and_lists(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "--mouse=on");
	screen_key(s, "?");
	int first = screen_find_row(s, "Select the next event");
	assert_true(first > 0);
	report(s, 65, 15, 50, true);
	assert_int_equal(screen_find_row(s, "Select the next event"), -1);
	report(s, 64, 15, 50, true);
	assert_int_equal(screen_find_row(s, "Select the next event"), first);
	screen_key(s, "q");
	screen_key(s, "O");  /* KAIST, SKT, the alliance: those with events */
	assert_true(screen_find_row(s, " KAIST ") == 2);
	click(s, 3, 5);  /* the second: SKT, with its partner KAIST */
	assert_true(screen_highlit(s, 3, 5));
	assert_true(screen_find_row(s, "  KAIST (1)") > 0);
	report(s, 64, 3, 5, true);
	assert_true(screen_highlit(s, 2, 5));
	screen_free(s);
}

static void with_the_mouse_off_reports_do_nothing(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "--mouse=off");
	unsigned long frames = screen_frames(s);
	report(s, 65, 3, 10, true);
	click(s, 4, 40);
	screen_key(s, "\033[M !!");  /* X10, as a terminal left so sends */
	assert_int_equal(screen_frames(s), frames);
	assert_status(s, " 1/3");
	size_t len = 0;
	assert_null(strstr(screen_output(s, &len), "1000h"));
	screen_free(s);
}

/* A report cut short and its rest, late, in the picker: nothing is typed
 * into it, and the picker still takes what is typed after. */
static void a_torn_report_is_never_typed(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "--mouse=on");
	screen_key(s, "o");
	screen_key(s, "\033[<0;40;");  /* dropped once it waited long enough */
	screen_key(s, "5M");
	screen_key(s, "K");
	assert_true(screen_find_row(s, "Organization: K ") > 0);
	screen_key(s, "\033[<0;40");
	screen_key(s, ";5MS");
	assert_true(screen_find_row(s, "Organization: KS ") > 0);
	screen_free(s);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, support_db_teardown)
	const struct CMUnitTest tests[] = {
		T(the_wheel_and_clicks_move_select_and_copy),
		T(the_wheel_scrolls_the_help_and_lists),
		T(with_the_mouse_off_reports_do_nothing),
		T(a_torn_report_is_never_typed),
	};
#undef T
	return cmocka_run_group_tests_name("mouse", tests, NULL, NULL);
}
