/* The property table and every longhand's parser/computer and shorthand's
 * expander. https://drafts.csswg.org/indexes/#properties
 *
 * A longhand parser both validates (on a scratch style, when a stylesheet
 * is parsed) and computes (on the element's style, during the cascade):
 * one function per property keeps the grammar in one place. Shorthands
 * expand into longhand values that are slices of the shorthand's own
 * component values; omitted parts become `initial`. */
#include "css/internal.h"
#include "css/properties_grid.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#define MAX_ITEMS 64

/* The non-whitespace items of a value; -1 when there are too many. */
static int collect(struct css_cv_list v, const struct css_cv **items, size_t max)
{
	size_t pos = 0, n = 0;
	const struct css_cv *cv;
	while ((cv = css_next(v, &pos))) {
		if (n == max)
			return -1;
		items[n++] = cv;
	}
	return (int)n;
}

static struct css_cv_list one(const struct css_cv *cv)
{
	struct css_cv_list l = { cv, 1 };
	return l;
}

static struct css_cv_list span(const struct css_cv *first, const struct css_cv *last)
{
	struct css_cv_list l = { first, (size_t)(last - first) + 1 };
	return l;
}

/* ---- Keyword properties --------------------------------------------------- */

struct kw {
	const char *name;
	uint8_t value;
};

static const struct kw kw_position[] = { { "static", CSS_POSITION_STATIC },     { "relative", CSS_POSITION_RELATIVE },
					 { "absolute", CSS_POSITION_ABSOLUTE }, { "fixed", CSS_POSITION_FIXED },
					 { "sticky", CSS_POSITION_STICKY },     { "-webkit-sticky", CSS_POSITION_STICKY },
					 { NULL, 0 } };
static const struct kw kw_float[] = { { "none", CSS_FLOAT_NONE }, { "left", CSS_FLOAT_LEFT }, { "right", CSS_FLOAT_RIGHT },
				      { "inline-start", CSS_FLOAT_LEFT }, { "inline-end", CSS_FLOAT_RIGHT }, { NULL, 0 } };
static const struct kw kw_clear[] = { { "none", CSS_CLEAR_NONE },	  { "left", CSS_CLEAR_LEFT },
				      { "right", CSS_CLEAR_RIGHT },	  { "both", CSS_CLEAR_BOTH },
				      { "inline-start", CSS_CLEAR_LEFT }, { "inline-end", CSS_CLEAR_RIGHT },
				      { NULL, 0 } };
static const struct kw kw_box_sizing[] = { { "content-box", CSS_BOX_SIZING_CONTENT_BOX },
					   { "border-box", CSS_BOX_SIZING_BORDER_BOX }, { NULL, 0 } };
static const struct kw kw_visibility[] = { { "visible", CSS_VISIBILITY_VISIBLE }, { "hidden", CSS_VISIBILITY_HIDDEN },
					   { "collapse", CSS_VISIBILITY_COLLAPSE }, { NULL, 0 } };
static const struct kw kw_overflow[] = { { "visible", CSS_OVERFLOW_VISIBLE }, { "hidden", CSS_OVERFLOW_HIDDEN },
					 { "clip", CSS_OVERFLOW_CLIP },	      { "scroll", CSS_OVERFLOW_SCROLL },
					 { "auto", CSS_OVERFLOW_AUTO },	      { "overlay", CSS_OVERFLOW_AUTO },
					 { NULL, 0 } };
static const struct kw kw_font_style[] = { { "normal", CSS_FONT_STYLE_NORMAL }, { "italic", CSS_FONT_STYLE_ITALIC },
					   { "oblique", CSS_FONT_STYLE_OBLIQUE }, { NULL, 0 } };
static const struct kw kw_white_space[] = { { "normal", CSS_WS_NORMAL },	 { "nowrap", CSS_WS_NOWRAP },
					    { "pre", CSS_WS_PRE },		 { "pre-wrap", CSS_WS_PRE_WRAP },
					    { "pre-line", CSS_WS_PRE_LINE },	 { "break-spaces", CSS_WS_BREAK_SPACES },
					    { "-webkit-nowrap", CSS_WS_NOWRAP }, { NULL, 0 } };
static const struct kw kw_text_transform[] = { { "none", CSS_TT_NONE },	      { "capitalize", CSS_TT_CAPITALIZE },
					       { "uppercase", CSS_TT_UPPERCASE }, { "lowercase", CSS_TT_LOWERCASE },
					       { "full-width", CSS_TT_FULL_WIDTH }, { NULL, 0 } };
static const struct kw kw_word_break[] = { { "normal", CSS_WORD_BREAK_NORMAL },
					   { "break-all", CSS_WORD_BREAK_BREAK_ALL },
					   { "keep-all", CSS_WORD_BREAK_KEEP_ALL },
					   { "break-word", CSS_WORD_BREAK_BREAK_WORD },
					   { NULL, 0 } };
static const struct kw kw_overflow_wrap[] = { { "normal", CSS_OVERFLOW_WRAP_NORMAL },
					      { "break-word", CSS_OVERFLOW_WRAP_BREAK_WORD },
					      { "anywhere", CSS_OVERFLOW_WRAP_ANYWHERE },
					      { NULL, 0 } };
static const struct kw kw_line_break[] = { { "auto", CSS_LINE_BREAK_AUTO },	 { "loose", CSS_LINE_BREAK_AUTO },
					   { "normal", CSS_LINE_BREAK_AUTO },	 { "strict", CSS_LINE_BREAK_AUTO },
					   { "anywhere", CSS_LINE_BREAK_ANYWHERE }, { NULL, 0 } };
static const struct kw kw_direction[] = { { "ltr", CSS_DIRECTION_LTR }, { "rtl", CSS_DIRECTION_RTL }, { NULL, 0 } };
static const struct kw kw_tds[] = { { "solid", CSS_TDS_SOLID },   { "double", CSS_TDS_DOUBLE },
				    { "dotted", CSS_TDS_DOTTED }, { "dashed", CSS_TDS_DASHED },
				    { "wavy", CSS_TDS_WAVY },	  { NULL, 0 } };
static const struct kw kw_list_position[] = { { "outside", CSS_LIST_OUTSIDE }, { "inside", CSS_LIST_INSIDE },
					      { NULL, 0 } };
static const struct kw kw_flex_direction[] = { { "row", CSS_FLEX_ROW },
					       { "row-reverse", CSS_FLEX_ROW_REVERSE },
					       { "column", CSS_FLEX_COLUMN },
					       { "column-reverse", CSS_FLEX_COLUMN_REVERSE },
					       { NULL, 0 } };
static const struct kw kw_flex_wrap[] = { { "nowrap", CSS_FLEX_NOWRAP }, { "wrap", CSS_FLEX_WRAP },
					  { "wrap-reverse", CSS_FLEX_WRAP_REVERSE }, { NULL, 0 } };
static const struct kw kw_object_fit[] = { { "fill", CSS_OBJECT_FIT_FILL },	  { "contain", CSS_OBJECT_FIT_CONTAIN },
					   { "cover", CSS_OBJECT_FIT_COVER },	  { "none", CSS_OBJECT_FIT_NONE },
					   { "scale-down", CSS_OBJECT_FIT_SCALE_DOWN }, { NULL, 0 } };
static const struct kw kw_appearance[] = {
	{ "none", CSS_APPEARANCE_NONE },
	{ "auto", CSS_APPEARANCE_AUTO },
	{ "menulist-button", CSS_APPEARANCE_MENULIST_BUTTON },
	{ "textfield", CSS_APPEARANCE_TEXTFIELD },
	{ "searchfield", CSS_APPEARANCE_SEARCHFIELD },
	{ "textarea", CSS_APPEARANCE_TEXTAREA },
	{ "push-button", CSS_APPEARANCE_PUSH_BUTTON },
	{ "slider-horizontal", CSS_APPEARANCE_SLIDER_HORIZONTAL },
	{ "checkbox", CSS_APPEARANCE_CHECKBOX },
	{ "radio", CSS_APPEARANCE_RADIO },
	{ "square-button", CSS_APPEARANCE_SQUARE_BUTTON },
	{ "menulist", CSS_APPEARANCE_MENULIST },
	{ "listbox", CSS_APPEARANCE_LISTBOX },
	{ "meter", CSS_APPEARANCE_METER },
	{ "progress-bar", CSS_APPEARANCE_PROGRESS_BAR },
	{ "button", CSS_APPEARANCE_BUTTON },
	{ NULL, 0 },
};
static const struct kw kw_table_layout[] = { { "auto", 0 }, { "fixed", 1 }, { NULL, 0 } };
static const struct kw kw_border_collapse[] = { { "separate", 0 }, { "collapse", 1 }, { NULL, 0 } };
static const struct kw kw_caption_side[] = { { "top", 0 }, { "bottom", 1 }, { NULL, 0 } };
static const struct kw kw_empty_cells[] = { { "show", 0 }, { "hide", 1 }, { NULL, 0 } };
static const struct kw kw_border_style[] = { { "none", CSS_BORDER_NONE },	{ "hidden", CSS_BORDER_HIDDEN },
					     { "dotted", CSS_BORDER_DOTTED }, { "dashed", CSS_BORDER_DASHED },
					     { "solid", CSS_BORDER_SOLID },	{ "double", CSS_BORDER_DOUBLE },
					     { "groove", CSS_BORDER_GROOVE }, { "ridge", CSS_BORDER_RIDGE },
					     { "inset", CSS_BORDER_INSET },	{ "outset", CSS_BORDER_OUTSET },
					     { NULL, 0 } };

static const struct kw *const keyword_tables[CSS_PROP_COUNT] = {
	[CSS_PROP_POSITION] = kw_position,
	[CSS_PROP_FLOAT] = kw_float,
	[CSS_PROP_CLEAR] = kw_clear,
	[CSS_PROP_BOX_SIZING] = kw_box_sizing,
	[CSS_PROP_VISIBILITY] = kw_visibility,
	[CSS_PROP_OVERFLOW_X] = kw_overflow,
	[CSS_PROP_OVERFLOW_Y] = kw_overflow,
	[CSS_PROP_FONT_STYLE] = kw_font_style,
	[CSS_PROP_WHITE_SPACE] = kw_white_space,
	[CSS_PROP_TEXT_TRANSFORM] = kw_text_transform,
	[CSS_PROP_WORD_BREAK] = kw_word_break,
	[CSS_PROP_OVERFLOW_WRAP] = kw_overflow_wrap,
	[CSS_PROP_LINE_BREAK] = kw_line_break,
	[CSS_PROP_DIRECTION] = kw_direction,
	[CSS_PROP_TEXT_DECORATION_STYLE] = kw_tds,
	[CSS_PROP_LIST_STYLE_POSITION] = kw_list_position,
	[CSS_PROP_FLEX_DIRECTION] = kw_flex_direction,
	[CSS_PROP_FLEX_WRAP] = kw_flex_wrap,
	[CSS_PROP_OBJECT_FIT] = kw_object_fit,
	[CSS_PROP_APPEARANCE] = kw_appearance,
	[CSS_PROP_TABLE_LAYOUT] = kw_table_layout,
	[CSS_PROP_BORDER_COLLAPSE] = kw_border_collapse,
	[CSS_PROP_CAPTION_SIDE] = kw_caption_side,
	[CSS_PROP_EMPTY_CELLS] = kw_empty_cells,
};

static bool match_kw(const struct kw *table, const struct css_cv *cv, uint8_t *out)
{
	if (!cv || cv->tok.type != CSS_TOK_IDENT)
		return false;
	for (; table->name; table++)
		if (base_ascii_ieq_lit(cv->tok.value.ptr, cv->tok.value.len, table->name)) {
			*out = table->value;
			return true;
		}
	return false;
}

static uint8_t *field_u8(struct css_compute *cx)
{
	return (uint8_t *)cx->style + css_properties[cx->prop].offset;
}

static bool p_keyword(struct css_compute *cx, struct css_cv_list v)
{
	return match_kw(keyword_tables[cx->prop], css_single(v), field_u8(cx));
}

/* https://drafts.csswg.org/css-display-3/#the-display-properties */
static bool p_display(struct css_compute *cx, struct css_cv_list v)
{
	static const struct kw single[] = {
		{ "inline", CSS_DISPLAY_INLINE },
		{ "block", CSS_DISPLAY_BLOCK },
		{ "inline-block", CSS_DISPLAY_INLINE_BLOCK },
		{ "list-item", CSS_DISPLAY_LIST_ITEM },
		{ "none", CSS_DISPLAY_NONE },
		{ "contents", CSS_DISPLAY_CONTENTS },
		{ "flow-root", CSS_DISPLAY_FLOW_ROOT },
		{ "flex", CSS_DISPLAY_FLEX },
		{ "inline-flex", CSS_DISPLAY_INLINE_FLEX },
		{ "-webkit-box", CSS_DISPLAY_FLEX },
		{ "-webkit-flex", CSS_DISPLAY_FLEX },
		{ "-webkit-inline-flex", CSS_DISPLAY_INLINE_FLEX },
		{ "grid", CSS_DISPLAY_GRID },
		{ "inline-grid", CSS_DISPLAY_INLINE_GRID },
		{ "table", CSS_DISPLAY_TABLE },
		{ "inline-table", CSS_DISPLAY_INLINE_TABLE },
		{ "table-row-group", CSS_DISPLAY_TABLE_ROW_GROUP },
		{ "table-header-group", CSS_DISPLAY_TABLE_HEADER_GROUP },
		{ "table-footer-group", CSS_DISPLAY_TABLE_FOOTER_GROUP },
		{ "table-row", CSS_DISPLAY_TABLE_ROW },
		{ "table-cell", CSS_DISPLAY_TABLE_CELL },
		{ "table-column-group", CSS_DISPLAY_TABLE_COLUMN_GROUP },
		{ "table-column", CSS_DISPLAY_TABLE_COLUMN },
		{ "table-caption", CSS_DISPLAY_TABLE_CAPTION },
		{ "ruby", CSS_DISPLAY_RUBY },
		{ NULL, 0 },
	};
	const struct css_cv *items[3];
	int n = collect(v, items, 3);
	if (n == 1)
		return match_kw(single, items[0], &cx->style->display);
	if (n < 2)
		return false;
	/* Two- and three-value syntax: outside, inside and list-item. */
	bool inl = false, blk = false, flow = false, flow_root = false, flex = false, grid = false, table = false,
	     li = false;
	for (int i = 0; i < n; i++) {
		const struct css_cv *c = items[i];
		bool *slot = css_is_ident(c, "inline")      ? &inl
			     : css_is_ident(c, "block")     ? &blk
			     : css_is_ident(c, "flow")      ? &flow
			     : css_is_ident(c, "flow-root") ? &flow_root
			     : css_is_ident(c, "flex")      ? &flex
			     : css_is_ident(c, "grid")      ? &grid
			     : css_is_ident(c, "table")     ? &table
			     : css_is_ident(c, "list-item") ? &li
							       : NULL;
		if (!slot || *slot)
			return false;
		*slot = true;
	}
	if ((inl && blk) || (flow + flow_root + flex + grid + table) > 1 || (li && (flex || grid || table)))
		return false;
	uint8_t d;
	if (li)
		d = inl ? CSS_DISPLAY_INLINE_BLOCK : CSS_DISPLAY_LIST_ITEM;
	else if (flex)
		d = inl ? CSS_DISPLAY_INLINE_FLEX : CSS_DISPLAY_FLEX;
	else if (grid)
		d = inl ? CSS_DISPLAY_INLINE_GRID : CSS_DISPLAY_GRID;
	else if (table)
		d = inl ? CSS_DISPLAY_INLINE_TABLE : CSS_DISPLAY_TABLE;
	else if (flow_root)
		d = inl ? CSS_DISPLAY_INLINE_BLOCK : CSS_DISPLAY_FLOW_ROOT;
	else
		d = inl ? CSS_DISPLAY_INLINE : CSS_DISPLAY_BLOCK;
	cx->style->display = d;
	return true;
}

