/* Stylesheets: from text to hashed style rules with validated
 * declarations. Handles the document's sources (<style>, <link
 * rel=stylesheet>, XHTML <?xml-stylesheet?>), @import, @media, @supports,
 * @layer (https://drafts.csswg.org/css-cascade-5/#layering) and
 * @font-face; unknown at-rules, unknown properties and invalid values are
 * skipped as CSS Syntax and Cascade say.
 *
 * Ownership: every rule, selector, declaration and the text they point
 * into belong to the sheet set's arena; the buckets' arrays are heap
 * blocks freed by css_sheets_free. */
#include "css/internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_IMPORT_DEPTH 8
#define MAX_NESTING 32
#define MAX_LOADED_BYTES (64u << 20)

struct sheet_context {
	uint8_t origin;
	const char *base_path;
	int layer; /* index into layers */
	int depth;
};

/* ---- Layers ---------------------------------------------------------------------- */

static int layer_add(struct css_sheet_set *s, const char *name, int parent)
{
	if (name)
		for (size_t i = 0; i < s->layer_count; i++)
			if (s->layers[i].name && strcmp(s->layers[i].name, name) == 0)
				return (int)i;
	if (s->layer_count == s->layer_cap) {
		s->layer_cap = s->layer_cap ? s->layer_cap * 2 : 8;
		struct css_layer *n = base_arena_calloc(&s->arena, s->layer_cap, sizeof *n);
		if (s->layer_count)
			memcpy(n, s->layers, s->layer_count * sizeof *n);
		s->layers = n;
	}
	struct css_layer *l = &s->layers[s->layer_count];
	l->name = name ? base_arena_strdup(&s->arena, name) : NULL;
	l->parent = parent;
	return (int)s->layer_count++;
}

/* A layer name (ident ['.' ident]*) within the current layer. */
static int layer_from_name(struct css_sheet_set *s, struct css_cv_list in, size_t *pos, int current)
{
	struct base_buf full = { 0 };
	const char *cur_name = s->layers[current].name;
	int parent = current;
	const struct css_cv *c = css_next(in, pos);
	int result = -1;
	while (c && c->tok.type == CSS_TOK_IDENT) {
		base_buf_clear(&full);
		if (cur_name) {
			base_buf_puts(&full, cur_name);
			base_buf_putc(&full, '.');
		}
		base_buf_append(&full, c->tok.value.ptr, c->tok.value.len);
		parent = layer_add(s, full.data, parent);
		cur_name = s->layers[parent].name;
		result = parent;
		if (*pos < in.len && css_is_delim(&in.items[*pos], '.')) {
			(*pos)++;
			c = *pos < in.len ? &in.items[*pos] : NULL;
			if (c)
				(*pos)++;
			continue;
		}
		break;
	}
	base_buf_free(&full);
	return result;
}

static uint16_t rank_layers(struct css_sheet_set *s, int parent, uint16_t next)
{
	for (size_t i = 0; i < s->layer_count; i++)
		if (s->layers[i].parent == parent && (int)i != parent) {
			next = rank_layers(s, (int)i, next);
			s->layers[i].rank = next++;
		}
	return next;
}

void css_sheets_finish(struct css_sheet_set *s)
{
	/* Post-order: a layer's sublayers precede its own rules, and rules
	 * outside any layer (layer 0) come last. */
	uint16_t next = rank_layers(s, 0, 1);
	s->layers[0].rank = next;
}

/* ---- Rule hashing ------------------------------------------------------------------ */

static void bucket_push(struct css_rule_bucket *b, struct css_rule_entry e)
{
	if (b->len == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 4;
		b->items = base_xrealloc(b->items, b->cap * sizeof *b->items);
	}
	b->items[b->len++] = e;
}

static struct css_rule_bucket *map_bucket(struct css_sheet_set *s, struct base_map *m, const char *key, size_t n)
{
	struct css_rule_bucket *b = base_map_get(m, key, n);
	if (!b) {
		b = base_arena_calloc(&s->arena, 1, sizeof *b);
		base_map_put(m, key, n, b);
	}
	return b;
}

static char *key_lower(struct css_sheet_set *s, const char *name, size_t n)
{
	char *k = base_arena_strndup(&s->scratch, name, n);
	for (size_t i = 0; i < n; i++)
		k[i] = base_ascii_lower(k[i]);
	return k;
}

