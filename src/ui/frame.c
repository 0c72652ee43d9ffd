/* frame.c: the browser's frame around its views: the title line with the
 * sparkline, the status line, and the message of a screen too small; the
 * views draw the body between them. */
#include "frame.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"

/* Below this the panes cannot show a row worth reading. */
#define MIN_COLS 40
#define MIN_ROWS 10

bool frame_too_small(void)
{
	return LINES < MIN_ROWS || COLS < MIN_COLS;
}

static void draw_title(browser *b)
{
	const char *name = b->lang == LANG_KO ? "yeonpyo \xc2\xb7 연표"
					      : "yeonpyo";
	const char *title = b->title[b->lang];
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, " %s%s%s", name, title ? " \xe2\x80\x94 " : "",
		      title ? title : "");
	/* the sparkline at the right: a third of the line, 16 to 60 cells,
	 * the months of the events the timeline pane shows marked */
	int strip = COLS / 3 < 16 ? 0 : COLS / 3 > 60 ? 60 : COLS / 3;
	long from = 0, to = 0;
	if (strip && (b->tl_rows <= 0 ||
		      !timeline_span(&b->tl, b->tl_rows, &from, &to)))
		from = to = -1;
	draw_text(&b->canvas, 0, 0, COLS - strip, strbuf_str(&sb),
		  STYLE_TITLEBAR, true);
	draw_fill(&b->canvas, 0, COLS - strip, strip, STYLE_TITLEBAR);
	if (strip)
		density_draw(&b->dens, &b->canvas, 0, COLS - strip + 1, strip - 2,
			     from, to, STYLE_TITLEBAR, STYLE_SELECTED);
	strbuf_free(&sb);
}

static void draw_status(browser *b)
{
	const canvas *c = &b->canvas;
	bool ko = b->lang == LANG_KO;
	strbuf left = STRBUF_INIT, right = STRBUF_INIT;
	long n = timeline_count(&b->tl);
	strbuf_printf(&left, " %ld/%ld", n ? timeline_position(&b->tl) + 1 : 0,
		      n);
	if (b->note[0])
		strbuf_printf(&left, "  %s", b->note);
	narrowing_status(&b->nar, ko, &left);
	browser_status_words(b, &left);
	strbuf_printf(&right, "%s  ? %s ", ko ? "ko" : "en",
		      ko ? "도움말" : "help");
	int rw = text_width(strbuf_str(&right));
	draw_text(c, LINES - 1, 0, COLS, strbuf_str(&left), STYLE_STATUSBAR, true);
	if (COLS - rw > 0)
		draw_text(c, LINES - 1, COLS - rw, rw, strbuf_str(&right),
			  STYLE_STATUSBAR, true);
	strbuf_free(&left);
	strbuf_free(&right);
}

static void draw_too_small(browser *b)
{
	const char *msg = b->lang == LANG_KO ? "터미널이 너무 작습니다"
					     : "terminal too small";
	int w = text_width(msg);
	int x = COLS > w ? (COLS - w) / 2 : 0;
	werase(stdscr);
	draw_text(&b->canvas, LINES / 2, x, COLS - x, msg, STYLE_NORMAL, false);
}

void frame_draw(browser *b, bool all)
{
	view *top = browser_top(b);
	bool line = top && top->ops->place == VIEW_LINE;
	bool cursor = top && top->ops->cursor && !frame_too_small();
	draw_links_clear(&b->links);
	curs_set(cursor);  /* a prompt or an editor shows it */
	/* a hidden cursor stays where curses' last write left it: taking it
	 * back to the window's cursor cost a move (6 bytes) every frame */
	leaveok(stdscr, !cursor);
	if (frame_too_small()) {
		draw_too_small(b);
		browser_invalidate(b);  /* all of it once there is room */
		return;
	}
	browser_draw_views(b, all);
	draw_title(b);  /* its sparkline marks the rows now in view */
	draw_status(b);
	if (line) {
		top->ops->draw(top, b);
		top->dirty = false;
	}
	if (cursor)
		wmove(stdscr, b->cursor_y, b->cursor_x);
}
