/* Borders and outlines (CSS Backgrounds 3 §4, CSS UI 4 §outline).
 *
 * A border is the ring between the border box and the padding box (both
 * rounded). Each side paints the ring masked by its trapezoid, whose
 * slanted ends join the outer and inner corners (diagonal joins as
 * browsers draw them); when all sides match, the ring is one item. Styles:
 * double splits the ring in thirds, groove/ridge in halves, inset/outset
 * shade sides the way Blink does (Color::Dark/Light), dashed and dotted
 * mask the side with dashes or round dots spaced to fit evenly.
 * https://drafts.csswg.org/css-backgrounds-3/#borders */
#include "paint/display_list.h"

#include <math.h>
#include <string.h>

/* Blink's Color::Dark() and Color::Light(): shading for 3D styles. */
static struct css_color color_dark(struct css_color c)
{
	if (c.r == 255 && c.g == 255 && c.b == 255)
		return (struct css_color){ 0xab, 0xab, 0xab, c.a };
	float r = c.r / 255.0f, g = c.g / 255.0f, b = c.b / 255.0f;
	float v = BASE_MAX(r, BASE_MAX(g, b));
	float m = v > 0.0f ? BASE_MAX(0.0f, (v - 0.33f) / v) : 0.0f;
	float k = nextafterf(256.0f, 0.0f);
	return (struct css_color){ (uint8_t)(r * m * k), (uint8_t)(g * m * k), (uint8_t)(b * m * k), c.a };
}

static struct css_color color_light(struct css_color c)
{
	if (c.r == 0 && c.g == 0 && c.b == 0)
		return (struct css_color){ 0x54, 0x54, 0x54, c.a };
	float r = c.r / 255.0f, g = c.g / 255.0f, b = c.b / 255.0f;
	float v = BASE_MAX(r, BASE_MAX(g, b));
	float m = BASE_MIN(1.0f, v + 0.33f) / v;
	float k = nextafterf(256.0f, 0.0f);
	return (struct css_color){ (uint8_t)BASE_MIN(255.0f, r * m * k), (uint8_t)BASE_MIN(255.0f, g * m * k),
				   (uint8_t)BASE_MIN(255.0f, b * m * k), c.a };
}

static int diff2(struct css_color a, int v)
{
	return (a.r - v) * (a.r - v) + (a.g - v) * (a.g - v) + (a.b - v) * (a.b - v);
}

/* Colour of a side of an inset/outset border (top/left darkened for
 * inset, bottom/right for outset), unless already near black/white. */
static struct css_color shade(struct css_color c, int side, bool inset)
{
	bool darken = (side == 0 || side == 3) == inset;
	if (darken)
		return diff2(c, 0) > 3 * 0x20 * 0x20 ? color_dark(c) : c;
	return diff2(c, 255) > 3 * (255 - 0xeb) * (255 - 0xeb) ? color_light(c) : c;
}

struct sides {
	struct paint_rrect outer, inner;
	float width[4];
	uint8_t style[4];
	struct css_color color[4];
};

/* The trapezoid of a side: outer edge extended outward, slanted ends
 * through the outer and inner corners, extended inward (not past where
 * the slants meet). */
