/*
 * Question banks: JSON files checked against docs/bank-format.md and turned
 * into typed structs. Every problem in a file is reported; a file with any
 * problem is not used.
 */
#include "grill/bank.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank_cache.h"
#include "grill/fsutil.h"
#include "grill/xalloc.h"
#include "jsonread.h"
#include "strmap.h"

/*
 * A bank in a set. A bank read from the cache is decoded the first time
 * something needs more than its index (its ids and matching keys), so a
 * command that matches a free-text transcript decodes only the banks whose
 * questions it finds.
 */
typedef struct bank_entry {
	bank *b;                  /* NULL until decoded */
	char *path;
	const bank_index *ix;     /* own, or the image's */
	bank_index own;           /* parsed banks */
	bank_image *image;        /* cached banks; NULL when parsed */
} bank_entry;

/* A question or technology: its entry and its place in that bank. */
typedef struct bank_ref {
	size_t entry, index;
} bank_ref;

struct bank_set {
	bank_entry **entries;
	size_t n, cap;
	strmap *bank_ids;      /* id -> entry number + 1 */
	strmap *question_ids;  /* id -> number in questions + 1 */
	strmap *tech_ids;      /* id -> number in techs + 1 */
	bank_ref *questions;
	size_t n_questions, questions_cap;
	bank_ref *techs;
	size_t n_techs, techs_cap;
	char *cache_dir;       /* NULL: no cache */
	bank_mem *mem;         /* where cached banks are read to */
	bool linked;           /* bank_set_link was called: link banks as they are decoded */
};

static const char *const kind_names[] = { "technical", "design", "behavioral", "architecture", "terminology" };
static const char *const level_names[] = { "junior", "mid", "senior", "staff" };
static const char *const trigger_names[] = { "mentions", "misses", "vague", "always" };

const char *question_kind_name(question_kind k)
{
	return kind_names[k];
}

const char *question_level_name(question_level l)
{
	return level_names[l];
}

int question_level_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (strcmp(level_names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *trigger_kind_name(trigger_kind k)
{
	return trigger_names[k];
}

static int name_index(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/* ---- freeing ---- */

static void patterns_free(pattern_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		match_pattern_free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static void points_free(bank_point *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].id);
		free(p[i].point);
		patterns_free(&p[i].patterns);
	}
	free(p);
}

static void flags_free(bank_red_flag *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].id);
		free(f[i].claim);
		free(f[i].correction);
		patterns_free(&f[i].patterns);
		patterns_free(&f[i].unless);
	}
	free(f);
}

static void trigger_free(bank_trigger *t)
{
	patterns_free(&t->terms);
	free(t->tech_numbers);
	free(t->point);
}

static void probes_free(bank_probe *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].id);
		trigger_free(&p[i].trigger);
		free(p[i].ask);
		free(p[i].purpose);
		points_free(p[i].expected, p[i].n_expected);
		flags_free(p[i].red_flags, p[i].n_red_flags);
		probes_free(p[i].probes, p[i].n_probes);
	}
	free(p);
}

static void question_free(bank_question *q)
{
	size_t i;

	free(q->id);
	free(q->domain);
	jr_free_strings(q->tags, q->n_tags);
	free(q->prompt);
	free(q->hint);
	free(q->model_answer);
	free(q->interviewer_notes);
	points_free(q->expected, q->n_expected);
	flags_free(q->red_flags, q->n_red_flags);
	probes_free(q->probes, q->n_probes);
	for (i = 0; i < q->n_challenges; i++) {
		free(q->challenges[i].id);
		trigger_free(&q->challenges[i].trigger);
		free(q->challenges[i].ask);
		free(q->challenges[i].good_response);
	}
	free(q->challenges);
}

static void bank_free(bank *b)
{
	size_t i;

	if (!b)
		return;
	if (b->image) {
		bank_cache_release(b);
		return;
	}
	for (i = 0; i < b->n_questions; i++)
		question_free(&b->questions[i]);
	free(b->questions);
	for (i = 0; i < b->n_techs; i++) {
		free(b->techs[i].id);
		free(b->techs[i].name);
		patterns_free(&b->techs[i].aliases);
		probes_free(b->techs[i].probes, b->techs[i].n_probes);
	}
	free(b->techs);
	free(b->path);
	free(b->id);
	free(b->title);
	free(b->version);
	free(b->description);
	free(b);
}

/* ---- parsing ---- */

/* Ids seen within one question or technology, to report duplicates. */
typedef struct id_scope {
	strmap *ids;
	char **owned;
	size_t n, cap;
} id_scope;

static void scope_init(id_scope *s)
{
	memset(s, 0, sizeof(*s));
	s->ids = strmap_new();
}

static void scope_free(id_scope *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->owned[i]);
	free(s->owned);
	strmap_free(s->ids);
}

static bool id_ok(const char *id)
{
	size_t n = strlen(id), i;

	if (n == 0 || n > 64)
		return false;
	for (i = 0; i < n; i++) {
		char ch = id[i];
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');

		if (!alnum && (i == 0 || (ch != '-' && ch != '_' && ch != '.')))
			return false;
	}
	return true;
}

