/* Fonts and the inline formatting context: font resolution like Chromium
 * with the pinned fonts, shaping widths, line breaking, line heights,
 * white-space, text-align, inline boxes, atomic inlines and floats. Ahem
 * (every glyph a 1em square) makes widths exact. */
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

static const char *face_file(const struct layout_face *f)
{
	const char *p = f ? layout_face_path(f) : "";
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* The font list is internal; the faces text ends up with are visible in
 * the glyph runs of text fragments. */
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

static const char *face_for_family(const char *family, int weight, int style, bool quoted)
{
	static char out[256];
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *s;
	struct html_node *d = tel(t, t->body, HTML_TAG_DIV, &s);
	const char **names = base_arena_alloc(&t->doc.arena, sizeof *names);
	bool *q = base_arena_alloc(&t->doc.arena, sizeof *q);
	names[0] = family;
	q[0] = quoted;
	s->font_family.names = names;
	s->font_family.quoted = q;
	s->font_family.count = 1;
	s->font_weight = (uint16_t)weight;
	s->font_style = (uint8_t)style;
	ttext(t, d, "Hello");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	const struct layout_fragment *tf = first_text(tree->root);
	snprintf(out, sizeof out, "%s%s%s", tf && tf->run_count ? face_file(tf->runs[0].face) : "none",
		 tf && tf->run_count && layout_face_synthetic_bold(tf->runs[0].face) ? "+bold" : "",
		 tf && tf->run_count && layout_face_synthetic_oblique(tf->runs[0].face) ? "+oblique" : "");
	layout_tree_free(tree);
	tdoc_free(t);
	return out;
}

static void test_font_resolution(void **state)
{
	(void)state;
	assert_string_equal(face_for_family("serif", 400, 0, false), "LiberationSerif-Regular.ttf");
	assert_string_equal(face_for_family("no such font", 400, 0, false), "LiberationSerif-Regular.ttf");
	assert_string_equal(face_for_family("sans-serif", 400, 0, false), "LiberationSans-Regular.ttf");
	assert_string_equal(face_for_family("Arial", 400, 0, false), "LiberationSans-Regular.ttf");
	assert_string_equal(face_for_family("helvetica", 700, 0, false), "LiberationSans-Bold.ttf");
	assert_string_equal(face_for_family("monospace", 400, 0, false), "DejaVuSansMono.ttf");
	assert_string_equal(face_for_family("Courier New", 400, CSS_FONT_STYLE_ITALIC, false), "LiberationMono-Italic.ttf");
	assert_string_equal(face_for_family("serif", 700, CSS_FONT_STYLE_ITALIC, false), "LiberationSerif-BoldItalic.ttf");
	assert_string_equal(face_for_family("DejaVu Sans", 400, CSS_FONT_STYLE_ITALIC, false), "DejaVuSans.ttf+oblique");
	assert_string_equal(face_for_family("DejaVu Serif", 400, CSS_FONT_STYLE_ITALIC, false), "DejaVuSerif.ttf+oblique");
	assert_string_equal(face_for_family("Ahem", 700, 0, false), "Ahem.ttf+bold");
	/* a quoted generic name is a family name, which does not exist */
	assert_string_equal(face_for_family("sans-serif", 400, 0, true), "LiberationSerif-Regular.ttf");
}

/* Lays out `text` in a div of the given width with Ahem at size; returns
 * the tree (caller frees) and the div in *div. */
static struct layout_tree *ahem_block(struct tdoc **tp, const char *text, float width, float size, struct css_style **ds,
				      struct html_node **div)
{
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *s;
	*div = tel(t, t->body, HTML_TAG_DIV, &s);
	tstyle_ahem(s, size);
	if (width > 0)
		s->width = tpx(width);
	if (ds)
		*ds = s;
	ttext(t, *div, text);
	*tp = t;
	return NULL;
}

static size_t count_lines(const struct layout_fragment *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->child_count; i++)
		n += f->children[i]->kind == LAYOUT_FRAG_LINE;
	return n;
}