/* Whether siblings with equal attributes can differ in matching sel. */
static bool sibling_dependent_list(const struct css_selector_list *l, int depth);

static bool sibling_dependent(const struct css_selector *sel, int depth)
{
	if (depth > 16)
		return true;
	for (size_t i = 0; i < sel->count; i++) {
		const struct css_compound *c = &sel->compounds[i];
		if (c->combinator == CSS_COMB_NEXT_SIBLING || c->combinator == CSS_COMB_SUBSEQUENT_SIBLING)
			return true;
		for (size_t k = 0; k < c->count; k++) {
			const struct css_simple_selector *x = &c->simples[k];
			if (x->kind != CSS_SEL_PSEUDO_CLASS)
				continue;
			switch (x->op) {
			case CSS_PC_FIRST_CHILD:
			case CSS_PC_LAST_CHILD:
			case CSS_PC_ONLY_CHILD:
			case CSS_PC_FIRST_OF_TYPE:
			case CSS_PC_LAST_OF_TYPE:
			case CSS_PC_ONLY_OF_TYPE:
			case CSS_PC_NTH_CHILD:
			case CSS_PC_NTH_LAST_CHILD:
			case CSS_PC_NTH_OF_TYPE:
			case CSS_PC_NTH_LAST_OF_TYPE:
			case CSS_PC_EMPTY:
			case CSS_PC_HAS:
			case CSS_PC_PLACEHOLDER_SHOWN:
				return true;
			default:
				if (x->args.count && sibling_dependent_list(&x->args, depth + 1))
					return true;
			}
		}
	}
	return false;
}

static bool sibling_dependent_list(const struct css_selector_list *l, int depth)
{
	for (size_t i = 0; i < l->count; i++)
		if (sibling_dependent(l->items[i], depth))
			return true;
	return false;
}

/* Files a selector under the most specific key of its rightmost compound. */
static void hash_selector(struct css_sheet_set *s, const struct css_selector *sel, const struct css_style_rule *rule)
{
	if (sel->pseudo_element >= CSS_PSEUDO_COUNT)
		return;
	if (sibling_dependent(sel, 0)) {
		if (s->revalidation_count == s->revalidation_cap) {
			s->revalidation_cap = s->revalidation_cap ? s->revalidation_cap * 2 : 16;
			s->revalidation = base_xrealloc(s->revalidation, s->revalidation_cap * sizeof *s->revalidation);
		}
		s->revalidation[s->revalidation_count++] = sel;
	}
	css_invalidation_add(s, sel);
	struct css_rule_hash *h = &s->hash[sel->pseudo_element];
	struct css_rule_entry e = { sel, rule };
	const struct css_compound *c = &sel->compounds[sel->count - 1];
	const struct css_simple_selector *id = NULL, *cls = NULL, *type = NULL;
	for (size_t i = 0; i < c->count; i++) {
		const struct css_simple_selector *x = &c->simples[i];
		if (x->kind == CSS_SEL_ID && !id)
			id = x;
		else if (x->kind == CSS_SEL_CLASS && !cls)
			cls = x;
		else if (x->kind == CSS_SEL_TYPE && !type)
			type = x;
	}
	if (id) {
		const char *k = s->quirks ? key_lower(s, id->name, id->name_len) : id->name;
		bucket_push(map_bucket(s, &h->by_id, k, id->name_len), e);
	} else if (cls) {
		const char *k = s->quirks ? key_lower(s, cls->name, cls->name_len) : cls->name;
		bucket_push(map_bucket(s, &h->by_class, k, cls->name_len), e);
	} else if (type && type->tag != HTML_TAG_UNKNOWN) {
		bucket_push(&h->by_tag[type->tag], e);
	} else if (type) {
		bucket_push(map_bucket(s, &h->by_other_tag, type->name, type->name_len), e);
	} else {
		bucket_push(&h->universal, e);
	}
}

/* ---- Viewport dependence ---------------------------------------------------------- */

/* css_media_list_matches(), remembering the query and its result so that a
 * viewport change can tell whether the rules collected still hold. */
static bool media_matches(struct css_sheet_set *s, struct css_cv_list query)
{
	bool matched = css_media_list_matches(query, s->opt ? &s->opt->media : NULL);
	if (s->media_use_count == s->media_use_cap) {
		s->media_use_cap = s->media_use_cap ? s->media_use_cap * 2 : 16;
		s->media_uses = base_xrealloc(s->media_uses, s->media_use_cap * sizeof *s->media_uses);
	}
	s->media_uses[s->media_use_count++] = (struct css_media_use){query, matched};
	return matched;
}

