/* json.c: a strict RFC 8259 reader that records where every value starts, and
 * the string escaping used when writing JSON; see json.h. */
#include "yeonpyo/json.h"
#include "yeonpyo/idset.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 8259 section 9 lets a parser limit nesting. No event comes close to 64
 * levels, and the bound keeps the recursion below safe under a fuzzer. */
#define JSON_MAX_DEPTH 64

/* Up to this many members, duplicate keys are found by scanning the members
 * read so far; larger objects switch to a hash set so they stay linear. */
#define JSON_LINEAR_KEYS 16

typedef struct {
	const unsigned char *buf;
	size_t len;
	size_t pos;
	size_t line;        /* 0-based index of the line holding pos */
	size_t line_start;  /* offset of that line's first byte */
	unsigned line_base;
	json_error *err;
	const json_stream *stream;  /* NULL: every value stays in the tree */
	const json_value *root;     /* the tree being built, for the stream */
	const char *member;         /* key of the root member being read */
} json_parser;

/* A position remembered for later, because a trailing comma is only known to
 * be an error once the next token is seen, possibly lines further on. */
typedef struct {
	size_t offset;
	size_t line;
	size_t line_start;
} json_mark;

static bool json_parse_value(json_parser *p, unsigned depth, json_value **out);

static unsigned json_clamp(size_t n)
{
	return n > UINT_MAX ? UINT_MAX : (unsigned)n;
}

static json_mark json_mark_at(const json_parser *p, size_t offset)
{
	json_mark m = {offset, p->line, p->line_start};
	return m;
}

static unsigned json_mark_line(const json_parser *p, const json_mark *m)
{
	return json_clamp((size_t)p->line_base + m->line);
}

static unsigned json_mark_col(const json_mark *m)
{
	return json_clamp(m->offset - m->line_start + 1);
}

__attribute__((format(printf, 3, 0)))
static bool json_vfail(json_parser *p, json_mark m, const char *fmt, va_list ap)
{
	json_error *e = p->err;
	e->offset = m.offset;
	e->line = json_mark_line(p, &m);
	e->col = json_mark_col(&m);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	return false;
}

/* Records an error at a remembered position; always returns false. */
__attribute__((format(printf, 3, 4)))
static bool json_fail_mark(json_parser *p, json_mark m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	json_vfail(p, m, fmt, ap);
	va_end(ap);
	return false;
}

/* Records an error at offset, which must lie on the current line. */
__attribute__((format(printf, 3, 4)))
static bool json_fail_at(json_parser *p, size_t offset, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	json_vfail(p, json_mark_at(p, offset), fmt, ap);
	va_end(ap);
	return false;
}

static bool json_fail_oom(json_parser *p)
{
	return json_fail_at(p, p->pos, "out of memory");
}

/* Always returns 0, the "no sequence" length, so callers can return it. */
static size_t json_utf8_fail(json_parser *p, size_t i, const char *why)
{
	if (why)
		json_fail_at(p, i, "invalid UTF-8 byte 0x%02x (%s)", p->buf[i], why);
	else
		json_fail_at(p, i, "invalid UTF-8 byte 0x%02x", p->buf[i]);
	return 0;
}

/* Length of the well-formed UTF-8 sequence at buf[i], or 0 with the error
 * set on its first byte. The byte ranges are those of Unicode table 3-7,
 * which exclude overlong forms, surrogates and code points past U+10FFFF. */
