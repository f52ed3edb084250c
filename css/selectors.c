/* Selectors Level 4 parsing and specificity
 * (https://drafts.csswg.org/selectors-4/#grammar,
 * https://drafts.csswg.org/selectors-4/#specificity-rules).
 *
 * A selector is parsed from a rule prelude (component values) into
 * compounds left to right, each with its simple selectors and the
 * combinator that links it to the compound on its left. Nesting of
 * :is()/:not()/:has() is bounded. Everything is allocated in the sheet
 * set's arena. */
#include "css/internal.h"

#include <string.h>

#define MAX_SELECTOR_DEPTH 16

uint32_t css_hash_name(const char *s, size_t n, bool lower)
{
	uint64_t h = lower ? base_hash_bytes_lower(s, n) : base_hash_bytes(s, n);
	return (uint32_t)(h ^ (h >> 32)) | 1u; /* never 0: 0 ends hash lists */
}

struct sel_parser {
	struct base_arena *a;
	const struct css_cv *items;
	size_t len;
	size_t pos;
	int depth;
	/* CSS Nesting: the parent rule's selectors that & stands for, and
	 * whether the selector being parsed used &. */
	const struct css_selector_list *nest;
	bool *saw_nest;
};

static const struct css_cv *peek(struct sel_parser *p)
{
	return p->pos < p->len ? &p->items[p->pos] : NULL;
}

static bool at_ws(struct sel_parser *p)
{
	const struct css_cv *c = peek(p);
	return c && c->tok.type == CSS_TOK_WHITESPACE;
}

static void skip_ws(struct sel_parser *p)
{
	while (at_ws(p))
		p->pos++;
}

static char *lower_dup(struct base_arena *a, struct css_str s)
{
	char *d = base_arena_strndup(a, s.ptr, s.len);
	for (char *c = d; *c; c++)
		*c = base_ascii_lower(*c);
	return d;
}

static const struct {
	const char *name;
	uint8_t pc;
} pseudo_class_names[] = {
	{ "root", CSS_PC_ROOT },
	{ "first-child", CSS_PC_FIRST_CHILD },
	{ "last-child", CSS_PC_LAST_CHILD },
	{ "only-child", CSS_PC_ONLY_CHILD },
	{ "first-of-type", CSS_PC_FIRST_OF_TYPE },
	{ "last-of-type", CSS_PC_LAST_OF_TYPE },
	{ "only-of-type", CSS_PC_ONLY_OF_TYPE },
	{ "empty", CSS_PC_EMPTY },
	{ "link", CSS_PC_LINK },
	{ "any-link", CSS_PC_ANY_LINK },
	{ "-webkit-any-link", CSS_PC_ANY_LINK },
	{ "visited", CSS_PC_VISITED },
	{ "hover", CSS_PC_HOVER },
	{ "active", CSS_PC_ACTIVE },
	{ "focus", CSS_PC_FOCUS },
	{ "focus-within", CSS_PC_FOCUS_WITHIN },
	{ "focus-visible", CSS_PC_FOCUS_VISIBLE },
	{ "checked", CSS_PC_CHECKED },
	{ "disabled", CSS_PC_DISABLED },
	{ "enabled", CSS_PC_ENABLED },
	{ "defined", CSS_PC_DEFINED },
	{ "required", CSS_PC_REQUIRED },
	{ "optional", CSS_PC_OPTIONAL },
	{ "read-only", CSS_PC_READ_ONLY },
	{ "read-write", CSS_PC_READ_WRITE },
	{ "placeholder-shown", CSS_PC_PLACEHOLDER_SHOWN },
	{ "target", CSS_PC_TARGET },
	{ "scope", CSS_PC_SCOPE },
	{ "indeterminate", CSS_PC_NEVER },
	{ "default", CSS_PC_NEVER },
	{ "invalid", CSS_PC_NEVER },
	{ "valid", CSS_PC_NEVER },
	{ "in-range", CSS_PC_NEVER },
	{ "out-of-range", CSS_PC_NEVER },
	{ "target-within", CSS_PC_NEVER },
	{ "fullscreen", CSS_PC_NEVER },
	{ "modal", CSS_PC_NEVER },
	{ "popover-open", CSS_PC_NEVER },
	{ "autofill", CSS_PC_NEVER },
	{ "user-invalid", CSS_PC_NEVER },
	{ "user-valid", CSS_PC_NEVER },
	{ "playing", CSS_PC_NEVER },
	{ "paused", CSS_PC_NEVER },
	{ "host", CSS_PC_NEVER }, /* shadow trees: none here */
	{ "open", CSS_PC_NEVER },
	{ "closed", CSS_PC_NEVER },
	{ "picture-in-picture", CSS_PC_NEVER },
	{ "blank", CSS_PC_NEVER },
	{ "local-link", CSS_PC_NEVER },
	{ "current", CSS_PC_NEVER },
	{ "past", CSS_PC_NEVER },
	{ "future", CSS_PC_NEVER },
	{ "-webkit-autofill", CSS_PC_NEVER },
	{ "-moz-focusring", CSS_PC_NEVER },
};

