/* test_aliases.c: organizations' and people's aliases (yeonpyo(5)), through
 * the real binary on tests/data/aliases.json: what import refuses, what
 * search finds by them (a Korean reading inside a word, the start of a
 * romanization, initials), export writing them back exactly, a refresh
 * dropping them with their records, and the browser's pickers and
 * organizations view narrowing by them and showing them. */
#include "support.h"

#include "yeonpyo/store.h"
#include "screen.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/dataset.h"
#include "yeonpyo/status.h"

#define FIXTURE "tests/data/aliases.json"

static int setup(void **state)
{
	*state = support_db_new(FIXTURE);
	return 0;
}

/* `search query` prints exactly want. */
static void assert_search(support_db *d, const char *query, const char *want)
{
	support_result r = support_run(d->home, NULL, NULL,
		(const char *const[]){d->db_arg, "search", query, NULL});
	if (r.status != 0 || strcmp(r.out, want) != 0)
		fail_msg("search %s: status %d, printed\n%s\nnot\n%s", query,
			 r.status, r.out, want);
	support_result_free(&r);
}

#define JOINT_CENTER "2021-05-21  KT·KAIST  Joint research center opens\n"
#define RECRUITED "2025-02-04  SKT  AI leader recruited\n"

/* No event's own text says 카이스트, 케이티 or Jeong: only the aliases of
 * its organizations and people do. */
static void search_finds_events_by_their_records_aliases(void **state)
{
	support_db *d = *state;
	assert_search(d, "카이스트", JOINT_CENTER);
	assert_search(d, "이스트", JOINT_CENTER);   /* inside the word */
	assert_search(d, "ㅋㅇㅅㅌ", JOINT_CENTER);  /* its initials */
	assert_search(d, "케이티", JOINT_CENTER);
	assert_search(d, "Advanced Institute", JOINT_CENTER);
	assert_search(d, "Jeon", RECRUITED);        /* a romanization's start */
	/* the names themselves, as before */
	assert_search(d, "Chung", RECRUITED);
	assert_search(d, "한국과학기술원", JOINT_CENTER);
}

/* A record imported again without an alias is no longer found by it. */
static void an_alias_taken_away_no_longer_finds(void **state)
{
	support_db *d = *state;
	const char *doc = "{\"format\": \"yeonpyo/1\", \"organizations\": [{"
		"\"id\": \"kaist\", \"name\": {\"ko\": \"한국과학기술원\", "
		"\"en\": \"KAIST\"}, \"short\": \"KAIST\", \"kind\": \"university\","
		" \"country\": \"KR\", \"aliases\": [\"KAIST 대학\"]}]}";
	support_result r = support_run(d->home, NULL, doc,
		(const char *const[]){d->db_arg, "import", "-", NULL});
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	assert_search(d, "카이스트", "");
	assert_search(d, "ㅋㅇㅅㅌ", "");
	assert_search(d, "대학", JOINT_CENTER);
}

/* Each problem on its own line, naming the file, its line and column,
 * the path and what is wrong; status 65 and nothing written. */
static void import_refuses_bad_aliases_with_their_paths(void **state)
{
	support_db *d = *state;
	char *bad = support_path(d->home, "bad.json");
	support_write_file(bad,
		"{\"format\": \"yeonpyo/1\",\n"
		" \"organizations\": [{\"id\": \"x\", \"kind\": \"lab\",\n"
		"  \"name\": {\"ko\": \"엑스\", \"en\": \"X Lab\"}, \"short\": \"XL\",\n"
		"  \"aliases\": [\"엑스랩\", \"\", \"엑스랩\", \"XL\", 7]}],\n"
		" \"people\": [{\"id\": \"p\", \"name\": {\"en\": \"Pak\"},\n"
		"  \"aliases\": []},\n"
		"  {\"id\": \"q\", \"name\": {\"en\": \"Q\"}, \"aliases\": \"Kyu\"},\n"
		"  {\"id\": \"r\", \"name\": {\"en\": \"Ryu\"}, \"aliases\": [\"Ryu\"]}]}\n");
	support_result r = support_run(d->home, NULL, NULL,
		(const char *const[]){d->db_arg, "import", bad, NULL});
	assert_int_equal(r.status, YP_DATAERR);
	static const char *const want[] = {
		":4:28: $.organizations[0].aliases[1]: must not be empty\n",
		":4:32: $.organizations[0].aliases[2]: alias \"엑스랩\" is listed "
		"twice (also at aliases[0])\n",
		":4:45: $.organizations[0].aliases[3]: alias \"XL\" is the "
		"organization's own name\n",
		":4:51: $.organizations[0].aliases[4]: expected a string, got "
		"number\n",
		":6:14: $.people[0].aliases: expected 1 to 32 aliases, got 0\n",
		":7:47: $.people[1].aliases: expected an array, got string\n",
		":8:50: $.people[2].aliases[0]: alias \"Ryu\" is the person's "
		"own name\n",
	};
	strbuf all = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++)
		strbuf_printf(&all, "%s%s", bad, want[i]);
	strbuf_printf(&all, "yeonpyo: %s: 7 problems; nothing was imported\n",
		      bad);
	assert_string_equal(r.err, strbuf_str(&all));
	strbuf_free(&all);
	support_result_free(&r);
	/* nothing half-written: the fixture's records, and no others */
	r = support_run(d->home, NULL, NULL,
		(const char *const[]){d->db_arg, "db", "info", NULL});
	assert_non_null(strstr(r.out, "organizations:  3\n"));
	assert_non_null(strstr(r.out, "people:         2\n"));
	support_result_free(&r);
	free(bad);
}

