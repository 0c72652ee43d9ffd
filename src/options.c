/* options.c: looking up options.def for the command line, the
 * configuration file, config --dump, the help and the shell completion, so
 * that each says a setting the same way. */
#include "yeonpyo/options.h"

#include <stdlib.h>
#include <string.h>

#include "yeonpyo/text.h"

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

/* What follows an option's flag in its help: " HOW", or " ko|en" where
 * it has no placeholder. */
static void put_argument(strbuf *out, opt_id id, yp_lang lang)
{
	const opt_spec *o = &specs[id];
	if (o->kind == OPT_SWITCH || o->kind == OPT_ACTION)
		return;
	strbuf_putc(out, ' ');
	if (o->arg[lang])
		strbuf_puts(out, o->arg[lang]);
	else
		put_words(out, id, "|", "|");
}

void options_synopsis(strbuf *out, const char *lead, const char *tail,
		      int width)
{
	int indent = text_width(lead), col = indent;
	strbuf_puts(out, lead);
	strbuf group = STRBUF_INIT;
	for (int id = 0; id <= OPT_COUNT; id++) {
		strbuf_reset(&group);
		if (id == OPT_COUNT) {
			strbuf_puts(&group, tail);
		} else if (specs[id].flag && specs[id].kind != OPT_ACTION) {
			strbuf_printf(&group, "[%s", specs[id].flag);
			/* the synopsis shows the words where help has a name */
			if (specs[id].kind == OPT_WORDS) {
				strbuf_putc(&group, ' ');
				put_words(&group, (opt_id)id, "|", "|");
			} else {
				put_argument(&group, (opt_id)id, LANG_EN);
			}
			strbuf_putc(&group, ']');
		} else {
			continue;
		}
		int w = text_width(strbuf_str(&group));
		if (col > indent && col + 1 + w > width) {
			strbuf_printf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			strbuf_putc(out, ' ');
			col++;
		}
		strbuf_puts(out, strbuf_str(&group));
		col += w;
	}
	strbuf_putc(out, '\n');
	strbuf_free(&group);
}

typedef struct {
	strbuf *out;
	const char *left;  /* the option, before the first line only */
	int column;        /* where the help starts */
} help_lines;

static bool put_help_line(const char *line, size_t len, void *ctx)
{
	help_lines *h = ctx;
	int pad = h->column - (h->left ? text_width(h->left) : 0);
	strbuf_puts(h->out, h->left ? h->left : "");
	strbuf_printf(h->out, "%*s", pad, "");
	strbuf_append(h->out, line, len);
	strbuf_putc(h->out, '\n');
	h->left = NULL;
	return true;
}

/* "  -x, --name" or "  --name ARG" */
static void put_left(strbuf *out, opt_id id, yp_lang lang)
{
	const opt_spec *o = &specs[id];
	strbuf_puts(out, "  ");
	if (o->short_flag)
		strbuf_printf(out, "-%c, ", o->short_flag);
	strbuf_puts(out, o->flag);
	put_argument(out, id, lang);
}

void options_help(strbuf *out, yp_lang lang, int width)
{
	static const char *const default_word[] = {
		[LANG_KO] = "기본값", [LANG_EN] = "default"};
	int column = 0;
	strbuf left = STRBUF_INIT, help = STRBUF_INIT;
	for (int id = 0; id < OPT_COUNT; id++) {
		if (!specs[id].flag)
			continue;
		strbuf_reset(&left);
		put_left(&left, (opt_id)id, lang);
		int w = text_width(strbuf_str(&left)) + 2;
		column = w > column ? w : column;
	}
	for (int id = 0; id < OPT_COUNT; id++) {
		const opt_spec *o = &specs[id];
		if (!o->flag)
			continue;
		strbuf_reset(&left);
		strbuf_reset(&help);
		put_left(&left, (opt_id)id, lang);
		strbuf_puts(&help, o->help[lang]);
		if ((o->kind == OPT_WORDS || o->kind == OPT_NUMBER) &&
		    o->fallback != OPT_NO_DEFAULT) {
			strbuf_printf(&help, "; %s ", default_word[lang]);
			options_write(NULL, (opt_id)id, &help);
		}
		help_lines h = {out, strbuf_str(&left), column};
		text_wrap(strbuf_str(&help), width - column, 0, put_help_line, &h);
	}
	strbuf_free(&left);
	strbuf_free(&help);
}
