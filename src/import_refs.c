/* import_refs.c: whether the references of a record (an organization's
 * parent, a person's organization, an event's organizations, people and
 * sources) resolve, to a record of the same document or to one already in
 * the database; each that does not is reported at its own path. */
#include "import_priv.h"

#include <stdio.h>

static const char *const kind_words[] = {
	[RECORD_ORG] = "organization", [RECORD_PERSON] = "person",
	[RECORD_SOURCE] = "source", [RECORD_EVENT] = "event",
};

static const idset *local_set(const import_ids *ids, record_kind kind)
{
	return ids ? &ids->sets[kind] : NULL;
}

static bool ref_known(store *s, const idset *local, record_kind kind,
		      const char *id)
{
	return !id || (local && idset_has(local, id)) || store_has(s, kind, id);
}

static bool report_unknown(decode_ctx *c, const char *path, record_kind kind,
			   const char *id)
{
	decode_report(c, path, "unknown %s \"%s\"", kind_words[kind], id);
	return false;
}

static bool check_ref(decode_ctx *c, store *s, const import_ids *ids,
		      record_kind kind, const char *id, const char *path)
{
	return ref_known(s, local_set(ids, kind), kind, id) ||
	       report_unknown(c, path, kind, id);
}

typedef struct {
	decode_ctx *c;
	store *s;
	const import_ids *ids;
	const char *path;  /* the event's */
} event_refs;

/* The path of a reference is only made for one that is missing. */
static bool check_event_ref(const event_refs *r, record_kind kind,
			    const char *id, const char *field, size_t i,
			    const char *member)
{
	if (ref_known(r->s, local_set(r->ids, kind), kind, id))
		return true;
	char p[512];
	snprintf(p, sizeof(p), "%s.%s[%zu]%s", r->path, field, i, member);
	return report_unknown(r->c, p, kind, id);
}

bool import_refs_check_event(decode_ctx *c, store *s, const import_ids *ids,
			     const yp_event *e, const char *path)
{
	event_refs r = {c, s, ids, path};
	bool ok = true;
	for (size_t i = 0; i < e->n_orgs; i++)
		ok = check_event_ref(&r, RECORD_ORG, e->orgs[i].id,
				     "organizations", i, ".id") && ok;
	for (size_t i = 0; i < e->n_people; i++)
		ok = check_event_ref(&r, RECORD_PERSON, e->people[i].id,
				     "people", i, ".id") && ok;
	for (size_t i = 0; i < e->n_sources; i++)
		ok = check_event_ref(&r, RECORD_SOURCE, e->sources[i],
				     "sources", i, "") && ok;
	return ok;
}

bool import_refs_check_person(decode_ctx *c, store *s, const import_ids *ids,
			      const yp_person *p, const char *path)
{
	char where[512];
	snprintf(where, sizeof(where), "%s.organization", path);
	return check_ref(c, s, ids, RECORD_ORG, p->org, where);
}

bool import_refs_check_org(decode_ctx *c, store *s, const import_ids *ids,
			   const yp_org *o, const char *path)
{
	char where[512];
	snprintf(where, sizeof(where), "%s.parent", path);
	return check_ref(c, s, ids, RECORD_ORG, o->parent, where);
}
