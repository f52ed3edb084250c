/* reftest_cache.c — rendered pages shared between tests. Many tests share
 * a reference (WPT's ref-filled-green-100px-square.xht serves dozens), so
 * each page is rendered once and kept until the last test that needs it
 * is judged; a memory limit bounds what is kept meanwhile. */
#include "shell/cli/reftest_run.h"

#include <stdlib.h>
#include <string.h>

enum entry_state { ENTRY_EMPTY, ENTRY_RENDERING, ENTRY_READY };

struct reftest_cache_entry {
	enum entry_state state;
	struct reftest_image image;
	uint8_t *pixels;
	char *error;
	int pins; /* tests judging with it right now */
	size_t uses_left; /* tests planned that have not released it yet */
	uint64_t last_use;
};

void reftest_cache_init(struct reftest_cache *c, size_t node_count, int width, int height, size_t limit_bytes,
			reftest_render_fn render, void *ctx)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->ready, NULL);
	c->entries = base_xcalloc(node_count ? node_count : 1, sizeof(*c->entries));
	c->count = node_count;
	c->width = width;
	c->height = height;
	c->image_bytes = (size_t)width * (size_t)height * 4;
	c->limit = limit_bytes;
	c->render = render;
	c->render_ctx = ctx;
}

static void drop(struct reftest_cache *c, struct reftest_cache_entry *e)
{
	if (e->pixels)
		c->bytes -= c->image_bytes;
	free(e->pixels);
	free(e->error);
	e->pixels = NULL;
	e->error = NULL;
	e->image = (struct reftest_image){0};
	e->state = ENTRY_EMPTY;
}

void reftest_cache_free(struct reftest_cache *c)
{
	for (size_t i = 0; i < c->count; i++)
		drop(c, &c->entries[i]);
	free(c->entries);
	pthread_cond_destroy(&c->ready);
	pthread_mutex_destroy(&c->lock);
}

void reftest_cache_plan(struct reftest_cache *c, const struct reftest_node *node)
{
	pthread_mutex_lock(&c->lock);
	c->entries[node->index].uses_left++;
	pthread_mutex_unlock(&c->lock);
}

/* Under the lock: drops idle entries, least recently used first, until an
 * image more fits under the limit (or nothing idle is left). */
static void make_room(struct reftest_cache *c)
{
	while (c->bytes + c->image_bytes > c->limit) {
		struct reftest_cache_entry *victim = NULL;
		for (size_t i = 0; i < c->count; i++) {
			struct reftest_cache_entry *e = &c->entries[i];
			if (e->state == ENTRY_READY && e->pins == 0 && e->pixels &&
			    (!victim || e->last_use < victim->last_use))
				victim = e;
		}
		if (!victim)
			return;
		drop(c, victim);
	}
}

const struct reftest_image *reftest_cache_acquire(struct reftest_cache *c, const struct reftest_node *node)
{
	struct reftest_cache_entry *e = &c->entries[node->index];
	pthread_mutex_lock(&c->lock);
	while (e->state == ENTRY_RENDERING)
		pthread_cond_wait(&c->ready, &c->lock);
	e->pins++;
	if (e->state == ENTRY_READY) {
		e->last_use = base_now_ns();
		pthread_mutex_unlock(&c->lock);
		return &e->image;
	}
	e->state = ENTRY_RENDERING;
	make_room(c);
	c->bytes += c->image_bytes;
	if (c->bytes > c->peak_bytes)
		c->peak_bytes = c->bytes;
	c->renders++;
	pthread_mutex_unlock(&c->lock);

	uint8_t *pixels = base_xmalloc(c->image_bytes);
	memset(pixels, 255, c->image_bytes);
	char *error = NULL;
	bool ok = c->render(c->render_ctx, node, pixels, &error);

	pthread_mutex_lock(&c->lock);
	if (ok) {
		e->pixels = pixels;
	} else {
		free(pixels);
		c->bytes -= c->image_bytes;
		e->error = error ? error : base_xstrdup("rendering failed");
	}
	e->image.pixels = e->pixels;
	e->image.error = e->error;
	e->state = ENTRY_READY;
	e->last_use = base_now_ns();
	pthread_cond_broadcast(&c->ready);
	pthread_mutex_unlock(&c->lock);
	return &e->image;
}

void reftest_cache_release(struct reftest_cache *c, const struct reftest_node *node)
{
	struct reftest_cache_entry *e = &c->entries[node->index];
	pthread_mutex_lock(&c->lock);
	e->pins--;
	if (e->uses_left > 0)
		e->uses_left--;
	if (e->uses_left == 0 && e->pins == 0)
		drop(c, e);
	pthread_mutex_unlock(&c->lock);
}
