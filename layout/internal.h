/* layout internals: the box tree, the per-pass layout context, and the
 * helpers shared by the formatting contexts.
 *
 * A layout pass (layout_document) builds a box tree (box_tree.c) in a
 * scratch arena, lays it out into fragments allocated in the tree's arena
 * (block_layout.c, inline_layout.c, ...), then frees the scratch arena. No
 * state outlives the pass except the fragments; nothing is global. */
#ifndef WEFT_LAYOUT_INTERNAL_H
#define WEFT_LAYOUT_INTERNAL_H

#include "layout/layout.h"

#include <math.h>
#include <string.h>

/* Beyond this many nested boxes, deeper content is flattened into the box
 * at the limit, so layout recursion stays bounded on absurd trees. */
#define LAYOUT_MAX_DEPTH 512

/* ---- Fonts (fonts.c, font_match.c) ------------------------------------ */

/* The faces a style's font-family list resolves to, most preferred first,
 * ending with the fallback faces for missing glyphs. */
struct layout_font_list {
	const struct layout_face **faces;
	size_t count;
	float size;
	struct layout_font_metrics metrics; /* of faces[0], as Chromium rounds them */
};

/* Faces of the family that best matches (CSS Fonts 4 §5.2 font matching), or
 * NULL when the family is not available. */
const struct layout_face *layout_fonts_match(struct layout_fonts *fonts, const char *family, int weight, int style);
/* Changes whenever faces are added (the count of faces so far). */
size_t layout_fonts_generation(struct layout_fonts *fonts);
/* Some installed face covering the code point (last-resort fallback). */
const struct layout_face *layout_fonts_fallback(struct layout_fonts *fonts, uint32_t cp, int weight, int style);
void layout_face_metrics(const struct layout_face *face, float size, struct layout_font_metrics *out);
/* x-height and advance of "0" at a size exactly as Chromium measures them
 * for ex and ch (Skia's FreeType metrics at its quantised font size). */
void layout_face_unit_metrics(const struct layout_face *face, float size, float *x_height, float *zero_width);
bool layout_face_has_glyph(const struct layout_face *face, uint32_t cp);
/* Whether the face's lookups (or legacy kerning) involve the space glyph. */
bool layout_face_space_sensitive(const struct layout_face *face);
/* The HarfBuzz font (hb_font_t *) at a scale of one unit per font unit. */
void *layout_face_hb(const struct layout_face *face);
int layout_face_upem(const struct layout_face *face);
void layout_face_char_widths(const struct layout_face *face, float size, float *avg, float *max);

struct layout_ctx;
/* Resolves a style's font list (cached per pass by style pointer). */
const struct layout_font_list *layout_font_list_for(struct layout_ctx *ctx, const struct css_style *style);

/* ---- Shaping (shaping.c) ---------------------------------------------- */

/* Glyphs of a shaped string, with the byte offset (cluster) each came from. */
struct layout_shaped_glyph {
	uint32_t id;
	uint32_t cluster; /* byte offset in the shaped string */
	float advance, x_offset, y_offset;
	const struct layout_face *face;
};

struct layout_shaped {
	struct layout_shaped_glyph *glyphs;
	size_t count;
};

/* Shapes text with the font list (per-character fallback), LTR. Glyphs are
 * allocated in the pass's scratch arena. letter/word spacing are added. */
void layout_shape(struct layout_ctx *ctx, const struct layout_font_list *fl, const char *text, size_t len,
		  float letter_spacing, float word_spacing, struct layout_shaped *out);
/* The same glyphs appended to a buffer of struct layout_shaped_glyph that the
 * caller owns (clusters are byte offsets in text). */
void layout_shape_append(struct layout_ctx *ctx, const struct layout_font_list *fl, const char *text, size_t len,
			 float letter_spacing, float word_spacing, struct base_buf *glyphs);
/* Frees the pass's shaping scratch (not the cache). */
void layout_shape_scratch_free(struct layout_ctx *ctx);

/* ---- Shaping cache (shape_cache.c) ------------------------------------- */

/* A glyph as HarfBuzz gives it at one unit per font unit; cluster is the
 * byte offset in the cached piece of text. */
struct layout_cached_glyph {
	uint32_t id, cluster;
	int32_t x_advance, x_offset, y_offset;
};

