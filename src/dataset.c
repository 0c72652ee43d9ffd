/* dataset.c: installing and refreshing the built-in dataset. Built-in
 * records are marked as such in the store, so a refresh can replace them
 * wholesale while leaving what the user imported alone. */
#include "yeonpyo/dataset.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/import.h"

static void hash_text(const char *buf, size_t len, char out[17])
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)buf[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, 17, "%016" PRIx64, h);
}

static long meta_long(store *s, const char *key)
{
	char *v = store_meta_get(s, key);
	long n = v ? strtol(v, NULL, 10) : 0;
	free(v);
	return n;
}

static bool meta_equals(store *s, const char *key, const char *want)
{
	char *v = store_meta_get(s, key);
	bool same = v && strcmp(v, want) == 0;
	free(v);
	return same;
}

static yp_status record_version(store *s, const import_stats *st,
				const char *hash, yp_error *err)
{
	char version[24];
	snprintf(version, sizeof(version), "%ld", st->dataset.version);
	yp_status rc = store_meta_set(s, META_BUILTIN_VERSION, version, err);
	if (rc == YP_OK)
		rc = store_meta_set(s, META_BUILTIN_HASH, hash, err);
	if (rc == YP_OK && st->dataset.title.ko)
		rc = store_meta_set(s, META_TITLE_KO, st->dataset.title.ko, err);
	if (rc == YP_OK && st->dataset.title.en)
		rc = store_meta_set(s, META_TITLE_EN, st->dataset.title.en, err);
	return rc;
}

/* Inside a transaction: validate and load, then drop what the new version
 * no longer has. An older or equal version only records the hash, so
 * that the blob is not parsed again at the next start. */
static yp_status sync_locked(store *s, const char *name, const char *json,
			     size_t len, const char *hash, diag *d,
			     yp_error *err)
{
	import_stats st;
	memset(&st, 0, sizeof(st));
	yp_status rc = store_builtin_mark(s, err);
	if (rc == YP_OK)
		rc = import_buffer(s, name, json, len, ORIGIN_BUILTIN, &st, d, err);
	if (rc == YP_DATAERR)
		yp_fail(err, YP_SOFTWARE, "%s: the built-in dataset is invalid "
			"(%zu problems); this build is broken", name, d->count);
	if (rc == YP_OK && !st.has_dataset)
		rc = yp_fail(err, YP_SOFTWARE, "%s: the built-in dataset has no "
			     "\"dataset\" block", name);
	if (rc == YP_OK && st.dataset.version <= meta_long(s, META_BUILTIN_VERSION)) {
		/* not newer: undo the load, keep what is there */
		import_stats_clear(&st);
		return YP_NOINPUT;
	}
	if (rc == YP_OK)
		rc = store_builtin_prune(s, err);
	if (rc == YP_OK)
		rc = record_version(s, &st, hash, err);
	import_stats_clear(&st);
	return rc;
}

yp_status dataset_sync_from(store *s, const char *name, const char *json,
			    size_t len, diag *d, yp_error *err)
{
	if (meta_equals(s, META_BUILTIN, "off"))
		return YP_OK;
	char hash[17];
	hash_text(json, len, hash);
	if (meta_equals(s, META_BUILTIN_HASH, hash))
		return YP_OK;
	yp_status rc = store_begin(s, err);
	if (rc != YP_OK)
		return rc;
	rc = sync_locked(s, name, json, len, hash, d, err);
	if (rc == YP_NOINPUT) {
		store_rollback(s);
		if (store_begin(s, err) != YP_OK)
			return err->status;
		rc = store_meta_set(s, META_BUILTIN_HASH, hash, err);
	}
	if (rc != YP_OK) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

yp_status dataset_sync(store *s, yp_error *err)
{
	diag d = DIAG_INIT;
	yp_status rc = dataset_sync_from(s, "built-in dataset",
					 (const char *)dataset_builtin_json,
					 dataset_builtin_len, &d, err);
	if (rc != YP_OK && d.count)
		diag_print(&d, stderr);
	diag_free(&d);
	return rc;
}

yp_status dataset_disable(store *s, yp_error *err)
{
	return store_meta_set(s, META_BUILTIN, "off", err);
}
