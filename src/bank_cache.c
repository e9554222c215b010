/*
 * The compiled bank cache. Parsing the shipped banks (3.4 MB of JSON, tens
 * of thousands of patterns) costs tens of milliseconds on every command;
 * reading them back from a binary image costs a fraction of one.
 *
 * A cache file is a header, the bank file's path, an index and a payload:
 *
 *   header   magic, format, grill's version, the stamp of the grill binary
 *            and of the bank file, the path's length, and for the index
 *            and the payload each their length, checksum and the arena
 *            they need
 *   index    the bank's id, its question and technology ids, and the keys
 *            (text_keys.h) of every prompt and technology probe: what a set
 *            needs to find an id or match a free-text question
 *   payload  the bank's fields in a fixed order (below, one function per
 *            struct serves both directions): numbers as 32-bit words,
 *            strings as a length then their bytes and a NUL, patterns as
 *            their position-independent blocks (match_pattern_image)
 *
 * Opening an image reads its header and index only. The payload is read
 * when the bank is first needed, into one block with room after it for the
 * arena (the structs and arrays, whose total the writer recorded), taken
 * from memory the set's cached banks share: strings and patterns are used
 * where they lie. Every count, length and offset is checked against the
 * bytes there are before it is used, so a damaged file is a miss, never a
 * crash.
 */
/* MAP_ANONYMOUS and madvise are not in POSIX */
#define _DEFAULT_SOURCE 1

#include "bank_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "grill/fsutil.h"
#include "grill/strbuf.h"
#include "grill/text_keys.h"
#include "grill/xalloc.h"

#define CACHE_MAGIC "grill-bank-cache"
#define CACHE_FORMAT 3u
#define CACHE_MAX_BYTES (256u * 1024u * 1024u)
/* an arena more than this many times the payload is not one we wrote */
#define CACHE_MAX_ARENA_FACTOR 64u
#define ALIGN8(n) (((n) + 7u) & ~(size_t)7u)

/* ---- stamps and names ---- */

static uint64_t ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

static void stamp_from(const struct stat *sb, bank_stamp *st)
{
	st->dev = (uint64_t)sb->st_dev;
	st->ino = (uint64_t)sb->st_ino;
	st->size = (uint64_t)sb->st_size;
	st->mtime_ns = ts_ns(&sb->st_mtim);
	st->ctime_ns = ts_ns(&sb->st_ctim);
}

bool bank_stamp_of(const char *path, bank_stamp *st)
{
	struct stat sb;

	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
		return false;
	stamp_from(&sb, st);
	return true;
}

/* The running binary: a rebuilt or upgraded grill never trusts an image
 * an older one wrote. Zero when /proc is not there (the version still
 * counts). */
