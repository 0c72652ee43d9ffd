/* terminal.c: what the browser learns from the terminal's description
 * (whether it can run, its keys, how it draws lines) and asks the
 * terminal itself (how wide it draws ambiguous characters). Alone in its
 * file because term.h defines macros (lines, key_help, ...) that clash
 * with ordinary names elsewhere. */
#include "ui.h"
#include "terminal.h"
#include "yeonpyo/keys.h"

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

int terminal_fkey_of(int code)
{
	static const struct {
		int curses, fkey;
	} named[] = {
		{KEY_UP, FKEY_UP}, {KEY_DOWN, FKEY_DOWN},
		{KEY_LEFT, FKEY_LEFT}, {KEY_RIGHT, FKEY_RIGHT},
		{KEY_PPAGE, FKEY_PGUP}, {KEY_NPAGE, FKEY_PGDN},
		{KEY_HOME, FKEY_HOME}, {KEY_END, FKEY_END},
		{KEY_ENTER, FKEY_ENTER}, {KEY_BACKSPACE, FKEY_BACKSPACE},
		{KEY_IC, FKEY_INSERT}, {KEY_DC, FKEY_DELETE},
		{KEY_BTAB, FKEY_BACKTAB},
	};
	for (size_t i = 0; i < sizeof(named) / sizeof(*named); i++)
		if (named[i].curses == code)
			return named[i].fkey;
	if (code >= KEY_F(1) && code <= KEY_F(63))
		return FKEY_F(code - KEY_F0);
	return FKEY_OTHER;
}

/* Whether curses can give a key for code (the loops below agree). */
static bool key_code_wanted(int code)
{
	/* KEY_MOUSE: the prefix of a report, no key */
	return code >= KEY_MIN && code < KEY_MAX + 1024 && code != KEY_MOUSE;
}

/* Every sequence curses has bound, asked code by code: about 1,500
 * walks of its key tree, 10.6 M instructions of a first frame's 41.7 M
 * (callgrind, xterm-256color). The answer when the fast one below
 * cannot be sure. */
static bool keys_by_code(input *in)
{
	for (int code = KEY_MIN; code < KEY_MAX + 1024; code++) {
		if (!key_code_wanted(code))
			continue;
		for (int i = 0;; i++) {
			char *seq = keybound(code, i);
			if (!seq)
				break;
			bool ok = input_add_key(in, seq, terminal_fkey_of(code));
			free(seq);
			if (!ok)
				return false;
		}
	}
	return true;
}

/* The value of string capability name when it is a key's (terminfo
 * names every key k...), else NULL. */
static const char *key_cap(const char *name)
{
	if (!name || name[0] != 'k')
		return NULL;
	const char *v = tigetstr(name);
	return v && v != (const char *)-1 && *v ? v : NULL;
}

/* The same sequences, found from the description's key capabilities,
 * standard and extended, each asked of curses' tree once (key_defined
 * gives its code): curses builds its tree from exactly those. False, with
 * nothing given in, when a sequence is the start of a longer one, which
 * key_defined cannot name; *sure says which. */
static bool keys_by_capability(input *in, bool *sure)
{
	const TERMTYPE *tt = (const TERMTYPE *)cur_term;
	size_t n_std = 0;
	while (strnames[n_std])
		n_std++;
	size_t n_ext = tt ? tt->ext_Strings : 0;
	size_t ext_first = tt ? (size_t)tt->ext_Booleans + tt->ext_Numbers : 0;
	size_t start = in->n_keys;
	*sure = true;
	for (size_t i = 0; i < n_std + n_ext; i++) {
		const char *seq = key_cap(i < n_std ? strnames[i]
					    : tt->ext_Names[ext_first + i - n_std]);
		if (!seq)
			continue;
		int code = key_defined(seq);
		if (code < 0) {
			*sure = false;
			break;
		}
		if (code > 0 && key_code_wanted(code) &&
		    !input_add_key(in, seq, terminal_fkey_of(code)))
			return false;
	}
	if (!*sure)
		input_drop_keys(in, start);
	return true;
}

bool terminal_keys_load(input *in)
{
	bool sure = false;
	if (!keys_by_capability(in, &sure))
		return false;
	if (!sure && !keys_by_code(in))
		return false;
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

/* A string capability without its padding ($<5>, which only tputs
 * understands), appended to out (n bytes at most); false when the
 * description has none or it does not fit. */
static bool cap_append(char *out, size_t n, const char *name)
{
	const char *cap = tigetstr(name);
	if (!cap || cap == (const char *)-1)
		return false;
	size_t len = strlen(out);
	for (const char *p = cap; *p; p++) {
		if (p[0] == '$' && p[1] == '<' && strchr(p, '>')) {
			p = strchr(p, '>');
			continue;
		}
		if (len + 1 >= n)
			return false;
		out[len++] = *p;
	}
	out[len] = '\0';
	return true;
}

/* The character acsc sends for the VT100 one vt, or 0. */
static char acsc_char(char vt)
{
	const char *acsc = tigetstr("acsc");
	if (!acsc || acsc == (const char *)-1)
		return 0;
	for (size_t i = 0; acsc[i] && acsc[i + 1]; i += 2)
		if (acsc[i] == vt)
			return acsc[i + 1];
	return 0;
}

/* The line probe: the VT100 horizontal line at the start of the row, in
 * the terminal's own switch to that set, and where the cursor went. Some
 * terminals that draw ambiguous characters wide draw this set wide too
 * (xterm -cjk_width gives each line-drawing character two cells). */
static bool append_line_probe(char *ask, size_t n, int row)
{
	char q = acsc_char('q');
	size_t len = strlen(ask);
	if (!q || snprintf(ask + len, n - len, "\033[%d;1H", row) <= 0 ||
	    !cap_append(ask, n, "smacs"))
		return false;
	len = strlen(ask);
	if (len + 2 >= n)
		return false;
	ask[len] = q;
	ask[len + 1] = '\0';
	if (!cap_append(ask, n, "rmacs"))
		return false;
	len = strlen(ask);
	return snprintf(ask + len, n - len, "\033[6n") == 4;
}

int terminal_probe_send(int fd, int screen_rows, bool *lines_asked)
{
	/* On the second row the answer, ESC [ 2 ; col R, is no key anywhere;
	 * on the first it is xterm's Shift-F3 (narrow) or Alt-F3 (wide). */
	int row = screen_rows >= 2 ? 2 : 1;
	/* ECMA-48, as the answers are (terminfo's cup may carry padding):
	 * U+25B2, East Asian Ambiguous, at the start of the row, and where
	 * the cursor went (CPR) is its width; then the same for a line;
	 * the device attributes (DA1), which every terminal answers, last */
	char ask[128];
	snprintf(ask, sizeof(ask), "\033[%d;1H\xe2\x96\xb2\033[6n", row);
	size_t base = strlen(ask);
	*lines_asked = append_line_probe(ask, sizeof(ask), row);
	if (!*lines_asked)
		ask[base] = '\0';
	size_t n = strlen(ask);
	if (n + 4 >= sizeof(ask))
		return 0;
	memcpy(ask + n, "\033[c", 4);
	n += 3;
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(fd, ask + done, n - done);
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
