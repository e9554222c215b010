/* `grill history`: sessions and debriefs, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/cli_history.h"
#include "grill/cli_util.h"
#include "grill/commands.h"
#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/xalloc.h"

static void scores_glance(strbuf *o, bool present, const int *scores)
{
	int d;

	for (d = 0; d < RUBRIC_DIMS; d++) {
		if (d)
			sb_putc(o, ' ');
		if (present && scores[d] > 0)
			sb_putc(o, (char)('0' + scores[d]));
		else
			sb_putc(o, '-');
	}
}

/* "mini-queues, mini-kubernetes" or, for a debrief, "Acme, SRE, onsite". */
static char *details(const history_entry *e)
{
	strbuf o = STRBUF_INIT;
	size_t i;

	if (strcmp(e->kind, "debrief") == 0) {
		const char *parts[] = { e->company, e->role, e->round };

		for (i = 0; i < 3; i++) {
			if (!parts[i])
				continue;
			if (o.len)
				sb_append(&o, ", ");
			sb_append(&o, parts[i]);
		}
		if (!o.len)
			sb_append(&o, "(real interview)");
	} else {
		for (i = 0; i < e->n_banks; i++) {
			if (i)
				sb_append(&o, ", ");
			sb_append(&o, e->banks[i]);
		}
		if (!o.len)
			sb_append(&o, "-");
	}
	if (strcmp(e->status, "complete") != 0)
		sb_append(&o, " (unfinished)");
	return sb_detach(&o);
}

static void json_opt(strbuf *o, const char *key, const char *v, bool *first)
{
	if (!v)
		return;
	sb_appendf(o, "%s\"%s\": ", *first ? "" : ", ", key);
	sb_append_json_string(o, v);
	*first = false;
}

static void json_entry(strbuf *o, const history_entry *e)
{
	size_t i;
	int flags = (int)e->n_flags;

	sb_append(o, "{\"id\": ");
	sb_append_json_string(o, e->id);
	sb_append(o, ", \"path\": ");
	sb_append_json_string(o, e->path);
	sb_append(o, ", \"kind\": ");
	sb_append_json_string(o, e->kind);
	sb_append(o, ", \"status\": ");
	sb_append_json_string(o, e->status);
	sb_append(o, ", \"created\": ");
	sb_append_json_string(o, e->created);
	sb_append(o, ", \"banks\": [");
	for (i = 0; i < e->n_banks; i++) {
		if (i)
			sb_append(o, ", ");
		sb_append_json_string(o, e->banks[i]);
	}
	sb_appendf(o, "], \"questions\": %zu, \"question_ids\": [", e->n_questions);
	for (i = 0; i < e->n_questions; i++) {
		if (i)
			sb_append(o, ", ");
		sb_append_json_string(o, e->questions[i].id);
	}
	sb_append(o, "], \"self\": ");
	scores_write_json(o, e->has_self, e->self);
	sb_append(o, ", \"scorer\": ");
	scores_write_json(o, e->has_scorer, e->scorer);
	sb_append(o, ", \"interviewer\": ");
	scores_write_json(o, e->has_interviewer, e->interviewer);
	sb_appendf(o, ", \"red_flags\": %d, \"debrief\": ", flags);
	if (strcmp(e->kind, "debrief") == 0) {
		bool first = true;

		sb_putc(o, '{');
		json_opt(o, "company", e->company, &first);
		json_opt(o, "role", e->role, &first);
		json_opt(o, "date", e->date, &first);
		json_opt(o, "round", e->round, &first);
		sb_putc(o, '}');
	} else {
		sb_append(o, "null");
	}
	sb_putc(o, '}');
}

