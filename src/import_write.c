/* import_write.c: records the importer has checked go to the store here,
 * counted as written or kept, with the progress line told as they pass. */
#include "import_priv.h"

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

yp_status import_write_event(import_writer *w, const yp_event *e)
{
	bool written = false;
	yp_status rc = store_put_event(w->s, e, w->origin, &written, w->err);
	if (rc == YP_OK)
		count(w, written, &w->stats->events);
	return rc;
}
