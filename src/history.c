/*
 * The history: summaries of every session file, kept in a cache that is
 * checked against each file's inode, size and mtime (see history.h).
 */
#include "grill/history.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grill/debrief.h"
#include "grill/fsutil.h"
#include "grill/paths.h"
#include "grill/strbuf.h"
#include "grill/transcript.h"
#include "grill/xalloc.h"
#include "strmap.h"

/* Bumped whenever the summary changes shape: an older cache is rebuilt. */
#define HISTORY_CACHE_MAX_BYTES (512u * 1024u * 1024u)

/* What identifies one version of a file: atomic saves change the inode. */
typedef struct file_stamp {
	unsigned long long ino;
	long long size;
	long long mtime_ns;
} file_stamp;

/* One file of the folder: a session (entry) or a skipped file (skip). */
typedef struct slot {
	file_stamp stamp;
	bool is_skip;
	history_entry entry;
	history_skip skip;
} slot;

/* What is known of a question id: its bank and tags, shared by every session that asked it. */
typedef struct qinfo {
	char *id;
	char *bank;
	char **tags;
	size_t n_tags;
} qinfo;

typedef struct qtable {
	strmap *by_id;      /* id -> qinfo * */
	qinfo **items;
	size_t n, cap;
} qtable;

struct history {
	qtable questions;
	history_entry *entries;
	size_t n_entries;
	history_skip *skips;
	size_t n_skips;
	size_t parsed;
	char *cache_problem;
};

/* ---- small helpers ---- */

static void strings_free(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void push_string(char ***list, size_t *n, const char *s)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = xstrdup(s);
}

static bool has_string(char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static void entry_free(history_entry *e)
{
	free(e->questions); /* their strings belong to the history's question table */
	strings_free(e->banks, e->n_banks);
	strings_free(e->flags, e->n_flags);
	free(e->file);
	free(e->path);
	free(e->id);
	free(e->kind);
	free(e->status);
	free(e->created);
	free(e->company);
	free(e->role);
	free(e->date);
	free(e->round);
	memset(e, 0, sizeof(*e));
}

static void skip_free(history_skip *s)
{
	free(s->file);
	free(s->path);
	free(s->reason);
	memset(s, 0, sizeof(*s));
}

static void slot_free(slot *s)
{
	if (s->is_skip)
		skip_free(&s->skip);
	else
		entry_free(&s->entry);
}

static qinfo *qtable_get(qtable *t, const char *id)
{
	qinfo *q = strmap_get(t->by_id, id);

	if (q)
		return q;
	q = xcalloc(1, sizeof(*q));
	q->id = xstrdup(id);
	xgrow((void **)&t->items, &t->cap, t->n + 1, sizeof(*t->items));
	t->items[t->n++] = q;
	strmap_put(t->by_id, q->id, q);
	return q;
}

static void qtable_free(qtable *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->items[i]->id);
		free(t->items[i]->bank);
		strings_free(t->items[i]->tags, t->items[i]->n_tags);
		free(t->items[i]);
	}
	free(t->items);
	strmap_free(t->by_id);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static int digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	*d = digits(s + 8, 2);
	if (*y < 1970 || *m < 1 || *m > 12 || *d < 1)
		return false;
	return *d <= mdays[*m - 1] + (*m == 2 && leap(*y));
}

bool history_valid_date(const char *s)
{
	int y, m, d;

	return s && strlen(s) == 10 && parse_date(s, &y, &m, &d);
}

long long history_parse_time(const char *iso)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;

	if (!iso || !parse_date(iso, &y, &m, &d))
		return -1;
	if (iso[10] == 'T') {
		if (strlen(iso) < 19 || iso[13] != ':' || iso[16] != ':')
			return -1;
		hh = digits(iso + 11, 2);
		mm = digits(iso + 14, 2);
		ss = digits(iso + 17, 2);
		if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60)
			return -1;
	} else if (iso[10] != '\0') {
		return -1;
	}
	return days_from_civil(y, (unsigned)m, (unsigned)d) * 86400LL + hh * 3600LL + mm * 60LL + ss;
}

/* ---- summarising one transcript ---- */

