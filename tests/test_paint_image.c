/* paint: image decoding (PNG, JPEG, GIF; good, broken, truncated and
 * lying files), the image cache with data: URLs, and PNG files. */
#include "paint_fixture.h"

#include <jpeglib.h>
#include <stdio.h>
#include <unistd.h>

/* Made by an LZW encoder independent of the decoder: a 3x2 image with a
 * transparent index, and a 16x9 interlaced one whose codes grow past
 * three bits. */
static const unsigned char gif_small[] = {
	0x47,0x49,0x46,0x38,0x39,0x61,0x03,0x00,0x02,0x00,0x81,0x00,0x00,0xff,0x00,0x00,0x00,0xff,0x00,0x00,
	0x00,0xff,0x00,0x00,0x00,0x21,0xf9,0x04,0x01,0x00,0x00,0x03,0x00,0x2c,0x00,0x00,0x00,0x00,0x03,0x00,
	0x02,0x00,0x00,0x02,0x03,0x44,0x34,0x56,0x00,0x3b
};
static const unsigned char gif_interlaced[] = {
	0x47,0x49,0x46,0x38,0x39,0x61,0x10,0x00,0x09,0x00,0x81,0x00,0x00,0xff,0x00,0x00,0x00,0xff,0x00,0x00,
	0x00,0xff,0xff,0xff,0xff,0x2c,0x00,0x00,0x00,0x00,0x10,0x00,0x09,0x00,0x40,0x02,0x24,0x84,0x83,0xa2,
	0xc3,0x06,0xe1,0x50,0x50,0x82,0x8d,0x18,0xd3,0x6a,0x87,0xda,0x3c,0x2d,0x1e,0xf7,0x68,0x95,0x34,0x5e,
	0x47,0xf2,0xad,0x61,0xd5,0xa0,0x9b,0x5a,0x4e,0x6d,0x9d,0x02,0x05,0x00,0x3b
};

static char tmpdir[] = "/tmp/weft-paint-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void tmp_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", tmpdir, name);
}

static const uint8_t sample[2 * 3 * 4] = {
	255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 255, 200, 100, 50, 64, 255, 255, 255, 255,
};

static void write_sample_png(char *path, size_t size)
{
	char err[256];
	tmp_path(path, size, "sample.png");
	assert_int_equal(paint_png_write(path, sample, 3, 2, 12, err, sizeof(err)), 0);
}

static void test_png_round_trip(void **state)
{
	(void)state;
	char path[256], err[256];
	write_sample_png(path, sizeof(path));
	int w = 0, h = 0;
	uint8_t *px = paint_png_read(path, &w, &h, err, sizeof(err));
	assert_non_null(px);
	assert_int_equal(w, 3);
	assert_int_equal(h, 2);
	assert_memory_equal(px, sample, sizeof(sample));
	free(px);
	assert_null(paint_png_read("/nonexistent/x.png", &w, &h, err, sizeof(err)));
	assert_true(strlen(err) > 0);
}

