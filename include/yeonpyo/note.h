/* note.h: what a note of one's own on an event may hold. The store checks
 * every note it is given with this, so that the command line, an import
 * of notes and the browser's editor refuse the same things in the same
 * words. */
#ifndef YEONPYO_NOTE_H
#define YEONPYO_NOTE_H

#include <stddef.h>

#include "yeonpyo/status.h"

/* The most bytes of UTF-8 a note holds, as given and as stored. */
#define NOTE_MAX_BYTES 65536

/* Makes text[0..len) the note to store, in *out (to free): its line ends
 * CR LF as LF, the white space at either end (spaces, tabs, line breaks)
 * removed, in NFC as imported text is. Refuses, with YP_DATAERR and
 * err->message a phrase to follow "PLACE: " (as the importer's are), text
 * of more than NOTE_MAX_BYTES, that is not valid UTF-8, that holds a
 * control character other than a line break or a tab (a CR alone, NUL,
 * DEL and C1 included), or that is empty once trimmed: a note that says
 * nothing is refused rather than taken for a deletion, so that a pipe
 * that failed upstream cannot erase one. YP_SOFTWARE when memory runs
 * out. */
yp_status note_text_clean(const char *text, size_t len, char **out,
			  yp_error *err);

/* note_text_clean's refusal of a text of len bytes as too long, alone:
 * for a reader that stops keeping what it reads past the limit. */
yp_status note_size_check(size_t len, yp_error *err);

#endif
