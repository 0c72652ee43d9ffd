/* test_store_sql.c: the store's statements (store_queries.def): each
 * prepares against the schema and names its parameters, a parameter that
 * is missing or a value that will not bind is reported with the database
 * and what was being done, and statements kept prepared give what a new
 * connection gives, across filters, writes and a state attached later. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "yeonpyo/diag.h"
#include "yeonpyo/import.h"
#include "yeonpyo/strbuf.h"

typedef support_store fixture;

/* Events over a few years, a third tagged "third", a quarter found by
 * "tele", two organizations. */
static void feed(strbuf *b, int from, int n)
{
	strbuf_printf(b, "{\"format\": \"yeonpyo/1\", \"organizations\": ["
		      "{\"id\": \"kt\", \"name\": {\"en\": \"KT\"},"
		      " \"kind\": \"company\"},"
		      "{\"id\": \"skt\", \"name\": {\"en\": \"SKT\"},"
		      " \"kind\": \"company\"}], \"events\": [");
	for (int i = from; i < from + n; i++)
		strbuf_printf(b, "%s{\"id\": \"ev-%04d\", \"date\": \"%d-%02d\","
			      " \"status\": \"done\", \"kind\": \"plan\","
			      " \"title\": {\"en\": \"%s %d\"},"
			      " \"summary\": {\"en\": \"S.\"}, \"tags\": [\"%s\"],"
			      " \"organizations\": [{\"id\": \"%s\","
			      " \"role\": \"lead\"}]}",
			      i > from ? "," : "", i * 37 % 1000,
			      2001 + i * 7 % 9, 1 + i / 5 % 12,
			      i % 4 ? "Event" : "Telecom deal", i,
			      i % 3 ? "other" : "third", i % 2 ? "kt" : "skt");
	strbuf_printf(b, "]}");
}

static void import_events(store *s, int from, int n)
{
	strbuf json = STRBUF_INIT;
	feed(&json, from, n);
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	yp_error err = {0};
	assert_int_equal(store_begin(s, &err), YP_OK);
	if (import_buffer(s, "feed", strbuf_str(&json), json.len, ORIGIN_USER,
			  &st, &d, &err) != YP_OK)
		fail_msg("%s %s", err.message, strbuf_str(&d.text));
	assert_int_equal(store_commit(s, &err), YP_OK);
	import_stats_clear(&st);
	diag_free(&d);
	strbuf_free(&json);
}

static int setup(void **state)
{
	fixture *f = support_store_new("t.db");
	import_events(f->s, 0, 300);
	*state = f;
	return 0;
}

/* A statement with a mistake in it would only fail when first run, which
 * for some is rare (a corrupt file's check, a partner list): all prepare
 * now, and every parameter has a name, so binding by position cannot
 * come back unseen. */
static void every_statement_prepares_with_named_parameters(void **state)
{
	fixture *f = *state;
	for (int q = 0; q < Q_COUNT; q++) {
		yp_error err = {0};
		sqlite3_stmt *st = store_stmt(f->s, (store_query)q, &err);
		if (!st)
			fail_msg("statement %d: %s", q, err.message);
		for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
			const char *name = sqlite3_bind_parameter_name(st, i);
			if (!name || name[0] != ':')
				fail_msg("statement %d, parameter %d: %s", q, i,
					 name ? name : "(no name)");
		}
	}
}

/* Binding is by name; a name the statement lacks stops the binds and
 * says which it was, and the ones after it are not tried. */
static void a_missing_parameter_is_reported_by_name(void **state)
{
	fixture *f = *state;
	store_binding b = store_take(f->s, Q_META_SET, NULL);
	assert_non_null(b.st);
	store_bind_text(&b, ":key", "k");
	assert_int_equal(store_bound(&b, "writing metadata", NULL), YP_OK);
	store_bind_text(&b, ":no_such", "x");
	store_bind_int(&b, ":value", 1);
	yp_error err = {0};
	assert_int_equal(store_bound(&b, "writing metadata", &err), YP_SOFTWARE);
	char want[600];
	snprintf(want, sizeof(want), "%s: writing metadata: binding :no_such: "
		 "the statement has no parameter of that name",
		 store_path(f->s));
	assert_string_equal(err.message, want);
	assert_string_equal(b.failed, ":no_such");
	/* :value was never bound: still NULL */
	assert_int_equal(sqlite3_step(b.st), SQLITE_CONSTRAINT_NOTNULL);
	sqlite3_reset(b.st);
}

/* A value SQLite refuses to bind (longer than its limit) fails the write
 * with the database, the work and the parameter named, and nothing is
 * written. */
static void a_value_that_will_not_bind_fails_the_write(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	/* prepared before the limit, which SQL text is held to as well */
	assert_non_null(store_stmt(f->s, Q_META_SET, NULL));
	assert_non_null(store_stmt(f->s, Q_EVENT_PUT, NULL));
	int was = sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, 20);
	assert_int_equal(store_meta_set(f->s, "note", "longer than twenty bytes",
					&err), YP_SOFTWARE);
	char want[600];
	snprintf(want, sizeof(want), "%s: writing metadata: binding :value: "
		 "string or blob too big", store_path(f->s));
	assert_string_equal(err.message, want);
	yp_event e = {.id = "ev-long", .status = "done", .kind = "plan",
		      .title = {NULL, "a title longer than twenty bytes"}};
	e.date = date_from_key(20240101, DATE_DAY);
	assert_int_equal(store_begin(f->s, &err), YP_OK);
	assert_int_equal(store_put_event(f->s, &e, ORIGIN_USER, NULL, &err),
			 YP_SOFTWARE);
	snprintf(want, sizeof(want), "%s: writing an event: binding :title_en: "
		 "string or blob too big", store_path(f->s));
	assert_string_equal(err.message, want);
	store_rollback(f->s);
	sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, was);
	char *note = store_meta_get(f->s, "note");
	assert_null(note);
	assert_false(store_has(f->s, RECORD_EVENT, "ev-long"));
}

