/* The tiled rasterizer: renders a display list into RGBA8 pixels.
 *
 * The target is cut into 256x256 tiles; each tile replays the display list
 * on its own (items outside it are culled) into a premultiplied float
 * buffer, with a stack of buffers for opacity groups, then converts to
 * straight-alpha bytes. Tiles share nothing mutable and every pixel's value
 * depends only on the display list, so the result is the same for any
 * thread count. Per-worker scratch (coverage buffers, layers) lives for
 * one paint_rasterize() call; a worker's glyph cache is taken from the
 * display list's stash and given back after it. */
#include "paint/raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TILE 256
#define MAX_LAYERS 16

struct worker {
	struct paint_cov cv;
	float *cov, *mask, *tmp;
	size_t cov_cap;
	float *layers[MAX_LAYERS];
	float layer_opacity[MAX_LAYERS];
	struct paint_region layer_region[MAX_LAYERS];
	struct paint_glyph_cache glyphs;
	bool glyphs_ready;
	struct paint_glyph_stash *stash; /* the display list's, where glyphs come from and go back */
	float scale; /* the target's device scale */
};

struct raster_job {
	const struct paint_display_list *dl;
	const struct paint_target *t;
	int tiles_x, tiles_y;
	struct worker *workers;
	/* The items that can paint in the target, in order (indices into
	 * dl->items): each tile replays only these. */
	size_t *items;
	size_t count;
};

static void ensure(float **p, size_t *cap, size_t need)
{
	if (need > *cap) {
		free(*p);
		*p = base_xmalloc(need * sizeof(float));
		*cap = need;
	}
}

void paint_scroll_of(const struct paint_target *t, bool fixed, const struct layout_sticky *sticky, float *sx, float *sy)
{
	*sx = fixed ? t->viewport_x : t->scroll_x;
	*sy = fixed ? t->viewport_y : t->scroll_y;
	if (sticky && !fixed) {
		float dx, dy;
		layout_sticky_scroll_offset(sticky, t->scroll_x - t->viewport_x, t->scroll_y - t->viewport_y, &dx, &dy);
		*sx -= dx;
		*sy -= dy;
	}
}

/* Item-local CSS px to device px. */
static struct paint_matrix device_matrix(const struct paint_target *t, const struct paint_item *it,
					 const struct paint_matrix *local, bool fixed, const struct layout_sticky *sticky)
{
	float sx, sy;
	paint_scroll_of(t, fixed, sticky, &sx, &sy);
	struct paint_matrix view = { t->scale, 0, 0, t->scale, -sx * t->scale, -sy * t->scale };
	(void)it;
	if (!local)
		return view;
	return paint_matrix_mul(&view, local);
}

static bool region_intersect(struct paint_region *r, int x0, int y0, int x1, int y1)
{
	int ax = BASE_MAX(r->x, x0), ay = BASE_MAX(r->y, y0);
	int bx = BASE_MIN(r->x + r->w, x1), by = BASE_MIN(r->y + r->h, y1);
	r->x = ax;
	r->y = ay;
	r->w = bx - ax;
	r->h = by - ay;
	return r->w > 0 && r->h > 0;
}

static int clamp_int(float v)
{
	if (!(v > -1e8f))
		return -100000000;
	if (v > 1e8f)
		return 100000000;
	return (int)v;
}

/* Intersects the region with a document rect's device bounds. */
static bool region_bound(struct paint_region *r, const struct paint_target *t, struct paint_rect b, bool fixed,
			 const struct layout_sticky *sticky, float grow)
{
	float sx, sy;
	paint_scroll_of(t, fixed, sticky, &sx, &sy);
	float x0 = (b.x0 - sx) * t->scale - grow, y0 = (b.y0 - sy) * t->scale - grow;
	float x1 = (b.x1 - sx) * t->scale + grow, y1 = (b.y1 - sy) * t->scale + grow;
	return region_intersect(r, clamp_int(floorf(x0)), clamp_int(floorf(y0)), clamp_int(ceilf(x1)),
				clamp_int(ceilf(y1)));
}

