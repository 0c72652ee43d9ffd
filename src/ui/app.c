/* app.c: the browser's loop: terminal setup and restore, signals, layout,
 * the frame, and turning keys (keys.def) into actions on the panes. */
#include "app_priv.h"

#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>

#include "yeonpyo/dataset.h"
#include "yeonpyo/keys.h"
#include "yeonpyo/osc.h"
#include "yeonpyo/search.h"
#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"

/* Below this the panes cannot show a row worth reading. */
#define MIN_COLS 40
#define MIN_ROWS 10
/* From this width the panes stand side by side. */
#define SIDE_BY_SIDE_COLS 120
/* Esc must answer within 50 ms; curses waits this long for the rest of
 * an escape sequence. */
#define ESC_DELAY_MS 25
/* How often the wait for a key wakes to notice a missed signal. */
#define WAKE_MS 250

/* Set by SIGINT, SIGTERM and SIGHUP: the loop ends and restores the
 * terminal. The one piece of global state, as a signal handler needs. */
static volatile sig_atomic_t quit_signal;

static void on_quit_signal(int sig)
{
	quit_signal = sig;
}

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
static const char *bound_keys(const app *a, ui_action action, strbuf *sb)
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

/* Says in the status line why a key did only half its work (a mark or
 * a seen event not saved): the browser goes on. */
static void note_failure(app *a, const yp_error *err)
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
		note_failure(a, &err);
	e->seen = true;  /* seen all the same, if only for this run */
}