/* More than 32, and one longer than 200 characters. */
static void import_limits_aliases_in_number_and_length(void **state)
{
	support_db *d = *state;
	strbuf doc = STRBUF_INIT;
	strbuf_puts(&doc, "{\"format\": \"yeonpyo/1\", \"people\": [{\"id\": "
		    "\"p\", \"name\": {\"en\": \"P\"}, \"aliases\": [");
	for (int i = 0; i < 33; i++)
		strbuf_printf(&doc, "%s\"P%d\"", i ? ", " : "", i);
	strbuf_puts(&doc, "]}, {\"id\": \"q\", \"name\": {\"en\": \"Q\"}, "
		    "\"aliases\": [\"");
	for (int i = 0; i < 201; i++)
		strbuf_puts(&doc, "가");
	strbuf_puts(&doc, "\"]}]}");
	support_result r = support_run(d->home, NULL, strbuf_str(&doc),
		(const char *const[]){d->db_arg, "import", "-", NULL});
	assert_int_equal(r.status, YP_DATAERR);
	assert_string_equal(r.err,
		"<stdin>:1:80: $.people[0].aliases: expected 1 to 32 aliases, "
		"got 33\n"
		"<stdin>:1:349: $.people[1].aliases[0]: alias is longer than 200 "
		"characters\n"
		"yeonpyo: <stdin>: 2 problems; nothing was imported\n");
	support_result_free(&r);
	strbuf_free(&doc);
}

/* export | import into an empty database | export: the same bytes, in
 * both formats, with the aliases in their order. */
static void export_writes_aliases_back_exactly(void **state)
{
	support_db *d = *state;
	static const char *const formats[] = {"json", "ndjson"};
	static const char *const kaist[] = {
		"\"aliases\": [\"카이스트\", \"Korea Advanced Institute of "
		"Science and Technology\"]",
		"\"aliases\": [\"Jeong Seok-geun\"]",
	};
	for (size_t i = 0; i < 2; i++) {
		support_result out = support_run(d->home, NULL, NULL,
			(const char *const[]){d->db_arg, "export", "--format",
					      formats[i], NULL});
		assert_int_equal(out.status, 0);
		for (size_t k = 0; k < 2; k++)
			if (!strstr(out.out, kaist[k]))
				fail_msg("%s export lacks %s", formats[i], kaist[k]);
		char name[32], arg[4200];
		snprintf(name, sizeof(name), "copy-%s.db", formats[i]);
		char *copy = support_path(d->home, name);
		snprintf(arg, sizeof(arg), "--db=%s", copy);
		support_result r = support_run(d->home, NULL, NULL,
			(const char *const[]){arg, "db", "init", "--empty", NULL});
		support_result_free(&r);
		r = support_run(d->home, NULL, out.out,
			(const char *const[]){arg, "import", "-", NULL});
		assert_int_equal(r.status, 0);
		support_result_free(&r);
		r = support_run(d->home, NULL, NULL,
			(const char *const[]){arg, "export", "--format",
					      formats[i], NULL});
		assert_string_equal(r.out, out.out);
		support_result_free(&r);
		support_result_free(&out);
		free(copy);
	}
	/* show's document carries its records' aliases */
	support_result r = support_run(d->home, NULL, NULL,
		(const char *const[]){d->db_arg, "show", "2021-05-21-joint-center",
				      "--format", "json", NULL});
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, kaist[0]));
	assert_non_null(strstr(r.out, "\"aliases\": [\"케이티\", \"한국통신\"]"));
	support_result_free(&r);
}

