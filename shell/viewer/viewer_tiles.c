/* viewer_tiles.c — the viewer's cache of painted document strips.
 *
 * Scrolling must not relayout nor repaint what was already painted: the
 * document is painted in strips VIEWER_TILE_HEIGHT device px tall and as
 * wide as the window, kept in the texture's pixel format so composing a
 * frame is a row copy. The cache holds the strips of one window height plus
 * a margin; the least recently used strip is reused first. Strips about to
 * come into view are painted by the background painter (viewer_raster.c);
 * a frame paints a strip itself only when it is neither cached nor being
 * painted, and waits for it when it is. Everything is owned by the struct
 * viewer_tiles. */
#include "shell/viewer/viewer.h"

#include <math.h>
#include <string.h>

/* Strips kept beyond those covering the window: prefetched neighbours and
 * the strips just scrolled past. */
#define VIEWER_TILE_MARGIN 6

void viewer_tiles_init(struct viewer_tiles *t, uint32_t format)
{
	memset(t, 0, sizeof(*t));
	t->format = format;
	viewer_raster_init(&t->raster);
}

static void tiles_release(struct viewer_tiles *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->tiles[i].pixels);
	free(t->tiles);
	free(t->scratch);
	for (size_t i = 0; i < VIEWER_ATTACHED_MAX; i++) {
		free(t->areas[i].pixels);
		t->areas[i] = (struct viewer_area){0};
	}
	t->tiles = NULL;
	t->scratch = NULL;
	t->count = 0;
}

void viewer_tiles_resize(struct viewer_tiles *t, int width, int height)
{
	viewer_raster_drop(&t->raster);
	t->list_ready = false;
	tiles_release(t);
	t->width = BASE_MAX(width, 1);
	t->stride = (size_t)t->width * 4;
	t->visible = BASE_MAX(height, 1) / VIEWER_TILE_HEIGHT + 2;
	t->count = (size_t)(t->visible + VIEWER_TILE_MARGIN);
	t->tiles = base_xcalloc(t->count, sizeof(*t->tiles));
	for (size_t i = 0; i < t->count; i++)
		t->tiles[i].pixels = base_xmalloc(t->stride * VIEWER_TILE_HEIGHT);
	t->scratch = base_xmalloc(t->stride * VIEWER_TILE_HEIGHT * (size_t)t->visible);
	viewer_raster_resize(&t->raster, t->stride);
}

static void areas_invalidate(struct viewer_tiles *t)
{
	for (size_t i = 0; i < VIEWER_ATTACHED_MAX; i++)
		t->areas[i].valid = false;
}

void viewer_tiles_sync(struct viewer_tiles *t)
{
	viewer_raster_wait(&t->raster);
}

void viewer_tiles_invalidate(struct viewer_tiles *t)
{
	viewer_raster_drop(&t->raster);
	t->list_ready = false;
	for (size_t i = 0; i < t->count; i++)
		t->tiles[i].valid = false;
	areas_invalidate(t);
}

static struct viewer_tile *tiles_find(const struct viewer_tiles *t, int row, int scroll_x)
{
	for (size_t i = 0; i < t->count; i++) {
		struct viewer_tile *tile = &t->tiles[i];
		if (tile->valid && tile->row == row && tile->scroll_x == scroll_x)
			return tile;
	}
	return NULL;
}

/* Changed areas beyond this share of a strip repaint it whole. */
#define VIEWER_DIRTY_MAX_SHARE 0.5

/* Margin around a damaged area, device px: antialiasing reaches a pixel
 * past an item's bounds. */
#define VIEWER_DAMAGE_MARGIN 2

static struct weft_pixel_rect rect_union(struct weft_pixel_rect a, struct weft_pixel_rect b)
{
	if (a.width <= 0 || a.height <= 0)
		return b;
	int x0 = BASE_MIN(a.x, b.x), y0 = BASE_MIN(a.y, b.y);
	int x1 = BASE_MAX(a.x + a.width, b.x + b.width), y1 = BASE_MAX(a.y + a.height, b.y + b.height);
	return (struct weft_pixel_rect){x0, y0, x1 - x0, y1 - y0};
}

