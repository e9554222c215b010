/*
 * libFuzzer target: the compiled bank cache's decoders, of the payload and
 * of the index. An input that loads as a bank is encoded, read back (and
 * must write out as the same JSON; its index must list the same ids), then
 * read back again after damage chosen from the input's own bytes: a flipped
 * byte, a cut, a zeroed stretch. Any other input is decoded as it is, as
 * both. The decoders must refuse or accept, never read outside what they
 * are given.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grill/bank.h"
#include "grill/strbuf.h"
#include "src/bank_cache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decodes len bytes copied into fresh, exactly sized memory (so a read past
 * the end is caught by the sanitizers); true when they decoded. */
static bool decode_copy(const char *bytes, size_t len, size_t arena_len, strbuf *json)
{
	/* malloc's blocks are aligned for any type, so for the decoder too */
	char *buf = malloc(len ? len : 1);
	char *arena = malloc(arena_len ? arena_len : 1);
	bank *b;

	memcpy(buf, bytes, len);
	b = bank_cache_decode(buf, len, arena, arena_len);
	if (b && json)
		bank_write_json(b, json);
	free(buf);
	free(arena);
	return b != NULL;
}

/* The index decoder the same way; true when the bytes decoded. */
static bool decode_index_copy(const char *bytes, size_t len, size_t arena_len, const bank *want)
{
	char *buf = malloc(len ? len : 1);
	char *arena = malloc(arena_len ? arena_len : 1);
	bank_index ix;
	bool ok;

	memcpy(buf, bytes, len);
	ok = bank_index_decode(buf, len, arena, arena_len, &ix);
	if (ok && want) {
		/* a sound bank's index lists its ids */
		if (ix.n_questions != want->n_questions || ix.n_techs != want->n_techs || strcmp(ix.id, want->id) != 0)
			abort();
		for (size_t i = 0; i < ix.n_questions; i++)
			if (strcmp(ix.question_ids[i], want->questions[i].id) != 0)
				abort();
	}
	for (size_t i = 0; ok && i < ix.n_questions; i++)
		for (size_t k = 0; k < ix.prompts[i].n; k++)
			(void)*(volatile const uint64_t *)&ix.prompts[i].keys[k];
	for (size_t i = 0; ok && i < ix.n_probes; i++)
		for (size_t k = 0; k < ix.probes[i].n; k++)
			(void)*(volatile const uint64_t *)&ix.probes[i].keys[k];
	free(buf);
	free(arena);
	return ok;
}

static uint64_t mix(const uint8_t *d, size_t n)
{
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ d[i]) * 1099511628211u;
	return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bank_set *set = bank_set_new();
	diag_list diags = DIAG_LIST_INIT;

	if (bank_set_add_buffer(set, "fuzz.json", (const char *)data, size, &diags) == 0) {
		const bank *b = bank_set_get(set, 0);
		strbuf want = STRBUF_INIT, got = STRBUF_INIT;
		char *payload;
		size_t len, arena_len;
		uint64_t h = mix(data, size);

		bank_write_json(b, &want);
		bank_cache_encode(b, &payload, &len, &arena_len);
		if (!decode_copy(payload, len, arena_len, &got) || strcmp(sb_str(&want), sb_str(&got)) != 0)
			abort(); /* a sound bank must come back as it went in */
		if (len > 0) {
			size_t at = (size_t)(h % len), cut = (size_t)((h >> 20) % len);

			payload[at] ^= (char)(1u << (h >> 40) % 8);
			decode_copy(payload, len, arena_len, NULL);
			payload[at] ^= (char)(1u << (h >> 40) % 8);
			decode_copy(payload, cut, arena_len, NULL);
			decode_copy(payload, len, arena_len / 2, NULL);
			memset(payload + cut, 0, len - cut < 64 ? len - cut : 64);
			decode_copy(payload, len, arena_len, NULL);
		}
		free(payload);
		bank_index_encode(b, &payload, &len, &arena_len);
		if (!decode_index_copy(payload, len, arena_len, b))
			abort();
		if (len > 0) {
			size_t at = (size_t)(h % len), cut = (size_t)((h >> 20) % len);

			payload[at] ^= (char)(1u << (h >> 40) % 8);
			decode_index_copy(payload, len, arena_len, NULL);
			payload[at] ^= (char)(1u << (h >> 40) % 8);
			decode_index_copy(payload, cut, arena_len, NULL);
			decode_index_copy(payload, len, arena_len / 2, NULL);
		}
		free(payload);
		sb_free(&want);
		sb_free(&got);
	} else if (size % 8 == 0) {
		decode_copy((const char *)data, size, size * 4, NULL);
		decode_index_copy((const char *)data, size, size * 4, NULL);
	}
	diag_free(&diags);
	bank_set_free(set);
	return 0;
}
