/* config.c: reading the configuration file, a line at a time; each bad
 * line is reported and skipped so that a typo never costs the rest. */
#include "yeonpyo/config.h"
#include "yeonpyo/options.h"
#include "yeonpyo/xdg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *const config_element_names[CONFIG_ELEMENTS] = {
#define STYLE(id, name, ...) name,
#include "styles.def"
#undef STYLE
};

/* styles.def's standout, which the file cannot say, is written as what
 * it draws on most terminals, and what reading that back draws */
#define CONFIG_STANDOUT (CONFIG_UNDERLINE | CONFIG_REVERSE)
#define ATTR(a) CONFIG_##a
const config_color config_default_colors[CONFIG_ELEMENTS] = {
#define STYLE(id, name, fg, bg, color, plain) \
	{CONFIG_COLOR_##fg, CONFIG_COLOR_##bg, (color) | CONFIG_ATTRS_SET},
#include "styles.def"
#undef STYLE
};
#undef ATTR
#undef CONFIG_STANDOUT

static const char *const color_names[] = {
	[CONFIG_COLOR_BLACK] = "black", [CONFIG_COLOR_RED] = "red",
	[CONFIG_COLOR_GREEN] = "green", [CONFIG_COLOR_YELLOW] = "yellow",
	[CONFIG_COLOR_BLUE] = "blue", [CONFIG_COLOR_MAGENTA] = "magenta",
	[CONFIG_COLOR_CYAN] = "cyan", [CONFIG_COLOR_WHITE] = "white",
};

static const struct {
	const char *name;
	unsigned flag;
} attr_names[] = {
	{"bold", CONFIG_BOLD}, {"underline", CONFIG_UNDERLINE},
	{"reverse", CONFIG_REVERSE}, {"dim", CONFIG_DIM},
	{"normal", CONFIG_NORMAL},
};

char *config_default_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "config");
}

static void problem(yp_config *c, int line, const char *fmt, const char *arg)
{
	strbuf_puts(&c->problems, c->path ? c->path : "config");
	if (line)
		strbuf_printf(&c->problems, ":%d", line);
	strbuf_puts(&c->problems, ": ");
	strbuf_printf(&c->problems, fmt, arg);
	strbuf_putc(&c->problems, '\n');
	c->n_problems++;
}

