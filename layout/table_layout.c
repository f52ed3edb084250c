/* Table layout (CSS 2.1 §17, the automatic table layout of §17.5.2.2 as
 * browsers do it, and the fixed layout of §17.5.2.1): rows and row groups,
 * cells with colspan/rowspan placed on a grid, column widths from the
 * cells' min/max-content widths, border-spacing (0 with border-collapse),
 * row heights from the cells, and cell content aligned by vertical-align.
 *
 * Fragments: the table box contains its row groups, rows and cells, each
 * relative to its parent; implicit rows and groups get no fragment.
 * Working arrays are heap-allocated and freed before returning. */
#include "layout/table_grid.h"

#include <stdlib.h>
#include <string.h>

static bool is_group(uint8_t d)
{
	return d == CSS_DISPLAY_TABLE_ROW_GROUP || d == CSS_DISPLAY_TABLE_HEADER_GROUP || d == CSS_DISPLAY_TABLE_FOOTER_GROUP;
}

static int attr_span(const struct layout_box *b, const char *name, int max)
{
	if (!b->node || b->node->type != HTML_NODE_ELEMENT)
		return 1;
	const char *v = html_element_attr_value(b->node, name);
	int n = v ? atoi(v) : 1;
	return n < 1 ? 1 : n > max ? max : n;
}

static int add_row(struct tgrid *g, struct layout_box *row, struct layout_box *group)
{
	if (g->nrows == g->rows_cap) {
		g->rows_cap = g->rows_cap ? g->rows_cap * 2 : 8;
		g->rows = base_xrealloc(g->rows, (size_t)g->rows_cap * sizeof *g->rows);
	}
	g->rows[g->nrows] = (struct trow){row, group, 0, 0};
	return g->nrows++;
}

static bool occupied(struct tgrid *g, int row, int col)
{
	for (int i = 0; i < g->ncells; i++) {
		struct tcell *c = &g->cells[i];
		if (row >= c->row && row < c->row + c->rowspan && col >= c->col && col < c->col + c->colspan)
			return true;
	}
	return false;
}

static void add_cells(struct tgrid *g, struct layout_box *row, int r)
{
	int col = 0;
	for (struct layout_box *c = row->first; c; c = c->next) {
		if (c->is_abspos)
			continue;
		while (occupied(g, r, col))
			col++;
		if (g->ncells == g->cells_cap) {
			g->cells_cap = g->cells_cap ? g->cells_cap * 2 : 16;
			g->cells = base_xrealloc(g->cells, (size_t)g->cells_cap * sizeof *g->cells);
		}
		struct tcell *tc = &g->cells[g->ncells++];
		memset(tc, 0, sizeof *tc);
		tc->box = c;
		tc->row = r;
		tc->col = col;
		tc->colspan = attr_span(c, "colspan", 1000);
		tc->rowspan = attr_span(c, "rowspan", 65534);
		col += tc->colspan;
		if (col > g->ncols)
			g->ncols = col;
	}
}

/* CSS 2.1 §17.2: the first header group goes before the other rows, the
 * first footer group after them; the rest keep document order. */
static struct layout_box *first_group(const struct layout_box *table, uint8_t display)
{
	for (struct layout_box *c = table->first; c; c = c->next)
		if (!c->is_abspos && c->style->display == display)
			return c;
	return NULL;
}

static void add_group(struct tgrid *g, struct layout_box *group)
{
	for (struct layout_box *r = group->first; r; r = r->next)
		if (!r->is_abspos)
			add_cells(g, r, add_row(g, r, group));
}

/* CSS 2.1 §17.2.1 in short: rows directly in the table or in groups;
 * stray cells get an implicit row. */