void viewer_tiles_damage(struct viewer_tiles *t, double x0, double y0, double x1, double y1)
{
	/* The display list changed: fixed content may have too, and a strip
	 * the painter made may show the old list. */
	viewer_raster_drop(&t->raster);
	t->list_ready = false;
	areas_invalidate(t);
	if (!(x1 > x0 && y1 > y0))
		return;
	x0 = floor(x0) - VIEWER_DAMAGE_MARGIN;
	y0 = floor(y0) - VIEWER_DAMAGE_MARGIN;
	x1 = ceil(x1) + VIEWER_DAMAGE_MARGIN;
	y1 = ceil(y1) + VIEWER_DAMAGE_MARGIN;
	for (size_t i = 0; i < t->count; i++) {
		struct viewer_tile *tile = &t->tiles[i];
		if (!tile->valid)
			continue;
		/* The damage in the strip's own device px, clamped to it. */
		double top = (double)tile->row * VIEWER_TILE_HEIGHT, left = tile->scroll_x;
		double ax = BASE_MAX(x0 - left, 0.0), ay = BASE_MAX(y0 - top, 0.0);
		double bx = BASE_MIN(x1 - left, (double)t->width), by = BASE_MIN(y1 - top, (double)VIEWER_TILE_HEIGHT);
		if (!(bx > ax && by > ay))
			continue;
		struct weft_pixel_rect r = {(int)ax, (int)ay, (int)(bx - ax), (int)(by - ay)};
		tile->dirty = rect_union(tile->dirty, r);
		if ((double)tile->dirty.width * tile->dirty.height >
		    VIEWER_DIRTY_MAX_SHARE * t->width * VIEWER_TILE_HEIGHT)
			tile->valid = false;
	}
}

/* Whether a painting placed device px `offset` from the document's origin
 * is placed there exactly: the engine places it at offset / scale CSS px
 * times the scale, in floats. */
static bool exact_offset(int offset, float scale)
{
	return (float)offset / scale * scale == (float)offset;
}

/* Converts width x height RGBA8 pixels at src (the scratch's stride) to
 * the cache's format at dst, pitch bytes a row. */
static bool tiles_convert(const struct viewer_tiles *t, const uint8_t *src, int width, int height, uint8_t *dst,
			  int pitch, struct weft_error *err)
{
	if (SDL_ConvertPixels(width, height, SDL_PIXELFORMAT_RGBA32, src, (int)t->stride, t->format, dst, pitch) == 0)
		return true;
	err->status = WEFT_ERR_RENDER;
	snprintf(err->message, sizeof(err->message), "pixel conversion failed: %s", SDL_GetError());
	return false;
}

/* Repaints the changed part of a strip, placed exactly as the strip was
 * (else from the strip's own edge on that axis), so that its pixels equal
 * those of a painting of the whole strip. */
static bool tiles_repair(struct viewer_tiles *t, struct weft_document *doc, float scale, struct viewer_tile *tile,
			 struct weft_error *err)
{
	uint64_t start = base_now_ns();
	struct weft_pixel_rect r = tile->dirty;
	int top = tile->row * VIEWER_TILE_HEIGHT;
	if (!exact_offset(tile->scroll_x, scale) || !exact_offset(tile->scroll_x + r.x, scale)) {
		r.width += r.x;
		r.x = 0;
	}
	if (!exact_offset(top, scale) || !exact_offset(top + r.y, scale)) {
		r.height += r.y;
		r.y = 0;
	}
	struct weft_paint_target target = {
		.pixels = t->scratch,
		.width = r.width,
		.height = r.height,
		.stride = t->stride,
		.scale = scale,
		.scroll_x = (float)(tile->scroll_x + r.x) / scale,
		.scroll_y = (float)(top + r.y) / scale,
	};
	if (weft_document_paint_scrolled(doc, &target, err) != WEFT_OK)
		return false;
	t->list_ready = true;
	uint8_t *dst = tile->pixels + (size_t)r.y * t->stride + (size_t)r.x * 4;
	if (!tiles_convert(t, t->scratch, r.width, r.height, dst, (int)t->stride, err)) {
		tile->valid = false;
		return false;
	}
	tile->dirty = (struct weft_pixel_rect){0};
	t->painted++;
	t->paint_ns += base_now_ns() - start;
	return true;
}

/* The least recently used strip, not one of rows [keep_first, keep_last]. */
static struct viewer_tile *tiles_victim(struct viewer_tiles *t, int keep_first, int keep_last, int scroll_x)
{
	struct viewer_tile *victim = NULL;
	for (size_t i = 0; i < t->count; i++) {
		struct viewer_tile *tile = &t->tiles[i];
		if (!tile->valid)
			return tile;
		if (tile->scroll_x == scroll_x && tile->row >= keep_first && tile->row <= keep_last)
			continue;
		if (!victim || tile->last_used < victim->last_used)
			victim = tile;
	}
	return victim;
}

