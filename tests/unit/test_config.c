/* test_config.c: the configuration file: settings, bindings and colours
 * read, every bad line reported with its file and line and left out while
 * the rest applies, and config --dump written so that it reads back. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/config.h"

static void settings_bindings_and_colours_are_read(void **state)
{
	(void)state;
	yp_config c;
	assert_true(config_parse(&c, "cfg",
		"# a comment\n"
		"lang = ko\n"
		"  ambiwidth=2   # wide\n"
		"wrap = normal\r\n"
		"side-by-side = 100\n"
		"bind n next-year\n"
		"bind C-n down\n"
		"unbind x\n"
		"color selected white blue bold\n"
		"color url 208\n"
		"color normal default default\n"));
	assert_int_equal(c.n_problems, 0);
	assert_int_equal(options_value(&c.settings, OPT_LANG), OPTV_LANG_KO);
	assert_int_equal(options_value(&c.settings, OPT_AMBIWIDTH),
			 OPTV_AMBIWIDTH_2);
	assert_int_equal(options_value(&c.settings, OPT_WRAP), OPTV_WRAP_NORMAL);
	assert_false(c.settings.set[OPT_COLOR]);
	assert_int_equal(options_value(&c.settings, OPT_SIDE_BY_SIDE), 100);
	assert_int_equal(c.side_by_side, 100);
	keymap km;
	assert_true(config_keymap(&c, &km));
	assert_int_equal(keymap_action(&km, false, 'n'), ACTION_NEXT_YEAR);
	assert_int_equal(keymap_action(&km, false, 'n' & 0x1f), ACTION_DOWN);
	assert_int_equal(keymap_action(&km, false, 'x'), ACTION_NONE);
	assert_int_equal(keymap_action(&km, false, 'j'), ACTION_DOWN);
	keymap_free(&km);
	assert_int_equal(c.colors[3].fg, 7);   /* selected: white */
	assert_int_equal(c.colors[3].bg, 4);   /* on blue */
	assert_int_equal(c.colors[3].attrs, CONFIG_BOLD | CONFIG_ATTRS_SET);
	assert_int_equal(c.colors[11].fg, 208);  /* url */
	assert_int_equal(c.colors[11].bg, CONFIG_COLOR_UNSET);
	assert_int_equal(c.colors[11].attrs, 0);
	assert_int_equal(c.colors[0].fg, CONFIG_COLOR_DEFAULT);
	assert_int_equal(c.colors[1].fg, CONFIG_COLOR_UNSET);
	config_free(&c);
}

/* Each bad line is one message naming the file and the line; the good
 * lines around it still apply. */
static void bad_lines_are_named_and_left_out(void **state)
{
	(void)state;
	yp_config c;
	assert_true(config_parse(&c, "/home/u/.config/yeonpyo/config",
		"lang = ko\n"
		"colour date red\n"
		"wrap = sideways\n"
		"bind Q quit-now\n"
		"bind jj down\n"
		"color nothing red\n"
		"color url purple\n"
		"color url blue blinking\n"
		"side-by-side = 20\n"
		"lang ko\n"
		"unbind\n"
		"= ko\n"
		"clipboard = osc52\n"));
	assert_int_equal(c.n_problems, 11);
	assert_string_equal(strbuf_str(&c.problems),
		"/home/u/.config/yeonpyo/config:2: unknown setting 'colour' (lang, "
		"ambiwidth, wrap, color, hyperlinks, clipboard, mouse, cursor, "
		"side-by-side, bind, unbind)\n"
		"/home/u/.config/yeonpyo/config:3: wrap takes keep-all or normal, "
		"not 'sideways'\n"
		"/home/u/.config/yeonpyo/config:4: unknown action 'quit-now' (see "
		"yeonpyo config --dump for them all)\n"
		"/home/u/.config/yeonpyo/config:5: unknown key 'jj' (a character, "
		"C-x, F1-F63, Space, Tab, Enter, Esc, Up, Down, PgUp, PgDn, Home, "
		"End)\n"
		"/home/u/.config/yeonpyo/config:6: unknown element 'nothing' (see "
		"yeonpyo config --dump for them all)\n"
		"/home/u/.config/yeonpyo/config:7: unknown colour 'purple' (black, "
		"red, green, yellow, blue, magenta, cyan, white, default or "
		"0-255)\n"
		"/home/u/.config/yeonpyo/config:8: unknown colour or attribute "
		"'blinking' (bold, underline, reverse, dim, normal)\n"
		"/home/u/.config/yeonpyo/config:9: side-by-side takes a number of "
		"columns from 40 to 10000, not '20'\n"
		"/home/u/.config/yeonpyo/config:10: a setting is written name = "
		"value: lang = ...\n"
		"/home/u/.config/yeonpyo/config:11: unbind takes a key: unbind x\n"
		"/home/u/.config/yeonpyo/config:12: a setting is written name = "
		"value\n");
	assert_int_equal(options_value(&c.settings, OPT_LANG), OPTV_LANG_KO);
	assert_false(c.settings.set[OPT_WRAP]);
	assert_int_equal(options_value(&c.settings, OPT_CLIPBOARD),
			 OPTV_CLIPBOARD_OSC52);
	assert_int_equal(c.colors[11].fg, CONFIG_COLOR_UNSET);
	assert_false(c.settings.set[OPT_SIDE_BY_SIDE]);
	config_free(&c);
}

