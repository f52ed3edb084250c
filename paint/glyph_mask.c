/* Glyph masks drawn from outlines the way Chromium's Skia draws them on
 * Linux: the (hinted) outline becomes a path, and the path is filled by
 * Skia's analytic anti-aliasing (SkScan_AAAPath.cpp, SkAnalyticEdge.cpp),
 * not by FreeType's rasterizer. Its pixels differ from an exact-area
 * rasterizer's in ways that show: every vertex is snapped to a quarter
 * pixel vertically and to 1/256 px horizontally, quadratic curves are
 * stepped into 2^n chords by forward differencing in 16.16 fixed point,
 * and each pixel row is cut into strips at the vertices, whose trapezoid
 * coverages are computed and summed in 8 bits with Skia's truncations.
 * This file reproduces that arithmetic (the small-mask case of
 * aaa_walk_edges, which is what glyphs take). */
#include "paint/raster.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 16.16 fixed point (SkFixed) and 26.6 (SkFDot6). */
typedef int32_t fixed;
#define FX_ONE 65536
#define FX_MAX INT32_MAX

static fixed fx_mul(fixed a, fixed b)
{
	return (fixed)(((int64_t)a * b) >> 16);
}

static fixed fx_floor(fixed v)
{
	return (fixed)((uint32_t)v & 0xffff0000u);
}

static fixed fx_ceil(fixed v)
{
	return fx_floor(v + FX_ONE - 1);
}

static int fx_floor_int(fixed v)
{
	return v >> 16;
}

static int fx_ceil_int(fixed v)
{
	return (v + FX_ONE - 1) >> 16;
}

/* SkFDot6Div: a / b in 16.16. */
static fixed fdot6_div(int32_t a, int32_t b)
{
	if (a >= INT16_MIN && a <= INT16_MAX)
		return (fixed)((a * 65536) / b);
	int64_t q = ((int64_t)a * 65536) / b;
	return (fixed)BASE_MIN(BASE_MAX(q, (int64_t)INT32_MIN), (int64_t)INT32_MAX);
}

/* Skia's table of 26.6 inverses: 1 / x in 16.16, truncated; 0 for 0. */
static fixed quick_inverse(int32_t x)
{
	return x == 0 ? 0 : (fixed)((1 << 22) / x);
}

/* quick_div: a / b through the inverse table when b is neither tiny nor
 * large. */
static fixed quick_div(int32_t a, int32_t b)
{
	int32_t aa = abs(a), ab = abs(b);
	if (ab >= 8 && ab < 1024 && aa < (1 << 12))
		return (a * quick_inverse(b)) >> 6;
	return fdot6_div(a, b);
}

/* SkAnalyticEdge::snapY: to the nearest quarter pixel. */
static fixed snap_y(fixed y)
{
	return (fixed)((((uint32_t)y + (FX_ONE >> 3)) >> 14) << 14);
}

struct edge {
	struct edge *prev, *next;
	fixed x, dx, upper_x, y, upper_y, lower_y, dy;
	int winding;
	int curve_count, curve_shift; /* quadratics: chords left, step shift */
	fixed qx, qy, qdx, qdy, qddx, qddy, qlast_x, qlast_y, snapped_x, snapped_y;
};

/* SkAnalyticEdge::updateLine: the edge becomes the chord from (x0, y0)
 * down to y1 with the given slope; false when it has no height. */
static bool update_line(struct edge *e, fixed x0, fixed y0, fixed x1, fixed y1, fixed slope)
{
	if (y0 > y1) {
		fixed t = x0;
		x0 = x1;
		x1 = t;
		t = y0;
		y0 = y1;
		y1 = t;
		e->winding = -e->winding;
	}
	int32_t dx = (x1 - x0) >> 10, dy = (y1 - y0) >> 10;
	if (dy == 0)
		return false;
	int32_t abs_slope = abs(slope >> 10);
	e->x = x0;
	e->dx = slope;
	e->upper_x = x0;
	e->y = y0;
	e->upper_y = y0;
	e->lower_y = y1;
	e->dy = (dx == 0 || slope == 0) ? FX_MAX : abs_slope < 1024 ? quick_inverse(abs_slope) : abs(quick_div(dy, dx));
	return true;
}

