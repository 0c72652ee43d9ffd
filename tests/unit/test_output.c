/* test_output.c: what the browser writes to the terminal: moving or
 * scrolling must send what changed, not a new screen, since people use it
 * over slow SSH links. Byte counts are exact and repeatable, unlike time. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVENTS 400

typedef struct {
	char *home;
	char db_arg[4200];
} fixture;

static int setup(void **state)
{
	char *home = support_tmpdir();
	char cmd[4300];
	snprintf(cmd, sizeof(cmd), "build/gen %d 5 > %s/feed.ndjson", EVENTS,
		 home);
	int rc = system(cmd);
	if (rc != 0) {  /* nothing left allocated when the test fails */
		support_rmtree(home);
		fail_msg("build/gen could not write the feed (status %d)", rc);
	}
	fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->home = home;
	snprintf(f->db_arg, sizeof(f->db_arg), "--db=%s/s.db", f->home);
	char *feed = support_path(f->home, "feed.ndjson");
	support_load_db(f->home, f->db_arg, feed);
	free(feed);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	support_rmtree(f->home);
	free(f);
	return 0;
}

static size_t bytes_for(screen *s, const char *key)
{
	size_t before = screen_bytes(s);
	screen_key(s, key);
	return screen_bytes(s) - before;
}

typedef struct {
	size_t frame, still, move, scroll, page;
} costs;

static costs measure(fixture *f, int rows, int cols, bool detail)
{
	/* a state of its own: the browser would reopen where the last
	 * measure left it, the detail hidden */
	char state[4200];
	snprintf(state, sizeof(state), "XDG_STATE_HOME=%s/state-%dx%d-%d",
		 f->home, rows, cols, detail);
	screen *s = screen_start(f->home, rows, cols,
				 (const char *const[]){state, NULL},
				 (const char *const[]){f->db_arg, "--lang=en",
						       NULL});
	if (!detail)
		screen_key(s, "d");
	costs c;
	c.frame = bytes_for(s, "\014");  /* Ctrl-l: everything again */
	c.still = bytes_for(s, "k");     /* already on the first event */
	c.move = bytes_for(s, "j");
	for (int i = 0; i < rows; i++)  /* to the bottom of the pane */
		screen_key(s, "j");
	c.scroll = bytes_for(s, "j");
	c.page = bytes_for(s, "\033[6~");
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
	printf("# %dx%d%s: frame %zu B, no change %zu B, move %zu B, one-line "
	       "scroll %zu B, page %zu B\n", cols, rows,
	       detail ? "" : " detail hidden", c.frame, c.still,
	       c.move, c.scroll, c.page);
	return c;
}

static void moves_send_less_than_a_frame(void **state)
{
	fixture *f = *state;
	/* the timeline above the detail: curses scrolls its rows with a
	 * scroll region, so a scroll costs a new line plus the detail */
	costs stacked = measure(f, 40, 100, true);
	/* side by side no terminal can scroll half a screen: the shifted
	 * rows are rewritten, but only those */
	costs side = measure(f, 40, 120, true);
	const costs *all[] = {&stacked, &side};
	for (size_t i = 0; i < 2; i++) {
		const costs *c = all[i];
		assert_int_equal(c->still, 0);
		assert_true(c->move < c->frame / 2);
		assert_true(c->scroll < c->frame / 2);
		assert_true(c->page < c->frame);
	}
	assert_true(stacked.scroll < stacked.frame / 3);
}

/* With the detail pane hidden (d) the timeline has the whole screen: a
 * scroll is a scroll region plus the new lines and the two rows the
 * selection leaves and reaches. */
