/* Absolutely positioned boxes (CSS 2.1 §9.3, §10.3.7, §10.6.4; CSS Position
 * 3): boxes taken out of flow are remembered with their static position and
 * laid out once their containing block (the nearest positioned ancestor's
 * padding box, or the initial containing block for fixed and unpositioned
 * cases; scroll offsets are 0) has its final size. Their fragments are
 * appended to the containing block's fragment.
 *
 * Pending entries live in the pass's scratch arena. */
#include "layout/internal.h"

#include <stdlib.h>
#include <string.h>

struct pending_abspos {
	struct layout_box *box;
	struct layout_box *cb; /* the containing block's box */
	struct layout_fragment *static_frag;
	float static_x, static_y; /* relative to static_frag's border box */
};

static struct layout_box *containing_block_of(struct layout_box *box)
{
	struct layout_box *p = box->parent;
	if (box->style->position == CSS_POSITION_FIXED) {
		while (p && p->parent)
			p = p->parent;
		return p;
	}
	/* A positioned inline box is a containing block too (§10.1 point 4). */
	while (p && p->parent && !((p->type == LAYOUT_BOX_BLOCK || p->type == LAYOUT_BOX_INLINE) && p->style->position != CSS_POSITION_STATIC))
		p = p->parent;
	return p;
}

void layout_positioned_pending(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *static_parent, float static_x,
			       float static_y)
{
	struct pending_abspos *pe = base_arena_calloc(&ctx->scratch, 1, sizeof *pe);
	pe->box = box;
	pe->cb = containing_block_of(box);
	pe->static_frag = static_parent;
	pe->static_x = static_x;
	pe->static_y = static_y;
	base_vec_push(&ctx->abspos, pe);
}

void layout_positioned_forget(struct layout_ctx *ctx, const struct layout_box *subtree)
{
	for (size_t i = 0; i < ctx->abspos.len; i++) {
		struct pending_abspos *pe = ctx->abspos.items[i];
		const struct layout_box *b = pe->box;
		for (int d = 0; b && d <= LAYOUT_MAX_DEPTH && b != subtree; d++)
			b = b->parent;
		if (pe->box && b == subtree)
			pe->box = NULL;
	}
}

bool layout_positioned_waiting(const struct layout_ctx *ctx, size_t from)
{
	for (size_t i = from; i < ctx->abspos.len; i++)
		if (((const struct pending_abspos *)ctx->abspos.items[i])->box)
			return true;
	return false;
}

/* Offset of a descendant fragment in an ancestor's coordinates (explicit
 * stack, so deep trees cannot overflow the C stack). */
static bool find_offset(struct layout_fragment *root, struct layout_fragment *target, float *x, float *y)
{
	if (root == target) {
		*x = *y = 0;
		return true;
	}
	struct frame {
		struct layout_fragment *f;
		size_t next;
		float x, y;
	};
	size_t cap = 64, n = 0;
	struct frame *st = base_xmalloc(cap * sizeof *st);
	st[n++] = (struct frame){root, 0, 0, 0};
	bool found = false;
	while (n > 0 && !found) {
		struct frame *fr = &st[n - 1];
		if (fr->next >= fr->f->child_count) {
			n--;
			continue;
		}
		struct layout_fragment *c = fr->f->children[fr->next++];
		float cx = fr->x + c->x, cy = fr->y + c->y;
		if (c == target) {
			*x = cx;
			*y = cy;
			found = true;
			break;
		}
		if (c->child_count) {
			if (n == cap) {
				cap *= 2;
				st = base_xrealloc(st, cap * sizeof *st);
			}
			st[n++] = (struct frame){c, 0, cx, cy};
		}
	}
	free(st);
	return found;
}

static void append_child(struct layout_ctx *ctx, struct layout_fragment *parent, struct layout_fragment *child)
{
	struct layout_fragment **kids = base_arena_alloc(&ctx->tree->arena, (parent->child_count + 1) * sizeof *kids);
	if (parent->child_count)
		memcpy(kids, parent->children, parent->child_count * sizeof *kids);
	kids[parent->child_count++] = child;
	parent->children = kids;
}

/* §10.3.7 and §10.6.4 for one box in a containing block (padding box at
 * cb_x, cb_y of size cb_w x cb_h in the coordinates of the fragment it
 * will be a child of). */