/* Splits line into at most max words at spaces and tabs, in place. */
static int split(char *line, char **words, int max)
{
	int n = 0;
	char *save = NULL;
	for (char *w = strtok_r(line, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		if (n == max)
			return max + 1;
		words[n++] = w;
	}
	return n;
}

/* "unknown setting 'x' (...)", naming every setting the file may set */
static void unknown_setting(yp_config *c, int line, const char *name)
{
	strbuf msg = STRBUF_INIT;
	strbuf_printf(&msg, "unknown setting '%s' (", name);
	for (int id = 0; id < OPT_COUNT; id++) {
		const char *key = options_spec((opt_id)id)->key;
		if (key)
			strbuf_printf(&msg, "%s, ", key);
	}
	strbuf_puts(&msg, "bind, unbind)");
	problem(c, line, "%s", strbuf_str(&msg));
	strbuf_free(&msg);
}

static bool set_setting(yp_config *c, int line, const char *name,
			const char *value)
{
	opt_id id = options_by_key(name);
	if (id == OPT_COUNT) {
		unknown_setting(c, line, name);
		return true;
	}
	long v = 0;
	strbuf why = STRBUF_INIT;
	bool ok = options_parse(id, name, value, &v, &why);
	if (!ok)
		problem(c, line, "%s", strbuf_str(&why));
	strbuf_free(&why);
	if (!ok)
		return true;
	const char *text = NULL;
	if (options_spec(id)->kind == OPT_TEXT) {
		free(c->texts[id]);
		c->texts[id] = strdup(value);
		if (!c->texts[id])
			return false;
		text = c->texts[id];
	}
	options_set(&c->settings, id, v, text);
	return true;
}

static bool add_bind(yp_config *c, key_code code, key_action action)
{
	config_bind *b = realloc(c->binds, (c->n_binds + 1) * sizeof(*b));
	if (!b)
		return false;
	c->binds = b;
	c->binds[c->n_binds++] = (config_bind){code, action};
	return true;
}

/* "bind KEY ACTION" and "unbind KEY" */
static bool parse_bind(yp_config *c, int line, char **w, int n)
{
	bool unbind = strcmp(w[0], "unbind") == 0;
	if (n != (unbind ? 2 : 3)) {
		problem(c, line, "%s", unbind ? "unbind takes a key: unbind x"
					       : "bind takes a key and an action: "
						 "bind j down");
		return true;
	}
	key_code code;
	if (!keys_parse(w[1], &code)) {
		problem(c, line, "unknown key '%s' (a character, C-x, F1-F63, "
			"Space, Tab, Enter, Esc, Up, Down, PgUp, PgDn, Home, End)",
			w[1]);
		return true;
	}
	key_action action = unbind ? ACTION_NONE : keys_action_named(w[2]);
	if (!unbind && action == ACTION_NONE) {
		problem(c, line, "unknown action '%s' (see yeonpyo config "
			"--dump for them all)", w[2]);
		return true;
	}
	return add_bind(c, code, action);
}

/* A colour name, "default" or 0-255; CONFIG_COLOR_UNSET when none. */
static short parse_color(const char *s)
{
	if (strcmp(s, "default") == 0)
		return CONFIG_COLOR_DEFAULT;
	for (size_t i = 0; i < sizeof(color_names) / sizeof(*color_names); i++)
		if (strcmp(s, color_names[i]) == 0)
			return (short)i;
	char *end = NULL;
	long n = strtol(s, &end, 10);
	if (*s && !*end && n >= 0 && n <= 255)
		return (short)n;
	return CONFIG_COLOR_UNSET;
}

static bool parse_attr(const char *s, unsigned *attrs)
{
	for (size_t i = 0; i < sizeof(attr_names) / sizeof(*attr_names); i++) {
		if (strcmp(s, attr_names[i].name) == 0) {
			*attrs |= attr_names[i].flag | CONFIG_ATTRS_SET;
			return true;
		}
	}
	return false;
}

/* "color ELEMENT FG [BG] [bold|underline|reverse|dim|normal...]" */
static void parse_color_line(yp_config *c, int line, char **w, int n)
{
	int element = -1;
	for (int i = 0; n >= 2 && i < CONFIG_ELEMENTS; i++)
		if (strcmp(w[1], config_element_names[i]) == 0)
			element = i;
	if (n < 3 || n > 8) {
		problem(c, line, "%s", "color takes an element, a colour, and "
			"a background and attributes if you like: color url blue");
		return;
	}
	if (element < 0) {
		problem(c, line, "unknown element '%s' (see yeonpyo config "
			"--dump for them all)", w[1]);
		return;
	}
	config_color col = {parse_color(w[2]), CONFIG_COLOR_UNSET, 0};
	if (col.fg == CONFIG_COLOR_UNSET) {
		problem(c, line, "unknown colour '%s' (black, red, green, "
			"yellow, blue, magenta, cyan, white, default or 0-255)",
			w[2]);
		return;
	}
	for (int i = 3; i < n; i++) {
		short bg = CONFIG_COLOR_UNSET;
		if (i == 3)
			bg = parse_color(w[i]);
		if (bg != CONFIG_COLOR_UNSET) {
			col.bg = bg;
		} else if (!parse_attr(w[i], &col.attrs)) {
			problem(c, line, "unknown colour or attribute '%s' (bold, "
				"underline, reverse, dim, normal)", w[i]);
			return;
		}
	}
	c->colors[element] = col;
}

static bool parse_line(yp_config *c, int line, char *text)
{
	text[strcspn(text, "#")] = '\0';  /* a comment */
	char *eq = strchr(text, '=');
	char *w[9];
	if (eq) {  /* "name = value" */
		*eq = '\0';
		char *name[2], *value[2];
		int nn = split(text, name, 1), nv = split(eq + 1, value, 1);
		if (nn != 1 || nv != 1) {
			problem(c, line, "%s", "a setting is written name = value");
			return true;
		}
		return set_setting(c, line, name[0], value[0]);
	}
	int n = split(text, w, 8);
	if (n == 0)
		return true;
	if (strcmp(w[0], "bind") == 0 || strcmp(w[0], "unbind") == 0)
		return parse_bind(c, line, w, n);
	if (strcmp(w[0], "color") == 0) {
		parse_color_line(c, line, w, n);
		return true;
	}
	if (options_by_key(w[0]) != OPT_COUNT)
		problem(c, line, "a setting is written name = value: %s = ...",
			w[0]);
	else
		unknown_setting(c, line, w[0]);
	return true;
}

bool config_parse(yp_config *c, const char *path, const char *text)
{
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < CONFIG_ELEMENTS; i++)
		c->colors[i] = (config_color){CONFIG_COLOR_UNSET,
					      CONFIG_COLOR_UNSET, 0};
	c->path = path ? strdup(path) : NULL;
	if (path && !c->path)
		return false;
	int line = 0;
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		char *copy = strndup(p, len);
		if (!copy)
			return false;
		copy[strcspn(copy, "\r")] = '\0';
		bool ok = parse_line(c, ++line, copy);
		free(copy);
		if (!ok)
			return false;
		p += len;
		p += *p == '\n';
	}
	c->side_by_side = (int)options_value(&c->settings, OPT_SIDE_BY_SIDE);
	return !c->problems.failed;
}

