/* The collapsing border model (CSS 2.1 §17.6.2,
 * https://www.w3.org/TR/CSS21/tables.html#collapsing-borders).
 *
 * Every edge of the table grid gets one border, the winner of the borders
 * of the cells, rows, row groups, columns, column groups and the table that
 * meet there (§17.6.2.1). Each cell then has half of each collapsed border
 * inside its border box, and the table half of the widest outer border on
 * each side and no padding (as Blink lays it out: halves are exact, not
 * rounded). Layout sees that through derived styles that replace the boxes'
 * own (their border colours transparent, since the table paints the
 * collapsed borders: table_layout.c turns the edges into segments).
 *
 * The resolved edges live in the pass's scratch arena with the box tree;
 * derived styles and segments live in the tree's arena. */
#include "layout/table_grid.h"

#include <stdlib.h>

/* §17.6.2.1 rule 5: where style and width are equal, the border of a cell
 * wins over a row's, then row group, column, column group, table. */
enum table_origin { ORIGIN_TABLE, ORIGIN_COLUMN_GROUP, ORIGIN_COLUMN, ORIGIN_ROW_GROUP, ORIGIN_ROW, ORIGIN_CELL };

/* §17.6.2.1 rule 4: double > solid > dashed > dotted > ridge > outset >
 * groove > inset > none, by enum css_border_style. */
static const uint8_t style_rank[] = {
	[CSS_BORDER_NONE] = 0,	 [CSS_BORDER_HIDDEN] = 0, [CSS_BORDER_DOTTED] = 5, [CSS_BORDER_DASHED] = 6,
	[CSS_BORDER_SOLID] = 7,	 [CSS_BORDER_DOUBLE] = 8, [CSS_BORDER_GROOVE] = 2, [CSS_BORDER_RIDGE] = 4,
	[CSS_BORDER_INSET] = 1,	 [CSS_BORDER_OUTSET] = 3, [CSS_BORDER_AUTO] = 0,
};

/* Whether border a beats border b (rules 3-5; rules 1-2 are the caller's).
 * At a full tie the border already there (further left or up) stays. */
static bool wins(float aw, uint8_t as, uint8_t ao, const struct tedge *b)
{
	if (aw != b->width)
		return aw > b->width;
	if (style_rank[as] != style_rank[b->style])
		return style_rank[as] > style_rank[b->style];
	return ao > b->origin;
}

/* Offers side `side` of style s as the border of edge e. */
static void offer(struct tedge *e, const struct css_style *s, int side, uint8_t origin)
{
	if (e->inside_cell || e->style == CSS_BORDER_HIDDEN)
		return;
	uint8_t st = s->border_style[side];
	if (st == CSS_BORDER_HIDDEN) {
		/* Rule 1: hidden suppresses every other border. */
		*e = (struct tedge){.style = CSS_BORDER_HIDDEN, .origin = origin};
		return;
	}
	/* Rule 2: none has the lowest priority. */
	if (st == CSS_BORDER_NONE || st >= BASE_ARRAY_LEN(style_rank) || !(s->border_width[side] > 0))
		return;
	if (e->style == CSS_BORDER_NONE || wins(s->border_width[side], st, origin, e))
		*e = (struct tedge){s->border_width[side], st, origin, false, s->border_color[side]};
}

static struct tedge *hedge(const struct layout_table_borders *tb, int r, int c)
{
	return &tb->h[(size_t)r * (size_t)tb->ncols + (size_t)c];
}

static struct tedge *vedge(const struct layout_table_borders *tb, int r, int c)
{
	return &tb->v[(size_t)r * (size_t)(tb->ncols + 1) + (size_t)c];
}

/* The top, right, bottom and left of the rectangle of slots [r0, r1) x
 * [c0, c1) offered the box's borders. */
static void offer_rect(const struct layout_table_borders *tb, const struct css_style *s, int r0, int r1, int c0, int c1, uint8_t origin)
{
	for (int c = c0; c < c1; c++) {
		offer(hedge(tb, r0, c), s, 0, origin);
		offer(hedge(tb, r1, c), s, 2, origin);
	}
	for (int r = r0; r < r1; r++) {
		offer(vedge(tb, r, c0), s, 3, origin);
		offer(vedge(tb, r, c1), s, 1, origin);
	}
}