/* ---- Box model ------------------------------------------------------------------- */

static struct css_length *field_len(struct css_compute *cx)
{
	return (struct css_length *)((char *)cx->style + css_properties[cx->prop].offset);
}

static bool p_size(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_length(cx, v, CSS_LP_PERCENT | CSS_LP_AUTO | CSS_LP_SIZING, field_len(cx));
}
static bool p_min_size(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_length(cx, v, CSS_LP_PERCENT | CSS_LP_AUTO | CSS_LP_SIZING, field_len(cx));
}
static bool p_max_size(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_length(cx, v, CSS_LP_PERCENT | CSS_LP_NONE | CSS_LP_SIZING, field_len(cx));
}
static bool p_margin(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_length(cx, v, CSS_LP_PERCENT | CSS_LP_AUTO | CSS_LP_NEGATIVE, field_len(cx));
}
static bool p_padding(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_length(cx, v, CSS_LP_PERCENT, field_len(cx));
}
static bool p_inset(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_length(cx, v, CSS_LP_PERCENT | CSS_LP_AUTO | CSS_LP_NEGATIVE, field_len(cx));
}

/* <line-width>: thin, medium, thick or a length. */
static bool parse_line_width(struct css_compute *cx, const struct css_cv *cv, float *out)
{
	if (css_is_ident(cv, "thin"))
		*out = 1;
	else if (css_is_ident(cv, "medium"))
		*out = 3;
	else if (css_is_ident(cv, "thick"))
		*out = 5;
	else {
		struct css_length l;
		if (!css_parse_length_cv(cx, cv, 0, &l))
			return false;
		/* Computed border widths snap to device pixels (Chromium floors
		 * values of 1px and more to whole pixels at zoom 1). */
		*out = l.px >= 1 ? floorf(l.px) : (l.px > 0 ? 1 : 0);
	}
	return true;
}

static bool p_border_width(struct css_compute *cx, struct css_cv_list v)
{
	return parse_line_width(cx, css_single(v), (float *)((char *)cx->style + css_properties[cx->prop].offset));
}
static bool p_border_style(struct css_compute *cx, struct css_cv_list v)
{
	return match_kw(kw_border_style, css_single(v), field_u8(cx));
}
static bool p_border_color(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_color_cv(cx, css_single(v),
				  (struct css_color *)((char *)cx->style + css_properties[cx->prop].offset));
}

static bool p_radius(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	if (n < 1)
		return false;
	struct css_length *r = field_len(cx);
	if (!css_parse_length_cv(cx, items[0], CSS_LP_PERCENT, &r[0]))
		return false;
	if (n == 2)
		return css_parse_length_cv(cx, items[1], CSS_LP_PERCENT, &r[1]);
	r[1] = r[0];
	return true;
}

static bool p_z_index(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "auto")) {
		cx->style->z_index_auto = true;
		cx->style->z_index = 0;
		return true;
	}
	cx->style->z_index_auto = false;
	return css_parse_integer_cv(cx, cv, &cx->style->z_index);
}

static bool p_opacity(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	double d;
	if (cv && cv->tok.type == CSS_TOK_PERCENTAGE)
		d = cv->tok.number / 100.0;
	else if (!css_parse_number_cv(cx, cv, &d))
		return false;
	cx->style->opacity = (float)(d < 0 ? 0 : d > 1 ? 1 : d);
	return true;
}

/* https://drafts.csswg.org/css-sizing-4/#aspect-ratio: auto || <ratio>,
 * <ratio> = <number [0,∞]> [ / <number [0,∞]> ]?; a degenerate ratio
 * (a zero term) behaves as auto. */
static bool p_aspect_ratio(struct css_compute *cx, struct css_cv_list v)
{
	size_t pos = 0;
	const struct css_cv *cv;
	bool is_auto = false, have_ratio = false;
	double w = 0, h = 1;
	while ((cv = css_next(v, &pos))) {
		if (css_is_ident(cv, "auto") && !is_auto) {
			is_auto = true;
			continue;
		}
		if (have_ratio || !css_parse_number_cv(cx, cv, &w) || w < 0)
			return false;
		have_ratio = true;
		size_t save = pos;
		if (css_is_delim(css_next(v, &pos), '/')) {
			if (!css_parse_number_cv(cx, css_next(v, &pos), &h) || h < 0)
				return false;
		} else {
			pos = save;
		}
	}
	if (!is_auto && !have_ratio)
		return false;
	cx->style->aspect_ratio = (have_ratio && w > 0 && h > 0) ? (float)(w / h) : 0;
	cx->style->aspect_ratio_auto = is_auto || cx->style->aspect_ratio == 0;
	return true;
}

static bool p_outline_width(struct css_compute *cx, struct css_cv_list v)
{
	return parse_line_width(cx, css_single(v), &cx->style->outline_width);
}
static bool p_outline_style(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "auto")) {
		cx->style->outline_style = CSS_BORDER_AUTO;
		return true;
	}
	if (css_is_ident(cv, "hidden"))
		return false;
	return match_kw(kw_border_style, cv, &cx->style->outline_style);
}
static bool p_outline_color(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "invert")) {
		cx->currentcolor = true;
		cx->style->outline_color = cx->style->color;
		return true;
	}
	return css_parse_color_cv(cx, cv, &cx->style->outline_color);
}
static bool p_outline_offset(struct css_compute *cx, struct css_cv_list v)
{
	struct css_length l;
	if (!css_parse_length(cx, v, CSS_LP_NEGATIVE, &l))
		return false;
	cx->style->outline_offset = l.px;
	return true;
}

/* ---- Colour and backgrounds -------------------------------------------------- */

static bool p_color(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	struct css_color_value cvv;
	if (!cv || !css_parse_color(cv, &cvv))
		return false;
	/* currentcolor on color itself is inherit. */
	cx->style->color = css_color_to_rgba8(&cvv, cx->parent ? cx->parent->color : cx->style->color);
	return true;
}

static bool p_background_color(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_color_cv(cx, css_single(v), &cx->style->background_color);
}

/* Background longhands are lists, one item per layer. The layers are
 * sized by background-image; the other lists repeat to fill them
 * (https://drafts.csswg.org/css-backgrounds-3/#layering). */
static void initial_layer(struct css_background_layer *l)
{
	memset(l, 0, sizeof *l);
	l->repeat_x = l->repeat_y = CSS_REPEAT;
	l->position_x.kind = l->position_y.kind = CSS_LEN_FIXED;
	l->position_x.has_percent = l->position_y.has_percent = true;
	l->size_w.kind = l->size_h.kind = CSS_LEN_AUTO;
	l->origin = CSS_BOX_PADDING;
	l->clip = CSS_BOX_BORDER;
}

static struct css_background_layer *layers_for(struct css_compute *cx, size_t n)
{
	struct css_style *s = cx->style;
	if (s->background_count >= n && s->backgrounds)
		return (struct css_background_layer *)s->backgrounds;
	struct css_background_layer *l = base_arena_calloc(cx->arena, n, sizeof *l);
	for (size_t i = 0; i < n; i++) {
		if (i < s->background_count)
			l[i] = s->backgrounds[i];
		else
			initial_layer(&l[i]);
	}
	s->backgrounds = l;
	s->background_count = n;
	return l;
}

/* The layers are private to this style while it is being computed: the
 * array is copied before the first change (styles are immutable once
 * done, and the parent's array must not change). */
static struct css_background_layer *own_layers(struct css_compute *cx)
{
	struct css_style *s = cx->style;
	if (!s->background_count)
		return NULL;
	struct css_background_layer *l = base_arena_alloc(cx->arena, s->background_count * sizeof *l);
	memcpy(l, s->backgrounds, s->background_count * sizeof *l);
	s->backgrounds = l;
	return l;
}

static bool p_background_image(struct css_compute *cx, struct css_cv_list v)
{
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, v, &groups);
	if (n == 0)
		return false;
	struct css_image *imgs = base_arena_calloc(cx->arena, n, sizeof *imgs);
	for (size_t i = 0; i < n; i++) {
		const struct css_cv *cv = css_single(groups[i]);
		if (!cv)
			return false;
		if (css_is_ident(cv, "none"))
			continue;
		if (!css_parse_image_cv(cx, cv, &imgs[i]))
			return false;
	}
	if (n == 1 && imgs[0].kind == CSS_IMAGE_NONE && cx->style->background_count == 0)
		return true;
	struct css_style *s = cx->style;
	struct css_background_layer *old = (struct css_background_layer *)s->backgrounds;
	size_t old_n = s->background_count;
	s->backgrounds = NULL;
	s->background_count = 0;
	struct css_background_layer *l = layers_for(cx, n);
	for (size_t i = 0; i < n; i++) {
		if (old_n) /* other longhands already applied repeat over the new count */
			l[i] = old[i % old_n];
		l[i].image = imgs[i];
	}
	return true;
}

static bool same_length(struct css_length a, struct css_length b)
{
	return a.px == b.px && a.percent == b.percent && a.kind == b.kind && a.has_percent == b.has_percent;
}

static bool same_layer(const struct css_background_layer *a, const struct css_background_layer *b)
{
	return a->repeat_x == b->repeat_x && a->repeat_y == b->repeat_y && same_length(a->position_x, b->position_x) &&
	       same_length(a->position_y, b->position_y) && a->size_kind == b->size_kind &&
	       same_length(a->size_w, b->size_w) && same_length(a->size_h, b->size_h) && a->origin == b->origin &&
	       a->clip == b->clip && a->attachment_fixed == b->attachment_fixed;
}

/* Applies a per-layer list to the layers; fn parses one item. */
static bool layer_list(struct css_compute *cx, struct css_cv_list v,
		       bool (*fn)(struct css_compute *, struct css_cv_list, struct css_background_layer *))
{
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, v, &groups);
	if (n == 0)
		return false;
	struct css_background_layer scratch;
	for (size_t i = 0; i < n; i++)
		if (!fn(cx, groups[i], &scratch))
			return false;
	/* No layers stored means one layer of initial values (image none).
	 * It is stored once an item differs from the initial one: the
	 * bottom layer's clip also clips the background colour (§3.7). */
	if (cx->style->background_count == 0) {
		struct css_background_layer init;
		initial_layer(&init);
		scratch = init;
		fn(cx, groups[0], &scratch);
		if (!same_layer(&scratch, &init))
			*layers_for(cx, 1) = scratch;
		return true;
	}
	struct css_background_layer *l = own_layers(cx);
	for (size_t i = 0; l && i < cx->style->background_count; i++)
		fn(cx, groups[i % n], &l[i]);
	return true;
}

static bool one_repeat(struct css_compute *cx, struct css_cv_list v, struct css_background_layer *l)
{
	static const struct kw rep[] = { { "repeat", CSS_REPEAT }, { "no-repeat", CSS_REPEAT_NO },
					 { "space", CSS_REPEAT_SPACE }, { "round", CSS_REPEAT_ROUND }, { NULL, 0 } };
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	if (n == 1 && css_is_ident(items[0], "repeat-x")) {
		l->repeat_x = CSS_REPEAT;
		l->repeat_y = CSS_REPEAT_NO;
		return true;
	}
	if (n == 1 && css_is_ident(items[0], "repeat-y")) {
		l->repeat_x = CSS_REPEAT_NO;
		l->repeat_y = CSS_REPEAT;
		return true;
	}
	if (n < 1 || !match_kw(rep, items[0], &l->repeat_x))
		return false;
	if (n == 1) {
		l->repeat_y = l->repeat_x;
		return true;
	}
	return match_kw(rep, items[1], &l->repeat_y);
}

/* The background shorthands give both position longhands the whole
 * <position>, behind this marker (a private-use delim no stylesheet can
 * produce), and each longhand takes its own axis. */
#define POSITION_MARKER 0xE000

static bool one_position_axis(struct css_compute *cx, struct css_cv_list v, struct css_length *out, bool x)
{
	const struct css_cv *items[5];
	int n = collect(v, items, 5);
	if (n >= 2 && css_is_delim(items[0], POSITION_MARKER)) {
		struct css_length lx, ly;
		if (!css_parse_position(cx, items + 1, (size_t)(n - 1), &lx, &ly))
			return false;
		*out = x ? lx : ly;
		return true;
	}
	if (n > 2)
		return false;
	static const char *const xk[] = { "left", "center", "right" };
	static const char *const yk[] = { "top", "center", "bottom" };
	if (n < 1)
		return false;
	int k = css_keyword_index(items[0], x ? xk : yk, 3);
	memset(out, 0, sizeof *out);
	out->kind = CSS_LEN_FIXED;
	if (k < 0)
		return n == 1 && css_parse_length_cv(cx, items[0], CSS_LP_PERCENT | CSS_LP_NEGATIVE, out);
	out->has_percent = true;
	out->percent = (float)(k * 50);
	if (n == 2) {
		struct css_length off;
		if (k == 1 || !css_parse_length_cv(cx, items[1], CSS_LP_PERCENT | CSS_LP_NEGATIVE, &off))
			return false;
		if (k == 0) {
			*out = off;
			out->has_percent = true;
		} else {
			out->px = -off.px;
			out->percent = 100 - off.percent;
		}
	}
	return true;
}
static bool one_position_x(struct css_compute *cx, struct css_cv_list v, struct css_background_layer *l)
{
	return one_position_axis(cx, v, &l->position_x, true);
}
static bool one_position_y(struct css_compute *cx, struct css_cv_list v, struct css_background_layer *l)
{
	return one_position_axis(cx, v, &l->position_y, false);
}
static bool one_size(struct css_compute *cx, struct css_cv_list v, struct css_background_layer *l)
{
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	if (n == 1 && css_is_ident(items[0], "cover")) {
		l->size_kind = CSS_BG_SIZE_COVER;
		return true;
	}
	if (n == 1 && css_is_ident(items[0], "contain")) {
		l->size_kind = CSS_BG_SIZE_CONTAIN;
		return true;
	}
	if (n < 1)
		return false;
	l->size_kind = CSS_BG_SIZE_LENGTHS;
	if (!css_parse_length_cv(cx, items[0], CSS_LP_PERCENT | CSS_LP_AUTO, &l->size_w))
		return false;
	if (n == 1) {
		l->size_h.kind = CSS_LEN_AUTO;
		return true;
	}
	return css_parse_length_cv(cx, items[1], CSS_LP_PERCENT | CSS_LP_AUTO, &l->size_h);
}
static const struct kw kw_box[] = { { "border-box", CSS_BOX_BORDER }, { "padding-box", CSS_BOX_PADDING },
				    { "content-box", CSS_BOX_CONTENT }, { "text", CSS_BOX_TEXT }, { NULL, 0 } };
