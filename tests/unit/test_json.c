/* test_json.c: the JSON reader's contract — what it accepts, the exact
 * message and position of every rejection, and the string writer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "yeonpyo/json.h"
#include "yeonpyo/strbuf.h"

/* Text literals may hold NUL bytes, so their length comes from sizeof. */
#define PARSE_OK(text) parse_ok(text, sizeof(text) - 1, __FILE__, __LINE__)
#define PARSE_FAILS(text, message, line, col) \
	parse_fails(text, sizeof(text) - 1, 1, message, line, col, \
			__FILE__, __LINE__)

static json_value *parse_ok(const char *text, size_t len, const char *file,
		int at)
{
	json_value *v = NULL;
	json_error err;
	size_t consumed = 0;
	bool ok = json_parse(text, len, 1, &consumed, &v, &err);
	if (!ok)
		print_error("unexpected error %u:%u: %s\n", err.line, err.col,
				err.message);
	_assert_true(ok, "json_parse succeeds", file, at);
	_assert_int_equal(consumed, len, file, at);
	_assert_true(v != NULL, "value returned", file, at);
	return v;
}

/* Checks message, line and column; on one-line input also the offset,
 * which there is always col - 1. Also checks that nothing is handed out. */
static json_error parse_fails(const char *text, size_t len, unsigned line_base,
		const char *message, unsigned line, unsigned col,
		const char *file, int at)
{
	json_value sentinel;
	json_value *v = &sentinel;
	json_error err;
	size_t consumed = 12345;
	bool ok = json_parse(text, len, line_base, &consumed, &v, &err);
	if (ok && v != &sentinel)
		json_free(v);
	_assert_true(!ok, "json_parse fails", file, at);
	_assert_string_equal(err.message, message, file, at);
	_assert_int_equal(err.line, line, file, at);
	_assert_int_equal(err.col, col, file, at);
	if (line == line_base)
		_assert_int_equal(err.offset, col - 1, file, at);
	_assert_true(v == NULL, "out is NULL on failure", file, at);
	_assert_int_equal(consumed, 0, file, at);
	return err;
}

static void parses_literals_with_line_and_col(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("[true, false,null ]");
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->line, 1);
	assert_int_equal(v->col, 1);
	assert_int_equal(v->u.array.len, 3);
	assert_int_equal(v->u.array.items[0]->type, JSON_TRUE);
	assert_int_equal(v->u.array.items[0]->col, 2);
	assert_int_equal(v->u.array.items[1]->type, JSON_FALSE);
	assert_int_equal(v->u.array.items[1]->col, 8);
	assert_int_equal(v->u.array.items[2]->type, JSON_NULL);
	assert_int_equal(v->u.array.items[2]->col, 14);
	json_free(v);
}

static void keeps_number_literal_text(void **state)
{
	(void)state;
	json_value *v = PARSE_OK(
			"[-0.5e+10, 0, 1E3, -0, 123456789012345678901234567890, "
			"0e0, 1.25, 7e-2]");
	const char *want[] = {"-0.5e+10", "0", "1E3", "-0",
		"123456789012345678901234567890", "0e0", "1.25", "7e-2"};
	assert_int_equal(v->u.array.len, 8);
	for (size_t i = 0; i < 8; i++) {
		assert_int_equal(v->u.array.items[i]->type, JSON_NUMBER);
		assert_string_equal(v->u.array.items[i]->u.number, want[i]);
	}
	json_free(v);
}

static void rejects_leading_zeros(void **state)
{
	(void)state;
	PARSE_FAILS("01", "leading zeros are not allowed in numbers", 1, 1);
	PARSE_FAILS("-01", "leading zeros are not allowed in numbers", 1, 2);
	PARSE_FAILS("[1, 00]", "leading zeros are not allowed in numbers", 1, 5);
}

static void rejects_malformed_numbers(void **state)
{
	(void)state;
	PARSE_FAILS("1.", "expected digit after '.' in number", 1, 3);
	PARSE_FAILS("[1.]", "expected digit after '.' in number", 1, 4);
	PARSE_FAILS("1.e3", "expected digit after '.' in number", 1, 3);
	PARSE_FAILS(".5", "a number must not start with '.'", 1, 1);
	PARSE_FAILS("+1", "a number must not start with '+'", 1, 1);
	PARSE_FAILS("-", "expected digit after '-'", 1, 2);
	PARSE_FAILS("[-a]", "expected digit after '-'", 1, 3);
	PARSE_FAILS("1e", "expected digit in exponent", 1, 3);
	PARSE_FAILS("1e+", "expected digit in exponent", 1, 4);
	PARSE_FAILS("2E-x", "expected digit in exponent", 1, 4);
}

static void rejects_nan_and_infinity(void **state)
{
	(void)state;
	PARSE_FAILS("NaN", "NaN and Infinity are not valid JSON numbers", 1, 1);
	PARSE_FAILS("[Infinity]", "NaN and Infinity are not valid JSON numbers",
			1, 2);
	PARSE_FAILS("-Infinity", "NaN and Infinity are not valid JSON numbers",
			1, 1);
}

