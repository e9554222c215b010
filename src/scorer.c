/*
 * The offline scorer. Each dimension is scored by a small set of rules over
 * the answer signals (signals.h) and, when a turn is matched to a bank
 * question or probe, over its expected points and red flags. Every rule
 * that moves a score leaves an evidence line, so a score can always be
 * traced back to sentences in the transcript. docs/scoring.md describes the
 * rules and their known limits.
 */
#include "grill/scorer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grill/signals.h"
#include "grill/text_keys.h"
#include "grill/xalloc.h"

/* Rates are per 100 words over at least this many words, so a short answer
 * with one "honestly" is not judged as if it were all filler. */
#define RATE_MIN_WORDS 150

#define QUOTE_MAX 160

/* The question asks about the candidate's own experience. */
static const char *const lex_asks_example[] = {
	"tell me about a|an|your|the", "a time you|when", "have you", "your experience", "of yours",
	"your cv", "did you", "your last|current|previous|team|services|setup|part|role",
	"at your", "how have you", "what did you do", "when did", "in practice", "give me an example",
	"an example of|from", "describe a time|situation|project|case", "walk me through a time",
	"you ve worked|built|run|led|had|done|seen|debugged|owned|used",
	"you were|led|built|ran|owned|worked|debugged|fixed|handled|faced|made|wrote|shipped|managed|improved|dealt|solved",
	NULL
};

static const char *const lex_design[] = {
	"design a", "design an", "design the", "how would you design", "would you choose",
	"would you pick", "how would you scale", "would you build", "we re building",
	"we are building", "we re planning", "we need to build", "we want to build",
	"what database would", "which database would", "how would you architect", "sketch", NULL
};

/* Logistics and perks: pay, place, time off, the hiring process. */
static const char *const lex_perk[] = {
	"salary", "band", "pay", "paid", "equity", "bonus", "compensation", "stock", "benefits",
	"perks", "pension", "insurance", "vacation", "holiday*", "pto", "annual|parental|sick leave",
	"leave policy", "time off", "days off", "remote", "hybrid", "wfh", "from home", "office",
	"in person", "days a week", "working|core|flexible hours", "hours a|per week", "overtime",
	"start date", "notice period", "next step", "process", "hear back", "next round|stage",
	"learning|training budget", "conference*", "courses", "relocat*", "visa", "sponsor*",
	"laptop", "equipment", "allowance", NULL
};

/* Substantive: how the team's systems and work really run. */
static const char *const lex_subst[] = {
	"on call", "page*", "paging", "incident*", "outage*", "post mortem*", "postmortem*", "debt",
	"legacy", "oldest", "get rid of", "rewrite", "six|three months", "first * days", "90 days",
	"success*", "succeed", "worked out", "biggest", "challeng*", "hardest", "reliability", "slo*",
	"deploy*", "release*", "roadmap", "migrat*", "capacity", "who decides", "decide*", "review*",
	"fleet", "monitoring", "observab*", "alert*", "risk*", "priorit*", "who owns", "ownership",
	"toil", "bottleneck*", "problem*", "pain*", "went wrong", "happy with", "fail*", "debugging",
	"what will i have", "production", "break*", "broke", "fixing", "ops", "operat*", "nervous",
	"afraid", "fragile", "brittle", "worr*", "test*", "latency", "scal*", "traffic", NULL
};

static const char *const lex_decline[] = {
	"no questions", "i m good", "all good", "all set", "nothing from my side", "nothing from me",
	"don t really have anything", "i think i m fine", "that covers it", "you ve covered",
	"no i think", "not really", "nothing right now", "i m fine", "nope", "no thanks", NULL
};

/* Saying why a question matters. */
static const char *const lex_reasonq[] = {
	"i ask because", "i m asking because", "asking because", "because", "the reason i ask",
	"that tells me", "tells me", "it would help me", "help me understand", "which matters",
	"matters to me", "i d also like to know", "usually shows", "shows me", "says a lot", NULL
};

static const char *const lex_hypo[] = {
	"you d", "you would", "typically", "generally", "the way it d", "the way it would",
	"what you d", "would work", "usually you", NULL
};

static const char *const lex_outcome[] = {
	"went to", "dropped", "back to", "down to", "came back", "stopped", "drained", "settled",
	"fell", "under", "within", "later", "over the following", "afterwards", "after that",
	"reduced", "cut", "improved", "went from", "from", "since", NULL
};

static const char *const lex_cause[] = {
	"lined up with", "traced", "because of", "ran out", "triggered", "came from", "culprit",
	"figured out", "it was the", "because", "root cause", "caused", "turned out", "the problem",
	"the issue", "found", "was that", "due to", "so the", "which meant", "bit us",
	"the tricky part", "starved", "used to page", NULL
};

/* A decision the candidate or the team took. */
static const char *const lex_decide[] = {
	"i|we changed|set|swapped|moved|added|proposed|rewrote|made|created|chose|dropped|wrote|switched|turned|replaced|capped|shrank|raised|built|cut|split|fixed|decided|opted|picked|introduced|reverted|removed|enabled|disabled|increased|reduced|lowered|bumped|tuned|sharded|partitioned|migrated|limited|streamed|solved",
	"i|we rolled back", "i|we went with", "made the call", "decided", "roll * back", NULL
};

/* ---- per-turn state ---- */

typedef struct turn_eval {
	const turn *tu;
	int index;
	match_text *answer;
	answer_signals sig;
	bool scored;                 /* answered, not skipped, not the candidate's questions */
	const bank_question *q;      /* matched bank question or NULL */
	const bank_probe *probe;     /* matched probe (q's tree or a technology's) or NULL */
	bool design;                 /* a design question where clarifying questions are expected */
	bool asks_example;           /* the question asks for the candidate's own experience */
	int real_questions;          /* questions asked in the answer, rhetorical tags left out */
	bool hands_back;             /* a main answer that puts the question back to the interviewer */
	long hands_back_first;       /* its first such question */
} turn_eval;

/* Content keys of a matched question's probes, by address: each is cut
 * into keys once per assessment, however many turns are compared with it.
 * (Prompts and technology probes are compared through the set's index.) */
typedef struct key_memo {
	const char **texts;          /* NULL: an empty slot */
	text_keys *keys;
	size_t cap, n;               /* cap: 0 or a power of two */
} key_memo;

typedef struct scorer_ctx {
	const transcript *t;
	const bank_set *banks;
	turn_eval *turns;
	size_t n;
	scorer_result *res;
	key_memo memo;
} scorer_ctx;

