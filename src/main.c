/* main.c: global options, language, the database's location, and dispatch
 * to a command. */
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "yeonpyo/cli.h"
#include "yeonpyo/config.h"
#include "yeonpyo/dataset.h"
#include "yeonpyo/options.h"
#include "yeonpyo/store.h"
#include "yeonpyo/strbuf.h"
#include "yeonpyo/text.h"
#include "ui/ui.h"
#include "yeonpyo/xdg.h"

#ifndef YEONPYO_VERSION
#define YEONPYO_VERSION "0.0.0"
#endif

/* The commands part of the help; the options part and the synopsis are
 * options.def's. */
static const char commands_text[] =
	"\n"
	"Browse the announcements that shaped Korea's AI alliances. Without a\n"
	"command, yeonpyo opens the browser (press ? in it for the keys).\n"
	"\n"
	"commands:\n"
	"  list [--from DATE] [--to DATE] [--org ID] [--person ID] [--tag TAG]\n"
	"       [--marked] [--noted] [--format text|tsv|json]\n"
	"                                  list events in date order\n"
	"  show ID [--format text|json]    print one event with its links\n"
	"  search QUERY [--format text|tsv|json]\n"
	"                                  find events, best match first\n"
	"  note ID [TEXT|-]                print your note on an event, or set it\n"
	"                                  (- reads it from standard input)\n"
	"  note --delete ID                remove your note on an event\n"
	"  note --export                   write your notes as NDJSON\n"
	"  note --import FILE|-            read notes that --export wrote\n"
	"  import [--timings] FILE|-       load a yeonpyo/1 JSON or NDJSON file\n"
	"  export [--format json|ndjson|ics|csv|md]\n"
	"                                  write the whole database, or its\n"
	"                                  events for calendars and sheets\n"
	"  db init [--empty] [--shared]    create the database\n"
	"  db info                         describe the database\n"
	"  db check                        check the database and its index\n"
	"  db rebuild                      keep a damaged database aside and\n"
	"                                  start a new one\n"
	"  config [--dump|--path]          the configuration in effect\n"
	"  complete [--] WORD...           what may follow, for shell completion\n"
	"\n"
	"options:\n";
static const char help_end[] =
	"\n"
	"DATE is YYYY, YYYY-MM or YYYY-MM-DD. See yeonpyo(1) and yeonpyo(5).\n";

/* The columns the help fills. */
#define HELP_WIDTH 76

typedef struct {
	opt_settings given;  /* the options given, then the file's under them */
	opt_id action;       /* the first action given, or OPT_COUNT */
	const yp_config *config;
	int argc;       /* the command and its arguments, globals removed */
	char **argv;
} options;

/* Korean when the first set of LC_ALL, LC_MESSAGES, LANG names a ko
 * locale, as POSIX orders them. */
static yp_lang lang_from_environment(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "ko", 2) == 0 ? LANG_KO : LANG_EN;
	}
	return LANG_EN;
}

/* The language s chooses, else otherwise. */
static yp_lang chosen_lang(const opt_settings *s, yp_lang otherwise)
{
	if (!s->set[OPT_LANG])
		return otherwise;
	return s->value[OPT_LANG] == OPTV_LANG_KO ? LANG_KO : LANG_EN;
}

/* Takes the option at argv[*i] into given, with its value (moving *i past
 * it); OPT_COUNT when argv[*i] is no option of options.def's. The value
 * is read later, so that the last one given wins. */
static opt_id take_option(char **argv, int argc, int *i, opt_settings *given,
			  const char **missing)
{
	const char *arg = argv[*i];
	for (int id = 0; id < OPT_COUNT; id++) {
		const opt_spec *o = options_spec((opt_id)id);
		const char *v = NULL;
		bool lacks = false;
		if (!o->flag)
			continue;
		if (o->kind == OPT_SWITCH || o->kind == OPT_ACTION) {
			if (strcmp(arg, o->flag) != 0 &&
			    !(o->short_flag && arg[0] == '-' &&
			      arg[1] == o->short_flag && !arg[2]))
				continue;
			options_set(given, (opt_id)id, 1, NULL);
			return (opt_id)id;
		}
		if (!cli_option_value(argv, argc, i, o->flag, &v, &lacks))
			continue;
		if (lacks && !*missing)
			*missing = o->flag;
		else if (!lacks)
			options_set(given, (opt_id)id, 0, v);
		return (opt_id)id;
	}
	return OPT_COUNT;
}

