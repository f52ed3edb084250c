/* Form controls drawn by the theme (CSS UI 4 §7.1 "appearance": auto
 * leaves the look to the UA), as Chromium's default theme draws them on
 * Linux: a text field or a menu list is a 1px #767676 frame whose corner
 * pixels are left out, a push button a #efefef box in a 2px-radius
 * #767676 frame (so is a file input's button, and a colour input's, with
 * a swatch of its value), a menu list has a chevron on its right, a
 * checkbox or radio button is framed in grey, filled with the accent blue
 * when checked. Checkboxes and radio buttons are always themed; other
 * controls only when the page did not give them a border or background of
 * its own (Chromium then draws them from CSS, as here for everything
 * else). */
#include "paint/display_list.h"

#include <math.h>
#include <string.h>
#include <strings.h>

enum theme_part { THEME_NONE, THEME_TEXT_FIELD, THEME_MENU_LIST, THEME_PUSH_BUTTON, THEME_CHECKBOX, THEME_RADIO, THEME_COLOR };

static const struct css_color theme_frame = { 118, 118, 118, 255 };
static const struct css_color theme_white = { 255, 255, 255, 255 };
static const struct css_color theme_accent = { 0, 117, 255, 255 };
static const struct css_color theme_swatch_frame = { 119, 119, 119, 255 };

static bool is_type(const char *type, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(type, names[i]) == 0)
			return true;
	return false;
}

static enum theme_part part_of(const struct layout_fragment *f)
{
	const struct html_node *el = f->node;
	const struct css_style *s = f->style;
	if (!el || el->type != HTML_NODE_ELEMENT || el->ns != HTML_NS_HTML || s->appearance == CSS_APPEARANCE_NONE)
		return THEME_NONE;
	if (f->pseudo)
		return f->pseudo == CSS_PSEUDO_FILE_SELECTOR_BUTTON && !(s->author_styled & (CSS_AUTHOR_BORDER | CSS_AUTHOR_BACKGROUND))
			       ? THEME_PUSH_BUTTON
			       : THEME_NONE;
	/* Checkboxes and radio buttons stay themed whatever the page's
	 * borders and backgrounds. */
	const char *type = el->tag == HTML_TAG_INPUT ? html_element_attr_value(el, "type") : NULL;
	if (type && strcasecmp(type, "checkbox") == 0)
		return THEME_CHECKBOX;
	if (type && strcasecmp(type, "radio") == 0)
		return THEME_RADIO;
	if (s->author_styled & (CSS_AUTHOR_BORDER | CSS_AUTHOR_BACKGROUND))
		return THEME_NONE;
	switch (el->tag) {
	case HTML_TAG_TEXTAREA: return THEME_TEXT_FIELD;
	case HTML_TAG_BUTTON: return THEME_PUSH_BUTTON;
	case HTML_TAG_SELECT: {
		/* A list box (multiple, or a size above 1) is not a menu list. */
		const char *size = html_element_attr_value(el, "size");
		if (html_element_attr(el, "multiple") || (size && strcmp(size, "0") != 0 && strcmp(size, "1") != 0))
			return THEME_NONE;
		return THEME_MENU_LIST;
	}
	case HTML_TAG_INPUT: {
		static const char *const fields[] = { "text", "search", "url", "tel", "email", "password", "number" };
		if (!type || !*type || is_type(type, fields, BASE_ARRAY_LEN(fields)))
			return THEME_TEXT_FIELD;
		if (css_is_push_button_input(el))
			return THEME_PUSH_BUTTON;
		if (strcasecmp(type, "color") == 0)
			return THEME_COLOR;
		return THEME_NONE;
	}
	default: return THEME_NONE;
	}
}

/* A filled rounded rectangle, snapped to device pixels unless it is a
 * circle. */
static void fill_rrect(struct paint_ctx *c, const struct layout_fragment *f, const char *what, struct paint_rrect r,
		       struct css_color color)
{
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, what, f);
	it->snap = r.rx[0] * 2 < r.w;
	it->shape.kind = PAINT_SHAPE_RRECT;
	it->shape.a = r;
	paint_color_premul(color, it->color);
	paint_item_bounds(c, it, (struct paint_rect){ r.x, r.y, r.x + r.w, r.y + r.h });
}

static struct paint_rrect rect(float x, float y, float w, float h)
{
	return (struct paint_rrect){ .x = x, .y = y, .w = w, .h = h };
}

/* The frame of a text field or menu list: four 1px sides that leave the
 * corner pixels out. */