static history_question *find_question(history_entry *e, const char *id)
{
	size_t i;

	for (i = 0; i < e->n_questions; i++)
		if (strcmp(e->questions[i].id, id) == 0)
			return &e->questions[i];
	return NULL;
}

/* The mean of the scored dimensions that speak to content, rounded; -1 when none. */
static int fallback_quality(const history_entry *e)
{
	static const int dims[] = { DIM_ACCURACY, DIM_REASONING, DIM_SPECIFICITY, DIM_HONESTY };
	int sum = 0, n = 0;
	size_t i;

	if (!e->has_scorer)
		return -1;
	for (i = 0; i < sizeof(dims) / sizeof(dims[0]); i++)
		if (e->scorer[dims[i]] > 0) {
			sum += e->scorer[dims[i]];
			n++;
		}
	return n ? (int)((double)sum / n + 0.5) : -1;
}

/*
 * Per question quality from the saved scorer result: the weighted share of
 * its expected points covered, 0..5, minus 2 for each red flag hit on its
 * turns; 0 when the question was skipped (docs/selection.md).
 */
static void rate_questions(history_entry *e, const transcript *t)
{
	cJSON *root = t->scorer_json ? cJSON_Parse(t->scorer_json) : NULL;
	const cJSON *points = cJSON_GetObjectItemCaseSensitive(root, "points");
	const cJSON *flags = cJSON_GetObjectItemCaseSensitive(root, "red_flags");
	const cJSON *no_items = NULL;
	const cJSON *it;
	int *covered = xcalloc(e->n_questions + 1, sizeof(int));
	int *total = xcalloc(e->n_questions + 1, sizeof(int));
	bool *skipped = xcalloc(e->n_questions + 1, sizeof(bool));
	int fallback = fallback_quality(e);
	size_t i;

	for (i = 0; i < t->n_turns; i++) {
		const turn *tu = &t->turns[i];
		history_question *q;

		if (tu->kind != TURN_ANSWER || !tu->question_id || !(q = find_question(e, tu->question_id)))
			continue;
		if (tu->skipped || !tu->answer || !*tu->answer)
			skipped[q - e->questions] = true;
	}
	if (!cJSON_IsArray(points))
		points = no_items;
	if (!cJSON_IsArray(flags))
		flags = no_items;
	cJSON_ArrayForEach(it, points) {
		const cJSON *qid = cJSON_GetObjectItemCaseSensitive(it, "question_id");
		const cJSON *w = cJSON_GetObjectItemCaseSensitive(it, "weight");
		history_question *q;
		int weight;

		if (!cJSON_IsString(qid) || !(q = find_question(e, qid->valuestring)))
			continue;
		weight = cJSON_IsNumber(w) && w->valueint > 0 ? w->valueint : 1;
		total[q - e->questions] += weight;
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "covered")))
			covered[q - e->questions] += weight;
	}
	cJSON_ArrayForEach(it, flags) {
		const cJSON *tn = cJSON_GetObjectItemCaseSensitive(it, "turn");
		const cJSON *claim = cJSON_GetObjectItemCaseSensitive(it, "claim");
		history_question *q = NULL;

		if (cJSON_IsString(claim) && claim->valuestring)
			push_string(&e->flags, &e->n_flags, claim->valuestring);
		if (cJSON_IsNumber(tn) && tn->valueint >= 1 && (size_t)tn->valueint <= t->n_turns &&
		    t->turns[tn->valueint - 1].question_id)
			q = find_question(e, t->turns[tn->valueint - 1].question_id);
		if (q)
			q->red_flags++;
	}
	for (i = 0; i < e->n_questions; i++) {
		history_question *q = &e->questions[i];

		if (strcmp(e->status, "complete") != 0)
			q->quality = -1;
		else if (skipped[i])
			q->quality = 0;
		else if (total[i] > 0)
			q->quality = (int)(5.0 * covered[i] / total[i] + 0.5);
		else
			q->quality = fallback;
		if (q->quality > 0) {
			q->quality -= 2 * q->red_flags;
			if (q->quality < 0)
				q->quality = 0;
		}
	}
	free(covered);
	free(total);
	free(skipped);
	cJSON_Delete(root);
}

static char *id_from_file(const char *file)
{
	size_t n = strlen(file);

	return xstrndup(file, n > 5 ? n - 5 : n);
}