/* ---- evidence ---- */

static void add_evidence(scorer_result *res, rubric_dim d, int sign, int turn_index, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void add_evidence(scorer_result *res, rubric_dim d, int sign, int turn_index, const char *fmt, ...)
{
	scorer_dim *dim = &res->dims[d];
	strbuf sb = STRBUF_INIT;
	va_list ap;
	char *body;

	va_start(ap, fmt);
	{
		va_list cp;
		int len;

		va_copy(cp, ap);
		len = vsnprintf(NULL, 0, fmt, cp);
		va_end(cp);
		body = xmalloc((size_t)(len > 0 ? len : 0) + 1);
		vsnprintf(body, (size_t)(len > 0 ? len : 0) + 1, fmt, ap);
	}
	va_end(ap);
	if (turn_index >= 0)
		sb_appendf(&sb, "turn %d: ", turn_index + 1);
	sb_append(&sb, body);
	free(body);
	dim->evidence = xrealloc(dim->evidence, (dim->n_evidence + 1) * sizeof(*dim->evidence));
	dim->evidence[dim->n_evidence].sign = sign;
	dim->evidence[dim->n_evidence].turn = turn_index;
	dim->evidence[dim->n_evidence].text = sb_detach(&sb);
	dim->n_evidence++;
}

/* Sentence s of the answer, shortened and in quotes; caller frees. */
static char *quote_sentence(const match_text *t, long s)
{
	char *raw, *out;
	size_t len;
	strbuf sb = STRBUF_INIT;

	if (s < 0)
		return xstrdup("");
	raw = match_text_sentence(t, (size_t)s);
	len = strlen(raw);
	sb_putc(&sb, '"');
	if (len > QUOTE_MAX) {
		size_t cut = QUOTE_MAX;

		/* do not cut a UTF-8 sequence in half */
		while (cut > 0 && ((unsigned char)raw[cut] & 0xC0) == 0x80)
			cut--;
		sb_appendn(&sb, raw, cut);
		sb_append(&sb, "...");
	} else {
		sb_append(&sb, raw);
	}
	sb_putc(&sb, '"');
	out = sb_detach(&sb);
	free(raw);
	return out;
}

/* Evidence quoting the first sentence where signal k fired in turn te. */
static void evidence_signal(scorer_result *res, rubric_dim d, int sign, const turn_eval *te,
                            signal_kind k, const char *what)
{
	char *q = quote_sentence(te->answer, te->sig.hit[k].first);

	add_evidence(res, d, sign, te->index, "%s: %s", what, q);
	free(q);
}

/* ---- matching turns to the bank ---- */

static size_t memo_slot(const key_memo *m, const char *text)
{
	size_t i = (size_t)(((uintptr_t)text >> 3) * 0x9e3779b97f4a7c15u) & (m->cap - 1);

	while (m->texts[i] && m->texts[i] != text)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static const text_keys *memo_keys(key_memo *m, const char *text)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		key_memo bigger = { NULL, NULL, m->cap ? m->cap * 2 : 256, m->n };

		bigger.texts = xcalloc(bigger.cap, sizeof(*bigger.texts));
		bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
		for (i = 0; i < m->cap; i++) {
			if (m->texts[i]) {
				size_t j = memo_slot(&bigger, m->texts[i]);

				bigger.texts[j] = m->texts[i];
				bigger.keys[j] = m->keys[i];
			}
		}
		free(m->texts);
		free(m->keys);
		*m = bigger;
	}
	i = memo_slot(m, text);
	if (!m->texts[i]) {
		m->texts[i] = text;
		text_keys_of(text, &m->keys[i]);
		m->n++;
	}
	return &m->keys[i];
}

static void memo_free(key_memo *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->texts[i])
			text_keys_free(&m->keys[i]);
	free(m->texts);
	free(m->keys);
}

/* How well keys match a bank text (text_keys_similarity). */
static double text_similarity(scorer_ctx *cx, const text_keys *keys, const char *bank_text)
{
	const text_keys *b = memo_keys(&cx->memo, bank_text);

	return text_keys_similarity(keys, b->keys, b->n);
}

static const bank_question *match_question_text(scorer_ctx *cx, const char *text)
{
	text_keys keys;
	const bank_question *best;

	text_keys_of(text, &keys);
	best = bank_set_match_prompt(cx->banks, &keys);
	text_keys_free(&keys);
	return best;
}

static void best_probe(scorer_ctx *cx, const bank_probe *probes, size_t n, const text_keys *keys,
                       const bank_probe **best, double *best_score)
{
	for (size_t i = 0; i < n; i++) {
		double s = text_similarity(cx, keys, probes[i].ask);

		if (s > *best_score) {
			*best_score = s;
			*best = &probes[i];
		}
		best_probe(cx, probes[i].probes, probes[i].n_probes, keys, best, best_score);
	}
}

static const bank_probe *match_probe_text(scorer_ctx *cx, const bank_question *q, const char *text)
{
	text_keys keys;
	const bank_probe *best = NULL;
	double best_score = 0.0;

	text_keys_of(text, &keys);
	if (q)
		best_probe(cx, q->probes, q->n_probes, &keys, &best, &best_score);
	if (!best)
		best = bank_set_match_tech_probe(cx->banks, &keys);
	text_keys_free(&keys);
	return best;
}

/* A node reference as the session engine writes it: "probe:ID" or "tech:TECH/ID". */
static const bank_probe *probe_from_node(const bank_set *banks, const bank_question *q, const char *node)
{
	if (!node)
		return NULL;
	if (strncmp(node, "probe:", 6) == 0 && q)
		return bank_question_find_probe(q, node + 6);
	if (strncmp(node, "tech:", 5) == 0) {
		const char *slash = strchr(node + 5, '/');
		char *tech_id;
		const bank_tech *tech;

		if (!slash)
			return NULL;
		tech_id = xstrndup(node + 5, (size_t)(slash - node - 5));
		tech = bank_set_find_tech(banks, tech_id);
		free(tech_id);
		return tech ? bank_tech_find_probe(tech, slash + 1) : NULL;
	}
	return NULL;
}

