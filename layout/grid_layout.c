/* Grid layout (CSS Grid 1, https://drafts.csswg.org/css-grid-1/), a grid
 * container's formatting context:
 *  §7.2.3.2 the number of auto repetitions (auto-fill, auto-fit);
 *  §8 placement (grid_placement.c);
 *  §11.3 the track sizing algorithm, columns then rows: initialize
 *       (§11.4), resolve intrinsic track sizes with spanning items and
 *       items crossing flexible tracks (§11.5), maximize tracks (§11.6),
 *       expand flexible tracks (§11.7), stretch auto tracks (§11.8);
 *  auto-fit collapsing of empty repeated tracks and their gutters;
 *  §10 alignment: justify/align-content between tracks, justify/align-self
 *       in each grid area (stretch, start, end, center, auto margins);
 *  §6.6 the automatic minimum size of grid items;
 *  the grid container's baseline (§10.7) and intrinsic widths.
 * Each item is laid out on its own into its own fragment; the container
 * only places them, so items share no mutable state. Working arrays are
 * heap memory freed before returning; fragments go to the tree arena. */
#include "layout/grid.h"

#include <stdlib.h>

/* A bound on the grid items laid out again in one pass (see
 * layout_ctx.grid_relayouts). */
#define LAYOUT_GRID_MAX_RELAYOUTS 2000

enum constraint { SIZE_DEFINITE, SIZE_MIN_CONTENT, SIZE_MAX_CONTENT };

struct track {
	struct css_track_size fn; /* percentages resolved, or made auto when the basis is indefinite */
	float base, limit;
	bool infinitely_growable, collapsed;
	float planned, incurred;
};

struct gitem {
	struct layout_box *box;
	int order, index;
	int start[2], end[2];
	struct layout_edges m, b, p;
	/* Column contributions (border boxes, margins apart). */
	bool have_widths;
	float min_w, max_w;
	/* The item laid out in its column area, for the rows. */
	bool measured;
	float area_width, width;
	struct layout_block_result r;
	/* Baseline alignment: the space above the item's margin box that
	 * lines its baseline up with its row's (§10.6). */
	float shim;
};

struct grid {
	struct layout_ctx *ctx;
	const struct css_style *cs;
	int depth;
	struct gitem *items;
	size_t n;
	struct layout_grid_shape shape;
	struct track *tracks[2];
	float gap[2];
	float *lines[2]; /* line positions from the content edge, before content alignment */
};

