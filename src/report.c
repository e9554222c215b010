#include "grill/report.h"

#include <stdlib.h>
#include <string.h>

#include "grill/debrief.h"
#include "grill/probe.h"
#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/xalloc.h"

static void score_cell(FILE *out, int score)
{
	if (score > 0)
		fprintf(out, "%5d", score);
	else
		fprintf(out, "%5s", "-");
}

static const char *dim_name(const rubric *r, int d)
{
	const rubric_dimension *dim = rubric_find(r, rubric_keys[d]);

	return dim ? dim->name : rubric_keys[d];
}

char *report_next_rehearsal(const transcript *t, const scorer_result *res)
{
	int scores[RUBRIC_DIMS] = { 0 };
	int worst = -1, d;
	static const char *const drills[RUBRIC_DIMS] = {
		"the calibration drill: grill run --claims <the technologies on your CV>, and answer or qualify the deepest follow-up",
		"boundary practice: when a follow-up passes what you know, say so, then say how you would find out",
		"design questions (grill run --tag design): commit to a choice, state assumptions, say when the alternative wins",
		"pushback practice: when challenged, name what is right in the challenge before you answer it",
		"production stories (grill run --bank behavioral): your role, the numbers with units, root cause, decision, outcome",
		"end every session with two questions about the team's real situation: on-call, incidents, what success looks like",
	};

	if (res)
		scorer_result_scores(res, scores);
	else if (t->scorer.present)
		memcpy(scores, t->scorer.score, sizeof(scores));
	/* over-claiming outranks everything: the calibration drill is its remedy */
	if ((scores[DIM_ACCURACY] > 0 && scores[DIM_ACCURACY] < 3) || (scores[DIM_HONESTY] > 0 && scores[DIM_HONESTY] < 3))
		return xstrdup(drills[DIM_ACCURACY]);
	for (d = 0; d < RUBRIC_DIMS; d++)
		if (scores[d] > 0 && scores[d] < 4 && (worst < 0 || scores[d] < scores[worst]))
			worst = d;
	if (worst < 0)
		return xstrdup("");
	return xstrdup(drills[worst]);
}

static void print_scores(FILE *out, const term_style *st, const transcript *t, const rubric *r, const int scorer[RUBRIC_DIMS], bool have_scorer)
{
	bool pair = t->interviewer.present, llm = t->llm.present;
	strbuf differ = STRBUF_INIT;
	int d;

	fprintf(out, "\n%sScores%s (1-5; - means no evidence or skipped)\n", st->bold, st->reset);
	fprintf(out, "  %-34s %5s %5s%s%s %5s\n", "", "self", have_scorer ? "grill" : "", llm ? "  model" : "",
	        pair ? "  interviewer" : "", "gap");
	for (d = 0; d < RUBRIC_DIMS; d++) {
		int self = t->self.present ? t->self.score[d] : 0;
		int ref = pair ? t->interviewer.score[d] : scorer[d];

		fprintf(out, "  %-34s", dim_name(r, d));
		score_cell(out, self);
		if (have_scorer)
			score_cell(out, scorer[d]);
		else
			fprintf(out, "%5s", "");
		if (llm) {
			fprintf(out, "  ");
			score_cell(out, t->llm.score[d]);
			if (scorer[d] > 0 && t->llm.score[d] > 0 && abs(scorer[d] - t->llm.score[d]) > 1)
				sb_appendf(&differ, "%s%s", differ.len ? ", " : "", dim_name(r, d));
		}
		if (pair) {
			fprintf(out, "%8s", "");
			score_cell(out, t->interviewer.score[d]);
		}
		if (self > 0 && ref > 0) {
			int gap = self - ref;

			fprintf(out, "  %s%+d%s", gap >= 2 ? st->red : gap <= -2 ? st->yellow : "", gap, st->reset);
			if (gap >= 2)
				fprintf(out, " %s(you rate yourself higher than the evidence)%s", st->red, st->reset);
		}
		fputc('\n', out);
	}
	if (have_scorer)
		fprintf(out, "  %sgrill: the offline scorer, from the evidence quoted below%s\n", st->dim, st->reset);
	if (llm) {
		fprintf(out, "  %smodel: a second opinion from the language model ", st->dim);
		term_print_untrusted(out, t->llm_source ? t->llm_source : "");
		fprintf(out, "%s\n", st->reset);
		if (differ.len)
			fprintf(out, "  %sthe two disagree by more than a point on: %s%s\n", st->yellow, sb_str(&differ), st->reset);
	}
	sb_free(&differ);
}

