/* test_note_view.c: the user's note, written in the browser: e opens a box
 * edited by cluster (Korean as an input method sends it), of several
 * lines, Ctrl-D keeps it and Esc does not; E hands it to $EDITOR and keeps
 * what the editor wrote when it ends well; the row shows a pencil. What
 * is kept is read from state.db itself. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

typedef support_db fixture;

/* sample.json: 2024-07-12 Test conference held, 2024-11 Alliance
 * founded, 2025 A year-long plan. */
static int setup(void **state)
{
	*state = support_db_new("tests/data/sample.json");
	return 0;
}

/* The note state.db holds on event id, or NULL; the caller frees it. */
static char *kept_note(fixture *f, const char *id)
{
	char *path = support_path(f->home, ".local/state/yeonpyo/state.db");
	sqlite3 *db = NULL;
	char *text = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT text FROM notes WHERE "
					    "event_id = ?1", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		text = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(path);
	return text;
}

static screen *start(fixture *f, const char *editor)
{
	char env[4200];
	snprintf(env, sizeof(env), "EDITOR=%s", editor ? editor : "false");
	return screen_start(f->home, 24, 80,
			    (const char *const[]){env, "VISUAL=", NULL},
			    (const char *const[]){f->db_arg, "--lang=en", NULL});
}

/* The cell right of the date and the planned mark: a pencil for a note. */
static uint32_t pencil(screen *s, const char *title)
{
	int row = screen_find_row(s, title);
	assert_true(row > 0);
	return screen_char(s, row, 13, NULL);
}

static void e_writes_a_note_of_several_lines(void **state)
{
	fixture *f = *state;
	screen *s = start(f, NULL);
	screen_key(s, "j");
	assert_int_equal(pencil(s, "Alliance founded"), ' ');
	screen_key(s, "e");
	assert_true(screen_find_row(s, "My note: Alliance founded") > 0);
	screen_key(s, "첫 줄이다");
	screen_key(s, "\b\177");  /* two syllables, one Backspace each */
	screen_key(s, "\r");
	screen_key(s, "second linee");
	screen_key(s, "\177");
	int first = screen_find_row(s, "첫 줄 ");
	assert_true(first > 0);
	assert_int_equal(screen_find_row(s, "second line "), first + 1);
	screen_key(s, "\004");  /* Ctrl-D keeps it */
	assert_int_equal(screen_find_row(s, "note saved"), 23);
	assert_int_equal(screen_find_row(s, "My note:"), -1);
	char *note = kept_note(f, "e-2024-month");
	assert_string_equal(note, "첫 줄\nsecond line");
	free(note);
	assert_int_equal(pencil(s, "Alliance founded"), 0x270E);
	/* the detail pane has it, last, under its own heading */
	screen_key(s, "\tG");  /* the detail's end */
	int heading = screen_find_row(s, "My note");
	assert_true(heading > 12);
	assert_true(screen_find_row(s, "첫 줄") > heading);
	/* the box again holds it; Esc leaves it as it was */
	screen_key(s, "e");
	assert_true(screen_find_row(s, "second line") > 0);
	screen_key(s, "\033[A\033[Fx");  /* Up, End: the first line's end */
	assert_true(screen_find_row(s, "첫 줄x") > 0);
	screen_key(s, "\033");
	note = kept_note(f, "e-2024-month");
	assert_string_equal(note, "첫 줄\nsecond line");
	free(note);
	/* emptied, it goes */
	screen_key(s, "e");
	for (int i = 0; i < 20; i++)
		screen_key(s, "\177");
	screen_key(s, "\004");
	assert_int_equal(screen_find_row(s, "note deleted"), 23);
	assert_null(kept_note(f, "e-2024-month"));
	assert_int_equal(pencil(s, "Alliance founded"), ' ');
	screen_key(s, "q");
	assert_int_equal(screen_wait(s), 0);
	screen_free(s);
}

/* E: the note in the user's editor, kept when it ends well; an editor
 * that fails leaves it as it was and says so. */
static void E_hands_the_note_to_the_editor(void **state)
{
	fixture *f = *state;
	char *script = support_path(f->home, "editor.sh");
	support_write_file(script, "#!/bin/sh\n"
			   "printf 'from the editor\\n첫째\\n' > \"$1\"\n");
	assert_int_equal(chmod(script, 0700), 0);
	screen *s = start(f, script);
	screen_key(s, "E");
	assert_int_equal(screen_find_row(s, "note saved"), 23);
	char *note = kept_note(f, "e-2024-day");
	assert_string_equal(note, "from the editor\n첫째");
	free(note);
	assert_int_equal(pencil(s, "Test conference held"), 0x270E);
	assert_true(screen_altscreen(s));  /* the screen taken back */
	screen_free(s);
	s = start(f, "false");
	screen_key(s, "E");
	assert_true(screen_find_row(s, "the editor (false) failed; the note is "
				    "as it was") == 23);
	note = kept_note(f, "e-2024-day");
	assert_string_equal(note, "from the editor\n첫째");
	free(note);
	screen_free(s);
	free(script);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, support_db_teardown)
	const struct CMUnitTest tests[] = {
		T(e_writes_a_note_of_several_lines),
		T(E_hands_the_note_to_the_editor),
	};
#undef T
	return cmocka_run_group_tests_name("note view", tests, NULL, NULL);
}