static bool one_origin(struct css_compute *cx, struct css_cv_list v, struct css_background_layer *l)
{
	const struct css_cv *cv = css_single(v);
	return !css_is_ident(cv, "text") && match_kw(kw_box, cv, &l->origin);
}
/* <bg-clip> (Backgrounds 4): a box, or border-area, the area the borders
 * paint. */
static bool one_clip(struct css_compute *cx, struct css_cv_list v, struct css_background_layer *l)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "border-area")) {
		l->clip = CSS_BOX_BORDER_AREA;
		return true;
	}
	return match_kw(kw_box, cv, &l->clip);
}
static bool one_attachment(struct css_compute *cx, struct css_cv_list v, struct css_background_layer *l)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "fixed"))
		l->attachment_fixed = true;
	else if (css_is_ident(cv, "scroll") || css_is_ident(cv, "local"))
		l->attachment_fixed = false;
	else
		return false;
	return true;
}

static bool p_background_repeat(struct css_compute *cx, struct css_cv_list v)
{
	return layer_list(cx, v, one_repeat);
}
static bool p_background_position_x(struct css_compute *cx, struct css_cv_list v)
{
	return layer_list(cx, v, one_position_x);
}
static bool p_background_position_y(struct css_compute *cx, struct css_cv_list v)
{
	return layer_list(cx, v, one_position_y);
}
static bool p_background_size(struct css_compute *cx, struct css_cv_list v)
{
	return layer_list(cx, v, one_size);
}
static bool p_background_origin(struct css_compute *cx, struct css_cv_list v)
{
	return layer_list(cx, v, one_origin);
}
static bool p_background_clip(struct css_compute *cx, struct css_cv_list v)
{
	return layer_list(cx, v, one_clip);
}
static bool p_background_attachment(struct css_compute *cx, struct css_cv_list v)
{
	return layer_list(cx, v, one_attachment);
}

/* ---- border-image (https://drafts.csswg.org/css-backgrounds-3/#border-images) ---- */

static bool p_border_image_source(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	struct css_image img = { 0 };
	if (!cv || (!css_is_ident(cv, "none") && !css_parse_image_cv(cx, cv, &img)))
		return false;
	cx->style->border_image_source = img;
	return true;
}

/* 1 to 4 values give top, right, bottom, left as margin does. */
static const int side_pick[4][4] = { { 0, 0, 0, 0 }, { 0, 1, 0, 1 }, { 0, 1, 2, 1 }, { 0, 1, 2, 3 } };

/* [<number [0,inf]> | <percentage [0,inf]>]{1,4} && fill? */
static bool p_border_image_slice(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[5];
	int n = collect(v, items, 5);
	struct css_border_image_slice sl = { { 0 }, 0, false };
	float val[4];
	bool pct[4];
	int k = 0;
	for (int i = 0; i < n; i++) {
		double d;
		if (css_is_ident(items[i], "fill") && !sl.fill && (i == 0 || i == n - 1)) {
			sl.fill = true;
		} else if (k < 4 && items[i]->tok.type == CSS_TOK_PERCENTAGE && items[i]->tok.number >= 0) {
			val[k] = (float)items[i]->tok.number;
			pct[k++] = true;
		} else if (k < 4 && css_parse_number_cv(cx, items[i], &d) && d >= 0) {
			val[k] = (float)d;
			pct[k++] = false;
		} else {
			return false;
		}
	}
	if (k == 0)
		return false;
	for (int side = 0; side < 4; side++) {
		int from = side_pick[k - 1][side];
		sl.value[side] = val[from];
		if (pct[from])
			sl.percent |= (uint8_t)(1u << side);
	}
	cx->style->border_image_slice = sl;
	return true;
}

/* Widths ([<length-percentage> | <number> | auto]{1,4}) or outsets
 * ([<length> | <number>]{1,4}), all non-negative. */
static bool border_image_lengths(struct css_compute *cx, struct css_cv_list v, bool outset,
				 struct css_border_image_lengths *out)
{
	const struct css_cv *items[4];
	int n = collect(v, items, 4);
	if (n < 1)
		return false;
	struct css_border_image_lengths r;
	memset(&r, 0, sizeof r);
	struct css_length len[4];
	float num[4];
	bool is_num[4];
	for (int i = 0; i < n; i++) {
		double d;
		is_num[i] = false;
		if (items[i]->tok.type == CSS_TOK_NUMBER && css_parse_number_cv(cx, items[i], &d)) {
			if (d < 0)
				return false;
			num[i] = (float)d;
			is_num[i] = true;
		} else if (!css_parse_length_cv(cx, items[i], outset ? 0u : (unsigned)(CSS_LP_PERCENT | CSS_LP_AUTO),
						&len[i]) ||
			   (len[i].kind == CSS_LEN_FIXED && (len[i].px < 0 || len[i].percent < 0))) {
			return false;
		}
	}
	for (int side = 0; side < 4; side++) {
		int from = side_pick[n - 1][side];
		if (is_num[from]) {
			r.number[side] = num[from];
			r.is_number |= (uint8_t)(1u << side);
		} else {
			r.length[side] = len[from];
		}
	}
	*out = r;
	return true;
}

static bool p_border_image_width(struct css_compute *cx, struct css_cv_list v)
{
	return border_image_lengths(cx, v, false, &cx->style->border_image_width);
}

static bool p_border_image_outset(struct css_compute *cx, struct css_cv_list v)
{
	return border_image_lengths(cx, v, true, &cx->style->border_image_outset);
}

static const struct kw kw_border_image_repeat[] = { { "stretch", CSS_BI_STRETCH }, { "repeat", CSS_BI_REPEAT },
						    { "round", CSS_BI_ROUND },	   { "space", CSS_BI_SPACE },
						    { NULL, 0 } };

/* [stretch | repeat | round | space]{1,2} */
static bool p_border_image_repeat(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	uint8_t r[2];
	if (n < 1 || !match_kw(kw_border_image_repeat, items[0], &r[0]) ||
	    !match_kw(kw_border_image_repeat, items[n - 1], &r[1]))
		return false;
	cx->style->border_image_repeat[0] = r[0];
	cx->style->border_image_repeat[1] = r[1];
	return true;
}

/* <shadow> lists of box-shadow and text-shadow. */
static bool parse_shadows(struct css_compute *cx, struct css_cv_list v, bool allow_inset, struct css_shadow **out,
			  size_t *count)
{
	const struct css_cv *single = css_single(v);
	if (css_is_ident(single, "none")) {
		*out = NULL;
		*count = 0;
		return true;
	}
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, v, &groups);
	if (n == 0)
		return false;
	struct css_shadow *sh = base_arena_calloc(cx->arena, n, sizeof *sh);
	for (size_t g = 0; g < n; g++) {
		const struct css_cv *items[8];
		int k = collect(groups[g], items, 8);
		if (k < 2)
			return false;
		float lens[4];
		int nl = 0;
		bool have_color = false, lens_done = false;
		sh[g].color = cx->style->color;
		for (int i = 0; i < k; i++) {
			struct css_length l;
			if (allow_inset && css_is_ident(items[i], "inset") && !sh[g].inset) {
				sh[g].inset = true;
				if (nl)
					lens_done = true;
			} else if (!lens_done && nl < 4 &&
				   css_parse_length_cv(cx, items[i], CSS_LP_NEGATIVE, &l)) {
				if (nl == 2 && l.px < 0)
					return false;
				lens[nl++] = l.px;
			} else if (!have_color && css_parse_color_cv(cx, items[i], &sh[g].color)) {
				have_color = true;
				if (nl)
					lens_done = true;
			} else {
				return false;
			}
		}
		if (nl < 2 || (!allow_inset && nl > 3))
			return false;
		sh[g].x = lens[0];
		sh[g].y = lens[1];
		sh[g].blur = nl > 2 ? lens[2] : 0;
		sh[g].spread = nl > 3 ? lens[3] : 0;
	}
	*out = sh;
	*count = n;
	return true;
}

static bool p_box_shadow(struct css_compute *cx, struct css_cv_list v)
{
	return parse_shadows(cx, v, true, &cx->style->box_shadows, &cx->style->box_shadow_count);
}
static bool p_text_shadow(struct css_compute *cx, struct css_cv_list v)
{
	return parse_shadows(cx, v, false, &cx->style->text_shadows, &cx->style->text_shadow_count);
}

/* ---- Fonts (https://drafts.csswg.org/css-fonts-4/) ---------------------------- */

static const char *const generic_families[] = { "serif",     "sans-serif", "monospace",	  "cursive",
						"fantasy",   "system-ui",  "ui-serif",	  "ui-sans-serif",
						"ui-monospace", "ui-rounded", "math", "emoji", "fangsong" };

bool css_is_generic_family(const char *name)
{
	for (size_t i = 0; i < BASE_ARRAY_LEN(generic_families); i++)
		if (strcmp(name, generic_families[i]) == 0)
			return true;
	return false;
}

bool css_parse_font_family(struct css_compute *cx, struct css_cv_list v, struct css_font_family *out)
{
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, v, &groups);
	if (n == 0)
		return false;
	const char **names = base_arena_calloc(cx->arena, n, sizeof *names);
	bool *quoted = base_arena_calloc(cx->arena, n, sizeof *quoted);
	for (size_t g = 0; g < n; g++) {
		const struct css_cv *items[16];
		int k = collect(groups[g], items, 16);
		if (k < 1)
			return false;
		if (k == 1 && items[0]->tok.type == CSS_TOK_STRING) {
			names[g] = base_arena_strndup(cx->arena, items[0]->tok.value.ptr, items[0]->tok.value.len);
			quoted[g] = true;
			continue;
		}
		struct base_buf b = { 0 };
		for (int i = 0; i < k; i++) {
			if (items[i]->tok.type != CSS_TOK_IDENT) {
				base_buf_free(&b);
				return false;
			}
			if (k == 1) {
				static const char *const reserved[] = { "initial", "inherit", "unset", "default",
									"revert", "revert-layer" };
				if (css_keyword_index(items[i], reserved, BASE_ARRAY_LEN(reserved)) >= 0) {
					base_buf_free(&b);
					return false;
				}
				int gi = css_keyword_index(items[i], generic_families, BASE_ARRAY_LEN(generic_families));
				if (gi >= 0) {
					base_buf_puts(&b, generic_families[gi]);
					break;
				}
			}
			if (i)
				base_buf_putc(&b, ' ');
			base_buf_append(&b, items[i]->tok.value.ptr, items[i]->tok.value.len);
		}
		names[g] = base_arena_strndup(cx->arena, b.data, b.len);
		base_buf_free(&b);
	}
	out->names = names;
	out->quoted = quoted;
	out->count = n;
	return true;
}

static bool p_font_family(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_font_family(cx, v, &cx->style->font_family);
}

/* Whether the family list is exactly the generic monospace, which gets
 * the 13px default size as in browsers. */
static bool monospace_only(const struct css_font_family *f)
{
	return f->count == 1 && !f->quoted[0] && strcmp(f->names[0], "monospace") == 0;
}

/* Absolute-size keywords (https://drafts.csswg.org/css-fonts-4/#absolute-size-mapping)
 * for the 16px and the 13px (monospace) medium, as Chromium's tables. */
float css_font_size_for_keyword(int keyword, bool monospace)
{
	static const float sans[8] = { 9, 10, 13, 16, 18, 24, 32, 48 };
	static const float mono[8] = { 9, 10, 11, 13, 16, 20, 26, 39 };
	if (keyword < 1 || keyword > 8)
		keyword = 4;
	return monospace ? mono[keyword - 1] : sans[keyword - 1];
}

/* Keyword-derived sizes (a keyword, then only em/%/larger/smaller) keep
 * the keyword and the factor, as Chromium does, so that a change of
 * generic family to or from monospace rescales them. */
static bool p_font_size(struct css_compute *cx, struct css_cv_list v)
{
	static const char *const kws[] = { "xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large",
					   "xxx-large" };
	const struct css_cv *cv = css_single(v);
	struct css_style *s = cx->style;
	float parent = cx->parent ? cx->parent->font_size : 16;
	uint8_t parent_kw = cx->parent ? cx->parent->font_size_keyword : 4;
	float parent_factor = cx->parent ? cx->parent->font_size_factor : 1;
	int k = css_keyword_index(cv, kws, 8);
	float factor = 0;
	if (k >= 0) {
		s->font_size_keyword = (uint8_t)(k + 1);
		s->font_size_factor = 1;
		s->font_size = css_font_size_for_keyword(k + 1, monospace_only(&s->font_family));
		return true;
	}
	if (css_is_ident(cv, "larger"))
		factor = 1.2f;
	else if (css_is_ident(cv, "smaller"))
		factor = 1 / 1.2f;
	else if (cv && cv->tok.type == CSS_TOK_PERCENTAGE && cv->tok.number >= 0)
		factor = (float)cv->tok.number / 100.0f;
	else if (cv && cv->tok.type == CSS_TOK_DIMENSION && base_ascii_ieq_lit(cv->tok.value.ptr, cv->tok.value.len, "em") &&
		 cv->tok.number >= 0)
		factor = (float)cv->tok.number;
	if (factor > 0) {
		s->font_size = parent * factor;
		s->font_size_keyword = parent_kw;
		s->font_size_factor = parent_kw ? parent_factor * factor : 1;
		return true;
	}
	struct css_length l;
	float em = cx->em;
	cx->em = parent;
	bool ok = css_parse_length_cv(cx, cv, CSS_LP_PERCENT, &l);
	cx->em = em;
	if (!ok)
		return false;
	s->font_size_keyword = 0;
	s->font_size_factor = 1;
	s->font_size = l.px + (l.has_percent ? l.percent * parent / 100.0f : 0);
	if (s->font_size < 0)
		s->font_size = 0;
	return true;
}

static bool p_font_weight(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	int parent = cx->parent ? cx->parent->font_weight : 400;
	double d;
	if (css_is_ident(cv, "normal"))
		cx->style->font_weight = 400;
	else if (css_is_ident(cv, "bold"))
		cx->style->font_weight = 700;
	else if (css_is_ident(cv, "bolder")) /* https://drafts.csswg.org/css-fonts-4/#relative-weights */
		cx->style->font_weight = parent < 350 ? 400 : parent < 550 ? 700 : parent < 900 ? 900 : parent;
	else if (css_is_ident(cv, "lighter"))
		cx->style->font_weight = parent < 100 ? parent : parent < 550 ? 100 : parent < 750 ? 400 : 700;
	else if (css_parse_number_cv(cx, cv, &d) && d >= 1 && d <= 1000)
		cx->style->font_weight = (uint16_t)lround(d);
	else
		return false;
	return true;
}

