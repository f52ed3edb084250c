/* The grid properties of CSS Grid 1 (https://drafts.csswg.org/css-grid-1/):
 * track lists with line names and repeat(), template areas, implicit
 * track sizes, auto-placement flow, line-based placement, and their
 * shorthands. Computed arrays live in the compute arena. */
#include "css/properties_grid.h"

#include <string.h>

/* More explicit tracks than this are dropped, as browsers clamp them. */
#define MAX_TRACKS 10000

/* ---- <track-size> -------------------------------------------------------- */

/* <track-breadth> = <length-percentage [0,∞]> | <flex [0,∞]> | min-content
 * | max-content | auto. */
static bool parse_breadth(struct css_compute *cx, const struct css_cv *cv, bool flex_ok, struct css_track_breadth *out)
{
	memset(out, 0, sizeof *out);
	if (!cv)
		return false;
	if (css_is_ident(cv, "auto")) {
		out->kind = CSS_TRACK_AUTO;
		return true;
	}
	if (css_is_ident(cv, "min-content")) {
		out->kind = CSS_TRACK_MIN_CONTENT;
		return true;
	}
	if (css_is_ident(cv, "max-content")) {
		out->kind = CSS_TRACK_MAX_CONTENT;
		return true;
	}
	if (cv->tok.type == CSS_TOK_DIMENSION && base_ascii_ieq_lit(cv->tok.value.ptr, cv->tok.value.len, "fr")) {
		if (!flex_ok || cv->tok.number < 0)
			return false;
		out->kind = CSS_TRACK_FLEX;
		out->fr = (float)cv->tok.number;
		return true;
	}
	out->kind = CSS_TRACK_LENGTH;
	return css_parse_length_cv(cx, cv, CSS_LP_PERCENT, &out->length);
}

static bool breadth_fixed(const struct css_track_breadth *b)
{
	return b->kind == CSS_TRACK_LENGTH;
}

/* <track-size> = <track-breadth> | minmax(<inflexible-breadth>,
 * <track-breadth>) | fit-content(<length-percentage>). *fixed: it is a
 * <fixed-size>, as auto repetitions need. */
static bool parse_track_size(struct css_compute *cx, const struct css_cv *cv, struct css_track_size *out, bool *fixed)
{
	memset(out, 0, sizeof *out);
	if (css_is_function(cv, "minmax")) {
		struct css_cv_list *args;
		if (css_split_commas(cx->arena, cv->children, &args) != 2)
			return false;
		if (!parse_breadth(cx, css_single(args[0]), false, &out->min) ||
		    !parse_breadth(cx, css_single(args[1]), true, &out->max))
			return false;
		*fixed = breadth_fixed(&out->min) || (breadth_fixed(&out->max));
		return true;
	}
	if (css_is_function(cv, "fit-content")) {
		out->fit_content = true;
		out->min.kind = CSS_TRACK_AUTO;
		out->max.kind = CSS_TRACK_MAX_CONTENT;
		*fixed = false;
		return css_parse_length(cx, cv->children, CSS_LP_PERCENT, &out->max.length);
	}
	if (!parse_breadth(cx, cv, true, &out->max))
		return false;
	out->min = out->max;
	if (out->max.kind == CSS_TRACK_FLEX) {
		/* A lone <flex> is minmax(auto, <flex>). */
		memset(&out->min, 0, sizeof out->min);
		out->min.kind = CSS_TRACK_AUTO;
	}
	*fixed = breadth_fixed(&out->max);
	return true;
}

/* ---- Line names and track lists ------------------------------------------ */

/* A growing array of names in the arena. */
struct names {
	const char **items;
	uint32_t count, cap;
};

static void names_push(struct base_arena *a, struct names *n, const char *name)
{
	if (n->count == n->cap) {
		uint32_t cap = n->cap ? n->cap * 2 : 4;
		const char **items = base_arena_alloc(a, cap * sizeof *items);
		if (n->count)
			memcpy(items, n->items, n->count * sizeof *items);
		n->items = items;
		n->cap = cap;
	}
	n->items[n->count++] = name;
}

static bool is_reserved_ident(const struct css_cv *cv)
{
	static const char *const reserved[] = { "span", "auto", "initial", "inherit", "unset", "default", "revert", "revert-layer" };
	for (size_t i = 0; i < BASE_ARRAY_LEN(reserved); i++)
		if (css_is_ident(cv, reserved[i]))
			return true;
	return false;
}

/* <line-names> = '[' <custom-ident>* ']', appended to *n. */
static bool parse_line_names(struct css_compute *cx, const struct css_cv *cv, struct names *n)
{
	if (cv->tok.type != CSS_TOK_LBRACKET)
		return false;
	size_t pos = 0;
	const struct css_cv *c;
	while ((c = css_next(cv->children, &pos))) {
		if (c->tok.type != CSS_TOK_IDENT || is_reserved_ident(c))
			return false;
		names_push(cx->arena, n, base_arena_strndup(cx->arena, c->tok.value.ptr, c->tok.value.len));
	}
	return true;
}

struct track_builder {
	struct css_grid_template *t;
	uint32_t cap;
	struct names pending; /* names of the line before the next track */
};