static void side_trapezoid(const struct sides *s, int side, struct paint_poly_builder *pb)
{
	float x0 = s->outer.x, y0 = s->outer.y, x1 = x0 + s->outer.w, y1 = y0 + s->outer.h;
	float ix0 = x0 + s->width[3], iy0 = y0 + s->width[0], ix1 = x1 - s->width[1], iy1 = y1 - s->width[2];
	/* Corners in clockwise order from top-left: outer and inner. */
	float ox[4] = { x0, x1, x1, x0 }, oy[4] = { y0, y0, y1, y1 };
	float jx[4] = { ix0, ix1, ix1, ix0 }, jy[4] = { iy0, iy0, iy1, iy1 };
	int a = side, b = (side + 1) % 4; /* side's start and end corners */
	float ext = BASE_MAX(BASE_MAX(s->width[0], s->width[1]), BASE_MAX(s->width[2], s->width[3])) + 2.0f;
	float dax = jx[a] - ox[a], day = jy[a] - oy[a], dbx = jx[b] - ox[b], dby = jy[b] - oy[b];
	float la = hypotf(dax, day), lb = hypotf(dbx, dby);
	float ua = la > 0 ? ext / la : 0, ub = lb > 0 ? ext / lb : 0;
	/* Inward extension: to where the two slants cross, and never past
	 * the opposite side's inner edge, the rest of the ring being the
	 * other sides' (parallel slants of a box without left and right
	 * borders would otherwise reach across a short box). Going that far
	 * covers the ring where a large inner radius curves away from the
	 * corner. */
	float ta = 2.0f, tb = 2.0f;
	float den = dax * dby - day * dbx;
	if (fabsf(den) > 1e-6f) {
		float ex = ox[b] - ox[a], ey = oy[b] - oy[a];
		float t = (ex * dby - ey * dbx) / den, u = (ex * day - ey * dax) / den;
		ta = tb = INFINITY;
		if (t > 0.0f && u > 0.0f)
			ta = t, tb = u;
	} else if (dax * dbx + day * dby > 0.0f) {
		ta = tb = INFINITY; /* parallel slants never cross */
	}
	bool vert = side == 0 || side == 2;
	float limit = side == 0 ? iy1 : side == 1 ? ix0 : side == 2 ? iy0 : ix1;
	float da = vert ? day : dax, db = vert ? dby : dbx;
	float oa = vert ? oy[a] : ox[a], ob = vert ? oy[b] : ox[b];
	ta = da != 0.0f ? BASE_MIN(ta, BASE_MAX(0.0f, (limit - oa) / da)) : BASE_MIN(ta, 2.0f);
	tb = db != 0.0f ? BASE_MIN(tb, BASE_MAX(0.0f, (limit - ob) / db)) : BASE_MIN(tb, 2.0f);
	paint_pb_point(pb, ox[a] - dax * ua, oy[a] - day * ua);
	paint_pb_point(pb, ox[b] - dbx * ub, oy[b] - dby * ub);
	paint_pb_point(pb, ox[b] + dbx * tb, oy[b] + dby * tb);
	paint_pb_point(pb, ox[a] + dax * ta, oy[a] + day * ta);
	paint_pb_close(pb);
}

/* Dashes or dots along a side, spaced so both ends get a whole one
 * (Blink's SelectBestDashGap). */
static const struct paint_poly *dash_mask(struct paint_ctx *c, const struct sides *s, int side, bool dotted)
{
	float w = s->width[side];
	bool horiz = side == 0 || side == 2;
	float start = horiz ? s->outer.x : s->outer.y;
	float len = horiz ? s->outer.w : s->outer.h;
	/* Blink's StrokeData: dashes 2w long with w gaps (3w and 2w under
	 * 3px); dots w with w gaps. */
	float dash = dotted ? w : (w >= 3.0f ? 2.0f : 3.0f) * w;
	float gap = dotted ? w : (w >= 3.0f ? 1.0f : 2.0f) * w;
	float n;
	if (dotted) {
		/* Dots sit on the centre line from one corner's centre to the
		 * other's, evenly spaced at least w apart. */
		float centre_len = len - w;
		float intervals = BASE_MAX(1.0f, floorf(centre_len / (2.0f * w)));
		n = intervals + 1.0f;
		gap = centre_len / intervals - dash;
	} else {
		float avail = len + gap;
		n = BASE_MAX(1.0f, floorf(avail / (dash + gap)));
		float lo = n * (dash + gap), hi = lo + dash + gap;
		float adj_lo = (avail - lo) / n, adj_hi = (avail - hi) / (n + 1.0f);
		if (fabsf(adj_lo) < fabsf(adj_hi)) {
			gap += adj_lo;
		} else {
			gap += adj_hi;
			n += 1.0f;
		}
	}
	float across0, across1; /* the side's extent across its length */
	if (side == 0)
		across0 = s->outer.y, across1 = s->outer.y + w;
	else if (side == 2)
		across0 = s->outer.y + s->outer.h - w, across1 = s->outer.y + s->outer.h;
	else if (side == 3)
		across0 = s->outer.x, across1 = s->outer.x + w;
	else
		across0 = s->outer.x + s->outer.w - w, across1 = s->outer.x + s->outer.w;
	struct paint_poly_builder pb = { 0 };
	int count = (int)BASE_MIN(n, 100000.0f);
	for (int i = 0; i < count; i++) {
		float p0 = start + (float)i * (dash + gap), p1 = p0 + dash;
		if (dotted && w >= 3.0f) {
			float cx = (p0 + p1) / 2.0f, cy = (across0 + across1) / 2.0f;
			if (horiz)
				paint_pb_ellipse(&pb, cx, cy, w / 2.0f, w / 2.0f);
			else
				paint_pb_ellipse(&pb, cy, cx, w / 2.0f, w / 2.0f);
		} else if (horiz) {
			paint_pb_rect(&pb, p0, across0 - 1.0f, p1, across1 + 1.0f);
		} else {
			paint_pb_rect(&pb, across0 - 1.0f, p0, across1 + 1.0f, p1);
		}
	}
	return paint_pb_finish(&pb, &c->dl->arena);
}

