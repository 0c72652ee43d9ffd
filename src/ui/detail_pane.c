/* detail_pane.c: the detail pane, laid out from event_report's lines. */
#include "detail_pane.h"

#include <stdlib.h>
#include <string.h>

#include "yeonpyo/event_report.h"
#include "yeonpyo/text.h"

/* Width of the label column of fields such as Date and Status. */
#define LABEL_COLS 10

void detail_init(detail_pane *dv)
{
	memset(dv, 0, sizeof(*dv));
	dv->link = -1;
}

static void clear_lines(detail_pane *dv)
{
	for (size_t i = 0; i < dv->n; i++) {
		free(dv->lines[i].label);
		free(dv->lines[i].text);
		free(dv->lines[i].link_id);
		free(dv->lines[i].url);
	}
	dv->n = 0;
	dv->link = -1;
}

void detail_free(detail_pane *dv)
{
	clear_lines(dv);
	free(dv->lines);
	free(dv->id);
	text_locale_close(dv->tl);
	unsigned flags = dv->text_flags;
	memset(dv, 0, sizeof(*dv));
	dv->text_flags = flags;
	dv->link = -1;
}

static bool add_line(detail_pane *dv, const char *label, const char *text,
		     size_t len, int indent, draw_style style)
{
	if (dv->n == dv->cap) {
		size_t cap = dv->cap ? dv->cap * 2 : 64;
		detail_line *l = realloc(dv->lines, cap * sizeof(*l));
		if (!l)
			return false;
		dv->lines = l;
		dv->cap = cap;
	}
	detail_line *l = &dv->lines[dv->n];
	l->label = label ? strdup(label) : NULL;
	l->text = strndup(text, len);
	l->indent = indent;
	l->style = style;
	l->link_id = NULL;
	l->link_kind = RECORD_EVENT;
	l->url = NULL;
	if (!l->text)
		return false;
	dv->n++;
	return true;
}

/* Wrapping state: the first line may differ from the rest (a hanging
 * indent for list items, a label for fields). */
typedef struct {
	detail_pane *dv;
	const char *label;
	int indent;
	int next_indent;
	draw_style style;
} wrap_target;

static bool wrapped_line(const char *line, size_t len, void *ctx)
{
	wrap_target *w = ctx;
	bool ok = add_line(w->dv, w->label, line, len, w->indent, w->style);
	w->label = NULL;
	w->indent = w->next_indent;
	return ok;
}

static void add_wrapped(detail_pane *dv, const char *label, const char *text,
			int indent, int next_indent, draw_style style)
{
	wrap_target w = {dv, label, indent, next_indent, style};
	int room = dv->width - (indent > next_indent ? indent : next_indent) - 2;
	/* wrap what will be shown: placeholders and romanization change
	 * widths */
	char *shown = text_display(text, dv->text_flags | TEXT_KEEP_NEWLINES);
	text_wrap(shown ? shown : "?", room, dv->text_flags, wrapped_line, &w);
	free(shown);
}

static bool layout_line(const report_line *l, void *ctx)
{
	detail_pane *dv = ctx;
	switch (l->kind) {
	case REPORT_TITLE:
		add_wrapped(dv, NULL, l->text, 0, 0, STYLE_HEADING);
		add_line(dv, NULL, "", 0, 0, STYLE_NORMAL);
		break;
	case REPORT_FIELD:
		add_wrapped(dv, l->label, l->text, LABEL_COLS, LABEL_COLS,
			    STYLE_NORMAL);
		break;
	case REPORT_HEADING:
		add_line(dv, NULL, "", 0, 0, STYLE_NORMAL);
		add_line(dv, NULL, l->text, strlen(l->text), 0, STYLE_HEADING);
		break;
	case REPORT_TEXT:
		add_wrapped(dv, NULL, l->text, 2, 2, STYLE_NORMAL);
		break;
	case REPORT_ITEM: {
		size_t first = dv->n;
		add_wrapped(dv, NULL, l->text, 2, 4, STYLE_NORMAL);
		if (l->link_id && first < dv->n) {
			dv->lines[first].link_id = strdup(l->link_id);
			dv->lines[first].link_kind = l->link_kind;
		}
		break;
	}
	case REPORT_URL:
	default: {
		size_t first = dv->n;
		add_wrapped(dv, NULL, l->text, 6, 6, STYLE_URL);
		/* every line of a wrapped address leads to all of it */
		for (size_t i = first; i < dv->n; i++)
			dv->lines[i].url = strdup(l->text);
		break;
	}
	}
	return true;
}

void detail_forget(detail_pane *dv)
{
	dv->width = -1;  /* read and laid out again, same id, same top */
}

