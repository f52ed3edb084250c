/* GIF decoding (GIF89a specification): the first image of the stream,
 * composited on a transparent logical screen, with its LZW-compressed
 * indices expanded here. Truncated data keeps the rows that arrived, as
 * browsers show a partly loaded GIF; missing images or bad codes in the
 * header part are errors. https://www.w3.org/Graphics/GIF/spec-gif89a.txt */
#include "paint/image_decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	const unsigned char *p, *end;
};

static int rd_u8(struct reader *r)
{
	return r->p < r->end ? *r->p++ : -1;
}

static int rd_u16(struct reader *r)
{
	int a = rd_u8(r), b = rd_u8(r);
	return (a < 0 || b < 0) ? -1 : a | (b << 8);
}

/* Skips data sub-blocks up to the zero-length terminator. */
static bool skip_blocks(struct reader *r)
{
	for (;;) {
		int n = rd_u8(r);
		if (n < 0)
			return false;
		if (n == 0)
			return true;
		if ((size_t)(r->end - r->p) < (size_t)n)
			return false;
		r->p += n;
	}
}

/* Bit reader over the image's data sub-blocks. */
struct lzw_bits {
	struct reader *r;
	int block_left;
	uint32_t acc;
	int bits;
	bool done;
};

static int next_code(struct lzw_bits *b, int size)
{
	while (b->bits < size) {
		if (b->block_left == 0) {
			int n = rd_u8(b->r);
			if (n <= 0) {
				b->done = true;
				return -1;
			}
			b->block_left = n;
		}
		int c = rd_u8(b->r);
		if (c < 0) {
			b->done = true;
			return -1;
		}
		b->block_left--;
		b->acc |= (uint32_t)c << b->bits;
		b->bits += 8;
	}
	int code = (int)(b->acc & ((1u << size) - 1));
	b->acc >>= size;
	b->bits -= size;
	return code;
}

/* Decodes up to n indices; returns how many were produced. */
static size_t lzw_decode(struct reader *r, int min_size, uint8_t *out, size_t n)
{
	enum { MAX_CODES = 4096 };
	uint16_t prefix[MAX_CODES];
	uint8_t suffix[MAX_CODES], stack[MAX_CODES + 1];
	int clear = 1 << min_size, eoi = clear + 1;
	int size = min_size + 1, next = clear + 2, prev = -1;
	uint8_t first = 0;
	size_t count = 0;
	struct lzw_bits bits = { r, 0, 0, 0, false };
	for (int i = 0; i < clear; i++) {
		prefix[i] = 0;
		suffix[i] = (uint8_t)i;
	}
	while (count < n) {
		int code = next_code(&bits, size);
		if (code < 0 || code == eoi)
			break;
		if (code == clear) {
			size = min_size + 1;
			next = clear + 2;
			prev = -1;
			continue;
		}
		if (prev < 0) {
			if (code >= clear)
				break; /* the first code must be a literal */
			out[count++] = (uint8_t)code;
			first = (uint8_t)code;
			prev = code;
			continue;
		}
		int sp = 0, c = code;
		if (code > next || code == eoi)
			break;
		if (code == next) {
			stack[sp++] = first;
			c = prev;
		}
		while (c >= clear && sp < MAX_CODES) {
			stack[sp++] = suffix[c];
			c = prefix[c];
		}
		stack[sp++] = (uint8_t)c;
		first = (uint8_t)c;
		while (sp > 0 && count < n)
			out[count++] = stack[--sp];
		if (next < MAX_CODES) {
			prefix[next] = (uint16_t)prev;
			suffix[next] = first;
			next++;
			if (next == (1 << size) && size < 12)
				size++;
		}
		prev = code;
	}
	if (!bits.done)
		skip_blocks(r);
	return count;
}

