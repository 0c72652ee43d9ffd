/* idset.h: a set of record ids (strings) with the position each was first
 * seen at, for finding duplicates and resolving references inside one
 * document without a query per reference. */
#ifndef YEONPYO_IDSET_H
#define YEONPYO_IDSET_H

#include <stdbool.h>
#include <stddef.h>

typedef struct idset_text idset_text;

typedef struct {
	const char **keys;  /* borrowed, or copies in text */
	size_t *values;
	size_t cap;         /* a power of two, or 0 */
	size_t len;
	idset_text *text;   /* idset_add_copy's copies, freed with the set */
} idset;

#define IDSET_INIT {NULL, NULL, 0, 0, NULL}

/* Adds id with value; when id is already there, returns false and stores
 * the earlier value in *previous (if not NULL). Returns false with
 * *previous == (size_t)-1 when memory runs out. */
bool idset_add(idset *set, const char *id, size_t value, size_t *previous);
/* The same for an id that need not outlive the set: a new one is copied
 * into blocks the set owns. */
bool idset_add_copy(idset *set, const char *id, size_t value,
		    size_t *previous);
bool idset_has(const idset *set, const char *id);
/* Finds id and stores its value in *value. */
bool idset_find(const idset *set, const char *id, size_t *value);
void idset_free(idset *set);

#endif
