/* Generated content helpers shared by the box tree builder: counters,
 * content strings, list markers. See generated_content.c. */
#ifndef WEFT_LAYOUT_GENERATED_CONTENT_H
#define WEFT_LAYOUT_GENERATED_CONTENT_H

#include "layout/internal.h"

#include <stdlib.h>

/* Counter instances in scope, innermost last (heap vector). */
struct layout_counters {
	struct counter_instance *items;
	size_t count, cap;
	int quote_depth;
};

void layout_counters_init(struct layout_counters *c);
void layout_counters_free(struct layout_counters *c);
/* Applies an element's (or pseudo-element's) counter properties; new
 * instances are scoped to `scope` (the element's parent). */
void layout_counters_enter(struct layout_counters *c, const struct html_node *el, const struct html_node *scope,
			   const struct css_style *s);
/* Ends the scopes owned by `scope` (after its children). */
void layout_counters_leave(struct layout_counters *c, const struct html_node *scope);
void layout_format_counter(struct base_buf *out, int value, uint8_t list_style_type);
const char *layout_marker_text(struct layout_counters *c, const struct css_style *s, struct base_arena *a);
const char *layout_content_text(struct layout_counters *c, const struct html_node *el, const struct css_style *s,
				struct base_arena *a);

#endif
