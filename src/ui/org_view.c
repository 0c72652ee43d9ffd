/* org_view.c: the organizations view (O): every organization with its
 * kind, number of events and years, narrowed as one types, and for the
 * one selected its events and the organizations it appears with most
 * often; Enter shows its events in the timeline. */
#include "org_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "picker.h"

#include "yeonpyo/vocab.h"

#define PARTNERS_SHOWN 5

typedef struct {
	view base;
	picker list;        /* the organizations, narrowed as one types */
	char *loaded;       /* whose partners and events are below */
	char **partners;    /* "name  (shared events)" lines */
	size_t n_partners;
	char **events;      /* "date  title" lines */
	size_t n_events;
} org_view;

typedef struct {
	char **lines;
	size_t n;
	yp_lang lang;
} line_list;

static bool keep_line(line_list *l, char *line)
{
	if (!line)
		return false;
	char **lines = realloc(l->lines, (l->n + 1) * sizeof(*lines));
	if (!lines) {
		free(line);
		return false;
	}
	l->lines = lines;
	l->lines[l->n++] = line;
	return true;
}

static bool add_partner(const facet_item *it, void *ctx)
{
	line_list *l = ctx;
	strbuf sb = STRBUF_INIT;
	const char *name = model_text_pick(&it->label, l->lang);
	strbuf_printf(&sb, "%s (%ld)", it->short_name ? it->short_name : name,
		      it->events);
	return keep_line(l, strbuf_take(&sb));
}

static bool add_event(const event_row *row, void *ctx)
{
	line_list *l = ctx;
	char date[DATE_TEXT_MAX];
	date_format(&row->date, date);
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%-10s  %s", date, model_text_pick(&row->title, l->lang));
	return keep_line(l, strbuf_take(&sb));
}

