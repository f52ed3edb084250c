/* Floats of a block formatting context (CSS 2.1 §9.5): placement by the
 * rules of §9.5.1, the free band beside them for line boxes and BFC roots,
 * and clearance (§9.5.2). Coordinates are those of the BFC root's content
 * box. The list is owned by the layout of that BFC (heap, freed by it). */
#include "layout/internal.h"

#include <stdlib.h>

static bool overlaps(const struct layout_float_rect *r, float top, float height)
{
	float bottom = top + (height > 0 ? height : 0.01f);
	return r->bottom > top && r->top < bottom && r->right > r->left;
}

void layout_floats_band(struct layout_floats *fl, float top, float height, float line_left, float line_right, float *left,
			float *right)
{
	layout_floats_note_query(fl, top);
	float l = line_left, r = line_right;
	for (size_t i = 0; fl && i < fl->count; i++) {
		const struct layout_float_rect *f = &fl->rects[i];
		if (!overlaps(f, top, height))
			continue;
		if (f->is_left && f->right > l)
			l = f->right;
		if (!f->is_left && f->left < r)
			r = f->left;
	}
	*left = l;
	*right = r;
}

float layout_floats_clearance(const struct layout_floats *fl, uint8_t clear)
{
	float y = -INFINITY;
	for (size_t i = 0; fl && i < fl->count; i++) {
		const struct layout_float_rect *f = &fl->rects[i];
		bool match = clear == CSS_CLEAR_BOTH || (clear == CSS_CLEAR_LEFT && f->is_left) || (clear == CSS_CLEAR_RIGHT && !f->is_left);
		if (match && f->bottom > y)
			y = f->bottom;
	}
	return y;
}

float layout_floats_next_bottom(struct layout_floats *fl, float top)
{
	layout_floats_note_query(fl, top);
	float y = INFINITY;
	for (size_t i = 0; fl && i < fl->count; i++)
		if (fl->rects[i].bottom > top && fl->rects[i].bottom < y)
			y = fl->rects[i].bottom;
	return y;
}

void layout_floats_place(struct layout_floats *fl, bool is_left, float w, float h, float min_top, float line_left, float line_right,
			 float *x, float *y)
{
	float top = min_top;
	/* Rule 5: not higher than the top of an earlier float. */
	for (size_t i = 0; i < fl->count; i++)
		if (fl->rects[i].top > top)
			top = fl->rects[i].top;
	/* Rules 2, 3, 7, 8: the highest position where it fits beside the
	 * earlier floats, as far left (right) as possible. */
	for (int guard = 0; guard < 10000; guard++) {
		float l, r;
		layout_floats_band(fl, top, h, line_left, line_right, &l, &r);
		if (r - l >= w - 0.01f || (l <= line_left && r >= line_right)) {
			*x = is_left ? l : r - w;
			break;
		}
		float next = layout_floats_next_bottom(fl, top);
		if (!isfinite(next)) {
			*x = is_left ? l : r - w;
			break;
		}
		top = next;
	}
	*y = top;
	if (fl->count == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 8;
		fl->rects = base_xrealloc(fl->rects, fl->cap * sizeof *fl->rects);
	}
	fl->max_bottom = fl->count == 0 || top + h > fl->max_bottom ? top + h : fl->max_bottom;
	fl->rects[fl->count++] = (struct layout_float_rect){*x, top, *x + w, top + h, is_left};
}
