/* cli_report.c: the commands that print the timeline: list (text, tsv or
 * json) and show (one event with all its links, as text or a document). */
#include "yeonpyo/cli.h"

#include <stdlib.h>
#include <string.h>

#include "yeonpyo/encode.h"
#include "yeonpyo/event_report.h"
#include "yeonpyo/json.h"
#include "yeonpyo/names.h"
#include "yeonpyo/search.h"
#include "yeonpyo/text.h"
#include "yeonpyo/vocab.h"

/* The most results search prints: a page of a person's reading, and a
 * bound on work for a one-word query over a million events. */
#define SEARCH_LIMIT 200

/* Widest organization column in list text output, in terminal columns. */
#define ORG_COLUMN_MAX 28

typedef enum { FORMAT_TEXT, FORMAT_TSV, FORMAT_JSON } report_format;

static bool parse_format(const char *v, bool allow_tsv, report_format *out)
{
	if (strcmp(v, "text") == 0)
		*out = FORMAT_TEXT;
	else if (strcmp(v, "json") == 0)
		*out = FORMAT_JSON;
	else if (allow_tsv && strcmp(v, "tsv") == 0)
		*out = FORMAT_TSV;
	else
		return false;
	return true;
}

/* --- list --------------------------------------------------------------- */

typedef struct {
	char *date;
	char *status;
	char *orgs;
	char *title;
} list_row;

typedef struct {
	const cli_env *env;
	report_format format;
	name_table names;
	list_row *rows;
	size_t len, cap;
	bool any_events;
	bool searching;  /* search's output: says where each event was found */
	bool in_note;    /* the event at hand was found in the user's note */
} lister;

/* What a search's text line ends with when the note matched. */
static const char *const found_in_note[] = {
	[LANG_KO] = "[\xeb\x82\xb4 \xeb\xa9\x94\xeb\xaa\xa8]", /* [내 메모] */
	[LANG_EN] = "[my note]",
};

static char *join_orgs(const lister *l, const yp_event *e, const char *sep)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < e->n_orgs; i++) {
		if (i)
			strbuf_puts(&sb, sep);
		strbuf_puts(&sb, l->format == FORMAT_TSV
					 ? e->orgs[i].id
					 : names_name(&l->names, e->orgs[i].id));
	}
	return strbuf_take(&sb);
}

static bool list_keep_row(lister *l, const yp_event *e)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		list_row *rows = realloc(l->rows, cap * sizeof(*rows));
		if (!rows)
			return false;
		l->rows = rows;
		l->cap = cap;
	}
	char date[DATE_TEXT_MAX];
	date_format(&e->date, date);
	list_row *r = &l->rows[l->len++];
	r->date = strdup(date);
	r->status = text_display(strcmp(e->status, "planned") == 0
					 ? vocab_label(VOCAB_STATUS, "planned",
						       l->env->lang)
					 : "", l->env->text_flags);
	char *orgs = join_orgs(l, e, "\xc2\xb7"); /* U+00B7 middle dot */
	r->orgs = orgs ? text_display(orgs, l->env->text_flags) : NULL;
	free(orgs);
	strbuf title = STRBUF_INIT;
	strbuf_puts(&title, model_text_pick(&e->title, l->env->lang));
	if (l->in_note)
		strbuf_printf(&title, "  %s", found_in_note[l->env->lang]);
	r->title = text_display(strbuf_str(&title), l->env->text_flags);
	strbuf_free(&title);
	return r->date && r->status && r->orgs && r->title;
}

static void put_tsv_field(FILE *out, const char *s, bool last)
{
	/* Text cannot hold tabs or newlines (import refuses controls), but a
	 * TSV reader must never see a broken row, so map them anyway. */
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' ? ' ' : *s, out);
	fputc(last ? '\n' : '\t', out);
}

static bool list_tsv(lister *l, const yp_event *e)
{
	FILE *out = l->env->out;
	char date[DATE_TEXT_MAX], end[DATE_TEXT_MAX];
	date_format(&e->date, date);
	date_format(&e->end_date, end);
	char *orgs = join_orgs(l, e, ",");
	put_tsv_field(out, e->id, false);
	put_tsv_field(out, date, false);
	put_tsv_field(out, end, false);
	put_tsv_field(out, e->status, false);
	put_tsv_field(out, e->kind, false);
	put_tsv_field(out, orgs, false);
	put_tsv_field(out, e->title.ko, false);
	put_tsv_field(out, e->title.en, !l->searching);
	if (l->searching)
		put_tsv_field(out, l->in_note ? "1" : "0", true);
	free(orgs);
	return !ferror(out);
}

