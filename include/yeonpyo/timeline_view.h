/* timeline_view.h: the timeline pane: one row per event in date order,
 * a separator row before each year, the selection and the scroll. */
#ifndef YEONPYO_TIMELINE_VIEW_H
#define YEONPYO_TIMELINE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/model.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"
#include "yeonpyo/ui_draw.h"

typedef struct {
	char *id;
	yp_date date;
	bool planned;
	yp_text title;
	yp_text orgs;
} timeline_event;

/* A displayed row: an event, or the separator that starts a year. */
typedef struct {
	long event;  /* index into events, or -1 for a year separator */
	int year;
} timeline_line;

typedef struct {
	timeline_event *events;
	size_t n_events;
	timeline_line *lines;
	size_t n_lines;
	size_t *event_line;  /* the line of each event */
	size_t selected;  /* index into events */
	size_t top;       /* first line shown */
} timeline_view;

/* Reads the rows of the events f selects (NULL: all) from s; free with
 * timeline_free. */
yp_status timeline_load(timeline_view *tv, store *s, const event_filter *f,
			yp_error *err);

/* Selects the event with id; false (selection unchanged) when it is not
 * in the timeline. */
bool timeline_select_id(timeline_view *tv, const char *id, int height);
void timeline_free(timeline_view *tv);

/* The selected event's id, or NULL when there are no events. */
const char *timeline_selected_id(const timeline_view *tv);

/* Moving the selection; each keeps it visible in a pane of height rows. */
void timeline_move(timeline_view *tv, long delta, int height);
void timeline_page(timeline_view *tv, long lines, int height);
void timeline_first(timeline_view *tv, int height);
void timeline_last(timeline_view *tv, int height);
void timeline_next_year(timeline_view *tv, int height);
void timeline_prev_year(timeline_view *tv, int height);
/* Brings the selection into view after a resize or a move. */
void timeline_reveal(timeline_view *tv, int height);

/* Draws the pane in the rectangle (y, x, height, width), marking the
 * words of marks (search_words) in titles. */
void timeline_draw(const timeline_view *tv, const canvas *c, int y, int x,
		   int height, int width, yp_lang lang, bool focused,
		   char *const *marks);

#endif
