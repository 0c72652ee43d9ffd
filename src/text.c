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

/* True when every code point is below U+0300 (no character there is
 * changed by NFC or combines with what follows) or a precomposed Hangul
 * syllable (a trailing jamo could join one, but none is let through): most
 * of a feed, checked without the trip through UTF-16 (which, with the
 * copy, was a tenth of an import). */
static bool nfc_plainly(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t len = (int32_t)strlen(s), i = 0;
	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		UChar32 c;
		U8_NEXT(p, i, len, c);
		if (c < 0 || (c >= 0x300 && (c < 0xAC00 || c > 0xD7A3)))
			return false;
	}
	return true;
}

char *text_nfc(const char *s)
{
	if (nfc_plainly(s))
		return strdup(s);
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
	/* ASCII and the precomposed syllables, most of what a screen holds,
	 * answered as ICU answers them (Cc 0, else Na 1; Lo, LV/LVT, W 2):
	 * the three property lookups were 1.4 M instructions of a first
	 * frame */
	if (c < 0x80)
		return c >= 0x20 && c < 0x7F ? 1 : 0;
	if (c >= 0xAC00 && c <= 0xD7A3)
		return 2;
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

/* The code point at byte i of s (a malformed sequence counts as one
 * narrow character, U+FFFD). */
static UChar32 code_point_at(const char *s, int32_t i, int32_t len)
{
	UChar32 c;
	U8_NEXT((const uint8_t *)s, i, len, c);
	return c < 0 ? 0xFFFD : c;
}

/* Walks the break positions of a UTF-8 string without converting it: over
 * a UText, ICU reports positions as byte offsets into s. */
typedef struct {
	UText *ut;
	UBreakIterator *bi;
} break_walk;

static bool walk_open(break_walk *w, UBreakIteratorType type, const char *s,
		      int32_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	w->bi = NULL;
	w->ut = utext_openUTF8(NULL, s, len, &st);
	if (U_FAILURE(st))
		return false;
	w->bi = ubrk_open(type, "ko", NULL, 0, &st);
	if (U_SUCCESS(st))
		ubrk_setUText(w->bi, w->ut, &st);
	if (U_FAILURE(st)) {
		ubrk_close(w->bi);
		utext_close(w->ut);
		return false;
	}
	return true;
}

static void walk_close(break_walk *w)
{
	ubrk_close(w->bi);
	utext_close(w->ut);
}

static int32_t clamp_len(size_t n)
{
	return n > (size_t)INT32_MAX ? INT32_MAX : (int32_t)n;
}

/* Whether every code point of s stands alone as a cluster: UAX #29 breaks
 * between two characters of Grapheme_Cluster_Break=Other, LV or LVT (and
 * around controls but CR LF), which covers ASCII, precomposed Hangul and
 * most text. Then no break iterator is needed. */
static bool all_single(const char *s, int32_t n)
{
	int32_t i = 0;
	UChar32 prev = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, n, c);
		if (c < 0)
			return false;
		if (c < 0x80) {
			if (c == '\n' && prev == '\r')
				return false;
			prev = c;
			continue;
		}
		/* a precomposed syllable (LV, LVT) only joins a following
		 * jamo, which is not Other and so goes the slow way */
		int gcb = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
		if (gcb != U_GCB_OTHER && gcb != U_GCB_CONTROL &&
		    gcb != U_GCB_LV && gcb != U_GCB_LVT)
			return false;
		prev = c;
	}
	return true;
}

static void each_code_point(const char *s, int32_t n, text_cluster_fn fn,
			    void *ctx)
{
	int32_t i = 0;
	while (i < n) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, n, c);
		text_cluster cl = {s + start, (size_t)(i - start),
				   cluster_width(c)};
		if (!fn(&cl, ctx))
			return;
	}
}

bool text_each_cluster(const char *s, size_t len, text_cluster_fn fn,
		       void *ctx)
{
	int32_t n = clamp_len(len);
	if (all_single(s, n)) {
		each_code_point(s, n, fn, ctx);
		return true;
	}
	break_walk w;
	if (!walk_open(&w, UBRK_CHARACTER, s, n))
		return false;
	int32_t start = ubrk_first(w.bi);
	for (int32_t end = ubrk_next(w.bi); end != UBRK_DONE;
	     start = end, end = ubrk_next(w.bi)) {
		text_cluster c = {s + start, (size_t)(end - start),
				  cluster_width(code_point_at(s, start, n))};
		if (!fn(&c, ctx))
			break;
	}
	walk_close(&w);
	return true;
}

