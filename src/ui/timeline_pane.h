/* timeline_pane.h: the timeline pane: one row per event in date order,
 * a separator row before each year, the selection and the scroll. */
#ifndef YEONPYO_TIMELINE_PANE_H
#define YEONPYO_TIMELINE_PANE_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/model.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"
#include "ui_draw.h"

typedef struct {
	char *id;
	yp_date date;
	bool planned;
	yp_text title;
	yp_text orgs;    /* read when the row is first in view */
	bool orgs_read;
	long long key;   /* the store's, for reading them */
	bool marked;     /* by the user (m) */
	bool seen;       /* shown in the detail pane once */
	bool noted;      /* the user has a note on it */
} timeline_event;

/* A displayed row: an event, or the separator that starts a year. */
typedef struct {
	long event;  /* index into rows, or -1 for a year separator */
	int year;
} timeline_line;

/* The view holds a window of consecutive rows around the selection, read
 * with keyset queries, never the whole table: it looks the same and costs
 * the same at a million events as at thirty. */
typedef struct {
	store *s;                /* borrowed */
	event_filter f;          /* a copy, its strings in owned */
	char *owned[4];          /* org, tag, person, match */
	long total;              /* rows f selects, counted once per load */
	timeline_event *rows;    /* the window, in timeline order */
	size_t n_rows;
	long first_pos;          /* position of rows[0] among all rows */
	int prev_year;           /* year of the row before rows[0]; -1: none */
	bool at_end;             /* the window holds the last row */
	timeline_line *lines;
	size_t n_lines;
	size_t *event_line;      /* the line of each row */
	size_t selected;         /* index into rows */
	size_t top;              /* first line shown */
	yp_error err;            /* why the last move failed, if it did */
} timeline_pane;

/* Reads the rows of the events f selects (NULL: all) from s; free with
 * timeline_free. */
yp_status timeline_load(timeline_pane *tv, store *s, const event_filter *f,
			yp_error *err);

/* Selects the event with id; false (selection unchanged) when it is not
 * in the timeline. */
bool timeline_select_id(timeline_pane *tv, const char *id, int height);
void timeline_free(timeline_pane *tv);

/* The selected event's id, or NULL when there are no events. */
const char *timeline_selected_id(const timeline_pane *tv);

/* The selected event's place (0 first) and the number of events. */
long timeline_position(const timeline_pane *tv);
long timeline_count(const timeline_pane *tv);

/* The selected event, or NULL when there are none; its marked and seen
 * flags may be changed (the store keeps them; this only shows them). */
timeline_event *timeline_selected(timeline_pane *tv);

/* The date keys of the first and last events of a pane of height rows;
 * false when it shows none. */
bool timeline_span(const timeline_pane *tv, int height, long *from, long *to);

/* Moves failing to read the store leave the view as it was and record why
 * here: the status, YP_OK when none failed since the last load. */
yp_status timeline_failed(const timeline_pane *tv, yp_error *err);

/* Moving the selection; each keeps it visible in a pane of height rows. */
void timeline_move(timeline_pane *tv, long delta, int height);
/* One event on, or back, wrapping around at either end. */
void timeline_cycle(timeline_pane *tv, int dir, int height);
void timeline_page(timeline_pane *tv, long lines, int height);
void timeline_first(timeline_pane *tv, int height);
/* Selects the first event on or after k, else the last: the nearest by
 * date to an event that is gone. */
void timeline_select_near(timeline_pane *tv, const row_key *k, int height);
/* Selects the event on row (from 0) of a pane of height rows; false when
 * the row holds none (a year's separator, or nothing). */
bool timeline_click(timeline_pane *tv, int row, int height);
/* The selected event's place in the timeline's order (its id borrowed
 * from the pane; NULL when there are no events). */
row_key timeline_selected_key(const timeline_pane *tv);
/* The selection's row in the pane, and putting it back on that row (as
 * near as the rows around it allow). */
int timeline_selected_row(const timeline_pane *tv);
void timeline_hold_row(timeline_pane *tv, int row, int height);
void timeline_last(timeline_pane *tv, int height);
void timeline_next_year(timeline_pane *tv, int height);
void timeline_prev_year(timeline_pane *tv, int height);
/* Brings the selection into view after a resize or a move. */
void timeline_reveal(timeline_pane *tv, int height);

/* Draws the pane in the rectangle (y, x, height, width), marking the
 * words of marks (search_words) in titles. */
void timeline_draw(const timeline_pane *tv, const canvas *c, int y, int x,
		   int height, int width, yp_lang lang, bool focused,
		   char *const *marks);

#endif
