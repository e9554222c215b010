/*
 * `grill pair` and `grill import`: the interviewer's console for pair mode
 * (docs/pair.md), the blind hand-over for the candidate's self-scores, the
 * side-by-side, the role swap, and moving a session to the candidate's
 * machine.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grill/cli_history.h"
#include "grill/cli_util.h"
#include "grill/commands.h"
#include "grill/fsutil.h"
#include "grill/pair.h"
#include "grill/paths.h"
#include "grill/probe.h"
#include "grill/repl.h"
#include "grill/schedule.h"
#include "grill/select.h"
#include "grill/selfassess.h"
#include "grill/store.h"
#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/xalloc.h"

/* Probes shown with a turn; `probes` lists them all. */
#define SHOWN_PROBES 5

typedef struct console {
	FILE *out;
	term_style st;
	repl *in;
	pair_session *p;
	const bank_set *banks;
	const rubric *r;
	bool quiet;
	double turn_started;       /* monotonic seconds, when the open turn was shown */
	double question_started;   /* ... and its main question */
	double started;
	probe_suggestion *sugg;    /* the numbered list `ask N` refers to */
	size_t n_sugg;
} console;

enum { KEEP_GOING, INTERVIEW_OVER, STOP, SAVE_FAILED };

typedef struct console_command {
	const char *name;
	const char *alias;
	const char *arg;
	const char *help;
	int (*run)(console *c, const char *arg);
} console_command;

static int cc_help(console *c, const char *arg);

/* ---- small helpers ---- */

static void print_clock(FILE *out, double seconds)
{
	long s = seconds > 0 ? (long)seconds : 0;

	fprintf(out, "%ld:%02ld", s / 60, s % 60);
}

/* "grill CMD: message", the message sanitized: it may quote a file's content. */
static void print_error(const char *cmd, const grill_err *err)
{
	fprintf(stderr, "grill %s: ", cmd);
	term_print_untrusted(stderr, err_msg(err));
	fputc('\n', stderr);
}

static int save_failed(console *c, grill_err *err)
{
	char *rescue = pair_rescue(c->p);

	err_prefix(err, "could not save the session");
	print_error("pair", err);
	if (rescue) {
		fprintf(stderr, "grill pair: the whole session was written to %s\n", rescue);
	} else {
		/* nowhere to write: show what the interviewer typed for this turn so it can be copied */
		const turn *tu = pair_open_turn(c->p);

		fprintf(stderr, "grill pair: no rescue file could be written either (is the disk full?)\n");
		if (tu && tu->answer && *tu->answer) {
			fprintf(stderr, "grill pair: what was noted for the current turn, so it is not lost:\n");
			term_print_untrusted(stderr, tu->answer);
			fputc('\n', stderr);
		}
	}
	free(rescue);
	err_clear(err);
	return SAVE_FAILED;
}

static const turn *open_turn(const console *c)
{
	return pair_open_turn(c->p);
}

static void refresh_suggestions(console *c)
{
	const transcript *t = pair_transcript(c->p);
	long ts = pair_thread_start(c->p);
	char *words;

	probe_suggestions_free(c->sugg, c->n_sugg);
	c->sugg = NULL;
	c->n_sugg = 0;
	if (ts < 0 || !pair_question(c->p))
		return;
	words = pair_thread_words(c->p);
	c->n_sugg = probe_suggest(c->banks, t, (size_t)ts, words, &c->sugg);
	free(words);
}

static bool challenge_asked(const transcript *t, const bank_challenge *ch)
{
	size_t i;
	char *node = xasprintf("challenge:%s", ch->id);
	bool asked = false;

	for (i = 0; i < t->n_turns && !asked; i++)
		asked = t->turns[i].node && strcmp(t->turns[i].node, node) == 0;
	free(node);
	return asked;
}

/* ---- what the interviewer sees ---- */

static void show_checklist(console *c)
{
	const turn *tu = open_turn(c);
	const bank_point *pts;
	size_t n, i, k;

	pair_open_points(c->p, &pts, &n);
	if (!tu || !n)
		return;
	fprintf(c->out, "%sExpected points%s (tick them as you hear them: t 1 3)\n", c->st.bold, c->st.reset);
	for (i = 0; i < n; i++) {
		bool ticked = false;
		char *line;

		for (k = 0; k < tu->n_ticked; k++)
			ticked = ticked || strcmp(tu->ticked[k], pts[i].id) == 0;
		line = xasprintf("[%c] %zu. %s", ticked ? 'x' : ' ', i + 1, pts[i].point);
		term_print_wrapped(c->out, line, 2, 100);
		free(line);
	}
}

static void show_red_flags(console *c)
{
	const turn *tu = open_turn(c);
	const bank_point *pts;
	const bank_red_flag *flags;
	size_t np, nf, i;
	node_ref ref;

	if (!tu || !tu->question_id || !node_resolve(c->banks, tu->question_id, tu->node, &ref))
		return;
	node_expectations(&ref, &pts, &np, &flags, &nf);
	if (!nf)
		return;
	fprintf(c->out, "%sRed flags to listen for%s\n", c->st.red, c->st.reset);
	for (i = 0; i < nf; i++) {
		char *line = xasprintf("- %s\n  push back with: %s", flags[i].claim, flags[i].correction);

		term_print_wrapped(c->out, line, 2, 100);
		free(line);
	}
}

static void show_probe_line(console *c, size_t i)
{
	const probe_suggestion *s = &c->sugg[i];
	char *line = xasprintf("%zu. %s%s", i + 1, s->fits ? "" : "(if) ", s->probe->ask);

	term_print_wrapped(c->out, line, 2, 100);
	free(line);
	if (s->fits) {
		line = xasprintf("why: %s", s->why);
		term_print_wrapped(c->out, line, 6, 100);
		free(line);
	}
	line = xasprintf("trigger: %s", s->trigger);
	term_print_wrapped(c->out, line, 6, 100);
	free(line);
}

