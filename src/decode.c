/* decode.c: validating yp/1 JSON records field by field into model structs.
 * Every problem is reported (not just the first) so one run of import shows
 * a user all there is to fix. */
#include "yeonpyo/decode.h"

#include "decode_priv.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"
#include "yeonpyo/vocab.h"

/* Byte limits that keep one record from swallowing the screen or memory. */
#define LINE_TEXT_MAX 1024
#define LONG_TEXT_MAX 65536
#define SLUG_MAX 64
#define TAG_MAX 32
#define SHORT_NAME_MAX 32
#define ALIASES_MAX 32
#define ALIAS_CHARS_MAX 200

enum { TEXT_LINE = 0, TEXT_MULTILINE = 1 };

/* A path below another: in a buffer on the caller's stack, since one is
 * made for every field of every record (with malloc and printf they were
 * a tenth of an import). Paths are the document's own few names and
 * indexes, far shorter than this; a longer one is cut, never overrun. */
typedef struct {
	char s[256];
} path_buf;

static const char *path_put(path_buf *b, const char *path, const char *sep,
			    const char *name, const char *close)
{
	size_t at = 0, cap = sizeof(b->s) - 1;
	const char *parts[] = {path, sep, name, close};
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		size_t n = strlen(parts[k]);
		if (n > cap - at)
			n = cap - at;
		memcpy(b->s + at, parts[k], n);
		at += n;
	}
	b->s[at] = '\0';
	return b->s;
}

/* path + ".name" */
static const char *path_join(path_buf *b, const char *path, const char *name)
{
	return path_put(b, path, ".", name, "");
}

/* path + "[i]" */
static const char *path_index(path_buf *b, const char *path, size_t i)
{
	char digits[24];
	size_t n = sizeof(digits);
	digits[--n] = '\0';
	do {
		digits[--n] = (char)('0' + i % 10);
		i /= 10;
	} while (i && n);
	return path_put(b, path, "[", digits + n, "]");
}

static bool in_list(const char *const *names, const char *key)
{
	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], key) == 0)
			return true;
	return false;
}

static void list_names(strbuf *sb, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		strbuf_printf(sb, "%s%s", i ? ", " : "", names[i]);
}

bool decode_check_fields(decode_ctx *c, const json_value *v, const char *path,
			 const char *const *names, size_t n_required)
{
	if (v->type != JSON_OBJECT) {
		decode_report(c, v, path, "expected an object, got %s",
			      json_type_name(v->type));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < v->u.object.len; i++) {
		const char *key = v->u.object.members[i].key;
		if (in_list(names, key))
			continue;
		strbuf sb = STRBUF_INIT;
		list_names(&sb, names);
		decode_report(c, v, path, "unknown field \"%s\" (expected one "
			      "of: %s)", key, strbuf_str(&sb));
		strbuf_free(&sb);
		ok = false;
	}
	for (size_t i = 0; i < n_required; i++) {
		if (!json_get(v, names[i])) {
			decode_report(c, v, path, "missing field \"%s\"", names[i]);
			ok = false;
		}
	}
	return ok;
}

/* Starts checking a record: unknown and missing fields are reported and
 * make *ok false, but the known fields are still checked so that one run
 * reports everything; only a value that is not an object stops here. */
static bool record_begin(decode_ctx *c, const json_value *v, const char *path,
			 const char *const *names, size_t n_required, bool *ok)
{
	*ok = decode_check_fields(c, v, path, names, n_required);
	return v->type == JSON_OBJECT;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (int32_t i = 0; s[i]; n++)
		U8_FWD_1((const uint8_t *)s, i, -1);
	return n;
}

