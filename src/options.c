/* options.c: looking up options.def for the command line, the
 * configuration file and config --dump, so that each says a setting the
 * same way. */
#include "yeonpyo/options.h"

#include <stdlib.h>
#include <string.h>

static const opt_spec specs[OPT_COUNT] = {
#define OPTION(id, flag, short_flag, key, kind, arg_en, arg_ko, least, most, \
	       fallback, help_en, help_ko) \
	[OPT_##id] = {flag, short_flag, key, kind, \
		      {[LANG_KO] = (arg_ko), [LANG_EN] = (arg_en)}, least, most, \
		      fallback, {[LANG_KO] = (help_ko), [LANG_EN] = (help_en)}},
#define VALUE(option, id, word)
#include "options.def"
#undef OPTION
#undef VALUE
};

static const struct {
	opt_id owner;
	const char *word;
} words[OPTV_COUNT] = {
#define OPTION(...)
#define VALUE(option, id, word) [OPTV_##option##_##id] = {OPT_##option, word},
#include "options.def"
#undef OPTION
#undef VALUE
};

const opt_spec *options_spec(opt_id id)
{
	return &specs[id];
}

const char *options_word(opt_value v)
{
	return words[v].word;
}

opt_id options_word_owner(opt_value v)
{
	return words[v].owner;
}

opt_id options_by_key(const char *key)
{
	for (int id = 0; id < OPT_COUNT; id++)
		if (specs[id].key && strcmp(specs[id].key, key) == 0)
			return (opt_id)id;
	return OPT_COUNT;
}

opt_id options_by_flag(const char *flag)
{
	for (int id = 0; id < OPT_COUNT; id++)
		if (specs[id].flag && strcmp(specs[id].flag, flag) == 0)
			return (opt_id)id;
	return OPT_COUNT;
}

/* id's words with sep between them and last before the last one:
 * "1, 2 or auto", "ko|en". */
static void put_words(strbuf *out, opt_id id, const char *sep,
		      const char *last)
{
	int n = 0, total = 0;
	for (int v = 0; v < OPTV_COUNT; v++)
		total += words[v].owner == id;
	for (int v = 0; v < OPTV_COUNT; v++) {
		if (words[v].owner != id)
			continue;
		if (n++)
			strbuf_puts(out, n == total ? last : sep);
		strbuf_puts(out, words[v].word);
	}
}

/* A number's placeholder names its unit: COLUMNS, "a number of columns". */
static void put_lower(strbuf *out, const char *s)
{
	static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char lower[] = "abcdefghijklmnopqrstuvwxyz";
	for (; *s; s++) {
		const char *u = strchr(upper, *s);
		const char *c = u ? lower + (u - upper) : s;
		strbuf_putc(out, *c);
	}
}

/* Whether text is a value of id, which *value then holds. */
static bool read_value(opt_id id, const char *text, long *value)
{
	const opt_spec *o = &specs[id];
	char *end = NULL;
	switch (o->kind) {
	case OPT_WORDS:
		for (int v = 0; v < OPTV_COUNT; v++) {
			if (words[v].owner == id && strcmp(words[v].word, text) == 0) {
				*value = v;
				return true;
			}
		}
		return false;
	case OPT_NUMBER:
		*value = strtol(text, &end, 10);
		return end != text && !*end && *value >= o->least &&
		       *value <= o->most;
	case OPT_TEXT:
		*value = 0;
		return *text != '\0';
	case OPT_SWITCH:
	case OPT_ACTION:
		*value = 1;
		return true;
	}
	return false;
}

/* "NAME takes 1, 2 or auto, not 'TEXT'" and the like. */
static void say_what_it_takes(strbuf *why, opt_id id, const char *name,
			      const char *text)
{
	const opt_spec *o = &specs[id];
	if (o->kind == OPT_TEXT) {
		strbuf_printf(why, "%s needs a value", name);
		return;
	}
	strbuf_printf(why, "%s takes ", name);
	if (o->kind == OPT_NUMBER) {
		strbuf_puts(why, "a number of ");
		put_lower(why, o->arg[LANG_EN]);
		strbuf_printf(why, " from %ld to %ld", o->least, o->most);
	} else {
		put_words(why, id, ", ", " or ");
	}
	strbuf_printf(why, ", not '%s'", text);
}

bool options_parse(opt_id id, const char *name, const char *text,
		   long *value, strbuf *why)
{
	if (read_value(id, text, value))
		return true;
	if (why)
		say_what_it_takes(why, id, name, text);
	return false;
}

long options_value(const opt_settings *s, opt_id id)
{
	return s && s->set[id] ? s->value[id] : specs[id].fallback;
}

void options_set(opt_settings *s, opt_id id, long value, const char *text)
{
	s->set[id] = true;
	s->value[id] = value;
	s->text[id] = text;
}

void options_merge(opt_settings *s, const opt_settings *under)
{
	for (int id = 0; id < OPT_COUNT; id++)
		if (!s->set[id] && under->set[id])
			options_set(s, (opt_id)id, under->value[id],
				    under->text[id]);
}

bool options_write(const opt_settings *s, opt_id id, strbuf *out)
{
	const opt_spec *o = &specs[id];
	long v = options_value(s, id);
	if (o->kind == OPT_TEXT) {
		if (!s || !s->set[id])
			return false;
		strbuf_puts(out, s->text[id]);
		return true;
	}
	if (v == OPT_NO_DEFAULT)
		return false;
	if (o->kind == OPT_WORDS)
		strbuf_puts(out, words[v].word);
	else
		strbuf_printf(out, "%ld", v);
	return true;
}
