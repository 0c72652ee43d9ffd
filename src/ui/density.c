/* density.c: the sparkline of events per stretch of time. */
#include "density.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/text.h"

/* Columns the years beside the bars take: "2021 " and " 2026". */
#define YEAR_COLS 10

static long month_number(long month_key)
{
	long year = month_key / 100, month = month_key % 100;
	return year * 12 + (month > 0 ? month - 1 : 0);
}

typedef struct {
	long *months, *ns;
	size_t n, cap;
	bool oom;
} gathering;

static bool gather(long month, long n, void *ctx)
{
	gathering *g = ctx;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		long *m = realloc(g->months, cap * sizeof(*m));
		long *c = m ? realloc(g->ns, cap * sizeof(*c)) : NULL;
		if (m)
			g->months = m;
		if (!c) {
			g->oom = true;
			return false;
		}
		g->ns = c;
		g->cap = cap;
	}
	g->months[g->n] = month_number(month);
	g->ns[g->n++] = n;
	return true;
}

yp_status density_load(density *d, store *s, const event_filter *f,
		       yp_error *err)
{
	density_free(d);
	gathering g = {NULL, NULL, 0, 0, false};
	yp_status rc = store_month_counts(s, f, gather, &g, err);
	if (rc == YP_OK && g.oom)
		rc = yp_fail(err, YP_SOFTWARE, "out of memory");
	if (rc == YP_OK && g.n) {
		d->first = g.months[0];
		d->last = g.months[g.n - 1];
		d->counts = calloc((size_t)(d->last - d->first + 1),
				   sizeof(*d->counts));
		if (!d->counts)
			rc = yp_fail(err, YP_SOFTWARE, "out of memory");
		for (size_t i = 0; d->counts && i < g.n; i++)
			d->counts[g.months[i] - d->first] += g.ns[i];
	}
	d->loaded = rc == YP_OK;
	free(g.months);
	free(g.ns);
	return rc;
}

void density_free(density *d)
{
	free(d->counts);
	memset(d, 0, sizeof(*d));
}

/* The bars of a strip of width columns (its years beside them). */
typedef struct {
	int bars;          /* cells of bars */
	long months;       /* months a bar stands for */
	int level[512];    /* 0 (none) to 8 (the most), per bar */
} density_strip;

/* Lays the counts out in bars; false when there is nothing to show or no
 * room. */
static bool density_layout(const density *d, int width, density_strip *out)
{
	int room = width - YEAR_COLS;
	if (!d->loaded || !d->counts || room < 4)
		return false;
	if (room > (int)(sizeof(out->level) / sizeof(*out->level)))
		room = (int)(sizeof(out->level) / sizeof(*out->level));
	long span = d->last - d->first + 1;
	out->months = (span + room - 1) / room;
	out->bars = (int)((span + out->months - 1) / out->months);
	long sums[512] = {0}, most = 0;
	for (long m = 0; m < span; m++)
		sums[m / out->months] += d->counts[m];
	for (int b = 0; b < out->bars; b++)
		most = sums[b] > most ? sums[b] : most;
	if (most <= 0)
		return false;
	for (int b = 0; b < out->bars; b++)  /* any event shows */
		out->level[b] = sums[b] ? (int)(1 + (sums[b] * 7) / most) : 0;
	for (int b = 0; b < out->bars; b++)
		out->level[b] = out->level[b] > 8 ? 8 : out->level[b];
	return true;
}

void density_draw(const density *d, const canvas *c, int y, int x, int width,
		  long view_from, long view_to, draw_style style,
		  draw_style marked)
{
	static const char *const bars[9] = {
		" ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
		"\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87",
		"\xe2\x96\x88"};
	static const char ascii[] = " ._-=+*#@";
	density_strip s;
	if (!density_layout(d, width, &s))
		return;
	/* block elements are ambiguous-width: ASCII where they are wide,
	 * and where the charset lacks them */
	bool plain = (c->text_flags & (TEXT_AMBIGUOUS_WIDE | TEXT_ROMANIZE)) != 0;
	char year[24];
	snprintf(year, sizeof(year), "%ld ", d->first / 12);
	int col = x + draw_text(c, y, x, 5, year, style, false);
	long from = month_number(view_from / 100) - d->first;
	long to = month_number(view_to / 100) - d->first;
	for (int b = 0; b < s.bars; b++) {
		long start = b * s.months, end = start + s.months - 1;
		bool in_view = end >= from && start <= to;
		char one[2] = {ascii[s.level[b]], '\0'};
		draw_text(c, y, col + b, 1, plain ? one : bars[s.level[b]],
			  in_view ? marked : style, false);
	}
	snprintf(year, sizeof(year), " %ld", d->last / 12);
	draw_text(c, y, col + s.bars, 5, year, style, false);
}
