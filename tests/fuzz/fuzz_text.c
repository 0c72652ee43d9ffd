/* fuzz_text.c: libFuzzer target for the text module: widths, cuts,
 * wrapping and the sanitizing of text for the terminal, on any bytes. The
 * first byte picks the width and flags; the rest is the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"

typedef struct {
	int width;
	int lines;
} wrap_check;

static bool one_line(const char *line, size_t len, void *ctx)
{
	wrap_check *w = ctx;
	/* a wrapped line never exceeds the width, unless one cluster is
	 * wider than the width itself */
	if (text_width_n(line, len) > w->width && w->width >= 2)
		abort();
	w->lines++;
	return w->lines < 100000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int width = data[0] % 41;
	unsigned flags = (unsigned)(data[0] >> 6) * TEXT_ROMANIZE;
	char *s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	(void)text_width(s);
	free(text_nfc(s));
	char *shown = text_display(s, flags | TEXT_KEEP_NEWLINES);
	if (shown) {
		strbuf sb = STRBUF_INIT;
		int used = text_fit(&sb, shown, width, true);
		if (used != width && !sb.failed)
			abort();  /* padded: exactly width columns */
		strbuf_free(&sb);
		wrap_check w = {width, 0};
		text_wrap(shown, width, flags, one_line, &w);
		free(shown);
	}
	(void)text_find_control(s, true);
	free(s);
	return 0;
}
