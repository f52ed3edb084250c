/* css: CSS syntax, stylesheets, selectors, the cascade and computed values.
 *
 * Input: a struct html_document. Output: a struct css_styled_document that
 * maps every element (by element_index) to an immutable struct css_style.
 *
 * Ownership: a struct css_styled_document owns its styles, stylesheets and
 * strings in its arena (css_styled_document_free releases them). Styles are
 * shared between elements (style sharing) and never modified after the
 * cascade, so they may be read from any thread; css_restyle_elements()
 * points elements' slots at new styles and keeps the old ones alive. */
#ifndef WEFT_CSS_H
#define WEFT_CSS_H

#include "html/html.h"

/* ---- Value types of computed styles ---------------------------------- */

struct css_color {
	uint8_t r, g, b, a; /* straight alpha, sRGB */
};

enum css_length_kind {
	CSS_LEN_FIXED, /* px + percent% of the reference (calc() of both) */
	CSS_LEN_AUTO,
	CSS_LEN_NONE, /* max-width/max-height: none */
	CSS_LEN_MIN_CONTENT,
	CSS_LEN_MAX_CONTENT,
	CSS_LEN_FIT_CONTENT,
	CSS_LEN_NORMAL, /* gap, letter/word-spacing normal */
};

/* A computed <length-percentage>: absolute lengths are already px. */
struct css_length {
	float px;
	float percent;
	uint8_t kind; /* enum css_length_kind */
	bool has_percent; /* percent was written (even 0%) */
};

/* Resolves against a reference length (the containing block's width...). */
static inline float css_length_resolve(struct css_length l, float reference)
{
	return l.px + (l.has_percent ? l.percent * reference / 100.0f : 0.0f);
}

enum css_display {
	CSS_DISPLAY_INLINE,
	CSS_DISPLAY_BLOCK,
	CSS_DISPLAY_INLINE_BLOCK,
	CSS_DISPLAY_LIST_ITEM,
	CSS_DISPLAY_NONE,
	CSS_DISPLAY_CONTENTS,
	CSS_DISPLAY_FLOW_ROOT,
	CSS_DISPLAY_FLEX,
	CSS_DISPLAY_INLINE_FLEX,
	CSS_DISPLAY_GRID,
	CSS_DISPLAY_INLINE_GRID,
	CSS_DISPLAY_TABLE,
	CSS_DISPLAY_INLINE_TABLE,
	CSS_DISPLAY_TABLE_ROW_GROUP,
	CSS_DISPLAY_TABLE_HEADER_GROUP,
	CSS_DISPLAY_TABLE_FOOTER_GROUP,
	CSS_DISPLAY_TABLE_ROW,
	CSS_DISPLAY_TABLE_CELL,
	CSS_DISPLAY_TABLE_COLUMN_GROUP,
	CSS_DISPLAY_TABLE_COLUMN,
	CSS_DISPLAY_TABLE_CAPTION,
	CSS_DISPLAY_RUBY,
};

enum css_position { CSS_POSITION_STATIC, CSS_POSITION_RELATIVE, CSS_POSITION_ABSOLUTE, CSS_POSITION_FIXED, CSS_POSITION_STICKY };
enum css_float { CSS_FLOAT_NONE, CSS_FLOAT_LEFT, CSS_FLOAT_RIGHT };
enum css_clear { CSS_CLEAR_NONE, CSS_CLEAR_LEFT, CSS_CLEAR_RIGHT, CSS_CLEAR_BOTH };
enum css_overflow { CSS_OVERFLOW_VISIBLE, CSS_OVERFLOW_HIDDEN, CSS_OVERFLOW_CLIP, CSS_OVERFLOW_SCROLL, CSS_OVERFLOW_AUTO };
enum css_visibility { CSS_VISIBILITY_VISIBLE, CSS_VISIBILITY_HIDDEN, CSS_VISIBILITY_COLLAPSE };
enum css_box_sizing { CSS_BOX_SIZING_CONTENT_BOX, CSS_BOX_SIZING_BORDER_BOX };

