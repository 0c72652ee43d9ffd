/* store.h: the SQLite model of the timeline. The store's files (store*.c)
 * are the only ones that speak SQL; everything else reads and writes model
 * records through here. */
#ifndef YEONPYO_STORE_H
#define YEONPYO_STORE_H

#include <stdbool.h>

#include "yeonpyo/model.h"
#include "yeonpyo/status.h"

/* The schema version this binary writes; PRAGMA user_version holds the one
 * a database has. */
#define STORE_SCHEMA_VERSION 11

typedef struct store store;

/* Who wrote a record: the dataset built into the binary, or the user (by
 * import). A refresh of the built-in dataset never touches user records. */
typedef enum { ORIGIN_BUILTIN, ORIGIN_USER } store_origin;

typedef enum { RECORD_ORG, RECORD_PERSON, RECORD_SOURCE, RECORD_EVENT } record_kind;

/* Opens (creating if missing) the database at path and migrates it to
 * STORE_SCHEMA_VERSION. Refuses a file that is not a yeonpyo database or
 * has a newer schema. Returns NULL with err set on failure; close with
 * store_close. */
store *store_open(const char *path, yp_error *err);
void store_close(store *s);
const char *store_path(const store *s);

/* Whether the file is open for reading only (no write permission). */
bool store_readonly(const store *s);
/* Puts the database back in rollback-journal mode, so that users who can
 * read it but not write its directory can still open it (WAL mode needs
 * its -shm file beside it). */
yp_status store_share(store *s, yp_error *err);

/* The schema version found in the file before store_open migrated it. */
int store_found_version(const store *s);

/* Checks the whole file (SQLite's integrity_check) and the search index
 * against the records; each problem found is passed to fn. Returns YP_OK
 * whether or not there were problems (*problems counts them), or the
 * error that kept the check from running. */
yp_status store_check(store *s, void (*fn)(const char *problem, void *ctx),
		      void *ctx, long *problems, yp_error *err);

/* Rebuilds the timeline's index in one pass, after a bulk import wrote
 * most of its rows: built row by row it ends up in scattered half-full
 * pages, and a window then reads twice as many. */
yp_status store_compact_timeline(store *s, yp_error *err);

yp_status store_begin(store *s, yp_error *err);
/* store_begin for an import: a page cache fit for a bulk write (8 MB),
 * and SQLite's foreign key checks off until the transaction ends, since
 * the importer resolves every reference before it writes a link (checked
 * again, they were a tenth of an import's time). */
yp_status store_bulk_begin(store *s, yp_error *err);
/* Brings the search index up to date with the events written in this
 * transaction; store_commit does it too, so calling it first only lets
 * the caller see (and time) that step apart. */
yp_status store_fts_flush(store *s, yp_error *err);
yp_status store_commit(store *s, yp_error *err);
void store_rollback(store *s);

/* Metadata key/value pairs (dataset version, settings). store_meta_get
 * returns a string the caller frees, or NULL when the key is absent. */
char *store_meta_get(store *s, const char *key);
yp_status store_meta_set(store *s, const char *key, const char *value,
			 yp_error *err);

bool store_has(store *s, record_kind kind, const char *id);

/* The ids an import has read, by kind, each with the place (an index or
 * a line) it was first read at, kept in the database's temporary store
 * so that their number costs no memory. begin empties them, end lets
 * them go; both inside the import's transaction. add notes id at place:
 * *added clear when it was there already, *first then its first place.
 * has says whether id was noted (false, too, when that cannot be read). */
yp_status store_ids_begin(store *s, yp_error *err);
yp_status store_ids_end(store *s, yp_error *err);
yp_status store_ids_add(store *s, record_kind kind, const char *id,
			 size_t place, bool *added, size_t *first,
			 yp_error *err);
bool store_ids_has(store *s, record_kind kind, const char *id);

/* Writes a record, replacing one with the same id (an event's links are
 * replaced too). References must resolve (the caller validates them first).
 * A built-in write never replaces a user record: *written says whether the
 * record was written (may be NULL). */
yp_status store_put_org(store *s, const yp_org *o, store_origin origin,
			bool *written, yp_error *err);
yp_status store_put_person(store *s, const yp_person *p, store_origin origin,
			   bool *written, yp_error *err);
yp_status store_put_source(store *s, const yp_source *src, store_origin origin,
			   bool *written, yp_error *err);
yp_status store_put_event(store *s, const yp_event *e, store_origin origin,
			  bool *written, yp_error *err);
/* An event's links to other events are written once both ends are:
 * clear removes those of event id, put adds the one at pos (from 0) of
 * its links to event target, which must be stored (store_put_event
 * clears them when it replaces an event). */
