/* cli_complete.c: "complete", what may stand in place of the last word of
 * a command line, for the bash and zsh completions (assets/completion):
 * the shells stay thin and every rule is here, once. */
#include "yeonpyo/cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "yeonpyo/options.h"

/* The most event ids offered at once: more are no help at a prompt. */
#define IDS_MAX 10000

/* A command's option; the global ones are options.def's. */
typedef struct {
	const char *name;
	const char *values;  /* space-separated; "" for an id or a file */
	char ids;            /* 'e' events, 'o' organizations, 'p' people,
			      * 't' tags */
} option_spec;

typedef struct {
	const char *command;
	const char *subcommands;  /* words that may follow it, or NULL */
	char positional;          /* 'e' event ids, 'f' files, 0 free text */
	option_spec options[8];
} command_spec;

static const command_spec command_specs[] = {
	{"list", NULL, 0, {{"--from", "", 0}, {"--to", "", 0},
			   {"--org", "", 'o'}, {"--person", "", 'p'},
			   {"--tag", "", 't'}, {"--marked", NULL, 0},
			   {"--noted", NULL, 0},
			   {"--format", "text tsv json", 0}}},
	{"show", NULL, 'e', {{"--format", "text json", 0}}},
	{"search", NULL, 0, {{"--format", "text tsv json", 0}}},
	{"note", NULL, 'e', {{"--delete", "", 'e'}, {"--export", NULL, 0},
			     {"--import", "", 0}}},
	{"import", NULL, 'f', {{"--timings", NULL, 0}}},
	{"export", NULL, 0, {{"--format", "json ndjson ics csv md", 0}}},
	{"db", "init info check rebuild", 0,
	 {{"--empty", NULL, 0}, {"--shared", NULL, 0}}},
	{"config", NULL, 0, {{"--dump", NULL, 0}, {"--path", NULL, 0}}},
};

typedef struct {
	FILE *out;
	const char *prefix;
	bool by_name;  /* an organization or person: its names offer its id */
} offer;

static void put(const offer *o, const char *word)
{
	if (strncmp(word, o->prefix, strlen(o->prefix)) == 0)
		fprintf(o->out, "%s\n", word);
}

static void put_words(const offer *o, const char *words)
{
	char *copy = strdup(words);
	char *save = NULL;
	for (char *w = copy ? strtok_r(copy, " ", &save) : NULL; w;
	     w = strtok_r(NULL, " ", &save))
		put(o, w);
	free(copy);
}

static bool put_id(const char *id, void *ctx)
{
	put(ctx, id);
	return true;
}

/* Whether name starts with the typed prefix, ASCII case aside. */
static bool starts(const char *name, const char *prefix)
{
	return name && strncasecmp(name, prefix, strlen(prefix)) == 0;
}

/* Whether the typed prefix begins one of the item's names or aliases:
 * a reader types KAIST as 카이스트 or a name as the press spells it, and
 * the id it completes to is what the option takes. */
static bool named_by(const facet_item *it, const char *prefix)
{
	if (!*prefix)
		return false;
	if (starts(it->label.ko, prefix) || starts(it->label.en, prefix) ||
	    starts(it->short_name, prefix))
		return true;
	for (const char *a = it->aliases; a && *a;) {
		if (starts(a, prefix))
			return true;
		const char *next = strstr(a, FACET_ALIAS_SEP);
		a = next ? next + strlen(FACET_ALIAS_SEP) : NULL;
	}
	return false;
}

static bool put_facet(const facet_item *item, void *ctx)
{
	const offer *o = ctx;
	if (o->by_name && named_by(item, o->prefix) &&
	    strncmp(item->id, o->prefix, strlen(o->prefix)) != 0)
		fprintf(o->out, "%s\n", item->id);
	else
		put(o, item->id);
	return true;
}

/* The ids of a kind from the database, when there is one: completing a
 * word never creates a database. */
static void put_ids(const offer *o, const char *db_path, char kind)
{
	if (!db_path || access(db_path, R_OK) != 0)
		return;
	yp_error err = {0};
	store *s = store_open(db_path, &err);
	if (!s)
		return;
	if (kind == 'e')
		store_each_event_id(s, o->prefix, IDS_MAX, put_id, (void *)o,
				    &err);
	else
		store_each_facet(s, kind == 'o' ? FACET_ORG
				 : kind == 'p' ? FACET_PERSON : FACET_TAG,
				 put_facet, &(offer){o->out, o->prefix,
						    kind == 'o' || kind == 'p'},
				 &err);
	store_close(s);
}

