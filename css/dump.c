/* Computed-style dumps: a readable one and JSON with values serialised as
 * CSSOM getComputedStyle() does (https://drafts.csswg.org/cssom/#resolved-values),
 * in Chromium's exact forms so that the two can be compared value by value.
 *
 * width, height, margins, paddings and insets are resolved values that
 * need layout: with layout's used values (css_dump_styles_json_used) they
 * are those used values where CSSOM and Blink say so, else computed values
 * (auto, lengths, percentages). line-height is its computed value (normal
 * or px). */
#include "css/internal.h"
#include "css/properties_grid.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Keyword names, indexed by the enums of css.h. */
static const char *const display_names[] = {
	"inline", "block", "inline-block", "list-item", "none", "contents", "flow-root", "flex", "inline-flex",
	"grid", "inline-grid", "table", "inline-table", "table-row-group", "table-header-group",
	"table-footer-group", "table-row", "table-cell", "table-column-group", "table-column", "table-caption",
	"ruby",
};
static const char *const position_names[] = { "static", "relative", "absolute", "fixed", "sticky" };
static const char *const float_names[] = { "none", "left", "right" };
static const char *const clear_names[] = { "none", "left", "right", "both" };
static const char *const overflow_names[] = { "visible", "hidden", "clip", "scroll", "auto" };
static const char *const visibility_names[] = { "visible", "hidden", "collapse" };
static const char *const box_sizing_names[] = { "content-box", "border-box" };
static const char *const border_style_names[] = { "none",  "hidden", "dotted", "dashed", "solid", "double",
						  "groove", "ridge", "inset", "outset", "auto" };
static const char *const font_style_names[] = { "normal", "italic", "oblique" };
static const char *const white_space_names[] = { "normal", "nowrap", "pre", "pre-wrap", "pre-line", "break-spaces" };
static const char *const text_align_names[] = { "start",   "end",	  "left",	    "right",
						"center",  "justify", "match-parent", "-webkit-center",
						"-webkit-left", "-webkit-right" };
static const char *const text_transform_names[] = { "none", "capitalize", "uppercase", "lowercase", "full-width" };
static const char *const vertical_align_names[] = { "baseline", "sub",	  "super",  "text-top", "text-bottom",
						    "middle",	"top", "bottom", "" };
static const char *const flex_direction_names[] = { "row", "row-reverse", "column", "column-reverse" };
static const char *const flex_wrap_names[] = { "nowrap", "wrap", "wrap-reverse" };
static const char *const align_names[] = { "auto",	    "normal",	     "stretch",	     "flex-start", "flex-end",
					   "start",	    "end",	     "center",	     "baseline",   "space-between",
					   "space-around", "space-evenly", "left", "right" };

const char *css_list_style_type_name(unsigned type)
{
	static const char *const names[] = { "none",	    "disc",	   "circle",	  "square",
					     "decimal",	    "decimal-leading-zero", "lower-roman", "upper-roman",
					     "lower-alpha", "upper-alpha", "lower-greek", "disclosure-open",
					     "disclosure-closed", "georgian", "" };
	return type < BASE_ARRAY_LEN(names) ? names[type] : "";
}

static const char *name_of(const char *const *names, size_t n, unsigned v)
{
	return v < n ? names[v] : "";
}
#define NAME(table, v) name_of(table, BASE_ARRAY_LEN(table), (v))

/* A number as CSSOM serialises it: the shortest form, at most six
 * significant digits, no exponent for ordinary values. */
void css_serialize_number(double v, struct base_buf *out)
{
	if (fabs(v) < 5e-7)
		v = 0;
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%.6g", v);
	if (strchr(tmp, 'e')) {
		snprintf(tmp, sizeof tmp, "%.6f", v);
		char *dot = strchr(tmp, '.');
		if (dot) {
			char *end = tmp + strlen(tmp) - 1;
			while (end > dot && *end == '0')
				*end-- = '\0';
			if (end == dot)
				*end = '\0';
		}
	}
	base_buf_puts(out, tmp);
}

