/* import.c: the importer's entry points. It tells NDJSON from a document
 * by the first line, checks and writes NDJSON a line at a time (a file is
 * read a line at a time too) and hands a document to import_doc.c (a file
 * is mapped); the caller rolls back on any problem. */
#include "import_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "yeonpyo/json.h"

void import_stats_clear(import_stats *st)
{
	dataset_info_clear(&st->dataset);
	memset(st, 0, sizeof(*st));
}

/* --- NDJSON ----------------------------------------------------------- */

static yp_status ndjson_record(import_writer *w, decode_ctx *c,
			       const json_value *v, bool write)
{
	static const char *const names[] = {"organization", "person", "source",
					    "event", NULL};
	if (!decode_check_fields(c, v, "$", names, 0))
		return YP_DATAERR;
	if (v->u.object.len != 1) {
		decode_report(c, v, "$", "a line holds exactly one of: "
			      "organization, person, source, event");
		return YP_DATAERR;
	}
	const char *key = v->u.object.members[0].key;
	const json_value *body = v->u.object.members[0].value;
	char path[32];
	snprintf(path, sizeof(path), "$.%s", key);
	yp_status rc = YP_DATAERR;
	if (strcmp(key, "organization") == 0) {
		yp_org o;
		if (decode_org(c, body, path, &o) &&
		    import_refs_check_org(c, w->s, false, &o, path, NULL))
			rc = write ? import_write_org(w, &o) : YP_OK;
		if (rc == YP_OK && write && o.parent)
			rc = import_write_org_parent(w, &o);
		model_org_clear(&o);
	} else if (strcmp(key, "person") == 0) {
		yp_person p;
		if (decode_person(c, body, path, &p) &&
		    import_refs_check_person(c, w->s, false, &p, path, NULL))
			rc = write ? import_write_person(w, &p) : YP_OK;
		model_person_clear(&p);
	} else if (strcmp(key, "source") == 0) {
		yp_source src;
		if (decode_source(c, body, path, &src))
			rc = write ? import_write_source(w, &src) : YP_OK;
		model_source_clear(&src);
	} else {
		yp_event e;
		if (decode_event(c, body, path, &e) &&
		    import_refs_check_event(c, w->s, false, &e, path, NULL))
			rc = import_write_feed_event(w, c, &e, write);
		model_event_clear(&e);
	}
	return rc;
}

static bool blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

static yp_status ndjson_line(import_writer *w, decode_ctx *c, const char *p,
			     size_t n)
{
	json_value *v = NULL;
	json_error je;
	size_t used = 0;
	if (!json_parse(p, n, c->line, &used, &v, &je)) {
		decode_report_syntax(c, &je, p, c->offset);
		return YP_DATAERR;
	}
	yp_status rc;
	if (used != n) {
		decode_report_after(c, p, used, c->line,
				    "more than one value on a line");
		rc = YP_DATAERR;
	} else {
		/* after the first problem keep checking, but stop writing */
		rc = ndjson_record(w, c, v, c->d->count == 0);
	}
	json_free(v);
	return rc;
}

/* One line of a feed, line number at byte offset of total (0: unknown);
 * a problem in the data is noted and the caller goes on. */
static yp_status ndjson_step(import_writer *w, decode_ctx *c, const char *p,
			     size_t n, unsigned number, size_t offset,
			     size_t total)
{
	if (blank(p, n))
		return YP_OK;
	c->line = number;
	c->offset = offset;
	yp_status rc = ndjson_line(w, c, p, n);
	if (number % IMPORT_PROGRESS_EVERY == 0)
		import_write_progress(w, offset, total);
	return rc == YP_DATAERR ? YP_OK : rc;
}

static yp_status import_ndjson(import_writer *w, decode_ctx *c, const char *buf,
			       size_t len)
{
	size_t pos = 0;
	unsigned line = 0;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		yp_status rc = ndjson_step(w, c, buf + pos, n, ++line, pos, len);
		if (rc != YP_OK)
			return rc;
		pos += n + 1;
	}
	return c->d->count ? YP_DATAERR : YP_OK;
}

/* --- entry points ----------------------------------------------------- */

/* A line that is on its own a complete object without "format". */
static bool line_is_record(const char *p, size_t n)
{
	json_value *v = NULL;
	size_t used = 0;
	bool record = json_parse(p, n, 1, &used, &v, NULL) && used == n &&
		      v->type == JSON_OBJECT && !json_get(v, "format");
	json_free(v);
	return record;
}

/* NDJSON when the first non-blank line is on its own a complete object
 * without "format"; otherwise the input is one document. Deciding on the
 * first line keeps a broken document's errors about the document. */
static bool looks_like_ndjson(const char *buf, size_t len)
{
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		if (!blank(buf + pos, n))
			return line_is_record(buf + pos, n);
		pos += n + 1;
	}
	return false;
}

yp_status import_buffer(store *s, const char *name, const char *buf,
			size_t len, store_origin origin, import_stats *stats,
			diag *d, yp_error *err)
{
	import_writer w = {s, origin, stats, err, NULL, 0, 0, false};
	decode_ctx c = {d, name, 0, 0};
	yp_status rc = looks_like_ndjson(buf, len)
			       ? import_ndjson(&w, &c, buf, len)
			       : import_doc_read(&w, &c, buf, len, false);
	if (rc == YP_OK || rc == YP_DATAERR)
		rc = import_write_finish(&w, &c);
	import_writer_free(&w);
	if (rc == YP_OK && d->count)
		rc = YP_DATAERR;
	return rc;
}

