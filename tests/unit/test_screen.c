/* test_screen.c: the browser as a person sees it, cell by cell through
 * libvterm: where the Hangul lands, the selection and the detail pane,
 * year separators, both layouts, resizing, help, language, and leaving the
 * terminal as it was. */
#include "support.h"
#include "screen.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yeonpyo/status.h"

typedef support_db fixture;


/* Every test browses tests/data/sample.json: three events over two years,
 * 2024-07-12 시험 행사 개최, 2024-11 얼라이언스 설립, 2025 (planned). */
static int setup(void **state)
{
	*state = support_db_new("tests/data/sample.json");
	return 0;
}

static screen *start(fixture *f, int rows, int cols, const char *lang)
{
	char arg[16];
	snprintf(arg, sizeof(arg), "--lang=%s", lang);
	return screen_start(f->home, rows, cols, NULL,
			    (const char *const[]){f->db_arg, arg, NULL});
}

static void assert_row(screen *s, int row, const char *want)
{
	char *got = screen_row(s, row);
	if (strcmp(got, want) != 0)
		fail_msg("row %d is\n\"%s\"\nnot\n\"%s\"", row, got, want);
	free(got);
}

static void assert_row_has(screen *s, int row, const char *want)
{
	char *got = screen_row(s, row);
	if (!strstr(got, want))
		fail_msg("row %d is\n\"%s\"\nwithout \"%s\"", row, got, want);
	free(got);
}

/* A space, or a cell the terminal erased. */
static void assert_blank(screen *s, int row, int col)
{
	uint32_t ch = screen_char(s, row, col, NULL);
	if (ch != ' ' && ch != 0)
		fail_msg("cell %d,%d holds U+%04X, not a blank", row, col,
			 (unsigned)ch);
}

static void assert_wide(screen *s, int row, int col, uint32_t ch)
{
	int width = 0;
	assert_int_equal(screen_char(s, row, col, &width), ch);
	assert_int_equal(width, 2);
}

static void hangul_title_lands_on_exact_cells(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "ko");
	/* row 2: " " date(10) mark(3) organizations(20) "  " title */
	assert_row(s, 2, " 2024-07-12   SKT·KAIST             시험 행사 개최");
	assert_wide(s, 2, 36, 0xC2DC);  /* 시 */
	assert_wide(s, 2, 38, 0xD5D8);  /* 험 */
	assert_int_equal(screen_char(s, 2, 40, NULL), ' ');
	assert_wide(s, 2, 41, 0xD589);  /* 행 */
	assert_true(screen_highlit(s, 2, 0));
	assert_row(s, 0, " yeonpyo · 연표                                        "
		   "2024 \xe2\x96\x88   \xe2\x96\x88 \xe2\x96\x88 2025");
	assert_row(s, 23, " 1/3                                                               "
		   "ko  ? 도움말");
	screen_free(s);
}

static void year_separators_and_planned_mark(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	char *row = screen_row(s, 1);
	assert_true(strncmp(row, "── 2024 ──", strlen("── 2024 ──")) == 0);
	free(row);
	assert_row_has(s, 4, " 2025 ");
	/* not yet seen: the dim mark left of the date */
	assert_row(s, 5, "\xe2\x97\x8b" "2025       * KAIST                 A year-long plan");
	screen_free(s);
}

/* m marks, ' narrows to the marks, the detail pane marks what it shows as
 * seen; both outlive the browser and a new database (they go by event id,
 * in the state database), and list --marked prints the marks. */
