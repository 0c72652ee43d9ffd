/* json_lex.c: the tokens of JSON text (RFC 8259) for json.c's parser: white
 * space, literals, numbers and strings, with UTF-8 validated as it is read,
 * and every error with the line and column where it is. */
#include "json_priv.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

static unsigned json_clamp(size_t n)
{
	return n > UINT_MAX ? UINT_MAX : (unsigned)n;
}

json_mark json_lex_mark(const json_lexer *p, size_t offset)
{
	json_mark m = {offset, p->line, p->line_start};
	return m;
}

unsigned json_lex_mark_line(const json_lexer *p, const json_mark *m)
{
	return json_clamp((size_t)p->line_base + m->line);
}

unsigned json_lex_mark_col(const json_mark *m)
{
	return json_clamp(m->offset - m->line_start + 1);
}

__attribute__((format(printf, 3, 0)))
static bool json_vfail(json_lexer *p, json_mark m, const char *fmt, va_list ap)
{
	json_error *e = p->err;
	e->offset = m.offset;
	e->line = json_lex_mark_line(p, &m);
	e->col = json_lex_mark_col(&m);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	return false;
}

bool json_lex_fail_mark(json_lexer *p, json_mark m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	json_vfail(p, m, fmt, ap);
	va_end(ap);
	return false;
}

bool json_lex_fail_at(json_lexer *p, size_t offset, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	json_vfail(p, json_lex_mark(p, offset), fmt, ap);
	va_end(ap);
	return false;
}

bool json_lex_fail_oom(json_lexer *p)
{
	return json_lex_fail_at(p, p->pos, "out of memory");
}

/* Always returns 0, the "no sequence" length, so callers can return it. */
static size_t json_utf8_fail(json_lexer *p, size_t i, const char *why)
{
	if (why)
		json_lex_fail_at(p, i, "invalid UTF-8 byte 0x%02x (%s)", p->buf[i], why);
	else
		json_lex_fail_at(p, i, "invalid UTF-8 byte 0x%02x", p->buf[i]);
	return 0;
}

/* Length of the well-formed UTF-8 sequence at buf[i], or 0 with the error
 * set on its first byte. The byte ranges are those of Unicode table 3-7,
 * which exclude overlong forms, surrogates and code points past U+10FFFF.
 * ICU's U8_NEXT knows the same ranges but answers every ill-formed sequence
 * with one negative value, and the messages say which rule was broken
 * (overlong, surrogate, beyond U+10FFFF, truncated), so the check is ours. */
static size_t json_utf8_check(json_lexer *p, size_t i)
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

/* How messages show the character at buf[i], which json_utf8_check has
 * accepted: 'x' for printable ASCII, U+XXXX for anything a terminal might
 * not show plainly. */
static void json_char_name(const json_lexer *p, size_t i, char *out,
		size_t cap)
{
	unsigned char c = p->buf[i];
	if (c > 0x20 && c < 0x7F) {
		snprintf(out, cap, "'%c'", c);
		return;
	}
	UChar32 cp;
	size_t k = 0;
	U8_NEXT_UNSAFE(p->buf + i, k, cp);
	snprintf(out, cap, "U+%04X", (unsigned)cp);
}

/* Fails with msg about the byte at i, unless that byte starts ill-formed
 * UTF-8: then the encoding is the real problem and is what gets reported. */
static bool json_fail_byte(json_lexer *p, size_t i, const char *msg)
{
	if (i < p->len && p->buf[i] >= 0x80 && json_utf8_check(p, i) == 0)
		return false;
	return json_lex_fail_at(p, i, "%s", msg);
}

/* Fails with msg about the byte at pos, or about the input having ended. */
bool json_lex_fail_found(json_lexer *p, const char *msg)
{
	if (p->pos >= p->len)
		return json_lex_fail_at(p, p->pos, "unexpected end of input");
	return json_fail_byte(p, p->pos, msg);
}

int json_lex_peek(const json_lexer *p)
{
	return p->pos < p->len ? p->buf[p->pos] : -1;
}

bool json_lex_starts_with(const json_lexer *p, size_t i, const char *word)
{
	size_t n = strlen(word);
	return i <= p->len && p->len - i >= n && memcmp(p->buf + i, word, n) == 0;
}

/* Skips the four white space bytes of RFC 8259, counting lines at LF so
 * that CRLF and LF files number lines alike. */
void json_lex_skip_ws(json_lexer *p)
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
bool json_lex_fail_value_start(json_lexer *p)
{
	unsigned char c = p->buf[p->pos];
	switch (c) {
	case ']': case '}': case ',': case ':':
		return json_lex_fail_at(p, p->pos, "expected a value before '%c'", c);
	case '+': case '.':
		return json_lex_fail_at(p, p->pos, "a number must not start with '%c'", c);
	case '\'':
		return json_lex_fail_at(p, p->pos, "strings must use double quotes");
	default:
		break;
	}
	if (json_lex_starts_with(p, p->pos, "NaN") ||
			json_lex_starts_with(p, p->pos, "Infinity"))
		return json_lex_fail_at(p, p->pos,
				"NaN and Infinity are not valid JSON numbers");
	size_t n = json_utf8_check(p, p->pos);
	if (n == 0)
		return false;
	char name[16];
	json_char_name(p, p->pos, name, sizeof name);
	return json_lex_fail_at(p, p->pos, "unexpected character %s", name);
}

json_type json_lex_type(const json_lexer *p, bool *known)
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

