/* picker_view.h: the o, p, t and y pickers (picker_view.c). */
#ifndef YEONPYO_PICKER_VIEW_H
#define YEONPYO_PICKER_VIEW_H

#include "browser.h"
#include "picker.h"

/* Pushes the picker of kind; for years from min_key on when it is not 0
 * (the last year of a range). */
void picker_view_open(browser *b, facet_kind kind, long min_key);

#endif
