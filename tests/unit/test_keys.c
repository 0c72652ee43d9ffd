/* test_keys.c: the key table (src/keys.def) is the one source of truth:
 * the man page's KEYS section must be exactly what it generates, every
 * action has a key, and no key is bound twice. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/keys.h"

static void man_page_keys_section_matches_the_table(void **state)
{
	(void)state;
	char *page = support_read_file("man/yeonpyo.1", NULL);
	assert_non_null(page);
	char *start = strstr(page, ".SH KEYS\n");
	assert_non_null(start);
	char *end = strstr(start + 1, "\n.SH ");
	assert_non_null(end);
	end[1] = '\0';
	strbuf want = STRBUF_INIT;
	keys_man_section(&want);
	if (strcmp(start, strbuf_str(&want)) != 0)
		fail_msg("man/yeonpyo.1's KEYS section differs from src/keys.def;"
			 " it should read:\n%s", strbuf_str(&want));
	strbuf_free(&want);
	free(page);
}

static void every_action_has_a_key_and_help(void **state)
{
	(void)state;
	size_t n = 0;
	const key_help *keys = keys_table(&n);
	assert_int_equal(n, ACTION_COUNT);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(keys[i].action, (key_action)i);
		assert_true(strlen(keys[i].keys) > 0);
		assert_true(strlen(keys[i].help_en) > 0);
		assert_true(strlen(keys[i].help_ko) > 0);
	}
}

static void keys_map_to_their_actions(void **state)
{
	(void)state;
	keymap km;
	assert_true(keymap_init(&km));
	assert_int_equal(keymap_action(&km, false, 'j'), ACTION_DOWN);
	assert_int_equal(keymap_action(&km, true, FKEY_DOWN), ACTION_DOWN);
	assert_int_equal(keymap_action(&km, false, ' '), ACTION_PAGE_DOWN);
	assert_int_equal(keymap_action(&km, false, 'f' & 0x1f), ACTION_PAGE_DOWN);
	assert_int_equal(keymap_action(&km, true, FKEY_PGDN), ACTION_PAGE_DOWN);
	assert_int_equal(keymap_action(&km, false, 'G'), ACTION_LAST);
	assert_int_equal(keymap_action(&km, true, FKEY_END), ACTION_LAST);
	assert_int_equal(keymap_action(&km, false, '\t'), ACTION_FOCUS);
	assert_int_equal(keymap_action(&km, false, '\r'), ACTION_FULLSCREEN);
	assert_int_equal(keymap_action(&km, false, 27), ACTION_BACK);
	assert_int_equal(keymap_action(&km, false, 'l' & 0x1f), ACTION_REDRAW);
	assert_int_equal(keymap_action(&km, false, 'd'), ACTION_DETAIL_PANE);
	assert_int_equal(keymap_action(&km, false, 'x'), ACTION_COPY);
	assert_int_equal(keymap_action(&km, false, 'm'), ACTION_MARK);
	assert_int_equal(keymap_action(&km, false, '\''), ACTION_MARKED);
	assert_int_equal(keymap_action(&km, false, '>'), ACTION_LINK_NEXT);
	assert_int_equal(keymap_action(&km, false, 'f'), ACTION_FOLLOW);
	/* Backspace is DEL, Ctrl-H or the key the terminal's description
	 * names (kbs: DEL again on xterm) */
	assert_int_equal(keymap_action(&km, false, '<'), ACTION_LINK_BACK);
	assert_int_equal(keymap_action(&km, false, 127), ACTION_LINK_BACK);
	assert_int_equal(keymap_action(&km, false, 'h' & 0x1f),
			 ACTION_LINK_BACK);
	assert_int_equal(keymap_action(&km, true, FKEY_BACKSPACE),
			 ACTION_LINK_BACK);
	assert_int_equal(keymap_action(&km, false, 'z'), ACTION_NONE);
	/* a character and a function key with the same number differ */
	assert_int_equal(keymap_action(&km, true, 'j'), ACTION_NONE);
	/* bound again and unbound, as the configuration does */
	assert_true(keymap_bind(&km, 'j', ACTION_NEXT_YEAR));
	assert_int_equal(keymap_action(&km, false, 'j'), ACTION_NEXT_YEAR);
	assert_true(keymap_bind(&km, 'x', ACTION_NONE));
	assert_int_equal(keymap_action(&km, false, 'x'), ACTION_NONE);
	keymap_free(&km);
}

/* Key and action names as the configuration writes them, both ways. */
static void key_and_action_names_round_trip(void **state)
{
	(void)state;
	static const char *const names[] = {"j", "'", "C-f", "Space", "Tab",
					    "Enter", "Esc", "PgDn", "Home",
					    "F5", "Up", "Backspace", "BSpace"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		key_code code;
		assert_true(keys_parse(names[i], &code));
		strbuf sb = STRBUF_INIT;
		keys_name(code, &sb);
		assert_string_equal(strbuf_str(&sb), names[i]);
		strbuf_free(&sb);
	}
	key_code code;
	assert_true(keys_parse("Ctrl-b", &code));
	assert_int_equal(code, 'b' & 0x1f);
	assert_false(keys_parse("jj", &code));
	assert_false(keys_parse("C-1", &code));
	assert_false(keys_parse("F99", &code));
	for (int a = 0; a < ACTION_COUNT; a++) {
		strbuf sb = STRBUF_INIT;
		keys_action_name((key_action)a, &sb);
		assert_int_equal(keys_action_named(strbuf_str(&sb)), a);
		strbuf_free(&sb);
	}
	assert_int_equal(keys_action_named("page-down"), ACTION_PAGE_DOWN);
	assert_int_equal(keys_action_named("PAGE_DOWN"), ACTION_NONE);
}

/* README.md shows the key table people read first; it must not drift. */
static void readme_key_table_matches_the_table(void **state)
{
	(void)state;
	char *readme = support_read_file("README.md", NULL);
	assert_non_null(readme);
	size_t n = 0;
	const key_help *keys = keys_table(&n);
	for (size_t i = 0; i < n; i++) {
		char row[512];
		snprintf(row, sizeof(row), "| `%s` | %s |\n", keys[i].keys,
			 keys[i].help_en);
		if (!strstr(readme, row))
			fail_msg("README.md lacks the key row: %s", row);
	}
	free(readme);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(man_page_keys_section_matches_the_table),
		cmocka_unit_test(every_action_has_a_key_and_help),
		cmocka_unit_test(keys_map_to_their_actions),
		cmocka_unit_test(key_and_action_names_round_trip),
		cmocka_unit_test(readme_key_table_matches_the_table),
	};
	return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
