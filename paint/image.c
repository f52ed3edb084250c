/* Replaced images: the decoded image fills the fragment's content box
 * (layout has applied object-fit), scaled with bilinear filtering, or
 * nearest-neighbour for image-rendering: pixelated/crisp-edges. As Blink
 * does, the image is drawn into the content box snapped to whole pixels
 * (PixelSnappedIntRect), so an image at a fractional position is copied,
 * not resampled between pixels. */
#include "paint/display_list.h"

#include <math.h>

float paint_pixel_snap(float v)
{
	return floorf(v + 0.5f);
}

void paint_image_fragment(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	const struct layout_image *img = f->image;
	if (!img || img->width <= 0 || img->height <= 0 || !img->pixels)
		return;
	float cx = x + f->border[3] + f->padding[3], cy = y + f->border[0] + f->padding[0];
	float cw = f->width - f->border[1] - f->border[3] - f->padding[1] - f->padding[3];
	float ch = f->height - f->border[0] - f->border[2] - f->padding[0] - f->padding[2];
	if (!(cw > 0.0f) || !(ch > 0.0f))
		return;
	float sx = paint_pixel_snap(cx), sy = paint_pixel_snap(cy);
	cw = paint_pixel_snap(cx + cw) - sx;
	ch = paint_pixel_snap(cy + ch) - sy;
	cx = sx;
	cy = sy;
	if (!(cw > 0.0f) || !(ch > 0.0f))
		return;
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, "image", f);
	it->snap = true;
	it->source = PAINT_SRC_IMAGE;
	it->image = img;
	it->shape.kind = PAINT_SHAPE_RRECT;
	it->shape.a = (struct paint_rrect){ cx, cy, cw, ch, { 0 }, { 0 } };
	/* Rounded corners clip the image to the content box's curve. */
	struct paint_rrect box = paint_border_rrect(f, x, y);
	if (!paint_rrect_is_rect(&box)) {
		float in[4];
		for (int k = 0; k < 4; k++)
			in[k] = f->border[k] + f->padding[k];
		it->shape.a = paint_rrect_inset(&box, in);
	}
	it->pattern = (struct paint_pattern){ cx, cy, cw, ch, cw, ch, false, false,
					      f->style->image_rendering != CSS_IMAGE_RENDERING_AUTO };
	paint_item_bounds(c, it, (struct paint_rect){ cx, cy, cx + cw, cy + ch });
}
