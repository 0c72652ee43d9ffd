/* import_priv.h: what the import*.c files share and nobody else sees: the
 * writer of checked records (import_write.c), the checks of references
 * between records (import_refs.c) and the reader of a JSON document
 * (import_doc.c). import.c tells NDJSON from a document and reads files. */
#ifndef YEONPYO_IMPORT_PRIV_H
#define YEONPYO_IMPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/decode.h"
#include "yeonpyo/import.h"
#include "yeonpyo/model.h"
#include "yeonpyo/store.h"

/* Every this many records the progress line may be rewritten. */
#define IMPORT_PROGRESS_EVERY 256

/* A link of an event to another, kept until the end of the input: the
 * event it names may come later (or, in a document, be held), and a
 * link's row needs both events stored. */
typedef struct {
	char *event;     /* the linking event's id */
	char *target;
	char *kind;
	size_t index;    /* in the event's links, for its path */
	unsigned line;   /* NDJSON: the event's line; 0 in a document */
	bool write;      /* the event was written: so is the link */
} import_link;

typedef struct {
	store *s;
	store_origin origin;
	import_stats *stats;
	yp_error *err;
	import_link *links;  /* waiting for import_write_finish */
	size_t n_links, cap_links;
	bool noting;         /* NDJSON: the ids of the events read but not
			      * written (after a problem) are noted in the
			      * store (store_ids_add); the others are in
			      * the database, so a feed of any size costs
			      * memory for its links alone */
} import_writer;

/* Tells the progress meter, if any, that done of total bytes are read. */
void import_write_progress(const import_writer *w, size_t done, size_t total);

/* Each stores one record and counts it (or counts it kept, when a built-in
 * record yields to the user's); an organization is stored without its
 * parent, which import_write_org_parent links once the parent is there. */
yp_status import_write_org(import_writer *w, const yp_org *o);
yp_status import_write_org_parent(import_writer *w, const yp_org *o);
yp_status import_write_person(import_writer *w, const yp_person *p);
yp_status import_write_source(import_writer *w, const yp_source *src);
yp_status import_write_event(import_writer *w, const yp_event *e);

/* An event of an NDJSON feed, on line c->line, whose other references
 * resolve: written when write is set, and its links kept to be checked
 * (and written with it) at the end. */
yp_status import_write_feed_event(import_writer *w, decode_ctx *c,
				  const yp_event *e, bool write);

/* At the end of the input, which had no problem (YP_OK) or only problems
 * in the data (YP_DATAERR): checks the links of a feed's events, then,
 * when no problem was found, writes every kept link. Returns YP_OK,
 * YP_DATAERR (the problems in c's diag) or a store error in w->err. */
yp_status import_write_finish(import_writer *w, decode_ctx *c);

/* Lets go of what the writer kept. */
void import_writer_free(import_writer *w);

/* Each checks that the references of a record (at path) name a record of
 * the document (in_doc: one whose id is noted with store_ids_add; false
 * for NDJSON) or of the database, and reports each
 * that does not, at its position in at (from import_refs_locate; NULL when
 * the messages need none, as NDJSON's, which name the line). An event's
 * links are checked here in a document only: in NDJSON an event may link
 * to one on a later line, and import_write_finish checks them at the end
 * (import_write_feed_event keeps what it needs). */
bool import_refs_check_org(decode_ctx *c, store *s, bool in_doc,
			   const yp_org *o, const char *path,
			   const decode_pos *at);
bool import_refs_check_person(decode_ctx *c, store *s, bool in_doc,
			      const yp_person *p, const char *path,
			      const decode_pos *at);
bool import_refs_check_event(decode_ctx *c, store *s, bool in_doc,
			     const yp_event *e, const char *path,
			     const decode_pos *at);

/* Where the references of rec are, a record of kind that decoded without
 * a problem, for a check made after its JSON is freed: an organization's
 * parent, a person's organization, or an event's organizations, people,
 * sources and links, in that order. *out is NULL for a record with none, else an
 * array to free; false when memory runs out. */
bool import_refs_locate(record_kind kind, const json_value *rec,
			decode_pos **out);

/* Validates and writes the JSON document buf[0..len); mapped says buf is
 * a file mapping whose pages may be given back as the reader passes. */
yp_status import_doc_read(import_writer *w, decode_ctx *c, const char *buf,
			  size_t len, bool mapped);

#endif
