/* prompt.c: the line editor of the search prompt. */
#include "prompt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "yeonpyo/text.h"

void prompt_init(prompt *p)
{
	p->text = (strbuf)STRBUF_INIT;
	p->cursor = 0;
}

void prompt_free(prompt *p)
{
	strbuf_free(&p->text);
	p->cursor = 0;
}

const char *prompt_text(const prompt *p)
{
	return strbuf_str(&p->text);
}

void prompt_set(prompt *p, const char *text)
{
	strbuf_reset(&p->text);
	strbuf_puts(&p->text, text);
	p->cursor = p->text.len;
}

bool prompt_insert(prompt *p, unsigned long ch)
{
	if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || ch > 0x10FFFF)
		return false;
	uint8_t utf8[U8_MAX_LENGTH];
	int32_t n = 0;
	UBool bad = false;
	U8_APPEND(utf8, n, U8_MAX_LENGTH, (uint32_t)ch, bad);
	if (bad)
		return false;  /* a surrogate: no character of its own */
	strbuf tail = STRBUF_INIT;
	strbuf_puts(&tail, strbuf_str(&p->text) + p->cursor);
	p->text.len = p->cursor;
	strbuf_append(&p->text, (const char *)utf8, (size_t)n);
	strbuf_puts(&p->text, strbuf_str(&tail));
	strbuf_free(&tail);
	p->cursor += (size_t)n;
	return true;
}

/* Cluster boundaries around the cursor. */
typedef struct {
	const char *base;
	size_t cursor;
	size_t before;   /* the last boundary before the cursor */
	size_t after;    /* the first boundary after it */
} around;

static bool find_boundaries(const text_cluster *cl, void *ctx)
{
	around *a = ctx;
	size_t start = (size_t)(cl->bytes - a->base);
	size_t end = start + cl->len;
	if (end <= a->cursor)
		a->before = start;
	if (start >= a->cursor && a->after == (size_t)-1) {
		a->after = end;
		return false;
	}
	return true;
}

static around boundaries(const prompt *p)
{
	around a = {strbuf_str(&p->text), p->cursor, 0, (size_t)-1};
	text_each_cluster(a.base, p->text.len, find_boundaries, &a);
	if (a.after == (size_t)-1)
		a.after = p->text.len;
	return a;
}

void prompt_backspace(prompt *p)
{
	if (p->cursor == 0)
		return;
	around a = boundaries(p);
	char *s = p->text.data;
	memmove(s + a.before, s + p->cursor, p->text.len - p->cursor + 1);
	p->text.len -= p->cursor - a.before;
	p->cursor = a.before;
}

void prompt_left(prompt *p)
{
	if (p->cursor > 0)
		p->cursor = boundaries(p).before;
}

void prompt_right(prompt *p)
{
	if (p->cursor < p->text.len)
		p->cursor = boundaries(p).after;
}

void prompt_home(prompt *p)
{
	p->cursor = 0;
}

void prompt_end(prompt *p)
{
	p->cursor = p->text.len;
}

bool prompt_break(prompt *p)
{
	strbuf tail = STRBUF_INIT;
	strbuf_puts(&tail, strbuf_str(&p->text) + p->cursor);
	p->text.len = p->cursor;
	strbuf_putc(&p->text, '\n');
	strbuf_puts(&p->text, strbuf_str(&tail));
	strbuf_free(&tail);
	p->cursor++;
	return !p->text.failed;
}

/* The start of the line holding byte at, and the end (its '\n', or the
 * end of the text). */
static size_t line_start(const prompt *p, size_t at)
{
	const char *s = strbuf_str(&p->text);
	while (at > 0 && s[at - 1] != '\n')
		at--;
	return at;
}

static size_t line_end(const prompt *p, size_t at)
{
	const char *s = strbuf_str(&p->text);
	while (at < p->text.len && s[at] != '\n')
		at++;
	return at;
}

void prompt_line_home(prompt *p)
{
	p->cursor = line_start(p, p->cursor);
}

void prompt_line_end(prompt *p)
{
	p->cursor = line_end(p, p->cursor);
}

void prompt_vertical(prompt *p, int dir)
{
	const char *s = strbuf_str(&p->text);
	size_t start = line_start(p, p->cursor);
	int col = text_width_n(s + start, p->cursor - start);
	size_t from;
	if (dir < 0 && start > 0)
		from = line_start(p, start - 1);
	else if (dir > 0 && line_end(p, p->cursor) < p->text.len)
		from = line_end(p, p->cursor) + 1;
	else
		return;
	/* the same column, or the line's end when it is shorter */
	p->cursor = from + text_prefix(s + from, line_end(p, from) - from, col,
				       NULL);
}

int prompt_draw(const prompt *p, const canvas *c, int y, int x, int width,
		const char *label)
{
	const char *text = strbuf_str(&p->text);
	int lw = draw_text(c, y, x, width, label, STYLE_STATUSBAR, false);
	int room = width - lw - 1;
	/* keep the cursor in view: drop whole clusters from the left */
	size_t from = 0;
	while (from < p->cursor &&
	       text_width_n(text + from, p->cursor - from) > room) {
		size_t n = text_prefix(text + from, p->cursor - from, 2, NULL);
		from += n ? n : 1;
	}
	draw_text(c, y, x + lw, width - lw, text + from, STYLE_STATUSBAR, true);
	return x + lw + text_width_n(text + from, p->cursor - from);
}
