/*
 * Probe choice: the interviewer's next move after an answer. One branch per
 * main question: follow the deepest matching unexplored path until it is
 * exhausted, the depth limit is reached or the candidate reaches their
 * boundary; then perhaps push back on a choice; then move on.
 */
#include "grill/probe.h"

#include <stdlib.h>
#include <string.h>

#include "grill/signals.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"

bool node_resolve(const bank_set *banks, const char *question_id, const char *node, node_ref *out)
{
	memset(out, 0, sizeof(*out));
	out->question = bank_set_find_question(banks, question_id);
	if (!node)
		return out->question != NULL;
	if (strncmp(node, "probe:", 6) == 0) {
		if (!out->question)
			return false;
		out->probe = bank_question_find_probe(out->question, node + 6);
		return out->probe != NULL;
	}
	if (strncmp(node, "challenge:", 10) == 0) {
		if (!out->question)
			return false;
		out->challenge = bank_question_find_challenge(out->question, node + 10);
		return out->challenge != NULL;
	}
	if (strncmp(node, "tech:", 5) == 0) {
		const char *slash = strchr(node + 5, '/');
		char *tech;

		if (!slash)
			return false;
		tech = xstrndup(node + 5, (size_t)(slash - node - 5));
		out->tech = bank_set_find_tech(banks, tech);
		free(tech);
		if (!out->tech)
			return false;
		out->probe = bank_tech_find_probe(out->tech, slash + 1);
		return out->probe != NULL;
	}
	return false;
}

void node_expectations(const node_ref *ref, const bank_point **points, size_t *n_points,
                       const bank_red_flag **flags, size_t *n_flags)
{
	*points = NULL;
	*n_points = 0;
	*flags = NULL;
	*n_flags = 0;
	if (ref->probe) {
		*points = ref->probe->expected;
		*n_points = ref->probe->n_expected;
		*flags = ref->probe->red_flags;
		*n_flags = ref->probe->n_red_flags;
	} else if (ref->question && !ref->challenge) {
		*points = ref->question->expected;
		*n_points = ref->question->n_expected;
		*flags = ref->question->red_flags;
		*n_flags = ref->question->n_red_flags;
	}
}

/* ---- candidates ---- */

/* Lower ranks are asked first. */
enum { RANK_CLAIMED, RANK_STORY_TECH, RANK_MENTIONS, RANK_TECH, RANK_MISSES, RANK_VAGUE, RANK_ALWAYS };

typedef struct candidate {
	const bank_probe *probe;
	const bank_tech *tech;  /* NULL for the question's own tree */
	int rank;
	int subtree;            /* depth of the probe's own subtree: deeper first */
	size_t mentioned_at;    /* technology probes: where the answer first named it */
	size_t order;
	char *reason;
} candidate;

typedef struct cand_list {
	candidate *items;
	size_t n, cap;
} cand_list;

static int subtree_depth(const bank_probe *p)
{
	int max = 0;
	size_t i;

	for (i = 0; i < p->n_probes; i++) {
		int d = 1 + subtree_depth(&p->probes[i]);

		if (d > max)
			max = d;
	}
	return max;
}

static char *node_string(const bank_tech *tech, const bank_probe *p)
{
	return tech ? xasprintf("tech:%s/%s", tech->id, p->id) : xasprintf("probe:%s", p->id);
}

static bool already_asked(const transcript *t, const char *node)
{
	size_t i;

	for (i = 0; i < t->n_turns; i++)
		if (t->turns[i].node && strcmp(t->turns[i].node, node) == 0)
			return true;
	return false;
}

/* The first pattern of l that matches, or NULL. */
static const char *first_match(const pattern_list *l, const match_text *mt)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (match_find(mt, l->items[i], NULL))
			return match_pattern_source(l->items[i]);
	return NULL;
}

