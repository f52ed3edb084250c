/* Line break opportunities: UAX #14 via libunibreak, mapped to one value
 * per byte of the UTF-8 text (CSS Text 3 §5 "Line Breaking and Word
 * Boundaries"). word-break and white-space adjustments are applied by the
 * inline formatting context, which knows the styles of each range.
 *
 * The opportunities of a paragraph are kept in the shaping cache, two bits
 * a byte, keyed by language and text: a paragraph measured for intrinsic
 * sizes and then laid out, or laid out again after a resize, is analysed
 * once.
 *
 * Text of printable ASCII, tabs and newlines (most paragraphs of most
 * pages) is analysed by a pair table here instead, with results identical
 * to libunibreak's (tests/test_layout_line_breaks.c compares them): it is
 * cheap enough not to be cached. Both give libunibreak's results with
 * Chromium's one tailoring, breaks after hyphens before digits. */
#include "layout/internal.h"

#include <linebreak.h>
#include <stdlib.h>

/* Paragraphs longer than this are analysed but not kept. */
#define MAX_CACHED_PARAGRAPH (1u << 20)

static void put_u64(struct base_buf *b, uint64_t v)
{
	unsigned char bytes[8];
	for (int i = 0; i < 8; i++)
		bytes[i] = (unsigned char)(v >> (8 * i));
	base_buf_append(b, bytes, sizeof bytes);
}

/* UAX #14 line breaking classes of the ASCII fast path: the pair table's
 * rows and columns, then rows for the states only a space makes, then
 * classes outside the table. */
enum ascii_class {
	LB_OP, LB_CP, LB_CL, LB_QU, LB_EX, LB_SY, LB_IS, LB_PR, LB_PO, LB_NU, LB_AL, LB_HY, LB_BA,
	LB_COLUMNS,
	/* A space at the start of the text, which UAX #14 LB7/LB10 leave as
	 * no break opportunity (libunibreak takes it as WJ). */
	LB_LEADING_SPACE = LB_COLUMNS,
	/* Spaces that begin a line after a mandatory break. */
	LB_SPACE_AFTER_BREAK,
	LB_ROWS,
	LB_SP = LB_ROWS, LB_LF,
};

/* The class of each ASCII byte, plus one (UAX #14 LineBreak.txt, as
 * libunibreak 1.1 has it); 0 for the controls other than tab and newline,
 * left to libunibreak. */
#define C(x) (LB_##x + 1)
static const uint8_t ascii_classes[128] = {
	['\t'] = C(BA), ['\n'] = C(LF), [' '] = C(SP),  ['!'] = C(EX), ['"'] = C(QU),  ['#'] = C(AL), ['$'] = C(PR),
	['%'] = C(PO),  ['&'] = C(AL),  ['\''] = C(QU), ['('] = C(OP), [')'] = C(CP),  ['*'] = C(AL), ['+'] = C(PR),
	[','] = C(IS),  ['-'] = C(HY),  ['.'] = C(IS),  ['/'] = C(SY), ['0'] = C(NU),  ['1'] = C(NU), ['2'] = C(NU),
	['3'] = C(NU),  ['4'] = C(NU),  ['5'] = C(NU),  ['6'] = C(NU), ['7'] = C(NU),  ['8'] = C(NU), ['9'] = C(NU),
	[':'] = C(IS),  [';'] = C(IS),  ['<'] = C(AL),  ['='] = C(AL), ['>'] = C(AL),  ['?'] = C(EX), ['@'] = C(AL),
	['['] = C(OP),  ['\\'] = C(PR), [']'] = C(CP),  ['^'] = C(AL), ['_'] = C(AL),  ['`'] = C(AL), ['{'] = C(OP),
	['|'] = C(BA),  ['}'] = C(CL),  ['~'] = C(AL),
	['A'] = C(AL), ['B'] = C(AL), ['C'] = C(AL), ['D'] = C(AL), ['E'] = C(AL), ['F'] = C(AL), ['G'] = C(AL),
	['H'] = C(AL), ['I'] = C(AL), ['J'] = C(AL), ['K'] = C(AL), ['L'] = C(AL), ['M'] = C(AL), ['N'] = C(AL),
	['O'] = C(AL), ['P'] = C(AL), ['Q'] = C(AL), ['R'] = C(AL), ['S'] = C(AL), ['T'] = C(AL), ['U'] = C(AL),
	['V'] = C(AL), ['W'] = C(AL), ['X'] = C(AL), ['Y'] = C(AL), ['Z'] = C(AL),
	['a'] = C(AL), ['b'] = C(AL), ['c'] = C(AL), ['d'] = C(AL), ['e'] = C(AL), ['f'] = C(AL), ['g'] = C(AL),
	['h'] = C(AL), ['i'] = C(AL), ['j'] = C(AL), ['k'] = C(AL), ['l'] = C(AL), ['m'] = C(AL), ['n'] = C(AL),
	['o'] = C(AL), ['p'] = C(AL), ['q'] = C(AL), ['r'] = C(AL), ['s'] = C(AL), ['t'] = C(AL), ['u'] = C(AL),
	['v'] = C(AL), ['w'] = C(AL), ['x'] = C(AL), ['y'] = C(AL), ['z'] = C(AL),
};
#undef C

