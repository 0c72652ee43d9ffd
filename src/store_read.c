/* store_read.c: reading records back as model structs, one by id or all in
 * a stable order (what export, list and show need). */
#include "store_priv.h"

#include <stdlib.h>
#include <string.h>

#include "yeonpyo/strbuf.h"

static yp_status not_found(yp_error *err, const char *what, const char *id)
{
	return yp_fail(err, YP_NOINPUT, "no %s with id \"%s\"", what, id);
}

static yp_date column_date(sqlite3_stmt *st, int key_col, int prec_col)
{
	int prec = sqlite3_column_int(st, prec_col);
	if (prec < DATE_YEAR || prec > DATE_DAY ||
	    sqlite3_column_type(st, key_col) == SQLITE_NULL)
		return date_from_key(0, DATE_NONE);
	return date_from_key((long)sqlite3_column_int64(st, key_col),
			     (date_precision)prec);
}

/* Row readers: the column order is that of the Q_*_GET queries, which the
 * walks below repeat so both paths fill records the same way. */
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
	src->date = column_date(st, 3, 4);
	src->url = store_column_dup(st, 5);
	src->language = store_column_dup(st, 6);
	src->kind = store_column_dup(st, 7);
}

/* Reads events' own columns; returns the eid for loading links. */
static sqlite3_int64 read_event(sqlite3_stmt *st, yp_event *e)
{
	e->id = store_column_dup(st, 1);
	e->date = column_date(st, 2, 3);
	e->end_date = column_date(st, 4, 5);
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
	sqlite3_stmt *st = store_stmt(s, q, err);
	if (!st)
		return err->status;
	sqlite3_bind_int64(st, 1, eid);
	int rc;
	size_t i = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!add(st, e, i++)) {
			sqlite3_reset(st);
			return yp_fail(err, YP_SOFTWARE, "out of memory");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, err, "reading event links");
	return YP_OK;
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

/* Steps a by-id query once; YP_NOINPUT when there is no row. */
static yp_status step_one(store *s, sqlite3_stmt *st, const char *what,
			  const char *id, yp_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return YP_OK;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return not_found(err, what, id);
	return store_sql_fail(s, err, "reading a record");
}

yp_status store_get_org(store *s, const char *id, yp_org *out, yp_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = store_stmt(s, Q_ORG_GET, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, id);
	yp_status rc = step_one(s, st, "organization", id, err);
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
	sqlite3_stmt *st = store_stmt(s, Q_PERSON_GET, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, id);
	yp_status rc = step_one(s, st, "person", id, err);
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
	sqlite3_stmt *st = store_stmt(s, Q_SOURCE_GET, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, id);
	yp_status rc = step_one(s, st, "source", id, err);
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
	sqlite3_stmt *st = store_stmt(s, Q_EVENT_GET, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, id);
	yp_status rc = step_one(s, st, "event", id, err);
	if (rc != YP_OK)
		return rc;
	sqlite3_int64 eid = read_event(st, out);
	sqlite3_reset(st);
	rc = load_links(s, eid, out, err);
	if (rc != YP_OK)
		model_event_clear(out);
	return rc;
}

/* Walks rows of an ad-hoc query (not cached: each walk runs once per
 * command) and hands each to visit, which fills and passes on a record. */
typedef struct {
	store_org_fn org;
	store_person_fn person;
	store_source_fn source;
	store_event_fn event;
	store_row_fn row;
	store_id_fn id;
	store_count_fn count;
	store_org_year_fn org_year;
	void *ctx;
} walk_target;

typedef bool (*row_visit_fn)(store *s, sqlite3_stmt *st, const walk_target *t,
			     yp_status *rc, yp_error *err);

static yp_status walk(store *s, sqlite3_stmt *st, row_visit_fn visit,
		      const walk_target *t, yp_error *err)
{
	int rc;
	yp_status status = YP_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!visit(s, st, t, &status, err))
			break;
	}
	if (status == YP_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_sql_fail(s, err, "reading records");
	sqlite3_finalize(st);
	return status;
}

static sqlite3_stmt *prepare(store *s, const char *sql, yp_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_sql_fail(s, err, "preparing a query");
		return NULL;
	}
	return st;
}

static bool visit_org(store *s, sqlite3_stmt *st, const walk_target *t,
		      yp_status *rc, yp_error *err)
{
	(void)s;
	(void)rc;
	(void)err;
	yp_org o = {0};
	read_org(st, &o);
	bool more = t->org(&o, t->ctx);
	model_org_clear(&o);
	return more;
}