/* Whether a value's computed result can depend on the viewport size:
 * viewport units (css_unit_to_px), or a percentage inside min(), max() or
 * clamp(), which calc folds against the viewport width. */
static bool uses_viewport(struct css_cv_list v, bool in_minmax, int depth)
{
	if (depth > 32)
		return true;
	for (size_t i = 0; i < v.len; i++) {
		const struct css_cv *c = &v.items[i];
		if (c->tok.type == CSS_TOK_DIMENSION) {
			const char *u = c->tok.value.ptr;
			size_t n = c->tok.value.len;
			if (n >= 3 && strchr("sldSLD", u[0]) && (u[1] == 'v' || u[1] == 'V')) {
				u++;
				n--;
			}
			if (n >= 2 && (u[0] == 'v' || u[0] == 'V'))
				return true;
		}
		if (c->tok.type == CSS_TOK_PERCENTAGE && in_minmax)
			return true;
		bool minmax = in_minmax || css_is_function(c, "min") || css_is_function(c, "max") || css_is_function(c, "clamp");
		if (c->children.len && uses_viewport(c->children, minmax, depth + 1))
			return true;
	}
	return false;
}

/* ---- Declarations -------------------------------------------------------------- */

static bool contains_var(struct css_cv_list v, int depth)
{
	if (depth > 32)
		return true;
	for (size_t i = 0; i < v.len; i++) {
		const struct css_cv *c = &v.items[i];
		if (css_is_function(c, "var") || css_is_function(c, "env"))
			return true;
		if (c->children.len && contains_var(c->children, depth + 1))
			return true;
	}
	return false;
}

static uint8_t wide_keyword(struct css_cv_list v)
{
	static const char *const names[] = { NULL, "initial", "inherit", "unset", "revert", "revert-layer" };
	int k = css_keyword_index(css_single(v), names, BASE_ARRAY_LEN(names));
	return k > 0 ? (uint8_t)k : CSS_WIDE_NONE;
}

struct decl_builder {
	struct css_decl *items;
	size_t len, cap;
	struct base_arena *a;
};

static struct css_decl *decl_push(struct decl_builder *b)
{
	if (b->len == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		struct css_decl *n = base_arena_alloc(b->a, cap * sizeof *n);
		if (b->len)
			memcpy(n, b->items, b->len * sizeof *n);
		b->items = n;
		b->cap = cap;
	}
	struct css_decl *d = &b->items[b->len++];
	memset(d, 0, sizeof *d);
	return d;
}

/* The validating context: a scratch style and arena. */
static void validation_context(struct css_sheet_set *s, struct css_compute *cx, struct css_style *scratch)
{
	memcpy(scratch, css_initial_style(), sizeof *scratch);
	memset(cx, 0, sizeof *cx);
	cx->style = scratch;
	cx->parent = css_initial_style();
	cx->root_font_size = 16;
	cx->em = 16;
	cx->media = s->opt ? &s->opt->media : NULL;
	cx->arena = &s->scratch;
	cx->validating = true;
}