/* Reads "id", checks its form and, with scope, its uniqueness. */
static char *parse_id(jr_ctx *c, const cJSON *obj, id_scope *scope, const char *what)
{
	char *id = jr_string(c, obj, "id", true, true);

	if (!id)
		return NULL;
	if (!id_ok(id)) {
		jr_error(c, "\"id\" \"%s\" must be 1-64 characters of a-z, 0-9, '-', '_', '.', starting with a letter or digit", id);
		return id;
	}
	if (scope) {
		char *key = xasprintf("%s:%s", what, id);

		if (strmap_put(scope->ids, key, (void *)1)) {
			jr_error(c, "duplicate %s id \"%s\"", what, id);
			free(key);
		} else {
			xgrow((void **)&scope->owned, &scope->cap, scope->n + 1, sizeof(*scope->owned));
			scope->owned[scope->n++] = key;
		}
	}
	return id;
}

static void parse_patterns(jr_ctx *c, const cJSON *obj, const char *key, bool required, pattern_list *out)
{
	const cJSON *arr = jr_array(c, obj, key, required), *it;
	size_t i = 0;

	out->items = NULL;
	out->n = 0;
	if (!arr)
		return;
	if (required && cJSON_GetArraySize(arr) == 0) {
		jr_error(c, "\"%s\" must have at least one pattern", key);
		return;
	}
	out->items = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*out->items));
	cJSON_ArrayForEach(it, arr) {
		size_t saved = jr_key(c, key);

		jr_index(c, i++);
		if (!cJSON_IsString(it) || !it->valuestring) {
			jr_error(c, "a pattern must be a string");
		} else {
			grill_err err = GRILL_ERR_INIT;
			match_pattern *p = match_pattern_new(it->valuestring, &err);

			if (!p)
				jr_error(c, "%s", err_msg(&err));
			else
				out->items[out->n++] = p;
			err_clear(&err);
		}
		jr_restore(c, saved);
	}
}

static bank_point *parse_points(jr_ctx *c, const cJSON *obj, size_t *n)
{
	id_scope local;
	static const char *const keys[] = { "id", "point", "weight", "patterns", NULL };
	const cJSON *arr = jr_array(c, obj, "expected", false), *it;
	bank_point *out;
	size_t i = 0;

	*n = 0;
	if (!arr)
		return NULL;
	scope_init(&local);
	out = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*out));
	cJSON_ArrayForEach(it, arr) {
		size_t saved = jr_key(c, "expected");

		jr_index(c, i++);
		if (!cJSON_IsObject(it)) {
			jr_error(c, "an expected point must be an object");
		} else {
			bank_point *p = &out[(*n)++];

			jr_check_keys(c, it, keys);
			p->id = parse_id(c, it, &local, "expected point");
			p->point = jr_string(c, it, "point", true, true);
			p->weight = (int)jr_int(c, it, "weight", false, 1, 3, 1);
			parse_patterns(c, it, "patterns", true, &p->patterns);
		}
		jr_restore(c, saved);
	}
	scope_free(&local);
	return out;
}

static bank_red_flag *parse_flags(jr_ctx *c, const cJSON *obj, size_t *n)
{
	id_scope local;
	static const char *const keys[] = { "id", "claim", "patterns", "unless", "correction", NULL };
	const cJSON *arr = jr_array(c, obj, "red_flags", false), *it;
	bank_red_flag *out;
	size_t i = 0;

	*n = 0;
	if (!arr)
		return NULL;
	scope_init(&local);
	out = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*out));
	cJSON_ArrayForEach(it, arr) {
		size_t saved = jr_key(c, "red_flags");

		jr_index(c, i++);
		if (!cJSON_IsObject(it)) {
			jr_error(c, "a red flag must be an object");
		} else {
			bank_red_flag *f = &out[(*n)++];

			jr_check_keys(c, it, keys);
			f->id = parse_id(c, it, &local, "red flag");
			f->claim = jr_string(c, it, "claim", true, true);
			f->correction = jr_string(c, it, "correction", true, true);
			parse_patterns(c, it, "patterns", true, &f->patterns);
			parse_patterns(c, it, "unless", false, &f->unless);
		}
		jr_restore(c, saved);
	}
	scope_free(&local);
	return out;
}

static bool has_point(const bank_point *pts, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pts[i].id && strcmp(pts[i].id, id) == 0)
			return true;
	return false;
}

/*
 * A trigger; parent_points are the expected points a `misses` trigger may
 * name (NULL when the parent has none, as for a technology's top probes).
 * Absent triggers are `always` when allow_absent.
 */
static void parse_trigger(jr_ctx *c, const cJSON *obj, bool allow_absent,
                          const bank_point *parent_points, size_t n_parent, bank_trigger *t)
{
	static const char *const keys[] = { "kind", "terms", "point", NULL };
	const cJSON *tr = jr_object(c, obj, "trigger", !allow_absent);
	size_t saved;
	char *kind;
	int k;

	memset(t, 0, sizeof(*t));
	t->kind = TRIGGER_ALWAYS;
	if (!tr)
		return;
	saved = jr_key(c, "trigger");
	jr_check_keys(c, tr, keys);
	kind = jr_string(c, tr, "kind", true, true);
	if (kind) {
		k = name_index(trigger_names, 4, kind);
		if (k < 0) {
			jr_error(c, "unknown trigger kind \"%s\" (mentions, misses, vague or always)", kind);
		} else {
			t->kind = (trigger_kind)k;
			if (t->kind == TRIGGER_MENTIONS) {
				parse_patterns(c, tr, "terms", true, &t->terms);
			} else if (cJSON_GetObjectItemCaseSensitive(tr, "terms")) {
				jr_error(c, "\"terms\" goes only with kind \"mentions\"");
			}
			if (t->kind == TRIGGER_MISSES) {
				t->point = jr_string(c, tr, "point", true, true);
				if (t->point && !has_point(parent_points, n_parent, t->point))
					jr_error(c, "\"point\" \"%s\" is not an expected point of the parent", t->point);
			} else if (cJSON_GetObjectItemCaseSensitive(tr, "point")) {
				jr_error(c, "\"point\" goes only with kind \"misses\"");
			}
		}
	}
	free(kind);
	jr_restore(c, saved);
}

