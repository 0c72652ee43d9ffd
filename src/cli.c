/* cli.c: option helpers shared by the commands, and the commands that move
 * data in and out: import, export and db. */
#include "yeonpyo/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "yeonpyo/dataset.h"
#include "yeonpyo/encode.h"
#include "yeonpyo/export_formats.h"
#include "yeonpyo/import.h"
#include "yeonpyo/options.h"

bool cli_option_value(char **argv, int argc, int *i, const char *name,
		      const char **value, bool *missing)
{
	size_t n = strlen(name);
	const char *arg = argv[*i];
	if (strncmp(arg, name, n) != 0)
		return false;
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return true;
	}
	if (arg[n] != '\0')
		return false;
	if (*i + 1 >= argc) {
		*missing = true;
		return true;
	}
	*value = argv[++*i];
	return true;
}

int cli_usage_error(const cli_env *env, const char *fmt, ...)
{
	fputs("yeonpyo: ", env->errs);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(env->errs, fmt, ap);
	va_end(ap);
	fprintf(env->errs, " (see yeonpyo %s)\n", options_spec(OPT_HELP)->flag);
	return YP_USAGE;
}

int cli_report_error(const cli_env *env, const yp_error *err)
{
	fprintf(env->errs, "yeonpyo: %s\n", err->message);
	return (int)err->status;
}

int cli_finish_output(const cli_env *env, int status)
{
	if (fflush(env->out) != 0 || ferror(env->out)) {
		fprintf(env->errs, "yeonpyo: standard output: write error: %s\n",
			strerror(errno));
		return status ? status : YP_IOERR;
	}
	return status;
}

/* --- import ----------------------------------------------------------- */

int cli_import(store *s, const cli_env *env, int argc, char **argv)
{
	const char *path = NULL;
	bool timings = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--timings") == 0) {
			timings = true;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error(env, "import: unknown option '%s'",
					       argv[i]);
		if (path)
			return cli_usage_error(env, "import takes one FILE");
		path = argv[i];
	}
	if (!path)
		return cli_usage_error(env, "import needs a FILE (or - for "
				       "standard input)");
	yp_error err = {0};
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	progress meter;
	progress_start(&meter, isatty(fileno(env->errs)) ? env->errs : NULL,
		       progress_now());
	st.meter = &meter;
	double t[4] = {progress_now(), 0, 0, 0};
	yp_status rc = store_bulk_begin(s, &err);
	if (rc == YP_OK)
		rc = import_file(s, path, ORIGIN_USER, &st, &d, &err);
	/* most of the timeline new: its index rebuilt compact (2.5 s at a
	 * million events, after minutes of import) */
	long total = rc == YP_OK ? store_rows_total(s, NULL, &err) : 0;
	if (rc == YP_OK && total >= 10000 && st.events * 2 >= total)
		rc = store_compact_timeline(s, &err);
	t[1] = progress_now();
	if (rc == YP_OK) {
		/* the search index is built in one statement at the end */
		progress_stage(&meter, "indexing for search", t[1]);
		rc = store_fts_flush(s, &err);
	}
	t[2] = progress_now();
	if (rc == YP_OK)
		rc = store_commit(s, &err);
	else
		store_rollback(s);
	t[3] = progress_now();
	progress_end(&meter);
	if (rc == YP_DATAERR && d.count) {
		diag_print(&d, env->errs);
		fprintf(env->errs, "yeonpyo: %s: %zu problem%s; nothing was "
			"imported\n", strcmp(path, "-") ? path : "<stdin>",
			d.count, d.count == 1 ? "" : "s");
	} else if (rc != YP_OK) {
		cli_report_error(env, &err);
	} else {
		fprintf(env->errs, "imported %ld event%s, %ld organization%s, "
			"%ld %s, %ld source%s\n", st.events,
			st.events == 1 ? "" : "s", st.orgs,
			st.orgs == 1 ? "" : "s", st.people,
			st.people == 1 ? "person" : "people", st.sources,
			st.sources == 1 ? "" : "s");
		if (timings)
			fprintf(env->errs, "timings: records %.3f s, search "
				"index %.3f s, commit %.3f s\n", t[1] - t[0],
				t[2] - t[1], t[3] - t[2]);
	}
	diag_free(&d);
	import_stats_clear(&st);
	return (int)rc;
}