/* Validates and normalizes one string value into *out. */
static bool read_string(decode_ctx *c, const json_value *v, const char *path,
			int multiline, char **out)
{
	*out = NULL;
	if (v->type != JSON_STRING) {
		decode_report(c, v, path, "expected a string, got %s",
			      json_type_name(v->type));
		return false;
	}
	const char *s = v->u.string;
	size_t max = multiline ? LONG_TEXT_MAX : LINE_TEXT_MAX;
	if (!*s || strspn(s, " \t\n") == strlen(s)) {
		decode_report(c, v, path, "must not be empty");
		return false;
	}
	if (strlen(s) > max) {
		decode_report(c, v, path, "too long (%zu bytes; at most %zu)",
			      strlen(s), max);
		return false;
	}
	long at = text_find_control(s, multiline == TEXT_MULTILINE);
	if (at >= 0) {
		decode_report(c, v, path, "control character U+%04X at byte %ld "
			      "is not allowed", (unsigned char)s[at], at);
		return false;
	}
	*out = text_nfc(s);
	if (!*out) {
		decode_report(c, v, path, "cannot normalize text (out of memory)");
		return false;
	}
	return true;
}

/* An optional member: absent is fine (*out stays NULL). */
static bool field_string(decode_ctx *c, const json_value *obj, const char *path,
			 const char *name, int multiline, char **out)
{
	*out = NULL;
	const json_value *v = json_get(obj, name);
	if (!v)
		return true;
	path_buf p;
	return read_string(c, v, path_join(&p, path, name), multiline, out);
}

static bool is_slug(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		      ch == '-'))
			return false;
	}
	return true;
}

static bool check_slug(decode_ctx *c, const json_value *v, const char *path,
		       const char *s, size_t max, const char *what)
{
	if (is_slug(s, max))
		return true;
	decode_report(c, v, path, "invalid %s \"%s\" (use 1-%zu characters "
		      "a-z, 0-9 and '-', not starting with '-')", what, s, max);
	return false;
}

static bool field_slug(decode_ctx *c, const json_value *obj, const char *path,
		       const char *name, char **out)
{
	if (!field_string(c, obj, path, name, TEXT_LINE, out))
		return false;
	if (!*out || is_slug(*out, SLUG_MAX))
		return true;
	path_buf p;
	check_slug(c, json_get(obj, name), path_join(&p, path, name), *out,
		   SLUG_MAX, "id");
	free(*out);
	*out = NULL;
	return false;
}

static bool field_vocab(decode_ctx *c, const json_value *obj, const char *path,
			const char *name, vocab_id vocab, char **out)
{
	if (!field_string(c, obj, path, name, TEXT_LINE, out))
		return false;
	if (!*out || vocab_has(vocab, *out))
		return true;
	path_buf p;
	decode_report(c, json_get(obj, name), path_join(&p, path, name),
		      "unknown %s \"%s\" (expected one of: %s)",
		      vocab_name(vocab), *out, vocab_values(vocab));
	free(*out);
	*out = NULL;
	return false;
}

static bool read_ltext(decode_ctx *c, const json_value *v, const char *path,
		       int multiline, yp_text *out)
{
	static const char *const langs[] = {"ko", "en", NULL};
	out->ko = out->en = NULL;
	bool ok;
	if (!record_begin(c, v, path, langs, 0, &ok))
		return false;
	if (v->u.object.len == 0) {
		decode_report(c, v, path, "needs a \"ko\" or an \"en\" text");
		return false;
	}
	ok = field_string(c, v, path, "ko", multiline, &out->ko) && ok;
	ok = field_string(c, v, path, "en", multiline, &out->en) && ok;
	if (!ok)
		model_text_clear(out);
	return ok;
}

static bool field_ltext(decode_ctx *c, const json_value *obj, const char *path,
			const char *name, int multiline, yp_text *out)
{
	out->ko = out->en = NULL;
	const json_value *v = json_get(obj, name);
	if (!v)
		return true;
	path_buf p;
	return read_ltext(c, v, path_join(&p, path, name), multiline, out);
}

