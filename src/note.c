/* note.c: the rules for a note's text (note.h), apart from the store so
 * that readers of notes (note --import) can check one before writing. */
#include "yeonpyo/note.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "yeonpyo/text.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* C0 but line feed and tab, DEL and C1: what would move the cursor or
 * start an escape on the terminal that shows the note. */
static bool control(UChar32 c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
}

/* Copies text[0..len) into out without the CR of each CR LF; refuses
 * what is not UTF-8 and the controls a note may not hold. */
static yp_status fold_lines(const char *text, size_t len, char *out,
			    size_t *n, yp_error *err)
{
	int32_t i = 0, end = (int32_t)len;
	*n = 0;
	while (i < end) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT((const uint8_t *)text, i, end, c);
		if (c < 0)
			return yp_fail(err, YP_DATAERR, "not valid UTF-8 "
				       "(byte %ld)", (long)at);
		if (c == '\r' && i < end && text[i] == '\n')
			continue;
		if (control(c))
			return yp_fail(err, YP_DATAERR, "control character "
				       "U+%04X at byte %ld is not allowed (only "
				       "line breaks and tabs are)", (unsigned)c,
				       (long)at);
		memcpy(out + *n, text + at, (size_t)(i - at));
		*n += (size_t)(i - at);
	}
	out[*n] = '\0';
	return YP_OK;
}

/* The text of folded[0..n) without the white space at either end, cut
 * in place. */
static char *trim(char *folded, size_t n)
{
	size_t start = 0;
	while (start < n && blank(folded[start]))
		start++;
	while (n > start && blank(folded[n - 1]))
		folded[--n] = '\0';
	return folded + start;
}

yp_status note_size_check(size_t len, yp_error *err)
{
	if (len > NOTE_MAX_BYTES)
		return yp_fail(err, YP_DATAERR, "too long (%zu bytes; at most "
			       "%d)", len, NOTE_MAX_BYTES);
	return YP_OK;
}

yp_status note_text_clean(const char *text, size_t len, char **out,
			  yp_error *err)
{
	*out = NULL;
	if (note_size_check(len, err) != YP_OK)
		return YP_DATAERR;
	char *folded = calloc(len + 1, 1);
	if (!folded)
		return yp_fail(err, YP_SOFTWARE, "out of memory");
	size_t n = 0;
	yp_status rc = fold_lines(text, len, folded, &n, err);
	const char *note = rc == YP_OK ? trim(folded, n) : "";
	if (rc == YP_OK && !*note)
		rc = yp_fail(err, YP_DATAERR, "must not be empty");
	char *nfc = rc == YP_OK ? text_nfc(note) : NULL;
	free(folded);
	if (rc != YP_OK)
		return rc;
	if (!nfc)
		return yp_fail(err, YP_SOFTWARE, "out of memory");
	/* NFC composes nearly always; a few characters decompose and grow */
	size_t stored = strlen(nfc);
	if (stored > NOTE_MAX_BYTES) {
		free(nfc);
		return yp_fail(err, YP_DATAERR, "too long (%zu bytes in NFC; at "
			       "most %d)", stored, NOTE_MAX_BYTES);
	}
	*out = nfc;
	return YP_OK;
}
