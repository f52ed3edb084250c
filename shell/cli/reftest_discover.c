/* reftest_discover.c — finds reftests the way WPT's manifest tool does
 * (tools/manifest/sourcefile.py): any HTML/XHTML file with a
 * <link rel=match|mismatch> is a test, unless its name marks it as a
 * reference or it lives in a support directory. References are read too,
 * so that chains (a reference with references of its own) are followed. */
#include "shell/cli/reftest.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Links and metas are in the head in practice; a bounded prefix keeps
 * discovery cheap on large pages. */
#define SCAN_LIMIT (256 * 1024)
#define MAX_LINKS 16
#define MAX_DIR_DEPTH 32

static bool ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && base_ascii_ieq_lit(s + n - k, k, suffix);
}

bool reftest_is_html_name(const char *path)
{
	size_t n = strlen(path);
	return ends_with_ci(path, n, ".html") || ends_with_ci(path, n, ".htm") || ends_with_ci(path, n, ".xht") ||
	       ends_with_ci(path, n, ".xhtml");
}

/* WPT: reference_file_re = (^|[-_])(not)?ref[0-9]*([-_]|$) on the file name
 * without its extension, or a "reference" directory. */
bool reftest_name_is_reference(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *file = slash ? slash + 1 : path;
	const char *dot = strrchr(file, '.');
	size_t n = dot ? (size_t)(dot - file) : strlen(file);
	if (strstr(path, "/reference/") || strncmp(path, "reference/", 10) == 0)
		return true;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && file[i - 1] != '-' && file[i - 1] != '_')
			continue;
		size_t j = i;
		if (j + 3 <= n && memcmp(file + j, "not", 3) == 0)
			j += 3;
		if (j + 3 > n || memcmp(file + j, "ref", 3) != 0)
			continue;
		j += 3;
		while (j < n && file[j] >= '0' && file[j] <= '9')
			j++;
		if (j == n || file[j] == '-' || file[j] == '_')
			return true;
	}
	return false;
}

bool reftest_in_non_test_dir(const char *path)
{
	static const char *const dirs[] = {"resources", "support", "tools"};
	const char *p = path;
	while (*p) {
		const char *slash = strchr(p, '/');
		if (!slash)
			return false; /* the last component is the file */
		size_t n = (size_t)(slash - p);
		for (size_t i = 0; i < BASE_ARRAY_LEN(dirs); i++) {
			if (n == strlen(dirs[i]) && memcmp(p, dirs[i], n) == 0)
				return true;
		}
		p = slash + 1;
	}
	return false;
}

struct scan_result {
	struct reftest_tag links[MAX_LINKS];
	size_t link_count;
	struct {
		const char *url;
		size_t url_len;
		struct reftest_fuzzy fuzzy;
	} metas[MAX_LINKS];
	size_t meta_count;
	size_t bad_fuzzy;
};

