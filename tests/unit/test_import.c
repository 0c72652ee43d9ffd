/* test_import.c: validation messages (one line per problem, with file and
 * JSON path or NDJSON line), all-or-nothing import, idempotent updates,
 * normalization and reference checks. */
#include "support.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/import.h"

typedef struct {
	char *dir;
	char *db;
	store *s;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->dir = support_tmpdir();
	f->db = support_path(f->dir, "t.db");
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
	support_rmtree(f->dir);
	free(f);
	return 0;
}

/* Imports text, which must fail, and checks the report word for word. */
#define IMPORT_FAILS_WITH(f, name, text, want) \
	import_fails_with(f, name, text, want, __FILE__, __LINE__)

static void import_fails_with(fixture *f, const char *name, const char *text,
			      const char *want, const char *file, int at)
{
	char *problems = NULL;
	_assert_int_equal(support_import_text(f->s, name, text, &problems), YP_DATAERR,
			  file, at);
	_assert_string_equal(problems, want, file, at);
	free(problems);
}

/* One integer from a query against the database file itself, so tests see
 * exactly what is stored, not what the store API chooses to return. */
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

static char *query_text(fixture *f, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

#define HEAD "{\"format\": \"yeonpyo/1\", "
#define ORG_SKT "{\"id\": \"skt\", \"name\": {\"ko\": \"SK텔레콤\", " \
	"\"en\": \"SK Telecom\"}, \"short\": \"SKT\", \"kind\": \"company\"}"
#define SRC "{\"id\": \"s1\", \"title\": \"제목\", \"publisher\": \"SKT\", " \
	"\"language\": \"ko\", \"kind\": \"news\"}"
#define EVENT(id, date) "{\"id\": \"" id "\", \"date\": \"" date "\", " \
	"\"status\": \"done\", \"kind\": \"launch\", " \
	"\"title\": {\"ko\": \"제목\", \"en\": \"Title\"}, " \
	"\"summary\": {\"ko\": \"요약.\", \"en\": \"Summary.\"}, " \
	"\"organizations\": [{\"id\": \"skt\", \"role\": \"lead\"}], " \
	"\"sources\": [\"s1\"]}"

static void imports_a_valid_document(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	const char *doc = HEAD "\"organizations\": [" ORG_SKT "], "
		"\"sources\": [" SRC "], \"events\": [" EVENT("a", "2025-02-04")
		", " EVENT("b", "2024") "]}";
	assert_int_equal(support_import_text(f->s, "ok.json", doc, &problems), YP_OK);
	assert_string_equal(problems, "");
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 2);
	assert_int_equal(query_int(f, "SELECT date_key FROM events WHERE id='b'"),
			 20240000);
	assert_int_equal(query_int(f, "SELECT span_end FROM events WHERE id='b'"),
			 20241231);
	assert_int_equal(query_int(f, "SELECT count(*) FROM event_orgs"), 2);
}

static void import_rejects_feb_30_and_writes_nothing(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	/* the bad record sits between two good ones */
	const char *doc = HEAD "\"organizations\": [" ORG_SKT "], "
		"\"sources\": [" SRC "], \"events\": [" EVENT("a", "2025-02-04")
		", " EVENT("b", "2025-02-30") ", " EVENT("c", "2025-03") "]}";
	assert_int_equal(support_import_text(f->s, "bad.json", doc, &problems), YP_DATAERR);
	assert_string_equal(problems,
		"bad.json:1:506: $.events[1].date: invalid date \"2025-02-30\": "
		"February 2025 has 28 days\n");
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 0);
	assert_int_equal(query_int(f, "SELECT count(*) FROM organizations"), 0);
	assert_int_equal(query_int(f, "SELECT count(*) FROM sources"), 0);
}

static void reports_unknown_and_missing_fields_with_paths(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	const char *doc = HEAD "\"organizations\": [{\"id\": \"x\", "
		"\"name\": {\"ko\": \"엑스\", \"ja\": \"エックス\"}, \"knd\": \"company\"}]}";
	assert_int_equal(support_import_text(f->s, "f.json", doc, &problems), YP_DATAERR);
	assert_string_equal(problems,
		"f.json:1:43: $.organizations[0]: unknown field \"knd\" (expected "
		"one of: id, name, kind, short, country, parent, aliases)\n"
		"f.json:1:43: $.organizations[0]: missing field \"kind\"\n"
		"f.json:1:63: $.organizations[0].name: unknown field \"ja\" "
		"(expected one of: ko, en)\n");
	free(problems);
	doc = HEAD "\"organizations\": [{\"id\": \"x\", \"kind\": \"company\", "
		"\"name\": {\"ko\": \"엑스\", \"ja\": \"エックス\"}}]}";
	assert_int_equal(support_import_text(f->s, "f.json", doc, &problems), YP_DATAERR);
	assert_string_equal(problems,
		"f.json:1:82: $.organizations[0].name: unknown field \"ja\" "
		"(expected one of: ko, en)\n");
	free(problems);
}

