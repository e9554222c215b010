#include "harness.h"

#include "grill/signals.h"

static answer_signals analyze(const char *text)
{
	answer_signals s;

	signals_analyze(text, &s);
	return s;
}

TEST(empty_answer_is_empty_and_not_vague)
{
	answer_signals s = analyze("");

	CHECK(s.empty);
	CHECK(!s.vague);
	CHECK_INT(s.words, 0);
}

TEST(hedges_count_each_phrase_once_per_sentence)
{
	answer_signals s = analyze("I think it is kind of fine, I think. Probably.");

	/* "i think" and "kind of" in the first sentence, "probably" in the second */
	CHECK_INT(s.hedges, 3);
	CHECK_INT(s.hit[SIG_HEDGE].first, 0);
}

TEST(admits_gap_when_candidate_says_they_have_not_done_it)
{
	CHECK(analyze("I haven't run FIFO queues in production.").admits_gap);
	CHECK(!analyze("FIFO queues keep order per message group.").admits_gap);
}

TEST(next_step_is_found_in_contracted_i_would_phrasing)
{
	answer_signals s = analyze("I'm not sure. I'd test it in a sandbox with a consumer that fails on purpose.");

	CHECK(s.admits_gap);
	CHECK(s.next_step);
	CHECK_INT(s.hit[SIG_NEXT_STEP].first, 1);
}

TEST(it_depends_without_a_choice_is_unresolved_and_vague)
{
	answer_signals s = analyze("It depends on the traffic, the team and the budget. There is no single right answer.");

	CHECK(s.it_depends);
	CHECK(!s.resolves_depends);
	CHECK(s.vague);
}

TEST(it_depends_followed_by_a_choice_is_resolved)
{
	answer_signals s = analyze("It depends on the read share. At 90 percent reads I'd go with replicas.");

	CHECK(s.it_depends);
	CHECK(s.resolves_depends);
	CHECK(s.commits);
}

TEST(numbers_with_units_count_spaced_and_attached_units)
{
	CHECK_INT(signals_numbers_with_units("p99 went from 300 ms to 40ms, CPU at 40% on 2 GB."), 4);
	CHECK_INT(signals_numbers_with_units("We had about five of them."), 0);
}

TEST(technical_terms_include_camel_case_acronyms_snake_case_and_digits)
{
	answer_signals s = analyze("Use ChangeMessageVisibility, watch the DLQ and pg_stat_statements on p99.");

	CHECK_INT(s.tech_terms, 4);
}

TEST(story_sentences_need_first_person_and_a_past_tense_verb)
{
	answer_signals s = analyze("We had a slow query. It was bad. You would add an index. I changed the key.");

	CHECK_INT(s.story_sentences, 2);
	CHECK(s.own_action);
}

TEST(own_setup_in_present_tense_counts_as_story)
{
	CHECK_INT(analyze("At work we run Linkerd for mTLS.").story_sentences, 1);
}

TEST(deflects_when_the_answer_is_mostly_questions_back)
{
	CHECK(analyze("What are you using today? Which tool is it?").deflects);
	CHECK(!analyze("Readiness gates traffic. Liveness restarts the container.").deflects);
}

TEST(dismissive_phrases_are_found)
{
	answer_signals s = analyze("Like I said, it's standard for a reason.");

	CHECK(s.dismissive >= 2);
}

TEST(concessions_count_strong_and_partial)
{
	answer_signals s = analyze("That's a fair point. Sure, it costs more.");

	CHECK(s.hit[SIG_CONCEDE].count >= 1);
	CHECK_INT(s.hit[SIG_CONCEDE].first, 0);
	CHECK_INT(s.hit[SIG_CONCEDE_PARTIAL].count, 1);
	CHECK_INT(s.hit[SIG_CONCEDE_PARTIAL].first, 1);
	CHECK_INT(s.concedes, s.hit[SIG_CONCEDE].count + s.hit[SIG_CONCEDE_PARTIAL].count);
}

TEST(lexicon_phrases_do_not_match_across_sentences)
{
	match_text *t = match_text_new("I think. Maybe not.");
	static const char *const phrase[] = { "think maybe", NULL };

	CHECK_INT(signals_lexicon_count(t, phrase, NULL), 0);
	match_text_free(t);
}

