/* css/serialize.c: serializing component values back to CSS text, CSS
 * Syntax 3 §9 (round-trip: parsing the output gives the same component
 * values, whitespace runs collapsed) with the escaping of CSSOM §2.1
 * "serialize an identifier" / "serialize a string" / "serialize a URL".
 * https://www.w3.org/TR/css-syntax-3/#serialization
 * https://drafts.csswg.org/cssom/#common-serializing-idioms
 *
 * Blocks are walked with an explicit stack, so depth costs heap only. Every
 * block and function is closed, even one that ran to EOF. */
#include <stdlib.h>
#include <string.h>

#include "css/syntax.h"

static void put_hex_escape(struct base_buf *b, uint32_t cp)
{
	base_buf_printf(b, "\\%x ", (unsigned)cp);
}

/* CSSOM "serialize an identifier" for the code points of s. `hash_name`:
 * the unrestricted hash rules (any name code point may come first). */
static void put_ident(struct base_buf *b, struct css_str s, bool hash_name)
{
	const char *p = s.ptr, *end = s.ptr + s.len;
	size_t index = 0;
	bool first_dash = false;
	while (p < end) {
		uint32_t cp = base_utf8_decode(&p, end);
		bool digit = cp >= '0' && cp <= '9';
		if (cp == 0) {
			base_buf_put_utf8(b, 0xFFFD);
		} else if ((cp >= 1 && cp <= 0x1F) || cp == 0x7F) {
			put_hex_escape(b, cp);
		} else if (!hash_name && digit && (index == 0 || (index == 1 && first_dash))) {
			put_hex_escape(b, cp);
		} else if (!hash_name && index == 0 && cp == '-' && s.len == 1) {
			base_buf_puts(b, "\\-");
		} else if (cp >= 0x80 || cp == '-' || cp == '_' || digit || (cp >= 'a' && cp <= 'z') ||
			   (cp >= 'A' && cp <= 'Z')) {
			base_buf_put_utf8(b, cp);
		} else {
			base_buf_putc(b, '\\');
			base_buf_put_utf8(b, cp);
		}
		if (index == 0)
			first_dash = cp == '-';
		index++;
	}
}

/* CSSOM "serialize a string". */
static void put_string(struct base_buf *b, struct css_str s)
{
	const char *p = s.ptr, *end = s.ptr + s.len;
	base_buf_putc(b, '"');
	while (p < end) {
		uint32_t cp = base_utf8_decode(&p, end);
		if (cp == 0)
			base_buf_put_utf8(b, 0xFFFD);
		else if ((cp >= 1 && cp <= 0x1F) || cp == 0x7F)
			put_hex_escape(b, cp);
		else if (cp == '"' || cp == '\\') {
			base_buf_putc(b, '\\');
			base_buf_putc(b, (char)cp);
		} else
			base_buf_put_utf8(b, cp);
	}
	base_buf_putc(b, '"');
}

/* The body of an unquoted url(): everything that would end or spoil it
 * escaped. */
static void put_url(struct base_buf *b, struct css_str s)
{
	const char *p = s.ptr, *end = s.ptr + s.len;
	base_buf_puts(b, "url(");
	while (p < end) {
		uint32_t cp = base_utf8_decode(&p, end);
		if (cp <= 0x20 || cp == 0x7F)
			put_hex_escape(b, cp ? cp : 0xFFFD);
		else if (cp == '"' || cp == '\'' || cp == '(' || cp == ')' || cp == '\\') {
			base_buf_putc(b, '\\');
			base_buf_putc(b, (char)cp);
		} else
			base_buf_put_utf8(b, cp);
	}
	base_buf_putc(b, ')');
}

