/* timeline_view.h: the timeline and detail panes, the browser's first
 * view (timeline_view.c). */
#ifndef YEONPYO_TIMELINE_VIEW_H
#define YEONPYO_TIMELINE_VIEW_H

#include <stdbool.h>

#include "browser.h"

/* Pushes the view, which stays at the bottom of the stack; false when
 * memory ran out. */
bool timeline_view_open(browser *b);

/* Where the browser is, to resume there next time: the selected event
 * and whether the detail is hidden, into out (cleared first; the caller
 * frees it with store_place_clear). */
void timeline_view_place(const browser *b, store_place *out);
/* Back where it was: the event selected (by id, else the nearest by date
 * to where it was), the detail shown or hidden. */
void timeline_view_resume(browser *b, const store_place *p);

#endif
