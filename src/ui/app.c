/* app.c: the browser's loop: terminal setup and restore, signals, the
 * terminal's answers and the widths they tell, keys handed to the view
 * on top of the stack, and a frame once they are handled. */
#include "ui.h"

#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <curses.h>

#include "yeonpyo/dataset.h"
#include "yeonpyo/keys.h"
#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"

#include "browser.h"
#include "frame.h"
#include "narrowing.h"
#include "osc.h"
#include "terminal.h"
#include "timeline_view.h"

/* From this width the panes stand side by side. */
#define SIDE_BY_SIDE_COLS 120
/* How often the wait for a key wakes to notice a missed signal. */
#define WAKE_MS 250
/* How often, at most, the browser asks whether another connection has
 * committed to the timeline (twice a second: an import is on the screen
 * within a second, and a question answered from memory costs nothing). */
#define FOLLOW_MS 500
/* How long after the probe its answers are waited for at the end (see
 * drain_answers). */
#define EXIT_WAIT_MS 1000

/* Set by SIGINT, SIGTERM and SIGHUP: the loop ends and restores the
 * terminal; by SIGWINCH: the loop lays the screen out again. The only
 * global state, as signal handlers need. */
static volatile sig_atomic_t quit_signal;
static volatile sig_atomic_t resize_signal;

static void on_quit_signal(int sig)
{
	quit_signal = sig;
}

static void on_resize_signal(int sig)
{
	(void)sig;
	resize_signal = 1;
}

/* The loop's own state beside what the views share. */
typedef struct {
	browser b;
	ui_theme theme;
	/* the terminal's widths (1 or 2 columns, 0 while unknown) for East
	 * Asian Ambiguous characters and for VT100 line drawing, as drawn
	 * with and as the state knows them for this TERM */
	int ambiwidth, lines_width;
	int known_ambiwidth, known_lines;
	int probe_row;     /* where the probe went; 0: not sent */
	long probe_ms;     /* when (input_now) */
	bool lines_asked;  /* the probe asked about lines too */
	unsigned probe_answers;  /* its cursor reports so far */
	bool redraw_all;   /* every view, from a cleared screen */
	long version_ms;   /* when the store was last asked (input_now) */
	long events;       /* in the timeline, as last counted */
	bool idle_marks;   /* tests: announce each time the browser idles */
	unsigned long frames;        /* drawn so far */
	unsigned long idle_said[4];  /* what the last idle mark said */
} app;

/* Tests wait for this mark instead of sleeping. It is written each time
 * the browser has nothing left to do, when anything changed since the
 * last: the frames drawn, the bytes of input consumed (keys and the
 * terminal's answers), and the size, so that a test waits for the frame
 * that follows what it sent and never for one nobody asked for. */
static void announce_idle(app *a)
{
	unsigned long now[4] = {a->frames, (unsigned long)a->b.in.consumed,
				(unsigned long)LINES, (unsigned long)COLS};
	if (!a->idle_marks || memcmp(now, a->idle_said, sizeof(now)) == 0)
		return;
	memcpy(a->idle_said, now, sizeof(now));
	char mark[96];
	int n = snprintf(mark, sizeof(mark), "\033]7777;idle;%lu;%lu;%lu;%lu\007",
			 now[0], now[1], now[2], now[3]);
	if (n > 0 && write(STDOUT_FILENO, mark, (size_t)n) < 0)
		return;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: the signal must interrupt the wait for a key */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* in place of curses' own, which only its wgetch would act on */
	sa.sa_handler = on_resize_signal;
	sigaction(SIGWINCH, &sa, NULL);
}

static bool want_color(ui_color_mode mode)
{
	const char *no_color = getenv("NO_COLOR");
	if (mode == UI_COLOR_ALWAYS)
		return true;
	if (mode == UI_COLOR_NEVER)
		return false;
	return !(no_color && *no_color);
}

/* Curses draws; keys are read by the browser's own reader (input.c),
 * never by curses, which would take a late answer of the terminal for
 * keys. keypad() still sends the terminal's keypad mode and sets up the
 * key sequences the reader is given. */