/* What a window or a count of the timeline gives, as text, from s. */
typedef struct {
	strbuf text;
} seen;

static bool note_row(const event_row *row, void *ctx)
{
	seen *w = ctx;
	strbuf_printf(&w->text, "%s%s%s ", row->id, row->marked ? "*" : "",
		      row->seen ? "+" : "");
	return true;
}

static bool note_month(long month, long n, void *ctx)
{
	seen *w = ctx;
	strbuf_printf(&w->text, "%ld:%ld ", month, n);
	return true;
}

static const char *const keys[] = {"ev-0037", "ev-0518", "ev-0962"};

/* Windows from each place in each direction, counts between places and
 * the months, under filter flt, all in one string. */
static char *read_timeline(store *s, const event_filter *flt)
{
	seen w = {STRBUF_INIT};
	yp_error err = {0};
	row_key k[3];
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_event_key(s, keys[i], &k[i], &err), YP_OK);
	for (int how = WINDOW_FIRST; how <= WINDOW_BEFORE; how++) {
		for (int i = 0; i < 3; i++) {
			assert_int_equal(store_rows_from(s, flt, &k[i],
							 (row_window)how, 4,
							 note_row, &w, &err),
					 YP_OK);
			strbuf_puts(&w.text, "| ");
		}
	}
	strbuf_printf(&w.text, "total %ld; ", store_rows_total(s, flt, &err));
	for (int i = 0; i < 3; i++)
		strbuf_printf(&w.text, "before %ld, %ld; ",
			      store_rows_before(s, flt, &k[i], &err),
			      store_rows_between(s, flt, &k[0], &k[i], &err));
	assert_int_equal(store_month_counts(s, flt, note_month, &w, &err),
			 YP_OK);
	assert_int_equal(store_each_row(s, flt, note_row, &w, &err), YP_OK);
	return strbuf_take(&w.text);
}

/* read_timeline on a connection of its own, whose statements are all
 * prepared for the first time. */
static char *read_fresh(const fixture *f, const event_filter *flt,
			long map_min)
{
	yp_error err = {0};
	store *s = store_open(store_path(f->s), &err);
	assert_non_null(s);
	store_tune_search(s, map_min);
	char *text = read_timeline(s, flt);
	store_close(s);
	return text;
}

static void assert_same_as_fresh(const fixture *f, const event_filter *flt,
				 long map_min)
{
	store_tune_search(f->s, map_min);
	char *kept = read_timeline(f->s, flt);
	char *fresh = read_fresh(f, flt, map_min);
	assert_string_equal(kept, fresh);
	free(kept);
	free(fresh);
}

/* One connection runs the same statements under one filter after another
 * (a value left bound from the last would narrow the next), with a map
 * and with gathered hits, and after a write; each time it reads what a
 * new connection reads. */
static void kept_statements_read_what_a_new_connection_reads(void **state)
{
	fixture *f = *state;
	const event_filter filters[] = {
		{.from_day = 20040101, .to_day = 20071231},
		{0},
		{.org = "kt"},
		{.tag = "third"},
		{.match = "\"tele\"*"},
		{.org = "skt", .match = "\"tele\"*"},
		{.to_day = 20050101},
	};
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
			assert_same_as_fresh(f, &filters[i], 0);
			/* a map for a search, however few it finds */
			assert_same_as_fresh(f, &filters[i], 1);
		}
		assert_same_as_fresh(f, NULL, 0);
		import_events(f->s, 300, 40);  /* new rows, new months */
	}
}

/* The windows read the user's marks from the state attached when they
 * run, not from the one there when they were first prepared. */
static void kept_windows_read_the_state_attached_later(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_set_marked(f->s, "ev-0037", true, &err), YP_OK);
	char *before = read_timeline(f->s, NULL);
	assert_non_null(strstr(before, "ev-0037* "));
	char *path = support_path(f->dir, "state.db");
	assert_int_equal(store_attach_state(f->s, path, &err), YP_OK);
	char *empty = read_timeline(f->s, NULL);
	assert_null(strstr(empty, "ev-0037*"));
	assert_int_equal(store_set_marked(f->s, "ev-0518", true, &err), YP_OK);
	assert_int_equal(store_set_seen(f->s, "ev-0962", &err), YP_OK);
	event_filter marked = {.marked = true};
	char *after = read_timeline(f->s, &marked);
	assert_non_null(strstr(after, "total 1;"));
	assert_non_null(strstr(after, "ev-0518* "));
	char *all = read_timeline(f->s, NULL);
	assert_non_null(strstr(all, "ev-0962+ "));
	free(before);
	free(empty);
	free(after);
	free(all);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_statement_prepares_with_named_parameters, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(a_missing_parameter_is_reported_by_name, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(a_value_that_will_not_bind_fails_the_write, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(kept_statements_read_what_a_new_connection_reads, setup, support_store_teardown),
		cmocka_unit_test_setup_teardown(kept_windows_read_the_state_attached_later, setup, support_store_teardown),
	};
	return cmocka_run_group_tests_name("store_sql", tests, NULL, NULL);
}
