/* store_hits.c: a broad search's events as a bit per event key, and their
 * places in the timeline counted a month at a time, only as far as asked. */
#include "store_priv.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* The word of the map that holds key eid's bit; only keys below n_bits
 * have one (a key above came after the map was made). */
static uint64_t *word_of(const hit_map *m, sqlite3_int64 eid)
{
	assert(eid >= 0 && eid < m->n_bits && m->bits);
	return &m->bits[eid / 64];
}

static bool map_has(const hit_map *m, sqlite3_int64 eid)
{
	return eid >= 0 && eid < m->n_bits &&
	       (*word_of(m, eid) >> (eid % 64) & 1u) != 0;
}

/* What the counting of months keeps true: before[0..known] are counted
 * from the start (none before the first) and before[known_end..n_months]
 * back from the end, the two never crossing. Their sums are not compared:
 * another connection may write between two months' counts. */
static void assert_counted(const hit_map *m)
{
	assert(m->before && (m->months || m->n_months == 0));
	assert(m->known <= m->known_end && m->known_end <= m->n_months);
	assert(m->before[0] == 0);
}

static void hit_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const store *s = sqlite3_user_data(ctx);
	sqlite3_result_int(ctx, map_has(&s->map, sqlite3_value_int64(argv[0])));
}

/* yp_mark(eid), an aggregate: sets the bit of each key it is given in the
 * map being filled, so that a search's matches are gathered in one step of
 * one statement, not a step (and a return to C) per match. */
static void mark_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	store *s = sqlite3_user_data(ctx);
	hit_map *m = &s->map;
	sqlite3_int64 eid = sqlite3_value_int64(argv[0]);
	if (eid < 0 || eid >= m->n_bits || map_has(m, eid))
		return;  /* an index entry without its event */
	*word_of(m, eid) |= (uint64_t)1 << (eid % 64);
	m->count++;
	assert(m->count <= m->n_bits);
}

static void mark_final(sqlite3_context *ctx)
{
	const store *s = sqlite3_user_data(ctx);
	sqlite3_result_int64(ctx, s->map.count);
}

int store_hits_register(store *s)
{
	/* not deterministic: the same key answers differently per search */
	int rc = sqlite3_create_function(s->db, "yp_hit", 1,
					 SQLITE_UTF8 | SQLITE_INNOCUOUS, s,
					 hit_fn, NULL, NULL);
	/* it writes to the map: only for the store's own statements */
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(s->db, "yp_mark", 1,
					     SQLITE_UTF8 | SQLITE_DIRECTONLY, s,
					     NULL, mark_step, mark_final);
	return rc;
}

static void map_clear(hit_map *m)
{
	free(m->bits);
	free(m->months);
	free(m->before);
	memset(m, 0, sizeof(*m));
}

void store_hits_forget(store *s)
{
	free(s->hits_of);
	s->hits_of = NULL;
	s->mapped = false;
	map_clear(&s->map);
}

static store_binding search_take(store *s, store_query q, yp_error *err)
{
	store_binding b = store_take(s, q, NULL);
	if (!b.st)
		store_sql_fail(s, err, "preparing a search");
	return b;
}

/* One integer from a statement that returns one row, with b's values;
 * -1 on error. */
static sqlite3_int64 step_int(const store_binding *b, yp_error *err)
{
	sqlite3_int64 v = -1;
	if (store_bound(b, "searching", err) != YP_OK)
		return -1;
	if (sqlite3_step(b->st) == SQLITE_ROW)
		v = sqlite3_column_int64(b->st, 0);
	else
		store_sql_fail(b->s, err, "searching");
	sqlite3_reset(b->st);
	return v;
}

bool store_hits_from_notes(store *s)
{
	/* unknown (-1): the statements that add them will say what is wrong */
	return store_int(s, Q_NOTES_ANY, "searching", NULL) != 0;
}

/* What fills a one-set filter's map: the statement that marks its
 * events, and the parameter it binds. */
