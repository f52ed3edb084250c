/* URL resolution for local documents: https://url.spec.whatwg.org/ reduced
 * to what a file-only engine needs (schemes, root-relative paths, dot
 * segments, percent-decoding). */
#include "shell/api/url.h"

#include <stdlib.h>
#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..n) into the buffer. */
static void percent_decode(struct base_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			base_buf_putc(b, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
			i += 2;
		} else {
			base_buf_putc(b, s[i]);
		}
	}
}

/* Removes "." and ".." segments of an absolute or relative path in place. */
static void remove_dot_segments(struct base_buf *b)
{
	char *src = b->data;
	size_t n = b->len;
	bool absolute = n > 0 && src[0] == '/';
	struct base_buf out = {0};
	size_t *starts = base_xmalloc((n + 1) * sizeof *starts);
	size_t depth = 0, i = 0;
	if (absolute)
		base_buf_putc(&out, '/');
	while (i < n) {
		size_t j = i;
		while (j < n && src[j] != '/')
			j++;
		size_t seg = j - i;
		if ((seg == 1 && src[i] == '.') || seg == 0) {
			/* nothing */
		} else if (seg == 2 && src[i] == '.' && src[i + 1] == '.') {
			if (depth > 0) {
				out.len = starts[--depth];
				out.data[out.len] = '\0';
			} else if (!absolute) {
				base_buf_puts(&out, "../");
			}
		} else {
			starts[depth++] = out.len;
			base_buf_append(&out, src + i, seg);
			if (j < n)
				base_buf_putc(&out, '/');
		}
		i = j + 1;
	}
	free(starts);
	base_buf_clear(b);
	if (out.len)
		base_buf_append(b, out.data, out.len);
	else
		base_buf_puts(b, absolute ? "/" : ".");
	base_buf_free(&out);
}

enum shell_url_kind shell_url_resolve(struct base_arena *a, const char *root_dir, const char *base_path,
				      const char *url, size_t len, const char **out, char *fragment,
				      size_t fragment_size)
{
	*out = NULL;
	if (fragment && fragment_size)
		fragment[0] = '\0';
	/* Leading and trailing C0 controls and spaces are stripped by URL parsing. */
	while (len && (unsigned char)url[0] <= ' ') {
		url++;
		len--;
	}
	while (len && (unsigned char)url[len - 1] <= ' ')
		len--;
	if (len >= 5 && base_ascii_ieq(url, 5, "data:", 5)) {
		*out = base_arena_strndup(a, url, len);
		return SHELL_URL_DATA;
	}
	/* A scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	size_t k = 0;
	while (k < len && ((url[k] >= 'a' && url[k] <= 'z') || (url[k] >= 'A' && url[k] <= 'Z') ||
			   (k > 0 && ((url[k] >= '0' && url[k] <= '9') || url[k] == '+' || url[k] == '-' || url[k] == '.'))))
		k++;
	bool is_file_url = false;
	if (k > 1 && k < len && url[k] == ':') {
		if (!base_ascii_ieq(url, k, "file", 4))
			return SHELL_URL_NETWORK;
		is_file_url = true;
		url += k + 1;
		len -= k + 1;
		if (len >= 2 && url[0] == '/' && url[1] == '/') {
			/* file://host/path: only the empty host and localhost are local. */
			size_t h = 2;
			while (h < len && url[h] != '/')
				h++;
			if (h != 2 && !base_ascii_ieq(url + 2, h - 2, "localhost", 9))
				return SHELL_URL_NETWORK;
			url += h;
			len -= h;
		}
	}
	size_t path_len = 0;
	while (path_len < len && url[path_len] != '?' && url[path_len] != '#')
		path_len++;
	const char *hash = memchr(url, '#', len);
	if (hash && fragment && fragment_size) {
		size_t fl = (size_t)(url + len - hash - 1);
		struct base_buf fb = {0};
		percent_decode(&fb, hash + 1, fl);
		size_t copy = BASE_MIN(fb.len, fragment_size - 1);
		if (copy)
			memcpy(fragment, fb.data, copy);
		fragment[copy] = '\0';
		base_buf_free(&fb);
	}
	struct base_buf b = {0};
	if (path_len == 0) {
		/* "#frag" or "?q": the document itself. */
		if (!base_path || !*base_path) {
			*out = NULL;
			return SHELL_URL_EMPTY;
		}
		base_buf_puts(&b, base_path);
	} else if (url[0] == '/') {
		if (!is_file_url && root_dir && *root_dir)
			base_buf_puts(&b, root_dir);
		percent_decode(&b, url, path_len);
	} else {
		if (base_path && *base_path) {
			const char *slash = strrchr(base_path, '/');
			if (slash)
				base_buf_append(&b, base_path, (size_t)(slash - base_path + 1));
		}
		percent_decode(&b, url, path_len);
	}
	remove_dot_segments(&b);
	*out = base_arena_strndup(a, b.data, b.len);
	base_buf_free(&b);
	return SHELL_URL_FILE;
}
