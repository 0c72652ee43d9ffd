/* import_refs.c: whether the references of a record (an organization's
 * parent, a person's organization, an event's organizations, people,
 * sources and links to other events) resolve, to a record of the same document or to one already in
 * the database; each that does not is reported at its own path and, in a
 * document, its own line and column, kept from when the record was read. */
#include "import_priv.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const kind_words[] = {
	[RECORD_ORG] = "organization", [RECORD_PERSON] = "person",
	[RECORD_SOURCE] = "source", [RECORD_EVENT] = "event",
};

static bool ref_known(store *s, bool in_doc, record_kind kind,
		      const char *id)
{
	return !id || store_has(s, kind, id) ||
	       (in_doc && store_ids_has(s, kind, id));
}

static bool report_unknown(decode_ctx *c, const decode_pos *at,
			   const char *path, record_kind kind, const char *id)
{
	decode_report_at(c, at, path, "unknown %s \"%s\"", kind_words[kind],
			 id);
	return false;
}

/* The reference of a record at path in its member named member; the path
 * of the reference is only made for one that is missing. */
static bool check_ref(decode_ctx *c, store *s, bool in_doc,
		      record_kind kind, const char *id, const char *path,
		      const char *member, const decode_pos *at)
{
	if (ref_known(s, in_doc, kind, id))
		return true;
	char where[512];
	snprintf(where, sizeof(where), "%s.%s", path, member);
	return report_unknown(c, at, where, kind, id);
}

typedef struct {
	decode_ctx *c;
	store *s;
	bool in_doc;
	const char *path;      /* the event's */
	const decode_pos *at;  /* where its references are, or NULL */
} event_refs;

/* The path of a reference is only made for one that is missing; k counts
 * the event's references in the order import_refs_locate keeps them. */
static bool check_event_ref(const event_refs *r, record_kind kind,
			    const char *id, const char *field, size_t i,
			    const char *member, size_t k)
{
	if (ref_known(r->s, r->in_doc, kind, id))
		return true;
	char p[512];
	snprintf(p, sizeof(p), "%s.%s[%zu]%s", r->path, field, i, member);
	return report_unknown(r->c, r->at ? &r->at[k] : NULL, p, kind, id);
}

bool import_refs_check_event(decode_ctx *c, store *s, bool in_doc,
			     const yp_event *e, const char *path,
			     const decode_pos *at)
{
	event_refs r = {c, s, in_doc, path, at};
	bool ok = true;
	size_t k = 0;
	for (size_t i = 0; i < e->n_orgs; i++)
		ok = check_event_ref(&r, RECORD_ORG, e->orgs[i].id,
				     "organizations", i, ".id", k++) && ok;
	for (size_t i = 0; i < e->n_people; i++)
		ok = check_event_ref(&r, RECORD_PERSON, e->people[i].id,
				     "people", i, ".id", k++) && ok;
	for (size_t i = 0; i < e->n_sources; i++)
		ok = check_event_ref(&r, RECORD_SOURCE, e->sources[i],
				     "sources", i, "", k++) && ok;
	for (size_t i = 0; in_doc && i < e->n_links; i++)
		ok = check_event_ref(&r, RECORD_EVENT, e->links[i].event,
				     "links", i, ".event", k++) && ok;
	return ok;
}

bool import_refs_check_person(decode_ctx *c, store *s, bool in_doc,
			      const yp_person *p, const char *path,
			      const decode_pos *at)
{
	return check_ref(c, s, in_doc, RECORD_ORG, p->org, path, "organization",
			 at);
}

bool import_refs_check_org(decode_ctx *c, store *s, bool in_doc,
			   const yp_org *o, const char *path,
			   const decode_pos *at)
{
	return check_ref(c, s, in_doc, RECORD_ORG, o->parent, path, "parent", at);
}

/* The elements of rec's array member name, or of the member of each
 * element named member (NULL: the element itself), from *k on. */
static void locate_each(const json_value *rec, const char *name,
			const char *member, decode_pos *at, size_t *k)
{
	const json_value *arr = json_get(rec, name);
	for (size_t i = 0; arr && i < arr->u.array.len; i++) {
		const json_value *v = arr->u.array.items[i];
		at[(*k)++] = decode_pos_of(member ? json_get(v, member) : v);
	}
}

static size_t array_len(const json_value *rec, const char *name)
{
	const json_value *arr = json_get(rec, name);
	return arr ? arr->u.array.len : 0;
}

bool import_refs_locate(record_kind kind, const json_value *rec,
			decode_pos **out)
{
	*out = NULL;
	const json_value *one = kind == RECORD_ORG ? json_get(rec, "parent")
		: kind == RECORD_PERSON ? json_get(rec, "organization") : NULL;
	size_t n = one ? 1 : 0;
	if (kind == RECORD_EVENT)
		n = array_len(rec, "organizations") + array_len(rec, "people") +
		    array_len(rec, "sources") + array_len(rec, "links");
	if (n == 0)
		return true;
	decode_pos *at = calloc(n, sizeof(*at));
	if (!at)
		return false;
	size_t k = 0;
	if (one) {
		at[0] = decode_pos_of(one);
	} else {
		locate_each(rec, "organizations", "id", at, &k);
		locate_each(rec, "people", "id", at, &k);
		locate_each(rec, "sources", NULL, at, &k);
		locate_each(rec, "links", "event", at, &k);
	}
	*out = at;
	return true;
}
