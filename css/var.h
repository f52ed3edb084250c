/* css/var.h: custom properties and var() substitution (var.c). Internal. */
#ifndef WEFT_CSS_VAR_H
#define WEFT_CSS_VAR_H

#include "css/internal.h"

/* One cascaded custom property declaration of an element. */
struct css_custom_decl {
	struct css_str name;
	struct css_cv_list value;
	uint8_t wide; /* enum css_wide_keyword */
};

/* The element's custom properties: the parent's plus decls (in cascade
 * order, later wins), with their var() references resolved. */
const struct css_custom_props *css_custom_resolve(struct base_arena *a, const struct css_custom_props *parent,
						  const struct css_custom_decl *decls, size_t n);
/* Substitutes var() in `in`; false when invalid at computed-value time. */
bool css_var_substitute(struct base_arena *a, const struct css_custom_props *props, struct css_cv_list in,
			struct css_cv_list *out);
bool css_custom_value(const struct css_custom_props *p, const char *name, size_t n, struct css_cv_list *out);

#endif