static const struct {
	const char *name;
	uint8_t pc;
} pseudo_function_names[] = {
	{ "not", CSS_PC_NOT },
	{ "is", CSS_PC_IS },
	{ "matches", CSS_PC_IS },
	{ "-webkit-any", CSS_PC_IS },
	{ "where", CSS_PC_WHERE },
	{ "has", CSS_PC_HAS },
	{ "nth-child", CSS_PC_NTH_CHILD },
	{ "nth-last-child", CSS_PC_NTH_LAST_CHILD },
	{ "nth-of-type", CSS_PC_NTH_OF_TYPE },
	{ "nth-last-of-type", CSS_PC_NTH_LAST_OF_TYPE },
	{ "lang", CSS_PC_LANG },
	{ "dir", CSS_PC_DIR },
};

static const struct {
	const char *name;
	uint8_t pseudo;
	bool legacy; /* also valid with one colon */
} pseudo_element_names[] = {
	{ "before", CSS_PSEUDO_BEFORE, true },
	{ "after", CSS_PSEUDO_AFTER, true },
	{ "first-line", CSS_PSEUDO_FIRST_LINE, true },
	{ "first-letter", CSS_PSEUDO_FIRST_LETTER, true },
	{ "marker", CSS_PSEUDO_MARKER, false },
	{ "placeholder", CSS_PSEUDO_PLACEHOLDER, false },
	/* Chromium's older name for ::placeholder, still used by pages. */
	{ "-webkit-input-placeholder", CSS_PSEUDO_PLACEHOLDER, false },
	{ "file-selector-button", CSS_PSEUDO_FILE_SELECTOR_BUTTON, false },
	{ "-webkit-file-upload-button", CSS_PSEUDO_FILE_SELECTOR_BUTTON, false },
	/* Valid, but for boxes this engine never generates. */
	{ "selection", CSS_PSEUDO_NEVER, false },
	{ "backdrop", CSS_PSEUDO_NEVER, false },
	{ "cue", CSS_PSEUDO_NEVER, false },
	{ "target-text", CSS_PSEUDO_NEVER, false },
	{ "spelling-error", CSS_PSEUDO_NEVER, false },
	{ "grammar-error", CSS_PSEUDO_NEVER, false },
	{ "details-content", CSS_PSEUDO_NEVER, false },
};

static bool parse_list(struct sel_parser *outer, struct css_cv_list in, bool relative, bool forgiving,
		       struct css_selector_list *out);
static bool parse_list_nest(struct sel_parser *outer, struct css_cv_list in, bool relative, bool forgiving,
			    bool nest_top, struct css_selector_list *out);