int paint_gif_decode(const unsigned char *b, size_t len, struct layout_image *out, char *err, size_t errlen)
{
	struct reader r = { b + 6, b + len };
	int sw = rd_u16(&r), sh = rd_u16(&r), flags = rd_u8(&r);
	if (flags < 0 || rd_u8(&r) < 0 || rd_u8(&r) < 0) {
		snprintf(err, errlen, "truncated GIF header");
		return -1;
	}
	uint8_t global[768], local[768];
	int global_n = 0;
	if (flags & 0x80) {
		global_n = 2 << (flags & 7);
		if ((size_t)(r.end - r.p) < (size_t)global_n * 3) {
			snprintf(err, errlen, "truncated GIF colour table");
			return -1;
		}
		memcpy(global, r.p, (size_t)global_n * 3);
		r.p += global_n * 3;
	}
	int transparent = -1;
	for (;;) {
		int block = rd_u8(&r);
		if (block == 0x21) {
			int label = rd_u8(&r);
			if (label == 0xf9) {
				int size = rd_u8(&r);
				if (size == 4 && r.end - r.p >= 4) {
					if (r.p[0] & 1)
						transparent = r.p[3];
					r.p += 4;
				} else if (size > 0 && r.end - r.p >= size) {
					r.p += size;
				}
			}
			if (label < 0 || !skip_blocks(&r)) {
				snprintf(err, errlen, "truncated GIF extension");
				return -1;
			}
			continue;
		}
		if (block != 0x2c) {
			snprintf(err, errlen, block == 0x3b ? "GIF has no image" : "broken GIF: bad block");
			return -1;
		}
		break;
	}
	int fx = rd_u16(&r), fy = rd_u16(&r), fw = rd_u16(&r), fh = rd_u16(&r), fflags = rd_u8(&r);
	if (fflags < 0) {
		snprintf(err, errlen, "truncated GIF image descriptor");
		return -1;
	}
	if (sw <= 0 || sh <= 0) {
		sw = fx + fw;
		sh = fy + fh;
	}
	if (!paint_image_size_ok(sw, sh) || !paint_image_size_ok(BASE_MAX(fw, 1), BASE_MAX(fh, 1))) {
		snprintf(err, errlen, "GIF size out of range (%dx%d)", sw, sh);
		return -1;
	}
	const uint8_t *palette = global;
	int palette_n = global_n;
	if (fflags & 0x80) {
		palette_n = 2 << (fflags & 7);
		if ((size_t)(r.end - r.p) < (size_t)palette_n * 3) {
			snprintf(err, errlen, "truncated GIF colour table");
			return -1;
		}
		memcpy(local, r.p, (size_t)palette_n * 3);
		r.p += palette_n * 3;
		palette = local;
	}
	int min_size = rd_u8(&r);
	if (min_size < 2 || min_size > 11) {
		snprintf(err, errlen, "broken GIF: LZW code size %d", min_size);
		return -1;
	}
	size_t npx = (size_t)fw * (size_t)fh;
	uint8_t *idx = calloc(npx ? npx : 1, 1);
	uint8_t *px = calloc((size_t)sw * (size_t)sh, 4);
	if (!idx || !px) {
		free(idx);
		free(px);
		snprintf(err, errlen, "out of memory for GIF");
		return -1;
	}
	size_t got = lzw_decode(&r, min_size, idx, npx);
	bool interlaced = fflags & 0x40;
	static const int pass_start[4] = { 0, 4, 2, 1 }, pass_step[4] = { 8, 8, 4, 2 };
	size_t k = 0;
	for (int pass = 0; pass < (interlaced ? 4 : 1); pass++) {
		int y0 = interlaced ? pass_start[pass] : 0, step = interlaced ? pass_step[pass] : 1;
		for (int y = y0; y < fh && k < got; y += step) {
			for (int x = 0; x < fw && k < got; x++, k++) {
				int ci = idx[k];
				int cx = fx + x, cy = fy + y;
				if (ci == transparent || ci >= palette_n || cx >= sw || cy >= sh)
					continue;
				uint8_t *d = px + ((size_t)cy * (size_t)sw + (size_t)cx) * 4;
				d[0] = palette[ci * 3];
				d[1] = palette[ci * 3 + 1];
				d[2] = palette[ci * 3 + 2];
				d[3] = 255;
			}
		}
	}
	free(idx);
	out->width = sw;
	out->height = sh;
	out->pixels = px;
	return 0;
}
