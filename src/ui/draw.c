/* draw.c: placing text on the curses screen cluster by cluster. */
#include "ui_draw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include <unicode/utf8.h>

#include "yeonpyo/config.h"
#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"

/* Each element's look unless the configuration changes it: styles.def's
 * colours, numbered as curses numbers them, and its attributes in colour
 * and without it. */
#define ATTR(a) A_##a
static const attr_t mono[STYLE_COUNT] = {
#define STYLE(id, name, f, b, color, plain) [STYLE_##id] = (plain),
#include "styles.def"
#undef STYLE
};

static const attr_t colored[STYLE_COUNT] = {
#define STYLE(id, name, f, b, color, plain) [STYLE_##id] = (color),
#include "styles.def"
#undef STYLE
};
#undef ATTR

static const short fg[STYLE_COUNT] = {
#define STYLE(id, name, f, ...) [STYLE_##id] = CONFIG_COLOR_##f,
#include "styles.def"
#undef STYLE
};

static const short bg[STYLE_COUNT] = {
#define STYLE(id, name, f, b, ...) [STYLE_##id] = CONFIG_COLOR_##b,
#include "styles.def"
#undef STYLE
};

static short default_bg(int style)
{
	return bg[style];
}

static attr_t color_attrs(int style)
{
	return colored[style];
}

static attr_t attrs_of(unsigned config_attrs)
{
	attr_t a = A_NORMAL;
	if (config_attrs & CONFIG_BOLD)
		a |= A_BOLD;
	if (config_attrs & CONFIG_UNDERLINE)
		a |= A_UNDERLINE;
	if (config_attrs & CONFIG_REVERSE)
		a |= A_REVERSE;
	if (config_attrs & CONFIG_DIM)
		a |= A_DIM;
	return a;
}

void draw_theme_init(ui_theme *theme, bool color, const config_color *user)
{
	bool colors = color && has_colors() && start_color() == OK;
	if (colors)
		use_default_colors();
	for (int i = 0; i < STYLE_COUNT; i++) {
		const config_color *u = user ? &user[i] : NULL;
		theme->attr[i] = colors ? color_attrs(i) : mono[i];
		if (u && (u->attrs & CONFIG_ATTRS_SET))
			theme->attr[i] = attrs_of(u->attrs);
		theme->pair[i] = 0;
		if (!colors)
			continue;
		/* plain text too is a pair of the terminal's colours: curses
		 * leaves a colour for it with one SGR 39, where going back to
		 * no pair costs a full attribute reset */
		short f = fg[i], b = default_bg(i);
		if (u && u->fg != CONFIG_COLOR_UNSET)
			f = u->fg;
		if (u && u->bg != CONFIG_COLOR_UNSET)
			b = u->bg;
		if (init_pair((short)(i + 1), f, b) == OK)
			theme->pair[i] = (short)(i + 1);
		else if (i == STYLE_SELECTED)
			theme->attr[i] = mono[i];  /* no cyan bar: reverse */
	}
}

/* UTF-8 to the code points of one cluster, at most max of them. Decoded
 * here, not by mbrtowc: stored text is UTF-8 whatever the locale, and
 * wchar_t is UCS-4 in glibc in every locale, EUC-KR included. */
static size_t cluster_chars(const char *s, size_t len, wchar_t *out, size_t max)
{
	size_t n = 0;
	int32_t i = 0, end = (int32_t)len;
	while (i < end && n < max) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, end, c);
		out[n++] = c < 0 ? L'?' : (wchar_t)c;
	}
	return n;
}

typedef struct {
	const canvas *c;
	int y;
	int x;
	attr_t attr;
	short pair;
	const char *base;        /* the text the clusters are in */
	const unsigned char *marked;  /* per byte: in a match; or NULL */
	attr_t mark_attr;
	short mark_pair;
} cluster_painter;

static bool paint_cluster(const text_cluster *cl, void *ctx)
{
	cluster_painter *p = ctx;
	if (cl->width == 0)
		return true;
	bool marked = p->marked && p->marked[cl->bytes - p->base];
	wchar_t wch[CCHARW_MAX + 1];
	size_t n = cluster_chars(cl->bytes, cl->len, wch, CCHARW_MAX);
	if (n == 0)
		return true;
	wch[n] = L'\0';
	cchar_t cc;
	attr_t attr = p->attr;
	short pair = p->pair;
	if (marked) {
		attr = p->mark_attr;
		pair = p->mark_pair;
	}
	if (setcchar(&cc, wch, attr, pair, NULL) != OK) {
		wch[1] = L'\0';  /* keep the base character alone */
		if (setcchar(&cc, wch, attr, pair, NULL) != OK)
			return true;
	}
	mvwadd_wch(p->c->win, p->y, p->x, &cc);
	p->x += cl->width;
	return true;
}

void draw_fill(const canvas *c, int y, int x, int width, draw_style style)
{
	if (width <= 0)
		return;
	cchar_t blank;
	wchar_t sp[2] = {L' ', L'\0'};
	setcchar(&blank, sp, c->theme->attr[style], c->theme->pair[style], NULL);
	mvwhline_set(c->win, y, x, &blank, width);
}

