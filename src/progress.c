/* progress.c: the progress line of long imports; one line rewritten in
 * place with a carriage return, as curl and rsync do. */
#include "yeonpyo/progress.h"

#include <time.h>

#define QUIET_SECONDS 1.0
#define EVERY_SECONDS 0.1

void progress_start(progress *p, FILE *out, double now)
{
	p->out = out;
	p->start = now;
	p->last = now;
	p->shown = false;
}

static void format_eta(double seconds, char *buf, size_t size)
{
	long s = seconds > 0 ? (long)(seconds + 0.5) : 0;
	if (s >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
			 s % 60);
	else
		snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

void progress_update(progress *p, const char *what, size_t done,
		     size_t total, long records, double now)
{
	double elapsed = now - p->start;
	if (!p->out || elapsed < QUIET_SECONDS ||
	    (p->shown && now - p->last < EVERY_SECONDS))
		return;
	double rate = (double)records / elapsed;
	/* \033[K: a shorter line must not leave the end of a longer one */
	if (!total) {  /* a pipe: no size, so no share and no estimate */
		fprintf(p->out, "\r%s: %ld records  %.0f/s\033[K", what,
			records, rate);
	} else {
		double ratio = (double)done / (double)total;
		if (ratio > 1.0)
			ratio = 1.0;
		char eta[32] = "?";
		if (ratio > 0.0)
			format_eta(elapsed / ratio - elapsed, eta, sizeof(eta));
		fprintf(p->out, "\r%s: %3d%%  %ld records  %.0f/s  ETA %s\033[K",
			what, (int)(ratio * 100.0), records, rate, eta);
	}
	fflush(p->out);
	p->last = now;
	p->shown = true;
}

void progress_stage(progress *p, const char *what, double now)
{
	if (!p->out || now - p->start < QUIET_SECONDS)
		return;
	fprintf(p->out, "\r%s\xe2\x80\xa6\033[K", what);
	fflush(p->out);
	p->last = now;
	p->shown = true;
}

void progress_end(progress *p)
{
	if (p->out && p->shown) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
	}
	p->shown = false;
}

double progress_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
