/* test_views.c: each view of the browser's stack, through the real
 * program: it opens on its key, draws, lives through every size from 1x1
 * to 300x100 (too small ones show the message, the rest the view again),
 * and closes back to the view below, which the program then quits. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef support_db fixture;

static int setup(void **state)
{
	*state = support_db_new("tests/data/sample.json");
	return 0;
}

/* A view: the keys that open it from the timeline, what it shows
 * (somewhere on the screen, at every size it can be drawn at), and the
 * key that closes it. */
/* In the order of the tests below. */
typedef struct {
	const char *name;
	const char *open;
	const char *shows;
	const char *close;
} view_case;

static const view_case views[] = {
	{"timeline", "", "Test conference held", NULL},
	{"detail", "\r", " detail ", "\033"},
	{"help", "?", "Keys (q, Esc: close)", "q"},
	{"organization picker", "o", "Organization:", "\033"},
	{"person picker", "p", "Person:", "\033"},
	{"tag picker", "t", "Tag:", "\033"},
	{"year picker", "y", "First year:", "\033"},
	{"last year picker", "y\r", "Last year:", "\033"},
	{"organizations", "O", "Organizations:", "\033"},
	{"chart", "v", "     24 25", "v"},
	{"search", "/Alli", "/Alli", "\033"},
};

/* Sizes from the smallest through the smallest that fits (40x10) to
 * far larger, then back to where the view opened. */
static const struct {
	int rows, cols;
} sizes[] = {
	{1, 1}, {1, 80}, {30, 1}, {2, 3}, {5, 20}, {9, 39}, {9, 40}, {10, 39},
	{10, 40}, {11, 41}, {24, 80}, {40, 119}, {40, 120}, {100, 300},
	{30, 100},
};

static void check_drawn(screen *s, const view_case *v, int rows, int cols)
{
	bool fits = rows >= 10 && cols >= 40;
	const char *want = fits ? v->shows : "terminal too small";
	if (!fits && (cols < 18 || rows < 1))
		return;  /* too narrow even for the message */
	if (screen_find_row(s, want) < 0)
		fail_msg("%s at %dx%d: no \"%s\" on the screen", v->name, cols,
			 rows, want);
}

static void one_view(fixture *f, const view_case *v)
{
	screen *s = screen_start(f->home, 30, 100, NULL,
				 (const char *const[]){f->db_arg, "--lang=en",
						       NULL});
	if (*v->open)
		screen_key(s, v->open);
	check_drawn(s, v, 30, 100);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		screen_resize(s, sizes[i].rows, sizes[i].cols);
		check_drawn(s, v, sizes[i].rows, sizes[i].cols);
	}
	if (v->close) {
		screen_key(s, v->close);
		if (screen_find_row(s, v->shows) >= 0)
			fail_msg("%s: still there after its key", v->name);
		if (screen_find_row(s, "Test conference held") < 0)
			fail_msg("%s: the timeline is not back", v->name);
	}
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

/* A test per view, named for it, so a failure says which. */
#define VIEW_TEST(fn, i) \
	static void fn(void **state) \
	{ \
		one_view(*state, &views[i]); \
	}
VIEW_TEST(the_timeline_opens_draws_resizes_and_closes, 0)
VIEW_TEST(the_full_screen_detail_opens_draws_resizes_and_closes, 1)
VIEW_TEST(the_help_opens_draws_resizes_and_closes, 2)
VIEW_TEST(the_organization_picker_opens_draws_resizes_and_closes, 3)
VIEW_TEST(the_person_picker_opens_draws_resizes_and_closes, 4)
VIEW_TEST(the_tag_picker_opens_draws_resizes_and_closes, 5)
VIEW_TEST(the_year_picker_opens_draws_resizes_and_closes, 6)
VIEW_TEST(the_last_year_picker_opens_draws_resizes_and_closes, 7)
VIEW_TEST(the_organizations_view_opens_draws_resizes_and_closes, 8)
VIEW_TEST(the_chart_opens_draws_resizes_and_closes, 9)
VIEW_TEST(the_search_prompt_opens_draws_resizes_and_closes, 10)

/* Views stacked three high close one at a time, each showing again what
 * it covered: the help over the chart over the full-screen detail. */
static void stacked_views_close_in_turn(void **state)
{
	fixture *f = *state;
	screen *s = screen_start(f->home, 30, 100, NULL,
				 (const char *const[]){f->db_arg, "--lang=en",
						       NULL});
	screen_key(s, "\r");
	screen_key(s, "v");
	screen_key(s, "?");
	assert_true(screen_find_row(s, "Keys (q, Esc: close)") >= 0);
	screen_resize(s, 24, 80);
	screen_key(s, "q");
	assert_true(screen_find_row(s, "Keys (q, Esc: close)") < 0);
	assert_true(screen_find_row(s, "     24 25") >= 0);
	screen_key(s, "q");
	assert_true(screen_find_row(s, "     24 25") < 0);
	assert_true(screen_find_row(s, " detail ") == 23);
	screen_key(s, "q");
	assert_true(screen_find_row(s, " detail ") < 0);
	assert_true(screen_find_row(s, "Test conference held") >= 0);
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, support_db_teardown)
		T(the_timeline_opens_draws_resizes_and_closes),
		T(the_full_screen_detail_opens_draws_resizes_and_closes),
		T(the_help_opens_draws_resizes_and_closes),
		T(the_organization_picker_opens_draws_resizes_and_closes),
		T(the_person_picker_opens_draws_resizes_and_closes),
		T(the_tag_picker_opens_draws_resizes_and_closes),
		T(the_year_picker_opens_draws_resizes_and_closes),
		T(the_last_year_picker_opens_draws_resizes_and_closes),
		T(the_organizations_view_opens_draws_resizes_and_closes),
		T(the_chart_opens_draws_resizes_and_closes),
		T(the_search_prompt_opens_draws_resizes_and_closes),
		T(stacked_views_close_in_turn),
#undef T
	};
	return cmocka_run_group_tests_name("views", tests, NULL, NULL);
}
