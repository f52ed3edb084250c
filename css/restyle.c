/* Incremental restyle after an element-state change (:hover, :active,
 * :focus), as browsers do it:
 *
 * 1. Invalidation data, collected when the stylesheets are loaded
 *    (css_invalidation_add): for each compound of a rule's selector that
 *    tests a state, the features (tag, id, classes) the flipping element
 *    must have, and the subject compound whose features the restyled
 *    elements must have, with the scope between them (the element itself,
 *    its descendants, its following siblings' subtrees, or the whole
 *    document for :has() and complex :is() arguments).
 * 2. The elements whose state flipped are the symmetric difference of the
 *    old and new ancestor chains of the hovered/active/focused elements;
 *    the entries they trigger mark the elements to restyle.
 * 3. Marked elements are styled again in document order (parents first);
 *    an element whose new style equals its old one keeps the old pointer,
 *    so its descendants are left alone; otherwise its children are styled
 *    again too (inherited values, `inherit`, em units).
 * 4. Each replaced style is compared with the old one to classify the
 *    damage: paint-only properties, or anything that may move boxes.
 *
 * Ownership: the styled document's styles[] and pseudo[] slots are
 * updated in place; new styles live in the document's restyle worker
 * arena, and replaced styles stay alive (a fragment tree built from them
 * stays valid) until css_styled_document_free. */
#include "css/cascade.h"
#include "css/properties_grid.h"

#include <stdlib.h>
#include <string.h>

/* Nesting of :is()/:not()/:where() examined before giving up (the parser
 * bounds it already; this keeps the recursion bounded on its own). */
#define MAX_ARG_DEPTH 16

/* ---- Invalidation data ------------------------------------------------------ */

static unsigned state_bit(uint8_t pc)
{
	switch (pc) {
	case CSS_PC_HOVER: return CSS_STATE_HOVER;
	case CSS_PC_ACTIVE: return CSS_STATE_ACTIVE;
	case CSS_PC_FOCUS:
	case CSS_PC_FOCUS_WITHIN:
	case CSS_PC_FOCUS_VISIBLE: return CSS_STATE_FOCUS;
	default: return 0;
	}
}

static unsigned list_states_anywhere(const struct css_selector_list *l, int depth);

/* States tested anywhere in a compound, arguments included. */
static unsigned compound_states_anywhere(const struct css_compound *c, int depth)
{
	unsigned st = 0;
	for (size_t k = 0; k < c->count; k++) {
		const struct css_simple_selector *ss = &c->simples[k];
		if (ss->kind != CSS_SEL_PSEUDO_CLASS)
			continue;
		st |= state_bit(ss->op);
		if (ss->args.count)
			st |= depth < MAX_ARG_DEPTH ? list_states_anywhere(&ss->args, depth + 1)
						    : CSS_STATE_HOVER | CSS_STATE_ACTIVE | CSS_STATE_FOCUS;
	}
	return st;
}

static unsigned list_states_anywhere(const struct css_selector_list *l, int depth)
{
	unsigned st = 0;
	for (size_t i = 0; i < l->count; i++)
		for (size_t c = 0; c < l->items[i]->count; c++)
			st |= compound_states_anywhere(&l->items[i]->compounds[c], depth);
	return st;
}

/* States a compound tests on the element it matches: directly, or in an
 * :is()/:not()/:where() argument of one compound. States tested elsewhere
 * (inside :has() or :nth-child(of S), or in a complex argument, which may
 * test an ancestor or a sibling) go to *elsewhere. */
static unsigned compound_states(const struct css_compound *c, unsigned *elsewhere, int depth)
{
	unsigned st = 0;
	for (size_t k = 0; k < c->count; k++) {
		const struct css_simple_selector *ss = &c->simples[k];
		if (ss->kind != CSS_SEL_PSEUDO_CLASS)
			continue;
		st |= state_bit(ss->op);
		for (size_t i = 0; i < ss->args.count; i++) {
			const struct css_selector *arg = ss->args.items[i];
			bool same_element = ss->op == CSS_PC_IS || ss->op == CSS_PC_WHERE || ss->op == CSS_PC_NOT;
			if (same_element && arg->count == 1 && depth < MAX_ARG_DEPTH)
				st |= compound_states(&arg->compounds[0], elsewhere, depth + 1);
			else
				for (size_t j = 0; j < arg->count; j++)
					*elsewhere |= compound_states_anywhere(&arg->compounds[j], depth + 1);
		}
	}
	return st;
}

