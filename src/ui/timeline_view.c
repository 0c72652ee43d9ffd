/* timeline_view.c: the browser's first view, always at the bottom of the
 * stack: the timeline pane and the selected event's detail below it or,
 * from side_by_side columns, beside it. Its keys move the selection or
 * scroll the focused pane, and open the other views. */
#include "timeline_view.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "chart_view.h"
#include "detail_view.h"
#include "help_view.h"
#include "note_view.h"
#include "org_view.h"
#include "picker_view.h"
#include "search_view.h"

typedef struct {
	int y, x, h, w;
} rect;

typedef struct {
	bool side_by_side;
	rect timeline;
	rect detail;   /* h == 0 when hidden */
} layout;

typedef enum { FOCUS_TIMELINE, FOCUS_DETAIL } focus;

/* How many events left by following links Back can return to; the
 * oldest are forgotten first. */
#define TRAIL_MAX 64

typedef struct {
	view base;
	focus focus;
	bool detail_hidden;  /* the timeline has the body to itself */
	char *trail[TRAIL_MAX];  /* events links were followed from, oldest
				  * first, as a web browser's Back keeps */
	size_t n_trail;
} timeline_view;

/* Where the panes go in the body for the screen's size. */
static layout lay_out(const timeline_view *tv, const browser *b)
{
	layout l;
	memset(&l, 0, sizeof(l));
	int body_y = 1, body_h = LINES - 2, cols = COLS;
	if (body_h < 1 || cols < 1)
		return l;
	if (tv->detail_hidden) {
		l.timeline = (rect){body_y, 0, body_h, cols};
	} else if (cols >= b->side_by_side) {
		int tw = cols * 11 / 20;
		l.side_by_side = true;
		l.timeline = (rect){body_y, 0, body_h, tw};
		l.detail = (rect){body_y, tw + 1, body_h, cols - tw - 1};
	} else {
		int th = (body_h - 1) / 2;
		l.timeline = (rect){body_y, 0, th, cols};
		l.detail = (rect){body_y + th + 1, 0, body_h - th - 1, cols};
	}
	return l;
}

/* The layout, with the timeline's height kept where the other views find
 * it (to keep the selection in view when they narrow the timeline). */
static layout lay_out_kept(const timeline_view *tv, browser *b)
{
	layout l = lay_out(tv, b);
	b->tl_rows = l.timeline.h;
	return l;
}

static void timeline_view_draw(view *v, browser *b)
{
	timeline_view *tv = (timeline_view *)v;
	layout l = lay_out_kept(tv, b);
	const canvas *c = &b->canvas;
	if (l.detail.h > 0)
		browser_note_seen(b);  /* before its row shows it unseen */
	timeline_reveal(&b->tl, l.timeline.h);
	timeline_draw(&b->tl, c, l.timeline.y, l.timeline.x, l.timeline.h,
		      l.timeline.w, b->lang, tv->focus == FOCUS_TIMELINE,
		      b->nar.marks);
	if (l.side_by_side)
		draw_vline(c, l.timeline.y, l.timeline.w, l.timeline.h,
			   STYLE_BORDER);
	else if (l.detail.h > 0)
		draw_hline(c, l.detail.y - 1, 0, COLS, STYLE_BORDER);
	if (l.detail.h > 0)
		browser_draw_detail(b, l.detail.y, l.detail.x, l.detail.h,
				    l.detail.w);
}

static void toggle_mark(browser *b)
{
	timeline_event *e = timeline_selected(&b->tl);
	if (!e)
		return;
	yp_error err = {0};
	if (store_set_marked(b->s, e->id, !e->marked, &err) != YP_OK) {
		browser_note_failure(b, &err);
		return;
	}
	e->marked = !e->marked;
	if (b->nar.marked_only)
		narrowing_refilter(b);  /* an unmarked event leaves the view */
}

/* x: the selected event's first source address to the clipboard; the
 * detail pane has it (read now when the pane is hidden). */
static void copy_url(browser *b)
{
	const char *id = timeline_selected_id(&b->tl);
	yp_error err = {0};
	int width = b->dv.width >= 8 ? b->dv.width : COLS;
	if (b->clipboard && id &&
	    detail_show(&b->dv, b->s, id, b->lang, width, &err) != YP_OK) {
		browser_note_failure(b, &err);
		return;
	}
	const char *url = id && b->clipboard ? detail_first_url(&b->dv) : NULL;
	if (b->clipboard && !url)
		browser_note(b, b->lang == LANG_KO ? "출처 주소 없음"
						   : "no source address");
	else
		browser_copy(b, url);
}

/* The selected event laid out in the detail pane, which the links are
 * read from; read now when the pane is hidden. */
