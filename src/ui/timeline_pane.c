/* timeline_pane.c: the timeline pane over a window of rows that keyset
 * queries move along the timeline; only the rows in view are drawn. */
#include "timeline_pane.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/text.h"

/* Columns of a row: date, planned mark, organizations, title. */
#define DATE_COLS 10
#define ORG_COLS_MAX 20

/* Rows read on each side of the selection, and by each slide: four panes,
 * more than the three of margin settle wants, and few enough that a read
 * stays near 2 ms at a million events (the rows lie scattered over the
 * file, one page each); eight panes took twice that for a page or jump. */
#define WINDOW_MIN 64

static size_t window_rows(int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	return 4 * h > WINDOW_MIN ? 4 * h : WINDOW_MIN;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

typedef struct {
	timeline_event *rows;
	size_t n;
	bool oom;
} row_list;

static void free_rows(timeline_event *rows, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		free(rows[i].id);
		model_text_clear(&rows[i].title);
		model_text_clear(&rows[i].orgs);
	}
}

/* Frees the rows of l from keep on (those before were handed over), and
 * the array. */
static void list_free(row_list *l, size_t keep)
{
	free_rows(l->rows, keep, l->n);
	free(l->rows);
	memset(l, 0, sizeof(*l));
}

static bool keep_row(const event_row *row, void *ctx)
{
	row_list *l = ctx;
	if ((l->n & (l->n - 1)) == 0) {
		size_t cap = l->n ? l->n * 2 : 64;
		timeline_event *ev = realloc(l->rows, cap * sizeof(*ev));
		if (!ev) {
			l->oom = true;
			return false;
		}
		l->rows = ev;
	}
	timeline_event *e = &l->rows[l->n];
	memset(e, 0, sizeof(*e));
	e->id = strdup(row->id);
	e->date = row->date;
	e->planned = row->planned;
	e->title.ko = dup_or_null(row->title.ko);
	e->title.en = dup_or_null(row->title.en);
	e->orgs.ko = dup_or_null(row->orgs.ko);
	e->orgs.en = dup_or_null(row->orgs.en);
	e->orgs_read = row->orgs.ko || row->orgs.en;
	e->key = row->key;
	e->marked = row->marked;
	e->seen = row->seen;
	e->noted = row->noted;
	l->n++;
	l->oom = !e->id;
	return !l->oom;
}

/* Up to limit rows from a place in timeline order into out (empty on
 * entry); a failure is recorded in the view's err. */
static bool fetch(timeline_pane *tv, const row_key *k, row_window how,
		  size_t limit, row_list *out)
{
	yp_status rc = store_rows_from(tv->s, &tv->f, k, how, (long)limit,
				       keep_row, out, &tv->err);
	if (rc == YP_OK && out->oom)
		rc = yp_fail(&tv->err, YP_SOFTWARE, "out of memory");
	if (rc == YP_OK)
		return true;
	list_free(out, 0);
	return false;
}

static row_key key_of(const timeline_event *e)
{
	return (row_key){date_key(&e->date), e->id};
}

static void drop_window(timeline_pane *tv)
{
	free_rows(tv->rows, 0, tv->n_rows);
	free(tv->rows);
	tv->rows = NULL;
	tv->n_rows = 0;
}

/* What the window's arithmetic must keep, whatever the store holds: the
 * selection inside it, every row on the line that names it, the lines in
 * order with a separator wherever the year changes, and the window
 * within the bounds slide() keeps (the top is checked where it is set). Read in each window
 * built (a few hundred rows at most), so it costs nothing beside a
 * query. */
static void check_window(const timeline_pane *tv, size_t limit)
{
	if (!tv->n_rows) {
		assert(tv->n_lines == 0);
		return;
	}
	assert(tv->selected < tv->n_rows);
	assert(tv->n_lines >= tv->n_rows && tv->n_lines <= 2 * tv->n_rows);
	assert(tv->first_pos >= 0);
	assert(!limit || tv->n_rows <= limit);
	int year = tv->prev_year;
	size_t line = 0;
	for (size_t i = 0; i < tv->n_rows; i++) {
		const timeline_event *e = &tv->rows[i];
		if (e->date.year != year) {
			assert(tv->lines[line].event < 0 &&
			       tv->lines[line].year == e->date.year);
			year = e->date.year;
			line++;
		}
		assert(tv->event_line[i] == line);
		assert(tv->lines[line].event == (long)i);
		line++;
	}
	assert(line == tv->n_lines);
}

