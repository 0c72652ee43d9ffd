/* text_display.c: turning stored text into text that is safe and exact to
 * show: controls and bidirectional overrides become visible placeholders,
 * clusters a terminal cannot draw in one cell become what it can, and,
 * where the terminal cannot show Hangul, Korean is romanized. */
#include "yeonpyo/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <wchar.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

/* Stands for a character the terminal does not know. U+25A1 is East Asian
 * Ambiguous, so where ambiguous characters are wide it is '?'. */
#define UNKNOWN_NARROW "\xe2\x96\xa1"

typedef struct {
	strbuf *out;
	unsigned flags;
} display_state;

static char *transliterate(const char *s, const UChar *id);
static bool put_transliterated(display_state *d, const text_cluster *cl,
			       const UChar *id);
static const char *fold_symbol(const char *bytes, size_t len);
static bool fold_circled(strbuf *out, UChar32 c);

static UChar32 first_code_point(const char *s, size_t len, int32_t *next)
{
	int32_t i = 0;
	UChar32 c;
	U8_NEXT((const uint8_t *)s, i, (int32_t)len, c);
	*next = i;
	return c;
}

/* Caret notation for C0 and DEL, as less and cat -v show them; a
 * <U+XXXX> tag for C1 controls and bidirectional overrides, which would
 * otherwise reorder or hide what follows them (CVE-2021-42574). */
static bool put_placeholder(display_state *d, UChar32 c)
{
	if (c < 0x20) {
		char caret[3] = {'^', (char)(c + 0x40), '\0'};
		strbuf_puts(d->out, caret);
		return true;
	}
	if (c == 0x7f) {
		strbuf_puts(d->out, "^?");
		return true;
	}
	if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069)) {
		strbuf_printf(d->out, "<U+%04X>", (unsigned)c);
		return true;
	}
	return false;
}

/* Whether a code point takes no cell of its own: marks, variation
 * selectors, Hangul medial and final jamo. Those ride along in the cell of
 * the character before them; anything else after the first code point of
 * a cluster (an emoji joined by U+200D, a skin tone) would need a cell
 * curses cannot give it. */
static bool rides_along(UChar32 c)
{
	int8_t cat = (int8_t)u_charType(c);
	if (c == 0x200d)
		return false;
	if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK ||
	    cat == U_COMBINING_SPACING_MARK)
		return true;
	if (u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR))
		return true;
	int hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
	return hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO;
}

/* A code point the C library has no width for: curses would draw a blank
 * and the terminal might draw anything. */
static bool unknown_to_libc(UChar32 c)
{
	if (u_charType(c) == U_UNASSIGNED)
		return true;
	return MB_CUR_MAX > 1 && wcwidth((wchar_t)c) < 0;
}

/* Where the terminal draws ambiguous characters wide but curses counts
 * them narrow, they are replaced: symbols by look-alikes, letters (Greek,
 * Cyrillic) by their Latin transliteration, anything else by '?'. */
static bool fold_ambiguous(display_state *d, const text_cluster *cl,
			   UChar32 c)
{
	const char *folded = fold_symbol(cl->bytes, cl->len);
	if (folded) {
		strbuf_puts(d->out, folded);
		return true;
	}
	if (fold_circled(d->out, c))
		return true;
	return put_transliterated(d, cl, u"Any-Latin; Latin-ASCII");
}

/* Whether the locale's character set has every code point of a cluster
 * (EUC-KR has 2,350 of the 11,172 syllables; curses would draw the rest
 * as blanks). */
static bool in_charset(const text_cluster *cl)
{
	int32_t i = 0, len = (int32_t)cl->len;
	while (i < len) {
		UChar32 c;
		U8_NEXT((const uint8_t *)cl->bytes, i, len, c);
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		if (c < 0 || wcrtomb(mb, (wchar_t)c, &st) == (size_t)-1)
			return false;
	}
	return true;
}

/* One cluster in Latin letters by the ICU transliterator id, or '?' when
 * the result is not plain ASCII. */
