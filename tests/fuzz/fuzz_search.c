/* fuzz_search.c: libFuzzer target for search queries: any text typed at
 * the prompt becomes an FTS5 query that runs (never an SQL error or a
 * crash) against a database with a few events. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yeonpyo/import.h"
#include "yeonpyo/search.h"

static store *db;

static const char feed[] =
	"{\"event\": {\"id\": \"a\", \"date\": \"2025-02-04\", \"status\":"
	" \"done\", \"kind\": \"launch\", \"title\": {\"ko\": \"SK텔레콤 AI 동맹\","
	" \"en\": \"Telco AI alliance\"}, \"summary\": {\"en\": \"S.\"}}}\n"
	"{\"event\": {\"id\": \"b\", \"date\": \"2021\", \"status\": \"done\","
	" \"kind\": \"plan\", \"title\": {\"ko\": \"카이스트 연구소\"},"
	" \"summary\": {\"ko\": \"요약.\"}}}\n";

static store *open_once(void)
{
	if (db)
		return db;
	char path[] = "/tmp/yeonpyo-fuzz-search-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	close(fd);
	unlink(path);
	yp_error err = {0};
	db = store_open(path, &err);
	diag d = DIAG_INIT;
	import_stats st;
	memset(&st, 0, sizeof(st));
	if (!db || store_begin(db, &err) != YP_OK ||
	    import_buffer(db, "seed", feed, sizeof(feed) - 1, ORIGIN_USER, &st,
			  &d, &err) != YP_OK ||
	    store_commit(db, &err) != YP_OK) {
		fprintf(stderr, "fuzz_search: setup failed: %s\n", err.message);
		abort();
	}
	diag_free(&d);
	import_stats_clear(&st);
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	store *s = open_once();
	char *q = malloc(size + 1);
	if (!q)
		return 0;
	memcpy(q, data, size);
	q[size] = '\0';
	strbuf match = STRBUF_INIT;
	if (search_build_query(q, &match)) {
		event_filter f = {.match = strbuf_str(&match)};
		yp_error err = {0};
		if (store_rows_total(s, &f, &err) < 0) {
			fprintf(stderr, "query %s failed: %s\n",
				strbuf_str(&match), err.message);
			abort();
		}
	}
	strbuf_free(&match);
	search_words_free(search_words(q));
	free(q);
	return 0;
}