static bool detail_ready(browser *b)
{
	const char *id = timeline_selected_id(&b->tl);
	yp_error err = {0};
	int width = b->dv.width >= 8 ? b->dv.width : COLS;
	if (!id)
		return false;
	if (detail_show(&b->dv, b->s, id, b->lang, width, &err) != YP_OK) {
		browser_note_failure(b, &err);
		return false;
	}
	return true;
}

typedef enum { GO_THERE, GO_HIDDEN, GO_GONE } go_result;

/* Selects event id in the timeline, or says why it cannot: the filters
 * or the search leave it out, or it is no longer in the database. */
static go_result go_to_event(browser *b, const char *id)
{
	if (timeline_select_id(&b->tl, id, b->tl_rows))
		return GO_THERE;
	char said[256];
	bool gone = !store_has(b->s, RECORD_EVENT, id);
	if (gone)
		snprintf(said, sizeof(said), b->lang == LANG_KO
			 ? "%s: 데이터베이스에 더는 없음"
			 : "%s is no longer in the database", id);
	else
		snprintf(said, sizeof(said), b->lang == LANG_KO
			 ? "%s: 필터나 검색에 가려짐 (c: 필터와 검색 지우기)"
			 : "%s is hidden by the filters or the search (c "
			   "clears them)", id);
	browser_note(b, said);
	return gone ? GO_GONE : GO_HIDDEN;
}

/* Keeps from, the event a link is followed from, for Back. */
static void trail_push(timeline_view *tv, char *from)
{
	assert(from && tv->n_trail <= TRAIL_MAX);
	if (tv->n_trail == TRAIL_MAX) {
		free(tv->trail[0]);
		memmove(tv->trail, tv->trail + 1,
			(TRAIL_MAX - 1) * sizeof(*tv->trail));
		tv->n_trail--;
	}
	tv->trail[tv->n_trail++] = from;
}

/* f (or Enter on a linked event Tab or > selected): the timeline selects
 * the selected link's event, else the first link's. */
static void follow_link(timeline_view *tv, browser *b, int height)
{
	if (!detail_ready(b))
		return;
	record_kind kind = RECORD_ORG;
	const char *to = detail_link(&b->dv, &kind);
	if ((!to || kind != RECORD_EVENT) &&
	    detail_next_event_link(&b->dv, height))
		to = detail_link(&b->dv, &kind);
	if (!to || kind != RECORD_EVENT) {
		browser_note(b, b->lang == LANG_KO ? "연결된 사건 없음"
						   : "no links to other events");
		return;
	}
	char *from = strdup(timeline_selected_id(&b->tl));
	char *target = strdup(to);
	if (!from || !target)
		browser_note(b, "out of memory");
	else if (go_to_event(b, target) == GO_THERE) {
		trail_push(tv, from);
		from = NULL;
		tv->focus = FOCUS_TIMELINE;
	}
	free(from);
	free(target);
}

/* < or Backspace: the event the last link followed left, unless the
 * filters now hide it (it stays for after they are cleared). */
static void follow_back(timeline_view *tv, browser *b)
{
	if (!tv->n_trail) {
		browser_note(b, b->lang == LANG_KO ? "돌아갈 사건 없음"
						   : "no followed link to go "
						     "back along");
		return;
	}
	if (go_to_event(b, tv->trail[tv->n_trail - 1]) == GO_HIDDEN)
		return;
	free(tv->trail[--tv->n_trail]);
	tv->focus = FOCUS_TIMELINE;
}

/* >: the next link to another event, in the detail pane, which takes
 * the focus so that Enter follows it as f does. */
static void next_event_link(timeline_view *tv, browser *b, const layout *l)
{
	if (l->detail.h <= 0) {
		browser_note(b, b->lang == LANG_KO ? "상세 창이 숨겨져 있음 (d: "
				"보이기)" : "the detail pane is hidden (d shows "
				"it)");
		return;
	}
	if (!detail_ready(b))
		return;
	if (detail_next_event_link(&b->dv, l->detail.h))
		tv->focus = FOCUS_DETAIL;
	else
		browser_note(b, b->lang == LANG_KO ? "연결된 사건 없음"
						   : "no links to other events");
}

/* Enter on an organization or person Tab reached in the detail pane:
 * the timeline shows only their events; on a linked event, the timeline
 * selects it. */
