/* narrowing.c: what narrows the browser's timeline: the search typed at
 * /, the o/p/t/y filters and their pickers, the organizations view, and an
 * organization or person chosen in the detail pane. */
#include "app_priv.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "yeonpyo/search.h"
#include "yeonpyo/strbuf.h"

/* A search stopped for keys that came meanwhile is due again once they
 * are handled; the timeline stays what it was. */
static bool given_way(app *a, timeline_pane *tl)
{
	if (!store_interrupted(a->s))
		return false;
	timeline_free(tl);
	a->search_due = true;
	return true;
}

/* Narrows the timeline to the filters and what query finds (every event
 * when neither narrows it), keeping the selection where it can. */
void narrowing_apply(app *a, const char *query)
{
	strbuf match = STRBUF_INIT;
	bool any = search_build_query(query, &match);
	event_filter f = {
		.from_day = a->year_from ? a->year_from * 10000L + 101 : 0,
		.to_day = a->year_to ? a->year_to * 10000L + 1231 : 0,
		.org = a->org, .tag = a->tag, .person = a->person,
		.match = any ? strbuf_str(&match) : NULL,
		.marked = a->marked_only,
	};
	int height = app_layout(a).timeline.h;
	timeline_pane tl;
	yp_error err = {0};
	if (timeline_load(&tl, a->s, &f, &err) != YP_OK) {
		if (!given_way(a, &tl)) {
			timeline_free(&tl);
			a->err = err;
			a->status = (int)err.status;
			a->running = false;
		}
		strbuf_free(&match);
		return;
	}
	if (!timeline_select_id(&tl, timeline_selected_id(&a->tl), height))
		timeline_first(&tl, height);
	strbuf_free(&match);
	if (timeline_failed(&tl, &err) != YP_OK && given_way(a, &tl))
		return;
	timeline_free(&a->tl);
	a->tl = tl;  /* a failure left in it stops the loop */
	search_words_free(a->marks);
	a->marks = any ? search_words(query) : NULL;
	narrowing_density(a);
}

void narrowing_density(app *a)
{
	density_free(&a->dens);
	a->density_due = store_search_mapped(a->s);
	if (a->density_due)
		return;
	yp_error err = {0};
	if (density_load(&a->dens, a->s, &a->tl.f, &err) != YP_OK)
		snprintf(a->note, sizeof(a->note), "%s", err.message);
}

/* The filters changed: apply them with the search that is kept. */
void narrowing_refilter(app *a)
{
	narrowing_apply(a, a->applied ? a->applied : "");
}

void narrowing_set(char **field, const char *value)
{
	free(*field);
	*field = value ? strdup(value) : NULL;
}

void narrowing_clear(app *a)
{
	narrowing_set(&a->org, NULL);
	narrowing_set(&a->org_label, NULL);
	narrowing_set(&a->person, NULL);
	narrowing_set(&a->person_label, NULL);
	narrowing_set(&a->tag, NULL);
	a->year_from = a->year_to = 0;
	a->marked_only = false;
	narrowing_set(&a->applied, NULL);
	narrowing_refilter(a);
}

void narrowing_open_picker(app *a, facet_kind kind, long min_key)
{
	static const char *const titles[][2] = {
		[FACET_ORG] = {"기관", "Organization"},
		[FACET_PERSON] = {"인물", "Person"},
		[FACET_TAG] = {"태그", "Tag"},
		[FACET_YEAR] = {"시작 연도", "First year"},
	};
	const char *title = titles[kind][a->lang == LANG_KO ? 0 : 1];
	if (min_key)
		title = a->lang == LANG_KO ? "끝 연도" : "Last year";
	if (picker_open(&a->pick, a->s, kind, a->lang, title, min_key,
			&a->err) != YP_OK) {
		picker_free(&a->pick);
		return;
	}
	a->picking = true;
	a->picking_last_year = min_key != 0;
}

/* Enter in a picker: the choice becomes a filter; y asks for a last
 * year after the first. */