static bool p_font_stretch(struct css_compute *cx, struct css_cv_list v)
{
	static const char *const kws[] = { "ultra-condensed", "extra-condensed", "condensed", "semi-condensed", "normal",
					   "semi-expanded", "expanded", "extra-expanded", "ultra-expanded" };
	static const float pct[] = { 50, 62.5f, 75, 87.5f, 100, 112.5f, 125, 150, 200 };
	const struct css_cv *cv = css_single(v);
	int k = css_keyword_index(cv, kws, 9);
	if (k >= 0) {
		cx->style->font_stretch = pct[k];
		return true;
	}
	if (cv && cv->tok.type == CSS_TOK_PERCENTAGE && cv->tok.number >= 0) {
		cx->style->font_stretch = (float)cv->tok.number;
		return true;
	}
	return false;
}

static bool p_font_variant_caps(struct css_compute *cx, struct css_cv_list v)
{
	static const char *const kws[] = { "normal", "small-caps", "all-small-caps", "petite-caps",
					   "all-petite-caps", "unicase", "titling-caps" };
	int k = css_keyword_index(css_single(v), kws, BASE_ARRAY_LEN(kws));
	if (k < 0)
		return false;
	cx->style->font_variant_small_caps = k == 1 || k == 2;
	return true;
}

static bool p_line_height(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	double d;
	if (css_is_ident(cv, "normal")) {
		cx->style->line_height_kind = CSS_LH_NORMAL;
		cx->style->line_height = 0;
		return true;
	}
	if (css_parse_number_cv(cx, cv, &d)) {
		if (d < 0)
			return false;
		cx->style->line_height_kind = CSS_LH_NUMBER;
		cx->style->line_height = (float)d;
		return true;
	}
	struct css_length l;
	if (!css_parse_length_cv(cx, cv, CSS_LP_PERCENT, &l))
		return false;
	cx->style->line_height_kind = CSS_LH_LENGTH;
	cx->style->line_height = l.px + (l.has_percent ? l.percent * cx->style->font_size / 100.0f : 0);
	return true;
}

/* ---- Text ------------------------------------------------------------------------ */

static const struct kw kw_text_align[] = {
	{ "start", CSS_TEXT_ALIGN_START },
	{ "end", CSS_TEXT_ALIGN_END },
	{ "left", CSS_TEXT_ALIGN_LEFT },
	{ "right", CSS_TEXT_ALIGN_RIGHT },
	{ "center", CSS_TEXT_ALIGN_CENTER },
	{ "justify", CSS_TEXT_ALIGN_JUSTIFY },
	{ "match-parent", CSS_TEXT_ALIGN_MATCH_PARENT },
	{ "-webkit-center", CSS_TEXT_ALIGN_WEBKIT_CENTER },
	{ "-webkit-left", CSS_TEXT_ALIGN_WEBKIT_LEFT },
	{ "-webkit-right", CSS_TEXT_ALIGN_WEBKIT_RIGHT },
	{ "-moz-center", CSS_TEXT_ALIGN_WEBKIT_CENTER },
	{ NULL, 0 },
};

static bool p_text_align(struct css_compute *cx, struct css_cv_list v)
{
	/* justify-all: justify, the last line too (CSS Text 3 §7.1). */
	if (css_is_ident(css_single(v), "justify-all")) {
		cx->style->text_align = CSS_TEXT_ALIGN_JUSTIFY;
		cx->style->text_align_last = CSS_TEXT_ALIGN_JUSTIFY;
		return true;
	}
	if (!match_kw(kw_text_align, css_single(v), &cx->style->text_align))
		return false;
	/* match-parent computes to the parent's value, start and end made
	 * left or right by the parent's direction (CSS Text 3 §7.1); as in
	 * Chromium they stay start and end when the direction is the same
	 * (direction is computed early). */
	if (cx->style->text_align == CSS_TEXT_ALIGN_MATCH_PARENT) {
		uint8_t a = cx->parent ? cx->parent->text_align : CSS_TEXT_ALIGN_START;
		bool rtl = cx->parent && cx->parent->direction == CSS_DIRECTION_RTL;
		if ((a == CSS_TEXT_ALIGN_START || a == CSS_TEXT_ALIGN_END) && rtl != (cx->style->direction == CSS_DIRECTION_RTL))
			a = (a == CSS_TEXT_ALIGN_START) != rtl ? CSS_TEXT_ALIGN_LEFT : CSS_TEXT_ALIGN_RIGHT;
		cx->style->text_align = a;
	}
	return true;
}

static bool p_text_align_last(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "auto")) {
		cx->style->text_align_last = CSS_TEXT_ALIGN_START;
		return true;
	}
	return match_kw(kw_text_align, cv, &cx->style->text_align_last);
}

static bool p_text_indent(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[3];
	int n = collect(v, items, 3);
	bool have = false;
	for (int i = 0; i < n; i++) {
		if (css_is_ident(items[i], "hanging") || css_is_ident(items[i], "each-line"))
			continue;
		if (have || !css_parse_length_cv(cx, items[i], CSS_LP_PERCENT | CSS_LP_NEGATIVE, &cx->style->text_indent))
			return false;
		have = true;
	}
	return have;
}

static bool p_spacing(struct css_compute *cx, struct css_cv_list v)
{
	struct css_length *l = field_len(cx);
	if (!css_parse_length(cx, v, CSS_LP_NORMAL | CSS_LP_NEGATIVE | CSS_LP_PERCENT, l))
		return false;
	/* letter-spacing: normal computes to 0 in Text 3's current draft, but
	 * keep NORMAL so that serialisation says "normal" as browsers do. */
	return true;
}

static bool p_text_decoration_line(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[4];
	int n = collect(v, items, 4);
	if (n == 1 && css_is_ident(items[0], "none")) {
		cx->style->text_decoration_line = 0;
		return true;
	}
	uint8_t bits = 0;
	for (int i = 0; i < n; i++) {
		uint8_t b = css_is_ident(items[i], "underline")	 ? CSS_TD_UNDERLINE
			    : css_is_ident(items[i], "overline")	 ? CSS_TD_OVERLINE
			    : css_is_ident(items[i], "line-through") ? CSS_TD_LINE_THROUGH
			    : css_is_ident(items[i], "blink")	 ? 0x80
									 : 0;
		if (!b || (bits & b))
			return false;
		bits |= b;
	}
	if (n < 1)
		return false;
	cx->style->text_decoration_line = bits & 7;
	return true;
}

static bool p_text_decoration_color(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_color_cv(cx, css_single(v), &cx->style->text_decoration_color);
}

static bool p_text_decoration_thickness(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "from-font")) {
		cx->style->text_decoration_thickness.kind = CSS_LEN_AUTO;
		return true;
	}
	return css_parse_length_cv(cx, cv, CSS_LP_AUTO | CSS_LP_PERCENT, &cx->style->text_decoration_thickness);
}

static bool p_vertical_align(struct css_compute *cx, struct css_cv_list v)
{
	static const struct kw kws[] = { { "baseline", CSS_VA_BASELINE }, { "sub", CSS_VA_SUB },
					 { "super", CSS_VA_SUPER },	  { "text-top", CSS_VA_TEXT_TOP },
					 { "text-bottom", CSS_VA_TEXT_BOTTOM }, { "middle", CSS_VA_MIDDLE },
					 { "top", CSS_VA_TOP },		  { "bottom", CSS_VA_BOTTOM },
					 { NULL, 0 } };
	const struct css_cv *cv = css_single(v);
	memset(&cx->style->vertical_align_length, 0, sizeof cx->style->vertical_align_length);
	if (match_kw(kws, cv, &cx->style->vertical_align))
		return true;
	cx->style->vertical_align = CSS_VA_LENGTH;
	return css_parse_length_cv(cx, cv, CSS_LP_PERCENT | CSS_LP_NEGATIVE, &cx->style->vertical_align_length);
}

static bool p_tab_size(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	double d;
	if (css_parse_number_cv(cx, cv, &d)) {
		if (d < 0)
			return false;
		cx->style->tab_size = (float)d;
		return true;
	}
	struct css_length l;
	if (!css_parse_length_cv(cx, cv, 0, &l))
		return false;
	/* A length is stored as a negative number of px to tell it apart. */
	cx->style->tab_size = -l.px;
	return true;
}

/* ---- Lists, counters and generated content ---------------------------------- */

static const struct kw kw_list_type[] = {
	{ "none", CSS_LIST_NONE },
	{ "disc", CSS_LIST_DISC },
	{ "circle", CSS_LIST_CIRCLE },
	{ "square", CSS_LIST_SQUARE },
	{ "decimal", CSS_LIST_DECIMAL },
	{ "decimal-leading-zero", CSS_LIST_DECIMAL_LEADING_ZERO },
	{ "lower-roman", CSS_LIST_LOWER_ROMAN },
	{ "upper-roman", CSS_LIST_UPPER_ROMAN },
	{ "lower-alpha", CSS_LIST_LOWER_ALPHA },
	{ "lower-latin", CSS_LIST_LOWER_ALPHA },
	{ "upper-alpha", CSS_LIST_UPPER_ALPHA },
	{ "upper-latin", CSS_LIST_UPPER_ALPHA },
	{ "lower-greek", CSS_LIST_LOWER_GREEK },
	{ "disclosure-open", CSS_LIST_DISCLOSURE_OPEN },
	{ "disclosure-closed", CSS_LIST_DISCLOSURE_CLOSED },
	{ "georgian", CSS_LIST_GEORGIAN },
	{ NULL, 0 },
};

static bool parse_list_type_cv(struct css_compute *cx, const struct css_cv *cv, uint8_t *type, const char **string)
{
	if (!cv)
		return false;
	if (cv->tok.type == CSS_TOK_STRING) {
		*type = CSS_LIST_STRING;
		*string = base_arena_strndup(cx->arena, cv->tok.value.ptr, cv->tok.value.len);
		return true;
	}
	*string = NULL;
	if (match_kw(kw_list_type, cv, type))
		return true;
	/* Unknown counter styles fall back to decimal (CSS Counter Styles 3). */
	if (cv->tok.type == CSS_TOK_IDENT && !css_is_ident(cv, "inherit") && !css_is_ident(cv, "initial") &&
	    !css_is_ident(cv, "unset") && !css_is_ident(cv, "default")) {
		*type = CSS_LIST_DECIMAL;
		return true;
	}
	return false;
}

static bool p_list_style_type(struct css_compute *cx, struct css_cv_list v)
{
	return parse_list_type_cv(cx, css_single(v), &cx->style->list_style_type, &cx->style->list_style_string);
}

static bool p_list_style_image(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "none")) {
		cx->style->list_style_image = NULL;
		return true;
	}
	if (!cv || !(cv->tok.type == CSS_TOK_URL || css_is_function(cv, "url")))
		return false;
	cx->style->list_style_image = css_resolve_url(cx, cv);
	return true;
}

static bool parse_counter_ops(struct css_compute *cx, struct css_cv_list v, int dflt, struct css_counter_op **out,
			      size_t *count)
{
	const struct css_cv *items[MAX_ITEMS];
	int n = collect(v, items, MAX_ITEMS);
	if (n < 1)
		return false;
	if (n == 1 && css_is_ident(items[0], "none")) {
		*out = NULL;
		*count = 0;
		return true;
	}
	struct css_counter_op *ops = base_arena_calloc(cx->arena, (size_t)n, sizeof *ops);
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		if (items[i]->tok.type != CSS_TOK_IDENT || css_is_ident(items[i], "none"))
			return false;
		ops[k].name = base_arena_strndup(cx->arena, items[i]->tok.value.ptr, items[i]->tok.value.len);
		ops[k].value = dflt;
		if (i + 1 < n && css_parse_integer_cv(cx, items[i + 1], &ops[k].value))
			i++;
		k++;
	}
	*out = ops;
	*count = k;
	return true;
}

static bool p_counter_reset(struct css_compute *cx, struct css_cv_list v)
{
	return parse_counter_ops(cx, v, 0, &cx->style->counter_reset, &cx->style->counter_reset_count);
}
static bool p_counter_increment(struct css_compute *cx, struct css_cv_list v)
{
	return parse_counter_ops(cx, v, 1, &cx->style->counter_increment, &cx->style->counter_increment_count);
}
static bool p_counter_set(struct css_compute *cx, struct css_cv_list v)
{
	return parse_counter_ops(cx, v, 0, &cx->style->counter_set, &cx->style->counter_set_count);
}

static const char *cv_string(struct css_compute *cx, const struct css_cv *cv)
{
	return base_arena_strndup(cx->arena, cv->tok.value.ptr, cv->tok.value.len);
}

/* https://drafts.csswg.org/css-content-3/#content-property */
static bool p_content(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[MAX_ITEMS];
	int n = collect(v, items, MAX_ITEMS);
	struct css_style *s = cx->style;
	if (n < 1)
		return false;
	if (n == 1 && (css_is_ident(items[0], "normal") || css_is_ident(items[0], "none"))) {
		s->content = NULL;
		s->content_count = 0;
		s->content_none = css_is_ident(items[0], "none");
		return true;
	}
	struct css_content_item *c = base_arena_calloc(cx->arena, (size_t)n, sizeof *c);
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		const struct css_cv *cv = items[i];
		struct css_content_item *it = &c[k];
		static const struct kw quotes[] = { { "open-quote", CSS_CONTENT_OPEN_QUOTE },
						    { "close-quote", CSS_CONTENT_CLOSE_QUOTE },
						    { "no-open-quote", CSS_CONTENT_NO_OPEN_QUOTE },
						    { "no-close-quote", CSS_CONTENT_NO_CLOSE_QUOTE },
						    { NULL, 0 } };
		if (cv->tok.type == CSS_TOK_STRING) {
			it->kind = CSS_CONTENT_STRING;
			it->text = cv_string(cx, cv);
		} else if (match_kw(quotes, cv, &it->kind)) {
		} else if (cv->tok.type == CSS_TOK_URL || css_is_function(cv, "url")) {
			it->kind = CSS_CONTENT_URL;
			it->text = css_resolve_url(cx, cv);
			if (!it->text)
				it->text = "";
		} else if (css_is_function(cv, "attr")) {
			size_t pos = 0;
			const struct css_cv *name = css_next(cv->children, &pos);
			if (!name || name->tok.type != CSS_TOK_IDENT)
				return false;
			it->kind = CSS_CONTENT_STRING;
			const char *val = NULL;
			if (cx->element) {
				char *lname = base_arena_strndup(cx->arena, name->tok.value.ptr, name->tok.value.len);
				for (char *p = lname; *p; p++)
					*p = base_ascii_lower(*p);
				val = html_element_attr_value(cx->element, lname);
			}
			it->text = val ? val : "";
		} else if (css_is_function(cv, "counter") || css_is_function(cv, "counters")) {
			bool plural = css_is_function(cv, "counters");
			struct css_cv_list *args;
			size_t na = css_split_commas(cx->arena, cv->children, &args);
			if (na < (plural ? 2u : 1u) || na > (plural ? 3u : 2u))
				return false;
			const struct css_cv *name = css_single(args[0]);
			if (!name || name->tok.type != CSS_TOK_IDENT)
				return false;
			it->kind = plural ? CSS_CONTENT_COUNTERS : CSS_CONTENT_COUNTER;
			it->text = cv_string(cx, name);
			it->list_style = CSS_LIST_DECIMAL;
			size_t ai = 1;
			if (plural) {
				const struct css_cv *sep = css_single(args[1]);
				if (!sep || sep->tok.type != CSS_TOK_STRING)
					return false;
				it->separator = cv_string(cx, sep);
				ai = 2;
			}
			if (ai < na) {
				const char *str;
				if (!parse_list_type_cv(cx, css_single(args[ai]), &it->list_style, &str) ||
				    it->list_style == CSS_LIST_STRING)
					return false;
			}
		} else if (css_is_delim(cv, '/')) {
			break; /* alternative text follows: not rendered */
		} else {
			return false;
		}
		k++;
	}
	s->content = c;
	s->content_count = k;
	s->content_none = false;
	return true;
}