static bool field_date(decode_ctx *c, const json_value *obj, const char *path,
		       const char *name, yp_date *out)
{
	out->precision = DATE_NONE;
	char *s = NULL;
	if (!field_string(c, obj, path, name, TEXT_LINE, &s))
		return false;
	if (!s)
		return true;
	char why[96];
	bool ok = date_parse(s, out, why, sizeof(why));
	if (!ok) {
		path_buf p;
		decode_report(c, json_get(obj, name), path_join(&p, path, name),
			      "invalid date \"%s\": %s", s, why);
	}
	free(s);
	return ok;
}

/* Runs a check on an optional field that was read as a string. */
typedef bool (*value_check_fn)(decode_ctx *c, const json_value *v,
			       const char *path, const char *s);

static bool checked(decode_ctx *c, const json_value *obj, const char *path,
		    const char *name, char **value, value_check_fn check)
{
	if (!*value)
		return true;
	path_buf p;
	bool ok = check(c, json_get(obj, name), path_join(&p, path, name),
			*value);
	if (!ok) {
		free(*value);
		*value = NULL;
	}
	return ok;
}

static bool check_short_name(decode_ctx *c, const json_value *v,
			     const char *path, const char *s)
{
	if (utf8_chars(s) <= SHORT_NAME_MAX)
		return true;
	decode_report(c, v, path, "short name \"%s\" is longer than %d characters",
		      s, SHORT_NAME_MAX);
	return false;
}

/* One alias of a record (what, "organization" or "person") whose own
 * names are own[0..n_own): the names' text rules; one that repeats a name
 * or an earlier alias is a slip, and would only weigh twice in search. */
static bool alias_item(decode_ctx *c, const json_value *v, const char *path,
		       const char *what, const char *const *own, size_t n_own,
		       char **aliases, size_t i)
{
	if (!read_string(c, v, path, TEXT_LINE, &aliases[i]))
		return false;
	const char *a = aliases[i];
	if (utf8_chars(a) > ALIAS_CHARS_MAX) {
		decode_report(c, v, path, "alias is longer than %d characters",
			      ALIAS_CHARS_MAX);
		return false;
	}
	for (size_t k = 0; k < n_own; k++) {
		if (own[k] && strcmp(own[k], a) == 0) {
			decode_report(c, v, path, "alias \"%s\" is the %s's own "
				      "name", a, what);
			return false;
		}
	}
	for (size_t j = 0; j < i; j++) {
		if (aliases[j] && strcmp(aliases[j], a) == 0) {
			decode_report(c, v, path, "alias \"%s\" is listed twice "
				      "(also at aliases[%zu])", a, j);
			return false;
		}
	}
	return true;
}

/* The optional "aliases": 1 to ALIASES_MAX strings. *n counts the
 * elements read, so that a clear frees them when one fails. */
static bool field_aliases(decode_ctx *c, const json_value *obj,
			  const char *path, const char *what,
			  const char *const *own, size_t n_own, char ***out,
			  size_t *n)
{
	*out = NULL;
	*n = 0;
	const json_value *v = json_get(obj, "aliases");
	if (!v)
		return true;
	path_buf pb;
	const char *p = path_join(&pb, path, "aliases");
	if (v->type != JSON_ARRAY) {
		decode_report(c, v, p, "expected an array, got %s",
			      json_type_name(v->type));
		return false;
	}
	size_t len = v->u.array.len;
	if (len == 0 || len > ALIASES_MAX) {
		decode_report(c, v, p, "expected 1 to %d aliases, got %zu",
			      ALIASES_MAX, len);
		return false;
	}
	*out = calloc(len, sizeof(**out));
	if (!*out) {
		decode_report(c, v, p, "out of memory");
		return false;
	}
	bool ok = true;
	path_buf ip;
	for (size_t i = 0; i < len; i++) {
		*n = i + 1;
		ok = alias_item(c, v->u.array.items[i], path_index(&ip, p, i),
				what, own, n_own, *out, i) && ok;
	}
	return ok;
}

