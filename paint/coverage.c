/* Anti-aliased coverage by exact area accumulation.
 *
 * Every line segment adds, to each pixel it crosses, the signed area
 * between it and the pixel's right edge, and to the next pixel the rest of
 * its vertical extent ("cover"); summing a row from the left then gives the
 * exact fraction of each pixel inside the path. Axis-aligned edges at
 * integer positions therefore give exactly 0 or 1: no blurred edges where
 * a browser has none. Curves are flattened to lines first. */
#include "paint/raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void paint_cov_begin(struct paint_cov *cv, struct paint_region r)
{
	size_t need = (size_t)(r.w + 2) * (size_t)r.h;
	if (need > cv->cap) {
		free(cv->acc);
		cv->acc = base_xmalloc(need * sizeof(float));
		cv->cap = need;
	}
	memset(cv->acc, 0, need * sizeof(float));
	cv->r = r;
}

void paint_cov_free(struct paint_cov *cv)
{
	free(cv->acc);
	free(cv->pts);
	memset(cv, 0, sizeof(*cv));
}

/* A segment inside 0 <= x <= w, any y (rows outside are dropped). */
static void accumulate(struct paint_cov *cv, float x0, float y0, float x1, float y1)
{
	if (y0 == y1)
		return;
	float dir = 1.0f;
	if (y0 > y1) {
		float t = x0;
		x0 = x1;
		x1 = t;
		t = y0;
		y0 = y1;
		y1 = t;
		dir = -1.0f;
	}
	int h = cv->r.h;
	if (y1 <= 0.0f || y0 >= (float)h)
		return;
	float dxdy = (x1 - x0) / (y1 - y0);
	if (y0 < 0.0f) {
		x0 -= y0 * dxdy;
		y0 = 0.0f;
	}
	if (y1 > (float)h) {
		x1 -= (y1 - (float)h) * dxdy;
		y1 = (float)h;
	}
	int stride = cv->r.w + 2;
	float maxx = (float)cv->r.w;
	int ystart = (int)floorf(y0);
	int yend = (int)ceilf(y1);
	if (yend > h)
		yend = h;
	float x = x0;
	for (int y = ystart; y < yend; y++) {
		float ya = BASE_MAX((float)y, y0);
		float yb = BASE_MIN((float)(y + 1), y1);
		float dy = yb - ya;
		if (dy <= 0.0f)
			continue;
		float xnext = x0 + (yb - y0) * dxdy;
		float xs = x, xe = xnext;
		x = xnext;
		xs = BASE_MIN(BASE_MAX(xs, 0.0f), maxx);
		xe = BASE_MIN(BASE_MAX(xe, 0.0f), maxx);
		float d = dy * dir;
		float *row = cv->acc + (size_t)y * (size_t)stride;
		float xa = BASE_MIN(xs, xe), xb = BASE_MAX(xs, xe);
		float xaf = floorf(xa);
		int xai = (int)xaf;
		int xbi = (int)ceilf(xb);
		if (xbi <= xai + 1) {
			float xmf = 0.5f * (xs + xe) - xaf;
			row[xai] += d - d * xmf;
			row[xai + 1] += d * xmf;
		} else {
			float s = 1.0f / (xb - xa);
			float x0f = xa - xaf;
			float a0 = 0.5f * s * (1.0f - x0f) * (1.0f - x0f);
			float x1f = xb - (float)xbi + 1.0f;
			float am = 0.5f * s * x1f * x1f;
			row[xai] += d * a0;
			if (xbi == xai + 2) {
				row[xai + 1] += d * (1.0f - a0 - am);
			} else {
				float a1 = s * (1.5f - x0f);
				row[xai + 1] += d * (a1 - a0);
				for (int xi = xai + 2; xi < xbi - 1; xi++)
					row[xi] += d * s;
				float a2 = a1 + (float)(xbi - xai - 3) * s;
				row[xbi - 1] += d * (1.0f - a2 - am);
			}
			row[xbi] += d * am;
		}
	}
}

