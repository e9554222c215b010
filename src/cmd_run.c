/* `grill run` and `grill resume`: the solo session in the terminal. */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "grill/cli_history.h"
#include "grill/cli_util.h"
#include "grill/commands.h"
#include "grill/config.h"
#include "grill/llm.h"
#include "grill/probe.h"
#include "grill/repl.h"
#include "grill/report.h"
#include "grill/scorer.h"
#include "grill/schedule.h"
#include "grill/select.h"
#include "grill/selfassess.h"
#include "grill/session.h"
#include "grill/store.h"
#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/xalloc.h"

typedef struct run_ui {
	FILE *out;
	term_style st;
	repl *in;
	bool quiet;
	bool coach;
	int minutes;
	double session_started;
	llm_client *llm;      /* NULL: offline */
	bool llm_probes;      /* --llm-probes: a generated follow-up after every answer */
	bool streaming;       /* a generated follow-up is being printed */
	size_t streamed_turn; /* 1 + index of the turn already shown while it streamed, or 0 */
} run_ui;

/* ---- options ---- */

static char **split_list(const char *s, size_t *n)
{
	char **out = NULL;
	size_t cap = 0;
	const char *p = s;

	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		const char *a = p, *b = p + len;

		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b > a) {
			char *item = xstrndup(a, (size_t)(b - a));

			for (char *c = item; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			xgrow((void **)&out, &cap, *n + 1, sizeof(*out));
			out[(*n)++] = item;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return out;
}

/* A claim is a technology id or any of its aliases ("k8s"); NULL when unknown. */
static const char *claim_to_tech(const bank_set *banks, const char *claim)
{
	const bank_tech *t = bank_set_find_tech(banks, claim);
	match_text *mt;
	size_t i;

	if (t)
		return t->id;
	mt = match_text_new(claim);
	for (i = 0; i < bank_set_tech_count(banks); i++) {
		t = bank_set_tech(banks, i);
		if (pattern_list_match(&t->aliases, mt)) {
			match_text_free(mt);
			return t->id;
		}
	}
	match_text_free(mt);
	return NULL;
}

static unsigned long random_seed(void)
{
	unsigned long seed = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (read(fd, &seed, sizeof(seed)) != (ssize_t)sizeof(seed))
			seed = 0;
		close(fd);
	}
	if (!seed)
		seed = (unsigned long)getpid() * 2654435761ul;
	return seed % 1000000;
}