yp_status store_clear_event_links(store *s, const char *id, yp_error *err);
yp_status store_put_event_link(store *s, const char *id, size_t pos,
			       const char *target, const char *kind,
			       yp_error *err);
/* Sets an organization's parent after all organizations of a document are
 * written, so parents may come after their children. */
yp_status store_set_org_parent(store *s, const char *id, const char *parent,
			       store_origin origin, yp_error *err);

/* Refreshing the built-in dataset: mark marks every built-in record stale;
 * writing a record again makes it current; prune deletes what is still
 * stale and no user record refers to. Call inside one transaction. */
yp_status store_builtin_mark(store *s, yp_error *err);
yp_status store_builtin_prune(store *s, yp_error *err);

/* Reading. The get functions fill *out (cleared by the matching
 * model_*_clear) and return YP_NOINPUT when the id does not exist. */
yp_status store_get_org(store *s, const char *id, yp_org *out, yp_error *err);
yp_status store_get_person(store *s, const char *id, yp_person *out,
			   yp_error *err);
yp_status store_get_source(store *s, const char *id, yp_source *out,
			   yp_error *err);
yp_status store_get_event(store *s, const char *id, yp_event *out,
			  yp_error *err);

/* One link of an event, as the event shows it: to the event it names
 * (incoming false), in the order written, or from an event that names it
 * (incoming true), by date; with the other event's date and title. */
typedef struct {
	char *id;           /* the other event's */
	char *kind;         /* VOCAB_LINK_KIND */
	bool incoming;
	yp_date date;
	yp_text title;
} store_event_link;

typedef struct {
	store_event_link *items;
	size_t n;
} store_event_links;

/* Fills *out (freed with store_event_links_free) with the links of event
 * id both ways: its own first, then those to it. */
yp_status store_get_event_links(store *s, const char *id,
				store_event_links *out, yp_error *err);
void store_event_links_free(store_event_links *l);

/* Which events store_each_event visits, in (date, id) order. Zero or NULL
 * fields do not filter. */
typedef struct {
	long from_day;          /* events whose span ends on or after this YYYYMMDD */
	long to_day;            /* events that start on or before this YYYYMMDD */
	const char *org;        /* linked to this organization id */
	const char *tag;        /* carrying this tag */
	const char *person;     /* linked to this person id */
	const char *match;      /* found by this search (search_build_query),
				 * in the event's own text or its note */
	bool marked;            /* marked by the user (store_set_marked) */
	bool noted;             /* with a note of the user's (store_note_set) */
} event_filter;

/* Callbacks get a record valid only during the call; returning false stops
 * the walk (the function then returns YP_OK). */
typedef bool (*store_org_fn)(const yp_org *o, void *ctx);
typedef bool (*store_person_fn)(const yp_person *p, void *ctx);
typedef bool (*store_source_fn)(const yp_source *src, void *ctx);
typedef bool (*store_event_fn)(const yp_event *e, void *ctx);

/* Organizations come parents first, then by id; people and sources by id. */
yp_status store_each_org(store *s, store_org_fn fn, void *ctx, yp_error *err);
yp_status store_each_person(store *s, store_person_fn fn, void *ctx,
			    yp_error *err);
yp_status store_each_source(store *s, store_source_fn fn, void *ctx,
			    yp_error *err);
yp_status store_each_event(store *s, const event_filter *f, store_event_fn fn,
			   void *ctx, yp_error *err);

/* What a timeline row shows of an event, without its texts and links. */
typedef struct {
	char *id;
	yp_date date;
	yp_date end_date;
	bool planned;
	yp_text title;
	yp_text orgs;   /* short names (else names) joined by U+00B7, per language;
			 * from store_rows_from, the labels kept on the event
			 * ("" for none) */
	long long key;  /* the event's key in the store, for store_row_orgs */
	bool marked;    /* the user's marks: from store_rows_from only */
	bool seen;
	bool noted;     /* the event has a note (store_note_get) */
} event_row;

typedef bool (*store_row_fn)(const event_row *row, void *ctx);

/* The rows of the events f selects, in (date, id) order. */
yp_status store_each_row(store *s, const event_filter *f, store_row_fn fn,
			 void *ctx, yp_error *err);

/* A place in timeline order: events sort by (date_key, id). */
typedef struct {
	long date_key;
	const char *id;
} row_key;

typedef enum {
	WINDOW_FIRST,   /* from the first row on */
	WINDOW_LAST,    /* from the last row back */
	WINDOW_AT,      /* from the key on, the row at it included */
	WINDOW_AFTER,   /* the rows after the key */
	WINDOW_BEFORE   /* the rows before the key, nearest first */
} row_window;

/* At most limit rows that f selects, from a place in timeline order
 * (from is ignored for FIRST and LAST): single indexed queries, so a
 * window costs the same at a million events as at thirty. */
