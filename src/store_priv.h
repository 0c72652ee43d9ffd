/* store_priv.h: what the store_*.c files share and nobody else sees: the
 * connection and its cache of prepared statements. */
#ifndef YEONPYO_STORE_PRIV_H
#define YEONPYO_STORE_PRIV_H

#include <stdint.h>

#include <sqlite3.h>

#include "yeonpyo/idset.h"
#include "yeonpyo/store.h"

/* Every statement the store runs more than once, prepared on first use and
 * kept, so a bulk import does not re-parse SQL per row. */
typedef enum {
	Q_META_GET,
	Q_META_SET,
	Q_ORG_KEY,
	Q_PERSON_KEY,
	Q_SOURCE_KEY,
	Q_EVENT_KEY,
	Q_ORG_PUT,
	Q_ORG_PARENT,
	Q_PERSON_PUT,
	Q_SOURCE_PUT,
	Q_EVENT_PUT,
	Q_EVENT_CLEAR_ORGS,
	Q_EVENT_CLEAR_PEOPLE,
	Q_EVENT_CLEAR_SOURCES,
	Q_EVENT_CLEAR_TAGS,
	Q_EVENT_CLEAR_FIGURES,
	Q_EVENT_ADD_ORG,
	Q_EVENT_ADD_PERSON,
	Q_EVENT_ADD_SOURCE,
	Q_EVENT_ADD_TAG,
	Q_EVENT_ADD_FIGURE,
	Q_ORG_GET,
	Q_PERSON_GET,
	Q_SOURCE_GET,
	Q_EVENT_GET,
	Q_EVENT_ORGS,
	Q_EVENT_PEOPLE,
	Q_EVENT_SOURCES,
	Q_EVENT_TAGS,
	Q_EVENT_FIGURES,
	Q_FTS_DIRTY_EVENT,
	Q_FTS_DIRTY_ORG,
	Q_FTS_DIRTY_PERSON,
	Q_ROW_ORGS,
	Q_COUNT
} store_query;

/* The events a broad search finds, one bit per event key, read straight
 * from the search index: gathering 760,000 matches into a sorted table
 * costs a second at a million events (a lookup of each row), where the
 * index alone takes a tenth of that. Windows then read the timeline's
 * index and skip the rows whose bit is clear. */
typedef struct {
	uint64_t *bits;
	sqlite3_int64 n_bits;
	long count;            /* bits set */
	long *months;          /* the months that have events, ascending */
	long *before;          /* matches before each month, counted lazily */
	size_t n_months;
	size_t known;          /* before[0..known] are counted, */
	size_t known_end;      /* and before[known_end..n_months] */
} hit_map;

struct store {
	sqlite3 *db;
	char *path;
	int found_version;
	sqlite3_stmt *stmts[Q_COUNT];
	char *hits_of;       /* the filter the hits hold, or NULL (stale) */
	bool mapped;         /* they are in map, not in temp.hits */
	hit_map map;
	long map_min;        /* fewest matches kept as a map */
	/* Inside a write transaction, the keys of the organizations, people
	 * and sources looked up so far: an import refers to a few thousand of
	 * them a million times. Nothing else writes meanwhile, and only the
	 * dataset refresh deletes (it forgets them). */
	idset keys[RECORD_EVENT];
	bool keys_kept;
	bool checks_off;     /* foreign keys unchecked in a bulk write */
	bool (*stop)(void *ctx);  /* store_set_interrupt's */
	void *stop_ctx;
	bool interrupted;
};

/* The cached statement for q, reset and with its bindings cleared; NULL
 * (with err set) when it cannot be prepared. */
sqlite3_stmt *store_stmt(store *s, store_query q, yp_error *err);

/* Drops the keys kept in the write transaction (records were deleted). */
void store_forget_keys(store *s);

/* Sets err from the connection's last error: "PATH: what: sqlite message",
 * choosing YP_IOERR for I/O and locking, YP_DATAERR for corruption. */
yp_status store_sql_fail(store *s, yp_error *err, const char *what);

/* Binds a string or NULL; SQLITE_TRANSIENT is not needed since the strings
 * outlive the statement step. */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);