static void free_lines(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void unload(org_view *v)
{
	free_lines(v->partners, v->n_partners);
	free_lines(v->events, v->n_events);
	free(v->loaded);
	v->partners = v->events = NULL;
	v->n_partners = v->n_events = 0;
	v->loaded = NULL;
}

/* Reads the selected organization's partners and events once. */
static void load_selected(org_view *v, store *s, yp_lang lang)
{
	const char *id = picker_choice(&v->list);
	if (!id || (v->loaded && strcmp(v->loaded, id) == 0))
		return;
	unload(v);
	v->loaded = strdup(id);
	yp_error err = {0};
	line_list partners = {NULL, 0, lang}, events = {NULL, 0, lang};
	store_each_partner(s, id, PARTNERS_SHOWN, add_partner, &partners, &err);
	event_filter f = {.org = id};
	store_each_row(s, &f, add_event, &events, &err);
	v->partners = partners.lines;
	v->n_partners = partners.n;
	v->events = events.lines;
	v->n_events = events.n;
}


/* A row of the list: name, kind, events in cw cells, years. */
static void draw_row(const picker_item *it, const canvas *c, int y, int x,
		     int w, int cw, yp_lang lang, bool selected)
{
	draw_style st = draw_row_style(c, selected, STYLE_SELECTED);
	char years[48], count[24];
	long a = it->first_key / 10000, b = it->last_key / 10000;
	if (a == b)
		snprintf(years, sizeof(years), "%ld", a);
	else
		snprintf(years, sizeof(years), "%ld-%ld", a, b);
	snprintf(count, sizeof(count), "%ld", it->events);
	draw_fill(c, y, x, w, st);
	draw_arrow(c, y, x, selected, STYLE_SELECTED);
	int name_w = w - 29 - cw > 10 ? w - 29 - cw : 10;
	draw_text(c, y, x + 1, name_w, it->label, st, false);
	draw_text(c, y, x + 2 + name_w, 12,
		  vocab_label(VOCAB_ORG_KIND, it->kind, lang), st, false);
	draw_text(c, y, x + 15 + name_w, cw, count, st, false);
	draw_text(c, y, x + 16 + cw + name_w, w - 16 - cw - name_w, years, st,
		  false);
}

static int draw_section(const canvas *c, int y, int x, int w, int last,
			const char *heading, char *const *lines, size_t n)
{
	if (y > last)
		return y;
	draw_text(c, y++, x + 1, w - 2, heading, STYLE_HEADING, false);
	for (size_t i = 0; i < n && y <= last; i++)
		draw_text(c, y++, x + 2, w - 3, lines[i], STYLE_NORMAL, false);
	return y + 1;
}

/* The list's width and height on a screen of lines x cols: beside the
 * organization's events from 100 columns, above them below that. */
static void list_size(int lines, int cols, int *w, int *h)
{
	int body = lines - 2;
	*w = cols >= 100 ? cols * 3 / 5 : cols;
	*h = cols >= 100 ? body - 1 : (body - 1) / 2;
}

static void org_view_draw(view *base, browser *b)
{
	org_view *v = (org_view *)base;
	const canvas *c = &b->canvas;
	yp_lang lang = b->lang;
	int lines = LINES, cols = COLS;
	load_selected(v, b->s, lang);
	picker *p = &v->list;
	int top = 1, h = lines - 2, lw = 0, list_h = 0;
	list_size(lines, cols, &lw, &list_h);
	for (int r = 0; r < h; r++)
		draw_fill(c, top + r, 0, cols, STYLE_NORMAL);
	strbuf head = STRBUF_INIT;
	strbuf_printf(&head, " %s: %s", p->title, prompt_text(&p->typed));
	draw_text(c, top, 0, lw, strbuf_str(&head), STYLE_HEADING, true);
	strbuf_free(&head);
	if (p->selected < p->top)
		p->top = p->selected;
	if (list_h > 0 && p->selected >= p->top + (size_t)list_h)
		p->top = p->selected - (size_t)list_h + 1;
	for (int r = 0; r < list_h && p->top + (size_t)r < p->n_shown; r++) {
		size_t k = p->top + (size_t)r;
		draw_row(&p->items[p->shown[k]], c, top + 1 + r, 0, lw,
			 picker_count_width(p), lang, k == p->selected);
	}
	int x = cols >= 100 ? lw + 1 : 0;
	int y = cols >= 100 ? top : top + 1 + list_h;
	int w = cols >= 100 ? cols - lw - 1 : cols;
	if (cols >= 100)
		draw_vline(c, top, lw, h, STYLE_BORDER);
	else
		draw_hline(c, y++, 0, cols, STYLE_BORDER);
	const picker_item *it = picker_selected(p);
	if (it && it->aliases) {
		char *aliases[] = {it->aliases};
		y = draw_section(c, y, x, w, top + h - 1, lang == LANG_KO
				 ? "다른 이름" : "Also known as", aliases, 1);
	}
	y = draw_section(c, y, x, w, top + h - 1, lang == LANG_KO
			 ? "함께 가장 자주 등장" : "Appears most often with",
			 v->partners, v->n_partners);
	draw_section(c, y, x, w, top + h - 1, lang == LANG_KO ? "사건" : "Events",
		     v->events, v->n_events);
}

/* Like a picker's keys, but Enter shows the organization's events in the
 * timeline. */
static void org_view_key(view *base, browser *b, const view_key *k)
{
	org_view *v = (org_view *)base;
	if (picker_enter(k)) {
		const picker_item *it = picker_selected(&v->list);
		if (it)
			narrowing_set_org(&b->nar, it->id, it->label);
		browser_pop(b);
		narrowing_refilter(b);
	} else if (!k->fn && k->code == 27) {
		browser_pop(b);
	} else {
		picker_key(&v->list, k);
	}
}

/* The list read again, and the selected organization's partners and
 * events at the next frame. */
/* The wheel moves along the list; a click selects the organization it
 * lands on (Enter then shows its events). */
static void org_view_mouse(view *base, browser *b, const view_mouse *m)
{
	(void)b;
	picker *p = &((org_view *)base)->list;
	int lw = 0, list_h = 0;
	list_size(LINES, COLS, &lw, &list_h);
	int row = m->y - 2;  /* under the title line and the heading */
	size_t k = p->top + (size_t)(row > 0 ? row : 0);
	if (m->kind != VIEW_CLICK)
		picker_move(p, m->kind == VIEW_WHEEL_UP ? -1 : 1);
	else if (row >= 0 && row < list_h && m->x < lw && k < p->n_shown)
		p->selected = k;
}

static void org_view_reread(view *base, browser *b)
{
	org_view *v = (org_view *)base;
	yp_error err = {0};
	if (picker_reload(&v->list, b->s, &err) != YP_OK)
		browser_note_failure(b, &err);
	unload(v);
}

static void org_view_close(view *base, browser *b)
{
	(void)b;
	org_view *v = (org_view *)base;
	unload(v);
	picker_free(&v->list);
	free(v);
}

static const view_ops org_view_ops = {
	.name = "organizations",
	.place = VIEW_BODY,
	.draw = org_view_draw,
	.key = org_view_key,
	.mouse = org_view_mouse,
	.reread = org_view_reread,
	.close = org_view_close,
};

void org_view_open(browser *b)
{
	org_view *v = browser_view_new(b, sizeof(*v), &org_view_ops);
	if (!v)
		return;
	yp_error err = {0};
	if (picker_open(&v->list, b->s, FACET_ORG, b->lang, b->lang == LANG_KO
			? "기관" : "Organizations", 0, &err) != YP_OK) {
		picker_free(&v->list);
		free(v);
		browser_note_failure(b, &err);
		return;
	}
	browser_push(b, &v->base);
}
