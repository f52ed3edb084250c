/* Hand-built DOM trees and computed styles for layout unit tests, so layout
 * can be tested without the HTML parser and the style system. Everything
 * lives in the document's arena. Included by tests/test_layout_*.c. */
#ifndef WEFT_TEST_LAYOUT_DOC_H
#define WEFT_TEST_LAYOUT_DOC_H

#include "support/test_support.h"

#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tdoc {
	struct html_document doc;
	struct css_styled_document sd;
	struct css_style initial;
	struct base_vec elements;
	struct base_vec styles;
	struct html_node *html, *body;
};

static const char *tdoc_serif[] = {"serif"};

/* Initial values of CSS, as the style system computes them. */
static inline void tdoc_initial_style(struct css_style *s)
{
	memset(s, 0, sizeof *s);
	s->display = CSS_DISPLAY_INLINE;
	struct css_length autol = {.kind = CSS_LEN_AUTO};
	struct css_length zero = {.kind = CSS_LEN_FIXED};
	struct css_length none = {.kind = CSS_LEN_NONE};
	struct css_length normal = {.kind = CSS_LEN_NORMAL};
	s->width = s->height = autol;
	s->min_width = s->min_height = zero;
	s->max_width = s->max_height = none;
	for (int i = 0; i < 4; i++) {
		s->margin[i] = zero;
		s->padding[i] = zero;
		s->inset[i] = autol;
	}
	s->z_index_auto = true;
	s->opacity = 1;
	s->color = (struct css_color){0, 0, 0, 255};
	s->font_family.names = tdoc_serif;
	s->font_family.count = 1;
	s->font_size = 16;
	s->font_weight = 400;
	s->font_stretch = 100;
	s->line_height_kind = CSS_LH_NORMAL;
	s->text_indent = zero;
	s->letter_spacing = normal;
	s->word_spacing = normal;
	s->tab_size = 8;
	s->list_style_type = CSS_LIST_DISC;
	s->flex_shrink = 1;
	s->flex_basis = autol;
	s->row_gap = s->column_gap = normal;
	s->object_position_x.has_percent = s->object_position_y.has_percent = true;
	s->object_position_x.percent = s->object_position_y.percent = 50;
}

static inline struct css_length tpx(float v)
{
	return (struct css_length){.px = v, .kind = CSS_LEN_FIXED};
}

static inline struct css_length tpct(float v)
{
	return (struct css_length){.percent = v, .has_percent = true, .kind = CSS_LEN_FIXED};
}

static inline void tdoc_append(struct html_node *parent, struct html_node *n)
{
	n->parent = parent;
	n->prev_sibling = parent->last_child;
	if (parent->last_child)
		parent->last_child->next_sibling = n;
	else
		parent->first_child = n;
	parent->last_child = n;
}

/* A new element under parent with a style inheriting parent's inherited
 * properties; display from the tag (block for div/p/body/html, inline else). */
static inline struct html_node *tel(struct tdoc *t, struct html_node *parent, enum html_tag tag, struct css_style **style)
{
	struct html_node *n = base_arena_calloc(&t->doc.arena, 1, sizeof *n);
	n->type = HTML_NODE_ELEMENT;
	n->ns = HTML_NS_HTML;
	n->tag = tag;
	n->local_name = html_tag_name(tag);
	n->element_index = (uint32_t)t->elements.len;
	struct css_style *s = base_arena_alloc(&t->doc.arena, sizeof *s);
	tdoc_initial_style(s);
	if (parent && parent->type == HTML_NODE_ELEMENT) {
		const struct css_style *ps = t->styles.items[parent->element_index];
		s->font_family = ps->font_family;
		s->font_size = ps->font_size;
		s->font_weight = ps->font_weight;
		s->font_style = ps->font_style;
		s->line_height_kind = ps->line_height_kind;
		s->line_height = ps->line_height;
		s->white_space = ps->white_space;
		s->text_align = ps->text_align;
		s->color = ps->color;
		s->list_style_type = ps->list_style_type;
	}
	switch (tag) {
	case HTML_TAG_HTML:
	case HTML_TAG_BODY:
	case HTML_TAG_DIV:
	case HTML_TAG_P:
	case HTML_TAG_UL:
	case HTML_TAG_OL:
		s->display = CSS_DISPLAY_BLOCK;
		break;
	case HTML_TAG_LI:
		s->display = CSS_DISPLAY_LIST_ITEM;
		break;
	default:
		break;
	}
	base_vec_push(&t->elements, n);
	base_vec_push(&t->styles, s);
	if (parent)
		tdoc_append(parent, n);
	if (style)
		*style = s;
	return n;
}

static inline struct html_node *ttext(struct tdoc *t, struct html_node *parent, const char *text)
{
	struct html_node *n = base_arena_calloc(&t->doc.arena, 1, sizeof *n);
	n->type = HTML_NODE_TEXT;
	n->element_index = UINT32_MAX;
	n->data = base_arena_strdup(&t->doc.arena, text);
	n->data_len = strlen(text);
	tdoc_append(parent, n);
	return n;
}