static bool p_quotes(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[MAX_ITEMS];
	int n = collect(v, items, MAX_ITEMS);
	if (n == 1 && (css_is_ident(items[0], "auto") || css_is_ident(items[0], "none"))) {
		cx->style->quotes = NULL;
		cx->style->quote_count = 0;
		if (css_is_ident(items[0], "none")) {
			static const char *const none[] = { "", "" };
			cx->style->quotes = (const char **)none;
			cx->style->quote_count = 2;
		}
		return true;
	}
	if (n < 2 || n % 2)
		return false;
	const char **q = base_arena_calloc(cx->arena, (size_t)n, sizeof *q);
	for (int i = 0; i < n; i++) {
		if (items[i]->tok.type != CSS_TOK_STRING)
			return false;
		q[i] = cv_string(cx, items[i]);
	}
	cx->style->quotes = q;
	cx->style->quote_count = (size_t)n;
	return true;
}

/* ---- Flexbox and alignment ------------------------------------------------------- */

static const struct kw kw_align[] = {
	{ "auto", CSS_ALIGN_AUTO },
	{ "normal", CSS_ALIGN_NORMAL },
	{ "stretch", CSS_ALIGN_STRETCH },
	{ "flex-start", CSS_ALIGN_FLEX_START },
	{ "flex-end", CSS_ALIGN_FLEX_END },
	{ "start", CSS_ALIGN_START },
	{ "end", CSS_ALIGN_END },
	{ "self-start", CSS_ALIGN_START },
	{ "self-end", CSS_ALIGN_END },
	{ "center", CSS_ALIGN_CENTER },
	{ "baseline", CSS_ALIGN_BASELINE },
	{ "space-between", CSS_ALIGN_SPACE_BETWEEN },
	{ "space-around", CSS_ALIGN_SPACE_AROUND },
	{ "space-evenly", CSS_ALIGN_SPACE_EVENLY },
	{ "left", CSS_ALIGN_LEFT },
	{ "right", CSS_ALIGN_RIGHT },
	{ NULL, 0 },
};

static bool p_align(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[3];
	int n = collect(v, items, 3);
	int i = 0;
	/* Overflow positions (safe/unsafe) and first/last baseline. */
	if (n >= 2 && (css_is_ident(items[0], "safe") || css_is_ident(items[0], "unsafe") ||
		       css_is_ident(items[0], "first") || css_is_ident(items[0], "last") ||
		       css_is_ident(items[0], "legacy")))
		i = 1;
	if (n - i != 1)
		return false;
	uint8_t val;
	if (!match_kw(kw_align, items[i], &val))
		return false;
	bool content = cx->prop == CSS_PROP_JUSTIFY_CONTENT || cx->prop == CSS_PROP_ALIGN_CONTENT;
	bool self = cx->prop == CSS_PROP_ALIGN_SELF || cx->prop == CSS_PROP_JUSTIFY_SELF;
	if (val == CSS_ALIGN_AUTO && !self)
		return false;
	if (content && val == CSS_ALIGN_BASELINE)
		return false;
	if (!content && val >= CSS_ALIGN_SPACE_BETWEEN && val <= CSS_ALIGN_SPACE_EVENLY)
		return false;
	*field_u8(cx) = val;
	return true;
}

static bool p_flex_factor(struct css_compute *cx, struct css_cv_list v)
{
	double d;
	if (!css_parse_number_cv(cx, css_single(v), &d) || d < 0)
		return false;
	*(float *)((char *)cx->style + css_properties[cx->prop].offset) = (float)d;
	return true;
}

static bool p_flex_basis(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "content")) {
		memset(&cx->style->flex_basis, 0, sizeof cx->style->flex_basis);
		cx->style->flex_basis.kind = CSS_LEN_MAX_CONTENT;
		return true;
	}
	return css_parse_length_cv(cx, cv, CSS_LP_PERCENT | CSS_LP_AUTO | CSS_LP_SIZING, &cx->style->flex_basis);
}

static bool p_order(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_integer_cv(cx, css_single(v), &cx->style->order);
}

static bool p_gap(struct css_compute *cx, struct css_cv_list v)
{
	return css_parse_length(cx, v, CSS_LP_PERCENT | CSS_LP_NORMAL, field_len(cx));
}

/* ---- Replaced content, transforms, misc -------------------------------------- */

static bool p_object_position(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[4];
	int n = collect(v, items, 4);
	return n >= 1 && css_parse_position(cx, items, (size_t)n, &cx->style->object_position_x,
					    &cx->style->object_position_y);
}

static bool p_image_rendering(struct css_compute *cx, struct css_cv_list v)
{
	static const struct kw kws[] = { { "auto", CSS_IMAGE_RENDERING_AUTO },
					 { "smooth", CSS_IMAGE_RENDERING_AUTO },
					 { "high-quality", CSS_IMAGE_RENDERING_AUTO },
					 { "pixelated", CSS_IMAGE_RENDERING_PIXELATED },
					 { "crisp-edges", CSS_IMAGE_RENDERING_CRISP_EDGES },
					 { "-webkit-optimize-contrast", CSS_IMAGE_RENDERING_CRISP_EDGES },
					 { NULL, 0 } };
	return match_kw(kws, css_single(v), &cx->style->image_rendering);
}

static bool p_cursor(struct css_compute *cx, struct css_cv_list v)
{
	static const struct kw kws[] = { { "auto", CSS_CURSOR_AUTO }, { "default", CSS_CURSOR_DEFAULT },
					 { "pointer", CSS_CURSOR_POINTER }, { "text", CSS_CURSOR_TEXT }, { NULL, 0 } };
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, v, &groups);
	if (n == 0)
		return false;
	/* Image cursors come first; the last item is the keyword. */
	for (size_t i = 0; i + 1 < n; i++) {
		size_t pos = 0;
		const struct css_cv *u = css_next(groups[i], &pos);
		if (!u || !(u->tok.type == CSS_TOK_URL || css_is_function(u, "url")))
			return false;
	}
	const struct css_cv *cv = css_single(groups[n - 1]);
	if (!cv || cv->tok.type != CSS_TOK_IDENT)
		return false;
	if (!match_kw(kws, cv, &cx->style->cursor))
		cx->style->cursor = CSS_CURSOR_OTHER;
	return true;
}

/* https://drafts.csswg.org/css-transforms-1/#two-d-transform-functions */
static void matrix_multiply(float *m, const float *n)
{
	float r[6] = {
		m[0] * n[0] + m[2] * n[1],	  m[1] * n[0] + m[3] * n[1],	    m[0] * n[2] + m[2] * n[3],
		m[1] * n[2] + m[3] * n[3],	  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
	};
	memcpy(m, r, sizeof r);
}

static bool p_transform(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[MAX_ITEMS];
	int n = collect(v, items, MAX_ITEMS);
	if (n == 1 && css_is_ident(items[0], "none")) {
		cx->style->transform = NULL;
		return true;
	}
	if (n < 1)
		return false;
	struct css_transform *t = base_arena_calloc(cx->arena, 1, sizeof *t);
	t->m[0] = t->m[3] = 1;
	for (int i = 0; i < n; i++) {
		const struct css_cv *f = items[i];
		if (f->tok.type != CSS_TOK_FUNCTION)
			return false;
		struct css_cv_list *args;
		size_t na = css_split_commas(cx->arena, f->children, &args);
		const struct css_cv *a[6] = { 0 };
		if (na > 6)
			return false;
		for (size_t k = 0; k < na; k++)
			if (!(a[k] = css_single(args[k])))
				return false;
		float m[6] = { 1, 0, 0, 1, 0, 0 };
		double d[6], deg;
		struct css_length l[2];
		if (css_is_function(f, "matrix")) {
			if (na != 6)
				return false;
			for (int k = 0; k < 6; k++) {
				if (!css_parse_number_cv(cx, a[k], &d[k]))
					return false;
				m[k] = (float)d[k];
			}
		} else if (css_is_function(f, "translate") || css_is_function(f, "translatex") ||
			   css_is_function(f, "translatey")) {
			bool x = css_is_function(f, "translatex"), y = css_is_function(f, "translatey");
			if (na < 1 || na > ((x || y) ? 1u : 2u))
				return false;
			for (size_t k = 0; k < na; k++)
				if (!css_parse_length_cv(cx, a[k], CSS_LP_PERCENT | CSS_LP_NEGATIVE, &l[k]))
					return false;
			struct css_length lx = y ? (struct css_length){ 0 } : l[0];
			struct css_length ly = y ? l[0] : na > 1 ? l[1] : (struct css_length){ 0 };
			m[4] = lx.px;
			m[5] = ly.px;
			/* Percentages of the border box are only known to layout:
			 * they accumulate unscaled (exact when they come before
			 * any scale or rotation, the common case). */
			t->translate_pct_x += lx.has_percent ? lx.percent : 0;
			t->translate_pct_y += ly.has_percent ? ly.percent : 0;
		} else if (css_is_function(f, "scale") || css_is_function(f, "scalex") ||
			   css_is_function(f, "scaley")) {
			bool x = css_is_function(f, "scalex"), y = css_is_function(f, "scaley");
			if (na < 1 || na > ((x || y) ? 1u : 2u))
				return false;
			for (size_t k = 0; k < na; k++) {
				if (a[k]->tok.type == CSS_TOK_PERCENTAGE)
					d[k] = a[k]->tok.number / 100.0;
				else if (!css_parse_number_cv(cx, a[k], &d[k]))
					return false;
			}
			m[0] = y ? 1 : (float)d[0];
			m[3] = x ? 1 : y ? (float)d[0] : na > 1 ? (float)d[1] : (float)d[0];
		} else if (css_is_function(f, "rotate") || css_is_function(f, "rotatez")) {
			if (na != 1 || !css_parse_angle_cv(cx, a[0], true, &deg))
				return false;
			double r = deg * M_PI / 180.0;
			m[0] = (float)cos(r);
			m[1] = (float)sin(r);
			m[2] = (float)-sin(r);
			m[3] = (float)cos(r);
		} else if (css_is_function(f, "skew") || css_is_function(f, "skewx") ||
			   css_is_function(f, "skewy")) {
			bool x = css_is_function(f, "skewx"), y = css_is_function(f, "skewy");
			if (na < 1 || na > ((x || y) ? 1u : 2u))
				return false;
			double ax = 0, ay = 0;
			if (!css_parse_angle_cv(cx, a[0], true, y ? &ay : &ax))
				return false;
			if (na > 1 && !css_parse_angle_cv(cx, a[1], true, &ay))
				return false;
			m[2] = (float)tan(ax * M_PI / 180.0);
			m[1] = (float)tan(ay * M_PI / 180.0);
		} else {
			return false;
		}
		matrix_multiply(t->m, m);
	}
	cx->style->transform = t;
	return true;
}

static bool p_transform_origin(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[3];
	int n = collect(v, items, 3);
	if (n == 3) /* the z offset is ignored in 2D */
		n = 2;
	return n >= 1 && css_parse_position(cx, items, (size_t)n, &cx->style->transform_origin_x,
					    &cx->style->transform_origin_y);
}

static bool p_border_spacing(struct css_compute *cx, struct css_cv_list v)
{
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	struct css_length h, vv;
	if (n < 1 || !css_parse_length_cv(cx, items[0], 0, &h))
		return false;
	vv = h;
	if (n == 2 && !css_parse_length_cv(cx, items[1], 0, &vv))
		return false;
	cx->style->border_spacing_h = h.px;
	cx->style->border_spacing_v = vv.px;
	return true;
}

/* ---- Shorthands ------------------------------------------------------------------- */

void css_expansion_put(struct css_expansion *x, uint16_t prop, struct css_cv_list v)
{
	if (x->count >= BASE_ARRAY_LEN(x->props))
		return;
	x->props[x->count] = prop;
	x->values[x->count] = v;
	x->wide[x->count] = CSS_WIDE_NONE;
	x->count++;
}

void css_expansion_put_initial(struct css_expansion *x, uint16_t prop)
{
	struct css_cv_list none = { NULL, 0 };
	css_expansion_put(x, prop, none);
	x->wide[x->count - 1] = CSS_WIDE_INITIAL;
}

bool css_longhand_valid(struct css_compute *cx, uint16_t prop, struct css_cv_list v)
{
	uint16_t saved = cx->prop;
	cx->prop = prop;
	bool ok = css_properties[prop].parse(cx, v);
	cx->prop = saved;
	return ok;
}

/* The 1-to-4 value box shorthands (margin, padding, inset, border-*). */
static bool four_sides(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out, uint16_t first)
{
	const struct css_cv *items[4];
	int n = collect(v, items, 4);
	if (n < 1)
		return false;
	static const int pick[4][4] = { { 0, 0, 0, 0 }, { 0, 1, 0, 1 }, { 0, 1, 2, 1 }, { 0, 1, 2, 3 } };
	for (int side = 0; side < 4; side++) {
		struct css_cv_list one_v = one(items[pick[n - 1][side]]);
		if (!css_longhand_valid(cx, (uint16_t)(first + side), one_v))
			return false;
		css_expansion_put(out, (uint16_t)(first + side), one_v);
	}
	return true;
}

static bool x_margin(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return four_sides(cx, v, out, CSS_PROP_MARGIN_TOP);
}
static bool x_padding(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return four_sides(cx, v, out, CSS_PROP_PADDING_TOP);
}
static bool x_inset(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return four_sides(cx, v, out, CSS_PROP_TOP);
}
static bool x_border_width(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return four_sides(cx, v, out, CSS_PROP_BORDER_TOP_WIDTH);
}
static bool x_border_style(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return four_sides(cx, v, out, CSS_PROP_BORDER_TOP_STYLE);
}
static bool x_border_color(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return four_sides(cx, v, out, CSS_PROP_BORDER_TOP_COLOR);
}