static void push_invalidation(struct css_sheet_set *s, struct css_invalidation inv)
{
	if (s->invalidation_count == s->invalidation_cap) {
		s->invalidation_cap = s->invalidation_cap ? s->invalidation_cap * 2 : 16;
		s->invalidations = base_xrealloc(s->invalidations, s->invalidation_cap * sizeof *s->invalidations);
	}
	s->invalidations[s->invalidation_count++] = inv;
}

void css_invalidation_add(struct css_sheet_set *s, const struct css_selector *sel)
{
	if (!sel->count)
		return;
	const struct css_compound *target = &sel->compounds[sel->count - 1];
	unsigned elsewhere = 0;
	for (size_t k = 0; k < sel->count; k++) {
		unsigned st = compound_states(&sel->compounds[k], &elsewhere, 0);
		if (!st)
			continue;
		uint8_t scope = CSS_INVALIDATE_SELF;
		if (k + 1 < sel->count) {
			uint8_t comb = sel->compounds[k + 1].combinator;
			scope = comb == CSS_COMB_DESCENDANT || comb == CSS_COMB_CHILD ? CSS_INVALIDATE_DESCENDANTS
										     : CSS_INVALIDATE_SIBLINGS;
		}
		push_invalidation(s, (struct css_invalidation){ &sel->compounds[k], target, (uint8_t)st, scope });
	}
	if (elsewhere)
		push_invalidation(s, (struct css_invalidation){ NULL, target, (uint8_t)elsewhere, CSS_INVALIDATE_DOCUMENT });
}

/* Whether el has the tag, id and classes a compound requires; the rest of
 * the compound is assumed to match (so this may say yes too often, never
 * too rarely). Case-insensitive, which covers quirks mode. */
static bool has_features(const struct css_compound *c, const struct html_node *el, const struct css_element_info *info)
{
	for (size_t k = 0; k < c->count; k++) {
		const struct css_simple_selector *ss = &c->simples[k];
		if (ss->kind == CSS_SEL_TYPE) {
			if (!base_ascii_ieq(ss->name, ss->name_len, el->local_name, strlen(el->local_name)))
				return false;
		} else if (ss->kind == CSS_SEL_ID) {
			if (!info->id || !base_ascii_ieq(ss->name, ss->name_len, info->id, info->id_len))
				return false;
		} else if (ss->kind == CSS_SEL_CLASS) {
			bool found = false;
			for (size_t i = 0; i < info->class_count && !found; i++)
				found = base_ascii_ieq(ss->name, ss->name_len, info->classes[i].ptr, info->classes[i].len);
			if (!found)
				return false;
		}
	}
	return true;
}

/* ---- Marking ---------------------------------------------------------------- */

enum { MARK_RESTYLE = 1, MARK_REPLACED = 2 };

struct marker {
	const struct css_styled_document *sd;
	const struct css_element_info *info;
	uint8_t *marks;
	uint8_t *flips; /* enum css_state_bit set per element */
};

static bool is_styled_element(const struct css_styled_document *sd, const struct html_node *n)
{
	return n && n->type == HTML_NODE_ELEMENT && n->element_index < sd->element_count;
}

static void mark_if(struct marker *m, const struct css_compound *target, const struct html_node *el)
{
	if (!(m->marks[el->element_index] & MARK_RESTYLE) && has_features(target, el, &m->info[el->element_index]))
		m->marks[el->element_index] |= MARK_RESTYLE;
}

/* Marks the elements of root's subtree (root included when with_root),
 * iteratively, in document order. */
static void mark_subtree(struct marker *m, const struct css_compound *target, const struct html_node *root,
			 bool with_root)
{
	if (with_root)
		mark_if(m, target, root);
	const struct html_node *n = root->first_child;
	while (n && n != root) {
		if (is_styled_element(m->sd, n)) {
			mark_if(m, target, n);
			if (n->first_child) {
				n = n->first_child;
				continue;
			}
		}
		while (n != root && !n->next_sibling)
			n = n->parent;
		if (n != root)
			n = n->next_sibling;
	}
}

static void apply_invalidation(struct marker *m, const struct css_invalidation *inv, const struct html_node *el)
{
	switch (inv->scope) {
	case CSS_INVALIDATE_SELF: mark_if(m, inv->target, el); break;
	case CSS_INVALIDATE_DESCENDANTS: mark_subtree(m, inv->target, el, false); break;
	case CSS_INVALIDATE_SIBLINGS:
		for (const struct html_node *s = el->next_sibling; s; s = s->next_sibling)
			if (is_styled_element(m->sd, s))
				mark_subtree(m, inv->target, s, true);
		break;
	default: break;
	}
}

