/* libFuzzer target: the rubric loader on arbitrary bytes, then a verdict. */
#include <stddef.h>
#include <stdint.h>

#include "grill/rubric.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag_list diags = DIAG_LIST_INIT;
	rubric *r = rubric_parse("fuzz.json", (const char *)data, size, &diags);

	if (r) {
		int scores[RUBRIC_DIMS] = { 1, 2, 3, 4, 5, 0 };

		(void)rubric_verdict_text(r, rubric_verdict(r, scores));
		rubric_free(r);
	}
	diag_free(&diags);
	return 0;
}
