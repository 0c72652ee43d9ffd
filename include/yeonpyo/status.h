/* status.h: outcomes shared by every module, numbered as the exit statuses
 * of sysexits(3) so that a failure deep in the store reaches the shell as a
 * documented code with one line of explanation. */
#ifndef YEONPYO_STATUS_H
#define YEONPYO_STATUS_H

typedef enum {
	YP_OK = 0,
	YP_USAGE = 64,     /* EX_USAGE: bad command line */
	YP_DATAERR = 65,   /* EX_DATAERR: bad input data or database content */
	YP_NOINPUT = 66,   /* EX_NOINPUT: a named file or record does not exist */
	YP_SOFTWARE = 70,  /* EX_SOFTWARE: an internal error */
	YP_IOERR = 74      /* EX_IOERR: reading or writing failed */
} yp_status;

typedef struct {
	yp_status status;
	char message[512]; /* one line, no trailing newline */
} yp_error;

/* Records status and a printf-style message in err (which may be NULL);
 * returns status so that callers can write `return yp_fail(...)`. */
yp_status yp_fail(yp_error *err, yp_status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
