/* test_notes.c: "yeonpyo note" and what shows notes, through the real
 * binary: setting, printing, replacing and removing a note, from the
 * command line and standard input; each refusal's words and status with
 * nothing written; show, list --noted and search; export and import, all
 * or nothing; notes over a re-imported database and over one shared
 * read-only, which stays as it was. */
#include "support.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "yeonpyo/status.h"

/* The built-in dataset's launch of the Global Telco AI Alliance, and the
 * KAIST-KT center's kickoff. */
#define GTAA "2023-07-27-global-telco-ai-alliance-launch"
#define KICKOFF "2021-12-14-kaist-kt-joint-center-kickoff"
#define AI2XL "2021-kt-ai2xl-lab-and-robotics-unit"

static int setup(void **state)
{
	*state = support_db_new(NULL);
	return 0;
}

/* Runs yeonpyo with the fixture's database and checks the status, the
 * standard output (NULL: not checked) and standard error. */
#define EXPECT(f, input, status, out, err, ...) \
	expect_run((f), (input), (status), (out), (err), \
		   (const char *const[]){(f)->db_arg, __VA_ARGS__, NULL})

static void expect_run(support_db *f, const char *input, int status,
		       const char *out, const char *err,
		       const char *const *args)
{
	support_result r = support_run(f->home, NULL, input, args);
	if (out)
		assert_string_equal(r.out, out);
	assert_string_equal(r.err, err);
	assert_int_equal(r.status, status);
	support_result_free(&r);
}

/* Standard output of a run that must succeed silently. */
static char *output(support_db *f, const char *input, const char *const *args)
{
	support_result r = support_run(f->home, NULL, input, args);
	assert_string_equal(r.err, "");
	assert_int_equal(r.status, 0);
	char *out = r.out;
	r.out = NULL;
	support_result_free(&r);
	return out;
}

#define OUTPUT(f, input, ...) \
	output((f), (input), (const char *const[]){(f)->db_arg, __VA_ARGS__, NULL})

static void a_note_is_set_printed_replaced_and_deleted(void **state)
{
	support_db *f = *state;
	EXPECT(f, NULL, YP_NOINPUT, "", "yeonpyo: event \"" GTAA "\" has no "
	       "note\n", "note", GTAA);
	/* several words are one text */
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "총회 자료를", "꼼꼼히 확인");
	EXPECT(f, NULL, 0, "총회 자료를 꼼꼼히 확인\n", "", "note", GTAA);
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "--", "-- replaced");
	EXPECT(f, NULL, 0, "-- replaced\n", "", "note", GTAA);
	EXPECT(f, NULL, 0, "", "", "note", "--delete", GTAA);
	EXPECT(f, NULL, YP_NOINPUT, "", "yeonpyo: event \"" GTAA "\" has no "
	       "note\n", "note", GTAA);
	EXPECT(f, NULL, YP_NOINPUT, "", "yeonpyo: event \"" GTAA "\" has no "
	       "note\n", "note", "--delete", GTAA);
	EXPECT(f, NULL, YP_NOINPUT, "", "yeonpyo: no event with id \"nope\"\n",
	       "note", "nope");
	EXPECT(f, NULL, YP_NOINPUT, "", "yeonpyo: no event with id \"nope\"\n",
	       "note", "nope", "text");
	EXPECT(f, NULL, YP_NOINPUT, "", "yeonpyo: no event with id \"nope\"\n",
	       "note", "--delete", "nope");
	EXPECT(f, NULL, YP_USAGE, "", "yeonpyo: note: --delete comes first: "
	       "note --delete ... (see yeonpyo --help)\n", "note", GTAA,
	       "--delete");
	EXPECT(f, NULL, YP_USAGE, "", "yeonpyo: note needs an event ID (or "
	       "--delete ID, --export or --import FILE) (see yeonpyo --help)\n",
	       "note");
}

/* "-" reads the note from standard input: CR LF as LF, the ends trimmed,
 * its lines and tabs as written. */
