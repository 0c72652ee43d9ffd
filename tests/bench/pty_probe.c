/* pty_probe.c: runs a full-screen program in a pseudo-terminal and measures
 * what a person at the keyboard gets: time to the first settled screen, and
 * for each key, the time until the output settles and the bytes written.
 * The same method serves yeonpyo and the reference (less), so figures stand
 * side by side.
 *
 * usage: pty_probe ROWS COLS KEYS -- COMMAND [ARGS]
 * KEYS: comma-separated NAME*COUNT (j, k, PgDn, PgUp, G, g, ], [,
 * "/text" for a search typed a character at a time and entered, or "=text"
 * for the same search pasted with its Enter in one write); "G|g" types G
 * and g in turn, so that each press moves.
 * Output lines: "start MS BYTES", "key NAME P50_MS P99_MS BYTES_P50" for
 * each key, and "rss KB", the program's peak resident memory. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* yeonpyo says when it is idle when YEONPYO_TEST_IDLE is set (ESC ]
 * 7777;idle;FRAMES;CONSUMED;ROWS;COLS BEL); other programs are settled
 * once they have been quiet this long. */
#define IDLE_MARK "\033]7777;idle;"
#define QUIET_MS 60
#define MAX_SAMPLES 1000

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

typedef struct {
	int fd;
	bool marks;        /* the program writes idle marks */
	int quiet_ms;      /* otherwise: settled after this much quiet */
	char tail[64];     /* the end of the last read, for a split mark */
	unsigned long sent;      /* bytes written to the program */
	unsigned long consumed;  /* what its last idle mark said */
} probe;

typedef struct {
	double ms;         /* from the start to the last byte of the answer */
	size_t bytes;      /* written, idle marks excluded */
} answer;

static void send(probe *p, const char *bytes, size_t n)
{
	if (write(p->fd, bytes, n) == (ssize_t)n)
		p->sent += n;
	else
		perror("pty_probe: write");
}

/* Answers the terminal queries yeonpyo's --ambiwidth auto sends, as a
 * terminal with narrow ambiguous characters and lines would (its probes
 * are at the start of the second row). */
static void answer_queries(probe *p, const char *buf)
{
	for (const char *q = buf; (q = strstr(q, "\033[6n")) != NULL; q += 4)
		send(p, "\033[2;2R", 6);
	if (strstr(buf, "\033[c"))
		send(p, "\033[?62c", 6);
}

/* The marks in buf (len bytes): the bytes they take, and in p->consumed
 * what the last one said; *found when buf holds a whole one. */
static size_t read_marks(probe *p, const char *buf, size_t len, bool *found)
{
	size_t taken = 0;
	*found = false;
	for (const char *m = buf; (m = strstr(m, IDLE_MARK)) != NULL;) {
		const char *end = memchr(m, '\007', len - (size_t)(m - buf));
		if (!end)
			break;
		unsigned long frames = 0, consumed = 0;
		if (sscanf(m + strlen(IDLE_MARK), "%lu;%lu", &frames,
			   &consumed) == 2)
			p->consumed = consumed;
		taken += (size_t)(end - m) + 1;
		*found = true;
		m = end + 1;
	}
	return taken;
}

/* Reads until the program settles: an idle mark after it consumed what
 * was sent (keys and answers), or QUIET_MS without output (then the time
 * of the last byte counts). */