/* The count of an entry recording that a piece cannot be shaped apart
 * from its neighbours. */
#define LAYOUT_SHAPE_UNSPLITTABLE UINT32_MAX

/* The hash a key is filed under. */
uint64_t layout_shape_cache_hash(const char *key, size_t keylen);
/* Appends the bytes cached under key (of hash h) to out and sets *count to
 * the count they were put with; false when the key is not cached. */
bool layout_shape_cache_get(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, struct base_buf *out,
			    uint32_t *count);
void layout_shape_cache_put(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, const void *data, size_t size,
			    uint32_t count);
/* The same for the table of whole text items (struct layout_shaped_glyph
 * arrays); a pass ends with layout_shape_cache_pass_end(). */
bool layout_shape_cache_get_run(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, struct base_buf *out);
void layout_shape_cache_put_run(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h, const void *data, size_t size);
/* Hands the entry's bytes to use() under the cache's lock, with no copy in
 * between; false when absent or when use() refuses them. */
bool layout_shape_cache_use_run(struct layout_shape_cache *c, const char *key, size_t keylen, uint64_t h,
				bool (*use)(void *arg, const void *data, size_t size), void *arg);
void layout_shape_cache_pass_end(struct layout_shape_cache *c);

/* ---- Line breaking (line_breaker.c) ------------------------------------ */

enum layout_break { LAYOUT_BREAK_NONE, LAYOUT_BREAK_ALLOWED, LAYOUT_BREAK_MANDATORY };
/* brk[i] says whether a line may break after byte i (UAX #14), for every
 * byte of the UTF-8 text (continuation bytes get NONE). Kept in the
 * shaping cache, so a relayout does not compute them again. */
void layout_line_breaks(struct layout_ctx *ctx, const char *text, size_t len, const char *lang, uint8_t *brk);

/* ---- Box tree (box_tree.c) --------------------------------------------- */

enum layout_box_type {
	LAYOUT_BOX_BLOCK, /* block container: block, list-item, flow-root, inline-block's inside, flex, table... */
	LAYOUT_BOX_INLINE, /* a non-atomic inline box */
	LAYOUT_BOX_TEXT,
	LAYOUT_BOX_REPLACED,
	LAYOUT_BOX_BR,
};

struct layout_box {
	uint8_t type; /* enum layout_box_type */
	bool inline_level; /* outer display inline (atomic when BLOCK/REPLACED) */
	bool inline_content; /* BLOCK: children are inline-level (an IFC) */
	bool anonymous;
	bool is_float, is_abspos; /* out of flow */
	bool is_marker; /* an outside list marker */
	uint8_t pseudo;
	const struct html_node *node;
	const struct css_style *style;
	struct layout_box *parent, *first, *last, *next;

	/* TEXT */
	const char *text;
	size_t len;
	const struct html_node *text_node;

	/* REPLACED */
	const struct layout_image *image;
	float intrinsic_width, intrinsic_height; /* < 0 when none */
	bool has_intrinsic_ratio;

	/* The outside list marker to put before this block container's first
	 * line (set on the first inline formatting context of a list item). */
	struct layout_box *marker;
	/* BLOCK with inline content: the ::first-line style of the block
	 * whose first formatted line is this one's first line, or NULL. */
	const struct css_style *first_line;
	/* Continuation pieces of an inline split around a block (CSS 2.1 §9.2.1.1). */
	bool contains_block;

	/* Intrinsic widths, computed once per pass (they do not depend on
	 * the containing block). */
	bool has_intrinsic;
	float min_content, max_content;

	/* A table with border-collapse: collapse: its resolved borders
	 * (table_collapse.c), in the scratch arena; NULL otherwise. */
	struct layout_table_borders *collapsed;

	/* With a layout cache: a digest of everything the box tree of this
	 * subtree was built from, and its number of boxes (layout_cache.c). */
	uint64_t digest;
	uint32_t subtree_boxes;
};

/* The heap arrays of a finished paragraph, kept for the next one
 * (inline_layout.c) so that a pass does not allocate them for each. */
struct layout_para_arrays {
	void *items;
	size_t items_cap;
	struct base_buf text, glyphs;
	void *bytes; /* per-byte arrays */
	size_t bytes_cap;
};
#define LAYOUT_SPARE_PARAS 4

