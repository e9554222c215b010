/* The history (session summaries and their cache) and the spaced-repetition schedule. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grill/fsutil.h"
#include "grill/history.h"
#include "grill/schedule.h"
#include "grill/strbuf.h"
#include "grill/xalloc.h"
#include "harness.h"

/* A fresh folder under the test's home; caller frees. */
static char *new_dir(const char *name)
{
	char *dir = fs_join(harness_home(), name);

	CHECK(fs_mkdir_p(dir, 0700, NULL) == 0);
	return dir;
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char *path = fs_join(dir, name);

	CHECK(fs_write_atomic(path, text, strlen(text), 0600, NULL) == 0);
	free(path);
}

static char *slurp(const char *dir, const char *name)
{
	char *path = fs_join(dir, name), *buf = NULL;
	size_t len;

	CHECK(fs_read_file(path, 1 << 20, &buf, &len, NULL) == 0);
	free(path);
	return buf;
}

/*
 * A complete solo session asking one question, with the scorer's points
 * for it: covered of total points covered (weight 1 each), flags red flags.
 */
static char *session_json(const char *id, const char *created, const char *kind, const char *qid, int covered,
                          int total, int flags)
{
	strbuf o = STRBUF_INIT;
	int i;

	sb_appendf(&o, "{\"format\": 1, \"id\": \"%s\", \"kind\": \"%s\", \"status\": \"complete\", \"created\": \"%s\", "
	               "\"settings\": {\"banks\": [\"b1\"]}, \"turns\": [{\"kind\": \"answer\", \"question\": \"Q?\", "
	               "\"answer\": \"an answer\", \"question_id\": \"%s\", \"depth\": 0}], "
	               "\"self_assessment\": {\"accuracy\": 4, \"honesty\": 5}, "
	               "\"scores\": {\"offline\": {\"dimensions\": {\"accuracy\": {\"score\": 2}, \"honesty\": {\"score\": 3}}, "
	               "\"verdict\": \"v\", \"points\": [",
	           id, kind, created, qid);
	for (i = 0; i < total; i++)
		sb_appendf(&o, "%s{\"turn\": 1, \"question_id\": \"%s\", \"point\": \"p%d\", \"weight\": 1, \"covered\": %s}",
		           i ? ", " : "", qid, i, i < covered ? "true" : "false");
	sb_append(&o, "], \"red_flags\": [");
	for (i = 0; i < flags; i++)
		sb_appendf(&o, "%s{\"turn\": 1, \"claim\": \"claim %d\", \"correction\": \"c\", \"sentence\": \"s\"}", i ? ", " : "", i);
	sb_append(&o, "]}}}\n");
	return sb_detach(&o);
}

static void put_session(const char *dir, const char *id, const char *created, const char *qid, int covered, int total,
                        int flags)
{
	char *text = session_json(id, created, "solo", qid, covered, total, flags);
	char *name = xasprintf("%s.json", id);

	put_file(dir, name, text);
	free(name);
	free(text);
}

TEST(history_lists_corrupt_truncated_and_foreign_files_as_skipped_and_leaves_them_byte_identical)
{
	char *dir = new_dir("skips/sessions"), *cache = fs_join(harness_home(), "skips/cache.json");
	static const char truncated[] = "{\"format\": 1, \"id\": \"x\", \"kind\": \"solo\", \"turns\": [";
	static const char foreign[] = "{\"name\": \"my package\", \"version\": \"1.0\"}";
	static const char calibration[] = "{\"id\": \"c\", \"turns\": [{\"kind\": \"answer\", \"question\": \"q\", \"answer\": \"a\"}]}";
	static const char notes[] = "my notes\n";
	history *h;
	char *text;
	size_t i;
	int pass;

	put_session(dir, "20261101-100000-aaaa", "2026-11-01T10:00:00Z", "q1", 1, 2, 0);
	put_file(dir, "truncated.json", truncated);
	put_file(dir, "package.json", foreign);
	put_file(dir, "calibration.json", calibration);
	put_file(dir, "notes.txt", notes);
	for (pass = 0; pass < 2; pass++) { /* the second pass reads the cache */
		h = history_load(dir, cache, NULL, NULL);
		CHECK(h != NULL);
		CHECK_INT(history_count(h), 1);
		CHECK_INT(history_skipped_count(h), 4);
		for (i = 0; i < history_skipped_count(h); i++) {
			const history_skip *s = history_skipped(h, i);

			if (strcmp(s->file, "truncated.json") == 0)
				CHECK_CONTAINS(s->reason, "truncated.json:1:");
			else if (strcmp(s->file, "package.json") == 0)
				CHECK_CONTAINS(s->reason, "package.json");
			else if (strcmp(s->file, "calibration.json") == 0)
				CHECK_CONTAINS(s->reason, "not a grill session");
			else
				CHECK_STR(s->reason, "not a session file (the name does not end in .json)");
		}
		history_free(h);
	}
	text = slurp(dir, "truncated.json");
	CHECK_STR(text, truncated);
	free(text);
	text = slurp(dir, "package.json");
	CHECK_STR(text, foreign);
	free(text);
	text = slurp(dir, "calibration.json");
	CHECK_STR(text, calibration);
	free(text);
	text = slurp(dir, "notes.txt");
	CHECK_STR(text, notes);
	free(text);
	free(cache);
	free(dir);
}

