/* Inline formatting context (CSS 2.1 §9.4.2, §10.8; CSS Text 3; CSS Inline 3):
 *
 * 1. The inline-level content of a block container is flattened into items
 *    (text, inline box start/end, atomic inlines, forced breaks, floats,
 *    positioned boxes) over one paragraph string.
 * 2. White space is processed (CSS Text 3 §4.1.1) and text-transform
 *    applied while building that string.
 * 3. Each text item is shaped (shaping.c); break opportunities come from
 *    UAX #14 (line_breaker.c), adjusted for white-space and word-break.
 * 4. Lines are filled greedily within the band left free by floats; spaces
 *    at line ends hang or are removed (§4.1.2).
 * 5. Each line box gets its height from the strut, inline boxes and atomic
 *    inlines aligned by vertical-align (§10.8.1), and is aligned by
 *    text-align.
 *
 * Fragments of a line are positioned relative to the line box, inline box
 * pieces containing their children; the line box is relative to the block
 * container's content box (the caller shifts it to the border box). */
#include "layout/internal.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

enum item_type { IT_TEXT, IT_OPEN, IT_CLOSE, IT_ATOMIC, IT_BR, IT_FLOAT, IT_ABSPOS, IT_MARKER };

struct item {
	uint8_t type;
	struct layout_box *box;
	const struct css_style *style;
	size_t start, end; /* byte range in the paragraph */
	const struct layout_font_list *fl;
	struct layout_shaped shaped; /* TEXT: a slice of the paragraph's glyphs */
	size_t first_glyph;
	/* OPEN/CLOSE: the box's margin+border+padding on that side. */
	float edge;
	struct layout_edges m, b, p;
	/* ATOMIC */
	struct layout_fragment *frag;
	float margin_width, margin_height, baseline; /* baseline from the margin-box top */
	int match; /* OPEN: index of CLOSE and vice versa */
};

struct para {
	struct layout_ctx *ctx;
	struct layout_box *root;
	struct item *items;
	size_t count, cap;
	struct base_buf text;
	struct base_buf glyphs; /* struct layout_shaped_glyph of every text item */
	/* adv, brk, collapsible, hangs and a nowrap array in one block of
	 * bytes_cap bytes. */
	void *bytes;
	size_t bytes_cap;
	float *adv; /* per byte: advance of the character starting there */
	uint8_t *brk; /* per byte: break after */
	uint8_t *collapsible; /* per byte: a collapsible space */
	uint8_t *hangs; /* per byte: a preserved space or tab that hangs at a line end (pre-wrap) */
	/* Preserved tabs, whose advance depends on where they fall on the
	 * line: per byte, the tab's style (NULL for other bytes), and the
	 * inline box edges counted with it (all, and those before it).
	 * Allocated only when the paragraph has a preserved tab. */
	const struct css_style **tab_style;
	float *tab_edges, *tab_lead;
	bool prev_space; /* last character added was a collapsible space */
	float content_width, cb_height;
	int depth;
	bool intrinsic; /* measuring only: atomics are not laid out */
	/* The first formatted line's paragraph (CSS Pseudo 4 §2.1): styles
	 * seen through ::first-line, atomics taken from `normal`. */
	const struct css_style *first_line;
	const struct para *normal;
};

/* Properties that apply to ::first-line (CSS Pseudo 4 §2.1.1) and are
 * inherited: an inline on the first line inherits them from ::first-line
 * unless it sets them itself, which shows as a value different from the
 * block's (the box tree keeps no specified values). */
static const struct css_style *first_line_style(struct layout_ctx *ctx, const struct css_style *s, const struct css_style *block,
						const struct css_style *fl)
{
	bool fresh;
	struct css_style *r = layout_derived_style(ctx, s, fl, LAYOUT_DERIVED_FIRST_LINE, &fresh);
	if (!fresh)
		return r;
	*r = *s;
#define FROM_FIRST_LINE(field)                                                   \
	if (s == block || memcmp(&s->field, &block->field, sizeof s->field) == 0) \
		r->field = fl->field;
	FROM_FIRST_LINE(font_family)
	FROM_FIRST_LINE(font_size)
	FROM_FIRST_LINE(font_weight)
	FROM_FIRST_LINE(font_style)
	FROM_FIRST_LINE(font_stretch)
	FROM_FIRST_LINE(font_variant_small_caps)
	FROM_FIRST_LINE(line_height_kind)
	FROM_FIRST_LINE(line_height)
	FROM_FIRST_LINE(color)
	FROM_FIRST_LINE(letter_spacing)
	FROM_FIRST_LINE(word_spacing)
	FROM_FIRST_LINE(text_transform)
	FROM_FIRST_LINE(text_shadows)
	FROM_FIRST_LINE(text_shadow_count)
#undef FROM_FIRST_LINE
	/* Decorations ::first-line draws reach all of its text. */
	r->decorations_in_effect |= fl->text_decoration_line | fl->decorations_in_effect;
	if (s == block) {
		r->text_decoration_color = fl->text_decoration_color;
		r->text_decoration_style = fl->text_decoration_style;
	}
	return r;
}

static struct item *push_item(struct para *pa, uint8_t type, struct layout_box *box, const struct css_style *s)
{
	if (pa->first_line && (type == IT_TEXT || type == IT_OPEN || type == IT_CLOSE))
		s = first_line_style(pa->ctx, s, pa->root->style, pa->first_line);
	if (pa->count == pa->cap) {
		pa->cap = pa->cap ? pa->cap * 2 : 32;
		pa->items = base_xrealloc(pa->items, pa->cap * sizeof *pa->items);
	}
	struct item *it = &pa->items[pa->count++];
	memset(it, 0, sizeof *it);
	it->type = type;
	it->box = box;
	it->style = s;
	it->start = it->end = pa->text.len;
	it->match = -1;
	return it;
}

static uint32_t transform_cp(uint32_t cp, uint8_t tt, bool word_start)
{
	switch (tt) {
	case CSS_TT_UPPERCASE:
		return (uint32_t)towupper((wint_t)cp);
	case CSS_TT_LOWERCASE:
		return (uint32_t)towlower((wint_t)cp);
	case CSS_TT_CAPITALIZE:
		return word_start ? (uint32_t)towupper((wint_t)cp) : cp;
	case CSS_TT_FULL_WIDTH:
		return cp >= 0x21 && cp <= 0x7E ? cp + 0xFEE0 : cp == ' ' ? 0x3000 : cp;
	default:
		return cp;
	}
}

/* The style of synthesized small capitals: 70% of the font size (CSS
 * Fonts 4 §6.6 synthesis, the ratio browsers use), rounded to whole
 * pixels as Chromium sizes that font. */
static const struct css_style *small_caps_style(struct layout_ctx *ctx, const struct css_style *s)
{
	bool fresh;
	struct css_style *sc = layout_derived_style(ctx, s, NULL, LAYOUT_DERIVED_SMALL_CAPS, &fresh);
	if (!fresh)
		return sc;
	*sc = *s;
	sc->font_size = roundf(s->font_size * 0.7f);
	sc->font_variant_small_caps = 0;
	return sc;
}

/* font-variant: small-caps without a font feature: lower-case letters are
 * upper-cased and set smaller, as separate text items. */
static void split_small_caps(struct para *pa, size_t first)
{
	struct item whole = pa->items[first];
	pa->count = first;
	const struct css_style *small = small_caps_style(pa->ctx, whole.style);
	char *text = pa->text.data;
	size_t i = whole.start;
	while (i < whole.end) {
		size_t run = i;
		bool lower = false;
		for (size_t k = i; k < whole.end;) {
			const char *q = text + k;
			uint32_t cp = base_utf8_decode(&q, text + whole.end);
			uint32_t up = (uint32_t)towupper((wint_t)cp);
			char enc[4];
			bool is_lower = up != cp && base_utf8_encode(up, enc) == (size_t)(q - (text + k));
			if (k == i)
				lower = is_lower;
			else if (is_lower != lower)
				break;
			if (is_lower)
				memcpy(text + k, enc, (size_t)(q - (text + k)));
			k = (size_t)(q - text);
			run = k;
		}
		struct item *it = push_item(pa, IT_TEXT, whole.box, lower ? small : whole.style);
		it->start = i;
		it->end = run;
		i = run;
	}
}

