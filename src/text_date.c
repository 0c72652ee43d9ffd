/* text_date.c: dates as people read them in Korean or English, by ICU,
 * at the precision the date has (2025년 2월 4일 (화), Feb 4, 2025 (Tue),
 * 2021년 5월, May 2021). */
#include "yeonpyo/text.h"

#include <stdlib.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

/* Formats d's instant with the best pattern for skeleton in locale. */
static bool format_skeleton(strbuf *out, const char *locale, const char *skel,
			    UDate when)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar uskel[16], pattern[64], text[128];
	u_uastrcpy(uskel, skel);
	UDateTimePatternGenerator *gen = udatpg_open(locale, &st);
	int32_t plen = U_SUCCESS(st)
			       ? udatpg_getBestPattern(gen, uskel, -1, pattern, 64,
						       &st)
			       : 0;
	udatpg_close(gen);
	UDateFormat *fmt = U_SUCCESS(st)
				   ? udat_open(UDAT_PATTERN, UDAT_PATTERN, locale,
					       u"UTC", -1, pattern, plen, &st)
				   : NULL;
	int32_t n = U_SUCCESS(st) ? udat_format(fmt, when, text, 128, NULL, &st)
				  : 0;
	udat_close(fmt);
	if (U_FAILURE(st))
		return false;
	char utf8[512];
	u_strToUTF8(utf8, sizeof(utf8), NULL, text, n, &st);
	if (U_FAILURE(st))
		return false;
	strbuf_puts(out, utf8);
	return true;
}

static UDate instant(const yp_date *d, bool *ok)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = ucal_open(u"UTC", -1, "en", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st)) {
		*ok = false;
		return 0;
	}
	ucal_clear(cal);
	ucal_setDate(cal, d->year, d->month ? d->month - 1 : 0,
		     d->day ? d->day : 1, &st);
	UDate t = ucal_getMillis(cal, &st);
	ucal_close(cal);
	*ok = U_SUCCESS(st);
	return t;
}

bool text_format_date(strbuf *out, const yp_date *d, const char *locale)
{
	bool ok = true;
	if (d->precision == DATE_NONE)
		return true;
	UDate when = instant(d, &ok);
	if (ok && d->precision == DATE_YEAR)
		ok = format_skeleton(out, locale, "y", when);
	else if (ok && d->precision == DATE_MONTH)
		ok = format_skeleton(out, locale, "yMMMM", when);
	else if (ok) {
		/* the weekday in parentheses after the date, in both
		 * languages, rather than each locale's own placement */
		ok = format_skeleton(out, locale, "yMMMd", when);
		strbuf_puts(out, " (");
		ok = ok && format_skeleton(out, locale, "EEE", when);
		strbuf_putc(out, ')');
	}
	if (!ok) {  /* ICU without data for the locale: ISO 8601 */
		char iso[DATE_TEXT_MAX];
		date_format(d, iso);
		strbuf_puts(out, iso);
	}
	return ok;
}