static const option_spec *find_option(const option_spec *specs, size_t n,
				      const char *name)
{
	for (size_t i = 0; i < n && specs[i].name; i++)
		if (strcmp(specs[i].name, name) == 0)
			return &specs[i];
	return NULL;
}

static const command_spec *find_spec(const char *name)
{
	for (size_t i = 0; i < sizeof(command_specs) / sizeof(*command_specs);
	     i++)
		if (strcmp(command_specs[i].command, name) == 0)
			return &command_specs[i];
	return NULL;
}

typedef struct {
	const command_spec *cmd;
	bool subcommand_given;
	int positionals;        /* after the command (and subcommand) */
	/* an option whose value comes next: the command's, or a global one
	 * (OPT_COUNT when none is) */
	const option_spec *pending;
	opt_id pending_global;
} line_state;

/* Whether a global option takes a value after it. */
static bool takes_value(opt_id id)
{
	opt_kind k = options_spec(id)->kind;
	return k == OPT_WORDS || k == OPT_NUMBER || k == OPT_TEXT;
}

/* Reads the words before the one being completed; bash hands an option
 * with "=" and its value over as three words, so a "=" joins an option to
 * its value. */
static void read_words(line_state *ls, int n, char **words)
{
	memset(ls, 0, sizeof(*ls));
	ls->pending_global = OPT_COUNT;
	for (int i = 0; i < n; i++) {
		const char *w = words[i];
		if (ls->pending || ls->pending_global != OPT_COUNT) {
			if (strcmp(w, "=") != 0) {
				ls->pending = NULL;
				ls->pending_global = OPT_COUNT;
			}
			continue;
		}
		opt_id g = w[0] == '-' ? options_by_flag(w) : OPT_COUNT;
		const option_spec *o = w[0] == '-' && ls->cmd
			? find_option(ls->cmd->options, 8, w) : NULL;
		if (g != OPT_COUNT) {
			ls->pending_global = takes_value(g) ? g : OPT_COUNT;
		} else if (o) {
			ls->pending = o->values ? o : NULL;
		} else if (w[0] == '-') {
			continue;  /* unknown, or a value glued with '=' */
		} else if (!ls->cmd) {
			ls->cmd = find_spec(w);
		} else if (ls->cmd->subcommands && !ls->subcommand_given) {
			ls->subcommand_given = true;
		} else {
			ls->positionals++;
		}
	}
}

static void put_options(const offer *o, const command_spec *cmd)
{
	for (int id = 0; id < OPT_COUNT; id++)
		if (options_spec((opt_id)id)->flag)
			put(o, options_spec((opt_id)id)->flag);
	for (size_t i = 0; cmd && i < 8 && cmd->options[i].name; i++)
		put(o, cmd->options[i].name);
}

int cli_complete(const char *db_path, const cli_env *env, int argc,
		 char **argv)
{
	if (argc > 0 && strcmp(argv[0], "--") == 0) {
		argc--;
		argv++;
	}
	const char *cur = argc > 0 ? argv[argc - 1] : "";
	offer o = {env->out, cur, false};
	line_state ls;
	read_words(&ls, argc > 0 ? argc - 1 : 0, argv);
	if (ls.pending_global != OPT_COUNT) {
		for (opt_value v = 0; v < OPTV_COUNT; v++)
			if (options_word_owner(v) == ls.pending_global)
				put(&o, options_word(v));
	} else if (ls.pending) {
		if (ls.pending->values[0])
			put_words(&o, ls.pending->values);
		else if (ls.pending->ids)
			put_ids(&o, db_path, ls.pending->ids);
	} else if (cur[0] == '-') {
		put_options(&o, ls.cmd);
	} else if (!ls.cmd) {
		for (size_t i = 0;
		     i < sizeof(command_specs) / sizeof(*command_specs); i++)
			put(&o, command_specs[i].command);
	} else if (ls.cmd->subcommands && !ls.subcommand_given) {
		put_words(&o, ls.cmd->subcommands);
	} else if (ls.cmd->positional == 'e' && ls.positionals == 0) {
		put_ids(&o, db_path, 'e');
	}
	return cli_finish_output(env, YP_OK);
}
