/* shell/viewer: `weft view`, the SDL2 desktop viewer.
 *
 * The viewer is a client of the embedding API (shell/weft.h) and base/ only.
 * One struct viewer holds the window, the current document and the state
 * around it:
 *   viewer.c          command line, SDL set-up, event loop, navigation
 *   viewer_frame.c    composing a frame: tiles, scrollbar, message bar
 *   viewer_tiles.c    cache of painted strips of the document
 *   viewer_pages.c    generated pages: start page, error page, message bar
 *   viewer_history.c  back/forward list
 *   viewer_watch.c    inotify on the document's dependencies (auto-reload)
 *   viewer_script.c   --script: timed commands injected as SDL events
 *   viewer_stats.c    --stats: per-frame timings, median and p99
 *   viewer_find.c     Ctrl+F find in page: find bar, highlights, Enter for next
 *
 * Coordinates: "window" units are SDL's window coordinates (mouse events);
 * "device" pixels are the drawable's (HiDPI: drawable size / window size);
 * document coordinates are CSS px. scale = device px per CSS px = HiDPI
 * factor x zoom. The scroll position is kept in device px and shown at
 * whole device pixels, so a frame equals `weft render` of the same page at
 * the same size and scroll offset.
 *
 * Ownership: struct viewer owns everything it points to (document, SDL
 * objects, buffers, history strings) and frees it in viewer_free(). */
#ifndef WEFT_SHELL_VIEWER_H
#define WEFT_SHELL_VIEWER_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/base.h"
#include "shell/weft.h"

/* ---- Tile cache --------------------------------------------------------- */

/* Tiles are horizontal strips as wide as the window and this many device
 * px tall; scrolling composes them and paints only strips not yet cached. */
#define VIEWER_TILE_HEIGHT 256

struct viewer_tile {
	int row; /* document device y / VIEWER_TILE_HEIGHT */
	int scroll_x; /* device px the strip was painted at */
	uint64_t last_used;
	bool valid;
	/* Device px of the strip (from its top-left) that changed since it
	 * was painted, repainted before it is shown; empty when none. */
	struct weft_pixel_rect dirty;
	uint8_t *pixels; /* in the cache's format, stride bytes per row */
};

/* The background strip painter: one thread that paints one strip at a
 * time (weft_document_paint_scrolled, then conversion to the cache's
 * format) while the main thread composes and presents frames. The main
 * thread queues a strip, collects it when done and waits for it only when
 * a frame needs it; it waits for the strip in progress before any other
 * call on the document (painting calls may run concurrently, nothing
 * else). Owned by struct viewer_tiles; the thread starts with the first
 * strip queued and is joined by viewer_tiles_free(). */
enum viewer_raster_state {
	VIEWER_RASTER_IDLE,
	VIEWER_RASTER_QUEUED,
	VIEWER_RASTER_RUNNING,
	VIEWER_RASTER_DONE,
};

struct viewer_raster {
	SDL_Thread *thread;
	SDL_mutex *lock;
	SDL_cond *cond; /* signalled on every change of state */
	uint32_t done_event; /* SDL event pushed when a strip is done (wakes the loop) */
	/* Under lock. */
	enum viewer_raster_state state;
	bool quit;
	bool ok; /* the strip done was painted and converted */
	/* The strip queued, in progress or done: set by the main thread while
	 * the painter is idle. */
	struct weft_document *doc;
	struct weft_paint_target target; /* pixels: rgba */
	uint32_t format;
	int row, scroll_x;
	uint8_t *rgba; /* what the engine paints, one strip */
	uint8_t *pixels; /* the strip in `format`; swapped into the cache */
};

void viewer_raster_init(struct viewer_raster *r);
/* Buffers for strips `stride` bytes a row (drops any strip done). */
void viewer_raster_resize(struct viewer_raster *r, size_t stride);
/* Queues strip `row` (VIEWER_TILE_HEIGHT device px, target's width and
 * scale) when the painter is idle; false when it is not. */
bool viewer_raster_queue(struct viewer_raster *r, struct weft_document *doc, const struct weft_paint_target *target,
			 uint32_t format, int row, int scroll_x);
/* Drops a strip queued and not started, then waits for the one in
 * progress to be done. */