static bank_probe *parse_probes(jr_ctx *c, const cJSON *obj, id_scope *scope, int depth,
                                const bank_probe *parent, const bank_point *parent_points,
                                size_t n_parent, size_t *n)
{
	static const char *const keys[] = { "id", "trigger", "ask", "purpose", "expected", "red_flags", "probes", NULL };
	const cJSON *arr = jr_array(c, obj, "probes", false), *it;
	bank_probe *out;
	size_t i = 0;

	*n = 0;
	if (!arr)
		return NULL;
	if (depth > BANK_MAX_PROBE_DEPTH) {
		if (cJSON_GetArraySize(arr) > 0)
			jr_error(c, "probes nested deeper than %d levels", BANK_MAX_PROBE_DEPTH);
		return NULL;
	}
	out = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*out));
	cJSON_ArrayForEach(it, arr) {
		size_t saved = jr_key(c, "probes");

		jr_index(c, i++);
		if (!cJSON_IsObject(it)) {
			jr_error(c, "a probe must be an object");
		} else {
			bank_probe *p = &out[(*n)++];

			jr_check_keys(c, it, keys);
			p->depth = depth;
			p->parent = parent;
			p->id = parse_id(c, it, scope, "probe");
			p->ask = jr_string(c, it, "ask", true, true);
			p->purpose = jr_string(c, it, "purpose", false, false);
			p->expected = parse_points(c, it, &p->n_expected);
			p->red_flags = parse_flags(c, it, &p->n_red_flags);
			parse_trigger(c, it, false, parent_points, n_parent, &p->trigger);
			/* children point at p: out is not reallocated after this */
			p->probes = parse_probes(c, it, scope, depth + 1, p, p->expected, p->n_expected, &p->n_probes);
		}
		jr_restore(c, saved);
	}
	return out;
}

static bank_challenge *parse_challenges(jr_ctx *c, const cJSON *obj, id_scope *scope, size_t *n)
{
	static const char *const keys[] = { "id", "trigger", "ask", "good_response", NULL };
	const cJSON *arr = jr_array(c, obj, "challenges", false), *it;
	bank_challenge *out;
	size_t i = 0;

	*n = 0;
	if (!arr)
		return NULL;
	out = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*out));
	cJSON_ArrayForEach(it, arr) {
		size_t saved = jr_key(c, "challenges");

		jr_index(c, i++);
		if (!cJSON_IsObject(it)) {
			jr_error(c, "a challenge must be an object");
		} else {
			bank_challenge *ch = &out[(*n)++];

			jr_check_keys(c, it, keys);
			ch->id = parse_id(c, it, scope, "challenge");
			parse_trigger(c, it, true, NULL, 0, &ch->trigger);
			if (ch->trigger.kind == TRIGGER_MISSES)
				jr_error(c, "a challenge's trigger cannot be \"misses\"");
			ch->ask = jr_string(c, it, "ask", true, true);
			ch->good_response = jr_string(c, it, "good_response", true, true);
		}
		jr_restore(c, saved);
	}
	return out;
}

static void parse_question(jr_ctx *c, const cJSON *it, bank_question *q)
{
	static const char *const keys[] = {
		"id", "domain", "tags", "kind", "level", "prompt", "hint", "expected", "red_flags",
		"model_answer", "interviewer_notes", "probes", "challenges", NULL
	};
	id_scope scope;
	char *kind, *level;

	scope_init(&scope);
	jr_check_keys(c, it, keys);
	q->id = parse_id(c, it, NULL, "question");
	q->domain = jr_string(c, it, "domain", true, true);
	q->tags = jr_string_array(c, it, "tags", true, &q->n_tags);
	kind = jr_string(c, it, "kind", true, true);
	if (kind) {
		int k = name_index(kind_names, 5, kind);

		if (k < 0)
			jr_error(c, "unknown kind \"%s\" (technical, design, behavioral, architecture or terminology)", kind);
		else
			q->kind = (question_kind)k;
	}
	free(kind);
	level = jr_string(c, it, "level", true, true);
	if (level) {
		int l = question_level_parse(level);

		if (l < 0)
			jr_error(c, "unknown level \"%s\" (junior, mid, senior or staff)", level);
		else
			q->level = (question_level)l;
	}
	free(level);
	q->prompt = jr_string(c, it, "prompt", true, true);
	q->hint = jr_string(c, it, "hint", false, true);
	q->model_answer = jr_string(c, it, "model_answer", false, true);
	q->interviewer_notes = jr_string(c, it, "interviewer_notes", false, true);
	q->expected = parse_points(c, it, &q->n_expected);
	if (!cJSON_GetObjectItemCaseSensitive(it, "expected"))
		jr_error(c, "missing \"expected\"");
	q->red_flags = parse_flags(c, it, &q->n_red_flags);
	q->probes = parse_probes(c, it, &scope, 1, NULL, q->expected, q->n_expected, &q->n_probes);
	q->challenges = parse_challenges(c, it, &scope, &q->n_challenges);
	scope_free(&scope);
}