/* Why a mentions trigger fired: "\"term\"" or "Name (\"alias\")"; NULL if it did not. */
static char *mentions_reason(const bank_trigger *tr, const match_text *mt)
{
	const char *hit = first_match(&tr->terms, mt);
	size_t i;

	if (hit)
		return xasprintf("\"%s\"", hit);
	for (i = 0; i < tr->n_techs; i++) {
		const bank_tech *tech = bank_trigger_tech(tr, i);

		hit = tech ? first_match(&tech->aliases, mt) : NULL;
		if (hit)
			return xasprintf("%s (\"%s\")", tech->name, hit);
	}
	return NULL;
}

static bool point_covered(const bank_point *pts, size_t n, const char *id, const match_text *mt, const char **text)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(pts[i].id, id) == 0) {
			*text = pts[i].point;
			return pattern_list_match(&pts[i].patterns, mt);
		}
	}
	*text = id;
	return true;
}

/* The share of the points the answer covers (0 when there are none). */
static double covered_share(const bank_point *pts, size_t n, const match_text *mt)
{
	size_t i, hit = 0;

	for (i = 0; i < n; i++)
		if (pattern_list_match(&pts[i].patterns, mt))
			hit++;
	return n ? (double)hit / (double)n : 0.0;
}

static void add_candidate(cand_list *l, const bank_probe *p, const bank_tech *tech, int rank, char *reason)
{
	candidate *c;

	xgrow((void **)&l->items, &l->cap, l->n + 1, sizeof(*l->items));
	c = &l->items[l->n];
	c->probe = p;
	c->tech = tech;
	c->rank = rank;
	c->subtree = subtree_depth(p);
	c->mentioned_at = (size_t)-1;
	c->order = l->n;
	c->reason = reason;
	l->n++;
}

/*
 * Adds the probes among p[0..n) whose trigger fits the answer. parent_points
 * are the expected points of the node the answer was given to (for misses).
 */
static void consider(cand_list *l, const probe_context *ctx, const bank_probe *p, size_t n, const bank_tech *tech,
                     bool claimed, const match_text *mt, const answer_signals *sig,
                     const bank_point *parent_points, size_t n_parent)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const bank_trigger *tr = &p[i].trigger;
		char *node = node_string(tech, &p[i]);
		char *why = NULL, *reason = NULL;
		const char *point_text;
		int rank = RANK_ALWAYS;
		bool fits = false;

		if (already_asked(ctx->t, node)) {
			free(node);
			continue;
		}
		free(node);
		switch (tr->kind) {
		case TRIGGER_MENTIONS:
			why = mentions_reason(tr, mt);
			fits = why != NULL;
			if (fits)
				reason = xasprintf("the answer mentioned %s", why);
			rank = RANK_MENTIONS;
			free(why);
			break;
		case TRIGGER_MISSES:
			fits = !point_covered(parent_points, n_parent, tr->point, mt, &point_text);
			if (fits)
				reason = xasprintf("the answer did not cover: %s", point_text);
			rank = RANK_MISSES;
			break;
		case TRIGGER_VAGUE:
			/* short but complete is not vague: it must also leave points out */
			fits = sig->vague && covered_share(parent_points, n_parent, mt) < 0.5;
			if (fits)
				reason = xstrdup("the answer stayed vague");
			rank = RANK_VAGUE;
			break;
		case TRIGGER_ALWAYS:
			fits = true;
			reason = xstrdup("one level deeper on the same thread");
			rank = RANK_ALWAYS;
			break;
		}
		if (!fits)
			continue;
		if (tech && claimed) {
			char *r = xasprintf("%s is in --claims, so the drill follows its deepest branch (%s)", tech->name, reason);

			free(reason);
			reason = r;
			rank = RANK_CLAIMED;
		}
		add_candidate(l, &p[i], tech, rank, reason);
	}
}

static bool is_claimed(const probe_context *ctx, const char *tech_id)
{
	size_t i;

	for (i = 0; i < ctx->n_claims; i++)
		if (strcmp(ctx->claims[i], tech_id) == 0)
			return true;
	return false;
}

static bool question_tagged(const bank_question *q, const char *tag)
{
	size_t i;

	for (i = 0; q && i < q->n_tags; i++)
		if (strcmp(q->tags[i], tag) == 0)
			return true;
	return false;
}

