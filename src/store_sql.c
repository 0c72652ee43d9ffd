/* store_sql.c: the statements the store keeps prepared, the helpers
 * every store_*.c file runs SQL through, and the keys of records. */
#include "store_priv.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/options.h"

static const char *const queries[Q_COUNT] = {
#define QUERY(name, sql) [Q_##name] = (sql),
#include "store_queries.def"
#undef QUERY
};

const char *store_db_flag(void)
{
	return options_spec(OPT_DB)->flag;
}

/* The statements from STATE_ATTACH on are the state's, whose failures
 * are about state.db, not the timeline (store_queries.def keeps them
 * last). */
static bool is_state(store_query q)
{
	return q >= Q_STATE_ATTACH;
}

/* Sets err from an SQLite result code and its message, with the status
 * and hint its kind calls for; about the state's file when state is set. */
static yp_status fail_with(store *s, bool state, yp_error *err,
			   const char *what, int code, const char *message)
{
	int base = code & 0xff;
	yp_status st = YP_SOFTWARE;
	/* a hint's %s is the option that names the database file */
	const char *hint = "";
	switch (base) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st = YP_IOERR;
		hint = " (another program is writing it; retry, or use %s)";
		break;
	case SQLITE_FULL:
		st = YP_IOERR;
		hint = " (writing failed: the disk may be full, or the file "
		       "may grow no more; nothing was changed)";
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		st = YP_IOERR;
		hint = " (the file or its directory is read-only for you; "
		       "browse it as it is, or use %s for a file of your own)";
		/* a WAL database wants its -shm file beside it, even to read */
		if (code == SQLITE_READONLY_CANTINIT ||
		    code == SQLITE_READONLY_DIRECTORY ||
		    code == SQLITE_READONLY_CANTLOCK ||
		    code == SQLITE_READONLY_RECOVERY)
			hint = " (a database in WAL mode needs files beside it "
			       "that you cannot create; its owner can make it "
			       "shareable with 'yeonpyo db init --shared')";
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		st = YP_IOERR;
		/* the system's errno is lost by the time a failed commit
		 * has rolled back; a failed write says enough */
		if (code == SQLITE_IOERR_WRITE ||
		    sqlite3_system_errno(s->db) == EFBIG ||
		    sqlite3_system_errno(s->db) == ENOSPC)
			hint = " (writing failed: the disk may be full, or the "
			       "file may grow no more; nothing was changed)";
		break;
	case SQLITE_CORRUPT:
		st = YP_DATAERR;
		hint = " (the file is damaged; 'yeonpyo db rebuild' starts a "
		       "new database and keeps this one aside)";
		break;
	case SQLITE_NOTADB:
		st = YP_DATAERR;
		hint = " (use %s to choose another file)";
		break;
	default:
		break;
	}
	/* the hints speak of the timeline's file and the option choosing
	 * it; of the state's, only a full disk needs saying */
	char said[256] = "";
	if (!state || strstr(hint, "disk may be full"))
		snprintf(said, sizeof(said), hint, store_db_flag());
	const char *path = !state ? s->path
			   : s->state_path ? s->state_path : "the state in memory";
	return yp_fail(err, st, "%s: %s: %s%s", path, what, message, said);
}

yp_status store_sql_fail(store *s, yp_error *err, const char *what)
{
	return fail_with(s, false, err, what, sqlite3_errcode(s->db),
			 sqlite3_errmsg(s->db));
}

yp_status store_state_fail(store *s, yp_error *err, const char *what)
{
	return fail_with(s, true, err, what, sqlite3_errcode(s->db),
			 sqlite3_errmsg(s->db));
}

/* store_sql_fail, or store_state_fail for a statement of the state. */
static yp_status fail_of(const store_binding *b, yp_error *err,
			 const char *what)
{
	return is_state(b->q) ? store_state_fail(b->s, err, what)
			      : store_sql_fail(b->s, err, what);
}

/* st's parameter names in one block: names[i] for index i, NULL at 0 and
 * after the last; NULL when memory runs out (binds then search). */
