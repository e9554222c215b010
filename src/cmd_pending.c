/*
 * Commands whose implementation has not landed in this build. Each says so
 * and exits 1; its entry in the command table already describes it.
 */
#include <stdio.h>

#include "grill/commands.h"

static int not_in_this_build(const command *cmd)
{
	fprintf(stderr, "grill %s: not available in this build yet\n", cmd->name);
	return EXIT_FAIL;
}

int cmd_run(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_resume(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_pair(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_import(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_score(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_assess(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_history(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_report(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_stats(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
int cmd_doctor(const command *cmd, const cli_args *args) { (void)args; return not_in_this_build(cmd); }