static void a_note_is_read_from_standard_input(void **state)
{
	support_db *f = *state;
	EXPECT(f, "\r\nfirst line\r\n\tindented\r\n\nlast\r\n\r\n", 0, "", "",
	       "note", KICKOFF, "-");
	EXPECT(f, NULL, 0, "first line\n\tindented\n\nlast\n", "", "note",
	       KICKOFF);
	/* what note prints, given back, is the same note */
	char *printed = OUTPUT(f, NULL, "note", KICKOFF);
	EXPECT(f, printed, 0, "", "", "note", KICKOFF, "-");
	EXPECT(f, NULL, 0, printed, "", "note", KICKOFF);
	free(printed);
}

/* A text that is not a note: its message and 65, and every note as it
 * was. */
static void assert_refused(support_db *f, const char *input, const char *text,
			   const char *message)
{
	char *before = OUTPUT(f, NULL, "note", "--export");
	const char *const args[] = {f->db_arg, "note", GTAA, text, NULL};
	support_result r = support_run(f->home, NULL, input, args);
	assert_string_equal(r.err, message);
	assert_string_equal(r.out, "");
	assert_int_equal(r.status, YP_DATAERR);
	support_result_free(&r);
	char *after = OUTPUT(f, NULL, "note", "--export");
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void a_note_that_is_not_plain_text_is_refused(void **state)
{
	support_db *f = *state;
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "kept");
	char *big = malloc(65538);
	memset(big, 'a', 65537);
	big[65537] = '\0';
	assert_refused(f, big, "-", "yeonpyo: note for \"" GTAA "\": too long "
		       "(65537 bytes; at most 65536)\n");
	/* the same from the command line, and far longer from a pipe */
	assert_refused(f, NULL, big, "yeonpyo: note for \"" GTAA "\": too long "
		       "(65537 bytes; at most 65536)\n");
	char *huge = malloc(300001);
	memset(huge, 'b', 300000);
	huge[300000] = '\0';
	assert_refused(f, huge, "-", "yeonpyo: note for \"" GTAA "\": too long "
		       "(300000 bytes; at most 65536)\n");
	free(huge);
	assert_refused(f, NULL, "ring \a", "yeonpyo: note for \"" GTAA "\": "
		       "control character U+0007 at byte 5 is not allowed (only "
		       "line breaks and tabs are)\n");
	assert_refused(f, "clear \x1b[2J\n", "-", "yeonpyo: note for \"" GTAA
		       "\": control character U+001B at byte 6 is not allowed "
		       "(only line breaks and tabs are)\n");
	assert_refused(f, "old\rmac\n", "-", "yeonpyo: note for \"" GTAA "\": "
		       "control character U+000D at byte 3 is not allowed (only "
		       "line breaks and tabs are)\n");
	assert_refused(f, "latin-1 caf\xe9\n", "-", "yeonpyo: note for \""
		       GTAA "\": not valid UTF-8 (byte 11)\n");
	assert_refused(f, NULL, "\xed\xa0\x80", "yeonpyo: note for \"" GTAA
		       "\": not valid UTF-8 (byte 0)\n");
	assert_refused(f, " \n\t\r\n", "-", "yeonpyo: note for \"" GTAA "\": "
		       "must not be empty\n");
	assert_refused(f, NULL, "", "yeonpyo: note for \"" GTAA "\": must not "
		       "be empty\n");
	/* exactly 64 KiB is a note */
	big[65536] = '\0';
	EXPECT(f, big, 0, "", "", "note", GTAA, "-");
	char *back = OUTPUT(f, NULL, "note", GTAA);
	assert_int_equal(strlen(back), 65537);
	free(back);
	free(big);
}