static void free_strings(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Fills settings and selection options from the command line; false on a usage error. */
bool cli_session_options(const command *cmd, const cli_args *args, const bank_set *banks,
                         transcript_settings *s, select_opts *o)
{
	const char *v;
	long n;
	size_t i, count;
	const char *const *list;

	memset(s, 0, sizeof(*s));
	memset(o, 0, sizeof(*o));
	s->questions = 5;
	s->depth = 3;
	o->level = -1;
	if ((v = cli_value(args, "questions"))) {
		if (!cli_parse_int(cmd->name, "questions", v, 1, 50, &n))
			return false;
		s->questions = (int)n;
	}
	if ((v = cli_value(args, "depth"))) {
		if (!cli_parse_int(cmd->name, "depth", v, 1, BANK_MAX_PROBE_DEPTH, &n))
			return false;
		s->depth = (int)n;
	}
	if ((v = cli_value(args, "minutes"))) {
		if (!cli_parse_int(cmd->name, "minutes", v, 1, 120, &n))
			return false;
		s->minutes = (int)n;
	}
	if ((v = cli_value(args, "seed"))) {
		if (!cli_parse_int(cmd->name, "seed", v, 0, 2147483647L, &n))
			return false;
		s->seed = (unsigned long)n;
	} else {
		s->seed = random_seed();
	}
	s->has_seed = true;
	if ((v = cli_value(args, "level"))) {
		int level = question_level_parse(v);

		if (level < 0) {
			fprintf(stderr, "grill %s: --level wants junior, mid, senior or staff, not '%s'\n", cmd->name, v);
			return false;
		}
		s->level = xstrdup(v);
		o->level = level;
	}
	list = cli_values(args, "bank", &count);
	s->banks = xcalloc(count + 1, sizeof(char *));
	for (i = 0; i < count; i++) {
		if (!bank_set_find_bank(banks, list[i])) {
			fprintf(stderr, "grill %s: no bank '%s' ('grill banks' lists them)\n", cmd->name, list[i]);
			return false;
		}
		s->banks[s->n_banks++] = xstrdup(list[i]);
	}
	list = cli_values(args, "tag", &count);
	s->tags = xcalloc(count + 1, sizeof(char *));
	for (i = 0; i < count; i++)
		s->tags[s->n_tags++] = xstrdup(list[i]);
	if ((v = cli_value(args, "claims"))) {
		size_t nc;
		char **claims = split_list(v, &nc);

		s->claims = xcalloc(nc + 1, sizeof(char *));
		for (i = 0; i < nc; i++) {
			const char *id = claim_to_tech(banks, claims[i]);

			if (!id) {
				fprintf(stderr, "grill %s: --claims: no technology '%s' in the probe library ('grill banks --json' lists the banks; technologies live in tech-*.json)\n",
				        cmd->name, claims[i]);
				free_strings(claims, nc);
				return false;
			}
			s->claims[s->n_claims++] = xstrdup(id);
		}
		free_strings(claims, nc);
	}
	s->coach = cli_flag(args, "coach");
	s->offline = cli_flag(args, "offline");
	o->banks = (const char *const *)s->banks;
	o->n_banks = s->n_banks;
	o->topic = cli_value(args, "topic");
	o->tags = (const char *const *)s->tags;
	o->n_tags = s->n_tags;
	o->count = (size_t)s->questions;
	o->seed = s->seed;
	o->claims = (const char *const *)s->claims;
	o->n_claims = s->n_claims;
	return true;
}

void cli_settings_free(transcript_settings *s)
{
	free_strings(s->banks, s->n_banks);
	free_strings(s->tags, s->n_tags);
	free_strings(s->claims, s->n_claims);
	free(s->level);
}

/* ---- the conversation ---- */

static void show_step(run_ui *ui, const session *s, const session_step *step)
{
	const turn *tu = step->turn;
	const bank_question *q = session_current_question(s);

	fputc('\n', ui->out);
	if (step->reask)
		fprintf(ui->out, "%s(resumed: this was the question waiting for an answer)%s\n", ui->st.dim, ui->st.reset);
	switch (tu->kind) {
	case TURN_ANSWER:
		fprintf(ui->out, "%s[%d/%d]%s ", ui->st.bold, step->main_index, step->main_total, ui->st.reset);
		if (q)
			fprintf(ui->out, "%s%s, %s, %s%s\n", ui->st.dim, q->bank->id, question_level_name(q->level),
			        question_kind_name(q->kind), ui->st.reset);
		else
			fputc('\n', ui->out);
		break;
	case TURN_PROBE:
		fprintf(ui->out, "%sFollow-up:%s\n", ui->st.cyan, ui->st.reset);
		break;
	case TURN_CHALLENGE:
		fprintf(ui->out, "%sPushback:%s\n", ui->st.yellow, ui->st.reset);
		break;
	case TURN_CANDIDATE_QUESTIONS:
		break;
	}
	term_print_wrapped(ui->out, tu->question, 2, 100);
	if (ui->coach && tu->reason && tu->kind != TURN_ANSWER)
		fprintf(ui->out, "%s  (why: %s)%s\n", ui->st.dim, tu->reason, ui->st.reset);
}

static void show_hint(run_ui *ui, const session *s, const turn *tu)
{
	const bank_set *banks = session_banks(s);
	node_ref ref;
	const char *hint = NULL;

	if (tu->question_id && node_resolve(banks, tu->question_id, tu->node, &ref)) {
		if (ref.probe)
			hint = ref.probe->purpose;
		else if (ref.question && !ref.challenge)
			hint = ref.question->hint;
	}
	if (tu->kind == TURN_CANDIDATE_QUESTIONS)
		hint = "Ask about what the job is really like: on-call, recent incidents, technical debt, what success looks like in six months.";
	if (tu->kind == TURN_CHALLENGE)
		hint = "Say what is right in the pushback, then keep or change your choice with reasons.";
	fprintf(ui->out, "%shint:%s ", ui->st.bold, ui->st.reset);
	if (hint)
		term_print_untrusted(ui->out, hint);
	else
		fputs("no hint for this one: say what you know, and where your knowledge stops", ui->out);
	fputc('\n', ui->out);
}

static void show_time(run_ui *ui, double answer_started)
{
	double now = repl_now();

	fprintf(ui->out, "this answer: %.0f s", now - answer_started);
	if (ui->minutes)
		fprintf(ui->out, " of a %d min budget", ui->minutes);
	fprintf(ui->out, "; session: %.0f min\n", (now - ui->session_started) / 60.0);
}

static void show_commands(run_ui *ui)
{
	size_t i;

	fprintf(ui->out, "Finish an answer with a line holding only \".\"%s.\n",
	        repl_interactive(ui->in) ? " (or Ctrl-D on an empty line)" : " (piped input: a blank line)");
	for (i = 0; i < repl_command_count; i++)
		fprintf(ui->out, "  /%-7s %s\n", repl_commands[i].name, repl_commands[i].help);
}

/* --coach: what this answer covered, missed and got wrong, right away. */
static void show_coaching(run_ui *ui, const session *s, const turn *tu)
{
	node_ref ref;
	const bank_point *pts;
	const bank_red_flag *flags;
	size_t np, nf, i;
	match_text *mt;

	if (!tu->question_id || !tu->answer || !node_resolve(session_banks(s), tu->question_id, tu->node, &ref))
		return;
	node_expectations(&ref, &pts, &np, &flags, &nf);
	if (ref.challenge) {
		fprintf(ui->out, "%scoach:%s a strong response: ", ui->st.green, ui->st.reset);
		term_print_untrusted(ui->out, ref.challenge->good_response);
		fputc('\n', ui->out);
		return;
	}
	mt = match_text_new(tu->answer);
	for (i = 0; i < np; i++) {
		bool hit = pattern_list_match(&pts[i].patterns, mt);

		fprintf(ui->out, "%scoach:%s %s ", ui->st.green, ui->st.reset, hit ? "covered" : "missed ");
		term_print_untrusted(ui->out, pts[i].point);
		fputc('\n', ui->out);
	}
	for (i = 0; i < nf; i++) {
		if (!bank_red_flag_hit(&flags[i], mt, NULL))
			continue;
		fprintf(ui->out, "%scoach: red flag:%s ", ui->st.red, ui->st.reset);
		term_print_untrusted(ui->out, flags[i].correction);
		fputc('\n', ui->out);
	}
	if (tu->boundary && strcmp(tu->boundary, "honest") == 0)
		fprintf(ui->out, "%scoach:%s you named the edge of what you know: good; the interviewer moves on\n",
		        ui->st.green, ui->st.reset);
	match_text_free(mt);
}

static int save_failed(run_ui *ui, const session *s, grill_err *err, const char *answer)
{
	char *rescue = session_rescue(s);

	cli_error(NULL, "could not save the session: %s", err_msg(err));
	if (rescue)
		fprintf(stderr, "grill: the whole session, with your last answer, was written to %s\n", rescue);
	else if (answer)
		fprintf(stderr, "grill: your last answer, so it is not lost:\n%s\n", answer);
	(void)ui;
	free(rescue);
	err_clear(err);
	return EXIT_FAIL;
}

static void say_resumable(run_ui *ui, const session *s)
{
	const transcript *t = session_transcript(s);

	fprintf(ui->out, "\nSession saved (%s). `grill resume %s` continues it.\n", t->path, t->id);
}

/* Asks for the six self-scores; false when input ended or was interrupted. */
static bool self_assess(run_ui *ui, const rubric *r, score_set *self)
{
	return selfassess_read(ui->out, ui->in, r, self);
}

/* ---- the optional language model ---- */

static void print_llm_notice(void *ctx, const char *sentence)
{
	run_ui *ui = ctx;

	fprintf(ui->out, "%s(", ui->st.dim);
	term_print_untrusted(ui->out, sentence);
	fprintf(ui->out, ")%s\n", ui->st.reset);
}

/* The configured client, or NULL (offline, none configured, or a set-up problem, which is said once). */
static llm_client *open_llm(run_ui *ui, bool offline)
{
	llm_config cfg;
	grill_err err = GRILL_ERR_INIT;
	llm_client *c = NULL;

	if (offline)
		return NULL;
	if (llm_config_load(&cfg, &err) < 0) {
		cli_error(NULL, "language model: %s; carrying on offline", err_msg(&err));
		err_clear(&err);
		return NULL;
	}
	if (llm_new(&cfg, &c, &err) < 0) {
		cli_error(NULL, "language model: %s; carrying on offline", err_msg(&err));
		err_clear(&err);
		c = NULL;
	}
	llm_config_free(&cfg);
	if (c)
		llm_set_notice(c, print_llm_notice, ui);
	return c;
}

static void say_llm_failure(run_ui *ui, llm_result r, grill_err *err)
{
	if (r == LLM_FAILED)
		cli_error(NULL, "language model: %s", err_msg(err));
	else if (r == LLM_SWITCHED_OFF)
		cli_error(NULL, "%s", llm_off_message(ui->llm));
	err_clear(err);
}

static void print_piece(void *ctx, const char *piece)
{
	run_ui *ui = ctx;

	if (!ui->streaming) {
		fprintf(ui->out, "\n%sFollow-up:%s\n  ", ui->st.cyan, ui->st.reset);
		ui->streaming = true;
	}
	fputs(piece, ui->out);
	fflush(ui->out);
}

/*
 * After an answer: a follow-up written by the model about what the
 * candidate said, when no bank probe fits (or after every answer with
 * --llm-probes). Any failure leaves the offline engine to decide.
 */
static void llm_followup_turn(run_ui *ui, session *s)
{
	const transcript *t = session_transcript(s);
	const turn *last = &t->turns[t->n_turns - 1];
	const char **points = NULL, **asked = NULL;
	size_t np = 0, nf, na = 0, i;
	const bank_point *pts = NULL;
	const bank_red_flag *flags;
	llm_followup_request req;
	grill_err err = GRILL_ERR_INIT;
	char *question = NULL;
	node_ref ref;
	llm_result r;
	bool repeated = false;

	if (!ui->llm || llm_is_off(ui->llm) || !last->answer || last->skipped || last->boundary)
		return;
	if ((last->kind != TURN_ANSWER && last->kind != TURN_PROBE) || last->depth >= t->settings.depth)
		return;
	if (!ui->llm_probes && session_bank_probe_fits(s))
		return;
	if (last->question_id && node_resolve(session_banks(s), last->question_id, last->node, &ref))
		node_expectations(&ref, &pts, &np, &flags, &nf);
	points = xcalloc(np + 1, sizeof(*points));
	for (i = 0; i < np; i++)
		points[i] = pts[i].point;
	asked = xcalloc(t->n_turns + 1, sizeof(*asked));
	for (i = t->n_turns; i-- > 0 && t->turns[i].kind != TURN_ANSWER;)
		if (t->turns[i].kind == TURN_PROBE)
			asked[na++] = t->turns[i].question;
	memset(&req, 0, sizeof(req));
	req.question = last->question;
	req.answer = last->answer;
	req.expected_points = points;
	req.n_expected_points = np;
	req.asked_probes = asked;
	req.n_asked_probes = na;
	ui->streaming = false;
	r = llm_followup(ui->llm, &req, print_piece, ui, &question, &err);
	if (ui->streaming)
		fputs(r == LLM_OK ? "\n" : "\n  (set aside)\n", ui->out);
	for (i = 0; r == LLM_OK && !repeated && i < t->n_turns; i++)
		repeated = strcasecmp(t->turns[i].question, question) == 0;
	if (repeated) {
		/* the same question twice sounds like a broken record: the bank decides instead */
		fputs("  (already asked: set aside)\n", ui->out);
	} else if (r == LLM_OK) {
		char *reason = xasprintf("%s: a follow-up written by the language model (%s)",
		                         ui->llm_probes ? "--llm-probes" : "no bank probe fit the answer", llm_model(ui->llm));

		if (!ui->streaming) /* nothing was shown while it streamed */
			fprintf(ui->out, "\n%sFollow-up:%s\n  %s\n", ui->st.cyan, ui->st.reset, question);
		if (session_add_followup(s, question, "llm", reason, &err) == 0)
			ui->streamed_turn = session_transcript(s)->n_turns;
		else
			cli_error(NULL, "%s", err_msg(&err));
		err_clear(&err);
		free(reason);
	} else {
		say_llm_failure(ui, r, &err);
	}
	free(question);
	free(points);
	free(asked);
}

/* The model's second opinion on the rubric, saved beside the offline scores. */
static void llm_second_opinion_turn(run_ui *ui, session *s, const rubric *r)
{
	llm_opinion *op = NULL;
	grill_err err = GRILL_ERR_INIT;
	llm_result res;

	if (!ui->llm || llm_is_off(ui->llm))
		return;
	if (!ui->quiet)
		fprintf(ui->out, "\n%s(asking the language model for a second opinion on the scores)%s\n", ui->st.dim, ui->st.reset);
	res = llm_second_opinion(ui->llm, r, session_transcript(s), &op, &err);
	if (res == LLM_OK) {
		strbuf json = STRBUF_INIT;

		llm_opinion_write_json(op, &json);
		if (session_set_llm_opinion(s, sb_str(&json), &err) < 0)
			cli_error(NULL, "the second opinion was not saved: %s", err_msg(&err));
		err_clear(&err);
		sb_free(&json);
		llm_opinion_free(op);
	} else {
		say_llm_failure(ui, res, &err);
	}
}

static int finish(run_ui *ui, session *s, const rubric *r)
{
	const transcript *t = session_transcript(s);
	scorer_result *res = scorer_assess(t, session_banks(s), r);
	int scores[RUBRIC_DIMS];
	strbuf json = STRBUF_INIT;
	grill_err err = GRILL_ERR_INIT;

	scorer_result_scores(res, scores);
	scorer_result_json(res, true, &json);
	if (session_complete(s, scores, sb_str(&json), &err) < 0) {
		sb_free(&json);
		scorer_result_free(res);
		return save_failed(ui, s, &err, NULL);
	}
	sb_free(&json);
	llm_second_opinion_turn(ui, s, r);
	report_print_text(ui->out, t, session_banks(s), r, res);
	fprintf(ui->out, "\nSaved as %s. `grill report %s` shows this again.\n", t->path, t->id);
	scorer_result_free(res);
	return EXIT_OK;
}

static int converse(run_ui *ui, session *s, const rubric *r)
{
	grill_err err = GRILL_ERR_INIT;

	for (;;) {
		session_step step;
		double started;
		char *text = NULL;
		input_kind kind;

		if (session_next(s, &step, &err) < 0)
			return save_failed(ui, s, &err, NULL);
		if (step.kind == STEP_DONE)
			return EXIT_OK;
		if (step.kind == STEP_REPORT)
			return finish(ui, s, r);
		if (step.kind == STEP_SELF_ASSESS) {
			score_set self;
			int rc;

			if (!self_assess(ui, r, &self)) {
				for (int d = 0; d < RUBRIC_DIMS; d++)
					free(self.note[d]);
				say_resumable(ui, s);
				return EXIT_OK;
			}
			rc = session_set_self(s, &self, &err);
			for (int d = 0; d < RUBRIC_DIMS; d++)
				free(self.note[d]);
			if (rc < 0)
				return save_failed(ui, s, &err, NULL);
			continue;
		}
		if (ui->streamed_turn && ui->streamed_turn == session_transcript(s)->n_turns)
			ui->streamed_turn = 0; /* already on screen: it was printed as it streamed */
		else
			show_step(ui, s, &step);
		started = repl_now();
		for (;;) {
			kind = repl_read_answer(ui->in, ui->minutes ? started + ui->minutes * 60.0 : 0, &text);
			if (kind != INPUT_COMMAND)
				break;
			if (strcmp(text, "repeat") == 0)
				term_print_wrapped(ui->out, step.turn->question, 2, 100);
			else if (strcmp(text, "hint") == 0)
				show_hint(ui, s, step.turn);
			else if (strcmp(text, "time") == 0)
				show_time(ui, started);
			else if (strcmp(text, "help") == 0)
				show_commands(ui);
			else
				break; /* skip, quit */
			free(text);
			text = NULL;
		}
		if (kind == INPUT_EOF || kind == INPUT_INTERRUPT || (kind == INPUT_COMMAND && strcmp(text, "quit") == 0)) {
			free(text);
			if (kind == INPUT_EOF && !ui->quiet)
				fprintf(ui->out, "\n(input ended)");
			say_resumable(ui, s);
			return EXIT_OK;
		}
		if (kind == INPUT_COMMAND) { /* skip */
			free(text);
			if (session_skip(s, &err) < 0)
				return save_failed(ui, s, &err, NULL);
			continue;
		}
		if (session_answer(s, text, repl_now() - started, &err) < 0) {
			int rc = save_failed(ui, s, &err, text);

			free(text);
			return rc;
		}
		free(text);
		if (ui->coach)
			show_coaching(ui, s, step.turn);
		llm_followup_turn(ui, s);
	}
}

static int run_session(session *s, const rubric *r, const cli_args *args, bool resumed)
{
	const transcript *t = session_transcript(s);
	run_ui ui;
	int rc;

	memset(&ui, 0, sizeof(ui));
	ui.out = stdout;
	ui.st = term_style_for(stdout);
	ui.in = repl_new(stdout);
	ui.quiet = cli_flag(args, "quiet");
	ui.coach = t->settings.coach;
	ui.minutes = t->settings.minutes;
	ui.session_started = repl_now();
	if (!ui.quiet) {
		fprintf(ui.out, "%sgrill%s: %s%zu main question%s, follow-ups up to %d deep%s. Session %s.\n",
		        ui.st.bold, ui.st.reset, resumed ? "resuming, " : "", t->n_plan, t->n_plan == 1 ? "" : "s",
		        t->settings.depth, t->settings.n_claims ? ", drilling your --claims" : "", t->id);
		fprintf(ui.out, "Answer as you would in the interview. %s /help lists commands.\n",
		        repl_interactive(ui.in) ? "Finish an answer with a line holding only \".\"."
		                                : "Each answer is a block of lines ended by a blank line.");
	}
	ui.llm = open_llm(&ui, t->settings.offline || cli_flag(args, "offline"));
	ui.llm_probes = cli_flag(args, "llm-probes");
	if (ui.llm_probes && !ui.llm)
		fprintf(stderr, "grill: --llm-probes needs a language model (GRILL_LLM_URL, see `grill doctor`); "
		                "the bank probes carry on alone\n");
	rc = converse(&ui, s, r);
	llm_free(ui.llm);
	repl_free(ui.in);
	return rc;
}

int cmd_run(const command *cmd, const cli_args *args)
{
	bank_set *banks = cli_load_banks(args, cli_flag(args, "quiet"));
	rubric *r = cli_load_rubric();
	transcript_settings settings;
	select_opts opts;
	grill_err err = GRILL_ERR_INIT;
	char **plan = NULL;
	session *s = NULL;
	schedule *sched = NULL;
	bool usage = false;
	long n = 0;
	int rc = EXIT_FAIL;

	memset(&settings, 0, sizeof(settings));
	if (!r)
		goto out;
	n = cli_plan_session(cmd, args, banks, &settings, &opts, &sched, &plan, &usage);
	if (n < 0) {
		rc = usage ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	s = session_start(banks, "solo", &settings, plan, (size_t)n, &err);
	if (!s) {
		cli_error(cmd->name, "cannot start a session: %s", err_msg(&err));
		goto out;
	}
	rc = run_session(s, r, args, false);
out:
	err_clear(&err);
	session_free(s);
	schedule_free(sched);
	free_strings(plan, n > 0 ? (size_t)n : 0);
	cli_settings_free(&settings);
	rubric_free(r);
	bank_set_free(banks);
	return rc;
}

int cmd_resume(const command *cmd, const cli_args *args)
{
	const char *ref = cli_pos(args, 0);
	grill_err err = GRILL_ERR_INIT;
	char *path = ref ? store_resolve(ref, &err) : store_latest_unfinished(NULL, &err);
	bank_set *banks = NULL;
	rubric *r = NULL;
	transcript *t;
	session *s;
	int rc = EXIT_FAIL;

	if (!path) {
		cli_error(cmd->name, "%s", err_msg(&err));
		err_clear(&err);
		return EXIT_FAIL;
	}
	t = transcript_load(path, &err);
	free(path);
	if (!t) {
		cli_error(cmd->name, "%s", err_msg(&err));
		err_clear(&err);
		return EXIT_FAIL;
	}
	if (strcmp(t->kind, "solo") != 0) {
		cli_error(cmd->name, "%s is a %s session; %s", t->id ? t->id : t->path, t->kind,
		          strcmp(t->kind, "pair") == 0 ? "continue it with `grill pair SESSION`" : "only solo sessions resume");
		transcript_free(t);
		return EXIT_FAIL;
	}
	banks = cli_load_banks(args, cli_flag(args, "quiet"));
	r = cli_load_rubric();
	if (!r) {
		transcript_free(t);
		goto out;
	}
	s = session_resume(banks, t, &err);
	if (!s) {
		cli_error(cmd->name, "%s", err_msg(&err));
		err_clear(&err);
		goto out;
	}
	rc = run_session(s, r, args, true);
	session_free(s);
out:
	rubric_free(r);
	bank_set_free(banks);
	return rc;
}
