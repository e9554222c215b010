/*
 * libFuzzer target: the offline scorer on any transcript the loader accepts,
 * against the example banks and the shipped rubric (loaded once).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "config.h"
#include "grill/bank.h"
#include "grill/rubric.h"
#include "grill/scorer.h"
#include "grill/strbuf.h"
#include "grill/transcript.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bank_set *banks;
static rubric *rub;

static void load_once(void)
{
	diag_list diags = DIAG_LIST_INIT;

	if (banks)
		return;
	banks = bank_set_new();
	if (bank_set_add_dir(banks, GRILL_SOURCE_ROOT "/tests/fixtures/banks", &diags) != 0)
		abort();
	bank_set_link(banks);
	rub = rubric_load(GRILL_SOURCE_ROOT "/rubrics/self-assessment.json", &diags);
	if (!rub)
		abort();
	diag_free(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	transcript **list = NULL;
	grill_err err = GRILL_ERR_INIT;
	long n, i;

	load_once();
	n = transcript_parse_all("fuzz.json", (const char *)data, size, &list, &err);
	for (i = 0; i < n; i++) {
		scorer_result *res = scorer_assess(list[i], banks, rub);
		strbuf out = STRBUF_INIT;
		int scores[RUBRIC_DIMS];

		scorer_result_scores(res, scores);
		scorer_result_json(res, true, &out);
		sb_free(&out);
		scorer_result_free(res);
		transcript_free(list[i]);
	}
	free(list);
	err_clear(&err);
	return 0;
}
