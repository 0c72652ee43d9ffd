/* test_hostile.c: the browser on hostile data (tests/data/hostile.json,
 * plus a title with terminal escapes and one in NFD written straight into
 * the database, as a tampered file would hold them): no row grows past the
 * screen, columns start at the same x on every row, pane borders stay
 * whole, the NFD title looks exactly like its NFC twin, and the data never
 * sets the terminal title or clears the screen. */
#include "support.h"
#include "screen.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <unicode/uchar.h>

typedef struct {
	char *home;
	char *db;
	char db_arg[4200];
} fixture;



static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->home = support_tmpdir();
	f->db = support_path(f->home, "h.db");
	snprintf(f->db_arg, sizeof(f->db_arg), "--db=%s", f->db);
	support_load_db(f->home, f->db_arg, "tests/data/hostile.json");
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	static const char sql[] =
		"UPDATE events SET title_ko = ?1, title_en = ?1"
		" WHERE id = 'h7-controls';"
		"UPDATE events SET title_ko = ?2 WHERE id = 'h6-nfd';";
	const char *tail = sql;
	const char *values[] = {
		"\x1b]0;pwned\x07" "boom \x1b[2J\x1b[H\x1b[31mred\x9b" "1m \xc2\x9b"
		"2m \x7f end",
		"\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\xe1\x84\x80\xe1\x85\xb3"
		"\xe1\x86\xaf \xe1\x84\x8c\xe1\x85\xa5\xe1\x86\xbc\xe1\x84\x80"
		"\xe1\x85\xb2\xe1\x84\x92\xe1\x85\xaa \xe1\x84\x89\xe1\x85\xb5"
		"\xe1\x84\x92\xe1\x85\xa5\xe1\x86\xb7"};
	while (*tail) {
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_prepare_v2(db, tail, -1, &st, &tail),
				 SQLITE_OK);
		if (!st)
			break;
		sqlite3_bind_text(st, 1, values[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, values[1], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	free(f->db);
	support_rmtree(f->home);
	free(f);
	return 0;
}

/* The invariants of one frame: event rows start their date at column 1
 * and their title where every other row does; the rule between side-by-
 * side panes is whole; the status line is on the last row. */
static void check_frame(screen *s, int rows, int cols, int title_col)
{
	int body_end = cols >= 120 ? rows - 1 : (rows - 3) / 2 + 1;
	for (int row = 1; row < body_end; row++) {
		uint32_t first = screen_char(s, row, 1, NULL);
		if (first == 0x2500 || first == '-')  /* a year separator */
			continue;
		if (first == 0 || first == ' ') {  /* below the last event */
			if (screen_char(s, row, 5, NULL) > ' ')
				fail_msg("row %d does not start with its date", row);
			continue;
		}
		if (first != '2')
			fail_msg("row %d does not start with its date", row);
		/* a blank cell is a space, or one the terminal erased */
		uint32_t before = screen_char(s, row, title_col - 1, NULL);
		uint32_t at = screen_char(s, row, title_col, NULL);
		if ((before != ' ' && before != 0) || at == ' ' || at == 0)
			fail_msg("row %d: the title does not start at column %d",
				 row, title_col);
	}
	if (cols >= 120) {
		for (int row = 1; row < rows - 1; row++) {
			/* in ASCII where ambiguous characters are wide */
			uint32_t c = screen_char(s, row, cols * 11 / 20, NULL);
			if (c != 0x2502 && c != '|')
				fail_msg("the pane rule is broken on row %d", row);
		}
	}
	char *status = screen_row(s, rows - 1);
	if (status[0] != ' ' || status[1] < '1' || status[1] > '8')
		fail_msg("the status line moved: \"%s\"", status);
	free(status);
	assert_int_equal(screen_titles(s), 0);
}

/* Where the terminal draws ambiguous characters wide, none may be on
 * screen but line drawing, which libvterm keeps as U+2500... whichever
 * way it came: check_no_ambiguous_bytes tells which way that was. */
static void check_no_ambiguous(screen *s, int rows, int cols)
{
	for (int row = 0; row < rows; row++) {
		for (int col = 0; col < cols; col++) {
			uint32_t ch = screen_char(s, row, col, NULL);
			if (ch >= 0x2500 && ch <= 0x257f)
				continue;
			if (u_getIntPropertyValue((UChar32)ch,
						  UCHAR_EAST_ASIAN_WIDTH) ==
			    U_EA_AMBIGUOUS)
				fail_msg("U+%04X at %d,%d is ambiguous-width",
					 (unsigned)ch, row, col);
		}
	}
}

/* Nor written: line drawing went out as the VT100 set, and no ambiguous
 * character of the data reached the terminal. */
static void check_no_ambiguous_bytes(screen *s)
{
	int probes = 0;
	uint32_t c = 0;
	long at = screen_ambiguous_at(s, 0, 0, &probes, &c);
	if (at >= 0)
		fail_msg("U+%04X written at byte %ld", (unsigned)c, at);
}

static void browse_all_as(fixture *f, int rows, int cols, const char *lang,
			  int title_col, const char *extra)
{
	char arg[16];
	snprintf(arg, sizeof(arg), "--lang=%s", lang);
	screen *s = screen_start(f->home, rows, cols, NULL,
				 (const char *const[]){f->db_arg, arg, extra,
						       NULL});
	bool wide = extra && strcmp(extra, "--ambiwidth=2") == 0;
	for (int i = 0; i < 8; i++) {
		check_frame(s, rows, cols, title_col);
		if (wide)
			check_no_ambiguous(s, rows, cols);
		screen_key(s, "j");
	}
	/* the detail of the long event, paged through */
	screen_key(s, "g");
	screen_key(s, "\t");
	for (int i = 0; i < 6; i++) {
		screen_key(s, " ");
		check_frame(s, rows, cols, title_col);
		if (wide)
			check_no_ambiguous(s, rows, cols);
	}
	if (wide)
		check_no_ambiguous_bytes(s);
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

static void browse_all(fixture *f, int rows, int cols, const char *lang,
		       int title_col)
{
	browse_all_as(f, rows, cols, lang, title_col, NULL);
}

static void ambiguous_wide_terminals_get_look_alikes(void **state)
{
	browse_all_as(*state, 24, 80, "ko", 36, "--ambiwidth=2");
	browse_all_as(*state, 40, 140, "en", 35, "--ambiwidth=2");
}

static void romanized_screens_stay_aligned(void **state)
{
	browse_all_as(*state, 24, 80, "ko", 36, "--romanize");
}

static void hostile_rows_stay_aligned_at_80x24(void **state)
{
	browse_all(*state, 24, 80, "ko", 36);
	browse_all(*state, 24, 80, "en", 36);
}

static void hostile_rows_stay_aligned_at_140x40(void **state)
{
	browse_all(*state, 40, 140, "ko", 35);
	browse_all(*state, 40, 140, "en", 35);
}

static void nfd_title_shows_the_same_cells_as_its_nfc_twin(void **state)
{
	fixture *f = *state;
	screen *s = screen_start(f->home, 24, 80, NULL,
				 (const char *const[]){f->db_arg, "--lang=ko",
						       NULL});
	/* rows 2.. hold the events in date order; h5 is the fifth, h6 the
	 * sixth: everything right of the date must match cell for cell */
	for (int col = 11; col < 80; col++) {
		int w5 = 0, w6 = 0;
		uint32_t c5 = screen_char(s, 6, col, &w5);
		uint32_t c6 = screen_char(s, 7, col, &w6);
		if (c5 != c6 || w5 != w6)
			fail_msg("column %d differs: U+%04X/%d vs U+%04X/%d", col,
				 (unsigned)c5, w5, (unsigned)c6, w6);
	}
	screen_free(s);
}

static void escapes_in_data_are_shown_not_obeyed(void **state)
{
	fixture *f = *state;
	/* wide enough for the whole title beside the detail pane */
	screen *s = screen_start(f->home, 24, 200, NULL,
				 (const char *const[]){f->db_arg, "--lang=en",
						       NULL});
	char *row = screen_row(s, 8);
	/* a stray byte (invalid UTF-8) shows as '?', a C1 control as a tag */
	assert_non_null(strstr(row, "^[]0;pwned^Gboom ^[[2J^[[H^[[31mred?1m "
				    "<U+009B>2m ^? end"));
	free(row);
	row = screen_row(s, 4);  /* the bidi event */
	assert_non_null(strstr(row, "Bidi <U+202E>override<U+202C> and "
				    "<U+2066>isolate<U+2069>"));
	free(row);
	assert_int_equal(screen_titles(s), 0);
	/* the title bar is still there: nothing cleared the screen */
	row = screen_row(s, 0);
	assert_true(strncmp(row, " yeonpyo ", 9) == 0);
	assert_non_null(strstr(row, " 2025 \xe2\x96\x88 2025"));  /* one month */
	free(row);
	screen_key(s, "G");  /* h7: its detail pane shows the title whole too */
	screen_key(s, "k");
	row = screen_row(s, 1);
	assert_non_null(strstr(row, "│ ^[]0;pwned^Gboom ^[[2J^[[H^[[31mred"));
	free(row);
	assert_int_equal(screen_titles(s), 0);
	screen_free(s);
}

/* A ko_KR.EUC-KR locale, made for the test (0.5 s with localedef), so
 * that LOCPATH can point at it on machines without it. */
static bool make_euc_kr(const char *dir)
{
	char cmd[4400];
	snprintf(cmd, sizeof(cmd), "localedef -i ko_KR -f EUC-KR '%s/ko_KR.EUC-KR'"
		 " >/dev/null 2>&1", dir);
	int rc = system(cmd);
	/* localedef exits 1 for harmless warnings about the charmap */
	return rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) <= 1;
}

static void euc_kr_shows_hangul_it_has_and_romanizes_the_rest(void **state)
{
	fixture *f = *state;
	if (!make_euc_kr(f->home))
		fail_msg("localedef could not make ko_KR.EUC-KR (is the "
			 "locales package installed?)");
	char locpath[4200];
	snprintf(locpath, sizeof(locpath), "LOCPATH=%s", f->home);
	const char *env[] = {locpath, "LANG=ko_KR.EUC-KR", NULL};
	screen *s = screen_start_in(f->home, 24, 80, "EUC-KR", env,
				    (const char *const[]){f->db_arg, "--lang=ko",
							  NULL});
	/* 똠 and 힣 are not in KS X 1001; 방각하 and 한국 are */
	char *row = screen_row(s, 9);
	if (!strstr(row, "ttom방각하 hih 한국"))
		fail_msg("row 9 is \"%s\"", row);
	free(row);
	for (int i = 0; i < 8; i++) {
		check_frame(s, 24, 80, 36);
		screen_key(s, "j");
	}
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hostile_rows_stay_aligned_at_80x24, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_rows_stay_aligned_at_140x40, setup, teardown),
		cmocka_unit_test_setup_teardown(nfd_title_shows_the_same_cells_as_its_nfc_twin, setup, teardown),
		cmocka_unit_test_setup_teardown(escapes_in_data_are_shown_not_obeyed, setup, teardown),
		cmocka_unit_test_setup_teardown(ambiguous_wide_terminals_get_look_alikes, setup, teardown),
		cmocka_unit_test_setup_teardown(romanized_screens_stay_aligned, setup, teardown),
		cmocka_unit_test_setup_teardown(euc_kr_shows_hangul_it_has_and_romanizes_the_rest, setup, teardown),
	};
	return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
