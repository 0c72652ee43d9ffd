/* test_corpus.c: the text module against tests/data/text_corpus.tsv, one
 * case a line (syllables, NFD and compatibility jamo, ambiguous characters
 * in both modes, emoji sequences, unknown code points, fullwidth forms,
 * combining marks, controls, invalid UTF-8, empty text): what is shown,
 * its width, a cut and a wrap. Plus 5,000-character strings. */
#include "support.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/text.h"

/* Decodes \xHH and \n in a corpus field. */
static char *unescape(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	assert_non_null(out);
	size_t n = 0;
	while (*s) {
		if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
			char hex[3] = {s[2], s[3], '\0'};
			out[n++] = (char)strtol(hex, NULL, 16);
			s += 4;
		} else if (s[0] == '\\' && s[1] == 'n') {
			out[n++] = '\n';
			s += 2;
		} else {
			out[n++] = *s++;
		}
	}
	out[n] = '\0';
	return out;
}

typedef struct {
	strbuf sb;
	int lines;
} joined;

static bool join_line(const char *line, size_t len, void *ctx)
{
	joined *j = ctx;
	if (j->lines++)
		strbuf_putc(&j->sb, '|');
	strbuf_append(&j->sb, line, len);
	return true;
}

static unsigned parse_flags(const char *f)
{
	if (strcmp(f, "wide") == 0)
		return TEXT_AMBIGUOUS_WIDE;
	if (strcmp(f, "roman") == 0)
		return TEXT_ROMANIZE;
	return 0;
}

/* Splits a line at tabs into at most n fields (in place). */
static size_t split(char *line, char **fields, size_t n)
{
	size_t k = 0;
	fields[k++] = line;
	for (char *p = line; *p && k < n; p++) {
		if (*p == '\t') {
			*p = '\0';
			fields[k++] = p + 1;
		}
	}
	return k;
}

/* Reports a mismatch and counts it, so one run lists them all. */
static int mismatches;

static void mismatch(int lineno, const char *name, const char *what,
		     const char *got, const char *want)
{
	print_error("line %d (%s): %s is \"%s\", expected \"%s\"\n", lineno,
		    name, what, got, want);
	mismatches++;
}

static void check_case(char **f, int lineno)
{
	char *input = unescape(f[1]);
	unsigned flags = parse_flags(f[2]);
	char *shown = text_display(input, flags);
	assert_non_null(shown);
	char width[16];
	snprintf(width, sizeof(width), "%d", text_width(shown));
	if (strcmp(width, f[3]) != 0)
		mismatch(lineno, f[0], "the width", width, f[3]);
	strbuf fit = STRBUF_INIT;
	text_fit_as(&fit, shown, atoi(f[4]), false, flags);
	if (strcmp(strbuf_str(&fit), f[5]) != 0)
		mismatch(lineno, f[0], "the cut", strbuf_str(&fit), f[5]);
	joined wrapped = {STRBUF_INIT, 0};
	text_wrap(shown, atoi(f[6]), flags, join_line, &wrapped);
	if (strcmp(strbuf_str(&wrapped.sb), f[7]) != 0)
		mismatch(lineno, f[0], "the wrap", strbuf_str(&wrapped.sb), f[7]);
	strbuf_free(&fit);
	strbuf_free(&wrapped.sb);
	free(shown);
	free(input);
}

static void corpus_cases_show_measure_cut_and_wrap(void **state)
{
	(void)state;
	FILE *in = fopen("tests/data/text_corpus.tsv", "r");
	assert_non_null(in);
	char line[4096];
	int lineno = 0, cases = 0;
	while (fgets(line, sizeof(line), in)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *f[8];
		if (split(line, f, 8) != 8)
			fail_msg("line %d: needs 8 tab-separated fields", lineno);
		check_case(f, lineno);
		cases++;
	}
	fclose(in);
	assert_true(cases >= 20);
	assert_int_equal(mismatches, 0);
}

static bool line_fits(const char *line, size_t len, void *ctx)
{
	int *max = ctx;
	int w = text_width_n(line, len);
	if (w > *max)
		fail_msg("a wrapped line is %d columns wide", w);
	return true;
}

static void five_thousand_characters(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 1000; i++)
		strbuf_puts(&sb, i % 7 ? "연표 " : "동맹군의 ");
	const char *s = strbuf_str(&sb);
	char *shown = text_display(s, 0);
	assert_string_equal(shown, s);
	int width = text_width(s);
	assert_int_equal(width, 857 * 5 + 143 * 9);
	strbuf fit = STRBUF_INIT;
	assert_int_equal(text_fit(&fit, s, 80, true), 80);
	assert_int_equal(text_width(strbuf_str(&fit)), 80);
	int max = 37;
	text_wrap(s, 37, 0, line_fits, &max);
	strbuf_free(&fit);
	free(shown);
	strbuf_free(&sb);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(corpus_cases_show_measure_cut_and_wrap),
		cmocka_unit_test(five_thousand_characters),
	};
	return cmocka_run_group_tests_name("corpus", tests, NULL, NULL);
}