static struct layout_fragment *layout_abspos(struct layout_ctx *ctx, struct pending_abspos *pe, float cb_x, float cb_y, float cb_w,
					     float cb_h, float sx, float sy)
{
	struct layout_box *box = pe->box;
	const struct css_style *s = box->style;
	struct layout_edges m, b, p;
	layout_box_edges(s, cb_w, &m, &b, &p);
	bool l_auto = layout_len_is_auto(s->inset[3]), r_auto = layout_len_is_auto(s->inset[1]);
	bool t_auto = layout_len_is_auto(s->inset[0]), b_auto = layout_len_is_auto(s->inset[2]);
	float left = l_auto ? 0 : css_length_resolve(s->inset[3], cb_w);
	float right = r_auto ? 0 : css_length_resolve(s->inset[1], cb_w);
	float top = t_auto ? 0 : css_length_resolve(s->inset[0], cb_h);
	float bottom = b_auto ? 0 : css_length_resolve(s->inset[2], cb_h);
	struct layout_fragment *f;
	float w, h;
	if (box->type == LAYOUT_BOX_REPLACED) {
		f = layout_replaced(ctx, box, cb_w, cb_h);
		w = f->width;
		h = f->height;
	} else {
		float avail = !l_auto && !r_auto ? cb_w - left - right - m.left - m.right
						 : cb_w - (l_auto ? sx - cb_x : left) - right - m.left - m.right;
		w = layout_specified_border_width(s, cb_w, &b, &p);
		if (w < 0)
			w = layout_keyword_width(ctx, box, s->width, avail, 0);
		if (w < 0)
			w = !l_auto && !r_auto ? avail : layout_shrink_to_fit(ctx, box, avail, 0);
		w = layout_clamp_border_width(s, w, cb_w, &b, &p);
		w = layout_clamp_keyword_width(ctx, box, w, avail, 0);
		struct layout_block_result r;
		layout_bfc_root(ctx, box, cb_w, cb_h, w, 0, &r);
		f = r.frag;
		h = f->height;
		if (layout_len_is_auto(s->height) && !t_auto && !b_auto) {
			h = layout_clamp_border_height(s, cb_h - top - bottom - m.top - m.bottom, cb_h, &b, &p);
			f->height = h;
		}
	}
	/* Auto margins centre when both insets and the width are given. */
	if (!l_auto && !r_auto && layout_len_is_auto(s->margin[3]) && layout_len_is_auto(s->margin[1])) {
		float rest = cb_w - left - right - w;
		if (rest > 0)
			m.left = m.right = rest / 2;
	}
	if (!t_auto && !b_auto && layout_len_is_auto(s->margin[0]) && layout_len_is_auto(s->margin[2])) {
		float rest = cb_h - top - bottom - h;
		if (rest > 0)
			m.top = m.bottom = rest / 2;
	}
	float x = !l_auto ? cb_x + left + m.left : !r_auto ? cb_x + cb_w - right - m.right - w : sx + m.left;
	float y = !t_auto ? cb_y + top + m.top : !b_auto ? cb_y + cb_h - bottom - m.bottom - h : sy + m.top;
	f->x = layout_snap(x);
	f->y = layout_snap(y);
	memcpy(f->margin, &m, sizeof f->margin);
	return f;
}

void layout_positioned_flush(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *frag)
{
	for (size_t i = 0; i < ctx->abspos.len; i++) {
		struct pending_abspos *pe = ctx->abspos.items[i];
		if (!pe->box || pe->cb != box)
			continue;
		float ox = 0, oy = 0;
		find_offset(frag, pe->static_frag, &ox, &oy);
		float cb_x = frag->border[3], cb_y = frag->border[0];
		float cb_w = frag->width - frag->border[1] - frag->border[3];
		float cb_h = frag->height - frag->border[0] - frag->border[2];
		if (!box->parent) {
			cb_x = cb_y = 0;
			cb_w = ctx->opt->viewport_width;
			cb_h = ctx->opt->viewport_height;
		}
		append_child(ctx, frag, layout_abspos(ctx, pe, cb_x, cb_y, cb_w, cb_h, ox + pe->static_x, oy + pe->static_y));
		pe->box = NULL;
	}
}

struct inline_rect {
	bool found;
	float x0, y0, x1, y1;
};

