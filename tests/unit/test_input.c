/* test_input.c: the reader of the terminal's bytes (src/ui/input.c):
 * keys and characters whole, the terminal's answers taken out whenever
 * they come (late, split, twice, between keys), the answer that is also
 * a key decided by whether one is awaited, and what is neither dropped.
 * Time is given to the reader, so each wait is exact. */
#include "support.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <stdio.h>

#include "ui/input.h"
#include "ui/terminal.h"
#include "yeonpyo/keys.h"

static int setup(void **state)
{
	input *in = calloc(1, sizeof(*in));
	assert_non_null(in);
	input_init(in, -1);  /* no descriptor: only what the test feeds */
	assert_true(input_add_key(in, "\033[1;2R", FKEY_F(15)));  /* xterm */
	assert_true(input_add_key(in, "\033OP", FKEY_F(1)));
	assert_true(input_add_key(in, "\033[24~", FKEY_F(12)));
	assert_true(input_add_key(in, "\177", FKEY_BACKSPACE));
	assert_true(input_add_common_keys(in));
	*state = in;
	return 0;
}

static int teardown(void **state)
{
	input_free(*state);
	free(*state);
	return 0;
}

static void feed(input *in, const char *bytes, long now)
{
	assert_true(input_feed(in, bytes, strlen(bytes), now));
}

static input_event next(input *in, long now)
{
	input_event ev;
	memset(&ev, 0, sizeof(ev));
	if (!input_next(in, now, &ev))
		fail_msg("no event at %ld ms (%zu bytes wait)", now, in->n);
	return ev;
}

static void expect_none(input *in, long now)
{
	input_event ev;
	if (input_next(in, now, &ev))
		fail_msg("an event at %ld ms: kind %d ch %lu code %d", now,
			 ev.kind, ev.ch, ev.code);
}

static void expect_char(input *in, long now, unsigned long ch)
{
	input_event ev = next(in, now);
	assert_int_equal(ev.kind, INPUT_CHAR);
	assert_int_equal(ev.ch, ch);
}

static void expect_mouse(input *in, long now, int button, int row, int col,
			 bool pressed)
{
	input_event ev = next(in, now);
	assert_int_equal(ev.kind, INPUT_MOUSE);
	assert_int_equal(ev.code, button);
	assert_int_equal(ev.row, row);
	assert_int_equal(ev.col, col);
	assert_int_equal(ev.pressed, pressed);
}

static void expect_key(input *in, long now, int code)
{
	input_event ev = next(in, now);
	assert_int_equal(ev.kind, INPUT_KEY);
	assert_int_equal(ev.code, code);
}

static void expect_cursor(input *in, long now, int row, int col)
{
	input_event ev = next(in, now);
	assert_int_equal(ev.kind, INPUT_CURSOR);
	assert_int_equal(ev.row, row);
	assert_int_equal(ev.col, col);
}

static void expect_attributes(input *in, long now)
{
	assert_int_equal(next(in, now).kind, INPUT_ATTRIBUTES);
}

static void keys_and_characters_come_whole(void **state)
{
	input *in = *state;
	feed(in, "j\033[Ak\xea\xb0\x80\033OP\033[6~\177\033[24~", 0);
	expect_char(in, 0, 'j');
	expect_key(in, 0, FKEY_UP);
	expect_char(in, 0, 'k');
	expect_char(in, 0, 0xAC00);  /* 가 */
	expect_key(in, 0, FKEY_F(1));
	expect_key(in, 0, FKEY_PGDN);
	expect_key(in, 0, FKEY_BACKSPACE);
	expect_key(in, 0, FKEY_F(12));
	expect_none(in, 1000);
	assert_int_equal(in->consumed, 21);
	assert_true(input_empty(in));
}

/* xterm's Shift-F3 is ESC [ 1 ; 2 R, which is also where the cursor is
 * after a narrow character printed at the start of the first row. */
