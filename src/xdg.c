/* xdg.c: the XDG base directories of yeonpyo's files. */
#include "yeonpyo/xdg.h"

#include <stdlib.h>

#include "yeonpyo/strbuf.h"

char *xdg_path(const char *var, const char *fallback, const char *name)
{
	const char *base = getenv(var);
	const char *home = getenv("HOME");
	strbuf sb = STRBUF_INIT;
	if (base && base[0] == '/')
		strbuf_printf(&sb, "%s/yeonpyo", base);
	else if (home && *home)
		strbuf_printf(&sb, "%s/%s/yeonpyo", home, fallback);
	else
		return NULL;
	if (name)
		strbuf_printf(&sb, "/%s", name);
	return strbuf_take(&sb);
}
