/* prompt.h: a one-line text input for the browser (the search prompt),
 * edited by grapheme cluster: Backspace takes a whole syllable, the cursor
 * never stops inside one. */
#ifndef YEONPYO_PROMPT_H
#define YEONPYO_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/strbuf.h"
#include "ui_draw.h"

typedef struct {
	strbuf text;    /* UTF-8 */
	size_t cursor;  /* a byte offset at a cluster boundary */
} prompt;

void prompt_init(prompt *p);
void prompt_free(prompt *p);
const char *prompt_text(const prompt *p);
/* Replaces the text and puts the cursor at its end. */
void prompt_set(prompt *p, const char *text);
/* Inserts one character (from curses) at the cursor; false for controls. */
bool prompt_insert(prompt *p, unsigned long ch);
void prompt_backspace(prompt *p);
void prompt_left(prompt *p);
void prompt_right(prompt *p);
void prompt_home(prompt *p);
void prompt_end(prompt *p);

/* For text of several lines (a note): a line break at the cursor, false
 * when memory ran out; the start and end of the cursor's line; and the
 * line above (dir < 0) or below, at the same column or the line's end. */
bool prompt_break(prompt *p);
void prompt_line_home(prompt *p);
void prompt_line_end(prompt *p);
void prompt_vertical(prompt *p, int dir);

/* Draws label and the text from column x in width columns, scrolled so
 * the cursor shows; returns the cursor's column. */
int prompt_draw(const prompt *p, const canvas *c, int y, int x, int width,
		const char *label);

#endif