static void the_cursor_report_that_is_a_key_goes_by_what_is_awaited(void **state)
{
	input *in = *state;
	feed(in, "\033[1;2R", 0);
	expect_key(in, 0, FKEY_F(15));  /* nothing asked: the key */
	input_expect(in, INPUT_CURSOR, 10);
	feed(in, "\033[1;2R", 20);
	expect_cursor(in, 20, 1, 2);   /* asked: the answer */
	feed(in, "\033[1;2R", 30);
	expect_key(in, 30, FKEY_F(15)); /* answered already: the key again */
	/* a question unanswered for INPUT_AWAIT_MS no longer decides */
	input_expect(in, INPUT_CURSOR, 100);
	feed(in, "\033[1;2R", 100 + INPUT_AWAIT_MS);
	expect_key(in, 100 + INPUT_AWAIT_MS, FKEY_F(15));
}

static void answers_are_never_keys_whenever_they_come(void **state)
{
	input *in = *state;
	/* late (nothing awaited any more), twice, and between keys */
	feed(in, "G\033[2;3Rj\033[?64;1;2;6;22cq\033[2;3R\033[?62c[", 0);
	expect_char(in, 0, 'G');
	expect_cursor(in, 0, 2, 3);
	expect_char(in, 0, 'j');
	expect_attributes(in, 0);
	expect_char(in, 0, 'q');
	expect_cursor(in, 0, 2, 3);
	expect_attributes(in, 0);
	expect_char(in, 0, '[');
	expect_none(in, 1000);
}

static void a_split_answer_is_waited_for_while_awaited(void **state)
{
	input *in = *state;
	input_expect(in, INPUT_CURSOR, 0);
	input_expect(in, INPUT_ATTRIBUTES, 0);
	feed(in, "\033[2;", 0);
	expect_none(in, INPUT_ANSWER_MS - 1);
	assert_int_equal(input_deadline(in), INPUT_ANSWER_MS);
	feed(in, "3R\033[?6", 300);
	expect_cursor(in, 300, 2, 3);
	expect_none(in, 700);
	feed(in, "2c", 700);
	expect_attributes(in, 700);
	/* answered: a lone Esc is a key again after the usual delay */
	feed(in, "\033", 800);
	expect_none(in, 800 + INPUT_ESC_MS - 1);
	expect_char(in, 800 + INPUT_ESC_MS, 27);
}

static void a_sequence_cut_short_is_dropped_not_typed(void **state)
{
	input *in = *state;
	/* nothing awaited: the rest of a sequence is waited for as long as
	 * an Esc is, and what came is no key */
	feed(in, "\033[2;", 0);
	expect_none(in, INPUT_ESC_MS - 1);
	expect_none(in, INPUT_ESC_MS);
	assert_true(input_empty(in));
	feed(in, "3Rj", 100);
	expect_char(in, 100, '3');
	expect_char(in, 100, 'R');
	expect_char(in, 100, 'j');
	assert_int_equal(in->consumed, 7);
}

static void a_lone_escape_waits_longer_while_an_answer_is_awaited(void **state)
{
	input *in = *state;
	input_expect(in, INPUT_CURSOR, 0);
	feed(in, "\033", 0);
	expect_none(in, INPUT_ESC_MS);
	expect_char(in, INPUT_ANSWER_MS, 27);
	/* Esc then [ in one read: Esc, then [ on its own */
	feed(in, "\033[", 1000);
	expect_none(in, 1000 + INPUT_ANSWER_MS - 1);
	expect_char(in, 1000 + INPUT_ANSWER_MS, 27);
	expect_char(in, 1000 + INPUT_ANSWER_MS, '[');
}

