/* Text shaping with HarfBuzz (CSS Text 3 §1.3 via the font list of CSS
 * Fonts 4 §5): the text is split into runs by the first face of the font
 * list that has each character (combining marks stay with their base),
 * characters no face has go to an installed face that covers them, and each
 * run is shaped left to right.
 *
 * Runs of simple scripts are shaped piece by piece (words and space runs,
 * as Blink's word cache does) through the shaping cache (shape_cache.c), so
 * repeated words and relayouts shape nothing again. The result is the same
 * as shaping the whole run: no piece boundary falls before a mark or a
 * format character, and when the face's lookups involve the space (kerning
 * pairs with it, ligatures starting with it), each piece is shaped between
 * its neighbouring characters and keeps its own glyphs; a piece whose
 * glyphs merge with a neighbour's makes its run be shaped whole. The
 * glyphs of a whole text item are kept too, keyed by its font list, spacing
 * and text, so that a relayout copies them in one lookup.
 *
 * Ownership: layout_shape() allocates glyph arrays in the pass's scratch
 * arena; layout_shape_append() appends them to the caller's buffer. */
#include "layout/internal.h"

#include <hb.h>
#include <stdlib.h>
#include <string.h>

/* Pieces longer than this are shaped but not kept. */
#define MAX_CACHED_PIECE 1024
/* Text items longer than this are not kept whole. */
#define MAX_CACHED_ITEM 65536

/* The front of the shared cache: a direct-mapped table of the pass's
 * short pieces (spaces and frequent words make most lookups), read without
 * the shared cache's lock and without touching its large table. */
#define FRONT_SLOTS 2048
#define FRONT_KEY 48
#define FRONT_GLYPHS 12

struct front_slot {
	uint64_t hash;
	uint32_t keylen; /* 0: empty */
	uint32_t count; /* as cached: glyphs, or LAYOUT_SHAPE_UNSPLITTABLE */
	char key[FRONT_KEY];
	struct layout_cached_glyph glyphs[FRONT_GLYPHS];
};

struct layout_shape_front {
	struct front_slot slots[FRONT_SLOTS];
};

static bool is_mark(uint32_t cp)
{
	if (cp < 0x300)
		return false;
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
	return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK || gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F);
}

/* A character that shapes with the one before it: a mark, or a format
 * character (joiners, soft hyphen) that lookups skip. */
static bool joins_previous(uint32_t cp)
{
	if (cp < 0x80)
		return false;
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	return is_mark(cp) || hb_unicode_general_category(uf, cp) == HB_UNICODE_GENERAL_CATEGORY_FORMAT;
}

/* *fell_back is set when no face of the list has the character. */
static const struct layout_face *face_for(struct layout_ctx *ctx, const struct layout_font_list *fl, uint32_t cp, int weight,
					  int style, bool *fell_back)
{
	/* Controls and spaces the text pipeline keeps are drawn with the
	 * primary font's space. */
	if (cp == '\t' || cp == '\n' || cp == '\r')
		cp = ' ';
	for (size_t i = 0; i < fl->count; i++)
		if (layout_face_has_glyph(fl->faces[i], cp))
			return fl->faces[i];
	*fell_back = true;
	const struct layout_face *f = ctx->opt->fonts ? layout_fonts_fallback(ctx->opt->fonts, cp, weight, style) : NULL;
	return f ? f : (fl->count ? fl->faces[0] : NULL);
}

static bool is_word_separator(uint32_t cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x1361 || cp == 0x10100 || cp == 0x10101 || cp == 0x1039F || cp == 0x1091F;
}

/* Scripts whose shaping looks at no character outside the buffer (no
 * cursive joining, no reordering), so that a piece shapes the same alone. */
static const hb_script_t simple_scripts[] = {
	HB_SCRIPT_INVALID, HB_SCRIPT_LATIN,    HB_SCRIPT_GREEK,	   HB_SCRIPT_CYRILLIC, HB_SCRIPT_ARMENIAN,
	HB_SCRIPT_GEORGIAN, HB_SCRIPT_HAN,     HB_SCRIPT_HIRAGANA, HB_SCRIPT_KATAKANA, HB_SCRIPT_BOPOMOFO,
};