/* SkAnalyticQuadraticEdge::updateQuadratic: the next chord of the curve. */
static bool update_quad(struct edge *e)
{
	bool ok = false;
	int count = e->curve_count;
	fixed oldx = e->qx, oldy = e->qy, dx = e->qdx, dy = e->qdy;
	fixed newx = oldx, newy = oldy, nsx = e->snapped_x, nsy = e->snapped_y;
	int shift = e->curve_shift;
	do {
		fixed slope;
		if (--count > 0) {
			newx = oldx + (dx >> shift);
			newy = oldy + (dy >> shift);
			if (abs(dy >> shift) >= 2 * FX_ONE && ((int64_t)abs(dy) << 6) > abs(dx)) {
				/* A steep step: end the chord on a whole pixel. */
				int32_t diff = (newy - e->snapped_y) >> 10;
				slope = diff ? quick_div((newx - e->snapped_x) >> 10, diff) : FX_MAX;
				nsy = BASE_MIN(e->qlast_y, (fixed)(((uint32_t)newy + (FX_ONE >> 1)) & 0xffff0000u));
				nsx = newx - fx_mul(slope, newy - nsy);
			} else {
				nsy = BASE_MIN(e->qlast_y, snap_y(newy));
				nsx = newx;
				int32_t diff = (nsy - e->snapped_y) >> 10;
				slope = diff ? quick_div((newx - e->snapped_x) >> 10, diff) : FX_MAX;
			}
			dx += e->qddx;
			dy += e->qddy;
		} else {
			newx = e->qlast_x;
			newy = e->qlast_y;
			nsy = newy;
			nsx = newx;
			int32_t diff = (newy - e->snapped_y) >> 10;
			slope = diff ? quick_div((newx - e->snapped_x) >> 10, diff) : FX_MAX;
		}
		if (slope < FX_MAX)
			ok = update_line(e, e->snapped_x, e->snapped_y, nsx, nsy, slope);
		oldx = newx;
		oldy = newy;
	} while (count > 0 && !ok);
	e->qx = newx;
	e->qy = newy;
	e->qdx = dx;
	e->qdy = dy;
	e->snapped_x = nsx;
	e->snapped_y = nsy;
	e->curve_count = count;
	return ok;
}

/* keepContinuous: the next chord starts where the walk left this one. */
static void keep_continuous(struct edge *e)
{
	e->snapped_x = e->x;
	e->snapped_y = e->y;
}

static void go_y(struct edge *e, fixed y)
{
	if (y == e->y + FX_ONE) {
		e->x += e->dx;
		e->y = y;
	} else if (y != e->y) {
		e->x = e->upper_x + fx_mul(e->dx, y - e->upper_y);
		e->y = y;
	}
}

static void go_y_shift(struct edge *e, fixed y, int shift)
{
	e->y = y;
	e->x += e->dx >> shift;
}

/* Edge building. */
struct mask_build {
	struct edge *edges;
	size_t len, cap;
	double ox, oy; /* added to every point */
	float skew;    /* x += skew * y (y up), in float as SkMatrix maps points */
	double px, py; /* the current point */
	double minx, miny, maxx, maxy;
	size_t points; /* the path's point count, as SkPath counts them */
	bool measure; /* first pass: bounds only */
};

static struct edge *edge_new(struct mask_build *b)
{
	if (b->len == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->edges = base_xrealloc(b->edges, b->cap * sizeof(*b->edges));
	}
	struct edge *e = &b->edges[b->len];
	memset(e, 0, sizeof(*e));
	return e;
}

/* A coordinate as SkAnalyticEdge::setLine takes it: times 4 to 26.6
 * (truncated), then to 16.16 at the original scale. */
static fixed to_fixed4(double v)
{
	return (fixed)((int32_t)((float)v * 4.0f * 64.0f) * 256);
}

