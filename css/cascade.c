/* The cascade for one element (https://drafts.csswg.org/css-cascade-5/#cascade-sort):
 * collect the rules whose selectors match (rule hash + ancestor Bloom
 * filter), sort their declaration blocks by origin and importance,
 * element-attached styles, layer, specificity and order, pick each
 * property's winning declaration (rolling back revert and revert-layer),
 * resolve custom properties and var(), then compute the style.
 *
 * A per-worker cache keyed by the parent style and the sorted matched
 * blocks gives elements of the same shape the same immutable style
 * (style sharing, counted in shared_count). */
#include "css/cascade.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Matching ------------------------------------------------------------------- */

static void matched_push(struct css_worker *w, struct css_match_list *l, const struct css_decl_block *block,
			 uint8_t origin, bool attached, uint16_t layer, uint32_t spec, uint32_t order)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->items = base_xrealloc(l->items, l->cap * sizeof *l->items);
	}
	(void)w;
	uint64_t a = (spec >> 20) & 0x3ff, b = (spec >> 10) & 0x3ff, c = spec & 0x3ff;
	uint64_t sp = (BASE_MIN(a, 255u) << 16) | (BASE_MIN(b, 255u) << 8) | BASE_MIN(c, 255u);
	uint64_t ord = BASE_MIN(order, (1u << 21) - 1);
	struct css_matched *m = &l->items[l->len++];
	m->block = block;
	m->origin = origin;
	m->layer = layer;
	m->attached = attached;
	uint64_t origin_normal = origin == CSS_ORIGIN_USER_AGENT ? 0 : origin == CSS_ORIGIN_USER ? 1 : 2;
	uint64_t origin_important = 2 - origin_normal;
	m->key = origin_normal << 62 | (uint64_t)attached << 61 | (uint64_t)layer << 45 | sp << 21 | ord;
	m->important_key = origin_important << 62 | (uint64_t)attached << 61 | (uint64_t)(0xffffu - layer) << 45 |
			   sp << 21 | ord;
}

static void match_bucket(struct css_styler *st, struct css_worker *w, struct css_match_context *mc,
			 const struct css_rule_bucket *b, const struct html_node *el, const struct css_bloom *bloom,
			 struct css_match_list *out)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->len; i++) {
		const struct css_rule_entry *e = &b->items[i];
		const struct css_selector *sel = e->selector;
		bool rejected = false;
		for (int k = 0; k < 4 && sel->ancestor_hashes[k]; k++)
			if (!css_bloom_may_contain(bloom, sel->ancestor_hashes[k])) {
				rejected = true;
				break;
			}
		if (rejected || !css_selector_matches(mc, sel, el))
			continue;
		const struct css_style_rule *r = e->rule;
		matched_push(w, out, &r->block, r->origin, false, st->sheets->layers[r->layer].rank, sel->specificity,
			     r->order);
	}
}

static void match_rules(struct css_styler *st, struct css_worker *w, const struct html_node *el, int pseudo,
			struct css_match_list *out)
{
	const struct css_rule_hash *h = &st->sheets->hash[pseudo];
	const struct css_element_info *info = &st->info[el->element_index];
	struct css_match_context mc = { st->doc, st->info, st->opt ? st->opt->state : NULL, st->sheets->quirks, 0 };
	char lower[256];
	if (info->id && info->id_len) {
		const char *k = info->id;
		if (st->sheets->quirks && info->id_len < sizeof lower) {
			for (size_t i = 0; i < info->id_len; i++)
				lower[i] = base_ascii_lower(info->id[i]);
			k = lower;
		}
		match_bucket(st, w, &mc, base_map_get(&h->by_id, k, info->id_len), el, &info->ancestors, out);
	}
	for (size_t c = 0; c < info->class_count; c++) {
		const struct css_str *cl = &info->classes[c];
		const char *k = cl->ptr;
		if (st->sheets->quirks && cl->len < sizeof lower) {
			for (size_t i = 0; i < cl->len; i++)
				lower[i] = base_ascii_lower(cl->ptr[i]);
			k = lower;
		}
		/* A class listed twice must not match its rules twice. */
		bool dup = false;
		for (size_t d = 0; d < c && !dup; d++)
			dup = info->classes[d].len == cl->len && base_ascii_ieq(info->classes[d].ptr, cl->len, cl->ptr, cl->len);
		if (!dup)
			match_bucket(st, w, &mc, base_map_get(&h->by_class, k, cl->len), el, &info->ancestors, out);
	}
	if (el->tag != HTML_TAG_UNKNOWN)
		match_bucket(st, w, &mc, &h->by_tag[el->tag], el, &info->ancestors, out);
	else {
		size_t n = strlen(el->local_name);
		if (n < sizeof lower) {
			for (size_t i = 0; i < n; i++)
				lower[i] = base_ascii_lower(el->local_name[i]);
			match_bucket(st, w, &mc, base_map_get(&h->by_other_tag, lower, n), el, &info->ancestors, out);
		}
	}
	match_bucket(st, w, &mc, &h->universal, el, &info->ancestors, out);
}

