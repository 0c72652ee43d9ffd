/* test_search_index.c: the search index's layout may change (what it
 * keeps, which tokens it holds), its answers may not. On a generated
 * timeline (build/gen) fixed queries of every kind — Korean inside words,
 * English prefixes of one to four letters, initial consonants, mixed
 * scripts, a year, a note — give the ranked ids, the count and the first
 * window recorded from the index as it was before (schema 8, a full
 * copy of its texts); and edits of events, organizations, people and
 * sources keep the index in step with the records. */
#include "support.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/search.h"
#include "yeonpyo/store.h"

#define EVENTS 3000

typedef support_store fixture;

static void import_text(store *s, const char *dir, const char *name,
			const char *text)
{
	char *path = support_path(dir, name);
	support_write_file(path, text);
	support_import_file(s, path);
	free(path);
}

static int setup(void **state)
{
	fixture *f = support_store_generated(EVENTS, 7);
	yp_error err = {0};
	assert_int_equal(store_note_set(f->s, "ev-11", "qzx 텔레비전 메모",
					&err), YP_OK);
	*state = f;
	return 0;
}

/* FNV-1a: a long ranked list compared as one number */
static uint64_t digest(const char *s)
{
	uint64_t h = 14695981039346656037u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

/* The ranked list (best first, up to 500), the browser's first window
 * and the count of what query finds. */
static char *searched(store *s, const char *query, long *total)
{
	strbuf out = STRBUF_INIT, match = STRBUF_INIT;
	assert_true(search_build_query(query, &match));
	yp_error err = {0};
	assert_int_equal(store_search(s, strbuf_str(&match), 500,
				      support_put_found, &out, &err), YP_OK);
	event_filter flt = {.match = strbuf_str(&match)};
	strbuf_puts(&out, "| first ");
	assert_int_equal(store_rows_from(s, &flt, NULL, WINDOW_FIRST, 30,
					 support_put_row, &out, &err), YP_OK);
	*total = store_rows_total(s, &flt, &err);
	strbuf_free(&match);
	return strbuf_take(&out);
}

typedef struct {
	const char *query;
	long total;
	uint64_t digest;
} expected;

/* Recorded from schema 8's index (commit 802c8ba), the last ones from
 * schema 10's (commit 1b58e58). */
static const expected answers[] = {
#include "search_index_answers.inc"
};

/* How many of the n queries answer otherwise than recorded; each is
 * printed as the line to record. */
static int wrong_answers(store *s, const expected *want, size_t n)
{
	int wrong = 0;
	for (size_t i = 0; i < n; i++) {
		long total = 0;
		char *got = searched(s, want[i].query, &total);
		uint64_t h = digest(got);
		if (total != want[i].total || h != want[i].digest) {
			print_error("\t{\"%s\", %ld, %#" PRIx64 "u},\n",
				    want[i].query, total, h);
			wrong++;
		}
		free(got);
	}
	return wrong;
}

static void every_query_finds_what_the_old_index_found(void **state)
{
	fixture *f = *state;
	assert_int_equal(wrong_answers(f->s, answers,
				       sizeof(answers) / sizeof(answers[0])), 0);
}

static void count_problem(const char *problem, void *ctx)
{
	print_error("db check: %s\n", problem);
	(*(long *)ctx)++;
}

static void assert_index_matches(store *s)
{
	long problems = 0, seen = 0;
	yp_error err = {0};
	assert_int_equal(store_check(s, count_problem, &seen, &problems, &err),
			 YP_OK);
	assert_int_equal(problems, 0);
}

static long found(store *s, const char *query)
{
	long total = 0;
	free(searched(s, query, &total));
	return total;
}

/* An event written again, an organization, a person and a source renamed:
 * the old words find nothing, the new ones find their events, and the
 * index still matches the records word for word. */
static void edits_keep_the_index_in_step(void **state)
{
	fixture *f = *state;
	assert_index_matches(f->s);
	import_text(f->s, f->dir, "edit.ndjson",
		"{\"organization\": {\"id\": \"org-3\", \"name\": {\"ko\": "
		"\"퀴즈퀵 연구소\", \"en\": \"Quizquack lab\"}, \"short\": "
		"\"QQ\", \"kind\": \"lab\", \"country\": \"KR\"}}\n"
		"{\"person\": {\"id\": \"person-357\", \"name\": {\"ko\": "
		"\"쿽퀑\", \"en\": \"Kwokkwong\"}}}\n"
		"{\"source\": {\"id\": \"src-2412\", \"title\": \"뷃휅 보도\", "
		"\"publisher\": \"Wire 0\", \"language\": \"ko\", "
		"\"kind\": \"news\"}}\n"
		"{\"event\": {\"id\": \"ev-5\", \"date\": \"2001-02-03\", "
		"\"status\": \"done\", \"kind\": \"release\", "
		"\"title\": {\"ko\": \"뷁뷃 출범\", \"en\": \"Zyxwv launch\"}, "
		"\"summary\": {\"ko\": \"요약\", \"en\": \"sum\"}, "
		"\"organizations\": [{\"id\": \"org-3\", \"role\": \"lead\"}]}}\n"
		"{\"event\": {\"id\": \"ev-new\", \"date\": \"2002-02-03\", "
		"\"status\": \"done\", \"kind\": \"release\", "
		"\"title\": {\"ko\": \"뷁뷃 둘째\", \"en\": \"Zyxwv second\"}, "
		"\"summary\": {\"ko\": \"요약\", \"en\": \"sum\"}}}\n");
	assert_index_matches(f->s);
	assert_int_equal(found(f->s, "zyxwv"), 2);
	assert_int_equal(found(f->s, "뷁뷃"), 2);
	assert_int_equal(found(f->s, "quizquack"), found(f->s, "퀴즈퀵"));
	assert_true(found(f->s, "quizquack") >= 1);
	assert_true(found(f->s, "ㅋㅈㅋ") >= found(f->s, "퀴즈퀵"));
	assert_true(found(f->s, "쿽퀑") >= 1);
	assert_int_equal(found(f->s, "kwokkwong"), found(f->s, "쿽퀑"));
	/* a source renamed: before schema 9 its events kept the old title */
	assert_true(found(f->s, "뷃휅") >= 1);
}

/* Hangul that meets Latin letters and digits inside a word, runs that
 * end in a repeated syllable, one syllable and one jamo alone, in the
 * events and in notes (whose index keeps every syllable's own token):
 * recorded from schema 10's index (commit 1b58e58), as above. */
static const expected mixed_answers[] = {
	{"동", 320, 0xf22722dfeb79b02du},
	{"맹", 361, 0x376c1159dd43be52u},
	{"바", 922, 0xb0774386aa5d0fa8u},
	{"ai동", 4, 0xd227efe969190f10u},
	{"ai동맹", 1, 0x3048b879ef1b5657u},
	{"a동b", 3, 0x9a868fa79350eed0u},
	{"a동", 3, 0x9a868fa79350eed0u},
	{"동b", 3, 0x9a868fa79350eed0u},
	{"동ai", 2, 0xc305e252f626b2f7u},
	{"동 맹", 43, 0x46f7b0a59603123au},
	{"ai", 2629, 0xb41ded868d5afcdau},
	{"바바", 5, 0x5a0aba585ea4bdccu},
	{"ㄷ", 2416, 0x88a8ec0063b43707u},
	{"ㄷㄷ", 230, 0x7b5eb58dc9defdc8u},
	{"ㄱ", 2537, 0x376e62ffc5433872u},
	{"가ㄱ", 1, 0x691d1f5d295f8dabu},
	{"가", 875, 0x8ba7fc192c70e216u},
	{"메", 2, 0xabf4ab5bdbcf1235u},
	{"모", 862, 0x31d550bd09c314e5u},
	{"메모", 2, 0xabf4ab5bdbcf1235u},
	{"ＡＩ동", 4, 0xd227efe969190f10u},
	{"ai 동", 283, 0x854c5c96c46e9f86u},
	{"2025년", 1, 0xedd5f6858cf41f57u},
	{"년", 353, 0x332ebf6d10145f16u},
	{"동맹", 4, 0xacd2e24510c10ad6u},
	{"맹동", 1, 0x691d1f5d295f8dabu},
	{"동동", 1, 0x691d1f5d295f8dabu},
};

static void one_syllable_words_find_what_they_found(void **state)
{
	fixture *f = *state;
	import_text(f->s, f->dir, "mixed.ndjson",
		"{\"event\": {\"id\": \"mix-1\", \"date\": \"2003-01-02\", "
		"\"status\": \"done\", \"kind\": \"release\", "
		"\"title\": {\"ko\": \"ai동맹 출범\", \"en\": \"x\"}, "
		"\"summary\": {\"ko\": \"a동b 동ai 동 맹\", \"en\": \"y\"}}}\n"
		"{\"event\": {\"id\": \"mix-2\", \"date\": \"2003-01-03\", "
		"\"status\": \"done\", \"kind\": \"release\", "
		"\"title\": {\"ko\": \"동동 바바바 ai동\", \"en\": \"x\"}, "
		"\"summary\": {\"ko\": \"맹동맹동 ㄷㄷ 가ㄱ\", \"en\": \"y\"}}}\n"
		"{\"event\": {\"id\": \"mix-3\", \"date\": \"2003-01-04\", "
		"\"status\": \"done\", \"kind\": \"release\", "
		"\"title\": {\"ko\": \"ＡＩ동 2025년에\", \"en\": \"x\"}, "
		"\"summary\": {\"ko\": \"a동맹b 바\", \"en\": \"y\"}}}\n");
	yp_error err = {0};
	assert_int_equal(store_note_set(f->s, "mix-1", "메모메모 바바 ai동",
					&err), YP_OK);
	assert_int_equal(store_note_set(f->s, "ev-20", "동맹 a동b 맹", &err),
			 YP_OK);
	assert_index_matches(f->s);
	assert_int_equal(wrong_answers(f->s, mixed_answers,
				       sizeof(mixed_answers) /
					       sizeof(mixed_answers[0])), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_query_finds_what_the_old_index_found),
		cmocka_unit_test(edits_keep_the_index_in_step),
		cmocka_unit_test(one_syllable_words_find_what_they_found),
	};
	return cmocka_run_group_tests(tests, setup, support_store_teardown);
}