static void decodes_simple_escapes(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"");
	assert_int_equal(v->type, JSON_STRING);
	assert_string_equal(v->u.string, "q\" b\\ s/ \b\f\n\r\t");
	json_free(v);
}

static void decodes_unicode_escapes_to_utf8(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("\"\\u0041\\u00e9\\uD55C\\u20AC\\u001f\"");
	assert_string_equal(v->u.string, "A\xC3\xA9\xED\x95\x9C\xE2\x82\xAC\x1F");
	json_free(v);
}

static void decodes_surrogate_pair_to_utf8(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("\"x\\ud83d\\ude00y\\uDBFF\\uDFFF\"");
	assert_string_equal(v->u.string, "x\xF0\x9F\x98\x80y\xF4\x8F\xBF\xBF");
	json_free(v);
}

static void rejects_lone_surrogate(void **state)
{
	(void)state;
	PARSE_FAILS("\"\\ud83d\"", "lone surrogate \\ud83d", 1, 2);
	PARSE_FAILS("\"\\uDE00\"", "lone surrogate \\uDE00", 1, 2);
	PARSE_FAILS("\"x\\ud83dx\"", "lone surrogate \\ud83d", 1, 3);
	PARSE_FAILS("\"\\ud83d\\n\"", "lone surrogate \\ud83d", 1, 2);
}

static void rejects_mismatched_surrogate_pair(void **state)
{
	(void)state;
	PARSE_FAILS("\"\\ud83d\\u0041\"",
			"mismatched surrogate pair \\ud83d\\u0041", 1, 2);
	PARSE_FAILS("\"\\ud83d\\ud83d\"",
			"mismatched surrogate pair \\ud83d\\ud83d", 1, 2);
	PARSE_FAILS("\"\\ud83d\\u00\"",
			"invalid \\u escape: expected 4 hex digits", 1, 8);
}

static void rejects_nul_escape(void **state)
{
	(void)state;
	PARSE_FAILS("\"a\\u0000\"", "NUL character (\\u0000) is not allowed", 1, 3);
	PARSE_FAILS("{\"\\u0000\":1}", "NUL character (\\u0000) is not allowed",
			1, 3);
}

static void rejects_invalid_escapes(void **state)
{
	(void)state;
	PARSE_FAILS("\"\\q\"", "invalid escape \\q", 1, 2);
	PARSE_FAILS("[\"ab\\x41\"]", "invalid escape \\x", 1, 5);
	PARSE_FAILS("\"\\\x01\"", "invalid escape: '\\' followed by U+0001", 1, 2);
	PARSE_FAILS("\"\\ \"", "invalid escape: '\\' followed by U+0020", 1, 2);
	PARSE_FAILS("\"\\\xC3\xA9\"", "invalid escape: '\\' followed by U+00E9",
			1, 2);
	PARSE_FAILS("\"\\\xFF\"", "invalid UTF-8 byte 0xff", 1, 3);
	PARSE_FAILS("\"\\u12G4\"", "invalid \\u escape: expected 4 hex digits", 1, 2);
	PARSE_FAILS("\"\\u12\"", "invalid \\u escape: expected 4 hex digits", 1, 2);
}

static void rejects_raw_control_characters_in_strings(void **state)
{
	(void)state;
	PARSE_FAILS("\"a\tb\"",
			"unescaped control character U+0009 in string (write it as \\t)",
			1, 3);
	PARSE_FAILS("{\"k\": \"line\nbreak\"}",
			"unescaped control character U+000A in string (write it as \\n)",
			1, 12);
	PARSE_FAILS("\"a\0b\"",
			"unescaped control character U+0000 in string (write it as \\u0000)",
			1, 3);
	PARSE_FAILS("\"\x1F\"",
			"unescaped control character U+001F in string (write it as \\u001f)",
			1, 2);
}

static void rejects_unterminated_string(void **state)
{
	(void)state;
	PARSE_FAILS("\"abc", "unterminated string", 1, 1);
	PARSE_FAILS("[1, \"abc\\", "unterminated string", 1, 5);
	PARSE_FAILS("\"\\u12", "unterminated string", 1, 1);
	PARSE_FAILS("\"\\ud83d\\ude", "unterminated string", 1, 1);
	PARSE_FAILS("{\"key", "unterminated string", 1, 2);
}

static void rejects_overlong_utf8(void **state)
{
	(void)state;
	PARSE_FAILS("\"\xC0\xAF\"", "invalid UTF-8 byte 0xc0 (overlong encoding)",
			1, 2);
	PARSE_FAILS("\"\xC1\xBF\"", "invalid UTF-8 byte 0xc1 (overlong encoding)",
			1, 2);
	PARSE_FAILS("\"ab\xE0\x80\xAF\"",
			"invalid UTF-8 byte 0xe0 (overlong encoding)", 1, 4);
	PARSE_FAILS("\"\xF0\x8F\xBF\xBF\"",
			"invalid UTF-8 byte 0xf0 (overlong encoding)", 1, 2);
}