/* One line per row plus a separator wherever the year changes, with the
 * selection rel lines below the top of the pane. Out of memory, the view
 * is left empty and says why. */
static bool build_lines(timeline_pane *tv, size_t rel)
{
	free(tv->lines);
	free(tv->event_line);
	tv->n_lines = 0;
	tv->lines = calloc(tv->n_rows * 2 + 1, sizeof(*tv->lines));
	tv->event_line = calloc(tv->n_rows + 1, sizeof(*tv->event_line));
	if (!tv->lines || !tv->event_line) {
		yp_fail(&tv->err, YP_SOFTWARE, "out of memory");
		drop_window(tv);
		return false;
	}
	int year = tv->prev_year;
	for (size_t i = 0; i < tv->n_rows; i++) {
		if (tv->rows[i].date.year != year) {
			year = tv->rows[i].date.year;
			tv->lines[tv->n_lines++] = (timeline_line){-1, year};
		}
		tv->event_line[i] = tv->n_lines;
		tv->lines[tv->n_lines++] = (timeline_line){(long)i, year};
	}
	size_t line = tv->event_line[tv->selected];
	tv->top = line > rel ? line - rel : 0;
	check_window(tv, 0);
	assert(tv->top <= line);
	return true;
}

static int key_cmp(const row_key *a, const row_key *b)
{
	if (a->date_key != b->date_key)
		return a->date_key < b->date_key ? -1 : 1;
	return strcmp(a->id, b->id);  /* bytes, as SQLite's BINARY */
}

/* The place of the first row at or after key, counted from the selection
 * (rows between the two: a year's jump costs a year, wherever it lands);
 * -1 with the view's err set when the store fails. */
static long position_of(timeline_pane *tv, const row_key *key)
{
	if (!tv->n_rows)
		return store_rows_before(tv->s, &tv->f, key, &tv->err);
	row_key here = key_of(&tv->rows[tv->selected]);
	long pos = timeline_position(tv);
	bool after = key_cmp(key, &here) >= 0;
	long n = after ? store_rows_between(tv->s, &tv->f, &here, key, &tv->err)
		       : store_rows_between(tv->s, &tv->f, key, &here, &tv->err);
	if (n < 0)
		return -1;
	return after ? pos + n : pos - n;
}

/* Replaces the window with the rows around key, which becomes the
 * selection at position pos (counted when negative), rel lines below the
 * top of the pane. False, the window unchanged, when the store fails or
 * key is not a row of the timeline. */
static bool window_around(timeline_pane *tv, const row_key *key, long pos,
			  size_t rel, int height)
{
	size_t k = window_rows(height);
	row_list before = {0}, after = {0};
	if (!fetch(tv, key, WINDOW_BEFORE, k + 1, &before))
		return false;
	if (!fetch(tv, key, WINDOW_AT, k + 1, &after)) {
		list_free(&before, 0);
		return false;
	}
	if (pos < 0 && after.n)
		pos = position_of(tv, key);
	size_t nb = before.n < k ? before.n : k;
	size_t na = after.n < k ? after.n : k;
	timeline_event *rows = NULL;
	if (pos >= 0 && after.n)
		rows = malloc((nb + na) * sizeof(*rows));
	if (!rows) {
		if (pos >= 0 && after.n)
			yp_fail(&tv->err, YP_SOFTWARE, "out of memory");
		list_free(&before, 0);
		list_free(&after, 0);
		return false;
	}
	for (size_t i = 0; i < nb; i++)
		rows[i] = before.rows[nb - 1 - i];
	memcpy(rows + nb, after.rows, na * sizeof(*rows));
	drop_window(tv);
	tv->prev_year = before.n > k ? before.rows[k].date.year : -1;
	tv->at_end = after.n <= k;
	list_free(&before, nb);
	list_free(&after, na);
	tv->rows = rows;
	tv->n_rows = nb + na;
	tv->first_pos = pos - (long)nb;
	tv->selected = nb;
	return build_lines(tv, rel);
}

