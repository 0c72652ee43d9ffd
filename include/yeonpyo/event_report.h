/* event_report.h: one event with everything it links to, as a sequence of
 * labelled lines in one language. `show` prints them; the browser's detail
 * pane wraps and draws them, so both say the same things. */
#ifndef YEONPYO_EVENT_REPORT_H
#define YEONPYO_EVENT_REPORT_H

#include <stdbool.h>

#include "yeonpyo/model.h"
#include "yeonpyo/store.h"
#include "yeonpyo/text.h"

typedef enum {
	REPORT_TITLE,    /* the event's title */
	REPORT_FIELD,    /* label and text: id, date, status, kind, tags */
	REPORT_HEADING,  /* a section: summary, organizations, people, ... */
	REPORT_TEXT,     /* a paragraph (summary, notes); may hold '\n' */
	REPORT_ITEM,     /* one entry of a section's list */
	REPORT_URL       /* the address of the source item before it */
} report_kind;

typedef struct {
	report_kind kind;
	const char *label;  /* REPORT_FIELD only */
	const char *text;
	/* REPORT_ITEM of an organization, a person or a linked event:
	 * which (link_kind RECORD_EVENT for an event), else NULL */
	const char *link_id;
	record_kind link_kind;
} report_line;

/* Returning false stops the report. */
typedef bool (*report_fn)(const report_line *line, void *ctx);

/* Reports e in lang, looking up its organizations, people and sources in
 * s (a link whose record cannot be read is reported by its id), the
 * events it links to and that link to it under 연결 / Links
 * (store_get_event_links), and last,
 * under the heading 내 메모 / My note, the user's note on it as its lines
 * were written (a REPORT_HEADING and a REPORT_TEXT; tabs as spaces to
 * stops of 8 columns), when it has one (store_note_get). tl, kept
 * by a caller that reports often, formats dates and sorts names in lang;
 * NULL opens one for this report. */
void event_report(store *s, const yp_event *e, yp_lang lang,
		  text_locale *tl, report_fn fn, void *ctx);

#endif
