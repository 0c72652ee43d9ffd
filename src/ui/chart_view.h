/* chart_view.h: the chart of organizations by year (chart_view.c). */
#ifndef YEONPYO_CHART_VIEW_H
#define YEONPYO_CHART_VIEW_H

#include "browser.h"

/* Counts the organizations of the events the filters select, giving way
 * to keys that come meanwhile (then it says so and opens nothing), and
 * pushes the chart over the body. */
void chart_view_open(browser *b);

#endif