/* --- a refresh of the built-in dataset ---------------------------------- */

#define DATASET(V) "{\"format\": \"yeonpyo/1\", \"dataset\": {\"id\": \"t\"," \
	" \"version\": " V ", \"title\": {\"en\": \"T\"}},"
#define EVENT(ID, WHO) "{\"id\": \"" ID "\", \"date\": \"2021\"," \
	" \"status\": \"done\", \"kind\": \"plan\", \"title\": {\"en\": \"E\"}," \
	" \"summary\": {\"en\": \"S.\"}, " WHO "}"

/* v1: an organization called 옛기관 too, and a person called Pak too; v2
 * drops the organization (and its one event) and the person's alias. */
static const char v1[] = DATASET("1")
	" \"organizations\": [{\"id\": \"old\", \"name\": {\"en\": \"Old\"},"
	" \"kind\": \"lab\", \"aliases\": [\"옛기관\"]}],"
	" \"people\": [{\"id\": \"park\", \"name\": {\"en\": \"Park\"},"
	" \"aliases\": [\"Pak\"]}],"
	" \"events\": [" EVENT("e1", "\"organizations\": [{\"id\": \"old\","
			       " \"role\": \"lead\"}]") ","
	EVENT("e2", "\"people\": [{\"id\": \"park\", \"role\": \"speaker\"}]")
	"]}";
static const char v2[] = DATASET("2")
	" \"people\": [{\"id\": \"park\", \"name\": {\"en\": \"Park\"}}],"
	" \"events\": ["
	EVENT("e2", "\"people\": [{\"id\": \"park\", \"role\": \"speaker\"}]")
	"]}";

static long long count_rows(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static void sync(store *s, const char *json)
{
	diag d = DIAG_INIT;
	yp_error err = {0};
	if (dataset_sync_from(s, "test", json, strlen(json), &d, &err) != YP_OK)
		fail_msg("%s %s", err.message, strbuf_str(&d.text));
	diag_free(&d);
}

/* How many events an FTS5 expression finds. */
static long found(store *s, const char *match)
{
	yp_error err = {0};
	event_filter f = {.match = match};
	long n = store_rows_total(s, &f, &err);
	assert_true(n >= 0);
	return n;
}

static void refresh_drops_aliases_with_their_records(void **state)
{
	(void)state;
	support_store *t = support_store_new("r.db");
	sync(t->s, v1);
	assert_int_equal(found(t->s, "\"옛기관\""), 1);
	assert_int_equal(found(t->s, "\"pak\""), 1);
	sync(t->s, v2);
	assert_int_equal(found(t->s, "\"옛기관\""), 0);
	assert_int_equal(found(t->s, "\"pak\""), 0);
	char *db = support_path(t->dir, "r.db");
	store_close(t->s);
	t->s = NULL;
	assert_int_equal(count_rows(db, "SELECT count(*) FROM org_aliases"), 0);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM person_aliases"),
			 0);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM organizations"),
			 0);
	free(db);
	support_store_free(t);
}

/* A database of schema version 7, from before aliases, gets their tables
 * when this yeonpyo opens it, and keeps its events. */
