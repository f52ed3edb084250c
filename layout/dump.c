/* Dumps of the fragment tree: an indented text form (kind, element, x, y,
 * width, height in CSS px relative to the parent fragment) and the
 * getBoundingClientRect() JSON of every element in document order (the
 * union of its border-box fragments in document coordinates, skipping
 * empty ones unless all are empty; null without a box; undecorated inline
 * boxes count as their contents, as in Blink). Both walk the tree with an
 * explicit stack. */
#include "layout/internal.h"

#include <stdlib.h>
#include <string.h>

struct walk_frame {
	const struct layout_fragment *f;
	float x, y; /* document position of f */
	int depth;
	float line_y, line_h; /* the enclosing line box, for empty inlines */
};

struct walker {
	struct walk_frame *st;
	size_t n, cap;
};

static void walk_push(struct walker *w, const struct layout_fragment *f, float x, float y, int depth)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->st = base_xrealloc(w->st, w->cap * sizeof *w->st);
	}
	w->st[w->n++] = (struct walk_frame){f, x, y, depth, 0, 0};
}

static const char *kind_name(const struct layout_fragment *f)
{
	switch (f->kind) {
	case LAYOUT_FRAG_TEXT:
		return "text";
	case LAYOUT_FRAG_IMAGE:
		return "image";
	case LAYOUT_FRAG_LINE:
		return "line";
	default:
		return "box";
	}
}

static void put_num(struct base_buf *out, float v)
{
	float r = roundf(v * 100) / 100;
	if (r == 0)
		r = 0; /* no "-0" */
	base_buf_printf(out, "%g", (double)r);
}

void layout_dump(const struct layout_tree *tree, struct base_buf *out)
{
	static const char *const pseudo_names[] = {"", "::before", "::after", "::marker", "::first-line", "::first-letter", "::placeholder", "::file-selector-button"};
	struct walker w = {0};
	if (tree->root)
		walk_push(&w, tree->root, 0, 0, 0);
	while (w.n > 0) {
		struct walk_frame fr = w.st[--w.n];
		const struct layout_fragment *f = fr.f;
		for (int i = 0; i < fr.depth && i < 200; i++)
			base_buf_puts(out, "  ");
		base_buf_puts(out, kind_name(f));
		if (f->node && f->node->type == HTML_NODE_ELEMENT)
			base_buf_printf(out, " <%s>%s", f->node->local_name,
					f->pseudo < BASE_ARRAY_LEN(pseudo_names) ? pseudo_names[f->pseudo] : "");
		else if (f->kind == LAYOUT_FRAG_BOX)
			base_buf_puts(out, " (anonymous)");
		base_buf_putc(out, ' ');
		put_num(out, f->x);
		base_buf_putc(out, ' ');
		put_num(out, f->y);
		base_buf_putc(out, ' ');
		put_num(out, f->width);
		base_buf_putc(out, ' ');
		put_num(out, f->height);
		if (f->kind == LAYOUT_FRAG_TEXT && f->text) {
			base_buf_puts(out, " \"");
			for (size_t i = 0; i < f->text_len; i++) {
				char c = f->text[i];
				if (c == '"' || c == '\\')
					base_buf_putc(out, '\\');
				if (c == '\n')
					base_buf_puts(out, "\\n");
				else
					base_buf_putc(out, c);
			}
			base_buf_putc(out, '"');
		}
		base_buf_putc(out, '\n');
		for (size_t i = f->child_count; i-- > 0;)
			walk_push(&w, f->children[i], 0, 0, fr.depth + 1);
	}
	free(w.st);
}

/* Accumulates the union of non-empty border boxes per element. */
struct elem_rect {
	float x0, y0, x1, y1;
	bool any, nonempty;
};

static void unite(struct elem_rect *r, float x, float y, float w, float h)
{
	bool empty = w <= 0 || h <= 0;
	if (!r->any || (!r->nonempty && !empty)) {
		*r = (struct elem_rect){x, y, x + w, y + h, true, !empty};
		return;
	}
	if (empty)
		return;
	r->x0 = BASE_MIN(r->x0, x);
	r->y0 = BASE_MIN(r->y0, y);
	r->x1 = BASE_MAX(r->x1, x + w);
	r->y1 = BASE_MAX(r->y1, y + h);
}