/* An attribute selector's [] block contents. */
static bool parse_attribute(struct sel_parser *p, const struct css_cv *block, struct css_simple_selector *s)
{
	struct sel_parser q = { p->a, block->children.items, block->children.len, 0, p->depth, p->nest, p->saw_nest };
	skip_ws(&q);
	const struct css_cv *c = peek(&q);
	/* Namespace prefixes: *|name and |name match in any namespace here. */
	if (c && (css_is_delim(c, '*') || css_is_delim(c, '|'))) {
		if (css_is_delim(c, '*')) {
			q.pos++;
			c = peek(&q);
			if (!c || !css_is_delim(c, '|'))
				return false;
		}
		q.pos++;
		c = peek(&q);
	}
	if (!c || c->tok.type != CSS_TOK_IDENT)
		return false;
	q.pos++;
	if (peek(&q) && css_is_delim(peek(&q), '|') && q.pos + 1 < q.len && q.items[q.pos + 1].tok.type == CSS_TOK_IDENT) {
		q.pos++;
		c = peek(&q);
		q.pos++;
	}
	s->kind = CSS_SEL_ATTR;
	s->name = lower_dup(p->a, c->tok.value);
	s->name_len = c->tok.value.len;
	skip_ws(&q);
	const struct css_cv *op = peek(&q);
	if (!op) {
		s->op = CSS_ATTR_EXISTS;
		return true;
	}
	switch (op->tok.type) {
	case CSS_TOK_INCLUDE_MATCH: s->op = CSS_ATTR_INCLUDES; break;
	case CSS_TOK_DASH_MATCH: s->op = CSS_ATTR_DASH; break;
	case CSS_TOK_PREFIX_MATCH: s->op = CSS_ATTR_PREFIX; break;
	case CSS_TOK_SUFFIX_MATCH: s->op = CSS_ATTR_SUFFIX; break;
	case CSS_TOK_SUBSTRING_MATCH: s->op = CSS_ATTR_SUBSTRING; break;
	case CSS_TOK_DELIM:
		if (op->tok.delim != '=')
			return false;
		s->op = CSS_ATTR_EQUALS;
		break;
	default: return false;
	}
	q.pos++;
	skip_ws(&q);
	const struct css_cv *v = peek(&q);
	if (!v || (v->tok.type != CSS_TOK_IDENT && v->tok.type != CSS_TOK_STRING))
		return false;
	s->value = base_arena_strndup(p->a, v->tok.value.ptr, v->tok.value.len);
	s->value_len = v->tok.value.len;
	q.pos++;
	skip_ws(&q);
	const struct css_cv *flag = peek(&q);
	if (flag) {
		if (css_is_ident(flag, "i"))
			s->case_insensitive = true;
		else if (css_is_ident(flag, "s"))
			s->case_sensitive_flag = true;
		else
			return false;
		q.pos++;
		skip_ws(&q);
		if (peek(&q))
			return false;
	}
	return true;
}

/* :nth-child(An+B [of S]) and friends. */
static bool parse_nth(struct sel_parser *p, const struct css_cv *fn, struct css_simple_selector *s)
{
	struct css_cv_list in = fn->children;
	size_t pos = 0;
	int32_t a, b;
	const struct css_cv *c = css_next(in, &pos);
	if (c && css_is_ident(c, "odd")) {
		a = 2;
		b = 1;
	} else if (c && css_is_ident(c, "even")) {
		a = 2;
		b = 0;
	} else {
		pos = 0;
		if (!css_parse_anb(in, &pos, &a, &b))
			return false;
	}
	s->a = a;
	s->b = b;
	const struct css_cv *next = css_next(in, &pos);
	if (!next)
		return true;
	if ((s->op != CSS_PC_NTH_CHILD && s->op != CSS_PC_NTH_LAST_CHILD) || !css_is_ident(next, "of"))
		return false;
	struct css_cv_list rest = { in.items + pos, in.len - pos };
	return parse_list(p, rest, false, false, &s->args) && s->args.count > 0;
}

