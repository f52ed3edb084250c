/* css/tokenizer.c: CSS Syntax 3 §3.3 preprocessing and §4 tokenization.
 * https://www.w3.org/TR/css-syntax-3/#tokenization
 *
 * The input is preprocessed once (a copy only when it holds CR, FF, NUL or
 * invalid UTF-8), so the tokenizer itself sees valid UTF-8 with LF line
 * ends and can classify bytes with one 256-entry table. Token text points
 * into the input; escapes are decoded into the arena. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "css/syntax.h"

enum {
	CC_WS = 1 << 0, /* space, tab, LF (after preprocessing) */
	CC_DIGIT = 1 << 1,
	CC_HEX = 1 << 2,
	CC_NAME_START = 1 << 3, /* letter, _, non-ASCII (§4.2 ident-start code point) */
	CC_NAME = 1 << 4, /* ident-start, digit, - */
	CC_PREPROCESS = 1 << 5, /* CR, FF, NUL, non-ASCII: need a look in preprocessing */
	CC_URL_STOP = 1 << 6, /* ends the plain run of a url token */
	CC_STRING_STOP = 1 << 7, /* " ' \ LF: ends the plain run of a string */
};

#define CC_IS_LETTER(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define CC_IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define CC_IS_NONPRINT(c) ((c) <= 8 || (c) == 0x0B || ((c) >= 0x0E && (c) <= 0x1F) || (c) == 0x7F)
#define CC_OF(c)                                                                                   \
	((((c) == ' ' || (c) == '\t' || (c) == '\n') ? CC_WS : 0) | (CC_IS_DIGIT(c) ? CC_DIGIT : 0) | \
	 ((CC_IS_DIGIT(c) || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F')) ? CC_HEX : 0) | \
	 ((CC_IS_LETTER(c) || (c) == '_' || (c) >= 0x80) ? CC_NAME_START : 0) |                       \
	 ((CC_IS_LETTER(c) || (c) == '_' || (c) >= 0x80 || CC_IS_DIGIT(c) || (c) == '-') ? CC_NAME     \
											   : 0) |  \
	 (((c) == '\r' || (c) == '\f' || (c) == 0 || (c) >= 0x80) ? CC_PREPROCESS : 0) |              \
	 (((c) == '"' || (c) == '\'' || (c) == '(' || (c) == ')' || (c) == '\\' || (c) == ' ' ||      \
	   (c) == '\t' || (c) == '\n' || CC_IS_NONPRINT(c))                                           \
		  ? CC_URL_STOP                                                                        \
		  : 0) |                                                                               \
	 (((c) == '"' || (c) == '\'' || (c) == '\\' || (c) == '\n') ? CC_STRING_STOP : 0))
#define CC4(c) CC_OF(c), CC_OF(c + 1), CC_OF(c + 2), CC_OF(c + 3)
#define CC16(c) CC4(c), CC4(c + 4), CC4(c + 8), CC4(c + 12)
#define CC64(c) CC16(c), CC16(c + 16), CC16(c + 32), CC16(c + 48)

static const uint8_t css_cclass[256] = {CC64(0), CC64(64), CC64(128), CC64(192)};

#define CLS(c) css_cclass[(uint8_t)(c)]

/* ---- §3.3 Preprocessing ------------------------------------------------ */

/* Whether a non-ASCII sequence at p is valid UTF-8 (not a surrogate);
 * stores its length. */
static bool utf8_valid_at(const char *p, const char *end, size_t *n)
{
	/* A surrogate in generalized UTF-8 (ED A0..BF xx) is one code point,
	 * replaced as a whole. */
	if ((uint8_t)p[0] == 0xED && end - p >= 3 && ((uint8_t)p[1] & 0xE0) == 0xA0 &&
	    ((uint8_t)p[2] & 0xC0) == 0x80) {
		*n = 3;
		return false;
	}
	const char *q = p;
	uint32_t cp = base_utf8_decode(&q, end);
	*n = (size_t)(q - p);
	if (cp != 0xFFFD)
		return true;
	return *n == 3 && (uint8_t)p[0] == 0xEF && (uint8_t)p[1] == 0xBF && (uint8_t)p[2] == 0xBD;
}