static SCREEN *start_screen(void)
{
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return NULL;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* a pane that moves by a line is scrolled by the terminal (curses
	 * finds the lines that moved): rows of the full width, as the
	 * timeline's are with the detail below it or hidden */
	idlok(stdscr, TRUE);
	curs_set(0);
	return scr;
}

static void draw_now(app *a)
{
	frame_draw(&a->b, a->redraw_all);
	a->redraw_all = false;
	wnoutrefresh(stdscr);
	doupdate();
	if (a->b.links.n) {
		strbuf sb = STRBUF_INIT;
		osc_links(&sb, stdscr, &a->b.links);
		osc_write(&sb);
		strbuf_free(&sb);
	}
	a->frames++;
}

/* Whether lines go out in ASCII: where the VT100 set was found wide, or
 * where ambiguous characters are or may be wide and it was not found
 * narrow (xterm -cjk_width draws it wide), or curses would send Unicode
 * box characters, which are ambiguous themselves. */
static bool lines_ascii(int ambiwidth, int lines)
{
	if (lines == 2)
		return true;
	if (ambiwidth == 1)
		return false;
	return lines != 1 || (terminal_lines_unicode() &&
			      strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
}

/* What the terminal's characters take: where ambiguous ones may be wide
 * (two columns, or 0 while nobody knows) text is folded to look-alikes,
 * which are right on every terminal. When that or the lines change,
 * everything is drawn again from a cleared screen, which the terminal may
 * have drawn with other widths; returns whether they did. */
static bool set_widths(app *a, int ambiwidth, int lines)
{
	canvas *c = &a->b.canvas;
	unsigned flags = c->text_flags & ~(unsigned)TEXT_AMBIGUOUS_WIDE;
	if (ambiwidth != 1)
		flags |= TEXT_AMBIGUOUS_WIDE;
	bool ascii = lines_ascii(ambiwidth, lines);
	a->ambiwidth = ambiwidth;
	a->lines_width = lines;
	if (flags == c->text_flags && ascii == c->ascii_lines)
		return false;
	c->text_flags = flags;
	c->ascii_lines = ascii;
	detail_set_text_flags(&a->b.dv, flags);
	clearok(curscr, TRUE);
	a->redraw_all = true;
	return true;
}

/* The probe's answers, whenever they come: the first says what ambiguous
 * characters take, the second (when lines were asked about) what a line
 * takes. Widths other than those drawn with redraw the screen, and are
 * kept for this terminal type's next start. Returns whether a frame is
 * due. */
static bool probe_answered(app *a, int row, int col)
{
	int width = a->probe_row ? terminal_probe_width(a->probe_row, row, col)
				 : 0;
	if (!width)
		return false;
	bool of_lines = a->lines_asked && a->probe_answers++ % 2 == 1;
	int ambiwidth = of_lines ? a->ambiwidth : width;
	int lines = of_lines ? width : a->lines_width;
	const char *term = getenv("TERM");
	if (term && (ambiwidth != a->known_ambiwidth ||
		     lines != a->known_lines)) {
		yp_error err = {0};
		if (store_set_terminal_widths(a->b.s, term, ambiwidth, lines,
					      &err) == YP_OK) {
			a->known_ambiwidth = ambiwidth;
			a->known_lines = lines;
		}
	}
	return set_widths(a, ambiwidth, lines);
}

/* Sends the probe before the first frame, which clears the screen of it:
 * the frame does not wait for the answer, which input.c takes whenever
 * it comes. */
static void send_probe(app *a)
{
	doupdate();  /* curses' start (the alternate screen) goes out first */
	a->probe_row = terminal_probe_send(STDOUT_FILENO, LINES,
					   &a->lines_asked);
	if (!a->probe_row)
		return;
	long now = input_now();
	a->probe_ms = now;
	input_expect(&a->b.in, INPUT_CURSOR, now);
	if (a->lines_asked)
		input_expect(&a->b.in, INPUT_CURSOR, now);
	input_expect(&a->b.in, INPUT_ATTRIBUTES, now);
	clearok(curscr, TRUE);
}

/* A new size from the terminal, laid out from a cleared screen. */
static void resize_screen(app *a)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	a->redraw_all = true;
	browser *b = &a->b;
	for (size_t i = 0; i < b->depth; i++)
		if (b->stack[i]->ops->resize)
			b->stack[i]->ops->resize(b->stack[i], b);
}

