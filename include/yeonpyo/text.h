/* text.h: all measuring, cutting and normalizing of display text, backed by
 * ICU. Widths are counted per grapheme cluster (UAX #29), the unit a
 * terminal draws, so a Hangul syllable is always 2 columns whether it is
 * stored precomposed or not. */
#ifndef YEONPYO_TEXT_H
#define YEONPYO_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "yeonpyo/date.h"
#include "yeonpyo/strbuf.h"

/* Returns s converted to Unicode NFC as a new string the caller frees, or
 * NULL when s is not valid UTF-8 or memory runs out. */
char *text_nfc(const char *s);

/* The display width of s in terminal columns: 2 for East Asian Wide and
 * Fullwidth clusters, 0 for clusters made only of marks and format
 * characters, 1 otherwise. Invalid UTF-8 counts one column per byte. */
int text_width(const char *s);

/* text_fit for text shown with text_display flags: where "…" cannot be
 * shown as one column (TEXT_ROMANIZE, TEXT_AMBIGUOUS_WIDE) a cut ends
 * with "~". */
int text_fit_as(strbuf *out, const char *s, int width, bool pad,
		unsigned flags);

/* One grapheme cluster (UAX #29) of a string: its bytes and the columns a
 * terminal gives it. */
typedef struct {
	const char *bytes;
	size_t len;
	int width;
} text_cluster;

/* Returning false stops the walk. */
typedef bool (*text_cluster_fn)(const text_cluster *c, void *ctx);

/* Calls fn for each cluster of s[0..len) in order; false when the text
 * cannot be walked (out of memory). */
bool text_each_cluster(const char *s, size_t len, text_cluster_fn fn,
		       void *ctx);

/* text_width of s[0..len). */
int text_width_n(const char *s, size_t len);

/* The number of bytes of s[0..len) that fit in width columns without
 * splitting a cluster; *used (may be NULL) gets their width. */
size_t text_prefix(const char *s, size_t len, int width, int *used);

/* Called with each line of a wrapped text (not NUL-terminated); returning
 * false stops the wrap. */
typedef bool (*text_line_fn)(const char *line, size_t len, void *ctx);

/* Breaks s into lines of at most width columns (at least 2): at spaces
 * and other UAX #14 opportunities, but never inside a Korean word (as
 * CSS's word-break may ask; ICU 72 cannot) unless flags has
 * TEXT_WRAP_NORMAL, cutting a word only when it alone is wider than a
 * line. '\n' ends a line; an empty paragraph gives an empty line.
 * Trailing spaces are dropped. */
void text_wrap(const char *s, int width, unsigned flags, text_line_fn fn,
	       void *ctx);

/* Appends s to out cut to at most width columns, never splitting a
 * cluster; a cut text ends with "…" (1 column). With pad, spaces fill the
 * rest so exactly width columns are appended. Returns the columns
 * appended. */
int text_fit(strbuf *out, const char *s, int width, bool pad);

/* Appends d as people read it in locale ("ko", "en"), at its precision:
 * "2025년 2월 4일 (화)" / "Feb 4, 2025 (Tue)", "2021년 5월" / "May 2021",
 * "2021년" / "2021". Falls back to ISO 8601 (and returns false) when ICU
 * cannot format it. */
bool text_format_date(strbuf *out, const yp_date *d, const char *locale);

/* A collator for locale ("ko", "en"): names in the order readers of that
 * language expect. Open once for a sort; close with text_collator_close. */
typedef struct text_collator text_collator;
text_collator *text_collator_open(const char *locale);
/* <0, 0 or >0 as a sorts before, with or after b. */
int text_collate(const text_collator *c, const char *a, const char *b);
void text_collator_close(text_collator *c);

/* Dates and sorting for one language ("ko", "en"), kept open: ICU's date
 * patterns and collator take about a millisecond each to build, and the
 * detail pane needs them on every move. NULL only when memory runs out. */
typedef struct text_locale text_locale;
text_locale *text_locale_open(const char *locale);
void text_locale_close(text_locale *tl);
/* text_format_date with tl's language. */
bool text_locale_date(text_locale *tl, strbuf *out, const yp_date *d);
/* tl's collator (opened on first use, owned by tl), or NULL. */
const text_collator *text_locale_collator(text_locale *tl);

/* How text_display prepares text for the terminal. */
enum {
	TEXT_KEEP_NEWLINES = 1,    /* '\n' stays (paragraphs to wrap) */
	TEXT_ROMANIZE = 2,         /* Hangul in Latin letters, all ASCII */
	TEXT_AMBIGUOUS_WIDE = 4,   /* the terminal draws UAX #11 A as wide */
	TEXT_WRAP_NORMAL = 8,      /* text_wrap: ICU's breaks between syllables */
	TEXT_CHARSET_CHECK = 16    /* romanize clusters the locale's charset
				    * lacks (EUC-KR) */
};

/* Returns (for the caller to free) s as it can be shown exactly: in NFC
 * (so NFD Hangul looks like its NFC twin), with C0 and
 * DEL in caret notation (^[), C1 controls and bidirectional overrides and
 * isolates as <U+XXXX>, a cluster curses cannot keep in one cell (an emoji
 * ZWJ sequence, a skin tone) as its base character, a code point the C
 * library has no width for as U+25A1 (or '?'), and with TEXT_ROMANIZE
 * everything in ASCII. Widths measured on the result are what the
 * terminal draws. */
char *text_display(const char *s, unsigned flags);

/* The byte offset of the first control character (C0, DEL or C1) in s,
 * or -1; allow_newline exempts '\n'. Used to keep terminal escapes out of
 * stored text. */
long text_find_control(const char *s, bool allow_newline);

#endif
