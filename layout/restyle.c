/* Restyling a fragment tree in place after a paint-only style change
 * (css_restyle_elements() with CSS_DAMAGE_REPAINT): the geometry stays,
 * fragments that pointed at a replaced style point at its replacement, so
 * a display list built afterwards paints the new colours.
 *
 * Styles layout made itself (anonymous boxes, markers without ::marker,
 * table wrappers) copy inherited values from their parent's style; when
 * the style they came from changed in a value they copy, the tree cannot
 * be patched and the caller lays out again.
 *
 * The walk visits every fragment, so its per-fragment test is cheap: the
 * replaced entries sit in a small open-addressing table keyed by pointer
 * values (never dereferenced), and a fragment whose style is none of the
 * old styles, under an unchanged parent, and of no element, is skipped. */
#include "layout/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct restyle_frame {
	struct layout_fragment *frag;
	const struct css_style *parent_old, *parent_new; /* the parent fragment's style before/after */
	float x, y; /* border-box origin in document coordinates */
	/* Under a transform or a fixed or sticky box: painted somewhere
	 * else than its document position. */
	bool moved;
};

/* The replaced entries by (element, pseudo-element) and the old styles. */
struct replaced_set {
	const struct css_restyled **by_element; /* mask + 1 slots */
	const struct css_style **old_styles; /* mask + 1 slots */
	size_t mask;
};

static size_t hash_ptr(const void *p, unsigned salt)
{
	uint64_t h = ((uint64_t)(uintptr_t)p + salt) * 0x9E3779B97F4A7C15ull;
	return (size_t)(h ^ h >> 29);
}

static const struct css_restyled *lookup(const struct replaced_set *m, const struct html_node *el, uint8_t pseudo)
{
	for (size_t i = hash_ptr(el, pseudo) & m->mask;; i = (i + 1) & m->mask) {
		const struct css_restyled *r = m->by_element[i];
		if (!r || (r->element == el && r->pseudo == pseudo))
			return r;
	}
}

static bool is_old_style(const struct replaced_set *m, const struct css_style *s)
{
	for (size_t i = hash_ptr(s, 0) & m->mask;; i = (i + 1) & m->mask)
		if (!m->old_styles[i] || m->old_styles[i] == s)
			return m->old_styles[i] != NULL;
}

static void set_init(struct replaced_set *m, const struct css_restyled *replaced, size_t count)
{
	size_t cap = 16;
	while (cap < 2 * count)
		cap *= 2;
	m->mask = cap - 1;
	m->by_element = base_xcalloc(cap, sizeof *m->by_element);
	m->old_styles = base_xcalloc(cap, sizeof *m->old_styles);
	for (size_t k = 0; k < count; k++) {
		const struct css_restyled *r = &replaced[k];
		size_t i = hash_ptr(r->element, r->pseudo) & m->mask;
		while (m->by_element[i])
			i = (i + 1) & m->mask;
		m->by_element[i] = r;
		if (!is_old_style(m, r->old_style)) {
			i = hash_ptr(r->old_style, 0) & m->mask;
			while (m->old_styles[i])
				i = (i + 1) & m->mask;
			m->old_styles[i] = r->old_style;
		}
	}
}

/* The values layout_anonymous_style() copies that a paint-only change
 * may touch. */
static bool anonymous_values_equal(const struct css_style *a, const struct css_style *b)
{
	return a == b || (memcmp(&a->color, &b->color, sizeof a->color) == 0 && a->visibility == b->visibility &&
			  a->cursor == b->cursor && a->decorations_in_effect == b->decorations_in_effect &&
			  a->text_shadows == b->text_shadows && a->text_shadow_count == b->text_shadow_count);
}

/* The fragment's new style; NULL when it cannot be known without laying
 * out again. Fragments of an element (or of its pseudo-element, or text
 * directly in it) use the style system's style; other fragments (lines,
 * generated text, anonymous boxes) share their parent's or use one layout
 * derived from it. */
static const struct css_style *restyled(const struct replaced_set *m, const struct layout_fragment *f,
					const struct restyle_frame *fr)
{
	if (!f->node && fr->parent_old == fr->parent_new && !is_old_style(m, f->style))
		return f->style;
	const struct html_node *el = f->node ? f->node : f->text_node ? f->text_node->parent : NULL;
	uint8_t pseudo = f->node ? f->pseudo : CSS_PSEUDO_NONE;
	if (el) {
		const struct css_restyled *r = lookup(m, el, pseudo);
		if (r && r->old_style == f->style)
			return r->new_style;
		/* A style layout derived from one that changed. */
		if (r || (f->node && lookup(m, el, CSS_PSEUDO_NONE)))
			return NULL;
		return f->style;
	}
	if (f->style == fr->parent_old)
		return fr->parent_new;
	return anonymous_values_equal(fr->parent_old, fr->parent_new) ? f->style : NULL;
}

