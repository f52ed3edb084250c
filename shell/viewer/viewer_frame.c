/* viewer_frame.c — composing and presenting one frame of the viewer.
 *
 * A frame is the visible rows of the cached document strips copied into a
 * streaming texture (same pixel format, so a plain row copy), the areas of
 * fixed and sticky boxes painted again over them, then the scrollbar
 * indicator and the message bar drawn over it. Screenshots read
 * the renderer's pixels back after the copy, so they hold exactly what the
 * window shows. */
#include "shell/viewer/viewer.h"

#include <math.h>
#include <string.h>
#include <time.h>

/* The scrollbar indicator: a thumb this many CSS px wide, this far from
 * the window edge, at least this long. */
#define VIEWER_SCROLLBAR_WIDTH 6
#define VIEWER_SCROLLBAR_MARGIN 2
#define VIEWER_SCROLLBAR_MIN_LENGTH 24
/* Height of the message bar, CSS px (at the HiDPI scale, not zoomed). */
#define VIEWER_MESSAGE_HEIGHT 24

static enum viewer_frame_kind frame_kind(unsigned reasons)
{
	for (int k = 0; k < VIEWER_FRAME_KIND_COUNT; k++)
		if (reasons & (1u << k))
			return (enum viewer_frame_kind)k;
	return VIEWER_FRAME_OTHER;
}

static void fill_white(uint8_t *row, int width)
{
	memset(row, 0xff, (size_t)width * 4);
}

static void compose_document(struct viewer *v, uint8_t *pixels, int pitch)
{
	int ix = (int)lround(v->scroll_x), iy = (int)lround(v->scroll_y);
	size_t row_bytes = (size_t)v->dev_w * 4;
	struct weft_error prep_err = {0};
	if (v->doc && !viewer_tiles_prepare(&v->tiles, v->doc, v->scale, iy / VIEWER_TILE_HEIGHT,
					    (iy + v->dev_h - 1) / VIEWER_TILE_HEIGHT, ix, &prep_err) &&
	    !v->message[0])
		viewer_show_message(v, "Paint failed: %s", prep_err.message);
	for (int y = 0; y < v->dev_h;) {
		int doc_y = iy + y;
		int row = doc_y / VIEWER_TILE_HEIGHT, within = doc_y % VIEWER_TILE_HEIGHT;
		int n = BASE_MIN(VIEWER_TILE_HEIGHT - within, v->dev_h - y);
		struct weft_error err = {0};
		const uint8_t *tile = v->doc ? viewer_tiles_get(&v->tiles, v->doc, v->scale, row, ix, &err) : NULL;
		for (int r = 0; r < n; r++) {
			uint8_t *dst = pixels + (size_t)(y + r) * (size_t)pitch;
			if (tile)
				memcpy(dst, tile + (size_t)(within + r) * v->tiles.stride, row_bytes);
			else
				fill_white(dst, v->dev_w);
		}
		if (!tile && v->doc && !v->message[0])
			viewer_show_message(v, "Paint failed: %s", err.message);
		y += n;
	}
	/* The strips hold what scrolls; fixed and sticky boxes are painted
	 * over them where they are for this scroll position. */
	struct weft_error err = {0};
	if (v->doc && !viewer_tiles_paint_attached(&v->tiles, v->doc, v->scale, ix, iy, v->dev_h, pixels, pitch, &err) &&
	    !v->message[0])
		viewer_show_message(v, "Paint failed: %s", err.message);
}

/* Darkens a rectangle by half towards grey; the same on every channel, so
 * it works whatever the byte order of the format. */
static void shade_rect(uint8_t *pixels, int pitch, int x, int y, int w, int h)
{
	for (int r = y; r < y + h; r++) {
		uint8_t *p = pixels + (size_t)r * (size_t)pitch + (size_t)x * 4;
		for (int i = 0; i < w * 4; i++)
			p[i] = (uint8_t)((p[i] + 0x50) >> 1);
	}
}

