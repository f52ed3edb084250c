/* css/parser.c: CSS Syntax 3 §5 parser algorithms for rules and
 * declarations, and the §5.3 entry points.
 * https://www.w3.org/TR/css-syntax-3/#parsing
 *
 * Every algorithm runs over an array of component values (the tokenizer
 * output already grouped into blocks and functions by
 * component_values.c), so "consume a component value" is a step of one
 * item and preludes, values and block contents are slices of that array.
 *
 * Two generations of the spec meet here, as the test suites require:
 * stylesheets, rule lists and declaration lists follow the 2021 CR
 * algorithms; "parse a block's contents" follows the current Editor's Draft
 * with CSS Nesting (declarations first, else a nested qualified rule ending
 * at a semicolon). A top-level } in a list can only come from text input
 * and ends a nested block's contents, as a }-token does in the ED. */
#include <stdlib.h>
#include <string.h>

#include "css/parser.h"

struct stream {
	const struct css_cv *items;
	size_t pos, len;
};

static inline uint8_t cur_type(const struct stream *s)
{
	return s->pos < s->len ? s->items[s->pos].tok.type : CSS_TOK_EOF;
}

static inline struct css_cv_list slice(const struct stream *s, size_t from, size_t to)
{
	return (struct css_cv_list){to > from ? s->items + from : NULL, to - from};
}

static void skip_ws(struct stream *s)
{
	while (s->pos < s->len && s->items[s->pos].tok.type == CSS_TOK_WHITESPACE)
		s->pos++;
}

/* Growable node array, copied into the arena when done. */
struct node_vec {
	struct css_node *items;
	size_t len, cap;
};

static struct css_node *node_push(struct node_vec *v)
{
	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->items = base_xrealloc(v->items, v->cap * sizeof *v->items);
	}
	struct css_node *n = &v->items[v->len++];
	memset(n, 0, sizeof *n);
	return n;
}

static void push_error(struct node_vec *v, uint32_t offset)
{
	struct css_node *n = node_push(v);
	n->type = CSS_NODE_ERROR;
	n->error = CSS_PARSE_INVALID;
	n->offset = offset;
}

static struct css_node_list node_finish(struct node_vec *v, struct base_arena *a)
{
	struct css_node_list l = {NULL, v->len};
	if (v->len)
		l.items = base_arena_memdup(a, v->items, v->len * sizeof *v->items);
	free(v->items);
	return l;
}

static uint32_t offset_at(const struct stream *s)
{
	if (s->pos < s->len)
		return s->items[s->pos].tok.offset;
	return s->len ? s->items[s->len - 1].tok.offset : 0;
}

/* §5.4.2 (2021 CR) consume an at-rule; s->pos at the at-keyword.
 * `nested`: an unmatched } ends the rule without being consumed (ED). */
static void consume_at_rule(struct stream *s, bool nested, struct css_node *out)
{
	const struct css_cv *kw = &s->items[s->pos++];
	out->type = CSS_NODE_AT_RULE;
	out->name = kw->tok.value;
	out->offset = kw->tok.offset;
	size_t start = s->pos;
	for (;;) {
		uint8_t type = cur_type(s);
		if (type == CSS_TOK_EOF || (type == CSS_TOK_RBRACE && nested)) {
			out->prelude = slice(s, start, s->pos);
			return;
		}
		if (type == CSS_TOK_SEMICOLON) {
			out->prelude = slice(s, start, s->pos);
			s->pos++;
			return;
		}
		if (type == CSS_TOK_LBRACE) {
			out->prelude = slice(s, start, s->pos);
			out->block = s->items[s->pos].children;
			out->has_block = true;
			s->pos++;
			return;
		}
		s->pos++;
	}
}

/* Whether the first two non-whitespace items are a --custom ident and a
 * colon (ED: such a "rule" is a custom property gone wrong). */
static bool looks_like_custom_property(const struct stream *s, size_t from, size_t to)
{
	struct css_cv_list l = slice(s, from, to);
	size_t pos = 0;
	const struct css_cv *first = css_cv_next(l, &pos);
	if (!first || first->tok.type != CSS_TOK_IDENT || first->tok.value.len < 2 ||
	    memcmp(first->tok.value.ptr, "--", 2) != 0)
		return false;
	pos++;
	const struct css_cv *second = css_cv_next(l, &pos);
	return second && second->tok.type == CSS_TOK_COLON;
}

/* §5.4.3 (2021 CR) consume a qualified rule. Returns false (a parse error) when it
 * produces nothing. `nested` and `stop_at_semicolon` are the ED's nested
 * flag and stop token for rules inside a block's contents. */
