/* test_text.c: display width by grapheme cluster, cutting to a width
 * without splitting a syllable, NFC normalization, control detection. */
#include "support.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

#include "yeonpyo/text.h"

static void hangul_syllables_are_two_columns(void **state)
{
	(void)state;
	assert_int_equal(text_width("가"), 2);
	assert_int_equal(text_width("한국어"), 6);
	assert_int_equal(text_width("SK텔레콤"), 8);
	assert_int_equal(text_width("KT·KAIST"), 8);
	assert_int_equal(text_width(""), 0);
}

static void nfd_hangul_measures_like_nfc(void **state)
{
	(void)state;
	/* 각 as L V T jamo: one cluster, two columns */
	assert_int_equal(text_width("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8"), 2);
	assert_int_equal(text_width("e\xcc\x81"), 1); /* e + combining acute */
	assert_int_equal(text_width("ＳＫ"), 4);      /* fullwidth forms */
	assert_int_equal(text_width("…"), 1);         /* ambiguous: narrow */
}

static void fit_pads_to_exact_width(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	assert_int_equal(text_fit(&sb, "KT", 6, true), 6);
	assert_string_equal(strbuf_str(&sb), "KT    ");
	strbuf_reset(&sb);
	assert_int_equal(text_fit(&sb, "한국", 6, true), 6);
	assert_string_equal(strbuf_str(&sb), "한국  ");
	strbuf_free(&sb);
}

static void fit_never_splits_a_wide_character(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	/* 5 columns: 한(2) 국(2) then no room for 어 beside the ellipsis */
	assert_int_equal(text_fit(&sb, "한국어입니다", 5, true), 5);
	assert_string_equal(strbuf_str(&sb), "한국…");
	strbuf_reset(&sb);
	/* 6 columns: 한국 + … = 5, padded with one space */
	assert_int_equal(text_fit(&sb, "한국어입니다", 6, true), 6);
	assert_string_equal(strbuf_str(&sb), "한국… ");
	strbuf_reset(&sb);
	assert_int_equal(text_fit(&sb, "한국어입니다", 6, false), 5);
	assert_string_equal(strbuf_str(&sb), "한국…");
	strbuf_reset(&sb);
	assert_int_equal(text_fit(&sb, "abcdef", 4, false), 4);
	assert_string_equal(strbuf_str(&sb), "abc…");
	strbuf_reset(&sb);
	assert_int_equal(text_fit(&sb, "abc", 0, true), 0);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_free(&sb);
}

static void nfc_composes_jamo(void **state)
{
	(void)state;
	char *s = text_nfc("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8");
	assert_non_null(s);
	assert_string_equal(s, "각");
	free(s);
	s = text_nfc("이미 NFC");
	assert_string_equal(s, "이미 NFC");
	free(s);
	assert_null(text_nfc("\xff"));
}

static void finds_control_characters(void **state)
{
	(void)state;
	assert_int_equal(text_find_control("plain 한글", false), -1);
	assert_int_equal(text_find_control("a\x1b[31m", false), 1);
	assert_int_equal(text_find_control("line\nnext", true), -1);
	assert_int_equal(text_find_control("line\nnext", false), 4);
	assert_int_equal(text_find_control("c1 \xc2\x9b", false), 3);
	assert_int_equal(text_find_control("del\x7f", false), 3);
}

typedef struct {
	char lines[16][128];
	int n;
} collected;

static bool collect_line(const char *line, size_t len, void *ctx)
{
	collected *c = ctx;
	assert_true(c->n < 16 && len < 128);
	memcpy(c->lines[c->n], line, len);
	c->lines[c->n][len] = '\0';
	c->n++;
	return true;
}

