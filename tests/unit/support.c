/* support.c: test helpers; see support.h. */
#define _GNU_SOURCE
#include "support.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "yeonpyo/diag.h"
#include "yeonpyo/import.h"

char *support_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char buf[4096];
	snprintf(buf, sizeof(buf), "%s/yeonpyo-test-XXXXXX",
		 base && *base ? base : "/tmp");
	char *dir = mkdtemp(buf);
	assert_non_null(dir);
	return strdup(dir);
}

void support_rmtree(char *dir)
{
	if (!dir)
		return;
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: could not remove %s\n", dir);
	free(dir);
}

char *support_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

void support_write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	size_t n = strlen(data);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

char *support_config(const char *home, const char *text, char **file)
{
	char *base = support_path(home, "cfg");
	char *dir = support_path(base, "yeonpyo");
	assert_true(mkdir(base, 0700) == 0 || errno == EEXIST);
	assert_true(mkdir(dir, 0700) == 0 || errno == EEXIST);
	char *path = support_path(dir, "config");
	support_write_file(path, text);
	size_t n = strlen(base) + sizeof("XDG_CONFIG_HOME=");
	char *env = malloc(n);
	assert_non_null(env);
	snprintf(env, n, "XDG_CONFIG_HOME=%s", base);
	if (file)
		*file = path;
	else
		free(path);
	free(dir);
	free(base);
	return env;
}

char *support_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		if (n + 4096 + 1 > cap) {
			cap = (cap + 4096) * 2;
			char *p = realloc(buf, cap);
			assert_non_null(p);
			buf = p;
		}
		got = fread(buf + n, 1, 4096, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

typedef struct {
	char *data;
	size_t len, cap;
} capture;

static void capture_add(capture *c, const char *p, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		c->cap = (c->len + n + 1) * 2;
		char *d = realloc(c->data, c->cap);
		assert_non_null(d);
		c->data = d;
	}
	memcpy(c->data + c->len, p, n);
	c->len += n;
	c->data[c->len] = '\0';
}

void support_exec(const char *home, const char *const *extra,
		  const char *const *env, const char *const *args)
{
	char *envp[64];
	size_t n = 0;
	char homev[4200], xdg[4200];
	snprintf(homev, sizeof(homev), "HOME=%s", home);
	snprintf(xdg, sizeof(xdg), "XDG_DATA_HOME=%s/data", home);
	const char *defaults[] = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", homev,
				  xdg};
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		envp[n++] = (char *)defaults[i];
	/* then extra and env, each replacing a variable of the same name */
	const char *const *lists[] = {extra, env};
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; lists[l] && lists[l][i] && n < 62; i++) {
			const char *v = lists[l][i];
			size_t k = strcspn(v, "=");
			for (size_t j = 0; j < n; j++) {
				if (strncmp(envp[j], v, k + 1) == 0) {
					envp[j] = envp[--n];
					break;
				}
			}
			envp[n++] = (char *)v;
		}
	}
	envp[n] = NULL;
	const char *bin = getenv("YEONPYO_BIN");
	char *argv[64];
	size_t a = 0;
	argv[a++] = (char *)(bin && *bin ? bin : "./yeonpyo");
	for (size_t i = 0; args && args[i] && a < 63; i++)
		argv[a++] = (char *)args[i];
	argv[a] = NULL;
	execve(argv[0], argv, envp);
	_exit(127);
}

static void child_exec(const char *home, const char *const *env,
		       const char *const *args, int in, int out, int err)
{
	dup2(in, 0);
	dup2(out, 1);
	dup2(err, 2);
	support_exec(home, NULL, env, args);
}

static void pump(int in_fd, const char *input, int out_fd, int err_fd,
		 capture *out, capture *err)
{
	size_t in_left = input ? strlen(input) : 0;
	struct pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0},
				{in_left ? in_fd : -1, POLLOUT, 0}};
	if (!in_left)
		close(in_fd);
	int open_fds = 2;
	while (open_fds > 0) {
		if (poll(fds, 3, 30000) <= 0)
			fail_msg("yeonpyo did not finish within 30 s");
		char buf[8192];
		for (int i = 0; i < 2; i++) {
			if (!(fds[i].revents & (POLLIN | POLLHUP)))
				continue;
			ssize_t got = read(fds[i].fd, buf, sizeof(buf));
			if (got <= 0) {
				fds[i].fd = -1;
				open_fds--;
			} else {
				capture_add(i ? err : out, buf, (size_t)got);
			}
		}
		if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR))) {
			ssize_t put = write(in_fd, input, in_left);
			if (put > 0) {
				input += put;
				in_left -= (size_t)put;
			}
			if (put <= 0 || in_left == 0) {
				close(in_fd);
				fds[2].fd = -1;
			}
		}
	}
	if (fds[2].fd >= 0)
		close(in_fd);
}

