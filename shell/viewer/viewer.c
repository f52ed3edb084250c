/* viewer.c — `weft view`: command line, window, event loop, navigation.
 *
 * The loop waits for SDL events (or a timer: script waits, file changes,
 * message expiry), handles them all, then produces at most one frame: a
 * relayout only when the window size or zoom changed, repaint of cached
 * strips only when the document's look changed (hover, reload), otherwise
 * a copy of cached strips at the new scroll position. A background thread
 * paints the strips next to the visible ones meanwhile (viewer_raster.c). */
#include "shell/cli/commands.h"
#include "shell/viewer/viewer.h"

#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#define VIEWER_DEFAULT_WIDTH 1024
#define VIEWER_DEFAULT_HEIGHT 768
/* Arrow keys scroll this many CSS px; a page scroll keeps this much of
 * the previous page in view. */
#define VIEWER_LINE_PX 40
#define VIEWER_PAGE_OVERLAP_PX 40
#define VIEWER_MESSAGE_NS (5ull * 1000 * 1000 * 1000)
/* Idle wake-up, to notice changed files. */
#define VIEWER_POLL_MS 100

/* Zoom levels offered by Ctrl+Plus/Minus, as browsers do. */
static const float viewer_zoom_levels[] = {0.25f, 0.33f, 0.5f, 0.67f, 0.75f, 0.8f, 0.9f, 1.0f,
					   1.1f,  1.25f, 1.5f, 1.75f, 2.0f,  2.5f, 3.0f, 4.0f, 5.0f};

static const char viewer_usage[] =
	"usage: weft view [PAGE.html] [--width W] [--height H] [--zoom Z] [--script FILE] [--stats]\n"
	"  Opens PAGE (default: the start page listing the examples) in a window.\n"
	"  --width, --height  window size (default 1024x768)\n"
	"  --zoom Z           initial zoom factor (default 1)\n"
	"  --script FILE      drive the viewer with timed commands, one a line: wait MS,\n"
	"                     scroll DX DY, move X Y, click X Y, key SPEC (e.g. ctrl+r), type TEXT,\n"
	"                     resize W H, wait-reload MS, screenshot FILE.png, quit\n"
	"  --stats            print per-frame timings with median and p99 on exit\n"
	"Keys: wheel/arrows/PageUp/PageDown/Space/Home/End scroll; Ctrl+Plus/Minus/0 zoom;\n"
	"  Alt+Left/Right, Backspace/Shift+Backspace or the mouse's side buttons: back/forward;\n"
	"  F5/Ctrl+R reload; Ctrl+S screenshot;\n"
	"  Ctrl+F find in page (Enter: next, Shift+Enter: previous, Escape: close);\n"
	"  Ctrl+Q/Escape quit.\n";

void viewer_request_frame(struct viewer *v, enum viewer_frame_kind reason)
{
	v->dirty = true;
	v->reasons |= 1u << reason;
}

void viewer_show_message(struct viewer *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->message, sizeof(v->message), fmt, ap);
	va_end(ap);
	v->message_until = base_now_ns() + VIEWER_MESSAGE_NS;
	v->message_ready = false;
	viewer_request_frame(v, VIEWER_FRAME_OTHER);
}

static double max_scroll_y(const struct viewer *v)
{
	return BASE_MAX(0.0, ceil(v->doc_h * v->scale - 0.01) - v->dev_h);
}

static double max_scroll_x(const struct viewer *v)
{
	return BASE_MAX(0.0, ceil(v->doc_w * v->scale - 0.01) - v->dev_w);
}

/* Scrolls to device px (x, y), clamped to the document. */
static void scroll_to(struct viewer *v, double x, double y)
{
	x = BASE_MAX(0.0, BASE_MIN(x, max_scroll_x(v)));
	y = BASE_MAX(0.0, BASE_MIN(y, max_scroll_y(v)));
	if (x == v->scroll_x && y == v->scroll_y)
		return;
	if (y != v->scroll_y)
		v->scroll_dir = y > v->scroll_y ? 1 : -1;
	bool moved = lround(x) != lround(v->scroll_x) || lround(y) != lround(v->scroll_y);
	v->scroll_x = x;
	v->scroll_y = y;
	if (moved)
		viewer_request_frame(v, VIEWER_FRAME_SCROLL);
}