static void narrowing_pick(app *a)
{
	const char *id = picker_choice(&a->pick);
	const char *label = picker_choice_label(&a->pick);
	facet_kind kind = a->pick.kind;
	bool second = a->picking_last_year;
	a->picking = false;
	if (id && kind == FACET_ORG) {
		narrowing_set(&a->org, id);
		narrowing_set(&a->org_label, label);
	} else if (id && kind == FACET_PERSON) {
		narrowing_set(&a->person, id);
		narrowing_set(&a->person_label, label);
	} else if (id && kind == FACET_TAG) {
		narrowing_set(&a->tag, id);
	} else if (id && kind == FACET_YEAR) {
		int year = atoi(id);
		if (!second)
			a->year_from = a->year_to = year;
		else
			a->year_to = year;
	}
	picker_free(&a->pick);
	if (id && kind == FACET_YEAR && !second)
		narrowing_open_picker(a, FACET_YEAR, a->year_from * 10000L);
	narrowing_refilter(a);
}

/* Keys in the organizations view: like a picker, but Enter shows the
 * organization's events in the timeline. */
void narrowing_org_view_key(app *a, int rc, wint_t ch)
{
	bool fn = rc == KEY_CODE_YES;
	picker *p = &a->ov.list;
	if ((!fn && (ch == '\n' || ch == '\r')) || (fn && ch == FKEY_ENTER)) {
		const picker_item *it = picker_selected(p);
		if (it) {
			narrowing_set(&a->org, it->id);
			narrowing_set(&a->org_label, it->label);
		}
		a->org_viewing = false;
		org_view_free(&a->ov);
		narrowing_refilter(a);
	} else if (!fn && ch == 27) {
		a->org_viewing = false;
		org_view_free(&a->ov);
	} else if (fn && (ch == FKEY_DOWN || ch == FKEY_UP)) {
		picker_move(p, ch == FKEY_DOWN ? 1 : -1);
	} else if (fn && (ch == FKEY_PGDN || ch == FKEY_PGUP)) {
		picker_move(p, ch == FKEY_PGDN ? 10 : -10);
	} else if ((fn && ch == FKEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8))) {
		picker_backspace(p);
	} else if (!fn) {
		picker_type(p, (unsigned long)ch);
	}
}

void narrowing_picker_key(app *a, int rc, wint_t ch)
{
	bool fn = rc == KEY_CODE_YES;
	if ((!fn && (ch == '\n' || ch == '\r')) || (fn && ch == FKEY_ENTER))
		narrowing_pick(a);
	else if (!fn && ch == 27) {
		a->picking = false;
		picker_free(&a->pick);
	} else if (fn && (ch == FKEY_DOWN || ch == FKEY_UP))
		picker_move(&a->pick, ch == FKEY_DOWN ? 1 : -1);
	else if (fn && (ch == FKEY_PGDN || ch == FKEY_PGUP))
		picker_move(&a->pick, ch == FKEY_PGDN ? 10 : -10);
	else if ((fn && ch == FKEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8)))
		picker_backspace(&a->pick);
	else if (!fn)
		picker_type(&a->pick, (unsigned long)ch);
}

void narrowing_open_prompt(app *a)
{
	const char *id = timeline_selected_id(&a->tl);
	free(a->before_id);
	a->before_id = id ? strdup(id) : NULL;
	prompt_set(&a->input, a->applied ? a->applied : "");
	a->hist_pos = a->hist.n;
	a->prompting = true;
}

/* Ends a search: the whole timeline again, with select_id selected. */
void narrowing_search_due(app *a)
{
	if (!a->search_due)
		return;
	a->search_due = false;
	narrowing_apply(a, prompt_text(&a->input));
}

/* A key or an answer waits (a sequence still growing does not). */
static bool keys_waiting(void *ctx)
{
	app *a = ctx;
	return input_ready(&a->in, input_now());
}

void narrowing_open_chart(app *a)
{
	yp_error err = {0};
	store_set_interrupt(a->s, keys_waiting, a);
	yp_status rc = chart_open(&a->chart, a->s, &a->tl.f, a->lang, &err);
	bool stopped = rc != YP_OK && store_interrupted(a->s);
	store_set_interrupt(a->s, NULL, NULL);
	a->charting = rc == YP_OK;
	if (stopped)
		snprintf(a->note, sizeof(a->note), "%s", a->lang == LANG_KO
			 ? "차트: 키 입력으로 멈춤" : "chart: stopped for a key");
	else if (rc != YP_OK)
		snprintf(a->note, sizeof(a->note), "%s", err.message);
}

