/* external_editor.c: a text edited in the user's own editor ($VISUAL,
 * else $EDITOR, else vi), as git commit does: the screen is given back to
 * the terminal while it runs, and taken again after. */
#include "external_editor.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curses.h>

#include "yeonpyo/strbuf.h"

static const char *editor_command(void)
{
	const char *names[] = {"VISUAL", "EDITOR"};
	for (size_t i = 0; i < 2; i++) {
		const char *v = getenv(names[i]);
		if (v && *v)
			return v;
	}
	return "vi";
}

/* A file of the user's alone holding text; its path in path (the caller
 * removes it). */
static bool write_temp(const char *text, char *path, size_t n,
		       yp_error *err)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, n, "%s/yeonpyo-note-XXXXXX.txt",
		 dir && *dir ? dir : "/tmp");
	int fd = mkstemps(path, 4);
	if (fd < 0) {
		yp_fail(err, YP_IOERR, "%s: cannot create a file for the "
			"editor: %s", path, strerror(errno));
		return false;
	}
	size_t len = strlen(text), done = 0;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (close(fd) != 0 || done < len) {
		yp_fail(err, YP_IOERR, "%s: cannot write it for the editor",
			path);
		unlink(path);
		return false;
	}
	return true;
}

/* Runs the editor on path, the terminal its own meanwhile; Ctrl-C there
 * is the editor's, not a reason to quit. Returns its exit status, or -1
 * when it could not run. */
static int run_editor(const char *command, const char *path)
{
	struct sigaction ignore, old_int, old_quit;
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	def_prog_mode();
	endwin();
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		/* as git runs it: the command may carry its own words; it
		 * reaches the shell through the environment, so that none of
		 * its characters is ever parsed as part of ours */
		setenv("YEONPYO_EDITOR", command, 1);
		execl("/bin/sh", "sh", "-c", "$YEONPYO_EDITOR \"$1\"", "sh", path,
		      (char *)NULL);
		_exit(127);
	}
	int status = -1;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (pid < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *read_back(const char *path, yp_error *err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		yp_fail(err, YP_IOERR, "%s: cannot read what the editor wrote: "
			"%s", path, strerror(errno));
		return NULL;
	}
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_append(&sb, buf, n);
	bool failed = ferror(f) != 0;
	fclose(f);
	if (failed || sb.failed) {
		strbuf_free(&sb);
		yp_fail(err, YP_IOERR, "%s: cannot read what the editor wrote",
			path);
		return NULL;
	}
	return strbuf_take(&sb);
}

char *external_editor_run(const char *text, yp_error *err)
{
	char path[4096];
	if (!write_temp(text, path, sizeof(path), err))
		return NULL;
	int status = run_editor(editor_command(), path);
	char *out = NULL;
	if (status != 0)
		yp_fail(err, YP_SOFTWARE, "the editor (%s) %s; the note is as it "
			"was", editor_command(), status < 0 ? "could not run"
							   : "failed");
	else
		out = read_back(path, err);
	unlink(path);
	return out;
}
