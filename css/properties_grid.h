/* css/properties_grid.h: the grid properties' parsers and shorthand
 * expanders (properties_grid.c), named in the property table. */
#ifndef WEFT_CSS_PROPERTIES_GRID_H
#define WEFT_CSS_PROPERTIES_GRID_H

#include "css/internal.h"

bool css_p_grid_template(struct css_compute *cx, struct css_cv_list v);
bool css_p_grid_template_areas(struct css_compute *cx, struct css_cv_list v);
bool css_p_grid_auto_tracks(struct css_compute *cx, struct css_cv_list v);
bool css_p_grid_auto_flow(struct css_compute *cx, struct css_cv_list v);
bool css_p_grid_line(struct css_compute *cx, struct css_cv_list v);
bool css_x_grid_row(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out);
bool css_x_grid_column(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out);
bool css_x_grid_area(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out);
bool css_x_grid_template(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out);
bool css_x_grid(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out);

/* Whether the grid values behind the pointers of two styles are equal. */
bool css_grid_values_equal(const struct css_style *a, const struct css_style *b);
/* Serialises grid-template-rows/columns as getComputedStyle() does for
 * an element that is not a grid container. */
void css_serialize_grid_template(const struct css_grid_template *t, struct base_buf *out);
/* A grid container's resolved track list: its used sizes, with the
 * template's line names. */
void css_serialize_grid_used_tracks(const struct css_grid_template *t, const struct css_used_grid *g, int axis, struct base_buf *out);
void css_serialize_grid_areas(const struct css_grid_areas *a, struct base_buf *out);
void css_serialize_grid_line(const struct css_grid_line *l, struct base_buf *out);
void css_serialize_track_sizes(const struct css_track_size *s, uint32_t n, struct base_buf *out);

#endif
