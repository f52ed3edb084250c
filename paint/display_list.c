/* Building the display list: the painting order of CSS 2.1 Appendix E.
 * https://www.w3.org/TR/CSS21/zindex.html
 *
 * A stacking context paints, in order: its own background and borders,
 * child stacking contexts with negative z-index, block-level backgrounds
 * of its in-flow descendants, floats, inline content (inline boxes, text,
 * images, inline-blocks), positioned descendants with z-index auto or 0 in
 * tree order, positive z-index contexts, and finally outlines. Floats,
 * inline-blocks and z-index:auto positioned boxes paint "as if" they were
 * stacking contexts, but their positioned descendants join the enclosing
 * real one. Stacking contexts are the root, positioned boxes with an
 * integer z-index, fixed/sticky boxes, and boxes with opacity < 1 or a
 * transform. */
#include "paint/display_list.h"
#include "paint/raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Nesting deeper than this is not painted (bad input must not recurse
 * without bound). */
#define MAX_DEPTH 1024

enum phase { PHASE_BLOCK_BG, PHASE_FLOAT, PHASE_INLINE, PHASE_OUTLINE };

/* Where a fragment sits and what applies to it. */
struct walk {
	float x, y; /* border-box origin, document (or transform-local) CSS px */
	const struct paint_matrix *tf;
	const struct paint_clip *clip; /* clips in-flow content */
	const struct paint_clip *abs_clip; /* clips absolutely positioned content */
	const struct paint_clip *fixed_clip; /* clips fixed content */
	bool fixed;
	int depth;
	const struct layout_sticky *sticky; /* inside a box stuck to the viewport */
};

struct layer {
	const struct layout_fragment *f;
	struct walk w;
	int z;
	bool real; /* a stacking context, not a z-index:auto positioned box */
	uint64_t tree_key; /* document order of the generating element (tree_order_key) */
	size_t order; /* discovery order, for ties */
};

struct layer_list {
	struct layer *items;
	size_t len, cap;
};

struct builder {
	struct paint_display_list *dl;
	int layer_depth;
};

/* ---- Items ----------------------------------------------------------- */