/* Token classes of the §9 comment-insertion table. */
enum ser_class {
	SC_OTHER,
	SC_IDENT,
	SC_FUNCTION,
	SC_URL,
	SC_BAD_URL,
	SC_DASH, /* delim - */
	SC_NUMBER,
	SC_PERCENTAGE,
	SC_DIMENSION,
	SC_CDC,
	SC_LPAREN,
	SC_STAR, /* delim * */
	SC_AT_KEYWORD,
	SC_HASH,
	SC_HASH_DELIM, /* delim # */
	SC_AT_DELIM, /* delim @ */
	SC_DOT, /* delim . */
	SC_PLUS, /* delim + */
	SC_SLASH, /* delim / */
	SC_PERCENT_DELIM, /* delim %: "1" then "%" would read as a percentage */
	/* Beyond the spec's table, for the tokens this tokenizer keeps from
	 * the 2014 CR (match tokens, ||, unicode-range) and CDO. */
	SC_MATCH_DELIM, /* delim ~ ^ $: followed by = is a match token */
	SC_PIPE, /* delim |: "||" and "|=" */
	SC_EQUALS, /* delim = */
	SC_LT, /* delim < */
	SC_BANG, /* delim ! */
	SC_QUESTION, /* delim ? */
	SC_URANGE,
	SC_DASHDASH, /* ident "--": followed by > would read as CDC */
	SC_GT, /* delim > */
	SC_STAR_EQ, /* *= after / would open a comment */
	SC_IDENT_U, /* ident "u": "u" "+" "a" would read as a unicode-range */
	SC_PIPE_TOKEN, /* || and |= */
	SC_COUNT_,
};

/* Column sets of the table: which second tokens need a comment after the
 * row's first token. Beyond the spec's table, CDC also needs one after a
 * number, "-", "#" or "@" ("1-->" would read as the dimension "1--"). */
#define COL(c) (1u << (c))
/* Tokens that start with an ident code point ("U+1" included). */
#define COLS_IDENTLIKE                                                                   \
	(COL(SC_IDENT) | COL(SC_IDENT_U) | COL(SC_DASHDASH) | COL(SC_FUNCTION) | COL(SC_URL) | \
	 COL(SC_BAD_URL) | COL(SC_URANGE))
#define COLS_NUMERIC (COL(SC_NUMBER) | COL(SC_PERCENTAGE) | COL(SC_DIMENSION))

static const uint32_t needs_comment[SC_COUNT_] = {
	[SC_IDENT] = COLS_IDENTLIKE | COL(SC_DASH) | COLS_NUMERIC | COL(SC_CDC) | COL(SC_LPAREN),
	[SC_AT_KEYWORD] = COLS_IDENTLIKE | COL(SC_DASH) | COLS_NUMERIC | COL(SC_CDC),
	[SC_HASH] = COLS_IDENTLIKE | COL(SC_DASH) | COLS_NUMERIC | COL(SC_CDC),
	[SC_DIMENSION] = COLS_IDENTLIKE | COL(SC_DASH) | COLS_NUMERIC | COL(SC_CDC),
	[SC_HASH_DELIM] = COLS_IDENTLIKE | COL(SC_DASH) | COLS_NUMERIC | COL(SC_CDC),
	[SC_DASH] = COLS_IDENTLIKE | COL(SC_DASH) | COLS_NUMERIC | COL(SC_CDC),
	[SC_NUMBER] = COLS_IDENTLIKE | COLS_NUMERIC | COL(SC_PERCENT_DELIM) | COL(SC_CDC),
	[SC_AT_DELIM] = COLS_IDENTLIKE | COL(SC_DASH) | COL(SC_CDC),
	[SC_DOT] = COLS_NUMERIC,
	[SC_PLUS] = COLS_NUMERIC,
	[SC_SLASH] = COL(SC_STAR) | COL(SC_STAR_EQ),
	[SC_STAR] = COL(SC_EQUALS),
	[SC_MATCH_DELIM] = COL(SC_EQUALS),
	[SC_PIPE] = COL(SC_EQUALS) | COL(SC_PIPE) | COL(SC_PIPE_TOKEN),
	[SC_LT] = COL(SC_BANG),
	[SC_URANGE] = COLS_IDENTLIKE | COLS_NUMERIC | COL(SC_DASH) | COL(SC_QUESTION),
	[SC_IDENT_U] = COLS_IDENTLIKE | COL(SC_DASH) | COLS_NUMERIC | COL(SC_CDC) | COL(SC_LPAREN) |
		       COL(SC_PLUS),
	[SC_DASHDASH] = COLS_IDENTLIKE | COL(SC_DASH) | COLS_NUMERIC | COL(SC_CDC) | COL(SC_LPAREN) |
			COL(SC_GT),
};

