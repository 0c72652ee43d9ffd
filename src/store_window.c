/* store_window.c: the timeline as the browser reads it under a filter:
 * keyset windows of rows, places and counts, the months and the
 * organizations by year, from the timeline's index, the gathered hits or a
 * broad search's map. */
#include "store_priv.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/strbuf.h"

/* What a walk of this file hands its rows to. */
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
		sqlite3_column_int(st, 13) != 0,
	};
	return t->row(&row, t->ctx);
}

/* Where a filter's statements start (store_driven). */
typedef enum {
	DRIVE_ALL, DRIVE_MATCH, DRIVE_PERSON, DRIVE_ORG, DRIVE_TAG,
	DRIVE_MARKED, DRIVE_NOTED, DRIVE_COUNT
} filter_drive;

/* A reader's statements, by drive: those store_queries.def's
 * BY_EACH_LINK makes as NAME_PERSON, NAME_ORG and the rest. */
#define DRIVEN(ALL, MATCH, NAME) { \
	[DRIVE_ALL] = Q_##ALL, [DRIVE_MATCH] = Q_##MATCH, \
	[DRIVE_PERSON] = Q_##NAME##_PERSON, [DRIVE_ORG] = Q_##NAME##_ORG, \
	[DRIVE_TAG] = Q_##NAME##_TAG, [DRIVE_MARKED] = Q_##NAME##_MARKED, \
	[DRIVE_NOTED] = Q_##NAME##_NOTED}

store_query store_driven(const event_filter *f, filter_reader reader)
{
	/* (A search is one clause of EACH_ROW's and EACH_EVENT's, beside
	 * its notes'.) */
	static const store_query driven[READ_COUNT][DRIVE_COUNT] = {
		[READ_GATHER] = DRIVEN(HITS_GATHER, HITS_GATHER_MATCH,
				       HITS_GATHER),
		[READ_EACH_ROW] = DRIVEN(EACH_ROW, EACH_ROW, EACH_ROW),
		[READ_EACH_EVENT] = DRIVEN(EACH_EVENT, EACH_EVENT, EACH_EVENT),
	};
	assert((unsigned)reader < READ_COUNT);
	filter_drive d = DRIVE_ALL;
	if (f && f->match)
		d = DRIVE_MATCH;
	else if (f && f->person)
		d = DRIVE_PERSON;
	else if (f && f->org)
		d = DRIVE_ORG;
	else if (f && f->tag)
		d = DRIVE_TAG;
	else if (f && f->marked)
		d = DRIVE_MARKED;
	else if (f && f->noted)
		d = DRIVE_NOTED;
	return driven[reader][d];
}

yp_status store_each_row(store *s, const event_filter *f, store_row_fn fn,
			 void *ctx, yp_error *err)
{
	store_binding b = store_take(s, store_driven(f, READ_EACH_ROW), err);
	if (!b.st)
		return err->status;
	store_bind_filter(&b, f);
	row_target t = {.row = fn, .ctx = ctx};
	return store_walk(&b, visit_row, &t, "reading records", err);
}

/* Without a filter the keyset queries read the (date_key, id) index; the
 * filter's clauses, even bound to NULL, would make SQLite read every row.
 * With one, its events are gathered once into temp.hits, ordered by the
 * same key, and every window and count reads that instead. */
static bool filter_empty(const event_filter *f)
{
	return !f || (!f->from_day && !f->to_day && !f->org && !f->tag &&
		      !f->person && !f->match && !f->marked && !f->noted);
}

static char *filter_text(const event_filter *f)
{
	const char *parts[4] = {f->org, f->tag, f->person, f->match};
	strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%ld %ld %d %d", f->from_day, f->to_day, f->marked,
		      f->noted);
	for (size_t i = 0; i < 4; i++)
		strbuf_printf(&sb, " %zu:%s", parts[i] ? strlen(parts[i]) + 1 : 0,
			      parts[i] ? parts[i] : "");
	return strbuf_take(&sb);
}