static void match_turns(scorer_ctx *cx)
{
	const bank_question *current = NULL;

	if (!cx->banks)
		return;
	for (size_t i = 0; i < cx->n; i++) {
		turn_eval *te = &cx->turns[i];
		const turn *tu = te->tu;

		if (tu->question_id) {
			te->q = bank_set_find_question(cx->banks, tu->question_id);
			te->probe = probe_from_node(cx->banks, te->q, tu->node);
		} else if (tu->kind == TURN_ANSWER) {
			te->q = match_question_text(cx, tu->question ? tu->question : "");
		} else if (tu->kind == TURN_PROBE) {
			te->q = current;
			te->probe = match_probe_text(cx, current, tu->question ? tu->question : "");
		} else if (tu->kind == TURN_CHALLENGE) {
			te->q = current;
		}
		if (tu->kind == TURN_ANSWER)
			current = te->q;
	}
}

/* ---- per-turn analysis ---- */

static bool is_design_question(const turn_eval *te, const match_text *question)
{
	size_t len;

	if (te->q && te->tu->kind == TURN_ANSWER && !te->probe &&
	    (te->q->kind == QKIND_DESIGN || te->q->kind == QKIND_ARCHITECTURE))
		return true;
	if (match_text_word_count(question) > 0) {
		const char *w = match_text_word(question, 0, &len);

		if (len == 6 && memcmp(w, "design", 6) == 0)
			return true;
	}
	return signals_lexicon_count(question, lex_design, NULL) > 0;
}

static bool ends_with_tag(const char *s)
{
	static const char *const tags[] = { "right?", "isn't it?", "you know?", "no?", "yeah?", NULL };
	size_t len = strlen(s);

	for (const char *const *t = tags; *t; t++) {
		size_t tl = strlen(*t);

		if (len >= tl && strcmp(s + len - tl, *t) == 0)
			return true;
	}
	return false;
}

/* Questions the candidate put to the interviewer: four words or more and not a tag ("..., right?"). */
static int count_real_questions(const match_text *t, long *first)
{
	int n = 0;

	if (first)
		*first = -1;
	for (size_t s = 0; s < match_text_sentence_count(t); s++) {
		char *text = match_text_sentence(t, s);
		size_t len = strlen(text), words = 0;
		bool in_word = false;

		for (size_t i = 0; i < len; i++) {
			bool w = text[i] != ' ';

			if (w && !in_word)
				words++;
			in_word = w;
		}
		if (len && text[len - 1] == '?' && words >= 4 && !ends_with_tag(text)) {
			n++;
			if (first && *first < 0)
				*first = (long)s;
		}
		free(text);
	}
	return n;
}

static const char *const lex_second_person[] = { "you", "your", "yours", "you re", "you ve", NULL };

/*
 * The answer hands the question back: a real question put to the interviewer
 * ("what are you running?"), not a statement with a rising tone, and not a
 * clarifying question that the answer then goes on to settle itself (it
 * states an assumption, or says three or more things after its last
 * question). *first gets the first such question.
 */
static bool hands_question_back(const turn_eval *te, long *first)
{
	const match_text *t = te->answer;
	size_t ns = match_text_sentence_count(t), after = 0;
	int asked = 0;

	*first = -1;
	for (size_t s = 0; s < ns; s++) {
		char *text = match_text_sentence(t, s);
		size_t len = strlen(text), words = 0;
		bool in_word = false, q;

		for (size_t i = 0; i < len; i++) {
			bool w = text[i] != ' ';

			if (w && !in_word)
				words++;
			in_word = w;
		}
		q = len && text[len - 1] == '?';
		free(text);
		if (q && words >= 4 && signals_lexicon_in_sentence(t, lex_second_person, s)) {
			asked++;
			after = 0;
			if (*first < 0)
				*first = (long)s;
		} else if (!q) {
			after++;
		}
	}
	if (asked == 0)
		return false;
	return te->sig.hit[SIG_ASSUME].count == 0 && after < 3;
}

static void analyze_turns(scorer_ctx *cx)
{
	for (size_t i = 0; i < cx->n; i++) {
		turn_eval *te = &cx->turns[i];
		const turn *tu = &cx->t->turns[i];

		te->tu = tu;
		te->index = (int)i;
		te->answer = match_text_new(tu->answer ? tu->answer : "");
		signals_analyze_text(te->answer, tu->answer, &te->sig);
		te->scored = tu->answer && !tu->skipped && !te->sig.empty && tu->kind != TURN_CANDIDATE_QUESTIONS;
	}
	match_turns(cx);
	/* the question's words are read here only: they are not kept */
	for (size_t i = 0; i < cx->n; i++) {
		turn_eval *te = &cx->turns[i];
		match_text *question = match_text_new(te->tu->question ? te->tu->question : "");

		te->design = te->tu->kind == TURN_ANSWER && is_design_question(te, question);
		te->asks_example = signals_lexicon_count(question, lex_asks_example, NULL) > 0 ||
		                   (te->q && !te->probe && te->tu->kind == TURN_ANSWER && te->q->kind == QKIND_BEHAVIORAL);
		match_text_free(question);
		te->real_questions = count_real_questions(te->answer, NULL);
		te->hands_back = te->tu->kind == TURN_ANSWER && !te->design && te->scored &&
		                 hands_question_back(te, &te->hands_back_first);
	}
}

/* ---- expected points and red flags ---- */

static void collect_points(scorer_ctx *cx, const turn_eval *te, const bank_point *pts, size_t n,
                           const char *node, int *covered_w, int *total_w)
{
	scorer_result *res = cx->res;

	for (size_t i = 0; i < n; i++) {
		scorer_point *sp;
		bool covered = pattern_list_match(&pts[i].patterns, te->answer);

		res->points = xrealloc(res->points, (res->n_points + 1) * sizeof(*res->points));
		sp = &res->points[res->n_points++];
		sp->turn = te->index;
		sp->question_id = te->q ? te->q->id : NULL;
		sp->node = node;
		sp->point = pts[i].point;
		sp->weight = pts[i].weight > 0 ? pts[i].weight : 1;
		sp->covered = covered;
		*total_w += sp->weight;
		if (covered)
			*covered_w += sp->weight;
	}
}

static void collect_flags(scorer_ctx *cx, const turn_eval *te, const bank_red_flag *flags, size_t n)
{
	scorer_result *res = cx->res;

	for (size_t i = 0; i < n; i++) {
		size_t s;
		scorer_flag *f;

		if (!bank_red_flag_hit(&flags[i], te->answer, &s))
			continue;
		res->flags = xrealloc(res->flags, (res->n_flags + 1) * sizeof(*res->flags));
		f = &res->flags[res->n_flags++];
		f->turn = te->index;
		f->claim = flags[i].claim;
		f->correction = flags[i].correction;
		f->sentence = match_text_sentence(te->answer, s);
	}
}