enum css_border_style {
	CSS_BORDER_NONE,
	CSS_BORDER_HIDDEN,
	CSS_BORDER_DOTTED,
	CSS_BORDER_DASHED,
	CSS_BORDER_SOLID,
	CSS_BORDER_DOUBLE,
	CSS_BORDER_GROOVE,
	CSS_BORDER_RIDGE,
	CSS_BORDER_INSET,
	CSS_BORDER_OUTSET,
	CSS_BORDER_AUTO, /* outline-style: auto */
};

enum css_font_style { CSS_FONT_STYLE_NORMAL, CSS_FONT_STYLE_ITALIC, CSS_FONT_STYLE_OBLIQUE };
enum css_white_space { CSS_WS_NORMAL, CSS_WS_NOWRAP, CSS_WS_PRE, CSS_WS_PRE_WRAP, CSS_WS_PRE_LINE, CSS_WS_BREAK_SPACES };
enum css_text_align {
	CSS_TEXT_ALIGN_START,
	CSS_TEXT_ALIGN_END,
	CSS_TEXT_ALIGN_LEFT,
	CSS_TEXT_ALIGN_RIGHT,
	CSS_TEXT_ALIGN_CENTER,
	CSS_TEXT_ALIGN_JUSTIFY,
	CSS_TEXT_ALIGN_MATCH_PARENT,
	/* HTML's legacy alignment (<center>, align=""): like center/left/right,
	 * but block children are aligned too (HTML §15.3.3). */
	CSS_TEXT_ALIGN_WEBKIT_CENTER,
	CSS_TEXT_ALIGN_WEBKIT_LEFT,
	CSS_TEXT_ALIGN_WEBKIT_RIGHT,
};
enum css_text_transform { CSS_TT_NONE, CSS_TT_CAPITALIZE, CSS_TT_UPPERCASE, CSS_TT_LOWERCASE, CSS_TT_FULL_WIDTH };
enum css_word_break { CSS_WORD_BREAK_NORMAL, CSS_WORD_BREAK_BREAK_ALL, CSS_WORD_BREAK_KEEP_ALL, CSS_WORD_BREAK_BREAK_WORD };
/* line-break: only anywhere changes breaking here (auto, loose, normal and
 * strict differ only for CJK punctuation). */
enum css_line_break { CSS_LINE_BREAK_AUTO, CSS_LINE_BREAK_ANYWHERE };
enum css_overflow_wrap { CSS_OVERFLOW_WRAP_NORMAL, CSS_OVERFLOW_WRAP_BREAK_WORD, CSS_OVERFLOW_WRAP_ANYWHERE };
enum css_direction { CSS_DIRECTION_LTR, CSS_DIRECTION_RTL };

enum css_text_decoration_line {
	CSS_TD_UNDERLINE = 1,
	CSS_TD_OVERLINE = 2,
	CSS_TD_LINE_THROUGH = 4,
};
enum css_text_decoration_style { CSS_TDS_SOLID, CSS_TDS_DOUBLE, CSS_TDS_DOTTED, CSS_TDS_DASHED, CSS_TDS_WAVY };

enum css_vertical_align_kind {
	CSS_VA_BASELINE,
	CSS_VA_SUB,
	CSS_VA_SUPER,
	CSS_VA_TEXT_TOP,
	CSS_VA_TEXT_BOTTOM,
	CSS_VA_MIDDLE,
	CSS_VA_TOP,
	CSS_VA_BOTTOM,
	CSS_VA_LENGTH, /* vertical_align_length: px, or percent of line-height */
};

enum css_line_height_kind { CSS_LH_NORMAL, CSS_LH_NUMBER, CSS_LH_LENGTH };

