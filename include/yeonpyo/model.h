/* model.h: the timeline's records as plain C structs, shared by import,
 * the store, export and the views. Every char * is owned by its record and
 * freed by the matching model_*_clear; NULL means "absent". */
#ifndef YEONPYO_MODEL_H
#define YEONPYO_MODEL_H

#include <stddef.h>

#include "yeonpyo/date.h"
#include "yeonpyo/strbuf.h"

typedef enum { LANG_KO, LANG_EN } yp_lang;

/* Text in Korean and English; either may be NULL. */
typedef struct {
	char *ko;
	char *en;
} yp_text;

typedef struct {
	char *id;
	yp_text name;
	char *short_name;
	char *kind;
	char *country;
	char *parent;
	char **aliases;   /* other names readers type: readings, former names */
	size_t n_aliases;
} yp_org;

typedef struct {
	char *id;
	yp_text name;
	char *org;
	yp_text title;
	char **aliases;   /* other spellings, such as romanizations */
	size_t n_aliases;
} yp_person;

typedef struct {
	char *id;
	char *title;
	char *publisher;
	yp_date date;
	char *url;
	char *language;
	char *kind;
} yp_source;

/* An event's link to an organization or a person; title is the
 * person's title at that event (both languages, or neither), which is
 * not always the one the person holds now. Organizations have none. */
typedef struct {
	char *id;
	char *role;
	yp_text title;
} yp_link;

/* A figure's value is either one string for both languages (value) or
 * one per language (by_lang, both set); the other is NULL. */
typedef struct {
	yp_text label;
	char *value;
	yp_text by_lang;
} yp_figure;

/* An event's link to another event: event is the other's id, kind one of
 * VOCAB_LINK_KIND's (follows, outcome-of, see-also); kept on the later or
 * dependent event only, the other shows it the other way round. */
typedef struct {
	char *event;
	char *kind;
} yp_event_link;

typedef struct {
	char *id;
	yp_date date;
	yp_date end_date;       /* precision DATE_NONE when absent */
	char *status;
	char *kind;
	yp_text title;
	yp_text summary;
	yp_text notes;
	yp_link *orgs;
	size_t n_orgs;
	yp_link *people;
	size_t n_people;
	char **sources;
	size_t n_sources;
	char **tags;
	size_t n_tags;
	yp_figure *figures;
	size_t n_figures;
	yp_event_link *links;
	size_t n_links;
} yp_event;

void model_text_clear(yp_text *t);
void model_org_clear(yp_org *o);
void model_person_clear(yp_person *p);
void model_source_clear(yp_source *s);
void model_event_clear(yp_event *e);

/* Appends how an organization is named in lists: "SKT · SK텔레콤" when
 * it has a short name that differs from its name, else the name. */
void model_org_label(strbuf *sb, const char *short_name, const char *name);

/* The text in lang, falling back to the other language, then to "". */
const char *model_text_pick(const yp_text *t, yp_lang lang);

/* A figure's value as a reader of lang sees it. */
const char *model_figure_value(const yp_figure *f, yp_lang lang);

#endif