/* Shorthands whose parts come in any order, each at most once:
 * border, outline, list-style, text-decoration, flex-flow. Each item is
 * tried against the longhands in order; unused longhands get initial. */
static bool any_order(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out, const uint16_t *props,
		      size_t np)
{
	const struct css_cv *items[MAX_ITEMS];
	int n = collect(v, items, MAX_ITEMS);
	if (n < 1)
		return false;
	const struct css_cv *first[8] = { 0 }, *last[8] = { 0 };
	for (int i = 0; i < n; i++) {
		bool used = false;
		for (size_t p = 0; p < np && !used; p++) {
			if (first[p]) {
				/* A multi-item longhand (text-decoration-line) extends. */
				if (i > 0 && last[p] == items[i - 1] && css_longhand_valid(cx, props[p], span(first[p], items[i]))) {
					last[p] = items[i];
					used = true;
				}
				continue;
			}
			if (css_longhand_valid(cx, props[p], one(items[i]))) {
				first[p] = last[p] = items[i];
				used = true;
			}
		}
		if (!used)
			return false;
	}
	for (size_t p = 0; p < np; p++) {
		if (first[p])
			css_expansion_put(out, props[p], span(first[p], last[p]));
		else
			css_expansion_put_initial(out, props[p]);
	}
	return true;
}

static bool x_border_side(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	int side = cx->prop - CSS_PROP_BORDER_TOP;
	uint16_t props[3] = { (uint16_t)(CSS_PROP_BORDER_TOP_WIDTH + side), (uint16_t)(CSS_PROP_BORDER_TOP_STYLE + side),
			      (uint16_t)(CSS_PROP_BORDER_TOP_COLOR + side) };
	return any_order(cx, v, out, props, 3);
}

static bool x_border(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	uint16_t props[3] = { CSS_PROP_BORDER_TOP_WIDTH, CSS_PROP_BORDER_TOP_STYLE, CSS_PROP_BORDER_TOP_COLOR };
	struct css_expansion top = { 0 };
	if (!any_order(cx, v, &top, props, 3))
		return false;
	for (int side = 0; side < 4; side++)
		for (size_t i = 0; i < top.count; i++) {
			css_expansion_put(out, (uint16_t)(top.props[i] + side), top.values[i]);
			out->wide[out->count - 1] = top.wide[i];
		}
	return true;
}

static bool x_outline(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	uint16_t props[3] = { CSS_PROP_OUTLINE_WIDTH, CSS_PROP_OUTLINE_STYLE, CSS_PROP_OUTLINE_COLOR };
	return any_order(cx, v, out, props, 3);
}

static bool x_text_decoration(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	uint16_t props[4] = { CSS_PROP_TEXT_DECORATION_LINE, CSS_PROP_TEXT_DECORATION_STYLE,
			      CSS_PROP_TEXT_DECORATION_COLOR, CSS_PROP_TEXT_DECORATION_THICKNESS };
	return any_order(cx, v, out, props, 4);
}

static bool x_flex_flow(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	uint16_t props[2] = { CSS_PROP_FLEX_DIRECTION, CSS_PROP_FLEX_WRAP };
	return any_order(cx, v, out, props, 2);
}

/* list-style: `none` sets whichever of type and image is not otherwise set. */
static bool x_list_style(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct css_cv *items[3];
	int n = collect(v, items, 3);
	if (n < 1)
		return false;
	const struct css_cv *type = NULL, *pos = NULL, *image = NULL;
	int nones = 0;
	for (int i = 0; i < n; i++) {
		if (css_is_ident(items[i], "none")) {
			nones++;
			continue;
		}
		if (!pos && css_longhand_valid(cx, CSS_PROP_LIST_STYLE_POSITION, one(items[i])))
			pos = items[i];
		else if (!image && css_longhand_valid(cx, CSS_PROP_LIST_STYLE_IMAGE, one(items[i])))
			image = items[i];
		else if (!type && css_longhand_valid(cx, CSS_PROP_LIST_STYLE_TYPE, one(items[i])))
			type = items[i];
		else
			return false;
	}
	if (nones > 2 || (nones == 2 && (type || image)) || (nones == 1 && type && image))
		return false;
	const struct css_cv *none_cv = NULL;
	for (int i = 0; i < n; i++)
		if (css_is_ident(items[i], "none"))
			none_cv = items[i];
	if (pos)
		css_expansion_put(out, CSS_PROP_LIST_STYLE_POSITION, one(pos));
	else
		css_expansion_put_initial(out, CSS_PROP_LIST_STYLE_POSITION);
	if (image)
		css_expansion_put(out, CSS_PROP_LIST_STYLE_IMAGE, one(image));
	else if (none_cv && type)
		css_expansion_put(out, CSS_PROP_LIST_STYLE_IMAGE, one(none_cv));
	else
		css_expansion_put_initial(out, CSS_PROP_LIST_STYLE_IMAGE);
	if (type)
		css_expansion_put(out, CSS_PROP_LIST_STYLE_TYPE, one(type));
	else if (none_cv)
		css_expansion_put(out, CSS_PROP_LIST_STYLE_TYPE, one(none_cv));
	else
		css_expansion_put_initial(out, CSS_PROP_LIST_STYLE_TYPE);
	return true;
}

/* border-radius: 1-4 horizontal radii [ / 1-4 vertical ]. Each corner's
 * value is a synthesised "h v" pair. */
static bool x_border_radius(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct css_cv *items[9];
	int n = collect(v, items, 9);
	if (n < 1)
		return false;
	int slash = -1;
	for (int i = 0; i < n; i++)
		if (css_is_delim(items[i], '/'))
			slash = i;
	int nh = slash < 0 ? n : slash, nv = slash < 0 ? 0 : n - slash - 1;
	if (nh < 1 || nh > 4 || (slash >= 0 && (nv < 1 || nv > 4)))
		return false;
	static const int pick[4][4] = { { 0, 0, 0, 0 }, { 0, 1, 0, 1 }, { 0, 1, 2, 1 }, { 0, 1, 2, 3 } };
	for (int c = 0; c < 4; c++) {
		struct css_cv *pair = base_arena_calloc(cx->arena, 3, sizeof *pair);
		pair[0] = *items[pick[nh - 1][c]];
		size_t len = 1;
		if (nv) {
			pair[1].tok.type = CSS_TOK_WHITESPACE;
			pair[2] = *items[slash + 1 + pick[nv - 1][c]];
			len = 3;
		}
		struct css_cv_list l = { pair, len };
		if (!css_longhand_valid(cx, (uint16_t)(CSS_PROP_BORDER_TOP_LEFT_RADIUS + c), l))
			return false;
		css_expansion_put(out, (uint16_t)(CSS_PROP_BORDER_TOP_LEFT_RADIUS + c), l);
	}
	return true;
}

/* border-image: <source> || <slice> [ / <width> | / <width>? / <outset> ]?
 * || <repeat>; what is left out is reset to its initial value. */
static bool x_border_image(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct css_cv *items[16];
	int n = collect(v, items, 16);
	if (n < 1)
		return false;
	struct css_cv_list part[5] = { { NULL, 0 } }; /* source slice width outset repeat */
	static const uint16_t props[5] = { CSS_PROP_BORDER_IMAGE_SOURCE, CSS_PROP_BORDER_IMAGE_SLICE,
					   CSS_PROP_BORDER_IMAGE_WIDTH, CSS_PROP_BORDER_IMAGE_OUTSET,
					   CSS_PROP_BORDER_IMAGE_REPEAT };
	int i = 0;
	while (i < n) {
		const struct css_cv *c = items[i];
		uint8_t kw;
		if (!part[4].len && match_kw(kw_border_image_repeat, c, &kw)) {
			int j = i + 1;
			if (j < n && match_kw(kw_border_image_repeat, items[j], &kw))
				j++;
			part[4] = span(items[i], items[j - 1]);
			i = j;
		} else if (!part[1].len && (c->tok.type == CSS_TOK_NUMBER || c->tok.type == CSS_TOK_PERCENTAGE ||
					    css_is_ident(c, "fill"))) {
			int j = i;
			while (j < n && (items[j]->tok.type == CSS_TOK_NUMBER || items[j]->tok.type == CSS_TOK_PERCENTAGE ||
					 css_is_ident(items[j], "fill")))
				j++;
			part[1] = span(items[i], items[j - 1]);
			/* Up to two slash-separated groups follow: width, outset. */
			for (int g = 2; g <= 3 && j < n && css_is_delim(items[j], '/'); g++) {
				int k = ++j;
				while (k < n && !css_is_delim(items[k], '/') && !match_kw(kw_border_image_repeat, items[k], &kw) &&
				       (items[k]->tok.type != CSS_TOK_IDENT || css_is_ident(items[k], "auto")) &&
				       items[k]->tok.type != CSS_TOK_URL && items[k]->tok.type != CSS_TOK_FUNCTION)
					k++;
				if (k > j)
					part[g] = span(items[j], items[k - 1]);
				else if (g == 3 || k >= n || !css_is_delim(items[k], '/'))
					return false; /* an empty width only before an outset */
				j = k;
			}
			i = j;
		} else if (!part[0].len) {
			part[0] = one(c);
			i++;
		} else {
			return false;
		}
	}
	for (int k = 0; k < 5; k++) {
		if (!part[k].len) {
			css_expansion_put_initial(out, props[k]);
			continue;
		}
		if (!css_longhand_valid(cx, props[k], part[k]))
			return false;
		css_expansion_put(out, props[k], part[k]);
	}
	return true;
}

static bool x_overflow(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	if (n < 1 || !css_longhand_valid(cx, CSS_PROP_OVERFLOW_X, one(items[0])) ||
	    !css_longhand_valid(cx, CSS_PROP_OVERFLOW_Y, one(items[n - 1])))
		return false;
	css_expansion_put(out, CSS_PROP_OVERFLOW_X, one(items[0]));
	css_expansion_put(out, CSS_PROP_OVERFLOW_Y, one(items[n - 1]));
	return true;
}

static bool x_gap(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	if (n < 1 || !css_longhand_valid(cx, CSS_PROP_ROW_GAP, one(items[0])) ||
	    !css_longhand_valid(cx, CSS_PROP_COLUMN_GAP, one(items[n - 1])))
		return false;
	css_expansion_put(out, CSS_PROP_ROW_GAP, one(items[0]));
	css_expansion_put(out, CSS_PROP_COLUMN_GAP, one(items[n - 1]));
	return true;
}

static bool two_props(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out, uint16_t a, uint16_t b)
{
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	if (n < 1 || !css_longhand_valid(cx, a, one(items[0])) || !css_longhand_valid(cx, b, one(items[n - 1])))
		return false;
	css_expansion_put(out, a, one(items[0]));
	css_expansion_put(out, b, one(items[n - 1]));
	return true;
}
static bool x_place_content(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return two_props(cx, v, out, CSS_PROP_ALIGN_CONTENT, CSS_PROP_JUSTIFY_CONTENT);
}
static bool x_place_items(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return two_props(cx, v, out, CSS_PROP_ALIGN_ITEMS, CSS_PROP_JUSTIFY_ITEMS);
}
static bool x_place_self(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return two_props(cx, v, out, CSS_PROP_ALIGN_SELF, CSS_PROP_JUSTIFY_SELF);
}
static bool x_word_wrap(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	if (!css_longhand_valid(cx, CSS_PROP_OVERFLOW_WRAP, v))
		return false;
	css_expansion_put(out, CSS_PROP_OVERFLOW_WRAP, v);
	return true;
}

/* flex: none | [ <grow> <shrink>? || <basis> ]
 * (https://drafts.csswg.org/css-flexbox-1/#flex-property). */
static bool x_flex(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct css_cv *items[3];
	int n = collect(v, items, 3);
	if (n < 1)
		return false;
	if (n == 1 && css_is_ident(items[0], "none")) {
		struct css_cv *vals = base_arena_calloc(cx->arena, 3, sizeof *vals);
		vals[0].tok.type = vals[1].tok.type = CSS_TOK_NUMBER;
		vals[0].tok.flags = vals[1].tok.flags = CSS_TOKEN_INTEGER;
		vals[2].tok.type = CSS_TOK_IDENT;
		vals[2].tok.value.ptr = "auto";
		vals[2].tok.value.len = 4;
		css_expansion_put(out, CSS_PROP_FLEX_GROW, one(&vals[0]));
		css_expansion_put(out, CSS_PROP_FLEX_SHRINK, one(&vals[1]));
		css_expansion_put(out, CSS_PROP_FLEX_BASIS, one(&vals[2]));
		return true;
	}
	const struct css_cv *grow = NULL, *shrink = NULL, *basis = NULL;
	for (int i = 0; i < n; i++) {
		double d;
		if (!grow && !basis && css_parse_number_cv(cx, items[i], &d) && d >= 0) {
			grow = items[i];
		} else if (grow && !shrink && i > 0 && items[i - 1] == grow && css_parse_number_cv(cx, items[i], &d) &&
			   d >= 0) {
			shrink = items[i];
		} else if (!basis && !(items[i]->tok.type == CSS_TOK_NUMBER && items[i]->tok.number != 0) &&
			   css_longhand_valid(cx, CSS_PROP_FLEX_BASIS, one(items[i]))) {
			basis = items[i];
		} else if (!grow && !basis && items[i]->tok.type == CSS_TOK_NUMBER && items[i]->tok.number == 0) {
			grow = items[i];
		} else {
			return false;
		}
	}
	/* Omitted grow is 1, shrink 1 and basis 0% when any number is given. */
	struct css_cv *vals = base_arena_calloc(cx->arena, 3, sizeof *vals);
	vals[0].tok.type = vals[1].tok.type = CSS_TOK_NUMBER;
	vals[0].tok.flags = vals[1].tok.flags = CSS_TOKEN_INTEGER;
	vals[0].tok.number = vals[1].tok.number = 1;
	vals[2].tok.type = CSS_TOK_PERCENTAGE;
	css_expansion_put(out, CSS_PROP_FLEX_GROW, one(grow ? grow : &vals[0]));
	css_expansion_put(out, CSS_PROP_FLEX_SHRINK, one(shrink ? shrink : &vals[1]));
	css_expansion_put(out, CSS_PROP_FLEX_BASIS, one(basis ? basis : &vals[2]));
	return true;
}

/* font-variant: only the CSS 2.1 values map to font-variant-caps. */
static bool x_font_variant(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct css_cv *cv = css_single(v);
	if (css_is_ident(cv, "none")) {
		css_expansion_put_initial(out, CSS_PROP_FONT_VARIANT_CAPS);
		return true;
	}
	if (!css_longhand_valid(cx, CSS_PROP_FONT_VARIANT_CAPS, v))
		return false;
	css_expansion_put(out, CSS_PROP_FONT_VARIANT_CAPS, v);
	return true;
}

