/* vocab.h: the closed vocabularies of the data model (kinds, roles,
 * statuses) with their Korean and English labels. */
#ifndef YEONPYO_VOCAB_H
#define YEONPYO_VOCAB_H

#include <stdbool.h>

#include "yeonpyo/model.h"

typedef enum {
	VOCAB_ORG_KIND,
	VOCAB_EVENT_KIND,
	VOCAB_STATUS,
	VOCAB_ORG_ROLE,
	VOCAB_PERSON_ROLE,
	VOCAB_SOURCE_KIND,
	VOCAB_LINK_KIND,
	VOCAB_COUNT
} vocab_id;

bool vocab_has(vocab_id v, const char *value);
/* The label of value in lang; value itself when it is not in the vocabulary. */
const char *vocab_label(vocab_id v, const char *value, yp_lang lang);
/* The relation an event link of kind (VOCAB_LINK_KIND) names, in lang:
 * seen from the event that holds the link ("follows"), or from the event
 * it names when incoming ("followed by"); kind itself when unknown. */
const char *vocab_link_label(const char *kind, bool incoming, yp_lang lang);
/* What the vocabulary is called in messages, e.g. "organization kind". */
const char *vocab_name(vocab_id v);
/* All values, comma-separated, for messages; a static string. */
const char *vocab_values(vocab_id v);

#endif
