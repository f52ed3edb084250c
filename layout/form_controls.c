/* Intrinsic sizes of form controls as Chromium gives them (HTML §15.5
 * "Form controls" leaves them to the UA): text inputs size characters wide
 * (LayoutTextControlSingleLine), textareas cols x rows, checkboxes and
 * radio buttons 13px squares, selects their widest option and an arrow.
 * Borders, paddings and fonts come from the UA style sheet. */
#include "layout/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const text_types[] = {"text", "password", "email", "search", "url", "tel", "number"};

static bool is_text_input(const struct html_node *el)
{
	const char *type = html_element_attr_value(el, "type");
	if (!type || !*type)
		return true;
	for (size_t i = 0; i < BASE_ARRAY_LEN(text_types); i++)
		if (strcasecmp(type, text_types[i]) == 0)
			return true;
	/* Unknown types are text inputs too. */
	static const char *const others[] = {"checkbox", "radio", "submit", "reset", "button", "image", "file", "hidden",
					     "color", "range", "date", "time", "datetime-local", "month", "week"};
	for (size_t i = 0; i < BASE_ARRAY_LEN(others); i++)
		if (strcasecmp(type, others[i]) == 0)
			return false;
	return true;
}

/* Chromium's menu list: 4px before the text, the arrow and its padding
 * after it (measured at the default 13.33px control font). */
static const float select_arrow_width = 20.61f;

static int attr_int(const struct html_node *el, const char *name, int dflt)
{
	const char *v = html_element_attr_value(el, name);
	int n = v ? atoi(v) : 0;
	return n > 0 ? n : dflt;
}

float layout_control_line_height(struct layout_ctx *ctx, const struct css_style *s)
{
	const struct layout_font_list *fl = layout_font_list_for(ctx, s);
	if (s->line_height_kind == CSS_LH_NUMBER)
		return s->line_height * s->font_size;
	if (s->line_height_kind == CSS_LH_LENGTH)
		return s->line_height;
	return fl->metrics.ascent + fl->metrics.descent + fl->metrics.line_gap;
}

/* The HTML element generating a box (not a pseudo-element's), or NULL:
 * only those can be form controls. */
static const struct html_node *html_element_of(const struct layout_box *box)
{
	const struct html_node *el = box->node;
	return el && !box->pseudo && el->type == HTML_NODE_ELEMENT && el->ns == HTML_NS_HTML ? el : NULL;
}

bool layout_form_control_size(struct layout_ctx *ctx, const struct layout_box *box, float *w, float *h)
{
	const struct html_node *el = html_element_of(box);
	if (!el)
		return false;
	/* Every box asks: only controls need their font's measures. */
	if (el->tag != HTML_TAG_INPUT && el->tag != HTML_TAG_TEXTAREA && el->tag != HTML_TAG_SELECT)
		return false;
	const struct css_style *s = box->style;
	const struct layout_font_list *fl = layout_font_list_for(ctx, s);
	float avg = 0, max = 0;
	if (fl->count)
		layout_face_char_widths(fl->faces[0], s->font_size, &avg, &max);
	switch (el->tag) {
	case HTML_TAG_INPUT: {
		const char *type = html_element_attr_value(el, "type");
		if (type && (!strcasecmp(type, "checkbox") || !strcasecmp(type, "radio"))) {
			*w = *h = 13;
			return true;
		}
		if (type && !strcasecmp(type, "file")) {
			/* Chromium's default label width: 34 zeros; the height
			 * comes from the button and text inside. */
			*w = ceilf(34 * fl->metrics.zero_width);
			*h = -1;
			return true;
		}
		if (!is_text_input(el))
			return false;
		int size = attr_int(el, "size", 20);
		*w = layout_snap((float)size * avg + (max > avg ? max - avg : 0));
		*h = layout_control_line_height(ctx, s);
		return true;
	}
	case HTML_TAG_TEXTAREA: {
		int cols = attr_int(el, "cols", 20), rows = attr_int(el, "rows", 2);
		/* Chromium reserves a scrollbar's width beside the columns. */
		*w = layout_snap((float)cols * avg + 16);
		*h = (float)rows * layout_control_line_height(ctx, s);
		return true;
	}
	case HTML_TAG_SELECT: {
		/* A drop-down: its widest option beside the arrow. */
		float widest = 0;
		for (const struct html_node *o = el->first_child; o; o = o->next_sibling) {
			if (o->type != HTML_NODE_ELEMENT || o->tag != HTML_TAG_OPTION || !o->first_child ||
			    o->first_child->type != HTML_NODE_TEXT)
				continue;
			struct layout_shaped sh;
			layout_shape(ctx, fl, o->first_child->data, o->first_child->data_len, 0, 0, &sh);
			float w0 = 0;
			for (size_t i = 0; i < sh.count; i++)
				w0 += sh.glyphs[i].advance;
			widest = BASE_MAX(widest, w0);
		}
		/* Chromium's menu list is whole pixels wide; themed, it is as
		 * tall as the font's rounded ascent plus descent and a pixel
		 * each side, else one line. */
		*w = floorf(widest + select_arrow_width);
		if (s->appearance == CSS_APPEARANCE_NONE)
			*h = layout_control_line_height(ctx, s);
		else
			*h = roundf(fl->metrics.ascent) + roundf(fl->metrics.descent) + 2;
		return true;
	}
	default:
		return false;
	}
}

bool layout_form_control_fits_content(const struct layout_box *box)
{
	const struct html_node *el = html_element_of(box);
	if (!el)
		return false;
	if (el->tag == HTML_TAG_LEGEND)
		return el->parent && el->parent->type == HTML_NODE_ELEMENT && el->parent->tag == HTML_TAG_FIELDSET;
	return el->tag == HTML_TAG_INPUT || el->tag == HTML_TAG_SELECT || el->tag == HTML_TAG_BUTTON ||
	       el->tag == HTML_TAG_TEXTAREA;
}

bool layout_form_control_centres_line(const struct layout_box *box)
{
	const struct html_node *el = html_element_of(box);
	return el && el->tag == HTML_TAG_INPUT && is_text_input(el);
}