static void push_track(struct css_compute *cx, struct track_builder *b, const struct css_track_size *size)
{
	struct css_grid_template *t = b->t;
	if (t->count == MAX_TRACKS)
		return;
	if (t->count == b->cap) {
		uint32_t cap = b->cap ? b->cap * 2 : 8;
		struct css_grid_track *tracks = base_arena_alloc(cx->arena, cap * sizeof *tracks);
		if (t->count)
			memcpy(tracks, t->tracks, t->count * sizeof *tracks);
		t->tracks = tracks;
		b->cap = cap;
	}
	struct css_grid_track *tr = &t->tracks[t->count++];
	tr->size = *size;
	tr->names = b->pending.items;
	tr->name_count = b->pending.count;
	memset(&b->pending, 0, sizeof b->pending);
}

/* The inside of repeat(): [ <line-names>? <track-size> ]+ <line-names>?,
 * all <fixed-size> when fixed_only. Sizes and the names before each and
 * after the last go to the arrays given. */
struct repeat_body {
	struct css_track_size sizes[64];
	struct names names[65];
	uint32_t count;
};

static bool parse_repeat_body(struct css_compute *cx, struct css_cv_list v, bool fixed_only, struct repeat_body *r)
{
	memset(r, 0, sizeof *r);
	size_t pos = 0;
	const struct css_cv *c;
	bool names_last = false;
	while ((c = css_next(v, &pos))) {
		if (c->tok.type == CSS_TOK_LBRACKET) {
			if (names_last || !parse_line_names(cx, c, &r->names[r->count]))
				return false;
			names_last = true;
			continue;
		}
		bool fixed;
		if (r->count == 64 || !parse_track_size(cx, c, &r->sizes[r->count], &fixed) || (fixed_only && !fixed))
			return false;
		r->count++;
		names_last = false;
	}
	return r->count > 0;
}

static void append_names(struct base_arena *a, struct names *dst, const struct names *src)
{
	for (uint32_t i = 0; i < src->count; i++)
		names_push(a, dst, src->items[i]);
}

/* <track-list> | <auto-track-list> | none
 * (https://drafts.csswg.org/css-grid-1/#track-sizing). */
bool css_p_grid_template(struct css_compute *cx, struct css_cv_list v)
{
	struct css_grid_template *t = (struct css_grid_template *)((char *)cx->style + css_properties[cx->prop].offset);
	memset(t, 0, sizeof *t);
	size_t pos = 0;
	const struct css_cv *c = css_next(v, &pos);
	if (css_is_ident(c, "none"))
		return !css_next(v, &pos);
	struct track_builder b = { .t = t };
	bool names_last = false, any_flexible_or_intrinsic = false;
	pos = 0;
	while ((c = css_next(v, &pos))) {
		if (c->tok.type == CSS_TOK_LBRACKET) {
			if (names_last || !parse_line_names(cx, c, &b.pending))
				return false;
			names_last = true;
			continue;
		}
		names_last = false;
		if (css_is_function(c, "repeat")) {
			struct css_cv_list *args;
			size_t nargs = css_split_commas(cx->arena, c->children, &args);
			if (nargs != 2)
				return false;
			const struct css_cv *count_cv = css_single(args[0]);
			bool fill = css_is_ident(count_cv, "auto-fill"), fit = css_is_ident(count_cv, "auto-fit");
			struct repeat_body *r = base_arena_alloc(cx->arena, sizeof *r);
			if (fill || fit) {
				if (t->repeat != CSS_GRID_REPEAT_NONE || !parse_repeat_body(cx, args[1], true, r))
					return false;
				t->repeat = fill ? CSS_GRID_REPEAT_AUTO_FILL : CSS_GRID_REPEAT_AUTO_FIT;
				t->repeat_start = t->count;
				for (uint32_t i = 0; i < r->count; i++) {
					append_names(cx->arena, &b.pending, &r->names[i]);
					push_track(cx, &b, &r->sizes[i]);
				}
				t->repeat_count = t->count - t->repeat_start;
				t->repeat_first_names = r->names[0].items;
				t->repeat_first_name_count = r->names[0].count;
				t->repeat_last_names = r->names[r->count].items;
				t->repeat_last_name_count = r->names[r->count].count;
				append_names(cx->arena, &b.pending, &r->names[r->count]);
				continue;
			}
			int times;
			if (!css_parse_integer_cv(cx, count_cv, &times) || times < 1 || !parse_repeat_body(cx, args[1], false, r))
				return false;
			for (uint32_t i = 0; i < r->count; i++) {
				bool fixed_min = breadth_fixed(&r->sizes[i].min), fixed_max = breadth_fixed(&r->sizes[i].max);
				if (!(fixed_min || fixed_max) || r->sizes[i].fit_content)
					any_flexible_or_intrinsic = true;
			}
			for (int k = 0; k < times && t->count < MAX_TRACKS; k++) {
				for (uint32_t i = 0; i < r->count; i++) {
					append_names(cx->arena, &b.pending, &r->names[i]);
					push_track(cx, &b, &r->sizes[i]);
				}
				append_names(cx->arena, &b.pending, &r->names[r->count]);
			}
			continue;
		}
		struct css_track_size size;
		bool fixed;
		if (!parse_track_size(cx, c, &size, &fixed))
			return false;
		if (!fixed)
			any_flexible_or_intrinsic = true;
		push_track(cx, &b, &size);
	}
	/* An auto repetition only goes with <fixed-size> tracks. */
	if (t->count == 0 || (t->repeat != CSS_GRID_REPEAT_NONE && any_flexible_or_intrinsic))
		return false;
	t->end_names = b.pending.items;
	t->end_name_count = b.pending.count;
	return true;
}