static void show_prints_the_note_last(void **state)
{
	support_db *f = *state;
	char *plain = OUTPUT(f, NULL, "show", GTAA, "--lang", "en");
	char *plain_json = OUTPUT(f, NULL, "show", GTAA, "--format", "json");
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "첫 줄\n\t둘째 줄");
	char *shown = OUTPUT(f, NULL, "show", GTAA, "--lang", "en");
	strbuf want = STRBUF_INIT;
	strbuf_printf(&want, "%s\nMy note\n  첫 줄\n          둘째 줄\n", plain);
	assert_string_equal(shown, strbuf_str(&want));
	free(shown);
	shown = OUTPUT(f, NULL, "show", GTAA, "--lang", "ko");
	assert_non_null(strstr(shown, "\n\n내 메모\n  첫 줄\n"));
	free(shown);
	/* the document gains a last member, note */
	char *json = OUTPUT(f, NULL, "show", GTAA, "--format", "json");
	size_t keep = strlen(plain_json) - strlen("\n}\n");
	assert_memory_equal(json, plain_json, keep);
	regex_t re;
	assert_int_equal(regcomp(&re, "^,\n  \"note\": \\{\n    \"text\": \"첫 줄\\\\n"
				 "\\\\t둘째 줄\",\n    \"at\": \"20[0-9]{2}-[01][0-9]-"
				 "[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z\"\n"
				 "  \\}\n\\}\n$", REG_EXTENDED), 0);
	if (regexec(&re, json + keep, 0, NULL, 0) != 0)
		fail_msg("show --format json ends: %s", json + keep);
	regfree(&re);
	strbuf_free(&want);
	free(json);
	free(plain_json);
	free(plain);
}

static void list_noted_lists_the_events_with_notes(void **state)
{
	support_db *f = *state;
	EXPECT(f, NULL, 0, "", "", "list", "--noted");
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "a");
	EXPECT(f, NULL, 0, "", "", "note", KICKOFF, "b");
	EXPECT(f, NULL, 0, "2021-12-14  KAIST·KT·KAIST-KT Joint Res…  KAIST-KT "
	       "joint research center kicks off\n2023-07-27  SKT·DT·e&·Singtel·"
	       "GTAA·SK G…  Global Telco AI Alliance launched in Seoul\n", "",
	       "list", "--noted", "--lang", "en");
	/* with the other filters */
	EXPECT(f, NULL, 0, "2023-07-27  SKT·DT·e&·Singtel·GTAA·SK G…  Global "
	       "Telco AI Alliance launched in Seoul\n", "", "list", "--noted",
	       "--from", "2022", "--lang", "en");
	char *tsv = OUTPUT(f, NULL, "list", "--noted", "--format", "tsv");
	assert_int_equal(support_count_lines(tsv), 3);
	free(tsv);
}

/* A note is searched as the events' text is: Korean inside a word, an
 * English prefix, initial consonants; the results say it was the note. */
static void search_finds_a_note_and_says_so(void **state)
{
	support_db *f = *state;
	const char *line = "2023-07-27  SKT·DT·e&·Singtel·GTAA·SK G…  Global "
			   "Telco AI Alliance launched in Seoul  [my note]\n";
	EXPECT(f, NULL, 0, "", "", "search", "끼리", "--lang", "en");
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "코끼리처럼 기억할 것,",
	       "zebrafish 표본");
	EXPECT(f, NULL, 0, line, "", "search", "끼리", "--lang", "en");
	EXPECT(f, NULL, 0, line, "", "search", "zebra", "--lang", "en");
	EXPECT(f, NULL, 0, line, "", "search", "ㅋㄲㄹ", "--lang", "en");
	EXPECT(f, NULL, 0, "2023-07-27  SKT·DT·e&·싱텔·GTAA·SK그룹  글로벌 텔코 "
	       "AI 얼라이언스 출범  [내 메모]\n", "", "search", "ZEBRA", "--lang",
	       "ko");
	EXPECT(f, NULL, 0, "id\tdate\tend_date\tstatus\tkind\torganizations\t"
	       "title_ko\ttitle_en\tin_note\n" GTAA "\t2023-07-27\t\tdone\t"
	       "founding\tskt,deutsche-telekom,e-and,singtel,global-telco-ai-"
	       "alliance,sk-group\t글로벌 텔코 AI 얼라이언스 출범\tGlobal Telco "
	       "AI Alliance launched in Seoul\t1\n", "", "search", "zebra",
	       "--format", "tsv");
	char *json = OUTPUT(f, NULL, "search", "zebra", "--format", "json");
	assert_non_null(strstr(json, "\n    \"in_note\": true\n  }\n]\n"));
	free(json);
	/* found by its own text too: once, said to be in the note */
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "얼라이언스 총회");
	char *found = OUTPUT(f, NULL, "search", "얼라이언스", "--format", "tsv");
	assert_non_null(strstr(found, "\tGlobal Telco AI Alliance launched in "
			       "Seoul\t1\n"));
	assert_null(strstr(strstr(found, GTAA "\t") + 1, GTAA "\t"));
	free(found);
}

