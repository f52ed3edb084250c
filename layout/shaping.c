/* Text shaping with HarfBuzz (CSS Text 3 §1.3 via the font list of CSS
 * Fonts 4 §5): the text is split into runs by the first face of the font
 * list that has each character (combining marks stay with their base),
 * characters no face has go to an installed face that covers them, and each
 * run is shaped left to right with its neighbours as context.
 *
 * Ownership: glyph arrays are allocated in the pass's scratch arena. */
#include "layout/internal.h"

#include <hb.h>
#include <string.h>

static bool is_mark(uint32_t cp)
{
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
	return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK || gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F);
}

static const struct layout_face *face_for(struct layout_ctx *ctx, const struct layout_font_list *fl, uint32_t cp, int weight,
					  int style)
{
	/* Controls and spaces the text pipeline keeps are drawn with the
	 * primary font's space. */
	if (cp == '\t' || cp == '\n' || cp == '\r')
		cp = ' ';
	for (size_t i = 0; i < fl->count; i++)
		if (layout_face_has_glyph(fl->faces[i], cp))
			return fl->faces[i];
	const struct layout_face *f = ctx->opt->fonts ? layout_fonts_fallback(ctx->opt->fonts, cp, weight, style) : NULL;
	return f ? f : (fl->count ? fl->faces[0] : NULL);
}

static bool is_word_separator(uint32_t cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x1361 || cp == 0x10100 || cp == 0x10101 || cp == 0x1039F || cp == 0x1091F;
}

static void shape_run(struct layout_ctx *ctx, const struct layout_font_list *fl, const struct layout_face *face, const char *text,
		      size_t len, size_t start, size_t end, struct base_buf *glyphs)
{
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, text, (int)len, (unsigned)start, (int)(end - start));
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_shape((hb_font_t *)layout_face_hb(face), buf, NULL, 0);
	unsigned n = 0;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
	float scale = fl->size / (float)layout_face_upem(face);
	for (unsigned i = 0; i < n; i++) {
		struct layout_shaped_glyph g = {
			.id = info[i].codepoint,
			.cluster = info[i].cluster,
			.advance = (float)pos[i].x_advance * scale,
			.x_offset = (float)pos[i].x_offset * scale,
			.y_offset = -(float)pos[i].y_offset * scale,
			.face = face,
		};
		/* Tabs and newlines have no visible glyph of their own. */
		char c = text[info[i].cluster];
		if (c == '\t' || c == '\n' || c == '\r') {
			hb_codepoint_t sp = 0;
			hb_font_get_nominal_glyph((hb_font_t *)layout_face_hb(face), ' ', &sp);
			g.id = sp;
			g.advance = (float)hb_font_get_glyph_h_advance((hb_font_t *)layout_face_hb(face), sp) * scale;
			if (c != '\t')
				g.advance = 0;
		}
		base_buf_append(glyphs, &g, sizeof g);
	}
	hb_buffer_destroy(buf);
	(void)ctx;
}

void layout_shape(struct layout_ctx *ctx, const struct layout_font_list *fl, const char *text, size_t len, float letter_spacing,
		  float word_spacing, struct layout_shaped *out)
{
	out->glyphs = NULL;
	out->count = 0;
	if (len == 0 || fl->count == 0)
		return;
	struct base_buf glyphs = {0};
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
						      : face_for(ctx, fl, cp, weight, style);
		if (run_face && f != run_face) {
			shape_run(ctx, fl, run_face, text, len, run_start, at, &glyphs);
			run_start = at;
		}
		run_face = f;
	}
	shape_run(ctx, fl, run_face, text, len, run_start, len, &glyphs);
	out->count = glyphs.len / sizeof(struct layout_shaped_glyph);
	out->glyphs = base_arena_memdup(&ctx->scratch, glyphs.data, glyphs.len);
	base_buf_free(&glyphs);
	if (letter_spacing == 0 && word_spacing == 0)
		return;
	/* CSS Text 3 §8: letter-spacing after every typographic character
	 * unit, word-spacing on every word separator. */
	for (size_t i = 0; i < out->count; i++) {
		struct layout_shaped_glyph *g = &out->glyphs[i];
		bool last_of_cluster = i + 1 == out->count || out->glyphs[i + 1].cluster != g->cluster;
		if (!last_of_cluster)
			continue;
		const char *c = text + g->cluster;
		uint32_t cp = base_utf8_decode(&c, end);
		g->advance += letter_spacing;
		if (is_word_separator(cp))
			g->advance += word_spacing;
	}
}
