/* Text: glyph runs, text-shadow, and text decorations (CSS Text
 * Decoration 3): underline and overline paint under the text, line-through
 * over it; thickness and position come from the font's post/OS2 metrics
 * unless text-decoration-thickness says otherwise; lines are snapped to
 * whole pixels as Chromium draws them.
 * https://drafts.csswg.org/css-text-decor-3/ */
#include "paint/raster.h"

#include <math.h>

static struct paint_item *text_item(struct paint_ctx *c, const struct layout_fragment *f, float ox, float oy,
				    struct css_color col, const char *what)
{
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_TEXT, what, f);
	it->runs = f->runs;
	it->run_count = f->run_count;
	it->ox = ox;
	it->oy = oy;
	paint_color_premul(col, it->color);
	return it;
}

/* Ink bounds of a text fragment: its box, widened by a glyph size for
 * overhanging glyphs (italics, accents). */
static struct paint_rect text_bounds(const struct layout_fragment *f, float x, float y)
{
	float size = 0.0f;
	for (size_t i = 0; i < f->run_count; i++)
		size = BASE_MAX(size, f->runs[i].size);
	struct paint_rect r = { x - size, y - size, x + f->width + size, y + f->height + size };
	return r;
}

static void decoration_line(struct paint_ctx *c, const struct layout_fragment *f, float x, float y, float w,
			    float thick, uint8_t style, struct css_color col)
{
	if (col.a == 0 || !(w > 0.0f))
		return;
	thick = BASE_MAX(1.0f, roundf(thick));
	y = roundf(y);
	struct paint_poly_builder pb = { 0 };
	float y1 = y + thick;
	switch (style) {
	case CSS_TDS_DOUBLE:
		paint_pb_rect(&pb, x, y, x + w, y1);
		paint_pb_rect(&pb, x, y1 + thick, x + w, y1 + 2.0f * thick);
		break;
	case CSS_TDS_DOTTED:
	case CSS_TDS_DASHED: {
		float dash = style == CSS_TDS_DOTTED ? thick : 3.0f * thick;
		int n = (int)BASE_MIN(100000.0f, ceilf(w / (2.0f * dash)));
		for (int i = 0; i < n; i++) {
			float a = x + (float)i * 2.0f * dash, b = BASE_MIN(a + dash, x + w);
			if (style == CSS_TDS_DOTTED && thick >= 3.0f)
				paint_pb_ellipse(&pb, (a + b) / 2.0f, y + thick / 2.0f, thick / 2.0f, thick / 2.0f);
			else
				paint_pb_rect(&pb, a, y, b, y1);
		}
		break;
	}
	case CSS_TDS_WAVY: {
		/* A sine-like wave: period 4 * thickness + 2, amplitude
		 * thickness + 1, stroked by offsetting the centre line. */
		float amp = thick + 1.0f, period = 4.0f * thick + 2.0f, cy = y + amp;
		int steps = (int)BASE_MIN(200000.0f, ceilf(w / period * 16.0f)) + 1;
		for (int i = 0; i <= steps; i++) {
			float px = x + w * (float)i / (float)steps;
			paint_pb_point(&pb, px, cy - amp * sinf((px - x) * 2.0f * 3.14159265f / period) - thick / 2.0f);
		}
		for (int i = steps; i >= 0; i--) {
			float px = x + w * (float)i / (float)steps;
			paint_pb_point(&pb, px, cy - amp * sinf((px - x) * 2.0f * 3.14159265f / period) + thick / 2.0f);
		}
		paint_pb_close(&pb);
		y1 = cy + amp + thick;
		y = cy - amp - thick;
		break;
	}
	default:
		paint_pb_rect(&pb, x, y, x + w, y1);
		break;
	}
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, "text-decoration", f);
	it->shape.kind = PAINT_SHAPE_POLY;
	it->shape.poly = paint_pb_finish(&pb, &c->dl->arena);
	paint_color_premul(col, it->color);
	paint_item_bounds(c, it, (struct paint_rect){ x, y - 2.0f * thick, x + w, y1 + 2.0f * thick });
}

/* Decoration placement as Blink draws it: thickness from the font's
 * underline metric rounded to at least a pixel; underline a gap of half
 * its thickness (at least 1px) below the baseline; overline at the ascent;
 * line-through two thirds of the ascent down from there. */
static void decorations(struct paint_ctx *c, const struct layout_fragment *f, float x, float y, bool over)
{
	const struct css_style *st = f->style;
	uint8_t lines = (uint8_t)(st->decorations_in_effect | st->text_decoration_line);
	if (!lines || f->run_count == 0)
		return;
	const struct layout_glyph_run *run = &f->runs[0];
	float ascent, thick;
	paint_face_decoration_metrics(run->face, run->size, &ascent, &thick);
	ascent = roundf(ascent);
	if (st->text_decoration_thickness.kind == CSS_LEN_FIXED)
		thick = css_length_resolve(st->text_decoration_thickness, st->font_size);
	thick = BASE_MAX(1.0f, roundf(thick));
	struct css_color col = st->text_decoration_line ? st->text_decoration_color : st->color;
	float base = y + f->baseline;
	if (!over) {
		if (lines & CSS_TD_UNDERLINE)
			decoration_line(c, f, x, base + BASE_MAX(1.0f, ceilf(thick / 2.0f)), f->width, thick,
					st->text_decoration_style, col);
		if (lines & CSS_TD_OVERLINE)
			decoration_line(c, f, x, base - ascent, f->width, thick, st->text_decoration_style, col);
	} else if (lines & CSS_TD_LINE_THROUGH) {
		decoration_line(c, f, x, base - ascent + 2.0f * ascent / 3.0f, f->width, thick, st->text_decoration_style,
				col);
	}
}

void paint_text(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	const struct css_style *st = f->style;
	if (f->run_count == 0 || !f->runs)
		return;
	float ox = x, oy = y + f->baseline;
	struct paint_rect b = text_bounds(f, x, y);
	for (size_t i = st->text_shadow_count; i-- > 0;) {
		const struct css_shadow *sh = &st->text_shadows[i];
		if (sh->color.a == 0)
			continue;
		struct paint_item *it = text_item(c, f, ox + sh->x, oy + sh->y, sh->color, "text-shadow");
		it->blur_sigma = sh->blur > 0.0f ? sh->blur / 2.0f : 0.0f;
		paint_item_bounds(c, it, (struct paint_rect){ b.x0 + sh->x, b.y0 + sh->y, b.x1 + sh->x, b.y1 + sh->y });
	}
	decorations(c, f, x, y, false);
	if (st->color.a > 0) {
		struct paint_item *it = text_item(c, f, ox, oy, st->color, "text");
		paint_item_bounds(c, it, b);
	}
	decorations(c, f, x, y, true);
}
