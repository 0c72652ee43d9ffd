/* detail_pane.h: the detail pane: the selected event with its links,
 * wrapped to the pane's width, scrolled on its own. */
#ifndef YEONPYO_DETAIL_PANE_H
#define YEONPYO_DETAIL_PANE_H

#include <stddef.h>

#include "yeonpyo/model.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"
#include "yeonpyo/text.h"
#include "ui_draw.h"

typedef struct {
	char *label;       /* a field's label in the first column, or NULL */
	char *text;
	int indent;        /* columns before text */
	draw_style style;
	char *link_id;     /* first line of an organization, a person or a
			    * linked event (link_kind RECORD_EVENT) */
	record_kind link_kind;
	char *url;         /* each line of a source's address: the address */
} detail_line;

typedef struct {
	char *id;          /* the event shown; NULL before the first */
	int width;
	yp_lang lang;
	detail_line *lines;
	size_t n, cap;
	size_t top;        /* first line in view */
	unsigned text_flags;  /* text_display and text_wrap flags */
	long link;         /* the line of the link Tab reached, or -1 */
	text_locale *tl;   /* dates and sorting in tl_lang, kept for moves */
	yp_lang tl_lang;
} detail_pane;

void detail_init(detail_pane *dv);
void detail_free(detail_pane *dv);

/* Shows event id (NULL: nothing) laid out for width columns. The event is
 * read only when the id, width or language changed; a new id scrolls back
 * to the top. */
yp_status detail_show(detail_pane *dv, store *s, const char *id,
		      yp_lang lang, int width, yp_error *err);

/* The event shown is read again at the next detail_show, where it was
 * scrolled to (the store changed). */
void detail_forget(detail_pane *dv);

/* Shows the text with flags from the next detail_show on. */
void detail_set_text_flags(detail_pane *dv, unsigned flags);

void detail_scroll(detail_pane *dv, long delta, int height);

/* Moves to the next organization, person or linked event of the event,
 * scrolling it into view; false (and no link selected) after the last
 * one. */
bool detail_next_link(detail_pane *dv, int height);
/* Moves to the next link to another event (link_kind RECORD_EVENT),
 * after the last to the first, scrolling it into view; false when the
 * event has none. */
bool detail_next_event_link(detail_pane *dv, int height);
/* The selected link's id and kind; NULL when none is. */
const char *detail_link(const detail_pane *dv, record_kind *kind);
/* The source address on row (from 0) of the pane as last drawn, or
 * NULL. */
const char *detail_url_at(const detail_pane *dv, int row);
/* The first source address of the event shown, or NULL. */
const char *detail_first_url(const detail_pane *dv);

/* Draws the pane, marking the words of marks (search_words, or NULL). */
void detail_draw(const detail_pane *dv, const canvas *c, int y, int x,
		 int height, int width, char *const *marks);

#endif