struct layout_ctx {
	const struct css_styled_document *sd;
	const struct layout_options *opt;
	struct layout_tree *tree; /* fragments go in tree->arena */
	struct base_arena scratch; /* box tree, shaping results */
	struct base_map font_lists; /* style pointer -> struct layout_font_list */
	/* Direct-mapped front of font_lists (font_match.c). */
	struct layout_font_front {
		const struct css_style *style;
		const struct layout_font_list *fl;
	} font_front[256];
	struct base_map anon_styles; /* (style, style, display or derived kind) -> derived style */
	struct layout_shape_cache *shape_cache; /* the document's, or the pass's own */
	/* Shaping scratch, reused: a cache key, cached glyphs, shaped
	 * glyphs, and a HarfBuzz buffer (hb_buffer_t *, created on first use). */
	struct base_buf shape_key, shape_raw, shape_glyphs;
	void *hb_buffer;
	/* The pass's own copies of short shaped pieces, in front of the
	 * shared cache (shaping.c; NULL until first used). */
	struct layout_shape_front *shape_front;
	/* Absolutely positioned boxes waiting for their containing block. */
	struct base_vec abspos;
	/* Grid items laid out a second time so far (at a definite height for
	 * percentages): past a bound, nested grids stop doing so, so that
	 * layout time stays polynomial on absurd nestings. */
	size_t grid_relayouts;
	bool has_sticky; /* some fragment has position: sticky */
	/* Incremental relayout (layout_cache.c): the cache results are taken
	 * from and stored in (NULL: none), the elements whose style changed
	 * and their ancestors, and the block boxes laid out and reused. */
	struct layout_cache *cache;
	struct layout_dirty_set *dirty;
	size_t boxes_laid_out, boxes_reused;
	struct layout_para_arrays spare_paras[LAYOUT_SPARE_PARAS];
	size_t spare_para_count;
};

struct layout_box *layout_build_box_tree(struct layout_ctx *ctx);
/* A style for an anonymous box: inherited properties of the parent, every
 * other property initial, display as given. */
const struct css_style *layout_anonymous_style(struct layout_ctx *ctx, const struct css_style *parent, uint8_t display);
/* Kinds of styles layout derives from others, past the display values
 * that key anonymous styles. */
enum {
	LAYOUT_DERIVED_FIELD_LINE = 0xFA,
	LAYOUT_DERIVED_CELL_AUTO_HEIGHT = 0xFB,
	LAYOUT_DERIVED_DETAILS_SLOT = 0xFC,
	LAYOUT_DERIVED_FIRST_LINE = 0xFD,
	LAYOUT_DERIVED_SMALL_CAPS = 0xFE,
};
/* The pass's cached style derived from (a, b, kind), b may be NULL. On a
 * miss, a new style is allocated in the tree's arena, filed under the key,
 * and *fresh is set so the caller fills it in. */
struct css_style *layout_derived_style(struct layout_ctx *ctx, const struct css_style *a, const struct css_style *b, uint8_t kind,
				       bool *fresh);

/* ---- Geometry helpers --------------------------------------------------- */

struct layout_edges {
	float top, right, bottom, left;
};

/* Used margins, borders and paddings of a box whose containing block is
 * cb_width wide (percentages of padding/margin resolve against the width).
 * Auto margins give 0 here. */
void layout_box_edges(const struct css_style *s, float cb_width, struct layout_edges *margin, struct layout_edges *border,
		      struct layout_edges *padding);

static inline bool layout_len_is_auto(struct css_length l)
{
	return l.kind == CSS_LEN_AUTO;
}

/* A length that depends on an indefinite percentage basis behaves as auto. */
static inline bool layout_len_definite(struct css_length l, float basis)
{
	return l.kind == CSS_LEN_FIXED && (!l.has_percent || basis >= 0);
}

/* Chromium stores geometry as LayoutUnit (1/64 px); snapping the same way
 * keeps sums comparable with its rectangles. */
static inline float layout_snap(float v)
{
	return roundf(v * 64.0f) / 64.0f;
}

/* A resolved length as Chromium stores it: LayoutUnit(float) truncates. */
static inline float layout_unit(float v)
{
	return truncf(v * 64.0f) / 64.0f;
}