static void flip_chain(struct marker *m, const struct html_node *n, uint8_t bit)
{
	for (; n; n = n->parent)
		if (is_styled_element(m->sd, n))
			m->flips[n->element_index] ^= bit;
}

/* Runs the entries triggered by the flipped elements of one chain; clears
 * their flips so that an element on several chains is handled once. */
static void invalidate_chain(struct marker *m, const struct css_sheet_set *s, const struct html_node *n)
{
	for (; n; n = n->parent) {
		if (!is_styled_element(m->sd, n) || !m->flips[n->element_index])
			continue;
		uint8_t flips = m->flips[n->element_index];
		m->flips[n->element_index] = 0;
		for (size_t i = 0; i < s->invalidation_count; i++) {
			const struct css_invalidation *inv = &s->invalidations[i];
			if (inv->scope != CSS_INVALIDATE_DOCUMENT && (inv->states & flips) &&
			    has_features(inv->trigger, n, &m->info[n->element_index]))
				apply_invalidation(m, inv, n);
		}
	}
}

/* Marks every element whose style may differ between the two states;
 * returns the states that flipped on some element. */
static unsigned mark_elements(struct marker *m, const struct css_sheet_set *s, const struct css_element_state *from,
			      const struct css_element_state *to)
{
	const struct html_node *chains[6] = { from->hover, to->hover, from->active, to->active, from->focus, to->focus };
	static const uint8_t bits[6] = { CSS_STATE_HOVER, CSS_STATE_HOVER, CSS_STATE_ACTIVE,
					  CSS_STATE_ACTIVE, CSS_STATE_FOCUS, CSS_STATE_FOCUS };
	unsigned flipped = 0;
	for (int i = 0; i < 6; i++)
		flip_chain(m, chains[i], bits[i]);
	for (int i = 0; i < 6; i++)
		for (const struct html_node *n = chains[i]; n; n = n->parent)
			if (is_styled_element(m->sd, n))
				flipped |= m->flips[n->element_index];
	for (size_t i = 0; i < s->invalidation_count; i++) {
		const struct css_invalidation *inv = &s->invalidations[i];
		if (inv->scope == CSS_INVALIDATE_DOCUMENT && (inv->states & flipped))
			for (size_t e = 0; e < m->sd->element_count; e++)
				mark_if(m, inv->target, m->sd->doc->elements[e]);
	}
	for (int i = 0; i < 6; i++)
		invalidate_chain(m, s, chains[i]);
	return flipped;
}

/* ---- Comparing styles ----------------------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool length_eq(struct css_length a, struct css_length b)
{
	return a.px == b.px && a.percent == b.percent && a.kind == b.kind && a.has_percent == b.has_percent;
}

static bool color_eq(struct css_color a, struct css_color b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static bool shadows_eq(const struct css_shadow *a, const struct css_shadow *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].x != b[i].x || a[i].y != b[i].y || a[i].blur != b[i].blur || a[i].spread != b[i].spread ||
		    !color_eq(a[i].color, b[i].color) || a[i].inset != b[i].inset)
			return false;
	return true;
}

static bool image_eq(const struct css_image *a, const struct css_image *b)
{
	if (a->kind != b->kind || a->repeating != b->repeating || !str_eq(a->url, b->url) || a->angle_deg != b->angle_deg ||
	    a->radial_circle != b->radial_circle || a->radial_extent != b->radial_extent ||
	    !length_eq(a->radial_rx, b->radial_rx) || !length_eq(a->radial_ry, b->radial_ry) ||
	    !length_eq(a->center_x, b->center_x) || !length_eq(a->center_y, b->center_y) || a->stop_count != b->stop_count)
		return false;
	for (size_t i = 0; i < a->stop_count; i++)
		if (!color_eq(a->stops[i].color, b->stops[i].color) || !length_eq(a->stops[i].position, b->stops[i].position) ||
		    a->stops[i].is_hint != b->stops[i].is_hint)
			return false;
	return true;
}

static bool backgrounds_eq(const struct css_background_layer *a, const struct css_background_layer *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!image_eq(&a[i].image, &b[i].image) || a[i].repeat_x != b[i].repeat_x || a[i].repeat_y != b[i].repeat_y ||
		    !length_eq(a[i].position_x, b[i].position_x) || !length_eq(a[i].position_y, b[i].position_y) ||
		    a[i].size_kind != b[i].size_kind || !length_eq(a[i].size_w, b[i].size_w) ||
		    !length_eq(a[i].size_h, b[i].size_h) || a[i].origin != b[i].origin || a[i].clip != b[i].clip ||
		    a[i].attachment_fixed != b[i].attachment_fixed)
			return false;
	return true;
}

static bool counters_eq(const struct css_counter_op *a, const struct css_counter_op *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!str_eq(a[i].name, b[i].name) || a[i].value != b[i].value)
			return false;
	return true;
}

static bool font_family_eq(const struct css_font_family *a, const struct css_font_family *b)
{
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++)
		if (!str_eq(a->names[i], b->names[i]) || a->quoted[i] != b->quoted[i])
			return false;
	return true;
}

/* The values behind the pointers of two styles whose counts are already
 * known equal; with layout_only, those that only paint uses are skipped. */
