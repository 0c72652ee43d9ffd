/* keys.h: the browser's keys and their actions, made from src/keys.def:
 * names, the bindings in force, the help and the man page's section. No
 * curses here: the configuration reads and writes bindings as data, and
 * the browser's key reader reports keys in these codes. */
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
} key_action;

typedef struct {
	key_action action;
	const char *keys;     /* as shown to people: "j, Down" */
	const char *help_en;
	const char *help_ko;
} key_help;

/* The keys that are no character, in yeonpyo's own numbers: the key
 * reader learns from the terminal's description which bytes each is. */
typedef enum {
	FKEY_NONE,
	FKEY_UP,
	FKEY_DOWN,
	FKEY_LEFT,
	FKEY_RIGHT,
	FKEY_PGUP,
	FKEY_PGDN,
	FKEY_HOME,
	FKEY_END,
	FKEY_ENTER,      /* the keypad's */
	FKEY_BACKSPACE,  /* where the terminal sends a sequence for it */
	FKEY_INSERT,
	FKEY_DELETE,
	FKEY_BACKTAB,
	FKEY_OTHER,      /* a key of the terminal's with none of these names */
	FKEY_F0 = 64,    /* F1 to F63 are FKEY_F(1) to FKEY_F(63) */
	FKEY_LAST = FKEY_F0 + 63
} fkey;
#define FKEY_F(n) (FKEY_F0 + (n))

/* A key as the tables hold it: a character, or an fkey negated (so that
 * the two never meet). */
typedef int key_code;
#define KEY_CODE_FN(k) (-(k))

/* The keys in force: keys.def's, changed by the configuration (bind and
 * unbind). */
typedef struct {
	key_code code;
	key_action action;
} key_binding;

typedef struct {
	key_binding *items;
	size_t n, cap;
} keymap;

/* keys.def's bindings; false when memory ran out (the map is empty). */
bool keymap_init(keymap *km);
void keymap_free(keymap *km);
/* Binds code to action (ACTION_NONE unbinds it), replacing what it had. */
bool keymap_bind(keymap *km, key_code code, key_action action);

/* The action bound to a key: a character (function_key false) or an
 * fkey; ACTION_NONE when nothing is. */
key_action keymap_action(const keymap *km, bool function_key, int code);

/* A key's name as the configuration writes it: "j", "Space", "C-f", "PgDn",
 * "F5"; keys_parse parses them (and "Ctrl-f"), false for none. */
void keys_name(key_code code, strbuf *out);
bool keys_parse(const char *name, key_code *code);

/* An action's name ("page-down"), and the action a name names
 * (ACTION_NONE for none). */
void keys_action_name(key_action action, strbuf *out);
key_action keys_action_named(const char *name);

/* The table, in the order of keys.def; *n gets its length. */
const key_help *keys_table(size_t *n);

/* Appends the KEYS section of yeonpyo(1), in man(7) markup, as the table
 * says it should read. */
void keys_man_section(strbuf *sb);

#endif
