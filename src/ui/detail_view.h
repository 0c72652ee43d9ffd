/* detail_view.h: the selected event's detail full screen (detail_view.c). */
#ifndef YEONPYO_DETAIL_VIEW_H
#define YEONPYO_DETAIL_VIEW_H

#include "browser.h"

/* Pushes the detail over the whole body. */
void detail_view_open(browser *b);

#endif
