/* Block formatting context (CSS 2.1 §9.4.1, §10.3.3, §10.6.3, §8.3.1):
 * block-level boxes stacked vertically with margin collapsing, widths from
 * the containing block, auto heights from content, floats and clearance,
 * and boxes that establish new block formatting contexts.
 *
 * Each child is laid out before it is placed: its fragment's children are
 * relative to it, and the parent only sets the child's x/y. Margins that
 * collapse through a box are handed to its parent as margin struts. The
 * float list of a BFC is the only state shared between siblings, so a BFC is
 * laid out in tree order. */
#include "layout/internal.h"

#include <stdlib.h>
#include <string.h>

static bool establishes_bfc(const struct layout_box *box)
{
	const struct css_style *s = box->style;
	if (!box->parent || !box->parent->parent)
		return true; /* the ICB and the root element */
	if (box->is_float || box->is_abspos || box->inline_level)
		return true;
	/* The body's overflow goes to the viewport when the root's is
	 * visible (CSS Overflow 3 §3.3): then it does not make a BFC. */
	bool propagated = box->node && box->node->tag == HTML_TAG_BODY && box->parent->node &&
			  box->parent->node == box->node->parent && !box->parent->parent->parent &&
			  box->parent->style->overflow_x == CSS_OVERFLOW_VISIBLE;
	if (s->overflow_x != CSS_OVERFLOW_VISIBLE && s->overflow_x != CSS_OVERFLOW_CLIP && !propagated)
		return true;
	/* HTML §15.3.13: a fieldset establishes a new formatting context. */
	if (!box->anonymous && box->pseudo == 0 && box->node && box->node->tag == HTML_TAG_FIELDSET)
		return true;
	switch (s->display) {
	case CSS_DISPLAY_FLOW_ROOT:
	case CSS_DISPLAY_FLEX:
	case CSS_DISPLAY_INLINE_FLEX:
	case CSS_DISPLAY_GRID:
	case CSS_DISPLAY_INLINE_GRID:
	case CSS_DISPLAY_TABLE:
	case CSS_DISPLAY_INLINE_TABLE:
	case CSS_DISPLAY_TABLE_CELL:
	case CSS_DISPLAY_TABLE_CAPTION:
		return true;
	default:
		return false;
	}
}

/* §10.3.3: used margins of a block in normal flow with a given width.
 * HTML's legacy alignment of the parent (-webkit-center/right) aligns
 * blocks whose margins are not auto, as Blink does. */
static void resolve_horizontal_margins(const struct css_style *s, const struct css_style *parent, float cb_width, float w,
				       struct layout_edges *m)
{
	bool ml_auto = layout_len_is_auto(s->margin[3]), mr_auto = layout_len_is_auto(s->margin[1]);
	uint8_t legacy = parent ? parent->text_align : CSS_TEXT_ALIGN_START;
	if (!ml_auto && !mr_auto && legacy == CSS_TEXT_ALIGN_WEBKIT_CENTER)
		ml_auto = mr_auto = true;
	else if (!ml_auto && !mr_auto && legacy == CSS_TEXT_ALIGN_WEBKIT_RIGHT)
		ml_auto = true;
	float rest = cb_width - w - m->left - m->right;
	if (ml_auto && mr_auto) {
		float ml = layout_len_is_auto(s->margin[3]) ? 0 : m->left, mr = layout_len_is_auto(s->margin[1]) ? 0 : m->right;
		rest = cb_width - w - ml - mr;
		m->left = ml + (rest / 2 > 0 ? layout_unit(rest / 2) : 0);
		m->right = mr + (rest / 2 > 0 ? rest - layout_unit(rest / 2) : rest);
	} else if (ml_auto) {
		m->left = rest + m->left > 0 ? rest + m->left : 0;
		if (rest < 0)
			m->left = 0;
	} else if (mr_auto) {
		m->right = rest + m->right;
	}
	/* Over-constrained: margin-right is ignored in LTR. */
}

