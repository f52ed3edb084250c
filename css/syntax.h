/* css/syntax.h: CSS Syntax Level 3 (https://www.w3.org/TR/css-syntax-3/)
 * and the small value micro-syntaxes built on it (An+B, unicode-range,
 * <color>). Internal header of the css module.
 *
 * Pipeline: text (or bytes, decoded by css_decode_stylesheet_bytes) is
 * preprocessed (§3.3), tokenized (§4) and grouped into a tree of component
 * values (functions and simple blocks hold their contents). Every parse
 * entry point (§5.3) then works on arrays of component values, so a rule's
 * prelude, a declaration's value and a block's contents are plain slices
 * (struct css_cv_list) pointing into that tree: nothing is copied, and a
 * block's contents can be parsed again later with the *_cv entry points
 * (e.g. css_parse_block_contents_cv on a style rule's block).
 *
 * Ownership: everything a parse function returns (tokens, component values,
 * lists, nodes, decoded text) is allocated in the struct base_arena the
 * caller passes and lives as long as it. Token text (struct css_str) points
 * into the caller's input when no escape or preprocessing changed it, and
 * into the arena otherwise, so the input must outlive the results too
 * (css_decode_stylesheet_bytes output is arena-owned, so that case is safe).
 * Strings are UTF-8, not NUL-terminated.
 *
 * Depth: block parsing is iterative, so any nesting depth parses without
 * recursion (nested light-dark() colors are bounded); consumers that
 * recurse into css_cv children (calc(), var(), serializers) must bound
 * their own depth.
 *
 * No global mutable state: all functions are safe to call from several
 * threads on different arenas. */
#ifndef WEFT_CSS_SYNTAX_H
#define WEFT_CSS_SYNTAX_H

#include "css/css.h"

/* A slice of UTF-8 text (not NUL-terminated). */
struct css_str {
	const char *ptr;
	size_t len;
};

/* ---- Tokens (§4) ------------------------------------------------------ */

enum css_token_type {
	CSS_TOK_EOF = 0,
	CSS_TOK_IDENT,
	CSS_TOK_FUNCTION, /* value = name; as a component value: a function */
	CSS_TOK_AT_KEYWORD,
	CSS_TOK_HASH,
	CSS_TOK_STRING,
	CSS_TOK_BAD_STRING,
	CSS_TOK_URL,
	CSS_TOK_BAD_URL,
	CSS_TOK_DELIM,
	CSS_TOK_NUMBER,
	CSS_TOK_PERCENTAGE,
	CSS_TOK_DIMENSION, /* value = unit */
	CSS_TOK_UNICODE_RANGE, /* only when unicode ranges are allowed */
	CSS_TOK_WHITESPACE,
	CSS_TOK_CDO,
	CSS_TOK_CDC,
	CSS_TOK_COLON,
	CSS_TOK_SEMICOLON,
	CSS_TOK_COMMA,
	CSS_TOK_LBRACKET, /* as a component value: a [] simple block */
	CSS_TOK_RBRACKET,
	CSS_TOK_LPAREN, /* as a component value: a () simple block */
	CSS_TOK_RPAREN,
	CSS_TOK_LBRACE, /* as a component value: a {} simple block */
	CSS_TOK_RBRACE,
	CSS_TOK_INCLUDE_MATCH, /* ~= */
	CSS_TOK_DASH_MATCH, /* |= */
	CSS_TOK_PREFIX_MATCH, /* ^= */
	CSS_TOK_SUFFIX_MATCH, /* $= */
	CSS_TOK_SUBSTRING_MATCH, /* *= */
	CSS_TOK_COLUMN, /* || */
	CSS_TOK_COUNT_
};

/* Token flags. */
enum {
	CSS_TOKEN_HASH_ID = 1 << 0, /* hash token type flag "id" (else "unrestricted") */
	CSS_TOKEN_INTEGER = 1 << 1, /* numeric type flag "integer" (else "number") */
	CSS_TOKEN_EOF_IN_STRING = 1 << 2, /* string ended by EOF (a parse error) */
	CSS_TOKEN_EOF_IN_URL = 1 << 3, /* url ended by EOF (a parse error) */
	CSS_TOKEN_UNCLOSED = 1 << 4, /* block or function ended by EOF */
	CSS_TOKEN_SIGNED = 1 << 5, /* numeric token written with + or - (An+B needs it) */
};