static bool list_json(lister *l, const yp_event *e)
{
	strbuf sb = STRBUF_INIT;
	strbuf_puts(&sb, l->any_events ? ",\n  " : "\n  ");
	if (l->searching)
		encode_found_event(&sb, e, l->in_note, ENCODE_PRETTY, 1);
	else
		encode_event(&sb, e, ENCODE_PRETTY, 1);
	l->any_events = true;
	bool ok = !sb.failed && fputs(strbuf_str(&sb), l->env->out) >= 0;
	strbuf_free(&sb);
	return ok;
}

static bool list_event(const yp_event *e, void *ctx)
{
	lister *l = ctx;
	switch (l->format) {
	case FORMAT_TSV:
		return list_tsv(l, e);
	case FORMAT_JSON:
		return list_json(l, e);
	case FORMAT_TEXT:
	default:
		return list_keep_row(l, e);
	}
}

static bool list_found(const yp_event *e, bool in_note, void *ctx)
{
	lister *l = ctx;
	l->in_note = in_note;
	return list_event(e, l);
}

/* Text rows are printed after all are read: the columns' widths depend on
 * the widest cell. */
static void list_print_text(lister *l)
{
	int status_w = 0, orgs_w = 0;
	for (size_t i = 0; i < l->len; i++) {
		int sw = text_width(l->rows[i].status);
		int ow = text_width(l->rows[i].orgs);
		status_w = sw > status_w ? sw : status_w;
		orgs_w = ow > orgs_w ? ow : orgs_w;
	}
	if (orgs_w > ORG_COLUMN_MAX)
		orgs_w = ORG_COLUMN_MAX;
	strbuf line = STRBUF_INIT;
	for (size_t i = 0; i < l->len; i++) {
		const list_row *r = &l->rows[i];
		strbuf_reset(&line);
		unsigned flags = l->env->text_flags;
		text_fit_as(&line, r->date, 10, true, flags);
		strbuf_puts(&line, "  ");
		if (status_w) {
			text_fit_as(&line, r->status, status_w, true, flags);
			strbuf_puts(&line, "  ");
		}
		text_fit_as(&line, r->orgs, orgs_w, true, flags);
		strbuf_puts(&line, "  ");
		strbuf_puts(&line, r->title);
		fprintf(l->env->out, "%s\n", strbuf_str(&line));
	}
	strbuf_free(&line);
}

static void lister_free(lister *l)
{
	for (size_t i = 0; i < l->len; i++) {
		free(l->rows[i].date);
		free(l->rows[i].status);
		free(l->rows[i].orgs);
		free(l->rows[i].title);
	}
	free(l->rows);
	names_free(&l->names);
}

static int parse_day(const cli_env *env, const char *opt, const char *v,
		     bool last, long *out)
{
	yp_date d;
	char why[96];
	if (!date_parse(v, &d, why, sizeof(why)))
		return cli_usage_error(env, "list: invalid %s date \"%s\": %s",
				       opt, v, why);
	*out = last ? date_last_day(&d) : date_first_day(&d);
	return YP_OK;
}

static int list_options(const cli_env *env, int argc, char **argv,
			event_filter *f, report_format *format)
{
	for (int i = 0; i < argc; i++) {
		const char *v = NULL;
		bool missing = false;
		int rc = YP_OK;
		if (cli_option_value(argv, argc, &i, "--from", &v, &missing)) {
			if (!missing)
				rc = parse_day(env, "--from", v, false, &f->from_day);
		} else if (cli_option_value(argv, argc, &i, "--to", &v, &missing)) {
			if (!missing)
				rc = parse_day(env, "--to", v, true, &f->to_day);
		} else if (cli_option_value(argv, argc, &i, "--org", &v, &missing)) {
			f->org = v;
		} else if (cli_option_value(argv, argc, &i, "--tag", &v, &missing)) {
			f->tag = v;
		} else if (cli_option_value(argv, argc, &i, "--person", &v,
					    &missing)) {
			f->person = v;
		} else if (strcmp(argv[i], "--marked") == 0) {
			f->marked = true;
		} else if (strcmp(argv[i], "--noted") == 0) {
			f->noted = true;
		} else if (cli_option_value(argv, argc, &i, "--format", &v,
					    &missing)) {
			if (!missing && !parse_format(v, true, format))
				return cli_usage_error(env, "list: unknown format "
						       "'%s' (text, tsv or json)", v);
		} else {
			return cli_usage_error(env, "list: unexpected argument "
					       "'%s'", argv[i]);
		}
		if (missing)
			return cli_usage_error(env, "list: %s needs a value",
					       argv[i]);
		if (rc != YP_OK)
			return rc;
	}
	return YP_OK;
}