static bool filter_by_link(timeline_view *tv, browser *b, const layout *l)
{
	record_kind kind;
	const char *id = detail_link(&b->dv, &kind);
	if (!id || tv->focus != FOCUS_DETAIL)
		return false;
	if (kind == RECORD_EVENT) {
		follow_link(tv, b, l->detail.h);
		return true;
	}
	char *keep = strdup(id);
	if (kind == RECORD_ORG)
		narrowing_set_org(&b->nar, keep, keep);
	else
		narrowing_set_person(&b->nar, keep, keep);
	free(keep);
	tv->focus = FOCUS_TIMELINE;
	narrowing_refilter(b);
	return true;
}

/* The movement keys, on the focused pane. */
static void move_key(timeline_view *tv, browser *b, key_action act,
		     const layout *l)
{
	bool detail = tv->focus == FOCUS_DETAIL && l->detail.h > 0;
	timeline_pane *tl = &b->tl;
	detail_pane *dv = &b->dv;
	int th = l->timeline.h, dh = l->detail.h;
	long page = detail ? dh : th;
	long half = (page + 1) / 2;
	switch (act) {
	case ACTION_DOWN:
	case ACTION_UP:
		page = act == ACTION_DOWN ? 1 : -1;
		detail ? detail_scroll(dv, page, dh) : timeline_move(tl, page, th);
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP:
		if (act == ACTION_HALF_DOWN || act == ACTION_HALF_UP)
			page = half;
		if (act == ACTION_PAGE_UP || act == ACTION_HALF_UP)
			page = -page;
		detail ? detail_scroll(dv, page, dh) : timeline_page(tl, page, th);
		break;
	case ACTION_FIRST:
		detail ? detail_scroll(dv, -(long)dv->n, dh)
		       : timeline_first(tl, th);
		break;
	case ACTION_LAST:
		detail ? detail_scroll(dv, (long)dv->n, dh) : timeline_last(tl, th);
		break;
	default:
		break;
	}
}

/* The keys that open another view; false for a key that is none. */
static bool open_key(browser *b, key_action act)
{
	static const struct {
		key_action act;
		facet_kind facet;
	} pickers[] = {
		{ACTION_ORG_FILTER, FACET_ORG}, {ACTION_PERSON_FILTER, FACET_PERSON},
		{ACTION_TAG_FILTER, FACET_TAG}, {ACTION_YEAR_FILTER, FACET_YEAR},
	};
	static void (*const opens[ACTION_COUNT])(browser *) = {
		[ACTION_SEARCH] = search_view_open,
		[ACTION_NOTE] = note_view_open,
		[ACTION_NOTE_EDITOR] = note_view_edit_externally,
		[ACTION_ORG_VIEW] = org_view_open,
		[ACTION_CHART] = chart_view_open,
		[ACTION_HELP] = help_view_open,
	};
	for (size_t i = 0; i < sizeof(pickers) / sizeof(*pickers); i++) {
		if (pickers[i].act == act) {
			picker_view_open(b, pickers[i].facet, 0);
			return true;
		}
	}
	if (act >= ACTION_COUNT || !opens[act])
		return false;
	opens[act](b);
	return true;
}

/* Tab: the timeline, the detail pane, each of the event's organizations,
 * people and linked events, then the timeline again. */
static void next_focus(timeline_view *tv, browser *b, const layout *l)
{
	if (l->detail.h <= 0)
		return;
	if (tv->focus == FOCUS_TIMELINE)
		tv->focus = FOCUS_DETAIL;
	else if (!detail_next_link(&b->dv, l->detail.h))
		tv->focus = FOCUS_TIMELINE;
}

/* The keys that change what the panes show or how. */
static void pane_key(timeline_view *tv, browser *b, key_action act,
		     const layout *l)
{
	int th = l->timeline.h;
	switch (act) {
	case ACTION_QUIT:
		b->running = false;
		break;
	case ACTION_BACK:
		if (b->nar.applied)
			narrowing_end_search(b, timeline_selected_id(&b->tl));
		break;
	case ACTION_MARK:
		toggle_mark(b);
		break;
	case ACTION_MARKED:
		b->nar.marked_only = !b->nar.marked_only;
		narrowing_refilter(b);
		break;
	case ACTION_COPY:
		copy_url(b);
		break;
	case ACTION_CLEAR:
		narrowing_clear(b);
		break;
	case ACTION_NEXT_MATCH:
	case ACTION_PREV_MATCH:
		if (b->nar.applied)
			timeline_cycle(&b->tl, act == ACTION_NEXT_MATCH ? 1 : -1, th);
		break;
	case ACTION_FULLSCREEN:
		if (!filter_by_link(tv, b, l))
			detail_view_open(b);
		break;
	case ACTION_DETAIL_PANE:
		tv->detail_hidden = !tv->detail_hidden;
		tv->focus = FOCUS_TIMELINE;
		break;
	case ACTION_FOCUS:
		next_focus(tv, b, l);
		break;
	case ACTION_LINK_NEXT:
		next_event_link(tv, b, l);
		break;
	case ACTION_FOLLOW:
		follow_link(tv, b, l->detail.h);
		break;
	case ACTION_LINK_BACK:
		follow_back(tv, b);
		break;
	case ACTION_LANGUAGE:
		browser_toggle_language(b);
		break;
	case ACTION_NEXT_YEAR:
		timeline_next_year(&b->tl, th);
		break;
	case ACTION_PREV_YEAR:
		timeline_prev_year(&b->tl, th);
		break;
	case ACTION_DETAIL_DOWN:
	case ACTION_DETAIL_UP:
		detail_scroll(&b->dv, act == ACTION_DETAIL_DOWN ? 1 : -1,
			      l->detail.h);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		browser_invalidate(b);
		break;
	default:
		move_key(tv, b, act, l);
		break;
	}
}

