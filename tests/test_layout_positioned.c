/* Positioning, floats and clearance, generated content and counters, hit
 * testing and the document's scrollable size (CSS 2.1 §9.3-§9.5, §10.3.7,
 * §10.6.4, §12). */
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

static void test_absolute_and_relative(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *cs, *as, *bs, *rs, *fs;
	struct html_node *cb = tel(t, t->body, HTML_TAG_DIV, &cs);
	cs->position = CSS_POSITION_RELATIVE;
	cs->inset[0] = tpx(5);
	cs->inset[3] = tpx(7);
	cs->height = tpx(100);
	cs->width = tpx(200);
	cs->border_width[0] = cs->border_width[3] = 3;
	struct html_node *a = tel(t, cb, HTML_TAG_DIV, &as);
	as->position = CSS_POSITION_ABSOLUTE;
	as->inset[1] = tpx(10);
	as->inset[2] = tpx(20);
	as->width = tpx(30);
	as->height = tpct(50);
	struct html_node *b = tel(t, cb, HTML_TAG_DIV, &bs);
	bs->position = CSS_POSITION_ABSOLUTE;
	bs->inset[0] = tpx(0);
	bs->inset[3] = tpx(0);
	bs->inset[1] = tpx(0);
	bs->height = tpx(10);
	struct html_node *r = tel(t, cb, HTML_TAG_DIV, &rs);
	rs->height = tpx(10);
	struct html_node *f = tel(t, r, HTML_TAG_DIV, &fs);
	fs->position = CSS_POSITION_FIXED;
	fs->inset[2] = tpx(0);
	fs->inset[1] = tpx(0);
	fs->width = tpx(50);
	fs->height = tpx(60);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	/* cb: border box at (8+7, 8+5), 203 x 103 */
	assert_rect(trect(tree, cb), 15, 13, 203, 103);
	/* right/bottom against the padding box (200 x 100 at +3,+3) */
	assert_rect(trect(tree, a), 15 + 3 + 200 - 10 - 30, 13 + 3 + 100 - 20 - 50, 30, 50);
	/* left+right with auto width stretches */
	assert_rect(trect(tree, b), 18, 16, 200, 10);
	assert_rect(trect(tree, f), 750, 540, 50, 60);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_static_position_and_shrink(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ps, *as;
	struct html_node *p = tel(t, t->body, HTML_TAG_DIV, &ps);
	ps->height = tpx(40);
	struct html_node *a = tel(t, t->body, HTML_TAG_DIV, &as);
	as->position = CSS_POSITION_ABSOLUTE;
	tstyle_ahem(as, 10);
	ttext(t, a, "abc de");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	(void)p;
	/* static position below the first div; shrink-to-fit width */
	assert_rect(trect(tree, a), 8, 48, 60, 10);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_floats_and_clear(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ls, *rs, *ls2, *cs;
	struct html_node *l = tel(t, t->body, HTML_TAG_DIV, &ls);
	ls->float_ = CSS_FLOAT_LEFT;
	ls->width = tpx(100);
	ls->height = tpx(50);
	struct html_node *r = tel(t, t->body, HTML_TAG_DIV, &rs);
	rs->float_ = CSS_FLOAT_RIGHT;
	rs->width = tpx(100);
	rs->height = tpx(70);
	rs->margin[0] = tpx(5);
	struct html_node *l2 = tel(t, t->body, HTML_TAG_DIV, &ls2);
	ls2->float_ = CSS_FLOAT_LEFT;
	ls2->width = tpx(700);
	ls2->height = tpx(10);
	struct html_node *c = tel(t, t->body, HTML_TAG_DIV, &cs);
	cs->clear = CSS_CLEAR_BOTH;
	cs->height = tpx(5);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, l), 8, 8, 100, 50);
	assert_rect(trect(tree, r), 692, 13, 100, 70);
	/* does not fit beside both: goes below the left float, beside the
	 * right one? 700 > 784 - 100, so below the right one too */
	assert_rect(trect(tree, l2), 8, 83, 700, 10);
	assert_rect(trect(tree, c), 8, 93, 784, 5);
	/* the body (not a BFC) does not grow for floats */
	assert_rect(trect(tree, t->body), 8, 8, 784, 90);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_counters_and_before(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ol, *li;
	struct html_node *list = tel(t, t->body, HTML_TAG_OL, &ol);
	tstyle_ahem(ol, 10);
	ol->list_style_type = CSS_LIST_UPPER_ROMAN;
	ol->list_style_position = CSS_LIST_INSIDE;
	tattr(t, list, "start", "3");
	struct html_node *items[2];
	for (int i = 0; i < 2; i++) {
		items[i] = tel(t, list, HTML_TAG_LI, &li);
		li->list_style_type = CSS_LIST_UPPER_ROMAN;
		li->list_style_position = CSS_LIST_INSIDE;
		ttext(t, items[i], "x");
	}
	tdoc_finish(t);
	/* ::before { content: "[" counter(list-item) "]" } on the second item */
	struct css_style *before = base_arena_alloc(&t->doc.arena, sizeof *before);
	*before = *li;
	before->display = CSS_DISPLAY_INLINE;
	struct css_content_item *content = base_arena_calloc(&t->doc.arena, 3, sizeof *content);
	content[0] = (struct css_content_item){.kind = CSS_CONTENT_STRING, .text = "["};
	content[1] = (struct css_content_item){.kind = CSS_CONTENT_COUNTER, .text = "list-item", .list_style = CSS_LIST_DECIMAL};
	content[2] = (struct css_content_item){.kind = CSS_CONTENT_STRING, .text = "]"};
	before->content = content;
	before->content_count = 3;
	t->sd.pseudo[items[1]->element_index * CSS_PSEUDO_COUNT + CSS_PSEUDO_BEFORE] = before;
	struct layout_options opt = {.viewport_width = 800, .viewport_height = 600, .fonts = fonts};
	struct layout_tree *tree = layout_document(&t->sd, &opt);
	struct base_buf out = {0};
	layout_dump(tree, &out);
	assert_non_null(strstr(out.data, "\"III. \""));
	assert_non_null(strstr(out.data, "\"IV. \""));
	assert_non_null(strstr(out.data, "\"[4]\""));
	/* "IV. [4]x" is 8 Ahem squares */
	assert_rect(trect(tree, items[1]), 8, 18, 784, 10);
	base_buf_free(&out);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_hit_test_and_document_size(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *bs, *ss;
	struct html_node *big = tel(t, t->body, HTML_TAG_DIV, &bs);
	bs->width = tpx(1000);
	bs->height = tpx(2000);
	struct html_node *span = tel(t, big, HTML_TAG_SPAN, &ss);
	tstyle_ahem(ss, 10);
	ttext(t, span, "link");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_float_equal(tree->document_width, 1008, 0.01);
	assert_float_equal(tree->document_height, 2016, 0.01);
	struct layout_rect sr = trect(tree, span);
	assert_ptr_equal(layout_hit_test(tree, sr.x + 1, sr.y + 1), span);
	assert_ptr_equal(layout_hit_test(tree, 100, 100), big);
	assert_ptr_equal(layout_hit_test(tree, 4, 4), t->html);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_bfc_root_below_float_and_static_position_in_line(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *fs, *bs, *ps, *as;
	struct html_node *f = tel(t, t->body, HTML_TAG_DIV, &fs);
	fs->float_ = CSS_FLOAT_LEFT;
	fs->width = tpx(100);
	fs->height = tpx(30);
	/* a BFC root 100% wide does not fit beside the float: it goes below */
	struct html_node *b = tel(t, t->body, HTML_TAG_DIV, &bs);
	bs->overflow_x = bs->overflow_y = CSS_OVERFLOW_HIDDEN;
	bs->width = tpct(100);
	bs->height = tpx(10);
	struct html_node *p = tel(t, t->body, HTML_TAG_P, &ps);
	tstyle_ahem(ps, 10);
	ps->width = tpx(50);
	ttext(t, p, "aaaa bb");
	struct html_node *a = tel(t, p, HTML_TAG_SPAN, &as);
	as->position = CSS_POSITION_ABSOLUTE;
	ttext(t, p, " cc");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	(void)f;
	assert_rect(trect(tree, b), 8, 38, 784, 10);
	/* the positioned span sits after "bb" on the second line */
	struct layout_rect r = trect(tree, a);
	assert_float_equal(r.x, 8 + 20, 0.01);
	assert_float_equal(r.y, 58, 0.01);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_anonymous_styles_outlive_the_pass(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ds;
	struct html_node *d = tel(t, t->body, HTML_TAG_DIV, &ds);
	ttext(t, d, "text");
	tel(t, d, HTML_TAG_DIV, NULL);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	/* the anonymous block around "text" points to a style that must
	 * still be readable after layout (ASan checks it) */
	struct base_buf out = {0};
	layout_dump(tree, &out);
	assert_non_null(strstr(out.data, "(anonymous)"));
	const struct layout_fragment *body = tree->root->children[0]->children[0];
	const struct layout_fragment *anon = body->children[0]->children[0];
	assert_null(anon->node);
	assert_true(anon->style->font_size == 16);
	base_buf_free(&out);
	layout_tree_free(tree);
	tdoc_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute_and_relative),
		cmocka_unit_test(test_static_position_and_shrink),
		cmocka_unit_test(test_floats_and_clear),
		cmocka_unit_test(test_counters_and_before),
		cmocka_unit_test(test_hit_test_and_document_size),
		cmocka_unit_test(test_bfc_root_below_float_and_static_position_in_line),
		cmocka_unit_test(test_anonymous_styles_outlive_the_pass),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