/* Validates and stores one declaration; shorthands are expanded. */
static void add_declaration(struct css_sheet_set *s, struct decl_builder *b, const struct css_node *n,
			    const char *base_path)
{
	struct css_str name = n->name;
	if (!s->uses_viewport_units && uses_viewport(n->value, false, 0))
		s->uses_viewport_units = true;
	if (name.len > 2 && name.ptr[0] == '-' && name.ptr[1] == '-') {
		struct css_decl *d = decl_push(b);
		d->prop = CSS_PROP_CUSTOM;
		d->important = n->important;
		d->custom_name = name;
		d->value = n->value;
		d->wide = wide_keyword(n->value);
		d->has_var = contains_var(n->value, 0);
		d->base_path = base_path;
		return;
	}
	uint8_t wide = wide_keyword(n->value);
	if (base_ascii_ieq_lit(name.ptr, name.len, "all")) {
		if (!wide)
			return;
		for (uint16_t p = 0; p < CSS_PROP_CUSTOM; p++) {
			if ((css_properties[p].flags & CSS_PROP_SHORTHAND) || p == CSS_PROP_DIRECTION)
				continue;
			struct css_decl *d = decl_push(b);
			d->prop = p;
			d->wide = wide;
			d->important = n->important;
		}
		return;
	}
	enum css_property_id id = css_property_lookup(name.ptr, name.len);
	if (id == CSS_PROP_COUNT)
		return;
	const struct css_property_info *info = &css_properties[id];
	if (n->value.len == 0)
		return;
	bool has_var = !wide && contains_var(n->value, 0);
	if (!(info->flags & CSS_PROP_SHORTHAND)) {
		if (!wide && !has_var) {
			struct css_style scratch;
			struct css_compute cx;
			validation_context(s, &cx, &scratch);
			cx.prop = (uint16_t)id;
			if (!info->parse(&cx, n->value))
				return;
		}
		struct css_decl *d = decl_push(b);
		d->prop = (uint16_t)id;
		d->wide = wide;
		d->important = n->important;
		d->has_var = has_var;
		d->value = n->value;
		d->base_path = base_path;
		return;
	}
	if (wide || has_var) {
		uint16_t longhands[64];
		size_t count = css_shorthand_longhands(id, longhands, 64);
		for (size_t i = 0; i < count; i++) {
			struct css_decl *d = decl_push(b);
			d->prop = longhands[i];
			d->wide = wide;
			d->important = n->important;
			d->has_var = has_var;
			d->shorthand = has_var ? (uint16_t)id : 0;
			d->inline_logical = css_is_inline_logical((uint16_t)id);
			d->value = n->value;
			d->base_path = base_path;
		}
		return;
	}
	struct css_style scratch;
	struct css_compute cx;
	validation_context(s, &cx, &scratch);
	cx.prop = (uint16_t)id;
	struct css_expansion x;
	x.count = 0;
	if (!info->expand(&cx, n->value, &x))
		return;
	for (size_t i = 0; i < x.count; i++) {
		struct css_decl *d = decl_push(b);
		d->prop = x.props[i];
		d->wide = x.wide[i];
		d->important = n->important;
		d->inline_logical = css_is_inline_logical((uint16_t)id);
		d->value = x.values[i];
		d->base_path = base_path;
	}
}

static bool uses_attr(struct css_cv_list v, int depth)
{
	for (size_t i = 0; i < v.len && depth < 32; i++)
		if (css_is_function(&v.items[i], "attr") || (v.items[i].children.len && uses_attr(v.items[i].children, depth + 1)))
			return true;
	return false;
}

static void finish_block(struct decl_builder *b, struct css_decl_block *out)
{
	memset(out, 0, sizeof *out);
	out->decls = b->items;
	out->count = b->len;
	for (size_t i = 0; i < b->len; i++) {
		if (b->items[i].important)
			out->has_important = true;
		if (b->items[i].inline_logical)
			out->has_inline_logical = true;
		if (b->items[i].prop == CSS_PROP_CONTENT || b->items[i].has_var)
			out->uses_attr |= uses_attr(b->items[i].value, 0);
	}
}

void css_parse_declarations(struct css_sheet_set *s, struct base_arena *a, struct css_cv_list in,
			    const char *base_path, struct css_decl_block *out)
{
	struct css_node_list nodes = css_parse_declaration_list_cv(a, in);
	struct decl_builder b = { NULL, 0, 0, a };
	for (size_t i = 0; i < nodes.len; i++)
		if (nodes.items[i].type == CSS_NODE_DECLARATION)
			add_declaration(s, &b, &nodes.items[i], base_path);
	finish_block(&b, out);
}

void css_parse_declarations_text(struct css_sheet_set *s, struct base_arena *a, const char *text, size_t len,
				 const char *base_path, struct css_decl_block *out)
{
	struct css_node_list nodes = css_parse_declaration_list(a, text, len);
	struct decl_builder b = { NULL, 0, 0, a };
	for (size_t i = 0; i < nodes.len; i++)
		if (nodes.items[i].type == CSS_NODE_DECLARATION)
			add_declaration(s, &b, &nodes.items[i], base_path);
	finish_block(&b, out);
}

/* ---- Rules ------------------------------------------------------------------------- */

static void add_rule_list(struct css_sheet_set *s, struct css_node_list nodes, const struct sheet_context *ctx,
			  bool top_level);

static void add_nested_contents(struct css_sheet_set *s, struct css_node_list nodes,
				const struct css_selector_list *sel, const struct sheet_context *ctx);