static void reports_every_problem_of_a_record(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	const char *doc = HEAD "\"events\": [{\"id\": \"Bad Id\", \"date\": "
		"\"2025-13\", \"status\": \"maybe\", \"kind\": \"launch\", "
		"\"title\": {\"ko\": \"\"}, \"summary\": {}, \"tags\": [\"ok\", 7]}]}";
	assert_int_equal(support_import_text(f->s, "e.json", doc, &problems), YP_DATAERR);
	assert_string_equal(problems,
		"e.json:1:43: $.events[0].id: invalid id \"Bad Id\" (use 1-64 "
		"characters a-z, 0-9 and '-', not starting with '-')\n"
		"e.json:1:61: $.events[0].date: invalid date \"2025-13\": month "
		"must be between 01 and 12\n"
		"e.json:1:82: $.events[0].status: unknown status \"maybe\" "
		"(expected one of: done, planned)\n"
		"e.json:1:125: $.events[0].title.ko: must not be empty\n"
		"e.json:1:141: $.events[0].summary: needs a \"ko\" or an \"en\" "
		"text\n"
		"e.json:1:160: $.events[0].tags[1]: expected a string, got "
		"number\n");
	free(problems);
}

static void reports_dangling_references(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	const char *doc = HEAD "\"organizations\": [{\"id\": \"child\", "
		"\"name\": {\"en\": \"Child\"}, \"kind\": \"lab\", \"parent\": "
		"\"nobody\"}], \"people\": [{\"id\": \"p\", \"name\": {\"en\": \"P\"}, "
		"\"organization\": \"ghost\"}], \"events\": [{\"id\": \"e\", "
		"\"date\": \"2025\", \"status\": \"done\", \"kind\": \"plan\", "
		"\"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S.\"}, "
		"\"organizations\": [{\"id\": \"child\", \"role\": \"lead\"}, "
		"{\"id\": \"sk\", \"role\": \"partner\"}], \"people\": [{\"id\": "
		"\"q\", \"role\": \"chair\"}], \"sources\": [\"nowhere\"]}]}";
	assert_int_equal(support_import_text(f->s, "r.json", doc, &problems), YP_DATAERR);
	assert_string_equal(problems,
		"r.json:1:109: $.organizations[0].parent: unknown organization "
		"\"nobody\"\n"
		"r.json:1:181: $.people[0].organization: unknown organization "
		"\"ghost\"\n"
		"r.json:1:370: $.events[0].organizations[1].id: unknown "
		"organization \"sk\"\n"
		"r.json:1:415: $.events[0].people[0].id: unknown person \"q\"\n"
		"r.json:1:451: $.events[0].sources[0]: unknown source "
		"\"nowhere\"\n");
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM organizations"), 0);
}

static void references_resolve_to_records_already_stored(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "a.json", HEAD "\"organizations\": ["
		ORG_SKT "], \"sources\": [" SRC "]}", &problems), YP_OK);
	free(problems);
	assert_int_equal(support_import_text(f->s, "b.json", HEAD "\"events\": ["
		EVENT("x", "2021-05-21") "]}", &problems), YP_OK);
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 1);
}

/* A document streams its events when "format" and the records they name
 * come first; in any other order the records wait for the end, so every
 * order imports the same. */