void paint_cov_line(struct paint_cov *cv, float x0, float y0, float x1, float y1)
{
	x0 -= (float)cv->r.x;
	x1 -= (float)cv->r.x;
	y0 -= (float)cv->r.y;
	y1 -= (float)cv->r.y;
	if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1))
		return;
	/* Split where the segment crosses the region's left and right edges:
	 * parts beyond them are clamped onto the edge, which keeps their
	 * cover (left) or drops it (right) exactly. */
	float w = (float)cv->r.w;
	float ts[4] = { 0.0f, 0.0f, 0.0f, 1.0f };
	int n = 1;
	if (x0 != x1) {
		float tl = (0.0f - x0) / (x1 - x0), tr = (w - x0) / (x1 - x0);
		if (tl > 0.0f && tl < 1.0f)
			ts[n++] = tl;
		if (tr > 0.0f && tr < 1.0f)
			ts[n++] = tr;
		if (n == 3 && ts[1] > ts[2]) {
			float t = ts[1];
			ts[1] = ts[2];
			ts[2] = t;
		}
	}
	ts[n] = 1.0f;
	float px = x0, py = y0;
	for (int i = 1; i <= n; i++) {
		float t = ts[i];
		float nx = (i == n) ? x1 : x0 + (x1 - x0) * t;
		float ny = (i == n) ? y1 : y0 + (y1 - y0) * t;
		float mx = 0.5f * (px + nx);
		if (mx <= 0.0f)
			accumulate(cv, 0.0f, py, 0.0f, ny);
		else if (mx < w)
			accumulate(cv, px, py, nx, ny);
		px = nx;
		py = ny;
	}
}

void paint_cov_finish(struct paint_cov *cv, float *out, bool invert)
{
	int stride = cv->r.w + 2;
	for (int y = 0; y < cv->r.h; y++) {
		const float *row = cv->acc + (size_t)y * (size_t)stride;
		float *o = out + (size_t)y * (size_t)cv->r.w;
		float sum = 0.0f;
		for (int x = 0; x < cv->r.w; x++) {
			sum += row[x];
			float c = fabsf(sum);
			if (c > 1.0f)
				c = 1.0f;
			if (c < 1e-4f)
				c = 0.0f;
			else if (c > 0.9999f)
				c = 1.0f;
			o[x] = invert ? 1.0f - c : c;
		}
	}
}

static void pts_push(struct paint_cov *cv, float x, float y)
{
	if (cv->pts_len + 2 > cv->pts_cap) {
		cv->pts_cap = cv->pts_cap ? cv->pts_cap * 2 : 256;
		cv->pts = base_xrealloc(cv->pts, cv->pts_cap * sizeof(float));
	}
	cv->pts[cv->pts_len++] = x;
	cv->pts[cv->pts_len++] = y;
}

static void emit_pts(struct paint_cov *cv, const struct paint_matrix *m, bool reverse)
{
	size_t n = cv->pts_len / 2;
	if (n < 2)
		return;
	for (size_t i = 0; i < n; i++) {
		size_t a = reverse ? n - 1 - i : i;
		size_t b = reverse ? (a + n - 1) % n : (a + 1) % n;
		float ax, ay, bx, by;
		paint_matrix_apply(m, cv->pts[2 * a], cv->pts[2 * a + 1], &ax, &ay);
		paint_matrix_apply(m, cv->pts[2 * b], cv->pts[2 * b + 1], &bx, &by);
		paint_cov_line(cv, ax, ay, bx, by);
	}
}

/* Device scale of a matrix (largest column length), for flattening. */
static float matrix_scale(const struct paint_matrix *m)
{
	float sx = sqrtf(m->a * m->a + m->b * m->b), sy = sqrtf(m->c * m->c + m->d * m->d);
	return BASE_MAX(sx, sy);
}

/* A quarter ellipse from angle a0 (radians), flattened so that the chord
 * error stays under 1/50 device px. */
static void arc(struct paint_cov *cv, float cx, float cy, float rx, float ry, float a0, float scale)
{
	float r = BASE_MAX(rx, ry) * scale;
	int n = 1;
	if (r > 0.02f) {
		float step = 2.0f * acosf(1.0f - BASE_MIN(0.02f / r, 1.0f));
		n = (int)ceilf(1.5707964f / step);
		n = BASE_MAX(1, BASE_MIN(n, 256));
	}
	for (int i = 0; i <= n; i++) {
		float a = a0 + 1.5707964f * (float)i / (float)n;
		pts_push(cv, cx + rx * cosf(a), cy + ry * sinf(a));
	}
}

void paint_cov_rrect(struct paint_cov *cv, const struct paint_matrix *m, const struct paint_rrect *r, bool reverse)
{
	if (r->w <= 0.0f || r->h <= 0.0f)
		return;
	float s = matrix_scale(m);
	cv->pts_len = 0;
	float x0 = r->x, y0 = r->y, x1 = r->x + r->w, y1 = r->y + r->h;
	const float pi = 3.14159265f;
	/* Clockwise in y-down coordinates, starting at the top-left arc. */
	if (r->rx[0] > 0.0f && r->ry[0] > 0.0f)
		arc(cv, x0 + r->rx[0], y0 + r->ry[0], r->rx[0], r->ry[0], pi, s);
	else
		pts_push(cv, x0, y0);
	if (r->rx[1] > 0.0f && r->ry[1] > 0.0f)
		arc(cv, x1 - r->rx[1], y0 + r->ry[1], r->rx[1], r->ry[1], 1.5f * pi, s);
	else
		pts_push(cv, x1, y0);
	if (r->rx[2] > 0.0f && r->ry[2] > 0.0f)
		arc(cv, x1 - r->rx[2], y1 - r->ry[2], r->rx[2], r->ry[2], 0.0f, s);
	else
		pts_push(cv, x1, y1);
	if (r->rx[3] > 0.0f && r->ry[3] > 0.0f)
		arc(cv, x0 + r->rx[3], y1 - r->ry[3], r->rx[3], r->ry[3], 0.5f * pi, s);
	else
		pts_push(cv, x0, y1);
	emit_pts(cv, m, reverse);
}