static bool is_axis_aligned(const struct paint_matrix *m)
{
	return m->b == 0.0f && m->c == 0.0f;
}

/* Blits the glyphs of a text item as coverage into out over region r. */
static void text_coverage(struct worker *w, const struct paint_item *it, const struct paint_matrix *m,
			  struct paint_region r, float *out)
{
	memset(out, 0, (size_t)r.w * (size_t)r.h * sizeof(float));
	if (!w->glyphs_ready) {
		if (!paint_glyph_stash_take(w->stash, &w->glyphs))
			paint_glyph_cache_init(&w->glyphs);
		w->glyphs_ready = true;
	}
	float scale = sqrtf(fabsf(m->a * m->d - m->b * m->c));
	if (!is_axis_aligned(m) || fabsf(m->a - m->d) > 1e-4f * fabsf(m->a) || m->a <= 0.0f) {
		/* Rotated, skewed, mirrored or stretched: fill the outlines
		 * through the matrix. */
		paint_cov_begin(&w->cv, r);
		for (size_t ri = 0; ri < it->run_count; ri++) {
			const struct layout_glyph_run *run = &it->runs[ri];
			if (!run->face)
				continue;
			for (size_t gi = 0; gi < run->count; gi++) {
				const struct layout_glyph *g = &run->glyphs[gi];
				const struct paint_poly *poly = paint_glyph_outline(&w->glyphs, run->face, g->id, run->size);
				struct paint_matrix at = { 1, 0, 0, 1, it->ox + g->x, it->oy + g->y };
				struct paint_matrix gm = paint_matrix_mul(m, &at);
				paint_cov_poly(&w->cv, &gm, poly);
			}
		}
		paint_cov_finish(&w->cv, out, false);
		return;
	}
	/* Skia applies no mask gamma under a blur (text-shadow). */
	const uint8_t *gamma = it->blur_sigma > 0.0f ? NULL : paint_glyph_gamma(&w->glyphs, it->color);
	for (size_t ri = 0; ri < it->run_count; ri++) {
		const struct layout_glyph_run *run = &it->runs[ri];
		if (!run->face)
			continue;
		for (size_t gi = 0; gi < run->count; gi++) {
			const struct layout_glyph *g = &run->glyphs[gi];
			float px, py;
			paint_matrix_apply(m, it->ox + g->x, it->oy + g->y, &px, &py);
			/* Skia's glyph positioning for horizontal text: the
			 * baseline snapped to a whole pixel, the pen to the
			 * nearest quarter pixel, drawn as a bitmap rendered at
			 * that quarter's phase. The pen is taken as it is (not
			 * to layout's 1/64 px first: Chromium draws a glyph at
			 * 31.117 px, half a LayoutUnit below a tie, at the
			 * lower quarter); a ties-up margin of 1/1024 px keeps
			 * float noise from splitting equal positions. */
			float fx = floorf((px + 0.125f + 1.0f / 1024.0f) * 4.0f);
			int sub = (int)(fx - 4.0f * floorf(fx / 4.0f));
			const struct paint_glyph_bitmap *bm =
				paint_glyph_get(&w->glyphs, run->face, g->id, run->size * scale, sub);
			if (!bm || !bm->cov || bm->width == 0)
				continue;
			int gx = (int)floorf(fx / 4.0f) + bm->left - r.x;
			int gy = (int)floorf(py + 0.5f) + bm->top - r.y;
			int x0 = BASE_MAX(gx, 0), y0 = BASE_MAX(gy, 0);
			int x1 = BASE_MIN(gx + bm->width, r.w), y1 = BASE_MIN(gy + bm->height, r.h);
			for (int y = y0; y < y1; y++) {
				const uint8_t *src = bm->cov + (size_t)(y - gy) * (size_t)bm->width;
				float *dst = out + (size_t)y * (size_t)r.w;
				for (int x = x0; x < x1; x++) {
					uint8_t c = gamma ? gamma[src[x - gx]] : src[x - gx];
					if (c) {
						float a = (float)c * (1.0f / 255.0f);
						dst[x] = dst[x] + a - dst[x] * a;
					}
				}
			}
		}
	}
}

