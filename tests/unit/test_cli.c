/* test_cli.c: the real binary, run with a controlled environment: exit
 * statuses, exact output of list and show, the database's location, import
 * errors leaving the database as it was, and the export/import round trip. */
#include "support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "yeonpyo/json.h"
#include "yeonpyo/options.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"

typedef struct {
	char *home;
	char *db;
	char *db_arg;  /* "--db=PATH" */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->home = support_tmpdir();
	f->db = support_path(f->home, "sample.db");
	size_t n = strlen(f->db) + 8;
	f->db_arg = malloc(n);
	snprintf(f->db_arg, n, "--db=%s", f->db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	free(f->db);
	free(f->db_arg);
	support_rmtree(f->home);
	free(f);
	return 0;
}


static char *sample_json(void)
{
	char *s = support_read_file("tests/data/sample.json", NULL);
	assert_non_null(s);
	return s;
}

/* A database holding only tests/data/sample.json. */
static void load_sample(fixture *f)
{
	support_result r = RUN(f, NULL, NULL, f->db_arg, "db", "init", "--empty");
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	char *json = sample_json();
	r = RUN(f, NULL, json, f->db_arg, "import", "-");
	free(json);
	assert_string_equal(r.err, "imported 3 events, 4 organizations, "
			    "1 person, 1 source\n");
	assert_int_equal(r.status, 0);
	support_result_free(&r);
}

static void version_and_help_exit_zero(void **state)
{
	fixture *f = *state;
	support_result r = RUN(f, NULL, NULL, "--version");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "yeonpyo 0.1.0\n");
	support_result_free(&r);
	r = RUN(f, NULL, NULL, "--help");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: yeonpyo"));
	assert_string_equal(r.err, "");
	support_result_free(&r);
}

static void usage_errors_exit_64(void **state)
{
	fixture *f = *state;
	support_result r = RUN(f, NULL, NULL, "frobnicate");
	assert_int_equal(r.status, YP_USAGE);
	assert_string_equal(r.err, "yeonpyo: unknown command 'frobnicate' (see "
			    "yeonpyo --help)\n");
	support_result_free(&r);
	r = RUN(f, NULL, NULL, "list", "--from", "2025-02-30");
	assert_int_equal(r.status, YP_USAGE);
	assert_string_equal(r.err, "yeonpyo: list: invalid --from date "
			    "\"2025-02-30\": February 2025 has 28 days (see "
			    "yeonpyo --help)\n");
	support_result_free(&r);
	r = RUN(f, NULL, NULL, "--lang", "fr");
	assert_int_equal(r.status, YP_USAGE);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, "list", "--format", "xml");
	assert_int_equal(r.status, YP_USAGE);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, "import");
	assert_int_equal(r.status, YP_USAGE);
	support_result_free(&r);
}

/* Every option of options.def that takes words or a number, given one it
 * does not take (as "--opt value" and "--opt=value"), is refused with
 * one line naming what it takes and status 64. */
static void every_bad_option_value_is_one_line(void **state)
{
	fixture *f = *state;
	int tried = 0;
	for (int id = 0; id < OPT_COUNT; id++) {
		const opt_spec *o = options_spec((opt_id)id);
		if (!o->flag || (o->kind != OPT_WORDS && o->kind != OPT_NUMBER))
			continue;
		strbuf want = STRBUF_INIT, glued = STRBUF_INIT;
		strbuf_printf(&want, "yeonpyo: %s takes ", o->flag);
		support_option_takes(&want, (opt_id)id);
		strbuf_puts(&want, ", not 'bogus' (see yeonpyo --help)\n");
		strbuf_printf(&glued, "%s=bogus", o->flag);
		support_result r = RUN(f, NULL, NULL, "list", o->flag, "bogus");
		assert_int_equal(r.status, YP_USAGE);
		assert_string_equal(r.err, strbuf_str(&want));
		assert_string_equal(r.out, "");
		support_result_free(&r);
		r = RUN(f, NULL, NULL, strbuf_str(&glued), "list");
		assert_int_equal(r.status, YP_USAGE);
		assert_string_equal(r.err, strbuf_str(&want));
		support_result_free(&r);
		strbuf_free(&want);
		strbuf_free(&glued);
		tried++;
	}
	assert_true(tried >= 6);
	support_result r = RUN(f, NULL, NULL, "--wrap", "x");
	assert_string_equal(r.err, "yeonpyo: --wrap takes keep-all or normal, "
			    "not 'x' (see yeonpyo --help)\n");
	support_result_free(&r);
	r = RUN(f, NULL, NULL, "--db=", "list");
	assert_int_equal(r.status, YP_USAGE);
	assert_string_equal(r.err, "yeonpyo: --db needs a value (see yeonpyo "
			    "--help)\n");
	support_result_free(&r);
	/* the last one given counts; --help wins over any mistake */
	r = RUN(f, NULL, NULL, "--lang", "fr", "--lang", "en", "--version");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "yeonpyo 0.1.0\n");
	support_result_free(&r);
	r = RUN(f, NULL, NULL, "--lang", "fr", "-h", "--color");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: yeonpyo"));
	support_result_free(&r);
}