void viewer_raster_wait(struct viewer_raster *r);
/* Waits as viewer_raster_wait(), then drops the strip done, if any. */
void viewer_raster_drop(struct viewer_raster *r);
/* The state, under the lock. */
enum viewer_raster_state viewer_raster_state(struct viewer_raster *r);
/* Stops and joins the thread, frees the buffers. */
void viewer_raster_free(struct viewer_raster *r);

/* At most this many separate areas attached to the viewport per frame. */
#define VIEWER_ATTACHED_MAX 8

/* The last painting of an area attached to the viewport (a fixed sidebar,
 * a stuck header) where nothing that scrolls shows: reused while the area
 * and the placement of its content stay the same. */
struct viewer_area {
	struct weft_pixel_rect rect;
	uint64_t key;
	bool valid;
	uint8_t *pixels; /* in the cache's format, rect.width * 4 bytes per row */
	size_t cap;
};

struct viewer_tiles {
	struct viewer_tile *tiles;
	size_t count;
	int width; /* device px */
	size_t stride;
	uint32_t format; /* SDL pixel format of tile pixels (the texture's) */
	int visible; /* strips that can be visible at once */
	uint8_t *scratch; /* RGBA8 strips (`visible` of them) the engine paints into */
	struct viewer_area areas[VIEWER_ATTACHED_MAX];
	struct viewer_raster raster;
	/* A strip was painted on the main thread since the document was last
	 * used otherwise: its display list is built, strips may be painted in
	 * the background. */
	bool list_ready;
	uint64_t clock;
	/* Counters for --stats, reset by the caller. */
	int painted; /* strips painted, whole or their changed part */
	int attached; /* areas attached to the viewport painted (not reused) */
	uint64_t paint_ns; /* painting strips and waiting for the painter */
};

void viewer_tiles_init(struct viewer_tiles *t, uint32_t format);
/* Drops every tile; sizes the cache for strips `width` wide and a window
 * `height` tall (all visible strips plus a margin for prefetching). */
void viewer_tiles_resize(struct viewer_tiles *t, int width, int height);
/* Drops every strip (also the painter's): the document changed. */
void viewer_tiles_invalidate(struct viewer_tiles *t);
/* The display list changed inside document device px [x0, x1) x [y0, y1)
 * only (nothing drawn differs when it is empty): that part of the cached
 * strips is repainted when they are shown next. */
void viewer_tiles_damage(struct viewer_tiles *t, double x0, double y0, double x1, double y1);
/* Waits for the strip the background painter is painting, if any (a
 * queued one is dropped): call before any use of the document other than
 * painting, and invalidate after changing it. */
void viewer_tiles_sync(struct viewer_tiles *t);
/* Takes in the strip the painter finished, then, when it is idle, queues
 * the first of `rows` (in order of need) not cached. Rows [keep_first,
 * keep_last] (those in view) are not replaced. */
void viewer_tiles_prefetch(struct viewer_tiles *t, struct weft_document *doc, float scale, const int *rows,
			   size_t count, int scroll_x, int keep_first, int keep_last);
/* The strip `row` at horizontal scroll scroll_x, painted if not cached.
 * Returns NULL (with err set) when the engine fails to paint. */
const uint8_t *viewer_tiles_get(struct viewer_tiles *t, struct weft_document *doc, float scale, int row,
				int scroll_x, struct weft_error *err);
/* Paints the strips of rows [first, last] not cached yet, in one call. */
bool viewer_tiles_prepare(struct viewer_tiles *t, struct weft_document *doc, float scale, int first, int last,
			  int scroll_x, struct weft_error *err);
/* Paints over the window's `height` rows dst (the cache's format, strips
 * composed for scroll (scroll_x, scroll_y) device px) the areas where
 * content attached to the viewport (fixed and sticky boxes) is for this
 * scroll position: everything is painted again there, so paint order is
 * kept whatever overlaps them. */
bool viewer_tiles_paint_attached(struct viewer_tiles *t, struct weft_document *doc, float scale, int scroll_x,
				 int scroll_y, int height, uint8_t *dst, int pitch, struct weft_error *err);
void viewer_tiles_free(struct viewer_tiles *t);

/* ---- History ------------------------------------------------------------ */

struct viewer_history_entry {
	char *path; /* heap; NULL for the start page */
	double scroll_y; /* CSS px */
};