static void rejects_utf8_encoded_surrogate(void **state)
{
	(void)state;
	PARSE_FAILS("\"\xED\xA0\x80\"",
			"invalid UTF-8 byte 0xed (encoded surrogate)", 1, 2);
	PARSE_FAILS("\"\xED\xBF\xBF\"",
			"invalid UTF-8 byte 0xed (encoded surrogate)", 1, 2);
}

static void rejects_utf8_above_10ffff(void **state)
{
	(void)state;
	PARSE_FAILS("\"\xF4\x90\x80\x80\"",
			"invalid UTF-8 byte 0xf4 (beyond U+10FFFF)", 1, 2);
	PARSE_FAILS("\"\xF5\x80\x80\x80\"", "invalid UTF-8 byte 0xf5", 1, 2);
}

static void rejects_truncated_utf8(void **state)
{
	(void)state;
	PARSE_FAILS("\"\xED\x95\"", "invalid UTF-8 byte 0xed (truncated sequence)",
			1, 2);
	PARSE_FAILS("\"x\xF0\x9F\x98",
			"invalid UTF-8 byte 0xf0 (truncated sequence)", 1, 3);
	PARSE_FAILS("\"\xC3", "invalid UTF-8 byte 0xc3 (truncated sequence)", 1, 2);
	PARSE_FAILS("\"\xE0\"", "invalid UTF-8 byte 0xe0 (truncated sequence)",
			1, 2);
}

static void rejects_stray_continuation_and_invalid_bytes(void **state)
{
	(void)state;
	PARSE_FAILS("\"\x80\"",
			"invalid UTF-8 byte 0x80 (unexpected continuation byte)", 1, 2);
	PARSE_FAILS("\"\xC3\xA9\xA9\"",
			"invalid UTF-8 byte 0xa9 (unexpected continuation byte)", 1, 4);
	PARSE_FAILS("\"\xFF\"", "invalid UTF-8 byte 0xff", 1, 2);
	PARSE_FAILS("\"\xFE\"", "invalid UTF-8 byte 0xfe", 1, 2);
}

static void rejects_invalid_utf8_outside_strings(void **state)
{
	(void)state;
	PARSE_FAILS("\xFF", "invalid UTF-8 byte 0xff", 1, 1);
	PARSE_FAILS("[1,\xFF]", "invalid UTF-8 byte 0xff", 1, 4);
	PARSE_FAILS("[1\xFF]", "invalid UTF-8 byte 0xff", 1, 3);
	PARSE_FAILS("{\"a\"\xC0\xAF}", "invalid UTF-8 byte 0xc0 (overlong encoding)",
			1, 5);
	PARSE_FAILS("[tr\xE9]", "invalid UTF-8 byte 0xe9 (truncated sequence)", 1, 4);
	PARSE_FAILS("1.\x80", "invalid UTF-8 byte 0x80 (unexpected continuation byte)",
			1, 3);
	/* Well-formed but misplaced characters are named by code point. */
	PARSE_FAILS("\xC3\xA9", "unexpected character U+00E9", 1, 1);
	PARSE_FAILS("[\xED\x95\x9C]", "unexpected character U+D55C", 1, 2);
}

static void bom_rejected(void **state)
{
	(void)state;
	PARSE_FAILS("\xEF\xBB\xBF{}", "byte order mark is not allowed", 1, 1);
	PARSE_FAILS("\xEF\xBB\xBF", "byte order mark is not allowed", 1, 1);
	PARSE_FAILS(" \xEF\xBB\xBF{}", "unexpected character U+FEFF", 1, 2);
	/* Inside a string U+FEFF is an ordinary character. */
	json_value *v = PARSE_OK("\"\xEF\xBB\xBF\"");
	assert_string_equal(v->u.string, "\xEF\xBB\xBF");
	json_free(v);
}

static void rejects_duplicate_keys(void **state)
{
	(void)state;
	PARSE_FAILS("{\"id\":1,\"id\":2}", "duplicate key \"id\"", 1, 9);
	PARSE_FAILS("{\"a\":1,\"b\":{\"a\":1},\"b\":2}", "duplicate key \"b\"", 1, 20);
	/* Escapes are decoded before comparing: "\u0061" is "a". */
	PARSE_FAILS("{\"a\":1,\"\\u0061\":2}", "duplicate key \"a\"", 1, 8);
	json_value *v = PARSE_OK("{\"a\":{\"a\":{\"a\":1}}, \"A\":2}");
	assert_int_equal(v->u.object.len, 2);
	json_free(v);
}

/* Builds {"k0":0,...,"k<n-1>":n-1 followed by extra; *dup_at gets the
 * offset where extra starts. */
static char *object_with_keys(size_t n, const char *extra, size_t *extra_at)
{
	strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '{');
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "%s\"k%zu\":%zu", i ? "," : "", i, i);
	*extra_at = sb.len;
	strbuf_puts(&sb, extra);
	char *text = strbuf_take(&sb);
	assert_non_null(text);
	return text;
}

