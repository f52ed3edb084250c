/* Hashing, an open-addressing string map and string interning. */
#include "base/base.h"

#include <stdlib.h>
#include <string.h>

struct base_map_slot {
	const char *key; /* NULL: empty */
	size_t keylen;
	uint64_t hash;
	void *value;
};

/* FNV-1a, 64-bit: short keys (tag, attribute and property names) dominate,
 * where it is as fast as anything fancier. */
uint64_t base_hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

uint64_t base_hash_bytes_lower(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h ^= c;
		h *= 1099511628211ull;
	}
	return h;
}

void base_map_init(struct base_map *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->len = 0;
	base_arena_init(&m->keys, 16 * 1024);
}

void base_map_free(struct base_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
	base_arena_free(&m->keys);
}

static struct base_map_slot *find_slot(struct base_map_slot *slots, size_t cap, const char *key,
				       size_t n, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);
	for (;;) {
		struct base_map_slot *s = &slots[i];
		if (!s->key || (s->hash == h && s->keylen == n && memcmp(s->key, key, n) == 0))
			return s;
		i = (i + 1) & (cap - 1);
	}
}

void *base_map_get(const struct base_map *m, const char *key, size_t n)
{
	if (!m->cap)
		return NULL;
	struct base_map_slot *s = find_slot(m->slots, m->cap, key, n, base_hash_bytes(key, n));
	return s->key ? s->value : NULL;
}

static void grow(struct base_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16;
	struct base_map_slot *ns = base_xcalloc(ncap, sizeof *ns);
	for (size_t i = 0; i < m->cap; i++) {
		struct base_map_slot *o = &m->slots[i];
		if (o->key)
			*find_slot(ns, ncap, o->key, o->keylen, o->hash) = *o;
	}
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
}

const char *base_map_put(struct base_map *m, const char *key, size_t n, void *value)
{
	if ((m->len + 1) * 4 > m->cap * 3)
		grow(m);
	uint64_t h = base_hash_bytes(key, n);
	struct base_map_slot *s = find_slot(m->slots, m->cap, key, n, h);
	if (!s->key) {
		s->key = base_arena_strndup(&m->keys, key, n);
		s->keylen = n;
		s->hash = h;
		m->len++;
	}
	s->value = value;
	return s->key;
}

bool base_map_next(const struct base_map *m, size_t *cursor, const char **key, size_t *keylen,
		   void **value)
{
	while (*cursor < m->cap) {
		struct base_map_slot *s = &m->slots[(*cursor)++];
		if (s->key) {
			if (key)
				*key = s->key;
			if (keylen)
				*keylen = s->keylen;
			if (value)
				*value = s->value;
			return true;
		}
	}
	return false;
}

void base_atoms_init(struct base_atoms *t)
{
	base_map_init(&t->map);
}

void base_atoms_free(struct base_atoms *t)
{
	base_map_free(&t->map);
}

const char *base_atoms_intern(struct base_atoms *t, const char *s, size_t n)
{
	const char *k = base_map_get(&t->map, s, n);
	if (k)
		return k;
	k = base_map_put(&t->map, s, n, NULL);
	/* The value is the key itself, so a lookup returns the canonical copy. */
	base_map_put(&t->map, s, n, (void *)k);
	return k;
}
