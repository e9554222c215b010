/* `grill banks` and `grill validate`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/bank.h"
#include "grill/cli_util.h"
#include "grill/commands.h"
#include "grill/fsutil.h"
#include "grill/rubric.h"
#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/xalloc.h"

static void print_json_tags(strbuf *o, const bank *b)
{
	size_t q, t, k, n = 0;
	const char **seen = NULL;

	sb_append(o, "[");
	for (q = 0; q < b->n_questions; q++) {
		for (t = 0; t < b->questions[q].n_tags; t++) {
			const char *tag = b->questions[q].tags[t];
			bool dup = false;

			for (k = 0; k < n && !dup; k++)
				dup = strcmp(seen[k], tag) == 0;
			if (dup)
				continue;
			seen = xrealloc(seen, (n + 1) * sizeof(*seen));
			seen[n++] = tag;
			if (n > 1)
				sb_append(o, ", ");
			sb_append_json_string(o, tag);
		}
	}
	sb_append(o, "]");
	free(seen);
}

/* Distinct tags of a bank, most used first (ties by name), as "a, b, c". */
static char *top_tags(const bank *b, size_t max)
{
	typedef struct { const char *tag; size_t count; } tag_count;
	tag_count *tags = NULL;
	size_t n = 0, q, t, k;
	strbuf out = STRBUF_INIT;

	for (q = 0; q < b->n_questions; q++) {
		for (t = 0; t < b->questions[q].n_tags; t++) {
			const char *tag = b->questions[q].tags[t];

			for (k = 0; k < n && strcmp(tags[k].tag, tag) != 0; k++)
				;
			if (k == n) {
				tags = xrealloc(tags, (n + 1) * sizeof(*tags));
				tags[n].tag = tag;
				tags[n++].count = 0;
			}
			tags[k].count++;
		}
	}
	for (q = 0; q < n; q++) { /* selection sort: a bank has few tags */
		size_t best = q;

		for (k = q + 1; k < n; k++)
			if (tags[k].count > tags[best].count ||
			    (tags[k].count == tags[best].count && strcmp(tags[k].tag, tags[best].tag) < 0))
				best = k;
		if (best != q) {
			tag_count tmp = tags[q];

			tags[q] = tags[best];
			tags[best] = tmp;
		}
	}
	for (k = 0; k < n && k < max; k++)
		sb_appendf(&out, "%s%s", k ? ", " : "", tags[k].tag);
	if (n > max)
		sb_appendf(&out, ", ... (%zu in all)", n);
	free(tags);
	return sb_detach(&out);
}

/* Levels of follow-ups below these probes (1 for probes without children). */
static int probes_depth(const bank_probe *p, size_t n)
{
	int max = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int d = 1 + probes_depth(p[i].probes, p[i].n_probes);

		if (d > max)
			max = d;
	}
	return max;
}

/* The deepest probe path in the bank, in its questions or its technologies. */
static int bank_depth(const bank *b)
{
	int max = 0, d;
	size_t i;

	for (i = 0; i < b->n_questions; i++)
		if ((d = bank_question_depth(&b->questions[i])) > max)
			max = d;
	for (i = 0; i < b->n_techs; i++)
		if ((d = probes_depth(b->techs[i].probes, b->techs[i].n_probes)) > max)
			max = d;
	return max;
}

