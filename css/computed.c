/* Computed values: initial values, inheritance, applying the cascaded
 * declarations of one element in dependency order (fonts and colour
 * first), and the fix-ups of CSS 2.1 §9.7 and Display 3 (blockification
 * of floats, absolutely positioned boxes, flex items and the root).
 * https://drafts.csswg.org/css-cascade-4/#computed
 *
 * The style being computed is private to the caller until it returns;
 * arrays it points to live in the caller's arena. */
#include "css/computed.h"

#include <string.h>

static const char *const initial_family_names[] = { "Times New Roman" };
static const bool initial_family_quoted[] = { true };

#define LEN_FIXED(v) { (v), 0, CSS_LEN_FIXED, false }
#define LEN_PCT(v) { 0, (v), CSS_LEN_FIXED, true }
#define LEN_KIND(k) { 0, 0, (k), false }

static const struct css_style initial_style = {
	.display = CSS_DISPLAY_INLINE,
	.width = LEN_KIND(CSS_LEN_AUTO),
	.height = LEN_KIND(CSS_LEN_AUTO),
	.min_width = LEN_KIND(CSS_LEN_AUTO),
	.min_height = LEN_KIND(CSS_LEN_AUTO),
	.max_width = LEN_KIND(CSS_LEN_NONE),
	.max_height = LEN_KIND(CSS_LEN_NONE),
	.margin = { LEN_FIXED(0), LEN_FIXED(0), LEN_FIXED(0), LEN_FIXED(0) },
	.padding = { LEN_FIXED(0), LEN_FIXED(0), LEN_FIXED(0), LEN_FIXED(0) },
	.inset = { LEN_KIND(CSS_LEN_AUTO), LEN_KIND(CSS_LEN_AUTO), LEN_KIND(CSS_LEN_AUTO), LEN_KIND(CSS_LEN_AUTO) },
	.border_width = { 3, 3, 3, 3 },
	.border_color = { { 0, 0, 0, 255 }, { 0, 0, 0, 255 }, { 0, 0, 0, 255 }, { 0, 0, 0, 255 } },
	.z_index_auto = true,
	.aspect_ratio_auto = true,
	.opacity = 1,
	.outline_width = 3,
	.outline_color = { 0, 0, 0, 255 },
	.color = { 0, 0, 0, 255 },
	.background_color = { 0, 0, 0, 0 },
	.border_image_slice = { { 100, 100, 100, 100 }, 15, false },
	.border_image_width = { .number = { 1, 1, 1, 1 }, .is_number = 15 },
	.border_image_outset = { .is_number = 15 },
	.font_family = { (const char **)initial_family_names, (bool *)initial_family_quoted, 1 },
	.font_size = 16,
	.font_size_keyword = 4,
	.font_size_factor = 1,
	.font_weight = 400,
	.font_stretch = 100,
	.line_height_kind = CSS_LH_NORMAL,
	.text_indent = LEN_FIXED(0),
	.letter_spacing = LEN_KIND(CSS_LEN_NORMAL),
	.word_spacing = LEN_KIND(CSS_LEN_NORMAL),
	.text_decoration_color = { 0, 0, 0, 255 },
	.text_decoration_thickness = LEN_KIND(CSS_LEN_AUTO),
	.vertical_align_length = LEN_FIXED(0),
	.tab_size = 8,
	.list_style_type = CSS_LIST_DISC,
	.justify_content = CSS_ALIGN_NORMAL,
	.align_items = CSS_ALIGN_NORMAL,
	.align_self = CSS_ALIGN_AUTO,
	.align_content = CSS_ALIGN_NORMAL,
	.justify_items = CSS_ALIGN_NORMAL,
	.justify_self = CSS_ALIGN_AUTO,
	.flex_shrink = 1,
	.flex_basis = LEN_KIND(CSS_LEN_AUTO),
	.row_gap = LEN_KIND(CSS_LEN_NORMAL),
	.column_gap = LEN_KIND(CSS_LEN_NORMAL),
	.object_position_x = LEN_PCT(50),
	.object_position_y = LEN_PCT(50),
	.transform_origin_x = LEN_PCT(50),
	.transform_origin_y = LEN_PCT(50),
};

