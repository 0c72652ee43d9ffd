/* store_read.c: reading records back as model structs, one by id or all in
 * a stable order (what export, list and show need), what the pickers and
 * completion list (facets, partners, event ids), and the timeline as the
 * browser reads it: keyset windows, places and counts under a filter. */
#include "store_priv.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/strbuf.h"

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
	e->n_orgs = i + 1;
	return true;
}

static bool person_link_row(sqlite3_stmt *st, yp_event *e, size_t i)
{
	if (!grow((void **)&e->people, i, sizeof(*e->people)))
		return false;
	e->people[i].id = store_column_dup(st, 0);
	e->people[i].role = store_column_dup(st, 1);
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
	e->n_figures = i + 1;
	return true;
}

static yp_status load_link_rows(store *s, store_query q, sqlite3_int64 eid,
				yp_event *e, link_row_fn add, yp_error *err)
{
	const char *what = "reading event links";
	sqlite3_stmt *st = store_stmt(s, q, NULL);
	if (!st)
		return store_sql_fail(s, err, "preparing a query");
	store_binding b = STORE_BINDING(s, st);
	store_bind_int(&b, ":eid", eid);
	yp_status bound = store_bound(&b, what, err);
	if (bound != YP_OK)
		return bound;
	int rc;
	size_t i = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!add(st, e, i++)) {
			sqlite3_reset(st);
			return yp_fail(err, YP_SOFTWARE, "out of memory");
		}
	}
	yp_status status = rc == SQLITE_DONE ? YP_OK
					     : store_sql_fail(s, err, what);
	sqlite3_reset(st);
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
	};
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		yp_status rc = load_link_rows(s, links[i].q, eid, e,
					      links[i].add, err);
		if (rc != YP_OK)
			return rc;
	}
	return YP_OK;
}

/* Runs by-id query q for id once: YP_OK with *out on its row (the caller
 * reads it, then resets it), YP_NOINPUT "no KIND with id" when there is
 * none. err may be NULL. */
static yp_status find_one(store *s, store_query q, const char *kind,
			  const char *id, sqlite3_stmt **out, yp_error *err)
{
	const char *what = "reading a record";
	sqlite3_stmt *st = store_stmt(s, q, NULL);
	if (!st)
		return store_sql_fail(s, err, "preparing a query");
	store_binding b = STORE_BINDING(s, st);
	store_bind_text(&b, ":id", id);
	yp_status bound = store_bound(&b, what, err);
	if (bound != YP_OK)
		return bound;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = st;
		return YP_OK;
	}
	yp_status status = rc == SQLITE_DONE
		? yp_fail(err, YP_NOINPUT, "no %s with id \"%s\"", kind, id)
		: store_sql_fail(s, err, what);
	sqlite3_reset(st);
	return status;
}

yp_status store_get_org(store *s, const char *id, yp_org *out, yp_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = NULL;
	yp_status rc = find_one(s, Q_ORG_GET, "organization", id, &st, err);
	if (rc == YP_OK) {
		read_org(st, out);
		sqlite3_reset(st);
	}
	return rc;
}

