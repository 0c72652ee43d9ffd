/* import.c: the importer. NDJSON is checked and written a line at a time,
 * a JSON document a record at a time (records whose references are not known
 * yet wait for the end); the caller rolls back on any problem. */
#include "yeonpyo/import.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "yeonpyo/idset.h"
#include "yeonpyo/json.h"

#define FORMAT_NAME "yeonpyo/1"

void import_stats_clear(import_stats *st)
{
	dataset_info_clear(&st->dataset);
	memset(st, 0, sizeof(*st));
}

static const char *display_name(const char *name)
{
	return strcmp(name, "-") == 0 ? "<stdin>" : name;
}

/* A syntax error or invalid UTF-8, with where it is three ways: line and
 * column, the JSON path, and the byte offset in the file (base is where
 * buf starts in it). */
static void report_json_error(diag *d, const char *name, const json_error *je,
			      const char *buf, size_t base)
{
	strbuf path = STRBUF_INIT;
	json_path_at(buf, je->offset, &path);
	diag_add(d, "%s:%u:%u: %s: invalid JSON: %s (byte %zu)",
		 display_name(name), je->line, je->col, strbuf_str(&path),
		 je->message, base + je->offset);
	strbuf_free(&path);
}

/* Line and column (1-based, bytes) of an offset, for messages about data
 * after a complete value. */
