/*
 * `grill stats`: progress over the last sessions: per dimension a sparkline
 * of self-scores and scorer scores, the calibration gap (self minus
 * evidence) and its trend, the weakest banks and tags, the red flags hit.
 */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grill/cli_history.h"
#include "grill/cli_util.h"
#include "grill/commands.h"
#include "grill/strbuf.h"
#include "grill/term.h"
#include "grill/xalloc.h"

#define TOP_N 5

typedef struct tally {
	const char *name;   /* borrowed from the history */
	double sum;
	int n;
} tally;

typedef struct tally_list {
	tally *items;
	size_t n, cap;
} tally_list;

static void tally_add(tally_list *l, const char *name, double value)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			break;
	if (i == l->n) {
		xgrow((void **)&l->items, &l->cap, l->n + 1, sizeof(*l->items));
		l->items[l->n].name = name;
		l->items[l->n].sum = 0;
		l->items[l->n].n = 0;
		l->n++;
	}
	l->items[i].sum += value;
	l->items[i].n++;
}

/* Weakest (lowest mean) first; ties by name. */
static int mean_cmp(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	double mx = x->sum / x->n, my = y->sum / y->n;

	if (mx != my)
		return mx < my ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Most often first; ties by name. */
static int count_cmp(const void *a, const void *b)
{
	const tally *x = a, *y = b;

	if (x->n != y->n)
		return y->n - x->n;
	return strcmp(x->name, y->name);
}

typedef struct dim_stats {
	double gap, gap_older, gap_newer;
	int n_gap, n_older, n_newer;
	const char *trend;
} dim_stats;

/* The reference for the gap: the scorer's evidence, else the interviewer's scores. */
static int ref_score(const history_entry *e, int d)
{
	if (e->has_scorer && e->scorer[d] > 0)
		return e->scorer[d];
	if (e->has_interviewer && e->interviewer[d] > 0)
		return e->interviewer[d];
	return 0;
}

static double absd(double x)
{
	return x < 0 ? -x : x;
}

/* window[0] is the oldest. */
static void dimension_stats(const history_entry *const *window, size_t n, int d, dim_stats *ds)
{
	int *gaps = xcalloc(n + 1, sizeof(int));
	int k = 0, i;

	memset(ds, 0, sizeof(*ds));
	for (size_t w = 0; w < n; w++) {
		int self = window[w]->has_self ? window[w]->self[d] : 0, ref = ref_score(window[w], d);

		if (self > 0 && ref > 0)
			gaps[k++] = self - ref;
	}
	ds->n_gap = k;
	for (i = 0; i < k; i++) {
		ds->gap += gaps[i];
		if (i < k / 2) {
			ds->gap_older += gaps[i];
			ds->n_older++;
		} else {
			ds->gap_newer += gaps[i];
			ds->n_newer++;
		}
	}
	if (k)
		ds->gap /= k;
	if (ds->n_older)
		ds->gap_older /= ds->n_older;
	if (ds->n_newer)
		ds->gap_newer /= ds->n_newer;
	if (k < 4)
		ds->trend = k ? "too few to tell" : "no data";
	else if (absd(ds->gap_newer) + 0.25 < absd(ds->gap_older))
		ds->trend = "closing";
	else if (absd(ds->gap_newer) > absd(ds->gap_older) + 0.25)
		ds->trend = "widening";
	else
		ds->trend = "steady";
	free(gaps);
}

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* One character per session: a block whose height is the score, or digits in a non-UTF-8 locale. */
static void sparkline(strbuf *o, const history_entry *const *window, size_t n, int d, bool self, bool utf8)
{
	static const char *const blocks[] = { "\xc2\xb7", "\xe2\x96\x81", "\xe2\x96\x83", "\xe2\x96\x84",
	                                      "\xe2\x96\x86", "\xe2\x96\x88" };
	size_t w;

	for (w = 0; w < n; w++) {
		int s = self ? (window[w]->has_self ? window[w]->self[d] : 0) : ref_score(window[w], d);

		if (utf8)
			sb_append(o, blocks[s]);
		else
			sb_putc(o, s ? (char)('0' + s) : '.');
	}
}

static void json_series(strbuf *o, const history_entry *const *window, size_t n, int d, bool self)
{
	size_t w;

	sb_putc(o, '[');
	for (w = 0; w < n; w++) {
		int s = self ? (window[w]->has_self ? window[w]->self[d] : 0) : ref_score(window[w], d);

		if (w)
			sb_append(o, ", ");
		if (s)
			sb_appendf(o, "%d", s);
		else
			sb_append(o, "null");
	}
	sb_putc(o, ']');
}

static void json_tallies(strbuf *o, const char *key, const char *name_key, const tally_list *l, bool mean)
{
	size_t i;

	sb_appendf(o, ",\n \"%s\": [", key);
	for (i = 0; i < l->n && i < TOP_N; i++) {
		sb_appendf(o, "%s{\"%s\": ", i ? ", " : "", name_key);
		sb_append_json_string(o, l->items[i].name);
		if (mean)
			sb_appendf(o, ", \"mean_quality\": %.2f, \"questions\": %d}", l->items[i].sum / l->items[i].n, l->items[i].n);
		else
			sb_appendf(o, ", \"count\": %d}", l->items[i].n);
	}
	sb_putc(o, ']');
}

static void text_tallies(strbuf *o, const char *title, const tally_list *l)
{
	size_t i;

	sb_appendf(o, "\n%s\n", title);
	if (l->n == 0)
		sb_append(o, "  (no rated questions yet)\n");
	for (i = 0; i < l->n && i < TOP_N; i++) {
		char *name = term_sanitize(l->items[i].name);

		sb_appendf(o, "  %-28s %.1f/5 over %d question%s\n", name, l->items[i].sum / l->items[i].n, l->items[i].n,
		           l->items[i].n == 1 ? "" : "s");
		free(name);
	}
}

int cmd_stats(const command *cmd, const cli_args *args)
{
	grill_err err = GRILL_ERR_INIT;
	const char *v;
	long last = 20;
	bool json = cli_flag(args, "json"), utf8 = utf8_locale();
	history *h;
	rubric *r;
	const history_entry **window;
	size_t n = 0, i, k, t, flags_total = 0;
	tally_list banks = { NULL, 0, 0 }, tags = { NULL, 0, 0 }, claims = { NULL, 0, 0 };
	term_style st = term_style_for(stdout);
	strbuf o = STRBUF_INIT;
	int d;

	if ((v = cli_value(args, "last")) && !cli_parse_int(cmd->name, "last", v, 1, 100000, &last))
		return EXIT_USAGE;
	h = cli_load_history(args, NULL, &err);
	if (!h) {
		cli_error(cmd->name, "%s", err_msg(&err));
		err_clear(&err);
		return EXIT_FAIL;
	}
	r = json ? NULL : cli_load_rubric();
	/* the newest `last` complete sessions with scores, then put oldest first */
	window = xcalloc((size_t)last + 1, sizeof(*window));
	for (i = 0; i < history_count(h) && n < (size_t)last; i++) {
		const history_entry *e = history_get(h, i);

		if (strcmp(e->status, "complete") == 0 && (e->has_self || e->has_scorer || e->has_interviewer))
			window[n++] = e;
	}
	for (i = 0; i < n / 2; i++) {
		const history_entry *tmp = window[i];

		window[i] = window[n - 1 - i];
		window[n - 1 - i] = tmp;
	}
	for (i = 0; i < n; i++) {
		const history_entry *e = window[i];

		for (k = 0; k < e->n_questions; k++) {
			const history_question *q = &e->questions[k];

			if (q->quality < 0)
				continue;
			if (q->bank)
				tally_add(&banks, q->bank, q->quality);
			for (t = 0; t < q->n_tags; t++)
				tally_add(&tags, q->tags[t], q->quality);
		}
		for (k = 0; k < e->n_flags; k++)
			tally_add(&claims, e->flags[k], 1);
		flags_total += e->n_flags;
	}
	if (banks.n)
		qsort(banks.items, banks.n, sizeof(*banks.items), mean_cmp);
	if (tags.n)
		qsort(tags.items, tags.n, sizeof(*tags.items), mean_cmp);
	if (claims.n)
		qsort(claims.items, claims.n, sizeof(*claims.items), count_cmp);

	if (json) {
		sb_appendf(&o, "{\"sessions\": %zu, \"dimensions\": {", n);
		for (d = 0; d < RUBRIC_DIMS; d++) {
			dim_stats ds;

			dimension_stats(window, n, d, &ds);
			sb_appendf(&o, "%s\n  \"%s\": {\"self\": ", d ? "," : "", rubric_keys[d]);
			json_series(&o, window, n, d, true);
			sb_append(&o, ", \"scorer\": ");
			json_series(&o, window, n, d, false);
			if (ds.n_gap)
				sb_appendf(&o, ", \"gap\": %.2f", ds.gap);
			else
				sb_append(&o, ", \"gap\": null");
			if (ds.n_gap >= 4)
				sb_appendf(&o, ", \"gap_older\": %.2f, \"gap_newer\": %.2f", ds.gap_older, ds.gap_newer);
			else
				sb_append(&o, ", \"gap_older\": null, \"gap_newer\": null");
			sb_appendf(&o, ", \"trend\": \"%s\"}", ds.trend);
		}
		sb_append(&o, "}");
		json_tallies(&o, "weakest_banks", "bank", &banks, true);
		json_tallies(&o, "weakest_tags", "tag", &tags, true);
		sb_appendf(&o, ",\n \"red_flags\": {\"total\": %zu", flags_total);
		json_tallies(&o, "claims", "claim", &claims, false);
		sb_append(&o, "}}\n");
	} else if (n == 0) {
		sb_append(&o, "No scored sessions yet: `grill run` rehearses, `grill score` debriefs a real interview.\n");
	} else {
		sb_appendf(&o, "%sProgress over the last %zu session%s%s (oldest left, newest right)\n\n", st.bold, n,
		           n == 1 ? "" : "s", st.reset);
		sb_appendf(&o, "%-30s  %-*s  %-*s  %6s  %s\n", "", (int)(n > 4 ? n : 4), "self", (int)(n > 5 ? n : 5),
		           "grill", "gap", "trend of the gap");
		for (d = 0; d < RUBRIC_DIMS; d++) {
			const rubric_dimension *dim = r ? rubric_find(r, rubric_keys[d]) : NULL;
			dim_stats ds;
			size_t pad;

			dimension_stats(window, n, d, &ds);
			sb_appendf(&o, "%-30.30s  ", dim ? dim->name : rubric_keys[d]);
			sparkline(&o, window, n, d, true, utf8);
			for (pad = n; pad < 4; pad++)
				sb_putc(&o, ' ');
			sb_append(&o, "  ");
			sparkline(&o, window, n, d, false, utf8);
			for (pad = n; pad < 5; pad++)
				sb_putc(&o, ' ');
			if (ds.n_gap)
				sb_appendf(&o, "  %s%+6.1f%s", ds.gap >= 1.0 ? st.red : "", ds.gap, st.reset);
			else
				sb_appendf(&o, "  %6s", "-");
			if (ds.n_gap >= 4)
				sb_appendf(&o, "  %s (%+.1f -> %+.1f)\n", ds.trend, ds.gap_older, ds.gap_newer);
			else
				sb_appendf(&o, "  %s\n", ds.trend);
		}
		sb_appendf(&o, "%sgap: your score minus the evidence's (the scorer, or the interviewer in pair mode); "
		               "positive means you rate yourself higher%s\n", st.dim, st.reset);
		text_tallies(&o, "Weakest banks (mean answer quality, 0-5)", &banks);
		text_tallies(&o, "Weakest tags", &tags);
		sb_appendf(&o, "\nRed flags hit: %zu\n", flags_total);
		for (i = 0; i < claims.n && i < TOP_N; i++) {
			char *claim = term_sanitize(claims.items[i].name);

			sb_appendf(&o, "  %3dx  %s\n", claims.items[i].n, claim);
			free(claim);
		}
	}
	fputs(sb_str(&o), stdout);
	if (!json)
		cli_print_skipped(stdout, h);
	sb_free(&o);
	free(banks.items);
	free(tags.items);
	free(claims.items);
	free(window);
	rubric_free(r);
	history_free(h);
	return EXIT_OK;
}