/* Fragments of atomic inlines: replaced elements and inline-level boxes
 * other than inline boxes. */
static bool is_atomic(const struct layout_fragment *f)
{
	if (f->kind == LAYOUT_FRAG_IMAGE || (f->kind == LAYOUT_FRAG_BOX && f->style->display != CSS_DISPLAY_INLINE))
		return true;
	if (!f->node || f->node->type != HTML_NODE_ELEMENT)
		return false;
	switch (f->node->tag) {
	case HTML_TAG_IMG:
	case HTML_TAG_SVG:
	case HTML_TAG_CANVAS:
	case HTML_TAG_IFRAME:
	case HTML_TAG_VIDEO:
	case HTML_TAG_EMBED:
	case HTML_TAG_INPUT:
	case HTML_TAG_TEXTAREA:
	case HTML_TAG_SELECT:
		return true;
	default:
		return false;
	}
}

/* Blink does not give an inline box without decorations a fragment of its
 * own ("culled inline"): its client rects are those of its contents. */
static bool is_culled_inline(const struct layout_fragment *f)
{
	const struct css_style *s = f->style;
	if (f->kind != LAYOUT_FRAG_BOX || !f->node || s->display != CSS_DISPLAY_INLINE || f->node->tag == HTML_TAG_BR || is_atomic(f))
		return false;
	for (int i = 0; i < 4; i++)
		if (f->border[i] != 0 || f->padding[i] != 0 || f->margin[i] != 0 || s->border_width[i] != 0 ||
		    css_length_resolve(s->padding[i], 0) != 0)
			return false;
	if (s->background_color.a != 0 || s->background_count > 0 || s->box_shadow_count > 0 ||
	    (s->outline_style != CSS_BORDER_NONE && s->outline_width > 0) || s->position != CSS_POSITION_STATIC)
		return false;
	/* Nor is one with a ::before or ::after box. */
	for (size_t i = 0; i < f->child_count; i++)
		if (f->children[i]->node == f->node && (f->children[i]->pseudo == CSS_PSEUDO_BEFORE || f->children[i]->pseudo == CSS_PSEUDO_AFTER))
			return false;
	return true;
}

/* A fragment's part of its element's client rects at document (x, y);
 * an empty culled inline is a zero-width rect of its content area, or an
 * empty rect on an empty line. */
static void contribute(struct elem_rect *r, const struct layout_fragment *f, float x, float y, float line_y, float line_h, int depth)
{
	if (!is_culled_inline(f) || depth > LAYOUT_MAX_DEPTH) {
		unite(r, x, y, f->width, f->height);
		return;
	}
	if (f->child_count == 0) {
		if (line_h > 0)
			unite(r, x, y, 0, f->height);
		else
			unite(r, x, line_y, 0, 0);
		return;
	}
	for (size_t i = 0; i < f->child_count; i++) {
		const struct layout_fragment *c = f->children[i];
		/* An atomic inline inside counts with its horizontal extent and
		 * the culled box's own content-area height. */
		if (is_atomic(c))
			unite(r, x + c->x, y, c->width, f->height);
		else
			contribute(r, c, x + c->x, y + c->y, line_y, line_h, depth + 1);
	}
}

/* An in-flow block-level box: inside an inline box it is a block-in-inline,
 * part of that inline's client rects (CSS 2.1 §9.2.1.1; Blink unites it). */
static bool is_block_in_flow(const struct layout_fragment *f)
{
	static const bool block_level[CSS_DISPLAY_RUBY + 1] = {
		[CSS_DISPLAY_BLOCK] = true, [CSS_DISPLAY_LIST_ITEM] = true, [CSS_DISPLAY_FLOW_ROOT] = true,
		[CSS_DISPLAY_FLEX] = true,  [CSS_DISPLAY_GRID] = true,	    [CSS_DISPLAY_TABLE] = true,
	};
	const struct css_style *s = f->style;
	return f->kind == LAYOUT_FRAG_BOX && s->display <= CSS_DISPLAY_RUBY && block_level[s->display] && s->float_ == CSS_FLOAT_NONE &&
	       s->position != CSS_POSITION_ABSOLUTE && s->position != CSS_POSITION_FIXED;
}

/* The client rects of every element numbered below count (count 0: as many
 * as the tree has). */
