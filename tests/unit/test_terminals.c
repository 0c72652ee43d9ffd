/* test_terminals.c: the browser on terminals as people have them: ones
 * that answer the width probe late, split or never, that draw ambiguous
 * characters wide, that have no VT100 line drawing; what a key typed
 * before the answer does, and the one answer that is also a key. Where
 * cells cannot tell (libvterm stores VT100 line drawing as U+2500...), the
 * test reads the bytes the program wrote. */
#define _GNU_SOURCE
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef support_db fixture;

#define EVENTS 36  /* the built-in dataset */
#define PROBE 0x25B2

static int setup(void **state)
{
	*state = support_db_new(NULL);
	return 0;
}

/* On the first event each time (--top): the browser would reopen where
 * the last start in this home left it. */
static screen *start_on(fixture *f, const screen_terminal *t, int rows,
			int cols, const char *lang, const char *opt)
{
	return screen_start_on(t, f->home, rows, cols, NULL,
			       (const char *const[]){f->db_arg, "--top", lang,
						     opt, NULL});
}

static bool screen_has(screen *s, int rows, const char *text)
{
	bool found = false;
	for (int r = 0; r < rows && !found; r++) {
		char *row = screen_row(s, r);
		found = strstr(row, text) != NULL;
		free(row);
	}
	return found;
}

/* q quits at once, with status 0. */
static void quit(screen *s)
{
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

/* The status line says the position, and no help box is open. */
static void assert_at(screen *s, int rows, int position, const char *when)
{
	char want[32];
	snprintf(want, sizeof(want), " %d/%d", position, EVENTS);
	char *status = screen_row(s, rows - 1);
	if (strncmp(status, want, strlen(want)) != 0 ||
	    (status[strlen(want)] != ' ' && status[strlen(want)] != '\0'))
		fail_msg("%s: the status line is \"%s\", not at%s", when, status,
			 want);
	free(status);
	if (screen_has(s, rows, "Keys (q, Esc: close)"))
		fail_msg("%s: the help is open", when);
}

static void late_split_and_absent_answers_change_nothing(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *name;
		screen_terminal t;
	} terms[] = {
		{"at once", {0}},
		{"after 400 ms", {.answer_ms = 400}},
		{"after 1.5 s", {.answer_ms = 1500}},
		{"after 400 ms, split", {.answer_ms = 400, .split = true}},
		{"split", {.split = true}},
		{"never", {.silent = true}},
	};
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		screen *s = start_on(f, &terms[i].t, 24, 80, "--lang=en", NULL);
		assert_at(s, 24, 1, terms[i].name);
		screen_answered(s);
		assert_at(s, 24, 1, terms[i].name);
		if (!screen_has(s, 24, "KT-KAIST joint lab due to open"))
			fail_msg("%s: the first event is not shown", terms[i].name);
		quit(s);
	}
}

/* A user who types before the terminal has answered gets those keys: a
 * terminal that holds its answers until the keys are in, one that answers
 * late whenever that falls, and one that never does. */
static void keys_typed_before_the_answer_are_honoured(void **state)
{
	fixture *f = *state;
	static const screen_terminal late[] = {
		{.held = true, .typed_ahead = "G"},
		{.held = true, .split = true, .typed_ahead = "G"},
		{.answer_ms = 400, .typed_ahead = "G"},
		{.silent = true, .typed_ahead = "G"},
	};
	for (size_t i = 0; i < sizeof(late) / sizeof(late[0]); i++) {
		screen *s = start_on(f, &late[i], 24, 80, "--lang=en", NULL);
		assert_at(s, 24, EVENTS, "G typed at once");
		screen_key(s, "k");
		screen_key(s, "k");
		assert_at(s, 24, EVENTS - 2, "k k typed before the answer");
		screen_release(s);
		screen_answered(s);
		assert_at(s, 24, EVENTS - 2, "after the answer");
		quit(s);
	}
}

/* A q typed before the terminal's answers are in: the browser reads them
 * before it ends, so none reaches the shell that reads the terminal
 * next. The shell is a script that says what it finds within 0.5 s. */