/* A style rule with its selectors already parsed: its declarations, then
 * its nested rules (CSS Nesting) in order. */
static void add_rule_with_selectors(struct css_sheet_set *s, const struct css_selector_list *sel,
				    struct css_cv_list block, const struct sheet_context *ctx)
{
	struct css_node_list nodes = css_parse_block_contents_cv(&s->arena, block);
	if (!s->uses_user_action && css_selector_list_uses_user_action(sel))
		s->uses_user_action = true;
	add_nested_contents(s, nodes, sel, ctx);
}

static void add_nested_contents(struct css_sheet_set *s, struct css_node_list nodes,
				const struct css_selector_list *sel, const struct sheet_context *ctx)
{
	struct css_style_rule *rule = base_arena_calloc(&s->arena, 1, sizeof *rule);
	rule->selectors = *sel;
	rule->origin = ctx->origin;
	rule->layer = (uint16_t)ctx->layer;
	rule->order = s->rule_count++;
	struct decl_builder b = { NULL, 0, 0, &s->arena };
	for (size_t i = 0; i < nodes.len; i++)
		if (nodes.items[i].type == CSS_NODE_DECLARATION)
			add_declaration(s, &b, &nodes.items[i], ctx->base_path);
	finish_block(&b, &rule->block);
	if (rule->block.count)
		for (size_t i = 0; i < sel->count; i++)
			hash_selector(s, sel->items[i], rule);
	if (ctx->depth >= MAX_NESTING)
		return;
	struct sheet_context sub = *ctx;
	sub.depth++;
	for (size_t i = 0; i < nodes.len; i++) {
		const struct css_node *n = &nodes.items[i];
		if (n->type == CSS_NODE_QUALIFIED_RULE) {
			struct css_selector_list nested;
			if (css_parse_nested_selector_list(&s->arena, n->prelude, sel, &nested))
				add_rule_with_selectors(s, &nested, n->block, &sub);
		} else if (n->type == CSS_NODE_AT_RULE && n->has_block) {
			/* Conditional group rules nested in a style rule hold
			 * declarations for the same selectors. */
			struct css_str name = n->name;
			bool ok = false;
			struct sheet_context inner = sub;
			if (base_ascii_ieq_lit(name.ptr, name.len, "media"))
				ok = media_matches(s, n->prelude);
			else if (base_ascii_ieq_lit(name.ptr, name.len, "supports"))
				ok = css_supports_condition(s, n->prelude);
			else if (base_ascii_ieq_lit(name.ptr, name.len, "layer")) {
				size_t pos = 0;
				inner.layer = css_cv_at_end(n->prelude, 0) ? layer_add(s, NULL, ctx->layer)
									   : layer_from_name(s, n->prelude, &pos, ctx->layer);
				ok = inner.layer >= 0;
			}
			if (ok)
				add_rule_with_selectors(s, sel, n->block, &inner);
		}
	}
}

/* Returns false for a rule dropped for its invalid selector. */
static bool add_style_rule(struct css_sheet_set *s, const struct css_node *n, const struct sheet_context *ctx)
{
	struct css_selector_list sel;
	if (!css_parse_selector_list(&s->arena, n->prelude, false, &sel))
		return false;
	add_rule_with_selectors(s, &sel, n->block, ctx);
	return true;
}

static void load_sheet(struct css_sheet_set *s, const char *path, const struct sheet_context *ctx)
{
	const struct css_loader *ld = s->opt ? s->opt->loader : NULL;
	if (!path || !ld || !ld->read || s->import_depth >= MAX_IMPORT_DEPTH)
		return;
	struct base_buf buf = { 0 };
	if (!ld->read(ld->ctx, path, &buf)) {
		base_buf_free(&buf);
		return;
	}
	if (s->bytes_loaded + buf.len > MAX_LOADED_BYTES) {
		base_buf_free(&buf);
		return;
	}
	s->bytes_loaded += buf.len;
	const char *enc = NULL;
	struct css_node_list nodes =
		css_parse_stylesheet_bytes(&s->arena, buf.data ? buf.data : "", buf.len, NULL,
					   s->doc && s->doc->encoding ? s->doc->encoding : NULL, &enc);
	base_buf_free(&buf);
	struct sheet_context sub = *ctx;
	sub.base_path = base_arena_strdup(&s->arena, path);
	s->import_depth++;
	add_rule_list(s, nodes, &sub, true);
	s->import_depth--;
}