static void timeline_view_key(view *v, browser *b, const view_key *k)
{
	timeline_view *tv = (timeline_view *)v;
	layout l = lay_out_kept(tv, b);
	if (k->action != ACTION_NONE && !open_key(b, k->action))
		pane_key(tv, b, k->action, &l);
}

static bool inside(const rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

/* The wheel scrolls the pane under the pointer (in the timeline it moves
 * the selection); a click selects a row of the timeline, or focuses the
 * detail and copies the source address it lands on. */
static void timeline_view_mouse(view *v, browser *b, const view_mouse *m)
{
	timeline_view *tv = (timeline_view *)v;
	layout l = lay_out_kept(tv, b);
	bool in_timeline = inside(&l.timeline, m->y, m->x);
	bool in_detail = inside(&l.detail, m->y, m->x);
	if (m->kind != VIEW_CLICK && in_timeline)
		timeline_move(&b->tl, view_wheel_step(m), l.timeline.h);
	else if (m->kind != VIEW_CLICK && in_detail)
		detail_scroll(&b->dv, view_wheel_step(m), l.detail.h);
	else if (in_timeline) {
		tv->focus = FOCUS_TIMELINE;
		timeline_click(&b->tl, m->y - l.timeline.y, l.timeline.h);
	} else if (in_detail) {
		tv->focus = FOCUS_DETAIL;
		const char *url = detail_url_at(&b->dv, m->y - l.detail.y);
		if (url)
			browser_copy(b, url);
	}
}

static void timeline_view_resize(view *v, browser *b)
{
	lay_out_kept((timeline_view *)v, b);
}

static void timeline_view_status(const view *v, const browser *b,
				 strbuf *left)
{
	const timeline_view *tv = (const timeline_view *)v;
	if (tv->focus == FOCUS_DETAIL)
		strbuf_puts(left, b->lang == LANG_KO ? "  상세 창"
						      : "  detail pane");
}

static void timeline_view_close(view *v, browser *b)
{
	timeline_view *tv = (timeline_view *)v;
	for (size_t i = 0; i < tv->n_trail; i++)
		free(tv->trail[i]);
	browser_view_free(v, b);
}

static const view_ops timeline_view_ops = {
	.name = "timeline",
	.place = VIEW_BODY,
	.draw = timeline_view_draw,
	.key = timeline_view_key,
	.mouse = timeline_view_mouse,
	.resize = timeline_view_resize,
	.status = timeline_view_status,
	.close = timeline_view_close,
};

/* The browser's first view, at the bottom of the stack. */
static timeline_view *first_view(const browser *b)
{
	assert(b->depth > 0 && b->stack[0]->ops == &timeline_view_ops);
	return (timeline_view *)b->stack[0];
}

void timeline_view_place(const browser *b, store_place *out)
{
	row_key k = timeline_selected_key(&b->tl);
	memset(out, 0, sizeof(*out));
	out->event_id = k.id ? strdup(k.id) : NULL;
	out->date_key = k.date_key;
	out->detail_hidden = first_view(b)->detail_hidden;
}

void timeline_view_resume(browser *b, const store_place *p)
{
	timeline_view *tv = first_view(b);
	tv->detail_hidden = p->detail_hidden;
	int rows = lay_out_kept(tv, b).timeline.h;
	row_key k = {p->date_key, p->event_id};
	if (p->event_id && !timeline_select_id(&b->tl, p->event_id, rows))
		timeline_select_near(&b->tl, &k, rows);
}

bool timeline_view_open(browser *b)
{
	timeline_view *tv = browser_view_new(b, sizeof(*tv), &timeline_view_ops);
	if (!tv)
		return false;
	browser_push(b, &tv->base);
	lay_out_kept(tv, b);
	return true;
}
