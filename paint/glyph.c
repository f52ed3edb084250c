/* Glyph rasterization and a per-thread glyph cache.
 *
 * Glyph outlines come from FreeType with light (vertical-only) hinting,
 * as Chromium on Linux loads them (fontconfig's hintslight); synthetic
 * bold and oblique are applied to the outline the way Skia fakes them
 * (emboldening by 1/24..1/32 of the size, a 1/4 horizontal skew). The
 * outline is then filled as Skia fills paths (glyph_mask.c), at four
 * horizontal phases (quarter pixels), and the coverage is mapped through
 * Skia's mask gamma when blended. Each worker thread has
 * its own cache, so lookups take no lock; the shared FT_Face is locked
 * while it renders. */
#include "paint/raster.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include FT_TRUETYPE_TABLES_H

#include <math.h>
#include <pthread.h>
#include <string.h>

struct glyph_key {
	const struct layout_face *face;
	uint32_t id;
	int32_t size64;
	int32_t outline; /* 1: the flattened outline, 0: the bitmap */
	int32_t sub;	 /* horizontal subpixel phase, in quarter pixels */
};

void paint_glyph_cache_init(struct paint_glyph_cache *gc)
{
	base_map_init(&gc->map);
	base_arena_init(&gc->arena, 64 * 1024);
	gc->gamma_ready = 0;
}

void paint_glyph_cache_free(struct paint_glyph_cache *gc)
{
	base_map_free(&gc->map);
	base_arena_free(&gc->arena);
}

/* Caches kept: one per worker of a pool of this many threads, plus a
 * painting in the background; larger ones are dropped. */
#define GLYPH_STASH_MAX 8
#define GLYPH_CACHE_MAX_BYTES (32u * 1024 * 1024)

struct paint_glyph_stash {
	pthread_mutex_t lock;
	struct paint_glyph_cache caches[GLYPH_STASH_MAX];
	size_t count;
};