struct layout_fragment *layout_new_fragment(struct layout_ctx *ctx, uint8_t kind, const struct layout_box *box);
void layout_fragment_set_children(struct layout_ctx *ctx, struct layout_fragment *f, struct base_vec *children);

/* ---- Floats (float_context.c) ------------------------------------------ */

struct layout_float_rect {
	float left, top, right, bottom; /* margin box in BFC coordinates */
	bool is_left;
};

/* The floats of one block formatting context, in BFC coordinates. */
struct layout_floats {
	struct layout_float_rect *rects;
	size_t count, cap;
	float max_bottom; /* of all rects, when count > 0 */
	/* The highest BFC y a band or clearance was asked for since the
	 * layout result cache last reset it (layout_cache.c): floats all
	 * above it affected nothing laid out since. */
	float min_query;
};

/* Notes a query about the floats at BFC y. */
static inline void layout_floats_note_query(struct layout_floats *fl, float y)
{
	if (fl && y < fl->min_query)
		fl->min_query = y;
}

/* The free band [*left, *right) at BFC height [top, top+height) between
 * line_left and line_right. */
void layout_floats_band(struct layout_floats *fl, float top, float height, float line_left, float line_right, float *left,
			float *right);
/* Lowest bottom of floats of the given clear kind (enum css_clear). */
float layout_floats_clearance(const struct layout_floats *fl, uint8_t clear);
/* Places a float of margin-box size w x h, no higher than min_top, in the
 * band [line_left, line_right): CSS 2.1 §9.5.1 rules. Returns its margin
 * box origin. */
void layout_floats_place(struct layout_floats *fl, bool is_left, float w, float h, float min_top, float line_left,
			 float line_right, float *x, float *y);
/* Next y below top where the band changes (a float bottom), or INFINITY. */
float layout_floats_next_bottom(struct layout_floats *fl, float top);

/* ---- Block and inline layout -------------------------------------------- */

/* A margin strut: adjoining margins collapse to max positive + min negative. */
struct layout_margin_strut {
	float pos, neg;
};

static inline void layout_strut_add(struct layout_margin_strut *s, float m)
{
	if (m > s->pos)
		s->pos = m;
	if (m < s->neg)
		s->neg = m;
}

static inline float layout_strut_resolve(struct layout_margin_strut s)
{
	return s.pos + s.neg;
}

/* Where a box is being laid out: the containing block and its BFC. */
struct layout_space {
	float cb_width; /* containing block width (content box) */
	float cb_height; /* < 0 when indefinite */
	struct layout_floats *floats; /* of the BFC the box is in */
	float bfc_x, bfc_y; /* the containing block's content origin in BFC coordinates */
	int depth;
	/* Block layout only: the margins collapsed so far that adjoin the
	 * box's top (its own included), which begin at BFC y adjoining_y. */
	struct layout_margin_strut adjoining;
	float adjoining_y;
};

struct layout_block_result {
	struct layout_fragment *frag;
	struct layout_margin_strut top, bottom; /* collapsed margins that leave the box */
	bool collapsed_through;
	bool has_baseline;
	float baseline; /* of the last line, from the border-box top */
	float first_baseline;
	bool has_first_baseline;
	float clearance_y; /* BFC y the top border edge was pushed to by clear, or NAN */
};

/* Lays out a block-level box in normal flow; the fragment's x/y are left to
 * the caller, except that width is final. top_offset is the hypothetical
 * BFC y of its top border edge (for float placement). */
void layout_block(struct layout_ctx *ctx, struct layout_box *box, const struct layout_space *space, float top_bfc_y,
		  struct layout_block_result *out);
/* ---- Layout result cache (layout_cache.c) ------------------------------ */

/* The inputs of a block container's layout besides its box subtree. */
struct layout_cache_key {
	float cb_width, cb_height, width;
	float margin[4], border[4], padding[4];
	/* In its parent's BFC: its border box's BFC x (line widths are
	 * computed from BFC coordinates, so they round with it). */
	float bfc_x;
	int depth;
	bool new_bfc;
};

/* What a layout must not have done for its result to be reusable, noted
 * before it starts. */
struct layout_cache_mark {
	bool cacheable;
	bool had_sticky;
	size_t abspos_len, floats_count, grid_relayouts, boxes;
	float min_query; /* the parent floats' min_query before */
};