/* SkAnalyticEdge::setLine. */
static void add_line(struct mask_build *b, double ax, double ay, double bx, double by)
{
	fixed x0 = to_fixed4(ax), y0 = snap_y(to_fixed4(ay));
	fixed x1 = to_fixed4(bx), y1 = snap_y(to_fixed4(by));
	int winding = 1;
	if (y0 > y1) {
		fixed t = x0;
		x0 = x1;
		x1 = t;
		t = y0;
		y0 = y1;
		y1 = t;
		winding = -1;
	}
	int32_t dy = (y1 - y0) >> 10, dx = (x1 - x0) >> 10;
	if (dy == 0)
		return;
	struct edge *e = edge_new(b);
	fixed slope = quick_div(dx, dy);
	int32_t abs_slope = abs(slope);
	e->x = e->upper_x = x0;
	e->dx = slope;
	e->y = e->upper_y = y0;
	e->lower_y = y1;
	e->dy = (dx == 0 || slope == 0) ? FX_MAX : abs_slope < 1024 ? quick_inverse(abs_slope) : abs(quick_div(dy, dx));
	e->winding = winding;
	b->len++;
}

static int32_t cheap_distance(int32_t dx, int32_t dy)
{
	dx = abs(dx);
	dy = abs(dy);
	return dx > dy ? dx + (dy >> 1) : dy + (dx >> 1);
}

/* SkEdge's diff_to_shift at Skia's anti-aliasing scale (4). */
static int diff_to_shift(int32_t dx, int32_t dy)
{
	int32_t dist = (cheap_distance(dx, dy) + (1 << 4)) >> 5;
	int bits = 0;
	while (bits < 32 && ((uint32_t)dist >> bits) != 0)
		bits++;
	return bits >> 1;
}

/* SkQuadraticEdge::setQuadraticWithoutUpdate at shift 2, then
 * SkAnalyticQuadraticEdge::setQuadratic; p is monotonic in y. */
static void add_mono_quad(struct mask_build *b, const double p[6])
{
	int32_t x0 = (int32_t)((float)p[0] * 256.0f), y0 = (int32_t)((float)p[1] * 256.0f);
	int32_t x1 = (int32_t)((float)p[2] * 256.0f), y1 = (int32_t)((float)p[3] * 256.0f);
	int32_t x2 = (int32_t)((float)p[4] * 256.0f), y2 = (int32_t)((float)p[5] * 256.0f);
	int winding = 1;
	if (y0 > y2) {
		int32_t t = x0;
		x0 = x2;
		x2 = t;
		t = y0;
		y0 = y2;
		y2 = t;
		winding = -1;
	}
	if (((y0 + 32) >> 6) == ((y2 + 32) >> 6))
		return;
	int shift = diff_to_shift((x1 * 2 - x0 - x2) >> 2, (y1 * 2 - y0 - y2) >> 2);
	if (shift == 0)
		shift = 1;
	else if (shift > 6)
		shift = 6;
	struct edge *e = edge_new(b);
	e->winding = winding;
	e->curve_count = 1 << shift;
	e->curve_shift = shift - 1;
	fixed a = (x0 - x1 - x1 + x2) * 512, bb = (x1 - x0) * 1024;
	e->qx = (x0 * 1024) >> 2;
	e->qdx = (bb + (a >> shift)) >> 2;
	e->qddx = (a >> (shift - 1)) >> 2;
	a = (y0 - y1 - y1 + y2) * 512;
	bb = (y1 - y0) * 1024;
	e->qy = snap_y((y0 * 1024) >> 2);
	e->qdy = (bb + (a >> shift)) >> 2;
	e->qddy = (a >> (shift - 1)) >> 2;
	e->qlast_x = (x2 * 1024) >> 2;
	e->qlast_y = snap_y((y2 * 1024) >> 2);
	e->snapped_x = e->qx;
	e->snapped_y = e->qy;
	if (update_quad(e))
		b->len++;
}

/* SkChopQuadAtYExtrema: split where dy/dt = 0, the extremum flattened. */
static void add_quad(struct mask_build *b, double x0, double y0, double x1, double y1, double x2, double y2)
{
	bool mono = (y0 <= y1 && y1 <= y2) || (y0 >= y1 && y1 >= y2);
	if (!mono) {
		double den = y0 - y1 - y1 + y2, t = den != 0.0 ? (y0 - y1) / den : -1.0;
		if (t > 0.0 && t < 1.0) {
			double ax = x0 + (x1 - x0) * t, bx = x1 + (x2 - x1) * t;
			double mx = ax + (bx - ax) * t, my = y0 + (y1 - y0) * t;
			my = my + ((y1 + (y2 - y1) * t) - my) * t;
			const double q0[6] = { x0, y0, ax, my, mx, my };
			const double q1[6] = { mx, my, bx, my, x2, y2 };
			add_mono_quad(b, q0);
			add_mono_quad(b, q1);
			return;
		}
		y1 = fabs(y1 - y0) < fabs(y1 - y2) ? y0 : y2;
	}
	const double q[6] = { x0, y0, x1, y1, x2, y2 };
	add_mono_quad(b, q);
}