static void parse_tech(jr_ctx *c, const cJSON *it, bank_tech *t)
{
	static const char *const keys[] = { "id", "name", "aliases", "probes", NULL };
	id_scope scope;

	scope_init(&scope);
	jr_check_keys(c, it, keys);
	t->id = parse_id(c, it, NULL, "technology");
	t->name = jr_string(c, it, "name", true, true);
	parse_patterns(c, it, "aliases", true, &t->aliases);
	t->probes = parse_probes(c, it, &scope, 1, NULL, NULL, 0, &t->n_probes);
	if (t->n_probes == 0 && c->errors == 0)
		jr_error(c, "a technology needs at least one probe");
	scope_free(&scope);
}

static bank *parse_bank(jr_ctx *c, const cJSON *root, const char *path)
{
	static const char *const keys[] = { "format", "id", "title", "version", "description", "questions", "technologies", NULL };
	const cJSON *qs, *ts, *it;
	bank *b;
	size_t i;

	if (!cJSON_IsObject(root)) {
		jr_error(c, "a bank must be a JSON object");
		return NULL;
	}
	b = xcalloc(1, sizeof(*b));
	b->path = xstrdup(path);
	jr_check_keys(c, root, keys);
	jr_int(c, root, "format", true, 1, 1, 1);
	b->id = parse_id(c, root, NULL, "bank");
	b->title = jr_string(c, root, "title", true, true);
	b->version = jr_string(c, root, "version", true, true);
	b->description = jr_string(c, root, "description", false, false);
	if (!b->description)
		b->description = xstrdup("");
	qs = jr_array(c, root, "questions", true);
	ts = jr_array(c, root, "technologies", false);
	if (qs) {
		strmap *seen = strmap_new();

		b->questions = xcalloc((size_t)cJSON_GetArraySize(qs) + 1, sizeof(*b->questions));
		i = 0;
		cJSON_ArrayForEach(it, qs) {
			size_t saved = jr_key(c, "questions");

			jr_index(c, i++);
			if (!cJSON_IsObject(it)) {
				jr_error(c, "a question must be an object");
			} else {
				bank_question *q = &b->questions[b->n_questions++];

				q->bank = b;
				parse_question(c, it, q);
				if (q->id && strmap_put(seen, q->id, q))
					jr_error(c, "duplicate question id \"%s\"", q->id);
			}
			jr_restore(c, saved);
		}
		strmap_free(seen);
	}
	if (ts) {
		strmap *seen = strmap_new();

		b->techs = xcalloc((size_t)cJSON_GetArraySize(ts) + 1, sizeof(*b->techs));
		i = 0;
		cJSON_ArrayForEach(it, ts) {
			size_t saved = jr_key(c, "technologies");

			jr_index(c, i++);
			if (!cJSON_IsObject(it)) {
				jr_error(c, "a technology must be an object");
			} else {
				bank_tech *t = &b->techs[b->n_techs++];

				t->bank = b;
				parse_tech(c, it, t);
				if (t->id && strmap_put(seen, t->id, t))
					jr_error(c, "duplicate technology id \"%s\"", t->id);
			}
			jr_restore(c, saved);
		}
		strmap_free(seen);
	}
	if (qs && cJSON_GetArraySize(qs) == 0 && (!ts || cJSON_GetArraySize(ts) == 0))
		jr_error(c, "the bank has no questions and no technologies");
	return b;
}

/* ---- the set ---- */

/* Numbers kept in a strmap, whose values are pointers: n + 1, so 0 is "absent". */
static void *number_value(size_t n)
{
	return (void *)(uintptr_t)(n + 1);
}

static bool value_number(const void *v, size_t *n)
{
	if (!v)
		return false;
	*n = (size_t)(uintptr_t)v - 1;
	return true;
}

bank_set *bank_set_new(void)
{
	bank_set *s = xcalloc(1, sizeof(*s));

	s->bank_ids = strmap_new();
	s->question_ids = strmap_new();
	s->tech_ids = strmap_new();
	return s;
}

static void entry_free(bank_entry *e)
{
	bank_free(e->b);
	bank_image_close(e->image);
	bank_index_free(&e->own);
	free(e->path);
	free(e);
}

void bank_set_free(bank_set *set)
{
	size_t i;

	if (!set)
		return;
	/* the maps borrow their keys from the entries */
	strmap_free(set->bank_ids);
	strmap_free(set->question_ids);
	strmap_free(set->tech_ids);
	for (i = 0; i < set->n; i++)
		entry_free(set->entries[i]);
	free(set->entries);
	free(set->questions);
	free(set->techs);
	free(set->cache_dir);
	bank_mem_free(set->mem);
	free(set);
}