static void rejects_duplicate_keys_in_large_object(void **state)
{
	(void)state;
	size_t at;
	/* Past the linear scan: the repeat is still caught where it stands. */
	char *text = object_with_keys(200, ",\"k42\":1,\"k3\":2}", &at);
	parse_fails(text, strlen(text), 1, "duplicate key \"k42\"", 1,
			(unsigned)at + 2, __FILE__, __LINE__);
	free(text);
	/* A key 20 repeating key 3 crosses from the scan to the hash set. */
	text = object_with_keys(20, ",\"k3\":1}", &at);
	parse_fails(text, strlen(text), 1, "duplicate key \"k3\"", 1,
			(unsigned)at + 2, __FILE__, __LINE__);
	free(text);
	text = object_with_keys(16, ",\"k15\":1}", &at);
	parse_fails(text, strlen(text), 1, "duplicate key \"k15\"", 1,
			(unsigned)at + 2, __FILE__, __LINE__);
	free(text);
}

static void accepts_large_object_with_distinct_keys(void **state)
{
	(void)state;
	size_t at;
	char *text = object_with_keys(5000, "}", &at);
	json_value *v = parse_ok(text, strlen(text), __FILE__, __LINE__);
	assert_int_equal(v->u.object.len, 5000);
	assert_string_equal(v->u.object.members[4999].key, "k4999");
	const json_value *last = json_get(v, "k4999");
	assert_non_null(last);
	assert_string_equal(last->u.number, "4999");
	json_free(v);
	free(text);
}

static void duplicate_key_message_escapes_and_shortens_key(void **state)
{
	(void)state;
	PARSE_FAILS("{\"a\\\"b\\n\":1,\"a\\\"b\\n\":2}",
			"duplicate key \"a\\\"b\\n\"", 1, 13);
	char long_key[301];
	memset(long_key, 'x', 300);
	long_key[300] = '\0';
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "{\"%s\":1,\"%s\":2}", long_key, long_key);
	json_value *v = NULL;
	json_error err;
	assert_false(json_parse(sb.data, sb.len, 1, NULL, &v, &err));
	assert_int_equal(err.col, 1 + 1 + 300 + 1 + 3 + 1);
	/* "duplicate key " + quote + 106 bytes + "..." + quote */
	assert_int_equal(strlen(err.message), 14 + 1 + 106 + 3 + 1);
	assert_memory_equal(err.message, "duplicate key \"xxx", 18);
	assert_string_equal(err.message + strlen(err.message) - 5, "x...\"");
	strbuf_free(&sb);
}

/* A long Hangul key is cut between syllables, never inside one. */
static void duplicate_key_message_cuts_hangul_between_syllables(void **state)
{
	(void)state;
	strbuf key = STRBUF_INIT, doc = STRBUF_INIT, want = STRBUF_INIT;
	for (int i = 0; i < 100; i++)
		strbuf_puts(&key, "\xED\x95\x9C");  /* 한 */
	strbuf_printf(&doc, "{\"%s\":1,\"%s\":2}", key.data, key.data);
	strbuf_puts(&want, "duplicate key \"");
	/* 106 bytes after the quote hold 35 three-byte syllables */
	strbuf_append(&want, key.data, (size_t)35 * 3);
	strbuf_puts(&want, "...\"");
	json_value *v = NULL;
	json_error err;
	assert_false(json_parse(doc.data, doc.len, 1, NULL, &v, &err));
	assert_string_equal(err.message, want.data);
	strbuf_free(&key);
	strbuf_free(&doc);
	strbuf_free(&want);
}

static void parse_reports_line_and_col_of_missing_comma(void **state)
{
	(void)state;
	json_error err = PARSE_FAILS("{\n  \"a\": 1\n  \"b\": 2\n}",
			"expected ',' or '}' after object member", 3, 3);
	assert_int_equal(err.offset, 13);
	err = PARSE_FAILS("[\n1\n2]", "expected ',' or ']' after array element",
			3, 1);
	assert_int_equal(err.offset, 4);
	PARSE_FAILS("[1 2]", "expected ',' or ']' after array element", 1, 4);
	PARSE_FAILS("[1:", "expected ',' or ']' after array element", 1, 3);
	PARSE_FAILS("{\"a\":1 \"b\":2}", "expected ',' or '}' after object member",
			1, 8);
}

static void reports_missing_colon_and_bad_keys(void **state)
{
	(void)state;
	PARSE_FAILS("{\"a\" 1}", "expected ':' after object key", 1, 6);
	PARSE_FAILS("{\"a\",1}", "expected ':' after object key", 1, 5);
	PARSE_FAILS("{a:1}", "expected '\"' to start object key", 1, 2);
	PARSE_FAILS("{'a':1}", "expected '\"' to start object key", 1, 2);
	PARSE_FAILS("{\"a\":1,2}", "expected '\"' to start object key", 1, 8);
	PARSE_FAILS("{1:2}", "expected '\"' to start object key", 1, 2);
}

static void rejects_trailing_commas(void **state)
{
	(void)state;
	PARSE_FAILS("[1,]", "trailing comma before ']'", 1, 3);
	PARSE_FAILS("{\"a\":1,}", "trailing comma before '}'", 1, 7);
	/* The comma is what to delete, so the error points at it even when the
	 * closing bracket is lines further on. */
	json_error err = PARSE_FAILS("[1,\n2,\n\n  ]", "trailing comma before ']'",
			2, 2);
	assert_int_equal(err.offset, 5);
	err = PARSE_FAILS("{\"a\":1,\r\n}", "trailing comma before '}'", 1, 7);
	assert_int_equal(err.offset, 6);
}

