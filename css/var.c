/* Custom properties and var() substitution
 * (https://drafts.csswg.org/css-variables-1/).
 *
 * Each element's custom properties are the parent's plus its own, whose
 * var() references are resolved when the element is styled, with cycle
 * detection: properties in a cycle become guaranteed-invalid. Expansion
 * is bounded in depth and size, so exponential var() chains fail rather
 * than exhaust memory. Everything is allocated in the styling worker's
 * arena; sets are immutable once built and shared by descendants. */
#include "css/var.h"

#include <string.h>

#define MAX_VAR_DEPTH 32
#define MAX_VAR_ITEMS 65536

struct css_custom_prop {
	struct css_str name;
	struct css_cv_list value;
};

struct css_custom_props {
	struct css_custom_prop *items;
	size_t count;
};

static const struct css_custom_prop *find(const struct css_custom_props *p, const char *name, size_t n)
{
	if (!p)
		return NULL;
	for (size_t i = 0; i < p->count; i++)
		if (p->items[i].name.len == n && memcmp(p->items[i].name.ptr, name, n) == 0)
			return &p->items[i];
	return NULL;
}

enum { UNRESOLVED, RESOLVING, RESOLVED, INVALID };

/* The element's own custom properties while they are being resolved. */
struct own_props {
	struct css_custom_prop *items;
	uint8_t *state;
	size_t count;
	const struct css_custom_props *parent;
};

struct subst {
	struct base_arena *a;
	struct own_props *own; /* NULL after resolution */
	const struct css_custom_props *props;
	size_t items; /* total produced, bounded */
};

static bool resolve_own(struct subst *s, size_t i, int depth);

static bool lookup(struct subst *s, const char *name, size_t n, struct css_cv_list *out, int depth)
{
	if (s->own) {
		for (size_t i = 0; i < s->own->count; i++)
			if (s->own->items[i].name.len == n && memcmp(s->own->items[i].name.ptr, name, n) == 0) {
				if (!resolve_own(s, i, depth + 1))
					return false;
				*out = s->own->items[i].value;
				return true;
			}
		const struct css_custom_prop *p = find(s->own->parent, name, n);
		if (!p)
			return false;
		*out = p->value;
		return true;
	}
	const struct css_custom_prop *p = find(s->props, name, n);
	if (!p)
		return false;
	*out = p->value;
	return true;
}

struct cv_out {
	struct css_cv *items;
	size_t len, cap;
};

static bool push(struct subst *s, struct cv_out *o, const struct css_cv *cv)
{
	if (++s->items > MAX_VAR_ITEMS)
		return false;
	if (o->len == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 16;
		struct css_cv *n = base_arena_alloc(s->a, cap * sizeof *n);
		if (o->len)
			memcpy(n, o->items, o->len * sizeof *n);
		o->items = n;
		o->cap = cap;
	}
	o->items[o->len++] = *cv;
	return true;
}

static bool has_var(struct css_cv_list v, int depth)
{
	if (depth > MAX_VAR_DEPTH)
		return true;
	for (size_t i = 0; i < v.len; i++) {
		if (css_is_function(&v.items[i], "var") || css_is_function(&v.items[i], "env"))
			return true;
		if (v.items[i].children.len && has_var(v.items[i].children, depth + 1))
			return true;
	}
	return false;
}

static bool substitute(struct subst *s, struct css_cv_list in, struct cv_out *o, int depth)
{
	if (depth > MAX_VAR_DEPTH)
		return false;
	for (size_t i = 0; i < in.len; i++) {
		const struct css_cv *c = &in.items[i];
		bool is_var = css_is_function(c, "var"), is_env = css_is_function(c, "env");
		if (is_var || is_env) {
			size_t pos = 0;
			const struct css_cv *name = css_next(c->children, &pos);
			if (!name || name->tok.type != CSS_TOK_IDENT)
				return false;
			if (is_var && (name->tok.value.len < 3 || name->tok.value.ptr[0] != '-' || name->tok.value.ptr[1] != '-'))
				return false;
			const struct css_cv *comma = css_next(c->children, &pos);
			if (comma && comma->tok.type != CSS_TOK_COMMA)
				return false;
			struct css_cv_list value;
			if (is_var && lookup(s, name->tok.value.ptr, name->tok.value.len, &value, depth)) {
				for (size_t k = 0; k < value.len; k++)
					if (!push(s, o, &value.items[k]))
						return false;
			} else if (comma) {
				/* env() has no variables here: its fallback is used. */
				struct css_cv_list fb = { c->children.items + pos, c->children.len - pos };
				if (!substitute(s, fb, o, depth + 1))
					return false;
			} else {
				return false;
			}
			continue;
		}
		if (c->children.len && has_var(c->children, 0)) {
			struct cv_out inner = { 0 };
			if (!substitute(s, c->children, &inner, depth + 1))
				return false;
			struct css_cv copy = *c;
			copy.children.items = inner.items;
			copy.children.len = inner.len;
			if (!push(s, o, &copy))
				return false;
			continue;
		}
		if (!push(s, o, c))
			return false;
	}
	return true;
}

