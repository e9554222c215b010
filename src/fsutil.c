/* DT_REG and d_type in readdir entries are not POSIX */
#define _DEFAULT_SOURCE 1

#include "grill/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grill/xalloc.h"

int fs_read_file(const char *path, size_t max, char **out, size_t *len, grill_err *err)
{
	struct stat st;
	size_t cap, n = 0;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		err_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		err_set(err, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(err, "%s: %s", path, S_ISDIR(st.st_mode) ? "is a folder, not a file" : "not a regular file");
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > max) {
		err_set(err, "%s: file is %lld bytes, over the %zu byte limit", path, (long long)st.st_size, max);
		close(fd);
		return -1;
	}
	cap = (size_t)st.st_size + 1;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			if (cap > max + 1) {
				err_set(err, "%s: file grew over the %zu byte limit while reading", path, max);
				free(buf);
				close(fd);
				return -1;
			}
			buf = xrealloc(buf, cap *= 2);
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err_set(err, "%s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n > max) {
		err_set(err, "%s: file is over the %zu byte limit", path, max);
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	if (len)
		*len = n;
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int write_via_temp(const char *path, const char *data, size_t len, mode_t mode, bool sync, grill_err *err)
{
	char *dir = dir_of(path);
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd, dfd, saved;

	fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(err, "%s: cannot create a temporary file in %s: %s", path, dir, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 || (sync && fsync(fd) < 0)) {
		saved = errno;
		close(fd);
		unlink(tmp);
		err_set(err, "%s: %s", path, strerror(saved));
		goto fail;
	}
	if (close(fd) < 0) {
		saved = errno;
		unlink(tmp);
		err_set(err, "%s: %s", path, strerror(saved));
		goto fail;
	}
	if (rename(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		err_set(err, "%s: %s", path, strerror(saved));
		goto fail;
	}
	dfd = sync ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	free(tmp);
	return 0;
fail:
	free(dir);
	free(tmp);
	return -1;
}

int fs_write_atomic(const char *path, const char *data, size_t len, mode_t mode, grill_err *err)
{
	return write_via_temp(path, data, len, mode, true, err);
}

int fs_write_replace(const char *path, const char *data, size_t len, mode_t mode, grill_err *err)
{
	return write_via_temp(path, data, len, mode, false, err);
}

int fs_mkdir_p(const char *path, mode_t mode, grill_err *err)
{
	char *p = xstrdup(path);
	char *s;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char saved = *s;

			*s = '\0';
			if (mkdir(p, mode) < 0 && errno != EEXIST) {
				err_set(err, "%s: cannot create folder: %s", p, strerror(errno));
				free(p);
				return -1;
			}
			*s = saved;
			if (saved == '\0')
				break;
		}
	}
	free(p);
	if (!fs_is_dir(path)) {
		err_set(err, "%s: exists and is not a folder", path);
		return -1;
	}
	return 0;
}

bool fs_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *fs_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

long fs_list(const char *dir, const char *suffix, char ***out, grill_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **list = NULL;
	size_t n = 0, cap = 0, slen = strlen(suffix);

	if (!d) {
		err_set(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		char *full;

		if (de->d_name[0] == '.' || len < slen || strcmp(de->d_name + len - slen, suffix) != 0)
			continue;
		full = fs_join(dir, de->d_name);
#ifdef DT_REG
		/* the folder says what most entries are; links and the unknown are looked up */
		if (de->d_type != DT_REG && !fs_is_file(full)) {
#else
		if (!fs_is_file(full)) {
#endif
			free(full);
			continue;
		}
		xgrow((void **)&list, &cap, n + 1, sizeof(*list));
		list[n++] = full;
	}
	closedir(d);
	if (n > 1)
		qsort(list, n, sizeof(*list), cmp_str);
	*out = list;
	return (long)n;
}

void fs_list_free(char **list, long n)
{
	long i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}
