/* test_state.c: the user's own state.db, attached to the timeline's
 * connection: its schema and the upgrade from version 1 (marks and widths
 * kept), a newer one refused, what its failures name, and the notes kept
 * in it: what a note may hold, each refusal's words and status with
 * nothing written, and notes outliving refreshes of the timeline. */
#include "support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "yeonpyo/dataset.h"
#include "yeonpyo/diag.h"
#include "yeonpyo/event_report.h"
#include "yeonpyo/import.h"
#include "yeonpyo/note.h"

typedef struct {
	char *dir;
	char *state;   /* its state.db, not made yet */
	store *s;      /* over tests/data/sample.json, the state in memory */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->dir = support_tmpdir();
	f->state = support_path(f->dir, "state.db");
	char *db = support_path(f->dir, "t.db");
	yp_error err = {0};
	f->s = store_open(db, &err);
	free(db);
	assert_non_null(f->s);
	char *json = support_read_file("tests/data/sample.json", NULL);
	assert_non_null(json);
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	assert_int_equal(store_begin(f->s, &err), YP_OK);
	assert_int_equal(import_buffer(f->s, "sample.json", json, strlen(json),
				       ORIGIN_USER, &st, &d, &err), YP_OK);
	assert_int_equal(store_commit(f->s, &err), YP_OK);
	import_stats_clear(&st);
	diag_free(&d);
	free(json);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	store_close(f->s);
	free(f->state);
	support_rmtree(f->dir);
	free(f);
	return 0;
}

/* The first column of the first row of sql over the file at path, as
 * text ("" for NULL, "(none)" for no row). */
static char *query_text(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		v = strdup(t ? (const char *)t : "");
	} else {
		v = strdup("(none)");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void assert_query(const char *path, const char *sql, const char *want)
{
	char *got = query_text(path, sql);
	assert_string_equal(got, want);
	free(got);
}

/* The ids of the timeline's rows with their marks: "e-2024-day*+" for
 * one marked and seen. */
static bool put_row(const event_row *row, void *ctx)
{
	strbuf_printf(ctx, "%s%s%s ", row->id, row->marked ? "*" : "",
		      row->seen ? "+" : "");
	return true;
}

static char *rows(store *s)
{
	strbuf sb = STRBUF_INIT;
	yp_error err = {0};
	assert_int_equal(store_rows_from(s, NULL, NULL, WINDOW_FIRST, 10,
					 put_row, &sb, &err), YP_OK);
	return strbuf_take(&sb);
}

/* Closes the store, to read the file on its own: version 2, with its
 * terminals' columns. */
static void assert_at_version_2(fixture *f)
{
	store_close(f->s);
	f->s = NULL;
	assert_query(f->state, "PRAGMA user_version", "2");
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM"
		     " pragma_table_info('terminals')", "term ambiguous lines at");
}

/* state.db as version 1 made it, with a mark, a seen event and the
 * widths of two terminals. */
static const char v1_state[] =
	"CREATE TABLE marks(event_id TEXT PRIMARY KEY, at INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE seen(event_id TEXT PRIMARY KEY, at INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE terminals(term TEXT PRIMARY KEY,"
	" ambiwidth INTEGER NOT NULL, lines INTEGER NOT NULL,"
	" at INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO marks VALUES ('e-2024-month', 1700000000);"
	"INSERT INTO seen VALUES ('e-2025-year', 1700000001);"
	"INSERT INTO terminals VALUES ('xterm', 2, 1, 1700000002),"
	" ('tmux-256color', 1, 1, 1700000003);"
	"PRAGMA user_version = 1;"
	"PRAGMA journal_mode = WAL;";

