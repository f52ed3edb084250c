/* Flex layout (CSS Flexbox 1 §9 "Flex Layout Algorithm"), single pass:
 *  §9.1 items in order-modified document order;
 *  §9.2 flex base size and hypothetical main size (flex-basis, width/height,
 *       max-content, automatic minimum size §4.5);
 *  §9.3 collecting items into flex lines (flex-wrap, gaps);
 *  §9.7 resolving flexible lengths (grow/shrink with min/max freezing);
 *  §9.4 cross sizes from laying out each item at its main size;
 *  §9.5 main-axis alignment (justify-content, auto margins);
 *  §9.6 cross-axis alignment (align-items/align-self, stretch,
 *       align-content for multi-line containers).
 * Reverse directions mirror positions. Baseline alignment uses the first
 * baseline of items when known, else falls back to flex-start.
 *
 * Working arrays are heap-allocated and freed before returning; fragments
 * go to the tree arena. */
#include "layout/internal.h"

#include <stdlib.h>
#include <string.h>

struct fitem {
	struct layout_box *box;
	struct layout_edges m, b, p;
	bool auto_m[4];
	float base, hypo, target; /* main sizes, border-box */
	float min_main, max_main;
	bool frozen;
	float cross; /* border-box cross size */
	float baseline;
	bool has_baseline;
	struct layout_block_result r;
	int order, index;
};