static void reports_and_unknown_sequences_are_dropped(void **state)
{
	input *in = *state;
	feed(in, "\033[<0;12;5M\033[<0;12;5m\033[M !!\033[99;99;99X\033[>1;10;0c"
	     "\033Ojk", 0);
	expect_char(in, 0, 'k');
	assert_true(input_empty(in));
	/* half a mouse report: waited for as long as an answer (a slow
	 * link splits them), then dropped */
	feed(in, "\033[M !", 10);
	expect_none(in, 10 + INPUT_ANSWER_MS - 1);
	assert_false(input_empty(in));
	expect_none(in, 10 + INPUT_ANSWER_MS);
	assert_true(input_empty(in));
	feed(in, "\033\033j", 100);  /* Alt-j comes as Esc, then j */
	expect_char(in, 100, 27);
	expect_char(in, 100, 27);
	expect_char(in, 100, 'j');
}

static void characters_split_over_reads_are_joined(void **state)
{
	input *in = *state;
	feed(in, "\xea\xb0", 0);
	expect_none(in, INPUT_CHAR_MS - 1);
	feed(in, "\x80\xff" "a\xc3", INPUT_CHAR_MS - 1);
	expect_char(in, INPUT_CHAR_MS, 0xAC00);
	expect_char(in, INPUT_CHAR_MS, 'a');  /* 0xff is no character */
	expect_none(in, 2 * INPUT_CHAR_MS - 2);
	expect_none(in, 2 * INPUT_CHAR_MS - 1);  /* the cut one goes */
	assert_true(input_empty(in));
	assert_int_equal(in->consumed, 6);
}

/* The device attributes, asked for last, answer every question before
 * them: a terminal that does not report the cursor leaves nothing
 * awaited. */
static void device_attributes_end_every_wait(void **state)
{
	input *in = *state;
	input_expect(in, INPUT_CURSOR, 0);
	input_expect(in, INPUT_ATTRIBUTES, 0);
	feed(in, "\033[?1;2c\033[1;2R", 10);
	expect_attributes(in, 10);
	expect_key(in, 10, FKEY_F(15));
}

/* With the mouse on: SGR reports (1006) and X10 ones, their modifier
 * bits taken off, the wheel, a release; and keys on either side kept in
 * order. */
static void mouse_reports_are_events_when_the_mouse_is_on(void **state)
{
	input *in = *state;
	in->mouse = true;
	feed(in, "j\033[<0;12;5M\033[<0;12;5m\033[<65;3;4M\033[<20;7;8M"
	     "\033[M !#\033[M#!#k", 0);
	expect_char(in, 0, 'j');
	expect_mouse(in, 0, INPUT_BUTTON_LEFT, 5, 12, true);
	expect_mouse(in, 0, INPUT_BUTTON_LEFT, 5, 12, false);
	expect_mouse(in, 0, INPUT_WHEEL_DOWN, 4, 3, true);
	expect_mouse(in, 0, INPUT_BUTTON_LEFT, 8, 7, true);  /* control */
	expect_mouse(in, 0, INPUT_BUTTON_LEFT, 3, 1, true);  /* X10 */
	expect_mouse(in, 0, INPUT_BUTTON_RELEASE, 3, 1, false);
	expect_char(in, 0, 'k');
	assert_true(input_empty(in));
}

/* A report split over a slow link is one event; one cut short is
 * dropped, and the rest of it, when it comes, is no keys either. */
static void torn_mouse_reports_are_never_keys(void **state)
{
	input *in = *state;
	in->mouse = true;
	feed(in, "\033[<64;10", 0);
	expect_none(in, INPUT_ANSWER_MS - 1);
	feed(in, ";20M", INPUT_ANSWER_MS - 1);
	expect_mouse(in, INPUT_ANSWER_MS - 1, INPUT_WHEEL_UP, 20, 10, true);
	assert_true(input_empty(in));
	feed(in, "\033[<0;10", 1000);
	expect_none(in, 1000 + INPUT_ANSWER_MS);
	assert_true(input_empty(in));
	feed(in, ";20Mq", 1000 + INPUT_ANSWER_MS + 50);
	expect_char(in, 1000 + INPUT_ANSWER_MS + 50, 'q');
	assert_true(input_empty(in));
	/* with the mouse off the same bytes are dropped as well */
	in->mouse = false;
	feed(in, "\033[<0;1;2M\033[<0;10", 5000);
	expect_none(in, 5000 + INPUT_ANSWER_MS);
	feed(in, ";20Mx", 5000 + INPUT_ANSWER_MS + 10);
	expect_char(in, 5000 + INPUT_ANSWER_MS + 10, 'x');
	assert_true(input_empty(in));
}

