/* screen.c: the screen-test harness; see screen.h. */
#define _GNU_SOURCE
#include "screen.h"
#include "support.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <iconv.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <vterm.h>

#define IDLE_MARK "7777;idle;"
/* A bound on a wait, never a synchronization: the program said nothing
 * for this long, so the test fails and shows the screen. */
#define WAIT_MS 10000
#define ANSWERS_MAX 16

/* An answer of the terminal's, due to be written at a time (LONG_MAX
 * while the terminal holds it; then after after_ms more). */
typedef struct {
	char bytes[64];
	size_t len;
	long due_ms, after_ms;
} answer;

struct screen {
	pid_t pid;
	int fd;
	screen_terminal term;
	iconv_t from;      /* the program's charset to UTF-8, or (iconv_t)-1 */
	char pending[16];  /* an incomplete multibyte sequence */
	size_t n_pending;
	VTerm *vt;
	VTermScreen *vs;
	unsigned idles;
	/* what the last idle mark said */
	unsigned long frames, consumed;
	int idle_rows, idle_cols;
	size_t mark_bytes; /* of the marks, as written */
	size_t sent;       /* bytes written to the program: keys and answers */
	answer answers[ANSWERS_MAX];  /* owed, oldest first */
	size_t n_answers;
	/* an OSC string being read (see take_output) */
	bool in_osc, osc_esc, carry_esc;
	char osc[1024];
	size_t n_osc;
	bool altscreen;
	unsigned titles;   /* times the program set the window title */
	char *out;         /* everything the program wrote */
	size_t bytes, cap;
	bool exited;
	screen_link links[SCREEN_LINKS_MAX];  /* the latest, oldest dropped */
	size_t n_links;
	char clipboard[512];  /* the last OSC 52's data, as sent (base64) */
};

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* OSC 0 to 2 set the title; OSC 8 with an address starts a link where
 * the cursor is; OSC 52 sets the clipboard. */
static void note_osc(screen *s, const char *command, size_t len)
{
	if (len >= 2 && command[1] == ';' && command[0] >= '0' &&
	    command[0] <= '2') {
		s->titles++;  /* OSC 0, 1, 2: the window or icon title */
	} else if (len > 2 && memcmp(command, "8;", 2) == 0) {
		const char *uri = memchr(command + 2, ';', len - 2);
		if (!uri || (size_t)(command + len - uri) <= 1)
			return;  /* the end of a link */
		uri++;
		if (s->n_links == SCREEN_LINKS_MAX) {
			memmove(s->links, s->links + 1,
				(SCREEN_LINKS_MAX - 1) * sizeof(*s->links));
			s->n_links--;
		}
		screen_link *l = &s->links[s->n_links++];
		VTermPos pos;
		vterm_state_get_cursorpos(vterm_obtain_state(s->vt), &pos);
		l->row = pos.row;
		l->col = pos.col;
		snprintf(l->url, sizeof(l->url), "%.*s",
			 (int)(command + len - uri), uri);
	} else if (len > 5 && memcmp(command, "52;c;", 5) == 0) {
		snprintf(s->clipboard, sizeof(s->clipboard), "%.*s",
			 (int)(len - 5), command + 5);
	}
}

static void on_osc(screen *s, const char *command, size_t len)
{
	size_t mark = strlen(IDLE_MARK);
	if (len > mark && len < 96 && memcmp(command, IDLE_MARK, mark) == 0) {
		char said[96];
		memcpy(said, command + mark, len - mark);
		said[len - mark] = '\0';
		unsigned long f = 0, c = 0;
		int rows = 0, cols = 0;
		if (sscanf(said, "%lu;%lu;%d;%d", &f, &c, &rows, &cols) != 4)
			fail_msg("an idle mark the test cannot read: %s", said);
		s->idles++;
		s->frames = f;
		s->consumed = c;
		s->idle_rows = rows;
		s->idle_cols = cols;
		s->mark_bytes += len + 3;  /* ESC ] ... BEL */
	} else {
		note_osc(s, command, len);
	}
}

const screen_link *screen_links(const screen *s, size_t *n)
{
	*n = s->n_links;
	return s->links;
}