static char **copy_params(sqlite3_stmt *st)
{
	int n = sqlite3_bind_parameter_count(st);
	size_t size = (size_t)(n + 2) * sizeof(char *);
	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		size += name ? strlen(name) + 1 : 0;
	}
	char **names = malloc(size);
	if (!names)
		return NULL;
	char *text = (char *)(names + n + 2);
	names[0] = names[n + 1] = NULL;
	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		names[i] = NULL;
		if (name) {
			size_t len = strlen(name) + 1;
			names[i] = memcpy(text, name, len);
			text += len;
		}
	}
	return names;
}

sqlite3_stmt *store_stmt(store *s, store_query q, yp_error *err)
{
	assert((unsigned)q < Q_COUNT);
	sqlite3_stmt *st = s->stmts[q];
	if (st) {
		/* taken again while a walk steps it, it would start over */
		assert(!sqlite3_stmt_busy(st));
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (s->state_due && strstr(queries[q], "state.") &&
	    s->state_due(s, err) != YP_OK)
		return NULL;
	if (sqlite3_prepare_v3(s->db, queries[q], -1, SQLITE_PREPARE_PERSISTENT,
			       &st, NULL) != SQLITE_OK) {
		fail_with(s, is_state(q), err, "preparing a query",
			  sqlite3_errcode(s->db), sqlite3_errmsg(s->db));
		return NULL;
	}
	s->stmts[q] = st;
	s->params[q] = copy_params(st);
	return st;
}

void store_stmts_free(store *s)
{
	for (int q = 0; q < Q_COUNT; q++) {
		sqlite3_finalize(s->stmts[q]);
		free(s->params[q]);
		s->stmts[q] = NULL;
		s->params[q] = NULL;
	}
}

store_binding store_take(store *s, store_query q, yp_error *err)
{
	store_binding b = {s, store_stmt(s, q, err), q, 0, NULL, SQLITE_OK};
	return b;
}

/* The index of parameter name, or 0 (kept as the failure) when there is
 * none of that name or a bind has failed already. The one after the last
 * bound (after the last, the first again) is tried before SQLite's own
 * lookup, which compares every name before the one it finds. */
static int param(store_binding *b, const char *name)
{
	assert(b->st);
	if (b->failed)
		return 0;
	char *const *names = b->s->params[b->q];
	int i = names && names[b->last + 1] ? b->last + 1 : 1;
	if (!names || !names[i] || strcmp(names[i], name) != 0)
		i = sqlite3_bind_parameter_index(b->st, name);
	if (!i) {
		b->failed = name;
		b->rc = SQLITE_RANGE;
	}
	b->last = i;
	return i;
}

static void took(store_binding *b, const char *name, int rc)
{
	if (rc != SQLITE_OK) {
		b->failed = name;
		b->rc = rc;
	}
}

void store_bind_text(store_binding *b, const char *name, const char *v)
{
	int i = param(b, name);
	if (i)
		took(b, name, v ? sqlite3_bind_text(b->st, i, v, -1, SQLITE_STATIC)
				: sqlite3_bind_null(b->st, i));
}

void store_bind_int(store_binding *b, const char *name, sqlite3_int64 v)
{
	int i = param(b, name);
	if (i)
		took(b, name, sqlite3_bind_int64(b->st, i, v));
}

void store_bind_filter(store_binding *b, const event_filter *f)
{
	if (!f)
		return;
	if (f->from_day)
		store_bind_int(b, ":from_day", f->from_day);
	if (f->to_day)
		store_bind_int(b, ":to_day", f->to_day);
	store_bind_text(b, ":org", f->org);
	store_bind_text(b, ":tag", f->tag);
	store_bind_text(b, ":person", f->person);
	if (f->marked)
		store_bind_int(b, ":marked", 1);
	if (f->noted)
		store_bind_int(b, ":noted", 1);
	store_bind_text(b, ":match", f->match);
}

yp_status store_bound(const store_binding *b, const char *what,
		      yp_error *err)
{
	if (!b->failed)
		return YP_OK;
	char doing[128];
	snprintf(doing, sizeof(doing), "%s: binding %s", what, b->failed);
	/* a name missing is the store's own mistake, which SQLite would call
	 * an index out of range */
	return fail_with(b->s, is_state(b->q), err, doing, b->rc,
			 b->rc == SQLITE_RANGE
			 ? "the statement has no parameter of that name"
			 : sqlite3_errstr(b->rc));
}

yp_status store_run(const store_binding *b, const char *what, yp_error *err)
{
	yp_status rc = store_bound(b, what, err);
	if (rc != YP_OK)
		return rc;
	if (sqlite3_step(b->st) != SQLITE_DONE)
		rc = fail_of(b, err, what);
	sqlite3_reset(b->st);
	return rc;
}

yp_status store_walk(const store_binding *b, store_visit_fn visit,
		     void *target, const char *what, yp_error *err)
{
	yp_status status = store_bound(b, what, err);
	if (status != YP_OK)
		return status;
	int rc;
	while ((rc = sqlite3_step(b->st)) == SQLITE_ROW && visit(b->st, target))
		;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = fail_of(b, err, what);
	sqlite3_reset(b->st);
	return status;
}

yp_status store_first_row(const store_binding *b, const char *what,
			  bool *found, yp_error *err)
{
	*found = false;
	yp_status rc = store_bound(b, what, err);
	if (rc != YP_OK)
		return rc;
	int step = sqlite3_step(b->st);
	if (step == SQLITE_ROW) {
		*found = true;
		return YP_OK;
	}
	if (step != SQLITE_DONE)
		rc = fail_of(b, err, what);
	sqlite3_reset(b->st);
	return rc;
}

sqlite3_int64 store_int(store *s, store_query q, const char *what,
			yp_error *err)
{
	sqlite3_stmt *st = store_stmt(s, q, NULL);
	sqlite3_int64 v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fail_with(s, is_state(q), err, what, sqlite3_errcode(s->db),
			  sqlite3_errmsg(s->db));
	if (st)
		sqlite3_reset(st);
	return v;
}

char *store_column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? strdup((const char *)v) : NULL;
}

