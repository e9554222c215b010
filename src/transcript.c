/*
 * Transcripts: the session files grill writes after every turn and the
 * calibration format `grill assess` also reads (docs/transcript-format.md).
 * Unknown top-level keys are kept verbatim so that re-saving a file written
 * by a newer grill, or by hand, loses nothing.
 */
#include "grill/transcript.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "grill/fsutil.h"
#include "grill/xalloc.h"
#include "jsonread.h"

static const char *const turn_names[] = { "answer", "probe", "challenge", "candidate_questions" };

const char *turn_kind_name(turn_kind k)
{
	return turn_names[k];
}

int turn_kind_parse(const char *name)
{
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(turn_names[i], name) == 0)
			return i;
	return -1;
}

char *transcript_now(void)
{
	time_t now = time(NULL);
	struct tm tm;
	char buf[32];

	gmtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

transcript *transcript_new(const char *kind)
{
	transcript *t = xcalloc(1, sizeof(*t));

	t->kind = xstrdup(kind);
	t->status = xstrdup("in_progress");
	t->created = transcript_now();
	t->updated = xstrdup(t->created);
	t->grill_version = xstrdup(GRILL_VERSION);
	t->settings.questions = 5;
	t->settings.depth = 3;
	return t;
}

static void score_set_free(score_set *s)
{
	int i;

	for (i = 0; i < RUBRIC_DIMS; i++)
		free(s->note[i]);
}

static void strings_free(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void transcript_free(transcript *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n_turns; i++) {
		turn *tu = &t->turns[i];

		free(tu->question);
		free(tu->answer);
		free(tu->question_id);
		free(tu->node);
		free(tu->reason);
		free(tu->boundary);
		free(tu->asked_at);
		free(tu->answered_at);
		strings_free(tu->ticked, tu->n_ticked);
		free(tu->note);
	}
	free(t->turns);
	strings_free(t->settings.banks, t->settings.n_banks);
	strings_free(t->settings.tags, t->settings.n_tags);
	strings_free(t->settings.claims, t->settings.n_claims);
	free(t->settings.level);
	strings_free(t->plan, t->n_plan);
	score_set_free(&t->self);
	score_set_free(&t->interviewer);
	score_set_free(&t->scorer);
	score_set_free(&t->llm);
	free(t->llm_source);
	free(t->path);
	free(t->id);
	free(t->kind);
	free(t->status);
	free(t->created);
	free(t->updated);
	free(t->grill_version);
	free(t->scorer_json);
	free(t->llm_json);
	free(t->meta_json);
	free(t->extra_json);
	free(t);
}

turn *transcript_add_turn(transcript *t, turn_kind kind, const char *question)
{
	turn *tu;

	t->turns = xrealloc(t->turns, (t->n_turns + 1) * sizeof(*t->turns));
	tu = &t->turns[t->n_turns++];
	memset(tu, 0, sizeof(*tu));
	tu->kind = kind;
	tu->question = xstrdup(question ? question : "");
	tu->duration_s = -1;
	return tu;
}

void turn_set_answer(turn *tu, const char *answer)
{
	free(tu->answer);
	tu->answer = answer ? xstrdup(answer) : NULL;
}

/* ---- loading ---- */

static const char *json_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

void transcript_set_llm_json(transcript *t, const char *json)
{
	cJSON *root = json ? cJSON_Parse(json) : NULL;
	const cJSON *scores;
	int d;

	free(t->llm_json);
	t->llm_json = json ? xstrdup(json) : NULL;
	score_set_free(&t->llm);
	memset(&t->llm, 0, sizeof(t->llm));
	free(t->llm_source);
	t->llm_source = NULL;
	if (!root)
		return;
	scores = cJSON_GetObjectItemCaseSensitive(root, "scores");
	if (cJSON_IsObject(scores)) {
		t->llm.present = true;
		for (d = 0; d < RUBRIC_DIMS; d++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(scores, rubric_keys[d]);

			if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= 5)
				t->llm.score[d] = (int)v->valuedouble;
		}
	}
	if (json_str(root, "model"))
		t->llm_source = xasprintf("%s (%s) at %s", json_str(root, "model"),
		                          json_str(root, "provider") ? json_str(root, "provider") : "?",
		                          json_str(root, "host") ? json_str(root, "host") : "?");
	cJSON_Delete(root);
}

