/* layout/grid.h: grid item placement (grid_placement.c), shared with the
 * grid formatting context (grid_layout.c). Private to layout/. */
#ifndef WEFT_LAYOUT_GRID_H
#define WEFT_LAYOUT_GRID_H

#include "layout/internal.h"

/* Grids larger than this many tracks per axis are clamped, so that bad
 * input (span 100000) cannot exhaust memory. */
#define LAYOUT_GRID_MAX_TRACKS 1000

enum { LAYOUT_GRID_COLUMNS, LAYOUT_GRID_ROWS };

/* An item to place: its style in, its grid area out, as [start, end)
 * track indices of the implicit grid (0 is the first implicit track). */
struct layout_grid_placed {
	const struct css_style *style;
	int start[2], end[2]; /* by axis: LAYOUT_GRID_COLUMNS, LAYOUT_GRID_ROWS */
};

/* The implicit grid the placement made, per axis: its track count, how
 * many implicit tracks come before the explicit grid, the explicit
 * grid's track count and the auto repetitions it was given. */
struct layout_grid_shape {
	int count[2], offset[2], explicit_count[2];
	uint32_t reps[2];
};

/* The number of explicit tracks of a template with reps auto repetitions
 * (the grid-template-areas extent included). */
int layout_grid_explicit_count(const struct css_style *cs, int axis, uint32_t reps);

/* CSS Grid 1 §8.5 grid item placement algorithm, in order-modified
 * document order (items are already sorted). */
void layout_grid_place(const struct css_style *cs, const uint32_t reps[2], struct layout_grid_placed *items, size_t n,
		       struct layout_grid_shape *out);

/* The track sizing function of track `track` of the implicit grid. */
struct css_track_size layout_grid_track_size(const struct css_style *cs, const struct layout_grid_shape *g, int axis, int track);

#endif