enum css_list_style_type {
	CSS_LIST_NONE,
	CSS_LIST_DISC,
	CSS_LIST_CIRCLE,
	CSS_LIST_SQUARE,
	CSS_LIST_DECIMAL,
	CSS_LIST_DECIMAL_LEADING_ZERO,
	CSS_LIST_LOWER_ROMAN,
	CSS_LIST_UPPER_ROMAN,
	CSS_LIST_LOWER_ALPHA,
	CSS_LIST_UPPER_ALPHA,
	CSS_LIST_LOWER_GREEK,
	CSS_LIST_DISCLOSURE_OPEN,
	CSS_LIST_DISCLOSURE_CLOSED,
	CSS_LIST_GEORGIAN,
	CSS_LIST_STRING, /* list_style_string */
};
enum css_list_style_position { CSS_LIST_OUTSIDE, CSS_LIST_INSIDE };

enum css_flex_direction { CSS_FLEX_ROW, CSS_FLEX_ROW_REVERSE, CSS_FLEX_COLUMN, CSS_FLEX_COLUMN_REVERSE };
enum css_flex_wrap { CSS_FLEX_NOWRAP, CSS_FLEX_WRAP, CSS_FLEX_WRAP_REVERSE };
/* Box alignment keywords shared by justify-content, align-items/self/content. */
enum css_align {
	CSS_ALIGN_AUTO,
	CSS_ALIGN_NORMAL,
	CSS_ALIGN_STRETCH,
	CSS_ALIGN_FLEX_START,
	CSS_ALIGN_FLEX_END,
	CSS_ALIGN_START,
	CSS_ALIGN_END,
	CSS_ALIGN_CENTER,
	CSS_ALIGN_BASELINE,
	CSS_ALIGN_SPACE_BETWEEN,
	CSS_ALIGN_SPACE_AROUND,
	CSS_ALIGN_SPACE_EVENLY,
	CSS_ALIGN_LEFT,
	CSS_ALIGN_RIGHT,
};

/* https://drafts.csswg.org/css-ui/#appearance-switching: none, auto, and
 * the compatibility keywords (kept apart for serialization, all but none
 * drawn as auto). */
enum css_appearance { CSS_APPEARANCE_NONE, CSS_APPEARANCE_AUTO, CSS_APPEARANCE_MENULIST_BUTTON, CSS_APPEARANCE_TEXTFIELD,
		      CSS_APPEARANCE_SEARCHFIELD, CSS_APPEARANCE_TEXTAREA, CSS_APPEARANCE_PUSH_BUTTON, CSS_APPEARANCE_SLIDER_HORIZONTAL,
		      CSS_APPEARANCE_CHECKBOX, CSS_APPEARANCE_RADIO, CSS_APPEARANCE_SQUARE_BUTTON, CSS_APPEARANCE_MENULIST,
		      CSS_APPEARANCE_LISTBOX, CSS_APPEARANCE_METER, CSS_APPEARANCE_PROGRESS_BAR, CSS_APPEARANCE_BUTTON };
enum { CSS_AUTHOR_BORDER = 1, CSS_AUTHOR_BACKGROUND = 2 };
enum css_object_fit { CSS_OBJECT_FIT_FILL, CSS_OBJECT_FIT_CONTAIN, CSS_OBJECT_FIT_COVER, CSS_OBJECT_FIT_NONE, CSS_OBJECT_FIT_SCALE_DOWN };
enum css_image_rendering { CSS_IMAGE_RENDERING_AUTO, CSS_IMAGE_RENDERING_PIXELATED, CSS_IMAGE_RENDERING_CRISP_EDGES };

enum css_bg_repeat { CSS_REPEAT, CSS_REPEAT_NO, CSS_REPEAT_SPACE, CSS_REPEAT_ROUND };
enum css_bg_box { CSS_BOX_BORDER, CSS_BOX_PADDING, CSS_BOX_CONTENT, CSS_BOX_TEXT, CSS_BOX_BORDER_AREA };
enum css_bg_size_kind { CSS_BG_SIZE_LENGTHS, CSS_BG_SIZE_COVER, CSS_BG_SIZE_CONTAIN };
enum css_image_kind { CSS_IMAGE_NONE, CSS_IMAGE_URL, CSS_IMAGE_LINEAR_GRADIENT, CSS_IMAGE_RADIAL_GRADIENT };