static float used_height(const struct css_style *s, float cb_height, const struct layout_edges *b, const struct layout_edges *p,
			 bool *is_auto)
{
	*is_auto = !layout_len_definite(s->height, cb_height);
	if (*is_auto)
		return -1;
	float bp = b->top + b->bottom + p->top + p->bottom;
	float v = css_length_resolve(s->height, cb_height);
	if (s->box_sizing == CSS_BOX_SIZING_BORDER_BOX)
		return v > bp ? v : bp;
	return (v > 0 ? v : 0) + bp;
}

static void place_child(struct layout_fragment *f, float x, float y, float cb_width, float cb_height)
{
	float dx, dy;
	layout_apply_relative(f->style, cb_width, cb_height, &dx, &dy);
	f->x = layout_snap(x + dx);
	f->y = layout_snap(y + dy);
}

float layout_float_margin_width(struct layout_ctx *ctx, struct layout_box *box, float cb_width, int depth)
{
	struct layout_edges m, b, p;
	layout_box_edges(box->style, cb_width, &m, &b, &p);
	float w;
	if (box->type == LAYOUT_BOX_REPLACED) {
		float h;
		layout_replaced_size(ctx, box, cb_width, -1, &w, &h);
		w += b.left + b.right + p.left + p.right;
	} else {
		w = layout_specified_border_width(box->style, cb_width, &b, &p);
		if (w < 0)
			w = layout_keyword_width(ctx, box, box->style->width, cb_width - m.left - m.right, depth);
		if (w < 0)
			w = layout_shrink_to_fit(ctx, box, cb_width - m.left - m.right, depth);
		w = layout_clamp_border_width(box->style, w, cb_width, &b, &p);
		w = layout_clamp_keyword_width(ctx, box, w, cb_width - m.left - m.right, depth);
	}
	return w + m.left + m.right;
}

struct layout_fragment *layout_float(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height,
					    struct layout_floats *floats, float cb_bfc_x, float min_bfc_y, int depth)
{
	struct layout_edges m, b, p;
	layout_box_edges(box->style, cb_width, &m, &b, &p);
	float w;
	if (box->type == LAYOUT_BOX_REPLACED) {
		struct layout_fragment *f = layout_replaced(ctx, box, cb_width, cb_height);
		w = f->width;
		float mw = w + m.left + m.right, mh = f->height + m.top + m.bottom, x, y;
		if (box->style->clear != CSS_CLEAR_NONE) {
			float c = layout_floats_clearance(floats, box->style->clear);
			if (c > min_bfc_y)
				min_bfc_y = c;
		}
		layout_floats_place(floats, box->style->float_ == CSS_FLOAT_LEFT, mw, mh, min_bfc_y, cb_bfc_x, cb_bfc_x + cb_width, &x, &y);
		place_child(f, x - cb_bfc_x + m.left, y + m.top, cb_width, cb_height);
		return f;
	}
	w = layout_specified_border_width(box->style, cb_width, &b, &p);
	if (w < 0)
		w = layout_keyword_width(ctx, box, box->style->width, cb_width - m.left - m.right, depth);
	if (w < 0)
		w = layout_shrink_to_fit(ctx, box, cb_width - m.left - m.right, depth);
	w = layout_clamp_border_width(box->style, w, cb_width, &b, &p);
	w = layout_clamp_keyword_width(ctx, box, w, cb_width - m.left - m.right, depth);
	struct layout_block_result r;
	layout_bfc_root(ctx, box, cb_width, cb_height, w, depth, &r);
	float mw = w + m.left + m.right, mh = r.frag->height + m.top + m.bottom, x, y;
	if (box->style->clear != CSS_CLEAR_NONE) {
		float c = layout_floats_clearance(floats, box->style->clear);
		if (c > min_bfc_y)
			min_bfc_y = c;
	}
	layout_floats_place(floats, box->style->float_ == CSS_FLOAT_LEFT, mw, mh, min_bfc_y, cb_bfc_x, cb_bfc_x + cb_width, &x, &y);
	place_child(r.frag, x - cb_bfc_x + m.left, y + m.top, cb_width, cb_height);
	return r.frag;
}

struct flow_state {
	struct layout_ctx *ctx;
	struct layout_box *box;
	struct layout_fragment *frag;
	float content_width, cb_height;
	struct layout_floats *floats;
	float content_bfc_x, content_bfc_y; /* content box origin in BFC coordinates */
	float inset_x, inset_y; /* content box origin in the fragment (border + padding) */
	int depth;
	/* Margins adjoining the content top (the box's own and its
	 * ancestors' when they collapse), beginning at BFC y adjoining_y. */
	struct layout_margin_strut adjoining;
	float adjoining_y;
	struct base_vec children;
	struct layout_box *legend; /* a fieldset's rendered legend, placed apart */
};