static int cmp_order(const void *a, const void *b)
{
	const struct gitem *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static float gap_of(struct css_length g, float basis)
{
	if (g.kind != CSS_LEN_FIXED)
		return 0;
	return css_length_resolve(g, basis >= 0 ? basis : 0);
}

static bool is_intrinsic(uint8_t kind)
{
	return kind == CSS_TRACK_AUTO || kind == CSS_TRACK_MIN_CONTENT || kind == CSS_TRACK_MAX_CONTENT;
}

/* A <length-percentage> breadth against an indefinite basis is auto. */
static struct css_track_breadth resolve_breadth(struct css_track_breadth b, float basis)
{
	if (b.kind == CSS_TRACK_LENGTH) {
		if (b.length.has_percent && basis < 0) {
			b.kind = CSS_TRACK_AUTO;
		} else {
			b.length.px = css_length_resolve(b.length, basis);
			b.length.has_percent = false;
			b.length.percent = 0;
		}
	}
	return b;
}

/* ---- §7.2.3.2 repeat-to-fill ------------------------------------------- */

/* The number of repetitions of an auto repeat() in a content box of size
 * avail (< 0 indefinite, when max_avail may still bound it). */
static uint32_t auto_repetitions(const struct css_grid_template *t, float avail, float min_avail, float gap)
{
	if (t->repeat == CSS_GRID_REPEAT_NONE)
		return 1;
	float basis = avail >= 0 ? avail : -1;
	float fixed = 0, rep = 0, rep_gaps = 0;
	for (uint32_t i = 0; i < t->count; i++) {
		struct css_track_breadth mx = resolve_breadth(t->tracks[i].size.max, basis);
		struct css_track_breadth mn = resolve_breadth(t->tracks[i].size.min, basis);
		float v = mx.kind == CSS_TRACK_LENGTH ? mx.length.px : mn.kind == CSS_TRACK_LENGTH ? mn.length.px : 0;
		bool in_repeat = i >= t->repeat_start && i < t->repeat_start + t->repeat_count;
		if (in_repeat) {
			rep += BASE_MAX(v, 0);
			rep_gaps += gap;
		} else {
			fixed += BASE_MAX(v, 0) + gap;
		}
	}
	/* Tracks of no size would repeat without end: they count as 1px
	 * together, as in Blink. */
	if (rep <= 0)
		rep = 1;
	rep += rep_gaps;
	fixed -= gap;
	float room = avail >= 0 ? avail : min_avail;
	if (room < 0)
		return 1;
	float fit = (room - fixed) / rep;
	long n = (long)floorf(fit + 1e-4f);
	if (avail < 0 && n * rep + fixed < room)
		n++; /* the smallest count reaching a min size */
	if (n < 1)
		n = 1;
	return (uint32_t)BASE_MIN(n, (long)LAYOUT_GRID_MAX_TRACKS);
}

/* ---- Contributions -------------------------------------------------------- */

static void item_widths(struct grid *g, struct gitem *it)
{
	if (!it->have_widths) {
		layout_intrinsic_widths(g->ctx, it->box, g->depth + 1, &it->min_w, &it->max_w);
		it->have_widths = true;
	}
}

/* The size of tracks [from, to) with the gutters between them; collapsed
 * tracks and their gutters take no room. */
static float tracks_size(const struct grid *g, int axis, int from, int to)
{
	float s = 0;
	int count = 0;
	for (int t = from; t < to; t++) {
		const struct track *tr = &g->tracks[axis][t];
		if (tr->collapsed)
			continue;
		s += tr->base;
		count++;
	}
	return s + g->gap[axis] * (float)(count > 0 ? count - 1 : 0);
}

/* The size of the item's grid area in the axis. */
static float span_size(const struct grid *g, const struct gitem *it, int axis)
{
	return tracks_size(g, axis, it->start[axis], it->end[axis]);
}

static uint8_t self_alignment(uint8_t self, uint8_t items)
{
	uint8_t a = self == CSS_ALIGN_AUTO ? items : self;
	return a == CSS_ALIGN_AUTO ? CSS_ALIGN_NORMAL : a;
}

/* Whether the item is stretched in the axis (normal stretches boxes
 * without a preferred aspect ratio). */
static bool stretches(const struct gitem *it, uint8_t align, struct css_length size, bool auto_m0, bool auto_m1)
{
	if (size.kind != CSS_LEN_AUTO || auto_m0 || auto_m1)
		return false;
	if (align == CSS_ALIGN_STRETCH)
		return true;
	return align == CSS_ALIGN_NORMAL && it->box->type != LAYOUT_BOX_REPLACED && it->box->style->aspect_ratio <= 0;
}

/* Lays out the item for the width of its column area. */
static void measure(struct grid *g, struct gitem *it, float cb_height)
{
	const struct css_style *s = it->box->style;
	float area = span_size(g, it, LAYOUT_GRID_COLUMNS);
	if (it->measured && area == it->area_width && cb_height < 0)
		return;
	layout_box_edges(s, area, &it->m, &it->b, &it->p);
	if (it->measured)
		layout_positioned_forget(g->ctx, it->box);
	it->area_width = area;
	it->measured = true;
	if (it->box->type == LAYOUT_BOX_REPLACED) {
		memset(&it->r, 0, sizeof it->r);
		it->r.frag = layout_replaced(g->ctx, it->box, area, cb_height);
		it->width = it->r.frag->width;
		return;
	}
	float avail = area - it->m.left - it->m.right;
	float w = layout_specified_border_width(s, area, &it->b, &it->p);
	if (w < 0) {
		uint8_t js = self_alignment(s->justify_self, g->cs->justify_items);
		if (stretches(it, js, s->width, layout_len_is_auto(s->margin[3]), layout_len_is_auto(s->margin[1])))
			w = avail;
		else
			w = layout_shrink_to_fit(g->ctx, it->box, avail, g->depth + 1);
		w = layout_clamp_border_width(s, w, area, &it->b, &it->p);
	}
	it->width = w;
	layout_bfc_root(g->ctx, it->box, area, cb_height, w, g->depth + 1, &it->r);
}

enum contribution { MINIMUM, MIN_CONTENT, MAX_CONTENT };

/* §6.6: whether the item's automatic minimum size is its content-based
 * minimum size (it spans a track whose min sizing function is auto, and
 * no flexible track when it spans several), and the sum of the fixed max
 * sizing functions that then caps it when all its tracks have one (else
 * INFINITY). */
static bool content_min_applies(const struct grid *g, const struct gitem *it, int axis, float *fixed_max)
{
	bool any = false, flex = false;
	float sum = 0;
	for (int t = it->start[axis]; t < it->end[axis]; t++) {
		const struct track *tr = &g->tracks[axis][t];
		any |= tr->fn.min.kind == CSS_TRACK_AUTO;
		flex |= tr->fn.max.kind == CSS_TRACK_FLEX;
		if (tr->fn.max.kind == CSS_TRACK_LENGTH && !tr->fn.fit_content && isfinite(sum))
			sum += tr->fn.max.length.px;
		else
			sum = INFINITY;
	}
	*fixed_max = isfinite(sum) ? sum + g->gap[axis] * (float)(it->end[axis] - it->start[axis] - 1) : INFINITY;
	return any && !(flex && it->end[axis] - it->start[axis] > 1);
}

/* The item's outer minimum contribution in the axis (§6.6): a fixed min
 * size, else the content-based minimum size (the content's min-content
 * size, capped by fixed max sizing functions) when it applies, else the
 * borders and padding. */
static float minimum_contribution(const struct grid *g, const struct gitem *it, int axis, struct css_length min, uint8_t overflow,
				  float content, float bp, float margins)
{
	if (min.kind == CSS_LEN_FIXED && !min.has_percent)
		return (it->box->style->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(min.px, bp) : min.px + bp) + margins;
	float fixed_max;
	if (min.kind == CSS_LEN_AUTO && overflow == CSS_OVERFLOW_VISIBLE && content_min_applies(g, it, axis, &fixed_max))
		return BASE_MIN(content, BASE_MAX(fixed_max - margins, bp)) + margins;
	return bp + margins;
}

/* The item's outer size contribution in the axis (§11.5 terms). */
static float contribution(struct grid *g, struct gitem *it, int axis, enum contribution kind)
{
	const struct css_style *s = it->box->style;
	if (axis == LAYOUT_GRID_COLUMNS) {
		item_widths(g, it);
		struct layout_edges m, b, p;
		layout_box_edges(s, 0, &m, &b, &p);
		float margins = m.left + m.right;
		if (kind == MIN_CONTENT)
			return it->min_w + margins;
		if (kind == MAX_CONTENT)
			return it->max_w + margins;
		float bp = b.left + b.right + p.left + p.right;
		return minimum_contribution(g, it, axis, s->min_width, s->overflow_x, it->min_w, bp, margins);
	}
	measure(g, it, -1);
	float h = it->r.frag->height, margins = it->m.top + it->m.bottom + it->shim;
	if (kind != MINIMUM)
		return h + margins;
	float bp = it->b.top + it->b.bottom + it->p.top + it->p.bottom;
	return minimum_contribution(g, it, axis, s->min_height, s->overflow_y, h, bp, margins);
}

/* ---- §11.5 distributing extra space --------------------------------------- */

static bool crosses_flex(const struct grid *g, const struct gitem *it, int axis)
{
	for (int t = it->start[axis]; t < it->end[axis]; t++)
		if (g->tracks[axis][t].fn.max.kind == CSS_TRACK_FLEX)
			return true;
	return false;
}

enum substep { FOR_INTRINSIC_MIN, FOR_CONTENT_MIN, FOR_MAX_CONTENT_MIN, FOR_INTRINSIC_MAX, FOR_MAX_CONTENT_MAX };

static bool affected(const struct track *tr, enum substep step, enum constraint c)
{
	uint8_t mn = tr->fn.min.kind, mx = tr->fn.max.kind;
	switch (step) {
	case FOR_INTRINSIC_MIN: return is_intrinsic(mn);
	case FOR_CONTENT_MIN: return mn == CSS_TRACK_MIN_CONTENT || mn == CSS_TRACK_MAX_CONTENT || (mn == CSS_TRACK_AUTO && c != SIZE_DEFINITE);
	case FOR_MAX_CONTENT_MIN: return mn == CSS_TRACK_MAX_CONTENT || (mn == CSS_TRACK_AUTO && c == SIZE_MAX_CONTENT);
	case FOR_INTRINSIC_MAX: return is_intrinsic(mx) || tr->fn.fit_content;
	default: return mx == CSS_TRACK_MAX_CONTENT || mx == CSS_TRACK_AUTO || tr->fn.fit_content;
	}
}

static bool is_limit_step(enum substep step)
{
	return step >= FOR_INTRINSIC_MAX;
}

static float affected_size(const struct track *tr, enum substep step)
{
	if (!is_limit_step(step))
		return tr->base;
	return isfinite(tr->limit) ? tr->limit : tr->base;
}

/* How far the affected size may grow before freezing. */
static float cap_of(const struct track *tr, enum substep step)
{
	if (!is_limit_step(step)) {
		float cap = tr->limit;
		if (tr->fn.fit_content && tr->fn.max.kind == CSS_TRACK_MAX_CONTENT && !tr->fn.max.length.has_percent)
			cap = BASE_MIN(cap, BASE_MAX(tr->fn.max.length.px, tr->base));
		return cap;
	}
	if (tr->fn.fit_content)
		return BASE_MAX(tr->fn.max.length.px, tr->base);
	return tr->infinitely_growable || !isfinite(tr->limit) ? INFINITY : tr->limit;
}

/* Spreads space over tracks equally (or by flex factor when by_flex),
 * each up to its cap; returns what is left. */
static float spread(struct track **ts, size_t k, float space, enum substep step, bool capped, bool by_flex)
{
	for (int round = 0; round < 64 && space > 1e-4f; round++) {
		float weight = 0;
		size_t open = 0;
		for (size_t i = 0; i < k; i++) {
			float room = capped ? cap_of(ts[i], step) - affected_size(ts[i], step) - ts[i]->incurred : INFINITY;
			if (room > 1e-4f) {
				open++;
				weight += by_flex ? ts[i]->fn.max.fr : 1;
			}
		}
		if (!open)
			break;
		bool equal = weight <= 0;
		if (equal)
			weight = (float)open;
		float given = 0;
		for (size_t i = 0; i < k; i++) {
			float room = capped ? cap_of(ts[i], step) - affected_size(ts[i], step) - ts[i]->incurred : INFINITY;
			if (room <= 1e-4f)
				continue;
			float share = space * (equal ? 1 : (by_flex ? ts[i]->fn.max.fr : 1)) / weight;
			float add = BASE_MIN(share, room);
			ts[i]->incurred += add;
			given += add;
		}
		space -= given;
		if (given <= 1e-6f)
			break;
	}
	return space;
}

/* §11.5.1 for one item's contribution over its tracks. */
static void distribute(struct grid *g, struct gitem *it, int axis, enum substep step, enum constraint c, float size, bool flex_only)
{
	struct track *ts[LAYOUT_GRID_MAX_TRACKS];
	size_t k = 0;
	float spanned = 0;
	int count = 0;
	for (int t = it->start[axis]; t < it->end[axis]; t++) {
		struct track *tr = &g->tracks[axis][t];
		if (tr->collapsed)
			continue;
		spanned += affected_size(tr, step);
		count++;
		tr->incurred = 0;
		if (affected(tr, step, c) && (!flex_only || tr->fn.max.kind == CSS_TRACK_FLEX) && k < LAYOUT_GRID_MAX_TRACKS)
			ts[k++] = tr;
	}
	float space = size - spanned - g->gap[axis] * (float)(count > 0 ? count - 1 : 0);
	if (k == 0 || space <= 0)
		return;
	if (flex_only) {
		spread(ts, k, space, step, false, true);
	} else {
		space = spread(ts, k, space, step, true, false);
		if (space > 1e-4f) {
			/* Past the limits: to the tracks whose max function
			 * matches the contribution, else to all. */
			struct track *sub[LAYOUT_GRID_MAX_TRACKS];
			size_t j = 0;
			for (size_t i = 0; i < k; i++) {
				uint8_t mx = ts[i]->fn.max.kind;
				bool pick = step == FOR_INTRINSIC_MIN || step == FOR_CONTENT_MIN ? is_intrinsic(mx) || ts[i]->fn.fit_content
					    : step == FOR_MAX_CONTENT_MIN ? mx == CSS_TRACK_MAX_CONTENT || (mx == CSS_TRACK_AUTO && c == SIZE_MAX_CONTENT)
									   : !ts[i]->fn.fit_content || ts[i]->limit < ts[i]->fn.max.length.px;
				if (pick)
					sub[j++] = ts[i];
			}
			if (j == 0) {
				memcpy(sub, ts, k * sizeof *ts);
				j = k;
			}
			spread(sub, j, space, step, false, false);
		}
	}
	for (size_t i = 0; i < k; i++)
		ts[i]->planned = BASE_MAX(ts[i]->planned, ts[i]->incurred);
}

static float item_size_for(struct grid *g, struct gitem *it, int axis, enum substep step, enum constraint c)
{
	switch (step) {
	case FOR_INTRINSIC_MIN:
		if (c == SIZE_MIN_CONTENT)
			return contribution(g, it, axis, MIN_CONTENT);
		if (c == SIZE_MAX_CONTENT)
			return contribution(g, it, axis, MAX_CONTENT);
		return contribution(g, it, axis, MINIMUM);
	case FOR_CONTENT_MIN:
	case FOR_INTRINSIC_MAX: return contribution(g, it, axis, MIN_CONTENT);
	default: return contribution(g, it, axis, MAX_CONTENT);
	}
}

static void apply_planned(struct grid *g, int axis, enum substep step)
{
	for (int t = 0; t < g->shape.count[axis]; t++) {
		struct track *tr = &g->tracks[axis][t];
		if (is_limit_step(step)) {
			if (tr->planned > 0 && !isfinite(tr->limit)) {
				tr->limit = tr->base + tr->planned;
				/* The next step may grow it past this limit. */
				tr->infinitely_growable = step == FOR_INTRINSIC_MAX;
			} else if (tr->planned > 0) {
				tr->limit += tr->planned;
			}
		} else {
			tr->base += tr->planned;
			if (isfinite(tr->limit) && tr->limit < tr->base)
				tr->limit = tr->base;
		}
		tr->planned = 0;
	}
}

/* §11.5 resolve intrinsic track sizes. */
static void resolve_intrinsic(struct grid *g, int axis, enum constraint c)
{
	int count = g->shape.count[axis];
	/* Step 2: items of span 1 in tracks without a flexible max. */
	float *lim = base_xcalloc((size_t)count + 1, sizeof *lim);
	for (int t = 0; t < count; t++)
		lim[t] = -1;
	for (size_t i = 0; i < g->n; i++) {
		struct gitem *it = &g->items[i];
		if (it->end[axis] - it->start[axis] != 1)
			continue;
		struct track *tr = &g->tracks[axis][it->start[axis]];
		if (tr->collapsed || tr->fn.max.kind == CSS_TRACK_FLEX)
			continue;
		uint8_t mn = tr->fn.min.kind, mx = tr->fn.max.kind;
		bool fit = tr->fn.fit_content;
		if (mn == CSS_TRACK_MIN_CONTENT) {
			tr->base = BASE_MAX(tr->base, contribution(g, it, axis, MIN_CONTENT));
		} else if (mn == CSS_TRACK_MAX_CONTENT) {
			tr->base = BASE_MAX(tr->base, contribution(g, it, axis, MAX_CONTENT));
		} else if (mn == CSS_TRACK_AUTO) {
			float v;
			if (c == SIZE_DEFINITE) {
				v = contribution(g, it, axis, MINIMUM);
			} else {
				/* The limited min-/max-content contribution. */
				v = contribution(g, it, axis, c == SIZE_MIN_CONTENT ? MIN_CONTENT : MAX_CONTENT);
				if (mx == CSS_TRACK_LENGTH || fit)
					v = BASE_MIN(v, tr->fn.max.length.px);
				v = BASE_MAX(v, contribution(g, it, axis, MINIMUM));
			}
			tr->base = BASE_MAX(tr->base, v);
		}
		float l = -1;
		if (mx == CSS_TRACK_MIN_CONTENT) {
			l = contribution(g, it, axis, MIN_CONTENT);
		} else if (mx == CSS_TRACK_MAX_CONTENT || mx == CSS_TRACK_AUTO) {
			l = contribution(g, it, axis, MAX_CONTENT);
			if (fit)
				l = BASE_MIN(l, tr->fn.max.length.px);
		}
		lim[it->start[axis]] = BASE_MAX(lim[it->start[axis]], l);
	}
	for (int t = 0; t < count; t++) {
		struct track *tr = &g->tracks[axis][t];
		if (lim[t] >= 0)
			tr->limit = isfinite(tr->limit) ? BASE_MAX(tr->limit, lim[t]) : lim[t];
		if (tr->limit < tr->base)
			tr->limit = tr->base;
	}
	free(lim);
	/* Step 3: spanning items not crossing flexible tracks, by span. */
	int max_span = 1;
	for (size_t i = 0; i < g->n; i++)
		max_span = BASE_MAX(max_span, g->items[i].end[axis] - g->items[i].start[axis]);
	for (int span = 2; span <= max_span; span++) {
		bool any = false;
		for (size_t i = 0; i < g->n && !any; i++)
			any = g->items[i].end[axis] - g->items[i].start[axis] == span && !crosses_flex(g, &g->items[i], axis);
		if (!any)
			continue;
		for (int t = 0; t < count; t++)
			g->tracks[axis][t].infinitely_growable = false;
		for (enum substep step = FOR_INTRINSIC_MIN; step <= FOR_MAX_CONTENT_MAX; step++) {
			for (size_t i = 0; i < g->n; i++) {
				struct gitem *it = &g->items[i];
				if (it->end[axis] - it->start[axis] != span || crosses_flex(g, it, axis))
					continue;
				distribute(g, it, axis, step, c, item_size_for(g, it, axis, step, c), false);
			}
			apply_planned(g, axis, step);
		}
	}
	/* Step 4: items crossing flexible tracks, to the flexible tracks. */
	for (enum substep step = FOR_INTRINSIC_MIN; step <= FOR_MAX_CONTENT_MIN; step++) {
		for (size_t i = 0; i < g->n; i++) {
			struct gitem *it = &g->items[i];
			if (!crosses_flex(g, it, axis))
				continue;
			distribute(g, it, axis, step, c, item_size_for(g, it, axis, step, c), true);
		}
		apply_planned(g, axis, step);
	}
	/* Step 5: no infinite growth limit remains. */
	for (int t = 0; t < count; t++) {
		struct track *tr = &g->tracks[axis][t];
		if (!isfinite(tr->limit))
			tr->limit = tr->base;
	}
}

/* §10.6 baseline self-alignment in the column axis: the items of a row
 * with align-self: baseline share the row's first baseline (an item
 * without one uses its border-box bottom); each gets the shim that moves
 * it there, and rows are sized with the shims (§11.5 step 1). */
static void baseline_shims(struct grid *g)
{
	int rows = g->shape.count[LAYOUT_GRID_ROWS];
	float *row_max = base_xcalloc((size_t)rows + 1, sizeof *row_max);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < g->n; i++) {
			struct gitem *it = &g->items[i];
			const struct css_style *s = it->box->style;
			if (self_alignment(s->align_self, g->cs->align_items) != CSS_ALIGN_BASELINE)
				continue;
			measure(g, it, -1);
			float b = it->m.top + (it->r.has_first_baseline ? it->r.first_baseline : it->r.frag->height);
			if (pass == 0)
				row_max[it->start[1]] = BASE_MAX(row_max[it->start[1]], b);
			else
				it->shim = row_max[it->start[1]] - b;
		}
	free(row_max);
}