void layout_table_grid_build(struct layout_box *table, struct tgrid *g)
{
	memset(g, 0, sizeof *g);
	const struct css_style *s = table->style;
	if (!s->border_collapse) {
		g->hspace = s->border_spacing_h;
		g->vspace = s->border_spacing_v;
	}
	struct layout_box *header = first_group(table, CSS_DISPLAY_TABLE_HEADER_GROUP);
	struct layout_box *footer = first_group(table, CSS_DISPLAY_TABLE_FOOTER_GROUP);
	if (header)
		add_group(g, header);
	for (struct layout_box *c = table->first; c; c = c->next) {
		uint8_t d = c->style->display;
		if (c->is_abspos || c == header || c == footer)
			continue;
		if (d == CSS_DISPLAY_TABLE_CAPTION) {
			g->captions = base_xrealloc(g->captions, (size_t)(g->ncaptions + 1) * sizeof *g->captions);
			g->captions[g->ncaptions++] = c;
		} else if (is_group(d)) {
			add_group(g, c);
		} else if (d == CSS_DISPLAY_TABLE_ROW) {
			add_cells(g, c, add_row(g, c, NULL));
		} else if (d == CSS_DISPLAY_TABLE_COLUMN || d == CSS_DISPLAY_TABLE_COLUMN_GROUP) {
			continue;
		} else {
			/* Anything else is a cell of an implicit row. */
			struct layout_box tmp = {0};
			int r = g->nrows > 0 && !g->rows[g->nrows - 1].box ? g->nrows - 1 : add_row(g, NULL, NULL);
			tmp.first = c;
			struct layout_box *next = c->next;
			c->next = NULL;
			add_cells(g, &tmp, r);
			c->next = next;
		}
	}
	if (footer)
		add_group(g, footer);
	/* Clamp rowspans to the rows that exist. */
	for (int i = 0; i < g->ncells; i++)
		if (g->cells[i].row + g->cells[i].rowspan > g->nrows)
			g->cells[i].rowspan = g->nrows - g->cells[i].row;
}

void layout_table_grid_free(struct tgrid *g)
{
	free(g->rows);
	free(g->cells);
	free(g->captions);
}

static float fixed_width(const struct css_style *s)
{
	if (s->width.kind != CSS_LEN_FIXED || s->width.has_percent)
		return -1;
	struct layout_edges m, b, p;
	layout_box_edges(s, 0, &m, &b, &p);
	float bp = b.left + b.right + p.left + p.right;
	return s->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(s->width.px, bp) : s->width.px + bp;
}

/* Column min/max widths (§17.5.2.2 steps 1-2). */
static void column_widths(struct layout_ctx *ctx, struct tgrid *g, int depth, float *cmin, float *cmax)
{
	for (int i = 0; i < g->ncols; i++)
		cmin[i] = cmax[i] = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < g->ncells; i++) {
			struct tcell *c = &g->cells[i];
			if ((pass == 0) != (c->colspan == 1))
				continue;
			if (pass == 0) {
				layout_intrinsic_widths(ctx, c->box, depth + 1, &c->min_w, &c->max_w);
				float fw = fixed_width(c->box->style);
				if (fw >= 0) {
					c->max_w = BASE_MAX(fw, c->min_w);
				}
				cmin[c->col] = BASE_MAX(cmin[c->col], c->min_w);
				cmax[c->col] = BASE_MAX(cmax[c->col], c->max_w);
				continue;
			}
			layout_intrinsic_widths(ctx, c->box, depth + 1, &c->min_w, &c->max_w);
			/* Spanning cells: spread what the columns lack evenly. */
			float smin = g->hspace * (float)(c->colspan - 1), smax = smin;
			for (int k = c->col; k < c->col + c->colspan; k++) {
				smin += cmin[k];
				smax += cmax[k];
			}
			if (c->min_w > smin)
				for (int k = c->col; k < c->col + c->colspan; k++)
					cmin[k] += (c->min_w - smin) / (float)c->colspan;
			if (c->max_w > smax)
				for (int k = c->col; k < c->col + c->colspan; k++)
					cmax[k] += (c->max_w - smax) / (float)c->colspan;
		}
	}
	for (int i = 0; i < g->ncols; i++)
		if (cmax[i] < cmin[i])
			cmax[i] = cmin[i];
}

/* Percentage widths of columns, from the cells that span only them;
 * returns their sum. */
static float column_percents(const struct tgrid *g, float *pct)
{
	float sum = 0;
	for (int i = 0; i < g->ncells; i++) {
		const struct css_style *cs = g->cells[i].box->style;
		if (g->cells[i].colspan == 1 && cs->width.kind == CSS_LEN_FIXED && cs->width.has_percent && cs->width.px == 0)
			pct[g->cells[i].col] = BASE_MAX(pct[g->cells[i].col], cs->width.percent);
	}
	for (int i = 0; i < g->ncols; i++)
		sum += pct[i];
	return sum;
}

