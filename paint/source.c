/* Paint sources other than solid colour: image and gradient patterns.
 * A pattern places one tile and repeats it with a pitch (Backgrounds 3
 * §3.4 background-repeat: repeat, space and round all reduce to a tile
 * size and a pitch chosen by the display list builder). */
#include "paint/raster.h"

#include <math.h>

/* Maps a local point into tile coordinates; false outside every tile. */
static bool pattern_uv(const struct paint_pattern *p, float x, float y, float *u, float *v)
{
	float dx = x - p->x, dy = y - p->y;
	if (p->repeat_x && p->step_x > 0.0f)
		dx -= floorf(dx / p->step_x) * p->step_x;
	if (p->repeat_y && p->step_y > 0.0f)
		dy -= floorf(dy / p->step_y) * p->step_y;
	if (dx < 0.0f || dx >= p->w || dy < 0.0f || dy >= p->h)
		return false;
	*u = dx;
	*v = dy;
	return true;
}

static void texel(const struct layout_image *img, int x, int y, float out[4])
{
	x = BASE_MIN(BASE_MAX(x, 0), img->width - 1);
	y = BASE_MIN(BASE_MAX(y, 0), img->height - 1);
	const uint8_t *p = img->pixels + ((size_t)y * (size_t)img->width + (size_t)x) * 4;
	for (int k = 0; k < 4; k++)
		out[k] = (float)p[k] * (1.0f / 255.0f);
}

/* Texel coordinate sx (pixel centres at .5) to Skia's 16.16 fixed point
 * sample position, clamped far outside the image. */
static int32_t fixed_position(float sx)
{
	float v = BASE_MIN(BASE_MAX(sx - 0.5f, -30000.0f), 30000.0f);
	return (int32_t)floorf(v * 65536.0f);
}

/* Bilinear filtering as Skia's raster backend does it for Chromium
 * (SkBitmapProcState): the sample position in 16.16 fixed point keeps four
 * bits of fraction per axis, the four texels are weighted in integers out
 * of 256 and the sum is truncated. Edges clamp. */
static void bilinear(const struct layout_image *img, float sx, float sy, float out[4])
{
	int32_t fx = fixed_position(sx), fy = fixed_position(sy);
	int x0 = fx >> 16, y0 = fy >> 16;
	unsigned wx = (unsigned)(fx >> 12) & 15u, wy = (unsigned)(fy >> 12) & 15u;
	int xa = BASE_MIN(BASE_MAX(x0, 0), img->width - 1), xb = BASE_MIN(BASE_MAX(x0 + 1, 0), img->width - 1);
	int ya = BASE_MIN(BASE_MAX(y0, 0), img->height - 1), yb = BASE_MIN(BASE_MAX(y0 + 1, 0), img->height - 1);
	size_t w = (size_t)img->width;
	const uint8_t *a = img->pixels + ((size_t)ya * w + (size_t)xa) * 4, *b = img->pixels + ((size_t)ya * w + (size_t)xb) * 4;
	const uint8_t *c = img->pixels + ((size_t)yb * w + (size_t)xa) * 4, *d = img->pixels + ((size_t)yb * w + (size_t)xb) * 4;
	unsigned wa = (16 - wx) * (16 - wy), wb = wx * (16 - wy), wc = (16 - wx) * wy, wd = wx * wy;
	for (int k = 0; k < 4; k++)
		out[k] = (float)((a[k] * wa + b[k] * wb + c[k] * wc + d[k] * wd) >> 8) * (1.0f / 255.0f);
}

/* Filtering at tile point (u, v): nearest when pixelated, otherwise
 * bilinear from the mipmap level Chromium picks for a shrunk image (the
 * smallest level still at least as large as the destination, rounded to
 * whole pixels, on both axes; the device pixel covers fx x fy texels of
 * the full image). */
static void image_sample(const struct paint_item *it, float u, float v, float fx, float fy, float out[4])
{
	const struct layout_image *img = it->image;
	if (it->pattern.pixelated) {
		texel(img, (int)floorf(u * (float)img->width / it->pattern.w),
		      (int)floorf(v * (float)img->height / it->pattern.h), out);
		return;
	}
	const struct layout_image *level = img;
	float tw = roundf((float)img->width / BASE_MAX(fx, 1e-6f)), th = roundf((float)img->height / BASE_MAX(fy, 1e-6f));
	while (level->mip && (float)level->mip->width >= tw && (float)level->mip->height >= th)
		level = level->mip;
	bilinear(level, u * (float)level->width / it->pattern.w, v * (float)level->height / it->pattern.h, out);
}

void paint_source_sample(const struct paint_item *it, float x, float y, float dx, float dy, float out[4])
{
	float u, v;
	/* Drawn at one device px per CSS px: the draw Chromium's compositor
	 * makes (background.c), sampled as it is. */
	const struct paint_image_draw *d = it->source == PAINT_SRC_IMAGE ? it->draw : NULL;
	if (d && fabsf(dx - 1.0f) < 1e-4f && fabsf(dy - 1.0f) < 1e-4f) {
		if (!pattern_uv(&d->pattern, x, y, &u, &v)) {
			out[0] = out[1] = out[2] = out[3] = 0.0f;
			return;
		}
		bilinear(d->image, u * (float)d->image->width / d->pattern.w, v * (float)d->image->height / d->pattern.h,
			 out);
		return;
	}
	if (!pattern_uv(&it->pattern, x, y, &u, &v)) {
		out[0] = out[1] = out[2] = out[3] = 0.0f;
		return;
	}
	switch (it->source) {
	case PAINT_SRC_IMAGE:
		if (it->image && it->image->width > 0 && it->image->height > 0 && it->pattern.w > 0.0f &&
		    it->pattern.h > 0.0f) {
			image_sample(it, u, v, dx * (float)it->image->width / it->pattern.w,
				     dy * (float)it->image->height / it->pattern.h, out);
			return;
		}
		break;
	case PAINT_SRC_LINEAR:
	case PAINT_SRC_RADIAL:
		if (it->gradient) {
			paint_gradient_sample(it->gradient, it->source == PAINT_SRC_RADIAL, u, v, out);
			return;
		}
		break;
	}
	out[0] = out[1] = out[2] = out[3] = 0.0f;
}
