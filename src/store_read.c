/* store_read.c: reading records back as model structs, one by id or all in
 * a stable order (what export, list and show need), and what the pickers
 * and completion list: facets, partners, event ids. */
#include "store_priv.h"

#include <stdlib.h>
#include <string.h>

/* Row readers: the column order is that of ORG_COLUMNS and the others in
 * store_queries.def, which a read by id and a walk share. */
static void read_org(sqlite3_stmt *st, yp_org *o)
{
	o->id = store_column_dup(st, 0);
	o->name.ko = store_column_dup(st, 1);
	o->name.en = store_column_dup(st, 2);
	o->short_name = store_column_dup(st, 3);
	o->kind = store_column_dup(st, 4);
	o->country = store_column_dup(st, 5);
	o->parent = store_column_dup(st, 6);
}

static void read_person(sqlite3_stmt *st, yp_person *p)
{
	p->id = store_column_dup(st, 0);
	p->name.ko = store_column_dup(st, 1);
	p->name.en = store_column_dup(st, 2);
	p->org = store_column_dup(st, 3);
	p->title.ko = store_column_dup(st, 4);
	p->title.en = store_column_dup(st, 5);
}

static void read_source(sqlite3_stmt *st, yp_source *src)
{
	src->id = store_column_dup(st, 0);
	src->title = store_column_dup(st, 1);
	src->publisher = store_column_dup(st, 2);
	src->date = store_column_date(st, 3, 4);
	src->url = store_column_dup(st, 5);
	src->language = store_column_dup(st, 6);
	src->kind = store_column_dup(st, 7);
}

/* Reads events' own columns; returns the eid for loading links. */
static sqlite3_int64 read_event(sqlite3_stmt *st, yp_event *e)
{
	e->id = store_column_dup(st, 1);
	e->date = store_column_date(st, 2, 3);
	e->end_date = store_column_date(st, 4, 5);
	e->status = store_column_dup(st, 6);
	e->kind = store_column_dup(st, 7);
	e->title.ko = store_column_dup(st, 8);
	e->title.en = store_column_dup(st, 9);
	e->summary.ko = store_column_dup(st, 10);
	e->summary.en = store_column_dup(st, 11);
	e->notes.ko = store_column_dup(st, 12);
	e->notes.en = store_column_dup(st, 13);
	return sqlite3_column_int64(st, 0);
}

/* Runs a link query for eid and hands each row to add; counts rows. */
typedef bool (*link_row_fn)(sqlite3_stmt *st, yp_event *e, size_t i);

static bool grow(void **items, size_t n, size_t size)
{
	/* Doubling at powers of two keeps appends amortized O(1). */
	if (n & (n - 1))
		return true;
	void *p = realloc(*items, (n ? n * 2 : 1) * size);
	if (!p)
		return false;
	*items = p;
	return true;
}

static bool org_link_row(sqlite3_stmt *st, yp_event *e, size_t i)
{
	if (!grow((void **)&e->orgs, i, sizeof(*e->orgs)))
		return false;
	e->orgs[i].id = store_column_dup(st, 0);
	e->orgs[i].role = store_column_dup(st, 1);
	e->orgs[i].title.ko = e->orgs[i].title.en = NULL;
	e->n_orgs = i + 1;
	return true;
}

static bool person_link_row(sqlite3_stmt *st, yp_event *e, size_t i)
{
	if (!grow((void **)&e->people, i, sizeof(*e->people)))
		return false;
	e->people[i].id = store_column_dup(st, 0);
	e->people[i].role = store_column_dup(st, 1);
	e->people[i].title.ko = store_column_dup(st, 2);
	e->people[i].title.en = store_column_dup(st, 3);
	e->n_people = i + 1;
	return true;
}

static bool source_link_row(sqlite3_stmt *st, yp_event *e, size_t i)
{
	if (!grow((void **)&e->sources, i, sizeof(*e->sources)))
		return false;
	e->sources[i] = store_column_dup(st, 0);
	e->n_sources = i + 1;
	return true;
}

static bool tag_row(sqlite3_stmt *st, yp_event *e, size_t i)
{
	if (!grow((void **)&e->tags, i, sizeof(*e->tags)))
		return false;
	e->tags[i] = store_column_dup(st, 0);
	e->n_tags = i + 1;
	return true;
}

static bool figure_row(sqlite3_stmt *st, yp_event *e, size_t i)
{
	if (!grow((void **)&e->figures, i, sizeof(*e->figures)))
		return false;
	e->figures[i].label.ko = store_column_dup(st, 0);
	e->figures[i].label.en = store_column_dup(st, 1);
	e->figures[i].value = store_column_dup(st, 2);
	e->figures[i].by_lang.ko = store_column_dup(st, 3);
	e->figures[i].by_lang.en = store_column_dup(st, 4);
	e->n_figures = i + 1;
	return true;
}