static bool parse_pseudo(struct sel_parser *p, struct css_simple_selector *s, uint8_t *pseudo_element)
{
	const struct css_cv *c = peek(p);
	bool element = false;
	if (c && c->tok.type == CSS_TOK_COLON) {
		element = true;
		p->pos++;
		c = peek(p);
	}
	if (!c)
		return false;
	p->pos++;
	if (c->tok.type == CSS_TOK_IDENT) {
		for (size_t i = 0; i < BASE_ARRAY_LEN(pseudo_element_names); i++)
			if (base_ascii_ieq_lit(c->tok.value.ptr, c->tok.value.len, pseudo_element_names[i].name) &&
			    (element || pseudo_element_names[i].legacy)) {
				s->kind = CSS_SEL_PSEUDO_ELEMENT;
				s->op = pseudo_element_names[i].pseudo;
				*pseudo_element = s->op;
				return true;
			}
		/* Chromium accepts any ::-webkit- pseudo-element. */
		if (element && c->tok.value.len > 8 && base_ascii_ieq_lit(c->tok.value.ptr, 8, "-webkit-")) {
			s->kind = CSS_SEL_PSEUDO_ELEMENT;
			s->op = CSS_PSEUDO_NEVER;
			*pseudo_element = s->op;
			return true;
		}
		if (element)
			return false;
		for (size_t i = 0; i < BASE_ARRAY_LEN(pseudo_class_names); i++)
			if (base_ascii_ieq_lit(c->tok.value.ptr, c->tok.value.len, pseudo_class_names[i].name)) {
				s->kind = CSS_SEL_PSEUDO_CLASS;
				s->op = pseudo_class_names[i].pc;
				return true;
			}
		return false;
	}
	if (c->tok.type == CSS_TOK_FUNCTION && (css_is_function(c, "host") || css_is_function(c, "host-context") ||
						 (element && (css_is_function(c, "slotted") || css_is_function(c, "part") ||
							      css_is_function(c, "highlight") || css_is_function(c, "cue"))))) {
		s->kind = element ? CSS_SEL_PSEUDO_ELEMENT : CSS_SEL_PSEUDO_CLASS;
		s->op = element ? CSS_PSEUDO_NEVER : CSS_PC_NEVER;
		if (element)
			*pseudo_element = s->op;
		return true;
	}
	if (c->tok.type != CSS_TOK_FUNCTION || element)
		return false;
	for (size_t i = 0; i < BASE_ARRAY_LEN(pseudo_function_names); i++) {
		if (!base_ascii_ieq_lit(c->tok.value.ptr, c->tok.value.len, pseudo_function_names[i].name))
			continue;
		s->kind = CSS_SEL_PSEUDO_CLASS;
		s->op = pseudo_function_names[i].pc;
		switch (s->op) {
		case CSS_PC_NOT:
			return parse_list(p, c->children, false, false, &s->args);
		case CSS_PC_IS:
		case CSS_PC_WHERE:
			return parse_list(p, c->children, false, true, &s->args);
		case CSS_PC_HAS:
			return parse_list(p, c->children, true, false, &s->args) && s->args.count > 0;
		case CSS_PC_LANG:
		case CSS_PC_DIR: {
			size_t pos = 0;
			const struct css_cv *arg = css_next(c->children, &pos);
			if (!arg || (arg->tok.type != CSS_TOK_IDENT && arg->tok.type != CSS_TOK_STRING))
				return false;
			s->name = lower_dup(p->a, arg->tok.value);
			s->name_len = arg->tok.value.len;
			return true;
		}
		default:
			return parse_nth(p, c, s);
		}
	}
	return false;
}

/* One compound selector; false when invalid. Stops before whitespace or
 * a combinator. */
