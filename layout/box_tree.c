/* Box tree generation (CSS 2.1 §9.2, CSS Display 3 §2): one box per
 * rendered element by its display type, text boxes, ::before/::after and
 * list markers, display: none/contents, blockification of floats and
 * absolutely positioned boxes, anonymous block boxes around inline runs
 * that sit beside blocks (§9.2.1.1) and the splitting of inline boxes that
 * contain blocks.
 *
 * The DOM walk recurses once per element up to LAYOUT_MAX_DEPTH; deeper
 * content is flattened into the box at the limit as text, so no input can
 * exhaust the stack.
 *
 * Ownership: boxes are allocated in the pass's scratch arena. */
#include "layout/generated_content.h"

#include <hb.h>
#include <stdlib.h>
#include <string.h>

struct builder {
	struct layout_ctx *ctx;
	struct layout_counters counters;
};

static struct layout_box *new_box(struct layout_ctx *ctx, uint8_t type, const struct html_node *node, const struct css_style *s)
{
	struct layout_box *b = base_arena_calloc(&ctx->scratch, 1, sizeof *b);
	b->type = type;
	b->node = node;
	b->style = s;
	b->intrinsic_width = b->intrinsic_height = -1;
	return b;
}

static void append(struct layout_box *parent, struct layout_box *child)
{
	child->parent = parent;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

static bool in_flow_block_level(const struct layout_box *b)
{
	return !b->inline_level && !b->is_float && !b->is_abspos;
}

static struct layout_box *new_text(struct layout_ctx *ctx, const struct html_node *node, const struct css_style *s, const char *text,
				   size_t len)
{
	struct layout_box *t = new_box(ctx, LAYOUT_BOX_TEXT, NULL, s);
	t->text_node = node;
	t->text = text;
	t->len = len;
	t->inline_level = true;
	return t;
}

/* Fragments point to these styles, so they live in the tree's arena. */
struct css_style *layout_derived_style(struct layout_ctx *ctx, const struct css_style *a, const struct css_style *b, uint8_t kind,
				       bool *fresh)
{
	char key[2 * sizeof a + 1];
	memcpy(key, &a, sizeof a);
	memcpy(key + sizeof a, &b, sizeof b);
	key[2 * sizeof a] = (char)kind;
	struct css_style *s = base_map_get(&ctx->anon_styles, key, sizeof key);
	*fresh = s == NULL;
	if (!s) {
		s = base_arena_alloc(&ctx->tree->arena, sizeof *s);
		base_map_put(&ctx->anon_styles, key, sizeof key, s);
	}
	return s;
}

/* Inherited properties are copied from the parent, the others are reset
 * (CSS 2.1 §9.2.1.1: anonymous boxes inherit from their enclosing box). */
const struct css_style *layout_anonymous_style(struct layout_ctx *ctx, const struct css_style *parent, uint8_t display)
{
	bool fresh;
	struct css_style *s = layout_derived_style(ctx, parent, NULL, display, &fresh);
	if (!fresh)
		return s;
	*s = *ctx->sd->initial;
	s->font_family = parent->font_family;
	s->font_size = parent->font_size;
	s->font_weight = parent->font_weight;
	s->font_style = parent->font_style;
	s->font_stretch = parent->font_stretch;
	s->font_variant_small_caps = parent->font_variant_small_caps;
	s->line_height_kind = parent->line_height_kind;
	s->line_height = parent->line_height;
	s->color = parent->color;
	s->visibility = parent->visibility;
	s->white_space = parent->white_space;
	s->text_align = parent->text_align;
	s->text_align_last = parent->text_align_last;
	s->text_transform = parent->text_transform;
	s->word_break = parent->word_break;
	s->line_break = parent->line_break;
	s->overflow_wrap = parent->overflow_wrap;
	s->direction = parent->direction;
	s->text_indent = parent->text_indent;
	s->letter_spacing = parent->letter_spacing;
	s->word_spacing = parent->word_spacing;
	s->text_shadows = parent->text_shadows;
	s->text_shadow_count = parent->text_shadow_count;
	s->tab_size = parent->tab_size;
	s->list_style_type = parent->list_style_type;
	s->list_style_position = parent->list_style_position;
	s->list_style_string = parent->list_style_string;
	s->list_style_image = parent->list_style_image;
	s->quotes = parent->quotes;
	s->quote_count = parent->quote_count;
	s->cursor = parent->cursor;
	s->border_collapse = parent->border_collapse;
	s->border_spacing_h = parent->border_spacing_h;
	s->border_spacing_v = parent->border_spacing_v;
	s->empty_cells_hide = parent->empty_cells_hide;
	s->caption_side_bottom = parent->caption_side_bottom;
	s->decorations_in_effect = parent->decorations_in_effect;
	s->text_decoration_line = 0;
	s->display = display;
	return s;
}

static bool display_is_inline_level(uint8_t d)
{
	return d == CSS_DISPLAY_INLINE || d == CSS_DISPLAY_INLINE_BLOCK || d == CSS_DISPLAY_INLINE_FLEX ||
	       d == CSS_DISPLAY_INLINE_GRID || d == CSS_DISPLAY_INLINE_TABLE || d == CSS_DISPLAY_RUBY;
}

static void mark_contains_block(struct layout_box *parent)
{
	for (struct layout_box *p = parent; p && p->type == LAYOUT_BOX_INLINE && !p->contains_block; p = p->parent)
		p->contains_block = true;
}

/* Positioning scheme and outer display: floats and absolutely positioned
 * boxes are blockified (CSS Display 3 §2.7). The root element may be
 * absolutely positioned in the initial containing block, never floated. */
static void set_outer(struct layout_box *b, const struct css_style *s, bool is_root)
{
	b->is_abspos = s->position == CSS_POSITION_ABSOLUTE || s->position == CSS_POSITION_FIXED;
	b->is_float = !is_root && !b->is_abspos && s->float_ != CSS_FLOAT_NONE;
	b->inline_level = !is_root && !b->is_abspos && !b->is_float && display_is_inline_level(s->display);
}

static bool is_misparented_table_part(const struct layout_box *b);

static void add_child(struct layout_box *parent, struct layout_box *child)
{
	append(parent, child);
	/* Table parts in an inline box go into an anonymous inline table
	 * (wrap_misparented_table_parts), so they do not split it. */
	if (parent->type == LAYOUT_BOX_INLINE && in_flow_block_level(child) && !is_misparented_table_part(child))
		mark_contains_block(parent);
}

static void build_children(struct builder *b, struct layout_box *parent, const struct html_node *el, int depth);
static void fixup_block(struct layout_ctx *ctx, struct layout_box *box, int depth);
static void wrap_misparented_table_parts(struct layout_ctx *ctx, struct layout_box *box);

static void build_pseudo(struct builder *b, struct layout_box *parent, const struct html_node *el, uint8_t pseudo)
{
	const struct css_styled_document *sd = b->ctx->sd;
	if (!sd->pseudo || el->element_index >= sd->element_count)
		return;
	const struct css_style *s = sd->pseudo[el->element_index * CSS_PSEUDO_COUNT + pseudo];
	if (!s || s->content_none || !s->content || s->display == CSS_DISPLAY_NONE)
		return;
	layout_counters_enter(&b->counters, NULL, el, s);
	const char *text = layout_content_text(&b->counters, el, s, &b->ctx->scratch);
	bool inline_level = display_is_inline_level(s->display) || s->display == CSS_DISPLAY_CONTENTS;
	struct layout_box *box = new_box(b->ctx, inline_level && s->display != CSS_DISPLAY_INLINE_BLOCK ? LAYOUT_BOX_INLINE : LAYOUT_BOX_BLOCK,
					 el, s);
	box->pseudo = pseudo;
	set_outer(box, s, false);
	if (s->display == CSS_DISPLAY_CONTENTS)
		box->inline_level = true;
	if (*text)
		append(box, new_text(b->ctx, NULL, s, text, strlen(text)));
	add_child(parent, box);
}

/* The list marker box (CSS Lists 3 §3): ::marker style when the style
 * system provides one, else the list item's inherited style. */
static struct layout_box *build_marker(struct builder *b, const struct html_node *el, const struct css_style *s)
{
	if (s->list_style_type == CSS_LIST_NONE && !s->list_style_image)
		return NULL;
	const struct css_styled_document *sd = b->ctx->sd;
	const struct css_style *ms = NULL;
	if (sd->pseudo && el->element_index < sd->element_count)
		ms = sd->pseudo[el->element_index * CSS_PSEUDO_COUNT + CSS_PSEUDO_MARKER];
	if (!ms)
		ms = layout_anonymous_style(b->ctx, s, CSS_DISPLAY_INLINE);
	struct layout_box *m = new_box(b->ctx, LAYOUT_BOX_INLINE, el, ms);
	m->pseudo = CSS_PSEUDO_MARKER;
	m->inline_level = true;
	m->is_marker = s->list_style_position == CSS_LIST_OUTSIDE;
	const struct layout_image *img = NULL;
	if (s->list_style_image && b->ctx->opt->images)
		img = b->ctx->opt->images->get(b->ctx->opt->images->ctx, s->list_style_image);
	if (img) {
		struct layout_box *r = new_box(b->ctx, LAYOUT_BOX_REPLACED, NULL, ms);
		r->inline_level = true;
		r->image = img;
		r->intrinsic_width = (float)img->width;
		r->intrinsic_height = (float)img->height;
		r->has_intrinsic_ratio = img->width > 0 && img->height > 0;
		append(m, r);
		if (m->is_marker)
			append(m, new_text(b->ctx, NULL, ms, " ", 1));
	} else {
		const char *text = layout_marker_text(&b->counters, s, &b->ctx->scratch);
		append(m, new_text(b->ctx, NULL, ms, text, strlen(text)));
	}
	return m;
}

/* The first block container of a list item's subtree that holds inline
 * content: the outside marker goes on its first line. */
static struct layout_box *first_inline_container(struct layout_box *box)
{
	for (int guard = 0; box && guard < LAYOUT_MAX_DEPTH; guard++) {
		if (box->type != LAYOUT_BOX_BLOCK)
			return NULL;
		if (box->inline_content)
			return box;
		struct layout_box *c = box->first;
		while (c && !in_flow_block_level(c))
			c = c->next;
		box = c;
	}
	return NULL;
}

static const char *resolve_url(struct layout_ctx *ctx, const char *url)
{
	if (!url || !*url)
		return NULL;
	if (ctx->opt->resolve)
		return ctx->opt->resolve(ctx->opt->resolve_ctx, url, strlen(url), &ctx->scratch);
	return url;
}

static float attr_px(const struct html_node *el, const char *name, float dflt)
{
	const char *v = html_element_attr_value(el, name);
	if (!v)
		return dflt;
	char *end;
	float f = strtof(v, &end);
	return end == v || *end == '%' || f < 0 ? dflt : f;
}

/* Embedded content without an image: the 300x150 default object size
 * (CSS Images 3 §4.1), or the width/height attributes of canvas and svg. */
static struct layout_box *new_embedded(struct layout_ctx *ctx, const struct html_node *el, const struct css_style *s)
{
	struct layout_box *r = new_box(ctx, LAYOUT_BOX_REPLACED, el, s);
	bool own_size = el->tag == HTML_TAG_CANVAS || el->tag == HTML_TAG_SVG;
	r->intrinsic_width = own_size ? attr_px(el, "width", 300) : 300;
	r->intrinsic_height = own_size ? attr_px(el, "height", 150) : 150;
	r->has_intrinsic_ratio = r->intrinsic_width > 0 && r->intrinsic_height > 0;
	return r;
}

static const struct css_style *pseudo_style(struct layout_ctx *ctx, const struct html_node *el, uint8_t pseudo);

/* Chromium's single-line editor ignores a line height smaller than the
 * font's (its rounded ascent plus descent) and uses the normal one. */
static const struct css_style *field_line_style(struct layout_ctx *ctx, const struct css_style *s)
{
	if (s->line_height_kind == CSS_LH_NORMAL)
		return s;
	const struct layout_font_list *fl = layout_font_list_for(ctx, s);
	if (layout_control_line_height(ctx, s) >= roundf(fl->metrics.ascent) + roundf(fl->metrics.descent))
		return s;
	bool fresh;
	struct css_style *d = layout_derived_style(ctx, s, NULL, LAYOUT_DERIVED_FIELD_LINE, &fresh);
	if (fresh) {
		*d = *s;
		d->line_height_kind = CSS_LH_NORMAL;
	}
	return d;
}

/* A file input (HTML §4.10.5.1.18): its ::file-selector-button, an
 * inline-block with Chromium's label, and the status text beside it. */
static void build_file_input(struct layout_ctx *ctx, struct layout_box *r, const struct html_node *el,
			     const struct css_style *s)
{
	static const char button_label[] = "Choose File", status[] = "No file chosen";
	const struct css_style *bs = pseudo_style(ctx, el, CSS_PSEUDO_FILE_SELECTOR_BUTTON);
	if (bs && bs->display != CSS_DISPLAY_NONE) {
		struct layout_box *button = new_box(ctx, LAYOUT_BOX_BLOCK, el, bs);
		button->pseudo = CSS_PSEUDO_FILE_SELECTOR_BUTTON;
		set_outer(button, bs, false);
		append(button, new_text(ctx, NULL, bs, button_label, sizeof button_label - 1));
		append(r, button);
	}
	append(r, new_text(ctx, NULL, s, status, sizeof status - 1));
}

/* Replaced and form elements. Returns NULL for ordinary elements. */
static struct layout_box *build_special(struct builder *b, const struct html_node *el, const struct css_style *s)
{
	struct layout_ctx *ctx = b->ctx;
	if (el->ns == HTML_NS_SVG && el->tag == HTML_TAG_SVG)
		return new_embedded(ctx, el, s);
	if (el->ns != HTML_NS_HTML)
		return NULL;
	switch (el->tag) {
	case HTML_TAG_CANVAS:
	case HTML_TAG_IFRAME:
	case HTML_TAG_VIDEO:
	case HTML_TAG_EMBED:
		return new_embedded(ctx, el, s);
	case HTML_TAG_IMG: {
		const char *path = resolve_url(ctx, html_element_attr_value(el, "src"));
		const struct layout_image *img = path && ctx->opt->images ? ctx->opt->images->get(ctx->opt->images->ctx, path) : NULL;
		const char *alt = html_element_attr_value(el, "alt");
		const char *src = html_element_attr_value(el, "src");
		bool broken = !img && src && *src;
		if (broken && alt && *alt && layout_len_is_auto(s->width) && layout_len_is_auto(s->height)) {
			/* A broken image with alt text renders the text inline
			 * after a 16px broken-image icon, as Chromium does. */
			struct layout_box *inl = new_box(ctx, LAYOUT_BOX_INLINE, el, s);
			struct layout_box *icon = new_box(ctx, LAYOUT_BOX_REPLACED, NULL, s);
			icon->inline_level = true;
			icon->intrinsic_width = icon->intrinsic_height = 16;
			append(inl, icon);
			append(inl, new_text(ctx, NULL, s, alt, strlen(alt)));
			return inl;
		}
		struct layout_box *r = new_box(ctx, LAYOUT_BOX_REPLACED, el, s);
		r->image = img;
		if (broken && (!alt || !*alt)) {
			/* Chromium shows a 16x16 broken-image icon. */
			r->intrinsic_width = r->intrinsic_height = 16;
		} else if (img) {
			r->intrinsic_width = (float)img->width;
			r->intrinsic_height = (float)img->height;
			r->has_intrinsic_ratio = img->width > 0 && img->height > 0;
		}
		return r;
	}
	case HTML_TAG_INPUT:
	case HTML_TAG_TEXTAREA:
	case HTML_TAG_SELECT: {
		/* Form controls: atomic boxes showing their value. */
		struct layout_box *r = new_box(ctx, LAYOUT_BOX_BLOCK, el, s);
		if (layout_form_control_centres_line(r))
			r->style = s = field_line_style(ctx, s);
		const char *text = NULL;
		const struct css_style *ts = s;
		if (css_placeholder_shown(el)) {
			text = html_element_attr_value(el, "placeholder");
			const struct css_style *ps = pseudo_style(ctx, el, CSS_PSEUDO_PLACEHOLDER);
			if (ps)
				ts = ps;
		} else if (el->tag == HTML_TAG_INPUT) {
			const char *type = html_element_attr_value(el, "type");
			/* Controls drawn as a widget show no value text. */
			static const char *const widgets[] = {"checkbox", "radio", "color", "file", "image"};
			bool widget = false;
			for (size_t i = 0; type && i < BASE_ARRAY_LEN(widgets); i++)
				widget |= strcasecmp(type, widgets[i]) == 0;
			text = widget ? NULL : html_element_attr_value(el, "value");
			if (!text && css_is_push_button_input(el))
				text = !strcasecmp(type, "reset") ? "Reset" : !strcasecmp(type, "submit") ? "Submit" : "";
		} else if (el->tag == HTML_TAG_TEXTAREA) {
			text = el->first_child && el->first_child->type == HTML_NODE_TEXT ? el->first_child->data : NULL;
		} else {
			const struct html_node *first = NULL, *sel = NULL;
			for (const struct html_node *n = el->first_child; n; n = n->next_sibling ? n->next_sibling : NULL) {
				if (n->type == HTML_NODE_ELEMENT && n->tag == HTML_TAG_OPTION) {
					if (!first)
						first = n;
					if (html_element_attr_value(n, "selected"))
						sel = n;
				}
			}
			if (!sel)
				sel = first;
			if (sel && sel->first_child && sel->first_child->type == HTML_NODE_TEXT)
				text = sel->first_child->data;
		}
		if (css_is_file_input(el))
			build_file_input(ctx, r, el, s);
		if (text && *text)
			append(r, new_text(ctx, NULL, ts, text, strlen(text)));
		return r;
	}
	case HTML_TAG_BR: {
		struct layout_box *br = new_box(ctx, LAYOUT_BOX_BR, el, s);
		return br;
	}
	default:
		return NULL;
	}
}

/* Text of a subtree beyond the depth limit, flattened in document order
 * without recursion. */
static void build_flattened(struct builder *b, struct layout_box *parent, const struct html_node *el)
{
	const struct html_node *n = el->first_child;
	while (n) {
		if (n->type == HTML_NODE_TEXT && n->data_len > 0) {
			const struct html_node *p = n->parent;
			append(parent, new_text(b->ctx, n, css_style_of(b->ctx->sd, p), n->data, n->data_len));
		}
		if (n->type == HTML_NODE_ELEMENT && n->first_child &&
		    css_style_of(b->ctx->sd, n)->display != CSS_DISPLAY_NONE) {
			n = n->first_child;
			continue;
		}
		while (n && n != el && !n->next_sibling)
			n = n->parent;
		if (!n || n == el)
			break;
		n = n->next_sibling;
	}
}

static void build_first_letter(struct builder *b, struct layout_box *block);

static void build_element(struct builder *b, struct layout_box *parent, const struct html_node *el, int depth)
{
	struct layout_ctx *ctx = b->ctx;
	const struct css_style *s = css_style_of(ctx->sd, el);
	if (s->display == CSS_DISPLAY_NONE)
		return;
	layout_counters_enter(&b->counters, el, el->parent, s);
	if (s->display == CSS_DISPLAY_CONTENTS) {
		build_pseudo(b, parent, el, CSS_PSEUDO_BEFORE);
		build_children(b, parent, el, depth + 1);
		build_pseudo(b, parent, el, CSS_PSEUDO_AFTER);
		layout_counters_leave(&b->counters, el);
		return;
	}
	bool is_root = el == ctx->sd->doc->document_element;
	struct layout_box *box = build_special(b, el, s);
	if (!box)
		box = new_box(ctx, display_is_inline_level(s->display) && s->display == CSS_DISPLAY_INLINE ? LAYOUT_BOX_INLINE : LAYOUT_BOX_BLOCK,
			      el, s);
	set_outer(box, s, is_root);
	/* Children of flex and grid containers are blockified (CSS Display 3
	 * §2.7). */
	uint8_t pd = parent->style->display;
	if (parent->type == LAYOUT_BOX_BLOCK && parent->node && !parent->anonymous &&
	    (pd == CSS_DISPLAY_FLEX || pd == CSS_DISPLAY_INLINE_FLEX || pd == CSS_DISPLAY_GRID || pd == CSS_DISPLAY_INLINE_GRID))
		box->inline_level = false;
	if (box->type == LAYOUT_BOX_INLINE && !box->inline_level)
		box->type = LAYOUT_BOX_BLOCK; /* a blockified inline */
	if (box->type == LAYOUT_BOX_REPLACED || box->type == LAYOUT_BOX_BR)
		box->inline_level = box->type == LAYOUT_BOX_BR || (box->inline_level && !box->is_float && !box->is_abspos);
	add_child(parent, box);
	bool has_children = box->type == LAYOUT_BOX_BLOCK || box->type == LAYOUT_BOX_INLINE;
	if (has_children && !box->first) {
		struct layout_box *marker = s->display == CSS_DISPLAY_LIST_ITEM ? build_marker(b, el, s) : NULL;
		if (marker && !marker->is_marker)
			append(box, marker);
		build_pseudo(b, box, el, CSS_PSEUDO_BEFORE);
		if (depth >= LAYOUT_MAX_DEPTH)
			build_flattened(b, box, el);
		else
			build_children(b, box, el, depth + 1);
		build_pseudo(b, box, el, CSS_PSEUDO_AFTER);
		if (box->type == LAYOUT_BOX_INLINE)
			wrap_misparented_table_parts(ctx, box);
		/* After ::after, which may be block-level too. */
		if (box->type == LAYOUT_BOX_BLOCK && depth < LAYOUT_MAX_DEPTH)
			fixup_block(ctx, box, depth + 1);
		if (box->type == LAYOUT_BOX_BLOCK) {
			build_first_letter(b, box);
			/* ::first-line styles the first formatted line, maybe
			 * in a descendant block; an inner one has precedence. */
			const struct css_style *fls = pseudo_style(ctx, el, CSS_PSEUDO_FIRST_LINE);
			struct layout_box *target = fls ? first_inline_container(box) : NULL;
			if (target && !target->first_line)
				target->first_line = fls;
		}
		if (marker && marker->is_marker) {
			struct layout_box *target = first_inline_container(box);
			if (target) {
				marker->parent = target;
				target->marker = marker;
			}
		}
	}
	layout_counters_leave(&b->counters, el);
}

/* ---- ::first-letter (CSS Pseudo 4 §2.2, CSS 2.1 §5.12.2) ---------------- */

static const struct css_style *pseudo_style(struct layout_ctx *ctx, const struct html_node *el, uint8_t pseudo)
{
	const struct css_styled_document *sd = ctx->sd;
	if (!el || !sd->pseudo || el->element_index >= sd->element_count)
		return NULL;
	return sd->pseudo[el->element_index * CSS_PSEUDO_COUNT + pseudo];
}

/* Punctuation that goes with the first letter: Unicode classes Ps, Pe, Pi,
 * Pf and Po. */
static bool is_first_letter_punctuation(uint32_t cp)
{
	hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
	return gc == HB_UNICODE_GENERAL_CATEGORY_OPEN_PUNCTUATION || gc == HB_UNICODE_GENERAL_CATEGORY_CLOSE_PUNCTUATION ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_INITIAL_PUNCTUATION || gc == HB_UNICODE_GENERAL_CATEGORY_FINAL_PUNCTUATION ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_OTHER_PUNCTUATION;
}

static bool is_first_letter_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f';
}