static bool is_simple_script(hb_script_t s)
{
	for (size_t i = 0; i < sizeof simple_scripts / sizeof simple_scripts[0]; i++)
		if (simple_scripts[i] == s)
			return true;
	return false;
}

/* The script hb_buffer_guess_segment_properties() gives text[start, end):
 * that of its first character with a script of its own. */
static hb_script_t run_script(const char *text, size_t start, size_t end)
{
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	const char *p = text + start, *e = text + end;
	while (p < e) {
		unsigned char c = (unsigned char)*p;
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			return HB_SCRIPT_LATIN;
		uint32_t cp = base_utf8_decode(&p, e);
		hb_script_t s = hb_unicode_script(uf, cp);
		if (s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN)
			return s;
	}
	return HB_SCRIPT_INVALID;
}

static hb_buffer_t *scratch_buffer(struct layout_ctx *ctx)
{
	if (!ctx->hb_buffer)
		ctx->hb_buffer = hb_buffer_create();
	hb_buffer_clear_contents(ctx->hb_buffer);
	return ctx->hb_buffer;
}

void layout_shape_scratch_free(struct layout_ctx *ctx)
{
	hb_buffer_destroy(ctx->hb_buffer);
	ctx->hb_buffer = NULL;
	free(ctx->shape_front);
	ctx->shape_front = NULL;
	base_buf_free(&ctx->shape_key);
	base_buf_free(&ctx->shape_raw);
	base_buf_free(&ctx->shape_glyphs);
}

/* Room for n more shaped glyphs at the end of glyphs. */
static struct layout_shaped_glyph *glyph_room(struct base_buf *glyphs, size_t n)
{
	if (glyphs->cap - glyphs->len <= n * sizeof(struct layout_shaped_glyph))
		base_buf_reserve(glyphs, n * sizeof(struct layout_shaped_glyph));
	return (struct layout_shaped_glyph *)(glyphs->data + glyphs->len);
}

static void glyphs_added(struct base_buf *glyphs, size_t n)
{
	glyphs->len += n * sizeof(struct layout_shaped_glyph);
	glyphs->data[glyphs->len] = 0;
}

/* Font units to px: Chromium's advances come from FreeType scaled at the
 * size Skia hands it, truncated to 1/100 px and then to 26.6. */
static float advance_scale(const struct layout_font_list *fl, const struct layout_face *face)
{
	float size = fl->size;
	if (size > 0 && size < 1e6f)
		size = (float)(int64_t)((float)(unsigned)(size * 100.0f) / 100.0f * 64.0f) / 64.0f;
	return size / (float)layout_face_upem(face);
}

/* Tabs and newlines have no visible glyph of their own: they show the
 * space glyph, tabs with its advance. */
static void __attribute__((noinline)) whitespace_glyph(struct layout_shaped_glyph *g, char c, float scale)
{
	hb_codepoint_t sp = 0;
	hb_font_get_nominal_glyph((hb_font_t *)layout_face_hb(g->face), ' ', &sp);
	g->id = sp;
	g->advance = c == '\t' ? (float)hb_font_get_glyph_h_advance((hb_font_t *)layout_face_hb(g->face), sp) * scale : 0;
}

/* One glyph (positions in font units) at byte offset cluster of text. */
static inline struct layout_shaped_glyph make_glyph(const struct layout_face *face, float scale, const char *text, uint32_t cluster,
						    uint32_t id, int32_t x_advance, int32_t x_offset, int32_t y_offset)
{
	struct layout_shaped_glyph g = {
		.id = id,
		.cluster = cluster,
		.advance = (float)x_advance * scale,
		.x_offset = (float)x_offset * scale,
		.y_offset = -(float)y_offset * scale,
		.face = face,
	};
	char c = text[cluster];
	if (BASE_UNLIKELY(c == '\t' || c == '\n' || c == '\r'))
		whitespace_glyph(&g, c, scale);
	return g;
}

