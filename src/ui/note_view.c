/* note_view.c: the selected event's note, edited in place (e): a box over
 * the timeline holding the note's lines, edited by grapheme cluster as
 * the search prompt is (an input method sends whole syllables; Backspace
 * takes one), Enter a new line, Ctrl-D saving it, Esc leaving it as it
 * was; E (or Ctrl-E in the box) edits it in $VISUAL or $EDITOR instead. */
#include "note_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "yeonpyo/text.h"

#include "external_editor.h"
#include "prompt.h"
#include "timeline_pane.h"

/* Ctrl-D saves: the end of input, as in a mail composer; Ctrl-S would
 * stop a terminal whose flow control is on. */
#define SAVE_KEY ('d' & 0x1f)
#define EDITOR_KEY ('e' & 0x1f)

typedef struct {
	view base;
	char *id;        /* the event the note is on */
	char *title;     /* its title, for the box's heading */
	prompt text;
	size_t top;      /* the first row shown */
} note_view;

/* The box: as wide as the screen allows up to 78 columns, the body's
 * height but its first and last row. */
typedef struct {
	int y, x, h, w;
} note_box;

static note_box box_of(void)
{
	int w = COLS - 4 < 78 ? COLS - 4 : 78;
	int h = LINES - 4;
	return (note_box){2, (COLS - w) / 2, h, w};
}

static size_t row_len(const char *s, size_t len, int width)
{
	size_t n = text_prefix(s, len, width, NULL);
	return n ? n : len;  /* a cluster wider than the row: whole */
}

typedef void (*row_fn)(const char *row, size_t len, size_t index, void *ctx);

/* The note's rows as drawn: each line cut at clusters into rows of width
 * columns. Calls fn (when set) with each row's bytes, and finds the row and
 * column of the cursor's byte offset. */
static void each_row(const char *s, size_t n, int width, row_fn fn,
		     void *ctx, size_t cursor, size_t *cursor_row,
		     int *cursor_col)
{
	size_t index = 0, at = 0;
	for (;;) {
		size_t end = at;
		while (end < n && s[end] != '\n')
			end++;
		size_t from = at;
		do {
			size_t len = row_len(s + from, end - from, width);
			bool last = from + len == end;
			if (cursor >= from && (cursor < from + len ||
					       (last && cursor <= end))) {
				*cursor_row = index;
				*cursor_col = text_width_n(s + from, cursor - from);
			}
			if (fn)
				fn(s + from, len, index, ctx);
			index++;
			from += len;
		} while (from < end);
		if (end >= n)
			break;
		at = end + 1;
	}
}

typedef struct {
	const canvas *c;
	note_box bx;
	size_t top;
} row_drawing;

static void draw_row(const char *row, size_t len, size_t index, void *ctx)
{
	row_drawing *d = ctx;
	int rows = d->bx.h - 3;
	if (index < d->top || index >= d->top + (size_t)rows)
		return;
	char *copy = strndup(row, len);
	if (copy)
		draw_text(d->c, d->bx.y + 1 + (int)(index - d->top), d->bx.x + 2,
			  d->bx.w - 4, copy, STYLE_NORMAL, false);
	free(copy);
}

static void note_draw(view *v, browser *b)
{
	note_view *nv = (note_view *)v;
	note_box bx = box_of();
	const canvas *c = &b->canvas;
	bool ko = b->lang == LANG_KO;
	for (int row = 0; row < bx.h; row++)
		draw_fill(c, bx.y + row, 0, COLS, STYLE_NORMAL);
	draw_box(c, bx.y, bx.x, bx.h, bx.w, STYLE_BORDER);
	strbuf head = STRBUF_INIT;
	strbuf_printf(&head, " %s: %s ", ko ? "내 메모" : "My note", nv->title);
	draw_text(c, bx.y, bx.x + 2, bx.w - 4, strbuf_str(&head), STYLE_HEADING,
		  false);
	strbuf_free(&head);
	const char *s = prompt_text(&nv->text);
	size_t cursor_row = 0;
	int cursor_col = 0, rows = bx.h - 3;
	each_row(s, nv->text.text.len, bx.w - 4, NULL, NULL, nv->text.cursor,
		 &cursor_row, &cursor_col);
	if (cursor_row < nv->top)
		nv->top = cursor_row;
	if (rows > 0 && cursor_row >= nv->top + (size_t)rows)
		nv->top = cursor_row - (size_t)rows + 1;
	row_drawing d = {c, bx, nv->top};
	each_row(s, nv->text.text.len, bx.w - 4, draw_row, &d, nv->text.cursor,
		 &cursor_row, &cursor_col);
	draw_text(c, bx.y + bx.h - 2, bx.x + 2, bx.w - 4, ko
		  ? "Ctrl-D 저장, Esc 취소, Enter 줄바꿈, Ctrl-E 외부 편집기"
		  : "Ctrl-D saves, Esc cancels, Enter breaks the line, "
		    "Ctrl-E opens $EDITOR", STYLE_LABEL, false);
	b->cursor_y = bx.y + 1 + (int)(cursor_row - nv->top);
	b->cursor_x = bx.x + 2 + cursor_col;
}