typedef struct {
	store_query q;
	const char *name;
	const char *value;
} map_source;

/* The one set f selects by (a search, a tag, an organization or a
 * person), with nothing else to ask of a row; false for any other. */
static bool source_of(const event_filter *f, map_source *out)
{
	const map_source sources[] = {
		{Q_HITS_MARK, ":match", f->match},
		{Q_HITS_MARK_TAG, ":tag", f->tag},
		{Q_HITS_MARK_ORG, ":org", f->org},
		{Q_HITS_MARK_PERSON, ":person", f->person},
	};
	size_t n = 0;
	for (size_t i = 0; i < sizeof(sources) / sizeof(*sources); i++)
		if (sources[i].value && n++ == 0)
			*out = sources[i];
	return n == 1 && !f->from_day && !f->to_day && !f->marked &&
	       !f->noted;
}

bool store_hits_mappable(const event_filter *f)
{
	map_source src;
	return source_of(f, &src);
}

/* Sets the bit of each event statement q finds for value, bound to name
 * (the count it returns is the map's own). */
static yp_status mark(store *s, store_query q, const char *name,
		      const char *value, yp_error *err)
{
	store_binding b = search_take(s, q, err);
	if (!b.st)
		return err->status;
	store_bind_text(&b, name, value);
	return step_int(&b, err) < 0 ? err->status : YP_OK;
}

yp_status store_hits_map(store *s, const event_filter *f, yp_error *err)
{
	map_source src;
	bool one_set = source_of(f, &src);
	assert(one_set);
	(void)one_set;
	map_clear(&s->map);
	store_binding last = search_take(s, Q_MAX_EVENT_KEY, err);
	if (!last.st)
		return err->status;
	sqlite3_int64 max = step_int(&last, err);
	if (max < 0)
		return err->status;
	hit_map *m = &s->map;
	m->n_bits = max + 1;
	m->bits = calloc((size_t)(max / 64 + 1), sizeof(*m->bits));
	if (!m->bits)
		return yp_fail(err, YP_SOFTWARE, "out of memory");
	yp_status rc = mark(s, src.q, src.name, src.value, err);
	/* then the events a search finds by their notes, each bit set once */
	if (rc == YP_OK && src.q == Q_HITS_MARK && store_hits_from_notes(s))
		rc = mark(s, Q_HITS_MARK_NOTES, ":match", src.value, err);
	if (rc != YP_OK)
		map_clear(m);
	return rc;
}

/* False, with err set, when the months cannot be read. */
static bool load_months(store *s, yp_error *err)
{
	hit_map *m = &s->map;
	free(m->months);  /* what a failed read left */
	m->months = NULL;
	m->n_months = 0;
	/* the months, ascending, with their events (not read here) */
	sqlite3_stmt *st = search_take(s, Q_MONTHS_ALL, err).st;
	if (!st)
		return false;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->n_months == cap) {
			cap = cap ? cap * 2 : 512;
			long *more = realloc(m->months, cap * sizeof(*more));
			if (!more) {
				sqlite3_reset(st);
				yp_fail(err, YP_SOFTWARE, "out of memory");
				return false;
			}
			m->months = more;
		}
		long month = (long)sqlite3_column_int64(st, 0);
		/* month_index searches them: ORDER BY their primary key */
		assert(m->n_months == 0 || m->months[m->n_months - 1] < month);
		m->months[m->n_months++] = month;
	}
	if (rc != SQLITE_DONE)
		store_sql_fail(s, err, "reading the months");
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return false;
	m->before = calloc(m->n_months + 1, sizeof(*m->before));
	if (!m->before) {
		yp_fail(err, YP_SOFTWARE, "out of memory");
		return false;
	}
	m->before[m->n_months] = m->count;
	m->known = 0;
	m->known_end = m->n_months;
	assert_counted(m);
	return true;
}

