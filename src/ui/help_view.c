/* help_view.c: the help, a box over whatever view opened it: keys.def's
 * keys (as configured, when the configuration binds any) and what the
 * marks beside the dates mean. */
#include "help_view.h"

#include <stdlib.h>

#include <curses.h>

typedef struct {
	view base;
	size_t top;  /* the first line shown */
} help_view;

/* The keys bound to an action, as the configuration names them. */
static const char *bound_keys(const browser *b, key_action action,
			      strbuf *sb)
{
	strbuf_reset(sb);
	for (size_t i = 0; i < b->keys.n; i++) {
		if (b->keys.items[i].action != action)
			continue;
		if (sb->len)
			strbuf_puts(sb, ", ");
		keys_name(b->keys.items[i].code, sb);
	}
	return sb->len ? strbuf_str(sb) : "-";
}

static void draw_marks_line(const canvas *c, int y, int x, int w, bool ko)
{
	draw_text(c, y, x, w, ko ? "*  예정된 사건   \xe2\x97\x8f  표시한 사건   "
				   "\xe2\x97\x8b  아직 보지 않은 사건   "
				   "\xe2\x9c\x8e  내 메모"
				 : "*  planned   \xe2\x97\x8f  marked   "
				   "\xe2\x97\x8b  not seen yet   "
				   "\xe2\x9c\x8e  my note",
		  STYLE_PLANNED, false);
}

static void help_draw(view *v, browser *b)
{
	help_view *h = (help_view *)v;
	bool ko = b->lang == LANG_KO;
	strbuf names = STRBUF_INIT;
	size_t n = 0;
	const key_help *keys = keys_table(&n);
	int w = COLS - 4 < 78 ? COLS - 4 : 78;
	int rows = LINES - 2 < (int)n + 3 ? LINES - 2 : (int)n + 3;
	int y0 = (LINES - rows) / 2, x0 = (COLS - w) / 2;
	const canvas *c = &b->canvas;
	/* whole rows: a frame drawn over half of a wide character would
	 * leave the terminal and curses disagreeing about that row */
	for (int row = 0; row < rows; row++)
		draw_fill(c, y0 + row, 0, COLS, STYLE_NORMAL);
	draw_box(c, y0, x0, rows, w, STYLE_BORDER);
	draw_text(c, y0, x0 + 2, w - 4, ko ? " 키 (q, Esc: 닫기) "
					    : " Keys (q, Esc: close) ",
		  STYLE_HEADING, false);
	size_t inside = rows > 2 ? (size_t)(rows - 2) : 0;
	for (size_t i = 0; i < inside && h->top + i <= n; i++) {
		size_t k = h->top + i;
		int y = y0 + 1 + (int)i;
		if (k == n) {
			draw_marks_line(c, y, x0 + 2, w - 4, ko);
			break;
		}
		draw_text(c, y, x0 + 2, 22, b->keys_changed
			  ? bound_keys(b, keys[k].action, &names) : keys[k].keys,
			  STYLE_LABEL, false);
		draw_text(c, y, x0 + 25, w - 27, ko ? keys[k].help_ko
						    : keys[k].help_en,
			  STYLE_NORMAL, false);
	}
	strbuf_free(&names);
}

/* Closes on q, Esc and ?; j and k scroll; other keys do nothing. */
static void help_key(view *v, browser *b, const view_key *k)
{
	help_view *h = (help_view *)v;
	size_t n = 0;
	keys_table(&n);
	switch (k->action) {
	case ACTION_QUIT:
	case ACTION_BACK:
	case ACTION_HELP:
		browser_pop(b);
		break;
	case ACTION_DOWN:
		if (h->top < n)
			h->top++;
		break;
	case ACTION_UP:
		if (h->top > 0)
			h->top--;
		break;
	default:
		break;
	}
}

static void help_mouse(view *v, browser *b, const view_mouse *m)
{
	(void)b;
	help_view *h = (help_view *)v;
	size_t n = 0;
	keys_table(&n);
	long top = (long)h->top + (m->kind == VIEW_CLICK ? 0 : view_wheel_step(m));
	h->top = top < 0 ? 0 : (size_t)top > n ? n : (size_t)top;
}

static const view_ops help_ops = {
	.name = "help",
	.place = VIEW_OVERLAY,
	.draw = help_draw,
	.key = help_key,
	.mouse = help_mouse,
	.close = browser_view_free,
};

void help_view_open(browser *b)
{
	help_view *h = browser_view_new(b, sizeof(*h), &help_ops);
	if (h)
		browser_push(b, &h->base);
}
