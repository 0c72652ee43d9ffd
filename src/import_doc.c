/* import_doc.c: a yeonpyo/1 JSON document, read as a whole but taken a
 * record at a time (json_parse_stream), so that a large one costs memory for
 * the records it holds only (its ids are noted in the store). Records are written as they come once the document has said
 * what it is and what they refer to is known; the rest wait for the end. */
#include "import_priv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "yeonpyo/json.h"

#define FORMAT_NAME "yeonpyo/1"

/* Where a held record was in the document, for messages about it once its
 * JSON is gone: its index in its section and where its references are. */
typedef struct {
	size_t index;
	decode_pos *refs;  /* from import_refs_locate */
} held_place;

/* Records of a document decoded but not written yet: the organizations,
 * people and sources until the first event (there are few of them), and
 * anything whose references are not all known yet, or that came before the
 * "format" member said what the document is. */
typedef struct {
	yp_org *orgs;
	size_t n_orgs, cap_orgs;
	yp_person *people;
	size_t n_people, cap_people;
	yp_source *sources;
	size_t n_sources, cap_sources;
	yp_event *events;
	size_t n_events, cap_events;
	held_place *at[4];  /* by kind, in the order of the records above */
	size_t at_cap[4];
} doc_records;

static void places_free(doc_records *r, record_kind kind, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r->at[kind][i].refs);
		r->at[kind][i].refs = NULL;
	}
}

/* Lets the held organizations, people and sources go (not their ids). */
static void clear_held_others(doc_records *r)
{
	for (size_t i = 0; i < r->n_orgs; i++)
		model_org_clear(&r->orgs[i]);
	for (size_t i = 0; i < r->n_people; i++)
		model_person_clear(&r->people[i]);
	for (size_t i = 0; i < r->n_sources; i++)
		model_source_clear(&r->sources[i]);
	places_free(r, RECORD_ORG, r->n_orgs);
	places_free(r, RECORD_PERSON, r->n_people);
	places_free(r, RECORD_SOURCE, r->n_sources);
	r->n_orgs = r->n_people = r->n_sources = 0;
}

static void doc_records_free(doc_records *r)
{
	clear_held_others(r);
	for (size_t i = 0; i < r->n_events; i++)
		model_event_clear(&r->events[i]);
	places_free(r, RECORD_EVENT, r->n_events);
	free(r->orgs);
	free(r->people);
	free(r->sources);
	free(r->events);
	for (size_t i = 0; i < 4; i++)
		free(r->at[i]);
}

/* items with room for one more than n (of *cap), or NULL when memory runs
 * out (items is then still valid). */
static void *grow(void *items, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *grown = realloc(items, ncap * size);
	if (grown)
		*cap = ncap;
	return grown;
}

/* Notes that the n-th held record of a kind is element index of its
 * section, for messages; false when memory runs out. */
static bool held_at(doc_records *r, record_kind kind, size_t n, size_t index)
{
	held_place *at = grow(r->at[kind], n, &r->at_cap[kind], sizeof(*at));
	if (!at)
		return false;
	r->at[kind] = at;
	at[n].index = index;
	at[n].refs = NULL;
	return true;
}

/* Keeps where the references of item, the n-th held record of a kind, are,
 * for the check at the end; false when memory runs out. */
static bool held_refs_locate(doc_records *r, record_kind kind, size_t n,
			     const json_value *item)
{
	return import_refs_locate(kind, item, &r->at[kind][n].refs);
}

typedef struct {
	import_writer *w;
	decode_ctx *c;
	doc_records held;
	bool streaming;   /* records may be written as they come */
	bool flushed;     /* the first event came; earlier records written */
	yp_status rc;     /* a store error, which stops the parse */
	size_t total;     /* bytes of the document, for progress */
	const char *map;  /* the document when it is a file mapping, or NULL */
	size_t released;  /* bytes of map given back so far */
} doc_reader;

/* Pages of a mapped document more than a little behind the parser are
 * given back: they are clean, so this only drops them from memory (an error
 * message that looks back at them reads them in again). */
#define RELEASE_STEP ((size_t)1 << 20)