struct paint_item *paint_dl_add(struct paint_ctx *c, uint8_t kind, const char *what,
				const struct layout_fragment *frag)
{
	struct paint_display_list *dl = c->dl;
	if (dl->count == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 256;
		dl->items = base_xrealloc(dl->items, dl->cap * sizeof(*dl->items));
	}
	struct paint_item *it = &dl->items[dl->count++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->what = what;
	it->frag = frag;
	it->tf = c->tf;
	it->clip = c->clip;
	it->fixed = c->fixed;
	it->sticky = c->sticky;
	it->depth = c->depth;
	it->color[3] = 1.0f;
	return it;
}

void paint_item_bounds(struct paint_ctx *c, struct paint_item *it, struct paint_rect local)
{
	float g = it->blur_sigma * 3.0f + 1.0f;
	local.x0 -= g;
	local.y0 -= g;
	local.x1 += g;
	local.y1 += g;
	it->bounds = paint_map_bounds(c->tf, local);
}

void paint_color_premul(struct css_color col, float out[4])
{
	float a = (float)col.a / 255.0f;
	out[0] = (float)col.r / 255.0f * a;
	out[1] = (float)col.g / 255.0f * a;
	out[2] = (float)col.b / 255.0f * a;
	out[3] = a;
}

size_t paint_display_list_count(const struct paint_display_list *dl)
{
	return dl ? dl->count : 0;
}

void paint_display_list_free(struct paint_display_list *dl)
{
	if (!dl)
		return;
	free(dl->items);
	free(dl->attached);
	free(dl->band_start);
	free(dl->band_items);
	free(dl->wide_items);
	free(dl->unbanded);
	paint_glyph_stash_free(dl->glyphs);
	free(dl->marks);
	base_arena_free(&dl->arena);
	free(dl);
}

/* ---- Classification ------------------------------------------------------ */

static bool is_element_box(const struct layout_fragment *f)
{
	return f->kind == LAYOUT_FRAG_BOX || f->kind == LAYOUT_FRAG_IMAGE;
}

static bool is_positioned(const struct layout_fragment *f)
{
	return is_element_box(f) && f->style->position != CSS_POSITION_STATIC;
}

/* The root element (html) forms the root stacking context. */
static bool is_root_element(const struct layout_fragment *f)
{
	const struct html_node *n = f->node;
	return n && n->type == HTML_NODE_ELEMENT && n->tag == HTML_TAG_HTML &&
	       (!n->parent || n->parent->type == HTML_NODE_DOCUMENT);
}

/* Flex and grid items with an integer z-index stack even when not
 * positioned (CSS Flexbox 1 §4.3, Grid 1 §9.5). */
static bool is_flex_or_grid_item(const struct layout_fragment *parent, const struct layout_fragment *f)
{
	if (!parent || !is_element_box(parent) || !is_element_box(f))
		return false;
	switch (parent->style->display) {
	case CSS_DISPLAY_FLEX:
	case CSS_DISPLAY_INLINE_FLEX:
	case CSS_DISPLAY_GRID:
	case CSS_DISPLAY_INLINE_GRID:
		return true;
	default:
		return false;
	}
}

/* Does the box (a child of parent) establish a real stacking context? */
static bool creates_stacking_context(const struct layout_fragment *parent, const struct layout_fragment *f)
{
	if (!is_element_box(f))
		return false;
	if (is_root_element(f))
		return true;
	const struct css_style *s = f->style;
	if (!s->z_index_auto && is_flex_or_grid_item(parent, f))
		return true;
	if (s->opacity < 1.0f || s->transform)
		return true;
	if (s->position == CSS_POSITION_FIXED || s->position == CSS_POSITION_STICKY)
		return true;
	return s->position != CSS_POSITION_STATIC && !s->z_index_auto;
}

static bool is_layer(const struct layout_fragment *parent, const struct layout_fragment *f)
{
	return is_positioned(f) || creates_stacking_context(parent, f);
}

static bool is_float(const struct layout_fragment *f)
{
	return is_element_box(f) && f->style->float_ != CSS_FLOAT_NONE;
}

static bool is_atomic_inline(const struct layout_fragment *f)
{
	if (f->kind != LAYOUT_FRAG_BOX)
		return false;
	switch (f->style->display) {
	case CSS_DISPLAY_INLINE_BLOCK:
	case CSS_DISPLAY_INLINE_FLEX:
	case CSS_DISPLAY_INLINE_GRID:
	case CSS_DISPLAY_INLINE_TABLE:
		return true;
	default:
		return false;
	}
}

static bool is_inline_box(const struct layout_fragment *f)
{
	return f->kind == LAYOUT_FRAG_BOX && f->style->display == CSS_DISPLAY_INLINE;
}

static bool visible(const struct layout_fragment *f)
{
	return f->style->visibility == CSS_VISIBILITY_VISIBLE;
}

/* ---- Walk state ------------------------------------------------------------- */

static struct paint_ctx ctx_of(struct builder *b, const struct walk *w)
{
	struct paint_ctx c = { b->dl, w->tf, w->clip, w->fixed, b->layer_depth, w->sticky };
	return c;
}

/* State of a child fragment: position, and the clip that applies to it
 * given how it is positioned. */
static struct walk child_walk(const struct walk *w, const struct layout_fragment *ch)
{
	struct walk cw = *w;
	cw.x = w->x + ch->x;
	cw.y = w->y + ch->y;
	cw.depth = w->depth + 1;
	if (is_element_box(ch)) {
		if (ch->style->position == CSS_POSITION_ABSOLUTE)
			cw.clip = w->abs_clip;
		else if (ch->style->position == CSS_POSITION_FIXED) {
			cw.clip = w->fixed_clip;
			if (!w->tf)
				cw.fixed = true;
		}
		/* Sticky offsets for the scroll position are applied at paint
		 * time, to what is not already fixed or transformed. */
		if (ch->sticky && !w->tf && !w->fixed)
			cw.sticky = ch->sticky;
	}
	return cw;
}

/* Applies a box's transform (CSS Transforms 1 §6: about transform-origin). */
static void apply_transform(struct builder *b, const struct layout_fragment *f, struct walk *w)
{
	const struct css_transform *t = f->style->transform;
	if (!t)
		return;
	float ox = w->x + css_length_resolve(f->style->transform_origin_x, f->width);
	float oy = w->y + css_length_resolve(f->style->transform_origin_y, f->height);
	struct paint_matrix m = { t->m[0], t->m[1], t->m[2], t->m[3],
				  t->m[4] + t->translate_pct_x * f->width / 100.0f,
				  t->m[5] + t->translate_pct_y * f->height / 100.0f };
	struct paint_matrix to = { 1, 0, 0, 1, ox, oy }, from = { 1, 0, 0, 1, -ox, -oy };
	struct paint_matrix tmp = paint_matrix_mul(&m, &from);
	struct paint_matrix local = paint_matrix_mul(&to, &tmp);
	struct paint_matrix *out = base_arena_alloc(&b->dl->arena, sizeof(*out));
	*out = w->tf ? paint_matrix_mul(w->tf, &local) : local;
	w->tf = out;
}

/* The state a box's content is painted in: its overflow clip (to the
 * padding box, with inner border radii) added. Positioned boxes also
 * become the clip base of their absolutely positioned descendants. */
static struct walk content_walk(struct builder *b, const struct layout_fragment *f, const struct walk *w)
{
	struct walk cw = *w;
	if (is_element_box(f) && f->clips_overflow) {
		struct paint_clip *c = base_arena_calloc(&b->dl->arena, 1, sizeof(*c));
		struct paint_rrect br = paint_border_rrect(f, w->x, w->y);
		c->r = paint_rrect_inset(&br, f->border);
		c->parent = w->clip;
		c->tf = w->tf;
		c->fixed = w->fixed;
		c->sticky = w->sticky;
		cw.clip = c;
	}
	if (is_positioned(f) || (is_element_box(f) && f->style->transform))
		cw.abs_clip = cw.clip;
	if (is_element_box(f) && f->style->transform)
		cw.fixed_clip = cw.clip;
	return cw;
}

/* ---- Box painting -------------------------------------------------------------- */

/* The painters a fragment's items come from, each called at one place in
 * painting order; a paint-only restyle calls those of the fragments whose
 * style changed again (paint_display_list_restyle). */
enum site { SITE_DECORATIONS, SITE_IMAGE, SITE_TEXT, SITE_OUTLINE, SITE_COLLAPSED_BORDERS };

/* Where a site's items are, and what it was called with. */
struct paint_mark {
	const struct layout_fragment *f;
	const struct css_style *style; /* f->style when its items were made */
	struct paint_ctx ctx;
	float x, y;
	size_t start, count; /* its items */
	uint8_t site; /* enum site */
};

/* A table paints its decorations around its grid, not its captions: a
 * copy of its fragment cut to that box, in the list's arena. */
static const struct layout_fragment *table_grid_box(struct paint_ctx *c, const struct layout_fragment *f, float *y)
{
	struct layout_fragment *grid = base_arena_alloc(&c->dl->arena, sizeof(*grid));
	*grid = *f;
	grid->height = BASE_MAX(f->height - f->caption_top - f->caption_bottom, 0.0f);
	*y += f->caption_top;
	return grid;
}

/* HTML §15.3.13: a fieldset's rendered legend (laid out as its first
 * child fragment, unless the fieldset is a flex, grid or table box). */
static const struct layout_fragment *fieldset_legend(const struct layout_fragment *f)
{
	uint8_t d = f->style->display;
	if (!f->node || f->pseudo || f->node->tag != HTML_TAG_FIELDSET || f->child_count == 0 || d == CSS_DISPLAY_FLEX ||
	    d == CSS_DISPLAY_INLINE_FLEX || d == CSS_DISPLAY_GRID || d == CSS_DISPLAY_INLINE_GRID || d == CSS_DISPLAY_TABLE ||
	    d == CSS_DISPLAY_INLINE_TABLE)
		return NULL;
	const struct layout_fragment *c = f->children[0];
	const struct css_style *s = c->style;
	if (!c->node || c->pseudo || c->node->tag != HTML_TAG_LEGEND ||
	    s->float_ != CSS_FLOAT_NONE || s->position == CSS_POSITION_ABSOLUTE || s->position == CSS_POSITION_FIXED)
		return NULL;
	return c;
}

/* A fieldset paints its decorations from where its top border is centred
 * on a taller legend: a copy of its fragment cut to that box. */
static const struct layout_fragment *fieldset_box(struct paint_ctx *c, const struct layout_fragment *f,
						  const struct layout_fragment *legend, float *y)
{
	float legend_h = legend->margin[0] + legend->height + legend->margin[2];
	if (legend_h <= f->border[0])
		return f;
	float dy = (legend_h - f->border[0]) / 2;
	struct layout_fragment *box = base_arena_alloc(&c->dl->arena, sizeof(*box));
	*box = *f;
	box->height = BASE_MAX(f->height - dy, 0.0f);
	*y += dy;
	return box;
}

static void run_site(struct paint_ctx *c, const struct layout_fragment *canvas_frag, uint8_t site,
		     const struct layout_fragment *f, float x, float y)
{
	switch (site) {
	case SITE_DECORATIONS: {
		if (!is_element_box(f) || !visible(f))
			return;
		bool canvas_bg = f == canvas_frag;
		if (f->caption_top > 0 || f->caption_bottom > 0)
			f = table_grid_box(c, f, &y);
		const struct layout_fragment *legend = fieldset_legend(f);
		float legend_x = x;
		if (legend)
			f = fieldset_box(c, f, legend, &y);
		paint_box_shadows(c, f, x, y, false);
		if (!canvas_bg && paint_themed_control(c, f, x, y)) {
			paint_box_shadows(c, f, x, y, true);
			break;
		}
		if (!canvas_bg)
			paint_box_background(c, f, x, y);
		paint_box_shadows(c, f, x, y, true);
		size_t borders = c->dl->count;
		paint_box_borders(c, f, x, y);
		if (legend)
			paint_border_gap(c, borders, legend_x + legend->x, y, legend->width, f->border[0]);
		break;
	}
	case SITE_IMAGE:
		if (visible(f))
			paint_image_fragment(c, f, x, y);
		break;
	case SITE_TEXT:
		if (visible(f))
			paint_text(c, f, x, y);
		break;
	case SITE_OUTLINE:
		if (is_element_box(f) && visible(f))
			paint_box_outline(c, f, x, y);
		break;
	case SITE_COLLAPSED_BORDERS:
		if (visible(f))
			paint_collapsed_borders(c, f, x, y);
		break;
	}
}

/* Paints one site of fragment f, remembering where when the list is
 * restylable. */
static void site(struct builder *b, uint8_t s, const struct layout_fragment *f, const struct walk *w)
{
	struct paint_display_list *dl = b->dl;
	struct paint_ctx c = ctx_of(b, w);
	size_t start = dl->count;
	run_site(&c, dl->canvas_frag, s, f, w->x, w->y);
	if (!dl->restylable)
		return;
	if (dl->mark_count == dl->mark_cap) {
		dl->mark_cap = dl->mark_cap ? dl->mark_cap * 2 : 256;
		dl->marks = base_xrealloc(dl->marks, dl->mark_cap * sizeof(*dl->marks));
	}
	dl->marks[dl->mark_count++] = (struct paint_mark){ f, f->style, c, w->x, w->y, start, dl->count - start, s };
}

static void paint_atomic(struct builder *b, const struct layout_fragment *f, const struct walk *w);

/* One phase over the in-flow content of f (not entering layers). */
static void flow(struct builder *b, const struct layout_fragment *f, const struct walk *w, enum phase phase)
{
	if (w->depth > MAX_DEPTH)
		return;
	struct walk inner = content_walk(b, f, w);
	for (size_t i = 0; i < f->child_count; i++) {
		const struct layout_fragment *ch = f->children[i];
		if (!ch || !ch->style || is_layer(f, ch))
			continue;
		struct walk cw = child_walk(&inner, ch);
		if (is_float(ch) || is_atomic_inline(ch)) {
			if (phase == (is_float(ch) ? PHASE_FLOAT : PHASE_INLINE))
				paint_atomic(b, ch, &cw);
			continue;
		}
		switch (phase) {
		case PHASE_BLOCK_BG:
			if (ch->kind == LAYOUT_FRAG_BOX && !is_inline_box(ch))
				site(b, SITE_DECORATIONS, ch, &cw);
			break;
		case PHASE_INLINE:
			if (is_inline_box(ch))
				site(b, SITE_DECORATIONS, ch, &cw);
			if (ch->kind == LAYOUT_FRAG_TEXT)
				site(b, SITE_TEXT, ch, &cw);
			if (ch->kind == LAYOUT_FRAG_IMAGE) {
				site(b, SITE_DECORATIONS, ch, &cw);
				site(b, SITE_IMAGE, ch, &cw);
			}
			break;
		case PHASE_OUTLINE:
			if (is_element_box(ch))
				site(b, SITE_OUTLINE, ch, &cw);
			break;
		case PHASE_FLOAT:
			break;
		}
		flow(b, ch, &cw, phase);
	}
	/* A collapsed table's borders go over its cells' backgrounds. */
	if (phase == PHASE_BLOCK_BG && f->collapsed_border_count)
		site(b, SITE_COLLAPSED_BORDERS, f, w);
}

/* Floats and inline-blocks: all phases of their own content, atomically. */
static void paint_atomic(struct builder *b, const struct layout_fragment *f, const struct walk *w)
{
	if (w->depth > MAX_DEPTH)
		return;
	site(b, SITE_DECORATIONS, f, w);
	if (f->kind == LAYOUT_FRAG_IMAGE)
		site(b, SITE_IMAGE, f, w);
	flow(b, f, w, PHASE_BLOCK_BG);
	flow(b, f, w, PHASE_FLOAT);
	flow(b, f, w, PHASE_INLINE);
	flow(b, f, w, PHASE_OUTLINE);
	site(b, SITE_OUTLINE, f, w);
}

/* ---- Stacking contexts --------------------------------------------------------------- */

/* Document order of a fragment's generating box: layout hoists absolutely
 * positioned fragments to their containing block, after its in-flow
 * children, so the walk's discovery order is not tree order. An element E
 * with element index i sorts at 3i, its ::before at 3i+1 (before its
 * children), its ::after at 3L+2 where L is its last descendant element. */
static uint64_t tree_order_key(const struct layout_fragment *f)
{
	const struct html_node *n = f->node;
	if (!n || n->element_index == UINT32_MAX)
		return 0;
	if (f->pseudo == CSS_PSEUDO_AFTER) {
		const struct html_node *last = n;
		for (;;) {
			const struct html_node *c = last->last_child;
			while (c && c->type != HTML_NODE_ELEMENT)
				c = c->prev_sibling;
			if (!c || c->element_index == UINT32_MAX)
				break;
			last = c;
		}
		return 3 * (uint64_t)last->element_index + 2;
	}
	return 3 * (uint64_t)n->element_index + (f->pseudo == CSS_PSEUDO_BEFORE ? 1 : 0);
}

static void layer_push(struct layer_list *l, const struct layout_fragment *parent, const struct layout_fragment *f,
		       const struct walk *w)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = base_xrealloc(l->items, l->cap * sizeof(*l->items));
	}
	struct layer *e = &l->items[l->len];
	e->f = f;
	e->w = *w;
	e->real = creates_stacking_context(parent, f);
	e->z = e->real && !f->style->z_index_auto ? f->style->z_index : 0;
	e->tree_key = tree_order_key(f);
	e->order = l->len;
	l->len++;
}