static void version_1_state_upgrades_keeping_marks_and_widths(void **state)
{
	fixture *f = *state;
	support_sql(f->state, v1_state);
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_OK);
	char *r = rows(f->s);
	assert_string_equal(r, "e-2024-day e-2024-month* e-2025-year+ ");
	free(r);
	int amb = 0, lines = 0;
	store_terminal_widths(f->s, "xterm", &amb, &lines);
	assert_int_equal(amb, 2);
	assert_int_equal(lines, 1);
	store_terminal_widths(f->s, "tmux-256color", &amb, &lines);
	assert_int_equal(amb, 1);
	assert_at_version_2(f);
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM"
		     " pragma_table_info('notes')", "nid event_id text at");
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM"
		     " pragma_table_info('places')",
		     "db event_id date_key lang detail_hidden at");
	assert_query(f->state, "SELECT count(*) FROM sqlite_schema WHERE"
		     " name = 'note_fts' OR type = 'trigger'", "4");
	assert_query(f->state, "SELECT group_concat(term || ambiguous || lines"
		     " || at, ' ') FROM terminals",
		     "tmux-256color111700000003 xterm211700000002");
	assert_query(f->state, "PRAGMA journal_mode", "wal");
}

/* A new file is made at version 2 at once, with the same tables. */
static void a_new_state_is_made_at_version_2(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_OK);
	assert_int_equal(store_set_terminal_widths(f->s, "vt100", 2, 2, &err),
			 YP_OK);
	assert_at_version_2(f);
	assert_query(f->state, "SELECT group_concat(name, ' ') FROM (SELECT"
		     " name FROM sqlite_schema WHERE type IN ('table', 'trigger')"
		     " AND name NOT LIKE 'note_fts_%' ORDER BY name)",
		     "marks note_fts note_indexed note_reindexed note_unindexed"
		     " notes places seen terminals");
	assert_query(f->state, "SELECT ambiguous FROM terminals", "2");
}

/* A state from a newer yeonpyo is refused, left as it is, and the marks
 * are kept in memory for the run. */
static void a_newer_state_is_refused_and_left_alone(void **state)
{
	fixture *f = *state;
	support_sql(f->state, "CREATE TABLE future(x); PRAGMA user_version = 3;");
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_DATAERR);
	char want[600];
	snprintf(want, sizeof(want), "%s: the state was written by a newer "
		 "yeonpyo (version 3)", f->state);
	assert_string_equal(err.message, want);
	assert_int_equal(store_set_marked(f->s, "e-2024-day", true, &err), YP_OK);
	char *r = rows(f->s);
	assert_string_equal(r, "e-2024-day* e-2024-month e-2025-year ");
	free(r);
	store_close(f->s);
	f->s = NULL;
	assert_query(f->state, "PRAGMA user_version", "3");
	assert_query(f->state, "SELECT group_concat(name) FROM sqlite_schema",
		     "future");
}

/* A write to the state that fails names state.db and what was being
 * done, not the timeline's file, and offers none of its hints. */
static void a_failed_write_names_the_state(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_OK);
	assert_non_null(store_stmt(f->s, Q_MARK_ADD, NULL));
	int was = sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, 20);
	assert_int_equal(store_set_marked(f->s, "an-id-longer-than-twenty-bytes",
					  true, &err), YP_SOFTWARE);
	sqlite3_limit(f->s->db, SQLITE_LIMIT_LENGTH, was);
	char want[600];
	snprintf(want, sizeof(want), "%s: saving a mark: binding :id: string or "
		 "blob too big", f->state);
	assert_string_equal(err.message, want);
}


/* --- notes ---------------------------------------------------------------- */

static void assert_note(store *s, const char *id, const char *want)
{
	char *text = NULL;
	long long at = -1;
	yp_error err = {0};
	assert_int_equal(store_note_get(s, id, &text, &at, &err), YP_OK);
	if (!want) {
		assert_null(text);
		assert_int_equal(at, 0);
		return;
	}
	assert_non_null(text);
	assert_string_equal(text, want);
	assert_true(at > 1700000000);
	free(text);
}

static bool put_note(const char *id, const char *text, long long at,
		     void *ctx)
{
	strbuf_printf(ctx, "%s=%s@%s|", id, text, at > 0 ? "t" : "0");
	return true;
}

static char *all_notes(store *s)
{
	strbuf sb = STRBUF_INIT;
	yp_error err = {0};
	assert_int_equal(store_each_note(s, put_note, &sb, &err), YP_OK);
	return strbuf_take(&sb);
}

/* The rows of the timeline that f selects, "id#" for one with a note. */
static bool put_noted(const event_row *row, void *ctx)
{
	strbuf_printf(ctx, "%s%s ", row->id, row->noted ? "#" : "");
	return true;
}