/* The target (without pixels) of `rows` strips from strip `first`, at
 * horizontal scroll scroll_x device px. */
static struct weft_paint_target strips_target(const struct viewer_tiles *t, float scale, int first, int rows,
					      int scroll_x)
{
	return (struct weft_paint_target){
		.width = t->width,
		.height = VIEWER_TILE_HEIGHT * rows,
		.stride = t->stride,
		.scale = scale,
		.scroll_x = (float)scroll_x / scale,
		.scroll_y = (float)first * VIEWER_TILE_HEIGHT / scale,
	};
}

/* Paints rows [first, last] in one call to the engine (its cost per call
 * is not negligible: a full repaint is one call, not one per strip). */
static bool tiles_paint(struct viewer_tiles *t, struct weft_document *doc, float scale, int first, int last,
			int scroll_x, struct weft_error *err)
{
	uint64_t start = base_now_ns();
	struct weft_paint_target target = strips_target(t, scale, first, last - first + 1, scroll_x);
	target.pixels = t->scratch;
	if (weft_document_paint_scrolled(doc, &target, err) != WEFT_OK)
		return false;
	t->list_ready = true;
	for (int row = first; row <= last; row++) {
		struct viewer_tile *tile = tiles_find(t, row, scroll_x);
		if (!tile)
			tile = tiles_victim(t, first, last, scroll_x);
		const uint8_t *src = t->scratch + (size_t)(row - first) * VIEWER_TILE_HEIGHT * t->stride;
		if (!tiles_convert(t, src, t->width, VIEWER_TILE_HEIGHT, tile->pixels, (int)t->stride, err)) {
			tile->valid = false;
			return false;
		}
		tile->row = row;
		tile->scroll_x = scroll_x;
		tile->valid = true;
		tile->dirty = (struct weft_pixel_rect){0};
		tile->last_used = ++t->clock;
		t->painted++;
	}
	t->paint_ns += base_now_ns() - start;
	return true;
}

/* Takes in the strip the painter finished, if it is still wanted, in
 * place of a strip not in rows [keep_first, keep_last]. */
static void tiles_collect(struct viewer_tiles *t, int keep_first, int keep_last)
{
	struct viewer_raster *r = &t->raster;
	if (viewer_raster_state(r) != VIEWER_RASTER_DONE)
		return;
	if (r->ok && !tiles_find(t, r->row, r->scroll_x)) {
		struct viewer_tile *tile = tiles_victim(t, keep_first, keep_last, r->scroll_x);
		uint8_t *swap = tile->pixels;
		tile->pixels = r->pixels;
		r->pixels = swap;
		tile->row = r->row;
		tile->scroll_x = r->scroll_x;
		tile->valid = true;
		tile->dirty = (struct weft_pixel_rect){0};
		tile->last_used = ++t->clock;
	}
	viewer_raster_drop(r);
}

/* Collects the painter's strip, first waiting for it when it is one of
 * rows [first, last], which a frame needs now. */
static void tiles_claim(struct viewer_tiles *t, int first, int last, int scroll_x)
{
	struct viewer_raster *r = &t->raster;
	enum viewer_raster_state s = viewer_raster_state(r);
	if ((s == VIEWER_RASTER_QUEUED || s == VIEWER_RASTER_RUNNING) && r->row >= first && r->row <= last &&
	    r->scroll_x == scroll_x && !tiles_find(t, r->row, scroll_x)) {
		uint64_t start = base_now_ns();
		viewer_raster_wait(r);
		t->paint_ns += base_now_ns() - start;
	}
	tiles_collect(t, first, last);
}

void viewer_tiles_prefetch(struct viewer_tiles *t, struct weft_document *doc, float scale, const int *rows,
			   size_t count, int scroll_x, int keep_first, int keep_last)
{
	tiles_collect(t, keep_first, keep_last);
	if (viewer_raster_state(&t->raster) != VIEWER_RASTER_IDLE)
		return;
	for (size_t i = 0; i < count; i++) {
		int row = rows[i];
		if (tiles_find(t, row, scroll_x))
			continue;
		struct weft_error err = {0};
		/* Until a frame painted, the display list may not be built:
		 * only the main thread may build it. */
		if (!t->list_ready) {
			tiles_paint(t, doc, scale, row, row, scroll_x, &err);
			return;
		}
		struct weft_paint_target target = strips_target(t, scale, row, 1, scroll_x);
		if (!viewer_raster_queue(&t->raster, doc, &target, t->format, row, scroll_x))
			tiles_paint(t, doc, scale, row, row, scroll_x, &err);
		return;
	}
}

