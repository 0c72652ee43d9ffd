/* narrowing.c: the filters and the kept search, and the timeline narrowed
 * to them: a new timeline is read beside the old and takes its place only
 * when whole, so a search stopped for keys leaves the screen as it was. */
#include "narrowing.h"

#include <stdlib.h>
#include <string.h>

#include "yeonpyo/search.h"

#include "browser.h"

void narrowing_free(narrowing *n)
{
	free(n->org);
	free(n->org_label);
	free(n->person);
	free(n->person_label);
	free(n->tag);
	free(n->applied);
	search_words_free(n->marks);
	memset(n, 0, sizeof(*n));
}

void narrowing_set(char **field, const char *value)
{
	char *copy = value ? strdup(value) : NULL;
	free(*field);
	*field = copy;
}

void narrowing_set_org(narrowing *n, const char *id, const char *label)
{
	narrowing_set(&n->org, id);
	narrowing_set(&n->org_label, label);
}

void narrowing_set_person(narrowing *n, const char *id, const char *label)
{
	narrowing_set(&n->person, id);
	narrowing_set(&n->person_label, label);
}

/* Reads the sparkline's counts for the filters in force: at once, or,
 * for a search kept as a map (a scan of the timeline's index), marked due
 * for narrowing_density_idle, which gives way to keys as searches do. */
static void narrowing_density(browser *b)
{
	density_free(&b->dens);
	b->density_due = store_search_mapped(b->s);
	if (b->density_due)
		return;
	yp_error err = {0};
	if (density_load(&b->dens, b->s, &b->tl.f, &err) != YP_OK)
		browser_note(b, err.message);
}

/* A new timeline that failed: stopped for keys, or the store's failure,
 * which stops the browser. */
static narrowing_result failed(browser *b, timeline_pane *tl,
			       const yp_error *err)
{
	bool stopped = store_interrupted(b->s);
	timeline_free(tl);
	if (stopped)
		return NARROWING_STOPPED;
	browser_fail(b, err);
	return NARROWING_FAILED;
}

/* The timeline for the filters and query in place of the one shown,
 * keeping its selection by id; when that is gone, following the store,
 * the event nearest it by date, on the same row of the pane. */
static narrowing_result narrow(browser *b, const char *query, bool follow)
{
	const narrowing *n = &b->nar;
	strbuf match = STRBUF_INIT;
	bool any = search_build_query(query, &match);
	event_filter f = {
		.from_day = n->year_from ? n->year_from * 10000L + 101 : 0,
		.to_day = n->year_to ? n->year_to * 10000L + 1231 : 0,
		.org = n->org, .tag = n->tag, .person = n->person,
		.match = any ? strbuf_str(&match) : NULL,
		.marked = n->marked_only,
	};
	timeline_pane tl;
	yp_error err = {0};
	yp_status rc = timeline_load(&tl, b->s, &f, &err);
	strbuf_free(&match);
	if (rc != YP_OK)
		return failed(b, &tl, &err);
	row_key was = timeline_selected_key(&b->tl);  /* its id: b->tl's */
	int row = timeline_selected_row(&b->tl);
	bool kept = timeline_select_id(&tl, was.id, b->tl_rows);
	if (!kept && follow && was.id)
		timeline_select_near(&tl, &was, b->tl_rows);
	else if (!kept)
		timeline_first(&tl, b->tl_rows);
	if (follow)
		timeline_hold_row(&tl, row, b->tl_rows);
	if (timeline_failed(&tl, &err) != YP_OK && store_interrupted(b->s))
		return failed(b, &tl, &err);
	timeline_free(&b->tl);
	b->tl = tl;  /* a failure left in it stops the loop */
	search_words_free(b->nar.marks);
	b->nar.marks = any ? search_words(query) : NULL;
	narrowing_density(b);
	browser_invalidate(b);
	return NARROWING_DONE;
}

narrowing_result narrowing_apply(browser *b, const char *query)
{
	return narrow(b, query, false);
}

void narrowing_follow(browser *b)
{
	narrow(b, b->nar.applied ? b->nar.applied : "", true);
}

void narrowing_refilter(browser *b)
{
	narrowing_apply(b, b->nar.applied ? b->nar.applied : "");
}

void narrowing_clear(browser *b)
{
	narrowing *n = &b->nar;
	narrowing_set_org(n, NULL, NULL);
	narrowing_set_person(n, NULL, NULL);
	narrowing_set(&n->tag, NULL);
	n->year_from = n->year_to = 0;
	n->marked_only = false;
	narrowing_set(&n->applied, NULL);
	narrowing_refilter(b);
}

bool narrowing_keep_search(browser *b, const char *query)
{
	strbuf match = STRBUF_INIT;
	bool any = search_build_query(query, &match);
	strbuf_free(&match);
	narrowing_set(&b->nar.applied, any ? query : NULL);
	if (!any)
		narrowing_apply(b, "");
	return any;
}

void narrowing_end_search(browser *b, const char *select_id)
{
	char *keep = select_id ? strdup(select_id) : NULL;
	narrowing_set(&b->nar.applied, NULL);
	narrowing_apply(b, "");
	timeline_select_id(&b->tl, keep, b->tl_rows);
	free(keep);
}

void narrowing_status(const narrowing *n, bool ko, strbuf *out)
{
	if (n->applied)
		strbuf_printf(out, "  /%s", n->applied);
	if (n->org_label)
		strbuf_printf(out, "  %s:%s", ko ? "기관" : "org", n->org_label);
	if (n->person_label)
		strbuf_printf(out, "  %s:%s", ko ? "인물" : "person",
			      n->person_label);
	if (n->tag)
		strbuf_printf(out, "  %s:%s", ko ? "태그" : "tag", n->tag);
	if (n->marked_only)
		strbuf_puts(out, ko ? "  표시한 사건" : "  marked");
	if (n->year_from && n->year_to != n->year_from)
		strbuf_printf(out, "  %d-%d", n->year_from, n->year_to);
	else if (n->year_from)
		strbuf_printf(out, "  %d", n->year_from);
}


void narrowing_density_idle(browser *b)
{
	if (!b->density_due)
		return;
	store_set_interrupt(b->s, browser_keys_waiting, b);
	yp_error err = {0};
	yp_status rc = density_load(&b->dens, b->s, &b->tl.f, &err);
	b->density_due = rc != YP_OK && store_interrupted(b->s);
	if (rc != YP_OK && !b->density_due)
		browser_note(b, err.message);
	store_set_interrupt(b->s, NULL, NULL);
}