static void marks_and_seen_events_are_kept(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	/* the first event is in the detail pane: seen; the others not yet */
	assert_blank(s, 2, 0);
	assert_int_equal(screen_char(s, 3, 0, NULL), 0x25CB);
	screen_key(s, "m");
	assert_int_equal(screen_char(s, 2, 0, NULL), 0x25CF);
	screen_key(s, "j");
	assert_blank(s, 3, 0);
	assert_int_equal(screen_char(s, 5, 0, NULL), 0x25CB);
	screen_key(s, "'");
	assert_row_has(s, 23, " 1/1  marked");
	assert_row_has(s, 2, "Test conference held");
	screen_key(s, "'");
	assert_row_has(s, 23, " 1/3");
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);

	/* the state database holds them by id */
	char *state_db = support_path(f->home, ".local/state/yeonpyo/state.db");
	sqlite3 *db3 = NULL;
	assert_int_equal(sqlite3_open(state_db, &db3), SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db3,
		"SELECT (SELECT group_concat(event_id, ' ') FROM marks),"
		" (SELECT group_concat(event_id, ' ') FROM"
		"  (SELECT event_id FROM seen ORDER BY event_id))", -1, &st,
		NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
			    "e-2024-day");
	assert_string_equal((const char *)sqlite3_column_text(st, 1),
			    "e-2024-day e-2024-month");
	sqlite3_finalize(st);
	sqlite3_close(db3);
	free(state_db);

	support_result r = RUN(f, NULL, NULL, f->db_arg, "list", "--marked",
			       "--format", "tsv");
	assert_int_equal(r.status, 0);
	assert_int_equal(support_count_lines(r.out), 2);  /* and its header */
	assert_non_null(strstr(r.out, "\ne-2024-day\t2024-07-12\t"));
	support_result_free(&r);
	char *db = support_path(f->home, "s.db");
	unlink(db);
	free(db);
	support_load_db(f->home, f->db_arg, "tests/data/sample.json");

	s = start(f, 24, 80, "en");
	assert_int_equal(screen_char(s, 2, 0, NULL), 0x25CF);
	assert_blank(s, 3, 0);
	assert_int_equal(screen_char(s, 5, 0, NULL), 0x25CB);
	screen_key(s, "m");  /* unmarked; ' shows none */
	screen_key(s, "'");
	assert_row_has(s, 23, " 0/0  marked");
	screen_free(s);
}

/* The first cell of row from which the cells hold ASCII text, or -1. */
static int ascii_at(screen *s, int row, int cols, const char *text)
{
	int n = (int)strlen(text);
	for (int col = 0; col + n <= cols; col++) {
		int k = 0;
		while (k < n && screen_char(s, row, col + k, NULL) ==
				(uint32_t)(unsigned char)text[k])
			k++;
		if (k == n)
			return col;
	}
	return -1;
}

static size_t links_to(screen *s, const char *url, int row, int col)
{
	size_t n = 0, found = 0;
	const screen_link *l = screen_links(s, &n);
	for (size_t i = 0; i < n; i++)
		found += strcmp(l[i].url, url) == 0 && l[i].row == row &&
			 l[i].col == col;
	return found;
}

/* A source's address in the detail pane is a hyperlink (OSC 8) starting
 * on the cell where it is shown, unless --hyperlinks=never or the
 * terminal type is one that might show the sequence. */
static void source_addresses_are_hyperlinks(void **state)
{
	fixture *f = *state;
	static const char url[] = "https://example.org/release";
	const char *modes[][2] = {{"--hyperlinks=auto", "TERM=xterm-256color"},
				  {"--hyperlinks=never", "TERM=xterm-256color"},
				  {"--hyperlinks=auto", "TERM=linux"},
				  {"--hyperlinks=always", "TERM=linux"}};
	for (size_t m = 0; m < 4; m++) {
		screen *s = screen_start(f->home, 40, 140,
					 (const char *const[]){modes[m][1], NULL},
					 (const char *const[]){f->db_arg,
							       "--lang=en",
							       modes[m][0], NULL});
		int row = screen_find_row(s, url);
		assert_true(row > 0);
		int col = ascii_at(s, row, 140, url);
		/* written again as a link, the cells look as they did */
		/* (the Linux console has no underline with colours: ncv) */
		if (m < 2 && (!screen_underline(s, row, col) ||
			      !screen_underline(s, row, col + 20)))
			fail_msg("%s with %s: the address at %d,%d lost its "
				 "underline", modes[m][0], modes[m][1], row, col);
		bool want = m == 0 || m == 3;
		size_t n = 0;
		const screen_link *got = screen_links(s, &n);
		if ((links_to(s, url, row, col) > 0) != want)
			fail_msg("%s with %s: link %s at %d,%d (%zu links, the "
				 "last %s at %d,%d)", modes[m][0], modes[m][1],
				 want ? "missing" : "not wanted", row, col, n,
				 n ? got[n - 1].url : "-", n ? got[n - 1].row : 0,
				 n ? got[n - 1].col : 0);
		screen_key(s, "q");
		assert_int_equal(screen_wait(s), 0);
		screen_free(s);
	}
}

