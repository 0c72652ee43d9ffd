/* history.c: the search history file: one query a line, oldest first. */
#include "yeonpyo/history.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yeonpyo/strbuf.h"
#include "yeonpyo/xdg.h"

char *history_default_path(void)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "search_history");
}

static void push(history *h, char *item)
{
	if (h->n == HISTORY_MAX) {
		free(h->items[0]);
		memmove(h->items, h->items + 1, (h->n - 1) * sizeof(*h->items));
		h->n--;
	}
	char **items = realloc(h->items, (h->n + 1) * sizeof(*items));
	if (!items) {
		free(item);
		return;
	}
	h->items = items;
	h->items[h->n++] = item;
}

void history_load(history *h, char *path)
{
	memset(h, 0, sizeof(*h));
	h->path = path;
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f)
		return;
	char line[1024];
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (*line)
			history_add(h, line);
	}
	fclose(f);
}

void history_add(history *h, const char *query)
{
	if (!*query || strchr(query, '\n'))
		return;
	for (size_t i = 0; i < h->n; i++) {
		if (strcmp(h->items[i], query) == 0) {
			char *same = h->items[i];
			memmove(h->items + i, h->items + i + 1,
				(h->n - i - 1) * sizeof(*h->items));
			h->items[h->n - 1] = same;
			return;
		}
	}
	char *copy = strdup(query);
	if (copy)
		push(h, copy);
}

/* mkdir -p for the directory part of path, private to the user. */
static bool make_parent(const char *path)
{
	char *dir = strdup(path);
	if (!dir)
		return false;
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			free(dir);
			return false;
		}
		*p = '/';
	}
	free(dir);
	return true;
}

bool history_save(const history *h)
{
	if (!h->path || !make_parent(h->path))
		return false;
	strbuf tmp = STRBUF_INIT;
	strbuf_printf(&tmp, "%s.%ld.tmp", h->path, (long)getpid());
	FILE *f = fopen(strbuf_str(&tmp), "w");
	bool ok = f != NULL;
	for (size_t i = 0; ok && i < h->n; i++)
		ok = fprintf(f, "%s\n", h->items[i]) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (ok)
		ok = rename(strbuf_str(&tmp), h->path) == 0;
	if (!ok)
		unlink(strbuf_str(&tmp));
	strbuf_free(&tmp);
	return ok;
}

void history_free(history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->items[i]);
	free(h->items);
	free(h->path);
	memset(h, 0, sizeof(*h));
}