static struct paint_rect outer_bounds(const struct sides *s)
{
	struct paint_rect b = { s->outer.x, s->outer.y, s->outer.x + s->outer.w, s->outer.y + s->outer.h };
	return b;
}

/* One ring of one side, before sides of the same colour are merged. */
struct piece {
	struct paint_rrect outer, inner;
	struct css_color color;
	int side;
	const struct paint_poly *dashes;
};

struct pieces {
	struct piece p[16];
	int n;
};

static void add_piece(struct pieces *ps, const struct paint_rrect *outer, const struct paint_rrect *inner,
		      struct css_color col, int side, const struct paint_poly *dashes)
{
	if (col.a == 0 || ps->n >= (int)BASE_ARRAY_LEN(ps->p))
		return;
	ps->p[ps->n++] = (struct piece){ *outer, *inner, col, side, dashes };
}

/* A ring between the outer edge inset by `from` and by `to` (fractions of
 * each side's width). */
static void fraction_ring(const struct sides *s, float from, float to, struct paint_rrect *o, struct paint_rrect *i)
{
	float a[4], b[4];
	for (int k = 0; k < 4; k++) {
		a[k] = s->width[k] * from;
		b[k] = s->width[k] * to;
	}
	*o = paint_rrect_inset(&s->outer, a);
	*i = paint_rrect_inset(&s->outer, b);
}

static void side_pieces(struct paint_ctx *c, const struct sides *s, int side, struct pieces *ps)
{
	uint8_t st = s->style[side];
	struct css_color col = s->color[side];
	float w = s->width[side];
	struct paint_rrect o, i;
	switch (st) {
	case CSS_BORDER_DOUBLE:
		if (w >= 3.0f) {
			/* Blink's stripes are whole pixels of the rounded width:
			 * a third outside, the rest of two thirds inside, the
			 * remainder going to the gap when it is one pixel and to
			 * the outer stripe when it is two. */
			int wp = (int)lroundf(w), outer = wp / 3 + (wp % 3 == 2), inner = 2 * wp / 3 + (wp % 3 == 1);
			fraction_ring(s, 0.0f, (float)outer / (float)wp, &o, &i);
			add_piece(ps, &o, &i, col, side, NULL);
			fraction_ring(s, (float)inner / (float)wp, 1.0f, &o, &i);
			add_piece(ps, &o, &i, col, side, NULL);
			return;
		}
		break;
	case CSS_BORDER_GROOVE:
	case CSS_BORDER_RIDGE: {
		bool groove = st == CSS_BORDER_GROOVE;
		fraction_ring(s, 0.0f, 0.5f, &o, &i);
		add_piece(ps, &o, &i, shade(col, side, groove), side, NULL);
		fraction_ring(s, 0.5f, 1.0f, &o, &i);
		add_piece(ps, &o, &i, shade(col, side, !groove), side, NULL);
		return;
	}
	case CSS_BORDER_INSET:
	case CSS_BORDER_OUTSET:
		col = shade(col, side, st == CSS_BORDER_INSET);
		break;
	case CSS_BORDER_DASHED:
	case CSS_BORDER_DOTTED:
		add_piece(ps, &s->outer, &s->inner, col, side, dash_mask(c, s, side, st == CSS_BORDER_DOTTED));
		return;
	default:
		break;
	}
	add_piece(ps, &s->outer, &s->inner, col, side, NULL);
}

static bool same_ring(const struct piece *a, const struct piece *b)
{
	return !a->dashes && !b->dashes && memcmp(&a->outer, &b->outer, sizeof(a->outer)) == 0 &&
	       memcmp(&a->inner, &b->inner, sizeof(a->inner)) == 0 && memcmp(&a->color, &b->color, sizeof(a->color)) == 0;
}

static bool style_paints(uint8_t st)
{
	return st != CSS_BORDER_NONE && st != CSS_BORDER_HIDDEN;
}

/* Pieces of the same ring and colour paint as one item whose mask is the
 * union of their side trapezoids, so there is no seam where they join
 * (Blink paints same-coloured sides as one path too). */