/* grid-auto-rows/columns: <track-size>+. */
bool css_p_grid_auto_tracks(struct css_compute *cx, struct css_cv_list v)
{
	char *field = (char *)cx->style + css_properties[cx->prop].offset;
	struct css_track_size **list = (struct css_track_size **)field;
	uint32_t *count = (uint32_t *)(field + sizeof(struct css_track_size *));
	const struct css_cv *items[64];
	size_t pos = 0, n = 0;
	const struct css_cv *c;
	while ((c = css_next(v, &pos))) {
		if (n == 64)
			return false;
		items[n++] = c;
	}
	if (n == 0)
		return false;
	struct css_track_size *sizes = base_arena_calloc(cx->arena, n, sizeof *sizes);
	for (size_t i = 0; i < n; i++) {
		bool fixed;
		if (!parse_track_size(cx, items[i], &sizes[i], &fixed))
			return false;
	}
	if (n == 1 && !sizes[0].fit_content && sizes[0].min.kind == CSS_TRACK_AUTO && sizes[0].max.kind == CSS_TRACK_AUTO) {
		*list = NULL; /* auto, the initial value */
		*count = 0;
		return true;
	}
	*list = sizes;
	*count = (uint32_t)n;
	return true;
}

/* [ row | column ] || dense */
bool css_p_grid_auto_flow(struct css_compute *cx, struct css_cv_list v)
{
	size_t pos = 0;
	const struct css_cv *c;
	bool axis = false, dense = false;
	uint8_t flow = 0;
	while ((c = css_next(v, &pos))) {
		if (!axis && (css_is_ident(c, "row") || css_is_ident(c, "column"))) {
			axis = true;
			if (css_is_ident(c, "column"))
				flow |= CSS_GRID_FLOW_COLUMN;
		} else if (!dense && css_is_ident(c, "dense")) {
			dense = true;
			flow |= CSS_GRID_FLOW_DENSE;
		} else {
			return false;
		}
	}
	if (!axis && !dense)
		return false;
	cx->style->grid_auto_flow = flow;
	return true;
}

/* <grid-line> (https://drafts.csswg.org/css-grid-1/#typedef-grid-row-start-grid-line). */
static bool parse_grid_line(struct css_compute *cx, struct css_cv_list v, struct css_grid_line *out)
{
	memset(out, 0, sizeof *out);
	size_t pos = 0;
	const struct css_cv *c;
	const struct css_cv *first = css_next(v, &pos);
	if (css_is_ident(first, "auto"))
		return !css_next(v, &pos);
	pos = 0;
	bool have_int = false;
	while ((c = css_next(v, &pos))) {
		if (css_is_ident(c, "span")) {
			if (out->span)
				return false;
			out->span = true;
		} else if (c->tok.type == CSS_TOK_IDENT) {
			if (out->name || is_reserved_ident(c))
				return false;
			out->name = base_arena_strndup(cx->arena, c->tok.value.ptr, c->tok.value.len);
		} else {
			if (have_int || !css_parse_integer_cv(cx, c, &out->integer) || out->integer == 0)
				return false;
			have_int = true;
		}
	}
	if (!have_int && !out->name)
		return false;
	if (out->span) {
		if (have_int && out->integer < 0)
			return false;
		if (!have_int)
			out->integer = 1;
	}
	/* "span" must come first or last, not between the integer and name. */
	if (out->span) {
		pos = 0;
		const struct css_cv *a = css_next(v, &pos), *last = a;
		while ((c = css_next(v, &pos)))
			last = c;
		if (!css_is_ident(a, "span") && !css_is_ident(last, "span"))
			return false;
	}
	return true;
}

bool css_p_grid_line(struct css_compute *cx, struct css_cv_list v)
{
	return parse_grid_line(cx, v, (struct css_grid_line *)((char *)cx->style + css_properties[cx->prop].offset));
}

/* ---- grid-template-areas ------------------------------------------------- */

static bool is_name_code_point(unsigned char ch)
{
	return ch >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
	       ch == '_';
}

/* The cells of one row string (§7.3.1): named cell tokens, null cell
 * tokens (runs of '.') as NULL, whitespace ignored, anything else a trash
 * token, which makes the declaration invalid (returns -1). */
static int row_cells(struct base_arena *a, const char *s, size_t len, const char **cells, int max)
{
	int n = 0;
	size_t i = 0;
	while (i < len) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') {
			i++;
			continue;
		}
		if (n == max)
			return -1;
		if (ch == '.') {
			while (i < len && s[i] == '.')
				i++;
			cells[n++] = NULL;
		} else if (is_name_code_point(ch)) {
			size_t start = i;
			while (i < len && is_name_code_point((unsigned char)s[i]))
				i++;
			cells[n++] = base_arena_strndup(a, s + start, i - start);
		} else {
			return -1;
		}
	}
	return n;
}

