/* PNG files through libpng's simplified API: RGBA8, straight alpha. */
#include "paint/paint.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int paint_png_write(const char *path, const uint8_t *pixels, int width, int height, size_t stride, char *err,
		    size_t errlen)
{
	if (!pixels || width <= 0 || height <= 0 || stride < (size_t)width * 4 || stride > INT32_MAX) {
		snprintf(err, errlen, "bad image for PNG");
		return -1;
	}
	png_image img;
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)width;
	img.height = (png_uint_32)height;
	img.format = PNG_FORMAT_RGBA;
	if (!png_image_write_to_file(&img, path, 0, pixels, (png_int_32)stride, NULL)) {
		snprintf(err, errlen, "cannot write %s: %s", path, img.message);
		png_image_free(&img);
		return -1;
	}
	return 0;
}

uint8_t *paint_png_read(const char *path, int *width, int *height, char *err, size_t errlen)
{
	png_image img;
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path)) {
		snprintf(err, errlen, "cannot read %s: %s", path, img.message);
		png_image_free(&img);
		return NULL;
	}
	if (img.width > PAINT_IMAGE_MAX_SIDE || img.height > PAINT_IMAGE_MAX_SIDE ||
	    (unsigned long)img.width * img.height > PAINT_IMAGE_MAX_PIXELS) {
		snprintf(err, errlen, "%s: PNG too large", path);
		png_image_free(&img);
		return NULL;
	}
	img.format = PNG_FORMAT_RGBA;
	uint8_t *px = malloc(PNG_IMAGE_SIZE(img));
	if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
		snprintf(err, errlen, "cannot read %s: %s", path, px ? img.message : "out of memory");
		free(px);
		png_image_free(&img);
		return NULL;
	}
	*width = (int)img.width;
	*height = (int)img.height;
	return px;
}
