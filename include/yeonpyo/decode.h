/* decode.h: turning parsed JSON of the yeonpyo/1 format into model
 * records, validating every field and reporting each problem with its JSON
 * path. References between records are checked by the importer. */
#ifndef YEONPYO_DECODE_H
#define YEONPYO_DECODE_H

#include <stdbool.h>

#include "yeonpyo/diag.h"
#include "yeonpyo/json.h"
#include "yeonpyo/model.h"

typedef struct {
	diag *d;
	const char *file;  /* name used in messages ("-" reads as <stdin>) */
	unsigned line;     /* NDJSON line number, 0 inside a JSON document */
	size_t offset;     /* NDJSON: byte offset of that line in the file */
} decode_ctx;

/* The optional "dataset" block of a document. */
typedef struct {
	char *id;
	long version;
	yp_text title;
} yp_dataset_info;

void dataset_info_clear(yp_dataset_info *info);

/* Each fills *out (the caller clears it with the model_*_clear function)
 * and returns true, or reports every problem under path and returns false
 * with *out cleared. */
bool decode_org(decode_ctx *c, const json_value *v, const char *path,
		yp_org *out);
bool decode_person(decode_ctx *c, const json_value *v, const char *path,
		   yp_person *out);
bool decode_source(decode_ctx *c, const json_value *v, const char *path,
		   yp_source *out);
bool decode_event(decode_ctx *c, const json_value *v, const char *path,
		  yp_event *out);
bool decode_dataset(decode_ctx *c, const json_value *v, const char *path,
		    yp_dataset_info *out);

/* How messages name file: "<stdin>" for "-". */
const char *decode_file_name(const char *file);

/* Where a value starts in the input, as json_value has it: 1-based line and
 * column, the column counted in bytes (as vim's quickfix and jq count it);
 * line 0 when it is not known. */
typedef struct {
	unsigned line;
	unsigned col;
} decode_pos;

/* The position of v ({0, 0} for NULL). */
decode_pos decode_pos_of(const json_value *v);

/* Reports one problem at path, prefixed with where it is: in NDJSON the file
 * and line ("feed.ndjson:17: $.event.date: ..."), in a document the file,
 * line and column of at, the value path names ("feed.json:12:5: ..."). */
void decode_report(decode_ctx *c, const json_value *at, const char *path,
		   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* decode_report for a value whose JSON is gone, from its kept position
 * (NULL: not known, and a document's message names the file alone). */
void decode_report_at(decode_ctx *c, const decode_pos *at, const char *path,
		      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Reports a syntax error or invalid UTF-8 that json_parse found in buf,
 * with where it is three ways: line and column, the JSON path, and the
 * byte offset in the file (base is where buf starts in it). */
void decode_report_syntax(decode_ctx *c, const json_error *je,
			  const char *buf, size_t base);

/* Reports what follows a complete value at buf[offset] ("unexpected data
 * after the document"), with its line (buf's first is line_base) and
 * column. */
void decode_report_after(decode_ctx *c, const char *buf, size_t offset,
			 unsigned line_base, const char *what);

/* Checks that v is an object whose keys are all among names (a
 * NULL-terminated list) and that the first n_required of them are present;
 * reports unknown and missing fields. */
bool decode_check_fields(decode_ctx *c, const json_value *v, const char *path,
			 const char *const *names, size_t n_required);

#endif
