/* layout: styled DOM to box tree to an immutable fragment tree.
 *
 * Fonts live here too (fontconfig matching, FreeType faces, HarfBuzz
 * shaping), because text must be shaped to be measured; paint reuses the
 * faces that the fragments point to for rasterizing glyphs.
 *
 * Ownership: struct layout_fonts is created by the embedder (one per
 * engine), shared by documents and threads (internally locked), and freed
 * last. A struct layout_tree owns its fragments, glyph runs and strings in
 * its arena; it points into the styled document (styles, DOM nodes), the
 * fonts and the images it was built from, which must outlive it. */
#ifndef WEFT_LAYOUT_H
#define WEFT_LAYOUT_H

#include "css/css.h"

/* ---- Fonts ------------------------------------------------------------ */

struct layout_fonts;
/* A loaded font file face (FreeType face + HarfBuzz font), owned by
 * struct layout_fonts and valid until it is freed. */
struct layout_face;

struct layout_fonts *layout_fonts_new(void);
void layout_fonts_free(struct layout_fonts *fonts);
/* Offers every font file in a directory as an installed font. */
int layout_fonts_add_dir(struct layout_fonts *fonts, const char *dir);
/* Registers an @font-face source for a family (weight 1-1000, style: enum
 * css_font_style). */
int layout_fonts_add_face(struct layout_fonts *fonts, const char *family, const char *path, int weight, int style);

/* Vertical metrics of a face at a size, px. */
struct layout_font_metrics {
	float ascent, descent; /* both positive */
	float line_gap;
	float x_height;
	float cap_height;
	float underline_position; /* below the baseline, positive down */
	float underline_thickness;
	float strikeout_position; /* above the baseline, positive up */
	float strikeout_thickness;
	float space_width;
	float zero_width; /* advance of "0", for ch */
};

/* Metrics of the first available font of a font-family list (CSS Fonts 4
 * §5.2; for ex and ch) at a size, x_height and zero_width as Chromium
 * measures them for these units; false when there is no font at all.
 * Thread-safe. */
bool layout_fonts_first_metrics(struct layout_fonts *fonts, const struct css_font_family *family, int weight, int style, float size,
				struct layout_font_metrics *out);

/* FreeType handle of a face for the rasterizer: an FT_Face, as void * so
 * this header needs no FreeType include. The face is shared; callers
 * rasterizing from several threads must use layout_face_lock/unlock around
 * FreeType calls on it, or keep per-thread copies via layout_face_path(). */
void *layout_face_ft(const struct layout_face *face);
const char *layout_face_path(const struct layout_face *face);
int layout_face_index(const struct layout_face *face);
/* Synthesised styles Chromium applies (oblique slant, bold). */
bool layout_face_synthetic_oblique(const struct layout_face *face);
bool layout_face_synthetic_bold(const struct layout_face *face);
void layout_face_lock(const struct layout_face *face);
void layout_face_unlock(const struct layout_face *face);

/* ---- Images ----------------------------------------------------------- */

/* A decoded image: RGBA8, premultiplied alpha, rows of width*4 bytes.
 * mip is the next mipmap level (half the size, for drawing the image
 * shrunk), owned with the image; NULL when there is none. */
struct layout_image {
	int width, height;
	uint8_t *pixels;
	const struct layout_image *mip;
};

/* Images are decoded by the embedder (paint has the decoders); layout asks
 * for them by resolved file path. The result is owned by the provider and
 * must outlive the layout tree; NULL when missing or broken. */
struct layout_image_provider {
	void *ctx;
	const struct layout_image *(*get)(void *ctx, const char *path);
};

/* ---- Fragment tree ------------------------------------------------------ */

enum layout_fragment_kind {
	LAYOUT_FRAG_BOX, /* a block, inline-block, inline box piece, table part, flex item... */
	LAYOUT_FRAG_TEXT, /* a run of shaped glyphs on one line */
	LAYOUT_FRAG_IMAGE, /* replaced content; the image fills the content box */
	LAYOUT_FRAG_LINE, /* a line box: groups the inline fragments of one line */
};

