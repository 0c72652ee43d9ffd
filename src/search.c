/* search.c: the kbigram FTS5 tokenizer and the query builder. None of
 * SQLite's tokenizers finds 동맹 inside 동맹군 (unicode61 keeps 동맹군 as
 * one token; trigram needs three characters), so Hangul is indexed as
 * overlapping syllable bigrams plus each syllable, and a query's Hangul
 * words become phrases of bigrams. */
#include "yeonpyo/search.h"
#include "search_sql.h"
#include "yeonpyo/text.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* Compatibility jamo for the 19 initial consonants, in syllable order. */
static const UChar32 choseong_jamo[19] = {
	0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143,
	0x3145, 0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D,
	0x314E,
};

static bool is_syllable(UChar32 c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}

/* Hangul in the sense of "split into bigrams": syllables and jamo of
 * every block (NFKC turns compatibility jamo into conjoining ones). */
static bool is_hangul(UChar32 c)
{
	return is_syllable(c) || (c >= 0x1100 && c <= 0x11FF) ||
	       (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
	       (c >= 0xD7B0 && c <= 0xD7FF);
}

static bool is_word_char(UChar32 c)
{
	int8_t cat = (int8_t)u_charType(c);
	return u_isalnum(c) || is_hangul(c) || cat == U_NON_SPACING_MARK ||
	       cat == U_COMBINING_SPACING_MARK || cat == U_ENCLOSING_MARK;
}

/* --- tokenizer ---------------------------------------------------------- */

typedef int (*token_fn)(void *ctx, int flags, const char *tok, int n,
			int start, int end);

typedef struct {
	void *ctx;
	token_fn emit;
	bool query;
	bool whole_runs;    /* a Hangul run of 3+ syllables as a token too */
	int rc;
} tokenizing;

/* A kbigram table's options: "no_whole_runs" (every table since schema
 * 9) leaves out the token of a whole Hangul run. */
typedef struct {
	bool whole_runs;
} kb_options;

/* NFKC_Casefold of s[0..n): fullwidth ＳＫ and SK both become sk, NFD
 * becomes NFC. Returns a string to free, or NULL. */
/* Folding leaves precomposed syllables and lowercase ASCII as they are,
 * and only lowercases the rest of ASCII: most words of a feed need no
 * trip through ICU (which was a fifth of an import's time). Returns the
 * folded copy, or NULL when ICU is needed. */
static char *fold_simple(const char *s, int32_t n)
{
	int32_t i = 0;
	while (i < n) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, n, c);
		if (c < 0 || (c >= 0x80 && !is_syllable(c)))
			return NULL;
	}
	char *out = malloc((size_t)n + 1);
	if (!out)
		return NULL;
	for (int32_t k = 0; k < n; k++) {
		out[k] = s[k];
		if (s[k] >= 'A' && s[k] <= 'Z')
			out[k] = (char)(s[k] - 'A' + 'a');
	}
	out[n] = '\0';
	return out;
}

static char *fold(const char *s, int32_t n)
{
	char *simple = fold_simple(s, n);
	if (simple)
		return simple;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&st);
	/* UTF-16 needs at most one unit per byte; NFKC grows by at most
	 * 18 times (U+FDFA), casefolding by 3 */
	int32_t cap = n * 18 + 16;
	UChar *in = malloc((size_t)(n + 1) * sizeof(UChar));
	UChar *out = malloc((size_t)cap * sizeof(UChar));
	char *utf8 = NULL;
	int32_t ulen = 0, olen = 0;
	if (in && out && U_SUCCESS(st)) {
		u_strFromUTF8(in, n + 1, &ulen, s, n, &st);
		olen = U_SUCCESS(st) ? unorm2_normalize(nf, in, ulen, out, cap, &st)
				     : 0;
	}
	if (in && out && U_SUCCESS(st)) {
		utf8 = malloc((size_t)olen * 3 + 1);
		if (utf8)
			u_strToUTF8(utf8, olen * 3 + 1, NULL, out, olen, &st);
	}
	free(in);
	free(out);
	if (U_FAILURE(st)) {
		free(utf8);
		return NULL;
	}
	return utf8;
}

