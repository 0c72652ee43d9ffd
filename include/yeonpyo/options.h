/* options.h: yeonpyo's settings, made from src/options.def: what each is
 * called on the command line and in the configuration file, what it
 * takes, its default and its help; reading a value with the one message
 * for a bad one; the help and synopsis text. */
#ifndef YEONPYO_OPTIONS_H
#define YEONPYO_OPTIONS_H

#include <limits.h>
#include <stdbool.h>

#include "yeonpyo/model.h"
#include "yeonpyo/strbuf.h"

typedef enum {
#define OPTION(id, ...) OPT_##id,
#define VALUE(option, id, word)
#include "options.def"
#undef OPTION
#undef VALUE
	OPT_COUNT
} opt_id;

/* The words settings take, all settings' in one numbering. */
typedef enum {
#define OPTION(...)
#define VALUE(option, id, word) OPTV_##option##_##id,
#include "options.def"
#undef OPTION
#undef VALUE
	OPTV_COUNT
} opt_value;

typedef enum {
	OPT_WORDS,   /* one of its opt_values */
	OPT_NUMBER,  /* a number in a range */
	OPT_TEXT,    /* any text but none: a file */
	OPT_SWITCH,  /* on when given */
	OPT_ACTION   /* given, it prints (the help) instead of running */
} opt_kind;

#define OPT_NO_DEFAULT LONG_MIN

typedef struct {
	const char *flag;       /* "--name"; NULL: in the configuration only */
	char short_flag;        /* the letter of "-x", or 0 */
	const char *key;        /* its name in the configuration, or NULL */
	opt_kind kind;
	const char *arg[2];     /* by yp_lang: "PATH"; NULL: its words */
	long least, most;       /* an OPT_NUMBER's range */
	long fallback;          /* the default: an opt_value or a number */
	const char *help[2];    /* by yp_lang */
} opt_spec;

/* Settings as given, on the command line or in a file. value is a word's
 * opt_value, a number, or 1 for a switch; text is a text's value, owned by
 * whoever filled it. */
typedef struct {
	bool set[OPT_COUNT];
	long value[OPT_COUNT];
	const char *text[OPT_COUNT];
} opt_settings;

const opt_spec *options_spec(opt_id id);

/* A word as it is written, and the setting it belongs to. */
const char *options_word(opt_value v);
opt_id options_word_owner(opt_value v);

/* The setting with this configuration key or flag; OPT_COUNT for none. */
opt_id options_by_key(const char *key);
opt_id options_by_flag(const char *flag);

/* Reads text as a value of id into *value (for OPT_TEXT, 0: text itself
 * is the value). When it is not one, false, with "NAME takes ..., not
 * 'TEXT'" appended to why (unless NULL), NAME being the flag or key the
 * user wrote. */
bool options_parse(opt_id id, const char *name, const char *text,
		   long *value, strbuf *why);

/* What id is in s (which may be NULL): its value when set, else its
 * default. */
long options_value(const opt_settings *s, opt_id id);
void options_set(opt_settings *s, opt_id id, long value, const char *text);
/* Settings of under that s does not set are taken into s. */
void options_merge(opt_settings *s, const opt_settings *under);

/* Appends id's value in s (or its default) as the configuration writes
 * it; false, appending nothing, when it has neither. */
bool options_write(const opt_settings *s, opt_id id, strbuf *out);

/* Appends lead, then a bracketed group per option of the command line
 * but the actions ("[--name word|word]"), then tail, broken into
 * lines of at most width columns that go on under the first group. */
void options_synopsis(strbuf *out, const char *lead, const char *tail,
		      int width);

/* Appends a line per option of the command line, "  --name ARG" and its
 * help (with its default), in lang, wrapped to width columns. */
void options_help(strbuf *out, yp_lang lang, int width);

#endif
