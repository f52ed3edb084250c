/* Line break opportunities: UAX #14 via libunibreak, mapped to one value
 * per byte of the UTF-8 text (CSS Text 3 §5 "Line Breaking and Word
 * Boundaries"). word-break and white-space adjustments are applied by the
 * inline formatting context, which knows the styles of each range.
 *
 * The opportunities of a paragraph are kept in the shaping cache, two bits
 * a byte, keyed by language and text: a paragraph measured for intrinsic
 * sizes and then laid out, or laid out again after a resize, is analysed
 * once. */
#include "layout/internal.h"

#include <linebreak.h>
#include <stdlib.h>

/* Paragraphs longer than this are analysed but not kept. */
#define MAX_CACHED_PARAGRAPH (1u << 20)

static void put_u64(struct base_buf *b, uint64_t v)
{
	unsigned char bytes[8];
	for (int i = 0; i < 8; i++)
		bytes[i] = (unsigned char)(v >> (8 * i));
	base_buf_append(b, bytes, sizeof bytes);
}

/* UAX #14 on text[0, len) into brk (enum layout_break per byte). */
static void analyse(const char *text, size_t len, const char *lang, uint8_t *brk)
{
	char *raw = base_xmalloc(len);
	set_linebreaks_utf8((const utf8_t *)text, len, lang, raw);
	for (size_t i = 0; i < len; i++) {
		switch (raw[i]) {
		case LINEBREAK_MUSTBREAK:
			brk[i] = LAYOUT_BREAK_MANDATORY;
			break;
		case LINEBREAK_ALLOWBREAK:
			brk[i] = LAYOUT_BREAK_ALLOWED;
			break;
		default:
			brk[i] = LAYOUT_BREAK_NONE;
			break;
		}
	}
	free(raw);
}

void layout_line_breaks(struct layout_ctx *ctx, const char *text, size_t len, const char *lang, uint8_t *brk)
{
	if (len == 0)
		return;
	if (len > MAX_CACHED_PARAGRAPH) {
		analyse(text, len, lang, brk);
	} else {
		/* Key: no face (shaping keys start with one), the language,
		 * then the text. */
		struct base_buf *key = &ctx->shape_key, *packed = &ctx->shape_raw;
		size_t lang_len = lang ? strlen(lang) : 0;
		key->len = 0;
		put_u64(key, 0);
		put_u64(key, lang_len);
		base_buf_append(key, lang ? lang : "", lang_len);
		base_buf_append(key, text, len);
		packed->len = 0;
		uint32_t count;
		uint64_t h = layout_shape_cache_hash(key->data, key->len);
		if (layout_shape_cache_get(ctx->shape_cache, key->data, key->len, h, packed, &count) && count == len) {
			const unsigned char *bits = (const unsigned char *)packed->data;
			for (size_t i = 0; i < len; i++)
				brk[i] = (bits[i / 4] >> (2 * (i % 4))) & 3;
		} else {
			analyse(text, len, lang, brk);
			base_buf_reserve(packed, len / 4 + 1);
			memset(packed->data, 0, len / 4 + 1);
			for (size_t i = 0; i < len; i++)
				packed->data[i / 4] = (char)(packed->data[i / 4] | brk[i] << (2 * (i % 4)));
			layout_shape_cache_put(ctx->shape_cache, key->data, key->len, h, packed->data, len / 4 + 1, (uint32_t)len);
		}
	}
	/* The end of the text is not a break inside it. */
	brk[len - 1] = LAYOUT_BREAK_NONE;
}