static void put_px(double v, struct base_buf *out)
{
	css_serialize_number(v, out);
	base_buf_puts(out, "px");
}

/* Alpha as CSSOM serialises it: two decimals when they round-trip to the
 * same 8-bit value, else three (https://drafts.csswg.org/cssom/#serializing-css-values). */
static void put_alpha(uint8_t a, struct base_buf *out)
{
	double two = round(a / 255.0 * 100.0) / 100.0;
	if ((int)lround(two * 255.0) == a)
		css_serialize_number(two, out);
	else
		css_serialize_number(round(a / 255.0 * 1000.0) / 1000.0, out);
}

void css_serialize_color(struct css_color c, struct base_buf *out)
{
	if (c.a == 255) {
		base_buf_printf(out, "rgb(%u, %u, %u)", c.r, c.g, c.b);
		return;
	}
	base_buf_printf(out, "rgba(%u, %u, %u, ", c.r, c.g, c.b);
	put_alpha(c.a, out);
	base_buf_putc(out, ')');
}

void css_serialize_length(struct css_length l, struct base_buf *out)
{
	switch (l.kind) {
	case CSS_LEN_AUTO: base_buf_puts(out, "auto"); return;
	case CSS_LEN_NONE: base_buf_puts(out, "none"); return;
	case CSS_LEN_MIN_CONTENT: base_buf_puts(out, "min-content"); return;
	case CSS_LEN_MAX_CONTENT: base_buf_puts(out, "max-content"); return;
	case CSS_LEN_FIT_CONTENT: base_buf_puts(out, "fit-content"); return;
	case CSS_LEN_NORMAL: base_buf_puts(out, "normal"); return;
	default: break;
	}
	if (!l.has_percent) {
		put_px(l.px, out);
	} else if (l.px == 0) {
		css_serialize_number(l.percent, out);
		base_buf_putc(out, '%');
	} else {
		base_buf_puts(out, "calc(");
		css_serialize_number(l.percent, out);
		base_buf_puts(out, l.px < 0 ? "% - " : "% + ");
		put_px(fabs(l.px), out);
		base_buf_putc(out, ')');
	}
}

/* True when a family name is one CSS identifier and so needs no quotes. */
static bool is_identifier(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (*p == '-')
		p++;
	if (*p == '-')
		p++;
	else if (!*p || (*p >= '0' && *p <= '9'))
		return false;
	for (; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_' || *p >= 0x80))
			return false;
	}
	return true;
}

void css_serialize_font_family(const struct css_font_family *f, struct base_buf *out)
{
	for (size_t i = 0; i < f->count; i++) {
		if (i)
			base_buf_puts(out, ", ");
		const char *n = f->names[i];
		if (is_identifier(n) && !(f->quoted[i] && css_is_generic_family(n))) {
			base_buf_puts(out, n);
			continue;
		}
		base_buf_putc(out, '"');
		for (const char *p = n; *p; p++) {
			if (*p == '"' || *p == '\\')
				base_buf_putc(out, '\\');
			base_buf_putc(out, *p);
		}
		base_buf_putc(out, '"');
	}
}

static void put_text_decoration_line(uint8_t bits, struct base_buf *out)
{
	if (!bits) {
		base_buf_puts(out, "none");
		return;
	}
	static const char *const names[] = { "underline", "overline", "line-through" };
	bool first = true;
	for (unsigned i = 0; i < 3; i++) {
		if (!(bits & (1u << i)))
			continue;
		if (!first)
			base_buf_putc(out, ' ');
		base_buf_puts(out, names[i]);
		first = false;
	}
}

/* The properties whose resolved value may be a used value from layout. */
enum dump_used { DU_NONE, DU_WIDTH, DU_HEIGHT, DU_MARGIN, DU_PADDING, DU_INSET, DU_GRID };

/* One property's resolved value, as getComputedStyle() gives it: its
 * computed value, or for `used` properties the used value (of side
 * `side`, top right bottom left) when put_used() says so. */
