/* The rubric loader (docs/rubric-format.md) and the verdict rules. */
#include "grill/rubric.h"

#include <stdlib.h>
#include <string.h>

#include "grill/fsutil.h"
#include "grill/xalloc.h"
#include "jsonread.h"

const char *const rubric_keys[RUBRIC_DIMS] = {
	"accuracy", "honesty", "reasoning", "challenge", "specificity", "questions"
};

int rubric_key_index(const char *key)
{
	int i;

	for (i = 0; i < RUBRIC_DIMS; i++)
		if (strcmp(rubric_keys[i], key) == 0)
			return i;
	return -1;
}

void rubric_free(rubric *r)
{
	size_t i;
	int k;

	if (!r)
		return;
	for (i = 0; i < r->n_dims; i++) {
		free(r->dims[i].key);
		free(r->dims[i].name);
		free(r->dims[i].question);
		free(r->dims[i].definition);
		for (k = 0; k < 6; k++)
			free(r->dims[i].anchors[k]);
	}
	free(r->dims);
	jr_free_strings(r->overclaim_keys, r->n_overclaim_keys);
	free(r->path);
	free(r->id);
	free(r->title);
	free(r->description);
	free(r->verdict_pass);
	free(r->verdict_overclaim);
	free(r->verdict_practice);
	free(r);
}

static void parse_dimension(jr_ctx *c, const cJSON *it, rubric_dimension *d)
{
	static const char *const keys[] = { "key", "name", "question", "definition", "anchors", NULL };
	static const char *const anchor_keys[] = { "null", "1", "2", "3", "4", "5", NULL };
	const cJSON *anchors;
	int k;

	jr_check_keys(c, it, keys);
	d->key = jr_string(c, it, "key", true, true);
	d->name = jr_string(c, it, "name", true, true);
	d->question = jr_string(c, it, "question", true, true);
	d->definition = jr_string(c, it, "definition", false, true);
	anchors = jr_object(c, it, "anchors", true);
	if (!anchors)
		return;
	{
		size_t saved = jr_key(c, "anchors");

		jr_check_keys(c, anchors, anchor_keys);
		for (k = 0; k < 6; k++)
			d->anchors[k] = jr_string(c, anchors, anchor_keys[k], k > 0, true);
		jr_restore(c, saved);
	}
}

rubric *rubric_load(const char *path, diag_list *diags)
{
	grill_err err = GRILL_ERR_INIT;
	char *buf = NULL;
	size_t len = 0;
	rubric *r;

	if (fs_read_file(path, RUBRIC_MAX_FILE_BYTES, &buf, &len, &err) < 0) {
		diag_add(diags, "%s", err_msg(&err));
		err_clear(&err);
		return NULL;
	}
	r = rubric_parse(path, buf, len, diags);
	free(buf);
	return r;
}

