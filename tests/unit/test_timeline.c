/* test_timeline.c: the timeline view's window over a store far larger than
 * the window: every move, page and jump must agree with the whole timeline
 * read in one walk, row for row and position for position. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/diag.h"
#include "yeonpyo/import.h"
#include "yeonpyo/strbuf.h"
#include "ui/timeline_pane.h"

/* Enough rows for several windows, in few years so that many share a
 * date and a year runs across window edges. */
#define N_EVENTS 1500
#define HEIGHT 20

typedef struct {
	char *dir;
	store *s;
	char **ids;       /* the whole timeline, in order */
	int *years;
	size_t n;
} fixture;

/* One organization's or person's link, on every step-th event (from the
 * first), in the events' field named field. */
static void link(strbuf *b, int i, int step, const char *field,
		 const char *id)
{
	if (i % step == 0)
		strbuf_printf(b, ", \"%s\": [{\"id\": \"%s\", \"role\": \"member\"}]",
			      field, id);
}

static void feed(strbuf *b)
{
	strbuf_printf(b, "{\"format\": \"yeonpyo/1\", \"organizations\": ["
		      "{\"id\": \"org-a\", \"name\": {\"en\": \"Org A\"},"
		      " \"kind\": \"company\", \"country\": \"KR\"}],"
		      " \"people\": [{\"id\": \"person-a\","
		      " \"name\": {\"en\": \"Person A\"}}], \"events\": [");
	for (int i = 0; i < N_EVENTS; i++) {
		/* years 2001-2012, a burst in 2005, ten events per date */
		int year = 2001 + (i * 7 % 12);
		if (i % 5 == 0)
			year = 2005;
		int month = 1 + (i / 10) % 12;
		strbuf_printf(b, "%s{\"id\": \"ev-%05d\", \"date\": \"%d-%02d\","
			      " \"status\": \"done\", \"kind\": \"plan\","
			      " \"title\": {\"en\": \"%s %d\"},"
			      " \"summary\": {\"en\": \"S.\"}, \"tags\": [\"%s\"]",
			      i ? "," : "", (i * 7919) % 100000, year, month,
			      i % 4 ? "Event" : "Telecom deal", i,
			      i % 3 ? "odd" : "third");
		link(b, i, 2, "organizations", "org-a");
		link(b, i, 7, "people", "person-a");
		strbuf_putc(b, '}');
	}
	strbuf_printf(b, "]}");
}

static bool keep_id(const event_row *row, void *ctx)
{
	fixture *f = ctx;
	f->ids = realloc(f->ids, (f->n + 1) * sizeof(*f->ids));
	f->years = realloc(f->years, (f->n + 1) * sizeof(*f->years));
	f->ids[f->n] = strdup(row->id);
	f->years[f->n++] = row->date.year;
	return true;
}

static void read_reference(fixture *f, const event_filter *flt)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->ids[i]);
	f->n = 0;
	yp_error err = {0};
	assert_int_equal(store_each_row(f->s, flt, keep_id, f, &err), YP_OK);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->dir = support_tmpdir();
	char *db = support_path(f->dir, "t.db");
	yp_error err = {0};
	f->s = store_open(db, &err);
	free(db);
	assert_non_null(f->s);
	strbuf json = STRBUF_INIT;
	feed(&json);
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	assert_int_equal(store_begin(f->s, &err), YP_OK);
	assert_int_equal(import_buffer(f->s, "feed", strbuf_str(&json),
				       json.len, ORIGIN_USER, &st, &d, &err),
			 YP_OK);
	assert_int_equal(store_commit(f->s, &err), YP_OK);
	import_stats_clear(&st);
	diag_free(&d);
	strbuf_free(&json);
	read_reference(f, NULL);
	assert_int_equal(f->n, N_EVENTS);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	for (size_t i = 0; i < f->n; i++)
		free(f->ids[i]);
	free(f->ids);
	free(f->years);
	store_close(f->s);
	support_rmtree(f->dir);
	free(f);
	return 0;
}

/* The selection is where the reference says, in view, and every line of
 * the pane is inside the window, with a year separator exactly where the
 * whole timeline changes year. */
static void assert_consistent(const fixture *f, const timeline_pane *tv)
{
	long pos = timeline_position(tv);
	assert_true(pos >= 0 && (size_t)pos < f->n);
	assert_string_equal(timeline_selected_id(tv), f->ids[pos]);
	size_t line = tv->event_line[tv->selected];
	assert_true(tv->top <= line && line < tv->top + HEIGHT);
	if (!tv->at_end)
		assert_true(tv->top + HEIGHT <= tv->n_lines);
	for (size_t r = 0; r < tv->n_rows; r++) {
		size_t at = (size_t)tv->first_pos + r;
		assert_string_equal(tv->rows[r].id, f->ids[at]);
		bool starts_year = at == 0 || f->years[at - 1] != f->years[at];
		size_t l = tv->event_line[r];
		assert_int_equal(l > 0 && tv->lines[l - 1].event < 0,
				 starts_year);
	}
}