/* x copies the selected event's source address with OSC 52 only when
 * --clipboard=osc52 says so, and the status line says what happened. */
static void x_copies_the_address_when_asked(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 100, "en");
	screen_key(s, "x");
	assert_row_has(s, 23, "the clipboard is off (--clipboard=osc52");
	assert_string_equal(screen_clipboard(s), "");
	screen_free(s);
	s = screen_start(f->home, 24, 100, NULL,
			 (const char *const[]){f->db_arg, "--lang=en",
					       "--clipboard=osc52", NULL});
	screen_key(s, "x");
	assert_row_has(s, 23, "copied https://example.org/release");
	/* base64 of https://example.org/release */
	assert_string_equal(screen_clipboard(s),
			    "aHR0cHM6Ly9leGFtcGxlLm9yZy9yZWxlYXNl");
	screen_free(s);
}

/* The sparkline in the title line: a bar a month from the first event's
 * to the last's, the months in view marked, following the filters; ASCII
 * where the bars would be drawn wide. */
static void the_sparkline_shows_the_shape_and_the_view(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	/* 2024-07 .. 2025-01: seven bars from column 60, events in three */
	assert_row_has(s, 0, "2024 \xe2\x96\x88   \xe2\x96\x88 "
			     "\xe2\x96\x88 2025");
	for (int col = 60; col < 67; col++)
		assert_int_equal(screen_bg(s, 0, col), 6);  /* all in view */
	screen_key(s, "t");  /* tag picker: the first tag narrows */
	screen_key(s, "\r");
	char *row = screen_row(s, 0);
	assert_null(strstr(row, "2024 \xe2\x96\x88   \xe2\x96\x88 "
				"\xe2\x96\x88 2025"));
	free(row);
	screen_free(s);
	s = screen_start(f->home, 24, 80, NULL,
			 (const char *const[]){f->db_arg, "--lang=en",
					       "--ambiwidth=2", NULL});
	assert_row_has(s, 0, "2024 @   @ @ 2025");
	screen_free(s);
	/* the built-in dataset, 2021 to 2026: the mark moves with G */
	support_db *d = support_db_new(NULL);
	s = screen_start(d->home, 24, 80, NULL,
			 (const char *const[]){d->db_arg, "--lang=en", NULL});
	/* 13 bars of five months from 2021-01 to 2026: 3 0 1 1 3 2 2 1 4 5 6
	 * 7 1 events, the most (7) a full block */
	assert_row_has(s, 0, " 2021 \xe2\x96\x84 \xe2\x96\x82\xe2\x96\x82"
			     "\xe2\x96\x84\xe2\x96\x83\xe2\x96\x83"
			     "\xe2\x96\x82\xe2\x96\x85\xe2\x96\x86"
			     "\xe2\x96\x87\xe2\x96\x88\xe2\x96\x82 2026");
	int last = ascii_at(s, 0, 80, " 2026") - 1;  /* the last bar */
	assert_true(last > 60);
	assert_int_equal(screen_bg(s, 0, 60), 6);
	assert_int_equal(screen_bg(s, 0, last), -1);
	screen_key(s, "G");
	assert_int_equal(screen_bg(s, 0, 60), -1);
	assert_int_equal(screen_bg(s, 0, last), 6);
	screen_free(s);
	support_db_free(d);
}

/* v: organizations by year, most events first, a cell shaded by count
 * (all the same here: one event each), following the filters; q closes. */
static void v_charts_organizations_by_year(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "v");
	assert_row(s, 1, "                      24 25");
	assert_row(s, 2, " KAIST                \xe2\x96\x88\xe2\x96\x88 "
			 "\xe2\x96\x88\xe2\x96\x88");
	assert_row(s, 3, " SKT                  \xe2\x96\x88\xe2\x96\x88");
	assert_row_has(s, 4, "시험 얼라이언스");
	screen_key(s, "q");
	assert_row_has(s, 2, "Test conference held");  /* back */
	screen_key(s, "t");  /* the first tag, alliance: 2024 only */
	screen_key(s, "\r");
	screen_key(s, "v");
	assert_row(s, 1, "                      24");
	screen_key(s, "\033");
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

/* $XDG_CONFIG_HOME/yeonpyo/config: a key bound, the layout threshold
 * and a colour apply; a bad line is named in the status line and left
 * out; the help shows the keys as bound. */