struct dump_property {
	const char *name;
	void (*put)(const struct css_style *s, struct base_buf *out);
	uint8_t used, side;
};

#define KW(fn, table, field)                                                     \
	static void fn(const struct css_style *s, struct base_buf *out)          \
	{                                                                        \
		base_buf_puts(out, NAME(table, s->field));                       \
	}
KW(put_display, display_names, display)
KW(put_position, position_names, position)
KW(put_float, float_names, float_)
KW(put_clear, clear_names, clear)
KW(put_box_sizing, box_sizing_names, box_sizing)
KW(put_white_space, white_space_names, white_space)
KW(put_text_align, text_align_names, text_align)
KW(put_text_transform, text_transform_names, text_transform)
KW(put_overflow_x, overflow_names, overflow_x)
KW(put_overflow_y, overflow_names, overflow_y)
KW(put_visibility, visibility_names, visibility)
KW(put_font_style, font_style_names, font_style)
KW(put_flex_direction, flex_direction_names, flex_direction)
KW(put_flex_wrap, flex_wrap_names, flex_wrap)
KW(put_justify_content, align_names, justify_content)
KW(put_align_items, align_names, align_items)
KW(put_align_self, align_names, align_self)
KW(put_align_content, align_names, align_content)
KW(put_justify_items, align_names, justify_items)
KW(put_justify_self, align_names, justify_self)

static void put_grid_template_columns(const struct css_style *s, struct base_buf *out)
{
	css_serialize_grid_template(&s->grid_template_columns, out);
}
static void put_grid_template_rows(const struct css_style *s, struct base_buf *out)
{
	css_serialize_grid_template(&s->grid_template_rows, out);
}
static void put_grid_template_areas(const struct css_style *s, struct base_buf *out)
{
	css_serialize_grid_areas(&s->grid_template_areas, out);
}
static void put_grid_auto_columns(const struct css_style *s, struct base_buf *out)
{
	css_serialize_track_sizes(s->grid_auto_columns, s->grid_auto_column_count, out);
}
static void put_grid_auto_rows(const struct css_style *s, struct base_buf *out)
{
	css_serialize_track_sizes(s->grid_auto_rows, s->grid_auto_row_count, out);
}
static void put_grid_auto_flow(const struct css_style *s, struct base_buf *out)
{
	base_buf_puts(out, s->grid_auto_flow & CSS_GRID_FLOW_COLUMN ? "column" : "row");
	if (s->grid_auto_flow & CSS_GRID_FLOW_DENSE)
		base_buf_puts(out, " dense");
}
static void put_grid_row_start(const struct css_style *s, struct base_buf *out)
{
	css_serialize_grid_line(&s->grid_row_start, out);
}
static void put_grid_row_end(const struct css_style *s, struct base_buf *out)
{
	css_serialize_grid_line(&s->grid_row_end, out);
}
static void put_grid_column_start(const struct css_style *s, struct base_buf *out)
{
	css_serialize_grid_line(&s->grid_column_start, out);
}
static void put_grid_column_end(const struct css_style *s, struct base_buf *out)
{
	css_serialize_grid_line(&s->grid_column_end, out);
}
static void put_row_gap(const struct css_style *s, struct base_buf *out)
{
	css_serialize_length(s->row_gap, out);
}
static void put_column_gap(const struct css_style *s, struct base_buf *out)
{
	css_serialize_length(s->column_gap, out);
}

#define SIDE(fn, expr)                                                       \
	static void fn##_top(const struct css_style *s, struct base_buf *out) \
	{                                                                    \
		const int i = 0;                                             \
		expr;                                                        \
	}                                                                    \
	static void fn##_right(const struct css_style *s, struct base_buf *out) \
	{                                                                    \
		const int i = 1;                                             \
		expr;                                                        \
	}                                                                    \
	static void fn##_bottom(const struct css_style *s, struct base_buf *out) \
	{                                                                    \
		const int i = 2;                                             \
		expr;                                                        \
	}                                                                    \
	static void fn##_left(const struct css_style *s, struct base_buf *out) \
	{                                                                    \
		const int i = 3;                                             \
		expr;                                                        \
	}