static void answers_after_a_quick_q_do_not_reach_the_shell(void **state)
{
	fixture *f = *state;
	char *wrapper = support_path(f->home, "then-shell");
	support_write_file(wrapper,
			   "#!/bin/sh\n"
			   "\"$YP_REAL\" \"$@\"; rc=$?\n"
			   "stty -icanon -echo min 0 time 5\n"
			   "left=$(dd bs=64 count=1 2>/dev/null | od -An -tx1 | "
			   "tr -d ' \\n')\n"
			   "echo \"exit $rc, the shell read [$left]\"\n");
	assert_int_equal(chmod(wrapper, 0755), 0);
	const char *bin = getenv("YEONPYO_BIN");
	char *saved = bin ? strdup(bin) : NULL;
	const char *program = bin && *bin ? bin : "yeonpyo";
	char real[4200], *cwd = getcwd(NULL, 0);
	snprintf(real, sizeof(real), "YP_REAL=%s%s%s",
		 program[0] == '/' ? "" : cwd, program[0] == '/' ? "" : "/",
		 program);
	free(cwd);
	setenv("YEONPYO_BIN", wrapper, 1);
	static const screen_terminal late = {.answer_ms = 200,
					     .typed_ahead = "q"};
	const char *env[] = {real, NULL};
	screen *s = screen_start_on(&late, f->home, 24, 80, env,
				    (const char *const[]){f->db_arg, NULL});
	if (saved)
		setenv("YEONPYO_BIN", saved, 1);
	else
		unsetenv("YEONPYO_BIN");
	free(saved);
	assert_int_equal(screen_wait(s), 0);
	free(wrapper);
	char said[256] = "";
	for (int r = 0; r < 24 && !said[0]; r++) {
		char *row = screen_row(s, r);
		if (strstr(row, "the shell read"))
			snprintf(said, sizeof(said), "%s", row);
		free(row);
	}
	screen_free(s);
	if (strcmp(said, "exit 0, the shell read []") != 0)
		fail_msg("the answers reached the shell: \"%s\"", said);
}

/* xterm's Shift-F3 is ESC [ 1 ; 2 R, the shape of a cursor report: a key
 * when no answer is awaited, and taken as the answer when one is. */
static void shift_f3_is_a_key_unless_an_answer_is_awaited(void **state)
{
	fixture *f = *state;
	char *cfg = support_config(f->home, "bind F15 last\n", NULL);
	const char *env[] = {cfg, NULL};
	const char *const args[] = {f->db_arg, "--lang=en", "--top", NULL};
	static const screen_terminal prompt = {0}, silent = {.silent = true};
	screen *s = screen_start_on(&prompt, f->home, 24, 80, env, args);
	screen_key(s, "\033[1;2R");
	assert_at(s, 24, EVENTS, "Shift-F3, nothing awaited");
	quit(s);
	s = screen_start_on(&silent, f->home, 24, 80, env, args);
	screen_key(s, "\033[1;2R");
	assert_at(s, 24, 1, "Shift-F3 while the probe's answer is awaited");
	quit(s);
	free(cfg);
}

/* Fails at the first East Asian Ambiguous code point in the program's
 * output from byte from on, but for the probe's U+25B2 each time it is
 * sent; returns how many probes there were. */
static int check_bytes_narrow(screen *s, size_t from, const char *what)
{
	int probes = 0;
	uint32_t c = 0;
	long at = screen_ambiguous_at(s, from, PROBE, &probes, &c);
	if (at >= 0) {
		size_t len = 0;
		const char *out = screen_output(s, &len);
		fail_msg("%s: U+%04X written at byte %ld: \"%.40s\"", what,
			 (unsigned)c, at, out + (at > 20 ? at - 20 : 0));
	}
	return probes;
}

/* How many times the program wrote bytes. */
static int output_count(screen *s, const char *bytes)
{
	size_t len = 0, n = strlen(bytes);
	const char *out = screen_output(s, &len);
	int count = 0;
	for (const char *p = out; (p = memmem(p, len - (size_t)(p - out), bytes,
					      n)) != NULL; p += n)
		count++;
	return count;
}

/* The first year's rule in view ("-- 2024 ---", every screen here has 24
 * rows or more): what its first cell holds, U+2500 for the VT100 set (as
 * libvterm keeps it) or '-'. Found by the year, not by its row, which
 * depends on how many events the built-in dataset has. */
