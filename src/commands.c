/*
 * The command table and everything made from it: argv dispatch, the help
 * texts, the man page and the bash completion.
 */
#include "grill/commands.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"

const opt_spec grill_common_opts[] = {
	{ "bank-dir", 0, "DIR", true, "also load the banks in DIR (repeatable)" },
	{ "quiet", 'q', NULL, false, "print less: no banners or progress lines" },
	{ "help", 'h', NULL, false, "show this help and exit" },
	{ NULL, 0, NULL, false, NULL },
};

#define SELECTION_OPTS \
	{ "bank", 'b', "ID", true, "ask only questions from bank ID (repeatable)" }, \
	{ "topic", 't', "WORD", false, "ask only questions whose bank, domain or tags include WORD" }, \
	{ "tag", 0, "TAG", true, "ask only questions tagged TAG (repeatable)" }, \
	{ "level", 'l', "LEVEL", false, "ask only questions of LEVEL: junior, mid, senior or staff" }, \
	{ "questions", 'n', "N", false, "main questions to ask (default 5)" }, \
	{ "seed", 's', "N", false, "seed for question selection: the same seed and history give the same session" }, \
	{ "fresh", 0, NULL, false, "ignore past sessions when choosing questions" }

static const opt_spec run_opts[] = {
	SELECTION_OPTS,
	{ "minutes", 'm', "M", false, "soft time budget per answer; a gentle warning, never a cut-off" },
	{ "claims", 'c', "LIST", false, "technologies on your CV, comma-separated: probe exactly those to their deepest level" },
	{ "depth", 'd', "N", false, "how many follow-ups deep a branch may go (default 3, at most 8)" },
	{ "coach", 0, NULL, false, "feedback after every answer instead of only at the end" },
	{ "offline", 0, NULL, false, "never contact a language model, even if one is configured" },
	{ "llm-probes", 0, NULL, false, "ask the configured language model for a follow-up after every answer" },
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec resume_opts[] = {
	{ "offline", 0, NULL, false, "never contact a language model, even if one is configured" },
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec pair_opts[] = {
	SELECTION_OPTS,
	{ "export", 'e', "FILE", false, "write a finished pair session (the latest, or SESSION) to FILE for the candidate, and exit" },
	{ "candidate", 0, "NAME", false, "the candidate's name, shown in the report" },
	{ "interviewer", 0, "NAME", false, "the interviewer's name, shown in the report" },
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec import_opts[] = {
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec score_opts[] = {
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec assess_opts[] = {
	{ "json", 'j', NULL, false, "print the result as JSON" },
	{ "details", 0, NULL, false, "with --json: also the expected points and red flags behind the scores" },
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec history_opts[] = {
	{ "kind", 'k', "KIND", false, "only sessions of KIND: solo, pair or debrief" },
	{ "bank", 'b', "ID", false, "only sessions that used bank ID" },
	{ "since", 0, "DATE", false, "only sessions on or after DATE (YYYY-MM-DD)" },
	{ "until", 0, "DATE", false, "only sessions on or before DATE (YYYY-MM-DD)" },
	{ "limit", 0, "N", false, "at most N sessions" },
	{ "json", 'j', NULL, false, "print JSON" },
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec report_opts[] = {
	{ "format", 'f', "FORMAT", false, "text (default), md, json or html" },
	{ "output", 'o', "FILE", false, "write to FILE instead of standard output" },
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec stats_opts[] = {
	{ "last", 0, "N", false, "chart the last N sessions (default 20)" },
	{ "json", 'j', NULL, false, "print JSON" },
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec banks_opts[] = {
	{ "json", 'j', NULL, false, "print JSON" },
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec validate_opts[] = {
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec doctor_opts[] = {
	{ NULL, 0, NULL, false, NULL },
};

static const opt_spec help_opts[] = {
	{ "man", 0, NULL, false, "print the manual page (troff)" },
	{ "completion", 0, NULL, false, "print the bash completion script" },
	{ NULL, 0, NULL, false, NULL },
};

const command grill_commands[] = {
	{ "run", "[OPTIONS]", "rehearse: a solo interview that probes your answers (the default command)",
	  "Asks main questions from the question banks, reads each answer, and follows up on what the "
	  "answer said or left out, going deeper until you reach the edge of what you know. It pushes "
	  "back on a choice at least once, ends with \"Do you have any questions for us?\", asks you to "
	  "score yourself on the six-dimension rubric, then shows the scorer's assessment with its "
	  "evidence.\n\nOn a terminal an answer ends with a line holding only \".\" (or Ctrl-D on an "
	  "empty line); piped input ends an answer with a blank line. Type /help during a session for "
	  "its commands. The session is saved after every turn; `grill resume` continues it.",
	  run_opts, 0, 0, cmd_run },
	{ "resume", "[SESSION]", "continue the latest unfinished session, or SESSION",
	  "Continues an interrupted session where it stopped: the answers already given are kept and "
	  "the next question is asked again from the start.",
	  resume_opts, 0, 1, cmd_resume },
	{ "pair", "[SESSION] [OPTIONS]", "pair mode: a friend plays the interviewer with guidance you do not see",
	  "Runs on the interviewer's terminal: the question to read aloud, the expected points to tick "
	  "as they are heard, the probes that fit what the candidate said, the challenges and red flags, "
	  "the model answer on demand, and a timer. Ends with the interviewer's scores, then the "
	  "candidate's self-scores entered without seeing them, then the comparison, and offers a second "
	  "round with the roles reversed.\n\nType `help` in the console for its commands; piped input "
	  "takes one command per line. The session is saved after every command; `grill pair SESSION` "
	  "continues it.",
	  pair_opts, 0, 1, cmd_pair },
	{ "import", "FILE", "import a session exported with `grill pair --export`",
	  "Copies a transcript file into your history so that `grill report`, `grill score` and "
	  "`grill stats` see it. The file is validated first.",
	  import_opts, 1, 1, cmd_import },
	{ "score", "[SESSION]", "score yourself on a session, or debrief a real interview",
	  "With SESSION, score (or re-score) yourself on that session's six dimensions. Without, "
	  "debrief a real interview: company, role, date and round, then your scores with the rubric's "
	  "anchors, notes, what went well and what to rehearse. Scores are entered before any feedback "
	  "is shown.",
	  score_opts, 0, 1, cmd_score },
	{ "assess", "FILE", "score a transcript on the six rubric dimensions, with the evidence",
	  "Reads a grill session transcript or a transcript in the calibration format (a single "
	  "object or an array) and prints, for each dimension, the score (1-5, or null where the "
	  "transcript has no evidence), the evidence behind it, and the verdict. Works offline.",
	  assess_opts, 1, 1, cmd_assess },
	{ "history", "[OPTIONS]", "list sessions and debriefs, newest first",
	  "Lists sessions and debriefs with date, kind, banks, question count, self-scores and scorer "
	  "scores. Files in the data folder that cannot be read are listed as skipped with the reason; "
	  "they are never changed.",
	  history_opts, 0, 0, cmd_history },
	{ "report", "SESSION [OPTIONS]", "the full report of one session",
	  "Every turn and why each follow-up was asked, scores with evidence, self vs. scorer (and "
	  "interviewer in pair mode), missed points, red flags with corrections, model answers, the "
	  "verdict and the next rehearsal. SESSION is an id, a unique id prefix, \"latest\" or a file.",
	  report_opts, 1, 1, cmd_report },
	{ "stats", "[OPTIONS]", "progress over time: scores, calibration gap, weakest areas",
	  "Per dimension, a chart of self-scores and scorer scores over the last sessions, the "
	  "calibration gap (self minus evidence) and its trend, the weakest banks and tags, and the red "
	  "flags hit.",
	  stats_opts, 0, 0, cmd_stats },
	{ "banks", "[OPTIONS]", "list the question banks grill can use",
	  "Each bank with its question count, deepest probe path, technologies and tags; --json adds "
	  "the file it was loaded from. Banks that fail validation are reported and skipped.",
	  banks_opts, 0, 0, cmd_banks },
	{ "validate", "FILE|DIR...", "check question banks and rubrics, one line per problem",
	  "Checks each file (or every *.json in each folder) against the bank format or, for files "
	  "in a rubrics folder or with a \"dimensions\" key, the rubric format. Exits 0 when all are "
	  "valid and 1 otherwise.",
	  validate_opts, 1, -1, cmd_validate },
	{ "doctor", "", "check the set-up: folders, banks, and the language model if configured",
	  "Shows where grill reads and writes, whether the banks load, and, when a language model is "
	  "configured, whether the server answers, the model it reports and the round-trip time, with "
	  "what to fix when something fails.",
	  doctor_opts, 0, 0, cmd_doctor },
	{ "help", "[COMMAND]", "show help for grill or for one command",
	  "Without COMMAND, the list of commands; with one, its options.",
	  help_opts, 0, 1, cmd_help },
};

const size_t grill_command_count = sizeof(grill_commands) / sizeof(grill_commands[0]);

const command *command_find(const char *name)
{
	size_t i;

	for (i = 0; i < grill_command_count; i++)
		if (strcmp(grill_commands[i].name, name) == 0)
			return &grill_commands[i];
	return NULL;
}

/* ---- argument parsing ---- */

typedef struct opt_value {
	const opt_spec *spec;
	const char **values;  /* for options with an argument */
	size_t n, cap;
	bool set;
} opt_value;

struct cli_args {
	const char **pos;
	size_t npos, pcap;
	opt_value *opts;
	size_t nopts;
};

static size_t count_opts(const opt_spec *o)
{
	size_t n = 0;

	while (o && o[n].name)
		n++;
	return n;
}

static opt_value *find_opt(const cli_args *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i].spec->name, name) == 0)
			return &a->opts[i];
	return NULL;
}

static opt_value *find_short(const cli_args *a, char c)
{
	size_t i;

	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].spec->short_name == c)
			return &a->opts[i];
	return NULL;
}

size_t cli_npos(const cli_args *a)
{
	return a->npos;
}

const char *cli_pos(const cli_args *a, size_t i)
{
	return i < a->npos ? a->pos[i] : NULL;
}

bool cli_flag(const cli_args *a, const char *name)
{
	opt_value *v = find_opt(a, name);

	return v && v->set;
}

const char *cli_value(const cli_args *a, const char *name)
{
	opt_value *v = find_opt(a, name);

	return v && v->n ? v->values[v->n - 1] : NULL;
}

const char *const *cli_values(const cli_args *a, const char *name, size_t *n)
{
	opt_value *v = find_opt(a, name);

	*n = v ? v->n : 0;
	return v ? v->values : NULL;
}

void cli_args_free(cli_args *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nopts; i++)
		free(a->opts[i].values);
	free(a->opts);
	free(a->pos);
	free(a);
}

static int usage_error(const command *cmd, cli_args *a, const char *fmt, const char *what)
{
	fprintf(stderr, "grill %s: ", cmd->name);
	fprintf(stderr, fmt, what);
	fprintf(stderr, "\nRun 'grill help %s' for its options.\n", cmd->name);
	cli_args_free(a);
	return EXIT_USAGE;
}

static void set_opt(opt_value *v, const char *value)
{
	if (v->set && !v->spec->repeat && !v->spec->arg)
		return;
	if (v->set && !v->spec->repeat && v->spec->arg)
		v->n = 0; /* a later value wins, as with most tools */
	v->set = true;
	if (v->spec->arg) {
		xgrow((void **)&v->values, &v->cap, v->n + 1, sizeof(*v->values));
		v->values[v->n++] = value;
	}
}

int cli_parse(const command *cmd, int argc, char **argv, cli_args **out)
{
	cli_args *a = xcalloc(1, sizeof(*a));
	size_t nc = count_opts(grill_common_opts), no = count_opts(cmd->opts), i;
	bool only_pos = false;
	int k;

	a->opts = xcalloc(nc + no, sizeof(*a->opts));
	for (i = 0; i < no; i++)
		a->opts[a->nopts++].spec = &cmd->opts[i];
	for (i = 0; i < nc; i++)
		a->opts[a->nopts++].spec = &grill_common_opts[i];

	for (k = 1; k < argc; k++) {
		const char *arg = argv[k];
		opt_value *v;

		if (only_pos || arg[0] != '-' || arg[1] == '\0') {
			xgrow((void **)&a->pos, &a->pcap, a->npos + 1, sizeof(*a->pos));
			a->pos[a->npos++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (arg[1] == '-') {
			const char *eq = strchr(arg + 2, '=');
			char name[64];
			size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);

			if (len >= sizeof(name))
				return usage_error(cmd, a, "unknown option '%s'", arg);
			memcpy(name, arg + 2, len);
			name[len] = '\0';
			v = find_opt(a, name);
			if (!v)
				return usage_error(cmd, a, "unknown option '%s'", arg);
			if (v->spec->arg) {
				const char *value = eq ? eq + 1 : NULL;

				if (!value) {
					if (k + 1 >= argc)
						return usage_error(cmd, a, "option '%s' needs a value", arg);
					value = argv[++k];
				}
				set_opt(v, value);
			} else {
				if (eq)
					return usage_error(cmd, a, "option '%s' takes no value", arg);
				set_opt(v, NULL);
			}
			continue;
		}
		/* short options, possibly bundled: -qj, -n5, -n 5 */
		for (const char *c = arg + 1; *c; c++) {
			char opt[3] = { '-', *c, '\0' };

			v = find_short(a, *c);
			if (!v)
				return usage_error(cmd, a, "unknown option '%s'", opt);
			if (v->spec->arg) {
				const char *value = c[1] ? c + 1 : NULL;

				if (!value) {
					if (k + 1 >= argc)
						return usage_error(cmd, a, "option '%s' needs a value", opt);
					value = argv[++k];
				}
				set_opt(v, value);
				break;
			}
			set_opt(v, NULL);
		}
	}
	if (cli_flag(a, "help")) {
		*out = a;
		return EXIT_OK;
	}
	if ((int)a->npos < cmd->min_args) {
		fprintf(stderr, "grill %s: missing argument: usage: grill %s %s\n", cmd->name, cmd->name, cmd->synopsis);
		cli_args_free(a);
		return EXIT_USAGE;
	}
	if (cmd->max_args >= 0 && (int)a->npos > cmd->max_args)
		return usage_error(cmd, a, "unexpected argument '%s'", a->pos[cmd->max_args]);
	*out = a;
	return EXIT_OK;
}

/* ---- help, man page, completion ---- */

void commands_print_usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: grill [COMMAND] [OPTIONS]\n\n"
	             "grill rehearses technical interviews in the terminal: it asks a question, digs into\n"
	             "what your answer said until it finds the edge of what you know, pushes back on your\n"
	             "choices, and scores the session on a six-dimension rubric with the evidence.\n\n"
	             "Commands:\n");
	for (i = 0; i < grill_command_count; i++)
		fprintf(out, "  %-10s %s\n", grill_commands[i].name, grill_commands[i].summary);
	fprintf(out, "\nWith no command, grill runs `grill run`.\n"
	             "Options:\n"
	             "  -h, --help     show this help (or `grill help COMMAND` for one command)\n"
	             "  -V, --version  print the version\n\n"
	             "Exit status: 0 success, 1 failure, 2 usage error.\n"
	             "Data: sessions in $GRILL_HOME, else $XDG_DATA_HOME/grill (~/.local/share/grill);\n"
	             "configuration in $XDG_CONFIG_HOME/grill/config.json.\n");
}

static void print_opt_line(FILE *out, const opt_spec *o)
{
	char left[64];

	if (o->short_name)
		snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	else
		snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	fprintf(out, "  %-24s %s\n", left, o->help);
}

void commands_print_help(const command *cmd, FILE *out)
{
	const opt_spec *o;

	fprintf(out, "usage: grill %s %s\n\n%s.\n\n", cmd->name, cmd->synopsis, cmd->summary);
	fprintf(out, "%s\n\nOptions:\n", cmd->description);
	for (o = cmd->opts; o && o->name; o++)
		print_opt_line(out, o);
	for (o = grill_common_opts; o->name; o++)
		print_opt_line(out, o);
	fprintf(out, "\nExit status: 0 success, 1 failure, 2 usage error.\n");
}

/* troff needs backslashes doubled and a leading '.' or '\'' escaped. */
static void man_text(FILE *out, const char *s)
{
	bool bol = true;

	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", out);
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
		bol = *s == '\n';
	}
}

static void man_opt(FILE *out, const opt_spec *o)
{
	fputs(".TP\n", out);
	if (o->short_name)
		fprintf(out, "\\fB\\-%c\\fR, ", o->short_name);
	fputs("\\fB", out);
	man_text(out, "--");
	man_text(out, o->name);
	fputs("\\fR", out);
	if (o->arg) {
		fputs(" \\fI", out);
		man_text(out, o->arg);
		fputs("\\fR", out);
	}
	fputc('\n', out);
	man_text(out, o->help);
	fputc('\n', out);
}

void commands_print_man(FILE *out)
{
	size_t i;
	const opt_spec *o;

	fprintf(out, ".TH GRILL 1 \"\" \"grill %s\" \"User Commands\"\n", GRILL_VERSION);
	fputs(".SH NAME\ngrill \\- rehearse technical interviews that probe what you say\n", out);
	fputs(".SH SYNOPSIS\n\\fBgrill\\fR [\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]\n", out);
	fputs(".SH DESCRIPTION\ngrill asks a question, digs into what your answer said until it finds the edge "
	      "of what you know, pushes back on your choices, and scores the session on a six-dimension "
	      "rubric with the evidence behind every score. With no command it runs \\fBgrill run\\fR.\n", out);
	fputs(".SH COMMANDS\n", out);
	for (i = 0; i < grill_command_count; i++) {
		const command *c = &grill_commands[i];

		fprintf(out, ".SS \"grill %s", c->name);
		if (*c->synopsis) {
			fputc(' ', out);
			man_text(out, c->synopsis);
		}
		fputs("\"\n", out);
		man_text(out, c->summary);
		fputs(".\n.PP\n", out);
		for (const char *p = c->description; *p; p++) {
			if (p[0] == '\n' && p[1] == '\n') {
				fputs("\n.PP\n", out);
				p++;
				continue;
			}
			if (*p == '\\')
				fputs("\\e", out);
			else if (*p == '-')
				fputs("\\-", out);
			else
				fputc(*p, out);
		}
		fputc('\n', out);
		for (o = c->opts; o && o->name; o++)
			man_opt(out, o);
	}
	fputs(".SH COMMON OPTIONS\n", out);
	for (o = grill_common_opts; o->name; o++)
		man_opt(out, o);
	fputs(".TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nprint the version\n", out);
	fputs(".SH EXIT STATUS\n0 success, 1 failure, 2 usage error.\n", out);
	fputs(".SH ENVIRONMENT\n"
	      ".TP\n\\fBGRILL_HOME\\fR\nwhere sessions and history live (default \\fI$XDG_DATA_HOME/grill\\fR, "
	      "else \\fI~/.local/share/grill\\fR)\n"
	      ".TP\n\\fBGRILL_DATA_DIR\\fR\na folder holding \\fIquestion_banks/\\fR and \\fIrubrics/\\fR to use "
	      "instead of the installed ones\n"
	      ".TP\n\\fBGRILL_NO_CACHE\\fR\nwhen set and not empty, banks are parsed every time instead of being read "
	      "from the compiled bank cache (\\fI$GRILL_HOME/cache/banks\\fR when GRILL_HOME is set, else "
	      "\\fI$XDG_CACHE_HOME/grill/banks\\fR, else \\fI~/.cache/grill/banks\\fR; safe to delete)\n"
	      ".TP\n\\fBXDG_CONFIG_HOME\\fR\nthe configuration is read from \\fI$XDG_CONFIG_HOME/grill/config.json\\fR\n"
	      ".TP\n\\fBNO_COLOR\\fR\nwhen set and not empty, no colour\n"
	      ".TP\n\\fBGRILL_LLM_URL\\fR, \\fBGRILL_LLM_MODEL\\fR, \\fBGRILL_LLM_PROVIDER\\fR, "
	      "\\fBGRILL_LLM_API_KEY\\fR, \\fBGRILL_LLM_API_KEY_FILE\\fR\nthe optional language model "
	      "(see \\fBgrill doctor\\fR)\n", out);
	fputs(".SH FILES\n\\fI$XDG_DATA_HOME/grill/banks/*.json\\fR: your own question banks.\n", out);
}

void commands_print_completion(FILE *out)
{
	size_t i;
	const opt_spec *o;

	fputs("# bash completion for grill; made by `grill help --completion`\n", out);
	fputs("_grill()\n{\n\tlocal cur prev cmd i\n\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	      "\tprev=${COMP_WORDS[COMP_CWORD-1]}\n\tcmd=\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\tcase ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac\n\tdone\n", out);
	fputs("\tcase $prev in\n\t\t--bank-dir|--output|-o|--export|-e) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
	      "\t\t--level|-l) COMPREPLY=($(compgen -W \"junior mid senior staff\" -- \"$cur\")); return ;;\n"
	      "\t\t--format|-f) COMPREPLY=($(compgen -W \"text md json html\" -- \"$cur\")); return ;;\n"
	      "\t\t--kind|-k) COMPREPLY=($(compgen -W \"solo pair debrief\" -- \"$cur\")); return ;;\n"
	      "\tesac\n", out);
	fputs("\tcase $cmd in\n", out);
	for (i = 0; i < grill_command_count; i++) {
		const command *c = &grill_commands[i];

		fprintf(out, "\t\t%s) COMPREPLY=($(compgen -W \"", c->name);
		for (o = c->opts; o && o->name; o++)
			fprintf(out, "--%s ", o->name);
		for (o = grill_common_opts; o->name; o++)
			fprintf(out, "--%s ", o->name);
		if (strcmp(c->name, "help") == 0)
			for (size_t k = 0; k < grill_command_count; k++)
				fprintf(out, "%s ", grill_commands[k].name);
		fputs("\" -- \"$cur\"))", out);
		if (strstr(c->synopsis, "FILE"))
			fputs("; [[ $cur == -* ]] || COMPREPLY+=($(compgen -f -- \"$cur\"))", out);
		fputs(" ;;\n", out);
	}
	fputs("\t\t*) COMPREPLY=($(compgen -W \"", out);
	for (i = 0; i < grill_command_count; i++)
		fprintf(out, "%s ", grill_commands[i].name);
	fputs("--help --version\" -- \"$cur\")) ;;\n\tesac\n}\ncomplete -F _grill grill\n", out);
}

int cmd_help(const command *cmd, const cli_args *args)
{
	const char *name = cli_pos(args, 0);
	const command *target;

	(void)cmd;
	if (cli_flag(args, "man")) {
		commands_print_man(stdout);
		return EXIT_OK;
	}
	if (cli_flag(args, "completion")) {
		commands_print_completion(stdout);
		return EXIT_OK;
	}
	if (!name) {
		commands_print_usage(stdout);
		return EXIT_OK;
	}
	target = command_find(name);
	if (!target) {
		fprintf(stderr, "grill help: no command '%s'; 'grill help' lists them\n", name);
		return EXIT_USAGE;
	}
	commands_print_help(target, stdout);
	return EXIT_OK;
}

int commands_main(int argc, char **argv)
{
	const command *cmd;
	cli_args *args = NULL;
	int first = 1, status;

	if (argc >= 2) {
		const char *a = argv[1];

		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("grill %s\n", GRILL_VERSION);
			return EXIT_OK;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			commands_print_usage(stdout);
			return EXIT_OK;
		}
	}
	if (argc < 2 || argv[1][0] == '-') {
		/* no command: `grill [run options]` */
		cmd = command_find("run");
		first = 0;
	} else {
		cmd = command_find(argv[1]);
		if (!cmd) {
			fprintf(stderr, "grill: no command '%s'; 'grill --help' lists them\n", argv[1]);
			return EXIT_USAGE;
		}
	}
	{
		/* cli_parse expects argv[0] to be the command name */
		char **sub = argv + first;
		int subc = argc - first;
		char *saved = sub[0];

		sub[0] = (char *)cmd->name;
		status = cli_parse(cmd, subc, sub, &args);
		sub[0] = saved;
	}
	if (status != EXIT_OK)
		return status;
	if (cli_flag(args, "help")) {
		commands_print_help(cmd, stdout);
		cli_args_free(args);
		return EXIT_OK;
	}
	status = cmd->run(cmd, args);
	cli_args_free(args);
	return status;
}
