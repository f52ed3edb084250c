/* paint: display list order (CSS 2.1 Appendix E) and clip chains, checked
 * on the readable dump of hand-built fragment trees. */
#include "paint_fixture.h"

#include <stdio.h>

/* The dump as a list of "what<tag>" words, one per item. */
static void order_of(struct fx *f, char *out, size_t size)
{
	struct paint_display_list *dl = paint_build_display_list(&f->tree, NULL);
	struct base_buf b = { 0 };
	paint_dump_display_list(dl, &b);
	out[0] = '\0';
	size_t used = 0;
	char *line = b.data;
	line = strchr(line, '\n') + 1; /* skip the canvas line */
	while (line && *line) {
		char *end = strchr(line, '\n');
		char *lt = strchr(line, '<');
		char *sp = line;
		while (*sp == ' ')
			sp++;
		char *word_end = strchr(sp, ' ');
		if (!word_end || (end && word_end > end))
			word_end = end;
		char tag[32] = "";
		if (lt && (!end || lt < end)) {
			char *gt = strchr(lt, '>');
			snprintf(tag, sizeof(tag), "%.*s", (int)(gt - lt - 1), lt + 1);
		}
		used += (size_t)snprintf(out + used, size - used, "%s%.*s:%s", used ? " " : "", (int)(word_end - sp), sp,
					 tag);
		line = end ? end + 1 : NULL;
	}
	base_buf_free(&b);
	paint_display_list_free(dl);
}

static struct layout_fragment *named(struct fx *f, struct layout_fragment *parent, struct css_style *s,
				     const char *name, float x, float y)
{
	if (s->background_color.a == 0)
		s->background_color = (struct css_color){ 10, 20, 30, 255 };
	struct layout_fragment *fr = fx_box(f, parent, s, x, y, 10, 10);
	fr->node = fx_node(f, HTML_TAG_UNKNOWN, name);
	return fr;
}

static struct css_style *positioned(struct fx *f, int z, bool z_auto)
{
	struct css_style *s = fx_style(f);
	s->position = CSS_POSITION_RELATIVE;
	s->z_index = z;
	s->z_index_auto = z_auto;
	return s;
}

static void test_appendix_e(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 200, 200);
	struct css_style *root_s = fx_style(&f);
	struct layout_fragment *root = fx_box(&f, f.root, root_s, 0, 0, 200, 200);
	root->node = fx_node(&f, HTML_TAG_HTML, "html");
	fx_set_border(root, root_s, 1, CSS_BORDER_SOLID, (struct css_color){ 0, 0, 0, 255 });
	struct css_style *body_s = fx_style(&f);
	struct layout_fragment *body = named(&f, root, body_s, "body", 0, 0);

	struct css_style *outlined = fx_style(&f);
	outlined->outline_width = 2;
	outlined->outline_style = CSS_BORDER_SOLID;
	outlined->outline_color = (struct css_color){ 0, 0, 0, 255 };
	named(&f, body, positioned(&f, 2, false), "z2", 0, 0);
	named(&f, body, outlined, "block", 0, 0);
	named(&f, body, positioned(&f, -1, false), "neg", 0, 0);
	struct css_style *fl = fx_style(&f);
	fl->float_ = CSS_FLOAT_LEFT;
	struct layout_fragment *flt = named(&f, body, fl, "float", 0, 0);
	named(&f, flt, fx_style(&f), "infloat", 0, 0);
	struct css_style *ib = fx_style(&f);
	ib->display = CSS_DISPLAY_INLINE_BLOCK;
	struct layout_fragment *line = fx_add(&f, body, LAYOUT_FRAG_LINE, body_s, 0, 0, 100, 10);
	named(&f, line, ib, "ib", 0, 0);
	struct css_style *inl = fx_style(&f);
	inl->display = CSS_DISPLAY_INLINE;
	named(&f, line, inl, "span", 0, 0);
	struct layout_fragment *pos = named(&f, body, positioned(&f, 0, true), "auto", 0, 0);
	named(&f, pos, positioned(&f, -5, false), "nested-neg", 0, 0);
	named(&f, body, positioned(&f, 1, false), "z1", 0, 0);
	named(&f, body, positioned(&f, 0, false), "zero", 0, 0);
	struct css_style *op = fx_style(&f);
	op->opacity = 0.5f;
	named(&f, body, op, "translucent", 0, 0);
	struct css_style *blk2 = fx_style(&f);
	named(&f, body, blk2, "block2", 0, 0);
	/* Flex items stack by z-index without being positioned. */
	struct css_style *flex = fx_style(&f);
	flex->display = CSS_DISPLAY_FLEX;
	struct layout_fragment *fl_box = named(&f, body, flex, "flex", 0, 0);
	struct css_style *item = fx_style(&f);
	item->z_index_auto = false;
	item->z_index = 3;
	named(&f, fl_box, item, "flex-z3", 0, 0);
	named(&f, fl_box, fx_style(&f), "flex-item", 0, 0);

	char order[2048];
	order_of(&f, order, sizeof(order));
	assert_string_equal(order, "border:html "
				   "background:nested-neg background:neg "
				   "background:body background:block background:block2 background:flex background:flex-item "
				   "background:float background:infloat "
				   "background:ib background:span "
				   "background:auto background:zero "
				   "layer:translucent background:translucent end-layer:translucent "
				   "background:z1 background:z2 background:flex-z3 "
				   "outline:block");
	fx_free(&f);
}