TEST(lexicon_star_word_matches_any_single_word)
{
	match_text *t = match_text_new("I'd go with Postgres then.");
	static const char *const phrase[] = { "i d go with * then", NULL };
	long first;

	CHECK_INT(signals_lexicon_count(t, phrase, &first), 1);
	CHECK_INT(first, 0);
	match_text_free(t);
}

TEST(past_verbs_are_regular_or_listed)
{
	CHECK(signals_is_past_verb("changed", 7));
	CHECK(signals_is_past_verb("ran", 3));
	CHECK(!signals_is_past_verb("red", 3));
	CHECK(!signals_is_past_verb("run", 3));
}

TEST(same_text_gives_same_signals)
{
	const char *text = "We had 40 pages a week; I rewrote the alerts and we got to 6.";
	answer_signals a = analyze(text), b = analyze(text);

	CHECK(memcmp(&a, &b, sizeof(a)) == 0);
}

TEST(lexicon_word_alternatives_match_any_listed_word)
{
	match_text *t = match_text_new("We never operated it. They never tested it. I never said that.");
	static const char *const phrase[] = { "never operated|tested|restor*", NULL };

	CHECK_INT(signals_lexicon_count(t, phrase, NULL), 2);
	match_text_free(t);
}

TEST(gap_family_covers_many_ways_of_admitting_a_limit)
{
	CHECK(analyze("No clue how the eBPF path does it.").admits_gap);
	CHECK(analyze("I've only read about logical replication.").admits_gap);
	CHECK(analyze("That's outside what I've done.").admits_gap);
	CHECK(analyze("We never operated the cluster ourselves.").admits_gap);
	CHECK(analyze("Past that I'm on thin ice.").admits_gap);
	CHECK(analyze("Don't remember the name of the sysctl.").admits_gap);
	CHECK(!analyze("The standby replays WAL records as they arrive.").admits_gap);
}

TEST(next_step_is_an_action_to_find_out_not_reading_up)
{
	CHECK(analyze("I'd spin up a kind cluster and trace one connection.").next_step);
	CHECK(analyze("I would benchmark both on a copy of production.").next_step);
	CHECK(analyze("I'd rehearse the cutover on a restored snapshot.").next_step);
	CHECK(!analyze("I'd read up on it.").next_step);
	CHECK(!analyze("I would ask the platform team.").next_step);
}

TEST(hedge_family_includes_regional_and_soft_phrasings)
{
	CHECK(analyze("I reckon it's the disk.").hedges >= 1);
	CHECK(analyze("It's possibly the resolver, if I remember right.").hedges >= 2);
	CHECK_INT(analyze("The resolver caches it for the record's TTL.").hedges, 0);
}

TEST(it_depends_family_includes_pros_and_cons_and_comes_down_to)
{
	CHECK(analyze("There are pros and cons either way.").it_depends);
	CHECK(analyze("It really comes down to your organisation.").it_depends);
	CHECK(!analyze("It comes from the WAL.").it_depends);
}

TEST(commitment_family_resolves_it_depends)
{
	answer_signals s = analyze("Depends on the policy. For a pure cache I set allkeys-lru.");

	CHECK(s.it_depends);
	CHECK(s.commits);
	CHECK(s.resolves_depends);
}

TEST(dismissive_family_catches_appeals_to_convention)
{
	CHECK(analyze("I don't see the problem. That's how it's done.").dismissive >= 2);
	CHECK(analyze("Selective builds are industry best practice.").dismissive >= 1);
	CHECK_INT(analyze("Selective builds save time because most changes touch one service.").dismissive, 0);
}

TEST(hostile_family_catches_attacks_on_the_interviewer_or_their_team)
{
	CHECK(analyze("Sounds like whoever set this up has never been paged.").hit[SIG_HOSTILE].count >= 1);
	CHECK(analyze("Did you actually read that somewhere?").hit[SIG_HOSTILE].count >= 1);
	CHECK_INT(analyze("Whoever is on call gets the page.").hit[SIG_HOSTILE].count, 0);
}

TEST(concession_family_credits_the_point_in_other_words)
{
	CHECK(analyze("For a small volume that works, I'll give you that.").hit[SIG_CONCEDE].count >= 1);
	CHECK(analyze("Yes, that race is real, and I skated past it.").hit[SIG_CONCEDE].count >= 1);
	CHECK(analyze("You've got a point there.").hit[SIG_CONCEDE].count >= 1);
	CHECK_INT(analyze("The queue absorbs that.").hit[SIG_CONCEDE].count, 0);
}