static size_t json_utf8_check(json_parser *p, size_t i)
{
	const unsigned char *s = p->buf + i;
	size_t avail = p->len - i;
	unsigned char lo = 0x80, hi = 0xBF;
	const char *why = NULL;

	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC0)
		return json_utf8_fail(p, i, "unexpected continuation byte");
	if (s[0] < 0xC2)
		return json_utf8_fail(p, i, "overlong encoding");
	if (s[0] > 0xF4)
		return json_utf8_fail(p, i, NULL);
	switch (s[0]) {
	case 0xE0: lo = 0xA0; why = "overlong encoding"; break;
	case 0xED: hi = 0x9F; why = "encoded surrogate"; break;
	case 0xF0: lo = 0x90; why = "overlong encoding"; break;
	case 0xF4: hi = 0x8F; why = "beyond U+10FFFF"; break;
	default: break;
	}
	size_t n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	for (size_t k = 1; k < n; k++) {
		if (k >= avail || (s[k] & 0xC0) != 0x80)
			return json_utf8_fail(p, i, "truncated sequence");
		if (k == 1 && (s[1] < lo || s[1] > hi))
			return json_utf8_fail(p, i, why);
	}
	return n;
}

/* The code point of a sequence json_utf8_check accepted. */
static uint32_t json_utf8_decode(const unsigned char *s, size_t n)
{
	static const unsigned char lead_bits[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	uint32_t cp = s[0] & lead_bits[n];
	for (size_t k = 1; k < n; k++)
		cp = cp << 6 | (s[k] & 0x3Fu);
	return cp;
}

static size_t json_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* How messages show the n-byte well-formed character at buf[i]: 'x' for
 * printable ASCII, U+XXXX for anything a terminal might not show plainly. */
static void json_char_name(const json_parser *p, size_t i, size_t n,
		char *out, size_t cap)
{
	unsigned char c = p->buf[i];
	if (c > 0x20 && c < 0x7F)
		snprintf(out, cap, "'%c'", c);
	else
		snprintf(out, cap, "U+%04X", (unsigned)json_utf8_decode(p->buf + i, n));
}

/* Fails with msg about the byte at i, unless that byte starts ill-formed
 * UTF-8: then the encoding is the real problem and is what gets reported. */
static bool json_fail_byte(json_parser *p, size_t i, const char *msg)
{
	if (i < p->len && p->buf[i] >= 0x80 && json_utf8_check(p, i) == 0)
		return false;
	return json_fail_at(p, i, "%s", msg);
}

/* Fails with msg about the byte at pos, or about the input having ended. */
static bool json_fail_found(json_parser *p, const char *msg)
{
	if (p->pos >= p->len)
		return json_fail_at(p, p->pos, "unexpected end of input");
	return json_fail_byte(p, p->pos, msg);
}

static int json_peek(const json_parser *p)
{
	return p->pos < p->len ? p->buf[p->pos] : -1;
}

static bool json_starts_with(const json_parser *p, size_t i, const char *word)
{
	size_t n = strlen(word);
	return i <= p->len && p->len - i >= n && memcmp(p->buf + i, word, n) == 0;
}

/* Skips the four white space bytes of RFC 8259, counting lines at LF so
 * that CRLF and LF files number lines alike. */
static void json_skip_ws(json_parser *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->buf[p->pos];
		if (c == '\n') {
			p->line++;
			p->line_start = p->pos + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		p->pos++;
	}
}

/* Explains a byte that cannot start a value, naming the usual mistakes
 * (trailing or doubled commas, single quotes, JavaScript numbers). */
static bool json_fail_value_start(json_parser *p)
{
	unsigned char c = p->buf[p->pos];
	switch (c) {
	case ']': case '}': case ',': case ':':
		return json_fail_at(p, p->pos, "expected a value before '%c'", c);
	case '+': case '.':
		return json_fail_at(p, p->pos, "a number must not start with '%c'", c);
	case '\'':
		return json_fail_at(p, p->pos, "strings must use double quotes");
	default:
		break;
	}
	if (json_starts_with(p, p->pos, "NaN") ||
			json_starts_with(p, p->pos, "Infinity"))
		return json_fail_at(p, p->pos,
				"NaN and Infinity are not valid JSON numbers");
	size_t n = json_utf8_check(p, p->pos);
	if (n == 0)
		return false;
	char name[16];
	json_char_name(p, p->pos, n, name, sizeof name);
	return json_fail_at(p, p->pos, "unexpected character %s", name);
}

static bool json_parse_literal(json_parser *p, json_type type)
{
	const char *word = type == JSON_TRUE ? "true"
		: type == JSON_FALSE ? "false" : "null";
	size_t i = p->pos;
	for (const char *w = word; *w; w++, i++) {
		if (i >= p->len)
			return json_fail_at(p, i, "unexpected end of input");
		if (p->buf[i] != (unsigned char)*w) {
			char msg[48];
			snprintf(msg, sizeof msg, "invalid literal, expected '%s'", word);
			return json_fail_byte(p, i, msg);
		}
	}
	p->pos = i;
	return true;
}

static bool json_is_digit(const json_parser *p, size_t i)
{
	return i < p->len && p->buf[i] >= '0' && p->buf[i] <= '9';
}

static size_t json_skip_digits(const json_parser *p, size_t i)
{
	while (json_is_digit(p, i))
		i++;
	return i;
}

/* Finds in *end where the number starting at pos ends, following the
 * RFC 8259 grammar exactly. */
static bool json_number_end(json_parser *p, size_t *end)
{
	size_t i = p->pos;
	if (p->buf[i] == '-') {
		i++;
		if (json_starts_with(p, i, "Infinity"))
			return json_fail_at(p, p->pos,
					"NaN and Infinity are not valid JSON numbers");
		if (!json_is_digit(p, i))
			return json_fail_byte(p, i, "expected digit after '-'");
	}
	if (p->buf[i] == '0') {
		if (json_is_digit(p, i + 1))
			return json_fail_at(p, i,
					"leading zeros are not allowed in numbers");
		i++;
	} else {
		i = json_skip_digits(p, i);
	}
	if (i < p->len && p->buf[i] == '.') {
		if (!json_is_digit(p, ++i))
			return json_fail_byte(p, i, "expected digit after '.' in number");
		i = json_skip_digits(p, i);
	}
	if (i < p->len && (p->buf[i] == 'e' || p->buf[i] == 'E')) {
		i++;
		if (i < p->len && (p->buf[i] == '+' || p->buf[i] == '-'))
			i++;
		if (!json_is_digit(p, i))
			return json_fail_byte(p, i, "expected digit in exponent");
		i = json_skip_digits(p, i);
	}
	*end = i;
	return true;
}

/* Keeps the literal text: callers decide whether they want an integer, a
 * double or the exact digits, and no precision is lost on the way. */
static bool json_parse_number(json_parser *p, json_value *v)
{
	size_t end = 0;
	if (!json_number_end(p, &end))
		return false;
	size_t n = end - p->pos;
	char *text = malloc(n + 1);
	if (!text)
		return json_fail_oom(p);
	memcpy(text, p->buf + p->pos, n);
	text[n] = '\0';
	v->u.number = text;
	p->pos = end;
	return true;
}

/* Reads the 4 hex digits after the "\u" whose backslash is at i: 1 when
 * read, 0 when the input ends first, -1 at a byte that is not hex. */
static int json_read_hex4(const json_parser *p, size_t i, uint32_t *out)
{
	uint32_t v = 0;
	for (size_t k = i + 2; k < i + 6; k++) {
		if (k >= p->len)
			return 0;
		unsigned char c = p->buf[k];
		uint32_t d;
		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 1;
}

static bool json_hex_escape(json_parser *p, size_t open, size_t i, uint32_t *out)
{
	int r = json_read_hex4(p, i, out);
	if (r == 0)
		return json_fail_at(p, open, "unterminated string");
	if (r < 0)
		return json_fail_at(p, i, "invalid \\u escape: expected 4 hex digits");
	return true;
}

/* Decodes the \u escape at *ip into s + *wp. UTF-16 surrogates only make
 * sense in pairs (RFC 8259 section 7); alone they cannot become UTF-8. */
static bool json_decode_unicode(json_parser *p, size_t open, size_t *ip,
		char *s, size_t *wp)
{
	const char *text = (const char *)p->buf;
	size_t i = *ip, next = i + 6;
	uint32_t cp, low;

	if (!json_hex_escape(p, open, i, &cp))
		return false;
	if (cp == 0)
		return json_fail_at(p, i, "NUL character (\\u0000) is not allowed");
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return json_fail_at(p, i, "lone surrogate %.6s", text + i);
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (!json_starts_with(p, next, "\\u"))
			return json_fail_at(p, i, "lone surrogate %.6s", text + i);
		if (!json_hex_escape(p, open, next, &low))
			return false;
		if (low < 0xDC00 || low > 0xDFFF)
			return json_fail_at(p, i, "mismatched surrogate pair %.12s",
					text + i);
		cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
		next += 6;
	}
	*wp += json_utf8_encode(cp, s + *wp);
	*ip = next;
	return true;
}

static bool json_fail_escape(json_parser *p, size_t i)
{
	unsigned char c = p->buf[i + 1];
	if (c > 0x20 && c < 0x7F)
		return json_fail_at(p, i, "invalid escape \\%c", c);
	size_t n = json_utf8_check(p, i + 1);
	if (n == 0)
		return false;
	char name[16];
	json_char_name(p, i + 1, n, name, sizeof name);
	return json_fail_at(p, i, "invalid escape: '\\' followed by %s", name);
}

/* Decodes the escape whose backslash is at *ip into s + *wp, advancing
 * both; open is the opening quote, where an unterminated string is shown. */
static bool json_decode_escape(json_parser *p, size_t open, size_t *ip,
		char *s, size_t *wp)
{
	size_t i = *ip;
	if (i + 1 >= p->len)
		return json_fail_at(p, open, "unterminated string");
	char c;
	switch (p->buf[i + 1]) {
	case '"': c = '"'; break;
	case '\\': c = '\\'; break;
	case '/': c = '/'; break;
	case 'b': c = '\b'; break;
	case 'f': c = '\f'; break;
	case 'n': c = '\n'; break;
	case 'r': c = '\r'; break;
	case 't': c = '\t'; break;
	case 'u': return json_decode_unicode(p, open, ip, s, wp);
	default: return json_fail_escape(p, i);
	}
	s[(*wp)++] = c;
	*ip = i + 2;
	return true;
}

/* Bytes from i up to where decoding must stop: the closing quote, a control
 * character or the end. Decoding never writes more than it reads (escapes
 * shrink, UTF-8 is copied), so this bounds the decoded length. */
static size_t json_string_bound(const json_parser *p, size_t i)
{
	size_t start = i;
	while (i < p->len) {
		unsigned char c = p->buf[i];
		if (c == '"' || c < 0x20)
			break;
		i += c == '\\' ? 2 : 1;
	}
	return (i < p->len ? i : p->len) - start;
}

/* The JSON escape for a byte that json_write_string must escape, into out
 * (at least 7 bytes); returns its length. */
static size_t json_escape_byte(unsigned char c, char *out)
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

static bool json_fail_control(json_parser *p, size_t i)
{
	unsigned char c = p->buf[i];
	char esc[8];
	esc[json_escape_byte(c, esc)] = '\0';
	return json_fail_at(p, i,
			"unescaped control character U+%04X in string (write it as %s)",
			c, esc);
}

/* A byte that a string copies without a second look. */
static bool json_is_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* Decodes the string whose opening quote is at pos into a new NUL-free
 * string, validating UTF-8 as it copies. */
static bool json_parse_string(json_parser *p, char **out)
{
	size_t open = p->pos, i = open + 1, w = 0;
	size_t cap = json_string_bound(p, i) + 1;
	char *s = malloc(cap);
	if (!s)
		return json_fail_oom(p);
	for (;;) {
		size_t run = i;
		while (run < p->len && json_is_plain(p->buf[run]))
			run++;
		memcpy(s + w, p->buf + i, run - i);
		w += run - i;
		i = run;
		if (i >= p->len) {
			json_fail_at(p, open, "unterminated string");
			break;
		}
		unsigned char c = p->buf[i];
		if (c == '"') {
			assert(w < cap);
			s[w] = '\0';
			p->pos = i + 1;
			*out = s;
			return true;
		}
		if (c == '\\') {
			if (!json_decode_escape(p, open, &i, s, &w))
				break;
			continue;
		}
		if (c < 0x20) {
			json_fail_control(p, i);
			break;
		}
		size_t n = json_utf8_check(p, i);
		if (n == 0)
			break;
		memcpy(s + w, p->buf + i, n);
		w += n;
		i += n;
	}
	free(s);
	return false;
}

/* Makes room for one more element in an array of elem-sized items holding
 * len of *cap; returns the array, or NULL with the error set. Doubling keeps
 * a long array linear. */
static void *json_grow(json_parser *p, void *items, size_t *cap, size_t len,
		size_t elem)
{
	if (len < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 4;
	if (ncap > SIZE_MAX / elem) {
		json_fail_oom(p);
		return NULL;
	}
	void *grown = realloc(items, ncap * elem);
	if (!grown) {
		json_fail_oom(p);
		return NULL;
	}
	*cap = ncap;
	return grown;
}

/* Parses one element of a streamed array and hands it over. */
static bool json_stream_element(json_parser *p, unsigned depth, size_t index)
{
	size_t offset = p->pos;
	json_value *item;
	if (!json_parse_value(p, depth, &item))
		return false;
	if (p->stream->element(p->stream->ctx, p->root, p->member, index, item,
			       offset))
		return true;
	return json_fail_at(p, offset, "stopped by the reader");
}

static bool json_parse_array(json_parser *p, unsigned depth, json_value *v)
{
	size_t cap = 0, index = 0;
	/* depth 2 is an array that is a member of the root object */
	bool streamed = p->stream && p->member && depth == 2;
	p->pos++;
	json_skip_ws(p);
	if (json_peek(p) == ']') {
		p->pos++;
		return true;
	}
	for (;;) {
		if (streamed) {
			if (!json_stream_element(p, depth, index++))
				return false;
		} else {
			json_value **items = json_grow(p, v->u.array.items, &cap,
					v->u.array.len, sizeof(json_value *));
			if (!items)
				return false;
			v->u.array.items = items;
			if (!json_parse_value(p, depth, &items[v->u.array.len]))
				return false;
			v->u.array.len++;
		}
		json_skip_ws(p);
		int c = json_peek(p);
		if (c == ']') {
			p->pos++;
			return true;
		}
		if (c != ',')
			return json_fail_found(p, "expected ',' or ']' after array element");
		json_mark comma = json_mark_at(p, p->pos++);
		json_skip_ws(p);
		if (json_peek(p) == ']')
			return json_fail_mark(p, comma, "trailing comma before ']'");
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
			n = json_escape_byte(*s, piece);
		} else {
			size_t want = *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3 : *s >= 0xC0 ? 2 : 1;
			while (used < want && s[used])
				used++;
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
	if (json_peek(p) != '"')
		return json_fail_found(p, "expected '\"' to start object key");
	json_mark at = json_mark_at(p, p->pos);
	json_member *members = json_grow(p, v->u.object.members, cap,
			v->u.object.len, sizeof *members);
	if (!members)
		return false;
	v->u.object.members = members;
	json_member *m = &members[v->u.object.len];
	if (!json_parse_string(p, &m->key))
		return false;
	m->value = NULL;
	int seen = json_key_repeats(keys, members, v->u.object.len);
	if (seen != 0) {
		char quoted[112];
		if (seen < 0) {
			free(m->key);
			return json_fail_oom(p);
		}
		json_quote_for_message(m->key, quoted, sizeof quoted);
		free(m->key);
		return json_fail_mark(p, at, "duplicate key %s", quoted);
	}
	v->u.object.len++;
	json_skip_ws(p);
	if (json_peek(p) != ':')
		return json_fail_found(p, "expected ':' after object key");
	p->pos++;
	json_skip_ws(p);
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
	size_t cap = 0;
	p->pos++;
	json_skip_ws(p);
	if (json_peek(p) == '}') {
		p->pos++;
		return true;
	}
	for (;;) {
		if (!json_parse_member(p, depth, v, &cap, keys))
			return false;
		json_skip_ws(p);
		int c = json_peek(p);
		if (c == '}') {
			p->pos++;
			return true;
		}
		if (c != ',')
			return json_fail_found(p, "expected ',' or '}' after object member");
		json_mark comma = json_mark_at(p, p->pos++);
		json_skip_ws(p);
		if (json_peek(p) == '}')
			return json_fail_mark(p, comma, "trailing comma before '}'");
	}
}

static bool json_parse_object(json_parser *p, unsigned depth, json_value *v)
{
	idset keys = IDSET_INIT;
	bool ok = json_parse_members(p, depth, v, &keys);
	idset_free(&keys);
	return ok;
}

static json_type json_type_at(const json_parser *p, bool *known)
{
	*known = true;
	switch (p->buf[p->pos]) {
	case '{': return JSON_OBJECT;
	case '[': return JSON_ARRAY;
	case '"': return JSON_STRING;
	case 't': return JSON_TRUE;
	case 'f': return JSON_FALSE;
	case 'n': return JSON_NULL;
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return JSON_NUMBER;
	default:
		*known = false;
		return JSON_NULL;
	}
}

/* depth counts the containers around this value. */
static bool json_parse_value(json_parser *p, unsigned depth, json_value **out)
{
	*out = NULL;
	if (p->pos >= p->len)
		return json_fail_at(p, p->pos, "unexpected end of input");
	bool known;
	json_type type = json_type_at(p, &known);
	if (!known)
		return json_fail_value_start(p);
	bool container = type == JSON_OBJECT || type == JSON_ARRAY;
	if (container && depth >= JSON_MAX_DEPTH)
		return json_fail_at(p, p->pos, "nesting deeper than %d levels",
				JSON_MAX_DEPTH);
	json_value *v = calloc(1, sizeof *v);
	if (!v)
		return json_fail_oom(p);
	json_mark here = json_mark_at(p, p->pos);
	v->type = type;
	if (depth == 0)
		p->root = v;
	v->line = json_mark_line(p, &here);
	v->col = json_mark_col(&here);
	bool ok;
	switch (type) {
	case JSON_OBJECT: ok = json_parse_object(p, depth + 1, v); break;
	case JSON_ARRAY: ok = json_parse_array(p, depth + 1, v); break;
	case JSON_STRING: ok = json_parse_string(p, &v->u.string); break;
	case JSON_NUMBER: ok = json_parse_number(p, v); break;
	default: ok = json_parse_literal(p, type); break;
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
	json_parser p = {(const unsigned char *)buf, len, 0, 0, 0, line_base,
		err ? err : &scratch, stream, NULL, NULL};
	memset(p.err, 0, sizeof *p.err);
	*out = NULL;
	if (consumed)
		*consumed = 0;
	/* RFC 8259 section 8.1: a BOM must not be added; and a BOM hidden in
	 * one NDJSON line is more likely damage than intent. */
	if (json_starts_with(&p, 0, "\xEF\xBB\xBF"))
		return json_fail_at(&p, 0, "byte order mark is not allowed");
	json_skip_ws(&p);
	json_value *v;
	if (!json_parse_value(&p, 0, &v))
		return false;
	json_skip_ws(&p);
	*out = v;
	if (consumed)
		*consumed = p.pos;
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
		strbuf_append(sb, esc, json_escape_byte(c, esc));
		run = s + 1;
	}
	strbuf_append(sb, run, (size_t)(s - run));
	return strbuf_putc(sb, '"');
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