yp_status store_row_orgs(store *s, long long key, yp_text *out,
			 yp_error *err)
{
	const char *what = "reading organizations";
	store_binding b = store_take(s, Q_ROW_ORGS, err);
	if (!b.st)
		return err->status;
	store_bind_int(&b, ":key", key);
	yp_status rc = store_bound(&b, what, err);
	if (rc != YP_OK)
		return rc;
	if (sqlite3_step(b.st) != SQLITE_ROW) {
		rc = store_sql_fail(s, err, what);
	} else {
		const char *ko = (const char *)sqlite3_column_text(b.st, 0);
		const char *en = (const char *)sqlite3_column_text(b.st, 1);
		out->ko = strdup(ko ? ko : "");
		out->en = strdup(en ? en : "");
		if (!out->ko || !out->en) {
			model_text_clear(out);
			rc = yp_fail(err, YP_SOFTWARE, "out of memory");
		}
	}
	sqlite3_reset(b.st);  /* a statement left open holds its snapshot */
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
	store_binding b = store_take(s, q, err);
	if (!b.st)
		return -1;
	if (to)
		bind_key(&b, ":to_date", ":to_id", to);
	if (from)
		bind_key(&b, ":from_date", ":from_id", from);
	if (store_bound(&b, what, err) != YP_OK)
		return -1;
	long n = -1;
	if (sqlite3_step(b.st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(b.st, 0);
	else
		store_sql_fail(s, err, what);
	sqlite3_reset(b.st);
	return n;
}

/* Runs a statement that returns no rows, with f's filter bound. */
static yp_status run_filtered(store *s, store_query q, const event_filter *f,
			      yp_error *err)
{
	store_binding b = store_take(s, q, err);
	if (!b.st)
		return err->status;
	store_bind_filter(&b, f);
	return store_run(&b, "filtering events", err);
}

/* A filter by one set (a search, a tag, an organization, a person) that
 * finds many events keeps them as a map when a window through the
 * timeline's index would skip few rows (a 64th or more of them match);
 * the rest are gathered, sorted, into temp.hits. */
static yp_status map_or_gather(store *s, const event_filter *f,
			       yp_error *err)
{
	if (store_hits_mappable(f)) {
		if (store_hits_map(s, f, err) != YP_OK)
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
		rc = run_filtered(s, store_driven(f, READ_GATHER), f, err);
	/* driven from the notes' index: a few rows */
	if (rc == YP_OK && f->match && store_hits_from_notes(s))
		rc = run_filtered(s, Q_HITS_GATHER_NOTES, f, err);
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
	int source = !filtered ? 0 : s->mapped ? 2 : 1;
	store_binding b = store_take(s, windows[source][how], err);
	if (!b.st)
		return err->status;
	/* without a place, AT, AFTER and BEFORE compare with NULL: no rows */
	if (from && how != WINDOW_FIRST && how != WINDOW_LAST)
		bind_key(&b, ":from_date", ":from_id", from);
	store_bind_int(&b, ":limit", limit);
	row_target t = {.row = fn, .ctx = ctx};
	return store_walk(&b, visit_row, &t, "reading records", err);
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
	store_binding b = store_take(s, Q_EVENT_PLACE, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, ":id", id);
	bool found = false;
	yp_status rc = store_first_row(&b, what, &found, err);
	if (found) {
		out->date_key = (long)sqlite3_column_int64(b.st, 0);
		out->id = id;
		sqlite3_reset(b.st);
	} else if (rc == YP_OK) {
		rc = yp_fail(err, YP_NOINPUT, "no event with id \"%s\"", id);
	}
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
	store_binding b = store_take(s, filtered ? Q_MONTHS_HITS : Q_MONTHS_ALL,
				     err);
	if (!b.st)
		return err->status;
	row_target t = {.count = fn, .ctx = ctx};
	return store_walk(&b, visit_count, &t, "reading records", err);
}

yp_status store_each_org_year(store *s, const event_filter *f,
			      store_org_year_fn fn, void *ctx, yp_error *err)
{
	bool filtered = !filter_empty(f);
	if (filtered && use_hits(s, f, err) != YP_OK)
		return err->status;
	store_binding b = store_take(s, !filtered ? Q_ORG_YEARS_ALL
					 : s->mapped ? Q_ORG_YEARS_MAPPED
						     : Q_ORG_YEARS_HITS, err);
	if (!b.st)
		return err->status;
	row_target t = {.org_year = fn, .ctx = ctx};
	return store_walk(&b, visit_org_year, &t, "reading records", err);
}