void viewer_scroll_to(struct viewer *v, double x, double y)
{
	scroll_to(v, x, y);
}

static void scroll_by(struct viewer *v, double dx, double dy)
{
	scroll_to(v, v->scroll_x + dx, v->scroll_y + dy);
}

void viewer_relayout(struct viewer *v)
{
	v->needs_layout = false;
	if (!v->doc)
		return;
	viewer_tiles_sync(&v->tiles);
	double css_x = v->scroll_x / v->layout_scale, css_y = v->scroll_y / v->layout_scale;
	struct weft_error err = {0};
	weft_document_set_viewport(v->doc, (float)v->dev_w / v->scale, (float)v->dev_h / v->scale);
	if (weft_document_layout(v->doc, &err) != WEFT_OK) {
		fprintf(stderr, "weft view: %s: %s\n", v->doc_path ? v->doc_path : "start page", err.message);
		if (!v->doc_is_error) {
			struct weft_load_options opt = {.viewport_width = (float)v->dev_w / v->scale,
							.viewport_height = (float)v->dev_h / v->scale};
			struct weft_error err2 = {0};
			struct weft_document *page = viewer_error_page(v->engine, v->doc_path, err.message, &opt, &err2);
			if (page) {
				weft_document_free(v->doc);
				v->doc = page;
				v->doc_is_error = true;
				css_x = css_y = 0;
				if (weft_document_layout(v->doc, &err2) != WEFT_OK)
					fprintf(stderr, "weft view: error page: %s\n", err2.message);
			}
		}
	}
	weft_document_size(v->doc, &v->doc_w, &v->doc_h);
	v->layout_scale = v->scale;
	v->scroll_x = BASE_MAX(0.0, BASE_MIN(css_x * v->scale, max_scroll_x(v)));
	v->scroll_y = BASE_MAX(0.0, BASE_MIN(css_y * v->scale, max_scroll_y(v)));
	viewer_tiles_invalidate(&v->tiles);
	v->pointer_moved = true;
	viewer_find_refresh(v);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static void update_title(struct viewer *v)
{
	const char *title = v->doc ? weft_document_title(v->doc) : NULL;
	if (!title || !*title)
		title = v->doc_path ? base_name(v->doc_path) : "weft";
	SDL_SetWindowTitle(v->window, title);
}

/* Watches the document's files, and the page's own file even when it is
 * missing (so that it shows up once created). */
static void update_watch(struct viewer *v)
{
	struct base_vec paths = {0};
	if (v->doc_path)
		base_vec_push(&paths, v->doc_path);
	for (size_t i = 0; v->doc; i++) {
		const char *dep = weft_document_dependency(v->doc, i);
		if (!dep)
			break;
		if (!v->doc_path || strcmp(dep, v->doc_path) != 0)
			base_vec_push(&paths, (void *)dep);
	}
	viewer_watch_set(&v->watch, (const char *const *)paths.items, paths.len);
	base_vec_free(&paths);
}

static bool scroll_to_fragment(struct viewer *v, const char *fragment)
{
	float y;
	viewer_tiles_sync(&v->tiles);
	if (!v->doc || !fragment[0] || !weft_document_anchor_position(v->doc, fragment, &y))
		return false;
	v->scroll_y = BASE_MAX(0.0, BASE_MIN((double)y * v->scale, max_scroll_y(v)));
	viewer_tiles_invalidate(&v->tiles);
	viewer_request_frame(v, VIEWER_FRAME_SCROLL);
	return true;
}

/* Replaces the document with `path` (NULL: the start page), showing an
 * error page when it cannot be loaded; scrolls to `fragment` when given,
 * else to scroll_css. */
static void viewer_open(struct viewer *v, const char *path, const char *fragment, double scroll_css)
{
	uint64_t start = base_now_ns(), cpu_start = viewer_cpu_ns();
	struct weft_load_options opt = {.viewport_width = (float)v->dev_w / v->scale,
					.viewport_height = (float)v->dev_h / v->scale};
	struct weft_error err = {0};
	struct weft_document *doc =
		path ? weft_document_load_file(v->engine, path, &opt, &err) : viewer_start_page(v->engine, &opt, &err);
	bool is_error = false;
	if (!doc) {
		fprintf(stderr, "weft view: %s\n", err.message);
		struct weft_error err2 = {0};
		doc = viewer_error_page(v->engine, path, err.message, &opt, &err2);
		is_error = true;
		if (!doc) {
			fprintf(stderr, "weft view: cannot render the error page: %s\n", err2.message);
			v->status = 1;
			v->quit = true;
			return;
		}
	}
	char *new_path = path ? base_xstrdup(path) : NULL;
	viewer_tiles_invalidate(&v->tiles);
	if (v->doc)
		weft_document_free(v->doc);
	free(v->doc_path);
	v->doc = doc;
	viewer_find_close(v);
	v->doc_path = new_path;
	v->doc_is_error = is_error;
	v->layout_scale = v->scale;
	v->scroll_x = 0;
	v->scroll_y = scroll_css * v->scale;
	viewer_relayout(v);
	if (fragment && fragment[0] && !scroll_to_fragment(v, fragment))
		v->scroll_y = 0;
	update_title(v);
	update_watch(v);
	viewer_tiles_invalidate(&v->tiles);
	v->work_ns += base_now_ns() - start;
	v->work_cpu_ns += viewer_cpu_ns() - cpu_start;
	viewer_request_frame(v, VIEWER_FRAME_LOAD);
}

static double scroll_css_y(const struct viewer *v)
{
	return v->scroll_y / v->scale;
}

static void viewer_reload(struct viewer *v)
{
	viewer_open(v, v->doc_path, NULL, scroll_css_y(v));
}

static bool same_file(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	char ra[PATH_MAX], rb[PATH_MAX];
	if (realpath(a, ra) && realpath(b, rb))
		return strcmp(ra, rb) == 0;
	return strcmp(a, b) == 0;
}

static void remember_scroll(struct viewer *v)
{
	struct viewer_history_entry *cur = viewer_history_current(&v->history);
	if (cur)
		cur->scroll_y = scroll_css_y(v);
}

/* Follows a link's href: same-document fragments scroll, local files
 * load, anything else is refused with a message. */
static void viewer_follow(struct viewer *v, const char *href)
{
	char fragment[512] = "";
	if (href[0] == '#') {
		remember_scroll(v);
		if (scroll_to_fragment(v, href + 1) || !href[1]) {
			if (!href[1])
				scroll_to(v, 0, 0);
			viewer_history_push(&v->history, v->doc_path, scroll_css_y(v));
		}
		return;
	}
	viewer_tiles_sync(&v->tiles);
	const char *target = weft_document_resolve_link(v->doc, href, fragment, sizeof(fragment));
	if (!target) {
		viewer_show_message(v, "weft view opens local files only: %s", href);
		return;
	}
	remember_scroll(v);
	if (fragment[0] && !v->doc_is_error && same_file(target, v->doc_path)) {
		if (scroll_to_fragment(v, fragment))
			viewer_history_push(&v->history, v->doc_path, scroll_css_y(v));
		return;
	}
	char *path = base_xstrdup(target); /* target lives in the old document */
	viewer_open(v, path, fragment, 0);
	viewer_history_push(&v->history, path, scroll_css_y(v));
	free(path);
}

static void viewer_go(struct viewer *v, int delta)
{
	remember_scroll(v);
	bool had_start = v->doc_path == NULL;
	char *old = v->doc_path ? base_xstrdup(v->doc_path) : NULL;
	struct viewer_history_entry *e = viewer_history_go(&v->history, delta);
	if (e) {
		bool same = (e->path == NULL && had_start) || (e->path && old && strcmp(e->path, old) == 0);
		if (same && !v->doc_is_error)
			scroll_to(v, v->scroll_x, e->scroll_y * v->scale);
		else
			viewer_open(v, e->path, NULL, e->scroll_y);
	}
	free(old);
}

static void set_zoom(struct viewer *v, int direction)
{
	size_t n = BASE_ARRAY_LEN(viewer_zoom_levels), i = 0;
	while (i + 1 < n && viewer_zoom_levels[i] < v->zoom - 0.001f)
		i++;
	float zoom = 1.0f;
	if (direction > 0)
		zoom = viewer_zoom_levels[viewer_zoom_levels[i] > v->zoom + 0.001f ? i : BASE_MIN(i + 1, n - 1)];
	else if (direction < 0)
		zoom = viewer_zoom_levels[i > 0 ? i - 1 : 0];
	if (zoom == v->zoom)
		return;
	v->zoom = zoom;
	v->scale = v->hidpi * zoom;
	v->needs_layout = true;
	viewer_request_frame(v, VIEWER_FRAME_ZOOM);
	viewer_show_message(v, "Zoom %d%%", (int)lroundf(zoom * 100));
}

/* Picks up the window's size and HiDPI factor after a change. */
static void update_sizes(struct viewer *v)
{
	int ww, wh, dw, dh;
	SDL_GetWindowSize(v->window, &ww, &wh);
	if (SDL_GetRendererOutputSize(v->renderer, &dw, &dh) != 0) {
		dw = ww;
		dh = wh;
	}
	ww = BASE_MAX(ww, 1);
	wh = BASE_MAX(wh, 1);
	dw = BASE_MAX(dw, 1);
	dh = BASE_MAX(dh, 1);
	if (v->texture && ww == v->win_w && wh == v->win_h && dw == v->dev_w && dh == v->dev_h)
		return;
	v->win_w = ww;
	v->win_h = wh;
	v->dev_w = dw;
	v->dev_h = dh;
	v->hidpi = (float)dw / (float)ww;
	v->scale = v->hidpi * v->zoom;
	if (v->texture)
		SDL_DestroyTexture(v->texture);
	v->texture = SDL_CreateTexture(v->renderer, v->format, SDL_TEXTUREACCESS_STREAMING, dw, dh);
	if (!v->texture) {
		fprintf(stderr, "weft view: cannot create a %dx%d texture: %s\n", dw, dh, SDL_GetError());
		v->status = 1;
		v->quit = true;
		return;
	}
	SDL_SetTextureBlendMode(v->texture, SDL_BLENDMODE_NONE);
	viewer_tiles_resize(&v->tiles, dw, dh);
	v->message_ready = false;
	v->needs_layout = true;
	viewer_request_frame(v, VIEWER_FRAME_RESIZE);
}

static void window_to_document(const struct viewer *v, int wx, int wy, float *x, float *y)
{
	*x = (float)((wx * v->hidpi + lround(v->scroll_x)) / v->scale);
	*y = (float)((wy * v->hidpi + lround(v->scroll_y)) / v->scale);
}

static void hit_at(struct viewer *v, int wx, int wy, struct weft_hit *hit)
{
	memset(hit, 0, sizeof(*hit));
	float x, y;
	window_to_document(v, wx, wy, &x, &y);
	viewer_tiles_sync(&v->tiles);
	if (v->doc && weft_document_hit_test(v->doc, x, y, hit) != WEFT_OK)
		memset(hit, 0, sizeof(*hit));
	hit->href[sizeof(hit->href) - 1] = '\0';
}

/* Applies the pointer's position to the document: :hover/:active styles
 * and the cursor shape. */
static void update_pointer(struct viewer *v)
{
	v->pointer_moved = false;
	if (!v->doc || v->needs_layout)
		return;
	viewer_tiles_sync(&v->tiles);
	float x = -1, y = -1;
	int cursor = 0;
	if (v->pointer_inside) {
		window_to_document(v, v->pointer_x, v->pointer_y, &x, &y);
		struct weft_hit hit;
		hit_at(v, v->pointer_x, v->pointer_y, &hit);
		cursor = hit.is_link ? 1 : hit.cursor;
	}
	if (cursor < 0 || cursor >= (int)BASE_ARRAY_LEN(v->cursors))
		cursor = 0;
	if (cursor != v->cursor && v->cursors[cursor]) {
		SDL_SetCursor(v->cursors[cursor]);
		v->cursor = cursor;
	}
	/* The restyle happens inside set_pointer: it counts in the frame. */
	uint64_t start = base_now_ns(), cpu_start = viewer_cpu_ns();
	if (weft_document_set_pointer(v->doc, x, y, v->button_down && v->pointer_inside)) {
		struct weft_timings t;
		weft_document_timings(v->doc, &t);
		v->damage = BASE_MAX(v->damage, t.damage);
		/* :hover and :active styles may change the layout too. */
		struct weft_error err = {0};
		if (weft_document_layout(v->doc, &err) == WEFT_OK) {
			weft_document_size(v->doc, &v->doc_w, &v->doc_h);
			v->scroll_x = BASE_MIN(v->scroll_x, max_scroll_x(v));
			v->scroll_y = BASE_MIN(v->scroll_y, max_scroll_y(v));
		}
		v->work_ns += base_now_ns() - start;
		v->work_cpu_ns += viewer_cpu_ns() - cpu_start;
		if (t.damage == WEFT_DAMAGE_REPAINT) {
			/* Same geometry: repaint only the area the change
			 * touches, inside the cached strips. */
			float dx, dy, dw, dh;
			weft_document_damage_area(v->doc, &dx, &dy, &dw, &dh);
			viewer_tiles_damage(&v->tiles, (double)dx * v->scale, (double)dy * v->scale,
					    ((double)dx + dw) * v->scale, ((double)dy + dh) * v->scale);
		} else {
			viewer_tiles_invalidate(&v->tiles);
		}
		viewer_request_frame(v, VIEWER_FRAME_HOVER);
	}
}

static void save_screenshot(struct viewer *v)
{
	char name[64];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(name, sizeof(name), "weft-%Y%m%d-%H%M%S.png", &tm);
	free(v->screenshot_path);
	v->screenshot_path = base_xstrdup(name);
	v->screenshot_announce = true;
	viewer_request_frame(v, VIEWER_FRAME_OTHER);
}

static void handle_key(struct viewer *v, const SDL_KeyboardEvent *k)
{
	Uint16 mod = k->keysym.mod;
	bool ctrl = mod & KMOD_CTRL, alt = mod & KMOD_ALT, shift = mod & KMOD_SHIFT;
	double line = VIEWER_LINE_PX * v->scale;
	double page = BASE_MAX(v->dev_h - VIEWER_PAGE_OVERLAP_PX * v->scale, v->dev_h / 2.0);
	if (viewer_find_key(v, k))
		return;
	switch (k->keysym.sym) {
	case SDLK_ESCAPE: v->quit = true; break;
	case SDLK_f:
		if (ctrl)
			viewer_find_open(v);
		break;
	case SDLK_q:
		if (ctrl)
			v->quit = true;
		break;
	case SDLK_r:
		if (ctrl)
			viewer_reload(v);
		break;
	case SDLK_F5: viewer_reload(v); break;
	case SDLK_s:
		if (ctrl)
			save_screenshot(v);
		break;
	case SDLK_PLUS:
	case SDLK_EQUALS:
	case SDLK_KP_PLUS:
		if (ctrl)
			set_zoom(v, 1);
		break;
	case SDLK_MINUS:
	case SDLK_KP_MINUS:
		if (ctrl)
			set_zoom(v, -1);
		break;
	case SDLK_0:
	case SDLK_KP_0:
		if (ctrl)
			set_zoom(v, 0);
		break;
	case SDLK_LEFT:
		if (alt)
			viewer_go(v, -1);
		else
			scroll_by(v, -line, 0);
		break;
	case SDLK_RIGHT:
		if (alt)
			viewer_go(v, 1);
		else
			scroll_by(v, line, 0);
		break;
	case SDLK_BACKSPACE: viewer_go(v, shift ? 1 : -1); break;
	case SDLK_UP: scroll_by(v, 0, -line); break;
	case SDLK_DOWN: scroll_by(v, 0, line); break;
	case SDLK_PAGEUP: scroll_by(v, 0, -page); break;
	case SDLK_PAGEDOWN: scroll_by(v, 0, page); break;
	case SDLK_SPACE: scroll_by(v, 0, shift ? -page : page); break;
	case SDLK_HOME: scroll_to(v, v->scroll_x, 0); break;
	case SDLK_END: scroll_to(v, v->scroll_x, max_scroll_y(v)); break;
	default: break;
	}
}

static void handle_button(struct viewer *v, const SDL_MouseButtonEvent *b)
{
	v->pointer_x = b->x;
	v->pointer_y = b->y;
	v->pointer_inside = true;
	if (b->type == SDL_MOUSEBUTTONDOWN) {
		if (b->button == SDL_BUTTON_X1)
			viewer_go(v, -1);
		else if (b->button == SDL_BUTTON_X2)
			viewer_go(v, 1);
		if (b->button != SDL_BUTTON_LEFT)
			return;
		v->button_down = true;
		struct weft_hit hit;
		hit_at(v, b->x, b->y, &hit);
		v->pressed_link = hit.is_link;
		snprintf(v->pressed_href, sizeof(v->pressed_href), "%s", hit.is_link ? hit.href : "");
		update_pointer(v);
		return;
	}
	if (b->button != SDL_BUTTON_LEFT)
		return;
	v->button_down = false;
	update_pointer(v);
	if (!v->pressed_link)
		return;
	v->pressed_link = false;
	struct weft_hit hit;
	hit_at(v, b->x, b->y, &hit);
	if (hit.is_link && strcmp(hit.href, v->pressed_href) == 0)
		viewer_follow(v, v->pressed_href);
}

static void handle_event(struct viewer *v, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_QUIT: v->quit = true; break;
	case SDL_WINDOWEVENT:
		switch (e->window.event) {
		case SDL_WINDOWEVENT_SIZE_CHANGED:
			update_sizes(v);
			if (v->script)
				viewer_script_window_resized(v->script, v->win_w, v->win_h);
			break;
		case SDL_WINDOWEVENT_EXPOSED: viewer_request_frame(v, VIEWER_FRAME_OTHER); break;
		case SDL_WINDOWEVENT_LEAVE:
			v->pointer_inside = false;
			v->pointer_moved = true;
			break;
		case SDL_WINDOWEVENT_CLOSE: v->quit = true; break;
		default: break;
		}
		break;
	case SDL_MOUSEMOTION:
		v->pointer_x = e->motion.x;
		v->pointer_y = e->motion.y;
		v->pointer_inside = true;
		v->pointer_moved = true;
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP: handle_button(v, &e->button); break;
	case SDL_MOUSEWHEEL: {
		float dx = e->wheel.preciseX, dy = e->wheel.preciseY;
		if (e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED) {
			dx = -dx;
			dy = -dy;
		}
		if (SDL_GetModState() & KMOD_CTRL) {
			if (dy != 0)
				set_zoom(v, dy > 0 ? 1 : -1);
			break;
		}
		scroll_by(v, (double)dx * VIEWER_WHEEL_PX * v->scale, -(double)dy * VIEWER_WHEEL_PX * v->scale);
		break;
	}
	case SDL_KEYDOWN: handle_key(v, &e->key); break;
	case SDL_TEXTINPUT: viewer_find_input(v, e->text.text); break;
	default: break;
	}
}