const char *screen_clipboard(const screen *s)
{
	return s->clipboard;
}

static int on_termprop(VTermProp prop, VTermValue *val, void *user)
{
	screen *s = user;
	if (prop == VTERM_PROP_ALTSCREEN)
		s->altscreen = val->boolean;
	return 1;
}

/* Cells of row before col holding East Asian Ambiguous characters, each
 * a column more on a terminal that draws them wide. libvterm keeps VT100
 * line drawing as U+2500..., which count unless the terminal draws them
 * narrow. */
static int ambiguous_before(screen *s, int row, int col)
{
	int n = 0;
	for (int c = 0; c < col; c++) {
		VTermScreenCell cell;
		vterm_screen_get_cell(s->vs, (VTermPos){row, c}, &cell);
		uint32_t ch = cell.chars[0];
		if (s->term.lines_narrow && ch >= 0x2500 && ch <= 0x257f)
			continue;
		if (ch && u_getIntPropertyValue((UChar32)ch, UCHAR_EAST_ASIAN_WIDTH) ==
				  U_EA_AMBIGUOUS)
			n++;
	}
	return n;
}

static void owe(screen *s, const char *bytes, size_t len, long after_ms)
{
	assert_true(s->n_answers < ANSWERS_MAX && len <= sizeof(s->answers[0].bytes));
	answer *a = &s->answers[s->n_answers++];
	memcpy(a->bytes, bytes, len);
	a->len = len;
	a->after_ms = after_ms;
	a->due_ms = s->term.held ? LONG_MAX : now_ms() + after_ms;
}

/* The terminal's answers (cursor reports and such), as this terminal
 * gives them: at once or late, whole or split, or not at all. */
static void on_output(const char *bytes, size_t len, void *user)
{
	screen *s = user;
	char said[64], wide[64];
	int row = 0, col = 0;
	char end = 0;
	if (s->term.silent)
		return;
	snprintf(said, sizeof(said), "%.*s", (int)len, bytes);
	if ((s->term.wide || s->term.lines_narrow) && len < 32 &&
	    sscanf(said, "\033[%d;%d%c", &row, &col, &end) == 3 && end == 'R') {
		col += ambiguous_before(s, row - 1, col - 1);
		int n = snprintf(wide, sizeof(wide), "\033[%d;%dR", row, col);
		bytes = wide;
		len = (size_t)n;
	}
	long after = s->term.answer_ms;
	if (s->term.split && len > 1) {
		owe(s, bytes, len / 2, after);
		owe(s, bytes + len / 2, len - len / 2, after + SCREEN_SPLIT_MS);
	} else {
		owe(s, bytes, len, after);
	}
}

/* Writes the answers that are due; returns when the next one is, or -1. */
static long send_answers(screen *s)
{
	long now = now_ms();
	while (s->n_answers && s->answers[0].due_ms <= now) {
		answer *a = &s->answers[0];
		if (write(s->fd, a->bytes, a->len) == (ssize_t)a->len)
			s->sent += a->len;
		memmove(s->answers, s->answers + 1,
			(s->n_answers - 1) * sizeof(*s->answers));
		s->n_answers--;
	}
	return s->n_answers ? s->answers[0].due_ms : -1;
}

static const VTermScreenCallbacks screen_cbs = {.settermprop = on_termprop};

/* Hands output to libvterm, which reads UTF-8: output in another charset
 * is converted first, as luit would, keeping a sequence cut by a read for
 * the next one. */