typedef struct bank_evidence {
	int covered_w, total_w;
	size_t flags;
	size_t matched_turns;
} bank_evidence;

static void collect_bank(scorer_ctx *cx, bank_evidence *be)
{
	memset(be, 0, sizeof(*be));
	cx->res->n_matched = cx->n;
	cx->res->matched = xcalloc(cx->n ? cx->n : 1, sizeof(*cx->res->matched));
	for (size_t i = 0; i < cx->n; i++) {
		const turn_eval *te = &cx->turns[i];

		cx->res->matched[i] = te->q ? te->q->id : NULL;
		if (!te->scored || !te->q)
			continue;
		if (te->probe) {
			collect_points(cx, te, te->probe->expected, te->probe->n_expected, te->probe->id,
			               &be->covered_w, &be->total_w);
			collect_flags(cx, te, te->probe->red_flags, te->probe->n_red_flags);
			be->matched_turns++;
		} else if (te->tu->kind == TURN_ANSWER) {
			collect_points(cx, te, te->q->expected, te->q->n_expected, NULL, &be->covered_w, &be->total_w);
			collect_flags(cx, te, te->q->red_flags, te->q->n_red_flags);
			be->matched_turns++;
		} else if (te->tu->kind == TURN_CHALLENGE) {
			/* a challenge re-states the choice: the question's misconceptions still count */
			collect_flags(cx, te, te->q->red_flags, te->q->n_red_flags);
		}
	}
	be->flags = cx->res->n_flags;
}

/* ---- the bank-free aggregate over the technical turns ---- */

typedef struct aggregate {
	size_t words;
	int hit[SIG_COUNT];
	int tech_terms, numbers_with_units;
	int named_terms, numbers;
	int dismissive_claims; /* dismissive phrases outside challenge turns */
	double substance;   /* technical terms + 1.5 x numbers with units, per 100 words */
	double bluster;     /* filler + absolutes per 100 words, + 1.5 per dismissive phrase */
	double hedging;     /* hedges per 100 words */
	double precision;   /* scoping words per 100 words */
	double reasoning;   /* because + conditions + trade-offs per 100 words */
	bool deflects;
	int deflect_turn;
	bool unresolved_depends;
	int n_turns;
} aggregate;

static double per100(int count, size_t words)
{
	return 100.0 * count / (double)(words > RATE_MIN_WORDS ? words : RATE_MIN_WORDS);
}

static void build_aggregate(const scorer_ctx *cx, aggregate *ag)
{
	memset(ag, 0, sizeof(*ag));
	ag->deflect_turn = -1;
	for (size_t i = 0; i < cx->n; i++) {
		const turn_eval *te = &cx->turns[i];

		if (!te->scored)
			continue;
		ag->n_turns++;
		ag->words += te->sig.words;
		for (int k = 0; k < SIG_COUNT; k++)
			ag->hit[k] += te->sig.hit[k].count;
		ag->tech_terms += te->sig.tech_terms;
		ag->named_terms += te->sig.named_terms;
		ag->numbers += te->sig.numbers;
		/* brushing off a challenge is scored under challenge; here only how claims are made counts */
		if (te->tu->kind != TURN_CHALLENGE)
			ag->dismissive_claims += te->sig.hit[SIG_DISMISSIVE].count;
		ag->numbers_with_units += te->sig.numbers_with_units;
		if (ag->deflect_turn < 0 && (te->sig.hit[SIG_DEFLECT].count > 0 ||
		    te->hands_back))
			ag->deflect_turn = te->index;
	}
	ag->deflects = ag->deflect_turn >= 0;
	ag->substance = per100(ag->tech_terms, ag->words) + 1.5 * per100(ag->numbers_with_units, ag->words);
	ag->bluster = per100(ag->hit[SIG_FILLER], ag->words) + per100(ag->hit[SIG_ABSOLUTE], ag->words) +
	              1.5 * ag->dismissive_claims;
	ag->hedging = per100(ag->hit[SIG_HEDGE], ag->words);
	ag->precision = per100(ag->hit[SIG_PRECISION], ag->words);
	ag->reasoning = per100(ag->hit[SIG_BECAUSE] + ag->hit[SIG_CONDITION] + ag->hit[SIG_TRADEOFF], ag->words);
	ag->unresolved_depends = ag->hit[SIG_DEPENDS] > 0 && ag->hit[SIG_COMMIT] == 0;
}

/* The technical turn where signal k fired first, or NULL. */
static const turn_eval *first_turn_with(const scorer_ctx *cx, signal_kind k)
{
	for (size_t i = 0; i < cx->n; i++)
		if (cx->turns[i].scored && cx->turns[i].sig.hit[k].count > 0)
			return &cx->turns[i];
	return NULL;
}

static void evidence_first(scorer_ctx *cx, rubric_dim d, int sign, signal_kind k, const char *what)
{
	const turn_eval *te = first_turn_with(cx, k);

	if (te)
		evidence_signal(cx->res, d, sign, te, k, what);
}

static int clamp_score(int s)
{
	return s < 1 ? 1 : s > 5 ? 5 : s;
}

/* ---- accuracy ---- */