const struct css_style *css_initial_style(void)
{
	return &initial_style;
}

/* Copies one longhand's computed value. Most are one run of fields; the
 * few whose fields are split in struct css_style are listed. */
void css_copy_property(struct css_style *dst, const struct css_style *src, uint16_t prop)
{
	switch (prop) {
	case CSS_PROP_COUNTER_RESET:
		dst->counter_reset = src->counter_reset;
		dst->counter_reset_count = src->counter_reset_count;
		return;
	case CSS_PROP_COUNTER_INCREMENT:
		dst->counter_increment = src->counter_increment;
		dst->counter_increment_count = src->counter_increment_count;
		return;
	case CSS_PROP_COUNTER_SET:
		dst->counter_set = src->counter_set;
		dst->counter_set_count = src->counter_set_count;
		return;
	case CSS_PROP_LIST_STYLE_TYPE:
		dst->list_style_type = src->list_style_type;
		dst->list_style_string = src->list_style_string;
		return;
	default: break;
	}
	const struct css_property_info *p = &css_properties[prop];
	if (p->size)
		memcpy((char *)dst + p->offset, (const char *)src + p->offset, p->size);
}

void css_inherit_from(struct css_style *s, const struct css_style *parent)
{
	memcpy(s, &initial_style, sizeof *s);
	if (!parent)
		return;
	for (uint16_t p = 0; p < CSS_PROP_CUSTOM; p++)
		if ((css_properties[p].flags & (CSS_PROP_INHERITED | CSS_PROP_SHORTHAND)) == CSS_PROP_INHERITED)
			css_copy_property(s, parent, p);
	s->custom = parent->custom;
}

static bool monospace_only(const struct css_font_family *f)
{
	return f->count == 1 && !f->quoted[0] && strcmp(f->names[0], "monospace") == 0;
}

/* Applies one longhand's cascaded declaration (after var() substitution). */
static void apply(struct css_compute *cx, const struct css_style *parent, uint16_t prop,
		  const struct css_cascaded_value *v, bool *explicit_current)
{
	uint8_t wide = v->wide;
	struct css_cv_list value = v->value;
	cx->base_path = v->base_path;
	const struct css_property_info *info = &css_properties[prop];
	bool inherited = info->flags & CSS_PROP_INHERITED;
	if (wide == CSS_WIDE_UNSET || wide == CSS_WIDE_REVERT || wide == CSS_WIDE_REVERT_LAYER)
		wide = inherited ? CSS_WIDE_INHERIT : CSS_WIDE_INITIAL;
	if (wide == CSS_WIDE_INITIAL) {
		css_copy_property(cx->style, &initial_style, prop);
		return;
	}
	if (wide == CSS_WIDE_INHERIT) {
		css_copy_property(cx->style, parent ? parent : &initial_style, prop);
		if (info->flags & CSS_PROP_CURRENTCOLOR)
			*explicit_current = false;
		return;
	}
	cx->prop = prop;
	cx->currentcolor = false;
	struct css_style backup;
	memcpy(&backup, cx->style, sizeof backup);
	if (!info->parse(cx, value)) {
		/* Invalid at computed-value time (after var()): unset. */
		memcpy(cx->style, &backup, sizeof backup);
		css_copy_property(cx->style, inherited && parent ? parent : &initial_style, prop);
		return;
	}
	if (info->flags & CSS_PROP_CURRENTCOLOR)
		*explicit_current = cx->currentcolor;
}

static uint8_t blockify(uint8_t d)
{
	switch (d) {
	case CSS_DISPLAY_INLINE_TABLE: return CSS_DISPLAY_TABLE;
	case CSS_DISPLAY_INLINE_FLEX: return CSS_DISPLAY_FLEX;
	case CSS_DISPLAY_INLINE_GRID: return CSS_DISPLAY_GRID;
	case CSS_DISPLAY_INLINE:
	case CSS_DISPLAY_INLINE_BLOCK:
	case CSS_DISPLAY_RUBY:
	case CSS_DISPLAY_TABLE_ROW_GROUP:
	case CSS_DISPLAY_TABLE_HEADER_GROUP:
	case CSS_DISPLAY_TABLE_FOOTER_GROUP:
	case CSS_DISPLAY_TABLE_ROW:
	case CSS_DISPLAY_TABLE_CELL:
	case CSS_DISPLAY_TABLE_COLUMN_GROUP:
	case CSS_DISPLAY_TABLE_COLUMN:
	case CSS_DISPLAY_TABLE_CAPTION: return CSS_DISPLAY_BLOCK;
	default: return d;
	}
}