/* --- export ----------------------------------------------------------- */

typedef struct {
	FILE *out;
	encode_style style;
	encode_doc doc;
	strbuf sb;
	const char *ndjson_key;
} exporter;

/* Writes and empties the buffer; per record, so memory stays flat. */
static bool export_flush(exporter *x)
{
	bool ok = !x->sb.failed &&
		  fwrite(strbuf_str(&x->sb), 1, x->sb.len, x->out) == x->sb.len;
	strbuf_reset(&x->sb);
	return ok;
}

static void export_item_begin(exporter *x)
{
	if (x->style == ENCODE_PRETTY) {
		encode_doc_item(&x->doc);
	} else {
		strbuf_printf(&x->sb, "{\"%s\": ", x->ndjson_key);
	}
}

static bool export_item_end(exporter *x)
{
	if (x->style == ENCODE_COMPACT)
		strbuf_puts(&x->sb, "}\n");
	return export_flush(x);
}

static bool export_org(const yp_org *o, void *ctx)
{
	exporter *x = ctx;
	export_item_begin(x);
	encode_org(&x->sb, o, x->style, 2);
	return export_item_end(x);
}

static bool export_person(const yp_person *p, void *ctx)
{
	exporter *x = ctx;
	export_item_begin(x);
	encode_person(&x->sb, p, x->style, 2);
	return export_item_end(x);
}

static bool export_source(const yp_source *src, void *ctx)
{
	exporter *x = ctx;
	export_item_begin(x);
	encode_source(&x->sb, src, x->style, 2);
	return export_item_end(x);
}

static bool export_doc_event(const yp_event *e, void *ctx)
{
	exporter *x = ctx;
	export_item_begin(x);
	encode_event(&x->sb, e, x->style, 2);
	return export_item_end(x);
}

static void export_section(exporter *x, const char *section,
			   const char *ndjson_key)
{
	x->ndjson_key = ndjson_key;
	if (x->style == ENCODE_PRETTY) {
		encode_doc_section(&x->doc, section);
		export_flush(x);
	}
}

static yp_status export_all(store *s, exporter *x, yp_error *err)
{
	if (x->style == ENCODE_PRETTY)
		encode_doc_begin(&x->doc, &x->sb);
	export_section(x, "organizations", "organization");
	yp_status rc = store_each_org(s, export_org, x, err);
	export_section(x, "people", "person");
	if (rc == YP_OK)
		rc = store_each_person(s, export_person, x, err);
	export_section(x, "sources", "source");
	if (rc == YP_OK)
		rc = store_each_source(s, export_source, x, err);
	export_section(x, "events", "event");
	if (rc == YP_OK)
		rc = store_each_event(s, NULL, export_doc_event, x, err);
	if (rc == YP_OK && x->style == ENCODE_PRETTY) {
		encode_doc_end(&x->doc);
		export_flush(x);
	}
	return rc;
}

/* --- export in formats other tools read ------------------------------- */

typedef struct {
	FILE *out;
	export_writer w;
	strbuf sb;
	bool failed;
} other_exporter;

static bool export_other_event(const yp_event *e, void *ctx)
{
	other_exporter *x = ctx;
	export_event(&x->w, e, &x->sb);
	x->failed = x->sb.failed ||
		    fwrite(strbuf_str(&x->sb), 1, x->sb.len, x->out) != x->sb.len;
	strbuf_reset(&x->sb);
	return !x->failed;
}

/* When the calendar was made: SOURCE_DATE_EPOCH when set (reproducible
 * files, and tests), else now. */
static long long export_stamp(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch && strspn(epoch, "0123456789") == strlen(epoch))
		return strtoll(epoch, NULL, 10);
	return (long long)time(NULL);
}