/* s with every line break and the spaces after it made one space, so
 * that wrapped help reads as it is written. */
static char *unwrapped(const char *s)
{
	strbuf sb = STRBUF_INIT;
	for (; *s; s++) {
		if (*s != '\n') {
			strbuf_putc(&sb, *s);
			continue;
		}
		strbuf_putc(&sb, ' ');
		while (s[1] == ' ')
			s++;
	}
	return strbuf_take(&sb);
}

/* --help's options part for the arguments, from "options:" on. */
static char *help_options(fixture *f, const char *const *env,
			  const char *lang)
{
	support_result r = RUN(f, env, NULL, "--lang", lang, "--help");
	assert_int_equal(r.status, 0);
	const char *block = strstr(r.out, "\noptions:\n");
	assert_non_null(block);
	char *text = unwrapped(block);
	support_result_free(&r);
	return text;
}

/* --help has every option of options.def: a synopsis group with its
 * words, and a line with its help and default, in Korean when the
 * language is and the character set can show it. */
static void help_lists_every_option(void **state)
{
	fixture *f = *state;
	support_result r = RUN(f, NULL, NULL, "--help");
	const char *options = strstr(r.out, "\noptions:\n");
	assert_non_null(options);
	char *synopsis = unwrapped(r.out);
	char *en = help_options(f, NULL, "en");
	char *ko = help_options(f, NULL, "ko");
	const char *c_locale[] = {"LANG=C", NULL};
	char *ascii = help_options(f, c_locale, "ko");
	assert_string_equal(ascii, en);
	for (int id = 0; id < OPT_COUNT; id++) {
		const opt_spec *o = options_spec((opt_id)id);
		if (!o->flag)
			continue;
		strbuf line = STRBUF_INIT, group = STRBUF_INIT;
		if (o->short_flag)
			strbuf_printf(&line, " -%c, %s ", o->short_flag, o->flag);
		else
			strbuf_printf(&line, " %s ", o->flag);
		if (!strstr(en, strbuf_str(&line)) || !strstr(en, o->help[LANG_EN]))
			fail_msg("--help lacks %s: %s", o->flag, en);
		if (!strstr(ko, o->help[LANG_KO]))
			fail_msg("--lang ko --help lacks %s: %s", o->flag, ko);
		strbuf_printf(&group, "[%s", o->flag);
		for (int v = 0, n = 0; v < OPTV_COUNT; v++)
			if ((int)options_word_owner((opt_value)v) == id)
				strbuf_printf(&group, "%c%s", n++ ? '|' : ' ',
					      options_word((opt_value)v));
		if (o->kind != OPT_ACTION &&
		    !strstr(synopsis, strbuf_str(&group)))
			fail_msg("the synopsis lacks %s: %s", strbuf_str(&group),
				 synopsis);
		strbuf_free(&line);
		strbuf_free(&group);
	}
	assert_non_null(strstr(options, "\n  --clipboard HOW    what x copies "
			       "with: off or osc52"));
	assert_non_null(strstr(en, "; default auto "));
	assert_non_null(strstr(ko, "; 기본값 auto "));
	free(synopsis);
	free(en);
	free(ko);
	free(ascii);
	support_result_free(&r);
}

static void list_text_aligns_hangul_by_display_width(void **state)
{
	fixture *f = *state;
	load_sample(f);
	const char *ko_env[] = {"LANG=ko_KR.UTF-8", NULL};
	support_result r = RUN(f, ko_env, NULL, f->db_arg, "list");
	assert_int_equal(r.status, 0);
	/* 시험 얼라이언스 has no short name: its Korean name is the column's
	 * widest cell (15 columns); 예정 marks the planned event */
	assert_string_equal(r.out,
		"2024-07-12        SKT·KAIST        시험 행사 개최\n"
		"2024-11           시험 얼라이언스  얼라이언스 설립\n"
		"2025        예정  KAIST            연 단위 계획\n");
	support_result_free(&r);
	r = RUN(f, ko_env, NULL, f->db_arg, "list", "--lang", "en");
	assert_string_equal(r.out,
		"2024-07-12           SKT·KAIST        Test conference held\n"
		"2024-11              시험 얼라이언스  Alliance founded\n"
		"2025        planned  KAIST            A year-long plan\n");
	support_result_free(&r);
}