static void test_png_decode(void **state)
{
	(void)state;
	char path[256], err[256];
	write_sample_png(path, sizeof(path));
	struct base_buf bytes = { 0 };
	assert_int_equal(base_read_file(path, &bytes), BASE_OK);
	struct layout_image img;
	assert_int_equal(paint_image_decode(bytes.data, bytes.len, &img, err, sizeof(err)), 0);
	assert_int_equal(img.width, 3);
	assert_int_equal(img.height, 2);
	/* Premultiplied: green at alpha 128 becomes 0,128,0,128. */
	assert_int_equal(img.pixels[4 + 1], 128);
	assert_int_equal(img.pixels[4 + 3], 128);
	assert_int_equal(img.pixels[8 + 2], 0);
	free(img.pixels);

	/* Truncated anywhere: an error, never a crash. */
	for (size_t cut = 1; cut < bytes.len; cut += 3)
		if (paint_image_decode(bytes.data, cut, &img, err, sizeof(err)) == 0)
			free(img.pixels);
	assert_int_equal(paint_image_decode(bytes.data, 40, &img, err, sizeof(err)), -1);
	/* Garbage after the signature. */
	char junk[64];
	memcpy(junk, "\x89PNG\r\n\x1a\n", 8);
	memset(junk + 8, 'x', sizeof(junk) - 8);
	assert_int_equal(paint_image_decode(junk, sizeof(junk), &img, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "PNG"));
	base_buf_free(&bytes);
}

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void test_absurd_sizes(void **state)
{
	(void)state;
	char err[256];
	struct layout_image img;
	/* A well-formed PNG header claiming 100000 x 100000. */
	uint8_t png[8 + 25] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	uint8_t *ihdr = png + 8;
	put32(ihdr, 13);
	memcpy(ihdr + 4, "IHDR", 4);
	put32(ihdr + 8, 100000);
	put32(ihdr + 12, 100000);
	ihdr[16] = 8;
	ihdr[17] = 6;
	put32(ihdr + 21, crc32_of(ihdr + 4, 17));
	assert_int_equal(paint_image_decode((const char *)png, sizeof(png), &img, err, sizeof(err)), -1);
	/* A GIF whose screen is 65535 x 65535. */
	unsigned char gif[sizeof(gif_small)];
	memcpy(gif, gif_small, sizeof(gif));
	gif[6] = gif[7] = gif[8] = gif[9] = 0xff;
	assert_int_equal(paint_image_decode((const char *)gif, sizeof(gif), &img, err, sizeof(err)), -1);
	assert_int_equal(paint_image_decode("hello", 5, &img, err, sizeof(err)), -1);
	assert_int_equal(paint_image_decode("", 0, &img, err, sizeof(err)), -1);
}

static void test_gif(void **state)
{
	(void)state;
	char err[256];
	struct layout_image img;
	assert_int_equal(paint_image_decode((const char *)gif_small, sizeof(gif_small), &img, err, sizeof(err)), 0);
	assert_int_equal(img.width, 3);
	assert_int_equal(img.height, 2);
	static const uint8_t expect[] = { 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255,
					  0,   0, 0, 0,   255, 0, 0, 255, 0, 255, 0, 255 };
	assert_memory_equal(img.pixels, expect, sizeof(expect));
	free(img.pixels);

	assert_int_equal(paint_image_decode((const char *)gif_interlaced, sizeof(gif_interlaced), &img, err, sizeof(err)),
			 0);
	assert_int_equal(img.width, 16);
	assert_int_equal(img.height, 9);
	static const uint8_t palette[4][3] = { { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 255 } };
	for (int y = 0; y < 9; y++)
		for (int x = 0; x < 16; x++) {
			const uint8_t *p = img.pixels + (y * 16 + x) * 4;
			assert_memory_equal(p, palette[((x / 3) + y) % 4], 3);
			assert_int_equal(p[3], 255);
		}
	free(img.pixels);

	/* Truncated: the header part fails, the data part keeps what came. */
	for (size_t cut = 1; cut < sizeof(gif_interlaced); cut++)
		if (paint_image_decode((const char *)gif_interlaced, cut, &img, err, sizeof(err)) == 0)
			free(img.pixels);
	assert_int_equal(paint_image_decode((const char *)gif_interlaced, 12, &img, err, sizeof(err)), -1);
}