/* Shapes text[start, end) as one buffer, the rest of the text as context. */
static void shape_whole(struct layout_ctx *ctx, const struct layout_font_list *fl, const struct layout_face *face, const char *text,
			size_t len, size_t start, size_t end, struct base_buf *glyphs)
{
	hb_buffer_t *buf = scratch_buffer(ctx);
	hb_buffer_add_utf8(buf, text, (int)len, (unsigned)start, (int)(end - start));
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_shape((hb_font_t *)layout_face_hb(face), buf, NULL, 0);
	unsigned n = 0;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
	float scale = advance_scale(fl, face);
	struct layout_shaped_glyph *g = glyph_room(glyphs, n);
	for (unsigned i = 0; i < n; i++)
		g[i] = make_glyph(face, scale, text, info[i].cluster, info[i].codepoint, pos[i].x_advance, pos[i].x_offset, pos[i].y_offset);
	glyphs_added(glyphs, n);
}

/* Shapes s[0, n), the piece being s[plen, n - nlen) between its
 * neighbouring characters, into cached glyphs of the piece (clusters
 * relative to it). Returns LAYOUT_SHAPE_UNSPLITTABLE when a glyph of the
 * piece merges with a neighbour's. */
static uint32_t shape_piece(struct layout_ctx *ctx, const struct layout_face *face, hb_script_t script, const char *s, size_t n,
			    size_t plen, size_t nlen, struct base_buf *raw)
{
	hb_buffer_t *buf = scratch_buffer(ctx);
	hb_buffer_add_utf8(buf, s, (int)n, 0, (int)n);
	hb_buffer_set_script(buf, script);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_shape((hb_font_t *)layout_face_hb(face), buf, NULL, 0);
	unsigned count = 0;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
	size_t a = plen, b = n - nlen;
	unsigned i = 0;
	while (i < count && info[i].cluster < a)
		i++;
	if (plen && (i == count || info[i].cluster != a))
		return LAYOUT_SHAPE_UNSPLITTABLE;
	size_t at = raw->len;
	uint32_t kept = 0;
	for (; i < count && info[i].cluster < b; i++, kept++) {
		struct layout_cached_glyph g = {info[i].codepoint, info[i].cluster - (uint32_t)a, pos[i].x_advance, pos[i].x_offset,
						pos[i].y_offset};
		base_buf_append(raw, &g, sizeof g);
	}
	if (nlen && (i == count || info[i].cluster != b)) {
		raw->len = at;
		return LAYOUT_SHAPE_UNSPLITTABLE;
	}
	return kept;
}

/* End of the piece starting at a: a run of spaces (with any marks or
 * format characters after it), or of other characters. */
static size_t piece_end(const char *text, size_t a, size_t end)
{
	bool space = text[a] == ' ';
	size_t i = a + 1;
	for (; i < end; i++) {
		if ((text[i] == ' ') == space)
			continue;
		if (!space)
			break;
		const char *q = text + i;
		if (!joins_previous(base_utf8_decode(&q, text + end)))
			break;
		space = false;
	}
	return i;
}

static size_t char_start_before(const char *text, size_t at, size_t floor)
{
	size_t p = at - 1;
	while (p > floor && ((unsigned char)text[p] & 0xC0) == 0x80)
		p--;
	return p;
}

static size_t char_end_after(const char *text, size_t at, size_t ceil)
{
	size_t p = at + 1;
	while (p < ceil && ((unsigned char)text[p] & 0xC0) == 0x80)
		p++;
	return p;
}

/* The glyphs of a piece's key: from the pass's front table, else from the
 * shared cache, else shaped (and kept in both). */
