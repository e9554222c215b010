#include "harness.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grill/bank.h"
#include "grill/fsutil.h"
#include "grill/text_keys.h"
#include "grill/xalloc.h"
#include "src/bank_cache.h"

/* The cache folder of this test process. */
static char *cache_dir(void)
{
	return fs_join(harness_home(), "cache");
}

/*
 * Loads path into a fresh set (with the cache in dir, or without one when
 * dir is NULL) and links it. *from_cache tells whether the bank came from an
 * image; *json gets the bank written out, *problems the messages (both
 * optional, caller frees).
 */
static void load(const char *dir, const char *path, bool *from_cache, char **json, char **problems)
{
	bank_set *set = bank_set_new();
	diag_list d = DIAG_LIST_INIT;
	strbuf out = STRBUF_INIT, msgs = STRBUF_INIT;
	size_t i;

	bank_set_use_cache(set, dir);
	bank_set_add_file(set, path, &d);
	bank_set_link(set);
	for (i = 0; i < bank_set_count(set); i++)
		bank_write_json(bank_set_get(set, i), &out);
	if (from_cache)
		*from_cache = bank_set_count(set) == 1 && bank_set_get(set, 0)->image != NULL;
	for (i = 0; i < d.n; i++)
		sb_appendf(&msgs, "%s\n", d.items[i]);
	if (json)
		*json = sb_detach(&out);
	if (problems)
		*problems = sb_detach(&msgs);
	sb_free(&out);
	sb_free(&msgs);
	diag_free(&d);
	bank_set_free(set);
}

/* How many technology links the set's triggers hold (made after loading). */
static size_t count_links(const bank_probe *p, size_t n)
{
	size_t i, total = 0;

	for (i = 0; i < n; i++)
		total += p[i].trigger.n_techs + count_links(p[i].probes, p[i].n_probes);
	return total;
}

static size_t set_links(const bank_set *set)
{
	size_t b, i, total = 0;

	for (b = 0; b < bank_set_count(set); b++) {
		const bank *bk = bank_set_get(set, b);

		for (i = 0; i < bk->n_questions; i++) {
			total += count_links(bk->questions[i].probes, bk->questions[i].n_probes);
			for (size_t k = 0; k < bk->questions[i].n_challenges; k++)
				total += bk->questions[i].challenges[k].trigger.n_techs;
		}
		for (i = 0; i < bk->n_techs; i++)
			total += count_links(bk->techs[i].probes, bk->techs[i].n_probes);
	}
	return total;
}

/* A copy of a fixture bank in the temporary home, to change and damage. */
static char *temp_bank(const char *name, const char *fixture)
{
	char *src = harness_fixture(fixture), *text = NULL, *path;

	if (fs_read_file(src, BANK_MAX_FILE_BYTES, &text, NULL, NULL) < 0)
		abort();
	path = harness_write_temp(name, text);
	free(text);
	free(src);
	return path;
}

static void replace_in_file(const char *path, const char *from, const char *to)
{
	char *text = NULL, *at;
	strbuf sb = STRBUF_INIT;

	if (fs_read_file(path, BANK_MAX_FILE_BYTES, &text, NULL, NULL) < 0)
		abort();
	at = strstr(text, from);
	if (!at)
		abort();
	sb_appendn(&sb, text, (size_t)(at - text));
	sb_append(&sb, to);
	sb_append(&sb, at + strlen(from));
	if (fs_write_atomic(path, sb.buf, sb.len, 0644, NULL) < 0)
		abort();
	sb_free(&sb);
	free(text);
}