struct css_color_stop {
	struct css_color color;
	struct css_length position; /* kind CSS_LEN_AUTO when omitted */
	bool is_hint; /* a colour hint (transition midpoint), no colour */
};

struct css_image {
	uint8_t kind; /* enum css_image_kind */
	bool repeating;
	const char *url; /* resolved file path for CSS_IMAGE_URL */
	/* Gradients. Linear: angle in degrees (to bottom = 180). Radial:
	 * shape/size/center. */
	float angle_deg;
	bool radial_circle;
	uint8_t radial_extent; /* 0 farthest-corner, 1 closest-side, 2 closest-corner, 3 farthest-side, 4 explicit */
	struct css_length radial_rx, radial_ry;
	struct css_length center_x, center_y;
	struct css_color_stop *stops;
	size_t stop_count;
};

/* border-image-slice: four numbers (image pixels) or percentages, top
 * right bottom left, and the fill keyword. */
struct css_border_image_slice {
	float value[4];
	uint8_t percent; /* bit k: value[k] is a percentage */
	bool fill;
};

/* border-image-width and -outset: per side a <length-percentage> (auto
 * kind for auto) or, when bit k of is_number is set, a multiple of the
 * border width in number[k]. */
struct css_border_image_lengths {
	struct css_length length[4];
	float number[4];
	uint8_t is_number;
};

enum css_border_image_repeat { CSS_BI_STRETCH, CSS_BI_REPEAT, CSS_BI_ROUND, CSS_BI_SPACE };

struct css_background_layer {
	struct css_image image;
	uint8_t repeat_x, repeat_y; /* enum css_bg_repeat */
	struct css_length position_x, position_y;
	uint8_t size_kind; /* enum css_bg_size_kind */
	struct css_length size_w, size_h; /* CSS_LEN_AUTO allowed */
	uint8_t origin, clip; /* enum css_bg_box */
	bool attachment_fixed;
};

struct css_shadow {
	float x, y, blur, spread;
	struct css_color color;
	bool inset;
};

/* CSS Grid 1 (https://drafts.csswg.org/css-grid-1/). A track sizing
 * function's breadth: a <length-percentage>, a flexible <flex> (fr), or
 * a keyword. */
enum css_track_kind { CSS_TRACK_LENGTH, CSS_TRACK_FLEX, CSS_TRACK_AUTO, CSS_TRACK_MIN_CONTENT, CSS_TRACK_MAX_CONTENT };
struct css_track_breadth {
	uint8_t kind; /* enum css_track_kind */
	float fr; /* CSS_TRACK_FLEX */
	struct css_length length; /* CSS_TRACK_LENGTH, and fit-content()'s limit */
};
/* <track-size>: one breadth is minmax(b, b); fit-content(l) is
 * minmax(auto, max-content) clamped at max.length. */
struct css_track_size {
	struct css_track_breadth min, max;
	bool fit_content;
};
/* A track with the names of the grid line before it. */
struct css_grid_track {
	struct css_track_size size;
	const char **names;
	uint32_t name_count;
};
enum css_grid_repeat { CSS_GRID_REPEAT_NONE, CSS_GRID_REPEAT_AUTO_FILL, CSS_GRID_REPEAT_AUTO_FIT };
/* grid-template-rows/columns: `none` has no tracks. Integer repeat() is
 * expanded. An auto repeat() is the tracks [repeat_start, repeat_start +
 * repeat_count), repeated as often as they fit; between two repetitions
 * the line has the names repeat_last_names + repeat_first_names (the
 * names inside the repeat() after its last and before its first track);
 * the lines before the first and after the last repetition have the
 * track list's names as written. */
struct css_grid_template {
	struct css_grid_track *tracks;
	uint32_t count;
	const char **end_names; /* the line after the last track */
	uint32_t end_name_count;
	uint8_t repeat; /* enum css_grid_repeat */
	uint32_t repeat_start, repeat_count;
	const char **repeat_first_names, **repeat_last_names;
	uint32_t repeat_first_name_count, repeat_last_name_count;
};
/* A named area of grid-template-areas, as line numbers (1-based, end
 * exclusive). */
