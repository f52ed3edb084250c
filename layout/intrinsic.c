/* Intrinsic sizes (CSS Sizing 3 §5): min-content and max-content widths of
 * block containers, used for shrink-to-fit widths of floats, inline-blocks
 * and absolutely positioned boxes (CSS 2.1 §10.3.5). Block-level children
 * contribute their outer sizes; inline content is measured by
 * inline_layout.c. */
#include "layout/internal.h"

static float fixed_margin(struct css_length l)
{
	return l.kind == CSS_LEN_FIXED && !l.has_percent ? l.px : 0;
}

static void compute_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w);
static void content_widths(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w);

void layout_intrinsic_widths(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w)
{
	if (!box->has_intrinsic) {
		compute_intrinsic(ctx, box, depth, &box->min_content, &box->max_content);
		/* Intrinsic sizes round up to LayoutUnits, so that content
		 * laid out at its max-content width fits on one line. */
		box->min_content = ceilf(box->min_content * 64.0f) / 64.0f;
		box->max_content = ceilf(box->max_content * 64.0f) / 64.0f;
		box->has_intrinsic = true;
	}
	*min_w = box->min_content;
	*max_w = box->max_content;
}

static void compute_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w)
{
	const struct css_style *s = box->style;
	struct layout_edges m, b, p;
	layout_box_edges(s, 0, &m, &b, &p);
	float bp = b.left + b.right + p.left + p.right;
	if (box->type == LAYOUT_BOX_REPLACED) {
		float w, h;
		layout_replaced_size(ctx, box, -1, -1, &w, &h);
		*min_w = *max_w = w + bp;
		return;
	}
	if (s->aspect_ratio > 0 && layout_len_is_auto(s->width) && s->height.kind == CSS_LEN_FIXED && !s->height.has_percent) {
		/* CSS Box Sizing 4 §5.1: a definite height transfers through
		 * the preferred aspect ratio. */
		float bph = b.top + b.bottom + p.top + p.bottom;
		float w = s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(s->height.px, bph) * s->aspect_ratio
								     : BASE_MAX(s->height.px, 0) * s->aspect_ratio + bp;
		*min_w = *max_w = layout_clamp_border_width(s, BASE_MAX(w, bp), -1, &b, &p);
		return;
	}
	float fw, fh;
	if (layout_form_control_size(ctx, box, &fw, &fh) && layout_len_is_auto(s->width)) {
		*min_w = *max_w = layout_clamp_border_width(s, fw + bp, -1, &b, &p);
		return;
	}
	if (s->width.kind == CSS_LEN_FIXED && !s->width.has_percent) {
		float w = s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(s->width.px, bp) : s->width.px + bp;
		w = layout_clamp_border_width(s, w, -1, &b, &p);
		*min_w = *max_w = w;
		return;
	}
	content_widths(ctx, box, depth, min_w, max_w);
	/* A width of min-content or max-content is that size whatever the
	 * space (CSS Sizing 3 §5.2). */
	if (s->width.kind == CSS_LEN_MIN_CONTENT)
		*max_w = *min_w;
	else if (s->width.kind == CSS_LEN_MAX_CONTENT)
		*min_w = *max_w;
}

/* The min-content and max-content border-box widths from the box's
 * content, clamped by its fixed min-width and max-width. */
static void content_widths(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w)
{
	const struct css_style *s = box->style;
	struct layout_edges m, b, p;
	layout_box_edges(s, 0, &m, &b, &p);
	float bp = b.left + b.right + p.left + p.right;
	float mn = 0, mx = 0;
	if (layout_is_table(box) && depth <= LAYOUT_MAX_DEPTH) {
		layout_table_intrinsic(ctx, box, depth + 1, &mn, &mx);
		*min_w = ceilf(mn * 64.0f) / 64.0f;
		*max_w = ceilf(mx * 64.0f) / 64.0f;
		return;
	}
	if (layout_is_flex(box) && depth <= LAYOUT_MAX_DEPTH) {
		layout_flex_intrinsic(ctx, box, depth + 1, &mn, &mx);
	} else if (layout_is_grid(box) && depth <= LAYOUT_MAX_DEPTH) {
		layout_grid_intrinsic(ctx, box, depth + 1, &mn, &mx);
	} else if (depth > LAYOUT_MAX_DEPTH) {
		/* Flattened beyond the limit: nothing more to measure. */
	} else if (box->type == LAYOUT_BOX_BLOCK && box->inline_content) {
		layout_inline_intrinsic(ctx, box, depth + 1, &mn, &mx);
	} else {
		float float_run = 0;
		for (struct layout_box *c = box->first; c; c = c->next) {
			if (c->is_abspos)
				continue;
			float cmn, cmx;
			layout_intrinsic_widths(ctx, c, depth + 1, &cmn, &cmx);
			float cm = fixed_margin(c->style->margin[1]) + fixed_margin(c->style->margin[3]);
			cmn += cm;
			cmx += cm;
			if (cmn > mn)
				mn = cmn;
			/* Floats side by side add up for max-content. */
			if (c->is_float) {
				float_run += cmx;
				cmx = float_run;
			} else {
				float_run = 0;
			}
			if (cmx > mx)
				mx = cmx;
		}
	}
	float lo = layout_clamp_border_width(s, ceilf(mn * 64.0f) / 64.0f + bp, -1, &b, &p);
	float hi = layout_clamp_border_width(s, ceilf(mx * 64.0f) / 64.0f + bp, -1, &b, &p);
	*min_w = lo;
	*max_w = hi > lo ? hi : lo;
}

/* The min-content and max-content border-box widths of the box's
 * content (CSS Sizing 3 §5.1): as layout_intrinsic_widths, but a fixed
 * width of the box's own does not count. */
void layout_content_widths(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w)
{
	if (box->style->width.kind != CSS_LEN_FIXED || box->type == LAYOUT_BOX_REPLACED) {
		layout_intrinsic_widths(ctx, box, depth, min_w, max_w);
		return;
	}
	content_widths(ctx, box, depth, min_w, max_w);
	*min_w = ceilf(*min_w * 64.0f) / 64.0f;
	*max_w = ceilf(*max_w * 64.0f) / 64.0f;
}

/* CSS Sizing 3 §3.2: the border-box width a min-content, max-content or
 * fit-content value of width, min-width or max-width gives (fit-content:
 * the available space clamped between the two); -1 for other values. */
float layout_keyword_width(struct layout_ctx *ctx, struct layout_box *box, struct css_length l, float available, int depth)
{
	if (l.kind != CSS_LEN_MIN_CONTENT && l.kind != CSS_LEN_MAX_CONTENT && l.kind != CSS_LEN_FIT_CONTENT)
		return -1;
	float mn, mx;
	layout_content_widths(ctx, box, depth, &mn, &mx);
	if (l.kind == CSS_LEN_MIN_CONTENT)
		return mn;
	if (l.kind == CSS_LEN_MAX_CONTENT)
		return mx;
	return BASE_MAX(mn, BASE_MIN(mx, available));
}

/* Clamps a used border-box width by keyword values of max-width and then
 * min-width (CSS 2.1 §10.4 with CSS Sizing 3 §3.2); the fixed values are
 * layout_clamp_border_width's. */
float layout_clamp_keyword_width(struct layout_ctx *ctx, struct layout_box *box, float w, float available, int depth)
{
	float mx = layout_keyword_width(ctx, box, box->style->max_width, available, depth);
	if (mx >= 0 && w > mx)
		w = mx;
	float mn = layout_keyword_width(ctx, box, box->style->min_width, available, depth);
	if (mn >= 0 && w < mn)
		w = mn;
	return w;
}