static int score_accuracy(scorer_ctx *cx, const aggregate *ag, const bank_evidence *be)
{
	scorer_result *res = cx->res;
	int acc = 4;

	if (ag->substance >= 3.5 && ag->bluster < 3) {
		acc = 5;
		add_evidence(res, DIM_ACCURACY, +1, -1,
		             "concrete technical detail: %d technical terms and %d numbers with units in %zu words",
		             ag->tech_terms, ag->numbers_with_units, ag->words);
	} else if ((ag->substance >= 1.5 || ag->precision >= 1.5) && ag->bluster < 2 && ag->words >= 150) {
		acc = 5;
		add_evidence(res, DIM_ACCURACY, +1, -1, "precise, scoped claims without filler or absolutes");
		evidence_first(cx, DIM_ACCURACY, +1, SIG_PRECISION, "scoped claim");
	} else {
		add_evidence(res, DIM_ACCURACY, 0, -1, "claims without much concrete detail (%d technical terms in %zu words)",
		             ag->tech_terms, ag->words);
	}
	if (ag->substance < 1.5 && ag->precision < 1 && ag->bluster >= 2.5) {
		acc = acc < 2 ? acc : 2;
		add_evidence(res, DIM_ACCURACY, -1, -1, "confident, general claims with almost no technical detail");
	}
	if (ag->hedging >= 1.5) {
		acc = acc < 3 ? acc : 3;
		evidence_first(cx, DIM_ACCURACY, -1, SIG_HEDGE, "claims wrapped in hedges");
	}
	if (ag->unresolved_depends) {
		acc = acc < 3 ? acc : 3;
		evidence_first(cx, DIM_ACCURACY, -1, SIG_DEPENDS, "\"it depends\" left unresolved, so little is actually claimed");
	}
	if (ag->words < 100 && ag->substance < 3 && acc > 4) {
		acc = 4;
		add_evidence(res, DIM_ACCURACY, -1, -1, "short answers: too little shown for the top mark");
	}
	if (ag->words < 100 && per100(ag->tech_terms + ag->named_terms + ag->numbers, ag->words) < 1.5 &&
	    ag->hit[SIG_BECAUSE] + ag->hit[SIG_CONDITION] + ag->hit[SIG_TRADEOFF] <= 1 &&
	    ag->hit[SIG_COMMIT] + ag->hit[SIG_ASSUME] == 0 && acc > 3) {
		acc = 3;
		add_evidence(res, DIM_ACCURACY, -1, -1, "thin: %zu words and almost no technical detail", ag->words);
	}
	if (ag->bluster >= 3) {
		acc = ag->bluster < 6 ? (acc < 2 ? acc : 2) : 1;
		evidence_first(cx, DIM_ACCURACY, -1, SIG_ABSOLUTE, "sweeping, absolute claim");
		evidence_first(cx, DIM_ACCURACY, -1, SIG_DISMISSIVE, "dismisses the alternative instead of explaining");
		evidence_first(cx, DIM_ACCURACY, -1, SIG_FILLER, "filler in place of mechanism");
	}
	if (ag->hit[SIG_OVERCLAIM] >= 3) {
		acc = 1;
		evidence_first(cx, DIM_ACCURACY, -1, SIG_OVERCLAIM, "claims far more depth than the answers show");
	}
	/* the bank: expected points and misconceptions */
	if (be->total_w > 0) {
		double cov = (double)be->covered_w / be->total_w;

		add_evidence(res, DIM_ACCURACY, cov >= 0.5 ? +1 : -1, -1,
		             "expected points covered: weight %d of %d (%.0f%%)", be->covered_w, be->total_w, 100.0 * cov);
		if (be->total_w >= 3 && cov < 0.34 && acc > 3) {
			acc = 3;
			add_evidence(res, DIM_ACCURACY, -1, -1, "most expected points missed: thin for the question");
		}
	}
	for (size_t i = 0; i < res->n_flags; i++) {
		const scorer_flag *f = &res->flags[i];

		add_evidence(res, DIM_ACCURACY, -1, f->turn, "red flag \"%s\" in \"%s\"", f->claim, f->sentence);
	}
	if (be->flags >= 3)
		acc = 1;
	else if (be->flags >= 1 && acc > 2)
		acc = 2;
	return clamp_score(acc);
}

/* ---- honesty ---- */

static int score_honesty(scorer_ctx *cx, const aggregate *ag, const bank_evidence *be)
{
	scorer_result *res = cx->res;
	int hon = 4;
	bool gap = ag->hit[SIG_GAP] > 0, step = false;
	bool guessed = false;

	for (size_t i = 0; i < cx->n; i++) {
		const turn *tu = cx->turns[i].tu;
		const answer_signals *sg = &cx->turns[i].sig;
		bool honest = tu->boundary && strcmp(tu->boundary, "honest") == 0;

		/* the way to close a gap has to come with the gap, in the same answer */
		if (cx->turns[i].scored && (sg->hit[SIG_GAP].count > 0 || honest) && sg->hit[SIG_NEXT_STEP].count > 0)
			step = true;
		if (honest)
			gap = true;
		if (tu->boundary && strcmp(tu->boundary, "guess") == 0)
			guessed = true;
	}
	if (gap && step && ag->hedging < 1.5) {
		hon = 5;
		evidence_first(cx, DIM_HONESTY, +1, SIG_GAP, "names the limit of what they know");
		evidence_first(cx, DIM_HONESTY, +1, SIG_NEXT_STEP, "and a concrete way to close the gap");
	} else if (gap) {
		evidence_first(cx, DIM_HONESTY, +1, SIG_GAP, "acknowledges a gap, without a concrete next step");
	} else {
		add_evidence(res, DIM_HONESTY, 0, -1, "no gap acknowledged");
	}
	if (ag->hedging >= 1.5 && !(gap && step)) {
		hon = 3;
		evidence_first(cx, DIM_HONESTY, -1, SIG_HEDGE, "vague hedging hides what they actually know");
	}
	if (ag->deflects) {
		const turn_eval *te = &cx->turns[ag->deflect_turn];
		long first;
		char *q;

		hon = 2;
		if (te->sig.hit[SIG_DEFLECT].count > 0)
			first = te->sig.hit[SIG_DEFLECT].first;
		else
			first = te->hands_back_first;
		q = quote_sentence(te->answer, first);
		add_evidence(res, DIM_HONESTY, -1, te->index, "answers with a question or a deferral instead: %s", q);
		free(q);
	}
	if (ag->bluster >= 3 || (ag->hit[SIG_OVERCLAIM] >= 1 && ag->bluster >= 2)) {
		hon = hon < 2 ? hon : 2;
		evidence_first(cx, DIM_HONESTY, -1, SIG_ABSOLUTE, "certainty the answer does not earn");
		evidence_first(cx, DIM_HONESTY, -1, SIG_OVERCLAIM, "inflated claim");
	}
	if (ag->hit[SIG_OVERCLAIM] >= 3) {
		hon = 1;
		evidence_first(cx, DIM_HONESTY, -1, SIG_OVERCLAIM, "oversells their experience");
	}
	if (guessed && hon > 3) {
		hon = 3;
		add_evidence(res, DIM_HONESTY, -1, -1, "a follow-up branch ended in a guess rather than an admission");
	}
	if (be->flags > 0 && !gap && hon > 3) {
		hon = 3;
		add_evidence(res, DIM_HONESTY, -1, -1, "a misconception stated as fact, with no admitted doubt");
	}
	return clamp_score(hon);
}

/* ---- reasoning ---- */

