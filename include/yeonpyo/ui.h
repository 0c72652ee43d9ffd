/* ui.h: the interactive browser (ncursesw). */
#ifndef YEONPYO_UI_H
#define YEONPYO_UI_H

#include <stdbool.h>

#include "yeonpyo/model.h"
#include "yeonpyo/store.h"

typedef enum { UI_COLOR_AUTO, UI_COLOR_ALWAYS, UI_COLOR_NEVER } ui_color_mode;

typedef struct {
	yp_lang lang;
	ui_color_mode color;
	unsigned text_flags;  /* text_display and text_wrap flags */
} ui_options;

/* Whether the browser can run here: standard input and output are
 * terminals and TERM names a terminal that terminfo knows. When not, *why
 * says so in a phrase for a message. */
bool ui_available(const char **why);

/* Runs the browser over s until the user quits or a signal ends it, and
 * restores the terminal. Returns an exit status. */
int ui_run(store *s, const ui_options *opts);

#endif