bool decode_org(decode_ctx *c, const json_value *v, const char *path,
		yp_org *out)
{
	static const char *const names[] = {"id", "name", "kind", "short",
					    "country", "parent", "aliases",
					    NULL};
	memset(out, 0, sizeof(*out));
	bool ok;
	if (!record_begin(c, v, path, names, 3, &ok))
		return false;
	ok = field_slug(c, v, path, "id", &out->id) && ok;
	ok = field_ltext(c, v, path, "name", TEXT_LINE, &out->name) && ok;
	ok = field_vocab(c, v, path, "kind", VOCAB_ORG_KIND, &out->kind) && ok;
	ok = field_string(c, v, path, "short", TEXT_LINE, &out->short_name) && ok;
	ok = checked(c, v, path, "short", &out->short_name, check_short_name) && ok;
	ok = field_string(c, v, path, "country", TEXT_LINE, &out->country) && ok;
	ok = checked(c, v, path, "country", &out->country, decode_check_country) && ok;
	ok = field_slug(c, v, path, "parent", &out->parent) && ok;
	const char *own[] = {out->name.ko, out->name.en, out->short_name};
	ok = field_aliases(c, v, path, "organization", own, 3, &out->aliases,
			   &out->n_aliases) && ok;
	if (ok && out->parent && strcmp(out->parent, out->id) == 0) {
		decode_report(c, v, path, "organization \"%s\" cannot be its own "
			      "parent", out->id);
		ok = false;
	}
	if (!ok)
		model_org_clear(out);
	return ok;
}

bool decode_person(decode_ctx *c, const json_value *v, const char *path,
		   yp_person *out)
{
	static const char *const names[] = {"id", "name", "organization",
					    "title", "aliases", NULL};
	memset(out, 0, sizeof(*out));
	bool ok;
	if (!record_begin(c, v, path, names, 2, &ok))
		return false;
	ok = field_slug(c, v, path, "id", &out->id) && ok;
	ok = field_ltext(c, v, path, "name", TEXT_LINE, &out->name) && ok;
	ok = field_slug(c, v, path, "organization", &out->org) && ok;
	ok = field_ltext(c, v, path, "title", TEXT_LINE, &out->title) && ok;
	const char *own[] = {out->name.ko, out->name.en};
	ok = field_aliases(c, v, path, "person", own, 2, &out->aliases,
			   &out->n_aliases) && ok;
	if (!ok)
		model_person_clear(out);
	return ok;
}

bool decode_source(decode_ctx *c, const json_value *v, const char *path,
		   yp_source *out)
{
	static const char *const names[] = {"id", "title", "publisher",
					    "language", "kind", "date", "url",
					    NULL};
	memset(out, 0, sizeof(*out));
	bool ok;
	if (!record_begin(c, v, path, names, 5, &ok))
		return false;
	ok = field_slug(c, v, path, "id", &out->id) && ok;
	ok = field_string(c, v, path, "title", TEXT_LINE, &out->title) && ok;
	ok = field_string(c, v, path, "publisher", TEXT_LINE, &out->publisher) && ok;
	ok = field_string(c, v, path, "language", TEXT_LINE, &out->language) && ok;
	ok = checked(c, v, path, "language", &out->language, decode_check_language) && ok;
	ok = field_vocab(c, v, path, "kind", VOCAB_SOURCE_KIND, &out->kind) && ok;
	ok = field_date(c, v, path, "date", &out->date) && ok;
	ok = field_string(c, v, path, "url", TEXT_LINE, &out->url) && ok;
	ok = checked(c, v, path, "url", &out->url, decode_check_url) && ok;
	if (!ok)
		model_source_clear(out);
	return ok;
}

/* Reads an optional array member, calling item for each element. */
typedef bool (*item_fn)(decode_ctx *c, const json_value *v, const char *path,
			yp_event *e, size_t i);

