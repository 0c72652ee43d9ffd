/* import.h: reading a yeonpyo/1 JSON document or NDJSON feed into the
 * store, with every problem reported and nothing written when there is one.
 * The caller owns the transaction, so that "all or nothing" is decided in
 * one place (and the built-in dataset refresh can wrap it). */
#ifndef YEONPYO_IMPORT_H
#define YEONPYO_IMPORT_H

#include <stddef.h>

#include "yeonpyo/decode.h"
#include "yeonpyo/diag.h"
#include "yeonpyo/progress.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"

typedef struct {
	long orgs, people, sources, events;  /* records written */
	long kept;                /* built-in records skipped for user ones */
	bool has_dataset;
	yp_dataset_info dataset;  /* cleared by import_stats_clear */
	progress *meter;          /* set by the caller, or NULL */
} import_stats;

void import_stats_clear(import_stats *st);

/* Validates buf (named name in messages) and writes its records with the
 * given origin. Returns YP_OK; YP_DATAERR with the problems in d (the
 * caller must roll back: NDJSON lines before the first problem may have
 * been written); or a store error in err. */
yp_status import_buffer(store *s, const char *name, const char *buf,
			size_t len, store_origin origin, import_stats *stats,
			diag *d, yp_error *err);

/* import_buffer on the file at path ("-" for standard input), reading
 * NDJSON a line at a time and mapping a document (a pipe is copied to a
 * temporary file first), so memory does not grow with the input;
 * stats->meter, when set, hears of the bytes read. */
yp_status import_file(store *s, const char *path, store_origin origin,
		      import_stats *stats, diag *d, yp_error *err);

#endif