/* Global options may stand anywhere, so that one after the command works;
 * everything else is kept in order for the command. An action (the help,
 * the version) wins over every mistake, and returns -1. */
static int parse_options(int argc, char **argv, options *o, const cli_env *env)
{
	const char *missing = NULL;
	o->argc = 0;
	o->action = OPT_COUNT;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (++i < argc)
				o->argv[o->argc++] = argv[i];
			break;
		}
		opt_id id = take_option(argv, argc, &i, &o->given, &missing);
		if (id == OPT_COUNT)
			o->argv[o->argc++] = argv[i];
		else if (options_spec(id)->kind == OPT_ACTION &&
			 o->action == OPT_COUNT)
			o->action = id;
	}
	if (o->action != OPT_COUNT)
		return -1;
	if (missing)
		return cli_usage_error(env, "%s needs a value", missing);
	for (int id = 0; id < OPT_COUNT; id++) {
		const opt_spec *spec = options_spec((opt_id)id);
		strbuf why = STRBUF_INIT;
		if (!o->given.set[id] || !o->given.text[id] ||
		    options_parse((opt_id)id, spec->flag, o->given.text[id],
				  &o->given.value[id], &why))
			continue;
		int rc = cli_usage_error(env, "%s", strbuf_str(&why));
		strbuf_free(&why);
		return rc;
	}
	return YP_OK;
}

/* The help: the options described in the language chosen on the command
 * line or by the locale, in English where the character set has no
 * Hangul to show it in; the commands part is English. */
static void print_help(const options *o, const cli_env *env, bool utf8)
{
	yp_lang lang = env->lang;
	long v = 0;
	if (o->given.set[OPT_LANG] &&
	    options_parse(OPT_LANG, "", o->given.text[OPT_LANG], &v, NULL))
		lang = v == OPTV_LANG_KO ? LANG_KO : LANG_EN;
	strbuf sb = STRBUF_INIT;
	options_synopsis(&sb, "usage: yeonpyo ", "[COMMAND [ARGS]]", HELP_WIDTH);
	strbuf_puts(&sb, commands_text);
	options_help(&sb, utf8 ? lang : LANG_EN, HELP_WIDTH);
	strbuf_puts(&sb, help_end);
	fputs(strbuf_str(&sb), env->out);
	strbuf_free(&sb);
}

/* Creates each missing directory of dir (like mkdir -p), private to the
 * user as the XDG base directory spec asks. */
static bool make_dirs(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(dir, 0700);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return false;
	}
	return mkdir(dir, 0700) == 0 || errno == EEXIST;
}

/* The path given, else $YEONPYO_DB, else the XDG data directory (made
 * when create is set). Returns a string the caller frees, or NULL with
 * err set. */
static char *database_path(const char *given, bool create, yp_error *err)
{
	const char *env = getenv("YEONPYO_DB");
	if (given)
		return strdup(given);
	if (env && *env)
		return strdup(env);
	char *d = xdg_path("XDG_DATA_HOME", ".local/share", NULL);
	if (!d) {
		yp_fail(err, YP_NOINPUT, "no database location: set HOME, "
			"XDG_DATA_HOME or YEONPYO_DB, or use %s",
			options_spec(OPT_DB)->flag);
		return NULL;
	}
	if (create && !make_dirs(d)) {
		yp_fail(err, YP_IOERR, "%s: cannot create directory: %s", d,
			strerror(errno));
		free(d);
		return NULL;
	}
	strbuf path = STRBUF_INIT;
	strbuf_printf(&path, "%s/timeline.db", d);
	free(d);
	return strbuf_take(&path);
}

/* "complete" reads its words itself (they hold options to complete, not to
 * obey), taking only the database from them, to know which one to read;
 * the last word is the one completed, never a value. */