/* Technology probes for every technology the answer names (or a claimed one the question is about). */
static void consider_techs(cand_list *l, const probe_context *ctx, const bank_question *q,
                           const match_text *mt, const answer_signals *sig)
{
	size_t i, n = bank_set_tech_count(ctx->banks);

	for (i = 0; i < n; i++) {
		const bank_tech *tech = bank_set_tech(ctx->banks, i);
		const char *alias = first_match(&tech->aliases, mt);
		bool claimed = is_claimed(ctx, tech->id);
		size_t before = l->n, k, at = (size_t)-1;

		for (k = 0; k < tech->aliases.n; k++) {
			size_t w;

			if (match_find_word(mt, tech->aliases.items[k], &w) && w < at)
				at = w;
		}

		if (!alias && !(claimed && question_tagged(q, tech->id)))
			continue;
		consider(l, ctx, tech->probes, tech->n_probes, tech, claimed, mt, sig, NULL, 0);
		for (k = before; k < l->n; k++) {
			candidate *c = &l->items[k];
			char *r;

			c->mentioned_at = at;
			if (c->rank == RANK_CLAIMED)
				continue;
			r = alias ? xasprintf("the answer mentioned %s (\"%s\"): a probe from the technology library", tech->name, alias)
			          : xasprintf("the question is about %s", tech->name);
			free(c->reason);
			c->reason = r;
			c->rank = RANK_TECH;
		}
	}
}

static int cand_cmp(const candidate *a, const candidate *b)
{
	if (a->rank != b->rank)
		return a->rank - b->rank;
	/* a story is followed in the order it was told: the component named first */
	if (a->rank == RANK_STORY_TECH && a->mentioned_at != b->mentioned_at)
		return a->mentioned_at < b->mentioned_at ? -1 : 1;
	if (a->subtree != b->subtree)
		return b->subtree - a->subtree;
	return a->order < b->order ? -1 : (a->order > b->order);
}

static void take_best(cand_list *l, const probe_context *ctx, int depth, probe_choice *out)
{
	size_t i, best = 0;

	(void)ctx;
	for (i = 1; i < l->n; i++)
		if (cand_cmp(&l->items[i], &l->items[best]) < 0)
			best = i;
	out->kind = CHOICE_PROBE;
	out->node = node_string(l->items[best].tech, l->items[best].probe);
	out->ask = l->items[best].probe->ask;
	out->reason = l->items[best].reason;
	l->items[best].reason = NULL;
	out->depth = depth;
}

static void cand_list_free(cand_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i].reason);
	free(l->items);
}

/* ---- challenges ---- */

static bool thread_has(const probe_context *ctx, turn_kind kind)
{
	size_t i;

	for (i = ctx->thread_start; i < ctx->t->n_turns; i++)
		if (ctx->t->turns[i].kind == kind)
			return true;
	return false;
}

static bool session_has_challenge(const transcript *t)
{
	size_t i;

	for (i = 0; i < t->n_turns; i++)
		if (t->turns[i].kind == TURN_CHALLENGE)
			return true;
	return false;
}