static int32_t count_code_points(const char *s, int32_t n)
{
	int32_t k = 0;
	/* the analyzer loses fold_simple's length through strlen and calls
	 * the bytes of the folded word uninitialized; all n are written */
	for (int32_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80; // NOLINT(clang-analyzer-core.UndefinedBinaryOperatorResult)
	return k;
}

/* Byte offset in the original word of its code point i, when folding kept
 * the number of code points (else the whole word's span is used). */
typedef struct {
	const char *orig;
	int32_t orig_len;
	int32_t base;       /* the word's offset in the document */
	bool aligned;
} offsets;

static int offset_of(const offsets *o, int32_t cp, bool end)
{
	if (!o->aligned)
		return end ? o->base + o->orig_len : o->base;
	int32_t i = 0;
	for (int32_t k = 0; k < cp && i < o->orig_len; k++)
		U8_FWD_1((const uint8_t *)o->orig, i, o->orig_len);
	return o->base + i;
}

static int put(tokenizing *t, int flags, const char *tok, int32_t n,
	       int start, int end)
{
	if (t->rc == SQLITE_OK)
		t->rc = t->emit(t->ctx, flags, tok, (int)n, start, end);
	return t->rc;
}

/* A Hangul run of cps code points starting at byte b of the folded word
 * (code point index cp0): bigrams, with unigrams at the same positions.
 * The whole run as well only when the table asks (schema 8's events and
 * the notes' index, made before the option, whose rows must delete the
 * tokens they were written with): a query's Hangul is only bigrams and
 * single syllables, so no query ever matched it, and a colocated token
 * changes no column's size, so bm25 is the same without it. */
static void hangul_run(tokenizing *t, const char *w, int32_t b, int32_t end,
		       int32_t cp0, const offsets *o)
{
	int32_t cps = count_code_points(w + b, end - b);
	int32_t *at = malloc((size_t)(cps + 1) * sizeof(*at));
	if (!at) {
		t->rc = SQLITE_NOMEM;
		return;
	}
	int32_t i = b;
	for (int32_t k = 0; k < cps; k++) {
		at[k] = i;
		U8_FWD_1((const uint8_t *)w, i, end);
	}
	at[cps] = end;
	if (cps == 1) {
		put(t, 0, w + b, end - b, offset_of(o, cp0, false),
		    offset_of(o, cp0 + 1, true));
		free(at);
		return;
	}
	for (int32_t k = 0; k + 1 < cps; k++) {
		int s0 = offset_of(o, cp0 + k, false);
		int e2 = offset_of(o, cp0 + k + 2, true);
		put(t, 0, w + at[k], at[k + 2] - at[k], s0, e2);
		if (t->query)
			continue;
		put(t, FTS5_TOKEN_COLOCATED, w + at[k], at[k + 1] - at[k], s0,
		    offset_of(o, cp0 + k + 1, true));
		if (k == 0 && cps > 2 && t->whole_runs)
			put(t, FTS5_TOKEN_COLOCATED, w + b, end - b, s0,
			    offset_of(o, cp0 + cps, true));
		if (k + 2 == cps)
			put(t, FTS5_TOKEN_COLOCATED, w + at[k + 1],
			    at[k + 2] - at[k + 1], offset_of(o, cp0 + k + 1, false),
			    e2);
	}
	free(at);
}

/* One word (a run of word characters): folded, then split into Hangul
 * and other runs; a non-Hangul run is one token. */
static void word(tokenizing *t, const char *text, int32_t ws, int32_t we)
{
	char *w = fold(text + ws, we - ws);
	if (!w)
		return;
	int32_t n = (int32_t)strlen(w);
	offsets o = {text + ws, we - ws, ws,
		     count_code_points(w, n) == count_code_points(text + ws, we - ws)};
	int32_t i = 0, cp = 0;
	while (i < n && t->rc == SQLITE_OK) {
		int32_t start = i, cp_start = cp;
		UChar32 c;
		U8_NEXT((const uint8_t *)w, i, n, c);
		bool hangul = is_hangul(c);
		cp++;
		int32_t j = i;
		while (j < n) {
			int32_t k = j;
			UChar32 d;
			U8_NEXT((const uint8_t *)w, k, n, d);
			if (is_hangul(d) != hangul)
				break;
			j = k;
			cp++;
		}
		if (hangul)
			hangul_run(t, w, start, j, cp_start, &o);
		else
			put(t, 0, w + start, j - start, offset_of(&o, cp_start, false),
			    offset_of(&o, cp, true));
		i = j;
	}
	free(w);
}

static int kb_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
		       const char *text, int len,
		       int (*emit)(void *, int, const char *, int, int, int))
{
	const kb_options *opt = (const kb_options *)tok;
	tokenizing t = {ctx, emit, (flags & FTS5_TOKENIZE_QUERY) != 0,
			opt->whole_runs, SQLITE_OK};
	int32_t i = 0, n = len;
	while (i < n && t.rc == SQLITE_OK) {
		int32_t ws = i;
		UChar32 c;
		U8_NEXT((const uint8_t *)text, i, n, c);
		if (c < 0 || !is_word_char(c))
			continue;
		int32_t we = i;
		while (we < n) {
			int32_t k = we;
			U8_NEXT((const uint8_t *)text, k, n, c);
			if (c < 0 || !is_word_char(c))
				break;
			we = k;
		}
		word(&t, text, ws, we);
		i = we;
	}
	return t.rc;
}