static int score_reasoning(scorer_ctx *cx, const aggregate *ag, int acc, int challenge)
{
	scorer_result *res = cx->res;
	static const int from_accuracy[6] = { 0, 2, 2, 3, 3, 4 };
	int rea = from_accuracy[acc];
	bool commits = ag->hit[SIG_COMMIT] > 0 || ag->hit[SIG_ASSUME] > 0;

	add_evidence(res, DIM_REASONING, 0, -1,
	             "%.1f reasons, conditions and trade-offs per 100 words; conclusions rest on claims rated %d for accuracy",
	             ag->reasoning, acc);
	if (acc >= 4 && (ag->reasoning >= 3 || ag->hit[SIG_ASSUME] > 0) && commits) {
		rea++;
		evidence_first(cx, DIM_REASONING, +1, SIG_ASSUME, "states an assumption");
		evidence_first(cx, DIM_REASONING, +1, SIG_COMMIT, "commits to a choice");
		evidence_first(cx, DIM_REASONING, +1, SIG_TRADEOFF, "weighs a trade-off");
	}
	if (acc >= 4 && challenge >= 5 && rea < 5) {
		rea = 5;
		add_evidence(res, DIM_REASONING, +1, -1, "re-reasons under challenge and says when the alternative wins");
	}
	if (acc <= 3 && ag->reasoning >= 3 && ag->hit[SIG_COMMIT] > 0) {
		rea++;
		evidence_first(cx, DIM_REASONING, +1, SIG_COMMIT, "commits to a choice with reasons");
	}
	if (ag->unresolved_depends) {
		rea = 2;
		evidence_first(cx, DIM_REASONING, -1, SIG_DEPENDS, "\"it depends\" with no resolution");
	}
	if (ag->words < 100 && ag->hit[SIG_BECAUSE] + ag->hit[SIG_CONDITION] + ag->hit[SIG_TRADEOFF] <= 1 &&
	    !commits && rea > 2) {
		rea = 2;
		add_evidence(res, DIM_REASONING, -1, -1, "conclusions only: no reason, condition or trade-off given");
	}
	if (ag->hedging >= 2.5 && rea > 2) {
		rea = 2;
		evidence_first(cx, DIM_REASONING, -1, SIG_HEDGE, "guesses instead of reasoning");
	}
	if (ag->deflects) {
		rea = 1;
		add_evidence(res, DIM_REASONING, -1, ag->deflect_turn, "the problem is handed back instead of reasoned about");
	}
	return clamp_score(rea);
}

/* ---- challenge ---- */

static bool question_addresses_interviewer(const match_text *t)
{
	for (size_t s = 0; s < match_text_sentence_count(t); s++) {
		char *text = match_text_sentence(t, s);
		size_t len = strlen(text);
		bool q = len && text[len - 1] == '?';

		free(text);
		if (q && signals_lexicon_in_sentence(t, (const char *const[]){ "you", "your", NULL }, s))
			return true;
	}
	return false;
}

static int score_one_challenge(scorer_ctx *cx, const turn_eval *te)
{
	const answer_signals *sg = &te->sig;
	int concede = sg->hit[SIG_CONCEDE].count + sg->hit[SIG_CONCEDE_PARTIAL].count;
	int reasons = sg->hit[SIG_BECAUSE].count + sg->hit[SIG_TRADEOFF].count + sg->hit[SIG_CONDITION].count;
	scorer_result *res = cx->res;

	if (sg->hit[SIG_HOSTILE].count > 0 || question_addresses_interviewer(te->answer)) {
		long first = sg->hit[SIG_HOSTILE].first;
		char *q;

		if (first < 0)
			count_real_questions(te->answer, &first);
		q = quote_sentence(te->answer, first);
		add_evidence(res, DIM_CHALLENGE, -1, te->index, "turns the challenge back on the interviewer: %s", q);
		free(q);
		return 1;
	}
	if ((sg->hit[SIG_FOLD].count > 0 && sg->hit[SIG_BECAUSE].count + sg->hit[SIG_TRADEOFF].count < 2) ||
	    (concede > 0 && sg->words < 60 && sg->hit[SIG_BECAUSE].count + sg->hit[SIG_TRADEOFF].count == 0)) {
		if (sg->hit[SIG_FOLD].count > 0)
			evidence_signal(res, DIM_CHALLENGE, -1, te, SIG_FOLD, "folds at once without reasoning");
		else
			add_evidence(res, DIM_CHALLENGE, -1, te->index, "concedes without weighing either side");
		return 2;
	}
	if (sg->hit[SIG_DISMISSIVE].count > 0) {
		evidence_signal(res, DIM_CHALLENGE, -1, te, SIG_DISMISSIVE, "dismisses the point");
		return 2;
	}
	if (sg->hit[SIG_CONCEDE].count > 0 && sg->hit[SIG_CONDITION].count >= 1 && reasons >= 3) {
		evidence_signal(res, DIM_CHALLENGE, +1, te, SIG_CONCEDE, "credits what is right in the challenge");
		evidence_signal(res, DIM_CHALLENGE, +1, te, SIG_CONDITION, "and says when each side wins");
		return 5;
	}
	if (concede > 0 && reasons >= 2) {
		evidence_signal(res, DIM_CHALLENGE, +1, te,
		                sg->hit[SIG_CONCEDE].count > 0 ? SIG_CONCEDE : SIG_CONCEDE_PARTIAL,
		                "engages and partly concedes");
		return 4;
	}
	if (reasons >= 1) {
		add_evidence(res, DIM_CHALLENGE, 0, te->index, "restates the position with reasons but does not engage the point");
		return 3;
	}
	add_evidence(res, DIM_CHALLENGE, -1, te->index, "restates the position without reasons");
	return 2;
}

static int score_challenge(scorer_ctx *cx)
{
	int worst = 0;

	for (size_t i = 0; i < cx->n; i++) {
		const turn_eval *te = &cx->turns[i];
		int s;

		if (te->tu->kind != TURN_CHALLENGE || !te->scored)
			continue;
		s = score_one_challenge(cx, te);
		if (worst == 0 || s < worst)
			worst = s;
	}
	if (worst == 0)
		add_evidence(cx->res, DIM_CHALLENGE, 0, -1, "no challenge turn: not scored");
	return worst;
}

/* ---- specificity ---- */