TEST(bank_cache_should_give_back_every_shipped_bank_unchanged_when_read_from_it)
{
	char *dir = cache_dir(), *banks = harness_source("question_banks");
	char **files = NULL;
	long n = fs_list(banks, ".json", &files, NULL), i;
	bank_set *parsed = bank_set_new(), *cached = bank_set_new();
	diag_list d = DIAG_LIST_INIT;

	CHECK(n > 10);
	for (i = 0; i < n; i++) {
		char *want = NULL, *first = NULL, *got = NULL;
		bool hit_first = true, hit = false;

		load(NULL, files[i], NULL, &want, NULL);
		load(dir, files[i], &hit_first, &first, NULL);
		load(dir, files[i], &hit, &got, NULL);
		CHECK(!hit_first);
		CHECK(hit);
		CHECK_STR(first, want);
		CHECK_STR(got, want);
		free(want);
		free(first);
		free(got);
	}
	/* the technology links made after loading are the same too */
	bank_set_use_cache(cached, dir);
	CHECK_INT(bank_set_add_dir(parsed, banks, &d), 0);
	CHECK_INT(bank_set_add_dir(cached, banks, &d), 0);
	bank_set_link(parsed);
	bank_set_link(cached);
	CHECK(set_links(parsed) > 0);
	CHECK_INT(set_links(cached), set_links(parsed));
	CHECK_INT(bank_set_question_count(cached), bank_set_question_count(parsed));
	CHECK(bank_set_find_question(cached, bank_set_get(parsed, 0)->questions[0].id) != NULL);
	CHECK_INT(d.n, 0);
	diag_free(&d);
	bank_set_free(parsed);
	bank_set_free(cached);
	fs_list_free(files, n);
	free(banks);
	free(dir);
}

TEST(bank_cache_should_parse_the_file_again_when_it_changes)
{
	char *dir = cache_dir(), *path = temp_bank("changes.json", "banks/mini-queues.json"), *json = NULL;
	bool hit = true;
	struct timespec times[2] = { { 0, UTIME_OMIT }, { 1000000000, 0 } };

	load(dir, path, &hit, NULL, NULL);
	CHECK(!hit);
	load(dir, path, &hit, NULL, NULL);
	CHECK(hit);
	/* a new title of the same length, and an mtime set back in time */
	replace_in_file(path, "\"title\": \"", "\"title\": \"X");
	utimensat(AT_FDCWD, path, times, 0);
	load(dir, path, &hit, &json, NULL);
	CHECK(!hit);
	CHECK_CONTAINS(json, "\"title\": \"X");
	free(json);
	load(dir, path, &hit, &json, NULL);
	CHECK(hit);
	CHECK_CONTAINS(json, "\"title\": \"X");
	free(json);
	free(path);
	free(dir);
}

/* Damage to apply to a cache file: what to write at an offset from the end
 * (negative) or the start, or a length to cut it to. */
typedef struct damage {
	const char *what;
	long at;
	const char *bytes;
	long cut;
} damage;

static void apply(const char *file, const damage *dm)
{
	int fd = open(file, O_RDWR);
	off_t size;

	if (fd < 0)
		abort();
	size = lseek(fd, 0, SEEK_END);
	if (dm->cut >= 0) {
		if (ftruncate(fd, dm->cut) < 0)
			abort();
	} else {
		off_t at = dm->at < 0 ? size + dm->at : dm->at;

		if (pwrite(fd, dm->bytes, strlen(dm->bytes), at) < 0)
			abort();
	}
	close(fd);
}

TEST(bank_cache_should_parse_the_file_again_when_the_cache_is_damaged)
{
	static const damage damages[] = {
		{ "empty", 0, NULL, 0 },
		{ "cut in the header", 0, NULL, 40 },
		{ "cut in the payload", 0, NULL, 600 },
		{ "a changed byte at the end", -3, "\x7f", -1 },
		{ "a changed byte in the middle", 500, "\x01\x02", -1 },
		{ "another magic", 0, "grill-bank-cachX", -1 },
		{ "another version", 24, "9.9.9", -1 },
		{ "text over the payload", 300, "{\"format\": 1, \"id\": \"not a cache\"}", -1 },
	};
	char *dir = cache_dir(), *path = temp_bank("damaged.json", "banks/mini-kubernetes.json");
	char *file = bank_cache_file(dir, path), *want = NULL;
	size_t i;

	load(NULL, path, NULL, &want, NULL);
	for (i = 0; i < sizeof(damages) / sizeof(damages[0]); i++) {
		char *got = NULL, *problems = NULL;
		bool hit = true;

		load(dir, path, NULL, NULL, NULL);
		load(dir, path, &hit, NULL, NULL);
		CHECK(hit);
		apply(file, &damages[i]);
		load(dir, path, &hit, &got, &problems);
		if (hit)
			harness_fail(__FILE__, __LINE__, "a cache with %s was used", damages[i].what);
		CHECK_STR(got, want);
		CHECK_STR(problems, "");
		free(got);
		free(problems);
		/* and the image is written again */
		load(dir, path, &hit, NULL, NULL);
		CHECK(hit);
	}
	free(want);
	free(file);
	free(path);
	free(dir);
}