static void release_pages(doc_reader *dr, size_t offset)
{
	if (!dr->map || offset < dr->released + 2 * RELEASE_STEP)
		return;
	size_t upto = offset - RELEASE_STEP;
	upto -= upto % RELEASE_STEP;  /* a multiple of any page size */
	madvise((void *)(uintptr_t)(dr->map + dr->released),
		upto - dr->released, MADV_DONTNEED);
	dr->released = upto;
}

static bool can_write(const doc_reader *dr)
{
	return dr->streaming && dr->c->d->count == 0;
}

/* Whether a check passes, without reporting what it finds. */
typedef bool (*quiet_check_fn)(decode_ctx *c, doc_reader *dr, const void *rec,
			       const char *path);

static bool quietly(doc_reader *dr, quiet_check_fn check, const void *rec)
{
	diag scratch = DIAG_INIT;
	decode_ctx quiet = *dr->c;
	quiet.d = &scratch;
	bool ok = check(&quiet, dr, rec, "$");
	diag_free(&scratch);
	return ok;
}

static bool event_refs_known(decode_ctx *c, doc_reader *dr, const void *rec,
			     const char *path)
{
	return import_refs_check_event(c, dr->w->s, true, rec, path, NULL);
}

static bool held_refs_check(decode_ctx *c, const doc_records *r, store *s)
{
	bool ok = true;
	char path[96];
	for (size_t i = 0; i < r->n_orgs; i++) {
		const held_place *at = &r->at[RECORD_ORG][i];
		snprintf(path, sizeof(path), "$.organizations[%zu]", at->index);
		ok = import_refs_check_org(c, s, true, &r->orgs[i], path,
					   at->refs) && ok;
	}
	for (size_t i = 0; i < r->n_people; i++) {
		const held_place *at = &r->at[RECORD_PERSON][i];
		snprintf(path, sizeof(path), "$.people[%zu]", at->index);
		ok = import_refs_check_person(c, s, true, &r->people[i],
					      path, at->refs) && ok;
	}
	return ok;
}

static bool held_refs_known(decode_ctx *c, doc_reader *dr, const void *rec,
			    const char *path)
{
	(void)rec;
	(void)path;
	return held_refs_check(c, &dr->held, dr->w->s);
}

/* Writes the held organizations, people and sources and forgets them;
 * their ids stay known. */
static yp_status write_held(import_writer *w, doc_records *r, bool with_events)
{
	yp_status rc = YP_OK;
	for (size_t i = 0; rc == YP_OK && i < r->n_orgs; i++)
		rc = import_write_org(w, &r->orgs[i]);
	for (size_t i = 0; rc == YP_OK && i < r->n_orgs; i++)
		rc = import_write_org_parent(w, &r->orgs[i]);
	for (size_t i = 0; rc == YP_OK && i < r->n_people; i++)
		rc = import_write_person(w, &r->people[i]);
	for (size_t i = 0; rc == YP_OK && i < r->n_sources; i++)
		rc = import_write_source(w, &r->sources[i]);
	for (size_t i = 0; with_events && rc == YP_OK && i < r->n_events; i++)
		rc = import_write_event(w, &r->events[i]);
	clear_held_others(r);
	return rc;
}

static bool check_header(decode_ctx *c, const json_value *root,
			 import_stats *stats)
{
	static const char *const names[] = {"format", "dataset", "organizations",
					    "people", "sources", "events", NULL};
	if (!decode_check_fields(c, root, "$", names, 1))
		return false;
	const json_value *fmt = json_get(root, "format");
	if (fmt->type != JSON_STRING || strcmp(fmt->u.string, FORMAT_NAME) != 0) {
		decode_report(c, fmt, "$.format", "unsupported format (expected "
			      "\"%s\")", FORMAT_NAME);
		return false;
	}
	const json_value *ds = json_get(root, "dataset");
	if (!ds)
		return true;
	stats->has_dataset = decode_dataset(c, ds, "$.dataset", &stats->dataset);
	return stats->has_dataset;
}

/* At the first event: whether the members read so far say this is our
 * format, and the records held so far can be written now. */
static void first_event(doc_reader *dr, const json_value *root)
{
	dr->flushed = true;
	const json_value *fmt = json_get(root, "format");
	dr->streaming = fmt && fmt->type == JSON_STRING &&
			strcmp(fmt->u.string, FORMAT_NAME) == 0 &&
			quietly(dr, held_refs_known, NULL);
	if (can_write(dr))
		dr->rc = write_held(dr->w, &dr->held, false);
}