static yp_status export_other(store *s, const cli_env *env,
			      export_format format, yp_error *err)
{
	name_table orgs, sources;
	yp_status rc = names_load_orgs(s, &orgs, env->lang, err);
	if (rc == YP_OK)
		rc = names_load_sources(s, &sources, err);
	else
		memset(&sources, 0, sizeof(sources));
	char *title = store_meta_get(s, env->lang == LANG_KO ? META_TITLE_KO
							     : META_TITLE_EN);
	other_exporter x = {env->out, {format, env->lang, &orgs, &sources,
				       export_stamp(), title, 0},
			    STRBUF_INIT, false};
	if (rc == YP_OK) {
		export_begin(&x.w, &x.sb);
		rc = store_each_event(s, NULL, export_other_event, &x, err);
	}
	if (rc == YP_OK && !x.failed) {
		export_end(&x.w, &x.sb);
		x.failed = x.sb.failed || fwrite(strbuf_str(&x.sb), 1, x.sb.len,
						 x.out) != x.sb.len;
	}
	if (rc == YP_OK && x.failed)
		rc = yp_fail(err, YP_IOERR, "writing the export failed");
	strbuf_free(&x.sb);
	free(title);
	names_free(&orgs);
	names_free(&sources);
	return rc;
}

static bool parse_export_format(const char *v, exporter *x,
				export_format *other, bool *is_other)
{
	static const struct {
		const char *name;
		export_format format;
	} others[] = {{"ics", EXPORT_ICS}, {"csv", EXPORT_CSV},
		      {"md", EXPORT_MD}};
	*is_other = false;
	if (strcmp(v, "json") == 0 || strcmp(v, "ndjson") == 0) {
		x->style = v[0] == 'j' ? ENCODE_PRETTY : ENCODE_COMPACT;
		return true;
	}
	for (size_t i = 0; i < sizeof(others) / sizeof(*others); i++) {
		if (strcmp(v, others[i].name) == 0) {
			*other = others[i].format;
			*is_other = true;
			return true;
		}
	}
	return false;
}

int cli_export(store *s, const cli_env *env, int argc, char **argv)
{
	exporter x = {env->out, ENCODE_PRETTY, {0}, STRBUF_INIT, ""};
	export_format other = EXPORT_ICS;
	bool is_other = false;
	for (int i = 0; i < argc; i++) {
		const char *v = NULL;
		bool missing = false;
		if (cli_option_value(argv, argc, &i, "--format", &v, &missing)) {
			if (missing)
				return cli_usage_error(env, "--format needs a value");
			if (!parse_export_format(v, &x, &other, &is_other))
				return cli_usage_error(env, "export: unknown format "
						       "'%s' (json, ndjson, ics, "
						       "csv or md)", v);
		} else {
			return cli_usage_error(env, "export: unexpected argument "
					       "'%s'", argv[i]);
		}
	}
	yp_error err = {0};
	yp_status rc = is_other ? export_other(s, env, other, &err)
				: export_all(s, &x, &err);
	strbuf_free(&x.sb);
	if (rc != YP_OK)
		return cli_report_error(env, &err);
	return cli_finish_output(env, YP_OK);
}

/* --- db ----------------------------------------------------------------- */

static int db_info(store *s, const cli_env *env)
{
	store_counts c;
	yp_error err = {0};
	if (store_count(s, &c, &err) != YP_OK)
		return cli_report_error(env, &err);
	char *builtin = store_meta_get(s, META_BUILTIN);
	char *version = store_meta_get(s, META_BUILTIN_VERSION);
	char *title = store_meta_get(s, env->lang == LANG_KO ? META_TITLE_KO
							     : META_TITLE_EN);
	fprintf(env->out, "database:       %s\n", store_path(s));
	fprintf(env->out, "schema version: %d\n", STORE_SCHEMA_VERSION);
	if (builtin && strcmp(builtin, "off") == 0)
		fprintf(env->out, "built-in:       off\n");
	else
		fprintf(env->out, "built-in:       version %s%s%s\n",
			version ? version : "none", title ? ", " : "",
			title ? title : "");
	fprintf(env->out, "events:         %ld (%ld built-in, %ld imported)\n",
		c.events, c.builtin_events, c.user_events);
	fprintf(env->out, "organizations:  %ld\npeople:         %ld\n"
		"sources:        %ld\n", c.orgs, c.people, c.sources);
	free(builtin);
	free(version);
	free(title);
	return cli_finish_output(env, YP_OK);
}

static int db_init(store *s, const cli_env *env, bool empty, bool shared)
{
	yp_error err = {0};
	store_counts c;
	if (store_count(s, &c, &err) != YP_OK)
		return cli_report_error(env, &err);
	if (empty) {
		if (c.events || c.orgs || c.people || c.sources) {
			fprintf(env->errs, "yeonpyo: %s: already holds %ld events; "
				"--empty applies to a new database\n",
				store_path(s), c.events);
			return YP_DATAERR;
		}
		if (dataset_disable(s, &err) != YP_OK)
			return cli_report_error(env, &err);
	} else if (dataset_sync(s, &err) != YP_OK) {
		return cli_report_error(env, &err);
	}
	if (shared && store_share(s, &err) != YP_OK)
		return cli_report_error(env, &err);
	return db_info(s, env);
}