void bank_set_use_cache(bank_set *set, const char *dir)
{
	free(set->cache_dir);
	set->cache_dir = dir ? xstrdup(dir) : NULL;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static const char *entry_path_of(const bank_set *set, const bank_ref *r)
{
	return base_name(set->entries[r->entry]->path);
}

/*
 * Takes e (checked on its own, c holding its problems) into the set when
 * its ids are also unique across the banks already there; frees it when
 * not. Returns 0 when taken.
 */
static int admit(bank_set *set, bank_entry *e, jr_ctx *c)
{
	const bank_index *ix = e->ix;
	size_t i, k;

	/* ids must also be unique across the banks already loaded */
	if (c->errors == 0) {
		if (value_number(strmap_get(set->bank_ids, ix->id), &k))
			jr_error(c, "bank id \"%s\" is already used by %s", ix->id, base_name(set->entries[k]->path));
		for (i = 0; i < ix->n_questions; i++) {
			if (value_number(strmap_get(set->question_ids, ix->question_ids[i]), &k)) {
				size_t saved = jr_key(c, "questions");

				jr_index(c, i);
				jr_error(c, "question id \"%s\" is already used in %s", ix->question_ids[i],
				         entry_path_of(set, &set->questions[k]));
				jr_restore(c, saved);
			}
		}
		for (i = 0; i < ix->n_techs; i++) {
			if (value_number(strmap_get(set->tech_ids, ix->tech_ids[i]), &k)) {
				size_t saved = jr_key(c, "technologies");

				jr_index(c, i);
				jr_error(c, "technology id \"%s\" is already used in %s", ix->tech_ids[i],
				         entry_path_of(set, &set->techs[k]));
				jr_restore(c, saved);
			}
		}
	}
	if (c->errors > 0) {
		entry_free(e);
		return -1;
	}
	xgrow((void **)&set->entries, &set->cap, set->n + 1, sizeof(*set->entries));
	set->entries[set->n] = e;
	strmap_put(set->bank_ids, ix->id, number_value(set->n));
	for (i = 0; i < ix->n_questions; i++) {
		xgrow((void **)&set->questions, &set->questions_cap, set->n_questions + 1, sizeof(*set->questions));
		set->questions[set->n_questions] = (bank_ref){ set->n, i };
		strmap_put(set->question_ids, ix->question_ids[i], number_value(set->n_questions++));
	}
	for (i = 0; i < ix->n_techs; i++) {
		xgrow((void **)&set->techs, &set->techs_cap, set->n_techs + 1, sizeof(*set->techs));
		set->techs[set->n_techs] = (bank_ref){ set->n, i };
		strmap_put(set->tech_ids, ix->tech_ids[i], number_value(set->n_techs++));
	}
	set->n++;
	return 0;
}

/* A parsed bank as an entry of its own. */
static bank_entry *parsed_entry(const char *path, bank *b)
{
	bank_entry *e = xcalloc(1, sizeof(*e));

	e->path = xstrdup(path);
	e->b = b;
	bank_index_of(b, &e->own);
	e->ix = &e->own;
	return e;
}

/* Parses a bank; NULL when it has problems (in c). With st, saves it to the
 * cache when the file itself is sound. */
static bank *parse_file_bytes(bank_set *set, jr_ctx *c, const char *path, const char *buf, size_t len,
                              const bank_stamp *st)
{
	cJSON *root = jr_parse(c, buf, len);
	bank *b;

	if (!root)
		return NULL;
	b = parse_bank(c, root, path);
	cJSON_Delete(root);
	if (b && st && c->errors == 0)
		bank_cache_store(set->cache_dir, path, st, b);
	return b;
}

static int add_parsed(bank_set *set, const char *path, const char *buf, size_t len, diag_list *diags,
                      const bank_stamp *st)
{
	jr_ctx c;
	bank *b;

	jr_init(&c, path, diags);
	b = parse_file_bytes(set, &c, path, buf, len, st);
	if (!b)
		return -1;
	if (c.errors > 0) {
		bank_free(b);
		return -1;
	}
	return admit(set, parsed_entry(path, b), &c);
}

int bank_set_add_file(bank_set *set, const char *path, diag_list *diags)
{
	grill_err err = GRILL_ERR_INIT;
	char *buf = NULL;
	size_t len = 0;
	bank_stamp st;
	bool cached = set->cache_dir && bank_stamp_of(path, &st);
	int rc;

	if (cached) {
		bank_image *im = bank_image_open(set->cache_dir, path, &st);

		if (im) {
			bank_entry *e = xcalloc(1, sizeof(*e));
			jr_ctx c;

			e->path = xstrdup(path);
			e->image = im;
			e->ix = bank_image_index(im);
			jr_init(&c, path, diags);
			return admit(set, e, &c);
		}
	}
	if (fs_read_file(path, BANK_MAX_FILE_BYTES, &buf, &len, &err) < 0) {
		diag_add(diags, "%s", err_msg(&err));
		err_clear(&err);
		return -1;
	}
	rc = add_parsed(set, path, buf, len, diags, cached ? &st : NULL);
	free(buf);
	return rc;
}

int bank_set_add_buffer(bank_set *set, const char *path, const char *buf, size_t len, diag_list *diags)
{
	return add_parsed(set, path, buf, len, diags, NULL);
}

int bank_set_add_dir(bank_set *set, const char *dir, diag_list *diags)
{
	grill_err err = GRILL_ERR_INIT;
	char **files = NULL;
	long n = fs_list(dir, ".json", &files, &err), i;
	int failed = 0;

	if (n < 0) {
		diag_add(diags, "%s", err_msg(&err));
		err_clear(&err);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (bank_set_add_file(set, files[i], diags) < 0)
			failed++;
	fs_list_free(files, n);
	return failed;
}

/* Technologies are linked by their number in the set, and decoded only
 * when a trigger's technology is asked for (bank_trigger_tech). */
static void link_trigger(bank_set *set, bank_trigger *t)
{
	size_t i, k;

	if (t->kind != TRIGGER_MENTIONS)
		return;
	free(t->tech_numbers);
	t->tech_numbers = NULL;
	t->n_techs = 0;
	t->set = set;
	for (i = 0; i < t->terms.n; i++) {
		if (value_number(strmap_get(set->tech_ids, match_pattern_source(t->terms.items[i])), &k)) {
			t->tech_numbers = xrealloc(t->tech_numbers, (t->n_techs + 1) * sizeof(*t->tech_numbers));
			t->tech_numbers[t->n_techs++] = k;
		}
	}
}

static void link_probes(bank_set *set, bank_probe *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		link_trigger(set, &p[i].trigger);
		link_probes(set, p[i].probes, p[i].n_probes);
	}
}

static void link_bank(bank_set *set, bank *bk)
{
	size_t i;

	for (i = 0; i < bk->n_questions; i++) {
		bank_question *q = &bk->questions[i];

		link_probes(set, q->probes, q->n_probes);
		for (size_t k = 0; k < q->n_challenges; k++)
			link_trigger(set, &q->challenges[k].trigger);
	}
	for (i = 0; i < bk->n_techs; i++)
		link_probes(set, bk->techs[i].probes, bk->techs[i].n_probes);
}

void bank_set_link(bank_set *set)
{
	set->linked = true;
	for (size_t e = 0; e < set->n; e++)
		if (set->entries[e]->b)
			link_bank(set, set->entries[e]->b);
}

static size_t count_probes(const bank_probe *p, size_t n)
{
	size_t total = n;

	for (size_t i = 0; i < n; i++)
		total += count_probes(p[i].probes, p[i].n_probes);
	return total;
}

/* Does the bank have the ids and probe trees its index lists? */
static bool bank_fits_index(const bank *b, const bank_index *ix)
{
	size_t i;

	if (strcmp(b->id, ix->id) != 0 || b->n_questions != ix->n_questions || b->n_techs != ix->n_techs)
		return false;
	for (i = 0; i < b->n_questions; i++)
		if (strcmp(b->questions[i].id, ix->question_ids[i]) != 0)
			return false;
	for (i = 0; i < b->n_techs; i++)
		if (strcmp(b->techs[i].id, ix->tech_ids[i]) != 0 ||
		    count_probes(b->techs[i].probes, b->techs[i].n_probes) != ix->tech_probes[i + 1] - ix->tech_probes[i])
			return false;
	return true;
}

/*
 * A cached bank whose payload does not decode (damaged after its index was
 * read) is parsed from its file again, and saved again. When that fails
 * too, or the file no longer has the ids the set already knows, the bank
 * is empty for the rest of the run: a question is then missing, but no id
 * points at the wrong one.
 */
static bank *parse_again(bank_set *set, const bank_entry *e)
{
	diag_list quiet = DIAG_LIST_INIT;
	grill_err err = GRILL_ERR_INIT;
	char *buf = NULL;
	size_t len = 0;
	bank_stamp st;
	bank *b = NULL;
	jr_ctx c;

	if (bank_stamp_of(e->path, &st) && fs_read_file(e->path, BANK_MAX_FILE_BYTES, &buf, &len, &err) == 0) {
		jr_init(&c, e->path, &quiet);
		b = parse_file_bytes(set, &c, e->path, buf, len, set->cache_dir ? &st : NULL);
		if (b && (c.errors > 0 || !bank_fits_index(b, e->ix))) {
			bank_free(b);
			b = NULL;
		}
	}
	err_clear(&err);
	diag_free(&quiet);
	free(buf);
	if (!b) {
		b = xcalloc(1, sizeof(*b));
		b->path = xstrdup(e->path);
		b->id = xstrdup(e->ix->id);
		b->title = xstrdup(e->ix->id);
		b->version = xstrdup("");
		b->description = xstrdup("");
	}
	return b;
}

/* Entry i's bank, decoded on first use. */
static bank *entry_bank(const bank_set *cset, size_t i)
{
	/* decoding on first use changes nothing a caller can see */
	bank_set *set = (bank_set *)(uintptr_t)cset;
	bank_entry *e = set->entries[i];
	bank *b;

	if (e->b)
		return e->b;
	if (!set->mem)
		set->mem = bank_mem_new();
	b = bank_image_decode(e->image, set->mem);
	if (b && !bank_fits_index(b, e->ix)) {
		bank_free(b);
		b = NULL;
	}
	e->b = b ? b : parse_again(set, e);
	if (set->linked)
		link_bank(set, e->b);
	return e->b;
}

size_t bank_set_count(const bank_set *set)
{
	return set->n;
}

const bank *bank_set_get(const bank_set *set, size_t i)
{
	return i < set->n ? entry_bank(set, i) : NULL;
}

const bank *bank_set_find_bank(const bank_set *set, const char *id)
{
	size_t i;

	return id && value_number(strmap_get(set->bank_ids, id), &i) ? entry_bank(set, i) : NULL;
}

size_t bank_set_question_count(const bank_set *set)
{
	return set->n_questions;
}

static const bank_question *question_at(const bank_set *set, const bank_ref *r)
{
	const bank *b = entry_bank(set, r->entry);

	return r->index < b->n_questions ? &b->questions[r->index] : NULL;
}

const bank_question *bank_set_find_question(const bank_set *set, const char *id)
{
	size_t k;

	return id && value_number(strmap_get(set->question_ids, id), &k) ? question_at(set, &set->questions[k]) : NULL;
}

size_t bank_set_tech_count(const bank_set *set)
{
	return set->n_techs;
}

const bank_tech *bank_set_tech(const bank_set *set, size_t i)
{
	const bank *b;

	if (i >= set->n_techs)
		return NULL;
	b = entry_bank(set, set->techs[i].entry);
	return set->techs[i].index < b->n_techs ? &b->techs[set->techs[i].index] : NULL;
}

const bank_tech *bank_set_find_tech(const bank_set *set, const char *id)
{
	size_t k;

	return id && value_number(strmap_get(set->tech_ids, id), &k) ? bank_set_tech(set, k) : NULL;
}

const bank_tech *bank_trigger_tech(const bank_trigger *tr, size_t i)
{
	return i < tr->n_techs && tr->set ? bank_set_tech(tr->set, tr->tech_numbers[i]) : NULL;
}

const bank_question *bank_set_match_prompt(const bank_set *set, const text_keys *keys)
{
	bank_ref best = { 0, 0 };
	double best_score = 0.0;
	size_t e, i;

	for (e = 0; e < set->n; e++) {
		const bank_index *ix = set->entries[e]->ix;

		for (i = 0; i < ix->n_questions; i++) {
			double s = text_keys_similarity(keys, ix->prompts[i].keys, ix->prompts[i].n);

			if (s > best_score) {
				best_score = s;
				best = (bank_ref){ e, i };
			}
		}
	}
	return best_score > 0.0 ? question_at(set, &best) : NULL;
}

/* The probe at place k of a tree in preorder; *k counts down to it. */
static const bank_probe *probe_in_preorder(const bank_probe *p, size_t n, size_t *k)
{
	for (size_t i = 0; i < n; i++) {
		const bank_probe *found;

		if ((*k)-- == 0)
			return &p[i];
		if ((found = probe_in_preorder(p[i].probes, p[i].n_probes, k)))
			return found;
	}
	return NULL;
}

const bank_probe *bank_set_match_tech_probe(const bank_set *set, const text_keys *keys)
{
	size_t t, k, best_tech = 0, best_k = 0;
	double best_score = 0.0;
	const bank_tech *tech;

	for (t = 0; t < set->n_techs; t++) {
		const bank_index *ix = set->entries[set->techs[t].entry]->ix;
		size_t ti = set->techs[t].index;

		for (k = ix->tech_probes[ti]; k < ix->tech_probes[ti + 1]; k++) {
			double s = text_keys_similarity(keys, ix->probes[k].keys, ix->probes[k].n);

			if (s > best_score) {
				best_score = s;
				best_tech = t;
				best_k = k - ix->tech_probes[ti];
			}
		}
	}
	if (best_score <= 0.0 || !(tech = bank_set_tech(set, best_tech)))
		return NULL;
	return probe_in_preorder(tech->probes, tech->n_probes, &best_k);
}

static const bank_probe *find_probe(const bank_probe *p, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const bank_probe *hit;

		if (strcmp(p[i].id, id) == 0)
			return &p[i];
		hit = find_probe(p[i].probes, p[i].n_probes, id);
		if (hit)
			return hit;
	}
	return NULL;
}

