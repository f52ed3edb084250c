/* Gaussian blur of coverage for shadows: a separable convolution with the
 * normalised Gaussian kernel of standard deviation sigma, cut at 3 sigma
 * (what Skia's blur mask filter approximates closely; the three-box
 * approximation of Filter Effects 1 falls visibly short in the tails).
 * Values outside the buffer count as zero; callers add a margin. */
#include "paint/raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

void paint_blur(float *buf, int w, int h, float sigma, float *tmp)
{
	if (!(sigma > 0.0f) || w <= 0 || h <= 0)
		return;
	int radius = (int)ceilf(sigma * 3.0f);
	if (radius > 1024)
		radius = 1024;
	float *k = base_xmalloc((size_t)(2 * radius + 1) * sizeof(float));
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
	free(k);
}