/* The block-level children of a block container (§9.4.1). */
static void layout_block_children(struct flow_state *st, bool collapse_top, struct layout_margin_strut *top_strut, float *out_y,
				  struct layout_margin_strut *out_pending, bool *out_at_top, struct layout_block_result *res)
{
	struct layout_ctx *ctx = st->ctx;
	float y = 0;
	struct layout_margin_strut pending = {0, 0};
	bool at_top = true;
	/* §8.3.1: the margins of a box with clearance collapse with those
	 * of following siblings, but not with the parent's bottom margin. */
	bool sealed = false;
	for (struct layout_box *c = st->box->first; c; c = c->next) {
		if (c == st->legend)
			continue;
		float margin_y = at_top && collapse_top ? 0 : layout_strut_resolve(pending);
		if (c->is_abspos) {
			struct layout_edges m, b, p;
			layout_box_edges(c->style, st->content_width, &m, &b, &p);
			layout_positioned_pending(ctx, c, st->frag, st->inset_x, st->inset_y + y + margin_y);
			continue;
		}
		if (c->is_float) {
			struct layout_fragment *f = layout_float(ctx, c, st->content_width, st->cb_height, st->floats, st->content_bfc_x,
								 st->content_bfc_y + y + margin_y, st->depth + 1);
			/* layout_float gave y in BFC coordinates. */
			f->y = layout_snap(f->y - st->content_bfc_y + st->inset_y);
			f->x = layout_snap(f->x + st->inset_x);
			base_vec_push(&st->children, f);
			continue;
		}
		struct layout_edges cm, cb, cp;
		layout_box_edges(c->style, st->content_width, &cm, &cb, &cp);
		struct layout_margin_strut merged = pending;
		layout_strut_add(&merged, cm.top);
		/* The margins adjoining the child's top edge, and where they
		 * begin: the parent's too while nothing separates them. */
		struct layout_margin_strut adjoining = merged;
		float adjoining_y = st->content_bfc_y + y;
		if (at_top && collapse_top) {
			adjoining = st->adjoining;
			layout_strut_add(&adjoining, merged.pos);
			layout_strut_add(&adjoining, merged.neg);
			adjoining_y = st->adjoining_y;
		}
		float clear_y = NAN;
		if (c->style->clear != CSS_CLEAR_NONE) {
			/* §9.5.2: clearance applies when the hypothetical position
			 * of the top border edge, with all adjoining margins
			 * collapsed, is not past the floats. */
			float cy = layout_floats_clearance(st->floats, c->style->clear);
			float hypo = adjoining_y + layout_strut_resolve(adjoining);
			layout_floats_note_query(st->floats, hypo);
			if (isfinite(cy) && hypo < cy)
				clear_y = cy;
		}
		float child_top = st->content_bfc_y + y + (at_top && collapse_top ? 0 : layout_strut_resolve(merged));
		if (!isnan(clear_y)) {
			child_top = clear_y;
			adjoining = (struct layout_margin_strut){0, 0};
			adjoining_y = clear_y;
		}
		struct layout_space space = {
			.cb_width = st->content_width,
			.cb_height = st->cb_height,
			.floats = st->floats,
			.bfc_x = st->content_bfc_x,
			.bfc_y = st->content_bfc_y,
			.depth = st->depth + 1,
			.adjoining = adjoining,
			.adjoining_y = adjoining_y,
		};
		struct layout_block_result r;
		layout_block(ctx, c, &space, child_top, &r);
		if (!isnan(r.clearance_y) && (isnan(clear_y) || r.clearance_y > clear_y))
			clear_y = r.clearance_y;
		float child_x = st->inset_x + r.frag->margin[3];
		if (r.collapsed_through && isnan(clear_y)) {
			struct layout_margin_strut all = pending;
			layout_strut_add(&all, r.top.pos);
			layout_strut_add(&all, r.top.neg);
			layout_strut_add(&all, r.bottom.pos);
			layout_strut_add(&all, r.bottom.neg);
			place_child(r.frag, child_x, st->inset_y + y + (at_top && collapse_top ? 0 : layout_strut_resolve(merged)), st->content_width,
				    st->cb_height);
			pending = all;
			base_vec_push(&st->children, r.frag);
			continue;
		}
		merged = pending;
		layout_strut_add(&merged, r.top.pos);
		layout_strut_add(&merged, r.top.neg);
		float pos;
		if (!isnan(clear_y)) {
			pos = clear_y - st->content_bfc_y;
			if (at_top && collapse_top) {
				/* Clearance separates the child's margin from the parent's. */
				collapse_top = false;
			}
		} else if (at_top && collapse_top) {
			layout_strut_add(top_strut, merged.pos);
			layout_strut_add(top_strut, merged.neg);
			pos = 0;
		} else {
			pos = y + layout_strut_resolve(merged);
		}
		place_child(r.frag, child_x, st->inset_y + pos, st->content_width, st->cb_height);
		base_vec_push(&st->children, r.frag);
		if (r.has_first_baseline && !res->has_first_baseline) {
			res->has_first_baseline = true;
			res->first_baseline = st->inset_y + pos + r.first_baseline;
		}
		if (r.has_baseline) {
			res->has_baseline = true;
			res->baseline = st->inset_y + pos + r.baseline;
		}
		y = pos + r.frag->height;
		pending = r.bottom;
		at_top = false;
		sealed = r.collapsed_through;
	}
	if (sealed) {
		y += layout_strut_resolve(pending);
		pending = (struct layout_margin_strut){0, 0};
	}
	*out_y = y;
	*out_pending = pending;
	*out_at_top = at_top;
}

