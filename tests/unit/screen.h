/* screen.h: screen tests: the real yeonpyo in a pseudo-terminal, its
 * output read into a libvterm screen whose cells the tests inspect. The
 * program marks each finished frame (YEONPYO_TEST_IDLE), so a test waits
 * for that mark instead of sleeping. */
#ifndef YEONPYO_TEST_SCREEN_H
#define YEONPYO_TEST_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct screen screen;

/* Starts ./yeonpyo with args (NULL-terminated) in a rows x cols terminal,
 * TERM=xterm-256color and LANG=C.UTF-8, HOME=home, plus env ("K=V",
 * NULL-terminated, overriding); returns once the first frame is drawn. */
screen *screen_start(const char *home, int rows, int cols,
		     const char *const *env, const char *const *args);

/* screen_start for a program whose output is in charset (e.g. "EUC-KR"),
 * converted to UTF-8 for the screen as luit would. */
screen *screen_start_in(const char *home, int rows, int cols,
			const char *charset, const char *const *env,
			const char *const *args);

/* Types one key (its bytes, e.g. "j" or "\033[B") and waits for the frame
 * that follows, or for the program to exit. */
void screen_key(screen *s, const char *key);
/* Writes bytes as typed ahead, then reads what the program writes until it
 * has been quiet for quiet_ms, without waiting for a frame: for input that
 * may draw nothing (bytes curses drops, half a mouse report). */
void screen_type(screen *s, const char *bytes, int quiet_ms);
/* screen_resize, reading until quiet_ms of quiet rather than a frame. */
void screen_resize_quietly(screen *s, int rows, int cols, int quiet_ms);

/* Resizes the terminal and waits for the new frame. */
void screen_resize(screen *s, int rows, int cols);

/* Sends a signal to the program and waits for it to exit. */
void screen_signal(screen *s, int sig);

/* The text of a row: each cell once (a wide character's second cell is
 * skipped), trailing blanks removed. The caller frees it. */
char *screen_row(screen *s, int row);

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
 * frame marks. */
size_t screen_bytes(const screen *s);

/* How many times the program set the window or icon title. */
unsigned screen_titles(const screen *s);

/* Waits for the program to exit; returns its status (128+signal when a
 * signal ended it). */
int screen_wait(screen *s);

/* Kills the program if it still runs, and frees everything. */
void screen_free(screen *s);

#endif
