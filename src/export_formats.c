/* export_formats.c: iCalendar, CSV and Markdown writers for the timeline's
 * events, each escaping by its own format's rules. */
#include "yeonpyo/export_formats.h"

#include <string.h>
#include <time.h>

#include <unicode/utf8.h>

#include "yeonpyo/date.h"

/* iCalendar's limit on a content line, in octets without the CRLF. */
#define ICS_LINE_MAX 75

/* --- text --------------------------------------------------------------- */

/* The length of the control character at s (C0 but line feed, DEL, or C1
 * as UTF-8), 0 when s does not start with one. */
static size_t control_at(const unsigned char *s)
{
	if ((s[0] < 0x20 && s[0] != '\n') || s[0] == 0x7f)
		return 1;
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	return 0;
}

/* Appends s a byte at a time through put, leaving control characters
 * out. */
static void put_text(strbuf *out, const char *s,
		     void (*put)(strbuf *out, unsigned char c))
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		size_t skip = control_at(p);
		if (skip)
			p += skip;
		else
			put(out, *p++);
	}
}

static void put_ics(strbuf *out, unsigned char c)
{
	if (c == '\n')
		strbuf_puts(out, "\\n");
	else if (c == '\\' || c == ';' || c == ',')
		strbuf_printf(out, "\\%c", c);
	else
		strbuf_putc(out, (char)c);
}

static void put_csv(strbuf *out, unsigned char c)
{
	if (c == '"')
		strbuf_putc(out, '"');
	strbuf_putc(out, (char)c);  /* a line break kept as it is */
}

static void put_md(strbuf *out, unsigned char c)
{
	if (c == '\n') {
		strbuf_putc(out, ' ');  /* one list item, one line */
		return;
	}
	if (strchr("\\`*_[]<>#|!~&", c))
		strbuf_putc(out, '\\');
	strbuf_putc(out, (char)c);
}

void export_ics_text(strbuf *out, const char *s)
{
	put_text(out, s, put_ics);
}

void export_csv_field(strbuf *out, const char *s)
{
	bool quote = s && strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		strbuf_putc(out, '"');
	put_text(out, s, put_csv);
	if (quote)
		strbuf_putc(out, '"');
}

void export_md_text(strbuf *out, const char *s)
{
	put_text(out, s, put_md);
}

/* --- iCalendar ------------------------------------------------------------ */

void export_ics_fold(strbuf *out, const char *line, size_t len)
{
	size_t room = ICS_LINE_MAX;
	while (len > room) {
		int32_t at = (int32_t)room;
		/* back to the start of the character that would be cut */
		U8_SET_CP_START((const uint8_t *)line, 0, at);
		size_t cut = (size_t)at;
		strbuf_append(out, line, cut);
		strbuf_puts(out, "\r\n ");
		line += cut;
		len -= cut;
		room = ICS_LINE_MAX - 1;  /* the space counts */
	}
	strbuf_append(out, line, len);
	strbuf_puts(out, "\r\n");
}

/* Folds and appends the line built in line, and empties it. */
static void ics_line(strbuf *out, strbuf *line)
{
	export_ics_fold(out, strbuf_str(line), line->len);
	strbuf_reset(line);
}

static long next_day(long key)
{
	int y = (int)(key / 10000), m = (int)(key / 100 % 100);
	int d = (int)(key % 100);
	if (d < date_days_in_month(y, m))
		return key + 1;
	if (m < 12)
		return (long)y * 10000 + (long)(m + 1) * 100 + 1;
	return (long)(y + 1) * 10000 + 101;
}

static const char *lang_code(const yp_text *t, yp_lang lang)
{
	const char *want = lang == LANG_KO ? t->ko : t->en;
	if (want && *want)
		return lang == LANG_KO ? "ko" : "en";
	return lang == LANG_KO ? "en" : "ko";
}

/* How much of the date is known, said in the description when not the
 * day: a month-precise event spans its month in a calendar. */
static void ics_precision(strbuf *line, const yp_event *e, yp_lang lang)
{
	if (e->date.precision == DATE_DAY)
		return;
	char date[DATE_TEXT_MAX];
	date_format(&e->date, date);
	bool month = e->date.precision == DATE_MONTH;
	if (lang == LANG_KO)
		strbuf_printf(line, "\\n\\n날짜는 %s 단위로만 알려져 있다: %s",
			      month ? "월" : "연", date);
	else
		strbuf_printf(line, "\\n\\nDate known to the %s only: %s",
			      month ? "month" : "year", date);
}

