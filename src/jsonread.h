#ifndef GRILL_JSONREAD_H
#define GRILL_JSONREAD_H

/*
 * Reading JSON files into typed structs with messages that name the file,
 * the JSON path and the cause. Internal: cJSON stays behind the loaders.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "grill/diag.h"

#define JSON_MAX_DEPTH 64

typedef struct jr_ctx {
	const char *file;    /* as shown in messages */
	diag_list *diags;
	char path[1024];
	size_t path_len;
	int errors;
} jr_ctx;

void jr_init(jr_ctx *c, const char *file, diag_list *diags);

/*
 * Parses buf (len bytes) after checking UTF-8; reports "FILE:LINE:COL: cause"
 * on a syntax error and rejects nesting deeper than JSON_MAX_DEPTH.
 * Returns the tree (caller frees with cJSON_Delete) or NULL.
 */
cJSON *jr_parse(jr_ctx *c, const char *buf, size_t len);

/* Path handling: save = jr_key(c, "probes"); ... jr_restore(c, save); */
size_t jr_key(jr_ctx *c, const char *key);
size_t jr_index(jr_ctx *c, size_t i);
void jr_restore(jr_ctx *c, size_t saved);

void jr_error(jr_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reports keys not in allowed (NULL-terminated; "x-" keys pass) and duplicate keys. */
void jr_check_keys(jr_ctx *c, const cJSON *obj, const char *const *allowed);
/* Reports keys that appear twice (which one counts would be a guess). */
void jr_check_duplicates(jr_ctx *c, const cJSON *obj);

/*
 * Typed getters: report a problem and return NULL/def when the key is
 * missing (and required) or has the wrong type. Strings are checked for
 * control characters and copied (caller frees).
 */
char *jr_string(jr_ctx *c, const cJSON *obj, const char *key, bool required, bool nonempty);
/* An integer in [min, max]; def when absent and not required. */
long jr_int(jr_ctx *c, const cJSON *obj, const char *key, bool required, long min, long max, long def);
bool jr_bool(jr_ctx *c, const cJSON *obj, const char *key, bool def);
/* An array (may be empty) or NULL when absent (reported when required). */
const cJSON *jr_array(jr_ctx *c, const cJSON *obj, const char *key, bool required);
const cJSON *jr_object(jr_ctx *c, const cJSON *obj, const char *key, bool required);
/* An array of non-empty strings; *n gets the count. */
char **jr_string_array(jr_ctx *c, const cJSON *obj, const char *key, bool required, size_t *n);
void jr_free_strings(char **list, size_t n);

/* True when the text is fine to show: no control characters but \n and \t. */
bool jr_text_ok(const char *s);

#endif
