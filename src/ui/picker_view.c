/* picker_view.c: the o, p, t and y pickers: a box over the timeline that
 * lists the organizations, people, tags or years with their events,
 * narrowed as one types; Enter makes the choice a filter (y then asks for
 * the last year), Esc leaves the filters as they were. */
#include "picker_view.h"

#include <stdlib.h>

#include <curses.h>

typedef struct {
	view base;
	picker pick;
	bool last_year;  /* y's second step: the first year is chosen */
} picker_view;

static void picker_view_draw(view *v, browser *b)
{
	picker_draw(&((picker_view *)v)->pick, &b->canvas, LINES, COLS, b->lang);
}

/* Enter: the choice becomes a filter; y asks for a last year after the
 * first, from that year on. */
static void choose(picker_view *pv, browser *b)
{
	narrowing *n = &b->nar;
	const char *id = picker_choice(&pv->pick);
	facet_kind kind = pv->pick.kind;
	bool first_year = kind == FACET_YEAR && !pv->last_year;
	if (id && kind == FACET_ORG)
		narrowing_set_org(n, id, picker_choice_label(&pv->pick));
	else if (id && kind == FACET_PERSON)
		narrowing_set_person(n, id, picker_choice_label(&pv->pick));
	else if (id && kind == FACET_TAG)
		narrowing_set(&n->tag, id);
	else if (id && first_year)
		n->year_from = n->year_to = atoi(id);
	else if (id)
		n->year_to = atoi(id);
	bool ask_last = id && first_year;
	browser_pop(b);
	if (ask_last)
		picker_view_open(b, FACET_YEAR, n->year_from * 10000L);
	narrowing_refilter(b);
}

/* Typing narrows the list; the keys are the list's own, not keys.def's,
 * so that every letter can be typed. */
static void picker_view_key(view *v, browser *b, const view_key *k)
{
	picker_view *pv = (picker_view *)v;
	picker *p = &pv->pick;
	if (picker_enter(k))
		choose(pv, b);
	else if (!k->fn && k->code == 27)
		browser_pop(b);
	else
		picker_key(p, k);
}

/* The wheel moves the selection; a click on an item chooses it. */
static void picker_view_mouse(view *v, browser *b, const view_mouse *m)
{
	picker_view *pv = (picker_view *)v;
	if (m->kind != VIEW_CLICK)
		picker_move(&pv->pick, m->kind == VIEW_WHEEL_UP ? -1 : 1);
	else if (picker_at(&pv->pick, LINES, COLS, m->y, m->x))
		choose(pv, b);
}

static void picker_view_reread(view *v, browser *b)
{
	yp_error err = {0};
	if (picker_reload(&((picker_view *)v)->pick, b->s, &err) != YP_OK)
		browser_note_failure(b, &err);
}

static void picker_view_close(view *v, browser *b)
{
	(void)b;
	picker_free(&((picker_view *)v)->pick);
	free(v);
}

static const view_ops picker_view_ops = {
	.name = "picker",
	.place = VIEW_OVERLAY,
	.draw = picker_view_draw,
	.key = picker_view_key,
	.mouse = picker_view_mouse,
	.reread = picker_view_reread,
	.close = picker_view_close,
};

void picker_view_open(browser *b, facet_kind kind, long min_key)
{
	static const char *const titles[][2] = {
		[FACET_ORG] = {"기관", "Organization"},
		[FACET_PERSON] = {"인물", "Person"},
		[FACET_TAG] = {"태그", "Tag"},
		[FACET_YEAR] = {"시작 연도", "First year"},
	};
	bool ko = b->lang == LANG_KO;
	const char *title = min_key ? (ko ? "끝 연도" : "Last year")
				    : titles[kind][ko ? 0 : 1];
	picker_view *pv = browser_view_new(b, sizeof(*pv), &picker_view_ops);
	if (!pv)
		return;
	yp_error err = {0};
	if (picker_open(&pv->pick, b->s, kind, b->lang, title, min_key, &err) !=
	    YP_OK) {
		picker_free(&pv->pick);
		free(pv);
		browser_note_failure(b, &err);
		return;
	}
	pv->last_year = min_key != 0;
	browser_push(b, &pv->base);
}
