/* json.c: a strict RFC 8259 parser that builds a tree of values, each with
 * the line and column where it starts, from json_lex.c's tokens; it can hand
 * the root object's arrays over an element at a time (json_stream). */
#include "json_priv.h"

#include "yeonpyo/idset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

/* RFC 8259 section 9 lets a parser limit nesting. No event comes close to 64
 * levels, and the bound keeps the recursion below safe under a fuzzer. */
#define JSON_MAX_DEPTH 64

/* Up to this many members, duplicate keys are found by scanning the members
 * read so far; larger objects switch to a hash set so they stay linear. */
#define JSON_LINEAR_KEYS 16

typedef struct {
	json_lexer lex;
	const json_stream *stream;  /* NULL: every value stays in the tree */
	const json_value *root;     /* the tree being built, for the stream */
	const char *member;         /* key of the root member being read */
} json_parser;

static bool json_parse_value(json_parser *p, unsigned depth, json_value **out);

/* Makes room for one more element in an array of elem-sized items holding
 * len of *cap; returns the array, or NULL with the error set. Doubling keeps
 * a long array linear. */
static void *json_grow(json_lexer *lx, void *items, size_t *cap, size_t len,
		size_t elem)
{
	if (len < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 4;
	if (ncap > SIZE_MAX / elem) {
		json_lex_fail_oom(lx);
		return NULL;
	}
	void *grown = realloc(items, ncap * elem);
	if (!grown) {
		json_lex_fail_oom(lx);
		return NULL;
	}
	*cap = ncap;
	return grown;
}

/* Parses one element of a streamed array and hands it over. */
static bool json_stream_element(json_parser *p, unsigned depth, size_t index)
{
	json_lexer *lx = &p->lex;
	size_t offset = lx->pos;
	json_value *item;
	if (!json_parse_value(p, depth, &item))
		return false;
	if (p->stream->element(p->stream->ctx, p->root, p->member, index, item,
			       offset))
		return true;
	return json_lex_fail_at(lx, offset, "stopped by the reader");
}

static bool json_parse_array(json_parser *p, unsigned depth, json_value *v)
{
	json_lexer *lx = &p->lex;
	size_t cap = 0, index = 0;
	/* depth 2 is an array that is a member of the root object */
	bool streamed = p->stream && p->member && depth == 2;
	lx->pos++;
	json_lex_skip_ws(lx);
	if (json_lex_peek(lx) == ']') {
		lx->pos++;
		return true;
	}
	for (;;) {
		if (streamed) {
			if (!json_stream_element(p, depth, index++))
				return false;
		} else {
			json_value **items = json_grow(lx, v->u.array.items, &cap,
					v->u.array.len, sizeof(json_value *));
			if (!items)
				return false;
			v->u.array.items = items;
			if (!json_parse_value(p, depth, &items[v->u.array.len]))
				return false;
			v->u.array.len++;
		}
		json_lex_skip_ws(lx);
		int c = json_lex_peek(lx);
		if (c == ']') {
			lx->pos++;
			return true;
		}
		if (c != ',')
			return json_lex_fail_found(lx,
					"expected ',' or ']' after array element");
		json_mark comma = json_lex_mark(lx, lx->pos++);
		json_lex_skip_ws(lx);
		if (json_lex_peek(lx) == ']')
			return json_lex_fail_mark(lx, comma,
					"trailing comma before ']'");
	}
}

/* Whether the key of member idx (not yet counted in len) repeats an earlier
 * one: 1 yes, 0 no, -1 out of memory. Small objects are scanned; larger
 * ones index their keys (the key strings never move, only the array). */
static int json_key_repeats(idset *ks, const json_member *members, size_t idx)
{
	if (idx < JSON_LINEAR_KEYS) {
		for (size_t i = 0; i < idx; i++)
			if (strcmp(members[i].key, members[idx].key) == 0)
				return 1;
		return 0;
	}
	for (size_t i = ks->len; i <= idx; i++) {
		size_t previous = 0;
		if (!idset_add(ks, members[i].key, i, &previous))
			return previous == (size_t)-1 ? -1 : 1;
	}
	return 0;
}

/* Quotes key for a message, escaped so that it reads as JSON and cut short
 * (at a character boundary) to fit cap. */
static void json_quote_for_message(const char *key, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)key;
	size_t w = 0, limit = cap - 5;  /* room for "...", the quote, NUL */
	out[w++] = '"';
	while (*s) {
		char piece[8];
		size_t n, used = 1;
		if (*s == '"' || *s == '\\' || *s < 0x20) {
			n = json_write_escape(*s, piece);
		} else {
			int32_t k = 0;  /* -1: the key ends at its NUL */
			U8_FWD_1(s, k, -1);
			used = (size_t)k;
			memcpy(piece, s, used);
			n = used;
		}
		if (w + n > limit) {
			memcpy(out + w, "...", 3);
			w += 3;
			break;
		}
		memcpy(out + w, piece, n);
		w += n;
		s += used;
	}
	out[w++] = '"';
	out[w] = '\0';
}