/* Finds the layers that belong to the stacking context being collected,
 * in tree order: through ordinary boxes and z-index:auto positioned ones,
 * not into nested stacking contexts. */
static void collect_layers(struct builder *b, const struct layout_fragment *f, const struct walk *w,
			   struct layer_list *out)
{
	if (w->depth > MAX_DEPTH)
		return;
	struct walk inner = content_walk(b, f, w);
	for (size_t i = 0; i < f->child_count; i++) {
		const struct layout_fragment *ch = f->children[i];
		if (!ch || !ch->style)
			continue;
		struct walk cw = child_walk(&inner, ch);
		if (is_layer(f, ch)) {
			layer_push(out, f, ch, &cw);
			if (creates_stacking_context(f, ch))
				continue;
		}
		collect_layers(b, ch, &cw, out);
	}
}

static int layer_cmp(const void *pa, const void *pb)
{
	const struct layer *a = pa, *b = pb;
	if (a->z != b->z)
		return a->z < b->z ? -1 : 1;
	if (a->tree_key != b->tree_key)
		return a->tree_key < b->tree_key ? -1 : 1;
	return a->order < b->order ? -1 : (a->order > b->order);
}

static void paint_layer(struct builder *b, const struct layout_fragment *f, const struct walk *w0, bool real);

static void paint_layers(struct builder *b, const struct layer_list *l, int zmin, int zmax, bool zero)
{
	for (size_t i = 0; i < l->len; i++) {
		const struct layer *e = &l->items[i];
		if (zero ? e->z == 0 : (e->z >= zmin && e->z <= zmax && e->z != 0))
			paint_layer(b, e->f, &e->w, e->real);
	}
}

/* Bounds of an opacity group: the union of its items' (fixed and sticky
 * items scroll differently, so a group holding one is never culled). */
static void group_bounds(struct paint_display_list *dl, size_t push_index, size_t pop_index)
{
	struct paint_item *push = &dl->items[push_index];
	struct paint_rect u = { 1e30f, 1e30f, -1e30f, -1e30f };
	bool fixed = false;
	for (size_t i = push_index + 1; i < pop_index; i++) {
		const struct paint_item *it = &dl->items[i];
		if (it->kind == PAINT_ITEM_POP_LAYER)
			continue;
		fixed |= it->fixed || it->sticky;
		u.x0 = BASE_MIN(u.x0, it->bounds.x0);
		u.y0 = BASE_MIN(u.y0, it->bounds.y0);
		u.x1 = BASE_MAX(u.x1, it->bounds.x1);
		u.y1 = BASE_MAX(u.y1, it->bounds.y1);
	}
	if (fixed)
		u = (struct paint_rect){ -1e30f, -1e30f, 1e30f, 1e30f };
	push->bounds = u;
	push->pop_index = pop_index;
}

