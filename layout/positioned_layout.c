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
	while (p && p->parent && !(p->type == LAYOUT_BOX_BLOCK && p->style->position != CSS_POSITION_STATIC))
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
 * cb_x, cb_y of size cb_w x cb_h in the parent fragment). */
static void layout_abspos(struct layout_ctx *ctx, struct pending_abspos *pe, struct layout_fragment *parent, float cb_x, float cb_y,
			  float cb_w, float cb_h, float sx, float sy)
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
		w = layout_specified_border_width(s, cb_w, &b, &p);
		if (w < 0) {
			if (!l_auto && !r_auto)
				w = cb_w - left - right - m.left - m.right;
			else
				w = layout_shrink_to_fit(ctx, box, cb_w - (l_auto ? sx - cb_x : left) - right - m.left - m.right, 0);
		}
		w = layout_clamp_border_width(s, w, cb_w, &b, &p);
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
	append_child(ctx, parent, f);
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
		layout_abspos(ctx, pe, frag, cb_x, cb_y, cb_w, cb_h, ox + pe->static_x, oy + pe->static_y);
		pe->box = NULL;
	}
}