/* The ranked probes (at most limit; 0 for all) and the question's challenges. */
static void show_probes(console *c, size_t limit)
{
	const bank_question *q = pair_question(c->p);
	const transcript *t = pair_transcript(c->p);
	size_t i, shown;
	char *words;
	match_text *mt;

	if (!q)
		return;
	refresh_suggestions(c);
	shown = limit && c->n_sugg > limit ? limit : c->n_sugg;
	fprintf(c->out, "%sProbes%s (ask N; type the candidate's words with w WORDS to rank them)\n", c->st.cyan,
	        c->st.reset);
	if (!c->n_sugg)
		fprintf(c->out, "  none left for this question\n");
	for (i = 0; i < shown; i++)
		show_probe_line(c, i);
	if (shown < c->n_sugg)
		fprintf(c->out, "  ... %zu more: `probes` lists them all\n", c->n_sugg - shown);
	if (!q->n_challenges)
		return;
	words = pair_thread_words(c->p);
	mt = match_text_new(words);
	fprintf(c->out, "%sChallenges%s (push back on a choice: ask c1)\n", c->st.yellow, c->st.reset);
	for (i = 0; i < q->n_challenges; i++) {
		const bank_challenge *ch = &q->challenges[i];
		bool asked = challenge_asked(t, ch);
		bool fits = ch->trigger.kind != TRIGGER_MENTIONS || bank_trigger_mentions(&ch->trigger, mt);
		char *line = xasprintf("c%zu. %s%s", i + 1, asked ? "(asked) " : fits ? "" : "(if) ", ch->ask);

		term_print_wrapped(c->out, line, 2, 100);
		free(line);
		if (ch->trigger.kind == TRIGGER_MENTIONS) {
			strbuf sb = STRBUF_INIT;
			size_t k;

			sb_append(&sb, "trigger: they mention ");
			for (k = 0; k < ch->trigger.terms.n; k++)
				sb_appendf(&sb, "%s\"%s\"", k ? ", " : "", match_pattern_source(ch->trigger.terms.items[k]));
			term_print_wrapped(c->out, sb_str(&sb), 6, 100);
			sb_free(&sb);
		}
	}
	match_text_free(mt);
	free(words);
}

static void show_turn(console *c, bool resumed)
{
	const turn *tu = open_turn(c);
	const transcript *t = pair_transcript(c->p);
	const bank_question *q = pair_question(c->p);
	node_ref ref;

	if (!tu)
		return;
	fputc('\n', c->out);
	if (resumed)
		fprintf(c->out, "%s(resumed: this turn was open; its timer starts again now)%s\n", c->st.dim, c->st.reset);
	switch (tu->kind) {
	case TURN_ANSWER:
		fprintf(c->out, "%s== Question %d of %zu ==%s", c->st.bold, pair_main_number(c->p), t->n_plan, c->st.reset);
		if (q)
			fprintf(c->out, " %s%s, %s, %s%s", c->st.dim, q->bank->id, question_level_name(q->level),
			        question_kind_name(q->kind), c->st.reset);
		fprintf(c->out, "\n%sRead aloud:%s\n", c->st.bold, c->st.reset);
		break;
	case TURN_PROBE:
		fprintf(c->out, "%sFollow-up, read aloud:%s\n", c->st.cyan, c->st.reset);
		break;
	case TURN_CHALLENGE:
		fprintf(c->out, "%sPushback, read aloud:%s\n", c->st.yellow, c->st.reset);
		break;
	case TURN_CANDIDATE_QUESTIONS:
		fprintf(c->out, "%s== Last: the candidate's questions ==%s\n%sRead aloud:%s\n", c->st.bold, c->st.reset,
		        c->st.bold, c->st.reset);
		break;
	}
	term_print_wrapped(c->out, tu->question, 2, 100);
	if (tu->kind == TURN_CANDIDATE_QUESTIONS) {
		term_print_wrapped(c->out, "Listen for questions about the team's real situation: on-call, recent incidents, "
		                   "technical debt, what success looks like. Note them with `note`; `done` when finished.",
		                   2, 100);
		return;
	}
	if (tu->question_id && node_resolve(c->banks, tu->question_id, tu->node, &ref)) {
		if (ref.probe && ref.probe->purpose) {
			fprintf(c->out, "%sWhat it finds out:%s ", c->st.bold, c->st.reset);
			term_print_untrusted(c->out, ref.probe->purpose);
			fputc('\n', c->out);
		}
		if (ref.challenge) {
			fprintf(c->out, "%sA strong response:%s\n", c->st.bold, c->st.reset);
			term_print_wrapped(c->out, ref.challenge->good_response, 2, 100);
		}
	}
	show_checklist(c);
	show_red_flags(c);
	if (tu->kind == TURN_ANSWER && q && q->interviewer_notes) {
		fprintf(c->out, "%sNotes for the interviewer%s\n", c->st.bold, c->st.reset);
		term_print_wrapped(c->out, q->interviewer_notes, 2, 100);
	}
	show_probes(c, SHOWN_PROBES);
	fprintf(c->out, "%s(next: next question; model: model answer; help: all commands)%s\n", c->st.dim, c->st.reset);
}

/* ---- the console commands ---- */

static int after_move(console *c, int rc, grill_err *err, bool new_question)
{
	if (rc < 0)
		return save_failed(c, err);
	c->turn_started = repl_now();
	if (new_question)
		c->question_started = c->turn_started;
	if (pair_phase_of(c->p) != PAIR_ASKING)
		return INTERVIEW_OVER;
	show_turn(c, false);
	return KEEP_GOING;
}