static void document_members_in_any_order_import_the_same(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	static const char *const docs[] = {
		HEAD "\"organizations\": [" ORG_SKT "], \"sources\": [" SRC "], "
		"\"events\": [" EVENT("a", "2025") ", " EVENT("b", "2024") "]}",
		"{\"events\": [" EVENT("a", "2025") ", " EVENT("b", "2024") "], "
		"\"sources\": [" SRC "], \"organizations\": [" ORG_SKT "], "
		"\"format\": \"yeonpyo/1\"}",
		HEAD "\"sources\": [" SRC "], \"events\": [" EVENT("a", "2025")
		"], \"organizations\": [" ORG_SKT "]}",
		/* a person before the organization it names */
		HEAD "\"people\": [{\"id\": \"p\", \"name\": {\"en\": \"P\"}, "
		"\"organization\": \"skt\"}], \"organizations\": [" ORG_SKT "], "
		"\"sources\": [" SRC "], \"events\": [" EVENT("a", "2025") "]}",
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		assert_int_equal(support_import_text(f->s, "o.json", docs[i], &problems),
				 YP_OK);
		assert_string_equal(problems, "");
		free(problems);
		assert_int_equal(query_int(f, "SELECT count(*) FROM event_orgs l"
			" JOIN organizations o USING (oid) WHERE o.id = 'skt'"),
			2);
		assert_int_equal(query_int(f, "SELECT count(*) FROM events"),
				 2);
	}
	assert_int_equal(query_int(f, "SELECT count(*) FROM people p JOIN"
		" organizations o ON o.oid = p.oid WHERE o.id = 'skt'"), 1);
}

/* Events written as they stream are taken back with the rest when a later
 * record (or the format at the end) is wrong. */
static void document_problem_after_streamed_events_writes_nothing(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "l.json", HEAD "\"organizations\": ["
		ORG_SKT "], \"sources\": [" SRC "], \"events\": [" EVENT("a",
		"2025") ", " EVENT("b", "2024") ", " EVENT("c", "2024-02-30")
		"]}", &problems), YP_DATAERR);
	assert_non_null(strstr(problems, "l.json:1:724: $.events[2].date: "));
	free(problems);
	assert_int_equal(support_import_text(f->s, "m.json", "{\"organizations\": ["
		ORG_SKT "], \"sources\": [" SRC "], \"events\": [" EVENT("a",
		"2025") "], \"format\": \"yeonpyo/2\"}", &problems), YP_DATAERR);
	assert_string_equal(problems, "m.json:1:468: $.format: unsupported "
		"format (expected \"yeonpyo/1\")\n");
	free(problems);
	assert_int_equal(support_import_text(f->s, "u.json", HEAD "\"organizations\": ["
		ORG_SKT "], \"sources\": [" SRC "], \"events\": [" EVENT("a",
		"2025") ", {\"id\": \"b\", \"date\": \"2025\", \"status\": "
		"\"done\", \"kind\": \"launch\", \"title\": {\"en\": \"T\"}, "
		"\"summary\": {\"en\": \"S.\"}, \"organizations\": [{\"id\": "
		"\"kt\", \"role\": \"lead\"}]}]}", &problems), YP_DATAERR);
	assert_string_equal(problems, "u.json:1:616: "
		"$.events[1].organizations[0].id: unknown organization \"kt\"\n");
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 0);
	assert_int_equal(query_int(f, "SELECT count(*) FROM organizations"), 0);
}

static void reports_invalid_json_with_line_and_column(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "j.json", "{\n  \"format\": \"yeonpyo/1\"\n"
		"  \"events\": []\n}", &problems), YP_DATAERR);
	assert_string_equal(problems, "j.json:3:3: $.format: invalid JSON: "
		"expected ',' or '}' after object member (byte 28)\n");
	free(problems);
	assert_int_equal(support_import_text(f->s, "u.json", HEAD "\"events\": [\"\xff\"]}",
				     &problems), YP_DATAERR);
	assert_string_equal(problems, "u.json:1:37: $.events[0]: invalid JSON: "
		"invalid UTF-8 byte 0xff (byte 36)\n");
	free(problems);
	assert_int_equal(support_import_text(f->s, "-", "", &problems), YP_DATAERR);
	assert_string_equal(problems, "<stdin>:1:1: $: invalid JSON: unexpected "
		"end of input (byte 0)\n");
	free(problems);
	/* in NDJSON the path is within the line, the byte is in the file */
	assert_int_equal(support_import_text(f->s, "f.ndjson", "{\"source\": " SRC "}\n"
		"{\"source\": {\"id\": \"s2\", \"title\": \"\xea\xb0\x80\xff\"}}\n",
		&problems), YP_DATAERR);
	assert_string_equal(problems, "f.ndjson:2:38: $.source.title: invalid "
		"JSON: invalid UTF-8 byte 0xff (byte 135)\n");
	free(problems);
}

/* A document's problems are where a person can find them: the line and
 * column (in bytes, as vim's quickfix and jq count them: Hangul is 3 a
 * syllable) of the value the path names. */
