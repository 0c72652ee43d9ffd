/* picker.c: the filter pickers (o, p, t, y). */
#include "picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yeonpyo/text.h"

typedef struct {
	picker *p;
	yp_lang lang;
	long min_key;
	size_t cap;
} loading;

static bool add_item(const facet_item *it, void *ctx)
{
	loading *l = ctx;
	picker *p = l->p;
	if (l->min_key && it->first_key / 10000 < l->min_key / 10000)
		return true;
	if (p->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		picker_item *items = realloc(p->items, cap * sizeof(*items));
		if (!items)
			return false;
		p->items = items;
		l->cap = cap;
	}
	const char *name = model_text_pick(&it->label, l->lang);
	strbuf sb = STRBUF_INIT;
	model_org_label(&sb, it->short_name, name);
	picker_item *item = &p->items[p->n++];
	item->id = strdup(it->id);
	item->label = strbuf_take(&sb);
	item->events = it->events;
	item->first_key = it->first_key;
	item->last_key = it->last_key;
	item->kind = it->org_kind ? strdup(it->org_kind) : NULL;
	item->aliases = it->aliases ? strdup(it->aliases) : NULL;
	return item->id && item->label && (!it->org_kind || item->kind) &&
	       (!it->aliases || item->aliases);
}

/* Insertion sort by the collator: a few hundred items at most. */
static void sort_items(picker *p, yp_lang lang)
{
	text_collator *coll = text_collator_open(lang == LANG_KO ? "ko" : "en");
	for (size_t i = 1; coll && i < p->n; i++) {
		picker_item it = p->items[i];
		size_t j = i;
		while (j > 0 && text_collate(coll, p->items[j - 1].label,
					     it.label) > 0) {
			p->items[j] = p->items[j - 1];
			j--;
		}
		p->items[j] = it;
	}
	text_collator_close(coll);
}

static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *h = hay; n && *h; h++)
		if (strncasecmp(h, needle, n) == 0)
			return true;
	return n == 0;
}

/* The alias the typed text narrowed an item by, when its label and id
 * do not hold the text, into out: shown beside the label, so that the
 * row says why it is there. */
static bool matched_alias(const picker_item *it, const char *typed,
			  strbuf *out)
{
	if (!it->aliases || !*typed || contains(it->label, typed) ||
	    contains(it->id, typed))
		return false;
	size_t sep = strlen(FACET_ALIAS_SEP);
	for (const char *a = it->aliases; *a;) {
		const char *end = strstr(a, FACET_ALIAS_SEP);
		size_t n = end ? (size_t)(end - a) : strlen(a);
		strbuf_reset(out);
		strbuf_append(out, a, n);
		if (contains(strbuf_str(out), typed))
			return true;
		a += end ? n + sep : n;
	}
	return false;
}

static void refilter(picker *p)
{
	const char *typed = prompt_text(&p->typed);
	p->n_shown = 0;
	for (size_t i = 0; i < p->n; i++)
		if (contains(p->items[i].label, typed) ||
		    contains(p->items[i].id, typed) ||
		    (p->items[i].aliases &&
		     contains(p->items[i].aliases, typed)))
			p->shown[p->n_shown++] = i;
	p->selected = 0;
	p->top = 0;
}

yp_status picker_open(picker *p, store *s, facet_kind kind, yp_lang lang,
		      const char *title, long min_key, yp_error *err)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->title = title;
	p->lang = lang;
	p->min_key = min_key;
	prompt_init(&p->typed);
	loading l = {p, lang, min_key, 0};
	yp_status rc = store_each_facet(s, kind, add_item, &l, err);
	if (rc != YP_OK)
		return rc;
	sort_items(p, lang);
	p->shown = calloc(p->n + 1, sizeof(*p->shown));
	if (!p->shown)
		return yp_fail(err, YP_SOFTWARE, "out of memory");
	refilter(p);
	return YP_OK;
}

yp_status picker_reload(picker *p, store *s, yp_error *err)
{
	picker fresh;
	yp_status rc = picker_open(&fresh, s, p->kind, p->lang, p->title,
				   p->min_key, err);
	if (rc != YP_OK) {
		picker_free(&fresh);
		return rc;
	}
	prompt_set(&fresh.typed, prompt_text(&p->typed));
	refilter(&fresh);
	const char *id = picker_choice(p);
	for (size_t i = 0; id && i < fresh.n_shown; i++)
		if (strcmp(fresh.items[fresh.shown[i]].id, id) == 0)
			fresh.selected = i;
	picker_free(p);
	*p = fresh;
	return YP_OK;
}

void picker_free(picker *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].id);
		free(p->items[i].label);
		free(p->items[i].kind);
		free(p->items[i].aliases);
	}
	free(p->items);
	free(p->shown);
	prompt_free(&p->typed);
	memset(p, 0, sizeof(*p));
}

void picker_move(picker *p, long delta)
{
	long to = (long)p->selected + delta;
	if (to >= (long)p->n_shown)
		to = (long)p->n_shown - 1;
	if (to < 0)
		to = 0;
	p->selected = (size_t)to;
}