static void take_event(doc_reader *dr, const json_value *root,
		       const json_value *item, size_t index, const char *path)
{
	yp_event e;
	if (!decode_event(dr->c, item, path, &e))
		return;
	if (!dr->flushed)
		first_event(dr, root);
	if (dr->rc == YP_OK && can_write(dr) &&
	    quietly(dr, event_refs_known, &e)) {
		dr->rc = import_write_event(dr->w, &e);
		model_event_clear(&e);
		return;
	}
	doc_records *r = &dr->held;
	yp_event *events = grow(r->events, r->n_events, &r->cap_events,
				sizeof(*events));
	if (events)
		r->events = events;
	if (!events || !held_at(r, RECORD_EVENT, r->n_events, index) ||
	    !held_refs_locate(r, RECORD_EVENT, r->n_events, item)) {
		decode_report(dr->c, item, path, "out of memory");
		model_event_clear(&e);
		return;
	}
	yp_event *slot = &events[r->n_events];
	*slot = e;
	r->n_events++;
}

/* Decodes a record of another kind into the held records; its id or NULL. */
static const char *take_other(doc_reader *dr, record_kind kind,
			      const json_value *item, size_t index,
			      const char *path)
{
	doc_records *r = &dr->held;
	const char *id = NULL;
	void *slot = NULL;
	size_t n = kind == RECORD_ORG ? r->n_orgs
		 : kind == RECORD_PERSON ? r->n_people : r->n_sources;
	if (kind == RECORD_ORG) {
		yp_org *orgs = grow(r->orgs, n, &r->cap_orgs,
				    sizeof(*orgs));
		slot = orgs ? (r->orgs = orgs) + n : NULL;
	} else if (kind == RECORD_PERSON) {
		yp_person *people = grow(r->people, n,
					 &r->cap_people, sizeof(*people));
		slot = people ? (r->people = people) + n : NULL;
	} else {
		yp_source *sources = grow(r->sources, n,
					  &r->cap_sources, sizeof(*sources));
		slot = sources ? (r->sources = sources) + n : NULL;
	}
	if (!slot || !held_at(r, kind, n, index)) {
		decode_report(dr->c, item, path, "out of memory");
		return NULL;
	}
	bool ok = kind == RECORD_ORG ? decode_org(dr->c, item, path, slot)
		: kind == RECORD_PERSON ? decode_person(dr->c, item, path, slot)
		: decode_source(dr->c, item, path, slot);
	if (!ok)
		return NULL;
	/* counted even without its places: it holds memory to free */
	if (kind == RECORD_ORG)
		id = r->orgs[r->n_orgs++].id;
	else if (kind == RECORD_PERSON)
		id = r->people[r->n_people++].id;
	else
		id = r->sources[r->n_sources++].id;
	if (!held_refs_locate(r, kind, n, item))
		decode_report(dr->c, item, path, "out of memory");
	return id;
}

static const char *const section_names[] = {
	[RECORD_ORG] = "organizations", [RECORD_PERSON] = "people",
	[RECORD_SOURCE] = "sources", [RECORD_EVENT] = "events",
};

static int section_kind(const char *key)
{
	for (int k = 0; k < 4; k++)
		if (strcmp(key, section_names[k]) == 0)
			return k;
	return -1;
}

/* Notes the id of item, element index of a section, reporting a
 * duplicate; a store error stops the parse. */
static void note_id(doc_reader *dr, record_kind kind, const char *id,
		    const json_value *item, size_t index, const char *path)
{
	bool added = false;
	size_t prev = 0;
	yp_status rc = store_ids_add(dr->w->s, kind, id, index, &added, &prev,
				     dr->w->err);
	if (rc != YP_OK && dr->rc == YP_OK)
		dr->rc = rc;
	else if (rc == YP_OK && !added)
		decode_report(dr->c, item, path, "duplicate id \"%s\" (also at "
			      "$.%s[%zu])", id, section_names[kind], prev);
}