static void list_filters_by_dates_org_and_tag(void **state)
{
	fixture *f = *state;
	load_sample(f);
	support_result r = RUN(f, NULL, NULL, f->db_arg, "list", "--format=tsv",
			       "--from", "2024-11");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out,
		"id\tdate\tend_date\tstatus\tkind\torganizations\ttitle_ko\t"
		"title_en\n"
		"e-2024-month\t2024-11\t\tdone\tfounding\ttest-alliance\t"
		"얼라이언스 설립\tAlliance founded\n"
		"e-2025-year\t2025\t2026-03\tplanned\tplan\tkaist\t연 단위 계획\t"
		"A year-long plan\n");
	support_result_free(&r);
	/* the 2025 event runs to 2026-03, so it overlaps 2026 */
	r = RUN(f, NULL, NULL, f->db_arg, "list", "--format=tsv", "--from",
		"2026-02-01", "--to", "2026");
	assert_int_equal(support_count_lines(r.out), 2);
	assert_non_null(strstr(r.out, "e-2025-year"));
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "list", "--org", "kaist", "--to",
		"2024", "--lang", "en");
	assert_string_equal(r.out, "2024-07-12  SKT·KAIST  Test conference held\n");
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "list", "--tag", "alliance",
		"--format", "tsv");
	assert_int_equal(support_count_lines(r.out), 3);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "list", "--org", "nope");
	assert_int_equal(r.status, YP_NOINPUT);
	assert_string_equal(r.err, "yeonpyo: list: no organization with id "
			    "\"nope\"\n");
	support_result_free(&r);
}

static void list_json_is_an_array_of_events(void **state)
{
	fixture *f = *state;
	load_sample(f);
	support_result r = RUN(f, NULL, NULL, f->db_arg, "list", "--format",
			       "json");
	assert_int_equal(r.status, 0);
	json_value *v = NULL;
	json_error je;
	size_t used = 0;
	assert_true(json_parse(r.out, strlen(r.out), 1, &used, &v, &je));
	assert_int_equal(used, strlen(r.out));
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->u.array.len, 3);
	const json_value *id = json_get(v->u.array.items[2], "id");
	assert_string_equal(id->u.string, "e-2025-year");
	json_free(v);
	support_result_free(&r);
}

static void show_prints_every_link(void **state)
{
	fixture *f = *state;
	load_sample(f);
	support_result r = RUN(f, NULL, NULL, f->db_arg, "--lang", "en", "show",
			       "e-2024-day");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out,
		"Test conference held\n"
		"\n"
		"ID          e-2024-day\n"
		"Date        Jul 12, 2024 (Fri)\n"
		"Status      done\n"
		"Kind        conference\n"
		"Tags        alliance, test\n"
		"\n"
		"Summary\n"
		"  A test summary. A second sentence.\n"
		"\n"
		"Organizations\n"
		"  KAIST (participant)\n"
		"  SKT · SK Telecom (host)\n"
		"\n"
		"People\n"
		"  Ryu Young-sang, CEO (speaker)\n"
		"\n"
		"Figures\n"
		"  Companies: 15\n"
		"\n"
		"Sources\n"
		"  [1] SK텔레콤, 2024-07-14, 시험 보도자료\n"
		"      https://example.org/release\n");
	support_result_free(&r);
	/* in Korean, 가나다 comes before ABC: 한국과학기술원, then SK텔레콤 */
	r = RUN(f, NULL, NULL, f->db_arg, "--lang", "ko", "show", "e-2024-day");
	assert_non_null(strstr(r.out, "기관\n  KAIST · 한국과학기술원 (참여)\n"
				      "  SKT · SK텔레콤 (주최)\n"));
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "show", "missing-event");
	assert_int_equal(r.status, YP_NOINPUT);
	assert_string_equal(r.err, "yeonpyo: no event with id \"missing-event\"\n");
	support_result_free(&r);
}

static void show_json_is_a_self_contained_document(void **state)
{
	fixture *f = *state;
	load_sample(f);
	support_result r = RUN(f, NULL, NULL, f->db_arg, "show", "e-2024-day",
			       "--format", "json");
	assert_int_equal(r.status, 0);
	/* import it into an empty database: every reference must resolve,
	 * including the person's organization's parent (sk-group) */
	char *other = support_path(f->home, "other.db");
	char arg[4200];
	snprintf(arg, sizeof(arg), "--db=%s", other);
	support_result i = RUN(f, NULL, NULL, arg, "db", "init", "--empty");
	support_result_free(&i);
	i = RUN(f, NULL, r.out, arg, "import", "-");
	assert_string_equal(i.err, "imported 1 event, 3 organizations, "
			    "1 person, 1 source\n");
	assert_int_equal(i.status, 0);
	support_result_free(&i);
	free(other);
	support_result_free(&r);
}

/* import reads NDJSON a line at a time: blank and CRLF lines, positions
 * that count every line before, and a document after blank lines. */