/* How long the loop may sleep waiting for events, in ms. */
static int loop_timeout(struct viewer *v)
{
	if (v->dirty || v->needs_layout || v->pointer_moved)
		return 0;
	uint64_t now = base_now_ns();
	int timeout = v->watch.fd >= 0 ? VIEWER_POLL_MS : 500;
	if (v->message[0]) {
		/* The find bar's message has no end (UINT64_MAX). */
		uint64_t ms = v->message_until > now ? (v->message_until - now) / 1000000 + 1 : 0;
		timeout = (int)BASE_MIN((uint64_t)timeout, ms);
	}
	if (v->script) {
		int ms = viewer_script_timeout(v->script, now);
		if (ms >= 0)
			timeout = BASE_MIN(timeout, ms);
	}
	return timeout;
}

static void viewer_loop(struct viewer *v)
{
	while (!v->quit) {
		SDL_Event e;
		int timeout = loop_timeout(v);
		if (timeout == 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, timeout)) {
			handle_event(v, &e);
			while (!v->quit && SDL_PollEvent(&e))
				handle_event(v, &e);
		}
		if (v->quit)
			break;
		uint64_t now = base_now_ns();
		if (viewer_watch_poll(&v->watch, now)) {
			viewer_reload(v);
			v->auto_reloads++;
		}
		if (v->message[0] && now >= v->message_until) {
			v->message[0] = '\0';
			viewer_request_frame(v, VIEWER_FRAME_OTHER);
		}
		if (v->pointer_moved)
			update_pointer(v);
		if (v->dirty || v->needs_layout) {
			viewer_render_frame(v);
			viewer_prefetch(v);
			continue;
		}
		if (v->script)
			viewer_script_step(v, v->script);
		viewer_prefetch(v);
	}
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long n = s ? strtol(s, &end, 10) : 0;
	if (!s || *end || n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

struct viewer_args {
	const char *page;
	const char *script;
	int width, height;
	float zoom;
	bool stats;
};

/* Returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, struct viewer_args *a)
{
	*a = (struct viewer_args){.width = VIEWER_DEFAULT_WIDTH, .height = VIEWER_DEFAULT_HEIGHT, .zoom = 1};
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(viewer_usage, stdout);
			return 0;
		} else if (strcmp(arg, "--width") == 0 || strcmp(arg, "--height") == 0) {
			if (!parse_int(val, 1, 16384, arg[2] == 'w' ? &a->width : &a->height)) {
				fprintf(stderr, "weft view: %s needs a size from 1 to 16384\n", arg);
				return 2;
			}
			i++;
		} else if (strcmp(arg, "--zoom") == 0) {
			char *end;
			double z = val ? strtod(val, &end) : 0;
			if (!val || *end || !(z >= 0.25 && z <= 5)) {
				fprintf(stderr, "weft view: --zoom needs a factor from 0.25 to 5\n");
				return 2;
			}
			a->zoom = (float)z;
			i++;
		} else if (strcmp(arg, "--script") == 0) {
			if (!val) {
				fprintf(stderr, "weft view: --script needs a file\n");
				return 2;
			}
			a->script = val;
			i++;
		} else if (strcmp(arg, "--stats") == 0) {
			a->stats = true;
		} else if (arg[0] == '-' && arg[1]) {
			fprintf(stderr, "weft view: unknown option %s\n%s", arg, viewer_usage);
			return 2;
		} else if (a->page) {
			fprintf(stderr, "weft view: one page at a time\n%s", viewer_usage);
			return 2;
		} else {
			a->page = arg;
		}
	}
	return -1;
}

/* The texture format: the window's own when the renderer takes it, so
 * that presenting is a copy without conversion. */
static uint32_t pick_format(SDL_Window *window, SDL_Renderer *renderer)
{
	uint32_t wf = SDL_GetWindowPixelFormat(window);
	SDL_RendererInfo info;
	if (SDL_BYTESPERPIXEL(wf) == 4 && !SDL_ISPIXELFORMAT_FOURCC(wf) && SDL_GetRendererInfo(renderer, &info) == 0)
		for (Uint32 i = 0; i < info.num_texture_formats; i++)
			if (info.texture_formats[i] == wf)
				return wf;
	return SDL_PIXELFORMAT_ARGB8888;
}

static void viewer_free(struct viewer *v)
{
	/* The background painter may be using the document. */
	viewer_tiles_free(&v->tiles);
	if (v->doc)
		weft_document_free(v->doc);
	if (v->engine)
		weft_engine_free(v->engine);
	free(v->doc_path);
	free(v->screenshot_path);
	free(v->find_rects);
	free(v->message_pixels);
	free(v->message_native);
	viewer_history_free(&v->history);
	viewer_watch_free(&v->watch);
	viewer_script_free(v->script);
	viewer_stats_free(&v->stats);
	for (size_t i = 0; i < BASE_ARRAY_LEN(v->cursors); i++)
		if (v->cursors[i])
			SDL_FreeCursor(v->cursors[i]);
	if (v->texture)
		SDL_DestroyTexture(v->texture);
	if (v->renderer)
		SDL_DestroyRenderer(v->renderer);
	if (v->window)
		SDL_DestroyWindow(v->window);
	SDL_Quit();
}

/* Opens the window; false (message printed) when there is no display. */
static bool open_window(struct viewer *v, const struct viewer_args *a)
{
	/* A document window must not switch the desktop's compositor off. */
	SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		fprintf(stderr,
			"weft view: no display available (%s); set DISPLAY or WAYLAND_DISPLAY, or run under "
			"xvfb-run\n",
			SDL_GetError());
		return false;
	}
	v->window = SDL_CreateWindow("weft", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, a->width, a->height,
				     SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
	if (!v->window) {
		fprintf(stderr, "weft view: cannot open a window: %s\n", SDL_GetError());
		return false;
	}
	v->renderer = SDL_CreateRenderer(v->window, -1, 0);
	if (!v->renderer)
		v->renderer = SDL_CreateRenderer(v->window, -1, SDL_RENDERER_SOFTWARE);
	if (!v->renderer) {
		fprintf(stderr, "weft view: cannot create a renderer: %s\n", SDL_GetError());
		return false;
	}
	v->format = pick_format(v->window, v->renderer);
	viewer_tiles_init(&v->tiles, v->format);
	v->cursors[0] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_ARROW);
	v->cursors[1] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_HAND);
	v->cursors[2] = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_IBEAM);
	return true;
}

