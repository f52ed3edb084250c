/* Display list items, shared by the builder (display_list.c and the box
 * painters) and the rasterizer (raster.c). Internal to paint/.
 *
 * Geometry is in item-local CSS px; `tf` maps it to document CSS px (NULL
 * is the identity). Everything is allocated in the display list's arena. */
#ifndef WEFT_PAINT_DISPLAY_LIST_H
#define WEFT_PAINT_DISPLAY_LIST_H

#include "paint/paint.h"

/* An affine map: x' = a x + c y + e, y' = b x + d y + f. */
struct paint_matrix {
	float a, b, c, d, e, f;
};

struct paint_rect {
	float x0, y0, x1, y1;
};

/* A rounded rectangle: radii per corner (top-left, top-right,
 * bottom-right, bottom-left), horizontal rx and vertical ry. */
struct paint_rrect {
	float x, y, w, h;
	float rx[4], ry[4];
};

/* Polygon contours (closed), nonzero winding. */
struct paint_poly {
	float *pts; /* x,y pairs */
	size_t *contour_end; /* index (in points) past each contour */
	float *contour_box; /* x0,y0,x1,y1 of each contour, for culling */
	size_t contour_count;
};

enum paint_shape_kind {
	PAINT_SHAPE_NONE, /* everything */
	PAINT_SHAPE_RRECT, /* a */
	PAINT_SHAPE_RING, /* a minus b (b inside a) */
	PAINT_SHAPE_POLY,
};

struct paint_shape {
	uint8_t kind;
	bool invert; /* coverage 1 - c */
	struct paint_rrect a, b;
	const struct paint_poly *poly;
};

/* A clip in the chain: content outside `shape` (mapped by tf) is dropped. */
struct paint_clip {
	const struct paint_clip *parent;
	struct paint_rrect r;
	const struct paint_matrix *tf;
	bool fixed;
	const struct layout_sticky *sticky; /* inside a box stuck to the viewport */
};

enum paint_source_kind {
	PAINT_SRC_COLOR,
	PAINT_SRC_IMAGE,
	PAINT_SRC_LINEAR,
	PAINT_SRC_RADIAL,
};

/* Colour stops resolved to offsets along the gradient ray (0..1 of its
 * length, possibly outside), premultiplied colours in 0..1. */
struct paint_stop {
	float offset;
	float rgba[4]; /* premultiplied */
	float hint; /* 0.5 = linear; else the transition midpoint to the next stop (0..1) */
};

struct paint_gradient {
	bool repeating;
	/* Linear: from p0 toward p1 (tile-local). Radial: centre p0, radii rx, ry. */
	float x0, y0, x1, y1;
	float rx, ry;
	struct paint_stop *stops;
	size_t stop_count;
};

/* Where an image or gradient tile is placed and how it repeats. */
struct paint_pattern {
	float x, y, w, h; /* one tile, item-local CSS px */
	float step_x, step_y; /* tile pitch (w + spacing) */
	bool repeat_x, repeat_y;
	bool pixelated; /* nearest-neighbour sampling */
};

/* An image draw as Chromium's compositor hands it to Skia at one device px
 * per CSS px (cc's SoftwareImageDecodeCache): `image` is a mipmap level of
 * the drawn part of an image alone, placed by `pattern` and sampled
 * bilinearly without further levels. In the display list's arena. */
struct paint_image_draw {
	const struct layout_image *image;
	struct paint_pattern pattern;
};

enum paint_item_kind {
	PAINT_ITEM_FILL, /* shape & mask, optionally blurred, filled with a source */
	PAINT_ITEM_TEXT, /* glyph runs in a colour, optionally blurred (text-shadow) */
	PAINT_ITEM_PUSH_LAYER, /* begin an opacity group */
	PAINT_ITEM_POP_LAYER, /* composite the group with its opacity */
};