static void point(struct mask_build *b, const FT_Vector *v, double *x, double *y)
{
	float fx = (float)v->x / 64.0f, fy = (float)v->y / 64.0f;
	*x = (double)(fx + b->skew * fy) + b->ox;
	*y = -(double)fy + b->oy;
	if (b->measure) {
		b->minx = BASE_MIN(b->minx, *x);
		b->miny = BASE_MIN(b->miny, *y);
		b->maxx = BASE_MAX(b->maxx, *x);
		b->maxy = BASE_MAX(b->maxy, *y);
	}
}

static int on_move(const FT_Vector *to, void *user)
{
	struct mask_build *b = user;
	point(b, to, &b->px, &b->py);
	b->points++;
	return 0;
}

static int on_line(const FT_Vector *to, void *user)
{
	struct mask_build *b = user;
	double x, y;
	point(b, to, &x, &y);
	b->points++;
	if (!b->measure)
		add_line(b, b->px, b->py, x, y);
	b->px = x;
	b->py = y;
	return 0;
}

static int on_conic(const FT_Vector *c, const FT_Vector *to, void *user)
{
	struct mask_build *b = user;
	double cx, cy, x, y;
	point(b, c, &cx, &cy);
	point(b, to, &x, &y);
	b->points += 2;
	if (!b->measure)
		add_quad(b, b->px, b->py, cx, cy, x, y);
	b->px = x;
	b->py = y;
	return 0;
}

/* Cubics (CFF fonts) as sixteen chords. */
static int on_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user)
{
	struct mask_build *b = user;
	double ax, ay, bx, by, x, y;
	point(b, c1, &ax, &ay);
	point(b, c2, &bx, &by);
	point(b, to, &x, &y);
	b->points += 3;
	if (!b->measure) {
		double lx = b->px, ly = b->py;
		for (int i = 1; i <= 16; i++) {
			double t = (double)i / 16.0, u = 1.0 - t;
			double nx = u * u * u * b->px + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x;
			double ny = u * u * u * b->py + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y;
			add_line(b, lx, ly, nx, ny);
			lx = nx;
			ly = ny;
		}
	}
	b->px = x;
	b->py = y;
	return 0;
}

/* Alpha arithmetic (the mask blitter's). */
struct mask {
	uint8_t *a;
	int w, h;
};

static uint8_t *mask_row(const struct mask *m, int y)
{
	return m->a + (size_t)y * (size_t)m->w;
}

static void add_alpha_safely(uint8_t *p, unsigned d)
{
	unsigned v = *p + d;
	*p = (uint8_t)(v > 255 ? 255 : v);
}

static uint8_t trapezoid_to_alpha(fixed l1, fixed l2)
{
	return (uint8_t)(((l1 + l2) / 2) >> 8);
}

static uint8_t partial_triangle_to_alpha(fixed a, fixed b)
{
	return (uint8_t)((((a >> 11) * (a >> 11) * (b >> 11)) >> 8) & 0xff);
}

static fixed sat_add(fixed a, fixed b)
{
	int64_t v = (int64_t)a + b;
	return (fixed)BASE_MIN(BASE_MAX(v, (int64_t)INT32_MIN), (int64_t)INT32_MAX);
}

static uint8_t partial_alpha(uint8_t alpha, uint8_t full)
{
	return (uint8_t)(((unsigned)alpha * full) >> 8);
}

static uint8_t f2a(fixed f)
{
	return (uint8_t)((255 * (int64_t)f + (FX_ONE >> 1)) >> 16);
}

static void blit_single(uint8_t *row, int x, uint8_t alpha, uint8_t full, bool no_real)
{
	if (full == 0xff && !no_real)
		row[x] = alpha;
	else
		add_alpha_safely(&row[x], partial_alpha(alpha, full));
}

static void blit_full(uint8_t *row, int x, int len, uint8_t full)
{
	for (int i = 0; i < len; i++)
		add_alpha_safely(&row[x + i], full);
}