static bool resolve_own(struct subst *s, size_t i, int depth)
{
	struct own_props *own = s->own;
	if (own->state[i] == RESOLVED)
		return true;
	if (own->state[i] != UNRESOLVED || depth > MAX_VAR_DEPTH) {
		/* A cycle: every property on it is invalid, fallbacks or not
		 * (those still being resolved are on it or lead to it). */
		for (size_t j = 0; j < own->count; j++)
			if (own->state[j] == RESOLVING)
				own->state[j] = INVALID;
		own->state[i] = INVALID;
		return false;
	}
	if (!has_var(own->items[i].value, 0)) {
		own->state[i] = RESOLVED;
		return true;
	}
	own->state[i] = RESOLVING;
	struct cv_out o = { 0 };
	if (!substitute(s, own->items[i].value, &o, depth + 1) || own->state[i] == INVALID) {
		own->state[i] = INVALID;
		return false;
	}
	own->items[i].value.items = o.items;
	own->items[i].value.len = o.len;
	own->state[i] = RESOLVED;
	return true;
}

const struct css_custom_props *css_custom_resolve(struct base_arena *a, const struct css_custom_props *parent,
						  const struct css_custom_decl *decls, size_t n)
{
	struct own_props own = { 0 };
	own.items = base_arena_calloc(a, n ? n : 1, sizeof *own.items);
	own.state = base_arena_calloc(a, n ? n : 1, 1);
	own.parent = parent;
	for (size_t i = 0; i < n; i++) {
		/* Later declarations win: replace an earlier one of the name. */
		size_t k = 0;
		while (k < own.count && !(own.items[k].name.len == decls[i].name.len &&
					   memcmp(own.items[k].name.ptr, decls[i].name.ptr, decls[i].name.len) == 0))
			k++;
		if (k == own.count)
			own.count++;
		own.items[k].name = decls[i].name;
		own.items[k].value = decls[i].value;
		own.state[k] = UNRESOLVED;
		if (decls[i].wide == CSS_WIDE_INITIAL) {
			own.state[k] = INVALID;
		} else if (decls[i].wide != CSS_WIDE_NONE) { /* inherit, unset, revert: the parent's */
			const struct css_custom_prop *p = find(parent, decls[i].name.ptr, decls[i].name.len);
			if (p) {
				own.items[k].value = p->value;
				own.state[k] = RESOLVED;
			} else {
				own.state[k] = INVALID;
			}
		}
	}
	struct subst s = { a, &own, NULL, 0 };
	for (size_t i = 0; i < own.count; i++) {
		s.items = 0;
		resolve_own(&s, i, 0);
	}
	/* The new set: the parent's entries not overridden, then ours. */
	size_t total = (parent ? parent->count : 0) + own.count;
	struct css_custom_props *out = base_arena_calloc(a, 1, sizeof *out);
	out->items = base_arena_calloc(a, total ? total : 1, sizeof *out->items);
	for (size_t i = 0; parent && i < parent->count; i++) {
		bool overridden = false;
		for (size_t k = 0; k < own.count && !overridden; k++)
			overridden = own.items[k].name.len == parent->items[i].name.len &&
				     memcmp(own.items[k].name.ptr, parent->items[i].name.ptr, own.items[k].name.len) == 0;
		if (!overridden)
			out->items[out->count++] = parent->items[i];
	}
	for (size_t k = 0; k < own.count; k++)
		if (own.state[k] == RESOLVED)
			out->items[out->count++] = own.items[k];
	return out;
}

bool css_var_substitute(struct base_arena *a, const struct css_custom_props *props, struct css_cv_list in,
			struct css_cv_list *out)
{
	struct subst s = { a, NULL, props, 0 };
	struct cv_out o = { 0 };
	if (!substitute(&s, in, &o, 0))
		return false;
	out->items = o.items;
	out->len = o.len;
	return true;
}

bool css_custom_value(const struct css_custom_props *p, const char *name, size_t n, struct css_cv_list *out)
{
	const struct css_custom_prop *c = find(p, name, n);
	if (!c)
		return false;
	*out = c->value;
	return true;
}