/* Whether a child's height depends on the item's: then a stretched item
 * is laid out again at its stretched height, which is definite (§6.2). */
static bool percent_height_children(const struct layout_box *box)
{
	if (box->type != LAYOUT_BOX_BLOCK)
		return false;
	for (const struct layout_box *c = box->first; c; c = c->next) {
		const struct css_style *s = c->style;
		if (s->height.has_percent || s->min_height.has_percent || s->max_height.has_percent)
			return true;
	}
	return false;
}

/* Lays the item out again with a definite border-box height: through a
 * copy of its style with that height, which only this layout sees (its
 * fragment keeps the element's style). */
static void layout_at_height(struct grid *g, struct gitem *it, float area_h, float h)
{
	const struct css_style *orig = it->box->style;
	struct css_style *fixed = base_arena_alloc(&g->ctx->tree->arena, sizeof *fixed);
	*fixed = *orig;
	fixed->box_sizing = CSS_BOX_SIZING_BORDER_BOX;
	fixed->height = (struct css_length){ h, 0, CSS_LEN_FIXED, false };
	fixed->min_height = (struct css_length){ 0, 0, CSS_LEN_AUTO, false };
	fixed->max_height = (struct css_length){ 0, 0, CSS_LEN_NONE, false };
	it->box->style = fixed;
	layout_positioned_forget(g->ctx, it->box);
	layout_bfc_root(g->ctx, it->box, it->area_width, area_h, it->width, g->depth + 1, &it->r);
	it->box->style = orig;
	it->r.frag->style = orig;
}

