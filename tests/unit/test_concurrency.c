/* test_concurrency.c: many users, one database. Twenty browsers stay open
 * on it while an import adds 100,000 events: every key of every browser is
 * answered with a frame, no browser shows or exits with "database is
 * locked", the import completes, every browser then shows the new total
 * with no key pressed, and each quits cleanly. */
#include "support.h"
#include "screen.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BROWSERS 20
#define EVENTS "100000"

typedef struct {
	support_db *d;
	char *feed;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->d = support_db_new(NULL);
	f->feed = support_path(f->d->home, "feed.ndjson");
	char cmd[9000];
	snprintf(cmd, sizeof(cmd), "build/gen %s 11 > '%s'", EVENTS, f->feed);
	int rc = system(cmd);
	if (rc != 0) {  /* nothing left allocated when the test fails */
		free(f->feed);
		support_db_free(f->d);
		free(f);
		fail_msg("build/gen could not write the feed (status %d)", rc);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	free(f->feed);
	support_db_free(f->d);
	free(f);
	return 0;
}

/* The import, started in the background; its stderr goes to err_path. */
static pid_t start_import(const fixture *f, const char *err_path)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(127);
		support_exec(f->d->home, NULL, NULL, (const char *const[]){
			f->d->db_arg, "import", f->feed, NULL});
	}
	return pid;
}

static void no_lock_on_screen(screen *s, int rows, int who)
{
	for (int r = 0; r < rows; r++) {
		char *row = screen_row(s, r);
		if (strstr(row, "locked"))
			fail_msg("browser %d shows \"%s\"", who, row);
		free(row);
	}
}

static void twenty_browsers_and_an_import(void **state)
{
	fixture *f = *state;
	screen *b[BROWSERS];
	for (int i = 0; i < BROWSERS; i++)
		b[i] = screen_start(f->d->home, 24, 80, NULL,
				    (const char *const[]){f->d->db_arg, "--lang=en",
							  NULL});
	/* " 1/N" on the status line: the events before the import */
	char *first = screen_row(b[0], 23);
	long before = 0;
	assert_int_equal(sscanf(first, " 1/%ld", &before), 1);
	free(first);
	char *err_path = support_path(f->d->home, "import.err");
	pid_t importer = start_import(f, err_path);
	/* each ends where it began, on the timeline: the status line shows
	 * the count whenever the import ends */
	static const char *const keys[] = {"j", "j", "G", "g", "]", "k",
					   "/al\033", "o\033", "L"};
	int status = -1, rounds = 0;
	/* round after round of keys to every browser until the import ends */
	for (bool done = false; !done; rounds++) {
		for (int i = 0; i < BROWSERS; i++) {
			screen_key(b[i], keys[(size_t)(rounds + i) %
					      (sizeof(keys) / sizeof(keys[0]))]);
			no_lock_on_screen(b[i], 24, i);
		}
		if (!done && waitpid(importer, &status, WNOHANG) == importer)
			done = true;
	}
	assert_true(WIFEXITED(status));
	char *err = support_read_file(err_path, NULL);
	if (WEXITSTATUS(status) != 0 || !strstr(err, "imported " EVENTS " events"))
		fail_msg("the import ended with %d: %s", WEXITSTATUS(status), err);
	free(err);
	free(err_path);
	print_message("%d rounds of keys to %d browsers during the import\n",
		      rounds, BROWSERS);
	assert_true(rounds > 2);
	/* no key now: each browser follows the import of its own accord */
	char total[32];
	snprintf(total, sizeof(total), "/%ld ", before + atol(EVENTS));
	for (int i = 0; i < BROWSERS; i++) {
		if (screen_wait_for(b[i], total) != 23)
			fail_msg("browser %d does not show %s", i, total);
		no_lock_on_screen(b[i], 24, i);
	}
	for (int i = 0; i < BROWSERS; i++) {
		screen_key(b[i], "\033");
		screen_key(b[i], "q");
		if (screen_wait(b[i]) != 0)
			fail_msg("browser %d did not exit with status 0", i);
		screen_free(b[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(twenty_browsers_and_an_import, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
