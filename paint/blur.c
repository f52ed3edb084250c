/* Gaussian blur of coverage for shadows, in place.
 *
 * Small sigmas use a separable convolution with the normalised Gaussian
 * kernel cut at 3 sigma (what Skia's blur mask filter approximates
 * closely). Larger ones use three successive box blurs whose widths are
 * chosen so that their combined variance equals sigma squared (widths wl
 * and wl + 2, the first m passes with wl): the cost per pixel no longer
 * grows with the radius, and unlike the fixed three-box approximation of
 * Filter Effects 1 the spread matches. Values outside the buffer count as
 * zero; callers add a margin of 3 sigma. */
#include "paint/raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_MAX_SIGMA 4.0f

static void convolve(const float *in, float *out, int n, size_t step, const float *k, int radius)
{
	for (int i = 0; i < n; i++) {
		int lo = BASE_MAX(0, i - radius), hi = BASE_MIN(n - 1, i + radius);
		float sum = 0.0f;
		for (int j = lo; j <= hi; j++)
			sum += in[(size_t)j * step] * k[j - i + radius];
		out[(size_t)i * step] = sum;
	}
}

static void gaussian(float *buf, int w, int h, float sigma, float *tmp)
{
	int radius = (int)ceilf(sigma * 3.0f);
	float k[64];
	float total = 0.0f;
	for (int i = -radius; i <= radius; i++) {
		k[i + radius] = expf(-(float)(i * i) / (2.0f * sigma * sigma));
		total += k[i + radius];
	}
	for (int i = 0; i <= 2 * radius; i++)
		k[i] /= total;
	for (int y = 0; y < h; y++)
		convolve(buf + (size_t)y * (size_t)w, tmp + (size_t)y * (size_t)w, w, 1, k, radius);
	for (int x = 0; x < w; x++)
		convolve(tmp + x, buf + x, h, (size_t)w, k, radius);
}

/* A centred box of odd width over one row or column (running sum). */
static void box(const float *in, float *out, int n, size_t step, int width)
{
	int r = width / 2;
	float inv = 1.0f / (float)width, sum = 0.0f;
	for (int j = 0; j <= r && j < n; j++)
		sum += in[(size_t)j * step];
	for (int i = 0; i < n; i++) {
		out[(size_t)i * step] = sum * inv;
		int add = i + r + 1, sub = i - r;
		if (add < n)
			sum += in[(size_t)add * step];
		if (sub >= 0)
			sum -= in[(size_t)sub * step];
	}
}

static void boxes(float *buf, int w, int h, float sigma, float *tmp)
{
	float ideal = sqrtf(12.0f * sigma * sigma / 3.0f + 1.0f);
	int wl = (int)floorf(ideal);
	if (wl % 2 == 0)
		wl--;
	int wu = wl + 2;
	int m = (int)roundf((12.0f * sigma * sigma - 3.0f * (float)(wl * wl) - 12.0f * (float)wl - 9.0f) /
			    (-4.0f * (float)wl - 4.0f));
	for (int pass = 0; pass < 3; pass++) {
		int width = pass < m ? wl : wu;
		for (int y = 0; y < h; y++)
			box(buf + (size_t)y * (size_t)w, tmp + (size_t)y * (size_t)w, w, 1, width);
		for (int x = 0; x < w; x++)
			box(tmp + x, buf + x, h, (size_t)w, width);
	}
}

void paint_blur(float *buf, int w, int h, float sigma, float *tmp)
{
	if (!(sigma > 0.0f) || w <= 0 || h <= 0)
		return;
	if (sigma <= EXACT_MAX_SIGMA)
		gaussian(buf, w, h, sigma, tmp);
	else
		boxes(buf, w, h, sigma, tmp);
}
