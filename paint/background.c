/* Backgrounds (CSS Backgrounds 3 §3): the background colour under a stack
 * of image layers, each sized (§3.9), positioned (§3.6) in its origin box
 * and repeated (§3.4) within its clip box.
 * https://drafts.csswg.org/css-backgrounds-3/#backgrounds */
#include "paint/display_list.h"

#include <math.h>

/* The border, padding or content box of a fragment as a rounded rect
 * (inner radii per §5.2). */
static struct paint_rrect box_rrect(const struct layout_fragment *f, float x, float y, uint8_t box)
{
	struct paint_rrect r = paint_border_rrect(f, x, y);
	if (box == CSS_BOX_PADDING || box == CSS_BOX_CONTENT) {
		float in[4];
		for (int i = 0; i < 4; i++)
			in[i] = f->border[i] + (box == CSS_BOX_CONTENT ? f->padding[i] : 0.0f);
		r = paint_rrect_inset(&r, in);
	}
	return r;
}

/* background-clip: border-area (Backgrounds 4 §2.1): the painted area is
 * the border box with the padding box cut out, as a mask. */
static void border_area_mask(const struct layout_fragment *f, float x, float y, struct paint_shape *mask)
{
	mask->kind = PAINT_SHAPE_RING;
	mask->a = box_rrect(f, x, y, CSS_BOX_BORDER);
	mask->b = box_rrect(f, x, y, CSS_BOX_PADDING);
}

static struct paint_rect rrect_bounds(const struct paint_rrect *r)
{
	struct paint_rect b = { r->x, r->y, r->x + r->w, r->y + r->h };
	return b;
}

/* §3.9 background-size: the tile size of one layer. */
static void layer_size(const struct css_background_layer *l, float pw, float ph, float iw, float ih, bool intrinsic,
		       float *w, float *h)
{
	if (!intrinsic) {
		iw = pw;
		ih = ph;
	}
	if (l->size_kind == CSS_BG_SIZE_COVER || l->size_kind == CSS_BG_SIZE_CONTAIN) {
		if (!intrinsic || iw <= 0.0f || ih <= 0.0f) {
			*w = pw;
			*h = ph;
			return;
		}
		float sx = pw / iw, sy = ph / ih;
		float s = l->size_kind == CSS_BG_SIZE_COVER ? BASE_MAX(sx, sy) : BASE_MIN(sx, sy);
		*w = iw * s;
		*h = ih * s;
		return;
	}
	bool wauto = l->size_w.kind == CSS_LEN_AUTO, hauto = l->size_h.kind == CSS_LEN_AUTO;
	float rw = wauto ? 0.0f : css_length_resolve(l->size_w, pw);
	float rh = hauto ? 0.0f : css_length_resolve(l->size_h, ph);
	if (wauto && hauto) {
		*w = iw;
		*h = ih;
	} else if (wauto) {
		*h = rh;
		*w = (intrinsic && ih > 0.0f) ? rh * iw / ih : pw;
	} else if (hauto) {
		*w = rw;
		*h = (intrinsic && iw > 0.0f) ? rw * ih / iw : ph;
	} else {
		*w = rw;
		*h = rh;
	}
}

/* One axis of §3.4 background-repeat with §3.6 positioning: the tile
 * start, size and pitch. */
static void layer_axis(uint8_t repeat, struct css_length pos, float area_start, float area_len, float *size,
		       float *start, float *step, bool *repeats)
{
	float s = *size;
	if (repeat == CSS_REPEAT_ROUND && s > 0.0f) {
		float n = BASE_MAX(1.0f, roundf(area_len / s));
		s = area_len / n;
		*size = s;
	}
	*step = s;
	*repeats = repeat != CSS_REPEAT_NO;
	if (repeat == CSS_REPEAT_SPACE && s > 0.0f) {
		float n = floorf(area_len / s);
		if (n >= 2.0f) {
			*step = s + (area_len - n * s) / (n - 1.0f);
			*start = area_start;
			return;
		}
		*repeats = false;
	}
	*start = area_start + css_length_resolve(pos, area_len - s);
}

/* Blink's SnapSourceRectIfNearIntegral: a source rect within a LayoutUnit
 * of whole pixels on every edge is rounded to them. */
