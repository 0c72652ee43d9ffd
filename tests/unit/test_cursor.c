/* test_cursor.c: how lists show their selected row. The bar (the default)
 * draws the whole row in the selection's colour; the arrow (--cursor
 * arrow, for slow links) leaves every row as it is and puts a ">" in the
 * selection's colour in the cell before it: in the timeline, the pickers,
 * the organizations view and the links of the detail pane. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef support_db fixture;

/* The palette index of cyan, the selection's background in colour. */
#define CYAN 6

/* Every test browses tests/data/sample.json: three events over two years,
 * 2024-07-12 시험 행사 개최, 2024-11 얼라이언스 설립, 2025 (planned). */
static int setup(void **state)
{
	*state = support_db_new("tests/data/sample.json");
	return 0;
}

static screen *start(fixture *f, int rows, int cols, const char *cursor)
{
	return screen_start(f->home, rows, cols, NULL,
			    (const char *const[]){f->db_arg, "--lang=en",
						  cursor, NULL});
}

static void assert_row(screen *s, int row, const char *want)
{
	char *got = screen_row(s, row);
	if (strcmp(got, want) != 0)
		fail_msg("row %d is\n\"%s\"\nnot\n\"%s\"", row, got, want);
	free(got);
}

/* The arrow at (row, col): a ">" on the selection's cyan, and the cells
 * from col + 1 to the end of the row in their own look, none a bar. */
static void assert_arrow(screen *s, int row, int col, int cols)
{
	assert_int_equal(screen_char(s, row, col, NULL), '>');
	assert_int_equal(screen_bg(s, row, col), CYAN);
	for (int c = col + 1; c < cols; c++)
		if (screen_highlit(s, row, c))
			fail_msg("cell %d,%d is highlit beside the arrow", row, c);
}

/* No arrow at (row, col): a blank, not highlit. */
static void assert_no_arrow(screen *s, int row, int col)
{
	uint32_t ch = screen_char(s, row, col, NULL);
	if (ch != ' ' && ch != 0)
		fail_msg("cell %d,%d holds U+%04X, not a blank", row, col,
			 (unsigned)ch);
	assert_false(screen_highlit(s, row, col));
}

/* Without the option, and with bar, the selected row is one bar from the
 * first column to the last, and the rows read as they always have. */
static void the_bar_is_the_default(void **state)
{
	fixture *f = *state;
	const char *options[] = {"--top", "--cursor=bar"};
	for (size_t i = 0; i < 2; i++) {
		screen *s = start(f, 24, 80, options[i]);
		assert_row(s, 2, " 2024-07-12   SKT·KAIST             "
			   "Test conference held");
		for (int c = 0; c < 80; c++)
			assert_true(screen_highlit(s, 2, c));
		assert_false(screen_highlit(s, 3, 1));
		screen_key(s, "j");
		assert_false(screen_highlit(s, 2, 1));
		assert_true(screen_highlit(s, 3, 0));
		assert_true(screen_highlit(s, 3, 79));
		screen_free(s);
	}
}

/* The timeline with the arrow: the row moves one cell right (the mark
 * left of the date keeps its cell) and keeps its colours; j moves the
 * arrow and nothing else. */
static void the_arrow_marks_the_timeline_row(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "--cursor=arrow");
	/* the organizations' column is a quarter of one cell less: the
	 * title stays where the bar has it */
	assert_row(s, 2, "> 2024-07-12   SKT·KAIST            "
		   "Test conference held");
	assert_arrow(s, 2, 0, 80);
	assert_true(screen_colored(s, 2, 2));  /* the date in its colour */
	/* not yet seen: the mark one cell right of where the bar has it */
	assert_row(s, 3, " \xe2\x97\x8b" "2024-11      시험 얼라이언스      "
		   "Alliance founded");
	screen_key(s, "j");
	assert_no_arrow(s, 2, 0);
	assert_arrow(s, 3, 0, 80);
	assert_row(s, 3, "> 2024-11      시험 얼라이언스      "
		   "Alliance founded");
	/* the detail pane focused: the arrow in the dimmer selection */
	screen_key(s, "\t");
	assert_int_equal(screen_char(s, 3, 0, NULL), '>');
	assert_true(screen_highlit(s, 3, 0));
	assert_int_equal(screen_bg(s, 3, 0), -1);
	assert_false(screen_highlit(s, 3, 2));
	screen_free(s);
}

/* A picker's items: the arrow in the blank cell before each label. */
static void the_arrow_marks_a_pickers_item(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "--cursor=arrow");
	screen_key(s, "o");
	int kaist = screen_find_row(s, "│>KAIST ");
	int skt = screen_find_row(s, "│ SKT · SK Telecom ");
	assert_true(kaist > 0 && skt == kaist + 1);
	char *row = screen_row(s, kaist);
	int col = (int)(strstr(row, ">") - row) - 2;  /* "│" is 3 bytes */
	free(row);
	assert_arrow(s, kaist, col, col + 60);
	screen_key(s, "\033OB");
	assert_no_arrow(s, kaist, col);
	assert_arrow(s, skt, col, col + 60);
	screen_free(s);
}

/* The organizations view's list, likewise. */
static void the_arrow_marks_an_organization(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 30, 120, "--cursor=arrow");
	screen_key(s, "O");
	assert_arrow(s, 2, 0, 50);
	char *row = screen_row(s, 2);
	assert_true(strncmp(row, ">KAIST ", 7) == 0);
	free(row);
	screen_key(s, "\033OB");
	assert_no_arrow(s, 2, 0);
	assert_arrow(s, 3, 0, 50);
	screen_free(s);
}

/* A link chosen in the detail pane (Tab): the arrow before it, the
 * address in its own look. */
static void the_arrow_marks_a_link_of_the_detail(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "--cursor=arrow");
	screen_key(s, "\t");
	screen_key(s, "\t");  /* the first organization: KAIST */
	int row = screen_find_row(s, ">  KAIST (participant)");
	assert_true(row > 11);
	assert_arrow(s, row, 0, 80);
	screen_key(s, "\r");  /* still the link it filters by */
	char *status = screen_row(s, 23);
	assert_non_null(strstr(status, " 1/2  org:kaist"));
	free(status);
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_bar_is_the_default, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(the_arrow_marks_the_timeline_row, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(the_arrow_marks_a_pickers_item, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(the_arrow_marks_an_organization, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(the_arrow_marks_a_link_of_the_detail, setup, support_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