static int cc_ask(console *c, const char *arg)
{
	grill_err err = GRILL_ERR_INIT;
	const bank_question *q = pair_question(c->p);
	const char *node = NULL;
	char *owned = NULL, *reason = NULL, *end;
	long n;
	int rc;

	if (!q) {
		fprintf(c->out, "no question is open: follow-ups belong to a main question\n");
		return KEEP_GOING;
	}
	if (!c->sugg)
		refresh_suggestions(c);
	if (*arg == 'c' || *arg == 'C') {
		errno = 0;
		n = strtol(arg + 1, &end, 10);
		if (errno || end == arg + 1 || *end || n < 1 || (size_t)n > q->n_challenges) {
			fprintf(c->out, "'%s' is not a challenge: c1 to c%zu\n", arg, q->n_challenges);
			return KEEP_GOING;
		}
		node = owned = xasprintf("challenge:%s", q->challenges[n - 1].id);
		reason = xstrdup("the interviewer pushed back on a choice");
	} else {
		errno = 0;
		n = *arg ? strtol(arg, &end, 10) : 1;
		if (!c->n_sugg) {
			fprintf(c->out, "no probe is left for this question: `next` moves on\n");
			return KEEP_GOING;
		}
		if ((*arg && (errno || end == arg || *end)) || n < 1 || (size_t)n > c->n_sugg) {
			fprintf(c->out, "'%s' is not on the list: a probe 1 to %zu, or a challenge c1 ...\n", arg, c->n_sugg);
			return KEEP_GOING;
		}
		node = c->sugg[n - 1].node;
		reason = c->sugg[n - 1].fits ? xstrdup(c->sugg[n - 1].why)
		                             : xasprintf("the interviewer's choice (trigger: %s)", c->sugg[n - 1].trigger);
	}
	if (!pair_can_ask(c->p, node, &err)) {
		/* asked already, or no longer in the banks: say so and carry on */
		term_print_untrusted(c->out, err_msg(&err));
		fputc('\n', c->out);
		err_clear(&err);
		free(owned);
		free(reason);
		return KEEP_GOING;
	}
	rc = pair_ask(c->p, node, reason, repl_now() - c->turn_started, &err);
	free(owned);
	free(reason);
	return after_move(c, rc, &err, false);
}

static int cc_next(console *c, const char *arg)
{
	grill_err err = GRILL_ERR_INIT;
	double took = repl_now() - c->question_started;
	int rc;

	(void)arg;
	if (pair_question(c->p)) {
		fprintf(c->out, "(question %d took ", pair_main_number(c->p));
		print_clock(c->out, took);
		fprintf(c->out, ")\n");
	}
	rc = pair_next(c->p, repl_now() - c->turn_started, &err);
	return after_move(c, rc < 0 ? -1 : 0, &err, true);
}

static int tick(console *c, const char *arg, bool on)
{
	grill_err err = GRILL_ERR_INIT;
	const bank_point *pts;
	size_t n;
	const char *p = arg;
	int done = 0;

	pair_open_points(c->p, &pts, &n);
	if (!n) {
		fprintf(c->out, "this turn has no expected points to tick\n");
		return KEEP_GOING;
	}
	while (*p) {
		char *end;
		long k;

		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (!*p)
			break;
		errno = 0;
		k = strtol(p, &end, 10);
		if (errno || end == p || (*end && *end != ' ' && *end != ',' && *end != '\t') || k < 1 || (size_t)k > n) {
			size_t len = strcspn(p, " ,\t");

			fprintf(c->out, "'%.*s' is not a point number: 1 to %zu\n", (int)len, p, n);
			p += len;
			continue;
		}
		if (pair_tick(c->p, pts[k - 1].id, on, &err) < 0)
			return save_failed(c, &err);
		done++;
		p = end;
	}
	if (!done) {
		fprintf(c->out, "which points? for example: %s 1 3\n", on ? "t" : "u");
		return KEEP_GOING;
	}
	show_checklist(c);
	return KEEP_GOING;
}

static int cc_tick(console *c, const char *arg)
{
	return tick(c, arg, true);
}

static int cc_untick(console *c, const char *arg)
{
	return tick(c, arg, false);
}

/* Red flags of the open turn (and its question) that the candidate's words state. */
static void show_flags_heard(console *c, const char *words)
{
	const turn *tu = open_turn(c);
	const bank_point *pts;
	const bank_red_flag *flags;
	size_t np, nf, i;
	node_ref ref;
	match_text *mt;

	if (!tu || !tu->question_id || !node_resolve(c->banks, tu->question_id, tu->node, &ref))
		return;
	node_expectations(&ref, &pts, &np, &flags, &nf);
	mt = match_text_new(words);
	for (i = 0; i < nf; i++) {
		char *line;

		if (!bank_red_flag_hit(&flags[i], mt, NULL))
			continue;
		line = xasprintf("red flag heard: %s\npush back with: %s", flags[i].claim, flags[i].correction);
		fprintf(c->out, "%s", c->st.red);
		term_print_wrapped(c->out, line, 2, 100);
		fprintf(c->out, "%s", c->st.reset);
		free(line);
	}
	match_text_free(mt);
}

static int cc_words(console *c, const char *arg)
{
	grill_err err = GRILL_ERR_INIT;
	size_t i, fitting = 0;

	if (!*arg) {
		fprintf(c->out, "type the words the candidate used, for example: w visibility timeout dlq\n");
		return KEEP_GOING;
	}
	if (pair_add_words(c->p, arg, &err) < 0)
		return save_failed(c, &err);
	show_flags_heard(c, arg);
	if (!pair_question(c->p))
		return KEEP_GOING;
	refresh_suggestions(c);
	for (i = 0; i < c->n_sugg && c->sugg[i].fits; i++)
		fitting++;
	if (!fitting) {
		fprintf(c->out, "no probe fits these words yet (`probes` lists them all)\n");
		return KEEP_GOING;
	}
	fprintf(c->out, "%sProbes that fit%s (ask N)\n", c->st.cyan, c->st.reset);
	for (i = 0; i < fitting; i++)
		show_probe_line(c, i);
	return KEEP_GOING;
}

