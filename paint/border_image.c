/* border-image (CSS Backgrounds 3 §6): the image is cut into nine slices
 * by border-image-slice; the corners are scaled into the corners of the
 * border image area (the border box grown by border-image-outset, with
 * border-image-width for the sides), the edges are stretched, repeated,
 * rounded or spaced along their side, and the middle is drawn only with
 * fill. Each slice is copied once into a small image of its own (in the
 * display list's arena) so the ordinary image patterns can tile it.
 * https://drafts.csswg.org/css-backgrounds-3/#border-images */
#include "paint/display_list.h"

#include <math.h>
#include <string.h>

/* A w x h copy of the image's pixels from (x, y), or NULL when empty. */
static const struct layout_image *crop(struct paint_ctx *c, const struct layout_image *img, int x, int y, int w, int h)
{
	if (w <= 0 || h <= 0)
		return NULL;
	struct layout_image *out = base_arena_calloc(&c->dl->arena, 1, sizeof(*out));
	out->width = w;
	out->height = h;
	out->pixels = base_arena_alloc(&c->dl->arena, (size_t)w * (size_t)h * 4);
	for (int row = 0; row < h; row++)
		memcpy(out->pixels + (size_t)row * (size_t)w * 4,
		       img->pixels + ((size_t)(y + row) * (size_t)img->width + (size_t)x) * 4, (size_t)w * 4);
	return out;
}

/* §6.5 border-image-repeat along one axis of a region: the tile size
 * (already scaled), its start and pitch. */
static bool repeat_axis(uint8_t rule, float start, float len, float *tile, float *pos, float *step, bool *repeats)
{
	float t = *tile;
	*repeats = rule != CSS_BI_STRETCH;
	*step = t;
	switch (rule) {
	case CSS_BI_STRETCH:
		*tile = *step = len;
		*pos = start;
		return len > 0.0f;
	case CSS_BI_REPEAT:
		*pos = start + (len - t) / 2.0f; /* one tile centred */
		return t > 0.0f;
	case CSS_BI_ROUND: {
		if (!(t > 0.0f))
			return false;
		float n = BASE_MAX(1.0f, roundf(len / t));
		*tile = *step = len / n;
		*pos = start;
		return true;
	}
	default: { /* space: whole tiles, the rest shared evenly around them */
		if (!(t > 0.0f))
			return false;
		float n = floorf(len / t);
		if (n < 1.0f)
			return false;
		float gap = (len - n * t) / (n + 1.0f);
		*step = t + gap;
		*pos = start + gap;
		return true;
	}
	}
}

/* Draws one slice into the region (rx, ry, rw, rh) with tiles tw x th
 * before repetition, repeated by the rules for x and y. */
static void draw_piece(struct paint_ctx *c, const struct layout_fragment *f, const struct layout_image *slice, float rx,
		       float ry, float rw, float rh, float tw, float th, uint8_t rule_x, uint8_t rule_y)
{
	if (!slice || !(rw > 0.0f) || !(rh > 0.0f))
		return;
	struct paint_pattern p = { 0 };
	p.w = tw;
	p.h = th;
	if (!repeat_axis(rule_x, rx, rw, &p.w, &p.x, &p.step_x, &p.repeat_x) ||
	    !repeat_axis(rule_y, ry, rh, &p.h, &p.y, &p.step_y, &p.repeat_y))
		return;
	p.pixelated = f->style->image_rendering != CSS_IMAGE_RENDERING_AUTO;
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, "border-image", f);
	it->snap = true;
	it->shape.kind = PAINT_SHAPE_RRECT;
	it->shape.a = (struct paint_rrect){ rx, ry, rw, rh, { 0 }, { 0 } };
	it->source = PAINT_SRC_IMAGE;
	it->image = slice;
	it->pattern = p;
	struct paint_rect b = { rx, ry, rx + rw, ry + rh };
	paint_item_bounds(c, it, b);
}

/* A border-image-width or -outset of one side in px: a multiple of the
 * border width, a length, a percentage of the area's size along that
 * axis, or (widths only) auto, the slice's own size. */
static float side_length(const struct css_border_image_lengths *l, int side, float border, float axis_len, float slice_px)
{
	if (l->is_number & (1u << side))
		return l->number[side] * border;
	if (l->length[side].kind == CSS_LEN_AUTO)
		return slice_px;
	return BASE_MAX(0.0f, css_length_resolve(l->length[side], axis_len));
}

/* Scale factor of a slice of size s drawn at size d; 0 when undefined. */
static float scale_of(float d, float s)
{
	return s > 0.0f && d > 0.0f ? d / s : 0.0f;
}

