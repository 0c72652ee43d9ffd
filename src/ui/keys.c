/* keys.c: looking up keys.def for the input loop, the help overlay and
 * the man page. */
#include "yeonpyo/keys.h"

#include <curses.h>

/* Function keys are stored negated so they never meet a character. */
#define FN(k) (-(k))
#ifndef CTRL
#define CTRL(c) ((c) & 0x1f)
#endif

typedef struct {
	ui_action action;
	int codes[4];
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

ui_action keys_action(bool function_key, int code)
{
	int want = function_key ? FN(code) : code;
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++)
		for (size_t j = 0; j < 4 && bindings[i].codes[j]; j++)
			if (bindings[i].codes[j] == want)
				return bindings[i].action;
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