static int cmp_key(const void *a, const void *b)
{
	const struct css_matched *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int cmp_important(const void *a, const void *b)
{
	const struct css_matched *x = a, *y = b;
	return x->important_key < y->important_key ? -1 : x->important_key > y->important_key;
}

static void sort_list(struct css_match_list *l, int (*cmp)(const void *, const void *))
{
	if (l->len > 1)
		qsort(l->items, l->len, sizeof *l->items, cmp);
}

/* ---- Cascading -------------------------------------------------------------------- */

struct winner {
	const struct css_decl *decl;
	const struct css_matched *m;
	uint32_t seq; /* position in the cascade order */
};

/* The property a declaration sets on an element of that direction. */
static uint16_t cascaded_prop(const struct css_decl *d, bool rtl)
{
	return rtl && d->inline_logical ? css_inline_mirror(d->prop) : d->prop;
}

/* The declaration that revert/revert-layer rolls back to: the last one
 * for prop, before seq, from a lower origin (revert) or another layer
 * (revert-layer). */
static struct winner roll_back(struct css_match_list *normal, struct css_match_list *important, uint16_t prop,
			       struct winner w, bool rtl)
{
	struct winner best = { 0 };
	uint32_t seq = 0;
	bool layer_only = w.decl->wide == CSS_WIDE_REVERT_LAYER;
	for (int pass = 0; pass < 2; pass++) {
		struct css_match_list *l = pass ? important : normal;
		for (size_t i = 0; i < l->len; i++) {
			const struct css_matched *m = &l->items[i];
			for (size_t d = 0; d < m->block->count; d++, seq++) {
				const struct css_decl *decl = &m->block->decls[d];
				if (seq >= w.seq)
					return best;
				if (cascaded_prop(decl, rtl) != prop || decl->important != (pass == 1))
					continue;
				bool ok = layer_only ? (m->origin != w.m->origin || m->layer != w.m->layer ||
							m->attached != w.m->attached)
						     : m->origin < w.m->origin;
				if (ok && !(decl->wide == CSS_WIDE_REVERT || decl->wide == CSS_WIDE_REVERT_LAYER)) {
					best.decl = decl;
					best.m = m;
					best.seq = seq;
				}
			}
		}
	}
	return best;
}

/* Expands a shorthand again after var() substitution and returns the
 * value it gives prop. */
static bool reexpand(struct css_compute *cx, uint16_t shorthand, uint16_t prop, struct css_cv_list v,
		     struct css_cascaded_value *out)
{
	struct css_expansion *x = base_arena_alloc(cx->arena, sizeof *x);
	x->count = 0;
	uint16_t saved = cx->prop;
	bool validating = cx->validating;
	cx->validating = true;
	cx->prop = shorthand;
	bool ok = css_properties[shorthand].expand(cx, v, x);
	cx->prop = saved;
	cx->validating = validating;
	if (!ok)
		return false;
	for (size_t i = 0; i < x->count; i++)
		if (x->props[i] == prop) {
			out->value = x->values[i];
			out->wide = x->wide[i];
			return true;
		}
	return false;
}

static uint8_t wide_of(struct css_cv_list v)
{
	static const char *const names[] = { NULL, "initial", "inherit", "unset", "revert", "revert-layer" };
	int k = css_keyword_index(css_single(v), names, BASE_ARRAY_LEN(names));
	return k > 0 ? (uint8_t)k : CSS_WIDE_NONE;
}

/* Picks each property's winning declaration in cascade order
 * (https://drafts.csswg.org/css-cascade-5/#cascade-sort) and gathers the
 * custom properties' declarations. */
static void pick_winners(struct css_worker *w, struct css_match_list *normal, struct css_match_list *important,
			 bool rtl)
{
	struct winner *win = w->winners;
	memset(win, 0, sizeof(struct winner) * CSS_PROP_COUNT);
	w->custom_len = 0;
	uint32_t seq = 0;
	for (int pass = 0; pass < 2; pass++) {
		struct css_match_list *l = pass ? important : normal;
		for (size_t i = 0; i < l->len; i++) {
			const struct css_matched *m = &l->items[i];
			for (size_t d = 0; d < m->block->count; d++, seq++) {
				const struct css_decl *decl = &m->block->decls[d];
				if (decl->important != (pass == 1))
					continue;
				if (decl->prop == CSS_PROP_CUSTOM) {
					if (w->custom_len == w->custom_cap) {
						w->custom_cap = w->custom_cap ? w->custom_cap * 2 : 16;
						w->custom = base_xrealloc(w->custom, w->custom_cap * sizeof *w->custom);
					}
					struct css_custom_decl *cd = &w->custom[w->custom_len++];
					cd->name = decl->custom_name;
					cd->value = decl->value;
					cd->wide = decl->wide;
					continue;
				}
				uint16_t p = cascaded_prop(decl, rtl);
				win[p].decl = decl;
				win[p].m = m;
				win[p].seq = seq;
			}
		}
	}
}

/* Which of the properties a theme draws the page set itself, as Blink's
 * HasAuthorBorder/HasAuthorBackground: then a control is drawn from CSS. */
static uint8_t author_styled(const struct winner *winners)
{
	uint8_t flags = 0;
	for (uint16_t p = CSS_PROP_BORDER_TOP_WIDTH; p <= CSS_PROP_BORDER_BOTTOM_LEFT_RADIUS; p++)
		if (winners[p].decl && winners[p].m->origin != CSS_ORIGIN_USER_AGENT)
			flags |= CSS_AUTHOR_BORDER;
	for (uint16_t p = CSS_PROP_BACKGROUND_COLOR; p <= CSS_PROP_BACKGROUND_ATTACHMENT; p++)
		if (winners[p].decl && winners[p].m->origin != CSS_ORIGIN_USER_AGENT)
			flags |= CSS_AUTHOR_BACKGROUND;
	return flags;
}

/* One cascade of the sorted blocks into cx-ready values, and the
 * computed style; rtl maps the flow-relative declarations. */
static struct css_style *cascade_once(struct css_styler *st, struct css_worker *w, const struct html_node *el,
				      const struct css_style *parent, struct css_match_list *normal,
				      struct css_match_list *important, bool is_root, bool is_pseudo, bool rtl)
{
	pick_winners(w, normal, important, rtl);
	struct css_cascaded *c = w->cascaded;
	struct css_style *s = base_arena_alloc(&w->arena, sizeof *s);
	struct css_compute cx = { 0 };
	cx.style = s;
	cx.root_font_size = st->root_font_size;
	cx.media = st->opt ? &st->opt->media : NULL;
	cx.arena = &w->arena;
	cx.element = el;
	cx.loader = st->opt ? st->opt->loader : NULL;
	c->custom = w->custom_len ? css_custom_resolve(&w->arena, parent ? parent->custom : NULL, w->custom, w->custom_len)
				  : NULL;
	const struct css_custom_props *props = c->custom ? c->custom : parent ? parent->custom : NULL;
	for (uint16_t p = 0; p < CSS_PROP_CUSTOM; p++) {
		struct css_cascaded_value *v = &c->decl[p];
		v->present = false;
		struct winner wn = w->winners[p];
		if (!wn.decl)
			continue;
		if (wn.decl->wide == CSS_WIDE_REVERT || wn.decl->wide == CSS_WIDE_REVERT_LAYER) {
			struct winner back = roll_back(normal, important, p, wn, rtl);
			if (!back.decl) {
				v->present = true;
				v->wide = CSS_WIDE_UNSET;
				continue;
			}
			wn = back;
		}
		const struct css_decl *d = wn.decl;
		v->present = true;
		v->wide = d->wide;
		v->value = d->value;
		v->base_path = d->base_path;
		if (d->has_var && !d->wide) {
			struct css_cv_list sub;
			cx.base_path = d->base_path;
			if (!css_var_substitute(&w->arena, props, d->value, &sub)) {
				v->wide = CSS_WIDE_UNSET;
			} else if (d->shorthand) {
				if (!reexpand(&cx, d->shorthand, d->prop, sub, v))
					v->wide = CSS_WIDE_UNSET;
			} else {
				v->value = sub;
				v->wide = wide_of(sub);
			}
		}
	}
	css_compute_style(&cx, parent, c, is_root, is_pseudo);
	s->author_styled = author_styled(w->winners);
	return s;
}

/* Cascades the matched blocks into cx-ready values and computes. The
 * mapping of flow-relative declarations depends on the element's own
 * direction (css-logical-1 §4), itself cascaded: a right-to-left element
 * with such declarations is cascaded and computed a second time. */
static struct css_style *cascade_and_compute(struct css_styler *st, struct css_worker *w, const struct html_node *el,
					     const struct css_style *parent, struct css_match_list *normal, bool is_root,
					     bool is_pseudo)
{
	struct css_match_list *important = &w->important;
	important->len = 0;
	sort_list(normal, cmp_key);
	bool inline_logical = false;
	for (size_t i = 0; i < normal->len; i++) {
		if (normal->items[i].block->has_inline_logical)
			inline_logical = true;
		if (normal->items[i].block->has_important) {
			if (important->len == important->cap) {
				important->cap = important->cap ? important->cap * 2 : 16;
				important->items = base_xrealloc(important->items, important->cap * sizeof *important->items);
			}
			important->items[important->len++] = normal->items[i];
		}
	}
	sort_list(important, cmp_important);

	bool rtl = false;
	for (;;) {
		struct css_style *s = cascade_once(st, w, el, parent, normal, important, is_root, is_pseudo, rtl);
		if (rtl || !inline_logical || s->direction != CSS_DIRECTION_RTL)
			return s;
		rtl = true;
	}
}

/* ---- Styling one element ------------------------------------------------------ */

static bool blocks_equal(const struct css_match_list *a, const struct css_matched *b, size_t n)
{
	if (a->len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (a->items[i].block != b[i].block || a->items[i].key != b[i].key)
			return false;
	return true;
}

static uint64_t list_hash(uint64_t h, const struct css_match_list *l)
{
	for (size_t i = 0; i < l->len; i++) {
		h ^= (uint64_t)(uintptr_t)l->items[i].block * 0x9E3779B97F4A7C15ull;
		h = (h << 7 | h >> 57) ^ l->items[i].key;
		h *= 0x100000001B3ull;
	}
	return h ^ l->len;
}

static bool needs_pseudo(int pseudo, const struct css_match_list *l, const struct css_style *s,
			 const struct html_node *el)
{
	if (pseudo == CSS_PSEUDO_MARKER)
		return s->display == CSS_DISPLAY_LIST_ITEM;
	/* The UA sheet's ::placeholder rule matches every element. */
	if (pseudo == CSS_PSEUDO_PLACEHOLDER)
		return l->len > 0 && css_placeholder_shown(el);
	if (pseudo == CSS_PSEUDO_FILE_SELECTOR_BUTTON)
		return l->len > 0 && css_is_file_input(el);
	return l->len > 0;
}

static const struct css_style *style_element_matched(struct css_styler *st, struct css_worker *w,
						     const struct html_node *el, const struct css_style *parent,
						     const struct css_style **pseudo_out);

/* ---- Sibling sharing ---------------------------------------------------------- */

static bool same_attributes(const struct html_node *a, const struct html_node *b)
{
	if (a->attr_count != b->attr_count)
		return false;
	for (size_t i = 0; i < a->attr_count; i++) {
		const struct html_attr *x = &a->attrs[i], *y = &b->attrs[i];
		/* An empty value may be stored as NULL: memcmp must not see it. */
		if (x->ns != y->ns || x->value_len != y->value_len || strcmp(x->name, y->name) != 0 ||
		    (x->value_len && memcmp(x->value, y->value, x->value_len) != 0))
			return false;
	}
	return true;
}

static bool in_state(const struct css_element_state *st, const struct html_node *el)
{
	const struct html_node *targets[3] = { st->hover, st->active, st->focus };
	for (int i = 0; i < 3; i++)
		for (const struct html_node *n = targets[i]; n; n = n->parent)
			if (n == el)
				return true;
	return false;
}

static void revalidate(struct css_styler *st, const struct html_node *el, uint8_t *bits)
{
	const struct css_sheet_set *s = st->sheets;
	struct css_match_context mc = { st->doc, st->info, st->opt ? st->opt->state : NULL, s->quirks, 0 };
	for (size_t i = 0; i < s->revalidation_count; i++)
		bits[i] = css_selector_matches(&mc, s->revalidation[i], el);
}

/* Servo's sharing conditions, for the previous sibling this worker
 * styled: same parent, same name, same attributes (so same id, classes,
 * style attribute and hints), no hover/active/focus involvement, and the
 * same results for every sibling-dependent selector. Everything else a
 * selector can test (ancestors) is common to siblings. */
static bool share_with_last(struct css_styler *st, struct css_worker *w, const struct html_node *el,
			    const struct css_style *parent)
{
	const struct html_node *c = w->last;
	if (!c || c->parent != el->parent || w->last_parent != parent || c->ns != el->ns || c->tag != el->tag ||
	    strcmp(c->local_name, el->local_name) != 0 || !same_attributes(c, el))
		return false;
	const struct css_element_state *state = st->opt ? st->opt->state : NULL;
	if (state && (in_state(state, el) || in_state(state, c)))
		return false;
	/* :dir() of dir=auto (and bdi) depends on the element's text. */
	const char *dir = html_element_attr_value(el, "dir");
	if (el->tag == HTML_TAG_BDI || (dir && strcasecmp(dir, "auto") == 0))
		return false;
	size_t n = st->sheets->revalidation_count;
	if (n) {
		if (!w->last_bits_valid) {
			revalidate(st, c, w->last_bits);
			w->last_bits_valid = true;
		}
		revalidate(st, el, w->bits);
		if (memcmp(w->bits, w->last_bits, n) != 0)
			return false;
	}
	return true;
}

const struct css_style *css_style_element(struct css_styler *st, struct css_worker *w, const struct html_node *el,
					  const struct css_style *parent, const struct css_style **pseudo_out)
{
	bool is_root = el == st->doc->document_element;
	if (!is_root && share_with_last(st, w, el, parent)) {
		w->shared++;
		w->last = el; /* same revalidation results as before */
		for (int p = 0; p < CSS_PSEUDO_COUNT; p++)
			pseudo_out[p] = w->last_pseudo[p];
		return w->last_style;
	}
	const struct css_style *result = style_element_matched(st, w, el, parent, pseudo_out);
	w->last = el;
	w->last_parent = parent;
	w->last_style = result;
	w->last_bits_valid = false;
	for (int p = 0; p < CSS_PSEUDO_COUNT; p++)
		w->last_pseudo[p] = pseudo_out[p];
	return result;
}

/* Styles an element by matching its rules; the sharing cache reuses the
 * style of an earlier element with the same parent style and blocks. */
static const struct css_style *style_element_matched(struct css_styler *st, struct css_worker *w,
						     const struct html_node *el, const struct css_style *parent,
						     const struct css_style **pseudo_out)
{
	size_t idx = el->element_index;
	bool is_root = el == st->doc->document_element;
	struct css_match_list *lists = w->lists;
	for (int p = 0; p < CSS_PSEUDO_COUNT; p++)
		lists[p].len = 0;
	struct css_match_list *normal = &lists[CSS_PSEUDO_NONE];
	const struct css_decl_block *hints = &st->hint_blocks[idx], *attr = &st->attr_blocks[idx];
	if (hints->count)
		matched_push(w, normal, hints, CSS_ORIGIN_AUTHOR, false, 0, 0, 0);
	match_rules(st, w, el, CSS_PSEUDO_NONE, normal);
	if (attr->count)
		matched_push(w, normal, attr, CSS_ORIGIN_AUTHOR, true, st->sheets->layers[0].rank, 0, 0);
	bool uses_attr = false;
	for (int p = 1; p < CSS_PSEUDO_COUNT; p++) {
		match_rules(st, w, el, p, &lists[p]);
		sort_list(&lists[p], cmp_key);
		for (size_t i = 0; i < lists[p].len; i++)
			uses_attr |= lists[p].items[i].block->uses_attr;
	}
	sort_list(normal, cmp_key);
	for (size_t i = 0; i < normal->len; i++)
		uses_attr |= normal->items[i].block->uses_attr;

	/* The sharing cache: same parent style and same sorted blocks give
	 * the same style. The root is never shared (rem, blockification). */
	bool cacheable = !is_root && !uses_attr;
	uint64_t h = (uint64_t)(uintptr_t)parent * 0xff51afd7ed558ccdull;
	struct css_share_entry *slot = NULL;
	if (cacheable) {
		for (int p = 0; p < CSS_PSEUDO_COUNT; p++)
			h = list_hash(h * 31 + (uint64_t)p, &lists[p]);
		slot = &w->cache[h & (CSS_SHARE_CACHE_SIZE - 1)];
		bool hit = slot->style && slot->hash == h && slot->parent == parent;
		for (int p = 0; hit && p < CSS_PSEUDO_COUNT; p++)
			hit = blocks_equal(&lists[p], slot->blocks[p], slot->counts[p]);
		if (hit) {
			w->shared++;
			for (int p = 0; p < CSS_PSEUDO_COUNT; p++)
				pseudo_out[p] = slot->pseudo[p];
			return slot->style;
		}
	}

	struct css_match_list save[CSS_PSEUDO_COUNT];
	const struct css_style *s = NULL;
	/* Copy the lists (the cascade reorders its input) for the cache. */
	for (int p = 0; p < CSS_PSEUDO_COUNT; p++) {
		save[p].len = lists[p].len;
		save[p].items = lists[p].len ? base_arena_memdup(&w->arena, lists[p].items, lists[p].len * sizeof *lists[p].items)
					     : NULL;
	}
	s = cascade_and_compute(st, w, el, parent, normal, is_root, false);
	pseudo_out[CSS_PSEUDO_NONE] = NULL;
	for (int p = 1; p < CSS_PSEUDO_COUNT; p++) {
		pseudo_out[p] = NULL;
		if (!needs_pseudo(p, &lists[p], s, el))
			continue;
		struct css_style *ps = cascade_and_compute(st, w, el, s, &lists[p], false, true);
		bool exists = true;
		if (p == CSS_PSEUDO_BEFORE || p == CSS_PSEUDO_AFTER)
			exists = ps->content_count > 0 && ps->display != CSS_DISPLAY_NONE;
		else if (p == CSS_PSEUDO_MARKER)
			exists = !ps->content_none;
		if (exists)
			pseudo_out[p] = ps;
	}
	if (slot) {
		slot->hash = h;
		slot->parent = parent;
		slot->style = s;
		for (int p = 0; p < CSS_PSEUDO_COUNT; p++) {
			slot->blocks[p] = save[p].items;
			slot->counts[p] = save[p].len;
			slot->pseudo[p] = pseudo_out[p];
		}
	}
	return s;
}

void css_worker_init(struct css_worker *w, size_t revalidation_count)
{
	memset(w, 0, sizeof *w);
	w->bits = base_xcalloc(revalidation_count + 1, 1);
	w->last_bits = base_xcalloc(revalidation_count + 1, 1);
	base_arena_init(&w->arena, 256 * 1024);
	w->winners = base_xcalloc(CSS_PROP_COUNT, sizeof(struct winner));
	w->cascaded = base_xcalloc(1, sizeof *w->cascaded);
	w->cache = base_xcalloc(CSS_SHARE_CACHE_SIZE, sizeof *w->cache);
}

/* Frees the scratch; the arena (the styles) is kept by the caller. */
void css_worker_release_scratch(struct css_worker *w)
{
	for (int p = 0; p < CSS_PSEUDO_COUNT; p++)
		free(w->lists[p].items);
	free(w->important.items);
	free(w->winners);
	free(w->cascaded);
	free(w->cache);
	free(w->custom);
	free(w->bits);
	free(w->last_bits);
	w->bits = w->last_bits = NULL;
	w->winners = NULL;
	w->cascaded = NULL;
	w->cache = NULL;
	w->custom = NULL;
	memset(w->lists, 0, sizeof w->lists);
	memset(&w->important, 0, sizeof w->important);
}
