/* density.h: the shape of the timeline at a glance: how many events the
 * filters select in each stretch of time across their whole range, as a
 * one-line sparkline with the stretch in view marked on it. */
#ifndef YEONPYO_DENSITY_H
#define YEONPYO_DENSITY_H

#include <stdbool.h>

#include "yeonpyo/status.h"
#include "yeonpyo/store.h"
#include "ui_draw.h"

typedef struct {
	long first, last;  /* month numbers (year * 12 + month - 1) */
	long *counts;      /* for each month from first to last */
	bool loaded;       /* false: not read for the filters in force */
} density;

/* Reads the counts for the events f selects (NULL: all). */
yp_status density_load(density *d, store *s, const event_filter *f,
		       yp_error *err);
void density_free(density *d);

/* Draws "2021 ▁▂▅▇▃ 2026" from column x of row y in width columns, the
 * bars covering the months from view_from to view_to (date keys) in
 * marked; ASCII where the bars would be wide or cannot be shown. */
void density_draw(const density *d, const canvas *c, int y, int x, int width,
		  long view_from, long view_to, draw_style style,
		  draw_style marked);

#endif