static enum ser_class class_of(const struct css_token *t)
{
	switch (t->type) {
	case CSS_TOK_IDENT:
		if (t->value.len == 2 && memcmp(t->value.ptr, "--", 2) == 0)
			return SC_DASHDASH;
		if (t->value.len == 1 && (t->value.ptr[0] == 'u' || t->value.ptr[0] == 'U'))
			return SC_IDENT_U;
		return SC_IDENT;
	case CSS_TOK_FUNCTION:
		return SC_FUNCTION;
	case CSS_TOK_URL:
		return SC_URL;
	case CSS_TOK_BAD_URL:
		return SC_BAD_URL;
	case CSS_TOK_NUMBER:
		return SC_NUMBER;
	case CSS_TOK_PERCENTAGE:
		return SC_PERCENTAGE;
	case CSS_TOK_DIMENSION:
		return SC_DIMENSION;
	case CSS_TOK_CDC:
		return SC_CDC;
	case CSS_TOK_LPAREN:
		return SC_LPAREN;
	case CSS_TOK_AT_KEYWORD:
		return SC_AT_KEYWORD;
	case CSS_TOK_HASH:
		return SC_HASH;
	case CSS_TOK_UNICODE_RANGE:
		return SC_URANGE;
	case CSS_TOK_SUBSTRING_MATCH:
		return SC_STAR_EQ;
	case CSS_TOK_COLUMN:
	case CSS_TOK_DASH_MATCH:
		return SC_PIPE_TOKEN;
	case CSS_TOK_DELIM:
		switch (t->delim) {
		case '-':
			return SC_DASH;
		case '*':
			return SC_STAR;
		case '#':
			return SC_HASH_DELIM;
		case '@':
			return SC_AT_DELIM;
		case '.':
			return SC_DOT;
		case '+':
			return SC_PLUS;
		case '/':
			return SC_SLASH;
		case '%':
			return SC_PERCENT_DELIM;
		case '~':
		case '^':
		case '$':
			return SC_MATCH_DELIM;
		case '|':
			return SC_PIPE;
		case '=':
			return SC_EQUALS;
		case '<':
			return SC_LT;
		case '!':
			return SC_BANG;
		case '?':
			return SC_QUESTION;
		case '>':
			return SC_GT;
		default:
			return SC_OTHER;
		}
	default:
		return SC_OTHER;
	}
}

/* A dimension's unit that would read as an exponent ("1" "e3") gets its
 * "e" escaped. */
static void put_unit(struct base_buf *b, struct css_str unit)
{
	const char *u = unit.ptr;
	size_t n = unit.len;
	if (n >= 2 && (u[0] == 'e' || u[0] == 'E') &&
	    ((u[1] >= '0' && u[1] <= '9') ||
	     ((u[1] == '+' || u[1] == '-') && n >= 3 && u[2] >= '0' && u[2] <= '9'))) {
		put_hex_escape(b, (uint8_t)u[0]);
		unit.ptr++;
		unit.len--;
		put_ident(b, unit, true);
		return;
	}
	put_ident(b, unit, false);
}

static const char *const fixed_text[CSS_TOK_COUNT_] = {
	[CSS_TOK_WHITESPACE] = " ",   [CSS_TOK_CDO] = "<!--",	   [CSS_TOK_CDC] = "-->",
	[CSS_TOK_COLON] = ":",	      [CSS_TOK_SEMICOLON] = ";",	   [CSS_TOK_COMMA] = ",",
	[CSS_TOK_LBRACKET] = "[",     [CSS_TOK_RBRACKET] = "]",	   [CSS_TOK_LPAREN] = "(",
	[CSS_TOK_RPAREN] = ")",	      [CSS_TOK_LBRACE] = "{",	   [CSS_TOK_RBRACE] = "}",
	[CSS_TOK_INCLUDE_MATCH] = "~=", [CSS_TOK_DASH_MATCH] = "|=",	   [CSS_TOK_PREFIX_MATCH] = "^=",
	[CSS_TOK_SUFFIX_MATCH] = "$=", [CSS_TOK_SUBSTRING_MATCH] = "*=", [CSS_TOK_COLUMN] = "||",
	[CSS_TOK_BAD_URL] = "url(a b)",
};