static void choose_challenge(const probe_context *ctx, const bank_question *q, probe_choice *out)
{
	size_t i, k;
	const bank_challenge *fallback = NULL;

	if (!q || thread_has(ctx, TURN_CHALLENGE))
		return;
	for (i = 0; i < q->n_challenges; i++) {
		const bank_challenge *ch = &q->challenges[i];
		char *node = xasprintf("challenge:%s", ch->id);
		bool asked = already_asked(ctx->t, node);

		free(node);
		if (asked)
			continue;
		if (ch->trigger.kind != TRIGGER_MENTIONS) {
			if (!fallback)
				fallback = ch;
			continue;
		}
		for (k = ctx->thread_start; k < ctx->t->n_turns; k++) {
			const turn *tu = &ctx->t->turns[k];
			match_text *mt;
			char *why;

			if (!tu->answer)
				continue;
			mt = match_text_new(tu->answer);
			why = mentions_reason(&ch->trigger, mt);
			match_text_free(mt);
			if (why) {
				out->kind = CHOICE_CHALLENGE;
				out->node = xasprintf("challenge:%s", ch->id);
				out->ask = ch->ask;
				out->reason = xasprintf("pushback on a choice: the answer mentioned %s", why);
				out->depth = 1;
				free(why);
				return;
			}
		}
	}
	/* every session gets at least one pushback when the banks have one */
	if (fallback && (ctx->last_main || q->kind == QKIND_DESIGN || q->kind == QKIND_ARCHITECTURE) &&
	    !session_has_challenge(ctx->t)) {
		out->kind = CHOICE_CHALLENGE;
		out->node = xasprintf("challenge:%s", fallback->id);
		out->ask = fallback->ask;
		out->reason = xstrdup(ctx->last_main ? "pushback: no choice was challenged yet this session"
		                                     : "pushback on the design");
		out->depth = 1;
	}
}

/* ---- the decision ---- */

void probe_choose(const probe_context *ctx, probe_choice *out)
{
	const transcript *t = ctx->t;
	const turn *main_turn = &t->turns[ctx->thread_start];
	const turn *last = &t->turns[t->n_turns - 1];
	const bank_question *q = bank_set_find_question(ctx->banks, main_turn->question_id);
	cand_list l = { NULL, 0, 0 };
	node_ref ref;
	answer_signals sig;
	match_text *mt;
	int limit = ctx->depth_limit;

	memset(out, 0, sizeof(*out));
	out->kind = CHOICE_NONE;
	if (!q || !last->answer)
		return;
	if (last->kind == TURN_CHALLENGE || last->kind == TURN_CANDIDATE_QUESTIONS)
		return;
	if (last->skipped)
		return;
	if (last->node && strncmp(last->node, "tech:", 5) == 0) {
		char *id = xstrndup(last->node + 5, strcspn(last->node + 5, "/"));

		if (is_claimed(ctx, id))
			limit = BANK_MAX_PROBE_DEPTH;
		free(id);
	}
	if (last->boundary || last->depth >= limit || !node_resolve(ctx->banks, main_turn->question_id, last->node, &ref)) {
		choose_challenge(ctx, q, out);
		return;
	}
	mt = match_text_new(last->answer);
	signals_analyze(last->answer, &sig);
	if (!last->node) {
		consider(&l, ctx, q->probes, q->n_probes, NULL, false, mt, &sig, q->expected, q->n_expected);
		consider_techs(&l, ctx, q, mt, &sig);
		/* "tell me about a system you built": every component named is fair game first */
		if (q->kind == QKIND_ARCHITECTURE)
			for (size_t i = 0; i < l.n; i++)
				if (l.items[i].rank == RANK_TECH)
					l.items[i].rank = RANK_STORY_TECH;
	} else if (ref.probe) {
		consider(&l, ctx, ref.probe->probes, ref.probe->n_probes, ref.tech,
		         ref.tech && is_claimed(ctx, ref.tech->id), mt, &sig, ref.probe->expected, ref.probe->n_expected);
	}
	if (l.n)
		take_best(&l, ctx, last->depth + 1, out);
	else
		choose_challenge(ctx, q, out);
	cand_list_free(&l);
	match_text_free(mt);
}

void probe_choice_free(probe_choice *c)
{
	free(c->node);
	free(c->reason);
	c->node = c->reason = NULL;
}