static void the_configuration_applies(void **state)
{
	fixture *f = *state;
	char *env = support_config(f->home, "side-by-side = 100\n"
				   "bind n next-year\n"
				   "color selected white blue\n"
				   "colour date red\n", NULL);
	screen *s = screen_start(f->home, 24, 100,
				 (const char *const[]){env, NULL},
				 (const char *const[]){f->db_arg, "--lang=en",
						       NULL});
	assert_row_has(s, 23, "config:4: unknown setting 'colour'");
	assert_int_equal(screen_char(s, 5, 55, NULL), 0x2502);  /* beside */
	assert_int_equal(screen_bg(s, 2, 5), 4);  /* the selection: blue */
	screen_key(s, "n");
	assert_row_has(s, 23, " 3/3");
	screen_key(s, "?");
	assert_true(screen_find_row(s, "], n ") > 0);
	screen_key(s, "q");
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
	free(env);
}

/* Without a place for the state the browser still runs, says why, and
 * keeps marks for the run. */
static void marks_without_a_state_directory_are_kept_for_the_run(void **state)
{
	fixture *f = *state;
	char *file = support_path(f->home, "not-a-dir");
	support_write_file(file, "");
	char env[4200];
	snprintf(env, sizeof(env), "XDG_STATE_HOME=%s", file);
	screen *s = screen_start(f->home, 24, 80,
				 (const char *const[]){env, NULL},
				 (const char *const[]){f->db_arg, "--lang=en",
						       NULL});
	assert_row_has(s, 23, " 1/3  marks kept for this run only: /");
	screen_key(s, "m");
	assert_int_equal(screen_char(s, 2, 0, NULL), 0x25CF);
	assert_row_has(s, 23, " 1/3 ");
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
	free(file);
}

static void selection_moves_with_j_G_and_g(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "j");
	assert_false(screen_highlit(s, 2, 5));
	assert_true(screen_highlit(s, 3, 5));
	assert_row_has(s, 23, " 2/3");
	screen_key(s, "G");
	assert_true(screen_highlit(s, 5, 5));
	assert_row_has(s, 23, " 3/3");
	screen_key(s, "g");
	assert_true(screen_highlit(s, 2, 5));
	screen_key(s, "\033OB");  /* Down, as keypad mode sends it */
	assert_row_has(s, 23, " 2/3");
	screen_key(s, "]");        /* next year */
	assert_row_has(s, 23, " 3/3");
	screen_key(s, "[");        /* previous year */
	assert_row_has(s, 23, " 1/3");
	screen_free(s);
}

static void detail_pane_follows_the_selection(void **state)
{
	fixture *f = *state;
	/* stacked at 80x24: 10 timeline rows, a rule, then the detail */
	screen *s = start(f, 24, 80, "en");
	assert_row(s, 11, "────────────────────────────────────────"
		   "────────────────────────────────────────");
	assert_row(s, 12, " Test conference held");
	assert_row(s, 14, " ID        e-2024-day");
	screen_key(s, "j");
	assert_row(s, 12, " Alliance founded");
	assert_row(s, 15, " Date      November 2024");
	screen_free(s);
}

static void side_by_side_from_120_columns(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 40, 140, "ko");
	/* the timeline takes 77 columns, then a rule, then the detail */
	for (int row = 1; row < 39; row++)
		assert_int_equal(screen_char(s, row, 77, NULL), 0x2502);
	assert_int_equal(screen_char(s, 1, 79, NULL), 0xC2DC); /* 시험 행사 */
	char *row = screen_row(s, 3);
	assert_non_null(strstr(row, "│ ID        e-2024-day"));
	free(row);
	screen_free(s);
}

static void resize_keeps_the_selection(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 40, 140, "en");
	screen_key(s, "j");
	screen_resize(s, 20, 60);
	assert_row_has(s, 19, " 2/3");
	assert_true(screen_highlit(s, 3, 5));
	assert_row_has(s, 3, "Alliance founded");
	screen_resize(s, 40, 140);
	assert_row_has(s, 39, " 2/3");
	assert_int_equal(screen_char(s, 1, 77, NULL), 0x2502);
	assert_row_has(s, 1, "│ Alliance founded");
	screen_free(s);
}