static void summarise(history_entry *e, const transcript *t, const history_lookup *lookup, qtable *table)
{
	size_t i;
	int d;
	long long when;

	e->id = t->id && *t->id ? xstrdup(t->id) : id_from_file(e->file);
	e->kind = xstrdup(t->kind);
	e->status = xstrdup(t->status ? t->status : "complete");
	e->created = xstrdup(t->created ? t->created : "");
	when = history_parse_time(e->created);
	e->when = when > 0 ? (time_t)when : 0;
	for (i = 0; i < t->settings.n_banks; i++)
		if (!has_string(e->banks, e->n_banks, t->settings.banks[i]))
			push_string(&e->banks, &e->n_banks, t->settings.banks[i]);
	for (i = 0; i < t->n_turns; i++) {
		const turn *tu = &t->turns[i];
		history_question *q;
		qinfo *qi;
		const char *bank = NULL;
		char *const *tags = NULL;
		size_t n_tags = 0, k;

		if (tu->kind != TURN_ANSWER || !tu->question_id || find_question(e, tu->question_id))
			continue;
		qi = qtable_get(table, tu->question_id);
		/* looked up once per question id, and again while it is unknown */
		if (!qi->bank && lookup && lookup->question &&
		    lookup->question(lookup->ctx, tu->question_id, &bank, &tags, &n_tags)) {
			qi->bank = dup_or_null(bank);
			for (k = 0; k < n_tags; k++)
				push_string(&qi->tags, &qi->n_tags, tags[k]);
		}
		e->questions = xrealloc(e->questions, (e->n_questions + 1) * sizeof(*e->questions));
		q = &e->questions[e->n_questions++];
		memset(q, 0, sizeof(*q));
		q->id = qi->id;
		q->quality = -1;
		if (t->settings.n_banks == 0 && qi->bank && !has_string(e->banks, e->n_banks, qi->bank))
			push_string(&e->banks, &e->n_banks, qi->bank);
	}
	e->has_self = t->self.present;
	e->has_scorer = t->scorer.present;
	e->has_interviewer = t->interviewer.present;
	for (d = 0; d < RUBRIC_DIMS; d++) {
		e->self[d] = t->self.present ? t->self.score[d] : 0;
		e->scorer[d] = t->scorer.present ? t->scorer.score[d] : 0;
		e->interviewer[d] = t->interviewer.present ? t->interviewer.score[d] : 0;
	}
	rate_questions(e, t);
	if (t->meta_json) {
		debrief_meta meta;

		debrief_meta_parse(t->meta_json, &meta);
		e->company = meta.company;
		e->role = meta.role;
		e->date = meta.date;
		e->round = meta.round;
		free(meta.went_well);
		free(meta.rehearse);
	}
}

/* Reads one file into s: an entry, or a skip with the reason. */
static void read_slot(slot *s, const char *dir, const char *file, const history_lookup *lookup, qtable *table)
{
	grill_err err = GRILL_ERR_INIT;
	char *path = fs_join(dir, file);
	transcript **list = NULL;
	long n, i;
	size_t len = strlen(file);

	if (len <= 5 || strcmp(file + len - 5, ".json") != 0) {
		s->is_skip = true;
		s->skip.reason = xstrdup("not a session file (the name does not end in .json)");
	} else if ((n = transcript_load_all(path, &list, &err)) < 0) {
		s->is_skip = true;
		s->skip.reason = xstrdup(err_msg(&err) ? err_msg(&err) : "cannot be read");
	} else {
		if (n > 1) {
			s->is_skip = true;
			s->skip.reason = xasprintf("holds %ld transcripts (an export or calibration set, not a session)", n);
		} else if (strcmp(list[0]->kind, "solo") != 0 && strcmp(list[0]->kind, "pair") != 0 &&
		           strcmp(list[0]->kind, "debrief") != 0) {
			s->is_skip = true;
			s->skip.reason = strcmp(list[0]->kind, "external") == 0
			                     ? xstrdup("not a grill session: no \"kind\" (a transcript in the calibration format?)")
			                     : xasprintf("not a grill session: kind \"%s\"", list[0]->kind);
		} else {
			s->entry.file = xstrdup(file);
			s->entry.path = xstrdup(path);
			summarise(&s->entry, list[0], lookup, table);
		}
		for (i = 0; i < n; i++)
			transcript_free(list[i]);
		free(list);
	}
	if (s->is_skip) {
		s->skip.file = xstrdup(file);
		s->skip.path = xstrdup(path);
	}
	err_clear(&err);
	free(path);
}

