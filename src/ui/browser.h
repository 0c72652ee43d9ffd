/* browser.h: what the browser's views share (the store, the timeline the
 * filters select, the selected event's detail, the language and the
 * status line's note) and the stack of views the loop drives. Each view
 * (timeline_view.c, detail_view.c, help_view.c, picker_view.c,
 * org_view.c, chart_view.c, search_view.c) is one file with its state and
 * a table of view_ops, as tig's views are: the loop gives keys to the top
 * view and draws the stack from the highest view that covers the body. */
#ifndef YEONPYO_BROWSER_H
#define YEONPYO_BROWSER_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/keys.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"
#include "yeonpyo/strbuf.h"

#include "density.h"
#include "detail_pane.h"
#include "input.h"
#include "narrowing.h"
#include "timeline_pane.h"
#include "ui_draw.h"

typedef struct browser browser;
typedef struct view view;

/* A key as the views take it: the character or fkey, and the action the
 * keymap binds it to (ACTION_NONE for none). */
typedef struct {
	bool fn;           /* code is an fkey, not a character */
	unsigned long code;
	key_action action;
} view_key;

/* A mouse report as the views take it: a button press or the wheel
 * (releases are not given to views), at a cell of the screen from 0. */
typedef enum { VIEW_CLICK, VIEW_WHEEL_UP, VIEW_WHEEL_DOWN } view_mouse_kind;

typedef struct {
	view_mouse_kind kind;
	int y, x;
} view_mouse;

/* Where a view goes on the screen. */
typedef enum {
	VIEW_BODY,     /* the rows between the title and the status line,
			* whole: the views below it are not drawn */
	VIEW_OVERLAY,  /* a box over the body, the views below drawn first */
	VIEW_LINE,     /* the status line, over the views below */
} view_place;

typedef struct {
	const char *name;
	view_place place;
	bool cursor;  /* on top, it shows the cursor where it put it */
	/* Draws the view (on stdscr, not refreshed) in its place. */
	void (*draw)(view *v, browser *b);
	/* Acts on a key; may push views or pop this one. */
	void (*key)(view *v, browser *b, const view_key *k);
	/* Acts on a click or the wheel (the mouse on); NULL: ignores it. */
	void (*mouse)(view *v, browser *b, const view_mouse *m);
	/* The screen's size changed; NULL when the next draw is enough. */
	void (*resize)(view *v, browser *b);
	/* Work put off until no key waits (a search as it is typed), which
	 * gives way to keys that come meanwhile; NULL for none. Returns
	 * whether work is still due. */
	bool (*idle)(view *v, browser *b);
	/* The store changed (another connection committed): what the view
	 * read from it is read again; NULL when it reads nothing of its own
	 * (the timeline and the detail are the browser's, read again by
	 * narrowing_follow). */
	void (*reread)(view *v, browser *b);
	/* What the view adds to the status line's left part; NULL: nothing. */
	void (*status)(const view *v, const browser *b, strbuf *left);
	/* Frees the view and what it holds. */
	void (*close)(view *v, browser *b);
} view_ops;

struct view {
	const view_ops *ops;
	bool dirty;  /* drawn again at the next frame, with those above it */
};

#define BROWSER_DEPTH 8
/* Lines (or events) one notch of the wheel moves by. */
#define WHEEL_LINES 3

struct browser {
	store *s;
	yp_lang lang;
	const ui_theme *theme;
	canvas canvas;
	keymap keys;        /* keys.def's, as the configuration changed them */
	bool keys_changed;  /* the help shows the keymap's, not keys.def's */
	int side_by_side;   /* columns from which the panes stand side by side */
	bool clipboard;     /* x may set the clipboard (OSC 52) */
	draw_links links;   /* the frame's hyperlinks, when they are on */
	char *title[2];     /* the dataset's title in Korean and English */
	/* the events the filters and the search select, and the selected
	 * one's detail: the model every view looks at */
	timeline_pane tl;
	detail_pane dv;
	int tl_rows;        /* the timeline pane's height as last laid out */
	narrowing nar;
	density dens;       /* the sparkline in the title line */
	bool density_due;   /* a search kept as a map: counted once idle */
	char note[512];     /* why the last key half failed, until the next */
	int cursor_y, cursor_x;  /* where a view that shows it put it */
	input in;           /* the terminal's keys and answers */
	view *stack[BROWSER_DEPTH];
	size_t depth;
	bool running;
	int status;
	yp_error err;
};

/* A new view of size bytes (a struct that starts with its view) with
 * ops, zeroed; NULL, said in the status line, when memory ran out. Free
 * it with free(), or browser_view_free as its close. */
void *browser_view_new(browser *b, size_t size, const view_ops *ops);
void browser_view_free(view *v, browser *b);

/* Puts v on top of the stack (it takes v, and closes it when the stack is
 * full). */
void browser_push(browser *b, view *v);
/* Closes the top view; what it covered is drawn again. */
void browser_pop(browser *b);
/* The top view, or NULL. */
view *browser_top(const browser *b);
/* Closes every view. */
void browser_close_all(browser *b);

/* Every view is drawn again at the next frame (what they look at
 * changed: the language, the filters, the screen's size). */
void browser_invalidate(browser *b);

/* Draws the views that need it, from the lowest dirty one up, over the
 * highest VIEW_BODY view, and the status words of every view into left. */
void browser_draw_views(browser *b, bool all);
void browser_status_words(const browser *b, strbuf *left);

/* Gives the key to the top view. */
void browser_key(browser *b, const view_key *k);
/* Lines a wheel notch moves by: WHEEL_LINES down, or up. */
long view_wheel_step(const view_mouse *m);

/* Gives a click or the wheel to the top view. */
void browser_mouse(browser *b, const view_mouse *m);

/* Copies url to the terminal's clipboard (OSC 52), which reaches the
 * user's own machine over SSH, and says so; or says how to turn the
 * clipboard on. */
void browser_copy(browser *b, const char *url);

/* Gives a key v does not take to the view below v (the full-screen
 * detail leaves the timeline's keys to the timeline). */
void browser_key_below(browser *b, const view *v, const view_key *k);

/* The views read again what they read from the store, bottom up. */
void browser_reread_views(browser *b);

/* Runs the idle work of the views that have any; whether any is left. */
bool browser_idle(browser *b);

/* The note in the status line until the next key. */
void browser_note(browser *b, const char *text);
void browser_note_failure(browser *b, const yp_error *err);

/* Stops the browser with err's status (the store failed under it). */
void browser_fail(browser *b, const yp_error *err);

/* Switches between Korean and English. */
void browser_toggle_language(browser *b);

/* The selected event is shown in the detail pane: recorded as seen (its
 * dim mark goes). */
void browser_note_seen(browser *b);

/* The selected event's detail in the rectangle, read when it changed,
 * recorded as seen (its dim mark goes). */
void browser_draw_detail(browser *b, int y, int x, int height, int width);

/* A key or an answer waits (a sequence still growing does not): what a
 * long task asks to know whether to give way. */
bool browser_keys_waiting(void *b);

#endif
