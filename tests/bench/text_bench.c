/* text_bench.c: throughput of the text module's width and wrap on 10 MB
 * of mixed Korean and English, printed beside references measured in the
 * same run on the same bytes: glibc's mbstowcs + wcswidth for widths, and
 * coreutils' fold -s for wrapping. Each figure is the median of 3 runs. */
#define _GNU_SOURCE
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "yeonpyo/text.h"

#define TARGET_BYTES (10u << 20)
#define LINE_BYTES 120
#define WRAP_COLS 60
#define RUNS 3

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Deterministic text: Korean words of 1-4 syllables, English words,
 * digits, punctuation and the odd symbol, in lines of about 120 bytes. */
static char *make_text(size_t *len)
{
	static const char *const latin[] = {"alliance", "AI", "SKT", "KAIST",
					    "2025", "model", "(MIT)", "—"};
	char *buf = malloc(TARGET_BYTES + 256);
	size_t n = 0, line = 0;
	unsigned seed = 12345;
	while (n < TARGET_BYTES) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 16;
		char word[64];
		size_t w = 0;
		if (r % 3) {
			for (unsigned k = 0; k < 1 + r % 4; k++) {
				unsigned cp = 0xAC00 + (r * 7 + k * 131) % 11172;
				word[w++] = (char)(0xE0 | (cp >> 12));
				word[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				word[w++] = (char)(0x80 | (cp & 0x3F));
			}
		} else {
			w = (size_t)snprintf(word, sizeof(word), "%s",
					     latin[r % 8]);
		}
		memcpy(buf + n, word, w);
		n += w;
		line += w;
		buf[n++] = line > LINE_BYTES ? '\n' : ' ';
		if (line > LINE_BYTES)
			line = 0;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

typedef double (*bench_fn)(char *text, size_t len);

static double median(bench_fn fn, char *text, size_t len)
{
	double t[RUNS];
	for (int i = 0; i < RUNS; i++)
		t[i] = fn(text, len);
	for (int i = 0; i < RUNS; i++)
		for (int j = i + 1; j < RUNS; j++)
			if (t[j] < t[i]) {
				double x = t[i];
				t[i] = t[j];
				t[j] = x;
			}
	return t[RUNS / 2];
}

/* Calls fn on each line of text (temporarily NUL-terminated). */
static void each_line(char *text, void (*fn)(const char *, size_t))
{
	for (char *p = text; *p;) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char keep = p[n];
		p[n] = '\0';
		fn(p, n);
		p[n] = keep;
		p += n + (keep ? 1 : 0);
	}
}

static volatile long sink;

static void yp_width(const char *s, size_t n)
{
	sink += text_width_n(s, n);
}

static void libc_width(const char *s, size_t n)
{
	wchar_t w[LINE_BYTES * 2];
	size_t k = mbstowcs(w, s, sizeof(w) / sizeof(w[0]));
	(void)n;
	if (k != (size_t)-1)
		sink += wcswidth(w, k);
}

static bool count_line(const char *line, size_t len, void *ctx)
{
	(void)line;
	(void)len;
	(*(long *)ctx)++;
	return true;
}

static void yp_wrap(const char *s, size_t n)
{
	long lines = 0;
	(void)n;
	text_wrap(s, WRAP_COLS, 0, count_line, &lines);
	sink += lines;
}

static double run_width(char *t, size_t len)
{
	(void)len;
	double a = now();
	each_line(t, yp_width);
	return now() - a;
}

static double run_libc_width(char *t, size_t len)
{
	(void)len;
	double a = now();
	each_line(t, libc_width);
	return now() - a;
}

static double run_wrap(char *t, size_t len)
{
	(void)len;
	double a = now();
	each_line(t, yp_wrap);
	return now() - a;
}

static char tmpfile_path[64];

static double run_fold(char *t, size_t len)
{
	(void)t;
	(void)len;
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "fold -s -w %d %s > /dev/null", WRAP_COLS,
		 tmpfile_path);
	double a = now();
	if (system(cmd) != 0)
		return -1;
	return now() - a;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	size_t len = 0;
	char *text = make_text(&len);
	snprintf(tmpfile_path, sizeof(tmpfile_path), "/tmp/yp-bench-%d.txt",
		 (int)getpid());
	FILE *f = fopen(tmpfile_path, "w");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
		return 1;
	double mb = (double)len / (1 << 20);
	struct utsname u;
	uname(&u);
	printf("text module, %.1f MB of mixed Korean/English text, median of %d"
	       " runs (%s %s, %ld cores)\n", mb, RUNS, u.sysname, u.machine,
	       sysconf(_SC_NPROCESSORS_ONLN));
	printf("%-26s %14s   %s\n", "", "yeonpyo", "reference");
	printf("%-26s %9.1f MB/s   %6.1f MB/s  glibc mbstowcs+wcswidth\n",
	       "width of each line", mb / median(run_width, text, len),
	       mb / median(run_libc_width, text, len));
	double fold = median(run_fold, text, len);
	printf("%-26s %9.1f MB/s   %6.1f MB/s  fold -s -w%d (bytes, not "
	       "columns)\n", "wrap to 60 columns", mb / median(run_wrap, text, len),
	       fold > 0 ? mb / fold : 0.0, WRAP_COLS);
	unlink(tmpfile_path);
	free(text);
	return sink == -1;
}