/* https://drafts.csswg.org/css-fonts-4/#font-prop */
static bool x_font(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct css_cv *items[MAX_ITEMS];
	int n = collect(v, items, MAX_ITEMS);
	if (n < 2)
		return false;
	const struct css_cv *style = NULL, *variant = NULL, *weight = NULL, *stretch = NULL;
	int i = 0, normals = 0;
	for (; i < n && i < 4; i++) {
		const struct css_cv *c = items[i];
		if (css_is_ident(c, "normal"))
			normals++;
		else if (!style && css_longhand_valid(cx, CSS_PROP_FONT_STYLE, one(c)))
			style = c;
		else if (!variant && (css_is_ident(c, "small-caps")))
			variant = c;
		else if (!weight && c->tok.type != CSS_TOK_PERCENTAGE && css_longhand_valid(cx, CSS_PROP_FONT_WEIGHT, one(c)) &&
			 !css_is_ident(c, "bolder") && !css_is_ident(c, "lighter"))
			weight = c;
		else if (!stretch && c->tok.type == CSS_TOK_IDENT && css_longhand_valid(cx, CSS_PROP_FONT_STRETCH, one(c)))
			stretch = c;
		else
			break;
	}
	(void)normals;
	if (i >= n || !css_longhand_valid(cx, CSS_PROP_FONT_SIZE, one(items[i])))
		return false;
	const struct css_cv *size = items[i++];
	const struct css_cv *lh = NULL;
	if (i < n && css_is_delim(items[i], '/')) {
		if (i + 1 >= n || !css_longhand_valid(cx, CSS_PROP_LINE_HEIGHT, one(items[i + 1])))
			return false;
		lh = items[i + 1];
		i += 2;
	}
	if (i >= n)
		return false;
	struct css_cv_list fam = span(items[i], items[n - 1]);
	if (!css_longhand_valid(cx, CSS_PROP_FONT_FAMILY, fam))
		return false;
	style ? css_expansion_put(out, CSS_PROP_FONT_STYLE, one(style)) : css_expansion_put_initial(out, CSS_PROP_FONT_STYLE);
	variant ? css_expansion_put(out, CSS_PROP_FONT_VARIANT_CAPS, one(variant)) : css_expansion_put_initial(out, CSS_PROP_FONT_VARIANT_CAPS);
	weight ? css_expansion_put(out, CSS_PROP_FONT_WEIGHT, one(weight)) : css_expansion_put_initial(out, CSS_PROP_FONT_WEIGHT);
	stretch ? css_expansion_put(out, CSS_PROP_FONT_STRETCH, one(stretch)) : css_expansion_put_initial(out, CSS_PROP_FONT_STRETCH);
	css_expansion_put(out, CSS_PROP_FONT_SIZE, one(size));
	lh ? css_expansion_put(out, CSS_PROP_LINE_HEIGHT, one(lh)) : css_expansion_put_initial(out, CSS_PROP_LINE_HEIGHT);
	css_expansion_put(out, CSS_PROP_FONT_FAMILY, fam);
	return true;
}

/* Builds a component value list from pieces separated by commas. */
static struct css_cv_list join_layers(struct css_compute *cx, struct css_cv_list *parts, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += parts[i].len + 1;
	struct css_cv *items = base_arena_calloc(cx->arena, total + 1, sizeof *items);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			items[k++].tok.type = CSS_TOK_COMMA;
		if (parts[i].len)
			memcpy(items + k, parts[i].items, parts[i].len * sizeof *items);
		k += parts[i].len;
	}
	struct css_cv_list l = { items, k };
	return l;
}

struct css_cv_list css_ident_list(struct css_compute *cx, const char *name)
{
	struct css_cv *c = base_arena_calloc(cx->arena, 1, sizeof *c);
	c->tok.type = CSS_TOK_IDENT;
	c->tok.value.ptr = name;
	c->tok.value.len = strlen(name);
	struct css_cv_list l = { c, 1 };
	return l;
}

/* A <position> behind POSITION_MARKER, for both position longhands. */
static struct css_cv_list marked_position(struct css_compute *cx, const struct css_cv *const *items, size_t n)
{
	struct css_cv *l = base_arena_calloc(cx->arena, 2 * n + 1, sizeof *l);
	l[0].tok.type = CSS_TOK_DELIM;
	l[0].tok.delim = POSITION_MARKER;
	size_t k = 1;
	for (size_t i = 0; i < n; i++) {
		l[k++].tok.type = CSS_TOK_WHITESPACE;
		l[k++] = *items[i];
	}
	struct css_cv_list r = { l, k };
	return r;
}

/* background: <bg-layer>#, <final-bg-layer>
 * (https://drafts.csswg.org/css-backgrounds-3/#background). */
static bool x_background(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, v, &groups);
	if (n == 0 || n > 32)
		return false;
	struct css_cv_list *img = base_arena_calloc(cx->arena, n * 8, sizeof *img);
	struct css_cv_list *rep = img + n, *px = img + 2 * n, *py = img + 3 * n, *size = img + 4 * n,
			   *att = img + 5 * n, *org = img + 6 * n, *clip = img + 7 * n;
	const struct css_cv *color = NULL;
	for (size_t g = 0; g < n; g++) {
		const struct css_cv *items[MAX_ITEMS];
		int k = collect(groups[g], items, MAX_ITEMS);
		if (k < 1)
			return false;
		const struct css_cv *image = NULL, *rfirst = NULL, *rlast = NULL, *box1 = NULL, *box2 = NULL,
				    *attach = NULL;
		bool have_pos = false;
		for (int i = 0; i < k; i++) {
			const struct css_cv *c = items[i];
			struct css_image im;
			struct css_color col;
			uint8_t b;
			if (!image && (css_is_ident(c, "none") || css_parse_image_cv(cx, c, &im))) {
				image = c;
			} else if (!rfirst && (css_is_ident(c, "repeat-x") || css_is_ident(c, "repeat-y") ||
					       css_is_ident(c, "repeat") || css_is_ident(c, "no-repeat") ||
					       css_is_ident(c, "space") || css_is_ident(c, "round"))) {
				rfirst = rlast = c;
				if (i + 1 < k && !css_is_ident(c, "repeat-x") && !css_is_ident(c, "repeat-y") &&
				    (css_is_ident(items[i + 1], "repeat") || css_is_ident(items[i + 1], "no-repeat") ||
				     css_is_ident(items[i + 1], "space") || css_is_ident(items[i + 1], "round")))
					rlast = items[++i];
			} else if (!attach && (css_is_ident(c, "fixed") || css_is_ident(c, "scroll") ||
					       css_is_ident(c, "local"))) {
				attach = c;
			} else if (!box2 && match_kw(kw_box, c, &b)) {
				if (!box1)
					box1 = c;
				else
					box2 = c;
			} else if (!have_pos && (c->tok.type != CSS_TOK_IDENT || css_is_ident(c, "left") ||
						 css_is_ident(c, "right") || css_is_ident(c, "top") ||
						 css_is_ident(c, "bottom") || css_is_ident(c, "center")) &&
				   !css_parse_color_cv(cx, c, &col)) {
				/* A position of up to 4 items, then optionally / size. */
				int j = i;
				struct css_length lx, ly;
				while (j < k && j - i < 4 && !css_is_delim(items[j], '/') &&
				       (items[j]->tok.type != CSS_TOK_IDENT || css_is_ident(items[j], "left") ||
					css_is_ident(items[j], "right") || css_is_ident(items[j], "top") ||
					css_is_ident(items[j], "bottom") || css_is_ident(items[j], "center")) &&
				       !css_parse_color_cv(cx, items[j], &col) &&
				       !(items[j]->tok.type == CSS_TOK_FUNCTION && css_parse_image_cv(cx, items[j], &im)))
					j++;
				/* Shrink to the longest prefix that is a valid position. */
				int end = j;
				while (end > i && !css_parse_position(cx, items + i, (size_t)(end - i), &lx, &ly))
					end--;
				if (end == i)
					return false;
				px[g] = marked_position(cx, items + i, (size_t)(end - i));
				py[g] = px[g];
				have_pos = true;
				i = end - 1;
				if (end < k && css_is_delim(items[end], '/')) {
					int s0 = end + 1, s1 = s0;
					while (s1 < k && s1 - s0 < 2 &&
					       (css_is_ident(items[s1], "auto") || css_is_ident(items[s1], "cover") ||
						css_is_ident(items[s1], "contain") || items[s1]->tok.type != CSS_TOK_IDENT) &&
					       !css_parse_color_cv(cx, items[s1], &col))
						s1++;
					struct css_background_layer tmp;
					while (s1 > s0 && !one_size(cx, span(items[s0], items[s1 - 1]), &tmp))
						s1--;
					if (s1 == s0)
						return false;
					size[g] = span(items[s0], items[s1 - 1]);
					i = s1 - 1;
				}
			} else if (g == n - 1 && !color && css_parse_color_cv(cx, c, &col)) {
				color = c;
			} else {
				return false;
			}
		}
		img[g] = image ? one(image) : css_ident_list(cx, "none");
		rep[g] = rfirst ? span(rfirst, rlast) : css_ident_list(cx, "repeat");
		att[g] = attach ? one(attach) : css_ident_list(cx, "scroll");
		org[g] = box1 ? one(box1) : css_ident_list(cx, "padding-box");
		clip[g] = box2 ? one(box2) : box1 ? one(box1) : css_ident_list(cx, "border-box");
		if (!size[g].len)
			size[g] = css_ident_list(cx, "auto");
		if (!px[g].len) {
			px[g] = css_ident_list(cx, "left");
			py[g] = css_ident_list(cx, "top");
		}
	}
	css_expansion_put(out, CSS_PROP_BACKGROUND_IMAGE, join_layers(cx, img, n));
	css_expansion_put(out, CSS_PROP_BACKGROUND_REPEAT, join_layers(cx, rep, n));
	css_expansion_put(out, CSS_PROP_BACKGROUND_POSITION_X, join_layers(cx, px, n));
	css_expansion_put(out, CSS_PROP_BACKGROUND_POSITION_Y, join_layers(cx, py, n));
	css_expansion_put(out, CSS_PROP_BACKGROUND_SIZE, join_layers(cx, size, n));
	css_expansion_put(out, CSS_PROP_BACKGROUND_ATTACHMENT, join_layers(cx, att, n));
	css_expansion_put(out, CSS_PROP_BACKGROUND_ORIGIN, join_layers(cx, org, n));
	css_expansion_put(out, CSS_PROP_BACKGROUND_CLIP, join_layers(cx, clip, n));
	if (color)
		css_expansion_put(out, CSS_PROP_BACKGROUND_COLOR, one(color));
	else
		css_expansion_put_initial(out, CSS_PROP_BACKGROUND_COLOR);
	return true;
}

static bool x_background_position(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, v, &groups);
	if (n == 0)
		return false;
	struct css_cv_list *parts = base_arena_calloc(cx->arena, n, sizeof *parts);
	for (size_t g = 0; g < n; g++) {
		const struct css_cv *items[4];
		struct css_length x, y;
		int k = collect(groups[g], items, 4);
		if (k < 1 || !css_parse_position(cx, items, (size_t)k, &x, &y))
			return false;
		parts[g] = marked_position(cx, items, (size_t)k);
	}
	struct css_cv_list joined = join_layers(cx, parts, n);
	css_expansion_put(out, CSS_PROP_BACKGROUND_POSITION_X, joined);
	css_expansion_put(out, CSS_PROP_BACKGROUND_POSITION_Y, joined);
	return true;
}

/* Flow-relative properties (https://drafts.csswg.org/css-logical-1/),
 * mapped for horizontal-tb, left-to-right text: block is top/bottom,
 * inline is left/right. Each maps 1-2 values to physical properties
 * (longhands, or the border side shorthands). */