struct css_token {
	uint8_t type; /* enum css_token_type */
	uint8_t flags; /* CSS_TOKEN_* */
	uint32_t offset; /* byte offset of the token in the preprocessed input */
	/* ident, function name, at-keyword, hash, string and url value; the
	 * unit of a dimension. Escapes already resolved. */
	struct css_str value;
	union {
		/* Numeric tokens: the source text of the number ("+.50", "1e3"). */
		struct css_str repr;
		uint32_t delim; /* CSS_TOK_DELIM: the code point */
		struct {
			uint32_t start, end;
		} urange; /* CSS_TOK_UNICODE_RANGE */
	};
	double number; /* numeric tokens: the value */
};

/* The tokenizer: one token at a time, no allocation unless an escape or
 * preprocessing forces a copy. Input must already be preprocessed (see
 * css_preprocess) or come from css_tokenizer_init_text, which does it. */
struct css_tokenizer {
	const char *start;
	const char *p;
	const char *end;
	struct base_arena *arena;
	/* §4 "unicode ranges allowed": tokenize U+... as unicode-range tokens
	 * (set by consumers of the unicode-range descriptor and tests). */
	bool unicode_ranges_allowed;
};

/* §3.3 Preprocessing the input stream: CR, FF and CRLF become LF, NUL and
 * surrogates or invalid UTF-8 become U+FFFD. Returns the input itself when
 * nothing changes, else an arena copy. */
struct css_str css_preprocess(struct base_arena *a, const char *text, size_t len);
/* Preprocesses text and starts tokenizing it. */
void css_tokenizer_init_text(struct css_tokenizer *t, struct base_arena *a, const char *text, size_t len);
/* "Consume a token" (§4.3.1). Returns CSS_TOK_EOF (repeatedly) at the end.
 * Comments are skipped. */
void css_consume_token(struct css_tokenizer *t, struct css_token *out);

/* ---- Component values (§5) ------------------------------------------- */

struct css_cv;

/* A slice of component values (an array in the arena). */
struct css_cv_list {
	const struct css_cv *items;
	size_t len;
};

/* A component value: a preserved token, a function (tok.type
 * CSS_TOK_FUNCTION, tok.value the name, children its arguments) or a
 * simple block (tok.type CSS_TOK_LBRACE/LBRACKET/LPAREN, children its
 * contents). Unmatched closers ) ] } are preserved tokens. */
struct css_cv {
	struct css_token tok;
	struct css_cv_list children;
};

static inline bool css_cv_is_block(const struct css_cv *cv)
{
	return cv->tok.type == CSS_TOK_LBRACE || cv->tok.type == CSS_TOK_LBRACKET ||
	       cv->tok.type == CSS_TOK_LPAREN;
}

static inline bool css_cv_is_function(const struct css_cv *cv, const char *lower_name)
{
	return cv->tok.type == CSS_TOK_FUNCTION &&
	       base_ascii_ieq_lit(cv->tok.value.ptr, cv->tok.value.len, lower_name);
}

static inline bool css_cv_is_ident(const struct css_cv *cv, const char *lower_name)
{
	return cv->tok.type == CSS_TOK_IDENT &&
	       base_ascii_ieq_lit(cv->tok.value.ptr, cv->tok.value.len, lower_name);
}

static inline bool css_cv_is_delim(const struct css_cv *cv, uint32_t cp)
{
	return cv->tok.type == CSS_TOK_DELIM && cv->tok.delim == cp;
}

/* ---- Rules and declarations (§5.3, §5.4) ------------------------------ */

enum css_node_type {
	CSS_NODE_QUALIFIED_RULE,
	CSS_NODE_AT_RULE,
	CSS_NODE_DECLARATION,
	/* A parse error that dropped a rule or declaration; `error` says why.
	 * Lists keep them in place (tests and diagnostics want them);
	 * consumers skip them. */
	CSS_NODE_ERROR,
};

/* Result of the single-item entry points, and `error` of error nodes. */
enum css_parse_status {
	CSS_PARSE_OK = 0,
	CSS_PARSE_EMPTY, /* only whitespace/comments */
	CSS_PARSE_EXTRA_INPUT, /* something followed the item */
	CSS_PARSE_INVALID, /* anything else */
};