/* The window around the one row that how and key find, if any. */
static void window_at_row(timeline_pane *tv, const row_key *key,
			  row_window how, long pos, int height)
{
	row_list one = {0};
	if (!fetch(tv, key, how, 1, &one))
		return;
	if (one.n) {
		row_key k = key_of(&one.rows[0]);
		window_around(tv, &k, pos, 0, height);
	}
	list_free(&one, 0);
}

/* False when a string could not be copied. */
static bool copy_filter(timeline_pane *tv, const event_filter *f)
{
	if (!f)
		return true;
	tv->f = *f;
	const char *from[4] = {f->org, f->tag, f->person, f->match};
	bool ok = true;
	for (size_t i = 0; i < 4; i++) {
		tv->owned[i] = dup_or_null(from[i]);
		ok = ok && (tv->owned[i] || !from[i]);
	}
	tv->f.org = tv->owned[0];
	tv->f.tag = tv->owned[1];
	tv->f.person = tv->owned[2];
	tv->f.match = tv->owned[3];
	return ok;
}

yp_status timeline_load(timeline_pane *tv, store *s, const event_filter *f,
			yp_error *err)
{
	memset(tv, 0, sizeof(*tv));
	tv->s = s;
	tv->prev_year = -1;
	tv->at_end = true;
	if (!copy_filter(tv, f))
		return yp_fail(err, YP_SOFTWARE, "out of memory");
	tv->total = store_rows_total(s, &tv->f, err);
	if (tv->total < 0)
		return err->status;
	if (tv->total == 0)
		return YP_OK;
	window_at_row(tv, NULL, WINDOW_FIRST, 0, 0);
	if (!tv->n_rows) {
		*err = tv->err;
		return err->status ? err->status
				   : yp_fail(err, YP_SOFTWARE, "no first event");
	}
	return YP_OK;
}

void timeline_free(timeline_pane *tv)
{
	drop_window(tv);
	free(tv->lines);
	free(tv->event_line);
	for (size_t i = 0; i < 4; i++)
		free(tv->owned[i]);
	memset(tv, 0, sizeof(*tv));
}

const char *timeline_selected_id(const timeline_pane *tv)
{
	return tv->n_rows ? tv->rows[tv->selected].id : NULL;
}

timeline_event *timeline_selected(timeline_pane *tv)
{
	return tv->n_rows ? &tv->rows[tv->selected] : NULL;
}

bool timeline_span(const timeline_pane *tv, int height, long *from, long *to)
{
	bool any = false;
	size_t end = tv->top + (size_t)(height > 0 ? height : 0);
	for (size_t line = tv->top; tv->rows && line < tv->n_lines && line < end;
	     line++) {
		long ev = tv->lines[line].event;
		if (ev < 0)
			continue;
		long key = date_key(&tv->rows[ev].date);
		if (!any)
			*from = key;
		*to = key;
		any = true;
	}
	return any;
}

long timeline_position(const timeline_pane *tv)
{
	return tv->n_rows ? tv->first_pos + (long)tv->selected : 0;
}

long timeline_count(const timeline_pane *tv)
{
	return tv->total;
}

yp_status timeline_failed(const timeline_pane *tv, yp_error *err)
{
	if (tv->err.status != YP_OK)
		*err = tv->err;
	return tv->err.status;
}

static size_t line_of(const timeline_pane *tv, size_t event)
{
	return tv->event_line[event];
}

/* Moves the window along without reading again what it holds: a window's
 * worth of rows past its end (or before its start) is read and the far
 * side let go beyond three windows, the selection staying rel lines below
 * the top of the pane. The view is unchanged when the store fails. */
