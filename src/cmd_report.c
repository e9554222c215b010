/* `grill report SESSION`: the full report of one session, in four formats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/cli_util.h"
#include "grill/commands.h"
#include "grill/fsutil.h"
#include "grill/report.h"
#include "grill/scorer.h"
#include "grill/store.h"
#include "grill/xalloc.h"

/* Loads what SESSION names; prints the problem and returns NULL when it cannot. */
static transcript *load_session(const command *cmd, const char *ref)
{
	grill_err err = GRILL_ERR_INIT;
	char *path = store_resolve(ref, &err);
	transcript *t = path ? transcript_load(path, &err) : NULL;

	if (!t)
		cli_error(cmd->name, "%s", err_msg(&err));
	err_clear(&err);
	free(path);
	return t;
}

int cmd_report(const command *cmd, const cli_args *args)
{
	const char *fmt_name = cli_value(args, "format"), *output = cli_value(args, "output");
	int fmt = fmt_name ? report_format_parse(fmt_name) : REPORT_TEXT;
	transcript *t;
	bank_set *banks = NULL;
	rubric *r = NULL;
	scorer_result *res = NULL;
	int rc = EXIT_FAIL;

	if (fmt < 0) {
		fprintf(stderr, "grill %s: --format wants text, md, json or html, not '%s'\n", cmd->name, fmt_name);
		return EXIT_USAGE;
	}
	t = load_session(cmd, cli_pos(args, 0));
	if (!t)
		return EXIT_FAIL;
	r = cli_load_rubric();
	if (!r)
		goto out;
	banks = cli_load_banks(args, cli_flag(args, "quiet"));
	/* the evidence is recomputed: the scorer is deterministic over the transcript and banks */
	if (t->n_turns && strcmp(t->kind, "debrief") != 0 && strcmp(t->status, "complete") == 0)
		res = scorer_assess(t, banks, r);
	if (!output && fmt == REPORT_TEXT) {
		report_print_full(stdout, t, banks, r, res);
		rc = EXIT_OK;
	} else {
		strbuf out = STRBUF_INIT;
		grill_err err = GRILL_ERR_INIT;

		report_render((report_format)fmt, &out, t, banks, r, res);
		if (!output) {
			fwrite(sb_str(&out), 1, out.len, stdout);
			rc = EXIT_OK;
		} else if (fs_write_atomic(output, sb_str(&out), out.len, 0644, &err) < 0) {
			cli_error(cmd->name, "cannot write the report: %s", err_msg(&err));
			err_clear(&err);
		} else {
			if (!cli_flag(args, "quiet"))
				fprintf(stderr, "grill %s: wrote %s\n", cmd->name, output);
			rc = EXIT_OK;
		}
		sb_free(&out);
	}
out:
	scorer_result_free(res);
	bank_set_free(banks);
	rubric_free(r);
	transcript_free(t);
	return rc;
}
