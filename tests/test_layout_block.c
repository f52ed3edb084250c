/* Block formatting context: widths, heights, percentages, min/max,
 * box-sizing, margin collapsing (CSS 2.1 §8.3.1, §10.3.3, §10.6.3), on
 * hand-built documents. */
#include "layout_test_doc.h"

#include <math.h>

static struct layout_fonts *fonts;

static int setup(void **state)
{
	(void)state;
	fonts = tdoc_fonts();
	return fonts ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	layout_fonts_free(fonts);
	return 0;
}

static void test_padding_and_width(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *s;
	struct html_node *div = tel(t, t->body, HTML_TAG_DIV, &s);
	s->width = tpx(100);
	for (int i = 0; i < 4; i++)
		s->padding[i] = tpx(10);
	s->height = tpx(50);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, div), 8, 8, 120, 70);
	assert_rect(trect(tree, t->html), 0, 0, 800, 86);
	assert_rect(trect(tree, t->body), 8, 8, 784, 70);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_box_sizing_percent_min_max(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *a, *b, *c;
	struct html_node *da = tel(t, t->body, HTML_TAG_DIV, &a);
	a->width = tpct(50);
	a->box_sizing = CSS_BOX_SIZING_BORDER_BOX;
	a->padding[1] = a->padding[3] = tpx(20);
	a->height = tpx(10);
	struct html_node *db = tel(t, t->body, HTML_TAG_DIV, &b);
	b->max_width = tpx(300);
	b->min_height = tpx(30);
	struct html_node *dc = tel(t, t->body, HTML_TAG_DIV, &c);
	c->width = tpx(100);
	c->min_width = tpx(200);
	c->height = tpx(5);
	c->margin[1] = c->margin[3] = (struct css_length){.kind = CSS_LEN_AUTO};
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, da), 8, 8, 392, 10);
	assert_rect(trect(tree, db), 8, 18, 300, 30);
	/* centred by auto margins in the 784px body */
	assert_rect(trect(tree, dc), 8 + 292, 48, 200, 5);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_margin_collapsing_siblings(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *a, *b, *c;
	struct html_node *da = tel(t, t->body, HTML_TAG_DIV, &a);
	a->height = tpx(10);
	a->margin[2] = tpx(20);
	struct html_node *db = tel(t, t->body, HTML_TAG_DIV, &b);
	b->height = tpx(10);
	b->margin[0] = tpx(30);
	b->margin[2] = tpx(-10);
	struct html_node *dc = tel(t, t->body, HTML_TAG_DIV, &c);
	c->height = tpx(10);
	c->margin[0] = tpx(25);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, da), 8, 8, 784, 10);
	assert_rect(trect(tree, db), 8, 48, 784, 10);
	assert_rect(trect(tree, dc), 8, 73, 784, 10);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_margin_collapsing_parent_child_and_empty(void **state)
{
	(void)state;
	struct css_style *bs;
	struct tdoc *t = tdoc_new(&bs);
	struct css_style *outer, *inner, *empty, *after;
	struct html_node *o = tel(t, t->body, HTML_TAG_DIV, &outer);
	outer->margin[0] = tpx(10);
	struct html_node *i = tel(t, o, HTML_TAG_DIV, &inner);
	inner->margin[0] = tpx(40);
	inner->margin[2] = tpx(15);
	inner->height = tpx(20);
	struct html_node *e = tel(t, t->body, HTML_TAG_DIV, &empty);
	empty->margin[0] = tpx(30);
	empty->margin[2] = tpx(5);
	struct html_node *a = tel(t, t->body, HTML_TAG_DIV, &after);
	after->height = tpx(10);
	after->margin[0] = tpx(12);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	/* body margin 8 collapses with outer 10 and inner 40 through html. */
	assert_rect(trect(tree, o), 8, 40, 784, 20);
	assert_rect(trect(tree, i), 8, 40, 784, 20);
	assert_rect(trect(tree, t->body), 8, 40, 784, 20 + 30 + 10);
	/* the inner 15 bottom margin, the empty block's 30/5 and after's 12
	 * collapse into 30. */
	assert_rect(trect(tree, a), 8, 40 + 20 + 30, 784, 10);
	assert_true(trect(tree, e).height == 0);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_border_prevents_collapse(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *outer, *inner;
	struct html_node *o = tel(t, t->body, HTML_TAG_DIV, &outer);
	outer->border_width[0] = 1;
	outer->border_width[2] = 1;
	struct html_node *i = tel(t, o, HTML_TAG_DIV, &inner);
	inner->margin[0] = inner->margin[2] = tpx(10);
	inner->height = tpx(5);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, o), 8, 8, 784, 27);
	assert_rect(trect(tree, i), 8, 19, 784, 5);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_display_none_and_contents(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *n, *c, *k;
	struct html_node *none = tel(t, t->body, HTML_TAG_DIV, &n);
	n->display = CSS_DISPLAY_NONE;
	n->height = tpx(100);
	struct html_node *contents = tel(t, t->body, HTML_TAG_DIV, &c);
	c->display = CSS_DISPLAY_CONTENTS;
	struct html_node *kid = tel(t, contents, HTML_TAG_DIV, &k);
	k->height = tpx(7);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	struct layout_rect r;
	assert_false(layout_element_rect(tree, none, &r));
	assert_false(layout_element_rect(tree, contents, &r));
	assert_rect(trect(tree, kid), 8, 8, 784, 7);
	struct base_buf out = {0};
	layout_dump_boxes_json(tree, &t->doc, &out);
	assert_non_null(strstr(out.data, "{\"index\": 2, \"tag\": \"div\", \"rect\": null}"));
	assert_non_null(strstr(out.data, "{\"index\": 4, \"tag\": \"div\", \"rect\": [8, 8, 784, 7]}"));
	base_buf_free(&out);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct html_node *p = t->body;
	for (int i = 0; i < 100000; i++)
		p = tel(t, p, HTML_TAG_DIV, NULL);
	ttext(t, p, "deep");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_non_null(tree->root);
	assert_true(tree->document_height >= 600);
	struct base_buf out = {0};
	layout_dump(tree, &out);
	assert_non_null(strstr(out.data, "\"deep\""));
	base_buf_free(&out);
	layout_tree_free(tree);
	tdoc_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_padding_and_width),
		cmocka_unit_test(test_box_sizing_percent_min_max),
		cmocka_unit_test(test_margin_collapsing_siblings),
		cmocka_unit_test(test_margin_collapsing_parent_child_and_empty),
		cmocka_unit_test(test_border_prevents_collapse),
		cmocka_unit_test(test_display_none_and_contents),
		cmocka_unit_test(test_deep_nesting),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
