/* test_terminal.c: asking the terminal how wide it draws ambiguous
 * characters: reading its answers, and the whole exchange over a pty with
 * this test playing the terminal (narrow, wide, silent, DA1 only). */
#define _GNU_SOURCE
#include "support.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "yeonpyo/ui.h"

static void reads_cursor_reports_and_device_attributes(void **state)
{
	(void)state;
	bool complete = false;
	assert_int_equal(ui_ambiwidth_reply("\033[12;2R", 7, &complete), 1);
	assert_false(complete);
	assert_int_equal(ui_ambiwidth_reply("\033[12;3R\033[?62;22c", 17,
					    &complete), 2);
	assert_true(complete);
	assert_int_equal(ui_ambiwidth_reply("\033[?1;2c", 7, &complete), 0);
	assert_true(complete);
	assert_int_equal(ui_ambiwidth_reply("\033[12;", 5, &complete), 0);
	assert_false(complete);
	/* a key typed meanwhile does not confuse it */
	assert_int_equal(ui_ambiwidth_reply("j\033[3;3Rk", 8, &complete), 2);
}

/* Runs the probe on the pty's terminal side in a child, answering from
 * this side with reply (NULL: no answer); returns what the probe said. */
static int probe_with(const char *reply, int timeout_ms)
{
	int master = -1, slave = -1;
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(master);
		char w = (char)('0' + ui_probe_ambiwidth(slave, timeout_ms));
		_exit(write(pipefd[1], &w, 1) == 1 ? 0 : 1);
	}
	close(slave);
	close(pipefd[1]);
	/* wait for the question, then answer it */
	char buf[64];
	size_t n = 0;
	while (!memmem(buf, n, "\033[c", 3) && n < sizeof(buf)) {
		struct pollfd p = {master, POLLIN, 0};
		assert_true(poll(&p, 1, 5000) == 1);
		ssize_t got = read(master, buf + n, sizeof(buf) - n);
		assert_true(got > 0);
		n += (size_t)got;
	}
	assert_non_null(memmem(buf, n, "\xe2\x96\xb2\033[6n", 7));
	if (reply)
		assert_int_equal(write(master, reply, strlen(reply)),
				 (ssize_t)strlen(reply));
	char w = '?';
	assert_int_equal(read(pipefd[0], &w, 1), 1);
	waitpid(pid, NULL, 0);
	close(pipefd[0]);
	close(master);
	return w - '0';
}

static void probes_a_terminal_over_a_pty(void **state)
{
	(void)state;
	assert_int_equal(probe_with("\033[5;2R\033[?1;2c", 2000), 1);
	assert_int_equal(probe_with("\033[5;3R\033[?1;2c", 2000), 2);
	/* DA1 without a cursor report: no answer, and no waiting for one */
	assert_int_equal(probe_with("\033[?1;2c", 2000), 0);
	/* silence: the deadline ends it */
	assert_int_equal(probe_with(NULL, 100), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_cursor_reports_and_device_attributes),
		cmocka_unit_test(probes_a_terminal_over_a_pty),
	};
	return cmocka_run_group_tests_name("terminal", tests, NULL, NULL);
}
