/* The image cache: decodes each source (file path or data: URL) once,
 * remembers failures, and serves layout as its image provider. A mutex
 * guards the map, so layout and paint may ask from any thread; decoding
 * happens under it, which also guarantees "once". Each decoded image gets
 * its mipmap chain at once, for drawing it shrunk as Chromium does.
 * data: URLs follow the Fetch Standard's data: URL processor (percent-
 * decoding, then forgiving-base64 when ";base64").
 * https://fetch.spec.whatwg.org/#data-urls */
#include "paint/display_list.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct paint_images {
	pthread_mutex_t lock;
	struct base_map map; /* source -> struct layout_image (pixels NULL = broken) */
	struct base_vec images;
	struct base_vec warnings;
};

struct paint_images *paint_images_new(void)
{
	struct paint_images *im = base_xcalloc(1, sizeof(*im));
	pthread_mutex_init(&im->lock, NULL);
	base_map_init(&im->map);
	return im;
}

void paint_images_free(struct paint_images *im)
{
	if (!im)
		return;
	for (size_t i = 0; i < im->images.len; i++) {
		struct layout_image *img = im->images.items[i];
		const struct layout_image *level = img->mip;
		while (level) {
			const struct layout_image *next = level->mip;
			free(level->pixels);
			free((void *)level);
			level = next;
		}
		free(img->pixels);
		free(img);
	}
	for (size_t i = 0; i < im->warnings.len; i++)
		free(im->warnings.items[i]);
	base_vec_free(&im->images);
	base_vec_free(&im->warnings);
	base_map_free(&im->map);
	pthread_mutex_destroy(&im->lock);
	free(im);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void percent_decode(const char *s, size_t n, struct base_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (s[i] == '%' && i + 2 < n && (h = hex_value(s[i + 1])) >= 0 && (l = hex_value(s[i + 2])) >= 0) {
			base_buf_putc(out, (char)(h * 16 + l));
			i += 2;
		} else {
			base_buf_putc(out, s[i]);
		}
	}
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Infra's forgiving-base64 decode. */
static bool forgiving_base64(const char *s, size_t n, struct base_buf *out)
{
	struct base_buf clean = { 0 };
	for (size_t i = 0; i < n; i++)
		if (!base_is_ascii_ws(s[i]))
			base_buf_putc(&clean, s[i]);
	size_t len = clean.len;
	const char *d = clean.data ? clean.data : "";
	if (len % 4 == 0 && len >= 1 && d[len - 1] == '=') {
		len--;
		if (len >= 1 && d[len - 1] == '=')
			len--;
	}
	bool ok = len % 4 != 1;
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; ok && i < len; i++) {
		int v = b64_value(d[i]);
		if (v < 0) {
			ok = false;
			break;
		}
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			base_buf_putc(out, (char)((acc >> bits) & 0xff));
		}
	}
	base_buf_free(&clean);
	return ok;
}

/* The body of a data: URL, decoded. */
static bool data_url_body(const char *url, struct base_buf *out)
{
	const char *comma = strchr(url, ',');
	if (!comma)
		return false;
	const char *meta = url + 5;
	size_t mlen = (size_t)(comma - meta);
	while (mlen > 0 && base_is_ascii_ws(meta[mlen - 1]))
		mlen--;
	bool b64 = mlen >= 7 && base_ascii_ieq(meta + mlen - 7, 7, ";base64", 7);
	struct base_buf body = { 0 };
	percent_decode(comma + 1, strlen(comma + 1), &body);
	bool ok = true;
	if (b64)
		ok = forgiving_base64(body.data ? body.data : "", body.len, out);
	else if (body.len)
		base_buf_append(out, body.data, body.len);
	base_buf_free(&body);
	return ok;
}

static void warn(struct paint_images *im, const char *path, const char *why)
{
	char line[1024];
	bool data = strncmp(path, "data:", 5) == 0;
	snprintf(line, sizeof(line), "image %.*s%s: %s", data ? 40 : 900, path,
		 data && strlen(path) > 40 ? "..." : "", why);
	base_vec_push(&im->warnings, base_xstrdup(line));
}

/* The next mipmap level as Skia builds it (SkMipmap): half the size,
 * rounded down, each pixel the box average of 2 or 3 source pixels per
 * axis (weights 1 1, or 1 2 1 where the source side is odd), rounded
 * down. Chromium draws shrunk images from the level just larger than the
 * destination, so the filter decides their pixels. The source is w x h
 * pixels, `stride` pixels apart row to row; dst is packed. */