static int kb_create(void *ctx, const char **args, int nargs,
		     Fts5Tokenizer **out)
{
	(void)ctx;
	kb_options *opt = calloc(1, sizeof(*opt));
	if (!opt)
		return SQLITE_NOMEM;
	opt->whole_runs = true;
	for (int i = 0; i < nargs; i++) {
		if (strcmp(args[i], "no_whole_runs") != 0) {
			free(opt);
			return SQLITE_ERROR;
		}
		opt->whole_runs = false;
	}
	*out = (Fts5Tokenizer *)opt;
	return SQLITE_OK;
}

static void kb_delete(Fts5Tokenizer *tok)
{
	free(tok);
}

/* --- choseong ------------------------------------------------------------ */

void search_choseong(const char *text, strbuf *out)
{
	/* decomposed syllables have no initial of their own to read */
	char *nfc = text_nfc(text);
	const char *s = nfc ? nfc : text;
	int32_t i = 0, n = (int32_t)strlen(s);
	bool in_word = false;
	size_t start_len = out->len;
	while (i < n) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, n, c);
		if (is_syllable(c)) {
			if (!in_word && out->len > start_len)
				strbuf_putc(out, ' ');
			uint32_t jamo = (uint32_t)choseong_jamo[(c - 0xAC00) / 588];
			uint8_t buf[U8_MAX_LENGTH];
			size_t len = 0;
			U8_APPEND_UNSAFE(buf, len, jamo);
			strbuf_append(out, (const char *)buf, len);
			in_word = true;
		} else if (c < 0 || !is_word_char(c)) {
			in_word = false;
		}
	}
	free(nfc);
}

static void choseong_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *text = sqlite3_value_text(argv[0]);
	if (!text) {
		sqlite3_result_null(ctx);
		return;
	}
	strbuf sb = STRBUF_INIT;
	search_choseong((const char *)text, &sb);
	sqlite3_result_text(ctx, strbuf_str(&sb), (int)sb.len, SQLITE_TRANSIENT);
	strbuf_free(&sb);
}

int search_register(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return SQLITE_ERROR;
	static fts5_tokenizer kbigram = {kb_create, kb_delete, kb_tokenize};
	rc = api->xCreateTokenizer(api, "kbigram", NULL, &kbigram, NULL);
	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_create_function(db, "choseong", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				       choseong_sql, NULL, NULL);
}

/* --- queries -------------------------------------------------------------- */

static bool is_choseong_jamo(UChar32 c)
{
	return c >= 0x3131 && c <= 0x314E;
}

