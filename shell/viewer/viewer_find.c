/* viewer_find.c — Ctrl+F find in page.
 *
 * The find bar is the message bar, kept while finding. Typed text (SDL
 * text input events) is looked for in the document's text runs
 * (weft_document_find_text); every run that contains it is highlighted, the
 * first one at or below the top of the window is the current one and is
 * scrolled into view; Enter goes to the next (Shift+Enter the previous),
 * Backspace removes a character, Escape closes the bar. The struct viewer
 * owns the match rectangles (find_rects, heap). */
#include "shell/viewer/viewer.h"

#include <math.h>
#include <string.h>

static void show_bar(struct viewer *v)
{
	if (!v->find_text[0])
		viewer_show_message(v, "Find: type the text to find (Enter: next, Esc: close)");
	else if (!v->find_count)
		viewer_show_message(v, "Find: %s (not found)", v->find_text);
	else
		viewer_show_message(v, "Find: %s (%zu of %zu)", v->find_text, v->find_current + 1, v->find_count);
	v->message_until = UINT64_MAX; /* shown until the bar closes */
}

/* Scrolls the current match into view, a third down the window, when it
 * is not visible. */
static void reveal(struct viewer *v)
{
	const struct weft_rect *r = &v->find_rects[v->find_current];
	double top = r->y * v->scale, bottom = (r->y + r->height) * v->scale;
	double left = r->x * v->scale, right = (r->x + r->width) * v->scale;
	double x = v->scroll_x, y = v->scroll_y;
	if (top < y || bottom > y + v->dev_h - v->message_h)
		y = top - v->dev_h / 3.0;
	if (left < x || right > x + v->dev_w)
		x = left - v->dev_w / 3.0;
	viewer_scroll_to(v, x, y);
}

static void search(struct viewer *v)
{
	v->find_count = v->find_current = 0;
	if (v->doc && v->find_text[0]) {
		viewer_tiles_sync(&v->tiles);
		size_t n = weft_document_find_text(v->doc, v->find_text, NULL, 0);
		if (n > v->find_shown) {
			free(v->find_rects);
			v->find_rects = base_xmalloc(n * sizeof(*v->find_rects));
			v->find_shown = n;
		}
		v->find_count = weft_document_find_text(v->doc, v->find_text, v->find_rects, n);
		while (v->find_current + 1 < v->find_count && v->find_rects[v->find_current].y * v->scale < v->scroll_y)
			v->find_current++;
		if (v->find_count)
			reveal(v);
	}
	show_bar(v);
}

void viewer_find_open(struct viewer *v)
{
	if (!v->find_open) {
		v->find_open = true;
		v->find_text[0] = '\0';
		v->find_count = 0;
	}
	show_bar(v);
}

void viewer_find_input(struct viewer *v, const char *text)
{
	if (!v->find_open)
		return;
	size_t have = strlen(v->find_text), add = strlen(text);
	if (have + add >= sizeof(v->find_text))
		return;
	memcpy(v->find_text + have, text, add + 1);
	search(v);
}

void viewer_find_refresh(struct viewer *v)
{
	if (v->find_open)
		search(v);
}

void viewer_find_close(struct viewer *v)
{
	if (!v->find_open)
		return;
	v->find_open = false;
	v->find_count = 0;
	v->message[0] = '\0';
	viewer_request_frame(v, VIEWER_FRAME_OTHER);
}

bool viewer_find_key(struct viewer *v, const SDL_KeyboardEvent *k)
{
	if (!v->find_open)
		return false;
	Uint16 mod = k->keysym.mod;
	switch (k->keysym.sym) {
	case SDLK_ESCAPE: viewer_find_close(v); return true;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		if (v->find_count) {
			v->find_current = (v->find_current + ((mod & KMOD_SHIFT) ? v->find_count - 1 : 1)) % v->find_count;
			reveal(v);
			show_bar(v);
		}
		return true;
	case SDLK_BACKSPACE: {
		size_t n = strlen(v->find_text);
		while (n > 0 && ((unsigned char)v->find_text[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0)
			n--;
		v->find_text[n] = '\0';
		search(v);
		return true;
	}
	default:
		/* Printable keys arrive as text input too; with Ctrl or Alt
		 * they stay shortcuts, and other keys still scroll. */
		return !(mod & (KMOD_CTRL | KMOD_ALT)) && k->keysym.sym >= 32 && k->keysym.sym < 127;
	}
}

void viewer_find_draw(struct viewer *v)
{
	if (!v->find_open || !v->find_count)
		return;
	SDL_SetRenderDrawBlendMode(v->renderer, SDL_BLENDMODE_BLEND);
	for (size_t i = 0; i < v->find_count; i++) {
		const struct weft_rect *r = &v->find_rects[i];
		SDL_Rect d = {(int)lround(r->x * v->scale - v->scroll_x), (int)lround(r->y * v->scale - v->scroll_y),
			      (int)lround(r->width * v->scale), (int)lround(r->height * v->scale)};
		if (d.x >= v->dev_w || d.y >= v->dev_h || d.x + d.w <= 0 || d.y + d.h <= 0)
			continue;
		if (i == v->find_current)
			SDL_SetRenderDrawColor(v->renderer, 255, 150, 0, 140);
		else
			SDL_SetRenderDrawColor(v->renderer, 255, 230, 0, 110);
		SDL_RenderFillRect(v->renderer, &d);
	}
	SDL_SetRenderDrawBlendMode(v->renderer, SDL_BLENDMODE_NONE);
}