static const char *resolve(struct css_sheet_set *s, const char *base, const char *url, size_t n)
{
	const struct css_loader *ld = s->opt ? s->opt->loader : NULL;
	if (ld && ld->resolve)
		return ld->resolve(ld->ctx, base, url, n, &s->arena);
	char *dir = base ? base_path_dirname(&s->arena, base) : ".";
	return base_path_resolve(&s->arena, dir, url, n);
}

/* @import url [layer | layer(name)] [supports(...)] [media-list]
 * (https://drafts.csswg.org/css-cascade-5/#at-import). */
static void add_import(struct css_sheet_set *s, const struct css_node *n, const struct sheet_context *ctx)
{
	size_t pos = 0;
	const struct css_cv *u = css_next(n->prelude, &pos);
	struct css_str url;
	if (!u)
		return;
	if (u->tok.type == CSS_TOK_URL || u->tok.type == CSS_TOK_STRING) {
		url = u->tok.value;
	} else if (css_is_function(u, "url")) {
		size_t p2 = 0;
		const struct css_cv *a = css_next(u->children, &p2);
		if (!a || a->tok.type != CSS_TOK_STRING)
			return;
		url = a->tok.value;
	} else {
		return;
	}
	struct sheet_context sub = *ctx;
	size_t save = pos;
	const struct css_cv *c = css_next(n->prelude, &pos);
	if (c && css_is_ident(c, "layer")) {
		sub.layer = layer_add(s, NULL, ctx->layer);
		save = pos;
	} else if (c && css_is_function(c, "layer")) {
		size_t lp = 0;
		int l = layer_from_name(s, c->children, &lp, ctx->layer);
		if (l < 0)
			return;
		sub.layer = l;
		save = pos;
	}
	pos = save;
	c = css_next(n->prelude, &pos);
	if (c && css_is_function(c, "supports")) {
		if (!css_supports_import_condition(s, c->children))
			return;
		save = pos;
	}
	struct css_cv_list media = { n->prelude.items + save, n->prelude.len - save };
	if (!css_cv_at_end(media, 0) && !media_matches(s, media))
		return;
	load_sheet(s, resolve(s, ctx->base_path, url.ptr, url.len), &sub);
}

/* @font-face (https://drafts.csswg.org/css-fonts-4/#font-face-rule): the
 * first src url() is handed to the loader with the family, weight and
 * style descriptors. */
static void add_font_face(struct css_sheet_set *s, const struct css_node *n, const struct sheet_context *ctx)
{
	const struct css_loader *ld = s->opt ? s->opt->loader : NULL;
	if (!ld || !ld->font_face)
		return;
	struct css_node_list nodes = css_parse_declaration_list_cv(&s->arena, n->block);
	const char *family = NULL, *path = NULL;
	int weight = 400, style = CSS_FONT_STYLE_NORMAL;
	struct css_style scratch;
	struct css_compute cx;
	validation_context(s, &cx, &scratch);
	cx.validating = false;
	cx.arena = &s->arena;
	cx.loader = ld;
	cx.base_path = ctx->base_path;
	for (size_t i = 0; i < nodes.len; i++) {
		const struct css_node *d = &nodes.items[i];
		if (d->type != CSS_NODE_DECLARATION)
			continue;
		if (base_ascii_ieq_lit(d->name.ptr, d->name.len, "font-family")) {
			struct css_font_family f;
			if (css_parse_font_family(&cx, d->value, &f) && f.count == 1)
				family = f.names[0];
		} else if (base_ascii_ieq_lit(d->name.ptr, d->name.len, "font-weight")) {
			size_t pos = 0;
			const struct css_cv *w = css_next(d->value, &pos);
			cx.prop = CSS_PROP_FONT_WEIGHT;
			struct css_cv_list one = { w, w ? 1 : 0 };
			if (w && css_properties[CSS_PROP_FONT_WEIGHT].parse(&cx, one))
				weight = scratch.font_weight;
		} else if (base_ascii_ieq_lit(d->name.ptr, d->name.len, "font-style")) {
			size_t pos = 0;
			const struct css_cv *w = css_next(d->value, &pos);
			if (w && css_is_ident(w, "italic"))
				style = CSS_FONT_STYLE_ITALIC;
			else if (w && css_is_ident(w, "oblique"))
				style = CSS_FONT_STYLE_OBLIQUE;
		} else if (base_ascii_ieq_lit(d->name.ptr, d->name.len, "src") && !path) {
			struct css_cv_list *groups;
			size_t ng = css_split_commas(&s->arena, d->value, &groups);
			for (size_t g = 0; g < ng && !path; g++) {
				size_t pos = 0;
				const struct css_cv *u = css_next(groups[g], &pos);
				if (u && (u->tok.type == CSS_TOK_URL || css_is_function(u, "url")))
					path = css_resolve_url(&cx, u);
			}
		}
	}
	if (family && path)
		ld->font_face(ld->ctx, family, path, weight, style);
}