void report_print_text(FILE *out, const transcript *t, const bank_set *banks, const rubric *r,
                       const scorer_result *res)
{
	term_style st = term_style_for(out);
	int scorer[RUBRIC_DIMS] = { 0 };
	size_t i, k;
	char *next;

	if (res)
		scorer_result_scores(res, scorer);
	else if (t->scorer.present)
		memcpy(scorer, t->scorer.score, sizeof(scorer));
	print_scores(out, &st, t, r, scorer, res || t->scorer.present);
	if (res) {
		fprintf(out, "\n%sEvidence%s\n", st.bold, st.reset);
		for (i = 0; i < RUBRIC_DIMS; i++) {
			const scorer_dim *dim = &res->dims[i];

			fprintf(out, "  %s%s%s: ", st.bold, dim_name(r, (int)i), st.reset);
			if (dim->score > 0)
				fprintf(out, "%d\n", dim->score);
			else
				fprintf(out, "not scored\n");
			for (k = 0; k < dim->n_evidence; k++) {
				const scorer_evidence *e = &dim->evidence[k];
				char *line = xasprintf("%s %s", e->sign > 0 ? "+" : e->sign < 0 ? "-" : "*", e->text);

				term_print_wrapped(out, line, 4, 100);
				free(line);
			}
		}
		if (res->n_points) {
			bool any = false;

			for (i = 0; i < res->n_points; i++) {
				if (res->points[i].covered)
					continue;
				if (!any)
					fprintf(out, "\n%sMissed points%s\n", st.bold, st.reset);
				any = true;
				term_print_wrapped(out, res->points[i].point, 4, 100);
			}
		}
		if (res->n_flags) {
			fprintf(out, "\n%sRed flags%s\n", st.bold, st.reset);
			for (i = 0; i < res->n_flags; i++) {
				char *line = xasprintf("you said: \"%s\"\nthe misconception: %s\nin fact: %s", res->flags[i].sentence,
				                       res->flags[i].claim, res->flags[i].correction);

				term_print_wrapped(out, line, 4, 100);
				free(line);
			}
		}
	}
	{
		bool header = false;

		for (i = 0; i < t->n_turns; i++) {
			const bank_question *q;

			if (t->turns[i].kind != TURN_ANSWER)
				continue;
			q = bank_set_find_question(banks, t->turns[i].question_id);
			if (!q || !q->model_answer)
				continue;
			if (!header)
				fprintf(out, "\n%sModel answers%s\n", st.bold, st.reset);
			header = true;
			fprintf(out, "  %s", st.cyan);
			term_print_untrusted(out, q->prompt);
			fprintf(out, "%s\n", st.reset);
			term_print_wrapped(out, q->model_answer, 4, 100);
		}
	}
	if (res && res->verdict != VERDICT_NONE) {
		fprintf(out, "\n%sVerdict%s\n", st.bold, st.reset);
		term_print_wrapped(out, res->verdict_text, 2, 100);
	}
	next = report_next_rehearsal(t, res);
	if (*next) {
		fprintf(out, "\n%sNext rehearsal%s\n", st.bold, st.reset);
		term_print_wrapped(out, next, 2, 100);
	}
	free(next);
}

/* ---- the full report: text, Markdown, JSON, HTML ---- */