static bool consume_qualified_rule(struct stream *s, bool nested, bool stop_at_semicolon,
				   struct css_node *out)
{
	size_t start = s->pos;
	out->type = CSS_NODE_QUALIFIED_RULE;
	out->offset = offset_at(s);
	for (;;) {
		uint8_t type = cur_type(s);
		if (type == CSS_TOK_EOF || (type == CSS_TOK_SEMICOLON && stop_at_semicolon))
			return false;
		if (type == CSS_TOK_RBRACE && nested)
			return false;
		if (type == CSS_TOK_LBRACE) {
			bool custom = nested && looks_like_custom_property(s, start, s->pos);
			out->prelude = slice(s, start, s->pos);
			out->block = s->items[s->pos].children;
			s->pos++;
			return !custom;
		}
		s->pos++;
	}
}

/* §5.4.6 (2021 CR) consume a declaration from items [s->pos, end): name, colon, and
 * the rest as the value with a trailing !important removed. */
static bool consume_declaration(struct stream *s, size_t end, struct css_node *out)
{
	const struct css_cv *name = &s->items[s->pos];
	if (name->tok.type != CSS_TOK_IDENT)
		return false;
	size_t p = s->pos + 1;
	while (p < end && s->items[p].tok.type == CSS_TOK_WHITESPACE)
		p++;
	if (p >= end || s->items[p].tok.type != CSS_TOK_COLON)
		return false;
	p++;
	out->type = CSS_NODE_DECLARATION;
	out->name = name->tok.value;
	out->offset = name->tok.offset;
	size_t vend = end;
	/* The last two non-whitespace items: "!" then "important". */
	size_t q = end;
	while (q > p && s->items[q - 1].tok.type == CSS_TOK_WHITESPACE)
		q--;
	if (q > p && css_cv_is_ident(&s->items[q - 1], "important")) {
		size_t r = q - 1;
		while (r > p && s->items[r - 1].tok.type == CSS_TOK_WHITESPACE)
			r--;
		if (r > p && css_cv_is_delim(&s->items[r - 1], '!')) {
			out->important = true;
			vend = r - 1;
		}
	}
	out->value = slice(s, p, vend);
	return true;
}

/* End of a declaration: the next top-level ; or EOF. */
static size_t declaration_end(const struct stream *s)
{
	size_t p = s->pos;
	while (p < s->len && s->items[p].tok.type != CSS_TOK_SEMICOLON)
		p++;
	return p;
}

/* ED consume a declaration's extent inside a block's contents: returns the
 * end of its value (the next top-level ; or }, or EOF), or 0 when it cannot
 * be a declaration: no "name :" start, or (non-custom properties) a
 * top-level {} block that is not the whole value. Stopping at that block
 * keeps a run of nested rules without semicolons linear. */
static size_t nested_declaration_end(const struct stream *s)
{
	const struct css_cv *name = &s->items[s->pos];
	if (name->tok.type != CSS_TOK_IDENT)
		return 0;
	size_t p = s->pos + 1;
	while (p < s->len && s->items[p].tok.type == CSS_TOK_WHITESPACE)
		p++;
	if (p >= s->len || s->items[p].tok.type != CSS_TOK_COLON)
		return 0;
	bool custom = name->tok.value.len >= 2 && memcmp(name->tok.value.ptr, "--", 2) == 0;
	bool block = false, other = false;
	for (p++; p < s->len; p++) {
		uint8_t type = s->items[p].tok.type;
		if (type == CSS_TOK_SEMICOLON || type == CSS_TOK_RBRACE)
			break;
		if (type == CSS_TOK_LBRACE)
			block = true;
		else if (type != CSS_TOK_WHITESPACE)
			other = true;
		if (block && other && !custom)
			return 0;
	}
	return p;
}

/* §5.4.1 Consume a list of rules (2021 CR); top_level drops CDO/CDC. */
static struct css_node_list consume_rule_list(struct base_arena *a, struct stream *s, bool top_level)
{
	struct node_vec v = {0};
	for (;;) {
		uint8_t type = cur_type(s);
		if (type == CSS_TOK_EOF)
			break;
		if (type == CSS_TOK_WHITESPACE || (top_level && (type == CSS_TOK_CDO || type == CSS_TOK_CDC))) {
			s->pos++;
			continue;
		}
		if (type == CSS_TOK_AT_KEYWORD) {
			consume_at_rule(s, false, node_push(&v));
			continue;
		}
		uint32_t off = offset_at(s);
		struct css_node *n = node_push(&v);
		if (!consume_qualified_rule(s, false, false, n)) {
			v.len--;
			push_error(&v, off);
		}
	}
	return node_finish(&v, a);
}