/* ---- §11.7 flexible tracks ------------------------------------------------- */

/* §11.7.1 find the size of an fr over tracks [from, to) filling space. */
static float fr_size(const struct grid *g, int axis, int from, int to, float space)
{
	bool *inflexible = base_xcalloc((size_t)(to - from) + 1, sizeof *inflexible);
	float hyp = 0;
	for (int round = 0; round <= to - from; round++) {
		float leftover = space, flex = 0;
		int count = 0;
		for (int t = from; t < to; t++) {
			const struct track *tr = &g->tracks[axis][t];
			if (tr->collapsed)
				continue;
			count++;
			if (tr->fn.max.kind == CSS_TRACK_FLEX && !inflexible[t - from])
				flex += tr->fn.max.fr;
			else
				leftover -= tr->base;
		}
		leftover -= g->gap[axis] * (float)(count > 0 ? count - 1 : 0);
		hyp = leftover / (flex < 1 ? 1 : flex);
		bool again = false;
		for (int t = from; t < to; t++) {
			const struct track *tr = &g->tracks[axis][t];
			if (!tr->collapsed && tr->fn.max.kind == CSS_TRACK_FLEX && !inflexible[t - from] && hyp * tr->fn.max.fr < tr->base) {
				inflexible[t - from] = true;
				again = true;
			}
		}
		if (!again)
			break;
	}
	free(inflexible);
	return hyp;
}

