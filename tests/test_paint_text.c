/* paint: text from real layout (hand-built DOM and styles, see
 * layout_test_doc.h) — Ahem glyphs are em squares, so glyph placement,
 * colour, decorations and HiDPI can be checked pixel by pixel; outline
 * text under rotation; identical output for any thread count. */
#include "layout_test_doc.h"
#include "paint/paint.h"

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

static uint8_t *render(struct layout_tree *tree, int w, int h, float scale, struct base_pool *pool)
{
	struct paint_display_list *dl = paint_build_display_list(tree, NULL);
	uint8_t *px = calloc((size_t)w * (size_t)h, 4);
	struct paint_target t = { .pixels = px, .width = w, .height = h, .stride = (size_t)w * 4, .scale = scale };
	assert_int_equal(paint_rasterize(dl, &t, pool), 0);
	paint_display_list_free(dl);
	return px;
}

static const uint8_t *at(const uint8_t *px, int w, int x, int y)
{
	return px + ((size_t)y * (size_t)w + (size_t)x) * 4;
}

#define ASSERT_RGB(p, R, G, B)                                                                                     \
	do {                                                                                                         \
		const uint8_t *q_ = (p);                                                                             \
		if (q_[0] != (R) || q_[1] != (G) || q_[2] != (B))                                                    \
			fail_msg("pixel is %d,%d,%d, expected %d,%d,%d", q_[0], q_[1], q_[2], (R), (G), (B));        \
	} while (0)

static void test_ahem_squares(void **state)
{
	(void)state;
	struct css_style *bs;
	struct tdoc *t = tdoc_new(&bs);
	tstyle_ahem(bs, 20);
	bs->color = (struct css_color){ 0, 0, 255, 255 };
	ttext(t, t->body, "X X");
	struct layout_tree *tree = tdoc_layout(t, fonts, 100, 50);
	uint8_t *px = render(tree, 100, 50, 1.0f, NULL);
	/* Two 20px squares at x 8 and 48, from y 8 (line of 20px). */
	ASSERT_RGB(at(px, 100, 8, 8), 0, 0, 255);
	ASSERT_RGB(at(px, 100, 27, 27), 0, 0, 255);
	ASSERT_RGB(at(px, 100, 7, 8), 255, 255, 255);
	ASSERT_RGB(at(px, 100, 8, 7), 255, 255, 255);
	ASSERT_RGB(at(px, 100, 28, 20), 255, 255, 255);
	ASSERT_RGB(at(px, 100, 20, 28), 255, 255, 255);
	ASSERT_RGB(at(px, 100, 30, 20), 255, 255, 255); /* the space */
	ASSERT_RGB(at(px, 100, 48, 8), 0, 0, 255);
	ASSERT_RGB(at(px, 100, 67, 27), 0, 0, 255);
	ASSERT_RGB(at(px, 100, 68, 27), 255, 255, 255);
	free(px);

	/* HiDPI: everything twice as large, glyphs rendered at 40px. */
	px = render(tree, 200, 100, 2.0f, NULL);
	ASSERT_RGB(at(px, 200, 16, 16), 0, 0, 255);
	ASSERT_RGB(at(px, 200, 55, 55), 0, 0, 255);
	ASSERT_RGB(at(px, 200, 15, 16), 255, 255, 255);
	ASSERT_RGB(at(px, 200, 56, 55), 255, 255, 255);
	ASSERT_RGB(at(px, 200, 55, 56), 255, 255, 255);
	free(px);
	layout_tree_free(tree);
	tdoc_free(t);
}

/* Glyphs are placed at quarter pixels and their coverage goes through
 * Skia's mask gamma, as Chromium draws text: an Ahem square at x 8.5
 * half covers pixels 8 and 28, and black text there is lighter than a
 * linear blend (contrast 0.2, gamma 1.2 turn coverage 128 into 124). */