TEST(bank_cache_should_load_banks_quietly_when_the_cache_folder_cannot_be_written)
{
	char *dir = harness_write_temp("not-a-folder", "a file where the cache folder would be\n");
	char *path = temp_bank("unwritable.json", "banks/mini-behavioral.json"), *json = NULL, *problems = NULL;
	bool hit = true;

	load(dir, path, &hit, &json, &problems);
	CHECK(!hit);
	CHECK_CONTAINS(json, "\"id\": \"mini-behavioral\"");
	CHECK_STR(problems, "");
	free(json);
	free(problems);
	free(path);
	free(dir);
}

TEST(bank_cache_should_still_report_duplicate_ids_when_both_banks_come_from_it)
{
	char *dir = cache_dir(), *folder = fs_join(harness_home(), "dups"), *a, *b;
	int pass;

	fs_mkdir_p(folder, 0700, NULL);
	a = fs_join(folder, "a.json");
	b = fs_join(folder, "b.json");
	{
		char *src = harness_fixture("banks/mini-queues.json"), *text = NULL;

		fs_read_file(src, BANK_MAX_FILE_BYTES, &text, NULL, NULL);
		fs_write_atomic(a, text, strlen(text), 0644, NULL);
		fs_write_atomic(b, text, strlen(text), 0644, NULL);
		free(text);
		free(src);
	}
	replace_in_file(b, "\"id\": \"mini-queues\"", "\"id\": \"mini-queues-copy\"");
	for (pass = 0; pass < 2; pass++) {
		bank_set *set = bank_set_new();
		diag_list d = DIAG_LIST_INIT;

		bank_set_use_cache(set, dir);
		CHECK_INT(bank_set_add_dir(set, folder, &d), 1);
		CHECK_INT(bank_set_count(set), 1);
		CHECK_INT(bank_set_get(set, 0)->image != NULL, pass == 1);
		CHECK(d.n >= 1);
		CHECK_CONTAINS(d.n ? d.items[0] : "", "b.json: questions[0]: question id");
		CHECK_CONTAINS(d.n ? d.items[0] : "", "is already used in a.json");
		diag_free(&d);
		bank_set_free(set);
	}
	free(a);
	free(b);
	free(folder);
	free(dir);
}

/* An encoded bank, copied to exactly sized memory before each decode. */
static bank *decode_copy(const char *payload, size_t len, size_t arena_len, char **buf, char **arena)
{
	*buf = xmalloc(len ? len : 1);
	*arena = xmalloc(arena_len ? arena_len : 1);
	memcpy(*buf, payload, len);
	return bank_cache_decode(*buf, len, *arena, arena_len);
}

TEST(bank_cache_decode_should_refuse_an_image_when_it_is_cut_short_or_given_too_little_arena)
{
	bank_set *set = harness_load_banks("tests/fixtures/banks");
	char *payload, *buf, *arena;
	size_t len, arena_len, cut;
	bank *b;

	bank_cache_encode(bank_set_get(set, 0), &payload, &len, &arena_len);
	b = decode_copy(payload, len, arena_len, &buf, &arena);
	CHECK(b != NULL);
	CHECK_STR(b ? b->id : NULL, bank_set_get(set, 0)->id);
	free(buf);
	free(arena);
	for (cut = 0; cut < len; cut++) {
		b = decode_copy(payload, cut, arena_len, &buf, &arena);
		if (b)
			harness_fail(__FILE__, __LINE__, "an image cut to %zu of %zu bytes was accepted", cut, len);
		free(buf);
		free(arena);
	}
	b = decode_copy(payload, len, arena_len - 8, &buf, &arena);
	CHECK(b == NULL);
	free(buf);
	free(arena);
	free(payload);
	bank_set_free(set);
}