/* HTML §15.3.13: a fieldset's rendered legend is its first legend child
 * that neither floats nor is absolutely positioned. (Flex, grid and table
 * fieldsets lay the legend out with their other children.) */
static struct layout_box *rendered_legend(const struct layout_box *box)
{
	if (box->anonymous || box->pseudo || !box->node || box->node->tag != HTML_TAG_FIELDSET || box->inline_content ||
	    layout_is_flex(box) || layout_is_grid(box) || layout_is_table(box))
		return NULL;
	for (struct layout_box *c = box->first; c; c = c->next)
		if (!c->is_float && !c->is_abspos && !c->anonymous && !c->pseudo && c->node && c->node->tag == HTML_TAG_LEGEND &&
		    c->type == LAYOUT_BOX_BLOCK)
			return c;
	return NULL;
}

/* Lays out a rendered legend as a formatting context root as wide as its
 * content, at the start of the fieldset's content box over its top border
 * (as Chromium places it); returns its margin-box height. */
static float layout_rendered_legend(struct layout_ctx *ctx, struct layout_box *legend, float content_width, float cb_height,
				    float inset_x, int depth, struct base_vec *children)
{
	struct layout_edges m, b, p;
	layout_box_edges(legend->style, content_width, &m, &b, &p);
	float w = layout_specified_border_width(legend->style, content_width, &b, &p);
	if (w < 0)
		w = layout_keyword_width(ctx, legend, legend->style->width, content_width - m.left - m.right, depth);
	if (w < 0)
		w = layout_shrink_to_fit(ctx, legend, content_width - m.left - m.right, depth);
	w = layout_clamp_border_width(legend->style, w, content_width, &b, &p);
	struct layout_block_result r;
	layout_bfc_root(ctx, legend, content_width, cb_height, w, depth, &r);
	r.frag->x = layout_snap(inset_x + m.left);
	r.frag->y = layout_snap(m.top);
	base_vec_push(children, r.frag);
	return m.top + r.frag->height + m.bottom;
}

/* Lays out a block container with a used border-box width. new_bfc: it
 * establishes a block formatting context (floats and margins stay in). */