/* The index of the first month at or after month. */
static size_t month_index(const hit_map *m, long month)
{
	size_t lo = 0, hi = m->n_months;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->months[mid] < month)
			lo = mid + 1;
		else
			hi = mid;
	}
	assert(lo <= m->n_months);
	assert(lo == m->n_months || m->months[lo] >= month);
	assert(lo == 0 || m->months[lo - 1] < month);
	return lo;
}

/* The matches of month j, by b's statement (MONTH_HITS). */
static yp_status count_month(store_binding *b, size_t j, long *n,
			       yp_error *err)
{
	const hit_map *m = &b->s->map;
	assert(j < m->n_months);
	store_bind_int(b, ":month", m->months[j]);
	sqlite3_int64 v = step_int(b, err);
	/* one snapshot's rows, each with its own bit: never more than set */
	assert(v <= m->count);
	*n = (long)v;
	return v < 0 ? err->status : YP_OK;
}

/* Counts months forward from the first not counted until upto. */
static yp_status count_forward(store *s, store_binding *b, size_t upto,
			       yp_error *err)
{
	hit_map *m = &s->map;
	assert(upto <= m->known_end);
	yp_status rc = YP_OK;
	long n;
	while (rc == YP_OK && m->known < upto) {
		rc = count_month(b, m->known, &n, err);
		if (rc == YP_OK) {
			m->before[m->known + 1] = m->before[m->known] + n;
			m->known++;
		}
	}
	return rc;
}

/* Counts months until the matches before month i are known, from the
 * start or back from the end, whichever has fewer months left to count:
 * a place near either end of the timeline costs little. */
static yp_status count_months(store *s, size_t i, yp_error *err)
{
	hit_map *m = &s->map;
	assert_counted(m);
	assert(i <= m->n_months);
	if (i <= m->known || i >= m->known_end)
		return YP_OK;
	store_binding b = search_take(s, Q_MONTH_HITS, err);
	if (!b.st)
		return err->status;
	yp_status rc = YP_OK;
	long n;
	if (i - m->known <= m->known_end - i) {
		rc = count_forward(s, &b, i, err);
	} else {
		while (rc == YP_OK && m->known_end > i) {
			size_t j = m->known_end - 1;
			rc = count_month(&b, j, &n, err);
			if (rc == YP_OK) {
				m->before[j] = m->before[j + 1] - n;
				m->known_end = j;
			}
		}
	}
	assert(rc != YP_OK || i <= m->known || i >= m->known_end);
	assert_counted(m);
	return rc;
}

long store_hits_before(store *s, const row_key *key, yp_error *err)
{
	hit_map *m = &s->map;
	if (!m->before && !load_months(s, err))
		return -1;
	long month = key->date_key / 100;
	size_t i = month_index(m, month);
	if (count_months(s, i, err) != YP_OK)
		return -1;
	store_binding b = search_take(s, Q_MONTH_HITS_BEFORE, err);
	if (!b.st)
		return -1;
	store_bind_int(&b, ":month", month);
	store_bind_int(&b, ":to_date", key->date_key);
	store_bind_text(&b, ":to_id", key->id ? key->id : "");
	sqlite3_int64 n = step_int(&b, err);
	return n < 0 ? -1 : m->before[i] + (long)n;
}

yp_status store_hits_months(store *s, store_count_fn fn, void *ctx,
			    yp_error *err)
{
	hit_map *m = &s->map;
	if (!m->before && !load_months(s, err))
		return err->status;
	/* forward through the months neither end has counted */
	if (m->known < m->known_end) {
		store_binding b = search_take(s, Q_MONTH_HITS, err);
		if (!b.st)
			return err->status;
		yp_status rc = count_forward(s, &b, m->known_end, err);
		if (rc != YP_OK)
			return rc;
	}
	assert(m->known == m->known_end);
	assert_counted(m);
	for (size_t i = 0; i < m->n_months; i++) {
		long n = m->before[i + 1] - m->before[i];
		if (n && !fn(m->months[i], n, ctx))
			break;
	}
	return YP_OK;
}
