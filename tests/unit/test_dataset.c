/* test_dataset.c: the curated dataset compiled into the binary: it loads
 * without a problem, every event is complete in both languages, every
 * record is used, and the dated facts the sources settle are as recorded. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#include "yeonpyo/dataset.h"
#include "yeonpyo/idset.h"
#include "yeonpyo/search.h"

typedef support_store fixture;

static int setup(void **state)
{
	fixture *f = support_store_new("builtin.db");
	yp_error err = {0};
	assert_int_equal(dataset_sync(f->s, &err), YP_OK);
	*state = f;
	return 0;
}

/* Sentences end in . ! or ? followed by a space or the end. */
static int sentences(const char *s)
{
	int n = 0;
	for (; *s; s++)
		if ((*s == '.' || *s == '!' || *s == '?') &&
		    (s[1] == ' ' || s[1] == '\0' || s[1] == '\n'))
			n++;
	return n;
}

typedef struct {
	int events;
	char **used;     /* ids of organizations and people that events use */
	size_t n_used;
} walk;

static void note_used(walk *w, const char *id)
{
	w->used = realloc(w->used, (w->n_used + 1) * sizeof(*w->used));
	w->used[w->n_used++] = strdup(id);
}

static bool check_event(const yp_event *e, void *ctx)
{
	walk *w = ctx;
	w->events++;
	if (!e->title.ko || !e->title.en || !e->summary.ko || !e->summary.en)
		fail_msg("%s: title and summary need both ko and en", e->id);
	if (e->n_orgs < 1 || e->n_sources < 1)
		fail_msg("%s: needs an organization and a source", e->id);
	int ko = sentences(e->summary.ko), en = sentences(e->summary.en);
	if (ko < 2 || ko > 5 || en < 2 || en > 5)
		fail_msg("%s: summaries must be 2-5 sentences (ko %d, en %d)",
			 e->id, ko, en);
	if (e->date.year < 2021 || e->date.year > 2026)
		fail_msg("%s: %d is outside 2021-2026", e->id, e->date.year);
	for (size_t i = 0; i < e->n_orgs; i++)
		note_used(w, e->orgs[i].id);
	for (size_t i = 0; i < e->n_people; i++)
		note_used(w, e->people[i].id);
	return true;
}

static void every_event_is_complete_in_both_languages(void **state)
{
	fixture *f = *state;
	walk w = {0, NULL, 0};
	yp_error err = {0};
	assert_int_equal(store_each_event(f->s, NULL, check_event, &w, &err),
			 YP_OK);
	assert_in_range(w.events, 20, 40);
	for (size_t i = 0; i < w.n_used; i++)
		free(w.used[i]);
	free(w.used);
}

typedef struct {
	idset used;
	walk w;
	const char *kind;
} usage;

static bool org_is_used(const yp_org *o, void *ctx)
{
	usage *u = ctx;
	if (!idset_has(&u->used, o->id))
		fail_msg("organization %s is in no event", o->id);
	return true;
}

static bool person_is_used(const yp_person *p, void *ctx)
{
	usage *u = ctx;
	if (!idset_has(&u->used, p->id))
		fail_msg("person %s is in no event", p->id);
	if (!p->name.ko || !p->name.en)
		fail_msg("person %s needs a ko and an en name", p->id);
	return true;
}

/* An organization also counts as used when it is another's parent. */
static bool note_parent(const yp_org *o, void *ctx)
{
	usage *u = ctx;
	if (o->parent)
		note_used(&u->w, o->parent);
	return true;
}

static void every_organization_and_person_is_used(void **state)
{
	fixture *f = *state;
	usage u;
	memset(&u, 0, sizeof(u));
	yp_error err = {0};
	assert_int_equal(store_each_event(f->s, NULL, check_event, &u.w, &err),
			 YP_OK);
	assert_int_equal(store_each_org(f->s, note_parent, &u, &err), YP_OK);
	for (size_t i = 0; i < u.w.n_used; i++)
		idset_add(&u.used, u.w.used[i], i, NULL);
	assert_int_equal(store_each_org(f->s, org_is_used, &u, &err), YP_OK);
	assert_int_equal(store_each_person(f->s, person_is_used, &u, &err), YP_OK);
	idset_free(&u.used);
	for (size_t i = 0; i < u.w.n_used; i++)
		free(u.w.used[i]);
	free(u.w.used);
}