static void reports_missing_values(void **state)
{
	(void)state;
	PARSE_FAILS("[,1]", "expected a value before ','", 1, 2);
	PARSE_FAILS("[1,,2]", "expected a value before ','", 1, 4);
	PARSE_FAILS("{\"a\":}", "expected a value before '}'", 1, 6);
	PARSE_FAILS("{\"a\"::1}", "expected a value before ':'", 1, 6);
	PARSE_FAILS("]", "expected a value before ']'", 1, 1);
	PARSE_FAILS("['a']", "strings must use double quotes", 1, 2);
}

static void reports_unexpected_end_of_input(void **state)
{
	(void)state;
	PARSE_FAILS("", "unexpected end of input", 1, 1);
	json_error err = PARSE_FAILS("  \n\t ", "unexpected end of input", 2, 3);
	assert_int_equal(err.offset, 5);
	PARSE_FAILS("[", "unexpected end of input", 1, 2);
	PARSE_FAILS("[1", "unexpected end of input", 1, 3);
	PARSE_FAILS("[1,", "unexpected end of input", 1, 4);
	PARSE_FAILS("{", "unexpected end of input", 1, 2);
	PARSE_FAILS("{\"a\"", "unexpected end of input", 1, 5);
	PARSE_FAILS("{\"a\":", "unexpected end of input", 1, 6);
	PARSE_FAILS("{\"a\":1", "unexpected end of input", 1, 7);
	PARSE_FAILS("{\"a\":1,", "unexpected end of input", 1, 8);
	PARSE_FAILS("tru", "unexpected end of input", 1, 4);
}

static void reports_unexpected_character(void **state)
{
	(void)state;
	PARSE_FAILS("@", "unexpected character '@'", 1, 1);
	PARSE_FAILS("[\x01]", "unexpected character U+0001", 1, 2);
	PARSE_FAILS("True", "unexpected character 'T'", 1, 1);
	PARSE_FAILS("[undefined]", "unexpected character 'u'", 1, 2);
}

static void rejects_invalid_literals(void **state)
{
	(void)state;
	PARSE_FAILS("trux", "invalid literal, expected 'true'", 1, 4);
	PARSE_FAILS("[fals]", "invalid literal, expected 'false'", 1, 6);
	PARSE_FAILS("nil", "invalid literal, expected 'null'", 1, 2);
	PARSE_FAILS("nul\xFF", "invalid UTF-8 byte 0xff", 1, 4);
}

/* Wraps a value in depth arrays: "[[[...0...]]]". */
static char *nested_arrays(size_t depth)
{
	char *text = malloc(2 * depth + 2);
	assert_non_null(text);
	memset(text, '[', depth);
	text[depth] = '0';
	memset(text + depth + 1, ']', depth);
	text[2 * depth + 1] = '\0';
	return text;
}

static void nesting_limit_64(void **state)
{
	(void)state;
	char *text = nested_arrays(64);
	json_value *v = parse_ok(text, strlen(text), __FILE__, __LINE__);
	json_free(v);
	free(text);

	text = nested_arrays(65);
	parse_fails(text, strlen(text), 1, "nesting deeper than 64 levels", 1, 65,
			__FILE__, __LINE__);
	free(text);

	/* Objects count the same as arrays. */
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 65; i++)
		strbuf_puts(&sb, "{\"a\":");
	strbuf_puts(&sb, "1");
	parse_fails(sb.data, sb.len, 1, "nesting deeper than 64 levels", 1,
			64 * 5 + 1, __FILE__, __LINE__);
	strbuf_free(&sb);
}

static void stops_after_first_value_for_ndjson(void **state)
{
	(void)state;
	const char *buf = "{\"a\":1}\n{\"b\":2}\r\n  ";
	size_t len = strlen(buf), consumed = 0;
	json_value *v = NULL;
	json_error err;
	assert_true(json_parse(buf, len, 1, &consumed, &v, &err));
	assert_int_equal(consumed, 8);
	assert_non_null(json_get(v, "a"));
	json_free(v);

	size_t used = consumed;
	assert_true(json_parse(buf + used, len - used, 2, &consumed, &v, &err));
	assert_int_equal(consumed, len - used);
	assert_int_equal(v->line, 2);
	assert_int_equal(v->col, 1);
	assert_non_null(json_get(v, "b"));
	json_free(v);

	/* Whatever follows is left for the caller to judge. */
	assert_true(json_parse("1 2", 3, 1, &consumed, &v, &err));
	assert_int_equal(consumed, 2);
	assert_string_equal(v->u.number, "1");
	json_free(v);
	assert_true(json_parse("[1]x", 4, 1, &consumed, &v, &err));
	assert_int_equal(consumed, 3);
	json_free(v);
	assert_true(json_parse("truex", 5, 1, &consumed, &v, &err));
	assert_int_equal(consumed, 4);
	json_free(v);
}