static struct elem_rect *collect_rects(const struct layout_tree *tree, size_t *count)
{
	struct walker w = {0};
	if (*count == 0) {
		if (tree->root)
			walk_push(&w, tree->root, 0, 0, 0);
		while (w.n > 0) {
			const struct layout_fragment *f = w.st[--w.n].f;
			if (f->node && f->node->type == HTML_NODE_ELEMENT && f->node->element_index != UINT32_MAX &&
			    f->node->element_index >= *count)
				*count = f->node->element_index + 1;
			for (size_t i = 0; i < f->child_count; i++)
				walk_push(&w, f->children[i], 0, 0, 0);
		}
	}
	size_t n = *count ? *count : 1;
	struct elem_rect *rects = base_xcalloc(n, sizeof *rects);
	/* Per element: its node when it has a block-level fragment, and
	 * whether it has an inline box fragment. */
	const struct html_node **block = base_xcalloc(n, sizeof *block);
	bool *inline_box = base_xcalloc(n, sizeof *inline_box);
	if (tree->root)
		walk_push(&w, tree->root, tree->root->x, tree->root->y, 0);
	while (w.n > 0) {
		struct walk_frame fr = w.st[--w.n];
		const struct layout_fragment *f = fr.f;
		if (f->node && f->node->type == HTML_NODE_ELEMENT && f->pseudo == CSS_PSEUDO_NONE && f->kind != LAYOUT_FRAG_TEXT &&
		    f->kind != LAYOUT_FRAG_LINE) {
			size_t idx = f->node->element_index;
			if (idx < *count) {
				contribute(&rects[idx], f, fr.x, fr.y, fr.line_y, fr.line_h, 0);
				if (is_block_in_flow(f))
					block[idx] = f->node;
				else if (f->kind == LAYOUT_FRAG_BOX && f->style->display == CSS_DISPLAY_INLINE && !is_atomic(f))
					inline_box[idx] = true;
			}
		}
		bool is_line = f->kind == LAYOUT_FRAG_LINE;
		for (size_t i = f->child_count; i-- > 0;) {
			const struct layout_fragment *c = f->children[i];
			walk_push(&w, c, fr.x + c->x, fr.y + c->y, 0);
			w.st[w.n - 1].line_y = is_line ? fr.y : fr.line_y;
			w.st[w.n - 1].line_h = is_line ? f->height : fr.line_h;
		}
	}
	free(w.st);
	/* Block-level boxes inside inline boxes join the rects of those
	 * inlines; descendants are numbered after their ancestors. */
	for (size_t idx = *count; idx-- > 0;) {
		if (!block[idx] || !rects[idx].nonempty)
			continue;
		const struct elem_rect *r = &rects[idx];
		for (const struct html_node *p = block[idx]->parent; p && p->type == HTML_NODE_ELEMENT && p->element_index < *count &&
								      inline_box[p->element_index];
		     p = p->parent)
			unite(&rects[p->element_index], r->x0, r->y0, r->x1 - r->x0, r->y1 - r->y0);
	}
	free(block);
	free(inline_box);
	return rects;
}

void layout_dump_boxes_json(const struct layout_tree *tree, const struct html_document *doc, struct base_buf *out)
{
	size_t count = doc->element_count;
	struct elem_rect *rects = collect_rects(tree, &count);
	base_buf_puts(out, "[\n");
	for (size_t i = 0; i < doc->element_count; i++) {
		const struct html_node *el = doc->elements[i];
		base_buf_printf(out, "{\"index\": %zu, \"tag\": \"%s\", \"rect\": ", i, el->local_name);
		if (rects[i].any) {
			base_buf_putc(out, '[');
			put_num(out, rects[i].x0);
			base_buf_puts(out, ", ");
			put_num(out, rects[i].y0);
			base_buf_puts(out, ", ");
			put_num(out, rects[i].x1 - rects[i].x0);
			base_buf_puts(out, ", ");
			put_num(out, rects[i].y1 - rects[i].y0);
			base_buf_putc(out, ']');
		} else {
			base_buf_puts(out, "null");
		}
		base_buf_puts(out, i + 1 < doc->element_count ? "},\n" : "}\n");
	}
	base_buf_puts(out, "]\n");
	free(rects);
}