static void streamed_import_keeps_lines_and_positions(void **state)
{
	fixture *f = *state;
	support_result r = RUN(f, NULL, NULL, f->db_arg, "db", "init", "--empty");
	support_result_free(&r);
	char *feed = support_path(f->home, "feed.ndjson");
	support_write_file(feed, "\n"
		"{\"organization\": {\"id\": \"a\", \"name\": {\"en\": \"A\"},"
		" \"kind\": \"lab\"}}\r\n"
		"   \n"
		"{\"event\": {\"id\": \"x\", \"date\": \"2025\", \"status\":"
		" \"done\", \"kind\": \"plan\", \"title\": {\"en\": \"X\"},"
		" \"summary\": {\"en\": \"S.\"}}} {}\n");
	r = RUN(f, NULL, NULL, f->db_arg, "import", feed);
	assert_int_equal(r.status, YP_DATAERR);
	char want[2048];
	snprintf(want, sizeof(want), "%s:4:121: invalid JSON: more than one "
		 "value on a line\nyeonpyo: %s: 1 problem; nothing was "
		 "imported\n", feed, feed);
	assert_string_equal(r.err, want);
	support_result_free(&r);
	support_write_file(feed, "\n\n"
		"{\"organization\": {\"id\": \"a\", \"name\": {\"en\": \"A\"},"
		" \"kind\": \"lab\"}}\r\n"
		"{\"event\": {\"id\": \"x\", \"date\": \"2025\", \"status\":"
		" \"done\", \"kind\": \"plan\", \"title\": {\"en\": \"X\"},"
		" \"summary\": {\"en\": \"S.\"}, \"organizations\": [{\"id\":"
		" \"a\", \"role\": \"lead\"}]}}");
	r = RUN(f, NULL, NULL, f->db_arg, "import", feed);
	assert_string_equal(r.err, "imported 1 event, 1 organization, "
			    "0 people, 0 sources\n");
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	/* --timings adds one line with the three steps */
	r = RUN(f, NULL, NULL, f->db_arg, "import", "--timings", feed);
	assert_int_equal(r.status, 0);
	double t[3] = {-1, -1, -1};
	char tail[8] = "";
	assert_int_equal(sscanf(r.err, "imported 1 event, 1 organization, "
		"0 people, 0 sources\ntimings: records %lf s, search index "
		"%lf s, commit %lf s%7s", &t[0], &t[1], &t[2], tail), 3);
	assert_true(t[0] >= 0 && t[1] >= 0 && t[2] >= 0);
	size_t lines = 0;
	for (const char *c = r.err; *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, 2);
	support_result_free(&r);
	char *doc = support_path(f->home, "doc.json");
	support_write_file(doc, "\n  \n{\"format\": \"yeonpyo/1\",\n"
		"\"events\": [}\n");
	r = RUN(f, NULL, NULL, f->db_arg, "import", doc);
	assert_int_equal(r.status, YP_DATAERR);
	assert_non_null(strstr(r.err, "doc.json:4:"));
	support_result_free(&r);
	free(doc);
	free(feed);
}

static void bad_import_exits_65_and_changes_nothing(void **state)
{
	fixture *f = *state;
	load_sample(f);
	support_result before = RUN(f, NULL, NULL, f->db_arg, "export");
	char *bad = support_path(f->home, "bad.json");
	support_write_file(bad, "{\"format\": \"yeonpyo/1\", \"events\": [\n"
		"{\"id\": \"ok\", \"date\": \"2025\", \"status\": \"done\", \"kind\":"
		" \"plan\", \"title\": {\"en\": \"fine\"}, \"summary\": {\"en\": "
		"\"S.\"}},\n"
		"{\"id\": \"bad\", \"date\": \"2025-02-30\", \"status\": \"done\", "
		"\"kind\": \"plan\", \"title\": {\"en\": \"bad\"}, \"summary\": "
		"{\"en\": \"S.\"}, \"sources\": [\"nope\"]}]}\n");
	support_result r = RUN(f, NULL, NULL, f->db_arg, "import", bad);
	assert_int_equal(r.status, YP_DATAERR);
	char want[2048];
	snprintf(want, sizeof(want),
		 "%s:3:23: $.events[1].date: invalid date \"2025-02-30\": "
		 "February 2025 has 28 days\n"
		 "yeonpyo: %s: 1 problem; nothing was imported\n", bad, bad);
	assert_string_equal(r.err, want);
	support_result_free(&r);
	support_result after = RUN(f, NULL, NULL, f->db_arg, "export");
	assert_string_equal(before.out, after.out);
	support_result_free(&before);
	support_result_free(&after);
	r = RUN(f, NULL, NULL, f->db_arg, "import", "/nonexistent/file.json");
	assert_int_equal(r.status, YP_NOINPUT);
	assert_string_equal(r.err, "yeonpyo: /nonexistent/file.json: cannot "
			    "open: No such file or directory\n");
	support_result_free(&r);
	free(bad);
}

/* export | import into an empty database | export gives the same bytes,
 * in both formats, and NDJSON and JSON describe the same records. */