static const struct {
	const char *name;
	const char *doc;
	const char *want;
} located[] = {
	/* byte 57 of line 8; an editor counting characters shows 49, after
	 * the 8 syllables before it */
	{"deep.json",
	 "{\"format\": \"yeonpyo/1\",\n"
	 " \"organizations\": [\n"
	 "  {\"id\": \"skt\", \"name\": {\"ko\": \"SK텔레콤\"}, \"kind\": \"company\"}\n"
	 " ],\n"
	 " \"events\": [\n"
	 "  {\"id\": \"a\", \"date\": \"2025\", \"status\": \"done\", \"kind\": \"launch\",\n"
	 "   \"title\": {\"ko\": \"출범\"}, \"summary\": {\"en\": \"S.\"}},\n"
	 "  {\"id\": \"b\", \"title\": {\"ko\": \"동맹 출범\"}, \"date\": \"2025-02-30\",\n"
	 "   \"status\": \"done\", \"kind\": \"launch\", \"summary\": {\"en\": \"S.\"}}\n"
	 " ]}",
	 "deep.json:8:57: $.events[1].date: invalid date \"2025-02-30\": "
	 "February 2025 has 28 days\n"},
	{"a.json", "\n  [1, 2]",
	 "a.json:2:3: $: expected a yeonpyo/1 document (an object with "
	 "\"format\") or NDJSON records, got array\n"},
	/* references are checked once the whole document is read (here the
	 * events come before what they name), when the JSON of a record is
	 * long gone: the positions are kept with the record */
	{"r.json",
	 "{\"events\": [\n"
	 "  {\"id\": \"a\", \"date\": \"2025\", \"status\": \"done\", \"kind\": \"plan\",\n"
	 "   \"summary\": {\"en\": \"S.\"},\n"
	 "   \"organizations\": [{\"id\": \"skt\", \"role\": \"lead\"}, {\"id\": \"kt\", \"role\": \"partner\"}],\n"
	 "   \"title\": {\"ko\": \"연합 출범\"}, \"sources\": [\"nowhere\"]}\n"
	 " ],\n"
	 " \"people\": [{\"id\": \"p\", \"name\": {\"ko\": \"사람\"}, \"organization\": \"ghost\"}],\n"
	 " \"organizations\": [{\"id\": \"skt\", \"name\": {\"ko\": \"SK텔레콤\"}, \"kind\": \"company\"}],\n"
	 " \"format\": \"yeonpyo/1\"}",
	 "r.json:7:67: $.people[0].organization: unknown organization "
	 "\"ghost\"\n"
	 "r.json:4:60: $.events[0].organizations[1].id: unknown organization "
	 "\"kt\"\n"
	 "r.json:5:50: $.events[0].sources[0]: unknown source \"nowhere\"\n"},
	/* syntax errors said their line and column all along; the other
	 * messages of a document now share the form */
	{"s.json",
	 "{\"format\": \"yeonpyo/1\",\n"
	 " \"events\": [\n"
	 "  {\"id\": \"a\", \"title\": {\"ko\": \"동맹 출범\"} \"date\": \"2025\"}\n"
	 " ]}",
	 "s.json:3:48: $.events[0].title: invalid JSON: expected ',' or '}' "
	 "after object member (byte 84)\n"},
};

static void document_problems_name_line_and_column_in_bytes(void **state)
{
	fixture *f = *state;
	for (size_t i = 0; i < sizeof(located) / sizeof(located[0]); i++)
		IMPORT_FAILS_WITH(f, located[i].name, located[i].doc,
				  located[i].want);
}

static void rejects_other_formats_and_trailing_data(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "v.json", "{\"format\": \"yeonpyo/2\"}",
				     &problems), YP_DATAERR);
	assert_string_equal(problems, "v.json:1:12: $.format: unsupported "
		"format (expected \"yeonpyo/1\")\n");
	free(problems);
	assert_int_equal(support_import_text(f->s, "t.json", "{\"format\": \"yeonpyo/1\"}\n"
		"{}", &problems), YP_DATAERR);
	assert_string_equal(problems, "t.json:2:1: invalid JSON: unexpected data "
		"after the document\n");
	free(problems);
	assert_int_equal(support_import_text(f->s, "a.json", "[1, 2]", &problems),
			 YP_DATAERR);
	assert_string_equal(problems, "a.json:1:1: $: expected a yeonpyo/1 "
		"document (an object with \"format\") or NDJSON records, got "
		"array\n");
	free(problems);
}