static void assert_event(store *s, const char *id, const char *date,
			 const char *status)
{
	yp_event e;
	yp_error err = {0};
	if (store_get_event(s, id, &e, &err) != YP_OK)
		fail_msg("missing event %s", id);
	char buf[DATE_TEXT_MAX];
	date_format(&e.date, buf);
	assert_string_equal(buf, date);
	assert_string_equal(e.status, status);
	model_event_clear(&e);
}

static void milestones_carry_their_best_supported_dates(void **state)
{
	fixture *f = *state;
	assert_event(f->s, "2021-05-21-kt-kaist-ai-sw-lab", "2021-05-21", "done");
	assert_event(f->s, "2021-12-14-kaist-kt-joint-center-kickoff",
		     "2021-12-14", "done");
	assert_event(f->s, "2023-07-27-global-telco-ai-alliance-launch",
		     "2023-07-27", "done");
	assert_event(f->s, "2024-07-12-k-ai-alliance-unite-2024", "2024-07-12",
		     "done");
	assert_event(f->s, "2025-02-04-skt-joins-mit-genai-consortium",
		     "2025-02-04", "done");
	assert_event(f->s, "2025-03-aster-beta-planned", "2025-03", "planned");
	assert_event(f->s, "2025-03-03-global-telco-ai-alliance-mwc25",
		     "2025-03-03", "done");
	assert_event(f->s, "2025-08-04-skt-consortium-sovereign-ai-selection",
		     "2025-08-04", "done");
	assert_event(f->s, "2025-09-09-skt-sovereign-ai-kickoff", "2025-09-09",
		     "done");
	assert_event(f->s, "2026-01-15-sovereign-ai-first-stage-evaluation",
		     "2026-01-15", "done");
}

static void conflicts_are_recorded_in_both_languages(void **state)
{
	fixture *f = *state;
	yp_event e;
	yp_error err = {0};
	/* the seed says November 2023 and names SoftBank as a founder */
	assert_int_equal(store_get_event(f->s,
		"2023-07-27-global-telco-ai-alliance-launch", &e, &err), YP_OK);
	assert_non_null(e.notes.en);
	assert_non_null(e.notes.ko);
	assert_non_null(strstr(e.notes.en, "November"));
	assert_non_null(strstr(e.notes.en, "SoftBank"));
	assert_non_null(strstr(e.notes.ko, "11월"));
	assert_true(e.n_sources >= 2);
	model_event_clear(&e);
	/* one report dates the KT-KAIST signing 2021-05-24 */
	assert_int_equal(store_get_event(f->s, "2021-05-21-kt-kaist-ai-sw-lab",
					 &e, &err), YP_OK);
	assert_non_null(strstr(e.notes.en, "05-24"));
	assert_non_null(strstr(e.notes.ko, "05-24"));
	model_event_clear(&e);
}

static void seed_capture_stamp_is_not_the_article_date(void **state)
{
	fixture *f = *state;
	yp_source src;
	yp_error err = {0};
	assert_int_equal(store_get_source(f->s, "seed-youthdaily-2021-05-kt-kaist",
					  &src, &err), YP_OK);
	char buf[DATE_TEXT_MAX];
	date_format(&src.date, buf);
	assert_string_equal(buf, "2021-05");
	model_source_clear(&src);
}

static void database_records_the_dataset_version_and_title(void **state)
{
	fixture *f = *state;
	char *v = store_meta_get(f->s, META_BUILTIN_VERSION);
	assert_non_null(v);
	assert_true(atoi(v) >= 1);
	free(v);
	char *title = store_meta_get(f->s, META_TITLE_KO);
	assert_string_equal(title, "한국 AI 동맹 연표");
	free(title);
	store_counts c;
	yp_error err = {0};
	assert_int_equal(store_count(f->s, &c, &err), YP_OK);
	assert_int_equal(c.user_events, 0);
	assert_int_equal(c.builtin_events, c.events);
}

typedef struct {
	char ids[4096];
} found_ids;