static void alpha_above_line(uint8_t *alphas, fixed l, fixed r, fixed dy, uint8_t full)
{
	int R = fx_ceil_int(r);
	if (R == 0)
		return;
	if (R == 1) {
		alphas[0] = partial_alpha((uint8_t)((((R << 17) - l - r) >> 9)), full);
		return;
	}
	fixed first = FX_ONE - l, last = r - ((R - 1) << 16);
	fixed first_h = fx_mul(first, dy);
	alphas[0] = (uint8_t)(fx_mul(first, first_h) >> 9);
	fixed a16 = sat_add(first_h, dy >> 1);
	for (int i = 1; i < R - 1; i++) {
		alphas[i] = (uint8_t)(a16 >> 8);
		a16 = sat_add(a16, dy);
	}
	alphas[R - 1] = (uint8_t)(full - partial_triangle_to_alpha(last, dy));
}

static void alpha_below_line(uint8_t *alphas, fixed l, fixed r, fixed dy, uint8_t full)
{
	int R = fx_ceil_int(r);
	if (R == 0)
		return;
	if (R == 1) {
		alphas[0] = partial_alpha(trapezoid_to_alpha(l, r), full);
		return;
	}
	fixed first = FX_ONE - l, last = r - ((R - 1) << 16);
	fixed last_h = fx_mul(last, dy);
	alphas[R - 1] = (uint8_t)(fx_mul(last, last_h) >> 9);
	fixed a16 = sat_add(last_h, dy >> 1);
	for (int i = R - 2; i > 0; i--) {
		alphas[i] = (uint8_t)((a16 >> 8) & 0xff);
		a16 = sat_add(a16, dy);
	}
	alphas[0] = (uint8_t)(full - partial_triangle_to_alpha(first, dy));
}

static void subtract(uint8_t *a, uint8_t v)
{
	*a = *a > v ? (uint8_t)(*a - v) : 0;
}

/* blit_aaa_trapezoid_row: a row strip between two sloped edges. */
static void aaa_trapezoid_row(uint8_t *row, fixed ul, fixed ur, fixed ll, fixed lr, fixed ldy, fixed rdy, uint8_t full,
			      bool no_real)
{
	int L = fx_floor_int(ul), R = fx_ceil_int(lr);
	int len = R - L;
	if (len == 1) {
		blit_single(row, L, trapezoid_to_alpha(ur - ul, lr - ll), full, no_real);
		return;
	}
	if (len <= 0 || len > 4096)
		return;
	uint8_t quick[2 * 64];
	uint8_t *alphas = len < 64 ? quick : base_xmalloc(2 * (size_t)len + 2);
	uint8_t *tmp = alphas + len + 1;
	memset(alphas, full, (size_t)len);
	memset(tmp, 0, (size_t)len + 1);
	int uL = fx_floor_int(ul), lL = fx_ceil_int(ll);
	if (uL + 2 == lL) {
		fixed first = (uL << 16) + FX_ONE - ul, second = ll - ul - first;
		subtract(&alphas[0], (uint8_t)(full - partial_triangle_to_alpha(first, ldy)));
		subtract(&alphas[1], partial_triangle_to_alpha(second, ldy));
	} else {
		alpha_below_line(tmp + uL - L, ul - (uL << 16), ll - (uL << 16), ldy, full);
		for (int i = uL; i < lL; i++)
			subtract(&alphas[i - L], tmp[i - L]);
	}
	int uR = fx_floor_int(ur), lR = fx_ceil_int(lr);
	if (uR + 2 == lR) {
		fixed first = (uR << 16) + FX_ONE - ur, second = lr - ur - first;
		subtract(&alphas[len - 2], partial_triangle_to_alpha(first, rdy));
		subtract(&alphas[len - 1], (uint8_t)(full - partial_triangle_to_alpha(second, rdy)));
	} else {
		memset(tmp, 0, (size_t)len + 1);
		alpha_above_line(tmp + uR - L, ur - (uR << 16), lr - (uR << 16), rdy, full);
		for (int i = uR; i < lR; i++)
			subtract(&alphas[i - L], tmp[i - L]);
	}
	for (int i = 0; i < len; i++)
		add_alpha_safely(&row[L + i], alphas[i]);
	if (alphas != quick)
		free(alphas);
}

/* blit_trapezoid_row: the strip between a left edge going from ul to ll
 * and a right edge from ur to lr, with the strip's height as full. */