static void add_at_rule(struct css_sheet_set *s, const struct css_node *n, const struct sheet_context *ctx,
			bool *imports_allowed)
{
	struct css_str name = n->name;
	bool is_import = base_ascii_ieq_lit(name.ptr, name.len, "import");
	bool is_layer_statement = base_ascii_ieq_lit(name.ptr, name.len, "layer") && !n->has_block;
	if (is_import) {
		if (*imports_allowed && !n->has_block)
			add_import(s, n, ctx);
		return;
	}
	if (!is_layer_statement && !base_ascii_ieq_lit(name.ptr, name.len, "charset"))
		*imports_allowed = false;
	if (ctx->depth >= MAX_NESTING)
		return;
	struct sheet_context sub = *ctx;
	sub.depth++;
	if (base_ascii_ieq_lit(name.ptr, name.len, "media")) {
		if (n->has_block && media_matches(s, n->prelude))
			add_rule_list(s, css_parse_rule_list_cv(&s->arena, n->block), &sub, false);
	} else if (base_ascii_ieq_lit(name.ptr, name.len, "supports")) {
		if (n->has_block && css_supports_condition(s, n->prelude))
			add_rule_list(s, css_parse_rule_list_cv(&s->arena, n->block), &sub, false);
	} else if (base_ascii_ieq_lit(name.ptr, name.len, "layer")) {
		if (n->has_block) {
			size_t pos = 0;
			if (css_cv_at_end(n->prelude, 0)) {
				sub.layer = layer_add(s, NULL, ctx->layer);
			} else {
				sub.layer = layer_from_name(s, n->prelude, &pos, ctx->layer);
				if (sub.layer < 0 || !css_cv_at_end(n->prelude, pos))
					return;
			}
			add_rule_list(s, css_parse_rule_list_cv(&s->arena, n->block), &sub, false);
		} else {
			struct css_cv_list *groups;
			size_t ng = css_split_commas(&s->arena, n->prelude, &groups);
			for (size_t g = 0; g < ng; g++) {
				size_t pos = 0;
				layer_from_name(s, groups[g], &pos, ctx->layer);
			}
		}
	} else if (base_ascii_ieq_lit(name.ptr, name.len, "font-face")) {
		if (n->has_block)
			add_font_face(s, n, ctx);
	}
	/* Other at-rules (@page, @keyframes, @namespace, @counter-style,
	 * @container...) have no effect on computed styles here. */
}

static void add_rule_list(struct css_sheet_set *s, struct css_node_list nodes, const struct sheet_context *ctx,
			  bool top_level)
{
	bool imports_allowed = top_level;
	for (size_t i = 0; i < nodes.len; i++) {
		const struct css_node *n = &nodes.items[i];
		if (n->type == CSS_NODE_QUALIFIED_RULE) {
			/* An invalid rule is dropped: @import may still follow. */
			if (add_style_rule(s, n, ctx))
				imports_allowed = false;
		} else if (n->type == CSS_NODE_AT_RULE) {
			add_at_rule(s, n, ctx, &imports_allowed);
		}
	}
}

void css_sheets_add_text(struct css_sheet_set *s, const char *text, size_t len, enum css_origin origin,
			 const char *base_path)
{
	struct css_node_list nodes = css_parse_stylesheet(&s->arena, text, len);
	struct sheet_context ctx = { (uint8_t)origin, base_path, 0, 0 };
	add_rule_list(s, nodes, &ctx, true);
}

/* ---- The document's sheets ---------------------------------------------------- */

static bool rel_has_stylesheet(const char *rel)
{
	const char *p = rel;
	while (*p) {
		while (*p && base_is_ascii_ws(*p))
			p++;
		const char *start = p;
		while (*p && !base_is_ascii_ws(*p))
			p++;
		if (base_ascii_ieq_lit(start, (size_t)(p - start), "stylesheet"))
			return true;
	}
	return false;
}

