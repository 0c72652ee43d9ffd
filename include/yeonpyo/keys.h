/* keys.h: the browser's key bindings, made from src/keys.def. */
#ifndef YEONPYO_KEYS_H
#define YEONPYO_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/strbuf.h"

typedef enum {
#define KEY(action, ...) ACTION_##action,
#include "keys.def"
#undef KEY
	ACTION_COUNT,
	ACTION_NONE = ACTION_COUNT
} ui_action;

typedef struct {
	ui_action action;
	const char *keys;     /* as shown to people: "j, Down" */
	const char *help_en;
	const char *help_ko;
} key_help;

/* A key as the tables hold it: a character, or a curses KEY_* code
 * negated (so that the two never meet). */
typedef int key_code;
#define KEY_CODE_FN(k) (-(k))

/* The keys in force: keys.def's, changed by the configuration (bind and
 * unbind). */
typedef struct {
	key_code code;
	ui_action action;
} key_binding;

typedef struct {
	key_binding *items;
	size_t n, cap;
} keymap;

/* keys.def's bindings; false when memory ran out (the map is empty). */
bool keymap_init(keymap *km);
void keymap_free(keymap *km);
/* Binds code to action (ACTION_NONE unbinds it), replacing what it had. */
bool keymap_bind(keymap *km, key_code code, ui_action action);

/* The action bound to a key: a character (function_key false) or a curses
 * KEY_* code; ACTION_NONE when nothing is. */
ui_action keymap_action(const keymap *km, bool function_key, int code);

/* A key's name as the configuration writes it: "j", "Space", "C-f", "PgDn",
 * "F5"; keys_parse parses them (and "Ctrl-f"), false for none. */
void keys_name(key_code code, strbuf *out);
bool keys_parse(const char *name, key_code *code);

/* An action's name ("page-down"), and the action a name names
 * (ACTION_NONE for none). */
void keys_action_name(ui_action action, strbuf *out);
ui_action keys_action_named(const char *name);

/* The table, in the order of keys.def; *n gets its length. */
const key_help *keys_table(size_t *n);

/* Appends the KEYS section of yeonpyo(1), in man(7) markup, as the table
 * says it should read. */
void keys_man_section(strbuf *sb);

#endif