SIDE(put_margin, css_serialize_length(s->margin[i], out))
SIDE(put_padding, css_serialize_length(s->padding[i], out))
SIDE(put_border_width, put_px(s->border_width[i], out))
SIDE(put_border_style, base_buf_puts(out, NAME(border_style_names, s->border_style[i])))
SIDE(put_border_color, css_serialize_color(s->border_color[i], out))

static void put_color(const struct css_style *s, struct base_buf *out)
{
	css_serialize_color(s->color, out);
}
static void put_background_color(const struct css_style *s, struct base_buf *out)
{
	css_serialize_color(s->background_color, out);
}
static void put_font_size(const struct css_style *s, struct base_buf *out)
{
	put_px(s->font_size, out);
}
static void put_font_weight(const struct css_style *s, struct base_buf *out)
{
	base_buf_printf(out, "%u", s->font_weight);
}
static void put_font_family(const struct css_style *s, struct base_buf *out)
{
	css_serialize_font_family(&s->font_family, out);
}
static void put_line_height(const struct css_style *s, struct base_buf *out)
{
	switch (s->line_height_kind) {
	case CSS_LH_NORMAL: base_buf_puts(out, "normal"); break;
	case CSS_LH_NUMBER: put_px(s->line_height * s->font_size, out); break;
	default: put_px(s->line_height, out); break;
	}
}
static void put_text_decoration(const struct css_style *s, struct base_buf *out)
{
	put_text_decoration_line(s->text_decoration_line, out);
}
static void put_vertical_align(const struct css_style *s, struct base_buf *out)
{
	if (s->vertical_align == CSS_VA_LENGTH)
		css_serialize_length(s->vertical_align_length, out);
	else
		base_buf_puts(out, NAME(vertical_align_names, s->vertical_align));
}
static void put_list_style_type(const struct css_style *s, struct base_buf *out)
{
	if (s->list_style_type == CSS_LIST_STRING) {
		base_buf_putc(out, '"');
		base_buf_puts(out, s->list_style_string ? s->list_style_string : "");
		base_buf_putc(out, '"');
	} else {
		base_buf_puts(out, css_list_style_type_name(s->list_style_type));
	}
}
static void put_opacity(const struct css_style *s, struct base_buf *out)
{
	css_serialize_number(s->opacity, out);
}
static void put_z_index(const struct css_style *s, struct base_buf *out)
{
	if (s->z_index_auto)
		base_buf_puts(out, "auto");
	else
		base_buf_printf(out, "%d", s->z_index);
}
static void put_flex_grow(const struct css_style *s, struct base_buf *out)
{
	css_serialize_number(s->flex_grow, out);
}
static void put_flex_shrink(const struct css_style *s, struct base_buf *out)
{
	css_serialize_number(s->flex_shrink, out);
}
SIDE(put_inset, css_serialize_length(s->inset[i], out))

static void put_width(const struct css_style *s, struct base_buf *out)
{
	css_serialize_length(s->width, out);
}
static void put_height(const struct css_style *s, struct base_buf *out)
{
	css_serialize_length(s->height, out);
}