bool json_lex_literal(json_lexer *p, json_type type)
{
	const char *word = type == JSON_TRUE ? "true"
		: type == JSON_FALSE ? "false" : "null";
	size_t i = p->pos;
	for (const char *w = word; *w; w++, i++) {
		if (i >= p->len)
			return json_lex_fail_at(p, i, "unexpected end of input");
		if (p->buf[i] != (unsigned char)*w) {
			char msg[48];
			snprintf(msg, sizeof msg, "invalid literal, expected '%s'", word);
			return json_fail_byte(p, i, msg);
		}
	}
	p->pos = i;
	return true;
}

static bool json_is_digit(const json_lexer *p, size_t i)
{
	return i < p->len && p->buf[i] >= '0' && p->buf[i] <= '9';
}

static size_t json_skip_digits(const json_lexer *p, size_t i)
{
	while (json_is_digit(p, i))
		i++;
	return i;
}

/* Finds in *end where the number starting at pos ends, following the
 * RFC 8259 grammar exactly. */
static bool json_number_end(json_lexer *p, size_t *end)
{
	size_t i = p->pos;
	if (p->buf[i] == '-') {
		i++;
		if (json_lex_starts_with(p, i, "Infinity"))
			return json_lex_fail_at(p, p->pos,
					"NaN and Infinity are not valid JSON numbers");
		if (!json_is_digit(p, i))
			return json_fail_byte(p, i, "expected digit after '-'");
	}
	if (p->buf[i] == '0') {
		if (json_is_digit(p, i + 1))
			return json_lex_fail_at(p, i,
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
bool json_lex_number(json_lexer *p, char **out)
{
	size_t end = 0;
	if (!json_number_end(p, &end))
		return false;
	size_t n = end - p->pos;
	char *text = malloc(n + 1);
	if (!text)
		return json_lex_fail_oom(p);
	memcpy(text, p->buf + p->pos, n);
	text[n] = '\0';
	*out = text;
	p->pos = end;
	return true;
}

/* Reads the 4 hex digits after the "\u" whose backslash is at i: 1 when
 * read, 0 when the input ends first, -1 at a byte that is not hex. */
static int json_read_hex4(const json_lexer *p, size_t i, uint32_t *out)
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

/* Whether *out was written comes from r, not from what the failure returns:
 * clang's analyzer does not follow the variadic json_lex_fail_at. */
static bool json_hex_escape(json_lexer *p, size_t open, size_t i, uint32_t *out)
{
	int r = json_read_hex4(p, i, out);
	if (r == 0)
		json_lex_fail_at(p, open, "unterminated string");
	else if (r < 0)
		json_lex_fail_at(p, i, "invalid \\u escape: expected 4 hex digits");
	return r > 0;
}

/* Decodes the \u escape at *ip into s + *wp. UTF-16 surrogates only make
 * sense in pairs (RFC 8259 section 7); alone they cannot become UTF-8. */
static bool json_decode_unicode(json_lexer *p, size_t open, size_t *ip,
		char *s, size_t *wp)
{
	const char *text = (const char *)p->buf;
	size_t i = *ip, next = i + 6;
	uint32_t cp, low;

	if (!json_hex_escape(p, open, i, &cp))
		return false;
	if (cp == 0)
		return json_lex_fail_at(p, i, "NUL character (\\u0000) is not allowed");
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return json_lex_fail_at(p, i, "lone surrogate %.6s", text + i);
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (!json_lex_starts_with(p, next, "\\u"))
			return json_lex_fail_at(p, i, "lone surrogate %.6s", text + i);
		if (!json_hex_escape(p, open, next, &low))
			return false;
		if (low < 0xDC00 || low > 0xDFFF)
			return json_lex_fail_at(p, i, "mismatched surrogate pair %.12s",
					text + i);
		cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
		next += 6;
	}
	U8_APPEND_UNSAFE((uint8_t *)s, *wp, cp);
	*ip = next;
	return true;
}

static bool json_fail_escape(json_lexer *p, size_t i)
{
	unsigned char c = p->buf[i + 1];
	if (c > 0x20 && c < 0x7F)
		return json_lex_fail_at(p, i, "invalid escape \\%c", c);
	size_t n = json_utf8_check(p, i + 1);
	if (n == 0)
		return false;
	char name[16];
	json_char_name(p, i + 1, name, sizeof name);
	return json_lex_fail_at(p, i, "invalid escape: '\\' followed by %s", name);
}

/* Decodes the escape whose backslash is at *ip into s + *wp, advancing
 * both; open is the opening quote, where an unterminated string is shown. */
static bool json_decode_escape(json_lexer *p, size_t open, size_t *ip,
		char *s, size_t *wp)
{
	size_t i = *ip;
	if (i + 1 >= p->len)
		return json_lex_fail_at(p, open, "unterminated string");
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
static size_t json_string_bound(const json_lexer *p, size_t i)
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

static bool json_fail_control(json_lexer *p, size_t i)
{
	unsigned char c = p->buf[i];
	char esc[8];
	esc[json_write_escape(c, esc)] = '\0';
	return json_lex_fail_at(p, i,
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
bool json_lex_string(json_lexer *p, char **out)
{
	size_t open = p->pos, i = open + 1, w = 0;
	size_t cap = json_string_bound(p, i) + 1;
	char *s = malloc(cap);
	if (!s)
		return json_lex_fail_oom(p);
	for (;;) {
		size_t run = i;
		while (run < p->len && json_is_plain(p->buf[run]))
			run++;
		memcpy(s + w, p->buf + i, run - i);
		w += run - i;
		i = run;
		if (i >= p->len) {
			json_lex_fail_at(p, open, "unterminated string");
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