/* A key for the top view, with the action the keymap binds it to. */
static void handle_key(app *a, bool fn, unsigned long code)
{
	browser *b = &a->b;
	view_key k = {fn, code, keymap_action(&b->keys, fn, (int)code)};
	browser_key(b, &k);
	/* the store failing under a move: stop as a failed load does */
	yp_error err = {0};
	if (timeline_failed(&b->tl, &err) != YP_OK)
		browser_fail(b, &err);
}

/* What changed, said until the next key. */
static void note_change(browser *b, long before, long after)
{
	bool ko = b->lang == LANG_KO;
	strbuf sb = STRBUF_INIT;
	if (after > before)
		strbuf_printf(&sb, ko ? "%ld개 사건 추가" : "%ld new event%s",
			      after - before, after - before == 1 ? "" : "s");
	else if (after < before)
		strbuf_printf(&sb, ko ? "%ld개 사건 삭제" : "%ld event%s removed",
			      before - after, before - after == 1 ? "" : "s");
	else
		strbuf_puts(&sb, ko ? "연표가 바뀜" : "the timeline changed");
	browser_note(b, strbuf_str(&sb));
	strbuf_free(&sb);
}

/* The number of events, from the count the triggers keep: counting the
 * rows (store_count) reads every page of the table, 33,000 reads before
 * the first frame at 100,000 events. */
static long count_events(browser *b)
{
	yp_error err = {0};
	return store_rows_total(b->s, NULL, &err);
}

/* Another connection committed (an import, a dataset refresh): the
 * timeline, the filters' counts, the detail and the views' own readings
 * are read again in place, and the change is said. Asked at most every
 * FOLLOW_MS, from the idle loop; returns whether a frame is due. */
static bool follow_store(app *a)
{
	browser *b = &a->b;
	long now = input_now();
	if (now - a->version_ms < FOLLOW_MS)
		return false;
	a->version_ms = now;
	yp_error err = {0};
	if (store_changed(b->s, &err) != 1)
		return false;
	long before = a->events;
	a->events = count_events(b);
	for (int lang = LANG_KO; lang <= LANG_EN; lang++)
		free(b->title[lang]);
	b->title[LANG_KO] = store_meta_get(b->s, META_TITLE_KO);
	b->title[LANG_EN] = store_meta_get(b->s, META_TITLE_EN);
	narrowing_follow(b);
	detail_forget(&b->dv);
	browser_reread_views(b);
	note_change(b, before, a->events);
	return true;
}

/* A press or the wheel for the top view; releases do nothing. */
static bool handle_mouse(app *a, const input_event *ev)
{
	view_mouse m = {VIEW_CLICK, ev->row - 1, ev->col - 1};
	if (ev->code == INPUT_WHEEL_UP || ev->code == INPUT_WHEEL_DOWN)
		m.kind = ev->code == INPUT_WHEEL_UP ? VIEW_WHEEL_UP
						    : VIEW_WHEEL_DOWN;
	else if (ev->code != INPUT_BUTTON_LEFT || !ev->pressed)
		return false;
	browser_mouse(&a->b, &m);
	yp_error err = {0};
	if (timeline_failed(&a->b.tl, &err) != YP_OK)
		browser_fail(&a->b, &err);
	return true;
}

/* One event of the reader; returns whether a frame is due. */
static bool handle_event(app *a, const input_event *ev)
{
	switch (ev->kind) {
	case INPUT_CHAR:
		handle_key(a, false, ev->ch);
		return true;
	case INPUT_KEY:
		handle_key(a, true, (unsigned long)ev->code);
		return true;
	case INPUT_CURSOR:
		return probe_answered(a, ev->row, ev->col);
	case INPUT_ATTRIBUTES:
		return false;
	case INPUT_MOUSE:
		return handle_mouse(a, ev);
	}
	return false;
}

/* Draws a frame once the keys that have arrived are handled, never while
 * idle: keys typed or pasted ahead (a query, a burst of j over a slow
 * link) cost one frame, and a search runs once for all of them. Waiting
 * for a key times out now and then: a SIGWINCH or SIGTERM that lands just
 * before the wait begins would otherwise not be seen until the next key,
 * and a timeout changes nothing on the screen. */