static const struct dump_property dump_properties[] = {
	{ "display", put_display, DU_NONE, 0 },
	{ "position", put_position, DU_NONE, 0 },
	{ "float", put_float, DU_NONE, 0 },
	{ "clear", put_clear, DU_NONE, 0 },
	{ "color", put_color, DU_NONE, 0 },
	{ "background-color", put_background_color, DU_NONE, 0 },
	{ "font-size", put_font_size, DU_NONE, 0 },
	{ "font-weight", put_font_weight, DU_NONE, 0 },
	{ "font-style", put_font_style, DU_NONE, 0 },
	{ "font-family", put_font_family, DU_NONE, 0 },
	{ "line-height", put_line_height, DU_NONE, 0 },
	{ "margin-top", put_margin_top, DU_MARGIN, 0 },
	{ "margin-right", put_margin_right, DU_MARGIN, 1 },
	{ "margin-bottom", put_margin_bottom, DU_MARGIN, 2 },
	{ "margin-left", put_margin_left, DU_MARGIN, 3 },
	{ "padding-top", put_padding_top, DU_PADDING, 0 },
	{ "padding-right", put_padding_right, DU_PADDING, 1 },
	{ "padding-bottom", put_padding_bottom, DU_PADDING, 2 },
	{ "padding-left", put_padding_left, DU_PADDING, 3 },
	{ "border-top-width", put_border_width_top, DU_NONE, 0 },
	{ "border-right-width", put_border_width_right, DU_NONE, 0 },
	{ "border-bottom-width", put_border_width_bottom, DU_NONE, 0 },
	{ "border-left-width", put_border_width_left, DU_NONE, 0 },
	{ "border-top-style", put_border_style_top, DU_NONE, 0 },
	{ "border-right-style", put_border_style_right, DU_NONE, 0 },
	{ "border-bottom-style", put_border_style_bottom, DU_NONE, 0 },
	{ "border-left-style", put_border_style_left, DU_NONE, 0 },
	{ "border-top-color", put_border_color_top, DU_NONE, 0 },
	{ "border-right-color", put_border_color_right, DU_NONE, 0 },
	{ "border-bottom-color", put_border_color_bottom, DU_NONE, 0 },
	{ "border-left-color", put_border_color_left, DU_NONE, 0 },
	{ "box-sizing", put_box_sizing, DU_NONE, 0 },
	{ "white-space", put_white_space, DU_NONE, 0 },
	{ "text-align", put_text_align, DU_NONE, 0 },
	{ "text-decoration-line", put_text_decoration, DU_NONE, 0 },
	{ "text-transform", put_text_transform, DU_NONE, 0 },
	{ "vertical-align", put_vertical_align, DU_NONE, 0 },
	{ "list-style-type", put_list_style_type, DU_NONE, 0 },
	{ "overflow-x", put_overflow_x, DU_NONE, 0 },
	{ "overflow-y", put_overflow_y, DU_NONE, 0 },
	{ "visibility", put_visibility, DU_NONE, 0 },
	{ "opacity", put_opacity, DU_NONE, 0 },
	{ "z-index", put_z_index, DU_NONE, 0 },
	{ "flex-direction", put_flex_direction, DU_NONE, 0 },
	{ "flex-wrap", put_flex_wrap, DU_NONE, 0 },
	{ "justify-content", put_justify_content, DU_NONE, 0 },
	{ "align-items", put_align_items, DU_NONE, 0 },
	{ "flex-grow", put_flex_grow, DU_NONE, 0 },
	{ "flex-shrink", put_flex_shrink, DU_NONE, 0 },
	{ "width", put_width, DU_WIDTH, 0 },
	{ "height", put_height, DU_HEIGHT, 0 },
	{ "top", put_inset_top, DU_INSET, 0 },
	{ "right", put_inset_right, DU_INSET, 1 },
	{ "bottom", put_inset_bottom, DU_INSET, 2 },
	{ "left", put_inset_left, DU_INSET, 3 },
	{ "align-self", put_align_self, DU_NONE, 0 },
	{ "align-content", put_align_content, DU_NONE, 0 },
	{ "justify-items", put_justify_items, DU_NONE, 0 },
	{ "justify-self", put_justify_self, DU_NONE, 0 },
	{ "row-gap", put_row_gap, DU_NONE, 0 },
	{ "column-gap", put_column_gap, DU_NONE, 0 },
	{ "grid-template-columns", put_grid_template_columns, DU_GRID, 0 },
	{ "grid-template-rows", put_grid_template_rows, DU_GRID, 1 },
	{ "grid-template-areas", put_grid_template_areas, DU_NONE, 0 },
	{ "grid-auto-columns", put_grid_auto_columns, DU_NONE, 0 },
	{ "grid-auto-rows", put_grid_auto_rows, DU_NONE, 0 },
	{ "grid-auto-flow", put_grid_auto_flow, DU_NONE, 0 },
	{ "grid-row-start", put_grid_row_start, DU_NONE, 0 },
	{ "grid-row-end", put_grid_row_end, DU_NONE, 0 },
	{ "grid-column-start", put_grid_column_start, DU_NONE, 0 },
	{ "grid-column-end", put_grid_column_end, DU_NONE, 0 },
};