static void toggle_mark(app *a)
{
	timeline_event *e = timeline_selected(&a->tl);
	if (!e)
		return;
	yp_error err = {0};
	if (store_set_marked(a->s, e->id, !e->marked, &err) != YP_OK) {
		note_failure(a, &err);
		return;
	}
	e->marked = !e->marked;
	if (a->marked_only)
		narrowing_refilter(a);  /* an unmarked event leaves the view */
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

static void draw_frame(app *a)
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

/* Keys while the help is open: close it, or scroll it. */
static void help_key(app *a, ui_action act)
{
	size_t n = 0;
	keys_table(&n);
	switch (act) {
	case ACTION_QUIT:
	case ACTION_BACK:
	case ACTION_HELP:
		a->help = false;
		break;
	case ACTION_DOWN:
		if (a->help_top < n)
			a->help_top++;
		break;
	case ACTION_UP:
		if (a->help_top > 0)
			a->help_top--;
		break;
	default:
		break;
	}
}

/* Movement keys act on the focused pane. */
static void move_key(app *a, ui_action act, const layout *l)
{
	bool detail = a->fullscreen || a->focus == FOCUS_DETAIL;
	int th = l->timeline.h, dh = l->detail.h;
	long page = detail ? dh : th;
	switch (act) {
	case ACTION_DOWN:
		detail ? detail_scroll(&a->dv, 1, dh) : timeline_move(&a->tl, 1, th);
		break;
	case ACTION_UP:
		detail ? detail_scroll(&a->dv, -1, dh) : timeline_move(&a->tl, -1, th);
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN:
		page = act == ACTION_HALF_DOWN ? (page + 1) / 2 : page;
		detail ? detail_scroll(&a->dv, page, dh)
		       : timeline_page(&a->tl, page, th);
		break;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP:
		page = act == ACTION_HALF_UP ? (page + 1) / 2 : page;
		detail ? detail_scroll(&a->dv, -page, dh)
		       : timeline_page(&a->tl, -page, th);
		break;
	case ACTION_FIRST:
		detail ? detail_scroll(&a->dv, -(long)a->dv.n, dh)
		       : timeline_first(&a->tl, th);
		break;
	case ACTION_LAST:
		detail ? detail_scroll(&a->dv, (long)a->dv.n, dh)
		       : timeline_last(&a->tl, th);
		break;
	default:
		break;
	}
}

/* Writes what curses cannot (hyperlinks, the clipboard) straight to the
 * terminal, after curses has written its frame. */
static void write_out(const strbuf *sb)
{
	size_t done = 0;
	while (!sb->failed && done < sb->len) {
		ssize_t n = write(STDOUT_FILENO, strbuf_str(sb) + done,
				  sb->len - done);
		if (n <= 0)
			return;
		done += (size_t)n;
	}
}

/* The first source address of event id, or NULL; the caller frees it. */
static char *first_url(store *s, const char *id, yp_error *err)
{
	yp_event e;
	if (store_get_event(s, id, &e, err) != YP_OK)
		return NULL;
	char *url = NULL;
	for (size_t i = 0; !url && i < e.n_sources; i++) {
		yp_source src;
		if (store_get_source(s, e.sources[i], &src, err) != YP_OK)
			break;
		if (src.url)
			url = strdup(src.url);
		model_source_clear(&src);
	}
	model_event_clear(&e);
	return url;
}

/* x: the selected event's source address to the terminal's clipboard,
 * which reaches the user's own machine over SSH. */
static void copy_url(app *a)
{
	bool ko = a->lang == LANG_KO;
	const char *id = timeline_selected_id(&a->tl);
	if (!a->clipboard) {
		snprintf(a->note, sizeof(a->note), "%s", ko
			 ? "클립보드 꺼짐 (--clipboard=osc52로 켜기)"
			 : "the clipboard is off (--clipboard=osc52 turns it on)");
		return;
	}
	yp_error err = {0};
	char *url = id ? first_url(a->s, id, &err) : NULL;
	if (!url) {
		if (err.status)
			note_failure(a, &err);
		else
			snprintf(a->note, sizeof(a->note), "%s",
				 ko ? "출처 주소 없음" : "no source address");
		return;
	}
	strbuf sb = STRBUF_INIT;
	osc_clipboard(&sb, url);
	write_out(&sb);
	strbuf_free(&sb);
	snprintf(a->note, sizeof(a->note), "%s %s", ko ? "복사함:" : "copied",
		 url);
	free(url);
}

/* Keys in the chart: scroll it, or close it. */
static void chart_key(app *a, ui_action act)
{
	int h = LINES - 2;
	switch (act) {
	case ACTION_QUIT:
	case ACTION_BACK:
	case ACTION_CHART:
		chart_free(&a->chart);
		a->charting = false;
		break;
	case ACTION_DOWN:
	case ACTION_UP:
		chart_scroll(&a->chart, act == ACTION_DOWN ? 1 : -1, h);
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
		chart_scroll(&a->chart, act == ACTION_PAGE_DOWN ? h - 2 : 2 - h,
			     h);
		break;
	case ACTION_FIRST:
	case ACTION_LAST:
		chart_scroll(&a->chart, act == ACTION_LAST ? 1L << 30
							   : -(1L << 30), h);
		break;
	case ACTION_HELP:
		a->help = true;
		a->help_top = 0;
		break;
	case ACTION_LANGUAGE:
		a->lang = a->lang == LANG_KO ? LANG_EN : LANG_KO;
		break;
	default:
		break;
	}
}

static void main_key(app *a, ui_action act)
{
	layout l = app_layout(a);
	switch (act) {
	case ACTION_QUIT:
		if (a->fullscreen)
			a->fullscreen = false;
		else
			a->running = false;
		break;
	case ACTION_BACK:
		if (a->fullscreen)
			a->fullscreen = false;
		else if (a->applied)
			narrowing_end_search(a, timeline_selected_id(&a->tl));
		break;
	case ACTION_SEARCH:
		narrowing_open_prompt(a);
		break;
	case ACTION_ORG_FILTER:
		narrowing_open_picker(a, FACET_ORG, 0);
		break;
	case ACTION_PERSON_FILTER:
		narrowing_open_picker(a, FACET_PERSON, 0);
		break;
	case ACTION_TAG_FILTER:
		narrowing_open_picker(a, FACET_TAG, 0);
		break;
	case ACTION_YEAR_FILTER:
		narrowing_open_picker(a, FACET_YEAR, 0);
		break;
	case ACTION_MARK:
		toggle_mark(a);
		break;
	case ACTION_CHART:
		narrowing_open_chart(a);
		break;
	case ACTION_COPY:
		copy_url(a);
		break;
	case ACTION_MARKED:
		a->marked_only = !a->marked_only;
		narrowing_refilter(a);
		break;
	case ACTION_CLEAR:
		narrowing_clear(a);
		break;
	case ACTION_ORG_VIEW:
		if (org_view_open(&a->ov, a->s, a->lang, &a->err) == YP_OK)
			a->org_viewing = true;
		else
			org_view_free(&a->ov);
		break;
	case ACTION_NEXT_MATCH:
	case ACTION_PREV_MATCH:
		if (a->applied)
			timeline_cycle(&a->tl, act == ACTION_NEXT_MATCH ? 1 : -1,
				       l.timeline.h);
		break;
	case ACTION_HELP:
		a->help = true;
		a->help_top = 0;
		break;
	case ACTION_FULLSCREEN:
		if (!narrowing_filter_by_link(a))
			a->fullscreen = !a->fullscreen;
		break;
	case ACTION_DETAIL_PANE:
		a->detail_hidden = !a->detail_hidden;
		a->focus = FOCUS_TIMELINE;
		break;
	case ACTION_FOCUS:
		/* timeline, detail pane, each of the event's organizations and
		 * people, then the timeline again */
		if (a->fullscreen || a->detail_hidden)
			break;
		if (a->focus == FOCUS_TIMELINE)
			a->focus = FOCUS_DETAIL;
		else if (!detail_next_link(&a->dv, l.detail.h))
			a->focus = FOCUS_TIMELINE;
		break;
	case ACTION_LANGUAGE:
		a->lang = a->lang == LANG_KO ? LANG_EN : LANG_KO;
		break;
	case ACTION_NEXT_YEAR:
		timeline_next_year(&a->tl, l.timeline.h);
		break;
	case ACTION_PREV_YEAR:
		timeline_prev_year(&a->tl, l.timeline.h);
		break;
	case ACTION_DETAIL_DOWN:
		detail_scroll(&a->dv, 1, l.detail.h);
		break;
	case ACTION_DETAIL_UP:
		detail_scroll(&a->dv, -1, l.detail.h);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		move_key(a, act, &l);
		break;
	}
}

static void handle_key(app *a, int rc, wint_t ch)
{
	a->note[0] = '\0';
	if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
		return;  /* the next frame lays out for the new size */
	if (a->prompting) {
		narrowing_prompt_key(a, rc, ch);
		return;
	}
	if (a->picking) {
		narrowing_picker_key(a, rc, ch);
		return;
	}
	if (a->charting && !a->help) {
		chart_key(a, keymap_action(&a->keys, rc == KEY_CODE_YES,
					   (int)ch));
		return;
	}
	if (a->org_viewing && !a->help) {
		narrowing_org_view_key(a, rc, ch);
		return;
	}
	ui_action act = keymap_action(&a->keys, rc == KEY_CODE_YES, (int)ch);
	if (act == ACTION_NONE)
		return;
	if (a->help)
		help_key(a, act);
	else
		main_key(a, act);
}

/* Tests wait for this mark instead of sleeping: it follows each frame. */
static void announce_idle(const app *a)
{
	static const char mark[] = "\033]7777;idle\007";
	if (a->idle_marks && write(STDOUT_FILENO, mark, sizeof(mark) - 1) < 0)
		return;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: the signal must interrupt the wait for a key */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static bool want_color(ui_color_mode mode)
{
	const char *no_color = getenv("NO_COLOR");
	if (mode == UI_COLOR_ALWAYS)
		return true;
	if (mode == UI_COLOR_NEVER)
		return false;
	return !(no_color && *no_color);
}

static SCREEN *start_screen(void)
{
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return NULL;
	set_escdelay(ESC_DELAY_MS);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* No mouse here: curses would read the rest of a mouse report after
	 * its prefix without a timeout, so a stray or cut-off report (a
	 * terminal left in mouse mode by another program) would stall the
	 * browser until more bytes came. Its bytes are keys like any other. */
	const char *mouse = tigetstr("kmous");
	if (mouse && mouse != (const char *)-1)
		define_key(mouse, 0);
	curs_set(0);
	wtimeout(stdscr, WAKE_MS);
	return scr;
}

static void draw_now(app *a)
{
	draw_frame(a);
	wnoutrefresh(stdscr);
	doupdate();
	if (a->links.n) {
		strbuf sb = STRBUF_INIT;
		osc_links(&sb, stdscr, &a->links);
		write_out(&sb);
		strbuf_free(&sb);
	}
	announce_idle(a);
}


/* Draws a frame once the keys that have arrived are handled, never while
 * idle: keys typed or pasted ahead (a query, a burst of j over a slow
 * link) cost one frame, and a search runs once for all of them. Waiting
 * for a key times out now and then: a SIGWINCH or SIGTERM that lands just
 * before curses starts waiting would otherwise not be seen until the next
 * key, and a timeout changes nothing on the screen. */
static void loop(app *a)
{
	bool dirty = true;
	while (a->running && !quit_signal) {
		wint_t ch = 0;
		/* with work to show, only look for a key already waiting */
		wtimeout(stdscr, dirty ? 0 : WAKE_MS);
		int rc = wget_wch(stdscr, &ch);
		if (rc == ERR) {
			/* nothing waiting (or a signal): search, then draw */
			narrowing_search_idle(a);
			if (a->search_due) {
				dirty = true;  /* keys came: handle them first */
				continue;
			}
			if (dirty && a->running && !quit_signal)
				draw_now(a);
			dirty = false;
			/* a broad search's sparkline, after its first frame */
			if (a->density_due && a->running && !quit_signal) {
				narrowing_density_idle(a);
				dirty = !a->density_due;
			}
			continue;
		}
		handle_key(a, rc, ch);
		/* the store failing under a move: stop as a failed load does */
		if (timeline_failed(&a->tl, &a->err) != YP_OK) {
			a->status = (int)a->err.status;
			a->running = false;
		}
		dirty = true;
	}
}

/* Frees what the app holds; safe on a partly set up app. */
static void app_free(app *a)
{
	timeline_free(&a->tl);
	detail_free(&a->dv);
	prompt_free(&a->input);
	free(a->applied);
	free(a->before_id);
	search_words_free(a->marks);
	history_free(&a->hist);
	draw_links_clear(&a->links);
	free(a->links.items);
	keymap_free(&a->keys);
	density_free(&a->dens);
	chart_free(&a->chart);
	picker_free(&a->pick);
	org_view_free(&a->ov);
	free(a->org);
	free(a->org_label);
	free(a->person);
	free(a->person_label);
	free(a->tag);
	free(a->title[LANG_KO]);
	free(a->title[LANG_EN]);
}

int ui_run(store *s, const ui_options *opts)
{
	app a;
	memset(&a, 0, sizeof(a));
	a.s = s;
	a.lang = opts->lang;
	a.side_by_side = opts->config && opts->config->side_by_side
				 ? opts->config->side_by_side : SIDE_BY_SIDE_COLS;
	a.keys_changed = opts->config && opts->config->n_binds;
	if (!(opts->config ? config_keymap(opts->config, &a.keys)
			   : keymap_init(&a.keys))) {
		fprintf(stderr, "yeonpyo: out of memory\n");
		return YP_SOFTWARE;
	}
	if (opts->notice)
		snprintf(a.note, sizeof(a.note), "%s", opts->notice);
	a.running = true;
	a.idle_marks = getenv("YEONPYO_TEST_IDLE") != NULL;
	detail_init(&a.dv);
	prompt_init(&a.input);
	history_load(&a.hist, history_default_path());
	a.title[LANG_KO] = store_meta_get(s, META_TITLE_KO);
	a.title[LANG_EN] = store_meta_get(s, META_TITLE_EN);
	if (timeline_load(&a.tl, s, NULL, &a.err) != YP_OK ||
	    density_load(&a.dens, s, NULL, &a.err) != YP_OK) {
		app_free(&a);
		fprintf(stderr, "yeonpyo: %s\n", a.err.message);
		return (int)a.err.status;
	}
	/* Line drawing as Unicode box characters (ambiguous width) would be
	 * wide there too; the VT100 alternate character set is narrow
	 * everywhere. */
	if (opts->text_flags & TEXT_AMBIGUOUS_WIDE)
		setenv("NCURSES_NO_UTF8_ACS", "1", 1);
	SCREEN *scr = start_screen();
	if (!scr) {
		app_free(&a);
		fprintf(stderr, "yeonpyo: cannot start the terminal screen\n");
		return YP_IOERR;
	}
	install_signals();
	draw_theme_init(&a.theme, want_color(opts->color),
			opts->config ? opts->config->colors : NULL);
	bool links = opts->hyperlinks == UI_LINKS_ALWAYS ||
		     (opts->hyperlinks == UI_LINKS_AUTO &&
		      osc_links_wanted(getenv("TERM"),
				       strcmp(nl_langinfo(CODESET), "UTF-8") == 0));
	a.canvas = (canvas){stdscr, &a.theme, opts->text_flags,
			    links ? &a.links : NULL};
	a.clipboard = opts->clipboard;
	a.dv.text_flags = opts->text_flags;
	loop(&a);
	endwin();
	delscreen(scr);
	app_free(&a);
	if (a.status)
		fprintf(stderr, "yeonpyo: %s\n", a.err.message);
	/* ended by a signal: say so the way a shell expects */
	if (quit_signal)
		return 128 + quit_signal;
	return a.status;
}
