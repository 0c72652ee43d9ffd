/* model.c: freeing and reading the plain record structs of model.h. */
#include "yeonpyo/model.h"

#include <stdlib.h>
#include <string.h>

void model_text_clear(yp_text *t)
{
	free(t->ko);
	free(t->en);
	t->ko = t->en = NULL;
}

static void strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void model_org_clear(yp_org *o)
{
	free(o->id);
	model_text_clear(&o->name);
	free(o->short_name);
	free(o->kind);
	free(o->country);
	free(o->parent);
	strings_free(o->aliases, o->n_aliases);
	memset(o, 0, sizeof(*o));
}

void model_person_clear(yp_person *p)
{
	free(p->id);
	model_text_clear(&p->name);
	free(p->org);
	model_text_clear(&p->title);
	strings_free(p->aliases, p->n_aliases);
	memset(p, 0, sizeof(*p));
}

void model_source_clear(yp_source *s)
{
	free(s->id);
	free(s->title);
	free(s->publisher);
	free(s->url);
	free(s->language);
	free(s->kind);
	memset(s, 0, sizeof(*s));
}

static void links_free(yp_link *links, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(links[i].id);
		free(links[i].role);
		model_text_clear(&links[i].title);
	}
	free(links);
}

void model_event_clear(yp_event *e)
{
	free(e->id);
	free(e->status);
	free(e->kind);
	model_text_clear(&e->title);
	model_text_clear(&e->summary);
	model_text_clear(&e->notes);
	links_free(e->orgs, e->n_orgs);
	links_free(e->people, e->n_people);
	strings_free(e->sources, e->n_sources);
	strings_free(e->tags, e->n_tags);
	for (size_t i = 0; i < e->n_figures; i++) {
		model_text_clear(&e->figures[i].label);
		free(e->figures[i].value);
		model_text_clear(&e->figures[i].by_lang);
	}
	free(e->figures);
	for (size_t i = 0; i < e->n_links; i++) {
		free(e->links[i].event);
		free(e->links[i].kind);
	}
	free(e->links);
	memset(e, 0, sizeof(*e));
}

const char *model_text_pick(const yp_text *t, yp_lang lang)
{
	const char *first = lang == LANG_KO ? t->ko : t->en;
	const char *second = lang == LANG_KO ? t->en : t->ko;
	if (first && *first)
		return first;
	if (second && *second)
		return second;
	return "";
}

const char *model_figure_value(const yp_figure *f, yp_lang lang)
{
	return f->value ? f->value : model_text_pick(&f->by_lang, lang);
}

void model_org_label(strbuf *sb, const char *short_name, const char *name)
{
	if (short_name && strcmp(short_name, name) != 0)
		strbuf_printf(sb, "%s \xc2\xb7 %s", short_name, name);
	else
		strbuf_puts(sb, name);
}