static void close_group(struct paint_display_list *dl, size_t push_index)
{
	group_bounds(dl, push_index, dl->count - 1);
}

/* Paints a stacking context, or a positioned box with z-index auto (whose
 * nested layers were collected by the enclosing context). */
static void paint_layer(struct builder *b, const struct layout_fragment *f, const struct walk *w0, bool real)
{
	if (w0->depth > MAX_DEPTH)
		return;
	struct walk w = *w0;
	float opacity = is_element_box(f) ? f->style->opacity : 1.0f;
	apply_transform(b, f, &w);
	size_t push_index = b->dl->count;
	if (opacity < 1.0f) {
		struct paint_ctx c = ctx_of(b, &w);
		struct paint_item *it = paint_dl_add(&c, PAINT_ITEM_PUSH_LAYER, "layer", f);
		it->opacity = BASE_MAX(opacity, 0.0f);
		it->tf = NULL;
		it->clip = NULL;
		b->layer_depth++;
	}
	site(b, SITE_DECORATIONS, f, &w);
	if (f->kind == LAYOUT_FRAG_IMAGE)
		site(b, SITE_IMAGE, f, &w);
	struct layer_list layers = { 0 };
	if (real) {
		collect_layers(b, f, &w, &layers);
		if (layers.len > 1)
			qsort(layers.items, layers.len, sizeof(*layers.items), layer_cmp);
		paint_layers(b, &layers, INT32_MIN, -1, false);
	}
	flow(b, f, &w, PHASE_BLOCK_BG);
	flow(b, f, &w, PHASE_FLOAT);
	flow(b, f, &w, PHASE_INLINE);
	if (real) {
		paint_layers(b, &layers, 0, 0, true);
		paint_layers(b, &layers, 1, INT32_MAX, false);
	}
	flow(b, f, &w, PHASE_OUTLINE);
	site(b, SITE_OUTLINE, f, &w);
	free(layers.items);
	if (opacity < 1.0f) {
		b->layer_depth--;
		struct paint_ctx c = ctx_of(b, &w);
		struct paint_item *it = paint_dl_add(&c, PAINT_ITEM_POP_LAYER, "end-layer", f);
		it->tf = NULL;
		it->clip = NULL;
		close_group(b->dl, push_index);
	}
}

/* ---- The canvas (Backgrounds 3 §2.11.2) ------------------------------------------ */

static bool has_background(const struct css_style *s)
{
	if (s->background_color.a > 0)
		return true;
	for (size_t i = 0; i < s->background_count; i++)
		if (s->backgrounds[i].image.kind != CSS_IMAGE_NONE)
			return true;
	return false;
}

static bool is_tag(const struct layout_fragment *f, enum html_tag tag)
{
	return f && f->node && f->node->type == HTML_NODE_ELEMENT && f->node->tag == tag;
}

/* The root element's background, or body's when the root has none,
 * paints the whole canvas. */
static void paint_canvas(struct builder *b, const struct layout_tree *tree)
{
	const struct layout_fragment *root = tree->root, *html = NULL, *body = NULL;
	for (size_t i = 0; root && i < root->child_count && !html; i++)
		if (is_tag(root->children[i], HTML_TAG_HTML))
			html = root->children[i];
	for (size_t i = 0; html && i < html->child_count && !body; i++)
		if (is_tag(html->children[i], HTML_TAG_BODY))
			body = html->children[i];
	const struct layout_fragment *src = NULL;
	if (html && html->style && has_background(html->style))
		src = html;
	else if (body && body->style && has_background(body->style))
		src = body;
	float white[4] = { 1, 1, 1, 1 };
	memcpy(b->dl->canvas_color, white, sizeof(white));
	if (!src)
		return;
	b->dl->canvas_frag = src;
	float c[4];
	paint_color_premul(src->style->background_color, c);
	for (int k = 0; k < 4; k++)
		b->dl->canvas_color[k] = c[k] + white[k] * (1.0f - c[3]);
	/* Images, body's too, are positioned against the root element's
	 * box but paint over the whole canvas. */
	float big = 1e6f;
	struct paint_rrect area = { -big, -big, 2 * big + BASE_MAX(tree->document_width, tree->viewport_width),
				    2 * big + BASE_MAX(tree->document_height, tree->viewport_height), { 0 }, { 0 } };
	struct paint_ctx ctx = { b->dl, NULL, NULL, false, 0, NULL };
	paint_background_layers(&ctx, html, src->style, root->x + html->x, root->y + html->y, &area);
}

/* ---- Content attached to the viewport -------------------------------------------- */

/* Bands of the index of scrolled items: their height, how many at most
 * (the last one takes what is below), and how many an item may span
 * before it counts as wide. */
#define PAINT_BAND_HEIGHT 512.0f
#define PAINT_BAND_MAX 65536
#define PAINT_BAND_SPAN_MAX 16

static bool is_drawing(const struct paint_item *it)
{
	return it->kind == PAINT_ITEM_FILL || it->kind == PAINT_ITEM_TEXT;
}

static bool is_attached(const struct paint_item *it)
{
	return it->fixed || it->sticky;
}

size_t paint_band_of(const struct paint_display_list *dl, float y)
{
	if (!(y > 0.0f))
		return 0;
	float b = y / PAINT_BAND_HEIGHT;
	return b >= (float)(dl->band_count - 1) ? dl->band_count - 1 : (size_t)b;
}

/* Whether a scrolled item goes to the wide list rather than bands. */
static bool is_wide(const struct paint_display_list *dl, const struct paint_item *it)
{
	return !(it->bounds.y1 >= it->bounds.y0) || paint_band_of(dl, it->bounds.y1) - paint_band_of(dl, it->bounds.y0) >= PAINT_BAND_SPAN_MAX;
}

/* Lists the attached items and indexes the others by band, so that what
 * scrolls under an attached area, or in a strip, is found quickly. */
