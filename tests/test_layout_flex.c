/* Flex layout (CSS Flexbox 1 §9): growing, shrinking, wrapping,
 * justify-content, align-items, column direction. */
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

static struct html_node *item(struct tdoc *t, struct html_node *parent, float w, float h, float grow, struct css_style **out)
{
	struct css_style *s;
	struct html_node *d = tel(t, parent, HTML_TAG_DIV, &s);
	if (w >= 0)
		s->width = tpx(w);
	if (h >= 0)
		s->height = tpx(h);
	s->flex_grow = grow;
	s->min_width = (struct css_length){.kind = CSS_LEN_AUTO};
	s->min_height = (struct css_length){.kind = CSS_LEN_AUTO};
	if (out)
		*out = s;
	return d;
}

static void test_row_grow_and_stretch(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *fs;
	struct html_node *flex = tel(t, t->body, HTML_TAG_DIV, &fs);
	fs->display = CSS_DISPLAY_FLEX;
	fs->width = tpx(300);
	fs->column_gap = tpx(10);
	struct html_node *a = item(t, flex, 50, 20, 1, NULL);
	struct html_node *b = item(t, flex, 30, -1, 2, NULL);
	struct html_node *c = item(t, flex, 20, 40, 0, NULL);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	/* free space 300 - 100 - 20 = 180: a +60, b +120 */
	assert_rect(trect(tree, flex), 8, 8, 300, 40);
	assert_rect(trect(tree, a), 8, 8, 110, 20);
	assert_rect(trect(tree, b), 128, 8, 150, 40); /* stretched */
	assert_rect(trect(tree, c), 288, 8, 20, 40);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_wrap_justify_center_column(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *fs, *cs;
	struct html_node *flex = tel(t, t->body, HTML_TAG_DIV, &fs);
	fs->display = CSS_DISPLAY_FLEX;
	fs->flex_wrap = CSS_FLEX_WRAP;
	fs->width = tpx(100);
	fs->justify_content = CSS_ALIGN_CENTER;
	fs->align_items = CSS_ALIGN_FLEX_START;
	struct html_node *a = item(t, flex, 60, 10, 0, NULL);
	struct html_node *b = item(t, flex, 60, 20, 0, NULL);
	struct html_node *col = tel(t, t->body, HTML_TAG_DIV, &cs);
	cs->display = CSS_DISPLAY_FLEX;
	cs->flex_direction = CSS_FLEX_COLUMN;
	cs->height = tpx(100);
	struct html_node *c = item(t, col, -1, 10, 1, NULL);
	struct html_node *d = item(t, col, 40, 30, 0, NULL);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, a), 28, 8, 60, 10);
	assert_rect(trect(tree, b), 28, 18, 60, 20);
	assert_rect(trect(tree, flex), 8, 8, 100, 30);
	assert_rect(trect(tree, c), 8, 38, 784, 70);
	assert_rect(trect(tree, d), 8, 108, 40, 30);
	layout_tree_free(tree);
	tdoc_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_row_grow_and_stretch),
		cmocka_unit_test(test_wrap_justify_center_column),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
