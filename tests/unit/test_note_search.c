/* test_note_search.c: a search finds an event by the user's note as by its
 * own text. On a generated timeline (build/gen) every search gives what it
 * gave before there were notes when the only note is unrelated, through
 * the command line's ranked search and the browser's windows, counts and
 * months (a broad search's map and a narrow one's gathered hits alike);
 * a note that matches adds its event, and says it was the note. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/search.h"
#include "yeonpyo/store.h"

#define EVENTS 2000

typedef support_store fixture;

static int setup(void **state)
{
	fixture *f = support_store_generated(EVENTS, 3);
	*state = f;
	return 0;
}

/* Queries of each kind the search has: a Korean bigram and a syllable,
 * initial consonants, an English prefix matching a quarter of the events
 * (kept as a map), two words, and a year with a word. */
static const char *const queries[] = {
	"도미", "먼", "ㄷㅁ", "tele", "sovereign foundation", "lab 2025",
};

static bool put_month(long month, long n, void *ctx)
{
	strbuf_printf(ctx, "%ld:%ld ", month, n);
	return true;
}

/* Everything a search shows for query: the ranked list, then the
 * browser's first and last windows, the count, the places of three rows
 * and the months, with the search kept as a map (map_min 1) or gathered
 * (a map_min above every count). */
static char *searched(store *s, const char *query, long map_min)
{
	strbuf out = STRBUF_INIT, match = STRBUF_INIT;
	assert_true(search_build_query(query, &match));
	yp_error err = {0};
	store_tune_search(s, map_min);
	assert_int_equal(store_search(s, strbuf_str(&match), 200,
				      support_put_found, &out, &err), YP_OK);
	event_filter flt = {.match = strbuf_str(&match)};
	strbuf_puts(&out, "| first ");
	assert_int_equal(store_rows_from(s, &flt, NULL, WINDOW_FIRST, 30,
					 support_put_row, &out, &err), YP_OK);
	strbuf_puts(&out, "| last ");
	assert_int_equal(store_rows_from(s, &flt, NULL, WINDOW_LAST, 30,
					 support_put_row, &out, &err), YP_OK);
	strbuf_printf(&out, "| total %ld (%s) | ",
		      store_rows_total(s, &flt, &err),
		      store_search_mapped(s) ? "map" : "hits");
	const row_key places[] = {{19950101, "ev-1"}, {20100601, "ev-5"},
				  {20250101, "ev-9"}};
	for (size_t i = 0; i < 3; i++)
		strbuf_printf(&out, "before %ld; ",
			      store_rows_before(s, &flt, &places[i], &err));
	assert_int_equal(store_month_counts(s, &flt, put_month, &out, &err),
			 YP_OK);
	strbuf_free(&match);
	return strbuf_take(&out);
}

static char *search_all(store *s, long map_min)
{
	strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		char *one = searched(s, queries[i], map_min);
		strbuf_printf(&out, "%s: %s\n", queries[i], one);
		free(one);
	}
	return strbuf_take(&out);
}

static void an_unrelated_note_changes_no_search(void **state)
{
	fixture *f = *state;
	const long map_mins[] = {1, 1000000};
	char *before[2];
	for (int i = 0; i < 2; i++)
		before[i] = search_all(f->s, map_mins[i]);
	/* the searches find something, and a map and gathered hits agree */
	assert_non_null(strstr(before[0], "tele: ev-"));
	assert_non_null(strstr(before[0], "(map)"));
	assert_non_null(strstr(before[1], "ㄷㅁ: ev-"));
	yp_error err = {0};
	assert_int_equal(store_note_set(f->s, "ev-5", "qqzzx 휘뷁", &err), YP_OK);
	for (int i = 0; i < 2; i++) {
		char *after = search_all(f->s, map_mins[i]);
		assert_string_equal(after, before[i]);
		free(after);
	}
	free(before[0]);
	free(before[1]);
}

/* The part of a search's text up to its first " | " (the ranked list) or
 * from after "| first " to the next " | " (the first window). */
static char *part(const char *text, const char *from)
{
	const char *p = from ? strstr(text, from) : text;
	assert_non_null(p);
	p += from ? strlen(from) : 0;
	const char *end = strstr(p, "| ");
	assert_non_null(end);
	return strndup(p, (size_t)(end - p));
}

/* A note found by Korean inside one of its words, by an English prefix
 * and by initial consonants adds its event to each search, marked as
 * found in the note; an event found by its text as well is found once. */
static void a_matching_note_adds_its_event_and_says_so(void **state)
{
	fixture *f = *state;
	char *none = searched(f->s, "ㅋㅋㅋㅋㅋㅋ", 1);
	assert_string_equal(none, "| first | last | total 0 (hits) | before 0; "
			    "before 0; before 0; ");
	free(none);
	char *before = searched(f->s, "도미", 1000000);
	assert_string_equal(before, "ev-1703 ev-1453 | first ev-1453 ev-1703 "
			    "| last ev-1703 ev-1453 | total 2 (hits) | before 0; "
			    "before 0; before 2; 202211:1 202300:1 ");
	free(before);
	yp_error err = {0};
	assert_int_equal(store_note_set(f->s, "ev-7", "도미노처럼 번진 일,\n"
					"zebrafish 연구 캬캬캬캬캬캬", &err), YP_OK);
	assert_int_equal(store_note_set(f->s, "ev-1703", "도미 다시 볼 것", &err),
			 YP_OK);
	const long map_mins[] = {1, 1000000};
	for (int i = 0; i < 2; i++) {
		char *ko = searched(f->s, "도미", map_mins[i]);
		char *ranked = part(ko, NULL);
		/* by their own text first, ranked as before; the note
		 * alone adds ev-7 */
		assert_string_equal(ranked, "ev-1703! ev-1453 ev-7! ");
		char *first = part(ko, "| first ");
		assert_string_equal(first, "ev-7 ev-1453 ev-1703 ");
		assert_non_null(strstr(ko, "| total 3 ("));
		free(first);
		free(ranked);
		free(ko);
		char *en = searched(f->s, "zebra", map_mins[i]);
		ranked = part(en, NULL);
		assert_string_equal(ranked, "ev-7! ");
		free(ranked);
		assert_non_null(strstr(en, "| first ev-7 | last ev-7 | total 1 ("));
		free(en);
		char *cho = searched(f->s, "ㅋㅋㅋㅋㅋㅋ", map_mins[i]);
		ranked = part(cho, NULL);
		assert_string_equal(ranked, "ev-7! ");
		free(ranked);
		free(cho);
	}
	/* gone with the note */
	assert_int_equal(store_note_delete(f->s, "ev-7", &err), YP_OK);
	char *en = searched(f->s, "zebra", 1);
	assert_string_equal(en, "| first | last | total 0 (hits) | before 0; "
			    "before 0; before 0; ");
	free(en);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(an_unrelated_note_changes_no_search, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(a_matching_note_adds_its_event_and_says_so, setup, support_store_teardown),
	};
	return cmocka_run_group_tests_name("note_search", tests, NULL, NULL);
}
