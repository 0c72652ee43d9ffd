/* test_link_view.c: links between events in the browser: the detail pane
 * lists them both ways under Links (연결), > selects one, f or Enter
 * follows it (the timeline selects the other event), < goes back along
 * the links followed, and an event the filters hide is not jumped to but
 * said to be hidden, with how to show it. tests/data/links.json in
 * timeline order: 2020 Joint lab planned, 2021-05-21 Joint lab agreement
 * (outcome of the plan), 2021-06-10 Joint lab kickoff (follows the
 * agreement), 2022-10 Tech square opened (follows the kickoff, see also
 * the agreement). */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef support_db fixture;

#define ROWS 40
#define COLS 100
#define STATUS (ROWS - 1)

static int setup(void **state)
{
	*state = support_db_new("tests/data/links.json");
	return 0;
}

static int teardown(void **state)
{
	support_db_free(*state);
	return 0;
}

static screen *start(fixture *f, const char *lang)
{
	char arg[16];
	snprintf(arg, sizeof(arg), "--lang=%s", lang);
	return screen_start(f->home, ROWS, COLS, NULL,
			    (const char *const[]){f->db_arg, arg, "--top",
						  NULL});
}

static void assert_row_has(screen *s, int row, const char *want)
{
	char *got = row >= 0 ? screen_row(s, row) : strdup("(no row)");
	if (!strstr(got, want))
		fail_msg("row %d is\n\"%s\"\nwithout \"%s\"", row, got, want);
	free(got);
}

/* The row showing want, which must be there. */
static int row_of(screen *s, const char *want)
{
	int row = screen_find_row(s, want);
	if (row < 0)
		fail_msg("no row shows \"%s\"", want);
	return row;
}

/* Whether the row showing want is drawn as the selection. */
static bool selected(screen *s, const char *want)
{
	return screen_highlit(s, row_of(s, want), 3);
}

/* The title the detail pane shows: the first line below the timeline's
 * border that is not blank. */
static void assert_detail_title(screen *s, const char *title)
{
	for (int r = ROWS / 2; r < STATUS; r++) {
		char *got = screen_row(s, r);
		bool it = strstr(got, title) != NULL;
		bool other = !it && got[0] && strspn(got, "-\xe2\x94\x80 ") == 0;
		free(got);
		if (it)
			return;
		if (other)
			break;
	}
	fail_msg("the detail pane does not show \"%s\" first", title);
}

static void detail_pane_lists_links_both_ways(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "en");
	screen_key(s, "j");
	assert_detail_title(s, "Joint lab agreement");
	int heading = row_of(s, "Links");
	assert_row_has(s, heading + 1, "outcome of: 2020 Joint lab planned");
	assert_row_has(s, heading + 2,
		       "followed by: 2021-06-10 Joint lab kickoff");
	assert_row_has(s, heading + 3, "see also: 2022-10 Tech square opened");
	screen_key(s, "L");
	heading = row_of(s, "연결");
	assert_row_has(s, heading + 1, "계획: 2020 공동 연구소 계획");
	assert_row_has(s, heading + 2, "뒤이은 일: 2021-06-10 공동 연구소 착수");
	assert_row_has(s, heading + 3, "관련: 2022-10 테크 스퀘어 개관");
	screen_key(s, "j");
	heading = row_of(s, "연결");
	assert_row_has(s, heading + 1, "앞선 일: 2021-05-21 공동 연구소 협약");
	assert_row_has(s, heading + 2, "뒤이은 일: 2022-10 테크 스퀘어 개관");
	screen_free(s);
}

/* > selects each link in turn; f jumps to the selected one's event, <
 * comes back, twice over; Enter follows a link as f does. */
static void follow_a_link_and_come_back(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "en");
	screen_key(s, "j");
	assert_true(selected(s, "2021-05-21"));
	screen_key(s, ">");
	assert_true(selected(s, "outcome of: 2020"));
	screen_key(s, ">");
	assert_true(selected(s, "followed by: 2021-06-10"));
	assert_false(selected(s, "outcome of: 2020"));
	screen_key(s, "f");
	assert_true(selected(s, "2021-06-10 "));
	assert_false(selected(s, "2021-05-21 "));
	assert_detail_title(s, "Joint lab kickoff");
	/* without a selected link, f takes the first: the agreement again */
	screen_key(s, "f");
	assert_true(selected(s, "2021-05-21 "));
	assert_detail_title(s, "Joint lab agreement");
	screen_key(s, "<");
	assert_true(selected(s, "2021-06-10 "));
	screen_key(s, "\177");  /* Backspace */
	assert_true(selected(s, "2021-05-21 "));
	screen_key(s, "<");
	assert_row_has(s, STATUS, "no followed link to go back along");
	assert_true(selected(s, "2021-05-21 "));
	/* Tab reaches the links too, and Enter follows the one reached */
	screen_key(s, ">");
	screen_key(s, ">");
	screen_key(s, ">");
	assert_true(selected(s, "see also: 2022-10"));
	screen_key(s, "\r");
	assert_true(selected(s, "2022-10 "));
	assert_detail_title(s, "Tech square opened");
	screen_key(s, "<");
	assert_true(selected(s, "2021-05-21 "));
	screen_free(s);
}

/* With a search that leaves the other event out, f stays and says why
 * and how to clear it; cleared, f goes there. */
static void a_link_hidden_by_the_search_is_said_so(void **state)
{
	fixture *f = *state;
	screen *s = start(f, "en");
	screen_key(s, "/");
	screen_key(s, "square");
	screen_key(s, "\r");
	assert_detail_title(s, "Tech square opened");
	screen_key(s, "f");
	assert_row_has(s, STATUS, "l-kickoff is hidden by the filters or the "
		       "search (c clears them)");
	assert_detail_title(s, "Tech square opened");
	screen_key(s, "c");
	assert_true(selected(s, "2022-10 "));
	screen_key(s, "f");
	assert_true(selected(s, "2021-06-10 "));
	screen_key(s, "<");
	assert_true(selected(s, "2022-10 "));
	screen_free(s);
}

/* An event without links: f says so and stays. */
static void f_without_links_says_so(void **state)
{
	fixture *f = *state;
	support_db *plain = support_db_new("tests/data/sample.json");
	screen *s = screen_start(plain->home, ROWS, COLS, NULL,
				 (const char *const[]){plain->db_arg,
						       "--lang=en", "--top",
						       NULL});
	screen_key(s, "f");
	assert_row_has(s, STATUS, "no links to other events");
	screen_free(s);
	support_db_free(plain);
	(void)f;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(detail_pane_lists_links_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(follow_a_link_and_come_back, setup, teardown),
		cmocka_unit_test_setup_teardown(a_link_hidden_by_the_search_is_said_so, setup, teardown),
		cmocka_unit_test_setup_teardown(f_without_links_says_so, setup, teardown),
	};
	return cmocka_run_group_tests_name("link_view", tests, NULL, NULL);
}