static void print_problem(const char *problem, void *ctx)
{
	const cli_env *env = ctx;
	fprintf(env->errs, "yeonpyo: %s\n", problem);
}

static int db_check(store *s, const cli_env *env)
{
	long problems = 0;
	yp_error err = {0};
	if (store_check(s, print_problem, (void *)env, &problems, &err) != YP_OK)
		return cli_report_error(env, &err);
	if (problems) {
		fprintf(env->errs, "yeonpyo: %s: %ld problem%s; 'yeonpyo db "
			"rebuild' starts a new database and keeps this one "
			"aside\n", store_path(s), problems,
			problems == 1 ? "" : "s");
		return YP_DATAERR;
	}
	fprintf(env->out, "ok\n");
	return cli_finish_output(env, YP_OK);
}

/* Moves path + suffix to aside + suffix when it is there. */
static int move_aside(const char *path, const char *aside, const char *suffix)
{
	char from[4200], to[4300];
	snprintf(from, sizeof(from), "%s%s", path, suffix);
	snprintf(to, sizeof(to), "%s%s", aside, suffix);
	if (rename(from, to) == 0 || errno == ENOENT)
		return 0;
	return -1;
}

int cli_db_rebuild(const char *path, const cli_env *env, int argc,
		   char **argv)
{
	if (argc > 0)
		return cli_usage_error(env, "db rebuild: unexpected argument "
				       "'%s'", argv[0]);
	char aside[4200];
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32] = "old";
	if (localtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(aside, sizeof(aside), "%s.broken-%s", path, stamp);
	for (int n = 2; access(aside, F_OK) == 0 && n < 100; n++)
		snprintf(aside, sizeof(aside), "%s.broken-%s-%d", path, stamp, n);
	bool had = access(path, F_OK) == 0;
	/* the journal files first: a new database must not take them up */
	static const char *const parts[] = {"-wal", "-shm", "-journal", ""};
	for (size_t i = 0; had && i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (move_aside(path, aside, parts[i]) != 0) {
			fprintf(env->errs, "yeonpyo: %s: cannot move it aside: "
				"%s\n", path, strerror(errno));
			return YP_IOERR;
		}
	}
	yp_error err = {0};
	store *s = store_open(path, &err);
	int rc = s ? (int)dataset_sync(s, &err) : (int)err.status;
	store_close(s);
	if (rc != YP_OK)
		return cli_report_error(env, &err);
	if (had)
		fprintf(env->errs, "yeonpyo: the old database is kept as %s; %s "
			"is a new one with the built-in dataset (import your "
			"own records into it again)\n", aside, path);
	else
		fprintf(env->errs, "yeonpyo: %s is a new database with the "
			"built-in dataset\n", path);
	return YP_OK;
}

int cli_db(store *s, const cli_env *env, int argc, char **argv)
{
	if (argc < 1)
		return cli_usage_error(env, "db needs a subcommand: init, info, "
				       "check or rebuild");
	if (strcmp(argv[0], "info") == 0) {
		if (argc > 1)
			return cli_usage_error(env, "db info: unexpected argument "
					       "'%s'", argv[1]);
		return db_info(s, env);
	}
	if (strcmp(argv[0], "check") == 0) {
		if (argc > 1)
			return cli_usage_error(env, "db check: unexpected "
					       "argument '%s'", argv[1]);
		return db_check(s, env);
	}
	if (strcmp(argv[0], "init") == 0) {
		bool empty = false, shared = false;
		for (int i = 1; i < argc; i++) {
			if (strcmp(argv[i], "--empty") == 0)
				empty = true;
			else if (strcmp(argv[i], "--shared") == 0)
				shared = true;
			else
				return cli_usage_error(env, "db init: unexpected "
						       "argument '%s'", argv[i]);
		}
		return db_init(s, env, empty, shared);
	}
	return cli_usage_error(env, "db: unknown subcommand '%s' (init, info, "
			       "check or rebuild)", argv[0]);
}
