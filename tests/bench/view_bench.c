/* view_bench.c: in-process costs of the browser's work on a database,
 * without the terminal: each timeline move (j, PgDn, G/g, ]) and a search's
 * first results, and a tag's and an organization's, as p50 and p99 in
 * milliseconds over many repetitions.
 *
 * usage: view_bench DB [FAR_QUERY]  -> lines "inproc NAME P50_MS P99_MS"
 * (FAR_QUERY, when given, is measured as "search-far") */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yeonpyo/search.h"
#include "yeonpyo/store.h"
#include "yeonpyo/strbuf.h"
#include "ui/timeline_pane.h"

#define HEIGHT 37   /* the timeline pane of a 120x40 terminal */
#define MAX_RUNS 2000

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *name, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
	printf("inproc %s %.4f %.4f\n", name, ms[n / 2], ms[(n - 1) * 99 / 100]);
}

typedef enum { MOVE_J, MOVE_PGDN, MOVE_ENDS, MOVE_YEAR } move_kind;

static void bench_move(timeline_pane *tv, const char *name, move_kind m, int n)
{
	static double ms[MAX_RUNS];
	timeline_first(tv, HEIGHT);
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();
		switch (m) {
		case MOVE_J:
			timeline_move(tv, 1, HEIGHT);
			break;
		case MOVE_PGDN:
			timeline_page(tv, HEIGHT, HEIGHT);
			break;
		case MOVE_ENDS:
			if (i % 2)
				timeline_first(tv, HEIGHT);
			else
				timeline_last(tv, HEIGHT);
			break;
		case MOVE_YEAR:
			timeline_next_year(tv, HEIGHT);
			break;
		}
		ms[i] = now_ms() - t0;
	}
	report(name, ms, n);
}

static void load(timeline_pane *tv, store *s, const event_filter *f)
{
	yp_error err = {0};
	if (timeline_load(tv, s, f, &err) != YP_OK) {
		fprintf(stderr, "view_bench: %s\n", err.message);
		exit(1);
	}
}

/* A search as the browser runs it: the query, then the narrowed timeline
 * (its count and first window); with query NULL, the filter f alone (a
 * tag or an organization chosen in a picker). Another filter is loaded,
 * untimed, before each, so that none finds the last one's result at
 * hand. */
static void bench_filter(store *s, const char *name, const char *query,
			 const event_filter *f)
{
	static double ms[MAX_RUNS];
	int n = 20;
	for (int i = 0; i < n; i++) {
		timeline_pane tv;
		event_filter other = {.tag = "no-such-tag"};
		load(&tv, s, &other);
		timeline_free(&tv);
		double t0 = now_ms();
		strbuf match = STRBUF_INIT;
		event_filter q = {0};
		if (query) {
			search_build_query(query, &match);
			q.match = strbuf_str(&match);
		}
		load(&tv, s, query ? &q : f);
		timeline_free(&tv);
		strbuf_free(&match);
		ms[i] = now_ms() - t0;
	}
	report(name, ms, n);
}

static void bench_search(store *s, const char *name, const char *query)
{
	bench_filter(s, name, query, NULL);
}

int main(int argc, char **argv)
{
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: view_bench DB [FAR_QUERY]\n");
		return 64;
	}
	yp_error err = {0};
	store *s = store_open(argv[1], &err);
	if (!s) {
		fprintf(stderr, "view_bench: %s\n", err.message);
		return 1;
	}
	timeline_pane tv;
	if (timeline_load(&tv, s, NULL, &err) != YP_OK) {
		fprintf(stderr, "view_bench: %s\n", err.message);
		return 1;
	}
	bench_move(&tv, "j", MOVE_J, MAX_RUNS);
	bench_move(&tv, "PgDn", MOVE_PGDN, 500);
	bench_move(&tv, "G|g", MOVE_ENDS, 100);
	bench_move(&tv, "]", MOVE_YEAR, 40);
	timeline_free(&tv);
	bench_search(s, "search-ko", "동맹");
	bench_search(s, "search-en", "tele");
	bench_search(s, "search-en2", "te");
	bench_search(s, "search-cho", "ㅌㄹ");
	if (argc == 3)
		bench_search(s, "search-far", argv[2]);
	/* build/gen's: six tags on a sixth of the events each, 500
	 * organizations */
	bench_filter(s, "filter-tag", NULL, &(event_filter){.tag = "research"});
	bench_filter(s, "filter-org", NULL, &(event_filter){.org = "org-3"});
	store_close(s);
	return 0;
}