/* Columns and column groups (§17.3), in the order of the grid's columns. */
static void offer_columns(const struct layout_box *table, const struct layout_table_borders *tb)
{
	int col = 0;
	for (const struct layout_box *c = table->first; c && col < tb->ncols; c = c->next) {
		uint8_t d = c->style->display;
		if (c->is_abspos || (d != CSS_DISPLAY_TABLE_COLUMN && d != CSS_DISPLAY_TABLE_COLUMN_GROUP))
			continue;
		int start = col;
		bool has_cols = false;
		if (d == CSS_DISPLAY_TABLE_COLUMN_GROUP) {
			for (const struct layout_box *k = c->first; k; k = k->next) {
				if (k->is_abspos || k->style->display != CSS_DISPLAY_TABLE_COLUMN)
					continue;
				has_cols = true;
				int end = BASE_MIN(col + layout_table_column_span(k), tb->ncols);
				if (col < end)
					offer_rect(tb, k->style, 0, tb->nrows, col, end, ORIGIN_COLUMN);
				col = end;
			}
		}
		if (!has_cols)
			col = BASE_MIN(col + layout_table_column_span(c), tb->ncols);
		if (start < col)
			offer_rect(tb, c->style, 0, tb->nrows, start, col,
				   d == CSS_DISPLAY_TABLE_COLUMN ? ORIGIN_COLUMN : ORIGIN_COLUMN_GROUP);
	}
}

/* §17.6.2.1: the border of every grid edge. */
static struct layout_table_borders *resolve(struct layout_ctx *ctx, struct layout_box *table, const struct tgrid *g)
{
	struct layout_table_borders *tb = base_arena_calloc(&ctx->scratch, 1, sizeof *tb);
	tb->nrows = g->nrows;
	tb->ncols = g->ncols;
	tb->h = base_arena_calloc(&ctx->scratch, (size_t)(g->nrows + 1) * (size_t)g->ncols, sizeof *tb->h);
	tb->v = base_arena_calloc(&ctx->scratch, (size_t)g->nrows * (size_t)(g->ncols + 1), sizeof *tb->v);
	/* Inside a spanning cell there is no edge. */
	for (int i = 0; i < g->ncells; i++) {
		const struct tcell *c = &g->cells[i];
		for (int r = c->row + 1; r < c->row + c->rowspan; r++)
			for (int k = c->col; k < c->col + c->colspan; k++)
				hedge(tb, r, k)->inside_cell = true;
		for (int r = c->row; r < c->row + c->rowspan; r++)
			for (int k = c->col + 1; k < c->col + c->colspan; k++)
				vedge(tb, r, k)->inside_cell = true;
	}
	/* Cells in grid order, so that of two equal cell borders the one
	 * further up or left is offered first and stays. */
	for (int i = 0; i < g->ncells; i++) {
		const struct tcell *c = &g->cells[i];
		offer_rect(tb, c->box->style, c->row, c->row + c->rowspan, c->col, c->col + c->colspan, ORIGIN_CELL);
	}
	for (int r = 0; r < g->nrows; r++)
		if (g->rows[r].box)
			offer_rect(tb, g->rows[r].box->style, r, r + 1, 0, g->ncols, ORIGIN_ROW);
	for (int r = 0; r < g->nrows;) {
		int end = r + 1;
		struct layout_box *grp = g->rows[r].group;
		while (grp && end < g->nrows && g->rows[end].group == grp)
			end++;
		if (grp)
			offer_rect(tb, grp->style, r, end, 0, g->ncols, ORIGIN_ROW_GROUP);
		r = end;
	}
	offer_columns(table, tb);
	offer_rect(tb, table->style, 0, g->nrows, 0, g->ncols, ORIGIN_TABLE);
	return tb;
}

static float max_h(const struct layout_table_borders *tb, int r, int c0, int c1)
{
	float w = 0;
	for (int c = c0; c < c1; c++)
		w = BASE_MAX(w, hedge(tb, r, c)->width);
	return w;
}

static float max_v(const struct layout_table_borders *tb, int r0, int r1, int c)
{
	float w = 0;
	for (int r = r0; r < r1; r++)
		w = BASE_MAX(w, vedge(tb, r, c)->width);
	return w;
}