static void find_attached(struct paint_display_list *dl)
{
	for (size_t i = 0; i < dl->count; i++) {
		const struct paint_item *it = &dl->items[i];
		if (is_attached(it) && is_drawing(it)) {
			if (!dl->attached)
				dl->attached = base_xmalloc((dl->count - i) * sizeof(*dl->attached));
			dl->attached[dl->attached_count++] = i;
		}
	}
	float height = BASE_MAX(dl->document_height, dl->viewport_height);
	dl->band_count = height > 0.0f && height < PAINT_BAND_HEIGHT * PAINT_BAND_MAX ?
				 (size_t)(height / PAINT_BAND_HEIGHT) + 1 :
				 (height > 0.0f ? PAINT_BAND_MAX : 1);
	dl->band_start = base_xcalloc(dl->band_count + 1, sizeof(*dl->band_start));
	for (size_t i = 0; i < dl->count; i++) {
		const struct paint_item *it = &dl->items[i];
		if (is_attached(it) || !is_drawing(it))
			continue;
		if (is_wide(dl, it)) {
			dl->wide_count++;
			continue;
		}
		for (size_t b = paint_band_of(dl, it->bounds.y0); b <= paint_band_of(dl, it->bounds.y1); b++)
			dl->band_start[b + 1]++;
	}
	for (size_t b = 0; b < dl->band_count; b++)
		dl->band_start[b + 1] += dl->band_start[b];
	dl->band_items = base_xmalloc(BASE_MAX(dl->band_start[dl->band_count], (size_t)1) * sizeof(*dl->band_items));
	dl->wide_items = base_xmalloc(BASE_MAX(dl->wide_count, (size_t)1) * sizeof(*dl->wide_items));
	dl->unbanded = base_xmalloc(BASE_MAX(dl->count, (size_t)1) * sizeof(*dl->unbanded));
	size_t *fill = base_xmalloc(dl->band_count * sizeof(*fill));
	memcpy(fill, dl->band_start, dl->band_count * sizeof(*fill));
	size_t wide = 0;
	for (size_t i = 0; i < dl->count; i++) {
		const struct paint_item *it = &dl->items[i];
		if (is_attached(it) || !is_drawing(it) || is_wide(dl, it))
			dl->unbanded[dl->unbanded_count++] = i;
		if (is_attached(it) || !is_drawing(it))
			continue;
		if (is_wide(dl, it)) {
			dl->wide_items[wide++] = i;
			continue;
		}
		for (size_t b = paint_band_of(dl, it->bounds.y0); b <= paint_band_of(dl, it->bounds.y1); b++)
			dl->band_items[fill[b]++] = i;
	}
	free(fill);
}

/* A device rectangle from float edges, clamped to the target (so that the
 * conversions to int are defined). */
static struct paint_irect irect_of(const struct paint_target *t, float x0, float y0, float x1, float y1)
{
	x0 = BASE_MAX(x0, 0.0f);
	y0 = BASE_MAX(y0, 0.0f);
	x1 = BASE_MIN(x1, (float)t->width);
	y1 = BASE_MIN(y1, (float)t->height);
	if (!(x1 > x0 && y1 > y0))
		return (struct paint_irect){ 0, 0, 0, 0 };
	return (struct paint_irect){ (int)x0, (int)y0, (int)x1 - (int)x0, (int)y1 - (int)y0 };
}

/* Device bounds on the target of a document rect that scrolls as given,
 * grown by a pixel as the rasterizer grows item bounds. */
static struct paint_irect device_bounds(const struct paint_target *t, struct paint_rect b, bool fixed,
					const struct layout_sticky *sticky)
{
	float sx, sy;
	paint_scroll_of(t, fixed, sticky, &sx, &sy);
	float x0 = floorf((b.x0 - sx) * t->scale) - 1.0f, y0 = floorf((b.y0 - sy) * t->scale) - 1.0f;
	float x1 = ceilf((b.x1 - sx) * t->scale) + 1.0f, y1 = ceilf((b.y1 - sy) * t->scale) + 1.0f;
	return irect_of(t, x0, y0, x1, y1);
}

static struct paint_irect irect_intersect(struct paint_irect a, struct paint_irect b)
{
	int x0 = BASE_MAX(a.x, b.x), y0 = BASE_MAX(a.y, b.y);
	int x1 = BASE_MIN(a.x + a.w, b.x + b.w), y1 = BASE_MIN(a.y + a.h, b.y + b.h);
	if (x1 <= x0 || y1 <= y0)
		return (struct paint_irect){ 0, 0, 0, 0 };
	return (struct paint_irect){ x0, y0, x1 - x0, y1 - y0 };
}

static struct paint_irect irect_union(struct paint_irect a, struct paint_irect b)
{
	int x0 = BASE_MIN(a.x, b.x), y0 = BASE_MIN(a.y, b.y);
	int x1 = BASE_MAX(a.x + a.w, b.x + b.w), y1 = BASE_MAX(a.y + a.h, b.y + b.h);
	return (struct paint_irect){ x0, y0, x1 - x0, y1 - y0 };
}

static int64_t irect_area(struct paint_irect r)
{
	return (int64_t)r.w * r.h;
}

static bool irect_contains(struct paint_irect outer, struct paint_irect inner)
{
	return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w &&
	       inner.y + inner.h <= outer.y + outer.h;
}

/* Adds r to the areas: merged with one when their union costs no more to
 * paint than both (a sidebar and a header stay apart), else a new one;
 * when all max are used, merged where the union grows least. */
static void area_add(struct paint_attached *out, size_t *n, size_t max, struct paint_irect r)
{
	for (;;) {
		size_t best = *n;
		int64_t best_growth = INT64_MAX;
		for (size_t i = 0; i < *n; i++) {
			int64_t growth = irect_area(irect_union(out[i].r, r)) - irect_area(out[i].r);
			if ((growth <= irect_area(r) || *n == max) && growth < best_growth) {
				best = i;
				best_growth = growth;
			}
		}
		if (best == *n) {
			out[(*n)++] = (struct paint_attached){ .r = r };
			return;
		}
		/* The grown area may now absorb others: take it out and add
		 * it again. */
		r = irect_union(out[best].r, r);
		out[best] = out[--*n];
	}
}

/* The device pixels [*lo, *hi) along one axis of the span [a, b] (CSS px)
 * of an untransformed item that scrolls by s, mapped as the rasterizer
 * maps it (scale a + e): with `inner` those it surely covers whole, else
 * those it may touch. A span snapped to device pixels (box decorations)
 * whose ends land on whole pixels is exact; others gain (or lose) a pixel
 * against rounding. */
static void shape_span(const struct paint_target *t, float a, float b, float s, bool snap, bool inner, float *lo,
		       float *hi)
{
	float e = -s * t->scale;
	if (snap) {
		float qa = roundf(a * t->scale), qb = roundf(b * t->scale);
		float da = t->scale * (qa / t->scale) + e, db = t->scale * (qb / t->scale) + e;
		if (da == floorf(da) && db == floorf(db) && fabsf(da) < 1e7f && fabsf(db) < 1e7f) {
			*lo = da;
			*hi = db;
			return;
		}
	}
	float da = t->scale * a + e, db = t->scale * b + e;
	*lo = inner ? ceilf(da) + 1.0f : floorf(da) - 1.0f;
	*hi = inner ? floorf(db) - 1.0f : ceilf(db) + 1.0f;
}

/* The same for a rectangular clip, which the rasterizer rounds to whole
 * device pixels: rounding of an end within 0.01 of a half pixel is taken
 * as uncertain. */
static void clip_span(const struct paint_target *t, float a, float b, float s, bool inner, float *lo, float *hi)
{
	float e = -s * t->scale;
	float da = t->scale * a + e, db = t->scale * b + e;
	*lo = inner ? ceilf(da - 0.49f) : floorf(da + 0.49f);
	*hi = inner ? floorf(db + 0.49f) : ceilf(db - 0.49f);
}

/* Whether a clip is a rectangle the rasterizer applies by narrowing the
 * pixels drawn. */
static bool is_rect_clip(const struct paint_clip *c)
{
	return !c->tf && paint_rrect_is_rect(&c->r);
}