static void slide(timeline_pane *tv, bool forward, size_t rel, int height)
{
	size_t k = window_rows(height);
	size_t h = height > 0 ? (size_t)height : 1;
	row_key edge = key_of(&tv->rows[forward ? tv->n_rows - 1 : 0]);
	row_list more = {0};
	if (!fetch(tv, &edge, forward ? WINDOW_AFTER : WINDOW_BEFORE, k + 1,
		   &more))
		return;
	size_t got = more.n < k ? more.n : k;
	size_t n = tv->n_rows + got;
	size_t drop = n > 3 * k ? n - 3 * k : 0;
	/* never let go of the rows the pane shows */
	size_t spare = forward ? tv->selected : tv->n_rows - 1 - tv->selected;
	spare = spare > h + 1 ? spare - h - 1 : 0;
	if (drop > spare)
		drop = spare;
	timeline_event *rows = malloc((n - drop) * sizeof(*rows));
	if (!rows) {
		yp_fail(&tv->err, YP_SOFTWARE, "out of memory");
		list_free(&more, 0);
		return;
	}
	if (forward) {
		free_rows(tv->rows, 0, drop);
		memcpy(rows, tv->rows + drop, (tv->n_rows - drop) * sizeof(*rows));
		memcpy(rows + tv->n_rows - drop, more.rows, got * sizeof(*rows));
		if (drop)
			tv->prev_year = tv->rows[drop - 1].date.year;
		tv->at_end = more.n <= k;
		tv->first_pos += (long)drop;
		tv->selected -= drop;
	} else {
		for (size_t i = 0; i < got; i++)
			rows[i] = more.rows[got - 1 - i];
		free_rows(tv->rows, tv->n_rows - drop, tv->n_rows);
		memcpy(rows + got, tv->rows, (tv->n_rows - drop) * sizeof(*rows));
		tv->prev_year = more.n > k ? more.rows[k].date.year : -1;
		tv->at_end = tv->at_end && !drop;
		tv->first_pos -= (long)got;
		tv->selected += got;
	}
	list_free(&more, got);
	free(tv->rows);
	tv->rows = rows;
	tv->n_rows = n - drop;
	if (build_lines(tv, rel))  /* never more than kept, and the pane */
		check_window(tv, 3 * k + 2 * h + 2);
}

/* Reads a new window when the pane comes near either edge of this one
 * (not an edge of the timeline), keeping the selection where it is on
 * the screen. */
static void settle(timeline_pane *tv, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	size_t line = line_of(tv, tv->selected);
	size_t need = 2 * h + 2;
	bool near_start = tv->first_pos > 0 && line < need;
	bool near_end = !tv->at_end && tv->n_lines - line < need + h;
	if (!near_start && !near_end)
		return;
	size_t rel = line >= tv->top ? line - tv->top : 0;
	if (near_start != near_end) {
		slide(tv, near_end, rel, height);
		return;
	}
	row_key k = key_of(&tv->rows[tv->selected]);
	window_around(tv, &k, timeline_position(tv), rel, height);
}

/* Reads the organizations of the rows in view that lack them: a window
 * holds four panes each side, and reading theirs with the window cost a
 * scattered page per row (the most of a jump at a million events). */
static void read_orgs(timeline_pane *tv, int height)
{
	size_t end = tv->top + (size_t)height;
	if (!tv->rows)
		return;  /* a settle that ran out of memory emptied the view */
	for (size_t line = tv->top; line < tv->n_lines && line < end; line++) {
		long ev = tv->lines[line].event;
		if (ev < 0 || tv->rows[ev].orgs_read)
			continue;
		timeline_event *e = &tv->rows[ev];
		if (store_row_orgs(tv->s, e->key, &e->orgs, &tv->err) != YP_OK)
			return;
		e->orgs_read = true;
	}
}

void timeline_reveal(timeline_pane *tv, int height)
{
	if (!tv->n_rows || height <= 0)
		return;
	check_window(tv, 0);
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
	if (tv->at_end && tv->top > max_top)
		tv->top = max_top;
	settle(tv, height);
	if (tv->n_rows) {
		check_window(tv, 0);
		/* the selection is in view */
		size_t at = line_of(tv, tv->selected);
		assert(tv->top <= at && at < tv->top + (size_t)height);
	}
	read_orgs(tv, height);
}