static void tiny_terminals_get_a_message_not_a_crash(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_resize(s, 8, 30);
	assert_row(s, 4, "      terminal too small");
	screen_resize(s, 1, 1);
	screen_key(s, "j");
	screen_resize(s, 24, 80);
	assert_row_has(s, 23, " 2/3");
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

static void help_overlay_lists_the_keys(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 30, 100, "en");
	screen_key(s, "?");
	bool title = false, down = false;
	for (int row = 0; row < 30; row++) {
		char *text = screen_row(s, row);
		title = title || strstr(text, "Keys (q, Esc: close)");
		down = down || strstr(text, "j, Down                Select the "
				      "next event");
		free(text);
	}
	assert_true(title);
	assert_true(down);
	screen_key(s, "q");  /* closes the help, not the program */
	char *text = screen_row(s, 2);
	assert_null(strstr(text, "Keys"));
	free(text);
	assert_true(screen_altscreen(s));
	screen_free(s);
}

static void L_switches_the_language(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "ko");
	assert_row_has(s, 2, "시험 행사 개최");
	screen_key(s, "L");
	assert_row_has(s, 2, "Test conference held");
	assert_row_has(s, 23, "en  ? help");
	screen_key(s, "L");
	assert_row_has(s, 12, "시험 행사 개최");
	screen_free(s);
}

static void enter_and_tab_move_between_panes(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "\r");
	assert_row(s, 1, " Test conference held");
	assert_row_has(s, 23, "detail");
	screen_key(s, "\r");
	assert_row_has(s, 2, "Test conference held");
	screen_key(s, "\t");
	assert_row_has(s, 23, "detail pane");
	screen_key(s, "j");  /* scrolls the detail, keeps the selection */
	assert_row(s, 12, "");
	assert_row_has(s, 23, " 1/3");
	/* Tab goes through the event's organizations and person (3), then
	 * back to the timeline */
	for (int i = 0; i < 4; i++)
		screen_key(s, "\t");
	char *status = screen_row(s, 23);
	assert_null(strstr(status, "detail pane"));
	free(status);
	screen_key(s, "j");
	assert_row_has(s, 23, " 2/3");
	screen_free(s);
}

static void tab_into_a_link_and_enter_filters_by_it(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "\t");
	screen_key(s, "\t");  /* the first organization: KAIST */
	int row = -1;
	for (int r = 12; r < 23 && row < 0; r++)
		if (screen_highlit(s, r, 3))
			row = r;
	assert_true(row > 0);
	assert_row_has(s, row, "KAIST (participant)");
	screen_key(s, "\r");
	assert_row_has(s, 23, " 1/2  org:kaist");
	assert_row_has(s, 4, "A year-long plan");
	screen_free(s);
}

static void q_restores_the_terminal(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	assert_true(screen_altscreen(s));
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	assert_false(screen_altscreen(s));
	screen_free(s);
}

static void signals_and_ctrl_c_restore_the_terminal(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_signal(s, SIGTERM);
	assert_int_equal(screen_wait(s), 128 + SIGTERM);
	assert_false(screen_altscreen(s));
	screen_free(s);
	s = start(f, 24, 80, "en");
	screen_signal(s, SIGHUP);
	assert_int_equal(screen_wait(s), 128 + SIGHUP);
	assert_false(screen_altscreen(s));
	screen_free(s);
	s = start(f, 24, 80, "en");
	screen_key(s, "\003");  /* Ctrl-c */
	assert_int_equal(screen_wait(s), 128 + SIGINT);
	assert_false(screen_altscreen(s));
	screen_free(s);
}

static void dumb_terminals_get_the_list(void **state)
{
	fixture *f = *state;
	const char *env[] = {"TERM=dumb", NULL};
	screen *s = screen_start(f->home, 24, 80, env,
				 (const char *const[]){f->db_arg, "--lang=en",
						       NULL});
	assert_int_equal(screen_wait(s), 0);
	assert_false(screen_altscreen(s));
	assert_row(s, 0, "yeonpyo: TERM is unset or dumb; printing the list "
		   "instead of opening the browser");
	assert_row(s, 1, "2024-07-12           SKT·KAIST        Test conference held");
	screen_free(s);
	const char *unknown[] = {"TERM=no-such-terminal-type", NULL};
	s = screen_start(f->home, 24, 80, unknown,
			 (const char *const[]){f->db_arg, "--lang=en", NULL});
	assert_int_equal(screen_wait(s), 0);
	assert_row(s, 0, "yeonpyo: TERM names a terminal that terminfo does not "
		   "know; printing the list in");
	screen_free(s);
	/* and a pipe is not a terminal */
	support_result r = RUN(f, NULL, NULL, f->db_arg, "--lang=en");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "yeonpyo: standard output is not a terminal; "
			    "printing the list instead of opening the browser\n");
	assert_int_equal(support_count_lines(r.out), 3);
	support_result_free(&r);
}

