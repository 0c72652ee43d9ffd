/* terminal.c: whether the browser can run on this terminal. Alone in its
 * file because term.h defines macros (lines, key_help, ...) that clash
 * with ordinary names elsewhere. */
#include "yeonpyo/ui.h"

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
