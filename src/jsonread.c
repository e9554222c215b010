#include "jsonread.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/xalloc.h"

void jr_init(jr_ctx *c, const char *file, diag_list *diags)
{
	memset(c, 0, sizeof(*c));
	c->file = file;
	c->diags = diags;
}

static void line_col(const char *buf, size_t off, size_t *line, size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static size_t first_bad_utf8(const char *buf, size_t len)
{
	size_t lo = 0;

	/* term_utf8_valid answers for a whole range, quickly; only a file that
	 * fails it is scanned for the first bad byte */
	if (term_utf8_valid(buf, len))
		return len;
	while (lo < len) {
		size_t n = 1;
		unsigned char ch = (unsigned char)buf[lo];

		if (ch >= 0xf0)
			n = 4;
		else if (ch >= 0xe0)
			n = 3;
		else if (ch >= 0xc0)
			n = 2;
		if (lo + n > len || !term_utf8_valid(buf + lo, n))
			return lo;
		lo += n;
	}
	return len;
}

static int depth_of(const cJSON *j, int d)
{
	int max = d;
	const cJSON *ch;

	if (d > JSON_MAX_DEPTH)
		return d;
	for (ch = j->child; ch; ch = ch->next) {
		int cd = depth_of(ch, d + 1);

		if (cd > max)
			max = cd;
		if (max > JSON_MAX_DEPTH)
			break;
	}
	return max;
}

cJSON *jr_parse(jr_ctx *c, const char *buf, size_t len)
{
	const char *end = NULL;
	cJSON *root;
	size_t line, col, bad;

	if (memchr(buf, '\0', len)) {
		size_t off = (size_t)((const char *)memchr(buf, '\0', len) - buf);

		line_col(buf, off, &line, &col);
		diag_add(c->diags, "%s:%zu:%zu: NUL byte in the file (is it binary?)", c->file, line, col);
		return NULL;
	}
	bad = first_bad_utf8(buf, len);
	if (bad < len) {
		line_col(buf, bad, &line, &col);
		diag_add(c->diags, "%s:%zu:%zu: invalid UTF-8 (byte 0x%02x)", c->file, line, col, (unsigned char)buf[bad]);
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	if (!root) {
		size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : 0;

		size_t rest = off, shown = 0;

		while (rest < len && (buf[rest] == ' ' || buf[rest] == '\n' || buf[rest] == '\r' || buf[rest] == '\t'))
			rest++;
		while (rest + shown < len && shown < 20 && buf[rest + shown] != '\n' && buf[rest + shown] != '\r')
			shown++;
		line_col(buf, rest < len ? rest : off, &line, &col);
		if (rest >= len)
			diag_add(c->diags, "%s:%zu:%zu: malformed JSON: unexpected end of file", c->file, line, col);
		else
			diag_add(c->diags, "%s:%zu:%zu: malformed JSON near '%.*s'", c->file, line, col, (int)shown, buf + rest);
		return NULL;
	}
	/* cJSON stops at the first complete value: anything after it is an error */
	if (end) {
		while (end < buf + len && (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t'))
			end++;
		if (end < buf + len) {
			line_col(buf, (size_t)(end - buf), &line, &col);
			diag_add(c->diags, "%s:%zu:%zu: malformed JSON: text after the end of the document", c->file, line, col);
			cJSON_Delete(root);
			return NULL;
		}
	}
	if (depth_of(root, 1) > JSON_MAX_DEPTH) {
		diag_add(c->diags, "%s: JSON nested deeper than %d levels", c->file, JSON_MAX_DEPTH);
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* Appends n bytes of s to the path; a path that would not fit stays as it was. */
static void path_append(jr_ctx *c, const char *s, size_t n)
{
	if (c->path_len + n >= sizeof(c->path))
		return;
	memcpy(c->path + c->path_len, s, n);
	c->path_len += n;
	c->path[c->path_len] = '\0';
}

size_t jr_key(jr_ctx *c, const char *key)
{
	size_t saved = c->path_len, n = strlen(key);
	char part[256];

	/* ".key" as one piece, so that a long key is left out whole */
	if (n + 1 < sizeof(part)) {
		size_t dot = c->path_len ? 1 : 0;

		part[0] = '.';
		memcpy(part + dot, key, n);
		path_append(c, part, n + dot);
	}
	return saved;
}

size_t jr_index(jr_ctx *c, size_t i)
{
	size_t saved = c->path_len;
	char digits[24], part[26];
	size_t nd = 0;

	/* snprintf costs more than the rest of the loader on large banks */
	do {
		digits[nd++] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	part[0] = '[';
	for (size_t k = 0; k < nd; k++)
		part[1 + k] = digits[nd - 1 - k];
	part[1 + nd] = ']';
	path_append(c, part, nd + 2);
	return saved;
}

void jr_restore(jr_ctx *c, size_t saved)
{
	c->path_len = saved;
	c->path[saved] = '\0';
}

void jr_error(jr_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->errors++;
	if (c->path_len)
		diag_add(c->diags, "%s: %s: %s", c->file, c->path, msg);
	else
		diag_add(c->diags, "%s: %s", c->file, msg);
}

void jr_check_duplicates(jr_ctx *c, const cJSON *obj)
{
	const cJSON *ch, *other;

	for (ch = obj->child; ch; ch = ch->next) {
		if (!ch->string)
			continue;
		for (other = obj->child; other != ch; other = other->next) {
			if (other->string && strcmp(other->string, ch->string) == 0) {
				char *clean = term_sanitize(ch->string);

				jr_error(c, "key \"%s\" appears twice", clean);
				free(clean);
				break;
			}
		}
	}
}

void jr_check_keys(jr_ctx *c, const cJSON *obj, const char *const *allowed)
{
	const cJSON *ch;

	jr_check_duplicates(c, obj);
	for (ch = obj->child; ch; ch = ch->next) {
		const char *const *a;
		bool ok = false;

		if (!ch->string)
			continue;
		if (strncmp(ch->string, "x-", 2) == 0)
			continue;
		for (a = allowed; *a; a++)
			if (strcmp(*a, ch->string) == 0)
				ok = true;
		if (!ok) {
			char *clean = term_sanitize(ch->string);

			jr_error(c, "unknown key \"%s\"", clean);
			free(clean);
		}
	}
}

bool jr_text_ok(const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f)
			return false;
	}
	return true;
}

char *jr_string(jr_ctx *c, const cJSON *obj, const char *key, bool required, bool nonempty)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	const char *s;

	if (!v) {
		if (required)
			jr_error(c, "missing \"%s\"", key);
		return NULL;
	}
	if (!cJSON_IsString(v) || !v->valuestring) {
		jr_error(c, "\"%s\" must be a string", key);
		return NULL;
	}
	s = v->valuestring;
	if (nonempty) {
		const char *p = s;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p) {
			jr_error(c, "\"%s\" must not be empty", key);
			return NULL;
		}
	}
	if (!jr_text_ok(s)) {
		jr_error(c, "\"%s\" contains a control character (escape sequences are not allowed in text)", key);
		return NULL;
	}
	return xstrdup(s);
}

long jr_int(jr_ctx *c, const cJSON *obj, const char *key, bool required, long min, long max, long def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	double d;

	if (!v) {
		if (required)
			jr_error(c, "missing \"%s\"", key);
		return def;
	}
	if (!cJSON_IsNumber(v)) {
		jr_error(c, "\"%s\" must be a number", key);
		return def;
	}
	d = v->valuedouble;
	/* range first: casting 1e999 (or NaN) to long is undefined */
	if (!(d >= (double)min && d <= (double)max) || d != (double)(long)d) {
		jr_error(c, "\"%s\" must be a whole number from %ld to %ld", key, min, max);
		return def;
	}
	return (long)d;
}

bool jr_bool(jr_ctx *c, const cJSON *obj, const char *key, bool def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v)
		return def;
	if (!cJSON_IsBool(v)) {
		jr_error(c, "\"%s\" must be true or false", key);
		return def;
	}
	return cJSON_IsTrue(v);
}

const cJSON *jr_array(jr_ctx *c, const cJSON *obj, const char *key, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v) {
		if (required)
			jr_error(c, "missing \"%s\"", key);
		return NULL;
	}
	if (!cJSON_IsArray(v)) {
		jr_error(c, "\"%s\" must be an array", key);
		return NULL;
	}
	return v;
}

const cJSON *jr_object(jr_ctx *c, const cJSON *obj, const char *key, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v) {
		if (required)
			jr_error(c, "missing \"%s\"", key);
		return NULL;
	}
	if (!cJSON_IsObject(v)) {
		jr_error(c, "\"%s\" must be an object", key);
		return NULL;
	}
	return v;
}

char **jr_string_array(jr_ctx *c, const cJSON *obj, const char *key, bool required, size_t *n)
{
	const cJSON *arr = jr_array(c, obj, key, required), *it;
	char **out = NULL;
	size_t i = 0, count;

	*n = 0;
	if (!arr)
		return NULL;
	count = (size_t)cJSON_GetArraySize(arr);
	out = xcalloc(count ? count : 1, sizeof(*out));
	cJSON_ArrayForEach(it, arr) {
		size_t saved = jr_key(c, key);

		jr_index(c, i);
		if (!cJSON_IsString(it) || !it->valuestring || !it->valuestring[0])
			jr_error(c, "must be a non-empty string");
		else if (!jr_text_ok(it->valuestring))
			jr_error(c, "contains a control character");
		else
			out[(*n)++] = xstrdup(it->valuestring);
		jr_restore(c, saved);
		i++;
	}
	return out;
}

void jr_free_strings(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}