struct viewer_history {
	struct viewer_history_entry *items;
	size_t len;
	size_t cap;
	size_t pos; /* index of the current entry when len > 0 */
};

/* Drops the entries after the current one and appends a new current one. */
void viewer_history_push(struct viewer_history *h, const char *path, double scroll_y);
struct viewer_history_entry *viewer_history_current(struct viewer_history *h);
/* Moves by delta (-1 back, +1 forward); NULL when there is nothing there. */
struct viewer_history_entry *viewer_history_go(struct viewer_history *h, int delta);
void viewer_history_free(struct viewer_history *h);

/* ---- File watching ------------------------------------------------------ */

struct viewer_watch_file {
	int wd;
	char *name; /* base name inside the watched directory */
};

struct viewer_watch {
	int fd; /* inotify descriptor, -1 when unavailable */
	struct viewer_watch_file *files;
	size_t count;
	uint64_t due_ns; /* reload time after a change (debounced), 0 for none */
};

void viewer_watch_init(struct viewer_watch *w);
/* Watches exactly these files (their directories, so that editors that
 * save by renaming are seen too). */
void viewer_watch_set(struct viewer_watch *w, const char *const *paths, size_t count);
/* Reads pending changes; true once a change has settled and the document
 * should be reloaded. */
bool viewer_watch_poll(struct viewer_watch *w, uint64_t now_ns);
void viewer_watch_free(struct viewer_watch *w);

/* ---- Frame statistics --------------------------------------------------- */

enum viewer_frame_kind {
	VIEWER_FRAME_LOAD,
	VIEWER_FRAME_RESIZE,
	VIEWER_FRAME_ZOOM,
	VIEWER_FRAME_SCROLL,
	VIEWER_FRAME_HOVER,
	VIEWER_FRAME_OTHER,
	VIEWER_FRAME_KIND_COUNT,
};

struct viewer_frame_stat {
	enum viewer_frame_kind kind;
	uint64_t total_ns; /* layout + tiles + compose + present, wall clock */
	uint64_t cpu_ns; /* CPU time of the process (all threads, the background painter's too) meanwhile */
	uint64_t layout_ns;
	uint64_t paint_ns; /* painting strips (within compose) */
	uint64_t compose_ns; /* copying strips into the texture, overlays */
	uint64_t present_ns; /* SDL_RenderCopy + SDL_RenderPresent */
	int tiles_painted;
	int attached_painted; /* areas attached to the viewport painted again */
	int damage; /* hover frames: worst enum weft_damage of the pointer moves it shows; else -1 */
};

struct viewer_stats {
	struct viewer_frame_stat *frames;
	size_t len;
	size_t cap;
};

void viewer_stats_add(struct viewer_stats *s, const struct viewer_frame_stat *f);
/* Every frame, then median and p99 per kind and overall. */
void viewer_stats_print(const struct viewer_stats *s, FILE *out);
void viewer_stats_free(struct viewer_stats *s);

/* ---- Generated pages ---------------------------------------------------- */

/* The start page: examples/start.html with the list of examples filled in,
 * or a built-in page when the examples directory cannot be found. */
struct weft_document *viewer_start_page(struct weft_engine *engine, const struct weft_load_options *opt,
					struct weft_error *err);
/* A page explaining why `path` could not be shown. */
struct weft_document *viewer_error_page(struct weft_engine *engine, const char *path, const char *message,
					const struct weft_load_options *opt, struct weft_error *err);
/* A one-line bar with `text`, width x height device px at scale, painted
 * into RGBA8 pixels. */
int viewer_message_paint(struct weft_engine *engine, const char *text, uint8_t *pixels, int width, int height,
			 float scale, struct weft_error *err);
/* Directory of the bundled examples, or NULL; heap string. */
char *viewer_examples_dir(void);

/* ---- Script ------------------------------------------------------------- */

struct viewer_script;

struct viewer_script *viewer_script_load(const char *path, struct weft_error *err);
void viewer_script_free(struct viewer_script *s);

/* ---- The viewer --------------------------------------------------------- */

struct viewer {
	struct weft_engine *engine;
	struct weft_document *doc;
	char *doc_path; /* heap; NULL for the start page */
	bool doc_is_error;

	SDL_Window *window;
	SDL_Renderer *renderer;
	SDL_Texture *texture;
	uint32_t format; /* texture and tile pixel format */
	SDL_Cursor *cursors[3]; /* indexed by weft_hit.cursor */
	int cursor;

