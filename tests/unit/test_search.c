/* test_search.c: the kbigram tokenizer through FTS5 (bigrams, folding,
 * NFKC, choseong, mixed scripts, highlight offsets), queries that must be
 * searched as text, and the search index kept in step with imports. */
#include "support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search_sql.h"
#include "yeonpyo/search.h"
#include "yeonpyo/store.h"

static sqlite3 *db;

static const char *const rows[] = {
	"한미 동맹군 연합훈련 재개",                 /* 1 */
	"카이스트 연구진",                          /* 2 */
	"SK텔레콤은 AI 사업 전략을 발표",           /* 3 */
	"동맹은 굳건하다",                          /* 4 */
	"ＳＫ텔레콤 유영상 대표",                    /* 5 */
	/* 6: 동맹군 훈련, decomposed (NFD) */
	"\xe1\x84\x83\xe1\x85\xa9\xe1\x86\xbc\xe1\x84\x86\xe1\x85\xa2\xe1\x86"
	"\xbc\xe1\x84\x80\xe1\x85\xae\xe1\x86\xab \xe1\x84\x92\xe1\x85\xae\xe1"
	"\x86\xab\xe1\x84\x85\xe1\x85\xa7\xe1\x86\xab",
	"KAIST 총장",                               /* 7 */
	"OpenAI와 협력",                            /* 8 */
	"K-AI 얼라이언스 출범",                      /* 9 */
};