TEST(overclaim_family_is_about_standing_not_single_actions)
{
	CHECK(analyze("I literally built our streaming platform single-handedly.").overclaims >= 2);
	CHECK(analyze("I'm the Kafka person at my company.").overclaims >= 1);
	CHECK_INT(analyze("I built the caching layer and the catalogue team owned the service.").overclaims, 0);
	CHECK_INT(analyze("I handled the application side of the migration.").overclaims, 0);
}

TEST(number_words_count_as_numbers)
{
	CHECK(analyze("Pages went from about twelve a week to three.").numbers >= 2);
}

TEST(lexicon_prefix_matches_words_that_begin_with_it)
{
	match_text *t = match_text_new("Delivery is guaranteed. Guarantees help. We guarantee it. Unguaranteed. Guar.");
	static const char *const phrase[] = { "guarantee*", NULL };
	long first;

	/* "guaranteed", "guarantees" and "guarantee"; not "unguaranteed" or "guar" */
	CHECK_INT(signals_lexicon_count(t, phrase, &first), 3);
	CHECK_INT(first, 0);
	CHECK(!signals_lexicon_in_sentence(t, phrase, 3));
	CHECK(!signals_lexicon_in_sentence(t, phrase, 4));
	match_text_free(t);
}

TEST(lexicon_long_prefix_is_compared_past_its_eighth_byte)
{
	match_text *t = match_text_new("Handlers are idempotent. Idempotency keys. It is idempotex. Idempote.");
	static const char *const phrase[] = { "idempoten*", NULL };

	CHECK_INT(signals_lexicon_count(t, phrase, NULL), 2);
	match_text_free(t);
}

TEST(lexicon_long_word_matches_only_the_whole_word)
{
	match_text *t = match_text_new("Check the configuration. Two configurations. A configuratiom.");
	static const char *const phrase[] = { "configuration", NULL };
	long first;

	CHECK_INT(signals_lexicon_count(t, phrase, &first), 1);
	CHECK_INT(first, 0);
	match_text_free(t);
}

TEST(lexicon_first_word_alternatives_each_start_the_phrase)
{
	match_text *t = match_text_new("They chose nothing. We chose Kafka. I chose Redis.");
	static const char *const phrase[] = { "we|i chose", NULL };
	long first;

	CHECK_INT(signals_lexicon_count(t, phrase, &first), 2);
	CHECK_INT(first, 1);
	CHECK(!signals_lexicon_in_sentence(t, phrase, 0));
	CHECK(signals_lexicon_in_sentence(t, phrase, 2));
	match_text_free(t);
}

TEST(lexicon_leading_star_matches_at_any_word)
{
	match_text *t = match_text_new("The Kafka person at work. A person at home. Nobody at all.");
	static const char *const phrase[] = { "* person at", NULL };

	CHECK_INT(signals_lexicon_count(t, phrase, NULL), 2);
	match_text_free(t);
}

TEST(lexicon_in_sentence_needs_the_whole_phrase_inside_that_sentence)
{
	match_text *t = match_text_new("I would test it. Then roll out. I would. Test later.");
	static const char *const phrase[] = { "i would test", NULL };

	CHECK(signals_lexicon_in_sentence(t, phrase, 0));
	CHECK(!signals_lexicon_in_sentence(t, phrase, 1));
	/* "I would." then "Test later." is two sentences */
	CHECK(!signals_lexicon_in_sentence(t, phrase, 2));
	CHECK(!signals_lexicon_in_sentence(t, phrase, 3));
	CHECK(!signals_lexicon_in_sentence(t, phrase, 9));
	CHECK_INT(signals_lexicon_count(t, phrase, NULL), 1);
	match_text_free(t);
}

TEST(lexicon_phrase_counts_once_per_sentence_however_often_it_occurs)
{
	match_text *t = match_text_new("If it fails, and if it retries, if it gives up. If not.");
	static const char *const one[] = { "if", NULL };
	static const char *const two[] = { "if", "if it", NULL };

	CHECK_INT(signals_lexicon_count(t, one, NULL), 2);
	/* each phrase counts its own sentences: 2 for "if", 1 for "if it" */
	CHECK_INT(signals_lexicon_count(t, two, NULL), 3);
	match_text_free(t);
}