static void ics_description(strbuf *line, const export_writer *w,
			    const yp_event *e)
{
	bool ko = w->lang == LANG_KO;
	strbuf_printf(line, "DESCRIPTION;LANGUAGE=%s:",
		      lang_code(&e->summary, w->lang));
	export_ics_text(line, model_text_pick(&e->summary, w->lang));
	ics_precision(line, e, w->lang);
	for (size_t i = 0; i < e->n_orgs; i++) {
		strbuf_puts(line, i ? "\\, " : ko ? "\\n\\n기관: "
						  : "\\n\\nOrganizations: ");
		export_ics_text(line, names_name(w->orgs, e->orgs[i].id));
	}
	for (size_t i = 0; i < e->n_sources; i++) {
		const name_entry *src = names_find(w->sources, e->sources[i]);
		strbuf_puts(line, i ? "\\n- " : ko ? "\\n\\n출처:\\n- "
						  : "\\n\\nSources:\\n- ");
		export_ics_text(line, src ? src->name : e->sources[i]);
		if (src && src->url) {
			strbuf_putc(line, ' ');
			export_ics_text(line, src->url);
		}
	}
}

/* The first source's address: a URI value, not TEXT, so not escaped,
 * but never with a control character or a space in it. */
static void ics_url(strbuf *out, strbuf *line, const export_writer *w,
		    const yp_event *e)
{
	for (size_t i = 0; i < e->n_sources; i++) {
		const name_entry *src = names_find(w->sources, e->sources[i]);
		if (!src || !src->url || strpbrk(src->url, " \t\r\n\x7f"))
			continue;
		strbuf_printf(line, "URL:%s", src->url);
		ics_line(out, line);
		return;
	}
}

static void ics_event(export_writer *w, const yp_event *e, strbuf *out)
{
	strbuf line = STRBUF_INIT;
	const yp_date *last = e->end_date.precision ? &e->end_date : &e->date;
	struct tm tm;
	time_t stamp = (time_t)w->stamp;
	gmtime_r(&stamp, &tm);
	strbuf_puts(out, "BEGIN:VEVENT\r\n");
	strbuf_puts(&line, "UID:");
	export_ics_text(&line, e->id);
	strbuf_puts(&line, "@yeonpyo");
	ics_line(out, &line);
	strbuf_printf(&line, "DTSTAMP:%04d%02d%02dT%02d%02d%02dZ",
		      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		      tm.tm_min, tm.tm_sec);
	ics_line(out, &line);
	/* all-day: the days the dates cover, DTEND the day after (RFC 5545
	 * 3.6.1: a DATE end is not part of the event) */
	strbuf_printf(&line, "DTSTART;VALUE=DATE:%08ld", date_first_day(&e->date));
	ics_line(out, &line);
	strbuf_printf(&line, "DTEND;VALUE=DATE:%08ld",
		      next_day(date_last_day(last)));
	ics_line(out, &line);
	strbuf_printf(&line, "SUMMARY;LANGUAGE=%s:", lang_code(&e->title, w->lang));
	export_ics_text(&line, model_text_pick(&e->title, w->lang));
	ics_line(out, &line);
	ics_description(&line, w, e);
	ics_line(out, &line);
	if (e->n_tags) {
		strbuf_puts(&line, "CATEGORIES:");
		for (size_t i = 0; i < e->n_tags; i++) {
			if (i)
				strbuf_putc(&line, ',');
			export_ics_text(&line, e->tags[i]);
		}
		ics_line(out, &line);
	}
	bool planned = e->status && strcmp(e->status, "planned") == 0;
	strbuf_printf(&line, "STATUS:%s", planned ? "TENTATIVE" : "CONFIRMED");
	ics_line(out, &line);
	ics_url(out, &line, w, e);
	strbuf_puts(out, "END:VEVENT\r\n");
	strbuf_free(&line);
}

/* --- CSV and Markdown ----------------------------------------------------- */

static const char *const csv_columns =
	"id,date,end_date,status,kind,title_ko,title_en,summary_ko,"
	"summary_en,organizations,organization_ids,tags,source_urls\r\n";