static void line_base_offsets_reported_lines(void **state)
{
	(void)state;
	json_value *v = NULL;
	json_error err;
	size_t consumed;
	assert_true(json_parse("  {\"a\":\n [1]}", 13, 17, &consumed, &v, &err));
	assert_int_equal(v->line, 17);
	assert_int_equal(v->col, 3);
	const json_value *a = json_get(v, "a");
	assert_int_equal(a->line, 18);
	assert_int_equal(a->col, 2);
	json_free(v);

	err = parse_fails("\n  [1,\n  x]", 11, 17, "unexpected character 'x'",
			19, 3, __FILE__, __LINE__);
	assert_int_equal(err.offset, 9);
	err = parse_fails("{\"id\":1,\"id\":2}", 15, 1000, "duplicate key \"id\"",
			1000, 9, __FILE__, __LINE__);
	assert_int_equal(err.offset, 8);
}

static void columns_count_bytes_not_characters(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("[\"\xED\x95\x9C\xEA\xB5\xAD\", 1]");
	assert_int_equal(v->u.array.items[1]->col, 12);
	json_free(v);
	PARSE_FAILS("[\"\xED\x95\x9C\" 1]", "expected ',' or ']' after array element",
			1, 8);
}

static void accepts_crlf_and_rejects_other_white_space(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("\t{\r\n\"a\" :\r\n 1 ,\"b\":[ ] }\r\n");
	assert_int_equal(v->line, 1);
	assert_int_equal(v->col, 2);
	const json_value *a = json_get(v, "a");
	assert_int_equal(a->line, 3);
	assert_int_equal(a->col, 2);
	const json_value *b = json_get(v, "b");
	assert_int_equal(b->type, JSON_ARRAY);
	assert_int_equal(b->u.array.len, 0);
	json_free(v);
	PARSE_FAILS("\f1", "unexpected character U+000C", 1, 1);
	PARSE_FAILS("[1,\v2]", "unexpected character U+000B", 1, 4);
	PARSE_FAILS("\xC2\xA0" "1", "unexpected character U+00A0", 1, 1);
}

static void objects_keep_document_order(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("{\"z\":1,\"a\":\"s\",\"m\":{},\"\":null}");
	assert_int_equal(v->type, JSON_OBJECT);
	assert_int_equal(v->u.object.len, 4);
	assert_string_equal(v->u.object.members[0].key, "z");
	assert_string_equal(v->u.object.members[1].key, "a");
	assert_string_equal(v->u.object.members[2].key, "m");
	assert_string_equal(v->u.object.members[3].key, "");
	assert_int_equal(v->u.object.members[1].value->col, 12);
	assert_int_equal(v->u.object.members[2].value->type, JSON_OBJECT);
	assert_int_equal(v->u.object.members[2].value->u.object.len, 0);
	json_free(v);
}

static void json_get_finds_members_only_in_objects(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("{\"id\":\"e1\",\"n\":2}");
	assert_string_equal(json_get(v, "id")->u.string, "e1");
	assert_string_equal(json_get(v, "n")->u.number, "2");
	assert_null(json_get(v, "missing"));
	assert_null(json_get(v, "I"));
	assert_null(json_get(NULL, "id"));
	json_free(v);
	v = PARSE_OK("[\"id\"]");
	assert_null(json_get(v, "id"));
	json_free(v);
}

static void empty_strings_and_containers(void **state)
{
	(void)state;
	json_value *v = PARSE_OK("[\"\", [], {}, [[]]]");
	assert_int_equal(v->u.array.len, 4);
	assert_string_equal(v->u.array.items[0]->u.string, "");
	assert_int_equal(v->u.array.items[1]->u.array.len, 0);
	assert_int_equal(v->u.array.items[2]->u.object.len, 0);
	assert_int_equal(v->u.array.items[3]->u.array.items[0]->col, 15);
	json_free(v);
}

static void parses_long_array(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '[');
	for (int i = 0; i < 100000; i++)
		strbuf_puts(&sb, i ? ",\"\xED\x95\x9C\"" : "\"\xED\x95\x9C\"");
	strbuf_putc(&sb, ']');
	json_value *v = parse_ok(sb.data, sb.len, __FILE__, __LINE__);
	assert_int_equal(v->u.array.len, 100000);
	assert_string_equal(v->u.array.items[99999]->u.string, "\xED\x95\x9C");
	assert_int_equal(v->u.array.items[99999]->col, 1 + 1 + 99999 * 6);
	json_free(v);
	strbuf_free(&sb);
}

static void accepts_null_err_and_consumed(void **state)
{
	(void)state;
	json_value *v = NULL;
	assert_true(json_parse("[1]", 3, 1, NULL, &v, NULL));
	assert_int_equal(v->u.array.len, 1);
	json_free(v);
	assert_false(json_parse("[1", 2, 1, NULL, &v, NULL));
	assert_null(v);
	assert_false(json_parse(NULL, 0, 1, NULL, &v, NULL));
	assert_null(v);
}