void paint_cov_poly(struct paint_cov *cv, const struct paint_matrix *m, const struct paint_poly *p)
{
	/* A closed contour wholly outside the region adds nothing (left of
	 * it, its cover cancels out): cull contours by their boxes mapped
	 * through m, so long dash patterns cost little per tile. */
	struct paint_rect region = { (float)cv->r.x - 1.0f, (float)cv->r.y - 1.0f, (float)(cv->r.x + cv->r.w) + 1.0f,
				     (float)(cv->r.y + cv->r.h) + 1.0f };
	size_t start = 0;
	for (size_t c = 0; c < p->contour_count; c++) {
		size_t end = p->contour_end[c];
		if (p->contour_box) {
			const float *b = p->contour_box + 4 * c;
			struct paint_rect db = paint_map_bounds(m, (struct paint_rect){ b[0], b[1], b[2], b[3] });
			if (db.y1 < region.y0 || db.y0 > region.y1 || db.x0 > region.x1 || db.x1 < region.x0) {
				start = end;
				continue;
			}
		}
		cv->pts_len = 0;
		for (size_t i = start; i < end; i++)
			pts_push(cv, p->pts[2 * i], p->pts[2 * i + 1]);
		emit_pts(cv, m, false);
		start = end;
	}
}

/* Length of [a, b) inside pixel [p, p + 1). */
static float overlap(float a, float b, int p)
{
	float lo = BASE_MAX(a, (float)p), hi = BASE_MIN(b, (float)(p + 1));
	return hi > lo ? hi - lo : 0.0f;
}

/* An axis-aligned rectangle's coverage is separable: the product of its
 * horizontal and vertical overlap with each pixel (the same exact area the
 * accumulation gives, without the accumulation). */
static void rect_coverage(float *xs, const struct paint_matrix *m, const struct paint_rrect *rr, struct paint_region r,
			  bool invert, float *out)
{
	float ax, ay, bx, by;
	paint_matrix_apply(m, rr->x, rr->y, &ax, &ay);
	paint_matrix_apply(m, rr->x + rr->w, rr->y + rr->h, &bx, &by);
	float x0 = BASE_MIN(ax, bx), x1 = BASE_MAX(ax, bx), y0 = BASE_MIN(ay, by), y1 = BASE_MAX(ay, by);
	for (int x = 0; x < r.w; x++)
		xs[x] = overlap(x0, x1, r.x + x);
	for (int y = 0; y < r.h; y++) {
		float cy = overlap(y0, y1, r.y + y);
		float *o = out + (size_t)y * (size_t)r.w;
		for (int x = 0; x < r.w; x++) {
			float c = cy * xs[x];
			o[x] = invert ? 1.0f - c : c;
		}
	}
}

void paint_cov_shape(struct paint_cov *cv, const struct paint_matrix *m, const struct paint_shape *s,
		     struct paint_region r, float *out)
{
	size_t n = (size_t)r.w * (size_t)r.h;
	if (s->kind == PAINT_SHAPE_NONE) {
		for (size_t i = 0; i < n; i++)
			out[i] = s->invert ? 0.0f : 1.0f;
		return;
	}
	if (s->kind == PAINT_SHAPE_RRECT && m->b == 0.0f && m->c == 0.0f && paint_rrect_is_rect(&s->a)) {
		if ((size_t)r.w + 2 > cv->pts_cap) {
			cv->pts_cap = (size_t)r.w + 2;
			cv->pts = base_xrealloc(cv->pts, cv->pts_cap * sizeof(float));
		}
		rect_coverage(cv->pts, m, &s->a, r, s->invert, out);
		return;
	}
	paint_cov_begin(cv, r);
	switch (s->kind) {
	case PAINT_SHAPE_RRECT:
		paint_cov_rrect(cv, m, &s->a, false);
		break;
	case PAINT_SHAPE_RING:
		paint_cov_rrect(cv, m, &s->a, false);
		paint_cov_rrect(cv, m, &s->b, true);
		break;
	case PAINT_SHAPE_POLY:
		if (s->poly)
			paint_cov_poly(cv, m, s->poly);
		break;
	}
	paint_cov_finish(cv, out, s->invert);
}
