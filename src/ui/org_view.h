/* org_view.h: the organizations view (org_view.c). */
#ifndef YEONPYO_ORG_VIEW_H
#define YEONPYO_ORG_VIEW_H

#include "browser.h"

/* Pushes the organizations view over the body. */
void org_view_open(browser *b);

#endif
