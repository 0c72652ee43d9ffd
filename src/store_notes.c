/* store_notes.c: the user's notes on events, in the state (store_state.c
 * makes their tables and the index that triggers keep in step). */
#include "store_priv.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yeonpyo/note.h"

yp_status store_note_get(store *s, const char *id, char **text, long long *at,
			 yp_error *err)
{
	const char *what = "reading a note";
	*text = NULL;
	*at = 0;
	store_binding b = store_take(s, Q_NOTE_GET, NULL);
	if (!b.st)
		return store_state_fail(s, err, what);
	store_bind_text(&b, ":id", id);
	bool found = false;
	yp_status rc = store_first_row(&b, what, &found, err);
	if (found) {
		*text = store_column_dup(b.st, 0);
		*at = (long long)sqlite3_column_int64(b.st, 1);
		if (!*text)
			rc = yp_fail(err, YP_SOFTWARE, "out of memory");
		sqlite3_reset(b.st);
	}
	return rc;
}

/* The event must be in the timeline: a note on an id that is not would
 * be found by no list and no search. */
static yp_status need_event(store *s, const char *id, yp_error *err)
{
	if (store_key(s, RECORD_EVENT, id) == 0)
		return yp_fail(err, YP_NOINPUT, "no event with id \"%s\"", id);
	return YP_OK;
}

yp_status store_note_put(store *s, const char *id, const char *text,
			 long long at, yp_error *err)
{
	const char *what = "saving a note";
	yp_status rc = need_event(s, id, err);
	if (rc != YP_OK)
		return rc;
	char *note = NULL;
	yp_error why = {0};
	rc = note_text_clean(text, strlen(text), &note, &why);
	if (rc != YP_OK)
		return yp_fail(err, rc, "note for \"%s\": %s", id, why.message);
	store_hits_forget(s);  /* a search or a filter on notes may change */
	store_binding b = store_take(s, Q_NOTE_PUT, NULL);
	if (!b.st) {
		free(note);
		return store_state_fail(s, err, what);
	}
	store_bind_text(&b, ":id", id);
	store_bind_text(&b, ":text", note);
	store_bind_int(&b, ":at", at);
	rc = store_run(&b, what, err);
	free(note);
	return rc;
}

yp_status store_note_set(store *s, const char *id, const char *text,
			 yp_error *err)
{
	return store_note_put(s, id, text, (long long)time(NULL), err);
}

yp_status store_note_delete(store *s, const char *id, yp_error *err)
{
	const char *what = "removing a note";
	store_hits_forget(s);
	store_binding b = store_take(s, Q_NOTE_DELETE, NULL);
	if (!b.st)
		return store_state_fail(s, err, what);
	store_bind_text(&b, ":id", id);
	yp_status rc = store_run(&b, what, err);
	/* the statement's own rows, not its trigger's */
	if (rc == YP_OK && sqlite3_changes(s->db) == 0) {
		rc = need_event(s, id, err);
		if (rc == YP_OK)
			rc = yp_fail(err, YP_NOINPUT, "event \"%s\" has no note",
				     id);
	}
	return rc;
}

/* What a walk of the notes hands each to. */
typedef struct {
	bool (*fn)(const char *id, const char *text, long long at, void *ctx);
	void *ctx;
} note_target;

static bool visit_note(sqlite3_stmt *st, void *target)
{
	const note_target *t = target;
	const char *id = (const char *)sqlite3_column_text(st, 0);
	const char *text = (const char *)sqlite3_column_text(st, 1);
	return t->fn(id ? id : "", text ? text : "",
		     (long long)sqlite3_column_int64(st, 2), t->ctx);
}

yp_status store_each_note(store *s,
			  bool (*fn)(const char *id, const char *text,
				     long long at, void *ctx),
			  void *ctx, yp_error *err)
{
	const char *what = "reading notes";
	store_binding b = store_take(s, Q_EACH_NOTE, NULL);
	if (!b.st)
		return store_state_fail(s, err, what);
	note_target t = {fn, ctx};
	return store_walk(&b, visit_note, &t, what, err);
}

yp_status store_note_matches(store *s, const char *id, const char *match,
			     bool *found, yp_error *err)
{
	const char *what = "searching a note";
	*found = false;
	store_binding b = store_take(s, Q_NOTE_MATCHES, NULL);
	if (!b.st)
		return store_state_fail(s, err, what);
	store_bind_text(&b, ":id", id);
	store_bind_text(&b, ":match", match);
	bool row = false;
	yp_status rc = store_first_row(&b, what, &row, err);
	if (row) {
		*found = sqlite3_column_int(b.st, 0) != 0;
		sqlite3_reset(b.st);
	}
	return rc;
}