static int setup(void **state)
{
	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(search_register(db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING "
		"fts5(title, body, names, cho, tokenize = 'kbigram')", NULL, NULL,
		NULL), SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, "
		"body, names, cho) VALUES (?1, ?2, '', '', choseong(?2))", -1, &st,
		NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 2, rows[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sqlite3_close(db);
	return 0;
}

/* The rowids a person's query finds, as "1,4,6" in rowid order. */
static char *found(const char *query)
{
	strbuf match = STRBUF_INIT;
	strbuf out = STRBUF_INIT;
	if (!search_build_query(query, &match)) {
		strbuf_free(&match);
		return strdup("(nothing to search)");
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 "
			       "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, strbuf_str(&match), -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strbuf_printf(&out, "%s%lld", out.len ? "," : "",
			      (long long)sqlite3_column_int64(st, 0));
	if (rc != SQLITE_DONE)
		fail_msg("query %s (%s): %s", query, strbuf_str(&match),
			 sqlite3_errmsg(db));
	sqlite3_finalize(st);
	strbuf_free(&match);
	return strbuf_take(&out);
}

static void assert_found(const char *query, const char *want)
{
	char *got = found(query);
	if (strcmp(got, want) != 0)
		fail_msg("\"%s\" found %s, not %s", query, got, want);
	free(got);
}

static void hangul_bigrams_find_words_inside_words(void **state)
{
	(void)state;
	assert_found("카이", "2");
	assert_found("이스", "2");
	assert_found("동맹", "1,4,6");
	assert_found("맹군", "1,6");
	assert_found("동맹군", "1,6");
	assert_found("군", "1,6");
	assert_found("텔레콤", "3,5");
	assert_found("얼라이언스", "9");
	assert_found("훈련 재개", "1");
	assert_found("연합훈련", "1");
}

static void folding_matches_case_width_and_nfd(void **state)
{
	(void)state;
	assert_found("sk텔레콤", "3,5");
	assert_found("ＳＫ", "3,5");
	assert_found("kaist", "7");
	assert_found("ＫＡＩＳＴ", "7");
	/* a query typed decomposed finds composed text, and back */
	assert_found("\xe1\x84\x92\xe1\x85\xae\xe1\x86\xab\xe1\x84\x85\xe1\x85"
		     "\xa7\xe1\x86\xab", "1,6");
}

static void latin_words_match_as_prefixes(void **state)
{
	(void)state;
	assert_found("open", "8");
	assert_found("ope", "8");
	/* a prefix, not any substring: OpenAI is one word */
	assert_found("ai", "3,9");
	assert_found("K-AI", "9");
}

static void choseong_queries_match_initial_consonants(void **state)
{
	(void)state;
	assert_found("ㅋㅇㅅㅌ", "2");
	/* like syllables, consonants match inside words: 얼라이언스 is
	 * ㅇㄹㅇㅇㅅ */
	assert_found("ㅇㅇㅅ", "5,9");
	assert_found("ㄷㅁㄱ", "1,6");
	strbuf sb = STRBUF_INIT;
	search_choseong("카이스트 KAIST 유영상, 동맹군", &sb);
	assert_string_equal(strbuf_str(&sb), "ㅋㅇㅅㅌ ㅇㅇㅅ ㄷㅁㄱ");
	strbuf_free(&sb);
}

static void query_syntax_is_searched_as_text(void **state)
{
	(void)state;
	assert_found("\"", "(nothing to search)");
	assert_found("(*^:)", "(nothing to search)");
	assert_found("", "(nothing to search)");
	assert_found("AND", "");
	assert_found("NOT 동맹", "");
	assert_found("동맹 OR 카이", "");
	assert_found("'; DROP TABLE t; --", "");
	assert_found("\"동맹\"", "1,4,6");
	assert_found("동맹*", "1,4,6");
	assert_found("title:동맹", "");
	strbuf q = STRBUF_INIT;
	assert_true(search_build_query("a\"b", &q));
	/* only the last word is a prefix: the one still being typed */
	assert_string_equal(strbuf_str(&q), "\"a\" AND \"b\"*");
	strbuf_free(&q);
}

/* A word that is not all jamo cannot match the choseong column, so it goes
 * without the column filter; one that is all jamo (halfwidth too, once
 * folded) keeps it, and a query of choseong alone searches only that
 * column. The rows found are those the filtered query finds. */
static void only_jamo_words_keep_the_column_filter(void **state)
{
	(void)state;
	static const struct {
		const char *query, *match;
	} cases[] = {
		{"동맹 SK", "\"동맹\" AND \"SK\"*"},
		{"SK ㅌㄹ", "\"SK\" AND {title body names} : \"ㅌㄹ\""},
		{"ㅏㅓ", "{title body names} : \"ㅏㅓ\""},
		{"\xef\xbe\xa1", "{title body names} : \"\xef\xbe\xa1\""},
		{"ㅋㅇ", "cho : \"ㅋㅇ\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strbuf q = STRBUF_INIT;
		assert_true(search_build_query(cases[i].query, &q));
		assert_string_equal(strbuf_str(&q), cases[i].match);
		strbuf_free(&q);
	}
	/* ㅌㄹ is in the cho column of rows 3 and 5 (텔레콤): a mixed
	 * query does not find it there */
	assert_found("SK ㅌㄹ", "");
	assert_found("SK 텔레", "3,5");
	assert_found("ㅌㄹ", "3,5");
}

static void highlight_marks_the_matched_syllables(void **state)
{
	(void)state;
	strbuf match = STRBUF_INIT;
	assert_true(search_build_query("동맹", &match));
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT highlight(t, 0, '[', ']')"
		" FROM t WHERE t MATCH ?1 ORDER BY rowid", -1, &st, NULL),
		SQLITE_OK);
	sqlite3_bind_text(st, 1, strbuf_str(&match), -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
			    "한미 [동맹]군 연합훈련 재개");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
			    "[동맹]은 굳건하다");
	sqlite3_finalize(st);
	strbuf_free(&match);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hangul_bigrams_find_words_inside_words),
		cmocka_unit_test(folding_matches_case_width_and_nfd),
		cmocka_unit_test(latin_words_match_as_prefixes),
		cmocka_unit_test(choseong_queries_match_initial_consonants),
		cmocka_unit_test(query_syntax_is_searched_as_text),
		cmocka_unit_test(only_jamo_words_keep_the_column_filter),
		cmocka_unit_test(highlight_marks_the_matched_syllables),
	};
	return cmocka_run_group_tests_name("search", tests, setup, teardown);
}
