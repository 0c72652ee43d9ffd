/* store_ids.c: the ids an import has read, each with the place it was
 * first read at, in a temporary table for the length of the import. Held
 * in a hash, a document of a million events kept 32 MB of slots and its
 * ids for the whole import (48 MB while the slots doubled); SQLite keeps
 * the table in a temporary file behind its small default cache, and the
 * transaction that holds the import rolls it back with everything else. */
#include "store_priv.h"

#include <assert.h>
#include <stdint.h>

yp_status store_ids_begin(store *s, yp_error *err)
{
	/* made on the first import, not when the store opens: the browser,
	 * which imports nothing, would pay for it before its first frame */
	sqlite3_stmt *st = store_stmt(s, Q_IMPORT_IDS_CREATE, err);
	if (!st)
		return err ? err->status : YP_SOFTWARE;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sql_fail(s, err, "noting an import's ids");
	return store_ids_end(s, err);
}

yp_status store_ids_end(store *s, yp_error *err)
{
	store_binding b = store_take(s, Q_IMPORT_IDS_CLEAR, err);
	if (!b.st)
		return err ? err->status : YP_SOFTWARE;
	return store_run(&b, "noting an import's ids", err);
}

/* The place id was first seen at; false when it was not seen, or when that
 * cannot be read (err, when given, says why). */
static bool import_id_place(store *s, record_kind kind, const char *id,
		       size_t *place, yp_error *err)
{
	store_binding b = store_take(s, Q_IMPORT_ID_PLACE, err);
	if (!b.st)
		return false;
	store_bind_int(&b, ":kind", kind);
	store_bind_text(&b, ":id", id);
	bool found = false;
	if (store_first_row(&b, "noting an import's ids", &found, err) !=
	    YP_OK || !found)
		return false;
	*place = (size_t)sqlite3_column_int64(b.st, 0);
	sqlite3_reset(b.st);
	return true;
}

yp_status store_ids_add(store *s, record_kind kind, const char *id,
			 size_t place, bool *added, size_t *first,
			 yp_error *err)
{
	assert(err && (uint64_t)place <= INT64_MAX);
	*added = false;
	store_binding b = store_take(s, Q_IMPORT_ID_ADD, err);
	if (!b.st)
		return err ? err->status : YP_SOFTWARE;
	store_bind_int(&b, ":kind", kind);
	store_bind_text(&b, ":id", id);
	store_bind_int(&b, ":place", (sqlite3_int64)place);
	yp_status rc = store_run(&b, "noting an import's ids", err);
	if (rc != YP_OK)
		return rc;
	*added = sqlite3_changes(s->db) > 0;
	if (*added || import_id_place(s, kind, id, first, err))
		return YP_OK;
	/* not added, yet not there: only a failed read can say so */
	return err->status ? err->status
			   : yp_fail(err, YP_SOFTWARE, "%s: id noted but not "
				     "found", id);
}

bool store_ids_has(store *s, record_kind kind, const char *id)
{
	size_t place;
	return import_id_place(s, kind, id, &place, NULL);
}
