/* decode_priv.h: what the decoder of decode.c shares with its parts: the
 * checks of single string values (decode_checks.c), each of the form
 * decode.c runs on an optional field once it is read. */
#ifndef YEONPYO_DECODE_PRIV_H
#define YEONPYO_DECODE_PRIV_H

#include <stdbool.h>

#include "yeonpyo/decode.h"

/* An ISO 3166-1 alpha-2 code in upper case, such as KR. */
bool decode_check_country(decode_ctx *c, const json_value *v,
			  const char *path, const char *s);
/* An ISO 639 code of two or three lower-case letters, such as ko. */
bool decode_check_language(decode_ctx *c, const json_value *v,
			   const char *path, const char *s);
/* An http:// or https:// address with something after it and no spaces,
 * quotes or angle brackets. */
bool decode_check_url(decode_ctx *c, const json_value *v, const char *path,
		      const char *s);

#endif
