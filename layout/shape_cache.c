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
 * The table is its own (open addressing, hashing keys eight bytes at a
 * time): keys are whole words and paragraphs, looked up for every word.
 *
 * Ownership: entries and keys live in the cache's arena, the slot array on
 * the heap; both are freed in layout_shape_cache_free() or when the cache is
 * emptied. */
#include "layout/internal.h"

#include <pthread.h>
#include <stdlib.h>

/* Entry and key bytes before the cache is emptied. */
#define LAYOUT_SHAPE_CACHE_BYTES (32u << 20)

struct shape_cache_entry {
	const char *key;
	size_t keylen;
	uint32_t count; /* as given to layout_shape_cache_put */
	size_t size;
	unsigned char data[];
};

struct shape_cache_slot {
	uint64_t hash;
	struct shape_cache_entry *entry; /* NULL: free */
};

struct layout_shape_cache {
	pthread_mutex_t lock;
	struct shape_cache_slot *slots;
	size_t cap, len; /* cap a power of two */
	struct base_arena arena;
	size_t bytes;
};

uint64_t layout_shape_cache_hash(const char *p, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 29);
}

static void empty(struct layout_shape_cache *c)
{
	free(c->slots);
	base_arena_free(&c->arena);
	c->cap = 1024;
	c->slots = base_xcalloc(c->cap, sizeof *c->slots);
	c->len = 0;
	base_arena_init(&c->arena, 1 << 16);
	c->bytes = 0;
}

struct layout_shape_cache *layout_shape_cache_new(void)
{
	struct layout_shape_cache *c = base_xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	base_arena_init(&c->arena, 1 << 16);
	empty(c);
	return c;
}

void layout_shape_cache_free(struct layout_shape_cache *c)
{
	if (!c)
		return;
	free(c->slots);
	base_arena_free(&c->arena);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* The slot holding key, or the free slot where it would go. */
static struct shape_cache_slot *find(const struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h)
{
	for (size_t i = h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
		struct shape_cache_slot *s = &c->slots[i];
		if (!s->entry || (s->hash == h && s->entry->keylen == keylen && memcmp(s->entry->key, key, keylen) == 0))
			return s;
	}
}

bool layout_shape_cache_get(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, struct base_buf *out,
			    uint32_t *count)
{
	pthread_mutex_lock(&c->lock);
	const struct shape_cache_entry *e = find(c, key, keylen, h)->entry;
	if (e) {
		*count = e->count;
		base_buf_append(out, e->data, e->size);
	}
	pthread_mutex_unlock(&c->lock);
	return e != NULL;
}

void layout_shape_cache_put(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, const void *data, size_t size,
			    uint32_t count)
{
	size_t total = sizeof(struct shape_cache_entry) + size;
	pthread_mutex_lock(&c->lock);
	if (c->bytes + total + keylen > LAYOUT_SHAPE_CACHE_BYTES)
		empty(c);
	if ((c->len + 1) * 4 > c->cap * 3) {
		struct shape_cache_slot *old = c->slots;
		size_t old_cap = c->cap;
		c->cap *= 2;
		c->slots = base_xcalloc(c->cap, sizeof *c->slots);
		for (size_t i = 0; i < old_cap; i++) {
			if (!old[i].entry)
				continue;
			size_t k = old[i].hash & (c->cap - 1);
			while (c->slots[k].entry)
				k = (k + 1) & (c->cap - 1);
			c->slots[k] = old[i];
		}
		free(old);
	}
	struct shape_cache_slot *s = find(c, key, keylen, h);
	if (!s->entry) {
		struct shape_cache_entry *e = base_arena_alloc(&c->arena, total);
		e->key = base_arena_memdup(&c->arena, key, keylen);
		e->keylen = keylen;
		e->count = count;
		e->size = size;
		if (size)
			memcpy(e->data, data, size);
		s->hash = h;
		s->entry = e;
		c->len++;
		c->bytes += total + keylen;
	}
	pthread_mutex_unlock(&c->lock);
}