int shell_cmd_view(int argc, char **argv)
{
	struct viewer_args args;
	int rc = parse_args(argc, argv, &args);
	if (rc >= 0)
		return rc;
#ifdef __GLIBC__
	/* A relayout frees the last layout and builds one as large: keep
	 * freed blocks in the process instead of unmapping or trimming
	 * them, which made every resize fault in megabytes of fresh zeroed
	 * pages (about 850 faults, 3.5 ms of system time, on an article). */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
	struct viewer v = {.zoom = args.zoom, .stats_enabled = args.stats, .show_scrollbar = true, .damage = -1};
	viewer_watch_init(&v.watch);
	struct weft_error err = {0};
	if (!open_window(&v, &args)) {
		viewer_free(&v);
		return 2;
	}
	if (args.script && !(v.script = viewer_script_load(args.script, &err))) {
		fprintf(stderr, "weft view: %s\n", err.message);
		viewer_free(&v);
		return 2;
	}
	struct weft_engine_options eopt = {0};
	v.engine = weft_engine_new(&eopt, &err);
	if (!v.engine) {
		fprintf(stderr, "weft view: %s\n", err.message);
		viewer_free(&v);
		return 1;
	}
	update_sizes(&v);
	if (!v.quit) {
		viewer_open(&v, args.page, NULL, 0);
		viewer_history_push(&v.history, v.doc_path, 0);
		viewer_loop(&v);
	}
	if (v.stats_enabled)
		viewer_stats_print(&v.stats, stdout);
	int status = v.status;
	viewer_free(&v);
	return status;
}
