/* paint: fragment tree to display list to pixels; image decoding; PNG.
 *
 * paint_build_display_list() walks an immutable layout_tree in the CSS 2.1
 * Appendix E painting order (stacking contexts, z-index layers, block
 * backgrounds, floats, inline content, positioned content, outlines) and
 * records flat drawing items: shapes (rounded rectangles, rings, polygons)
 * filled with a source (colour, gradient, image pattern), glyph runs, and
 * opacity layers, each with a transform and a clip chain.
 *
 * paint_rasterize() renders a display list into caller-owned RGBA8 pixels
 * in 256x256 tiles spread over a thread pool. Every tile is rendered
 * independently from the display list alone, so the output is byte-identical
 * for any thread count. Coverage is exact-area anti-aliasing (axis-aligned
 * rectangles at integer device positions get hard edges); compositing is
 * premultiplied sRGB source-over, as browsers do.
 *
 * Ownership: a struct paint_display_list owns everything in it (its arena)
 * and points into the layout tree (glyph runs, faces, images), which must
 * outlive it. A struct paint_images owns every image it decoded and the
 * warnings; its images must outlive the layout trees and display lists that
 * use them. Pixel buffers passed in are the caller's; buffers returned by
 * paint_image_decode()/paint_png_read() are malloc'ed and freed by the
 * caller with free(). Nothing here has global mutable state. */
#ifndef WEFT_PAINT_H
#define WEFT_PAINT_H

#include "layout/layout.h"

/* ---- Display list ------------------------------------------------------- */

struct paint_display_list;

/* Builds the display list of a laid-out document (never NULL). images
 * resolves background-image URLs (may be NULL: none are painted). */
struct paint_display_list *paint_build_display_list(const struct layout_tree *tree,
						    const struct layout_image_provider *images);
/* The same, also remembering which items each fragment painted, so that
 * paint_display_list_restyle() can update them. */
struct paint_display_list *paint_build_display_list_restylable(const struct layout_tree *tree,
							       const struct layout_image_provider *images);
/* After a paint-only restyle pointed fragments at new styles
 * (layout_restyle_fragments()), makes the items of the fragments whose
 * style changed again, in place: the list then equals one built anew, and
 * *damage (document CSS px, at scroll 0 for fixed and sticky content; 0 x 0
 * when nothing changed) bounds the items that differ. False, the list
 * unchanged, when it is not restylable or a change moves content in
 * painting order (opacity, transform, stacking) or may change the canvas
 * (the root's or body's style): build it again. */
bool paint_display_list_restyle(struct paint_display_list *dl, const struct layout_image_provider *images,
				struct layout_rect *damage);
void paint_display_list_free(struct paint_display_list *dl);
/* Number of items, for statistics and benchmarks. */
size_t paint_display_list_count(const struct paint_display_list *dl);
/* One item per line, in painting order, indented by layer nesting. */
void paint_dump_display_list(const struct paint_display_list *dl, struct base_buf *out);

/* ---- Rasterizing ---------------------------------------------------------- */

/* Where to paint: caller-owned RGBA8 pixels (straight alpha, R G B A byte
 * order), width x height device px, rows `stride` bytes apart. The region
 * painted starts at (scroll_x, scroll_y) CSS px of the document; `scale` is
 * device px per CSS px (1 or 2; other positive values work too). */
struct paint_target {
	uint8_t *pixels;
	int width, height;
	size_t stride;
	float scale;
	float scroll_x, scroll_y;
	/* Where the target's top-left corner is in the viewport, CSS px (0, 0
	 * when the target is the whole viewport): content attached to the
	 * viewport is placed for the viewport scrolled to scroll - viewport. */
	float viewport_x, viewport_y;
	/* Leave out the content attached to the viewport (fixed boxes, boxes
	 * stuck by position: sticky, fixed backgrounds): what is left moves
	 * with the document, so its pixels can be reused at any scroll. */
	bool scrolled_only;
	/* Where pixels[0] is in device px of the target so placed: (0, 0)
	 * but for a part of a larger target, whose pixels are then painted in
	 * the whole target's device frame, as the whole would paint them. */
	int origin_x, origin_y;
};

/* An integer rectangle of device px. */
struct paint_irect {
	int x, y, w, h;
};

/* An area of the target where content attached to the viewport paints. */
struct paint_attached {
	struct paint_irect r; /* device px from the target's top-left */
	/* Nothing that scrolls shows there (absent, or under an opaque fixed
	 * or sticky box): its pixels are those of any other painting of the
	 * same area with the same key. */
	bool self_contained;
	uint64_t key; /* where the attached content in it is placed */
};

/* The areas of the target (clipped to it) outside which content attached
 * to the viewport paints nothing, for the target's scroll position:
 * painting them with everything over a scrolled_only painting gives the
 * whole painting. At most max, possibly overlapping; returns how many (0
 * when nothing attached is visible). */
size_t paint_attached_area(const struct paint_display_list *dl, const struct paint_target *t,
			   struct paint_attached *out, size_t max);

/* Paints the whole target (the canvas starts opaque white). pool may be
 * NULL (one thread). Returns 0, or -1 on bad arguments. */
int paint_rasterize(const struct paint_display_list *dl, const struct paint_target *t, struct base_pool *pool);

/* ---- Images ----------------------------------------------------------------- */

/* Limits for decoded images: larger ones are refused as broken. */
#define PAINT_IMAGE_MAX_SIDE 32768
#define PAINT_IMAGE_MAX_PIXELS (256u * 1024u * 1024u)

/* Decodes PNG, JPEG or GIF (first frame), sniffed from the bytes, into
 * premultiplied RGBA8 (out->pixels malloc'ed; free() it). Returns 0, or -1
 * with a one-line reason in err (out untouched). */
int paint_image_decode(const char *bytes, size_t len, struct layout_image *out, char *err, size_t errlen);

/* A thread-safe cache of decoded images keyed by path (or data: URL). Each
 * source is decoded once; failures are remembered (NULL) with a warning. */
struct paint_images;

struct paint_images *paint_images_new(void);
void paint_images_free(struct paint_images *images);
/* The decoded image for a file path or a data: URL, or NULL. */
const struct layout_image *paint_images_get(struct paint_images *images, const char *path);
/* The provider that layout calls (ctx = images). */
struct layout_image_provider paint_images_provider(struct paint_images *images);
/* Warnings about broken or missing images, index from 0; NULL past the
 * end. The strings live as long as the cache. */
const char *paint_images_warning(struct paint_images *images, size_t index);

/* ---- PNG files ---------------------------------------------------------------- */

/* Writes straight-alpha RGBA8 rows. Returns 0 or -1 with err. */
int paint_png_write(const char *path, const uint8_t *pixels, int width, int height, size_t stride, char *err,
		    size_t errlen);
/* Reads any PNG into a malloc'ed straight-alpha RGBA8 buffer (stride
 * width*4), or NULL with err. */
uint8_t *paint_png_read(const char *path, int *width, int *height, char *err, size_t errlen);

#endif