static uint32_t piece_glyphs(struct layout_ctx *ctx, const struct layout_face *face, hb_script_t script, size_t hdr, size_t plen,
			     size_t nlen, const struct layout_cached_glyph **out)
{
	struct base_buf *key = &ctx->shape_key, *raw = &ctx->shape_raw;
	uint64_t h = layout_shape_cache_hash(key->data, key->len);
	struct front_slot *fs = NULL;
	if (key->len <= FRONT_KEY) {
		if (!ctx->shape_front)
			ctx->shape_front = base_xcalloc(1, sizeof *ctx->shape_front);
		fs = &ctx->shape_front->slots[h & (FRONT_SLOTS - 1)];
		if (fs->keylen == key->len && fs->hash == h && memcmp(fs->key, key->data, key->len) == 0) {
			*out = fs->glyphs;
			return fs->count;
		}
	}
	raw->len = 0;
	uint32_t count;
	size_t n = key->len - hdr;
	if (!layout_shape_cache_get(ctx->shape_cache, key->data, key->len, h, raw, &count)) {
		count = shape_piece(ctx, face, script, key->data + hdr, n, plen, nlen, raw);
		if (n - plen - nlen <= MAX_CACHED_PIECE)
			layout_shape_cache_put(ctx->shape_cache, key->data, key->len, h, raw->data, raw->len, count);
	}
	size_t kept = count == LAYOUT_SHAPE_UNSPLITTABLE ? 0 : count;
	if (fs && kept <= FRONT_GLYPHS) {
		fs->hash = h;
		fs->keylen = (uint32_t)key->len;
		fs->count = count;
		memcpy(fs->key, key->data, key->len);
		memcpy(fs->glyphs, raw->data, kept * sizeof *fs->glyphs);
	}
	*out = (const struct layout_cached_glyph *)raw->data;
	return count;
}

/* Shapes the face run text[start, end) piece by piece through the cache;
 * false when some piece cannot be shaped alone. */
static bool shape_by_pieces(struct layout_ctx *ctx, const struct layout_font_list *fl, const struct layout_face *face, hb_script_t script,
			    const char *text, size_t start, size_t end, struct base_buf *glyphs)
{
	bool sensitive = layout_face_space_sensitive(face);
	float scale = advance_scale(fl, face);
	struct base_buf *key = &ctx->shape_key;
	for (size_t a = start; a < end;) {
		size_t b = piece_end(text, a, end);
		size_t pa = sensitive && a > start ? char_start_before(text, a, start) : a;
		size_t nb = sensitive && b < end ? char_end_after(text, b, end) : b;
		/* Key: face, script, neighbour lengths (in host byte order:
		 * keys never leave the process), then the text with its
		 * neighbours. */
		uint64_t hdr_words[2] = {(uint64_t)(uintptr_t)face, (uint64_t)script | (uint64_t)(a - pa) << 32 | (uint64_t)(nb - b) << 40};
		size_t hdr = sizeof hdr_words;
		key->len = 0;
		base_buf_reserve(key, hdr + (nb - pa));
		memcpy(key->data, hdr_words, hdr);
		memcpy(key->data + hdr, text + pa, nb - pa);
		key->len = hdr + (nb - pa);
		key->data[key->len] = 0;
		const struct layout_cached_glyph *c;
		uint32_t count = piece_glyphs(ctx, face, script, hdr, a - pa, nb - b, &c);
		if (count == LAYOUT_SHAPE_UNSPLITTABLE)
			return false;
		struct layout_shaped_glyph *g = glyph_room(glyphs, count);
		for (uint32_t i = 0; i < count; i++)
			g[i] = make_glyph(face, scale, text, (uint32_t)a + c[i].cluster, c[i].id, c[i].x_advance, c[i].x_offset, c[i].y_offset);
		glyphs_added(glyphs, count);
		a = b;
	}
	return true;
}

static void shape_run(struct layout_ctx *ctx, const struct layout_font_list *fl, const struct layout_face *face, const char *text,
		      size_t len, size_t start, size_t end, struct base_buf *glyphs)
{
	hb_script_t script = run_script(text, start, end);
	size_t at = glyphs->len;
	if (is_simple_script(script) && shape_by_pieces(ctx, fl, face, script, text, start, end, glyphs))
		return;
	glyphs->len = at;
	shape_whole(ctx, fl, face, text, len, start, end, glyphs);
}

/* Shapes text with the font list, spacing included; *fell_back is set
 * when some character was given a face outside the list. */