/* A rounded rect with its edges on whole device pixels of its own
 * coordinate space, as Blink snaps box decorations (PixelSnappedIntRect)
 * before any transform: no blurred edges for boxes at fractional
 * positions. */
static struct paint_rrect snap_rrect(const struct paint_rrect *r, float scale)
{
	struct paint_rrect o = *r;
	float x0 = roundf(r->x * scale) / scale, y0 = roundf(r->y * scale) / scale;
	float x1 = roundf((r->x + r->w) * scale) / scale, y1 = roundf((r->y + r->h) * scale) / scale;
	o.x = x0;
	o.y = y0;
	o.w = BASE_MAX(0.0f, x1 - x0);
	o.h = BASE_MAX(0.0f, y1 - y0);
	return o;
}

/* Coverage of a shape, snapped when the item asks. */
static void shape_coverage(struct worker *w, const struct paint_item *it, const struct paint_matrix *m,
			   const struct paint_shape *s, struct paint_region r, float *out)
{
	if (it->snap && (s->kind == PAINT_SHAPE_RRECT || s->kind == PAINT_SHAPE_RING)) {
		struct paint_shape d = *s;
		d.a = snap_rrect(&s->a, w->scale);
		if (s->kind == PAINT_SHAPE_RING)
			d.b = snap_rrect(&s->b, w->scale);
		paint_cov_shape(&w->cv, m, &d, r, out);
		return;
	}
	paint_cov_shape(&w->cv, m, s, r, out);
}

static void item_coverage(struct worker *w, const struct paint_item *it, const struct paint_matrix *m,
			  struct paint_region r, float *out)
{
	if (it->kind == PAINT_ITEM_TEXT)
		text_coverage(w, it, m, r, out);
	else
		shape_coverage(w, it, m, &it->shape, r, out);
}

/* An 8-bit premultiplied colour from a float one, rounded. */
static unsigned to8(float v)
{
	return (unsigned)(BASE_MIN(BASE_MAX(v, 0.0f), 1.0f) * 255.0f + 0.5f);
}

/* Skia's 8-bit source-over on a fully covered pixel (SkPMSrcOver, which
 * Chromium's raster uses for solid colours and layers): the destination
 * scaled by 256 minus the source alpha, shifted down, plus the source.
 * Keeps translucent fills bit-exact with Chromium. */
static void srcover8(float *d, const unsigned s8[4])
{
	unsigned inv = 256u - s8[3];
	for (int k = 0; k < 4; k++)
		d[k] = (float)(s8[k] + ((to8(d[k]) * inv) >> 8)) * (1.0f / 255.0f);
}

/* Skia's SkBlendARGB32, with which Chromium's raster composites a layer
 * under a group alpha below 255: the source scaled by alpha + 1, the
 * destination by what the scaled source alpha leaves of 256
 * (SkAlphaMulInv256), summed and shifted down. */
static void blend8(float *d, const unsigned s8[4], unsigned alpha)
{
	unsigned ss = alpha + 1u, prod = 0xFFFFu - s8[3] * ss, ds = (prod + (prod >> 8)) >> 8;
	for (int k = 0; k < 4; k++)
		d[k] = (float)(((s8[k] * ss + to8(d[k]) * ds) >> 8) & 255u) * (1.0f / 255.0f);
}

/* A premultiplied colour as Skia premultiplies an 8-bit one by an 8-bit
 * alpha x (SkMulDiv255Round); rgba is premultiplied already. */
static void premul8(const float rgba[4], unsigned x, unsigned out[4])
{
	for (int k = 0; k < 3; k++) {
		unsigned c = rgba[3] > 0.0f ? to8(rgba[k] / rgba[3]) : 0u;
		out[k] = (c * x + 127u) / 255u;
	}
	out[3] = x;
}