static bool collect_id(const yp_event *e, bool in_note, void *ctx)
{
	(void)in_note;
	found_ids *f = ctx;
	strncat(f->ids, e->id, sizeof(f->ids) - strlen(f->ids) - 2);
	strcat(f->ids, " ");
	return true;
}

/* The ids search finds for a query, best first, space-separated. */
static char *search_ids(store *s, const char *query)
{
	strbuf match = STRBUF_INIT;
	found_ids f = {""};
	yp_error err = {0};
	if (search_build_query(query, &match))
		assert_int_equal(store_search(s, strbuf_str(&match), 50, collect_id,
					      &f, &err), YP_OK);
	strbuf_free(&match);
	return strdup(f.ids);
}

static void assert_search_has(store *s, const char *query, const char *id)
{
	char *ids = search_ids(s, query);
	if (!strstr(ids, id))
		fail_msg("searching \"%s\" does not find %s: %s", query, id, ids);
	free(ids);
}

static void curated_dataset_answers_korean_english_and_initials(void **state)
{
	fixture *f = *state;
	/* Korean inside longer words, English prefixes, initials, names */
	assert_search_has(f->s, "얼라이언스", "2023-07-27-global-telco-ai-alliance-launch");
	assert_search_has(f->s, "얼라이언스", "2024-07-12-k-ai-alliance-unite-2024");
	assert_search_has(f->s, "텔코", "2025-03-03-global-telco-ai-alliance-mwc25");
	assert_search_has(f->s, "open", "2025-02-04-openai-kakao-partnership");
	assert_search_has(f->s, "telco alliance", "2023-07-27-global-telco-ai-alliance-launch");
	assert_search_has(f->s, "유영상", "2025-02-04-skt-joins-mit-genai-consortium");
	assert_search_has(f->s, "ㅇㅇㅅ", "2025-02-04-skt-joins-mit-genai-consortium");
	assert_search_has(f->s, "구현모", "2021-05-21-kt-kaist-ai-sw-lab");
	assert_search_has(f->s, "ＫＡＩＳＴ", "2021-05-21-kt-kaist-ai-sw-lab");
	assert_search_has(f->s, "2,000억", "2025-08-04-skt-consortium-sovereign-ai-selection");
	/* the best match for a title word comes first */
	char *ids = search_ids(f->s, "유나이트");
	assert_true(strncmp(ids, "2024-07-12-k-ai-alliance-unite-2024 ", 36) == 0);
	free(ids);
	/* hostile queries find nothing or something, never an error */
	static const char *const hostile[] = {"\"", "(", "AND", "*",
		"'; DROP TABLE events; --", "NEAR(a, b)", NULL};
	for (size_t i = 0; hostile[i]; i++)
		free(search_ids(f->s, hostile[i]));
	store_counts c;
	yp_error err = {0};
	assert_int_equal(store_count(f->s, &c, &err), YP_OK);
	assert_true(c.events >= 20);
}

/* What the review of the first edition asked for and the sources settle:
 * SKT's own spelling, a half-year as a range, KT's announced day. */
static void review_fixes_are_in_the_dataset(void **state)
{
	fixture *f = *state;
	yp_event e;
	yp_error err = {0};
	assert_int_equal(store_get_event(f->s, "2025-07-aster-us-launch-planned",
					 &e, &err), YP_OK);
	char buf[DATE_TEXT_MAX];
	date_format(&e.date, buf);
	assert_string_equal(buf, "2025-07");
	date_format(&e.end_date, buf);
	assert_string_equal(buf, "2025-12");   /* 하반기: the second half */
	assert_non_null(strstr(e.title.en, "Aster"));
	assert_null(strstr(e.summary.en, "Ester"));
	assert_non_null(strstr(e.notes.en, "'Ester'"));  /* the blog's spelling */
	model_event_clear(&e);
	assert_event(f->s, "2021-kt-ai2xl-lab-and-robotics-unit", "2021-01-25",
		     "done");
	/* the search finds SKT's spelling, in Latin letters and in Hangul */
	char *ids = search_ids(f->s, "Aster");
	assert_non_null(strstr(ids, "2025-11-aster-beta-ended"));
	free(ids);
	ids = search_ids(f->s, "에스터");
	assert_non_null(strstr(ids, "2025-03-aster-beta-launch"));
	free(ids);
}

