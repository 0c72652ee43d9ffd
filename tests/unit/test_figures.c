/* test_figures.c: a figure's value in one string or one per language,
 * and a person's title at an event: what import refuses (status 65, the
 * path of the value), export and show --format json writing each in the
 * form it came in, show and the detail pane printing only the reader's
 * language. The records are tests/data/figures.json. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/status.h"

typedef support_db fixture;

static int setup(void **state)
{
	*state = support_db_new("tests/data/figures.json");
	return 0;
}

/* An empty database beside the fixture's, for imports that must fail
 * (db_arg "--db=HOME/NAME"). */
static void empty_db(fixture *f, const char *name, char *db_arg, size_t n)
{
	snprintf(db_arg, n, "--db=%s/%s", f->home, name);
	support_result r = RUN(f, NULL, NULL, db_arg, "db", "init", "--empty");
	assert_int_equal(r.status, 0);
	support_result_free(&r);
}

/* A document of members (", "-terminated) and one event, open for the
 * event's last members. */
#define DOC_HEAD(members) "{\"format\": \"yeonpyo/1\", " members \
	"\"events\": [{\"id\": \"e\", \"date\": \"2025\", \"status\": " \
	"\"done\", \"kind\": \"plan\", \"title\": {\"en\": \"T\"}, " \
	"\"summary\": {\"en\": \"S.\"}, "
#define EVENT_HEAD DOC_HEAD("")
#define PERSON_P "\"people\": [{\"id\": \"p\", \"name\": {\"en\": \"P\"}}], "

/* Imports text from stdin into an empty database: it must fail with
 * status 65, the one problem want, and leave no event. */
static void refused(fixture *f, const char *text, const char *want)
{
	char db_arg[4300];
	empty_db(f, "bad.db", db_arg, sizeof(db_arg));
	support_result r = RUN(f, NULL, text, db_arg, "import", "-");
	assert_int_equal(r.status, YP_DATAERR);
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s\nyeonpyo: <stdin>: 1 problem; nothing was "
		      "imported\n", want);
	assert_string_equal(r.err, strbuf_str(&sb));
	strbuf_free(&sb);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, db_arg, "list");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	support_result_free(&r);
}

static void a_value_by_language_needs_both_and_nothing_else(void **state)
{
	fixture *f = *state;
	refused(f, EVENT_HEAD "\"figures\": [{\"label\": {\"en\": \"L\"}, "
		"\"value\": {\"ko\": \"약 2,000억 원\"}}]}]}",
		"<stdin>:1:189: $.events[0].figures[0].value: missing field "
		"\"en\"");
	refused(f, EVENT_HEAD "\"figures\": [{\"label\": {\"en\": \"L\"}, "
		"\"value\": {\"ko\": \"\xec\x95\xbd\", \"en\": \"\"}}]}]}",
		"<stdin>:1:209: $.events[0].figures[0].value.en: must not be "
		"empty");
	refused(f, EVENT_HEAD "\"figures\": [{\"label\": {\"en\": \"L\"}, "
		"\"value\": {\"ko\": \"\xec\x95\xbd\", \"en\": \"about\", "
		"\"ja\": \"x\"}}]}]}",
		"<stdin>:1:189: $.events[0].figures[0].value: unknown field "
		"\"ja\" (expected one of: ko, en)");
	refused(f, EVENT_HEAD "\"figures\": [{\"label\": {\"en\": \"L\"}, "
		"\"value\": 72}]}]}",
		"<stdin>:1:189: $.events[0].figures[0].value: expected a string "
		"or an object with \"ko\" and \"en\", got number");
}

static void a_title_at_an_event_has_both_languages(void **state)
{
	fixture *f = *state;
	refused(f, DOC_HEAD(PERSON_P) "\"people\": [{\"id\": \"p\", "
		"\"role\": \"recruit\", \"title\": \"CEO\"}]}]}",
		"<stdin>:1:242: $.events[0].people[0].title: expected an "
		"object, got string");
	refused(f, DOC_HEAD(PERSON_P) "\"people\": [{\"id\": \"p\", "
		"\"role\": \"recruit\", \"title\": {\"en\": \"CEO\"}}]}]}",
		"<stdin>:1:242: $.events[0].people[0].title: missing field "
		"\"ko\"");
	/* an organization has no title at an event */
	refused(f, EVENT_HEAD "\"organizations\": [{\"id\": \"o\", \"role\": "
		"\"lead\", \"title\": {\"ko\": \"\xea\xb0\x80\", \"en\": \"A\"}}]}]}",
		"<stdin>:1:163: $.events[0].organizations[0]: unknown field "
		"\"title\" (expected one of: id, role)");
}

/* export | import into an empty database | export gives the same bytes,
 * as a document and as NDJSON, with each value in the form it came in. */
