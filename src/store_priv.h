/* store_priv.h: what the store_*.c files share and nobody else sees: the
 * connection, the search's map of hits, and the calls between the files
 * above store_sql.c. */
#ifndef YEONPYO_STORE_PRIV_H
#define YEONPYO_STORE_PRIV_H

#include <stdint.h>

#include <sqlite3.h>

#include "store_sql.h"
#include "yeonpyo/idset.h"
#include "yeonpyo/store.h"


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
	char *state_path;    /* the state's file; NULL while it is in memory */
	/* makes the state in memory, when a statement first needs it (the
	 * browser attaches the file before any does); NULL once a state is
	 * attached. A pointer, so that store_sql.c calls store_state.c
	 * without the two depending on each other. */
	yp_status (*state_due)(store *s, yp_error *err);
	int found_version;
	sqlite3_stmt *stmts[Q_COUNT];
	/* each kept statement's parameter names, by index from 1 (a copy:
	 * SQLite's go when it prepares a statement again) */
	char **params[Q_COUNT];
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
	bool fts_triggers;   /* the search index's triggers made (store_begin) */
	bool (*stop)(void *ctx);  /* store_set_interrupt's */
	void *stop_ctx;
	bool interrupted;
	long data_version;   /* PRAGMA data_version when store_changed asked */
};

/* What reads a filter's events: the gathering into temp.hits, the rows
 * of store_each_row, the whole events of store_each_event. */
typedef enum {
	READ_GATHER, READ_EACH_ROW, READ_EACH_EVENT, READ_COUNT
} filter_reader;

/* The statement of reader for f (each has the filter's every clause)
 * that starts where f is narrowest: from the search index, from the
 * index of a person's, an organization's or a tag's links (the narrowest
 * kind first: a tag and an organization together read the
 * organization's 4,000 events, not the tag's 167,000, at a million), or
 * from the user's marks or notes; from every event only for dates alone,
 * or no filter. Without this SQLite read every event and asked each (half
 * a second at a million events for a tag no event has). */
store_query store_driven(const event_filter *f, filter_reader reader);

/* Attaches an empty state in memory (store_attach_state replaces it). */
yp_status store_state_memory(store *s, yp_error *err);

/* Registers yp_hit(eid), true when the event is in the map. */
int store_hits_register(store *s);

/* Lets go of the hits of the last filter: the records may change. */
void store_hits_forget(store *s);

/* Whether the state holds notes, whose matches a search adds to those of
 * the events' own text: without any, a search does not run the
 * statements that would add none (each costs an FTS5 query: 5% of a
 * narrow search's first window at 100,000 events). */
bool store_hits_from_notes(store *s);

/* Whether f selects by one set alone, which a map can hold: a search (in
 * the events' own text and in their notes), a tag, an organization or a
 * person, with no dates, marks or notes asked. */
bool store_hits_mappable(const event_filter *f);

/* Fills the map with the events of f, which store_hits_mappable says it
 * can hold, read from the index of that set alone. */
yp_status store_hits_map(store *s, const event_filter *f, yp_error *err);

/* How many events of the map come before key; -1 on error. The months
 * before key's are counted once each, when first needed. */
long store_hits_before(store *s, const row_key *key, yp_error *err);

/* Hands each month of the map with its matches to fn, counting those
 * not counted yet. */
yp_status store_hits_months(store *s, store_count_fn fn, void *ctx,
			    yp_error *err);

#endif