struct paint_glyph_stash *paint_glyph_stash_new(void)
{
	struct paint_glyph_stash *s = base_xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

void paint_glyph_stash_free(struct paint_glyph_stash *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->count; i++)
		paint_glyph_cache_free(&s->caches[i]);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

bool paint_glyph_stash_take(struct paint_glyph_stash *s, struct paint_glyph_cache *out)
{
	pthread_mutex_lock(&s->lock);
	bool found = s->count > 0;
	if (found)
		*out = s->caches[--s->count];
	pthread_mutex_unlock(&s->lock);
	return found;
}

void paint_glyph_stash_give(struct paint_glyph_stash *s, struct paint_glyph_cache *gc)
{
	bool kept = false;
	if (gc->arena.reserved + gc->map.keys.reserved <= GLYPH_CACHE_MAX_BYTES) {
		pthread_mutex_lock(&s->lock);
		if (s->count < GLYPH_STASH_MAX) {
			s->caches[s->count++] = *gc;
			kept = true;
		}
		pthread_mutex_unlock(&s->lock);
	}
	if (!kept)
		paint_glyph_cache_free(gc);
}

/* The size FreeType is given, in 26.6: Chromium keys its fonts by the
 * size truncated to 1/100 px, and Skia truncates that to 26.6. */
static int32_t skia_size64(float size)
{
	if (!(size > 0.0f && size < 65536.0f))
		return 0;
	float cached = (float)(uint32_t)(size * 100.0f) / 100.0f;
	return (int32_t)(cached * 64.0f);
}

/* Skia's fake-bold strength: 1/24 of the size at 9px down to 1/32 at 36px. */
static float fake_bold_strength(float size)
{
	float t = (size - 9.0f) / (36.0f - 9.0f);
	t = BASE_MIN(BASE_MAX(t, 0.0f), 1.0f);
	return size * (1.0f / 24.0f + t * (1.0f / 32.0f - 1.0f / 24.0f));
}

/* Applies Skia-style fake bold to a loaded outline, and fake oblique
 * when skew is set (masks skew the path instead, as Skia does). */
static void synthesize(const struct layout_face *face, FT_GlyphSlot slot, int32_t size64, bool skew)
{
	if (layout_face_synthetic_bold(face)) {
		FT_Pos s = (FT_Pos)(fake_bold_strength((float)size64 / 64.0f) * 64.0f);
		FT_Outline_EmboldenXY(&slot->outline, s, s);
	}
	if (skew && layout_face_synthetic_oblique(face)) {
		FT_Matrix skew = { 0x10000, 0x4000, 0, 0x10000 };
		FT_Outline_Transform(&slot->outline, &skew);
	}
}

static struct paint_glyph_bitmap *render(struct paint_glyph_cache *gc, const struct layout_face *face, uint32_t id,
					 int32_t size64, int32_t sub)
{
	FT_Face ft = layout_face_ft(face);
	if (!ft)
		return NULL;
	struct paint_glyph_bitmap *bm = NULL;
	/* Skia does not hint under a skew: fake italics are unhinted. */
	FT_Int32 hinting = layout_face_synthetic_oblique(face) ? FT_LOAD_NO_HINTING : FT_LOAD_TARGET_LIGHT;
	layout_face_lock(face);
	if (FT_Set_Char_Size(ft, 0, size64, 72, 72) == 0 && FT_Load_Glyph(ft, id, hinting | FT_LOAD_NO_BITMAP) == 0 &&
	    ft->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
		FT_GlyphSlot slot = ft->glyph;
		synthesize(face, slot, size64, false);
		/* Drawn from the hinted outline at its subpixel phase; a fake
		 * italic is slanted by a quarter on the path, in float. */
		bm = paint_glyph_mask(&slot->outline, (double)sub / 4.0, layout_face_synthetic_oblique(face) ? 0.25f : 0.0f,
				      &gc->arena);
	}
	layout_face_unlock(face);
	return bm;
}

const struct paint_glyph_bitmap *paint_glyph_get(struct paint_glyph_cache *gc, const struct layout_face *face,
						  uint32_t id, float size, int sub)
{
	struct glyph_key key;
	memset(&key, 0, sizeof(key));
	key.face = face;
	key.id = id;
	key.size64 = skia_size64(size);
	key.sub = sub & 3;
	if (key.size64 <= 0 || key.size64 > 64 * 2048)
		return NULL;
	void *v = base_map_get(&gc->map, (const char *)&key, sizeof(key));
	if (v)
		return v;
	static const struct paint_glyph_bitmap empty = { 0, 0, 0, 0, NULL };
	struct paint_glyph_bitmap *bm = render(gc, face, id, key.size64, key.sub);
	base_map_put(&gc->map, (const char *)&key, sizeof(key), bm ? bm : (void *)&empty);
	return bm;
}

/* Skia's correcting table for text of luminance lum (0..255): the glyph
 * coverage is raised by a contrast term, then corrected so that a linear
 * blend over the guessed background (the luminance's opposite) gives the
 * blend a gamma space would. Chromium's Linux build asks for contrast 0.2
 * and gamma 1.2 (SkMaskGamma.cpp, SkTMaskGamma_build_correcting_lut), but
 * the scaler context record keeps the contrast in 1/255 steps and the
 * gamma in 2.6 fixed point, truncated: 76/64 = 1.1875 is what the tables
 * are built with. */
static void build_gamma(uint8_t table[256], int lum)
{
	const float contrast = 51.0f / 255.0f, gamma = 76.0f / 64.0f;
	float src = (float)lum / 255.0f, dst = 1.0f - src;
	float lin_src = powf(src, gamma), lin_dst = powf(dst, gamma);
	float adjusted = contrast * lin_dst;
	for (int i = 0; i < 256; i++) {
		float raw = (float)i / 255.0f;
		float a = raw + (1.0f - raw) * adjusted * raw;
		float v = a;
		if (fabsf(src - dst) >= 1.0f / 256.0f) {
			float out = powf(lin_src * a + (1.0f - a) * lin_dst, 1.0f / gamma);
			v = (out - dst) / (src - dst);
		}
		table[i] = (uint8_t)BASE_MIN(BASE_MAX(floorf(v * 255.0f + 0.5f), 0.0f), 255.0f);
	}
}

const uint8_t *paint_glyph_gamma(struct paint_glyph_cache *gc, const float rgba[4])
{
	int c[3];
	for (int k = 0; k < 3; k++) {
		float v = rgba[3] > 0.0f ? rgba[k] / rgba[3] : 0.0f;
		int v8 = (int)BASE_MIN(BASE_MAX(v * 255.0f + 0.5f, 0.0f), 255.0f);
		/* The scaler record keeps the colour canonical first: three
		 * bits a channel, repeated (SkMaskGamma::CanonicalColor). */
		int i = v8 >> 5;
		c[k] = (i << 5) | (i << 2) | (i >> 1);
	}
	/* Then SkComputeLuminance of that colour, whose top three bits pick
	 * the table. */
	int lum = (c[0] * 54 + c[1] * 183 + c[2] * 19) >> 8;
	int i = lum >> 5;
	if (!(gc->gamma_ready & (1u << i))) {
		/* The table's own luminance: i's three bits repeated. */
		build_gamma(gc->gamma[i], (i << 5) | (i << 2) | (i >> 1));
		gc->gamma_ready = (uint8_t)(gc->gamma_ready | (1u << i));
	}
	return gc->gamma[i];
}

/* Outline flattening: FreeType's y-up 26.6 points to y-down px. */
struct flatten {
	struct paint_poly_builder *pb;
	float x, y;
};

static void flat_point(struct flatten *f, float x, float y)
{
	paint_pb_point(f->pb, x, y);
	f->x = x;
	f->y = y;
}

static int on_move(const FT_Vector *to, void *user)
{
	struct flatten *f = user;
	paint_pb_close(f->pb);
	flat_point(f, (float)to->x / 64.0f, -(float)to->y / 64.0f);
	return 0;
}

static int on_line(const FT_Vector *to, void *user)
{
	flat_point(user, (float)to->x / 64.0f, -(float)to->y / 64.0f);
	return 0;
}

static int on_conic(const FT_Vector *c, const FT_Vector *to, void *user)
{
	struct flatten *f = user;
	float x0 = f->x, y0 = f->y, cx = (float)c->x / 64.0f, cy = -(float)c->y / 64.0f;
	float x1 = (float)to->x / 64.0f, y1 = -(float)to->y / 64.0f;
	for (int i = 1; i <= 8; i++) {
		float t = (float)i / 8.0f, u = 1.0f - t;
		flat_point(f, u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1);
	}
	return 0;
}

static int on_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user)
{
	struct flatten *f = user;
	float x0 = f->x, y0 = f->y;
	float ax = (float)c1->x / 64.0f, ay = -(float)c1->y / 64.0f, bx = (float)c2->x / 64.0f, by = -(float)c2->y / 64.0f;
	float x1 = (float)to->x / 64.0f, y1 = -(float)to->y / 64.0f;
	for (int i = 1; i <= 12; i++) {
		float t = (float)i / 12.0f, u = 1.0f - t;
		flat_point(f, u * u * u * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x1,
			   u * u * u * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y1);
	}
	return 0;
}