static void wrap_keeps_korean_words_whole(void **state)
{
	(void)state;
	collected c = {{{0}}, 0};
	text_wrap("SK텔레콤은 4일 서울 을지로 본사에서 인공지능(AI) 사업 "
		  "전략을 발표했다.", 20, 0, collect_line, &c);
	assert_int_equal(c.n, 4);
	assert_string_equal(c.lines[0], "SK텔레콤은 4일 서울");
	assert_string_equal(c.lines[1], "을지로 본사에서");
	assert_string_equal(c.lines[2], "인공지능(AI) 사업");
	assert_string_equal(c.lines[3], "전략을 발표했다.");
	for (int i = 0; i < c.n; i++)
		assert_true(text_width(c.lines[i]) <= 20);
}

static void wrap_cuts_only_words_wider_than_the_line(void **state)
{
	(void)state;
	collected c = {{{0}}, 0};
	text_wrap("가나다라마바사아자차", 7, 0, collect_line, &c);
	assert_int_equal(c.n, 4);
	assert_string_equal(c.lines[0], "가나다");
	assert_string_equal(c.lines[1], "라마바");
	assert_string_equal(c.lines[2], "사아자");
	assert_string_equal(c.lines[3], "차");
	c.n = 0;
	text_wrap("The quick brown fox", 10, 0, collect_line, &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.lines[0], "The quick");
	assert_string_equal(c.lines[1], "brown fox");
}

/* U+0600, a prepended concatenation mark, joins what follows it into one
 * cluster, spaces included, so a break opportunity can cut a cluster:
 * the line is measured whole, and is never wider than the width (found
 * by fuzz_text: "line?   \u0600" came out 8 columns wide at 7). */
static void wrap_never_exceeds_the_width_around_a_prepended_mark(void **state)
{
	(void)state;
	collected c = {{{0}}, 0};
	text_wrap("line?   \xd8\x80 ^D^E", 7, 0, collect_line, &c);
	assert_true(c.n >= 2);
	for (int i = 0; i < c.n; i++)
		if (text_width(c.lines[i]) > 7)
			fail_msg("line %d is %d columns: \"%s\"", i,
				 text_width(c.lines[i]), c.lines[i]);
}

static void wrap_normal_breaks_between_syllables(void **state)
{
	(void)state;
	collected c = {{{0}}, 0};
	text_wrap("을지로 본사에서 발표했다", 12, TEXT_WRAP_NORMAL, collect_line, &c);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.lines[0], "을지로 본사");
	assert_string_equal(c.lines[1], "에서 발표했");
	assert_string_equal(c.lines[2], "다");
	c.n = 0;
	text_wrap("을지로 본사에서 발표했다", 12, 0, collect_line, &c);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.lines[0], "을지로");
	assert_string_equal(c.lines[1], "본사에서");
	assert_string_equal(c.lines[2], "발표했다");
}

static void wrap_honours_newlines(void **state)
{
	(void)state;
	collected c = {{{0}}, 0};
	text_wrap("첫 줄\n\n셋째 줄", 40, 0, collect_line, &c);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.lines[0], "첫 줄");
	assert_string_equal(c.lines[1], "");
	assert_string_equal(c.lines[2], "셋째 줄");
}

static bool count_cluster(const text_cluster *cl, void *ctx)
{
	int *n = ctx;
	(*n)++;
	return cl->width >= 0;
}

static void clusters_keep_jamo_and_marks_together(void **state)
{
	(void)state;
	int n = 0;
	const char *s = "가\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8" "e\xcc\x81";
	assert_true(text_each_cluster(s, strlen(s), count_cluster, &n));
	assert_int_equal(n, 3);
	int used = 0;
	assert_int_equal(text_prefix("한국어", strlen("한국어"), 5, &used), 6);
	assert_int_equal(used, 4);
}

static void assert_display(const char *in, unsigned flags, const char *want)
{
	char *got = text_display(in, flags);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("display of \"%s\" is \"%s\", not \"%s\"", in, got, want);
	free(got);
}