/* On the first event each time (the browser reopens where it was). */
static screen *start_env(fixture *f, const char *const *env, const char *opt)
{
	return screen_start(f->home, 24, 80, env,
			    (const char *const[]){f->db_arg, "--lang=en", "--top",
						  opt, NULL});
}

static void colors_follow_no_color_and_the_option(void **state)
{
	fixture *f = *state;
	/* row 3 is the second event, not selected: its date is coloured */
	screen *s = start_env(f, NULL, NULL);
	assert_true(screen_colored(s, 3, 1));
	screen_free(s);
	const char *no_color[] = {"NO_COLOR=1", NULL};
	s = start_env(f, no_color, NULL);
	assert_false(screen_colored(s, 3, 1));
	assert_true(screen_highlit(s, 2, 1));  /* the selection still shows */
	screen_free(s);
	s = start_env(f, no_color, "--color=always");
	assert_true(screen_colored(s, 3, 1));
	screen_free(s);
	s = start_env(f, NULL, "--color=never");
	assert_false(screen_colored(s, 3, 1));
	screen_free(s);
}

static void monochrome_and_8_colour_terminals_work(void **state)
{
	fixture *f = *state;
	static const char *const terms[] = {"TERM=vt100", "TERM=xterm",
					    "TERM=linux", "TERM=screen"};
	for (size_t i = 0; i < 4; i++) {
		const char *env[] = {terms[i], NULL};
		screen *s = start_env(f, env, NULL);
		assert_true(screen_highlit(s, 2, 1));
		assert_row_has(s, 2, "Test conference held");
		screen_key(s, "j");
		assert_true(screen_highlit(s, 3, 1));
		assert_row_has(s, 23, " 2/3");
		screen_key(s, "q");
		assert_int_equal(screen_wait(s), 0);
		screen_free(s);
	}
}

static void escape_closes_full_screen_detail(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "\r");
	assert_row_has(s, 23, "detail");
	screen_key(s, "\033");
	assert_row_has(s, 2, "Test conference held");
	screen_key(s, "?");
	screen_key(s, "\033");
	assert_row_has(s, 2, "Test conference held");
	screen_free(s);
}

static void search_narrows_as_you_type_and_marks_matches(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "ko");
	screen_key(s, "/");
	assert_row(s, 23, "/");
	screen_key(s, "얼");
	/* only 얼라이언스 설립 is left, its 얼 marked */
	assert_row(s, 2, " 2024-11      시험 얼라이언스       얼라이언스 설립");
	assert_row(s, 3, "");
	assert_true(screen_underline(s, 2, 36));
	assert_false(screen_underline(s, 2, 38));
	assert_row(s, 23, "/얼");
	screen_key(s, "\r");  /* Enter keeps the result */
	assert_row_has(s, 23, " 1/1  /얼");
	assert_row(s, 2, " 2024-11      시험 얼라이언스       얼라이언스 설립");
	screen_key(s, "\033");  /* and Esc then ends the search */
	assert_row_has(s, 23, " 2/3");
	screen_free(s);
}

static void escape_in_the_prompt_restores_view_and_selection(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "j");
	screen_key(s, "/");
	screen_key(s, "y");
	screen_key(s, "e");
	screen_key(s, "a");
	screen_key(s, "r");
	assert_row_has(s, 2, "A year-long plan");
	assert_row_has(s, 1, "2025");
	screen_key(s, "\033");
	assert_row_has(s, 23, " 2/3");
	assert_true(screen_highlit(s, 3, 5));
	assert_row_has(s, 3, "Alliance founded");
	screen_free(s);
}

/* Keys that arrive together (a paste, fast typing over SSH) are searched
 * once: the first frame after them already shows the whole query and its
 * results, not those of its first letter. */
