/* chart_view.h: the chart of organizations by year: a row for each
 * organization the filters reach (most events first), a column for each
 * year, each cell shaded by how many of the organization's events fall in
 * that year. */
#ifndef YEONPYO_CHART_VIEW_H
#define YEONPYO_CHART_VIEW_H

#include <stddef.h>

#include "yeonpyo/model.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"
#include "ui_draw.h"

typedef struct {
	char *id;
	char *label;      /* short name, else name in the language */
	long total;
	long *per_year;   /* from first_year to last_year */
} chart_row;

typedef struct {
	chart_row *rows;
	size_t n, cap;
	int first_year, last_year;
	long most;        /* the largest cell */
	size_t top;       /* first row in view */
} chart_view;

/* Reads the counts for the events f selects. */
yp_status chart_open(chart_view *v, store *s, const event_filter *f,
		     yp_lang lang, yp_error *err);
void chart_free(chart_view *v);
void chart_scroll(chart_view *v, long delta, int height);

/* Draws the chart over rows y .. y+height-1 of width columns; shades in
 * ASCII where block elements would be wide or cannot be shown. */
void chart_draw(const chart_view *v, const canvas *c, int y, int height,
		int width, yp_lang lang);

#endif