/* Before laying out a block container whose border box is at BFC y
 * bfc_y: true when an earlier layout of the same box subtree with the
 * same key is reused (*out filled, with its fragment from the earlier
 * tree); otherwise notes *mark. */
bool layout_cache_fetch(struct layout_ctx *ctx, const struct layout_box *box, const struct layout_cache_key *key,
			struct layout_floats *parent_floats, float bfc_y, struct layout_block_result *out, struct layout_cache_mark *mark);
/* After laying it out: keeps the result when it depends on nothing but the
 * key and the subtree. */
void layout_cache_store(struct layout_ctx *ctx, const struct layout_box *box, const struct layout_cache_key *key,
			struct layout_floats *parent_floats, float bfc_y, const struct layout_block_result *out,
			const struct layout_cache_mark *mark);
/* Digests of every box of the tree (bottom-up). */
void layout_cache_digest_tree(struct layout_ctx *ctx, struct layout_box *root);
struct layout_cache *layout_cache_new(void);
/* After a layout from scratch: the memory a relayout may keep is
 * measured against this tree's. */
void layout_cache_note_full(struct layout_cache *cache, const struct layout_tree *tree);
void layout_cache_free(struct layout_cache *cache);
/* One layout pass (layout.c): with a cache, results are taken from it and
 * filed in it; dirty: the elements whose boxes must be laid out again. */
struct layout_tree *layout_run(const struct css_styled_document *sd, const struct layout_options *opt, struct layout_cache *cache,
			       struct layout_dirty_set *dirty);

/* Lays out a box that establishes a new BFC with a given used border-box
 * width (floats, inline-blocks, absolutely positioned boxes). */
void layout_bfc_root(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height, float border_box_width,
		     int depth, struct layout_block_result *out);
/* Lays out the block container's content (its children), given its content
 * width; returns the content height and fills child fragments. */
struct layout_inline_result {
	float height;
	bool has_lines; /* any line box with content */
	float first_baseline, last_baseline;
};
/* Frees the pass's spare paragraph arrays. */
void layout_para_spares_free(struct layout_ctx *ctx);
void layout_inline_content(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *container, float content_width, const struct layout_space *space,
			   float content_bfc_x, float content_bfc_y, struct base_vec *children, struct layout_inline_result *out);

/* A float (§9.5, §10.3.5): shrink-to-fit width, laid out as a BFC root,
 * placed in the BFC's float list no higher than min_bfc_y. Its fragment's
 * x is relative to the containing block's content box, its y is in BFC
 * coordinates (the caller converts). */
struct layout_fragment *layout_float(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height,
				     struct layout_floats *floats, float cb_bfc_x, float min_bfc_y, int depth);

/* The margin-box width a float will have. */
float layout_float_margin_width(struct layout_ctx *ctx, struct layout_box *box, float cb_width, int depth);

/* Min-content and max-content border-box widths (CSS Sizing 3 §5). */
void layout_intrinsic_widths(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w);
/* The inline content part of the above. */
void layout_inline_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w);

/* Shrink-to-fit border-box width (CSS 2.1 §10.3.5) for a box in a
 * containing block of width cb_width. */
float layout_shrink_to_fit(struct layout_ctx *ctx, struct layout_box *box, float cb_width, int depth);
void layout_content_widths(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w);
float layout_keyword_width(struct layout_ctx *ctx, struct layout_box *box, struct css_length l, float available, int depth);
float layout_clamp_keyword_width(struct layout_ctx *ctx, struct layout_box *box, float w, float available, int depth);

/* Used border-box width of a box with a used content/border width from
 * style: resolves width, min/max and box-sizing. Returns < 0 for auto. */
float layout_specified_border_width(const struct css_style *s, float cb_width, const struct layout_edges *border,
				    const struct layout_edges *padding);
float layout_clamp_border_width(const struct css_style *s, float w, float cb_width, const struct layout_edges *border,
				const struct layout_edges *padding);
float layout_clamp_border_height(const struct css_style *s, float h, float cb_height, const struct layout_edges *border,
				 const struct layout_edges *padding);

/* Form controls (form_controls.c): the content size a control has by
 * itself (a height of -1: that of its content), or false for boxes that are
 * not sized like controls. */
