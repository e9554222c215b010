/*
 * The shipped question banks carry the amounts a real interview rehearsal
 * needs (issue: question bank content). These are floors: growing the banks
 * never breaks them; thinning them does.
 */
#include "harness.h"

#include "grill/bank.h"

static bank_set *banks;

static size_t probe_flags(const bank_probe *p, size_t n)
{
	size_t i, total = 0;

	for (i = 0; i < n; i++)
		total += p[i].n_red_flags + probe_flags(p[i].probes, p[i].n_probes);
	return total;
}

static bool technical(const bank_question *q)
{
	return q->kind == QKIND_TECHNICAL || q->kind == QKIND_DESIGN;
}

TEST(shipped_banks_hold_at_least_200_main_questions_from_mid_to_staff)
{
	size_t b, i, levels[4] = { 0 };

	CHECK(bank_set_question_count(banks) >= 200);
	for (b = 0; b < bank_set_count(banks); b++) {
		const bank *bk = bank_set_get(banks, b);

		for (i = 0; i < bk->n_questions; i++)
			levels[bk->questions[i].level]++;
	}
	CHECK(levels[LEVEL_MID] >= 30);
	CHECK(levels[LEVEL_SENIOR] >= 30);
	CHECK(levels[LEVEL_STAFF] >= 30);
}

TEST(every_technical_and_design_question_has_points_probes_and_a_three_level_path)
{
	size_t b, i;

	for (b = 0; b < bank_set_count(banks); b++) {
		const bank *bk = bank_set_get(banks, b);

		for (i = 0; i < bk->n_questions; i++) {
			const bank_question *q = &bk->questions[i];

			if (!technical(q))
				continue;
			if (q->n_expected < 3 || q->n_probes < 3 || bank_question_depth(q) < 3)
				printf("# %s: %zu points, %zu probes, depth %d\n", q->id, q->n_expected, q->n_probes,
				       bank_question_depth(q));
			CHECK(q->n_expected >= 3);
			CHECK(q->n_probes >= 3);
			CHECK(bank_question_depth(q) >= 3);
		}
	}
}

TEST(every_question_has_a_model_answer_and_interviewer_notes)
{
	size_t b, i;

	for (b = 0; b < bank_set_count(banks); b++) {
		const bank *bk = bank_set_get(banks, b);

		for (i = 0; i < bk->n_questions; i++) {
			CHECK(bk->questions[i].model_answer != NULL);
			CHECK(bk->questions[i].interviewer_notes != NULL);
		}
	}
}

TEST(shipped_banks_hold_at_least_120_red_flags_and_40_challenges)
{
	size_t b, i, flags = 0, challenges = 0;

	for (b = 0; b < bank_set_count(banks); b++) {
		const bank *bk = bank_set_get(banks, b);

		for (i = 0; i < bk->n_questions; i++) {
			const bank_question *q = &bk->questions[i];

			flags += q->n_red_flags + probe_flags(q->probes, q->n_probes);
			challenges += q->n_challenges;
		}
		for (i = 0; i < bk->n_techs; i++)
			flags += probe_flags(bk->techs[i].probes, bk->techs[i].n_probes);
	}
	CHECK(flags >= 120);
	CHECK(challenges >= 40);
}

TEST(technology_library_covers_at_least_60_technologies_with_three_probes_each)
{
	size_t i, n = bank_set_tech_count(banks);

	CHECK(n >= 60);
	for (i = 0; i < n; i++)
		CHECK(bank_set_tech(banks, i)->n_probes >= 3);
}

TEST(behavioral_questions_probe_for_the_elements_of_a_story)
{
	size_t b, i, behavioral = 0;

	for (b = 0; b < bank_set_count(banks); b++) {
		const bank *bk = bank_set_get(banks, b);

		for (i = 0; i < bk->n_questions; i++) {
			const bank_question *q = &bk->questions[i];
			size_t k, story = 0;

			if (q->kind != QKIND_BEHAVIORAL)
				continue;
			behavioral++;
			for (k = 0; k < q->n_probes; k++)
				if (q->probes[k].trigger.kind == TRIGGER_MISSES || q->probes[k].trigger.kind == TRIGGER_VAGUE)
					story++;
			CHECK(q->n_probes >= 3);
			CHECK(story >= 1);
		}
	}
	CHECK(behavioral >= 10);
}

TEST(every_domain_the_product_promises_has_a_bank)
{
	static const char *const ids[] = {
		"kubernetes", "linux", "databases", "release", "resilience", "observability", "cloud",
		"concurrency", "security", "networking", "system-design", "incidents", "behavioral",
		"terminology", "architecture",
	};
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const bank *b = bank_set_find_bank(banks, ids[i]);

		if (!b)
			printf("# no bank %s\n", ids[i]);
		CHECK(b != NULL && b->n_questions >= 8);
	}
}

int main(void)
{
	banks = harness_load_banks("question_banks");
	RUN(shipped_banks_hold_at_least_200_main_questions_from_mid_to_staff);
	RUN(every_technical_and_design_question_has_points_probes_and_a_three_level_path);
	RUN(every_question_has_a_model_answer_and_interviewer_notes);
	RUN(shipped_banks_hold_at_least_120_red_flags_and_40_challenges);
	RUN(technology_library_covers_at_least_60_technologies_with_three_probes_each);
	RUN(behavioral_questions_probe_for_the_elements_of_a_story);
	RUN(every_domain_the_product_promises_has_a_bank);
	bank_set_free(banks);
	return harness_done();
}
