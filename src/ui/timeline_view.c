/* timeline_view.c: the timeline pane. Rows are kept in memory as the
 * store hands them over; only the rows in view are drawn. */
#include "yeonpyo/timeline_view.h"

#include <stdlib.h>
#include <string.h>

#include "yeonpyo/text.h"

/* Columns of a row: date, planned mark, organizations, title. */
#define DATE_COLS 10
#define ORG_COLS_MAX 20

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static bool keep_row(const event_row *row, void *ctx)
{
	timeline_view *tv = ctx;
	if ((tv->n_events & (tv->n_events - 1)) == 0) {
		size_t cap = tv->n_events ? tv->n_events * 2 : 64;
		timeline_event *ev = realloc(tv->events, cap * sizeof(*ev));
		if (!ev)
			return false;
		tv->events = ev;
	}
	timeline_event *e = &tv->events[tv->n_events++];
	e->id = strdup(row->id);
	e->date = row->date;
	e->planned = row->planned;
	e->title.ko = dup_or_null(row->title.ko);
	e->title.en = dup_or_null(row->title.en);
	e->orgs.ko = dup_or_null(row->orgs.ko);
	e->orgs.en = dup_or_null(row->orgs.en);
	return e->id != NULL;
}

/* One line per event plus a separator wherever the year changes. */
static bool build_lines(timeline_view *tv)
{
	tv->lines = calloc(tv->n_events * 2 + 1, sizeof(*tv->lines));
	tv->event_line = calloc(tv->n_events + 1, sizeof(*tv->event_line));
	if (!tv->lines || !tv->event_line)
		return false;
	int year = -1;
	for (size_t i = 0; i < tv->n_events; i++) {
		if (tv->events[i].date.year != year) {
			year = tv->events[i].date.year;
			tv->lines[tv->n_lines++] = (timeline_line){-1, year};
		}
		tv->event_line[i] = tv->n_lines;
		tv->lines[tv->n_lines++] = (timeline_line){(long)i, year};
	}
	return true;
}

yp_status timeline_load(timeline_view *tv, store *s, const event_filter *f,
			yp_error *err)
{
	memset(tv, 0, sizeof(*tv));
	yp_status rc = store_each_row(s, f, keep_row, tv, err);
	if (rc == YP_OK && !build_lines(tv))
		rc = yp_fail(err, YP_SOFTWARE, "out of memory");
	return rc;
}

void timeline_free(timeline_view *tv)
{
	for (size_t i = 0; i < tv->n_events; i++) {
		free(tv->events[i].id);
		model_text_clear(&tv->events[i].title);
		model_text_clear(&tv->events[i].orgs);
	}
	free(tv->events);
	free(tv->lines);
	free(tv->event_line);
	memset(tv, 0, sizeof(*tv));
}

const char *timeline_selected_id(const timeline_view *tv)
{
	return tv->n_events ? tv->events[tv->selected].id : NULL;
}

static size_t line_of(const timeline_view *tv, size_t event)
{
	return tv->event_line[event];
}

void timeline_reveal(timeline_view *tv, int height)
{
	if (!tv->n_events || height <= 0)
		return;
	size_t line = line_of(tv, tv->selected);
	/* show the year separator above the first event of a year too */
	size_t want_top = line > 0 && tv->lines[line - 1].event < 0 ? line - 1
								   : line;
	if (want_top < tv->top)
		tv->top = want_top;
	if (line >= tv->top + (size_t)height)
		tv->top = line - (size_t)height + 1;
	size_t max_top = tv->n_lines > (size_t)height
				 ? tv->n_lines - (size_t)height : 0;
	if (tv->top > max_top)
		tv->top = max_top;
}

static void select_event(timeline_view *tv, long event, int height)
{
	if (!tv->n_events)
		return;
	if (event < 0)
		event = 0;
	if ((size_t)event >= tv->n_events)
		event = (long)tv->n_events - 1;
	tv->selected = (size_t)event;
	timeline_reveal(tv, height);
}

void timeline_move(timeline_view *tv, long delta, int height)
{
	select_event(tv, (long)tv->selected + delta, height);
}

/* Paging moves the view and the selection by the same number of lines,
 * as less and tig do, landing on the nearest event. */
