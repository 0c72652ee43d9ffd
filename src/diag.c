/* diag.c: collecting validation problems, one line each. */
#include "yeonpyo/diag.h"

#include <stdarg.h>

void diag_add(diag *d, const char *fmt, ...)
{
	d->count++;
	if (d->count > DIAG_MAX_LINES)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	strbuf_puts(&d->text, line);
	strbuf_putc(&d->text, '\n');
}

void diag_print(const diag *d, FILE *out)
{
	fputs(strbuf_str(&d->text), out);
	if (d->count > DIAG_MAX_LINES)
		fprintf(out, "... and %zu more problems\n",
			d->count - DIAG_MAX_LINES);
}

void diag_free(diag *d)
{
	strbuf_free(&d->text);
	d->count = 0;
}
