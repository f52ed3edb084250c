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

/* CSS Box Sizing 4 §5: aspect-ratio sizes auto heights from widths. */
static void test_aspect_ratio(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *a, *b, *c, *cv1, *cv2, *d;
	struct html_node *da = tel(t, t->body, HTML_TAG_DIV, &a);
	a->width = tpx(200);
	a->padding[0] = tpx(5);
	a->aspect_ratio = 2;
	struct html_node *db = tel(t, t->body, HTML_TAG_DIV, &b);
	b->width = tpx(200);
	b->padding[0] = tpx(10);
	b->box_sizing = CSS_BOX_SIZING_BORDER_BOX;
	b->aspect_ratio = 4;
	/* content taller than the ratio grows the box (min-height: auto) */
	struct html_node *dc = tel(t, t->body, HTML_TAG_DIV, &c);
	c->width = tpx(100);
	c->aspect_ratio = 10;
	c->min_height = (struct css_length){.kind = CSS_LEN_AUTO};
	struct css_style *inner;
	struct html_node *din = tel(t, dc, HTML_TAG_DIV, &inner);
	inner->height = tpx(40);
	(void)din;
	/* a canvas (natural 300x150): `auto 1/1` keeps its natural ratio,
	 * a plain 1/1 replaces it */
	struct html_node *c1 = tel(t, t->body, HTML_TAG_CANVAS, &cv1);
	cv1->display = CSS_DISPLAY_BLOCK;
	cv1->width = tpx(100);
	cv1->aspect_ratio = 1;
	cv1->aspect_ratio_auto = true;
	struct html_node *c2 = tel(t, t->body, HTML_TAG_CANVAS, &cv2);
	cv2->display = CSS_DISPLAY_BLOCK;
	cv2->width = tpx(100);
	cv2->aspect_ratio = 1;
	/* an explicit height wins over the ratio */
	struct html_node *dd = tel(t, t->body, HTML_TAG_DIV, &d);
	d->width = tpx(100);
	d->height = tpx(7);
	d->aspect_ratio = 1;
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, da), 8, 8, 200, 105);
	assert_rect(trect(tree, db), 8, 113, 200, 50);
	assert_rect(trect(tree, dc), 8, 163, 100, 40);
	assert_rect(trect(tree, c1), 8, 203, 100, 50);
	assert_rect(trect(tree, c2), 8, 253, 100, 100);
	assert_rect(trect(tree, dd), 8, 353, 100, 7);
	layout_tree_free(tree);
	tdoc_free(t);
}

/* HTML §15.5.4: a closed details renders only its summary, whose bottom
 * margin stays inside; an open one renders everything. */
static void test_details_closed_and_open(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct html_node *det[2];
	for (int i = 0; i < 2; i++) {
		struct css_style *ds, *ss, *cs;
		det[i] = tel(t, t->body, HTML_TAG_DETAILS, &ds);
		ds->display = CSS_DISPLAY_BLOCK;
		if (i == 1)
			tattr(t, det[i], "open", "");
		struct html_node *sum = tel(t, det[i], HTML_TAG_SUMMARY, &ss);
		ss->display = CSS_DISPLAY_BLOCK;
		ss->height = tpx(10);
		ss->margin[2] = tpx(8);
		struct html_node *content = tel(t, det[i], HTML_TAG_DIV, &cs);
		cs->height = tpx(100);
		(void)sum;
		(void)content;
	}
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, det[0]), 8, 8, 784, 18);
	assert_rect(trect(tree, det[1]), 8, 26, 784, 118);
	/* The closed one's content is laid out (it has client rects, as in
	 * Blink) below the summary's margin, in a slot 0 tall. */
	const struct html_node *hidden = det[0]->last_child;
	assert_rect(trect(tree, hidden), 8, 26, 784, 100);
	layout_tree_free(tree);
	tdoc_free(t);
}

/* A block inside an inline box is part of that inline's client rects. */
static void test_block_in_inline_rect(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ss, *ds;
	struct html_node *span = tel(t, t->body, HTML_TAG_SPAN, &ss);
	struct html_node *div = tel(t, span, HTML_TAG_DIV, &ds);
	ds->height = tpx(30);
	ds->width = tpx(50);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, div), 8, 8, 50, 30);
	assert_rect(trect(tree, span), 8, 8, 50, 30);
	layout_tree_free(tree);
	tdoc_free(t);
}

/* A float in inline content adds its outer width to the max-content width
 * of a shrink-to-fit container. */
static void test_float_in_shrink_to_fit(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *os, *ibs, *fs;
	struct html_node *outer = tel(t, t->body, HTML_TAG_DIV, &os);
	os->float_ = CSS_FLOAT_LEFT;
	struct html_node *ib = tel(t, outer, HTML_TAG_SPAN, &ibs);
	ibs->display = CSS_DISPLAY_INLINE_BLOCK;
	ibs->width = tpx(100);
	ibs->height = tpx(20);
	struct html_node *fl = tel(t, outer, HTML_TAG_DIV, &fs);
	fs->float_ = CSS_FLOAT_RIGHT;
	fs->width = tpx(40);
	fs->height = tpx(20);
	fs->margin[3] = tpx(10);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_float_equal(trect(tree, outer).width, 150, 0.01);
	assert_rect(trect(tree, fl), 118, 8, 40, 20);
	(void)ib;
	layout_tree_free(tree);
	tdoc_free(t);
}

/* A float's auto width follows its fixed height through aspect-ratio. */
static void test_aspect_ratio_float_width(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *f;
	struct html_node *df = tel(t, t->body, HTML_TAG_DIV, &f);
	f->float_ = CSS_FLOAT_RIGHT;
	f->height = tpx(20);
	f->padding[3] = tpx(4);
	f->aspect_ratio = 3;
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, df), 792 - 64, 8, 64, 20);
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
		cmocka_unit_test(test_aspect_ratio),
		cmocka_unit_test(test_aspect_ratio_float_width),
		cmocka_unit_test(test_details_closed_and_open),
		cmocka_unit_test(test_block_in_inline_rect),
		cmocka_unit_test(test_float_in_shrink_to_fit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
