/* history.h: a person's earlier search queries, oldest first, kept in
 * their state directory so that Up in the search prompt recalls them. */
#ifndef YEONPYO_HISTORY_H
#define YEONPYO_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#define HISTORY_MAX 100

typedef struct {
	char **items;   /* oldest first */
	size_t n;
	char *path;     /* where it is kept; NULL: nowhere (not saved) */
} history;

/* $XDG_STATE_HOME/yeonpyo/search_history, else under ~/.local/state; the
 * caller frees it. NULL when neither HOME nor XDG_STATE_HOME is set. */
char *history_default_path(void);

/* Reads path (which h then owns; may be NULL); a missing or unreadable
 * file is an empty history, as a first run has. */
void history_load(history *h, char *path);

/* Adds a query as the newest, removing an earlier copy; at most
 * HISTORY_MAX are kept. */
void history_add(history *h, const char *query);

/* Writes the history (to a new file renamed over the old, so a crash
 * leaves one or the other whole); creates the directory. False on
 * failure, which costs only the history. */
bool history_save(const history *h);

void history_free(history *h);

#endif