static void snap_if_near_integral(float r[4])
{
	const float eps = 1.0f / 64.0f;
	float e[4] = { r[0], r[1], r[0] + r[2], r[1] + r[3] };
	for (int k = 0; k < 4; k++)
		if (fabsf(roundf(e[k]) - e[k]) > eps)
			return;
	r[0] = roundf(e[0]);
	r[1] = roundf(e[1]);
	r[2] = roundf(e[2]) - r[0];
	r[3] = roundf(e[3]) - r[1];
}

/* A background image that one tile covers is drawn by Blink as one image
 * draw of the part of the image under the painting area
 * (DrawTiledBackground's subset: the snapped area's position, its
 * unsnapped size, into the snapped area). Sets the item's placement to
 * that draw's; leaves it alone when more than one tile shows. */
static void single_draw(struct paint_display_list *dl, struct paint_item *it, const struct layout_image *img,
			const struct paint_rrect *area)
{
	const struct paint_pattern *p = &it->pattern;
	float dest[4] = { paint_pixel_snap(area->x), paint_pixel_snap(area->y), 0.0f, 0.0f };
	dest[2] = paint_pixel_snap(area->x + area->w) - dest[0];
	dest[3] = paint_pixel_snap(area->y + area->h) - dest[1];
	const float eps = 1.0f / 64.0f;
	if (!(dest[2] > 0.0f) || !(dest[3] > 0.0f) || p->x > dest[0] + eps || p->y > dest[1] + eps ||
	    p->x + p->w < dest[0] + dest[2] - eps || p->y + p->h < dest[1] + dest[3] - eps)
		return;
	float kx = p->w / (float)img->width, ky = p->h / (float)img->height;
	float src[4] = { (dest[0] - p->x) / kx, (dest[1] - p->y) / ky, area->w / kx, area->h / ky };
	snap_if_near_integral(src);
	if (!(src[2] > 0.0f) || !(src[3] > 0.0f))
		return;
	it->draw = paint_image_place(dl, img, dest, src, &it->pattern);
}