static char *print_raw(const cJSON *j)
{
	char *s = cJSON_PrintUnformatted(j);
	char *out;

	if (!s)
		return NULL;
	out = xstrdup(s);
	cJSON_free(s);
	return out;
}

/*
 * Transcript text is the user's own words: control characters are kept as
 * written (they are stripped on display), unlike bank text.
 */
static char *opt_string(jr_ctx *c, const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v) || !v->valuestring) {
		jr_error(c, "\"%s\" must be a string", key);
		return NULL;
	}
	return xstrdup(v->valuestring);
}

static void parse_scores(jr_ctx *c, const cJSON *obj, const char *key, score_set *out)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, key), *v;
	size_t saved;
	int i;

	if (!s || cJSON_IsNull(s))
		return;
	saved = jr_key(c, key);
	if (!cJSON_IsObject(s)) {
		jr_error(c, "must be an object of the six dimensions");
		jr_restore(c, saved);
		return;
	}
	out->present = true;
	for (i = 0; i < RUBRIC_DIMS; i++) {
		v = cJSON_GetObjectItemCaseSensitive(s, rubric_keys[i]);
		if (!v || cJSON_IsNull(v))
			continue;
		if (cJSON_IsNumber(v)) {          /* {"accuracy": 4} */
			out->score[i] = (int)jr_int(c, s, rubric_keys[i], false, 1, 5, 0);
		} else if (cJSON_IsObject(v)) {   /* {"accuracy": {"score": 4, "note": "..."}} */
			size_t s2 = jr_key(c, rubric_keys[i]);
			const cJSON *sc = cJSON_GetObjectItemCaseSensitive(v, "score");

			if (sc && !cJSON_IsNull(sc))
				out->score[i] = (int)jr_int(c, v, "score", false, 1, 5, 0);
			out->note[i] = opt_string(c, v, "note");
			jr_restore(c, s2);
		} else {
			size_t s2 = jr_key(c, rubric_keys[i]);

			jr_error(c, "must be a score 1-5, null, or {\"score\": ..., \"note\": ...}");
			jr_restore(c, s2);
		}
	}
	jr_restore(c, saved);
}

static void parse_settings(jr_ctx *c, const cJSON *obj, transcript_settings *s)
{
	const cJSON *seed;

	s->banks = jr_string_array(c, obj, "banks", false, &s->n_banks);
	s->tags = jr_string_array(c, obj, "tags", false, &s->n_tags);
	s->claims = jr_string_array(c, obj, "claims", false, &s->n_claims);
	s->level = opt_string(c, obj, "level");
	s->questions = (int)jr_int(c, obj, "questions", false, 0, 1000, 5);
	s->depth = (int)jr_int(c, obj, "depth", false, 0, 8, 3);
	s->minutes = (int)jr_int(c, obj, "minutes", false, 0, 1000, 0);
	seed = cJSON_GetObjectItemCaseSensitive(obj, "seed");
	if (seed && !cJSON_IsNull(seed)) {
		s->seed = (unsigned long)jr_int(c, obj, "seed", false, 0, 4294967295L, 0);
		s->has_seed = true;
	}
	s->coach = jr_bool(c, obj, "coach", false);
	s->offline = jr_bool(c, obj, "offline", false);
}