static void feed(screen *s, const char *buf, size_t len)
{
	if (s->from == (iconv_t)-1) {
		vterm_input_write(s->vt, buf, len);
		return;
	}
	char in[65536 + 16], out[4 * 65536 + 64];
	memcpy(in, s->pending, s->n_pending);
	memcpy(in + s->n_pending, buf, len);
	char *ip = in, *op = out;
	size_t il = s->n_pending + len, ol = sizeof(out);
	while (il > 0) {
		if (iconv(s->from, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == EINVAL)  /* incomplete: wait for the rest */
			break;
		*op++ = '?';          /* invalid: show it, go on */
		ol--;
		ip++;
		il--;
	}
	s->n_pending = il < sizeof(s->pending) ? il : 0;
	memcpy(s->pending, ip, s->n_pending);
	vterm_input_write(s->vt, out, (size_t)(op - out));
}

/* The program's output, its OSC strings taken out here and the rest
 * given to libvterm: libvterm 0.1.4 loses an OSC string that two reads
 * cut in two (tried: fed 777 bytes at a time, a run's output lost 14 of
 * its 477 idle marks), and that stalled a test now and then. */
static void take_output(screen *s, const char *buf, size_t len)
{
	size_t start = 0;
	if (s->carry_esc && len) {
		s->carry_esc = false;
		if (buf[0] == ']') {
			s->in_osc = true;
			s->n_osc = 0;
			start = 1;
		} else {
			feed(s, "\033", 1);
		}
	}
	for (size_t i = start; i < len; i++) {
		char c = buf[i];
		if (s->in_osc) {
			bool st = s->osc_esc && c == '\\';
			s->osc_esc = c == '\033';
			if (c == '\a' || st) {
				s->n_osc -= st;  /* the ESC of ESC \ */
				s->in_osc = false;
				on_osc(s, s->osc, s->n_osc);
				start = i + 1;
			} else if (s->n_osc < sizeof(s->osc)) {
				s->osc[s->n_osc++] = c;
			}
			continue;
		}
		if (c != '\033')
			continue;
		if (i + 1 == len) {
			feed(s, buf + start, i - start);
			s->carry_esc = true;
			return;
		}
		if (buf[i + 1] == ']') {
			feed(s, buf + start, i - start);
			s->in_osc = true;
			s->n_osc = 0;
			i++;
			start = i + 1;
		}
	}
	if (!s->in_osc && start < len)
		feed(s, buf + start, len - start);
}

static void keep_output(screen *s, const char *buf, size_t len)
{
	if (s->bytes + len + 1 > s->cap) {
		s->cap = (s->bytes + len + 1) * 2;
		s->out = realloc(s->out, s->cap);
		assert_non_null(s->out);
	}
	memcpy(s->out + s->bytes, buf, len);
	s->bytes += len;
	s->out[s->bytes] = '\0';
}

static void describe_stall(screen *s)
{
	int rows = 0, cols = 0;
	vterm_get_size(s->vt, &rows, &cols);
	vterm_screen_flush_damage(s->vs);
	for (int row = 0; row < rows; row++) {
		char *text = screen_row(s, row);
		fprintf(stderr, "  %2d|%s\n", row, text);
		free(text);
	}
}

/* Reads what the program writes, and writes the answers it is owed,
 * until done(s) holds or it exits. */
static void pump_until(screen *s, bool (*done)(const screen *, unsigned long),
		       unsigned long arg)
{
	long quiet_until = now_ms() + WAIT_MS;
	while (!s->exited) {
		long next = send_answers(s);
		if (done(s, arg))
			break;
		long now = now_ms();
		long wait = quiet_until - now;
		if (next >= 0 && next - now < wait)
			wait = next - now < 0 ? 0 : next - now;
		struct pollfd p = {s->fd, POLLIN, 0};
		int r = poll(&p, 1, (int)wait);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0) {
			if (now_ms() < quiet_until)
				continue;  /* an answer is due */
			/* what was on the screen, for whoever reads the log */
			describe_stall(s);
			int rows = 0, cols = 0;
			vterm_get_size(s->vt, &rows, &cols);
			fail_msg("yeonpyo said nothing for %d ms (%u idle marks, "
				 "%lu frames, %lu of %zu bytes consumed, %zu "
				 "written; idle at %dx%d, the terminal %dx%d)",
				 WAIT_MS, s->idles, s->frames, s->consumed,
				 s->sent, s->bytes, s->idle_rows, s->idle_cols,
				 rows, cols);
		}
		char buf[65536];
		ssize_t got = read(s->fd, buf, sizeof(buf));
		if (got <= 0) {  /* EIO: the program closed the terminal */
			s->exited = true;
			break;
		}
		quiet_until = now_ms() + WAIT_MS;
		keep_output(s, buf, (size_t)got);
		take_output(s, buf, (size_t)got);
	}
	vterm_screen_flush_damage(s->vs);
}