/* json_stream's callback: one element of a root array member. */
static bool doc_element(void *ctx, const json_value *root, const char *key,
			size_t index, json_value *item, size_t offset)
{
	doc_reader *dr = ctx;
	int kind = section_kind(key);
	if (kind >= 0) {
		char path[96];
		snprintf(path, sizeof(path), "$.%s[%zu]", key, index);
		const char *id = NULL;
		if (kind != RECORD_EVENT) {
			id = take_other(dr, (record_kind)kind, item, index, path);
		} else {
			/* the id first: a written event is gone */
			const json_value *v = json_get(item, "id");
			if (v && v->type == JSON_STRING) {
				id = v->u.string;
				note_id(dr, RECORD_EVENT, id, item, index, path);
			}
			take_event(dr, root, item, index, path);
			id = NULL;
		}
		if (id)
			note_id(dr, (record_kind)kind, id, item, index, path);
		if (index % IMPORT_PROGRESS_EVERY == 0) {
			import_write_progress(dr->w, offset, dr->total);
			release_pages(dr, offset);
		}
	}
	json_free(item);
	return dr->rc == YP_OK;
}

/* A section member that is there but not an array. */
static bool check_sections(decode_ctx *c, const json_value *root)
{
	bool ok = true;
	for (int k = 0; k < 4; k++) {
		const json_value *arr = json_get(root, section_names[k]);
		if (arr && arr->type != JSON_ARRAY) {
			char path[64];
			snprintf(path, sizeof(path), "$.%s", section_names[k]);
			decode_report(c, arr, path, "expected an array, got %s",
				      json_type_name(arr->type));
			ok = false;
		}
	}
	return ok;
}

/* After the whole document: the header, then what was held. */
static yp_status finish_doc(doc_reader *dr, const json_value *root)
{
	decode_ctx *c = dr->c;
	bool ok = check_header(c, root, dr->w->stats);
	ok = check_sections(c, root) && ok;
	doc_records *r = &dr->held;
	ok = held_refs_check(c, r, dr->w->s) && ok;
	char path[96];
	for (size_t i = 0; i < r->n_events; i++) {
		const held_place *at = &r->at[RECORD_EVENT][i];
		snprintf(path, sizeof(path), "$.events[%zu]", at->index);
		ok = import_refs_check_event(c, dr->w->s, true, &r->events[i],
					     path, at->refs) && ok;
	}
	if (!ok || c->d->count)
		return YP_DATAERR;
	return write_held(dr->w, r, true);
}

/* The document once its ids can be noted. */
static yp_status doc_read(import_writer *w, decode_ctx *c, const char *buf,
			  size_t len, bool mapped)
{
	doc_reader dr;
	memset(&dr, 0, sizeof(dr));
	dr.w = w;
	dr.c = c;
	dr.total = len;
	dr.map = mapped ? buf : NULL;
	json_stream stream = {doc_element, &dr};
	json_value *root = NULL;
	json_error je;
	size_t used = 0;
	yp_status rc = YP_DATAERR;
	if (!json_parse_stream(buf, len, 1, &stream, &used, &root, &je)) {
		if (dr.rc == YP_OK)
			decode_report_syntax(c, &je, buf, 0);
		rc = dr.rc == YP_OK ? YP_DATAERR : dr.rc;
	} else if (root->type != JSON_OBJECT) {
		decode_report(c, root, "$", "expected a yeonpyo/1 document (an "
			      "object with \"format\") or NDJSON records, got %s",
			      json_type_name(root->type));
	} else if (used != len) {
		decode_report_after(c, buf, used, 1,
				    "unexpected data after the document");
	} else {
		rc = finish_doc(&dr, root);
	}
	json_free(root);
	doc_records_free(&dr.held);
	return rc;
}

yp_status import_doc_read(import_writer *w, decode_ctx *c, const char *buf,
			  size_t len, bool mapped)
{
	yp_status rc = store_ids_begin(w->s, w->err);
	if (rc != YP_OK)
		return rc;
	rc = doc_read(w, c, buf, len, mapped);
	/* after a store error the caller rolls the ids back with the rest */
	if (rc == YP_OK || rc == YP_DATAERR) {
		yp_status ended = store_ids_end(w->s, w->err);
		if (ended != YP_OK)
			rc = ended;
	}
	return rc;
}
