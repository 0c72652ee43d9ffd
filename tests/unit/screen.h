/* screen.h: screen tests: the real yeonpyo in a pseudo-terminal, its
 * output read into a libvterm screen whose cells the tests inspect, and
 * kept as raw bytes for what cells cannot tell. The program says each time
 * it is idle (YEONPYO_TEST_IDLE) with the frames it has drawn, the bytes
 * of input it has consumed and its size, so a test waits for the idle
 * that follows what it sent, never on a sleep. The test's terminal can
 * answer the program's questions late, split or never, like real ones. */
#ifndef YEONPYO_TEST_SCREEN_H
#define YEONPYO_TEST_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct screen screen;

/* How the test's terminal behaves. All zero: it answers at once, draws
 * ambiguous characters narrow, and nothing is typed ahead. */
typedef struct {
	int answer_ms;   /* each answer (cursor report, attributes) this late */
	bool split;      /* each answer in two writes, SCREEN_SPLIT_MS apart */
	bool silent;     /* no answer at all */
	bool held;       /* no answer until screen_release (then answer_ms
			  * later): as late as the test needs, whatever the
			  * machine's load */
	bool wide;       /* East Asian Ambiguous characters two columns wide
			  * (in its cursor reports: libvterm draws them narrow),
			  * VT100 line drawing too, as xterm -cjk_width does */
	bool lines_narrow;  /* wide, but VT100 line drawing one column */
	const char *typed_ahead;  /* typed as soon as the program starts */
	const char *charset;      /* the program's output charset (luit), or
				   * NULL for UTF-8 */
} screen_terminal;
#define SCREEN_SPLIT_MS 150

/* Starts ./yeonpyo with args (NULL-terminated) in a rows x cols terminal,
 * TERM=xterm-256color and LANG=C.UTF-8, HOME=home, plus env ("K=V",
 * NULL-terminated, overriding); returns once the program is first idle
 * having consumed the answers sent so far. */
screen *screen_start(const char *home, int rows, int cols,
		     const char *const *env, const char *const *args);

/* screen_start on a terminal t. */
screen *screen_start_on(const screen_terminal *t, const char *home, int rows,
			int cols, const char *const *env,
			const char *const *args);

/* screen_start for a program whose output is in charset (e.g. "EUC-KR"),
 * converted to UTF-8 for the screen as luit would. */
screen *screen_start_in(const char *home, int rows, int cols,
			const char *charset, const char *const *env,
			const char *const *args);

/* Types bytes (a key, e.g. "j" or "\033[B", or a burst of them) and waits
 * until the program is idle having consumed them and every answer sent
 * before them, or has exited. */
void screen_key(screen *s, const char *key);

/* Waits until every answer the terminal owes has been sent and consumed. */
void screen_answered(screen *s);
/* Lets a held terminal give the answers it owes (and those to come). */
void screen_release(screen *s);

/* Resizes the terminal and waits until the program is idle at the new
 * size. */
void screen_resize(screen *s, int rows, int cols);

/* Sends a signal to the program and waits for it to exit. */
void screen_signal(screen *s, int sig);

/* The text of a row: each cell once (a wide character's second cell is
 * skipped), trailing blanks removed. The caller frees it. */
char *screen_row(screen *s, int row);

/* The first row whose text (as screen_row gives it) contains want, or
 * -1. */
int screen_find_row(screen *s, const char *want);

/* Waits, without typing anything, until a frame of the program shows
 * want (what it draws of its own accord, such as what another process
 * changed), and returns its row; fails when the program says nothing for
 * a while or does not show it within FOLLOW_WAIT_MS; -1 when it exited. */
#define FOLLOW_WAIT_MS 30000
int screen_wait_for(screen *s, const char *want);

/* The character and width of the cell at (row, col); 0 for the second
 * cell of a wide character. */
uint32_t screen_char(screen *s, int row, int col, int *width);
/* The hyperlinks the program opened (OSC 8), with the cell the cursor was
 * on, newest last; at most SCREEN_LINKS_MAX, the oldest dropped. */
#define SCREEN_LINKS_MAX 64
typedef struct {
	int row, col;
	char url[256];
} screen_link;
const screen_link *screen_links(const screen *s, size_t *n);

/* The data of the last OSC 52 clipboard sequence (base64), or "". */
const char *screen_clipboard(const screen *s);

/* Shown as a bar: reverse video, or a background colour (the selection
 * in colour, which lets the terminal clear the rest of its row). */
bool screen_highlit(screen *s, int row, int col);
/* The palette index of a cell's background, or -1 for the default. */
int screen_bg(screen *s, int row, int col);
bool screen_underline(screen *s, int row, int col);
/* Whether the cell's foreground is a colour rather than the default. */
bool screen_colored(screen *s, int row, int col);

/* Whether the program is on the alternate screen (curses is active). */
bool screen_altscreen(const screen *s);

/* Bytes the program has written to the terminal, not counting the test's
 * idle marks. */
size_t screen_bytes(const screen *s);
/* Everything the program has written, marks included, as it came. */
const char *screen_output(const screen *s, size_t *len);
/* The first East Asian Ambiguous code point the program wrote at byte
 * from or later, other than allowed (0: none), whose occurrences are
 * counted in *n_allowed: its offset, with the code point in *cp, or -1. */
long screen_ambiguous_at(const screen *s, size_t from, uint32_t allowed,
			 int *n_allowed, uint32_t *cp);
/* Frames drawn, by the program's last idle mark. */
unsigned long screen_frames(const screen *s);

/* How many times the program set the window or icon title. */
unsigned screen_titles(const screen *s);

/* Waits for the program to exit; returns its status (128+signal when a
 * signal ended it). */
int screen_wait(screen *s);

/* Kills the program if it still runs, and frees everything. */
void screen_free(screen *s);

#endif