int report_format_parse(const char *name)
{
	static const char *const names[] = { "text", "md", "json", "html" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

static const char *turn_label(turn_kind k)
{
	switch (k) {
	case TURN_ANSWER: return "Main question";
	case TURN_PROBE: return "Follow-up";
	case TURN_CHALLENGE: return "Pushback";
	case TURN_CANDIDATE_QUESTIONS: return "Your questions";
	}
	return "Turn";
}

/* The scores every format shows: self, scorer, interviewer, and what the gap is measured against. */
typedef struct report_scores {
	int self[RUBRIC_DIMS], scorer[RUBRIC_DIMS], inter[RUBRIC_DIMS], llm[RUBRIC_DIMS];
	bool has_self, has_scorer, has_inter, has_llm;
} report_scores;

static void collect_scores(const transcript *t, const scorer_result *res, report_scores *s)
{
	memset(s, 0, sizeof(*s));
	s->has_self = t->self.present;
	if (s->has_self)
		memcpy(s->self, t->self.score, sizeof(s->self));
	s->has_inter = t->interviewer.present;
	if (s->has_inter)
		memcpy(s->inter, t->interviewer.score, sizeof(s->inter));
	s->has_llm = t->llm.present;
	if (s->has_llm)
		memcpy(s->llm, t->llm.score, sizeof(s->llm));
	if (res) {
		scorer_result_scores(res, s->scorer);
		s->has_scorer = true;
	} else if (t->scorer.present) {
		memcpy(s->scorer, t->scorer.score, sizeof(s->scorer));
		s->has_scorer = true;
	}
}

/* A column of the score table: every format shows the same ones, in this order. */
typedef struct score_column {
	const char *label;
	const int *scores;
	bool present;      /* false: the column is shown, its cells empty (self not entered) */
} score_column;

/* The columns for these scores: self always, then each source that scored. Returns how many. */
static size_t score_columns(const report_scores *sc, score_column cols[4])
{
	size_t n = 0;

	cols[n++] = (score_column){ "Self", sc->self, sc->has_self };
	if (sc->has_scorer)
		cols[n++] = (score_column){ "grill", sc->scorer, true };
	if (sc->has_llm)
		cols[n++] = (score_column){ "Model", sc->llm, true };
	if (sc->has_inter)
		cols[n++] = (score_column){ "Interviewer", sc->inter, true };
	return n;
}

/* Self minus the interviewer's score in pair mode, else the scorer's; false when either is missing. */
static bool score_gap(const report_scores *s, int d, int *gap)
{
	int ref = s->has_inter ? s->inter[d] : s->has_scorer ? s->scorer[d] : 0;

	if (!s->has_self || s->self[d] <= 0 || ref <= 0)
		return false;
	*gap = s->self[d] - ref;
	return true;
}

static const bank_question *model_question(const bank_set *banks, const turn *tu)
{
	const bank_question *q;

	if (tu->kind != TURN_ANSWER || !tu->question_id || !banks)
		return NULL;
	q = bank_set_find_question(banks, tu->question_id);
	return q && q->model_answer ? q : NULL;
}

/*
 * Pair mode: the expected points the interviewer heard on this turn and the
 * ones they did not, as two lines of text; NULL when the turn has no ticks
 * recorded and no points to tick. Caller frees.
 */
static char *heard_points(const bank_set *banks, const turn *tu)
{
	const bank_point *pts;
	const bank_red_flag *flags;
	size_t np = 0, nf, i, k;
	strbuf heard = STRBUF_INIT, missed = STRBUF_INIT;
	node_ref ref;
	char *out;

	if (!tu->n_ticked && !tu->note)
		return NULL;
	if (!banks || !tu->question_id || !node_resolve(banks, tu->question_id, tu->node, &ref))
		return NULL;
	node_expectations(&ref, &pts, &np, &flags, &nf);
	if (np == 0)
		return NULL;
	for (i = 0; i < np; i++) {
		bool ticked = false;

		for (k = 0; k < tu->n_ticked && !ticked; k++)
			ticked = strcmp(tu->ticked[k], pts[i].id) == 0;
		sb_appendf(ticked ? &heard : &missed, "%s%s", (ticked ? heard.len : missed.len) ? "; " : "", pts[i].point);
	}
	out = xasprintf("heard: %s\nnot heard: %s", heard.len ? sb_str(&heard) : "none",
	                missed.len ? sb_str(&missed) : "none");
	sb_free(&heard);
	sb_free(&missed);
	return out;
}

static void print_labelled(FILE *out, const term_style *st, const char *label, const char *text, int indent)
{
	char *clean = term_sanitize(text ? text : "");
	char *line = xasprintf("%s%s", label, clean);

	(void)st;
	term_print_wrapped(out, line, indent, 100);
	free(line);
	free(clean);
}

void report_print_full(FILE *out, const transcript *t, const bank_set *banks, const rubric *r,
                       const scorer_result *res)
{
	term_style st = term_style_for(out);
	debrief_meta meta;
	size_t i;

	fprintf(out, "%sSession ", st.bold);
	term_print_untrusted(out, t->id ? t->id : "(no id)");
	fprintf(out, "%s (", st.reset);
	term_print_untrusted(out, t->kind);
	fputs(", ", out);
	term_print_untrusted(out, t->status ? t->status : "");
	fputs(")", out);
	if (t->created) {
		fputs(", ", out);
		term_print_untrusted(out, t->created);
	}
	fputc('\n', out);
	if (t->settings.n_banks) {
		fputs("Banks: ", out);
		for (i = 0; i < t->settings.n_banks; i++) {
			if (i)
				fputs(", ", out);
			term_print_untrusted(out, t->settings.banks[i]);
		}
		fputc('\n', out);
	}
	debrief_meta_parse(t->meta_json, &meta);
	if (meta.company)
		print_labelled(out, &st, "Company: ", meta.company, 0);
	if (meta.role)
		print_labelled(out, &st, "Role: ", meta.role, 0);
	if (meta.date)
		print_labelled(out, &st, "Interview date: ", meta.date, 0);
	if (meta.round)
		print_labelled(out, &st, "Round: ", meta.round, 0);
	if (meta.went_well)
		print_labelled(out, &st, "What went well: ", meta.went_well, 0);
	if (meta.rehearse)
		print_labelled(out, &st, "What to rehearse: ", meta.rehearse, 0);
	debrief_meta_free(&meta);
	if (t->n_turns)
		fprintf(out, "\n%sTurns%s\n", st.bold, st.reset);
	for (i = 0; i < t->n_turns; i++) {
		const turn *tu = &t->turns[i];

		fprintf(out, "\n  %s%zu. %s%s", st.bold, i + 1, turn_label(tu->kind), st.reset);
		if (tu->question_id) {
			fprintf(out, " %s(", st.dim);
			term_print_untrusted(out, tu->question_id);
			fprintf(out, ")%s", st.reset);
		}
		fputc('\n', out);
		print_labelled(out, &st, "", tu->question, 4);
		if (tu->reason) {
			fputs(st.dim, out);
			print_labelled(out, &st, "why: ", tu->reason, 4);
			fputs(st.reset, out);
		}
		if (tu->skipped)
			fputs("    answer: (skipped)\n", out);
		else if (!tu->answer)
			fputs("    answer: (none yet)\n", out);
		else
			print_labelled(out, &st, "answer: ", tu->answer, 4);
		if (tu->boundary)
			print_labelled(out, &st, "where the thread ended: ", tu->boundary, 4);
		if (tu->note)
			print_labelled(out, &st, "interviewer's note: ", tu->note, 4);
		{
			char *heard = heard_points(banks, tu);

			if (heard)
				print_labelled(out, &st, "points ", heard, 4);
			free(heard);
		}
	}
	report_print_text(out, t, banks, r, res);
}

/* ---- Markdown ---- */

/* Untrusted text as Markdown that renders as the same text: no HTML, no markup. */
static void md_text(strbuf *o, const char *s)
{
	char *clean = term_sanitize(s ? s : "");
	const char *p;

	for (p = clean; *p; p++) {
		switch (*p) {
		case '<': sb_append(o, "&lt;"); break;
		case '>': sb_append(o, "&gt;"); break;
		case '&': sb_append(o, "&amp;"); break;
		case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#':
		case '!': case '~':
			sb_putc(o, '\\');
			sb_putc(o, *p);
			break;
		default:
			sb_putc(o, *p);
		}
	}
	free(clean);
}

/* A quoted block: every line prefixed with "> ". */
static void md_quote(strbuf *o, const char *s)
{
	char *clean = term_sanitize(s ? s : "");
	char *line = clean, *nl;

	do {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		sb_append(o, "> ");
		md_text(o, line);
		sb_append(o, "\n");
		line = nl ? nl + 1 : NULL;
	} while (line);
	free(clean);
}

static void md_cell(strbuf *o, bool present, int score)
{
	if (present && score > 0)
		sb_appendf(o, " %d |", score);
	else
		sb_append(o, " - |");
}

static void render_md(strbuf *o, const transcript *t, const bank_set *banks, const rubric *r, const scorer_result *res)
{
	report_scores sc;
	score_column cols[4];
	size_t n_cols, c;
	debrief_meta meta;
	size_t i, k;
	int d;
	char *next;

	collect_scores(t, res, &sc);
	sb_append(o, "# grill report: ");
	md_text(o, t->id ? t->id : "(no id)");
	sb_append(o, "\n\n- Kind: ");
	md_text(o, t->kind);
	sb_append(o, "\n- Status: ");
	md_text(o, t->status);
	if (t->created) {
		sb_append(o, "\n- Date: ");
		md_text(o, t->created);
	}
	if (t->settings.n_banks) {
		sb_append(o, "\n- Banks: ");
		for (i = 0; i < t->settings.n_banks; i++) {
			if (i)
				sb_append(o, ", ");
			md_text(o, t->settings.banks[i]);
		}
	}
	sb_append(o, "\n");
	debrief_meta_parse(t->meta_json, &meta);
	{
		const char *labels[] = { "Company", "Role", "Interview date", "Round", "What went well", "What to rehearse" };
		const char *values[] = { meta.company, meta.role, meta.date, meta.round, meta.went_well, meta.rehearse };

		for (k = 0; k < 6; k++) {
			if (!values[k])
				continue;
			sb_appendf(o, "- %s: ", labels[k]);
			md_text(o, values[k]);
			sb_append(o, "\n");
		}
	}
	debrief_meta_free(&meta);
	if (t->n_turns)
		sb_append(o, "\n## Turns\n");
	for (i = 0; i < t->n_turns; i++) {
		const turn *tu = &t->turns[i];

		sb_appendf(o, "\n### %zu. %s", i + 1, turn_label(tu->kind));
		if (tu->question_id) {
			sb_append(o, " (");
			md_text(o, tu->question_id);
			sb_append(o, ")");
		}
		sb_append(o, "\n\n");
		md_quote(o, tu->question);
		if (tu->reason) {
			sb_append(o, "\n*Why asked:* ");
			md_text(o, tu->reason);
			sb_append(o, "\n");
		}
		sb_append(o, "\n**Answer:**");
		if (tu->skipped || !tu->answer) {
			sb_append(o, tu->skipped ? " (skipped)\n" : " (none yet)\n");
		} else {
			sb_append(o, "\n\n");
			md_quote(o, tu->answer);
		}
		if (tu->boundary) {
			sb_append(o, "\n*Where the thread ended:* ");
			md_text(o, tu->boundary);
			sb_append(o, "\n");
		}
		if (tu->note) {
			sb_append(o, "\n*Interviewer's note:* ");
			md_text(o, tu->note);
			sb_append(o, "\n");
		}
		{
			char *heard = heard_points(banks, tu);

			if (heard) {
				sb_append(o, "\n*Points ");
				md_text(o, heard);
				sb_append(o, "*\n");
			}
			free(heard);
		}
	}
	n_cols = score_columns(&sc, cols);
	sb_append(o, "\n## Scores\n\n1-5; - means no evidence or skipped.\n\n| Dimension |");
	for (c = 0; c < n_cols; c++)
		sb_appendf(o, " %s |", cols[c].label);
	sb_append(o, " Gap |\n|---|");
	for (c = 0; c < n_cols; c++)
		sb_append(o, "---|");
	sb_append(o, "---|\n");
	for (d = 0; d < RUBRIC_DIMS; d++) {
		int gap;

		sb_append(o, "| ");
		md_text(o, dim_name(r, d));
		sb_append(o, " |");
		for (c = 0; c < n_cols; c++)
			md_cell(o, cols[c].present, cols[c].scores[d]);
		if (score_gap(&sc, d, &gap))
			sb_appendf(o, " %+d%s |\n", gap, gap >= 2 ? " (you rate yourself higher than the evidence)" : "");
		else
			sb_append(o, " |\n");
	}
	if (sc.has_llm && t->llm_source) {
		sb_append(o, "\nModel: a second opinion from the language model ");
		md_text(o, t->llm_source);
		sb_append(o, "; grill: the offline scorer.\n");
	}
	if (t->self.present) {
		bool any = false;

		for (d = 0; d < RUBRIC_DIMS; d++) {
			if (!t->self.note[d])
				continue;
			if (!any)
				sb_append(o, "\n**Your notes:**\n\n");
			any = true;
			sb_append(o, "- ");
			md_text(o, dim_name(r, d));
			sb_append(o, ": ");
			md_text(o, t->self.note[d]);
			sb_append(o, "\n");
		}
	}
	if (res) {
		sb_append(o, "\n## Evidence\n");
		for (d = 0; d < RUBRIC_DIMS; d++) {
			const scorer_dim *dim = &res->dims[d];

			sb_append(o, "\n### ");
			md_text(o, dim_name(r, d));
			if (dim->score > 0)
				sb_appendf(o, ": %d\n\n", dim->score);
			else
				sb_append(o, ": not scored\n\n");
			for (k = 0; k < dim->n_evidence; k++) {
				sb_appendf(o, "- %s ", dim->evidence[k].sign > 0 ? "(+)" : dim->evidence[k].sign < 0 ? "(-)" : "(·)");
				md_text(o, dim->evidence[k].text);
				sb_append(o, "\n");
			}
		}
		for (i = 0, k = 0; i < res->n_points; i++) {
			if (res->points[i].covered)
				continue;
			if (k++ == 0)
				sb_append(o, "\n## Missed points\n\n");
			sb_appendf(o, "- turn %d: ", res->points[i].turn + 1);
			md_text(o, res->points[i].point);
			sb_append(o, "\n");
		}
		if (res->n_flags)
			sb_append(o, "\n## Red flags\n");
		for (i = 0; i < res->n_flags; i++) {
			sb_appendf(o, "\n- **Turn %d.** You said:\n\n", res->flags[i].turn + 1);
			md_quote(o, res->flags[i].sentence);
			sb_append(o, "\n  The misconception: ");
			md_text(o, res->flags[i].claim);
			sb_append(o, "\n\n  In fact: ");
			md_text(o, res->flags[i].correction);
			sb_append(o, "\n");
		}
	}
	for (i = 0, k = 0; i < t->n_turns; i++) {
		const bank_question *q = model_question(banks, &t->turns[i]);

		if (!q)
			continue;
		if (k++ == 0)
			sb_append(o, "\n## Model answers\n");
		sb_append(o, "\n**");
		md_text(o, q->prompt);
		sb_append(o, "**\n\n");
		md_quote(o, q->model_answer);
	}
	if (res && res->verdict != VERDICT_NONE) {
		sb_append(o, "\n## Verdict\n\n");
		md_text(o, res->verdict_text);
		sb_append(o, "\n");
	}
	next = report_next_rehearsal(t, res);
	if (*next) {
		sb_append(o, "\n## Next rehearsal\n\n");
		md_text(o, next);
		sb_append(o, "\n");
	}
	free(next);
}

/* ---- JSON ---- */

static void json_str_or_null(strbuf *o, const char *s)
{
	if (s)
		sb_append_json_string(o, s);
	else
		sb_append(o, "null");
}

static void render_json(strbuf *o, const transcript *t, const bank_set *banks, const scorer_result *res)
{
	report_scores sc;
	debrief_meta meta;
	size_t i, k;
	int d;
	char *next;
	bool first;

	collect_scores(t, res, &sc);
	sb_append(o, "{\"id\": ");
	json_str_or_null(o, t->id);
	sb_append(o, ", \"kind\": ");
	json_str_or_null(o, t->kind);
	sb_append(o, ", \"status\": ");
	json_str_or_null(o, t->status);
	sb_append(o, ", \"created\": ");
	json_str_or_null(o, t->created);
	sb_append(o, ", \"banks\": [");
	for (i = 0; i < t->settings.n_banks; i++) {
		if (i)
			sb_append(o, ", ");
		sb_append_json_string(o, t->settings.banks[i]);
	}
	sb_append(o, "], \"debrief\": ");
	debrief_meta_parse(t->meta_json, &meta);
	if (strcmp(t->kind, "debrief") == 0)
		debrief_meta_json(&meta, o);
	else
		sb_append(o, "null");
	debrief_meta_free(&meta);
	sb_append(o, ",\n \"turns\": [");
	for (i = 0; i < t->n_turns; i++) {
		const turn *tu = &t->turns[i];

		sb_append(o, i ? ",\n  {\"kind\": " : "\n  {\"kind\": ");
		sb_append_json_string(o, turn_kind_name(tu->kind));
		sb_append(o, ", \"question\": ");
		json_str_or_null(o, tu->question);
		sb_append(o, ", \"question_id\": ");
		json_str_or_null(o, tu->question_id);
		sb_append(o, ", \"node\": ");
		json_str_or_null(o, tu->node);
		sb_append(o, ", \"reason\": ");
		json_str_or_null(o, tu->reason);
		sb_appendf(o, ", \"depth\": %d, \"skipped\": %s, \"answer\": ", tu->depth, tu->skipped ? "true" : "false");
		json_str_or_null(o, tu->answer);
		sb_append(o, ", \"boundary\": ");
		json_str_or_null(o, tu->boundary);
		sb_append(o, ", \"note\": ");
		json_str_or_null(o, tu->note);
		sb_append(o, ", \"ticked\": [");
		for (size_t j = 0; j < tu->n_ticked; j++) {
			if (j)
				sb_append(o, ", ");
			sb_append_json_string(o, tu->ticked[j]);
		}
		sb_append(o, "]}");
	}
	sb_append(o, "],\n \"scores\": {\"self\": ");
	scores_write_json(o, sc.has_self, sc.self);
	sb_append(o, ", \"scorer\": ");
	scores_write_json(o, sc.has_scorer, sc.scorer);
	sb_append(o, ", \"interviewer\": ");
	scores_write_json(o, sc.has_inter, sc.inter);
	sb_append(o, ", \"llm\": ");
	scores_write_json(o, sc.has_llm, sc.llm);
	sb_append(o, ", \"gap\": {");
	for (d = 0; d < RUBRIC_DIMS; d++) {
		int gap;

		sb_appendf(o, "%s\"%s\": ", d ? ", " : "", rubric_keys[d]);
		if (score_gap(&sc, d, &gap))
			sb_appendf(o, "%d", gap);
		else
			sb_append(o, "null");
	}
	sb_append(o, "}, \"self_notes\": {");
	for (d = 0, first = true; d < RUBRIC_DIMS; d++) {
		if (!t->self.present || !t->self.note[d])
			continue;
		sb_appendf(o, "%s\"%s\": ", first ? "" : ", ", rubric_keys[d]);
		sb_append_json_string(o, t->self.note[d]);
		first = false;
	}
	sb_append(o, "}},\n \"evidence\": ");
	if (res) {
		sb_putc(o, '{');
		for (d = 0; d < RUBRIC_DIMS; d++) {
			sb_appendf(o, "%s\"%s\": [", d ? ", " : "", rubric_keys[d]);
			for (k = 0; k < res->dims[d].n_evidence; k++) {
				const scorer_evidence *e = &res->dims[d].evidence[k];

				sb_appendf(o, "%s{\"sign\": %d, \"text\": ", k ? ", " : "", e->sign);
				sb_append_json_string(o, e->text);
				sb_putc(o, '}');
			}
			sb_putc(o, ']');
		}
		sb_putc(o, '}');
	} else {
		sb_append(o, "null");
	}
	sb_append(o, ",\n \"missed_points\": [");
	for (i = 0, k = 0; res && i < res->n_points; i++) {
		if (res->points[i].covered)
			continue;
		sb_appendf(o, "%s{\"turn\": %d, \"question_id\": ", k++ ? ", " : "", res->points[i].turn + 1);
		json_str_or_null(o, res->points[i].question_id);
		sb_append(o, ", \"point\": ");
		json_str_or_null(o, res->points[i].point);
		sb_putc(o, '}');
	}
	sb_append(o, "],\n \"red_flags\": [");
	for (i = 0; res && i < res->n_flags; i++) {
		sb_appendf(o, "%s{\"turn\": %d, \"sentence\": ", i ? ", " : "", res->flags[i].turn + 1);
		json_str_or_null(o, res->flags[i].sentence);
		sb_append(o, ", \"claim\": ");
		json_str_or_null(o, res->flags[i].claim);
		sb_append(o, ", \"correction\": ");
		json_str_or_null(o, res->flags[i].correction);
		sb_putc(o, '}');
	}
	sb_append(o, "],\n \"model_answers\": [");
	for (i = 0, k = 0; i < t->n_turns; i++) {
		const bank_question *q = model_question(banks, &t->turns[i]);

		if (!q)
			continue;
		sb_append(o, k++ ? ", {\"question_id\": " : "{\"question_id\": ");
		sb_append_json_string(o, q->id);
		sb_append(o, ", \"prompt\": ");
		sb_append_json_string(o, q->prompt);
		sb_append(o, ", \"model_answer\": ");
		sb_append_json_string(o, q->model_answer);
		sb_putc(o, '}');
	}
	sb_append(o, "],\n \"verdict\": ");
	json_str_or_null(o, res ? res->verdict_text : NULL);
	next = report_next_rehearsal(t, res);
	sb_append(o, ",\n \"next_rehearsal\": ");
	json_str_or_null(o, *next ? next : NULL);
	free(next);
	sb_append(o, "}\n");
}

/* ---- HTML ---- */

/*
 * Untrusted text as HTML text: markup characters become entities, and so
 * does ':' so that no URL ("http://...") appears anywhere in the page.
 */
static void html_text(strbuf *o, const char *s)
{
	char *clean = term_sanitize(s ? s : "");
	const char *p;

	for (p = clean; *p; p++) {
		switch (*p) {
		case '<': sb_append(o, "&lt;"); break;
		case '>': sb_append(o, "&gt;"); break;
		case '&': sb_append(o, "&amp;"); break;
		case '"': sb_append(o, "&quot;"); break;
		case '\'': sb_append(o, "&#39;"); break;
		case ':': sb_append(o, "&#58;"); break;
		default: sb_putc(o, *p);
		}
	}
	free(clean);
}

static void html_para(strbuf *o, const char *cls, const char *label, const char *text)
{
	sb_appendf(o, "<p class=\"%s\">", cls);
	if (label)
		sb_appendf(o, "<span class=\"label\">%s</span> ", label);
	html_text(o, text);
	sb_append(o, "</p>\n");
}

static void html_cell(strbuf *o, bool present, int score)
{
	if (present && score > 0)
		sb_appendf(o, "<td class=\"num s%d\">%d</td>", score, score);
	else
		sb_append(o, "<td class=\"num none\">-</td>");
}

static const char html_style[] =
	"body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;margin:2rem auto;"
	"padding:0 1rem;color:#1d232a;background:#fff}"
	"h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #d8dee4;padding-bottom:.2rem}"
	"h3{font-size:1.05rem;margin:1.2rem 0 .3rem}.meta{color:#57606a;margin:.1rem 0}"
	".turn{border-left:4px solid #d8dee4;padding:.2rem 0 .2rem 1rem;margin:1rem 0}"
	".turn.probe{border-color:#0969da}.turn.challenge{border-color:#bf8700}.turn.candidate_questions{border-color:#8250df}"
	".q{font-weight:600;margin:.2rem 0}.why{color:#57606a;font-size:.92rem;margin:.2rem 0}"
	".a{white-space:pre-wrap;background:#f6f8fa;border-radius:6px;padding:.5rem .75rem;margin:.3rem 0}"
	".label{font-weight:600;color:#57606a}"
	"table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d8dee4;padding:.3rem .6rem;text-align:left}"
	"td.num{text-align:center}.s1,.s2{background:#ffebe9}.s3{background:#fff8c5}.s4,.s5{background:#dafbe1}"
	".over{color:#cf222e;font-weight:600}ul{padding-left:1.3rem}li.plus::marker{content:'+ '}"
	"li.minus::marker{content:'- '}.flag{border:1px solid #ffcecb;background:#fff5f5;border-radius:6px;"
	"padding:.4rem .8rem;margin:.6rem 0}.model{white-space:pre-wrap}"
	"@media print{body{margin:0}}";

static void render_html(strbuf *o, const transcript *t, const bank_set *banks, const rubric *r, const scorer_result *res)
{
	report_scores sc;
	score_column cols[4];
	size_t n_cols, c;
	debrief_meta meta;
	size_t i, k;
	int d;
	char *next;

	collect_scores(t, res, &sc);
	sb_append(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>grill report ");
	html_text(o, t->id ? t->id : "");
	sb_appendf(o, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>grill report</h1>\n", html_style);
	sb_append(o, "<p class=\"meta\" id=\"session\">Session ");
	html_text(o, t->id ? t->id : "(no id)");
	sb_append(o, " &middot; ");
	html_text(o, t->kind);
	sb_append(o, " &middot; ");
	html_text(o, t->status);
	if (t->created) {
		sb_append(o, " &middot; ");
		html_text(o, t->created);
	}
	sb_append(o, "</p>\n");
	if (t->settings.n_banks) {
		sb_append(o, "<p class=\"meta\">Banks: ");
		for (i = 0; i < t->settings.n_banks; i++) {
			if (i)
				sb_append(o, ", ");
			html_text(o, t->settings.banks[i]);
		}
		sb_append(o, "</p>\n");
	}
	debrief_meta_parse(t->meta_json, &meta);
	{
		const char *labels[] = { "Company", "Role", "Interview date", "Round", "What went well", "What to rehearse" };
		const char *values[] = { meta.company, meta.role, meta.date, meta.round, meta.went_well, meta.rehearse };

		for (k = 0; k < 6; k++)
			if (values[k])
				html_para(o, "meta", labels[k], values[k]);
	}
	debrief_meta_free(&meta);
	if (t->n_turns)
		sb_append(o, "<h2>Turns</h2>\n");
	for (i = 0; i < t->n_turns; i++) {
		const turn *tu = &t->turns[i];

		sb_appendf(o, "<div class=\"turn %s\">\n<h3>%zu. %s", turn_kind_name(tu->kind), i + 1, turn_label(tu->kind));
		if (tu->question_id) {
			sb_append(o, " <span class=\"meta\">(");
			html_text(o, tu->question_id);
			sb_append(o, ")</span>");
		}
		sb_append(o, "</h3>\n");
		html_para(o, "q", NULL, tu->question);
		if (tu->reason)
			html_para(o, "why", "Why asked:", tu->reason);
		if (tu->skipped || !tu->answer)
			html_para(o, "why", "Answer:", tu->skipped ? "(skipped)" : "(none yet)");
		else
			html_para(o, "a", NULL, tu->answer);
		if (tu->boundary)
			html_para(o, "why", "Where the thread ended:", tu->boundary);
		if (tu->note)
			html_para(o, "why", "Interviewer's note:", tu->note);
		{
			char *heard = heard_points(banks, tu);

			if (heard)
				html_para(o, "why", "Points", heard);
			free(heard);
		}
		sb_append(o, "</div>\n");
	}
	n_cols = score_columns(&sc, cols);
	sb_append(o, "<h2>Scores</h2>\n<p class=\"meta\">1-5; - means no evidence or skipped.</p>\n"
	             "<table id=\"scores\">\n<tr><th>Dimension</th>");
	for (c = 0; c < n_cols; c++)
		sb_appendf(o, "<th>%s</th>", cols[c].label);
	sb_append(o, "<th>Gap</th></tr>\n");
	for (d = 0; d < RUBRIC_DIMS; d++) {
		int gap;

		sb_append(o, "<tr><td>");
		html_text(o, dim_name(r, d));
		sb_append(o, "</td>");
		for (c = 0; c < n_cols; c++)
			html_cell(o, cols[c].present, cols[c].scores[d]);
		if (score_gap(&sc, d, &gap))
			sb_appendf(o, "<td class=\"num%s\">%+d</td></tr>\n", gap >= 2 ? " over" : "", gap);
		else
			sb_append(o, "<td></td></tr>\n");
	}
	sb_append(o, "</table>\n");
	if (sc.has_llm && t->llm_source) {
		sb_append(o, "<p class=\"meta\">Model: a second opinion from the language model ");
		html_text(o, t->llm_source);
		sb_append(o, "; grill: the offline scorer.</p>\n");
	}
	if (t->self.present) {
		bool any = false;

		for (d = 0; d < RUBRIC_DIMS; d++) {
			if (!t->self.note[d])
				continue;
			if (!any)
				sb_append(o, "<h3>Your notes</h3>\n<ul>\n");
			any = true;
			sb_append(o, "<li><span class=\"label\">");
			html_text(o, dim_name(r, d));
			sb_append(o, "</span> ");
			html_text(o, t->self.note[d]);
			sb_append(o, "</li>\n");
		}
		if (any)
			sb_append(o, "</ul>\n");
	}
	if (res) {
		sb_append(o, "<h2>Evidence</h2>\n");
		for (d = 0; d < RUBRIC_DIMS; d++) {
			const scorer_dim *dim = &res->dims[d];

			sb_append(o, "<h3>");
			html_text(o, dim_name(r, d));
			if (dim->score > 0)
				sb_appendf(o, ": %d</h3>\n<ul>\n", dim->score);
			else
				sb_append(o, ": not scored</h3>\n<ul>\n");
			for (k = 0; k < dim->n_evidence; k++) {
				const scorer_evidence *e = &dim->evidence[k];

				sb_appendf(o, "<li class=\"%s\">", e->sign > 0 ? "plus" : e->sign < 0 ? "minus" : "context");
				html_text(o, e->text);
				sb_append(o, "</li>\n");
			}
			sb_append(o, "</ul>\n");
		}
		for (i = 0, k = 0; i < res->n_points; i++) {
			if (res->points[i].covered)
				continue;
			if (k++ == 0)
				sb_append(o, "<h2>Missed points</h2>\n<ul>\n");
			sb_appendf(o, "<li>turn %d&#58; ", res->points[i].turn + 1);
			html_text(o, res->points[i].point);
			sb_append(o, "</li>\n");
		}
		if (k)
			sb_append(o, "</ul>\n");
		if (res->n_flags)
			sb_append(o, "<h2>Red flags</h2>\n");
		for (i = 0; i < res->n_flags; i++) {
			sb_appendf(o, "<div class=\"flag\"><p><span class=\"label\">Turn %d, you said&#58;</span></p>\n",
			           res->flags[i].turn + 1);
			html_para(o, "a", NULL, res->flags[i].sentence);
			html_para(o, "why", "The misconception:", res->flags[i].claim);
			html_para(o, "fix", "In fact:", res->flags[i].correction);
			sb_append(o, "</div>\n");
		}
	}
	for (i = 0, k = 0; i < t->n_turns; i++) {
		const bank_question *q = model_question(banks, &t->turns[i]);

		if (!q)
			continue;
		if (k++ == 0)
			sb_append(o, "<h2>Model answers</h2>\n");
		html_para(o, "q", NULL, q->prompt);
		html_para(o, "model", NULL, q->model_answer);
	}
	if (res && res->verdict != VERDICT_NONE) {
		sb_append(o, "<h2>Verdict</h2>\n");
		html_para(o, "verdict", NULL, res->verdict_text);
	}
	next = report_next_rehearsal(t, res);
	if (*next) {
		sb_append(o, "<h2>Next rehearsal</h2>\n");
		html_para(o, "next", NULL, next);
	}
	free(next);
	sb_append(o, "</body>\n</html>\n");
}

void report_render(report_format f, strbuf *out, const transcript *t, const bank_set *banks, const rubric *r,
                   const scorer_result *res)
{
	switch (f) {
	case REPORT_TEXT: {
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);

		if (!mem) {
			xmalloc((size_t)-1); /* the out-of-memory policy: report and exit */
			return;
		}
		report_print_full(mem, t, banks, r, res);
		fclose(mem);
		sb_appendn(out, buf, len);
		free(buf);
		break;
	}
	case REPORT_MD:
		render_md(out, t, banks, r, res);
		break;
	case REPORT_JSON:
		render_json(out, t, banks, res);
		break;
	case REPORT_HTML:
		render_html(out, t, banks, r, res);
		break;
	}
}