static answer settle(probe *p, double start)
{
	answer a = {0, 0};
	double last = start;
	char buf[65536 + 16];
	for (;;) {
		struct pollfd pf = {p->fd, POLLIN, 0};
		int r = poll(&pf, 1, p->marks ? 10000 : p->quiet_ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		size_t keep = strlen(p->tail);
		memcpy(buf, p->tail, keep);
		ssize_t got = read(p->fd, buf + keep, sizeof(buf) - keep - 1);
		if (got <= 0)
			break;
		last = now_ms();
		a.bytes += (size_t)got;
		buf[keep + (size_t)got] = '\0';
		answer_queries(p, buf + keep);
		size_t total = keep + (size_t)got;
		bool found = false;
		if (p->marks)
			a.bytes -= read_marks(p, buf, total, &found);
		/* a mark the read cut is read whole with the next */
		p->tail[0] = '\0';
		const char *osc = NULL;
		for (const char *m = buf; (m = memchr(m, '\033', total -
						      (size_t)(m - buf)));
		     m++)
			osc = m;
		size_t t = osc ? total - (size_t)(osc - buf) : 0;
		if (osc && t < sizeof(p->tail) && (t == 1 || osc[1] == ']') &&
		    !memchr(osc, '\007', t)) {
			memcpy(p->tail, osc, t);
			p->tail[t] = '\0';
		}
		if (found && p->consumed >= p->sent)
			break;
	}
	a.ms = last - start;
	return a;
}

static const char *key_bytes(const char *name)
{
	static const struct {
		const char *name, *bytes;
	} keys[] = {
		{"PgDn", "\033[6~"}, {"PgUp", "\033[5~"}, {"Down", "\033OB"},
		{"Up", "\033OA"}, {"Space", " "},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(name, keys[i].name) == 0)
			return keys[i].bytes;
	return name;
}

static size_t utf8_len(const char *s)
{
	size_t n = 1;
	while ((s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* Types one key NAME COUNT times, printing the median and 99th
 * percentile latency and the median bytes. */
static void run_key(probe *p, const char *name, int count)
{
	static double ms[MAX_SAMPLES];
	static size_t bytes[MAX_SAMPLES];
	char text[2][256];
	char first[128];
	snprintf(first, sizeof(first), "%s", name);
	char *bar = strchr(first, '|');
	if (bar && bar[1])
		*bar = '\0';
	const char *names[2] = {first, bar && bar[1] ? bar + 1 : first};
	const bool typed[2] = {names[0][0] == '/', names[1][0] == '/'};
	for (int i = 0; i < 2; i++) {
		if (names[i][0] == '/' && names[i][1])
			snprintf(text[i], sizeof(text[i]), "%s\r", names[i]);
		else if (names[i][0] == '=' && names[i][1])
			snprintf(text[i], sizeof(text[i]), "/%s\r", names[i] + 1);
		else
			snprintf(text[i], sizeof(text[i]), "%s",
				 key_bytes(names[i]));
	}
	if (count > MAX_SAMPLES)
		count = MAX_SAMPLES;
	for (int i = 0; i < count; i++) {
		const char *key = text[i % 2];
		bool one_by_one = typed[i % 2];
		ms[i] = 0;
		bytes[i] = 0;
		/* a search is typed a character at a time, as a person would,
		 * each waited for: yeonpyo searches as you type */
		size_t len = strlen(key);
		for (size_t at = 0; at < len;) {
			size_t n = one_by_one ? utf8_len(key + at) : len;
			double t0 = now_ms();
			send(p, key + at, n);
			answer a = settle(p, t0);
			if (getenv("PTY_PROBE_STEPS"))
				fprintf(stderr, "%.*s %.3f\n", (int)n, key + at,
					a.ms);
			ms[i] += a.ms;
			bytes[i] += a.bytes;
			at += n;
		}
	}
	qsort(ms, (size_t)count, sizeof(ms[0]), cmp_double);
	qsort(bytes, (size_t)count, sizeof(bytes[0]), cmp_size);
	size_t p99 = (size_t)((count - 1) * 99 / 100);
	printf("key %s %.3f %.3f %zu\n", name, ms[count / 2], ms[p99],
	       bytes[count / 2]);
}

int main(int argc, char **argv)
{
	if (argc < 6 || strcmp(argv[4], "--") != 0) {
		fprintf(stderr, "usage: pty_probe ROWS COLS KEYS -- COMMAND "
			"[ARGS]\n");
		return 64;
	}
	struct winsize ws = {(unsigned short)atoi(argv[1]),
			     (unsigned short)atoi(argv[2]), 0, 0};
	probe p = {.marks = getenv("YEONPYO_TEST_IDLE") != NULL,
		   .quiet_ms = QUIET_MS};
	/* a program that searches in silence (less) needs a longer wait to
	 * tell a slow answer from none: PTY_PROBE_QUIET_MS */
	if (getenv("PTY_PROBE_QUIET_MS"))
		p.quiet_ms = atoi(getenv("PTY_PROBE_QUIET_MS"));
	double t0 = now_ms();
	pid_t pid = forkpty(&p.fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("pty_probe: forkpty");
		return 71;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[5], argv + 5);
		perror("pty_probe: exec");
		_exit(127);
	}
	answer start = settle(&p, t0);
	printf("start %.3f %zu\n", start.ms, start.bytes);
	char *keys = strdup(argv[3]);
	for (char *save = NULL, *k = strtok_r(keys, ",", &save); k;
	     k = strtok_r(NULL, ",", &save)) {
		char *star = strrchr(k, '*');
		int count = 1;
		if (star) {
			*star = '\0';
			count = atoi(star + 1);
		}
		run_key(&p, k, count);
	}
	free(keys);
	if (write(p.fd, "q", 1) < 0)
		perror("pty_probe: write");
	struct pollfd pf = {p.fd, POLLIN, 0};
	char buf[4096];
	while (poll(&pf, 1, 2000) > 0 && read(p.fd, buf, sizeof(buf)) > 0)
		;
	kill(pid, SIGTERM);
	int status = 0;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) == pid)
		printf("rss %ld\n", ru.ru_maxrss);
	fflush(stdout);
	return 0;
}
