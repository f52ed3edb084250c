/* Geometry helpers of the display list: affine matrices and rounded
 * rectangles (CSS Backgrounds 3 §5 border-radius). */
#include "paint/display_list.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void paint_matrix_apply(const struct paint_matrix *m, float x, float y, float *ox, float *oy)
{
	if (!m) {
		*ox = x;
		*oy = y;
		return;
	}
	*ox = m->a * x + m->c * y + m->e;
	*oy = m->b * x + m->d * y + m->f;
}

struct paint_matrix paint_matrix_mul(const struct paint_matrix *l, const struct paint_matrix *r)
{
	struct paint_matrix o;
	o.a = l->a * r->a + l->c * r->b;
	o.b = l->b * r->a + l->d * r->b;
	o.c = l->a * r->c + l->c * r->d;
	o.d = l->b * r->c + l->d * r->d;
	o.e = l->a * r->e + l->c * r->f + l->e;
	o.f = l->b * r->e + l->d * r->f + l->f;
	return o;
}

bool paint_matrix_invert(const struct paint_matrix *m, struct paint_matrix *out)
{
	float det = m->a * m->d - m->b * m->c;
	if (!(fabsf(det) > 1e-12f) || !isfinite(det))
		return false;
	float id = 1.0f / det;
	out->a = m->d * id;
	out->b = -m->b * id;
	out->c = -m->c * id;
	out->d = m->a * id;
	out->e = -(out->a * m->e + out->c * m->f);
	out->f = -(out->b * m->e + out->d * m->f);
	return true;
}

struct paint_rect paint_map_bounds(const struct paint_matrix *tf, struct paint_rect r)
{
	if (!tf)
		return r;
	float xs[4], ys[4];
	paint_matrix_apply(tf, r.x0, r.y0, &xs[0], &ys[0]);
	paint_matrix_apply(tf, r.x1, r.y0, &xs[1], &ys[1]);
	paint_matrix_apply(tf, r.x1, r.y1, &xs[2], &ys[2]);
	paint_matrix_apply(tf, r.x0, r.y1, &xs[3], &ys[3]);
	struct paint_rect o = { xs[0], ys[0], xs[0], ys[0] };
	for (int i = 1; i < 4; i++) {
		o.x0 = BASE_MIN(o.x0, xs[i]);
		o.y0 = BASE_MIN(o.y0, ys[i]);
		o.x1 = BASE_MAX(o.x1, xs[i]);
		o.y1 = BASE_MAX(o.y1, ys[i]);
	}
	return o;
}

bool paint_rrect_is_rect(const struct paint_rrect *r)
{
	for (int i = 0; i < 4; i++)
		if (r->rx[i] > 0.0f && r->ry[i] > 0.0f)
			return false;
	return true;
}

/* Scales all radii down when adjacent ones overlap (§5.5). */
static void rrect_fit(struct paint_rrect *r)
{
	float f = 1.0f;
	float sums[4] = { r->rx[0] + r->rx[1], r->ry[1] + r->ry[2], r->rx[2] + r->rx[3], r->ry[3] + r->ry[0] };
	float lens[4] = { r->w, r->h, r->w, r->h };
	for (int i = 0; i < 4; i++)
		if (sums[i] > lens[i] && sums[i] > 0.0f)
			f = BASE_MIN(f, lens[i] / sums[i]);
	if (f < 1.0f)
		for (int i = 0; i < 4; i++) {
			r->rx[i] *= f;
			r->ry[i] *= f;
		}
	for (int i = 0; i < 4; i++)
		if (r->rx[i] <= 0.0f || r->ry[i] <= 0.0f)
			r->rx[i] = r->ry[i] = 0.0f;
}

struct paint_rrect paint_border_rrect(const struct layout_fragment *f, float x, float y)
{
	struct paint_rrect r = { x, y, f->width, f->height, { 0 }, { 0 } };
	const struct css_style *s = f->style;
	for (int i = 0; s && i < 4; i++) {
		r.rx[i] = BASE_MAX(0.0f, css_length_resolve(s->border_radius[i][0], f->width));
		r.ry[i] = BASE_MAX(0.0f, css_length_resolve(s->border_radius[i][1], f->height));
	}
	rrect_fit(&r);
	return r;
}