static int complete(int argc, char **argv, const cli_env *env)
{
	const char *db = NULL, *flag = options_spec(OPT_DB)->flag;
	for (int i = 0; i + 1 < argc; i++) {
		const char *v = NULL;
		bool missing = false;
		if (cli_option_value(argv, argc - 1, &i, flag, &v, &missing) && v)
			db = v;
	}
	yp_error err = {0};
	char *path = database_path(db, false, &err);
	int rc = cli_complete(path, env, argc, argv);
	free(path);
	return rc;
}

typedef int (*command_fn)(store *s, const cli_env *env, int argc, char **argv);

static const struct {
	const char *name;
	command_fn run;
} commands[] = {
	{"list", cli_list},
	{"show", cli_show},
	{"search", cli_search},
	{"note", cli_note},
	{"import", cli_import},
	{"export", cli_export},
	{"db", cli_db},
};

static command_fn find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return commands[i].run;
	return NULL;
}

/* The browser's modes for the words of the colour and link settings. */
static const ui_color_mode color_modes[OPTV_COUNT] = {
	[OPTV_COLOR_AUTO] = UI_COLOR_AUTO, [OPTV_COLOR_ALWAYS] = UI_COLOR_ALWAYS,
	[OPTV_COLOR_NEVER] = UI_COLOR_NEVER,
};
static const ui_link_mode link_modes[OPTV_COUNT] = {
	[OPTV_HYPERLINKS_AUTO] = UI_LINKS_AUTO,
	[OPTV_HYPERLINKS_ALWAYS] = UI_LINKS_ALWAYS,
	[OPTV_HYPERLINKS_NEVER] = UI_LINKS_NEVER,
};

static bool has_arg(const options *o, const char *arg)
{
	for (int i = 1; i < o->argc; i++)
		if (strcmp(o->argv[i], arg) == 0)
			return true;
	return false;
}

/* The user's marks and seen events: $XDG_STATE_HOME/yeonpyo/state.db,
 * else ~/.local/state/yeonpyo/state.db, attached to the store. Without a
 * place for it they are kept for this run only, and err says why (the
 * browser shows it in its status line). */
static void attach_state(store *s, yp_error *err)
{
	char *d = xdg_path("XDG_STATE_HOME", ".local/state", NULL);
	if (!d) {
		yp_fail(err, YP_NOINPUT, "no place for marks and notes: set "
			"HOME or XDG_STATE_HOME");
	} else if (!make_dirs(d)) {
		yp_fail(err, YP_IOERR, "%s: cannot create directory: %s", d,
			strerror(errno));
	} else {
		strbuf path = STRBUF_INIT;
		strbuf_printf(&path, "%s/state.db", d);
		store_attach_state(s, strbuf_str(&path), err);
		strbuf_free(&path);
	}
	free(d);
}

/* The browser and the commands that show the user's marks or notes, or
 * search or write them: they attach the state; the others need not make
 * it. */
static bool reads_state(command_fn cmd)
{
	return !cmd || cmd == cli_list || cmd == cli_show ||
	       cmd == cli_search || cmd == cli_note;
}

/* Without a command: the browser on a terminal, else the list, saying
 * why on standard error since the browser was asked for. */
static int browse(store *s, const options *o, const cli_env *env,
		  const char *state_failed)
{
	const char *why = NULL;
	if (!ui_available(&why)) {
		fprintf(env->errs, "yeonpyo: %s; printing the list instead of "
			"opening the browser\n", why);
		return cli_list(s, env, 0, o->argv + 1);
	}
	char notice[sizeof(((yp_error *)0)->message) + 64] = "";
	if (state_failed)
		snprintf(notice, sizeof(notice), "marks kept for this run only: "
			 "%s", state_failed);
	/* the first problem of the configuration, else the state's */
	if (!state_failed && o->config->n_problems) {
		const char *first = strbuf_str(&o->config->problems);
		snprintf(notice, sizeof(notice), "%.*s",
			 (int)strcspn(first, "\n"), first);
	}
	const opt_settings *g = &o->given;
	ui_options ui = {env->lang, color_modes[options_value(g, OPT_COLOR)],
			 env->ui_flags, notice[0] ? notice : NULL,
			 link_modes[options_value(g, OPT_HYPERLINKS)],
			 options_value(g, OPT_CLIPBOARD) == OPTV_CLIPBOARD_OSC52,
			 o->config,
			 options_value(g, OPT_AMBIWIDTH) == OPTV_AMBIWIDTH_AUTO,
			 options_value(g, OPT_MOUSE) == OPTV_MOUSE_ON,
			 options_value(g, OPT_TOP) != 0, g->set[OPT_LANG],
			 options_value(g, OPT_CURSOR) == OPTV_CURSOR_ARROW};
	return ui_run(s, &ui);
}

