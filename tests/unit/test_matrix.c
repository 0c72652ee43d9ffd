/* test_matrix.c: the browser in every terminal type and locale people SSH
 * in with: TERM xterm-256color, xterm, screen-256color, tmux-256color,
 * vt100 and linux, each under LANG ko_KR.UTF-8, C.UTF-8, ko_KR.EUC-KR and C
 * (the Korean locales made for the test with localedef). In each: Hangul
 * on exact cells (romanized where the charset has none), a move, a search,
 * and q leaving with status 0. */
#include "support.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	support_db *d;
	char locpath[4300];
} fixture;

static void make_locale(const fixture *f, const char *name, const char *charset)
{
	char cmd[9000];
	snprintf(cmd, sizeof(cmd), "localedef -i ko_KR -f %s '%s/%s' "
		 ">/dev/null 2>&1", charset, f->d->home, name);
	/* localedef exits 1 for harmless warnings about the charmap */
	if (system(cmd) == -1)
		fail_msg("cannot run localedef");
	char check[4400];
	snprintf(check, sizeof(check), "%s/%s/LC_CTYPE", f->d->home, name);
	FILE *fp = fopen(check, "rb");
	if (!fp)
		fail_msg("localedef could not make %s (is the locales package "
			 "installed?)", name);
	fclose(fp);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->d = support_db_new("tests/data/sample.json");
	snprintf(f->locpath, sizeof(f->locpath), "LOCPATH=%s", f->d->home);
	make_locale(f, "ko_KR.UTF-8", "UTF-8");
	make_locale(f, "ko_KR.EUC-KR", "EUC-KR");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	support_db_free(f->d);
	free(f);
	return 0;
}

static void expect_row(screen *s, int row, const char *want, const char *where)
{
	char *got = screen_row(s, row);
	if (strcmp(got, want) != 0)
		fail_msg("%s: row %d is\n\"%s\"\nnot\n\"%s\"", where, row, got,
			 want);
	free(got);
}

static void expect_has(screen *s, int row, const char *want, const char *where)
{
	char *got = screen_row(s, row);
	if (!strstr(got, want))
		fail_msg("%s: row %d is\n\"%s\"\nwithout \"%s\"", where, row, got,
			 want);
	free(got);
}

static void every_terminal_and_locale(void **state)
{
	fixture *f = *state;
	static const char *const terms[] = {"xterm-256color", "xterm",
					    "screen-256color", "tmux-256color",
					    "vt100", "linux"};
	static const struct {
		const char *lang;
		const char *charset;  /* what the terminal decodes, or NULL */
		bool hangul;
	} langs[] = {
		{"ko_KR.UTF-8", NULL, true},
		{"C.UTF-8", NULL, true},
		{"ko_KR.EUC-KR", "EUC-KR", true},
		{"C", "ASCII", false},
	};
	for (size_t t = 0; t < sizeof(terms) / sizeof(terms[0]); t++) {
		for (size_t l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
			char where[96], term[64], lang[64];
			snprintf(where, sizeof(where), "TERM=%s LANG=%s",
				 terms[t], langs[l].lang);
			snprintf(term, sizeof(term), "TERM=%s", terms[t]);
			snprintf(lang, sizeof(lang), "LANG=%s", langs[l].lang);
			const char *env[] = {term, lang, "LC_ALL=", f->locpath,
					     NULL};
			const char *const args[] = {f->d->db_arg, "--lang=ko",
						    "--top", NULL};
			screen *s = langs[l].charset
				? screen_start_in(f->d->home, 24, 80,
						  langs[l].charset, env, args)
				: screen_start(f->d->home, 24, 80, env, args);
			if (langs[l].hangul) {
				/* EUC-KR shows the middle dot as '/' */
				expect_row(s, 2, langs[l].charset
					   ? " 2024-07-12   SKT/KAIST             "
					     "시험 행사 개최"
					   : " 2024-07-12   SKT·KAIST             "
					     "시험 행사 개최", where);
				int width = 0;
				if (screen_char(s, 2, 36, &width) != 0xC2DC ||
				    width != 2)
					fail_msg("%s: 시 is not on cells 36-37",
						 where);
			} else {
				expect_has(s, 2, "siheom haengsa gaechoe", where);
			}
			screen_key(s, "j");
			expect_has(s, 23, " 2/3", where);
			screen_key(s, "/");
			/* the terminal sends what its charset encodes */
			screen_key(s, !langs[l].hangul ? "alli"
				      : langs[l].charset ? "\xbe\xf3" : "얼");
			screen_key(s, "\r");
			/* 얼 finds one event; alli two (one by an organization) */
			expect_has(s, 23, langs[l].hangul ? " 1/1" : " 2/2", where);
			screen_key(s, "\033");
			screen_key(s, "q");
			if (screen_wait(s) != 0)
				fail_msg("%s: q did not exit with status 0", where);
			screen_free(s);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_terminal_and_locale, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