const bank_probe *bank_question_find_probe(const bank_question *q, const char *id)
{
	return find_probe(q->probes, q->n_probes, id);
}

const bank_probe *bank_tech_find_probe(const bank_tech *t, const char *id)
{
	return find_probe(t->probes, t->n_probes, id);
}

const bank_challenge *bank_question_find_challenge(const bank_question *q, const char *id)
{
	size_t i;

	for (i = 0; i < q->n_challenges; i++)
		if (strcmp(q->challenges[i].id, id) == 0)
			return &q->challenges[i];
	return NULL;
}

static int probes_depth(const bank_probe *p, size_t n)
{
	int max = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int d = 1 + probes_depth(p[i].probes, p[i].n_probes);

		if (d > max)
			max = d;
	}
	return max;
}

int bank_question_depth(const bank_question *q)
{
	return probes_depth(q->probes, q->n_probes);
}

/* ---- matching ---- */

bool pattern_list_match(const pattern_list *l, const match_text *t)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (match_find(t, l->items[i], NULL))
			return true;
	return false;
}

bool bank_red_flag_hit(const bank_red_flag *f, const match_text *t, size_t *sentence)
{
	size_t s, i, k, ns = match_text_sentence_count(t);

	for (s = 0; s < ns; s++) {
		bool hit = false, cancelled = false;

		for (i = 0; i < f->patterns.n && !hit; i++)
			hit = match_in_sentence(t, f->patterns.items[i], s);
		if (!hit)
			continue;
		for (k = 0; k < f->unless.n && !cancelled; k++)
			cancelled = match_in_sentence(t, f->unless.items[k], s);
		if (!cancelled) {
			if (sentence)
				*sentence = s;
			return true;
		}
	}
	return false;
}

