/* import_write.c: records the importer has checked go to the store here,
 * counted as written or kept, with the progress line told as they pass. */
#include "import_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/progress.h"

static long records_done(const import_stats *st)
{
	return st->orgs + st->people + st->sources + st->events + st->kept;
}

void import_write_progress(const import_writer *w, size_t done, size_t total)
{
	if (w->stats->meter)
		progress_update(w->stats->meter, "importing", done, total,
				records_done(w->stats), progress_now());
}

static void count(import_writer *w, bool written, long *counter)
{
	if (written)
		(*counter)++;
	else
		w->stats->kept++;
}

/* Parents are linked in a second step so a document may list a child
 * before its parent. */
yp_status import_write_org(import_writer *w, const yp_org *o)
{
	yp_org flat = *o;
	flat.parent = NULL;
	bool written = false;
	yp_status rc = store_put_org(w->s, &flat, w->origin, &written, w->err);
	if (rc == YP_OK)
		count(w, written, &w->stats->orgs);
	return rc;
}

yp_status import_write_org_parent(import_writer *w, const yp_org *o)
{
	return store_set_org_parent(w->s, o->id, o->parent, w->origin, w->err);
}

yp_status import_write_person(import_writer *w, const yp_person *p)
{
	bool written = false;
	yp_status rc = store_put_person(w->s, p, w->origin, &written, w->err);
	if (rc == YP_OK)
		count(w, written, &w->stats->people);
	return rc;
}

yp_status import_write_source(import_writer *w, const yp_source *src)
{
	bool written = false;
	yp_status rc = store_put_source(w->s, src, w->origin, &written, w->err);
	if (rc == YP_OK)
		count(w, written, &w->stats->sources);
	return rc;
}

static void link_free(import_link *l)
{
	free(l->event);
	free(l->target);
	free(l->kind);
}

/* Keeps the links of e for import_write_finish; false when memory runs
 * out. */
static bool keep_links(import_writer *w, const yp_event *e, unsigned line,
		       bool write)
{
	for (size_t i = 0; i < e->n_links; i++) {
		if (w->n_links == w->cap_links) {
			size_t cap = w->cap_links ? w->cap_links * 2 : 16;
			import_link *grown = realloc(w->links,
						     cap * sizeof(*grown));
			if (!grown)
				return false;
			w->links = grown;
			w->cap_links = cap;
		}
		import_link *l = &w->links[w->n_links];
		l->event = strdup(e->id);
		l->target = strdup(e->links[i].event);
		l->kind = strdup(e->links[i].kind);
		l->index = i;
		l->line = line;
		l->write = write;
		if (!l->event || !l->target || !l->kind) {
			link_free(l);
			return false;
		}
		w->n_links++;
	}
	return true;
}

static yp_status put_event(import_writer *w, const yp_event *e,
			   unsigned line)
{
	bool written = false;
	yp_status rc = store_put_event(w->s, e, w->origin, &written, w->err);
	if (rc != YP_OK)
		return rc;
	count(w, written, &w->stats->events);
	/* a built-in event the user's replaced keeps the user's links */
	if (written && !keep_links(w, e, line, true))
		return yp_fail(w->err, YP_SOFTWARE, "%s: out of memory", e->id);
	return YP_OK;
}

yp_status import_write_event(import_writer *w, const yp_event *e)
{
	return put_event(w, e, 0);
}

yp_status import_write_feed_event(import_writer *w, decode_ctx *c,
				  const yp_event *e, bool write)
{
	if (write)
		return put_event(w, e, c->line);
	/* after a problem nothing is written: the ids stand in for the
	 * events, so that a link to one is not taken for a link to none */
	yp_status rc = w->noting ? YP_OK : store_ids_begin(w->s, w->err);
	w->noting = rc == YP_OK;
	bool added = false;
	size_t first = 0;
	if (rc == YP_OK)
		rc = store_ids_add(w->s, RECORD_EVENT, e->id, c->line, &added,
				   &first, w->err);
	if (rc == YP_OK && !keep_links(w, e, c->line, false))
		rc = yp_fail(w->err, YP_SOFTWARE, "%s: out of memory", e->id);
	return rc;
}

/* The feed's links to events that are neither in the database (written
 * from the feed or there before) nor among the feed's events left
 * unwritten, each reported on its event's line. */
static bool feed_links_known(import_writer *w, decode_ctx *c)
{
	bool ok = true;
	for (size_t i = 0; i < w->n_links; i++) {
		const import_link *l = &w->links[i];
		if (l->line == 0 || store_has(w->s, RECORD_EVENT, l->target) ||
		    (w->noting && store_ids_has(w->s, RECORD_EVENT, l->target)))
			continue;
		char path[64];
		snprintf(path, sizeof(path), "$.event.links[%zu].event",
			 l->index);
		c->line = l->line;
		decode_report_at(c, NULL, path, "unknown event \"%s\"",
				 l->target);
		ok = false;
	}
	return ok;
}

yp_status import_write_finish(import_writer *w, decode_ctx *c)
{
	bool known = feed_links_known(w, c);
	if (w->noting) {
		yp_status rc = store_ids_end(w->s, w->err);
		w->noting = false;
		if (rc != YP_OK)
			return rc;
	}
	if (!known || c->d->count)
		return YP_DATAERR;
	yp_status rc = YP_OK;
	for (size_t i = 0; rc == YP_OK && i < w->n_links; i++) {
		const import_link *l = &w->links[i];
		if (!l->write)
			continue;
		/* an event on two lines of a feed: the later one's links */
		if (l->index == 0)
			rc = store_clear_event_links(w->s, l->event, w->err);
		if (rc == YP_OK)
			rc = store_put_event_link(w->s, l->event, l->index,
						  l->target, l->kind, w->err);
	}
	return rc;
}

void import_writer_free(import_writer *w)
{
	for (size_t i = 0; i < w->n_links; i++)
		link_free(&w->links[i]);
	free(w->links);
	w->links = NULL;
	w->n_links = w->cap_links = 0;
}
