/* search_view.h: the search prompt (search_view.c). */
#ifndef YEONPYO_SEARCH_VIEW_H
#define YEONPYO_SEARCH_VIEW_H

#include "browser.h"

/* Pushes the prompt on the status line, holding the search kept so far. */
void search_view_open(browser *b);

#endif