int cmd_history(const command *cmd, const cli_args *args)
{
	history_filter f;
	grill_err err = GRILL_ERR_INIT;
	const char *v;
	long limit = -1;
	bool json = cli_flag(args, "json");
	history *h;
	size_t i, shown = 0;
	term_style st = term_style_for(stdout);
	strbuf o = STRBUF_INIT;

	memset(&f, 0, sizeof(f));
	f.kind = cli_value(args, "kind");
	if (f.kind && strcmp(f.kind, "solo") != 0 && strcmp(f.kind, "pair") != 0 && strcmp(f.kind, "debrief") != 0) {
		fprintf(stderr, "grill %s: --kind wants solo, pair or debrief, not '%s'\n", cmd->name, f.kind);
		return EXIT_USAGE;
	}
	f.bank = cli_value(args, "bank");
	f.since = cli_value(args, "since");
	f.until = cli_value(args, "until");
	if (f.since && !history_valid_date(f.since)) {
		fprintf(stderr, "grill %s: --since wants a date YYYY-MM-DD, not '%s'\n", cmd->name, f.since);
		return EXIT_USAGE;
	}
	if (f.until && !history_valid_date(f.until)) {
		fprintf(stderr, "grill %s: --until wants a date YYYY-MM-DD, not '%s'\n", cmd->name, f.until);
		return EXIT_USAGE;
	}
	if ((v = cli_value(args, "limit")) && !cli_parse_int(cmd->name, "limit", v, 1, 1000000000L, &limit))
		return EXIT_USAGE;
	h = cli_load_history(args, NULL, &err);
	if (!h) {
		cli_error(cmd->name, "%s", err_msg(&err));
		err_clear(&err);
		return EXIT_FAIL;
	}
	if (json)
		sb_append(&o, "{\"sessions\": [");
	for (i = 0; i < history_count(h) && (limit < 0 || shown < (size_t)limit); i++) {
		const history_entry *e = history_get(h, i);

		if (!history_entry_matches(e, &f))
			continue;
		if (json) {
			sb_append(&o, shown ? ",\n  " : "\n  ");
			json_entry(&o, e);
		} else {
			char *what = details(e);
			char date[17];

			if (shown == 0)
				sb_appendf(&o, "%s%-16s  %-7s %3s  %-11s  %-11s  %-20s  %s%s\n", st.bold, "DATE (UTC)", "KIND", "QS",
				           "SELF", "GRILL", "ID", "BANKS / DETAILS", st.reset);
			snprintf(date, sizeof(date), "%.10s %.5s", e->created, strlen(e->created) > 11 ? e->created + 11 : "");
			sb_appendf(&o, "%-16s  %-7s %3zu  ", date, e->kind, e->n_questions);
			scores_glance(&o, e->has_self, e->self);
			sb_append(&o, "  ");
			scores_glance(&o, e->has_scorer, e->scorer);
			{
				char *id = term_sanitize(e->id), *clean = term_sanitize(what);

				sb_appendf(&o, "  %-20s  %s\n", id, clean);
				free(id);
				free(clean);
			}
			free(what);
		}
		shown++;
	}
	if (json) {
		sb_append(&o, shown ? "\n ],\n \"skipped\": [" : "],\n \"skipped\": [");
		for (i = 0; i < history_skipped_count(h); i++) {
			const history_skip *s = history_skipped(h, i);

			sb_append(&o, i ? ",\n  {\"file\": " : "\n  {\"file\": ");
			sb_append_json_string(&o, s->file);
			sb_append(&o, ", \"path\": ");
			sb_append_json_string(&o, s->path);
			sb_append(&o, ", \"reason\": ");
			sb_append_json_string(&o, s->reason);
			sb_putc(&o, '}');
		}
		sb_append(&o, "]}\n");
		fputs(sb_str(&o), stdout);
	} else {
		fputs(sb_str(&o), stdout);
		if (shown == 0)
			printf(history_count(h) ? "No session matches.\n" : "No sessions yet: `grill run` starts one, `grill score` debriefs a real interview.\n");
		else
			printf("%sscores: accuracy honesty reasoning challenge specificity questions (1-5, - none)%s\n", st.dim, st.reset);
		cli_print_skipped(stdout, h);
	}
	sb_free(&o);
	history_free(h);
	return EXIT_OK;
}
