/*
 * bench/calibration: runs the offline scorer on expert-labelled transcripts
 * (the calibration format: a JSON array of {"id", "turns", "expert", ...})
 * and prints, per dimension and overall, exact agreement, agreement within
 * one point, mean absolute error, the same for a scorer that always answers
 * 3, and how often null (not scored) matched.
 *
 *   calibration [--check] [--min-within-one PCT] [--list] [--explain ID] [FILE...]
 *
 * Agreement and error are over the labels the expert scored; a null from
 * the scorer where the expert scored counts as a miss, and its error is
 * taken against 3. With --check the exit status is 1 when overall
 * within-one agreement is below PCT (default 85) or null agreement below
 * 95%. --explain ID prints the scorer's evidence for one transcript. No bank
 * is loaded: the figures are for the bank-free scorer.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "grill/error.h"
#include "grill/rubric.h"
#include "grill/scorer.h"
#include "grill/transcript.h"
#include "grill/xalloc.h"

#define DEFAULT_FILE GRILL_SOURCE_ROOT "/tests/fixtures/calibration/public.json"

typedef struct tally {
	int labelled;      /* expert scored */
	int exact, within_one;
	double abs_error;
	int base_exact, base_within_one;
	double base_abs_error;
	int null_cases, null_right;
} tally;

/*
 * Reads the expert labels from the transcript's unknown keys: each of the
 * six an integer 1-5 or null. -1 when the file has none, -2 (with the key
 * in *bad) when a label is anything else, so a broken label file cannot
 * quietly skew the figures.
 */
static int expert_labels(const transcript *t, int labels[RUBRIC_DIMS], const char **bad)
{
	cJSON *extra, *expert;
	int found = -1;

	if (!t->extra_json)
		return -1;
	extra = cJSON_Parse(t->extra_json);
	expert = extra ? cJSON_GetObjectItemCaseSensitive(extra, "expert") : NULL;
	if (cJSON_IsObject(expert)) {
		found = 0;
		for (int d = 0; d < RUBRIC_DIMS && found == 0; d++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(expert, rubric_keys[d]);

			labels[d] = 0;
			if (!v || cJSON_IsNull(v))
				continue;
			if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= 5 &&
			    v->valuedouble == (double)(int)v->valuedouble) {
				labels[d] = (int)v->valuedouble;
			} else {
				*bad = rubric_keys[d];
				found = -2;
			}
		}
	}
	cJSON_Delete(extra);
	return found;
}

static int absdiff(int a, int b)
{
	return a > b ? a - b : b - a;
}

static void count(tally *t, int expert, int got)
{
	t->null_cases++;
	t->null_right += (expert == 0) == (got == 0);
	if (expert == 0)
		return;
	t->labelled++;
	if (got > 0) {
		t->exact += got == expert;
		t->within_one += absdiff(got, expert) <= 1;
		t->abs_error += absdiff(got, expert);
	} else {
		t->abs_error += absdiff(3, expert);
	}
	t->base_exact += expert == 3;
	t->base_within_one += absdiff(3, expert) <= 1;
	t->base_abs_error += absdiff(3, expert);
}

static double pct(int num, int den)
{
	return den ? 100.0 * num / den : 0.0;
}

static void print_row(const char *name, const tally *t)
{
	if (t->labelled == 0) {
		printf("%-12s %4d  %6s %6s %5s   %6s %6s %5s   %6.1f%%\n", name, 0, "-", "-", "-", "-", "-", "-",
		       pct(t->null_right, t->null_cases));
		return;
	}
	printf("%-12s %4d  %5.1f%% %5.1f%% %5.2f   %5.1f%% %5.1f%% %5.2f   %6.1f%%\n", name, t->labelled,
	       pct(t->exact, t->labelled), pct(t->within_one, t->labelled), t->abs_error / t->labelled,
	       pct(t->base_exact, t->labelled), pct(t->base_within_one, t->labelled),
	       t->base_abs_error / t->labelled, pct(t->null_right, t->null_cases));
}

static void add_tally(tally *into, const tally *t)
{
	into->labelled += t->labelled;
	into->exact += t->exact;
	into->within_one += t->within_one;
	into->abs_error += t->abs_error;
	into->base_exact += t->base_exact;
	into->base_within_one += t->base_within_one;
	into->base_abs_error += t->base_abs_error;
	into->null_cases += t->null_cases;
	into->null_right += t->null_right;
}


/* Returns 0, or 1 when the file cannot be used; fills dims. */
static void print_score(int s)
{
	if (s > 0)
		printf("%d", s);
	else
		printf("-");
}

static const char *explain_id;

static void print_evidence(const scorer_result *res, const int labels[RUBRIC_DIMS])
{
	for (int d = 0; d < RUBRIC_DIMS; d++) {
		printf("  %s: expert ", rubric_keys[d]);
		print_score(labels[d]);
		printf(", scorer ");
		print_score(res->dims[d].score);
		printf("\n");
		for (size_t i = 0; i < res->dims[d].n_evidence; i++) {
			const scorer_evidence *e = &res->dims[d].evidence[i];

			printf("    %c %s\n", e->sign > 0 ? '+' : e->sign < 0 ? '-' : '*', e->text);
		}
	}
}

