/* diag.h: a list of one-line problem reports (validation errors), kept in
 * order and capped so that a hopeless file cannot flood the terminal. */
#ifndef YEONPYO_DIAG_H
#define YEONPYO_DIAG_H

#include <stdio.h>
#include <stddef.h>

#include "yeonpyo/strbuf.h"

#define DIAG_MAX_LINES 100

typedef struct {
	strbuf text;      /* kept lines, each ending in '\n' */
	size_t count;     /* all reported, kept or not */
} diag;

#define DIAG_INIT {STRBUF_INIT, 0}

void diag_add(diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Writes the kept lines, then "... and N more problems" when some were cut. */
void diag_print(const diag *d, FILE *out);
void diag_free(diag *d);

#endif