/* The max-content width of the columns when some have percentages (as
 * Blink's auto table layout computes it): a column of p% whose max-content
 * is m needs a table m * 100 / p wide, the other columns together need
 * theirs to be the remaining percentage; so a 100% column with others
 * beside it asks for all the room there is. */
static float percent_max_content(int n, const float *cmax, const float *pct, float mx)
{
	const float eps = 1.0f / 128.0f;
	float remaining = 100, need = mx, other = 0;
	for (int i = 0; i < n; i++) {
		if (pct[i] > 0) {
			float p = BASE_MIN(pct[i], remaining);
			need = BASE_MAX(need, cmax[i] * 100 / BASE_MAX(p, eps));
			remaining -= p;
		} else {
			other += cmax[i];
		}
	}
	if (other > 0)
		need = BASE_MAX(need, other * 100 / BASE_MAX(remaining, eps));
	/* Blink's largest table width. */
	return BASE_MIN(need, 1000000.0f);
}

/* CSS 2.1 §17.5.2.1: the fixed table layout applies to tables whose
 * width is not auto. */
static bool fixed_layout(const struct css_style *s)
{
	return s->table_layout_fixed && !layout_len_is_auto(s->width);
}

int layout_table_column_span(const struct layout_box *b)
{
	return attr_span(b, "span", 1000);
}

/* A column element's width, or < 0 when auto (percentages of basis). */
static float column_box_width(const struct css_style *s, float basis)
{
	if (!layout_len_definite(s->width, basis))
		return -1;
	return BASE_MAX(css_length_resolve(s->width, BASE_MAX(basis, 0)), 0);
}

static void set_columns(float *cw, bool *set, int from, int to, float w)
{
	for (int k = from; k < to; k++)
		if (w >= 0 && !set[k]) {
			cw[k] = w;
			set[k] = true;
		}
}

/* §17.5.2.1 fixed table layout: a column's width comes from its column
 * element, else from the cell of the first row that starts there (its
 * border box, a spanning cell's shared evenly); the remaining columns
 * share what is left of basis equally. cw gets every column's width. */
static void fixed_columns(const struct layout_box *table, const struct tgrid *g, float basis, float *cw)
{
	int n = g->ncols, col = 0;
	bool *set = base_xcalloc((size_t)n + 1, sizeof *set);
	for (const struct layout_box *c = table->first; c && col < n; c = c->next) {
		uint8_t d = c->style->display;
		if (c->is_abspos || (d != CSS_DISPLAY_TABLE_COLUMN && d != CSS_DISPLAY_TABLE_COLUMN_GROUP))
			continue;
		float group_w = column_box_width(c->style, basis);
		bool has_cols = false;
		if (d == CSS_DISPLAY_TABLE_COLUMN_GROUP)
			for (const struct layout_box *k = c->first; k && col < n; k = k->next) {
				if (k->is_abspos || k->style->display != CSS_DISPLAY_TABLE_COLUMN)
					continue;
				has_cols = true;
				int end = BASE_MIN(col + layout_table_column_span(k), n);
				float w = column_box_width(k->style, basis);
				set_columns(cw, set, col, end, w >= 0 ? w : group_w);
				col = end;
			}
		if (!has_cols) {
			int end = BASE_MIN(col + layout_table_column_span(c), n);
			set_columns(cw, set, col, end, group_w);
			col = end;
		}
	}
	for (int i = 0; i < g->ncells; i++) {
		const struct tcell *c = &g->cells[i];
		const struct css_style *cs = c->box->style;
		if (c->row != 0 || !layout_len_definite(cs->width, basis))
			continue;
		struct layout_edges m, b, p;
		layout_box_edges(cs, BASE_MAX(basis, 0), &m, &b, &p);
		float bp = b.left + b.right + p.left + p.right, v = css_length_resolve(cs->width, BASE_MAX(basis, 0));
		float w = cs->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(v, bp) : BASE_MAX(v, 0) + bp;
		w = (w - g->hspace * (float)(c->colspan - 1)) / (float)c->colspan;
		set_columns(cw, set, c->col, BASE_MIN(c->col + c->colspan, n), BASE_MAX(w, 0));
	}
	float used = 0;
	int rest = 0;
	for (int i = 0; i < n; i++) {
		if (set[i])
			used += cw[i];
		else
			rest++;
	}
	if (rest > 0) {
		float share = BASE_MAX(basis - used, 0) / (float)rest;
		for (int i = 0; i < n; i++)
			if (!set[i])
				cw[i] = share;
	} else if (used > 0 && basis > used) {
		/* Every column has a width: the room left widens them in
		 * proportion. */
		for (int i = 0; i < n; i++)
			cw[i] += (basis - used) * cw[i] / used;
	}
	free(set);
}