const struct paint_poly *paint_glyph_outline(struct paint_glyph_cache *gc, const struct layout_face *face, uint32_t id,
					     float size)
{
	struct glyph_key key;
	memset(&key, 0, sizeof(key));
	key.face = face;
	key.id = id;
	key.size64 = skia_size64(size);
	key.outline = 1;
	if (key.size64 <= 0 || key.size64 > 64 * 2048)
		return NULL;
	void *v = base_map_get(&gc->map, (const char *)&key, sizeof(key));
	if (v)
		return v;
	FT_Face ft = layout_face_ft(face);
	struct paint_poly_builder pb = { 0 };
	if (ft) {
		layout_face_lock(face);
		if (FT_Set_Char_Size(ft, 0, key.size64, 72, 72) == 0 &&
		    FT_Load_Glyph(ft, id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0 &&
		    ft->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
			synthesize(face, ft->glyph, key.size64, true);
			static const FT_Outline_Funcs funcs = { on_move, on_line, on_conic, on_cubic, 0, 0 };
			struct flatten fl = { &pb, 0, 0 };
			FT_Outline_Decompose(&ft->glyph->outline, &funcs, &fl);
		}
		layout_face_unlock(face);
	}
	const struct paint_poly *poly = paint_pb_finish(&pb, &gc->arena);
	base_map_put(&gc->map, (const char *)&key, sizeof(key), (void *)poly);
	return poly;
}

void paint_face_decoration_metrics(const struct layout_face *face, float size, float *ascent, float *thickness)
{
	*ascent = size * 0.8f;
	*thickness = size / 15.0f;
	FT_Face ft = face ? layout_face_ft(face) : NULL;
	if (!ft || ft->units_per_EM == 0)
		return;
	layout_face_lock(face);
	float k = size / (float)ft->units_per_EM;
	*ascent = (float)ft->ascender * k;
	if (ft->underline_thickness > 0)
		*thickness = (float)ft->underline_thickness * k;
	layout_face_unlock(face);
}
