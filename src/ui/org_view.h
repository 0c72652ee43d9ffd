/* org_view.h: the organizations view: every organization with its kind,
 * number of events and years, and for the one selected its events and the
 * organizations it appears with most often. */
#ifndef YEONPYO_ORG_VIEW_H
#define YEONPYO_ORG_VIEW_H

#include "picker.h"

typedef struct {
	picker list;        /* the organizations, narrowed as one types */
	char *loaded;       /* whose partners and events are below */
	char **partners;    /* "name  (shared events)" lines */
	size_t n_partners;
	char **events;      /* "date  title" lines */
	size_t n_events;
} org_view;

yp_status org_view_open(org_view *v, store *s, yp_lang lang, yp_error *err);
void org_view_free(org_view *v);

/* Draws the view over the body of the screen (rows 1 .. lines-2),
 * reading the selected organization's partners and events when the
 * selection changed. */
void org_view_draw(org_view *v, store *s, const canvas *c, int lines,
		   int cols, yp_lang lang);

#endif
