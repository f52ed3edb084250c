/* css/anb.c: the An+B microsyntax, CSS Syntax 3 §6.
 * https://www.w3.org/TR/css-syntax-3/#anb-microsyntax
 *
 * Works on tokens, as the spec defines it, so escapes ("\6e") and the
 * odd tokenizations of "-n-1" (one ident) or "3n-1" (one dimension) are
 * handled by looking at token values and representations. */
#include "css/syntax.h"

static int32_t saturate(double v)
{
	if (v >= 2147483647.0)
		return INT32_MAX;
	if (v <= -2147483648.0)
		return INT32_MIN;
	return (int32_t)v;
}

enum n_form { N_NONE, N_PLAIN, N_DASH, N_DASH_DIGITS };

/* Classifies "n", "n-", "n-<digits>" (ASCII case-insensitive n); for the
 * last form stores -digits in *b. */
static enum n_form classify_n(const char *s, size_t len, int32_t *b)
{
	if (len == 0 || (s[0] != 'n' && s[0] != 'N'))
		return N_NONE;
	if (len == 1)
		return N_PLAIN;
	if (s[1] != '-')
		return N_NONE;
	if (len == 2)
		return N_DASH;
	double v = 0;
	for (size_t i = 2; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return N_NONE;
		v = v * 10 + (s[i] - '0');
	}
	*b = saturate(-v);
	return N_DASH_DIGITS;
}

static bool is_integer(const struct css_cv *cv)
{
	return cv && cv->tok.type == CSS_TOK_NUMBER && (cv->tok.flags & CSS_TOKEN_INTEGER);
}

static bool is_signed_integer(const struct css_cv *cv)
{
	return is_integer(cv) && (cv->tok.flags & CSS_TOKEN_SIGNED);
}

static bool is_signless_integer(const struct css_cv *cv)
{
	return is_integer(cv) && !(cv->tok.flags & CSS_TOKEN_SIGNED);
}

/* After the "n" part: nothing, <signed-integer>, or ['+' | '-']
 * <signless-integer>. Advances *pos past what it uses. */
static bool parse_b_after_n(struct css_cv_list in, size_t *pos, int32_t *b)
{
	size_t p = *pos;
	const struct css_cv *cv = css_cv_next(in, &p);
	*b = 0;
	if (is_signed_integer(cv)) {
		*b = saturate(cv->tok.number);
		*pos = p + 1;
		return true;
	}
	if (cv && (css_cv_is_delim(cv, '+') || css_cv_is_delim(cv, '-'))) {
		bool neg = cv->tok.delim == '-';
		p++;
		const struct css_cv *num = css_cv_next(in, &p);
		if (!is_signless_integer(num))
			return false;
		*b = saturate(neg ? -num->tok.number : num->tok.number);
		*pos = p + 1;
		return true;
	}
	return true; /* B is 0; whatever follows is the caller's */
}

/* After "n-": whitespace, then a <signless-integer> whose negation is B. */
static bool parse_b_after_n_dash(struct css_cv_list in, size_t *pos, int32_t *b)
{
	size_t p = *pos;
	const struct css_cv *num = css_cv_next(in, &p);
	if (!is_signless_integer(num))
		return false;
	*b = saturate(-num->tok.number);
	*pos = p + 1;
	return true;
}

static bool finish_n(enum n_form form, struct css_cv_list in, size_t *pos, int32_t *b)
{
	switch (form) {
	case N_PLAIN:
		return parse_b_after_n(in, pos, b);
	case N_DASH:
		return parse_b_after_n_dash(in, pos, b);
	case N_DASH_DIGITS:
		return true;
	default:
		return false;
	}
}

/* §6.2 Parsing <an+b>. */
bool css_parse_anb(struct css_cv_list in, size_t *pos, int32_t *a, int32_t *b)
{
	size_t p = *pos;
	const struct css_cv *cv = css_cv_next(in, &p);
	if (!cv)
		return false;
	p++;
	int32_t A = 0, B = 0;
	enum n_form form;
	const struct css_token *t = &cv->tok;
	if (t->type == CSS_TOK_IDENT && base_ascii_ieq_lit(t->value.ptr, t->value.len, "odd")) {
		A = 2;
		B = 1;
	} else if (t->type == CSS_TOK_IDENT && base_ascii_ieq_lit(t->value.ptr, t->value.len, "even")) {
		A = 2;
		B = 0;
	} else if (is_integer(cv)) {
		B = saturate(t->number);
	} else if (t->type == CSS_TOK_DIMENSION && (t->flags & CSS_TOKEN_INTEGER)) {
		A = saturate(t->number);
		form = classify_n(t->value.ptr, t->value.len, &B);
		if (!finish_n(form, in, &p, &B))
			return false;
	} else if (t->type == CSS_TOK_IDENT) {
		const char *s = t->value.ptr;
		size_t len = t->value.len;
		A = 1;
		if (len && s[0] == '-') {
			A = -1;
			s++;
			len--;
		}
		form = classify_n(s, len, &B);
		if (!finish_n(form, in, &p, &B))
			return false;
	} else if (css_cv_is_delim(cv, '+') && p < in.len && in.items[p].tok.type == CSS_TOK_IDENT) {
		/* '+' immediately followed (no whitespace) by an n-ident. */
		const struct css_token *id = &in.items[p].tok;
		p++;
		A = 1;
		form = classify_n(id->value.ptr, id->value.len, &B);
		if (!finish_n(form, in, &p, &B))
			return false;
	} else {
		return false;
	}
	*a = A;
	*b = B;
	*pos = p;
	return true;
}
