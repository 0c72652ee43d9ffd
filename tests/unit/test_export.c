/* test_export.c: the escaping and folding of the iCalendar, CSV and
 * Markdown exports, byte for byte (tests/check_exports.py reads whole
 * exports back with real parsers). */
#include "support.h"

#include <string.h>

#include "yeonpyo/export_formats.h"

static void ics_text_escapes_its_four_characters(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	export_ics_text(&sb, "a,b;c\\d\ne");
	assert_string_equal(strbuf_str(&sb), "a\\,b\\;c\\\\d\\ne");
	strbuf_reset(&sb);
	/* ESC, CR, DEL and C1 CSI are left out; tab is a control too */
	export_ics_text(&sb, "x\x1b[31my\r\x7f\xc2\x9bz\tw");
	assert_string_equal(strbuf_str(&sb), "x[31myzw");
	strbuf_free(&sb);
}

static void ics_lines_fold_at_75_octets_between_characters(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	char line[200];
	memset(line, 'a', 150);
	export_ics_fold(&sb, line, 150);
	/* 75, then a space and 74, then a space and the last 1 */
	assert_int_equal(sb.len, 150 + 3 * 2 + 2);
	const char *s = strbuf_str(&sb);
	assert_memory_equal(s + 75, "\r\n a", 4);
	assert_memory_equal(s + 75 + 3 + 74, "\r\n a\r\n", 6);
	strbuf_reset(&sb);
	/* 74 ASCII bytes then a 3-byte syllable: it goes whole to the next */
	memset(line, 'b', 74);
	static const unsigned char ga[] = {0xea, 0xb0, 0x80};  /* 가 */
	memcpy(line + 74, ga, sizeof(ga));
	export_ics_fold(&sb, line, 77);
	assert_int_equal(sb.len, 74 + 3 + 3 + 2);
	assert_memory_equal(strbuf_str(&sb) + 74, "\r\n \xea\xb0\x80\r\n", 8);
	strbuf_reset(&sb);
	export_ics_fold(&sb, "short", 5);
	assert_string_equal(strbuf_str(&sb), "short\r\n");
	strbuf_free(&sb);
}

/* Bytes that are not UTF-8 (no character starts among them) are cut at
 * 75 all the same; backing up to the line's start made no progress. */
static void ics_fold_ends_on_bytes_that_are_not_utf8(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	char line[200];
	memset(line, 0x80, sizeof(line));
	export_ics_fold(&sb, line, sizeof(line));
	assert_int_equal(sb.len, 200 + 3 * 2 + 2);
	strbuf_free(&sb);
}

static void csv_fields_are_quoted_only_when_they_must_be(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	export_csv_field(&sb, "plain text");
	assert_string_equal(strbuf_str(&sb), "plain text");
	strbuf_reset(&sb);
	export_csv_field(&sb, "a, \"b\"\nc");
	assert_string_equal(strbuf_str(&sb), "\"a, \"\"b\"\"\nc\"");
	strbuf_reset(&sb);
	export_csv_field(&sb, NULL);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_reset(&sb);
	export_csv_field(&sb, "bell\a and esc\x1b");
	assert_string_equal(strbuf_str(&sb), "bell and esc");
	strbuf_free(&sb);
}

static void markdown_text_escapes_what_would_format(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	export_md_text(&sb, "*a* _b_ [c](d) <e> `f` #1 R&D 한국\nnext");
	assert_string_equal(strbuf_str(&sb),
			    "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\#1 "
			    "R\\&D 한국 next");
	strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ics_text_escapes_its_four_characters),
		cmocka_unit_test(ics_lines_fold_at_75_octets_between_characters),
		cmocka_unit_test(ics_fold_ends_on_bytes_that_are_not_utf8),
		cmocka_unit_test(csv_fields_are_quoted_only_when_they_must_be),
		cmocka_unit_test(markdown_text_escapes_what_would_format),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