static void schema_7_database_is_upgraded_for_aliases(void **state)
{
	support_db *d = *state;
	const char *db = d->db_arg + strlen("--db=");
	/* and before the organizations' labels on the events (10), which
	 * add columns and cannot run again over a database that has them */
	support_sql(db, "DROP TRIGGER org_relabelled; DROP INDEX events_timeline;"
		    " ALTER TABLE events DROP COLUMN orgs_ko;"
		    " ALTER TABLE events DROP COLUMN orgs_en;"
		    " CREATE INDEX events_timeline ON events(date_key, id,"
		    " date_precision, end_key, end_precision, status, title_ko,"
		    " title_en);"
		    " DROP TABLE org_aliases; DROP TABLE person_aliases;"
		    " PRAGMA user_version = 7;");
	assert_search(d, "공동연구센터", JOINT_CENTER);
	assert_int_equal(count_rows(db, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM org_aliases"), 0);
	support_result r = support_run(d->home, NULL, NULL,
		(const char *const[]){d->db_arg, "import", FIXTURE, NULL});
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	assert_int_equal(count_rows(db, "SELECT count(*) FROM org_aliases"), 4);
	assert_search(d, "ㅋㅇㅅㅌ", JOINT_CENTER);
}

/* --- the browser ---------------------------------------------------------- */

static screen *start(support_db *d, int rows, int cols, const char *lang)
{
	char arg[16];
	snprintf(arg, sizeof(arg), "--lang=%s", lang);
	return screen_start(d->home, rows, cols, NULL,
			    (const char *const[]){d->db_arg, arg, NULL});
}

static void assert_shown(screen *s, const char *want)
{
	if (screen_find_row(s, want) < 0)
		fail_msg("no row shows \"%s\"", want);
}

static void assert_not_shown(screen *s, const char *want)
{
	int row = screen_find_row(s, want);
	if (row >= 0)
		fail_msg("row %d shows \"%s\"", row, want);
}

/* The browser's / finds as search does: by a reading, by initials. */
static void slash_search_finds_by_aliases(void **state)
{
	support_db *d = *state;
	screen *s = start(d, 24, 80, "en");
	assert_shown(s, "AI leader recruited");
	screen_key(s, "/");
	screen_key(s, "카이스트");
	assert_shown(s, "Joint research center opens");
	assert_not_shown(s, "AI leader recruited");
	assert_not_shown(s, "Another announcement");
	screen_key(s, "\033");
	assert_shown(s, "AI leader recruited");
	screen_key(s, "/");
	screen_key(s, "ㅋㅇㅅㅌ");
	assert_shown(s, "Joint research center opens");
	assert_not_shown(s, "AI leader recruited");
	screen_free(s);
}

/* The organization picker narrows by a Korean reading, and says which
 * alias the row is there by. */
static void organization_picker_narrows_by_aliases(void **state)
{
	support_db *d = *state;
	screen *s = start(d, 24, 80, "en");
	screen_key(s, "o");
	assert_shown(s, "│ KT ");
	screen_key(s, "카이");
	assert_shown(s, "│ KAIST (카이스트) ");
	assert_not_shown(s, "│ KT ");
	assert_not_shown(s, "│ SKT · SK Telecom ");
	screen_key(s, "\r");
	assert_shown(s, "org:KAIST");
	assert_shown(s, "Joint research center opens");
	screen_free(s);
}

/* The person picker narrows by a romanization the press uses. */
static void person_picker_narrows_by_aliases(void **state)
{
	support_db *d = *state;
	screen *s = start(d, 24, 80, "en");
	screen_key(s, "p");
	assert_shown(s, "│ Ryu Young-sang ");
	screen_key(s, "jeong");
	assert_shown(s, "│ Chung Suk-geun (Jeong Seok-geun) ");
	assert_not_shown(s, "│ Ryu Young-sang ");
	screen_key(s, "\r");
	assert_shown(s, "AI leader recruited");
	screen_free(s);
}

/* O shows the selected organization's aliases above its partners. */
static void organizations_view_shows_aliases(void **state)
{
	support_db *d = *state;
	screen *s = start(d, 30, 120, "ko");
	screen_key(s, "O");
	screen_key(s, "한국과학");
	int head = screen_find_row(s, "│ 다른 이름");
	assert_true(head >= 0);
	char *row = screen_row(s, head + 1);
	/* in the order given, cut to the column */
	assert_non_null(strstr(row, "│  카이스트 · Korea Advanced Institute of "
			       "Scie…"));
	free(row);
	screen_key(s, "\177\177\177\177");
	screen_key(s, "SKT");  /* no aliases: no heading */
	assert_not_shown(s, "다른 이름");
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(search_finds_events_by_their_records_aliases, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(an_alias_taken_away_no_longer_finds, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(import_refuses_bad_aliases_with_their_paths, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(import_limits_aliases_in_number_and_length, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(export_writes_aliases_back_exactly, setup, support_db_teardown),
		cmocka_unit_test(refresh_drops_aliases_with_their_records),
		cmocka_unit_test_setup_teardown(schema_7_database_is_upgraded_for_aliases, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(slash_search_finds_by_aliases, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(organization_picker_narrows_by_aliases, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(person_picker_narrows_by_aliases, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(organizations_view_shows_aliases, setup, support_db_teardown),
	};
	return cmocka_run_group_tests_name("aliases", tests, NULL, NULL);
}