yp_status store_get_person(store *s, const char *id, yp_person *out,
			   yp_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = NULL;
	yp_status rc = find_one(s, Q_PERSON_GET, "person", id, &st, err);
	if (rc == YP_OK) {
		read_person(st, out);
		sqlite3_reset(st);
	}
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

/* What a walk of this file hands its rows to: one of the callbacks, with
 * its context; an event's links are read from s, and a failure to read
 * them is kept in status and err. */
typedef struct {
	store_org_fn org;
	store_person_fn person;
	store_source_fn source;
	store_event_fn event;
	store_id_fn id;
	store_facet_fn facet;
	void *ctx;
	store *s;
	yp_status status;
	yp_error *err;
} walk_target;

/* store_walk once b's values (when there are any) are bound. */
static yp_status walk(store *s, sqlite3_stmt *st, const store_binding *b,
		      store_visit_fn visit, walk_target *t, const char *what,
		      yp_error *err)
{
	if (b) {
		yp_status bound = store_bound(b, what, err);
		if (bound != YP_OK)
			return bound;
	}
	t->s = s;
	t->err = err;
	yp_status rc = store_walk(s, st, visit, t, what, err);
	return rc != YP_OK ? rc : t->status;
}

static bool visit_org(sqlite3_stmt *st, void *target)
{
	const walk_target *t = target;
	yp_org o = {0};
	read_org(st, &o);
	bool more = t->org(&o, t->ctx);
	model_org_clear(&o);
	return more;
}

yp_status store_each_org(store *s, store_org_fn fn, void *ctx, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_EACH_ORG, err);
	walk_target t = {.org = fn, .ctx = ctx};
	return st ? walk(s, st, NULL, visit_org, &t, "reading records", err)
		  : err->status;
}

static bool visit_person(sqlite3_stmt *st, void *target)
{
	const walk_target *t = target;
	yp_person p = {0};
	read_person(st, &p);
	bool more = t->person(&p, t->ctx);
	model_person_clear(&p);
	return more;
}

yp_status store_each_person(store *s, store_person_fn fn, void *ctx,
			    yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_EACH_PERSON, err);
	walk_target t = {.person = fn, .ctx = ctx};
	return st ? walk(s, st, NULL, visit_person, &t, "reading records", err)
		  : err->status;
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
	sqlite3_stmt *st = store_stmt(s, Q_EACH_SOURCE, err);
	walk_target t = {.source = fn, .ctx = ctx};
	return st ? walk(s, st, NULL, visit_source, &t, "reading records", err)
		  : err->status;
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
	sqlite3_stmt *st = store_stmt(s, Q_EACH_EVENT, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	store_bind_filter(&b, f);
	walk_target t = {.event = fn, .ctx = ctx};
	return walk(s, st, &b, visit_event, &t, "reading records", err);
}

yp_status store_search(store *s, const char *match, long limit,
		       store_event_fn fn, void *ctx, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_SEARCH, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	store_bind_text(&b, ":match", match);
	store_bind_int(&b, ":limit", limit);
	walk_target t = {.event = fn, .ctx = ctx};
	return walk(s, st, &b, visit_event, &t, "reading records", err);
}

/* A row (id, name_ko, name_en, short, count, first, last, kind) as a
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
	sqlite3_stmt *st = store_stmt(s, q[kind], err);
	walk_target t = {.facet = fn, .ctx = ctx};
	return st ? walk(s, st, NULL, visit_facet, &t, FACETS_READ, err)
		  : err->status;
}

yp_status store_each_partner(store *s, const char *id, long limit,
			     store_facet_fn fn, void *ctx, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_PARTNERS, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	store_bind_text(&b, ":id", id);
	store_bind_int(&b, ":limit", limit);
	walk_target t = {.facet = fn, .ctx = ctx};
	return walk(s, st, &b, visit_facet, &t, FACETS_READ, err);
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
	sqlite3_stmt *st = store_stmt(s, Q_EVENT_IDS, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	store_bind_text(&b, ":prefix", prefix);
	store_bind_int(&b, ":limit", limit);
	walk_target t = {.id = fn, .ctx = ctx};
	return walk(s, st, &b, visit_id, &t, "reading records", err);
}

/* What a walk of the timeline hands its rows to. */
typedef struct {
	store_row_fn row;
	store_count_fn count;
	store_org_year_fn org_year;
	void *ctx;
} row_target;