struct css_grid_area {
	const char *name;
	uint16_t row_start, row_end, column_start, column_end;
};
struct css_grid_areas {
	struct css_grid_area *areas; /* none: count 0 and rows 0 */
	uint32_t count;
	uint16_t rows, columns;
	const char **strings; /* the rows as written, for serialisation */
};
/* <grid-line>: auto (integer 0, no name, no span), [<integer> && <ident>?],
 * span && [<integer> || <ident>] (integer 1 when omitted), or <ident>. */
struct css_grid_line {
	int integer;
	const char *name;
	bool span;
};
enum { CSS_GRID_FLOW_COLUMN = 1, CSS_GRID_FLOW_DENSE = 2 };

/* 2D transform functions, computed to a list applied in order. */
enum css_transform_op { CSS_TF_MATRIX };
struct css_transform {
	float m[6]; /* a b c d e f; translate percentages already folded in by layout via pct fields */
	float translate_pct_x, translate_pct_y; /* % of the border box, added to e/f by paint */
};

enum css_content_kind { CSS_CONTENT_STRING, CSS_CONTENT_ATTR, CSS_CONTENT_COUNTER, CSS_CONTENT_COUNTERS, CSS_CONTENT_OPEN_QUOTE, CSS_CONTENT_CLOSE_QUOTE, CSS_CONTENT_NO_OPEN_QUOTE, CSS_CONTENT_NO_CLOSE_QUOTE, CSS_CONTENT_URL };
struct css_content_item {
	uint8_t kind; /* enum css_content_kind */
	const char *text; /* string, attribute name, counter name or url */
	const char *separator; /* counters() */
	uint8_t list_style; /* enum css_list_style_type for counter()/counters() */
};

struct css_counter_op {
	const char *name;
	int value;
};

/* A font family list as written: names in order, generic keywords as
 * "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui". */
struct css_font_family {
	const char **names;
	bool *quoted; /* names[i] was a quoted string (so not a generic) */
	size_t count;
};

struct css_custom_props;

enum css_cursor { CSS_CURSOR_AUTO, CSS_CURSOR_DEFAULT, CSS_CURSOR_POINTER, CSS_CURSOR_TEXT, CSS_CURSOR_OTHER };

/* The computed style of one element or pseudo-element. Immutable. */
struct css_style {
	/* Box */
	uint8_t display; /* enum css_display */
	uint8_t position, float_, clear, box_sizing, visibility;
	uint8_t overflow_x, overflow_y;
	struct css_length width, height, min_width, min_height, max_width, max_height;
	struct css_length margin[4]; /* top right bottom left */
	struct css_length padding[4];
	struct css_length inset[4]; /* top right bottom left */
	float border_width[4]; /* computed: 0 when style is none/hidden */
	uint8_t border_style[4];
	struct css_color border_color[4];
	struct css_length border_radius[4][2]; /* tl tr br bl; horizontal, vertical */
	bool z_index_auto;
	int z_index;
	float opacity;

	/* Outline */
	float outline_width;
	uint8_t outline_style;
	struct css_color outline_color;
	float outline_offset;

	/* Colour and backgrounds */
	struct css_color color;
	struct css_color background_color;
	struct css_background_layer *backgrounds; /* bottom layer last, as written */
	size_t background_count;
	struct css_shadow *box_shadows;
	size_t box_shadow_count;

	/* border-image (Backgrounds 3 §6); source kind CSS_IMAGE_NONE: none */
	struct css_image border_image_source;
	struct css_border_image_slice border_image_slice;
	struct css_border_image_lengths border_image_width, border_image_outset;
	uint8_t border_image_repeat[2]; /* enum css_border_image_repeat: horizontal, vertical */