static void parse_turn(jr_ctx *c, const cJSON *it, transcript *t)
{
	const cJSON *kindv = cJSON_GetObjectItemCaseSensitive(it, "kind");
	const cJSON *ans = cJSON_GetObjectItemCaseSensitive(it, "answer");
	char *question;
	int kind = -1;
	turn *tu;

	if (!kindv) {
		jr_error(c, "missing \"kind\"");
	} else if (!cJSON_IsString(kindv) || (kind = turn_kind_parse(kindv->valuestring)) < 0) {
		jr_error(c, "\"kind\" must be answer, probe, challenge or candidate_questions");
		kind = -1;
	}
	question = opt_string(c, it, "question");
	if (!cJSON_GetObjectItemCaseSensitive(it, "question"))
		jr_error(c, "missing \"question\"");
	if (ans && !cJSON_IsNull(ans) && !cJSON_IsString(ans))
		jr_error(c, "\"answer\" must be a string or null");
	if (kind < 0 || !question) {
		free(question);
		return;
	}
	tu = transcript_add_turn(t, (turn_kind)kind, question);
	free(question);
	tu->answer = opt_string(c, it, "answer");
	tu->question_id = opt_string(c, it, "question_id");
	tu->node = opt_string(c, it, "node");
	tu->reason = opt_string(c, it, "reason");
	tu->boundary = opt_string(c, it, "boundary");
	tu->depth = (int)jr_int(c, it, "depth", false, 0, 64, kind == TURN_ANSWER ? 0 : 1);
	tu->skipped = jr_bool(c, it, "skipped", false);
	tu->asked_at = opt_string(c, it, "asked_at");
	tu->answered_at = opt_string(c, it, "answered_at");
	{
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(it, "duration_s");

		/* bounded: an infinity would be written back as "inf", which is not JSON */
		if (d && cJSON_IsNumber(d) && d->valuedouble >= 0 && d->valuedouble < 1e9)
			tu->duration_s = d->valuedouble;
		else if (d && !cJSON_IsNull(d))
			jr_error(c, "\"duration_s\" must be a number of seconds");
	}
	tu->ticked = jr_string_array(c, it, "ticked", false, &tu->n_ticked);
	tu->note = opt_string(c, it, "note");
}

static const char *const known_keys[] = {
	"format", "grill_version", "id", "kind", "status", "created", "updated", "settings",
	"plan", "turns", "self_assessment", "interviewer_scores", "scores", "meta", NULL
};