/* Keeps text as the note on event id (an empty one deletes it) and says
 * so; false, saying why, when the store refuses it. */
static bool save_note(browser *b, const char *id, const char *text)
{
	bool ko = b->lang == LANG_KO;
	yp_error err = {0};
	bool empty = text[strspn(text, " \t\r\n")] == '\0';
	yp_status rc = empty ? store_note_delete(b->s, id, &err)
			     : store_note_set(b->s, id, text, &err);
	if (rc != YP_OK && !(empty && rc == YP_NOINPUT)) {
		browser_note_failure(b, &err);
		return false;
	}
	timeline_event *e = timeline_selected(&b->tl);
	if (e && strcmp(e->id, id) == 0)
		e->noted = !empty;
	detail_forget(&b->dv);
	browser_invalidate(b);
	browser_note(b, empty ? (ko ? "메모 지움" : "note deleted")
			      : (ko ? "메모 저장함" : "note saved"));
	return true;
}

/* Ctrl-D: what the box holds is kept, and the box closes; a note the
 * store refuses keeps the box open. */
static void save(note_view *nv, browser *b)
{
	if (save_note(b, nv->id, prompt_text(&nv->text)))
		browser_pop(b);  /* the note it said stays until a key */
}

/* Ctrl-E in the box: its text in the user's editor, and back in the box
 * (Ctrl-D keeps it). */
static void edit_in_box(note_view *nv, browser *b)
{
	yp_error err = {0};
	char *text = external_editor_run(prompt_text(&nv->text), &err);
	browser_invalidate(b);
	if (!text) {
		browser_note_failure(b, &err);
		return;
	}
	prompt_set(&nv->text, text);
	free(text);
}

static void note_key(view *v, browser *b, const view_key *k)
{
	note_view *nv = (note_view *)v;
	prompt *p = &nv->text;
	unsigned long c = k->code;
	if (!k->fn && c == SAVE_KEY)
		save(nv, b);
	else if (!k->fn && c == 27)
		browser_pop(b);
	else if (!k->fn && c == EDITOR_KEY)
		edit_in_box(nv, b);
	else if (k->fn ? c == FKEY_ENTER : c == '\n' || c == '\r')
		prompt_break(p);
	else if (k->fn ? c == FKEY_BACKSPACE : c == 127 || c == 8)
		prompt_backspace(p);
	else if (!k->fn)
		prompt_insert(p, c);
	else if (c == FKEY_LEFT || c == FKEY_RIGHT)
		c == FKEY_LEFT ? prompt_left(p) : prompt_right(p);
	else if (c == FKEY_UP || c == FKEY_DOWN)
		prompt_vertical(p, c == FKEY_UP ? -1 : 1);
	else if (c == FKEY_HOME || c == FKEY_END)
		c == FKEY_HOME ? prompt_line_home(p) : prompt_line_end(p);
}

static void note_close(view *v, browser *b)
{
	(void)b;
	note_view *nv = (note_view *)v;
	prompt_free(&nv->text);
	free(nv->id);
	free(nv->title);
	free(nv);
}

static const view_ops note_view_ops = {
	.name = "note",
	.place = VIEW_OVERLAY,
	.cursor = true,
	.draw = note_draw,
	.key = note_key,
	.close = note_close,
};

/* The selected event's note (NULL and nothing said when there is no
 * event; "" when it has no note); the caller frees it. */
static char *selected_note(browser *b, timeline_event **e)
{
	*e = timeline_selected(&b->tl);
	if (!*e)
		return NULL;
	char *text = NULL;
	long long at = 0;
	yp_error err = {0};
	if (store_note_get(b->s, (*e)->id, &text, &at, &err) != YP_OK) {
		browser_note_failure(b, &err);
		return NULL;
	}
	if (!text)
		text = strdup("");
	if (!text)
		browser_note(b, "out of memory");
	return text;
}

void note_view_edit_externally(browser *b)
{
	timeline_event *e = NULL;
	char *text = selected_note(b, &e);
	if (!text)
		return;
	char *id = strdup(e->id);
	yp_error err = {0};
	char *edited = id ? external_editor_run(text, &err) : NULL;
	browser_invalidate(b);
	if (!id)
		browser_note(b, "out of memory");
	else if (!edited)
		browser_note_failure(b, &err);
	else if (strcmp(edited, text) != 0)
		save_note(b, id, edited);
	free(edited);
	free(id);
	free(text);
}

void note_view_open(browser *b)
{
	timeline_event *e = NULL;
	char *text = selected_note(b, &e);
	if (!text)
		return;
	note_view *nv = browser_view_new(b, sizeof(*nv), &note_view_ops);
	if (!nv) {
		free(text);
		return;
	}
	nv->id = strdup(e->id);
	nv->title = strdup(model_text_pick(&e->title, b->lang));
	prompt_init(&nv->text);
	prompt_set(&nv->text, text);
	free(text);
	if (!nv->id || !nv->title) {
		note_close(&nv->base, b);
		browser_note(b, "out of memory");
		return;
	}
	browser_push(b, &nv->base);
}