/* Reads one "key": value pair into v. The member is counted as soon as its
 * key is stored, so that json_free releases it if the value fails. */
static bool json_parse_member(json_parser *p, unsigned depth, json_value *v,
		size_t *cap, idset *keys)
{
	json_lexer *lx = &p->lex;
	if (json_lex_peek(lx) != '"')
		return json_lex_fail_found(lx, "expected '\"' to start object key");
	json_mark at = json_lex_mark(lx, lx->pos);
	json_member *members = json_grow(lx, v->u.object.members, cap,
			v->u.object.len, sizeof *members);
	if (!members)
		return false;
	v->u.object.members = members;
	json_member *m = &members[v->u.object.len];
	if (!json_lex_string(lx, &m->key))
		return false;
	m->value = NULL;
	int seen = json_key_repeats(keys, members, v->u.object.len);
	if (seen != 0) {
		char quoted[112];
		if (seen < 0) {
			free(m->key);
			return json_lex_fail_oom(lx);
		}
		json_quote_for_message(m->key, quoted, sizeof quoted);
		free(m->key);
		return json_lex_fail_mark(lx, at, "duplicate key %s", quoted);
	}
	v->u.object.len++;
	json_lex_skip_ws(lx);
	if (json_lex_peek(lx) != ':')
		return json_lex_fail_found(lx, "expected ':' after object key");
	lx->pos++;
	json_lex_skip_ws(lx);
	if (depth != 1)
		return json_parse_value(p, depth, &m->value);
	p->member = m->key;  /* a member of the root: its arrays may stream */
	bool ok = json_parse_value(p, depth, &m->value);
	p->member = NULL;
	return ok;
}

static bool json_parse_members(json_parser *p, unsigned depth, json_value *v,
		idset *keys)
{
	json_lexer *lx = &p->lex;
	size_t cap = 0;
	lx->pos++;
	json_lex_skip_ws(lx);
	if (json_lex_peek(lx) == '}') {
		lx->pos++;
		return true;
	}
	for (;;) {
		if (!json_parse_member(p, depth, v, &cap, keys))
			return false;
		json_lex_skip_ws(lx);
		int c = json_lex_peek(lx);
		if (c == '}') {
			lx->pos++;
			return true;
		}
		if (c != ',')
			return json_lex_fail_found(lx,
					"expected ',' or '}' after object member");
		json_mark comma = json_lex_mark(lx, lx->pos++);
		json_lex_skip_ws(lx);
		if (json_lex_peek(lx) == '}')
			return json_lex_fail_mark(lx, comma,
					"trailing comma before '}'");
	}
}

static bool json_parse_object(json_parser *p, unsigned depth, json_value *v)
{
	idset keys = IDSET_INIT;
	bool ok = json_parse_members(p, depth, v, &keys);
	idset_free(&keys);
	return ok;
}