static void expand_flexible(struct grid *g, int axis, float avail, enum constraint c)
{
	int count = g->shape.count[axis];
	bool any = false;
	for (int t = 0; t < count; t++)
		any |= g->tracks[axis][t].fn.max.kind == CSS_TRACK_FLEX && !g->tracks[axis][t].collapsed;
	if (!any || c == SIZE_MIN_CONTENT)
		return;
	float fr;
	if (avail >= 0 && c == SIZE_DEFINITE) {
		fr = fr_size(g, axis, 0, count, avail);
	} else {
		fr = 0;
		for (int t = 0; t < count; t++) {
			const struct track *tr = &g->tracks[axis][t];
			if (tr->fn.max.kind == CSS_TRACK_FLEX && !tr->collapsed)
				fr = BASE_MAX(fr, tr->fn.max.fr > 1 ? tr->base / tr->fn.max.fr : tr->base);
		}
		for (size_t i = 0; i < g->n; i++) {
			struct gitem *it = &g->items[i];
			if (crosses_flex(g, it, axis))
				fr = BASE_MAX(fr, fr_size(g, axis, it->start[axis], it->end[axis], contribution(g, it, axis, MAX_CONTENT)));
		}
	}
	/* Each flexible track is truncated to a LayoutUnit, the fraction
	 * cut off carried to the next one, in float arithmetic, as Blink
	 * does. */
	float carry = 0;
	for (int t = 0; t < count; t++) {
		struct track *tr = &g->tracks[axis][t];
		if (tr->fn.max.kind != CSS_TRACK_FLEX || tr->collapsed)
			continue;
		float share = fr * tr->fn.max.fr + carry;
		float unit = layout_unit(share);
		carry = share - unit;
		tr->base = BASE_MAX(tr->base, unit);
	}
}