static void test_subpixel_glyphs(void **state)
{
	(void)state;
	struct css_style *bs;
	struct tdoc *t = tdoc_new(&bs);
	tstyle_ahem(bs, 20);
	bs->margin[3] = tpx(8.5f);
	ttext(t, t->body, "X");
	struct layout_tree *tree = tdoc_layout(t, fonts, 100, 50);
	uint8_t *px = render(tree, 100, 50, 1.0f, NULL);
	const uint8_t *left = at(px, 100, 8, 15), *right = at(px, 100, 28, 15);
	if (left[0] < 129 || left[0] > 133 || left[0] != left[1] || left[0] != left[2])
		fail_msg("half-covered pixel is %d,%d,%d, expected about 131", left[0], left[1], left[2]);
	ASSERT_RGB(right, left[0], left[1], left[2]);
	ASSERT_RGB(at(px, 100, 9, 15), 0, 0, 0);
	ASSERT_RGB(at(px, 100, 27, 15), 0, 0, 0);
	ASSERT_RGB(at(px, 100, 7, 15), 255, 255, 255);
	ASSERT_RGB(at(px, 100, 29, 15), 255, 255, 255);
	free(px);
	layout_tree_free(tree);
	/* At x 8.25 pixel 8 is three quarters covered: FreeType's coverage
	 * 192, 186 after the mask gamma, blended in 8 bits as Skia does
	 * (the colour weighted 187 of 256): 255 * 69 >> 8 = 68, where a
	 * float blend gives 69. */
	bs->margin[3] = tpx(8.25f);
	tree = tdoc_layout(t, fonts, 100, 50);
	px = render(tree, 100, 50, 1.0f, NULL);
	ASSERT_RGB(at(px, 100, 8, 15), 68, 68, 68);
	free(px);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_decorations_and_shadow(void **state)
{
	(void)state;
	struct css_style *bs, *ss;
	struct tdoc *t = tdoc_new(&bs);
	tstyle_ahem(bs, 20);
	struct html_node *span = tel(t, t->body, HTML_TAG_SPAN, &ss);
	tstyle_ahem(ss, 20);
	ss->text_decoration_line = CSS_TD_LINE_THROUGH;
	ss->text_decoration_color = (struct css_color){ 255, 0, 0, 255 };
	ss->text_decoration_thickness = tpx(2);
	struct css_shadow *sh = base_arena_calloc(&t->doc.arena, 1, sizeof(*sh));
	*sh = (struct css_shadow){ 30, 0, 0, 0, { 0, 128, 0, 255 }, false };
	ss->text_shadows = sh;
	ss->text_shadow_count = 1;
	ttext(t, span, "X");
	struct layout_tree *tree = tdoc_layout(t, fonts, 100, 50);
	uint8_t *px = render(tree, 100, 50, 1.0f, NULL);
	/* The shadow is a green square 30px to the right, under nothing. */
	ASSERT_RGB(at(px, 100, 40, 10), 0, 128, 0);
	ASSERT_RGB(at(px, 100, 57, 27), 0, 128, 0);
	/* The glyph is black, and the red line-through crosses it. */
	ASSERT_RGB(at(px, 100, 10, 10), 0, 0, 0);
	int red = 0;
	for (int y = 8; y < 28; y++)
		red += at(px, 100, 18, y)[0] == 255 && at(px, 100, 18, y)[1] == 0;
	assert_int_equal(red, 2);
	free(px);
	layout_tree_free(tree);
	tdoc_free(t);
}

static const char *sans[] = { "sans-serif" };

static void test_threads_and_rotation(void **state)
{
	(void)state;
	struct css_style *bs, *ds;
	struct tdoc *t = tdoc_new(&bs);
	bs->font_family.names = sans;
	bs->font_family.count = 1;
	struct html_node *div = tel(t, t->body, HTML_TAG_DIV, &ds);
	ttext(t, div, "Hamburgefonstiv quick brown fox jumps over the lazy dog, again and again and again and again.");
	struct layout_tree *tree = tdoc_layout(t, fonts, 300, 300);
	uint8_t *one = render(tree, 300, 300, 1.0f, NULL);
	struct base_pool *pool = base_pool_create(3);
	uint8_t *three = render(tree, 300, 300, 1.0f, pool);
	assert_memory_equal(one, three, 300 * 300 * 4);
	long ink = 0;
	for (size_t i = 0; i < 300 * 300 * 4; i += 4)
		ink += 255 - one[i];
	assert_true(ink > 10000);
	layout_tree_free(tree);

	/* A quarter turn: the same ink within a few percent, in a column. */
	struct css_transform *rot = base_arena_calloc(&t->doc.arena, 1, sizeof(*rot));
	rot->m[1] = 1;
	rot->m[2] = -1;
	rot->m[4] = 150;
	ds->transform = rot;
	ds->transform_origin_x = tpx(0);
	ds->transform_origin_y = tpx(0);
	ds->width = tpx(200);
	tree = tdoc_layout(t, fonts, 300, 300);
	uint8_t *rotated = render(tree, 300, 300, 1.0f, pool);
	long rink = 0, right_of = 0;
	for (int y = 0; y < 300; y++)
		for (int x = 0; x < 300; x++) {
			int v = 255 - at(rotated, 300, x, y)[0];
			rink += v;
			if (x > 160)
				right_of += v;
		}
	assert_true(rink > ink * 85 / 100 && rink < ink * 115 / 100);
	assert_int_equal(right_of, 0); /* turned about (8, 8), moved 150px: left of x = 159 */
	base_pool_destroy(pool);
	free(one);
	free(three);
	free(rotated);
	layout_tree_free(tree);
	tdoc_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ahem_squares),
		cmocka_unit_test(test_subpixel_glyphs),
		cmocka_unit_test(test_decorations_and_shadow),
		cmocka_unit_test(test_threads_and_rotation),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
