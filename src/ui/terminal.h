/* terminal.h: what the browser takes from the terminal's description and
 * asks of the terminal itself (terminal.c). */
#ifndef YEONPYO_TERMINAL_H
#define YEONPYO_TERMINAL_H

#include <stdbool.h>

#include "yeonpyo/input.h"

/* Gives in every key curses knows for the terminal (call after keypad()
 * has set curses' keys up), then the common ones. False when memory ran
 * out. */
bool terminal_keys_load(input *in);

/* Whether curses sends line drawing as Unicode box characters (which are
 * East Asian Ambiguous) rather than the VT100 set, in a UTF-8 locale. */
bool terminal_lines_unicode(void);

/* The probe of ambiguous width: U+25B2 at the start of a row of a screen
 * of screen_rows, then a cursor position request and a device attributes
 * request, written to fd in one write. Returns the row (from 1), or 0
 * when it could not be written. The character is left on the screen:
 * send it before a frame that clears the screen. */
int terminal_probe_send(int fd, int screen_rows);
/* What a cursor report at row, col says of the width the terminal gives
 * ambiguous characters: 1 or 2, or 0 when it is not the probe's answer. */
int terminal_probe_width(int probe_row, int row, int col);

#endif