static void position_of(const char *buf, size_t off, unsigned base,
			unsigned *line, unsigned *col)
{
	unsigned l = base, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* --- references ------------------------------------------------------ */

static const char *const kind_words[] = {
	[RECORD_ORG] = "organization", [RECORD_PERSON] = "person",
	[RECORD_SOURCE] = "source", [RECORD_EVENT] = "event",
};

/* A reference resolves to a record of the same document (local) or one
 * already in the database. */
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

static bool check_ref(decode_ctx *c, store *s, const idset *local,
		      record_kind kind, const char *id, const char *path)
{
	return ref_known(s, local, kind, id) ||
	       report_unknown(c, path, kind, id);
}

typedef struct {
	idset sets[4];  /* indexed by record_kind; empty for NDJSON */
} local_ids;

static const idset *local_set(const local_ids *ids, record_kind kind)
{
	return ids ? &ids->sets[kind] : NULL;
}

typedef struct {
	decode_ctx *c;
	store *s;
	const local_ids *ids;
	const char *path;  /* the event's */
} event_refs;

/* The path of a reference is only made for one that is missing. */
static bool check_event_ref(const event_refs *r, record_kind kind,
			    const char *id, const char *field, size_t i,
			    const char *member)
{
	const idset *local = local_set(r->ids, kind);
	if (ref_known(r->s, local, kind, id))
		return true;
	char p[512];
	snprintf(p, sizeof(p), "%s.%s[%zu]%s", r->path, field, i, member);
	return report_unknown(r->c, p, kind, id);
}

static bool check_event_refs(decode_ctx *c, store *s, const local_ids *ids,
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

static bool check_person_refs(decode_ctx *c, store *s, const local_ids *ids,
			      const yp_person *p, const char *path)
{
	char where[512];
	snprintf(where, sizeof(where), "%s.organization", path);
	return check_ref(c, s, local_set(ids, RECORD_ORG), RECORD_ORG, p->org,
			 where);
}

static bool check_org_refs(decode_ctx *c, store *s, const local_ids *ids,
			   const yp_org *o, const char *path)
{
	char where[512];
	snprintf(where, sizeof(where), "%s.parent", path);
	return check_ref(c, s, local_set(ids, RECORD_ORG), RECORD_ORG,
			 o->parent, where);
}

/* --- writing ---------------------------------------------------------- */

typedef struct {
	store *s;
	store_origin origin;
	import_stats *stats;
	yp_error *err;
} writer;

/* Every this many records the progress line may be rewritten. */
#define PROGRESS_EVERY 256

static long records_done(const import_stats *st)
{
	return st->orgs + st->people + st->sources + st->events + st->kept;
}

static void report_progress(const writer *w, size_t done, size_t total)
{
	if (w->stats->meter)
		progress_update(w->stats->meter, "importing", done, total,
				records_done(w->stats), progress_now());
}

static void count(writer *w, bool written, long *counter)
{
	if (written)
		(*counter)++;
	else
		w->stats->kept++;
}

/* Parents are linked in a second step so a document may list a child
 * before its parent. */
static yp_status write_org(writer *w, const yp_org *o)
{
	yp_org flat = *o;
	flat.parent = NULL;
	bool written = false;
	yp_status rc = store_put_org(w->s, &flat, w->origin, &written, w->err);
	if (rc == YP_OK)
		count(w, written, &w->stats->orgs);
	return rc;
}

static yp_status write_org_parent(writer *w, const yp_org *o)
{
	return store_set_org_parent(w->s, o->id, o->parent, w->origin, w->err);
}

static yp_status write_person(writer *w, const yp_person *p)
{
	bool written = false;
	yp_status rc = store_put_person(w->s, p, w->origin, &written, w->err);
	if (rc == YP_OK)
		count(w, written, &w->stats->people);
	return rc;
}

static yp_status write_source(writer *w, const yp_source *src)
{
	bool written = false;
	yp_status rc = store_put_source(w->s, src, w->origin, &written, w->err);
	if (rc == YP_OK)
		count(w, written, &w->stats->sources);
	return rc;
}

static yp_status write_event(writer *w, const yp_event *e)
{
	bool written = false;
	yp_status rc = store_put_event(w->s, e, w->origin, &written, w->err);
	if (rc == YP_OK)
		count(w, written, &w->stats->events);
	return rc;
}

/* --- JSON document ---------------------------------------------------- */

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
	size_t *at[4];   /* each held record's index in its section */
	size_t at_cap[4];
	local_ids ids;   /* every id of the document so far */
} doc_records;

/* Lets the held organizations, people and sources go (not their ids). */
static void clear_held_others(doc_records *r)
{
	for (size_t i = 0; i < r->n_orgs; i++)
		model_org_clear(&r->orgs[i]);
	for (size_t i = 0; i < r->n_people; i++)
		model_person_clear(&r->people[i]);
	for (size_t i = 0; i < r->n_sources; i++)
		model_source_clear(&r->sources[i]);
	r->n_orgs = r->n_people = r->n_sources = 0;
}

static void doc_records_free(doc_records *r)
{
	clear_held_others(r);
	for (size_t i = 0; i < r->n_events; i++)
		model_event_clear(&r->events[i]);
	free(r->orgs);
	free(r->people);
	free(r->sources);
	free(r->events);
	for (size_t i = 0; i < 4; i++) {
		idset_free(&r->ids.sets[i]);
		free(r->at[i]);
	}
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
	size_t *at = grow(r->at[kind], n, &r->at_cap[kind], sizeof(*at));
	if (!at)
		return false;
	r->at[kind] = at;
	at[n] = index;
	return true;
}

typedef struct {
	writer *w;
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
	return check_event_refs(c, dr->w->s, &dr->held.ids, rec, path);
}

static bool held_refs_check(decode_ctx *c, const doc_records *r, store *s)
{
	bool ok = true;
	char path[96];
	for (size_t i = 0; i < r->n_orgs; i++) {
		snprintf(path, sizeof(path), "$.organizations[%zu]",
			 r->at[RECORD_ORG][i]);
		ok = check_org_refs(c, s, &r->ids, &r->orgs[i], path) && ok;
	}
	for (size_t i = 0; i < r->n_people; i++) {
		snprintf(path, sizeof(path), "$.people[%zu]",
			 r->at[RECORD_PERSON][i]);
		ok = check_person_refs(c, s, &r->ids, &r->people[i], path) && ok;
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
static yp_status write_held(writer *w, doc_records *r, bool with_events)
{
	yp_status rc = YP_OK;
	for (size_t i = 0; rc == YP_OK && i < r->n_orgs; i++)
		rc = write_org(w, &r->orgs[i]);
	for (size_t i = 0; rc == YP_OK && i < r->n_orgs; i++)
		rc = write_org_parent(w, &r->orgs[i]);
	for (size_t i = 0; rc == YP_OK && i < r->n_people; i++)
		rc = write_person(w, &r->people[i]);
	for (size_t i = 0; rc == YP_OK && i < r->n_sources; i++)
		rc = write_source(w, &r->sources[i]);
	for (size_t i = 0; with_events && rc == YP_OK && i < r->n_events; i++)
		rc = write_event(w, &r->events[i]);
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
		decode_report(c, "$.format", "unsupported format (expected \"%s\")",
			      FORMAT_NAME);
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
		dr->rc = write_event(dr->w, &e);
		model_event_clear(&e);
		return;
	}
	doc_records *r = &dr->held;
	yp_event *events = grow(r->events, r->n_events, &r->cap_events,
				sizeof(*events));
	if (events)
		r->events = events;
	if (!events || !held_at(r, RECORD_EVENT, r->n_events, index)) {
		decode_report(dr->c, path, "out of memory");
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
		decode_report(dr->c, path, "out of memory");
		return NULL;
	}
	if (kind == RECORD_ORG && decode_org(dr->c, item, path, slot))
		id = r->orgs[r->n_orgs++].id;
	else if (kind == RECORD_PERSON && decode_person(dr->c, item, path, slot))
		id = r->people[r->n_people++].id;
	else if (kind == RECORD_SOURCE && decode_source(dr->c, item, path, slot))
		id = r->sources[r->n_sources++].id;
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

/* Notes the id of element index of a section; false for a duplicate. */
static bool note_id(doc_reader *dr, record_kind kind, const char *id,
		    size_t index, const char *path)
{
	size_t prev = 0;
	if (idset_add_copy(&dr->held.ids.sets[kind], id, index, &prev))
		return true;
	if (prev == (size_t)-1)
		decode_report(dr->c, path, "out of memory");
	else
		decode_report(dr->c, path, "duplicate id \"%s\" (also at "
			      "$.%s[%zu])", id, section_names[kind], prev);
	return false;
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
				note_id(dr, RECORD_EVENT, id, index, path);
			}
			take_event(dr, root, item, index, path);
			id = NULL;
		}
		if (id)
			note_id(dr, (record_kind)kind, id, index, path);
		if (index % PROGRESS_EVERY == 0) {
			report_progress(dr->w, offset, dr->total);
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
			decode_report(c, path, "expected an array, got %s",
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
		snprintf(path, sizeof(path), "$.events[%zu]",
			 r->at[RECORD_EVENT][i]);
		ok = check_event_refs(c, dr->w->s, &r->ids, &r->events[i],
				      path) && ok;
	}
	if (!ok || c->d->count)
		return YP_DATAERR;
	return write_held(dr->w, r, true);
}

/* --- NDJSON ----------------------------------------------------------- */

static yp_status ndjson_record(writer *w, decode_ctx *c, const json_value *v,
			       bool write)
{
	static const char *const names[] = {"organization", "person", "source",
					    "event", NULL};
	if (!decode_check_fields(c, v, "$", names, 0))
		return YP_DATAERR;
	if (v->u.object.len != 1) {
		decode_report(c, "$", "a line holds exactly one of: organization, "
			      "person, source, event");
		return YP_DATAERR;
	}
	const char *key = v->u.object.members[0].key;
	const json_value *body = v->u.object.members[0].value;
	char path[32];
	snprintf(path, sizeof(path), "$.%s", key);
	yp_status rc = YP_DATAERR;
	if (strcmp(key, "organization") == 0) {
		yp_org o;
		if (decode_org(c, body, path, &o) &&
		    check_org_refs(c, w->s, NULL, &o, path))
			rc = write ? write_org(w, &o) : YP_OK;
		if (rc == YP_OK && write && o.parent)
			rc = write_org_parent(w, &o);
		model_org_clear(&o);
	} else if (strcmp(key, "person") == 0) {
		yp_person p;
		if (decode_person(c, body, path, &p) &&
		    check_person_refs(c, w->s, NULL, &p, path))
			rc = write ? write_person(w, &p) : YP_OK;
		model_person_clear(&p);
	} else if (strcmp(key, "source") == 0) {
		yp_source src;
		if (decode_source(c, body, path, &src))
			rc = write ? write_source(w, &src) : YP_OK;
		model_source_clear(&src);
	} else {
		yp_event e;
		if (decode_event(c, body, path, &e) &&
		    check_event_refs(c, w->s, NULL, &e, path))
			rc = write ? write_event(w, &e) : YP_OK;
		model_event_clear(&e);
	}
	return rc;
}

static bool blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

static yp_status ndjson_line(writer *w, decode_ctx *c, const char *p, size_t n)
{
	json_value *v = NULL;
	json_error je;
	size_t used = 0;
	if (!json_parse(p, n, c->line, &used, &v, &je)) {
		report_json_error(c->d, c->file, &je, p, c->offset);
		return YP_DATAERR;
	}
	yp_status rc;
	if (used != n) {
		unsigned line, col;
		position_of(p, used, c->line, &line, &col);
		diag_add(c->d, "%s:%u:%u: invalid JSON: more than one value on a "
			 "line", display_name(c->file), line, col);
		rc = YP_DATAERR;
	} else {
		/* after the first problem keep checking, but stop writing */
		rc = ndjson_record(w, c, v, c->d->count == 0);
	}
	json_free(v);
	return rc;
}

/* One line of a feed, line number at byte offset of total (0: unknown);
 * a problem in the data is noted and the caller goes on. */
static yp_status ndjson_step(writer *w, decode_ctx *c, const char *p, size_t n,
			     unsigned number, size_t offset, size_t total)
{
	if (blank(p, n))
		return YP_OK;
	c->line = number;
	c->offset = offset;
	yp_status rc = ndjson_line(w, c, p, n);
	if (number % PROGRESS_EVERY == 0)
		report_progress(w, offset, total);
	return rc == YP_DATAERR ? YP_OK : rc;
}

static yp_status import_ndjson(writer *w, decode_ctx *c, const char *buf,
			       size_t len)
{
	size_t pos = 0;
	unsigned line = 0;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		yp_status rc = ndjson_step(w, c, buf + pos, n, ++line, pos, len);
		if (rc != YP_OK)
			return rc;
		pos += n + 1;
	}
	return c->d->count ? YP_DATAERR : YP_OK;
}

/* --- entry points ----------------------------------------------------- */

/* A line that is on its own a complete object without "format". */
static bool line_is_record(const char *p, size_t n)
{
	json_value *v = NULL;
	size_t used = 0;
	bool record = json_parse(p, n, 1, &used, &v, NULL) && used == n &&
		      v->type == JSON_OBJECT && !json_get(v, "format");
	json_free(v);
	return record;
}

/* NDJSON when the first non-blank line is on its own a complete object
 * without "format"; otherwise the input is one document. Deciding on the
 * first line keeps a broken document's errors about the document. */
static bool looks_like_ndjson(const char *buf, size_t len)
{
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		if (!blank(buf + pos, n))
			return line_is_record(buf + pos, n);
		pos += n + 1;
	}
	return false;
}