static bool is_known(const char *key)
{
	const char *const *k;

	for (k = known_keys; *k; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

static transcript *parse_one(jr_ctx *c, const cJSON *root)
{
	const cJSON *turns, *it, *settings, *scores, *meta;
	transcript *t;
	size_t i = 0;

	if (!cJSON_IsObject(root)) {
		jr_error(c, "a transcript must be a JSON object");
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	jr_check_duplicates(c, root);
	if (cJSON_GetObjectItemCaseSensitive(root, "format"))
		jr_int(c, root, "format", false, 1, TRANSCRIPT_FORMAT, 1);
	t->id = opt_string(c, root, "id");
	t->kind = opt_string(c, root, "kind");
	if (!t->kind)
		t->kind = xstrdup("external");
	t->status = opt_string(c, root, "status");
	if (!t->status)
		t->status = xstrdup("complete");
	t->created = opt_string(c, root, "created");
	t->updated = opt_string(c, root, "updated");
	t->grill_version = opt_string(c, root, "grill_version");
	settings = jr_object(c, root, "settings", false);
	t->settings.questions = 5;
	t->settings.depth = 3;
	if (settings) {
		size_t saved = jr_key(c, "settings");

		parse_settings(c, settings, &t->settings);
		jr_restore(c, saved);
	}
	t->plan = jr_string_array(c, root, "plan", false, &t->n_plan);
	turns = jr_array(c, root, "turns", true);
	if (turns) {
		cJSON_ArrayForEach(it, turns) {
			size_t saved = jr_key(c, "turns");

			jr_index(c, i++);
			if (!cJSON_IsObject(it)) {
				jr_error(c, "a turn must be an object");
			} else {
				jr_check_duplicates(c, it);
				parse_turn(c, it, t);
			}
			jr_restore(c, saved);
		}
	}
	parse_scores(c, root, "self_assessment", &t->self);
	parse_scores(c, root, "interviewer_scores", &t->interviewer);
	scores = jr_object(c, root, "scores", false);
	if (scores) {
		const cJSON *off = cJSON_GetObjectItemCaseSensitive(scores, "offline");
		const cJSON *llm = cJSON_GetObjectItemCaseSensitive(scores, "llm");
		size_t saved = jr_key(c, "scores");

		if (off && cJSON_IsObject(off)) {
			const cJSON *dims = cJSON_GetObjectItemCaseSensitive(off, "dimensions");

			t->scorer_json = print_raw(off);
			if (dims && cJSON_IsObject(dims)) {
				size_t s2 = jr_key(c, "offline");

				jr_key(c, "dimensions");
				/* {"accuracy": {"score": 4, "evidence": [...]}} */
				t->scorer.present = true;
				for (int d = 0; d < RUBRIC_DIMS; d++) {
					const cJSON *dv = cJSON_GetObjectItemCaseSensitive(dims, rubric_keys[d]);
					const cJSON *sc = dv ? cJSON_GetObjectItemCaseSensitive(dv, "score") : NULL;

					if (sc && cJSON_IsNumber(sc) && sc->valuedouble >= 1 && sc->valuedouble <= 5)
						t->scorer.score[d] = (int)sc->valuedouble;
				}
				jr_restore(c, s2);
			}
		}
		if (llm && cJSON_IsObject(llm)) {
			char *raw = print_raw(llm);

			transcript_set_llm_json(t, raw);
			free(raw);
		}
		jr_restore(c, saved);
	}
	meta = jr_object(c, root, "meta", false);
	if (meta)
		t->meta_json = print_raw(meta);
	{
		cJSON *extra = cJSON_CreateObject();
		const cJSON *ch;

		for (ch = root->child; ch; ch = ch->next)
			if (ch->string && !is_known(ch->string))
				cJSON_AddItemToObject(extra, ch->string, cJSON_Duplicate(ch, 1));
		if (extra->child)
			t->extra_json = print_raw(extra);
		cJSON_Delete(extra);
	}
	return t;
}

long transcript_parse_all(const char *name, const char *buf, size_t len, transcript ***out, grill_err *err)
{
	diag_list diags = DIAG_LIST_INIT;
	transcript **list = NULL;
	size_t n = 0, i = 0;
	cJSON *root, *it;
	jr_ctx c;

	jr_init(&c, name, &diags);
	root = jr_parse(&c, buf, len);
	if (!root)
		goto fail;
	if (cJSON_IsArray(root)) {
		if (cJSON_GetArraySize(root) == 0) {
			jr_error(&c, "an empty array holds no transcript");
			goto fail;
		}
		list = xcalloc((size_t)cJSON_GetArraySize(root), sizeof(*list));
		cJSON_ArrayForEach(it, root) {
			size_t saved = jr_index(&c, i++);
			transcript *t = parse_one(&c, it);

			jr_restore(&c, saved);
			if (t)
				list[n++] = t;
		}
	} else {
		transcript *t = parse_one(&c, root);

		list = xcalloc(1, sizeof(*list));
		if (t)
			list[n++] = t;
	}
	if (c.errors > 0 || n == 0)
		goto fail;
	cJSON_Delete(root);
	diag_free(&diags);
	*out = list;
	return (long)n;
fail:
	if (diags.n > 1)
		err_set(err, "%s (and %zu more problems)", diags.items[0], diags.n - 1);
	else
		err_set(err, "%s", diags.n ? diags.items[0] : "no transcript");
	for (i = 0; i < n; i++)
		transcript_free(list[i]);
	free(list);
	cJSON_Delete(root);
	diag_free(&diags);
	return -1;
}

long transcript_load_all(const char *path, transcript ***out, grill_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	long n, i;

	if (fs_read_file(path, TRANSCRIPT_MAX_FILE_BYTES, &buf, &len, err) < 0)
		return -1;
	n = transcript_parse_all(path, buf, len, out, err);
	free(buf);
	for (i = 0; i < n; i++)
		(*out)[i]->path = xstrdup(path);
	return n;
}

transcript *transcript_load(const char *path, grill_err *err)
{
	transcript **list = NULL;
	long n = transcript_load_all(path, &list, err), i;
	transcript *t;

	if (n < 0)
		return NULL;
	if (n > 1) {
		err_set(err, "%s: holds %ld transcripts; expected one", path, n);
		for (i = 0; i < n; i++)
			transcript_free(list[i]);
		free(list);
		return NULL;
	}
	t = list[0];
	free(list);
	return t;
}

/* ---- writing ---- */

static void w_str(strbuf *o, const char *key, const char *v)
{
	sb_append(o, ",\n  ");
	sb_append_json_string(o, key);
	sb_append(o, ": ");
	if (v)
		sb_append_json_string(o, v);
	else
		sb_append(o, "null");
}

static void w_list(strbuf *o, const char *key, char *const *items, size_t n)
{
	size_t i;

	sb_append_json_string(o, key);
	sb_append(o, ": [");
	for (i = 0; i < n; i++) {
		if (i)
			sb_append(o, ", ");
		sb_append_json_string(o, items[i]);
	}
	sb_putc(o, ']');
}

static void w_scores(strbuf *o, const char *key, const score_set *s)
{
	int i;

	if (!s->present)
		return;
	sb_append(o, ",\n  ");
	sb_append_json_string(o, key);
	sb_append(o, ": {");
	for (i = 0; i < RUBRIC_DIMS; i++) {
		sb_appendf(o, "%s\"%s\": {\"score\": ", i ? ", " : "", rubric_keys[i]);
		if (s->score[i] > 0)
			sb_appendf(o, "%d", s->score[i]);
		else
			sb_append(o, "null");
		if (s->note[i]) {
			sb_append(o, ", \"note\": ");
			sb_append_json_string(o, s->note[i]);
		}
		sb_putc(o, '}');
	}
	sb_putc(o, '}');
}

static void w_turn(strbuf *o, const turn *tu)
{
	sb_append(o, "    {\"kind\": ");
	sb_append_json_string(o, turn_kind_name(tu->kind));
	sb_append(o, ", \"question\": ");
	sb_append_json_string(o, tu->question);
	sb_append(o, ", \"answer\": ");
	if (tu->answer)
		sb_append_json_string(o, tu->answer);
	else
		sb_append(o, "null");
#define OPT(field) do { if (tu->field) { sb_append(o, ", \"" #field "\": "); sb_append_json_string(o, tu->field); } } while (0)
	OPT(question_id);
	OPT(node);
	OPT(reason);
	OPT(boundary);
	sb_appendf(o, ", \"depth\": %d", tu->depth);
	if (tu->skipped)
		sb_append(o, ", \"skipped\": true");
	OPT(asked_at);
	OPT(answered_at);
	if (tu->duration_s >= 0)
		sb_appendf(o, ", \"duration_s\": %.1f", tu->duration_s);
	if (tu->n_ticked) {
		sb_append(o, ", ");
		w_list(o, "ticked", tu->ticked, tu->n_ticked);
	}
	OPT(note);
#undef OPT
	sb_putc(o, '}');
}

void transcript_write_json(const transcript *t, strbuf *o)
{
	const transcript_settings *s = &t->settings;
	size_t i;

	sb_appendf(o, "{\n  \"format\": %d", TRANSCRIPT_FORMAT);
	w_str(o, "grill_version", t->grill_version);
	w_str(o, "id", t->id);
	w_str(o, "kind", t->kind);
	w_str(o, "status", t->status);
	w_str(o, "created", t->created);
	w_str(o, "updated", t->updated);
	sb_append(o, ",\n  \"settings\": {");
	w_list(o, "banks", s->banks, s->n_banks);
	sb_append(o, ", ");
	w_list(o, "tags", s->tags, s->n_tags);
	sb_append(o, ", ");
	w_list(o, "claims", s->claims, s->n_claims);
	sb_append(o, ", \"level\": ");
	if (s->level)
		sb_append_json_string(o, s->level);
	else
		sb_append(o, "null");
	sb_appendf(o, ", \"questions\": %d, \"depth\": %d, \"minutes\": %d", s->questions, s->depth, s->minutes);
	if (s->has_seed)
		sb_appendf(o, ", \"seed\": %lu", s->seed);
	else
		sb_append(o, ", \"seed\": null");
	sb_appendf(o, ", \"coach\": %s, \"offline\": %s}", s->coach ? "true" : "false", s->offline ? "true" : "false");
	sb_append(o, ",\n  ");
	w_list(o, "plan", t->plan, t->n_plan);
	sb_append(o, ",\n  \"turns\": [");
	for (i = 0; i < t->n_turns; i++) {
		sb_append(o, i ? ",\n" : "\n");
		w_turn(o, &t->turns[i]);
	}
	sb_append(o, t->n_turns ? "\n  ]" : "]");
	w_scores(o, "self_assessment", &t->self);
	w_scores(o, "interviewer_scores", &t->interviewer);
	if (t->scorer_json || t->llm_json) {
		sb_append(o, ",\n  \"scores\": {");
		if (t->scorer_json) {
			sb_append(o, "\"offline\": ");
			sb_append(o, t->scorer_json);
		}
		if (t->llm_json) {
			sb_append(o, t->scorer_json ? ", \"llm\": " : "\"llm\": ");
			sb_append(o, t->llm_json);
		}
		sb_putc(o, '}');
	}
	if (t->meta_json) {
		sb_append(o, ",\n  \"meta\": ");
		sb_append(o, t->meta_json);
	}
	if (t->extra_json && strlen(t->extra_json) > 2) {
		/* splice the kept keys in: "{...}" without its braces */
		sb_append(o, ",\n  ");
		sb_appendn(o, t->extra_json + 1, strlen(t->extra_json) - 2);
	}
	sb_append(o, "\n}\n");
}

void scores_write_json(strbuf *o, bool present, const int scores[RUBRIC_DIMS])
{
	int d;

	if (!present) {
		sb_append(o, "null");
		return;
	}
	sb_putc(o, '{');
	for (d = 0; d < RUBRIC_DIMS; d++) {
		sb_appendf(o, "%s\"%s\": ", d ? ", " : "", rubric_keys[d]);
		if (scores[d] > 0)
			sb_appendf(o, "%d", scores[d]);
		else
			sb_append(o, "null");
	}
	sb_putc(o, '}');
}

int transcript_save(const transcript *t, const char *path, grill_err *err)
{
	strbuf out = STRBUF_INIT;
	int rc;

	transcript_write_json(t, &out);
	rc = fs_write_atomic(path, out.buf, out.len, 0600, err);
	sb_free(&out);
	return rc;
}

/* True when id can be part of a file name: no '/', no escape sequences (it is shown). */
static bool id_is_plain(const char *id)
{
	const char *c;

	if (!*id || *id == '.' || strlen(id) > 128)
		return false;
	for (c = id; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		      *c == '_' || *c == '.'))
			return false;
	return true;
}

char *transcript_rescue(const transcript *t)
{
	const char *tmp = getenv("TMPDIR");
	const char *name = t->id && id_is_plain(t->id) ? t->id : "session";
	strbuf out = STRBUF_INIT;
	char *path = NULL;
	int fd = -1, i;

	transcript_write_json(t, &out);
	/*
	 * A new file only (O_EXCL, no symlinks followed) and private (0600): the
	 * temporary folder is shared, and the transcript is the user's own words.
	 */
	for (i = 0; i < 100 && fd < 0; i++) {
		free(path);
		path = i == 0 ? xasprintf("%s/grill-rescue-%s.json", tmp && *tmp ? tmp : "/tmp", name)
		              : xasprintf("%s/grill-rescue-%s-%d.json", tmp && *tmp ? tmp : "/tmp", name, i);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd >= 0) {
		size_t done = 0;

		while (done < out.len) {
			ssize_t n = write(fd, out.buf + done, out.len - done);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			done += (size_t)n;
		}
		if (close(fd) == 0 && done == out.len) {
			sb_free(&out);
			return path;
		}
		unlink(path);
	}
	sb_free(&out);
	free(path);
	return NULL;
}