static void write_string_escapes_controls_and_quotes(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, "x=");
	assert_true(json_write_string(&sb,
			"a\"b\\c/\n\t\r\b\f\x01\x1F\x7F\xED\x95\x9C"));
	assert_string_equal(strbuf_str(&sb),
			"x=\"a\\\"b\\\\c/\\n\\t\\r\\b\\f\\u0001\\u001f\x7F\xED\x95\x9C\"");
	strbuf_reset(&sb);
	assert_true(json_write_string(&sb, ""));
	assert_string_equal(strbuf_str(&sb), "\"\"");
	strbuf_free(&sb);
}

static void write_string_reports_failed_buffer(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	sb.failed = true;
	assert_false(json_write_string(&sb, "abc"));
	strbuf_free(&sb);
}

static void hangul_strings_roundtrip(void **state)
{
	(void)state;
	const char *texts[] = {
		"\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4",               /* 한국어 */
		"\xEB\xA9\x94\xEB\xAA\xA8: \"\xEC\x9D\xB8\xEC\x9A\xA9\"\n\t\xF0\x9F\x8E\x89",
		"\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB",               /* 한, decomposed */
		"\xEF\xBB\xBF\x01",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		strbuf sb = STRBUF_INIT;
		assert_true(json_write_string(&sb, texts[i]));
		json_value *v = parse_ok(sb.data, sb.len, __FILE__, __LINE__);
		assert_int_equal(v->type, JSON_STRING);
		assert_string_equal(v->u.string, texts[i]);
		json_free(v);
		strbuf_free(&sb);
	}
	json_value *v = PARSE_OK("\"\\uD55C\\uAD6D\\uC5B4\"");
	assert_string_equal(v->u.string, texts[0]);
	json_free(v);
}

static void type_names_for_messages(void **state)
{
	(void)state;
	assert_string_equal(json_type_name(JSON_NULL), "null");
	assert_string_equal(json_type_name(JSON_FALSE), "boolean");
	assert_string_equal(json_type_name(JSON_TRUE), "boolean");
	assert_string_equal(json_type_name(JSON_NUMBER), "number");
	assert_string_equal(json_type_name(JSON_STRING), "string");
	assert_string_equal(json_type_name(JSON_ARRAY), "array");
	assert_string_equal(json_type_name(JSON_OBJECT), "object");
}

static void free_accepts_null(void **state)
{
	(void)state;
	json_free(NULL);
}

/* Every outcome must be a tree or a located error; sanitizers and valgrind
 * turn any stray read or leak on these inputs into a failure. */
static void check_survives(const char *buf, size_t len)
{
	json_value *v = NULL;
	json_error err;
	size_t consumed = 0;
	if (json_parse(buf, len, 1, &consumed, &v, &err)) {
		assert_non_null(v);
		assert_true(consumed <= len);
		json_free(v);
		return;
	}
	assert_null(v);
	assert_true(err.offset <= len);
	assert_true(err.line >= 1);
	assert_true(err.col >= 1);
	assert_true(err.message[0] != '\0');
}

static void never_crashes_on_truncated_or_mutated_input(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"id\":\"e-1\",\"t\":-12.5e3,\"ok\":[true,false,null],\n"
		" \"text\":\"\xED\x95\x9C \\ud83d\\ude00 \\u00e9\\n\\\"\",\n"
		" \"deep\":{\"a\":[{\"b\":[]},{}]},\"\xF0\x9F\x8E\x89\":0}\n";
	static const unsigned char bytes[] = {0x00, '"', '\\', '{', '}', '[',
		']', ',', ':', '0', 'u', 0x80, 0xBF, 0xC0, 0xED, 0xF4, 0xFF};
	size_t len = sizeof doc - 1;
	char copy[sizeof doc];
	for (size_t n = 0; n <= len; n++) {
		char *prefix = malloc(n ? n : 1);
		assert_non_null(prefix);
		memcpy(prefix, doc, n);
		check_survives(prefix, n);
		free(prefix);
	}
	for (size_t i = 0; i < len; i++) {
		for (size_t b = 0; b < sizeof bytes; b++) {
			memcpy(copy, doc, sizeof doc);
			copy[i] = (char)bytes[b];
			check_survives(copy, len);
		}
	}
}

/* What a streamed parse hands over: key, index and offset of each element,
 * and what the root held when it came. */
typedef struct {
	strbuf log;
	int stop_at;   /* stop at this call, or -1 */
	int calls;
} stream_log;

static bool log_element(void *ctx, const json_value *root, const char *key,
		size_t index, json_value *item, size_t offset)
{
	stream_log *l = ctx;
	const json_value *f = json_get(root, "format");
	strbuf_printf(&l->log, "%s[%zu]@%zu:%s:%s;", key, index, offset,
			json_type_name(item->type), f ? f->u.string : "-");
	json_free(item);
	return l->calls++ != l->stop_at;
}

