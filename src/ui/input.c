/* input.c: the terminal's bytes turned into keys and answers, as tmux's
 * tty-keys.c does it: every read goes into one buffer, answers are taken
 * out of it whatever came before or after them, and only a sequence that
 * could still grow into a key or an answer waits for the rest of it. */
#include "input.h"

#include <assert.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "yeonpyo/keys.h"

#define ESC 0x1b

void input_init(input *in, int fd)
{
	memset(in, 0, sizeof(*in));
	in->fd = fd;
}

void input_free(input *in)
{
	for (size_t i = 0; i < in->n_keys; i++)
		free(in->keys[i].seq);
	free(in->keys);
	in->keys = NULL;
	in->n_keys = in->cap_keys = 0;
}

bool input_add_key(input *in, const char *seq, int code)
{
	size_t len = strlen(seq);
	if (len == 0 || len > INPUT_SEQ_MAX)
		return true;  /* nothing a terminal could send as one key */
	for (size_t i = 0; i < in->n_keys; i++)
		if (in->keys[i].len == len && memcmp(in->keys[i].seq, seq, len) == 0)
			return true;
	if (in->n_keys == in->cap_keys) {
		size_t cap = in->cap_keys ? in->cap_keys * 2 : 64;
		input_key *keys = realloc(in->keys, cap * sizeof(*keys));
		if (!keys)
			return false;
		in->keys = keys;
		in->cap_keys = cap;
	}
	char *copy = malloc(len + 1);
	if (!copy)
		return false;
	memcpy(copy, seq, len + 1);
	in->keys[in->n_keys++] = (input_key){copy, len, code};
	return true;
}

void input_drop_keys(input *in, size_t from)
{
	assert(from <= in->n_keys);
	for (size_t i = from; i < in->n_keys; i++)
		free(in->keys[i].seq);
	in->n_keys = from;
}

bool input_add_common_keys(input *in)
{
	static const struct {
		const char *seq;
		int code;
	} common[] = {
		{"\033[A", FKEY_UP}, {"\033[B", FKEY_DOWN},
		{"\033[C", FKEY_RIGHT}, {"\033[D", FKEY_LEFT},
		{"\033[H", FKEY_HOME}, {"\033[F", FKEY_END},
		{"\033OA", FKEY_UP}, {"\033OB", FKEY_DOWN},
		{"\033OC", FKEY_RIGHT}, {"\033OD", FKEY_LEFT},
		{"\033OH", FKEY_HOME}, {"\033OF", FKEY_END},
		{"\033[1~", FKEY_HOME}, {"\033[4~", FKEY_END},
		{"\033[7~", FKEY_HOME}, {"\033[8~", FKEY_END},
		{"\033[2~", FKEY_INSERT}, {"\033[3~", FKEY_DELETE},
		{"\033[5~", FKEY_PGUP}, {"\033[6~", FKEY_PGDN},
		{"\033OM", FKEY_ENTER}, {"\033[Z", FKEY_BACKTAB},
	};
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (!input_add_key(in, common[i].seq, common[i].code))
			return false;
	return true;
}

bool input_awaiting(const input *in, long now_ms)
{
	return (in->awaited_cursor || in->awaited_attrs) &&
	       now_ms < in->await_until;
}

void input_expect(input *in, input_kind answer, long now_ms)
{
	assert(answer == INPUT_CURSOR || answer == INPUT_ATTRIBUTES);
	if (answer == INPUT_CURSOR)
		in->awaited_cursor++;
	else
		in->awaited_attrs++;
	in->await_until = now_ms + INPUT_AWAIT_MS;
}

bool input_feed(input *in, const void *bytes, size_t n, long now_ms)
{
	if (n > sizeof(in->buf) - in->n)
		return false;
	memcpy(in->buf + in->n, bytes, n);
	in->n += n;
	if (n)
		in->last_ms = now_ms;
	return true;
}

/* --- what the bytes at the start of the buffer are --------------------- */

/* A control sequence, ESC [ then parameter bytes, intermediate bytes and
 * a final byte (ECMA-48 5.4). */
typedef struct {
	size_t len;          /* final byte included */
	char marker;         /* the private marker: < = > ? or 0 */
	int params[4];
	int n_params;        /* how many parameters, or more than 4 */
	bool odd;            /* intermediates, or parameter bytes not 0-9 ; */
	unsigned char final; /* 0 when a byte no sequence holds cut it */
} csi;

typedef enum {
	SEQ_NONE,     /* not of the kind asked about */
	SEQ_PARTIAL,  /* may still grow into a key, an answer, a character */
	SEQ_EVENT,    /* an event of len bytes */
	SEQ_DROP,     /* len bytes that are neither key nor answer */
} seq_result;