/* §5.4.5 Consume a list of declarations (2021 CR). */
static struct css_node_list consume_declaration_list(struct base_arena *a, struct stream *s)
{
	struct node_vec v = {0};
	for (;;) {
		uint8_t type = cur_type(s);
		if (type == CSS_TOK_EOF)
			break;
		if (type == CSS_TOK_WHITESPACE || type == CSS_TOK_SEMICOLON) {
			s->pos++;
			continue;
		}
		if (type == CSS_TOK_AT_KEYWORD) {
			consume_at_rule(s, false, node_push(&v));
			continue;
		}
		uint32_t off = offset_at(s);
		size_t end = declaration_end(s);
		struct css_node *n = node_push(&v);
		if (!consume_declaration(s, end, n)) {
			v.len--;
			push_error(&v, off);
		}
		s->pos = end;
	}
	return node_finish(&v, a);
}

/* ED "consume a block's contents": declarations, at-rules and nested
 * qualified rules. */
static struct css_node_list consume_block_contents(struct base_arena *a, struct stream *s)
{
	struct node_vec v = {0};
	for (;;) {
		uint8_t type = cur_type(s);
		if (type == CSS_TOK_EOF || type == CSS_TOK_RBRACE)
			break;
		if (type == CSS_TOK_WHITESPACE || type == CSS_TOK_SEMICOLON) {
			s->pos++;
			continue;
		}
		if (type == CSS_TOK_AT_KEYWORD) {
			consume_at_rule(s, true, node_push(&v));
			continue;
		}
		uint32_t off = offset_at(s);
		size_t end = nested_declaration_end(s);
		struct css_node *n = node_push(&v);
		if (end && consume_declaration(s, end, n)) {
			s->pos = end;
			continue;
		}
		memset(n, 0, sizeof *n);
		if (!consume_qualified_rule(s, true, true, n)) {
			v.len--;
			push_error(&v, off);
		}
	}
	return node_finish(&v, a);
}

/* ---- §5.3 Entry points ------------------------------------------------- */

static struct stream stream_of(struct css_cv_list l)
{
	return (struct stream){l.items, 0, l.len};
}

struct css_node_list css_parse_stylesheet(struct base_arena *a, const char *text, size_t len)
{
	struct stream s = stream_of(css_parse_component_value_list(a, text, len));
	return consume_rule_list(a, &s, true);
}

struct css_node_list css_parse_rule_list(struct base_arena *a, const char *text, size_t len)
{
	return css_parse_rule_list_cv(a, css_parse_component_value_list(a, text, len));
}

struct css_node_list css_parse_rule_list_cv(struct base_arena *a, struct css_cv_list in)
{
	struct stream s = stream_of(in);
	return consume_rule_list(a, &s, false);
}

enum css_parse_status css_parse_rule(struct base_arena *a, const char *text, size_t len,
				     struct css_node *out)
{
	struct stream s = stream_of(css_parse_component_value_list(a, text, len));
	memset(out, 0, sizeof *out);
	skip_ws(&s);
	uint8_t type = cur_type(&s);
	if (type == CSS_TOK_EOF)
		return CSS_PARSE_EMPTY;
	if (type == CSS_TOK_AT_KEYWORD)
		consume_at_rule(&s, false, out);
	else if (!consume_qualified_rule(&s, false, false, out))
		return CSS_PARSE_INVALID;
	skip_ws(&s);
	return cur_type(&s) == CSS_TOK_EOF ? CSS_PARSE_OK : CSS_PARSE_EXTRA_INPUT;
}

enum css_parse_status css_parse_declaration(struct base_arena *a, const char *text, size_t len,
					    struct css_node *out)
{
	struct stream s = stream_of(css_parse_component_value_list(a, text, len));
	memset(out, 0, sizeof *out);
	skip_ws(&s);
	if (cur_type(&s) == CSS_TOK_EOF)
		return CSS_PARSE_EMPTY;
	return consume_declaration(&s, s.len, out) ? CSS_PARSE_OK : CSS_PARSE_INVALID;
}

struct css_node_list css_parse_declaration_list(struct base_arena *a, const char *text, size_t len)
{
	return css_parse_declaration_list_cv(a, css_parse_component_value_list(a, text, len));
}

struct css_node_list css_parse_declaration_list_cv(struct base_arena *a, struct css_cv_list in)
{
	struct stream s = stream_of(in);
	return consume_declaration_list(a, &s);
}

struct css_node_list css_parse_block_contents(struct base_arena *a, const char *text, size_t len)
{
	return css_parse_block_contents_cv(a, css_parse_component_value_list(a, text, len));
}

struct css_node_list css_parse_block_contents_cv(struct base_arena *a, struct css_cv_list in)
{
	struct stream s = stream_of(in);
	return consume_block_contents(a, &s);
}