static int cc_probes(console *c, const char *arg)
{
	(void)arg;
	if (!pair_question(c->p))
		fprintf(c->out, "no question is open: probes belong to a main question\n");
	show_probes(c, 0);
	return KEEP_GOING;
}

static int cc_model(console *c, const char *arg)
{
	const turn *tu = open_turn(c);
	const bank_question *q = pair_question(c->p);
	node_ref ref;

	(void)arg;
	if (tu && tu->question_id && node_resolve(c->banks, tu->question_id, tu->node, &ref) && ref.challenge) {
		fprintf(c->out, "%sA strong response to the pushback%s\n", c->st.bold, c->st.reset);
		term_print_wrapped(c->out, ref.challenge->good_response, 2, 100);
		return KEEP_GOING;
	}
	if (!q) {
		fprintf(c->out, "no model answer: this is the candidate's turn to ask\n");
		return KEEP_GOING;
	}
	if (tu && tu->kind == TURN_PROBE && tu->question_id && node_resolve(c->banks, tu->question_id, tu->node, &ref) &&
	    ref.probe && ref.probe->purpose) {
		fprintf(c->out, "%sThis follow-up finds out%s\n", c->st.bold, c->st.reset);
		term_print_wrapped(c->out, ref.probe->purpose, 2, 100);
	}
	fprintf(c->out, "%sModel answer to the main question%s\n", c->st.bold, c->st.reset);
	if (q->model_answer)
		term_print_wrapped(c->out, q->model_answer, 2, 100);
	else
		fprintf(c->out, "  the bank has none for this question: the expected points are the best guide\n");
	return KEEP_GOING;
}

static int cc_note(console *c, const char *arg)
{
	grill_err err = GRILL_ERR_INIT;

	if (!*arg) {
		fprintf(c->out, "type the note after the command, for example: note gave numbers for the timeout\n");
		return KEEP_GOING;
	}
	if (pair_add_note(c->p, arg, &err) < 0)
		return save_failed(c, &err);
	fprintf(c->out, "noted\n");
	return KEEP_GOING;
}

static int cc_show(console *c, const char *arg)
{
	(void)arg;
	show_turn(c, false);
	return KEEP_GOING;
}

static int cc_time(console *c, const char *arg)
{
	double now = repl_now();

	(void)arg;
	if (pair_question(c->p)) {
		fprintf(c->out, "this question: ");
		print_clock(c->out, now - c->question_started);
		fprintf(c->out, "; ");
	}
	fprintf(c->out, "this turn: ");
	print_clock(c->out, now - c->turn_started);
	fprintf(c->out, "; interview: ");
	print_clock(c->out, now - c->started);
	fputc('\n', c->out);
	return KEEP_GOING;
}

static int cc_done(console *c, const char *arg)
{
	grill_err err = GRILL_ERR_INIT;

	(void)arg;
	if (pair_end_interview(c->p, repl_now() - c->turn_started, &err) < 0)
		return save_failed(c, &err);
	return INTERVIEW_OVER;
}

static int cc_quit(console *c, const char *arg)
{
	(void)c;
	(void)arg;
	return STOP;
}

static const console_command console_commands[] = {
	{ "ask", "a", "[N|cN]", "ask probe N (default 1, the best fit) or challenge cN: it becomes the open turn", cc_ask },
	{ "tick", "t", "N...", "tick the expected points you heard, by number", cc_tick },
	{ "untick", "u", "N...", "untick points ticked by mistake", cc_untick },
	{ "words", "w", "WORDS", "words the candidate used: shows the probes they trigger and red flags heard", cc_words },
	{ "probes", "p", NULL, "every probe and challenge for this question, ranked, with its trigger", cc_probes },
	{ "model", "m", NULL, "the model answer (for a pushback: what a strong response does)", cc_model },
	{ "note", NULL, "TEXT", "a note on this turn, for the report", cc_note },
	{ "next", "n", NULL, "move on to the next main question (after the last: the candidate's questions)", cc_next },
	{ "show", "s", NULL, "show the open turn again", cc_show },
	{ "time", NULL, NULL, "time on this question, this turn and the interview", cc_time },
	{ "done", NULL, NULL, "end the interview here and go to the scores", cc_done },
	{ "quit", "q", NULL, "stop; the session is saved and `grill pair SESSION` continues it", cc_quit },
	{ "help", "?", NULL, "list these commands", cc_help },
};
static const size_t console_command_count = sizeof(console_commands) / sizeof(console_commands[0]);

static int cc_help(console *c, const char *arg)
{
	size_t i;

	(void)arg;
	fprintf(c->out, "Commands (one per line; the short form works too):\n");
	for (i = 0; i < console_command_count; i++) {
		const console_command *cc = &console_commands[i];
		char *usage = xasprintf("%s%s%s%s%s%s", cc->name, cc->arg ? " " : "", cc->arg ? cc->arg : "",
		                        cc->alias ? " (" : "", cc->alias ? cc->alias : "", cc->alias ? ")" : "");

		fprintf(c->out, "  %-18s %s\n", usage, cc->help);
		free(usage);
	}
	return KEEP_GOING;
}

static const console_command *find_console_command(const char *word)
{
	size_t i;

	for (i = 0; i < console_command_count; i++)
		if (strcmp(console_commands[i].name, word) == 0 ||
		    (console_commands[i].alias && strcmp(console_commands[i].alias, word) == 0))
			return &console_commands[i];
	return NULL;
}