static void display_makes_controls_visible(void **state)
{
	(void)state;
	assert_display("a\x1b]0;pwned\x07" "b", 0, "a^[]0;pwned^Gb");
	assert_display("clear\x1b[2J", 0, "clear^[[2J");
	assert_display("del\x7f", 0, "del^?");
	assert_display("c1\xc2\x9b" "31m", 0, "c1<U+009B>31m");
	assert_display("line\nnext", 0, "line^Jnext");
	assert_display("line\nnext", TEXT_KEEP_NEWLINES, "line\nnext");
	/* right-to-left override and isolates */
	assert_display("ab\xe2\x80\xae" "cd", 0, "ab<U+202E>cd");
	assert_display("\xe2\x81\xa6x\xe2\x81\xa9", 0, "<U+2066>x<U+2069>");
	assert_display("한국어 SK텔레콤", 0, "한국어 SK텔레콤");
}

static void display_draws_what_a_cell_can_hold(void **state)
{
	(void)state;
	/* family ZWJ sequence: the first person only */
	assert_display("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2"
		       "\x80\x8d\xf0\x9f\x91\xa7!", 0, "\xf0\x9f\x91\xa8!");
	/* thumbs up with a skin tone: the thumb */
	assert_display("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 0,
		       "\xf0\x9f\x91\x8d");
	/* heart with VS16 stays whole; e with a combining acute composes */
	assert_display("\xe2\x9d\xa4\xef\xb8\x8f" " e\xcc\x81", 0,
		       "\xe2\x9d\xa4\xef\xb8\x8f" " \xc3\xa9");
	/* where ambiguous characters are wide, VS16 (ambiguous) goes, and
	 * the composed e is folded */
	assert_display("\xe2\x9d\xa4\xef\xb8\x8f" " e\xcc\x81",
		       TEXT_AMBIGUOUS_WIDE, "\xe2\x9d\xa4 e");
	/* NFD 각 is shown composed, as its NFC twin */
	assert_display("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", 0, "각");
	/* archaic jamo that do not compose stay together in one cluster */
	assert_display("\xe1\x84\x92\xe1\x86\x9e\xe1\x86\xab", 0,
		       "\xe1\x84\x92\xe1\x86\x9e\xe1\x86\xab");
	/* U+1FAE8, an emoji newer than glibc 2.36, and an unassigned code
	 * point become a box (or '?' where ambiguous characters are wide) */
	assert_display("\xf0\x9f\xab\xa8", 0, "\xe2\x96\xa1");
	assert_display("\xf0\x9f\xab\xa8", TEXT_AMBIGUOUS_WIDE, "?");
	assert_display("\xcd\xb8", 0, "\xe2\x96\xa1"); /* U+0378 */
}

static void display_romanizes_for_terminals_without_hangul(void **state)
{
	(void)state;
	assert_display("카이스트 KAIST", TEXT_ROMANIZE, "kaiseuteu KAIST");
	assert_display("\xe2\x80\x9c유영상\xe2\x80\x9d \xc2\xb7 SKT", TEXT_ROMANIZE,
		       "\"yuyeongsang\" / SKT");
	assert_display("\x1b[31m한", TEXT_ROMANIZE, "^[[31mhan");
}

