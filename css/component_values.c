/* css/component_values.c: grouping tokens into component values (CSS
 * Syntax 3 (2021 CR) §5.4.7 consume a component value, §5.4.8 consume a simple
 * block, §5.4.9 consume a function), iteratively.
 * https://www.w3.org/TR/css-syntax-3/#consume-component-value
 *
 * Instead of recursing per block, open blocks live on an explicit stack and
 * the items of every open block sit on one scratch stack; closing a block
 * moves its items into one arena array. So nesting depth costs heap, never
 * C stack, and every block's contents are one contiguous array. */
#include <stdlib.h>
#include <string.h>

#include "css/parser.h"

struct open_block {
	struct css_token head; /* function or ( [ { token */
	size_t base; /* index in scratch of the block's first item */
	uint8_t closer; /* token type that ends it */
};

struct cv_builder {
	struct css_cv *items;
	size_t len, cap;
	struct open_block *open;
	size_t open_len, open_cap;
};

static void push_item(struct cv_builder *b, const struct css_cv *cv)
{
	if (b->len == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->items = base_xrealloc(b->items, b->cap * sizeof *b->items);
	}
	b->items[b->len++] = *cv;
}

static struct css_cv_list take_items(struct cv_builder *b, struct base_arena *a, size_t base)
{
	struct css_cv_list l = {NULL, b->len - base};
	if (l.len)
		l.items = base_arena_memdup(a, b->items + base, l.len * sizeof *b->items);
	b->len = base;
	return l;
}

static void close_block(struct cv_builder *b, struct base_arena *a, bool unclosed)
{
	struct open_block *ob = &b->open[--b->open_len];
	struct css_cv cv = {.tok = ob->head};
	if (unclosed)
		cv.tok.flags |= CSS_TOKEN_UNCLOSED;
	cv.children = take_items(b, a, ob->base);
	push_item(b, &cv);
}

static uint8_t closer_of(uint8_t type)
{
	switch (type) {
	case CSS_TOK_FUNCTION:
	case CSS_TOK_LPAREN:
		return CSS_TOK_RPAREN;
	case CSS_TOK_LBRACKET:
		return CSS_TOK_RBRACKET;
	case CSS_TOK_LBRACE:
		return CSS_TOK_RBRACE;
	default:
		return 0;
	}
}

struct css_cv_list css_tokenize_to_cvs(struct base_arena *a, struct css_tokenizer *t)
{
	struct cv_builder b = {0};
	struct css_cv cv = {0};
	for (;;) {
		css_consume_token(t, &cv.tok);
		uint8_t type = cv.tok.type;
		if (type == CSS_TOK_EOF)
			break;
		if (b.open_len && type == b.open[b.open_len - 1].closer) {
			close_block(&b, a, false);
			continue;
		}
		uint8_t closer = closer_of(type);
		if (closer) {
			if (b.open_len == b.open_cap) {
				b.open_cap = b.open_cap ? b.open_cap * 2 : 32;
				b.open = base_xrealloc(b.open, b.open_cap * sizeof *b.open);
			}
			b.open[b.open_len++] = (struct open_block){cv.tok, b.len, closer};
			continue;
		}
		push_item(&b, &cv);
	}
	while (b.open_len)
		close_block(&b, a, true);
	struct css_cv_list out = take_items(&b, a, 0);
	free(b.items);
	free(b.open);
	return out;
}

struct css_cv_list css_parse_component_value_list(struct base_arena *a, const char *text, size_t len)
{
	struct css_tokenizer t;
	css_tokenizer_init_text(&t, a, text, len);
	return css_tokenize_to_cvs(a, &t);
}

struct css_cv_list css_parse_component_value_list_urange(struct base_arena *a, const char *text,
							 size_t len)
{
	struct css_tokenizer t;
	css_tokenizer_init_text(&t, a, text, len);
	t.unicode_ranges_allowed = true;
	return css_tokenize_to_cvs(a, &t);
}

/* "Parse a component value". */
enum css_parse_status css_parse_component_value(struct base_arena *a, const char *text, size_t len,
						struct css_cv *out)
{
	struct css_cv_list l = css_parse_component_value_list(a, text, len);
	size_t pos = 0;
	const struct css_cv *cv = css_cv_next(l, &pos);
	if (!cv)
		return CSS_PARSE_EMPTY;
	*out = *cv;
	if (!css_cv_at_end(l, pos + 1))
		return CSS_PARSE_EXTRA_INPUT;
	return CSS_PARSE_OK;
}

const struct css_cv *css_cv_next(struct css_cv_list in, size_t *pos)
{
	while (*pos < in.len && in.items[*pos].tok.type == CSS_TOK_WHITESPACE)
		(*pos)++;
	return *pos < in.len ? &in.items[*pos] : NULL;
}

bool css_cv_at_end(struct css_cv_list in, size_t pos)
{
	return css_cv_next(in, &pos) == NULL;
}

/* "Parse a comma-separated list of component values". */
size_t css_split_commas(struct base_arena *a, struct css_cv_list in, struct css_cv_list **out)
{
	size_t n = 1;
	for (size_t i = 0; i < in.len; i++)
		n += in.items[i].tok.type == CSS_TOK_COMMA;
	struct css_cv_list *groups = base_arena_alloc(a, n * sizeof *groups);
	size_t g = 0, start = 0;
	for (size_t i = 0; i <= in.len; i++) {
		if (i == in.len || in.items[i].tok.type == CSS_TOK_COMMA) {
			groups[g++] = (struct css_cv_list){i > start ? in.items + start : NULL, i - start};
			start = i + 1;
		}
	}
	*out = groups;
	return n;
}