static bool add_width(const text_cluster *c, void *ctx)
{
	*(int *)ctx += c->width;
	return true;
}

int text_width_n(const char *s, size_t len)
{
	int width = 0;
	if (!text_each_cluster(s, len, add_width, &width))
		return clamp_len(len);
	return width;
}

int text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

static void pad_spaces(strbuf *out, int n)
{
	for (int i = 0; i < n; i++)
		strbuf_putc(out, ' ');
}

/* How many bytes of whole clusters fit in a width budget. */
typedef struct {
	const char *base;
	int budget;
	int used;
	size_t bytes;
} fit_state;

static bool fit_cluster(const text_cluster *c, void *ctx)
{
	fit_state *f = ctx;
	if (f->used + c->width > f->budget)
		return false;
	f->used += c->width;
	f->bytes = (size_t)(c->bytes - f->base) + c->len;
	return true;
}

size_t text_prefix(const char *s, size_t len, int width, int *used)
{
	fit_state f = {s, width, 0, 0};
	text_each_cluster(s, len, fit_cluster, &f);
	if (used)
		*used = f.used;
	return f.bytes;
}

int text_fit(strbuf *out, const char *s, int width, bool pad)
{
	return text_fit_as(out, s, width, pad, 0);
}

int text_fit_as(strbuf *out, const char *s, int width, bool pad,
		unsigned flags)
{
	/* "…" is ambiguous-width and not in every charset */
	const char *cut = (flags & (TEXT_ROMANIZE | TEXT_AMBIGUOUS_WIDE))
				  ? "~" : ellipsis;
	if (width <= 0)
		return 0;
	size_t len = strlen(s);
	int total = text_width_n(s, len);
	if (total <= width) {
		strbuf_append(out, s, len);
		if (pad)
			pad_spaces(out, width - total);
		return pad ? width : total;
	}
	int used = 0;
	/* leave a column for the ellipsis */
	size_t keep = text_prefix(s, len, width - 1, &used);
	while (keep > 0 && s[keep - 1] == ' ') {  /* "KT …" reads as "KT…" */
		keep--;
		used--;
	}
	strbuf_append(out, s, keep);
	strbuf_puts(out, cut);
	used += 1;
	if (pad)
		pad_spaces(out, width - used);
	return pad ? width : used;
}

/* Korean words are kept whole, as CSS's word-break may ask: a word
 * breaks only at spaces, never between its syllables. ICU 72 ignores
 * ko@lw=keepall and breaks between every pair of syllables, so its
 * opportunities between two letters, digits or ideographs/Hangul (UAX #14
 * classes below) are dropped here. */
static bool keep_together(UChar32 before, UChar32 after)
{
	static const int classes[] = {
		U_LB_NUMERIC, U_LB_ALPHABETIC, U_LB_AMBIGUOUS, U_LB_IDEOGRAPHIC,
		U_LB_H2, U_LB_H3, U_LB_JL, U_LB_JV, U_LB_JT,
	};
	int a = u_getIntPropertyValue(before, UCHAR_LINE_BREAK);
	int b = u_getIntPropertyValue(after, UCHAR_LINE_BREAK);
	bool in_a = false, in_b = false;
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		in_a = in_a || a == classes[i];
		in_b = in_b || b == classes[i];
	}
	return in_a && in_b;
}

