/* search_view.c: the search prompt (/) on the status line. The timeline
 * follows the typing: each change is searched once no key waits, so a
 * query typed or pasted faster than it can be searched costs one search,
 * and a search still running gives way to the keys that come. Enter keeps
 * the result, Esc restores the timeline and the selection it had; Up and
 * Down recall earlier searches. */
#include "search_view.h"

#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "yeonpyo/history.h"

#include "prompt.h"

typedef struct {
	view base;
	prompt input;
	char *before_id;   /* the selection when the prompt opened */
	history hist;
	size_t hist_pos;   /* in hist while recalling; hist.n for new text */
	bool due;          /* the query changed: searched once no key waits */
} search_view;

static void search_draw(view *v, browser *b)
{
	search_view *sv = (search_view *)v;
	int col = prompt_draw(&sv->input, &b->canvas, LINES - 1, 0, COLS, "/");
	b->cursor_y = LINES - 1;
	b->cursor_x = col < COLS ? col : COLS - 1;
}

/* Runs the search the last keys asked for, giving way to keys that come
 * meanwhile: it stops, they are handled, and it runs again after them. */
static bool search_idle(view *v, browser *b)
{
	search_view *sv = (search_view *)v;
	if (!sv->due)
		return false;
	store_set_interrupt(b->s, browser_keys_waiting, b);
	sv->due = narrowing_apply(b, prompt_text(&sv->input)) ==
		  NARROWING_STOPPED;
	store_set_interrupt(b->s, NULL, NULL);
	return sv->due;
}

/* Enter: the search as typed is kept (searched first if it is due). */
static void keep(search_view *sv, browser *b)
{
	const char *q = prompt_text(&sv->input);
	if (sv->due)
		narrowing_apply(b, q);
	sv->due = false;
	if (narrowing_keep_search(b, q)) {
		history_add(&sv->hist, q);
		history_save(&sv->hist);
	}
	browser_pop(b);
}

static void recall(search_view *sv, int step)
{
	if (step < 0 && sv->hist_pos > 0)
		sv->hist_pos--;
	else if (step > 0 && sv->hist_pos < sv->hist.n)
		sv->hist_pos++;
	prompt_set(&sv->input, sv->hist_pos < sv->hist.n
				       ? sv->hist.items[sv->hist_pos] : "");
}

/* The keys of the line: editing by cluster, and recalling. Returns
 * whether the text changed. */
static bool edit(search_view *sv, const view_key *k)
{
	prompt *p = &sv->input;
	if (k->fn ? k->code == FKEY_BACKSPACE : k->code == 127 || k->code == 8)
		prompt_backspace(p);
	else if (!k->fn && k->code == ('u' & 0x1f))
		prompt_set(p, "");
	else if (!k->fn)
		return prompt_insert(p, k->code);
	else if (k->code == FKEY_LEFT)
		prompt_left(p);
	else if (k->code == FKEY_RIGHT)
		prompt_right(p);
	else if (k->code == FKEY_HOME)
		prompt_home(p);
	else if (k->code == FKEY_END)
		prompt_end(p);
	else if (k->code == FKEY_UP || k->code == FKEY_DOWN)
		recall(sv, k->code == FKEY_UP ? -1 : 1);
	else
		return false;
	/* moving the cursor searches again too, as it always has: the
	 * search is the same and costs nothing on the screen */
	return true;
}

static void search_key(view *v, browser *b, const view_key *k)
{
	search_view *sv = (search_view *)v;
	bool enter = k->fn ? k->code == FKEY_ENTER
			   : k->code == '\n' || k->code == '\r';
	if (enter) {
		keep(sv, b);
	} else if (!k->fn && k->code == 27) {
		sv->due = false;
		narrowing_end_search(b, sv->before_id);
		browser_pop(b);
	} else if (edit(sv, k)) {
		sv->due = true;
	}
}

/* The query as typed is searched again over what the store holds now. */
static void search_reread(view *v, browser *b)
{
	(void)b;
	((search_view *)v)->due = true;
}

static void search_close(view *v, browser *b)
{
	(void)b;
	search_view *sv = (search_view *)v;
	prompt_free(&sv->input);
	free(sv->before_id);
	history_free(&sv->hist);
	free(sv);
}

static const view_ops search_view_ops = {
	.name = "search",
	.place = VIEW_LINE,
	.cursor = true,
	.draw = search_draw,
	.key = search_key,
	.idle = search_idle,
	.reread = search_reread,
	.close = search_close,
};

void search_view_open(browser *b)
{
	search_view *sv = browser_view_new(b, sizeof(*sv), &search_view_ops);
	if (!sv)
		return;
	const char *id = timeline_selected_id(&b->tl);
	sv->before_id = id ? strdup(id) : NULL;
	if (id && !sv->before_id) {
		free(sv);
		browser_note(b, "out of memory");
		return;
	}
	prompt_init(&sv->input);
	prompt_set(&sv->input, b->nar.applied ? b->nar.applied : "");
	history_load(&sv->hist, history_default_path());
	sv->hist_pos = sv->hist.n;
	browser_push(b, &sv->base);
}