#define MAX_AREA_CELLS 1000

/* none | <string>+ (https://drafts.csswg.org/css-grid-1/#grid-template-areas-property). */
bool css_p_grid_template_areas(struct css_compute *cx, struct css_cv_list v)
{
	struct css_grid_areas *ga = &cx->style->grid_template_areas;
	memset(ga, 0, sizeof *ga);
	size_t pos = 0;
	const struct css_cv *c = css_next(v, &pos);
	if (css_is_ident(c, "none"))
		return !css_next(v, &pos);
	pos = 0;
	size_t rows = 0;
	while ((c = css_next(v, &pos))) {
		if (c->tok.type != CSS_TOK_STRING)
			return false;
		rows++;
	}
	if (rows == 0 || rows > MAX_AREA_CELLS)
		return false;
	const char **grid = NULL;
	int columns = -1;
	const char **strings = base_arena_calloc(cx->arena, rows, sizeof *strings);
	pos = 0;
	for (size_t r = 0; (c = css_next(v, &pos)); r++) {
		const char *cells[MAX_AREA_CELLS];
		int n = row_cells(cx->arena, c->tok.value.ptr, c->tok.value.len, cells, MAX_AREA_CELLS);
		if (n <= 0 || (columns >= 0 && n != columns) || (size_t)n * rows > MAX_AREA_CELLS)
			return false;
		if (!grid) {
			columns = n;
			grid = base_arena_calloc(cx->arena, rows * (size_t)n, sizeof *grid);
		}
		memcpy(grid + r * (size_t)columns, cells, (size_t)n * sizeof *cells);
		strings[r] = base_arena_strndup(cx->arena, c->tok.value.ptr, c->tok.value.len);
	}
	/* Each name must fill exactly its bounding rectangle. */
	struct css_grid_area *areas = base_arena_calloc(cx->arena, rows * (size_t)columns, sizeof *areas);
	uint32_t count = 0;
	for (size_t r = 0; r < rows; r++)
		for (int col = 0; col < columns; col++) {
			const char *name = grid[r * (size_t)columns + (size_t)col];
			if (!name)
				continue;
			bool seen = false;
			for (uint32_t k = 0; k < count && !seen; k++)
				seen = strcmp(areas[k].name, name) == 0;
			if (seen)
				continue;
			size_t r1 = r;
			int c1 = col;
			while (c1 + 1 < columns && grid[r * (size_t)columns + (size_t)c1 + 1] &&
			       strcmp(grid[r * (size_t)columns + (size_t)c1 + 1], name) == 0)
				c1++;
			while (r1 + 1 < rows && grid[(r1 + 1) * (size_t)columns + (size_t)col] &&
			       strcmp(grid[(r1 + 1) * (size_t)columns + (size_t)col], name) == 0)
				r1++;
			for (size_t rr = 0; rr < rows; rr++)
				for (int cc = 0; cc < columns; cc++) {
					const char *cell = grid[rr * (size_t)columns + (size_t)cc];
					bool inside = rr >= r && rr <= r1 && cc >= col && cc <= c1;
					bool same = cell && strcmp(cell, name) == 0;
					if (inside != same)
						return false;
				}
			areas[count++] = (struct css_grid_area){ name, (uint16_t)(r + 1), (uint16_t)(r1 + 2), (uint16_t)(col + 1),
								 (uint16_t)(c1 + 2) };
		}
	ga->areas = areas;
	ga->count = count;
	ga->rows = (uint16_t)rows;
	ga->columns = (uint16_t)columns;
	ga->strings = strings;
	return true;
}

/* ---- Shorthands ------------------------------------------------------------ */

/* Splits a value at top-level '/' delimiters into at most max parts. */
static int split_slash(struct css_cv_list v, struct css_cv_list *parts, int max)
{
	int n = 0;
	size_t start = 0;
	for (size_t i = 0; i <= v.len; i++) {
		if (i == v.len || css_cv_is_delim(&v.items[i], '/')) {
			if (n == max)
				return -1;
			parts[n].items = v.items + start;
			parts[n].len = i - start;
			n++;
			start = i + 1;
		}
	}
	return n;
}

static bool is_single_ident(struct css_cv_list v)
{
	const struct css_cv *c = css_single(v);
	return c && c->tok.type == CSS_TOK_IDENT && !css_is_ident(c, "auto");
}

/* The value of an omitted end line: the start's <custom-ident>, else auto. */
static struct css_cv_list omitted_line(struct css_compute *cx, struct css_cv_list from)
{
	return is_single_ident(from) ? from : css_ident_list(cx, "auto");
}

static bool line_pair(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out, uint16_t start, uint16_t end)
{
	struct css_cv_list parts[2];
	int n = split_slash(v, parts, 2);
	if (n < 1)
		return false;
	struct css_cv_list e = n == 2 ? parts[1] : omitted_line(cx, parts[0]);
	if (!css_longhand_valid(cx, start, parts[0]) || !css_longhand_valid(cx, end, e))
		return false;
	css_expansion_put(out, start, parts[0]);
	css_expansion_put(out, end, e);
	return true;
}

