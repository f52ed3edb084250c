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

static void bilinear(const struct layout_image *img, float sx, float sy, float out[4])
{
	sx -= 0.5f;
	sy -= 0.5f;
	float fx0 = floorf(sx), fy0 = floorf(sy);
	int x0 = (int)fx0, y0 = (int)fy0;
	float fx = sx - fx0, fy = sy - fy0;
	float a[4], b[4], c[4], d[4];
	texel(img, x0, y0, a);
	texel(img, x0 + 1, y0, b);
	texel(img, x0, y0 + 1, c);
	texel(img, x0 + 1, y0 + 1, d);
	for (int k = 0; k < 4; k++) {
		float top = a[k] + (b[k] - a[k]) * fx, bot = c[k] + (d[k] - c[k]) * fx;
		out[k] = top + (bot - top) * fy;
	}
}

/* Filtering at tile point (u, v): nearest when pixelated, bilinear when
 * magnifying, and when minifying the mean of bilinear samples spread over
 * the device pixel's footprint (fx x fy texels), which stands in for the
 * mipmaps browsers use so that shrunken images do not alias. */
static void image_sample(const struct paint_item *it, float u, float v, float fx, float fy, float out[4])
{
	const struct layout_image *img = it->image;
	float sx = u * (float)img->width / it->pattern.w, sy = v * (float)img->height / it->pattern.h;
	if (it->pattern.pixelated) {
		texel(img, (int)floorf(sx), (int)floorf(sy), out);
		return;
	}
	int nx = (int)BASE_MIN(ceilf(fx), 8.0f), ny = (int)BASE_MIN(ceilf(fy), 8.0f);
	if (nx <= 1 && ny <= 1) {
		bilinear(img, sx, sy, out);
		return;
	}
	nx = BASE_MAX(nx, 1);
	ny = BASE_MAX(ny, 1);
	float acc[4] = { 0, 0, 0, 0 }, s[4];
	for (int j = 0; j < ny; j++)
		for (int i = 0; i < nx; i++) {
			bilinear(img, sx + fx * (((float)i + 0.5f) / (float)nx - 0.5f),
				 sy + fy * (((float)j + 0.5f) / (float)ny - 0.5f), s);
			for (int k = 0; k < 4; k++)
				acc[k] += s[k];
		}
	float inv = 1.0f / (float)(nx * ny);
	for (int k = 0; k < 4; k++)
		out[k] = acc[k] * inv;
}

void paint_source_sample(const struct paint_item *it, float x, float y, float dx, float dy, float out[4])
{
	float u, v;
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