static void select_row(timeline_pane *tv, long row, int height)
{
	if (!tv->n_rows)
		return;
	if (row < 0)
		row = 0;
	if ((size_t)row >= tv->n_rows)
		row = (long)tv->n_rows - 1;
	tv->selected = (size_t)row;
	timeline_reveal(tv, height);
}

void timeline_move(timeline_pane *tv, long delta, int height)
{
	select_row(tv, (long)tv->selected + delta, height);
}

void timeline_cycle(timeline_pane *tv, int dir, int height)
{
	long pos = timeline_position(tv);
	if (!tv->total)
		return;
	if (dir > 0 && pos == tv->total - 1)
		timeline_first(tv, height);
	else if (dir < 0 && pos == 0)
		timeline_last(tv, height);
	else
		timeline_move(tv, dir, height);
}

/* Paging moves the view and the selection by the same number of lines,
 * as less and tig do, landing on the nearest event. The window always
 * reaches a page beyond the pane, so this needs no query. */
void timeline_page(timeline_pane *tv, long lines, int height)
{
	if (!tv->n_rows)
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
	select_row(tv, tv->lines[line].event, height);
}

bool timeline_select_id(timeline_pane *tv, const char *id, int height)
{
	if (!id || !tv->n_rows)
		return false;
	for (size_t i = 0; i < tv->n_rows; i++) {
		if (strcmp(tv->rows[i].id, id) == 0) {
			select_row(tv, (long)i, height);
			return true;
		}
	}
	row_key k;
	yp_error err = {0};
	if (store_event_key(tv->s, id, &k, &err) != YP_OK)
		return false;  /* gone since: not an error of the view */
	/* filtered out: no window is read (nor its place counted) */
	row_list one = {0};
	if (!fetch(tv, &k, WINDOW_AT, 1, &one))
		return false;
	bool there = one.n && strcmp(one.rows[0].id, id) == 0;
	list_free(&one, 0);
	if (!there || !window_around(tv, &k, -1, 0, height))
		return false;
	timeline_reveal(tv, height);
	return true;
}

void timeline_select_near(timeline_pane *tv, const row_key *k, int height)
{
	if (!tv->n_rows)
		return;
	window_at_row(tv, k, WINDOW_AT, -1, height);
	row_key here = key_of(&tv->rows[tv->selected]);
	if (key_cmp(&here, k) < 0)
		timeline_last(tv, height);  /* none on or after it: the last */
	else
		timeline_reveal(tv, height);
}

bool timeline_click(timeline_pane *tv, int row, int height)
{
	size_t line = tv->top + (size_t)(row > 0 ? row : 0);
	if (!tv->n_rows || row < 0 || row >= height || line >= tv->n_lines ||
	    tv->lines[line].event < 0)
		return false;
	select_row(tv, tv->lines[line].event, height);
	return true;
}

row_key timeline_selected_key(const timeline_pane *tv)
{
	return tv->n_rows ? key_of(&tv->rows[tv->selected])
			  : (row_key){0, NULL};
}

int timeline_selected_row(const timeline_pane *tv)
{
	if (!tv->n_rows)
		return 0;
	size_t line = line_of(tv, tv->selected);
	return line >= tv->top ? (int)(line - tv->top) : 0;
}

void timeline_hold_row(timeline_pane *tv, int row, int height)
{
	if (!tv->n_rows || row < 0)
		return;
	size_t line = line_of(tv, tv->selected);
	tv->top = line > (size_t)row ? line - (size_t)row : 0;
	timeline_reveal(tv, height);
}

void timeline_first(timeline_pane *tv, int height)
{
	if (tv->first_pos == 0)
		select_row(tv, 0, height);
	else
		window_at_row(tv, NULL, WINDOW_FIRST, 0, height);
	timeline_reveal(tv, height);
}