static int list_events(store *s, lister *l, const event_filter *f,
		       const char *match);

int cli_list(store *s, const cli_env *env, int argc, char **argv)
{
	event_filter f = {0};
	lister l;
	memset(&l, 0, sizeof(l));
	l.env = env;
	l.format = FORMAT_TEXT;
	int rc = list_options(env, argc, argv, &f, &l.format);
	if (rc != YP_OK)
		return rc;
	if (f.org && !store_has(s, RECORD_ORG, f.org)) {
		fprintf(env->errs, "yeonpyo: list: no organization with id "
			"\"%s\"\n", f.org);
		return YP_NOINPUT;
	}
	if (f.person && !store_has(s, RECORD_PERSON, f.person)) {
		fprintf(env->errs, "yeonpyo: list: no person with id \"%s\"\n",
			f.person);
		return YP_NOINPUT;
	}
	return list_events(s, &l, &f, NULL);
}

/* Prints events in one of the list formats: those f selects in date
 * order, or, with match, those the search index finds, best first. */
static int list_events(store *s, lister *l, const event_filter *f,
		       const char *match)
{
	const cli_env *env = l->env;
	yp_error err = {0};
	yp_status st = names_load_orgs(s, &l->names, env->lang, &err);
	if (st == YP_OK && l->format == FORMAT_TSV)
		fputs(match ? "id\tdate\tend_date\tstatus\tkind\torganizations\t"
			      "title_ko\ttitle_en\tin_note\n"
			    : "id\tdate\tend_date\tstatus\tkind\torganizations\t"
			      "title_ko\ttitle_en\n", env->out);
	if (st == YP_OK && l->format == FORMAT_JSON)
		fputs("[", env->out);
	if (st == YP_OK)
		st = match ? store_search(s, match, SEARCH_LIMIT, list_found, l,
					  &err)
			   : store_each_event(s, f, list_event, l, &err);
	if (st == YP_OK && l->format == FORMAT_JSON)
		fputs(l->any_events ? "\n]\n" : "]\n", env->out);
	if (st == YP_OK && l->format == FORMAT_TEXT)
		list_print_text(l);
	lister_free(l);
	if (st != YP_OK)
		return cli_report_error(env, &err);
	return cli_finish_output(env, YP_OK);
}

int cli_search(store *s, const cli_env *env, int argc, char **argv)
{
	lister l;
	memset(&l, 0, sizeof(l));
	l.env = env;
	l.format = FORMAT_TEXT;
	l.searching = true;
	strbuf words = STRBUF_INIT;
	for (int i = 0; i < argc; i++) {
		const char *v = NULL;
		bool missing = false;
		if (cli_option_value(argv, argc, &i, "--format", &v, &missing)) {
			if (missing || !parse_format(v, true, &l.format)) {
				strbuf_free(&words);
				return cli_usage_error(env, "search: --format takes "
						       "text, tsv or json");
			}
		} else {
			/* several arguments are one query, as a shell split it */
			strbuf_printf(&words, "%s%s", words.len ? " " : "", argv[i]);
		}
	}
	strbuf match = STRBUF_INIT;
	bool any = search_build_query(strbuf_str(&words), &match);
	int rc;
	if (!words.len)
		rc = cli_usage_error(env, "search needs a QUERY");
	else if (!any)
		rc = cli_usage_error(env, "search: \"%s\" has no letters or "
				     "digits to search for", strbuf_str(&words));
	else
		rc = list_events(s, &l, NULL, strbuf_str(&match));
	strbuf_free(&words);
	strbuf_free(&match);
	return rc;
}

