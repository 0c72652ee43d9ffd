/* cli.h: the commands of the command line, each taking the arguments after
 * its name and returning an exit status (status.h). */
#ifndef YEONPYO_CLI_H
#define YEONPYO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "yeonpyo/config.h"
#include "yeonpyo/model.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"

typedef struct {
	yp_lang lang;
	FILE *out;      /* standard output, or a test's buffer */
	FILE *errs;     /* standard error, or a test's buffer */
	unsigned text_flags;  /* text_display flags for text output */
	unsigned ui_flags;    /* and for the browser, which curses converts */
} cli_env;

int cli_list(store *s, const cli_env *env, int argc, char **argv);
int cli_show(store *s, const cli_env *env, int argc, char **argv);
/* "search QUERY [--format text|tsv|json]": list's output for the events
 * the search index finds, best first. */
int cli_search(store *s, const cli_env *env, int argc, char **argv);
int cli_import(store *s, const cli_env *env, int argc, char **argv);
/* "note ID [TEXT|-]", "note --delete ID", "note --export" and "note
 * --import FILE|-": the user's notes, in the state, which must be
 * attached to s from its file. */
int cli_note(store *s, const cli_env *env, int argc, char **argv);
int cli_export(store *s, const cli_env *env, int argc, char **argv);
/* "db init [--empty]" and "db info"; init needs to know whether the
 * database file existed before it was opened. */
int cli_db(store *s, const cli_env *env, int argc, char **argv);
/* "db rebuild", run before the database is opened (it may not open):
 * moves the file at path aside (PATH.broken-TIME, with its journal files)
 * and starts a new database there with the built-in dataset. */
int cli_db_rebuild(const char *path, const cli_env *env, int argc,
		   char **argv);

/* "complete WORD...": given the words of a command line after "yeonpyo",
 * the last being completed (perhaps empty), prints what may stand in its
 * place, one a line: commands, options, their values, and ids read from
 * the database at db_path when it exists (never creating it). Prints
 * nothing where a file name goes; the shell completes files then. */
int cli_complete(const char *db_path, const cli_env *env, int argc,
		 char **argv);

/* What "config" shows: the file's configuration, and the settings in
 * effect: the options given over the file's (the rest are defaults). */
typedef struct {
	const yp_config *config;
	const opt_settings *settings;
} cli_config_view;

/* "config [--dump]" prints the configuration in effect as a configuration
 * file (every setting, binding and colour); "config --path" its file. */
int cli_config(const cli_config_view *v, const cli_env *env, int argc,
	       char **argv);

/* Matches argv[*i] against an option that takes a value, accepting both
 * "--name VALUE" and "--name=VALUE"; advances *i past the value. Sets
 * *missing when the value is absent. */
bool cli_option_value(char **argv, int argc, int *i, const char *name,
		      const char **value, bool *missing);

/* Prints "yeonpyo: message" and returns YP_USAGE. */
int cli_usage_error(const cli_env *env, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints err's message as "yeonpyo: ..." and returns its status. */
int cli_report_error(const cli_env *env, const yp_error *err);

/* Flushes env->out and turns a write failure into YP_IOERR. */
int cli_finish_output(const cli_env *env, int status);

#endif