/* A clip's device pixels, outer or inner. */
static struct paint_irect clip_pixels(const struct paint_target *t, const struct paint_clip *c, bool inner)
{
	float sx, sy, x0, x1, y0, y1;
	paint_scroll_of(t, c->fixed, c->sticky, &sx, &sy);
	clip_span(t, c->r.x, c->r.x + c->r.w, sx, inner, &x0, &x1);
	clip_span(t, c->r.y, c->r.y + c->r.h, sy, inner, &y0, &y1);
	return irect_of(t, x0, y0, x1, y1);
}

/* Whether an item fills (part of) a plain rounded rectangle or ring whose
 * outer edge bounds what it paints. */
static bool has_plain_shape(const struct paint_item *it)
{
	return it->kind == PAINT_ITEM_FILL && !it->tf && it->blur_sigma <= 0.0f && !it->shape.invert &&
	       (it->shape.kind == PAINT_SHAPE_RRECT || it->shape.kind == PAINT_SHAPE_RING);
}

/* The device pixels an item may paint on the target: its bounds, its
 * shape's pixels when known exactly, narrowed by its clips (each scrolls
 * as its own box does: a fixed background is seen only through its
 * scrolling box). */
static struct paint_irect item_device_bounds(const struct paint_target *t, const struct paint_item *it)
{
	struct paint_irect r = device_bounds(t, it->bounds, it->fixed, it->sticky);
	if (has_plain_shape(it)) {
		float sx, sy, x0, x1, y0, y1;
		paint_scroll_of(t, it->fixed, it->sticky, &sx, &sy);
		const struct paint_rrect *a = &it->shape.a;
		shape_span(t, a->x, a->x + a->w, sx, it->snap, false, &x0, &x1);
		shape_span(t, a->y, a->y + a->h, sy, it->snap, false, &y0, &y1);
		r = irect_intersect(r, irect_of(t, x0, y0, x1, y1));
	}
	for (const struct paint_clip *c = it->clip; c && r.w > 0; c = c->parent) {
		if (is_rect_clip(c)) {
			r = irect_intersect(r, clip_pixels(t, c, false));
			continue;
		}
		struct paint_rect local = { c->r.x, c->r.y, c->r.x + c->r.w, c->r.y + c->r.h };
		r = irect_intersect(r, device_bounds(t, paint_map_bounds(c->tf, local), c->fixed, c->sticky));
	}
	return r;
}

/* The device pixels an item surely paints over opaquely: empty unless it
 * is an opaque colour filling a plain rectangle outside any opacity group,
 * clipped by rectangles only. */
static struct paint_irect opaque_cover(const struct paint_target *t, const struct paint_item *it)
{
	struct paint_irect none = { 0, 0, 0, 0 };
	if (!has_plain_shape(it) || it->source != PAINT_SRC_COLOR || it->color[3] < 1.0f || it->depth != 0 ||
	    it->shape.kind != PAINT_SHAPE_RRECT || !paint_rrect_is_rect(&it->shape.a) || it->mask.kind != PAINT_SHAPE_NONE ||
	    it->mask.invert || it->mask2.kind != PAINT_SHAPE_NONE || it->mask2.invert)
		return none;
	float sx, sy, x0, x1, y0, y1;
	paint_scroll_of(t, it->fixed, it->sticky, &sx, &sy);
	const struct paint_rrect *a = &it->shape.a;
	shape_span(t, a->x, a->x + a->w, sx, it->snap, true, &x0, &x1);
	shape_span(t, a->y, a->y + a->h, sy, it->snap, true, &y0, &y1);
	struct paint_irect r = irect_of(t, x0, y0, x1, y1);
	for (const struct paint_clip *c = it->clip; c && r.w > 0; c = c->parent) {
		if (!is_rect_clip(c))
			return none;
		r = irect_intersect(r, clip_pixels(t, c, true));
	}
	return r;
}

static uint64_t key_mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
	return h;
}

static uint64_t float_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof(u));
	return u;
}

/* Whether the scrolled item i shows in area a: it touches it and no later
 * opaque attached item hides it. */
static bool item_shows(const struct paint_display_list *dl, const struct paint_target *t, size_t i,
		       struct paint_irect a, const struct paint_irect *covers, const size_t *cover_index,
		       size_t cover_count)
{
	const struct paint_item *it = &dl->items[i];
	/* A cheap first test on the document area under it (clips only
	 * narrow an item's bounds). */
	float x0 = t->scroll_x + ((float)a.x - 2.0f) / t->scale, x1 = t->scroll_x + ((float)(a.x + a.w) + 2.0f) / t->scale;
	float y0 = t->scroll_y + ((float)a.y - 2.0f) / t->scale, y1 = t->scroll_y + ((float)(a.y + a.h) + 2.0f) / t->scale;
	if (it->bounds.y1 < y0 || it->bounds.y0 > y1 || it->bounds.x1 < x0 || it->bounds.x0 > x1)
		return false;
	struct paint_irect r = irect_intersect(item_device_bounds(t, it), a);
	if (r.w <= 0)
		return false;
	for (size_t k = 0; k < cover_count; k++)
		if (cover_index[k] > i && irect_contains(covers[k], r))
			return false;
	return true;
}

/* Whether something that scrolls shows in area a. */
static bool scrolled_shows(const struct paint_display_list *dl, const struct paint_target *t, struct paint_irect a,
			   const struct paint_irect *covers, const size_t *cover_index, size_t cover_count)
{
	for (size_t k = 0; k < dl->wide_count; k++)
		if (item_shows(dl, t, dl->wide_items[k], a, covers, cover_index, cover_count))
			return true;
	float y0 = t->scroll_y + ((float)a.y - 2.0f) / t->scale, y1 = t->scroll_y + ((float)(a.y + a.h) + 2.0f) / t->scale;
	for (size_t b = paint_band_of(dl, y0); b <= paint_band_of(dl, y1); b++)
		for (size_t k = dl->band_start[b]; k < dl->band_start[b + 1]; k++)
			if (item_shows(dl, t, dl->band_items[k], a, covers, cover_index, cover_count))
				return true;
	return false;
}

size_t paint_attached_area(const struct paint_display_list *dl, const struct paint_target *t,
			   struct paint_attached *out, size_t max)
{
	size_t n = 0;
	if (!dl || !t || max == 0 || !(t->scale > 0.0f) || dl->attached_count == 0)
		return 0;
	struct paint_irect covers[16];
	size_t cover_index[16], cover_count = 0;
	for (size_t k = 0; k < dl->attached_count; k++) {
		const struct paint_item *it = &dl->items[dl->attached[k]];
		struct paint_irect r = item_device_bounds(t, it);
		if (r.w <= 0)
			continue;
		area_add(out, &n, max, r);
		struct paint_irect cover = opaque_cover(t, it);
		if (cover.w > 0 && cover_count < BASE_ARRAY_LEN(covers)) {
			covers[cover_count] = cover;
			cover_index[cover_count++] = dl->attached[k];
		}
	}
	/* Each area's key: where each attached item touching it is placed. */
	for (size_t k = 0; k < dl->attached_count; k++) {
		const struct paint_item *it = &dl->items[dl->attached[k]];
		struct paint_irect r = item_device_bounds(t, it);
		float sx, sy;
		paint_scroll_of(t, it->fixed, it->sticky, &sx, &sy);
		for (size_t i = 0; i < n && r.w > 0; i++)
			if (irect_intersect(r, out[i].r).w > 0)
				out[i].key = key_mix(key_mix(key_mix(out[i].key, dl->attached[k]), float_bits(sx)), float_bits(sy));
	}
	for (size_t i = 0; i < n; i++)
		out[i].self_contained = !scrolled_shows(dl, t, out[i].r, covers, cover_index, cover_count);
	return n;
}