static void export_import_round_trip_is_exact(void **state)
{
	fixture *f = *state;
	support_result json = RUN(f, NULL, NULL, "export");
	assert_int_equal(json.status, 0);
	support_result nd = RUN(f, NULL, NULL, "export", "--format", "ndjson");
	assert_int_equal(nd.status, 0);
	char *copy = support_path(f->home, "copy.db");
	char *copy2 = support_path(f->home, "copy2.db");
	char arg[4200], arg2[4200];
	snprintf(arg, sizeof(arg), "--db=%s", copy);
	snprintf(arg2, sizeof(arg2), "--db=%s", copy2);
	support_result r = RUN(f, NULL, NULL, arg, "db", "init", "--empty");
	support_result_free(&r);
	r = RUN(f, NULL, json.out, arg, "import", "-");
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, arg, "export");
	assert_string_equal(r.out, json.out);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, arg2, "db", "init", "--empty");
	support_result_free(&r);
	r = RUN(f, NULL, nd.out, arg2, "import", "-");
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, arg2, "export", "--format=ndjson");
	assert_string_equal(r.out, nd.out);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, arg2, "export");
	assert_string_equal(r.out, json.out);
	support_result_free(&r);
	support_result_free(&json);
	support_result_free(&nd);
	free(copy);
	free(copy2);
}

static void database_location_follows_options_and_environment(void **state)
{
	fixture *f = *state;
	/* default: $XDG_DATA_HOME/yeonpyo/timeline.db, made on first use */
	support_result r = RUN(f, NULL, NULL, "db", "info");
	assert_int_equal(r.status, 0);
	char want[4300];
	snprintf(want, sizeof(want), "database:       %s/data/yeonpyo/timeline.db\n",
		 f->home);
	assert_non_null(strstr(r.out, want));
	assert_non_null(strstr(r.out, "built-in:       version 2"));
	support_result_free(&r);
	/* HOME when XDG_DATA_HOME is unset (an empty value is unset too) */
	const char *no_xdg[] = {"XDG_DATA_HOME=", NULL};
	r = RUN(f, no_xdg, NULL, "db", "info");
	snprintf(want, sizeof(want),
		 "database:       %s/.local/share/yeonpyo/timeline.db\n", f->home);
	assert_non_null(strstr(r.out, want));
	support_result_free(&r);
	char env_db[4200];
	snprintf(env_db, sizeof(env_db), "YEONPYO_DB=%s/env.db", f->home);
	const char *env[] = {env_db, NULL};
	r = RUN(f, env, NULL, "db", "info");
	snprintf(want, sizeof(want), "database:       %s/env.db\n", f->home);
	assert_non_null(strstr(r.out, want));
	support_result_free(&r);
	r = RUN(f, env, NULL, f->db_arg, "db", "info");
	snprintf(want, sizeof(want), "database:       %s\n", f->db);
	assert_non_null(strstr(r.out, want));
	support_result_free(&r);
}

static void newer_database_is_refused_with_65(void **state)
{
	fixture *f = *state;
	support_result r = RUN(f, NULL, NULL, f->db_arg, "db", "init", "--empty");
	support_result_free(&r);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	r = RUN(f, NULL, NULL, f->db_arg, "list");
	assert_int_equal(r.status, YP_DATAERR);
	char want[4400];
	snprintf(want, sizeof(want), "yeonpyo: %s: database schema version 99 is "
		 "newer than this yeonpyo supports (%d); upgrade yeonpyo or use "
		 "--db to choose another file\n", f->db, STORE_SCHEMA_VERSION);
	assert_string_equal(r.err, want);
	support_result_free(&r);
}

static void language_defaults_from_the_locale(void **state)
{
	fixture *f = *state;
	load_sample(f);
	const char *ko[] = {"LANG=C.UTF-8", "LC_MESSAGES=ko_KR.UTF-8", NULL};
	support_result r = RUN(f, ko, NULL, f->db_arg, "list", "--to", "2024-07");
	assert_string_equal(r.out, "2024-07-12  SKT·KAIST  시험 행사 개최\n");
	support_result_free(&r);
	const char *all[] = {"LC_ALL=en_US.UTF-8", "LANG=ko_KR.UTF-8", NULL};
	r = RUN(f, all, NULL, f->db_arg, "list", "--to", "2024-07");
	assert_string_equal(r.out, "2024-07-12  SKT·KAIST  Test conference held\n");
	support_result_free(&r);
}

/* Several first runs at once on a new database: one migrates and loads
 * the dataset, the others wait for it; none fails or loads twice. */
static void concurrent_first_runs_all_succeed(void **state)
{
	fixture *f = *state;
	enum { RUNS = 6 };
	pid_t pids[RUNS];
	for (int i = 0; i < RUNS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			support_result r = RUN(f, NULL, NULL, f->db_arg, "list");
			if (r.status != 0 || r.err[0] != '\0')
				fprintf(stderr, "run %d: status %d: %s", i, r.status,
					r.err);
			_exit(r.status == 0 && r.err[0] == '\0' ? 0 : 1);
		}
	}
	for (int i = 0; i < RUNS; i++) {
		int status = 0;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	/* the same counts as one run alone on another new database */
	support_result r = RUN(f, NULL, NULL, f->db_arg, "db", "info");
	char *alone = support_path(f->home, "alone.db");
	char arg[4200];
	snprintf(arg, sizeof(arg), "--db=%s", alone);
	support_result a = RUN(f, NULL, NULL, arg, "db", "info");
	assert_string_equal(strstr(r.out, "events:"), strstr(a.out, "events:"));
	support_result_free(&r);
	support_result_free(&a);
	free(alone);
}