static bool put_transliterated(display_state *d, const text_cluster *cl,
			       const UChar *id)
{
	char *piece = strndup(cl->bytes, cl->len);
	char *latin = piece ? transliterate(piece, id) : NULL;
	bool ascii = latin && *latin;
	for (const char *p = latin; ascii && *p; p++)
		ascii = (unsigned char)*p < 0x80 && (unsigned char)*p >= 0x20;
	strbuf_puts(d->out, ascii ? latin : "?");
	free(latin);
	free(piece);
	return true;
}

static bool display_cluster(const text_cluster *cl, void *ctx)
{
	display_state *d = ctx;
	int32_t next = 0;
	UChar32 c = first_code_point(cl->bytes, cl->len, &next);
	if (c < 0) {
		strbuf_puts(d->out, "?");
		return true;
	}
	if (c == '\n' && (d->flags & TEXT_KEEP_NEWLINES)) {
		strbuf_putc(d->out, '\n');
		return true;
	}
	if (put_placeholder(d, c))
		return true;
	if ((d->flags & TEXT_CHARSET_CHECK) && !in_charset(cl))
		return put_transliterated(d, cl, u"Hangul-Latin; Latin-ASCII");
	if (unknown_to_libc(c)) {
		strbuf_puts(d->out, (d->flags & TEXT_AMBIGUOUS_WIDE) ? "?"
							       : UNKNOWN_NARROW);
		return true;
	}
	if ((d->flags & TEXT_AMBIGUOUS_WIDE) &&
	    u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS)
		return fold_ambiguous(d, cl, c);
	/* keep the base, then only what shares its cell */
	strbuf_append(d->out, cl->bytes, (size_t)next);
	int32_t i = next, len = (int32_t)cl->len;
	bool joined = false;
	while (i < len) {
		int32_t start = i;
		UChar32 m;
		U8_NEXT((const uint8_t *)cl->bytes, i, len, m);
		if (m == 0x200d)
			joined = true;
		if (joined || m < 0 || !rides_along(m))
			continue;
		/* a variation selector or an orphan mark is ambiguous too:
		 * some terminals that draw those wide give it a cell */
		if ((d->flags & TEXT_AMBIGUOUS_WIDE) &&
		    u_getIntPropertyValue(m, UCHAR_EAST_ASIAN_WIDTH) ==
			    U_EA_AMBIGUOUS)
			continue;
		strbuf_append(d->out, cl->bytes + start, (size_t)(i - start));
	}
	return true;
}

/* Korean in Latin letters, for terminals and locales without Hangul:
 * ICU's Hangul-Latin is letter by letter (reversible, not Revised
 * Romanization), and Latin-ASCII folds what is left, curly quotes
 * included. Per string: ICU is slow on one huge buffer. */
static char *transliterate(const char *s, const UChar *id)
{
	UErrorCode st = U_ZERO_ERROR;
	UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0,
					   NULL, &st);
	if (U_FAILURE(st))
		return NULL;
	int32_t len = 0;
	st = U_ZERO_ERROR;
	u_strFromUTF8(NULL, 0, &len, s, -1, &st);
	int32_t cap = len * 4 + 16;
	UChar *u = malloc((size_t)cap * sizeof(UChar));
	char *out = NULL;
	st = U_ZERO_ERROR;
	if (u && (u_strFromUTF8(u, cap, NULL, s, -1, &st), U_SUCCESS(st))) {
		int32_t limit = len;
		utrans_transUChars(tr, u, &len, cap, 0, &limit, &st);
		int32_t n = 0;
		UErrorCode st2 = U_ZERO_ERROR;
		u_strToUTF8(NULL, 0, &n, u, len, &st2);
		out = U_SUCCESS(st) ? malloc((size_t)n + 1) : NULL;
		st2 = U_ZERO_ERROR;
		if (out)
			u_strToUTF8(out, n + 1, NULL, u, len, &st2);
	}
	free(u);
	utrans_close(tr);
	return out;
}

/* ASCII look-alikes for the East Asian Ambiguous symbols Korean text
 * uses most, for terminals that draw them two columns wide and for
 * charsets without them. Latin-ASCII (romanization) covers the quotes and
 * dashes too, but the ambiguous-width path does not romanize. */