static bool is_mark(uint32_t cp)
{
	hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
	return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK || gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
	       gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

/* Where the first letter of a text lies, as Blink finds it: after leading
 * white space, preceding punctuation, one typographic letter unit (a
 * character and its combining marks), then following punctuation. false
 * when the text has no letter (only white space and punctuation). */
static bool first_letter_range(const char *text, size_t len, size_t *start, size_t *end)
{
	const char *p = text, *e = text + len, *q;
	while (p < e && (q = p, is_first_letter_space(base_utf8_decode(&q, e))))
		p = q;
	*start = (size_t)(p - text);
	while (p < e && (q = p, is_first_letter_punctuation(base_utf8_decode(&q, e))))
		p = q;
	if (p >= e)
		return false;
	q = p;
	if (is_first_letter_space(base_utf8_decode(&q, e)))
		return false;
	p = q;
	while (p < e && (q = p, is_mark(base_utf8_decode(&q, e))))
		p = q;
	while (p < e && (q = p, is_first_letter_punctuation(base_utf8_decode(&q, e))))
		p = q;
	*end = (size_t)(p - text);
	return true;
}

enum first_letter_search { FL_NOT_FOUND, FL_FOUND, FL_STOP };

/* Finds the text holding the first letter of a block container's first
 * formatted line: inside its first in-flow block child, or among its
 * inline content, skipping white space, out-of-flow boxes and an inside
 * marker; anything else (an atomic inline, a line break) ends the search. */
static enum first_letter_search find_first_letter_text(struct layout_ctx *ctx, struct layout_box *box, int depth, struct layout_box **out,
						       size_t *start, size_t *end)
{
	if (depth > LAYOUT_MAX_DEPTH)
		return FL_STOP;
	for (struct layout_box *c = box->first; c; c = c->next) {
		if (c->is_float || c->is_abspos || c->pseudo == CSS_PSEUDO_MARKER)
			continue;
		if (c->type == LAYOUT_BOX_TEXT) {
			if (first_letter_range(c->text, c->len, start, end)) {
				*out = c;
				return FL_FOUND;
			}
			for (size_t i = 0; i < c->len; i++)
				if (!is_first_letter_space((unsigned char)c->text[i]))
					return FL_STOP; /* punctuation only */
			continue;
		}
		if (c->type == LAYOUT_BOX_INLINE)
			return find_first_letter_text(ctx, c, depth + 1, out, start, end) == FL_FOUND ? FL_FOUND : FL_STOP;
		/* The first in-flow block child: its first line is ours, unless
		 * it has a ::first-letter of its own. */
		if (c->type == LAYOUT_BOX_BLOCK && !c->inline_level && !box->inline_content && !layout_is_table(c)) {
			if (!c->anonymous && pseudo_style(ctx, c->node, CSS_PSEUDO_FIRST_LETTER))
				return FL_STOP;
			return find_first_letter_text(ctx, c, depth + 1, out, start, end) == FL_FOUND ? FL_FOUND : FL_STOP;
		}
		return FL_STOP;
	}
	return FL_NOT_FOUND;
}

/* Wraps the first letter of a block container in a ::first-letter box: an
 * inline box, or a float when the style floats it (drop caps). */
static void build_first_letter(struct builder *b, struct layout_box *block)
{
	struct layout_ctx *ctx = b->ctx;
	const struct css_style *fs = pseudo_style(ctx, block->node, CSS_PSEUDO_FIRST_LETTER);
	if (!fs || block->pseudo != CSS_PSEUDO_NONE)
		return;
	struct layout_box *t = NULL;
	size_t start = 0, end = 0;
	if (find_first_letter_text(ctx, block, 0, &t, &start, &end) != FL_FOUND)
		return;
	bool floats = fs->float_ != CSS_FLOAT_NONE;
	struct layout_box *fl = new_box(ctx, floats ? LAYOUT_BOX_BLOCK : LAYOUT_BOX_INLINE, block->node, fs);
	fl->pseudo = CSS_PSEUDO_FIRST_LETTER;
	fl->is_float = floats;
	fl->inline_level = !floats;
	fl->inline_content = true;
	struct layout_box *letter = new_text(ctx, t->text_node, fs, t->text + start, end - start);
	append(fl, letter);
	/* Leading white space stays before the box, the rest after it. */
	struct layout_box *rest = t;
	if (start > 0) {
		rest = new_text(ctx, t->text_node, t->style, t->text + end, t->len - end);
		t->len = start;
	} else {
		t->text += end;
		t->len -= end;
	}
	struct layout_box *parent = t->parent, *after = t->next;
	if (rest == t) {
		/* Insert fl before t. */
		struct layout_box *prev = NULL;
		for (struct layout_box *c = parent->first; c && c != t; c = c->next)
			prev = c;
		fl->parent = parent;
		fl->next = t;
		if (prev)
			prev->next = fl;
		else
			parent->first = fl;
		return;
	}
	fl->parent = rest->parent = parent;
	t->next = fl;
	fl->next = rest;
	rest->next = after;
	if (parent->last == t)
		parent->last = rest;
}

static bool is_collapsible_space_only(const struct layout_box *t)
{
	uint8_t ws = t->style->white_space;
	if (ws == CSS_WS_PRE || ws == CSS_WS_PRE_WRAP || ws == CSS_WS_BREAK_SPACES)
		return false;
	for (size_t i = 0; i < t->len; i++) {
		char c = t->text[i];
		if (c == '\n' && ws == CSS_WS_PRE_LINE)
			return false;
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			return false;
	}
	return true;
}

static bool is_space_only(const struct layout_box *t)
{
	for (size_t i = 0; i < t->len; i++)
		if (t->text[i] != ' ' && t->text[i] != '\t' && t->text[i] != '\n' && t->text[i] != '\r' && t->text[i] != '\f')
			return false;
	return true;
}

static struct layout_box *clone_inline(struct layout_ctx *ctx, const struct layout_box *inl)
{
	struct layout_box *c = new_box(ctx, LAYOUT_BOX_INLINE, inl->node, inl->style);
	c->inline_level = true;
	c->pseudo = inl->pseudo;
	return c;
}

struct box_list {
	struct layout_box *first, *last;
};

static void list_push(struct box_list *l, struct layout_box *b)
{
	b->next = NULL;
	if (l->last)
		l->last->next = b;
	else
		l->first = b;
	l->last = b;
}

/* CSS 2.1 §9.2.1.1: an inline box containing a block box is broken
 * around it; the pieces before and after are inline boxes of the same
 * element. */
static void split_inline(struct layout_ctx *ctx, struct layout_box *inl, struct box_list *out, int depth)
{
	struct layout_box *cur = clone_inline(ctx, inl);
	struct layout_box *c = inl->first;
	while (c) {
		struct layout_box *next = c->next;
		if (c->type == LAYOUT_BOX_INLINE && c->contains_block && depth < LAYOUT_MAX_DEPTH) {
			struct box_list pieces = {0};
			split_inline(ctx, c, &pieces, depth + 1);
			for (struct layout_box *p = pieces.first; p;) {
				struct layout_box *pn = p->next;
				if (p->inline_level) {
					append(cur, p);
				} else {
					list_push(out, cur);
					list_push(out, p);
					cur = clone_inline(ctx, inl);
				}
				p = pn;
			}
		} else if (in_flow_block_level(c)) {
			list_push(out, cur);
			list_push(out, c);
			cur = clone_inline(ctx, inl);
		} else {
			append(cur, c);
		}
		c = next;
	}
	list_push(out, cur);
}

static bool proper_table_child(uint8_t table_display, uint8_t d)
{
	if (table_display == CSS_DISPLAY_TABLE_ROW)
		return d == CSS_DISPLAY_TABLE_CELL;
	return d == CSS_DISPLAY_TABLE_ROW_GROUP || d == CSS_DISPLAY_TABLE_HEADER_GROUP || d == CSS_DISPLAY_TABLE_FOOTER_GROUP ||
	       d == CSS_DISPLAY_TABLE_ROW || d == CSS_DISPLAY_TABLE_CAPTION || d == CSS_DISPLAY_TABLE_COLUMN ||
	       d == CSS_DISPLAY_TABLE_COLUMN_GROUP || d == CSS_DISPLAY_TABLE_CELL;
}

/* CSS 2.1 §17.2.1 rule 2 in part: runs of children that are not table
 * parts are wrapped in one anonymous cell (the table layout gives stray
 * cells an implicit row). */
static void wrap_table_children(struct layout_ctx *ctx, struct layout_box *box)
{
	uint8_t d = box->style->display;
	if (d != CSS_DISPLAY_TABLE && d != CSS_DISPLAY_INLINE_TABLE && d != CSS_DISPLAY_TABLE_ROW)
		return;
	struct layout_box *c = box->first;
	box->first = box->last = NULL;
	struct layout_box *cell = NULL;
	while (c) {
		struct layout_box *next = c->next;
		if (c->is_abspos || proper_table_child(d, c->style->display)) {
			cell = NULL;
			append(box, c);
		} else {
			if (!cell) {
				cell = new_box(ctx, LAYOUT_BOX_BLOCK, NULL, layout_anonymous_style(ctx, box->style, CSS_DISPLAY_TABLE_CELL));
				cell->anonymous = true;
				append(box, cell);
			}
			append(cell, c);
		}
		c = next;
	}
}

static bool is_table_part(uint8_t d)
{
	return d == CSS_DISPLAY_TABLE_ROW_GROUP || d == CSS_DISPLAY_TABLE_HEADER_GROUP || d == CSS_DISPLAY_TABLE_FOOTER_GROUP ||
	       d == CSS_DISPLAY_TABLE_ROW || d == CSS_DISPLAY_TABLE_CELL || d == CSS_DISPLAY_TABLE_CAPTION ||
	       d == CSS_DISPLAY_TABLE_COLUMN || d == CSS_DISPLAY_TABLE_COLUMN_GROUP;
}

static bool is_misparented_table_part(const struct layout_box *b)
{
	return b->type == LAYOUT_BOX_BLOCK && !b->is_float && !b->is_abspos && is_table_part(b->style->display);
}

/* CSS 2.1 §17.2.1 rule 3: a run of table parts in a parent that is not
 * a table (with the white space between them) is wrapped in an anonymous
 * table, an inline table in an inline box. */
static void wrap_misparented_table_parts(struct layout_ctx *ctx, struct layout_box *box)
{
	uint8_t d = box->style->display;
	if (d == CSS_DISPLAY_TABLE || d == CSS_DISPLAY_INLINE_TABLE || (is_table_part(d) && d != CSS_DISPLAY_TABLE_CELL &&
									 d != CSS_DISPLAY_TABLE_CAPTION))
		return;
	struct layout_box *c = box->first;
	box->first = box->last = NULL;
	while (c) {
		if (!is_misparented_table_part(c)) {
			struct layout_box *next = c->next;
			append(box, c);
			c = next;
			continue;
		}
		bool in_inline = box->type == LAYOUT_BOX_INLINE;
		struct layout_box *table = new_box(ctx, LAYOUT_BOX_BLOCK, NULL,
						   layout_anonymous_style(ctx, box->style, in_inline ? CSS_DISPLAY_INLINE_TABLE : CSS_DISPLAY_TABLE));
		table->anonymous = true;
		table->inline_level = in_inline;
		append(box, table);
		while (c) {
			struct layout_box *end = c;
			while (end->type == LAYOUT_BOX_TEXT && is_collapsible_space_only(end) && end->next)
				end = end->next;
			if (!is_misparented_table_part(end))
				break;
			c = end->next;
			append(table, end);
		}
	}
}

/* Gives a block container either only block-level or only inline-level
 * children (CSS 2.1 §9.2.1.1 anonymous block boxes). */
static void fixup_block(struct layout_ctx *ctx, struct layout_box *box, int depth)
{
	struct box_list kids = {0};
	bool has_block = false;
	for (struct layout_box *c = box->first; c;) {
		struct layout_box *next = c->next;
		if (c->type == LAYOUT_BOX_INLINE && c->contains_block) {
			struct box_list pieces = {0};
			split_inline(ctx, c, &pieces, depth);
			for (struct layout_box *p = pieces.first; p;) {
				struct layout_box *pn = p->next;
				list_push(&kids, p);
				p = pn;
			}
			has_block = true;
		} else {
			list_push(&kids, c);
			if (in_flow_block_level(c))
				has_block = true;
		}
		c = next;
	}
	box->first = box->last = NULL;
	uint8_t d = box->style->display;
	if (!box->anonymous && (d == CSS_DISPLAY_FLEX || d == CSS_DISPLAY_INLINE_FLEX || d == CSS_DISPLAY_GRID || d == CSS_DISPLAY_INLINE_GRID))
		has_block = true; /* text runs become anonymous flex/grid items */
	if (d == CSS_DISPLAY_TABLE || d == CSS_DISPLAY_INLINE_TABLE || d == CSS_DISPLAY_TABLE_ROW)
		has_block = true; /* text runs go into anonymous cells */
	if (!has_block) {
		for (struct layout_box *c = kids.first; c;) {
			struct layout_box *next = c->next;
			append(box, c);
			c = next;
		}
		box->inline_content = true;
		return;
	}
	box->inline_content = false;
	/* White space between table parts is dropped whatever white-space
	 * says (as Blink gives it no box; CSS 2.1 §17.2.1 rule 1). */
	bool table_box = d == CSS_DISPLAY_TABLE || d == CSS_DISPLAY_INLINE_TABLE || d == CSS_DISPLAY_TABLE_ROW ||
			 d == CSS_DISPLAY_TABLE_ROW_GROUP || d == CSS_DISPLAY_TABLE_HEADER_GROUP || d == CSS_DISPLAY_TABLE_FOOTER_GROUP;
	/* An absolutely positioned child of a flex or grid container is a
	 * child of its own, so it splits a text run into two anonymous items
	 * (CSS Flexbox 1 §4, CSS Grid 1 §6). */
	bool splits_runs = !box->anonymous && (d == CSS_DISPLAY_FLEX || d == CSS_DISPLAY_INLINE_FLEX || d == CSS_DISPLAY_GRID ||
					       d == CSS_DISPLAY_INLINE_GRID);
	struct layout_box *c = kids.first;
	while (c) {
		if (in_flow_block_level(c) || (splits_runs && c->is_abspos)) {
			struct layout_box *next = c->next;
			append(box, c);
			c = next;
			continue;
		}
		/* A run of inline-level and out-of-flow boxes. */
		struct layout_box *run_end = c;
		bool content = false;
		for (struct layout_box *r = c; r && !in_flow_block_level(r) && !(splits_runs && r->is_abspos); r = r->next) {
			run_end = r;
			if (r->inline_level && !(r->type == LAYOUT_BOX_TEXT && (is_collapsible_space_only(r) || (table_box && is_space_only(r)))))
				content = true;
		}
		struct layout_box *after = run_end->next;
		if (content) {
			struct layout_box *anon = new_box(ctx, LAYOUT_BOX_BLOCK, NULL, layout_anonymous_style(ctx, box->style, CSS_DISPLAY_BLOCK));
			anon->anonymous = true;
			anon->inline_content = true;
			for (struct layout_box *r = c; r != after;) {
				struct layout_box *rn = r->next;
				append(anon, r);
				r = rn;
			}
			append(box, anon);
		} else {
			/* Only collapsible white space: no anonymous block;
			 * floats and positioned boxes stay block-level children. */
			for (struct layout_box *r = c; r != after;) {
				struct layout_box *rn = r->next;
				if (r->type != LAYOUT_BOX_TEXT)
					append(box, r);
				r = rn;
			}
		}
		c = after;
	}
	wrap_misparented_table_parts(ctx, box);
	wrap_table_children(ctx, box);
}

/* HTML §15.5.4: a closed details shows only its summary (its first
 * summary child); the rest sits in a content-visibility: hidden slot. */
static const struct html_node *closed_details_summary(const struct html_node *el)
{
	for (const struct html_node *n = el->first_child; n; n = n->next_sibling)
		if (n->type == HTML_NODE_ELEMENT && n->tag == HTML_TAG_SUMMARY)
			return n;
	return NULL;
}

/* The style of that slot as Blink has it (content-visibility: hidden):
 * size containment makes it 0 tall, layout containment a formatting
 * context, paint containment clips its content and contains positioned
 * descendants. Its content is laid out, so it has client rects, but is
 * never painted. */
static const struct css_style *details_slot_style(struct layout_ctx *ctx, const struct css_style *parent)
{
	bool fresh;
	struct css_style *s = layout_derived_style(ctx, parent, NULL, LAYOUT_DERIVED_DETAILS_SLOT, &fresh);
	if (!fresh)
		return s;
	*s = *layout_anonymous_style(ctx, parent, CSS_DISPLAY_FLOW_ROOT);
	s->height = (struct css_length){.kind = CSS_LEN_FIXED, .px = 0};
	s->overflow_x = s->overflow_y = CSS_OVERFLOW_HIDDEN;
	s->position = CSS_POSITION_RELATIVE;
	return s;
}

static void build_child_node(struct builder *b, struct layout_box *parent, const struct html_node *el, const struct html_node *n, int depth)
{
	if (n->type == HTML_NODE_TEXT) {
		if (n->data_len > 0)
			add_child(parent, new_text(b->ctx, n, css_style_of(b->ctx->sd, el), n->data, n->data_len));
	} else if (n->type == HTML_NODE_ELEMENT) {
		build_element(b, parent, n, depth);
	}
}

static void build_children(struct builder *b, struct layout_box *parent, const struct html_node *el, int depth)
{
	bool closed = el->tag == HTML_TAG_DETAILS && !html_element_attr(el, "open") &&
		      (parent->type == LAYOUT_BOX_BLOCK || parent->type == LAYOUT_BOX_INLINE);
	if (closed) {
		const struct html_node *summary = closed_details_summary(el);
		if (summary)
			build_element(b, parent, summary, depth);
		struct layout_box *slot = new_box(b->ctx, LAYOUT_BOX_BLOCK, NULL, details_slot_style(b->ctx, parent->style));
		slot->anonymous = true;
		for (const struct html_node *n = el->first_child; n; n = n->next_sibling)
			if (n != summary)
				build_child_node(b, slot, el, n, depth);
		add_child(parent, slot);
		fixup_block(b->ctx, slot, depth);
	} else {
		for (const struct html_node *n = el->first_child; n; n = n->next_sibling)
			build_child_node(b, parent, el, n, depth);
	}
}

/* Fixes up block containers that were filled without build_children
 * (pseudo-element blocks, flattened subtrees, form controls). */
static void fixup_leaves(struct layout_ctx *ctx, struct layout_box *box, int depth)
{
	if (depth > LAYOUT_MAX_DEPTH + 2)
		return;
	for (struct layout_box *c = box->first; c; c = c->next)
		if (c->type == LAYOUT_BOX_BLOCK || c->type == LAYOUT_BOX_INLINE)
			fixup_leaves(ctx, c, depth + 1);
	if (box->type == LAYOUT_BOX_BLOCK && !box->inline_content && (!box->first || box->first->inline_level || box->pseudo))
		fixup_block(ctx, box, depth);
}

struct layout_box *layout_build_box_tree(struct layout_ctx *ctx)
{
	struct builder b = {.ctx = ctx};
	layout_counters_init(&b.counters);
	const struct css_style *init = ctx->sd->initial;
	struct layout_box *icb = new_box(ctx, LAYOUT_BOX_BLOCK, NULL, init);
	const struct html_node *root = ctx->sd->doc->document_element;
	if (root && root->type == HTML_NODE_ELEMENT)
		build_element(&b, icb, root, 1);
	icb->inline_content = false;
	fixup_leaves(ctx, icb, 0);
	icb->inline_content = false;
	layout_table_collapse_borders(ctx, icb);
	layout_counters_free(&b.counters);
	return icb;
}