static void trapezoid_row(uint8_t *row, fixed ul, fixed ur, fixed ll, fixed lr, fixed ldy, fixed rdy, uint8_t full,
			  bool no_real)
{
	if (ul > ur)
		return;
	if (ll > lr) {
		/* Crossing edges (precision): approximateIntersection. */
		fixed a = BASE_MIN(ul, ll), b = BASE_MAX(ul, ll), c = BASE_MIN(ur, lr), d = BASE_MAX(ur, lr);
		ll = lr = (BASE_MAX(a, c) + BASE_MIN(b, d)) / 2;
	}
	if (ul == ur && ll == lr)
		return;
	if (ul > ll) {
		fixed t = ul;
		ul = ll;
		ll = t;
	}
	if (ur > lr) {
		fixed t = ur;
		ur = lr;
		lr = t;
	}
	fixed join_left = fx_ceil(ll), join_rite = fx_floor(ur);
	if (join_left <= join_rite) {
		if (ul < join_left) {
			int len = fx_ceil_int(join_left - ul);
			if (len == 1) {
				blit_single(row, ul >> 16, trapezoid_to_alpha(join_left - ul, join_left - ll), full, no_real);
			} else if (len == 2) {
				fixed first = join_left - FX_ONE - ul, second = ll - ul - first;
				add_alpha_safely(&row[ul >> 16], partial_triangle_to_alpha(first, ldy));
				add_alpha_safely(&row[(ul >> 16) + 1], (uint8_t)(full - partial_triangle_to_alpha(second, ldy)));
			} else {
				aaa_trapezoid_row(row, ul, join_left, ll, join_left, ldy, FX_MAX, full, no_real);
			}
		}
		if (join_left < join_rite)
			blit_full(row, fx_floor_int(join_left), fx_floor_int(join_rite - join_left), full);
		if (lr > join_rite) {
			int len = fx_ceil_int(lr - join_rite);
			if (len == 1) {
				blit_single(row, join_rite >> 16, trapezoid_to_alpha(ur - join_rite, lr - join_rite), full,
					    no_real);
			} else if (len == 2) {
				fixed first = join_rite + FX_ONE - ur, second = lr - ur - first;
				add_alpha_safely(&row[join_rite >> 16], (uint8_t)(full - partial_triangle_to_alpha(first, rdy)));
				add_alpha_safely(&row[(join_rite >> 16) + 1], partial_triangle_to_alpha(second, rdy));
			} else {
				aaa_trapezoid_row(row, join_rite, ur, join_rite, lr, FX_MAX, rdy, full, no_real);
			}
		}
	} else {
		aaa_trapezoid_row(row, ul, ur, ll, lr, ldy, rdy, full, no_real);
	}
}

/* The walk (aaa_walk_edges) over edges in a doubly linked list kept in x
 * order between two sentinels. */
struct walk {
	const struct mask *m;
	fixed left_clip, right_clip;
};

static void remove_edge(struct edge *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
}

static void insert_after(struct edge *e, struct edge *after)
{
	e->prev = after;
	e->next = after->next;
	after->next->prev = e;
	after->next = e;
}

static void backward_insert_by_x(struct edge *e)
{
	fixed x = e->x;
	struct edge *p = e->prev;
	while (p->prev && p->x > x)
		p = p->prev;
	if (p->next != e) {
		remove_edge(e);
		insert_after(e, p);
	}
}

static void update_next_next_y(fixed y, fixed next_y, fixed *nny)
{
	if (y > next_y && y < *nny)
		*nny = y;
}

static void check_intersection(const struct edge *e, fixed next_y, fixed *nny)
{
	if (e->prev->prev && e->prev->x + e->prev->dx > e->x + e->dx)
		*nny = next_y + (FX_ONE >> 2);
}

static void check_intersection_fwd(const struct edge *e, fixed next_y, fixed *nny)
{
	if (e->next->next && e->x + e->dx > e->next->x + e->next->dx)
		*nny = next_y + (FX_ONE >> 2);
}