/* Scans the control sequence at b (ESC [ ...); false while it is
 * incomplete. */
static bool csi_scan(const unsigned char *b, size_t n, csi *c)
{
	memset(c, 0, sizeof(*c));
	size_t i = 2;
	if (i < n && b[i] >= '<' && b[i] <= '?')
		c->marker = (char)b[i++];
	int value = 0;
	bool any = false;
	for (; i < n && i < INPUT_SEQ_MAX; i++) {
		unsigned char ch = b[i];
		if (ch >= '0' && ch <= '9') {
			value = value < 100000 ? value * 10 + (ch - '0') : value;
			any = true;
		} else if (ch == ';') {
			if (c->n_params < 4)
				c->params[c->n_params] = value;
			c->n_params++;
			value = 0;
			any = false;
		} else if (ch >= 0x20 && ch <= 0x3f) {
			c->odd = true;  /* intermediates, or : < = > ? inside */
		} else {
			if (ch >= 0x40 && ch <= 0x7e)
				c->final = ch;
			c->len = c->final ? i + 1 : i;
			if (any || c->n_params) {
				if (c->n_params < 4)
					c->params[c->n_params] = value;
				c->n_params++;
			}
			return true;
		}
	}
	if (i >= INPUT_SEQ_MAX) {
		c->len = i;  /* too long to be anything: cut */
		return true;
	}
	return false;
}

/* The longest key the buffer starts with (its index, or -1), and in
 * *longer whether the buffer is the start of a longer key. */
static long key_match(const input *in, bool *longer)
{
	long best = -1;
	*longer = false;
	for (size_t i = 0; i < in->n_keys; i++) {
		const input_key *k = &in->keys[i];
		if (k->len <= in->n) {
			if (memcmp(in->buf, k->seq, k->len) == 0 &&
			    (best < 0 || k->len > in->keys[best].len))
				best = (long)i;
		} else if (memcmp(in->buf, k->seq, in->n) == 0) {
			*longer = true;
		}
	}
	return best;
}

static bool is_key(const input *in, size_t len)
{
	for (size_t i = 0; i < in->n_keys; i++)
		if (in->keys[i].len == len && memcmp(in->buf, in->keys[i].seq,
						     len) == 0)
			return true;
	return false;
}

/* A mouse report: xterm's button number without its modifier bits
 * (shift, meta, control), and the cell from 1. */
static input_event mouse_event(int button, int col, int row, bool pressed)
{
	input_event ev = {INPUT_MOUSE, 0, button & ~(4 | 8 | 16), row, col,
			  pressed};
	return ev;
}

/* Answers and reports: a cursor position report (unless, not awaited, it
 * is also a key), device attributes, mouse reports (events when the mouse
 * is on, else dropped: a terminal left in mouse mode costs nothing).
 * SEQ_NONE when it is none of them. */
static seq_result answer(const input *in, long now_ms, input_event *ev,
			 size_t *len)
{
	const unsigned char *b = in->buf;
	csi c;
	if (in->n < 3 || b[0] != ESC || b[1] != '[' || !csi_scan(b, in->n, &c))
		return SEQ_NONE;
	*len = c.len;
	if (c.odd || !c.final)
		return SEQ_NONE;
	if (c.final == 'R' && !c.marker && c.n_params == 2) {
		if (!(in->awaited_cursor && input_awaiting(in, now_ms)) &&
		    is_key(in, c.len))
			return SEQ_NONE;  /* a key: Shift-F3 on xterm */
		*ev = (input_event){INPUT_CURSOR, 0, 0, c.params[0], c.params[1], false};
		return SEQ_EVENT;
	}
	if (c.final == 'c' && c.marker == '?') {
		*ev = (input_event){INPUT_ATTRIBUTES, 0, 0, 0, 0, false};
		return SEQ_EVENT;
	}
	if (c.final == 'c' && c.marker == '>')
		return SEQ_DROP;  /* secondary attributes, nobody asked */
	if ((c.final == 'M' || c.final == 'm') && c.marker == '<' &&
	    c.n_params == 3) {  /* an SGR (1006) mouse report */
		if (!in->mouse)
			return SEQ_DROP;
		*ev = mouse_event(c.params[0], c.params[1], c.params[2],
				  c.final == 'M');
		return SEQ_EVENT;
	}
	if (c.final == 'M' && !c.marker && c.n_params == 0 && c.len == 3) {
		*len = 6;  /* an X10 mouse report: three bytes follow, each
			    * 32 more than its number */
		if (in->n < 6)
			return SEQ_PARTIAL;
		if (!in->mouse || b[3] < 32 || b[4] < 33 || b[5] < 33)
			return SEQ_DROP;
		int button = b[3] - 32;
		*ev = mouse_event(button, b[4] - 32, b[5] - 32,
				  (button & 3) != INPUT_BUTTON_RELEASE);
		return SEQ_EVENT;
	}
	return SEQ_NONE;
}