/*
 * ---- the cache ----
 *
 * A line-based text file, read without a JSON parser because it is read on
 * every `grill history` (a JSON tree of 5,000 sessions costs more than the
 * rest together):
 *
 *   grill-history-cache 3
 *   Q <id> <bank> <tag,tag,...>                        once per question id
 *   S <file> <stamp> <reason>                          a skipped file
 *   E <file> <stamp> <id> <kind> <status> <created> <banks> <questions>
 *     <self> <scorer> <interviewer> <flags> <company> <role> <date> <round>
 *
 * Fields are separated by tabs; in a field, backslash, tab, newline, comma
 * and colon are escaped (\\ \t \n \c \d) so that lists can use commas and
 * questions "id:quality:red_flags". An empty field is absent (NULL); scores
 * are six numbers, empty when the set is absent. <stamp> is the file's
 * "inode:size:mtime_ns".
 */

#define CACHE_MAGIC "grill-history-cache 3"
#define CACHE_MAX_FIELDS 20

static void c_escape(strbuf *o, const char *s)
{
	const char *p;

	if (!s)
		return;
	for (p = s; *p; p++) {
		switch (*p) {
		case '\\': sb_append(o, "\\\\"); break;
		case '\t': sb_append(o, "\\t"); break;
		case '\n': sb_append(o, "\\n"); break;
		case ',': sb_append(o, "\\c"); break;
		case ':': sb_append(o, "\\d"); break;
		default: sb_putc(o, *p);
		}
	}
}

/* Unescapes s in place up to the first unescaped stop character (or NUL); returns where it stopped. */
static char *c_unescape(char *s, char stop)
{
	char *r = s, *w = s;

	while (*r && *r != stop) {
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'c' ? ',' : *r == 'd' ? ':' : *r;
			r++;
		} else {
			*w++ = *r++;
		}
	}
	if (*r == stop && stop) {
		*w = '\0';
		return r + 1;
	}
	*w = '\0';
	return NULL;
}

static void c_list(strbuf *o, char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_putc(o, ',');
		c_escape(o, list[i]);
	}
}

static void c_scores_out(strbuf *o, bool present, const int *scores)
{
	int d;

	if (!present)
		return;
	for (d = 0; d < RUBRIC_DIMS; d++)
		sb_appendf(o, "%s%d", d ? "," : "", scores[d]);
}

static void c_field(strbuf *o, const char *s)
{
	sb_putc(o, '\t');
	c_escape(o, s);
}

static void c_stamp(char *buf, size_t size, const file_stamp *st)
{
	snprintf(buf, size, "%llu:%lld:%lld", st->ino, st->size, st->mtime_ns);
}

static void write_slot(strbuf *o, const char *file, const slot *s)
{
	const history_entry *e = &s->entry;
	char stamp[80];
	size_t i;

	c_stamp(stamp, sizeof(stamp), &s->stamp);
	sb_append(o, s->is_skip ? "S" : "E");
	c_field(o, file);
	sb_putc(o, '\t');
	sb_append(o, stamp);
	if (s->is_skip) {
		c_field(o, s->skip.reason);
		sb_putc(o, '\n');
		return;
	}
	c_field(o, e->id);
	c_field(o, e->kind);
	c_field(o, e->status);
	c_field(o, e->created);
	sb_putc(o, '\t');
	c_list(o, e->banks, e->n_banks);
	sb_putc(o, '\t');
	for (i = 0; i < e->n_questions; i++) {
		if (i)
			sb_putc(o, ',');
		c_escape(o, e->questions[i].id);
		sb_appendf(o, ":%d:%d", e->questions[i].quality, e->questions[i].red_flags);
	}
	sb_putc(o, '\t');
	c_scores_out(o, e->has_self, e->self);
	sb_putc(o, '\t');
	c_scores_out(o, e->has_scorer, e->scorer);
	sb_putc(o, '\t');
	c_scores_out(o, e->has_interviewer, e->interviewer);
	sb_putc(o, '\t');
	c_list(o, e->flags, e->n_flags);
	c_field(o, e->company);
	c_field(o, e->role);
	c_field(o, e->date);
	c_field(o, e->round);
	sb_putc(o, '\n');
}

