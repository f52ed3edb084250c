/* html5lib-tests tree construction: every .dat file under
 * tree-construction/. #script-on tests run with the scripting flag set
 * (noscript is raw text then), except those under scripted/, which need a
 * script engine (document.write). Prints a count per file and fails on any
 * mismatch. */
#include "support/test_support.h"

#include "html/html.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dat_test {
	struct base_buf data;
	struct base_buf document;
	char fragment[64];
	bool has_fragment;
	bool script_on;
	bool script_off;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The line starting at p (up to, not including, "\n"); advances *next. */
static size_t line_len(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? (size_t)(nl - p) : (size_t)(end - p);
}

static bool run_one(const char *file, int index, struct dat_test *t, bool verbose)
{
	struct html_parse_options opt = {0};
	opt.scripting = t->script_on;
	if (t->has_fragment)
		opt.fragment_context = t->fragment;
	const char *why = NULL;
	struct html_document *doc = html_parse(t->data.data ? t->data.data : "", t->data.len, &opt, &why);
	if (!doc) {
		printf("%s #%d: parse refused: %s\n", file, index, why);
		return false;
	}
	/* elements[] is every element outside template contents, in tree order. */
	size_t k = 0;
	bool order_ok = true;
	for (const struct html_node *n = doc->root; n;) {
		if (n->type == HTML_NODE_ELEMENT) {
			if (k >= doc->element_count || doc->elements[k] != n || n->element_index != k)
				order_ok = false;
			k++;
		}
		if (n->first_child) {
			n = n->first_child;
			continue;
		}
		while (n && !n->next_sibling)
			n = n->parent;
		if (n)
			n = n->next_sibling;
	}
	if (k != doc->element_count || !order_ok) {
		printf("%s #%d: elements[] not in tree order\n", file, index);
		html_document_free(doc);
		return false;
	}
	struct base_buf out = {0};
	html_dump(doc, HTML_DUMP_HTML5LIB, &out);
	const char *got = out.data ? out.data : "";
	const char *want = t->document.data ? t->document.data : "";
	bool ok = strcmp(got, want) == 0;
	if (!ok && verbose)
		printf("FAIL %s #%d%s%s\n--- input\n%s\n--- want\n%s--- got\n%s\n", file, index,
		       t->has_fragment ? " fragment " : "", t->has_fragment ? t->fragment : "",
		       t->data.data ? t->data.data : "", want, got);
	base_buf_free(&out);
	html_document_free(doc);
	return ok;
}

static int run_file(const char *path, const char *name, int *total, int *failed, int *shown)
{
	struct base_buf src = {0};
	assert_int_equal(base_read_file(path, &src), BASE_OK);
	const char *p = src.data, *end = src.data + src.len;
	int index = 0, pass = 0, count = 0;
	while (p < end) {
		size_t n = line_len(p, end);
		if (!(n == 5 && memcmp(p, "#data", 5) == 0)) {
			p += n + 1;
			continue;
		}
		p += n + 1;
		struct dat_test t = {0};
		enum { S_DATA, S_ERRORS, S_FRAGMENT, S_DOCUMENT, S_OTHER } sec = S_DATA;
		bool first_data = true;
		while (p < end) {
			n = line_len(p, end);
			if (n == 5 && memcmp(p, "#data", 5) == 0)
				break;
			bool header = n > 1 && p[0] == '#' &&
				      ((n == 7 && memcmp(p, "#errors", 7) == 0) || (n == 11 && memcmp(p, "#new-errors", 11) == 0) ||
				       (n == 18 && memcmp(p, "#document-fragment", 18) == 0) ||
				       (n == 9 && memcmp(p, "#document", 9) == 0) || (n == 11 && memcmp(p, "#script-off", 11) == 0) ||
				       (n == 10 && memcmp(p, "#script-on", 10) == 0));
			if (header) {
				if (memcmp(p, "#errors", 7) == 0 || memcmp(p, "#new-errors", 11) == 0)
					sec = S_ERRORS;
				else if (n == 18)
					sec = S_FRAGMENT;
				else if (n == 9)
					sec = S_DOCUMENT;
				else if (n == 11) {
					t.script_off = true;
					sec = S_OTHER;
				} else {
					t.script_on = true;
					sec = S_OTHER;
				}
				p += n + 1;
				continue;
			}
			if (sec == S_DATA) {
				if (!first_data)
					base_buf_putc(&t.data, '\n');
				base_buf_append(&t.data, p, n);
				first_data = false;
			} else if (sec == S_FRAGMENT) {
				snprintf(t.fragment, sizeof t.fragment, "%.*s", (int)n, p);
				t.has_fragment = true;
			} else if (sec == S_DOCUMENT) {
				base_buf_append(&t.document, p, n);
				base_buf_putc(&t.document, '\n');
			}
			p += n + (p + n < end ? 1 : 0);
		}
		/* The blank line before the next test is not part of the tree. */
		if (t.document.len >= 2 && t.document.data[t.document.len - 2] == '\n' && p < end) {
			t.document.len--;
			t.document.data[t.document.len] = 0;
		}
		/* #script-on runs with the scripting flag, except where it needs a
		 * script engine (scripted/: document.write). */
		if (!t.script_on || !strstr(name, "scripted/")) {
			count++;
			bool ok = run_one(name, index, &t, *shown < 40);
			if (ok)
				pass++;
			else
				(*shown)++;
		}
		index++;
		base_buf_free(&t.data);
		base_buf_free(&t.document);
	}
	printf("%s: %d/%d\n", name, pass, count);
	*total += count;
	*failed += count - pass;
	base_buf_free(&src);
	return count - pass;
}

static void test_tree_construction(void **state)
{
	(void)state;
	char dir[4096];
	test_shared_path(dir, sizeof dir, "testdata/html5lib-tests/tree-construction");
	const char *subdirs[] = {"", "/scripted"};
	int total = 0, failed = 0, shown = 0;
	for (size_t s = 0; s < 2; s++) {
		char d[4200];
		snprintf(d, sizeof d, "%s%s", dir, subdirs[s]);
		DIR *dh = opendir(d);
		assert_non_null(dh);
		char *names[256];
		size_t count = 0;
		struct dirent *e;
		while ((e = readdir(dh)) && count < 256) {
			size_t n = strlen(e->d_name);
			if (n > 4 && strcmp(e->d_name + n - 4, ".dat") == 0)
				names[count++] = base_xstrdup(e->d_name);
		}
		closedir(dh);
		qsort(names, count, sizeof *names, cmp_str);
		for (size_t i = 0; i < count; i++) {
			char path[8400], label[512];
			snprintf(path, sizeof path, "%s/%s", d, names[i]);
			snprintf(label, sizeof label, "%s%s%s", s ? "scripted" : "", s ? "/" : "", names[i]);
			run_file(path, label, &total, &failed, &shown);
			free(names[i]);
		}
	}
	printf("tree construction: %d/%d passed\n", total - failed, total);
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_construction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
