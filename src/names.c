/* names.c: tables of the names reports print for linked records, indexed
 * by id. */
#include "yeonpyo/names.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static bool add(name_table *t, const char *id, const char *name,
		const char *url)
{
	if (t->len == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		name_entry *items = realloc(t->items, cap * sizeof(*items));
		if (!items) {
			t->oom = true;
			return false;
		}
		t->items = items;
		t->cap = cap;
	}
	name_entry *e = &t->items[t->len];
	e->id = strdup(id);
	e->name = strdup(name ? name : id);
	e->url = dup_or_null(url);
	if (!e->id || !e->name || (url && !e->url)) {
		free(e->id);
		free(e->name);
		free(e->url);
		t->oom = true;
		return false;
	}
	t->len++;
	return true;
}

static bool add_org(const yp_org *o, void *ctx)
{
	name_table *t = ctx;
	const char *name = o->short_name ? o->short_name
					 : model_text_pick(&o->name, t->lang);
	return add(t, o->id, name, NULL);
}

static bool add_source(const yp_source *src, void *ctx)
{
	return add(ctx, src->id, src->title, src->url);
}

/* Indexes after loading: the array moves while it grows. */
static yp_status index_all(name_table *t, yp_status rc, yp_error *err)
{
	if (rc == YP_OK && t->oom)
		rc = yp_fail(err, YP_SOFTWARE, "out of memory");
	for (size_t i = 0; rc == YP_OK && i < t->len; i++)
		if (!idset_add(&t->index, t->items[i].id, i, NULL))
			rc = yp_fail(err, YP_SOFTWARE, "out of memory");
	return rc;
}

yp_status names_load_orgs(store *s, name_table *t, yp_lang lang,
			  yp_error *err)
{
	memset(t, 0, sizeof(*t));
	t->lang = lang;
	return index_all(t, store_each_org(s, add_org, t, err), err);
}

yp_status names_load_sources(store *s, name_table *t, yp_error *err)
{
	memset(t, 0, sizeof(*t));
	return index_all(t, store_each_source(s, add_source, t, err), err);
}

void names_free(name_table *t)
{
	for (size_t i = 0; i < t->len; i++) {
		free(t->items[i].id);
		free(t->items[i].name);
		free(t->items[i].url);
	}
	free(t->items);
	idset_free(&t->index);
	memset(t, 0, sizeof(*t));
}

const name_entry *names_find(const name_table *t, const char *id)
{
	size_t i;
	return idset_find(&t->index, id, &i) ? &t->items[i] : NULL;
}

const char *names_name(const name_table *t, const char *id)
{
	const name_entry *e = names_find(t, id);
	return e ? e->name : id;
}