static void draw_scrollbars(struct viewer *v, uint8_t *pixels, int pitch)
{
	int thick = (int)lroundf(VIEWER_SCROLLBAR_WIDTH * v->hidpi);
	int margin = (int)lroundf(VIEWER_SCROLLBAR_MARGIN * v->hidpi);
	int min_len = (int)lroundf(VIEWER_SCROLLBAR_MIN_LENGTH * v->hidpi);
	double content_h = ceil(v->doc_h * v->scale), content_w = ceil(v->doc_w * v->scale);
	if (content_h > v->dev_h && v->dev_w > thick + margin) {
		int track = v->dev_h - 2 * margin;
		int len = BASE_MAX(min_len, (int)(track * (double)v->dev_h / content_h));
		len = BASE_MIN(len, track);
		int pos = margin + (int)lround((track - len) * v->scroll_y / (content_h - v->dev_h));
		if (track > 0 && pos >= 0 && pos + len <= v->dev_h)
			shade_rect(pixels, pitch, v->dev_w - margin - thick, pos, thick, len);
	}
	if (content_w > v->dev_w && v->dev_h > thick + margin) {
		int track = v->dev_w - 2 * margin - thick;
		int len = BASE_MAX(min_len, (int)(track * (double)v->dev_w / content_w));
		len = BASE_MIN(len, track);
		int pos = margin + (int)lround((track - len) * v->scroll_x / (content_w - v->dev_w));
		if (track > 0 && pos >= 0 && pos + len <= v->dev_w)
			shade_rect(pixels, pitch, pos, v->dev_h - margin - thick, len, thick);
	}
}

static void draw_message(struct viewer *v, uint8_t *pixels, int pitch)
{
	if (!v->message[0])
		return;
	int h = BASE_MIN((int)lroundf(VIEWER_MESSAGE_HEIGHT * v->hidpi), v->dev_h);
	if (!v->message_ready || h != v->message_h) {
		size_t bytes = (size_t)v->dev_w * 4 * (size_t)BASE_MAX(h, 1);
		v->message_pixels = base_xrealloc(v->message_pixels, bytes);
		v->message_native = base_xrealloc(v->message_native, bytes);
		v->message_h = h;
		struct weft_error err = {0};
		if (viewer_message_paint(v->engine, v->message, v->message_pixels, v->dev_w, h, v->hidpi, &err) !=
		    WEFT_OK) {
			fprintf(stderr, "weft view: %s (message bar: %s)\n", v->message, err.message);
			v->message[0] = '\0';
			return;
		}
		SDL_ConvertPixels(v->dev_w, h, SDL_PIXELFORMAT_RGBA32, v->message_pixels, v->dev_w * 4, v->format,
				  v->message_native, v->dev_w * 4);
		v->message_ready = true;
	}
	for (int r = 0; r < h; r++)
		memcpy(pixels + (size_t)(v->dev_h - h + r) * (size_t)pitch,
		       v->message_native + (size_t)r * (size_t)v->dev_w * 4, (size_t)v->dev_w * 4);
}

int viewer_screenshot(struct viewer *v, const char *path, struct weft_error *err)
{
	size_t stride = (size_t)v->dev_w * 4;
	uint8_t *buf = base_xmalloc(stride * (size_t)v->dev_h);
	int rc = WEFT_OK;
	if (SDL_RenderReadPixels(v->renderer, NULL, SDL_PIXELFORMAT_RGBA32, buf, (int)stride) != 0) {
		err->status = WEFT_ERR_RENDER;
		snprintf(err->message, sizeof(err->message), "cannot read the window's pixels: %s", SDL_GetError());
		rc = WEFT_ERR_RENDER;
	} else {
		/* The window has no alpha channel: what is shown is opaque. */
		for (size_t i = 3; i < stride * (size_t)v->dev_h; i += 4)
			buf[i] = 0xff;
		rc = weft_png_write(path, buf, v->dev_w, v->dev_h, stride, err);
	}
	free(buf);
	return rc;
}