struct paint_item {
	uint8_t kind;
	uint8_t source; /* enum paint_source_kind */
	bool fixed; /* position: fixed content: does not scroll */
	/* Content of a box stuck to the viewport: moves by its sticky offset
	 * for the scroll position (layout_sticky_scroll_offset). */
	const struct layout_sticky *sticky;
	bool snap; /* rounded-rect shapes snap to device pixels (box decorations) */
	const char *what; /* for dumps: "background", "border", "text"... */
	const struct layout_fragment *frag;
	const struct paint_matrix *tf;
	const struct paint_clip *clip;
	struct paint_rect bounds; /* conservative, document CSS px */

	struct paint_shape shape;
	struct paint_shape mask; /* multiplied with shape (border sides, shadow holes) */
	struct paint_shape mask2; /* a second one (dash patterns) */
	float blur_sigma; /* CSS px, applied to the shape/text coverage */

	float color[4]; /* premultiplied 0..1 */
	const struct layout_image *image;
	const struct paint_gradient *gradient;
	struct paint_pattern pattern;
	const struct paint_image_draw *draw; /* image at 1 device px per CSS px, or NULL */

	/* TEXT: runs of a text fragment, origin of its baseline. */
	const struct layout_glyph_run *runs;
	size_t run_count;
	float ox, oy;

	/* PUSH_LAYER: bounds are the union of the group's items; pop_index
	 * is the matching POP_LAYER, so culled groups are skipped whole. */
	float opacity;
	size_t pop_index;
	int depth; /* layer nesting, for dumps */
};

struct paint_mark;

struct paint_display_list {
	struct base_arena arena;
	struct paint_item *items;
	size_t count, cap;
	float canvas_color[4]; /* premultiplied, over white */
	float document_width, document_height;
	float viewport_width, viewport_height;
	/* Indices of the drawing items attached to the viewport (fixed or
	 * sticky), in painting order; malloc'ed. */
	size_t *attached;
	size_t attached_count;
	/* The other drawing items by document band of PAINT_BAND_HEIGHT CSS
	 * px (band b's are band_items[band_start[b] .. band_start[b + 1]]),
	 * those spanning many bands in wide_items; every item in no band
	 * (attached, wide, layers' pushes and pops) in unbanded, in painting
	 * order; malloc'ed. */
	size_t band_count;
	size_t *band_start, *band_items;
	size_t *wide_items, wide_count;
	size_t *unbanded, unbanded_count;
	/* Glyph caches between paintings (raster.c); not part of what the
	 * list draws. */
	struct paint_glyph_stash *glyphs;
	/* The root or body whose background went to the canvas. */
	const struct layout_fragment *canvas_frag;
	/* Restylable lists: where each fragment's items are (display_list.c),
	 * in painting order; malloc'ed. */
	bool restylable;
	struct paint_mark *marks;
	size_t mark_count, mark_cap;
	const struct layout_image_provider *images; /* during the build only */
};

/* The band of document y (CSS px): what scrolls there is in it. */
size_t paint_band_of(const struct paint_display_list *dl, float y);

/* ---- Builder helpers (display_list.c) ---------------------------------- */

/* The state a box is painted in: where it is and what applies to it. */
struct paint_ctx {
	struct paint_display_list *dl;
	const struct paint_matrix *tf;
	const struct paint_clip *clip;
	bool fixed;
	int depth;
	const struct layout_sticky *sticky;
};

struct paint_item *paint_dl_add(struct paint_ctx *c, uint8_t kind, const char *what,
				const struct layout_fragment *frag);
/* Sets an item's document bounds from local ones (grown by blur). */
void paint_item_bounds(struct paint_ctx *c, struct paint_item *it, struct paint_rect local);
void paint_color_premul(struct css_color col, float out[4]);
/* Conservative document-space bounds of a local rect under tf. */
struct paint_rect paint_map_bounds(const struct paint_matrix *tf, struct paint_rect r);
void paint_matrix_apply(const struct paint_matrix *m, float x, float y, float *ox, float *oy);
bool paint_matrix_invert(const struct paint_matrix *m, struct paint_matrix *out);
struct paint_matrix paint_matrix_mul(const struct paint_matrix *l, const struct paint_matrix *r);

/* The border box rounded rectangle of a fragment at (x, y), with radii
 * resolved and scaled down when they overlap (Backgrounds 3 §5.5). */
