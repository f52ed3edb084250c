/* The grid of a table box (CSS 2.1 §17.2.1, §17.5): its rows (in the
 * order §17.2 gives header and footer groups) and cells placed in slots by
 * colspan/rowspan, shared by table layout (table_layout.c) and the
 * collapsing border model (table_collapse.c). The arrays are heap-allocated
 * and freed by layout_table_grid_free. */
#ifndef WEFT_LAYOUT_TABLE_GRID_H
#define WEFT_LAYOUT_TABLE_GRID_H

#include "layout/internal.h"

struct tcell {
	struct layout_box *box;
	int row, col, colspan, rowspan;
	float min_w, max_w;
	struct layout_block_result r;
	float dy; /* content moved down by vertical-align */
	float min_h; /* border-box height the cell asks its rows for */
};

struct trow {
	struct layout_box *box; /* NULL when implicit */
	struct layout_box *group; /* NULL when none */
	float y, height;
};

struct tgrid {
	struct trow *rows;
	int nrows, rows_cap;
	struct tcell *cells;
	int ncells, cells_cap;
	int ncols;
	struct layout_box **captions;
	int ncaptions;
	float hspace, vspace;
};

void layout_table_grid_build(struct layout_box *table, struct tgrid *g);
void layout_table_grid_free(struct tgrid *g);
/* The span attribute of a column or column group box (1 to 1000). */
int layout_table_column_span(const struct layout_box *b);

/* One resolved edge of the collapsed border grid (CSS 2.1 §17.6.2.1). */
struct tedge {
	float width;
	uint8_t style; /* enum css_border_style; NONE when there is no border */
	uint8_t origin; /* enum table_origin of the winner */
	bool inside_cell; /* between slots of one spanning cell: no edge at all */
	struct css_color color;
};

/* The collapsed borders of a table, resolved once when the box tree is
 * built (kept in the pass's scratch arena): h[r * ncols + c] is the edge
 * above row r in column c (r <= nrows), v[r * (ncols + 1) + c] the edge left
 * of column c in row r (c <= ncols). */
struct layout_table_borders {
	int nrows, ncols;
	struct tedge *h, *v;
};

/* The border segments paint draws for a collapsed table laid out with
 * column lines at x[0..ncols] and row lines at y[0..nrows], relative to its
 * border box; allocated in the tree's arena. */
void layout_table_collapsed_segments(struct layout_ctx *ctx, const struct layout_table_borders *tb, const float *x, const float *y,
				     struct layout_fragment *table);

#endif