static void export_round_trips_both_forms(void **state)
{
	fixture *f = *state;
	support_result json = RUN(f, NULL, NULL, f->db_arg, "export");
	assert_int_equal(json.status, 0);
	assert_non_null(strstr(json.out, "{\"label\": {\"ko\": \"투자액\", "
		"\"en\": \"Investment\"}, \"value\": {\"ko\": \"약 2,000억 원\", "
		"\"en\": \"about KRW 200bn\"}}"));
	assert_non_null(strstr(json.out, "{\"label\": {\"ko\": \"매개변수\", "
		"\"en\": \"Parameters\"}, \"value\": \"72B\"}"));
	assert_non_null(strstr(json.out, "{\"id\": \"chung-suk-geun\", "
		"\"role\": \"recruit\", \"title\": {\"ko\": \"글로벌 AI 전략 "
		"담당\", \"en\": \"Global AI strategy lead\"}}"));
	assert_non_null(strstr(json.out, "{\"id\": \"ryu-young-sang\", "
		"\"role\": \"signer\"}"));
	support_result nd = RUN(f, NULL, NULL, f->db_arg, "export", "--format",
				"ndjson");
	assert_int_equal(nd.status, 0);
	const support_result *forms[] = {&json, &nd};
	for (size_t i = 0; i < 2; i++) {
		char db_arg[4300];
		empty_db(f, i ? "nd.db" : "json.db", db_arg, sizeof(db_arg));
		support_result r = RUN(f, NULL, forms[i]->out, db_arg, "import",
				       "-");
		assert_int_equal(r.status, 0);
		support_result_free(&r);
		r = RUN(f, NULL, NULL, db_arg, "export", "--format",
			i ? "ndjson" : "json");
		assert_string_equal(r.out, forms[i]->out);
		support_result_free(&r);
	}
	/* show's document holds the event as export has it */
	support_result r = RUN(f, NULL, NULL, f->db_arg, "show", "fig-recruit",
			       "--format", "json");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\"value\": {\"ko\": \"약 2,000억 원\", "
		"\"en\": \"about KRW 200bn\"}"));
	assert_non_null(strstr(r.out, "\"title\": {\"ko\": \"글로벌 AI 전략 "
		"담당\", \"en\": \"Global AI strategy lead\"}}"));
	support_result_free(&r);
	support_result_free(&json);
	support_result_free(&nd);
}

/* The part of out from the line that starts with from to the blank line
 * after it; the caller frees it. */
static char *section(const char *out, const char *from)
{
	const char *at = strstr(out, from);
	assert_non_null(at);
	const char *end = strstr(at, "\n\n");
	size_t n = end ? (size_t)(end - at) + 1 : strlen(at);
	char *s = strndup(at, n);
	assert_non_null(s);
	return s;
}

static void show_prints_the_readers_language_only(void **state)
{
	fixture *f = *state;
	support_result r = RUN(f, NULL, NULL, f->db_arg, "--lang", "en", "show",
			       "fig-recruit");
	assert_int_equal(r.status, 0);
	char *people = section(r.out, "People\n");
	assert_string_equal(people, "People\n"
		"  Chung Suk-geun, Global AI strategy lead (recruit)\n"
		"  Ryu Young-sang, CEO (signer)\n");
	char *figures = section(r.out, "Figures\n");
	assert_string_equal(figures, "Figures\n"
		"  Investment: about KRW 200bn\n"
		"  Parameters: 72B\n");
	free(people);
	free(figures);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "--lang", "ko", "show", "fig-recruit");
	assert_int_equal(r.status, 0);
	people = section(r.out, "인물\n");
	assert_string_equal(people, "인물\n"
		"  유영상, 대표이사 (서명)\n"
		"  정석근, 글로벌 AI 전략 담당 (영입)\n");
	figures = section(r.out, "수치\n");
	assert_string_equal(figures, "수치\n"
		"  투자액: 약 2,000억 원\n"
		"  매개변수: 72B\n");
	free(people);
	free(figures);
	support_result_free(&r);
}

/* The detail pane, in English: the title the person held at the event
 * (not the latest, "Head of AI CIC") and the English value alone. */
static void detail_pane_shows_the_title_at_the_event(void **state)
{
	fixture *f = *state;
	screen *s = screen_start(f->home, 40, 100, NULL,
				 (const char *const[]){f->db_arg, "--lang=en",
						       NULL});
	int row = screen_find_row(s, "Chung Suk-geun, Global AI strategy lead "
				  "(recruit)");
	assert_true(row > 0);
	assert_int_equal(screen_find_row(s, "Head of AI CIC"), -1);
	assert_true(screen_find_row(s, "Investment: about KRW 200bn") > row);
	assert_int_equal(screen_find_row(s, "2,000"), -1);
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_value_by_language_needs_both_and_nothing_else, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(a_title_at_an_event_has_both_languages, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(export_round_trips_both_forms, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(show_prints_the_readers_language_only, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(detail_pane_shows_the_title_at_the_event, setup, support_db_teardown),
	};
	return cmocka_run_group_tests_name("figures", tests, NULL, NULL);
}
