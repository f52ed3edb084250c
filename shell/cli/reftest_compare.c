/* reftest_compare.c — pixel comparison as wptrunner does it: per pixel, the
 * largest difference of any channel; a pixel differs when that is > 0. */
#include "shell/cli/reftest.h"

#include <stdlib.h>
#include <string.h>

static inline int channel_max(const uint8_t *a, const uint8_t *b)
{
	int m = 0;
	for (int c = 0; c < 4; c++) {
		int d = abs((int)a[c] - (int)b[c]);
		if (d > m)
			m = d;
	}
	return m;
}

void reftest_compare(const uint8_t *a, const uint8_t *b, int width, int height, struct reftest_diff *out)
{
	uint64_t differing = 0;
	int max_diff = 0;
	size_t n = (size_t)width * (size_t)height;
	for (size_t i = 0; i < n; i++) {
		uint32_t wa, wb;
		memcpy(&wa, a + i * 4, 4);
		memcpy(&wb, b + i * 4, 4);
		if (wa == wb)
			continue;
		differing++;
		int m = channel_max(a + i * 4, b + i * 4);
		if (m > max_diff)
			max_diff = m;
	}
	out->differing = differing;
	out->max_diff = max_diff;
}

void reftest_diff_image(const uint8_t *a, const uint8_t *b, int width, int height, uint8_t *out)
{
	size_t n = (size_t)width * (size_t)height;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *pa = a + i * 4, *pb = b + i * 4;
		uint8_t *po = out + i * 4;
		if (channel_max(pa, pb) > 0) {
			po[0] = 255;
			po[1] = 0;
			po[2] = 0;
		} else {
			/* Luma (BT.601) faded towards white so the red stands out. */
			int grey = (299 * pa[0] + 587 * pa[1] + 114 * pa[2]) / 1000;
			uint8_t faded = (uint8_t)(255 - (255 - grey) / 4);
			po[0] = po[1] = po[2] = faded;
		}
		po[3] = 255;
	}
}