static void on_tag(void *ctx, const struct reftest_tag *t)
{
	struct scan_result *r = ctx;
	if (t->is_link) {
		if (!t->rel || !t->href)
			return;
		if (!reftest_has_token(t->rel, t->rel_len, "match") && !reftest_has_token(t->rel, t->rel_len, "mismatch"))
			return;
		if (r->link_count < MAX_LINKS)
			r->links[r->link_count++] = *t;
		return;
	}
	if (!t->name || !t->content || !base_ascii_ieq_lit(t->name, t->name_len, "fuzzy"))
		return;
	if (r->meta_count >= MAX_LINKS)
		return;
	if (reftest_fuzzy_parse(t->content, t->content_len, &r->metas[r->meta_count].fuzzy,
				&r->metas[r->meta_count].url, &r->metas[r->meta_count].url_len))
		r->meta_count++;
	else
		r->bad_fuzzy++;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = base_ascii_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A URL as written in a page -> a file path: drops fragment and query,
 * decodes %XX, resolves root-relative URLs against the suite root.
 * NULL for URLs of other schemes. */
static char *url_to_path(struct reftest_suite *s, const char *dir, const char *url, size_t len)
{
	while (len > 0 && base_is_ascii_ws(*url)) {
		url++;
		len--;
	}
	while (len > 0 && base_is_ascii_ws(url[len - 1]))
		len--;
	for (size_t i = 0; i < len; i++) {
		if (url[i] == '#' || url[i] == '?') {
			len = i;
			break;
		}
	}
	if (len >= 7 && base_ascii_ieq_lit(url, 7, "file://")) {
		url += 7;
		len -= 7;
	} else {
		for (size_t i = 0; i < len && url[i] != '/'; i++) {
			if (url[i] == ':')
				return NULL;
		}
	}
	struct base_buf b = {0};
	for (size_t i = 0; i < len; i++) {
		int h1, h2;
		if (url[i] == '%' && i + 2 < len && (h1 = hex_value(url[i + 1])) >= 0 &&
		    (h2 = hex_value(url[i + 2])) >= 0) {
			base_buf_putc(&b, (char)(h1 * 16 + h2));
			i += 2;
		} else {
			base_buf_putc(&b, url[i]);
		}
	}
	char *path;
	if (b.len > 0 && b.data[0] == '/' && s->root)
		path = reftest_path_join(&s->arena, s->root, b.data + 1, b.len - 1);
	else
		path = reftest_path_join(&s->arena, dir, b.data ? b.data : "", b.len);
	base_buf_free(&b);
	return path;
}

bool reftest_scan_node_text(struct reftest_suite *s, struct reftest_node *node, const char *text, size_t len,
			    const char *base)
{
	struct scan_result *r = calloc(1, sizeof(*r));
	if (!r)
		base_oom();
	reftest_scan_tags(text, len, on_tag, r);
	if (r->bad_fuzzy)
		reftest_suite_problem(s, "%s: malformed <meta name=fuzzy> ignored", node->name);
	char *dir = base_path_dirname(&s->arena, node->path);
	const char *meta_path[MAX_LINKS];
	for (size_t i = 0; i < r->meta_count; i++)
		meta_path[i] = r->metas[i].url ? url_to_path(s, dir, r->metas[i].url, r->metas[i].url_len) : NULL;
	struct reftest_node *refs[MAX_LINKS];
	size_t ref_count = 0;
	for (size_t i = 0; i < r->link_count; i++) {
		const struct reftest_tag *t = &r->links[i];
		char *path = url_to_path(s, dir, t->href, t->href_len);
		if (!path) {
			reftest_suite_problem(s, "%s: reference %.*s is not a local file", node->name, (int)t->href_len,
					      t->href);
			continue;
		}
		enum reftest_rel rel =
			reftest_has_token(t->rel, t->rel_len, "mismatch") ? REFTEST_MISMATCH : REFTEST_MATCH;
		struct reftest_node *ref = reftest_suite_node(s, path, base);
		/* A fuzzy meta naming this reference wins over a general one. */
		const struct reftest_fuzzy *fz = NULL;
		for (size_t k = 0; k < r->meta_count && !fz; k++) {
			if (!r->metas[k].url)
				fz = &r->metas[k].fuzzy;
		}
		for (size_t k = 0; k < r->meta_count; k++) {
			if (meta_path[k] && strcmp(meta_path[k], ref->path) == 0)
				fz = &r->metas[k].fuzzy;
		}
		reftest_suite_add_edge(s, node, rel, ref, fz);
		refs[ref_count++] = ref;
	}
	free(r);
	/* Follow the chain: the references' own references. */
	for (size_t i = 0; i < ref_count; i++) {
		if (!refs[i]->scanned)
			reftest_scan_node(s, refs[i], base);
	}
	return ref_count > 0;
}

bool reftest_scan_node(struct reftest_suite *s, struct reftest_node *node, const char *base)
{
	if (node->scanned)
		return node->edges != NULL;
	node->scanned = true;
	FILE *f = fopen(node->path, "rb");
	if (!f) {
		node->load_error = base_arena_printf(&s->arena, "cannot open %s", node->path);
		return false;
	}
	char *buf = malloc(SCAN_LIMIT);
	if (!buf)
		base_oom();
	size_t n = fread(buf, 1, SCAN_LIMIT, f);
	fclose(f);
	bool has = reftest_scan_node_text(s, node, buf, n, base);
	free(buf);
	return has;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void walk(struct reftest_suite *s, const char *dir, const char *base, int depth)
{
	if (depth > MAX_DIR_DEPTH)
		return;
	DIR *d = opendir(dir);
	if (!d) {
		reftest_suite_problem(s, "%s: cannot read directory", dir);
		return;
	}
	struct base_vec names = {0};
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		base_vec_push(&names, base_arena_strdup(&s->arena, de->d_name));
	}
	closedir(d);
	if (names.len > 1)
		qsort(names.items, names.len, sizeof(void *), cmp_str);
	for (size_t i = 0; i < names.len; i++) {
		const char *name = names.items[i];
		char *path = reftest_path_join(&s->arena, dir, name, strlen(name));
		if (reftest_is_dir(path)) {
			walk(s, path, base, depth + 1);
			continue;
		}
		if (!reftest_is_html_name(path))
			continue;
		const char *rel = reftest_path_relative(path, base);
		if (reftest_name_is_reference(rel) || reftest_in_non_test_dir(rel))
			continue;
		struct reftest_node *node = reftest_suite_node(s, path, base);
		if (reftest_scan_node(s, node, base)) {
			char *area = base_path_dirname(&s->arena, node->name);
			node->area = strcmp(area, ".") == 0 ? "" : area;
			reftest_suite_add_test(s, node);
		}
	}
	base_vec_free(&names);
}

void reftest_discover_dir(struct reftest_suite *s, const char *dir, const char *base)
{
	walk(s, reftest_path_normalize(&s->arena, dir, strlen(dir)), base, 0);
}