static void streams_the_root_objects_arrays(void **state)
{
	(void)state;
	static const char doc[] = "{\"format\": \"x\", \"a\": [1, {\"n\": [2, 3]}],"
		" \"b\": [], \"c\": {\"d\": [4]}, \"e\": [[5]]}";
	stream_log l = {STRBUF_INIT, -1, 0};
	json_stream st = {log_element, &l};
	json_value *v = NULL;
	json_error err;
	size_t used = 0;
	assert_true(json_parse_stream(doc, sizeof(doc) - 1, 1, &st, &used, &v,
			&err));
	assert_int_equal(used, sizeof(doc) - 1);
	/* only arrays directly under the root; nested ones stay in the tree */
	assert_string_equal(strbuf_str(&l.log), "a[0]@22:number:x;"
			"a[1]@25:object:x;e[0]@73:array:x;");
	assert_int_equal(json_get(v, "a")->u.array.len, 0);
	assert_int_equal(json_get(json_get(v, "c"), "d")->u.array.len, 1);
	json_free(v);
	strbuf_free(&l.log);

	/* a root array is a value like any other */
	stream_log r = {STRBUF_INIT, -1, 0};
	st.ctx = &r;
	assert_true(json_parse_stream("[[1]]", 5, 1, &st, &used, &v, &err));
	assert_string_equal(strbuf_str(&r.log), "");
	assert_int_equal(v->u.array.len, 1);
	json_free(v);
	strbuf_free(&r.log);

	/* the callback stops the parse, which fails where the element began */
	stream_log s = {STRBUF_INIT, 1, 0};
	st.ctx = &s;
	assert_false(json_parse_stream(doc, sizeof(doc) - 1, 1, &st, &used, &v,
			&err));
	assert_null(v);
	assert_string_equal(err.message, "stopped by the reader");
	assert_int_equal(err.offset, 25);
	strbuf_free(&s.log);

	/* an element's syntax error is reported as json_parse reports it */
	stream_log e = {STRBUF_INIT, -1, 0};
	st.ctx = &e;
	assert_false(json_parse_stream("{\"a\": [1,\n 2 3]}", 16, 1, &st, &used,
			&v, &err));
	assert_string_equal(err.message, "expected ',' or ']' after array element");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 4);
	assert_string_equal(strbuf_str(&e.log), "a[0]@7:number:-;a[1]@11:number:-;");
	strbuf_free(&e.log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(streams_the_root_objects_arrays),
		cmocka_unit_test(parses_literals_with_line_and_col),
		cmocka_unit_test(keeps_number_literal_text),
		cmocka_unit_test(rejects_leading_zeros),
		cmocka_unit_test(rejects_malformed_numbers),
		cmocka_unit_test(rejects_nan_and_infinity),
		cmocka_unit_test(decodes_simple_escapes),
		cmocka_unit_test(decodes_unicode_escapes_to_utf8),
		cmocka_unit_test(decodes_surrogate_pair_to_utf8),
		cmocka_unit_test(rejects_lone_surrogate),
		cmocka_unit_test(rejects_mismatched_surrogate_pair),
		cmocka_unit_test(rejects_nul_escape),
		cmocka_unit_test(rejects_invalid_escapes),
		cmocka_unit_test(rejects_raw_control_characters_in_strings),
		cmocka_unit_test(rejects_unterminated_string),
		cmocka_unit_test(rejects_overlong_utf8),
		cmocka_unit_test(rejects_utf8_encoded_surrogate),
		cmocka_unit_test(rejects_utf8_above_10ffff),
		cmocka_unit_test(rejects_truncated_utf8),
		cmocka_unit_test(rejects_stray_continuation_and_invalid_bytes),
		cmocka_unit_test(rejects_invalid_utf8_outside_strings),
		cmocka_unit_test(bom_rejected),
		cmocka_unit_test(rejects_duplicate_keys),
		cmocka_unit_test(rejects_duplicate_keys_in_large_object),
		cmocka_unit_test(accepts_large_object_with_distinct_keys),
		cmocka_unit_test(duplicate_key_message_escapes_and_shortens_key),
		cmocka_unit_test(duplicate_key_message_cuts_hangul_between_syllables),
		cmocka_unit_test(parse_reports_line_and_col_of_missing_comma),
		cmocka_unit_test(reports_missing_colon_and_bad_keys),
		cmocka_unit_test(rejects_trailing_commas),
		cmocka_unit_test(reports_missing_values),
		cmocka_unit_test(reports_unexpected_end_of_input),
		cmocka_unit_test(reports_unexpected_character),
		cmocka_unit_test(rejects_invalid_literals),
		cmocka_unit_test(nesting_limit_64),
		cmocka_unit_test(stops_after_first_value_for_ndjson),
		cmocka_unit_test(line_base_offsets_reported_lines),
		cmocka_unit_test(columns_count_bytes_not_characters),
		cmocka_unit_test(accepts_crlf_and_rejects_other_white_space),
		cmocka_unit_test(objects_keep_document_order),
		cmocka_unit_test(json_get_finds_members_only_in_objects),
		cmocka_unit_test(empty_strings_and_containers),
		cmocka_unit_test(parses_long_array),
		cmocka_unit_test(accepts_null_err_and_consumed),
		cmocka_unit_test(write_string_escapes_controls_and_quotes),
		cmocka_unit_test(write_string_reports_failed_buffer),
		cmocka_unit_test(hangul_strings_roundtrip),
		cmocka_unit_test(type_names_for_messages),
		cmocka_unit_test(free_accepts_null),
		cmocka_unit_test(never_crashes_on_truncated_or_mutated_input),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