/* UAX #14 §7.1 pair table for these classes: D a direct break, I an
 * indirect one (only after spaces), P none even after spaces. */
enum { LB_D, LB_I, LB_P };
static const uint8_t ascii_pairs[LB_ROWS][LB_COLUMNS] = {
	/*                 OP    CP    CL    QU    EX    SY    IS    PR    PO    NU    AL    HY    BA */
	[LB_OP] = {LB_P, LB_P, LB_P, LB_P, LB_P, LB_P, LB_P, LB_P, LB_P, LB_P, LB_P, LB_P, LB_P},
	[LB_CP] = {LB_D, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_I, LB_I, LB_I, LB_I, LB_I, LB_I},
	[LB_CL] = {LB_D, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_I, LB_I, LB_D, LB_D, LB_I, LB_I},
	[LB_QU] = {LB_P, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_I, LB_I, LB_I, LB_I, LB_I, LB_I},
	[LB_EX] = {LB_D, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_D, LB_D, LB_D, LB_D, LB_I, LB_I},
	[LB_SY] = {LB_D, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_D, LB_D, LB_I, LB_D, LB_I, LB_I},
	[LB_IS] = {LB_D, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_D, LB_D, LB_I, LB_I, LB_I, LB_I},
	[LB_PR] = {LB_I, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_D, LB_D, LB_I, LB_I, LB_I, LB_I},
	[LB_PO] = {LB_I, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_D, LB_D, LB_I, LB_I, LB_I, LB_I},
	[LB_NU] = {LB_I, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_I, LB_I, LB_I, LB_I, LB_I, LB_I},
	[LB_AL] = {LB_I, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_D, LB_D, LB_I, LB_I, LB_I, LB_I},
	[LB_HY] = {LB_D, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_D, LB_D, LB_I, LB_D, LB_I, LB_I},
	[LB_BA] = {LB_D, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_D, LB_D, LB_D, LB_D, LB_I, LB_I},
	[LB_LEADING_SPACE] = {LB_I, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_I, LB_I, LB_I, LB_I, LB_I, LB_I},
	[LB_SPACE_AFTER_BREAK] = {LB_I, LB_P, LB_P, LB_I, LB_P, LB_P, LB_P, LB_I, LB_I, LB_I, LB_I, LB_I, LB_I},
};

/* UAX #14 §7 pair table algorithm on ASCII text (LB4-LB7 for newlines and
 * spaces, the table for the rest); false, with brk untouched past what it
 * wrote, when the text has a byte the table does not cover. */
static bool analyse_ascii(const char *text, size_t len, uint8_t *brk)
{
	const unsigned char *t = (const unsigned char *)text;
	for (size_t i = 0; i < len; i++)
		if (t[i] >= 0x80 || !ascii_classes[t[i]])
			return false;
	uint8_t cls = ascii_classes[t[0]] - 1;
	bool after_break = cls == LB_LF, after_space = false;
	if (cls == LB_SP)
		cls = LB_LEADING_SPACE;
	for (size_t i = 1; i < len; i++) {
		uint8_t cur = ascii_classes[t[i]] - 1;
		if (after_break) {
			/* LB4, LB5: a break after a newline; the next line starts. */
			brk[i - 1] = LAYOUT_BREAK_MANDATORY;
			after_break = cur == LB_LF;
			after_space = cur == LB_SP;
			cls = cur == LB_SP ? LB_SPACE_AFTER_BREAK : cur;
			continue;
		}
		brk[i - 1] = LAYOUT_BREAK_NONE;
		if (cur == LB_LF) { /* LB6: no break before a newline */
			after_break = true;
			after_space = false;
			continue;
		}
		if (cur == LB_SP) { /* LB7: no break before a space */
			after_space = true;
			continue;
		}
		uint8_t pair = ascii_pairs[cls][cur];
		if (pair == LB_D || (pair == LB_I && after_space))
			brk[i - 1] = LAYOUT_BREAK_ALLOWED;
		cls = cur;
		after_space = false;
	}
	brk[len - 1] = LAYOUT_BREAK_MANDATORY; /* LB3 */
	return true;
}