static float table_edges(const struct css_style *s)
{
	struct layout_edges m, b, p;
	layout_box_edges(s, 0, &m, &b, &p);
	return b.left + b.right + p.left + p.right;
}

void layout_table_intrinsic(struct layout_ctx *ctx, struct layout_box *box, int depth, float *min_w, float *max_w)
{
	struct tgrid g;
	layout_table_grid_build(box, &g);
	float *cmin = base_xcalloc((size_t)g.ncols + 1, sizeof *cmin), *cmax = base_xcalloc((size_t)g.ncols + 1, sizeof *cmax);
	if (fixed_layout(box->style)) {
		/* The content has no say: the columns' own widths. */
		fixed_columns(box, &g, -1, cmin);
		memcpy(cmax, cmin, (size_t)g.ncols * sizeof *cmax);
	} else {
		column_widths(ctx, &g, depth, cmin, cmax);
	}
	float *pct = base_xcalloc((size_t)g.ncols + 1, sizeof *pct);
	float mn = g.ncols ? g.hspace * (float)(g.ncols + 1) : 0, mx = 0;
	for (int i = 0; i < g.ncols; i++) {
		mn += cmin[i];
		mx += cmax[i];
	}
	if (!fixed_layout(box->style) && column_percents(&g, pct) > 0)
		mx = percent_max_content(g.ncols, cmax, pct, mx);
	mx += g.ncols ? g.hspace * (float)(g.ncols + 1) : 0;
	free(pct);
	float bp = table_edges(box->style);
	mn += bp;
	mx = BASE_MAX(mx + bp, mn);
	/* Captions span the table's border box. */
	for (int i = 0; i < g.ncaptions; i++) {
		float a, b;
		layout_intrinsic_widths(ctx, g.captions[i], depth + 1, &a, &b);
		mn = BASE_MAX(mn, a);
	}
	*min_w = mn;
	*max_w = BASE_MAX(mx, mn);
	free(cmin);
	free(cmax);
	layout_table_grid_free(&g);
}

/* Distributes the table's content width over the columns. */
static void distribute(float width, int n, const float *cmin, const float *cmax, const bool *fixed, float *out)
{
	float smin = 0, smax = 0, sauto = 0;
	for (int i = 0; i < n; i++) {
		smin += cmin[i];
		smax += cmax[i];
		if (!fixed[i])
			sauto += cmax[i];
	}
	if (width <= smin) {
		for (int i = 0; i < n; i++)
			out[i] = cmin[i];
		return;
	}
	if (width <= smax) {
		float t = smax > smin ? (width - smin) / (smax - smin) : 0;
		for (int i = 0; i < n; i++)
			out[i] = cmin[i] + (cmax[i] - cmin[i]) * t;
		return;
	}
	/* Extra space goes to auto columns in proportion to their max widths
	 * (all columns when every column is fixed). */
	float extra = width - smax;
	for (int i = 0; i < n; i++) {
		float share = sauto > 0 ? (fixed[i] ? 0 : cmax[i] / sauto) : smax > 0 ? cmax[i] / smax : 1.0f / (float)n;
		out[i] = cmax[i] + extra * share;
	}
}

/* Lays out the captions of one side in a table box table_w wide from y
 * down; returns their height. */
static float place_captions(struct layout_ctx *ctx, const struct tgrid *g, bool bottom, float table_w, float y, int depth,
			    struct base_vec *children)
{
	float h = 0;
	for (int i = 0; i < g->ncaptions; i++) {
		struct layout_box *c = g->captions[i];
		if ((bool)c->style->caption_side_bottom != bottom)
			continue;
		struct layout_block_result r;
		struct layout_edges m, b, p;
		layout_box_edges(c->style, table_w, &m, &b, &p);
		layout_bfc_root(ctx, c, table_w, -1, BASE_MAX(table_w - m.left - m.right, 0), depth + 1, &r);
		r.frag->x = m.left;
		r.frag->y = y + h + m.top;
		h += r.frag->height + m.top + m.bottom;
		base_vec_push(children, r.frag);
	}
	return h;
}

