/* frame.h: the frame around the browser's views (frame.c). */
#ifndef YEONPYO_FRAME_H
#define YEONPYO_FRAME_H

#include <stdbool.h>

#include "browser.h"

/* Whether the screen is too small for the panes: only a message shows. */
bool frame_too_small(void);

/* Draws the frame on stdscr (not refreshed): the views that need it (all
 * of them with all), the title and the status line. Nothing is erased:
 * each view fills what it covers. */
void frame_draw(browser *b, bool all);

#endif