/* A folder with copies of the three fixture banks; caller frees. */
static char *fixture_folder(const char *name)
{
	static const char *const banks[] = { "mini-behavioral", "mini-kubernetes", "mini-queues" };
	char *folder = fs_join(harness_home(), name);

	fs_mkdir_p(folder, 0700, NULL);
	for (size_t i = 0; i < sizeof(banks) / sizeof(banks[0]); i++) {
		char *rel = xasprintf("banks/%s.json", banks[i]), *src = harness_fixture(rel), *text = NULL;
		char *file = xasprintf("%s/%s.json", folder, banks[i]);

		if (fs_read_file(src, BANK_MAX_FILE_BYTES, &text, NULL, NULL) < 0 ||
		    fs_write_atomic(file, text, strlen(text), 0644, NULL) < 0)
			abort();
		free(text);
		free(file);
		free(src);
		free(rel);
	}
	return folder;
}

static bank_set *load_folder(const char *dir, const char *folder)
{
	bank_set *set = bank_set_new();
	diag_list d = DIAG_LIST_INIT;

	bank_set_use_cache(set, dir);
	CHECK_INT(bank_set_add_dir(set, folder, &d), 0);
	CHECK_INT(d.n, 0);
	diag_free(&d);
	bank_set_link(set);
	return set;
}

/* A binary file as lowercase hex, so a whole image compares as a string. */
static char *file_hex(const char *path)
{
	char *bytes = NULL;
	size_t len = 0;
	strbuf hex = STRBUF_INIT;

	if (fs_read_file(path, BANK_MAX_FILE_BYTES, &bytes, &len, NULL) < 0)
		return xstrdup("(unreadable)");
	for (size_t i = 0; i < len; i++)
		sb_appendf(&hex, "%02x", (unsigned char)bytes[i]);
	free(bytes);
	return sb_detach(&hex);
}

TEST(bank_set_should_decode_a_cached_bank_only_when_something_needs_it)
{
	char *dir = fs_join(harness_home(), "cache-lazy"), *folder = fixture_folder("lazy");
	char *queues = xasprintf("%s/mini-queues.json", folder), *kube = xasprintf("%s/mini-kubernetes.json", folder);
	char *kube_image = bank_cache_file(dir, kube), *damaged, *want = NULL;
	static const damage payload_byte = { "a changed byte at the end", -3, "\x7f", -1 };
	const bank_question *q;
	const bank *b;
	bank_set *set;
	text_keys keys;
	strbuf got = STRBUF_INIT;

	load(NULL, kube, NULL, &want, NULL);
	bank_set_free(load_folder(dir, folder)); /* writes the images */
	apply(kube_image, &payload_byte);
	damaged = file_hex(kube_image);

	set = load_folder(dir, folder);
	CHECK_INT(bank_set_count(set), 3);
	CHECK_INT(bank_set_question_count(set), 3);
	/* matching a prompt of the queues bank reads that bank only */
	text_keys_of("A consumer reads orders from a queue: how do you make sure no customer is charged twice?", &keys);
	q = bank_set_match_prompt(set, &keys);
	text_keys_free(&keys);
	CHECK(q != NULL);
	CHECK_STR(q ? q->bank->id : NULL, "mini-queues");
	CHECK(q && q->bank->image != NULL);
	{
		char *now = file_hex(kube_image);

		CHECK_STR(now, damaged); /* not decoded, so not yet found damaged */
		free(now);
	}
	/* asked for, the damaged one is parsed from its file and saved again */
	b = bank_set_find_bank(set, "mini-kubernetes");
	CHECK(b != NULL);
	CHECK(b && b->image == NULL);
	if (b)
		bank_write_json(b, &got);
	CHECK_STR(got.buf ? got.buf : "", want);
	{
		bool hit = false;

		load(dir, kube, &hit, NULL, NULL);
		CHECK(hit);
	}
	sb_free(&got);
	bank_set_free(set);
	free(want);
	free(damaged);
	free(kube_image);
	free(kube);
	free(queues);
	free(folder);
	free(dir);
}