/* A sequence begun with ESC that is no key: ESC alone is the Esc key; a
 * control sequence (ESC [ ...) or a keypad one (ESC O x) the terminal's
 * keys do not have is dropped; ESC before anything else is Esc, and what
 * follows is read on its own (Alt-x comes as Esc, x, as curses has it). */
static seq_result escape(const input *in, bool expired, input_event *ev,
			 size_t *len)
{
	const unsigned char *b = in->buf;
	*ev = (input_event){INPUT_CHAR, ESC, 0, 0, 0, false};
	*len = 1;
	if (in->n == 1)
		return expired ? SEQ_EVENT : SEQ_PARTIAL;
	if (b[1] == '[') {
		csi c;
		if (in->n == 2 || !csi_scan(b, in->n, &c)) {
			if (!expired)
				return SEQ_PARTIAL;
			if (in->n == 2)
				return SEQ_EVENT;  /* Esc, then [ on its own */
			*len = in->n;          /* a sequence cut short */
			return SEQ_DROP;
		}
		/* ESC [ then a byte no sequence holds: Esc, then the rest */
		if (c.len == 2)
			return SEQ_EVENT;
		*len = c.len;
		return SEQ_DROP;
	}
	if (b[1] == 'O') {
		if (in->n == 2)
			return expired ? SEQ_EVENT : SEQ_PARTIAL;
		size_t i = 2;
		while (i < in->n && i < 8 && ((b[i] >= '0' && b[i] <= '9') ||
					       b[i] == ';'))
			i++;
		if (i == in->n && !expired)
			return SEQ_PARTIAL;
		*len = i < in->n && b[i] >= 0x40 && b[i] <= 0x7e ? i + 1 : i;
		return SEQ_DROP;
	}
	return SEQ_EVENT;
}

/* A character in the locale's encoding. */
static seq_result character(const input *in, bool expired, input_event *ev,
			    size_t *len)
{
	wchar_t wc = 0;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	size_t r = mbrtowc(&wc, (const char *)in->buf, in->n, &st);
	*len = 1;
	if (r == (size_t)-2)
		return expired ? SEQ_DROP : SEQ_PARTIAL;
	if (r == (size_t)-1)
		return SEQ_DROP;
	*len = r ? r : 1;  /* 0: a NUL (Ctrl-Space), one byte */
	*ev = (input_event){INPUT_CHAR, (unsigned long)wc, 0, 0, 0, false};
	return SEQ_EVENT;
}

/* The rest of a mouse report whose start was cut off and dropped: its
 * parameters and final byte (";52;14M"), which are no keys. */
static bool report_tail(const input *in, long now_ms, size_t *len)
{
	if (!in->cut_ms || now_ms - in->cut_ms >= INPUT_ANSWER_MS)
		return false;
	size_t i = 0;
	while (i < in->n && i < INPUT_SEQ_MAX &&
	       ((in->buf[i] >= '0' && in->buf[i] <= '9') || in->buf[i] == ';'))
		i++;
	if (i == 0 || i == in->n || (in->buf[i] != 'M' && in->buf[i] != 'm'))
		return false;
	*len = i + 1;
	return true;
}

static seq_result decode(const input *in, long now_ms, input_event *ev,
			 size_t *len)
{
	if (report_tail(in, now_ms, len))
		return SEQ_DROP;
	bool expired = now_ms >= input_deadline(in);
	seq_result r = answer(in, now_ms, ev, len);
	if (r == SEQ_PARTIAL && expired) {
		*len = in->n;  /* a report cut short */
		return SEQ_DROP;
	}
	if (r != SEQ_NONE)
		return r;
	bool longer = false;
	long k = key_match(in, &longer);
	if (longer && !expired)
		return SEQ_PARTIAL;
	if (k >= 0) {
		*ev = (input_event){INPUT_KEY, 0, in->keys[k].code, 0, 0, false};
		*len = in->keys[k].len;
		return SEQ_EVENT;
	}
	if (in->buf[0] == ESC)
		return escape(in, expired, ev, len);
	return character(in, expired, ev, len);
}

static void consume(input *in, size_t len)
{
	assert(len > 0 && len <= in->n);
	memmove(in->buf, in->buf + len, in->n - len);
	in->n -= len;
	in->consumed += len;
}

