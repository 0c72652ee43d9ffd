/* encode.c: model records to yeonpyo/1 JSON text. Keys come in the order
 * man/yeonpyo.5 lists them; absent optional fields are left out. */
#include "yeonpyo/encode.h"

#include <assert.h>

#include "yeonpyo/json.h"

/* Writing state for one object: pretty objects put each member on its own
 * line; compact ones (and the small inline objects) use ", ". */
typedef struct {
	strbuf *sb;
	encode_style style;
	int indent;
	bool first;
} obj_writer;

static void newline_indent(strbuf *sb, int indent)
{
	strbuf_putc(sb, '\n');
	for (int i = 0; i < indent; i++)
		strbuf_puts(sb, "  ");
}

static void obj_begin(obj_writer *w, strbuf *sb, encode_style style,
		      int indent)
{
	w->sb = sb;
	w->style = style;
	w->indent = indent;
	w->first = true;
	strbuf_putc(sb, '{');
}

static void obj_key(obj_writer *w, const char *key)
{
	if (!w->first)
		strbuf_putc(w->sb, ',');
	if (w->style == ENCODE_PRETTY)
		newline_indent(w->sb, w->indent + 1);
	else if (!w->first)
		strbuf_putc(w->sb, ' ');
	w->first = false;
	json_write_string(w->sb, key);
	strbuf_puts(w->sb, ": ");
}

static void obj_end(obj_writer *w)
{
	if (w->style == ENCODE_PRETTY && !w->first)
		newline_indent(w->sb, w->indent);
	strbuf_putc(w->sb, '}');
}

static void array_begin(obj_writer *w, const char *key)
{
	obj_key(w, key);
	strbuf_putc(w->sb, '[');
}

static void put_string(obj_writer *w, const char *key, const char *v)
{
	if (!v)
		return;
	obj_key(w, key);
	json_write_string(w->sb, v);
}

static void put_text(obj_writer *w, const char *key, const yp_text *t)
{
	if (!t->ko && !t->en)
		return;
	obj_key(w, key);
	obj_writer inner;
	obj_begin(&inner, w->sb, ENCODE_COMPACT, 0);
	put_string(&inner, "ko", t->ko);
	put_string(&inner, "en", t->en);
	obj_end(&inner);
}

static void put_date(obj_writer *w, const char *key, const yp_date *d)
{
	if (d->precision == DATE_NONE)
		return;
	char buf[DATE_TEXT_MAX];
	date_format(d, buf);
	put_string(w, key, buf);
}

static void put_strings(obj_writer *w, const char *key, char *const *v,
			size_t n)
{
	if (!n)
		return;
	array_begin(w, key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_puts(w->sb, ", ");
		json_write_string(w->sb, v[i]);
	}
	strbuf_putc(w->sb, ']');
}

/* Arrays of small objects: one per line when pretty. */
static void array_item(obj_writer *w, size_t i)
{
	if (i)
		strbuf_putc(w->sb, ',');
	if (w->style == ENCODE_PRETTY)
		newline_indent(w->sb, w->indent + 2);
	else if (i)
		strbuf_putc(w->sb, ' ');
}

static void array_end(obj_writer *w)
{
	if (w->style == ENCODE_PRETTY)
		newline_indent(w->sb, w->indent + 1);
	strbuf_putc(w->sb, ']');
}

/* Item i of an array of small objects: the object, begun, for the
 * caller's members and obj_end. */
static obj_writer array_object(obj_writer *w, size_t i)
{
	array_item(w, i);
	obj_writer item;
	obj_begin(&item, w->sb, ENCODE_COMPACT, 0);
	return item;
}

static void put_links(obj_writer *w, const char *key, const yp_link *links,
		      size_t n)
{
	if (!n)
		return;
	array_begin(w, key);
	for (size_t i = 0; i < n; i++) {
		obj_writer link = array_object(w, i);
		put_string(&link, "id", links[i].id);
		put_string(&link, "role", links[i].role);
		put_text(&link, "title", &links[i].title);
		obj_end(&link);
	}
	array_end(w);
}

static void put_figures(obj_writer *w, const yp_figure *f, size_t n)
{
	if (!n)
		return;
	array_begin(w, "figures");
	for (size_t i = 0; i < n; i++) {
		obj_writer fig = array_object(w, i);
		put_text(&fig, "label", &f[i].label);
		/* one form or the other, as it came in */
		assert(!f[i].value != !f[i].by_lang.ko);
		put_string(&fig, "value", f[i].value);
		put_text(&fig, "value", &f[i].by_lang);
		obj_end(&fig);
	}
	array_end(w);
}

