/* chart_view.c: the chart of organizations by year (v): a row for each
 * organization the filters reach, most events first, a column for each
 * year, each cell shaded by how many of its events fall in that year. */
#include "chart_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "help_view.h"

#include "yeonpyo/idset.h"
#include "yeonpyo/text.h"

/* Columns of the organization names. */
#define LABEL_COLS 22

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
} chart;

typedef struct {
	view base;
	chart c;
} chart_view;

typedef struct {
	org_year *items;
	char **strings;   /* the copies the items point into */
	size_t n, cap;
	yp_lang lang;
	bool oom;
} gathering;

static bool gather(const org_year *item, void *ctx)
{
	gathering *g = ctx;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		org_year *items = realloc(g->items, cap * sizeof(*items));
		char **strings = items ? realloc(g->strings,
						 cap * 2 * sizeof(*strings))
				       : NULL;
		if (items)
			g->items = items;
		if (!strings) {
			g->oom = true;
			return false;
		}
		g->strings = strings;
		g->cap = cap;
	}
	const char *label = item->short_name ? item->short_name
					     : model_text_pick(&item->name, g->lang);
	char *id = strdup(item->id), *name = strdup(label);
	g->strings[2 * g->n] = id;
	g->strings[2 * g->n + 1] = name;
	g->items[g->n] = *item;
	g->items[g->n].id = id;
	g->items[g->n].short_name = name;
	g->n++;
	g->oom = !id || !name;
	return !g->oom;
}

static void gathering_free(gathering *g)
{
	for (size_t i = 0; i < 2 * g->n; i++)
		free(g->strings[i]);
	free(g->strings);
	free(g->items);
}

static int by_total(const void *a, const void *b)
{
	const chart_row *x = a, *y = b;
	if (x->total != y->total)
		return x->total < y->total ? 1 : -1;
	return strcmp(x->id, y->id);
}

/* One row per organization, its years filled in. */
static bool build_rows(chart *v, const gathering *g)
{
	idset index = IDSET_INIT;
	int span = v->last_year - v->first_year + 1;
	size_t years = (size_t)span;
	bool ok = true;
	for (size_t i = 0; ok && i < g->n; i++) {
		const org_year *it = &g->items[i];
		size_t at;
		if (!idset_find(&index, it->id, &at)) {
			if (v->n == v->cap) {
				size_t cap = v->cap ? v->cap * 2 : 32;
				chart_row *rows = realloc(v->rows, cap * sizeof(*rows));
				if (!rows) {
					ok = false;
					break;
				}
				v->rows = rows;
				v->cap = cap;
			}
			at = v->n;
			chart_row *r = &v->rows[v->n++];
			r->id = strdup(it->id);
			r->label = strdup(it->short_name);
			r->total = 0;
			r->per_year = calloc(years, sizeof(*r->per_year));
			ok = r->id && r->label && r->per_year &&
			     idset_add(&index, r->id, at, NULL);
			if (!ok)
				break;
		}
		chart_row *r = &v->rows[at];
		r->per_year[it->year - v->first_year] += it->events;
		r->total += it->events;
		if (r->per_year[it->year - v->first_year] > v->most)
			v->most = r->per_year[it->year - v->first_year];
	}
	idset_free(&index);
	return ok;
}

static void chart_free(chart *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->rows[i].id);
		free(v->rows[i].label);
		free(v->rows[i].per_year);
	}
	free(v->rows);
	memset(v, 0, sizeof(*v));
}

static yp_status chart_open(chart *v, store *s, const event_filter *f,
		     yp_lang lang, yp_error *err)
{
	memset(v, 0, sizeof(*v));
	gathering g = {NULL, NULL, 0, 0, lang, false};
	yp_status rc = store_each_org_year(s, f, gather, &g, err);
	if (rc == YP_OK && g.oom)
		rc = yp_fail(err, YP_SOFTWARE, "out of memory");
	for (size_t i = 0; rc == YP_OK && i < g.n; i++) {
		int y = g.items[i].year;
		if (!i || y < v->first_year)
			v->first_year = y;
		if (!i || y > v->last_year)
			v->last_year = y;
	}
	if (rc == YP_OK && g.n && !build_rows(v, &g))
		rc = yp_fail(err, YP_SOFTWARE, "out of memory");
	gathering_free(&g);
	if (rc == YP_OK && v->n)
		qsort(v->rows, v->n, sizeof(*v->rows), by_total);
	if (rc != YP_OK)
		chart_free(v);
	return rc;
}

static void chart_scroll(chart *v, long delta, int height)
{
	long rows = height > 2 ? height - 2 : 1;
	long max = (long)v->n > rows ? (long)v->n - rows : 0;
	long top = (long)v->top + delta;
	v->top = (size_t)(top < 0 ? 0 : top > max ? max : top);
}

/* Columns a year takes, and the first year shown, for the room there is:
 * three cells a year, or two, or one; the latest years when even one a
 * year is too many. */
static int year_cells(const chart *v, int room, int *first)
{
	int years = v->last_year - v->first_year + 1;
	*first = v->first_year;
	for (int cells = 3; cells >= 1; cells--)
		if (years * cells <= room)
			return cells;
	*first = v->last_year - room + 1;
	return 1;
}