support_result support_run(const char *home, const char *const *env,
			   const char *input, const char *const *args)
{
	int in[2], out[2], err[2];
	assert_int_equal(pipe2(in, O_CLOEXEC), 0);
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	assert_int_equal(pipe2(err, O_CLOEXEC), 0);
	signal(SIGPIPE, SIG_IGN);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child_exec(home, env, args, in[0], out[1], err[1]);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	capture o = {0}, e = {0};
	capture_add(&o, "", 0);
	capture_add(&e, "", 0);
	pump(in[1], input, out[0], err[0], &o, &e);
	close(out[0]);
	close(err[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	support_result r = {0, o.data, e.data};
	r.status = WIFEXITED(status) ? WEXITSTATUS(status)
				     : 128 + WTERMSIG(status);
	return r;
}

void support_result_free(support_result *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

size_t support_count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

void support_option_takes(strbuf *sb, opt_id id)
{
	const opt_spec *o = options_spec(id);
	if (o->kind == OPT_NUMBER) {
		strbuf_puts(sb, "a number of ");
		for (const char *p = o->arg[LANG_EN]; *p; p++)
			strbuf_putc(sb, (char)tolower((unsigned char)*p));
		strbuf_printf(sb, " from %ld to %ld", o->least, o->most);
		return;
	}
	assert_int_equal(o->kind, OPT_WORDS);
	int n = 0, total = 0;
	for (int v = 0; v < OPTV_COUNT; v++)
		total += options_word_owner((opt_value)v) == id;
	assert_true(total >= 2);
	for (int v = 0; v < OPTV_COUNT; v++) {
		if (options_word_owner((opt_value)v) != id)
			continue;
		if (n++)
			strbuf_puts(sb, n == total ? " or " : ", ");
		strbuf_puts(sb, options_word((opt_value)v));
	}
}

void support_load_db(const char *home, const char *db_arg, const char *json)
{
	support_result r = support_run(home, NULL, NULL, (const char *const[]){
		db_arg, "db", "init", "--empty", NULL});
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	char *doc = support_read_file(json, NULL);
	assert_non_null(doc);
	r = support_run(home, NULL, doc, (const char *const[]){
		db_arg, "import", "-", NULL});
	if (r.status != 0)
		fail_msg("importing %s: %s", json, r.err);
	support_result_free(&r);
	free(doc);
}

support_store *support_store_new(const char *name)
{
	support_store *t = calloc(1, sizeof(*t));
	assert_non_null(t);
	t->dir = support_tmpdir();
	char *db = support_path(t->dir, name);
	yp_error err = {0};
	t->s = store_open(db, &err);
	if (!t->s)
		fail_msg("%s", err.message);
	free(db);
	return t;
}

void support_store_free(support_store *t)
{
	if (!t)
		return;
	store_close(t->s);
	support_rmtree(t->dir);
	free(t);
}

int support_store_teardown(void **state)
{
	support_store_free(*state);
	return 0;
}

void support_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

support_db *support_db_new(const char *json)
{
	support_db *d = calloc(1, sizeof(*d));
	assert_non_null(d);
	d->home = support_tmpdir();
	snprintf(d->db_arg, sizeof(d->db_arg), "--db=%s/s.db", d->home);
	if (json) {
		support_load_db(d->home, d->db_arg, json);
		return d;
	}
	support_result r = support_run(d->home, NULL, NULL,
				       (const char *const[]){d->db_arg, "db",
							     "init", NULL});
	assert_int_equal(r.status, 0);
	support_result_free(&r);
	return d;
}

void support_db_free(support_db *d)
{
	if (!d)
		return;
	support_rmtree(d->home);
	free(d);
}

int support_db_teardown(void **state)
{
	support_db_free(*state);
	return 0;
}

yp_status support_import_text(store *s, const char *name, const char *text,
			      char **problems)
{
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	yp_error err = {0};
	assert_int_equal(store_begin(s, &err), YP_OK);
	yp_status rc = import_buffer(s, name, text, strlen(text), ORIGIN_USER,
				     &st, &d, &err);
	if (rc == YP_OK)
		assert_int_equal(store_commit(s, &err), YP_OK);
	else
		store_rollback(s);
	*problems = strdup(strbuf_str(&d.text));
	diag_free(&d);
	import_stats_clear(&st);
	return rc;
}

long support_import_file(store *s, const char *path)
{
	yp_error err = {0};
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	assert_int_equal(store_bulk_begin(s, &err), YP_OK);
	if (import_file(s, path, ORIGIN_USER, &st, &d, &err) != YP_OK)
		fail_msg("%s %s", err.message, strbuf_str(&d.text));
	assert_int_equal(store_commit(s, &err), YP_OK);
	long events = st.events;
	import_stats_clear(&st);
	diag_free(&d);
	return events;
}

support_store *support_store_generated(int events, int seed)
{
	support_store *t = support_store_new("t.db");
	char *feed = support_path(t->dir, "feed.ndjson");
	char cmd[4400];
	snprintf(cmd, sizeof(cmd), "build/gen %d %d > '%s'", events, seed, feed);
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("build/gen could not write the feed (status %d)", rc);
	assert_int_equal(support_import_file(t->s, feed), events);
	char *state_db = support_path(t->dir, "state.db");
	yp_error err = {0};
	assert_int_equal(store_attach_state(t->s, state_db, &err), YP_OK);
	free(state_db);
	free(feed);
	return t;
}

bool support_put_found(const yp_event *e, bool in_note, void *ctx)
{
	strbuf_printf(ctx, "%s%s ", e->id, in_note ? "!" : "");
	return true;
}

bool support_put_row(const event_row *row, void *ctx)
{
	strbuf_printf(ctx, "%s ", row->id);
	return true;
}
