/* Hand-built fragment trees and styles for the paint tests: paint is
 * tested on its own, without parsing, styling or layout. Header-only,
 * included by tests/test_paint_*.c. */
#ifndef WEFT_TEST_PAINT_FIXTURE_H
#define WEFT_TEST_PAINT_FIXTURE_H

#include "paint/paint.h"
#include "support/test_support.h"

#include <stdlib.h>
#include <string.h>

struct fx {
	struct layout_tree tree;
	struct css_style *initial;
	struct layout_fragment *root; /* the initial containing block */
};

static inline struct css_style *fx_style(struct fx *f)
{
	struct css_style *s = base_arena_calloc(&f->tree.arena, 1, sizeof(*s));
	s->display = CSS_DISPLAY_BLOCK;
	s->opacity = 1.0f;
	s->z_index_auto = true;
	s->color = (struct css_color){ 0, 0, 0, 255 };
	s->font_size = 16.0f;
	s->transform_origin_x = (struct css_length){ 0, 50, CSS_LEN_FIXED, true };
	s->transform_origin_y = (struct css_length){ 0, 50, CSS_LEN_FIXED, true };
	return s;
}

static inline struct html_node *fx_node(struct fx *f, enum html_tag tag, const char *name)
{
	struct html_node *n = base_arena_calloc(&f->tree.arena, 1, sizeof(*n));
	n->type = HTML_NODE_ELEMENT;
	n->tag = tag;
	n->local_name = name;
	return n;
}

static inline struct layout_fragment *fx_add(struct fx *f, struct layout_fragment *parent, int kind,
					     const struct css_style *s, float x, float y, float w, float h)
{
	struct layout_fragment *fr = base_arena_calloc(&f->tree.arena, 1, sizeof(*fr));
	fr->kind = (uint8_t)kind;
	fr->style = s;
	fr->x = x;
	fr->y = y;
	fr->width = w;
	fr->height = h;
	fr->overflow = (struct layout_rect){ 0, 0, w, h };
	if (parent) {
		struct layout_fragment **kids = base_arena_alloc(&f->tree.arena, (parent->child_count + 1) * sizeof(*kids));
		if (parent->child_count)
			memcpy(kids, parent->children, parent->child_count * sizeof(*kids));
		kids[parent->child_count++] = fr;
		parent->children = kids;
	}
	return fr;
}

static inline struct layout_fragment *fx_box(struct fx *f, struct layout_fragment *parent, const struct css_style *s,
					     float x, float y, float w, float h)
{
	return fx_add(f, parent, LAYOUT_FRAG_BOX, s, x, y, w, h);
}

static inline void fx_init(struct fx *f, float w, float h)
{
	memset(f, 0, sizeof(*f));
	base_arena_init(&f->tree.arena, 64 * 1024);
	f->tree.viewport_width = f->tree.document_width = w;
	f->tree.viewport_height = f->tree.document_height = h;
	f->initial = fx_style(f);
	f->root = fx_box(f, NULL, f->initial, 0, 0, w, h);
	f->tree.root = f->root;
}

static inline void fx_free(struct fx *f)
{
	base_arena_free(&f->tree.arena);
}

static inline void fx_set_border(struct layout_fragment *fr, struct css_style *s, float w, uint8_t style,
				 struct css_color c)
{
	for (int i = 0; i < 4; i++) {
		fr->border[i] = w;
		s->border_width[i] = w;
		s->border_style[i] = style;
		s->border_color[i] = c;
	}
}

static inline void fx_radius(struct css_style *s, float r)
{
	for (int i = 0; i < 4; i++)
		for (int k = 0; k < 2; k++)
			s->border_radius[i][k] = (struct css_length){ r, 0, CSS_LEN_FIXED, false };
}

/* Renders the tree into a new w x h RGBA buffer (caller frees). */
static inline uint8_t *fx_render(struct fx *f, int w, int h, float scale, struct base_pool *pool)
{
	struct paint_display_list *dl = paint_build_display_list(&f->tree, NULL);
	uint8_t *px = calloc((size_t)w * (size_t)h, 4);
	struct paint_target t = { .pixels = px, .width = w, .height = h, .stride = (size_t)w * 4, .scale = scale };
	assert_int_equal(paint_rasterize(dl, &t, pool), 0);
	paint_display_list_free(dl);
	return px;
}

static inline const uint8_t *fx_px(const uint8_t *px, int w, int x, int y)
{
	return px + ((size_t)y * (size_t)w + (size_t)x) * 4;
}

#define FX_ASSERT_RGBA(p, R, G, B, A)                                                                              \
	do {                                                                                                         \
		const uint8_t *q_ = (p);                                                                             \
		if (q_[0] != (R) || q_[1] != (G) || q_[2] != (B) || q_[3] != (A))                                    \
			fail_msg("pixel is %d,%d,%d,%d, expected %d,%d,%d,%d", q_[0], q_[1], q_[2], q_[3], (R), (G), \
				 (B), (A));                                                                         \
	} while (0)

#define FX_ASSERT_NEAR(p, R, G, B, tol)                                                                            \
	do {                                                                                                         \
		const uint8_t *q_ = (p);                                                                             \
		if (abs(q_[0] - (R)) > (tol) || abs(q_[1] - (G)) > (tol) || abs(q_[2] - (B)) > (tol))                 \
			fail_msg("pixel is %d,%d,%d, expected about %d,%d,%d", q_[0], q_[1], q_[2], (R), (G), (B));  \
	} while (0)

#endif
