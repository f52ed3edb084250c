/* css/computed.h: the hand-off between the cascade (cascade.c) and
 * computed values (computed.c). Internal to css/. */
#ifndef WEFT_CSS_COMPUTED_H
#define WEFT_CSS_COMPUTED_H

#include "css/internal.h"

/* The cascaded value of each longhand of one element, var() already
 * substituted; revert/revert-layer already rolled back. */
struct css_cascaded_value {
	bool present;
	uint8_t wide; /* enum css_wide_keyword */
	struct css_cv_list value;
	const char *base_path; /* for url(): the declaration's stylesheet */
};

struct css_cascaded {
	struct css_cascaded_value decl[CSS_PROP_COUNT];
	const struct css_custom_props *custom; /* NULL: the parent's */
};

void css_copy_property(struct css_style *dst, const struct css_style *src, uint16_t prop);
/* Initial values, then the inherited properties from parent. */
void css_inherit_from(struct css_style *s, const struct css_style *parent);
/* Computes cx->style from the cascaded values. */
void css_compute_style(struct css_compute *cx, const struct css_style *parent, const struct css_cascaded *c,
		       bool is_root, bool is_pseudo);

#endif