void picker_type(picker *p, unsigned long ch)
{
	if (prompt_insert(&p->typed, ch))
		refilter(p);
}

void picker_backspace(picker *p)
{
	prompt_backspace(&p->typed);
	refilter(p);
}

bool picker_enter(const view_key *k)
{
	return k->fn ? k->code == FKEY_ENTER
		     : k->code == '\n' || k->code == '\r';
}

void picker_key(picker *p, const view_key *k)
{
	if (k->fn && (k->code == FKEY_DOWN || k->code == FKEY_UP))
		picker_move(p, k->code == FKEY_DOWN ? 1 : -1);
	else if (k->fn && (k->code == FKEY_PGDN || k->code == FKEY_PGUP))
		picker_move(p, k->code == FKEY_PGDN ? 10 : -10);
	else if (k->fn ? k->code == FKEY_BACKSPACE
		       : k->code == 127 || k->code == 8)
		picker_backspace(p);
	else if (!k->fn)
		picker_type(p, k->code);
}

const char *picker_choice(const picker *p)
{
	return p->n_shown ? p->items[p->shown[p->selected]].id : NULL;
}

const picker_item *picker_selected(const picker *p)
{
	return p->n_shown ? &p->items[p->shown[p->selected]] : NULL;
}

const char *picker_choice_label(const picker *p)
{
	return p->n_shown ? p->items[p->shown[p->selected]].label : NULL;
}

/* Where the overlay goes on a screen of lines x cols: its box, and the
 * rows of items inside it. */
typedef struct {
	int y0, x0, w, h, rows;
} overlay_box;

static overlay_box box_of(int lines, int cols)
{
	int w = cols - 4 < 64 ? cols - 4 : 64;
	int h = lines - 2;
	return (overlay_box){1, (cols - w) / 2, w, h, h - 3};
}

bool picker_at(picker *p, int lines, int cols, int y, int x)
{
	overlay_box bx = box_of(lines, cols);
	int r = y - bx.y0 - 1;
	size_t k = p->top + (size_t)(r > 0 ? r : 0);
	if (r < 0 || r >= bx.rows || x <= bx.x0 || x >= bx.x0 + bx.w - 1 ||
	    k >= p->n_shown)
		return false;
	p->selected = k;
	return true;
}

int picker_count_width(const picker *p)
{
	long most = 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].events > most)
			most = p->items[i].events;
	int digits = 1;
	for (; most >= 10; most /= 10)
		digits++;
	return digits > 5 ? digits : 5;
}

void picker_draw(picker *p, const canvas *c, int lines, int cols, yp_lang lang)
{
	overlay_box bx = box_of(lines, cols);
	int w = bx.w, h = bx.h, y0 = bx.y0, x0 = bx.x0, rows = bx.rows;
	if (p->selected < p->top)
		p->top = p->selected;
	if (rows > 0 && p->selected >= p->top + (size_t)rows)
		p->top = p->selected - (size_t)rows + 1;
	/* whole rows, so the frame never lands on half a wide character */
	for (int r = 0; r < h; r++)
		draw_fill(c, y0 + r, 0, cols, STYLE_NORMAL);
	draw_box(c, y0, x0, h, w, STYLE_BORDER);
	strbuf head = STRBUF_INIT;
	strbuf_printf(&head, " %s: %s ", p->title, prompt_text(&p->typed));
	draw_text(c, y0, x0 + 2, w - 4, strbuf_str(&head), STYLE_HEADING, false);
	strbuf_free(&head);
	int cw = picker_count_width(p);
	for (int r = 0; r < rows && p->top + (size_t)r < p->n_shown; r++) {
		size_t k = p->top + (size_t)r;
		const picker_item *it = &p->items[p->shown[k]];
		bool selected = k == p->selected;
		draw_style st = draw_row_style(c, selected, STYLE_SELECTED);
		char count[24];
		snprintf(count, sizeof(count), "%ld", it->events);
		draw_fill(c, y0 + 1 + r, x0 + 1, w - 2, st);
		draw_arrow(c, y0 + 1 + r, x0 + 1, selected, STYLE_SELECTED);
		strbuf label = STRBUF_INIT, alias = STRBUF_INIT;
		strbuf_puts(&label, it->label);
		if (matched_alias(it, prompt_text(&p->typed), &alias))
			strbuf_printf(&label, " (%s)", strbuf_str(&alias));
		draw_text(c, y0 + 1 + r, x0 + 2, w - 5 - cw, strbuf_str(&label),
			  st, false);
		strbuf_free(&label);
		strbuf_free(&alias);
		draw_text(c, y0 + 1 + r, x0 + w - 2 - cw, cw, count, st, false);
	}
	if (!p->n_shown)
		draw_text(c, y0 + 1, x0 + 2, w - 4, lang == LANG_KO
			  ? "(없음)" : "(none)", STYLE_NORMAL, false);
	draw_text(c, y0 + h - 2, x0 + 2, w - 4, lang == LANG_KO
		  ? "입력해 좁히기, 위/아래 이동, Enter 선택, Esc 취소"
		  : "type to narrow, Up/Down move, Enter picks, Esc cancels",
		  STYLE_LABEL, false);
}