/* A column's text copied with strdup, or NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *st, int i);

/* What the search index holds for event e (a row of events), as select
 * columns: rowid, title, body, names, cho. Shared by the migration that
 * builds the index and by the refresh after writes. */
#define FTS_NAMES_KO \
	"coalesce((SELECT group_concat(coalesce(o.name_ko, '') || ' ' ||" \
	" coalesce(o.short_name, ''), ' ') FROM event_orgs l JOIN organizations o" \
	" ON o.oid = l.oid WHERE l.eid = e.eid), '') || ' ' ||" \
	" coalesce((SELECT group_concat(coalesce(p.name_ko, ''), ' ')" \
	" FROM event_people l JOIN people p ON p.pid = l.pid" \
	" WHERE l.eid = e.eid), '')"
#define FTS_ROW \
	"e.eid," \
	" coalesce(e.title_ko, '') || ' ' || coalesce(e.title_en, '')," \
	" (e.date_key / 10000) || ' ' ||" \
	" coalesce(e.summary_ko, '') || ' ' || coalesce(e.summary_en, '') ||" \
	" ' ' || coalesce(e.notes_ko, '') || ' ' || coalesce(e.notes_en, '') ||" \
	" ' ' || coalesce((SELECT group_concat(coalesce(f.label_ko, '') || ' ' ||" \
	" coalesce(f.label_en, '') || ' ' || f.value, ' ') FROM figures f" \
	" WHERE f.eid = e.eid), '') || ' ' || coalesce((SELECT" \
	" group_concat(t.tag, ' ') FROM event_tags t WHERE t.eid = e.eid), '')" \
	" || ' ' || coalesce((SELECT group_concat(s.title || ' ' || s.publisher," \
	" ' ') FROM event_sources l JOIN sources s ON s.sid = l.sid" \
	" WHERE l.eid = e.eid), '')," \
	" " FTS_NAMES_KO " || ' ' || coalesce((SELECT" \
	" group_concat(coalesce(o.name_en, ''), ' ') FROM event_orgs l" \
	" JOIN organizations o ON o.oid = l.oid WHERE l.eid = e.eid), '') ||" \
	" ' ' || coalesce((SELECT group_concat(coalesce(p.name_en, ''), ' ')" \
	" FROM event_people l JOIN people p ON p.pid = l.pid" \
	" WHERE l.eid = e.eid), '')," \
	" choseong(coalesce(e.title_ko, '') || ' ' || " FTS_NAMES_KO ")"

/* Runs SQL that returns no rows; err says what failed while doing what. */
yp_status store_exec(store *s, const char *sql, const char *what,
		     yp_error *err);

/* Attaches an empty state in memory (store_attach_state replaces it). */
yp_status store_state_memory(store *s, yp_error *err);

/* Registers yp_hit(eid), true when the event is in the map. */
int store_hits_register(store *s);

/* Lets go of the hits of the last filter: the records may change. */
void store_hits_forget(store *s);

/* Fills the map with what the search index finds for match. */
yp_status store_hits_map(store *s, const char *match, yp_error *err);

/* How many events of the map come before key; -1 on error. The months
 * before key's are counted once each, when first needed. */
long store_hits_before(store *s, const row_key *key, yp_error *err);

/* The organizations of event e, per language; group_concat keeps the
 * order of its ordered subquery in SQLite. */
#define ROW_ORGS(E) \
	" (SELECT group_concat(n, '\xc2\xb7') FROM (SELECT" \
	"  coalesce(o.short_name, o.name_ko, o.name_en) AS n" \
	"  FROM event_orgs l JOIN organizations o ON o.oid = l.oid" \
	"  WHERE l.eid = " E " ORDER BY l.pos))," \
	" (SELECT group_concat(n, '\xc2\xb7') FROM (SELECT" \
	"  coalesce(o.short_name, o.name_en, o.name_ko) AS n" \
	"  FROM event_orgs l JOIN organizations o ON o.oid = l.oid" \
	"  WHERE l.eid = " E " ORDER BY l.pos))"

/* Hands each month of the map with its matches to fn, counting those
 * not counted yet. */
yp_status store_hits_months(store *s, store_count_fn fn, void *ctx,
			    yp_error *err);

/* The integer key (rowid) of the record with this slug, or 0. */
sqlite3_int64 store_key(store *s, record_kind kind, const char *id);

#endif
