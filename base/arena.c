/* Bump arena and checked allocation wrappers. */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Chunks grow geometrically up to this size, so a big product (the DOM of an
 * 8 MB page) takes few chunks. Chunks this large are mapped directly and
 * offered transparent huge pages: a fresh arena is touched page by page, and
 * 2 MB pages cut those faults by 512. */
#define ARENA_MAX_CHUNK ((size_t)4 << 20)
#define ARENA_HUGE_CHUNK ((size_t)2 << 20)

struct base_arena_chunk {
	struct base_arena_chunk *next;
	size_t size;
	size_t used;
	bool mapped; /* from mmap(), released with munmap() */
	_Alignas(16) unsigned char data[];
};

static struct base_arena_chunk *chunk_new(size_t size)
{
	struct base_arena_chunk *c;
	size_t total = sizeof *c + size;
	if (size >= ARENA_HUGE_CHUNK) {
		void *p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			base_oom();
		madvise(p, total, MADV_HUGEPAGE);
		c = p;
		c->mapped = true;
	} else {
		c = malloc(total);
		if (!c)
			base_oom();
		c->mapped = false;
	}
	c->size = size;
	c->used = 0;
	return c;
}

static void chunk_free(struct base_arena_chunk *c)
{
	if (c->mapped)
		munmap(c, sizeof *c + c->size);
	else
		free(c);
}

_Noreturn void base_oom(void)
{
	fputs("weft: out of memory\n", stderr);
	abort();
}

void *base_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		base_oom();
	return p;
}

void *base_xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		base_oom();
	return p;
}

void *base_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		base_oom();
	return q;
}

char *base_xstrdup(const char *s)
{
	size_t n = strlen(s);
	char *p = base_xmalloc(n + 1);
	memcpy(p, s, n + 1);
	return p;
}

void base_arena_init(struct base_arena *a, size_t chunk_size)
{
	a->head = NULL;
	a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
	a->bytes = 0;
	a->reserved = 0;
}

void base_arena_free(struct base_arena *a)
{
	struct base_arena_chunk *c = a->head;
	while (c) {
		struct base_arena_chunk *next = c->next;
		chunk_free(c);
		c = next;
	}
	a->head = NULL;
	a->bytes = 0;
	a->reserved = 0;
}

void *base_arena_alloc(struct base_arena *a, size_t size)
{
	size_t need = (size + 15) & ~(size_t)15;
	if (need < size)
		base_oom();
	struct base_arena_chunk *c = a->head;
	if (!c || c->size - c->used < need) {
		/* Large requests get a chunk of their own, kept behind the current
		 * one so the current chunk's free tail is not wasted. */
		size_t csize = need > a->chunk_size / 4 ? need : a->chunk_size;
		struct base_arena_chunk *n = chunk_new(csize);
		a->reserved += csize;
		if (csize == a->chunk_size && a->chunk_size < ARENA_MAX_CHUNK)
			a->chunk_size *= 2;
		if (c && csize == need) {
			n->next = c->next;
			c->next = n;
		} else {
			n->next = c;
			a->head = n;
		}
		c = n;
	}
	void *p = c->data + c->used;
	c->used += need;
	a->bytes += need;
	return p;
}

void *base_arena_calloc(struct base_arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		base_oom();
	void *p = base_arena_alloc(a, count * size);
	memset(p, 0, count * size);
	return p;
}

char *base_arena_strndup(struct base_arena *a, const char *s, size_t n)
{
	char *p = base_arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *base_arena_strdup(struct base_arena *a, const char *s)
{
	return base_arena_strndup(a, s, strlen(s));
}

void *base_arena_memdup(struct base_arena *a, const void *p, size_t n)
{
	void *q = base_arena_alloc(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *base_arena_printf(struct base_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = base_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