static void non_utf8_locales_get_romanized_text(void **state)
{
	fixture *f = *state;
	load_sample(f);
	const char *c_locale[] = {"LANG=C", NULL};
	support_result r = RUN(f, c_locale, NULL, f->db_arg, "list", "--lang",
			       "ko", "--to", "2024-07");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "2024-07-12  SKT/KAIST  siheom haengsa gaechoe\n");
	assert_string_equal(r.err, "yeonpyo: this locale's character set "
			    "(ANSI_X3.4-1968) has no Hangul; showing Korean "
			    "romanized (use a UTF-8 locale such as C.UTF-8)\n");
	support_result_free(&r);
	/* data formats stay exact and say nothing */
	r = RUN(f, c_locale, NULL, f->db_arg, "list", "--format", "tsv");
	assert_non_null(strstr(r.out, "시험 행사 개최"));
	assert_string_equal(r.err, "");
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "--romanize", "list", "--lang", "ko",
		"--to", "2024-07");
	assert_string_equal(r.out, "2024-07-12  SKT/KAIST  siheom haengsa gaechoe\n");
	assert_string_equal(r.err, "");
	support_result_free(&r);
}

static void a_missing_locale_falls_back_to_c_utf8(void **state)
{
	fixture *f = *state;
	load_sample(f);
	const char *env[] = {"LANG=xx_YY.UTF-8", NULL};
	support_result r = RUN(f, env, NULL, f->db_arg, "list", "--to", "2024-07");
	assert_string_equal(r.err, "yeonpyo: locale xx_YY.UTF-8 is not installed; "
			    "using C.UTF-8\n");
	assert_string_equal(r.out, "2024-07-12  SKT·KAIST  Test conference held\n");
	support_result_free(&r);
}

static void search_finds_korean_english_and_initials(void **state)
{
	fixture *f = *state;
	load_sample(f);
	support_result r = RUN(f, NULL, NULL, f->db_arg, "--lang", "en",
			       "search", "행사");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "2024-07-12  SKT·KAIST  Test conference held\n");
	support_result_free(&r);
	/* initial consonants of 얼라이언스 설립 */
	r = RUN(f, NULL, NULL, f->db_arg, "search", "ㅅㄹ", "--format", "tsv");
	assert_non_null(strstr(r.out, "\ne-2024-month\t"));
	assert_int_equal(support_count_lines(r.out), 2);
	support_result_free(&r);
	/* an English prefix, an organization's name, a person's name */
	r = RUN(f, NULL, NULL, f->db_arg, "search", "confer", "--format=tsv");
	assert_int_equal(support_count_lines(r.out), 2);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "search", "한국과학기술원",
		"--format=tsv");
	assert_int_equal(support_count_lines(r.out), 3);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "search", "Ryu", "--format=tsv");
	assert_non_null(strstr(r.out, "\ne-2024-day\t"));
	support_result_free(&r);
	/* several words must all match */
	r = RUN(f, NULL, NULL, f->db_arg, "search", "alliance", "2024",
		"--format=tsv");
	assert_int_equal(support_count_lines(r.out), 3);
	support_result_free(&r);
}

static void search_queries_are_text_not_syntax(void **state)
{
	fixture *f = *state;
	load_sample(f);
	static const char *const hostile[] = {
		"\"", "(", "AND", "*", "'; DROP TABLE events; --", "NEAR(a b)",
		"title:x", "^test", NULL};
	for (size_t i = 0; hostile[i]; i++) {
		support_result r = RUN(f, NULL, NULL, f->db_arg, "search",
				       hostile[i]);
		if (r.status != 0 && r.status != YP_USAGE)
			fail_msg("search %s: status %d: %s", hostile[i], r.status,
				 r.err);
		assert_null(strstr(r.err, "fts5"));
		assert_null(strstr(r.err, "syntax"));
		support_result_free(&r);
	}
	support_result r = RUN(f, NULL, NULL, f->db_arg, "search", "(*)");
	assert_int_equal(r.status, YP_USAGE);
	assert_string_equal(r.err, "yeonpyo: search: \"(*)\" has no letters or "
			    "digits to search for (see yeonpyo --help)\n");
	support_result_free(&r);
	/* the database is intact */
	r = RUN(f, NULL, NULL, f->db_arg, "list", "--format=tsv");
	assert_int_equal(support_count_lines(r.out), 4);
	support_result_free(&r);
}