TEST(bank_set_should_leave_a_bank_empty_when_its_image_is_damaged_and_its_file_lost_the_ids_in_between)
{
	char *dir = fs_join(harness_home(), "cache-gone"), *folder = fixture_folder("gone");
	char *queues = xasprintf("%s/mini-queues.json", folder), *image = bank_cache_file(dir, queues);
	static const damage payload_byte = { "a changed byte at the end", -3, "\x7f", -1 };
	const bank *b;
	bank_set *set;
	const char *first_id;

	bank_set_free(load_folder(dir, folder));
	set = load_folder(dir, folder);
	apply(image, &payload_byte);
	replace_in_file(queues, "\"questions\": [", "\"questions\": [] , \"was\": [");
	b = bank_set_find_bank(set, "mini-queues");
	CHECK(b != NULL);
	CHECK_INT(b ? b->n_questions : 99, 0);
	/* the ids the index listed now find nothing rather than the wrong question */
	first_id = NULL;
	for (size_t i = 0; i < bank_set_count(set) && !first_id; i++)
		if (bank_set_get(set, i) != b && bank_set_get(set, i)->n_questions)
			first_id = bank_set_get(set, i)->questions[0].id;
	CHECK(first_id && bank_set_find_question(set, first_id) != NULL);
	bank_set_free(set);
	free(image);
	free(queues);
	free(folder);
	free(dir);
}

/* Every prompt and technology probe, matched in a parsed and a cached set. */
TEST(bank_set_should_match_the_same_questions_and_probes_when_its_banks_come_from_the_cache)
{
	char *dir = fs_join(harness_home(), "cache-match"), *banks = harness_source("question_banks");
	bank_set *parsed = load_folder(NULL, banks), *cached;
	size_t bi, i, prompts = 0, probes = 0;

	bank_set_free(load_folder(dir, banks));
	cached = load_folder(dir, banks);
	for (bi = 0; bi < bank_set_count(parsed); bi++) {
		const bank *bk = bank_set_get(parsed, bi);

		for (i = 0; i < bk->n_questions; i++) {
			const bank_question *a, *c;
			text_keys keys;

			text_keys_of(bk->questions[i].prompt, &keys);
			a = bank_set_match_prompt(parsed, &keys);
			c = bank_set_match_prompt(cached, &keys);
			text_keys_free(&keys);
			/* a prompt of one or two content words matches nothing, in both */
			CHECK_STR(c ? c->id : "(none)", a ? a->id : "(none)");
			prompts += a != NULL;
		}
	}
	for (i = 0; i < bank_set_tech_count(parsed); i++) {
		const bank_tech *t = bank_set_tech(parsed, i);

		for (size_t k = 0; k < t->n_probes; k++) {
			const bank_probe *a, *c;
			text_keys keys;

			text_keys_of(t->probes[k].ask, &keys);
			a = bank_set_match_tech_probe(parsed, &keys);
			c = bank_set_match_tech_probe(cached, &keys);
			text_keys_free(&keys);
			CHECK_STR(c ? c->ask : "(none)", a ? a->ask : "(none)");
			CHECK_STR(c ? c->id : "(none)", a ? a->id : "(none)");
			probes += a != NULL;
		}
	}
	CHECK(prompts > 100);
	CHECK(probes > 100);
	bank_set_free(parsed);
	bank_set_free(cached);
	free(banks);
	free(dir);
}

