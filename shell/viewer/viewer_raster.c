/* viewer_raster.c — the viewer's background strip painter.
 *
 * Scrolling exposes a new strip every few frames; painting it inside the
 * frame makes that frame miss its deadline when events come back to back
 * (a wheel burst). As browsers raster on other threads, one thread paints
 * the strips ahead of the scroll while the main thread composes and
 * presents. It paints one strip at a time with the document's painting
 * calls, which may run concurrently with the main thread's (the engine's
 * pool serves one of them, the other paints alone), and converts it to the
 * cache's pixel format; the main thread swaps the buffer into the cache.
 * The state machine is idle -> queued -> running -> done -> idle; only the
 * main thread queues and collects, so the job's fields are written only
 * while the painter cannot read them. Everything is owned by the struct
 * viewer_raster. */
#include "shell/viewer/viewer.h"

#include <string.h>

void viewer_raster_init(struct viewer_raster *r)
{
	memset(r, 0, sizeof(*r));
	r->lock = SDL_CreateMutex();
	r->cond = SDL_CreateCond();
	r->done_event = SDL_RegisterEvents(1);
}

void viewer_raster_resize(struct viewer_raster *r, size_t stride)
{
	viewer_raster_drop(r);
	free(r->rgba);
	free(r->pixels);
	r->rgba = base_xmalloc(stride * VIEWER_TILE_HEIGHT);
	r->pixels = base_xmalloc(stride * VIEWER_TILE_HEIGHT);
}

/* Paints the strip queued, then tells the main thread (state and event). */
static void raster_paint(struct viewer_raster *r)
{
	const struct weft_paint_target *t = &r->target;
	struct weft_error err = {0};
	bool ok = weft_document_paint_scrolled(r->doc, t, &err) == WEFT_OK &&
		  SDL_ConvertPixels(t->width, t->height, SDL_PIXELFORMAT_RGBA32, t->pixels, (int)t->stride, r->format,
				    r->pixels, (int)t->stride) == 0;
	SDL_LockMutex(r->lock);
	r->ok = ok;
	r->state = VIEWER_RASTER_DONE;
	SDL_CondBroadcast(r->cond);
	SDL_UnlockMutex(r->lock);
	if (r->done_event != (uint32_t)-1) {
		SDL_Event e = {.type = r->done_event};
		SDL_PushEvent(&e);
	}
}

static int raster_main(void *arg)
{
	struct viewer_raster *r = arg;
	SDL_LockMutex(r->lock);
	for (;;) {
		while (!r->quit && r->state != VIEWER_RASTER_QUEUED)
			SDL_CondWait(r->cond, r->lock);
		if (r->quit)
			break;
		r->state = VIEWER_RASTER_RUNNING;
		SDL_UnlockMutex(r->lock);
		raster_paint(r);
		SDL_LockMutex(r->lock);
	}
	SDL_UnlockMutex(r->lock);
	return 0;
}

bool viewer_raster_queue(struct viewer_raster *r, struct weft_document *doc, const struct weft_paint_target *target,
			 uint32_t format, int row, int scroll_x)
{
	if (!r->lock || !r->cond || !r->rgba)
		return false;
	SDL_LockMutex(r->lock);
	bool idle = r->state == VIEWER_RASTER_IDLE;
	if (idle) {
		r->doc = doc;
		r->target = *target;
		r->target.pixels = r->rgba;
		r->format = format;
		r->row = row;
		r->scroll_x = scroll_x;
		r->state = VIEWER_RASTER_QUEUED;
		SDL_CondBroadcast(r->cond);
	}
	SDL_UnlockMutex(r->lock);
	if (idle && !r->thread && !(r->thread = SDL_CreateThread(raster_main, "weft-raster", r))) {
		/* No thread: the frames paint what they need themselves. */
		SDL_LockMutex(r->lock);
		r->state = VIEWER_RASTER_IDLE;
		SDL_UnlockMutex(r->lock);
		return false;
	}
	return idle;
}

void viewer_raster_wait(struct viewer_raster *r)
{
	if (!r->lock)
		return;
	SDL_LockMutex(r->lock);
	if (r->state == VIEWER_RASTER_QUEUED)
		r->state = VIEWER_RASTER_IDLE;
	while (r->state == VIEWER_RASTER_RUNNING)
		SDL_CondWait(r->cond, r->lock);
	SDL_UnlockMutex(r->lock);
}

void viewer_raster_drop(struct viewer_raster *r)
{
	viewer_raster_wait(r);
	if (!r->lock)
		return;
	SDL_LockMutex(r->lock);
	r->state = VIEWER_RASTER_IDLE;
	SDL_UnlockMutex(r->lock);
}

enum viewer_raster_state viewer_raster_state(struct viewer_raster *r)
{
	if (!r->lock)
		return VIEWER_RASTER_IDLE;
	SDL_LockMutex(r->lock);
	enum viewer_raster_state s = r->state;
	SDL_UnlockMutex(r->lock);
	return s;
}

void viewer_raster_free(struct viewer_raster *r)
{
	if (r->thread) {
		SDL_LockMutex(r->lock);
		r->quit = true;
		SDL_CondBroadcast(r->cond);
		SDL_UnlockMutex(r->lock);
		SDL_WaitThread(r->thread, NULL);
	}
	if (r->cond)
		SDL_DestroyCond(r->cond);
	if (r->lock)
		SDL_DestroyMutex(r->lock);
	free(r->rgba);
	free(r->pixels);
	memset(r, 0, sizeof(*r));
}
