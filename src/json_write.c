/* json_write.c: JSON text out: string literals with the escapes RFC 8259
 * requires, and nothing more, so that Hangul stays readable in exports. */
#include "json_priv.h"

#include <stdio.h>
#include <string.h>

size_t json_write_escape(unsigned char c, char *out)
{
	const char *two = NULL;
	switch (c) {
	case '"': two = "\\\""; break;
	case '\\': two = "\\\\"; break;
	case '\n': two = "\\n"; break;
	case '\t': two = "\\t"; break;
	case '\r': two = "\\r"; break;
	case '\b': two = "\\b"; break;
	case '\f': two = "\\f"; break;
	default: break;
	}
	if (two) {
		memcpy(out, two, 3);
		return 2;
	}
	return (size_t)snprintf(out, 7, "\\u%04x", c);
}

/* Copies runs of plain bytes in one append each; strbuf's sticky failure
 * lets the final append report any earlier one. */
bool json_write_string(strbuf *sb, const char *s)
{
	strbuf_putc(sb, '"');
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		char esc[8];
		strbuf_append(sb, run, (size_t)(s - run));
		strbuf_append(sb, esc, json_write_escape(c, esc));
		run = s + 1;
	}
	strbuf_append(sb, run, (size_t)(s - run));
	return strbuf_putc(sb, '"');
}