struct css_node {
	uint8_t type; /* enum css_node_type */
	uint8_t error; /* CSS_NODE_ERROR: enum css_parse_status */
	bool important; /* declaration ended with !important */
	bool has_block; /* at-rule: ended by a {} block (else ; or EOF) */
	struct css_str name; /* at-rule name or declaration name */
	struct css_cv_list prelude; /* rule prelude */
	struct css_cv_list block; /* rule block contents (raw component values) */
	/* Declaration value: everything after the colon up to the ; with a
	 * trailing "! important" removed. Whitespace around it is kept (as the
	 * test suites expect), so skip it with css_cv_next. */
	struct css_cv_list value;
	uint32_t offset; /* byte offset in the preprocessed input */
};

struct css_node_list {
	const struct css_node *items;
	size_t len;
};

/* "Parse a stylesheet" from text (already decoded); top-level CDO/CDC are
 * dropped. https://www.w3.org/TR/css-syntax-3/#parse-stylesheet */
struct css_node_list css_parse_stylesheet(struct base_arena *a, const char *text, size_t len);

/* §3.2 Determine the fallback encoding and decode: BOM, then the protocol
 * encoding label, then @charset "...";, then the environment encoding, then
 * UTF-8. Labels are Encoding Standard labels (NULL when absent). Sets
 * *encoding_name to the lower-case canonical name (e.g. "utf-8",
 * "windows-1252"). The text is arena-owned. */
struct css_str css_decode_stylesheet_bytes(struct base_arena *a, const char *bytes, size_t len,
					   const char *protocol_encoding,
					   const char *environment_encoding,
					   const char **encoding_name);
/* Decode (as above) and parse a stylesheet. */
struct css_node_list css_parse_stylesheet_bytes(struct base_arena *a, const char *bytes, size_t len,
						const char *protocol_encoding,
						const char *environment_encoding,
						const char **encoding_name);

/* "Parse a list of rules" (2021 CR; e.g. the block of @media or
 * @keyframes): CDO/CDC are not special here. */
struct css_node_list css_parse_rule_list(struct base_arena *a, const char *text, size_t len);
struct css_node_list css_parse_rule_list_cv(struct base_arena *a, struct css_cv_list in);

/* "Parse a rule": one at-rule or qualified rule. */
enum css_parse_status css_parse_rule(struct base_arena *a, const char *text, size_t len,
				     struct css_node *out);

/* "Parse a declaration": one declaration, the rest of the input its value. */
enum css_parse_status css_parse_declaration(struct base_arena *a, const char *text, size_t len,
					    struct css_node *out);

/* Parse a list of declarations (the 2021 CR algorithm: declarations and
 * at-rules, no qualified rules; e.g. a style="" attribute or @page). */
struct css_node_list css_parse_declaration_list(struct base_arena *a, const char *text, size_t len);
struct css_node_list css_parse_declaration_list_cv(struct base_arena *a, struct css_cv_list in);

/* "Parse a block's contents" (Editor's Draft, CSS Nesting): declarations,
 * at-rules and nested qualified rules in source order. Use on a style
 * rule's block. Given text, an unmatched } ends the contents. */
struct css_node_list css_parse_block_contents(struct base_arena *a, const char *text, size_t len);
struct css_node_list css_parse_block_contents_cv(struct base_arena *a, struct css_cv_list in);

/* "Parse a component value": exactly one, surrounded by whitespace only. */
enum css_parse_status css_parse_component_value(struct base_arena *a, const char *text, size_t len,
						struct css_cv *out);

/* "Parse a list of component values" (the whole tree). */
struct css_cv_list css_parse_component_value_list(struct base_arena *a, const char *text, size_t len);
/* The same, tokenizing U+... as unicode-range tokens. */
struct css_cv_list css_parse_component_value_list_urange(struct base_arena *a, const char *text,
							 size_t len);

/* "Parse a comma-separated list of component values": splits `in` at
 * top-level commas. Returns the number of groups (at least 1), stored in
 * *out (arena). */
size_t css_split_commas(struct base_arena *a, struct css_cv_list in, struct css_cv_list **out);

/* §9 Serialization: appends CSS text that parses back to the same
 * component values (whitespace runs collapse to one space; blocks that ran
 * to EOF get their closing token; comments are inserted where two tokens
 * would otherwise merge). */
void css_serialize_cvs(struct base_buf *out, struct css_cv_list l);

/* Helpers for value parsers: skip whitespace from *pos, return the next
 * non-whitespace item or NULL at the end. */
const struct css_cv *css_cv_next(struct css_cv_list in, size_t *pos);
/* Whether only whitespace remains from pos. */
bool css_cv_at_end(struct css_cv_list in, size_t pos);

/* ---- An+B (§6) --------------------------------------------------------- */

