/* text_collate.c: ordering names the way a reader of the interface
 * language expects: ICU's collator (가나다 before ABC in Korean, as the
 * ko tailoring reorders Hangul first), not byte order. */
#include "yeonpyo/text.h"

#include <stdlib.h>

#include <unicode/ucol.h>

struct text_collator {
	UCollator *coll;
};

text_collator *text_collator_open(const char *locale)
{
	UErrorCode st = U_ZERO_ERROR;
	text_collator *c = malloc(sizeof(*c));
	if (!c)
		return NULL;
	c->coll = ucol_open(locale, &st);
	if (U_FAILURE(st)) {
		free(c);
		return NULL;
	}
	return c;
}

int text_collate(const text_collator *c, const char *a, const char *b)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8(c->coll, a, -1, b, -1, &st);
	if (U_FAILURE(st))
		return 0;
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

void text_collator_close(text_collator *c)
{
	if (!c)
		return;
	ucol_close(c->coll);
	free(c);
}