/* Runs commands until the interview is over (INTERVIEW_OVER), or STOP / SAVE_FAILED. */
static int interview(console *c, bool resumed)
{
	c->turn_started = c->question_started = repl_now();
	show_turn(c, resumed);
	for (;;) {
		char *line = NULL, *prompt = NULL, *word, *arg;
		const console_command *cc;
		input_kind kind;
		int rc;

		if (repl_interactive(c->in)) {
			strbuf sb = STRBUF_INIT;

			sb_appendf(&sb, "[q%d ", pair_main_number(c->p));
			{
				long s = (long)(repl_now() - c->question_started);

				sb_appendf(&sb, "%ld:%02ld] pair> ", s / 60, s % 60);
			}
			prompt = sb_detach(&sb);
		}
		kind = repl_read_line(c->in, prompt ? prompt : "", &line);
		free(prompt);
		if (kind == INPUT_EOF || kind == INPUT_INTERRUPT) {
			free(line);
			if (kind == INPUT_EOF && !c->quiet)
				fprintf(c->out, "\n(input ended)\n");
			return STOP;
		}
		word = line;
		while (*word == ' ' || *word == '\t')
			word++;
		if (!*word) {
			free(line);
			continue;
		}
		if (!repl_interactive(c->in))
			fprintf(c->out, "> %s\n", word);
		arg = word + strcspn(word, " \t");
		if (*arg)
			*arg++ = '\0';
		while (*arg == ' ' || *arg == '\t')
			arg++;
		cc = find_console_command(word);
		if (!cc) {
			fprintf(c->out, "unknown command '%s' (help lists them)\n", word);
			free(line);
			continue;
		}
		rc = cc->run(c, arg);
		free(line);
		if (rc != KEEP_GOING)
			return rc;
	}
}

/* ---- scores ---- */

static void free_scores(score_set *s)
{
	int d;

	for (d = 0; d < RUBRIC_DIMS; d++) {
		free(s->note[d]);
		s->note[d] = NULL;
	}
}

/* The interviewer's six scores with the rubric's anchors; false when input ended. */
static bool read_interviewer_scores(console *c, score_set *out)
{
	return scores_read(c->out, c->in, c->r, out);
}

static int interviewer_scores(console *c)
{
	grill_err err = GRILL_ERR_INIT;
	score_set s;
	int rc;

	fprintf(c->out, "\n%sThe interview is over. Interviewer: score the candidate%s on the six dimensions, from what "
	        "you heard, before they see anything: 1-5 for each, or %s to skip one. The candidate scores "
	        "themselves next without seeing yours.\n", c->st.bold, c->st.reset,
	        repl_interactive(c->in) ? "Enter" : "an empty block");
	if (!read_interviewer_scores(c, &s))
		return STOP;
	rc = pair_set_interviewer(c->p, &s, &err);
	free_scores(&s);
	if (rc < 0)
		return save_failed(c, &err);
	return KEEP_GOING;
}

/* The hand-over and the blind self-scores; KEEP_GOING when they are in (or deferred). */
static int candidate_scores(console *c)
{
	const transcript *t = pair_transcript(c->p);
	grill_err err = GRILL_ERR_INIT;
	char *answer = NULL;
	input_kind kind;
	score_set s;
	int rc;

	if (isatty(fileno(c->out)) == 1)
		fputs("\033[H\033[2J\033[3J", c->out); /* the interviewer's screen leaves with them */
	fprintf(c->out, "\n%s==== Hand the keyboard to the candidate ====%s\n", c->st.bold, c->st.reset);
	fprintf(c->out, "Candidate: score yourself on the same six dimensions. The interviewer's scores stay hidden "
	        "until yours are in.\nPress Enter when you are ready, or type \"later\" to score on your own "
	        "machine instead (`grill pair --export FILE %s`, then `grill import FILE` and `grill score %s` "
	        "there).\n", t->id, t->id);
	kind = repl_read_line(c->in, "ready> ", &answer);
	if (kind == INPUT_EOF || kind == INPUT_INTERRUPT) {
		free(answer);
		return STOP;
	}
	if (answer && strcmp(answer, "later") == 0) {
		free(answer);
		if (pair_self_later(c->p, &err) < 0)
			return save_failed(c, &err);
		fprintf(c->out, "The candidate scores later. `grill pair --export FILE %s` writes the session for them.\n",
		        t->id);
		return STOP;
	}
	free(answer);
	if (!selfassess_read(c->out, c->in, c->r, &s)) {
		selfassess_clear(&s);
		return STOP;
	}
	rc = pair_set_self(c->p, &s, &err);
	selfassess_clear(&s);
	if (rc < 0)
		return save_failed(c, &err);
	return KEEP_GOING;
}

static const char *dim_name(const rubric *r, int d)
{
	const rubric_dimension *dim = rubric_find(r, rubric_keys[d]);

	return dim ? dim->name : rubric_keys[d];
}

static void score_cell(FILE *out, int score, int width)
{
	if (score > 0)
		fprintf(out, "%*d", width, score);
	else
		fprintf(out, "%*s", width, "-");
}

