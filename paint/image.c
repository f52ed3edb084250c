/* Replaced images: the decoded image sized and placed in the fragment's
 * content box by object-fit and object-position, scaled with bilinear
 * filtering, or nearest-neighbour for image-rendering:
 * pixelated/crisp-edges. As Blink does, the image is drawn into its rect
 * snapped to whole pixels (PixelSnappedIntRect), so an image at a
 * fractional position is copied, not resampled between pixels; the part
 * outside the content box is left out of the draw (ImagePainter), and
 * Chromium's compositor then decodes that part alone
 * (paint_image_place). */
#include "paint/display_list.h"

#include <math.h>

float paint_pixel_snap(float v)
{
	return floorf(v + 0.5f);
}

const struct paint_image_draw *paint_image_place(struct paint_display_list *dl, const struct layout_image *img,
						 const float dest[4], const float src[4], struct paint_pattern *p)
{
	float kx = dest[2] / src[2], ky = dest[3] / src[3];
	p->x = dest[0] - src[0] * kx;
	p->y = dest[1] - src[1] * ky;
	p->w = p->step_x = (float)img->width * kx;
	p->h = p->step_y = (float)img->height * ky;
	p->repeat_x = p->repeat_y = false;
	if (p->pixelated)
		return NULL; /* nearest-neighbour sampling uses no levels */
	/* cc: the source rounded out to whole pixels, its target size
	 * rounded, MipMapUtil::GetLevelForSize. */
	int x0 = BASE_MAX(0, (int)floorf(src[0])), y0 = BASE_MAX(0, (int)floorf(src[1]));
	int x1 = BASE_MIN(img->width, (int)ceilf(src[0] + src[2])), y1 = BASE_MIN(img->height, (int)ceilf(src[1] + src[3]));
	if (x1 <= x0 || y1 <= y0 || (x0 == 0 && y0 == 0 && x1 == img->width && y1 == img->height))
		return NULL;
	int sw = x1 - x0, sh = y1 - y0;
	int tw = (int)roundf((float)sw * kx), th = (int)roundf((float)sh * ky);
	int level = 0;
	for (int lw = sw, lh = sh; lw > 1 || lh > 1; level++) {
		lw = BASE_MAX(1, lw / 2);
		lh = BASE_MAX(1, lh / 2);
		if (lw < tw || lh < th)
			break;
	}
	if (level == 0)
		return NULL;
	struct paint_image_draw *d = base_arena_calloc(&dl->arena, 1, sizeof(*d));
	d->image = paint_image_subset_level(&dl->arena, img, x0, y0, sw, sh, level);
	if (!d->image)
		return NULL;
	d->pattern = *p;
	d->pattern.x = dest[0] - (src[0] - (float)x0) * kx;
	d->pattern.y = dest[1] - (src[1] - (float)y0) * ky;
	d->pattern.w = d->pattern.step_x = (float)sw * kx;
	d->pattern.h = d->pattern.step_y = (float)sh * ky;
	return d;
}

/* CSS Images 3 §5.5 object-fit: the concrete object size of an image of
 * intrinsic size iw x ih in a cw x ch content box.
 * https://drafts.csswg.org/css-images-3/#the-object-fit */
static void object_size(uint8_t fit, float cw, float ch, float iw, float ih, float *w, float *h)
{
	float contain = BASE_MIN(cw / iw, ch / ih), s;
	switch (fit) {
	case CSS_OBJECT_FIT_CONTAIN:
		s = contain;
		break;
	case CSS_OBJECT_FIT_COVER:
		s = BASE_MAX(cw / iw, ch / ih);
		break;
	case CSS_OBJECT_FIT_NONE:
		s = 1.0f;
		break;
	case CSS_OBJECT_FIT_SCALE_DOWN:
		s = BASE_MIN(contain, 1.0f);
		break;
	default:
		*w = cw;
		*h = ch;
		return;
	}
	*w = iw * s;
	*h = ih * s;
}

static void snap_rect(float x, float y, float w, float h, float out[4])
{
	out[0] = paint_pixel_snap(x);
	out[1] = paint_pixel_snap(y);
	out[2] = paint_pixel_snap(x + w) - out[0];
	out[3] = paint_pixel_snap(y + h) - out[1];
}

void paint_image_fragment(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	const struct layout_image *img = f->image;
	if (!img || img->width <= 0 || img->height <= 0 || !img->pixels)
		return;
	const struct css_style *s = f->style;
	float cx = x + f->border[3] + f->padding[3], cy = y + f->border[0] + f->padding[0];
	float cw = f->width - f->border[1] - f->border[3] - f->padding[1] - f->padding[3];
	float ch = f->height - f->border[0] - f->border[2] - f->padding[0] - f->padding[2];
	if (!(cw > 0.0f) || !(ch > 0.0f))
		return;
	float ow, oh;
	object_size(s->object_fit, cw, ch, (float)img->width, (float)img->height, &ow, &oh);
	float ox = cx + css_length_resolve(s->object_position_x, cw - ow);
	float oy = cy + css_length_resolve(s->object_position_y, ch - oh);
	float dest[4], src[4] = { 0.0f, 0.0f, (float)img->width, (float)img->height };
	snap_rect(ox, oy, ow, oh, dest);
	const float eps = 1.0f / 64.0f;
	if (ox < cx - eps || oy < cy - eps || ox + ow > cx + cw + eps || oy + oh > cy + ch + eps) {
		/* Only the part inside the content box is drawn. */
		float box[4];
		snap_rect(cx, cy, cw, ch, box);
		float x0 = BASE_MAX(box[0], dest[0]), y0 = BASE_MAX(box[1], dest[1]);
		float x1 = BASE_MIN(box[0] + box[2], dest[0] + dest[2]), y1 = BASE_MIN(box[1] + box[3], dest[1] + dest[3]);
		if (!(x1 > x0) || !(y1 > y0) || !(dest[2] > 0.0f) || !(dest[3] > 0.0f))
			return;
		float kx = src[2] / dest[2], ky = src[3] / dest[3];
		src[0] = (x0 - dest[0]) * kx;
		src[1] = (y0 - dest[1]) * ky;
		src[2] = (x1 - x0) * kx;
		src[3] = (y1 - y0) * ky;
		dest[0] = x0;
		dest[1] = y0;
		dest[2] = x1 - x0;
		dest[3] = y1 - y0;
	}
	if (!(dest[2] > 0.0f) || !(dest[3] > 0.0f))
		return;
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, "image", f);
	it->snap = true;
	it->source = PAINT_SRC_IMAGE;
	it->image = img;
	it->shape.kind = PAINT_SHAPE_RRECT;
	it->shape.a = (struct paint_rrect){ dest[0], dest[1], dest[2], dest[3], { 0 }, { 0 } };
	/* Rounded corners clip the image to the content box's curve. */
	struct paint_rrect box = paint_border_rrect(f, x, y);
	if (!paint_rrect_is_rect(&box)) {
		float in[4];
		for (int k = 0; k < 4; k++)
			in[k] = f->border[k] + f->padding[k];
		it->shape.a = paint_rrect_inset(&box, in);
		it->mask.kind = PAINT_SHAPE_RRECT;
		it->mask.a = (struct paint_rrect){ dest[0], dest[1], dest[2], dest[3], { 0 }, { 0 } };
	}
	it->pattern.pixelated = s->image_rendering != CSS_IMAGE_RENDERING_AUTO;
	it->draw = paint_image_place(c->dl, img, dest, src, &it->pattern);
	paint_item_bounds(c, it, (struct paint_rect){ dest[0], dest[1], dest[0] + dest[2], dest[1] + dest[3] });
}