/* Skia's 8x8 ordered dither, which Chromium applies to gradients: an
 * offset under half a level, from the device pixel's position, added to
 * the premultiplied colour before it is quantized. */
static void dither(float s[4], unsigned x, unsigned y)
{
	unsigned X = x, Y = y ^ x;
	unsigned m = (Y & 1u) << 5 | (X & 1u) << 4 | (Y & 2u) << 2 | (X & 2u) << 1 | (Y & 4u) >> 1 | (X & 4u) >> 2;
	float offset = ((float)m * (2.0f / 128.0f) - 63.0f / 128.0f) / 255.0f;
	for (int k = 0; k < 3; k++)
		s[k] = BASE_MIN(BASE_MAX(s[k] + offset, 0.0f), s[3]);
}

static void draw_item(struct worker *w, const struct paint_target *t, const struct paint_item *it,
		      struct paint_region tile, float *dst)
{
	struct paint_region r = tile;
	if (!region_bound(&r, t, it->bounds, it->fixed, it->sticky, 1.0f))
		return;
	/* Clips: pixel-snapped rectangles narrow the region; rounded or
	 * rotated ones become coverage masks. */
	const struct paint_clip *masks[32];
	int nmask = 0;
	for (const struct paint_clip *c = it->clip; c; c = c->parent) {
		struct paint_matrix cm = device_matrix(t, it, c->tf, c->fixed, c->sticky);
		if (paint_rrect_is_rect(&c->r) && is_axis_aligned(&cm)) {
			float ax, ay, bx, by;
			paint_matrix_apply(&cm, c->r.x, c->r.y, &ax, &ay);
			paint_matrix_apply(&cm, c->r.x + c->r.w, c->r.y + c->r.h, &bx, &by);
			if (!region_intersect(&r, clamp_int(roundf(BASE_MIN(ax, bx))), clamp_int(roundf(BASE_MIN(ay, by))),
					      clamp_int(roundf(BASE_MAX(ax, bx))), clamp_int(roundf(BASE_MAX(ay, by)))))
				return;
		} else if (nmask < (int)BASE_ARRAY_LEN(masks)) {
			masks[nmask++] = c;
		}
	}
	struct paint_matrix m = device_matrix(t, it, it->tf, it->fixed, it->sticky);
	size_t n = (size_t)r.w * (size_t)r.h;
	if (it->blur_sigma > 0.0f) {
		float sigma = BASE_MIN(it->blur_sigma, 150.0f) * t->scale;
		int margin = (int)ceilf(sigma * 3.0f) + 2;
		struct paint_region big = { r.x - margin, r.y - margin, r.w + 2 * margin, r.h + 2 * margin };
		size_t bn = (size_t)big.w * (size_t)big.h;
		ensure(&w->cov, &w->cov_cap, bn);
		w->tmp = base_xrealloc(w->tmp, bn * sizeof(float));
		item_coverage(w, it, &m, big, w->cov);
		paint_blur(w->cov, big.w, big.h, sigma, w->tmp);
		for (int y = 0; y < r.h; y++)
			memmove(w->cov + (size_t)y * (size_t)r.w,
				w->cov + (size_t)(y + margin) * (size_t)big.w + (size_t)margin, (size_t)r.w * sizeof(float));
	} else {
		ensure(&w->cov, &w->cov_cap, n);
		item_coverage(w, it, &m, r, w->cov);
	}
	w->mask = base_xrealloc(w->mask, n * sizeof(float));
	const struct paint_shape *masks_of_item[2] = { &it->mask, &it->mask2 };
	for (int k = 0; k < 2; k++) {
		const struct paint_shape *ms = masks_of_item[k];
		if (ms->kind == PAINT_SHAPE_NONE && !ms->invert)
			continue;
		shape_coverage(w, it, &m, ms, r, w->mask);
		for (size_t i = 0; i < n; i++)
			w->cov[i] *= w->mask[i];
	}
	for (int k = 0; k < nmask; k++) {
		struct paint_matrix cm = device_matrix(t, it, masks[k]->tf, masks[k]->fixed, masks[k]->sticky);
		struct paint_shape s = { .kind = PAINT_SHAPE_RRECT, .a = masks[k]->r };
		paint_cov_shape(&w->cv, &cm, &s, r, w->mask);
		for (size_t i = 0; i < n; i++)
			w->cov[i] *= w->mask[i];
	}
	/* Source-over compositing of source x coverage. */
	struct paint_matrix inv;
	bool solid = it->kind == PAINT_ITEM_TEXT || it->source == PAINT_SRC_COLOR;
	if (!solid && !paint_matrix_invert(&m, &inv))
		return;
	/* Footprint of a device pixel in local px, for image minification. */
	float fdx = solid ? 1.0f : fabsf(inv.a) + fabsf(inv.c), fdy = solid ? 1.0f : fabsf(inv.b) + fabsf(inv.d);
	bool gradient = it->source == PAINT_SRC_LINEAR || it->source == PAINT_SRC_RADIAL;
	/* The dither pattern stays with the content as it scrolls, as in
	 * Chromium's layers: device px counted from the document's origin
	 * (the viewport's for fixed content). */
	float dsx, dsy;
	paint_scroll_of(t, it->fixed, it->sticky, &dsx, &dsy);
	unsigned dither_x = (unsigned)lroundf(dsx * t->scale), dither_y = (unsigned)lroundf(dsy * t->scale);
	for (int y = 0; y < r.h; y++) {
		const float *cov = w->cov + (size_t)y * (size_t)r.w;
		float *d = dst + ((size_t)(r.y - tile.y + y) * TILE + (size_t)(r.x - tile.x)) * 4;
		if (solid) {
			/* The common case: one colour; opaque where fully covered. */
			const float *s = it->color;
			bool opaque = s[3] >= 1.0f;
			unsigned s8[4];
			premul8(s, to8(s[3]), s8);
			bool glyphs = it->kind == PAINT_ITEM_TEXT && it->blur_sigma <= 0.0f;
			for (int x = 0; x < r.w; x++, d += 4) {
				float c = cov[x];
				if (c <= 0.0f)
					continue;
				if (c >= 1.0f && opaque) {
					memcpy(d, s, 4 * sizeof(float));
					continue;
				}
				if (c >= 1.0f) {
					srcover8(d, s8);
					continue;
				}
				if (glyphs) {
					/* Skia blits a colour through a glyph mask in 8
					 * bits (blit_mask_d32_a8): the colour scaled by
					 * the mask, x * (aa + 1) >> 8, plus the
					 * destination scaled the same way by what the
					 * scaled colour's alpha leaves. */
					unsigned aa = to8(c), left_a = (s8[3] * (aa + 1u)) >> 8;
					for (int k = 0; k < 4; k++)
						d[k] = (float)(((s8[k] * (aa + 1u)) >> 8) + ((to8(d[k]) * (256u - left_a)) >> 8)) *
						       (1.0f / 255.0f);
					continue;
				}
				float ia = 1.0f - s[3] * c;
				for (int k = 0; k < 4; k++)
					d[k] = s[k] * c + d[k] * ia;
			}
			continue;
		}
		for (int x = 0; x < r.w; x++, d += 4) {
			float c = cov[x];
			if (c <= 0.0f)
				continue;
			float s[4], lx, ly;
			paint_matrix_apply(&inv, (float)(r.x + x) + 0.5f, (float)(r.y + y) + 0.5f, &lx, &ly);
			paint_source_sample(it, lx, ly, fdx, fdy, s);
			if (gradient)
				dither(s, (unsigned)(r.x + x) + dither_x, (unsigned)(r.y + y) + dither_y);
			float ia = 1.0f - s[3] * c * it->color[3];
			for (int k = 0; k < 4; k++)
				d[k] = s[k] * it->color[3] * c + d[k] * ia;
		}
	}
}

