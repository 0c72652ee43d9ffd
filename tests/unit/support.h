/* support.h: what the unit tests share: temporary directories, files, and
 * running the real yeonpyo binary with a controlled environment. */
#ifndef YEONPYO_TEST_SUPPORT_H
#define YEONPYO_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>

#include "yeonpyo/options.h"
#include "yeonpyo/store.h"
#include "yeonpyo/strbuf.h"

/* A fresh directory under $TMPDIR (or /tmp); free with support_rmtree. */
char *support_tmpdir(void);
/* Removes dir and everything in it, then frees the string. */
void support_rmtree(char *dir);

/* dir + "/" + name, allocated. */
char *support_path(const char *dir, const char *name);
/* Writes data to path, failing the test on error. */
void support_write_file(const char *path, const char *data);
/* Writes text as HOME/cfg/yeonpyo/config and returns the environment
 * entry that points yeonpyo at it ("XDG_CONFIG_HOME=HOME/cfg"), to free;
 * the file's path in *file (to free) unless file is NULL. */
char *support_config(const char *home, const char *text, char **file);
/* Reads a whole file (NUL-terminated) or returns NULL. */
char *support_read_file(const char *path, size_t *len);

typedef struct {
	int status;   /* exit status, or 128+signal */
	char *out;    /* standard output, NUL-terminated */
	char *err;    /* standard error */
} support_result;

/* Runs ./yeonpyo (or $YEONPYO_BIN) with args (NULL-terminated) and input on
 * its standard input. The environment is only PATH, LANG=C.UTF-8, HOME and
 * XDG_DATA_HOME pointing into home, plus env (NULL-terminated "K=V"
 * strings, which override). */
support_result support_run(const char *home, const char *const *env,
			   const char *input, const char *const *args);
void support_result_free(support_result *r);

/* In a child process: runs ./yeonpyo (or $YEONPYO_BIN) with args, in the
 * environment support_run describes plus extra, then env (both "K=V" lists,
 * NULL-terminated or NULL; later ones win). Does not return. */
void support_exec(const char *home, const char *const *extra,
		  const char *const *env, const char *const *args)
	__attribute__((noreturn));

/* support_run with the arguments written out: RUN(f, env, input, args...)
 * for a fixture f that has a home. */
#define RUN(f, env, input, ...) \
	support_run((f)->home, (env), (input), \
		    (const char *const[]){__VA_ARGS__, NULL})

/* Appends what options.def says setting id takes, as a bad value's
 * message says it: "1, 2 or auto", "a number of columns from 40 to 10000".
 * Written apart from options.c, so that a change to the messages shows. */
void support_option_takes(strbuf *sb, opt_id id);

/* Callbacks that append to the strbuf ctx: a ranked search's ids, best
 * first, "!" after one found in its note; a walk's row ids. Each id is
 * followed by a space. */
bool support_put_found(const yp_event *e, bool in_note, void *ctx);
bool support_put_row(const event_row *row, void *ctx);

/* Makes the database of db_arg ("--db=PATH") hold exactly the records of
 * the yeonpyo/1 file at json (db init --empty, then import), failing the
 * test otherwise. */
void support_load_db(const char *home, const char *db_arg, const char *json);

/* A browser test's world: a fresh home directory and a database in it,
 * db_arg "--db=HOME/s.db", holding exactly the records of the yeonpyo/1
 * file json, or the built-in dataset when json is NULL. */
typedef struct {
	char *home;
	char db_arg[4200];
} support_db;

support_db *support_db_new(const char *json);
void support_db_free(support_db *d);
/* A cmocka teardown for a support_db in *state. */
int support_db_teardown(void **state);

/* A test's own store: a fresh directory and the database file name in
 * it, opened (s). */
typedef struct {
	char *dir;
	store *s;
} support_store;

support_store *support_store_new(const char *name);
/* Closes the store (unless s was set to NULL) and removes dir. */
void support_store_free(support_store *t);
/* A cmocka teardown for a support_store in *state. */
int support_store_teardown(void **state);

/* Imports text as the CLI does: one transaction, committed, or rolled
 * back on any problem. Returns the status; *problems gets the report
 * lines (freed by the caller). */
yp_status support_import_text(store *s, const char *name, const char *text,
			      char **problems);

/* Imports the file at path into s in one bulk transaction, committed;
 * fails the test with the importer's report. Returns the events written. */
long support_import_file(store *s, const char *path);
/* A test's own store (file t.db) holding a timeline of events generated
 * by build/gen with seed, and a state database (state.db) attached. */
support_store *support_store_generated(int events, int seed);

/* Runs sql on the SQLite file at path, on a connection of its own (no
 * tokenizer: not for the search indexes), failing the test with SQLite's
 * message when it fails. */
void support_sql(const char *path, const char *sql);

/* Counts lines of s. */
size_t support_count_lines(const char *s);

#endif