static bool field_array(decode_ctx *c, const json_value *obj, const char *path,
			const char *name, yp_event *e, size_t *count,
			size_t item_size, void **items, item_fn item)
{
	const json_value *v = json_get(obj, name);
	if (!v)
		return true;
	path_buf pb;
	const char *p = path_join(&pb, path, name);
	if (v->type != JSON_ARRAY) {
		decode_report(c, v, p, "expected an array, got %s",
			      json_type_name(v->type));
		return false;
	}
	size_t n = v->u.array.len;
	if (n == 0)
		return true;
	*items = calloc(n, item_size);
	if (!*items) {
		decode_report(c, v, p, "out of memory");
		return false;
	}
	bool ok = true;
	path_buf ip;
	for (size_t i = 0; ok && i < n; i++) {
		/* count first, so a clear frees what item filled in */
		*count = i + 1;
		ok = item(c, v->u.array.items[i], path_index(&ip, p, i), e, i) &&
		     ok;
	}
	for (size_t i = *count; i < n && !ok; i++) {
		/* report the remaining elements' problems too */
		*count = i + 1;
		item(c, v->u.array.items[i], path_index(&ip, p, i), e, i);
	}
	return ok;
}

/* A text in both languages, {"ko": ..., "en": ...}: where the English
 * view must never fall back to Korean (or the Korean to English). */
static bool read_text_both(decode_ctx *c, const json_value *v,
			   const char *path, yp_text *out)
{
	static const char *const langs[] = {"ko", "en", NULL};
	out->ko = out->en = NULL;
	bool ok;
	if (!record_begin(c, v, path, langs, 2, &ok))
		return false;
	ok = field_string(c, v, path, "ko", TEXT_LINE, &out->ko) && ok;
	ok = field_string(c, v, path, "en", TEXT_LINE, &out->en) && ok;
	if (!ok)
		model_text_clear(out);
	return ok;
}

/* An event's link; a person's link may also say the person's title at
 * the event (with_title). */
static bool link_item(decode_ctx *c, const json_value *v, const char *path,
		      yp_link *link, vocab_id roles, bool with_title)
{
	static const char *const names[] = {"id", "role", NULL};
	static const char *const titled[] = {"id", "role", "title", NULL};
	bool ok;
	if (!record_begin(c, v, path, with_title ? titled : names, 2, &ok))
		return false;
	ok = field_slug(c, v, path, "id", &link->id) && ok;
	ok = field_vocab(c, v, path, "role", roles, &link->role) && ok;
	const json_value *title = with_title ? json_get(v, "title") : NULL;
	path_buf p;
	if (title)
		ok = read_text_both(c, title, path_join(&p, path, "title"),
				    &link->title) && ok;
	return ok;
}

static bool org_link_item(decode_ctx *c, const json_value *v, const char *path,
			  yp_event *e, size_t i)
{
	return link_item(c, v, path, &e->orgs[i], VOCAB_ORG_ROLE, false);
}

static bool person_link_item(decode_ctx *c, const json_value *v,
			     const char *path, yp_event *e, size_t i)
{
	return link_item(c, v, path, &e->people[i], VOCAB_PERSON_ROLE, true);
}

static bool source_item(decode_ctx *c, const json_value *v, const char *path,
			yp_event *e, size_t i)
{
	return read_string(c, v, path, TEXT_LINE, &e->sources[i]) &&
	       (is_slug(e->sources[i], SLUG_MAX) ||
		check_slug(c, v, path, e->sources[i], SLUG_MAX, "source id"));
}

static bool tag_item(decode_ctx *c, const json_value *v, const char *path,
		     yp_event *e, size_t i)
{
	return read_string(c, v, path, TEXT_LINE, &e->tags[i]) &&
	       (is_slug(e->tags[i], TAG_MAX) ||
		check_slug(c, v, path, e->tags[i], TAG_MAX, "tag"));
}