static void square_frame(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	float w = f->width, h = f->height;
	if (w < 2 || h < 2)
		return;
	fill_rrect(c, f, "theme frame", rect(x + 1, y, w - 2, 1), theme_frame);
	fill_rrect(c, f, "theme frame", rect(x + 1, y + h - 1, w - 2, 1), theme_frame);
	fill_rrect(c, f, "theme frame", rect(x, y + 1, 1, h - 2), theme_frame);
	fill_rrect(c, f, "theme frame", rect(x + w - 1, y + 1, 1, h - 2), theme_frame);
}

#define STROKE_MAX_POINTS 9

/* A polyline of n points (2 to STROKE_MAX_POINTS, any more are left out)
 * stroked `width` wide with butt caps and mitred joins, as one polygon:
 * the left offsets forward, the right ones back. */
static const struct paint_poly *stroke_polyline(struct base_arena *arena, const float *xy, int n, float width)
{
	float nx[STROKE_MAX_POINTS - 1], ny[STROKE_MAX_POINTS - 1]; /* unit normal of each segment */
	n = BASE_MIN(n, STROKE_MAX_POINTS);
	for (int i = 0; i + 1 < n; i++) {
		float dx = xy[2 * i + 2] - xy[2 * i], dy = xy[2 * i + 3] - xy[2 * i + 1];
		float len = sqrtf(dx * dx + dy * dy);
		nx[i] = len > 0 ? -dy / len : 0;
		ny[i] = len > 0 ? dx / len : 0;
	}
	struct paint_poly_builder pb = { 0 };
	for (int side = 1; side >= -1; side -= 2) {
		for (int k = 0; k < n; k++) {
			int i = side > 0 ? k : n - 1 - k;
			float ox, oy;
			if (i == 0 || i == n - 1) {
				int seg = i == 0 ? 0 : n - 2;
				ox = nx[seg];
				oy = ny[seg];
			} else {
				/* Mitre: the sum of the two normals, scaled to reach both offset lines. */
				float mx = nx[i - 1] + nx[i], my = ny[i - 1] + ny[i];
				float dot = mx * nx[i] + my * ny[i];
				ox = dot > 0.1f ? mx / dot : nx[i];
				oy = dot > 0.1f ? my / dot : ny[i];
			}
			paint_pb_point(&pb, xy[2 * i] + side * ox * width / 2, xy[2 * i + 1] + side * oy * width / 2);
		}
	}
	paint_pb_close(&pb);
	return paint_pb_finish(&pb, arena);
}

static void fill_poly(struct paint_ctx *c, const struct layout_fragment *f, const char *what, const struct paint_poly *poly,
		      struct css_color color, struct paint_rect bounds)
{
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, what, f);
	it->shape.kind = PAINT_SHAPE_POLY;
	it->shape.poly = poly;
	paint_color_premul(color, it->color);
	paint_item_bounds(c, it, bounds);
}

/* The menu list's chevron: a 1.5px stroke from 13px left of the right
 * edge down to 9px left of it and up again, 4px tall, centred on the
 * whole pixel above the box's middle; it does not grow with the font. */
static void menu_arrow(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	if (f->width < 16 || f->height < 6)
		return;
	float right = x + f->width, top = floorf(y + f->height / 2) - 2;
	const float pts[] = { right - 13, top, right - 9, top + 4, right - 5, top };
	fill_poly(c, f, "theme arrow", stroke_polyline(&c->dl->arena, pts, 3, 1.5f), f->style->color,
		  (struct paint_rect){ right - 14, top - 1, right - 4, top + 6 });
}

/* A ring between two rounded rectangles, snapped to device pixels unless
 * it is round. */
static void fill_ring(struct paint_ctx *c, const struct layout_fragment *f, const char *what, struct paint_rrect outer,
		      struct paint_rrect inner, struct css_color color)
{
	struct paint_item *it = paint_dl_add(c, PAINT_ITEM_FILL, what, f);
	it->snap = outer.rx[0] * 2 < outer.w;
	it->shape.kind = PAINT_SHAPE_RING;
	it->shape.a = outer;
	it->shape.b = inner;
	paint_color_premul(color, it->color);
	paint_item_bounds(c, it, (struct paint_rect){ outer.x, outer.y, outer.x + outer.w, outer.y + outer.h });
}

static struct paint_rrect rounded(float x, float y, float w, float h, float r)
{
	struct paint_rrect rr = rect(x, y, w, h);
	r = BASE_MIN(r, BASE_MIN(w, h) / 2);
	for (int k = 0; k < 4; k++)
		rr.rx[k] = rr.ry[k] = r;
	return rr;
}

/* A checkbox: a rounded square framed in grey, or filled with the accent
 * blue and a white check mark when checked. */
