/* test_date.c: dates with a precision: parsing, validation messages,
 * formatting, ordering keys and the days a date covers; moments in UTC
 * as ISO 8601. */
#include "support.h"

#include <string.h>
#include <time.h>

#include "yeonpyo/date.h"

static void parses_each_precision(void **state)
{
	(void)state;
	yp_date d;
	char why[96];
	assert_true(date_parse("2021", &d, why, sizeof(why)));
	assert_int_equal(d.precision, DATE_YEAR);
	assert_int_equal(d.year, 2021);
	assert_int_equal(d.month, 0);
	assert_true(date_parse("2025-02", &d, why, sizeof(why)));
	assert_int_equal(d.precision, DATE_MONTH);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 0);
	assert_true(date_parse("2025-02-04", &d, why, sizeof(why)));
	assert_int_equal(d.precision, DATE_DAY);
	assert_int_equal(d.day, 4);
}

static void rejects_feb_30_naming_the_month_length(void **state)
{
	(void)state;
	yp_date d;
	char why[96];
	assert_false(date_parse("2025-02-30", &d, why, sizeof(why)));
	assert_string_equal(why, "February 2025 has 28 days");
	assert_false(date_parse("2025-02-29", &d, why, sizeof(why)));
	assert_string_equal(why, "February 2025 has 28 days");
	assert_false(date_parse("2025-04-31", &d, why, sizeof(why)));
	assert_string_equal(why, "April 2025 has 30 days");
}

static void accepts_leap_days_by_gregorian_rules(void **state)
{
	(void)state;
	yp_date d;
	char why[96];
	assert_true(date_parse("2024-02-29", &d, why, sizeof(why)));
	assert_true(date_parse("2000-02-29", &d, why, sizeof(why)));
	assert_false(date_parse("1900-02-29", &d, why, sizeof(why)));
	assert_string_equal(why, "February 1900 has 28 days");
}

static void rejects_malformed_dates(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "25", "20250", "2025-2", "2025-02-4", "2025/02/04",
		"+2025", " 2025", "2025-02-04T00", "２０２５", "2025-0a", NULL};
	yp_date d;
	char why[96];
	for (size_t i = 0; bad[i]; i++) {
		assert_false(date_parse(bad[i], &d, why, sizeof(why)));
		assert_string_equal(why, "expected YYYY, YYYY-MM or YYYY-MM-DD");
	}
	assert_false(date_parse("2025-13", &d, why, sizeof(why)));
	assert_string_equal(why, "month must be between 01 and 12");
	assert_false(date_parse("2025-00-10", &d, why, sizeof(why)));
	assert_string_equal(why, "month must be between 01 and 12");
	assert_false(date_parse("0999", &d, why, sizeof(why)));
	assert_string_equal(why, "year must be between 1000 and 9999");
	assert_false(date_parse("2025-01-00", &d, why, sizeof(why)));
	assert_string_equal(why, "January 2025 has 31 days");
}

static void formats_at_its_own_precision(void **state)
{
	(void)state;
	static const char *const dates[] = {"2021", "2025-02", "2025-02-04"};
	for (size_t i = 0; i < 3; i++) {
		yp_date d;
		char why[96], buf[DATE_TEXT_MAX];
		assert_true(date_parse(dates[i], &d, why, sizeof(why)));
		date_format(&d, buf);
		assert_string_equal(buf, dates[i]);
		yp_date back = date_from_key(date_key(&d), d.precision);
		date_format(&back, buf);
		assert_string_equal(buf, dates[i]);
	}
	yp_date none = {0, 0, 0, DATE_NONE};
	char buf[DATE_TEXT_MAX];
	date_format(&none, buf);
	assert_string_equal(buf, "");
	assert_int_equal(date_key(&none), 0);
}