/* Interviewer vs. self, and what the gaps mean. */
static void show_comparison(console *c)
{
	const transcript *t = pair_transcript(c->p);
	int d, overclaim = 0, gaps = 0;

	fprintf(c->out, "\n%sInterviewer vs. self%s (1-5; - means not scored)\n", c->st.bold, c->st.reset);
	fprintf(c->out, "  %-34s %11s %5s %5s\n", "", "interviewer", "self", "gap");
	for (d = 0; d < RUBRIC_DIMS; d++) {
		int iv = t->interviewer.score[d], self = t->self.score[d];

		fprintf(c->out, "  %-34s", dim_name(c->r, d));
		score_cell(c->out, iv, 12);
		score_cell(c->out, self, 6);
		if (iv > 0 && self > 0) {
			int gap = self - iv;

			fprintf(c->out, "   %+d", gap);
			if (gap > 0 && (d == DIM_ACCURACY || d == DIM_HONESTY)) {
				fprintf(c->out, "  %sover-claiming: you rate yourself above what the interviewer heard%s",
				        c->st.red, c->st.reset);
				overclaim++;
			} else if (gap >= 2) {
				fprintf(c->out, "  %syou rate yourself higher than the interviewer%s", c->st.yellow, c->st.reset);
				gaps++;
			} else if (gap <= -2) {
				fprintf(c->out, "  you undersell this one");
				gaps++;
			}
		}
		fputc('\n', c->out);
	}
	if (overclaim)
		term_print_wrapped(c->out, "Over-claiming is the gap that matters most: an interviewer who catches one "
		                   "claim beyond your depth discounts the rest. Rehearse saying where your knowledge "
		                   "stops (grill run --claims ...).", 2, 100);
	else if (!gaps)
		fprintf(c->out, "  No gap that matters: your view of the interview matches the interviewer's.\n");
	for (d = 0; d < RUBRIC_DIMS; d++) {
		if (!t->interviewer.note[d])
			continue;
		fprintf(c->out, "  %s%s%s, the interviewer's note: ", c->st.bold, dim_name(c->r, d), c->st.reset);
		term_print_untrusted(c->out, t->interviewer.note[d]);
		fputc('\n', c->out);
	}
}

/* What the interviewer heard, turn by turn: ticked and missed points, notes. */
static void show_heard(console *c)
{
	const transcript *t = pair_transcript(c->p);
	size_t i, k, m;

	fprintf(c->out, "\n%sWhat the interviewer heard%s\n", c->st.bold, c->st.reset);
	for (i = 0; i < t->n_turns; i++) {
		const turn *tu = &t->turns[i];
		const bank_point *pts = NULL;
		const bank_red_flag *flags;
		size_t np = 0, nf;
		node_ref ref;

		if (tu->question_id && node_resolve(c->banks, tu->question_id, tu->node, &ref))
			node_expectations(&ref, &pts, &np, &flags, &nf);
		fprintf(c->out, "  %s%zu. %s:%s ", c->st.cyan, i + 1, turn_kind_name(tu->kind), c->st.reset);
		term_print_untrusted(c->out, tu->question);
		fputc('\n', c->out);
		if (np)
			fprintf(c->out, "     %zu of %zu expected points heard\n", tu->n_ticked, np);
		for (k = 0; k < np; k++) {
			bool heard = false;
			char *line;

			for (m = 0; m < tu->n_ticked; m++)
				heard = heard || strcmp(tu->ticked[m], pts[k].id) == 0;
			if (heard)
				continue;
			line = xasprintf("missed: %s", pts[k].point);
			term_print_wrapped(c->out, line, 5, 100);
			free(line);
		}
		if (tu->note) {
			char *line = xasprintf("note: %s", tu->note);

			term_print_wrapped(c->out, line, 5, 100);
			free(line);
		}
	}
}

/* ---- sessions ---- */

static void say_resumable(console *c)
{
	const transcript *t = pair_transcript(c->p);

	fprintf(c->out, "\nSession saved (%s). `grill pair %s` continues it.\n", t->path, t->id);
}

static void banner(console *c, bool resumed)
{
	const transcript *t = pair_transcript(c->p);
	char *cand = pair_meta_string(t, "candidate"), *iv = pair_meta_string(t, "interviewer");

	if (c->quiet)
		goto out;
	fprintf(c->out, "%sgrill pair%s: %s%zu main question%s. Session %s.\n", c->st.bold, c->st.reset,
	        resumed ? "resuming, " : "", t->n_plan, t->n_plan == 1 ? "" : "s", t->id);
	if (cand || iv) {
		fprintf(c->out, "Interviewer: ");
		term_print_untrusted(c->out, iv ? iv : "-");
		fprintf(c->out, "; candidate: ");
		term_print_untrusted(c->out, cand ? cand : "-");
		fputc('\n', c->out);
	}
	fprintf(c->out, "This screen is for the interviewer only: keep it away from the candidate. `help` lists "
	        "the commands%s.\n", repl_interactive(c->in) ? "" : " (piped input: one command per line)");
out:
	free(cand);
	free(iv);
}

/* Runs a pair session from wherever it stands to the end; returns an exit status. */
static int run_pair(console *c, bool resumed)
{
	int rc;

	c->started = repl_now();
	banner(c, resumed);
	if (pair_phase_of(c->p) == PAIR_ASKING) {
		rc = interview(c, resumed);
		if (rc == SAVE_FAILED)
			return EXIT_FAIL;
		if (rc == STOP) {
			say_resumable(c);
			return EXIT_OK;
		}
	}
	if (pair_phase_of(c->p) == PAIR_INTERVIEWER_SCORES) {
		rc = interviewer_scores(c);
		if (rc != KEEP_GOING) {
			if (rc == STOP)
				say_resumable(c);
			return rc == SAVE_FAILED ? EXIT_FAIL : EXIT_OK;
		}
	}
	if (pair_phase_of(c->p) == PAIR_SELF_SCORES) {
		rc = candidate_scores(c);
		if (rc != KEEP_GOING) {
			if (rc == STOP && pair_phase_of(c->p) != PAIR_DONE)
				say_resumable(c);
			return rc == SAVE_FAILED ? EXIT_FAIL : EXIT_OK;
		}
	}
	if (pair_transcript(c->p)->self.present) {
		show_comparison(c);
		show_heard(c);
	}
	fprintf(c->out, "\nSaved as %s. `grill report %s` shows the report; `grill pair --export FILE %s` writes "
	        "it for the candidate.\n", pair_transcript(c->p)->path, pair_transcript(c->p)->id,
	        pair_transcript(c->p)->id);
	return EXIT_OK;
}