static const bank_stamp *exe_stamp(void)
{
	static bank_stamp st;
	static bool done;

	if (!done) {
		done = true;
		if (!bank_stamp_of("/proc/self/exe", &st))
			memset(&st, 0, sizeof(st));
	}
	return &st;
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

/*
 * Not cryptographic: it only has to notice damage. Four lanes of eight
 * bytes, independent of each other so the multiplications overlap.
 */
static uint64_t checksum(const char *p, size_t n)
{
	static const uint64_t k = 0x9e3779b97f4a7c15u;
	uint64_t lane[4] = { k, k ^ 1, k ^ 2, k ^ 3 }, h = n;
	size_t i, j;

	for (i = 0; i + 32 <= n; i += 32) {
		for (j = 0; j < 4; j++) {
			uint64_t w;

			memcpy(&w, p + i + 8 * j, 8);
			lane[j] = (lane[j] ^ w) * 0xff51afd7ed558ccdu;
			lane[j] ^= lane[j] >> 29;
		}
	}
	for (; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
	for (j = 0; j < 4; j++)
		h = (h ^ lane[j]) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 31);
}

char *bank_cache_file(const char *dir, const char *path)
{
	char *abs = NULL, *file;

	if (path[0] != '/') {
		char *cwd = getcwd(NULL, 0);

		if (cwd) {
			abs = fs_join(cwd, path);
			free(cwd);
		}
	}
	file = xasprintf("%s/%016llx.bank", dir,
	                 (unsigned long long)fnv1a(abs ? abs : path, strlen(abs ? abs : path)));
	free(abs);
	return file;
}

/* ---- one walk for both directions ---- */

typedef struct cio {
	bool reading;
	bool bad;
	/* writing */
	strbuf *out;
	/* reading */
	char *buf;
	size_t len, pos;
	char *arena;
	/* both: arena bytes used (writing: needed) */
	size_t arena_len, arena_used;
} cio;

static void *arena_take(cio *io, size_t n, size_t elem)
{
	size_t bytes;
	void *p;

	if (elem && n > (SIZE_MAX - 8) / elem) {
		io->bad = true;
		return NULL;
	}
	bytes = ALIGN8(n * elem);
	if (!io->reading) {
		io->arena_used += bytes;
		return NULL;
	}
	if (bytes > io->arena_len - io->arena_used) {
		io->bad = true;
		return NULL;
	}
	p = io->arena + io->arena_used;
	memset(p, 0, bytes);
	io->arena_used += bytes;
	return p;
}

static void io_u32(cio *io, uint32_t *v)
{
	if (io->bad)
		return;
	if (!io->reading) {
		sb_appendn(io->out, (const char *)v, 4);
		return;
	}
	if (io->len - io->pos < 4) {
		io->bad = true;
		*v = 0;
		return;
	}
	memcpy(v, io->buf + io->pos, 4);
	io->pos += 4;
}

/* A number in [min, max]; anything else makes the image bad. */
static int io_int(cio *io, int v, int min, int max)
{
	uint32_t u = (uint32_t)v;

	io_u32(io, &u);
	if (io->reading && ((int32_t)u < min || (int32_t)u > max)) {
		io->bad = true;
		return min;
	}
	return (int32_t)u;
}

/* A number or enum field: written as it is, set only when reading. */
#define IO_FIELD(io, field, min, max)                                   \
	do {                                                            \
		int v_ = io_int((io), (int)(field), (min), (max));       \
		if ((io)->reading)                                      \
			(field) = v_;                                   \
	} while (0)

#define NULL_STRING UINT32_MAX

static void io_str(cio *io, char **s)
{
	uint32_t n;

	if (io->bad)
		return;
	if (!io->reading) {
		size_t len = *s ? strlen(*s) : 0;

		n = *s ? (uint32_t)len : NULL_STRING;
		io_u32(io, &n);
		if (*s)
			sb_appendn(io->out, *s, len + 1);
		return;
	}
	*s = NULL;
	io_u32(io, &n);
	if (io->bad || n == NULL_STRING)
		return;
	if (n >= io->len - io->pos || io->buf[io->pos + n] != '\0') {
		io->bad = true;
		return;
	}
	*s = io->buf + io->pos;
	io->pos += (size_t)n + 1;
}

/* A count, then (reading) a zeroed array of that many from the arena. */
static void io_array(cio *io, void **items, size_t *n, size_t elem)
{
	uint32_t u = (uint32_t)*n;

	if (!io->reading && *n > UINT32_MAX) {
		io->bad = true;
		return;
	}
	io_u32(io, &u);
	if (io->bad)
		return;
	if (!io->reading) {
		arena_take(io, *n, elem);
		return;
	}
	/* every element takes at least four bytes of payload */
	if (u > (io->len - io->pos) / 4) {
		io->bad = true;
		return;
	}
	*n = u;
	*items = arena_take(io, u, elem);
}

/* Pads (writing) or skips (reading) to a multiple of align bytes, at most 8. */
static void io_align(cio *io, size_t align)
{
	if (io->bad)
		return;
	if (!io->reading) {
		if (io->out->len % align)
			sb_appendn(io->out, "\0\0\0\0\0\0\0", align - io->out->len % align);
		return;
	}
	io->pos = (io->pos + align - 1) / align * align;
	if (io->pos > io->len)
		io->bad = true;
}

/* Patterns are their blocks, which know their own length. */
static void io_patterns(cio *io, pattern_list *l)
{
	size_t i;

	io_array(io, (void **)&l->items, &l->n, sizeof(*l->items));
	for (i = 0; i < l->n && !io->bad; i++) {
		size_t len;

		io_align(io, MATCH_PATTERN_ALIGN);
		if (!io->reading) {
			size_t n;
			const void *img = match_pattern_image(l->items[i], &n);

			sb_appendn(io->out, img, n);
			continue;
		}
		len = io->bad ? 0 : match_pattern_image_len(io->buf + io->pos, io->len - io->pos);
		if (len == 0 || len > io->len - io->pos) {
			io->bad = true;
			return;
		}
		/* viewed patterns are never written to or freed */
		l->items[i] = (match_pattern *)(uintptr_t)match_pattern_view(io->buf + io->pos, len);
		if (!l->items[i])
			io->bad = true;
		io->pos += len;
	}
}

static void io_strings(cio *io, char ***list, size_t *n)
{
	size_t i;

	io_array(io, (void **)list, n, sizeof(**list));
	for (i = 0; i < *n && !io->bad; i++)
		io_str(io, &(*list)[i]);
}

static void io_points(cio *io, bank_point **p, size_t *n)
{
	size_t i;

	io_array(io, (void **)p, n, sizeof(**p));
	for (i = 0; i < *n && !io->bad; i++) {
		bank_point *pt = &(*p)[i];

		io_str(io, &pt->id);
		io_str(io, &pt->point);
		IO_FIELD(io, pt->weight, 1, 3);
		io_patterns(io, &pt->patterns);
	}
}

static void io_flags(cio *io, bank_red_flag **f, size_t *n)
{
	size_t i;

	io_array(io, (void **)f, n, sizeof(**f));
	for (i = 0; i < *n && !io->bad; i++) {
		bank_red_flag *fl = &(*f)[i];

		io_str(io, &fl->id);
		io_str(io, &fl->claim);
		io_str(io, &fl->correction);
		io_patterns(io, &fl->patterns);
		io_patterns(io, &fl->unless);
	}
}

/* Technology links are not saved: bank_set_link makes them after loading. */
static void io_trigger(cio *io, bank_trigger *t)
{
	IO_FIELD(io, t->kind, TRIGGER_MENTIONS, TRIGGER_ALWAYS);
	io_patterns(io, &t->terms);
	io_str(io, &t->point);
}

static void io_probes(cio *io, bank_probe **p, size_t *n, int depth, const bank_probe *parent)
{
	size_t i;

	if (depth > BANK_MAX_PROBE_DEPTH) {
		io->bad = true;
		return;
	}
	io_array(io, (void **)p, n, sizeof(**p));
	for (i = 0; i < *n && !io->bad; i++) {
		bank_probe *pr = &(*p)[i];

		io_str(io, &pr->id);
		io_trigger(io, &pr->trigger);
		io_str(io, &pr->ask);
		io_str(io, &pr->purpose);
		io_points(io, &pr->expected, &pr->n_expected);
		io_flags(io, &pr->red_flags, &pr->n_red_flags);
		if (io->reading) {
			pr->depth = depth;
			pr->parent = parent;
		}
		io_probes(io, &pr->probes, &pr->n_probes, depth + 1, pr);
	}
}

static void io_challenges(cio *io, bank_challenge **c, size_t *n)
{
	size_t i;

	io_array(io, (void **)c, n, sizeof(**c));
	for (i = 0; i < *n && !io->bad; i++) {
		bank_challenge *ch = &(*c)[i];

		io_str(io, &ch->id);
		io_trigger(io, &ch->trigger);
		io_str(io, &ch->ask);
		io_str(io, &ch->good_response);
	}
}

static void io_question(cio *io, bank_question *q, const bank *b)
{
	io_str(io, &q->id);
	io_str(io, &q->domain);
	io_strings(io, &q->tags, &q->n_tags);
	IO_FIELD(io, q->kind, QKIND_TECHNICAL, QKIND_TERMINOLOGY);
	IO_FIELD(io, q->level, LEVEL_JUNIOR, LEVEL_STAFF);
	io_str(io, &q->prompt);
	io_str(io, &q->hint);
	io_str(io, &q->model_answer);
	io_str(io, &q->interviewer_notes);
	io_points(io, &q->expected, &q->n_expected);
	io_flags(io, &q->red_flags, &q->n_red_flags);
	io_probes(io, &q->probes, &q->n_probes, 1, NULL);
	io_challenges(io, &q->challenges, &q->n_challenges);
	if (io->reading)
		q->bank = b;
}

static void io_tech(cio *io, bank_tech *t, const bank *b)
{
	io_str(io, &t->id);
	io_str(io, &t->name);
	io_patterns(io, &t->aliases);
	io_probes(io, &t->probes, &t->n_probes, 1, NULL);
	if (io->reading)
		t->bank = b;
}

/* The fields every loaded bank has; a NULL among them is not an image we wrote. */
static bool bank_complete(const bank *b)
{
	size_t i;

	if (!b->path || !b->id || !b->title || !b->version || !b->description)
		return false;
	for (i = 0; i < b->n_questions; i++)
		if (!b->questions[i].id || !b->questions[i].domain || !b->questions[i].prompt)
			return false;
	for (i = 0; i < b->n_techs; i++)
		if (!b->techs[i].id || !b->techs[i].name)
			return false;
	return true;
}

static void io_bank(cio *io, bank *b)
{
	size_t i;

	io_str(io, &b->path);
	io_str(io, &b->id);
	io_str(io, &b->title);
	io_str(io, &b->version);
	io_str(io, &b->description);
	io_array(io, (void **)&b->questions, &b->n_questions, sizeof(*b->questions));
	for (i = 0; i < b->n_questions && !io->bad; i++)
		io_question(io, &b->questions[i], b);
	io_array(io, (void **)&b->techs, &b->n_techs, sizeof(*b->techs));
	for (i = 0; i < b->n_techs && !io->bad; i++)
		io_tech(io, &b->techs[i], b);
}

void bank_cache_encode(const bank *b, char **out, size_t *len, size_t *arena_len)
{
	strbuf sb = STRBUF_INIT;
	cio io = { 0 };

	io.out = &sb;
	arena_take(&io, 1, sizeof(bank));
	/* the walk only reads when writing; the cast is for the shared signatures */
	io_bank(&io, (bank *)(uintptr_t)b);
	*len = sb.len;
	*arena_len = io.arena_used;
	*out = sb_detach(&sb);
}

bank *bank_cache_decode(char *buf, size_t len, char *arena, size_t arena_len)
{
	cio io = { 0 };
	bank *b;

	if ((uintptr_t)buf % 8 != 0 || (uintptr_t)arena % 8 != 0)
		return NULL;
	io.reading = true;
	io.buf = buf;
	io.len = len;
	io.arena = arena;
	io.arena_len = arena_len;
	b = arena_take(&io, 1, sizeof(*b));
	if (!b)
		return NULL;
	io_bank(&io, b);
	if (io.bad || io.pos != io.len || !bank_complete(b))
		return NULL;
	return b;
}

/* ---- the index ---- */

static void io_keys(cio *io, bank_keys *k)
{
	uint32_t n = (uint32_t)k->n;

	io_u32(io, &n);
	io_align(io, 8);
	if (io->bad)
		return;
	if (!io->reading) {
		/* a text without content words has no keys, and no array */
		if (k->n)
			sb_appendn(io->out, (const char *)k->keys, k->n * sizeof(*k->keys));
		return;
	}
	if (n > (io->len - io->pos) / sizeof(*k->keys)) {
		io->bad = true;
		return;
	}
	k->keys = (const uint64_t *)(const void *)(io->buf + io->pos);
	k->n = n;
	io->pos += (size_t)n * sizeof(*k->keys);
}

/* An array of n elem-sized items beside one io_array made: taken from the
 * arena when reading, only counted when writing. */
static void *io_beside(cio *io, size_t n, size_t elem)
{
	void *p = arena_take(io, n, elem);

	return io->reading ? p : NULL;
}

static void io_index(cio *io, bank_index *ix)
{
	size_t i, k;

	io_str(io, &ix->id);
	io_array(io, (void **)&ix->question_ids, &ix->n_questions, sizeof(*ix->question_ids));
	if (io->reading)
		ix->prompts = io_beside(io, ix->n_questions, sizeof(*ix->prompts));
	else
		io_beside(io, ix->n_questions, sizeof(*ix->prompts));
	for (i = 0; i < ix->n_questions && !io->bad; i++) {
		io_str(io, &ix->question_ids[i]);
		io_keys(io, &ix->prompts[i]);
	}
	io_array(io, (void **)&ix->tech_ids, &ix->n_techs, sizeof(*ix->tech_ids));
	if (io->bad)
		return;
	if (io->reading)
		ix->tech_probes = io_beside(io, ix->n_techs + 1, sizeof(*ix->tech_probes));
	else
		io_beside(io, ix->n_techs + 1, sizeof(*ix->tech_probes));
	for (i = 0; i < ix->n_techs && !io->bad; i++) {
		io_str(io, &ix->tech_ids[i]);
		/* where its probes start, never before the previous tech's */
		IO_FIELD(io, ix->tech_probes[i], i ? (int)ix->tech_probes[i - 1] : 0, INT32_MAX);
	}
	io_array(io, (void **)&ix->probes, &ix->n_probes, sizeof(*ix->probes));
	for (k = 0; k < ix->n_probes && !io->bad; k++)
		io_keys(io, &ix->probes[k]);
	if (!io->reading || io->bad)
		return;
	ix->tech_probes[ix->n_techs] = ix->n_probes;
	if (!ix->id || (ix->n_techs && ix->tech_probes[ix->n_techs - 1] > ix->n_probes))
		io->bad = true;
	for (i = 0; i < ix->n_questions && !io->bad; i++)
		io->bad = !ix->question_ids[i];
	for (i = 0; i < ix->n_techs && !io->bad; i++)
		io->bad = !ix->tech_ids[i];
}

/* The keys of a probe tree in preorder, appended to ix->probes. */
static void keys_of_probes(const bank_probe *p, size_t n, bank_index *ix, size_t *cap)
{
	for (size_t i = 0; i < n; i++) {
		text_keys k;

		text_keys_of(p[i].ask, &k);
		xgrow((void **)&ix->probes, cap, ix->n_probes + 1, sizeof(*ix->probes));
		ix->probes[ix->n_probes].keys = k.keys;
		ix->probes[ix->n_probes++].n = k.n;
		keys_of_probes(p[i].probes, p[i].n_probes, ix, cap);
	}
}

void bank_index_encode(const bank *b, char **out, size_t *len, size_t *arena_len)
{
	bank_index ix = { 0 };
	strbuf sb = STRBUF_INIT;
	cio io = { 0 };
	size_t i, cap = 0;

	/* the index as it will read back, with the keys worked out */
	ix.id = b->id;
	ix.n_questions = b->n_questions;
	ix.question_ids = xcalloc(b->n_questions + 1, sizeof(*ix.question_ids));
	ix.prompts = xcalloc(b->n_questions + 1, sizeof(*ix.prompts));
	for (i = 0; i < b->n_questions; i++) {
		text_keys k;

		ix.question_ids[i] = b->questions[i].id;
		text_keys_of(b->questions[i].prompt, &k);
		ix.prompts[i].keys = k.keys;
		ix.prompts[i].n = k.n;
	}
	ix.n_techs = b->n_techs;
	ix.tech_ids = xcalloc(b->n_techs + 1, sizeof(*ix.tech_ids));
	ix.tech_probes = xcalloc(b->n_techs + 1, sizeof(*ix.tech_probes));
	for (i = 0; i < b->n_techs; i++) {
		ix.tech_ids[i] = b->techs[i].id;
		ix.tech_probes[i] = ix.n_probes;
		keys_of_probes(b->techs[i].probes, b->techs[i].n_probes, &ix, &cap);
	}

	io.out = &sb;
	io_index(&io, &ix);
	*len = sb.len;
	*arena_len = io.arena_used;
	*out = sb_detach(&sb);

	for (i = 0; i < ix.n_questions; i++)
		free((void *)(uintptr_t)ix.prompts[i].keys);
	for (i = 0; i < ix.n_probes; i++)
		free((void *)(uintptr_t)ix.probes[i].keys);
	free(ix.question_ids);
	free(ix.prompts);
	free(ix.tech_ids);
	free(ix.tech_probes);
	free(ix.probes);
}

bool bank_index_decode(const char *buf, size_t len, char *arena, size_t arena_len, bank_index *ix)
{
	cio io = { 0 };

	memset(ix, 0, sizeof(*ix));
	if ((uintptr_t)buf % 8 != 0 || (uintptr_t)arena % 8 != 0)
		return false;
	io.reading = true;
	/* read only: the index's strings and keys are used where they lie */
	io.buf = (char *)(uintptr_t)buf;
	io.len = len;
	io.arena = arena;
	io.arena_len = arena_len;
	io_index(&io, ix);
	if (io.bad || io.pos != io.len) {
		memset(ix, 0, sizeof(*ix));
		return false;
	}
	return true;
}

void bank_index_of(const bank *b, bank_index *ix)
{
	char *blob, *arena;
	size_t len, arena_len;

	bank_index_encode(b, &blob, &len, &arena_len);
	arena = xmalloc(arena_len ? arena_len : 1);
	/* both blocks come from malloc, aligned for any type */
	if (!bank_index_decode(blob, len, arena, arena_len, ix)) {
		/* an index encode just made always reads back */
		abort();
	}
	ix->owned = blob;
	ix->arena = arena;
}

void bank_index_free(bank_index *ix)
{
	if (!ix)
		return;
	free(ix->owned);
	free(ix->arena);
	memset(ix, 0, sizeof(*ix));
}

/* ---- files ---- */

typedef struct cache_header {
	char magic[16];
	uint32_t format;
	uint32_t path_len;     /* bytes of path after the header, NUL included */
	char version[16];
	bank_stamp exe, src;
	uint64_t index_len, index_arena_len, index_sum;
	uint64_t payload_len;
	uint64_t arena_len;
	uint64_t sum;
} cache_header;

/* the path (and so the index and payload) starts 8-aligned after it */
_Static_assert(sizeof(cache_header) % 8 == 0, "cache_header is a multiple of 8 bytes");

int bank_cache_store(const char *dir, const char *path, const bank_stamp *st, const bank *b)
{
	cache_header h;
	strbuf file = STRBUF_INIT;
	char *payload, *index, *cache_path;
	size_t len, arena_len, index_len, index_arena_len, path_len = strlen(path) + 1;
	static const char zeros[8];
	int rc;

	if (fs_mkdir_p(dir, 0700, NULL) < 0)
		return -1;
	bank_index_encode(b, &index, &index_len, &index_arena_len);
	bank_cache_encode(b, &payload, &len, &arena_len);
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, CACHE_MAGIC, sizeof(h.magic));
	h.format = CACHE_FORMAT;
	h.path_len = (uint32_t)path_len;
	strncpy(h.version, GRILL_VERSION, sizeof(h.version) - 1);
	h.exe = *exe_stamp();
	h.src = *st;
	h.index_len = index_len;
	h.index_arena_len = index_arena_len;
	h.index_sum = checksum(index, index_len);
	h.payload_len = len;
	h.arena_len = arena_len;
	h.sum = checksum(payload, len);
	sb_appendn(&file, (const char *)&h, sizeof(h));
	sb_appendn(&file, path, path_len);
	sb_appendn(&file, zeros, ALIGN8(file.len) - file.len);
	sb_appendn(&file, index, index_len);
	sb_appendn(&file, zeros, ALIGN8(file.len) - file.len);
	sb_appendn(&file, payload, len);
	free(index);
	free(payload);
	cache_path = bank_cache_file(dir, path);
	rc = fs_write_replace(cache_path, file.buf, file.len, 0600, NULL);
	free(cache_path);
	sb_free(&file);
	return rc;
}