static int cmp_order(const void *a, const void *b)
{
	const struct fitem *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static bool is_row(const struct css_style *s)
{
	return s->flex_direction == CSS_FLEX_ROW || s->flex_direction == CSS_FLEX_ROW_REVERSE;
}

static float gap_of(struct css_length g, float basis)
{
	if (g.kind != CSS_LEN_FIXED)
		return 0;
	return css_length_resolve(g, basis > 0 ? basis : 0);
}

/* Lays out an item at a border-box width; returns its fragment. */
static void layout_item(struct layout_ctx *ctx, struct fitem *it, float width, float cb_width, float cb_height, int depth)
{
	if (it->box->type == LAYOUT_BOX_REPLACED) {
		memset(&it->r, 0, sizeof it->r);
		it->r.frag = layout_replaced(ctx, it->box, cb_width, cb_height);
		return;
	}
	layout_bfc_root(ctx, it->box, cb_width, cb_height, width, depth + 1, &it->r);
}

static uint8_t align_of(const struct css_style *container, const struct css_style *item)
{
	uint8_t a = item->align_self;
	if (a == CSS_ALIGN_AUTO)
		a = container->align_items;
	if (a == CSS_ALIGN_NORMAL || a == CSS_ALIGN_AUTO)
		a = CSS_ALIGN_STRETCH;
	return a;
}

/* §9.7 resolving flexible lengths for one line. */
static float main_margins(const struct fitem *it, bool row)
{
	return row ? it->m.left + it->m.right : it->m.top + it->m.bottom;
}

static void resolve_flexible(struct fitem *items, size_t n, float avail, float gaps, bool row)
{
	float sum_hypo = gaps;
	for (size_t i = 0; i < n; i++)
		sum_hypo += items[i].hypo + main_margins(&items[i], row);
	bool grow = sum_hypo < avail;
	for (size_t i = 0; i < n; i++) {
		struct fitem *it = &items[i];
		float factor = grow ? it->box->style->flex_grow : it->box->style->flex_shrink;
		it->frozen = factor == 0 || (grow && it->base > it->hypo) || (!grow && it->base < it->hypo);
		it->target = it->hypo;
	}
	float initial_free = avail - gaps;
	for (size_t i = 0; i < n; i++)
		initial_free -= main_margins(&items[i], row) + (items[i].frozen ? items[i].target : items[i].base);
	for (int loop = 0; loop < 16; loop++) {
		float used = gaps, sum_factor = 0, sum_scaled = 0;
		bool any = false;
		for (size_t i = 0; i < n; i++) {
			struct fitem *it = &items[i];
			used += main_margins(it, row) + (it->frozen ? it->target : it->base);
			if (!it->frozen) {
				any = true;
				sum_factor += grow ? it->box->style->flex_grow : it->box->style->flex_shrink;
				sum_scaled += it->box->style->flex_shrink * it->base;
			}
		}
		if (!any)
			break;
		float free_space = avail - used;
		if (sum_factor < 1 && sum_factor > 0) {
			float scaled = initial_free * sum_factor;
			if (fabsf(scaled) < fabsf(free_space))
				free_space = scaled;
		}
		float violation = 0;
		for (size_t i = 0; i < n; i++) {
			struct fitem *it = &items[i];
			if (it->frozen)
				continue;
			float t = it->base;
			if (grow && sum_factor > 0)
				t += free_space * it->box->style->flex_grow / sum_factor;
			else if (!grow && sum_scaled > 0)
				t += free_space * it->box->style->flex_shrink * it->base / sum_scaled;
			float c = BASE_MAX(it->min_main, BASE_MIN(t, it->max_main));
			violation += c - t;
			it->target = c;
		}
		/* Freeze the violating items (all when the total is 0). */
		for (size_t i = 0; i < n; i++) {
			struct fitem *it = &items[i];
			if (it->frozen)
				continue;
			float unclamped_min = it->target <= it->min_main + 0.001f, unclamped_max = it->target >= it->max_main - 0.001f;
			if (violation == 0 || (violation > 0 && unclamped_min) || (violation < 0 && unclamped_max))
				it->frozen = true;
		}
	}
}

float layout_flex_content(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *container, float content_width,
			  float content_height, int depth, float inset_x, float inset_y, struct base_vec *children, float *first_baseline,
			  bool *has_baseline)
{
	const struct css_style *cs = box->style;
	bool row = is_row(cs);
	bool reverse = cs->flex_direction == CSS_FLEX_ROW_REVERSE || cs->flex_direction == CSS_FLEX_COLUMN_REVERSE;
	bool wrap = cs->flex_wrap != CSS_FLEX_NOWRAP;
	size_t n = 0;
	for (struct layout_box *c = box->first; c; c = c->next)
		if (!c->is_abspos)
			n++;
	struct fitem *items = base_xcalloc(n + 1, sizeof *items);
	size_t k = 0;
	for (struct layout_box *c = box->first; c; c = c->next) {
		if (c->is_abspos) {
			layout_positioned_pending(ctx, c, container, inset_x, inset_y);
			continue;
		}
		items[k].box = c;
		items[k].order = c->style->order;
		items[k].index = (int)k;
		k++;
	}
	qsort(items, n, sizeof *items, cmp_order);
	float main_avail = row ? content_width : content_height;
	float main_gap = gap_of(row ? cs->column_gap : cs->row_gap, main_avail);
	float cross_gap = gap_of(row ? cs->row_gap : cs->column_gap, row ? content_height : content_width);
	/* §9.2 flex base sizes. */
	for (size_t i = 0; i < n; i++) {
		struct fitem *it = &items[i];
		const struct css_style *s = it->box->style;
		layout_box_edges(s, content_width, &it->m, &it->b, &it->p);
		for (int e = 0; e < 4; e++)
			it->auto_m[e] = layout_len_is_auto(s->margin[e]);
		float bp_main = row ? it->b.left + it->b.right + it->p.left + it->p.right : it->b.top + it->b.bottom + it->p.top + it->p.bottom;
		struct css_length size = row ? s->width : s->height;
		struct css_length basis = s->flex_basis;
		float mn = 0, mx = 0;
		bool have_intrinsic = false;
		if (row) {
			layout_intrinsic_widths(ctx, it->box, depth + 1, &mn, &mx);
			have_intrinsic = true;
		}
		float base;
		if (basis.kind == CSS_LEN_FIXED && layout_len_definite(basis, main_avail)) {
			float v = css_length_resolve(basis, main_avail);
			base = s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(v, bp_main) : v + bp_main;
		} else if (basis.kind == CSS_LEN_AUTO && size.kind == CSS_LEN_FIXED && layout_len_definite(size, main_avail)) {
			float v = css_length_resolve(size, main_avail);
			base = s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(v, bp_main) : v + bp_main;
		} else if (row) {
			base = mx;
		} else {
			/* Column: the content height at the cross size. */
			float w = content_width - it->m.left - it->m.right;
			float sw = layout_specified_border_width(s, content_width, &it->b, &it->p);
			if (sw >= 0)
				w = sw;
			else if (align_of(cs, s) != CSS_ALIGN_STRETCH)
				w = layout_shrink_to_fit(ctx, it->box, w, depth + 1);
			layout_item(ctx, it, w, content_width, -1, depth);
			base = it->r.frag->height;
		}
		it->base = base;
		/* §4.5 automatic minimum size: the content size, capped by a
		 * specified size, for items that do not scroll. */
		struct css_length minl = row ? s->min_width : s->min_height;
		struct css_length maxl = row ? s->max_width : s->max_height;
		float min_main = 0;
		if (minl.kind == CSS_LEN_FIXED && layout_len_definite(minl, main_avail)) {
			float v = css_length_resolve(minl, main_avail);
			min_main = s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? v : v + bp_main;
		} else if (minl.kind == CSS_LEN_AUTO && s->overflow_x == CSS_OVERFLOW_VISIBLE) {
			float content_min = bp_main;
			if (row && have_intrinsic) {
				/* The content size suggestion: the content's
				 * min-content size, whatever the item's width. */
				float cmx;
				layout_content_widths(ctx, it->box, depth + 1, &content_min, &cmx);
			}
			if (!row && it->r.frag)
				content_min = it->r.frag->height;
			if (size.kind == CSS_LEN_FIXED && layout_len_definite(size, main_avail)) {
				float v = css_length_resolve(size, main_avail);
				v = s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? v : v + bp_main;
				content_min = BASE_MIN(content_min, v);
			}
			min_main = content_min;
		}
		float max_main = INFINITY;
		if (maxl.kind == CSS_LEN_FIXED && layout_len_definite(maxl, main_avail)) {
			float v = css_length_resolve(maxl, main_avail);
			max_main = s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? v : v + bp_main;
		}
		if (max_main < min_main)
			max_main = min_main;
		it->min_main = BASE_MAX(min_main, bp_main);
		it->max_main = max_main;
		it->hypo = BASE_MAX(it->min_main, BASE_MIN(base, max_main));
	}
	/* §9.3 lines. */
	size_t *line_start = base_xcalloc(n + 2, sizeof *line_start);
	size_t nlines = 0;
	float avail_main = main_avail >= 0 ? main_avail : INFINITY;
	for (size_t i = 0; i < n;) {
		line_start[nlines++] = i;
		float used = 0;
		size_t j = i;
		for (; j < n; j++) {
			float outer = items[j].hypo + (row ? items[j].m.left + items[j].m.right : items[j].m.top + items[j].m.bottom);
			if (wrap && j > i && used + main_gap + outer > avail_main + 0.01f)
				break;
			used += (j > i ? main_gap : 0) + outer;
		}
		i = j;
	}
	line_start[nlines] = n;
	if (nlines == 0)
		line_start[nlines++] = 0, line_start[1] = 0;
	/* Column containers with an indefinite height: lines are as long as
	 * their content. */
	float *line_cross = base_xcalloc(nlines + 1, sizeof *line_cross);
	float *line_main_used = base_xcalloc(nlines + 1, sizeof *line_main_used);
	float container_main = main_avail;
	if (container_main < 0) {
		container_main = 0;
		for (size_t l = 0; l < nlines; l++) {
			float u = 0;
			for (size_t i = line_start[l]; i < line_start[l + 1]; i++)
				u += items[i].hypo + items[i].m.top + items[i].m.bottom + (i > line_start[l] ? main_gap : 0);
			container_main = BASE_MAX(container_main, u);
		}
	}
	for (size_t l = 0; l < nlines; l++) {
		size_t a = line_start[l], b = line_start[l + 1];
		if (b > a) {
			float gaps = main_gap * (float)(b - a - 1);
			resolve_flexible(items + a, b - a, container_main, gaps, row);
		}
		/* §9.4: lay out each item at its main size for its cross size. */
		for (size_t i = a; i < b; i++) {
			struct fitem *it = &items[i];
			const struct css_style *s = it->box->style;
			if (row) {
				layout_item(ctx, it, it->target, content_width, content_height, depth);
				it->cross = it->r.frag->height;
				it->has_baseline = it->r.has_first_baseline;
				it->baseline = it->r.first_baseline;
			} else {
				float w = content_width - it->m.left - it->m.right;
				float sw = layout_specified_border_width(s, content_width, &it->b, &it->p);
				if (sw >= 0)
					w = sw;
				else if (align_of(cs, s) != CSS_ALIGN_STRETCH)
					w = layout_shrink_to_fit(ctx, it->box, w, depth + 1);
				w = layout_clamp_border_width(s, w, content_width, &it->b, &it->p);
				layout_item(ctx, it, w, content_width, it->target, depth);
				it->r.frag->height = it->target;
				it->cross = it->r.frag->width;
			}
			float outer = it->cross + (row ? it->m.top + it->m.bottom : it->m.left + it->m.right);
			line_cross[l] = BASE_MAX(line_cross[l], outer);
			line_main_used[l] += it->target + (row ? it->m.left + it->m.right : it->m.top + it->m.bottom) + (i > a ? main_gap : 0);
		}
	}
	float cross_avail = row ? content_height : content_width;
	if (!wrap && cross_avail >= 0)
		line_cross[0] = cross_avail;
	float total_cross = 0;
	for (size_t l = 0; l < nlines; l++)
		total_cross += line_cross[l] + (l ? cross_gap : 0);
	/* align-content (stretch distributes free space to lines). */
	float cross_offset = 0, cross_between = 0;
	if (wrap && cross_avail >= 0 && cross_avail > total_cross) {
		float free_cross = cross_avail - total_cross;
		switch (cs->align_content) {
		case CSS_ALIGN_CENTER:
			cross_offset = free_cross / 2;
			break;
		case CSS_ALIGN_FLEX_END:
		case CSS_ALIGN_END:
			cross_offset = free_cross;
			break;
		case CSS_ALIGN_SPACE_BETWEEN:
			cross_between = nlines > 1 ? free_cross / (float)(nlines - 1) : 0;
			break;
		case CSS_ALIGN_SPACE_AROUND:
			cross_between = free_cross / (float)nlines;
			cross_offset = cross_between / 2;
			break;
		case CSS_ALIGN_FLEX_START:
		case CSS_ALIGN_START:
			break;
		default:
			for (size_t l = 0; l < nlines; l++)
				line_cross[l] += free_cross / (float)nlines;
			break;
		}
	}
	float cross_extent = cross_avail >= 0 ? cross_avail : total_cross;
	bool mirror_cross = (cs->flex_wrap == CSS_FLEX_WRAP_REVERSE) != (!row && cs->direction == CSS_DIRECTION_RTL);
	bool have_bl = false, shared_bl = false;
	float bl0 = 0;
	float cross_pos = cross_offset;
	for (size_t l = 0; l < nlines; l++) {
		size_t a = line_start[l], b = line_start[l + 1];
		float free_main = container_main - line_main_used[l];
		int auto_count = 0;
		for (size_t i = a; i < b; i++)
			auto_count += row ? items[i].auto_m[3] + items[i].auto_m[1] : items[i].auto_m[0] + items[i].auto_m[2];
		float start = 0, between = 0, auto_share = 0;
		if (auto_count > 0 && free_main > 0) {
			auto_share = free_main / (float)auto_count;
		} else {
			size_t cnt = b - a;
			switch (cs->justify_content) {
			case CSS_ALIGN_CENTER:
				start = free_main / 2;
				break;
			case CSS_ALIGN_RIGHT:
				/* left and right are start on a main axis that is
				 * not the inline axis (CSS Align 3 §6.1). */
				if (row)
					start = free_main;
				break;
			case CSS_ALIGN_FLEX_END:
			case CSS_ALIGN_END:
				start = free_main;
				break;
			case CSS_ALIGN_SPACE_BETWEEN:
				between = cnt > 1 && free_main > 0 ? free_main / (float)(cnt - 1) : 0;
				break;
			case CSS_ALIGN_SPACE_AROUND:
				between = free_main > 0 ? free_main / (float)cnt : 0;
				start = between / 2;
				break;
			case CSS_ALIGN_SPACE_EVENLY:
				between = free_main > 0 ? free_main / (float)(cnt + 1) : 0;
				start = between;
				break;
			default:
				break;
			}
		}
		/* Line baseline for align-items: baseline. */
		float line_bl = 0;
		for (size_t i = a; i < b; i++)
			if (align_of(cs, items[i].box->style) == CSS_ALIGN_BASELINE && items[i].has_baseline)
				line_bl = BASE_MAX(line_bl, items[i].baseline + items[i].m.top);
		float pos = start;
		for (size_t i = a; i < b; i++) {
			struct fitem *it = &items[i];
			struct layout_fragment *f = it->r.frag;
			float m_start = row ? it->m.left : it->m.top, m_end = row ? it->m.right : it->m.bottom;
			if (row ? it->auto_m[3] : it->auto_m[0])
				m_start = auto_share;
			if (row ? it->auto_m[1] : it->auto_m[2])
				m_end = auto_share;
			float main_pos = pos + m_start;
			pos = main_pos + it->target + m_end + main_gap + between;
			/* Cross alignment. */
			const struct css_style *s = it->box->style;
			uint8_t al = align_of(cs, s);
			float cm_start = row ? it->m.top : it->m.left, cm_end = row ? it->m.bottom : it->m.right;
			bool cross_auto_start = row ? it->auto_m[0] : it->auto_m[3], cross_auto_end = row ? it->auto_m[2] : it->auto_m[1];
			struct css_length cross_size = row ? s->height : s->width;
			if (al == CSS_ALIGN_STRETCH && cross_size.kind == CSS_LEN_AUTO && !cross_auto_start && !cross_auto_end) {
				float stretched = line_cross[l] - cm_start - cm_end;
				if (row) {
					stretched = layout_clamp_border_height(s, stretched, content_height, &it->b, &it->p);
					if (stretched > f->height)
						f->height = stretched;
				} else if (stretched != f->width && it->box->type != LAYOUT_BOX_REPLACED) {
					layout_item(ctx, it, layout_clamp_border_width(s, stretched, content_width, &it->b, &it->p), content_width,
						    it->target, depth);
					f = it->r.frag;
					f->height = it->target;
				}
				it->cross = row ? f->height : f->width;
			}
			float free_cross = line_cross[l] - it->cross - cm_start - cm_end;
			float cross = cm_start;
			if (cross_auto_start && cross_auto_end)
				cross += free_cross / 2;
			else if (cross_auto_start)
				cross += free_cross;
			else if (!cross_auto_end) {
				if (al == CSS_ALIGN_CENTER)
					cross += free_cross / 2;
				else if (al == CSS_ALIGN_FLEX_END || al == CSS_ALIGN_END)
					cross += free_cross;
				else if (al == CSS_ALIGN_BASELINE && it->has_baseline && row)
					cross = line_bl - it->baseline;
			}
			/* Auto margins keep the space they took, as used values
			 * (getComputedStyle() reports them). */
			int ms = row ? 3 : 0, me = row ? 1 : 2;
			if (row ? it->auto_m[3] : it->auto_m[0])
				f->margin[reverse ? me : ms] = m_start;
			if (row ? it->auto_m[1] : it->auto_m[2])
				f->margin[reverse ? ms : me] = m_end;
			if (cross_auto_start)
				f->margin[row ? 0 : 3] = cross;
			if (cross_auto_end)
				f->margin[row ? 2 : 1] = line_cross[l] - it->cross - cross;
			float cp = cross_pos + cross;
			/* Cross-start is the right side of a right-to-left
			 * column container, and wrap-reverse swaps it with
			 * cross-end: the lines and their items are mirrored. */
			if (mirror_cross)
				cp = cross_extent - cp - it->cross;
			float mp = reverse ? container_main - main_pos - it->target : main_pos;
			float dx = row ? mp : cp, dy = row ? cp : mp;
			float rx, ry;
			layout_apply_relative(s, content_width, content_height, &rx, &ry);
			f->x = layout_snap(inset_x + dx + rx);
			f->y = layout_snap(inset_y + dy + ry);
			/* §8.5: the baseline of the first line's items that
			 * take part in baseline alignment, else the first
			 * item's. */
			bool shared = l == 0 && row && it->has_baseline && align_of(cs, s) == CSS_ALIGN_BASELINE;
			if ((!have_bl || (shared && !shared_bl)) && it->r.has_first_baseline) {
				have_bl = true;
				shared_bl = shared;
				bl0 = dy + it->r.first_baseline;
			}
			base_vec_push(children, f);
		}
		cross_pos += line_cross[l] + cross_gap + cross_between;
	}
	*has_baseline = have_bl;
	*first_baseline = inset_y + bl0;
	float content = row ? total_cross + cross_offset : container_main;
	if (!row && main_avail >= 0)
		content = main_avail;
	free(items);
	free(line_start);
	free(line_cross);
	free(line_main_used);
	return content;
}

/* Intrinsic widths of a flex container (CSS Flexbox 1 §9.9.1). */
void layout_flex_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w)
{
	const struct css_style *cs = box->style;
	bool row = is_row(cs);
	float gap = row ? gap_of(cs->column_gap, 0) : 0;
	float mn = 0, mx = 0;
	int count = 0;
	for (struct layout_box *c = box->first; c; c = c->next) {
		if (c->is_abspos)
			continue;
		float a, b;
		layout_intrinsic_widths(ctx, c, depth + 1, &a, &b);
		struct layout_edges m, bb, p;
		layout_box_edges(c->style, 0, &m, &bb, &p);
		if (row && c->style->flex_shrink == 0) {
			/* An item that cannot shrink is at least its flex base
			 * size (CSS Flexbox 1 §9.9.1). */
			struct css_length basis = c->style->flex_basis;
			if (basis.kind == CSS_LEN_AUTO)
				basis = c->style->width;
			if (basis.kind == CSS_LEN_FIXED && !basis.has_percent) {
				float bp = bb.left + bb.right + p.left + p.right;
				float base = c->style->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(basis.px, bp) : BASE_MAX(basis.px, 0) + bp;
				a = BASE_MAX(a, base);
				b = BASE_MAX(b, base);
			}
		}
		a += m.left + m.right;
		b += m.left + m.right;
		if (row) {
			mx += b + (count ? gap : 0);
			if (cs->flex_wrap == CSS_FLEX_NOWRAP)
				mn += a + (count ? gap : 0);
			else
				mn = BASE_MAX(mn, a);
		} else {
			mx = BASE_MAX(mx, b);
			mn = BASE_MAX(mn, a);
		}
		count++;
	}
	*min_w = mn;
	*max_w = BASE_MAX(mx, mn);
}
