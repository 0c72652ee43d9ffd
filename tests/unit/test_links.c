/* test_links.c: links between events (yeonpyo(5), an event's "links"):
 * their checks, word for word, with nothing written; links to events later
 * in a document or a feed; the export round trip; show's lines and
 * document both ways; and a refresh of the built-in dataset that drops an
 * event, taking its links along. tests/data/links.json is the chain:
 * l-plan <- l-agreement (outcome-of) <- l-kickoff (follows) <- l-square
 * (follows), and l-square see-also l-agreement. */
#include "support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/dataset.h"
#include "yeonpyo/import.h"
#include "yeonpyo/status.h"

typedef struct {
	char *home;
	char *db;
	char db_arg[4200];
	store *s;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->home = support_tmpdir();
	f->db = support_path(f->home, "t.db");
	snprintf(f->db_arg, sizeof(f->db_arg), "--db=%s", f->db);
	yp_error err = {0};
	f->s = store_open(f->db, &err);
	assert_non_null(f->s);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->s);
	free(f->db);
	support_rmtree(f->home);
	free(f);
	return 0;
}

/* One integer from the database file itself. */
static long long query_int(fixture *f, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The links as "event>target:kind" in the order written, one a line. */
static char *links_stored(fixture *f)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT e.id, t.id, l.kind"
		" FROM event_links l JOIN events e ON e.eid = l.eid"
		" JOIN events t ON t.eid = l.target ORDER BY e.id, l.pos",
		-1, &st, NULL), SQLITE_OK);
	strbuf sb = STRBUF_INIT;
	while (sqlite3_step(st) == SQLITE_ROW)
		strbuf_printf(&sb, "%s>%s:%s\n", sqlite3_column_text(st, 0),
			      sqlite3_column_text(st, 1),
			      sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return strbuf_take(&sb);
}

#define HEAD "{\"format\": \"yeonpyo/1\", \"events\": ["
#define EV(id, links) "{\"id\": \"" id "\", \"date\": \"2021\", " \
	"\"status\": \"done\", \"kind\": \"plan\", \"title\": {\"en\": \"T\"}, " \
	"\"summary\": {\"en\": \"S.\"}" links "}"
#define LINKS(...) ", \"links\": [" __VA_ARGS__ "]"
#define LINK(to, kind) "{\"event\": \"" to "\", \"kind\": \"" kind "\"}"

static void import_fails_with(fixture *f, const char *text, const char *want)
{
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "l.json", text, &problems), YP_DATAERR);
	assert_string_equal(problems, want);
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 0);
	assert_int_equal(query_int(f, "SELECT count(*) FROM event_links"), 0);
}

/* An unknown event, the event itself, the same event twice and a kind
 * that is none are each reported at the link's own path, line and column,
 * and nothing is written. */
static void import_rejects_bad_links_and_writes_nothing(void **state)
{
	fixture *f = *state;
	import_fails_with(f, HEAD EV("a", LINKS(LINK("ghost", "follows"))) "]}",
		"l.json:1:165: $.events[0].links[0].event: unknown event "
		"\"ghost\"\n");
	import_fails_with(f, HEAD EV("a", LINKS(LINK("a", "follows"))) "]}",
		"l.json:1:165: $.events[0].links[0].event: an event cannot "
		"link to itself\n");
	import_fails_with(f, HEAD EV("b", "") ", " EV("a", LINKS(
		LINK("b", "follows") ", " LINK("b", "see-also"))) "]}",
		"l.json:1:310: $.events[1].links[1].event: event \"b\" is "
		"linked twice (also at $.events[1].links[0])\n");
	import_fails_with(f, HEAD EV("b", "") ", " EV("a", LINKS(
		LINK("b", "after"))) "]}",
		"l.json:1:288: $.events[1].links[0].kind: unknown link kind "
		"\"after\" (expected one of: follows, outcome-of, see-also)\n");
	import_fails_with(f, HEAD EV("b", "") ", " EV("a", LINKS(
		"{\"event\": \"b\"}")) "]}",
		"l.json:1:265: $.events[1].links[0]: missing field \"kind\"\n");
}

/* A document's event may link to one after it; a feed's to one on a
 * later line, checked at the end and reported on the linking line. */