static void draw_header(const chart *v, const canvas *c, int y,
			int width, int cells, int first)
{
	draw_fill(c, y, 0, width, STYLE_HEADING);
	char label[16];
	for (int year = first, col = LABEL_COLS; year <= v->last_year &&
	     col < width; year++, col += cells) {
		if (cells == 1 && year % 10)
			continue;
		snprintf(label, sizeof(label), cells == 1 ? "%d" : "%02d",
			 cells == 1 ? year / 10 % 10 : year % 100);
		draw_text(c, y, col, width - col, label, STYLE_HEADING, false);
	}
}

static void chart_draw(const chart *v, const canvas *c, int y, int height,
		int width, yp_lang lang)
{
	static const char *const shades[5] = {" ", "\xe2\x96\x91", "\xe2\x96\x92",
					       "\xe2\x96\x93", "\xe2\x96\x88"};
	static const char *const ascii[5] = {" ", ".", ":", "#", "@"};
	bool plain = (c->text_flags & (TEXT_AMBIGUOUS_WIDE | TEXT_ROMANIZE)) != 0;
	for (int row = 0; row < height; row++)
		draw_fill(c, y + row, 0, width, STYLE_NORMAL);
	if (!v->n) {
		draw_text(c, y, 1, width - 1, lang == LANG_KO
			  ? "(기관이 있는 사건 없음)" : "(no events with organizations)",
			  STYLE_NORMAL, false);
		return;
	}
	int first = v->first_year;
	int cells = year_cells(v, width - LABEL_COLS - 1, &first);
	draw_header(v, c, y, width, cells, first);
	for (int row = 1; row < height; row++) {
		size_t i = v->top + (size_t)(row - 1);
		if (i >= v->n)
			break;
		const chart_row *r = &v->rows[i];
		draw_text(c, y + row, 1, LABEL_COLS - 2, r->label, STYLE_ORGS,
			  true);
		for (int year = first, col = LABEL_COLS; year <= v->last_year;
		     year++, col += cells) {
			long n = r->per_year[year - v->first_year];
			int level = n ? (int)(1 + (n * 3) / v->most) : 0;
			level = level > 4 ? 4 : level;
			for (int k = 0; k < cells && k < 2; k++)
				draw_text(c, y + row, col + k, 1,
					  plain ? ascii[level] : shades[level],
					  STYLE_NORMAL, false);
		}
	}
}

static void chart_view_draw(view *v, browser *b)
{
	chart_draw(&((chart_view *)v)->c, &b->canvas, 1, LINES - 2, COLS,
		   b->lang);
}

/* Scrolls, or closes on q, Esc and v; ? and L as everywhere. */
static void chart_view_key(view *v, browser *b, const view_key *k)
{
	chart *c = &((chart_view *)v)->c;
	int h = LINES - 2;
	switch (k->action) {
	case ACTION_QUIT:
	case ACTION_BACK:
	case ACTION_CHART:
		browser_pop(b);
		break;
	case ACTION_DOWN:
	case ACTION_UP:
		chart_scroll(c, k->action == ACTION_DOWN ? 1 : -1, h);
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
		chart_scroll(c, k->action == ACTION_PAGE_DOWN ? h - 2 : 2 - h, h);
		break;
	case ACTION_FIRST:
	case ACTION_LAST:
		chart_scroll(c, k->action == ACTION_LAST ? 1L << 30 : -(1L << 30),
			     h);
		break;
	case ACTION_HELP:
		help_view_open(b);
		break;
	case ACTION_LANGUAGE:
		browser_toggle_language(b);
		break;
	default:
		break;
	}
}

static void chart_view_mouse(view *v, browser *b, const view_mouse *m)
{
	(void)b;
	if (m->kind != VIEW_CLICK)
		chart_scroll(&((chart_view *)v)->c, view_wheel_step(m), LINES - 2);
}

/* Counted again for the filters in force, scrolled where it was. */
static void chart_view_reread(view *v, browser *b)
{
	chart *c = &((chart_view *)v)->c;
	chart fresh;
	yp_error err = {0};
	if (chart_open(&fresh, b->s, &b->tl.f, b->lang, &err) != YP_OK) {
		browser_note_failure(b, &err);
		return;
	}
	fresh.top = c->top;
	chart_free(c);
	*c = fresh;
	chart_scroll(c, 0, LINES - 2);
}

static void chart_view_close(view *v, browser *b)
{
	(void)b;
	chart_free(&((chart_view *)v)->c);
	free(v);
}

static const view_ops chart_view_ops = {
	.name = "chart",
	.place = VIEW_BODY,
	.draw = chart_view_draw,
	.key = chart_view_key,
	.mouse = chart_view_mouse,
	.reread = chart_view_reread,
	.close = chart_view_close,
};

void chart_view_open(browser *b)
{
	chart_view *v = browser_view_new(b, sizeof(*v), &chart_view_ops);
	if (!v)
		return;
	yp_error err = {0};
	store_set_interrupt(b->s, browser_keys_waiting, b);
	yp_status rc = chart_open(&v->c, b->s, &b->tl.f, b->lang, &err);
	bool stopped = rc != YP_OK && store_interrupted(b->s);
	store_set_interrupt(b->s, NULL, NULL);
	if (rc != YP_OK) {
		free(v);
		browser_note(b, !stopped ? err.message : b->lang == LANG_KO
			     ? "차트: 키 입력으로 멈춤" : "chart: stopped for a key");
		return;
	}
	browser_push(b, &v->base);
}
