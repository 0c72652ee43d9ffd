/* osc.c: hyperlinks and the clipboard, written beside curses' output. */
#include "osc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>
#include <wchar.h>

void osc_write(const strbuf *sb)
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

/* Appends url with every byte that is not printable ASCII (and so could
 * end the sequence early, or is not a URI's) percent-encoded. */
static void osc_uri(strbuf *out, const char *url)
{
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p > 0x20 && *p < 0x7f)
			strbuf_putc(out, (char)*p);
		else
			strbuf_printf(out, "%%%02X", *p);
	}
}

static void put_cap(strbuf *out, const char *name)
{
	const char *cap = tigetstr(name);
	if (cap && cap != (const char *)-1)
		strbuf_puts(out, cap);
}

/* The attributes of a cell, from nothing (the saved ones come back with
 * the cursor afterwards). */
static void put_attributes(strbuf *out, attr_t attrs, short pair)
{
	put_cap(out, "sgr0");
	if (attrs & A_BOLD)
		put_cap(out, "bold");
	if (attrs & A_UNDERLINE)
		put_cap(out, "smul");
	if (attrs & (A_REVERSE | A_STANDOUT))
		put_cap(out, "rev");
	short fg = -1, bg = -1;
	if (pair > 0 && pair_content(pair, &fg, &bg) == OK) {
		const char *setaf = tigetstr("setaf");
		const char *setab = tigetstr("setab");
		if (fg >= 0 && setaf && setaf != (const char *)-1)
			strbuf_puts(out, tiparm(setaf, fg));
		if (bg >= 0 && setab && setab != (const char *)-1)
			strbuf_puts(out, tiparm(setab, bg));
	}
}

/* The characters of width cells of row y from x, as the locale writes
 * them; a wide character's second cell is skipped. */
static void put_cells(strbuf *out, WINDOW *win, int y, int x, int width)
{
	for (int col = x; col < x + width;) {
		cchar_t cell;
		wchar_t wch[CCHARW_MAX + 1] = {0};
		attr_t attrs;
		short pair;
		if (mvwin_wch(win, y, col, &cell) == ERR ||
		    getcchar(&cell, wch, &attrs, &pair, NULL) == ERR)
			break;
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		for (size_t i = 0; i < CCHARW_MAX && wch[i]; i++) {
			char mb[MB_LEN_MAX];
			size_t n = wcrtomb(mb, wch[i], &st);
			if (n != (size_t)-1)
				strbuf_append(out, mb, n);
		}
		int w = wcwidth(wch[0]);
		col += w > 0 ? w : 1;
	}
}

void osc_links(strbuf *out, WINDOW *win, const draw_links *links)
{
	if (!links || !links->n)
		return;
	int cy, cx;  /* reading cells moves the window's cursor: put it back */
	getyx(win, cy, cx);
	strbuf_puts(out, "\0337");  /* DECSC: cursor, attributes, charset */
	for (size_t i = 0; i < links->n; i++) {
		const draw_link *l = &links->items[i];
		cchar_t first;
		attr_t attrs = A_NORMAL;
		short pair = 0;
		if (mvwin_wch(win, l->y, l->x, &first) == OK) {
			wchar_t wch[CCHARW_MAX + 1];
			getcchar(&first, wch, &attrs, &pair, NULL);
		}
		strbuf_printf(out, "\033[%d;%dH", l->y + 1, l->x + 1);
		put_attributes(out, attrs, pair);
		strbuf_puts(out, "\033]8;;");
		osc_uri(out, l->url);
		strbuf_puts(out, "\033\\");
		put_cells(out, win, l->y, l->x, l->width);
		strbuf_puts(out, "\033]8;;\033\\");
	}
	strbuf_puts(out, "\0338");  /* DECRC */
	wmove(win, cy, cx);
}

static void put_base64(strbuf *out, const unsigned char *s, size_t n)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		char quad[4] = {digits[v >> 18 & 63], digits[v >> 12 & 63],
				digits[v >> 6 & 63], digits[v & 63]};
		if (i + 1 >= n)
			quad[2] = '=';
		if (i + 2 >= n)
			quad[3] = '=';
		strbuf_append(out, quad, 4);
	}
}

void osc_clipboard(strbuf *out, const char *text)
{
	strbuf_puts(out, "\033]52;c;");
	put_base64(out, (const unsigned char *)text, strlen(text));
	strbuf_puts(out, "\a");
}

bool osc_links_wanted(const char *term, bool utf8)
{
	static const char *const plain[] = {"linux", "vt", "dumb", "cons",
					    "ansi", "sun", "emacs", "eterm"};
	if (!utf8 || !term || !*term)
		return false;
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++)
		if (strncmp(term, plain[i], strlen(plain[i])) == 0)
			return false;
	return true;
}
