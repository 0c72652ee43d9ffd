/* frame.c: the browser's frame: where the panes go for the screen's size
 * and mode, and drawing them with the title, status line and overlays. */
#include "app_priv.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"

/* Below this the panes cannot show a row worth reading. */
#define MIN_COLS 40
#define MIN_ROWS 10

layout app_layout(const app *a)
{
	layout l;
	memset(&l, 0, sizeof(l));
	int rows = LINES, cols = COLS;
	if (rows < MIN_ROWS || cols < MIN_COLS) {
		l.too_small = true;
		return l;
	}
	int body_y = 1, body_h = rows - 2;
	if (a->fullscreen) {
		l.detail = (rect){body_y, 0, body_h, cols};
		return l;
	}
	if (a->detail_hidden) {
		l.timeline = (rect){body_y, 0, body_h, cols};
		return l;
	}
	if (cols >= a->side_by_side) {
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

static void draw_title(app *a, const layout *l)
{
	const char *name = a->lang == LANG_KO ? "yeonpyo \xc2\xb7 연표"
					      : "yeonpyo";
	const char *title = a->title[a->lang];
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, " %s%s%s", name, title ? " \xe2\x80\x94 " : "",
		      title ? title : "");
	/* the sparkline at the right: a third of the line, 16 to 60 cells */
	int strip = COLS / 3 < 16 ? 0 : COLS / 3 > 60 ? 60 : COLS / 3;
	long from = 0, to = 0;
	if (strip && (l->timeline.h <= 0 ||
		      !timeline_span(&a->tl, l->timeline.h, &from, &to)))
		from = to = -1;
	draw_text(&a->canvas, 0, 0, COLS - strip, strbuf_str(&sb),
		  STYLE_TITLEBAR, true);
	draw_fill(&a->canvas, 0, COLS - strip, strip, STYLE_TITLEBAR);
	if (strip)
		density_draw(&a->dens, &a->canvas, 0, COLS - strip + 1, strip - 2,
			     from, to, STYLE_TITLEBAR, STYLE_SELECTED);
	strbuf_free(&sb);
}

/* The search prompt on the status line, with the cursor shown in it. */
static void draw_prompt(app *a)
{
	int col = prompt_draw(&a->input, &a->canvas, LINES - 1, 0, COLS, "/");
	curs_set(1);
	wmove(stdscr, LINES - 1, col < COLS ? col : COLS - 1);
}

static void draw_status(app *a)
{
	const canvas *c = &a->canvas;
	if (a->prompting) {
		draw_prompt(a);
		return;
	}
	curs_set(0);
	strbuf left = STRBUF_INIT, right = STRBUF_INIT;
	long n = timeline_count(&a->tl);
	strbuf_printf(&left, " %ld/%ld", n ? timeline_position(&a->tl) + 1 : 0,
		      n);
	if (a->note[0])
		strbuf_printf(&left, "  %s", a->note);
	if (a->applied)
		strbuf_printf(&left, "  /%s", a->applied);
	if (a->org_label)
		strbuf_printf(&left, "  %s:%s", a->lang == LANG_KO ? "기관" : "org",
			      a->org_label);
	if (a->person_label)
		strbuf_printf(&left, "  %s:%s", a->lang == LANG_KO ? "인물"
								    : "person",
			      a->person_label);
	if (a->tag)
		strbuf_printf(&left, "  %s:%s", a->lang == LANG_KO ? "태그" : "tag",
			      a->tag);
	if (a->marked_only)
		strbuf_puts(&left, a->lang == LANG_KO ? "  표시한 사건" : "  marked");
	if (a->year_from && a->year_to != a->year_from)
		strbuf_printf(&left, "  %d-%d", a->year_from, a->year_to);
	else if (a->year_from)
		strbuf_printf(&left, "  %d", a->year_from);
	if (a->fullscreen)
		strbuf_puts(&left, a->lang == LANG_KO ? "  상세" : "  detail");
	else if (a->focus == FOCUS_DETAIL)
		strbuf_puts(&left, a->lang == LANG_KO ? "  상세 창" : "  detail pane");
	strbuf_printf(&right, "%s  ? %s ", a->lang == LANG_KO ? "ko" : "en",
		      a->lang == LANG_KO ? "도움말" : "help");
	int rw = text_width(strbuf_str(&right));
	draw_text(c, LINES - 1, 0, COLS, strbuf_str(&left), STYLE_STATUSBAR, true);
	if (COLS - rw > 0)
		draw_text(c, LINES - 1, COLS - rw, rw, strbuf_str(&right),
			  STYLE_STATUSBAR, true);
	strbuf_free(&left);
	strbuf_free(&right);
}

static void draw_too_small(app *a)
{
	const char *msg = a->lang == LANG_KO ? "터미널이 너무 작습니다"
					     : "terminal too small";
	int w = text_width(msg);
	int x = COLS > w ? (COLS - w) / 2 : 0;
	draw_text(&a->canvas, LINES / 2, x, COLS - x, msg, STYLE_NORMAL, false);
}

/* The keys bound to an action, as the configuration names them. */
static const char *bound_keys(const app *a, key_action action, strbuf *sb)
{
	strbuf_reset(sb);
	for (size_t i = 0; i < a->keys.n; i++) {
		if (a->keys.items[i].action != action)
			continue;
		if (sb->len)
			strbuf_puts(sb, ", ");
		keys_name(a->keys.items[i].code, sb);
	}
	return sb->len ? strbuf_str(sb) : "-";
}

/* The help overlay lists keys.def (the keys as configured, when the
 * configuration binds any), then what the marks mean. */
static void draw_help(app *a)
{
	strbuf names = STRBUF_INIT;
	size_t n = 0;
	const key_help *keys = keys_table(&n);
	int w = COLS - 4 < 78 ? COLS - 4 : 78;
	int h = LINES - 2 < (int)n + 3 ? LINES - 2 : (int)n + 3;
	rect r = {(LINES - h) / 2, (COLS - w) / 2, h, w};
	const canvas *c = &a->canvas;
	/* whole rows: a frame drawn over half of a wide character would
	 * leave the terminal and curses disagreeing about that row */
	for (int row = 0; row < h; row++)
		draw_fill(c, r.y + row, 0, COLS, STYLE_NORMAL);
	draw_box(c, r.y, r.x, r.h, r.w, STYLE_BORDER);
	draw_text(c, r.y, r.x + 2, w - 4, a->lang == LANG_KO
		  ? " 키 (q, Esc: 닫기) " : " Keys (q, Esc: close) ",
		  STYLE_HEADING, false);
	size_t rows = (size_t)(h - 2);
	for (size_t i = 0; i < rows && a->help_top + i <= n; i++) {
		size_t k = a->help_top + i;
		int y = r.y + 1 + (int)i;
		if (k == n) {
			draw_text(c, y, r.x + 2, w - 4, a->lang == LANG_KO
				  ? "*  예정된 사건   \xe2\x97\x8f  표시한 사건   "
				    "\xe2\x97\x8b  아직 보지 않은 사건"
				  : "*  planned   \xe2\x97\x8f  marked   "
				    "\xe2\x97\x8b  not seen yet",
				  STYLE_PLANNED, false);
			break;
		}
		draw_text(c, y, r.x + 2, 22, a->keys_changed
			  ? bound_keys(a, keys[k].action, &names) : keys[k].keys,
			  STYLE_LABEL, false);
		draw_text(c, y, r.x + 25, w - 27, a->lang == LANG_KO
			  ? keys[k].help_ko : keys[k].help_en, STYLE_NORMAL,
			  false);
	}
	strbuf_free(&names);
}

void frame_note_failure(app *a, const yp_error *err)
{
	snprintf(a->note, sizeof(a->note), "%s", err->message);
}

/* The event in the detail pane has been seen: its dim mark goes. */
static void note_seen(app *a)
{
	timeline_event *e = timeline_selected(&a->tl);
	if (!e || e->seen)
		return;
	yp_error err = {0};
	if (store_set_seen(a->s, e->id, &err) != YP_OK)
		frame_note_failure(a, &err);
	e->seen = true;  /* seen all the same, if only for this run */
}

/* The selected event's detail; hidden, it is not even read. */
static void draw_detail(app *a, const layout *l)
{
	if (detail_show(&a->dv, a->s, timeline_selected_id(&a->tl), a->lang,
			l->detail.w, &a->err) != YP_OK) {
		a->status = (int)a->err.status;
		a->running = false;
	}
	detail_scroll(&a->dv, 0, l->detail.h);
	detail_draw(&a->dv, &a->canvas, l->detail.y, l->detail.x, l->detail.h,
		    l->detail.w, a->marks);
}

void frame_draw(app *a)
{
	layout l = app_layout(a);
	werase(stdscr);
	draw_links_clear(&a->links);
	if (l.too_small) {
		draw_too_small(a);
		return;
	}
	if (a->charting) {
		draw_title(a, &l);
		chart_draw(&a->chart, &a->canvas, 1, LINES - 2, COLS, a->lang);
		draw_status(a);
		if (a->help)
			draw_help(a);
		return;
	}
	if (a->org_viewing) {
		draw_title(a, &l);
		org_view_draw(&a->ov, a->s, &a->canvas, LINES, COLS, a->lang);
		draw_status(a);
		if (a->help)
			draw_help(a);
		return;
	}
	if (l.detail.h > 0)
		note_seen(a);
	if (l.timeline.h > 0) {
		timeline_reveal(&a->tl, l.timeline.h);
		timeline_draw(&a->tl, &a->canvas, l.timeline.y, l.timeline.x,
			      l.timeline.h, l.timeline.w, a->lang,
			      a->focus == FOCUS_TIMELINE, a->marks);
		if (l.side_by_side)
			draw_vline(&a->canvas, l.timeline.y, l.timeline.w,
				   l.timeline.h, STYLE_BORDER);
		else if (l.detail.h > 0)
			draw_hline(&a->canvas, l.detail.y - 1, 0, COLS,
				   STYLE_BORDER);
	}
	if (l.detail.h > 0)
		draw_detail(a, &l);
	draw_title(a, &l);  /* its sparkline marks the rows now in view */
	draw_status(a);
	if (a->picking)
		picker_draw(&a->pick, &a->canvas, LINES, COLS, a->lang);
	if (a->help)
		draw_help(a);
}