/* CSS 2.1 §17.5.3: a cell's height is the least height of its rows, not
 * a height its content is laid out in; the cell is laid out with an auto
 * height (through a derived style) and keeps its own style afterwards. */
static void layout_cell(struct layout_ctx *ctx, struct tcell *c, float width, int depth)
{
	const struct css_style *own = c->box->style;
	c->min_h = 0;
	if (layout_len_definite(own->height, -1)) {
		struct layout_edges m, b, p;
		layout_box_edges(own, width, &m, &b, &p);
		float bp = b.top + b.bottom + p.top + p.bottom, v = css_length_resolve(own->height, 0);
		c->min_h = own->box_sizing == CSS_BOX_SIZING_BORDER_BOX ? BASE_MAX(v, bp) : BASE_MAX(v, 0) + bp;
		bool fresh;
		struct css_style *s = layout_derived_style(ctx, own, NULL, LAYOUT_DERIVED_CELL_AUTO_HEIGHT, &fresh);
		if (fresh) {
			*s = *own;
			s->height = (struct css_length){.kind = CSS_LEN_AUTO};
		}
		c->box->style = s;
	}
	layout_bfc_root(ctx, c->box, width, -1, width, depth, &c->r);
	c->box->style = own;
	c->r.frag->style = own;
}

/* Lays out the rows and cells of a table whose content box is
 * content_width wide; appends fragments to children and returns the
 * content height. */