static bool event_link_row(sqlite3_stmt *st, yp_event *e, size_t i)
{
	if (!grow((void **)&e->links, i, sizeof(*e->links)))
		return false;
	e->links[i].event = store_column_dup(st, 0);
	e->links[i].kind = store_column_dup(st, 1);
	e->n_links = i + 1;
	return true;
}

static yp_status load_link_rows(store *s, store_query q, sqlite3_int64 eid,
				yp_event *e, link_row_fn add, yp_error *err)
{
	const char *what = "reading event links";
	store_binding b = store_take(s, q, NULL);
	if (!b.st)
		return store_sql_fail(s, err, "preparing a query");
	store_bind_int(&b, ":eid", eid);
	yp_status bound = store_bound(&b, what, err);
	if (bound != YP_OK)
		return bound;
	int rc;
	size_t i = 0;
	while ((rc = sqlite3_step(b.st)) == SQLITE_ROW) {
		if (!add(b.st, e, i++)) {
			sqlite3_reset(b.st);
			return yp_fail(err, YP_SOFTWARE, "out of memory");
		}
	}
	yp_status status = rc == SQLITE_DONE ? YP_OK
					     : store_sql_fail(s, err, what);
	sqlite3_reset(b.st);
	return status;
}

static yp_status load_links(store *s, sqlite3_int64 eid, yp_event *e,
			    yp_error *err)
{
	static const struct {
		store_query q;
		link_row_fn add;
	} links[] = {
		{Q_EVENT_ORGS, org_link_row},
		{Q_EVENT_PEOPLE, person_link_row},
		{Q_EVENT_SOURCES, source_link_row},
		{Q_EVENT_TAGS, tag_row},
		{Q_EVENT_FIGURES, figure_row},
		{Q_EVENT_LINKS, event_link_row},
	};
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		yp_status rc = load_link_rows(s, links[i].q, eid, e,
					      links[i].add, err);
		if (rc != YP_OK)
			return rc;
	}
	return YP_OK;
}

/* Reads the aliases of the record with id (query q) into *out, *n. */
static yp_status load_aliases(store *s, store_query q, const char *id,
			      char ***out, size_t *n, yp_error *err)
{
	const char *what = "reading aliases";
	store_binding b = store_take(s, q, NULL);
	if (!b.st)
		return store_sql_fail(s, err, "preparing a query");
	store_bind_text(&b, ":id", id);
	yp_status bound = store_bound(&b, what, err);
	if (bound != YP_OK)
		return bound;
	int rc;
	while ((rc = sqlite3_step(b.st)) == SQLITE_ROW) {
		if (!grow((void **)out, *n, sizeof(**out))) {
			sqlite3_reset(b.st);
			return yp_fail(err, YP_SOFTWARE, "out of memory");
		}
		(*out)[(*n)++] = store_column_dup(b.st, 0);
	}
	yp_status status = rc == SQLITE_DONE ? YP_OK
					     : store_sql_fail(s, err, what);
	sqlite3_reset(b.st);
	return status;
}

/* Runs by-id query q for id once: YP_OK with *out on its row (the caller
 * reads it, then resets it), YP_NOINPUT "no KIND with id" when there is
 * none. err may be NULL. */
static yp_status find_one(store *s, store_query q, const char *kind,
			  const char *id, sqlite3_stmt **out, yp_error *err)
{
	const char *what = "reading a record";
	store_binding b = store_take(s, q, NULL);
	if (!b.st)
		return store_sql_fail(s, err, "preparing a query");
	store_bind_text(&b, ":id", id);
	bool found = false;
	yp_status rc = store_first_row(&b, what, &found, err);
	if (found)
		*out = b.st;
	else if (rc == YP_OK)
		rc = yp_fail(err, YP_NOINPUT, "no %s with id \"%s\"", kind, id);
	return rc;
}

yp_status store_get_org(store *s, const char *id, yp_org *out, yp_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = NULL;
	yp_status rc = find_one(s, Q_ORG_GET, "organization", id, &st, err);
	if (rc != YP_OK)
		return rc;
	read_org(st, out);
	sqlite3_reset(st);
	rc = load_aliases(s, Q_ORG_ALIASES, id, &out->aliases,
			  &out->n_aliases, err);
	if (rc != YP_OK)
		model_org_clear(out);
	return rc;
}

yp_status store_get_person(store *s, const char *id, yp_person *out,
			   yp_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = NULL;
	yp_status rc = find_one(s, Q_PERSON_GET, "person", id, &st, err);
	if (rc != YP_OK)
		return rc;
	read_person(st, out);
	sqlite3_reset(st);
	rc = load_aliases(s, Q_PERSON_ALIASES, id, &out->aliases,
			  &out->n_aliases, err);
	if (rc != YP_OK)
		model_person_clear(out);
	return rc;
}

