/* decode_checks.c: the rules of single string values that name things
 * by a standard: country and language codes, web addresses. Each reports
 * its problem at path and says whether s passed. */
#include "decode_priv.h"

#include <string.h>

bool decode_check_country(decode_ctx *c, const json_value *v,
			  const char *path, const char *s)
{
	if (strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z')
		return true;
	decode_report(c, v, path, "invalid country \"%s\" (use an ISO 3166-1 "
		      "alpha-2 code such as KR)", s);
	return false;
}

bool decode_check_language(decode_ctx *c, const json_value *v,
			   const char *path, const char *s)
{
	size_t n = strlen(s);
	bool ok = n == 2 || n == 3;
	for (size_t i = 0; ok && i < n; i++)
		ok = s[i] >= 'a' && s[i] <= 'z';
	if (!ok)
		decode_report(c, v, path, "invalid language \"%s\" (use an ISO 639 "
			      "code such as ko or en)", s);
	return ok;
}

bool decode_check_url(decode_ctx *c, const json_value *v, const char *path,
		      const char *s)
{
	bool ok = (strncmp(s, "https://", 8) == 0 && s[8]) ||
		  (strncmp(s, "http://", 7) == 0 && s[7]);
	ok = ok && !strpbrk(s, " \t\n\"<>");
	if (!ok)
		decode_report(c, v, path, "invalid URL \"%s\" (expected http:// or "
			      "https:// and no spaces)", s);
	return ok;
}