struct css_str css_preprocess(struct base_arena *a, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	/* Fast scan: find the first byte that needs rewriting. */
	while (p < end) {
		if (BASE_LIKELY(!(CLS(*p) & CC_PREPROCESS))) {
			p++;
			continue;
		}
		if ((uint8_t)*p >= 0x80) {
			size_t n;
			if (utf8_valid_at(p, end, &n)) {
				p += n;
				continue;
			}
		}
		break;
	}
	if (p == end)
		return (struct css_str){text, len};
	/* Rewrite: output is at most 3 bytes per input byte (a lone invalid
	 * byte becomes U+FFFD). */
	size_t head = (size_t)(p - text);
	char *out = base_arena_alloc(a, head + (size_t)(end - p) * 3 + 1);
	memcpy(out, text, head);
	char *o = out + head;
	while (p < end) {
		uint8_t c = (uint8_t)*p;
		if (!(CLS(c) & CC_PREPROCESS)) {
			*o++ = (char)c;
			p++;
		} else if (c == '\r') {
			*o++ = '\n';
			p++;
			if (p < end && *p == '\n')
				p++;
		} else if (c == '\f') {
			*o++ = '\n';
			p++;
		} else if (c == 0) {
			o += base_utf8_encode(0xFFFD, o);
			p++;
		} else {
			size_t n;
			if (utf8_valid_at(p, end, &n)) {
				memcpy(o, p, n);
				o += n;
				p += n;
			} else {
				o += base_utf8_encode(0xFFFD, o);
				p += n;
			}
		}
	}
	*o = 0;
	return (struct css_str){out, (size_t)(o - out)};
}

void css_tokenizer_init_text(struct css_tokenizer *t, struct base_arena *a, const char *text, size_t len)
{
	struct css_str s = css_preprocess(a, text, len);
	t->start = s.ptr;
	t->p = s.ptr;
	t->end = s.ptr + s.len;
	t->arena = a;
	t->unicode_ranges_allowed = false;
}

/* ---- §4.3.8 checks ----------------------------------------------------- */

/* Byte at p + i, or 0 past the end (NUL never occurs after preprocessing). */
static inline uint8_t peek(const struct css_tokenizer *t, const char *p, size_t i)
{
	return p + i < t->end ? (uint8_t)p[i] : 0;
}

/* §4.3.8 Check if two code points are a valid escape. A backslash before
 * EOF counts as one (it consumes to U+FFFD), as both test suites expect. */
static inline bool valid_escape(const struct css_tokenizer *t, const char *p)
{
	return p < t->end && *p == '\\' && (p + 1 >= t->end || p[1] != '\n');
}

/* §4.3.9 Check if three code points would start an ident sequence. */
static bool starts_ident(const struct css_tokenizer *t, const char *p)
{
	uint8_t c = peek(t, p, 0);
	if (c == '-') {
		uint8_t d = peek(t, p, 1);
		return (p + 1 < t->end && (CLS(d) & CC_NAME_START)) || d == '-' || valid_escape(t, p + 1);
	}
	if (p < t->end && (CLS(c) & CC_NAME_START))
		return true;
	return valid_escape(t, p);
}

/* §4.3.10 Check if three code points would start a number. */
static bool starts_number(const struct css_tokenizer *t, const char *p)
{
	uint8_t c = peek(t, p, 0);
	if (c == '+' || c == '-') {
		uint8_t d = peek(t, p, 1);
		if (CC_IS_DIGIT(d))
			return true;
		return d == '.' && CC_IS_DIGIT(peek(t, p, 2));
	}
	if (c == '.')
		return CC_IS_DIGIT(peek(t, p, 1));
	return CC_IS_DIGIT(c);
}

/* ---- Escapes and ident sequences --------------------------------------- */