/* Whether a group's pop is where its push says: then an invisible group
 * is skipped whole, else its items are drawn (clipped) one by one. */
static bool group_skippable(const struct paint_display_list *dl, size_t push)
{
	return dl->items[push].pop_index > push && dl->items[push].pop_index < dl->count;
}

/* The last position in list (n item indices in painting order; NULL for
 * every item) of the group pushed at position p and popped at item pop. */
static size_t group_end(const size_t *list, size_t n, size_t p, size_t pop)
{
	while (p + 1 < n && (list ? list[p + 1] : p + 1) <= pop)
		p++;
	return p;
}

/* The position in job->items of the pop of the group pushed at position p
 * (kept with its push by cull_items). */
static size_t skip_group(const struct raster_job *job, size_t p)
{
	return group_end(job->items, job->count, p, job->dl->items[job->items[p]].pop_index);
}

/* At most this many bands are merged to find a target's items; a taller
 * target tests every item. */
#define MAX_MERGED_BANDS 7

/* The items that may paint in document rows [top, bottom] (CSS px), in
 * painting order: those of the bands there and every item in no band,
 * merged (an item spanning bands is in each). NULL when the rows span too
 * many bands for the index to pay. */
static size_t *band_candidates(const struct paint_display_list *dl, float top, float bottom, size_t *count)
{
	if (dl->band_count == 0 || !(top <= bottom))
		return NULL;
	size_t b0 = paint_band_of(dl, top), b1 = paint_band_of(dl, bottom);
	if (b1 - b0 + 1 > MAX_MERGED_BANDS || (b1 - b0 + 1) * 4 > dl->band_count)
		return NULL;
	const size_t *pos[MAX_MERGED_BANDS + 1], *end[MAX_MERGED_BANDS + 1];
	size_t lists = 0, total = 0;
	for (size_t b = b0; b <= b1; b++, lists++) {
		pos[lists] = dl->band_items + dl->band_start[b];
		end[lists] = dl->band_items + dl->band_start[b + 1];
		total += dl->band_start[b + 1] - dl->band_start[b];
	}
	pos[lists] = dl->unbanded;
	end[lists] = dl->unbanded + dl->unbanded_count;
	total += dl->unbanded_count;
	lists++;
	size_t *out = base_xmalloc(BASE_MAX(total, (size_t)1) * sizeof(*out));
	size_t n = 0;
	for (;;) {
		size_t next = SIZE_MAX;
		for (size_t k = 0; k < lists; k++)
			if (pos[k] < end[k] && *pos[k] < next)
				next = *pos[k];
		if (next == SIZE_MAX)
			break;
		out[n++] = next;
		for (size_t k = 0; k < lists; k++)
			if (pos[k] < end[k] && *pos[k] == next)
				pos[k]++;
	}
	*count = n;
	return out;
}

