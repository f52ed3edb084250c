/* Styles kept across a viewport change (css_styled_document_set_media):
 * they hold unless a media query evaluated while styling flips or a value
 * uses the viewport size (viewport units, percentages that min()/max()/
 * clamp() fold against the viewport width). */
#include "support/test_support.h"

#include "css/css.h"

#include <string.h>

/* Styles html at 1000x600 and asks whether the styles hold at w x h. */
static bool holds(const char *html, float w, float h)
{
	const char *why;
	struct html_document *doc = html_parse(html, strlen(html), NULL, &why);
	assert_non_null(doc);
	struct css_style_options opt = {.media = {1000, 600, 1}};
	struct css_styled_document *sd = css_style_document(doc, &opt);
	assert_non_null(sd);
	struct css_media m = {w, h, 1};
	bool kept = css_styled_document_set_media(sd, &m);
	/* Once moved, the styles hold for the new size itself. */
	if (kept)
		assert_true(css_styled_document_set_media(sd, &m));
	css_styled_document_free(sd);
	html_document_free(doc);
	return kept;
}

static void test_plain_styles_hold(void **state)
{
	(void)state;
	const char *html = "<style>p { width: 50%; margin: 2em calc(10% + 3px) }</style><p style='height: 10px'>x";
	assert_true(holds(html, 1280, 800));
	assert_true(holds(html, 300, 600));
}

static void test_media_queries(void **state)
{
	(void)state;
	const char *html = "<style>@media (min-width: 900px) { p { color: red } } @media print { p { color: blue } }</style><p>x";
	assert_true(holds(html, 1280, 800));
	assert_true(holds(html, 900, 100));
	assert_false(holds(html, 899, 600));
	const char *attr = "<style media='(orientation: portrait)'>p { color: red }</style><p>x";
	assert_true(holds(attr, 1200, 700));
	assert_false(holds(attr, 500, 700));
	const char *nested = "<style>p { color: red; @media (max-height: 400px) { color: blue } }</style><p>x";
	assert_true(holds(nested, 1000, 401));
	assert_false(holds(nested, 1000, 400));
	/* The same size again holds whatever the styles use. */
	assert_true(holds(nested, 1000, 600));
}

static void test_viewport_units(void **state)
{
	(void)state;
	assert_false(holds("<style>p { width: 50vw }</style><p>x", 1280, 600));
	assert_false(holds("<p style='font-size: calc(1rem + 1dvh)'>x", 1000, 700));
	assert_false(holds("<style>:root { --w: 10vmin } p { width: var(--w) }</style><p>x", 999, 600));
	assert_false(holds("<style>p { width: min(50%, 300px) }</style><p>x", 1280, 600));
	assert_true(holds("<style>p { width: 50vw }</style><p>x", 1000, 600));
	/* Units that only look alike do not count. */
	assert_true(holds("<style>p { width: 3em; transform: rotate(1deg) }</style><p>x", 1280, 600));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_styles_hold),
		cmocka_unit_test(test_media_queries),
		cmocka_unit_test(test_viewport_units),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
