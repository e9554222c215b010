#ifndef GRILL_CLI_UTIL_H
#define GRILL_CLI_UTIL_H

#include <stdbool.h>

#include "grill/bank.h"
#include "grill/commands.h"
#include "grill/rubric.h"
#include "grill/select.h"
#include "grill/transcript.h"

/*
 * Front-end helpers shared by the command handlers. These print: warnings
 * and errors go to stderr.
 */

/*
 * Loads the shipped banks, the user's banks ($XDG_DATA_HOME/grill/banks, if
 * the folder exists) and every --bank-dir, then links them. A bank that
 * fails validation is skipped with a warning (unless quiet); a --bank-dir
 * that cannot be read is a warning too. Never NULL; caller frees.
 */
bank_set *cli_load_banks(const cli_args *args, bool quiet);

/* The self-assessment rubric; NULL after printing the problems. Caller frees. */
rubric *cli_load_rubric(void);

/*
 * The session options shared by `grill run` and `grill pair` (defined in
 * cmd_run.c): fills settings and the question selection from the command
 * line (options a command lacks keep their defaults). Prints the problem
 * and returns false on a usage error. Free settings with cli_settings_free,
 * even after a failure; o points into settings.
 */
bool cli_session_options(const command *cmd, const cli_args *args, const bank_set *banks,
                         transcript_settings *settings, select_opts *o);
void cli_settings_free(transcript_settings *settings);

/*
 * Prints "grill CMD: " (or "grill: " when cmd is NULL) and the formatted
 * message to stderr, sanitized: error messages quote file contents and
 * server replies, which must not reach the terminal as escape sequences.
 */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a whole number in [min, max] for option name; prints and returns false when it is not one. */
bool cli_parse_int(const char *cmd, const char *name, const char *value, long min, long max, long *out);

#endif
