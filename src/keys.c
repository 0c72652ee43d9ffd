/* keys.c: looking up keys.def for the browser, the configuration, the
 * help overlay and the man page. */
#include "yeonpyo/keys.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Function keys are stored negated so they never meet a character. */
#define FN(k) (-(k))
#ifndef CTRL
#define CTRL(c) ((c) & 0x1f)
#endif

/* Room for the most codes a key of keys.def has (Backspace: '<', DEL,
 * Ctrl-H and the terminal's own) and the 0 that ends them. */
#define BINDING_CODES 5

typedef struct {
	key_action action;
	int codes[BINDING_CODES];
} binding;

static const binding bindings[] = {
#define KEY(action, keys, en, ko, ...) {ACTION_##action, {__VA_ARGS__}},
#include "keys.def"
#undef KEY
};

static const key_help help[] = {
#define KEY(action, keys, en, ko, ...) {ACTION_##action, keys, en, ko},
#include "keys.def"
#undef KEY
};

static const char *const action_names[] = {
#define KEY(action, ...) #action,
#include "keys.def"
#undef KEY
};

bool keymap_init(keymap *km)
{
	memset(km, 0, sizeof(*km));
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++)
		for (size_t j = 0; j < BINDING_CODES && bindings[i].codes[j]; j++)
			if (!keymap_bind(km, bindings[i].codes[j],
					 bindings[i].action)) {
				keymap_free(km);
				return false;
			}
	return true;
}

void keymap_free(keymap *km)
{
	free(km->items);
	memset(km, 0, sizeof(*km));
}

bool keymap_bind(keymap *km, key_code code, key_action action)
{
	for (size_t i = 0; i < km->n; i++) {
		if (km->items[i].code != code)
			continue;
		if (action == ACTION_NONE)
			km->items[i] = km->items[--km->n];
		else
			km->items[i].action = action;
		return true;
	}
	if (action == ACTION_NONE)
		return true;
	if (km->n == km->cap) {
		size_t cap = km->cap ? km->cap * 2 : 64;
		key_binding *items = realloc(km->items, cap * sizeof(*items));
		if (!items)
			return false;
		km->items = items;
		km->cap = cap;
	}
	km->items[km->n++] = (key_binding){code, action};
	return true;
}

key_action keymap_action(const keymap *km, bool function_key, int code)
{
	key_code want = function_key ? FN(code) : code;
	for (size_t i = 0; i < km->n; i++)
		if (km->items[i].code == want)
			return km->items[i].action;
	return ACTION_NONE;
}

static const struct {
	const char *name;
	key_code code;
} named_keys[] = {
	{"Space", ' '}, {"Tab", '\t'}, {"Enter", '\n'}, {"Esc", 27},
	{"Backspace", 127}, {"Up", FN(FKEY_UP)}, {"Down", FN(FKEY_DOWN)},
	{"Left", FN(FKEY_LEFT)}, {"Right", FN(FKEY_RIGHT)},
	{"PgUp", FN(FKEY_PGUP)}, {"PgDn", FN(FKEY_PGDN)},
	{"Home", FN(FKEY_HOME)}, {"End", FN(FKEY_END)},
	{"KpEnter", FN(FKEY_ENTER)}, {"Return", '\r'},
	/* the Backspace the terminal's description names (kbs), which is
	 * how it comes where the description has it (xterm's DEL too) */
	{"BSpace", FN(FKEY_BACKSPACE)},
};

void keys_name(key_code code, strbuf *out)
{
	for (size_t i = 0; i < sizeof(named_keys) / sizeof(*named_keys); i++) {
		if (named_keys[i].code == code) {
			strbuf_puts(out, named_keys[i].name);
			return;
		}
	}
	if (code < 0 && -code >= FKEY_F(1) && -code <= FKEY_F(63))
		strbuf_printf(out, "F%d", -code - FKEY_F0);
	else if (code >= 0 && code < 32)
		strbuf_printf(out, "C-%c", code + 'a' - 1);
	else if (code > 32 && code < 127)
		strbuf_putc(out, (char)code);
	else
		strbuf_printf(out, "#%d", code);  /* no name: its number */
}

bool keys_parse(const char *name, key_code *code)
{
	for (size_t i = 0; i < sizeof(named_keys) / sizeof(*named_keys); i++) {
		if (strcasecmp(name, named_keys[i].name) == 0) {
			*code = named_keys[i].code;
			return true;
		}
	}
	size_t len = strlen(name);
	if (len == 1 && name[0] > 32 && name[0] < 127) {
		*code = (unsigned char)name[0];
		return true;
	}
	const char *ctrl = strncasecmp(name, "C-", 2) == 0 ? name + 2
			   : strncasecmp(name, "Ctrl-", 5) == 0 ? name + 5 : NULL;
	if (ctrl && strlen(ctrl) == 1 && ((ctrl[0] >= 'a' && ctrl[0] <= 'z') ||
					  (ctrl[0] >= 'A' && ctrl[0] <= 'Z'))) {
		*code = ctrl[0] & 0x1f;
		return true;
	}
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3 &&
	    strspn(name + 1, "0123456789") == len - 1) {
		int n = atoi(name + 1);
		if (n >= 1 && n <= 63) {
			*code = FN(FKEY_F(n));
			return true;
		}
	}
	return false;
}

void keys_action_name(key_action action, strbuf *out)
{
	if (action >= ACTION_COUNT) {
		strbuf_puts(out, "none");
		return;
	}
	/* PAGE_DOWN is written page-down */
	for (const char *p = action_names[action]; *p; p++)
		strbuf_putc(out, (char)(*p == '_' ? '-' : *p - 'A' + 'a'));
}

static bool names_action(const char *name, const char *action)
{
	for (; *name && *action; name++, action++) {
		char want = (char)(*action == '_' ? '-' : *action - 'A' + 'a');
		if (*name != want)
			return false;
	}
	return !*name && !*action;
}

key_action keys_action_named(const char *name)
{
	for (int a = 0; a < ACTION_COUNT; a++)
		if (names_action(name, action_names[a]))
			return (key_action)a;
	return ACTION_NONE;
}

const key_help *keys_table(size_t *n)
{
	*n = sizeof(help) / sizeof(help[0]);
	return help;
}

/* man(7) needs a backslash before a leading dot or apostrophe and before
 * every backslash; the keys and texts have none of those but '-'. */
static void roff_text(strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, *s);
	}
}

void keys_man_section(strbuf *sb)
{
	strbuf_puts(sb, ".SH KEYS\n"
		    "The interactive browser reads these keys.\n"
		    "The focused pane is the timeline unless\n"
		    ".B Tab\n"
		    "moved the focus to the detail pane.\n");
	for (size_t i = 0; i < sizeof(help) / sizeof(help[0]); i++) {
		strbuf_puts(sb, ".TP\n.B \"");
		roff_text(sb, help[i].keys);
		strbuf_puts(sb, "\"\n");
		roff_text(sb, help[i].help_en);
		strbuf_puts(sb, ".\n");
	}
}