/* ---- memory for cached banks ---- */

/*
 * Cached banks of one set share large regions, aligned and advised for
 * transparent huge pages and populated at once: filling memory 4 KiB page
 * by page (a fault each) costs more than reading the banks into it.
 */
#define REGION_ALIGN ((size_t)2 << 20)
#define REGION_MIN ((size_t)2 << 20)

typedef struct mem_region {
	char *map;
	size_t map_len;
	char *base;
	size_t size, used;
} mem_region;

struct bank_mem {
	mem_region *r;
	size_t n, cap;
};

bank_mem *bank_mem_new(void)
{
	return xcalloc(1, sizeof(bank_mem));
}

void bank_mem_free(bank_mem *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++)
		munmap(m->r[i].map, m->r[i].map_len);
	free(m->r);
	free(m);
}

/* n bytes aligned to 8, or NULL when no memory can be mapped. */
static char *mem_take(bank_mem *m, size_t n)
{
	mem_region *r = m->n ? &m->r[m->n - 1] : NULL;
	char *p;

	n = ALIGN8(n);
	if (!r || r->size - r->used < n) {
		size_t size = ((n > REGION_MIN ? n : REGION_MIN) + REGION_ALIGN - 1) / REGION_ALIGN * REGION_ALIGN;
		size_t map_len = size + REGION_ALIGN;
		char *map = mmap(NULL, map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		char *base;

		if (map == MAP_FAILED)
			return NULL;
		base = (char *)(((uintptr_t)map + REGION_ALIGN - 1) & ~(uintptr_t)(REGION_ALIGN - 1));
		/* both are requests: without them the memory is simply slower to fill */
		madvise(base, size, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
		madvise(base, size, MADV_POPULATE_WRITE);
#endif
		xgrow((void **)&m->r, &m->cap, m->n + 1, sizeof(*m->r));
		r = &m->r[m->n++];
		r->map = map;
		r->map_len = map_len;
		r->base = base;
		r->size = size;
		r->used = 0;
	}
	p = r->base + r->used;
	r->used += n;
	return p;
}

/* Returns the last n bytes taken (after a miss), so the next bank reuses them. */
static void mem_give_back(bank_mem *m, char *p, size_t n)
{
	mem_region *r = &m->r[m->n - 1];

	n = ALIGN8(n);
	if (p + n == r->base + r->used)
		r->used -= n;
}

/*
 * An image whose index has been read. Its payload is read when the bank is
 * decoded, from the file at the same name, and only while that file starts
 * with the same header: the header holds the payload's length and checksum,
 * so what is read then is what was described when the image was opened.
 */
struct bank_image {
	char *file;
	cache_header h;
	size_t payload_at;
	char *index_bytes;
	bank_index index;
};

/* Up to n bytes at offset at; the count read, or -1. */
static ssize_t pread_most(int fd, char *p, size_t n, size_t at)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = pread(fd, p + got, n - got, (off_t)(at + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* Most images' header, path and index fit in the first read. */
#define FIRST_READ 4096

bank_image *bank_image_open(const char *dir, const char *path, const bank_stamp *st)
{
	char *file = bank_cache_file(dir, path), *bytes = NULL, *arena = NULL;
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	size_t path_len = strlen(path) + 1, head, index_end, have;
	union {
		cache_header h;
		char b[FIRST_READ];
	} first;
	bank_image *im;
	cache_header h;
	ssize_t got;

	if (fd < 0) {
		free(file);
		return NULL;
	}
	got = pread_most(fd, first.b, sizeof(first.b), 0);
	if (got < (ssize_t)sizeof(h))
		goto miss;
	have = (size_t)got;
	h = first.h;
	head = ALIGN8(sizeof(h) + path_len);
	if (memcmp(h.magic, CACHE_MAGIC, sizeof(h.magic)) != 0 || h.format != CACHE_FORMAT ||
	    h.path_len != path_len || h.version[sizeof(h.version) - 1] != '\0' ||
	    strncmp(h.version, GRILL_VERSION, sizeof(h.version) - 1) != 0 ||
	    memcmp(&h.exe, exe_stamp(), sizeof(h.exe)) != 0 || memcmp(&h.src, st, sizeof(h.src)) != 0 ||
	    h.index_len > CACHE_MAX_BYTES || h.payload_len > CACHE_MAX_BYTES ||
	    h.index_arena_len > h.index_len * CACHE_MAX_ARENA_FACTOR ||
	    h.arena_len > h.payload_len * CACHE_MAX_ARENA_FACTOR)
		goto miss;
	index_end = ALIGN8(head + (size_t)h.index_len);
	/* the path, then the index: from the first read, then the rest of the file */
	bytes = xmalloc(index_end - sizeof(h));
	if (have > index_end)
		have = index_end;
	memcpy(bytes, first.b + sizeof(h), have > sizeof(h) ? have - sizeof(h) : 0);
	if (have < index_end &&
	    pread_most(fd, bytes + (have - sizeof(h)), index_end - have, have) != (ssize_t)(index_end - have))
		goto miss;
	if (memcmp(bytes, path, path_len) != 0 ||
	    checksum(bytes + head - sizeof(h), (size_t)h.index_len) != h.index_sum)
		goto miss;
	arena = xmalloc(h.index_arena_len ? (size_t)h.index_arena_len : 1);
	im = xcalloc(1, sizeof(*im));
	/* head - sizeof(h) is a multiple of 8 (the header's size is) */
	if (!bank_index_decode(bytes + head - sizeof(h), (size_t)h.index_len, arena, (size_t)h.index_arena_len,
	                       &im->index)) {
		free(im);
		goto miss;
	}
	close(fd);
	im->file = file;
	im->h = h;
	im->payload_at = index_end;
	im->index_bytes = bytes;
	im->index.arena = arena;
	return im;
miss:
	close(fd);
	free(arena);
	free(bytes);
	free(file);
	return NULL;
}

const bank_index *bank_image_index(const bank_image *im)
{
	return &im->index;
}

bank *bank_image_decode(bank_image *im, bank_mem *mem)
{
	size_t len = (size_t)im->h.payload_len, arena_len = (size_t)im->h.arena_len, block_len;
	int fd = open(im->file, O_RDONLY | O_CLOEXEC);
	cache_header now;
	char *block;
	bank *b = NULL;

	if (fd < 0)
		return NULL;
	if (pread_most(fd, (char *)&now, sizeof(now), 0) != (ssize_t)sizeof(now) ||
	    memcmp(&now, &im->h, sizeof(now)) != 0)
		goto out;
	/* one block: the payload, then the arena */
	block_len = ALIGN8(len) + arena_len;
	block = mem_take(mem, block_len);
	if (!block)
		goto out;
	if (pread_most(fd, block, len, im->payload_at) != (ssize_t)len || checksum(block, len) != im->h.sum ||
	    !(b = bank_cache_decode(block, len, block + ALIGN8(len), arena_len))) {
		mem_give_back(mem, block, block_len);
		b = NULL;
		goto out;
	}
	b->image = block;
	b->image_len = block_len;
out:
	close(fd);
	return b;
}

void bank_image_close(bank_image *im)
{
	if (!im)
		return;
	free(im->index.arena);
	free(im->index_bytes);
	free(im->file);
	free(im);
}

static void unlink_probes(bank_probe *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(p[i].trigger.tech_numbers);
		unlink_probes(p[i].probes, p[i].n_probes);
	}
}

void bank_cache_release(bank *b)
{
	size_t i, k;

	for (i = 0; i < b->n_questions; i++) {
		bank_question *q = &b->questions[i];

		unlink_probes(q->probes, q->n_probes);
		for (k = 0; k < q->n_challenges; k++)
			free(q->challenges[k].trigger.tech_numbers);
	}
	for (i = 0; i < b->n_techs; i++)
		unlink_probes(b->techs[i].probes, b->techs[i].n_probes);
}