static struct paint_display_list *build(const struct layout_tree *tree, const struct layout_image_provider *images,
				       bool restylable)
{
	struct paint_display_list *dl = base_xcalloc(1, sizeof(*dl));
	base_arena_init(&dl->arena, 64 * 1024);
	dl->glyphs = paint_glyph_stash_new();
	dl->restylable = restylable;
	dl->canvas_color[0] = dl->canvas_color[1] = dl->canvas_color[2] = dl->canvas_color[3] = 1.0f;
	if (!tree || !tree->root || !tree->root->style)
		return dl;
	dl->document_width = tree->document_width;
	dl->document_height = tree->document_height;
	dl->viewport_width = tree->viewport_width;
	dl->viewport_height = tree->viewport_height;
	dl->images = images;
	struct builder b = { .dl = dl };
	paint_canvas(&b, tree);
	struct walk w = { tree->root->x, tree->root->y, NULL, NULL, NULL, NULL, false, 0, NULL };
	paint_layer(&b, tree->root, &w, true);
	find_attached(dl);
	dl->images = NULL;
	return dl;
}

struct paint_display_list *paint_build_display_list(const struct layout_tree *tree,
						    const struct layout_image_provider *images)
{
	return build(tree, images, false);
}

struct paint_display_list *paint_build_display_list_restylable(const struct layout_tree *tree,
							       const struct layout_image_provider *images)
{
	return build(tree, images, true);
}

/* ---- Paint-only restyles ------------------------------------------------------------ */

/* Whether a fragment's new style keeps its place in painting order (the
 * same stacking, layering and opacity group) and what its content is
 * painted in (transform, overflow clip radii), which sites keep. */
static bool same_stacking(const struct css_style *a, const struct css_style *b)
{
	return a->opacity == b->opacity && a->transform == b->transform && a->position == b->position &&
	       a->z_index_auto == b->z_index_auto && a->z_index == b->z_index && a->float_ == b->float_ &&
	       a->display == b->display &&
	       memcmp(&a->transform_origin_x, &b->transform_origin_x, sizeof(a->transform_origin_x)) == 0 &&
	       memcmp(&a->transform_origin_y, &b->transform_origin_y, sizeof(a->transform_origin_y)) == 0 &&
	       memcmp(a->border_radius, b->border_radius, sizeof(a->border_radius)) == 0;
}

/* Whether a mark's items must be made again: its fragment's style changed
 * (collapsed borders come from the cells' styles: always). */
static bool mark_changed(const struct paint_mark *m)
{
	return m->f->style != m->style || m->site == SITE_COLLAPSED_BORDERS;
}

/* Opacity group bounds and the index of attached and banded items, after
 * items changed. */
static void reindex(struct paint_display_list *dl)
{
	for (size_t i = dl->count; i-- > 0;)
		if (dl->items[i].kind == PAINT_ITEM_PUSH_LAYER && dl->items[i].pop_index < dl->count)
			group_bounds(dl, i, dl->items[i].pop_index);
	free(dl->attached);
	free(dl->band_start);
	free(dl->band_items);
	free(dl->wide_items);
	free(dl->unbanded);
	dl->attached = dl->band_start = dl->band_items = dl->wide_items = dl->unbanded = NULL;
	dl->attached_count = dl->band_count = dl->wide_count = dl->unbanded_count = 0;
	find_attached(dl);
}

/* Replaces the items of the changed marks (flags) by their fresh ones, at
 * fresh[c] .. fresh[c + 1] after the list's first old_count items. */
static void splice(struct paint_display_list *dl, const bool *flags, const size_t *fresh, size_t changed,
		   size_t old_count)
{
	size_t new_count = old_count;
	for (size_t k = 0, c = 0; k < dl->mark_count; k++)
		if (flags[k]) {
			size_t end = c + 1 < changed ? fresh[c + 1] : dl->count;
			new_count = new_count - dl->marks[k].count + (end - fresh[c]);
			c++;
		}
	struct paint_item *items = base_xmalloc(BASE_MAX(new_count, (size_t)1) * sizeof(*items));
	size_t *new_index = base_xmalloc(BASE_MAX(old_count, (size_t)1) * sizeof(*new_index));
	size_t in = 0, out = 0;
	for (size_t k = 0, c = 0; k <= dl->mark_count; k++) {
		struct paint_mark *m = k < dl->mark_count ? &dl->marks[k] : NULL;
		size_t until = m ? m->start : old_count;
		for (; in < until; in++) {
			new_index[in] = out;
			items[out++] = dl->items[in];
		}
		if (!m)
			break;
		if (!flags[k]) {
			m->start = out;
			continue;
		}
		size_t end = c + 1 < changed ? fresh[c + 1] : dl->count;
		for (; in < m->start + m->count; in++)
			new_index[in] = SIZE_MAX;
		m->start = out;
		m->count = end - fresh[c];
		memcpy(items + out, dl->items + fresh[c], m->count * sizeof(*items));
		out += m->count;
		c++;
	}
	/* Opacity groups end at their pop items' new places (never in a
	 * site's items). */
	for (size_t i = 0; i < new_count; i++)
		if (items[i].kind == PAINT_ITEM_PUSH_LAYER)
			items[i].pop_index = items[i].pop_index < old_count ? new_index[items[i].pop_index] : SIZE_MAX;
	free(new_index);
	free(dl->items);
	dl->items = items;
	dl->count = dl->cap = new_count;
}

static void rect_add(struct paint_rect *u, struct paint_rect r)
{
	u->x0 = BASE_MIN(u->x0, r.x0);
	u->y0 = BASE_MIN(u->y0, r.y0);
	u->x1 = BASE_MAX(u->x1, r.x1);
	u->y1 = BASE_MAX(u->y1, r.y1);
}

