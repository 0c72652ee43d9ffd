/* app.c: the browser's loop: terminal setup and restore, signals, the
 * terminal's answers, and turning keys (keys.def) into actions on the
 * panes; frame.c draws what they show. */
#include "app_priv.h"

#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <curses.h>

#include "terminal.h"

#include "yeonpyo/dataset.h"
#include "yeonpyo/keys.h"
#include "osc.h"
#include "yeonpyo/search.h"
#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"

/* From this width the panes stand side by side. */
#define SIDE_BY_SIDE_COLS 120
/* How often the wait for a key wakes to notice a missed signal. */
#define WAKE_MS 250
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

static void toggle_mark(app *a)
{
	timeline_event *e = timeline_selected(&a->tl);
	if (!e)
		return;
	yp_error err = {0};
	if (store_set_marked(a->s, e->id, !e->marked, &err) != YP_OK) {
		frame_note_failure(a, &err);
		return;
	}
	e->marked = !e->marked;
	if (a->marked_only)
		narrowing_refilter(a);  /* an unmarked event leaves the view */
}

/* Keys while the help is open: close it, or scroll it. */
static void help_key(app *a, key_action act)
{
	size_t n = 0;
	keys_table(&n);
	switch (act) {
	case ACTION_QUIT:
	case ACTION_BACK:
	case ACTION_HELP:
		a->help = false;
		break;
	case ACTION_DOWN:
		if (a->help_top < n)
			a->help_top++;
		break;
	case ACTION_UP:
		if (a->help_top > 0)
			a->help_top--;
		break;
	default:
		break;
	}
}

/* Movement keys act on the focused pane. */
static void move_key(app *a, key_action act, const layout *l)
{
	bool detail = a->fullscreen || a->focus == FOCUS_DETAIL;
	int th = l->timeline.h, dh = l->detail.h;
	long page = detail ? dh : th;
	switch (act) {
	case ACTION_DOWN:
		detail ? detail_scroll(&a->dv, 1, dh) : timeline_move(&a->tl, 1, th);
		break;
	case ACTION_UP:
		detail ? detail_scroll(&a->dv, -1, dh) : timeline_move(&a->tl, -1, th);
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_DOWN:
		page = act == ACTION_HALF_DOWN ? (page + 1) / 2 : page;
		detail ? detail_scroll(&a->dv, page, dh)
		       : timeline_page(&a->tl, page, th);
		break;
	case ACTION_PAGE_UP:
	case ACTION_HALF_UP:
		page = act == ACTION_HALF_UP ? (page + 1) / 2 : page;
		detail ? detail_scroll(&a->dv, -page, dh)
		       : timeline_page(&a->tl, -page, th);
		break;
	case ACTION_FIRST:
		detail ? detail_scroll(&a->dv, -(long)a->dv.n, dh)
		       : timeline_first(&a->tl, th);
		break;
	case ACTION_LAST:
		detail ? detail_scroll(&a->dv, (long)a->dv.n, dh)
		       : timeline_last(&a->tl, th);
		break;
	default:
		break;
	}
}

/* Writes what curses cannot (hyperlinks, the clipboard) straight to the
 * terminal, after curses has written its frame. */
static void write_out(const strbuf *sb)
{
	size_t done = 0;
	while (!sb->failed && done < sb->len) {
		ssize_t n = write(STDOUT_FILENO, strbuf_str(sb) + done,
				  sb->len - done);
		if (n <= 0)
			return;
		done += (size_t)n;
	}
}

/* The first source address of event id, or NULL; the caller frees it. */
static char *first_url(store *s, const char *id, yp_error *err)
{
	yp_event e;
	if (store_get_event(s, id, &e, err) != YP_OK)
		return NULL;
	char *url = NULL;
	for (size_t i = 0; !url && i < e.n_sources; i++) {
		yp_source src;
		if (store_get_source(s, e.sources[i], &src, err) != YP_OK)
			break;
		if (src.url)
			url = strdup(src.url);
		model_source_clear(&src);
	}
	model_event_clear(&e);
	return url;
}

/* x: the selected event's source address to the terminal's clipboard,
 * which reaches the user's own machine over SSH. */
static void copy_url(app *a)
{
	bool ko = a->lang == LANG_KO;
	const char *id = timeline_selected_id(&a->tl);
	if (!a->clipboard) {
		snprintf(a->note, sizeof(a->note), "%s", ko
			 ? "클립보드 꺼짐 (--clipboard=osc52로 켜기)"
			 : "the clipboard is off (--clipboard=osc52 turns it on)");
		return;
	}
	yp_error err = {0};
	char *url = id ? first_url(a->s, id, &err) : NULL;
	if (!url) {
		if (err.status)
			frame_note_failure(a, &err);
		else
			snprintf(a->note, sizeof(a->note), "%s",
				 ko ? "출처 주소 없음" : "no source address");
		return;
	}
	strbuf sb = STRBUF_INIT;
	osc_clipboard(&sb, url);
	write_out(&sb);
	strbuf_free(&sb);
	snprintf(a->note, sizeof(a->note), "%s %s", ko ? "복사함:" : "copied",
		 url);
	free(url);
}

