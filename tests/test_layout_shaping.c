/* Shaping through the word cache (layout/shape_cache.c): text shaped piece
 * by piece must give exactly the glyphs HarfBuzz gives for the whole run,
 * kerning and ligatures with the space included, on a first layout, on a
 * relayout with a warm cache, and without a document cache. */
#include "layout_test_doc.h"

#include <hb.h>

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

static const struct layout_fragment *first_text(const struct layout_fragment *f)
{
	if (f->kind == LAYOUT_FRAG_TEXT)
		return f;
	for (size_t i = 0; i < f->child_count; i++) {
		const struct layout_fragment *t = first_text(f->children[i]);
		if (t)
			return t;
	}
	return NULL;
}

/* Lays out text in one wide line with the family at 20px and checks its
 * glyphs against HarfBuzz shaping the whole string with the same face. */
static void check_line(const char *family, const char *text, struct layout_shape_cache *cache)
{
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *s;
	struct html_node *d = tel(t, t->body, HTML_TAG_DIV, &s);
	const char **names = base_arena_alloc(&t->doc.arena, sizeof *names);
	names[0] = family;
	s->font_family.names = names;
	s->font_family.count = 1;
	s->font_size = 20;
	s->white_space = CSS_WS_PRE;
	ttext(t, d, text);
	tdoc_finish(t);
	struct layout_options opt = {.viewport_width = 4000, .viewport_height = 600, .fonts = fonts, .shape_cache = cache};
	struct layout_tree *tree = layout_document(&t->sd, &opt);
	const struct layout_fragment *tf = first_text(tree->root);
	assert_non_null(tf);
	assert_int_equal(tf->run_count, 1);
	const struct layout_glyph_run *run = &tf->runs[0];

	hb_blob_t *blob = hb_blob_create_from_file(layout_face_path(run->face));
	hb_face_t *face = hb_face_create(blob, (unsigned)layout_face_index(run->face));
	hb_font_t *font = hb_font_create(face);
	unsigned upem = hb_face_get_upem(face);
	hb_font_set_scale(font, (int)upem, (int)upem);
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, text, -1, 0, -1);
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_shape(font, buf, NULL, 0);
	unsigned n = 0;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
	assert_int_equal(run->count, n);
	float scale = 20.0f / (float)upem, pen = 0;
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(run->glyphs[i].id, info[i].codepoint);
		float x = pen + (float)pos[i].x_offset * scale;
		if (run->glyphs[i].x != x)
			fail_msg("'%s' glyph %u at %g, HarfBuzz says %g", text, i, (double)run->glyphs[i].x, (double)x);
		pen += (float)pos[i].x_advance * scale;
	}
	hb_buffer_destroy(buf);
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	layout_tree_free(tree);
	tdoc_free(t);
}

/* Liberation Sans kerns the space with A, T, Y and quotes. */
static const char kerned[] = "A T Y. \"A\" AT Av 'T' L' Tea Ta, T. A A  A";

static void test_kerning_with_spaces(void **state)
{
	(void)state;
	check_line("Arial", kerned, NULL);
	check_line("Times New Roman", kerned, NULL);
}

/* DejaVu Sans joins a space with a following Arabic mark into one glyph;
 * DejaVu Sans Mono has no lookup with the space. */
static void test_marks_after_spaces(void **state)
{
	(void)state;
	check_line("DejaVu Sans", "a \xd9\x91 b \xd9\x8b\xd9\x91" "c  x", NULL);
	check_line("DejaVu Sans Mono", "fi ffl  int x = 1; ", NULL);
}

/* A document's cache gives the same glyphs when it is warm, and pieces
 * cached next to one neighbour are not reused next to another. */
static void test_warm_cache(void **state)
{
	(void)state;
	struct layout_shape_cache *cache = layout_shape_cache_new();
	for (int round = 0; round < 2; round++) {
		check_line("Arial", kerned, cache);
		check_line("Arial", "xA A. T\" Ax", cache);
		check_line("Arial", "A", cache);
		check_line("DejaVu Sans", "a \xd9\x91 b \xd9\x8b\xd9\x91" "c  x", cache);
	}
	layout_shape_cache_free(cache);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kerning_with_spaces),
		cmocka_unit_test(test_marks_after_spaces),
		cmocka_unit_test(test_warm_cache),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
