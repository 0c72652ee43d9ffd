/* json_path.c: the JSON path ($.events[3].title) of a byte in a document
 * that may be broken after it, so that a syntax error or invalid UTF-8 is
 * reported where a person can find it. A forgiving scan of the prefix: it
 * only tracks containers, keys and element indices. */
#include "yeonpyo/json.h"

#include <string.h>

#define PATH_DEPTH 64
#define KEY_MAX 64

typedef struct {
	char type;          /* '{' or '[' */
	long index;         /* element number, in an array */
	bool in_value;      /* in an object: past the ':' */
	char key[KEY_MAX];  /* in an object: the current member's key */
} path_frame;

typedef struct {
	path_frame frames[PATH_DEPTH];
	int depth;          /* may exceed PATH_DEPTH; deeper frames unnamed */
	bool in_string;
	bool escape;
	bool string_is_key;
	size_t key_len;
} path_scan;

static path_frame *top(path_scan *p)
{
	return p->depth > 0 && p->depth <= PATH_DEPTH ? &p->frames[p->depth - 1]
						      : NULL;
}

static void scan_string_byte(path_scan *p, char c)
{
	path_frame *f = top(p);
	if (p->escape) {
		p->escape = false;
	} else if (c == '\\') {
		p->escape = true;
		return;
	} else if (c == '"') {
		p->in_string = false;
		return;
	}
	if (p->string_is_key && f && p->key_len + 1 < KEY_MAX) {
		f->key[p->key_len++] = c;
		f->key[p->key_len] = '\0';
	}
}

static void scan_byte(path_scan *p, char c)
{
	path_frame *f = top(p);
	switch (c) {
	case '"':
		p->in_string = true;
		p->string_is_key = f && f->type == '{' && !f->in_value;
		if (p->string_is_key) {
			p->key_len = 0;
			f->key[0] = '\0';
		}
		break;
	case '{':
	case '[':
		p->depth++;
		f = top(p);
		if (f)
			*f = (path_frame){c, 0, false, ""};
		break;
	case '}':
	case ']':
		if (p->depth > 0)
			p->depth--;
		break;
	case ':':
		if (f)
			f->in_value = true;
		break;
	case ',':
		if (f && f->type == '[')
			f->index++;
		if (f && f->type == '{')
			f->in_value = false;
		break;
	default:
		break;
	}
}

void json_path_at(const char *buf, size_t offset, strbuf *out)
{
	path_scan p;
	memset(&p, 0, sizeof(p));
	for (size_t i = 0; i < offset; i++) {
		if (p.in_string)
			scan_string_byte(&p, buf[i]);
		else
			scan_byte(&p, buf[i]);
	}
	strbuf_putc(out, '$');
	int n = p.depth < PATH_DEPTH ? p.depth : PATH_DEPTH;
	for (int i = 0; i < n; i++) {
		const path_frame *f = &p.frames[i];
		if (f->type == '[')
			strbuf_printf(out, "[%ld]", f->index);
		else if (f->key[0])
			strbuf_printf(out, ".%s", f->key);
	}
}