/* One cached line split into its (still escaped) fields, pointing into the cache buffer. */
typedef struct cache_line {
	char *field[CACHE_MAX_FIELDS];
	int n;
} cache_line;

/* A list field: unescapes each item in place and appends copies. */
static void c_list_in(char *s, char ***list, size_t *n)
{
	while (s && *s) {
		char *item = s;

		s = c_unescape(s, ',');
		push_string(list, n, item);
	}
}

static bool c_scores_in(char *s, bool *present, int *scores)
{
	int d;

	if (!*s)
		return true;
	for (d = 0; d < RUBRIC_DIMS; d++) {
		if (*s < '0' || *s > '5')
			return false;
		scores[d] = *s++ - '0';
		if (d < RUBRIC_DIMS - 1 && *s++ != ',')
			return false;
	}
	*present = true;
	return *s == '\0';
}

static char *c_opt(char *s)
{
	c_unescape(s, '\0');
	return *s ? xstrdup(s) : NULL;
}

/* A cached line back into s; false when it is not well formed (then the file is read again). */
static bool read_cached(slot *s, cache_line *cl, const char *dir, const char *file, qtable *table)
{
	history_entry *e = &s->entry;
	char **f = cl->field, *q;
	long long when;

	if (f[0][0] == 'S') {
		if (cl->n != 4)
			return false;
		s->is_skip = true;
		s->skip.file = xstrdup(file);
		s->skip.path = fs_join(dir, file);
		c_unescape(f[3], '\0');
		s->skip.reason = xstrdup(f[3]);
		return true;
	}
	if (cl->n != 17)
		return false;
	e->file = xstrdup(file);
	e->path = fs_join(dir, file);
	e->id = c_opt(f[3]);
	e->kind = c_opt(f[4]);
	e->status = c_opt(f[5]);
	e->created = c_opt(f[6]);
	if (!e->id || !e->kind || !e->status)
		return false;
	if (!e->created)
		e->created = xstrdup("");
	when = history_parse_time(e->created);
	e->when = when > 0 ? (time_t)when : 0;
	c_list_in(f[7], &e->banks, &e->n_banks);
	for (q = f[8]; *q; q++)
		if (*q == ',')
			e->n_questions++;
	if (*f[8]) {
		size_t k = 0;

		e->questions = xcalloc(e->n_questions + 2, sizeof(*e->questions));
		for (q = f[8]; q && *q && k <= e->n_questions; k++) {
			history_question *hq = &e->questions[k];
			char *id = q, *end;

			q = c_unescape(q, ':');
			if (!q)
				return false;
			hq->id = qtable_get(table, id)->id;
			hq->quality = (int)strtol(q, &end, 10);
			if (*end != ':' || hq->quality < -1 || hq->quality > 5)
				return false;
			hq->red_flags = (int)strtol(end + 1, &end, 10);
			if (*end != ',' && *end != '\0')
				return false;
			q = *end ? end + 1 : NULL;
		}
		e->n_questions = k;
	}
	if (!c_scores_in(f[9], &e->has_self, e->self) || !c_scores_in(f[10], &e->has_scorer, e->scorer) ||
	    !c_scores_in(f[11], &e->has_interviewer, e->interviewer))
		return false;
	c_list_in(f[12], &e->flags, &e->n_flags);
	e->company = c_opt(f[13]);
	e->role = c_opt(f[14]);
	e->date = c_opt(f[15]);
	e->round = c_opt(f[16]);
	return true;
}

/*
 * Reads the cache: question lines into table, file lines into *lines,
 * mapped by file name. NULL when the cache is absent or not this format.
 * The lines point into *buf, which the caller frees after use.
 */