static void shrink(const uint8_t *src, size_t stride, int w, int h, uint8_t *dst)
{
	int dw = BASE_MAX(1, w / 2), dh = BASE_MAX(1, h / 2);
	static const unsigned two[3] = { 1, 1, 0 }, three[3] = { 1, 2, 1 };
	const unsigned *wx = w > 1 && w % 2 ? three : two;
	const unsigned *wy = h > 1 && h % 2 ? three : two;
	unsigned shift = (wx == three ? 2u : 1u) + (wy == three ? 2u : 1u);
	for (int y = 0; y < dh; y++)
		for (int x = 0; x < dw; x++) {
			unsigned acc[4] = { 0, 0, 0, 0 };
			for (int j = 0; j < 3; j++)
				for (int i = 0; i < 3; i++) {
					unsigned wt = wx[i] * wy[j];
					if (!wt)
						continue;
					int sx = BASE_MIN(2 * x + i, w - 1), sy = BASE_MIN(2 * y + j, h - 1);
					const uint8_t *p = src + ((size_t)sy * stride + (size_t)sx) * 4;
					for (int k = 0; k < 4; k++)
						acc[k] += wt * p[k];
				}
			uint8_t *d = dst + ((size_t)y * (size_t)dw + (size_t)x) * 4;
			for (int k = 0; k < 4; k++)
				d[k] = (uint8_t)(acc[k] >> shift);
		}
}

static struct layout_image *half_level(const struct layout_image *src)
{
	if (src->width < 2 && src->height < 2)
		return NULL;
	struct layout_image *dst = base_xcalloc(1, sizeof(*dst));
	dst->width = BASE_MAX(1, src->width / 2);
	dst->height = BASE_MAX(1, src->height / 2);
	dst->pixels = base_xmalloc((size_t)dst->width * (size_t)dst->height * 4);
	shrink(src->pixels, (size_t)src->width, src->width, src->height, dst->pixels);
	return dst;
}

const struct layout_image *paint_image_subset_level(struct base_arena *a, const struct layout_image *img, int x,
						    int y, int w, int h, int level)
{
	if (level < 1 || x < 0 || y < 0 || w < 1 || h < 1 || x + w > img->width || y + h > img->height)
		return NULL;
	const uint8_t *src = img->pixels + ((size_t)y * (size_t)img->width + (size_t)x) * 4;
	size_t stride = (size_t)img->width;
	uint8_t *tmp = NULL;
	struct layout_image *out = base_arena_calloc(a, 1, sizeof(*out));
	for (int l = 1; l <= level; l++) {
		int dw = BASE_MAX(1, w / 2), dh = BASE_MAX(1, h / 2);
		uint8_t *dst = l == level ? base_arena_alloc(a, (size_t)dw * (size_t)dh * 4)
					  : base_xmalloc((size_t)dw * (size_t)dh * 4);
		shrink(src, stride, w, h, dst);
		free(tmp);
		tmp = l == level ? NULL : dst;
		src = dst;
		stride = (size_t)dw;
		w = dw;
		h = dh;
		if (l == level)
			out->pixels = dst;
	}
	out->width = w;
	out->height = h;
	return out;
}

static struct layout_image *load(struct paint_images *im, const char *path)
{
	struct base_buf bytes = { 0 };
	char err[256] = "";
	bool ok;
	if (base_ascii_ieq(path, BASE_MIN(strlen(path), (size_t)5), "data:", 5)) {
		ok = data_url_body(path, &bytes);
		if (!ok)
			snprintf(err, sizeof(err), "bad data: URL");
	} else {
		enum base_status st = base_read_file(path, &bytes);
		ok = st == BASE_OK;
		if (!ok)
			snprintf(err, sizeof(err), "%s", base_status_str(st));
	}
	struct layout_image *img = base_xcalloc(1, sizeof(*img));
	if (ok && paint_image_decode(bytes.data, bytes.len, img, err, sizeof(err)) == 0) {
		base_buf_free(&bytes);
		struct layout_image *level = img, *next;
		while ((next = half_level(level))) {
			level->mip = next;
			level = next;
		}
		return img;
	}
	base_buf_free(&bytes);
	warn(im, path, err);
	return img;
}

const struct layout_image *paint_images_get(struct paint_images *im, const char *path)
{
	if (!im || !path || !*path)
		return NULL;
	size_t n = strlen(path);
	pthread_mutex_lock(&im->lock);
	struct layout_image *img = base_map_get(&im->map, path, n);
	if (!img) {
		img = load(im, path);
		base_vec_push(&im->images, img);
		base_map_put(&im->map, path, n, img);
	}
	pthread_mutex_unlock(&im->lock);
	return img->pixels ? img : NULL;
}

static const struct layout_image *provider_get(void *ctx, const char *path)
{
	return paint_images_get(ctx, path);
}

struct layout_image_provider paint_images_provider(struct paint_images *im)
{
	struct layout_image_provider p = { im, provider_get };
	return p;
}

const char *paint_images_warning(struct paint_images *im, size_t index)
{
	if (!im)
		return NULL;
	pthread_mutex_lock(&im->lock);
	const char *w = index < im->warnings.len ? im->warnings.items[index] : NULL;
	pthread_mutex_unlock(&im->lock);
	return w;
}
