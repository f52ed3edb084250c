/* Image decoder internals shared by image_decode.c and gif.c. */
#ifndef WEFT_PAINT_IMAGE_DECODE_H
#define WEFT_PAINT_IMAGE_DECODE_H

#include "paint/paint.h"

/* Within PAINT_IMAGE_MAX_SIDE and PAINT_IMAGE_MAX_PIXELS? */
bool paint_image_size_ok(long w, long h);
/* Straight to premultiplied alpha, in place. */
void paint_premultiply(uint8_t *px, size_t count);
/* The first frame of a GIF87a/GIF89a file. */
int paint_gif_decode(const unsigned char *b, size_t len, struct layout_image *out, char *err, size_t errlen);

#endif
