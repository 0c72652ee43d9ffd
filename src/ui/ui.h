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
	/* ask the terminal how wide it draws ambiguous characters (in a
	 * UTF-8 locale); TEXT_AMBIGUOUS_WIDE in text_flags says it is known */
	bool probe;
	bool mouse;           /* read the mouse (wheel, clicks) */
	bool top;             /* start on the first event, not where left */
	bool lang_chosen;     /* lang was given (option, configuration): a
			       * resumed place's language does not replace it */
	bool arrow;           /* lists mark the selection with an arrow */
} ui_options;

/* Whether the browser can run here: standard input and output are
 * terminals and TERM names a terminal that terminfo knows. When not, *why
 * says so in a phrase for a message. */
bool ui_available(const char **why);

/* Runs the browser over s until the user quits or a signal ends it, and
 * restores the terminal. Returns an exit status. */
int ui_run(store *s, const ui_options *opts);

#endif
