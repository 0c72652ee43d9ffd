/* json.h: a strict JSON (RFC 8259) reader that keeps each value's position,
 * and the escaping needed to write JSON text. Used by import, export and show. */
#ifndef YEONPYO_JSON_H
#define YEONPYO_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/strbuf.h"

typedef enum {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
} json_type;

typedef struct json_value json_value;

typedef struct {
	char *key;          /* NUL-terminated UTF-8, never contains NUL */
	json_value *value;
} json_member;

struct json_value {
	json_type type;
	unsigned line;      /* 1-based line of the value's first byte */
	unsigned col;       /* 1-based column, counted in bytes */
	union {
		char *number;   /* JSON_NUMBER: the literal text, e.g. "-1.5e3" */
		char *string;   /* JSON_STRING: decoded UTF-8, NUL-terminated */
		struct {
			json_value **items;
			size_t len;
		} array;
		struct {
			json_member *members; /* in document order */
			size_t len;
		} object;
	} u;
};

typedef struct {
	size_t offset;      /* byte offset of the problem */
	unsigned line;      /* 1-based */
	unsigned col;       /* 1-based, in bytes */
	char message[160];  /* e.g. "expected ',' or '}' after object member" */
} json_error;

/* Parses one JSON value from buf[0..len), skipping white space before it.
 * Stops right after the value (trailing white space is skipped too) and stores
 * in *consumed the number of bytes used, so that NDJSON can be read value by
 * value; a caller that wants exactly one document checks *consumed == len.
 * Rejects invalid UTF-8 anywhere, "\u0000", lone surrogates, control
 * characters inside strings, duplicate object keys, and nesting deeper than
 * 64. On success returns true and *out owns a tree to free with json_free().
 * On failure returns false, *out is NULL and err says where and why.
 * line_base is added to reported line numbers minus one (pass 1 normally),
 * so a caller parsing line N of a file can get positions in file terms. */
bool json_parse(const char *buf, size_t len, unsigned line_base,
		size_t *consumed, json_value **out, json_error *err);

/* A reader of a large document that takes the elements of the arrays that
 * are members of the root object one at a time, so that the tree never holds
 * them all. element owns item (free it with json_free) and gets root as
 * parsed so far (the members before this one), the member's key, the
 * element's index and its byte offset; it returns false to stop parsing. */
typedef struct {
	bool (*element)(void *ctx, const json_value *root, const char *key,
			size_t index, json_value *item, size_t offset);
	void *ctx;
} json_stream;

/* json_parse, with the root object's array members passed to stream (they
 * are left empty in the tree) when stream is not NULL. A stop by the
 * element callback fails with the message "stopped by the reader". */
bool json_parse_stream(const char *buf, size_t len, unsigned line_base,
		const json_stream *stream, size_t *consumed, json_value **out,
		json_error *err);

/* Frees a tree from json_parse; NULL is allowed. */
void json_free(json_value *v);

/* The member named key of an object, or NULL (also when v is not an object). */
const json_value *json_get(const json_value *v, const char *key);

/* Appends s as a JSON string literal (with quotes) to sb: escapes '"', '\\'
 * and control characters (\n, \t, \r, \b, \f, else \u00XX); other UTF-8
 * is copied as is. Returns false only when memory runs out. */
bool json_write_string(strbuf *sb, const char *s);

/* Appends the JSON path of the byte at offset in buf ("$.events[3].date"),
 * found by scanning buf[0..offset) even when the document breaks there. */
void json_path_at(const char *buf, size_t offset, strbuf *out);

/* The name of a type for messages: "object", "array", "string", ... */
const char *json_type_name(json_type t);

#endif