/* Export, remove every note, import: the same export, times included. */
static void notes_export_and_import_back_the_same(void **state)
{
	support_db *f = *state;
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "첫째 \"quoted\"\n\tand a tab");
	EXPECT(f, NULL, 0, "", "", "note", KICKOFF, "둘째 \\ backslash");
	char *exported = OUTPUT(f, NULL, "note", "--export");
	assert_int_equal(support_count_lines(exported), 2);
	assert_non_null(strstr(exported, "{\"id\": \"" KICKOFF "\", \"text\": "
			       "\"둘째 \\\\ backslash\", \"at\": \""));
	assert_true(strstr(exported, KICKOFF) < strstr(exported, GTAA));
	EXPECT(f, NULL, 0, "", "", "note", "--delete", GTAA);
	EXPECT(f, NULL, 0, "", "", "note", "--delete", KICKOFF);
	EXPECT(f, NULL, 0, "", "", "note", "--export");
	EXPECT(f, exported, 0, "", "imported 2 notes\n", "note", "--import", "-");
	EXPECT(f, NULL, 0, exported, "", "note", "--export");
	/* from a file, over notes there: replaced */
	char *path = support_path(f->home, "notes.ndjson");
	support_write_file(path, exported);
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "changed");
	EXPECT(f, NULL, 0, "", "imported 2 notes\n", "note", "--import", path);
	EXPECT(f, NULL, 0, exported, "", "note", "--export");
	/* a note without its time is written now */
	EXPECT(f, "{\"id\": \"" GTAA "\", \"text\": \"now\"}\n", 0, "",
	       "imported 1 note\n", "note", "--import", "-");
	EXPECT(f, NULL, 0, "now\n", "", "note", GTAA);
	free(path);
	free(exported);
}

/* Every problem of a file of notes: its file, line and path, 65, and
 * every note as it was. */