static bool restyle_items(struct paint_display_list *dl, const struct layout_image_provider *images,
			  struct paint_rect *damage)
{
	bool *flags = base_xcalloc(BASE_MAX(dl->mark_count, (size_t)1), sizeof(*flags));
	size_t changed = 0;
	for (size_t k = 0; k < dl->mark_count; k++) {
		const struct paint_mark *m = &dl->marks[k];
		if (!mark_changed(m))
			continue;
		/* The root's and body's backgrounds may be the canvas's. */
		if (m->f->style != m->style &&
		    (!same_stacking(m->style, m->f->style) || is_root_element(m->f) || is_tag(m->f, HTML_TAG_BODY))) {
			free(flags);
			return false;
		}
		flags[k] = true;
		changed++;
	}
	if (!changed) {
		free(flags);
		return true;
	}
	/* The changed sites' new items go after the list first... */
	size_t old_count = dl->count;
	size_t *fresh = base_xmalloc(changed * sizeof(*fresh));
	dl->images = images;
	for (size_t k = 0, c = 0; k < dl->mark_count; k++) {
		struct paint_mark *m = &dl->marks[k];
		if (!flags[k])
			continue;
		fresh[c++] = dl->count;
		struct paint_ctx ctx = m->ctx;
		run_site(&ctx, dl->canvas_frag, m->site, m->f, m->x, m->y);
		m->style = m->f->style;
	}
	dl->images = NULL;
	/* ...then replace the old ones: in place when each site made as many
	 * items as before (a colour changed), else into a new array. */
	bool same_counts = true, same_index = true;
	for (size_t k = 0, c = 0; k < dl->mark_count && same_counts; k++)
		if (flags[k]) {
			size_t end = c + 1 < changed ? fresh[c + 1] : dl->count;
			same_counts = end - fresh[c] == dl->marks[k].count;
			c++;
		}
	if (same_counts) {
		for (size_t k = 0, c = 0; k < dl->mark_count; k++) {
			if (!flags[k])
				continue;
			const struct paint_mark *m = &dl->marks[k];
			for (size_t j = 0; j < m->count; j++) {
				struct paint_item *old = &dl->items[m->start + j];
				const struct paint_item *new = &dl->items[fresh[c] + j];
				if (memcmp(old, new, sizeof(*old)) == 0)
					continue;
				same_index &= memcmp(&old->bounds, &new->bounds, sizeof(old->bounds)) == 0 &&
					      old->fixed == new->fixed && old->sticky == new->sticky;
				rect_add(damage, old->bounds);
				rect_add(damage, new->bounds);
				*old = *new;
			}
			c++;
		}
		dl->count = old_count;
	} else {
		for (size_t k = 0; k < dl->mark_count; k++)
			for (size_t j = 0; flags[k] && j < dl->marks[k].count; j++)
				rect_add(damage, dl->items[dl->marks[k].start + j].bounds);
		for (size_t i = old_count; i < dl->count; i++)
			rect_add(damage, dl->items[i].bounds);
		splice(dl, flags, fresh, changed, old_count);
	}
	free(fresh);
	free(flags);
	if (!same_counts || !same_index)
		reindex(dl);
	return true;
}

bool paint_display_list_restyle(struct paint_display_list *dl, const struct layout_image_provider *images,
				struct layout_rect *damage)
{
	*damage = (struct layout_rect){ 0, 0, 0, 0 };
	if (!dl || !dl->restylable)
		return false;
	struct paint_rect u = { 1e30f, 1e30f, -1e30f, -1e30f };
	if (!restyle_items(dl, images, &u))
		return false;
	if (u.x1 >= u.x0 && u.y1 >= u.y0)
		*damage = (struct layout_rect){ u.x0, u.y0, u.x1 - u.x0, u.y1 - u.y0 };
	return true;
}

/* ---- Dump ------------------------------------------------------------------------- */

static void dump_color(struct base_buf *out, const float c[4])
{
	if (c[3] <= 0.0f) {
		base_buf_puts(out, "transparent");
		return;
	}
	base_buf_printf(out, "rgba(%d,%d,%d,%.3g)", (int)lroundf(c[0] / c[3] * 255.0f),
			(int)lroundf(c[1] / c[3] * 255.0f), (int)lroundf(c[2] / c[3] * 255.0f), c[3]);
}

static void dump_rrect(struct base_buf *out, const struct paint_rrect *r)
{
	base_buf_printf(out, "%g,%g %gx%g", r->x, r->y, r->w, r->h);
	if (!paint_rrect_is_rect(r))
		base_buf_printf(out, " r=%g/%g,%g/%g,%g/%g,%g/%g", r->rx[0], r->ry[0], r->rx[1], r->ry[1], r->rx[2],
				r->ry[2], r->rx[3], r->ry[3]);
}

static void dump_shape(struct base_buf *out, const struct paint_shape *s)
{
	if (s->invert)
		base_buf_puts(out, "not ");
	switch (s->kind) {
	case PAINT_SHAPE_NONE:
		base_buf_puts(out, "all");
		break;
	case PAINT_SHAPE_RRECT:
		base_buf_puts(out, "rect(");
		dump_rrect(out, &s->a);
		base_buf_puts(out, ")");
		break;
	case PAINT_SHAPE_RING:
		base_buf_puts(out, "ring(");
		dump_rrect(out, &s->a);
		base_buf_puts(out, " - ");
		dump_rrect(out, &s->b);
		base_buf_puts(out, ")");
		break;
	case PAINT_SHAPE_POLY:
		base_buf_printf(out, "path(%zu contours)", s->poly ? s->poly->contour_count : 0);
		break;
	}
}

static void dump_frag(struct base_buf *out, const struct layout_fragment *f)
{
	if (!f)
		return;
	const struct html_node *n = f->node ? f->node : (f->text_node ? f->text_node->parent : NULL);
	if (n && n->type == HTML_NODE_ELEMENT && n->local_name)
		base_buf_printf(out, " <%s>", n->local_name);
}

void paint_dump_display_list(const struct paint_display_list *dl, struct base_buf *out)
{
	base_buf_puts(out, "canvas ");
	dump_color(out, dl->canvas_color);
	base_buf_printf(out, " items=%zu\n", dl->count);
	static const char *const sources[] = { "color", "image", "linear-gradient", "radial-gradient" };
	for (size_t i = 0; i < dl->count; i++) {
		const struct paint_item *it = &dl->items[i];
		for (int d = 0; d < it->depth; d++)
			base_buf_puts(out, "  ");
		base_buf_puts(out, it->what);
		switch (it->kind) {
		case PAINT_ITEM_PUSH_LAYER:
			base_buf_printf(out, " opacity=%g", it->opacity);
			break;
		case PAINT_ITEM_POP_LAYER:
			break;
		case PAINT_ITEM_TEXT: {
			size_t glyphs = 0;
			for (size_t r = 0; r < it->run_count; r++)
				glyphs += it->runs[r].count;
			base_buf_printf(out, " at %g,%g glyphs=%zu ", it->ox, it->oy, glyphs);
			dump_color(out, it->color);
			if (it->frag && it->frag->text) {
				base_buf_puts(out, " \"");
				size_t n = BASE_MIN(it->frag->text_len, (size_t)40);
				for (size_t k = 0; k < n; k++) {
					char ch = it->frag->text[k];
					base_buf_putc(out, (ch == '\n' || ch == '"') ? ' ' : ch);
				}
				base_buf_puts(out, "\"");
			}
			break;
		}
		case PAINT_ITEM_FILL:
			base_buf_puts(out, " ");
			dump_shape(out, &it->shape);
			if (it->mask.kind != PAINT_SHAPE_NONE || it->mask.invert) {
				base_buf_puts(out, " mask ");
				dump_shape(out, &it->mask);
			}
			base_buf_printf(out, " %s", sources[it->source]);
			if (it->source == PAINT_SRC_COLOR) {
				base_buf_puts(out, " ");
				dump_color(out, it->color);
			} else if (it->source == PAINT_SRC_IMAGE && it->image) {
				base_buf_printf(out, " %dx%d", it->image->width, it->image->height);
			}
			break;
		}
		if (it->kind != PAINT_ITEM_POP_LAYER && it->blur_sigma > 0.0f)
			base_buf_printf(out, " blur=%g", it->blur_sigma);
		if (it->tf)
			base_buf_printf(out, " matrix(%g,%g,%g,%g,%g,%g)", it->tf->a, it->tf->b, it->tf->c, it->tf->d,
					it->tf->e, it->tf->f);
		size_t clips = 0;
		for (const struct paint_clip *c = it->clip; c; c = c->parent)
			clips++;
		if (clips)
			base_buf_printf(out, " clips=%zu", clips);
		if (it->fixed)
			base_buf_puts(out, " fixed");
		if (it->sticky)
			base_buf_puts(out, " sticky");
		dump_frag(out, it->frag);
		base_buf_putc(out, '\n');
	}
}
