/* text.h: all measuring, cutting and normalizing of display text, backed by
 * ICU. Widths are counted per grapheme cluster (UAX #29), the unit a
 * terminal draws, so a Hangul syllable is always 2 columns whether it is
 * stored precomposed or not. */
#ifndef YEONPYO_TEXT_H
#define YEONPYO_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/strbuf.h"

/* Returns s converted to Unicode NFC as a new string the caller frees, or
 * NULL when s is not valid UTF-8 or memory runs out. */
char *text_nfc(const char *s);

/* The display width of s in terminal columns: 2 for East Asian Wide and
 * Fullwidth clusters, 0 for clusters made only of marks and format
 * characters, 1 otherwise. Invalid UTF-8 counts one column per byte. */
int text_width(const char *s);

/* Appends s to out cut to at most width columns, never splitting a
 * cluster; a cut text ends with "…" (1 column). With pad, spaces fill the
 * rest so exactly width columns are appended. Returns the columns
 * appended. */
int text_fit(strbuf *out, const char *s, int width, bool pad);

/* The byte offset of the first control character (C0, DEL or C1) in s,
 * or -1; allow_newline exempts '\n'. Used to keep terminal escapes out of
 * stored text. */
long text_find_control(const char *s, bool allow_newline);

#endif