static void loop(app *a)
{
	browser *b = &a->b;
	bool dirty = true;
	while (b->running && !quit_signal) {
		if (resize_signal) {
			resize_signal = 0;
			resize_screen(a);
			dirty = true;
		}
		input_event ev;
		if (input_next(&b->in, input_now(), &ev)) {
			dirty = handle_event(a, &ev) || dirty;
			continue;
		}
		if (b->in.hangup) {
			quit_signal = SIGHUP;  /* the terminal is gone */
			break;
		}
		/* nothing waiting: the views' work (a search), then draw */
		if (browser_idle(b))
			continue;  /* keys came: handle them first */
		dirty = follow_store(a) || dirty;
		if (dirty && b->running && !quit_signal)
			draw_now(a);
		dirty = false;
		/* a broad search's sparkline, after its first frame */
		if (b->density_due && b->running && !quit_signal) {
			narrowing_density_idle(b);
			dirty = !b->density_due;
			continue;
		}
		if (input_empty(&b->in))
			announce_idle(a);
		input_wait(&b->in, input_now(), WAKE_MS);
	}
}

/* Answers still on their way when the browser ends would reach the
 * shell as keys (a q typed before the first round trip is over): they are
 * read, with whatever comes with them, until the last (the device
 * attributes) is in, at most until EXIT_WAIT_MS after the probe, so a
 * terminal that never answers delays nothing after its first second.
 * Before endwin, while the terminal is still raw and does not echo. */
static void drain_answers(app *a)
{
	if (!a->probe_row || quit_signal == SIGHUP)
		return;
	input *in = &a->b.in;
	long until = a->probe_ms + EXIT_WAIT_MS;
	for (long now = input_now(); now < until && !in->hangup &&
				     input_awaiting(in, now);
	     now = input_now()) {
		input_event ev;
		if (!input_next(in, now, &ev))
			input_wait(in, now, (int)(until - now));
		else if (ev.kind == INPUT_CURSOR)
			probe_answered(a, ev.row, ev.col);  /* kept for next time */
	}
}

/* The name a database's place is kept under: its path made absolute
 * (and its links followed), so that ./t.db and ~/t.db are one place.
 * The caller frees it. */
static char *place_name(const store *s)
{
	char *real = realpath(store_path(s), NULL);
	return real ? real : strdup(store_path(s));
}

/* Back where the browser was left on this database: the same event
 * selected (else the nearest by date; the first when asked), the same
 * language (unless one was chosen) and layout. */
static void resume(browser *b, const ui_options *opts)
{
	char *name = place_name(b->s);
	store_place p;
	yp_error err = {0};
	if (name && store_place_get(b->s, name, &p, &err) == YP_OK) {
		if (p.found && p.lang && !opts->lang_chosen)
			b->lang = strcmp(p.lang, "ko") == 0 ? LANG_KO : LANG_EN;
		if (p.found && opts->top) {
			free(p.event_id);
			p.event_id = NULL;  /* the first event, as the load left it */
		}
		if (p.found)
			timeline_view_resume(b, &p);
		store_place_clear(&p);
	}
	free(name);
}

/* Keeps where the browser is for the next start on this database; a
 * state that cannot be written costs only that. */
static void keep_place(browser *b)
{
	char *name = place_name(b->s);
	store_place p;
	timeline_view_place(b, &p);
	p.lang = strdup(b->lang == LANG_KO ? "ko" : "en");
	yp_error err = {0};
	if (name && p.lang)
		store_place_set(b->s, name, &p, &err);
	store_place_clear(&p);
	free(name);
}

/* Frees what the browser holds; safe on a partly set up one. */
static void browser_free(browser *b)
{
	browser_close_all(b);
	input_free(&b->in);
	timeline_free(&b->tl);
	detail_free(&b->dv);
	narrowing_free(&b->nar);
	draw_links_clear(&b->links);
	free(b->links.items);
	keymap_free(&b->keys);
	density_free(&b->dens);
	free(b->title[LANG_KO]);
	free(b->title[LANG_EN]);
}

/* What the browser starts with, before the terminal: the keys, the
 * timeline and its sparkline. Returns an exit status, YP_OK to go on. */
