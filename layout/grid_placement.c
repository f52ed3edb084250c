/* Grid item placement (CSS Grid 1 §8): line-based placement with numbered
 * and named lines (the lines of grid-template-areas included), conflict
 * handling (§8.3.1), and the auto-placement algorithm (§8.5), sparse and
 * dense, in either flow direction. Works on plain arrays the caller owns;
 * the occupancy bitmap is heap memory freed before returning. */
#include "layout/grid.h"

#include <stdlib.h>

static const struct css_grid_template *template_of(const struct css_style *cs, int axis)
{
	return axis == LAYOUT_GRID_COLUMNS ? &cs->grid_template_columns : &cs->grid_template_rows;
}

static int template_count(const struct css_grid_template *t, uint32_t reps)
{
	if (t->repeat == CSS_GRID_REPEAT_NONE)
		return (int)t->count;
	return (int)(t->count - t->repeat_count + t->repeat_count * reps);
}

int layout_grid_explicit_count(const struct css_style *cs, int axis, uint32_t reps)
{
	int n = template_count(template_of(cs, axis), reps);
	const struct css_grid_areas *a = &cs->grid_template_areas;
	int area_n = axis == LAYOUT_GRID_COLUMNS ? a->columns : a->rows;
	n = BASE_MAX(n, area_n);
	return BASE_MIN(n, LAYOUT_GRID_MAX_TRACKS);
}

