/* terminal.h: what the browser takes from the terminal's description and
 * asks of the terminal itself (terminal.c). */
#ifndef YEONPYO_TERMINAL_H
#define YEONPYO_TERMINAL_H

#include <stdbool.h>

#include "input.h"

/* The fkey of a curses key code: the keys the browser has names for,
 * the rest all one key that nothing is bound to (its bytes are still a
 * key, never typed as characters). */
int terminal_fkey_of(int code);

/* Gives in every key curses knows for the terminal (call after keypad()
 * has set curses' keys up), then the common ones. False when memory ran
 * out. */
bool terminal_keys_load(input *in);

/* Whether curses sends line drawing as Unicode box characters (which are
 * East Asian Ambiguous) rather than the VT100 set, in a UTF-8 locale. */
bool terminal_lines_unicode(void);

/* The probe of widths: U+25B2 at the start of a row of a screen of
 * screen_rows and a cursor position request, then (where the description
 * has the VT100 line-drawing set, *lines_asked) the set's horizontal line
 * there and another request, then a device attributes request, written to
 * fd in one write. Returns the row (from 1), or 0 when it could not be
 * written. The characters are left on the screen: send it before a frame
 * that clears the screen. */
int terminal_probe_send(int fd, int screen_rows, bool *lines_asked);
/* What a cursor report at row, col says of the width the terminal gives
 * what the probe printed: 1 or 2, or 0 when it is not the probe's answer. */
int terminal_probe_width(int probe_row, int row, int col);

#endif