/* A document is parsed as a whole but its records are taken one at a time
 * (json_parse_stream), so a large one costs memory for its ids only. */
static yp_status import_document(writer *w, decode_ctx *c, const char *buf,
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
			report_json_error(c->d, c->file, &je, buf, 0);
		rc = dr.rc == YP_OK ? YP_DATAERR : dr.rc;
	} else if (root->type != JSON_OBJECT) {
		diag_add(c->d, "%s: $: expected a yeonpyo/1 document (an object "
			 "with \"format\") or NDJSON records, got %s",
			 display_name(c->file), json_type_name(root->type));
	} else if (used != len) {
		unsigned line, col;
		position_of(buf, used, 1, &line, &col);
		diag_add(c->d, "%s:%u:%u: invalid JSON: unexpected data after the "
			 "document", display_name(c->file), line, col);
	} else {
		rc = finish_doc(&dr, root);
	}
	json_free(root);
	doc_records_free(&dr.held);
	return rc;
}

yp_status import_buffer(store *s, const char *name, const char *buf,
			size_t len, store_origin origin, import_stats *stats,
			diag *d, yp_error *err)
{
	writer w = {s, origin, stats, err};
	decode_ctx c = {d, name, 0, 0};
	yp_status rc = looks_like_ndjson(buf, len)
			       ? import_ndjson(&w, &c, buf, len)
			       : import_document(&w, &c, buf, len, false);
	if (rc == YP_OK && d->count)
		rc = YP_DATAERR;
	return rc;
}

