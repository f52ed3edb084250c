/* viewer_history.c — the viewer's back/forward list.
 *
 * Each entry is a page (a file path, or NULL for the start page) and the
 * scroll position it was left at, so going back restores where the reader
 * was. Following a link drops the forward entries, as browsers do (HTML,
 * "session history": https://html.spec.whatwg.org/#session-history).
 * The list owns its path strings. */
#include "shell/viewer/viewer.h"

#include <string.h>

/* Oldest entries are dropped beyond this many. */
#define VIEWER_HISTORY_MAX 256

static void entry_clear(struct viewer_history_entry *e)
{
	free(e->path);
	e->path = NULL;
}

void viewer_history_push(struct viewer_history *h, const char *path, double scroll_y)
{
	if (h->len > 0) {
		for (size_t i = h->pos + 1; i < h->len; i++)
			entry_clear(&h->items[i]);
		h->len = h->pos + 1;
	}
	if (h->len == VIEWER_HISTORY_MAX) {
		entry_clear(&h->items[0]);
		memmove(h->items, h->items + 1, (h->len - 1) * sizeof(*h->items));
		h->len--;
	}
	if (h->len == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->items = base_xrealloc(h->items, h->cap * sizeof(*h->items));
	}
	h->items[h->len].path = path ? base_xstrdup(path) : NULL;
	h->items[h->len].scroll_y = scroll_y;
	h->pos = h->len++;
}

struct viewer_history_entry *viewer_history_current(struct viewer_history *h)
{
	return h->len ? &h->items[h->pos] : NULL;
}

struct viewer_history_entry *viewer_history_go(struct viewer_history *h, int delta)
{
	if (h->len == 0)
		return NULL;
	if (delta < 0 && h->pos < (size_t)-delta)
		return NULL;
	if (delta > 0 && h->pos + (size_t)delta >= h->len)
		return NULL;
	h->pos = (size_t)((ptrdiff_t)h->pos + delta);
	return &h->items[h->pos];
}

void viewer_history_free(struct viewer_history *h)
{
	for (size_t i = 0; i < h->len; i++)
		entry_clear(&h->items[i]);
	free(h->items);
	memset(h, 0, sizeof(*h));
}
