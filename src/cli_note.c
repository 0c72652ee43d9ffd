/* cli_note.c: "note", the user's own notes on events: set one (from the
 * command line or standard input), print it, remove it, and write or read
 * them all as NDJSON. Notes are kept in state.db alone, so that every
 * form works over a timeline shared read-only. */
#include "yeonpyo/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yeonpyo/decode.h"
#include "yeonpyo/diag.h"
#include "yeonpyo/idset.h"
#include "yeonpyo/json.h"
#include "yeonpyo/note.h"

/* --- one note ------------------------------------------------------------ */

static int note_print(store *s, const cli_env *env, const char *id)
{
	char *text = NULL;
	long long at = 0;
	yp_error err = {0};
	if (store_note_get(s, id, &text, &at, &err) != YP_OK)
		return cli_report_error(env, &err);
	if (!text) {
		/* a note outlives its event; without either, say which */
		if (!store_has(s, RECORD_EVENT, id))
			fprintf(env->errs, "yeonpyo: no event with id \"%s\"\n", id);
		else
			fprintf(env->errs, "yeonpyo: event \"%s\" has no note\n", id);
		return YP_NOINPUT;
	}
	/* as stored, for a script to keep or to give back (note ID -) */
	fprintf(env->out, "%s\n", text);
	free(text);
	return cli_finish_output(env, YP_OK);
}

/* Standard input whole, keeping no more than a note may hold: past that
 * only its length is counted, for the message. */
static yp_status read_input(strbuf *sb, size_t *total, yp_error *err)
{
	char chunk[8192];
	size_t got;
	*total = 0;
	while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (*total <= NOTE_MAX_BYTES)
			strbuf_append(sb, chunk, got);
		*total += got;
	}
	if (ferror(stdin))
		return yp_fail(err, YP_IOERR, "<stdin>: cannot read: %s",
			       strerror(errno));
	if (sb->failed)
		return yp_fail(err, YP_SOFTWARE, "out of memory");
	return YP_OK;
}

/* The note read from standard input, as note_text_clean makes it (NUL
 * bytes and all are looked at), into *out. */
static yp_status note_from_input(const char *id, char **out, yp_error *err)
{
	strbuf sb = STRBUF_INIT;
	size_t total = 0;
	yp_error why = {0};
	yp_status rc = read_input(&sb, &total, err);
	if (rc == YP_OK && note_size_check(total, &why) == YP_OK)
		rc = note_text_clean(strbuf_str(&sb), sb.len, out, &why);
	else if (rc == YP_OK)
		rc = why.status;
	if (why.status != YP_OK)
		yp_fail(err, rc, "note for \"%s\": %s", id, why.message);
	strbuf_free(&sb);
	return rc;
}

/* Sets the note on id: the words after it joined by spaces (several
 * arguments form one text, as a shell split it), or standard input for
 * "-". */
static int note_set(store *s, const cli_env *env, const char *id, int argc,
		    char **argv)
{
	static const char *const options[] = {"--delete", "--export",
					      "--import"};
	for (size_t i = 0; i < sizeof(options) / sizeof(*options); i++)
		if (strcmp(argv[0], options[i]) == 0)
			return cli_usage_error(env, "note: %s comes first: note "
					       "%s ...", options[i], options[i]);
	yp_error err = {0};
	yp_status rc;
	if (argc == 1 && strcmp(argv[0], "-") == 0) {
		char *text = NULL;
		rc = note_from_input(id, &text, &err);
		if (rc == YP_OK)
			rc = store_note_set(s, id, text, &err);
		free(text);
	} else {
		strbuf text = STRBUF_INIT;
		for (int i = 0; i < argc; i++)
			strbuf_printf(&text, "%s%s", i ? " " : "", argv[i]);
		rc = text.failed ? yp_fail(&err, YP_SOFTWARE, "out of memory")
				 : store_note_set(s, id, strbuf_str(&text), &err);
		strbuf_free(&text);
	}
	return rc == YP_OK ? YP_OK : cli_report_error(env, &err);
}

