/* css/urange.c: the <urange> microsyntax (unicode-range), CSS Syntax 3 §7.
 * https://www.w3.org/TR/css-syntax-3/#urange
 *
 * <urange> is recognized from ordinary tokens ("U+0-7F" is an ident, a
 * number and a dimension); the tokens' text is concatenated and read as
 * the spec's three informal forms. Token text is rebuilt from values and
 * number representations (the source text itself is not kept), which only
 * differs from the spec's "representation" for escaped letters. */
#include <string.h>

#include "css/syntax.h"

struct text {
	char buf[64];
	size_t len;
	bool overflow;
};

static void text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n > sizeof t->buf) {
		t->overflow = true;
		return;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
}

static void text_add_token(struct text *t, const struct css_token *tok)
{
	switch (tok->type) {
	case CSS_TOK_DELIM: {
		char c = (char)tok->delim;
		text_add(t, &c, 1);
		break;
	}
	case CSS_TOK_NUMBER:
		text_add(t, tok->repr.ptr, tok->repr.len);
		break;
	case CSS_TOK_DIMENSION:
		text_add(t, tok->repr.ptr, tok->repr.len);
		text_add(t, tok->value.ptr, tok->value.len);
		break;
	default: /* ident */
		text_add(t, tok->value.ptr, tok->value.len);
		break;
	}
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = base_ascii_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* §7.1 steps 2-7 on the concatenated text (after the "u"). */
static bool interpret(const char *s, size_t n, uint32_t *start, uint32_t *end)
{
	size_t i = 0;
	if (i >= n || s[i] != '+')
		return false;
	i++;
	size_t first = i;
	uint32_t lo = 0, hi = 0;
	while (i < n && hex_value(s[i]) >= 0 && i - first < 7) {
		lo = lo * 16 + (uint32_t)hex_value(s[i]);
		i++;
	}
	size_t digits = i - first;
	size_t questions = 0;
	hi = lo;
	while (i < n && s[i] == '?' && digits + questions < 7) {
		lo = lo * 16;
		hi = hi * 16 + 15;
		questions++;
		i++;
	}
	if (digits + questions == 0 || digits + questions > 6)
		return false;
	if (questions) {
		if (i != n)
			return false;
		*start = lo;
		*end = hi;
		return true;
	}
	*start = lo;
	if (i == n) {
		*end = lo;
		return true;
	}
	if (s[i] != '-')
		return false;
	i++;
	first = i;
	hi = 0;
	while (i < n && hex_value(s[i]) >= 0 && i - first < 7) {
		hi = hi * 16 + (uint32_t)hex_value(s[i]);
		i++;
	}
	if (i == first || i - first > 6 || i != n)
		return false;
	*end = hi;
	return true;
}

static bool is_delim_q(const struct css_cv_list in, size_t p)
{
	return p < in.len && css_cv_is_delim(&in.items[p], '?');
}

static size_t add_questions(struct text *t, struct css_cv_list in, size_t p)
{
	while (is_delim_q(in, p)) {
		text_add(t, "?", 1);
		p++;
	}
	return p;
}

bool css_parse_urange(struct css_cv_list in, size_t *pos, uint32_t *start, uint32_t *end)
{
	size_t p = *pos;
	const struct css_cv *u = css_cv_next(in, &p);
	if (!u || !css_cv_is_ident(u, "u"))
		return false;
	p++;
	if (p >= in.len)
		return false;
	struct text t = {.len = 0};
	const struct css_token *first = &in.items[p].tok;
	if (first->type == CSS_TOK_DELIM && first->delim == '+') {
		text_add(&t, "+", 1);
		p++;
		if (p < in.len && in.items[p].tok.type == CSS_TOK_IDENT) {
			text_add_token(&t, &in.items[p].tok);
			p++;
		} else if (!is_delim_q(in, p)) {
			return false;
		}
		p = add_questions(&t, in, p);
	} else if (first->type == CSS_TOK_DIMENSION) {
		text_add_token(&t, first);
		p++;
		p = add_questions(&t, in, p);
	} else if (first->type == CSS_TOK_NUMBER) {
		text_add_token(&t, first);
		p++;
		if (p < in.len && (in.items[p].tok.type == CSS_TOK_DIMENSION || in.items[p].tok.type == CSS_TOK_NUMBER)) {
			text_add_token(&t, &in.items[p].tok);
			p++;
		} else {
			p = add_questions(&t, in, p);
		}
	} else {
		return false;
	}
	if (t.overflow || !interpret(t.buf, t.len, start, end))
		return false;
	/* §7.1: the range must fit in Unicode and be ordered. */
	if (*end > 0x10FFFF || *start > *end)
		return false;
	*pos = p;
	return true;
}