static void paint_sides(struct paint_ctx *c, const struct layout_fragment *f, const char *what, struct sides *s)
{
	for (int k = 0; k < 4; k++)
		if (!style_paints(s->style[k]))
			s->width[k] = 0.0f;
	s->inner = paint_rrect_inset(&s->outer, s->width);
	struct pieces ps = { .n = 0 };
	for (int k = 0; k < 4; k++)
		if (s->width[k] > 0.0f)
			side_pieces(c, s, k, &ps);
	bool done[16] = { false };
	for (int i = 0; i < ps.n; i++) {
		if (done[i])
			continue;
		const struct piece *p = &ps.p[i];
		int sides_mask = 0, count = 0;
		for (int j = i; j < ps.n; j++)
			if (!done[j] && (j == i || same_ring(p, &ps.p[j]))) {
				done[j] = true;
				sides_mask |= 1 << ps.p[j].side;
				count++;
			}
		struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, what, f);
	it->snap = true;
		it->shape.kind = PAINT_SHAPE_RING;
		it->shape.a = p->outer;
		it->shape.b = p->inner;
		/* Every side with a width present: no mask needed. */
		int present = 0;
		for (int k = 0; k < 4; k++)
			if (s->width[k] > 0.0f)
				present |= 1 << k;
		if (sides_mask != present || p->dashes) {
			struct paint_poly_builder pb = { 0 };
			for (int k = 0; k < 4; k++)
				if (sides_mask & (1 << k))
					side_trapezoid(s, k, &pb);
			it->mask.kind = PAINT_SHAPE_POLY;
			it->mask.poly = paint_pb_finish(&pb, &c->dl->arena);
		}
		if (p->dashes) {
			it->mask2.kind = PAINT_SHAPE_POLY;
			it->mask2.poly = p->dashes;
		}
		paint_color_premul(p->color, it->color);
		paint_item_bounds(c, it, outer_bounds(s));
	}
}

void paint_box_borders(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	if (paint_border_image(c, f, x, y))
		return;
	const struct css_style *st = f->style;
	struct sides s;
	memset(&s, 0, sizeof(s));
	bool any = false;
	for (int k = 0; k < 4; k++) {
		s.width[k] = f->border[k];
		s.style[k] = st->border_style[k];
		s.color[k] = st->border_color[k];
		any |= s.width[k] > 0.0f && style_paints(s.style[k]);
	}
	if (!any)
		return;
	s.outer = paint_border_rrect(f, x, y);
	paint_sides(c, f, "border", &s);
}

/* The collapsed borders of a table (CSS 2.1 §17.6.2), each segment one
 * side of a box as thick as the border; inset and outset are drawn as
 * ridge and groove in this model (§17.6.3). */
void paint_collapsed_borders(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	for (size_t i = 0; i < f->collapsed_border_count; i++) {
		const struct layout_collapsed_border *e = &f->collapsed_borders[i];
		struct sides s;
		memset(&s, 0, sizeof(s));
		s.outer = (struct paint_rrect){ .x = x + e->rect.x, .y = y + e->rect.y, .w = e->rect.width, .h = e->rect.height };
		int side = e->vertical ? 3 : 0;
		s.width[side] = e->vertical ? e->rect.width : e->rect.height;
		s.style[side] = e->style == CSS_BORDER_INSET ? CSS_BORDER_RIDGE : e->style == CSS_BORDER_OUTSET ? CSS_BORDER_GROOVE : e->style;
		s.color[side] = e->color;
		paint_sides(c, f, "border", &s);
	}
}

void paint_box_outline(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	const struct css_style *st = f->style;
	float w = st->outline_width;
	if (!(w > 0.0f) || !style_paints(st->outline_style) || st->outline_color.a == 0)
		return;
	struct sides s;
	memset(&s, 0, sizeof(s));
	struct paint_rrect box = paint_border_rrect(f, x, y);
	float out = st->outline_offset + w;
	float grow[4] = { -out, -out, -out, -out };
	s.outer = paint_rrect_inset(&box, grow);
	for (int k = 0; k < 4; k++) {
		s.width[k] = w;
		s.style[k] = st->outline_style == CSS_BORDER_AUTO ? CSS_BORDER_SOLID : st->outline_style;
		s.color[k] = st->outline_color;
	}
	paint_sides(c, f, "outline", &s);
}

void paint_border_gap(struct paint_ctx *c, size_t first_item, float x, float y, float width, float border_top)
{
	struct paint_shape gap = { .kind = PAINT_SHAPE_RRECT, .invert = true };
	gap.a = (struct paint_rrect){ .x = x, .y = y - 1, .w = width, .h = border_top + 2 };
	for (size_t i = first_item; i < c->dl->count; i++) {
		struct paint_item *it = &c->dl->items[i];
		if (it->mask.kind == PAINT_SHAPE_NONE && !it->mask.invert)
			it->mask = gap;
		else if (it->mask2.kind == PAINT_SHAPE_NONE && !it->mask2.invert)
			it->mask2 = gap;
	}
}