static void walks_every_row_down_and_up(void **state)
{
	fixture *f = *state;
	timeline_pane tv;
	yp_error err = {0};
	assert_int_equal(timeline_load(&tv, f->s, NULL, &err), YP_OK);
	assert_int_equal(timeline_count(&tv), N_EVENTS);
	assert_true(tv.n_rows < N_EVENTS / 4);  /* a window, not the table */
	timeline_reveal(&tv, HEIGHT);
	for (size_t i = 0; i + 1 < f->n; i++) {
		timeline_move(&tv, 1, HEIGHT);
		assert_int_equal(timeline_position(&tv), i + 1);
		assert_string_equal(timeline_selected_id(&tv), f->ids[i + 1]);
	}
	assert_consistent(f, &tv);
	timeline_move(&tv, 1, HEIGHT);  /* stays on the last */
	assert_int_equal(timeline_position(&tv), N_EVENTS - 1);
	for (size_t i = f->n - 1; i > 0; i--) {
		timeline_move(&tv, -1, HEIGHT);
		assert_string_equal(timeline_selected_id(&tv), f->ids[i - 1]);
		if (i % 97 == 0)
			assert_consistent(f, &tv);
	}
	assert_int_equal(timeline_position(&tv), 0);
	assert_int_equal(timeline_failed(&tv, &err), YP_OK);
	timeline_free(&tv);
}

static void pages_and_jumps_agree_with_the_whole(void **state)
{
	fixture *f = *state;
	timeline_pane tv;
	yp_error err = {0};
	assert_int_equal(timeline_load(&tv, f->s, NULL, &err), YP_OK);
	timeline_reveal(&tv, HEIGHT);
	long last = -1;
	while (timeline_position(&tv) != last) {
		last = timeline_position(&tv);
		timeline_page(&tv, HEIGHT, HEIGHT);
		assert_consistent(f, &tv);
	}
	assert_int_equal(last, N_EVENTS - 1);
	do {
		last = timeline_position(&tv);
		timeline_page(&tv, -HEIGHT / 2, HEIGHT);
		assert_consistent(f, &tv);
	} while (timeline_position(&tv) != last);
	assert_int_equal(last, 0);
	timeline_last(&tv, HEIGHT);
	assert_consistent(f, &tv);
	assert_int_equal(timeline_position(&tv), N_EVENTS - 1);
	timeline_cycle(&tv, 1, HEIGHT);  /* wraps to the first */
	assert_int_equal(timeline_position(&tv), 0);
	timeline_cycle(&tv, -1, HEIGHT);
	assert_int_equal(timeline_position(&tv), N_EVENTS - 1);
	timeline_first(&tv, HEIGHT);
	assert_consistent(f, &tv);
	/* a row far outside the window, then one that does not exist */
	assert_true(timeline_select_id(&tv, f->ids[1234], HEIGHT));
	assert_int_equal(timeline_position(&tv), 1234);
	assert_consistent(f, &tv);
	assert_false(timeline_select_id(&tv, "no-such-event", HEIGHT));
	assert_int_equal(timeline_position(&tv), 1234);
	timeline_free(&tv);
}

static void year_jumps_visit_each_year_start(void **state)
{
	fixture *f = *state;
	timeline_pane tv;
	yp_error err = {0};
	assert_int_equal(timeline_load(&tv, f->s, NULL, &err), YP_OK);
	timeline_reveal(&tv, HEIGHT);
	size_t starts[32], n_starts = 0;
	for (size_t i = 0; i < f->n; i++)
		if (i == 0 || f->years[i] != f->years[i - 1])
			starts[n_starts++] = i;
	assert_true(n_starts > 5);
	for (size_t k = 1; k < n_starts; k++) {
		timeline_next_year(&tv, HEIGHT);
		assert_int_equal(timeline_position(&tv), starts[k]);
		assert_consistent(f, &tv);
	}
	timeline_next_year(&tv, HEIGHT);  /* no later year: stays */
	assert_int_equal(timeline_position(&tv), starts[n_starts - 1]);
	timeline_last(&tv, HEIGHT);
	for (size_t k = n_starts - 1; k-- > 0;) {
		timeline_prev_year(&tv, HEIGHT);
		assert_int_equal(timeline_position(&tv), starts[k]);
		assert_consistent(f, &tv);
	}
	timeline_free(&tv);
}