yp_status store_each_org(store *s, store_org_fn fn, void *ctx, yp_error *err)
{
	/* Parents before children (NDJSON readers need that), then by id. */
	static const char sql[] =
		"WITH RECURSIVE tree(oid, depth) AS ("
		" SELECT oid, 0 FROM organizations WHERE parent_oid IS NULL"
		" UNION ALL SELECT o.oid, t.depth + 1 FROM organizations o"
		" JOIN tree t ON o.parent_oid = t.oid WHERE t.depth < 64)"
		" SELECT o.id, o.name_ko, o.name_en, o.short_name, o.kind,"
		" o.country, p.id FROM organizations o"
		" JOIN (SELECT oid, max(depth) AS depth FROM tree GROUP BY oid) t"
		" ON t.oid = o.oid"
		" LEFT JOIN organizations p ON p.oid = o.parent_oid"
		" ORDER BY t.depth, o.id";
	sqlite3_stmt *st = prepare(s, sql, err);
	walk_target t = {.org = fn, .ctx = ctx};
	return st ? walk(s, st, visit_org, &t, err) : err->status;
}

static bool visit_person(store *s, sqlite3_stmt *st, const walk_target *t,
			 yp_status *rc, yp_error *err)
{
	(void)s;
	(void)rc;
	(void)err;
	yp_person p = {0};
	read_person(st, &p);
	bool more = t->person(&p, t->ctx);
	model_person_clear(&p);
	return more;
}

yp_status store_each_person(store *s, store_person_fn fn, void *ctx,
			    yp_error *err)
{
	static const char sql[] =
		"SELECT p.id, p.name_ko, p.name_en, o.id, p.title_ko, p.title_en"
		" FROM people p LEFT JOIN organizations o ON o.oid = p.oid"
		" ORDER BY p.id";
	sqlite3_stmt *st = prepare(s, sql, err);
	walk_target t = {.person = fn, .ctx = ctx};
	return st ? walk(s, st, visit_person, &t, err) : err->status;
}

static bool visit_source(store *s, sqlite3_stmt *st, const walk_target *t,
			 yp_status *rc, yp_error *err)
{
	(void)s;
	(void)rc;
	(void)err;
	yp_source src = {0};
	read_source(st, &src);
	bool more = t->source(&src, t->ctx);
	model_source_clear(&src);
	return more;
}

yp_status store_each_source(store *s, store_source_fn fn, void *ctx,
			    yp_error *err)
{
	static const char sql[] =
		"SELECT id, title, publisher, date_key, date_precision, url,"
		" language, kind FROM sources ORDER BY id";
	sqlite3_stmt *st = prepare(s, sql, err);
	walk_target t = {.source = fn, .ctx = ctx};
	return st ? walk(s, st, visit_source, &t, err) : err->status;
}

static bool visit_event(store *s, sqlite3_stmt *st, const walk_target *t,
			yp_status *rc, yp_error *err)
{
	yp_event e = {0};
	sqlite3_int64 eid = read_event(st, &e);
	*rc = load_links(s, eid, &e, err);
	bool more = *rc == YP_OK && t->event(&e, t->ctx);
	model_event_clear(&e);
	return more;
}

/* Unused filters bind NULL and drop out of the WHERE clause, so one
 * statement serves every combination. */
#define EVENT_WHERE_LINKS \
	" WHERE (?1 IS NULL OR span_end >= ?1)" \
	" AND (?2 IS NULL OR e.date_key <= ?2)" \
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM event_orgs l" \
	"  JOIN organizations o ON o.oid = l.oid" \
	"  WHERE l.eid = e.eid AND o.id = ?3))" \
	" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM event_tags t" \
	"  WHERE t.eid = e.eid AND t.tag = ?4))" \
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM event_people l" \
	"  JOIN people p ON p.pid = l.pid WHERE l.eid = e.eid AND p.id = ?6))" \
	" AND (?12 IS NULL OR e.id IN (SELECT event_id FROM state.marks))"
#define EVENT_WHERE EVENT_WHERE_LINKS \
	" AND (?5 IS NULL OR e.eid IN (SELECT rowid FROM event_fts" \
	"  WHERE event_fts MATCH ?5))"
#define EVENT_FILTER EVENT_WHERE " ORDER BY date_key, id"