yp_status store_rows_from(store *s, const event_filter *f, const row_key *from,
			  row_window how, long limit, store_row_fn fn, void *ctx,
			  yp_error *err);

/* The organizations of the event with this key (event_row.key), as
 * event_row.orgs has them, newly allocated into out (empty strings when
 * it has none): the timeline reads them for the rows it shows only, since
 * they lie on pages scattered over the file, one per row. */
yp_status store_row_orgs(store *s, long long key, yp_text *out,
			 yp_error *err);

/* How many rows f selects from from (NULL: the first) up to but not
 * including to: an index range, so it costs the distance, not the place. */
long store_rows_between(store *s, const event_filter *f, const row_key *from,
			const row_key *to, yp_error *err);

/* How many rows f selects before key, and in all; -1 on error. */
long store_rows_before(store *s, const event_filter *f, const row_key *key,
		       yp_error *err);
long store_rows_total(store *s, const event_filter *f, yp_error *err);

/* A search, a tag, an organization or a person alone that finds at least
 * this many events (and a 64th of all) is kept as a map of event keys,
 * read from the search index or the links' index alone; fewer, and any
 * other filter, are gathered, sorted, into a table. store_tune_search
 * changes the number (0: this default) for tests and benchmarks, to
 * compare the two. */
#define STORE_MAP_MIN 4096
void store_tune_search(store *s, long map_min);
/* Whether the last filter's events are kept as a map. */
bool store_search_mapped(const store *s);

/* While stop is set, a statement asks it every few thousand steps and
 * ends early when it answers true, failing: a search gives way to keys
 * typed meanwhile. store_interrupted says whether one ended so since stop
 * was set; NULL clears it. */
void store_set_interrupt(store *s, bool (*stop)(void *ctx), void *ctx);
bool store_interrupted(const store *s);

/* The user's own state: the events they marked, those they have seen in
 * the detail pane and their notes, keyed by event id, so that all outlive
 * dataset refreshes and work over a database shared read-only, and where
 * they left each timeline. It lives in memory until this attaches the file
 * at path (created with its tables when missing, upgraded when older); on
 * failure it stays in memory and err says why. */
yp_status store_attach_state(store *s, const char *path, yp_error *err);
/* Marks or unmarks event id. */
yp_status store_set_marked(store *s, const char *id, bool marked,
			   yp_error *err);
/* Records that event id was seen. */
yp_status store_set_seen(store *s, const char *id, yp_error *err);
/* How many columns the terminal type term (TERM) was last found to give
 * an East Asian Ambiguous character and a VT100 line-drawing one: 1 or 2
 * each, or 0 when never found. */
void store_terminal_widths(store *s, const char *term, int *ambiguous,
			   int *lines);
yp_status store_set_terminal_widths(store *s, const char *term, int ambiguous,
				    int lines, yp_error *err);

/* The user's notes on events, kept in the state by event id beside the
 * marks (so they outlive refreshes and work over a database shared
 * read-only), each with the time it was written (seconds since 1970). A
 * note is what note_text_clean (note.h) makes of the text given; the
 * search finds events by their notes as by their own text. */

/* The note on event id into *text (to free) and *at; *text is NULL and
 * *at 0 when it has none. A note outlives its event (a refresh may drop a
 * built-in one), and is read all the same. */
yp_status store_note_get(store *s, const char *id, char **text, long long *at,
			 yp_error *err);
/* Sets the note on event id, stamped now, replacing the one it had.
 * YP_NOINPUT ("no event with id \"ID\"") when the timeline has no such
 * event; YP_DATAERR ("note for \"ID\": must not be empty") when the text
 * is not a note (note.h), nothing written. */
yp_status store_note_set(store *s, const char *id, const char *text,
			 yp_error *err);
/* store_note_set with the time given, for notes read back (note --import). */
yp_status store_note_put(store *s, const char *id, const char *text,
			 long long at, yp_error *err);
/* Removes the note on event id; YP_NOINPUT when it has none ("event \"ID\"
 * has no note", or "no event with id \"ID\"" when there is neither). */
yp_status store_note_delete(store *s, const char *id, yp_error *err);
/* Every note, in event id order (bytes), each valid during the call only;
 * fn returning false stops the walk. */
yp_status store_each_note(store *s,
			  bool (*fn)(const char *id, const char *text,
				     long long at, void *ctx),
			  void *ctx, yp_error *err);
/* Whether the note on event id matches match (an FTS5 expression as
 * search_build_query makes them): false when it has no note. For a
 * search's rows to say that the note was found, row by row. */
yp_status store_note_matches(store *s, const char *id, const char *match,
			     bool *found, yp_error *err);

/* Where the browser left a timeline database, to resume there: the event
 * selected (with its date_key, to find its place when the event is gone),
 * the language, and whether the detail pane was hidden. Kept in the state
 * per database, named as the caller names it (store_path). */
