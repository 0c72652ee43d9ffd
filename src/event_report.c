/* event_report.c: an event and its links as labelled lines; see
 * event_report.h. Labels are Korean or English, never mixed. */
#include "yeonpyo/event_report.h"

#include <stdlib.h>
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
	text_locale *tl;
	report_fn fn;
	void *ctx;
	bool stopped;
} reporter;

static const char *pick(const reporter *r, label l)
{
	return r->lang == LANG_KO ? l.ko : l.en;
}

static void emit_link(reporter *r, report_kind kind, const char *lbl,
		      const char *text, const char *link_id, record_kind link_kind)
{
	report_line line = {kind, lbl, text, link_id, link_kind};
	if (!r->stopped)
		r->stopped = !r->fn(&line, r->ctx);
}

static void emit(reporter *r, report_kind kind, const char *lbl,
		 const char *text)
{
	emit_link(r, kind, lbl, text, NULL, RECORD_EVENT);
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
	strbuf sb = STRBUF_INIT;
	text_locale_date(r->tl, &sb, &e->date);
	if (e->end_date.precision != DATE_NONE) {
		strbuf_puts(&sb, " \xe2\x80\x93 "); /* en dash */
		text_locale_date(r->tl, &sb, &e->end_date);
	}
	field(r, (label){"날짜", "Date"}, strbuf_str(&sb));
	strbuf_free(&sb);
}

/* One entry of a section, with the name it sorts by. */
typedef struct {
	char *key;
	char *line;
	const char *id;      /* the organization's or person's id */
	record_kind kind;
} sorted_item;

/* Emits items in the collation order of the report's language; an
 * insertion sort, since an event links a handful of records. */
static void emit_sorted(reporter *r, sorted_item *items, size_t n)
{
	const text_collator *coll = text_locale_collator(r->tl);
	for (size_t i = 1; coll && i < n; i++) {
		sorted_item it = items[i];
		size_t j = i;
		while (j > 0 && text_collate(coll, items[j - 1].key, it.key) > 0) {
			items[j] = items[j - 1];
			j--;
		}
		items[j] = it;
	}
	for (size_t i = 0; i < n; i++) {
		emit_link(r, REPORT_ITEM, NULL, items[i].line ? items[i].line : "?",
			  items[i].id, items[i].kind);
		free(items[i].key);
		free(items[i].line);
	}
}

static sorted_item org_item(reporter *r, const yp_link *link)
{
	const char *role = vocab_label(VOCAB_ORG_ROLE, link->role, r->lang);
	strbuf sb = STRBUF_INIT;
	yp_org o;
	sorted_item it;
	if (store_get_org(r->s, link->id, &o, NULL) != YP_OK) {
		strbuf_printf(&sb, "%s (%s)", link->id, role);
		it.key = strdup(link->id);
	} else {
		const char *name = model_text_pick(&o.name, r->lang);
		model_org_label(&sb, o.short_name, name);
		strbuf_printf(&sb, " (%s)", role);
		it.key = strdup(name);
		model_org_clear(&o);
	}
	it.line = strbuf_take(&sb);
	it.id = link->id;
	it.kind = RECORD_ORG;
	return it;
}

static sorted_item person_item(reporter *r, const yp_link *link)
{
	const char *role = vocab_label(VOCAB_PERSON_ROLE, link->role, r->lang);
	strbuf sb = STRBUF_INIT;
	yp_person p;
	sorted_item it;
	if (store_get_person(r->s, link->id, &p, NULL) != YP_OK) {
		strbuf_printf(&sb, "%s (%s)", link->id, role);
		it.key = strdup(link->id);
	} else {
		/* the title held at the event, when known, not the latest */
		const yp_text *held = link->title.ko || link->title.en
					      ? &link->title : &p.title;
		const char *title = model_text_pick(held, r->lang);
		const char *name = model_text_pick(&p.name, r->lang);
		strbuf_printf(&sb, "%s%s%s (%s)", name, *title ? ", " : "",
			      title, role);
		it.key = strdup(name);
		model_person_clear(&p);
	}
	it.line = strbuf_take(&sb);
	it.id = link->id;
	it.kind = RECORD_PERSON;
	return it;
}

/* Organizations and people are listed in the collation order of the
 * language (가나다 in Korean), as a reader looks names up. */
static void links(reporter *r, label heading, const yp_link *l, size_t n,
		  sorted_item (*item)(reporter *, const yp_link *))
{
	if (!n)
		return;
	emit(r, REPORT_HEADING, NULL, pick(r, heading));
	sorted_item *items = calloc(n, sizeof(*items));
	if (!items)
		return;
	for (size_t i = 0; i < n; i++)
		items[i] = item(r, &l[i]);
	emit_sorted(r, items, n);
	free(items);
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
			      model_figure_value(&e->figures[i], r->lang));
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

/* Tabs as spaces to the next stop of 8 columns, counted by display
 * width: shown, a tab would be ^I. To free. */
static char *expand_tabs(const char *text)
{
	strbuf sb = STRBUF_INIT;
	int col = 0;
	const char *run = text;
	for (const char *p = text;; p++) {
		if (*p && *p != '\t' && *p != '\n')
			continue;
		strbuf_append(&sb, run, (size_t)(p - run));
		col += text_width_n(run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p == '\n') {
			strbuf_putc(&sb, '\n');
			col = 0;
		}
		for (int to = (col / 8 + 1) * 8; *p == '\t' && col < to; col++)
			strbuf_putc(&sb, ' ');
		run = p + 1;
	}
	return strbuf_take(&sb);
}

/* The user's own note, last, under a heading of its own: what they wrote
 * apart from what the event says. */
static void my_note(reporter *r, const char *id)
{
	char *text = NULL;
	long long at = 0;
	if (store_note_get(r->s, id, &text, &at, NULL) != YP_OK || !text)
		return;
	char *shown = expand_tabs(text);
	emit(r, REPORT_HEADING, NULL, pick(r, (label){"내 메모", "My note"}));
	emit(r, REPORT_TEXT, NULL, shown ? shown : text);
	free(shown);
	free(text);
}

void event_report(store *s, const yp_event *e, yp_lang lang,
		  text_locale *tl, report_fn fn, void *ctx)
{
	text_locale *own = tl ? NULL : text_locale_open(lang == LANG_KO ? "ko"
								       : "en");
	if (!tl && !own)
		return;
	reporter r = {s, lang, tl ? tl : own, fn, ctx, false};
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
	links(&r, (label){"기관", "Organizations"}, e->orgs, e->n_orgs, org_item);
	links(&r, (label){"인물", "People"}, e->people, e->n_people, person_item);
	figures(&r, e);
	paragraph(&r, (label){"메모", "Notes"}, &e->notes);
	sources(&r, e);
	my_note(&r, e->id);
	text_locale_close(own);
}
