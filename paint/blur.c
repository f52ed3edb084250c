/* Gaussian blur of coverage, approximated by three successive box blurs as
 * Filter Effects 1 §feGaussianBlur specifies (and Skia does for shadows):
 * d = floor(sigma * 3 * sqrt(2 * pi) / 4 + 0.5); for odd d three centred
 * boxes of size d, for even d two boxes of size d offset half a pixel
 * each way and one of size d + 1.
 * https://drafts.fxtf.org/filter-effects/#feGaussianBlurElement */
#include "paint/raster.h"

#include <math.h>
#include <string.h>

/* out[i] = mean of in[i - lo .. i - lo + size - 1], zero outside. */
static void box_1d(const float *in, float *out, int n, size_t step, int size, int lo)
{
	float sum = 0.0f;
	float inv = 1.0f / (float)size;
	/* Window for i = 0 covers [-lo, size - 1 - lo]. */
	for (int j = -lo; j <= size - 1 - lo; j++)
		if (j >= 0 && j < n)
			sum += in[(size_t)j * step];
	for (int i = 0; i < n; i++) {
		out[(size_t)i * step] = sum * inv;
		int add = i + 1 + size - 1 - lo, sub = i - lo;
		if (add >= 0 && add < n)
			sum += in[(size_t)add * step];
		if (sub >= 0 && sub < n)
			sum -= in[(size_t)sub * step];
	}
}

static void blur_pass(float *buf, float *tmp, int w, int h, int d)
{
	int sizes[3], los[3];
	if (d % 2) {
		for (int i = 0; i < 3; i++) {
			sizes[i] = d;
			los[i] = (d - 1) / 2;
		}
	} else {
		sizes[0] = d;
		los[0] = d / 2;
		sizes[1] = d;
		los[1] = d / 2 - 1;
		sizes[2] = d + 1;
		los[2] = d / 2;
	}
	/* Horizontal: buf -> tmp -> buf -> tmp, then copy back. */
	for (int y = 0; y < h; y++) {
		float *row = buf + (size_t)y * (size_t)w, *trow = tmp + (size_t)y * (size_t)w;
		box_1d(row, trow, w, 1, sizes[0], los[0]);
		box_1d(trow, row, w, 1, sizes[1], los[1]);
		box_1d(row, trow, w, 1, sizes[2], los[2]);
	}
	for (int x = 0; x < w; x++) {
		box_1d(tmp + x, buf + x, h, (size_t)w, sizes[0], los[0]);
		box_1d(buf + x, tmp + x, h, (size_t)w, sizes[1], los[1]);
		box_1d(tmp + x, buf + x, h, (size_t)w, sizes[2], los[2]);
	}
}

void paint_blur(float *buf, int w, int h, float sigma, float *tmp)
{
	if (sigma <= 0.0f || w <= 0 || h <= 0)
		return;
	int d = (int)floorf(sigma * 3.0f * sqrtf(2.0f * 3.14159265f) / 4.0f + 0.5f);
	if (d <= 1)
		return; /* a box of one pixel changes nothing */
	blur_pass(buf, tmp, w, h, d);
}
