/* progress.h: the one-line progress report of a long import on a terminal:
 * how far, how fast, how long still; nothing for the first second, and
 * nothing at all when the output is not a terminal. */
#ifndef YEONPYO_PROGRESS_H
#define YEONPYO_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

typedef struct {
	FILE *out;            /* NULL: report nothing */
	double start;         /* seconds, on the clock the caller passes */
	double last;          /* when the line was last written */
	bool shown;           /* a line is on the terminal */
} progress;

/* Starts at time now (seconds, any monotonic origin), writing to out
 * (NULL for silence). */
void progress_start(progress *p, FILE *out, double now);

/* Reports done of total units (bytes or records: only the ratio is shown;
 * total 0 when unknown, as for a pipe) and records so far; writes at most ten times a second, and only after
 * the first second. */
void progress_update(progress *p, const char *what, size_t done,
		     size_t total, long records, double now);

/* Says a step without a measure of its own has begun ("indexing"), on
 * the same terms as progress_update: not in the first second. */
void progress_stage(progress *p, const char *what, double now);

/* Clears the line, if one was written, so the next message starts clean. */
void progress_end(progress *p);

/* Seconds on a monotonic clock. */
double progress_now(void);

#endif
