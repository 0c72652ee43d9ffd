/* store_write.c: writing records and refreshing the built-in dataset. */
#include "store_priv.h"

static const char *origin_name(store_origin origin)
{
	return origin == ORIGIN_USER ? "user" : "builtin";
}

/* Runs a bound write statement to completion; *written reports whether a
 * row changed (an upsert whose guard refused changes none). */
static yp_status step_write(store *s, sqlite3_stmt *st, bool *written,
			    const char *what, yp_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, err, what);
	if (written)
		*written = sqlite3_changes(s->db) > 0;
	return YP_OK;
}

/* Marks for the search index the events that show this record's name. */
static yp_status mark_dirty(store *s, store_query q, const char *id,
			    yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, q, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, id);
	return step_write(s, st, NULL, "marking the search index", err);
}

yp_status store_put_org(store *s, const yp_org *o, store_origin origin,
			bool *written, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_ORG_PUT, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, o->id);
	store_bind_text(st, 2, o->name.ko);
	store_bind_text(st, 3, o->name.en);
	store_bind_text(st, 4, o->short_name);
	store_bind_text(st, 5, o->kind);
	store_bind_text(st, 6, o->country);
	store_bind_text(st, 7, origin_name(origin));
	bool changed = false;
	yp_status rc = step_write(s, st, &changed, "writing an organization", err);
	if (written)
		*written = changed;
	return rc == YP_OK && changed ? mark_dirty(s, Q_FTS_DIRTY_ORG, o->id, err)
				      : rc;
}

yp_status store_set_org_parent(store *s, const char *id, const char *parent,
			       store_origin origin, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_ORG_PARENT, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, parent);
	store_bind_text(st, 3, origin_name(origin));
	return step_write(s, st, NULL, "linking an organization to its parent",
			  err);
}

yp_status store_put_person(store *s, const yp_person *p, store_origin origin,
			   bool *written, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_PERSON_PUT, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, p->id);
	store_bind_text(st, 2, p->name.ko);
	store_bind_text(st, 3, p->name.en);
	store_bind_text(st, 4, p->org);
	store_bind_text(st, 5, p->title.ko);
	store_bind_text(st, 6, p->title.en);
	store_bind_text(st, 7, origin_name(origin));
	bool changed = false;
	yp_status rc = step_write(s, st, &changed, "writing a person", err);
	if (written)
		*written = changed;
	return rc == YP_OK && changed ? mark_dirty(s, Q_FTS_DIRTY_PERSON, p->id, err)
				      : rc;
}

static void bind_date(sqlite3_stmt *st, int key_col, int prec_col,
		      const yp_date *d)
{
	if (d->precision == DATE_NONE)
		sqlite3_bind_null(st, key_col);
	else
		sqlite3_bind_int64(st, key_col, date_key(d));
	sqlite3_bind_int(st, prec_col, (int)d->precision);
}

yp_status store_put_source(store *s, const yp_source *src, store_origin origin,
			   bool *written, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_SOURCE_PUT, err);
	if (!st)
		return err->status;
	store_bind_text(st, 1, src->id);
	store_bind_text(st, 2, src->title);
	store_bind_text(st, 3, src->publisher);
	bind_date(st, 4, 5, &src->date);
	store_bind_text(st, 6, src->url);
	store_bind_text(st, 7, src->language);
	store_bind_text(st, 8, src->kind);
	store_bind_text(st, 9, origin_name(origin));
	return step_write(s, st, written, "writing a source", err);
}

static yp_status clear_links(store *s, sqlite3_int64 eid, yp_error *err)
{
	static const store_query clears[] = {
		Q_EVENT_CLEAR_ORGS, Q_EVENT_CLEAR_PEOPLE, Q_EVENT_CLEAR_SOURCES,
		Q_EVENT_CLEAR_TAGS, Q_EVENT_CLEAR_FIGURES,
	};
	for (size_t i = 0; i < sizeof(clears) / sizeof(clears[0]); i++) {
		sqlite3_stmt *st = store_stmt(s, clears[i], err);
		if (!st)
			return err->status;
		sqlite3_bind_int64(st, 1, eid);
		yp_status rc = step_write(s, st, NULL, "replacing event links",
					  err);
		if (rc != YP_OK)
			return rc;
	}
	return YP_OK;
}

/* Inserts one link row: eid, position, then the key of the record it
 * links to (when ref_kind is not RECORD_EVENT) and up to three text
 * columns. */
static yp_status add_link(store *s, store_query q, sqlite3_int64 eid, size_t pos,
			  record_kind ref_kind, const char *const text[3],
			  yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, q, err);
	if (!st)
		return err->status;
	sqlite3_bind_int64(st, 1, eid);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)pos);
	int col = 3, i = 0;
	if (ref_kind != RECORD_EVENT) {
		sqlite3_int64 key = store_key(s, ref_kind, text[i++]);
		if (key)
			sqlite3_bind_int64(st, col, key);
		col++;
	}
	int n = sqlite3_bind_parameter_count(st);
	for (; col <= n && i < 3; i++, col++)
		store_bind_text(st, col, text[i]);
	return step_write(s, st, NULL, "writing event links", err);
}