TEST(lexicon_first_is_the_earliest_sentence_any_phrase_occurs_in)
{
	match_text *t = match_text_new("Nothing here. We use a queue. It is cheap.");
	static const char *const later_first[] = { "cheap", "queue", NULL };
	static const char *const absent[] = { "kafka", NULL };
	long first = 42;

	CHECK_INT(signals_lexicon_count(t, later_first, &first), 2);
	CHECK_INT(first, 1);
	first = 42;
	CHECK_INT(signals_lexicon_count(t, absent, &first), 0);
	CHECK_INT(first, -1);
	first = 42;
	CHECK_INT(signals_lexicon_count(t, NULL, &first), 0);
	CHECK_INT(first, -1);
	match_text_free(t);
}

TEST(lexicon_list_refilled_at_the_same_address_is_matched_with_its_new_phrases)
{
	match_text *t = match_text_new("We use Kafka.");
	char word[16];
	const char *const phrase[] = { word, NULL };

	snprintf(word, sizeof(word), "kafka");
	CHECK_INT(signals_lexicon_count(t, phrase, NULL), 1);
	snprintf(word, sizeof(word), "redis");
	CHECK_INT(signals_lexicon_count(t, phrase, NULL), 0);
	CHECK(!signals_lexicon_in_sentence(t, phrase, 0));
	snprintf(word, sizeof(word), "we use");
	CHECK(signals_lexicon_in_sentence(t, phrase, 0));
	match_text_free(t);
}

TEST(lexicon_words_whose_first_bytes_share_a_slot_are_told_apart)
{
	/* words beginning with '2' and 'r' (50 and 114) are looked up
	 * together: the words themselves still have to be equal */
	match_text *t = match_text_new("A 2am page. A ram page. 2am again. Ram again.");
	static const char *const first[] = { "ram", NULL };
	static const char *const next[] = { "a 2am", "2am again", NULL };
	long at;

	CHECK_INT(signals_lexicon_count(t, first, &at), 2);
	CHECK_INT(at, 1);
	CHECK(signals_lexicon_in_sentence(t, first, 3));
	CHECK(!signals_lexicon_in_sentence(t, first, 0));
	CHECK_INT(signals_lexicon_count(t, next, &at), 2);
	CHECK_INT(at, 0);
	CHECK(!signals_lexicon_in_sentence(t, next, 1));
	CHECK(signals_lexicon_in_sentence(t, next, 2));
	match_text_free(t);
}

TEST(lexicon_matches_words_with_bytes_past_ascii)
{
	match_text *t = match_text_new("Un caf\xc3\xa9 na\xc3\xafvement. Caf\xc3\xa9s. Na\xc3\xafve.");
	static const char *const phrase[] = { "caf\xc3\xa9 na\xc3\xaf*", "na\xc3\xafve", NULL };
	long first;

	CHECK_INT(signals_lexicon_count(t, phrase, &first), 2);
	CHECK_INT(first, 0);
	CHECK(!signals_lexicon_in_sentence(t, phrase, 1));
	CHECK(signals_lexicon_in_sentence(t, phrase, 2));
	match_text_free(t);
}

TEST(lexicon_empty_words_and_alternatives_match_nothing)
{
	match_text *t = match_text_new("A b. A. B.");
	/* an empty word between two spaces; empty alternatives around '|';
	 * a phrase of one space: none of them matches anything */
	static const char *const empty[] = { "a  b", " a", "|", " ", NULL };
	/* nothing after a last ' ' or '|' is a word or an alternative */
	static const char *const trailing[] = { "a ", "b|", NULL };
	/* and an empty alternative beside others matches nothing itself */
	static const char *const beside[] = { "a |b", NULL };

	CHECK_INT(signals_lexicon_count(t, empty, NULL), 0);
	CHECK_INT(signals_lexicon_count(t, trailing, NULL), 4);
	CHECK_INT(signals_lexicon_count(t, beside, NULL), 1);
	CHECK(signals_lexicon_in_sentence(t, beside, 0));
	match_text_free(t);
}