/* --- streaming from a file --------------------------------------------- */

typedef struct {
	FILE *f;
	char *line;        /* getline's buffer */
	size_t cap;
	size_t offset;     /* of the line last read */
	size_t next;       /* of the line after it */
	unsigned number;   /* 1-based, of the line last read */
} line_reader;

/* The next line without its '\n' in r->line; -1 at the end or on error
 * (ferror tells which). */
static ssize_t next_line(line_reader *r)
{
	ssize_t n = getline(&r->line, &r->cap, r->f);
	if (n < 0)
		return -1;
	r->offset = r->next;
	r->next += (size_t)n;
	r->number++;
	if (n > 0 && r->line[n - 1] == '\n')
		n--;
	return n;
}

/* NDJSON a line at a time, so a feed of any size needs memory for one
 * record; the first line has been read already. */
static yp_status stream_ndjson(writer *w, decode_ctx *c, line_reader *r,
			       ssize_t n, size_t size)
{
	for (; n >= 0; n = next_line(r)) {
		yp_status rc = ndjson_step(w, c, r->line, (size_t)n, r->number,
					   r->offset, size);
		if (rc != YP_OK)
			return rc;
	}
	return c->d->count ? YP_DATAERR : YP_OK;
}

/* A document is mapped rather than read, so that its size costs address
 * space, not memory: the records are taken one at a time and the pages
 * behind them are let go (see release_pages). Input that cannot be mapped
 * (a pipe) is first copied to a temporary file; head holds the lines
 * already read from it. */