static yp_status add_links(store *s, const yp_event *e, sqlite3_int64 eid,
			   yp_error *err)
{
	yp_status rc = YP_OK;
	for (size_t i = 0; rc == YP_OK && i < e->n_orgs; i++) {
		const char *t[3] = {e->orgs[i].id, e->orgs[i].role, NULL};
		rc = add_link(s, Q_EVENT_ADD_ORG, eid, i, RECORD_ORG, t, err);
	}
	for (size_t i = 0; rc == YP_OK && i < e->n_people; i++) {
		const char *t[3] = {e->people[i].id, e->people[i].role, NULL};
		rc = add_link(s, Q_EVENT_ADD_PERSON, eid, i, RECORD_PERSON, t,
			      err);
	}
	for (size_t i = 0; rc == YP_OK && i < e->n_sources; i++) {
		const char *t[3] = {e->sources[i], NULL, NULL};
		rc = add_link(s, Q_EVENT_ADD_SOURCE, eid, i, RECORD_SOURCE, t,
			      err);
	}
	for (size_t i = 0; rc == YP_OK && i < e->n_tags; i++) {
		const char *t[3] = {e->tags[i], NULL, NULL};
		rc = add_link(s, Q_EVENT_ADD_TAG, eid, i, RECORD_EVENT, t, err);
	}
	for (size_t i = 0; rc == YP_OK && i < e->n_figures; i++) {
		const char *t[3] = {e->figures[i].label.ko,
				    e->figures[i].label.en,
				    e->figures[i].value};
		rc = add_link(s, Q_EVENT_ADD_FIGURE, eid, i, RECORD_EVENT, t,
			      err);
	}
	return rc;
}

static void bind_event(sqlite3_stmt *st, const yp_event *e,
		       store_origin origin)
{
	const yp_date *last = e->end_date.precision ? &e->end_date : &e->date;
	store_bind_text(st, 1, e->id);
	bind_date(st, 2, 3, &e->date);
	bind_date(st, 4, 5, &e->end_date);
	sqlite3_bind_int64(st, 6, date_last_day(last));
	store_bind_text(st, 7, e->status);
	store_bind_text(st, 8, e->kind);
	store_bind_text(st, 9, e->title.ko);
	store_bind_text(st, 10, e->title.en);
	store_bind_text(st, 11, e->summary.ko);
	store_bind_text(st, 12, e->summary.en);
	store_bind_text(st, 13, e->notes.ko);
	store_bind_text(st, 14, e->notes.en);
	store_bind_text(st, 15, origin_name(origin));
}

yp_status store_put_event(store *s, const yp_event *e, store_origin origin,
			  bool *written, yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, Q_EVENT_PUT, err);
	if (!st)
		return err->status;
	bind_event(st, e, origin);
	bool changed = false;
	/* A new event has no links to clear and its key is the rowid just
	 * inserted; only an update (which leaves the rowid alone) needs both
	 * looked up. This halves the statements of a bulk import. */
	sqlite3_set_last_insert_rowid(s->db, 0);
	yp_status rc = step_write(s, st, &changed, "writing an event", err);
	if (written)
		*written = changed;
	if (rc != YP_OK || !changed)
		return rc;
	sqlite3_int64 eid = sqlite3_last_insert_rowid(s->db);
	if (eid == 0) {
		eid = store_key(s, RECORD_EVENT, e->id);
		if (eid == 0)
			return store_sql_fail(s, err,
					      "finding the event just written");
		rc = clear_links(s, eid, err);
	}
	if (rc == YP_OK)
		rc = add_links(s, e, eid, err);
	sqlite3_stmt *dirty = rc == YP_OK ? store_stmt(s, Q_FTS_DIRTY_EVENT, err)
					  : NULL;
	if (dirty) {
		sqlite3_bind_int64(dirty, 1, eid);
		rc = step_write(s, dirty, NULL, "marking the search index", err);
	}
	return rc;
}

yp_status store_builtin_mark(store *s, yp_error *err)
{
	static const char sql[] =
		"UPDATE organizations SET origin = 'stale' WHERE origin = 'builtin';"
		"UPDATE people SET origin = 'stale' WHERE origin = 'builtin';"
		"UPDATE sources SET origin = 'stale' WHERE origin = 'builtin';"
		"UPDATE events SET origin = 'stale' WHERE origin = 'builtin';";
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(s, err, "refreshing the built-in dataset");
	return YP_OK;
}

yp_status store_builtin_prune(store *s, yp_error *err)
{
	/* Events first, so that records only they referred to become free;
	 * what a user record still refers to stays, as built-in. */
	static const char sql[] =
		"INSERT OR IGNORE INTO temp.fts_dirty"
		" SELECT eid FROM events WHERE origin = 'stale';"
		"DELETE FROM events WHERE origin = 'stale';"
		"DELETE FROM sources WHERE origin = 'stale' AND NOT EXISTS"
		" (SELECT 1 FROM event_sources l WHERE l.sid = sources.sid);"
		"DELETE FROM people WHERE origin = 'stale' AND NOT EXISTS"
		" (SELECT 1 FROM event_people l WHERE l.pid = people.pid);"
		"DELETE FROM organizations WHERE origin = 'stale' AND NOT EXISTS"
		" (SELECT 1 FROM event_orgs l WHERE l.oid = organizations.oid)"
		" AND NOT EXISTS (SELECT 1 FROM people p"
		"  WHERE p.oid = organizations.oid)"
		" AND NOT EXISTS (SELECT 1 FROM organizations c"
		"  WHERE c.parent_oid = organizations.oid);"
		"UPDATE organizations SET origin = 'builtin' WHERE origin = 'stale';"
		"UPDATE people SET origin = 'builtin' WHERE origin = 'stale';"
		"UPDATE sources SET origin = 'builtin' WHERE origin = 'stale';";
	store_forget_keys(s);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(s, err, "refreshing the built-in dataset");
	return YP_OK;
}