static void a_filter_windows_only_its_rows(void **state)
{
	fixture *f = *state;
	event_filter flt = {.tag = "odd", .from_day = 20040101};
	read_reference(f, &flt);
	assert_true(f->n > 300 && f->n < N_EVENTS);
	timeline_pane tv;
	yp_error err = {0};
	assert_int_equal(timeline_load(&tv, f->s, &flt, &err), YP_OK);
	assert_int_equal(timeline_count(&tv), f->n);
	timeline_reveal(&tv, HEIGHT);
	for (int i = 0; i < 40; i++) {
		timeline_page(&tv, HEIGHT, HEIGHT);
		assert_consistent(f, &tv);
	}
	timeline_last(&tv, HEIGHT);
	assert_int_equal(timeline_position(&tv), f->n - 1);
	timeline_prev_year(&tv, HEIGHT);
	assert_consistent(f, &tv);
	timeline_free(&tv);
}

/* A filter's events kept as a map of event keys (map_min 1) and gathered
 * into a table (the default for so few): both must show the rows the
 * reference reads (every event asked, in order) at the same places. */
static void walk_expected(fixture *f, const event_filter *flt, long map_min,
			  bool mapped)
{
	store_tune_search(f->s, map_min);
	timeline_pane tv;
	yp_error err = {0};
	assert_int_equal(timeline_load(&tv, f->s, flt, &err), YP_OK);
	assert_int_equal(store_search_mapped(f->s), mapped);
	assert_int_equal(timeline_count(&tv), f->n);
	timeline_reveal(&tv, HEIGHT);
	assert_consistent(f, &tv);
	for (size_t i = 0; i < f->n / HEIGHT + 2; i++) {
		timeline_page(&tv, HEIGHT, HEIGHT);
		assert_consistent(f, &tv);
	}
	assert_int_equal(timeline_position(&tv), f->n - 1);
	timeline_prev_year(&tv, HEIGHT);
	assert_consistent(f, &tv);
	timeline_first(&tv, HEIGHT);
	timeline_next_year(&tv, HEIGHT);
	timeline_next_year(&tv, HEIGHT);
	assert_consistent(f, &tv);
	size_t far = f->n * 4 / 5, near = f->n / 20 + 1;
	assert_true(timeline_select_id(&tv, f->ids[far], HEIGHT));
	assert_int_equal(timeline_position(&tv), far);
	assert_consistent(f, &tv);
	timeline_last(&tv, HEIGHT);
	assert_int_equal(timeline_position(&tv), f->n - 1);
	assert_true(timeline_select_id(&tv, f->ids[near], HEIGHT));
	assert_int_equal(timeline_position(&tv), near);
	assert_consistent(f, &tv);
	for (size_t i = near; i > 0; i--)
		timeline_move(&tv, -1, HEIGHT);
	assert_int_equal(timeline_position(&tv), 0);
	assert_consistent(f, &tv);
	assert_int_equal(timeline_failed(&tv, &err), YP_OK);
	timeline_free(&tv);
}

static void walk_filter(fixture *f, const event_filter *flt, size_t n,
			long map_min, bool mapped)
{
	read_reference(f, flt);
	assert_int_equal(f->n, n);
	walk_expected(f, flt, map_min, mapped);
}

static void walk_search(fixture *f, long map_min, bool mapped)
{
	event_filter flt = {.match = "{title body names} : \"tele\"*"};
	walk_filter(f, &flt, N_EVENTS / 4, map_min, mapped);
}

static void a_broad_search_is_mapped_and_agrees(void **state)
{
	fixture *f = *state;
	walk_search(f, 1, true);
	walk_search(f, 0, false);
	/* a rare search is gathered even when maps are allowed */
	store_tune_search(f->s, 1);
	event_filter flt = {.match = "{title body names} : \"deal\" AND"
				     " {title body names} : \"1000\""};
	read_reference(f, &flt);
	assert_int_equal(f->n, 1);
	timeline_pane tv;
	yp_error err = {0};
	assert_int_equal(timeline_load(&tv, f->s, &flt, &err), YP_OK);
	assert_false(store_search_mapped(f->s));
	assert_int_equal(timeline_count(&tv), 1);
	timeline_free(&tv);
}

/* What a filter of test_timeline's own should find, asked of each event
 * in C: the feed's index of an event from its id ("ev-%05d" of
 * i * 7919 % 100000), its tag, organization and person from that, the
 * marks and notes by place in the timeline (every 11th, and of those the
 * odd places). */
