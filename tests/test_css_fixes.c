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

/* UA defaults as Chromium's (HTML §15.5.4, §15.3.10). */
static void test_ua_details_and_controls(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><details id=d><summary id=s>s</summary><summary id=s2>t</summary></details>"
				"<button id=b>b</button><input id=cb type=checkbox><input id=rg type=range>"
				"<input id=f type=file><select id=m multiple></select><select id=one size=1></select>");
	assert_int_equal(by_id(&r, "d")->display, CSS_DISPLAY_BLOCK);
	assert_int_equal(by_id(&r, "s")->display, CSS_DISPLAY_LIST_ITEM);
	assert_int_equal(by_id(&r, "s2")->display, CSS_DISPLAY_BLOCK);
	const struct css_style *b = by_id(&r, "b");
	assert_px(b->padding[1].px, 6);
	assert_px(b->border_width[0], 2);
	assert_px(b->font_size, 13.333333f);
	assert_px(by_id(&r, "cb")->margin[3].px, 4);
	const struct css_style *rg = by_id(&r, "rg");
	assert_px(rg->margin[0].px, 2);
	assert_px(rg->border_width[0], 0);
	const struct css_style *f = by_id(&r, "f");
	assert_px(f->padding[3].px, 0);
	assert_int_equal(f->background_color.a, 0);
	assert_int_equal(by_id(&r, "m")->overflow_y, CSS_OVERFLOW_SCROLL);
	assert_int_equal(by_id(&r, "one")->overflow_y, CSS_OVERFLOW_CLIP);
	done(&r);
}

/* Sibling sharing compares attribute values; an empty value stored as
 * NULL must not reach memcmp (UB, seen by UBSan). */
static void test_sharing_with_null_empty_values(void **state)
{
	(void)state;
	const char *html = "<p title=''>a</p><p title=''>b</p><p title=x>c</p>";
	const char *why;
	struct html_document *doc = html_parse(html, strlen(html), NULL, &why);
	assert_non_null(doc);
	size_t nulled = 0;
	for (size_t i = 0; i < doc->element_count; i++) {
		struct html_node *el = doc->elements[i];
		if (el->attr_count == 1 && el->attrs[0].value_len == 0) {
			el->attrs[0].value = NULL;
			nulled++;
		}
	}
	assert_int_equal(nulled, 2);
	struct css_style_options opt = { 0 };
	struct css_styled_document *sd = css_style_document(doc, &opt);
	assert_non_null(sd);
	assert_int_equal(sd->element_count, doc->element_count);
	css_styled_document_free(sd);
	html_document_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_color_layer_clip),
		cmocka_unit_test(test_initial_style_borders),
		cmocka_unit_test(test_ua_details_and_controls),
		cmocka_unit_test(test_sharing_with_null_empty_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