/* A copy of style s with used border widths w (top right bottom left),
 * painting nothing itself; the table's also loses its padding (§17.6.2:
 * a table in this model has none). Shared by boxes with the same style
 * and widths. */
static const struct css_style *collapsed_style(struct layout_ctx *ctx, const struct css_style *s, const float w[4], bool table)
{
	char key[sizeof s + 4 * sizeof(float) + 1];
	memcpy(key, &s, sizeof s);
	memcpy(key + sizeof s, w, 4 * sizeof(float));
	key[sizeof key - 1] = table ? 'T' : 'C';
	struct css_style *d = base_map_get(&ctx->anon_styles, key, sizeof key);
	if (d)
		return d;
	d = base_arena_alloc(&ctx->tree->arena, sizeof *d);
	*d = *s;
	for (int i = 0; i < 4; i++) {
		d->border_width[i] = w[i];
		d->border_style[i] = w[i] > 0 ? CSS_BORDER_SOLID : CSS_BORDER_NONE;
		d->border_color[i] = (struct css_color){0, 0, 0, 0};
		if (table)
			d->padding[i] = (struct css_length){.kind = CSS_LEN_FIXED};
	}
	base_map_put(&ctx->anon_styles, key, sizeof key, d);
	return d;
}

static void copy_key(const struct css_style *s, char key[sizeof s + 1])
{
	memcpy(key, &s, sizeof s);
	key[sizeof s] = 'R';
}

/* A copy of a row's or row group's style; the copy is filed under its own
 * key too, so that a group met again through its next row keeps it. */
static const struct css_style *own_copy(struct layout_ctx *ctx, const struct css_style *s)
{
	char key[sizeof s + 1];
	copy_key(s, key);
	struct css_style *d = base_map_get(&ctx->anon_styles, key, sizeof key);
	if (!d) {
		d = base_arena_alloc(&ctx->tree->arena, sizeof *d);
		*d = *s;
		base_map_put(&ctx->anon_styles, key, sizeof key, d);
		copy_key(d, key);
		base_map_put(&ctx->anon_styles, key, sizeof key, d);
	}
	return d;
}

static void collapse_table(struct layout_ctx *ctx, struct layout_box *table)
{
	struct tgrid g;
	layout_table_grid_build(table, &g);
	if (g.nrows == 0 || g.ncols == 0) {
		layout_table_grid_free(&g);
		return;
	}
	struct layout_table_borders *tb = resolve(ctx, table, &g);
	for (int i = 0; i < g.ncells; i++) {
		struct tcell *c = &g.cells[i];
		int r0 = c->row, r1 = c->row + c->rowspan, c0 = c->col, c1 = c->col + c->colspan;
		float w[4] = {max_h(tb, r0, c0, c1) / 2, max_v(tb, r0, r1, c1) / 2, max_h(tb, r1, c0, c1) / 2, max_v(tb, r0, r1, c0) / 2};
		c->box->style = collapsed_style(ctx, c->box->style, w, false);
	}
	float w[4] = {max_h(tb, 0, 0, g.ncols) / 2, max_v(tb, 0, g.nrows, g.ncols) / 2, max_h(tb, g.nrows, 0, g.ncols) / 2,
		      max_v(tb, 0, g.nrows, 0) / 2};
	table->style = collapsed_style(ctx, table->style, w, true);
	table->collapsed = tb;
	/* Rows and groups keep their values but not their style pointers,
	 * so that restyling one (its borders are in the table's) lays the
	 * table out again instead of only repainting the row. */
	for (int r = 0; r < g.nrows; r++) {
		struct layout_box *parts[2] = {g.rows[r].box, g.rows[r].group};
		for (int k = 0; k < 2; k++)
			if (parts[k])
				parts[k]->style = own_copy(ctx, parts[k]->style);
	}
	layout_table_grid_free(&g);
}

void layout_table_collapse_borders(struct layout_ctx *ctx, struct layout_box *root)
{
	/* The box tree is at most LAYOUT_MAX_DEPTH deep (deeper content is
	 * flattened), so the recursion is bounded. */
	for (struct layout_box *c = root->first; c; c = c->next) {
		if (c->type != LAYOUT_BOX_BLOCK && c->type != LAYOUT_BOX_INLINE)
			continue;
		layout_table_collapse_borders(ctx, c);
		if (layout_is_table(c) && c->style->border_collapse)
			collapse_table(ctx, c);
	}
}