const char *probe_boundary(const bank_set *banks, const turn *tu)
{
	answer_signals sig;
	node_ref ref;
	const bank_point *pts;
	const bank_red_flag *flags;
	size_t np, nf, i;
	match_text *mt;
	bool flagged = false;

	if (!tu->answer || tu->skipped || tu->kind != TURN_PROBE)
		return NULL;
	signals_analyze(tu->answer, &sig);
	if (sig.admits_gap)
		return "honest";
	if (!tu->question_id || !node_resolve(banks, tu->question_id, tu->node, &ref))
		return NULL;
	/* a confident misconception: the answer states one of the node's red
	 * flags, or, in a question's own tree, one of the question's */
	node_expectations(&ref, &pts, &np, &flags, &nf);
	mt = match_text_new(tu->answer);
	for (i = 0; i < nf && !flagged; i++)
		flagged = bank_red_flag_hit(&flags[i], mt, NULL);
	for (i = 0; ref.question && !ref.tech && i < ref.question->n_red_flags && !flagged; i++)
		flagged = bank_red_flag_hit(&ref.question->red_flags[i], mt, NULL);
	match_text_free(mt);
	return flagged ? "guess" : NULL;
}

/* ---- pair mode: suggestions for the interviewer ---- */

typedef struct suggest_item {
	probe_suggestion s;
	bool under_last;        /* a child of the probe being asked right now */
	int rank;
	int subtree;
	size_t order;
} suggest_item;

typedef struct suggest_list {
	suggest_item *items;
	size_t n, cap;
	const transcript *t;
	size_t from;            /* the thread's first turn */
	const match_text *mt;   /* the candidate's words */
} suggest_list;

static void append_patterns(strbuf *sb, const pattern_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		sb_appendf(sb, "%s\"%s\"", i ? ", " : "", match_pattern_source(l->items[i]));
}

/* The trigger as the interviewer reads it: what to listen for. */
static char *trigger_text(const bank_trigger *tr, const bank_point *parent_pts, size_t n_parent)
{
	strbuf sb = STRBUF_INIT;
	size_t i;

	switch (tr->kind) {
	case TRIGGER_MENTIONS:
		sb_append(&sb, "they mention ");
		append_patterns(&sb, &tr->terms);
		for (i = 0; i < tr->n_techs; i++) {
			const bank_tech *tech = bank_trigger_tech(tr, i);

			sb_appendf(&sb, "%s%s", tr->terms.n || i ? ", " : "", tech ? tech->name : "?");
		}
		break;
	case TRIGGER_MISSES: {
		const char *text = tr->point;

		for (i = 0; i < n_parent; i++)
			if (strcmp(parent_pts[i].id, tr->point) == 0)
				text = parent_pts[i].point;
		sb_appendf(&sb, "they leave out: %s", text);
		break;
	}
	case TRIGGER_VAGUE:
		sb_append(&sb, "the answer stays vague");
		break;
	case TRIGGER_ALWAYS:
		sb_append(&sb, "always");
		break;
	}
	return sb_detach(&sb);
}

/* Whether the interviewer ticked point_id on a turn of the thread asked at parent_node (NULL: the main question). */
static bool point_ticked(const suggest_list *l, const char *parent_node, const char *point_id)
{
	size_t i, k;

	for (i = l->from; i < l->t->n_turns; i++) {
		const turn *tu = &l->t->turns[i];

		if (parent_node ? !tu->node || strcmp(tu->node, parent_node) != 0 : tu->kind != TURN_ANSWER)
			continue;
		for (k = 0; k < tu->n_ticked; k++)
			if (strcmp(tu->ticked[k], point_id) == 0)
				return true;
	}
	return false;
}

static bool suggested(const suggest_list *l, const char *node)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].s.node, node) == 0)
			return true;
	return false;
}

/*
 * Offers the probes p[0..n) that hang under parent_node (whose expected
 * points are parent_pts). alias: the words named tech ("sqs"), NULL when
 * the probes are offered because their parent was asked.
 */