static strmap *load_cache(const char *cache_path, char **buf, cache_line **lines, qtable *table)
{
	size_t len = 0, n = 0, cap = 0;
	char *p, *nl;
	strmap *map;

	*buf = NULL;
	*lines = NULL;
	if (!cache_path || fs_read_file(cache_path, HISTORY_CACHE_MAX_BYTES, buf, &len, NULL) < 0)
		return NULL;
	if (strncmp(*buf, CACHE_MAGIC "\n", strlen(CACHE_MAGIC) + 1) != 0) {
		free(*buf);
		*buf = NULL;
		return NULL;
	}
	map = strmap_new();
	for (p = *buf + strlen(CACHE_MAGIC) + 1; *p; p = nl + 1) {
		cache_line cl;

		nl = strchr(p, '\n');
		if (!nl)
			break; /* a truncated last line: that file is read again */
		*nl = '\0';
		memset(&cl, 0, sizeof(cl));
		cl.field[cl.n++] = p;
		for (char *t = p; *t && cl.n < CACHE_MAX_FIELDS; t++)
			if (*t == '\t') {
				*t = '\0';
				cl.field[cl.n++] = t + 1;
			}
		if (p[0] == 'Q' && p[1] == '\0' && cl.n == 4) {
			qinfo *q;

			c_unescape(cl.field[1], '\0');
			q = qtable_get(table, cl.field[1]);
			if (!q->bank && *cl.field[2]) {
				c_unescape(cl.field[2], '\0');
				q->bank = xstrdup(cl.field[2]);
				c_list_in(cl.field[3], &q->tags, &q->n_tags);
			}
		} else if ((p[0] == 'E' || p[0] == 'S') && p[1] == '\0' && cl.n >= 3) {
			xgrow((void **)lines, &cap, n + 1, sizeof(**lines));
			(*lines)[n++] = cl;
		}
	}
	/* the map stores indexes + 1: *lines may have moved while it grew */
	for (size_t i = 0; i < n; i++) {
		c_unescape((*lines)[i].field[1], '\0');
		strmap_put(map, (*lines)[i].field[1], (void *)(uintptr_t)(i + 1));
	}
	return map;
}

static bool stamp_matches(const cache_line *cl, const file_stamp *st)
{
	char now[80];

	c_stamp(now, sizeof(now), st);
	return strcmp(cl->field[2], now) == 0;
}

/* ---- loading ---- */

