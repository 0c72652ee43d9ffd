/* app_priv.h: the browser's state, shared by app.c (the loop and keys),
 * frame.c (layout and drawing) and narrowing.c (search, filters and the
 * views that choose them). Nothing outside src/ui sees it. */
#ifndef YEONPYO_APP_PRIV_H
#define YEONPYO_APP_PRIV_H

#include <stdbool.h>
#include <wchar.h>

#include "chart_view.h"
#include "density.h"
#include "detail_pane.h"
#include "yeonpyo/history.h"
#include "input.h"
#include "yeonpyo/keys.h"
#include "org_view.h"
#include "picker.h"
#include "prompt.h"
#include "timeline_pane.h"
#include "ui.h"
#include "ui_draw.h"

typedef struct {
	int y, x, h, w;
} rect;

typedef struct {
	bool too_small;
	bool side_by_side;
	rect timeline;   /* h == 0 when hidden (full-screen detail) */
	rect detail;
} layout;

typedef enum { FOCUS_TIMELINE, FOCUS_DETAIL } focus;

typedef struct {
	store *s;
	yp_lang lang;
	ui_theme theme;
	canvas canvas;
	timeline_pane tl;
	detail_pane dv;
	focus focus;
	bool fullscreen;
	bool detail_hidden; /* the timeline has the screen to itself */
	bool help;
	size_t help_top;
	/* search: the prompt while typing, then the query kept by Enter */
	bool prompting;
	bool search_due;   /* the query changed; searched once no key waits */
	prompt input;
	char *applied;     /* the query narrowing the timeline, or NULL */
	char **marks;      /* its words, marked where they show */
	char *before_id;   /* the selection when the prompt opened */
	history hist;
	size_t hist_pos;   /* in hist while recalling; hist.n for new text */
	/* filters: what o, p, t and y picked (ids and labels) */
	char *org, *org_label, *person, *person_label, *tag;
	int year_from, year_to;  /* 0: no year filter */
	bool marked_only;  /* ': the marked events */
	draw_links links;  /* the frame's hyperlinks, when they are on */
	bool clipboard;    /* x may set the clipboard (OSC 52) */
	keymap keys;       /* keys.def's, as the configuration changed them */
	bool keys_changed; /* the help shows the keymap's, not keys.def's */
	int side_by_side;  /* columns from which the panes stand side by side */
	density dens;      /* the sparkline in the title line */
	bool charting;     /* v: organizations by year */
	chart_view chart;
	bool density_due;  /* a search kept as a map: counted once idle */
	char note[512];    /* why the last key half failed, until the next */
	bool picking;
	picker pick;
	bool picking_last_year;  /* y's second step */
	bool org_viewing;
	org_view ov;
	input in;          /* the terminal's keys and answers */
	/* the terminal's widths (1 or 2 columns, 0 while unknown) for East
	 * Asian Ambiguous characters and for VT100 line drawing, as drawn
	 * with and as the state knows them for this TERM */
	int ambiwidth, lines_width;
	int known_ambiwidth, known_lines;
	int probe_row;     /* where the probe went; 0: not sent */
	long probe_ms;     /* when (input_now) */
	bool lines_asked;  /* the probe asked about lines too */
	unsigned probe_answers;  /* its cursor reports so far */
	bool idle_marks;   /* tests: announce each time the browser idles */
	unsigned long frames;        /* drawn so far */
	unsigned long idle_said[4];  /* what the last idle mark said */
	char *title[2];    /* the dataset's title in Korean and English */
	bool running;
	yp_error err;
	int status;
} app;

/* frame.c: where the panes are for the screen's size and the app's mode,
 * and the frame drawn there (curses' stdscr, not yet refreshed). */
layout app_layout(const app *a);
void frame_draw(app *a);
/* Says in the status line why a key did only half its work (a mark or
 * a seen event not saved): the browser goes on. */
void frame_note_failure(app *a, const yp_error *err);

/* narrowing.c: the search, the filters and their pickers. */
void narrowing_apply(app *a, const char *query);
void narrowing_refilter(app *a);
void narrowing_set(char **field, const char *value);
void narrowing_clear(app *a);
void narrowing_open_picker(app *a, facet_kind kind, long min_key);
void narrowing_picker_key(app *a, int rc, wint_t ch);
void narrowing_org_view_key(app *a, int rc, wint_t ch);
void narrowing_open_prompt(app *a);
void narrowing_end_search(app *a, const char *select_id);
void narrowing_prompt_key(app *a, int rc, wint_t ch);
/* Runs the search the prompt's last keys asked for; the loop calls it
 * when no more keys are waiting, so a query typed (or pasted) faster than
 * it can be searched is searched once, not once per character. */
void narrowing_search_due(app *a);
/* The same from the loop, giving way to keys that arrive meanwhile: the
 * search stops, the keys are handled, and it runs again after them. */
void narrowing_search_idle(app *a);
/* Reads the sparkline's counts for the filters in force: at once, or,
 * for a search kept as a map (a scan of the timeline's index), marked
 * due for narrowing_density_idle, which gives way to keys as searches do. */
void narrowing_density(app *a);
void narrowing_density_idle(app *a);
/* v: the chart for the filters in force, counted giving way to keys. */
void narrowing_open_chart(app *a);
bool narrowing_filter_by_link(app *a);

#endif