/* --- streaming from a file --------------------------------------------- */

typedef struct {
	FILE *f;
	char *line;        /* getline's buffer */
	size_t cap;
	size_t offset;     /* of the line last read */
	size_t next;       /* of the line after it */
	unsigned number;   /* 1-based, of the line last read */
} line_reader;

/* The next line without its '\n' in r->line; -1 at the end or on error
 * (ferror tells which). */
static ssize_t next_line(line_reader *r)
{
	ssize_t n = getline(&r->line, &r->cap, r->f);
	if (n < 0)
		return -1;
	r->offset = r->next;
	r->next += (size_t)n;
	r->number++;
	if (n > 0 && r->line[n - 1] == '\n')
		n--;
	return n;
}

/* NDJSON a line at a time, so a feed of any size needs memory for one
 * record; the first line has been read already. */
static yp_status stream_ndjson(import_writer *w, decode_ctx *c, line_reader *r,
			       ssize_t n, size_t size)
{
	for (; n >= 0; n = next_line(r)) {
		yp_status rc = ndjson_step(w, c, r->line, (size_t)n, r->number,
					   r->offset, size);
		if (rc != YP_OK)
			return rc;
	}
	return c->d->count ? YP_DATAERR : YP_OK;
}

/* A document is mapped rather than read, so that its size costs address
 * space, not memory: the records are taken one at a time and the pages
 * behind them are let go (see release_pages). Input that cannot be mapped
 * (a pipe) is first copied to a temporary file; head holds the lines
 * already read from it. */
static yp_status map_document(import_writer *w, decode_ctx *c, line_reader *r,
			      const strbuf *head, bool regular, size_t size,
			      bool *read_failed)
{
	*read_failed = true;  /* until the document is in hand */
	FILE *spool = NULL;
	int fd = fileno(r->f);
	if (!regular) {
		spool = tmpfile();
		if (!spool)
			return YP_IOERR;
		char chunk[65536];
		size_t got;
		fwrite(strbuf_str(head), 1, head->len, spool);
		while ((got = fread(chunk, 1, sizeof(chunk), r->f)) > 0)
			fwrite(chunk, 1, got, spool);
		if (ferror(r->f) || fflush(spool) != 0 || ferror(spool)) {
			fclose(spool);
			return YP_IOERR;
		}
		fd = fileno(spool);
		size = (size_t)ftello(spool);
	}
	yp_status rc = YP_IOERR;
	void *map = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0)
			 : NULL;
	if (size == 0) {
		*read_failed = false;
		rc = import_doc_read(w, c, "", 0, false);
	} else if (map != MAP_FAILED) {
		*read_failed = false;
		madvise(map, size, MADV_SEQUENTIAL);
		rc = import_doc_read(w, c, map, size, true);
		munmap(map, size);
	}
	if (spool)
		fclose(spool);
	return rc;
}

yp_status import_file(store *s, const char *path, store_origin origin,
		      import_stats *stats, diag *d, yp_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	line_reader r = {is_stdin ? stdin : fopen(path, "rb"), NULL, 0, 0, 0, 0};
	if (!r.f)
		return yp_fail(err, YP_NOINPUT, "%s: cannot open: %s", path,
			       strerror(errno));
	struct stat st;
	if (fstat(fileno(r.f), &st) != 0)
		st.st_mode = 0;
	size_t size = S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
	import_writer w = {s, origin, stats, err, NULL, 0, 0, false};
	decode_ctx c = {d, path, 0, 0};
	strbuf head = STRBUF_INIT;  /* blank lines before the first */
	ssize_t n;
	while ((n = next_line(&r)) >= 0 && blank(r.line, (size_t)n)) {
		strbuf_append(&head, r.line, (size_t)n);
		strbuf_putc(&head, '\n');
	}
	yp_status rc;
	/* a store error is already in err; only the input's are said here */
	bool read_failed = false;
	if (ferror(r.f)) {
		rc = YP_IOERR;
		read_failed = true;
	} else if (n >= 0 && line_is_record(r.line, (size_t)n)) {
		rc = stream_ndjson(&w, &c, &r, n, size);
		if (ferror(r.f)) {
			rc = YP_IOERR;
			read_failed = true;
		}
	} else {
		if (n >= 0) {
			strbuf_append(&head, r.line, (size_t)n);
			if (r.next - r.offset > (size_t)n)
				strbuf_putc(&head, '\n');
		}
		rc = map_document(&w, &c, &r, &head, S_ISREG(st.st_mode), size,
				  &read_failed);
	}
	int saved = errno;
	if (read_failed)
		yp_fail(err, YP_IOERR, "%s: cannot read: %s",
			decode_file_name(path),
			head.failed ? "out of memory" : strerror(saved));
	else if (rc == YP_OK || rc == YP_DATAERR)
		rc = import_write_finish(&w, &c);
	import_writer_free(&w);
	if (!read_failed && rc == YP_OK && d->count)
		rc = YP_DATAERR;
	strbuf_free(&head);
	free(r.line);
	if (!is_stdin)
		fclose(r.f);
	return rc;
}