void timeline_last(timeline_pane *tv, int height)
{
	if (tv->at_end)
		select_row(tv, (long)tv->n_rows - 1, height);
	else
		window_at_row(tv, NULL, WINDOW_LAST, tv->total - 1, height);
	timeline_reveal(tv, height);
}

static row_key year_start(int year)
{
	return (row_key){(long)year * 10000L, ""};
}

void timeline_next_year(timeline_pane *tv, int height)
{
	if (!tv->n_rows)
		return;
	int year = tv->rows[tv->selected].date.year;
	for (size_t i = tv->selected + 1; i < tv->n_rows; i++) {
		if (tv->rows[i].date.year != year) {
			select_row(tv, (long)i, height);
			return;
		}
	}
	if (tv->at_end)
		return;
	row_key k = year_start(year + 1);
	window_at_row(tv, &k, WINDOW_AT, -1, height);
	timeline_reveal(tv, height);
}

/* To the start of the previous year, or of the first when there is none
 * before this one: from the window when it reaches back far enough. */
void timeline_prev_year(timeline_pane *tv, int height)
{
	if (!tv->n_rows)
		return;
	size_t i = tv->selected;
	int year = tv->rows[i].date.year;
	while (i > 0 && tv->rows[i - 1].date.year == year)
		i--;
	if (i > 0) {  /* into the previous year, then to its start */
		year = tv->rows[--i].date.year;
		while (i > 0 && tv->rows[i - 1].date.year == year)
			i--;
	}
	if (i > 0 || tv->prev_year < 0 ||
	    (year != tv->rows[tv->selected].date.year &&
	     tv->prev_year != year)) {
		select_row(tv, (long)i, height);
		return;
	}
	row_key here = year_start(tv->rows[tv->selected].date.year);
	row_list prev = {0};
	if (!fetch(tv, &here, WINDOW_BEFORE, 1, &prev))
		return;
	if (prev.n) {
		row_key k = year_start(prev.rows[0].date.year);
		window_at_row(tv, &k, WINDOW_AT, -1, height);
	} else {
		timeline_first(tv, height);
	}
	list_free(&prev, 0);
	timeline_reveal(tv, height);
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
	/* marked, else not yet seen: a dim mark left of the date */
	if (e->marked || !e->seen)
		draw_text(c, y, x, 1, e->marked ? "\xe2\x97\x8f" : "\xe2\x97\x8b",
			  selected ? row : STYLE_STATE, false);
	int col = x + 1;
	int end = x + width;
	col += draw_text(c, y, col, DATE_COLS, date, selected ? row : STYLE_DATE,
			 true);
	/* blank in the row's own style: a bold blank costs a reset */
	col += draw_text(c, y, col, 2, e->planned ? " *" : "  ",
			 selected || !e->planned ? row : STYLE_PLANNED, true);
	/* the user's own note on it: a dim pencil */
	col += draw_text(c, y, col, 1, e->noted ? "\xe2\x9c\x8e" : " ",
			 selected || !e->noted ? row : STYLE_STATE, true);
	if (end - col > org_cols + 8) {
		draw_text(c, y, col, org_cols, model_text_pick(&e->orgs, lang),
			  selected ? row : STYLE_ORGS, true);
		col += org_cols + 2;
	}
	draw_text_marked(c, y, col, end - col - 1,
			 model_text_pick(&e->title, lang), row, false, marks);
}

void timeline_draw(const timeline_pane *tv, const canvas *c, int y, int x,
		   int height, int width, yp_lang lang, bool focused,
		   char *const *marks)
{
	for (int row = 0; row < height; row++)
		draw_fill(c, y + row, x, width, STYLE_NORMAL);
	if (!tv->n_rows) {
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
		bool selected = (size_t)l->event == tv->selected;
		draw_style sel = focused ? STYLE_SELECTED : STYLE_SELECTED_DIM;
		/* with the arrow the row moves a cell right, so the mark
		 * left of its date stays */
		int a = draw_arrow(c, y + row, x, selected, sel);
		draw_event(c, &tv->rows[l->event], y + row, x + a, width - a,
			   lang, draw_row_style(c, selected, sel), marks);
	}
}