bool layout_form_control_size(struct layout_ctx *ctx, const struct layout_box *box, float *w, float *h);
/* The line height a control's content sizes by: the specified one, or the
 * font's normal one (not rounded to LayoutUnits as line boxes are). */
float layout_control_line_height(struct layout_ctx *ctx, const struct css_style *s);
/* Form controls in block flow keep their content width when width is auto
 * (Chromium's fit-content sizing of input, select, button, textarea and a
 * fieldset's legend). */
bool layout_form_control_fits_content(const struct layout_box *box);
/* A single-line text field, whose line is centred in its content box. */
bool layout_form_control_centres_line(const struct layout_box *box);

/* Tables (table_layout.c). */
static inline bool layout_is_table(const struct layout_box *b)
{
	return b->type == LAYOUT_BOX_BLOCK && (b->style->display == CSS_DISPLAY_TABLE || b->style->display == CSS_DISPLAY_INLINE_TABLE);
}
void layout_table_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w);
/* The collapsing border model (CSS 2.1 §17.6.2) for every table of the box
 * tree that has it: resolves the borders and gives the table and its cells
 * styles with the used border widths (half of each collapsed border) and
 * the table no padding. */
void layout_table_collapse_borders(struct layout_ctx *ctx, struct layout_box *root);
/* *baseline: the first row's (CSS 2.1 §10.8.1), from the border-box top;
 * NAN when the table has no rows. */
float layout_table_content(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *container, float content_width,
			   bool width_auto, int depth, float inset_x, float inset_y, struct base_vec *children, float *baseline);

/* Flex containers (flex_layout.c). */
static inline bool layout_is_flex(const struct layout_box *b)
{
	return b->type == LAYOUT_BOX_BLOCK && (b->style->display == CSS_DISPLAY_FLEX || b->style->display == CSS_DISPLAY_INLINE_FLEX);
}
float layout_flex_content(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *container, float content_width,
			  float content_height, int depth, float inset_x, float inset_y, struct base_vec *children, float *first_baseline,
			  bool *has_baseline);
void layout_flex_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w);

/* Grid containers (grid_layout.c): as the flex ones. */
static inline bool layout_is_grid(const struct layout_box *b)
{
	return b->type == LAYOUT_BOX_BLOCK && (b->style->display == CSS_DISPLAY_GRID || b->style->display == CSS_DISPLAY_INLINE_GRID);
}
float layout_grid_content(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *container, float content_width,
			  float content_height, int depth, float inset_x, float inset_y, struct base_vec *children, float *first_baseline,
			  bool *has_baseline);
void layout_grid_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w);

/* Replaced elements (replaced_layout.c): used content size. */
void layout_replaced_size(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height, float *w, float *h);
struct layout_fragment *layout_replaced(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height);

/* Positioned layout (positioned_layout.c). */
void layout_positioned_pending(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *static_parent,
			       float static_x, float static_y);
/* Drops the pending boxes inside subtree, before subtree is laid out
 * again (their entries refer to the fragments of the earlier layout). */
void layout_positioned_forget(struct layout_ctx *ctx, const struct layout_box *subtree);
/* Whether a box queued since the queue had `from` entries still waits for
 * its containing block. */
bool layout_positioned_waiting(const struct layout_ctx *ctx, size_t from);
/* Lays out the pending absolutely positioned boxes whose containing block
 * is box (now laid out as frag) and appends their fragments to frag. */
void layout_positioned_flush(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *frag);
/* Lays out the pending absolutely positioned boxes whose containing block
 * is an inline box in root's inline formatting context, once its lines (and
 * floats) are in `lines`, relative to the content box of container, whose
 * border box is inset_x, inset_y away: their fragments are appended to
 * lines in the same coordinates. */
void layout_positioned_flush_inline(struct layout_ctx *ctx, const struct layout_box *root, const struct layout_fragment *container,
				    struct base_vec *lines, float inset_x, float inset_y);
/* Sticky positioning (sticky_layout.c): offsets sticky boxes of the
 * finished fragment tree for their scroll containers at scroll 0. */
void layout_sticky_apply(struct layout_ctx *ctx, struct layout_fragment *root);
void layout_apply_relative(const struct css_style *s, float cb_width, float cb_height, float *dx, float *dy);

#endif