TEST(bank_index_decode_should_refuse_an_index_when_it_is_cut_short_or_given_too_little_arena)
{
	bank_set *set = harness_load_banks("question_banks");
	const bank *b = bank_set_find_bank(set, "tech-infra");
	char *bytes, *buf, *arena;
	size_t len, arena_len, cut;
	bank_index ix;

	CHECK(b != NULL);
	if (!b) {
		bank_set_free(set);
		return;
	}
	bank_index_encode(b, &bytes, &len, &arena_len);
	buf = xmalloc(len);
	arena = xmalloc(arena_len);
	memcpy(buf, bytes, len);
	CHECK(bank_index_decode(buf, len, arena, arena_len, &ix));
	CHECK_INT(ix.n_techs, b->n_techs);
	CHECK_STR(ix.n_techs ? ix.tech_ids[0] : NULL, b->techs[0].id);
	CHECK(ix.n_probes > b->n_techs);
	free(buf);
	free(arena);
	for (cut = 0; cut < len; cut++) {
		buf = xmalloc(cut ? cut : 1);
		arena = xmalloc(arena_len);
		memcpy(buf, bytes, cut);
		if (bank_index_decode(buf, cut, arena, arena_len, &ix))
			harness_fail(__FILE__, __LINE__, "an index cut to %zu of %zu bytes was accepted", cut, len);
		free(buf);
		free(arena);
	}
	buf = xmalloc(len);
	arena = xmalloc(arena_len - 8);
	memcpy(buf, bytes, len);
	CHECK(!bank_index_decode(buf, len, arena, arena_len - 8, &ix));
	free(buf);
	free(arena);
	free(bytes);
	bank_set_free(set);
}

TEST(bank_index_should_keep_a_prompt_without_content_words_when_written_and_read)
{
	char *src = harness_fixture("banks/mini-queues.json"), *text = NULL, *blob, *arena;
	bank_set *set = bank_set_new();
	diag_list d = DIAG_LIST_INIT;
	strbuf edited = STRBUF_INIT;
	size_t len, arena_len;
	const char *at;
	bank_index ix;

	if (fs_read_file(src, BANK_MAX_FILE_BYTES, &text, NULL, NULL) < 0 || !(at = strstr(text, "\"prompt\": \"")))
		abort();
	/* "Why?" has no word of three letters that is not a stop word */
	sb_appendn(&edited, text, (size_t)(at - text));
	sb_append(&edited, "\"prompt\": \"Why?");
	sb_append(&edited, strchr(at + strlen("\"prompt\": \""), '"'));
	CHECK_INT(bank_set_add_buffer(set, "why.json", edited.buf, edited.len, &d), 0);
	CHECK_INT(d.n, 0);
	if (bank_set_count(set) == 1) {
		bank_index_encode(bank_set_get(set, 0), &blob, &len, &arena_len);
		arena = xmalloc(arena_len);
		CHECK(bank_index_decode(blob, len, arena, arena_len, &ix));
		CHECK_INT(ix.n_questions, bank_set_get(set, 0)->n_questions);
		CHECK_INT(ix.n_questions ? ix.prompts[0].n : 99, 0);
		free(arena);
		free(blob);
	}
	diag_free(&d);
	sb_free(&edited);
	bank_set_free(set);
	free(text);
	free(src);
}

int main(void)
{
	RUN(bank_cache_should_give_back_every_shipped_bank_unchanged_when_read_from_it);
	RUN(bank_cache_should_parse_the_file_again_when_it_changes);
	RUN(bank_cache_should_parse_the_file_again_when_the_cache_is_damaged);
	RUN(bank_cache_should_load_banks_quietly_when_the_cache_folder_cannot_be_written);
	RUN(bank_cache_should_still_report_duplicate_ids_when_both_banks_come_from_it);
	RUN(bank_cache_decode_should_refuse_an_image_when_it_is_cut_short_or_given_too_little_arena);
	RUN(bank_set_should_decode_a_cached_bank_only_when_something_needs_it);
	RUN(bank_set_should_leave_a_bank_empty_when_its_image_is_damaged_and_its_file_lost_the_ids_in_between);
	RUN(bank_set_should_match_the_same_questions_and_probes_when_its_banks_come_from_the_cache);
	RUN(bank_index_decode_should_refuse_an_index_when_it_is_cut_short_or_given_too_little_arena);
	RUN(bank_index_should_keep_a_prompt_without_content_words_when_written_and_read);
	return harness_done();
}