bool config_load(yp_config *c, const char *path)
{
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f) {
		int e = errno;
		if (!config_parse(c, path, ""))
			return false;
		if (path && e != ENOENT)
			problem(c, 0, "cannot read it: %s", strerror(e));
		return true;
	}
	strbuf text = STRBUF_INIT;
	char buf[4096];
	size_t n;
	errno = 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_append(&text, buf, n);
	int read_error = ferror(f) ? errno : 0;
	fclose(f);
	/* what could not be read is not used at all */
	bool ok = !text.failed &&
		  config_parse(c, path, read_error ? "" : strbuf_str(&text));
	if (ok && read_error)
		problem(c, 0, "cannot read it: %s", strerror(read_error));
	strbuf_free(&text);
	return ok;
}

void config_free(yp_config *c)
{
	free(c->path);
	for (int id = 0; id < OPT_COUNT; id++)
		free(c->texts[id]);
	free(c->binds);
	strbuf_free(&c->problems);
	memset(c, 0, sizeof(*c));
}

bool config_keymap(const yp_config *c, keymap *km)
{
	if (!keymap_init(km))
		return false;
	for (size_t i = 0; i < c->n_binds; i++)
		if (!keymap_bind(km, c->binds[i].code, c->binds[i].action)) {
			keymap_free(km);
			return false;
		}
	return true;
}

void config_color_name(short color, strbuf *out)
{
	if (color >= 0 && color < 8)
		strbuf_puts(out, color_names[color]);
	else if (color >= 0)
		strbuf_printf(out, "%d", color);
	else
		strbuf_puts(out, "default");
}

void config_attr_names(unsigned attrs, strbuf *out)
{
	bool any = false;
	for (size_t i = 0; i < sizeof(attr_names) / sizeof(*attr_names); i++) {
		if (attr_names[i].flag && (attrs & attr_names[i].flag)) {
			strbuf_printf(out, "%s%s", any ? " " : "",
				      attr_names[i].name);
			any = true;
		}
	}
	if (!any)
		strbuf_puts(out, "normal");
}