static void put_event_links(obj_writer *w, const yp_event_link *l, size_t n)
{
	if (!n)
		return;
	array_begin(w, "links");
	for (size_t i = 0; i < n; i++) {
		obj_writer link = array_object(w, i);
		put_string(&link, "event", l[i].event);
		put_string(&link, "kind", l[i].kind);
		obj_end(&link);
	}
	array_end(w);
}

void encode_org(strbuf *sb, const yp_org *o, encode_style style, int indent)
{
	obj_writer w;
	obj_begin(&w, sb, style, indent);
	put_string(&w, "id", o->id);
	put_text(&w, "name", &o->name);
	put_string(&w, "short", o->short_name);
	put_string(&w, "kind", o->kind);
	put_string(&w, "country", o->country);
	put_string(&w, "parent", o->parent);
	put_strings(&w, "aliases", o->aliases, o->n_aliases);
	obj_end(&w);
}

void encode_person(strbuf *sb, const yp_person *p, encode_style style,
		   int indent)
{
	obj_writer w;
	obj_begin(&w, sb, style, indent);
	put_string(&w, "id", p->id);
	put_text(&w, "name", &p->name);
	put_string(&w, "organization", p->org);
	put_text(&w, "title", &p->title);
	put_strings(&w, "aliases", p->aliases, p->n_aliases);
	obj_end(&w);
}

void encode_source(strbuf *sb, const yp_source *src, encode_style style,
		   int indent)
{
	obj_writer w;
	obj_begin(&w, sb, style, indent);
	put_string(&w, "id", src->id);
	put_string(&w, "title", src->title);
	put_string(&w, "publisher", src->publisher);
	put_date(&w, "date", &src->date);
	put_string(&w, "url", src->url);
	put_string(&w, "language", src->language);
	put_string(&w, "kind", src->kind);
	obj_end(&w);
}

static void event_members(obj_writer *w, const yp_event *e)
{
	put_string(w, "id", e->id);
	put_date(w, "date", &e->date);
	put_date(w, "end_date", &e->end_date);
	put_string(w, "status", e->status);
	put_string(w, "kind", e->kind);
	put_text(w, "title", &e->title);
	put_text(w, "summary", &e->summary);
	put_text(w, "notes", &e->notes);
	put_links(w, "organizations", e->orgs, e->n_orgs);
	put_links(w, "people", e->people, e->n_people);
	put_strings(w, "sources", e->sources, e->n_sources);
	put_strings(w, "tags", e->tags, e->n_tags);
	put_figures(w, e->figures, e->n_figures);
	put_event_links(w, e->links, e->n_links);
}

void encode_event(strbuf *sb, const yp_event *e, encode_style style,
		  int indent)
{
	obj_writer w;
	obj_begin(&w, sb, style, indent);
	event_members(&w, e);
	obj_end(&w);
}

void encode_found_event(strbuf *sb, const yp_event *e, bool in_note,
			encode_style style, int indent)
{
	obj_writer w;
	obj_begin(&w, sb, style, indent);
	event_members(&w, e);
	obj_key(&w, "in_note");
	strbuf_puts(sb, in_note ? "true" : "false");
	obj_end(&w);
}

void encode_doc_begin(encode_doc *doc, strbuf *sb)
{
	doc->sb = sb;
	doc->in_section = false;
	doc->first_item = true;
	strbuf_puts(sb, "{\n  \"format\": \"yeonpyo/1\"");
}

static void close_section(encode_doc *doc)
{
	if (!doc->in_section)
		return;
	strbuf_puts(doc->sb, doc->first_item ? "]" : "\n  ]");
	doc->in_section = false;
}

void encode_doc_section(encode_doc *doc, const char *name)
{
	close_section(doc);
	strbuf_puts(doc->sb, ",\n  ");
	json_write_string(doc->sb, name);
	strbuf_puts(doc->sb, ": [");
	doc->in_section = true;
	doc->first_item = true;
}

void encode_doc_item(encode_doc *doc)
{
	strbuf_puts(doc->sb, doc->first_item ? "\n    " : ",\n    ");
	doc->first_item = false;
}

void encode_doc_member(encode_doc *doc, const char *name)
{
	close_section(doc);
	strbuf_puts(doc->sb, ",\n  ");
	json_write_string(doc->sb, name);
	strbuf_puts(doc->sb, ": ");
}

void encode_doc_end(encode_doc *doc)
{
	close_section(doc);
	strbuf_puts(doc->sb, "\n}\n");
}