/* Idle having consumed every byte sent so far, keys and the answers
 * that were due (the wait may see more sent as answers fall due). */
static bool consumed_all(const screen *s, unsigned long unused)
{
	(void)unused;
	return s->idles > 0 && s->consumed >= s->sent;
}

static bool answered_all(const screen *s, unsigned long unused)
{
	(void)unused;
	return s->n_answers == 0 && consumed_all(s, 0);
}

static bool at_size(const screen *s, unsigned long unused)
{
	int rows = 0, cols = 0;
	vterm_get_size(s->vt, &rows, &cols);
	return consumed_all(s, unused) && s->idle_rows == rows &&
	       s->idle_cols == cols;
}

static bool never(const screen *s, unsigned long unused)
{
	(void)s;
	(void)unused;
	return false;
}

/* An idle mark came after the arg-th. */
static bool idle_after(const screen *s, unsigned long arg)
{
	return s->idles > arg;
}

static void type(screen *s, const char *bytes)
{
	size_t len = strlen(bytes);
	assert_int_equal(write(s->fd, bytes, len), (ssize_t)len);
	s->sent += len;
}

screen *screen_start(const char *home, int rows, int cols,
		     const char *const *env, const char *const *args)
{
	static const screen_terminal plain = {0};
	return screen_start_on(&plain, home, rows, cols, env, args);
}

screen *screen_start_in(const char *home, int rows, int cols,
			const char *charset, const char *const *env,
			const char *const *args)
{
	screen_terminal t = {0};
	t.charset = charset;
	return screen_start_on(&t, home, rows, cols, env, args);
}

screen *screen_start_on(const screen_terminal *t, const char *home, int rows,
			int cols, const char *const *env,
			const char *const *args)
{
	screen *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	s->term = *t;
	s->from = t->charset ? iconv_open("UTF-8", t->charset) : (iconv_t)-1;
	assert_true(!t->charset || s->from != (iconv_t)-1);
	struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
	s->pid = forkpty(&s->fd, NULL, NULL, &ws);
	assert_true(s->pid >= 0);
	if (s->pid == 0) {
		static const char *const terminal[] = {
			"TERM=xterm-256color", "YEONPYO_TEST_IDLE=1", NULL};
		support_exec(home, terminal, env, args);
	}
	s->vt = vterm_new(rows, cols);
	vterm_set_utf8(s->vt, 1);
	vterm_output_set_callback(s->vt, on_output, s);
	s->vs = vterm_obtain_screen(s->vt);
	vterm_screen_set_callbacks(s->vs, &screen_cbs, s);
	vterm_screen_enable_altscreen(s->vs, 1);
	vterm_screen_reset(s->vs, 1);
	if (t->typed_ahead)
		type(s, t->typed_ahead);
	pump_until(s, consumed_all, 0);
	return s;
}

void screen_key(screen *s, const char *key)
{
	type(s, key);
	pump_until(s, consumed_all, 0);
}

void screen_answered(screen *s)
{
	pump_until(s, answered_all, 0);
}

void screen_release(screen *s)
{
	long now = now_ms();
	s->term.held = false;
	for (size_t i = 0; i < s->n_answers; i++)
		s->answers[i].due_ms = now + s->answers[i].after_ms;
}

void screen_resize(screen *s, int rows, int cols)
{
	struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
	vterm_set_size(s->vt, rows, cols);
	/* the kernel sends SIGWINCH to the program on the other side */
	assert_int_equal(ioctl(s->fd, TIOCSWINSZ, &ws), 0);
	pump_until(s, at_size, 0);
}

void screen_signal(screen *s, int sig)
{
	kill(s->pid, sig);
	pump_until(s, never, 0);
}

int screen_wait_for(screen *s, const char *want)
{
	long until = now_ms() + FOLLOW_WAIT_MS;
	for (;;) {
		int row = screen_find_row(s, want);
		if (row >= 0 || s->exited)
			return row;
		if (now_ms() > until) {
			describe_stall(s);
			fail_msg("no \"%s\" on the screen in %d ms", want,
				 FOLLOW_WAIT_MS);
		}
		pump_until(s, idle_after, s->idles);
	}
}

