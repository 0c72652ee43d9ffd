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

static bool put_found(const yp_event *e, bool in_note, void *ctx)
{
	strbuf_printf(ctx, "%s%s ", e->id, in_note ? "!" : "");
	return true;
}

static bool put_row(const event_row *row, void *ctx)
{
	strbuf_printf(ctx, "%s ", row->id);
	return true;
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
	assert_int_equal(store_search(s, strbuf_str(&match), 500, put_found,
				      &out, &err), YP_OK);
	event_filter flt = {.match = strbuf_str(&match)};
	strbuf_puts(&out, "| first ");
	assert_int_equal(store_rows_from(s, &flt, NULL, WINDOW_FIRST, 30,
					 put_row, &out, &err), YP_OK);
	*total = store_rows_total(s, &flt, &err);
	strbuf_free(&match);
	return strbuf_take(&out);
}

typedef struct {
	const char *query;
	long total;
	uint64_t digest;
} expected;

/* Recorded from schema 8's index (commit 802c8ba). */
static const expected answers[] = {
#include "search_index_answers.inc"
};

static void every_query_finds_what_the_old_index_found(void **state)
{
	fixture *f = *state;
	int wrong = 0;
	for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		long total = 0;
		char *got = searched(f->s, answers[i].query, &total);
		uint64_t h = digest(got);
		if (total != answers[i].total || h != answers[i].digest) {
			print_error("\t{\"%s\", %ld, %#" PRIx64 "u},\n",
				    answers[i].query, total, h);
			wrong++;
		}
		free(got);
	}
	assert_int_equal(wrong, 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_query_finds_what_the_old_index_found),
		cmocka_unit_test(edits_keep_the_index_in_step),
	};
	return cmocka_run_group_tests(tests, setup, support_store_teardown);
}