static int note_delete(store *s, const cli_env *env, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(env, "note --delete takes one event ID");
	yp_error err = {0};
	if (store_note_delete(s, argv[0], &err) != YP_OK)
		return cli_report_error(env, &err);
	return YP_OK;
}

/* --- all notes as NDJSON -------------------------------------------------- */

typedef struct {
	FILE *out;
	strbuf line;
	bool failed;
} note_writer;

/* {"id": ..., "text": ..., "at": "2025-02-04T00:30:00Z"}, one a line. */
static bool export_note(const char *id, const char *text, long long at,
			void *ctx)
{
	note_writer *w = ctx;
	char when[DATE_INSTANT_MAX];
	date_format_instant(at, when);
	strbuf_reset(&w->line);
	strbuf_puts(&w->line, "{\"id\": ");
	json_write_string(&w->line, id);
	strbuf_puts(&w->line, ", \"text\": ");
	json_write_string(&w->line, text);
	strbuf_printf(&w->line, ", \"at\": \"%s\"}\n", when);
	w->failed = w->line.failed ||
		    fwrite(strbuf_str(&w->line), 1, w->line.len, w->out) !=
			    w->line.len;
	return !w->failed;
}

static int note_export(store *s, const cli_env *env, int argc)
{
	if (argc != 0)
		return cli_usage_error(env, "note --export takes no argument");
	note_writer w = {env->out, STRBUF_INIT, false};
	yp_error err = {0};
	yp_status rc = store_each_note(s, export_note, &w, &err);
	strbuf_free(&w.line);
	if (rc != YP_OK)
		return cli_report_error(env, &err);
	return cli_finish_output(env, YP_OK);
}

/* Reading notes back: each line is checked, and written while none has
 * failed; the caller's transaction makes it all or nothing. */
typedef struct {
	store *s;
	decode_ctx c;
	idset seen;      /* the ids read, with the line of each */
	long notes;      /* written */
	yp_error *err;   /* a failure of the store, which stops the reading */
} note_reader;

/* The string member name of v (checked present by the caller's field
 * list when required), or NULL with the problem reported. */
static const char *string_member(note_reader *r, const json_value *v,
				 const char *name)
{
	const json_value *m = json_get(v, name);
	if (!m)
		return NULL;
	if (m->type != JSON_STRING) {
		char path[16];
		snprintf(path, sizeof(path), "$.%s", name);
		decode_report(&r->c, m, path, "expected a string, got %s",
			      json_type_name(m->type));
		return NULL;
	}
	return m->u.string;
}

/* The id of a note: an event of the timeline, once in the file. */
static bool check_id(note_reader *r, const json_value *v, const char *id)
{
	size_t first = 0;
	if (!store_has(r->s, RECORD_EVENT, id)) {
		decode_report(&r->c, json_get(v, "id"), "$.id",
			      "unknown event \"%s\"", id);
		return false;
	}
	if (!idset_add_copy(&r->seen, id, r->c.line, &first)) {
		if (first == (size_t)-1)
			decode_report(&r->c, v, "$", "out of memory");
		else
			decode_report(&r->c, json_get(v, "id"), "$.id",
				      "a second note for \"%s\" (the first is "
				      "on line %zu)", id, first);
		return false;
	}
	return true;
}

/* One line's note: checked, then written unless a line failed before. */
static yp_status read_note(note_reader *r, const json_value *v)
{
	static const char *const names[] = {"id", "text", "at", NULL};
	bool ok = decode_check_fields(&r->c, v, "$", names, 2);
	if (v->type != JSON_OBJECT)
		return YP_OK;
	const char *id = string_member(r, v, "id");
	const char *given = string_member(r, v, "text");
	const char *when = string_member(r, v, "at");
	ok = ok && id && given && (when || !json_get(v, "at"));
	if (id && !check_id(r, v, id))
		ok = false;
	char *text = NULL;
	yp_error why = {0};
	if (given && note_text_clean(given, strlen(given), &text,
				     &why) != YP_OK) {
		decode_report(&r->c, json_get(v, "text"), "$.text", "%s",
			      why.message);
		ok = false;
	}
	long long at = (long long)time(NULL);
	char reason[96];
	if (when && !date_parse_instant(when, &at, reason, sizeof(reason))) {
		decode_report(&r->c, json_get(v, "at"), "$.at", "invalid time "
			      "\"%s\": %s", when, reason);
		ok = false;
	}
	yp_status rc = YP_OK;
	if (ok && r->c.d->count == 0) {
		rc = store_note_put(r->s, id, text, at, r->err);
		r->notes += rc == YP_OK;
	}
	free(text);
	return rc;
}

