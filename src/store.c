#include "grill/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grill/fsutil.h"
#include "grill/paths.h"
#include "grill/strbuf.h"
#include "grill/transcript.h"
#include "grill/xalloc.h"

char *store_new_id(void)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	unsigned int rnd = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (read(fd, &rnd, sizeof(rnd)) != (ssize_t)sizeof(rnd))
			rnd = 0;
		close(fd);
	}
	if (rnd == 0)
		rnd = (unsigned int)getpid() ^ (unsigned int)now;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	return xasprintf("%s-%04x", stamp, rnd & 0xffff);
}

char *store_path_for(const char *id)
{
	char *dir = paths_sessions_dir();
	char *name = xasprintf("%s.json", id);
	char *path = fs_join(dir, name);

	free(dir);
	free(name);
	return path;
}

static char *id_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	return xstrndup(base, n);
}

char *store_resolve(const char *ref, grill_err *err)
{
	char *dir, **files = NULL, *hit = NULL;
	long n, i, matches = 0;
	strbuf names = STRBUF_INIT;

	if (strchr(ref, '/') || (fs_is_file(ref) && strstr(ref, ".json"))) {
		if (fs_is_file(ref))
			return xstrdup(ref);
		err_set(err, "%s: no such file", ref);
		return NULL;
	}
	dir = paths_sessions_dir();
	n = fs_list(dir, ".json", &files, NULL);
	if (n <= 0) {
		err_set(err, "no sessions yet in %s", dir);
		free(dir);
		fs_list_free(files, n < 0 ? 0 : n);
		return NULL;
	}
	if (strcmp(ref, "latest") == 0) {
		/* the newest file that is a session: corrupt or foreign files are passed over */
		for (i = n - 1; i >= 0 && !hit; i--) {
			transcript *t = transcript_load(files[i], NULL);

			if (t && (strcmp(t->kind, "solo") == 0 || strcmp(t->kind, "pair") == 0 || strcmp(t->kind, "debrief") == 0))
				hit = xstrdup(files[i]);
			transcript_free(t);
		}
		matches = hit ? 1 : 0;
	} else {
		for (i = 0; i < n; i++) {
			char *id = id_of(files[i]);

			if (strcmp(id, ref) == 0) {
				free(hit);
				hit = xstrdup(files[i]);
				matches = 1;
				free(id);
				break;
			}
			if (strncmp(id, ref, strlen(ref)) == 0) {
				matches++;
				if (!hit)
					hit = xstrdup(files[i]);
				if (matches <= 5)
					sb_appendf(&names, "%s%s", matches > 1 ? ", " : "", id);
			}
			free(id);
		}
	}
	if (matches == 0)
		err_set(err, "no session matches '%s' in %s ('grill history' lists them)", ref, dir);
	else if (matches > 1)
		err_set(err, "'%s' matches %ld sessions (%s%s); give more of the id", ref, matches, sb_str(&names),
		        matches > 5 ? ", ..." : "");
	if (matches != 1) {
		free(hit);
		hit = NULL;
	}
	sb_free(&names);
	fs_list_free(files, n);
	free(dir);
	return hit;
}

char *store_latest_unfinished(const char *kind, grill_err *err)
{
	char *dir = paths_sessions_dir(), **files = NULL, *hit = NULL;
	long n = fs_list(dir, ".json", &files, NULL), i;

	for (i = n - 1; i >= 0 && !hit; i--) {
		transcript *t = transcript_load(files[i], NULL);

		if (t && strcmp(t->status, "in_progress") == 0 && (!kind || strcmp(t->kind, kind) == 0))
			hit = xstrdup(files[i]);
		transcript_free(t);
	}
	if (!hit)
		err_set(err, "no unfinished %s%ssession in %s", kind ? kind : "", kind ? " " : "", dir);
	fs_list_free(files, n < 0 ? 0 : n);
	free(dir);
	return hit;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int store_write_new(const char *path, const char *data, size_t len, grill_err *err)
{
	char *tmp = xasprintf("%s.new-XXXXXX", path);
	int fd = mkstemp(tmp), saved, rc = -1;

	if (fd < 0) {
		err_set(err, "%s: cannot create a temporary file next to it: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		saved = errno;
		close(fd);
		err_set(err, "%s: cannot write: %s", tmp, strerror(saved));
		goto out;
	}
	if (close(fd) < 0) {
		err_set(err, "%s: cannot write: %s", tmp, strerror(errno));
		goto out;
	}
	/* link() never replaces an existing file, unlike rename() */
	if (link(tmp, path) < 0) {
		if (errno == EEXIST)
			err_set(err, "%s: exists already; nothing was overwritten", path);
		else
			err_set(err, "%s: cannot create: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	unlink(tmp);
	free(tmp);
	return rc;
}

bool store_valid_id(const char *id)
{
	const char *c;

	if (!*id || *id == '.' || strlen(id) > 128)
		return false;
	for (c = id; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' ||
		      *c == '_' || *c == '.'))
			return false;
	return true;
}

int store_claim_new(transcript *t, grill_err *err)
{
	int attempt;

	for (attempt = 0; attempt < 100; attempt++) {
		strbuf json = STRBUF_INIT;
		int rc;

		free(t->id);
		free(t->path);
		t->id = store_new_id();
		t->path = store_path_for(t->id);
		free(t->updated);
		t->updated = transcript_now();
		transcript_write_json(t, &json);
		err_clear(err);
		rc = store_write_new(t->path, json.buf, json.len, err);
		sb_free(&json);
		if (rc == 0)
			return 0;
		if (!fs_is_file(t->path))
			return -1; /* not a clash: the folder cannot be written */
	}
	return -1;
}

int store_import(const char *src, char **id, grill_err *err)
{
	transcript *t = transcript_load(src, err);
	char *buf = NULL, *dir = NULL, *dest = NULL;
	size_t len = 0;
	int rc = -1;

	*id = NULL;
	if (!t)
		return -1;
	if (!t->id) {
		err_set(err, "%s: has no \"id\": not a grill session (grill assess reads other transcripts)", src);
		goto out;
	}
	if (!store_valid_id(t->id)) {
		err_set(err, "%s: id: \"%s\" is not a session id (letters, digits, '-', '_' and '.' only)", src, t->id);
		goto out;
	}
	if (fs_read_file(src, TRANSCRIPT_MAX_FILE_BYTES, &buf, &len, err) < 0)
		goto out;
	dir = paths_ensure_sessions_dir(err);
	if (!dir)
		goto out;
	dest = store_path_for(t->id);
	if (fs_is_file(dest)) {
		err_set(err, "session %s is already in %s; nothing was changed", t->id, dir);
		goto out;
	}
	if (store_write_new(dest, buf, len, err) < 0)
		goto out;
	*id = xstrdup(t->id);
	rc = 0;
out:
	free(dest);
	free(dir);
	free(buf);
	transcript_free(t);
	return rc;
}