static bool in_list(const char *const *names, uint32_t n, const char *name)
{
	for (uint32_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Whether explicit line `line` (0-based) of the template, expanded with
 * reps auto repetitions, has the name. */
static bool template_line_named(const struct css_grid_template *t, uint32_t reps, int line, const char *name)
{
	uint32_t c = t->count;
	uint32_t l = (uint32_t)line;
	if (t->repeat != CSS_GRID_REPEAT_NONE && l > t->repeat_start) {
		uint32_t rs = t->repeat_start, rc = t->repeat_count;
		if (l < rs + rc * reps) {
			uint32_t j = (l - rs) % rc;
			if (j == 0)
				return in_list(t->repeat_last_names, t->repeat_last_name_count, name) ||
				       in_list(t->repeat_first_names, t->repeat_first_name_count, name);
			return in_list(t->tracks[rs + j].names, t->tracks[rs + j].name_count, name);
		}
		l -= rc * (reps - 1);
	}
	if (l < c)
		return in_list(t->tracks[l].names, t->tracks[l].name_count, name);
	if (l == c)
		return in_list(t->end_names, t->end_name_count, name);
	return false;
}

/* The names grid-template-areas gives lines implicitly: foo-start and
 * foo-end around area foo (§7.3.2). */
static bool area_line_named(const struct css_style *cs, int axis, int line, const char *name)
{
	const struct css_grid_areas *a = &cs->grid_template_areas;
	size_t len = strlen(name);
	for (uint32_t i = 0; i < a->count; i++) {
		const struct css_grid_area *ar = &a->areas[i];
		size_t al = strlen(ar->name);
		if (len <= al || strncmp(name, ar->name, al) != 0)
			continue;
		const char *suffix = name + al;
		int start = (axis == LAYOUT_GRID_COLUMNS ? ar->column_start : ar->row_start) - 1;
		int end = (axis == LAYOUT_GRID_COLUMNS ? ar->column_end : ar->row_end) - 1;
		if ((strcmp(suffix, "-start") == 0 && line == start) || (strcmp(suffix, "-end") == 0 && line == end))
			return true;
	}
	return false;
}

struct axis_ctx {
	const struct css_style *cs;
	int axis;
	uint32_t reps;
	int explicit_count; /* E: explicit lines are 0..E */
};

static bool line_named(const struct axis_ctx *a, int line, const char *name)
{
	if (line < 0 || line > a->explicit_count)
		return false;
	return template_line_named(template_of(a->cs, a->axis), a->reps, line, name) || area_line_named(a->cs, a->axis, line, name);
}

/* The n-th line named `name` (n > 0 forward from line `from`, exclusive;
 * n < 0 backward), implicit lines outside the explicit grid all counting
 * as named (§8.3). */
static int nth_named(const struct axis_ctx *a, int from, int n, const char *name)
{
	int step = n > 0 ? 1 : -1, left = abs(n), l = from;
	while (left > 0) {
		l += step;
		if (l < -LAYOUT_GRID_MAX_TRACKS || l > a->explicit_count + LAYOUT_GRID_MAX_TRACKS)
			break;
		if (l < 0 || l > a->explicit_count || line_named(a, l, name))
			left--;
	}
	return l;
}

/* A line given as <integer> && <custom-ident>?, or a lone <custom-ident>
 * (start_side: a *-start property), to a line index. */
static int resolve_line(const struct axis_ctx *a, const struct css_grid_line *g, bool start_side)
{
	if (g->name && g->integer == 0) {
		/* A lone name: first look for the name-start/name-end line. */
		size_t len = strlen(g->name);
		char buf[256];
		if (len < sizeof buf - 8) {
			memcpy(buf, g->name, len);
			memcpy(buf + len, start_side ? "-start" : "-end", start_side ? 7 : 5);
			for (int l = 0; l <= a->explicit_count; l++)
				if (line_named(a, l, buf))
					return l;
		}
		return nth_named(a, -1, 1, g->name);
	}
	int n = BASE_MAX(-LAYOUT_GRID_MAX_TRACKS, BASE_MIN(g->integer, LAYOUT_GRID_MAX_TRACKS));
	if (g->name)
		return n > 0 ? nth_named(a, -1, n, g->name) : nth_named(a, a->explicit_count + 1, n, g->name);
	return n > 0 ? n - 1 : a->explicit_count + 1 + n;
}

static bool line_is_auto(const struct css_grid_line *g)
{
	return !g->span && g->integer == 0 && !g->name;
}

/* Placement in one axis: definite [start, end) or auto with a span. */
struct axis_pos {
	bool definite;
	int start, end, span;
};

static int span_of(const struct css_grid_line *g)
{
	return BASE_MIN(g->integer, LAYOUT_GRID_MAX_TRACKS);
}

/* §8.3.1 and the conflict handling of §8.3.2. */
static struct axis_pos resolve_axis(const struct axis_ctx *a, const struct css_grid_line *s, const struct css_grid_line *e)
{
	struct axis_pos p = { false, 0, 0, 1 };
	bool s_line = !s->span && !line_is_auto(s), e_line = !e->span && !line_is_auto(e);
	if (!s_line && !e_line) {
		const struct css_grid_line *sp = s->span ? s : e->span ? e : NULL;
		p.span = sp && !sp->name ? span_of(sp) : 1;
		return p;
	}
	p.definite = true;
	if (s_line && e_line) {
		p.start = resolve_line(a, s, true);
		p.end = resolve_line(a, e, false);
		if (p.start > p.end) {
			int t = p.start;
			p.start = p.end;
			p.end = t;
		} else if (p.start == p.end) {
			p.end = p.start + 1;
		}
	} else if (s_line) {
		p.start = resolve_line(a, s, true);
		if (e->span)
			p.end = e->name ? nth_named(a, p.start, span_of(e), e->name) : p.start + span_of(e);
		else
			p.end = p.start + 1;
	} else {
		p.end = resolve_line(a, e, false);
		if (s->span)
			p.start = s->name ? nth_named(a, p.end, -span_of(s), s->name) : p.end - span_of(s);
		else
			p.start = p.end - 1;
	}
	p.span = p.end - p.start;
	return p;
}

/* A growable occupancy bitmap, major lines by minor lines. */
struct occupancy {
	uint8_t *cells;
	int major, minor;
};

static bool occupied(const struct occupancy *o, int major, int minor)
{
	return major < o->major && minor < o->minor && o->cells[(size_t)major * (size_t)o->minor + (size_t)minor];
}

static void grow(struct occupancy *o, int major, int minor)
{
	if (major <= o->major && minor <= o->minor)
		return;
	int nmaj = BASE_MAX(major, o->major), nmin = BASE_MAX(minor, o->minor);
	if (major > o->major)
		nmaj = BASE_MAX(nmaj, o->major * 2);
	uint8_t *cells = base_xcalloc((size_t)nmaj * (size_t)nmin + 1, 1);
	for (int r = 0; r < o->major; r++)
		memcpy(cells + (size_t)r * (size_t)nmin, o->cells + (size_t)r * (size_t)o->minor, (size_t)o->minor);
	free(o->cells);
	o->cells = cells;
	o->major = nmaj;
	o->minor = nmin;
}

static bool fits(const struct occupancy *o, int maj0, int maj1, int min0, int min1)
{
	for (int r = maj0; r < maj1; r++)
		for (int c = min0; c < min1; c++)
			if (occupied(o, r, c))
				return false;
	return true;
}

static void mark(struct occupancy *o, int maj0, int maj1, int min0, int min1)
{
	grow(o, maj1, min1);
	for (int r = maj0; r < maj1; r++)
		memset(o->cells + (size_t)r * (size_t)o->minor + (size_t)min0, 1, (size_t)(min1 - min0));
}

void layout_grid_place(const struct css_style *cs, const uint32_t reps[2], struct layout_grid_placed *items, size_t n,
		       struct layout_grid_shape *out)
{
	struct axis_ctx ax[2];
	for (int a = 0; a < 2; a++) {
		ax[a] = (struct axis_ctx){ cs, a, reps[a], layout_grid_explicit_count(cs, a, reps[a]) };
		out->explicit_count[a] = ax[a].explicit_count;
		out->reps[a] = reps[a];
	}
	struct axis_pos *pos = base_xcalloc(n * 2 + 1, sizeof *pos);
	int lo[2] = { 0, 0 }, hi[2] = { ax[0].explicit_count, ax[1].explicit_count }, max_span[2] = { 1, 1 };
	for (size_t i = 0; i < n; i++) {
		const struct css_style *s = items[i].style;
		pos[i * 2 + LAYOUT_GRID_COLUMNS] = resolve_axis(&ax[LAYOUT_GRID_COLUMNS], &s->grid_column_start, &s->grid_column_end);
		pos[i * 2 + LAYOUT_GRID_ROWS] = resolve_axis(&ax[LAYOUT_GRID_ROWS], &s->grid_row_start, &s->grid_row_end);
		for (int a = 0; a < 2; a++) {
			struct axis_pos *p = &pos[i * 2 + a];
			if (p->definite) {
				p->start = BASE_MAX(p->start, -LAYOUT_GRID_MAX_TRACKS);
				p->end = BASE_MIN(BASE_MAX(p->end, p->start + 1), ax[a].explicit_count + LAYOUT_GRID_MAX_TRACKS);
				if (p->start >= p->end)
					p->start = p->end - 1;
				lo[a] = BASE_MIN(lo[a], p->start);
				hi[a] = BASE_MAX(hi[a], p->end);
			} else {
				max_span[a] = BASE_MAX(max_span[a], p->span);
			}
		}
	}
	/* From here on, lines count from the first implicit line. */
	for (int a = 0; a < 2; a++)
		out->offset[a] = -lo[a];
	for (size_t i = 0; i < n * 2; i++)
		if (pos[i].definite) {
			pos[i].start += out->offset[i % 2];
			pos[i].end += out->offset[i % 2];
		}
	bool column_flow = cs->grid_auto_flow & CSS_GRID_FLOW_COLUMN, dense = cs->grid_auto_flow & CSS_GRID_FLOW_DENSE;
	int major = column_flow ? LAYOUT_GRID_COLUMNS : LAYOUT_GRID_ROWS, minor = 1 - major;
	int count[2];
	for (int a = 0; a < 2; a++)
		count[a] = hi[a] + out->offset[a];
	/* §8.5 step 3: enough minor tracks for the widest auto item. */
	count[minor] = BASE_MAX(count[minor], max_span[minor]);
	struct occupancy occ = { NULL, 0, 0 };
	grow(&occ, BASE_MAX(count[major], 1), count[minor]);
	/* Step 1: items placed in both axes. */
	for (size_t i = 0; i < n; i++) {
		struct axis_pos *pm = &pos[i * 2 + major], *pn = &pos[i * 2 + minor];
		if (pm->definite && pn->definite)
			mark(&occ, pm->start, pm->end, pn->start, pn->end);
	}
	/* Step 2: items locked to a major track (a row, in row flow). */
	int *cursor_at = base_xcalloc((size_t)count[major] + 1, sizeof *cursor_at);
	for (size_t i = 0; i < n; i++) {
		struct axis_pos *pm = &pos[i * 2 + major], *pn = &pos[i * 2 + minor];
		if (!pm->definite || pn->definite)
			continue;
		int c = dense || pm->start >= count[major] ? 0 : cursor_at[pm->start];
		while (c + pn->span <= LAYOUT_GRID_MAX_TRACKS * 2 && !fits(&occ, pm->start, pm->end, c, c + pn->span))
			c++;
		pn->definite = true;
		pn->start = c;
		pn->end = c + pn->span;
		count[minor] = BASE_MAX(count[minor], pn->end);
		mark(&occ, pm->start, pm->end, pn->start, pn->end);
		if (pm->start < count[major])
			cursor_at[pm->start] = pn->end;
	}
	free(cursor_at);
	/* Step 4: the remaining items, with the auto-placement cursor. */
	int cur_major = 0, cur_minor = 0;
	for (size_t i = 0; i < n; i++) {
		struct axis_pos *pm = &pos[i * 2 + major], *pn = &pos[i * 2 + minor];
		if (pm->definite)
			continue;
		if (dense)
			cur_major = cur_minor = 0;
		if (pn->definite) {
			if (!dense && pn->start < cur_minor)
				cur_major++;
			cur_minor = pn->start;
			while (cur_major < LAYOUT_GRID_MAX_TRACKS * 2 &&
			       !fits(&occ, cur_major, cur_major + pm->span, pn->start, pn->end))
				cur_major++;
		} else {
			for (;;) {
				bool found = false;
				for (; cur_minor + pn->span <= count[minor]; cur_minor++)
					if (fits(&occ, cur_major, cur_major + pm->span, cur_minor, cur_minor + pn->span)) {
						found = true;
						break;
					}
				if (found || cur_major >= LAYOUT_GRID_MAX_TRACKS * 2)
					break;
				cur_major++;
				cur_minor = 0;
			}
			pn->definite = true;
			pn->start = cur_minor;
			pn->end = cur_minor + pn->span;
		}
		pm->definite = true;
		pm->start = cur_major;
		pm->end = cur_major + pm->span;
		mark(&occ, pm->start, pm->end, pn->start, pn->end);
		count[major] = BASE_MAX(count[major], pm->end);
		if (!dense)
			cur_minor = pn->end;
	}
	free(occ.cells);
	for (size_t i = 0; i < n; i++)
		for (int a = 0; a < 2; a++) {
			items[i].start[a] = pos[i * 2 + a].start;
			items[i].end[a] = pos[i * 2 + a].end;
			count[a] = BASE_MAX(count[a], items[i].end[a]);
		}
	for (int a = 0; a < 2; a++)
		out->count[a] = count[a];
	free(pos);
}

struct css_track_size layout_grid_track_size(const struct css_style *cs, const struct layout_grid_shape *g, int axis, int track)
{
	const struct css_grid_template *t = template_of(cs, axis);
	int i = track - g->offset[axis];
	int tc = template_count(t, g->reps[axis]);
	if (i >= 0 && i < tc) {
		uint32_t k = (uint32_t)i;
		if (t->repeat != CSS_GRID_REPEAT_NONE && k >= t->repeat_start) {
			uint32_t end = t->repeat_start + t->repeat_count * g->reps[axis];
			k = k < end ? t->repeat_start + (k - t->repeat_start) % t->repeat_count : k - t->repeat_count * (g->reps[axis] - 1);
		}
		return t->tracks[k].size;
	}
	const struct css_track_size *list = axis == LAYOUT_GRID_COLUMNS ? cs->grid_auto_columns : cs->grid_auto_rows;
	uint32_t count = axis == LAYOUT_GRID_COLUMNS ? cs->grid_auto_column_count : cs->grid_auto_row_count;
	if (count == 0) {
		struct css_track_size a = { 0 };
		a.min.kind = a.max.kind = CSS_TRACK_AUTO;
		return a;
	}
	/* Implicit tracks after the explicit ones take the sizes in order,
	 * those before it in reverse order from the last. */
	int k = i >= tc ? (i - tc) % (int)count : ((int)count - ((-i) % (int)count)) % (int)count;
	return list[k];
}
