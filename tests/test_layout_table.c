/* Table layout: column widths from cell contents, border-spacing, row
 * heights, colspan, vertical-align in cells (CSS 2.1 §17). */
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

static struct html_node *cell(struct tdoc *t, struct html_node *row, const char *text, struct css_style **cs)
{
	struct css_style *s;
	struct html_node *c = tel(t, row, HTML_TAG_TD, &s);
	s->display = CSS_DISPLAY_TABLE_CELL;
	s->vertical_align = CSS_VA_MIDDLE;
	for (int i = 0; i < 4; i++)
		s->padding[i] = tpx(1);
	ttext(t, c, text);
	if (cs)
		*cs = s;
	return c;
}

static void test_auto_table(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ts, *gs, *rs;
	struct html_node *table = tel(t, t->body, HTML_TAG_TABLE, &ts);
	ts->display = CSS_DISPLAY_TABLE;
	ts->border_spacing_h = ts->border_spacing_v = 2;
	tstyle_ahem(ts, 10);
	struct html_node *tbody = tel(t, table, HTML_TAG_TBODY, &gs);
	gs->display = CSS_DISPLAY_TABLE_ROW_GROUP;
	struct html_node *tr = tel(t, tbody, HTML_TAG_TR, &rs);
	rs->display = CSS_DISPLAY_TABLE_ROW;
	struct html_node *a = cell(t, tr, "XX", NULL);
	struct css_style *bs;
	struct html_node *b = cell(t, tr, "XXXX XX", &bs);
	struct html_node *tr2 = tel(t, tbody, HTML_TAG_TR, &rs);
	rs->display = CSS_DISPLAY_TABLE_ROW;
	struct html_node *wide = cell(t, tr2, "X", NULL);
	tattr(t, wide, "colspan", "2");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	/* columns 22 and 72 (max-content "XXXX XX" + padding), spacing 2 */
	assert_rect(trect(tree, table), 8, 8, 100, 30);
	assert_rect(trect(tree, tbody), 10, 10, 96, 26);
	assert_rect(trect(tree, tr), 10, 10, 96, 12);
	assert_rect(trect(tree, a), 10, 10, 22, 12);
	assert_rect(trect(tree, b), 34, 10, 72, 12);
	assert_rect(trect(tree, wide), 10, 24, 96, 12);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_fixed_width_table_and_middle(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ts, *rs, *as;
	struct html_node *table = tel(t, t->body, HTML_TAG_TABLE, &ts);
	ts->display = CSS_DISPLAY_TABLE;
	ts->width = tpx(200);
	tstyle_ahem(ts, 10);
	struct html_node *tr = tel(t, table, HTML_TAG_TR, &rs);
	rs->display = CSS_DISPLAY_TABLE_ROW;
	struct html_node *a = cell(t, tr, "XX", &as);
	as->height = tpx(40);
	struct html_node *b = cell(t, tr, "XX", NULL);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, table), 8, 8, 200, 42);
	assert_rect(trect(tree, a), 8, 8, 100, 42);
	assert_rect(trect(tree, b), 108, 8, 100, 42);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_anonymous_cell_and_percent_columns(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ts, *a, *b, *t2, *rs, *c1s;
	/* display: table with block children: one anonymous cell stacks them */
	struct html_node *table = tel(t, t->body, HTML_TAG_DIV, &ts);
	ts->display = CSS_DISPLAY_TABLE;
	ts->width = tpct(100);
	struct html_node *da = tel(t, table, HTML_TAG_DIV, &a);
	a->height = tpx(10);
	struct html_node *db = tel(t, table, HTML_TAG_DIV, &b);
	b->height = tpx(20);
	/* percentage columns take their share first */
	struct html_node *t2n = tel(t, t->body, HTML_TAG_TABLE, &t2);
	t2->display = CSS_DISPLAY_TABLE;
	t2->width = tpx(400);
	struct html_node *tr = tel(t, t2n, HTML_TAG_TR, &rs);
	rs->display = CSS_DISPLAY_TABLE_ROW;
	struct html_node *c1 = cell(t, tr, "", &c1s);
	c1s->width = tpct(25);
	struct html_node *c2 = cell(t, tr, "", NULL);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, table), 8, 8, 784, 30);
	assert_rect(trect(tree, da), 8, 8, 784, 10);
	assert_rect(trect(tree, db), 8, 18, 784, 20);
	assert_rect(trect(tree, c1), 8, 38, 100, 2);
	assert_rect(trect(tree, c2), 108, 38, 300, 2);
	layout_tree_free(tree);
	tdoc_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auto_table),
		cmocka_unit_test(test_fixed_width_table_and_middle),
		cmocka_unit_test(test_anonymous_cell_and_percent_columns),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
