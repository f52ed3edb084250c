/* reftest_path.c — lexical path handling, so that the same file reached by
 * different routes ("a/../b/x.html", "b/x.html") is one page. */
#include "shell/cli/reftest.h"

#include <string.h>
#include <sys/stat.h>

char *reftest_path_normalize(struct base_arena *a, const char *path, size_t len)
{
	bool absolute = len > 0 && path[0] == '/';
	/* Segments as (start, length) in the input; at most len/1 of them. */
	size_t cap = len / 2 + 2;
	const char **seg = base_arena_alloc(a, cap * sizeof(*seg));
	size_t *seg_len = base_arena_alloc(a, cap * sizeof(*seg_len));
	size_t count = 0, leading_up = 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && path[i] == '/')
			i++;
		size_t start = i;
		while (i < len && path[i] != '/')
			i++;
		size_t n = i - start;
		if (n == 0 || (n == 1 && path[start] == '.'))
			continue;
		if (n == 2 && path[start] == '.' && path[start + 1] == '.') {
			if (count > leading_up) {
				count--;
				continue;
			}
			if (absolute)
				continue; /* "/.." is "/" */
			leading_up++;
		}
		seg[count] = path + start;
		seg_len[count] = n;
		count++;
	}
	struct base_buf b = {0};
	if (absolute)
		base_buf_putc(&b, '/');
	for (size_t k = 0; k < count; k++) {
		if (k)
			base_buf_putc(&b, '/');
		base_buf_append(&b, seg[k], seg_len[k]);
	}
	if (b.len == 0)
		base_buf_putc(&b, '.');
	char *out = base_arena_strndup(a, b.data, b.len);
	base_buf_free(&b);
	return out;
}

char *reftest_path_join(struct base_arena *a, const char *dir, const char *rel, size_t rel_len)
{
	char *joined = base_path_resolve(a, dir, rel, rel_len);
	return reftest_path_normalize(a, joined, strlen(joined));
}

const char *reftest_path_relative(const char *path, const char *base)
{
	if (!base || !*base || strcmp(base, ".") == 0)
		return path;
	size_t n = strlen(base);
	if (strncmp(path, base, n) == 0) {
		if (path[n] == '/')
			return path + n + 1;
		if (n > 0 && base[n - 1] == '/')
			return path + n;
	}
	return path;
}

bool reftest_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool reftest_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}