/* grid-row, grid-column: <grid-line> [ / <grid-line> ]? */
bool css_x_grid_row(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return line_pair(cx, v, out, CSS_PROP_GRID_ROW_START, CSS_PROP_GRID_ROW_END);
}
bool css_x_grid_column(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return line_pair(cx, v, out, CSS_PROP_GRID_COLUMN_START, CSS_PROP_GRID_COLUMN_END);
}

/* grid-area: <grid-line> [ / <grid-line> ]{0,3} */
bool css_x_grid_area(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	struct css_cv_list p[4];
	int n = split_slash(v, p, 4);
	if (n < 1)
		return false;
	if (n < 2)
		p[1] = omitted_line(cx, p[0]);
	if (n < 3)
		p[2] = omitted_line(cx, p[0]);
	if (n < 4)
		p[3] = omitted_line(cx, p[1]);
	static const uint16_t props[4] = { CSS_PROP_GRID_ROW_START, CSS_PROP_GRID_COLUMN_START, CSS_PROP_GRID_ROW_END,
					   CSS_PROP_GRID_COLUMN_END };
	for (int i = 0; i < 4; i++)
		if (!css_longhand_valid(cx, props[i], p[i]))
			return false;
	for (int i = 0; i < 4; i++)
		css_expansion_put(out, props[i], p[i]);
	return true;
}

/* The template-areas form of grid-template:
 * [ <line-names>? <string> <track-size>? <line-names>? ]+ [ / <explicit-track-list> ]?
 * rewritten as a rows track list (names between rows merged) and areas. */
static bool template_areas_form(struct css_compute *cx, struct css_cv_list rows_part, struct css_cv_list *rows,
				struct css_cv_list *areas)
{
	size_t cap = rows_part.len + 1;
	struct css_cv *row_items = base_arena_calloc(cx->arena, cap * 2, sizeof *row_items);
	struct css_cv *strings = base_arena_calloc(cx->arena, cap, sizeof *strings);
	size_t nr = 0, ns = 0, pos = 0;
	const struct css_cv *c;
	bool after_string = false;
	int gap_names = 0; /* name lists since the last string or size */
	while ((c = css_next(rows_part, &pos))) {
		if (c->tok.type == CSS_TOK_LBRACKET) {
			if (gap_names >= (ns == 0 || after_string ? 1 : 2))
				return false;
			if (after_string)
				row_items[nr++] = *css_ident_list(cx, "auto").items;
			after_string = false;
			if (gap_names) {
				/* A row's trailing names and the next row's leading
				 * names name one line. */
				struct css_cv *merged = &row_items[nr - 1];
				size_t len = merged->children.len + c->children.len + 1;
				struct css_cv *kids = base_arena_calloc(cx->arena, len, sizeof *kids);
				memcpy(kids, merged->children.items, merged->children.len * sizeof *kids);
				kids[merged->children.len].tok.type = CSS_TOK_WHITESPACE;
				memcpy(kids + merged->children.len + 1, c->children.items, c->children.len * sizeof *kids);
				merged->children.items = kids;
				merged->children.len = len;
			} else {
				row_items[nr++] = *c;
			}
			gap_names++;
			continue;
		}
		if (c->tok.type == CSS_TOK_STRING) {
			if (after_string)
				row_items[nr++] = *css_ident_list(cx, "auto").items;
			strings[ns++] = *c;
			after_string = true;
			gap_names = 0;
			continue;
		}
		if (!after_string)
			return false;
		row_items[nr++] = *c;
		after_string = false;
		gap_names = 0;
	}
	if (ns == 0 || gap_names > 1)
		return false;
	if (after_string)
		row_items[nr++] = *css_ident_list(cx, "auto").items;
	rows->items = row_items;
	rows->len = nr;
	areas->items = strings;
	areas->len = ns;
	return true;
}

static bool has_string(struct css_cv_list v)
{
	size_t pos = 0;
	const struct css_cv *c;
	while ((c = css_next(v, &pos)))
		if (c->tok.type == CSS_TOK_STRING)
			return true;
	return false;
}

static bool expand_template(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	size_t pos = 0;
	const struct css_cv *c = css_next(v, &pos);
	if (css_is_ident(c, "none") && !css_next(v, &pos)) {
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_ROWS, v);
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_COLUMNS, v);
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_AREAS, v);
		return true;
	}
	struct css_cv_list parts[2];
	int n = split_slash(v, parts, 2);
	if (n < 1)
		return false;
	struct css_cv_list rows = parts[0], columns = n == 2 ? parts[1] : css_ident_list(cx, "none");
	struct css_cv_list areas = css_ident_list(cx, "none");
	if (has_string(parts[0])) {
		if (!template_areas_form(cx, parts[0], &rows, &areas))
			return false;
		/* The columns are an <explicit-track-list>: no auto repeat. */
		if (n == 2 && (!css_longhand_valid(cx, CSS_PROP_GRID_TEMPLATE_COLUMNS, columns) ||
			       cx->style->grid_template_columns.repeat != CSS_GRID_REPEAT_NONE))
			return false;
		if (!css_longhand_valid(cx, CSS_PROP_GRID_TEMPLATE_AREAS, areas) ||
		    cx->style->grid_template_areas.rows != (uint16_t)areas.len)
			return false;
	} else if (n != 2) {
		return false;
	}
	if (!css_longhand_valid(cx, CSS_PROP_GRID_TEMPLATE_ROWS, rows) || !css_longhand_valid(cx, CSS_PROP_GRID_TEMPLATE_COLUMNS, columns))
		return false;
	css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_ROWS, rows);
	css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_COLUMNS, columns);
	css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_AREAS, areas);
	return true;
}