/* ---- Segments for paint -------------------------------------------------- */

struct segment {
	struct layout_collapsed_border b;
	const struct tedge *e;
	size_t order;
};

/* Paint order: losing borders first, so that where edges cross the
 * winner is drawn last (§17.6.2.1's precedence again). */
static int segment_cmp(const void *pa, const void *pb)
{
	const struct segment *a = pa, *b = pb;
	if (a->e->width != b->e->width)
		return a->e->width < b->e->width ? -1 : 1;
	if (style_rank[a->e->style] != style_rank[b->e->style])
		return style_rank[a->e->style] < style_rank[b->e->style] ? -1 : 1;
	if (a->e->origin != b->e->origin)
		return a->e->origin < b->e->origin ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static bool same_border(const struct tedge *a, const struct tedge *b)
{
	return a->width == b->width && a->style == b->style && a->origin == b->origin && !memcmp(&a->color, &b->color, sizeof a->color);
}

static bool paints(const struct tedge *e)
{
	return !e->inside_cell && e->width > 0 && e->style != CSS_BORDER_NONE && e->style != CSS_BORDER_HIDDEN;
}

/* Half the widest edge crossing line r (horizontal) at column line c. */
static float joint_v(const struct layout_table_borders *tb, int r, int c)
{
	float w = 0;
	if (r > 0)
		w = vedge(tb, r - 1, c)->width;
	if (r < tb->nrows)
		w = BASE_MAX(w, vedge(tb, r, c)->width);
	return w / 2;
}

static float joint_h(const struct layout_table_borders *tb, int r, int c)
{
	float w = 0;
	if (c > 0)
		w = hedge(tb, r, c - 1)->width;
	if (c < tb->ncols)
		w = BASE_MAX(w, hedge(tb, r, c)->width);
	return w / 2;
}

void layout_table_collapsed_segments(struct layout_ctx *ctx, const struct layout_table_borders *tb, const float *x, const float *y,
				     struct layout_fragment *table)
{
	size_t cap = (size_t)(tb->nrows + 1) * (size_t)tb->ncols + (size_t)tb->nrows * (size_t)(tb->ncols + 1), n = 0;
	struct segment *segs = base_xcalloc(cap + 1, sizeof *segs);
	/* Runs of equal edges along a line become one segment, reaching
	 * over the crossing edges at its ends. */
	for (int r = 0; r <= tb->nrows; r++)
		for (int c = 0; c < tb->ncols;) {
			const struct tedge *e = hedge(tb, r, c);
			int end = c + 1;
			if (!paints(e)) {
				c = end;
				continue;
			}
			while (end < tb->ncols && same_border(e, hedge(tb, r, end)))
				end++;
			float x0 = x[c] - joint_v(tb, r, c), x1 = x[end] + joint_v(tb, r, end);
			segs[n] = (struct segment){{{x0, y[r] - e->width / 2, x1 - x0, e->width}, e->style, false, e->color}, e, n};
			n++;
			c = end;
		}
	for (int c = 0; c <= tb->ncols; c++)
		for (int r = 0; r < tb->nrows;) {
			const struct tedge *e = vedge(tb, r, c);
			int end = r + 1;
			if (!paints(e)) {
				r = end;
				continue;
			}
			while (end < tb->nrows && same_border(e, vedge(tb, end, c)))
				end++;
			float y0 = y[r] - joint_h(tb, r, c), y1 = y[end] + joint_h(tb, end, c);
			segs[n] = (struct segment){{{x[c] - e->width / 2, y0, e->width, y1 - y0}, e->style, true, e->color}, e, n};
			n++;
			r = end;
		}
	qsort(segs, n, sizeof *segs, segment_cmp);
	struct layout_collapsed_border *out = n ? base_arena_alloc(&ctx->tree->arena, n * sizeof *out) : NULL;
	for (size_t i = 0; i < n; i++)
		out[i] = segs[i].b;
	table->collapsed_borders = out;
	table->collapsed_border_count = n;
	free(segs);
}
