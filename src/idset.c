/* idset.c: open-addressing hash set of borrowed strings (FNV-1a, linear
 * probing, grown at 1/2 load so probes stay short). */
#include "yeonpyo/idset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t slot_of(const idset *set, const char *id)
{
	size_t mask = set->cap - 1;
	size_t i = (size_t)hash(id) & mask;
	while (set->keys[i] && strcmp(set->keys[i], id) != 0)
		i = (i + 1) & mask;
	return i;
}

static bool grow(idset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 64;
	const char **keys = calloc(cap, sizeof(*keys));
	size_t *values = calloc(cap, sizeof(*values));
	if (!keys || !values) {
		free(keys);
		free(values);
		return false;
	}
	const char **old_keys = set->keys;
	size_t *old_values = set->values;
	size_t old_cap = set->cap;
	set->keys = keys;
	set->values = values;
	set->cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (!old_keys[i])
			continue;
		size_t j = slot_of(set, old_keys[i]);
		set->keys[j] = old_keys[i];
		set->values[j] = old_values[i];
	}
	free(old_keys);
	free(old_values);
	return true;
}

bool idset_add(idset *set, const char *id, size_t value, size_t *previous)
{
	if ((set->len + 1) * 2 > set->cap && !grow(set)) {
		if (previous)
			*previous = (size_t)-1;
		return false;
	}
	size_t i = slot_of(set, id);
	if (set->keys[i]) {
		if (previous)
			*previous = set->values[i];
		return false;
	}
	set->keys[i] = id;
	set->values[i] = value;
	set->len++;
	return true;
}

/* Copies of ids, packed into blocks so that a million of them cost a few
 * hundred allocations. */
struct idset_text {
	idset_text *next;
	size_t used, cap;
	char bytes[];
};

#define TEXT_BLOCK_SIZE 65536

static const char *copy_text(idset *set, const char *id)
{
	size_t n = strlen(id) + 1;
	idset_text *b = set->text;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > TEXT_BLOCK_SIZE ? n : TEXT_BLOCK_SIZE;
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->next = set->text;
		b->used = 0;
		b->cap = cap;
		set->text = b;
	}
	char *copy = memcpy(b->bytes + b->used, id, n);
	b->used += n;
	return copy;
}

bool idset_add_copy(idset *set, const char *id, size_t value,
		    size_t *previous)
{
	size_t found = 0;
	if (idset_find(set, id, &found)) {
		if (previous)
			*previous = found;
		return false;
	}
	const char *copy = copy_text(set, id);
	if (!copy) {
		if (previous)
			*previous = (size_t)-1;
		return false;
	}
	/* not there, so only running out of memory can refuse it; the copy
	 * then stays in the blocks until the set is freed */
	return idset_add(set, copy, value, previous);
}

bool idset_has(const idset *set, const char *id)
{
	return set->cap && set->keys[slot_of(set, id)] != NULL;
}

bool idset_find(const idset *set, const char *id, size_t *value)
{
	if (!set->cap)
		return false;
	size_t i = slot_of(set, id);
	if (!set->keys[i])
		return false;
	*value = set->values[i];
	return true;
}

void idset_free(idset *set)
{
	while (set->text) {
		idset_text *next = set->text->next;
		free(set->text);
		set->text = next;
	}
	free(set->keys);
	free(set->values);
	set->keys = NULL;
	set->values = NULL;
	set->cap = set->len = 0;
}
