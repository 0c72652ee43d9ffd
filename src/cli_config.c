/* cli_config.c: "config --dump", the configuration in effect written as
 * a configuration file would write it, and "config --path". */
#include "yeonpyo/cli.h"

#include <string.h>

#include "yeonpyo/options.h"

/* Every setting the file may hold (options.def), with its value. */
static void dump_settings(const opt_settings *s, FILE *out)
{
	strbuf value = STRBUF_INIT;
	for (int id = 0; id < OPT_COUNT; id++) {
		const char *key = options_spec((opt_id)id)->key;
		strbuf_reset(&value);
		if (key && options_write(s, (opt_id)id, &value))
			fprintf(out, "%s = %s\n", key, strbuf_str(&value));
	}
	strbuf_free(&value);
}

/* Every binding, in keys.def's order of actions. */
static bool dump_keys(const yp_config *c, FILE *out)
{
	keymap km;
	if (!config_keymap(c, &km))
		return false;
	strbuf sb = STRBUF_INIT;
	for (int a = 0; a < ACTION_COUNT; a++) {
		for (size_t i = 0; i < km.n; i++) {
			if (km.items[i].action != (key_action)a)
				continue;
			strbuf_puts(&sb, "bind ");
			keys_name(km.items[i].code, &sb);
			strbuf_putc(&sb, ' ');
			keys_action_name((key_action)a, &sb);
			strbuf_putc(&sb, '\n');
		}
	}
	/* keys.def's keys left without an action, so that the dump read
	 * back leaves them so too */
	keymap defaults;
	bool ok = keymap_init(&defaults);
	for (size_t i = 0; ok && i < defaults.n; i++) {
		key_code code = defaults.items[i].code;
		bool fn = code < 0;
		if (keymap_action(&km, fn, fn ? -code : code) != ACTION_NONE)
			continue;
		strbuf_puts(&sb, "unbind ");
		keys_name(code, &sb);
		strbuf_putc(&sb, '\n');
	}
	fputs(strbuf_str(&sb), out);
	strbuf_free(&sb);
	keymap_free(&defaults);
	keymap_free(&km);
	return ok;
}

static void dump_colors(const yp_config *c, FILE *out)
{
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < CONFIG_ELEMENTS; i++) {
		const config_color *u = &c->colors[i];
		config_color e = config_default_colors[i];
		if (u->fg != CONFIG_COLOR_UNSET)
			e.fg = u->fg;
		if (u->bg != CONFIG_COLOR_UNSET)
			e.bg = u->bg;
		if (u->attrs & CONFIG_ATTRS_SET)
			e.attrs = u->attrs;
		strbuf_printf(&sb, "color %s ", config_element_names[i]);
		config_color_name(e.fg, &sb);
		strbuf_putc(&sb, ' ');
		config_color_name(e.bg, &sb);
		strbuf_putc(&sb, ' ');
		config_attr_names(e.attrs, &sb);
		strbuf_putc(&sb, '\n');
	}
	fputs(strbuf_str(&sb), out);
	strbuf_free(&sb);
}

int cli_config(const cli_config_view *v, const cli_env *env, int argc,
	       char **argv)
{
	bool path = argc == 1 && strcmp(argv[0], "--path") == 0;
	if (argc > 1 || (argc == 1 && !path && strcmp(argv[0], "--dump") != 0))
		return cli_usage_error(env, "config takes --dump or --path");
	const char *file = v->config->path;
	if (path) {
		fprintf(env->out, "%s\n", file ? file : "(none: no home)");
		return cli_finish_output(env, YP_OK);
	}
	fprintf(env->out, "# the configuration in effect: %s, then the "
		"options given\n", file ? file : "(no file)");
	dump_settings(v->settings, env->out);
	if (!dump_keys(v->config, env->out))
		return cli_usage_error(env, "out of memory");
	dump_colors(v->config, env->out);
	return cli_finish_output(env, YP_OK);
}