static void layout_block_container(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height, float w,
				   const struct layout_edges *m, const struct layout_edges *b, const struct layout_edges *p, bool new_bfc,
				   struct layout_floats *parent_floats, float border_bfc_x, float border_bfc_y,
				   struct layout_margin_strut adjoining, float adjoining_y, int depth, struct layout_block_result *out)
{
	const struct css_style *s = box->style;
	struct layout_cache_key key;
	struct layout_cache_mark mark = {0};
	if (ctx->cache) {
		key.cb_width = cb_width;
		key.cb_height = cb_height;
		key.width = w;
		memcpy(key.margin, m, sizeof key.margin);
		memcpy(key.border, b, sizeof key.border);
		memcpy(key.padding, p, sizeof key.padding);
		key.bfc_x = new_bfc ? 0 : border_bfc_x;
		key.depth = depth;
		key.new_bfc = new_bfc;
		if (layout_cache_fetch(ctx, box, &key, parent_floats, border_bfc_y, out, &mark))
			return;
	}
	ctx->boxes_laid_out++;
	struct layout_fragment *frag = layout_new_fragment(ctx, LAYOUT_FRAG_BOX, box);
	memset(out, 0, sizeof *out);
	out->clearance_y = NAN;
	out->frag = frag;
	frag->width = w;
	memcpy(frag->margin, m, sizeof frag->margin);
	memcpy(frag->border, b, sizeof frag->border);
	memcpy(frag->padding, p, sizeof frag->padding);
	frag->clips_overflow = s->overflow_x != CSS_OVERFLOW_VISIBLE || s->overflow_y != CSS_OVERFLOW_VISIBLE;

	bool height_auto;
	float h = used_height(s, cb_height, b, p, &height_auto);
	float content_width = w - b->left - b->right - p->left - p->right;
	if (content_width < 0)
		content_width = 0;
	/* CSS Box Sizing 4 §5.1: an auto height follows the width through a
	 * preferred aspect ratio (of the content box unless border-box). */
	float ratio_h = -1;
	if (height_auto && s->aspect_ratio > 0 && box->parent) {
		float bph = b->top + b->bottom + p->top + p->bottom;
		ratio_h = s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? w / s->aspect_ratio : content_width / s->aspect_ratio + bph;
		ratio_h = layout_clamp_border_height(s, ratio_h > bph ? ratio_h : bph, cb_height, b, p);
	}
	/* A flex or grid container's lines and tracks size to their items,
	 * not to the ratio. */
	float child_cb_height = ratio_h >= 0 && !layout_is_flex(box) && !layout_is_grid(box) ? ratio_h - b->top - b->bottom - p->top - p->bottom
			      : height_auto ? -1 : h - b->top - b->bottom - p->top - p->bottom;
	if (!box->parent)
		child_cb_height = ctx->opt->viewport_height; /* the ICB */

