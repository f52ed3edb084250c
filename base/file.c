/* Whole-file reading, path helpers, clocks and memory statistics. */
#include "base/base.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#define BASE_MAX_FILE (1024ull * 1024 * 1024)

static enum base_status read_stream(FILE *f, struct base_buf *out)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->len + n > BASE_MAX_FILE)
			return BASE_ERR_TOO_LARGE;
		base_buf_append(out, chunk, n);
	}
	if (ferror(f))
		return BASE_ERR_IO;
	base_buf_reserve(out, 0);
	return BASE_OK;
}

enum base_status base_read_file(const char *path, struct base_buf *out)
{
	if (strcmp(path, "-") == 0)
		return read_stream(stdin, out);
	struct stat st;
	if (stat(path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR ? BASE_ERR_NOT_FOUND : BASE_ERR_IO;
	if (S_ISDIR(st.st_mode))
		return BASE_ERR_IS_DIR;
	if ((unsigned long long)st.st_size > BASE_MAX_FILE)
		return BASE_ERR_TOO_LARGE;
	FILE *f = fopen(path, "rb");
	if (!f)
		return BASE_ERR_IO;
	base_buf_reserve(out, (size_t)st.st_size);
	enum base_status s = read_stream(f, out);
	fclose(f);
	return s;
}

const char *base_status_str(enum base_status s)
{
	switch (s) {
	case BASE_OK:
		return "ok";
	case BASE_ERR_NOT_FOUND:
		return "no such file";
	case BASE_ERR_IO:
		return "cannot read file";
	case BASE_ERR_IS_DIR:
		return "is a directory";
	case BASE_ERR_TOO_LARGE:
		return "file too large (over 1 GiB)";
	}
	return "unknown error";
}

char *base_path_resolve(struct base_arena *a, const char *base_dir, const char *rel, size_t rel_len)
{
	if ((rel_len > 0 && rel[0] == '/') || !base_dir || !*base_dir)
		return base_arena_strndup(a, rel, rel_len);
	return base_arena_printf(a, "%s/%.*s", base_dir, (int)rel_len, rel);
}

char *base_path_dirname(struct base_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return base_arena_strdup(a, ".");
	if (slash == path)
		return base_arena_strdup(a, "/");
	return base_arena_strndup(a, path, (size_t)(slash - path));
}

uint64_t base_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

size_t base_peak_rss(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (size_t)ru.ru_maxrss * 1024;
}