bool viewer_tiles_prepare(struct viewer_tiles *t, struct weft_document *doc, float scale, int first, int last,
			  int scroll_x, struct weft_error *err)
{
	last = BASE_MIN(last, first + t->visible - 1);
	tiles_claim(t, first, last, scroll_x);
	while (first <= last && tiles_find(t, first, scroll_x))
		first++;
	while (last >= first && tiles_find(t, last, scroll_x))
		last--;
	return first > last || tiles_paint(t, doc, scale, first, last, scroll_x, err);
}

const uint8_t *viewer_tiles_get(struct viewer_tiles *t, struct weft_document *doc, float scale, int row,
				int scroll_x, struct weft_error *err)
{
	struct viewer_tile *tile = tiles_find(t, row, scroll_x);
	if (!tile) {
		tiles_claim(t, row, row, scroll_x);
		tile = tiles_find(t, row, scroll_x);
	}
	if (!tile) {
		if (!tiles_paint(t, doc, scale, row, row, scroll_x, err))
			return NULL;
		tile = tiles_find(t, row, scroll_x);
	}
	if (tile->dirty.width > 0 && !tiles_repair(t, doc, scale, tile, err))
		return NULL;
	tile->last_used = ++t->clock;
	return tile->pixels;
}

static bool same_rect(struct weft_pixel_rect a, struct weft_pixel_rect b)
{
	return a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height;
}

/* Copies height rows of width * 4 bytes. */
static void copy_rows(uint8_t *dst, size_t dst_pitch, const uint8_t *src, size_t src_pitch, int width, int height)
{
	for (int r = 0; r < height; r++)
		memcpy(dst + (size_t)r * dst_pitch, src + (size_t)r * src_pitch, (size_t)width * 4);
}

bool viewer_tiles_paint_attached(struct viewer_tiles *t, struct weft_document *doc, float scale, int scroll_x,
				 int scroll_y, int height, uint8_t *dst, int pitch, struct weft_error *err)
{
	uint64_t start = base_now_ns();
	height = BASE_MIN(height, VIEWER_TILE_HEIGHT * t->visible);
	struct weft_paint_target window = {
		.width = t->width,
		.height = height,
		.scale = scale,
		.scroll_x = (float)scroll_x / scale,
		.scroll_y = (float)scroll_y / scale,
	};
	struct weft_attached_area areas[VIEWER_ATTACHED_MAX];
	size_t n = weft_document_attached_area(doc, &window, areas, VIEWER_ATTACHED_MAX);
	for (size_t i = 0; i < n; i++) {
		struct weft_pixel_rect a = areas[i].rect;
		uint8_t *out = dst + (size_t)a.y * (size_t)pitch + (size_t)a.x * 4;
		const struct viewer_area *hit = NULL;
		for (size_t k = 0; k < VIEWER_ATTACHED_MAX && areas[i].self_contained && !hit; k++)
			if (t->areas[k].valid && t->areas[k].key == areas[i].key && same_rect(t->areas[k].rect, a))
				hit = &t->areas[k];
		if (hit) {
			copy_rows(out, (size_t)pitch, hit->pixels, (size_t)a.width * 4, a.width, a.height);
			continue;
		}
		if (weft_document_paint_area(doc, &window, a, t->scratch, t->stride, err) != WEFT_OK)
			return false;
		if (!tiles_convert(t, t->scratch, a.width, a.height, out, pitch, err))
			return false;
		t->attached++;
		struct viewer_area *cached = &t->areas[i];
		cached->valid = areas[i].self_contained;
		if (cached->valid) {
			size_t bytes = (size_t)a.width * 4 * (size_t)a.height;
			if (bytes > cached->cap) {
				cached->pixels = base_xrealloc(cached->pixels, bytes);
				cached->cap = bytes;
			}
			copy_rows(cached->pixels, (size_t)a.width * 4, out, (size_t)pitch, a.width, a.height);
			cached->rect = a;
			cached->key = areas[i].key;
		}
	}
	t->paint_ns += base_now_ns() - start;
	return true;
}

void viewer_tiles_free(struct viewer_tiles *t)
{
	viewer_raster_free(&t->raster);
	tiles_release(t);
}
