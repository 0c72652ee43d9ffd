/* terminal.c: whether the browser can run on this terminal, and how wide
 * the terminal draws ambiguous characters. Alone in its
 * file because term.h defines macros (lines, key_help, ...) that clash
 * with ordinary names elsewhere. */
#include "yeonpyo/ui.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
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

int ui_ambiwidth_reply(const char *buf, size_t len, bool *complete)
{
	int width = 0;
	*complete = false;
	for (size_t i = 0; i + 1 < len; i++) {
		if (buf[i] != '\033' || buf[i + 1] != '[')
			continue;
		size_t j = i + 2;
		if (j < len && buf[j] == '?') {  /* DA1: ESC [ ? ... c */
			while (j < len && buf[j] != 'c')
				j++;
			if (j < len)
				*complete = true;
			continue;
		}
		/* CPR: ESC [ row ; col R */
		long row = 0, col = 0;
		while (j < len && buf[j] >= '0' && buf[j] <= '9')
			row = row * 10 + (buf[j++] - '0');
		if (j >= len || buf[j++] != ';')
			continue;
		while (j < len && buf[j] >= '0' && buf[j] <= '9')
			col = col * 10 + (buf[j++] - '0');
		if (j < len && buf[j] == 'R' && row > 0)
			width = col == 2 ? 1 : col == 3 ? 2 : 0;
	}
	return width;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Vim's and Reline's method: print U+25B2 (East Asian Ambiguous) at the
 * start of the line, ask where the cursor went (CPR), and ask for the
 * device attributes (DA1), whose answer ends the wait early on terminals
 * that do not report the cursor. The line is cleared and the cursor put
 * back; the terminal's settings are restored with unread input dropped,
 * so a late answer cannot turn into keys. */
int ui_probe_ambiwidth(int fd, int timeout_ms)
{
	static const char ask[] = "\0337\r\xe2\x96\xb2\033[6n\033[c";
	static const char undo[] = "\r\033[K\0338";
	struct termios old, raw;
	if (tcgetattr(fd, &old) != 0)
		return 0;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) != 0)
		return 0;
	int width = 0;
	bool complete = false;
	if (write(fd, ask, sizeof(ask) - 1) == (ssize_t)(sizeof(ask) - 1)) {
		char buf[256];
		size_t n = 0;
		long deadline = now_ms() + timeout_ms;
		while (!complete && n < sizeof(buf)) {
			long left = deadline - now_ms();
			struct pollfd p = {fd, POLLIN, 0};
			if (left <= 0 || poll(&p, 1, (int)left) <= 0)
				break;
			ssize_t got = read(fd, buf + n, sizeof(buf) - n);
			if (got <= 0)
				break;
			n += (size_t)got;
			width = ui_ambiwidth_reply(buf, n, &complete);
		}
		if (write(fd, undo, sizeof(undo) - 1) < 0)
			width = 0;
	}
	tcsetattr(fd, TCSAFLUSH, &old);
	return width;
}