static bool sentence_has_measure(const match_text *t, size_t s)
{
	char *text = match_text_sentence(t, s);
	static const char *const number_words[] = {
		"zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|dozen|half|twice|third|quarter",
		NULL
	};
	bool yes = signals_numbers_with_units(text) > 0 || strpbrk(text, "0123456789") != NULL ||
	           signals_lexicon_in_sentence(t, number_words, s);

	free(text);
	return yes;
}

static int score_specificity(scorer_ctx *cx)
{
	scorer_result *res = cx->res;
	bool any = false, own = false, outcome = false;
	int story = 0, hypo = 0, named = 0, numbers = 0, with_units = 0, cause = 0, decide = 0, elements, s;
	long hypo_first = -1;
	const turn_eval *hypo_turn = NULL, *first_story = NULL;

	for (size_t i = 0; i < cx->n; i++) {
		const turn_eval *te = &cx->turns[i];
		long first;
		int h;

		if (!te->scored || !(te->asks_example || (te->sig.hit[SIG_STORY].count >= 2 && te->sig.story_sentences >= 2)))
			continue;
		any = true;
		story += te->sig.story_sentences;
		if (!first_story && te->sig.story_sentences > 0)
			first_story = te;
		h = signals_lexicon_count(te->answer, lex_hypo, &first);
		if (h > 0 && !hypo_turn) {
			hypo_turn = te;
			hypo_first = first;
		}
		hypo += h;
		own = own || te->sig.hit[SIG_OWN].count > 0 || te->sig.own_action;
		named += te->sig.named_terms + te->sig.tech_terms;
		numbers += te->sig.numbers;
		with_units += te->sig.numbers_with_units;
		cause += signals_lexicon_count(te->answer, lex_cause, NULL);
		decide += signals_lexicon_count(te->answer, lex_decide, NULL);
		for (size_t k = 0; k < match_text_sentence_count(te->answer) && !outcome; k++)
			outcome = signals_lexicon_in_sentence(te->answer, lex_outcome, k) && sentence_has_measure(te->answer, k);
	}
	if (!any) {
		add_evidence(res, DIM_SPECIFICITY, 0, -1, "no turn asked for or offered an example: not scored");
		return 0;
	}
	if (hypo > 0 && (story == 0 || hypo >= story)) {
		char *q = quote_sentence(hypo_turn->answer, hypo_first);

		add_evidence(res, DIM_SPECIFICITY, -1, hypo_turn->index, "a hypothetical instead of an example: %s", q);
		free(q);
		return 1;
	}
	if (story == 0) {
		add_evidence(res, DIM_SPECIFICITY, -1, -1, "asked for an example, no story told");
		return 2;
	}
	{
		struct { bool present; const char *name; } el[] = {
			{ own, "own role" },
			{ named >= 2, "named tools" },
			{ with_units >= 1 && numbers >= 2, "numbers with units" },
			{ cause > 0, "a cause" },
			{ decide > 0, "a decision" },
			{ outcome, "a measured outcome" },
		};
		strbuf have = STRBUF_INIT, missing = STRBUF_INIT;

		elements = 0;
		for (size_t k = 0; k < sizeof(el) / sizeof(el[0]); k++) {
			strbuf *b = el[k].present ? &have : &missing;

			if (b->len)
				sb_append(b, ", ");
			sb_append(b, el[k].name);
			elements += el[k].present;
		}
		if (have.len)
			add_evidence(res, DIM_SPECIFICITY, +1, first_story ? first_story->index : -1, "the story has %s", sb_str(&have));
		if (missing.len)
			add_evidence(res, DIM_SPECIFICITY, -1, -1, "missing: %s", sb_str(&missing));
		sb_free(&have);
		sb_free(&missing);
	}
	s = elements >= 6 ? 5 : elements == 5 ? 4 : elements >= 3 ? 3 : 2;
	if (s > 2 && named < 2 && with_units == 0) {
		add_evidence(res, DIM_SPECIFICITY, -1, -1, "a generic story: no named tool and no measured number");
		s = 2;
	}
	return s;
}

/* ---- questions ---- */

/* Sentence k + 1 exists and is not itself a question: it explains question k. */
static bool followed_by_statement(const match_text *t, size_t k)
{
	char *text;
	size_t len;
	bool yes;

	if (k + 1 >= match_text_sentence_count(t))
		return false;
	text = match_text_sentence(t, k + 1);
	len = strlen(text);
	yes = len > 0 && text[len - 1] != '?';
	free(text);
	return yes;
}

static int score_candidate_questions(scorer_ctx *cx, const turn_eval *te)
{
	scorer_result *res = cx->res;
	int sub = 0, generic = 0, perks = 0, s;
	bool reason = signals_lexicon_count(te->answer, lex_reasonq, NULL) > 0;

	for (size_t k = 0; k < match_text_sentence_count(te->answer); k++) {
		char *text = match_text_sentence(te->answer, k);
		size_t len = strlen(text);
		const char *kind;
		int sign;

		if (!len || text[len - 1] != '?') {
			free(text);
			continue;
		}
		if (signals_lexicon_in_sentence(te->answer, lex_perk, k)) {
			perks++;
			kind = "logistics or perks";
			sign = -1;
		} else if (signals_lexicon_in_sentence(te->answer, lex_subst, k) ||
		           (followed_by_statement(te->answer, k) &&
		            signals_lexicon_in_sentence(te->answer, lex_subst, k + 1))) {
			sub++;
			kind = "substantive";
			sign = +1;
		} else {
			generic++;
			kind = "generic";
			sign = 0;
		}
		{
			char *q = quote_sentence(te->answer, (long)k);

			add_evidence(res, DIM_QUESTIONS, sign, te->index, "%s question: %s", kind, q);
			free(q);
		}
		free(text);
	}
	if (sub >= 2 && reason) {
		add_evidence(res, DIM_QUESTIONS, +1, te->index, "says why the questions matter");
		s = 5;
	} else if (sub >= 2) {
		s = 4;
	} else if (sub == 1 || generic >= 2) {
		s = 3;
	} else if (perks > 0 || generic == 1) {
		s = 2;
	} else {
		long first;

		if (signals_lexicon_count(te->answer, lex_decline, &first) > 0) {
			char *q = quote_sentence(te->answer, first);

			add_evidence(res, DIM_QUESTIONS, -1, te->index, "declines to ask anything: %s", q);
			free(q);
		} else {
			add_evidence(res, DIM_QUESTIONS, -1, te->index, "declines to ask anything");
		}
		s = 1;
	}
	return s;
}