static const char *fold_symbol(const char *bytes, size_t len)
{
	static const struct {
		const char *from;
		const char *to;
	} folds[] = {
		{"\xc2\xb7", "/"},       /* · middle dot: AI·SW reads AI/SW */
		{"\xe2\x80\xa2", "*"},   /* • */
		{"\xe2\x80\xbb", "*"},   /* ※ */
		{"\xe2\x96\xb2", "^"},   /* ▲ */
		{"\xe2\x96\xb3", "^"},   /* △ */
		{"\xe2\x96\xa0", "#"},   /* ■ */
		{"\xe2\x96\xa1", "?"},   /* □ (also our own stand-in) */
		{"\xe2\x97\x8b", "o"},   /* ○ */
		{"\xe2\x97\x8f", "*"},   /* ● */
		{"\xe2\x98\x85", "*"},   /* ★ */
		{"\xe2\x94\x81", "-"},   /* ━ */
		{"\xe2\x94\x80", "-"},   /* ─ */
		{"\xe2\x80\x98", "'"},   /* ‘ */
		{"\xe2\x80\x99", "'"},   /* ’ */
		{"\xe2\x80\x9c", "\""},  /* “ */
		{"\xe2\x80\x9d", "\""},  /* ” */
		{"\xe2\x80\xa6", "..."}, /* … */
		{"\xe2\x80\x93", "-"},   /* – */
		{"\xe2\x80\x94", "--"},  /* — */
		{"\xe2\x86\x92", "->"},  /* → */
		{"\xe2\x86\x90", "<-"},  /* ← */
		{"\xc2\xb0", "deg"},     /* ° */
		{"\xc3\x97", "x"},       /* × */
		{"\xe2\x82\xa9", "W"},   /* ₩ (halfwidth in glibc, but not ASCII) */
		{"\xe2\x9c\x8e", "+"},   /* ✎ (a note of the user's) */
	};
	for (size_t i = 0; i < sizeof(folds) / sizeof(folds[0]); i++)
		if (len == strlen(folds[i].from) &&
		    memcmp(bytes, folds[i].from, len) == 0)
			return folds[i].to;
	return NULL;
}

/* Circled numbers ①..⑳ (U+2460..2473) read as (1)..(20). */
static bool fold_circled(strbuf *out, UChar32 c)
{
	if (c < 0x2460 || c > 0x2473)
		return false;
	strbuf_printf(out, "(%d)", (int)(c - 0x2460 + 1));
	return true;
}

/* Whatever romanization left outside ASCII is folded, or becomes '?', one
 * per cluster, so that the text is exact in any charset. */
static bool ascii_cluster(const text_cluster *cl, void *ctx)
{
	strbuf *out = ctx;
	int32_t next = 0;
	if (cl->len == 1 && (unsigned char)cl->bytes[0] < 0x80) {
		strbuf_putc(out, cl->bytes[0]);
		return true;
	}
	const char *folded = fold_symbol(cl->bytes, cl->len);
	if (folded)
		strbuf_puts(out, folded);
	else if (!fold_circled(out, first_code_point(cl->bytes, cl->len, &next)) &&
		 cl->width > 0)
		strbuf_putc(out, '?');
	return true;
}

char *text_display(const char *s, unsigned flags)
{
	strbuf out = STRBUF_INIT;
	display_state d = {&out, flags};
	/* NFC first: curses loses the vowels of NFD Hangul it gets one code
	 * point at a time, and NFD text must look exactly like NFC text */
	char *nfc = text_nfc(s);
	const char *src = nfc ? nfc : s;
	if (!text_each_cluster(src, strlen(src), display_cluster, &d))
		strbuf_puts(&out, "?");
	free(nfc);
	if (!(flags & TEXT_ROMANIZE))
		return strbuf_take(&out);
	char *latin = transliterate(strbuf_str(&out), u"Hangul-Latin; Latin-ASCII");
	strbuf ascii = STRBUF_INIT;
	src = latin ? latin : strbuf_str(&out);
	text_each_cluster(src, strlen(src), ascii_cluster, &ascii);
	free(latin);
	strbuf_free(&out);
	return strbuf_take(&ascii);
}