static bool parse_compound(struct sel_parser *p, struct css_compound *out, uint8_t *pseudo_element)
{
	struct css_simple_selector tmp[32];
	size_t n = 0;
	const struct css_cv *c = peek(p);
	if (c && css_is_delim(c, '&')) {
		if (!p->nest)
			return false;
		p->pos++;
		memset(&tmp[n], 0, sizeof tmp[n]);
		tmp[n].kind = CSS_SEL_PSEUDO_CLASS;
		tmp[n].op = CSS_PC_IS;
		tmp[n].args = *p->nest;
		n++;
		if (p->saw_nest)
			*p->saw_nest = true;
		c = peek(p);
	}
	/* Type or universal, with an optional namespace prefix. */
	if (n == 0 && c && (c->tok.type == CSS_TOK_IDENT || css_is_delim(c, '*') || css_is_delim(c, '|'))) {
		const struct css_cv *name = c;
		if (p->pos + 1 < p->len && css_is_delim(&p->items[p->pos + 1], '|') && !css_is_delim(c, '|')) {
			p->pos += 2;
			name = peek(p);
			if (!name || !(name->tok.type == CSS_TOK_IDENT || css_is_delim(name, '*')))
				return false;
		} else if (css_is_delim(c, '|')) {
			p->pos++;
			name = peek(p);
			if (!name || !(name->tok.type == CSS_TOK_IDENT || css_is_delim(name, '*')))
				return false;
		}
		p->pos++;
		struct css_simple_selector *s = &tmp[n++];
		memset(s, 0, sizeof *s);
		if (name->tok.type == CSS_TOK_IDENT) {
			s->kind = CSS_SEL_TYPE;
			s->name = lower_dup(p->a, name->tok.value);
			s->name_len = name->tok.value.len;
			s->tag = html_tag_lookup(s->name, s->name_len);
		} else {
			s->kind = CSS_SEL_UNIVERSAL;
		}
	}
	for (;;) {
		c = peek(p);
		if (!c || c->tok.type == CSS_TOK_WHITESPACE || css_is_delim(c, '>') || css_is_delim(c, '+') ||
		    css_is_delim(c, '~'))
			break;
		if (css_is_delim(c, '&') && p->nest) {
			if (n == BASE_ARRAY_LEN(tmp))
				return false;
			p->pos++;
			memset(&tmp[n], 0, sizeof tmp[n]);
			tmp[n].kind = CSS_SEL_PSEUDO_CLASS;
			tmp[n].op = CSS_PC_IS;
			tmp[n].args = *p->nest;
			n++;
			if (p->saw_nest)
				*p->saw_nest = true;
			continue;
		}
		if (n == BASE_ARRAY_LEN(tmp))
			return false;
		struct css_simple_selector *s = &tmp[n];
		memset(s, 0, sizeof *s);
		if (*pseudo_element == CSS_PSEUDO_NEVER) {
			/* Whatever follows a never-generated pseudo-element
			 * (::-webkit-scrollbar:horizontal...) cannot matter. */
			p->pos++;
			continue;
		}
		if (*pseudo_element != CSS_PSEUDO_NONE) {
			/* Only user-action pseudo-classes may follow a pseudo-element. */
			if (c->tok.type != CSS_TOK_COLON)
				return false;
			p->pos++;
			if (!parse_pseudo(p, s, pseudo_element) || s->kind != CSS_SEL_PSEUDO_CLASS ||
			    (s->op != CSS_PC_HOVER && s->op != CSS_PC_ACTIVE && s->op != CSS_PC_FOCUS))
				return false;
			n++;
			continue;
		}
		if (c->tok.type == CSS_TOK_HASH) {
			if (!(c->tok.flags & CSS_TOKEN_HASH_ID))
				return false;
			s->kind = CSS_SEL_ID;
			s->name = base_arena_strndup(p->a, c->tok.value.ptr, c->tok.value.len);
			s->name_len = c->tok.value.len;
			p->pos++;
		} else if (css_is_delim(c, '.')) {
			p->pos++;
			c = peek(p);
			if (!c || c->tok.type != CSS_TOK_IDENT)
				return false;
			s->kind = CSS_SEL_CLASS;
			s->name = base_arena_strndup(p->a, c->tok.value.ptr, c->tok.value.len);
			s->name_len = c->tok.value.len;
			p->pos++;
		} else if (c->tok.type == CSS_TOK_LBRACKET) {
			p->pos++;
			if (!parse_attribute(p, c, s))
				return false;
		} else if (c->tok.type == CSS_TOK_COLON) {
			p->pos++;
			if (!parse_pseudo(p, s, pseudo_element))
				return false;
		} else {
			return false;
		}
		n++;
	}
	if (n == 0)
		return false;
	out->simples = base_arena_memdup(p->a, tmp, n * sizeof *tmp);
	out->count = n;
	return true;
}

static uint32_t spec_add(uint32_t x, uint32_t y)
{
	uint32_t a = BASE_MIN(((x >> 20) & 0x3ff) + ((y >> 20) & 0x3ff), 0x3ffu);
	uint32_t b = BASE_MIN(((x >> 10) & 0x3ff) + ((y >> 10) & 0x3ff), 0x3ffu);
	uint32_t c = BASE_MIN((x & 0x3ff) + (y & 0x3ff), 0x3ffu);
	return a << 20 | b << 10 | c;
}

