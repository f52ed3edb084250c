/* The shaping cache: HarfBuzz output for short pieces of text (words and
 * space runs, see shaping.c), keyed by face, script, the neighbouring
 * characters that can change the result, and the text; glyph positions are
 * kept in font units, so one entry serves every font size. It also keeps
 * the UAX #14 break opportunities of paragraphs (line_breaker.c), keyed by
 * their text.
 *
 * As Blink's word cache does, the cache is simply emptied when it holds more
 * than LAYOUT_SHAPE_CACHE_BYTES; a document's text is then shaped again on
 * its next layout.
 *
 * Threads: one mutex guards the map and the arena; lookups copy the glyphs
 * out, so no caller keeps a pointer into the cache.
 *
 * Ownership: entries and keys live in the cache's arena and map, freed in
 * layout_shape_cache_free() or when the cache is emptied. */
#include "layout/internal.h"

#include <pthread.h>
#include <stdlib.h>

/* Entry and key bytes before the cache is emptied. */
#define LAYOUT_SHAPE_CACHE_BYTES (32u << 20)

struct shape_cache_entry {
	uint32_t count; /* as given to layout_shape_cache_put */
	size_t size;
	unsigned char data[];
};

struct layout_shape_cache {
	pthread_mutex_t lock;
	struct base_map map; /* key -> struct shape_cache_entry */
	struct base_arena arena;
	size_t bytes;
};

struct layout_shape_cache *layout_shape_cache_new(void)
{
	struct layout_shape_cache *c = base_xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	base_map_init(&c->map);
	base_arena_init(&c->arena, 1 << 16);
	return c;
}

void layout_shape_cache_free(struct layout_shape_cache *c)
{
	if (!c)
		return;
	base_map_free(&c->map);
	base_arena_free(&c->arena);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

bool layout_shape_cache_get(struct layout_shape_cache *c, const char *key, size_t keylen, struct base_buf *out, uint32_t *count)
{
	pthread_mutex_lock(&c->lock);
	const struct shape_cache_entry *e = base_map_get(&c->map, key, keylen);
	if (e) {
		*count = e->count;
		base_buf_append(out, e->data, e->size);
	}
	pthread_mutex_unlock(&c->lock);
	return e != NULL;
}

void layout_shape_cache_put(struct layout_shape_cache *c, const char *key, size_t keylen, const void *data, size_t size,
			    uint32_t count)
{
	size_t total = sizeof(struct shape_cache_entry) + size;
	pthread_mutex_lock(&c->lock);
	if (c->bytes + total + keylen > LAYOUT_SHAPE_CACHE_BYTES) {
		base_map_free(&c->map);
		base_arena_free(&c->arena);
		base_map_init(&c->map);
		base_arena_init(&c->arena, 1 << 16);
		c->bytes = 0;
	}
	struct shape_cache_entry *e = base_arena_alloc(&c->arena, total);
	e->count = count;
	e->size = size;
	if (size)
		memcpy(e->data, data, size);
	base_map_put(&c->map, key, keylen, e);
	c->bytes += total + keylen;
	pthread_mutex_unlock(&c->lock);
}