TEST(history_lists_sessions_newest_first_with_scores_at_a_glance)
{
	char *dir = new_dir("order/sessions");
	history *h;
	const history_entry *e;

	put_session(dir, "20261101-100000-aaaa", "2026-11-01T10:00:00Z", "q1", 1, 2, 0);
	put_session(dir, "20261103-100000-cccc", "2026-11-03T10:00:00Z", "q3", 1, 2, 0);
	put_session(dir, "20261102-100000-bbbb", "2026-11-02T10:00:00Z", "q2", 1, 2, 0);
	h = history_load(dir, NULL, NULL, NULL);
	CHECK_INT(history_count(h), 3);
	CHECK_STR(history_get(h, 0)->id, "20261103-100000-cccc");
	CHECK_STR(history_get(h, 1)->id, "20261102-100000-bbbb");
	CHECK_STR(history_get(h, 2)->id, "20261101-100000-aaaa");
	e = history_get(h, 0);
	CHECK(e->has_self && e->has_scorer && !e->has_interviewer);
	CHECK_INT(e->self[0], 4);
	CHECK_INT(e->scorer[1], 3);
	CHECK_INT(e->scorer[2], 0);
	CHECK_INT(e->n_questions, 1);
	CHECK_STR(e->banks[0], "b1");
	history_free(h);
	free(dir);
}

TEST(history_takes_unchanged_sessions_from_the_cache_and_rereads_changed_ones)
{
	char *dir = new_dir("cache/sessions"), *cache = fs_join(harness_home(), "cache/history.cache");
	history *h;

	put_session(dir, "20261101-100000-aaaa", "2026-11-01T10:00:00Z", "q1", 1, 2, 0);
	put_session(dir, "20261102-100000-bbbb", "2026-11-02T10:00:00Z", "q2", 1, 2, 0);
	h = history_load(dir, cache, NULL, NULL);
	CHECK_INT(history_files_parsed(h), 2);
	CHECK(fs_is_file(cache));
	history_free(h);

	h = history_load(dir, cache, NULL, NULL);
	CHECK_INT(history_files_parsed(h), 0);
	CHECK_INT(history_count(h), 2);
	CHECK_INT(history_get(h, 0)->questions[0].quality, 3); /* 1 of 2 points: 2.5 rounds to 3 */
	history_free(h);

	/* a re-saved session (a new file, as atomic saves make) is read again */
	put_session(dir, "20261102-100000-bbbb", "2026-11-02T10:00:00Z", "q2", 2, 2, 0);
	h = history_load(dir, cache, NULL, NULL);
	CHECK_INT(history_files_parsed(h), 1);
	CHECK_INT(history_get(h, 0)->questions[0].quality, 5);
	history_free(h);

	/* a removed session disappears */
	{
		char *path = fs_join(dir, "20261101-100000-aaaa.json");

		CHECK(unlink(path) == 0);
		free(path);
	}
	h = history_load(dir, cache, NULL, NULL);
	CHECK_INT(history_count(h), 1);
	CHECK_INT(history_files_parsed(h), 0);
	history_free(h);
	free(cache);
	free(dir);
}

TEST(history_rebuilds_a_corrupt_cache_without_losing_a_session)
{
	char *dir = new_dir("badcache/sessions"), *cache = fs_join(harness_home(), "badcache/history.cache");
	static const char *const garbage[] = {
		"{\"format\": 1, \"files\": [{\"file\": \"20261101-100000-aaaa.json\", \"ino\": ",
		"not json at all",
		"{\"format\": 99, \"files\": []}",
	};
	size_t i;

	put_session(dir, "20261101-100000-aaaa", "2026-11-01T10:00:00Z", "q1", 1, 2, 1);
	for (i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++) {
		history *h;

		CHECK(fs_write_atomic(cache, garbage[i], strlen(garbage[i]), 0600, NULL) == 0);
		h = history_load(dir, cache, NULL, NULL);
		CHECK_INT(history_count(h), 1);
		CHECK_INT(history_files_parsed(h), 1);
		CHECK_INT(history_get(h, 0)->n_flags, 1);
		history_free(h);
		h = history_load(dir, cache, NULL, NULL);
		CHECK_INT(history_files_parsed(h), 0);
		history_free(h);
	}
	free(cache);
	free(dir);
}