static inline void tattr(struct tdoc *t, struct html_node *el, const char *name, const char *value)
{
	struct html_attr *a = base_arena_calloc(&t->doc.arena, el->attr_count + 1, sizeof *a);
	if (el->attr_count)
		memcpy(a, el->attrs, el->attr_count * sizeof *a);
	a[el->attr_count].name = base_atoms_intern(&t->doc.atoms, name, strlen(name));
	a[el->attr_count].value = base_arena_strdup(&t->doc.arena, value);
	a[el->attr_count].value_len = strlen(value);
	el->attrs = a;
	el->attr_count++;
}

/* A document with <html><body> (body margin 8px like the UA sheet). */
static inline struct tdoc *tdoc_new(struct css_style **body_style)
{
	struct tdoc *t = calloc(1, sizeof *t);
	base_arena_init(&t->doc.arena, 4096);
	base_arena_init(&t->sd.arena, 4096);
	base_atoms_init(&t->doc.atoms);
	t->doc.root = base_arena_calloc(&t->doc.arena, 1, sizeof *t->doc.root);
	t->doc.root->type = HTML_NODE_DOCUMENT;
	tdoc_initial_style(&t->initial);
	t->initial.display = CSS_DISPLAY_BLOCK;
	t->html = tel(t, t->doc.root, HTML_TAG_HTML, NULL);
	t->doc.document_element = t->html;
	struct css_style *bs;
	t->body = tel(t, t->html, HTML_TAG_BODY, &bs);
	for (int i = 0; i < 4; i++)
		bs->margin[i] = tpx(8);
	if (body_style)
		*body_style = bs;
	return t;
}

static inline void tdoc_finish(struct tdoc *t)
{
	/* Borders given a width in tests are solid. */
	for (size_t i = 0; i < t->styles.len; i++) {
		struct css_style *s = t->styles.items[i];
		for (int k = 0; k < 4; k++)
			if (s->border_width[k] > 0 && s->border_style[k] == CSS_BORDER_NONE)
				s->border_style[k] = CSS_BORDER_SOLID;
	}
	t->doc.elements = (struct html_node **)t->elements.items;
	t->doc.element_count = t->elements.len;
	t->sd.doc = &t->doc;
	t->sd.styles = (const struct css_style **)t->styles.items;
	t->sd.element_count = t->styles.len;
	t->sd.pseudo = base_arena_calloc(&t->sd.arena, t->styles.len * CSS_PSEUDO_COUNT, sizeof *t->sd.pseudo);
	t->sd.initial = &t->initial;
}

static inline void tdoc_free(struct tdoc *t)
{
	base_vec_free(&t->elements);
	base_vec_free(&t->styles);
	base_atoms_free(&t->doc.atoms);
	base_arena_free(&t->doc.arena);
	base_arena_free(&t->sd.arena);
	free(t);
}

static inline struct layout_fonts *tdoc_fonts(void)
{
	struct layout_fonts *fonts = layout_fonts_new();
	char path[4096];
	test_shared_path(path, sizeof path, "wpt/fonts/Ahem.ttf");
	layout_fonts_add_face(fonts, "Ahem", path, 400, CSS_FONT_STYLE_NORMAL);
	return fonts;
}

static inline struct layout_tree *tdoc_layout(struct tdoc *t, struct layout_fonts *fonts, float vw, float vh)
{
	tdoc_finish(t);
	struct layout_options opt = {.viewport_width = vw, .viewport_height = vh, .fonts = fonts};
	return layout_document(&t->sd, &opt);
}

static inline struct layout_rect trect(struct layout_tree *tree, const struct html_node *el)
{
	struct layout_rect r = {-1, -1, -1, -1};
	assert_true(layout_element_rect(tree, el, &r));
	return r;
}

static const char *tdoc_ahem[] = {"Ahem"};

static inline void tstyle_ahem(struct css_style *s, float size)
{
	s->font_family.names = tdoc_ahem;
	s->font_family.count = 1;
	s->font_size = size;
}

#define assert_rect(r, X, Y, W, H)                                                                                                 \
	do {                                                                                                                        \
		struct layout_rect rr_ = (r);                                                                                       \
		if (fabsf(rr_.x - (X)) > 0.01f || fabsf(rr_.y - (Y)) > 0.01f || fabsf(rr_.width - (W)) > 0.01f ||                   \
		    fabsf(rr_.height - (H)) > 0.01f) {                                                                              \
			fail_msg("rect %g %g %g %g, expected %g %g %g %g", (double)rr_.x, (double)rr_.y, (double)rr_.width,         \
				 (double)rr_.height, (double)(X), (double)(Y), (double)(W), (double)(H));                           \
		}                                                                                                                   \
	} while (0)

#endif