static void a_pasted_query_is_searched_once(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "/");
	size_t before = screen_bytes(s);
	screen_key(s, "year");
	assert_row(s, 23, "/year");
	assert_row_has(s, 2, "A year-long plan");
	assert_row(s, 3, "");
	/* one frame: the prompt drawn once, not once per letter */
	screen_key(s, "\r");
	assert_row_has(s, 23, " 1/1  /year");
	assert_true(screen_bytes(s) - before < 1500);
	screen_free(s);
}

static void backspace_takes_a_whole_syllable(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "ko");
	screen_key(s, "/");
	screen_key(s, "행");
	screen_key(s, "사");
	assert_row(s, 23, "/행사");
	assert_row_has(s, 2, "시험 행사 개최");
	assert_row(s, 3, "");
	screen_key(s, "\177");
	assert_row(s, 23, "/행");
	screen_key(s, "\033OD");  /* Left: before 행 */
	screen_key(s, "\177");     /* nothing before it to take */
	assert_row(s, 23, "/행");
	screen_key(s, "\033OC");  /* Right, then Backspace takes 행 */
	screen_key(s, "\177");
	assert_row(s, 23, "/");
	assert_row_has(s, 5, "연 단위 계획");  /* everything is back */
	screen_free(s);
}

static void n_and_N_move_between_results(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "/");
	screen_key(s, "2");
	screen_key(s, "0");
	screen_key(s, "2");
	screen_key(s, "4");
	screen_key(s, "\r");
	assert_row_has(s, 23, " 1/2  /2024");
	screen_key(s, "n");
	assert_row_has(s, 23, " 2/2");
	screen_key(s, "n");
	assert_row_has(s, 23, " 1/2");
	screen_key(s, "N");
	assert_row_has(s, 23, " 2/2");
	screen_free(s);
}

static void earlier_searches_come_back_with_up(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "ko");
	screen_key(s, "/");
	screen_key(s, "설");
	screen_key(s, "립");
	screen_key(s, "\r");
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
	s = start(f, 24, 80, "ko");  /* a later session */
	screen_key(s, "/");
	screen_key(s, "\033OA");  /* Up */
	assert_row(s, 23, "/설립");
	screen_key(s, "\r");
	assert_row_has(s, 23, " 1/1  /설립");
	screen_free(s);
}

static void query_syntax_typed_in_the_prompt_is_text(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	static const char *const keys[] = {"/", "\"", "(", "A", "N", "D", "*",
					   ":", "^", "'", ";", NULL};
	for (size_t i = 0; keys[i]; i++)
		screen_key(s, keys[i]);
	assert_row(s, 23, "/\"(AND*:^';");
	assert_row(s, 1, " (no events)");
	screen_key(s, "\033");
	assert_row_has(s, 23, " 1/3");
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

static void organization_picker_lists_counts_and_narrows(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "o");
	int head = screen_find_row(s, "Organization: ");
	assert_true(head >= 0);
	/* in English order, with the number of events of each */
	int kaist = screen_find_row(s, "│ KAIST ");
	int skt = screen_find_row(s, "│ SKT · SK Telecom ");
	int test = screen_find_row(s, "│ 시험 얼라이언스 ");
	assert_true(kaist == head + 1 && skt == kaist + 1 && test == skt + 1);
	char *row = screen_row(s, kaist);
	assert_non_null(strstr(row, " 2 "));
	free(row);
	screen_key(s, "k");
	screen_key(s, "a");
	assert_true(screen_find_row(s, "│ SKT · SK Telecom ") < 0);
	screen_key(s, "\r");
	assert_row_has(s, 23, " 1/2  org:KAIST");
	assert_row_has(s, 2, "Test conference held");
	assert_row_has(s, 4, "A year-long plan");
	screen_key(s, "c");
	assert_row_has(s, 23, " 1/3");
	screen_free(s);
}

static void tag_and_year_filters_combine(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "en");
	screen_key(s, "t");
	assert_true(screen_find_row(s, "│ alliance ") >= 0);
	screen_key(s, "\r");  /* alliance, the first */
	assert_row_has(s, 23, " 1/2  tag:alliance");
	screen_key(s, "y");
	assert_true(screen_find_row(s, "First year: ") >= 0);
	screen_key(s, "\r");  /* 2024 */
	assert_true(screen_find_row(s, "Last year: ") >= 0);
	screen_key(s, "\r");  /* 2024 again: one year */
	assert_row_has(s, 23, " 1/2  tag:alliance  2024");
	screen_key(s, "o");
	screen_key(s, "\r");  /* KAIST */
	assert_row_has(s, 23, " 1/1  org:KAIST  tag:alliance  2024");
	assert_row_has(s, 2, "Test conference held");
	screen_key(s, "y");
	screen_key(s, "\033");  /* Esc in a picker changes nothing */
	assert_row_has(s, 23, " 1/1  org:KAIST  tag:alliance  2024");
	screen_key(s, "c");
	assert_row_has(s, 23, " 1/3");
	screen_free(s);
}