static bool visit_row(sqlite3_stmt *st, void *target)
{
	const row_target *t = target;
	/* the row's strings are borrowed from the statement: no copies */
	const char *status = (const char *)sqlite3_column_text(st, 5);
	event_row row = {
		(char *)sqlite3_column_text(st, 0),
		store_column_date(st, 1, 2),
		store_column_date(st, 3, 4),
		status && strcmp(status, "planned") == 0,
		{(char *)sqlite3_column_text(st, 6),
		 (char *)sqlite3_column_text(st, 7)},
		{(char *)sqlite3_column_text(st, 8),
		 (char *)sqlite3_column_text(st, 9)},
		(long long)sqlite3_column_int64(st, 10),
		sqlite3_column_int(st, 11) != 0,
		sqlite3_column_int(st, 12) != 0,
	};
	return t->row(&row, t->ctx);
}

/* Walks b's statement over visit once its values are bound. */
static yp_status walk_rows(const store_binding *b, store_visit_fn visit,
			   row_target *t, yp_error *err)
{
	yp_status bound = store_bound(b, "reading records", err);
	if (bound != YP_OK)
		return bound;
	return store_walk(b->s, b->st, visit, t, "reading records", err);
}

yp_status store_each_row(store *s, const event_filter *f, store_row_fn fn,
			 void *ctx, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_EACH_ROW, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	store_bind_filter(&b, f);
	row_target t = {.row = fn, .ctx = ctx};
	return walk_rows(&b, visit_row, &t, err);
}

/* Without a filter the keyset queries read the (date_key, id) index; the
 * filter's clauses, even bound to NULL, would make SQLite read every row.
 * With one, its events are gathered once into temp.hits, ordered by the
 * same key, and every window and count reads that instead. */
static bool filter_empty(const event_filter *f)
{
	return !f || (!f->from_day && !f->to_day && !f->org && !f->tag &&
		      !f->person && !f->match && !f->marked);
}

static char *filter_text(const event_filter *f)
{
	const char *parts[4] = {f->org, f->tag, f->person, f->match};
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%ld %ld %d", f->from_day, f->to_day, f->marked);
	for (size_t i = 0; i < 4; i++)
		strbuf_printf(&sb, " %zu:%s", parts[i] ? strlen(parts[i]) + 1 : 0,
			      parts[i] ? parts[i] : "");
	return strbuf_take(&sb);
}

yp_status store_row_orgs(store *s, long long key, yp_text *out,
			 yp_error *err)
{
	const char *what = "reading organizations";
	sqlite3_stmt *st = store_stmt(s, Q_ROW_ORGS, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	store_bind_int(&b, ":key", key);
	yp_status rc = store_bound(&b, what, err);
	if (rc != YP_OK)
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = store_sql_fail(s, err, what);
	} else {
		const char *ko = (const char *)sqlite3_column_text(st, 0);
		const char *en = (const char *)sqlite3_column_text(st, 1);
		out->ko = strdup(ko ? ko : "");
		out->en = strdup(en ? en : "");
		if (!out->ko || !out->en) {
			model_text_clear(out);
			rc = yp_fail(err, YP_SOFTWARE, "out of memory");
		}
	}
	sqlite3_reset(st);  /* a statement left open holds its snapshot */
	return rc;
}

/* A place as :NAME_date and :NAME_id. */
static void bind_key(store_binding *b, const char *date, const char *id,
		     const row_key *k)
{
	store_bind_int(b, date, k->date_key);
	store_bind_text(b, id, k->id ? k->id : "");
}

/* The count statement q returns, between from and to when q has them;
 * -1 with err set on failure. */
static long count_query(store *s, store_query q, const row_key *from,
			const row_key *to, yp_error *err)
{
	const char *what = "counting events";
	sqlite3_stmt *st = store_stmt(s, q, err);
	if (!st)
		return -1;
	store_binding b = STORE_BINDING(s, st);
	if (to)
		bind_key(&b, ":to_date", ":to_id", to);
	if (from)
		bind_key(&b, ":from_date", ":from_id", from);
	if (store_bound(&b, what, err) != YP_OK)
		return -1;
	long n = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		store_sql_fail(s, err, what);
	sqlite3_reset(st);
	return n;
}