	/* Fonts */
	struct css_font_family font_family;
	float font_size; /* px */
	/* font-size came from an absolute-size keyword (1 xx-small .. 8
	 * xxx-large; 0 none): it is resized when the generic family changes
	 * (monospace's 13px medium), as browsers do. */
	uint8_t font_size_keyword;
	/* With a keyword: the product of the em/% factors applied since it,
	 * so that the size follows a change to or from monospace. */
	float font_size_factor;
	uint16_t font_weight; /* 1..1000 */
	uint8_t font_style;
	float font_stretch; /* percent, 100 normal */
	uint8_t font_variant_small_caps;
	uint8_t line_height_kind; /* enum css_line_height_kind */
	float line_height; /* number, or px when CSS_LH_LENGTH */

	/* Text */
	uint8_t white_space, text_align, text_align_last, text_transform, word_break, overflow_wrap, direction, line_break;
	struct css_length text_indent;
	struct css_length letter_spacing; /* kind NORMAL or px */
	struct css_length word_spacing;
	uint8_t text_decoration_line; /* bit set of css_text_decoration_line (this element's own) */
	uint8_t text_decoration_style;
	struct css_color text_decoration_color;
	struct css_length text_decoration_thickness; /* AUTO = from font */
	uint8_t vertical_align; /* enum css_vertical_align_kind */
	struct css_length vertical_align_length;
	struct css_shadow *text_shadows;
	size_t text_shadow_count;
	float tab_size; /* in spaces; a negative value is a length in px (tab-size: 20px gives -20) */

	/* Lists and generated content */
	uint8_t list_style_type, list_style_position;
	const char *list_style_string;
	const char *list_style_image; /* resolved path or NULL */
	struct css_content_item *content; /* NULL with content_none/normal */
	size_t content_count;
	bool content_none; /* content: none (normal is content == NULL && !content_none) */
	struct css_counter_op *counter_reset, *counter_increment, *counter_set;
	size_t counter_reset_count, counter_increment_count, counter_set_count;
	const char **quotes; /* pairs; NULL = auto */
	size_t quote_count;

	/* Flexbox and alignment */
	uint8_t flex_direction, flex_wrap;
	uint8_t justify_content, align_items, align_self, align_content, justify_items, justify_self;
	float flex_grow, flex_shrink;
	struct css_length flex_basis; /* AUTO, or CSS_LEN_MAX_CONTENT for content */
	int order;
	struct css_length row_gap, column_gap;

	/* Grid */
	struct css_grid_template grid_template_rows, grid_template_columns;
	struct css_grid_areas grid_template_areas;
	struct css_track_size *grid_auto_rows; /* count 0: auto */
	uint32_t grid_auto_row_count;
	struct css_track_size *grid_auto_columns;
	uint32_t grid_auto_column_count;
	uint8_t grid_auto_flow; /* CSS_GRID_FLOW_* bits; 0 is row */
	struct css_grid_line grid_row_start, grid_column_start, grid_row_end, grid_column_end;

	/* Replaced content, transforms, misc */
	uint8_t object_fit, image_rendering, cursor;
	uint8_t appearance; /* enum css_appearance */
	/* CSS_AUTHOR_BORDER | CSS_AUTHOR_BACKGROUND: the page (not the UA sheet)
	 * set these on the element, so a themed control is drawn from CSS. */
	uint8_t author_styled;
	/* aspect-ratio (CSS Box Sizing 4 §5): width/height, 0 when none;
	 * aspect_ratio_auto for the `auto` keyword (alone: ratio 0). */
	float aspect_ratio;
	bool aspect_ratio_auto;
	struct css_length object_position_x, object_position_y;
	struct css_transform *transform; /* NULL = none */
	struct css_length transform_origin_x, transform_origin_y;
	uint8_t table_layout_fixed, border_collapse, caption_side_bottom, empty_cells_hide;
	float border_spacing_h, border_spacing_v;
	/* Text decorations in effect from ancestors (propagated per CSS Text
	 * Decoration 3 §2), so painting needs no tree walk. */
	uint8_t decorations_in_effect;
	/* Custom properties (--*) in effect, for var(); opaque, css/ only. */
	const struct css_custom_props *custom;
};

/* ---- Stylesheets and styling ------------------------------------------ */

