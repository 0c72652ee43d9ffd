/* encode.h: writing model records as yeonpyo/1 JSON, pretty (documents)
 * or compact (NDJSON lines), with a fixed key order so that output is
 * byte-for-byte reproducible. */
#ifndef YEONPYO_ENCODE_H
#define YEONPYO_ENCODE_H

#include <stdbool.h>

#include "yeonpyo/model.h"
#include "yeonpyo/strbuf.h"

typedef enum { ENCODE_COMPACT, ENCODE_PRETTY } encode_style;

/* Each appends one record object; in pretty style indent is the nesting
 * level (two spaces each) of the line the object starts on. */
void encode_org(strbuf *sb, const yp_org *o, encode_style style, int indent);
void encode_person(strbuf *sb, const yp_person *p, encode_style style,
		   int indent);
void encode_source(strbuf *sb, const yp_source *src, encode_style style,
		   int indent);
void encode_event(strbuf *sb, const yp_event *e, encode_style style,
		  int indent);
/* encode_event for a search's result, its members followed by "in_note":
 * whether the user's note on it matched. search prints it; it is no
 * member of yeonpyo/1, whose readers refuse it. */
void encode_found_event(strbuf *sb, const yp_event *e, bool in_note,
			encode_style style, int indent);

/* A yeonpyo/1 document written piece by piece: begin, then for each
 * section a section call followed by its items, then end. */
typedef struct {
	strbuf *sb;
	bool in_section;
	bool first_item;
} encode_doc;

void encode_doc_begin(encode_doc *doc, strbuf *sb);
void encode_doc_section(encode_doc *doc, const char *name);
/* Starts the next item of the open section; then call an encode_* with
 * ENCODE_PRETTY and indent 2. */
void encode_doc_item(encode_doc *doc);
/* Starts a member of the document other than a section, closing the open
 * section; its value is the caller's to append, on the lines of indent 1.
 * For what show adds to a document, never part of yeonpyo/1. */
void encode_doc_member(encode_doc *doc, const char *name);
void encode_doc_end(encode_doc *doc);

#endif