static bool pointed_eq(const struct css_style *a, const struct css_style *b, bool layout_only)
{
	if (!font_family_eq(&a->font_family, &b->font_family) || !str_eq(a->list_style_string, b->list_style_string) ||
	    !str_eq(a->list_style_image, b->list_style_image) ||
	    !counters_eq(a->counter_reset, b->counter_reset, a->counter_reset_count) ||
	    !counters_eq(a->counter_increment, b->counter_increment, a->counter_increment_count) ||
	    !counters_eq(a->counter_set, b->counter_set, a->counter_set_count) || (!a->quotes) != (!b->quotes) ||
	    (!a->content) != (!b->content) || (!a->transform) != (!b->transform))
		return false;
	for (size_t i = 0; a->quotes && i < a->quote_count; i++)
		if (!str_eq(a->quotes[i], b->quotes[i]))
			return false;
	for (size_t i = 0; a->content && i < a->content_count; i++)
		if (a->content[i].kind != b->content[i].kind || !str_eq(a->content[i].text, b->content[i].text) ||
		    !str_eq(a->content[i].separator, b->content[i].separator) ||
		    a->content[i].list_style != b->content[i].list_style)
			return false;
	if (a->transform && memcmp(a->transform, b->transform, sizeof *a->transform) != 0)
		return false;
	if (!css_grid_values_equal(a, b))
		return false;
	if (layout_only)
		return true;
	/* Custom properties are compared by identity: equal sets are usually
	 * the same (inherited) set, and a false "different" only restyles more. */
	return a->custom == b->custom && backgrounds_eq(a->backgrounds, b->backgrounds, a->background_count) &&
	       shadows_eq(a->box_shadows, b->box_shadows, a->box_shadow_count) &&
	       shadows_eq(a->text_shadows, b->text_shadows, a->text_shadow_count);
}

/* A copy with the pointers cleared, so that memcmp compares the rest. */
static void without_pointers(struct css_style *s)
{
	s->backgrounds = NULL;
	s->box_shadows = s->text_shadows = NULL;
	s->font_family.names = NULL;
	s->font_family.quoted = NULL;
	s->list_style_string = s->list_style_image = NULL;
	s->content = NULL;
	s->counter_reset = s->counter_increment = s->counter_set = NULL;
	s->quotes = NULL;
	s->transform = NULL;
	s->custom = NULL;
	memset(&s->grid_template_rows, 0, sizeof s->grid_template_rows);
	memset(&s->grid_template_columns, 0, sizeof s->grid_template_columns);
	memset(&s->grid_template_areas, 0, sizeof s->grid_template_areas);
	s->grid_auto_rows = s->grid_auto_columns = NULL;
	s->grid_row_start.name = s->grid_row_end.name = s->grid_column_start.name = s->grid_column_end.name = NULL;
}

/* Clears what only painting reads: colours, backgrounds, border colours
 * and styles (the computed widths stay), outline, text decoration,
 * shadows, opacity, visibility, cursor, z-index (stacking is paint's). */
static void without_paint(struct css_style *s)
{
	memset(s->border_color, 0, sizeof s->border_color);
	memset(s->border_style, 0, sizeof s->border_style);
	s->opacity = 0;
	s->z_index = 0;
	s->z_index_auto = false;
	s->outline_width = s->outline_offset = 0;
	s->outline_style = 0;
	memset(&s->outline_color, 0, sizeof s->outline_color);
	memset(&s->color, 0, sizeof s->color);
	memset(&s->background_color, 0, sizeof s->background_color);
	s->background_count = s->box_shadow_count = s->text_shadow_count = 0;
	s->text_decoration_line = s->text_decoration_style = 0;
	memset(&s->text_decoration_color, 0, sizeof s->text_decoration_color);
	s->text_decoration_thickness = (struct css_length){ 0 };
	s->decorations_in_effect = 0;
	s->visibility = 0;
	s->cursor = 0;
	s->image_rendering = 0;
	s->author_styled = 0;
}