/* Joins the names, ids or addresses of an event's links with sep. */
static void csv_links(strbuf *field, const export_writer *w, const yp_event *e,
		      char what)
{
	const char *sep = what == 'u' ? " " : "; ";
	size_t n = what == 'u' ? e->n_sources : what == 't' ? e->n_tags
							    : e->n_orgs;
	size_t written = 0;
	for (size_t i = 0; i < n; i++) {
		const char *v;
		if (what == 'u') {
			const name_entry *src = names_find(w->sources,
							   e->sources[i]);
			v = src ? src->url : NULL;
		} else if (what == 't') {
			v = e->tags[i];
		} else {
			v = what == 'n' ? names_name(w->orgs, e->orgs[i].id)
					: e->orgs[i].id;
		}
		if (!v)
			continue;
		strbuf_puts(field, written++ ? sep : "");
		strbuf_puts(field, v);
	}
}

static void csv_event(const export_writer *w, const yp_event *e, strbuf *out)
{
	char date[DATE_TEXT_MAX], end[DATE_TEXT_MAX];
	date_format(&e->date, date);
	date_format(&e->end_date, end);
	const char *plain[] = {e->id, date, end, e->status, e->kind,
			       e->title.ko, e->title.en, e->summary.ko,
			       e->summary.en};
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++) {
		export_csv_field(out, plain[i]);
		strbuf_putc(out, ',');
	}
	static const char links[] = "nitu";
	strbuf field = STRBUF_INIT;
	for (size_t i = 0; links[i]; i++) {
		csv_links(&field, w, e, links[i]);
		export_csv_field(out, strbuf_str(&field));
		strbuf_reset(&field);
		strbuf_puts(out, links[i + 1] ? "," : "\r\n");
	}
	strbuf_free(&field);
}

/* A link's address inside <...>: without the characters that would end
 * it early or break the line. */
static void md_url(strbuf *out, const char *url)
{
	strbuf_putc(out, '<');
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= ' ' || *p == '<' || *p == '>' || *p == 0x7f)
			strbuf_printf(out, "%%%02X", *p);
		else
			strbuf_putc(out, (char)*p);
	}
	strbuf_putc(out, '>');
}

static void md_event(export_writer *w, const yp_event *e, strbuf *out)
{
	bool ko = w->lang == LANG_KO;
	if (e->date.year != w->year) {
		w->year = e->date.year;
		strbuf_printf(out, "\n## %d\n\n", w->year);
	}
	char date[DATE_TEXT_MAX];
	date_format(&e->date, date);
	strbuf_printf(out, "- **%s**", date);
	if (e->status && strcmp(e->status, "planned") == 0)
		strbuf_puts(out, ko ? " (예정)" : " (planned)");
	strbuf_puts(out, " ");
	export_md_text(out, model_text_pick(&e->title, w->lang));
	for (size_t i = 0; i < e->n_orgs; i++) {
		strbuf_puts(out, i ? ", " : " — ");
		export_md_text(out, names_name(w->orgs, e->orgs[i].id));
	}
	for (size_t i = 0; i < e->n_sources; i++) {
		const name_entry *src = names_find(w->sources, e->sources[i]);
		if (!src || !src->url)
			continue;
		strbuf_puts(out, " [");
		export_md_text(out, src->name);
		strbuf_puts(out, "](");
		md_url(out, src->url);
		strbuf_putc(out, ')');
	}
	strbuf_putc(out, '\n');
}

/* --- the writer ------------------------------------------------------------ */

void export_begin(export_writer *w, strbuf *out)
{
	w->year = 0;
	const char *title = w->title && *w->title ? w->title : "yeonpyo";
	if (w->format == EXPORT_CSV) {
		strbuf_puts(out, csv_columns);
	} else if (w->format == EXPORT_MD) {
		strbuf_puts(out, "# ");
		export_md_text(out, title);
		strbuf_putc(out, '\n');
	} else {
		strbuf line = STRBUF_INIT;
		strbuf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
			    "PRODID:-//yeonpyo//yeonpyo " YEONPYO_VERSION
			    "//EN\r\nCALSCALE:GREGORIAN\r\n");
		strbuf_puts(&line, "X-WR-CALNAME:");
		export_ics_text(&line, title);
		ics_line(out, &line);
		strbuf_free(&line);
	}
}

void export_event(export_writer *w, const yp_event *e, strbuf *out)
{
	if (w->format == EXPORT_ICS)
		ics_event(w, e, out);
	else if (w->format == EXPORT_CSV)
		csv_event(w, e, out);
	else
		md_event(w, e, out);
}

void export_end(const export_writer *w, strbuf *out)
{
	if (w->format == EXPORT_ICS)
		strbuf_puts(out, "END:VCALENDAR\r\n");
}