/* Parses An+B from in[*pos..]: on success stores A and B, advances *pos
 * past the An+B (leading whitespace skipped, trailing left) and returns
 * true. Values saturate to the int32 range. */
bool css_parse_anb(struct css_cv_list in, size_t *pos, int32_t *a, int32_t *b);

/* ---- <urange> (CSS Syntax §7, CSS Fonts) ------------------------------ */

/* Parses one <urange> from in[*pos..] (normal tokenization: U+ is an ident
 * or dimension...). Returns true with [start, end] on a valid range, start
 * <= end <= 0x10FFFF. */
bool css_parse_urange(struct css_cv_list in, size_t *pos, uint32_t *start, uint32_t *end);

/* ---- <color> (CSS Color 4) -------------------------------------------- */

enum css_color_space {
	CSS_COLOR_LEGACY_SRGB, /* named, hex, rgb(), hsl(), hwb(): c[] = r,g,b in 0..255 */
	CSS_COLOR_SRGB,
	CSS_COLOR_SRGB_LINEAR,
	CSS_COLOR_DISPLAY_P3,
	CSS_COLOR_A98_RGB,
	CSS_COLOR_PROPHOTO_RGB,
	CSS_COLOR_REC2020,
	CSS_COLOR_XYZ_D50,
	CSS_COLOR_XYZ_D65,
	CSS_COLOR_LAB, /* c[] = L, a, b */
	CSS_COLOR_LCH, /* c[] = L, C, h (degrees, [0, 360)) */
	CSS_COLOR_OKLAB,
	CSS_COLOR_OKLCH,
	CSS_COLOR_DEVICE_CMYK, /* c[0..3] = c, m, y, k in 0..1 */
	CSS_COLOR_CUSTOM, /* color(--name ...): `custom` holds the name */
	CSS_COLOR_CURRENT, /* currentColor: resolved by the cascade */
	CSS_COLOR_LIGHT_DARK, /* light-dark(): light_dark[0] light, [1] dark */
};

/* A parsed <color>, components as written (clamped where CSS Color says so
 * at parse time), not converted to sRGB (except hsl()/hwb(), which are
 * legacy sRGB). */
struct css_color_value {
	uint8_t space; /* enum css_color_space */
	uint8_t ncomp; /* components used in c[] */
	uint8_t none; /* bit i: c[i] was `none`; bit 7: alpha was `none` */
	double c[8];
	double alpha; /* 0..1 */
	struct css_str custom;
	/* CSS_COLOR_LIGHT_DARK: the two operands (already validated), parsed
	 * on demand with css_color_light_dark_operand. */
	struct css_cv_list light_dark[2];
};

/* Parses one <color> from a component value (ident, hash or function).
 * Returns false when it is not a valid color. */
bool css_parse_color(const struct css_cv *cv, struct css_color_value *out);
/* Parses a color from a whole list (surrounding whitespace allowed). */
bool css_parse_color_list(struct css_cv_list in, struct css_color_value *out);
/* Operand 0 (light) or 1 (dark) of a light-dark() color. */
bool css_color_light_dark_operand(const struct css_color_value *c, int which,
				  struct css_color_value *out);
/* Converts to 8-bit sRGB (channels clipped); currentColor gives `current`,
 * light-dark() its light operand. */
struct css_color css_color_to_rgba8(const struct css_color_value *c, struct css_color current);
/* The same, choosing light-dark() operands by the used color scheme. */
struct css_color css_color_to_rgba8_scheme(const struct css_color_value *c, struct css_color current,
					   bool dark);

/* Serialization options. CSS Color 4 §15 leaves the precision of sRGB
 * channels to the implementation (at least 8 bits round-trip). */
enum {
	/* Legacy sRGB channels rounded to integers, alpha with the CSSOM
	 * 2-or-3-decimal rule (what browsers and Servo print). Default: up to
	 * 6 decimals. */
	CSS_COLOR_SERIALIZE_8BIT = 1 << 0,
	/* Legacy sRGB as color(srgb r g b) in 0..1 instead of rgb(). */
	CSS_COLOR_SERIALIZE_SRGB_FUNCTION = 1 << 1,
};

/* CSS Color 4 §15 serialization ("rgb(255, 0, 0)", "lab(10 0 0)", ...),
 * arena-allocated and NUL-terminated. */
const char *css_color_serialize(struct base_arena *a, const struct css_color_value *c);
const char *css_color_serialize_with(struct base_arena *a, const struct css_color_value *c,
				     unsigned flags);

#endif
