/* names.h: what reports print for the records an event links to (every
 * organization's display name, every source's title and address), loaded
 * once so that a report of many events does not query per link. */
#ifndef YEONPYO_NAMES_H
#define YEONPYO_NAMES_H

#include "yeonpyo/idset.h"
#include "yeonpyo/model.h"
#include "yeonpyo/status.h"
#include "yeonpyo/store.h"

typedef struct {
	char *id;
	char *name;  /* an organization's short name, else its name; a
		      * source's title */
	char *url;   /* a source's address; NULL for organizations */
} name_entry;

typedef struct {
	name_entry *items;
	size_t len, cap;
	idset index;
	yp_lang lang;
	bool oom;
} name_table;

/* Loads every organization (names in lang) or every source into t;
 * free with names_free, also after a failure. */
yp_status names_load_orgs(store *s, name_table *t, yp_lang lang,
			  yp_error *err);
yp_status names_load_sources(store *s, name_table *t, yp_error *err);
void names_free(name_table *t);

/* The entry for id, or NULL. */
const name_entry *names_find(const name_table *t, const char *id);

/* The name for id, or id itself when there is none. */
const char *names_name(const name_table *t, const char *id);

#endif