static int run_file(const char *path, bool list, tally dims[RUBRIC_DIMS])
{
	grill_err err = GRILL_ERR_INIT;
	transcript **ts = NULL;
	long n = transcript_load_all(path, &ts, &err);
	int status = 0;

	if (n < 0) {
		fprintf(stderr, "calibration: %s\n", err_msg(&err));
		err_clear(&err);
		return 1;
	}
	for (long i = 0; i < n; i++) {
		int labels[RUBRIC_DIMS], got[RUBRIC_DIMS];
		scorer_result *res;

		const char *bad = NULL;
		int found = expert_labels(ts[i], labels, &bad);

		if (found < 0) {
			if (found == -2)
				fprintf(stderr, "calibration: %s: [%ld].expert.%s (%s): a label must be an integer 1-5 or null\n",
				        path, i, bad, ts[i]->id ? ts[i]->id : "no id");
			else
				fprintf(stderr, "calibration: %s: transcript %ld (%s) has no \"expert\" labels\n", path, i,
				        ts[i]->id ? ts[i]->id : "no id");
			status = 1;
			transcript_free(ts[i]);
			continue;
		}
		res = scorer_assess(ts[i], NULL, NULL);
		scorer_result_scores(res, got);
		for (int d = 0; d < RUBRIC_DIMS; d++)
			count(&dims[d], labels[d], got[d]);
		if (list) {
			printf("%-10s", ts[i]->id ? ts[i]->id : "?");
			for (int d = 0; d < RUBRIC_DIMS; d++) {
				printf("  %.3s ", rubric_keys[d]);
				print_score(labels[d]);
				printf("/");
				print_score(got[d]);
				printf("%s", labels[d] == got[d] ? " " :
				       (labels[d] == 0 || got[d] == 0 || absdiff(labels[d], got[d]) > 1) ? "!" : "~");
			}
			printf("\n");
		}
		if (explain_id && ts[i]->id && strcmp(explain_id, ts[i]->id) == 0)
			print_evidence(res, labels);
		scorer_result_free(res);
		transcript_free(ts[i]);
	}
	free(ts);
	return status;
}

int main(int argc, char **argv)
{
	bool check = false, list = false;
	double min_within = 85.0, min_null = 95.0;
	const char **files = xcalloc((size_t)argc + 1, sizeof(*files));
	size_t nfiles = 0;
	tally dims[RUBRIC_DIMS], overall;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--check") == 0) {
			check = true;
		} else if (strcmp(argv[i], "--list") == 0) {
			list = true;
		} else if (strcmp(argv[i], "--explain") == 0 && i + 1 < argc) {
			explain_id = argv[++i];
		} else if (strcmp(argv[i], "--min-within-one") == 0 && i + 1 < argc) {
			char *end;

			min_within = strtod(argv[++i], &end);
			if (*end || min_within < 0 || min_within > 100) {
				fprintf(stderr, "calibration: --min-within-one wants a percentage, not '%s'\n", argv[i]);
				free(files);
				return 2;
			}
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "usage: calibration [--check] [--min-within-one PCT] [--list] [--explain ID] [FILE...]\n");
			free(files);
			return 2;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (nfiles == 0)
		files[nfiles++] = DEFAULT_FILE;
	memset(dims, 0, sizeof(dims));
	memset(&overall, 0, sizeof(overall));
	for (size_t f = 0; f < nfiles; f++)
		status |= run_file(files[f], list, dims);

	for (size_t f = 0; f < nfiles; f++)
		printf("%s%s", f ? ", " : "calibration set: ", files[f]);
	printf("\n%-12s %4s  %6s %6s %5s   %6s %6s %5s   %7s\n", "dimension", "n", "exact", "±1", "MAE",
	       "3:ex", "3:±1", "3:MAE", "null ok");
	for (int d = 0; d < RUBRIC_DIMS; d++) {
		print_row(rubric_keys[d], &dims[d]);
		add_tally(&overall, &dims[d]);
	}
	print_row("overall", &overall);
	if (check) {
		double within = pct(overall.within_one, overall.labelled);
		double nulls = pct(overall.null_right, overall.null_cases);

		if (overall.labelled == 0 || within < min_within) {
			printf("FAIL: within-one agreement %.1f%% is below %.1f%%\n", within, min_within);
			status = 1;
		}
		if (nulls < min_null) {
			printf("FAIL: null agreement %.1f%% is below %.1f%%\n", nulls, min_null);
			status = 1;
		}
		for (int d = 0; d < RUBRIC_DIMS; d++) {
			if (dims[d].labelled && dims[d].abs_error >= dims[d].base_abs_error) {
				printf("FAIL: %s: mean absolute error %.2f is not under the always-3 baseline %.2f\n",
				       rubric_keys[d], dims[d].abs_error / dims[d].labelled,
				       dims[d].base_abs_error / dims[d].labelled);
				status = 1;
			}
		}
		if (!status)
			printf("ok: within-one %.1f%% >= %.1f%%, null %.1f%% >= %.1f%%, MAE under the baseline on every dimension\n",
			       within, min_within, nulls, min_null);
	}
	free(files);
	return status;
}