/* ---- §11.3 the track sizing algorithm for one axis -------------------------- */

static void size_tracks(struct grid *g, int axis, float avail, enum constraint c)
{
	int count = g->shape.count[axis];
	struct track *ts = g->tracks[axis];
	/* §11.4 initialize. */
	for (int t = 0; t < count; t++) {
		struct track *tr = &ts[t];
		bool collapsed = tr->collapsed;
		memset(tr, 0, sizeof *tr);
		tr->collapsed = collapsed;
		struct css_track_size fn = layout_grid_track_size(g->cs, &g->shape, axis, t);
		fn.min = resolve_breadth(fn.min, avail);
		if (fn.fit_content) {
			if (fn.max.length.has_percent && avail < 0) {
				fn.fit_content = false; /* behaves as max-content */
			} else {
				fn.max.length.px = css_length_resolve(fn.max.length, avail);
				fn.max.length.has_percent = false;
			}
		} else {
			fn.max = resolve_breadth(fn.max, avail);
		}
		tr->fn = fn;
		if (collapsed) {
			tr->limit = 0;
			continue;
		}
		tr->base = fn.min.kind == CSS_TRACK_LENGTH ? BASE_MAX(fn.min.length.px, 0) : 0;
		tr->limit = fn.max.kind == CSS_TRACK_LENGTH && !fn.fit_content ? BASE_MAX(fn.max.length.px, 0) : INFINITY;
		if (tr->limit < tr->base)
			tr->limit = tr->base;
	}
	resolve_intrinsic(g, axis, c);
	/* §11.6 maximize tracks. */
	if (c == SIZE_MAX_CONTENT || (avail < 0 && c == SIZE_DEFINITE)) {
		for (int t = 0; t < count; t++)
			ts[t].base = BASE_MAX(ts[t].base, ts[t].limit);
	} else if (avail >= 0 && c == SIZE_DEFINITE) {
		float free_space = avail - tracks_size(g, axis, 0, count);
		if (free_space > 0) {
			struct track **open = base_xcalloc((size_t)count + 1, sizeof *open);
			size_t k = 0;
			for (int t = 0; t < count; t++)
				if (!ts[t].collapsed) {
					ts[t].incurred = 0;
					open[k++] = &ts[t];
				}
			/* Equal shares up to each growth limit. */
			spread(open, k, free_space, FOR_INTRINSIC_MIN, true, false);
			for (size_t i = 0; i < k; i++) {
				open[i]->base += open[i]->incurred;
				open[i]->incurred = 0;
			}
			free(open);
		}
	}
	expand_flexible(g, axis, avail, c);
	/* §11.8 stretch auto tracks. */
	uint8_t content = axis == LAYOUT_GRID_COLUMNS ? g->cs->justify_content : g->cs->align_content;
	if (avail >= 0 && c == SIZE_DEFINITE && (content == CSS_ALIGN_NORMAL || content == CSS_ALIGN_STRETCH)) {
		float free_space = avail - tracks_size(g, axis, 0, count);
		int autos = 0;
		for (int t = 0; t < count; t++)
			autos += !ts[t].collapsed && ts[t].fn.max.kind == CSS_TRACK_AUTO && !ts[t].fn.fit_content;
		if (free_space > 0 && autos > 0)
			for (int t = 0; t < count; t++)
				if (!ts[t].collapsed && ts[t].fn.max.kind == CSS_TRACK_AUTO && !ts[t].fn.fit_content)
					ts[t].base += free_space / (float)autos;
	}
	/* Line positions, collapsed tracks and their gutters taking no room. */
	float *lines = g->lines[axis];
	float pos = 0;
	bool seen = false;
	for (int t = 0; t < count; t++) {
		if (!ts[t].collapsed) {
			if (seen)
				pos += g->gap[axis];
			seen = true;
		}
		lines[t] = pos;
		if (!ts[t].collapsed)
			pos += ts[t].base;
	}
	lines[count] = pos;
}

/* ---- The grid ------------------------------------------------------------- */

