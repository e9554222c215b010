#ifndef GRILL_CLI_HISTORY_H
#define GRILL_CLI_HISTORY_H

#include "grill/bank.h"
#include "grill/commands.h"
#include "grill/history.h"
#include "grill/schedule.h"
#include "grill/select.h"
#include "grill/transcript.h"

/*
 * The user's history for a command. Sessions not yet in the history cache
 * need their questions' banks and tags: banks is used when given, else the
 * banks (shipped, user's, --bank-dir) are loaded only if some session needs
 * indexing, so a warm `grill history` never pays for loading them.
 * NULL with err set when the sessions folder cannot be read. Caller frees.
 */
history *cli_load_history(const cli_args *args, const bank_set *banks, grill_err *err);

/* Prints the files that were skipped, with the reason, to out (nothing when none). */
void cli_print_skipped(FILE *out, const history *h);

/*
 * The main questions of a new session, from the command line: checks that
 * there are banks, reads the selection options into settings and opts,
 * puts weak and overdue questions first unless --fresh (*sched then holds
 * the schedule opts points at: free it with schedule_free once opts is no
 * longer used), and selects. Returns how many questions *plan holds (caller
 * frees), or -1 after printing why, with *usage set when the command line
 * itself was wrong.
 */
long cli_plan_session(const command *cmd, const cli_args *args, const bank_set *banks,
                      transcript_settings *settings, select_opts *opts, schedule **sched,
                      char ***plan, bool *usage);

#endif