/* What an answer settles: the questions it answers are no longer
 * awaited (the device attributes, asked last, answer them all). */
static void settle(input *in, const input_event *ev)
{
	if (ev->kind == INPUT_CURSOR && in->awaited_cursor)
		in->awaited_cursor--;
	if (ev->kind == INPUT_ATTRIBUTES)
		in->awaited_cursor = in->awaited_attrs = 0;
}

/* One step over the buffer: true with an event, or after dropping bytes
 * (*ev untouched and *got false); false when what is left waits. */
static bool step(input *in, long now_ms, input_event *ev, bool *got)
{
	*got = false;
	if (in->n == 0)
		return false;
	size_t len = 0;
	input_event e;
	seq_result r = decode(in, now_ms, &e, &len);
	if (r == SEQ_PARTIAL)
		return false;
	/* a control sequence cut short: its rest may follow, late */
	bool cut = r == SEQ_DROP && len == in->n && in->n >= 2 &&
		   in->buf[0] == ESC && in->buf[1] == '[' &&
		   !(in->buf[len - 1] >= 0x40 && in->buf[len - 1] <= 0x7e);
	consume(in, len);
	if (cut)
		in->cut_ms = now_ms ? now_ms : 1;
	if (r == SEQ_EVENT) {
		settle(in, &e);
		*ev = e;
		*got = true;
	}
	return true;
}

/* Reads what fd has without waiting. False when the terminal is gone. */
static bool input_read(input *in, long now_ms)
{
	if (in->hangup)
		return false;
	struct pollfd p = {in->fd, POLLIN, 0};
	if (poll(&p, 1, 0) <= 0 || in->n == sizeof(in->buf))
		return true;
	ssize_t got = read(in->fd, in->buf + in->n, sizeof(in->buf) - in->n);
	if (got > 0) {
		in->n += (size_t)got;
		in->last_ms = now_ms;
		return true;
	}
	if (got < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	in->hangup = true;  /* end of file, or EIO: the terminal closed */
	return false;
}

bool input_next(input *in, long now_ms, input_event *ev)
{
	bool got = false, read_once = false;
	for (;;) {
		if (step(in, now_ms, ev, &got)) {
			if (got)
				return true;
			continue;
		}
		if (read_once || in->n == sizeof(in->buf))
			return false;
		read_once = true;
		size_t before = in->n;
		if (!input_read(in, now_ms) || in->n == before)
			return false;
	}
}

bool input_ready(input *in, long now_ms)
{
	size_t len = 0;
	input_event e;
	if (in->n && decode(in, now_ms, &e, &len) != SEQ_PARTIAL)
		return true;
	struct pollfd p = {in->fd, POLLIN, 0};
	return poll(&p, 1, 0) > 0;
}

/* Whether the buffer could be the start of an answer: ESC, ESC [, then
 * only parameter bytes. */
static bool answer_begun(const input *in)
{
	if (in->buf[0] != ESC || (in->n > 1 && in->buf[1] != '['))
		return false;
	for (size_t i = 2; i < in->n; i++)
		if (in->buf[i] < 0x30 || in->buf[i] > 0x3f)
			return false;
	return true;
}

/* Whether the buffer is the start of a mouse report, which a terminal
 * sends, over a slow link in pieces, whether or not the browser asked
 * (another program may have left it in mouse mode): ESC [ < and
 * parameter bytes (SGR), or ESC [ M and fewer than its three bytes. */
static bool report_begun(const input *in)
{
	if (in->n < 3 || in->buf[0] != ESC || in->buf[1] != '[')
		return false;
	if (in->buf[2] == 'M')
		return in->n < 6;
	return in->buf[2] == '<' && answer_begun(in);
}

long input_deadline(const input *in)
{
	if (in->n == 0)
		return -1;
	if ((answer_begun(in) && input_awaiting(in, in->last_ms)) ||
	    report_begun(in))
		return in->last_ms + INPUT_ANSWER_MS;
	if (in->buf[0] >= 0x80)
		return in->last_ms + INPUT_CHAR_MS;
	return in->last_ms + INPUT_ESC_MS;
}


bool input_wait(const input *in, long now_ms, int max_ms)
{
	long deadline = input_deadline(in);
	long wait = max_ms;
	if (deadline >= 0)
		wait = deadline <= now_ms ? 0
		       : deadline - now_ms < wait ? deadline - now_ms : wait;
	struct pollfd p = {in->fd, POLLIN, 0};
	return poll(&p, 1, (int)wait) >= 0 || errno != EINTR;
}

bool input_empty(const input *in)
{
	return in->n == 0;
}

long input_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
