/*
 * libFuzzer target: the bank loader on arbitrary bytes. Each input is loaded
 * into a fresh set, linked and written back out, so the writer sees every
 * struct the loader accepts.
 */
#include <stddef.h>
#include <stdint.h>

#include "grill/bank.h"
#include "grill/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bank_set *set = bank_set_new();
	diag_list diags = DIAG_LIST_INIT;

	if (bank_set_add_buffer(set, "fuzz.json", (const char *)data, size, &diags) == 0) {
		strbuf out = STRBUF_INIT;
		size_t i;

		bank_set_link(set);
		for (i = 0; i < bank_set_count(set); i++)
			bank_write_json(bank_set_get(set, i), &out);
		for (i = 0; i < bank_set_question_count(set); i++)
			(void)bank_question_depth(&bank_set_get(set, 0)->questions[i]);
		sb_free(&out);
	}
	diag_free(&diags);
	bank_set_free(set);
	return 0;
}