struct layout_glyph {
	uint32_t id; /* glyph index in the face */
	float x, y; /* pen position relative to the text fragment's origin on the baseline */
};

struct layout_glyph_run {
	const struct layout_face *face;
	float size; /* px */
	struct layout_glyph *glyphs;
	size_t count;
};

struct layout_rect {
	float x, y, width, height;
};

/* A box with position: sticky whose scroll container is the viewport (CSS
 * Position 3 §3.4): what paint needs to keep it stuck as the document
 * scrolls. Rectangles are in document coordinates, without sticky offsets. */
struct layout_sticky {
	struct layout_rect box; /* border box at its in-flow position */
	struct layout_rect cb; /* containing block's content box, less the box's margins */
	float inset[4]; /* top right bottom left, resolved; used where anchored */
	bool anchored[4];
	float viewport_width, viewport_height;
	float dx, dy; /* the offset layout applied, for the viewport at scroll 0 */
};

/* The sticky offset for the viewport scrolled to (x, y), relative to the one
 * layout applied (so 0, 0 at scroll 0). */
void layout_sticky_scroll_offset(const struct layout_sticky *s, float x, float y, float *dx, float *dy);

/* A piece of a collapsed table border (CSS 2.1 §17.6.2): a rectangle
 * relative to the table's border box, drawn as a border of that thickness
 * along its length (vertical: along its height). */
struct layout_collapsed_border {
	struct layout_rect rect;
	uint8_t style; /* enum css_border_style */
	bool vertical;
	struct css_color color;
};

struct layout_fragment {
	/* The small fields first, so that they share one word (there are
	 * hundreds of thousands of fragments in a long document). */
	uint8_t kind; /* enum layout_fragment_kind */
	uint8_t pseudo; /* enum css_pseudo when generated by a pseudo-element */
	bool clips_overflow; /* overflow other than visible */
	/* overflow below is final: a later layout that reuses the fragment
	 * does not compute it again. */
	bool overflow_known;
	float baseline; /* distance from the fragment's top to its baseline */
	/* The element that generated it; NULL for anonymous boxes, lines and
	 * text (text has text_node). */
	const struct html_node *node;
	const struct html_node *text_node;
	const struct css_style *style; /* never NULL: anonymous boxes get their parent's inherited style */

	/* Border box relative to the parent fragment's border-box origin. */
	float x, y, width, height;
	/* Used border and padding widths: top right bottom left. Inline box
	 * pieces split across lines have 0 on the broken sides. */
	float border[4];
	float padding[4];
	float margin[4];

	struct layout_fragment **children; /* in tree order */
	size_t child_count;

	/* Positioned descendants that paint must order by z-index are left in
	 * tree order; paint builds stacking contexts from styles. */

	/* TEXT: glyphs positioned from the origin (0, baseline). */
	struct layout_glyph_run *runs; /* one per face used (font fallback) */
	size_t run_count;
	const char *text; /* the text shown (after white-space processing), UTF-8 */
	size_t text_len;

	/* IMAGE */
	const struct layout_image *image;

	/* Scrollable overflow of this fragment and its descendants, relative
	 * to its own border-box origin. */
	struct layout_rect overflow;
	const struct layout_sticky *sticky; /* NULL unless stuck to the viewport */
	/* A table in the collapsing border model: its borders and its
	 * cells', painted after the cells' backgrounds in paint order (the
	 * table and cell fragments paint no border of their own). */
	const struct layout_collapsed_border *collapsed_borders;
	size_t collapsed_border_count;
	/* A table with captions: their heights above and below the box its
	 * background and borders paint in (CSS 2.1 §17.4). */
	float caption_top, caption_bottom;
	/* A grid container's used tracks (grid_layout.c), or NULL. */
	const struct css_used_grid *grid;
};

struct layout_cache;

