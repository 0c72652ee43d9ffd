/* import.c: the importer. A JSON document is decoded and checked whole
 * before anything is written; an NDJSON feed is checked and written line by
 * line so that it can stream, and the caller rolls back on any problem. */
#include "yeonpyo/import.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
static bool check_ref(decode_ctx *c, store *s, const idset *local,
		      record_kind kind, const char *id, const char *path)
{
	if (!id || (local && idset_has(local, id)) || store_has(s, kind, id))
		return true;
	decode_report(c, path, "unknown %s \"%s\"", kind_words[kind], id);
	return false;
}

typedef struct {
	idset sets[4];  /* indexed by record_kind; empty for NDJSON */
} local_ids;

static const idset *local_set(const local_ids *ids, record_kind kind)
{
	return ids ? &ids->sets[kind] : NULL;
}

static bool check_event_refs(decode_ctx *c, store *s, const local_ids *ids,
			     const yp_event *e, const char *path)
{
	bool ok = true;
	char p[512];
	for (size_t i = 0; i < e->n_orgs; i++) {
		snprintf(p, sizeof(p), "%s.organizations[%zu].id", path, i);
		ok = check_ref(c, s, local_set(ids, RECORD_ORG), RECORD_ORG,
			       e->orgs[i].id, p) && ok;
	}
	for (size_t i = 0; i < e->n_people; i++) {
		snprintf(p, sizeof(p), "%s.people[%zu].id", path, i);
		ok = check_ref(c, s, local_set(ids, RECORD_PERSON),
			       RECORD_PERSON, e->people[i].id, p) && ok;
	}
	for (size_t i = 0; i < e->n_sources; i++) {
		snprintf(p, sizeof(p), "%s.sources[%zu]", path, i);
		ok = check_ref(c, s, local_set(ids, RECORD_SOURCE),
			       RECORD_SOURCE, e->sources[i], p) && ok;
	}
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

typedef struct {
	yp_org *orgs;
	size_t n_orgs;
	yp_person *people;
	size_t n_people;
	yp_source *sources;
	size_t n_sources;
	yp_event *events;
	size_t n_events;
	local_ids ids;
} doc_records;

static void doc_records_free(doc_records *r)
{
	for (size_t i = 0; i < r->n_orgs; i++)
		model_org_clear(&r->orgs[i]);
	for (size_t i = 0; i < r->n_people; i++)
		model_person_clear(&r->people[i]);
	for (size_t i = 0; i < r->n_sources; i++)
		model_source_clear(&r->sources[i]);
	for (size_t i = 0; i < r->n_events; i++)
		model_event_clear(&r->events[i]);
	free(r->orgs);
	free(r->people);
	free(r->sources);
	free(r->events);
	for (size_t i = 0; i < 4; i++)
		idset_free(&r->ids.sets[i]);
}

/* Decodes one record of a section into slot i; returns its id or NULL. */
typedef const char *(*decode_item_fn)(decode_ctx *c, const json_value *v,
				      const char *path, doc_records *r, size_t i);

static const char *doc_org(decode_ctx *c, const json_value *v,
			   const char *path, doc_records *r, size_t i)
{
	return decode_org(c, v, path, &r->orgs[i]) ? r->orgs[i].id : NULL;
}

static const char *doc_person(decode_ctx *c, const json_value *v,
			      const char *path, doc_records *r, size_t i)
{
	return decode_person(c, v, path, &r->people[i]) ? r->people[i].id : NULL;
}

static const char *doc_source(decode_ctx *c, const json_value *v,
			      const char *path, doc_records *r, size_t i)
{
	return decode_source(c, v, path, &r->sources[i]) ? r->sources[i].id
							  : NULL;
}

static const char *doc_event(decode_ctx *c, const json_value *v,
			     const char *path, doc_records *r, size_t i)
{
	return decode_event(c, v, path, &r->events[i]) ? r->events[i].id : NULL;
}

typedef struct {
	const char *name;     /* the document member */
	record_kind kind;
	decode_item_fn decode;
} doc_section;

static const doc_section sections[] = {
	{"organizations", RECORD_ORG, doc_org},
	{"people", RECORD_PERSON, doc_person},
	{"sources", RECORD_SOURCE, doc_source},
	{"events", RECORD_EVENT, doc_event},
};

/* Allocates the records of one section where doc_records keeps them. */
static bool section_alloc(doc_records *r, record_kind kind, size_t n)
{
	size_t slots = n ? n : 1;
	switch (kind) {
	case RECORD_ORG:
		assert(!r->orgs); /* each section is read once */
		r->orgs = calloc(slots, sizeof(*r->orgs));
		r->n_orgs = r->orgs ? n : 0;
		return r->orgs != NULL;
	case RECORD_PERSON:
		assert(!r->people); /* each section is read once */
		r->people = calloc(slots, sizeof(*r->people));
		r->n_people = r->people ? n : 0;
		return r->people != NULL;
	case RECORD_SOURCE:
		assert(!r->sources); /* each section is read once */
		r->sources = calloc(slots, sizeof(*r->sources));
		r->n_sources = r->sources ? n : 0;
		return r->sources != NULL;
	case RECORD_EVENT:
	default:
		assert(!r->events); /* each section is read once */
		r->events = calloc(slots, sizeof(*r->events));
		r->n_events = r->events ? n : 0;
		return r->events != NULL;
	}
}

static bool decode_section(decode_ctx *c, const json_value *root,
			   const doc_section *sec, doc_records *r)
{
	const json_value *arr = json_get(root, sec->name);
	if (!arr)
		return true;
	char path[64];
	snprintf(path, sizeof(path), "$.%s", sec->name);
	if (arr->type != JSON_ARRAY) {
		decode_report(c, path, "expected an array, got %s",
			      json_type_name(arr->type));
		return false;
	}
	if (!section_alloc(r, sec->kind, arr->u.array.len)) {
		decode_report(c, path, "out of memory");
		return false;
	}
	bool ok = true;
	idset *ids = &r->ids.sets[sec->kind];
	for (size_t i = 0; i < arr->u.array.len; i++) {
		char ipath[96];
		snprintf(ipath, sizeof(ipath), "%s[%zu]", path, i);
		const char *id = sec->decode(c, arr->u.array.items[i], ipath, r, i);
		size_t prev = 0;
		if (!id) {
			ok = false;
		} else if (!idset_add(ids, id, i, &prev)) {
			if (prev == (size_t)-1)
				decode_report(c, ipath, "out of memory");
			else
				decode_report(c, ipath, "duplicate id \"%s\" "
					      "(also at %s[%zu])", id, path, prev);
			ok = false;
		}
	}
	return ok;
}

static bool check_doc_refs(decode_ctx *c, store *s, doc_records *r)
{
	bool ok = true;
	char path[96];
	for (size_t i = 0; i < r->n_orgs; i++) {
		snprintf(path, sizeof(path), "$.organizations[%zu]", i);
		ok = check_org_refs(c, s, &r->ids, &r->orgs[i], path) && ok;
	}
	for (size_t i = 0; i < r->n_people; i++) {
		snprintf(path, sizeof(path), "$.people[%zu]", i);
		ok = check_person_refs(c, s, &r->ids, &r->people[i], path) && ok;
	}
	for (size_t i = 0; i < r->n_events; i++) {
		snprintf(path, sizeof(path), "$.events[%zu]", i);
		ok = check_event_refs(c, s, &r->ids, &r->events[i], path) && ok;
	}
	return ok;
}

static yp_status write_doc(writer *w, const doc_records *r)
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
	for (size_t i = 0; rc == YP_OK && i < r->n_events; i++) {
		rc = write_event(w, &r->events[i]);
		if (i % PROGRESS_EVERY == 0)
			report_progress(w, i, r->n_events);
	}
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

static yp_status import_doc(writer *w, decode_ctx *c, const json_value *root)
{
	doc_records r;
	memset(&r, 0, sizeof(r));
	bool ok = check_header(c, root, w->stats);
	if (root->type == JSON_OBJECT) {
		for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
			ok = decode_section(c, root, &sections[i], &r) && ok;
	}
	ok = ok && check_doc_refs(c, w->s, &r);
	yp_status rc = ok ? write_doc(w, &r) : YP_DATAERR;
	doc_records_free(&r);
	return rc;
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

static yp_status import_document(writer *w, decode_ctx *c, const char *buf,
				 size_t len)
{
	json_value *root = NULL;
	json_error je;
	size_t used = 0;
	if (!json_parse(buf, len, 1, &used, &root, &je)) {
		report_json_error(c->d, c->file, &je, buf, 0);
		return YP_DATAERR;
	}
	yp_status rc = YP_DATAERR;
	if (root->type != JSON_OBJECT) {
		diag_add(c->d, "%s: $: expected a yeonpyo/1 document (an object "
			 "with \"format\") or NDJSON records, got %s",
			 display_name(c->file), json_type_name(root->type));
	} else if (used != len) {
		unsigned line, col;
		position_of(buf, used, 1, &line, &col);
		diag_add(c->d, "%s:%u:%u: invalid JSON: unexpected data after the "
			 "document", display_name(c->file), line, col);
	} else {
		rc = import_doc(w, c, root);
	}
	json_free(root);
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
			       : import_document(&w, &c, buf, len);
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

/* A document is parsed whole: the lines read so far, then the rest. */
static yp_status read_document(writer *w, decode_ctx *c, line_reader *r,
			       strbuf *sb)
{
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), r->f)) > 0)
		strbuf_append(sb, chunk, got);
	if (ferror(r->f) || sb->failed)
		return YP_IOERR;
	return import_document(w, c, strbuf_str(sb), sb->len);
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
	size_t size = fstat(fileno(r.f), &st) == 0 && S_ISREG(st.st_mode)
			      ? (size_t)st.st_size : 0;
	writer w = {s, origin, stats, err};
	decode_ctx c = {d, path, 0, 0};
	strbuf head = STRBUF_INIT;  /* blank lines before the first */
	ssize_t n;
	while ((n = next_line(&r)) >= 0 && blank(r.line, (size_t)n)) {
		strbuf_append(&head, r.line, (size_t)n);
		strbuf_putc(&head, '\n');
	}
	yp_status rc;
	if (ferror(r.f)) {
		rc = YP_IOERR;
	} else if (n >= 0 && line_is_record(r.line, (size_t)n)) {
		rc = stream_ndjson(&w, &c, &r, n, size);
		if (ferror(r.f))
			rc = YP_IOERR;
	} else {
		if (n >= 0) {
			strbuf_append(&head, r.line, (size_t)n);
			if (r.next - r.offset > (size_t)n)
				strbuf_putc(&head, '\n');
		}
		rc = read_document(&w, &c, &r, &head);
	}
	int saved = errno;
	if (rc == YP_IOERR)
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