	int win_w, win_h; /* window units */
	int dev_w, dev_h; /* device px */
	float hidpi; /* device px per window unit */
	float zoom;
	float scale; /* device px per CSS px: hidpi * zoom */
	float layout_scale; /* scale of the current layout */
	double scroll_x, scroll_y; /* device px */
	float doc_w, doc_h; /* CSS px */

	struct viewer_tiles tiles;
	struct viewer_history history;
	struct viewer_watch watch;
	struct viewer_script *script;
	struct viewer_stats stats;
	bool stats_enabled;
	bool show_scrollbar;

	/* Pointer, window units. */
	int pointer_x, pointer_y;
	bool pointer_inside;
	bool pointer_moved;
	bool button_down;
	bool pressed_link;
	char pressed_href[1024];

	/* Find in page (Ctrl+F): the text typed, the runs that contain it
	 * (document CSS px, heap) and the one Enter went to. */
	bool find_open;
	char find_text[128];
	struct weft_rect *find_rects;
	size_t find_count, find_shown, find_current;

	/* Message bar. */
	char message[512];
	uint64_t message_until;
	uint8_t *message_pixels; /* RGBA8, dev_w x message_h */
	uint8_t *message_native; /* same, converted to format */
	int message_h;
	bool message_ready;

	bool needs_layout;
	bool dirty;
	int scroll_dir; /* direction of the last vertical scroll: 1 down, -1 up */
	uint64_t work_ns; /* load/layout time since the last frame, for --stats */
	uint64_t work_cpu_ns;
	unsigned reasons; /* bit set of enum viewer_frame_kind for the next frame */
	int damage; /* worst enum weft_damage of the pointer moves since the last frame, or -1 */
	bool quit;
	int auto_reloads; /* reloads after changes on disk, for --script */
	char *screenshot_path; /* pending screenshot of the next frame (heap) */
	bool screenshot_announce; /* Ctrl+S: say where it was saved */
	int status; /* exit status */
};

/* Wheel scrolling: CSS px per unit of SDL's precise wheel delta (one notch
 * of a mouse wheel); a power of two, so script deltas round-trip exactly. */
#define VIEWER_WHEEL_PX 64

/* Actions shared by the event handlers, the frame code and the script. */
/* Asks for a new frame; `reason` classifies it for --stats. */
void viewer_request_frame(struct viewer *v, enum viewer_frame_kind reason);
/* Lays the document out for the current window size and zoom, keeping the
 * scroll position in CSS px. */
void viewer_relayout(struct viewer *v);
void viewer_show_message(struct viewer *v, const char *fmt, ...) BASE_PRINTF(2, 3);
/* Renders and presents one frame (layout first when needed); saves the
 * pending screenshot from the window's pixels before presenting. */
void viewer_render_frame(struct viewer *v);
/* Has the strips next to the visible ones (ahead in the scroll direction
 * first, then one behind) painted in the background. */
void viewer_prefetch(struct viewer *v);
/* CPU time of the process so far, for --stats. */
uint64_t viewer_cpu_ns(void);
/* Find in page: handles a key while the find bar is open; false when the
 * key is not the find bar's. */
bool viewer_find_key(struct viewer *v, const SDL_KeyboardEvent *k);
void viewer_find_open(struct viewer *v);
void viewer_find_input(struct viewer *v, const char *text);
/* Draws the matches over the presented frame. */
void viewer_find_draw(struct viewer *v);
void viewer_find_close(struct viewer *v);
/* Looks again after a relayout (the runs moved). */
void viewer_find_refresh(struct viewer *v);
/* Scrolls to device px (x, y), clamped to the document. */
void viewer_scroll_to(struct viewer *v, double x, double y);
/* Saves what the window shows as a PNG. */
int viewer_screenshot(struct viewer *v, const char *path, struct weft_error *err);

/* Runs the next script command when the viewer is idle. */
void viewer_script_step(struct viewer *v, struct viewer_script *s);
/* Milliseconds until the script needs to run again (for the event wait). */
int viewer_script_timeout(const struct viewer_script *s, uint64_t now_ns);
/* Tells the script the window changed size (a pending resize is done). */
void viewer_script_window_resized(struct viewer_script *s, int w, int h);

#endif