/* Every line of f; YP_OK even when lines had problems (in r->c.d). */
static yp_status read_notes(note_reader *r, FILE *f)
{
	char *line = NULL;
	size_t cap = 0, offset = 0;
	ssize_t n;
	yp_status rc = YP_OK;
	while (rc == YP_OK && (n = getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)n;
		r->c.line++;
		r->c.offset = offset;
		offset += len;
		if (len && line[len - 1] == '\n')
			len--;
		/* a blank line, as the importer skips them */
		if (strspn(line, " \t\r") >= len)
			continue;
		json_value *v = NULL;
		json_error je;
		size_t used = 0;
		if (!json_parse(line, len, r->c.line, &used, &v, &je))
			decode_report_syntax(&r->c, &je, line, r->c.offset);
		else if (used != len)
			decode_report_after(&r->c, line, used, r->c.line,
					    "more than one value on a line");
		else
			rc = read_note(r, v);
		json_free(v);
	}
	free(line);
	if (rc == YP_OK && ferror(f))
		rc = yp_fail(r->err, YP_IOERR, "%s: cannot read: %s",
			     decode_file_name(r->c.file), strerror(errno));
	return rc;
}

static int note_import(store *s, const cli_env *env, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(env, "note --import takes one FILE (or - "
				       "for standard input)");
	const char *path = argv[0];
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(env->errs, "yeonpyo: %s: cannot open: %s\n", path,
			strerror(errno));
		return YP_NOINPUT;
	}
	diag d = DIAG_INIT;
	yp_error err = {0};
	note_reader r = {s, {&d, path, 0, 0}, IDSET_INIT, 0, &err};
	yp_status rc = store_begin(s, &err);
	if (rc == YP_OK)
		rc = read_notes(&r, f);
	if (rc == YP_OK && d.count)
		rc = YP_DATAERR;
	if (rc == YP_OK)
		rc = store_commit(s, &err);
	else
		store_rollback(s);
	if (rc == YP_DATAERR && d.count) {
		diag_print(&d, env->errs);
		fprintf(env->errs, "yeonpyo: %s: %zu problem%s; no note was "
			"imported\n", decode_file_name(path), d.count,
			d.count == 1 ? "" : "s");
	} else if (rc != YP_OK) {
		cli_report_error(env, &err);
	} else {
		fprintf(env->errs, "imported %ld note%s\n", r.notes,
			r.notes == 1 ? "" : "s");
	}
	if (!is_stdin)
		fclose(f);
	idset_free(&r.seen);
	diag_free(&d);
	return (int)rc;
}

int cli_note(store *s, const cli_env *env, int argc, char **argv)
{
	if (argc < 1)
		return cli_usage_error(env, "note needs an event ID (or --delete "
				       "ID, --export or --import FILE)");
	if (strcmp(argv[0], "--delete") == 0)
		return note_delete(s, env, argc - 1, argv + 1);
	if (strcmp(argv[0], "--export") == 0)
		return note_export(s, env, argc - 1);
	if (strcmp(argv[0], "--import") == 0)
		return note_import(s, env, argc - 1, argv + 1);
	if (argv[0][0] == '-')
		return cli_usage_error(env, "note: unknown option '%s'", argv[0]);
	if (argc == 1)
		return note_print(s, env, argv[0]);
	return note_set(s, env, argv[0], argc - 1, argv + 1);
}