void timeline_page(timeline_view *tv, long lines, int height)
{
	if (!tv->n_events)
		return;
	long line = (long)line_of(tv, tv->selected) + lines;
	if (line < 0)
		line = 0;
	if ((size_t)line >= tv->n_lines)
		line = (long)tv->n_lines - 1;
	if (tv->lines[line].event < 0)
		line += line + 1 < (long)tv->n_lines ? 1 : -1;
	long top = (long)tv->top + lines;
	tv->top = top < 0 ? 0 : (size_t)top;
	select_event(tv, tv->lines[line].event, height);
}

bool timeline_select_id(timeline_view *tv, const char *id, int height)
{
	for (size_t i = 0; id && i < tv->n_events; i++) {
		if (strcmp(tv->events[i].id, id) == 0) {
			select_event(tv, (long)i, height);
			return true;
		}
	}
	return false;
}

void timeline_first(timeline_view *tv, int height)
{
	select_event(tv, 0, height);
}

void timeline_last(timeline_view *tv, int height)
{
	select_event(tv, (long)tv->n_events - 1, height);
}

void timeline_next_year(timeline_view *tv, int height)
{
	if (!tv->n_events)
		return;
	int year = tv->events[tv->selected].date.year;
	for (size_t i = tv->selected + 1; i < tv->n_events; i++) {
		if (tv->events[i].date.year != year) {
			select_event(tv, (long)i, height);
			return;
		}
	}
}

void timeline_prev_year(timeline_view *tv, int height)
{
	if (!tv->n_events)
		return;
	size_t i = tv->selected;
	int year = tv->events[i].date.year;
	while (i > 0 && tv->events[i - 1].date.year == year)
		i--;
	if (i > 0) {  /* into the previous year, then to its start */
		year = tv->events[--i].date.year;
		while (i > 0 && tv->events[i - 1].date.year == year)
			i--;
	}
	select_event(tv, (long)i, height);
}

static void draw_separator(const canvas *c, int y, int x, int width, int year)
{
	char label[16];
	snprintf(label, sizeof(label), " %d ", year);
	draw_hline(c, y, x, width < 2 ? width : 2, STYLE_BORDER);
	int used = draw_text(c, y, x + 2, width - 2, label, STYLE_YEAR, false);
	draw_hline(c, y, x + 2 + used, width - 2 - used, STYLE_BORDER);
}

static void draw_event(const canvas *c, const timeline_event *e, int y, int x,
		       int width, yp_lang lang, draw_style row,
		       char *const *marks)
{
	bool selected = row != STYLE_NORMAL;
	char date[DATE_TEXT_MAX];
	date_format(&e->date, date);
	int org_cols = width / 4 < ORG_COLS_MAX ? width / 4 : ORG_COLS_MAX;
	draw_fill(c, y, x, width, row);
	int col = x + 1;
	int end = x + width;
	col += draw_text(c, y, col, DATE_COLS, date, selected ? row : STYLE_DATE,
			 true);
	col += draw_text(c, y, col, 3, e->planned ? " * " : "   ",
			 selected ? row : STYLE_PLANNED, true);
	if (end - col > org_cols + 8) {
		draw_text(c, y, col, org_cols, model_text_pick(&e->orgs, lang),
			  selected ? row : STYLE_ORGS, true);
		col += org_cols + 2;
	}
	draw_text_marked(c, y, col, end - col - 1,
			 model_text_pick(&e->title, lang), row, false, marks);
}

void timeline_draw(const timeline_view *tv, const canvas *c, int y, int x,
		   int height, int width, yp_lang lang, bool focused,
		   char *const *marks)
{
	for (int row = 0; row < height; row++)
		draw_fill(c, y + row, x, width, STYLE_NORMAL);
	if (!tv->n_events) {
		draw_text(c, y, x + 1, width - 1, lang == LANG_KO
			  ? "(사건 없음)" : "(no events)", STYLE_NORMAL, false);
		return;
	}
	for (int row = 0; row < height; row++) {
		size_t line = tv->top + (size_t)row;
		if (line >= tv->n_lines)
			break;
		const timeline_line *l = &tv->lines[line];
		if (l->event < 0) {
			draw_separator(c, y + row, x, width, l->year);
			continue;
		}
		draw_style style = STYLE_NORMAL;
		if ((size_t)l->event == tv->selected)
			style = focused ? STYLE_SELECTED : STYLE_SELECTED_DIM;
		draw_event(c, &tv->events[l->event], y + row, x, width, lang,
			   style, marks);
	}
}