/* Runs a statement that returns no rows, with f's filter bound. */
static yp_status run_filtered(store *s, store_query q, const event_filter *f,
			      yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, q, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	store_bind_filter(&b, f);
	return store_run(&b, "filtering events", err);
}

/* Only a search narrows this way: other filters need the row. */
static bool match_only(const event_filter *f)
{
	return f->match && !f->from_day && !f->to_day && !f->org && !f->tag &&
	       !f->person && !f->marked;
}

/* A search that finds many events keeps them as a map when a window
 * through the timeline's index would skip few rows (a 64th or more of
 * them match); the rest are gathered, sorted, into temp.hits. */
static yp_status map_or_gather(store *s, const event_filter *f,
			       yp_error *err)
{
	if (match_only(f)) {
		if (store_hits_map(s, f->match, err) != YP_OK)
			return err->status;
		long total = count_query(s, Q_EVENT_COUNT, NULL, NULL, err);
		if (total < 0)
			return err->status;
		if (s->map.count >= s->map_min && s->map.count * 64 >= total) {
			s->mapped = true;
			return YP_OK;
		}
		store_hits_forget(s);
	}
	yp_status rc = run_filtered(s, Q_HITS_CLEAR, NULL, err);
	if (rc == YP_OK)
		rc = run_filtered(s, f->match ? Q_HITS_GATHER_MATCH
					      : Q_HITS_GATHER, f, err);
	return rc;
}

static yp_status use_hits(store *s, const event_filter *f, yp_error *err)
{
	char *key = filter_text(f);
	if (!key)
		return yp_fail(err, YP_SOFTWARE, "out of memory");
	if (s->hits_of && strcmp(s->hits_of, key) == 0) {
		free(key);
		return YP_OK;
	}
	store_hits_forget(s);
	yp_status rc = map_or_gather(s, f, err);
	if (rc == YP_OK)
		s->hits_of = key;
	else
		free(key);
	return rc;
}

/* The window statements of store_queries.def's WINDOWS, by row_window. */
#define WINDOWS_OF(NAME) { \
	[WINDOW_FIRST] = Q_##NAME##_FIRST, [WINDOW_LAST] = Q_##NAME##_LAST, \
	[WINDOW_AT] = Q_##NAME##_AT, [WINDOW_AFTER] = Q_##NAME##_AFTER, \
	[WINDOW_BEFORE] = Q_##NAME##_BEFORE}

