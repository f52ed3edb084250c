/* PNG files through the embedding API. */
#include "shell/api/document.h"

#include <stdlib.h>

int weft_png_write(const char *path, const uint8_t *pixels, int width, int height, size_t stride,
		   struct weft_error *err)
{
	char why[256] = "";
	if (paint_png_write(path, pixels, width, height, stride, why, sizeof why) != 0) {
		shell_error_set(err, WEFT_ERR_RENDER, "cannot write '%s': %s", path, why);
		return WEFT_ERR_RENDER;
	}
	return WEFT_OK;
}

uint8_t *weft_png_read(const char *path, int *width, int *height, struct weft_error *err)
{
	char why[256] = "";
	uint8_t *px = paint_png_read(path, width, height, why, sizeof why);
	if (!px)
		shell_error_set(err, WEFT_ERR_INPUT, "cannot read '%s': %s", path, why);
	return px;
}