static bool figure_item(decode_ctx *c, const json_value *v, const char *path,
			yp_event *e, size_t i)
{
	static const char *const names[] = {"label", "value", NULL};
	bool ok;
	if (!record_begin(c, v, path, names, 2, &ok))
		return false;
	yp_figure *f = &e->figures[i];
	ok = field_ltext(c, v, path, "label", TEXT_LINE, &f->label) && ok;
	const json_value *value = json_get(v, "value");
	if (!value)
		return false;
	path_buf p;
	const char *at = path_join(&p, path, "value");
	if (value->type == JSON_OBJECT)
		return read_text_both(c, value, at, &f->by_lang) && ok;
	if (value->type == JSON_STRING)
		return read_string(c, value, at, TEXT_LINE, &f->value) && ok;
	decode_report(c, value, at, "expected a string or an object with \"ko\" "
		      "and \"en\", got %s", json_type_name(value->type));
	return false;
}

static bool event_link_item(decode_ctx *c, const json_value *v,
			    const char *path, yp_event *e, size_t i)
{
	static const char *const names[] = {"event", "kind", NULL};
	bool ok;
	if (!record_begin(c, v, path, names, 2, &ok))
		return false;
	yp_event_link *l = &e->links[i];
	ok = field_slug(c, v, path, "event", &l->event) && ok;
	return field_vocab(c, v, path, "kind", VOCAB_LINK_KIND, &l->kind) && ok;
}

/* An event's links name other events, each once: a link to itself or a
 * second link to the same event says nothing the first does not. Each
 * is reported at the link's own path, as its references are. */
static bool check_event_links(decode_ctx *c, const json_value *v,
			      const char *path, const yp_event *e)
{
	const json_value *arr = json_get(v, "links");
	bool ok = true;
	path_buf lp, ip, ep;
	const char *links = path_join(&lp, path, "links");
	for (size_t i = 0; i < e->n_links; i++) {
		const char *target = e->links[i].event;
		const json_value *at = json_get(arr->u.array.items[i], "event");
		const char *p = path_join(&ep, path_index(&ip, links, i), "event");
		if (e->id && strcmp(target, e->id) == 0) {
			decode_report(c, at, p, "an event cannot link to "
				      "itself");
			ok = false;
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(e->links[j].event, target) != 0)
				continue;
			decode_report(c, at, p, "event \"%s\" is linked twice "
				      "(also at %s[%zu])", target, links, j);
			ok = false;
			break;
		}
	}
	return ok;
}

/* Repeated ids or tags in one event are almost certainly typos. */
static bool check_unique(decode_ctx *c, const json_value *v, const char *path,
			 const char *what, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; ids[i] && j < i; j++) {
			if (ids[j] && strcmp(ids[i], ids[j]) == 0) {
				decode_report(c, v, path, "%s \"%s\" is listed "
					      "twice",
					      what, ids[i]);
				return false;
			}
		}
	}
	return true;
}

static bool check_unique_links(decode_ctx *c, const json_value *v,
			       const char *path, const char *what,
			       const yp_link *links, size_t n)
{
	const char **ids = calloc(n ? n : 1, sizeof(*ids));
	if (!ids)
		return false;
	for (size_t i = 0; i < n; i++)
		ids[i] = links[i].id;
	bool ok = check_unique(c, v, path, what, ids, n);
	free(ids);
	return ok;
}

static bool event_arrays(decode_ctx *c, const json_value *v, const char *path,
			 yp_event *e)
{
	bool ok = field_array(c, v, path, "organizations", e, &e->n_orgs,
			      sizeof(yp_link), (void **)&e->orgs, org_link_item);
	ok = field_array(c, v, path, "people", e, &e->n_people, sizeof(yp_link),
			 (void **)&e->people, person_link_item) && ok;
	ok = field_array(c, v, path, "sources", e, &e->n_sources, sizeof(char *),
			 (void **)&e->sources, source_item) && ok;
	ok = field_array(c, v, path, "tags", e, &e->n_tags, sizeof(char *),
			 (void **)&e->tags, tag_item) && ok;
	ok = field_array(c, v, path, "figures", e, &e->n_figures,
			 sizeof(yp_figure), (void **)&e->figures, figure_item) && ok;
	ok = field_array(c, v, path, "links", e, &e->n_links,
			 sizeof(yp_event_link), (void **)&e->links,
			 event_link_item) && ok;
	if (!ok)
		return false;
	ok = check_event_links(c, v, path, e);
	ok = check_unique_links(c, v, path, "organization", e->orgs, e->n_orgs) &&
	     ok;
	ok = check_unique_links(c, v, path, "person", e->people, e->n_people) &&
	     ok;
	ok = check_unique(c, v, path, "source", (const char *const *)e->sources,
			  e->n_sources) && ok;
	return check_unique(c, v, path, "tag", (const char *const *)e->tags,
			    e->n_tags) && ok;
}