static void reports_duplicate_ids(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "d.json", HEAD "\"organizations\": ["
		ORG_SKT "], \"sources\": [" SRC "], \"events\": ["
		EVENT("a", "2025") ", " EVENT("b", "2025") ", " EVENT("a", "2024")
		"]}", &problems), YP_DATAERR);
	assert_string_equal(problems, "d.json:1:704: $.events[2]: duplicate id "
		"\"a\" (also at $.events[0])\n");
	free(problems);
}

static void rejects_control_characters_in_text(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	assert_int_equal(support_import_text(f->s, "c.json", HEAD "\"organizations\": [{"
		"\"id\": \"x\", \"kind\": \"lab\", \"name\": {\"en\": "
		"\"evil\\u001b[2J\"}}]}", &problems), YP_DATAERR);
	assert_string_equal(problems, "c.json:1:85: $.organizations[0].name.en: "
		"control character U+001B at byte 4 is not allowed\n");
	free(problems);
}

/* n syllables of Hangul, and a document of one organization with them
 * as its short name; the caller frees both. */
static char *short_name_doc(int n, char **doc)
{
	strbuf name = STRBUF_INIT, sb = STRBUF_INIT;
	for (int i = 0; i < n; i++)
		strbuf_puts(&name, "가");
	strbuf_printf(&sb, HEAD "\"organizations\": [{\"id\": \"x\", "
		      "\"kind\": \"lab\", \"name\": {\"en\": \"X\"}, "
		      "\"short\": \"%s\"}]}", strbuf_str(&name));
	*doc = strdup(strbuf_str(&sb));
	strbuf_free(&sb);
	char *s = strdup(strbuf_str(&name));
	strbuf_free(&name);
	return s;
}

/* The short name's limit counts characters: 32 syllables of Hangul (96
 * bytes) pass, 33 do not. */
static void short_names_are_limited_in_characters(void **state)
{
	fixture *f = *state;
	char *problems = NULL, *doc = NULL;
	free(short_name_doc(32, &doc));
	assert_int_equal(support_import_text(f->s, "s.json", doc, &problems), YP_OK);
	free(problems);
	free(doc);
	char *name = short_name_doc(33, &doc);
	strbuf want = STRBUF_INIT;
	strbuf_printf(&want, "s.json:1:100: $.organizations[0].short: short "
		      "name \"%s\" is longer than 32 characters\n", name);
	IMPORT_FAILS_WITH(f, "s.json", doc, strbuf_str(&want));
	strbuf_free(&want);
	free(name);
	free(doc);
}

static void import_is_idempotent_and_updates_in_place(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	const char *doc = HEAD "\"organizations\": [" ORG_SKT ", {\"id\": \"kt\", "
		"\"name\": {\"en\": \"KT\"}, \"kind\": \"company\"}], \"sources\": ["
		SRC "], \"events\": [{\"id\": \"a\", \"date\": \"2025\", "
		"\"status\": \"done\", \"kind\": \"plan\", \"title\": {\"en\": "
		"\"Old\"}, \"summary\": {\"en\": \"S.\"}, \"organizations\": ["
		"{\"id\": \"skt\", \"role\": \"lead\"}, {\"id\": \"kt\", "
		"\"role\": \"partner\"}], \"tags\": [\"x\", \"y\"]}]}";
	assert_int_equal(support_import_text(f->s, "1.json", doc, &problems), YP_OK);
	free(problems);
	long long eid = query_int(f, "SELECT eid FROM events WHERE id='a'");
	assert_int_equal(support_import_text(f->s, "1.json", doc, &problems), YP_OK);
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 1);
	assert_int_equal(query_int(f, "SELECT count(*) FROM event_orgs"), 2);
	assert_int_equal(query_int(f, "SELECT count(*) FROM organizations"), 2);
	const char *update = HEAD "\"events\": [{\"id\": \"a\", \"date\": "
		"\"2025-06\", \"status\": \"planned\", \"kind\": \"plan\", "
		"\"title\": {\"en\": \"New\"}, \"summary\": {\"en\": \"S.\"}, "
		"\"organizations\": [{\"id\": \"kt\", \"role\": \"lead\"}]}]}";
	assert_int_equal(support_import_text(f->s, "2.json", update, &problems), YP_OK);
	free(problems);
	assert_int_equal(query_int(f, "SELECT eid FROM events WHERE id='a'"), eid);
	char *title = query_text(f, "SELECT title_en FROM events WHERE id='a'");
	assert_string_equal(title, "New");
	free(title);
	assert_int_equal(query_int(f, "SELECT count(*) FROM event_orgs"), 1);
	assert_int_equal(query_int(f, "SELECT count(*) FROM event_tags"), 0);
}

