/* Character references: §13.2.5.72 to §13.2.5.80.
 * https://html.spec.whatwg.org/multipage/parsing.html#character-reference-state
 *
 * The whole input is in memory, so instead of stepping through the states
 * one character at a time this looks ahead from the "&" and decides at
 * once, reporting the same errors at the same positions. */
#include "html/entities.h"
#include "html/tokenizer.h"

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The numeric character reference end state's replacement table for
 * 0x80-0x9F (0 where the code point stays as it is). */
static const uint16_t c1_replacements[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static bool is_noncharacter(uint32_t c)
{
	return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/* §13.2.5.80 numeric character reference end state. */
static uint32_t numeric_end(struct html_tokenizer *t, uint32_t code, size_t at)
{
	if (code == 0) {
		html_tokenizer_error_at(t, at, "null-character-reference");
		return 0xFFFD;
	}
	if (code > 0x10FFFF) {
		html_tokenizer_error_at(t, at, "character-reference-outside-unicode-range");
		return 0xFFFD;
	}
	if (code >= 0xD800 && code <= 0xDFFF) {
		html_tokenizer_error_at(t, at, "surrogate-character-reference");
		return 0xFFFD;
	}
	if (is_noncharacter(code)) {
		html_tokenizer_error_at(t, at, "noncharacter-character-reference");
		return code;
	}
	if (code == 0x0D || ((code < 0x20 || (code >= 0x7F && code <= 0x9F)) && code != 0x09 &&
			     code != 0x0A && code != 0x0C && code != 0x20)) {
		html_tokenizer_error_at(t, at, "control-character-reference");
		if (code >= 0x80 && code <= 0x9F && c1_replacements[code - 0x80])
			return c1_replacements[code - 0x80];
	}
	return code;
}

static size_t numeric_ref(struct html_tokenizer *t, size_t amp, struct base_buf *out)
{
	const unsigned char *in = (const unsigned char *)t->in;
	size_t n = t->len;
	size_t p = amp + 2; /* after "&#" */
	bool hex = false;
	if (p < n && (in[p] == 'x' || in[p] == 'X')) {
		hex = true;
		p++;
	}
	size_t digits_start = p;
	uint32_t code = 0;
	while (p < n) {
		int v = hex ? hex_value(in[p]) : (in[p] >= '0' && in[p] <= '9' ? in[p] - '0' : -1);
		if (v < 0)
			break;
		code = code * (hex ? 16 : 10) + (uint32_t)v;
		if (code > 0x10FFFF)
			code = 0x110000; /* saturate: stays out of range */
		p++;
	}
	if (p == digits_start) {
		/* Absence of digits: flush "&#" or "&#x" and reconsume. */
		html_tokenizer_error_at(t, p, "absence-of-digits-in-numeric-character-reference");
		base_buf_append(out, t->in + amp, p - amp);
		return p - amp - 1;
	}
	if (p < n && in[p] == ';')
		p++;
	else
		html_tokenizer_error_at(t, p, "missing-semicolon-after-character-reference");
	/* The end state's errors are reported after the reference. */
	base_buf_put_utf8(out, numeric_end(t, code, p));
	return p - amp - 1;
}

size_t html_consume_char_ref(struct html_tokenizer *t, size_t amp, bool in_attribute, struct base_buf *out)
{
	const unsigned char *in = (const unsigned char *)t->in;
	size_t n = t->len;
	size_t p = amp + 1;
	if (p < n && in[p] == '#')
		return numeric_ref(t, amp, out);
	if (p >= n || !is_alnum(in[p])) {
		base_buf_putc(out, '&');
		return 0;
	}
	const struct html_entity *e = html_entity_longest_prefix(t->in + p, n - p);
	if (!e) {
		/* Ambiguous ampersand: the alphanumerics are ordinary characters
		 * of the return state; a ";" after them is an error. */
		size_t q = p;
		while (q < n && is_alnum(in[q]))
			q++;
		if (q < n && in[q] == ';')
			html_tokenizer_error_at(t, q, "unknown-named-character-reference");
		base_buf_putc(out, '&');
		return 0;
	}
	size_t end = p + e->len; /* after the last matched character */
	bool semicolon = e->name[e->len - 1] == ';';
	if (in_attribute && !semicolon && end < n && (in[end] == '=' || is_alnum(in[end]))) {
		base_buf_append(out, t->in + amp, end - amp);
		return end - amp - 1;
	}
	if (!semicolon)
		html_tokenizer_error_at(t, end, "missing-semicolon-after-character-reference");
	base_buf_put_utf8(out, e->cp[0]);
	if (e->cp[1])
		base_buf_put_utf8(out, e->cp[1]);
	return end - amp - 1;
}