/* depth counts the containers around this value. */
static bool json_parse_value(json_parser *p, unsigned depth, json_value **out)
{
	json_lexer *lx = &p->lex;
	*out = NULL;
	if (lx->pos >= lx->len)
		return json_lex_fail_at(lx, lx->pos, "unexpected end of input");
	bool known;
	json_type type = json_lex_type(lx, &known);
	if (!known)
		return json_lex_fail_value_start(lx);
	bool container = type == JSON_OBJECT || type == JSON_ARRAY;
	if (container && depth >= JSON_MAX_DEPTH)
		return json_lex_fail_at(lx, lx->pos, "nesting deeper than %d levels",
				JSON_MAX_DEPTH);
	json_value *v = calloc(1, sizeof *v);
	if (!v)
		return json_lex_fail_oom(lx);
	json_mark here = json_lex_mark(lx, lx->pos);
	v->type = type;
	if (depth == 0)
		p->root = v;
	v->line = json_lex_mark_line(lx, &here);
	v->col = json_lex_mark_col(&here);
	bool ok;
	switch (type) {
	case JSON_OBJECT: ok = json_parse_object(p, depth + 1, v); break;
	case JSON_ARRAY: ok = json_parse_array(p, depth + 1, v); break;
	case JSON_STRING: ok = json_lex_string(lx, &v->u.string); break;
	case JSON_NUMBER: ok = json_lex_number(lx, &v->u.number); break;
	default: ok = json_lex_literal(lx, type); break;
	}
	if (!ok) {
		json_free(v);
		return false;
	}
	*out = v;
	return true;
}

bool json_parse(const char *buf, size_t len, unsigned line_base,
		size_t *consumed, json_value **out, json_error *err)
{
	return json_parse_stream(buf, len, line_base, NULL, consumed, out, err);
}

bool json_parse_stream(const char *buf, size_t len, unsigned line_base,
		const json_stream *stream, size_t *consumed, json_value **out,
		json_error *err)
{
	json_error scratch;
	json_parser p = {{(const unsigned char *)buf, len, 0, 0, 0, line_base,
		err ? err : &scratch}, stream, NULL, NULL};
	json_lexer *lx = &p.lex;
	memset(lx->err, 0, sizeof *lx->err);
	*out = NULL;
	if (consumed)
		*consumed = 0;
	/* RFC 8259 section 8.1: a BOM must not be added; and a BOM hidden in
	 * one NDJSON line is more likely damage than intent. */
	if (json_lex_starts_with(lx, 0, "\xEF\xBB\xBF"))
		return json_lex_fail_at(lx, 0, "byte order mark is not allowed");
	json_lex_skip_ws(lx);
	json_value *v;
	if (!json_parse_value(&p, 0, &v))
		return false;
	json_lex_skip_ws(lx);
	*out = v;
	if (consumed)
		*consumed = lx->pos;
	return true;
}

void json_free(json_value *v)
{
	if (!v)
		return;
	switch (v->type) {
	case JSON_NUMBER:
		free(v->u.number);
		break;
	case JSON_STRING:
		free(v->u.string);
		break;
	case JSON_ARRAY:
		for (size_t i = 0; i < v->u.array.len; i++)
			json_free(v->u.array.items[i]);
		free(v->u.array.items);
		break;
	case JSON_OBJECT:
		for (size_t i = 0; i < v->u.object.len; i++) {
			free(v->u.object.members[i].key);
			json_free(v->u.object.members[i].value);
		}
		free(v->u.object.members);
		break;
	default:
		break;
	}
	free(v);
}

const json_value *json_get(const json_value *v, const char *key)
{
	if (!v || !key || v->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < v->u.object.len; i++)
		if (strcmp(v->u.object.members[i].key, key) == 0)
			return v->u.object.members[i].value;
	return NULL;
}

const char *json_type_name(json_type t)
{
	switch (t) {
	case JSON_NULL: return "null";
	case JSON_FALSE:
	case JSON_TRUE: return "boolean";
	case JSON_NUMBER: return "number";
	case JSON_STRING: return "string";
	case JSON_ARRAY: return "array";
	case JSON_OBJECT: return "object";
	}
	return "unknown";
}