TEST(builtin_lexicon_counts_the_same_as_a_copy_of_its_phrases)
{
	match_text *t = match_text_new("I think it's kind of fine. Probably, if I remember. Maybe not.");
	const char *const *hedge = signals_lexicon(SIG_HEDGE);
	const char *copy[128];
	size_t n = 0;
	long first_builtin, first_copy;

	for (; hedge[n] && n + 1 < sizeof(copy) / sizeof(copy[0]); n++)
		copy[n] = hedge[n];
	copy[n] = NULL;
	CHECK(hedge[n] == NULL);
	CHECK_INT(signals_lexicon_count(t, hedge, &first_builtin), 5);
	CHECK_INT(signals_lexicon_count(t, copy, &first_copy), 5);
	CHECK_INT(first_builtin, first_copy);
	match_text_free(t);
}

TEST(irregular_past_tenses_are_found_from_first_to_last_of_the_list)
{
	CHECK(signals_is_past_verb("began", 5));
	CHECK(signals_is_past_verb("thought", 7));
	CHECK(signals_is_past_verb("wrote", 5));
	CHECK(!signals_is_past_verb("write", 5));
	CHECK(!signals_is_past_verb("wrotes", 6));
	CHECK(!signals_is_past_verb("", 0));
}

TEST(units_and_number_words_are_found_from_first_to_last_of_their_lists)
{
	CHECK_INT(signals_numbers_with_units("2 ms, 3 tenants, twelve users, a dozen rows and 40 %."), 5);
	CHECK_INT(signals_numbers_with_units("one of them, a dozen of those"), 0);
}

int main(void)
{
	RUN(empty_answer_is_empty_and_not_vague);
	RUN(hedges_count_each_phrase_once_per_sentence);
	RUN(admits_gap_when_candidate_says_they_have_not_done_it);
	RUN(next_step_is_found_in_contracted_i_would_phrasing);
	RUN(it_depends_without_a_choice_is_unresolved_and_vague);
	RUN(it_depends_followed_by_a_choice_is_resolved);
	RUN(numbers_with_units_count_spaced_and_attached_units);
	RUN(technical_terms_include_camel_case_acronyms_snake_case_and_digits);
	RUN(story_sentences_need_first_person_and_a_past_tense_verb);
	RUN(own_setup_in_present_tense_counts_as_story);
	RUN(deflects_when_the_answer_is_mostly_questions_back);
	RUN(dismissive_phrases_are_found);
	RUN(concessions_count_strong_and_partial);
	RUN(lexicon_phrases_do_not_match_across_sentences);
	RUN(lexicon_star_word_matches_any_single_word);
	RUN(past_verbs_are_regular_or_listed);
	RUN(same_text_gives_same_signals);
	RUN(lexicon_word_alternatives_match_any_listed_word);
	RUN(gap_family_covers_many_ways_of_admitting_a_limit);
	RUN(next_step_is_an_action_to_find_out_not_reading_up);
	RUN(hedge_family_includes_regional_and_soft_phrasings);
	RUN(it_depends_family_includes_pros_and_cons_and_comes_down_to);
	RUN(commitment_family_resolves_it_depends);
	RUN(dismissive_family_catches_appeals_to_convention);
	RUN(hostile_family_catches_attacks_on_the_interviewer_or_their_team);
	RUN(concession_family_credits_the_point_in_other_words);
	RUN(overclaim_family_is_about_standing_not_single_actions);
	RUN(number_words_count_as_numbers);
	RUN(lexicon_prefix_matches_words_that_begin_with_it);
	RUN(lexicon_long_prefix_is_compared_past_its_eighth_byte);
	RUN(lexicon_long_word_matches_only_the_whole_word);
	RUN(lexicon_first_word_alternatives_each_start_the_phrase);
	RUN(lexicon_leading_star_matches_at_any_word);
	RUN(lexicon_in_sentence_needs_the_whole_phrase_inside_that_sentence);
	RUN(lexicon_phrase_counts_once_per_sentence_however_often_it_occurs);
	RUN(lexicon_first_is_the_earliest_sentence_any_phrase_occurs_in);
	RUN(lexicon_list_refilled_at_the_same_address_is_matched_with_its_new_phrases);
	RUN(lexicon_words_whose_first_bytes_share_a_slot_are_told_apart);
	RUN(lexicon_matches_words_with_bytes_past_ascii);
	RUN(lexicon_empty_words_and_alternatives_match_nothing);
	RUN(builtin_lexicon_counts_the_same_as_a_copy_of_its_phrases);
	RUN(irregular_past_tenses_are_found_from_first_to_last_of_the_list);
	RUN(units_and_number_words_are_found_from_first_to_last_of_their_lists);
	return harness_done();
}