static int browser_start(browser *b, store *s, const ui_options *opts)
{
	b->s = s;
	b->lang = opts->lang;
	b->side_by_side = opts->config && opts->config->side_by_side
				  ? opts->config->side_by_side : SIDE_BY_SIDE_COLS;
	b->keys_changed = opts->config && opts->config->n_binds;
	b->clipboard = opts->clipboard;
	if (!(opts->config ? config_keymap(opts->config, &b->keys)
			   : keymap_init(&b->keys))) {
		fprintf(stderr, "yeonpyo: out of memory\n");
		return YP_SOFTWARE;
	}
	if (opts->notice)
		browser_note(b, opts->notice);
	b->running = true;
	input_init(&b->in, STDIN_FILENO);
	detail_init(&b->dv);
	b->dv.text_flags = opts->text_flags;
	b->title[LANG_KO] = store_meta_get(s, META_TITLE_KO);
	b->title[LANG_EN] = store_meta_get(s, META_TITLE_EN);
	if (timeline_load(&b->tl, s, NULL, &b->err) != YP_OK ||
	    density_load(&b->dens, s, NULL, &b->err) != YP_OK) {
		fprintf(stderr, "yeonpyo: %s\n", b->err.message);
		return (int)b->err.status;
	}
	return YP_OK;
}

/* The terminal's widths: asked where the locale can show the probe's
 * character; until the answers, the widths this terminal type had last
 * time, if any. */
static void start_widths(app *a, const ui_options *opts, bool utf8)
{
	bool probe = opts->probe && utf8 &&
		     !(opts->text_flags & TEXT_AMBIGUOUS_WIDE);
	store_terminal_widths(a->b.s, getenv("TERM"), &a->known_ambiwidth,
			      &a->known_lines);
	set_widths(a, opts->text_flags & TEXT_AMBIGUOUS_WIDE ? 2
		       : probe ? a->known_ambiwidth : 1,
		   utf8 ? a->known_lines : 1);
	if (probe)
		send_probe(a);
}

int ui_run(store *s, const ui_options *opts)
{
	app a;
	memset(&a, 0, sizeof(a));
	browser *b = &a.b;
	int rc = browser_start(b, s, opts);
	a.idle_marks = getenv("YEONPYO_TEST_IDLE") != NULL;
	SCREEN *scr = rc == YP_OK ? start_screen() : NULL;
	if (rc == YP_OK && !scr) {
		fprintf(stderr, "yeonpyo: cannot start the terminal screen\n");
		rc = YP_IOERR;
	}
	if (scr && (!terminal_keys_load(&b->in) || !timeline_view_open(b))) {
		endwin();
		delscreen(scr);
		scr = NULL;
		fprintf(stderr, "yeonpyo: out of memory\n");
		rc = YP_SOFTWARE;
	}
	if (rc != YP_OK) {
		browser_free(b);
		return rc;
	}
	install_signals();
	draw_theme_init(&a.theme, want_color(opts->color),
			opts->config ? opts->config->colors : NULL);
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	bool links = opts->hyperlinks == UI_LINKS_ALWAYS ||
		     (opts->hyperlinks == UI_LINKS_AUTO &&
		      osc_links_wanted(getenv("TERM"), utf8));
	b->theme = &a.theme;
	b->canvas = (canvas){stdscr, &a.theme, opts->text_flags,
			     links ? &b->links : NULL, false, opts->arrow};
	start_widths(&a, opts, utf8);
	/* curses asks the terminal for button presses and the wheel (in the
	 * SGR form where terminfo says how), and turns it off again around a
	 * suspension and at the end; input.c reads the reports */
	b->in.mouse = opts->mouse &&
		      mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED |
				BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0;
	a.redraw_all = true;
	yp_error err = {0};
	store_changed(s, &err);  /* the mark the store's changes count from */
	a.version_ms = input_now();
	a.events = count_events(b);
	resume(b, opts);
	loop(&a);
	if (b->depth)
		keep_place(b);
	drain_answers(&a);
	endwin();
	delscreen(scr);
	browser_free(b);
	if (b->status)
		fprintf(stderr, "yeonpyo: %s\n", b->err.message);
	/* ended by a signal: say so the way a shell expects */
	if (quit_signal)
		return 128 + quit_signal;
	return b->status;
}