typedef struct {
	char *event_id;      /* may be NULL */
	long date_key;
	char *lang;          /* "ko" or "en" as the caller wrote it; may be NULL */
	bool detail_hidden;
	bool found;          /* store_place_get: there was a place for db */
} store_place;

/* The place kept for db into *out (clear it with store_place_clear): all
 * zero and NULL, found false, when none is. */
yp_status store_place_get(store *s, const char *db, store_place *out,
			  yp_error *err);
/* Keeps place (its found is not read) for db, replacing the last, stamped
 * now. */
yp_status store_place_set(store *s, const char *db, const store_place *place,
			  yp_error *err);
void store_place_clear(store_place *p);

/* The place of event id (out->id borrows id); YP_NOINPUT when none. */
yp_status store_event_key(store *s, const char *id, row_key *out,
			  yp_error *err);

typedef struct {
	long orgs, people, sources, events;
	long builtin_events, user_events;
} store_counts;

/* What the timeline can be narrowed by: an organization, a person, a tag
 * or a year, with how many events it has. */
typedef enum { FACET_ORG, FACET_PERSON, FACET_TAG, FACET_YEAR } facet_kind;

typedef struct {
	const char *id;      /* organization or person id, tag, or year */
	yp_text label;       /* names; the tag or year itself in both */
	const char *short_name;  /* organizations only, may be NULL */
	long events;
	long first_key;      /* date_key of its first and last event */
	long last_key;
	const char *org_kind;    /* organizations only */
	/* an organization's or a person's aliases, in their order, joined
	 * by FACET_ALIAS_SEP; NULL when none */
	const char *aliases;
} facet_item;

/* " · " (U+00B7 between spaces): what a list of names is read with */
#define FACET_ALIAS_SEP " \xc2\xb7 "

typedef bool (*store_facet_fn)(const facet_item *item, void *ctx);

/* Every organization, person, tag or year that has events, with counts,
 * in no particular order (the caller sorts for its language). */
yp_status store_each_facet(store *s, facet_kind kind, store_facet_fn fn,
			   void *ctx, yp_error *err);

/* How many events f selects in each month that has any, ascending; a
 * month is date_key / 100 (YYYYMM, MM 00 for dates known to the year).
 * Without a filter the counts are kept by triggers; a search kept as a
 * map counts the months it has not counted yet (a scan of the timeline's
 * index, which store_set_interrupt can stop). */
typedef bool (*store_count_fn)(long month, long n, void *ctx);
yp_status store_month_counts(store *s, const event_filter *f,
			     store_count_fn fn, void *ctx, yp_error *err);

/* How many events f selects per organization and year: each pair with
 * events, in no particular order (a walk of every link the filter keeps;
 * store_set_interrupt can stop it). */
typedef struct {
	const char *id;
	const char *short_name;  /* may be NULL */
	yp_text name;
	int year;
	long events;
} org_year;
typedef bool (*store_org_year_fn)(const org_year *item, void *ctx);
yp_status store_each_org_year(store *s, const event_filter *f,
			      store_org_year_fn fn, void *ctx, yp_error *err);

/* The ids of events that start with prefix, in byte order, at most
 * limit: a range of the ids' index, for completing them. */
typedef bool (*store_id_fn)(const char *id, void *ctx);
yp_status store_each_event_id(store *s, const char *prefix, long limit,
			      store_id_fn fn, void *ctx, yp_error *err);

/* The organizations that share the most events with organization id,
 * most first, at most limit; facet_item.events is the number shared. */
yp_status store_each_partner(store *s, const char *id, long limit,
			     store_facet_fn fn, void *ctx, yp_error *err);

/* An event a search found, and whether its note (store_note_set)
 * matched: alone, or as well as its own text. */
typedef bool (*store_found_fn)(const yp_event *e, bool in_note, void *ctx);

/* Events matching an FTS5 expression (as search_build_query makes them)
 * in their own text or their notes, best first (bm25, title and names
 * weighing most; a note weighs as a summary does, scored over the notes,
 * and an event ranks by the better of the two), ties in date order; at
 * most limit. Without notes, what the timeline's index alone finds. */
yp_status store_search(store *s, const char *match, long limit,
		       store_found_fn fn, void *ctx, yp_error *err);

yp_status store_count(store *s, store_counts *out, yp_error *err);

/* 1 when another connection (another process's import, a dataset
 * refresh) has committed to the timeline's file since this was last
 * asked (the first call sets the mark and says 0), else 0; -1 with err
 * set on failure. What the store kept of before (a search's rows) is let
 * go. Cheap: SQLite answers from memory when nothing changed. */
int store_changed(store *s, yp_error *err);

#endif