static void rect_add(struct inline_rect *r, float x0, float y0, float x1, float y1)
{
	if (!r->found) {
		*r = (struct inline_rect){true, x0, y0, x1, y1};
		return;
	}
	r->x0 = BASE_MIN(r->x0, x0);
	r->y0 = BASE_MIN(r->y0, y0);
	r->x1 = BASE_MAX(r->x1, x1);
	r->y1 = BASE_MAX(r->y1, y1);
}

/* The union of the padding boxes of an inline box's fragments on one line
 * (the line at lx, ly), walked with an explicit stack. */
static struct inline_rect line_padding_rect(struct layout_fragment *line, float lx, float ly, const struct layout_box *ib)
{
	struct inline_rect r = {0};
	struct frame {
		struct layout_fragment *f;
		float x, y;
	};
	size_t cap = 64, n = 0;
	struct frame *st = base_xmalloc(cap * sizeof *st);
	st[n++] = (struct frame){line, lx, ly};
	while (n > 0) {
		struct frame fr = st[--n];
		for (size_t i = 0; i < fr.f->child_count; i++) {
			struct layout_fragment *c = fr.f->children[i];
			float cx = fr.x + c->x, cy = fr.y + c->y;
			if (c->kind != LAYOUT_FRAG_BOX)
				continue;
			if (c->node == ib->node && c->pseudo == ib->pseudo) {
				rect_add(&r, cx + c->border[3], cy + c->border[0], cx + c->width - c->border[1], cy + c->height - c->border[2]);
				continue;
			}
			if (!c->child_count)
				continue;
			if (n == cap) {
				cap *= 2;
				st = base_xrealloc(st, cap * sizeof *st);
			}
			st[n++] = (struct frame){c, cx, cy};
		}
	}
	free(st);
	return r;
}

/* The block container whose inline formatting context holds an inline box. */
static const struct layout_box *ifc_root_of(const struct layout_box *ib)
{
	const struct layout_box *p = ib->parent;
	while (p && p->type == LAYOUT_BOX_INLINE)
		p = p->parent;
	return p;
}

void layout_positioned_flush_inline(struct layout_ctx *ctx, const struct layout_box *root, const struct layout_fragment *container,
				    struct base_vec *lines, float inset_x, float inset_y)
{
	for (size_t i = 0; i < ctx->abspos.len; i++) {
		struct pending_abspos *pe = ctx->abspos.items[i];
		if (!pe->box || pe->cb->type != LAYOUT_BOX_INLINE || ifc_root_of(pe->cb) != root)
			continue;
		/* CSS 2.1 §10.1 point 4, as Blink computes it: from the start
		 * of the padding boxes on the first line to the end of those on
		 * the last line, never of negative size. */
		struct inline_rect first = {0}, last = {0};
		for (size_t k = 0; k < lines->len; k++) {
			struct layout_fragment *line = lines->items[k];
			if (line->kind != LAYOUT_FRAG_LINE)
				continue;
			struct inline_rect r = line_padding_rect(line, line->x, line->y, pe->cb);
			if (!r.found)
				continue;
			if (!first.found)
				first = r;
			last = r;
		}
		/* The static position is relative to the container or to a
		 * fragment inside one of its lines or floats. */
		float ox = 0, oy = 0;
		for (size_t k = 0; pe->static_frag != container && k < lines->len; k++) {
			struct layout_fragment *c = lines->items[k];
			if (find_offset(c, pe->static_frag, &ox, &oy)) {
				ox += c->x + inset_x;
				oy += c->y + inset_y;
				break;
			}
		}
		float sx = ox + pe->static_x - inset_x, sy = oy + pe->static_y - inset_y;
		float x0 = first.found ? first.x0 : sx, y0 = first.found ? first.y0 : sy;
		float x1 = last.found ? last.x1 : sx, y1 = last.found ? last.y1 : sy;
		x1 = BASE_MAX(x1, x0);
		y1 = BASE_MAX(y1, y0);
		base_vec_push(lines, layout_abspos(ctx, pe, x0, y0, x1 - x0, y1 - y0, sx, sy));
		pe->box = NULL;
	}
	/* Done entries at the end go, so that later flushes do not scan them
	 * again (a page of many positioned boxes stays linear). */
	while (ctx->abspos.len > 0 && !((struct pending_abspos *)ctx->abspos.items[ctx->abspos.len - 1])->box)
		ctx->abspos.len--;
}
