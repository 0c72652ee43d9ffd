/* timeline_view.h: the timeline and detail panes, the browser's first
 * view (timeline_view.c). */
#ifndef YEONPYO_TIMELINE_VIEW_H
#define YEONPYO_TIMELINE_VIEW_H

#include <stdbool.h>

#include "browser.h"

/* Pushes the view, which stays at the bottom of the stack; false when
 * memory ran out. */
bool timeline_view_open(browser *b);

#endif