static const struct logical_map {
	uint16_t id;
	uint16_t targets[2];
	uint8_t count;
} logical_maps[] = {
	{ CSS_PROP_MARGIN_BLOCK, { CSS_PROP_MARGIN_TOP, CSS_PROP_MARGIN_BOTTOM }, 2 },
	{ CSS_PROP_MARGIN_INLINE, { CSS_PROP_MARGIN_LEFT, CSS_PROP_MARGIN_RIGHT }, 2 },
	{ CSS_PROP_MARGIN_BLOCK_START, { CSS_PROP_MARGIN_TOP }, 1 },
	{ CSS_PROP_MARGIN_BLOCK_END, { CSS_PROP_MARGIN_BOTTOM }, 1 },
	{ CSS_PROP_MARGIN_INLINE_START, { CSS_PROP_MARGIN_LEFT }, 1 },
	{ CSS_PROP_MARGIN_INLINE_END, { CSS_PROP_MARGIN_RIGHT }, 1 },
	{ CSS_PROP_PADDING_BLOCK, { CSS_PROP_PADDING_TOP, CSS_PROP_PADDING_BOTTOM }, 2 },
	{ CSS_PROP_PADDING_INLINE, { CSS_PROP_PADDING_LEFT, CSS_PROP_PADDING_RIGHT }, 2 },
	{ CSS_PROP_PADDING_BLOCK_START, { CSS_PROP_PADDING_TOP }, 1 },
	{ CSS_PROP_PADDING_BLOCK_END, { CSS_PROP_PADDING_BOTTOM }, 1 },
	{ CSS_PROP_PADDING_INLINE_START, { CSS_PROP_PADDING_LEFT }, 1 },
	{ CSS_PROP_PADDING_INLINE_END, { CSS_PROP_PADDING_RIGHT }, 1 },
	{ CSS_PROP_INSET_BLOCK, { CSS_PROP_TOP, CSS_PROP_BOTTOM }, 2 },
	{ CSS_PROP_INSET_INLINE, { CSS_PROP_LEFT, CSS_PROP_RIGHT }, 2 },
	{ CSS_PROP_INSET_BLOCK_START, { CSS_PROP_TOP }, 1 },
	{ CSS_PROP_INSET_BLOCK_END, { CSS_PROP_BOTTOM }, 1 },
	{ CSS_PROP_INSET_INLINE_START, { CSS_PROP_LEFT }, 1 },
	{ CSS_PROP_INSET_INLINE_END, { CSS_PROP_RIGHT }, 1 },
	{ CSS_PROP_INLINE_SIZE, { CSS_PROP_WIDTH }, 1 },
	{ CSS_PROP_BLOCK_SIZE, { CSS_PROP_HEIGHT }, 1 },
	{ CSS_PROP_MIN_INLINE_SIZE, { CSS_PROP_MIN_WIDTH }, 1 },
	{ CSS_PROP_MIN_BLOCK_SIZE, { CSS_PROP_MIN_HEIGHT }, 1 },
	{ CSS_PROP_MAX_INLINE_SIZE, { CSS_PROP_MAX_WIDTH }, 1 },
	{ CSS_PROP_MAX_BLOCK_SIZE, { CSS_PROP_MAX_HEIGHT }, 1 },
	{ CSS_PROP_BORDER_BLOCK_START, { CSS_PROP_BORDER_TOP }, 1 },
	{ CSS_PROP_BORDER_BLOCK_END, { CSS_PROP_BORDER_BOTTOM }, 1 },
	{ CSS_PROP_BORDER_INLINE_START, { CSS_PROP_BORDER_LEFT }, 1 },
	{ CSS_PROP_BORDER_INLINE_END, { CSS_PROP_BORDER_RIGHT }, 1 },
	{ CSS_PROP_BORDER_BLOCK, { CSS_PROP_BORDER_TOP, CSS_PROP_BORDER_BOTTOM }, 0 },
	{ CSS_PROP_BORDER_INLINE, { CSS_PROP_BORDER_LEFT, CSS_PROP_BORDER_RIGHT }, 0 },
	{ CSS_PROP_BORDER_BLOCK_WIDTH, { CSS_PROP_BORDER_TOP_WIDTH, CSS_PROP_BORDER_BOTTOM_WIDTH }, 2 },
	{ CSS_PROP_BORDER_INLINE_WIDTH, { CSS_PROP_BORDER_LEFT_WIDTH, CSS_PROP_BORDER_RIGHT_WIDTH }, 2 },
	{ CSS_PROP_BORDER_BLOCK_STYLE, { CSS_PROP_BORDER_TOP_STYLE, CSS_PROP_BORDER_BOTTOM_STYLE }, 2 },
	{ CSS_PROP_BORDER_INLINE_STYLE, { CSS_PROP_BORDER_LEFT_STYLE, CSS_PROP_BORDER_RIGHT_STYLE }, 2 },
	{ CSS_PROP_BORDER_BLOCK_COLOR, { CSS_PROP_BORDER_TOP_COLOR, CSS_PROP_BORDER_BOTTOM_COLOR }, 2 },
	{ CSS_PROP_BORDER_INLINE_COLOR, { CSS_PROP_BORDER_LEFT_COLOR, CSS_PROP_BORDER_RIGHT_COLOR }, 2 },
	{ CSS_PROP_BORDER_BLOCK_START_WIDTH, { CSS_PROP_BORDER_TOP_WIDTH }, 1 },
	{ CSS_PROP_BORDER_BLOCK_START_STYLE, { CSS_PROP_BORDER_TOP_STYLE }, 1 },
	{ CSS_PROP_BORDER_BLOCK_START_COLOR, { CSS_PROP_BORDER_TOP_COLOR }, 1 },
	{ CSS_PROP_BORDER_BLOCK_END_WIDTH, { CSS_PROP_BORDER_BOTTOM_WIDTH }, 1 },
	{ CSS_PROP_BORDER_BLOCK_END_STYLE, { CSS_PROP_BORDER_BOTTOM_STYLE }, 1 },
	{ CSS_PROP_BORDER_BLOCK_END_COLOR, { CSS_PROP_BORDER_BOTTOM_COLOR }, 1 },
	{ CSS_PROP_BORDER_INLINE_START_WIDTH, { CSS_PROP_BORDER_LEFT_WIDTH }, 1 },
	{ CSS_PROP_BORDER_INLINE_START_STYLE, { CSS_PROP_BORDER_LEFT_STYLE }, 1 },
	{ CSS_PROP_BORDER_INLINE_START_COLOR, { CSS_PROP_BORDER_LEFT_COLOR }, 1 },
	{ CSS_PROP_BORDER_INLINE_END_WIDTH, { CSS_PROP_BORDER_RIGHT_WIDTH }, 1 },
	{ CSS_PROP_BORDER_INLINE_END_STYLE, { CSS_PROP_BORDER_RIGHT_STYLE }, 1 },
	{ CSS_PROP_BORDER_INLINE_END_COLOR, { CSS_PROP_BORDER_RIGHT_COLOR }, 1 },
};

/* The inline-axis flow-relative properties: mapped here as for
 * left-to-right text, their declarations swap sides on a right-to-left
 * element when cascaded (css_inline_mirror). */
bool css_is_inline_logical(uint16_t id)
{
	static const uint16_t ids[] = {
		CSS_PROP_MARGIN_INLINE,	       CSS_PROP_MARGIN_INLINE_START,  CSS_PROP_MARGIN_INLINE_END,
		CSS_PROP_PADDING_INLINE,       CSS_PROP_PADDING_INLINE_START, CSS_PROP_PADDING_INLINE_END,
		CSS_PROP_INSET_INLINE,	       CSS_PROP_INSET_INLINE_START,   CSS_PROP_INSET_INLINE_END,
		CSS_PROP_BORDER_INLINE_START,  CSS_PROP_BORDER_INLINE_END,    CSS_PROP_BORDER_INLINE,
		CSS_PROP_BORDER_INLINE_WIDTH,  CSS_PROP_BORDER_INLINE_STYLE,  CSS_PROP_BORDER_INLINE_COLOR,
		CSS_PROP_BORDER_INLINE_START_WIDTH, CSS_PROP_BORDER_INLINE_START_STYLE, CSS_PROP_BORDER_INLINE_START_COLOR,
		CSS_PROP_BORDER_INLINE_END_WIDTH, CSS_PROP_BORDER_INLINE_END_STYLE, CSS_PROP_BORDER_INLINE_END_COLOR,
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(ids); i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* The longhand on the other inline side (css-logical-1 §4: on a
 * right-to-left element inline-start is the right side). */
uint16_t css_inline_mirror(uint16_t prop)
{
	static const uint16_t pairs[][2] = {
		{ CSS_PROP_MARGIN_LEFT, CSS_PROP_MARGIN_RIGHT },
		{ CSS_PROP_PADDING_LEFT, CSS_PROP_PADDING_RIGHT },
		{ CSS_PROP_LEFT, CSS_PROP_RIGHT },
		{ CSS_PROP_BORDER_LEFT_WIDTH, CSS_PROP_BORDER_RIGHT_WIDTH },
		{ CSS_PROP_BORDER_LEFT_STYLE, CSS_PROP_BORDER_RIGHT_STYLE },
		{ CSS_PROP_BORDER_LEFT_COLOR, CSS_PROP_BORDER_RIGHT_COLOR },
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(pairs); i++) {
		if (pairs[i][0] == prop)
			return pairs[i][1];
		if (pairs[i][1] == prop)
			return pairs[i][0];
	}
	return prop;
}

static const struct logical_map *logical_of(uint16_t id)
{
	for (size_t i = 0; i < BASE_ARRAY_LEN(logical_maps); i++)
		if (logical_maps[i].id == id)
			return &logical_maps[i];
	return NULL;
}

static bool x_logical(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	const struct logical_map *m = logical_of(cx->prop);
	if (!m)
		return false;
	uint16_t self = cx->prop;
	bool ok = true;
	if (m->count == 0 || css_properties[m->targets[0]].flags & CSS_PROP_SHORTHAND) {
		/* Border sides: the whole value to each side's shorthand. */
		size_t sides = m->count ? m->count : 2;
		for (size_t i = 0; i < sides && ok; i++) {
			cx->prop = m->targets[i];
			ok = css_properties[m->targets[i]].expand(cx, v, out);
		}
		cx->prop = self;
		return ok;
	}
	const struct css_cv *items[2];
	int n = collect(v, items, 2);
	if (n < 1 || n > m->count)
		return false;
	for (size_t i = 0; i < m->count; i++) {
		struct css_cv_list one_v = one(items[BASE_MIN((int)i, n - 1)]);
		if (m->count == 1)
			one_v = v;
		if (!css_longhand_valid(cx, m->targets[i], one_v))
			return false;
		css_expansion_put(out, m->targets[i], one_v);
	}
	return true;
}

/* ---- The table --------------------------------------------------------------- */

#define INH CSS_PROP_INHERITED
#define CUR CSS_PROP_CURRENTCOLOR
#define EARLY CSS_PROP_EARLY
#define FIELD_END(f) (offsetof(struct css_style, f) + sizeof(((struct css_style *)0)->f))
#define ROW_L(id, name, flags, fn, first, last)                                                          \
	[CSS_PROP_##id] = { name, (flags), fn, NULL, (uint16_t)offsetof(struct css_style, first),         \
			    (uint16_t)(FIELD_END(last) - offsetof(struct css_style, first)) },
#define ROW_S(id, name, fn) [CSS_PROP_##id] = { name, CSS_PROP_SHORTHAND, NULL, fn, 0, 0 },

const struct css_property_info css_properties[CSS_PROP_COUNT] = {
	CSS_PROPERTY_LIST(ROW_L, ROW_S)[CSS_PROP_CUSTOM] = { "--*", CSS_PROP_INHERITED, NULL, NULL, 0, 0 },
};

size_t css_shorthand_longhands(enum css_property_id id, uint16_t *out, size_t max)
{
	static const struct {
		uint16_t shorthand;
		uint16_t first, count; /* a run of consecutive longhands */
		uint16_t stride;
	} runs[] = {
		{ CSS_PROP_MARGIN, CSS_PROP_MARGIN_TOP, 4, 1 },
		{ CSS_PROP_PADDING, CSS_PROP_PADDING_TOP, 4, 1 },
		{ CSS_PROP_INSET, CSS_PROP_TOP, 4, 1 },
		{ CSS_PROP_BORDER, CSS_PROP_BORDER_TOP_WIDTH, 12, 1 },
		{ CSS_PROP_BORDER_TOP, CSS_PROP_BORDER_TOP_WIDTH, 3, 4 },
		{ CSS_PROP_BORDER_RIGHT, CSS_PROP_BORDER_RIGHT_WIDTH, 3, 4 },
		{ CSS_PROP_BORDER_BOTTOM, CSS_PROP_BORDER_BOTTOM_WIDTH, 3, 4 },
		{ CSS_PROP_BORDER_LEFT, CSS_PROP_BORDER_LEFT_WIDTH, 3, 4 },
		{ CSS_PROP_BORDER_WIDTH, CSS_PROP_BORDER_TOP_WIDTH, 4, 1 },
		{ CSS_PROP_BORDER_STYLE, CSS_PROP_BORDER_TOP_STYLE, 4, 1 },
		{ CSS_PROP_BORDER_COLOR, CSS_PROP_BORDER_TOP_COLOR, 4, 1 },
		{ CSS_PROP_BORDER_RADIUS, CSS_PROP_BORDER_TOP_LEFT_RADIUS, 4, 1 },
		{ CSS_PROP_BACKGROUND, CSS_PROP_BACKGROUND_COLOR, 9, 1 },
		{ CSS_PROP_BACKGROUND_POSITION, CSS_PROP_BACKGROUND_POSITION_X, 2, 1 },
		{ CSS_PROP_FONT, CSS_PROP_FONT_FAMILY, 7, 1 },
		{ CSS_PROP_FONT_VARIANT, CSS_PROP_FONT_VARIANT_CAPS, 1, 1 },
		{ CSS_PROP_LIST_STYLE, CSS_PROP_LIST_STYLE_TYPE, 3, 1 },
		{ CSS_PROP_FLEX, CSS_PROP_FLEX_GROW, 3, 1 },
		{ CSS_PROP_FLEX_FLOW, CSS_PROP_FLEX_DIRECTION, 2, 1 },
		{ CSS_PROP_GAP, CSS_PROP_ROW_GAP, 2, 1 },
		{ CSS_PROP_GRID_GAP, CSS_PROP_ROW_GAP, 2, 1 },
		{ CSS_PROP_GRID_ROW, CSS_PROP_GRID_ROW_START, 2, 2 },
		{ CSS_PROP_GRID_COLUMN, CSS_PROP_GRID_COLUMN_START, 2, 2 },
		{ CSS_PROP_GRID_AREA, CSS_PROP_GRID_ROW_START, 4, 1 },
		{ CSS_PROP_GRID_TEMPLATE, CSS_PROP_GRID_TEMPLATE_ROWS, 3, 1 },
		{ CSS_PROP_GRID, CSS_PROP_GRID_TEMPLATE_ROWS, 6, 1 },
		{ CSS_PROP_OUTLINE, CSS_PROP_OUTLINE_WIDTH, 3, 1 },
		{ CSS_PROP_OVERFLOW, CSS_PROP_OVERFLOW_X, 2, 1 },
		{ CSS_PROP_TEXT_DECORATION, CSS_PROP_TEXT_DECORATION_LINE, 4, 1 },
		{ CSS_PROP_PLACE_CONTENT, CSS_PROP_ALIGN_CONTENT, 1, 1 },
		{ CSS_PROP_PLACE_CONTENT, CSS_PROP_JUSTIFY_CONTENT, 1, 1 },
		{ CSS_PROP_PLACE_ITEMS, CSS_PROP_ALIGN_ITEMS, 1, 1 },
		{ CSS_PROP_PLACE_ITEMS, CSS_PROP_JUSTIFY_ITEMS, 1, 1 },
		{ CSS_PROP_PLACE_SELF, CSS_PROP_ALIGN_SELF, 1, 1 },
		{ CSS_PROP_PLACE_SELF, CSS_PROP_JUSTIFY_SELF, 1, 1 },
		{ CSS_PROP_WORD_WRAP, CSS_PROP_OVERFLOW_WRAP, 1, 1 },
	};
	size_t n = 0;
	const struct logical_map *m = logical_of((uint16_t)id);
	if (m) {
		for (size_t i = 0; i < (m->count ? m->count : 2u); i++) {
			if (css_properties[m->targets[i]].flags & CSS_PROP_SHORTHAND)
				n += css_shorthand_longhands((enum css_property_id)m->targets[i], out + n, max - n);
			else if (n < max)
				out[n++] = m->targets[i];
		}
		return n;
	}
	for (size_t r = 0; r < BASE_ARRAY_LEN(runs); r++) {
		if (runs[r].shorthand != id)
			continue;
		for (uint16_t i = 0; i < runs[r].count && n < max; i++)
			out[n++] = (uint16_t)(runs[r].first + i * runs[r].stride);
	}
	return n;
}

enum css_property_id css_property_lookup(const char *name, size_t len)
{
	/* Vendor-prefixed aliases browsers still accept. */
	if (len > 8 && base_ascii_ieq_lit(name, 8, "-webkit-")) {
		static const char *const aliases[] = { "box-sizing", "flex", "flex-direction", "flex-wrap", "flex-flow",
						       "flex-grow", "flex-shrink", "flex-basis", "justify-content",
						       "align-items", "align-self", "align-content", "order", "transform",
						       "transform-origin", "box-shadow", "border-radius", "text-decoration",
						       "opacity", "appearance" };
		for (size_t i = 0; i < BASE_ARRAY_LEN(aliases); i++)
			if (base_ascii_ieq_lit(name + 8, len - 8, aliases[i]))
				return css_property_lookup(name + 8, len - 8);
	}
	/* The gap properties' legacy names (CSS Box Alignment 3 §8.4). */
	if (base_ascii_ieq_lit(name, len, "grid-row-gap"))
		return CSS_PROP_ROW_GAP;
	if (base_ascii_ieq_lit(name, len, "grid-column-gap"))
		return CSS_PROP_COLUMN_GAP;
	for (size_t i = 0; i < CSS_PROP_CUSTOM; i++)
		if (base_ascii_ieq_lit(name, len, css_properties[i].name))
			return (enum css_property_id)i;
	return CSS_PROP_COUNT;
}
