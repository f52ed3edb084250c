/* Rasterizer internals: coverage accumulation, blur, paint sources and the
 * glyph cache. Internal to paint/. All state is per worker thread. */
#ifndef WEFT_PAINT_RASTER_H
#define WEFT_PAINT_RASTER_H

#include "paint/display_list.h"

/* How far content scrolls for the target (CSS px): fixed content with the
 * viewport, the content of a box stuck to the viewport less its sticky
 * offset. */
void paint_scroll_of(const struct paint_target *t, bool fixed, const struct layout_sticky *sticky, float *sx, float *sy);

/* An integer device-pixel region. */
struct paint_region {
	int x, y, w, h;
};

/* Exact-area coverage accumulation over a region: lines add signed area
 * and cover to an accumulation buffer; a prefix sum along each row gives
 * each pixel's coverage (nonzero winding for non-overlapping contours). */
struct paint_cov {
	struct paint_region r;
	float *acc; /* (w + 2) * h */
	size_t cap;
	float *pts; /* scratch for flattened contours */
	size_t pts_len, pts_cap;
};

void paint_cov_begin(struct paint_cov *cv, struct paint_region r);
/* A line in device px (absolute coordinates). */
void paint_cov_line(struct paint_cov *cv, float x0, float y0, float x1, float y1);
/* Writes r.w * r.h coverage values (0..1). */
void paint_cov_finish(struct paint_cov *cv, float *out, bool invert);
void paint_cov_free(struct paint_cov *cv);
/* Adds a closed rounded rectangle mapped by m (reverse: opposite winding). */
void paint_cov_rrect(struct paint_cov *cv, const struct paint_matrix *m, const struct paint_rrect *r, bool reverse);
void paint_cov_poly(struct paint_cov *cv, const struct paint_matrix *m, const struct paint_poly *p);
/* Coverage of a shape over the region into out (r.w * r.h). */
void paint_cov_shape(struct paint_cov *cv, const struct paint_matrix *m, const struct paint_shape *s,
		     struct paint_region r, float *out);

/* Gaussian blur in place (separable, cut at 3 sigma); tmp has w * h
 * floats. */
void paint_blur(float *buf, int w, int h, float sigma, float *tmp);

/* Gradient colour at tile-local (u, v), premultiplied (gradient.c). */
void paint_gradient_sample(const struct paint_gradient *g, bool radial, float u, float v, float out[4]);

/* Premultiplied colour of a non-solid source at local point (x, y); a
 * device pixel covers dx x dy local px there (for image filtering). */
void paint_source_sample(const struct paint_item *it, float x, float y, float dx, float dy, float out[4]);

/* A rendered glyph: coverage bitmap, origin offset from the pen. */
struct paint_glyph_bitmap {
	int left, top; /* bitmap's top-left relative to the pen, y down */
	int width, height;
	uint8_t *cov;
};

struct paint_glyph_cache {
	struct base_map map;
	struct base_arena arena;
	uint8_t gamma[8][256]; /* mask gamma tables by text luminance */
	uint8_t gamma_ready;   /* bit i: gamma[i] is built */
};

void paint_glyph_cache_init(struct paint_glyph_cache *gc);
void paint_glyph_cache_free(struct paint_glyph_cache *gc);

/* Glyph caches kept between paintings of one display list, so that strips
 * painted one after another do not render the same glyphs again: a worker
 * takes one for a painting and gives it back after (glyphs are the same
 * whoever renders them, so the pixels do not depend on which). Locked;
 * owned by the display list. */
struct paint_glyph_stash;

struct paint_glyph_stash *paint_glyph_stash_new(void);
void paint_glyph_stash_free(struct paint_glyph_stash *s);
/* A kept cache (removed from the stash), or false when there is none. */
bool paint_glyph_stash_take(struct paint_glyph_stash *s, struct paint_glyph_cache *out);
/* Keeps gc for later paintings, or frees it when the stash is full or gc
 * has grown too large. */
void paint_glyph_stash_give(struct paint_glyph_stash *s, struct paint_glyph_cache *gc);
/* The bitmap of glyph id of face at size px (device), its outline moved
 * right by sub quarter pixels (0..3); NULL when it has no outline or
 * cannot be loaded. */
const struct paint_glyph_bitmap *paint_glyph_get(struct paint_glyph_cache *gc, const struct layout_face *face,
						  uint32_t id, float size, int sub);
/* The A8 mask of an FT_Outline (font units of 26.6 px, y up), slanted by
 * x += skew * y and moved right by dx px, drawn as Skia draws glyph paths;
 * allocated in a. NULL when the outline is empty or absurdly large. */
struct paint_glyph_bitmap *paint_glyph_mask(const void *ft_outline, double dx, float skew, struct base_arena *a);
/* The table that maps a glyph's coverage to the coverage Chromium blends
 * with for text of premultiplied colour rgba: Skia's mask gamma (contrast
 * 0.2, gamma 1.2 on Linux), chosen by the colour's luminance. */
const uint8_t *paint_glyph_gamma(struct paint_glyph_cache *gc, const float rgba[4]);
/* The glyph's unhinted outline at size px, y down from the pen, for
 * drawing under rotations and skews (never NULL). */
const struct paint_poly *paint_glyph_outline(struct paint_glyph_cache *gc, const struct layout_face *face, uint32_t id,
					     float size);
/* Ascent and underline thickness of a face at size px, for decorations. */
void paint_face_decoration_metrics(const struct layout_face *face, float size, float *ascent, float *thickness);

#endif
