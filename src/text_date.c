/* text_date.c: dates as people read them in Korean or English, by ICU,
 * at the precision the date has (2025년 2월 4일 (화), Feb 4, 2025 (Tue),
 * 2021년 5월, May 2021). */
#include "yeonpyo/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

/* The skeletons a date is written with, by precision. */
enum { SKEL_YEAR, SKEL_MONTH, SKEL_DAY, SKEL_WEEKDAY, SKEL_COUNT };

static const char *const skeletons[SKEL_COUNT] = {"y", "yMMMM", "yMMMd",
						  "EEE"};

/* The patterns ICU 72's generator gives these skeletons in the two
 * languages yeonpyo ships: building the generator was 3.0 M of the 27.6 M
 * instructions from start to the first frame (callgrind), for four
 * strings. test_text checks them against the generator, so that an ICU
 * whose data differ fails there rather than drawing other dates; other
 * locales still ask the generator. */
static const struct {
	const char *locale;
	const UChar *patterns[SKEL_COUNT];
} known_patterns[] = {
	/* y년, y년 MMMM, y년 MMM d일 (U+B144 년, U+C77C 일) */
	{"ko", {u"y\uB144", u"y\uB144 MMMM", u"y\uB144 MMM d\uC77C", u"ccc"}},
	{"en", {u"y", u"MMMM y", u"MMM d, y", u"ccc"}},
};

/* The pattern for skel when locale is one of known_patterns, else NULL. */
static const UChar *known_pattern(const char *locale, int skel)
{
	for (size_t i = 0; i < sizeof(known_patterns) / sizeof(*known_patterns);
	     i++)
		if (strcmp(known_patterns[i].locale, locale) == 0)
			return known_patterns[i].patterns[skel];
	return NULL;
}

/* ICU's pattern generator and formatters take about a millisecond each to
 * build, so they are built on first use and kept with the collator. */
struct text_locale {
	char name[16];
	/* one for every skeleton: building it is most of a formatter's cost
	 * (3.0 M instructions each, callgrind), and a day's date takes two */
	UDateTimePatternGenerator *patterns;
	UDateFormat *formats[SKEL_COUNT];
	bool failed[SKEL_COUNT];
	UCalendar *calendar;
	text_collator *collator;
	bool collator_failed;
};

text_locale *text_locale_open(const char *locale)
{
	text_locale *tl = calloc(1, sizeof(*tl));
	if (tl)
		snprintf(tl->name, sizeof(tl->name), "%s", locale);
	return tl;
}

void text_locale_close(text_locale *tl)
{
	if (!tl)
		return;
	for (int i = 0; i < SKEL_COUNT; i++)
		udat_close(tl->formats[i]);
	if (tl->patterns)
		udatpg_close(tl->patterns);
	if (tl->calendar)
		ucal_close(tl->calendar);
	text_collator_close(tl->collator);
	free(tl);
}

const text_collator *text_locale_collator(text_locale *tl)
{
	if (!tl->collator && !tl->collator_failed) {
		tl->collator = text_collator_open(tl->name);
		tl->collator_failed = tl->collator == NULL;
	}
	return tl->collator;
}

/* The best pattern for a skeleton from ICU's generator, into pattern
 * (max units); its length, with *st failed when there is none. */
static int32_t generated_pattern(text_locale *tl, int skel, UChar *pattern,
				 int32_t max, UErrorCode *st)
{
	UChar uskel[16];
	u_uastrcpy(uskel, skeletons[skel]);
	if (!tl->patterns)
		tl->patterns = udatpg_open(tl->name, st);
	if (U_FAILURE(*st) && tl->patterns) {
		udatpg_close(tl->patterns);
		tl->patterns = NULL;
	}
	int32_t plen = tl->patterns
			       ? udatpg_getBestPattern(tl->patterns, uskel, -1,
						       pattern, max, st)
			       : 0;
	if (!tl->patterns && U_SUCCESS(*st))
		*st = U_MISSING_RESOURCE_ERROR;
	return plen;
}

/* The formatter with the best pattern for a skeleton, or NULL. */
static UDateFormat *format_for(text_locale *tl, int skel)
{
	if (tl->formats[skel] || tl->failed[skel])
		return tl->formats[skel];
	UErrorCode st = U_ZERO_ERROR;
	UChar generated[64];
	const UChar *pattern = known_pattern(tl->name, skel);
	int32_t plen = -1;  /* known patterns end in a NUL */
	if (!pattern) {
		plen = generated_pattern(tl, skel, generated, 64, &st);
		pattern = generated;
	}
	UDateFormat *fmt = U_SUCCESS(st)
				   ? udat_open(UDAT_PATTERN, UDAT_PATTERN, tl->name,
					       u"UTC", -1, pattern, plen, &st)
				   : NULL;
	if (U_FAILURE(st)) {
		udat_close(fmt);
		fmt = NULL;
	}
	tl->formats[skel] = fmt;
	tl->failed[skel] = fmt == NULL;
	return fmt;
}

/* Formats the instant when with the pattern for a skeleton. */
static bool format_skeleton(text_locale *tl, strbuf *out, int skel,
			    UDate when)
{
	UDateFormat *fmt = format_for(tl, skel);
	if (!fmt)
		return false;
	UErrorCode st = U_ZERO_ERROR;
	UChar text[128];
	int32_t n = udat_format(fmt, when, text, 128, NULL, &st);
	if (U_FAILURE(st))
		return false;
	char utf8[512];
	u_strToUTF8(utf8, sizeof(utf8), NULL, text, n, &st);
	if (U_FAILURE(st))
		return false;
	strbuf_puts(out, utf8);
	return true;
}

/* The instant d starts at, in UTC. */
static UDate instant(text_locale *tl, const yp_date *d, bool *ok)
{
	UErrorCode st = U_ZERO_ERROR;
	if (!tl->calendar)
		tl->calendar = ucal_open(u"UTC", -1, "en", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st) || !tl->calendar) {
		*ok = false;
		return 0;
	}
	ucal_clear(tl->calendar);
	ucal_setDate(tl->calendar, d->year, d->month ? d->month - 1 : 0,
		     d->day ? d->day : 1, &st);
	UDate t = ucal_getMillis(tl->calendar, &st);
	*ok = U_SUCCESS(st);
	return t;
}

bool text_locale_date(text_locale *tl, strbuf *out, const yp_date *d)
{
	bool ok = true;
	if (d->precision == DATE_NONE)
		return true;
	UDate when = instant(tl, d, &ok);
	if (ok && d->precision == DATE_YEAR)
		ok = format_skeleton(tl, out, SKEL_YEAR, when);
	else if (ok && d->precision == DATE_MONTH)
		ok = format_skeleton(tl, out, SKEL_MONTH, when);
	else if (ok) {
		/* the weekday in parentheses after the date, in both
		 * languages, rather than each locale's own placement */
		ok = format_skeleton(tl, out, SKEL_DAY, when);
		strbuf_puts(out, " (");
		ok = ok && format_skeleton(tl, out, SKEL_WEEKDAY, when);
		strbuf_putc(out, ')');
	}
	if (!ok) {  /* ICU without data for the locale: ISO 8601 */
		char iso[DATE_TEXT_MAX];
		date_format(d, iso);
		strbuf_puts(out, iso);
	}
	return ok;
}

bool text_format_date(strbuf *out, const yp_date *d, const char *locale)
{
	text_locale *tl = text_locale_open(locale);
	if (!tl)
		return false;
	bool ok = text_locale_date(tl, out, d);
	text_locale_close(tl);
	return ok;
}