/* What curses binds for the terminal, asked code by code (the way
 * terminal_keys_load asked before it read the description's keys). */
static void keys_by_keybound(input *ref)
{
	for (int code = KEY_MIN; code < KEY_MAX + 1024; code++) {
		if (code == KEY_MOUSE)
			continue;
		for (int i = 0;; i++) {
			char *seq = keybound(code, i);
			if (!seq)
				break;
			assert_true(input_add_key(ref, seq, terminal_fkey_of(code)));
			free(seq);
		}
	}
	assert_true(input_add_common_keys(ref));
}

static bool holds_key(const input *in, const char *seq, int code)
{
	for (size_t k = 0; k < in->n_keys; k++)
		if (strcmp(in->keys[k].seq, seq) == 0)
			return in->keys[k].code == code;
	return false;
}

static void assert_same_keys(const input *a, const input *b)
{
	for (size_t k = 0; k < a->n_keys; k++)
		if (!holds_key(b, a->keys[k].seq, a->keys[k].code))
			fail_msg("key %zu (\\E%s, %d) is in one set only", k,
				 a->keys[k].seq + 1, a->keys[k].code);
}

/* The keys read from the description's capabilities are every key curses
 * binds, on each terminal type here (the extended ones, such as xterm's
 * modified arrows, included), and no other. */
static void keys_loaded_are_those_curses_binds(void **state)
{
	(void)state;
	static const char *const terms[] = {
		"xterm-256color", "xterm", "screen-256color", "tmux-256color",
		"rxvt-unicode-256color", "linux", "vt100", "vt220", "ansi",
		"Eterm", "cons25", "sun", "mach-color",
	};
	int tried = 0;
	for (size_t t = 0; t < sizeof(terms) / sizeof(*terms); t++) {
		FILE *out = fopen("/dev/null", "w");
		FILE *in_file = fopen("/dev/null", "r");
		assert_non_null(out);
		assert_non_null(in_file);
		SCREEN *scr = newterm(terms[t], out, in_file);
		if (!scr) {  /* not installed here */
			fclose(out);
			fclose(in_file);
			continue;
		}
		tried++;
		keypad(stdscr, TRUE);
		input loaded, ref;
		input_init(&loaded, -1);
		input_init(&ref, -1);
		assert_true(terminal_keys_load(&loaded));
		keys_by_keybound(&ref);
		assert_same_keys(&loaded, &ref);
		assert_same_keys(&ref, &loaded);
		assert_int_equal(loaded.n_keys, ref.n_keys);
		input_free(&loaded);
		input_free(&ref);
		endwin();
		delscreen(scr);
		fclose(out);
		fclose(in_file);
	}
	assert_true(tried >= 2);  /* xterm's are always installed */
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(mouse_reports_are_events_when_the_mouse_is_on),
		T(torn_mouse_reports_are_never_keys),
		T(keys_and_characters_come_whole),
		T(the_cursor_report_that_is_a_key_goes_by_what_is_awaited),
		T(answers_are_never_keys_whenever_they_come),
		T(a_split_answer_is_waited_for_while_awaited),
		T(a_sequence_cut_short_is_dropped_not_typed),
		T(a_lone_escape_waits_longer_while_an_answer_is_awaited),
		T(reports_and_unknown_sequences_are_dropped),
		T(characters_split_over_reads_are_joined),
		T(device_attributes_end_every_wait),
#undef T
		cmocka_unit_test(keys_loaded_are_those_curses_binds),
	};
	return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