/* The items that can paint in the target: those outside it paint in no
 * tile (every test a tile makes is of the item's bounds against the
 * tile, a part of the target), so testing them once against the whole
 * target leaves each tile the same drawing at a fraction of the cost.
 * The band index leaves out at once most items of a target a few bands
 * tall. */
static void cull_items(struct raster_job *job)
{
	const struct paint_display_list *dl = job->dl;
	const struct paint_target *t = job->t;
	const struct paint_region whole = { t->origin_x, t->origin_y, t->width, t->height };
	/* The document rows the target shows, with room for the pixel an
	 * item's antialiasing reaches and for rounding: items that scroll
	 * and lie wholly above or below are out at the cost of two
	 * comparisons (the exact test follows for the others). */
	float margin = 2.0f / t->scale;
	float top = t->scroll_y + (float)t->origin_y / t->scale - margin;
	float bottom = top + (float)t->height / t->scale + 2 * margin;
	size_t n = dl->count;
	size_t *cand = band_candidates(dl, top, bottom, &n);
	job->items = base_xmalloc(BASE_MAX(n, (size_t)1) * sizeof(*job->items));
	for (size_t p = 0; p < n; p++) {
		size_t i = cand ? cand[p] : p;
		const struct paint_item *it = &dl->items[i];
		if (t->scrolled_only && (it->fixed || it->sticky))
			continue; /* a group's push, content and pop all are */
		bool scrolls = it->kind == PAINT_ITEM_PUSH_LAYER || (!it->fixed && !it->sticky);
		bool outside = scrolls && (it->bounds.y1 < top || it->bounds.y0 > bottom);
		struct paint_region r = whole;
		if (it->kind == PAINT_ITEM_PUSH_LAYER) {
			if ((it->opacity <= 0.0f || outside || !region_bound(&r, t, it->bounds, false, NULL, 1.0f)) &&
			    group_skippable(dl, i)) {
				p = group_end(cand, n, p, it->pop_index);
				continue;
			}
		} else if (it->kind != PAINT_ITEM_POP_LAYER &&
			   (outside || !region_bound(&r, t, it->bounds, it->fixed, it->sticky, 1.0f))) {
			continue;
		}
		job->items[job->count++] = i;
	}
	free(cand);
}