/* Collects the items, places them, and marks auto-fit's empty tracks. */
static void build_grid(struct grid *g, struct layout_ctx *ctx, struct layout_box *box, float width, float height,
		       float min_height, int depth, struct layout_fragment *container, float inset_x, float inset_y)
{
	const struct css_style *cs = box->style;
	memset(g, 0, sizeof *g);
	g->ctx = ctx;
	g->cs = cs;
	g->depth = depth;
	size_t n = 0;
	for (struct layout_box *c = box->first; c; c = c->next)
		if (!c->is_abspos)
			n++;
	g->items = base_xcalloc(n + 1, sizeof *g->items);
	for (struct layout_box *c = box->first; c; c = c->next) {
		if (c->is_abspos) {
			/* The static position: the content box's start corner
			 * (as the sole item of a grid area filling it). */
			if (container)
				layout_positioned_pending(ctx, c, container, inset_x, inset_y);
			continue;
		}
		struct gitem *it = &g->items[g->n];
		it->box = c;
		it->order = c->style->order;
		it->index = (int)g->n;
		g->n++;
	}
	qsort(g->items, g->n, sizeof *g->items, cmp_order);
	g->gap[LAYOUT_GRID_COLUMNS] = gap_of(cs->column_gap, width);
	g->gap[LAYOUT_GRID_ROWS] = gap_of(cs->row_gap, height);
	uint32_t reps[2] = { auto_repetitions(&cs->grid_template_columns, width, -1, g->gap[LAYOUT_GRID_COLUMNS]),
			     auto_repetitions(&cs->grid_template_rows, height, min_height, g->gap[LAYOUT_GRID_ROWS]) };
	struct layout_grid_placed *placed = base_xcalloc(g->n + 1, sizeof *placed);
	for (size_t i = 0; i < g->n; i++)
		placed[i].style = g->items[i].box->style;
	layout_grid_place(cs, reps, placed, g->n, &g->shape);
	for (size_t i = 0; i < g->n; i++)
		for (int a = 0; a < 2; a++) {
			g->items[i].start[a] = placed[i].start[a];
			g->items[i].end[a] = placed[i].end[a];
		}
	free(placed);
	for (int a = 0; a < 2; a++) {
		int count = g->shape.count[a];
		g->tracks[a] = base_xcalloc((size_t)count + 1, sizeof *g->tracks[a]);
		g->lines[a] = base_xcalloc((size_t)count + 2, sizeof *g->lines[a]);
		const struct css_grid_template *t = a == LAYOUT_GRID_COLUMNS ? &cs->grid_template_columns : &cs->grid_template_rows;
		if (t->repeat != CSS_GRID_REPEAT_AUTO_FIT)
			continue;
		/* §7.2.3.2: auto-fit collapses the repeated tracks no item is in. */
		int first = g->shape.offset[a] + (int)t->repeat_start;
		int last = first + (int)(t->repeat_count * reps[a]);
		for (int k = first; k < last && k < count; k++) {
			bool used = false;
			for (size_t i = 0; i < g->n && !used; i++)
				used = g->items[i].start[a] <= k && k < g->items[i].end[a];
			g->tracks[a][k].collapsed = !used;
		}
	}
}

static void free_grid(struct grid *g)
{
	for (int a = 0; a < 2; a++) {
		free(g->tracks[a]);
		free(g->lines[a]);
	}
	free(g->items);
}

/* Box Alignment 3 §5.3 content distribution of free space between tracks:
 * the offset of the first track and the extra space after each. */
static void distribute_content(uint8_t align, float free_space, int tracks, float *offset, float *between)
{
	*offset = *between = 0;
	if (tracks <= 0)
		return;
	switch (align) {
	case CSS_ALIGN_END:
	case CSS_ALIGN_FLEX_END:
	case CSS_ALIGN_RIGHT: *offset = free_space; break;
	case CSS_ALIGN_CENTER: *offset = free_space / 2; break;
	case CSS_ALIGN_SPACE_BETWEEN:
		if (free_space > 0 && tracks > 1)
			*between = free_space / (float)(tracks - 1);
		break;
	case CSS_ALIGN_SPACE_AROUND:
		if (free_space > 0) {
			*between = free_space / (float)tracks;
			*offset = *between / 2;
		} else {
			*offset = free_space / 2;
		}
		break;
	case CSS_ALIGN_SPACE_EVENLY:
		if (free_space > 0) {
			*between = free_space / (float)(tracks + 1);
			*offset = *between;
		} else {
			*offset = free_space / 2;
		}
		break;
	default: break;
	}
}

/* Shifts the line positions by the content distribution. */
static void align_tracks(struct grid *g, int axis, float size)
{
	int count = g->shape.count[axis];
	int open = 0;
	for (int t = 0; t < count; t++)
		open += !g->tracks[axis][t].collapsed;
	float offset, between;
	uint8_t align = axis == LAYOUT_GRID_COLUMNS ? g->cs->justify_content : g->cs->align_content;
	distribute_content(align, size - g->lines[axis][count], open, &offset, &between);
	int seen = 0;
	for (int t = 0; t <= count; t++) {
		g->lines[axis][t] += offset + between * (float)seen;
		if (t < count && !g->tracks[axis][t].collapsed)
			seen++;
	}
}

/* The offset of an item's margin box start in its area, for self
 * alignment; auto margins take the free space first. */
static float self_offset(uint8_t align, float free_space, bool auto_start, bool auto_end)
{
	/* Auto margins are safe: they take no negative space. */
	if ((auto_start || auto_end) && free_space < 0)
		return 0;
	if (auto_start && auto_end)
		return free_space / 2;
	if (auto_start)
		return free_space;
	if (auto_end)
		return 0;
	switch (align) {
	case CSS_ALIGN_END:
	case CSS_ALIGN_FLEX_END:
	case CSS_ALIGN_RIGHT: return free_space;
	case CSS_ALIGN_CENTER: return free_space / 2;
	default: return 0;
	}
}