/* Writes one token (for functions: the name and "("). */
static void put_token(struct base_buf *b, const struct css_token *t, bool after_bad_string)
{
	switch (t->type) {
	case CSS_TOK_IDENT:
		put_ident(b, t->value, false);
		return;
	case CSS_TOK_FUNCTION:
		put_ident(b, t->value, false);
		base_buf_putc(b, '(');
		return;
	case CSS_TOK_AT_KEYWORD:
		base_buf_putc(b, '@');
		put_ident(b, t->value, false);
		return;
	case CSS_TOK_HASH:
		base_buf_putc(b, '#');
		put_ident(b, t->value, !(t->flags & CSS_TOKEN_HASH_ID));
		return;
	case CSS_TOK_STRING:
		put_string(b, t->value);
		return;
	case CSS_TOK_BAD_STRING:
		/* A quote the next newline (always a whitespace token) ends. */
		base_buf_putc(b, '"');
		return;
	case CSS_TOK_URL:
		put_url(b, t->value);
		return;
	case CSS_TOK_DELIM:
		base_buf_put_utf8(b, t->delim);
		if (t->delim == '\\')
			base_buf_putc(b, '\n');
		return;
	case CSS_TOK_NUMBER:
	case CSS_TOK_PERCENTAGE:
	case CSS_TOK_DIMENSION:
		base_buf_append(b, t->repr.ptr, t->repr.len);
		if (t->type == CSS_TOK_PERCENTAGE)
			base_buf_putc(b, '%');
		else if (t->type == CSS_TOK_DIMENSION)
			put_unit(b, t->value);
		return;
	case CSS_TOK_UNICODE_RANGE:
		if (t->urange.start == t->urange.end)
			base_buf_printf(b, "U+%X", (unsigned)t->urange.start);
		else
			base_buf_printf(b, "U+%X-%X", (unsigned)t->urange.start, (unsigned)t->urange.end);
		return;
	case CSS_TOK_WHITESPACE:
		base_buf_putc(b, after_bad_string ? '\n' : ' ');
		return;
	default:
		if (t->type < CSS_TOK_COUNT_ && fixed_text[t->type])
			base_buf_puts(b, fixed_text[t->type]);
		return;
	}
}

static const char *closer_text(uint8_t type)
{
	return type == CSS_TOK_LBRACE ? "}" : type == CSS_TOK_LBRACKET ? "]" : ")";
}

struct ser_frame {
	struct css_cv_list list;
	size_t next;
	const char *closer; /* NULL for the top level */
};

void css_serialize_cvs(struct base_buf *b, struct css_cv_list l)
{
	struct ser_frame *stack = base_xmalloc(16 * sizeof *stack);
	size_t depth = 1, cap = 16;
	stack[0] = (struct ser_frame){l, 0, NULL};
	enum ser_class prev = SC_OTHER;
	bool prev_bad_string = false;
	while (depth) {
		struct ser_frame *f = &stack[depth - 1];
		if (f->next == f->list.len) {
			if (f->closer) {
				base_buf_puts(b, f->closer);
				prev = SC_OTHER;
				prev_bad_string = false;
			}
			depth--;
			continue;
		}
		const struct css_cv *cv = &f->list.items[f->next++];
		enum ser_class cls = class_of(&cv->tok);
		if (needs_comment[prev] & COL(cls))
			base_buf_puts(b, "/**/");
		put_token(b, &cv->tok, prev_bad_string);
		prev = cls == SC_FUNCTION || cls == SC_LPAREN ? SC_OTHER : cls;
		prev_bad_string = cv->tok.type == CSS_TOK_BAD_STRING;
		if (cv->tok.type == CSS_TOK_FUNCTION || css_cv_is_block(cv)) {
			if (depth == cap) {
				cap *= 2;
				stack = base_xrealloc(stack, cap * sizeof *stack);
			}
			stack[depth++] = (struct ser_frame){cv->children, 0, closer_text(cv->tok.type)};
		}
	}
	free(stack);
}