static double not_in_first_round(const bank_question *q, void *ctx)
{
	const transcript *first = ctx;
	size_t i;

	for (i = 0; i < first->n_plan; i++)
		if (strcmp(first->plan[i], q->id) == 0)
			return -1.0;
	return 0.0;
}

/*
 * Offers the second round with the roles reversed: new questions where the
 * banks have them, its own session, both linked through meta.paired_with.
 */
static int offer_swap(console *c, const select_opts *orig, const rubric *r)
{
	const transcript *first = pair_transcript(c->p);
	grill_err err = GRILL_ERR_INIT;
	char *answer = NULL, *cand = NULL, *iv = NULL, **plan = NULL, *linked;
	select_opts o;
	pair_roles roles;
	pair_session *second = NULL;
	console c2;
	input_kind kind;
	long n;
	int rc = EXIT_OK;

	linked = pair_meta_string(first, "paired_with");
	if (linked || strcmp(first->status, "complete") != 0) {
		free(linked);
		return EXIT_OK; /* already the second round, or linked */
	}
	fprintf(c->out, "\n%sSwap roles?%s A second round with the candidate as the interviewer, saved as its own "
	        "session. Type \"yes\" to start it, or Enter to finish.\n", c->st.bold, c->st.reset);
	kind = repl_read_line(c->in, "swap> ", &answer);
	if (kind != INPUT_TEXT || !answer || (strcmp(answer, "yes") != 0 && strcmp(answer, "y") != 0)) {
		free(answer);
		return EXIT_OK;
	}
	free(answer);
	memset(&o, 0, sizeof(o));
	if (orig) {
		o = *orig;
	} else {
		o.banks = (const char *const *)first->settings.banks;
		o.n_banks = first->settings.n_banks;
		o.tags = (const char *const *)first->settings.tags;
		o.n_tags = first->settings.n_tags;
		o.level = first->settings.level ? question_level_parse(first->settings.level) : -1;
	}
	o.count = first->n_plan ? first->n_plan : 1;
	o.seed = first->settings.seed + 1;
	o.priority = not_in_first_round;
	o.priority_ctx = (void *)first;
	n = select_questions(c->banks, &o, &plan, &err);
	if (n < 0) {
		err_prefix(&err, "cannot start the second round");
		print_error("pair", &err);
		err_clear(&err);
		return EXIT_FAIL;
	}
	cand = pair_meta_string(first, "interviewer");
	iv = pair_meta_string(first, "candidate");
	roles.candidate = cand;
	roles.interviewer = iv;
	roles.round = 2;
	roles.paired_with = first->id;
	second = pair_start(c->banks, &first->settings, plan, (size_t)n, &roles, &err);
	if (!second) {
		err_prefix(&err, "cannot start the second round");
		print_error("pair", &err);
		rc = EXIT_FAIL;
		goto out;
	}
	if (pair_set_partner(c->p, pair_transcript(second)->id, &err) < 0) {
		save_failed(c, &err);
		rc = EXIT_FAIL;
		goto out;
	}
	fprintf(c->out, "\n%sRound 2: swap seats.%s The candidate of round 1 now reads the questions. Session %s "
	        "(round 1 was %s).\n", c->st.bold, c->st.reset, pair_transcript(second)->id, first->id);
	c2 = *c;
	c2.p = second;
	c2.sugg = NULL;
	c2.n_sugg = 0;
	c2.r = r;
	rc = run_pair(&c2, false);
	probe_suggestions_free(c2.sugg, c2.n_sugg);
out:
	err_clear(&err);
	pair_free(second);
	while (n-- > 0)
		free(plan[n]);
	free(plan);
	free(cand);
	free(iv);
	return rc;
}

/* ---- export ---- */

/* The newest complete pair session in the sessions folder, or NULL + err. */
static char *latest_finished_pair(grill_err *err)
{
	char *dir = paths_sessions_dir(), **files = NULL, *hit = NULL;
	long n = fs_list(dir, ".json", &files, NULL), i;

	for (i = n - 1; i >= 0 && !hit; i--) {
		transcript *t = transcript_load(files[i], NULL);

		if (t && strcmp(t->kind, "pair") == 0 && strcmp(t->status, "complete") == 0)
			hit = xstrdup(files[i]);
		transcript_free(t);
	}
	if (!hit)
		err_set(err, "no finished pair session in %s", dir);
	fs_list_free(files, n < 0 ? 0 : n);
	free(dir);
	return hit;
}

static int export_session(const command *cmd, const cli_args *args, const char *dest)
{
	const char *ref = cli_pos(args, 0);
	grill_err err = GRILL_ERR_INIT;
	char *path = ref ? store_resolve(ref, &err) : latest_finished_pair(&err), *buf = NULL;
	transcript *t = NULL;
	size_t len = 0;
	int rc = EXIT_FAIL;

	if (!path)
		goto fail;
	t = transcript_load(path, &err);
	if (!t)
		goto fail;
	if (!t->id || !store_valid_id(t->id)) {
		err_set(&err, "%s: \"id\" is missing or not a session id", path);
		goto fail;
	}
	if (strcmp(t->kind, "pair") != 0) {
		err_set(&err, "%s: session %s is a %s session; --export writes pair sessions", path, t->id, t->kind);
		goto fail;
	}
	if (strcmp(t->status, "complete") != 0) {
		err_set(&err, "%s: session %s is still in progress; finish it with `grill pair %s` first", path, t->id, t->id);
		goto fail;
	}
	if (fs_read_file(path, TRANSCRIPT_MAX_FILE_BYTES, &buf, &len, &err) < 0 ||
	    store_write_new(dest, buf, len, &err) < 0)
		goto fail;
	if (!cli_flag(args, "quiet")) {
		printf("Wrote session %s to %s. On the candidate's machine: `grill import %s`, then ", t->id, dest, dest);
		if (!t->self.present)
			printf("`grill score %s` to score yourself blind, then ", t->id);
		printf("`grill report %s`.\n", t->id);
	}
	rc = EXIT_OK;
	goto out;
fail:
	print_error(cmd->name, &err);
out:
	err_clear(&err);
	free(buf);
	free(path);
	transcript_free(t);
	return rc;
}