static bool ignored_name(const char *name)
{
	/* dot files, and the temporary files of an atomic save in progress */
	return name[0] == '.' || strstr(name, ".tmp.") != NULL;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int entry_cmp(const void *a, const void *b)
{
	const history_entry *x = a, *y = b;
	int c = strcmp(y->created, x->created);

	return c ? c : strcmp(y->id, x->id);
}

static void write_cache(history *h, const char *cache_path, char **names, const slot *slots, size_t n)
{
	strbuf o = STRBUF_INIT;
	grill_err err = GRILL_ERR_INIT;
	size_t i;

	sb_append(&o, CACHE_MAGIC "\n");
	for (i = 0; i < h->questions.n; i++) {
		const qinfo *q = h->questions.items[i];

		sb_append(&o, "Q");
		c_field(&o, q->id);
		c_field(&o, q->bank);
		sb_putc(&o, '\t');
		c_list(&o, q->tags, q->n_tags);
		sb_putc(&o, '\n');
	}
	for (i = 0; i < n; i++)
		write_slot(&o, names[i], &slots[i]);
	if (fs_write_atomic(cache_path, o.buf, o.len, 0600, &err) < 0)
		h->cache_problem = xstrdup(err_msg(&err));
	err_clear(&err);
	sb_free(&o);
}

history *history_load(const char *dir, const char *cache_path, const history_lookup *lookup, grill_err *err)
{
	history *h = xcalloc(1, sizeof(*h));
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i, cached = 0;
	slot *slots;
	char *cache_buf = NULL;
	cache_line *cache_lines = NULL;
	strmap *cache;
	bool changed = false;

	h->questions.by_id = NULL;
	if (!d) {
		if (errno == ENOENT) {
			h->questions.by_id = strmap_new();
			return h;
		}
		err_set(err, "%s: cannot read the sessions folder: %s", dir, strerror(errno));
		free(h);
		return NULL;
	}
	while ((de = readdir(d))) {
		if (ignored_name(de->d_name))
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	slots = xcalloc(n + 1, sizeof(*slots));
	h->questions.by_id = strmap_new();
	cache = load_cache(cache_path, &cache_buf, &cache_lines, &h->questions);
	if (cache_path && !cache)
		changed = true;
	{
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		size_t kept = 0;

		for (i = 0; i < n; i++) {
			struct stat st;
			slot *s = &slots[kept];
			cache_line *hit = NULL;
			size_t at;

			if (dfd < 0 || fstatat(dfd, names[i], &st, 0) < 0 || !S_ISREG(st.st_mode)) {
				free(names[i]);
				continue;
			}
			names[kept] = names[i];
			s->stamp.ino = (unsigned long long)st.st_ino;
			s->stamp.size = (long long)st.st_size;
			s->stamp.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
			at = cache ? (size_t)(uintptr_t)strmap_get(cache, names[kept]) : 0;
			if (at)
				hit = &cache_lines[at - 1];
			if (hit && stamp_matches(hit, &s->stamp) && read_cached(s, hit, dir, names[kept], &h->questions)) {
				cached++;
			} else {
				if (hit)
					slot_free(s);
				memset(&s->entry, 0, sizeof(s->entry));
				memset(&s->skip, 0, sizeof(s->skip));
				s->is_skip = false;
				read_slot(s, dir, names[kept], lookup, &h->questions);
				h->parsed++;
				changed = true;
			}
			kept++;
		}
		if (dfd >= 0)
			close(dfd);
		n = kept;
	}
	if (cache && strmap_count(cache) != cached)
		changed = true; /* files were removed */
	if (cache_path && changed)
		write_cache(h, cache_path, names, slots, n);
	strmap_free(cache);
	free(cache_lines);
	free(cache_buf);
	h->entries = xcalloc(n + 1, sizeof(*h->entries));
	h->skips = xcalloc(n + 1, sizeof(*h->skips));
	for (i = 0; i < n; i++) {
		slot *s = &slots[i];

		if (s->is_skip) {
			h->skips[h->n_skips++] = s->skip;
		} else {
			history_entry *e = &h->entries[h->n_entries++];
			size_t k;

			*e = s->entry;
			for (k = 0; k < e->n_questions; k++) {
				const qinfo *q = strmap_get(h->questions.by_id, e->questions[k].id);

				e->questions[k].bank = q->bank;
				e->questions[k].tags = q->tags;
				e->questions[k].n_tags = q->n_tags;
			}
		}
		free(names[i]);
	}
	free(names);
	free(slots);
	if (h->n_entries > 1)
		qsort(h->entries, h->n_entries, sizeof(*h->entries), entry_cmp);
	return h;
}

char *history_cache_path(void)
{
	char *home = paths_home();
	char *path = fs_join(home, "history.cache");

	free(home);
	return path;
}

history *history_load_default(const history_lookup *lookup, grill_err *err)
{
	char *dir = paths_sessions_dir(), *cache = history_cache_path();
	history *h = history_load(dir, cache, lookup, err);

	free(dir);
	free(cache);
	return h;
}

void history_free(history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->n_entries; i++)
		entry_free(&h->entries[i]);
	for (i = 0; i < h->n_skips; i++)
		skip_free(&h->skips[i]);
	free(h->entries);
	free(h->skips);
	free(h->cache_problem);
	qtable_free(&h->questions);
	free(h);
}

size_t history_count(const history *h)
{
	return h->n_entries;
}

const history_entry *history_get(const history *h, size_t i)
{
	return i < h->n_entries ? &h->entries[i] : NULL;
}

size_t history_skipped_count(const history *h)
{
	return h->n_skips;
}

const history_skip *history_skipped(const history *h, size_t i)
{
	return i < h->n_skips ? &h->skips[i] : NULL;
}

size_t history_files_parsed(const history *h)
{
	return h->parsed;
}

const char *history_cache_problem(const history *h)
{
	return h->cache_problem;
}

bool history_entry_matches(const history_entry *e, const history_filter *f)
{
	if (f->kind && strcmp(e->kind, f->kind) != 0)
		return false;
	if (f->bank && !has_string(e->banks, e->n_banks, f->bank))
		return false;
	if (f->since && strncmp(e->created, f->since, 10) < 0)
		return false;
	if (f->until && strncmp(e->created, f->until, 10) > 0)
		return false;
	return true;
}