static void organizations_view_shows_partners_and_events(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 30, 120, "en");
	screen_key(s, "O");
	assert_row_has(s, 1, "Organizations:");
	/* KAIST, first in English order: a university with 2 events */
	assert_row_has(s, 2, " KAIST ");
	assert_row_has(s, 2, "university");
	assert_row_has(s, 2, "2024-2025");
	assert_true(screen_find_row(s, "│ Appears most often with") == 1);
	assert_true(screen_find_row(s, "│  SKT (1)") == 2);
	assert_true(screen_find_row(s, "│  2024-07-12  Test conference held") > 3);
	assert_true(screen_find_row(s, "│  2025        A year-long plan") > 3);
	screen_key(s, "s");  /* narrows to the names with an s */
	screen_key(s, "k");
	screen_key(s, "t");
	assert_row_has(s, 2, "SKT · SK Telecom");
	assert_true(screen_find_row(s, "│  KAIST (1)") == 2);
	screen_key(s, "\r");
	assert_row_has(s, 29, " 1/1  org:SKT · SK Telecom");
	assert_row_has(s, 2, "Test conference held");
	screen_free(s);
}

/* Overlays drawn over Korean text: every row of the frame keeps its left
 * and right edge, even where a wide character lay under the edge. */
static void overlays_never_cut_a_wide_character(void **state)
{
	fixture *f = *state;
	screen *s = start(f, 24, 80, "ko");
	screen_key(s, "\r");  /* full-screen detail: Korean under the frame */
	screen_key(s, "?");
	for (int step = 0; step < 12; step++) {
		int top = screen_find_row(s, "┌");
		assert_true(top > 0);
		int left = -1;
		for (int col = 0; col < 80 && left < 0; col++)
			if (screen_char(s, top, col, NULL) == 0x250C)
				left = col;
		for (int row = top + 1; row < 22; row++) {
			uint32_t ch = screen_char(s, row, left, NULL);
			if (ch == 0x2514)  /* the bottom corner */
				break;
			if (ch != 0x2502)
				fail_msg("step %d: row %d starts with U+%04X at %d", step,
					 row, (unsigned)ch, left);
		}
		screen_key(s, "j");
	}
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hangul_title_lands_on_exact_cells, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(year_separators_and_planned_mark, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(marks_and_seen_events_are_kept, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(source_addresses_are_hyperlinks, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(the_configuration_applies, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(v_charts_organizations_by_year, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(the_sparkline_shows_the_shape_and_the_view, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(x_copies_the_address_when_asked, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(marks_without_a_state_directory_are_kept_for_the_run, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(selection_moves_with_j_G_and_g, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(detail_pane_follows_the_selection, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(side_by_side_from_120_columns, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(resize_keeps_the_selection, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(tiny_terminals_get_a_message_not_a_crash, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(help_overlay_lists_the_keys, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(L_switches_the_language, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(enter_and_tab_move_between_panes, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(tab_into_a_link_and_enter_filters_by_it, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(q_restores_the_terminal, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(signals_and_ctrl_c_restore_the_terminal, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(dumb_terminals_get_the_list, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(colors_follow_no_color_and_the_option, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(monochrome_and_8_colour_terminals_work, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(escape_closes_full_screen_detail, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(search_narrows_as_you_type_and_marks_matches, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(escape_in_the_prompt_restores_view_and_selection, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(a_pasted_query_is_searched_once, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(backspace_takes_a_whole_syllable, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(n_and_N_move_between_results, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(earlier_searches_come_back_with_up, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(query_syntax_typed_in_the_prompt_is_text, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(organization_picker_lists_counts_and_narrows, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(tag_and_year_filters_combine, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(organizations_view_shows_partners_and_events, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(overlays_never_cut_a_wide_character, setup, support_db_teardown),
	};
	return cmocka_run_group_tests_name("screen", tests, NULL, NULL);
}