bool bank_trigger_mentions(const bank_trigger *tr, const match_text *t)
{
	size_t i;

	if (pattern_list_match(&tr->terms, t))
		return true;
	for (i = 0; i < tr->n_techs; i++) {
		const bank_tech *tech = bank_trigger_tech(tr, i);

		if (tech && pattern_list_match(&tech->aliases, t))
			return true;
	}
	return false;
}

/* ---- writing ---- */

static void w_key(strbuf *o, const char *key)
{
	sb_append_json_string(o, key);
	sb_append(o, ": ");
}

static void w_str(strbuf *o, const char *key, const char *v, bool comma)
{
	if (!v)
		return;
	if (comma)
		sb_append(o, ", ");
	w_key(o, key);
	sb_append_json_string(o, v);
}

static void w_patterns(strbuf *o, const char *key, const pattern_list *l)
{
	size_t i;

	sb_append(o, ", ");
	w_key(o, key);
	sb_putc(o, '[');
	for (i = 0; i < l->n; i++) {
		if (i)
			sb_append(o, ", ");
		sb_append_json_string(o, match_pattern_source(l->items[i]));
	}
	sb_putc(o, ']');
}

static void w_points(strbuf *o, const bank_point *p, size_t n)
{
	size_t i;

	sb_append(o, ", \"expected\": [");
	for (i = 0; i < n; i++) {
		sb_append(o, i ? ", {" : "{");
		w_str(o, "id", p[i].id, false);
		w_str(o, "point", p[i].point, true);
		sb_appendf(o, ", \"weight\": %d", p[i].weight);
		w_patterns(o, "patterns", &p[i].patterns);
		sb_putc(o, '}');
	}
	sb_putc(o, ']');
}