enum css_origin { CSS_ORIGIN_USER_AGENT, CSS_ORIGIN_USER, CSS_ORIGIN_AUTHOR };

/* Media environment that @media and viewport units are evaluated against. */
struct css_media {
	float viewport_width, viewport_height; /* CSS px */
	float device_pixel_ratio;
};

/* Resource hooks: the style system asks its caller to read linked and
 * imported stylesheets and to register @font-face fonts, so it needs no
 * file access of its own. */
struct css_loader {
	void *ctx;
	/* Reads the file at path into out; false when it cannot, after
	 * reporting why (the reader knows the path and the error). */
	bool (*read)(void *ctx, const char *path, struct base_buf *out);
	/* An @font-face rule with a resolved local source file. */
	void (*font_face)(void *ctx, const char *family, const char *path, int weight, int style);
	/* Resolves a URL from a stylesheet/document at base_path into a file
	 * path (arena-allocated), or NULL when it cannot be fetched. Called
	 * while styling too (url() values), possibly from several pool
	 * threads at once, each with its own arena: it must be thread-safe. */
	const char *(*resolve)(void *ctx, const char *base_path, const char *url, size_t len, struct base_arena *a);
	void (*warn)(void *ctx, const char *message);
	/* The x-height and the advance of "0" of the first available font
	 * of a family list at a size, for ex and ch; false when unknown.
	 * Called from pool threads: it must be thread-safe. NULL: 0.5em. */
	bool (*font_units)(void *ctx, const struct css_font_family *family, float size, int weight, int style, float *ex, float *ch);
};

/* Element state supplied by the viewer. */
struct css_element_state {
	const struct html_node *hover; /* innermost hovered element or NULL */
	const struct html_node *active;
	const struct html_node *focus;
};

enum css_pseudo { CSS_PSEUDO_NONE, CSS_PSEUDO_BEFORE, CSS_PSEUDO_AFTER, CSS_PSEUDO_MARKER, CSS_PSEUDO_FIRST_LINE, CSS_PSEUDO_FIRST_LETTER, CSS_PSEUDO_PLACEHOLDER,
		  CSS_PSEUDO_FILE_SELECTOR_BUTTON, CSS_PSEUDO_COUNT };

struct css_styled_document {
	const struct html_document *doc;
	/* styles[element_index]: never NULL for elements in the tree. */
	const struct css_style **styles;
	/* pseudo[element_index * CSS_PSEUDO_COUNT + pseudo]: NULL when the
	 * pseudo-element does not exist (no content, display none...). */
	const struct css_style **pseudo;
	size_t element_count;
	const struct css_style *initial; /* style of the initial containing block */
	size_t shared_count; /* elements whose style came from the sharing cache */
	/* Some rule depends on :hover/:active/:focus: a change of element
	 * state needs a restyle only when this is set. */
	bool uses_user_action;
	/* Elements styled again by css_restyle_elements() so far: each adds a
	 * style to the document (the replaced ones stay alive). */
	size_t restyled_total;
	struct base_arena arena;
};

struct css_style_options {
	struct css_media media;
	const struct css_loader *loader;
	const struct css_element_state *state;
	const char *document_path; /* base for relative URLs */
	struct base_pool *pool; /* parallel traversal; NULL: one thread */
};

struct css_styled_document *css_style_document(const struct html_document *doc, const struct css_style_options *opt);
void css_styled_document_free(struct css_styled_document *sd);
/* Moves styles computed for one viewport to the media environment m when
 * they hold there: no media query evaluated while styling changes its
 * result and no value uses the viewport size. Returns false, changing
 * nothing, when the document must be styled again. */
bool css_styled_document_set_media(struct css_styled_document *sd, const struct css_media *m);

/* Whether a text field shows its placeholder (:placeholder-shown): then
 * its ::placeholder style, if any, is in the pseudo slot. */
bool css_placeholder_shown(const struct html_node *el);
/* An <input type=file>, which has a ::file-selector-button. */
bool css_is_file_input(const struct html_node *el);
/* An <input> of type submit, reset or button: a push button. */
bool css_is_push_button_input(const struct html_node *el);