float layout_table_content(struct layout_ctx *ctx, struct layout_box *box, struct layout_fragment *container, float content_width,
			   bool width_auto, int depth, float inset_x, float inset_y, struct base_vec *children, float *baseline)
{
	struct tgrid g;
	layout_table_grid_build(box, &g);
	int n = g.ncols;
	float *cmin = base_xcalloc((size_t)n + 1, sizeof *cmin), *cmax = base_xcalloc((size_t)n + 1, sizeof *cmax);
	float *cw = base_xcalloc((size_t)n + 1, sizeof *cw), *cx = base_xcalloc((size_t)n + 1, sizeof *cx);
	bool *fixed = base_xcalloc((size_t)n + 1, sizeof *fixed);
	bool fixed_table = fixed_layout(box->style);
	if (!fixed_table)
		column_widths(ctx, &g, depth, cmin, cmax);
	for (int i = 0; i < g.ncells; i++)
		if (g.cells[i].colspan == 1 && fixed_width(g.cells[i].box->style) >= 0)
			fixed[g.cells[i].col] = true;
	float spacing = n ? g.hspace * (float)(n + 1) : 0;
	float avail = content_width - spacing;
	float *pct = base_xcalloc((size_t)n + 1, sizeof *pct);
	float pct_sum = column_percents(&g, pct);
	if (width_auto) {
		/* An auto-width table is no wider than its max-content. */
		float smax = 0;
		for (int i = 0; i < n; i++)
			smax += cmax[i];
		if (pct_sum > 0)
			smax = percent_max_content(n, cmax, pct, smax);
		if (avail > smax)
			avail = smax;
	}
	/* Percentage columns take their share of the table first, but leave
	 * the other columns their min-content widths; the rest is
	 * distributed over the other columns. */
	if (fixed_table) {
		fixed_columns(box, &g, avail, cw);
	} else if (pct_sum > 0) {
		float used = 0, over_min = 0, other_min = 0;
		for (int i = 0; i < n; i++) {
			if (pct[i] <= 0) {
				other_min += cmin[i];
				continue;
			}
			cw[i] = BASE_MAX(cmin[i], avail * BASE_MIN(pct[i], 100) / 100);
			used += cw[i];
			over_min += cw[i] - cmin[i];
		}
		float excess = used + other_min - avail;
		if (excess > 0 && over_min > 0) {
			float keep = BASE_MAX(over_min - excess, 0) / over_min;
			used = 0;
			for (int i = 0; i < n; i++)
				if (pct[i] > 0) {
					cw[i] = cmin[i] + (cw[i] - cmin[i]) * keep;
					used += cw[i];
				}
		}
		int rest_n = 0;
		float *rmin = base_xcalloc((size_t)n + 1, sizeof *rmin), *rmax = base_xcalloc((size_t)n + 1, sizeof *rmax);
		float *rw = base_xcalloc((size_t)n + 1, sizeof *rw);
		bool *rfixed = base_xcalloc((size_t)n + 1, sizeof *rfixed);
		for (int i = 0; i < n; i++)
			if (pct[i] <= 0) {
				rmin[rest_n] = cmin[i];
				rmax[rest_n] = cmax[i];
				rfixed[rest_n] = fixed[i];
				rest_n++;
			}
		if (rest_n > 0)
			distribute(BASE_MAX(avail - used, 0), rest_n, rmin, rmax, rfixed, rw);
		for (int i = 0, k = 0; i < n; i++)
			if (pct[i] <= 0)
				cw[i] = rw[k++];
		free(rmin);
		free(rmax);
		free(rw);
		free(rfixed);
	} else {
		distribute(avail, n, cmin, cmax, fixed, cw);
	}
	free(pct);
	float x = g.hspace;
	for (int i = 0; i < n; i++) {
		cx[i] = x;
		x += cw[i] + g.hspace;
	}
	float y = 0;
	/* Captions above the grid (caption-side: top) and below it, outside
	 * the table's border and padding but inside its box, as wide as it
	 * (CSS 2.1 §17.4; Blink places them so). */
	struct layout_edges tm, tb, tp;
	layout_box_edges(box->style, content_width, &tm, &tb, &tp);
	float table_w = inset_x + content_width + tb.right + tp.right;
	float caption_top = place_captions(ctx, &g, false, table_w, 0, depth, children);
	y = caption_top;
	/* Cells laid out at their column widths; rows as tall as their cells. */
	for (int i = 0; i < g.ncells; i++) {
		struct tcell *c = &g.cells[i];
		float w = cw[c->col];
		for (int k = c->col + 1; k < c->col + c->colspan && k < n; k++)
			w += cw[k] + g.hspace;
		layout_cell(ctx, c, w, depth + 1);
		if (c->rowspan == 1) {
			struct trow *row = &g.rows[c->row];
			row->height = BASE_MAX(row->height, BASE_MAX(c->r.frag->height, c->min_h));
		}
	}
	for (int r = 0; r < g.nrows; r++) {
		struct trow *row = &g.rows[r];
		if (row->box && layout_len_definite(row->box->style->height, -1))
			row->height = BASE_MAX(row->height, css_length_resolve(row->box->style->height, 0));
	}
	for (int i = 0; i < g.ncells; i++) {
		struct tcell *c = &g.cells[i];
		if (c->rowspan <= 1)
			continue;
		float h = g.vspace * (float)(c->rowspan - 1);
		for (int k = c->row; k < c->row + c->rowspan; k++)
			h += g.rows[k].height;
		float need = BASE_MAX(c->r.frag->height, c->min_h);
		if (need > h)
			g.rows[c->row + c->rowspan - 1].height += need - h;
	}
	y += g.nrows ? g.vspace : 0;
	for (int r = 0; r < g.nrows; r++) {
		g.rows[r].y = y;
		y += g.rows[r].height + g.vspace;
	}
	float content_h = y;
	container->caption_top = caption_top;
	container->caption_bottom = place_captions(ctx, &g, true, table_w, inset_y + y + tb.bottom + tp.bottom, depth, children);
	content_h += container->caption_bottom;
	if (box->collapsed && box->collapsed->nrows == g.nrows && box->collapsed->ncols == n && n > 0) {
		/* The grid lines, relative to the table's border box. */
		float *lx = base_xcalloc((size_t)n + 1, sizeof *lx), *ly = base_xcalloc((size_t)g.nrows + 1, sizeof *ly);
		for (int i = 0; i <= n; i++)
			lx[i] = inset_x + (i < n ? cx[i] : cx[n - 1] + cw[n - 1]);
		for (int r = 0; r <= g.nrows; r++)
			ly[r] = inset_y + (r < g.nrows ? g.rows[r].y : g.rows[r - 1].y + g.rows[r - 1].height);
		layout_table_collapsed_segments(ctx, box->collapsed, lx, ly, container);
		free(lx);
		free(ly);
	}
	/* Fragments: groups > rows > cells, each relative to its parent. */
	struct layout_fragment **row_frags = base_xcalloc((size_t)g.nrows + 1, sizeof *row_frags);
	struct base_vec *row_kids = base_xcalloc((size_t)g.nrows + 1, sizeof *row_kids);
	for (int r = 0; r < g.nrows; r++) {
		if (!g.rows[r].box)
			continue;
		struct layout_fragment *f = layout_new_fragment(ctx, LAYOUT_FRAG_BOX, g.rows[r].box);
		f->x = g.hspace;
		f->y = g.rows[r].y;
		f->width = n ? x - 2 * g.hspace : 0;
		f->height = g.rows[r].height;
		row_frags[r] = f;
	}
	for (int i = 0; i < g.ncells; i++) {
		struct tcell *c = &g.cells[i];
		struct layout_fragment *f = c->r.frag;
		float h = g.vspace * (float)(c->rowspan - 1);
		for (int k = c->row; k < c->row + c->rowspan; k++)
			h += g.rows[k].height;
		/* §17.5.3: the cell box fills the rows; its content moves by
		 * vertical-align. */
		float extra = h - f->height;
		uint8_t va = c->box->style->vertical_align;
		float dy = va == CSS_VA_MIDDLE ? extra / 2 : va == CSS_VA_BOTTOM ? extra : 0;
		c->dy = dy > 0 ? dy : 0;
		if (dy > 0)
			for (size_t k = 0; k < f->child_count; k++)
				f->children[k]->y = layout_snap(f->children[k]->y + dy);
		f->height = h;
		f->x = cx[c->col];
		f->y = g.rows[c->row].y;
		if (row_frags[c->row]) {
			f->x -= row_frags[c->row]->x;
			f->y -= row_frags[c->row]->y;
			base_vec_push(&row_kids[c->row], f);
		} else {
			f->x += inset_x;
			f->y += inset_y;
			base_vec_push(children, f);
		}
	}
	/* Rows into their groups. */
	for (int r = 0; r < g.nrows;) {
		struct layout_box *grp = g.rows[r].group;
		int end = r + 1;
		while (grp && end < g.nrows && g.rows[end].group == grp)
			end++;
		struct layout_fragment *gf = NULL;
		struct base_vec gkids = {0};
		if (grp) {
			gf = layout_new_fragment(ctx, LAYOUT_FRAG_BOX, grp);
			gf->x = inset_x + g.hspace;
			gf->y = inset_y + g.rows[r].y;
			gf->width = n ? x - 2 * g.hspace : 0;
			gf->height = g.rows[end - 1].y + g.rows[end - 1].height - g.rows[r].y;
		}
		for (int k = r; k < end; k++) {
			struct layout_fragment *rf = row_frags[k];
			if (!rf)
				continue;
			layout_fragment_set_children(ctx, rf, &row_kids[k]);
			if (gf) {
				rf->x -= g.hspace;
				rf->y -= g.rows[r].y;
				base_vec_push(&gkids, rf);
			} else {
				rf->x += inset_x;
				rf->y += inset_y;
				base_vec_push(children, rf);
			}
		}
		if (gf) {
			layout_fragment_set_children(ctx, gf, &gkids);
			base_vec_push(children, gf);
		}
		r = end;
	}
	/* The first row's baseline: that of its cells' first lines, or its
	 * bottom when none has one. */
	*baseline = NAN;
	if (g.nrows > 0) {
		float bl = -1;
		for (int i = 0; i < g.ncells; i++) {
			struct tcell *c = &g.cells[i];
			if (c->row != 0 || !c->r.has_first_baseline)
				continue;
			bl = BASE_MAX(bl, c->r.first_baseline + c->dy);
		}
		*baseline = inset_y + g.rows[0].y + (bl >= 0 ? bl : g.rows[0].height);
	}
	for (int r = 0; r < g.nrows; r++)
		base_vec_free(&row_kids[r]);
	free(row_kids);
	free(row_frags);
	free(cmin);
	free(cmax);
	free(cw);
	free(cx);
	free(fixed);
	layout_table_grid_free(&g);
	return content_h;
}
