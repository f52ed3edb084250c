/* Image decoding: PNG (libpng), JPEG (libjpeg-turbo) and GIF (gif.c),
 * sniffed by signature (WHATWG MIME Sniffing §6.1 image patterns), to
 * premultiplied RGBA8. Broken, truncated or lying files and absurd sizes
 * give an error string, never a crash.
 * https://mimesniff.spec.whatwg.org/#matching-an-image-type-pattern */
#include "paint/image_decode.h"

#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool paint_image_size_ok(long w, long h)
{
	return w > 0 && h > 0 && w <= PAINT_IMAGE_MAX_SIDE && h <= PAINT_IMAGE_MAX_SIDE &&
	       (unsigned long)w * (unsigned long)h <= PAINT_IMAGE_MAX_PIXELS;
}

void paint_premultiply(uint8_t *px, size_t count)
{
	for (size_t i = 0; i < count; i++, px += 4) {
		unsigned a = px[3];
		if (a == 255)
			continue;
		for (int k = 0; k < 3; k++)
			px[k] = (uint8_t)((px[k] * a + 127) / 255);
	}
}

static int decode_png(const char *bytes, size_t len, struct layout_image *out, char *err, size_t errlen)
{
	png_image img;
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, bytes, len)) {
		snprintf(err, errlen, "broken PNG: %s", img.message);
		png_image_free(&img);
		return -1;
	}
	if (!paint_image_size_ok((long)img.width, (long)img.height)) {
		snprintf(err, errlen, "PNG too large (%ux%u)", img.width, img.height);
		png_image_free(&img);
		return -1;
	}
	img.format = PNG_FORMAT_RGBA;
	size_t size = PNG_IMAGE_SIZE(img);
	uint8_t *px = malloc(size);
	if (!px) {
		png_image_free(&img);
		snprintf(err, errlen, "out of memory for PNG");
		return -1;
	}
	if (!png_image_finish_read(&img, NULL, px, 0, NULL)) {
		snprintf(err, errlen, "broken PNG: %s", img.message);
		free(px);
		png_image_free(&img);
		return -1;
	}
	out->width = (int)img.width;
	out->height = (int)img.height;
	out->pixels = px;
	png_image_free(&img);
	paint_premultiply(px, (size_t)out->width * (size_t)out->height);
	return 0;
}

struct jpeg_err {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
};

static void jpeg_fail(j_common_ptr cinfo)
{
	struct jpeg_err *e = (struct jpeg_err *)cinfo->err;
	cinfo->err->format_message(cinfo, e->message);
	longjmp(e->jump, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
	(void)cinfo;
	(void)level;
}

static int decode_jpeg(const char *bytes, size_t len, struct layout_image *out, char *err, size_t errlen)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_err jerr;
	uint8_t *volatile px = NULL;
	uint8_t *volatile row = NULL;
	memset(&cinfo, 0, sizeof(cinfo));
	cinfo.err = jpeg_std_error(&jerr.mgr);
	jerr.mgr.error_exit = jpeg_fail;
	jerr.mgr.emit_message = jpeg_quiet;
	if (setjmp(jerr.jump)) {
		snprintf(err, errlen, "broken JPEG: %s", jerr.message);
		jpeg_destroy_decompress(&cinfo);
		free(px);
		free(row);
		return -1;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, (const unsigned char *)bytes, (unsigned long)len);
	jpeg_read_header(&cinfo, TRUE);
	if (!paint_image_size_ok((long)cinfo.image_width, (long)cinfo.image_height)) {
		snprintf(err, errlen, "JPEG too large (%ux%u)", cinfo.image_width, cinfo.image_height);
		jpeg_destroy_decompress(&cinfo);
		return -1;
	}
	bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
	cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
	jpeg_start_decompress(&cinfo);
	size_t w = cinfo.output_width, h = cinfo.output_height;
	int comps = cinfo.output_components;
	px = malloc(w * h * 4);
	row = malloc(w * (size_t)comps);
	if (!px || !row) {
		snprintf(err, errlen, "out of memory for JPEG");
		jpeg_destroy_decompress(&cinfo);
		free(px);
		free(row);
		return -1;
	}
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW rows[1] = { row };
		size_t y = cinfo.output_scanline;
		if (jpeg_read_scanlines(&cinfo, rows, 1) != 1)
			break;
		uint8_t *dst = px + y * w * 4;
		for (size_t x = 0; x < w; x++, dst += 4) {
			const uint8_t *s = row + x * (size_t)comps;
			if (cmyk) {
				/* Adobe CMYK JPEGs store inverted values. */
				unsigned k = s[3];
				dst[0] = (uint8_t)(s[0] * k / 255);
				dst[1] = (uint8_t)(s[1] * k / 255);
				dst[2] = (uint8_t)(s[2] * k / 255);
			} else if (comps == 1) {
				dst[0] = dst[1] = dst[2] = s[0];
			} else {
				dst[0] = s[0];
				dst[1] = s[1];
				dst[2] = s[2];
			}
			dst[3] = 255;
		}
	}
	/* A truncated stream is filled with grey by libjpeg (with a
	 * warning), as browsers show the part that arrived. */
	jpeg_finish_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	free(row);
	out->width = (int)w;
	out->height = (int)h;
	out->pixels = px;
	return 0;
}

int paint_image_decode(const char *bytes, size_t len, struct layout_image *out, char *err, size_t errlen)
{
	const unsigned char *b = (const unsigned char *)bytes;
	out->mip = NULL;
	if (!bytes || len == 0) {
		snprintf(err, errlen, "empty image");
		return -1;
	}
	if (len >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return decode_png(bytes, len, out, err, errlen);
	if (len >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return decode_jpeg(bytes, len, out, err, errlen);
	if (len >= 6 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0))
		return paint_gif_decode(b, len, out, err, errlen);
	snprintf(err, errlen, "unsupported image format");
	return -1;
}
