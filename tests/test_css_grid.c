/* The grid properties (CSS Grid 1 §7, §8): track lists with line names
 * and repeat(), template areas, the shorthands, line placement, and the
 * declarations that must be dropped as invalid. */
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

static bool has_name(const struct css_grid_track *t, const char *name)
{
	for (uint32_t i = 0; i < t->name_count; i++)
		if (strcmp(t->names[i], name) == 0)
			return true;
	return false;
}

static void test_track_list(void **state)
{
	(void)state;
	struct styled r = style("<div id=a style='grid-template-columns: [x] 10px repeat(2, [y] 1fr [z]) minmax(20%, max-content) "
				"fit-content(5em) auto [end]'></div>"
				"<div id=b style='grid-template-columns: 5px repeat(auto-fit, [p] minmax(0%, 1fr) [q]) 7px'></div>");
	const struct css_grid_template *a = &by_id(&r, "a")->grid_template_columns;
	assert_int_equal(a->count, 6);
	assert_int_equal(a->repeat, CSS_GRID_REPEAT_NONE);
	assert_true(has_name(&a->tracks[0], "x"));
	assert_int_equal(a->tracks[0].size.min.kind, CSS_TRACK_LENGTH);
	assert_true(has_name(&a->tracks[1], "y"));
	/* The line between two repetitions has both names. */
	assert_true(has_name(&a->tracks[2], "z") && has_name(&a->tracks[2], "y"));
	assert_int_equal(a->tracks[2].size.max.kind, CSS_TRACK_FLEX);
	assert_int_equal(a->tracks[2].size.min.kind, CSS_TRACK_AUTO);
	assert_true(has_name(&a->tracks[3], "z"));
	assert_true(a->tracks[3].size.min.length.has_percent);
	assert_int_equal(a->tracks[3].size.max.kind, CSS_TRACK_MAX_CONTENT);
	assert_true(a->tracks[4].size.fit_content);
	assert_float_equal(a->tracks[4].size.max.length.px, 80, 0.01);
	assert_int_equal(a->tracks[5].size.max.kind, CSS_TRACK_AUTO);
	assert_int_equal(a->end_name_count, 1);
	const struct css_grid_template *b = &by_id(&r, "b")->grid_template_columns;
	assert_int_equal(b->repeat, CSS_GRID_REPEAT_AUTO_FIT);
	assert_int_equal(b->count, 3);
	assert_int_equal(b->repeat_start, 1);
	assert_int_equal(b->repeat_count, 1);
	assert_int_equal(b->repeat_first_name_count, 1);
	assert_int_equal(b->repeat_last_name_count, 1);
	done(&r);
}

/* Invalid values leave the earlier declaration in force. */
static void test_invalid_track_lists(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"repeat(auto-fill, 1fr)",		   /* auto repeat needs fixed sizes */
		"repeat(auto-fill, 10px) auto",		   /* ... and so do the other tracks */
		"repeat(auto-fill, 10px) repeat(auto-fit, 5px)", /* only one */
		"repeat(0, 10px)",			   /* at least one repetition */
		"minmax(1fr, 10px)",			   /* no flexible minimum */
		"[a] [b] 10px",				   /* names come in one list */
		"[span] 10px",				   /* reserved */
		"-5px",
		"10px,",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char html[256];
		snprintf(html, sizeof html, "<div id=a style='grid-template-columns: 3px; grid-template-columns: %s'></div>", bad[i]);
		struct styled r = style(html);
		const struct css_grid_template *t = &by_id(&r, "a")->grid_template_columns;
		if (t->count != 1 || t->tracks[0].size.max.length.px != 3)
			fail_msg("'%s' was accepted", bad[i]);
		done(&r);
	}
}

static void test_areas_and_template_shorthand(void **state)
{
	(void)state;
	struct styled r = style("<div id=a style='grid-template: [top] \"h h\" 20px [m1] [m2] \"s .\" [bot] / 1fr 2fr'></div>"
				"<div id=b style='grid-template-areas: \"a b\" \"b b\"'></div>"
				"<div id=c style='grid: auto-flow dense 30px / 1fr 1fr'></div>");
	const struct css_style *a = by_id(&r, "a");
	assert_int_equal(a->grid_template_areas.rows, 2);
	assert_int_equal(a->grid_template_areas.columns, 2);
	assert_int_equal(a->grid_template_areas.count, 2);
	assert_string_equal(a->grid_template_areas.areas[0].name, "h");
	assert_int_equal(a->grid_template_areas.areas[0].column_end, 3);
	assert_string_equal(a->grid_template_areas.areas[1].name, "s");
	assert_int_equal(a->grid_template_areas.areas[1].row_start, 2);
	assert_int_equal(a->grid_template_rows.count, 2);
	assert_true(has_name(&a->grid_template_rows.tracks[1], "m1") && has_name(&a->grid_template_rows.tracks[1], "m2"));
	/* The second row has no size: auto. */
	assert_int_equal(a->grid_template_rows.tracks[1].size.max.kind, CSS_TRACK_AUTO);
	assert_int_equal(a->grid_template_columns.count, 2);
	/* "b" is not a rectangle: the declaration is dropped. */
	assert_int_equal(by_id(&r, "b")->grid_template_areas.rows, 0);
	const struct css_style *c = by_id(&r, "c");
	assert_int_equal(c->grid_auto_flow, CSS_GRID_FLOW_DENSE);
	assert_int_equal(c->grid_auto_row_count, 1);
	assert_int_equal(c->grid_template_columns.count, 2);
	assert_int_equal(c->grid_template_rows.count, 0);
	done(&r);
}

static void test_placement(void **state)
{
	(void)state;
	struct styled r = style("<div id=a style='grid-area: main'></div>"
				"<div id=b style='grid-row: 2 / span x 3; grid-column: -1 / span 2'></div>"
				"<div id=c style='grid-column: 1 span x'></div>"
				"<div id=d style='grid-row-start: 0; grid-column-end: span -1'></div>"
				"<div id=e style='grid-row-gap: 7px; grid-column-gap: 5%'></div>");
	const struct css_style *a = by_id(&r, "a");
	assert_string_equal(a->grid_row_start.name, "main");
	assert_string_equal(a->grid_column_end.name, "main");
	const struct css_style *b = by_id(&r, "b");
	assert_int_equal(b->grid_row_start.integer, 2);
	assert_true(b->grid_row_end.span);
	assert_int_equal(b->grid_row_end.integer, 3);
	assert_string_equal(b->grid_row_end.name, "x");
	assert_int_equal(b->grid_column_start.integer, -1);
	assert_int_equal(b->grid_column_end.integer, 2);
	/* span between the integer and the name is invalid. */
	assert_int_equal(by_id(&r, "c")->grid_column_start.integer, 0);
	/* Line 0 and negative spans are invalid: auto stays. */
	const struct css_style *d = by_id(&r, "d");
	assert_int_equal(d->grid_row_start.integer, 0);
	assert_false(d->grid_column_end.span);
	const struct css_style *e = by_id(&r, "e");
	assert_float_equal(e->row_gap.px, 7, 0.01);
	assert_true(e->column_gap.has_percent);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_track_list),
		cmocka_unit_test(test_invalid_track_lists),
		cmocka_unit_test(test_areas_and_template_shorthand),
		cmocka_unit_test(test_placement),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
