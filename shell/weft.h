/* weft.h — the embedding API of libweft.
 *
 * A struct weft_engine holds what documents share: fonts (system fonts
 * through fontconfig plus any font directories added), the thread pool and
 * the WPT-style root directory for root-relative URLs. A struct
 * weft_document is one loaded page: its DOM, styles, layout and display
 * list, rebuilt stage by stage when the viewport or state changes.
 *
 * Ownership: every weft_*_new / weft_document_load_* result is owned by the
 * caller and released with the matching *_free. Strings returned by
 * weft_document_* accessors belong to the document and stay valid until the
 * next call that changes it (set_viewport, layout, set_hover...) or until it
 * is freed. Pixel buffers are always the caller's.
 *
 * Threads: an engine may be shared by several threads, each working on its
 * own documents; one document is used by one thread at a time, except that
 * once it has painted (its display list is built) the painting calls
 * (weft_document_paint, _paint_scrolled, _paint_area, _attached_area) may
 * run on several threads at once while no other call is made on it. */
#ifndef WEFT_H
#define WEFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum weft_status {
	WEFT_OK = 0,
	WEFT_ERR_RENDER = 1, /* something could not be rendered; details in the error */
	WEFT_ERR_INPUT = 2, /* missing/unreadable input, bad arguments */
};

/* Errors carry one human-readable line. */
struct weft_error {
	enum weft_status status;
	char message[512];
};

struct weft_engine_options {
	int threads; /* 0: one per core */
	/* Directory that root-relative URLs ("/fonts/Ahem.ttf") resolve
	 * against; NULL for the filesystem root. Fonts in ROOT/fonts are
	 * offered as installed fonts. */
	const char *root_dir;
	/* Further directories of fonts offered as installed (may be NULL). */
	const char *const *font_dirs;
	size_t font_dir_count;
};

struct weft_engine;
struct weft_document;

struct weft_engine *weft_engine_new(const struct weft_engine_options *opt, struct weft_error *err);
void weft_engine_free(struct weft_engine *engine);
int weft_engine_threads(const struct weft_engine *engine);

struct weft_load_options {
	bool force_xml; /* parse as XHTML whatever the file name */
	float viewport_width; /* CSS px; 0 means 800 */
	float viewport_height; /* CSS px; 0 means 600 */
};

/* Loads a local file ("-" reads standard input). XHTML is chosen by the
 * .xht/.xhtml extension or force_xml. */
struct weft_document *weft_document_load_file(struct weft_engine *engine, const char *path,
					      const struct weft_load_options *opt, struct weft_error *err);
/* Loads from memory; base_path names the document for resolving relative
 * URLs (may be NULL: the current directory). The bytes are copied. */
struct weft_document *weft_document_load_bytes(struct weft_engine *engine, const char *bytes, size_t len,
					       const char *base_path, const struct weft_load_options *opt,
					       struct weft_error *err);
void weft_document_free(struct weft_document *doc);

/* The pipeline stages, each callable on its own (benchmarks time them
 * separately); later stages run the earlier ones when needed. */
int weft_document_set_viewport(struct weft_document *doc, float width, float height);
int weft_document_style(struct weft_document *doc, struct weft_error *err);
int weft_document_layout(struct weft_document *doc, struct weft_error *err);

/* Size of the laid-out document (scrollable overflow), CSS px. */
void weft_document_size(struct weft_document *doc, float *width, float *height);
const char *weft_document_title(struct weft_document *doc);
/* Problems met while loading and rendering (broken images, bad
 * stylesheets...), one line each; index from 0, NULL past the end. */
const char *weft_document_warning(const struct weft_document *doc, size_t index);

/* Where to paint: caller-owned RGBA8 pixels (straight alpha, R G B A byte
 * order), device-pixel size width x height with the given row stride in
 * bytes. The region painted starts at (scroll_x, scroll_y) CSS px of the
 * document and covers width/scale x height/scale CSS px. */
struct weft_paint_target {
	uint8_t *pixels;
	int width;
	int height;
	size_t stride;
	float scale; /* device px per CSS px, > 0: zoom times display density */
	float scroll_x;
	float scroll_y;
};

int weft_document_paint(struct weft_document *doc, const struct weft_paint_target *target, struct weft_error *err);
/* Paints only the content that moves with the document, without what is
 * attached to the viewport (fixed and sticky boxes with their stacking
 * contexts, fixed backgrounds): pixels that can be reused at any scroll
 * position, as a browser's scrolled layer. */
int weft_document_paint_scrolled(struct weft_document *doc, const struct weft_paint_target *target,
				 struct weft_error *err);

/* A rectangle of device pixels. */
struct weft_pixel_rect {
	int x, y, width, height;
};
/* An area of a window where content attached to the viewport paints. */
struct weft_attached_area {
	struct weft_pixel_rect rect;
	/* Nothing that scrolls shows there (absent, or under an opaque fixed
	 * or sticky box): its pixels equal those painted for another scroll
	 * position with the same rect and key (and the same display list). */
	bool self_contained;
	uint64_t key;
};
/* The areas of `window` (a target showing the whole viewport; device px
 * from its top-left) where content attached to the viewport paints at the
 * window's scroll position: weft_document_paint_scrolled() with these
 * areas painted again in full by weft_document_paint_area() is
 * weft_document_paint(). Fills at most max (they may overlap); returns how
 * many, 0 when nothing attached is visible or the display list cannot be
 * built. */
