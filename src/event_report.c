/* event_report.c: an event and its links as labelled lines; see
 * event_report.h. Labels are Korean or English, never mixed. */
#include "yeonpyo/event_report.h"

#include <string.h>

#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"
#include "yeonpyo/vocab.h"

typedef struct {
	const char *ko;
	const char *en;
} label;

typedef struct {
	store *s;
	yp_lang lang;
	report_fn fn;
	void *ctx;
	bool stopped;
} reporter;

static const char *pick(const reporter *r, label l)
{
	return r->lang == LANG_KO ? l.ko : l.en;
}

static void emit(reporter *r, report_kind kind, const char *lbl,
		 const char *text)
{
	report_line line = {kind, lbl, text};
	if (!r->stopped)
		r->stopped = !r->fn(&line, r->ctx);
}

static void field(reporter *r, label name, const char *value)
{
	if (value && *value)
		emit(r, REPORT_FIELD, pick(r, name), value);
}

static void paragraph(reporter *r, label heading, const yp_text *t)
{
	const char *v = model_text_pick(t, r->lang);
	if (!*v)
		return;
	emit(r, REPORT_HEADING, NULL, pick(r, heading));
	emit(r, REPORT_TEXT, NULL, v);
}

static void dates(reporter *r, const yp_event *e)
{
	const char *locale = r->lang == LANG_KO ? "ko" : "en";
	strbuf sb = STRBUF_INIT;
	text_format_date(&sb, &e->date, locale);
	if (e->end_date.precision != DATE_NONE) {
		strbuf_puts(&sb, " \xe2\x80\x93 "); /* en dash */
		text_format_date(&sb, &e->end_date, locale);
	}
	field(r, (label){"날짜", "Date"}, strbuf_str(&sb));
	strbuf_free(&sb);
}

static void orgs(reporter *r, const yp_event *e)
{
	if (!e->n_orgs)
		return;
	emit(r, REPORT_HEADING, NULL, pick(r, (label){"기관", "Organizations"}));
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < e->n_orgs; i++) {
		const char *role = vocab_label(VOCAB_ORG_ROLE, e->orgs[i].role,
					       r->lang);
		yp_org o;
		strbuf_reset(&sb);
		if (store_get_org(r->s, e->orgs[i].id, &o, NULL) != YP_OK) {
			strbuf_printf(&sb, "%s (%s)", e->orgs[i].id, role);
		} else {
			const char *name = model_text_pick(&o.name, r->lang);
			if (o.short_name && strcmp(o.short_name, name) != 0)
				strbuf_printf(&sb, "%s \xc2\xb7 %s (%s)",
					      o.short_name, name, role);
			else
				strbuf_printf(&sb, "%s (%s)", name, role);
			model_org_clear(&o);
		}
		emit(r, REPORT_ITEM, NULL, strbuf_str(&sb));
	}
	strbuf_free(&sb);
}

static void people(reporter *r, const yp_event *e)
{
	if (!e->n_people)
		return;
	emit(r, REPORT_HEADING, NULL, pick(r, (label){"인물", "People"}));
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < e->n_people; i++) {
		const char *role = vocab_label(VOCAB_PERSON_ROLE,
					       e->people[i].role, r->lang);
		yp_person p;
		strbuf_reset(&sb);
		if (store_get_person(r->s, e->people[i].id, &p, NULL) != YP_OK) {
			strbuf_printf(&sb, "%s (%s)", e->people[i].id, role);
		} else {
			const char *title = model_text_pick(&p.title, r->lang);
			strbuf_printf(&sb, "%s%s%s (%s)",
				      model_text_pick(&p.name, r->lang),
				      *title ? ", " : "", title, role);
			model_person_clear(&p);
		}
		emit(r, REPORT_ITEM, NULL, strbuf_str(&sb));
	}
	strbuf_free(&sb);
}

static void figures(reporter *r, const yp_event *e)
{
	if (!e->n_figures)
		return;
	emit(r, REPORT_HEADING, NULL, pick(r, (label){"수치", "Figures"}));
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < e->n_figures; i++) {
		strbuf_reset(&sb);
		strbuf_printf(&sb, "%s: %s",
			      model_text_pick(&e->figures[i].label, r->lang),
			      e->figures[i].value);
		emit(r, REPORT_ITEM, NULL, strbuf_str(&sb));
	}
	strbuf_free(&sb);
}

static void sources(reporter *r, const yp_event *e)
{
	if (!e->n_sources)
		return;
	emit(r, REPORT_HEADING, NULL, pick(r, (label){"출처", "Sources"}));
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < e->n_sources; i++) {
		yp_source src;
		strbuf_reset(&sb);
		if (store_get_source(r->s, e->sources[i], &src, NULL) != YP_OK) {
			strbuf_printf(&sb, "[%zu] %s", i + 1, e->sources[i]);
			emit(r, REPORT_ITEM, NULL, strbuf_str(&sb));
			continue;
		}
		char date[DATE_TEXT_MAX];
		date_format(&src.date, date);
		strbuf_printf(&sb, "[%zu] %s%s%s, %s", i + 1, src.publisher,
			      *date ? ", " : "", date, src.title);
		emit(r, REPORT_ITEM, NULL, strbuf_str(&sb));
		if (src.url)
			emit(r, REPORT_URL, NULL, src.url);
		model_source_clear(&src);
	}
	strbuf_free(&sb);
}

void event_report(store *s, const yp_event *e, yp_lang lang, report_fn fn,
		  void *ctx)
{
	reporter r = {s, lang, fn, ctx, false};
	emit(&r, REPORT_TITLE, NULL, model_text_pick(&e->title, lang));
	field(&r, (label){"ID", "ID"}, e->id);
	dates(&r, e);
	field(&r, (label){"상태", "Status"},
	      vocab_label(VOCAB_STATUS, e->status, lang));
	field(&r, (label){"종류", "Kind"},
	      vocab_label(VOCAB_EVENT_KIND, e->kind, lang));
	strbuf tags = STRBUF_INIT;
	for (size_t i = 0; i < e->n_tags; i++)
		strbuf_printf(&tags, "%s%s", i ? ", " : "", e->tags[i]);
	field(&r, (label){"태그", "Tags"}, strbuf_str(&tags));
	strbuf_free(&tags);
	paragraph(&r, (label){"요약", "Summary"}, &e->summary);
	orgs(&r, e);
	people(&r, e);
	figures(&r, e);
	paragraph(&r, (label){"메모", "Notes"}, &e->notes);
	sources(&r, e);
}