static void w_flags(strbuf *o, const bank_red_flag *f, size_t n)
{
	size_t i;

	sb_append(o, ", \"red_flags\": [");
	for (i = 0; i < n; i++) {
		sb_append(o, i ? ", {" : "{");
		w_str(o, "id", f[i].id, false);
		w_str(o, "claim", f[i].claim, true);
		w_patterns(o, "patterns", &f[i].patterns);
		if (f[i].unless.n)
			w_patterns(o, "unless", &f[i].unless);
		w_str(o, "correction", f[i].correction, true);
		sb_putc(o, '}');
	}
	sb_putc(o, ']');
}

static void w_trigger(strbuf *o, const bank_trigger *t)
{
	sb_append(o, ", \"trigger\": {");
	w_str(o, "kind", trigger_kind_name(t->kind), false);
	if (t->kind == TRIGGER_MENTIONS)
		w_patterns(o, "terms", &t->terms);
	if (t->kind == TRIGGER_MISSES)
		w_str(o, "point", t->point, true);
	sb_putc(o, '}');
}

static void w_probes(strbuf *o, const bank_probe *p, size_t n)
{
	size_t i;

	sb_append(o, ", \"probes\": [");
	for (i = 0; i < n; i++) {
		sb_append(o, i ? ",\n{" : "\n{");
		w_str(o, "id", p[i].id, false);
		w_trigger(o, &p[i].trigger);
		w_str(o, "ask", p[i].ask, true);
		w_str(o, "purpose", p[i].purpose, true);
		w_points(o, p[i].expected, p[i].n_expected);
		w_flags(o, p[i].red_flags, p[i].n_red_flags);
		w_probes(o, p[i].probes, p[i].n_probes);
		sb_putc(o, '}');
	}
	sb_putc(o, ']');
}

void bank_write_json(const bank *b, strbuf *o)
{
	size_t i, k;

	sb_append(o, "{\"format\": 1");
	w_str(o, "id", b->id, true);
	w_str(o, "title", b->title, true);
	w_str(o, "version", b->version, true);
	w_str(o, "description", b->description, true);
	sb_append(o, ",\n\"questions\": [");
	for (i = 0; i < b->n_questions; i++) {
		const bank_question *q = &b->questions[i];

		sb_append(o, i ? ",\n{" : "\n{");
		w_str(o, "id", q->id, false);
		w_str(o, "domain", q->domain, true);
		sb_append(o, ", \"tags\": [");
		for (k = 0; k < q->n_tags; k++) {
			if (k)
				sb_append(o, ", ");
			sb_append_json_string(o, q->tags[k]);
		}
		sb_putc(o, ']');
		w_str(o, "kind", question_kind_name(q->kind), true);
		w_str(o, "level", question_level_name(q->level), true);
		w_str(o, "prompt", q->prompt, true);
		w_str(o, "hint", q->hint, true);
		w_points(o, q->expected, q->n_expected);
		w_flags(o, q->red_flags, q->n_red_flags);
		w_str(o, "model_answer", q->model_answer, true);
		w_str(o, "interviewer_notes", q->interviewer_notes, true);
		w_probes(o, q->probes, q->n_probes);
		sb_append(o, ", \"challenges\": [");
		for (k = 0; k < q->n_challenges; k++) {
			const bank_challenge *ch = &q->challenges[k];

			sb_append(o, k ? ", {" : "{");
			w_str(o, "id", ch->id, false);
			w_trigger(o, &ch->trigger);
			w_str(o, "ask", ch->ask, true);
			w_str(o, "good_response", ch->good_response, true);
			sb_putc(o, '}');
		}
		sb_append(o, "]}");
	}
	sb_append(o, "]");
	if (b->n_techs) {
		sb_append(o, ",\n\"technologies\": [");
		for (i = 0; i < b->n_techs; i++) {
			const bank_tech *t = &b->techs[i];

			sb_append(o, i ? ",\n{" : "\n{");
			w_str(o, "id", t->id, false);
			w_str(o, "name", t->name, true);
			w_patterns(o, "aliases", &t->aliases);
			w_probes(o, t->probes, t->n_probes);
			sb_putc(o, '}');
		}
		sb_putc(o, ']');
	}
	sb_append(o, "}\n");
}