static void insert_new_edges(struct edge *ne, fixed y, fixed *nny)
{
	if (ne->upper_y > y) {
		update_next_next_y(ne->upper_y, y, nny);
		return;
	}
	struct edge *prev = ne->prev;
	if (prev->x <= ne->x) {
		while (ne->upper_y <= y) {
			check_intersection(ne, y, nny);
			update_next_next_y(ne->lower_y, y, nny);
			ne = ne->next;
		}
		update_next_next_y(ne->upper_y, y, nny);
		return;
	}
	struct edge *start = prev;
	while (start->prev && start->x > ne->x)
		start = start->prev;
	do {
		struct edge *next = ne->next;
		for (;;) {
			if (start->next == ne)
				goto placed;
			struct edge *after = start->next;
			if (after->x >= ne->x)
				break;
			start = after;
		}
		remove_edge(ne);
		insert_after(ne, start);
placed:
		check_intersection(ne, y, nny);
		check_intersection_fwd(ne, y, nny);
		update_next_next_y(ne->lower_y, y, nny);
		start = ne;
		ne = next;
	} while (ne->upper_y <= y);
	update_next_next_y(ne->upper_y, y, nny);
}

static bool edges_too_close(const struct edge *prev, const struct edge *next, fixed lower_y)
{
	return next && prev && next->upper_y < lower_y && prev->x + FX_ONE >= next->x - abs(next->dx);
}

static bool edges_too_close_int(int prev_rite, fixed ul, fixed ll)
{
	return prev_rite > fx_floor_int(ul) || prev_rite > fx_floor_int(ll);
}

static int edge_cmp(const void *pa, const void *pb)
{
	const struct edge *a = *(struct edge *const *)pa, *b = *(struct edge *const *)pb;
	if (a->upper_y != b->upper_y)
		return a->upper_y < b->upper_y ? -1 : 1;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->dx != b->dx)
		return a->dx < b->dx ? -1 : 1;
	return 0;
}

static void walk_edges(struct walk *wk, struct edge *head, struct edge *tail, int start_y, int stop_y, bool skip_intersect)
{
	head->x = head->upper_x = wk->left_clip;
	tail->x = tail->upper_x = wk->right_clip;
	fixed y = BASE_MAX(head->next->upper_y, start_y << 16);
	fixed nny = FX_MAX;
	struct edge *e;
	for (e = head->next; e->upper_y <= y; e = e->next) {
		go_y(e, y);
		update_next_next_y(e->lower_y, y, &nny);
	}
	update_next_next_y(e->upper_y, y, &nny);
	for (int guard = 0; guard < 1 << 20; guard++) {
		int w = 0;
		bool in_interval = false;
		fixed prev_x = head->x;
		fixed next_y = BASE_MIN(nny, fx_ceil(y + 1));
		struct edge *cur = head->next, *le = head;
		fixed left = wk->left_clip, left_dy = 0;
		int prev_rite = fx_floor_int(wk->left_clip);
		nny = FX_MAX;
		int yshift = 0;
		if ((next_y - y) & (FX_ONE >> 2)) {
			yshift = 2;
			next_y = y + (FX_ONE >> 2);
		} else if ((next_y - y) & (FX_ONE >> 1)) {
			yshift = 1;
		}
		uint8_t full = f2a(next_y - y);
		int row_y = fx_floor_int(y);
		uint8_t *row = row_y >= 0 && row_y < wk->m->h ? mask_row(wk->m, row_y) : NULL;
		while (cur->upper_y <= y) {
			w += cur->winding;
			bool prev_in = in_interval;
			in_interval = w != 0;
			bool is_left = in_interval && !prev_in, is_rite = !in_interval && prev_in;
			if (is_rite) {
				fixed rite = cur->x;
				go_y_shift(cur, next_y, yshift);
				fixed next_left = BASE_MAX(wk->left_clip, le->x);
				rite = BASE_MIN(wk->right_clip, rite);
				fixed next_rite = BASE_MIN(wk->right_clip, cur->x);
				if (row)
					trapezoid_row(row, left, rite, next_left, next_rite, left_dy, cur->dy, full,
						      full == 0xff && (edges_too_close_int(prev_rite, left, le->x) ||
								       edges_too_close(cur, cur->next, next_y)));
				prev_rite = fx_ceil_int(BASE_MAX(rite, cur->x));
			} else {
				if (is_left) {
					left = BASE_MAX(cur->x, wk->left_clip);
					left_dy = cur->dy;
					le = cur;
				}
				go_y_shift(cur, next_y, yshift);
			}
			struct edge *next = cur->next;
			while (cur->lower_y <= next_y && cur->curve_count > 0) {
				keep_continuous(cur);
				if (!update_quad(cur))
					break;
			}
			if (cur->lower_y <= next_y) {
				remove_edge(cur);
			} else {
				update_next_next_y(cur->lower_y, next_y, &nny);
				fixed new_x = cur->x;
				if (new_x < prev_x) {
					backward_insert_by_x(cur);
				} else {
					prev_x = new_x;
				}
				if (!skip_intersect)
					check_intersection(cur, next_y, &nny);
			}
			cur = next;
		}
		if (in_interval && row)
			trapezoid_row(row, left, wk->right_clip, BASE_MAX(wk->left_clip, le->x), wk->right_clip, left_dy, 0,
				      full, full == 0xff && edges_too_close(le->prev, le, next_y));
		y = next_y;
		if (y >= stop_y << 16)
			break;
		insert_new_edges(cur, y, &nny);
	}
}