bool layout_element_rect(const struct layout_tree *tree, const struct html_node *el, struct layout_rect *out)
{
	size_t count = 0;
	struct elem_rect *r = collect_rects(tree, &count);
	size_t idx = el->element_index;
	bool ok = idx < count && r[idx].any;
	if (ok)
		*out = (struct layout_rect){r[idx].x0, r[idx].y0, r[idx].x1 - r[idx].x0, r[idx].y1 - r[idx].y0};
	free(r);
	return ok;
}

/* A fragment that is its element's own box, not an anonymous or
 * pseudo-element box, a line or text. */
static bool is_element_box(const struct layout_fragment *f)
{
	return f->node && f->node->type == HTML_NODE_ELEMENT && f->pseudo == CSS_PSEUDO_NONE &&
	       (f->kind == LAYOUT_FRAG_BOX || f->kind == LAYOUT_FRAG_IMAGE);
}

static bool is_out_of_flow(const struct layout_fragment *f)
{
	return f->style->position == CSS_POSITION_ABSOLUTE || f->style->position == CSS_POSITION_FIXED;
}

/* One element's used values from its first fragment f, whose parent
 * fragment is parent and whose nearest block container is block:
 * absolutely positioned boxes are placed in their containing block's
 * fragment, so parent is that block; for the others, block is. Insets
 * follow Blink (ValueForPositionOffset): from the margin edge to the
 * containing block's padding edge. */
static void used_box(const struct layout_fragment *f, const struct layout_fragment *parent,
		     const struct layout_fragment *block, struct css_used_box *u)
{
	bool inline_box = f->kind == LAYOUT_FRAG_BOX && f->style->display == CSS_DISPLAY_INLINE && !is_atomic(f);
	u->kind = inline_box ? CSS_USED_INLINE : CSS_USED_BOX;
	u->width = f->width;
	u->height = f->height;
	if (f->style->box_sizing != CSS_BOX_SIZING_BORDER_BOX) {
		u->width -= f->border[1] + f->border[3] + f->padding[1] + f->padding[3];
		u->height -= f->border[0] + f->border[2] + f->padding[0] + f->padding[2];
	}
	memcpy(u->margin, f->margin, sizeof u->margin);
	memcpy(u->padding, f->padding, sizeof u->padding);
	u->grid = f->grid;
	const struct layout_fragment *cb = is_out_of_flow(f) ? parent : block;
	if (!cb)
		return;
	u->cb_width = cb->width - cb->border[1] - cb->border[3];
	u->cb_height = cb->height - cb->border[0] - cb->border[2];
	if (!is_out_of_flow(f)) {
		u->cb_width -= cb->padding[1] + cb->padding[3];
		u->cb_height -= cb->padding[0] + cb->padding[2];
		return;
	}
	float top = f->y - cb->border[0], left = f->x - cb->border[3];
	u->inset[0] = top - f->margin[0];
	u->inset[1] = u->cb_width - f->margin[1] - (f->width + left);
	u->inset[2] = u->cb_height - f->margin[2] - (f->height + top);
	u->inset[3] = left - f->margin[3];
}

struct used_frame {
	const struct layout_fragment *f, *parent, *block;
};

void layout_used_boxes(const struct layout_tree *tree, struct css_used_box *out, size_t count)
{
	memset(out, 0, count * sizeof *out);
	if (!tree->root)
		return;
	size_t n = 0, cap = 256;
	struct used_frame *st = base_xmalloc(cap * sizeof *st);
	st[n++] = (struct used_frame){ tree->root, NULL, NULL };
	while (n > 0) {
		struct used_frame fr = st[--n];
		const struct layout_fragment *f = fr.f;
		if (is_element_box(f) && f->node->element_index < count && out[f->node->element_index].kind == CSS_USED_NONE)
			used_box(f, fr.parent, fr.block, &out[f->node->element_index]);
		/* Block containers contain the blocks below them; lines and
		 * inline boxes do not. */
		bool container = f->kind == LAYOUT_FRAG_BOX &&
				 !(f->style->display == CSS_DISPLAY_INLINE && !is_atomic(f) && f != tree->root);
		const struct layout_fragment *block = container ? f : fr.block;
		if (n + f->child_count > cap) {
			cap = (n + f->child_count) * 2;
			st = base_xrealloc(st, cap * sizeof *st);
		}
		for (size_t i = f->child_count; i-- > 0;)
			st[n++] = (struct used_frame){ f->children[i], f, block };
	}
	free(st);
}