/* Encodes a w x h solid-colour JPEG in memory. */
static unsigned char *make_jpeg(int w, int h, const uint8_t rgb[3], unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	unsigned char *out = NULL;
	jpeg_mem_dest(&c, &out, len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	jpeg_start_compress(&c, TRUE);
	uint8_t *row = malloc((size_t)w * 3);
	for (int x = 0; x < w; x++)
		memcpy(row + x * 3, rgb, 3);
	while (c.next_scanline < c.image_height) {
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return out;
}

static void test_jpeg(void **state)
{
	(void)state;
	char err[256];
	struct layout_image img;
	static const uint8_t rgb[3] = { 200, 40, 90 };
	unsigned long len = 0;
	unsigned char *jpg = make_jpeg(24, 16, rgb, &len);
	assert_int_equal(paint_image_decode((const char *)jpg, len, &img, err, sizeof(err)), 0);
	assert_int_equal(img.width, 24);
	assert_int_equal(img.height, 16);
	const uint8_t *p = img.pixels + (8 * 24 + 12) * 4;
	assert_true(abs(p[0] - 200) <= 3 && abs(p[1] - 40) <= 3 && abs(p[2] - 90) <= 3 && p[3] == 255);
	free(img.pixels);
	for (unsigned long cut = 1; cut < len; cut += 7)
		if (paint_image_decode((const char *)jpg, cut, &img, err, sizeof(err)) == 0)
			free(img.pixels);
	char bad[32] = "\xff\xd8\xff";
	memset(bad + 3, 0x42, sizeof(bad) - 3);
	assert_int_equal(paint_image_decode(bad, sizeof(bad), &img, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "JPEG"));
	free(jpg);
}

static void test_cache_and_data_urls(void **state)
{
	(void)state;
	char path[256];
	write_sample_png(path, sizeof(path));
	struct paint_images *im = paint_images_new();
	const struct layout_image *a = paint_images_get(im, path);
	assert_non_null(a);
	assert_ptr_equal(paint_images_get(im, path), a); /* decoded once */
	struct layout_image_provider p = paint_images_provider(im);
	assert_ptr_equal(p.get(p.ctx, path), a);

	/* base64 (with whitespace) and percent-encoded data: URLs. */
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct base_buf url = { 0 };
	base_buf_puts(&url, "data:image/gif;base64,");
	for (size_t i = 0; i < sizeof(gif_small); i += 3) {
		uint32_t v = (uint32_t)gif_small[i] << 16;
		size_t n = BASE_MIN((size_t)3, sizeof(gif_small) - i);
		if (n > 1)
			v |= (uint32_t)gif_small[i + 1] << 8;
		if (n > 2)
			v |= gif_small[i + 2];
		for (size_t k = 0; k < 4; k++)
			base_buf_putc(&url, k <= n ? b64[(v >> (18 - 6 * k)) & 63] : '=');
		if (i == 12)
			base_buf_puts(&url, " \n");
	}
	const struct layout_image *g = paint_images_get(im, url.data);
	assert_non_null(g);
	assert_int_equal(g->width, 3);
	/* Its mipmap, as Skia builds one: 3x2 to 1x1, weights 1 2 1 across
	 * (odd width) and 1 1 down, the sum of 8 shifted down; then none. */
	assert_non_null(g->mip);
	assert_int_equal(g->mip->width, 1);
	assert_int_equal(g->mip->height, 1);
	assert_null(g->mip->mip);
	for (int k = 0; k < 4; k++) {
		const uint8_t *q = g->pixels;
		unsigned sum = q[k] + 2u * q[4 + k] + q[8 + k] + q[12 + k] + 2u * q[16 + k] + q[20 + k];
		assert_int_equal(g->mip->pixels[k], sum >> 3);
	}
	base_buf_clear(&url);
	base_buf_puts(&url, "data:image/gif,");
	for (size_t i = 0; i < sizeof(gif_small); i++)
		base_buf_printf(&url, "%%%02X", gif_small[i]);
	g = paint_images_get(im, url.data);
	assert_non_null(g);
	assert_int_equal(g->height, 2);
	base_buf_free(&url);

	/* Failures: NULL and one warning each. */
	assert_null(paint_images_get(im, "data:image/png;base64,!!!!"));
	assert_null(paint_images_get(im, "/nonexistent/image.png"));
	assert_null(paint_images_get(im, "/nonexistent/image.png"));
	assert_non_null(paint_images_warning(im, 0));
	assert_non_null(paint_images_warning(im, 1));
	assert_null(paint_images_warning(im, 2));
	paint_images_free(im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_round_trip), cmocka_unit_test(test_png_decode),
		cmocka_unit_test(test_absurd_sizes),   cmocka_unit_test(test_gif),
		cmocka_unit_test(test_jpeg),	       cmocka_unit_test(test_cache_and_data_urls),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