bool css_style_equal(const struct css_style *a, const struct css_style *b)
{
	if (a == b)
		return true;
	if (!a || !b)
		return false;
	struct css_style x = *a, y = *b;
	without_pointers(&x);
	without_pointers(&y);
	return memcmp(&x, &y, sizeof x) == 0 && pointed_eq(a, b, false);
}

enum css_damage css_style_damage(const struct css_style *a, const struct css_style *b)
{
	if (css_style_equal(a, b))
		return CSS_DAMAGE_NONE;
	if (!a || !b)
		return CSS_DAMAGE_RELAYOUT;
	struct css_style x = *a, y = *b;
	without_pointers(&x);
	without_pointers(&y);
	without_paint(&x);
	without_paint(&y);
	return memcmp(&x, &y, sizeof x) == 0 && pointed_eq(a, b, true) ? CSS_DAMAGE_REPAINT : CSS_DAMAGE_RELAYOUT;
}

/* ---- Restyling ------------------------------------------------------------ */

static void push_pair(struct css_restyle_result *out, struct base_arena *a, size_t *cap, const struct html_node *el,
		      int pseudo, const struct css_style *old, const struct css_style *new)
{
	if (out->replaced_count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct css_restyled *r = base_arena_alloc(a, ncap * sizeof *r);
		if (out->replaced_count)
			memcpy(r, out->replaced, out->replaced_count * sizeof *r);
		out->replaced = r;
		*cap = ncap;
	}
	out->replaced[out->replaced_count++] = (struct css_restyled){ el, (uint8_t)pseudo, old, new };
}

bool css_restyle_elements(struct css_styled_document *sd, const struct css_element_state *from,
			  struct css_restyle_result *out)
{
	memset(out, 0, sizeof *out);
	struct css_styled_private *priv = (struct css_styled_private *)sd;
	struct css_styler *st = &priv->styler;
	const struct css_element_state none = { 0 };
	const struct css_element_state *to = priv->opt.state ? priv->opt.state : &none;
	size_t n = sd->element_count;
	if (!n)
		return true;
	if (!priv->restyle) {
		priv->restyle = base_xcalloc(1, sizeof *priv->restyle);
		css_worker_init(priv->restyle, priv->sheets.revalidation_count);
	}
	struct css_worker *w = priv->restyle;
	/* The last element styled belongs to an earlier state. */
	w->last = NULL;
	w->last_bits_valid = false;

	struct marker m = { sd, st->info, base_xcalloc(n, 1), base_xcalloc(n, 1) };
	mark_elements(&m, &priv->sheets, from ? from : &none, to);

	size_t cap = 0;
	bool ok = true;
	const struct html_node *root = sd->doc->document_element;
	/* Document order: parents come before their children, and nothing
	 * before the first marked element changes. */
	size_t first = 0;
	while (first < n && !m.marks[first])
		first++;
	for (size_t i = first; i < n; i++) {
		const struct html_node *el = sd->doc->elements[i];
		const struct html_node *p = el->parent;
		bool parent_element = is_styled_element(sd, p);
		if (!(m.marks[i] & MARK_RESTYLE) && !(parent_element && (m.marks[p->element_index] & MARK_REPLACED)))
			continue;
		const struct css_style *parent = parent_element ? sd->styles[p->element_index] : NULL;
		const struct css_style *pseudo[CSS_PSEUDO_COUNT];
		const struct css_style *s = css_style_element(st, w, el, parent, pseudo);
		out->restyled++;
		const struct css_style *old = sd->styles[i];
		bool changed = false;
		if (!css_style_equal(old, s)) {
			enum css_damage d = css_style_damage(old, s);
			if (d > out->damage)
				out->damage = d;
			push_pair(out, &w->arena, &cap, el, CSS_PSEUDO_NONE, old, s);
			sd->styles[i] = s;
			m.marks[i] |= MARK_REPLACED;
			changed = true;
			/* rem units of every element follow the root's font size. */
			if (el == root && s->font_size != old->font_size)
				ok = false;
		}
		for (int ps = 1; ps < CSS_PSEUDO_COUNT; ps++) {
			const struct css_style **slot = &sd->pseudo[i * CSS_PSEUDO_COUNT + (size_t)ps];
			if (css_style_equal(*slot, pseudo[ps]))
				continue;
			enum css_damage d = css_style_damage(*slot, pseudo[ps]);
			if (d > out->damage)
				out->damage = d;
			if (*slot && pseudo[ps])
				push_pair(out, &w->arena, &cap, el, ps, *slot, pseudo[ps]);
			*slot = pseudo[ps];
			changed = true;
		}
		out->changed += changed;
	}
	sd->restyled_total += out->restyled;
	free(m.marks);
	free(m.flips);
	return ok;
}
