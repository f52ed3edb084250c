/* Parallel styling is deterministic: the readable and JSON style dumps of
 * real pages (../shared/pages) are identical at 1 and 4 threads, and
 * style sharing happens on them. */
#include "support/test_support.h"

#include "css/css.h"

#include <stdio.h>
#include <string.h>

static bool read_file(void *ctx, const char *path, struct base_buf *out)
{
	(void)ctx;
	return base_read_file(path, out) == BASE_OK;
}

static const char *resolve(void *ctx, const char *base, const char *url, size_t len, struct base_arena *a)
{
	(void)ctx;
	if (len >= 5 && (memcmp(url, "http:", 5) == 0 || memcmp(url, "https", 5) == 0 || memcmp(url, "data:", 5) == 0))
		return NULL;
	char *dir = base ? base_path_dirname(a, base) : ".";
	return base_path_resolve(a, dir, url, len);
}

static void dump(struct html_document *doc, const char *path, struct base_pool *pool, struct base_buf *out,
		 size_t *shared)
{
	static const struct css_loader loader = { NULL, read_file, NULL, resolve, NULL, NULL };
	struct css_style_options opt = { 0 };
	opt.media.viewport_width = 800;
	opt.media.viewport_height = 600;
	opt.media.device_pixel_ratio = 1;
	opt.loader = &loader;
	opt.document_path = path;
	opt.pool = pool;
	struct css_styled_document *sd = css_style_document(doc, &opt);
	css_dump_styles(sd, out);
	css_dump_styles_json(sd, out);
	*shared = sd->shared_count;
	css_styled_document_free(sd);
}

static void test_threads_identical(void **state)
{
	(void)state;
	static const char *const pages[] = {
		"pages/nodejs-buffer/index.html",     "pages/python-policy/index.html",
		"pages/pico-v2-preview/index.html",   "pages/startbootstrap-landing/index.html",
		"pages/doxygen-tinyxml2/index.html", "pages/email-htmlemail/index.html",
	};
	struct base_pool *pool = base_pool_create(4);
	int tested = 0;
	for (size_t i = 0; i < BASE_ARRAY_LEN(pages); i++) {
		char path[4096];
		test_shared_path(path, sizeof path, pages[i]);
		struct base_buf html = { 0 };
		if (base_read_file(path, &html) != BASE_OK) {
			base_buf_free(&html);
			continue;
		}
		const char *why;
		struct html_document *doc = html_parse(html.data, html.len, NULL, &why);
		assert_non_null(doc);
		struct base_buf one = { 0 }, four = { 0 };
		size_t shared1, shared4;
		dump(doc, path, NULL, &one, &shared1);
		dump(doc, path, pool, &four, &shared4);
		if (one.len != four.len || memcmp(one.data, four.data, one.len) != 0)
			fail_msg("%s: styles differ between 1 and 4 threads", pages[i]);
		if (doc->element_count > 100 && shared1 == 0)
			fail_msg("%s: no style sharing", pages[i]);
		tested++;
		base_buf_free(&one);
		base_buf_free(&four);
		base_buf_free(&html);
		html_document_free(doc);
	}
	base_pool_destroy(pool);
	assert_true(tested > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_identical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
