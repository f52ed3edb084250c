/* Box geometry shared by the formatting contexts: used margins, borders and
 * paddings (CSS 2.1 §8), the width/height properties with box-sizing (CSS
 * UI 3 §4.1) and min/max clamping (CSS 2.1 §10.4, §10.7), fragment
 * allocation. */
#include "layout/internal.h"

#include <string.h>

void layout_box_edges(const struct css_style *s, float cb_width, struct layout_edges *margin, struct layout_edges *border,
		      struct layout_edges *padding)
{
	float ref = cb_width > 0 ? cb_width : 0;
	float *m = &margin->top, *b = &border->top, *p = &padding->top;
	for (int i = 0; i < 4; i++) {
		m[i] = layout_len_is_auto(s->margin[i]) ? 0 : layout_unit(css_length_resolve(s->margin[i], ref));
		/* A border of style none or hidden has no width. */
		bool none = s->border_style[i] == CSS_BORDER_NONE || s->border_style[i] == CSS_BORDER_HIDDEN;
		b[i] = none ? 0 : s->border_width[i];
		float pv = layout_unit(css_length_resolve(s->padding[i], ref));
		p[i] = pv > 0 ? pv : 0;
	}
}

static float size_to_border_box(const struct css_style *s, float v, float bp)
{
	if (s->box_sizing == CSS_BOX_SIZING_BORDER_BOX)
		return v > bp ? v : bp;
	return (v > 0 ? v : 0) + bp;
}

float layout_specified_border_width(const struct css_style *s, float cb_width, const struct layout_edges *border,
				    const struct layout_edges *padding)
{
	if (!layout_len_definite(s->width, cb_width))
		return -1;
	float bp = border->left + border->right + padding->left + padding->right;
	return layout_unit(size_to_border_box(s, css_length_resolve(s->width, cb_width), bp));
}

float layout_clamp_border_width(const struct css_style *s, float w, float cb_width, const struct layout_edges *border,
				const struct layout_edges *padding)
{
	float bp = border->left + border->right + padding->left + padding->right;
	if (s->max_width.kind == CSS_LEN_FIXED && layout_len_definite(s->max_width, cb_width)) {
		float mx = size_to_border_box(s, css_length_resolve(s->max_width, cb_width), bp);
		if (w > mx)
			w = mx;
	}
	if (s->min_width.kind == CSS_LEN_FIXED && layout_len_definite(s->min_width, cb_width)) {
		float mn = size_to_border_box(s, css_length_resolve(s->min_width, cb_width), bp);
		if (w < mn)
			w = mn;
	}
	return w < bp ? bp : layout_unit(w);
}

float layout_clamp_border_height(const struct css_style *s, float h, float cb_height, const struct layout_edges *border,
				 const struct layout_edges *padding)
{
	float bp = border->top + border->bottom + padding->top + padding->bottom;
	if (s->max_height.kind == CSS_LEN_FIXED && layout_len_definite(s->max_height, cb_height)) {
		float mx = size_to_border_box(s, css_length_resolve(s->max_height, cb_height), bp);
		if (h > mx)
			h = mx;
	}
	if (s->min_height.kind == CSS_LEN_FIXED && layout_len_definite(s->min_height, cb_height)) {
		float mn = size_to_border_box(s, css_length_resolve(s->min_height, cb_height), bp);
		if (h < mn)
			h = mn;
	}
	return h < bp ? bp : layout_unit(h);
}

struct layout_fragment *layout_new_fragment(struct layout_ctx *ctx, uint8_t kind, const struct layout_box *box)
{
	struct layout_fragment *f = base_arena_calloc(&ctx->tree->arena, 1, sizeof *f);
	f->kind = kind;
	if (box) {
		f->node = box->type == LAYOUT_BOX_TEXT ? NULL : box->node;
		f->text_node = box->text_node;
		f->pseudo = box->pseudo;
		f->style = box->style;
	}
	if (!f->style)
		f->style = ctx->sd->initial;
	ctx->has_sticky |= f->style->position == CSS_POSITION_STICKY;
	return f;
}

void layout_fragment_set_children(struct layout_ctx *ctx, struct layout_fragment *f, struct base_vec *children)
{
	f->child_count = children->len;
	f->children = children->len ? base_arena_memdup(&ctx->tree->arena, children->items, children->len * sizeof(void *)) : NULL;
	base_vec_free(children);
}

void layout_apply_relative(const struct css_style *s, float cb_width, float cb_height, float *dx, float *dy)
{
	*dx = *dy = 0;
	if (s->position != CSS_POSITION_RELATIVE)
		return;
	/* CSS 2.1 §9.4.3: left wins over right, top over bottom (LTR). */
	if (!layout_len_is_auto(s->inset[3]))
		*dx = css_length_resolve(s->inset[3], cb_width);
	else if (!layout_len_is_auto(s->inset[1]))
		*dx = -css_length_resolve(s->inset[1], cb_width);
	float ch = cb_height >= 0 ? cb_height : 0;
	if (!layout_len_is_auto(s->inset[0]) && (!s->inset[0].has_percent || cb_height >= 0))
		*dy = css_length_resolve(s->inset[0], ch);
	else if (!layout_len_is_auto(s->inset[2]) && (!s->inset[2].has_percent || cb_height >= 0))
		*dy = -css_length_resolve(s->inset[2], ch);
}