void narrowing_density_idle(app *a)
{
	if (!a->density_due)
		return;
	store_set_interrupt(a->s, keys_waiting, a);
	yp_error err = {0};
	yp_status rc = density_load(&a->dens, a->s, &a->tl.f, &err);
	a->density_due = rc != YP_OK && store_interrupted(a->s);
	if (rc != YP_OK && !a->density_due)
		snprintf(a->note, sizeof(a->note), "%s", err.message);
	store_set_interrupt(a->s, NULL, NULL);
}

void narrowing_search_idle(app *a)
{
	if (!a->search_due)
		return;
	store_set_interrupt(a->s, keys_waiting, a);
	narrowing_search_due(a);
	store_set_interrupt(a->s, NULL, NULL);
}

void narrowing_end_search(app *a, const char *select_id)
{
	a->search_due = false;
	char *keep = select_id ? strdup(select_id) : NULL;
	free(a->applied);
	a->applied = NULL;
	narrowing_apply(a, "");
	timeline_select_id(&a->tl, keep, app_layout(a).timeline.h);
	free(keep);
}

static void narrowing_keep_search(app *a)
{
	narrowing_search_due(a);
	const char *q = prompt_text(&a->input);
	strbuf match = STRBUF_INIT;
	bool any = search_build_query(q, &match);
	strbuf_free(&match);
	a->prompting = false;
	free(a->applied);
	a->applied = NULL;
	if (!any) {
		narrowing_apply(a, "");
		return;
	}
	a->applied = strdup(q);
	history_add(&a->hist, q);
	history_save(&a->hist);
}

static void narrowing_recall(app *a, int step)
{
	if (step < 0 && a->hist_pos > 0)
		a->hist_pos--;
	else if (step > 0 && a->hist_pos < a->hist.n)
		a->hist_pos++;
	prompt_set(&a->input, a->hist_pos < a->hist.n
				      ? a->hist.items[a->hist_pos] : "");
}

/* Keys while the prompt is open: editing, by cluster; every change
 * searches again, so the timeline follows the typing. */
void narrowing_prompt_key(app *a, int rc, wint_t ch)
{
	bool fn = rc == KEY_CODE_YES;
	if ((!fn && (ch == '\n' || ch == '\r')) || (fn && ch == FKEY_ENTER)) {
		narrowing_keep_search(a);
		return;
	}
	if (!fn && ch == 27) {
		a->prompting = false;
		narrowing_end_search(a, a->before_id);
		return;
	}
	if ((fn && ch == FKEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8)))
		prompt_backspace(&a->input);
	else if (fn && ch == FKEY_LEFT)
		prompt_left(&a->input);
	else if (fn && ch == FKEY_RIGHT)
		prompt_right(&a->input);
	else if (fn && ch == FKEY_HOME)
		prompt_home(&a->input);
	else if (fn && ch == FKEY_END)
		prompt_end(&a->input);
	else if (fn && (ch == FKEY_UP || ch == FKEY_DOWN))
		narrowing_recall(a, ch == FKEY_UP ? -1 : 1);
	else if (!fn && ch == ('u' & 0x1f))
		prompt_set(&a->input, "");
	else if (fn || !prompt_insert(&a->input, (unsigned long)ch))
		return;
	a->search_due = true;
}

/* Enter on an organization or person Tab reached in the detail pane:
 * the timeline shows only their events. */
bool narrowing_filter_by_link(app *a)
{
	record_kind kind;
	const char *id = detail_link(&a->dv, &kind);
	if (!id || a->focus != FOCUS_DETAIL)
		return false;
	char *keep = strdup(id);
	if (kind == RECORD_ORG) {
		narrowing_set(&a->org, keep);
		narrowing_set(&a->org_label, keep);
	} else {
		narrowing_set(&a->person, keep);
		narrowing_set(&a->person_label, keep);
	}
	free(keep);
	a->focus = FOCUS_TIMELINE;
	narrowing_refilter(a);
	return true;
}