bool paint_border_image(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	const struct css_style *st = f->style;
	const struct css_image *src = &st->border_image_source;
	if (src->kind != CSS_IMAGE_URL || !src->url || !c->dl->images || !c->dl->images->get)
		return false;
	const struct layout_image *img = c->dl->images->get(c->dl->images->ctx, src->url);
	if (!img || img->width <= 0 || img->height <= 0)
		return false;
	float iw = (float)img->width, ih = (float)img->height;
	/* §6.2 slices in image pixels, clamped to the image. */
	int s[4];
	for (int k = 0; k < 4; k++) {
		const struct css_border_image_slice *sl = &st->border_image_slice;
		float axis = k % 2 == 0 ? ih : iw;
		float v = (sl->percent & (1u << k)) ? sl->value[k] * axis / 100.0f : sl->value[k];
		s[k] = (int)lroundf(BASE_MIN(BASE_MAX(v, 0.0f), axis));
	}
	/* §6.4 the border image area: the border box grown by the outsets. */
	float bx = x, by = y, bw = f->width, bh = f->height;
	float out[4];
	for (int k = 0; k < 4; k++)
		out[k] = side_length(&st->border_image_outset, k, f->border[k], 0.0f, 0.0f);
	float ax = bx - out[3], ay = by - out[0], aw = bw + out[1] + out[3], ah = bh + out[0] + out[2];
	/* §6.3 widths, scaled down together when opposite ones overlap. */
	float w[4];
	for (int k = 0; k < 4; k++)
		w[k] = side_length(&st->border_image_width, k, f->border[k], k % 2 == 0 ? ah : aw, (float)s[k]);
	float fit = 1.0f;
	if (w[1] + w[3] > aw && w[1] + w[3] > 0.0f)
		fit = BASE_MIN(fit, aw / (w[1] + w[3]));
	if (w[0] + w[2] > ah && w[0] + w[2] > 0.0f)
		fit = BASE_MIN(fit, ah / (w[0] + w[2]));
	for (int k = 0; k < 4; k++)
		w[k] *= fit;
	/* Slice rectangles: columns left | middle | right, rows top | middle | bottom. */
	int sx[3] = { 0, s[3], img->width - s[1] }, sw[3] = { s[3], img->width - s[3] - s[1], s[1] };
	int sy[3] = { 0, s[0], img->height - s[2] }, sh[3] = { s[0], img->height - s[0] - s[2], s[2] };
	float dx[3] = { ax, ax + w[3], ax + aw - w[1] }, dw[3] = { w[3], aw - w[3] - w[1], w[1] };
	float dy[3] = { ay, ay + w[0], ay + ah - w[2] }, dh[3] = { w[0], ah - w[0] - w[2], w[2] };
	const uint8_t *rep = st->border_image_repeat;
	for (int row = 0; row < 3; row++)
		for (int col = 0; col < 3; col++) {
			if (row == 1 && col == 1 && !st->border_image_slice.fill)
				continue;
			const struct layout_image *slice = crop(c, img, sx[col], sy[row], sw[col], sh[row]);
			if (!slice)
				continue;
			/* Corners scale to their box; an edge scales by the
			 * factor of its width across the side; the middle by
			 * the top (or bottom) and left (or right) factors. */
			float kx, ky;
			if (col == 1 && row != 1) {
				ky = scale_of(dh[row], (float)sh[row]);
				kx = ky;
			} else if (row == 1 && col != 1) {
				kx = scale_of(dw[col], (float)sw[col]);
				ky = kx;
			} else if (row == 1 && col == 1) {
				kx = scale_of(dh[0], (float)sh[0]);
				if (kx == 0.0f)
					kx = scale_of(dh[2], (float)sh[2]);
				ky = scale_of(dw[0], (float)sw[0]);
				if (ky == 0.0f)
					ky = scale_of(dw[2], (float)sw[2]);
			} else {
				kx = scale_of(dw[col], (float)sw[col]);
				ky = scale_of(dh[row], (float)sh[row]);
			}
			float tw = kx > 0.0f ? (float)sw[col] * kx : dw[col];
			float th = ky > 0.0f ? (float)sh[row] * ky : dh[row];
			uint8_t rx = col == 1 ? rep[0] : CSS_BI_STRETCH, ry = row == 1 ? rep[1] : CSS_BI_STRETCH;
			draw_piece(c, f, slice, dx[col], dy[row], dw[col], dh[row], tw, th, rx, ry);
		}
	return true;
}
