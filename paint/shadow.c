/* box-shadow (CSS Backgrounds 3 §7.1): outer shadows are the border box
 * moved by the offset and grown by the spread, blurred (Gaussian with
 * sigma = blur radius / 2, as Skia and the spec's "half the blur radius"
 * require), and painted only outside the border box; inset shadows are
 * the padding box minus the shrunk, moved hole, blurred, inside the
 * padding box. The first shadow listed is on top, so they paint in
 * reverse. https://drafts.csswg.org/css-backgrounds-3/#box-shadow */
#include "paint/display_list.h"

void paint_box_shadows(struct paint_ctx *c, const struct layout_fragment *f, float x, float y, bool inset)
{
	const struct css_style *st = f->style;
	if (!st->box_shadow_count)
		return;
	struct paint_rrect box = paint_border_rrect(f, x, y);
	struct paint_rrect padding = paint_rrect_inset(&box, f->border);
	for (size_t i = st->box_shadow_count; i-- > 0;) {
		const struct css_shadow *sh = &st->box_shadows[i];
		if (sh->inset != inset || sh->color.a == 0)
			continue;
		struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, inset ? "inset-shadow" : "box-shadow", f);
	it->snap = true;
		it->blur_sigma = sh->blur > 0.0f ? sh->blur / 2.0f : 0.0f;
		paint_color_premul(sh->color, it->color);
		struct paint_rect b;
		if (!inset) {
			float grow[4] = { -sh->spread, -sh->spread, -sh->spread, -sh->spread };
			struct paint_rrect s = paint_rrect_inset(&box, grow);
			s.x += sh->x;
			s.y += sh->y;
			it->shape.kind = PAINT_SHAPE_RRECT;
			it->shape.a = s;
			it->mask.kind = PAINT_SHAPE_RRECT;
			it->mask.invert = true;
			it->mask.a = box;
			b = (struct paint_rect){ s.x, s.y, s.x + s.w, s.y + s.h };
		} else {
			float shrink[4] = { sh->spread, sh->spread, sh->spread, sh->spread };
			struct paint_rrect hole = paint_rrect_inset(&padding, shrink);
			hole.x += sh->x;
			hole.y += sh->y;
			it->shape.kind = PAINT_SHAPE_RRECT;
			it->shape.invert = true;
			it->shape.a = hole;
			it->mask.kind = PAINT_SHAPE_RRECT;
			it->mask.a = padding;
			b = (struct paint_rect){ padding.x, padding.y, padding.x + padding.w, padding.y + padding.h };
			float blur = it->blur_sigma;
			it->blur_sigma = 0.0f; /* the padding box bounds it */
			paint_item_bounds(c, it, b);
			it->blur_sigma = blur;
			continue;
		}
		paint_item_bounds(c, it, b);
	}
}