rubric *rubric_parse(const char *path, const char *buf, size_t len, diag_list *diags)
{
	static const char *const keys[] = { "format", "id", "title", "description", "dimensions", "verdict", NULL };
	static const char *const vkeys[] = { "pass_min", "overclaim_below", "overclaim_keys", "pass", "overclaim", "practice", NULL };
	size_t i = 0, k;
	const cJSON *dims, *verdict, *it;
	cJSON *root;
	rubric *r;
	jr_ctx c;

	jr_init(&c, path, diags);
	root = jr_parse(&c, buf, len);
	if (!root)
		return NULL;
	if (!cJSON_IsObject(root)) {
		jr_error(&c, "a rubric must be a JSON object");
		cJSON_Delete(root);
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	jr_check_keys(&c, root, keys);
	jr_int(&c, root, "format", true, 1, 1, 1);
	r->id = jr_string(&c, root, "id", true, true);
	r->title = jr_string(&c, root, "title", true, true);
	r->description = jr_string(&c, root, "description", false, false);
	dims = jr_array(&c, root, "dimensions", true);
	if (dims) {
		if (cJSON_GetArraySize(dims) == 0)
			jr_error(&c, "\"dimensions\" must not be empty");
		r->dims = xcalloc((size_t)cJSON_GetArraySize(dims) + 1, sizeof(*r->dims));
		cJSON_ArrayForEach(it, dims) {
			size_t saved = jr_key(&c, "dimensions");

			jr_index(&c, i++);
			if (!cJSON_IsObject(it)) {
				jr_error(&c, "a dimension must be an object");
			} else {
				rubric_dimension *d = &r->dims[r->n_dims++];

				parse_dimension(&c, it, d);
				for (k = 0; d->key && k + 1 < r->n_dims; k++)
					if (r->dims[k].key && strcmp(r->dims[k].key, d->key) == 0)
						jr_error(&c, "duplicate dimension key \"%s\"", d->key);
			}
			jr_restore(&c, saved);
		}
	}
	verdict = jr_object(&c, root, "verdict", true);
	if (verdict) {
		size_t saved = jr_key(&c, "verdict");

		jr_check_keys(&c, verdict, vkeys);
		r->pass_min = (int)jr_int(&c, verdict, "pass_min", true, 1, 5, 4);
		r->overclaim_below = (int)jr_int(&c, verdict, "overclaim_below", true, 1, 5, 3);
		r->overclaim_keys = jr_string_array(&c, verdict, "overclaim_keys", true, &r->n_overclaim_keys);
		for (k = 0; k < r->n_overclaim_keys; k++)
			if (!rubric_find(r, r->overclaim_keys[k]))
				jr_error(&c, "\"overclaim_keys\" names \"%s\", which is not a dimension", r->overclaim_keys[k]);
		r->verdict_pass = jr_string(&c, verdict, "pass", true, true);
		r->verdict_overclaim = jr_string(&c, verdict, "overclaim", true, true);
		r->verdict_practice = jr_string(&c, verdict, "practice", true, true);
		jr_restore(&c, saved);
	}
	cJSON_Delete(root);
	if (c.errors > 0) {
		rubric_free(r);
		return NULL;
	}
	return r;
}

rubric *rubric_load_id(const char *dir, const char *id, diag_list *diags)
{
	char *name = xasprintf("%s.json", id);
	char *path = fs_join(dir, name);
	rubric *r = rubric_load(path, diags);

	free(name);
	free(path);
	return r;
}

const rubric_dimension *rubric_find(const rubric *r, const char *key)
{
	size_t i;

	for (i = 0; r && i < r->n_dims; i++)
		if (r->dims[i].key && strcmp(r->dims[i].key, key) == 0)
			return &r->dims[i];
	return NULL;
}

verdict_kind rubric_verdict(const rubric *r, const int scores[RUBRIC_DIMS])
{
	int pass_min = r ? r->pass_min : 4, below = r ? r->overclaim_below : 3;
	bool any = false, all_pass = true;
	int i;

	for (i = 0; i < RUBRIC_DIMS; i++) {
		if (scores[i] <= 0)
			continue;
		any = true;
		if (scores[i] < pass_min)
			all_pass = false;
	}
	if (!any)
		return VERDICT_NONE;
	if (r) {
		for (size_t k = 0; k < r->n_overclaim_keys; k++) {
			int d = rubric_key_index(r->overclaim_keys[k]);

			if (d >= 0 && scores[d] > 0 && scores[d] < below)
				return VERDICT_OVERCLAIM;
		}
	} else if ((scores[DIM_ACCURACY] > 0 && scores[DIM_ACCURACY] < below) ||
	           (scores[DIM_HONESTY] > 0 && scores[DIM_HONESTY] < below)) {
		return VERDICT_OVERCLAIM;
	}
	return all_pass ? VERDICT_PASS : VERDICT_PRACTICE;
}

const char *rubric_verdict_text(const rubric *r, verdict_kind v)
{
	switch (v) {
	case VERDICT_PASS:
		return r && r->verdict_pass ? r->verdict_pass :
		       "4 or more on every scored dimension: an accurate account of what you can do.";
	case VERDICT_OVERCLAIM:
		return r && r->verdict_overclaim ? r->verdict_overclaim :
		       "Over-claiming: the answers claimed more than they showed. Do the calibration exercise.";
	case VERDICT_PRACTICE:
		return r && r->verdict_practice ? r->verdict_practice :
		       "Calibrated, with room to grow: rehearse the lowest dimensions.";
	case VERDICT_NONE:
		break;
	}
	return "";
}

const char *verdict_kind_name(verdict_kind v)
{
	static const char *const names[] = { "none", "pass", "overclaim", "practice" };

	return names[v];
}