draw_style draw_row_style(const canvas *c, bool selected, draw_style sel)
{
	return selected && !c->arrow ? sel : STYLE_NORMAL;
}

int draw_arrow(const canvas *c, int y, int x, bool selected, draw_style sel)
{
	if (!c->arrow)
		return 0;
	/* ASCII: narrow on every terminal, whatever it does with ambiguous
	 * characters (an arrow such as U+25B6 is two cells on some) */
	draw_text(c, y, x, 1, selected ? ">" : " ",
		  selected ? sel : STYLE_NORMAL, false);
	return 1;
}

/* Which bytes of s fall in an occurrence of one of words; NULL when none
 * do. The caller frees it. */
static unsigned char *mark_words(const char *s, size_t len, char *const *words)
{
	unsigned char *marked = NULL;
	for (size_t w = 0; words && words[w]; w++) {
		size_t n = strlen(words[w]);
		for (size_t i = 0; n && i + n <= len; i++) {
			if (strncasecmp(s + i, words[w], n) != 0)
				continue;
			if (!marked && !(marked = calloc(len + 1, 1)))
				return NULL;
			memset(marked + i, 1, n);
		}
	}
	return marked;
}

int draw_text_marked(const canvas *c, int y, int x, int width, const char *s,
		     draw_style style, bool pad, char *const *words)
{
	if (width <= 0)
		return 0;
	/* data never reaches the terminal raw: controls become visible */
	char *shown = text_display(s, c->text_flags);
	strbuf fitted = STRBUF_INIT;
	int used = text_fit_as(&fitted, shown ? shown : "?", width, false,
			       c->text_flags);
	free(shown);
	const char *text = strbuf_str(&fitted);
	unsigned char *marked = mark_words(text, fitted.len, words);
	cluster_painter p = {c, y, x, c->theme->attr[style], c->theme->pair[style],
			     text, marked, c->theme->attr[STYLE_MATCH],
			     c->theme->pair[STYLE_MATCH]};
	text_each_cluster(text, fitted.len, paint_cluster, &p);
	free(marked);
	strbuf_free(&fitted);
	if (pad)
		draw_fill(c, y, x + used, width - used, style);
	return pad ? width : used;
}

int draw_text(const canvas *c, int y, int x, int width, const char *s,
	      draw_style style, bool pad)
{
	return draw_text_marked(c, y, x, width, s, style, pad, NULL);
}

/* A line-drawing character: curses' (the VT100 set where the terminal
 * has it, else ASCII), or ASCII where the canvas asks for it. */
static chtype line_char(const canvas *c, chtype acs, char ascii)
{
	return c->ascii_lines ? (chtype)ascii : acs;
}

void draw_hline(const canvas *c, int y, int x, int width, draw_style style)
{
	if (width <= 0)
		return;
	wattr_set(c->win, c->theme->attr[style], c->theme->pair[style], NULL);
	mvwhline(c->win, y, x, line_char(c, ACS_HLINE, '-'), width);
	wattr_set(c->win, A_NORMAL, 0, NULL);
}

void draw_vline(const canvas *c, int y, int x, int height, draw_style style)
{
	if (height <= 0)
		return;
	wattr_set(c->win, c->theme->attr[style], c->theme->pair[style], NULL);
	mvwvline(c->win, y, x, line_char(c, ACS_VLINE, '|'), height);
	wattr_set(c->win, A_NORMAL, 0, NULL);
}

void draw_box(const canvas *c, int y, int x, int height, int width,
	      draw_style style)
{
	if (height < 2 || width < 2)
		return;
	draw_hline(c, y, x + 1, width - 2, style);
	draw_hline(c, y + height - 1, x + 1, width - 2, style);
	draw_vline(c, y + 1, x, height - 2, style);
	draw_vline(c, y + 1, x + width - 1, height - 2, style);
	wattr_set(c->win, c->theme->attr[style], c->theme->pair[style], NULL);
	mvwaddch(c->win, y, x, line_char(c, ACS_ULCORNER, '+'));
	mvwaddch(c->win, y, x + width - 1, line_char(c, ACS_URCORNER, '+'));
	mvwaddch(c->win, y + height - 1, x, line_char(c, ACS_LLCORNER, '+'));
	mvwaddch(c->win, y + height - 1, x + width - 1,
		 line_char(c, ACS_LRCORNER, '+'));
	wattr_set(c->win, A_NORMAL, 0, NULL);
}

int draw_text_link(const canvas *c, int y, int x, int width, const char *s,
		   draw_style style, const char *url)
{
	int used = draw_text(c, y, x, width, s, style, false);
	draw_links *l = c->links;
	if (!l || !url || used <= 0)
		return used;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		draw_link *items = realloc(l->items, cap * sizeof(*items));
		if (!items)
			return used;  /* shown, if not as a link */
		l->items = items;
		l->cap = cap;
	}
	draw_link *item = &l->items[l->n];
	*item = (draw_link){y, x, used, strdup(url)};
	if (item->url)
		l->n++;  /* the list owns it now */
	return used;
}

void draw_links_clear(draw_links *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].url);
	l->n = 0;
}