float layout_grid_content(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *container, float content_width,
			  float content_height, int depth, float inset_x, float inset_y, struct base_vec *children, float *first_baseline,
			  bool *has_baseline)
{
	const struct css_style *cs = box->style;
	struct grid g;
	float min_h = -1;
	if (content_height < 0 && cs->min_height.kind == CSS_LEN_FIXED && !cs->min_height.has_percent)
		min_h = cs->min_height.px;
	build_grid(&g, ctx, box, content_width, content_height, min_h, depth, container, inset_x, inset_y);
	size_tracks(&g, LAYOUT_GRID_COLUMNS, content_width, SIZE_DEFINITE);
	baseline_shims(&g);
	size_tracks(&g, LAYOUT_GRID_ROWS, content_height, SIZE_DEFINITE);
	int rows = g.shape.count[LAYOUT_GRID_ROWS];
	/* The used tracks, for getComputedStyle()'s resolved values. */
	struct css_used_grid *ug = base_arena_calloc(&ctx->tree->arena, 1, sizeof *ug);
	for (int a = 0; a < 2; a++) {
		int count = g.shape.count[a];
		float *sizes = base_arena_calloc(&ctx->tree->arena, (size_t)count + 1, sizeof *sizes);
		for (int t = 0; t < count; t++)
			sizes[t] = g.tracks[a][t].collapsed ? 0 : g.tracks[a][t].base;
		ug->sizes[a] = sizes;
		ug->count[a] = (uint32_t)count;
		ug->offset[a] = (uint32_t)g.shape.offset[a];
		ug->reps[a] = g.shape.reps[a];
	}
	container->grid = ug;
	float used_height = content_height >= 0 ? content_height : g.lines[LAYOUT_GRID_ROWS][rows];
	align_tracks(&g, LAYOUT_GRID_COLUMNS, content_width);
	align_tracks(&g, LAYOUT_GRID_ROWS, used_height);
	*has_baseline = false;
	const struct gitem *baseline_item = NULL;
	for (size_t i = 0; i < g.n; i++) {
		struct gitem *it = &g.items[i];
		const struct css_style *s = it->box->style;
		float x0 = g.lines[LAYOUT_GRID_COLUMNS][it->start[0]], y0 = g.lines[LAYOUT_GRID_ROWS][it->start[1]];
		float area_w = span_size(&g, it, LAYOUT_GRID_COLUMNS), area_h = span_size(&g, it, LAYOUT_GRID_ROWS);
		measure(&g, it, -1);
		bool auto_m[4];
		for (int e = 0; e < 4; e++)
			auto_m[e] = layout_len_is_auto(s->margin[e]);
		uint8_t as = self_alignment(s->align_self, cs->align_items);
		uint8_t js = self_alignment(s->justify_self, cs->justify_items);
		bool relayout_ok = ctx->grid_relayouts < LAYOUT_GRID_MAX_RELAYOUTS;
		if (s->height.has_percent && s->height.kind == CSS_LEN_FIXED && relayout_ok) {
			ctx->grid_relayouts++;
			measure(&g, it, area_h);
		}
		struct layout_fragment *f = it->r.frag;
		if (stretches(it, as, s->height, auto_m[0], auto_m[2])) {
			float h = layout_clamp_border_height(s, area_h - it->m.top - it->m.bottom, area_h, &it->b, &it->p);
			if (h > f->height && percent_height_children(it->box) && relayout_ok) {
				ctx->grid_relayouts++;
				layout_at_height(&g, it, area_h, h);
			}
			f = it->r.frag;
			if (h > f->height)
				f->height = h;
		}
		float free_x = area_w - f->width - it->m.left - it->m.right;
		float free_y = area_h - f->height - it->m.top - it->m.bottom;
		/* Columns run in the inline direction: right to left in rtl,
		 * where the start margin is the right one. */
		bool rtl = cs->direction == CSS_DIRECTION_RTL;
		float dx = (rtl ? it->m.right : it->m.left) +
			   self_offset(js, free_x, rtl ? auto_m[1] : auto_m[3], rtl ? auto_m[3] : auto_m[1]);
		float dy = it->m.top + (as == CSS_ALIGN_BASELINE && !auto_m[0] && !auto_m[2] ? it->shim
											   : self_offset(as, free_y, auto_m[0], auto_m[2]));
		/* Auto margins keep the space they took, as used values. */
		free_x = BASE_MAX(free_x, 0);
		free_y = BASE_MAX(free_y, 0);
		if (auto_m[3])
			f->margin[3] = auto_m[1] ? free_x / 2 : free_x;
		if (auto_m[1])
			f->margin[1] = free_x - (auto_m[3] ? f->margin[3] : 0);
		if (auto_m[0])
			f->margin[0] = auto_m[2] ? free_y / 2 : free_y;
		if (auto_m[2])
			f->margin[2] = free_y - (auto_m[0] ? f->margin[0] : 0);
		float rx, ry;
		layout_apply_relative(s, area_w, area_h, &rx, &ry);
		f->x = layout_snap(inset_x + (rtl ? content_width - x0 - dx - f->width : x0 + dx) + rx);
		f->y = layout_snap(inset_y + y0 + dy + ry);
		base_vec_push(children, f);
		/* §10.7: the baseline of the first item in grid order in the
		 * first row. */
		if (!baseline_item || it->start[1] < baseline_item->start[1] ||
		    (it->start[1] == baseline_item->start[1] && it->start[0] < baseline_item->start[0]))
			baseline_item = it;
	}
	if (baseline_item) {
		const struct layout_fragment *f = baseline_item->r.frag;
		*has_baseline = true;
		*first_baseline = f->y + (baseline_item->r.has_first_baseline ? baseline_item->r.first_baseline : f->height);
	}
	free_grid(&g);
	return used_height;
}

/* Intrinsic widths of a grid container: the columns sized under a
 * min-content and a max-content constraint (§11.3, §11.5). */
void layout_grid_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w)
{
	const struct css_style *cs = box->style;
	float width = -1;
	if (cs->max_width.kind == CSS_LEN_FIXED && !cs->max_width.has_percent)
		width = cs->max_width.px;
	struct grid g;
	build_grid(&g, ctx, box, width, -1, -1, depth, NULL, 0, 0);
	size_tracks(&g, LAYOUT_GRID_COLUMNS, -1, SIZE_MIN_CONTENT);
	*min_w = g.lines[LAYOUT_GRID_COLUMNS][g.shape.count[LAYOUT_GRID_COLUMNS]];
	size_tracks(&g, LAYOUT_GRID_COLUMNS, -1, SIZE_MAX_CONTENT);
	*max_w = BASE_MAX(*min_w, g.lines[LAYOUT_GRID_COLUMNS][g.shape.count[LAYOUT_GRID_COLUMNS]]);
	free_grid(&g);
}
