/* date.h: calendar dates with a precision (year, month or day), as events
 * and sources carry them, and the integer keys that order them. */
#ifndef YEONPYO_DATE_H
#define YEONPYO_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	DATE_NONE = 0,  /* no date (an optional field left out) */
	DATE_YEAR,
	DATE_MONTH,
	DATE_DAY
} date_precision;

typedef struct {
	int year;
	int month;      /* 0 when precision is DATE_YEAR */
	int day;        /* 0 unless precision is DATE_DAY */
	date_precision precision;
} yp_date;

/* Longest text date_format writes, with its NUL. */
#define DATE_TEXT_MAX 11

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1000-9999, real calendar
 * days). On failure returns false and writes a reason such as
 * "February 2025 has 28 days" into why. */
bool date_parse(const char *s, yp_date *out, char *why, size_t why_size);

/* Writes d at its own precision ("2025", "2025-02", "2025-02-04"); "" for
 * DATE_NONE. buf needs DATE_TEXT_MAX bytes. */
void date_format(const yp_date *d, char *buf);

/* The sort key YYYYMMDD with missing parts as 0, so that "2025" sorts before
 * "2025-01" and both before "2025-01-01"; 0 for DATE_NONE. */
long date_key(const yp_date *d);

/* Rebuilds a date from date_key's value and a precision. */
yp_date date_from_key(long key, date_precision precision);

/* The first and last day that d covers, as YYYYMMDD keys: "2025-02" covers
 * 20250201..20250228. */
long date_first_day(const yp_date *d);
long date_last_day(const yp_date *d);

int date_days_in_month(int year, int month);

/* Longest text date_format_instant writes, with its NUL. */
#define DATE_INSTANT_MAX 21

/* Writes the moment t (seconds since 1970) as ISO 8601 in UTC, to the
 * second: "2025-02-04T00:30:00Z". buf needs DATE_INSTANT_MAX bytes. */
void date_format_instant(long long t, char *buf);

/* Parses exactly the form date_format_instant writes (years 1000-9999,
 * real calendar days) into seconds since 1970. On failure returns false
 * and writes a reason into why. */
bool date_parse_instant(const char *s, long long *t, char *why,
			size_t why_size);

#endif