typedef struct {
	const char *tag;
	bool org, person;
	int from_year;
	bool marked, noted;
	bool none;     /* a tag or an organization no event has */
} wanted;

static int feed_index(const char *id)
{
	int n = atoi(id + 3);
	for (int i = 0; i < N_EVENTS; i++)
		if (i * 7919 % 100000 == n)
			return i;
	fail_msg("no event of the feed has id %s", id);
	return -1;
}

static bool is_wanted(const wanted *w, const char *id, size_t pos, int year)
{
	int i = feed_index(id);
	return !w->none && (!w->tag || strcmp(w->tag, i % 3 ? "odd" : "third") == 0) &&
	       (!w->org || i % 2 == 0) && (!w->person || i % 7 == 0) &&
	       year >= w->from_year && (!w->marked || pos % 11 == 0) &&
	       (!w->noted || (pos % 11 == 0 && pos % 2));
}

/* The whole timeline (read without a filter), cut to what w wants. */
static void expect_rows(fixture *f, const wanted *w)
{
	read_reference(f, NULL);
	size_t k = 0;
	for (size_t pos = 0; pos < f->n; pos++) {
		if (!is_wanted(w, f->ids[pos], pos, f->years[pos])) {
			free(f->ids[pos]);
			continue;
		}
		f->ids[k] = f->ids[pos];
		f->years[k++] = f->years[pos];
	}
	f->n = k;
}

static bool next_row_is(const event_row *row, void *ctx)
{
	const char ***at = ctx;
	assert_non_null(**at);
	assert_string_equal(row->id, **at);
	(*at)++;
	return true;
}

static bool next_event_is(const yp_event *e, void *ctx)
{
	const char ***at = ctx;
	assert_non_null(**at);
	assert_string_equal(e->id, **at);
	(*at)++;
	return true;
}

/* store_each_row and store_each_event (list, export) under flt read what
 * expect_rows kept, in order. */
static void assert_each_row(fixture *f, const event_filter *flt)
{
	const char **ids = calloc(f->n + 1, sizeof(*ids));
	assert_non_null(ids);
	for (size_t i = 0; i < f->n; i++)
		ids[i] = f->ids[i];
	const char **at = ids;
	yp_error err = {0};
	assert_int_equal(store_each_row(f->s, flt, next_row_is, &at, &err),
			 YP_OK);
	assert_null(*at);
	at = ids;
	assert_int_equal(store_each_event(f->s, flt, next_event_is, &at, &err),
			 YP_OK);
	assert_null(*at);
	free(ids);
}

/* A tag, an organization or a person alone is read from the index of its
 * links, as a map or gathered (an index range, not every event asked);
 * with anything else beside it, gathered from the narrowest of them; the
 * marked and noted events from the marks and the notes. Each against
 * what the feed says the filter should find. */
