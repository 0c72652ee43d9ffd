/* strbuf.h: a growable NUL-terminated byte buffer, the one way this program
 * builds strings of unknown length. */
#ifndef YEONPYO_STRBUF_H
#define YEONPYO_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *data;   /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
	bool failed;  /* set when an allocation failed; later appends do nothing */
} strbuf;

#define STRBUF_INIT {NULL, 0, 0, false}

bool strbuf_append(strbuf *sb, const char *s, size_t n);
bool strbuf_puts(strbuf *sb, const char *s);
bool strbuf_putc(strbuf *sb, char c);
bool strbuf_printf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hands the buffer to the caller (who frees it) and resets sb; never NULL
 * unless allocation failed. */
char *strbuf_take(strbuf *sb);
/* Returns the contents, "" when empty; valid until the next append. */
const char *strbuf_str(const strbuf *sb);
void strbuf_reset(strbuf *sb);
void strbuf_free(strbuf *sb);

#endif