static const struct layout_fragment *find_node(const struct layout_fragment *f, const struct html_node *n)
{
	if (f->node == n)
		return f;
	for (size_t i = 0; i < f->child_count; i++) {
		const struct layout_fragment *r = find_node(f->children[i], n);
		if (r)
			return r;
	}
	return NULL;
}

static void test_ahem_line_breaking(void **state)
{
	(void)state;
	struct tdoc *t;
	struct html_node *div;
	ahem_block(&t, "XX XX XX XX", 55, 10, NULL, &div);
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	const struct layout_fragment *df = find_node(tree->root, div);
	assert_non_null(df);
	/* "XX XX" is 50px, a third word does not fit in 55: two lines of
	 * two words, each 10px tall (Ahem ascent 8 + descent 2). */
	assert_int_equal(count_lines(df), 2);
	assert_rect(trect(tree, div), 8, 8, 55, 20);
	const struct layout_fragment *line = df->children[0];
	assert_int_equal(line->child_count, 1);
	assert_float_equal(line->children[0]->width, 50, 0.01);
	assert_string_equal(line->children[0]->text, "XX XX");
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_white_space_collapsing_and_pre(void **state)
{
	(void)state;
	struct tdoc *t;
	struct html_node *div;
	struct css_style *s;
	ahem_block(&t, "  a   b \n c  ", 0, 10, NULL, &div);
	struct css_style *ps;
	struct html_node *pre = tel(t, t->body, HTML_TAG_DIV, &ps);
	tstyle_ahem(ps, 10);
	ps->white_space = CSS_WS_PRE;
	ttext(t, pre, "a  b\n\nc\n");
	struct html_node *nw = tel(t, t->body, HTML_TAG_DIV, &s);
	tstyle_ahem(s, 10);
	s->white_space = CSS_WS_NOWRAP;
	s->width = tpx(20);
	ttext(t, nw, "aa bb cc");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	const struct layout_fragment *df = find_node(tree->root, div);
	assert_int_equal(count_lines(df), 1);
	assert_string_equal(df->children[0]->children[0]->text, "a b c");
	assert_float_equal(df->children[0]->children[0]->width, 50, 0.01);
	/* pre: three lines (the final newline adds none), spaces kept */
	assert_rect(trect(tree, pre), 8, 18, 784, 30);
	assert_rect(trect(tree, nw), 8, 48, 20, 10);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_line_height_and_inline_boxes(void **state)
{
	(void)state;
	struct tdoc *t;
	struct html_node *div;
	struct css_style *ds, *ss;
	ahem_block(&t, "ab ", 0, 20, &ds, &div);
	ds->line_height_kind = CSS_LH_LENGTH;
	ds->line_height = 40;
	struct html_node *span = tel(t, div, HTML_TAG_SPAN, &ss);
	ss->padding[3] = tpx(5);
	ss->border_width[1] = 2;
	ss->margin[3] = tpx(3);
	ttext(t, span, "cd");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, div), 8, 8, 784, 40);
	/* half-leading 10: the span's content area (20px) sits at y 10 */
	assert_rect(trect(tree, span), 8 + 60 + 3, 18, 5 + 40 + 2, 20);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_text_align_and_indent(void **state)
{
	(void)state;
	struct tdoc *t;
	struct html_node *div, *d2;
	struct css_style *ds, *s2;
	ahem_block(&t, "abc", 100, 10, &ds, &div);
	ds->text_align = CSS_TEXT_ALIGN_CENTER;
	d2 = tel(t, t->body, HTML_TAG_DIV, &s2);
	tstyle_ahem(s2, 10);
	s2->width = tpx(100);
	s2->text_align = CSS_TEXT_ALIGN_RIGHT;
	s2->text_indent = tpx(7);
	ttext(t, d2, "ab");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	const struct layout_fragment *df = find_node(tree->root, div);
	const struct layout_fragment *line = df->children[0];
	assert_float_equal(line->children[0]->x, 35, 0.01);
	const struct layout_fragment *l2 = find_node(tree->root, d2)->children[0];
	assert_float_equal(l2->children[0]->x, 80, 0.01);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_inline_block_and_float(void **state)
{
	(void)state;
	struct tdoc *t;
	struct html_node *div;
	struct css_style *ds, *ib, *fl;
	ahem_block(&t, "a", 200, 10, &ds, &div);
	struct html_node *b = tel(t, div, HTML_TAG_SPAN, &ib);
	ib->display = CSS_DISPLAY_INLINE_BLOCK;
	ttext(t, b, "xyz");
	ttext(t, div, " b");
	struct html_node *f = tel(t, t->body, HTML_TAG_DIV, &fl);
	fl->float_ = CSS_FLOAT_LEFT;
	fl->width = tpx(50);
	fl->height = tpx(30);
	struct css_style *after;
	struct html_node *a = tel(t, t->body, HTML_TAG_DIV, &after);
	tstyle_ahem(after, 10);
	ttext(t, a, "q");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	/* shrink-to-fit inline-block: 3 glyphs */
	assert_rect(trect(tree, b), 18, 8, 30, 10);
	assert_rect(trect(tree, f), 8, 18, 50, 30);
	/* the line of the next block is shortened by the float */
	const struct layout_fragment *af = find_node(tree->root, a);
	assert_float_equal(af->children[0]->x, 50, 0.01);
	assert_rect(trect(tree, a), 8, 18, 784, 10);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_br_and_list_marker(void **state)
{
	(void)state;
	struct tdoc *t = tdoc_new(NULL);
	struct css_style *ds, *ul, *li;
	struct html_node *div = tel(t, t->body, HTML_TAG_DIV, &ds);
	tstyle_ahem(ds, 10);
	ttext(t, div, "a");
	tel(t, div, HTML_TAG_BR, NULL);
	ttext(t, div, "b");
	struct html_node *list = tel(t, t->body, HTML_TAG_UL, &ul);
	tstyle_ahem(ul, 10);
	ul->padding[3] = tpx(40);
	struct html_node *item = tel(t, list, HTML_TAG_LI, &li);
	ttext(t, item, "x");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	assert_rect(trect(tree, div), 8, 8, 784, 20);
	assert_rect(trect(tree, item), 48, 28, 744, 10);
	struct base_buf out = {0};
	layout_dump(tree, &out);
	assert_non_null(strstr(out.data, "box <li>::marker -20 0 20 10"));
	base_buf_free(&out);
	layout_tree_free(tree);
	tdoc_free(t);
}

static void test_culled_inline_rects_and_space_breaks(void **state)
{
	(void)state;
	struct tdoc *t;
	struct html_node *div;
	struct css_style *ds, *as;
	ahem_block(&t, "x ", 45, 10, &ds, &div);
	struct html_node *a = tel(t, div, HTML_TAG_A, &as);
	struct css_style *is;
	struct html_node *img = tel(t, a, HTML_TAG_IMG, &is);
	is->width = tpx(5);
	is->height = tpx(30);
	ttext(t, div, " a .bc");
	struct layout_tree *tree = tdoc_layout(t, fonts, 800, 600);
	/* the undecorated <a> reports the image's extent at its text height */
	struct layout_rect ir = trect(tree, img), ar = trect(tree, a);
	assert_float_equal(ar.x, ir.x, 0.01);
	assert_float_equal(ar.width, 5, 0.01);
	assert_float_equal(ar.height, 10, 0.01);
	/* "x <img> a" fits in 45px; Blink breaks before ".bc" after the space */
	const struct layout_fragment *df = find_node(tree->root, div);
	assert_int_equal(count_lines(df), 2);
	assert_string_equal(df->children[1]->children[0]->text, ".bc");
	layout_tree_free(tree);
	tdoc_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_font_resolution),
		cmocka_unit_test(test_ahem_line_breaking),
		cmocka_unit_test(test_white_space_collapsing_and_pre),
		cmocka_unit_test(test_line_height_and_inline_boxes),
		cmocka_unit_test(test_text_align_and_indent),
		cmocka_unit_test(test_inline_block_and_float),
		cmocka_unit_test(test_br_and_list_marker),
		cmocka_unit_test(test_culled_inline_rects_and_space_breaks),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