/* Bytes of s[0..n) without trailing spaces. */
static size_t trim_end(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

typedef struct {
	const char *s;      /* the paragraph */
	int width;
	text_line_fn fn;
	void *ctx;
	int32_t start;      /* where the current line starts */
	int32_t prev;       /* the last break seen, at or after start */
	int acc;            /* columns of s[start..prev), spaces included */
	int32_t last_fit;   /* the furthest break that still fits, or -1 */
	bool stop;
} wrapper;

/* Spaces at the end of s[from..to): they hang past a line's end. */
static int trailing_spaces(const char *s, int32_t from, int32_t to)
{
	int n = 0;
	while (to > from && s[to - 1] == ' ') {
		to--;
		n++;
	}
	return n;
}

static void wrap_emit_line(wrapper *w, int32_t end)
{
	if (!w->stop)
		w->stop = !w->fn(w->s + w->start,
				 trim_end(w->s + w->start, (size_t)(end - w->start)),
				 w->ctx);
	w->start = end;
	w->last_fit = -1;
	/* once a line, so measuring stays linear */
	w->acc = w->prev > end ? text_width_n(w->s + end,
					      (size_t)(w->prev - end)) : 0;
	if (w->prev < end)
		w->prev = end;
}

static bool take_first(const text_cluster *c, void *ctx)
{
	*(size_t *)ctx = c->len;
	return false;
}

static size_t first_cluster_len(const char *s, size_t len)
{
	size_t n = len ? 1 : 0;
	text_each_cluster(s, len, take_first, &n);
	return n;
}

/* Whether s[start..end), less trailing spaces, fits the line. */
static bool wrap_fits(const wrapper *w, int32_t start, int32_t end)
{
	size_t n = trim_end(w->s + start, (size_t)(end - start));
	return text_width_n(w->s + start, n) <= w->width;
}

/* A word wider than the line is cut at cluster boundaries until the rest
 * of it fits. */
static void wrap_hard(wrapper *w, int32_t end)
{
	while (!w->stop && !wrap_fits(w, w->start, end)) {
		size_t n = text_prefix(w->s + w->start, (size_t)(end - w->start),
				       w->width, NULL);
		if (n == 0) /* one cluster wider than the line: it goes alone */
			n = first_cluster_len(w->s + w->start,
					      (size_t)(end - w->start));
		wrap_emit_line(w, w->start + (int32_t)n);
	}
}

/* Ends the line at end. The widths of segments added up can miss what a
 * cluster that a break opportunity cuts (a prepended mark such as U+0600
 * joins what follows it, spaces included) really takes: a line that would
 * come out too wide is cut at cluster boundaries first (found by
 * fuzz_text). */
static void wrap_emit(wrapper *w, int32_t end)
{
	wrap_hard(w, end);
	wrap_emit_line(w, end);
}

/* At each break opportunity: remember it while the line still fits, else
 * end the line at the last one that did. Widths add up segment by
 * segment (breaks fall between clusters), so each byte is measured about
 * once. */
static void wrap_break(wrapper *w, int32_t at)
{
	w->acc += text_width_n(w->s + w->prev, (size_t)(at - w->prev));
	w->prev = at;
	if (w->acc - trailing_spaces(w->s, w->start, at) <= w->width) {
		w->last_fit = at;
		return;
	}
	if (w->last_fit > w->start) {
		wrap_emit(w, w->last_fit);
		if (w->acc - trailing_spaces(w->s, w->start, at) <= w->width) {
			w->last_fit = at;
			return;
		}
	}
	wrap_hard(w, at);
	w->acc = text_width_n(w->s + w->start, (size_t)(at - w->start));
	w->last_fit = at;
}

static bool wrap_paragraph(const char *s, int32_t len, int width,
			   unsigned flags, text_line_fn fn, void *ctx)
{
	wrapper w = {s, width, fn, ctx, 0, 0, 0, -1, false};
	break_walk walk;
	if (len == 0)
		return fn(s, 0, ctx);
	if (!walk_open(&walk, UBRK_LINE, s, len)) {
		wrap_hard(&w, len);
		wrap_emit(&w, len);
		return !w.stop;
	}
	ubrk_first(walk.bi);
	for (int32_t at = ubrk_next(walk.bi); at != UBRK_DONE && at < len;
	     at = ubrk_next(walk.bi)) {
		int32_t i = at;
		UChar32 before;
		U8_PREV((const uint8_t *)s, 0, i, before);
		if (!(flags & TEXT_WRAP_NORMAL) &&
		    keep_together(before, code_point_at(s, at, len)))
			continue;
		wrap_break(&w, at);
	}
	walk_close(&walk);
	wrap_break(&w, len);
	if (w.start < len)
		wrap_emit(&w, len);
	return !w.stop;
}

void text_wrap(const char *s, int width, unsigned flags, text_line_fn fn,
	       void *ctx)
{
	if (width < 2)
		width = 2;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		if (!wrap_paragraph(s, clamp_len(n), width, flags, fn, ctx) ||
		    !nl)
			return;
		s = nl + 1;
	}
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