static uint32_t rule(screen *s)
{
	for (int row = 1; row < 24; row++) {
		bool year = screen_char(s, row, 2, NULL) == ' ' &&
			    screen_char(s, row, 7, NULL) == ' ';
		for (int col = 3; year && col < 7; col++) {
			uint32_t c = screen_char(s, row, col, NULL);
			year = c >= '0' && c <= '9';
		}
		if (year)
			return screen_char(s, row, 0, NULL);
	}
	fail_msg("no year's rule on the screen");
	return 0;
}

/* Everything that draws lines or ambiguous text: the panes stacked and
 * side by side, the full-screen detail, the help box, a picker, the
 * chart and the organizations view. */
static void browse_everything(screen *s)
{
	static const char *const keys[] = {
		"j", "]", "\r", "\r", "?", "q", "o", "\033", "v", "q", "O",
		"\033", "L", "G", "\t", "J",
	};
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		screen_key(s, keys[k]);
	screen_resize(s, 30, 130);
	screen_key(s, "g");
	screen_key(s, "?");
	screen_key(s, "q");
}

/* Where ambiguous characters are wide nothing ambiguous is written but
 * the probe's U+25B2, and lines are ASCII unless the terminal was found
 * to draw the VT100 set narrow (xterm -cjk_width draws it wide: seen in
 * a screenshot, every line character took two cells). */
static void wide_terminals_get_no_ambiguous_bytes(void **state)
{
	fixture *f = *state;
	static const screen_terminal narrow = {0}, wide = {.wide = true};
	static const screen_terminal narrow_lines = {.wide = true,
						     .lines_narrow = true};
	/* told: no probe, and nothing known of the lines */
	screen *s = start_on(f, &narrow, 24, 100, "--lang=ko", "--ambiwidth=2");
	browse_everything(s);
	assert_int_equal(check_bytes_narrow(s, 0, "--ambiwidth=2"), 0);
	assert_int_equal(output_count(s, "\033(0"), 0);
	assert_int_equal(rule(s), '-');
	quit(s);
	/* asked: one probe, nothing else, from the first frame on (a
	 * terminal never asked draws as if wide); the VT100 set only in the
	 * probe's question about lines */
	s = start_on(f, &wide, 24, 100, "--lang=ko", NULL);
	browse_everything(s);
	assert_int_equal(check_bytes_narrow(s, 0, "auto, wide terminal"), 1);
	assert_int_equal(output_count(s, "\033(0"), 1);
	assert_int_equal(rule(s), '-');
	quit(s);
	/* a terminal that draws the VT100 set narrow gets it */
	s = start_on(f, &narrow_lines, 24, 100, "--lang=ko", NULL);
	browse_everything(s);
	assert_int_equal(check_bytes_narrow(s, 0, "auto, narrow lines"), 1);
	assert_true(output_count(s, "\033(0") > 10);
	assert_int_equal(rule(s), 0x2500);
	quit(s);
}

/* A narrow terminal gets the real characters and its own line drawing
 * once it has answered. */
static void a_narrow_answer_brings_the_real_characters(void **state)
{
	fixture *f = *state;
	static const screen_terminal late = {.held = true};
	screen *s = start_on(f, &late, 24, 100, "--lang=ko", NULL);
	char *title = screen_row(s, 0);
	assert_non_null(strstr(title, " yeonpyo / 연표 -- 한국 AI 동맹 연표"));
	free(title);
	assert_int_equal(rule(s), '-');
	screen_release(s);
	screen_answered(s);
	title = screen_row(s, 0);
	assert_non_null(strstr(title, " yeonpyo · 연표 — 한국 AI 동맹 연표"));
	free(title);
	assert_int_equal(rule(s), 0x2500);
	quit(s);
}

/* The widths found are kept for the terminal type: the next start draws
 * with them at once, and a late answer that says otherwise redraws. */
