/* Sticky positioning (CSS Position 3 §3.4), computed as Blink does: a
 * sticky box is shifted from its in-flow position so that it stays inside
 * the scrollport of its nearest scroll container (inset by its non-auto
 * top, right, bottom and left), without leaving its containing block's
 * content box less its own margins.
 * https://drafts.csswg.org/css-position-3/#stickypos-insets
 *
 * Layout applies the offsets for scroll 0 once the fragment tree is done
 * (only then are the positions of all ancestors known). A box whose scroll
 * container is the viewport keeps its constraints (struct layout_sticky, in
 * the tree's arena) so that paint can redo the computation for the
 * viewport's scroll offset. The walk keeps an explicit stack, and is skipped
 * when no fragment was made with position: sticky. */
#include "layout/internal.h"

#include <stdlib.h>

struct rect {
	float x0, y0, x1, y1;
};

/* The offset of a sticky box for a scrollport `view` (the scroll
 * container's content box at its scroll offset): right then left, bottom
 * then top, each limited by the containing block, so left and top win. */
static void sticky_offset(const struct layout_sticky *s, struct rect view, float *dx, float *dy)
{
	float bx0 = s->box.x, by0 = s->box.y, bx1 = bx0 + s->box.width, by1 = by0 + s->box.height;
	float cx0 = s->cb.x, cy0 = s->cb.y, cx1 = cx0 + s->cb.width, cy1 = cy0 + s->cb.height;
	float ox = 0, oy = 0;
	if (s->anchored[1]) {
		float d = BASE_MIN(view.x1 - s->inset[1] - bx1, 0), room = BASE_MIN(cx0 - bx0, 0);
		ox += BASE_MAX(d, room);
	}
	if (s->anchored[3]) {
		float d = BASE_MAX(view.x0 + s->inset[3] - bx0, 0), room = BASE_MAX(cx1 - bx1, 0);
		ox += BASE_MIN(d, room);
	}
	if (s->anchored[2]) {
		float d = BASE_MIN(view.y1 - s->inset[2] - by1, 0), room = BASE_MIN(cy0 - by0, 0);
		oy += BASE_MAX(d, room);
	}
	if (s->anchored[0]) {
		float d = BASE_MAX(view.y0 + s->inset[0] - by0, 0), room = BASE_MAX(cy1 - by1, 0);
		oy += BASE_MIN(d, room);
	}
	*dx = layout_unit(ox);
	*dy = layout_unit(oy);
}

void layout_sticky_scroll_offset(const struct layout_sticky *s, float x, float y, float *dx, float *dy)
{
	struct rect view = {x, y, x + s->viewport_width, y + s->viewport_height};
	sticky_offset(s, view, dx, dy);
	*dx -= s->dx;
	*dy -= s->dy;
}

/* The constraints of a sticky box: insets resolved against the scrollport
 * size, the end inset dropped when both do not fit (as Blink does). */
static void sticky_constraints(const struct layout_fragment *f, float x, float y, struct rect cb, struct rect view,
			       struct layout_sticky *s)
{
	const struct css_style *st = f->style;
	float vw = view.x1 - view.x0, vh = view.y1 - view.y0;
	for (int i = 0; i < 4; i++) {
		s->anchored[i] = !layout_len_is_auto(st->inset[i]);
		s->inset[i] = s->anchored[i] ? css_length_resolve(st->inset[i], i % 2 ? vw : vh) : 0;
	}
	if (s->anchored[3] && s->anchored[1] && s->inset[3] + s->inset[1] + f->width > vw)
		s->anchored[1] = false;
	if (s->anchored[0] && s->anchored[2] && s->inset[0] + s->inset[2] + f->height > vh)
		s->anchored[2] = false;
	struct layout_edges m, b, p;
	layout_box_edges(st, cb.x1 - cb.x0, &m, &b, &p);
	s->viewport_width = vw;
	s->viewport_height = vh;
	s->box = (struct layout_rect){x, y, f->width, f->height};
	s->cb = (struct layout_rect){cb.x0 + m.left, cb.y0 + m.top, BASE_MAX(cb.x1 - cb.x0 - m.left - m.right, 0),
				     BASE_MAX(cb.y1 - cb.y0 - m.top - m.bottom, 0)};
}