static int run(const options *o, const cli_env *env)
{
	const char *name = o->argc ? o->argv[0] : "browse";
	command_fn cmd = o->argc ? find_command(name) : NULL;
	if (o->argc && !cmd)
		return cli_usage_error(env, "unknown command '%s'", name);
	yp_error err = {0};
	char *path = database_path(o->given.text[OPT_DB], true, &err);
	if (!path)
		return cli_report_error(env, &err);
	/* a damaged database cannot be opened: rebuilding comes first */
	if (cmd == cli_db && o->argc > 1 && strcmp(o->argv[1], "rebuild") == 0) {
		int rc = cli_db_rebuild(path, env, o->argc - 2, o->argv + 2);
		free(path);
		return rc;
	}
	store *s = store_open(path, &err);
	free(path);
	if (!s)
		return cli_report_error(env, &err);
	/* db init decides itself whether the built-in dataset goes in */
	bool is_init = cmd == cli_db && o->argc > 1 &&
		       strcmp(o->argv[1], "init") == 0;
	int rc = YP_OK;
	/* a database shared read-only is shown as its owner made it */
	if (!is_init && !store_readonly(s) && dataset_sync(s, &err) != YP_OK)
		rc = cli_report_error(env, &err);
	yp_error state_err = {0};
	if (rc == YP_OK && reads_state(cmd))
		attach_state(s, &state_err);
	/* notes written to a state in memory would be lost: note needs the
	 * file; what only reads it says why it found nothing there */
	if (state_err.status != YP_OK && cmd == cli_note)
		rc = cli_report_error(env, &state_err);
	else if (state_err.status != YP_OK && cmd &&
		 (has_arg(o, "--marked") || has_arg(o, "--noted")))
		fprintf(env->errs, "yeonpyo: %s\n", state_err.message);
	if (rc == YP_OK)
		rc = cmd ? cmd(s, env, o->argc - 1, o->argv + 1)
			 : browse(s, o, env,
				  state_err.status ? state_err.message : NULL);
	store_close(s);
	return rc;
}

/* Reads the configuration file, says on standard error what in it was
 * left out and why, and lets its settings stand in for the options not
 * given. False only when memory ran out. */
static bool load_config(yp_config *c, options *o, const cli_env *env)
{
	char *path = config_default_path();
	bool ok = config_load(c, path);
	free(path);
	if (!ok) {
		config_free(c);
		fputs("yeonpyo: out of memory\n", env->errs);
		return false;
	}
	o->config = c;
	const char *p = strbuf_str(&c->problems);
	while (*p) {
		size_t len = strcspn(p, "\n");
		fprintf(env->errs, "yeonpyo: %.*s\n", (int)len, p);
		p += len + (p[len] == '\n');
	}
	options_merge(&o->given, &c->settings);
	return true;
}

/* The first locale named in the environment that cannot be loaded. */
static const char *missing_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LC_MESSAGES",
					   "LC_COLLATE", "LC_TIME", "LANG"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		locale_t l = newlocale(LC_ALL_MASK, v, (locale_t)0);
		if (!l)
			return v;
		freelocale(l);
	}
	return "(unknown)";
}

/* What the locale's character set lets each kind of output show. */
typedef struct {
	unsigned text;   /* list and show write UTF-8: ASCII unless UTF-8 */
	unsigned ui;     /* curses converts to the charset: romanize only
			  * what it lacks where it has Hangul at all */
	bool partial;    /* the charset has some Hangul (EUC-KR) */
} charset_flags;

/* The locale the user asked for, or C.UTF-8 when that is not installed
 * (saying so), so that text is never silently shown as blanks. */