static char *noted_rows(store *s, const event_filter *flt)
{
	strbuf sb = STRBUF_INIT;
	yp_error err = {0};
	assert_int_equal(store_rows_from(s, flt, NULL, WINDOW_FIRST, 10,
					 put_noted, &sb, &err), YP_OK);
	strbuf_printf(&sb, "(%ld)", store_rows_total(s, flt, &err));
	return strbuf_take(&sb);
}

static void assert_noted_rows(store *s, const event_filter *flt,
			      const char *want)
{
	char *got = noted_rows(s, flt);
	assert_string_equal(got, want);
	free(got);
}

static void notes_are_set_read_replaced_and_deleted(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_OK);
	assert_note(f->s, "e-2024-day", NULL);
	assert_int_equal(store_note_set(f->s, "e-2024-day", "다시 볼 것", &err),
			 YP_OK);
	assert_int_equal(store_note_set(f->s, "e-2025-year", "second", &err),
			 YP_OK);
	assert_note(f->s, "e-2024-day", "다시 볼 것");
	assert_int_equal(store_note_set(f->s, "e-2024-day", "replaced", &err),
			 YP_OK);
	assert_note(f->s, "e-2024-day", "replaced");
	char *all = all_notes(f->s);
	assert_string_equal(all, "e-2024-day=replaced@t|e-2025-year=second@t|");
	free(all);
	assert_noted_rows(f->s, NULL,
			  "e-2024-day# e-2024-month e-2025-year# (3)");
	event_filter noted = {.noted = true};
	assert_noted_rows(f->s, &noted, "e-2024-day# e-2025-year# (2)");
	assert_int_equal(store_note_delete(f->s, "e-2024-day", &err), YP_OK);
	assert_note(f->s, "e-2024-day", NULL);
	assert_noted_rows(f->s, &noted, "e-2025-year# (1)");
	/* the index followed every write: only the last text is found */
	bool found = true;
	assert_int_equal(store_note_matches(f->s, "e-2025-year", "\"second\"",
					    &found, &err), YP_OK);
	assert_true(found);
	assert_int_equal(store_note_matches(f->s, "e-2024-day", "\"replaced\"",
					    &found, &err), YP_OK);
	assert_false(found);
	store_close(f->s);
	f->s = NULL;
	assert_query(f->state, "SELECT count(*) FROM note_fts_docsize", "1");
}

/* Each refusal: its words, its status, and the note as it was. */
static void assert_refused(store *s, const char *id, const char *text,
			   yp_status status, const char *message)
{
	yp_error err = {0};
	assert_int_equal(store_note_set(s, id, text, &err), status);
	assert_string_equal(err.message, message);
	assert_note(s, "e-2024-day", "kept");
	char *all = all_notes(s);
	assert_string_equal(all, "e-2024-day=kept@t|");
	free(all);
}

static void a_note_that_is_not_plain_text_is_refused(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_attach_state(f->s, f->state, &err), YP_OK);
	assert_int_equal(store_note_set(f->s, "e-2024-day", "kept", &err), YP_OK);
	char *big = malloc(NOTE_MAX_BYTES + 2);
	memset(big, 'a', NOTE_MAX_BYTES + 1);
	big[NOTE_MAX_BYTES + 1] = '\0';
	/* each refused for its reason, the id named first */
#define CONTROL(cp, at) "control character U+" cp " at byte " at " is not " \
	"allowed (only line breaks and tabs are)"
	const struct {
		const char *text, *why;
	} refused[] = {
		{big, "too long (65537 bytes; at most 65536)"},
		{"bell \a here", CONTROL("0007", "5")},
		{"a\rb", CONTROL("000D", "1")},
		{"esc \x1b[2J", CONTROL("001B", "4")},
		{"C1 \xc2\x9b here", CONTROL("009B", "3")},
		{"bad \xff byte", "not valid UTF-8 (byte 4)"},
		{"half \xed\xa0\x80 surrogate", "not valid UTF-8 (byte 5)"},
		{" \t\r\n\n ", "must not be empty"},
	};