static void links_may_name_events_further_on(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "d.json", HEAD EV("a", LINKS(
		LINK("b", "follows"))) ", " EV("b", "") "]}", &problems), YP_OK);
	free(problems);
	char *got = links_stored(f);
	assert_string_equal(got, "a>b:follows\n");
	free(got);
	const char *feed =
		"{\"event\": " EV("x", LINKS(LINK("y", "see-also") ", "
			LINK("a", "outcome-of"))) "}\n"
		"{\"event\": " EV("y", "") "}\n";
	assert_int_equal(support_import_text(f->s, "f.ndjson", feed, &problems), YP_OK);
	free(problems);
	got = links_stored(f);
	assert_string_equal(got, "a>b:follows\nx>y:see-also\nx>a:outcome-of\n");
	free(got);
	assert_int_equal(support_import_text(f->s, "g.ndjson",
		"{\"event\": " EV("y", "") "}\n"
		"{\"event\": " EV("z", LINKS(LINK("nowhere", "follows"))) "}\n",
		&problems), YP_DATAERR);
	assert_string_equal(problems, "g.ndjson:2: $.event.links[0].event: "
			    "unknown event \"nowhere\"\n");
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 4);
	/* after a problem nothing is written, and a link to a later line
	 * still finds its event; one to no event is still reported */
	assert_int_equal(support_import_text(f->s, "h.ndjson",
		"{\"event\": {\"id\": \"bad\", \"date\": \"2021\", "
		"\"status\": \"done\", \"kind\": \"plan\", \"title\": "
		"{\"en\": \"T\"}, \"summary\": {\"en\": \"S.\"}, "
		"\"sources\": [\"none\"]}}\n"
		"{\"event\": " EV("v", LINKS(LINK("w", "follows") ", "
			LINK("void", "follows"))) "}\n"
		"{\"event\": " EV("w", "") "}\n", &problems), YP_DATAERR);
	assert_string_equal(problems,
		"h.ndjson:1: $.event.sources[0]: unknown source \"none\"\n"
		"h.ndjson:2: $.event.links[1].event: unknown event \"void\"\n");
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 4);
}

/* Importing an event again replaces its links; those to it stay. */
static void import_replaces_an_events_own_links(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "d.json", HEAD EV("a", "") ", "
		EV("b", LINKS(LINK("a", "follows"))) ", "
		EV("c", LINKS(LINK("a", "see-also") ", " LINK("b", "follows")))
		"]}", &problems), YP_OK);
	free(problems);
	assert_int_equal(support_import_text(f->s, "e.json", HEAD EV("c", LINKS(
		LINK("b", "outcome-of"))) "]}", &problems), YP_OK);
	free(problems);
	char *got = links_stored(f);
	assert_string_equal(got, "b>a:follows\nc>b:outcome-of\n");
	free(got);
}

/* A built-in dataset whose next version drops an event (or renames it)
 * drops the links from and to it; the rest are as the new version says. */
static void refresh_drops_the_links_of_dropped_events(void **state)
{
	fixture *f = *state;
	const char *v1 = "{\"format\": \"yeonpyo/1\", \"dataset\": {\"id\": "
		"\"t\", \"version\": 1, \"title\": {\"en\": \"T\"}}, \"events\": ["
		EV("a", "") ", " EV("b", LINKS(LINK("a", "follows"))) ", "
		EV("c", LINKS(LINK("b", "follows") ", " LINK("a", "see-also")))
		"]}";
	const char *v2 = "{\"format\": \"yeonpyo/1\", \"dataset\": {\"id\": "
		"\"t\", \"version\": 2, \"title\": {\"en\": \"T\"}}, \"events\": ["
		EV("a", "") ", " EV("b2", LINKS(LINK("a", "follows"))) ", "
		EV("c", LINKS(LINK("a", "see-also"))) "]}";
	diag d = DIAG_INIT;
	yp_error err = {0};
	assert_int_equal(dataset_sync_from(f->s, "v1", v1, strlen(v1), &d, &err),
			 YP_OK);
	char *got = links_stored(f);
	assert_string_equal(got, "b>a:follows\nc>b:follows\nc>a:see-also\n");
	free(got);
	assert_int_equal(dataset_sync_from(f->s, "v2", v2, strlen(v2), &d, &err),
			 YP_OK);
	assert_int_equal(d.count, 0);
	diag_free(&d);
	got = links_stored(f);
	assert_string_equal(got, "b2>a:follows\nc>a:see-also\n");
	free(got);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 3);
	/* no row names an event that is gone */
	assert_int_equal(query_int(f, "SELECT count(*) FROM event_links WHERE"
		" eid NOT IN (SELECT eid FROM events) OR target NOT IN"
		" (SELECT eid FROM events)"), 0);
}

/* The database holding exactly tests/data/links.json. */
static void load_links(fixture *f)
{
	store_close(f->s);
	f->s = NULL;
	support_load_db(f->home, f->db_arg, "tests/data/links.json");
	yp_error err = {0};
	f->s = store_open(f->db, &err);
	assert_non_null(f->s);
}

/* export | import into an empty database | export: the same bytes, as a
 * document and as NDJSON, whose events come by date and link back to
 * earlier and on to later lines. */
