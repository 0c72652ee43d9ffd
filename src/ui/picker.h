/* picker.h: the overlay that picks an organization, person, tag or year
 * to narrow the timeline by: every one with its number of events, in the
 * collation order of the language, narrowed as the person types. */
#ifndef YEONPYO_PICKER_H
#define YEONPYO_PICKER_H

#include <stdbool.h>
#include <stddef.h>

#include "browser.h"
#include "prompt.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"
#include "ui_draw.h"

typedef struct {
	char *id;
	char *label;
	long events;
	long first_key;
	long last_key;
	char *kind;      /* an organization's kind, else NULL */
	char *aliases;   /* an organization's or a person's other names,
			  * joined by " · ", or NULL; typing narrows by them
			  * as by the label */
} picker_item;

typedef struct {
	facet_kind kind;
	const char *title;
	yp_lang lang;         /* what it was opened with, to read it again */
	long min_key;
	picker_item *items;   /* all of them, sorted */
	size_t n;
	size_t *shown;        /* the items the typed text matches */
	size_t n_shown;
	size_t selected;      /* in shown */
	size_t top;
	prompt typed;
} picker;

/* Reads the facet's items; only those whose first event is on or after
 * min_key when it is not 0 (the second year of a range). */
yp_status picker_open(picker *p, store *s, facet_kind kind, yp_lang lang,
		      const char *title, long min_key, yp_error *err);
void picker_free(picker *p);
/* Reads the items again (the store changed), keeping the typed text and,
 * where it is still there, the selected item; unchanged on failure. */
yp_status picker_reload(picker *p, store *s, yp_error *err);

void picker_move(picker *p, long delta);
/* Types into, or takes a cluster from, the text that narrows the list. */
void picker_type(picker *p, unsigned long ch);
void picker_backspace(picker *p);

/* Whether k is Enter (either of the main keyboard's or the keypad's). */
bool picker_enter(const view_key *k);
/* The list's keys: Up, Down, PgUp, PgDn move, Backspace takes a cluster
 * from the typed text, and a character is typed into it. */
void picker_key(picker *p, const view_key *k);

/* Selects the item at row y, column x of the overlay on a screen of
 * lines x cols as picker_draw draws it; false (nothing selected) when no
 * item is there. */
bool picker_at(picker *p, int lines, int cols, int y, int x);

/* The id of the selected item, or NULL when nothing is shown. */
const char *picker_choice(const picker *p);
/* Its label, for the status line. */
const char *picker_choice_label(const picker *p);

/* The selected item, or NULL. */
const picker_item *picker_selected(const picker *p);

/* Draws the overlay centred on the screen. */
void picker_draw(picker *p, const canvas *c, int lines, int cols, yp_lang lang);

/* Cells for the widest number of events of the items, at least five
 * (the column as it always was): at a million events a tag has six
 * digits, which five cells cut to "1672…". */
int picker_count_width(const picker *p);

#endif