#undef CONTROL
	char want[200];
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		snprintf(want, sizeof(want), "note for \"e-2024-month\": %s",
			 refused[i].why);
		assert_refused(f->s, "e-2024-month", refused[i].text, YP_DATAERR,
			       want);
	}
	assert_refused(f->s, "no-such-event", "text", YP_NOINPUT,
		       "no event with id \"no-such-event\"");
	/* exactly the limit is a note */
	big[NOTE_MAX_BYTES] = '\0';
	assert_int_equal(store_note_set(f->s, "e-2024-month", big, &err), YP_OK);
	free(big);
}

/* CR LF becomes LF, the ends are trimmed, the text is NFC; the lines and
 * their indentation and tabs are kept as written. */
static void a_note_is_stored_as_its_lines_were_written(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_note_set(f->s, "e-2024-day",
		"\r\n\n  first line\r\n\tindented\r\n\n"
		"\xe1\x84\x83\xe1\x85\xa9\xe1\x86\xbc\xe1\x84\x86\xe1\x85\xa2"
		"\xe1\x86\xbc \n \t\r\n", &err), YP_OK);
	assert_note(f->s, "e-2024-day",
		    "first line\n\tindented\n\n\xeb\x8f\x99\xeb\xa7\xb9");
	/* the note as stored is one again, unchanged */
	char *again = NULL;
	assert_int_equal(note_text_clean("first line\n\tindented", 20, &again,
					 &err), YP_OK);
	assert_string_equal(again, "first line\n\tindented");
	free(again);
}

static void deleting_a_missing_note_says_which_is_missing(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	assert_int_equal(store_note_delete(f->s, "e-2024-day", &err), YP_NOINPUT);
	assert_string_equal(err.message, "event \"e-2024-day\" has no note");
	assert_int_equal(store_note_delete(f->s, "no-such", &err), YP_NOINPUT);
	assert_string_equal(err.message, "no event with id \"no-such\"");
}

/* A refresh of the built-in dataset rewrites its events; the notes on
 * them, kept by id, are still there. */
static void notes_outlive_a_refresh_of_the_built_in_dataset(void **state)
{
	fixture *f = *state;
	char *db = support_path(f->dir, "builtin.db");
	yp_error err = {0};
	store *s = store_open(db, &err);
	assert_non_null(s);
	assert_int_equal(dataset_sync(s, &err), YP_OK);
	assert_int_equal(store_attach_state(s, f->state, &err), YP_OK);
	const char *id = "2023-07-27-global-telco-ai-alliance-launch";
	assert_int_equal(store_note_set(s, id, "총회 자료를 꼼꼼히 확인", &err), YP_OK);
	/* the built-in records stale, the dataset loaded again over them */
	assert_int_equal(store_meta_set(s, META_BUILTIN_VERSION, "0", &err),
			 YP_OK);
	assert_int_equal(store_meta_set(s, META_BUILTIN_HASH, "x", &err), YP_OK);
	assert_int_equal(dataset_sync(s, &err), YP_OK);
	char *version = store_meta_get(s, META_BUILTIN_VERSION);
	assert_string_equal(version, "2");
	free(version);
	assert_note(s, id, "총회 자료를 꼼꼼히 확인");
	event_filter noted = {.noted = true};
	assert_noted_rows(s, &noted,
			  "2023-07-27-global-telco-ai-alliance-launch# (1)");
	store_close(s);
	free(db);
}

/* An event's report as "kind|text" lines. */
static bool put_line(const report_line *l, void *ctx)
{
	strbuf_printf(ctx, "%d|%s\n", (int)l->kind, l->text);
	return true;
}

static char *report(store *s, const char *id, yp_lang lang)
{
	yp_event e;
	yp_error err = {0};
	assert_int_equal(store_get_event(s, id, &e, &err), YP_OK);
	strbuf sb = STRBUF_INIT;
	event_report(s, &e, lang, NULL, put_line, &sb);
	model_event_clear(&e);
	return strbuf_take(&sb);
}

/* The report, the detail pane's and show's, ends with the note under its
 * own heading, its lines as written and its tabs as spaces to stops of 8
 * columns (by display width); without one it is the report it was. */