	struct layout_floats own = {0};
	struct flow_state st = {
		.ctx = ctx,
		.box = box,
		.frag = frag,
		.content_width = content_width,
		.cb_height = child_cb_height,
		.floats = new_bfc ? &own : parent_floats,
		.content_bfc_x = new_bfc ? 0 : border_bfc_x + b->left + p->left,
		.content_bfc_y = new_bfc ? 0 : border_bfc_y + b->top + p->top,
		.inset_x = b->left + p->left,
		.inset_y = b->top + p->top,
		.depth = depth,
		.adjoining = adjoining,
		.adjoining_y = adjoining_y,
	};
	if (!st.floats)
		st.floats = &own;
	/* The space above the content: the top border, or a taller legend. */
	float top_edge = b->top;
	st.legend = rendered_legend(box);
	if (st.legend) {
		float legend_h = layout_rendered_legend(ctx, st.legend, content_width, child_cb_height, st.inset_x, depth + 1,
							&st.children);
		top_edge = BASE_MAX(top_edge, legend_h);
		st.inset_y = top_edge + p->top;
	}
	bool collapse_top = !new_bfc && b->top == 0 && p->top == 0;
	if (!collapse_top) {
		st.adjoining = (struct layout_margin_strut){0, 0};
		st.adjoining_y = st.content_bfc_y;
	}
	bool collapse_bottom = !new_bfc && height_auto && b->bottom == 0 && p->bottom == 0;
	out->top.pos = out->top.neg = 0;
	layout_strut_add(&out->top, m->top);
	float content_h;
	bool empty;
	struct layout_margin_strut pending = {0, 0};
	if (layout_is_table(box)) {
		float bl;
		content_h = layout_table_content(ctx, box, frag, content_width, layout_len_is_auto(s->width), depth, st.inset_x, st.inset_y,
						 &st.children, &bl);
		empty = false;
		if (!isnan(bl)) {
			out->has_baseline = out->has_first_baseline = true;
			out->baseline = out->first_baseline = bl;
		}
		/* Absolutely positioned children of the table box itself. */
		for (struct layout_box *c = box->first; c; c = c->next)
			if (c->is_abspos)
				layout_positioned_pending(ctx, c, frag, st.inset_x, st.inset_y);
	} else if (layout_is_flex(box) || layout_is_grid(box)) {
		bool has_bl = false;
		float bl = 0;
		content_h = (layout_is_grid(box) ? layout_grid_content : layout_flex_content)(ctx, box, frag, content_width, child_cb_height, depth,
											     st.inset_x, st.inset_y, &st.children, &bl, &has_bl);
		empty = false;
		out->has_baseline = out->has_first_baseline = has_bl;
		out->baseline = out->first_baseline = bl;
	} else if (box->inline_content) {
		struct layout_inline_result ir;
		struct layout_space space = {.cb_width = content_width, .cb_height = child_cb_height, .floats = st.floats, .depth = depth};
		layout_inline_content(ctx, box, frag, content_width, &space, st.content_bfc_x, st.content_bfc_y, &st.children, &ir);
		/* Line fragments are placed relative to the content box. */
		for (size_t i = 0; i < st.children.len; i++) {
			struct layout_fragment *c = st.children.items[i];
			c->x = layout_snap(c->x + st.inset_x);
			c->y = layout_snap(c->y + st.inset_y);
		}
		content_h = ir.height;
		empty = !ir.has_lines;
		if (ir.has_lines) {
			out->has_baseline = out->has_first_baseline = true;
			out->first_baseline = st.inset_y + ir.first_baseline;
			out->baseline = st.inset_y + ir.last_baseline;
		}
	} else {
		bool at_top;
		float y;
		layout_block_children(&st, collapse_top, &out->top, &y, &pending, &at_top, out);
		empty = at_top;
		content_h = y;
		if (empty && collapse_top) {
			/* Children that all collapse through adjoin the top margin. */
			layout_strut_add(&out->top, pending.pos);
			layout_strut_add(&out->top, pending.neg);
			pending = (struct layout_margin_strut){0, 0};
		} else if (!collapse_bottom) {
			content_h = y + layout_strut_resolve(pending);
		}
	}
	if (new_bfc && st.floats == &own) {
		/* §10.6.7: a BFC root's auto height includes its floats. */
		for (size_t i = 0; i < own.count; i++)
			if (own.rects[i].bottom > content_h)
				content_h = own.rects[i].bottom;
	}
	free(own.rects);

	float control_w, control_h;
	bool control = layout_form_control_size(ctx, box, &control_w, &control_h);
	float inner_h = content_h;
	if (height_auto && control && control_h >= 0)
		content_h = control_h;
	if (control && !out->has_baseline && box->node->tag != HTML_TAG_TEXTAREA) {
		/* An empty field's baseline is where its text would be. */
		const struct layout_font_list *fl = layout_font_list_for(ctx, s);
		float ad = fl->metrics.ascent + fl->metrics.descent;
		out->has_baseline = out->has_first_baseline = true;
		out->baseline = out->first_baseline = b->top + p->top + floorf((content_h - ad) / 2) + fl->metrics.ascent;
	}
	if (height_auto)
		h = content_h + top_edge + b->bottom + p->top + p->bottom;
	/* §5.2: the ratio height, grown to fit the content only while
	 * min-height is auto and the box does not scroll. */
	if (ratio_h >= 0 && (h < ratio_h || s->min_height.kind != CSS_LEN_AUTO || s->overflow_y != CSS_OVERFLOW_VISIBLE))
		h = ratio_h;
	if (height_auto && box->node && ctx->sd->doc->quirks == HTML_QUIRKS) {
		/* Quirks Mode §3.6/§3.7: html and body fill the viewport. */
		const struct html_node *root_el = ctx->sd->doc->document_element;
		float fill = -1, vh = ctx->opt->viewport_height;
		if (box->node == root_el) {
			fill = vh - m->top - m->bottom;
		} else if (box->node->tag == HTML_TAG_BODY && box->parent && box->parent->node == root_el && box->node->parent == root_el) {
			struct layout_edges hm, hb, hp;
			layout_box_edges(box->parent->style, ctx->opt->viewport_width, &hm, &hb, &hp);
			fill = vh - hm.top - hm.bottom - hb.top - hb.bottom - hp.top - hp.bottom - m->top - m->bottom;
		}
		if (fill > h)
			h = fill;
	}
	if (!box->parent)
		h = ctx->opt->viewport_height;
	h = layout_clamp_border_height(s, h, cb_height, b, p);
	frag->height = h;
	if (control && layout_form_control_centres_line(box) && box->inline_content) {
		/* The text of a single-line field sits in the middle of its
		 * content box, whatever the height and line height say. */
		float dy = layout_snap((h - b->top - b->bottom - p->top - p->bottom - inner_h) / 2);
		for (size_t i = 0; i < st.children.len; i++)
			((struct layout_fragment *)st.children.items[i])->y += dy;
		out->baseline += dy;
		out->first_baseline += dy;
	}
	layout_fragment_set_children(ctx, frag, &st.children);