/* grid-template: none | <rows> / <columns> | the template-areas form. */
bool css_x_grid_template(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	return expand_template(cx, v, out);
}

/* [ auto-flow && dense? ] <auto tracks>?: the flow value and the tracks. */
static bool auto_flow_part(struct css_compute *cx, struct css_cv_list v, bool column, struct css_cv_list *flow,
			   struct css_cv_list *tracks)
{
	size_t pos = 0;
	const struct css_cv *c;
	bool auto_flow = false, dense = false;
	size_t rest = 0;
	while ((c = css_next(v, &pos))) {
		if (!auto_flow && css_is_ident(c, "auto-flow"))
			auto_flow = true;
		else if (!dense && css_is_ident(c, "dense"))
			dense = true;
		else
			break;
		rest = pos;
	}
	if (!auto_flow)
		return false;
	const char *f = column ? (dense ? "column dense" : "column") : (dense ? "row dense" : "row");
	struct css_cv *items = base_arena_calloc(cx->arena, 3, sizeof *items);
	const char *sp = strchr(f, ' ');
	items[0] = *css_ident_list(cx, base_arena_strndup(cx->arena, f, sp ? (size_t)(sp - f) : strlen(f))).items;
	size_t k = 1;
	if (sp) {
		items[1].tok.type = CSS_TOK_WHITESPACE;
		items[2] = *css_ident_list(cx, "dense").items;
		k = 3;
	}
	flow->items = items;
	flow->len = k;
	tracks->items = v.items + rest;
	tracks->len = v.len - rest;
	return true;
}

/* grid: <'grid-template'> | <'grid-template-rows'> / [ auto-flow && dense? ]
 * <'grid-auto-columns'>? | [ auto-flow && dense? ] <'grid-auto-rows'>? /
 * <'grid-template-columns'>. Omitted longhands are reset. */
bool css_x_grid(struct css_compute *cx, struct css_cv_list v, struct css_expansion *out)
{
	struct css_cv_list parts[2];
	int n = split_slash(v, parts, 2);
	struct css_cv_list flow, tracks;
	if (n == 2 && auto_flow_part(cx, parts[0], false, &flow, &tracks)) {
		bool have_tracks = !css_cv_at_end(tracks, 0);
		if (!css_longhand_valid(cx, CSS_PROP_GRID_TEMPLATE_COLUMNS, parts[1]) ||
		    (have_tracks && !css_longhand_valid(cx, CSS_PROP_GRID_AUTO_ROWS, tracks)))
			return false;
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_ROWS, css_ident_list(cx, "none"));
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_COLUMNS, parts[1]);
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_AREAS, css_ident_list(cx, "none"));
		if (have_tracks)
			css_expansion_put(out, CSS_PROP_GRID_AUTO_ROWS, tracks);
		else
			css_expansion_put_initial(out, CSS_PROP_GRID_AUTO_ROWS);
		css_expansion_put_initial(out, CSS_PROP_GRID_AUTO_COLUMNS);
		css_expansion_put(out, CSS_PROP_GRID_AUTO_FLOW, flow);
		return true;
	}
	if (n == 2 && auto_flow_part(cx, parts[1], true, &flow, &tracks)) {
		bool have_tracks = !css_cv_at_end(tracks, 0);
		if (!css_longhand_valid(cx, CSS_PROP_GRID_TEMPLATE_ROWS, parts[0]) ||
		    (have_tracks && !css_longhand_valid(cx, CSS_PROP_GRID_AUTO_COLUMNS, tracks)))
			return false;
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_ROWS, parts[0]);
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_COLUMNS, css_ident_list(cx, "none"));
		css_expansion_put(out, CSS_PROP_GRID_TEMPLATE_AREAS, css_ident_list(cx, "none"));
		css_expansion_put_initial(out, CSS_PROP_GRID_AUTO_ROWS);
		if (have_tracks)
			css_expansion_put(out, CSS_PROP_GRID_AUTO_COLUMNS, tracks);
		else
			css_expansion_put_initial(out, CSS_PROP_GRID_AUTO_COLUMNS);
		css_expansion_put(out, CSS_PROP_GRID_AUTO_FLOW, flow);
		return true;
	}
	if (!expand_template(cx, v, out))
		return false;
	css_expansion_put_initial(out, CSS_PROP_GRID_AUTO_ROWS);
	css_expansion_put_initial(out, CSS_PROP_GRID_AUTO_COLUMNS);
	css_expansion_put_initial(out, CSS_PROP_GRID_AUTO_FLOW);
	return true;
}