/* Names as readers type them: every KAIST event by the Korean reading of
 * its name and by the reading's initials, and people by the press's
 * other romanizations of their names. */
static void aliases_find_what_names_find(void **state)
{
	fixture *f = *state;
	static const char *const kaist[] = {
		"2021-kt-kaist-lab-launch-planned",
		"2021-05-21-kt-kaist-ai-sw-lab",
		"2021-12-14-kaist-kt-joint-center-kickoff",
		"2022-06-21-korea-tech-square-opening",
		"2023-03-kt-ai-masters-course-planned",
		"2025-08-04-skt-consortium-sovereign-ai-selection",
		"2026-01-15-sovereign-ai-first-stage-evaluation",
	};
	for (size_t i = 0; i < sizeof(kaist) / sizeof(*kaist); i++) {
		assert_search_has(f->s, "카이스트", kaist[i]);
		assert_search_has(f->s, "ㅋㅇㅅㅌ", kaist[i]);
	}
	assert_search_has(f->s, "Yoo Young",
			  "2023-07-27-global-telco-ai-alliance-launch");
	assert_search_has(f->s, "Jeong Seok", "2023-chung-suk-geun-joins-skt");
	assert_search_has(f->s, "엠아이티",
			  "2025-02-03-mit-genai-impact-consortium-launch");
}

/* One link of the list, by the other event's id, direction and kind. */
static bool has_link(const store_event_links *l, const char *id,
		     bool incoming, const char *kind)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i].id, id) &&
		    l->items[i].incoming == incoming &&
		    !strcmp(l->items[i].kind, kind))
			return true;
	return false;
}

/* The KT-KAIST chain, seen from its middle: the agreement before it, the
 * plan it fulfilled, the opening after it. */
static void chains_are_linked_both_ways(void **state)
{
	fixture *f = *state;
	store_event_links l = {0};
	yp_error err = {0};
	assert_int_equal(store_get_event_links(
		f->s, "2021-12-14-kaist-kt-joint-center-kickoff", &l, &err), YP_OK);
	assert_true(has_link(&l, "2021-05-21-kt-kaist-ai-sw-lab", false,
			     "follows"));
	assert_true(has_link(&l, "2021-kt-kaist-lab-launch-planned", false,
			     "outcome-of"));
	assert_true(has_link(&l, "2022-06-21-korea-tech-square-opening", true,
			     "follows"));
	store_event_links_free(&l);
}

/* Hangul syllables or jamo in s (UTF-8): U+1100..U+11FF, U+3130..U+318F,
 * U+AC00..U+D7A3 all begin with the bytes tested here. */
static bool has_hangul(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (p[0] == 0xE1 && (p[1] == 0x84 || p[1] == 0x85 || p[1] == 0x86 ||
				     p[1] == 0x87))
			return true;
		if (p[0] == 0xE3 && (p[1] == 0x84 || p[1] == 0x85 || p[1] == 0x86))
			return true;
		if (p[0] >= 0xEA && p[0] <= 0xED &&
		    !(p[0] == 0xEA && p[1] < 0xB0) && !(p[0] == 0xED && p[1] > 0x9E))
			return true;
	}
	return false;
}

static bool figure_is_english_in_english(const yp_event *e, void *ctx)
{
	int *n = ctx;
	for (size_t i = 0; i < e->n_figures; i++) {
		const char *en = model_figure_value(&e->figures[i], LANG_EN);
		if (has_hangul(en))
			fail_msg("%s: figure %zu reads \"%s\" in English", e->id, i, en);
		(*n)++;
	}
	return true;
}

/* The English view shows English only: a figure whose text differs by
 * language carries a value per language (the first edition printed
 * "약 2,000억 원 / about KRW 200bn" to both). */