static bool media_attr_matches(struct css_sheet_set *s, const struct html_node *el)
{
	const char *m = html_element_attr_value(el, "media");
	if (!m || !*m)
		return true;
	struct css_cv_list l = css_parse_component_value_list(&s->scratch, m, strlen(m));
	return media_matches(s, l);
}

void css_sheets_add_document(struct css_sheet_set *s)
{
	const struct html_document *doc = s->doc;
	const char *doc_path = s->opt ? s->opt->document_path : NULL;
	struct sheet_context ctx = { CSS_ORIGIN_AUTHOR, doc_path, 0, 0 };
	for (size_t i = 0; i < doc->xml_stylesheet_count; i++) {
		const char *href = doc->xml_stylesheets[i];
		load_sheet(s, resolve(s, doc_path, href, strlen(href)), &ctx);
	}
	for (size_t i = 0; i < doc->element_count; i++) {
		const struct html_node *el = doc->elements[i];
		if (el->ns != HTML_NS_HTML && !(el->ns == HTML_NS_SVG && el->tag == HTML_TAG_STYLE))
			continue;
		if (el->tag == HTML_TAG_STYLE) {
			if (!media_attr_matches(s, el))
				continue;
			const char *type = html_element_attr_value(el, "type");
			if (type && *type && !base_ascii_ieq_lit(type, strlen(type), "text/css"))
				continue;
			struct base_buf text = { 0 };
			for (const struct html_node *c = el->first_child; c; c = c->next_sibling)
				if (c->type == HTML_NODE_TEXT)
					base_buf_append(&text, c->data, c->data_len);
			if (text.len) {
				char *copy = base_arena_memdup(&s->arena, text.data, text.len + 1);
				struct css_node_list nodes = css_parse_stylesheet(&s->arena, copy, text.len);
				add_rule_list(s, nodes, &ctx, true);
			}
			base_buf_free(&text);
		} else if (el->tag == HTML_TAG_LINK) {
			const char *rel = html_element_attr_value(el, "rel");
			const char *href = html_element_attr_value(el, "href");
			if (!rel || !href || !*href || !rel_has_stylesheet(rel) || !media_attr_matches(s, el))
				continue;
			/* Alternate stylesheets are not applied by default. */
			const char *p = rel;
			bool alternate = false;
			while (*p) {
				while (*p && base_is_ascii_ws(*p))
					p++;
				const char *start = p;
				while (*p && !base_is_ascii_ws(*p))
					p++;
				if (base_ascii_ieq_lit(start, (size_t)(p - start), "alternate"))
					alternate = true;
			}
			if (alternate)
				continue;
			load_sheet(s, resolve(s, doc_path, href, strlen(href)), &ctx);
		}
	}
}

void css_sheets_init(struct css_sheet_set *s, const struct html_document *doc, const struct css_style_options *opt)
{
	memset(s, 0, sizeof *s);
	base_arena_init(&s->arena, 256 * 1024);
	base_arena_init(&s->scratch, 64 * 1024);
	s->doc = doc;
	s->opt = opt;
	s->quirks = doc && doc->quirks == HTML_QUIRKS;
	for (int p = 0; p < CSS_PSEUDO_COUNT; p++) {
		base_map_init(&s->hash[p].by_id);
		base_map_init(&s->hash[p].by_class);
		base_map_init(&s->hash[p].by_other_tag);
	}
	layer_add(s, NULL, -1);
}

static void free_map_buckets(struct base_map *m)
{
	size_t cursor = 0;
	const char *key;
	size_t keylen;
	void *value;
	while (base_map_next(m, &cursor, &key, &keylen, &value))
		free(((struct css_rule_bucket *)value)->items);
	base_map_free(m);
}

void css_sheets_free(struct css_sheet_set *s)
{
	for (int p = 0; p < CSS_PSEUDO_COUNT; p++) {
		struct css_rule_hash *h = &s->hash[p];
		free_map_buckets(&h->by_id);
		free_map_buckets(&h->by_class);
		free_map_buckets(&h->by_other_tag);
		for (int t = 0; t < HTML_TAG_COUNT; t++)
			free(h->by_tag[t].items);
		free(h->universal.items);
	}
	free(s->revalidation);
	free(s->invalidations);
	free(s->media_uses);
	base_arena_free(&s->scratch);
	base_arena_free(&s->arena);
}