static void the_report_ends_with_the_note(void **state)
{
	fixture *f = *state;
	char *plain = report(f->s, "e-2024-day", LANG_EN);
	assert_null(strstr(plain, "My note"));
	yp_error err = {0};
	assert_int_equal(store_note_set(f->s, "e-2024-day",
					"첫 줄\n\t들여 씀\n가나\tx\n\nend", &err),
			 YP_OK);
	char *ko = report(f->s, "e-2024-day", LANG_KO);
	char *en = report(f->s, "e-2024-day", LANG_EN);
	const char *note = "첫 줄\n        들여 씀\n가나    x\n\nend\n";
	strbuf want = STRBUF_INIT;
	strbuf_printf(&want, "%s%d|My note\n%d|%s", plain, REPORT_HEADING,
		      REPORT_TEXT, note);
	assert_string_equal(en, strbuf_str(&want));
	strbuf_reset(&want);
	strbuf_printf(&want, "%d|내 메모\n%d|%s", REPORT_HEADING, REPORT_TEXT,
		      note);
	const char *tail = strstr(ko, strbuf_str(&want));
	assert_non_null(tail);
	assert_string_equal(tail, strbuf_str(&want));
	strbuf_free(&want);
	free(plain);
	free(ko);
	free(en);
}

/* --- places ---------------------------------------------------------------- */

/* A place is kept per database and read back as it was written, in the
 * file and in memory alike; a database never left has none. */
static void places_are_kept_per_database(void **state)
{
	fixture *f = *state;
	yp_error err = {0};
	for (int in_file = 0; in_file < 2; in_file++) {
		if (in_file)
			assert_int_equal(store_attach_state(f->s, f->state, &err),
					 YP_OK);
		store_place p;
		assert_int_equal(store_place_get(f->s, "/a.db", &p, &err), YP_OK);
		assert_false(p.found);
		assert_null(p.event_id);
		assert_null(p.lang);
		assert_int_equal(p.date_key, 0);
		store_place a = {"e-2024-day", 20240712, "ko", true, false};
		store_place b = {NULL, 0, NULL, false, false};
		assert_int_equal(store_place_set(f->s, "/a.db", &b, &err), YP_OK);
		assert_int_equal(store_place_set(f->s, "/a.db", &a, &err), YP_OK);
		assert_int_equal(store_place_set(f->s, "/b.db", &b, &err), YP_OK);
		assert_int_equal(store_place_get(f->s, "/a.db", &p, &err), YP_OK);
		assert_true(p.found);
		assert_string_equal(p.event_id, "e-2024-day");
		assert_int_equal(p.date_key, 20240712);
		assert_string_equal(p.lang, "ko");
		assert_true(p.detail_hidden);
		store_place_clear(&p);
		assert_int_equal(store_place_get(f->s, "/b.db", &p, &err), YP_OK);
		assert_true(p.found);
		assert_null(p.event_id);
		assert_null(p.lang);
		assert_false(p.detail_hidden);
		store_place_clear(&p);
	}
	store_close(f->s);
	f->s = NULL;
	assert_query(f->state, "SELECT group_concat(db || ':' ||"
		     " coalesce(event_id, '-') || ':' || date_key || ':' ||"
		     " coalesce(lang, '-') || ':' || detail_hidden, ' ')"
		     " FROM places", "/a.db:e-2024-day:20240712:ko:1 /b.db:-:0:-:0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(version_1_state_upgrades_keeping_marks_and_widths, setup, teardown),
		cmocka_unit_test_setup_teardown(a_new_state_is_made_at_version_2, setup, teardown),
		cmocka_unit_test_setup_teardown(a_newer_state_is_refused_and_left_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_write_names_the_state, setup, teardown),
		cmocka_unit_test_setup_teardown(notes_are_set_read_replaced_and_deleted, setup, teardown),
		cmocka_unit_test_setup_teardown(a_note_that_is_not_plain_text_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(a_note_is_stored_as_its_lines_were_written, setup, teardown),
		cmocka_unit_test_setup_teardown(deleting_a_missing_note_says_which_is_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(notes_outlive_a_refresh_of_the_built_in_dataset, setup, teardown),
		cmocka_unit_test_setup_teardown(the_report_ends_with_the_note, setup, teardown),
		cmocka_unit_test_setup_teardown(places_are_kept_per_database, setup, teardown),
	};
	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
