/* Growable byte buffers and pointer vectors on the heap. */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void base_buf_reserve(struct base_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			base_oom();
		cap *= 2;
	}
	b->data = base_xrealloc(b->data, cap);
	b->cap = cap;
}

void base_buf_append(struct base_buf *b, const void *p, size_t n)
{
	base_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void base_buf_puts(struct base_buf *b, const char *s)
{
	base_buf_append(b, s, strlen(s));
}

void base_buf_putc(struct base_buf *b, char c)
{
	base_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void base_buf_vprintf(struct base_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	base_buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void base_buf_printf(struct base_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	base_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void base_buf_put_utf8(struct base_buf *b, uint32_t cp)
{
	char tmp[4];
	base_buf_append(b, tmp, base_utf8_encode(cp, tmp));
}

void base_buf_clear(struct base_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void base_buf_free(struct base_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *base_buf_steal(struct base_buf *b)
{
	char *p = b->data;
	if (!p)
		p = base_xcalloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void base_vec_push(struct base_vec *v, void *item)
{
	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->items = base_xrealloc(v->items, v->cap * sizeof *v->items);
	}
	v->items[v->len++] = item;
}

void base_vec_free(struct base_vec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}
