/* decode_report.c: the one line a decoding problem gets: the file, where
 * in it (an NDJSON line, or a document's line and column), the JSON path
 * and what is wrong, kept in the diag so that one run shows them all. */
#include "yeonpyo/decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "yeonpyo/strbuf.h"

const char *decode_file_name(const char *file)
{
	return strcmp(file, "-") == 0 ? "<stdin>" : file;
}

/* NDJSON names the line, where the record is; a document, where it may
 * run over many lines, the line and column of the value (or the file
 * alone if that is not known). */
__attribute__((format(printf, 4, 0)))
static void decode_vreport(decode_ctx *c, const decode_pos *at,
			   const char *path, const char *fmt, va_list ap)
{
	char msg[768];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	const char *file = decode_file_name(c->file);
	if (c->line)
		diag_add(c->d, "%s:%u: %s: %s", file, c->line, path, msg);
	else if (at && at->line)
		diag_add(c->d, "%s:%u:%u: %s: %s", file, at->line, at->col, path,
			 msg);
	else
		diag_add(c->d, "%s: %s: %s", file, path, msg);
}

decode_pos decode_pos_of(const json_value *v)
{
	decode_pos at = {0, 0};
	if (v) {
		at.line = v->line;
		at.col = v->col;
	}
	return at;
}

void decode_report(decode_ctx *c, const json_value *at, const char *path,
		   const char *fmt, ...)
{
	decode_pos pos = decode_pos_of(at);
	va_list ap;
	va_start(ap, fmt);
	decode_vreport(c, &pos, path, fmt, ap);
	va_end(ap);
}

void decode_report_at(decode_ctx *c, const decode_pos *at, const char *path,
		      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	decode_vreport(c, at, path, fmt, ap);
	va_end(ap);
}

void decode_report_syntax(decode_ctx *c, const json_error *je,
			  const char *buf, size_t base)
{
	strbuf path = STRBUF_INIT;
	json_path_at(buf, je->offset, &path);
	diag_add(c->d, "%s:%u:%u: %s: invalid JSON: %s (byte %zu)",
		 decode_file_name(c->file), je->line, je->col, strbuf_str(&path),
		 je->message, base + je->offset);
	strbuf_free(&path);
}

void decode_report_after(decode_ctx *c, const char *buf, size_t offset,
			 unsigned line_base, const char *what)
{
	unsigned line = line_base, col = 1;
	for (size_t i = 0; i < offset; i++) {
		if (buf[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	diag_add(c->d, "%s:%u:%u: invalid JSON: %s", decode_file_name(c->file),
		 line, col, what);
}
