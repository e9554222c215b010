#include "harness.h"

#include "src/lexicon.h"
#include "src/phrase_lists.h"

static bool same_alt(const lexicon_alt *a, const lexicon_alt *b)
{
	return a->head == b->head && a->tail == b->tail && a->len == b->len && a->prefix == b->prefix;
}

/* Field by field: the starts' padding is not part of an index. */
static void check_same_index(size_t list, const lexicon_index *built, const lexicon_index *compiled)
{
	CHECK_INT(built->nphrases, compiled->nphrases);
	CHECK_INT(built->nstarts, compiled->nstarts);
	CHECK_INT(built->nwords, compiled->nwords);
	CHECK_INT(built->nalts, compiled->nalts);
	CHECK_INT(built->ntails, compiled->ntails);
	for (size_t s = 0; s <= LEXICON_SLOTS; s++)
		if (built->by_slot[s] != compiled->by_slot[s])
			harness_fail(__FILE__, __LINE__, "list %zu: slot %zu differs", list, s);
	for (size_t i = 0; i < compiled->nstarts; i++) {
		const lexicon_start *a = &built->starts[i], *b = &compiled->starts[i];

		if (!same_alt(&a->first, &b->first) || a->next_bits != b->next_bits || a->phrase != b->phrase)
			harness_fail(__FILE__, __LINE__, "list %zu: start %zu differs", list, i);
	}
	for (size_t i = 0; i < compiled->nalts; i++)
		if (!same_alt(&built->alts[i], &compiled->alts[i]))
			harness_fail(__FILE__, __LINE__, "list %zu: alternative %zu differs", list, i);
	for (size_t i = 0; i <= compiled->nphrases; i++)
		if (built->phrase_words[i] != compiled->phrase_words[i])
			harness_fail(__FILE__, __LINE__, "list %zu: phrase %zu's words differ", list, i);
	for (size_t i = 0; i <= compiled->nwords; i++)
		if (built->word_alts[i] != compiled->word_alts[i])
			harness_fail(__FILE__, __LINE__, "list %zu: word %zu's alternatives differ", list, i);
	CHECK(compiled->ntails == 0 || memcmp(built->tails, compiled->tails, compiled->ntails) == 0);
}

TEST(built_in_indexes_are_what_the_run_time_compiler_makes_of_their_lists)
{
	for (size_t k = 0; k < PHRASE_LIST_COUNT; k++) {
		lexicon_index *compiled = lexicon_index_new(phrase_lists[k]);

		CHECK(phrase_lists[k][0] != NULL);
		check_same_index(k, &phrase_list_indexes[k], compiled);
		lexicon_index_free(compiled);
	}
}

/* The words of text, lower-case words separated by single spaces, as one sentence. */
static size_t words_of(const char *text, lexicon_word *words, size_t cap)
{
	size_t n = 0;

	for (const char *p = text; *p && n < cap;) {
		size_t len = strcspn(p, " ");

		words[n++] = (lexicon_word){ .s = p, .len = len };
		p += len + (p[len] == ' ');
	}
	lexicon_words_prepare(words, n);
	return n;
}

TEST(an_index_keeps_no_pointer_into_the_phrases_it_was_compiled_from)
{
	char phrase[] = "idempotency key|keys";
	const char *const list[] = { phrase, NULL };
	const char *text = "an idempotency key";
	lexicon_word words[8];
	size_t n = words_of(text, words, 8);
	lexicon_index *x = lexicon_index_new(list);

	memset(phrase, 'x', sizeof(phrase) - 1);
	CHECK_INT(lexicon_index_count(x, words, n, NULL), 1);
	lexicon_index_free(x);
}

TEST(an_empty_list_or_none_matches_nothing)
{
	const char *const empty[] = { NULL };
	const char *text = "anything at all";
	lexicon_word words[8];
	size_t n = words_of(text, words, 8);
	lexicon_index *x = lexicon_index_new(empty), *none = lexicon_index_new(NULL);
	long first = 42;

	CHECK_INT(lexicon_index_count(x, words, n, &first), 0);
	CHECK_INT(first, -1);
	CHECK(!lexicon_index_any(none, words, n));
	lexicon_index_free(x);
	lexicon_index_free(none);
}

int main(void)
{
	RUN(built_in_indexes_are_what_the_run_time_compiler_makes_of_their_lists);
	RUN(an_index_keeps_no_pointer_into_the_phrases_it_was_compiled_from);
	RUN(an_empty_list_or_none_matches_nothing);
	return harness_done();
}
