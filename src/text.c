/* text.c: NFC normalization, display width and width-bound cutting with
 * ICU grapheme clusters; see text.h. */
#include "yeonpyo/text.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026, 1 column */

/* UTF-8 to a freshly allocated UTF-16 buffer; NULL on invalid input. */
static UChar *utf16_from(const char *s, int32_t *len_out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	u_strFromUTF8(NULL, 0, &len, s, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	UChar *u = malloc(((size_t)len + 1) * sizeof(UChar));
	if (!u)
		return NULL;
	st = U_ZERO_ERROR;
	u_strFromUTF8(u, len + 1, NULL, s, -1, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	*len_out = len;
	return u;
}

static char *utf8_from(const UChar *u, int32_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strToUTF8(NULL, 0, &n, u, len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	st = U_ZERO_ERROR;
	u_strToUTF8(s, n + 1, NULL, u, len, &st);
	if (U_FAILURE(st)) {
		free(s);
		return NULL;
	}
	return s;
}

char *text_nfc(const char *s)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st))
		return NULL;
	int32_t len = 0;
	UChar *u = utf16_from(s, &len);
	if (!u)
		return NULL;
	/* Most stored text is NFC already: check before copying. */
	if (unorm2_isNormalized(nfc, u, len, &st) && U_SUCCESS(st)) {
		free(u);
		return strdup(s);
	}
	st = U_ZERO_ERROR;
	int32_t cap = len * 3 + 16;
	UChar *n = malloc((size_t)cap * sizeof(UChar));
	char *out = NULL;
	if (n) {
		int32_t nlen = unorm2_normalize(nfc, u, len, n, cap, &st);
		if (U_SUCCESS(st))
			out = utf8_from(n, nlen);
	}
	free(n);
	free(u);
	return out;
}

/* Width of one cluster, judged by its first code point as terminals do
 * (UAX #11 East Asian Width; ambiguous characters count narrow). */
static int cluster_width(UChar32 c)
{
	int8_t cat = (int8_t)u_charType(c);
	if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK ||
	    cat == U_FORMAT_CHAR || cat == U_CONTROL_CHAR)
		return 0;
	int hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
	if (hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO)
		return 0;
	int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH)
		return 2;
	return 1;
}

/* The code point starting at UTF-16 index i (a lone surrogate as is). */
static UChar32 code_point_at(const UChar *u, int32_t i, int32_t len)
{
	UChar lead = u[i];
	if (U16_IS_LEAD(lead) && i + 1 < len && U16_IS_TRAIL(u[i + 1]))
		return (UChar32)U16_GET_SUPPLEMENTARY(lead, u[i + 1]);
	return (UChar32)lead;
}

typedef struct {
	UChar *u;
	int32_t len;
	UBreakIterator *bi;
} cluster_walk;

static bool walk_open(cluster_walk *w, const char *s)
{
	UErrorCode st = U_ZERO_ERROR;
	w->bi = NULL;
	w->u = utf16_from(s, &w->len);
	if (!w->u)
		return false;
	w->bi = ubrk_open(UBRK_CHARACTER, "", w->u, w->len, &st);
	if (U_FAILURE(st)) {
		free(w->u);
		return false;
	}
	return true;
}

static void walk_close(cluster_walk *w)
{
	ubrk_close(w->bi);
	free(w->u);
}

/* Fallback for text ICU cannot convert: one column per byte, so a bad
 * string can shorten a row but never widen it past its budget. */
static int bytes_width(const char *s)
{
	size_t n = strlen(s);
	return n > (size_t)0x7fffffff ? 0x7fffffff : (int)n;
}

int text_width(const char *s)
{
	cluster_walk w;
	if (!walk_open(&w, s))
		return bytes_width(s);
	int width = 0;
	int32_t start = ubrk_first(w.bi);
	for (int32_t end = ubrk_next(w.bi); end != UBRK_DONE;
	     start = end, end = ubrk_next(w.bi)) {
		width += cluster_width(code_point_at(w.u, start, w.len));
	}
	walk_close(&w);
	return width;
}

static void pad_spaces(strbuf *out, int n)
{
	for (int i = 0; i < n; i++)
		strbuf_putc(out, ' ');
}

static int fit_bytes(strbuf *out, const char *s, int width, bool pad)
{
	int n = bytes_width(s) < width ? bytes_width(s) : width;
	for (int i = 0; i < n; i++) {
		char ch = s[i];
		if (ch & 0x80)
			ch = '?';
		strbuf_putc(out, ch);
	}
	if (pad)
		pad_spaces(out, width - n);
	return pad ? width : n;
}

int text_fit(strbuf *out, const char *s, int width, bool pad)
{
	if (width <= 0)
		return 0;
	int total = text_width(s);
	if (total <= width) {
		strbuf_puts(out, s);
		if (pad)
			pad_spaces(out, width - total);
		return pad ? width : total;
	}
	cluster_walk w;
	if (!walk_open(&w, s))
		return fit_bytes(out, s, width, pad);
	int used = 0;
	int32_t keep = 0;
	int32_t start = ubrk_first(w.bi);
	for (int32_t end = ubrk_next(w.bi); end != UBRK_DONE;
	     start = end, end = ubrk_next(w.bi)) {
		int cw = cluster_width(code_point_at(w.u, start, w.len));
		if (used + cw > width - 1) /* leave a column for the ellipsis */
			break;
		used += cw;
		keep = end;
	}
	char *head = utf8_from(w.u, keep);
	walk_close(&w);
	if (!head)
		return fit_bytes(out, s, width, pad);
	strbuf_puts(out, head);
	free(head);
	strbuf_puts(out, ellipsis);
	used += 1;
	if (pad)
		pad_spaces(out, width - used);
	return pad ? width : used;
}

long text_find_control(const char *s, bool allow_newline)
{
	const unsigned char *p = (const unsigned char *)s;
	int32_t len = (int32_t)strlen(s);
	int32_t i = 0;
	while (i < len) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT(p, i, len, c);
		if (c < 0)
			continue;
		if (c == '\n' && allow_newline)
			continue;
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
			return at;
	}
	return -1;
}