static void put_json_string(const char *s, size_t n, struct base_buf *out)
{
	base_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			base_buf_printf(out, "\\%c", c);
		else if (c < 0x20)
			base_buf_printf(out, "\\u%04x", c);
		else
			base_buf_putc(out, (char)c);
	}
	base_buf_putc(out, '"');
}

/* Insets (CSSOM; Blink's ValueForPositionOffset): for positioned boxes a
 * percentage resolves against the containing block; `auto` is the used
 * inset of an absolutely positioned box and minus the opposite inset of a
 * relatively positioned one (0 when that is auto too); sticky keeps
 * auto. */
static bool put_used_inset(const struct css_style *s, const struct css_used_box *u, int side, struct base_buf *out)
{
	struct css_length l = s->inset[side];
	if (u->kind == CSS_USED_NONE || s->position == CSS_POSITION_STATIC)
		return false;
	float cb = side == 1 || side == 3 ? u->cb_width : u->cb_height;
	if (l.kind == CSS_LEN_FIXED) {
		if (!l.has_percent || u->kind != CSS_USED_BOX)
			return false;
		put_px(css_length_resolve(l, cb), out);
		return true;
	}
	if (l.kind != CSS_LEN_AUTO || s->position == CSS_POSITION_STICKY)
		return false;
	if (s->position == CSS_POSITION_RELATIVE) {
		struct css_length o = s->inset[(side + 2) % 4];
		if (o.kind != CSS_LEN_FIXED)
			put_px(0, out);
		else if (!o.has_percent)
			put_px(-o.px, out);
		else if (u->kind == CSS_USED_BOX)
			put_px(-css_length_resolve(o, cb), out);
		else
			return false;
		return true;
	}
	if (u->kind != CSS_USED_BOX)
		return false;
	put_px(u->inset[side], out);
	return true;
}

/* The resolved value of a layout-dependent property when it is a used
 * value (https://drafts.csswg.org/cssom/#resolved-values, with Blink's
 * choices); false when the computed value stands. Sizes are used values
 * for boxes other than non-atomic inlines; margins and paddings only when
 * not already px, and margin-right then as its percentage of the
 * containing block rather than the over-constrained used margin. */
static bool put_used(const struct dump_property *p, const struct css_style *s, const struct css_used_box *u,
		     struct base_buf *out)
{
	if (p->used == DU_INSET)
		return put_used_inset(s, u, p->side, out);
	if (p->used == DU_GRID) {
		/* A grid container's track list is its used tracks. */
		if (!u->grid)
			return false;
		css_serialize_grid_used_tracks(p->side ? &s->grid_template_rows : &s->grid_template_columns, u->grid, p->side, out);
		return true;
	}
	if (u->kind != CSS_USED_BOX)
		return false;
	if (p->used == DU_WIDTH || p->used == DU_HEIGHT) {
		put_px(p->used == DU_WIDTH ? u->width : u->height, out);
		return true;
	}
	struct css_length l = p->used == DU_MARGIN ? s->margin[p->side] : s->padding[p->side];
	if (l.kind == CSS_LEN_FIXED && !l.has_percent)
		return false;
	if (p->used == DU_PADDING)
		put_px(u->padding[p->side], out);
	else if (p->side == 1 && l.kind == CSS_LEN_FIXED)
		put_px(css_length_resolve(l, u->cb_width), out);
	else
		put_px(u->margin[p->side], out);
	return true;
}

