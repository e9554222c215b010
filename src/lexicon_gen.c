/*
 * Writes the C source of phrase_list_indexes (phrase_lists.h): each
 * built-in phrase list compiled by lexicon_index_new, its arrays written
 * out as constant tables. A process then finds the indexes ready in
 * read-only pages of the program instead of compiling them on the heap.
 * Run when grill is built:
 *
 *   lexicon_gen OUTPUT
 *
 * The numbers written are those lexicon_index_new computes, none of which
 * depends on the byte order (lexicon.h), so the tables hold for the
 * machine grill is built for even when this one runs on another.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "phrase_lists.h"

static void write_u32s(FILE *f, const char *name, size_t k, const uint32_t *v, size_t n)
{
	fprintf(f, "static const uint32_t %s_%zu[] = {", name, k);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s%" PRIu32 ",", i % 16 ? " " : "\n\t", v[i]);
	fprintf(f, "\n};\n");
}

static void write_alt(FILE *f, const lexicon_alt *a)
{
	fprintf(f, "{ 0x%016" PRIx64 "u, %" PRIu32 ", %u, %u }", a->head, a->tail, (unsigned)a->len,
	        (unsigned)a->prefix);
}

/* List k's arrays, each named after its field and k; an empty one is not written. */
static void write_arrays(FILE *f, size_t k, const lexicon_index *x)
{
	if (x->nstarts) {
		fprintf(f, "static const lexicon_start starts_%zu[] = {\n", k);
		for (size_t i = 0; i < x->nstarts; i++) {
			fprintf(f, "\t{ ");
			write_alt(f, &x->starts[i].first);
			fprintf(f, ", 0x%016" PRIx64 "u, %" PRIu32 " },\n", x->starts[i].next_bits,
			        x->starts[i].phrase);
		}
		fprintf(f, "};\n");
	}
	if (x->nalts) {
		fprintf(f, "static const lexicon_alt alts_%zu[] = {\n", k);
		for (size_t i = 0; i < x->nalts; i++) {
			fprintf(f, "\t");
			write_alt(f, &x->alts[i]);
			fprintf(f, ",\n");
		}
		fprintf(f, "};\n");
	}
	write_u32s(f, "by_slot", k, x->by_slot, LEXICON_SLOTS + 1);
	write_u32s(f, "phrase_words", k, x->phrase_words, x->nphrases + 1);
	write_u32s(f, "word_alts", k, x->word_alts, x->nwords + 1);
	if (x->ntails) {
		fprintf(f, "static const unsigned char tails_%zu[] = {", k);
		for (size_t i = 0; i < x->ntails; i++)
			fprintf(f, "%s0x%02x,", i % 16 ? " " : "\n\t", x->tails[i]);
		fprintf(f, "\n};\n");
	}
	fprintf(f, "\n");
}

static void write_index(FILE *f, size_t k, const lexicon_index *x)
{
	fprintf(f, "\t{\n\t\t.nphrases = %" PRIu32 ", .nstarts = %" PRIu32 ", .nwords = %" PRIu32
	           ", .nalts = %" PRIu32 ", .ntails = %" PRIu32 ",\n\t\t.by_slot = by_slot_%zu,\n",
	        x->nphrases, x->nstarts, x->nwords, x->nalts, x->ntails, k);
	if (x->nstarts)
		fprintf(f, "\t\t.starts = starts_%zu,\n", k);
	if (x->nalts)
		fprintf(f, "\t\t.alts = alts_%zu,\n", k);
	fprintf(f, "\t\t.phrase_words = phrase_words_%zu,\n\t\t.word_alts = word_alts_%zu,\n", k, k);
	if (x->ntails)
		fprintf(f, "\t\t.tails = tails_%zu,\n", k);
	fprintf(f, "\t},\n");
}

int main(int argc, char **argv)
{
	lexicon_index *x[PHRASE_LIST_COUNT];
	FILE *f;
	int bad;

	if (argc != 2) {
		fprintf(stderr, "usage: lexicon_gen OUTPUT\n");
		return 2;
	}
	f = fopen(argv[1], "w");
	if (!f) {
		fprintf(stderr, "lexicon_gen: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	fprintf(f, "/* The built-in phrase lists' indexes (phrase_lists.h), written by src/lexicon_gen.c. */\n"
	           "#include <stddef.h>\n#include <stdint.h>\n\n"
	           "#include \"src/lexicon.h\"\n#include \"src/phrase_lists.h\"\n\n"
	           "/* lexicon_alt: { head, tail, len, prefix }; lexicon_start: { first, next_bits, phrase } */\n\n");
	for (size_t k = 0; k < PHRASE_LIST_COUNT; k++) {
		x[k] = lexicon_index_new(phrase_lists[k]);
		write_arrays(f, k, x[k]);
	}
	fprintf(f, "const lexicon_index phrase_list_indexes[PHRASE_LIST_COUNT] = {\n");
	for (size_t k = 0; k < PHRASE_LIST_COUNT; k++) {
		write_index(f, k, x[k]);
		lexicon_index_free(x[k]);
	}
	fprintf(f, "};\n");
	bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "lexicon_gen: %s: cannot write\n", argv[1]);
		remove(argv[1]);
		return 1;
	}
	return 0;
}