uint64_t viewer_cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void viewer_render_frame(struct viewer *v)
{
	uint64_t start = base_now_ns(), cpu_start = viewer_cpu_ns();
	struct viewer_frame_stat stat = {.kind = frame_kind(v->reasons)};
	if (v->needs_layout) {
		viewer_relayout(v);
		stat.layout_ns = base_now_ns() - start;
	}
	v->tiles.painted = 0;
	v->tiles.attached = 0;
	v->tiles.paint_ns = 0;
	uint64_t compose_start = base_now_ns();
	void *pixels;
	int pitch;
	if (SDL_LockTexture(v->texture, NULL, &pixels, &pitch) == 0) {
		compose_document(v, pixels, pitch);
		if (v->show_scrollbar)
			draw_scrollbars(v, pixels, pitch);
		draw_message(v, pixels, pitch);
		SDL_UnlockTexture(v->texture);
	}
	uint64_t present_start = base_now_ns();
	stat.compose_ns = present_start - compose_start - v->tiles.paint_ns;
	SDL_RenderCopy(v->renderer, v->texture, NULL, NULL);
	viewer_find_draw(v);
	uint64_t shot_ns = 0;
	if (v->screenshot_path) {
		uint64_t t = base_now_ns();
		struct weft_error err = {0};
		if (viewer_screenshot(v, v->screenshot_path, &err) != WEFT_OK) {
			fprintf(stderr, "weft view: screenshot %s: %s\n", v->screenshot_path, err.message);
			v->status = 1;
		} else if (v->screenshot_announce) {
			viewer_show_message(v, "Saved %s", v->screenshot_path);
		}
		free(v->screenshot_path);
		v->screenshot_path = NULL;
		v->screenshot_announce = false;
		shot_ns = base_now_ns() - t;
	}
	SDL_RenderPresent(v->renderer);
	uint64_t end = base_now_ns();
	stat.present_ns = end - present_start - shot_ns;
	stat.total_ns = end - start - shot_ns + v->work_ns;
	stat.cpu_ns = viewer_cpu_ns() - cpu_start + v->work_cpu_ns;
	stat.layout_ns += v->work_ns;
	stat.paint_ns = v->tiles.paint_ns;
	stat.tiles_painted = v->tiles.painted;
	stat.attached_painted = v->tiles.attached;
	stat.damage = stat.kind == VIEWER_FRAME_HOVER ? v->damage : -1;
	v->damage = -1;
	v->work_ns = 0;
	v->work_cpu_ns = 0;
	v->dirty = false;
	v->reasons = 0;
	if (v->stats_enabled)
		viewer_stats_add(&v->stats, &stat);
}

void viewer_prefetch(struct viewer *v)
{
	if (!v->doc || v->needs_layout)
		return;
	int ix = (int)lround(v->scroll_x), iy = (int)lround(v->scroll_y);
	int first = iy / VIEWER_TILE_HEIGHT, last = (iy + v->dev_h - 1) / VIEWER_TILE_HEIGHT;
	int end_row = (int)ceil(v->doc_h * v->scale) / VIEWER_TILE_HEIGHT;
	/* Two strips ahead, so that one is ready while the next is painted,
	 * then one behind. */
	int ahead = v->scroll_dir < 0 ? -1 : 1, near = ahead > 0 ? last : first, far = ahead > 0 ? first : last;
	const int candidates[] = {near + ahead, near + 2 * ahead, far - ahead};
	int rows[BASE_ARRAY_LEN(candidates)];
	size_t n = 0;
	for (size_t i = 0; i < BASE_ARRAY_LEN(candidates); i++)
		if (candidates[i] >= 0 && candidates[i] <= end_row)
			rows[n++] = candidates[i];
	viewer_tiles_prefetch(&v->tiles, v->doc, v->scale, rows, n, ix, first, last);
}