/* Whether a query word could match in the cho column, whose tokens are
 * runs of jamo: only when its folded form (what the tokenizer makes of it;
 * NFKC turns enclosed and halfwidth jamo into jamo) is all jamo. Any other
 * word is searched without the column filter, which gives the same rows
 * and scores and spares FTS5 reading the columns of every position (a
 * prefix matching 760,000 events: 58 to 40 ms). */
static bool may_match_choseong(const char *word, int32_t n)
{
	char *w = fold(word, n);
	if (!w)
		return true;  /* keep the filter: no harm, only slower */
	int32_t len = (int32_t)strlen(w), i = 0;
	bool jamo_only = true;
	while (i < len && jamo_only) {
		UChar32 c;
		U8_NEXT((const uint8_t *)w, i, len, c);
		jamo_only = c >= 0 && is_hangul(c) && !is_syllable(c);
	}
	free(w);
	return jamo_only;
}

/* Appends s[0..n) as an FTS5 string: in double quotes, quotes doubled. */
static void quoted(strbuf *out, const char *s, int32_t n)
{
	strbuf_putc(out, '"');
	for (int32_t i = 0; i < n; i++) {
		if (s[i] == '"')
			strbuf_putc(out, '"');
		strbuf_putc(out, s[i]);
	}
	strbuf_putc(out, '"');
}

bool search_build_query(const char *query, strbuf *out)
{
	int32_t n = (int32_t)strlen(query);
	int32_t starts[64], ends[64];
	int words = 0;
	bool only_choseong = true;
	for (int32_t i = 0; i < n && words < 64;) {
		int32_t ws = i;
		UChar32 c;
		U8_NEXT((const uint8_t *)query, i, n, c);
		if (c < 0 || !is_word_char(c))
			continue;
		only_choseong = only_choseong && is_choseong_jamo(c);
		int32_t we = i;
		while (we < n) {
			int32_t k = we;
			U8_NEXT((const uint8_t *)query, k, n, c);
			if (c < 0 || !is_word_char(c))
				break;
			only_choseong = only_choseong && is_choseong_jamo(c);
			we = k;
		}
		starts[words] = ws;
		ends[words++] = we;
		i = we;
	}
	if (words == 0)
		return false;
	for (int k = 0; k < words; k++) {
		if (k)
			strbuf_puts(out, " AND ");
		const char *w = query + starts[k];
		int32_t len = ends[k] - starts[k];
		if (only_choseong)
			strbuf_puts(out, "cho : ");
		else if (may_match_choseong(w, len))
			strbuf_puts(out, "{title body names} : ");
		quoted(out, w, len);
		char last = query[ends[k] - 1];
		bool latin_end = (last >= '0' && last <= '9') ||
				 (last >= 'a' && last <= 'z') ||
				 (last >= 'A' && last <= 'Z');
		if (k == words - 1 && latin_end)
			strbuf_putc(out, '*');
	}
	return true;
}

char **search_words(const char *query)
{
	char *nfc = text_nfc(query);
	if (!nfc)
		return NULL;
	int32_t n = (int32_t)strlen(nfc);
	char **words = calloc((size_t)n / 2 + 2, sizeof(*words));
	size_t k = 0;
	bool only_choseong = true;
	for (int32_t i = 0; words && i < n;) {
		int32_t ws = i;
		UChar32 c;
		U8_NEXT((const uint8_t *)nfc, i, n, c);
		if (c < 0 || !is_word_char(c))
			continue;
		only_choseong = only_choseong && is_choseong_jamo(c);
		while (i < n) {
			int32_t at = i;
			U8_NEXT((const uint8_t *)nfc, i, n, c);
			if (c < 0 || !is_word_char(c)) {
				i = at;
				break;
			}
			only_choseong = only_choseong && is_choseong_jamo(c);
		}
		words[k++] = strndup(nfc + ws, (size_t)(i - ws));
	}
	free(nfc);
	if (words && (k == 0 || only_choseong)) {
		search_words_free(words);
		return NULL;
	}
	return words;
}

void search_words_free(char **words)
{
	for (size_t i = 0; words && words[i]; i++)
		free(words[i]);
	free(words);
}