/* ---- the commands ---- */

static void console_init(console *c, const bank_set *banks, const rubric *r, const cli_args *args)
{
	memset(c, 0, sizeof(*c));
	c->out = stdout;
	c->st = term_style_for(stdout);
	c->in = repl_new(stdout);
	c->banks = banks;
	c->r = r;
	c->quiet = cli_flag(args, "quiet");
}

static void console_done(console *c)
{
	probe_suggestions_free(c->sugg, c->n_sugg);
	repl_free(c->in);
}

static int resume_pair(const command *cmd, const cli_args *args, bank_set *banks, const rubric *r)
{
	grill_err err = GRILL_ERR_INIT;
	char *path = store_resolve(cli_pos(args, 0), &err);
	transcript *t;
	console c;
	int rc;

	if (!path) {
		print_error(cmd->name, &err);
		err_clear(&err);
		return EXIT_FAIL;
	}
	t = transcript_load(path, &err);
	free(path);
	if (t && t->id && store_valid_id(t->id) && strcmp(t->kind, "pair") == 0 && strcmp(t->status, "complete") == 0) {
		fprintf(stderr, "grill %s: session %s is finished: `grill report %s` shows it, `grill pair --export FILE %s` "
		        "writes it for the candidate\n", cmd->name, t->id, t->id, t->id);
		transcript_free(t);
		return EXIT_FAIL;
	}
	console_init(&c, banks, r, args);
	c.p = t ? pair_resume(banks, t, &err) : NULL;
	if (!c.p) {
		print_error(cmd->name, &err);
		err_clear(&err);
		console_done(&c);
		return EXIT_FAIL;
	}
	rc = run_pair(&c, true);
	if (rc == EXIT_OK && pair_phase_of(c.p) == PAIR_DONE)
		rc = offer_swap(&c, NULL, r);
	pair_free(c.p);
	console_done(&c);
	return rc;
}

int cmd_pair(const command *cmd, const cli_args *args)
{
	const char *dest = cli_value(args, "export");
	bank_set *banks;
	rubric *r = NULL;
	transcript_settings settings;
	select_opts opts;
	grill_err err = GRILL_ERR_INIT;
	char **plan = NULL, *unfinished;
	pair_roles roles;
	schedule *sched = NULL;
	bool usage = false;
	console c;
	long n = 0;
	int rc = EXIT_FAIL;

	if (dest)
		return export_session(cmd, args, dest);
	banks = cli_load_banks(args, cli_flag(args, "quiet"));
	r = cli_load_rubric();
	memset(&settings, 0, sizeof(settings));
	memset(&c, 0, sizeof(c));
	if (!r)
		goto out;
	if (cli_pos(args, 0)) {
		rc = resume_pair(cmd, args, banks, r);
		goto out;
	}
	n = cli_plan_session(cmd, args, banks, &settings, &opts, &sched, &plan, &usage);
	if (n < 0) {
		rc = usage ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	unfinished = store_latest_unfinished("pair", NULL);
	roles.candidate = cli_value(args, "candidate");
	roles.interviewer = cli_value(args, "interviewer");
	roles.round = 1;
	roles.paired_with = NULL;
	console_init(&c, banks, r, args);
	c.p = pair_start(banks, &settings, plan, (size_t)n, &roles, &err);
	if (!c.p) {
		err_prefix(&err, "cannot start a session");
		print_error(cmd->name, &err);
		free(unfinished);
		console_done(&c);
		goto out;
	}
	if (unfinished && !c.quiet) {
		char *id = xstrdup(strrchr(unfinished, '/') ? strrchr(unfinished, '/') + 1 : unfinished);

		id[strcspn(id, ".")] = '\0';
		fprintf(c.out, "(an unfinished pair session is waiting: `grill pair %s` continues it)\n", id);
		free(id);
	}
	free(unfinished);
	rc = run_pair(&c, false);
	if (rc == EXIT_OK && pair_phase_of(c.p) == PAIR_DONE)
		rc = offer_swap(&c, &opts, r);
	pair_free(c.p);
	console_done(&c);
out:
	err_clear(&err);
	schedule_free(sched);
	while (n-- > 0)
		free(plan[n]);
	free(plan);
	cli_settings_free(&settings);
	rubric_free(r);
	bank_set_free(banks);
	return rc;
}

int cmd_import(const command *cmd, const cli_args *args)
{
	const char *src = cli_pos(args, 0);
	grill_err err = GRILL_ERR_INIT;
	char *id = NULL, *path;
	transcript *t;

	if (store_import(src, &id, &err) < 0) {
		print_error(cmd->name, &err);
		err_clear(&err);
		return EXIT_FAIL;
	}
	path = store_path_for(id);
	t = transcript_load(path, NULL);
	if (!cli_flag(args, "quiet")) {
		printf("Imported session %s", id);
		if (t) {
			printf(" (");
			term_print_untrusted(stdout, t->kind);
			printf(", ");
			term_print_untrusted(stdout, t->status);
			printf(")");
		}
		printf(" as %s.\n", path);
		if (t && strcmp(t->kind, "pair") == 0 && !t->self.present)
			printf("`grill score %s` scores yourself before you see the interviewer's scores; then ", id);
		printf("`grill report %s` shows the report.\n", id);
	}
	transcript_free(t);
	free(path);
	free(id);
	return EXIT_OK;
}