/* Every setting of options.def, given a value it does not take, is one
 * line naming its words or its range; an unknown one names them all. */
static void every_setting_says_what_it_takes(void **state)
{
	(void)state;
	int tried = 0;
	for (int id = 0; id < OPT_COUNT; id++) {
		const opt_spec *o = options_spec((opt_id)id);
		if (!o->key || o->kind == OPT_TEXT)
			continue;
		strbuf text = STRBUF_INIT, want = STRBUF_INIT;
		strbuf_printf(&text, "%s = bogus\n", o->key);
		strbuf_printf(&want, "cfg:1: %s takes ", o->key);
		support_option_takes(&want, (opt_id)id);
		strbuf_puts(&want, ", not 'bogus'\n");
		yp_config c;
		assert_true(config_parse(&c, "cfg", strbuf_str(&text)));
		assert_string_equal(strbuf_str(&c.problems), strbuf_str(&want));
		assert_false(c.settings.set[id]);
		config_free(&c);
		strbuf_free(&text);
		strbuf_free(&want);
		tried++;
	}
	assert_true(tried >= 6);
	strbuf want = STRBUF_INIT;
	strbuf_puts(&want, "cfg:1: unknown setting 'nope' (");
	for (int id = 0; id < OPT_COUNT; id++)
		if (options_spec((opt_id)id)->key)
			strbuf_printf(&want, "%s, ", options_spec((opt_id)id)->key);
	strbuf_puts(&want, "bind, unbind)\n");
	yp_config c;
	assert_true(config_parse(&c, "cfg", "nope = 1\n"));
	assert_string_equal(strbuf_str(&c.problems), strbuf_str(&want));
	config_free(&c);
	strbuf_free(&want);
}

/* Binary junk and very long lines are reported, never a crash. */
static void junk_is_reported_not_a_crash(void **state)
{
	(void)state;
	char junk[5000];
	for (size_t i = 0; i < sizeof(junk) - 1; i++)
		junk[i] = (char)(1 + (i * 7919) % 250);
	junk[sizeof(junk) - 1] = '\0';
	yp_config c;
	assert_true(config_parse(&c, "junk", junk));
	assert_true(c.n_problems > 0);
	config_free(&c);
}

static void a_missing_file_is_an_empty_configuration(void **state)
{
	(void)state;
	yp_config c;
	assert_true(config_load(&c, "/nonexistent/yeonpyo/config"));
	assert_int_equal(c.n_problems, 0);
	assert_false(c.settings.set[OPT_LANG]);
	assert_int_equal(c.n_binds, 0);
	config_free(&c);
}

/* A file that cannot be read is one message naming it, and no setting. */
static void an_unreadable_file_is_named(void **state)
{
	(void)state;
	char *dir = support_tmpdir();
	yp_config c;
	assert_true(config_load(&c, dir));  /* a directory, not a file */
	assert_int_equal(c.n_problems, 1);
	char want[4200];
	snprintf(want, sizeof(want), "%s: cannot read it: Is a directory\n", dir);
	assert_string_equal(strbuf_str(&c.problems), want);
	config_free(&c);
	support_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_bindings_and_colours_are_read),
		cmocka_unit_test(bad_lines_are_named_and_left_out),
		cmocka_unit_test(every_setting_says_what_it_takes),
		cmocka_unit_test(junk_is_reported_not_a_crash),
		cmocka_unit_test(a_missing_file_is_an_empty_configuration),
		cmocka_unit_test(an_unreadable_file_is_named),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
