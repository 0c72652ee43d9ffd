/* screen.c: the screen-test harness; see screen.h. */
#define _GNU_SOURCE
#include "screen.h"
#include "support.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iconv.h>

#include <vterm.h>

#define IDLE_MARK "7777;idle"
/* the whole mark as written: ESC ] 7777;idle BEL */
#define IDLE_MARK_LEN (sizeof(IDLE_MARK) - 1 + 3)
#define WAIT_MS 10000

struct screen {
	pid_t pid;
	int fd;
	iconv_t from;      /* the program's charset to UTF-8, or (iconv_t)-1 */
	char pending[16];  /* an incomplete multibyte sequence */
	size_t n_pending;
	VTerm *vt;
	VTermScreen *vs;
	unsigned idles;
	bool altscreen;
	unsigned titles;   /* times the program set the window title */
	size_t bytes;      /* written by the program, idle marks included */
	bool exited;
	screen_link links[SCREEN_LINKS_MAX];  /* the latest, oldest dropped */
	size_t n_links;
	char clipboard[512];  /* the last OSC 52's data, as sent (base64) */
};

/* OSC 8 with an address starts a link where the cursor is; OSC 52 sets
 * the clipboard. libvterm 0.1 keeps neither, so they are noted here. */
static void note_osc(screen *s, const char *command, size_t len)
{
	if (len > 2 && memcmp(command, "8;", 2) == 0) {
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

static int on_osc(const char *command, size_t len, void *user)
{
	screen *s = user;
	if (len == strlen(IDLE_MARK) && memcmp(command, IDLE_MARK, len) == 0)
		s->idles++;
	else
		note_osc(s, command, len);
	return 1;
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
	if (prop == VTERM_PROP_TITLE || prop == VTERM_PROP_ICONNAME)
		s->titles++;
	return 1;
}

/* Answers the terminal's replies (cursor reports and such) to the program. */
static void on_output(const char *bytes, size_t len, void *user)
{
	screen *s = user;
	if (write(s->fd, bytes, len) < 0)
		return;
}

static const VTermParserCallbacks fallbacks = {.osc = on_osc};
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

/* Reads what the program wrote until done(s) holds or it exits. */
static void pump_until(screen *s, bool (*done)(const screen *, unsigned),
		       unsigned arg)
{
	while (!done(s, arg) && !s->exited) {
		struct pollfd p = {s->fd, POLLIN, 0};
		int r = poll(&p, 1, WAIT_MS);
		if (r == 0) {
			/* what was on the screen, for whoever reads the log */
			describe_stall(s);
			fail_msg("yeonpyo drew nothing for %d ms (%u frames, %zu "
				 "bytes so far)", WAIT_MS, s->idles, s->bytes);
		}
		if (r < 0 && errno == EINTR)
			continue;
		char buf[65536];
		ssize_t got = read(s->fd, buf, sizeof(buf));
		if (got <= 0) {  /* EIO: the program closed the terminal */
			s->exited = true;
			break;
		}
		s->bytes += (size_t)got;
		feed(s, buf, (size_t)got);
	}
	vterm_screen_flush_damage(s->vs);
}

static bool idles_reached(const screen *s, unsigned want)
{
	return s->idles >= want;
}

static bool never(const screen *s, unsigned unused)
{
	(void)s;
	(void)unused;
	return false;
}

screen *screen_start(const char *home, int rows, int cols,
		     const char *const *env, const char *const *args)
{
	return screen_start_in(home, rows, cols, NULL, env, args);
}

screen *screen_start_in(const char *home, int rows, int cols,
			const char *charset, const char *const *env,
			const char *const *args)
{
	screen *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	s->from = charset ? iconv_open("UTF-8", charset) : (iconv_t)-1;
	assert_true(!charset || s->from != (iconv_t)-1);
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
	vterm_screen_set_unrecognised_fallbacks(s->vs, &fallbacks, s);
	vterm_screen_enable_altscreen(s->vs, 1);
	vterm_screen_reset(s->vs, 1);
	pump_until(s, idles_reached, 1);
	return s;
}

void screen_key(screen *s, const char *key)
{
	unsigned want = s->idles + 1;
	assert_int_equal(write(s->fd, key, strlen(key)), (ssize_t)strlen(key));
	pump_until(s, idles_reached, want);
}

/* Reads what the program writes until it has been quiet for quiet_ms. */
static void drain(screen *s, int quiet_ms)
{
	while (!s->exited) {
		struct pollfd p = {s->fd, POLLIN, 0};
		int r = poll(&p, 1, quiet_ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		char buf[65536];
		ssize_t got = read(s->fd, buf, sizeof(buf));
		if (got <= 0) {
			s->exited = true;
			break;
		}
		s->bytes += (size_t)got;
		feed(s, buf, (size_t)got);
	}
	vterm_screen_flush_damage(s->vs);
}

void screen_type(screen *s, const char *bytes, int quiet_ms)
{
	size_t len = strlen(bytes);
	assert_int_equal(write(s->fd, bytes, len), (ssize_t)len);
	drain(s, quiet_ms);
}

void screen_resize_quietly(screen *s, int rows, int cols, int quiet_ms)
{
	struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
	vterm_set_size(s->vt, rows, cols);
	assert_int_equal(ioctl(s->fd, TIOCSWINSZ, &ws), 0);
	drain(s, quiet_ms);
}

void screen_resize(screen *s, int rows, int cols)
{
	unsigned want = s->idles + 1;
	struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
	vterm_set_size(s->vt, rows, cols);
	/* the kernel sends SIGWINCH to the program on the other side */
	assert_int_equal(ioctl(s->fd, TIOCSWINSZ, &ws), 0);
	pump_until(s, idles_reached, want);
}

void screen_signal(screen *s, int sig)
{
	kill(s->pid, sig);
	pump_until(s, never, 0);
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
		char utf8[8];
		int len = 0;
		if (ch < 0x80) {
			utf8[len++] = (char)ch;
		} else if (ch < 0x800) {
			utf8[len++] = (char)(0xC0 | (ch >> 6));
			utf8[len++] = (char)(0x80 | (ch & 0x3F));
		} else if (ch < 0x10000) {
			utf8[len++] = (char)(0xE0 | (ch >> 12));
			utf8[len++] = (char)(0x80 | ((ch >> 6) & 0x3F));
			utf8[len++] = (char)(0x80 | (ch & 0x3F));
		} else {
			utf8[len++] = (char)(0xF0 | (ch >> 18));
			utf8[len++] = (char)(0x80 | ((ch >> 12) & 0x3F));
			utf8[len++] = (char)(0x80 | ((ch >> 6) & 0x3F));
			utf8[len++] = (char)(0x80 | (ch & 0x3F));
		}
		memcpy(out + n, utf8, (size_t)len);
		n += (size_t)len;
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
		*width = cell.width;
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
	return s->bytes - s->idles * IDLE_MARK_LEN;
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
	if (s->from != (iconv_t)-1)
		iconv_close(s->from);
	free(s);
}