int cmd_banks(const command *cmd, const cli_args *args)
{
	bool json = cli_flag(args, "json");
	bank_set *set = cli_load_banks(args, cli_flag(args, "quiet") && !json ? true : false);
	size_t i, n = bank_set_count(set);
	term_style st = term_style_for(stdout);

	(void)cmd;
	if (json) {
		strbuf o = STRBUF_INIT;

		sb_append(&o, "[");
		for (i = 0; i < n; i++) {
			const bank *b = bank_set_get(set, i);

			sb_append(&o, i ? ",\n {" : "\n {");
			sb_append(&o, "\"id\": ");
			sb_append_json_string(&o, b->id);
			sb_append(&o, ", \"title\": ");
			sb_append_json_string(&o, b->title);
			sb_append(&o, ", \"version\": ");
			sb_append_json_string(&o, b->version);
			sb_append(&o, ", \"path\": ");
			sb_append_json_string(&o, b->path);
			sb_appendf(&o, ", \"questions\": %zu, \"technologies\": %zu, \"depth\": %d, \"tags\": ",
			           b->n_questions, b->n_techs, bank_depth(b));
			print_json_tags(&o, b);
			sb_append(&o, "}");
		}
		sb_append(&o, n ? "\n]\n" : "]\n");
		fputs(sb_str(&o), stdout);
		sb_free(&o);
	} else if (n == 0) {
		fprintf(stderr, "grill banks: no question banks found (looked in the shipped banks, "
		                "$XDG_DATA_HOME/grill/banks and --bank-dir)\n");
	} else {
		printf("%s%-16s %9s %5s %5s  %s%s\n", st.bold, "BANK", "QUESTIONS", "DEPTH", "TECH", "TITLE", st.reset);
		for (i = 0; i < n; i++) {
			const bank *b = bank_set_get(set, i);
			char *tags = top_tags(b, 8);

			printf("%-16s %9zu %5d %5zu  ", b->id, b->n_questions, bank_depth(b), b->n_techs);
			term_print_untrusted(stdout, b->title);
			fputc('\n', stdout);
			if (*tags) {
				printf("%s%16s tags: ", st.dim, "");
				term_print_untrusted(stdout, tags);
				printf("%s\n", st.reset);
			}
			free(tags);
		}
		if (!cli_flag(args, "quiet"))
			printf("\n%zu banks, %zu questions, %zu technologies in the probe library\n",
			       n, bank_set_question_count(set), bank_set_tech_count(set));
	}
	bank_set_free(set);
	return n ? EXIT_OK : EXIT_FAIL;
}

/* A rubric lives in a folder named rubrics, or has "dimensions" and no "questions". */
static bool looks_like_rubric(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *buf = NULL;
	bool is_rubric = false;

	if (slash && slash - path >= 7 && strncmp(slash - 7, "rubrics", 7) == 0 &&
	    (slash - path == 7 || slash[-8] == '/'))
		return true;
	if (fs_read_file(path, RUBRIC_MAX_FILE_BYTES, &buf, NULL, NULL) == 0) {
		is_rubric = strstr(buf, "\"dimensions\"") && !strstr(buf, "\"questions\"");
		free(buf);
	}
	return is_rubric;
}

static void validate_one(const char *path, bank_set *set, diag_list *diags, size_t *files)
{
	(*files)++;
	if (looks_like_rubric(path)) {
		rubric_free(rubric_load(path, diags));
		return;
	}
	bank_set_add_file(set, path, diags);
}

int cmd_validate(const command *cmd, const cli_args *args)
{
	bank_set *set = bank_set_new();
	diag_list diags = DIAG_LIST_INIT;
	size_t i, files = 0;
	bool quiet = cli_flag(args, "quiet");

	(void)cmd;
	for (i = 0; i < cli_npos(args); i++) {
		const char *target = cli_pos(args, i);

		if (fs_is_dir(target)) {
			grill_err err = GRILL_ERR_INIT;
			char **list = NULL;
			long n = fs_list(target, ".json", &list, &err), k;

			if (n < 0) {
				diag_add(&diags, "%s", err_msg(&err));
				err_clear(&err);
				continue;
			}
			if (n == 0)
				diag_add(&diags, "%s: no .json files in this folder", target);
			for (k = 0; k < n; k++)
				validate_one(list[k], set, &diags, &files);
			fs_list_free(list, n);
		} else {
			validate_one(target, set, &diags, &files);
		}
	}
	for (i = 0; i < diags.n; i++) {
		term_print_untrusted(stdout, diags.items[i]);
		fputc('\n', stdout);
	}
	if (!quiet) {
		if (diags.n)
			fprintf(stderr, "grill validate: %zu problem%s in %zu file%s checked\n", diags.n,
			        diags.n == 1 ? "" : "s", files, files == 1 ? "" : "s");
		else
			fprintf(stderr, "grill validate: %zu file%s valid (%zu questions, %zu technologies)\n", files,
			        files == 1 ? "" : "s", bank_set_question_count(set), bank_set_tech_count(set));
	}
	bank_set_free(set);
	i = diags.n;
	diag_free(&diags);
	return i ? EXIT_FAIL : EXIT_OK;
}