static void stores_text_as_nfc(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	/* 동맹 written as conjoining jamo (NFD) */
	assert_int_equal(support_import_text(f->s, "n.json", HEAD "\"organizations\": [{"
		"\"id\": \"x\", \"kind\": \"alliance\", \"name\": {\"ko\": "
		"\"\xe1\x84\x83\xe1\x85\xa9\xe1\x86\xbc\xe1\x84\x86\xe1\x85\xa2"
		"\xe1\x86\xbc\"}}]}", &problems), YP_OK);
	free(problems);
	char *name = query_text(f, "SELECT name_ko FROM organizations");
	assert_string_equal(name, "동맹");
	free(name);
}

static void ndjson_reports_line_numbers_and_writes_nothing(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	const char *feed =
		"{\"organization\": " ORG_SKT "}\n"
		"{\"source\": " SRC "}\n"
		"\n"
		"{\"event\": " EVENT("a", "2025-02-04") "}\n"
		"{\"event\": " EVENT("b", "2023-02-29") "}\n"
		"{\"event\": {\"id\": \"c\"}, \"person\": {}}\n"
		"{\"event\": " EVENT("d", "2025") "} 7\n";
	assert_int_equal(support_import_text(f->s, "feed.ndjson", feed, &problems),
			 YP_DATAERR);
	assert_string_equal(problems,
		"feed.ndjson:5: $.event.date: invalid date \"2023-02-29\": "
		"February 2023 has 28 days\n"
		"feed.ndjson:6: $: a line holds exactly one of: organization, "
		"person, source, event\n"
		"feed.ndjson:7:235: invalid JSON: more than one value on a line\n");
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 0);
	assert_int_equal(query_int(f, "SELECT count(*) FROM organizations"), 0);
}

static void ndjson_streams_records_in_order(void **state)
{
	fixture *f = *state;
	char *problems = NULL;
	const char *feed =
		"{\"organization\": " ORG_SKT "}\r\n"
		"{\"source\": " SRC "}\n"
		"{\"event\": " EVENT("a", "2025-02-04") "}\n";
	assert_int_equal(support_import_text(f->s, "ok.ndjson", feed, &problems), YP_OK);
	assert_string_equal(problems, "");
	free(problems);
	assert_int_equal(query_int(f, "SELECT count(*) FROM events"), 1);
	/* a reference to a later line is an error: feeds must stream */
	feed = "{\"person\": {\"id\": \"p\", \"name\": {\"en\": \"P\"}, "
	       "\"organization\": \"late\"}}\n"
	       "{\"organization\": {\"id\": \"late\", \"name\": {\"en\": \"L\"}, "
	       "\"kind\": \"lab\"}}\n";
	assert_int_equal(support_import_text(f->s, "late.ndjson", feed, &problems),
			 YP_DATAERR);
	assert_string_equal(problems, "late.ndjson:1: $.person.organization: "
		"unknown organization \"late\"\n");
	free(problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(imports_a_valid_document, setup, teardown),
		cmocka_unit_test_setup_teardown(import_rejects_feb_30_and_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_unknown_and_missing_fields_with_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_every_problem_of_a_record, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_dangling_references, setup, teardown),
		cmocka_unit_test_setup_teardown(references_resolve_to_records_already_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(document_members_in_any_order_import_the_same, setup, teardown),
		cmocka_unit_test_setup_teardown(document_problem_after_streamed_events_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_invalid_json_with_line_and_column, setup, teardown),
		cmocka_unit_test_setup_teardown(document_problems_name_line_and_column_in_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(rejects_other_formats_and_trailing_data, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_duplicate_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(rejects_control_characters_in_text, setup, teardown),
		cmocka_unit_test_setup_teardown(short_names_are_limited_in_characters, setup, teardown),
		cmocka_unit_test_setup_teardown(import_is_idempotent_and_updates_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(stores_text_as_nfc, setup, teardown),
		cmocka_unit_test_setup_teardown(ndjson_reports_line_numbers_and_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(ndjson_streams_records_in_order, setup, teardown),
	};
	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
