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
 * A second table keeps the shaped glyphs of whole text items (shaping.c),
 * keyed by font list, spacing and text, so that a relayout copies an item's
 * glyphs in one lookup instead of assembling them word by word. It stops
 * growing at LAYOUT_SHAPE_RUNS_BYTES, so that a document too large for it
 * keeps the items it has (every relayout lays them out in the same order);
 * it is emptied at the end of a pass in which its entries mostly went
 * unused while most lookups missed (the document changed).
 *
 * Threads: one mutex guards the tables and their arenas; lookups copy the
 * glyphs out, or hand them to a callback under the lock, so no caller
 * keeps a pointer into the cache.
 *
 * The tables are our own (open addressing, hashing keys eight bytes at a
 * time): keys are whole words and paragraphs, looked up for every word.
 *
 * Ownership: entries and keys live in each table's arena, the slot arrays
 * on the heap; all are freed in layout_shape_cache_free() or when a table
 * is emptied. */
#include "layout/internal.h"

#include <pthread.h>
#include <stdlib.h>

/* Entry and key bytes before the cache is emptied. */
#define LAYOUT_SHAPE_CACHE_BYTES (32u << 20)
/* Entry and key bytes past which the table of text items takes no more. */
#define LAYOUT_SHAPE_RUNS_BYTES (16u << 20)

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

struct shape_table {
	struct shape_cache_slot *slots;
	size_t cap, len; /* cap a power of two */
	struct base_arena arena;
	size_t bytes;
};

struct layout_shape_cache {
	pthread_mutex_t lock;
	struct shape_table pieces; /* words, space runs, paragraph breaks */
	struct shape_table runs; /* text items */
	/* Text item entries at the start of the pass, and lookups of the
	 * pass that found one or not. */
	size_t runs_at_start, run_hits, run_misses;
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

static void table_init(struct shape_table *t)
{
	t->cap = 1024;
	t->slots = base_xcalloc(t->cap, sizeof *t->slots);
	t->len = 0;
	base_arena_init(&t->arena, 1 << 16);
	t->bytes = 0;
}

static void table_free(struct shape_table *t)
{
	free(t->slots);
	base_arena_free(&t->arena);
}

static void empty(struct shape_table *t)
{
	table_free(t);
	table_init(t);
}

struct layout_shape_cache *layout_shape_cache_new(void)
{
	struct layout_shape_cache *c = base_xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	table_init(&c->pieces);
	table_init(&c->runs);
	return c;
}

void layout_shape_cache_free(struct layout_shape_cache *c)
{
	if (!c)
		return;
	table_free(&c->pieces);
	table_free(&c->runs);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* The slot holding key, or the free slot where it would go. */
static struct shape_cache_slot *find(const struct shape_table *t, const char *key, size_t keylen, uint64_t h)
{
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		struct shape_cache_slot *s = &t->slots[i];
		if (!s->entry || (s->hash == h && s->entry->keylen == keylen && memcmp(s->entry->key, key, keylen) == 0))
			return s;
	}
}

static const struct shape_cache_entry *get(const struct shape_table *t, const char *key, size_t keylen, uint64_t h,
					   struct base_buf *out, uint32_t *count)
{
	const struct shape_cache_entry *e = find(t, key, keylen, h)->entry;
	if (e) {
		*count = e->count;
		base_buf_append(out, e->data, e->size);
	}
	return e;
}

static void put(struct shape_table *t, const char *key, size_t keylen, uint64_t h, const void *data, size_t size, uint32_t count)
{
	size_t total = sizeof(struct shape_cache_entry) + size;
	if ((t->len + 1) * 4 > t->cap * 3) {
		struct shape_cache_slot *old = t->slots;
		size_t old_cap = t->cap;
		t->cap *= 2;
		t->slots = base_xcalloc(t->cap, sizeof *t->slots);
		for (size_t i = 0; i < old_cap; i++) {
			if (!old[i].entry)
				continue;
			size_t k = old[i].hash & (t->cap - 1);
			while (t->slots[k].entry)
				k = (k + 1) & (t->cap - 1);
			t->slots[k] = old[i];
		}
		free(old);
	}
	struct shape_cache_slot *s = find(t, key, keylen, h);
	if (!s->entry) {
		struct shape_cache_entry *e = base_arena_alloc(&t->arena, total);
		e->key = base_arena_memdup(&t->arena, key, keylen);
		e->keylen = keylen;
		e->count = count;
		e->size = size;
		if (size)
			memcpy(e->data, data, size);
		s->hash = h;
		s->entry = e;
		t->len++;
		t->bytes += total + keylen;
	}
}

bool layout_shape_cache_get(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, struct base_buf *out,
			    uint32_t *count)
{
	pthread_mutex_lock(&c->lock);
	bool found = get(&c->pieces, key, keylen, h, out, count) != NULL;
	pthread_mutex_unlock(&c->lock);
	return found;
}

void layout_shape_cache_put(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, const void *data, size_t size,
			    uint32_t count)
{
	pthread_mutex_lock(&c->lock);
	if (c->pieces.bytes + sizeof(struct shape_cache_entry) + size + keylen > LAYOUT_SHAPE_CACHE_BYTES)
		empty(&c->pieces);
	put(&c->pieces, key, keylen, h, data, size, count);
	pthread_mutex_unlock(&c->lock);
}

/* Counts a lookup in the table of text items, for
 * layout_shape_cache_pass_end(); the lock is held. */
static void count_run_lookup(struct layout_shape_cache *c, bool found)
{
	c->run_hits += found;
	c->run_misses += !found;
}

bool layout_shape_cache_get_run(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, struct base_buf *out)
{
	uint32_t count;
	pthread_mutex_lock(&c->lock);
	bool found = get(&c->runs, key, keylen, h, out, &count) != NULL;
	count_run_lookup(c, found);
	pthread_mutex_unlock(&c->lock);
	return found;
}

bool layout_shape_cache_use_run(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h,
				bool (*use)(void *arg, const void *data, size_t size), void *arg)
{
	pthread_mutex_lock(&c->lock);
	const struct shape_cache_entry *e = find(&c->runs, key, keylen, h)->entry;
	bool used = e && use(arg, e->data, e->size);
	count_run_lookup(c, used);
	pthread_mutex_unlock(&c->lock);
	return used;
}

void layout_shape_cache_put_run(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, const void *data, size_t size)
{
	pthread_mutex_lock(&c->lock);
	if (c->runs.bytes + sizeof(struct shape_cache_entry) + size + keylen <= LAYOUT_SHAPE_RUNS_BYTES)
		put(&c->runs, key, keylen, h, data, size, 0);
	pthread_mutex_unlock(&c->lock);
}

void layout_shape_cache_pass_end(struct layout_shape_cache *c)
{
	pthread_mutex_lock(&c->lock);
	/* A pass that lays out only part of the document (an incremental
	 * relayout) looks up few entries: only many misses and few hits
	 * say that the text changed. */
	size_t half = c->runs_at_start / 2;
	if (c->run_hits < half && c->run_misses >= half)
		empty(&c->runs);
	c->runs_at_start = c->runs.len;
	c->run_hits = c->run_misses = 0;
	pthread_mutex_unlock(&c->lock);
}