static void search_index_follows_imports(void **state)
{
	fixture *f = *state;
	load_sample(f);
	/* the event's title changes; the organization is renamed */
	support_result r = RUN(f, NULL,
		"{\"format\": \"yeonpyo/1\", \"organizations\": [{\"id\": "
		"\"kaist\", \"name\": {\"en\": \"Daejeon Institute\"}, "
		"\"kind\": \"university\"}], \"events\": [{\"id\": "
		"\"e-2024-month\", \"date\": \"2024-11\", \"status\": "
		"\"done\", \"kind\": \"founding\", \"title\": {\"en\": "
		"\"Zebra crossing\"}, \"summary\": {\"en\": \"S.\"}}]}",
		f->db_arg, "import", "-");
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "search", "zebra", "--format=tsv");
	assert_non_null(strstr(r.out, "\ne-2024-month\t"));
	support_result_free(&r);
	r = RUN(f, NULL, NULL, f->db_arg, "search", "얼라이언스", "설립",
		"--format=tsv");
	assert_int_equal(support_count_lines(r.out), 1);  /* header only */
	support_result_free(&r);
	/* both KAIST events now answer to the new name */
	r = RUN(f, NULL, NULL, f->db_arg, "search", "daejeon", "--format=tsv");
	assert_int_equal(support_count_lines(r.out), 3);
	support_result_free(&r);
}

static void assert_completes(fixture *f, const char *want,
			     const char *const *words)
{
	const char *args[16] = {"complete", "--"};
	size_t n = 2;
	for (; *words && n < 15; words++)
		args[n++] = *words;
	args[n] = NULL;
	support_result r = support_run(f->home, NULL, NULL, args);
	assert_int_equal(r.status, 0);
	if (strcmp(r.out, want) != 0)
		fail_msg("completed\n%s\nnot\n%s", r.out, want);
	support_result_free(&r);
}

#define COMPLETES(f, want, ...) \
	assert_completes((f), (want), (const char *const[]){__VA_ARGS__, NULL})

/* complete offers commands, options and their values, and ids from the
 * database named on the line; it never creates a database. */
static void complete_offers_words_and_ids(void **state)
{
	fixture *f = *state;
	COMPLETES(f, "list\nshow\nsearch\nnote\nimport\nexport\ndb\nconfig\n", "");
	COMPLETES(f, "show\nsearch\n", "s");
	COMPLETES(f, "ko\nen\n", "--lang", "");
	COMPLETES(f, "ko\n", "--lang", "=", "k");
	COMPLETES(f, "ics\n", "export", "--format", "i");
	COMPLETES(f, "init\ninfo\n", "db", "in");
	COMPLETES(f, "--empty\n", "db", "init", "--e");
	COMPLETES(f, "--mouse\n--marked\n", "list", "--m");
	COMPLETES(f, "", "import", "");  /* a file: the shell's to do */
	COMPLETES(f, "", "--db", f->db, "show", "");  /* no database yet */
	assert_int_equal(access(f->db, F_OK), -1);
	load_sample(f);
	COMPLETES(f, "e-2024-day\ne-2024-month\n", "--db", f->db, "show",
		  "e-2024-");
	COMPLETES(f, "", "--db", f->db, "show", "e-2024-day", "");
	/* organizations and people with events */
	COMPLETES(f, "skt\n", "--db", f->db, "list", "--org", "sk");
	COMPLETES(f, "ryu-young-sang\n", "--db", f->db, "list", "--person",
		  "r");
}

/* complete offers every global option of options.def, and after one
 * that takes words, each of its words in order. */
static void complete_offers_every_option_and_value(void **state)
{
	fixture *f = *state;
	strbuf flags = STRBUF_INIT;
	int with_words = 0;
	for (int id = 0; id < OPT_COUNT; id++) {
		const opt_spec *o = options_spec((opt_id)id);
		strbuf words = STRBUF_INIT;
		for (int v = 0; v < OPTV_COUNT; v++)
			if ((int)options_word_owner((opt_value)v) == id)
				strbuf_printf(&words, "%s\n",
					      options_word((opt_value)v));
		if (o->flag && o->kind != OPT_SWITCH && o->kind != OPT_ACTION)
			assert_completes(f, strbuf_str(&words),
					 (const char *const[]){o->flag, "", NULL});
		if (o->flag)
			strbuf_printf(&flags, "%s\n", o->flag);
		with_words += words.len > 0;
		strbuf_free(&words);
	}
	assert_true(with_words >= 6);
	/* before a command, the global options and nothing else */
	assert_completes(f, strbuf_str(&flags), (const char *const[]){"--", NULL});
	strbuf_free(&flags);
}

/* config --dump has a line for every setting of options.def the file
 * may hold: its value given, or its default. */
static void dump_lists_every_setting(void **state)
{
	fixture *f = *state;
	support_result r = RUN(f, NULL, NULL, "--wrap", "normal", "config",
			       "--dump");
	assert_int_equal(r.status, 0);
	int keys = 0;
	for (int id = 0; id < OPT_COUNT; id++) {
		const opt_spec *o = options_spec((opt_id)id);
		if (!o->key)
			continue;
		strbuf want = STRBUF_INIT;
		strbuf_printf(&want, "\n%s = ", o->key);
		if (id == OPT_WRAP)
			strbuf_puts(&want, "normal");
		else if (id == OPT_LANG)
			strbuf_puts(&want, "en");  /* the locale's */
		else if (o->kind == OPT_WORDS)
			strbuf_puts(&want, options_word((opt_value)o->fallback));
		else
			strbuf_printf(&want, "%ld", o->fallback);
		strbuf_putc(&want, '\n');
		if (!strstr(r.out, strbuf_str(&want)))
			fail_msg("the dump lacks %s: %s", strbuf_str(&want), r.out);
		strbuf_free(&want);
		keys++;
	}
	assert_true(keys >= 7);
	assert_non_null(strstr(r.out, "\nside-by-side = 120\n"));
	support_result_free(&r);
}