static void dates_read_naturally_at_their_precision(void **state)
{
	(void)state;
	static const struct {
		const char *iso;
		const char *ko;
		const char *en;
	} cases[] = {
		{"2025-02-04", "2025년 2월 4일 (화)", "Feb 4, 2025 (Tue)"},
		{"2021-05", "2021년 5월", "May 2021"},
		{"2021", "2021년", "2021"},
		{"2024-02-29", "2024년 2월 29일 (목)", "Feb 29, 2024 (Thu)"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		yp_date d;
		char why[96];
		assert_true(date_parse(cases[i].iso, &d, why, sizeof(why)));
		strbuf sb = STRBUF_INIT;
		assert_true(text_format_date(&sb, &d, "ko"));
		assert_string_equal(strbuf_str(&sb), cases[i].ko);
		strbuf_reset(&sb);
		assert_true(text_format_date(&sb, &d, "en"));
		assert_string_equal(strbuf_str(&sb), cases[i].en);
		strbuf_free(&sb);
	}
	/* a kept text_locale gives the same, case after case, both ways */
	text_locale *ko = text_locale_open("ko");
	text_locale *en = text_locale_open("en");
	for (size_t round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			yp_date d;
			char why[96];
			assert_true(date_parse(cases[i].iso, &d, why, sizeof(why)));
			strbuf sb = STRBUF_INIT;
			assert_true(text_locale_date(ko, &sb, &d));
			assert_string_equal(strbuf_str(&sb), cases[i].ko);
			strbuf_reset(&sb);
			assert_true(text_locale_date(en, &sb, &d));
			assert_string_equal(strbuf_str(&sb), cases[i].en);
			strbuf_free(&sb);
		}
	}
	assert_non_null(text_locale_collator(ko));
	assert_true(text_collate(text_locale_collator(ko), "가", "나") < 0);
	text_locale_close(ko);
	text_locale_close(en);
	text_locale_close(NULL);
}

/* The width of one code point by ICU's properties, as text.c judged
 * every one before it answered ASCII and the syllables itself. */
static int icu_width(UChar32 c)
{
	int8_t cat = (int8_t)u_charType(c);
	if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK ||
	    cat == U_FORMAT_CHAR || cat == U_CONTROL_CHAR)
		return 0;
	int hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
	if (hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO)
		return 0;
	int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ? 2 : 1;
}

/* ASCII (controls and NUL included) and every precomposed syllable, with
 * the code points either side of the block, take the widths ICU's
 * properties give them. */
static void ascii_and_syllables_are_as_wide_as_icu_says(void **state)
{
	(void)state;
	static const UChar32 ranges[][2] = {{0, 0xFF}, {0xABFF, 0xD7A4}};
	for (size_t r = 0; r < 2; r++) {
		for (UChar32 c = ranges[r][0]; c <= ranges[r][1]; c++) {
			/* U+0000 to U+FFFF in UTF-8 */
			unsigned u = (unsigned)c;
			char utf8[3] = {(char)u, 0, 0};
			size_t n = 1;
			if (u >= 0x800) {
				utf8[0] = (char)(0xE0 | u >> 12);
				utf8[1] = (char)(0x80 | (u >> 6 & 0x3F));
				utf8[2] = (char)(0x80 | (u & 0x3F));
				n = 3;
			} else if (u >= 0x80) {
				utf8[0] = (char)(0xC0 | u >> 6);
				utf8[1] = (char)(0x80 | (u & 0x3F));
				n = 2;
			}
			int got = text_width_n(utf8, n);
			if (got != icu_width(c))
				fail_msg("U+%04X is %d wide, ICU says %d",
					 (unsigned)c, got, icu_width(c));
		}
	}
}

/* A date as ICU's pattern generator writes a skeleton in locale: what
 * text_locale_date wrote before it kept the patterns of ko and en. */
static void generated_date(strbuf *out, const char *locale, const char *skel,
			   const yp_date *d)
{
	UErrorCode st = U_ZERO_ERROR;
	UDateTimePatternGenerator *g = udatpg_open(locale, &st);
	UChar uskel[16], pattern[64], text[128];
	u_uastrcpy(uskel, skel);
	int32_t plen = udatpg_getBestPattern(g, uskel, -1, pattern, 64, &st);
	UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, u"UTC",
				   -1, pattern, plen, &st);
	UCalendar *cal = ucal_open(u"UTC", -1, "en", UCAL_GREGORIAN, &st);
	ucal_clear(cal);
	ucal_setDate(cal, d->year, d->month ? d->month - 1 : 0,
		     d->day ? d->day : 1, &st);
	int32_t n = udat_format(f, ucal_getMillis(cal, &st), text, 128, NULL,
				&st);
	char utf8[512];
	u_strToUTF8(utf8, sizeof(utf8), NULL, text, n, &st);
	assert_false(U_FAILURE(st));
	strbuf_puts(out, utf8);
	ucal_close(cal);
	udat_close(f);
	udatpg_close(g);
}

