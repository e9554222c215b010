/* `grill assess FILE`: the offline scorer on a transcript, with its evidence. */
#include <stdio.h>
#include <stdlib.h>

#include "grill/bank.h"
#include "grill/cli_util.h"
#include "grill/commands.h"
#include "grill/error.h"
#include "grill/rubric.h"
#include "grill/scorer.h"
#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/transcript.h"

static const char *evidence_mark(int sign)
{
	return sign > 0 ? "+" : sign < 0 ? "-" : "*";
}

static void print_text(FILE *out, const transcript *t, const scorer_result *res, const rubric *r,
                       bool details, bool heading)
{
	term_style st = term_style_for(out);

	if (heading) {
		fprintf(out, "%s== ", st.bold);
		term_print_untrusted(out, t->id ? t->id : "(no id)");
		fprintf(out, " ==%s\n", st.reset);
	}
	for (int d = 0; d < RUBRIC_DIMS; d++) {
		const scorer_dim *dim = &res->dims[d];
		const rubric_dimension *rd = r ? rubric_find(r, rubric_keys[d]) : NULL;

		if (dim->score > 0)
			fprintf(out, "%s%-12s %d%s", st.bold, rubric_keys[d], dim->score, st.reset);
		else
			fprintf(out, "%s%-12s -%s", st.bold, rubric_keys[d], st.reset);
		if (rd && rd->name) {
			fputs("  ", out);
			term_print_untrusted(out, rd->name);
		}
		fputc('\n', out);
		for (size_t i = 0; i < dim->n_evidence; i++) {
			const scorer_evidence *e = &dim->evidence[i];
			const char *colour = e->sign > 0 ? st.green : e->sign < 0 ? st.red : st.dim;

			fprintf(out, "  %s%s%s ", colour, evidence_mark(e->sign), st.reset);
			term_print_untrusted(out, e->text);
			fputc('\n', out);
		}
	}
	if (details) {
		if (res->n_points) {
			fputs("expected points:\n", out);
			for (size_t i = 0; i < res->n_points; i++) {
				const scorer_point *p = &res->points[i];

				fprintf(out, "  %s turn %d: ", p->covered ? "covered" : "missed ", p->turn + 1);
				term_print_untrusted(out, p->point);
				fputc('\n', out);
			}
		}
		if (res->n_flags) {
			fputs("red flags:\n", out);
			for (size_t i = 0; i < res->n_flags; i++) {
				const scorer_flag *f = &res->flags[i];

				fprintf(out, "  turn %d: ", f->turn + 1);
				term_print_untrusted(out, f->claim);
				fputs("\n    correction: ", out);
				term_print_untrusted(out, f->correction);
				fputc('\n', out);
			}
		}
	}
	fprintf(out, "%sverdict%s (%s): ", st.bold, st.reset, verdict_kind_name(res->verdict));
	term_print_untrusted(out, res->verdict_text);
	fputc('\n', out);
}

int cmd_assess(const command *cmd, const cli_args *args)
{
	const char *path = cli_pos(args, 0);
	bool json = cli_flag(args, "json"), details = cli_flag(args, "details");
	grill_err err = GRILL_ERR_INIT;
	transcript **list = NULL;
	long n = transcript_load_all(path, &list, &err);
	bank_set *banks;
	rubric *r;
	strbuf out = STRBUF_INIT;

	if (n < 0) {
		fprintf(stderr, "grill %s: ", cmd->name);
		term_print_untrusted(stderr, err_msg(&err));
		fputc('\n', stderr);
		err_clear(&err);
		return EXIT_FAIL;
	}
	banks = cli_load_banks(args, cli_flag(args, "quiet"));
	/* without the rubric file the verdict falls back to the built-in sentences */
	r = cli_load_rubric();
	if (json && n > 1)
		sb_append(&out, "[");
	for (long i = 0; i < n; i++) {
		scorer_result *res = scorer_assess(list[i], banks, r);

		if (json) {
			if (i)
				sb_append(&out, ",\n");
			scorer_result_json(res, details, &out);
		} else {
			if (i)
				fputc('\n', stdout);
			print_text(stdout, list[i], res, r, details, n > 1);
		}
		scorer_result_free(res);
		transcript_free(list[i]);
	}
	if (json) {
		if (n > 1)
			sb_append(&out, "]");
		fputs(sb_str(&out), stdout);
		fputc('\n', stdout);
	}
	sb_free(&out);
	free(list);
	rubric_free(r);
	bank_set_free(banks);
	return EXIT_OK;
}