int screen_find_row(screen *s, const char *want)
{
	int rows = 0, cols = 0;
	vterm_get_size(s->vt, &rows, &cols);
	for (int row = 0; row < rows; row++) {
		char *text = screen_row(s, row);
		bool found = strstr(text, want) != NULL;
		free(text);
		if (found)
			return row;
	}
	return -1;
}

char *screen_row(screen *s, int row)
{
	int rows = 0, cols = 0;
	vterm_get_size(s->vt, &rows, &cols);
	char *out = calloc((size_t)cols * 4 + 1, 1);
	assert_non_null(out);
	size_t n = 0;
	for (int col = 0; col < cols; col++) {
		VTermScreenCell cell;
		vterm_screen_get_cell(s->vs, (VTermPos){row, col}, &cell);
		uint32_t ch = cell.chars[0] ? cell.chars[0] : ' ';
		if (cell.width == 2)
			col++;  /* the next cell is its continuation */
		U8_APPEND_UNSAFE((uint8_t *)out, n, ch);
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out;
}

uint32_t screen_char(screen *s, int row, int col, int *width)
{
	VTermScreenCell cell;
	vterm_screen_get_cell(s->vs, (VTermPos){row, col}, &cell);
	if (width)
		*width = (unsigned char)cell.width;
	return cell.chars[0];
}

bool screen_highlit(screen *s, int row, int col)
{
	VTermScreenCell cell;
	vterm_screen_get_cell(s->vs, (VTermPos){row, col}, &cell);
	return cell.attrs.reverse || !VTERM_COLOR_IS_DEFAULT_BG(&cell.bg);
}

int screen_bg(screen *s, int row, int col)
{
	VTermScreenCell cell;
	vterm_screen_get_cell(s->vs, (VTermPos){row, col}, &cell);
	if (VTERM_COLOR_IS_DEFAULT_BG(&cell.bg) || !VTERM_COLOR_IS_INDEXED(&cell.bg))
		return -1;
	return cell.bg.indexed.idx;
}

bool screen_underline(screen *s, int row, int col)
{
	VTermScreenCell cell;
	vterm_screen_get_cell(s->vs, (VTermPos){row, col}, &cell);
	return cell.attrs.underline != 0;
}

bool screen_colored(screen *s, int row, int col)
{
	VTermScreenCell cell;
	vterm_screen_get_cell(s->vs, (VTermPos){row, col}, &cell);
	return !VTERM_COLOR_IS_DEFAULT_FG(&cell.fg);
}

size_t screen_bytes(const screen *s)
{
	return s->bytes - s->mark_bytes;
}

const char *screen_output(const screen *s, size_t *len)
{
	*len = s->bytes;
	return s->out ? s->out : "";
}

long screen_ambiguous_at(const screen *s, size_t from, uint32_t allowed,
			 int *n_allowed, uint32_t *cp)
{
	const uint8_t *out = (const uint8_t *)(s->out ? s->out : "");
	*n_allowed = 0;
	for (int32_t i = (int32_t)from; i < (int32_t)s->bytes;) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT(out, i, (int32_t)s->bytes, c);
		if (allowed && c == (UChar32)allowed) {
			(*n_allowed)++;
		} else if (c >= 0x80 &&
			   u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH) ==
				   U_EA_AMBIGUOUS) {
			*cp = (uint32_t)c;
			return at;
		}
	}
	return -1;
}

unsigned long screen_frames(const screen *s)
{
	return s->frames;
}

unsigned screen_titles(const screen *s)
{
	return s->titles;
}

bool screen_altscreen(const screen *s)
{
	return s->altscreen;
}

int screen_wait(screen *s)
{
	pump_until(s, never, 0);
	int status = 0;
	while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
		;
	s->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void screen_free(screen *s)
{
	if (!s)
		return;
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
	}
	close(s->fd);
	vterm_free(s->vt);
	free(s->out);
	if (s->from != (iconv_t)-1)
		iconv_close(s->from);
	free(s);
}
