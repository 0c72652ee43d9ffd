/* ui.h: the interactive browser (ncursesw). */
#ifndef YEONPYO_UI_H
#define YEONPYO_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/config.h"
#include "yeonpyo/model.h"
#include "yeonpyo/store.h"

typedef enum { UI_COLOR_AUTO, UI_COLOR_ALWAYS, UI_COLOR_NEVER } ui_color_mode;

/* Source addresses as OSC 8 hyperlinks: auto turns them on in a UTF-8
 * locale on terminals other than the Linux console, VT100-like and dumb
 * ones (which may show the sequences). */
typedef enum { UI_LINKS_AUTO, UI_LINKS_ALWAYS, UI_LINKS_NEVER } ui_link_mode;

typedef struct {
	yp_lang lang;
	ui_color_mode color;
	unsigned text_flags;  /* text_display and text_wrap flags */
	const char *notice;   /* shown in the status line until a key; NULL */
	ui_link_mode hyperlinks;
	bool clipboard;       /* x copies an address with OSC 52 */
	const yp_config *config;  /* key bindings, colours, layout; or NULL */
} ui_options;

/* Whether the browser can run here: standard input and output are
 * terminals and TERM names a terminal that terminfo knows. When not, *why
 * says so in a phrase for a message. */
bool ui_available(const char **why);

/* Asks the terminal on fd how many columns it gives an East Asian
 * Ambiguous character (UAX #11): 1 or 2, or 0 when it does not say within
 * timeout_ms. Call before the browser starts. */
int ui_probe_ambiwidth(int fd, int timeout_ms);

/* Reads the terminal's answers to ui_probe_ambiwidth: the width its cursor
 * report implies (0 if none yet), and in *complete whether the device
 * attributes answer that follows it has arrived. */
int ui_ambiwidth_reply(const char *buf, size_t len, bool *complete);

/* Runs the browser over s until the user quits or a signal ends it, and
 * restores the terminal. Returns an exit status. */
int ui_run(store *s, const ui_options *opts);

#endif
