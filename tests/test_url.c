/* Unit tests of URL resolution for local documents. */
#include "shell/api/url.h"
#include "support/test_support.h"

#include <string.h>

static const char *resolve(struct base_arena *a, const char *root, const char *base, const char *url,
			   enum shell_url_kind expect, char *frag)
{
	const char *out = NULL;
	enum shell_url_kind k = shell_url_resolve(a, root, base, url, strlen(url), &out, frag, frag ? 64 : 0);
	assert_int_equal(k, expect);
	return out;
}

static void test_relative_and_root(void **state)
{
	(void)state;
	struct base_arena a;
	base_arena_init(&a, 0);
	char frag[64];
	assert_string_equal(resolve(&a, NULL, "dir/page.html", "style.css", SHELL_URL_FILE, NULL), "dir/style.css");
	assert_string_equal(resolve(&a, NULL, "/w/css/a/t.html", "../support/x.png", SHELL_URL_FILE, NULL),
			    "/w/css/support/x.png");
	assert_string_equal(resolve(&a, "/corpus", "/corpus/css/t.html", "/fonts/Ahem.ttf", SHELL_URL_FILE, NULL),
			    "/corpus/fonts/Ahem.ttf");
	assert_string_equal(resolve(&a, NULL, "/d/t.html", "/fonts/Ahem.ttf", SHELL_URL_FILE, NULL), "/fonts/Ahem.ttf");
	assert_string_equal(resolve(&a, NULL, "/d/t.html", "a%20b.html#sec%201", SHELL_URL_FILE, frag), "/d/a b.html");
	assert_string_equal(frag, "sec 1");
	assert_string_equal(resolve(&a, NULL, "/d/t.html", "#top", SHELL_URL_FILE, frag), "/d/t.html");
	assert_string_equal(frag, "top");
	assert_string_equal(resolve(&a, NULL, "/d/t.html", "file:///etc/x.css", SHELL_URL_FILE, NULL), "/etc/x.css");
	assert_string_equal(resolve(&a, NULL, "page.html", "x.css?v=2", SHELL_URL_FILE, NULL), "x.css");
	assert_string_equal(resolve(&a, NULL, "a/b/page.html", "../../../x.css", SHELL_URL_FILE, NULL), "../x.css");
	base_arena_free(&a);
}

static void test_schemes(void **state)
{
	(void)state;
	struct base_arena a;
	base_arena_init(&a, 0);
	resolve(&a, NULL, "p.html", "http://example.org/x.css", SHELL_URL_NETWORK, NULL);
	resolve(&a, NULL, "p.html", "HTTPS://example.org/", SHELL_URL_NETWORK, NULL);
	resolve(&a, NULL, "p.html", "mailto:x@y", SHELL_URL_NETWORK, NULL);
	resolve(&a, NULL, "p.html", "file://server/share/x", SHELL_URL_NETWORK, NULL);
	assert_string_equal(resolve(&a, NULL, "p.html", " data:image/png;base64,AAAA", SHELL_URL_DATA, NULL),
			    "data:image/png;base64,AAAA");
	resolve(&a, NULL, NULL, "#x", SHELL_URL_EMPTY, NULL);
	base_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relative_and_root),
		cmocka_unit_test(test_schemes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