/* §4.3.7 Consume an escaped code point; p is just after the backslash. */
static uint32_t consume_escape(const struct css_tokenizer *t, const char **pp)
{
	const char *p = *pp;
	if (p >= t->end) {
		*pp = p;
		return 0xFFFD;
	}
	if (CLS(*p) & CC_HEX) {
		uint32_t v = 0;
		int n = 0;
		while (n < 6 && p < t->end && (CLS(*p) & CC_HEX)) {
			uint8_t c = (uint8_t)*p++;
			v = v * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
			n++;
		}
		if (p < t->end && (CLS(*p) & CC_WS))
			p++;
		*pp = p;
		if (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
			return 0xFFFD;
		return v;
	}
	uint32_t cp = base_utf8_decode(&p, t->end);
	*pp = p;
	return cp;
}

/* Skips an escape without decoding it; p at the backslash. */
static const char *skip_escape(const struct css_tokenizer *t, const char *p)
{
	p++;
	consume_escape(t, &p);
	return p;
}

/* Decodes [from, to) — name code points and escapes only — into the arena. */
static struct css_str decode_escaped(const struct css_tokenizer *t, const char *from, const char *to)
{
	/* An escape of n >= 2 bytes yields at most max(n, 3) bytes ("\0" gives
	 * U+FFFD), so 3/2 of the input is enough. */
	size_t cap = (size_t)(to - from) * 3 / 2 + 4;
	char *out = base_arena_alloc(t->arena, cap);
	char *o = out;
	const char *p = from;
	while (p < to) {
		if (*p == '\\') {
			p++;
			o += base_utf8_encode(consume_escape(t, &p), o);
		} else {
			*o++ = *p++;
		}
	}
	return (struct css_str){out, (size_t)(o - out)};
}

/* §4.3.12 Consume an ident sequence: returns the value, advances *pp. */
static struct css_str consume_ident_sequence(const struct css_tokenizer *t, const char **pp)
{
	const char *start = *pp, *p = start;
	bool escaped = false;
	for (;;) {
		while (p < t->end && (CLS(*p) & CC_NAME))
			p++;
		if (valid_escape(t, p)) {
			escaped = true;
			p = skip_escape(t, p);
			continue;
		}
		break;
	}
	*pp = p;
	if (!escaped)
		return (struct css_str){start, (size_t)(p - start)};
	return decode_escaped(t, start, p);
}

/* ---- Numbers ----------------------------------------------------------- */

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* §4.3.13 Convert a string to a number, for the text matched by §4.3.12.
 * Exact for up to 15 significant digits and small exponents (one rounding),
 * strtod on a copy otherwise. strtod is locale-sensitive only in its
 * decimal point, and the library never calls setlocale. */
static double convert_number(const char *s, size_t n)
{
	uint64_t mant = 0;
	int digits = 0, exp10 = 0;
	bool neg = false, exact = true;
	const char *p = s, *end = s + n;
	if (p < end && (*p == '+' || *p == '-'))
		neg = *p++ == '-';
	for (; p < end && CC_IS_DIGIT(*p); p++) {
		if (mant == 0 && *p == '0')
			continue;
		if (digits < 15) {
			mant = mant * 10 + (uint64_t)(*p - '0');
			digits++;
		} else {
			exact = false;
		}
	}
	if (p < end && *p == '.') {
		for (p++; p < end && CC_IS_DIGIT(*p); p++) {
			if (mant == 0 && *p == '0') {
				exp10--;
				continue;
			}
			if (digits < 15) {
				mant = mant * 10 + (uint64_t)(*p - '0');
				digits++;
				exp10--;
			} else {
				exact = false;
			}
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		bool eneg = false;
		if (p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		int e = 0;
		for (; p < end && CC_IS_DIGIT(*p); p++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
		exp10 += eneg ? -e : e;
	}
	double v;
	if (mant == 0) {
		v = 0.0;
	} else if (exact && exp10 >= -22 && exp10 <= 22) {
		v = exp10 < 0 ? (double)mant / pow10_exact[-exp10] : (double)mant * pow10_exact[exp10];
	} else {
		char buf[128];
		char *copy = n < sizeof buf ? buf : base_xmalloc(n + 1);
		memcpy(copy, s, n);
		copy[n] = 0;
		v = strtod(copy, NULL);
		if (copy != buf)
			free(copy);
		/* Overflow: the largest finite value, so consumers never see inf. */
		if (isinf(v))
			v = v < 0 ? -DBL_MAX : DBL_MAX;
		return v;
	}
	return neg ? -v : v;
}

/* §4.3.12 Consume a number: returns the representation, sets flags. */
static struct css_str consume_number(const struct css_tokenizer *t, const char **pp, uint8_t *flags)
{
	const char *start = *pp, *p = start;
	*flags = CSS_TOKEN_INTEGER;
	if (*p == '+' || *p == '-') {
		*flags |= CSS_TOKEN_SIGNED;
		p++;
	}
	while (p < t->end && CC_IS_DIGIT(*p))
		p++;
	if (peek(t, p, 0) == '.' && CC_IS_DIGIT(peek(t, p, 1))) {
		p += 2;
		while (p < t->end && CC_IS_DIGIT(*p))
			p++;
		*flags &= (uint8_t)~CSS_TOKEN_INTEGER;
	}
	uint8_t e = peek(t, p, 0);
	if (e == 'e' || e == 'E') {
		uint8_t s = peek(t, p, 1);
		size_t skip = (s == '+' || s == '-') ? 2 : 1;
		if (CC_IS_DIGIT(peek(t, p, skip))) {
			p += skip;
			while (p < t->end && CC_IS_DIGIT(*p))
				p++;
			*flags &= (uint8_t)~CSS_TOKEN_INTEGER;
		}
	}
	*pp = p;
	return (struct css_str){start, (size_t)(p - start)};
}

/* §4.3.3 Consume a numeric token. */
static void consume_numeric(struct css_tokenizer *t, struct css_token *out)
{
	const char *p = t->p;
	out->repr = consume_number(t, &p, &out->flags);
	out->number = convert_number(out->repr.ptr, out->repr.len);
	if (starts_ident(t, p)) {
		out->type = CSS_TOK_DIMENSION;
		out->value = consume_ident_sequence(t, &p);
	} else if (peek(t, p, 0) == '%') {
		out->type = CSS_TOK_PERCENTAGE;
		p++;
	} else {
		out->type = CSS_TOK_NUMBER;
	}
	t->p = p;
}

/* ---- Strings and URLs -------------------------------------------------- */

/* §4.3.5 Consume a string token; t->p at the opening quote. */
static void consume_string(struct css_tokenizer *t, struct css_token *out)
{
	char quote = *t->p;
	const char *start = t->p + 1, *p = start;
	bool escaped = false;
	out->type = CSS_TOK_STRING;
	for (;;) {
		while (p < t->end && !(CLS(*p) & CC_STRING_STOP))
			p++;
		if (p >= t->end) {
			out->flags |= CSS_TOKEN_EOF_IN_STRING;
			break;
		}
		if (*p == quote)
			break;
		if (*p == '\n') {
			/* Newline: a bad string; the newline is reconsumed. */
			out->type = CSS_TOK_BAD_STRING;
			t->p = p;
			return;
		}
		if (*p == '\\') {
			escaped = true;
			if (p + 1 >= t->end)
				p++;
			else if (p[1] == '\n')
				p += 2;
			else
				p = skip_escape(t, p);
			continue;
		}
		p++; /* the other quote */
	}
	const char *stop = p;
	t->p = p < t->end ? p + 1 : p;
	if (!escaped) {
		out->value = (struct css_str){start, (size_t)(stop - start)};
		return;
	}
	char *buf = base_arena_alloc(t->arena, (size_t)(stop - start) * 3 / 2 + 4);
	char *o = buf;
	for (p = start; p < stop;) {
		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		if (p + 1 >= stop) {
			p++; /* backslash before EOF: nothing */
		} else if (p[1] == '\n') {
			p += 2; /* escaped newline: a line continuation */
		} else {
			p++;
			o += base_utf8_encode(consume_escape(t, &p), o);
		}
	}
	out->value = (struct css_str){buf, (size_t)(o - buf)};
}

/* §4.3.14 Consume the remnants of a bad url. */
static const char *consume_bad_url_remnants(const struct css_tokenizer *t, const char *p)
{
	while (p < t->end) {
		if (*p == ')')
			return p + 1;
		if (valid_escape(t, p))
			p = skip_escape(t, p);
		else
			p++;
	}
	return p;
}

/* §4.3.6 Consume a url token; t->p just after "url(". */
static void consume_url(struct css_tokenizer *t, struct css_token *out)
{
	const char *p = t->p;
	while (p < t->end && (CLS(*p) & CC_WS))
		p++;
	const char *start = p;
	bool escaped = false;
	out->type = CSS_TOK_URL;
	for (;;) {
		while (p < t->end && !(CLS(*p) & CC_URL_STOP))
			p++;
		if (p >= t->end) {
			out->flags |= CSS_TOKEN_EOF_IN_URL;
			t->p = p;
			break;
		}
		uint8_t c = (uint8_t)*p;
		if (c == ')') {
			t->p = p + 1;
			break;
		}
		if (CLS(c) & CC_WS) {
			const char *q = p;
			while (q < t->end && (CLS(*q) & CC_WS))
				q++;
			if (q >= t->end) {
				out->flags |= CSS_TOKEN_EOF_IN_URL;
				t->p = q;
				break;
			}
			if (*q == ')') {
				t->p = q + 1;
				break;
			}
			out->type = CSS_TOK_BAD_URL;
			t->p = consume_bad_url_remnants(t, q);
			return;
		}
		if (c == '\\' && valid_escape(t, p)) {
			escaped = true;
			p = skip_escape(t, p);
			continue;
		}
		/* " ' ( non-printable, or an invalid escape. */
		out->type = CSS_TOK_BAD_URL;
		t->p = consume_bad_url_remnants(t, p + (c == '\\' ? 1 : 0));
		return;
	}
	/* p is where the value ends (before whitespace, ')' or EOF). */
	if (!escaped)
		out->value = (struct css_str){start, (size_t)(p - start)};
	else
		out->value = decode_escaped(t, start, p);
}

/* §4.3.4 Consume an ident-like token. */
static void consume_ident_like(struct css_tokenizer *t, struct css_token *out)
{
	const char *p = t->p;
	struct css_str name = consume_ident_sequence(t, &p);
	out->value = name;
	if (peek(t, p, 0) != '(') {
		out->type = CSS_TOK_IDENT;
		t->p = p;
		return;
	}
	p++;
	if (base_ascii_ieq_lit(name.ptr, name.len, "url")) {
		/* Keep at most one whitespace before a quote for the function's
		 * arguments; a raw url is a url token. */
		const char *q = p;
		while (q + 1 < t->end && (CLS(q[0]) & CC_WS) && (CLS(q[1]) & CC_WS))
			q++;
		uint8_t c = peek(t, q, 0);
		if (q < t->end && (CLS(c) & CC_WS))
			c = peek(t, q, 1);
		if (c != '"' && c != '\'') {
			t->p = q;
			consume_url(t, out);
			return;
		}
		p = q;
	}
	out->type = CSS_TOK_FUNCTION;
	t->p = p;
}

/* Unicode-range token (CSS Syntax 3 2014 CR §4.3.6, kept behind the
 * "unicode ranges allowed" flag); t->p at the "u". */
static void consume_unicode_range(struct css_tokenizer *t, struct css_token *out)
{
	const char *p = t->p + 2;
	uint32_t start = 0, end = 0;
	int n = 0;
	while (n < 6 && p < t->end && (CLS(*p) & CC_HEX)) {
		uint8_t c = (uint8_t)*p++;
		start = start * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		n++;
	}
	end = start;
	bool question = false;
	while (n < 6 && p < t->end && *p == '?') {
		start = start * 16;
		end = end * 16 + 15;
		p++;
		n++;
		question = true;
	}
	if (!question && peek(t, p, 0) == '-' && (CLS(peek(t, p, 1)) & CC_HEX) && p + 1 < t->end) {
		p++;
		end = 0;
		n = 0;
		while (n < 6 && p < t->end && (CLS(*p) & CC_HEX)) {
			uint8_t c = (uint8_t)*p++;
			end = end * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
			n++;
		}
	}
	out->type = CSS_TOK_UNICODE_RANGE;
	out->urange.start = start;
	out->urange.end = end;
	t->p = p;
}

/* ---- §4.3.1 Consume a token -------------------------------------------- */

/* §4.3.2 Consume comments. */
static void consume_comments(struct css_tokenizer *t)
{
	while (t->p + 1 < t->end && t->p[0] == '/' && t->p[1] == '*') {
		const char *p = t->p + 2;
		for (;;) {
			p = memchr(p, '*', (size_t)(t->end - p));
			if (!p) {
				t->p = t->end;
				return;
			}
			if (p + 1 < t->end && p[1] == '/') {
				t->p = p + 2;
				break;
			}
			p++;
		}
	}
}

static void set_simple(struct css_tokenizer *t, struct css_token *out, uint8_t type, size_t n)
{
	out->type = type;
	t->p += n;
}

void css_consume_token(struct css_tokenizer *t, struct css_token *out)
{
	if (t->p < t->end && *t->p == '/')
		consume_comments(t);
	memset(out, 0, sizeof *out);
	out->offset = (uint32_t)(t->p - t->start);
	if (t->p >= t->end) {
		out->type = CSS_TOK_EOF;
		return;
	}
	const char *p = t->p;
	uint8_t c = (uint8_t)*p;
	/* The two most common tokens first, by class, before the dispatch. */
	if (CLS(c) & CC_WS) {
		p++;
		while (p < t->end && (CLS(*p) & CC_WS))
			p++;
		out->type = CSS_TOK_WHITESPACE;
		t->p = p;
		return;
	}
	if ((CLS(c) & CC_NAME_START) && (c | 0x20) != 'u') {
		consume_ident_like(t, out);
		return;
	}
	uint8_t next = peek(t, p, 1);
	switch (c) {
	case '"':
	case '\'':
		consume_string(t, out);
		return;
	case '#':
		if ((p + 1 < t->end && (CLS(next) & CC_NAME)) || valid_escape(t, p + 1)) {
			out->type = CSS_TOK_HASH;
			if (starts_ident(t, p + 1))
				out->flags = CSS_TOKEN_HASH_ID;
			p++;
			out->value = consume_ident_sequence(t, &p);
			t->p = p;
			return;
		}
		break;
	case '(':
		set_simple(t, out, CSS_TOK_LPAREN, 1);
		return;
	case ')':
		set_simple(t, out, CSS_TOK_RPAREN, 1);
		return;
	case '[':
		set_simple(t, out, CSS_TOK_LBRACKET, 1);
		return;
	case ']':
		set_simple(t, out, CSS_TOK_RBRACKET, 1);
		return;
	case '{':
		set_simple(t, out, CSS_TOK_LBRACE, 1);
		return;
	case '}':
		set_simple(t, out, CSS_TOK_RBRACE, 1);
		return;
	case ',':
		set_simple(t, out, CSS_TOK_COMMA, 1);
		return;
	case ':':
		set_simple(t, out, CSS_TOK_COLON, 1);
		return;
	case ';':
		set_simple(t, out, CSS_TOK_SEMICOLON, 1);
		return;
	case '+':
	case '.':
		if (starts_number(t, p)) {
			consume_numeric(t, out);
			return;
		}
		break;
	case '-':
		if (starts_number(t, p)) {
			consume_numeric(t, out);
			return;
		}
		if (next == '-' && peek(t, p, 2) == '>') {
			set_simple(t, out, CSS_TOK_CDC, 3);
			return;
		}
		if (starts_ident(t, p)) {
			consume_ident_like(t, out);
			return;
		}
		break;
	case '<':
		if (next == '!' && peek(t, p, 2) == '-' && peek(t, p, 3) == '-') {
			set_simple(t, out, CSS_TOK_CDO, 4);
			return;
		}
		break;
	case '@':
		if (starts_ident(t, p + 1)) {
			p++;
			out->type = CSS_TOK_AT_KEYWORD;
			out->value = consume_ident_sequence(t, &p);
			t->p = p;
			return;
		}
		break;
	case '\\':
		if (valid_escape(t, p)) {
			consume_ident_like(t, out);
			return;
		}
		break; /* parse error: a delim */
	case '~':
	case '|':
	case '^':
	case '$':
	case '*':
		if (next == '=') {
			static const uint8_t match_type[] = {['~' - '$'] = CSS_TOK_INCLUDE_MATCH,
							     ['|' - '$'] = CSS_TOK_DASH_MATCH,
							     ['^' - '$'] = CSS_TOK_PREFIX_MATCH,
							     ['$' - '$'] = CSS_TOK_SUFFIX_MATCH,
							     ['*' - '$'] = CSS_TOK_SUBSTRING_MATCH};
			set_simple(t, out, match_type[c - '$'], 2);
			return;
		}
		if (c == '|' && next == '|') {
			set_simple(t, out, CSS_TOK_COLUMN, 2);
			return;
		}
		break;
	case 'u':
	case 'U':
		if (t->unicode_ranges_allowed && next == '+' &&
		    ((CLS(peek(t, p, 2)) & CC_HEX) || peek(t, p, 2) == '?') && p + 2 < t->end) {
			consume_unicode_range(t, out);
			return;
		}
		consume_ident_like(t, out);
		return;
	default:
		if (CC_IS_DIGIT(c)) {
			consume_numeric(t, out);
			return;
		}
		break;
	}
	/* Anything else: a delim token holding one code point. */
	out->type = CSS_TOK_DELIM;
	out->delim = base_utf8_decode(&p, t->end);
	t->p = p;
}