static void hidden_detail_scrolls_like_a_pager(void **state)
{
	fixture *f = *state;
	costs c = measure(f, 40, 120, false);
	assert_int_equal(c.still, 0);
	assert_true(c.move <= 348);   /* tig's cursor move, the bound */
	/* the scroll that is measured crosses a year: two new lines */
	assert_true(c.scroll < 600);
	assert_true(c.page <= c.frame);
	screen *s = screen_start(f->home, 40, 120, NULL,
				 (const char *const[]){f->db_arg, "--lang=en",
						       "--top", NULL});
	int width = 0;
	screen_char(s, 2, 66, &width);
	assert_int_equal(screen_char(s, 3, 66, &width), 0x2502);  /* pane edge */
	screen_key(s, "d");
	assert_true(screen_highlit(s, 2, 100));  /* the selection spans it */
	assert_true(screen_char(s, 3, 66, &width) != 0x2502);
	screen_key(s, "d");
	assert_int_equal(screen_char(s, 3, 66, &width), 0x2502);
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

/* What the program writes for key, idle marks included; the caller
 * frees it. */
static char *written_for(screen *s, const char *key)
{
	size_t before, after;
	screen_output(s, &before);
	screen_key(s, key);
	const char *out = screen_output(s, &after);
	assert_true(after >= before);
	char *copy = malloc(after - before + 1);
	assert_non_null(copy);
	memcpy(copy, out + before, after - before);
	copy[after - before] = '\0';
	return copy;
}

/* The title on a row of the timeline: the text after its last run of
 * blanks (the generated titles are words with one space between). */
static char *title_on(screen *s, int row)
{
	char *text = screen_row(s, row);
	char *gap = strstr(text, "  ");
	assert_non_null(gap);
	for (char *g = gap; g; g = strstr(g + 1, "  "))
		gap = g;
	char *title = strdup(gap + 2);
	assert_non_null(title);
	assert_true(strlen(title) > 8);
	free(text);
	return title;
}

static int arrow_row(screen *s, int rows)
{
	for (int r = 1; r < rows - 1; r++)
		if (screen_char(s, r, 0, NULL) == '>')
			return r;
	fail_msg("no arrow on the screen");
	return -1;
}

/* With the arrow and the detail hidden, a move writes the two arrow
 * cells, and a scroll the rows that come in: neither sends the text of
 * the row the selection leaves, which the bar draws again in its own
 * colours. */
static void the_arrow_moves_without_rewriting_the_row_left(void **state)
{
	fixture *f = *state;
	char env[4200];
	snprintf(env, sizeof(env), "XDG_STATE_HOME=%s/state-arrow", f->home);
	screen *s = screen_start(f->home, 40, 120,
				 (const char *const[]){env, NULL},
				 (const char *const[]){f->db_arg, "--lang=en",
						       "--top", "--cursor=arrow",
						       NULL});
	screen_key(s, "d");
	int row = arrow_row(s, 40);
	char *left = title_on(s, row);
	char *out = written_for(s, "j");
	int now = arrow_row(s, 40);
	assert_true(now > row);
	if (strstr(out, left))
		fail_msg("a move in view sent the row left (\"%s\")", left);
	free(out);
	free(left);
	while (arrow_row(s, 40) < 38)
		screen_key(s, "j");
	for (int i = 0; i < 3; i++) {  /* scrolls, a year's rule or not */
		left = title_on(s, 38);
		out = written_for(s, "j");
		assert_int_equal(arrow_row(s, 40), 38);
		char *reached = title_on(s, 38);
		if (strstr(out, left))
			fail_msg("a scroll sent the row left (\"%s\")", left);
		assert_non_null(strstr(out, reached));
		free(reached);
		free(out);
		free(left);
	}
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

/* The status line counts the whole timeline, which the view never holds
 * at once, and G and g reach both ends of it. */
static void ends_of_a_long_timeline(void **state)
{
	fixture *f = *state;
	screen *s = screen_start(f->home, 24, 80, NULL,
				 (const char *const[]){f->db_arg, "--lang=en",
						       "--top", NULL});
	char want[32];
	snprintf(want, sizeof(want), " 1/%d ", EVENTS);
	char *row = screen_row(s, 23);
	assert_non_null(strstr(row, want));
	free(row);
	screen_key(s, "G");
	snprintf(want, sizeof(want), " %d/%d ", EVENTS, EVENTS);
	row = screen_row(s, 23);
	assert_non_null(strstr(row, want));
	free(row);
	screen_key(s, "k");
	snprintf(want, sizeof(want), " %d/%d ", EVENTS - 1, EVENTS);
	row = screen_row(s, 23);
	assert_non_null(strstr(row, want));
	free(row);
	screen_key(s, "g");
	snprintf(want, sizeof(want), " 1/%d ", EVENTS);
	row = screen_row(s, 23);
	assert_non_null(strstr(row, want));
	free(row);
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(moves_send_less_than_a_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(ends_of_a_long_timeline, setup, teardown),
		cmocka_unit_test_setup_teardown(hidden_detail_scrolls_like_a_pager, setup, teardown),
		cmocka_unit_test_setup_teardown(the_arrow_moves_without_rewriting_the_row_left, setup, teardown),
	};
	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