static void the_widths_found_are_the_next_start_s(void **state)
{
	fixture *f = *state;
	static const screen_terminal narrow = {0};
	static const screen_terminal late_wide = {.held = true, .wide = true};
	static const screen_terminal narrow_lines = {.wide = true,
						     .lines_narrow = true};
	static const screen_terminal silent = {.silent = true};
	quit(start_on(f, &narrow, 24, 100, "--lang=en", NULL));
	/* known narrow: the first frame has the em dash and VT100 lines */
	screen *s = start_on(f, &late_wide, 24, 100, "--lang=en", NULL);
	char *title = screen_row(s, 0);
	assert_non_null(strstr(title, " yeonpyo \xe2\x80\x94 Korea"));
	free(title);
	assert_int_equal(rule(s), 0x2500);
	size_t before = 0;
	screen_output(s, &before);
	screen_release(s);
	screen_answered(s);
	title = screen_row(s, 0);
	assert_non_null(strstr(title, " yeonpyo -- Korea"));
	free(title);
	assert_int_equal(rule(s), '-');
	check_bytes_narrow(s, before, "after a late wide answer");
	quit(s);
	/* known wide, and no answer this time: wide from the first frame */
	s = start_on(f, &silent, 24, 100, "--lang=en", NULL);
	browse_everything(s);
	assert_int_equal(check_bytes_narrow(s, 0, "known wide, no answer"), 1);
	assert_int_equal(rule(s), '-');
	quit(s);
	/* and the VT100 set found narrow is used at once the next time */
	quit(start_on(f, &narrow_lines, 24, 100, "--lang=en", NULL));
	s = start_on(f, &silent, 24, 100, "--lang=en", NULL);
	assert_int_equal(rule(s), 0x2500);
	assert_int_equal(check_bytes_narrow(s, 0, "known narrow lines"), 1);
	quit(s);
}

/* A terminal description without a VT100 line drawing set (no acsc, and
 * no smacs, from which tic would assume one), or a setting that makes
 * curses send Unicode line drawing: on a terminal that draws ambiguous
 * characters wide, lines are ASCII even where the VT100 set would be
 * narrow. */
static void lines_are_ascii_without_a_vt100_set(void **state)
{
	fixture *f = *state;
	char *dir = support_path(f->home, "terminfo");
	char cmd[9000];
	snprintf(cmd, sizeof(cmd), "infocmp -x xterm-256color | sed -e "
		 "'s/^xterm-256color|/yp-noacs|/' -e 's/acsc=[^,]*, *//' -e "
		 "'s/[sr]macs=[^,]*, *//g' -e 's/enacs=[^,]*, *//' > '%s.src' "
		 "&& tic -x -o '%s' '%s.src'", dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	char terminfo[4200];
	snprintf(terminfo, sizeof(terminfo), "TERMINFO=%s", dir);
	static const screen_terminal narrow_lines = {.wide = true,
						     .lines_narrow = true};
	const char *const noacs[] = {"TERM=yp-noacs", terminfo, NULL};
	const char *const unicode[] = {"NCURSES_NO_UTF8_ACS=1", NULL};
	const char *const *envs[] = {noacs, unicode};
	const int probes_of_lines[] = {0, 1};
	for (size_t i = 0; i < 2; i++) {
		screen *s = screen_start_on(&narrow_lines, f->home, 24, 100,
					    envs[i], (const char *const[]){
						    f->db_arg, "--lang=en", "--top",
						    NULL});
		browse_everything(s);
		check_bytes_narrow(s, 0, envs[i][0]);
		assert_int_equal(output_count(s, "\033(0"), probes_of_lines[i]);
		assert_true(output_count(s, "-----") > 0);
		assert_int_equal(rule(s), '-');
		quit(s);
	}
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, support_db_teardown)
		T(late_split_and_absent_answers_change_nothing),
		T(keys_typed_before_the_answer_are_honoured),
		T(answers_after_a_quick_q_do_not_reach_the_shell),
		T(shift_f3_is_a_key_unless_an_answer_is_awaited),
		T(wide_terminals_get_no_ambiguous_bytes),
		T(a_narrow_answer_brings_the_real_characters),
		T(the_widths_found_are_the_next_start_s),
		T(lines_are_ascii_without_a_vt100_set),
#undef T
	};
	return cmocka_run_group_tests_name("terminals", tests, NULL, NULL);
}