struct layout_tree {
	struct layout_fragment *root; /* the initial containing block's fragment */
	float viewport_width, viewport_height;
	/* Size of the scrollable document, for --full-page and the viewer. */
	float document_width, document_height;
	struct base_arena arena;
	/* Laid out with layout_options.cache: the results layout_relayout()
	 * may reuse (owned). A relaid-out tree also owns the earlier trees
	 * whose fragments it reuses (a chain, freed with it). */
	struct layout_cache *cache;
	struct layout_tree *reused_from;
	/* Block containers this pass laid out, and those it took from an
	 * earlier tree (inside reused subtrees included). */
	size_t boxes_laid_out, boxes_reused;
};

/* Shaped words, kept across the layout passes of a document so that a
 * relayout (a resize) does not shape its text again (shape_cache.c).
 * Bounded in size, internally locked, owned by the embedder; layout trees
 * built with it do not point into it. */
struct layout_shape_cache;

struct layout_shape_cache *layout_shape_cache_new(void);
void layout_shape_cache_free(struct layout_shape_cache *cache);

struct layout_options {
	float viewport_width, viewport_height; /* CSS px */
	struct layout_fonts *fonts;
	struct layout_shape_cache *shape_cache; /* NULL: one for the pass only */
	const struct layout_image_provider *images;
	struct base_pool *pool; /* NULL: one thread */
	/* Resolves a URL of the document (img src) to a file path allocated
	 * in a; NULL when it cannot be fetched. When the hook is NULL, URLs
	 * are used as paths unchanged. */
	const char *(*resolve)(void *ctx, const char *url, size_t len, struct base_arena *a);
	void *resolve_ctx;
	/* Keep what layout_relayout() needs to reuse this layout's results. */
	bool cache;
};

struct layout_tree *layout_document(const struct css_styled_document *sd, const struct layout_options *opt);
/* Lays out again after css_restyle_elements() replaced the styles of the
 * elements in changed[0..count) (duplicates allowed), reusing the fragments
 * of every block subtree of prev whose boxes and inputs are the same, as
 * Blink LayoutNG's layout result cache does; the result equals
 * layout_document()'s. prev must have been laid out from sd with the same
 * options and cache set; it is consumed: the new tree owns it (its reused
 * fragments live in its arena), or frees it when it lays out from scratch
 * (too much memory retained). */
struct layout_tree *layout_relayout(const struct css_styled_document *sd, const struct layout_options *opt, struct layout_tree *prev,
				    const struct html_node *const *changed, size_t count);
void layout_tree_free(struct layout_tree *tree);

/* After css_restyle_elements() with CSS_DAMAGE_REPAINT: points the
 * fragments of the elements whose style was replaced at the new styles,
 * keeping geometry, and sets *damage to the document area (CSS px) whose
 * painting may differ (all of it when a restyled box is transformed,
 * fixed or sticky). False when a style layout derived depends on a changed
 * value; the tree is then partly patched and must be laid out again. */
bool layout_restyle_fragments(struct layout_tree *tree, const struct css_restyled *replaced, size_t count,
			      struct layout_rect *damage);

/* Dumps: the fragment tree with geometry; getBoundingClientRect() JSON. */
void layout_dump(const struct layout_tree *tree, struct base_buf *out);
void layout_dump_boxes_json(const struct layout_tree *tree, const struct html_document *doc, struct base_buf *out);

/* Used values for getComputedStyle()'s resolved values: out[i] for the
 * element of element_index i < count, from its first fragment (kind
 * CSS_USED_NONE when it has none). */
void layout_used_boxes(const struct layout_tree *tree, struct css_used_box *out, size_t count);

/* The deepest element whose border box contains the document point, or
 * NULL. */
const struct html_node *layout_hit_test(const struct layout_tree *tree, float x, float y);
/* Union of an element's border boxes in document coordinates. */
bool layout_element_rect(const struct layout_tree *tree, const struct html_node *el, struct layout_rect *out);

#endif
