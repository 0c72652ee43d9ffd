/* terminal.c: what the browser learns from the terminal's description
 * (whether it can run, its keys, how it draws lines) and asks the
 * terminal itself (how wide it draws ambiguous characters). Alone in its
 * file because term.h defines macros (lines, key_help, ...) that clash
 * with ordinary names elsewhere. */
#include "yeonpyo/ui.h"
#include "terminal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

bool ui_available(const char **why)
{
	const char *term = getenv("TERM");
	int errret = 0;
	if (!isatty(STDOUT_FILENO)) {
		*why = "standard output is not a terminal";
		return false;
	}
	if (!isatty(STDIN_FILENO)) {
		*why = "standard input is not a terminal";
		return false;
	}
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		*why = "TERM is unset or dumb";
		return false;
	}
	if (setupterm(term, STDOUT_FILENO, &errret) != OK) {
		*why = "TERM names a terminal that terminfo does not know";
		return false;
	}
	del_curterm(cur_term);
	return true;
}

bool terminal_keys_load(input *in)
{
	/* every code curses has a sequence for, its own and those it gave
	 * the description's extended keys (above KEY_MAX) */
	for (int code = KEY_MIN; code < KEY_MAX + 1024; code++) {
		if (code == KEY_MOUSE)
			continue;  /* the prefix of a report, no key */
		for (int i = 0;; i++) {
			char *seq = keybound(code, i);
			if (!seq)
				break;
			bool ok = input_add_key(in, seq, code);
			free(seq);
			if (!ok)
				return false;
		}
	}
	return input_add_common_keys(in);
}

/* Whether the string capability name holds byte c. */
static bool cap_has(const char *name, char c)
{
	const char *cap = tigetstr(name);
	return cap && cap != (const char *)-1 && strchr(cap, c);
}

/* Whether acsc maps each of the VT100 line-drawing characters chars. */
static bool acsc_has(const char *chars)
{
	const char *acsc = tigetstr("acsc");
	if (!acsc || acsc == (const char *)-1)
		return false;
	for (; *chars; chars++) {
		bool found = false;
		for (size_t i = 0; acsc[i] && acsc[i + 1] && !found; i += 2)
			found = acsc[i] == *chars;
		if (!found)
			return false;
	}
	return true;
}

/* ncurses' own rule: in a UTF-8 locale (read in its tty_update.c and
 * lib_setup.c) a line-drawing character the description's acsc lacks is
 * sent as its Unicode box character, and so is every one when
 * NCURSES_NO_UTF8_ACS is a number other than 0, when the description's U8
 * says so (user_caps(5)), on the Linux console, and in GNU screen with a
 * termcap that switches sets with SO/SI (_nc_locale_breaks_acs). */
bool terminal_lines_unicode(void)
{
	if (!acsc_has("qxlkmj"))  /* ─ │ ┌ ┐ └ ┘: the browser's */
		return true;
	const char *env = getenv("NCURSES_NO_UTF8_ACS");
	if (env)
		return strtol(env, NULL, 10) != 0;
	int u8 = tigetnum("U8");
	if (u8 >= 0)
		return u8 > 0;
	const char *term = getenv("TERM");
	if (term && strstr(term, "linux"))
		return true;
	const char *termcap = getenv("TERMCAP");
	return term && strstr(term, "screen") && termcap &&
	       strstr(termcap, "screen") && strstr(termcap, "hhII00") &&
	       (cap_has("smacs", '\016') || cap_has("smacs", '\017') ||
		cap_has("sgr", '\016') || cap_has("sgr", '\017'));
}

int terminal_probe_send(int fd, int screen_rows)
{
	/* On the second row the answer, ESC [ 2 ; col R, is no key anywhere;
	 * on the first it is xterm's Shift-F3 (narrow) or Alt-F3 (wide). */
	int row = screen_rows >= 2 ? 2 : 1;
	/* ECMA-48 throughout, as the answer is (terminfo's cup may carry
	 * padding): U+25B2, East Asian Ambiguous, at the start of the row;
	 * where the cursor went (CPR) is its width; the device attributes
	 * (DA1), which every terminal answers, come last */
	char ask[64];
	int n = snprintf(ask, sizeof(ask), "\033[%d;1H\xe2\x96\xb2\033[6n\033[c",
			 row);
	if (n <= 0 || (size_t)n >= sizeof(ask))
		return 0;
	size_t done = 0;
	while (done < (size_t)n) {
		ssize_t w = write(fd, ask + done, (size_t)n - done);
		if (w <= 0)
			return 0;
		done += (size_t)w;
	}
	return row;
}

int terminal_probe_width(int probe_row, int row, int col)
{
	if (row != probe_row)
		return 0;  /* not the probe's answer */
	return col == 2 ? 1 : col == 3 ? 2 : 0;
}