/* East Asian Wide and Fullwidth characters (UAX #11) other than Hangul. */
static bool is_east_asian_wide(uint32_t c)
{
	static const uint32_t wide[][2] = {
		{0x2E80, 0x303E}, {0x3041, 0x312F}, {0x3190, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
		{0xF900, 0xFAFF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x20000, 0x3FFFD},
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(wide); i++)
		if (c >= wide[i][0] && c <= wide[i][1])
			return true;
	return false;
}

/* CSS Text 3 §4.1.1 phase I: collapsing and transformation. */
static void add_text(struct para *pa, struct layout_box *t)
{
	struct item *it = push_item(pa, IT_TEXT, t, t->style);
	const struct css_style *s = it->style;
	uint8_t ws = s->white_space;
	bool collapse_spaces = ws == CSS_WS_NORMAL || ws == CSS_WS_NOWRAP || ws == CSS_WS_PRE_LINE;
	bool keep_newlines = !(ws == CSS_WS_NORMAL || ws == CSS_WS_NOWRAP);
	const char *p = t->text, *end = t->text + t->len;
	bool word_start = pa->text.len == 0 || pa->prev_space;
	/* The collapsed space of the current white space run, whether the run
	 * held a segment break, and the last other character. */
	size_t space_at = SIZE_MAX;
	bool segment_break = false;
	uint32_t last_cp = 0;
	while (p < end) {
		/* Visible ASCII without a transform is copied as it is. */
		const char *q = p;
		while (s->text_transform == CSS_TT_NONE && q < end && (unsigned char)*q > ' ' && (unsigned char)*q < 0x7F)
			q++;
		if (q > p) {
			base_buf_append(&pa->text, p, (size_t)(q - p));
			pa->prev_space = false;
			word_start = q[-1] == '-';
			last_cp = (unsigned char)q[-1];
			p = q;
			continue;
		}
		uint32_t cp = base_utf8_decode(&p, end);
		if (cp == '\r' || cp == '\f') {
			if (cp == '\r' && p < end && *p == '\n')
				continue;
			cp = cp == '\r' ? '\n' : ' ';
		}
		if (cp == '\n' && keep_newlines) {
			if (collapse_spaces) {
				/* pre-line: spaces before a preserved newline go. */
				while (pa->text.len > it->start && pa->text.data[pa->text.len - 1] == ' ')
					pa->text.len--;
			}
			base_buf_putc(&pa->text, '\n');
			pa->prev_space = collapse_spaces; /* spaces after it collapse away */
			word_start = true;
			continue;
		}
		if (collapse_spaces && (cp == ' ' || cp == '\t' || cp == '\n')) {
			if (pa->prev_space) {
				segment_break |= cp == '\n' && space_at != SIZE_MAX && space_at + 1 == pa->text.len;
				continue;
			}
			base_buf_putc(&pa->text, ' ');
			pa->prev_space = true;
			word_start = true;
			space_at = pa->text.len - 1;
			segment_break = cp == '\n';
			continue;
		}
		if (cp == 0 || (cp < 0x20 && cp != '\t' && cp != '\n'))
			continue;
		/* §4.1.3 segment break transformation: a segment break between
		 * two East Asian wide characters (not Hangul) is removed. */
		if (segment_break && space_at + 1 == pa->text.len && is_east_asian_wide(last_cp) && is_east_asian_wide(cp))
			pa->text.len--;
		segment_break = false;
		last_cp = cp;
		pa->prev_space = false;
		base_buf_put_utf8(&pa->text, transform_cp(cp, s->text_transform, word_start));
		word_start = cp == ' ' || cp == '\t' || cp == '-';
	}
	it->end = pa->text.len;
	if (s->font_variant_small_caps && it->end > it->start)
		split_small_caps(pa, (size_t)(it - pa->items));
}

static void add_object(struct para *pa, struct item *it)
{
	it->start = pa->text.len;
	base_buf_put_utf8(&pa->text, 0xFFFC);
	it->end = pa->text.len;
	pa->prev_space = false;
}

/* Lays out an atomic inline (inline-block, inline replaced element): CSS
 * 2.1 §10.3.9/§10.3.2, shrink-to-fit widths. */
static void layout_atomic(struct para *pa, struct item *it)
{
	struct layout_ctx *ctx = pa->ctx;
	struct layout_box *box = it->box;
	layout_box_edges(box->style, pa->content_width, &it->m, &it->b, &it->p);
	if (box->type == LAYOUT_BOX_REPLACED) {
		float w, h;
		if (pa->intrinsic) {
			layout_replaced_size(ctx, box, pa->content_width, pa->cb_height, &w, &h);
			w += it->b.left + it->b.right + it->p.left + it->p.right;
			h += it->b.top + it->b.bottom + it->p.top + it->p.bottom;
		} else {
			it->frag = layout_replaced(ctx, box, pa->content_width, pa->cb_height);
			w = it->frag->width;
			h = it->frag->height;
		}
		it->margin_width = w + it->m.left + it->m.right;
		it->margin_height = h + it->m.top + it->m.bottom;
		it->baseline = it->margin_height - it->m.bottom;
		return;
	}
	if (pa->intrinsic)
		return;
	float avail = pa->content_width - it->m.left - it->m.right;
	float w = layout_specified_border_width(box->style, pa->content_width, &it->b, &it->p);
	if (w < 0)
		w = layout_keyword_width(ctx, box, box->style->width, avail, pa->depth + 1);
	if (w < 0)
		w = layout_shrink_to_fit(ctx, box, avail, pa->depth + 1);
	w = layout_clamp_border_width(box->style, w, pa->content_width, &it->b, &it->p);
	w = layout_clamp_keyword_width(ctx, box, w, avail, pa->depth + 1);
	struct layout_block_result r;
	layout_bfc_root(ctx, box, pa->content_width, pa->cb_height, w, pa->depth + 1, &r);
	it->frag = r.frag;
	it->margin_width = w + it->m.left + it->m.right;
	it->margin_height = r.frag->height + it->m.top + it->m.bottom;
	/* §10.8.1: the last line box's baseline, or the bottom margin edge. */
	it->baseline = r.has_baseline ? r.baseline + it->m.top : it->margin_height;
}

static void collect(struct para *pa, struct layout_box *parent, int depth)
{
	for (struct layout_box *c = parent->first; c; c = c->next) {
		if (c->is_float || c->is_abspos) {
			push_item(pa, c->is_float ? IT_FLOAT : IT_ABSPOS, c, c->style);
			continue;
		}
		switch (c->type) {
		case LAYOUT_BOX_TEXT:
			add_text(pa, c);
			break;
		case LAYOUT_BOX_BR: {
			struct item *it = push_item(pa, IT_BR, c, c->style);
			base_buf_putc(&pa->text, '\n');
			it->end = pa->text.len;
			pa->prev_space = true;
			break;
		}
		case LAYOUT_BOX_INLINE: {
			size_t open = pa->count;
			struct item *it = push_item(pa, IT_OPEN, c, c->style);
			layout_box_edges(c->style, pa->content_width, &it->m, &it->b, &it->p);
			it->edge = it->m.left + it->b.left + it->p.left;
			if (depth < LAYOUT_MAX_DEPTH)
				collect(pa, c, depth + 1);
			struct item *cl = push_item(pa, IT_CLOSE, c, c->style);
			struct item *op = &pa->items[open];
			cl->m = op->m;
			cl->b = op->b;
			cl->p = op->p;
			cl->edge = op->m.right + op->b.right + op->p.right;
			cl->match = (int)open;
			op->match = (int)(pa->count - 1);
			break;
		}
		default: {
			struct item *it = push_item(pa, IT_ATOMIC, c, c->style);
			add_object(pa, it);
			break;
		}
		}
	}
}

/* Bytes b and b + 1 are ASCII characters: neither joins a cluster nor
 * glues (every such character is beyond ASCII). */
static inline bool both_ascii(const char *text, size_t b)
{
	return ((unsigned char)text[b] | (unsigned char)text[b + 1]) < 0x80;
}

/* Whether the character after byte b (the last byte of a character)
 * continues the same extended grapheme cluster (UAX #29, the cases that
 * matter for breaking: combining marks, variation selectors, emoji
 * modifiers and tags, and anything joined by a ZWJ), so that break-all
 * and anywhere never split it (CSS Text 3 §5.4). */
static bool continues_cluster(const char *text, size_t b, size_t end)
{
	const char *q = text + b + 1;
	if (q >= text + end)
		return false;
	uint32_t next = base_utf8_decode(&q, text + end);
	size_t a = b;
	while (a > 0 && (text[a] & 0xC0) == 0x80)
		a--;
	const char *p = text + a;
	uint32_t prev = base_utf8_decode(&p, text + b + 1);
	static const uint32_t extend[][2] = {
		{0x0300, 0x036F}, {0x1AB0, 0x1AFF},   {0x1DC0, 0x1DFF},	  {0x200C, 0x200D},   {0x20D0, 0x20FF},
		{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},   {0x1F3FB, 0x1F3FF}, {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(extend); i++)
		if (next >= extend[i][0] && next <= extend[i][1])
			return true;
	return prev == 0x200D;
}

/* A base letter of a script whose words UAX #14 leaves to dictionaries
 * (class SA: Thai, Lao, Myanmar, Khmer). Without one, an overflowing
 * word of these breaks before such a letter (CSS Text 3 §5.1: some
 * fallback breaking must occur). */
static bool is_sa_base(const char *text, size_t i, size_t len)
{
	const char *q = text + i;
	uint32_t c = base_utf8_decode(&q, text + len);
	return (c >= 0x0E01 && c <= 0x0E30) || (c >= 0x0E40 && c <= 0x0E46) || (c >= 0x0E81 && c <= 0x0EB0) ||
	       (c >= 0x1000 && c <= 0x102A) || (c >= 0x1780 && c <= 0x17B3);
}

/* UAX #14 classes GL and WJ: no-break spaces and joiners. */
static bool is_glue(uint32_t c)
{
	static const uint32_t glue[] = {0x00A0, 0x034F, 0x035C, 0x0F08, 0x0F0C, 0x0F12, 0x180E, 0x2007, 0x2011, 0x202F, 0x2060, 0xFEFF};
	for (size_t i = 0; i < BASE_ARRAY_LEN(glue); i++)
		if (c == glue[i])
			return true;
	return false;
}

/* LB11, LB12, LB12a: no break next to a GL or WJ character, atomic
 * inlines (U+FFFC here) included, except after a space, which breaks
 * before it. b is the last byte of a character. */
static bool glues(const char *text, size_t b, size_t len)
{
	if ((text[b + 1] & 0xC0) == 0x80)
		return false;
	const char *q = text + b + 1;
	uint32_t next = base_utf8_decode(&q, text + len);
	size_t a = b;
	while (a > 0 && (text[a] & 0xC0) == 0x80)
		a--;
	const char *p = text + a;
	uint32_t prev = base_utf8_decode(&p, text + b + 1);
	return is_glue(prev) || (is_glue(next) && prev != ' ' && prev != '\t');
}

static bool wraps(uint8_t ws)
{
	return ws == CSS_WS_NORMAL || ws == CSS_WS_PRE_WRAP || ws == CSS_WS_PRE_LINE || ws == CSS_WS_BREAK_SPACES;
}

/* A paragraph starts with the heap arrays of a finished one, if any. */
static void init_para(struct para *pa)
{
	struct layout_ctx *ctx = pa->ctx;
	if (ctx->spare_para_count == 0)
		return;
	struct layout_para_arrays *a = &ctx->spare_paras[--ctx->spare_para_count];
	pa->items = a->items;
	pa->cap = a->items_cap;
	pa->text = a->text;
	pa->text.len = 0;
	pa->glyphs = a->glyphs;
	pa->glyphs.len = 0;
	pa->bytes = a->bytes;
	pa->bytes_cap = a->bytes_cap;
}

static void free_arrays(struct layout_para_arrays *a)
{
	free(a->items);
	base_buf_free(&a->text);
	base_buf_free(&a->glyphs);
	free(a->bytes);
}

static void free_para(struct para *pa)
{
	free(pa->tab_style);
	free(pa->tab_edges);
	free(pa->tab_lead);
	struct layout_para_arrays a = {pa->items, pa->cap, pa->text, pa->glyphs, pa->bytes, pa->bytes_cap};
	struct layout_ctx *ctx = pa->ctx;
	if (ctx->spare_para_count < LAYOUT_SPARE_PARAS)
		ctx->spare_paras[ctx->spare_para_count++] = a;
	else
		free_arrays(&a);
}

void layout_para_spares_free(struct layout_ctx *ctx)
{
	while (ctx->spare_para_count > 0)
		free_arrays(&ctx->spare_paras[--ctx->spare_para_count]);
}

/* The parent style that decides whether an atomic inline may break. */
static const struct css_style *atomic_parent_style(const struct para *pa, const struct item *it)
{
	return it->box->parent ? it->box->parent->style : pa->root->style;
}

/* What the paragraph's text and styles alone decide (not its width): the
 * glyphs of the text items and their advances, break opportunities, and
 * collapsible and hanging spaces. */
static void text_arrays(struct para *pa, uint8_t *nowrap)
{
	struct layout_ctx *ctx = pa->ctx;
	size_t len = pa->text.len;
	const char *text = pa->text.data ? pa->text.data : "";
	layout_line_breaks(ctx, text, len, NULL, pa->brk);
	for (size_t i = 0; i < pa->count; i++) {
		struct item *it = &pa->items[i];
		if (it->type == IT_TEXT && it->end > it->start) {
			const struct css_style *s = it->style;
			it->fl = layout_font_list_for(ctx, s);
			float ls = s->letter_spacing.kind == CSS_LEN_NORMAL ? 0 : css_length_resolve(s->letter_spacing, 0);
			float wsp = s->word_spacing.kind == CSS_LEN_NORMAL ? 0 : css_length_resolve(s->word_spacing, 0);
			/* Shape the item's text alone; clusters are made
			 * paragraph offsets. */
			it->first_glyph = pa->glyphs.len / sizeof(struct layout_shaped_glyph);
			layout_shape_append(ctx, it->fl, text + it->start, it->end - it->start, ls, wsp, &pa->glyphs);
			it->shaped.count = pa->glyphs.len / sizeof(struct layout_shaped_glyph) - it->first_glyph;
			struct layout_shaped_glyph *glyphs = (struct layout_shaped_glyph *)pa->glyphs.data + it->first_glyph;
			for (size_t g = 0; g < it->shaped.count; g++) {
				uint32_t c = glyphs[g].cluster += (uint32_t)it->start;
				/* Only preserved tabs are left in the text. */
				if (text[c] == '\t') {
					if (!pa->tab_style)
						pa->tab_style = base_xcalloc(len + 1, sizeof *pa->tab_style);
					pa->tab_style[c] = s;
					continue;
				}
				pa->adv[c] += glyphs[g].advance;
			}
			bool collapse = s->white_space == CSS_WS_NORMAL || s->white_space == CSS_WS_NOWRAP || s->white_space == CSS_WS_PRE_LINE;
			bool wrap = wraps(s->white_space);
			bool break_spaces = s->white_space == CSS_WS_BREAK_SPACES;
			/* The usual case (collapsible spaces, wrapping, no
			 * line-break or word-break rule) needs only the tests
			 * below that can apply to it. */
			bool plain = collapse && wrap && s->line_break != CSS_LINE_BREAK_ANYWHERE && s->word_break != CSS_WORD_BREAK_BREAK_ALL &&
				     s->word_break != CSS_WORD_BREAK_KEEP_ALL;
			for (size_t b = it->start; plain && b < it->end; b++) {
				char c = text[b];
				if (c == '\n') {
					pa->brk[b] = LAYOUT_BREAK_MANDATORY;
					continue;
				}
				if (c == ' ')
					pa->collapsible[b] = 1;
				if ((c == ' ' || c == '\t') && b + 1 < len && text[b + 1] != ' ' && text[b + 1] != '\n' &&
				    pa->brk[b] == LAYOUT_BREAK_NONE)
					pa->brk[b] = LAYOUT_BREAK_ALLOWED;
			}
			for (size_t b = it->start; !plain && b < it->end; b++) {
				if (text[b] == ' ' && collapse)
					pa->collapsible[b] = 1;
				/* §4.1.3: preserved white space hangs at the end of a
				 * line, except with break-spaces, where it takes room
				 * and may break after each space. */
				if ((text[b] == ' ' || text[b] == '\t') && !collapse && !break_spaces)
					pa->hangs[b] = 1;
				if (break_spaces && (text[b] == ' ' || text[b] == '\t') && b + 1 < len && text[b + 1] != '\n') {
					pa->brk[b] = LAYOUT_BREAK_ALLOWED;
					continue;
				}
				if (text[b] == '\n') {
					pa->brk[b] = LAYOUT_BREAK_MANDATORY;
					continue;
				}
				if (!wrap) {
					pa->brk[b] = LAYOUT_BREAK_NONE;
					/* A space just before a wrapping neighbour
					 * still may not break inside nowrap text. */
					continue;
				}
				/* line-break: anywhere: around every character,
				 * spaces included (CSS Text 3 §5.3). */
				if (s->line_break == CSS_LINE_BREAK_ANYWHERE && b + 1 < it->end && (text[b + 1] & 0xC0) != 0x80 &&
				    text[b + 1] != '\n') {
					pa->brk[b] = LAYOUT_BREAK_ALLOWED;
					continue;
				}
				/* Blink breaks after any space run, whatever follows
				 * (UAX #14's LB13/LB14 would keep "a .b" together). */
				if ((text[b] == ' ' || text[b] == '\t') && b + 1 < len && text[b + 1] != ' ' && text[b + 1] != '\n' &&
				    pa->brk[b] == LAYOUT_BREAK_NONE)
					pa->brk[b] = LAYOUT_BREAK_ALLOWED;
				if (s->word_break == CSS_WORD_BREAK_BREAK_ALL && b + 1 < it->end && (text[b + 1] & 0xC0) != 0x80 &&
				    text[b] != ' ' && text[b + 1] != ' ')
					pa->brk[b] = pa->brk[b] == LAYOUT_BREAK_MANDATORY ? pa->brk[b] : LAYOUT_BREAK_ALLOWED;
				if (s->word_break == CSS_WORD_BREAK_KEEP_ALL && text[b] != ' ' && pa->brk[b] == LAYOUT_BREAK_ALLOWED &&
				    b + 1 < it->end && text[b + 1] != ' ')
					pa->brk[b] = LAYOUT_BREAK_NONE;
			}
			/* Never inside an extended grapheme cluster (emoji ZWJ
			 * sequences, whatever libunibreak's UAX #14 version). */
			for (size_t b = it->start; b + 1 < it->end; b++)
				if (pa->brk[b] == LAYOUT_BREAK_ALLOWED && !both_ascii(text, b) && (text[b + 1] & 0xC0) != 0x80 &&
				    continues_cluster(text, b, it->end))
					pa->brk[b] = LAYOUT_BREAK_NONE;
			/* A space ending nowrap text may still break before
			 * wrapping text: decided below, once all styles are known. */
			if (!wrap && it->end > it->start && text[it->end - 1] == ' ' && collapse)
				pa->brk[it->end - 1] = LAYOUT_BREAK_ALLOWED;
			memset(nowrap + it->start, !wrap, it->end - it->start);
		} else if (it->type == IT_ATOMIC) {
			memset(nowrap + it->start, !wraps(atomic_parent_style(pa, it)->white_space), it->end - it->start);
		} else if (it->type == IT_BR) {
			pa->brk[it->start] = LAYOUT_BREAK_MANDATORY;
		}
	}
	/* A soft break between two nowrap characters is no break (CSS Text 3
	 * §5.1: the white-space of both sides forbids it). */
	for (size_t b = 0; b + 1 < len; b++)
		if (pa->brk[b] == LAYOUT_BREAK_ALLOWED && ((nowrap[b] && nowrap[b + 1]) || (!both_ascii(text, b) && glues(text, b, len))))
			pa->brk[b] = LAYOUT_BREAK_NONE;
	if (len > 0)
		pa->brk[len - 1] = LAYOUT_BREAK_NONE;
}

/* A paragraph's text arrays are kept in the document's shaping cache, keyed
 * by everything text_arrays() reads: the faces' generation, each item's
 * type and range with the style values that matter for its kind, and the
 * text. A relayout then copies them instead of analysing the text again. */
struct para_key_item {
	uint8_t type, white_space, line_break, word_break;
	uint32_t start, end, face_count;
	float size, letter_spacing, word_spacing;
};

/* Makes the key in ctx->shape_key; resolves the text items' font lists.
 * False when the paragraph is not kept (nothing to keep, or a first line). */
static bool para_key(struct para *pa)
{
	struct layout_ctx *ctx = pa->ctx;
	if (pa->first_line || pa->text.len == 0 || pa->text.len > UINT32_MAX)
		return false;
	struct base_buf *key = &ctx->shape_key;
	struct {
		uint32_t tag, count;
		uint64_t generation, len;
	} hdr = {2, (uint32_t)pa->count, ctx->opt->fonts ? layout_fonts_generation(ctx->opt->fonts) : 0, pa->text.len};
	key->len = 0;
	base_buf_append(key, &hdr, sizeof hdr);
	for (size_t i = 0; i < pa->count; i++) {
		struct item *it = &pa->items[i];
		struct para_key_item k;
		memset(&k, 0, sizeof k);
		k.type = it->type;
		k.start = (uint32_t)it->start;
		k.end = (uint32_t)it->end;
		if (it->type == IT_TEXT && it->end > it->start) {
			const struct css_style *s = it->style;
			it->fl = layout_font_list_for(ctx, s);
			k.white_space = s->white_space;
			k.line_break = s->line_break;
			k.word_break = s->word_break;
			k.face_count = (uint32_t)it->fl->count;
			k.size = it->fl->size;
			k.letter_spacing = s->letter_spacing.kind == CSS_LEN_NORMAL ? 0 : css_length_resolve(s->letter_spacing, 0);
			k.word_spacing = s->word_spacing.kind == CSS_LEN_NORMAL ? 0 : css_length_resolve(s->word_spacing, 0);
			base_buf_append(key, &k, sizeof k);
			base_buf_append(key, it->fl->faces, it->fl->count * sizeof *it->fl->faces);
			continue;
		}
		/* An atomic inline: whether it may wrap (its nowrap bytes). */
		if (it->type == IT_ATOMIC)
			k.white_space = wraps(atomic_parent_style(pa, it)->white_space);
		base_buf_append(key, &k, sizeof k);
	}
	base_buf_append(key, pa->text.data, pa->text.len);
	return true;
}

/* The kept text arrays: the glyph bytes, each text item's first glyph and
 * count, then advances, breaks, collapsible and hanging spaces per byte. */
struct para_kept {
	uint64_t glyph_bytes, text_items;
};

static size_t count_text_items(const struct para *pa)
{
	size_t n = 0;
	for (size_t i = 0; i < pa->count; i++)
		n += pa->items[i].type == IT_TEXT && pa->items[i].end > pa->items[i].start;
	return n;
}

/* Copies kept text arrays into the paragraph; false when they do not fit
 * it. */
static bool restore_para(void *arg, const void *data, size_t size)
{
	struct para *pa = arg;
	size_t len = pa->text.len, items = count_text_items(pa);
	struct para_kept kept;
	if (size < sizeof kept)
		return false;
	memcpy(&kept, data, sizeof kept);
	size_t at = sizeof kept + items * 2 * sizeof(uint32_t);
	if (kept.text_items != items || size != at + kept.glyph_bytes + len * (sizeof *pa->adv + 3))
		return false;
	const char *p = (const char *)data + sizeof kept;
	for (size_t i = 0; i < pa->count; i++) {
		struct item *it = &pa->items[i];
		if (it->type != IT_TEXT || it->end == it->start)
			continue;
		uint32_t v[2];
		memcpy(v, p, sizeof v);
		p += sizeof v;
		it->first_glyph = v[0];
		it->shaped.count = v[1];
	}
	base_buf_append(&pa->glyphs, p, kept.glyph_bytes);
	p += kept.glyph_bytes;
	memcpy(pa->adv, p, len * sizeof *pa->adv);
	p += len * sizeof *pa->adv;
	memcpy(pa->brk, p, len);
	memcpy(pa->collapsible, p + len, len);
	memcpy(pa->hangs, p + 2 * len, len);
	return true;
}

/* Fills the text arrays from the cache; false when they are not kept. */
static bool para_from_cache(struct para *pa, uint64_t h)
{
	struct layout_ctx *ctx = pa->ctx;
	return layout_shape_cache_use_run(ctx->shape_cache, ctx->shape_key.data, ctx->shape_key.len, h, restore_para, pa);
}

/* Keeps the text arrays just made, under the key made again (shaping used
 * the key buffer). Paragraphs with preserved tabs, whose arrays point at
 * styles, are not kept. */
static void para_to_cache(struct para *pa, uint64_t h)
{
	struct layout_ctx *ctx = pa->ctx;
	if (pa->tab_style || !para_key(pa))
		return;
	size_t len = pa->text.len;
	struct base_buf *raw = &ctx->shape_raw;
	struct para_kept kept = {pa->glyphs.len, count_text_items(pa)};
	raw->len = 0;
	base_buf_append(raw, &kept, sizeof kept);
	for (size_t i = 0; i < pa->count; i++) {
		const struct item *it = &pa->items[i];
		if (it->type != IT_TEXT || it->end == it->start)
			continue;
		uint32_t v[2] = {(uint32_t)it->first_glyph, (uint32_t)it->shaped.count};
		base_buf_append(raw, v, sizeof v);
	}
	base_buf_append(raw, pa->glyphs.data, pa->glyphs.len);
	base_buf_append(raw, pa->adv, len * sizeof *pa->adv);
	base_buf_append(raw, pa->brk, len);
	base_buf_append(raw, pa->collapsible, len);
	base_buf_append(raw, pa->hangs, len);
	layout_shape_cache_put_run(ctx->shape_cache, ctx->shape_key.data, ctx->shape_key.len, h, raw->data, raw->len);
}

/* Builds the paragraph: items, text, shaping, advances, breaks. */
static void build_para(struct para *pa)
{
	struct layout_ctx *ctx = pa->ctx;
	init_para(pa);
	pa->prev_space = true; /* spaces at the start of the block collapse away */
	if (pa->root->marker && !pa->intrinsic) {
		push_item(pa, IT_MARKER, pa->root->marker, pa->root->marker->style);
	}
	collect(pa, pa->root, pa->depth);
	size_t len = pa->text.len;
	size_t need = (len + 1) * (sizeof *pa->adv + 4);
	if (need > pa->bytes_cap) {
		free(pa->bytes);
		pa->bytes_cap = need > 2 * pa->bytes_cap ? need : 2 * pa->bytes_cap;
		pa->bytes = base_xmalloc(pa->bytes_cap);
	}
	memset(pa->bytes, 0, need);
	pa->adv = pa->bytes;
	pa->brk = (uint8_t *)(pa->adv + len + 1);
	pa->collapsible = pa->brk + len + 1;
	pa->hangs = pa->collapsible + len + 1;
	const char *text = pa->text.data ? pa->text.data : "";
	bool keyed = para_key(pa);
	uint64_t h = keyed ? layout_shape_cache_hash(ctx->shape_key.data, ctx->shape_key.len) : 0;
	if (!keyed || !para_from_cache(pa, h)) {
		text_arrays(pa, pa->hangs + len + 1);
		if (keyed)
			para_to_cache(pa, h);
	}
	/* Atomic inlines take their margin box's width (the first line's
	 * paragraph reuses the normal one's). */
	for (size_t i = 0; i < pa->count; i++) {
		struct item *it = &pa->items[i];
		if (it->type != IT_ATOMIC)
			continue;
		if (pa->normal && i < pa->normal->count && pa->normal->items[i].box == it->box) {
			const struct item *n = &pa->normal->items[i];
			it->frag = n->frag;
			it->m = n->m;
			it->b = n->b;
			it->p = n->p;
			it->margin_width = n->margin_width;
			it->margin_height = n->margin_height;
			it->baseline = n->baseline;
		} else {
			layout_atomic(pa, it);
		}
		pa->adv[it->start] = it->margin_width;
	}
	/* The glyph buffer is complete: point the text items into it. */
	for (size_t i = 0; i < pa->count; i++)
		if (pa->items[i].type == IT_TEXT && pa->items[i].shaped.count)
			pa->items[i].shaped.glyphs = (struct layout_shaped_glyph *)pa->glyphs.data + pa->items[i].first_glyph;
	/* Inline box edges count with the first character after an opening
	 * and the last before a closing. */
	for (size_t i = 0; i < pa->count; i++) {
		struct item *it = &pa->items[i];
		if (it->type == IT_OPEN && it->edge != 0) {
			if (it->start < len)
				pa->adv[it->start] += it->edge;
		} else if (it->type == IT_CLOSE && it->edge != 0) {
			size_t at = it->start;
			while (at > 0 && (text[at - 1] & 0xC0) == 0x80)
				at--;
			if (at > 0) {
				at--;
				while (at > 0 && (text[at] & 0xC0) == 0x80)
					at--;
				pa->adv[at] += it->edge;
			} else if (len > 0) {
				pa->adv[0] += it->edge;
			}
		}
	}
	if (pa->tab_style) {
		pa->tab_edges = base_xcalloc(len + 1, sizeof *pa->tab_edges);
		pa->tab_lead = base_xcalloc(len + 1, sizeof *pa->tab_lead);
		for (size_t b = 0; b < len; b++)
			pa->tab_edges[b] = pa->adv[b];
		for (size_t i = 0; i < pa->count; i++)
			if (pa->items[i].type == IT_OPEN && pa->items[i].start < len)
				pa->tab_lead[pa->items[i].start] += pa->items[i].edge;
	}
}

static size_t char_len(const char *text, size_t i, size_t len)
{
	size_t n = 1;
	while (i + n < len && (text[i + n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* CSS Text 3 §4.2: a preserved tab advances to the next tab stop, a
 * multiple of tab-size (spaces, with letter- and word-spacing, or a length)
 * from the line's start edge; as in Blink, a stop closer than half a space
 * is skipped. pos is the tab's offset from the line start. */
static float tab_advance(struct para *pa, const struct css_style *s, float pos)
{
	float stop = -s->tab_size;
	const struct layout_font_list *fl = layout_font_list_for(pa->ctx, s);
	if (s->tab_size >= 0) {
		float ls = s->letter_spacing.kind == CSS_LEN_NORMAL ? 0 : css_length_resolve(s->letter_spacing, 0);
		float wsp = s->word_spacing.kind == CSS_LEN_NORMAL ? 0 : css_length_resolve(s->word_spacing, 0);
		stop = s->tab_size * (fl->metrics.space_width + ls + wsp);
	}
	if (!(stop > 0))
		return 0;
	float d = stop - fmodf(pos, stop);
	if (d < fl->metrics.space_width / 2)
		d += stop;
	return d;
}

/* The advance of byte i starting at line offset pos: tabs get theirs from
 * their position, with the inline box edges counted at them. */
static float advance_at(struct para *pa, size_t i, float pos)
{
	if (pa->tab_style && pa->tab_style[i])
		pa->adv[i] = pa->tab_edges[i] + tab_advance(pa, pa->tab_style[i], pos + pa->tab_lead[i]);
	return pa->adv[i];
}

/* ---- Line boxes ----------------------------------------------------------- */

/* Vertical metrics of an inline box for §10.8.1: A' and D' around its
 * baseline (with half-leading), and its own A and D (content area). */
struct vmetrics {
	float ascent, descent; /* content area */
	float top, bottom; /* A' and D': with half-leading */
};

static float line_height_of(const struct css_style *s, const struct layout_font_list *fl)
{
	switch (s->line_height_kind) {
	case CSS_LH_NUMBER:
		return layout_unit(s->line_height * s->font_size);
	case CSS_LH_LENGTH:
		return layout_unit(s->line_height);
	default:
		return fl->metrics.ascent + fl->metrics.descent + fl->metrics.line_gap;
	}
}

static struct vmetrics inline_metrics(struct layout_ctx *ctx, const struct css_style *s)
{
	const struct layout_font_list *fl = layout_font_list_for(ctx, s);
	struct vmetrics v;
	v.ascent = fl->metrics.ascent;
	v.descent = fl->metrics.descent;
	float lh = line_height_of(s, fl);
	/* The half-leading above is floored to a whole pixel, the rest goes
	 * below (as LayoutNG's CalculateLeadingSpace does). */
	float leading = lh - (v.ascent + v.descent);
	float half = floorf(leading / 2);
	v.top = v.ascent + half;
	v.bottom = v.descent + (leading - half);
	return v;
}

/* §10.8.1 baseline shift of a box relative to its parent's baseline
 * (positive down), for the keywords that do not depend on the line box. */
static float baseline_shift(struct layout_ctx *ctx, const struct css_style *s, const struct css_style *parent, const struct vmetrics *v,
			    const struct vmetrics *pv, float box_height_above, float box_height_below)
{
	const struct layout_font_list *pfl = layout_font_list_for(ctx, parent);
	switch (s->vertical_align) {
	case CSS_VA_SUB:
		return floorf(parent->font_size / 5 + 1);
	case CSS_VA_SUPER:
		return -floorf(parent->font_size / 3 + 1);
	case CSS_VA_TEXT_TOP:
		return box_height_above - pv->ascent;
	case CSS_VA_TEXT_BOTTOM:
		return pv->descent - box_height_below;
	case CSS_VA_MIDDLE:
		return -(pfl->metrics.x_height / 2) + (box_height_above - box_height_below) / 2;
	case CSS_VA_LENGTH: {
		float lh = line_height_of(s, layout_font_list_for(ctx, s));
		return -css_length_resolve(s->vertical_align_length, lh);
	}
	default:
		return 0;
	}
	(void)v;
}

struct piece {
	struct layout_fragment *frag;
	const struct css_style *style;
	struct vmetrics vm;
	float baseline; /* line-relative, after alignment */
	int parent; /* index of the enclosing piece, -1 for the root */
	struct base_vec children;
	bool is_top_bottom; /* vertical-align top/bottom */
	float shift;
	bool has_start, has_end;
	bool has_text; /* text directly in it on this line (or a <br> in it or a descendant) */
	int open_item;
};

struct line_build {
	struct para *pa;
	struct piece *pieces;
	size_t npieces, cap;
	struct base_vec atomics; /* atomic fragments with their piece */
	float x; /* pen */
	float space_extra; /* justification per space */
};

static int push_piece(struct line_build *lb, const struct css_style *s, int parent)
{
	if (lb->npieces == lb->cap) {
		lb->cap = lb->cap ? lb->cap * 2 : 8;
		lb->pieces = base_xrealloc(lb->pieces, lb->cap * sizeof *lb->pieces);
	}
	struct piece *p = &lb->pieces[lb->npieces];
	memset(p, 0, sizeof *p);
	p->style = s;
	p->parent = parent;
	p->vm = inline_metrics(lb->pa->ctx, s);
	p->open_item = -1;
	return (int)lb->npieces++;
}

struct atomic_ref {
	struct layout_fragment *frag;
	int piece;
	float baseline, margin_top, margin_height;
	const struct css_style *style;
	bool is_br;
};

static void add_frag(struct line_build *lb, int piece, struct layout_fragment *f)
{
	base_vec_push(&lb->pieces[piece].children, f);
}

/* The first glyph of a text item at or after byte b: its glyphs are in
 * text order (shaped left to right), so a line's range is a slice. */
static size_t glyph_at(const struct layout_shaped *sh, size_t b)
{
	size_t lo = 0, hi = sh->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sh->glyphs[mid].cluster < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A text fragment for bytes [a, b) of a text item. */
static void emit_text(struct line_build *lb, int piece, struct item *it, size_t a, size_t b)
{
	struct para *pa = lb->pa;
	struct layout_ctx *ctx = pa->ctx;
	if (b <= a)
		return;
	struct layout_fragment *f = layout_new_fragment(ctx, LAYOUT_FRAG_TEXT, it->box);
	f->style = it->style;
	f->x = lb->x;
	/* Glyphs in the range, grouped into runs by face. */
	const struct layout_shaped_glyph *sg = it->shaped.glyphs;
	size_t g0 = glyph_at(&it->shaped, a), g1 = glyph_at(&it->shaped, b);
	size_t nruns = 0;
	for (size_t g = g0; g < g1; g++)
		nruns += g == g0 || sg[g].face != sg[g - 1].face;
	struct layout_glyph_run *runs = base_arena_calloc(&ctx->tree->arena, nruns ? nruns : 1, sizeof *runs);
	float pen = 0;
	const char *text = pa->text.data;
	for (size_t g = g0, r = 0; g < g1; r++) {
		size_t e = g + 1;
		while (e < g1 && sg[e].face == sg[g].face)
			e++;
		struct layout_glyph_run *run = &runs[r];
		run->face = sg[g].face;
		run->size = it->fl->size;
		run->glyphs = base_arena_alloc(&ctx->tree->arena, (e - g) * sizeof *run->glyphs);
		run->count = e - g;
		for (size_t k = 0; g < e; g++, k++) {
			run->glyphs[k] = (struct layout_glyph){sg[g].id, pen + sg[g].x_offset, sg[g].y_offset};
			pen += text[sg[g].cluster] == '\t' ? pa->adv[sg[g].cluster] - pa->tab_edges[sg[g].cluster] : sg[g].advance;
			if (text[sg[g].cluster] == ' ' && lb->space_extra > 0)
				pen += lb->space_extra;
		}
	}
	f->runs = runs;
	f->run_count = nruns;
	f->width = layout_snap(pen);
	f->text = base_arena_strndup(&ctx->tree->arena, text + a, b - a);
	f->text_len = b - a;
	struct vmetrics *vm = &lb->pieces[piece].vm;
	f->height = vm->ascent + vm->descent;
	f->baseline = vm->ascent;
	lb->x += pen;
	add_frag(lb, piece, f);
	lb->pieces[piece].has_text = true;
}

struct line_result {
	float height;
	float baseline;
	bool empty;
};

/* Builds the fragments of the line [ls, le) (ls after skipped spaces, le
 * before removed trailing spaces: content_end) and aligns them vertically. */
static void build_line(struct para *pa, size_t ls, size_t content_end, size_t le, size_t *item_cursor, struct base_vec *open_stack,
		       struct layout_fragment *line, bool first_line, float space_extra, struct line_result *res)
{
	struct layout_ctx *ctx = pa->ctx;
	struct line_build lb = {.pa = pa, .space_extra = space_extra};
	int root = push_piece(&lb, pa->first_line ? first_line_style(ctx, pa->root->style, pa->root->style, pa->first_line) : pa->root->style, -1);
	lb.pieces[root].frag = line;
	int cur = root;
	bool has_content = false;
	/* Re-open the inline boxes continuing from the previous line. */
	for (size_t i = 0; i < open_stack->len; i++) {
		struct item *op = open_stack->items[i];
		int pc = push_piece(&lb, op->style, cur);
		struct layout_fragment *f = layout_new_fragment(ctx, LAYOUT_FRAG_BOX, op->box);
		lb.pieces[pc].frag = f;
		lb.pieces[pc].open_item = (int)(op - pa->items);
		f->x = lb.x;
		add_frag(&lb, cur, f);
		cur = pc;
	}
	float marker_width = 0;
	struct layout_fragment *marker_frag = NULL;
	int marker_piece = -1;
	size_t i = *item_cursor;
	for (; i < pa->count; i++) {
		struct item *it = &pa->items[i];
		if (it->type == IT_MARKER) {
			if (!first_line)
				continue;
			/* An outside marker: shaped on its own, hanging left
			 * of the line (CSS Lists 3 §3.1). */
			struct layout_box *m = it->box;
			int pc = push_piece(&lb, m->style, cur);
			struct layout_fragment *mf = layout_new_fragment(ctx, LAYOUT_FRAG_BOX, m);
			lb.pieces[pc].frag = mf;
			float save = lb.x;
			lb.x = 0;
			for (struct layout_box *t = m->first; t; t = t->next) {
				if (t->type != LAYOUT_BOX_TEXT)
					continue;
				struct item ti = {.type = IT_TEXT, .box = t, .style = t->style};
				ti.fl = layout_font_list_for(ctx, t->style);
				layout_shape(ctx, ti.fl, t->text, t->len, 0, 0, &ti.shaped);
				struct layout_shaped_glyph *g = ti.shaped.glyphs;
				float w = 0;
				for (size_t k = 0; k < ti.shaped.count; k++)
					w += g[k].advance;
				struct layout_fragment *tf = layout_new_fragment(ctx, LAYOUT_FRAG_TEXT, t);
				struct layout_glyph_run *run = base_arena_calloc(&ctx->tree->arena, 1, sizeof *run);
				run->face = ti.shaped.count ? g[0].face : NULL;
				run->size = ti.fl->size;
				run->glyphs = base_arena_alloc(&ctx->tree->arena, (ti.shaped.count + 1) * sizeof *run->glyphs);
				float pen = 0;
				for (size_t k = 0; k < ti.shaped.count; k++) {
					run->glyphs[run->count++] = (struct layout_glyph){g[k].id, pen + g[k].x_offset, g[k].y_offset};
					pen += g[k].advance;
				}
				tf->runs = run;
				tf->run_count = ti.shaped.count ? 1 : 0;
				tf->x = lb.x;
				tf->width = layout_snap(w);
				tf->text = base_arena_strndup(&ctx->tree->arena, t->text, t->len);
				tf->text_len = t->len;
				tf->height = lb.pieces[pc].vm.ascent + lb.pieces[pc].vm.descent;
				tf->baseline = lb.pieces[pc].vm.ascent;
				lb.x += w;
				add_frag(&lb, pc, tf);
			}
			marker_width = lb.x;
			lb.x = save;
			mf->width = layout_snap(marker_width);
			marker_frag = mf;
			marker_piece = pc;
			/* A list item with nothing but its marker still has a
			 * line, as in Blink. */
			has_content = true;
			base_vec_push(&lb.pieces[cur].children, mf);
			continue;
		}
		if (it->type == IT_OPEN) {
			if (it->start >= le && !(it->start == le && le == pa->text.len))
				break;
			int pc = push_piece(&lb, it->style, cur);
			struct layout_fragment *f = layout_new_fragment(ctx, LAYOUT_FRAG_BOX, it->box);
			lb.pieces[pc].frag = f;
			lb.pieces[pc].has_start = true;
			lb.pieces[pc].open_item = (int)i;
			f->border[3] = it->b.left;
			f->padding[3] = it->p.left;
			f->margin[3] = it->m.left;
			lb.x += it->m.left;
			f->x = lb.x;
			lb.x += it->b.left + it->p.left;
			add_frag(&lb, cur, f);
			cur = pc;
			base_vec_push(open_stack, it);
			if (it->edge > 0 || it->m.right + it->b.right + it->p.right > 0)
				has_content = true;
			continue;
		}
		if (it->type == IT_CLOSE) {
			if (it->start > le || (it->start == le && ls == le && i > 0 && it->start != pa->text.len && false))
				break;
			if (it->start > content_end && it->start < le) {
				/* Closing after trailing spaces removed at the end. */
			}
			if (lb.pieces[cur].open_item != it->match) {
				/* Mismatched (should not happen): stop closing. */
				break;
			}
			struct layout_fragment *f = lb.pieces[cur].frag;
			lb.pieces[cur].has_end = true;
			lb.x += it->p.right + it->b.right;
			f->border[1] = it->b.right;
			f->padding[1] = it->p.right;
			f->margin[1] = it->m.right;
			f->width = layout_snap(lb.x - f->x);
			lb.x += it->m.right;
			cur = lb.pieces[cur].parent;
			open_stack->len--;
			continue;
		}
		if (it->type == IT_TEXT && it->end == it->start)
			continue; /* white space collapsed away entirely */
		if (it->start >= le && it->type != IT_FLOAT && it->type != IT_ABSPOS)
			break;
		if (it->type == IT_FLOAT || it->type == IT_ABSPOS) {
			if (it->start > le || (it->start == le && le < pa->text.len))
				break;
			continue; /* handled by the caller */
		}
		if (it->end <= ls)
			continue;
		switch (it->type) {
		case IT_TEXT: {
			size_t a = it->start > ls ? it->start : ls, b = it->end < content_end ? it->end : content_end;
			if (b > a) {
				emit_text(&lb, cur, it, a, b);
				has_content = true;
			}
			/* A preserved newline makes the line a line even when
			 * it has no text (CSS 2.1 §9.4.2). */
			if (le > 0 && le - 1 >= it->start && le - 1 < it->end && pa->text.data[le - 1] == '\n')
				has_content = true;
			if (it->end > le)
				goto done; /* continues on the next line */
			break;
		}
		case IT_ATOMIC: {
			if (it->start >= content_end)
				break;
			struct layout_fragment *f = it->frag;
			if (f) {
				f->x = lb.x + it->m.left;
				add_frag(&lb, cur, f);
				struct atomic_ref *ar = base_arena_alloc(&ctx->scratch, sizeof *ar);
				*ar = (struct atomic_ref){f, cur, it->baseline, it->m.top, it->margin_height, it->style, false};
				base_vec_push(&lb.atomics, ar);
			}
			lb.x += it->margin_width;
			has_content = true;
			break;
		}
		case IT_BR: {
			/* <br> gets an empty box on the baseline, as tall as the text. */
			struct layout_fragment *f = layout_new_fragment(ctx, LAYOUT_FRAG_BOX, it->box);
			f->x = lb.x;
			struct vmetrics *vm = &lb.pieces[cur].vm;
			f->height = vm->ascent + vm->descent;
			add_frag(&lb, cur, f);
			struct atomic_ref *ar = base_arena_alloc(&ctx->scratch, sizeof *ar);
			*ar = (struct atomic_ref){f, cur, vm->ascent, 0, f->height, it->style, true};
			base_vec_push(&lb.atomics, ar);
			/* A line with a <br> counts as a line of text for the
			 * quirks-mode strut. */
			for (int p = cur; p >= 0; p = lb.pieces[p].parent)
				lb.pieces[p].has_text = true;
			has_content = true;
			break;
		}
		default:
			break;
		}
	}
done:
	*item_cursor = i;
	/* Close the pieces still open at the line end (no end edges). */
	for (int p = cur; p != root; p = lb.pieces[p].parent) {
		struct layout_fragment *f = lb.pieces[p].frag;
		f->width = layout_snap(lb.x - f->x);
		if (f->width < 0)
			f->width = 0;
	}
	(void)marker_frag;
	res->empty = !has_content;

	/* §10.8.1: align boxes on baselines; the strut is the root box. In
	 * quirks and limited-quirks mode (Quirks Mode §3.3, §3.4) the strut
	 * and inline boxes without text or horizontal edges do not count. */
	bool quirky = ctx->sd->doc->quirks != HTML_NO_QUIRKS;
	float top = INFINITY, bottom = -INFINITY;
	if (!res->empty && (!quirky || lb.pieces[root].has_text)) {
		top = -lb.pieces[root].vm.top;
		bottom = lb.pieces[root].vm.bottom;
	}
	lb.pieces[root].baseline = 0;
	for (size_t p = 1; p < lb.npieces; p++) {
		struct piece *pc = &lb.pieces[p];
		struct piece *par = &lb.pieces[pc->parent];
		if (pc->style->vertical_align == CSS_VA_TOP || pc->style->vertical_align == CSS_VA_BOTTOM) {
			pc->is_top_bottom = true;
			pc->baseline = par->baseline;
			continue;
		}
		pc->shift = baseline_shift(ctx, pc->style, par->style, &pc->vm, &par->vm, pc->vm.ascent, pc->vm.descent);
		pc->baseline = par->baseline + pc->shift;
		const struct css_style *ps = pc->style;
		bool edges = ps->border_width[1] > 0 || ps->border_width[3] > 0 || css_length_resolve(ps->padding[1], pa->content_width) > 0 ||
			     css_length_resolve(ps->padding[3], pa->content_width) > 0;
		if (!res->empty && (!quirky || pc->has_text || edges)) {
			top = BASE_MIN(top, pc->baseline - pc->vm.top);
			bottom = BASE_MAX(bottom, pc->baseline + pc->vm.bottom);
		}
	}
	for (size_t k = 0; k < lb.atomics.len; k++) {
		struct atomic_ref *ar = lb.atomics.items[k];
		struct piece *par = &lb.pieces[ar->piece];
		if (ar->style->vertical_align == CSS_VA_TOP || ar->style->vertical_align == CSS_VA_BOTTOM)
			continue;
		float above = ar->baseline, below = ar->margin_height - ar->baseline;
		float shift = baseline_shift(ctx, ar->style, par->style, NULL, &par->vm, above, below);
		float bl = par->baseline + shift;
		ar->frag->y = bl - ar->baseline + ar->margin_top;
		if (quirky && ar->is_br)
			continue;
		top = BASE_MIN(top, bl - above);
		bottom = BASE_MAX(bottom, bl + below);
	}
	if (top > bottom)
		top = bottom = 0;
	/* vertical-align: top/bottom boxes align to the line box edges. */
	float height = bottom - top;
	for (size_t p = 1; p < lb.npieces; p++)
		if (lb.pieces[p].is_top_bottom && lb.pieces[p].vm.top + lb.pieces[p].vm.bottom > height)
			height = lb.pieces[p].vm.top + lb.pieces[p].vm.bottom;
	for (size_t k = 0; k < lb.atomics.len; k++) {
		struct atomic_ref *ar = lb.atomics.items[k];
		if ((ar->style->vertical_align == CSS_VA_TOP || ar->style->vertical_align == CSS_VA_BOTTOM) && ar->margin_height > height)
			height = ar->margin_height;
	}
	float baseline = -top;
	for (size_t p = 1; p < lb.npieces; p++) {
		struct piece *pc = &lb.pieces[p];
		if (pc->is_top_bottom)
			pc->baseline = pc->style->vertical_align == CSS_VA_TOP ? pc->vm.top - baseline : height - pc->vm.bottom - baseline;
		else if (lb.pieces[pc->parent].is_top_bottom)
			pc->baseline = lb.pieces[pc->parent].baseline + pc->shift;
	}
	for (size_t k = 0; k < lb.atomics.len; k++) {
		struct atomic_ref *ar = lb.atomics.items[k];
		if (ar->style->vertical_align == CSS_VA_TOP)
			ar->frag->y = -baseline + ar->margin_top;
		else if (ar->style->vertical_align == CSS_VA_BOTTOM)
			ar->frag->y = height - baseline - ar->margin_height + ar->margin_top;
	}
	/* Positions in line coordinates (top of the line box at 0). */
	for (size_t p = 0; p < lb.npieces; p++) {
		struct piece *pc = &lb.pieces[p];
		float bl = baseline + pc->baseline;
		for (size_t k = 0; k < pc->children.len; k++) {
			struct layout_fragment *f = pc->children.items[k];
			if (f->kind == LAYOUT_FRAG_TEXT)
				f->y = bl - pc->vm.ascent;
		}
		if (p > 0 && pc->frag) {
			struct layout_fragment *f = pc->frag;
			struct layout_edges m, b, pd;
			layout_box_edges(pc->style, pa->content_width, &m, &b, &pd);
			f->border[0] = b.top;
			f->border[2] = b.bottom;
			f->padding[0] = pd.top;
			f->padding[2] = pd.bottom;
			f->y = bl - pc->vm.ascent - b.top - pd.top;
			f->height = pc->vm.ascent + pc->vm.descent + b.top + b.bottom + pd.top + pd.bottom;
			f->baseline = pc->vm.ascent + b.top + pd.top;
		}
	}
	for (size_t k = 0; k < lb.atomics.len; k++) {
		struct atomic_ref *ar = lb.atomics.items[k];
		ar->frag->y += baseline;
	}
	if (marker_piece >= 0) {
		struct piece *mp = &lb.pieces[marker_piece];
		mp->frag->x = -marker_width;
		mp->frag->y = baseline - mp->vm.ascent;
		mp->frag->height = mp->vm.ascent + mp->vm.descent;
		for (size_t k = 0; k < mp->children.len; k++) {
			struct layout_fragment *f = mp->children.items[k];
			f->x -= marker_width; /* shaped from 0, the marker from -marker_width */
			f->y = baseline - mp->vm.ascent;
		}
	}
	/* Children of pieces become relative to their piece; nested pieces
	 * come after their parents, so go backwards while positions are
	 * still line-relative. */
	for (size_t p = lb.npieces; p-- > 1;) {
		struct piece *pc = &lb.pieces[p];
		struct layout_fragment *f = pc->frag;
		for (size_t k = 0; k < pc->children.len; k++) {
			struct layout_fragment *c = pc->children.items[k];
			c->x = layout_snap(c->x - f->x);
			c->y = layout_snap(c->y - f->y);
		}
		layout_fragment_set_children(ctx, f, &pc->children);
	}
	/* CSS 2.1 §9.4.3: relative positioning moves inline box pieces and
	 * atomic inlines, with their content, after the line is laid out. */
	for (size_t p = 1; p < lb.npieces; p++) {
		float dx, dy;
		layout_apply_relative(lb.pieces[p].style, pa->content_width, pa->cb_height, &dx, &dy);
		lb.pieces[p].frag->x = layout_snap(lb.pieces[p].frag->x + dx);
		lb.pieces[p].frag->y = layout_snap(lb.pieces[p].frag->y + dy);
	}
	for (size_t k = 0; k < lb.atomics.len; k++) {
		struct atomic_ref *ar = lb.atomics.items[k];
		float dx, dy;
		layout_apply_relative(ar->style, pa->content_width, pa->cb_height, &dx, &dy);
		ar->frag->x = layout_snap(ar->frag->x + dx);
		ar->frag->y = layout_snap(ar->frag->y + dy);
	}
	layout_fragment_set_children(ctx, line, &lb.pieces[root].children);
	line->height = res->empty ? 0 : layout_snap(height);
	res->height = line->height;
	res->baseline = baseline;
	line->baseline = baseline;
	base_vec_free(&lb.atomics);
	free(lb.pieces);
}

/* Width of [a, b) without the hanging/removed spaces at its end. */
static size_t trim_end(struct para *pa, size_t a, size_t b)
{
	const char *text = pa->text.data;
	while (b > a && (pa->collapsible[b - 1] || text[b - 1] == '\n'))
		b--;
	return b;
}

static float range_width(struct para *pa, size_t a, size_t b)
{
	float w = 0;
	for (size_t i = a; i < b; i++)
		w += pa->adv[i];
	return w;
}

static void shift_line(struct layout_fragment *line, float dx)
{
	for (size_t i = 0; i < line->child_count; i++)
		line->children[i]->x = layout_snap(line->children[i]->x + dx);
}

static uint8_t resolved_align(const struct css_style *s, bool last_line)
{
	uint8_t a = s->text_align;
	if (a == CSS_TEXT_ALIGN_JUSTIFY && last_line)
		a = s->text_align_last != CSS_TEXT_ALIGN_START && s->text_align_last != CSS_TEXT_ALIGN_JUSTIFY ? s->text_align_last
														       : CSS_TEXT_ALIGN_START;
	bool rtl = s->direction == CSS_DIRECTION_RTL;
	switch (a) {
	case CSS_TEXT_ALIGN_WEBKIT_CENTER:
		return CSS_TEXT_ALIGN_CENTER;
	case CSS_TEXT_ALIGN_WEBKIT_LEFT:
		return CSS_TEXT_ALIGN_LEFT;
	case CSS_TEXT_ALIGN_WEBKIT_RIGHT:
		return CSS_TEXT_ALIGN_RIGHT;
	case CSS_TEXT_ALIGN_START:
	case CSS_TEXT_ALIGN_MATCH_PARENT:
		return rtl ? CSS_TEXT_ALIGN_RIGHT : CSS_TEXT_ALIGN_LEFT;
	case CSS_TEXT_ALIGN_END:
		return rtl ? CSS_TEXT_ALIGN_LEFT : CSS_TEXT_ALIGN_RIGHT;
	default:
		return a;
	}
}

/* The static position of a box inside relatively positioned inline boxes
 * moves with them: the sum of their offsets. */
static void relative_offset_in(struct para *pa, const struct layout_box *box, float *dx, float *dy)
{
	*dx = *dy = 0;
	for (const struct layout_box *p = box->parent; p && p != pa->root && p->type == LAYOUT_BOX_INLINE; p = p->parent) {
		float x, y;
		layout_apply_relative(p->style, pa->content_width, pa->cb_height, &x, &y);
		*dx += x;
		*dy += y;
	}
}

void layout_inline_content(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *container, float content_width,
			   const struct layout_space *space, float content_bfc_x, float content_bfc_y, struct base_vec *children,
			   struct layout_inline_result *out)
{
	memset(out, 0, sizeof *out);
	struct para pa = {.ctx = ctx, .root = box, .content_width = content_width, .cb_height = space->cb_height, .depth = space->depth};
	build_para(&pa);
	/* The first line is laid out from a paragraph seen through
	 * ::first-line, the others from the normal one (CSS Pseudo 4 §2.1):
	 * they have the same items over the same text offsets, unless a
	 * first-line text-transform or small-caps changes them (then the
	 * first line goes without). */
	struct para fl = pa;
	bool has_fl = false;
	if (box->first_line) {
		fl = (struct para){.ctx = ctx, .root = box, .content_width = content_width, .cb_height = space->cb_height, .depth = space->depth,
				   .first_line = box->first_line, .normal = &pa};
		build_para(&fl);
		has_fl = fl.count == pa.count && fl.text.len == pa.text.len;
		if (!has_fl)
			free_para(&fl);
	}
	struct para *P = has_fl ? &fl : &pa;
	const char *text = P->text.data ? P->text.data : "";
	size_t len = P->text.len;
	const struct css_style *s = box->style;
	float indent = layout_unit(css_length_resolve(s->text_indent, content_width));
	struct vmetrics strut = inline_metrics(ctx, s);
	float strut_h = strut.top + strut.bottom;
	struct base_vec open_stack = {0};
	size_t item_cursor = 0, pos = 0, float_cursor = 0, abs_cursor = 0;
	float y = 0;
	bool first = true;
	float inset_x = container->border[3] + container->padding[3], inset_y = container->border[0] + container->padding[0];
	for (int guard = 0; guard < 1000000; guard++) {
		/* Floats and positioned boxes up to the line start. */
		for (; float_cursor < P->count; float_cursor++) {
			struct item *it = &P->items[float_cursor];
			if (it->start > pos || (it->start == pos && pos > 0 && pos == len && false))
				break;
			if (it->type == IT_FLOAT) {
				struct layout_fragment *f = layout_float(ctx, it->box, content_width, space->cb_height, space->floats, content_bfc_x,
									 content_bfc_y + y, space->depth + 1);
				f->y = layout_snap(f->y - content_bfc_y);
				base_vec_push(children, f);
			}
		}
		if (pos >= len && !(first && P->count > 0 && len == 0))
			break;
		/* Skip collapsible spaces at the line start (§4.1.2). */
		size_t ls = pos;
		while (ls < len && P->collapsible[ls])
			ls++;
		float left, right;
		layout_floats_band(space->floats, content_bfc_y + y, strut_h, content_bfc_x, content_bfc_x + content_width, &left, &right);
		float line_left = left - content_bfc_x;
		float avail = right - left;
		float ind = first ? indent : 0;
		/* Greedy filling up to the last break opportunity that fits. */
		size_t end = ls, last_break = 0;
		bool have_break = false, forced = false;
		float w = ind;
		size_t i = ls;
		while (i < len) {
			size_t n = 1;
			float cw = 0;
			/* An ASCII character other than a preserved tab: its own
			 * advance. */
			if ((unsigned char)text[i] < 0x80 && !P->tab_style) {
				cw += P->adv[i];
			} else {
				n = char_len(text, i, len);
				for (size_t k = i; k < i + n; k++)
					cw += advance_at(P, k, w);
			}
			bool is_space = P->collapsible[i] || P->hangs[i];
			if (!is_space && w + cw > avail + 0.01f && (have_break || i > ls)) {
				if (have_break)
					break;
				/* overflow-wrap: break anywhere in an overlong word. */
				const struct css_style *ts = NULL;
				for (size_t k = 0; k < P->count; k++)
					if (P->items[k].type == IT_TEXT && P->items[k].start <= i && i < P->items[k].end)
						ts = P->items[k].style;
				if (ts && (ts->overflow_wrap != CSS_OVERFLOW_WRAP_NORMAL || ts->word_break == CSS_WORD_BREAK_BREAK_WORD ||
					   is_sa_base(text, i, len)) &&
				    wraps(ts->white_space)) {
					last_break = i;
					have_break = true;
					break;
				}
			}
			w += cw;
			i += n;
			uint8_t b = P->brk[i - 1];
			if (b == LAYOUT_BREAK_MANDATORY) {
				last_break = i;
				have_break = true;
				forced = true;
				break;
			}
			if (b == LAYOUT_BREAK_ALLOWED) {
				last_break = i;
				have_break = true;
			}
		}
		if (i >= len && !forced) {
			end = len;
		} else {
			end = have_break ? last_break : i;
		}
		if (end <= ls && ls < len)
			end = ls + char_len(text, ls, len);
		size_t content_end = trim_end(P, ls, end);
		/* CSS 2.1 §9.5: a line shortened by floats that is too small
		 * for its first piece of content moves down past the next
		 * float bottom, until the content fits or no float remains.
		 * As in Chromium, only where the text wraps: unwrappable text
		 * stays and overflows. */
		if (avail < content_width - 0.01f && wraps(s->white_space) && content_end > ls &&
		    ind + range_width(P, ls, content_end) > avail + 0.01f) {
			float next = layout_floats_next_bottom(space->floats, content_bfc_y + y);
			if (isfinite(next) && next > content_bfc_y + y) {
				y = next - content_bfc_y;
				continue;
			}
		}
		/* Preserved trailing spaces (pre-wrap) hang: they are shown
		 * but do not count for alignment. */
		struct layout_fragment *line = layout_new_fragment(ctx, LAYOUT_FRAG_LINE, NULL);
		line->style = s;
		line->x = line_left;
		line->width = avail;
		struct line_result lr;
		bool last_line = end >= len || forced;
		/* Hanging white space does not count for alignment (§4.1.3);
		 * before a forced break or the end of the block it hangs only
		 * where it overflows. */
		size_t hang_start = content_end;
		while (hang_start > ls && P->hangs[hang_start - 1])
			hang_start--;
		float line_w = ind + range_width(P, ls, hang_start);
		if (last_line)
			line_w = BASE_MAX(line_w, BASE_MIN(ind + range_width(P, ls, content_end), avail));
		float extra = 0;
		uint8_t align = resolved_align(s, last_line);
		if (s->text_align == CSS_TEXT_ALIGN_JUSTIFY && (!last_line || s->text_align_last == CSS_TEXT_ALIGN_JUSTIFY) && line_w < avail) {
			int spaces = 0;
			for (size_t k = ls; k < content_end; k++)
				if (text[k] == ' ')
					spaces++;
			if (spaces > 0)
				extra = (avail - line_w) / (float)spaces;
		}
		build_line(P, ls, content_end, end, &item_cursor, &open_stack, line, first, extra, &lr);
		if (extra > 0)
			line_w = avail;
		/* The indent is on the start side: in rtl the alignment below
		 * leaves it on the right. */
		if (ind != 0 && s->direction != CSS_DIRECTION_RTL)
			shift_line(line, ind);
		float used = line_w;
		if (align == CSS_TEXT_ALIGN_CENTER && avail > used)
			shift_line(line, layout_unit((avail - used) / 2));
		else if (align == CSS_TEXT_ALIGN_RIGHT && avail > used)
			shift_line(line, avail - used);
		line->y = y;
		/* Floats met on this line go beside it when they fit in what
		 * the line leaves free (CSS 2.1 §9.5.1 rule 6 and 8); a left
		 * float pushes the line's content right. */
		for (; float_cursor < P->count; float_cursor++) {
			struct item *it = &P->items[float_cursor];
			if (it->type != IT_FLOAT)
				continue;
			if (it->start >= end && end < len)
				break;
			float mw = layout_float_margin_width(ctx, it->box, content_width, space->depth + 1);
			if (line_w + mw > avail + 0.01f)
				break;
			struct layout_fragment *f = layout_float(ctx, it->box, content_width, space->cb_height, space->floats, content_bfc_x,
								 content_bfc_y + y, space->depth + 1);
			f->y = layout_snap(f->y - content_bfc_y);
			base_vec_push(children, f);
			line_w += mw;
			/* The line loses mw on the float's side; its content keeps
			 * its alignment in what is left. */
			bool left_float = it->box->style->float_ == CSS_FLOAT_LEFT;
			float dx = align == CSS_TEXT_ALIGN_RIGHT ? (left_float ? 0 : -mw)
				   : align == CSS_TEXT_ALIGN_CENTER ? (left_float ? mw : -mw) / 2
								     : (left_float ? mw : 0);
			if (dx != 0)
				shift_line(line, layout_snap(dx));
		}
		/* Positioned boxes met on this line: their static position is
		 * where they would have been on it (CSS 2.1 §10.3.7). */
		for (; abs_cursor < P->count; abs_cursor++) {
			struct item *it = &P->items[abs_cursor];
			if (it->type != IT_ABSPOS)
				continue;
			if (it->start >= end && end < len)
				break;
			float sx = line_left + ind + range_width(P, ls, it->start > ls ? BASE_MIN(it->start, content_end) : ls);
			float dx, dy;
			relative_offset_in(P, it->box, &dx, &dy);
			layout_positioned_pending(ctx, it->box, container, inset_x + sx + dx, inset_y + y + dy);
		}
		if (!lr.empty || line->child_count > 0)
			base_vec_push(children, line);
		if (!lr.empty) {
			if (!out->has_lines)
				out->first_baseline = y + lr.baseline;
			out->last_baseline = y + lr.baseline;
			out->has_lines = true;
		}
		y += lr.height;
		first = false;
		if (P != &pa) {
			/* Back to the normal paragraph: inline boxes left open
			 * continue as its items. */
			for (size_t k = 0; k < open_stack.len; k++)
				open_stack.items[k] = pa.items + ((struct item *)open_stack.items[k] - fl.items);
			P = &pa;
			text = pa.text.data ? pa.text.data : "";
		}
		if (end <= pos && end >= len)
			break;
		pos = end;
		if (pos >= len && !forced)
			break;
		if (pos >= len && forced) {
			/* A forced break at the very end gives no empty line
			 * (§4.1.2: the final newline does not add a line). */
			break;
		}
	}
	/* Floats after the last line. */
	for (; float_cursor < P->count; float_cursor++) {
		struct item *it = &P->items[float_cursor];
		if (it->type == IT_FLOAT) {
			struct layout_fragment *f = layout_float(ctx, it->box, content_width, space->cb_height, space->floats, content_bfc_x,
								 content_bfc_y + y, space->depth + 1);
			f->y = layout_snap(f->y - content_bfc_y);
			base_vec_push(children, f);
		}
	}
	/* Positioned boxes after the last line (or in empty content). */
	for (; abs_cursor < P->count; abs_cursor++)
		if (P->items[abs_cursor].type == IT_ABSPOS) {
			float dx, dy;
			relative_offset_in(P, P->items[abs_cursor].box, &dx, &dy);
			layout_positioned_pending(ctx, P->items[abs_cursor].box, container, inset_x + dx, inset_y + y + dy);
		}
	base_vec_free(&open_stack);
	layout_positioned_flush_inline(ctx, box, container, children, inset_x, inset_y);
	out->height = layout_snap(y);
	if (has_fl)
		free_para(&fl);
	free_para(&pa);
}

/* Min-content and max-content contributions of inline content (CSS Sizing
 * 3 §5.2): the widest unbreakable segment and the widest forced line. */
void layout_inline_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w)
{
	struct para pa = {.ctx = ctx, .root = box, .content_width = 0, .cb_height = -1, .depth = depth, .intrinsic = true};
	build_para(&pa);
	/* Atomic inlines contribute their own intrinsic widths; floats their
	 * outer widths, beside the line they are met on (as Blink does). */
	float *atomic_min = base_xcalloc(pa.text.len + 1, sizeof *atomic_min);
	float *float_max = base_xcalloc(pa.text.len + 1, sizeof *float_max);
	float float_min = 0;
	for (size_t i = 0; i < pa.count; i++) {
		struct item *it = &pa.items[i];
		if (it->type == IT_FLOAT) {
			struct layout_edges fm, fb, fp;
			layout_box_edges(it->box->style, 0, &fm, &fb, &fp);
			float mn, mx;
			layout_intrinsic_widths(ctx, it->box, depth + 1, &mn, &mx);
			float_max[it->start] += mx + fm.left + fm.right;
			float_min = BASE_MAX(float_min, mn + fm.left + fm.right);
			continue;
		}
		if (it->type != IT_ATOMIC || it->box->type == LAYOUT_BOX_REPLACED)
			continue;
		float mn, mx;
		layout_intrinsic_widths(ctx, it->box, depth + 1, &mn, &mx);
		float mw = it->m.left + it->m.right;
		pa.adv[it->start] += mx + mw;
		atomic_min[it->start] = mn + mw;
	}
	const char *text = pa.text.data ? pa.text.data : "";
	size_t len = pa.text.len;
	float indent = css_length_resolve(box->style->text_indent, 0);
	float mx = 0, line = indent, seg = indent, mn = 0;
	size_t line_start = 0;
	for (size_t i = 0; i < len;) {
		size_t n = char_len(text, i, len);
		float cw = 0;
		for (size_t k = i; k < i + n; k++)
			cw += advance_at(&pa, k, line);
		line += float_max[i];
		bool space = pa.collapsible[i];
		if (!(space && i == line_start))
			line += cw;
		i += n;
		uint8_t b = pa.brk[i - 1];
		/* A space no line may break after (nowrap) is part of the
		 * unbreakable run it sits in. */
		if (!space || (b == LAYOUT_BREAK_NONE && seg > 0 && i < len))
			seg += atomic_min[i - n] > 0 ? atomic_min[i - n] : cw;
		if (seg > mn)
			mn = seg;
		if (b != LAYOUT_BREAK_NONE)
			seg = 0;
		if (b == LAYOUT_BREAK_MANDATORY || i >= len) {
			if (i >= len)
				line += float_max[len];
			float trimmed = line;
			for (size_t k = i; k > line_start && pa.collapsible[k - 1]; k--)
				trimmed -= pa.adv[k - 1];
			if (trimmed > mx)
				mx = trimmed;
			line = 0;
			line_start = i;
		}
	}
	if (seg > mn)
		mn = seg;
	/* Content that is only inline box edges (empty spans with padding). */
	if (len == 0) {
		for (size_t i = 0; i < pa.count; i++)
			if (pa.items[i].type == IT_OPEN || pa.items[i].type == IT_CLOSE)
				mx += pa.items[i].edge;
		mn = mx;
		mx += float_max[0];
	}
	mn = BASE_MAX(mn, float_min);
	free(float_max);
	free(atomic_min);
	free_para(&pa);
	*min_w = mn;
	*max_w = mx > mn ? mx : mn;
}
