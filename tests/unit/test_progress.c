/* test_progress.c: the import progress line, on a clock the test drives:
 * silent for a second, then at most ten lines a second with percent,
 * records, rate and time left, and cleared at the end. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/progress.h"

typedef struct {
	char *text;
	size_t len;
	FILE *out;
	progress p;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->out = open_memstream(&f->text, &f->len);
	progress_start(&f->p, f->out, 100.0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	fclose(f->out);
	free(f->text);
	free(f);
	return 0;
}

static void assert_written(fixture *f, const char *want)
{
	fflush(f->out);
	assert_string_equal(f->text, want);
}

static void quiet_first_then_throttled(void **state)
{
	fixture *f = *state;
	progress_update(&f->p, "importing", 10, 100, 60, 100.9);
	assert_written(f, "");
	progress_update(&f->p, "importing", 50, 100, 300, 101.5);
	assert_written(f, "\rimporting:  50%  300 records  200/s  ETA 0:02\033[K");
	progress_update(&f->p, "importing", 60, 100, 360, 101.55);
	assert_written(f, "\rimporting:  50%  300 records  200/s  ETA 0:02\033[K");
	progress_stage(&f->p, "indexing", 103.0);
	progress_end(&f->p);
	assert_written(f, "\rimporting:  50%  300 records  200/s  ETA 0:02\033[K"
		       "\rindexing\xe2\x80\xa6\033[K\r\033[K");
}

static void long_waits_show_hours(void **state)
{
	fixture *f = *state;
	progress_update(&f->p, "importing", 1, 1000, 5, 110.0);
	assert_written(f, "\rimporting:   0%  5 records  0/s  ETA 2:46:30\033[K");
}

static void a_pipe_has_no_share_or_estimate(void **state)
{
	fixture *f = *state;
	progress_update(&f->p, "importing", 5000, 0, 300, 102.0);
	assert_written(f, "\rimporting: 300 records  150/s\033[K");
}

static void short_imports_leave_no_trace(void **state)
{
	fixture *f = *state;
	progress_update(&f->p, "importing", 100, 100, 30, 100.2);
	progress_stage(&f->p, "indexing", 100.3);
	progress_end(&f->p);
	assert_written(f, "");
}

static void no_terminal_no_line(void **state)
{
	(void)state;
	progress p;
	progress_start(&p, NULL, 0.0);
	progress_update(&p, "importing", 1, 2, 3, 50.0);
	progress_stage(&p, "indexing", 60.0);
	progress_end(&p);
	assert_false(p.shown);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(quiet_first_then_throttled, setup, teardown),
		cmocka_unit_test_setup_teardown(long_waits_show_hours, setup, teardown),
		cmocka_unit_test_setup_teardown(a_pipe_has_no_share_or_estimate, setup, teardown),
		cmocka_unit_test_setup_teardown(short_imports_leave_no_trace, setup, teardown),
		cmocka_unit_test_setup_teardown(no_terminal_no_line, setup, teardown),
	};
	return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