static void a_bad_import_names_each_problem_and_writes_nothing(void **state)
{
	support_db *f = *state;
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "kept");
	char *before = OUTPUT(f, NULL, "note", "--export");
	strbuf feed = STRBUF_INIT;
	strbuf_puts(&feed, "{\"id\": \"" KICKOFF "\", \"text\": \"fine\"}\n"
		    "\n"
		    "{\"id\": \"" GTAA "\", \"text\": \"x\", \"at\": \"2025\"}\n"
		    "{\"id\": \"nope\", \"text\": \"x\"}\n"
		    "{\"id\": \"" AI2XL "\", \"text\": \"");
	for (int i = 0; i < 65537; i++)
		strbuf_putc(&feed, 'a');
	strbuf_puts(&feed, "\"}\n"
		    "{\"id\": \"" KICKOFF "\", \"text\": \"again\", \"colour\": 1}\n"
		    "{\"text\": \"bell \\u0007\"}\n"
		    "{\"id\": \"" GTAA "\" \"text\": \"x\"}\n"
		    "[1]\n");
	char *path = support_path(f->home, "bad.ndjson");
	support_write_file(path, strbuf_str(&feed));
	const char *const args[] = {f->db_arg, "note", "--import", path, NULL};
	support_result r = support_run(f->home, NULL, NULL, args);
	static const char *const problems[] = {
		":3: $.at: invalid time \"2025\": expected a UTC time as "
		"YYYY-MM-DDTHH:MM:SSZ",
		":4: $.id: unknown event \"nope\"",
		":5: $.text: too long (65537 bytes; at most 65536)",
		":6: $: unknown field \"colour\" (expected one of: id, text, at)",
		":6: $.id: a second note for \"" KICKOFF "\" (the first is on "
		"line 1)",
		":7: $: missing field \"id\"",
		":7: $.text: control character U+0007 at byte 5 is not allowed "
		"(only line breaks and tabs are)",
		/* the line and column of the value, and its byte in the file */
		":8:53: $.id: invalid JSON: expected ',' or '}' after object "
		"member (byte 65928)",
		":9: $: expected an object, got array",
	};
	strbuf want = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(problems) / sizeof(problems[0]); i++)
		strbuf_printf(&want, "%s%s\n", path, problems[i]);
	strbuf_printf(&want, "yeonpyo: %s: 9 problems; no note was imported\n",
		      path);
	assert_string_equal(r.err, strbuf_str(&want));
	assert_int_equal(r.status, YP_DATAERR);
	support_result_free(&r);
	char *after = OUTPUT(f, NULL, "note", "--export");
	assert_string_equal(after, before);
	EXPECT(f, NULL, YP_NOINPUT, "", "yeonpyo: event \"" KICKOFF "\" has no "
	       "note\n", "note", KICKOFF);
	EXPECT(f, "{\"id\": \"" KICKOFF "\", \"text\": 5}\n", YP_DATAERR, "",
	       "<stdin>:1: $.text: expected a string, got number\n"
	       "yeonpyo: <stdin>: 1 problem; no note was imported\n", "note",
	       "--import", "-");
	strbuf_free(&want);
	strbuf_free(&feed);
	free(path);
	free(before);
	free(after);
}

/* Notes are kept by event id: a database made anew from the same records,
 * whose events have other keys, shows and finds them all the same. */
static void notes_follow_the_ids_into_a_new_database(void **state)
{
	support_db *f = *state;
	EXPECT(f, NULL, 0, "", "", "note", GTAA, "zebrafish 메모");
	char *records = OUTPUT(f, NULL, "export", "--format", "ndjson");
	char *sample = support_read_file("tests/data/sample.json", NULL);
	assert_non_null(sample);
	char db[4300];
	snprintf(db, sizeof(db), "--db=%s/new.db", f->home);
	const char *const init[] = {db, "db", "init", "--empty", NULL};
	const char *const first[] = {db, "import", "-", NULL};
	support_result r = support_run(f->home, NULL, NULL, init);
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	/* other events first: the built-in ones get other keys */
	r = support_run(f->home, NULL, sample, first);
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	r = support_run(f->home, NULL, records, first);
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	const char *const print[] = {db, "note", GTAA, NULL};
	r = support_run(f->home, NULL, NULL, print);
	assert_string_equal(r.out, "zebrafish 메모\n");
	support_result_free(&r);
	const char *const search[] = {db, "search", "zebra", "--format", "tsv",
				      NULL};
	r = support_run(f->home, NULL, NULL, search);
	assert_non_null(strstr(r.out, "\n" GTAA "\t"));
	support_result_free(&r);
	const char *const noted[] = {db, "list", "--noted", "--format", "tsv",
				     NULL};
	r = support_run(f->home, NULL, NULL, noted);
	assert_int_equal(support_count_lines(r.out), 2);
	support_result_free(&r);
	free(sample);
	free(records);
}

/* Over a database shared read-only (db init --shared, the file 444) and a
 * state of another user's: every form of note works, and the timeline's
 * file is as it was, with nothing beside it. (As root the file could be
 * written all the same; tests/faults.sh runs this as nobody too.) */