yp_status store_get_source(store *s, const char *id, yp_source *out,
			   yp_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = NULL;
	yp_status rc = find_one(s, Q_SOURCE_GET, "source", id, &st, err);
	if (rc == YP_OK) {
		read_source(st, out);
		sqlite3_reset(st);
	}
	return rc;
}

yp_status store_get_event(store *s, const char *id, yp_event *out,
			  yp_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = NULL;
	yp_status rc = find_one(s, Q_EVENT_GET, "event", id, &st, err);
	if (rc != YP_OK)
		return rc;
	sqlite3_int64 eid = read_event(st, out);
	sqlite3_reset(st);
	rc = load_links(s, eid, out, err);
	if (rc != YP_OK)
		model_event_clear(out);
	return rc;
}

/* What the visitor of EVENT_LINKS_BOTH fills, and whether memory ran
 * out on the way. */
typedef struct {
	store_event_links *out;
	bool failed;
} links_reader;

static bool both_ways_row(sqlite3_stmt *st, void *target)
{
	links_reader *r = target;
	store_event_links *l = r->out;
	if (!grow((void **)&l->items, l->n, sizeof(*l->items))) {
		r->failed = true;
		return false;
	}
	store_event_link *it = &l->items[l->n++];
	it->incoming = sqlite3_column_int(st, 0) != 0;
	it->id = store_column_dup(st, 1);
	it->kind = store_column_dup(st, 2);
	it->date = store_column_date(st, 3, 4);
	it->title.ko = store_column_dup(st, 5);
	it->title.en = store_column_dup(st, 6);
	r->failed = !it->id || !it->kind;
	return !r->failed;
}

yp_status store_get_event_links(store *s, const char *id,
				store_event_links *out, yp_error *err)
{
	const char *what = "reading the links between events";
	out->items = NULL;
	out->n = 0;
	store_binding b = store_take(s, Q_EVENT_LINKS_BOTH, err);
	if (!b.st)
		return err ? err->status : YP_SOFTWARE;
	store_bind_text(&b, ":id", id);
	links_reader r = {out, false};
	yp_status rc = store_walk(&b, both_ways_row, &r, what, err);
	if (rc == YP_OK && r.failed)
		rc = yp_fail(err, YP_SOFTWARE, "%s: out of memory", what);
	if (rc != YP_OK)
		store_event_links_free(out);
	return rc;
}

void store_event_links_free(store_event_links *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].id);
		free(l->items[i].kind);
		model_text_clear(&l->items[i].title);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* What a walk of this file hands its rows to: one of the callbacks, with
 * its context; an event's links are read from s, and a failure to read
 * them is kept in status and err. */
typedef struct {
	store_org_fn org;
	store_person_fn person;
	store_source_fn source;
	store_event_fn event;
	store_found_fn found;
	store_id_fn id;
	store_facet_fn facet;
	void *ctx;
	store *s;
	yp_status status;
	yp_error *err;
} walk_target;

/* store_walk, with the failure of a visitor when the steps did not fail. */
static yp_status walk(const store_binding *b, store_visit_fn visit,
		      walk_target *t, const char *what, yp_error *err)
{
	t->s = b->s;
	t->err = err;
	yp_status rc = store_walk(b, visit, t, what, err);
	return rc != YP_OK ? rc : t->status;
}

static bool visit_org(sqlite3_stmt *st, void *target)
{
	walk_target *t = target;
	yp_org o = {0};
	read_org(st, &o);
	t->status = load_aliases(t->s, Q_ORG_ALIASES, o.id, &o.aliases,
				 &o.n_aliases, t->err);
	bool more = t->status == YP_OK && t->org(&o, t->ctx);
	model_org_clear(&o);
	return more;
}

yp_status store_each_org(store *s, store_org_fn fn, void *ctx, yp_error *err)
{
	store_binding b = store_take(s, Q_EACH_ORG, err);
	if (!b.st)
		return err->status;
	walk_target t = {.org = fn, .ctx = ctx};
	return walk(&b, visit_org, &t, "reading records", err);
}

static bool visit_person(sqlite3_stmt *st, void *target)
{
	walk_target *t = target;
	yp_person p = {0};
	read_person(st, &p);
	t->status = load_aliases(t->s, Q_PERSON_ALIASES, p.id, &p.aliases,
				 &p.n_aliases, t->err);
	bool more = t->status == YP_OK && t->person(&p, t->ctx);
	model_person_clear(&p);
	return more;
}

yp_status store_each_person(store *s, store_person_fn fn, void *ctx,
			    yp_error *err)
{
	store_binding b = store_take(s, Q_EACH_PERSON, err);
	if (!b.st)
		return err->status;
	walk_target t = {.person = fn, .ctx = ctx};
	return walk(&b, visit_person, &t, "reading records", err);
}

