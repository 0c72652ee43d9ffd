/* export_formats.h: the timeline in formats other tools read: iCalendar
 * (RFC 5545) for calendars, CSV (RFC 4180) for spreadsheets, and Markdown,
 * a timeline grouped by year. Events come in timeline order. */
#ifndef YEONPYO_EXPORT_FORMATS_H
#define YEONPYO_EXPORT_FORMATS_H

#include "yeonpyo/model.h"
#include "yeonpyo/names.h"
#include "yeonpyo/strbuf.h"

typedef enum { EXPORT_ICS, EXPORT_CSV, EXPORT_MD } export_format;

typedef struct {
	export_format format;
	yp_lang lang;              /* of titles and summaries, else the other */
	const name_table *orgs;    /* borrowed */
	const name_table *sources; /* borrowed */
	long long stamp;           /* iCalendar's DTSTAMP, seconds since 1970 */
	const char *title;         /* the calendar's or document's; may be NULL */
	int year;                  /* Markdown: the year of the last heading */
} export_writer;

/* Each appends to out: what comes before the first event, an event, and
 * what comes after the last. */
void export_begin(export_writer *w, strbuf *out);
void export_event(export_writer *w, const yp_event *e, strbuf *out);
void export_end(const export_writer *w, strbuf *out);

/* Folds one iCalendar content line (without its CRLF) into out: CRLF and
 * a space before every 75th octet, never inside a UTF-8 sequence. */
void export_ics_fold(strbuf *out, const char *line, size_t len);

/* Appends s as an iCalendar TEXT value (RFC 5545 3.3.11), as a CSV field
 * (quoted when it must be), or as Markdown inline text; control characters
 * are left out (a line break, where the format has one, is kept). */
void export_ics_text(strbuf *out, const char *s);
void export_csv_field(strbuf *out, const char *s);
void export_md_text(strbuf *out, const char *s);

#endif