struct paint_rrect paint_border_rrect(const struct layout_fragment *f, float x, float y);
/* Shrinks a rounded rect by per-side insets (top right bottom left); radii
 * shrink accordingly (Backgrounds 3 §5.2 inner radii). */
struct paint_rrect paint_rrect_inset(const struct paint_rrect *r, const float in[4]);
bool paint_rrect_is_rect(const struct paint_rrect *r);

/* Builds polygons point by point; paint_pb_finish copies the result into
 * the arena and releases the builder. */
struct paint_poly_builder {
	float *pts;
	size_t len, cap; /* floats */
	size_t *ends;
	size_t end_len, end_cap;
};
void paint_pb_point(struct paint_poly_builder *pb, float x, float y);
void paint_pb_close(struct paint_poly_builder *pb);
void paint_pb_rect(struct paint_poly_builder *pb, float x0, float y0, float x1, float y1);
void paint_pb_ellipse(struct paint_poly_builder *pb, float cx, float cy, float rx, float ry);
const struct paint_poly *paint_pb_finish(struct paint_poly_builder *pb, struct base_arena *a);

/* Box painters (box.c, border.c, background.c, shadow.c). */
void paint_box_shadows(struct paint_ctx *c, const struct layout_fragment *f, float x, float y, bool inset);
void paint_box_background(struct paint_ctx *c, const struct layout_fragment *f, float x, float y);
void paint_background_layers(struct paint_ctx *c, const struct layout_fragment *f, const struct css_style *style,
			     float x, float y, const struct paint_rrect *paint_area_override);
void paint_box_borders(struct paint_ctx *c, const struct layout_fragment *f, float x, float y);
/* Leaves out of the border items from first_item on the gap a fieldset's
 * top border keeps for its legend: width px from x, at the top edge y. */
void paint_border_gap(struct paint_ctx *c, size_t first_item, float x, float y, float width, float border_top);
/* A form control the theme draws (theme.c): paints its background and
 * frame and returns true, else false and nothing is painted. */
bool paint_themed_control(struct paint_ctx *c, const struct layout_fragment *f, float x, float y);
void paint_collapsed_borders(struct paint_ctx *c, const struct layout_fragment *f, float x, float y);
/* Paints the border image instead of the borders; false when there is
 * none (or it cannot be loaded), the borders then paint as usual. */
bool paint_border_image(struct paint_ctx *c, const struct layout_fragment *f, float x, float y);
void paint_box_outline(struct paint_ctx *c, const struct layout_fragment *f, float x, float y);
void paint_text(struct paint_ctx *c, const struct layout_fragment *f, float x, float y);
void paint_image_fragment(struct paint_ctx *c, const struct layout_fragment *f, float x, float y);
/* A coordinate snapped to a whole pixel as Blink's LayoutUnit rounds
 * (halves up, also below zero). */
float paint_pixel_snap(float v);
/* Places an image draw as Chromium's compositor makes it: src (image px)
 * drawn into dest (x, y, w, h; whole CSS px). Sets *p to the whole image's
 * placement (no repeat) and returns, when the draw shrinks the image and
 * src is not all of it, the mipmap level cc::SoftwareImageDecodeCache
 * makes of the part of the image under src (rounded out) alone, whose
 * pixel grid starts where that part starts; NULL when the whole image's
 * levels give the same pixels or p is pixelated. */
const struct paint_image_draw *paint_image_place(struct paint_display_list *dl, const struct layout_image *img,
						 const float dest[4], const float src[4], struct paint_pattern *p);
/* Mipmap level `level` (>= 1) of the integer subset (x, y, w, h) of an
 * image, built from that subset alone as SkMipmap builds levels; pixels
 * in the arena. */
const struct layout_image *paint_image_subset_level(struct base_arena *a, const struct layout_image *img, int x,
						    int y, int w, int h, int level);
/* Gradient resolution for a tile of size w x h (gradient.c). */
const struct paint_gradient *paint_gradient_resolve(struct paint_display_list *dl, const struct css_image *img,
						    float w, float h);

#endif