static void render_tile(void *ctx, size_t index, int worker_index)
{
	struct raster_job *job = ctx;
	struct worker *w = &job->workers[worker_index];
	const struct paint_target *t = job->t;
	w->scale = t->scale;
	struct paint_region tile = { t->origin_x + (int)(index % (size_t)job->tiles_x) * TILE,
				     t->origin_y + (int)(index / (size_t)job->tiles_x) * TILE, TILE, TILE };
	tile.w = BASE_MIN(TILE, t->origin_x + t->width - tile.x);
	tile.h = BASE_MIN(TILE, t->origin_y + t->height - tile.y);
	if (!w->layers[0])
		w->layers[0] = base_xmalloc((size_t)TILE * TILE * 4 * sizeof(float));
	float *base = w->layers[0];
	/* Only the tile's part of the buffer is drawn and read. */
	for (size_t i = 0; i < (size_t)tile.w; i++)
		memcpy(base + i * 4, job->dl->canvas_color, 4 * sizeof(float));
	for (size_t row = 1; row < (size_t)tile.h; row++)
		memcpy(base + row * TILE * 4, base, (size_t)tile.w * 4 * sizeof(float));
	int depth = 0, skipped = 0;
	for (size_t p = 0; p < job->count; p++) {
		size_t i = job->items[p];
		const struct paint_item *it = &job->dl->items[i];
		if (it->kind == PAINT_ITEM_PUSH_LAYER) {
			struct paint_region lr = tile;
			if (it->opacity <= 0.0f || !region_bound(&lr, t, it->bounds, false, NULL, 1.0f)) {
				if (group_skippable(job->dl, i))
					p = skip_group(job, p); /* the whole group is invisible here */
				else
					skipped++;
				continue;
			}
			const struct paint_item *only = it->pop_index == i + 2 ? &job->dl->items[i + 1] : NULL;
			if (only && (only->kind == PAINT_ITEM_TEXT ||
				     (only->kind == PAINT_ITEM_FILL && only->source == PAINT_SRC_COLOR))) {
				/* A group of one solid draw: Skia folds the group
				 * alpha into the draw's colour (SkRecordOpts). */
				struct paint_item folded = *only;
				const float *c = only->color;
				unsigned op8 = to8(it->opacity), a8 = (to8(c[3]) * op8 + 127u) / 255u;
				float a = (float)a8 * (1.0f / 255.0f);
				for (int k = 0; k < 3; k++)
					folded.color[k] = c[3] > 0.0f ? (float)to8(c[k] / c[3]) * (1.0f / 255.0f) * a : 0.0f;
				folded.color[3] = a;
				draw_item(w, t, &folded, tile, w->layers[depth]);
				p = skip_group(job, p);
				continue;
			}
			if (depth + 1 >= MAX_LAYERS) {
				skipped++;
				continue;
			}
			depth++;
			if (!w->layers[depth])
				w->layers[depth] = base_xmalloc((size_t)TILE * TILE * 4 * sizeof(float));
			for (int y = 0; y < lr.h; y++)
				memset(w->layers[depth] + ((size_t)(lr.y - tile.y + y) * TILE + (size_t)(lr.x - tile.x)) * 4, 0,
				       (size_t)lr.w * 4 * sizeof(float));
			/* Group alpha is 8-bit in browsers' compositors. */
			w->layer_opacity[depth] = roundf(it->opacity * 255.0f) / 255.0f;
			w->layer_region[depth] = lr;
		} else if (it->kind == PAINT_ITEM_POP_LAYER) {
			if (skipped) {
				skipped--;
				continue;
			}
			if (depth == 0)
				continue;
			float op = w->layer_opacity[depth];
			unsigned op8 = to8(op);
			struct paint_region lr = w->layer_region[depth];
			for (int y = 0; y < lr.h; y++) {
				size_t off = ((size_t)(lr.y - tile.y + y) * TILE + (size_t)(lr.x - tile.x)) * 4;
				const float *src = w->layers[depth] + off;
				float *dst = w->layers[depth - 1] + off;
				for (size_t px = 0; px < (size_t)lr.w * 4; px += 4) {
					if (src[px + 3] <= 0.0f)
						continue;
					/* The layer's pixels are 8-bit in Skia too. */
					unsigned s8[4];
					for (int k = 0; k < 4; k++)
						s8[k] = to8(src[px + k]);
					if (op8 >= 255u)
						srcover8(dst + px, s8);
					else
						blend8(dst + px, s8, op8);
				}
			}
			depth--;
		} else {
			draw_item(w, t, it, tile, w->layers[depth]);
		}
	}
	for (int y = 0; y < tile.h; y++) {
		uint8_t *out = t->pixels + (size_t)(tile.y - t->origin_y + y) * t->stride + (size_t)(tile.x - t->origin_x) * 4;
		const float *p = base + (size_t)y * TILE * 4;
		for (int x = 0; x < tile.w; x++, p += 4, out += 4) {
			float a = BASE_MIN(BASE_MAX(p[3], 0.0f), 1.0f);
			if (a <= 0.0f) {
				memset(out, 0, 4);
				continue;
			}
			float ia = a >= 1.0f ? 1.0f : 1.0f / a;
			for (int k = 0; k < 3; k++) {
				float v = p[k] * ia;
				v = BASE_MIN(BASE_MAX(v, 0.0f), 1.0f);
				out[k] = (uint8_t)(v * 255.0f + 0.5f);
			}
			out[3] = (uint8_t)(a * 255.0f + 0.5f);
		}
	}
}