static bool visit_source(sqlite3_stmt *st, void *target)
{
	const walk_target *t = target;
	yp_source src = {0};
	read_source(st, &src);
	bool more = t->source(&src, t->ctx);
	model_source_clear(&src);
	return more;
}

yp_status store_each_source(store *s, store_source_fn fn, void *ctx,
			    yp_error *err)
{
	store_binding b = store_take(s, Q_EACH_SOURCE, err);
	if (!b.st)
		return err->status;
	walk_target t = {.source = fn, .ctx = ctx};
	return walk(&b, visit_source, &t, "reading records", err);
}

static bool visit_event(sqlite3_stmt *st, void *target)
{
	walk_target *t = target;
	yp_event e = {0};
	sqlite3_int64 eid = read_event(st, &e);
	t->status = load_links(t->s, eid, &e, t->err);
	bool more = t->status == YP_OK && t->event(&e, t->ctx);
	model_event_clear(&e);
	return more;
}

yp_status store_each_event(store *s, const event_filter *f, store_event_fn fn,
			   void *ctx, yp_error *err)
{
	store_binding b = store_take(s, store_driven(f, READ_EACH_EVENT), err);
	if (!b.st)
		return err->status;
	store_bind_filter(&b, f);
	walk_target t = {.event = fn, .ctx = ctx};
	return walk(&b, visit_event, &t, "reading records", err);
}

/* A search's row: the event's columns, its score, whether its note
 * matched. */
static bool visit_found(sqlite3_stmt *st, void *target)
{
	walk_target *t = target;
	yp_event e = {0};
	sqlite3_int64 eid = read_event(st, &e);
	t->status = load_links(t->s, eid, &e, t->err);
	bool more = t->status == YP_OK &&
		    t->found(&e, sqlite3_column_int(st, 15) != 0, t->ctx);
	model_event_clear(&e);
	return more;
}

yp_status store_search(store *s, const char *match, long limit,
		       store_found_fn fn, void *ctx, yp_error *err)
{
	store_binding b = store_take(s, store_hits_from_notes(s)
				     ? Q_SEARCH_NOTED : Q_SEARCH, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":match", match);
	store_bind_int(&b, ":limit", limit);
	walk_target t = {.found = fn, .ctx = ctx};
	return walk(&b, visit_found, &t, "searching", err);
}

/* A row (id, name_ko, name_en, short, count, first, last, kind, aliases)
 * as a
 * facet_item; its strings are borrowed from the statement. */
static bool visit_facet(sqlite3_stmt *st, void *target)
{
	const walk_target *t = target;
	facet_item it = {
		(const char *)sqlite3_column_text(st, 0),
		{(char *)sqlite3_column_text(st, 1),
		 (char *)sqlite3_column_text(st, 2)},
		(const char *)sqlite3_column_text(st, 3),
		(long)sqlite3_column_int64(st, 4),
		(long)sqlite3_column_int64(st, 5),
		(long)sqlite3_column_int64(st, 6),
		(const char *)sqlite3_column_text(st, 7),
		(const char *)sqlite3_column_text(st, 8),
	};
	return t->facet(&it, t->ctx);
}

#define FACETS_READ "reading organizations, people and tags"

yp_status store_each_facet(store *s, facet_kind kind, store_facet_fn fn,
			   void *ctx, yp_error *err)
{
	static const store_query q[] = {
		[FACET_ORG] = Q_FACET_ORG, [FACET_PERSON] = Q_FACET_PERSON,
		[FACET_TAG] = Q_FACET_TAG, [FACET_YEAR] = Q_FACET_YEAR,
	};
	store_binding b = store_take(s, q[kind], err);
	if (!b.st)
		return err->status;
	walk_target t = {.facet = fn, .ctx = ctx};
	return walk(&b, visit_facet, &t, FACETS_READ, err);
}

yp_status store_each_partner(store *s, const char *id, long limit,
			     store_facet_fn fn, void *ctx, yp_error *err)
{
	store_binding b = store_take(s, Q_PARTNERS, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", id);
	store_bind_int(&b, ":limit", limit);
	walk_target t = {.facet = fn, .ctx = ctx};
	return walk(&b, visit_facet, &t, FACETS_READ, err);
}

/* An id, borrowed from the statement. */
static bool visit_id(sqlite3_stmt *st, void *target)
{
	const walk_target *t = target;
	return t->id((const char *)sqlite3_column_text(st, 0), t->ctx);
}

yp_status store_each_event_id(store *s, const char *prefix, long limit,
			      store_id_fn fn, void *ctx, yp_error *err)
{
	store_binding b = store_take(s, Q_EVENT_IDS, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":prefix", prefix);
	store_bind_int(&b, ":limit", limit);
	walk_target t = {.id = fn, .ctx = ctx};
	return walk(&b, visit_id, &t, "reading records", err);
}
