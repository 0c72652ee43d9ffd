/* date.c: parsing, validation and ordering of dates with a precision, and
 * moments in UTC as ISO 8601 (when a note was written). */
#include "yeonpyo/date.h"

#include <stdio.h>
#include <string.h>

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* Reads exactly n ASCII digits; rejects signs and spaces that strtol allows. */
static bool read_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool date_fail(char *why, size_t size, const char *msg)
{
	snprintf(why, size, "%s", msg);
	return false;
}

bool date_parse(const char *s, yp_date *out, char *why, size_t why_size)
{
	static const char *const shape = "expected YYYY, YYYY-MM or YYYY-MM-DD";
	yp_date d = {0, 0, 0, DATE_NONE};
	size_t len = strlen(s);

	if (len != 4 && len != 7 && len != 10)
		return date_fail(why, why_size, shape);
	if (!read_digits(s, 4, &d.year))
		return date_fail(why, why_size, shape);
	d.precision = DATE_YEAR;
	if (len >= 7) {
		if (s[4] != '-' || !read_digits(s + 5, 2, &d.month))
			return date_fail(why, why_size, shape);
		d.precision = DATE_MONTH;
	}
	if (len == 10) {
		if (s[7] != '-' || !read_digits(s + 8, 2, &d.day))
			return date_fail(why, why_size, shape);
		d.precision = DATE_DAY;
	}
	if (d.year < 1000)
		return date_fail(why, why_size, "year must be between 1000 and 9999");
	if (d.precision >= DATE_MONTH && (d.month < 1 || d.month > 12))
		return date_fail(why, why_size, "month must be between 01 and 12");
	if (d.precision == DATE_DAY) {
		int last = date_days_in_month(d.year, d.month);
		if (d.day < 1 || d.day > last) {
			snprintf(why, why_size, "%s %d has %d days",
				 month_names[d.month - 1], d.year, last);
			return false;
		}
	}
	*out = d;
	return true;
}

void date_format(const yp_date *d, char *buf)
{
	/* unsigned and reduced so the compiler can prove the width */
	unsigned y = (unsigned)d->year % 10000u;
	unsigned m = (unsigned)d->month % 100u;
	unsigned day = (unsigned)d->day % 100u;
	switch (d->precision) {
	case DATE_YEAR:
		snprintf(buf, DATE_TEXT_MAX, "%04u", y);
		break;
	case DATE_MONTH:
		snprintf(buf, DATE_TEXT_MAX, "%04u-%02u", y, m);
		break;
	case DATE_DAY:
		snprintf(buf, DATE_TEXT_MAX, "%04u-%02u-%02u", y, m, day);
		break;
	case DATE_NONE:
	default:
		buf[0] = '\0';
		break;
	}
}

long date_key(const yp_date *d)
{
	if (d->precision == DATE_NONE)
		return 0;
	return (long)d->year * 10000L + (long)d->month * 100L + (long)d->day;
}

yp_date date_from_key(long key, date_precision precision)
{
	yp_date d = {(int)(key / 10000), (int)(key / 100 % 100),
		     (int)(key % 100), precision};
	if (precision == DATE_NONE)
		d.year = 0;
	if (precision < DATE_MONTH)
		d.month = 0;
	if (precision < DATE_DAY)
		d.day = 0;
	return d;
}

long date_first_day(const yp_date *d)
{
	int month = d->precision >= DATE_MONTH ? d->month : 1;
	int day = d->precision == DATE_DAY ? d->day : 1;
	return (long)d->year * 10000L + month * 100L + day;
}

long date_last_day(const yp_date *d)
{
	int month = d->precision >= DATE_MONTH ? d->month : 12;
	int day = d->precision == DATE_DAY ? d->day
					   : date_days_in_month(d->year, month);
	return (long)d->year * 10000L + month * 100L + day;
}

/* Days from 1970-01-01 to the day y-m-d of the proleptic Gregorian
 * calendar (H. Hinnant's days_from_civil), and back: the C library's
 * timegm is no standard, and gmtime would differ from it nowhere here. */
static long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void date_format_instant(long long t, char *buf)
{
	long long days = t / 86400, secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	/* unsigned and reduced so the compiler can prove the width */
	snprintf(buf, DATE_INSTANT_MAX, "%04u-%02u-%02uT%02u:%02u:%02uZ",
		 (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u,
		 (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60),
		 (unsigned)(secs % 60));
}

bool date_parse_instant(const char *s, long long *t, char *why,
			size_t why_size)
{
	static const char *const shape = "expected a UTC time as "
					 "YYYY-MM-DDTHH:MM:SSZ";
	int y, mo, dd, h, min, sec;
	char day[DATE_TEXT_MAX];
	yp_date d;
	if (strlen(s) != 20 || !read_digits(s, 4, &y) || s[4] != '-' ||
	    !read_digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !read_digits(s + 8, 2, &dd) || s[10] != 'T' ||
	    !read_digits(s + 11, 2, &h) || s[13] != ':' ||
	    !read_digits(s + 14, 2, &min) || s[16] != ':' ||
	    !read_digits(s + 17, 2, &sec) || s[19] != 'Z')
		return date_fail(why, why_size, shape);
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &d, why, why_size))
		return false;
	if (h > 23 || min > 59 || sec > 59)
		return date_fail(why, why_size, "the time of day must be between "
				 "00:00:00 and 23:59:59");
	*t = days_from_civil(d.year, d.month, d.day) * 86400 +
	     (long long)(h * 3600 + min * 60 + sec);
	return true;
}
