/* detail_view.c: the selected event's detail on the whole body (Enter):
 * the movement keys scroll it, q, Esc and Enter close it, and every other
 * key acts as it does in the timeline below it. */
#include "detail_view.h"

#include <stdlib.h>

#include <curses.h>


static int body_rows(void)
{
	return LINES - 2;
}

static void detail_view_draw(view *v, browser *b)
{
	(void)v;
	browser_draw_detail(b, 1, 0, body_rows(), COLS);
}

/* The lines a movement key scrolls by, or 0 for a key that is none. */
static long scroll_of(const detail_pane *dv, key_action act, long page)
{
	switch (act) {
	case ACTION_DOWN:
	case ACTION_DETAIL_DOWN:
		return 1;
	case ACTION_UP:
	case ACTION_DETAIL_UP:
		return -1;
	case ACTION_PAGE_DOWN:
		return page;
	case ACTION_PAGE_UP:
		return -page;
	case ACTION_HALF_DOWN:
		return (page + 1) / 2;
	case ACTION_HALF_UP:
		return -(page + 1) / 2;
	case ACTION_FIRST:
		return -(long)dv->n - 1;
	case ACTION_LAST:
		return (long)dv->n + 1;
	default:
		return 0;
	}
}

static void detail_view_key(view *v, browser *b, const view_key *k)
{
	long delta = scroll_of(&b->dv, k->action, body_rows());
	switch (k->action) {
	case ACTION_QUIT:
	case ACTION_BACK:
	case ACTION_FULLSCREEN:
		browser_pop(b);
		return;
	case ACTION_FOCUS:  /* one pane: nothing to move the focus to */
	case ACTION_NONE:
		return;
	default:
		break;
	}
	if (delta)
		detail_scroll(&b->dv, delta, body_rows());
	else
		browser_key_below(b, v, k);
}

static void detail_view_mouse(view *v, browser *b, const view_mouse *m)
{
	(void)v;
	const char *url = NULL;
	if (m->kind != VIEW_CLICK)
		detail_scroll(&b->dv, view_wheel_step(m), body_rows());
	else if (m->y >= 1 && m->y <= body_rows())
		url = detail_url_at(&b->dv, m->y - 1);
	if (url)
		browser_copy(b, url);
}

static void detail_view_status(const view *v, const browser *b, strbuf *left)
{
	(void)v;
	strbuf_puts(left, b->lang == LANG_KO ? "  상세" : "  detail");
}

static const view_ops detail_view_ops = {
	.name = "detail",
	.place = VIEW_BODY,
	.draw = detail_view_draw,
	.key = detail_view_key,
	.mouse = detail_view_mouse,
	.status = detail_view_status,
	.close = browser_view_free,
};

void detail_view_open(browser *b)
{
	view *v = browser_view_new(b, sizeof(*v), &detail_view_ops);
	if (v)
		browser_push(b, v);
}