static void figures_read_in_the_reader_s_language(void **state)
{
	fixture *f = *state;
	int n = 0;
	yp_error err = {0};
	assert_int_equal(store_each_event(f->s, NULL, figure_is_english_in_english,
					  &n, &err), YP_OK);
	assert_true(n >= 30);
	assert_false(has_hangul("about KRW 200 billion"));
	assert_true(has_hangul("약 200명"));
	/* a title held at the event, not the person's latest */
	yp_event e;
	assert_int_equal(store_get_event(f->s,
		"2023-07-27-global-telco-ai-alliance-launch", &e, &err), YP_OK);
	bool found = false;
	for (size_t i = 0; i < e.n_people; i++)
		if (strcmp(e.people[i].id, "ryu-young-sang") == 0) {
			assert_non_null(e.people[i].title.en);
			assert_string_equal(e.people[i].title.en, "CEO, SK Telecom");
			found = true;
		}
	assert_true(found);
	model_event_clear(&e);
}

static bool has_event(store *s, const char *id)
{
	yp_event e;
	yp_error err = {0};
	if (store_get_event(s, id, &e, &err) != YP_OK)
		return false;
	model_event_clear(&e);
	return true;
}

/* A database made by a release that carried the first edition of the
 * dataset (tests/data/builtin-v1.json, assets/timeline.json at version 1)
 * is refreshed by this binary: the events the second edition renamed
 * (Ester became Aster, SKT's own spelling) are gone, and the renamed and
 * added events are there. */
static void refresh_from_the_first_edition_drops_renamed_ids(void **state)
{
	(void)state;
	fixture *f = support_store_new("v1.db");
	size_t len = 0;
	char *v1 = support_read_file("tests/data/builtin-v1.json", &len);
	assert_non_null(v1);
	diag d = DIAG_INIT;
	yp_error err = {0};
	assert_int_equal(dataset_sync_from(f->s, "builtin-v1.json", v1, len, &d,
					   &err), YP_OK);
	diag_free(&d);
	free(v1);
	static const char *const renamed[] = {"2025-03-ester-beta-planned",
		"2025-ester-us-launch-planned", NULL};
	for (size_t i = 0; renamed[i]; i++)
		assert_true(has_event(f->s, renamed[i]));

	assert_int_equal(dataset_sync(f->s, &err), YP_OK);
	char *v = store_meta_get(f->s, META_BUILTIN_VERSION);
	assert_non_null(v);
	assert_true(atoi(v) >= 2);
	free(v);
	for (size_t i = 0; renamed[i]; i++)
		if (has_event(f->s, renamed[i]))
			fail_msg("%s survived the refresh", renamed[i]);
	static const char *const added[] = {"2025-03-aster-beta-planned",
		"2025-07-aster-us-launch-planned", "2025-03-aster-beta-launch",
		"2025-11-aster-beta-ended", "2023-02-k-ai-alliance-launch",
		"2024-02-26-global-telco-ai-alliance-mwc24",
		"2025-12-30-sovereign-ai-first-showcase", NULL};
	for (size_t i = 0; added[i]; i++)
		if (!has_event(f->s, added[i]))
			fail_msg("%s is missing after the refresh", added[i]);
	/* nothing else of the first edition lingers: the store holds exactly
	 * the events a fresh database gets */
	fixture *fresh = support_store_new("fresh.db");
	assert_int_equal(dataset_sync(fresh->s, &err), YP_OK);
	store_counts a, b;
	assert_int_equal(store_count(f->s, &a, &err), YP_OK);
	assert_int_equal(store_count(fresh->s, &b, &err), YP_OK);
	assert_int_equal(a.events, b.events);
	assert_int_equal(a.builtin_events, b.builtin_events);
	assert_int_equal(a.user_events, 0);
	support_store_free(fresh);
	support_store_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_event_is_complete_in_both_languages, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(every_organization_and_person_is_used, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(milestones_carry_their_best_supported_dates, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(review_fixes_are_in_the_dataset, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(conflicts_are_recorded_in_both_languages, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(seed_capture_stamp_is_not_the_article_date, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(database_records_the_dataset_version_and_title, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(curated_dataset_answers_korean_english_and_initials, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(figures_read_in_the_reader_s_language, setup, support_store_teardown),
		cmocka_unit_test(refresh_from_the_first_edition_drops_renamed_ids),
		cmocka_unit_test_setup_teardown(aliases_find_what_names_find, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(chains_are_linked_both_ways, setup, support_store_teardown),
	};
	return cmocka_run_group_tests_name("dataset", tests, NULL, NULL);
}