static void notes_work_over_a_shared_read_only_database(void **state)
{
	support_db *f = *state;
	char *dir = support_path(f->home, "shared");
	char *db = support_path(dir, "s.db");
	char db_arg[4300], state_env[4300];
	snprintf(db_arg, sizeof(db_arg), "--db=%s", db);
	snprintf(state_env, sizeof(state_env), "XDG_STATE_HOME=%s/other",
		 f->home);
	assert_int_equal(mkdir(dir, 0755), 0);
	const char *const init[] = {db_arg, "db", "init", "--shared", NULL};
	support_result r = support_run(f->home, NULL, NULL, init);
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	assert_int_equal(chmod(db, 0444), 0);
	size_t size = 0;
	char *copy = support_read_file(db, &size);
	const char *const env[] = {state_env, NULL};
	const char *const set[] = {db_arg, "note", GTAA, "공유 DB 위의 메모",
				   NULL};
	const char *const print[] = {db_arg, "note", GTAA, NULL};
	const char *const export[] = {db_arg, "note", "--export", NULL};
	const char *const drop[] = {db_arg, "note", "--delete", GTAA, NULL};
	const char *const import[] = {db_arg, "note", "--import", "-", NULL};
	const char *const search[] = {db_arg, "search", "공유", NULL};
	const char *const noted[] = {db_arg, "list", "--noted", NULL};
	const char *const *runs[] = {set, print, export, drop, import, print,
				     search, noted};
	char *exported = NULL;
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		r = support_run(f->home, env, runs[i] == import ? exported : NULL,
				runs[i]);
		if (r.status != 0)
			fail_msg("%s %s: %d %s", runs[i][1], runs[i][2], r.status,
				 r.err);
		if (runs[i] == export)
			exported = strdup(r.out);
		if (runs[i] == print)
			assert_string_equal(r.out, "공유 DB 위의 메모\n");
		if (runs[i] == search || runs[i] == noted)
			assert_non_null(strstr(r.out, "Global Telco AI Alliance"));
		support_result_free(&r);
	}
	size_t after = 0;
	char *now = support_read_file(db, &after);
	assert_int_equal(after, size);
	assert_memory_equal(now, copy, size);
	char cmd[4400];
	snprintf(cmd, sizeof(cmd), "ls '%s'", dir);
	FILE *ls = popen(cmd, "r");
	char line[256] = "";
	assert_non_null(fgets(line, sizeof(line), ls));
	assert_string_equal(line, "s.db\n");
	assert_null(fgets(line, sizeof(line), ls));
	pclose(ls);
	free(now);
	free(copy);
	free(exported);
	free(db);
	free(dir);
}

/* Notes need the state's file: without a place for it, note says why and
 * fails, where a browser would keep marks for its run. */
static void note_fails_without_a_state_file(void **state)
{
	support_db *f = *state;
	char *file = support_path(f->home, "plain");
	support_write_file(file, "");
	char env_entry[4300];
	snprintf(env_entry, sizeof(env_entry), "XDG_STATE_HOME=%s", file);
	const char *const env[] = {env_entry, NULL};
	const char *const args[] = {f->db_arg, "note", GTAA, "text", NULL};
	support_result r = support_run(f->home, env, NULL, args);
	char want[4400];
	snprintf(want, sizeof(want), "yeonpyo: %s/yeonpyo: cannot create "
		 "directory: Not a directory\n", file);
	assert_string_equal(r.err, want);
	assert_int_equal(r.status, YP_IOERR);
	support_result_free(&r);
	free(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_note_is_set_printed_replaced_and_deleted, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(a_note_is_read_from_standard_input, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(a_note_that_is_not_plain_text_is_refused, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(show_prints_the_note_last, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(list_noted_lists_the_events_with_notes, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(search_finds_a_note_and_says_so, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(notes_export_and_import_back_the_same, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(a_bad_import_names_each_problem_and_writes_nothing, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(notes_follow_the_ids_into_a_new_database, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(notes_work_over_a_shared_read_only_database, setup, support_db_teardown),
		cmocka_unit_test_setup_teardown(note_fails_without_a_state_file, setup, support_db_teardown),
	};
	return cmocka_run_group_tests_name("notes", tests, NULL, NULL);
}