uint32_t css_specificity_of_list_max(const struct css_selector_list *l)
{
	uint32_t m = 0;
	for (size_t i = 0; i < l->count; i++)
		if (l->items[i]->specificity > m)
			m = l->items[i]->specificity;
	return m;
}

/* https://drafts.csswg.org/selectors-4/#specificity-rules */
static uint32_t specificity_of(const struct css_selector *sel)
{
	uint32_t sp = 0;
	for (size_t i = 0; i < sel->count; i++) {
		const struct css_compound *c = &sel->compounds[i];
		for (size_t k = 0; k < c->count; k++) {
			const struct css_simple_selector *s = &c->simples[k];
			switch (s->kind) {
			case CSS_SEL_ID: sp = spec_add(sp, 1u << 20); break;
			case CSS_SEL_CLASS:
			case CSS_SEL_ATTR: sp = spec_add(sp, 1u << 10); break;
			case CSS_SEL_TYPE:
			case CSS_SEL_PSEUDO_ELEMENT: sp = spec_add(sp, 1); break;
			case CSS_SEL_PSEUDO_CLASS:
				if (s->op == CSS_PC_WHERE)
					break;
				if (s->op == CSS_PC_NOT || s->op == CSS_PC_IS || s->op == CSS_PC_HAS) {
					sp = spec_add(sp, css_specificity_of_list_max(&s->args));
					break;
				}
				sp = spec_add(sp, 1u << 10);
				if (s->args.count)
					sp = spec_add(sp, css_specificity_of_list_max(&s->args));
				break;
			default: break;
			}
		}
	}
	return sp;
}

static void ancestor_hashes(struct css_selector *sel)
{
	size_t k = 0;
	for (size_t i = sel->count; i-- > 1;) {
		uint8_t comb = sel->compounds[i].combinator;
		if (comb != CSS_COMB_DESCENDANT && comb != CSS_COMB_CHILD)
			continue;
		const struct css_compound *c = &sel->compounds[i - 1];
		for (size_t j = 0; j < c->count && k < 4; j++) {
			const struct css_simple_selector *s = &c->simples[j];
			if (s->kind == CSS_SEL_ID || s->kind == CSS_SEL_CLASS || s->kind == CSS_SEL_TYPE)
				sel->ancestor_hashes[k++] = css_hash_name(s->name, s->name_len, true);
		}
	}
}

static bool parse_complex(struct sel_parser *p, bool relative, bool nest_top, struct css_selector **out)
{
	struct css_compound tmp[65];
	size_t n = 0;
	bool saw_nest = false;
	if (nest_top) {
		p->saw_nest = &saw_nest;
		relative = true;
		n = 1; /* room for an implied & */
	}
	uint8_t pseudo = CSS_PSEUDO_NONE;
	uint8_t comb = CSS_COMB_NONE;
	uint8_t leading = CSS_COMB_NONE;
	skip_ws(p);
	if (relative) {
		const struct css_cv *c = peek(p);
		leading = CSS_COMB_DESCENDANT;
		if (c && css_is_delim(c, '>'))
			leading = CSS_COMB_CHILD;
		else if (c && css_is_delim(c, '+'))
			leading = CSS_COMB_NEXT_SIBLING;
		else if (c && css_is_delim(c, '~'))
			leading = CSS_COMB_SUBSEQUENT_SIBLING;
		if (leading != CSS_COMB_DESCENDANT) {
			p->pos++;
			skip_ws(p);
		}
	}
	size_t first = n;
	for (;;) {
		if (n == BASE_ARRAY_LEN(tmp) || pseudo != CSS_PSEUDO_NONE)
			return false;
		if (!parse_compound(p, &tmp[n], &pseudo))
			return false;
		tmp[n].combinator = comb;
		n++;
		bool ws = at_ws(p);
		skip_ws(p);
		const struct css_cv *c = peek(p);
		if (!c)
			break;
		if (css_is_delim(c, '>'))
			comb = CSS_COMB_CHILD;
		else if (css_is_delim(c, '+'))
			comb = CSS_COMB_NEXT_SIBLING;
		else if (css_is_delim(c, '~'))
			comb = CSS_COMB_SUBSEQUENT_SIBLING;
		else if (ws)
			comb = CSS_COMB_DESCENDANT;
		else
			return false;
		if (comb != CSS_COMB_DESCENDANT) {
			p->pos++;
			skip_ws(p);
		}
	}
	struct css_compound *start = tmp;
	if (nest_top) {
		if (saw_nest && leading == CSS_COMB_DESCENDANT) {
			start = tmp + 1; /* & written: no implied parent */
			n--;
		} else {
			/* A nested selector without & is relative to the parent:
			 * "& <combinator> selector". */
			struct css_simple_selector *amp = base_arena_calloc(p->a, 1, sizeof *amp);
			amp->kind = CSS_SEL_PSEUDO_CLASS;
			amp->op = CSS_PC_IS;
			amp->args = *p->nest;
			tmp[0].simples = amp;
			tmp[0].count = 1;
			tmp[0].combinator = CSS_COMB_NONE;
			tmp[first].combinator = leading;
		}
		leading = CSS_COMB_NONE;
	}
	struct css_selector *sel = base_arena_calloc(p->a, 1, sizeof *sel);
	sel->compounds = base_arena_memdup(p->a, start, n * sizeof *tmp);
	sel->count = n;
	sel->pseudo_element = pseudo;
	sel->relative = leading;
	sel->specificity = specificity_of(sel);
	ancestor_hashes(sel);
	*out = sel;
	return true;
}