/* What text_locale_date writes, from the generator. */
static void generated_text(strbuf *out, const char *locale, const yp_date *d)
{
	if (d->precision == DATE_YEAR) {
		generated_date(out, locale, "y", d);
	} else if (d->precision == DATE_MONTH) {
		generated_date(out, locale, "yMMMM", d);
	} else {
		generated_date(out, locale, "yMMMd", d);
		strbuf_puts(out, " (");
		generated_date(out, locale, "EEE", d);
		strbuf_putc(out, ')');
	}
}

/* The patterns kept for ko and en, instead of building ICU's pattern
 * generator at the first detail pane, write every date as the generator
 * does: each year of the timeline, each month of three, each day of a
 * leap year and of the first and last years; and another locale, which
 * still asks the generator, too. */
static void kept_date_patterns_write_what_the_generator_does(void **state)
{
	(void)state;
	static const char *const locales[] = {"ko", "en", "ja"};
	static const int day_years[] = {1990, 2024, 2030};
	for (size_t l = 0; l < 3; l++) {
		text_locale *tl = text_locale_open(locales[l]);
		assert_non_null(tl);
		size_t compared = 0;
		for (int y = 1990; y <= 2030; y++) {
			for (int m = 0; m <= 12; m++) {
				bool days = false;
				for (size_t k = 0; k < 3; k++)
					days = days || day_years[k] == y;
				int last = !m ? 0 : !days ? 0
					   : m == 2 ? (y % 4 ? 28 : 29)
					   : m == 4 || m == 6 || m == 9 ||
						     m == 11 ? 30 : 31;
				if (m && y % 20 != 4 && !days)
					continue;  /* months of 2004, 2024 */
				for (int day = 0; day <= last; day++) {
					yp_date d = {y, m, day,
						     day ? DATE_DAY : m ? DATE_MONTH
							 : DATE_YEAR};
					strbuf got = STRBUF_INIT, want = STRBUF_INIT;
					assert_true(text_locale_date(tl, &got, &d));
					generated_text(&want, locales[l], &d);
					if (strcmp(strbuf_str(&got), strbuf_str(&want)))
						fail_msg("%s %d-%d-%d: \"%s\", the generator "
							 "\"%s\"", locales[l], y, m, day,
							 strbuf_str(&got), strbuf_str(&want));
					strbuf_free(&got);
					strbuf_free(&want);
					compared++;
				}
			}
		}
		assert_true(compared > 1000);
		text_locale_close(tl);
	}
}

int main(void)
{
	/* widths as the C library sees them in a UTF-8 locale */
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hangul_syllables_are_two_columns),
		cmocka_unit_test(nfd_hangul_measures_like_nfc),
		cmocka_unit_test(fit_pads_to_exact_width),
		cmocka_unit_test(fit_never_splits_a_wide_character),
		cmocka_unit_test(nfc_composes_jamo),
		cmocka_unit_test(finds_control_characters),
		cmocka_unit_test(wrap_keeps_korean_words_whole),
		cmocka_unit_test(wrap_cuts_only_words_wider_than_the_line),
		cmocka_unit_test(wrap_honours_newlines),
		cmocka_unit_test(dates_read_naturally_at_their_precision),
		cmocka_unit_test(kept_date_patterns_write_what_the_generator_does),
		cmocka_unit_test(ascii_and_syllables_are_as_wide_as_icu_says),
		cmocka_unit_test(wrap_never_exceeds_the_width_around_a_prepended_mark),
		cmocka_unit_test(wrap_normal_breaks_between_syllables),
		cmocka_unit_test(clusters_keep_jamo_and_marks_together),
		cmocka_unit_test(display_makes_controls_visible),
		cmocka_unit_test(display_draws_what_a_cell_can_hold),
		cmocka_unit_test(display_romanizes_for_terminals_without_hangul),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