struct paint_glyph_bitmap *paint_glyph_mask(const void *ft_outline, double dx, float skew, struct base_arena *a)
{
	const FT_Outline *o = ft_outline;
	static const FT_Outline_Funcs funcs = { on_move, on_line, on_conic, on_cubic, 0, 0 };
	struct mask_build b = { 0 };
	b.measure = true;
	b.skew = skew;
	b.ox = dx;
	b.minx = b.miny = INFINITY;
	b.maxx = b.maxy = -INFINITY;
	FT_Outline_Decompose((FT_Outline *)o, &funcs, &b);
	if (!(b.minx <= b.maxx) || !(b.miny <= b.maxy) || b.maxx - b.minx > 2048.0 || b.maxy - b.miny > 2048.0)
		return NULL;
	/* The path's bounds rounded out: the mask, and the walk's clip. */
	int left = (int)floor(b.minx), top = (int)floor(b.miny);
	int w = (int)ceil(b.maxx) - left, h = (int)ceil(b.maxy) - top;
	if (w <= 0 || h <= 0)
		return NULL;
	size_t points = b.points;
	b.measure = false;
	b.ox = dx - (double)left;
	b.oy = -(double)top;
	FT_Outline_Decompose((FT_Outline *)o, &funcs, &b);
	struct paint_glyph_bitmap *bm = base_arena_calloc(a, 1, sizeof(*bm));
	bm->left = left;
	bm->top = top;
	bm->width = w;
	bm->height = h;
	/* One spare byte each side: Skia's walk may touch them. */
	uint8_t *store = calloc((size_t)w * (size_t)h + 2, 1);
	if (!store)
		base_oom();
	struct mask m = { store + 1, w, h };
	if (b.len >= 2) {
		struct edge **list = base_xmalloc(b.len * sizeof(*list));
		for (size_t i = 0; i < b.len; i++)
			list[i] = &b.edges[i];
		qsort(list, b.len, sizeof(*list), edge_cmp);
		struct edge head = { 0 }, tail = { 0 };
		for (size_t i = 1; i < b.len; i++) {
			list[i - 1]->next = list[i];
			list[i]->prev = list[i - 1];
		}
		head.next = list[0];
		list[0]->prev = &head;
		head.upper_y = head.lower_y = INT32_MIN;
		head.x = INT32_MIN;
		head.dy = FX_MAX;
		tail.prev = list[b.len - 1];
		list[b.len - 1]->next = &tail;
		tail.upper_y = tail.lower_y = FX_MAX;
		tail.x = FX_MAX;
		tail.dy = FX_MAX;
		struct walk wk = { &m, 0, w << 16 };
		walk_edges(&wk, &head, &tail, 0, h, (int64_t)points > (int64_t)h * 2);
		free(list);
	}
	free(b.edges);
	/* Masks too big for Skia's mask blitter go through its run-length
	 * blitter, which snaps near-opaque and near-clear alphas. */
	if (w > 32 || ((w + 3) & ~3) * h > 1024) {
		for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
			m.a[i] = m.a[i] > 247 ? 255 : m.a[i] < 8 ? 0 : m.a[i];
	}
	bm->cov = base_arena_alloc(a, (size_t)w * (size_t)h);
	memcpy(bm->cov, m.a, (size_t)w * (size_t)h);
	free(store);
	return bm;
}