/* ---- Equality and serialisation -------------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool names_eq(const char *const *a, const char *const *b, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (!str_eq(a[i], b[i]))
			return false;
	return true;
}

static bool sizes_eq(const struct css_track_size *a, const struct css_track_size *b, uint32_t n)
{
	return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

static bool template_eq(const struct css_grid_template *a, const struct css_grid_template *b)
{
	if (a->count != b->count || a->repeat != b->repeat || a->repeat_start != b->repeat_start ||
	    a->repeat_count != b->repeat_count || a->end_name_count != b->end_name_count ||
	    a->repeat_first_name_count != b->repeat_first_name_count || a->repeat_last_name_count != b->repeat_last_name_count ||
	    !names_eq(a->end_names, b->end_names, a->end_name_count) ||
	    !names_eq(a->repeat_first_names, b->repeat_first_names, a->repeat_first_name_count) ||
	    !names_eq(a->repeat_last_names, b->repeat_last_names, a->repeat_last_name_count))
		return false;
	for (uint32_t i = 0; i < a->count; i++)
		if (!sizes_eq(&a->tracks[i].size, &b->tracks[i].size, 1) || a->tracks[i].name_count != b->tracks[i].name_count ||
		    !names_eq(a->tracks[i].names, b->tracks[i].names, a->tracks[i].name_count))
			return false;
	return true;
}

static bool areas_eq(const struct css_grid_areas *a, const struct css_grid_areas *b)
{
	if (a->count != b->count || a->rows != b->rows || a->columns != b->columns)
		return false;
	for (uint32_t i = 0; i < a->count; i++)
		if (!str_eq(a->areas[i].name, b->areas[i].name) || a->areas[i].row_start != b->areas[i].row_start ||
		    a->areas[i].row_end != b->areas[i].row_end || a->areas[i].column_start != b->areas[i].column_start ||
		    a->areas[i].column_end != b->areas[i].column_end)
			return false;
	return true;
}

static bool line_eq(const struct css_grid_line *a, const struct css_grid_line *b)
{
	return a->integer == b->integer && a->span == b->span && str_eq(a->name, b->name);
}

bool css_grid_values_equal(const struct css_style *a, const struct css_style *b)
{
	return template_eq(&a->grid_template_rows, &b->grid_template_rows) &&
	       template_eq(&a->grid_template_columns, &b->grid_template_columns) &&
	       areas_eq(&a->grid_template_areas, &b->grid_template_areas) && a->grid_auto_row_count == b->grid_auto_row_count &&
	       a->grid_auto_column_count == b->grid_auto_column_count &&
	       sizes_eq(a->grid_auto_rows, b->grid_auto_rows, a->grid_auto_row_count) &&
	       sizes_eq(a->grid_auto_columns, b->grid_auto_columns, a->grid_auto_column_count) &&
	       line_eq(&a->grid_row_start, &b->grid_row_start) && line_eq(&a->grid_row_end, &b->grid_row_end) &&
	       line_eq(&a->grid_column_start, &b->grid_column_start) && line_eq(&a->grid_column_end, &b->grid_column_end);
}

static void put_breadth(const struct css_track_breadth *b, struct base_buf *out)
{
	switch (b->kind) {
	case CSS_TRACK_FLEX:
		css_serialize_number(b->fr, out);
		base_buf_puts(out, "fr");
		break;
	case CSS_TRACK_AUTO: base_buf_puts(out, "auto"); break;
	case CSS_TRACK_MIN_CONTENT: base_buf_puts(out, "min-content"); break;
	case CSS_TRACK_MAX_CONTENT: base_buf_puts(out, "max-content"); break;
	default: css_serialize_length(b->length, out); break;
	}
}

static void put_size(const struct css_track_size *s, struct base_buf *out)
{
	if (s->fit_content) {
		base_buf_puts(out, "fit-content(");
		css_serialize_length(s->max.length, out);
		base_buf_putc(out, ')');
	} else if (memcmp(&s->min, &s->max, sizeof s->min) == 0 ||
		   (s->min.kind == CSS_TRACK_AUTO && s->max.kind == CSS_TRACK_FLEX)) {
		put_breadth(&s->max, out);
	} else {
		base_buf_puts(out, "minmax(");
		put_breadth(&s->min, out);
		base_buf_puts(out, ", ");
		put_breadth(&s->max, out);
		base_buf_putc(out, ')');
	}
}

/* Drops the separator written after the last part. */
static void drop_last(struct base_buf *out)
{
	out->len--;
	out->data[out->len] = '\0';
}

static void put_names(const char *const *names, uint32_t n, struct base_buf *out)
{
	if (!n)
		return;
	base_buf_putc(out, '[');
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			base_buf_putc(out, ' ');
		base_buf_puts(out, names[i]);
	}
	base_buf_puts(out, "] ");
}