static void suggest_from(suggest_list *l, const bank_probe *p, size_t n, const bank_tech *tech, const char *alias,
                         const char *parent_node, const bank_point *parent_pts, size_t n_parent, bool under_last)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const bank_trigger *tr = &p[i].trigger;
		char *node = node_string(tech, &p[i]), *why = NULL, *hit;
		suggest_item *it;
		int rank = RANK_ALWAYS;

		if (already_asked(l->t, node) || suggested(l, node)) {
			free(node);
			continue;
		}
		switch (tr->kind) {
		case TRIGGER_MENTIONS:
			hit = mentions_reason(tr, l->mt);
			if (hit)
				why = xasprintf("the candidate said %s", hit);
			free(hit);
			rank = RANK_MENTIONS;
			break;
		case TRIGGER_MISSES:
			if (point_ticked(l, parent_node, tr->point)) {
				free(node);   /* the point was heard: nothing to dig for */
				continue;
			}
			why = xstrdup("that point has not been ticked yet");
			rank = RANK_MISSES;
			break;
		case TRIGGER_VAGUE:
			rank = RANK_VAGUE;  /* only the interviewer can tell */
			break;
		case TRIGGER_ALWAYS:
			why = xstrdup(parent_node ? "one level deeper on the same thread" : "always fair to ask");
			break;
		}
		if (why && tech && alias) {
			char *r = xasprintf("the candidate mentioned %s (\"%s\"): from the technology library; %s", tech->name,
			                    alias, why);

			free(why);
			why = r;
			rank = RANK_TECH;
		}
		xgrow((void **)&l->items, &l->cap, l->n + 1, sizeof(*l->items));
		it = &l->items[l->n];
		memset(it, 0, sizeof(*it));
		it->s.node = node;
		it->s.probe = &p[i];
		it->s.tech = tech;
		it->s.fits = why != NULL;
		it->s.why = why;
		it->s.trigger = trigger_text(tr, parent_pts, n_parent);
		it->under_last = under_last;
		it->rank = rank;
		it->subtree = subtree_depth(&p[i]);
		it->order = l->n;
		l->n++;
	}
}

static int suggest_cmp(const void *a, const void *b)
{
	const suggest_item *x = a, *y = b;

	if (x->s.fits != y->s.fits)
		return x->s.fits ? -1 : 1;
	if (x->under_last != y->under_last)
		return x->under_last ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->subtree != y->subtree)
		return y->subtree - x->subtree;
	return x->order < y->order ? -1 : (x->order > y->order);
}

size_t probe_suggest(const bank_set *banks, const transcript *t, size_t thread_start, const char *words,
                     probe_suggestion **out)
{
	suggest_list l;
	const bank_question *q;
	match_text *mt;
	size_t i;

	*out = NULL;
	if (thread_start >= t->n_turns)
		return 0;
	q = bank_set_find_question(banks, t->turns[thread_start].question_id);
	if (!q)
		return 0;
	memset(&l, 0, sizeof(l));
	l.t = t;
	l.from = thread_start;
	mt = match_text_new(words ? words : "");
	l.mt = mt;
	/* children of the probes asked in this thread first, so the newest branch opens up */
	for (i = t->n_turns; i-- > thread_start;) {
		const turn *tu = &t->turns[i];
		node_ref ref;

		if (!tu->node || !node_resolve(banks, q->id, tu->node, &ref) || !ref.probe)
			continue;
		suggest_from(&l, ref.probe->probes, ref.probe->n_probes, ref.tech, NULL, tu->node,
		             ref.probe->expected, ref.probe->n_expected, i == t->n_turns - 1);
	}
	suggest_from(&l, q->probes, q->n_probes, NULL, NULL, NULL, q->expected, q->n_expected, false);
	for (i = 0; i < bank_set_tech_count(banks); i++) {
		const bank_tech *tech = bank_set_tech(banks, i);
		const char *alias = first_match(&tech->aliases, l.mt);

		if (alias)
			suggest_from(&l, tech->probes, tech->n_probes, tech, alias, NULL, NULL, 0, false);
	}
	match_text_free(mt);
	if (l.n)
		qsort(l.items, l.n, sizeof(*l.items), suggest_cmp);
	*out = xcalloc(l.n ? l.n : 1, sizeof(**out));
	for (i = 0; i < l.n; i++)
		(*out)[i] = l.items[i].s;
	free(l.items);
	return l.n;
}

void probe_suggestions_free(probe_suggestion *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++) {
		free(list[i].node);
		free(list[i].why);
		free(list[i].trigger);
	}
	free(list);
}