yp_date store_column_date(sqlite3_stmt *st, int key_col, int prec_col)
{
	int prec = sqlite3_column_int(st, prec_col);
	if (prec < DATE_YEAR || prec > DATE_DAY ||
	    sqlite3_column_type(st, key_col) == SQLITE_NULL)
		return date_from_key(0, DATE_NONE);
	return date_from_key((long)sqlite3_column_int64(st, key_col),
			     (date_precision)prec);
}

sqlite3_int64 store_key(store *s, record_kind kind, const char *id)
{
	static const store_query q[] = {
		[RECORD_ORG] = Q_ORG_KEY, [RECORD_PERSON] = Q_PERSON_KEY,
		[RECORD_SOURCE] = Q_SOURCE_KEY, [RECORD_EVENT] = Q_EVENT_KEY,
	};
	bool memo = s->keys_kept && kind != RECORD_EVENT;
	size_t kept = 0;
	if (memo && idset_find(&s->keys[kind], id, &kept))
		return (sqlite3_int64)kept;
	store_binding b = store_take(s, q[kind], NULL);
	if (!b.st)
		return 0;
	sqlite3_int64 key = 0;
	store_bind_text(&b, ":id", id);
	if (store_bound(&b, "finding a record", NULL) == YP_OK &&
	    sqlite3_step(b.st) == SQLITE_ROW)
		key = sqlite3_column_int64(b.st, 0);
	sqlite3_reset(b.st);
	/* a key that fits (any rowid on 64 bits); out of memory, it is
	 * simply looked up again next time */
	if (memo && key > 0 && (uint64_t)key <= SIZE_MAX)
		idset_add_copy(&s->keys[kind], id, (size_t)key, NULL);
	return key;
}

void store_forget_keys(store *s)
{
	for (size_t i = 0; i < sizeof(s->keys) / sizeof(s->keys[0]); i++)
		idset_free(&s->keys[i]);
}

yp_status store_exec(store *s, const char *sql, const char *what,
		     yp_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(s, err, what);
	return YP_OK;
}
