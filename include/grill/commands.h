#ifndef GRILL_COMMANDS_H
#define GRILL_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * The one command table: argv dispatch, `grill --help`, `grill help CMD`,
 * the man page and the bash completion are all made from it.
 */

enum {
	EXIT_OK = 0,      /* done */
	EXIT_FAIL = 1,    /* the command ran and failed (bad file, invalid bank, ...) */
	EXIT_USAGE = 2    /* the command line was wrong */
};

typedef struct opt_spec {
	const char *name;     /* long name without dashes: "bank-dir" */
	char short_name;      /* 0 for none */
	const char *arg;      /* NULL for a flag, else the value's name: "DIR" */
	bool repeat;          /* may be given several times */
	const char *help;
} opt_spec;

typedef struct cli_args cli_args;
typedef struct command command;

typedef int (*command_fn)(const command *cmd, const cli_args *args);

struct command {
	const char *name;
	const char *synopsis;    /* after "grill NAME ": "[FILE...]" */
	const char *summary;     /* one line for the command list */
	const char *description; /* paragraphs for `grill help NAME` and the man page */
	const opt_spec *opts;    /* terminated by an entry with name NULL */
	int min_args, max_args;  /* positional arguments; max -1 = unlimited */
	command_fn run;
};

extern const command grill_commands[];
extern const size_t grill_command_count;
/* The options every command accepts. */
extern const opt_spec grill_common_opts[];

const command *command_find(const char *name);

/* Parsed options. Values are valid while the argv they came from lives. */
size_t cli_npos(const cli_args *a);
const char *cli_pos(const cli_args *a, size_t i);
bool cli_flag(const cli_args *a, const char *name);
/* The last value given, or NULL. */
const char *cli_value(const cli_args *a, const char *name);
/* Every value given, in order; *n gets the count. */
const char *const *cli_values(const cli_args *a, const char *name, size_t *n);

/*
 * Parses argv (argv[0] is the command name) for cmd into *out. Returns
 * EXIT_OK, or EXIT_USAGE after printing the problem to stderr.
 */
int cli_parse(const command *cmd, int argc, char **argv, cli_args **out);
void cli_args_free(cli_args *a);

/* Runs grill with argv as given to main; returns the exit status. */
int commands_main(int argc, char **argv);

void commands_print_usage(FILE *out);
void commands_print_help(const command *cmd, FILE *out);
void commands_print_man(FILE *out);
void commands_print_completion(FILE *out);

/* Handlers, one per command, in src/cmd_*.c. */
int cmd_run(const command *cmd, const cli_args *args);
int cmd_resume(const command *cmd, const cli_args *args);
int cmd_pair(const command *cmd, const cli_args *args);
int cmd_import(const command *cmd, const cli_args *args);
int cmd_score(const command *cmd, const cli_args *args);
int cmd_assess(const command *cmd, const cli_args *args);
int cmd_history(const command *cmd, const cli_args *args);
int cmd_report(const command *cmd, const cli_args *args);
int cmd_stats(const command *cmd, const cli_args *args);
int cmd_banks(const command *cmd, const cli_args *args);
int cmd_validate(const command *cmd, const cli_args *args);
int cmd_doctor(const command *cmd, const cli_args *args);
int cmd_help(const command *cmd, const cli_args *args);

#endif