/* --- show --------------------------------------------------------------- */

/* Prints the report lines as `show` lays them out: fields in a column,
 * sections under a heading, list items and paragraphs indented. */
static bool show_line(const report_line *l, void *ctx)
{
	const cli_env *env = ctx;
	FILE *out = env->out;
	strbuf sb = STRBUF_INIT;
	/* shown, never raw: controls and overrides become visible */
	char *text = text_display(l->text, env->text_flags | TEXT_KEEP_NEWLINES);
	char *label = l->label ? text_display(l->label, env->text_flags) : NULL;
	const char *t = text ? text : "?";
	switch (l->kind) {
	case REPORT_TITLE:
		fprintf(out, "%s\n\n", t);
		break;
	case REPORT_FIELD:
		text_fit_as(&sb, label ? label : "", 10, true, env->text_flags);
		fprintf(out, "%s  %s\n", strbuf_str(&sb), t);
		break;
	case REPORT_HEADING:
		fprintf(out, "\n%s\n", t);
		break;
	case REPORT_TEXT:
		fputs("  ", out);
		for (const char *p = t; *p; p++) {
			fputc(*p, out);
			if (*p == '\n' && p[1])
				fputs("  ", out);
		}
		fputc('\n', out);
		break;
	case REPORT_ITEM:
		fprintf(out, "  %s\n", t);
		break;
	case REPORT_URL:
	default:
		fprintf(out, "      %s\n", t);
		break;
	}
	strbuf_free(&sb);
	free(text);
	free(label);
	return !ferror(out);
}

/* The ids a self-contained document for one event needs: its links, the
 * people's organizations and every organization's parents. */
typedef struct {
	char **ids;
	size_t len, cap;
	idset seen;
} id_list;

static bool id_list_add(id_list *l, const char *id)
{
	if (!id || idset_has(&l->seen, id))
		return true;
	if (l->len == l->cap) {
		/* the set borrows the strings, which never move; only this
		 * array of pointers to them does */
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **ids = realloc(l->ids, cap * sizeof(*ids));
		if (!ids)
			return false;
		l->ids = ids;
		l->cap = cap;
	}
	char *copy = strdup(id);
	if (!copy)
		return false;
	l->ids[l->len++] = copy;
	return idset_add(&l->seen, copy, l->len - 1, NULL);
}

static void id_list_free(id_list *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->ids[i]);
	free(l->ids);
	idset_free(&l->seen);
}

static void show_doc_orgs(store *s, strbuf *sb, encode_doc *doc, id_list *orgs)
{
	/* orgs grows while we walk it: parents are appended as found */
	for (size_t i = 0; i < orgs->len; i++) {
		yp_org o;
		if (store_get_org(s, orgs->ids[i], &o, NULL) != YP_OK)
			continue;
		encode_doc_item(doc);
		encode_org(sb, &o, ENCODE_PRETTY, 2);
		id_list_add(orgs, o.parent);
		model_org_clear(&o);
	}
}

/* The user's note, when the event has one, after the records: a member
 * of show's document alone (yeonpyo/1 has no notes, and its readers
 * refuse it). */
static void show_doc_note(store *s, encode_doc *doc, const char *id)
{
	char *text = NULL;
	long long at = 0;
	if (store_note_get(s, id, &text, &at, NULL) != YP_OK || !text)
		return;
	char when[DATE_INSTANT_MAX];
	date_format_instant(at, when);
	encode_doc_member(doc, "note");
	strbuf_puts(doc->sb, "{\n    \"text\": ");
	json_write_string(doc->sb, text);
	strbuf_printf(doc->sb, ",\n    \"at\": \"%s\"\n  }", when);
	free(text);
}

static void put_title(strbuf *sb, const yp_text *t)
{
	strbuf_puts(sb, "{");
	if (t->ko) {
		strbuf_puts(sb, "\"ko\": ");
		json_write_string(sb, t->ko);
	}
	if (t->en) {
		strbuf_puts(sb, t->ko ? ", \"en\": " : "\"en\": ");
		json_write_string(sb, t->en);
	}
	strbuf_puts(sb, "}");
}

/* The event's links both ways, each with the other event's date and
 * title, after the records: a member of show's document alone, as the
 * note is (the event's own links are in its record, as yeonpyo/1 has
 * them; the links to it are on the events that hold them). */