static void keys_sort_year_before_month_before_day(void **state)
{
	(void)state;
	yp_date y, m, d, next;
	char why[96];
	date_parse("2025", &y, why, sizeof(why));
	date_parse("2025-01", &m, why, sizeof(why));
	date_parse("2025-01-01", &d, why, sizeof(why));
	date_parse("2024-12-31", &next, why, sizeof(why));
	assert_true(date_key(&next) < date_key(&y));
	assert_true(date_key(&y) < date_key(&m));
	assert_true(date_key(&m) < date_key(&d));
	assert_int_equal(date_key(&d), 20250101);
	assert_int_equal(date_key(&y), 20250000);
}

static void coverage_spans_the_whole_year_or_month(void **state)
{
	(void)state;
	yp_date d;
	char why[96];
	date_parse("2024", &d, why, sizeof(why));
	assert_int_equal(date_first_day(&d), 20240101);
	assert_int_equal(date_last_day(&d), 20241231);
	date_parse("2024-02", &d, why, sizeof(why));
	assert_int_equal(date_first_day(&d), 20240201);
	assert_int_equal(date_last_day(&d), 20240229);
	date_parse("2025-02-04", &d, why, sizeof(why));
	assert_int_equal(date_first_day(&d), 20250204);
	assert_int_equal(date_last_day(&d), 20250204);
}

/* Moments in UTC agree with the C library's gmtime, both ways, across
 * leap days, centuries and the years before 1970. */
static void instants_are_iso_8601_in_utc(void **state)
{
	(void)state;
	char buf[DATE_INSTANT_MAX];
	date_format_instant(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	date_format_instant(1738629000, buf);
	assert_string_equal(buf, "2025-02-04T00:30:00Z");
	const long long samples[] = {-1, -86401, 951782400, 951868799,
				     4102444800LL, 253402300799LL, 1709164800};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		time_t t = (time_t)samples[i];
		struct tm tm;
		char want[64];
		assert_non_null(gmtime_r(&t, &tm));
		strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
		date_format_instant(samples[i], buf);
		assert_string_equal(buf, want);
		long long back = 0;
		char why[96];
		assert_true(date_parse_instant(buf, &back, why, sizeof(why)));
		assert_int_equal(back, samples[i]);
	}
}

static void rejects_malformed_instants(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *why;
	} bad[] = {
		{"2025-02-04", "expected a UTC time as YYYY-MM-DDTHH:MM:SSZ"},
		{"2025-02-04T00:30:00", "expected a UTC time as YYYY-MM-DDTHH:MM:SSZ"},
		{"2025-02-04 00:30:00Z", "expected a UTC time as YYYY-MM-DDTHH:MM:SSZ"},
		{"2025-02-04T00:30:00+09", "expected a UTC time as YYYY-MM-DDTHH:MM:SSZ"},
		{"2025-2-04T00:30:00Z", "expected a UTC time as YYYY-MM-DDTHH:MM:SSZ"},
		{"2025-02-30T00:30:00Z", "February 2025 has 28 days"},
		{"2025-13-01T00:30:00Z", "month must be between 01 and 12"},
		{"2025-02-04T24:00:00Z", "the time of day must be between "
					 "00:00:00 and 23:59:59"},
		{"0999-02-04T00:30:00Z", "year must be between 1000 and 9999"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long long t = 42;
		char why[96] = "";
		assert_false(date_parse_instant(bad[i].text, &t, why, sizeof(why)));
		assert_string_equal(why, bad[i].why);
		assert_int_equal(t, 42);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_each_precision),
		cmocka_unit_test(rejects_feb_30_naming_the_month_length),
		cmocka_unit_test(accepts_leap_days_by_gregorian_rules),
		cmocka_unit_test(rejects_malformed_dates),
		cmocka_unit_test(formats_at_its_own_precision),
		cmocka_unit_test(keys_sort_year_before_month_before_day),
		cmocka_unit_test(coverage_spans_the_whole_year_or_month),
		cmocka_unit_test(instants_are_iso_8601_in_utc),
		cmocka_unit_test(rejects_malformed_instants),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
