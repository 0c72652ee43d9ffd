/* test_storm.c: a keystroke storm. 20,000 random keys (escape sequences
 * whole and broken, invalid UTF-8, Hangul, controls) and 200 resizes
 * between 1x1 and 300x100 go into the browser, which must keep answering:
 * a scripted check at the end finds it drawing a sane screen, and q ends
 * it with status 0. make check runs it against the sanitizer build too. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEYS 20000
#define RESIZES 200
#define BURST 50  /* keys per write, typed ahead */

typedef support_db fixture;

static int setup(void **state)
{
	*state = support_db_new("tests/data/hostile.json");
	return 0;
}

/* xorshift64*: the same storm for the same seed, so a failure replays. */
static unsigned long long next(unsigned long long *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 2685821657736338717ULL;
}

static unsigned pick(unsigned long long *st, unsigned n)
{
	return (unsigned)(next(st) % n);
}

/* Appends one random key to buf. Left out: q (it quits), and the controls
 * the terminal turns into signals or flow control (Ctrl-C, Ctrl-Z, Ctrl-\,
 * Ctrl-S, Ctrl-Q), which a person cannot send to the program either. */
static void random_key(unsigned long long *st, char *buf, size_t *n)
{
	static const char *const sequences[] = {
		"\033[A", "\033[B", "\033[C", "\033[D", "\033OA", "\033OB",
		"\033[H", "\033[F", "\033[1~", "\033[4~", "\033[5~", "\033[6~",
		"\033OP", "\033[15~", "\033[24~", "\033[2~", "\033[3~",
		"\033[1;5A", "\033[M !!", "\033[<0;1;1M", "\033[200~x\033[201~",
		"\033[99;99;99X", "\033[", "\033O", "\033\033", "\033",
		"\033]0;title\007", "\033P1$r0m\033\\",
	};
	static const char *const bad_utf8[] = {
		"\xff", "\xc3", "\xe1\x80", "\xc0\x80", "\xed\xa0\x80", "\xf8\x88",
		"\xe2\x80\xae", "\xcc\x81",
	};
	static const char *const hangul[] = {
		"가", "얼", "행", "동", "맹", "ㅌ", "ㄹ", "힣", "\xe1\x84\x92",
	};
	const char *add = NULL;
	char one[2] = {0, 0};
	switch (pick(st, 10)) {
	case 0:
	case 1:
		add = sequences[pick(st, sizeof(sequences) / sizeof(sequences[0]))];
		break;
	case 2:
		add = bad_utf8[pick(st, sizeof(bad_utf8) / sizeof(bad_utf8[0]))];
		break;
	case 3:
		add = hangul[pick(st, sizeof(hangul) / sizeof(hangul[0]))];
		break;
	case 4: {
		unsigned c = 1 + pick(st, 31);
		if (c == 3 || c == 17 || c == 19 || c == 26 || c == 28)
			c = '\t';
		one[0] = (char)c;
		add = one;
		break;
	}
	default: {
		unsigned c = 32 + pick(st, 95);
		one[0] = (char)(c == 'q' ? 'j' : c);
		add = one;
		break;
	}
	}
	size_t len = strlen(add);
	memcpy(buf + *n, add, len);
	*n += len;
}

static void storm_keeps_the_browser_answering(void **state)
{
	fixture *f = *state;
	unsigned long long st = 20261123ULL;
	print_message("storm seed %llu\n", st);
	/* E hands the note to the editor: one that ends at once */
	screen *s = screen_start(f->home, 24, 80,
				 (const char *const[]){"EDITOR=true", "VISUAL=",
						       NULL},
				 (const char *const[]){f->db_arg, "--lang=ko",
						       NULL});
	int bursts = KEYS / BURST;
	int every = bursts / RESIZES > 0 ? bursts / RESIZES : 1;
	int last_rows = 24, last_cols = 80;
	for (int b = 0; b < bursts; b++) {
		char buf[BURST * 32 + 1];
		size_t n = 0;
		for (int k = 0; k < BURST; k++)
			random_key(&st, buf, &n);
		buf[n] = '\0';
		/* a burst may draw nothing (broken UTF-8, half a mouse report
		 * are no key), but the program says it consumed it */
		screen_key(s, buf);
		if (b % every == 0) {
			int rows = 1 + (int)pick(&st, 100);
			int cols = 1 + (int)pick(&st, 300);
			/* the same size again is no resize: no SIGWINCH */
			if (rows == last_rows && cols == last_cols)
				cols = cols % 300 + 1;
			screen_resize(s, rows, cols);
			last_rows = rows;
			last_cols = cols;
		}
	}
	/* the scripted check: back to a known size, every overlay, prompt
	 * and filter closed, the timeline focused (the storm may leave the
	 * detail pane or one of its links focused, where g goes to the top
	 * of the pane: which, depends on how the terminal split the storm's
	 * escapes, so it varied from run to run), at the first event */
	screen_resize(s, last_rows == 25 ? 26 : 25, 81);
	screen_resize(s, 24, 80);
	screen_key(s, "\033");
	screen_key(s, "\033");
	screen_key(s, "\033");
	screen_key(s, "c");
	/* d hides or shows the detail pane and gives the timeline the
	 * focus; twice, the pane is as it was */
	screen_key(s, "d");
	screen_key(s, "d");
	screen_key(s, "g");
	char *status = screen_row(s, 23);
	if (!strstr(status, " 1/8")) {
		char *top = screen_row(s, 0);
		/* (not waiting for the exit status: without a q it has none) */
		fail_msg("after the storm the status line is \"%s\" (top: "
			 "\"%s\")", status, top);
	}
	free(status);
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(storm_keeps_the_browser_answering, setup, support_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