/* CSS 2.1 §9.7 and Display 3 §2.7, borders and outlines of style none,
 * and text decorations propagated to descendants. */
static void fix_up(struct css_style *s, const struct css_style *parent, bool is_root, bool is_pseudo)
{
	if (s->position == CSS_POSITION_ABSOLUTE || s->position == CSS_POSITION_FIXED)
		s->float_ = CSS_FLOAT_NONE;
	bool parent_flex_or_grid =
		parent && !is_pseudo &&
		(parent->display == CSS_DISPLAY_FLEX || parent->display == CSS_DISPLAY_INLINE_FLEX ||
		 parent->display == CSS_DISPLAY_GRID || parent->display == CSS_DISPLAY_INLINE_GRID);
	if (parent && is_pseudo &&
	    (parent->display == CSS_DISPLAY_FLEX || parent->display == CSS_DISPLAY_INLINE_FLEX ||
	     parent->display == CSS_DISPLAY_GRID || parent->display == CSS_DISPLAY_INLINE_GRID))
		parent_flex_or_grid = true;
	if (s->display != CSS_DISPLAY_NONE &&
	    (s->float_ != CSS_FLOAT_NONE || s->position == CSS_POSITION_ABSOLUTE ||
	     s->position == CSS_POSITION_FIXED || is_root || (parent_flex_or_grid && s->display != CSS_DISPLAY_CONTENTS)))
		s->display = blockify(s->display);
	if (is_root && s->display == CSS_DISPLAY_CONTENTS)
		s->display = CSS_DISPLAY_BLOCK;
	/* Tables do not take HTML's legacy -webkit- alignments (inherited
	 * from align="" ancestors); they reset to start, as in Chromium. */
	if ((s->display == CSS_DISPLAY_TABLE || s->display == CSS_DISPLAY_INLINE_TABLE) &&
	    s->text_align >= CSS_TEXT_ALIGN_WEBKIT_CENTER)
		s->text_align = CSS_TEXT_ALIGN_START;
	for (int i = 0; i < 4; i++)
		if (s->border_style[i] == CSS_BORDER_NONE || s->border_style[i] == CSS_BORDER_HIDDEN)
			s->border_width[i] = 0;
	if (s->outline_style == CSS_BORDER_NONE)
		s->outline_width = 0;
	/* Overflow: visible/clip pair with scroll/hidden/auto computes
	 * visible to auto and clip to hidden (Overflow 3 §3.1). */
	bool x_sc = s->overflow_x != CSS_OVERFLOW_VISIBLE && s->overflow_x != CSS_OVERFLOW_CLIP;
	bool y_sc = s->overflow_y != CSS_OVERFLOW_VISIBLE && s->overflow_y != CSS_OVERFLOW_CLIP;
	if (x_sc != y_sc) {
		uint8_t *o = x_sc ? &s->overflow_y : &s->overflow_x;
		*o = *o == CSS_OVERFLOW_VISIBLE ? CSS_OVERFLOW_AUTO : CSS_OVERFLOW_HIDDEN;
	}
	/* Decorations are propagated to in-flow, non-atomic descendants. */
	s->decorations_in_effect = 0;
	if (parent) {
		bool atomic = s->display == CSS_DISPLAY_INLINE_BLOCK || s->display == CSS_DISPLAY_INLINE_TABLE ||
			      s->display == CSS_DISPLAY_INLINE_FLEX || s->display == CSS_DISPLAY_INLINE_GRID;
		bool out_of_flow = s->float_ != CSS_FLOAT_NONE || s->position == CSS_POSITION_ABSOLUTE ||
				   s->position == CSS_POSITION_FIXED;
		if (!atomic && !out_of_flow)
			s->decorations_in_effect = parent->decorations_in_effect | parent->text_decoration_line;
	}
}