static void shape_text(struct layout_ctx *ctx, const struct layout_font_list *fl, const char *text, size_t len, float letter_spacing,
		       float word_spacing, struct base_buf *glyphs, bool *fell_back)
{
	size_t first = glyphs->len / sizeof(struct layout_shaped_glyph);
	const char *p = text, *end = text + len;
	size_t run_start = 0;
	const struct layout_face *run_face = NULL;
	/* Weight and style are those of the faces in the list already; the
	 * fallback picks a regular face with the same synthesis. */
	int weight = layout_face_synthetic_bold(fl->faces[0]) ? 700 : 400;
	int style = layout_face_synthetic_oblique(fl->faces[0]) ? CSS_FONT_STYLE_ITALIC : CSS_FONT_STYLE_NORMAL;
	while (p < end) {
		size_t at = (size_t)(p - text);
		uint32_t cp = base_utf8_decode(&p, end);
		const struct layout_face *f = run_face && is_mark(cp) && layout_face_has_glyph(run_face, cp)
						      ? run_face
						      : face_for(ctx, fl, cp, weight, style, fell_back);
		if (run_face && f != run_face) {
			shape_run(ctx, fl, run_face, text, len, run_start, at, glyphs);
			run_start = at;
		}
		run_face = f;
	}
	shape_run(ctx, fl, run_face, text, len, run_start, len, glyphs);
	if (letter_spacing == 0 && word_spacing == 0)
		return;
	/* CSS Text 3 §8: letter-spacing after every typographic character
	 * unit, word-spacing on every word separator. */
	struct layout_shaped_glyph *gl = (struct layout_shaped_glyph *)glyphs->data + first;
	size_t count = glyphs->len / sizeof(struct layout_shaped_glyph) - first;
	for (size_t i = 0; i < count; i++) {
		struct layout_shaped_glyph *g = &gl[i];
		bool last_of_cluster = i + 1 == count || gl[i + 1].cluster != g->cluster;
		if (!last_of_cluster)
			continue;
		const char *c = text + g->cluster;
		uint32_t cp = base_utf8_decode(&c, end);
		g->advance += letter_spacing;
		if (is_word_separator(cp))
			g->advance += word_spacing;
	}
}

/* The key of a text item in the cache's table of items: its font list
 * (faces and size), spacing and text. */
static void item_key(struct base_buf *key, const struct layout_font_list *fl, const char *text, size_t len, float letter_spacing,
		     float word_spacing)
{
	struct {
		uint32_t tag; /* paragraphs' keys in the same table have 2 */
		float size, letter_spacing, word_spacing;
		uint32_t count;
	} hdr = {1, fl->size, letter_spacing, word_spacing, (uint32_t)fl->count};
	key->len = 0;
	base_buf_append(key, &hdr, sizeof hdr);
	base_buf_append(key, fl->faces, fl->count * sizeof *fl->faces);
	base_buf_append(key, text, len);
}

void layout_shape_append(struct layout_ctx *ctx, const struct layout_font_list *fl, const char *text, size_t len, float letter_spacing,
			 float word_spacing, struct base_buf *glyphs)
{
	if (len == 0 || fl->count == 0)
		return;
	/* A relayout finds the whole item's glyphs in one lookup. */
	struct layout_shape_cache *cache = len <= MAX_CACHED_ITEM ? ctx->shape_cache : NULL;
	struct base_buf *key = &ctx->shape_key;
	uint64_t h = 0;
	if (cache) {
		item_key(key, fl, text, len, letter_spacing, word_spacing);
		h = layout_shape_cache_hash(key->data, key->len);
		if (layout_shape_cache_get_run(cache, key->data, key->len, h, glyphs))
			return;
	}
	size_t first = glyphs->len;
	bool fell_back = false;
	shape_text(ctx, fl, text, len, letter_spacing, word_spacing, glyphs, &fell_back);
	/* Fallback faces come from the engine's fonts, which may grow: only
	 * items shaped within their font list are kept. Shaping used the
	 * key buffer, so the key is made again. */
	if (cache && !fell_back) {
		item_key(key, fl, text, len, letter_spacing, word_spacing);
		layout_shape_cache_put_run(cache, key->data, key->len, h, glyphs->data + first, glyphs->len - first);
	}
}

void layout_shape(struct layout_ctx *ctx, const struct layout_font_list *fl, const char *text, size_t len, float letter_spacing,
		  float word_spacing, struct layout_shaped *out)
{
	struct base_buf *glyphs = &ctx->shape_glyphs;
	glyphs->len = 0;
	layout_shape_append(ctx, fl, text, len, letter_spacing, word_spacing, glyphs);
	out->count = glyphs->len / sizeof(struct layout_shaped_glyph);
	out->glyphs = out->count ? base_arena_memdup(&ctx->scratch, glyphs->data, glyphs->len) : NULL;
}