static bool parse_list_nest(struct sel_parser *outer, struct css_cv_list in, bool relative, bool forgiving,
			    bool nest_top, struct css_selector_list *out)
{
	memset(out, 0, sizeof *out);
	if (outer && outer->depth >= MAX_SELECTOR_DEPTH)
		return false;
	struct base_arena *a = outer->a;
	struct css_cv_list *groups;
	size_t n = css_split_commas(a, in, &groups);
	out->items = base_arena_calloc(a, n ? n : 1, sizeof *out->items);
	for (size_t i = 0; i < n; i++) {
		struct sel_parser p = { a, groups[i].items, groups[i].len, 0, outer->depth + 1, outer->nest, outer->saw_nest };
		struct css_selector *sel;
		bool ok = parse_complex(&p, relative, nest_top, &sel);
		/* Pseudo-elements are not allowed inside :is() :not() :has(). */
		if (ok && outer->depth > 0 && sel->pseudo_element != CSS_PSEUDO_NONE)
			ok = false;
		if (!ok) {
			if (forgiving)
				continue;
			return false;
		}
		out->items[out->count++] = sel;
	}
	return forgiving || out->count > 0;
}

static bool parse_list(struct sel_parser *outer, struct css_cv_list in, bool relative, bool forgiving,
		       struct css_selector_list *out)
{
	return parse_list_nest(outer, in, relative, forgiving, false, out);
}

/* Selector nesting is bounded by the parser, so this recursion is too. */
bool css_selector_list_uses_user_action(const struct css_selector_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct css_selector *sel = l->items[i];
		for (size_t c = 0; c < sel->count; c++) {
			const struct css_compound *cp = &sel->compounds[c];
			for (size_t k = 0; k < cp->count; k++) {
				const struct css_simple_selector *ss = &cp->simples[k];
				if (ss->kind != CSS_SEL_PSEUDO_CLASS)
					continue;
				if (ss->op == CSS_PC_HOVER || ss->op == CSS_PC_ACTIVE || ss->op == CSS_PC_FOCUS ||
				    ss->op == CSS_PC_FOCUS_WITHIN || ss->op == CSS_PC_FOCUS_VISIBLE ||
				    css_selector_list_uses_user_action(&ss->args))
					return true;
			}
		}
	}
	return false;
}

bool css_parse_selector_list(struct base_arena *a, struct css_cv_list in, bool relative,
			     struct css_selector_list *out)
{
	struct sel_parser top = { a, NULL, 0, 0, 0, NULL, NULL };
	return parse_list(&top, in, relative, false, out);
}

bool css_parse_nested_selector_list(struct base_arena *a, struct css_cv_list in, const struct css_selector_list *parent,
				    struct css_selector_list *out)
{
	struct sel_parser top = { a, NULL, 0, 0, 0, parent, NULL };
	return parse_list_nest(&top, in, false, false, true, out);
}
