/* status.c: filling in yp_error. */
#include "yeonpyo/status.h"

#include <stdarg.h>
#include <stdio.h>

yp_status yp_fail(yp_error *err, yp_status status, const char *fmt, ...)
{
	if (!err)
		return status;
	err->status = status;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return status;
}