static int score_questions(scorer_ctx *cx)
{
	int best = 0;

	for (size_t i = 0; i < cx->n; i++) {
		const turn_eval *te = &cx->turns[i];
		int s;

		if (te->tu->kind == TURN_CANDIDATE_QUESTIONS && te->tu->answer && !te->tu->skipped) {
			s = score_candidate_questions(cx, te);
		} else if (te->design && te->scored) {
			long first;
			int n = count_real_questions(te->answer, &first);

			s = n == 0 ? 1 : n == 1 ? 3 : n == 2 ? 4 : 5;
			if (n == 0) {
				add_evidence(cx->res, DIM_QUESTIONS, -1, te->index, "an open design problem answered without a clarifying question");
			} else {
				char *q = quote_sentence(te->answer, first);

				add_evidence(cx->res, DIM_QUESTIONS, +1, te->index, "%d clarifying question%s on a design problem: %s",
				             n, n == 1 ? "" : "s", q);
				free(q);
			}
		} else if (te->tu->kind == TURN_CANDIDATE_QUESTIONS) {
			s = 1;
			add_evidence(cx->res, DIM_QUESTIONS, -1, te->index, "skipped the chance to ask");
		} else {
			continue;
		}
		if (s > best)
			best = s;
	}
	if (best == 0)
		add_evidence(cx->res, DIM_QUESTIONS, 0, -1, "never given the chance to ask: not scored");
	return best;
}

/* ---- the result ---- */

scorer_result *scorer_assess(const transcript *t, const bank_set *banks, const rubric *r)
{
	scorer_result *res = xcalloc(1, sizeof(*res));
	scorer_ctx cx = { t, banks, NULL, t ? t->n_turns : 0, res, { NULL, NULL, 0, 0 } };
	aggregate ag;
	bank_evidence be;
	int scores[RUBRIC_DIMS];

	cx.turns = xcalloc(cx.n ? cx.n : 1, sizeof(*cx.turns));
	analyze_turns(&cx);
	collect_bank(&cx, &be);
	build_aggregate(&cx, &ag);

	res->dims[DIM_CHALLENGE].score = score_challenge(&cx);
	if (ag.n_turns > 0) {
		res->dims[DIM_ACCURACY].score = score_accuracy(&cx, &ag, &be);
		res->dims[DIM_HONESTY].score = score_honesty(&cx, &ag, &be);
		res->dims[DIM_REASONING].score = score_reasoning(&cx, &ag, res->dims[DIM_ACCURACY].score,
		                                                 res->dims[DIM_CHALLENGE].score);
	} else {
		add_evidence(res, DIM_ACCURACY, 0, -1, "no technical answer: not scored");
		add_evidence(res, DIM_HONESTY, 0, -1, "no technical answer: not scored");
		add_evidence(res, DIM_REASONING, 0, -1, "no turn asked for reasoning: not scored");
	}
	res->dims[DIM_SPECIFICITY].score = score_specificity(&cx);
	res->dims[DIM_QUESTIONS].score = score_questions(&cx);

	scorer_result_scores(res, scores);
	res->verdict = rubric_verdict(r, scores);
	res->verdict_text = xstrdup(rubric_verdict_text(r, res->verdict));

	for (size_t i = 0; i < cx.n; i++)
		match_text_free(cx.turns[i].answer);
	free(cx.turns);
	memo_free(&cx.memo);
	return res;
}

void scorer_result_free(scorer_result *res)
{
	if (!res)
		return;
	for (int d = 0; d < RUBRIC_DIMS; d++) {
		for (size_t i = 0; i < res->dims[d].n_evidence; i++)
			free(res->dims[d].evidence[i].text);
		free(res->dims[d].evidence);
	}
	for (size_t i = 0; i < res->n_flags; i++)
		free(res->flags[i].sentence);
	free(res->flags);
	free(res->points);
	free(res->matched);
	free(res->verdict_text);
	free(res);
}

void scorer_result_scores(const scorer_result *res, int scores[RUBRIC_DIMS])
{
	for (int d = 0; d < RUBRIC_DIMS; d++)
		scores[d] = res->dims[d].score;
}

static void json_opt_string(strbuf *out, const char *s)
{
	if (s)
		sb_append_json_string(out, s);
	else
		sb_append(out, "null");
}

void scorer_result_json(const scorer_result *res, bool details, strbuf *out)
{
	sb_append(out, "{\"dimensions\": {");
	for (int d = 0; d < RUBRIC_DIMS; d++) {
		const scorer_dim *dim = &res->dims[d];

		if (d)
			sb_append(out, ", ");
		sb_append_json_string(out, rubric_keys[d]);
		if (dim->score > 0)
			sb_appendf(out, ": {\"score\": %d, \"evidence\": [", dim->score);
		else
			sb_append(out, ": {\"score\": null, \"evidence\": [");
		for (size_t i = 0; i < dim->n_evidence; i++) {
			if (i)
				sb_append(out, ", ");
			sb_append_json_string(out, dim->evidence[i].text);
		}
		sb_append(out, "]}");
	}
	sb_append(out, "}, \"verdict\": ");
	sb_append_json_string(out, res->verdict_text ? res->verdict_text : "");
	if (details) {
		sb_append(out, ", \"points\": [");
		for (size_t i = 0; i < res->n_points; i++) {
			const scorer_point *p = &res->points[i];

			sb_appendf(out, "%s{\"turn\": %d, \"question_id\": ", i ? ", " : "", p->turn + 1);
			json_opt_string(out, p->question_id);
			sb_append(out, ", \"node\": ");
			json_opt_string(out, p->node);
			sb_append(out, ", \"point\": ");
			json_opt_string(out, p->point);
			sb_appendf(out, ", \"weight\": %d, \"covered\": %s}", p->weight, p->covered ? "true" : "false");
		}
		sb_append(out, "], \"red_flags\": [");
		for (size_t i = 0; i < res->n_flags; i++) {
			const scorer_flag *f = &res->flags[i];

			sb_appendf(out, "%s{\"turn\": %d, \"claim\": ", i ? ", " : "", f->turn + 1);
			json_opt_string(out, f->claim);
			sb_append(out, ", \"correction\": ");
			json_opt_string(out, f->correction);
			sb_append(out, ", \"sentence\": ");
			json_opt_string(out, f->sentence);
			sb_append(out, "}");
		}
		sb_append(out, "]");
	}
	sb_append(out, "}");
}