	/* §8.3.1: a box whose top and bottom margins adjoin collapses through. */
	bool min_zero = !(s->min_height.kind == CSS_LEN_FIXED && css_length_resolve(s->min_height, cb_height > 0 ? cb_height : 0) > 0);
	if (empty && collapse_top && collapse_bottom && min_zero && h == 0) {
		out->collapsed_through = true;
		layout_strut_add(&out->top, m->bottom);
		out->bottom = out->top;
	} else {
		out->bottom.pos = out->bottom.neg = 0;
		layout_strut_add(&out->bottom, m->bottom);
		if (collapse_bottom && !box->inline_content) {
			layout_strut_add(&out->bottom, pending.pos);
			layout_strut_add(&out->bottom, pending.neg);
		}
	}
	if (s->overflow_y != CSS_OVERFLOW_VISIBLE && s->overflow_y != CSS_OVERFLOW_CLIP && box->inline_level && !control) {
		/* CSS 2.1 §10.8.1: an inline-block that is a scroll container
		 * (overflow other than visible or clip) has its bottom margin
		 * edge as baseline. */
		out->baseline = h + m->bottom;
		out->has_baseline = true;
	}
	if (s->position != CSS_POSITION_STATIC || !box->parent)
		layout_positioned_flush(ctx, box, frag);
	if (ctx->cache)
		layout_cache_store(ctx, box, &key, parent_floats, border_bfc_y, out, &mark);
}