int paint_rasterize(const struct paint_display_list *dl, const struct paint_target *t, struct base_pool *pool)
{
	if (!dl || !t || !t->pixels || t->width <= 0 || t->height <= 0 || t->stride < (size_t)t->width * 4 ||
	    !(t->scale > 0.0f) || t->scale > 16.0f)
		return -1;
	struct raster_job job = { .dl = dl, .t = t };
	job.tiles_x = (t->width + TILE - 1) / TILE;
	job.tiles_y = (t->height + TILE - 1) / TILE;
	cull_items(&job);
	int threads = pool ? base_pool_threads(pool) : 1;
	job.workers = base_xcalloc((size_t)threads, sizeof(struct worker));
	for (int i = 0; i < threads; i++)
		job.workers[i].stash = dl->glyphs;
	size_t ntiles = (size_t)job.tiles_x * (size_t)job.tiles_y;
	if (pool)
		base_pool_parallel_for(pool, ntiles, render_tile, &job);
	else
		for (size_t i = 0; i < ntiles; i++)
			render_tile(&job, i, 0);
	for (int i = 0; i < threads; i++) {
		struct worker *w = &job.workers[i];
		paint_cov_free(&w->cv);
		free(w->cov);
		free(w->mask);
		free(w->tmp);
		for (int k = 0; k < MAX_LAYERS; k++)
			free(w->layers[k]);
		if (w->glyphs_ready)
			paint_glyph_stash_give(w->stash, &w->glyphs);
	}
	free(job.workers);
	free(job.items);
	return 0;
}
