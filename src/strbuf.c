/* strbuf.c: growable string buffer; see strbuf.h. A failed allocation is
 * sticky so that callers can append freely and check once at the end. */
#include "yeonpyo/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool strbuf_reserve(strbuf *sb, size_t extra)
{
	if (sb->failed)
		return false;
	if (extra > (size_t)-1 / 2 - sb->len) {
		sb->failed = true;
		return false;
	}
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return true;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(sb->data, cap);
	if (!p) {
		sb->failed = true;
		return false;
	}
	sb->data = p;
	sb->cap = cap;
	return true;
}

bool strbuf_append(strbuf *sb, const char *s, size_t n)
{
	if (!strbuf_reserve(sb, n))
		return false;
	if (n)
		memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
	return true;
}

bool strbuf_puts(strbuf *sb, const char *s)
{
	return strbuf_append(sb, s, strlen(s));
}

bool strbuf_putc(strbuf *sb, char c)
{
	return strbuf_append(sb, &c, 1);
}

bool strbuf_printf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !strbuf_reserve(sb, (size_t)n)) {
		sb->failed = true;
		return false;
	}
	va_start(ap, fmt);
	vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
	return true;
}

char *strbuf_take(strbuf *sb)
{
	if (sb->failed) {
		strbuf_free(sb);
		return NULL;
	}
	if (!sb->data)  /* nothing appended: an empty string */
		return calloc(1, 1);
	char *p = sb->data;
	sb->data = NULL;
	sb->len = sb->cap = 0;
	return p;
}

const char *strbuf_str(const strbuf *sb)
{
	return sb->data ? sb->data : "";
}

void strbuf_reset(strbuf *sb)
{
	sb->len = 0;
	if (sb->data)
		sb->data[0] = '\0';
}

void strbuf_free(strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
	sb->failed = false;
}
