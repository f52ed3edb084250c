/* Replaced elements (CSS 2.1 §10.3.2, §10.6.2; CSS Images 3 §5 default
 * sizing): used width and height from the width/height properties, the
 * intrinsic size and ratio of the image, min/max constraints, and the 300x150
 * default for boxes without intrinsic dimensions. */
#include "layout/internal.h"

#include <string.h>

static float content_len(const struct css_style *s, struct css_length l, float basis, float bp)
{
	float v = css_length_resolve(l, basis);
	if (s->box_sizing == CSS_BOX_SIZING_BORDER_BOX)
		v -= bp;
	return v > 0 ? v : 0;
}

void layout_replaced_size(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height, float *w, float *h)
{
	const struct css_style *s = box->style;
	struct layout_edges m, b, p;
	layout_box_edges(s, cb_width, &m, &b, &p);
	float bpw = b.left + b.right + p.left + p.right, bph = b.top + b.bottom + p.top + p.bottom;
	bool w_set = layout_len_definite(s->width, cb_width);
	bool h_set = layout_len_definite(s->height, cb_height);
	float iw = box->intrinsic_width, ih = box->intrinsic_height;
	bool has_ratio = box->has_intrinsic_ratio && iw > 0 && ih > 0;
	/* CSS Box Sizing 4 §5.1: a <ratio> replaces the natural one, except
	 * in the `auto && <ratio>` form when the content has its own. */
	bool preferred = s->aspect_ratio > 0 && !(s->aspect_ratio_auto && has_ratio);
	if (preferred) {
		has_ratio = true;
		iw = iw > 0 ? iw : ih > 0 ? ih * s->aspect_ratio : 300;
		ih = iw / s->aspect_ratio;
	}
	float ww, hh;
	if (w_set && h_set) {
		ww = content_len(s, s->width, cb_width, bpw);
		hh = content_len(s, s->height, cb_height, bph);
	} else if (w_set) {
		ww = content_len(s, s->width, cb_width, bpw);
		hh = has_ratio ? ww * ih / iw : ih >= 0 ? ih : 150;
	} else if (h_set) {
		hh = content_len(s, s->height, cb_height, bph);
		ww = has_ratio ? hh * iw / ih : iw >= 0 ? iw : 300;
	} else if (box->image || iw >= 0 || preferred) {
		ww = iw >= 0 ? iw : 300;
		hh = ih >= 0 ? ih : 150;
	} else {
		/* A broken image without alt text and without a size. */
		ww = hh = 0;
	}
	/* §10.4 min/max with the ratio kept when only one side is clamped. */
	float bw = layout_clamp_border_width(s, ww + bpw, cb_width, &b, &p) - bpw;
	float bh = layout_clamp_border_height(s, hh + bph, cb_height, &b, &p) - bph;
	if (bw != ww && has_ratio && !h_set)
		bh = layout_clamp_border_height(s, bw * hh / (ww > 0 ? ww : 1) + bph, cb_height, &b, &p) - bph;
	else if (bh != hh && has_ratio && !w_set)
		bw = layout_clamp_border_width(s, bh * ww / (hh > 0 ? hh : 1) + bpw, cb_width, &b, &p) - bpw;
	*w = layout_snap(bw);
	*h = layout_snap(bh);
	(void)ctx;
}

struct layout_fragment *layout_replaced(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height)
{
	struct layout_edges m, b, p;
	layout_box_edges(box->style, cb_width, &m, &b, &p);
	float w, h;
	layout_replaced_size(ctx, box, cb_width, cb_height, &w, &h);
	struct layout_fragment *f = layout_new_fragment(ctx, box->image ? LAYOUT_FRAG_IMAGE : LAYOUT_FRAG_BOX, box);
	f->image = box->image;
	f->width = w + b.left + b.right + p.left + p.right;
	f->height = h + b.top + b.bottom + p.top + p.bottom;
	memcpy(f->margin, &m, sizeof f->margin);
	memcpy(f->border, &b, sizeof f->border);
	memcpy(f->padding, &p, sizeof f->padding);
	f->clips_overflow = true;
	return f;
}