yp_status store_rows_from(store *s, const event_filter *f, const row_key *from,
			  row_window how, long limit, store_row_fn fn, void *ctx,
			  yp_error *err)
{
	static const store_query windows[][WINDOW_BEFORE + 1] = {
		WINDOWS_OF(WINDOW_ALL), WINDOWS_OF(WINDOW_HITS),
		WINDOWS_OF(WINDOW_MAPPED),
	};
	assert((unsigned)how <= WINDOW_BEFORE);
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return err->status;
	sqlite3_stmt *st = store_stmt(s, windows[!filtered ? 0 : s->mapped ? 2
								       : 1][how],
				      err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	/* without a place, AT, AFTER and BEFORE compare with NULL: no rows */
	if (from && how != WINDOW_FIRST && how != WINDOW_LAST)
		bind_key(&b, ":from_date", ":from_id", from);
	store_bind_int(&b, ":limit", limit);
	row_target t = {.row = fn, .ctx = ctx};
	return walk_rows(&b, visit_row, &t, err);
}

/* Matches of a map from from up to to, as two places from its start. */
static long mapped_between(store *s, const row_key *from, const row_key *to,
			   yp_error *err)
{
	long end = store_hits_before(s, to, err);
	long start = from && end >= 0 ? store_hits_before(s, from, err) : 0;
	return end < 0 || start < 0 ? -1 : end - start;
}

long store_rows_between(store *s, const event_filter *f, const row_key *from,
			const row_key *to, yp_error *err)
{
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return -1;
	/* within a month, count the rows; from further, the kept months */
	bool near = from && from->date_key / 100 == to->date_key / 100;
	if (filtered && s->mapped && !near)
		return mapped_between(s, from, to, err);
	store_query q;
	if (!filtered)
		q = near ? Q_COUNT_ALL_BETWEEN
		    : from ? Q_COUNT_MONTHS_BETWEEN : Q_COUNT_MONTHS_BEFORE;
	else if (s->mapped)
		q = Q_COUNT_MAPPED_BETWEEN;  /* near: from is set */
	else
		q = from ? Q_COUNT_HITS_BETWEEN : Q_COUNT_HITS_BEFORE;
	return count_query(s, q, from, to, err);
}

long store_rows_before(store *s, const event_filter *f, const row_key *key,
		       yp_error *err)
{
	return store_rows_between(s, f, NULL, key, err);
}

long store_rows_total(store *s, const event_filter *f, yp_error *err)
{
	if (filter_empty(f))
		return count_query(s, Q_EVENT_COUNT, NULL, NULL, err);
	if (use_hits(s, f, err) != YP_OK)
		return -1;
	if (s->mapped)
		return s->map.count;
	return count_query(s, Q_HITS_COUNT, NULL, NULL, err);
}

yp_status store_event_key(store *s, const char *id, row_key *out,
			  yp_error *err)
{
	const char *what = "reading a record";
	sqlite3_stmt *st = store_stmt(s, Q_EVENT_PLACE, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	store_bind_text(&b, ":id", id);
	yp_status rc = store_bound(&b, what, err);
	if (rc != YP_OK)
		return rc;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->date_key = (long)sqlite3_column_int64(st, 0);
		out->id = id;
	} else if (step == SQLITE_DONE) {
		rc = yp_fail(err, YP_NOINPUT, "no event with id \"%s\"", id);
	} else {
		rc = store_sql_fail(s, err, what);
	}
	sqlite3_reset(st);
	return rc;
}

/* Visitors for the walks of counts: the row's strings are borrowed from
 * the statement. */
static bool visit_count(sqlite3_stmt *st, void *target)
{
	const row_target *t = target;
	return t->count((long)sqlite3_column_int64(st, 0),
			(long)sqlite3_column_int64(st, 1), t->ctx);
}

static bool visit_org_year(sqlite3_stmt *st, void *target)
{
	const row_target *t = target;
	org_year item = {
		(const char *)sqlite3_column_text(st, 0),
		(const char *)sqlite3_column_text(st, 1),
		{(char *)sqlite3_column_text(st, 2),
		 (char *)sqlite3_column_text(st, 3)},
		sqlite3_column_int(st, 4),
		(long)sqlite3_column_int64(st, 5),
	};
	return t->org_year(&item, t->ctx);
}

yp_status store_month_counts(store *s, const event_filter *f,
			     store_count_fn fn, void *ctx, yp_error *err)
{
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return err->status;
	if (filtered && s->mapped)
		return store_hits_months(s, fn, ctx, err);
	sqlite3_stmt *st = store_stmt(s, filtered ? Q_MONTHS_HITS : Q_MONTHS_ALL,
				      err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	row_target t = {.count = fn, .ctx = ctx};
	return walk_rows(&b, visit_count, &t, err);
}

yp_status store_each_org_year(store *s, const event_filter *f,
			      store_org_year_fn fn, void *ctx, yp_error *err)
{
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return err->status;
	sqlite3_stmt *st = store_stmt(s, !filtered ? Q_ORG_YEARS_ALL
					 : s->mapped ? Q_ORG_YEARS_MAPPED
						     : Q_ORG_YEARS_HITS, err);
	if (!st)
		return err->status;
	store_binding b = STORE_BINDING(s, st);
	row_target t = {.org_year = fn, .ctx = ctx};
	return walk_rows(&b, visit_org_year, &t, err);
}
