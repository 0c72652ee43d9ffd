/* fuzz_import.c: libFuzzer target for the importer. Each input is imported
 * (JSON document or NDJSON, as the first line decides) into one database
 * and rolled back, so every input meets the same records. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yeonpyo/import.h"

static store *db;

static store *open_once(void)
{
	if (db)
		return db;
	char path[] = "/tmp/yeonpyo-fuzz-import-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	close(fd);
	unlink(path);  /* store_open creates it anew */
	yp_error err = {0};
	db = store_open(path, &err);
	if (!db) {
		fprintf(stderr, "fuzz_import: %s\n", err.message);
		abort();
	}
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	store *s = open_once();
	yp_error err = {0};
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	if (store_begin(s, &err) != YP_OK)
		abort();
	yp_status rc = import_buffer(s, "fuzz", (const char *)data, size,
				     ORIGIN_USER, &st, &d, &err);
	/* a data error always says what is wrong */
	if (rc == YP_DATAERR && d.count == 0)
		abort();
	store_rollback(s);
	diag_free(&d);
	import_stats_clear(&st);
	return 0;
}