static struct rect content_box(const struct layout_fragment *f, float x, float y)
{
	return (struct rect){x + f->border[3] + f->padding[3], y + f->border[0] + f->padding[0],
			     x + f->width - f->border[1] - f->padding[1], y + f->height - f->border[2] - f->padding[2]};
}

/* A scroll container: overflow hidden, scroll or auto. The root element's
 * and body's overflow apply to the viewport. */
static bool is_scroll_container(const struct layout_ctx *ctx, const struct layout_fragment *f)
{
	if (f->kind != LAYOUT_FRAG_BOX || !f->clips_overflow || !f->node || f->pseudo != CSS_PSEUDO_NONE)
		return false;
	const struct html_node *root = ctx->sd->doc->document_element;
	if (f->node == root || (f->node->tag == HTML_TAG_BODY && f->node->parent == root))
		return false;
	const struct css_style *s = f->style;
	return (s->overflow_x != CSS_OVERFLOW_VISIBLE && s->overflow_x != CSS_OVERFLOW_CLIP) ||
	       (s->overflow_y != CSS_OVERFLOW_VISIBLE && s->overflow_y != CSS_OVERFLOW_CLIP);
}

struct frame {
	struct layout_fragment *f;
	float x, y; /* border-box origin, document coordinates */
	struct rect cb; /* content box of the nearest block container, for f's children */
	struct rect view; /* the nearest scroll container's content box at scroll 0 */
	bool viewport; /* that scroll container is the viewport */
};

void layout_sticky_apply(struct layout_ctx *ctx, struct layout_fragment *root)
{
	/* Most documents have no sticky box: no need to walk the tree. */
	if (!ctx->has_sticky)
		return;
	size_t cap = 64, n = 0;
	struct frame *st = base_xmalloc(cap * sizeof *st);
	struct rect vp = {0, 0, ctx->opt->viewport_width, ctx->opt->viewport_height};
	st[n++] = (struct frame){root, root->x, root->y, content_box(root, root->x, root->y), vp, true};
	while (n > 0) {
		struct frame fr = st[--n];
		struct layout_fragment *f = fr.f;
		struct frame kid = fr;
		if (f->kind == LAYOUT_FRAG_BOX && f->style->display != CSS_DISPLAY_INLINE)
			kid.cb = content_box(f, fr.x, fr.y);
		if (is_scroll_container(ctx, f)) {
			kid.view = content_box(f, fr.x, fr.y);
			kid.viewport = false;
		}
		for (size_t i = f->child_count; i-- > 0;) {
			struct layout_fragment *c = f->children[i];
			float cx = fr.x + c->x, cy = fr.y + c->y;
			if ((c->kind == LAYOUT_FRAG_BOX || c->kind == LAYOUT_FRAG_IMAGE) && c->node && c->style->position == CSS_POSITION_STICKY) {
				struct layout_sticky *s = base_arena_calloc(&ctx->tree->arena, 1, sizeof *s);
				sticky_constraints(c, cx, cy, kid.cb, kid.view, s);
				sticky_offset(s, kid.view, &s->dx, &s->dy);
				c->x = layout_snap(c->x + s->dx);
				c->y = layout_snap(c->y + s->dy);
				cx += s->dx;
				cy += s->dy;
				if (kid.viewport)
					c->sticky = s;
			}
			if (!c->child_count)
				continue;
			if (n == cap) {
				cap *= 2;
				st = base_xrealloc(st, cap * sizeof *st);
			}
			kid.f = c;
			kid.x = cx;
			kid.y = cy;
			st[n++] = kid;
		}
	}
	free(st);
}
