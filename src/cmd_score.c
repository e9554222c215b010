/*
 * `grill score [SESSION]`: score yourself on a session, or debrief a real
 * interview. The scores are always entered before any feedback is shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/cli_util.h"
#include "grill/commands.h"
#include "grill/debrief.h"
#include "grill/history.h"
#include "grill/paths.h"
#include "grill/repl.h"
#include "grill/report.h"
#include "grill/scorer.h"
#include "grill/selfassess.h"
#include "grill/store.h"
#include "grill/term.h"
#include "grill/xalloc.h"

/* One optional field; *value is NULL when left empty. false when input ended. */
static bool read_field(FILE *out, repl *in, const char *prompt, char **value)
{
	char *text = NULL;
	input_kind kind;

	*value = NULL;
	for (;;) {
		kind = repl_read_entry(in, prompt, &text);
		if (kind == INPUT_EOF || kind == INPUT_INTERRUPT)
			return false;
		if (kind == INPUT_TEXT)
			break;
		free(text); /* a slash command: not a value */
		fprintf(out, "type the value, or %s to leave it out\n", repl_interactive(in) ? "Enter" : "an empty block");
	}
	if (*text)
		*value = text;
	else
		free(text);
	return true;
}

static void input_ended(const command *cmd)
{
	fprintf(stderr, "grill %s: input ended before the scores were complete; nothing was saved\n", cmd->name);
}

static int rescore(const command *cmd, const cli_args *args, const rubric *r, repl *in)
{
	grill_err err = GRILL_ERR_INIT;
	char *path = store_resolve(cli_pos(args, 0), &err);
	transcript *t = path ? transcript_load(path, &err) : NULL;
	term_style st = term_style_for(stdout);
	score_set self;
	bank_set *banks = NULL;
	scorer_result *res = NULL;
	int rc = EXIT_FAIL, d;

	free(path);
	if (!t) {
		cli_error(cmd->name, "%s", err_msg(&err));
		err_clear(&err);
		return EXIT_FAIL;
	}
	if (strcmp(t->kind, "solo") != 0 && strcmp(t->kind, "pair") != 0 && strcmp(t->kind, "debrief") != 0) {
		cli_error(cmd->name, "%s is not a grill session (kind %s)", t->path, t->kind);
		goto out;
	}
	if (strcmp(t->status, "complete") != 0) {
		fprintf(stderr, "grill %s: session %s is unfinished: `grill resume %s` finishes it, with the self-assessment\n",
		        cmd->name, t->id, t->id);
		goto out;
	}
	fprintf(stdout, "%sSession%s ", st.bold, st.reset);
	term_print_untrusted(stdout, t->id);
	fprintf(stdout, " (%s, %.10s)%s\n", t->kind, t->created ? t->created : "",
	        t->self.present ? ": your earlier self-scores are replaced by the new ones" : "");
	if (!selfassess_read(stdout, in, r, &self)) {
		selfassess_clear(&self);
		input_ended(cmd);
		goto out;
	}
	for (d = 0; d < RUBRIC_DIMS; d++) {
		free(t->self.note[d]);
		t->self.note[d] = self.note[d];
		self.note[d] = NULL;
		t->self.score[d] = self.score[d];
	}
	t->self.present = true;
	free(t->updated);
	t->updated = transcript_now();
	if (transcript_save(t, t->path, &err) < 0) {
		cli_error(cmd->name, "cannot save the scores: %s", err_msg(&err));
		err_clear(&err);
		goto out;
	}
	/* the scores are saved: now, and only now, the feedback */
	banks = cli_load_banks(args, cli_flag(args, "quiet"));
	if (t->n_turns && strcmp(t->kind, "debrief") != 0)
		res = scorer_assess(t, banks, r);
	report_print_text(stdout, t, banks, r, res);
	printf("\nSaved to %s.\n", t->path);
	rc = EXIT_OK;
out:
	scorer_result_free(res);
	bank_set_free(banks);
	transcript_free(t);
	return rc;
}

static int debrief(const command *cmd, const rubric *r, repl *in)
{
	grill_err err = GRILL_ERR_INIT;
	term_style st = term_style_for(stdout);
	debrief_meta meta;
	score_set self;
	transcript *t = NULL;
	strbuf json = STRBUF_INIT;
	char *dir = NULL;
	int rc = EXIT_FAIL, d;
	const char *empty = repl_interactive(in) ? "Enter" : "an empty block";

	memset(&meta, 0, sizeof(meta));
	memset(&self, 0, sizeof(self));
	printf("%sDebrief a real interview.%s Every detail is optional: %s leaves it out.\n", st.bold, st.reset, empty);
	if (!read_field(stdout, in, "company> ", &meta.company) || !read_field(stdout, in, "role> ", &meta.role))
		goto ended;
	for (;;) {
		if (!read_field(stdout, in, "date (YYYY-MM-DD)> ", &meta.date))
			goto ended;
		if (!meta.date || history_valid_date(meta.date))
			break;
		printf("'%s' is not a date YYYY-MM-DD; type it again, or %s to leave it out\n", meta.date, empty);
		free(meta.date);
	}
	if (!read_field(stdout, in, "round (phone screen, onsite, ...)> ", &meta.round))
		goto ended;
	if (!selfassess_read(stdout, in, r, &self))
		goto ended;
	printf("\n");
	if (!read_field(stdout, in, "what went well> ", &meta.went_well) ||
	    !read_field(stdout, in, "what to rehearse> ", &meta.rehearse))
		goto ended;

	t = transcript_new("debrief");
	free(t->status);
	t->status = xstrdup("complete");
	t->settings.questions = 0;
	t->settings.depth = 0;
	t->self = self;
	memset(&self, 0, sizeof(self));
	debrief_meta_json(&meta, &json);
	t->meta_json = sb_detach(&json);
	dir = paths_ensure_sessions_dir(&err);
	if (!dir) {
		cli_error(cmd->name, "cannot create the sessions folder: %s", err_msg(&err));
		goto out;
	}
	/* a new file with a new id: never another session's */
	if (store_claim_new(t, &err) < 0) {
		cli_error(cmd->name, "cannot save the debrief: %s", err_msg(&err));
		goto out;
	}
	report_print_text(stdout, t, NULL, r, NULL);
	if (meta.rehearse) {
		printf("\n%sTo rehearse%s\n", st.bold, st.reset);
		{
			char *clean = term_sanitize(meta.rehearse);

			term_print_wrapped(stdout, clean, 2, 100);
			free(clean);
		}
	}
	printf("\nSaved debrief %s to %s. `grill history` lists it with your rehearsals; `grill stats` tracks the gap.\n",
	       t->id, t->path);
	rc = EXIT_OK;
	goto out;
ended:
	input_ended(cmd);
out:
	err_clear(&err);
	for (d = 0; d < RUBRIC_DIMS; d++)
		free(self.note[d]);
	debrief_meta_free(&meta);
	transcript_free(t);
	sb_free(&json);
	free(dir);
	return rc;
}

int cmd_score(const command *cmd, const cli_args *args)
{
	rubric *r = cli_load_rubric();
	repl *in;
	int rc;

	if (!r)
		return EXIT_FAIL;
	in = repl_new(stdout);
	rc = cli_npos(args) ? rescore(cmd, args, r, in) : debrief(cmd, r, in);
	repl_free(in);
	rubric_free(r);
	return rc;
}