static void a_link_filter_is_read_from_its_index(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	read_reference(f, NULL);
	for (size_t i = 0; i < f->n; i += 11) {
		assert_int_equal(store_set_marked(f->s, f->ids[i], true, &err),
				 YP_OK);
		if (i % 2)
			assert_int_equal(store_note_set(f->s, f->ids[i], "note",
							&err), YP_OK);
	}
	const struct {
		event_filter flt;
		wanted want;
		size_t n;      /* 0: not known here */
		bool mappable;
	} cases[] = {
		{{.tag = "third"}, {.tag = "third"}, N_EVENTS / 3, true},
		{{.org = "org-a"}, {.org = true}, N_EVENTS / 2, true},
		{{.person = "person-a"}, {.person = true}, (N_EVENTS + 6) / 7,
		 true},
		{{.tag = "third", .org = "org-a"}, {.tag = "third", .org = true},
		 N_EVENTS / 6, false},
		{{.person = "person-a", .from_day = 20060101},
		 {.person = true, .from_year = 2006}, 0, false},
		{{.marked = true}, {.marked = true}, (N_EVENTS + 10) / 11, false},
		{{.noted = true, .tag = "odd"}, {.noted = true, .tag = "odd"}, 0,
		 false},
		{{.tag = "no-such-tag"}, {.none = true}, 0, false},
		{{.org = "no-such-org"}, {.none = true}, 0, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		expect_rows(f, &cases[i].want);
		if (cases[i].n)
			assert_int_equal(f->n, cases[i].n);
		assert_each_row(f, &cases[i].flt);
		if (!f->n) {  /* nothing to walk: an empty view, from either */
			for (long map_min = 0; map_min <= 1; map_min++) {
				store_tune_search(f->s, map_min);
				timeline_pane tv;
				assert_int_equal(timeline_load(&tv, f->s,
							       &cases[i].flt, &err),
						 YP_OK);
				assert_int_equal(timeline_count(&tv), 0);
				assert_false(store_search_mapped(f->s));
				timeline_free(&tv);
			}
			continue;
		}
		walk_expected(f, &cases[i].flt, 1, cases[i].mappable);
		walk_expected(f, &cases[i].flt, 0, false);
	}
	store_tune_search(f->s, 0);
}

/* A year of the fixture: its events, first and last date keys. */
typedef struct {
	long events, first, last;
} year_facts;

static bool add_year_facts(const event_row *row, void *ctx)
{
	year_facts *y = &((year_facts *)ctx)[row->date.year - 2000];
	long key = (long)row->date.year * 10000 + row->date.month * 100 +
		   row->date.day;
	y->first = y->events ? (key < y->first ? key : y->first) : key;
	y->last = y->events++ ? (key > y->last ? key : y->last) : key;
	return true;
}

static bool check_year(const facet_item *it, void *ctx)
{
	year_facts *y = ctx;
	int year = atoi(it->id);
	assert_true(year > 2000 && year < 2020);
	assert_true(it->events > 0);  /* no year without events */
	assert_string_equal(it->label.ko, it->id);
	assert_string_equal(it->label.en, it->id);
	assert_int_equal(it->events, y[year - 2000].events);
	assert_int_equal(it->first_key, y[year - 2000].first);
	assert_int_equal(it->last_key, y[year - 2000].last);
	y[year - 2000].events = -1;  /* seen */
	return true;
}

/* The year picker's years, with their events and first and last days,
 * read from the kept months (and one index seek each for the days) are
 * those of every event counted; a year whose events all left is gone. */
static void years_are_counted_from_the_kept_months(void **state)
{
	fixture *f = *state;
	for (int round = 0; round < 2; round++) {
		year_facts years[20] = {{0}};
		yp_error err = {0};
		assert_int_equal(store_each_row(f->s, NULL, add_year_facts, years,
						&err), YP_OK);
		assert_int_equal(store_each_facet(f->s, FACET_YEAR, check_year,
						  years, &err), YP_OK);
		for (int y = 0; y < 20; y++)
			assert_true(years[y].events <= 0);  /* each one seen */
		if (round)
			break;
		/* 2001's events all leave (another connection: the kept
		 * months' triggers are the file's own) */
		char *db = support_path(f->dir, "t.db");
		support_sql(db, "PRAGMA foreign_keys = ON;"
			    " DELETE FROM events WHERE date_key / 10000 = 2001");
		free(db);
	}
}

static bool stop_at_once(void *ctx)
{
	int *calls = ctx;
	(*calls)++;
	return true;
}

/* A search stopped part way fails, says so, and leaves nothing behind
 * that the same search would later take for its result. */
static void a_stopped_search_leaves_no_half_result(void **state)
{
	fixture *f = *state;
	event_filter flt = {.match = "{title body names} : \"s\"*"};
	for (long map_min = 0; map_min <= 1; map_min++) {
		store_tune_search(f->s, map_min);
		int calls = 0;
		timeline_pane tv;
		yp_error err = {0};
		store_set_interrupt(f->s, stop_at_once, &calls);
		assert_int_not_equal(timeline_load(&tv, f->s, &flt, &err), YP_OK);
		assert_true(store_interrupted(f->s));
		assert_true(calls > 0);
		timeline_free(&tv);
		store_set_interrupt(f->s, NULL, NULL);
		assert_false(store_interrupted(f->s));
		assert_int_equal(timeline_load(&tv, f->s, &flt, &err), YP_OK);
		assert_int_equal(timeline_count(&tv), N_EVENTS);
		timeline_last(&tv, HEIGHT);
		assert_int_equal(timeline_position(&tv), N_EVENTS - 1);
		timeline_free(&tv);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(walks_every_row_down_and_up, setup, teardown),
		cmocka_unit_test_setup_teardown(pages_and_jumps_agree_with_the_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(year_jumps_visit_each_year_start, setup, teardown),
		cmocka_unit_test_setup_teardown(a_filter_windows_only_its_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(a_link_filter_is_read_from_its_index, setup, teardown),
		cmocka_unit_test_setup_teardown(years_are_counted_from_the_kept_months, setup, teardown),
		cmocka_unit_test_setup_teardown(a_broad_search_is_mapped_and_agrees, setup, teardown),
		cmocka_unit_test_setup_teardown(a_stopped_search_leaves_no_half_result, setup, teardown),
	};
	return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