static void checkbox(struct paint_ctx *c, const struct layout_fragment *f, float x, float y, bool checked)
{
	float w = f->width, h = f->height;
	/* Skia's coverage of Chromium's stroked and filled corners is
	 * closest to these radii under exact-area coverage. */
	if (!checked) {
		struct paint_rrect box = rounded(x, y, w, h, 3);
		fill_rrect(c, f, "theme background", box, theme_white);
		fill_ring(c, f, "theme frame", box, rounded(x + 1, y + 1, w - 2, h - 2, 2), theme_frame);
		return;
	}
	fill_rrect(c, f, "theme background", rounded(x, y, w, h, 2), theme_accent);
	const float pts[] = { x + w * 0.2f, y + h * 0.5f, x + w * 0.4f, y + h * 0.7f, x + w * 0.8f, y + h * 0.2f };
	fill_poly(c, f, "theme check", stroke_polyline(&c->dl->arena, pts, 3, h * 0.16f), theme_white,
		  (struct paint_rect){ x, y, x + w, y + h });
}

/* A radio button: a grey ring, or a blue ring around a white one around
 * a blue dot when checked. */
static void radio(struct paint_ctx *c, const struct layout_fragment *f, float x, float y, bool checked)
{
	float d = BASE_MIN(f->width, f->height), cx = x + f->width / 2, cy = y + f->height / 2, r = d / 2 - 0.25f;
	struct paint_rrect outer = rounded(cx - r, cy - r, 2 * r, 2 * r, r);
	struct paint_rrect inner = rounded(cx - r + 1, cy - r + 1, 2 * r - 2, 2 * r - 2, r - 1);
	fill_rrect(c, f, "theme background", outer, theme_white);
	fill_ring(c, f, "theme frame", outer, inner, checked ? theme_accent : theme_frame);
	if (checked) {
		float dot = d / 2 * 0.6f;
		fill_rrect(c, f, "theme check", rounded(cx - dot, cy - dot, 2 * dot, 2 * dot, dot), theme_accent);
	}
}

static int hex_digit(char ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

/* A colour well: a push button holding a swatch of the value (a valid
 * simple colour, HTML §2.3.6, else black) in a 1px #777 frame, inside the
 * content box less 4px above and below and 2px at the sides. */
static void color_well(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	struct css_color swatch = { 0, 0, 0, 255 };
	const char *v = html_element_attr_value(f->node, "value");
	if (v && v[0] == '#' && strlen(v) == 7) {
		int d[6], ok = 1;
		for (int i = 0; i < 6; i++)
			ok &= (d[i] = hex_digit(v[1 + i])) >= 0;
		if (ok)
			swatch = (struct css_color){ (uint8_t)(d[0] * 16 + d[1]), (uint8_t)(d[2] * 16 + d[3]), (uint8_t)(d[4] * 16 + d[5]), 255 };
	}
	float sx = x + f->border[3] + f->padding[3] + 2, sy = y + f->border[0] + f->padding[0] + 4;
	float sw = f->width - f->border[1] - f->border[3] - f->padding[1] - f->padding[3] - 4;
	float sh = f->height - f->border[0] - f->border[2] - f->padding[0] - f->padding[2] - 8;
	if (sw < 2 || sh < 2)
		return;
	fill_rrect(c, f, "theme swatch", rect(sx, sy, sw, sh), theme_swatch_frame);
	fill_rrect(c, f, "theme swatch", rect(sx + 1, sy + 1, sw - 2, sh - 2), swatch);
}

bool paint_themed_control(struct paint_ctx *c, const struct layout_fragment *f, float x, float y)
{
	switch (part_of(f)) {
	case THEME_TEXT_FIELD:
		paint_box_background(c, f, x, y);
		square_frame(c, f, x, y);
		return true;
	case THEME_MENU_LIST:
		fill_rrect(c, f, "theme background", rect(x, y, f->width, f->height), theme_white);
		square_frame(c, f, x, y);
		menu_arrow(c, f, x, y);
		return true;
	case THEME_PUSH_BUTTON: {
		struct paint_rrect outer = rounded(x, y, f->width, f->height, 2);
		fill_rrect(c, f, "theme background", outer, f->style->background_color);
		fill_ring(c, f, "theme frame", outer, rounded(x + 1, y + 1, f->width - 2, f->height - 2, 1), theme_frame);
		return true;
	}
	case THEME_CHECKBOX:
		checkbox(c, f, x, y, html_element_attr(f->node, "checked"));
		return true;
	case THEME_RADIO:
		radio(c, f, x, y, html_element_attr(f->node, "checked"));
		return true;
	case THEME_COLOR: {
		struct paint_rrect outer = rounded(x, y, f->width, f->height, 2);
		fill_rrect(c, f, "theme background", outer, f->style->background_color);
		fill_ring(c, f, "theme frame", outer, rounded(x + 1, y + 1, f->width - 2, f->height - 2, 1), theme_frame);
		color_well(c, f, x, y);
		return true;
	}
	case THEME_NONE: break;
	}
	return false;
}