static void export_import_round_trip_keeps_links(void **state)
{
	fixture *f = *state;
	load_links(f);
	static const char *const formats[] = {"json", "ndjson"};
	for (size_t i = 0; i < 2; i++) {
		support_result out = RUN(f, NULL, NULL, f->db_arg, "export",
					 "--format", formats[i]);
		assert_int_equal(out.status, 0);
		assert_non_null(strstr(out.out, "\"links\""));
		char name[32], arg[4200];
		snprintf(name, sizeof(name), "copy-%zu.db", i);
		char *copy = support_path(f->home, name);
		snprintf(arg, sizeof(arg), "--db=%s", copy);
		support_result r = RUN(f, NULL, NULL, arg, "db", "init",
				       "--empty");
		support_result_free(&r);
		r = RUN(f, NULL, out.out, arg, "import", "-");
		assert_string_equal(r.err, "imported 4 events, 2 organizations, "
				    "0 people, 0 sources\n");
		support_result_free(&r);
		r = RUN(f, NULL, NULL, arg, "export", "--format", formats[i]);
		assert_string_equal(r.out, out.out);
		support_result_free(&r);
		support_result_free(&out);
		free(copy);
	}
}

/* yeonpyo import: one line naming file, path and position, status 65,
 * and the database as it was. */
static void cli_import_of_a_bad_link_exits_65(void **state)
{
	fixture *f = *state;
	load_links(f);
	support_result before = RUN(f, NULL, NULL, f->db_arg, "export");
	char *bad = support_path(f->home, "bad.json");
	support_write_file(bad, HEAD EV("l-new", LINKS(LINK("l-plan",
		"follows") ", " LINK("l-gone", "see-also"))) "]}");
	support_result r = RUN(f, NULL, NULL, f->db_arg, "import", bad);
	assert_int_equal(r.status, 65);
	char want[4400];
	snprintf(want, sizeof(want), "%s:1:209: $.events[0].links[1].event: "
		 "unknown event \"l-gone\"\nyeonpyo: %s: 1 problem; nothing "
		 "was imported\n", bad, bad);
	assert_string_equal(r.err, want);
	support_result_free(&r);
	support_result after = RUN(f, NULL, NULL, f->db_arg, "export");
	assert_string_equal(after.out, before.out);
	support_result_free(&before);
	support_result_free(&after);
	free(bad);
}

static void show_prints_links_both_ways(void **state)
{
	fixture *f = *state;
	load_links(f);
	support_result r = RUN(f, NULL, NULL, f->db_arg, "--lang", "en", "show",
			       "l-agreement");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out,
		"\nLinks\n"
		"  outcome of: 2020 Joint lab planned\n"
		"  followed by: 2021-06-10 Joint lab kickoff\n"
		"  see also: 2022-10 Tech square opened\n"));
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "--lang", "en", "show", "l-plan");
	assert_non_null(strstr(r.out, "\nLinks\n"
		"  outcome: 2021-05-21 Joint lab agreement\n"));
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "--lang", "ko", "show", "l-kickoff");
	assert_non_null(strstr(r.out, "\n연결\n"
		"  앞선 일: 2021-05-21 공동 연구소 협약\n"
		"  뒤이은 일: 2022-10 테크 스퀘어 개관\n"));
	support_result_free(&r);
}

/* The event's record has its own links as yeonpyo/1 writes them; the
 * member "links" after the records has both ways, dated and titled. */
static void show_json_carries_links_both_ways(void **state)
{
	fixture *f = *state;
	load_links(f);
	support_result r = RUN(f, NULL, NULL, f->db_arg, "show", "l-kickoff",
			       "--format", "json");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out,
		"      \"links\": [\n"
		"        {\"event\": \"l-agreement\", \"kind\": \"follows\"}\n"
		"      ]\n"
		"    }\n"
		"  ],\n"
		"  \"links\": [\n"
		"    {\"direction\": \"to\", \"kind\": \"follows\", \"event\": "
		"\"l-agreement\", \"date\": \"2021-05-21\", \"title\": {\"ko\": "
		"\"공동 연구소 협약\", \"en\": \"Joint lab agreement\"}},\n"
		"    {\"direction\": \"from\", \"kind\": \"follows\", \"event\": "
		"\"l-square\", \"date\": \"2022-10\", \"title\": {\"ko\": "
		"\"테크 스퀘어 개관\", \"en\": \"Tech square opened\"}}\n"
		"  ]\n"
		"}\n"));
	support_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(import_rejects_bad_links_and_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(links_may_name_events_further_on, setup, teardown),
		cmocka_unit_test_setup_teardown(import_replaces_an_events_own_links, setup, teardown),
		cmocka_unit_test_setup_teardown(refresh_drops_the_links_of_dropped_events, setup, teardown),
		cmocka_unit_test_setup_teardown(export_import_round_trip_keeps_links, setup, teardown),
		cmocka_unit_test_setup_teardown(cli_import_of_a_bad_link_exits_65, setup, teardown),
		cmocka_unit_test_setup_teardown(show_prints_links_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(show_json_carries_links_both_ways, setup, teardown),
	};
	return cmocka_run_group_tests_name("links", tests, NULL, NULL);
}