static bool check_event_dates(decode_ctx *c, const json_value *v,
			      const char *path, yp_event *e)
{
	if (e->end_date.precision == DATE_NONE || e->date.precision == DATE_NONE)
		return true;
	if (date_last_day(&e->end_date) >= date_first_day(&e->date))
		return true;
	char a[DATE_TEXT_MAX], b[DATE_TEXT_MAX];
	date_format(&e->date, a);
	date_format(&e->end_date, b);
	path_buf p;
	decode_report(c, json_get(v, "end_date"), path_join(&p, path, "end_date"),
		      "end date %s is before the date %s", b, a);
	return false;
}

bool decode_event(decode_ctx *c, const json_value *v, const char *path,
		  yp_event *out)
{
	static const char *const names[] = {
		"id", "date", "status", "kind", "title", "summary", "end_date",
		"notes", "organizations", "people", "sources", "tags", "figures",
		"links", NULL};
	memset(out, 0, sizeof(*out));
	bool ok;
	if (!record_begin(c, v, path, names, 6, &ok))
		return false;
	ok = field_slug(c, v, path, "id", &out->id) && ok;
	ok = field_date(c, v, path, "date", &out->date) && ok;
	ok = field_date(c, v, path, "end_date", &out->end_date) && ok;
	ok = field_vocab(c, v, path, "status", VOCAB_STATUS, &out->status) && ok;
	ok = field_vocab(c, v, path, "kind", VOCAB_EVENT_KIND, &out->kind) && ok;
	ok = field_ltext(c, v, path, "title", TEXT_LINE, &out->title) && ok;
	ok = field_ltext(c, v, path, "summary", TEXT_MULTILINE, &out->summary) && ok;
	ok = field_ltext(c, v, path, "notes", TEXT_MULTILINE, &out->notes) && ok;
	ok = event_arrays(c, v, path, out) && ok;
	ok = ok && check_event_dates(c, v, path, out);
	if (!ok)
		model_event_clear(out);
	return ok;
}

void dataset_info_clear(yp_dataset_info *info)
{
	free(info->id);
	model_text_clear(&info->title);
	memset(info, 0, sizeof(*info));
}

static bool field_version(decode_ctx *c, const json_value *obj,
			  const char *path, long *out)
{
	const json_value *v = json_get(obj, "version");
	path_buf pb;
	const char *p = path_join(&pb, path, "version");
	const char *n = v && v->type == JSON_NUMBER ? v->u.number : "";
	bool ok = *n && strspn(n, "0123456789") == strlen(n) && strlen(n) < 10 &&
		  n[0] != '0';
	if (ok)
		*out = strtol(n, NULL, 10);
	else
		decode_report(c, v ? v : obj, p,
			      "expected a positive whole number");
	return ok;
}

bool decode_dataset(decode_ctx *c, const json_value *v, const char *path,
		    yp_dataset_info *out)
{
	static const char *const names[] = {"id", "version", "title", NULL};
	memset(out, 0, sizeof(*out));
	bool ok;
	if (!record_begin(c, v, path, names, 3, &ok))
		return false;
	ok = field_slug(c, v, path, "id", &out->id) && ok;
	ok = field_version(c, v, path, &out->version) && ok;
	ok = field_ltext(c, v, path, "title", TEXT_LINE, &out->title) && ok;
	if (!ok)
		dataset_info_clear(out);
	return ok;
}
