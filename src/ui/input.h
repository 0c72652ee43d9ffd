/* input.h: the one reader of what the terminal sends the browser: keys,
 * and the answers to the questions yeonpyo asks it (the cursor position,
 * the device attributes), recognized whenever they arrive, late, split over
 * several reads, twice, or between typed keys. Answers and reports are
 * never keys: the parts of the browser that take keys see only keys. */
#ifndef YEONPYO_INPUT_H
#define YEONPYO_INPUT_H

#include <stdbool.h>
#include <stddef.h>

/* How long the rest of a sequence may take. A lone Esc is a key after
 * INPUT_ESC_MS; a sequence the reader expects from the terminal (an
 * answer it waits for, the rest of a character) gets longer. */
#define INPUT_ESC_MS 25
#define INPUT_CHAR_MS 100
#define INPUT_ANSWER_MS 500
/* How long a question stays awaited: while it is, an answer that could
 * also be a key (xterm's Shift-F3 and the cursor report at row 1) is taken
 * as the answer, and a partial answer is waited for INPUT_ANSWER_MS. */
#define INPUT_AWAIT_MS 5000

#define INPUT_BUF 4096
#define INPUT_SEQ_MAX 64  /* longer is no sequence of a key or an answer */

typedef enum {
	INPUT_CHAR,       /* a character: ch (a control or Esc too) */
	INPUT_KEY,        /* a key that is no character: code (an fkey) */
	INPUT_CURSOR,     /* the cursor position report: row, col from 1 */
	INPUT_ATTRIBUTES, /* the primary device attributes answer */
	INPUT_MOUSE,      /* a mouse report: code the button, row and col
			   * from 1, pressed false for a release */
} input_kind;

/* The buttons of a mouse report, as xterm numbers them (wheel included);
 * the modifier bits are taken off. */
enum {
	INPUT_BUTTON_LEFT = 0,
	INPUT_BUTTON_MIDDLE = 1,
	INPUT_BUTTON_RIGHT = 2,
	INPUT_BUTTON_RELEASE = 3,  /* X10's release, of whichever button */
	INPUT_WHEEL_UP = 64,
	INPUT_WHEEL_DOWN = 65,
};

typedef struct {
	input_kind kind;
	unsigned long ch;
	int code;
	int row, col;
	bool pressed;
} input_event;

typedef struct {
	char *seq;        /* owned */
	size_t len;
	int code;
} input_key;

typedef struct {
	int fd;                  /* read when input_next needs more */
	unsigned char buf[INPUT_BUF];  /* read, not yet consumed */
	size_t n;
	long last_ms;            /* when bytes last arrived */
	input_key *keys;         /* the terminal's keys, longest first */
	size_t n_keys, cap_keys;
	unsigned awaited_cursor; /* cursor reports asked for, not answered */
	unsigned awaited_attrs;
	long await_until;
	unsigned long long consumed;  /* bytes turned into events or dropped */
	bool hangup;             /* the terminal is gone (end of file) */
	bool mouse;              /* mouse reports are events, not dropped */
	long cut_ms;             /* when a sequence was last cut short */
} input;

/* A reader of fd with no keys yet; input_free frees what it holds. */
void input_init(input *in, int fd);
void input_free(input *in);

/* Adds a key: the bytes the terminal sends for it and its fkey.
 * A sequence already known keeps its first code. False when memory ran
 * out. */
bool input_add_key(input *in, const char *seq, int code);
/* Forgets the keys added from the from-th on (0: all). */
void input_drop_keys(input *in, size_t from);
/* Adds the sequences terminals send for the cursor and editing keys in
 * either keypad mode (ESC [ A and ESC O A, ESC [ 5 ~, ...) where the
 * terminal's own description did not name them. */
bool input_add_common_keys(input *in);

/* A question was sent: its answer (INPUT_CURSOR or INPUT_ATTRIBUTES) is
 * awaited from now_ms. The device attributes answer, asked for last, ends
 * the wait for every question asked before it. */
void input_expect(input *in, input_kind answer, long now_ms);

/* Whether an answer is awaited at now_ms (for at most INPUT_AWAIT_MS
 * after the question). */
bool input_awaiting(const input *in, long now_ms);

/* Bytes as read from the terminal at now_ms; false when they do not fit
 * (read less). */
bool input_feed(input *in, const void *bytes, size_t n, long now_ms);


/* The next complete event at now_ms, reading fd first when the buffer
 * holds none; false when none is complete yet. Bytes that are neither a
 * key nor an answer (a stray mouse report, an unknown sequence, invalid
 * text, a sequence cut short) are dropped and counted as consumed. */
bool input_next(input *in, long now_ms, input_event *ev);

/* Whether an event is complete now, or fd has bytes: what a long task
 * asks to know whether to give way. */
bool input_ready(input *in, long now_ms);

/* When what is buffered stops waiting for the rest of it (an absolute
 * time in ms), or -1 when nothing waits. */
long input_deadline(const input *in);

/* Waits at most max_ms for fd to be readable or the deadline; false when
 * a signal ended the wait. */
bool input_wait(const input *in, long now_ms, int max_ms);

/* Whether nothing is buffered. */
bool input_empty(const input *in);

/* The monotonic clock the reader's times are on, in ms. */
long input_now(void);

#endif
