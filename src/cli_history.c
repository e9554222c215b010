/* Loading the history for a command, with banks only when they are needed. */
#include "grill/cli_history.h"

#include <string.h>

#include "grill/cli_util.h"
#include "grill/term.h"

typedef struct lazy_banks {
	const cli_args *args;
	const bank_set *given;
	bank_set *owned;
} lazy_banks;

static bool lookup_question(void *ctx, const char *id, const char **bank_id, char *const **tags, size_t *n_tags)
{
	lazy_banks *lb = ctx;
	const bank_set *set = lb->given;
	const bank_question *q;

	if (!set) {
		if (!lb->owned)
			lb->owned = cli_load_banks(lb->args, true);
		set = lb->owned;
	}
	q = bank_set_find_question(set, id);
	if (!q)
		return false;
	*bank_id = q->bank->id;
	*tags = q->tags;
	*n_tags = q->n_tags;
	return true;
}

history *cli_load_history(const cli_args *args, const bank_set *banks, grill_err *err)
{
	lazy_banks lb = { args, banks, NULL };
	history_lookup lookup = { lookup_question, &lb };
	history *h = history_load_default(&lookup, err);

	bank_set_free(lb.owned);
	return h;
}

void cli_print_skipped(FILE *out, const history *h)
{
	size_t i, n = history_skipped_count(h);

	if (n == 0)
		return;
	fprintf(out, "\nSkipped %zu file%s that %s not grill sessions (left as %s):\n", n, n == 1 ? "" : "s",
	        n == 1 ? "is" : "are", n == 1 ? "it is" : "they are");
	for (i = 0; i < n; i++) {
		const history_skip *s = history_skipped(h, i);

		fputs("  ", out);
		if (!strstr(s->reason, s->path)) {
			term_print_untrusted(out, s->path);
			fputs(": ", out);
		}
		term_print_untrusted(out, s->reason);
		fputc('\n', out);
	}
}

long cli_plan_session(const command *cmd, const cli_args *args, const bank_set *banks,
                      transcript_settings *settings, select_opts *opts, schedule **sched,
                      char ***plan, bool *usage)
{
	grill_err err = GRILL_ERR_INIT;
	long n;

	*sched = NULL;
	*plan = NULL;
	*usage = false;
	if (bank_set_question_count(banks) == 0) {
		fprintf(stderr, "grill %s: no question banks found: the shipped banks are missing and none are in "
		                "$XDG_DATA_HOME/grill/banks or --bank-dir\n", cmd->name);
		return -1;
	}
	if (!cli_session_options(cmd, args, banks, settings, opts)) {
		*usage = true;
		return -1;
	}
	if (!cli_flag(args, "fresh")) {
		/* weakness-driven selection: due and weak questions first (docs/selection.md) */
		history *past = cli_load_history(args, banks, NULL);

		if (past && history_count(past)) {
			*sched = schedule_build(past, time(NULL));
			opts->priority = schedule_priority_fn;
			opts->priority_ctx = *sched;
		}
		history_free(past);
	}
	n = select_questions(banks, opts, plan, &err);
	if (n < 0) {
		cli_error(cmd->name, "%s", err_msg(&err));
		err_clear(&err);
	}
	return n;
}