/* How far a style paints outside the border box and overflow: outline,
 * shadows, and glyphs or decorations beyond their line box. */
static float ink_extent(const struct css_style *s)
{
	float e = 0;
	if (s->outline_style != CSS_BORDER_NONE)
		e = s->outline_width + BASE_MAX(s->outline_offset, 0.0f);
	const struct css_shadow *sh[2] = { s->box_shadows, s->text_shadows };
	size_t n[2] = { s->box_shadow_count, s->text_shadow_count };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < n[k]; i++)
			e = BASE_MAX(e, BASE_MAX(fabsf(sh[k][i].x), fabsf(sh[k][i].y)) + 2 * sh[k][i].blur +
						BASE_MAX(sh[k][i].spread, 0.0f));
	return e + BASE_MAX(4.0f, s->font_size / 2);
}

static bool moves_painting(const struct css_style *s)
{
	return s->transform || s->position == CSS_POSITION_FIXED || s->position == CSS_POSITION_STICKY;
}

static void add_damage(struct layout_rect *d, bool *any, float x0, float y0, float x1, float y1)
{
	if (*any) {
		x0 = BASE_MIN(x0, d->x);
		y0 = BASE_MIN(y0, d->y);
		x1 = BASE_MAX(x1, d->x + d->width);
		y1 = BASE_MAX(y1, d->y + d->height);
	}
	*d = (struct layout_rect){ x0, y0, x1 - x0, y1 - y0 };
	*any = true;
}

bool layout_restyle_fragments(struct layout_tree *tree, const struct css_restyled *replaced, size_t count,
			      struct layout_rect *damage)
{
	*damage = (struct layout_rect){ 0, 0, 0, 0 };
	if (!tree->root || !count)
		return true;
	bool any = false, everywhere = false;
	/* The root's and body's backgrounds paint the whole canvas. */
	for (size_t i = 0; i < count; i++) {
		const struct html_node *el = replaced[i].element, *p = el->parent;
		everywhere |= (p && p->type == HTML_NODE_DOCUMENT) ||
			      (el->ns == HTML_NS_HTML && el->tag == HTML_TAG_BODY && p && p->parent &&
			       p->parent->type == HTML_NODE_DOCUMENT);
	}
	struct replaced_set m;
	set_init(&m, replaced, count);
	size_t len = 0, cap = 64;
	struct restyle_frame *stack = base_xmalloc(cap * sizeof *stack);
	stack[len++] = (struct restyle_frame){ tree->root, tree->root->style, tree->root->style, tree->root->x,
					       tree->root->y, false };
	bool ok = true;
	while (len && ok) {
		struct restyle_frame fr = stack[--len];
		struct layout_fragment *f = fr.frag;
		const struct css_style *old = f->style, *now = restyled(&m, f, &fr);
		if (!now) {
			ok = false;
			break;
		}
		bool moved = fr.moved || moves_painting(old) || moves_painting(now);
		if (now != old) {
			f->style = now;
			float e = BASE_MAX(ink_extent(old), ink_extent(now));
			const struct layout_rect *o = &f->overflow;
			everywhere |= moved;
			add_damage(damage, &any, fr.x + BASE_MIN(o->x, 0.0f) - e, fr.y + BASE_MIN(o->y, 0.0f) - e,
				   fr.x + BASE_MAX(o->x + o->width, f->width) + e,
				   fr.y + BASE_MAX(o->y + o->height, f->height) + e);
		}
		if (len + f->child_count > cap) {
			cap = (len + f->child_count) * 2;
			stack = base_xrealloc(stack, cap * sizeof *stack);
		}
		for (size_t c = f->child_count; c-- > 0;) {
			struct layout_fragment *ch = f->children[c];
			stack[len++] = (struct restyle_frame){ ch, old, now, fr.x + ch->x, fr.y + ch->y, moved };
		}
	}
	if (everywhere)
		*damage = (struct layout_rect){ 0, 0, BASE_MAX(tree->document_width, tree->viewport_width),
						BASE_MAX(tree->document_height, tree->viewport_height) };
	free(stack);
	free(m.by_element);
	free(m.old_styles);
	return ok;
}