void css_dump_styles_json(const struct css_styled_document *sd, struct base_buf *out)
{
	css_dump_styles_json_used(sd, NULL, out);
}

void css_dump_styles_json_used(const struct css_styled_document *sd, const struct css_used_box *used, struct base_buf *out)
{
	struct base_buf val = { 0 };
	base_buf_puts(out, "[\n");
	for (size_t i = 0; i < sd->element_count; i++) {
		const struct html_node *el = sd->doc->elements[i];
		const struct css_style *s = sd->styles[i];
		base_buf_printf(out, "{\"index\":%zu,\"tag\":", i);
		put_json_string(el->local_name, strlen(el->local_name), out);
		base_buf_puts(out, ",\"style\":{");
		for (size_t p = 0; p < BASE_ARRAY_LEN(dump_properties); p++) {
			base_buf_clear(&val);
			const struct dump_property *dp = &dump_properties[p];
			if (!used || dp->used == DU_NONE || !put_used(dp, s, &used[i], &val))
				dp->put(s, &val);
			base_buf_printf(out, "%s\"%s\":", p ? "," : "", dump_properties[p].name);
			put_json_string(val.data ? val.data : "", val.len, out);
		}
		base_buf_puts(out, i + 1 < sd->element_count ? "}},\n" : "}}\n");
	}
	base_buf_puts(out, "]\n");
	base_buf_free(&val);
}

/* The readable dump: the element tree, each element with the properties
 * whose values differ from its parent's (or, for the root, from the
 * initial values), then its pseudo-elements. */
static void dump_diff(const struct css_style *s, const struct css_style *ref, struct base_buf *out)
{
	struct base_buf a = { 0 }, b = { 0 };
	for (size_t p = 0; p < BASE_ARRAY_LEN(dump_properties); p++) {
		base_buf_clear(&a);
		base_buf_clear(&b);
		dump_properties[p].put(s, &a);
		dump_properties[p].put(ref, &b);
		if (a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0))
			continue;
		base_buf_printf(out, " %s: %s;", dump_properties[p].name, a.data ? a.data : "");
	}
	base_buf_free(&a);
	base_buf_free(&b);
}

void css_dump_styles(const struct css_styled_document *sd, struct base_buf *out)
{
	static const char *const pseudo_names[] = { "", "::before", "::after", "::marker", "::first-line",
						    "::first-letter", "::placeholder",
						    "::file-selector-button" };
	for (size_t i = 0; i < sd->element_count; i++) {
		const struct html_node *el = sd->doc->elements[i];
		int depth = 0;
		for (const struct html_node *p = el->parent; p && p->type == HTML_NODE_ELEMENT; p = p->parent)
			depth++;
		const struct css_style *s = sd->styles[i];
		const struct css_style *ref = el->parent && el->parent->type == HTML_NODE_ELEMENT
						      ? css_style_of(sd, el->parent)
						      : sd->initial;
		base_buf_printf(out, "%*s<%s>", depth * 2, "", el->local_name);
		dump_diff(s, ref, out);
		base_buf_putc(out, '\n');
		for (int ps = 1; ps < CSS_PSEUDO_COUNT; ps++) {
			const struct css_style *pst = sd->pseudo[i * CSS_PSEUDO_COUNT + (size_t)ps];
			if (!pst)
				continue;
			base_buf_printf(out, "%*s%s", depth * 2 + 2, "", pseudo_names[ps]);
			if (pst->content_count) {
				base_buf_puts(out, " content:");
				for (size_t c = 0; c < pst->content_count; c++) {
					const struct css_content_item *it = &pst->content[c];
					base_buf_printf(out, " %u", it->kind);
					if (it->text) {
						base_buf_putc(out, ':');
						put_json_string(it->text, strlen(it->text), out);
					}
				}
				base_buf_putc(out, ';');
			}
			dump_diff(pst, s, out);
			base_buf_putc(out, '\n');
		}
	}
}
