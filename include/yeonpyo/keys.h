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

/* The action bound to a key: a character (function_key false) or a curses
 * KEY_* code; ACTION_NONE when nothing is. */
ui_action keys_action(bool function_key, int code);

/* The table, in the order of keys.def; *n gets its length. */
const key_help *keys_table(size_t *n);

/* Appends the KEYS section of yeonpyo(1), in man(7) markup, as the table
 * says it should read. */
void keys_man_section(strbuf *sb);

#endif