static void test_clip_chains(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 200, 200);
	struct css_style *cs = fx_style(&f);
	struct layout_fragment *clipper = named(&f, f.root, cs, "clipper", 10, 10);
	clipper->clips_overflow = true;
	named(&f, clipper, fx_style(&f), "inside", 0, 0);
	struct css_style *abs = fx_style(&f);
	abs->position = CSS_POSITION_ABSOLUTE;
	named(&f, clipper, abs, "escapes", 0, 0);
	struct css_style *rel = positioned(&f, 0, true);
	struct layout_fragment *relf = named(&f, clipper, rel, "rel", 0, 0);
	relf->clips_overflow = true;
	named(&f, relf, abs, "abs-in-rel", 0, 0);

	struct paint_display_list *dl = paint_build_display_list(&f.tree, NULL);
	struct base_buf b = { 0 };
	paint_dump_display_list(dl, &b);
	/* The clipper's own background is not clipped; its in-flow child
	 * is; an absolutely positioned child whose containing block is
	 * outside escapes; inside a positioned clipper it does not. */
	assert_non_null(strstr(b.data, "color rgba(10,20,30,1) <clipper>\n"));
	assert_non_null(strstr(b.data, "clips=1 <inside>\n"));
	assert_non_null(strstr(b.data, "color rgba(10,20,30,1) <escapes>\n"));
	assert_non_null(strstr(b.data, "clips=1 <rel>\n"));
	assert_non_null(strstr(b.data, "clips=2 <abs-in-rel>\n"));
	base_buf_free(&b);
	paint_display_list_free(dl);
	fx_free(&f);
}

static void test_visibility_and_transform(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 200, 200);
	struct css_style *hidden = fx_style(&f);
	hidden->visibility = CSS_VISIBILITY_HIDDEN;
	struct layout_fragment *h = named(&f, f.root, hidden, "hidden", 0, 0);
	named(&f, h, fx_style(&f), "shown", 0, 0);
	struct css_style *tf = fx_style(&f);
	struct css_transform *m = base_arena_calloc(&f.tree.arena, 1, sizeof(*m));
	m->m[0] = 2;
	m->m[3] = 2;
	tf->transform = m;
	named(&f, f.root, tf, "scaled", 20, 20);
	char order[512];
	order_of(&f, order, sizeof(order));
	assert_string_equal(order, "background:shown background:scaled");
	struct paint_display_list *dl = paint_build_display_list(&f.tree, NULL);
	struct base_buf b = { 0 };
	paint_dump_display_list(dl, &b);
	/* Scaled by 2 about its centre (25, 25). */
	assert_non_null(strstr(b.data, "matrix(2,0,0,2,-25,-25) <scaled>"));
	base_buf_free(&b);
	paint_display_list_free(dl);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appendix_e),
		cmocka_unit_test(test_clip_chains),
		cmocka_unit_test(test_visibility_and_transform),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
