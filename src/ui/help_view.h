/* help_view.h: the help over the view that opened it (help_view.c). */
#ifndef YEONPYO_HELP_VIEW_H
#define YEONPYO_HELP_VIEW_H

#include "browser.h"

/* Pushes the help, scrolled to its top. */
void help_view_open(browser *b);

#endif