/* Keys in the chart: scroll it, or close it. */
static void chart_key(app *a, key_action act)
{
	int h = LINES - 2;
	switch (act) {
	case ACTION_QUIT:
	case ACTION_BACK:
	case ACTION_CHART:
		chart_free(&a->chart);
		a->charting = false;
		break;
	case ACTION_DOWN:
	case ACTION_UP:
		chart_scroll(&a->chart, act == ACTION_DOWN ? 1 : -1, h);
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
		chart_scroll(&a->chart, act == ACTION_PAGE_DOWN ? h - 2 : 2 - h,
			     h);
		break;
	case ACTION_FIRST:
	case ACTION_LAST:
		chart_scroll(&a->chart, act == ACTION_LAST ? 1L << 30
							   : -(1L << 30), h);
		break;
	case ACTION_HELP:
		a->help = true;
		a->help_top = 0;
		break;
	case ACTION_LANGUAGE:
		a->lang = a->lang == LANG_KO ? LANG_EN : LANG_KO;
		break;
	default:
		break;
	}
}

static void main_key(app *a, key_action act)
{
	layout l = app_layout(a);
	switch (act) {
	case ACTION_QUIT:
		if (a->fullscreen)
			a->fullscreen = false;
		else
			a->running = false;
		break;
	case ACTION_BACK:
		if (a->fullscreen)
			a->fullscreen = false;
		else if (a->applied)
			narrowing_end_search(a, timeline_selected_id(&a->tl));
		break;
	case ACTION_SEARCH:
		narrowing_open_prompt(a);
		break;
	case ACTION_ORG_FILTER:
		narrowing_open_picker(a, FACET_ORG, 0);
		break;
	case ACTION_PERSON_FILTER:
		narrowing_open_picker(a, FACET_PERSON, 0);
		break;
	case ACTION_TAG_FILTER:
		narrowing_open_picker(a, FACET_TAG, 0);
		break;
	case ACTION_YEAR_FILTER:
		narrowing_open_picker(a, FACET_YEAR, 0);
		break;
	case ACTION_MARK:
		toggle_mark(a);
		break;
	case ACTION_CHART:
		narrowing_open_chart(a);
		break;
	case ACTION_COPY:
		copy_url(a);
		break;
	case ACTION_MARKED:
		a->marked_only = !a->marked_only;
		narrowing_refilter(a);
		break;
	case ACTION_CLEAR:
		narrowing_clear(a);
		break;
	case ACTION_ORG_VIEW:
		if (org_view_open(&a->ov, a->s, a->lang, &a->err) == YP_OK)
			a->org_viewing = true;
		else
			org_view_free(&a->ov);
		break;
	case ACTION_NEXT_MATCH:
	case ACTION_PREV_MATCH:
		if (a->applied)
			timeline_cycle(&a->tl, act == ACTION_NEXT_MATCH ? 1 : -1,
				       l.timeline.h);
		break;
	case ACTION_HELP:
		a->help = true;
		a->help_top = 0;
		break;
	case ACTION_FULLSCREEN:
		if (!narrowing_filter_by_link(a))
			a->fullscreen = !a->fullscreen;
		break;
	case ACTION_DETAIL_PANE:
		a->detail_hidden = !a->detail_hidden;
		a->focus = FOCUS_TIMELINE;
		break;
	case ACTION_FOCUS:
		/* timeline, detail pane, each of the event's organizations and
		 * people, then the timeline again */
		if (a->fullscreen || a->detail_hidden)
			break;
		if (a->focus == FOCUS_TIMELINE)
			a->focus = FOCUS_DETAIL;
		else if (!detail_next_link(&a->dv, l.detail.h))
			a->focus = FOCUS_TIMELINE;
		break;
	case ACTION_LANGUAGE:
		a->lang = a->lang == LANG_KO ? LANG_EN : LANG_KO;
		break;
	case ACTION_NEXT_YEAR:
		timeline_next_year(&a->tl, l.timeline.h);
		break;
	case ACTION_PREV_YEAR:
		timeline_prev_year(&a->tl, l.timeline.h);
		break;
	case ACTION_DETAIL_DOWN:
		detail_scroll(&a->dv, 1, l.detail.h);
		break;
	case ACTION_DETAIL_UP:
		detail_scroll(&a->dv, -1, l.detail.h);
		break;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		move_key(a, act, &l);
		break;
	}
}