void layout_block(struct layout_ctx *ctx, struct layout_box *box, const struct layout_space *space, float top_bfc_y,
		  struct layout_block_result *out)
{
	const struct css_style *s = box->style;
	struct layout_edges m, b, p;
	layout_box_edges(s, space->cb_width, &m, &b, &p);
	if (box->type == LAYOUT_BOX_REPLACED) {
		memset(out, 0, sizeof *out);
		out->clearance_y = NAN;
		out->frag = layout_replaced(ctx, box, space->cb_width, space->cb_height);
		resolve_horizontal_margins(s, box->parent ? box->parent->style : NULL, space->cb_width, out->frag->width, &m);
		memcpy(out->frag->margin, &m, sizeof out->frag->margin);
		layout_strut_add(&out->top, m.top);
		layout_strut_add(&out->bottom, m.bottom);
		return;
	}
	bool new_bfc = establishes_bfc(box);
	float cb_width = space->cb_width;
	bool beside_floats = new_bfc && space->floats && space->floats->count > 0;
	/* The height of the band the box must fit in: its own when definite,
	 * else what a first layout gave. */
	bool height_auto;
	float band_h = used_height(s, space->cb_height, &b, &p, &height_auto);
	band_h = height_auto ? 1 : BASE_MAX(layout_clamp_border_height(s, band_h, space->cb_height, &b, &p), 1);
	float first_top = top_bfc_y;
	size_t pending_abspos = ctx->abspos.len;
	bool relaid = false;
relayout:;
	float avail = cb_width;
	float shift = 0;
	float pushed_y = NAN;
	float w;
	top_bfc_y = first_top;
	for (int guard = 0;; guard++) {
		if (beside_floats) {
			/* §9.5: a BFC root's border box must not overlap floats;
			 * it is narrowed to the free band beside them, or moved
			 * down below them when it does not fit. */
			float l, r;
			layout_floats_band(space->floats, top_bfc_y, band_h, space->bfc_x, space->bfc_x + cb_width, &l, &r);
			shift = l - space->bfc_x;
			avail = r - l;
		}
		w = layout_specified_border_width(s, cb_width, &b, &p);
		if (w < 0)
			w = layout_keyword_width(ctx, box, s->width, avail - m.left - m.right, space->depth);
		if (w < 0) {
			w = avail - m.left - m.right;
			if (layout_is_table(box) || layout_form_control_fits_content(box))
				w = layout_shrink_to_fit(ctx, box, avail - m.left - m.right, space->depth);
		} else if (layout_is_table(box)) {
			/* A table is never narrower than its min-content width. */
			float mn, mx;
			layout_table_intrinsic(ctx, box, space->depth, &mn, &mx);
			if (w < mn)
				w = mn;
		}
		if (avail >= cb_width || w + m.left + m.right <= avail + 0.01f || guard > 1000)
			break;
		float next = layout_floats_next_bottom(space->floats, top_bfc_y);
		if (!isfinite(next))
			break;
		top_bfc_y = pushed_y = next;
		avail = cb_width;
		shift = 0;
	}
	w = layout_clamp_border_width(s, w, cb_width, &b, &p);
	w = layout_clamp_keyword_width(ctx, box, w, avail - m.left - m.right, space->depth);
	resolve_horizontal_margins(s, box->parent ? box->parent->style : NULL, avail, w, &m);
	m.left += shift;
	struct layout_margin_strut adjoining = space->adjoining;
	float adjoining_y = space->adjoining_y;
	if (!isnan(pushed_y)) {
		adjoining = (struct layout_margin_strut){0, 0};
		adjoining_y = top_bfc_y;
	}
	layout_block_container(ctx, box, cb_width, space->cb_height, w, &m, &b, &p, new_bfc, space->floats, space->bfc_x + m.left, top_bfc_y,
			       adjoining, adjoining_y, space->depth, out);
	out->frag->margin[3] = m.left;
	out->clearance_y = pushed_y;
	if (beside_floats && height_auto && !relaid && out->frag->height > band_h) {
		/* Taller than the band it was placed in: place it again once,
		 * for its laid-out height. */
		float l0, r0, l1, r1;
		layout_floats_band(space->floats, top_bfc_y, band_h, space->bfc_x, space->bfc_x + cb_width, &l0, &r0);
		layout_floats_band(space->floats, top_bfc_y, out->frag->height, space->bfc_x, space->bfc_x + cb_width, &l1, &r1);
		band_h = out->frag->height;
		if (l0 != l1 || r0 != r1) {
			layout_box_edges(s, space->cb_width, &m, &b, &p);
			/* Absolutely positioned descendants the first layout
			 * queued refer to its discarded fragments. */
			ctx->abspos.len = pending_abspos;
			relaid = true;
			goto relayout;
		}
	}
}

void layout_bfc_root(struct layout_ctx *ctx, struct layout_box *box, float cb_width, float cb_height, float border_box_width, int depth,
		     struct layout_block_result *out)
{
	struct layout_edges m = {0}, b = {0}, p = {0};
	/* The initial containing block has no margins, borders or padding. */
	if (box->parent)
		layout_box_edges(box->style, cb_width, &m, &b, &p);
	layout_block_container(ctx, box, cb_width, cb_height, border_box_width, &m, &b, &p, true, NULL, 0, 0, (struct layout_margin_strut){0, 0},
			       0, depth, out);
}

/* CSS 2.1 §10.3.5 / CSS Sizing 3 §5.3: min(max(min-content, available), max-content). */
float layout_shrink_to_fit(struct layout_ctx *ctx, struct layout_box *box, float available, int depth)
{
	float mn, mx;
	layout_intrinsic_widths(ctx, box, depth, &mn, &mx);
	float w = available < mx ? available : mx;
	return w > mn ? w : mn;
}