/* UAX #14 on text[0, len) into brk (enum layout_break per byte). */
static void analyse(const char *text, size_t len, const char *lang, uint8_t *brk)
{
	char *raw = base_xmalloc(len);
	set_linebreaks_utf8((const utf8_t *)text, len, lang, raw);
	for (size_t i = 0; i < len; i++) {
		switch (raw[i]) {
		case LINEBREAK_MUSTBREAK:
			brk[i] = LAYOUT_BREAK_MANDATORY;
			break;
		case LINEBREAK_ALLOWBREAK:
			brk[i] = LAYOUT_BREAK_ALLOWED;
			break;
		default:
			brk[i] = LAYOUT_BREAK_NONE;
			break;
		}
	}
	free(raw);
}

/* Chromium's tailoring of UAX #14 LB25 (HY × NU): a hyphen between an ASCII
 * letter or digit and a digit is a break opportunity ("ISO-|8859-|1", long
 * URLs), while a hyphen that may be a minus sign ("x -5") still keeps its
 * number. Pages are laid out with Chromium's breaks. */
static bool is_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void tailor_hyphen_digit(const char *text, size_t len, uint8_t *brk)
{
	for (size_t i = 1; i + 1 < len; i++) {
		char before = text[i - 1], lower = (char)(before | 0x20);
		if (text[i] == '-' && brk[i] == LAYOUT_BREAK_NONE && is_ascii_digit(text[i + 1]) &&
		    (is_ascii_digit(before) || (lower >= 'a' && lower <= 'z')))
			brk[i] = LAYOUT_BREAK_ALLOWED;
	}
}

void layout_line_breaks(struct layout_ctx *ctx, const char *text, size_t len, const char *lang, uint8_t *brk)
{
	if (len == 0)
		return;
	if (analyse_ascii(text, len, brk)) {
		/* cheap enough not to be cached */
	} else if (len > MAX_CACHED_PARAGRAPH) {
		analyse(text, len, lang, brk);
	} else {
		/* Key: no face (shaping keys start with one), the language,
		 * then the text. */
		struct base_buf *key = &ctx->shape_key, *packed = &ctx->shape_raw;
		size_t lang_len = lang ? strlen(lang) : 0;
		key->len = 0;
		put_u64(key, 0);
		put_u64(key, lang_len);
		base_buf_append(key, lang ? lang : "", lang_len);
		base_buf_append(key, text, len);
		packed->len = 0;
		uint32_t count;
		uint64_t h = layout_shape_cache_hash(key->data, key->len);
		if (layout_shape_cache_get(ctx->shape_cache, key->data, key->len, h, packed, &count) && count == len) {
			const unsigned char *bits = (const unsigned char *)packed->data;
			for (size_t i = 0; i < len; i++)
				brk[i] = (bits[i / 4] >> (2 * (i % 4))) & 3;
		} else {
			analyse(text, len, lang, brk);
			base_buf_reserve(packed, len / 4 + 1);
			memset(packed->data, 0, len / 4 + 1);
			for (size_t i = 0; i < len; i++)
				packed->data[i / 4] = (char)(packed->data[i / 4] | brk[i] << (2 * (i % 4)));
			layout_shape_cache_put(ctx->shape_cache, key->data, key->len, h, packed->data, len / 4 + 1, (uint32_t)len);
		}
	}
	tailor_hyphen_digit(text, len, brk);
	/* The end of the text is not a break inside it. */
	brk[len - 1] = LAYOUT_BREAK_NONE;
}