/* config --dump writes the configuration in effect so that it reads back
 * to itself; a bad line is named on standard error and the rest applies;
 * options given win over the file. */
static void config_dump_reads_back(void **state)
{
	fixture *f = *state;
	char *file = NULL;
	char *env = support_config(f->home, "lang = ko\nbind n next-year\n"
				   "unbind x\ncolor url 208 underline\n"
				   "wrap = sideways\n", &file);
	const char *const envs[] = {env, NULL};
	support_result r = RUN(f, envs, NULL, "config", "--dump");
	assert_int_equal(r.status, 0);
	char want_err[4400];
	snprintf(want_err, sizeof(want_err), "yeonpyo: %s:5: wrap takes "
		 "keep-all or normal, not 'sideways'\n", file);
	assert_string_equal(r.err, want_err);
	assert_non_null(strstr(r.out, "\nlang = ko\n"));
	assert_non_null(strstr(r.out, "\nbind n next-year\n"));
	assert_null(strstr(r.out, "\nbind x "));
	assert_non_null(strstr(r.out, "\nunbind x\n"));
	assert_non_null(strstr(r.out, "\ncolor url 208 default underline\n"));
	assert_non_null(strstr(r.out, "\ncolor selected black cyan normal\n"));
	/* src/styles.def's defaults, standout written as underline reverse */
	assert_non_null(strstr(r.out, "\ncolor titlebar blue default bold "
			       "reverse\n"));
	assert_non_null(strstr(r.out, "\ncolor match red default underline "
			       "reverse\n"));
	assert_non_null(strstr(r.out, "\ncolor state default default dim\n"));
	/* the dump as the file: no problem, the same dump */
	support_write_file(file, r.out);
	support_result again = RUN(f, envs, NULL, "config", "--dump");
	assert_int_equal(again.status, 0);
	assert_string_equal(again.err, "");
	assert_string_equal(again.out, r.out);
	support_result_free(&again);
	support_result_free(&r);
	r = RUN(f, envs, NULL, "--lang", "en", "config");
	assert_non_null(strstr(r.out, "\nlang = en\n"));
	support_result_free(&r);
	r = RUN(f, envs, NULL, "config", "--path");
	char want_path[4200];
	snprintf(want_path, sizeof(want_path), "%s\n", file);
	assert_string_equal(r.out, want_path);
	support_result_free(&r);
	r = RUN(f, envs, NULL, "config", "--bogus");
	assert_int_equal(r.status, YP_USAGE);
	support_result_free(&r);
	free(file);
	free(env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(version_and_help_exit_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(usage_errors_exit_64, setup, teardown),
		cmocka_unit_test_setup_teardown(every_bad_option_value_is_one_line, setup, teardown),
		cmocka_unit_test_setup_teardown(help_lists_every_option, setup, teardown),
		cmocka_unit_test_setup_teardown(list_text_aligns_hangul_by_display_width, setup, teardown),
		cmocka_unit_test_setup_teardown(list_filters_by_dates_org_and_tag, setup, teardown),
		cmocka_unit_test_setup_teardown(list_json_is_an_array_of_events, setup, teardown),
		cmocka_unit_test_setup_teardown(show_prints_every_link, setup, teardown),
		cmocka_unit_test_setup_teardown(show_json_is_a_self_contained_document, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_import_exits_65_and_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(streamed_import_keeps_lines_and_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(export_import_round_trip_is_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(database_location_follows_options_and_environment, setup, teardown),
		cmocka_unit_test_setup_teardown(newer_database_is_refused_with_65, setup, teardown),
		cmocka_unit_test_setup_teardown(language_defaults_from_the_locale, setup, teardown),
		cmocka_unit_test_setup_teardown(concurrent_first_runs_all_succeed, setup, teardown),
		cmocka_unit_test_setup_teardown(non_utf8_locales_get_romanized_text, setup, teardown),
		cmocka_unit_test_setup_teardown(a_missing_locale_falls_back_to_c_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(search_finds_korean_english_and_initials, setup, teardown),
		cmocka_unit_test_setup_teardown(search_queries_are_text_not_syntax, setup, teardown),
		cmocka_unit_test_setup_teardown(search_index_follows_imports, setup, teardown),
		cmocka_unit_test_setup_teardown(complete_offers_words_and_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(complete_offers_every_option_and_value, setup, teardown),
		cmocka_unit_test_setup_teardown(config_dump_reads_back, setup, teardown),
		cmocka_unit_test_setup_teardown(dump_lists_every_setting, setup, teardown),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