TEST(history_cache_survives_two_processes_rebuilding_it_at_once)
{
	char *dir = new_dir("race/sessions"), *cache = fs_join(harness_home(), "race/history.cache");
	char id[32], created[32];
	pid_t kids[4];
	int i, status;
	history *h;

	for (i = 0; i < 40; i++) {
		snprintf(id, sizeof(id), "202611%02d-100000-%04d", i % 28 + 1, i);
		snprintf(created, sizeof(created), "2026-11-%02dT10:00:00Z", i % 28 + 1);
		put_session(dir, id, created, "q1", 1, 2, 0);
	}
	for (i = 0; i < 4; i++) {
		kids[i] = fork();
		CHECK(kids[i] >= 0);
		if (kids[i] == 0) {
			int round;

			for (round = 0; round < 20; round++) {
				unlink(cache);
				history *mine = history_load(dir, cache, NULL, NULL);

				if (!mine || history_count(mine) != 40)
					_exit(1);
				history_free(mine);
			}
			free(cache);
			free(dir);
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++) {
		CHECK(waitpid(kids[i], &status, 0) == kids[i]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	h = history_load(dir, cache, NULL, NULL);
	CHECK_INT(history_count(h), 40);
	CHECK_INT(history_skipped_count(h), 0);
	history_free(h);
	free(cache);
	free(dir);
}

TEST(history_filters_by_kind_bank_and_dates)
{
	char *dir = new_dir("filter/sessions");
	char *debrief = session_json("20261110-100000-dddd", "2026-11-10T10:00:00Z", "debrief", "q9", 0, 0, 0);
	history_filter f;
	history *h;
	size_t i, n;

	put_session(dir, "20261101-100000-aaaa", "2026-11-01T10:00:00Z", "q1", 1, 2, 0);
	put_session(dir, "20261105-100000-bbbb", "2026-11-05T23:59:59Z", "q2", 1, 2, 0);
	put_file(dir, "20261110-100000-dddd.json", debrief);
	h = history_load(dir, NULL, NULL, NULL);
	CHECK_INT(history_count(h), 3);

	memset(&f, 0, sizeof(f));
	f.kind = "debrief";
	for (i = n = 0; i < history_count(h); i++)
		n += history_entry_matches(history_get(h, i), &f);
	CHECK_INT(n, 1);

	memset(&f, 0, sizeof(f));
	f.since = "2026-11-02";
	f.until = "2026-11-05";
	for (i = n = 0; i < history_count(h); i++)
		if (history_entry_matches(history_get(h, i), &f)) {
			n++;
			CHECK_STR(history_get(h, i)->id, "20261105-100000-bbbb");
		}
	CHECK_INT(n, 1);

	memset(&f, 0, sizeof(f));
	f.bank = "b1";
	for (i = n = 0; i < history_count(h); i++)
		n += history_entry_matches(history_get(h, i), &f);
	CHECK_INT(n, 3);
	f.bank = "b2";
	for (i = n = 0; i < history_count(h); i++)
		n += history_entry_matches(history_get(h, i), &f);
	CHECK_INT(n, 0);
	history_free(h);
	free(debrief);
	free(dir);
}

TEST(history_rates_a_question_from_its_points_and_red_flags)
{
	char *dir = new_dir("rate/sessions");
	history *h;
	size_t i;

	put_session(dir, "20261101-100000-aaaa", "2026-11-01T10:00:00Z", "all", 4, 4, 0);
	put_session(dir, "20261102-100000-bbbb", "2026-11-02T10:00:00Z", "none", 0, 4, 0);
	put_session(dir, "20261103-100000-cccc", "2026-11-03T10:00:00Z", "flagged", 4, 4, 1);
	h = history_load(dir, NULL, NULL, NULL);
	for (i = 0; i < history_count(h); i++) {
		const history_question *q = &history_get(h, i)->questions[0];

		if (strcmp(q->id, "all") == 0)
			CHECK_INT(q->quality, 5);
		else if (strcmp(q->id, "none") == 0)
			CHECK_INT(q->quality, 0);
		else
			CHECK_INT(q->quality, 3);
	}
	history_free(h);
	free(dir);
}

TEST(history_valid_date_accepts_calendar_dates_only)
{
	CHECK(history_valid_date("2026-02-28"));
	CHECK(history_valid_date("2024-02-29"));
	CHECK(!history_valid_date("2026-02-29"));
	CHECK(!history_valid_date("2026-13-01"));
	CHECK(!history_valid_date("2026-1-01"));
	CHECK(!history_valid_date("yesterday"));
	CHECK_INT(history_parse_time("1970-01-02T00:00:01Z"), 86401);
}

/* ---- the schedule ---- */

#define DAY 86400

TEST(schedule_brings_a_badly_answered_question_back_sooner_than_a_well_answered_one)
{
	char *dir = new_dir("sm2/sessions");
	history *h;
	schedule *s;
	const schedule_item *bad, *good;
	long long asked = history_parse_time("2026-11-01T10:00:00Z");

	put_session(dir, "20261101-100000-aaaa", "2026-11-01T10:00:00Z", "bad", 0, 4, 1);
	put_session(dir, "20261101-100000-bbbb", "2026-11-01T10:00:00Z", "good", 4, 4, 0);
	h = history_load(dir, NULL, NULL, NULL);
	s = schedule_build(h, (time_t)(asked + 2 * DAY));
	bad = schedule_find(s, "bad");
	good = schedule_find(s, "good");
	CHECK(bad && good);
	CHECK(bad->due < good->due);
	CHECK_INT(bad->due - asked, DAY);
	CHECK(bad->ease < good->ease);
	{
		bank_question qbad, qgood;

		memset(&qbad, 0, sizeof(qbad));
		memset(&qgood, 0, sizeof(qgood));
		qbad.id = (char *)"bad";
		qgood.id = (char *)"good";
		CHECK(schedule_priority(s, &qbad) > schedule_priority(s, &qgood));
	}
	schedule_free(s);
	history_free(h);
	free(dir);
}

TEST(schedule_ranks_an_overdue_question_above_a_new_one_and_a_new_one_above_one_not_yet_due)
{
	char *dir = new_dir("rank/sessions");
	long long t0 = history_parse_time("2026-11-01T10:00:00Z");
	bank_question overdue, fresh, recent;
	history *h;
	schedule *s;

	put_session(dir, "20261101-100000-aaaa", "2026-11-01T10:00:00Z", "overdue", 1, 4, 0);
	put_session(dir, "20261105-100000-bbbb", "2026-11-05T10:00:00Z", "recent", 4, 4, 0);
	h = history_load(dir, NULL, NULL, NULL);
	s = schedule_build(h, (time_t)(t0 + 5 * DAY));
	memset(&overdue, 0, sizeof(overdue));
	memset(&fresh, 0, sizeof(fresh));
	memset(&recent, 0, sizeof(recent));
	overdue.id = (char *)"overdue";
	fresh.id = (char *)"never-asked";
	recent.id = (char *)"recent";
	CHECK(schedule_priority(s, &overdue) > schedule_priority(s, &fresh));
	CHECK(schedule_priority(s, &fresh) > schedule_priority(s, &recent));
	schedule_free(s);
	history_free(h);
	free(dir);
}

TEST(schedule_review_follows_sm2_intervals_for_repeated_good_answers)
{
	schedule_item it;
	time_t t = 0;

	memset(&it, 0, sizeof(it));
	it.ease = 2.5;
	schedule_review(&it, 5, t);
	CHECK_INT((long)it.interval_days, 4);
	schedule_review(&it, 5, t);
	CHECK_INT((long)it.interval_days, 6);
	schedule_review(&it, 5, t);
	CHECK_INT((long)it.interval_days, 16); /* 6 x 2.7 (the ease after two perfect answers), rounded */
	schedule_review(&it, 1, t);
	CHECK_INT((long)it.interval_days, 1);
	CHECK_INT(it.repetitions, 0);
	CHECK(it.ease >= 1.3);
}

int main(void)
{
	RUN(history_lists_corrupt_truncated_and_foreign_files_as_skipped_and_leaves_them_byte_identical);
	RUN(history_lists_sessions_newest_first_with_scores_at_a_glance);
	RUN(history_takes_unchanged_sessions_from_the_cache_and_rereads_changed_ones);
	RUN(history_rebuilds_a_corrupt_cache_without_losing_a_session);
	RUN(history_cache_survives_two_processes_rebuilding_it_at_once);
	RUN(history_filters_by_kind_bank_and_dates);
	RUN(history_rates_a_question_from_its_points_and_red_flags);
	RUN(history_valid_date_accepts_calendar_dates_only);
	RUN(schedule_brings_a_badly_answered_question_back_sooner_than_a_well_answered_one);
	RUN(schedule_ranks_an_overdue_question_above_a_new_one_and_a_new_one_above_one_not_yet_due);
	RUN(schedule_review_follows_sm2_intervals_for_repeated_good_answers);
	return harness_done();
}