struct paint_rrect paint_rrect_inset(const struct paint_rrect *r, const float in[4])
{
	struct paint_rrect o = *r;
	o.x += in[3];
	o.y += in[0];
	o.w = BASE_MAX(0.0f, r->w - in[1] - in[3]);
	o.h = BASE_MAX(0.0f, r->h - in[0] - in[2]);
	/* Corner i touches sides: tl (left, top), tr (right, top), br
	 * (right, bottom), bl (left, bottom). */
	static const int hside[4] = { 3, 1, 1, 3 }, vside[4] = { 0, 0, 2, 2 };
	for (int i = 0; i < 4; i++) {
		o.rx[i] = BASE_MAX(0.0f, r->rx[i] - in[hside[i]]);
		o.ry[i] = BASE_MAX(0.0f, r->ry[i] - in[vside[i]]);
		if (o.rx[i] <= 0.0f || o.ry[i] <= 0.0f || r->rx[i] <= 0.0f || r->ry[i] <= 0.0f)
			o.rx[i] = o.ry[i] = 0.0f;
	}
	rrect_fit(&o);
	return o;
}

void paint_pb_point(struct paint_poly_builder *pb, float x, float y)
{
	if (pb->len + 2 > pb->cap) {
		pb->cap = pb->cap ? pb->cap * 2 : 64;
		pb->pts = base_xrealloc(pb->pts, pb->cap * sizeof(float));
	}
	pb->pts[pb->len++] = x;
	pb->pts[pb->len++] = y;
}

void paint_pb_close(struct paint_poly_builder *pb)
{
	size_t end = pb->len / 2;
	if (pb->end_len > 0 && pb->ends[pb->end_len - 1] == end)
		return;
	if (pb->end_len == pb->end_cap) {
		pb->end_cap = pb->end_cap ? pb->end_cap * 2 : 16;
		pb->ends = base_xrealloc(pb->ends, pb->end_cap * sizeof(size_t));
	}
	pb->ends[pb->end_len++] = end;
}

void paint_pb_rect(struct paint_poly_builder *pb, float x0, float y0, float x1, float y1)
{
	paint_pb_point(pb, x0, y0);
	paint_pb_point(pb, x1, y0);
	paint_pb_point(pb, x1, y1);
	paint_pb_point(pb, x0, y1);
	paint_pb_close(pb);
}

void paint_pb_ellipse(struct paint_poly_builder *pb, float cx, float cy, float rx, float ry)
{
	int n = (int)BASE_MIN(256.0f, BASE_MAX(8.0f, ceilf(4.0f * sqrtf(BASE_MAX(rx, ry) * 8.0f))));
	for (int i = 0; i < n; i++) {
		float a = 2.0f * 3.14159265f * (float)i / (float)n;
		paint_pb_point(pb, cx + rx * cosf(a), cy + ry * sinf(a));
	}
	paint_pb_close(pb);
}

const struct paint_poly *paint_pb_finish(struct paint_poly_builder *pb, struct base_arena *a)
{
	paint_pb_close(pb);
	struct paint_poly *p = base_arena_calloc(a, 1, sizeof(*p));
	p->pts = base_arena_memdup(a, pb->pts ? pb->pts : (float[2]){ 0, 0 }, (pb->len ? pb->len : 2) * sizeof(float));
	p->contour_end = base_arena_memdup(a, pb->ends, pb->end_len * sizeof(size_t));
	p->contour_count = pb->end_len;
	p->contour_box = base_arena_alloc(a, pb->end_len * 4 * sizeof(float));
	size_t start = 0;
	for (size_t c = 0; c < pb->end_len; c++) {
		float *b = p->contour_box + 4 * c;
		b[0] = b[1] = 1e30f;
		b[2] = b[3] = -1e30f;
		for (size_t i = start; i < pb->ends[c]; i++) {
			b[0] = BASE_MIN(b[0], p->pts[2 * i]);
			b[1] = BASE_MIN(b[1], p->pts[2 * i + 1]);
			b[2] = BASE_MAX(b[2], p->pts[2 * i]);
			b[3] = BASE_MAX(b[3], p->pts[2 * i + 1]);
		}
		start = pb->ends[c];
	}
	free(pb->pts);
	free(pb->ends);
	memset(pb, 0, sizeof(*pb));
	return p;
}