static yp_status map_document(writer *w, decode_ctx *c, line_reader *r,
			      const strbuf *head, bool regular, size_t size,
			      bool *read_failed)
{
	*read_failed = true;  /* until the document is in hand */
	FILE *spool = NULL;
	int fd = fileno(r->f);
	if (!regular) {
		spool = tmpfile();
		if (!spool)
			return YP_IOERR;
		char chunk[65536];
		size_t got;
		fwrite(strbuf_str(head), 1, head->len, spool);
		while ((got = fread(chunk, 1, sizeof(chunk), r->f)) > 0)
			fwrite(chunk, 1, got, spool);
		if (ferror(r->f) || fflush(spool) != 0 || ferror(spool)) {
			fclose(spool);
			return YP_IOERR;
		}
		fd = fileno(spool);
		size = (size_t)ftello(spool);
	}
	yp_status rc = YP_IOERR;
	void *map = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0)
			 : NULL;
	if (size == 0) {
		*read_failed = false;
		rc = import_document(w, c, "", 0, false);
	} else if (map != MAP_FAILED) {
		*read_failed = false;
		madvise(map, size, MADV_SEQUENTIAL);
		rc = import_document(w, c, map, size, true);
		munmap(map, size);
	}
	if (spool)
		fclose(spool);
	return rc;
}

yp_status import_file(store *s, const char *path, store_origin origin,
		      import_stats *stats, diag *d, yp_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	line_reader r = {is_stdin ? stdin : fopen(path, "rb"), NULL, 0, 0, 0, 0};
	if (!r.f)
		return yp_fail(err, YP_NOINPUT, "%s: cannot open: %s", path,
			       strerror(errno));
	struct stat st;
	if (fstat(fileno(r.f), &st) != 0)
		st.st_mode = 0;
	size_t size = S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
	writer w = {s, origin, stats, err};
	decode_ctx c = {d, path, 0, 0};
	strbuf head = STRBUF_INIT;  /* blank lines before the first */
	ssize_t n;
	while ((n = next_line(&r)) >= 0 && blank(r.line, (size_t)n)) {
		strbuf_append(&head, r.line, (size_t)n);
		strbuf_putc(&head, '\n');
	}
	yp_status rc;
	/* a store error is already in err; only the input's are said here */
	bool read_failed = false;
	if (ferror(r.f)) {
		rc = YP_IOERR;
		read_failed = true;
	} else if (n >= 0 && line_is_record(r.line, (size_t)n)) {
		rc = stream_ndjson(&w, &c, &r, n, size);
		if (ferror(r.f)) {
			rc = YP_IOERR;
			read_failed = true;
		}
	} else {
		if (n >= 0) {
			strbuf_append(&head, r.line, (size_t)n);
			if (r.next - r.offset > (size_t)n)
				strbuf_putc(&head, '\n');
		}
		rc = map_document(&w, &c, &r, &head, S_ISREG(st.st_mode), size,
				  &read_failed);
	}
	int saved = errno;
	if (read_failed)
		yp_fail(err, YP_IOERR, "%s: cannot read: %s", display_name(path),
			head.failed ? "out of memory" : strerror(saved));
	else if (rc == YP_OK && d->count)
		rc = YP_DATAERR;
	strbuf_free(&head);
	free(r.line);
	if (!is_stdin)
		fclose(r.f);
	return rc;
}