static void handle_key(app *a, int rc, wint_t ch)
{
	a->note[0] = '\0';
	if (a->prompting) {
		narrowing_prompt_key(a, rc, ch);
		return;
	}
	if (a->picking) {
		narrowing_picker_key(a, rc, ch);
		return;
	}
	if (a->charting && !a->help) {
		chart_key(a, keymap_action(&a->keys, rc == KEY_CODE_YES,
					   (int)ch));
		return;
	}
	if (a->org_viewing && !a->help) {
		narrowing_org_view_key(a, rc, ch);
		return;
	}
	key_action act = keymap_action(&a->keys, rc == KEY_CODE_YES, (int)ch);
	if (act == ACTION_NONE)
		return;
	if (a->help)
		help_key(a, act);
	else
		main_key(a, act);
}

/* Tests wait for this mark instead of sleeping. It is written each time
 * the browser has nothing left to do, when anything changed since the
 * last: the frames drawn, the bytes of input consumed (keys and the
 * terminal's answers), and the size, so that a test waits for the frame
 * that follows what it sent and never for one nobody asked for. */
static void announce_idle(app *a)
{
	unsigned long now[4] = {a->frames, (unsigned long)a->in.consumed,
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
	curs_set(0);
	return scr;
}

static void draw_now(app *a)
{
	frame_draw(a);
	wnoutrefresh(stdscr);
	doupdate();
	if (a->links.n) {
		strbuf sb = STRBUF_INIT;
		osc_links(&sb, stdscr, &a->links);
		write_out(&sb);
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
 * (ambiwidth 2, or 0 while nobody knows) text is folded to look-alikes,
 * which are right on every terminal. When that or the lines change,
 * everything is drawn again from a cleared screen, which the terminal may
 * have drawn with other widths; returns whether they did. */
static bool set_widths(app *a, int ambiwidth, int lines)
{
	unsigned flags = a->canvas.text_flags & ~(unsigned)TEXT_AMBIGUOUS_WIDE;
	if (ambiwidth != 1)
		flags |= TEXT_AMBIGUOUS_WIDE;
	bool ascii = lines_ascii(ambiwidth, lines);
	a->ambiwidth = ambiwidth;
	a->lines_width = lines;
	if (flags == a->canvas.text_flags && ascii == a->canvas.ascii_lines)
		return false;
	a->canvas.text_flags = flags;
	a->canvas.ascii_lines = ascii;
	detail_set_text_flags(&a->dv, flags);
	clearok(curscr, TRUE);
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
		if (store_set_terminal_widths(a->s, term, ambiwidth, lines,
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
	input_expect(&a->in, INPUT_CURSOR, now);
	if (a->lines_asked)
		input_expect(&a->in, INPUT_CURSOR, now);
	input_expect(&a->in, INPUT_ATTRIBUTES, now);
	clearok(curscr, TRUE);
}

/* A new size from the terminal, laid out from a cleared screen. */
static void resize_screen(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

/* One event of the reader; returns whether a frame is due. */
static bool handle_event(app *a, const input_event *ev)
{
	switch (ev->kind) {
	case INPUT_CHAR:
		handle_key(a, OK, (wint_t)ev->ch);
		break;
	case INPUT_KEY:
		handle_key(a, KEY_CODE_YES, (wint_t)ev->code);
		break;
	case INPUT_CURSOR:
		return probe_answered(a, ev->row, ev->col);
	case INPUT_ATTRIBUTES:
		return false;
	}
	/* the store failing under a move: stop as a failed load does */
	if (timeline_failed(&a->tl, &a->err) != YP_OK) {
		a->status = (int)a->err.status;
		a->running = false;
	}
	return true;
}

/* Draws a frame once the keys that have arrived are handled, never while
 * idle: keys typed or pasted ahead (a query, a burst of j over a slow
 * link) cost one frame, and a search runs once for all of them. Waiting
 * for a key times out now and then: a SIGWINCH or SIGTERM that lands just
 * before the wait begins would otherwise not be seen until the next key,
 * and a timeout changes nothing on the screen. */
static void loop(app *a)
{
	bool dirty = true;
	while (a->running && !quit_signal) {
		if (resize_signal) {
			resize_signal = 0;
			resize_screen();
			dirty = true;
		}
		input_event ev;
		if (input_next(&a->in, input_now(), &ev)) {
			dirty = handle_event(a, &ev) || dirty;
			continue;
		}
		if (a->in.hangup) {
			quit_signal = SIGHUP;  /* the terminal is gone */
			break;
		}
		/* nothing waiting: search, then draw */
		narrowing_search_idle(a);
		if (a->search_due)
			continue;  /* keys came: handle them first */
		if (dirty && a->running && !quit_signal)
			draw_now(a);
		dirty = false;
		/* a broad search's sparkline, after its first frame */
		if (a->density_due && a->running && !quit_signal) {
			narrowing_density_idle(a);
			dirty = !a->density_due;
			continue;
		}
		if (input_empty(&a->in))
			announce_idle(a);
		input_wait(&a->in, input_now(), WAKE_MS);
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
	long until = a->probe_ms + EXIT_WAIT_MS;
	for (long now = input_now(); now < until && !a->in.hangup &&
				     input_awaiting(&a->in, now);
	     now = input_now()) {
		input_event ev;
		if (!input_next(&a->in, now, &ev))
			input_wait(&a->in, now, (int)(until - now));
		else if (ev.kind == INPUT_CURSOR)
			probe_answered(a, ev.row, ev.col);  /* kept for next time */
	}
}

/* Frees what the app holds; safe on a partly set up app. */
static void app_free(app *a)
{
	input_free(&a->in);
	timeline_free(&a->tl);
	detail_free(&a->dv);
	prompt_free(&a->input);
	free(a->applied);
	free(a->before_id);
	search_words_free(a->marks);
	history_free(&a->hist);
	draw_links_clear(&a->links);
	free(a->links.items);
	keymap_free(&a->keys);
	density_free(&a->dens);
	chart_free(&a->chart);
	picker_free(&a->pick);
	org_view_free(&a->ov);
	free(a->org);
	free(a->org_label);
	free(a->person);
	free(a->person_label);
	free(a->tag);
	free(a->title[LANG_KO]);
	free(a->title[LANG_EN]);
}

int ui_run(store *s, const ui_options *opts)
{
	app a;
	memset(&a, 0, sizeof(a));
	a.s = s;
	a.lang = opts->lang;
	a.side_by_side = opts->config && opts->config->side_by_side
				 ? opts->config->side_by_side : SIDE_BY_SIDE_COLS;
	a.keys_changed = opts->config && opts->config->n_binds;
	if (!(opts->config ? config_keymap(opts->config, &a.keys)
			   : keymap_init(&a.keys))) {
		fprintf(stderr, "yeonpyo: out of memory\n");
		return YP_SOFTWARE;
	}
	if (opts->notice)
		snprintf(a.note, sizeof(a.note), "%s", opts->notice);
	a.running = true;
	a.idle_marks = getenv("YEONPYO_TEST_IDLE") != NULL;
	input_init(&a.in, STDIN_FILENO);
	detail_init(&a.dv);
	prompt_init(&a.input);
	history_load(&a.hist, history_default_path());
	a.title[LANG_KO] = store_meta_get(s, META_TITLE_KO);
	a.title[LANG_EN] = store_meta_get(s, META_TITLE_EN);
	if (timeline_load(&a.tl, s, NULL, &a.err) != YP_OK ||
	    density_load(&a.dens, s, NULL, &a.err) != YP_OK) {
		app_free(&a);
		fprintf(stderr, "yeonpyo: %s\n", a.err.message);
		return (int)a.err.status;
	}
	SCREEN *scr = start_screen();
	if (!scr) {
		app_free(&a);
		fprintf(stderr, "yeonpyo: cannot start the terminal screen\n");
		return YP_IOERR;
	}
	if (!terminal_keys_load(&a.in)) {
		endwin();
		delscreen(scr);
		app_free(&a);
		fprintf(stderr, "yeonpyo: out of memory\n");
		return YP_SOFTWARE;
	}
	install_signals();
	draw_theme_init(&a.theme, want_color(opts->color),
			opts->config ? opts->config->colors : NULL);
	bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	bool links = opts->hyperlinks == UI_LINKS_ALWAYS ||
		     (opts->hyperlinks == UI_LINKS_AUTO &&
		      osc_links_wanted(getenv("TERM"), utf8));
	a.canvas = (canvas){stdscr, &a.theme, opts->text_flags,
			    links ? &a.links : NULL, false};
	a.clipboard = opts->clipboard;
	a.dv.text_flags = opts->text_flags;
	/* asked where the locale can show the probe's character; until the
	 * answers, the widths this terminal type had last time, if any */
	bool probe = opts->probe && utf8 &&
		     !(opts->text_flags & TEXT_AMBIGUOUS_WIDE);
	store_terminal_widths(s, getenv("TERM"), &a.known_ambiwidth,
			      &a.known_lines);
	set_widths(&a, opts->text_flags & TEXT_AMBIGUOUS_WIDE ? 2
		       : probe ? a.known_ambiwidth : 1,
		   utf8 ? a.known_lines : 1);
	if (probe)
		send_probe(&a);
	loop(&a);
	drain_answers(&a);
	endwin();
	delscreen(scr);
	app_free(&a);
	if (a.status)
		fprintf(stderr, "yeonpyo: %s\n", a.err.message);
	/* ended by a signal: say so the way a shell expects */
	if (quit_signal)
		return 128 + quit_signal;
	return a.status;
}