size_t weft_document_attached_area(struct weft_document *doc, const struct weft_paint_target *window,
				   struct weft_attached_area *out, size_t max);
/* Paints the rectangle `area` of `window` (its pixels are not used) into
 * `pixels` (area.width x area.height, rows `stride` bytes apart), exactly as
 * weft_document_paint() paints those pixels of the window. */
int weft_document_paint_area(struct weft_document *doc, const struct weft_paint_target *window,
			     struct weft_pixel_rect area, uint8_t *pixels, size_t stride, struct weft_error *err);

/* PNG files: write RGBA8 pixels; read into a malloc'ed RGBA8 buffer that the
 * caller frees with free(). */
int weft_png_write(const char *path, const uint8_t *pixels, int width, int height, size_t stride,
		   struct weft_error *err);
uint8_t *weft_png_read(const char *path, int *width, int *height, struct weft_error *err);

enum weft_dump_kind {
	WEFT_DUMP_DOM, /* readable tree */
	WEFT_DUMP_DOM_HTML5LIB, /* html5lib-tests #document format */
	WEFT_DUMP_DOM_HTML, /* HTML serialisation */
	WEFT_DUMP_PARSE_ERRORS, /* line:column: code, one per line */
	WEFT_DUMP_STYLE, /* readable computed styles */
	WEFT_DUMP_STYLE_JSON, /* one JSON object per element, getComputedStyle() values */
	WEFT_DUMP_LAYOUT, /* box/fragment tree with geometry */
	WEFT_DUMP_BOXES_JSON, /* one JSON object per element, getBoundingClientRect() */
	WEFT_DUMP_DISPLAY_LIST,
};

/* Writes the dump to out; runs the stages it needs. */
int weft_document_dump(struct weft_document *doc, enum weft_dump_kind kind, FILE *out, struct weft_error *err);

/* Fragment parsing and tokenizer output for conformance harnesses. */
int weft_dump_html_fragment(const char *bytes, size_t len, const char *context, bool scripting, FILE *out);
int weft_dump_html_document(const char *bytes, size_t len, bool scripting, FILE *out);
int weft_dump_html_tokens(const char *bytes, size_t len, FILE *out);

/* Interaction, for the viewer. Coordinates are document CSS px. */
struct weft_hit {
	bool is_link;
	char href[1024]; /* the link's href as written, when is_link */
	int cursor; /* 0 default, 1 pointer (hand), 2 text */
};

int weft_document_hit_test(struct weft_document *doc, float x, float y, struct weft_hit *hit);
/* Sets the hover/active point; returns true when some style changed (the
 * caller should repaint what weft_document_damage_area() says). Only the
 * elements a :hover/:active rule can affect are styled again; the layout
 * is kept when only paint-only values changed. Pass negative coordinates
 * to clear. */
bool weft_document_set_pointer(struct weft_document *doc, float x, float y, bool active);
/* The document area (CSS px) whose pixels the last call of
 * weft_document_set_pointer() that returned true may have changed: only
 * it needs repainting (everything after a relayout). */
void weft_document_damage_area(const struct weft_document *doc, float *x, float *y, float *width, float *height);
/* Find in page: the border boxes (document CSS px) of the text runs (text
 * of one line in one box) that contain `text`, ASCII case-insensitively,
 * in document order. Fills at most max rectangles; returns how many runs
 * match. A match split across two runs is not found. */
struct weft_rect {
	float x, y, width, height;
};
size_t weft_document_find_text(struct weft_document *doc, const char *text, struct weft_rect *out, size_t max);
/* Document y of the element with id or name `fragment` (without '#');
 * false when there is none. */
bool weft_document_anchor_position(struct weft_document *doc, const char *fragment, float *y);
/* Resolves a link href against the document into a local file path
 * (arena of the document); NULL for non-file URLs such as http:. */
const char *weft_document_resolve_link(struct weft_document *doc, const char *href, char *fragment,
				       size_t fragment_size);
/* Files the document depends on (itself, stylesheets, images), for reload
 * on change; index from 0, NULL past the end. */
const char *weft_document_dependency(const struct weft_document *doc, size_t index);

/* Per-stage timings of the last run of each stage, in nanoseconds. */
struct weft_timings {
	uint64_t parse_ns;
	uint64_t style_ns;
	uint64_t layout_ns;
	uint64_t paint_ns;
	size_t input_bytes;
	/* Style-sharing statistics of the last style pass. */
	size_t styled_elements;
	size_t style_shared;
	/* Block boxes the last layout laid out, and those it reused from
	 * the previous layout (a relayout after a restyle). */
	size_t layout_boxes;
	size_t layout_boxes_reused;
	/* The last weft_document_set_pointer() that changed the element
	 * state: its restyle time, elements restyled and damage. */
	uint64_t restyle_ns;
	size_t restyled_elements;
	int damage; /* enum weft_damage */
};

enum weft_damage {
	WEFT_DAMAGE_NONE, /* no style changed: layout and display list kept */
	WEFT_DAMAGE_REPAINT, /* paint-only changes: layout kept, display list rebuilt */
	WEFT_DAMAGE_RELAYOUT, /* layout and display list rebuilt */
	WEFT_DAMAGE_RESTYLE, /* everything styled again from scratch */
};

void weft_document_timings(const struct weft_document *doc, struct weft_timings *t);

#ifdef __cplusplus
}
#endif
#endif