static void show_doc_links(store *s, encode_doc *doc, const char *id)
{
	store_event_links l;
	if (store_get_event_links(s, id, &l, NULL) != YP_OK || !l.n)
		return;
	encode_doc_member(doc, "links");
	strbuf_puts(doc->sb, "[");
	for (size_t i = 0; i < l.n; i++) {
		const store_event_link *it = &l.items[i];
		char date[DATE_TEXT_MAX];
		date_format(&it->date, date);
		strbuf_puts(doc->sb, i ? ",\n    " : "\n    ");
		strbuf_printf(doc->sb, "{\"direction\": \"%s\", \"kind\": ",
			      it->incoming ? "from" : "to");
		json_write_string(doc->sb, it->kind);
		strbuf_puts(doc->sb, ", \"event\": ");
		json_write_string(doc->sb, it->id);
		strbuf_printf(doc->sb, ", \"date\": \"%s\", \"title\": ", date);
		put_title(doc->sb, &it->title);
		strbuf_puts(doc->sb, "}");
	}
	strbuf_puts(doc->sb, "\n  ]");
	store_event_links_free(&l);
}

static void show_doc(store *s, const cli_env *env, const yp_event *e)
{
	id_list orgs;
	memset(&orgs, 0, sizeof(orgs));
	strbuf sb = STRBUF_INIT;
	strbuf people = STRBUF_INIT;
	encode_doc doc, pdoc;
	for (size_t i = 0; i < e->n_orgs; i++)
		id_list_add(&orgs, e->orgs[i].id);
	/* people first, into their own buffer: they add organizations */
	pdoc.sb = &people;
	pdoc.first_item = true;
	for (size_t i = 0; i < e->n_people; i++) {
		yp_person p;
		if (store_get_person(s, e->people[i].id, &p, NULL) != YP_OK)
			continue;
		encode_doc_item(&pdoc);
		encode_person(&people, &p, ENCODE_PRETTY, 2);
		id_list_add(&orgs, p.org);
		model_person_clear(&p);
	}
	encode_doc_begin(&doc, &sb);
	encode_doc_section(&doc, "organizations");
	show_doc_orgs(s, &sb, &doc, &orgs);
	encode_doc_section(&doc, "people");
	strbuf_puts(&sb, strbuf_str(&people));
	doc.first_item = pdoc.first_item;
	encode_doc_section(&doc, "sources");
	for (size_t i = 0; i < e->n_sources; i++) {
		yp_source src;
		if (store_get_source(s, e->sources[i], &src, NULL) != YP_OK)
			continue;
		encode_doc_item(&doc);
		encode_source(&sb, &src, ENCODE_PRETTY, 2);
		model_source_clear(&src);
	}
	encode_doc_section(&doc, "events");
	encode_doc_item(&doc);
	encode_event(&sb, e, ENCODE_PRETTY, 2);
	show_doc_links(s, &doc, e->id);
	show_doc_note(s, &doc, e->id);
	encode_doc_end(&doc);
	fputs(strbuf_str(&sb), env->out);
	strbuf_free(&sb);
	strbuf_free(&people);
	id_list_free(&orgs);
}

int cli_show(store *s, const cli_env *env, int argc, char **argv)
{
	const char *id = NULL;
	report_format format = FORMAT_TEXT;
	for (int i = 0; i < argc; i++) {
		const char *v = NULL;
		bool missing = false;
		if (cli_option_value(argv, argc, &i, "--format", &v, &missing)) {
			if (missing || !parse_format(v, false, &format))
				return cli_usage_error(env, "show: --format takes "
						       "text or json");
		} else if (argv[i][0] == '-') {
			return cli_usage_error(env, "show: unknown option '%s'",
					       argv[i]);
		} else if (id) {
			return cli_usage_error(env, "show takes one event ID");
		} else {
			id = argv[i];
		}
	}
	if (!id)
		return cli_usage_error(env, "show needs an event ID");
	yp_event e;
	yp_error err = {0};
	if (store_get_event(s, id, &e, &err) != YP_OK)
		return cli_report_error(env, &err);
	if (format == FORMAT_JSON)
		show_doc(s, env, &e);
	else
		event_report(s, &e, env->lang, NULL, show_line, (void *)env);
	model_event_clear(&e);
	return cli_finish_output(env, YP_OK);
}
