/* css/property_ids.h: the property table as an X-macro, one line per
 * property: X(ID, "name", flags, longhand parser or shorthand expander,
 * computed field(s) of struct css_style). Included by css/internal.h for
 * the enum and by properties.c for the table. */
#ifndef WEFT_CSS_PROPERTY_IDS_H
#define WEFT_CSS_PROPERTY_IDS_H

/* L(id, name, flags, parser, first field, last field): a longhand whose
 * computed value is the fields [first, last] of struct css_style.
 * S(id, name, expander): a shorthand. */
#define CSS_PROPERTY_LIST(L, S)                                                                           \
	L(DISPLAY, "display", 0, p_display, display, display)                                             \
	L(POSITION, "position", 0, p_keyword, position, position)                                         \
	L(FLOAT, "float", 0, p_keyword, float_, float_)                                                   \
	L(CLEAR, "clear", 0, p_keyword, clear, clear)                                                     \
	L(BOX_SIZING, "box-sizing", 0, p_keyword, box_sizing, box_sizing)                                 \
	L(VISIBILITY, "visibility", INH, p_keyword, visibility, visibility)                               \
	L(OVERFLOW_X, "overflow-x", 0, p_keyword, overflow_x, overflow_x)                                 \
	L(OVERFLOW_Y, "overflow-y", 0, p_keyword, overflow_y, overflow_y)                                 \
	L(WIDTH, "width", 0, p_size, width, width)                                                        \
	L(HEIGHT, "height", 0, p_size, height, height)                                                    \
	L(MIN_WIDTH, "min-width", 0, p_min_size, min_width, min_width)                                    \
	L(MIN_HEIGHT, "min-height", 0, p_min_size, min_height, min_height)                                \
	L(MAX_WIDTH, "max-width", 0, p_max_size, max_width, max_width)                                    \
	L(MAX_HEIGHT, "max-height", 0, p_max_size, max_height, max_height)                                \
	L(MARGIN_TOP, "margin-top", 0, p_margin, margin[0], margin[0])                                    \
	L(MARGIN_RIGHT, "margin-right", 0, p_margin, margin[1], margin[1])                                \
	L(MARGIN_BOTTOM, "margin-bottom", 0, p_margin, margin[2], margin[2])                              \
	L(MARGIN_LEFT, "margin-left", 0, p_margin, margin[3], margin[3])                                  \
	L(PADDING_TOP, "padding-top", 0, p_padding, padding[0], padding[0])                               \
	L(PADDING_RIGHT, "padding-right", 0, p_padding, padding[1], padding[1])                           \
	L(PADDING_BOTTOM, "padding-bottom", 0, p_padding, padding[2], padding[2])                         \
	L(PADDING_LEFT, "padding-left", 0, p_padding, padding[3], padding[3])                             \
	L(TOP, "top", 0, p_inset, inset[0], inset[0])                                                     \
	L(RIGHT, "right", 0, p_inset, inset[1], inset[1])                                                 \
	L(BOTTOM, "bottom", 0, p_inset, inset[2], inset[2])                                               \
	L(LEFT, "left", 0, p_inset, inset[3], inset[3])                                                   \
	L(BORDER_TOP_WIDTH, "border-top-width", 0, p_border_width, border_width[0], border_width[0])       \
	L(BORDER_RIGHT_WIDTH, "border-right-width", 0, p_border_width, border_width[1], border_width[1])   \
	L(BORDER_BOTTOM_WIDTH, "border-bottom-width", 0, p_border_width, border_width[2], border_width[2]) \
	L(BORDER_LEFT_WIDTH, "border-left-width", 0, p_border_width, border_width[3], border_width[3])     \
	L(BORDER_TOP_STYLE, "border-top-style", 0, p_border_style, border_style[0], border_style[0])       \
	L(BORDER_RIGHT_STYLE, "border-right-style", 0, p_border_style, border_style[1], border_style[1])   \
	L(BORDER_BOTTOM_STYLE, "border-bottom-style", 0, p_border_style, border_style[2], border_style[2]) \
	L(BORDER_LEFT_STYLE, "border-left-style", 0, p_border_style, border_style[3], border_style[3])     \
	L(BORDER_TOP_COLOR, "border-top-color", CUR, p_border_color, border_color[0], border_color[0])     \
	L(BORDER_RIGHT_COLOR, "border-right-color", CUR, p_border_color, border_color[1], border_color[1]) \
	L(BORDER_BOTTOM_COLOR, "border-bottom-color", CUR, p_border_color, border_color[2], border_color[2]) \
	L(BORDER_LEFT_COLOR, "border-left-color", CUR, p_border_color, border_color[3], border_color[3])   \
	L(BORDER_TOP_LEFT_RADIUS, "border-top-left-radius", 0, p_radius, border_radius[0], border_radius[0]) \
	L(BORDER_TOP_RIGHT_RADIUS, "border-top-right-radius", 0, p_radius, border_radius[1], border_radius[1]) \
	L(BORDER_BOTTOM_RIGHT_RADIUS, "border-bottom-right-radius", 0, p_radius, border_radius[2], border_radius[2]) \
	L(BORDER_BOTTOM_LEFT_RADIUS, "border-bottom-left-radius", 0, p_radius, border_radius[3], border_radius[3]) \
	L(Z_INDEX, "z-index", 0, p_z_index, z_index_auto, z_index)                                        \
	L(OPACITY, "opacity", 0, p_opacity, opacity, opacity)                                             \
	L(OUTLINE_WIDTH, "outline-width", 0, p_outline_width, outline_width, outline_width)               \
	L(OUTLINE_STYLE, "outline-style", 0, p_outline_style, outline_style, outline_style)               \
	L(OUTLINE_COLOR, "outline-color", CUR, p_outline_color, outline_color, outline_color)             \
	L(OUTLINE_OFFSET, "outline-offset", 0, p_outline_offset, outline_offset, outline_offset)          \
	L(COLOR, "color", INH | EARLY, p_color, color, color)                                             \
	L(BACKGROUND_COLOR, "background-color", 0, p_background_color, background_color, background_color) \
	L(BACKGROUND_IMAGE, "background-image", 0, p_background_image, backgrounds, background_count)     \
	L(BACKGROUND_REPEAT, "background-repeat", 0, p_background_repeat, backgrounds, background_count)   \
	L(BACKGROUND_POSITION_X, "background-position-x", 0, p_background_position_x, backgrounds, background_count) \
	L(BACKGROUND_POSITION_Y, "background-position-y", 0, p_background_position_y, backgrounds, background_count) \
	L(BACKGROUND_SIZE, "background-size", 0, p_background_size, backgrounds, background_count)         \
	L(BACKGROUND_ORIGIN, "background-origin", 0, p_background_origin, backgrounds, background_count)   \
	L(BACKGROUND_CLIP, "background-clip", 0, p_background_clip, backgrounds, background_count)         \
	L(BACKGROUND_ATTACHMENT, "background-attachment", 0, p_background_attachment, backgrounds, background_count) \
	L(BORDER_IMAGE_SOURCE, "border-image-source", 0, p_border_image_source, border_image_source, border_image_source) \
	L(BORDER_IMAGE_SLICE, "border-image-slice", 0, p_border_image_slice, border_image_slice, border_image_slice) \
	L(BORDER_IMAGE_WIDTH, "border-image-width", 0, p_border_image_width, border_image_width, border_image_width) \
	L(BORDER_IMAGE_OUTSET, "border-image-outset", 0, p_border_image_outset, border_image_outset, border_image_outset) \
	L(BORDER_IMAGE_REPEAT, "border-image-repeat", 0, p_border_image_repeat, border_image_repeat, border_image_repeat) \
	L(BOX_SHADOW, "box-shadow", 0, p_box_shadow, box_shadows, box_shadow_count)                       \
	L(FONT_FAMILY, "font-family", INH | EARLY, p_font_family, font_family, font_family)               \
	L(FONT_SIZE, "font-size", INH | EARLY, p_font_size, font_size, font_size_factor)                         \
	L(FONT_WEIGHT, "font-weight", INH | EARLY, p_font_weight, font_weight, font_weight)               \
	L(FONT_STYLE, "font-style", INH | EARLY, p_keyword, font_style, font_style)                         \
	L(FONT_STRETCH, "font-stretch", INH, p_font_stretch, font_stretch, font_stretch)                  \
	L(FONT_VARIANT_CAPS, "font-variant-caps", INH, p_font_variant_caps, font_variant_small_caps, font_variant_small_caps) \
	L(LINE_HEIGHT, "line-height", INH, p_line_height, line_height_kind, line_height)                  \
	L(WHITE_SPACE, "white-space", INH, p_keyword, white_space, white_space)                           \
	L(TEXT_ALIGN, "text-align", INH, p_text_align, text_align, text_align)                            \
	L(TEXT_ALIGN_LAST, "text-align-last", INH, p_text_align_last, text_align_last, text_align_last)   \
	L(TEXT_TRANSFORM, "text-transform", INH, p_keyword, text_transform, text_transform)               \
	L(WORD_BREAK, "word-break", INH, p_keyword, word_break, word_break)                               \
	L(OVERFLOW_WRAP, "overflow-wrap", INH, p_keyword, overflow_wrap, overflow_wrap)                   \
	L(LINE_BREAK, "line-break", INH, p_keyword, line_break, line_break)                               \
	L(DIRECTION, "direction", INH | EARLY, p_keyword, direction, direction)                               \
	L(TEXT_INDENT, "text-indent", INH, p_text_indent, text_indent, text_indent)                       \
	L(LETTER_SPACING, "letter-spacing", INH, p_spacing, letter_spacing, letter_spacing)               \
	L(WORD_SPACING, "word-spacing", INH, p_spacing, word_spacing, word_spacing)                       \
	L(TEXT_DECORATION_LINE, "text-decoration-line", 0, p_text_decoration_line, text_decoration_line, text_decoration_line) \
	L(TEXT_DECORATION_STYLE, "text-decoration-style", 0, p_keyword, text_decoration_style, text_decoration_style) \
	L(TEXT_DECORATION_COLOR, "text-decoration-color", CUR, p_text_decoration_color, text_decoration_color, text_decoration_color) \
	L(TEXT_DECORATION_THICKNESS, "text-decoration-thickness", 0, p_text_decoration_thickness, text_decoration_thickness, text_decoration_thickness) \
	L(VERTICAL_ALIGN, "vertical-align", 0, p_vertical_align, vertical_align, vertical_align_length)   \
	L(TEXT_SHADOW, "text-shadow", INH, p_text_shadow, text_shadows, text_shadow_count)                \
	L(TAB_SIZE, "tab-size", INH, p_tab_size, tab_size, tab_size)                                      \
	L(LIST_STYLE_TYPE, "list-style-type", INH, p_list_style_type, list_style_type, list_style_type)   \
	L(LIST_STYLE_POSITION, "list-style-position", INH, p_keyword, list_style_position, list_style_position) \
	L(LIST_STYLE_IMAGE, "list-style-image", INH, p_list_style_image, list_style_image, list_style_image) \
	L(CONTENT, "content", 0, p_content, content, content_none)                                        \
	L(COUNTER_RESET, "counter-reset", 0, p_counter_reset, counter_reset, counter_reset)               \
	L(COUNTER_INCREMENT, "counter-increment", 0, p_counter_increment, counter_increment, counter_increment) \
	L(COUNTER_SET, "counter-set", 0, p_counter_set, counter_set, counter_set)                         \
	L(QUOTES, "quotes", INH, p_quotes, quotes, quote_count)                                           \
	L(FLEX_DIRECTION, "flex-direction", 0, p_keyword, flex_direction, flex_direction)                 \
	L(FLEX_WRAP, "flex-wrap", 0, p_keyword, flex_wrap, flex_wrap)                                     \
	L(JUSTIFY_CONTENT, "justify-content", 0, p_align, justify_content, justify_content)               \
	L(ALIGN_ITEMS, "align-items", 0, p_align, align_items, align_items)                               \
	L(ALIGN_SELF, "align-self", 0, p_align, align_self, align_self)                                   \
	L(ALIGN_CONTENT, "align-content", 0, p_align, align_content, align_content)                       \
	L(JUSTIFY_ITEMS, "justify-items", 0, p_align, justify_items, justify_items)                       \
	L(JUSTIFY_SELF, "justify-self", 0, p_align, justify_self, justify_self)                           \
	L(FLEX_GROW, "flex-grow", 0, p_flex_factor, flex_grow, flex_grow)                                 \
	L(FLEX_SHRINK, "flex-shrink", 0, p_flex_factor, flex_shrink, flex_shrink)                         \
	L(FLEX_BASIS, "flex-basis", 0, p_flex_basis, flex_basis, flex_basis)                              \
	L(ORDER, "order", 0, p_order, order, order)                                                       \
	L(ROW_GAP, "row-gap", 0, p_gap, row_gap, row_gap)                                                 \
	L(COLUMN_GAP, "column-gap", 0, p_gap, column_gap, column_gap)                                     \
	L(GRID_TEMPLATE_ROWS, "grid-template-rows", 0, css_p_grid_template, grid_template_rows, grid_template_rows) \
	L(GRID_TEMPLATE_COLUMNS, "grid-template-columns", 0, css_p_grid_template, grid_template_columns, grid_template_columns) \
	L(GRID_TEMPLATE_AREAS, "grid-template-areas", 0, css_p_grid_template_areas, grid_template_areas, grid_template_areas) \
	L(GRID_AUTO_ROWS, "grid-auto-rows", 0, css_p_grid_auto_tracks, grid_auto_rows, grid_auto_row_count) \
	L(GRID_AUTO_COLUMNS, "grid-auto-columns", 0, css_p_grid_auto_tracks, grid_auto_columns, grid_auto_column_count) \
	L(GRID_AUTO_FLOW, "grid-auto-flow", 0, css_p_grid_auto_flow, grid_auto_flow, grid_auto_flow) \
	L(GRID_ROW_START, "grid-row-start", 0, css_p_grid_line, grid_row_start, grid_row_start) \
	L(GRID_COLUMN_START, "grid-column-start", 0, css_p_grid_line, grid_column_start, grid_column_start) \
	L(GRID_ROW_END, "grid-row-end", 0, css_p_grid_line, grid_row_end, grid_row_end) \
	L(GRID_COLUMN_END, "grid-column-end", 0, css_p_grid_line, grid_column_end, grid_column_end) \
	L(ASPECT_RATIO, "aspect-ratio", 0, p_aspect_ratio, aspect_ratio, aspect_ratio_auto)              \
	L(OBJECT_FIT, "object-fit", 0, p_keyword, object_fit, object_fit)                                 \
	L(APPEARANCE, "appearance", 0, p_keyword, appearance, appearance)                                 \
	L(OBJECT_POSITION, "object-position", 0, p_object_position, object_position_x, object_position_y) \
	L(IMAGE_RENDERING, "image-rendering", INH, p_image_rendering, image_rendering, image_rendering)   \
	L(CURSOR, "cursor", INH, p_cursor, cursor, cursor)                                                \
	L(TRANSFORM, "transform", 0, p_transform, transform, transform)                                   \
	L(TRANSFORM_ORIGIN, "transform-origin", 0, p_transform_origin, transform_origin_x, transform_origin_y) \
	L(TABLE_LAYOUT, "table-layout", 0, p_keyword, table_layout_fixed, table_layout_fixed)             \
	L(BORDER_COLLAPSE, "border-collapse", INH, p_keyword, border_collapse, border_collapse)           \
	L(CAPTION_SIDE, "caption-side", INH, p_keyword, caption_side_bottom, caption_side_bottom)         \
	L(EMPTY_CELLS, "empty-cells", INH, p_keyword, empty_cells_hide, empty_cells_hide)                 \
	L(BORDER_SPACING, "border-spacing", INH, p_border_spacing, border_spacing_h, border_spacing_v)    \
	S(MARGIN, "margin", x_margin)                                                                     \
	S(PADDING, "padding", x_padding)                                                                  \
	S(INSET, "inset", x_inset)                                                                        \
	S(BORDER, "border", x_border)                                                                     \
	S(BORDER_TOP, "border-top", x_border_side)                                                        \
	S(BORDER_RIGHT, "border-right", x_border_side)                                                    \
	S(BORDER_BOTTOM, "border-bottom", x_border_side)                                                  \
	S(BORDER_LEFT, "border-left", x_border_side)                                                      \
	S(BORDER_WIDTH, "border-width", x_border_width)                                                   \
	S(BORDER_STYLE, "border-style", x_border_style)                                                   \
	S(BORDER_COLOR, "border-color", x_border_color)                                                   \
	S(BORDER_RADIUS, "border-radius", x_border_radius)                                                \
	S(BACKGROUND, "background", x_background)                                                         \
	S(BORDER_IMAGE, "border-image", x_border_image)                                                   \
	S(BACKGROUND_POSITION, "background-position", x_background_position)                              \
	S(FONT, "font", x_font)                                                                           \
	S(FONT_VARIANT, "font-variant", x_font_variant)                                                   \
	S(LIST_STYLE, "list-style", x_list_style)                                                         \
	S(FLEX, "flex", x_flex)                                                                           \
	S(FLEX_FLOW, "flex-flow", x_flex_flow)                                                            \
	S(GAP, "gap", x_gap)                                                                              \
	S(GRID_GAP, "grid-gap", x_gap)                                                                    \
	S(GRID_ROW, "grid-row", css_x_grid_row)                                                           \
	S(GRID_COLUMN, "grid-column", css_x_grid_column)                                                  \
	S(GRID_AREA, "grid-area", css_x_grid_area)                                                        \
	S(GRID_TEMPLATE, "grid-template", css_x_grid_template)                                            \
	S(GRID, "grid", css_x_grid)                                                                       \
	S(OUTLINE, "outline", x_outline)                                                                  \
	S(OVERFLOW, "overflow", x_overflow)                                                               \
	S(TEXT_DECORATION, "text-decoration", x_text_decoration)                                          \
	S(PLACE_CONTENT, "place-content", x_place_content)                                                \
	S(PLACE_ITEMS, "place-items", x_place_items)                                                      \
	S(PLACE_SELF, "place-self", x_place_self)                                                         \
	S(WORD_WRAP, "word-wrap", x_word_wrap)                                                            \
	S(MARGIN_BLOCK, "margin-block", x_logical)                                    \
	S(MARGIN_INLINE, "margin-inline", x_logical)                                  \
	S(MARGIN_BLOCK_START, "margin-block-start", x_logical)                        \
	S(MARGIN_BLOCK_END, "margin-block-end", x_logical)                            \
	S(MARGIN_INLINE_START, "margin-inline-start", x_logical)                      \
	S(MARGIN_INLINE_END, "margin-inline-end", x_logical)                          \
	S(PADDING_BLOCK, "padding-block", x_logical)                                  \
	S(PADDING_INLINE, "padding-inline", x_logical)                                \
	S(PADDING_BLOCK_START, "padding-block-start", x_logical)                      \
	S(PADDING_BLOCK_END, "padding-block-end", x_logical)                          \
	S(PADDING_INLINE_START, "padding-inline-start", x_logical)                    \
	S(PADDING_INLINE_END, "padding-inline-end", x_logical)                        \
	S(INSET_BLOCK, "inset-block", x_logical)                                      \
	S(INSET_INLINE, "inset-inline", x_logical)                                    \
	S(INSET_BLOCK_START, "inset-block-start", x_logical)                          \
	S(INSET_BLOCK_END, "inset-block-end", x_logical)                              \
	S(INSET_INLINE_START, "inset-inline-start", x_logical)                        \
	S(INSET_INLINE_END, "inset-inline-end", x_logical)                            \
	S(INLINE_SIZE, "inline-size", x_logical)                                      \
	S(BLOCK_SIZE, "block-size", x_logical)                                        \
	S(MIN_INLINE_SIZE, "min-inline-size", x_logical)                              \
	S(MIN_BLOCK_SIZE, "min-block-size", x_logical)                                \
	S(MAX_INLINE_SIZE, "max-inline-size", x_logical)                              \
	S(MAX_BLOCK_SIZE, "max-block-size", x_logical)                                \
	S(BORDER_BLOCK_START, "border-block-start", x_logical)                        \
	S(BORDER_BLOCK_END, "border-block-end", x_logical)                            \
	S(BORDER_INLINE_START, "border-inline-start", x_logical)                      \
	S(BORDER_INLINE_END, "border-inline-end", x_logical)                          \
	S(BORDER_BLOCK, "border-block", x_logical)                                    \
	S(BORDER_INLINE, "border-inline", x_logical)                                  \
	S(BORDER_BLOCK_WIDTH, "border-block-width", x_logical)                        \
	S(BORDER_INLINE_WIDTH, "border-inline-width", x_logical)                      \
	S(BORDER_BLOCK_STYLE, "border-block-style", x_logical)                        \
	S(BORDER_INLINE_STYLE, "border-inline-style", x_logical)                      \
	S(BORDER_BLOCK_COLOR, "border-block-color", x_logical)                        \
	S(BORDER_INLINE_COLOR, "border-inline-color", x_logical)                      \
	S(BORDER_BLOCK_START_WIDTH, "border-block-start-width", x_logical)            \
	S(BORDER_BLOCK_START_STYLE, "border-block-start-style", x_logical)            \
	S(BORDER_BLOCK_START_COLOR, "border-block-start-color", x_logical)            \
	S(BORDER_BLOCK_END_WIDTH, "border-block-end-width", x_logical)                \
	S(BORDER_BLOCK_END_STYLE, "border-block-end-style", x_logical)                \
	S(BORDER_BLOCK_END_COLOR, "border-block-end-color", x_logical)                \
	S(BORDER_INLINE_START_WIDTH, "border-inline-start-width", x_logical)          \
	S(BORDER_INLINE_START_STYLE, "border-inline-start-style", x_logical)          \
	S(BORDER_INLINE_START_COLOR, "border-inline-start-color", x_logical)          \
	S(BORDER_INLINE_END_WIDTH, "border-inline-end-width", x_logical)              \
	S(BORDER_INLINE_END_STYLE, "border-inline-end-style", x_logical)              \
	S(BORDER_INLINE_END_COLOR, "border-inline-end-color", x_logical)

enum css_property_id {
#define CSS_PROP_ENUM_L(id, name, flags, fn, first, last) CSS_PROP_##id,
#define CSS_PROP_ENUM_S(id, name, fn) CSS_PROP_##id,
	CSS_PROPERTY_LIST(CSS_PROP_ENUM_L, CSS_PROP_ENUM_S)
#undef CSS_PROP_ENUM_L
#undef CSS_PROP_ENUM_S
	CSS_PROP_CUSTOM, /* --name */
	CSS_PROP_COUNT
};

#endif
