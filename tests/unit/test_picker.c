/* test_picker.c: the picker's rows drawn in-process on a curses screen
 * (newterm on /dev/null) and read back cell by cell: the number of events
 * beside each label is whole however many digits it has. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/picker.h"

#define LINES_ 24
#define COLS_ 80

/* The text of row y from x for n cells, as curses holds it. */
static void row_text(int y, int x, int n, char *out, size_t size)
{
	size_t k = 0;
	for (int i = 0; i < n && k + 1 < size; i++) {
		cchar_t cell;
		wchar_t wch[CCHARW_MAX + 1] = {0};
		attr_t attrs;
		short pair;
		assert_int_equal(mvwin_wch(stdscr, y, x + i, &cell), OK);
		assert_int_equal(getcchar(&cell, wch, &attrs, &pair, NULL), OK);
		int m = wctomb(out + k, wch[0]);
		k += m > 0 ? (size_t)m : 0;
	}
	out[k] = '\0';
}

/* The column where row y holds needle, or -1 (each cell here holds one
 * narrow character: the column is the characters before it). */
static int find_on_row(int y, const char *needle)
{
	char row[4 * COLS_ + 1];
	row_text(y, 0, COLS_, row, sizeof(row));
	const char *at = strstr(row, needle);
	if (!at)
		return -1;
	int col = 0;
	for (const char *c = row; c < at; c++)
		col += ((unsigned char)*c & 0xC0) != 0x80;
	return col;
}

static void draw_items(const long *events, size_t n)
{
	picker p;
	memset(&p, 0, sizeof(p));
	p.title = "Tag";
	p.items = calloc(n, sizeof(*p.items));
	p.shown = calloc(n, sizeof(*p.shown));
	assert_non_null(p.items);
	assert_non_null(p.shown);
	static const char *const names[] = {"research", "alliance", "global"};
	for (size_t i = 0; i < n; i++) {
		p.items[i].id = (char *)names[i % 3];
		p.items[i].label = (char *)names[i % 3];
		p.items[i].events = events[i];
		p.shown[i] = i;
	}
	p.n = p.n_shown = n;
	prompt_init(&p.typed);
	ui_theme theme;
	draw_theme_init(&theme, false, NULL);
	canvas c = {.win = stdscr, .theme = &theme};
	picker_draw(&p, &c, LINES_, COLS_, LANG_EN);
	free(p.items);
	free(p.shown);
}

static int setup(void **state)
{
	/* cells hold wide characters: "…" read back needs UTF-8 */
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	assert_non_null(out);
	assert_non_null(in);
	SCREEN *scr = newterm("xterm-256color", out, in);
	if (!scr)
		scr = newterm("vt100", out, in);
	assert_non_null(scr);
	resizeterm(LINES_, COLS_);
	state[0] = scr;
	return 0;
}

static int teardown(void **state)
{
	endwin();
	delscreen(state[0]);
	return 0;
}

/* The frame of an 80-column screen: 64 cells wide from column 8, so a
 * count column of n cells starts at 8 + 64 - 2 - n, a space before the
 * right edge. */
#define COUNT_AT(n) (8 + 64 - 2 - (n))

/* Six and seven digits (a tag at a million events) are written whole,
 * in one column as wide as the widest, a space before the frame; up to
 * five digits keep the five cells they always had. */
static void counts_are_whole(void **state)
{
	(void)state;
	const long big[] = {167266, 1000000, 42};
	draw_items(big, 3);
	assert_int_equal(find_on_row(2, "167266"), COUNT_AT(7));
	assert_int_equal(find_on_row(3, "1000000"), COUNT_AT(7));
	assert_int_equal(find_on_row(4, "42"), COUNT_AT(7));
	assert_int_equal(find_on_row(2, "…"), -1);
	char cell[8];
	row_text(3, COUNT_AT(0), 1, cell, sizeof(cell));
	assert_string_equal(cell, " ");
	assert_int_equal(find_on_row(2, "research"), 10);

	const long small[] = {99999, 7, 1234};
	draw_items(small, 3);
	assert_int_equal(find_on_row(2, "99999"), COUNT_AT(5));
	assert_int_equal(find_on_row(3, "7"), COUNT_AT(5));
	assert_int_equal(find_on_row(4, "1234"), COUNT_AT(5));
}

/* The organization view's list shares the width (org_view.c). */
static void count_width_is_the_widest(void **state)
{
	(void)state;
	picker_item items[3] = {{.events = 42}, {.events = 1234567}, {.events = 9}};
	picker p = {.items = items, .n = 3};
	assert_int_equal(picker_count_width(&p), 7);
	items[1].events = 99999;
	assert_int_equal(picker_count_width(&p), 5);
	p.n = 0;
	assert_int_equal(picker_count_width(&p), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(counts_are_whole, setup, teardown),
		cmocka_unit_test(count_width_is_the_widest),
	};
	return cmocka_run_group_tests_name("picker", tests, NULL, NULL);
}