void css_serialize_grid_template(const struct css_grid_template *t, struct base_buf *out)
{
	if (t->count == 0) {
		base_buf_puts(out, "none");
		return;
	}
	size_t start = out->len;
	for (uint32_t i = 0; i < t->count; i++) {
		bool rep_first = t->repeat && i == t->repeat_start, rep_last = t->repeat && i + 1 == t->repeat_start + t->repeat_count;
		uint32_t nn = t->tracks[i].name_count;
		if (rep_first) {
			put_names(t->tracks[i].names, nn - t->repeat_first_name_count, out);
			base_buf_puts(out, t->repeat == CSS_GRID_REPEAT_AUTO_FILL ? "repeat(auto-fill, " : "repeat(auto-fit, ");
			put_names(t->repeat_first_names, t->repeat_first_name_count, out);
		} else if (t->repeat && i == t->repeat_start + t->repeat_count) {
			put_names(t->tracks[i].names + t->repeat_last_name_count, nn - t->repeat_last_name_count, out);
		} else {
			put_names(t->tracks[i].names, nn, out);
		}
		put_size(&t->tracks[i].size, out);
		if (rep_last) {
			if (t->repeat_last_name_count) {
				base_buf_putc(out, ' ');
				put_names(t->repeat_last_names, t->repeat_last_name_count, out);
				drop_last(out);
			}
			base_buf_putc(out, ')');
		}
		base_buf_putc(out, ' ');
	}
	bool after_repeat = t->repeat && t->repeat_start + t->repeat_count == t->count;
	uint32_t skip = after_repeat ? t->repeat_last_name_count : 0;
	put_names(t->end_names + skip, t->end_name_count - skip, out);
	if (out->len > start)
		drop_last(out);
}

/* The names of explicit line `line` of a template with reps auto
 * repetitions, each followed by a space, in brackets; nothing when none. */
static void put_line_names(const struct css_grid_template *t, uint32_t reps, uint32_t line, struct base_buf *out)
{
	const char *const *a = NULL, *const *b = NULL;
	uint32_t na = 0, nb = 0, l = line;
	if (t->repeat != CSS_GRID_REPEAT_NONE && l > t->repeat_start && l < t->repeat_start + t->repeat_count * reps) {
		uint32_t j = (l - t->repeat_start) % t->repeat_count;
		if (j == 0) {
			a = t->repeat_last_names, na = t->repeat_last_name_count;
			b = t->repeat_first_names, nb = t->repeat_first_name_count;
		} else {
			a = t->tracks[t->repeat_start + j].names, na = t->tracks[t->repeat_start + j].name_count;
		}
	} else {
		if (t->repeat != CSS_GRID_REPEAT_NONE && l > t->repeat_start)
			l -= t->repeat_count * (reps - 1);
		if (l < t->count)
			a = t->tracks[l].names, na = t->tracks[l].name_count;
		else if (l == t->count)
			a = t->end_names, na = t->end_name_count;
	}
	if (na + nb == 0)
		return;
	base_buf_putc(out, '[');
	for (uint32_t i = 0; i < na + nb; i++) {
		if (i)
			base_buf_putc(out, ' ');
		base_buf_puts(out, i < na ? a[i] : b[i - na]);
	}
	base_buf_puts(out, "] ");
}

void css_serialize_grid_used_tracks(const struct css_grid_template *t, const struct css_used_grid *g, int axis, struct base_buf *out)
{
	uint32_t n = g->count[axis], off = g->offset[axis], reps = g->reps[axis] ? g->reps[axis] : 1;
	if (n == 0) {
		base_buf_puts(out, "none");
		return;
	}
	uint32_t lines = t->repeat == CSS_GRID_REPEAT_NONE ? t->count : t->count - t->repeat_count + t->repeat_count * reps;
	for (uint32_t i = 0; i <= n; i++) {
		if (i >= off && i - off <= lines && t->count)
			put_line_names(t, reps, i - off, out);
		if (i == n)
			break;
		css_serialize_number(g->sizes[axis][i], out);
		base_buf_puts(out, "px ");
	}
	drop_last(out);
}

void css_serialize_grid_areas(const struct css_grid_areas *a, struct base_buf *out)
{
	if (a->rows == 0) {
		base_buf_puts(out, "none");
		return;
	}
	for (uint16_t r = 1; r <= a->rows; r++) {
		base_buf_puts(out, r > 1 ? " \"" : "\"");
		for (uint16_t c = 1; c <= a->columns; c++) {
			const char *name = ".";
			for (uint32_t k = 0; k < a->count; k++) {
				const struct css_grid_area *ar = &a->areas[k];
				if (r >= ar->row_start && r < ar->row_end && c >= ar->column_start && c < ar->column_end)
					name = ar->name;
			}
			if (c > 1)
				base_buf_putc(out, ' ');
			base_buf_puts(out, name);
		}
		base_buf_putc(out, '"');
	}
}

void css_serialize_grid_line(const struct css_grid_line *l, struct base_buf *out)
{
	if (!l->span && l->integer == 0 && !l->name) {
		base_buf_puts(out, "auto");
		return;
	}
	bool any = l->span, with_integer = l->integer && !(l->span && l->integer == 1 && l->name);
	if (l->span)
		base_buf_puts(out, "span");
	if (with_integer)
		base_buf_printf(out, "%s%d", any ? " " : "", l->integer);
	any |= with_integer;
	if (l->name)
		base_buf_printf(out, "%s%s", any ? " " : "", l->name);
}

void css_serialize_track_sizes(const struct css_track_size *s, uint32_t n, struct base_buf *out)
{
	if (n == 0) {
		base_buf_puts(out, "auto");
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			base_buf_putc(out, ' ');
		put_size(&s[i], out);
	}
}