static inline const struct css_style *css_style_of(const struct css_styled_document *sd, const struct html_node *el)
{
	return el->element_index < sd->element_count ? sd->styles[el->element_index] : sd->initial;
}

/* ---- Incremental restyle (restyle.c) ------------------------------------ */

/* What a style change forces on the later stages. */
enum css_damage {
	CSS_DAMAGE_NONE,
	CSS_DAMAGE_REPAINT, /* only properties that painting reads changed */
	CSS_DAMAGE_RELAYOUT, /* boxes may move, appear or disappear */
};

/* One style replaced by a restyle: the element's own (pseudo
 * CSS_PSEUDO_NONE) or one of its pseudo-elements'. */
struct css_restyled {
	const struct html_node *element;
	uint8_t pseudo; /* enum css_pseudo */
	const struct css_style *old_style, *new_style;
};

struct css_restyle_result {
	enum css_damage damage; /* the worst over the restyled elements */
	size_t restyled; /* elements styled again */
	size_t changed; /* of which the style or a pseudo-element's changed */
	/* The styles replaced, of elements and of pseudo-elements that
	 * existed before and after. In the document's arena. */
	struct css_restyled *replaced;
	size_t replaced_count;
};

/* Styles again, after the element state the document was styled with
 * (css_style_options.state, read again now) changed from `from`, the
 * elements whose style may depend on the change, found with the
 * invalidation data of the stylesheets, and the descendants of those whose
 * style changed. sd's styles[] and pseudo[] are updated in place; an
 * element whose style did not change keeps its style pointer; the
 * replaced styles stay valid until sd is freed. Returns false when the
 * document needs a full restyle instead (the root's font size, which
 * rem units depend on, changed). Not thread-safe for one sd. */
bool css_restyle_elements(struct css_styled_document *sd, const struct css_element_state *from,
			  struct css_restyle_result *out);
/* Whether two computed styles have the same values (NULL equals NULL). */
bool css_style_equal(const struct css_style *a, const struct css_style *b);
/* The damage of replacing style a by b. */
enum css_damage css_style_damage(const struct css_style *a, const struct css_style *b);

/* A grid container's used tracks, columns then rows: every track of the
 * implicit grid (collapsed auto-fit tracks as 0), how many implicit
 * tracks precede the explicit grid, and the auto repetitions used. */
struct css_used_grid {
	const float *sizes[2];
	uint32_t count[2], offset[2], reps[2];
};

/* Layout's used values of an element, px, for the resolved values of
 * getComputedStyle() (https://drafts.csswg.org/cssom/#resolved-values). */
enum css_used_kind {
	CSS_USED_NONE, /* no box (display none/contents...): computed values */
	CSS_USED_INLINE, /* a non-atomic inline box: computed values but insets */
	CSS_USED_BOX, /* any other box: used values */
};
struct css_used_box {
	uint8_t kind; /* enum css_used_kind */
	float width, height; /* content box; border box with box-sizing: border-box */
	float margin[4], padding[4]; /* top right bottom left */
	/* The containing block's size (its padding box for absolutely
	 * positioned boxes, else its content box), and for absolutely
	 * positioned boxes the used insets. */
	float cb_width, cb_height;
	float inset[4];
	const struct css_used_grid *grid; /* a grid container's tracks, or NULL */
};

/* Dumps: readable, and JSON as getComputedStyle() serialises values. With
 * used (by element index, element_count entries; may be NULL) the
 * layout-dependent properties are resolved values from it. */
void css_dump_styles(const struct css_styled_document *sd, struct base_buf *out);
void css_dump_styles_json(const struct css_styled_document *sd, struct base_buf *out);
void css_dump_styles_json_used(const struct css_styled_document *sd, const struct css_used_box *used, struct base_buf *out);
/* Serialises a colour as CSSOM does: rgb(r, g, b) or rgba(r, g, b, a). */
void css_serialize_color(struct css_color c, struct base_buf *out);

#endif
