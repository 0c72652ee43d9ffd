/* osc.h: what curses cannot say to a terminal: hyperlinks (OSC 8) over
 * text curses has drawn, and the clipboard (OSC 52). */
#ifndef YEONPYO_OSC_H
#define YEONPYO_OSC_H

#include <curses.h>

#include "yeonpyo/strbuf.h"
#include "ui_draw.h"

/* Appends what turns the cells of each link into a hyperlink: the cells'
 * own characters and attributes, read back from win, written again in
 * place between OSC 8 sequences, the cursor and attributes saved before
 * and restored after, so that curses' idea of the terminal still holds. */
void osc_links(strbuf *out, WINDOW *win, const draw_links *links);

/* Appends an OSC 52 sequence that sets the clipboard to text. */
void osc_clipboard(strbuf *out, const char *text);


/* Writes what was appended to the terminal (standard output) after
 * curses' frame; a write that fails costs only the link or the copy. */
void osc_write(const strbuf *sb);

/* Whether hyperlinks are on for "auto": a UTF-8 locale and a terminal
 * type that is not one of those that show unknown sequences (the Linux
 * console, VT100-like and dumb terminals). */
bool osc_links_wanted(const char *term, bool utf8);

#endif