static void paint_layer_image(struct paint_ctx *c, const struct layout_fragment *f, const struct css_style *style,
			      const struct css_background_layer *l, float x, float y, const struct paint_rrect *area)
{
	const struct layout_image *img = NULL;
	bool intrinsic = false;
	if (l->image.kind == CSS_IMAGE_URL) {
		if (!l->image.url || !c->dl->images || !c->dl->images->get)
			return;
		img = c->dl->images->get(c->dl->images->ctx, l->image.url);
		if (!img || img->width <= 0 || img->height <= 0)
			return;
		intrinsic = true;
	}
	/* Positioning area: the origin box, or the viewport when fixed.
	 * Blink sizes and places the image in the box snapped to whole
	 * pixels (BackgroundImageGeometry's snapped positioning area). */
	struct paint_rrect origin = box_rrect(f, x, y, l->origin);
	bool fixed = l->attachment_fixed;
	if (fixed) {
		origin.x = origin.y = 0.0f;
		origin.w = c->dl->viewport_width;
		origin.h = c->dl->viewport_height;
	} else {
		float ox = paint_pixel_snap(origin.x), oy = paint_pixel_snap(origin.y);
		origin.w = paint_pixel_snap(origin.x + origin.w) - ox;
		origin.h = paint_pixel_snap(origin.y + origin.h) - oy;
		origin.x = ox;
		origin.y = oy;
	}
	float w, h;
	layer_size(l, origin.w, origin.h, img ? (float)img->width : 0.0f, img ? (float)img->height : 0.0f, intrinsic,
		   &w, &h);
	if (!(w > 0.0f) || !(h > 0.0f))
		return;
	if (l->repeat_x == CSS_REPEAT_ROUND && l->repeat_y != CSS_REPEAT_ROUND && l->size_h.kind == CSS_LEN_AUTO &&
	    w > 0.0f && origin.w > 0.0f) {
		float nw = origin.w / BASE_MAX(1.0f, roundf(origin.w / w));
		h *= nw / w;
	} else if (l->repeat_y == CSS_REPEAT_ROUND && l->repeat_x != CSS_REPEAT_ROUND &&
		   l->size_w.kind == CSS_LEN_AUTO && h > 0.0f && origin.h > 0.0f) {
		float nh = origin.h / BASE_MAX(1.0f, roundf(origin.h / h));
		w *= nh / h;
	}
	struct paint_pattern p = { 0 };
	p.w = w;
	p.h = h;
	layer_axis(l->repeat_x, l->position_x, origin.x, origin.w, &p.w, &p.x, &p.step_x, &p.repeat_x);
	layer_axis(l->repeat_y, l->position_y, origin.y, origin.h, &p.h, &p.y, &p.step_y, &p.repeat_y);
	p.pixelated = style->image_rendering != CSS_IMAGE_RENDERING_AUTO;
	bool border_area = l->clip == CSS_BOX_BORDER_AREA;
	/* The painted shape: the clip box, narrowed to the tile along axes
	 * that do not repeat (so its edges are anti-aliased like a rect). */
	struct paint_rrect shape = *area;
	if (paint_rrect_is_rect(&shape) && !fixed) {
		if (!p.repeat_x) {
			float x0 = BASE_MAX(shape.x, p.x), x1 = BASE_MIN(shape.x + shape.w, p.x + p.w);
			shape.x = x0;
			shape.w = x1 - x0;
		}
		if (!p.repeat_y) {
			float y0 = BASE_MAX(shape.y, p.y), y1 = BASE_MIN(shape.y + shape.h, p.y + p.h);
			shape.y = y0;
			shape.h = y1 - y0;
		}
		if (!(shape.w > 0.0f) || !(shape.h > 0.0f))
			return;
	}
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, "background-image", f);
	it->snap = true;
	it->shape.kind = PAINT_SHAPE_RRECT;
	it->shape.a = shape;
	it->pattern = p;
	if (border_area)
		border_area_mask(f, x, y, &it->mask);
	if (img) {
		it->source = PAINT_SRC_IMAGE;
		it->image = img;
		if (!p.pixelated && !fixed)
			single_draw(c->dl, it, img, &shape);
	} else {
		it->source = l->image.kind == CSS_IMAGE_RADIAL_GRADIENT ? PAINT_SRC_RADIAL : PAINT_SRC_LINEAR;
		it->gradient = paint_gradient_resolve(c->dl, &l->image, p.w, p.h); /* the tile after rounding */
	}
	if (fixed) {
		/* The pattern stays with the viewport; the clip box scrolls. */
		it->fixed = true;
		if (!c->fixed && !c->tf) {
			struct paint_clip *clip = base_arena_calloc(&c->dl->arena, 1, sizeof(*clip));
			clip->parent = c->clip;
			clip->r = shape;
			it->clip = clip;
			it->shape.kind = PAINT_SHAPE_NONE;
			struct paint_rect vb = { 0, 0, c->dl->viewport_width, c->dl->viewport_height };
			it->bounds = vb;
			return;
		}
	}
	paint_item_bounds(c, it, rrect_bounds(&shape));
}

void paint_background_layers(struct paint_ctx *c, const struct layout_fragment *f, const struct css_style *style,
			     float x, float y, const struct paint_rrect *paint_area_override)
{
	for (size_t i = style->background_count; i-- > 0;) {
		const struct css_background_layer *l = &style->backgrounds[i];
		if (l->image.kind == CSS_IMAGE_NONE)
			continue;
		struct paint_rrect area = paint_area_override ? *paint_area_override : box_rrect(f, x, y, l->clip);
		paint_layer_image(c, f, style, l, x, y, &area);
	}
}

void paint_box_background(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	const struct css_style *s = f->style;
	if (s->background_color.a > 0) {
		uint8_t clip = s->background_count ? s->backgrounds[s->background_count - 1].clip : CSS_BOX_BORDER;
		struct paint_rrect area = box_rrect(f, x, y, clip);
		if (area.w > 0.0f && area.h > 0.0f) {
			struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, "background", f);
	it->snap = true;
			it->shape.kind = PAINT_SHAPE_RRECT;
			it->shape.a = area;
			if (clip == CSS_BOX_BORDER_AREA)
				border_area_mask(f, x, y, &it->mask);
			paint_color_premul(s->background_color, it->color);
			paint_item_bounds(c, it, rrect_bounds(&area));
		}
	}
	paint_background_layers(c, f, s, x, y, NULL);
}