void detail_set_text_flags(detail_pane *dv, unsigned flags)
{
	if (flags == dv->text_flags)
		return;
	dv->text_flags = flags;
	dv->width = -1;  /* laid out again, where it was scrolled to */
}

yp_status detail_show(detail_pane *dv, store *s, const char *id,
		      yp_lang lang, int width, yp_error *err)
{
	bool same_id = (!id && !dv->id) || (id && dv->id && !strcmp(id, dv->id));
	if (same_id && width == dv->width && lang == dv->lang)
		return YP_OK;
	clear_lines(dv);
	if (!same_id) {
		free(dv->id);
		dv->id = id ? strdup(id) : NULL;
		dv->top = 0;
	}
	dv->width = width;
	dv->lang = lang;
	if (!id || width < 8)
		return YP_OK;
	yp_event e;
	yp_status rc = store_get_event(s, id, &e, err);
	if (rc != YP_OK)
		return rc;
	if (dv->tl && dv->tl_lang != lang) {
		text_locale_close(dv->tl);
		dv->tl = NULL;
	}
	if (!dv->tl) {
		dv->tl = text_locale_open(lang == LANG_KO ? "ko" : "en");
		dv->tl_lang = lang;
	}
	event_report(s, &e, lang, dv->tl, layout_line, dv);
	model_event_clear(&e);
	if (dv->top >= dv->n)
		dv->top = dv->n ? dv->n - 1 : 0;
	return YP_OK;
}

void detail_scroll(detail_pane *dv, long delta, int height)
{
	long max_top = (long)dv->n - height;
	long top = (long)dv->top + delta;
	if (top > max_top)
		top = max_top;
	if (top < 0)
		top = 0;
	dv->top = (size_t)top;
}

/* Selects the link on line i and scrolls it into view. */
static void select_link(detail_pane *dv, size_t i, int height)
{
	dv->link = (long)i;
	if (i < dv->top)
		dv->top = i;
	if (height > 0 && i >= dv->top + (size_t)height)
		dv->top = i - (size_t)height + 1;
}

bool detail_next_link(detail_pane *dv, int height)
{
	for (size_t i = (size_t)(dv->link + 1); i < dv->n; i++) {
		if (dv->lines[i].link_id) {
			select_link(dv, i, height);
			return true;
		}
	}
	dv->link = -1;
	return false;
}

bool detail_next_event_link(detail_pane *dv, int height)
{
	size_t from = (size_t)(dv->link + 1);
	for (size_t k = 0; k < dv->n; k++) {
		size_t i = (from + k) % dv->n;
		const detail_line *l = &dv->lines[i];
		if (l->link_id && l->link_kind == RECORD_EVENT) {
			select_link(dv, i, height);
			return true;
		}
	}
	return false;
}

const char *detail_link(const detail_pane *dv, record_kind *kind)
{
	if (dv->link < 0 || (size_t)dv->link >= dv->n)
		return NULL;
	*kind = dv->lines[dv->link].link_kind;
	return dv->lines[dv->link].link_id;
}

void detail_draw(const detail_pane *dv, const canvas *c, int y, int x,
		 int height, int width, char *const *marks)
{
	for (int row = 0; row < height; row++) {
		draw_fill(c, y + row, x, width, STYLE_NORMAL);
		size_t i = dv->top + (size_t)row;
		if (i >= dv->n)
			continue;
		const detail_line *l = &dv->lines[i];
		bool selected = (long)i == dv->link;
		if (selected && !c->arrow)
			draw_fill(c, y + row, x, width, STYLE_SELECTED);
		draw_arrow(c, y + row, x, selected, STYLE_SELECTED);
		if (l->label)
			draw_text(c, y + row, x + 1, LABEL_COLS - 1, l->label,
				  STYLE_LABEL, false);
		draw_style style = selected && !c->arrow ? STYLE_SELECTED
							 : l->style;
		if (l->url && c->links)  /* a link: the address, unmarked */
			draw_text_link(c, y + row, x + 1 + l->indent,
				       width - 2 - l->indent, l->text, style,
				       l->url);
		else
			draw_text_marked(c, y + row, x + 1 + l->indent,
					 width - 2 - l->indent, l->text, style,
					 false, marks);
	}
}

const char *detail_url_at(const detail_pane *dv, int row)
{
	size_t i = dv->top + (size_t)(row > 0 ? row : 0);
	return row >= 0 && i < dv->n ? dv->lines[i].url : NULL;
}

const char *detail_first_url(const detail_pane *dv)
{
	for (size_t i = 0; i < dv->n; i++)
		if (dv->lines[i].url)
			return dv->lines[i].url;
	return NULL;
}