/* Chromium's theme draws menu lists and push buttons made of inputs at
 * the font's own line height (LayoutTheme's style adjustment), whatever
 * line-height says, unless appearance is none. */
static void adjust_for_appearance(struct css_style *s, const struct html_node *el)
{
	if (s->appearance == CSS_APPEARANCE_NONE || el->type != HTML_NODE_ELEMENT || el->ns != HTML_NS_HTML)
		return;
	if (el->tag == HTML_TAG_SELECT || css_is_push_button_input(el))
		s->line_height_kind = CSS_LH_NORMAL;
}

/* The style of the initial containing block: every property at its
 * initial value, computed (so border widths of style none are 0). */
struct css_style *css_initial_containing_block_style(struct base_arena *arena)
{
	struct css_style *s = base_arena_alloc(arena, sizeof *s);
	memcpy(s, &initial_style, sizeof *s);
	fix_up(s, NULL, false, false);
	return s;
}

void css_compute_style(struct css_compute *cx, const struct css_style *parent, const struct css_cascaded *c,
		       bool is_root, bool is_pseudo)
{
	struct css_style *s = cx->style;
	css_inherit_from(s, parent);
	if (c->custom)
		s->custom = c->custom;
	bool explicit_current[CSS_PROP_COUNT];
	memset(explicit_current, 0, sizeof explicit_current);
	cx->parent = parent;
	cx->em = parent ? parent->font_size : 16;
	/* Early properties first, in this order: font-size depends on
	 * font-family (monospace's medium), everything on font-size (em) and
	 * the font (ex, ch), colours on color (currentcolor) and text-align
	 * on direction (match-parent). */
	static const uint16_t early[] = { CSS_PROP_FONT_FAMILY, CSS_PROP_FONT_SIZE, CSS_PROP_FONT_WEIGHT,
					  CSS_PROP_FONT_STYLE, CSS_PROP_COLOR, CSS_PROP_DIRECTION };
	for (size_t i = 0; i < BASE_ARRAY_LEN(early); i++) {
		uint16_t p = early[i];
		if (c->decl[p].present)
			apply(cx, parent, p, &c->decl[p], &explicit_current[p]);
		if (p == CSS_PROP_FONT_SIZE) {
			if (s->font_size_keyword)
				s->font_size = css_font_size_for_keyword(s->font_size_keyword, monospace_only(&s->font_family)) *
					       s->font_size_factor;
			cx->em = s->font_size;
			if (is_root)
				cx->root_font_size = s->font_size;
		}
	}
	for (uint16_t p = 0; p < CSS_PROP_CUSTOM; p++) {
		const struct css_property_info *info = &css_properties[p];
		if (info->flags & (CSS_PROP_SHORTHAND | CSS_PROP_EARLY))
			continue;
		if (c->decl[p].present)
			apply(cx, parent, p, &c->decl[p], &explicit_current[p]);
		else if (!(info->flags & CSS_PROP_INHERITED))
			continue;
	}
	/* currentcolor as the initial value follows this element's color. */
	static const uint16_t current[] = { CSS_PROP_BORDER_TOP_COLOR, CSS_PROP_BORDER_RIGHT_COLOR,
					    CSS_PROP_BORDER_BOTTOM_COLOR, CSS_PROP_BORDER_LEFT_COLOR,
					    CSS_PROP_OUTLINE_COLOR, CSS_PROP_TEXT_DECORATION_COLOR };
	for (size_t i = 0; i < BASE_ARRAY_LEN(current); i++) {
		uint16_t p = current[i];
		bool set_by_value = c->decl[p].present && !explicit_current[p] &&
				    (c->decl[p].wide == CSS_WIDE_NONE || c->decl[p].wide == CSS_WIDE_INHERIT);
		if (!set_by_value)
			memcpy((char *)s + css_properties[p].offset, &s->color, sizeof s->color);
	}
	/* Shadows without a colour use currentcolor: parse time gave them the
	 * color computed so far, which is the final one (color is early). */
	fix_up(s, parent, is_root, is_pseudo);
	if (cx->element && !is_pseudo)
		adjust_for_appearance(s, cx->element);
}
