/* ui_draw.h: the browser's drawing primitives. Every string goes through
 * the text module and is placed cluster by cluster at explicit columns, so
 * one badly measured character can never shift the rest of a row. */
#ifndef YEONPYO_UI_DRAW_H
#define YEONPYO_UI_DRAW_H

#include <stdbool.h>

#include <curses.h>

#include "yeonpyo/config.h"

/* The elements drawn in a look of their own: src/styles.def. */
typedef enum {
#define STYLE(id, ...) STYLE_##id,
#include "styles.def"
#undef STYLE
	STYLE_COUNT
} draw_style;

typedef struct {
	attr_t attr[STYLE_COUNT];
	short pair[STYLE_COUNT];
} ui_theme;

/* A hyperlink on the screen: width cells of row y from column x, drawn
 * by curses, that lead to url (the terminal is told after the frame). */
typedef struct {
	int y, x, width;
	char *url;
} draw_link;

typedef struct {
	draw_link *items;
	size_t n, cap;
} draw_links;

/* Where to draw, and how each style looks. */
typedef struct {
	WINDOW *win;
	const ui_theme *theme;
	unsigned text_flags;  /* text_display flags: romanize, ambiguous */
	draw_links *links;    /* where links are recorded; NULL: not at all */
	/* lines as - | +: where ambiguous characters are wide and curses
	 * would send them as Unicode box characters, not the VT100 set */
	bool ascii_lines;
	/* a list's selected row keeps its look and is marked by an arrow in
	 * its first cell (the option OPT_CURSOR): a move then rewrites two cells and the
	 * rows that scroll in, where a bar rewrites both whole rows */
	bool arrow;
} canvas;

/* draw_text for the address of a link: the cells it fills are recorded
 * in c->links as leading to url. */
int draw_text_link(const canvas *c, int y, int x, int width, const char *s,
		   draw_style style, const char *url);
void draw_links_clear(draw_links *l);

/* Fills theme for the terminal: colour pairs on the terminal's own
 * background (use_default_colors) when color is true and the terminal has
 * colours, else attributes only (reverse video for the selection), then
 * what user (CONFIG_ELEMENTS colours from the configuration, or NULL)
 * sets. Call after the screen is set up. */
void draw_theme_init(ui_theme *theme, bool color, const config_color *user);

/* Draws s at row y from column x in at most width columns, ending a cut
 * text with "…"; with pad, spaces fill the rest. Returns columns used. */
int draw_text(const canvas *c, int y, int x, int width, const char *s,
	      draw_style style, bool pad);

/* draw_text, marking in STYLE_MATCH every occurrence of each of words (a
 * NULL-terminated list, or NULL) in the text as shown; letters A-Z match
 * either case. */
int draw_text_marked(const canvas *c, int y, int x, int width, const char *s,
		     draw_style style, bool pad, char *const *words);

/* Fills width columns of row y from x with blanks in style. */
void draw_fill(const canvas *c, int y, int x, int width, draw_style style);

/* How a row of a list is drawn: in sel when it is the selected one and
 * the selection is a bar, else in its own look (STYLE_NORMAL). */
draw_style draw_row_style(const canvas *c, bool selected, draw_style sel);

/* With the arrow (c->arrow), the cell at row y, column x of a list's row:
 * ">" in sel on the selected row, a blank on the others; nothing with the
 * bar. Returns the columns it took: 1 with the arrow, else 0. */
int draw_arrow(const canvas *c, int y, int x, bool selected, draw_style sel);

void draw_hline(const canvas *c, int y, int x, int width, draw_style style);
void draw_vline(const canvas *c, int y, int x, int height, draw_style style);
/* A frame around the rectangle (y, x, height, width). */
void draw_box(const canvas *c, int y, int x, int height, int width,
	      draw_style style);

#endif