static void bind_filter(sqlite3_stmt *st, const event_filter *f)
{
	if (!f)
		return;
	if (f->from_day)
		sqlite3_bind_int64(st, 1, f->from_day);
	if (f->to_day)
		sqlite3_bind_int64(st, 2, f->to_day);
	store_bind_text(st, 3, f->org);
	store_bind_text(st, 4, f->tag);
	store_bind_text(st, 5, f->match);
	if (f->marked)
		sqlite3_bind_int(st, 12, 1);
	store_bind_text(st, 6, f->person);
}

yp_status store_each_event(store *s, const event_filter *f, store_event_fn fn,
			   void *ctx, yp_error *err)
{
	static const char sql[] =
		"SELECT eid, id, date_key, date_precision, end_key,"
		" end_precision, status, kind, title_ko, title_en, summary_ko,"
		" summary_en, notes_ko, notes_en FROM events e" EVENT_FILTER;
	sqlite3_stmt *st = prepare(s, sql, err);
	if (!st)
		return err->status;
	bind_filter(st, f);
	walk_target t = {.event = fn, .ctx = ctx};
	return walk(s, st, visit_event, &t, err);
}

static bool visit_row(store *s, sqlite3_stmt *st, const walk_target *t,
		      yp_status *rc, yp_error *err)
{
	(void)s;
	(void)rc;
	(void)err;
	/* the row's strings are borrowed from the statement: no copies */
	const char *status = (const char *)sqlite3_column_text(st, 5);
	event_row row = {
		(char *)sqlite3_column_text(st, 0),
		column_date(st, 1, 2),
		column_date(st, 3, 4),
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

/* The columns of an event_row: its place in the timeline's index, and
 * its organizations or two NULLs. */
#define ROW_PLACE \
	"SELECT e.id, e.date_key, e.date_precision, e.end_key, e.end_precision," \
	" e.status, e.title_ko, e.title_en,"
#define ROW_SELECT ROW_PLACE ROW_ORGS("e.eid") ", e.eid, 0, 0"
#define ROW_SELECT_PLACE ROW_PLACE " NULL, NULL, e.eid," \
	" EXISTS (SELECT 1 FROM state.marks WHERE event_id = e.id)," \
	" EXISTS (SELECT 1 FROM state.seen WHERE event_id = e.id)"
#define ROW_COLUMNS ROW_SELECT " FROM events e"

yp_status store_each_row(store *s, const event_filter *f, store_row_fn fn,
			 void *ctx, yp_error *err)
{
	static const char sql[] = ROW_COLUMNS EVENT_FILTER;
	sqlite3_stmt *st = prepare(s, sql, err);
	if (!st)
		return err->status;
	bind_filter(st, f);
	walk_target t = {.row = fn, .ctx = ctx};
	return walk(s, st, visit_row, &t, err);
}

yp_status store_search(store *s, const char *match, long limit,
		       store_event_fn fn, void *ctx, yp_error *err)
{
	/* bm25 weights per column: title, body, names, choseong */
	static const char sql[] =
		"SELECT e.eid, e.id, e.date_key, e.date_precision, e.end_key,"
		" e.end_precision, e.status, e.kind, e.title_ko, e.title_en,"
		" e.summary_ko, e.summary_en, e.notes_ko, e.notes_en"
		" FROM event_fts JOIN events e ON e.eid = event_fts.rowid"
		" WHERE event_fts MATCH ?1"
		" ORDER BY bm25(event_fts, 10.0, 1.0, 5.0, 5.0), e.date_key, e.id"
		" LIMIT ?2";
	sqlite3_stmt *st = prepare(s, sql, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, match);
	sqlite3_bind_int64(st, 2, limit);
	walk_target t = {.event = fn, .ctx = ctx};
	return walk(s, st, visit_event, &t, err);
}

/* Hands each row (id, name_ko, name_en, short, count, first, last, kind)
 * to fn as a facet_item, then finalizes the statement. */
static yp_status walk_facets(store *s, sqlite3_stmt *st, store_facet_fn fn,
			     void *ctx, yp_error *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
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
		if (!fn(&it, ctx))
			break;
	}
	yp_status status = YP_OK;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_sql_fail(s, err, "reading organizations, people "
					"and tags");
	sqlite3_finalize(st);
	return status;
}

yp_status store_each_facet(store *s, facet_kind kind, store_facet_fn fn,
			   void *ctx, yp_error *err)
{
	static const char *const sql[] = {
		[FACET_ORG] = "SELECT o.id, o.name_ko, o.name_en, o.short_name,"
			" count(*), min(e.date_key), max(e.date_key), o.kind"
			" FROM organizations o JOIN event_orgs l ON l.oid = o.oid"
			" JOIN events e ON e.eid = l.eid GROUP BY o.oid",
		[FACET_PERSON] = "SELECT p.id, p.name_ko, p.name_en, NULL,"
			" count(*), min(e.date_key), max(e.date_key), NULL"
			" FROM people p JOIN event_people l ON l.pid = p.pid"
			" JOIN events e ON e.eid = l.eid GROUP BY p.pid",
		[FACET_TAG] = "SELECT t.tag, t.tag, t.tag, NULL, count(*),"
			" min(e.date_key), max(e.date_key), NULL FROM event_tags t"
			" JOIN events e ON e.eid = t.eid GROUP BY t.tag",
		[FACET_YEAR] = "SELECT y, y, y, NULL, count(*), min(date_key),"
			" max(date_key), NULL FROM (SELECT CAST(date_key / 10000 AS TEXT)"
			" AS y, date_key FROM events) GROUP BY y",
	};
	sqlite3_stmt *st = prepare(s, sql[kind], err);
	return st ? walk_facets(s, st, fn, ctx, err) : err->status;
}

yp_status store_each_partner(store *s, const char *id, long limit,
			     store_facet_fn fn, void *ctx, yp_error *err)
{
	static const char sql[] =
		"SELECT o.id, o.name_ko, o.name_en, o.short_name, count(*),"
		" min(e.date_key), max(e.date_key), o.kind"
		" FROM event_orgs a JOIN event_orgs b ON b.eid = a.eid"
		" AND b.oid <> a.oid JOIN organizations o ON o.oid = b.oid"
		" JOIN events e ON e.eid = a.eid"
		" WHERE a.oid = (SELECT oid FROM organizations WHERE id = ?1)"
		" GROUP BY b.oid ORDER BY count(*) DESC, o.id LIMIT ?2";
	sqlite3_stmt *st = prepare(s, sql, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, limit);
	return walk_facets(s, st, fn, ctx, err);
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
	sqlite3_stmt *st = store_stmt(s, Q_ROW_ORGS, err);
	if (!st)
		return err->status;
	sqlite3_bind_int64(st, 1, key);
	yp_status rc = YP_OK;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = store_sql_fail(s, err, "reading organizations");
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

static long count_query(store *s, const char *sql, const row_key *from,
			const row_key *to, yp_error *err)
{
	sqlite3_stmt *st = prepare(s, sql, err);
	if (!st)
		return -1;
	if (to) {
		sqlite3_bind_int64(st, 7, to->date_key);
		store_bind_text(st, 8, to->id ? to->id : "");
	}
	if (from) {
		sqlite3_bind_int64(st, 10, from->date_key);
		store_bind_text(st, 11, from->id ? from->id : "");
	}
	long n = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		store_sql_fail(s, err, "counting events");
	sqlite3_finalize(st);
	return n;
}

/* Runs a statement that returns no rows, with f's filter bound. */
static yp_status run_filtered(store *s, const char *sql, const event_filter *f,
			      yp_error *err)
{
	sqlite3_stmt *st = prepare(s, sql, err);
	if (!st)
		return err->status;
	bind_filter(st, f);
	yp_status rc = sqlite3_step(st) == SQLITE_DONE
			       ? YP_OK : store_sql_fail(s, err, "filtering events");
	sqlite3_finalize(st);
	return rc;
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
		long total = count_query(s, "SELECT n FROM event_count", NULL,
					 NULL, err);
		if (total < 0)
			return err->status;
		if (s->map.count >= s->map_min && s->map.count * 64 >= total) {
			s->mapped = true;
			return YP_OK;
		}
		store_hits_forget(s);
	}
	yp_status rc = run_filtered(s, "DELETE FROM temp.hits", NULL, err);
	/* a search drives from the index's matches rather than every row;
	 * rows sorted before they go in are appended, not scattered over
	 * the table (half the time for 760,000 matches) */
	if (rc == YP_OK)
		rc = run_filtered(s, f->match
			? "INSERT INTO temp.hits SELECT e.date_key, e.id, e.eid"
			  " FROM event_fts JOIN events e ON e.eid = event_fts.rowid"
			  EVENT_WHERE_LINKS " AND event_fts MATCH ?5"
			  " ORDER BY e.date_key, e.id"
			: "INSERT INTO temp.hits SELECT date_key, id, eid"
			  " FROM events e" EVENT_WHERE " ORDER BY date_key, id",
			f, err);
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

/* C: a condition and AND, or nothing. */
#define WINDOW_SQL(FROM, C, K) { \
	[WINDOW_FIRST] = ROW_SELECT_PLACE FROM " WHERE " C "1" \
		" ORDER BY " K "date_key, " K "id LIMIT ?9", \
	[WINDOW_LAST] = ROW_SELECT_PLACE FROM " WHERE " C "1" \
		" ORDER BY " K "date_key DESC, " K "id DESC LIMIT ?9", \
	[WINDOW_AT] = ROW_SELECT_PLACE FROM \
		" WHERE " C "(" K "date_key, " K "id) >= (?7, ?8)" \
		" ORDER BY " K "date_key, " K "id LIMIT ?9", \
	[WINDOW_AFTER] = ROW_SELECT_PLACE FROM \
		" WHERE " C "(" K "date_key, " K "id) > (?7, ?8)" \
		" ORDER BY " K "date_key, " K "id LIMIT ?9", \
	[WINDOW_BEFORE] = ROW_SELECT_PLACE FROM \
		" WHERE " C "(" K "date_key, " K "id) < (?7, ?8)" \
		" ORDER BY " K "date_key DESC, " K "id DESC LIMIT ?9", \
}

/* Keyset windows: each direction is its own statement, so that an index
 * in timeline order serves it; OFFSET is never used. */
yp_status store_rows_from(store *s, const event_filter *f, const row_key *from,
			  row_window how, long limit, store_row_fn fn, void *ctx,
			  yp_error *err)
{
	static const char *const all[] = WINDOW_SQL(" FROM events e", "", "e.");
	static const char *const hits[] = WINDOW_SQL(
		" FROM temp.hits h JOIN events e ON e.eid = h.eid", "", "h.");
	static const char *const mapped[] = WINDOW_SQL(
		" FROM events e", "yp_hit(e.eid) AND ", "e.");
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return err->status;
	const char *const *sql = !filtered ? all : s->mapped ? mapped : hits;
	sqlite3_stmt *st = prepare(s, sql[how], err);
	if (!st)
		return err->status;
	if (from) {
		sqlite3_bind_int64(st, 7, from->date_key);
		store_bind_text(st, 8, from->id ? from->id : "");
	}
	sqlite3_bind_int64(st, 9, limit);
	walk_target t = {.row = fn, .ctx = ctx};
	return walk(s, st, visit_row, &t, err);
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
#define BETWEEN(TABLE) \
	{"SELECT count(*) FROM " TABLE " WHERE (date_key, id) < (?7, ?8)", \
	 "SELECT count(*) FROM " TABLE " WHERE (date_key, id) < (?7, ?8)" \
	 " AND (date_key, id) >= (?10, ?11)"}
	static const char *const all[] = BETWEEN("events");
	static const char *const hits[] = BETWEEN("temp.hits");
#undef BETWEEN
	/* Without a filter: the months before to's month (minus those before
	 * from's), then the rows of to's month before it (minus from's). */
	static const char *const months[] = {
		"SELECT (SELECT coalesce(sum(n), 0) FROM event_months"
		"  WHERE month < ?7 / 100)"
		" + (SELECT count(*) FROM events WHERE date_key >= ?7 / 100 * 100"
		"  AND (date_key, id) < (?7, ?8))",
		"SELECT (SELECT coalesce(sum(n), 0) FROM event_months"
		"  WHERE month >= ?10 / 100 AND month < ?7 / 100)"
		" + (SELECT count(*) FROM events WHERE date_key >= ?7 / 100 * 100"
		"  AND (date_key, id) < (?7, ?8))"
		" - (SELECT count(*) FROM events WHERE date_key >= ?10 / 100 * 100"
		"  AND (date_key, id) < (?10, ?11))",
	};
	static const char *const mapped[] = {
		NULL,
		"SELECT count(*) FROM events WHERE (date_key, id) < (?7, ?8)"
		" AND (date_key, id) >= (?10, ?11) AND yp_hit(eid)",
	};
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return -1;
	bool near = from && from->date_key / 100 == to->date_key / 100;
	if (filtered && s->mapped && !near)
		return mapped_between(s, from, to, err);
	const char *const *sql = !filtered ? (near ? all : months)
			       : s->mapped ? mapped : hits;
	return count_query(s, sql[from != NULL], from, to, err);
}

long store_rows_before(store *s, const event_filter *f, const row_key *key,
		       yp_error *err)
{
	return store_rows_between(s, f, NULL, key, err);
}

long store_rows_total(store *s, const event_filter *f, yp_error *err)
{
	if (filter_empty(f))
		return count_query(s, "SELECT n FROM event_count", NULL, NULL,
				   err);
	if (use_hits(s, f, err) != YP_OK)
		return -1;
	if (s->mapped)
		return s->map.count;
	return count_query(s, "SELECT count(*) FROM temp.hits", NULL, NULL,
			   err);
}

yp_status store_event_key(store *s, const char *id, row_key *out,
			  yp_error *err)
{
	sqlite3_stmt *st = prepare(s, "SELECT date_key FROM events WHERE id = ?1",
				   err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, id);
	yp_status rc = step_one(s, st, "event", id, err);
	if (rc == YP_OK) {
		out->date_key = (long)sqlite3_column_int64(st, 0);
		out->id = id;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Visitors for the walks of single columns and counts: the row's
 * strings are borrowed from the statement. */
static bool visit_id(store *s, sqlite3_stmt *st, const walk_target *t,
		     yp_status *rc, yp_error *err)
{
	(void)s;
	(void)rc;
	(void)err;
	return t->id((const char *)sqlite3_column_text(st, 0), t->ctx);
}

static bool visit_count(store *s, sqlite3_stmt *st, const walk_target *t,
			yp_status *rc, yp_error *err)
{
	(void)s;
	(void)rc;
	(void)err;
	return t->count((long)sqlite3_column_int64(st, 0),
			(long)sqlite3_column_int64(st, 1), t->ctx);
}

static bool visit_org_year(store *s, sqlite3_stmt *st, const walk_target *t,
			   yp_status *rc, yp_error *err)
{
	(void)s;
	(void)rc;
	(void)err;
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

yp_status store_each_event_id(store *s, const char *prefix, long limit,
			      store_id_fn fn, void *ctx, yp_error *err)
{
	/* ids are compared as bytes: the range [prefix, prefix + U+10FFFF)
	 * holds exactly those that start with it, read from the index */
	sqlite3_stmt *st = prepare(s, "SELECT id FROM events WHERE id >= ?1"
				   " AND id < ?1 || char(1114111)"
				   " ORDER BY id LIMIT ?2", err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, prefix);
	sqlite3_bind_int64(st, 2, limit);
	walk_target t = {.id = fn, .ctx = ctx};
	return walk(s, st, visit_id, &t, err);
}

yp_status store_month_counts(store *s, const event_filter *f,
			     store_count_fn fn, void *ctx, yp_error *err)
{
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return err->status;
	if (filtered && s->mapped)
		return store_hits_months(s, fn, ctx, err);
	sqlite3_stmt *st = prepare(s, filtered
		? "SELECT date_key / 100, count(*) FROM temp.hits"
		  " GROUP BY 1 ORDER BY 1"
		: "SELECT month, n FROM event_months WHERE n > 0 ORDER BY month",
		err);
	if (!st)
		return err->status;
	walk_target t = {.count = fn, .ctx = ctx};
	return walk(s, st, visit_count, &t, err);
}

yp_status store_each_org_year(store *s, const event_filter *f,
			      store_org_year_fn fn, void *ctx, yp_error *err)
{
#define ORG_YEAR(FROM, YEAR, WHERE) \
	"SELECT o.id, o.short_name, o.name_ko, o.name_en, " YEAR " / 10000," \
	" count(*) " FROM " JOIN organizations o ON o.oid = l.oid" WHERE \
	" GROUP BY l.oid, " YEAR " / 10000"
	static const char *const sql[] = {
		ORG_YEAR("FROM event_orgs l JOIN events e ON e.eid = l.eid",
			 "e.date_key", ""),
		ORG_YEAR("FROM temp.hits h JOIN event_orgs l ON l.eid = h.eid",
			 "h.date_key", ""),
		ORG_YEAR("FROM event_orgs l JOIN events e ON e.eid = l.eid",
			 "e.date_key", " WHERE yp_hit(l.eid)"),
	};
#undef ORG_YEAR
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return err->status;
	sqlite3_stmt *st = prepare(s, sql[!filtered ? 0 : s->mapped ? 2 : 1],
				   err);
	if (!st)
		return err->status;
	walk_target t = {.org_year = fn, .ctx = ctx};
	return walk(s, st, visit_org_year, &t, err);
}
