/*
 * libFuzzer target: the transcript loader on arbitrary bytes; whatever loads
 * is written back out and must load again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "grill/strbuf.h"
#include "grill/transcript.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	transcript **list = NULL;
	grill_err err = GRILL_ERR_INIT;
	long n = transcript_parse_all("fuzz.json", (const char *)data, size, &list, &err), i;

	for (i = 0; i < n; i++) {
		strbuf out = STRBUF_INIT;
		transcript **again = NULL;
		long m, k;

		transcript_write_json(list[i], &out);
		m = transcript_parse_all("rewritten.json", out.buf, out.len, &again, &err);
		if (m != 1)
			abort(); /* what grill writes, grill must read back */
		for (k = 0; k < m; k++)
			transcript_free(again[k]);
		free(again);
		sb_free(&out);
		transcript_free(list[i]);
	}
	free(list);
	err_clear(&err);
	return 0;
}
