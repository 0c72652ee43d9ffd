/* store_write.c: writing records and refreshing the built-in dataset. */
#include "store_priv.h"

#include <assert.h>

#include "yeonpyo/strbuf.h"

static const char *origin_name(store_origin origin)
{
	return origin == ORIGIN_USER ? "user" : "builtin";
}

/* Runs a write statement with the values of b to completion; *written
 * reports whether a row changed (an upsert whose guard refused changes
 * none). */
static yp_status step_write(const store_binding *b, bool *written,
			    const char *what, yp_error *err)
{
	yp_status rc = store_run(b, what, err);
	if (rc == YP_OK && written)
		*written = sqlite3_changes(b->s->db) > 0;
	return rc;
}

/* Replaces the aliases of the record with id (clear, then add at :pos
 * with :alias); only after the record itself was written, so that a
 * user's record keeps its own when a built-in one is refused. */
static yp_status put_aliases(store *s, store_query clear, store_query add,
			     const char *id, char *const *aliases, size_t n,
			     yp_error *err)
{
	store_binding b = store_take(s, clear, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", id);
	yp_status rc = step_write(&b, NULL, "replacing aliases", err);
	for (size_t i = 0; rc == YP_OK && i < n; i++) {
		b = store_take(s, add, err);
		if (!b.st)
			return err->status;
		store_bind_text(&b, ":id", id);
		store_bind_int(&b, ":pos", (sqlite3_int64)i);
		store_bind_text(&b, ":alias", aliases[i]);
		rc = step_write(&b, NULL, "writing aliases", err);
	}
	return rc;
}

yp_status store_put_org(store *s, const yp_org *o, store_origin origin,
			bool *written, yp_error *err)
{
	assert(s->fts_triggers);  /* written inside store_begin */
	store_binding b = store_take(s, Q_ORG_PUT, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", o->id);
	store_bind_text(&b, ":name_ko", o->name.ko);
	store_bind_text(&b, ":name_en", o->name.en);
	store_bind_text(&b, ":short_name", o->short_name);
	store_bind_text(&b, ":kind", o->kind);
	store_bind_text(&b, ":country", o->country);
	store_bind_text(&b, ":origin", origin_name(origin));
	bool changed = false;
	yp_status rc = step_write(&b, &changed, "writing an organization", err);
	if (written)
		*written = changed;
	if (rc != YP_OK || !changed)
		return rc;
	/* the events that show its names leave the search index by the
	 * connection's triggers (store.c), before the names change */
	return put_aliases(s, Q_ORG_ALIASES_CLEAR, Q_ORG_ALIAS_ADD, o->id,
			   o->aliases, o->n_aliases, err);
}

yp_status store_set_org_parent(store *s, const char *id, const char *parent,
			       store_origin origin, yp_error *err)
{
	store_binding b = store_take(s, Q_ORG_PARENT, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", id);
	store_bind_text(&b, ":parent", parent);
	store_bind_text(&b, ":origin", origin_name(origin));
	return step_write(&b, NULL, "linking an organization to its parent",
			  err);
}

yp_status store_put_person(store *s, const yp_person *p, store_origin origin,
			   bool *written, yp_error *err)
{
	assert(s->fts_triggers);  /* written inside store_begin */
	store_binding b = store_take(s, Q_PERSON_PUT, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", p->id);
	store_bind_text(&b, ":name_ko", p->name.ko);
	store_bind_text(&b, ":name_en", p->name.en);
	store_bind_text(&b, ":org", p->org);
	store_bind_text(&b, ":title_ko", p->title.ko);
	store_bind_text(&b, ":title_en", p->title.en);
	store_bind_text(&b, ":origin", origin_name(origin));
	bool changed = false;
	yp_status rc = step_write(&b, &changed, "writing a person", err);
	if (written)
		*written = changed;
	if (rc != YP_OK || !changed)
		return rc;
	return put_aliases(s, Q_PERSON_ALIASES_CLEAR, Q_PERSON_ALIAS_ADD,
			   p->id, p->aliases, p->n_aliases, err);
}

/* A date as its key (NULL when there is none) and precision. */
static void bind_date(store_binding *b, const char *key, const char *prec,
		      const yp_date *d)
{
	if (d->precision == DATE_NONE)
		store_bind_text(b, key, NULL);
	else
		store_bind_int(b, key, date_key(d));
	store_bind_int(b, prec, (sqlite3_int64)d->precision);
}

yp_status store_put_source(store *s, const yp_source *src, store_origin origin,
			   bool *written, yp_error *err)
{
	assert(s->fts_triggers);  /* written inside store_begin */
	store_binding b = store_take(s, Q_SOURCE_PUT, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", src->id);
	store_bind_text(&b, ":title", src->title);
	store_bind_text(&b, ":publisher", src->publisher);
	bind_date(&b, ":date_key", ":date_precision", &src->date);
	store_bind_text(&b, ":url", src->url);
	store_bind_text(&b, ":language", src->language);
	store_bind_text(&b, ":kind", src->kind);
	store_bind_text(&b, ":origin", origin_name(origin));
	return step_write(&b, written, "writing a source", err);
}

static yp_status clear_links(store *s, sqlite3_int64 eid, yp_error *err)
{
	static const store_query clears[] = {
		Q_EVENT_CLEAR_ORGS, Q_EVENT_CLEAR_PEOPLE, Q_EVENT_CLEAR_SOURCES,
		Q_EVENT_CLEAR_TAGS, Q_EVENT_CLEAR_FIGURES,
		Q_EVENT_CLEAR_EVENT_LINKS,
	};
	for (size_t i = 0; i < sizeof(clears) / sizeof(clears[0]); i++) {
		store_binding b = store_take(s, clears[i], err);
		if (!b.st)
			return err->status;
		store_bind_int(&b, ":eid", eid);
		yp_status rc = step_write(&b, NULL, "replacing event links", err);
		if (rc != YP_OK)
			return rc;
	}
	return YP_OK;
}

/* The rows that link an event to others: the statement, and the
 * parameters of a link's texts; a link to a record (ref not
 * RECORD_EVENT) has that record's id first, written as its key (:ref). */
#define LINK_TEXTS 5

typedef struct {
	store_query q;
	record_kind ref;
	const char *params[LINK_TEXTS];
} link_kind;

static const link_kind org_link = {Q_EVENT_ADD_ORG, RECORD_ORG,
				   {":ref", ":role", NULL}};
static const link_kind person_link = {Q_EVENT_ADD_PERSON, RECORD_PERSON,
				      {":ref", ":role", ":title_ko", ":title_en",
				       NULL}};
static const link_kind source_link = {Q_EVENT_ADD_SOURCE, RECORD_SOURCE,
				      {":ref", NULL}};
static const link_kind tag_link = {Q_EVENT_ADD_TAG, RECORD_EVENT,
				   {":tag", NULL}};
static const link_kind figure_link = {Q_EVENT_ADD_FIGURE, RECORD_EVENT,
				      {":label_ko", ":label_en", ":value",
				       ":value_ko", ":value_en"}};

/* Inserts one link row of kind k: eid, position, then its texts (NULL
 * ones are bound as NULL). */
static yp_status add_link(store *s, const link_kind *k, sqlite3_int64 eid,
			  size_t pos, const char *const text[LINK_TEXTS],
			  yp_error *err)
{
	store_binding b = store_take(s, k->q, err);
	if (!b.st)
		return err->status;
	store_bind_int(&b, ":eid", eid);
	store_bind_int(&b, ":pos", (sqlite3_int64)pos);
	for (int i = 0; i < LINK_TEXTS && k->params[i]; i++) {
		if (i > 0 || k->ref == RECORD_EVENT) {
			store_bind_text(&b, k->params[i], text[i]);
			continue;
		}
		/* no key leaves :ref NULL, which NOT NULL refuses */
		sqlite3_int64 key = store_key(s, k->ref, text[i]);
		if (key)
			store_bind_int(&b, k->params[i], key);
	}
	return step_write(&b, NULL, "writing event links", err);
}

static yp_status add_links(store *s, const yp_event *e, sqlite3_int64 eid,
			   yp_error *err)
{
	yp_status rc = YP_OK;
	for (size_t i = 0; rc == YP_OK && i < e->n_orgs; i++) {
		const char *t[LINK_TEXTS] = {e->orgs[i].id, e->orgs[i].role};
		rc = add_link(s, &org_link, eid, i, t, err);
	}
	for (size_t i = 0; rc == YP_OK && i < e->n_people; i++) {
		const yp_link *l = &e->people[i];
		const char *t[LINK_TEXTS] = {l->id, l->role, l->title.ko,
					     l->title.en};
		rc = add_link(s, &person_link, eid, i, t, err);
	}
	for (size_t i = 0; rc == YP_OK && i < e->n_sources; i++) {
		const char *t[LINK_TEXTS] = {e->sources[i]};
		rc = add_link(s, &source_link, eid, i, t, err);
	}
	for (size_t i = 0; rc == YP_OK && i < e->n_tags; i++) {
		const char *t[LINK_TEXTS] = {e->tags[i]};
		rc = add_link(s, &tag_link, eid, i, t, err);
	}
	for (size_t i = 0; rc == YP_OK && i < e->n_figures; i++) {
		const yp_figure *f = &e->figures[i];
		const char *t[LINK_TEXTS] = {f->label.ko, f->label.en, f->value,
					     f->by_lang.ko, f->by_lang.en};
		rc = add_link(s, &figure_link, eid, i, t, err);
	}
	return rc;
}

static void bind_event(store_binding *b, const yp_event *e,
		       store_origin origin)
{
	const yp_date *last = e->end_date.precision ? &e->end_date : &e->date;
	store_bind_text(b, ":id", e->id);
	bind_date(b, ":date_key", ":date_precision", &e->date);
	bind_date(b, ":end_key", ":end_precision", &e->end_date);
	store_bind_int(b, ":span_end", date_last_day(last));
	store_bind_text(b, ":status", e->status);
	store_bind_text(b, ":kind", e->kind);
	store_bind_text(b, ":title_ko", e->title.ko);
	store_bind_text(b, ":title_en", e->title.en);
	store_bind_text(b, ":summary_ko", e->summary.ko);
	store_bind_text(b, ":summary_en", e->summary.en);
	store_bind_text(b, ":notes_ko", e->notes.ko);
	store_bind_text(b, ":notes_en", e->notes.en);
	store_bind_text(b, ":origin", origin_name(origin));
}

/* The event's organizations as its timeline row shows them, one label
 * per language (out[0] Korean), joined by U+00B7 as group_concat joins
 * them: a name an organization lacks in both languages adds nothing, and
 * an unknown one is left to its link's write to refuse. Written with the
 * event, they come with its row from the timeline's index. */
static yp_status org_labels(store *s, const yp_event *e, strbuf out[2],
			    yp_error *err)
{
	for (size_t i = 0; i < e->n_orgs; i++) {
		store_binding b = store_take(s, Q_ORG_LABEL, err);
		if (!b.st)
			return err->status;
		store_bind_text(&b, ":id", e->orgs[i].id);
		bool found = false;
		yp_status rc = store_first_row(&b, "labelling an event", &found,
					       err);
		if (rc != YP_OK)
			return rc;
		for (int lang = 0; found && lang < 2; lang++) {
			const char *name =
				(const char *)sqlite3_column_text(b.st, lang);
			if (name && out[lang].len)
				strbuf_puts(&out[lang], "\xc2\xb7");
			if (name)
				strbuf_puts(&out[lang], name);
		}
		if (found)
			sqlite3_reset(b.st);
	}
	if (out[0].failed || out[1].failed)
		return yp_fail(err, YP_SOFTWARE, "out of memory");
	return YP_OK;
}

yp_status store_put_event(store *s, const yp_event *e, store_origin origin,
			  bool *written, yp_error *err)
{
	assert(s->fts_triggers);  /* written inside store_begin */
	strbuf labels[2] = {STRBUF_INIT, STRBUF_INIT};
	yp_status rc = org_labels(s, e, labels, err);
	store_binding b = {0};
	if (rc == YP_OK) {
		b = store_take(s, Q_EVENT_PUT, err);
		rc = b.st ? YP_OK : err->status;
	}
	if (rc != YP_OK) {
		strbuf_free(&labels[0]);
		strbuf_free(&labels[1]);
		return rc;
	}
	bind_event(&b, e, origin);
	store_bind_text(&b, ":orgs_ko", strbuf_str(&labels[0]));
	store_bind_text(&b, ":orgs_en", strbuf_str(&labels[1]));
	bool changed = false;
	/* A new event has no links to clear and its key is the rowid just
	 * inserted; only an update (which leaves the rowid alone) needs both
	 * looked up. This halves the statements of a bulk import. */
	sqlite3_set_last_insert_rowid(s->db, 0);
	rc = step_write(&b, &changed, "writing an event", err);
	strbuf_free(&labels[0]);
	strbuf_free(&labels[1]);
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
	if (rc != YP_OK)
		return rc;
	store_binding dirty = store_take(s, Q_FTS_DIRTY_EVENT, err);
	if (!dirty.st)
		return err->status;
	store_bind_int(&dirty, ":eid", eid);
	return step_write(&dirty, NULL, "marking the search index", err);
}

yp_status store_clear_event_links(store *s, const char *id, yp_error *err)
{
	store_binding b = store_take(s, Q_EVENT_CLEAR_LINKS_OF, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", id);
	return step_write(&b, NULL, "replacing event links", err);
}

yp_status store_put_event_link(store *s, const char *id, size_t pos,
			       const char *target, const char *kind,
			       yp_error *err)
{
	store_binding b = store_take(s, Q_EVENT_ADD_LINK, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", id);
	store_bind_int(&b, ":pos", (sqlite3_int64)pos);
	store_bind_text(&b, ":target", target);
	store_bind_text(&b, ":kind", kind);
	return step_write(&b, NULL, "writing a link between events", err);
}

yp_status store_builtin_mark(store *s, yp_error *err)
{
	static const char sql[] =
		"UPDATE organizations SET origin = 'stale' WHERE origin = 'builtin';"
		"UPDATE people SET origin = 'stale' WHERE origin = 'builtin';"
		"UPDATE sources SET origin = 'stale' WHERE origin = 'builtin';"
		"UPDATE events SET origin = 'stale' WHERE origin = 'builtin';";
	return store_exec(s, sql, "refreshing the built-in dataset", err);
}

yp_status store_builtin_prune(store *s, yp_error *err)
{
	assert(s->fts_triggers);
	/* Events first, so that records only they referred to become free;
	 * what a user record still refers to stays, as built-in. A record's
	 * aliases go with it (ON DELETE CASCADE: a refresh is not a bulk
	 * write, its foreign keys are on). */
	static const char sql[] =
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
	return store_exec(s, sql, "refreshing the built-in dataset", err);
}