static charset_flags setup_locale(FILE *errs)
{
	charset_flags f = {0, 0, false};
	if (!setlocale(LC_ALL, "") && setlocale(LC_ALL, "C.UTF-8"))
		fprintf(errs, "yeonpyo: locale %s is not installed; using "
			"C.UTF-8\n", missing_locale());
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return f;
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	f.text = TEXT_ROMANIZE;
	f.partial = wcrtomb(mb, L'\xac00', &st) != (size_t)-1;  /* 가 */
	/* such charsets (KS X 1001) also count their symbols two columns */
	f.ui = f.partial ? TEXT_CHARSET_CHECK | TEXT_AMBIGUOUS_WIDE
			 : TEXT_ROMANIZE;
	return f;
}

static void say_romanized(const options *o, charset_flags charset)
{
	const char *cs = nl_langinfo(CODESET);
	if (o->argc == 0 && charset.partial)
		fprintf(stderr, "yeonpyo: this locale's character set (%s) lacks "
			"some Hangul; those syllables are shown romanized\n", cs);
	else
		fprintf(stderr, "yeonpyo: this locale's character set (%s) has "
			"no Hangul; showing Korean romanized (use a UTF-8 locale "
			"such as C.UTF-8)\n", cs);
}

/* Commands whose output people read as text (not data formats). */
static bool shows_text(const options *o)
{
	if (o->argc == 0)
		return true;
	if (strcmp(o->argv[0], "list") != 0 && strcmp(o->argv[0], "show") != 0 &&
	    strcmp(o->argv[0], "search") != 0)
		return false;
	for (int i = 1; i < o->argc; i++)
		if (strstr(o->argv[i], "json") || strstr(o->argv[i], "tsv"))
			return false;
	return true;
}

int main(int argc, char **argv)
{
	/* past a file-size limit (ulimit -f) a write should fail, so that
	 * the import rolls back and says so, not kill the process */
	signal(SIGXFSZ, SIG_IGN);
	cli_env env = {lang_from_environment(), stdout, stderr, 0, 0};
	charset_flags charset = setup_locale(stderr);
	options o;
	memset(&o, 0, sizeof(o));
	o.argv = calloc((size_t)argc + 1, sizeof(char *));
	if (!o.argv) {
		fputs("yeonpyo: out of memory\n", stderr);
		return YP_SOFTWARE;
	}
	if (argc > 1 && strcmp(argv[1], "complete") == 0) {
		free(o.argv);
		return complete(argc - 2, argv + 2, &env);
	}
	int rc = parse_options(argc, argv, &o, &env);
	yp_config config;
	if (rc == YP_OK && !load_config(&config, &o, &env))
		rc = YP_SOFTWARE;
	const opt_settings *g = &o.given;
	if (rc == -1) {
		if (o.action == OPT_HELP)
			print_help(&o, &env, !charset.text);
		else
			fprintf(env.out, "yeonpyo %s\n", YEONPYO_VERSION);
		rc = cli_finish_output(&env, YP_OK);
	} else if (rc == YP_OK && o.argc && strcmp(o.argv[0], "config") == 0) {
		env.lang = chosen_lang(g, env.lang);
		/* the dump says the language in effect, the locale's too */
		opt_value lang = env.lang == LANG_KO ? OPTV_LANG_KO
						     : OPTV_LANG_EN;
		options_set(&o.given, OPT_LANG, lang, NULL);
		cli_config_view v = {&config, g};
		rc = cli_config(&v, &env, o.argc - 1, o.argv + 1);
	} else if (rc == YP_OK) {
		env.lang = chosen_lang(g, env.lang);
		unsigned chosen =
			(options_value(g, OPT_ROMANIZE) ? TEXT_ROMANIZE : 0) |
			(options_value(g, OPT_WRAP) == OPTV_WRAP_NORMAL
				 ? TEXT_WRAP_NORMAL : 0) |
			(options_value(g, OPT_AMBIWIDTH) == OPTV_AMBIWIDTH_2
				 ? TEXT_AMBIGUOUS_WIDE : 0);
		env.text_flags = charset.text | chosen;
		env.ui_flags = charset.ui | chosen;
		if (charset.text && shows_text(&o))
			say_romanized(&o, charset);
		rc = run(&o, &env);
	}
	if (o.config)
		config_free(&config);
	free(o.argv);
	return rc;
}
