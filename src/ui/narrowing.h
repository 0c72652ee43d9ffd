/* narrowing.h: what narrows the browser's timeline, the filters (o, p, t,
 * y, ') and the search kept by Enter, and narrowing the timeline to them
 * with the selection kept where it can be. Every view that changes them
 * calls these; none keeps its own copy. */
#ifndef YEONPYO_NARROWING_H
#define YEONPYO_NARROWING_H

#include <stdbool.h>

#include "yeonpyo/strbuf.h"

struct browser;

typedef struct {
	char *org, *org_label;        /* an organization's id and label */
	char *person, *person_label;
	char *tag;
	int year_from, year_to;       /* 0: no year filter */
	bool marked_only;             /* ': the marked events */
	char *applied;     /* the query narrowing the timeline, or NULL */
	char **marks;      /* its words, marked where they show (or NULL) */
} narrowing;

typedef enum {
	NARROWING_DONE,     /* the timeline is narrowed */
	NARROWING_STOPPED,  /* keys came meanwhile: the timeline is as it was,
			     * and the caller tries again after them */
	NARROWING_FAILED,   /* the store failed: the browser stops */
} narrowing_result;

void narrowing_free(narrowing *n);

/* Narrows the timeline to the filters and what query finds (every event
 * when neither narrows it), keeping the selection where it can; the
 * sparkline follows. With the store's interrupt set, a search may stop
 * for keys. */
narrowing_result narrowing_apply(struct browser *b, const char *query);
/* The store changed under the browser (another connection committed):
 * the timeline is read again for the filters and the kept search, the
 * selection kept by id, else moved to the event nearest it by date, and
 * left on the same row of the pane. */
void narrowing_follow(struct browser *b);
/* The filters changed: applies them with the search that is kept. */
void narrowing_refilter(struct browser *b);

/* Replaces *field with a copy of value (or NULL); the caller refilters. */
void narrowing_set(char **field, const char *value);
void narrowing_set_org(narrowing *n, const char *id, const char *label);
void narrowing_set_person(narrowing *n, const char *id, const char *label);
/* Clears the filters and the search, and refilters. */
void narrowing_clear(struct browser *b);

/* Keeps query as the search (none when it has no words) and narrows to
 * it; returns whether it had words. */
bool narrowing_keep_search(struct browser *b, const char *query);
/* Ends the search: the filters alone again, with select_id selected. */
void narrowing_end_search(struct browser *b, const char *select_id);

/* The status line's words for the search and the filters. */
void narrowing_status(const narrowing *n, bool ko, strbuf *out);

/* The sparkline's counts for a search kept as a map, left for when no
 * key waits after its first frame (a scan of the timeline's index), and
 * giving way to keys as searches do. */
void narrowing_density_idle(struct browser *b);

#endif
