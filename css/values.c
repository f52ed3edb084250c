/* Computed values of the basic value types: <length-percentage> with
 * every Values 4 unit, calc()/min()/max()/clamp() with mixed units,
 * <number>, <integer>, <angle>, <color>, url() and gradients.
 * https://drafts.csswg.org/css-values-4/
 *
 * ex and ch come from the fonts through the loader's font_units hook
 * (fonts are layout's); without it they use the fallbacks Values 4 allows:
 * 1ex = 1ch = 0.5em. In min()/max()/
 * clamp() percentages that cannot be folded into px + % are resolved
 * against the viewport width. */
#include "css/internal.h"

#include <math.h>
#include <string.h>

const struct css_cv *css_single(struct css_cv_list v)
{
	size_t pos = 0;
	const struct css_cv *cv = css_next(v, &pos);
	if (!cv || !css_cv_at_end(v, pos))
		return NULL;
	return cv;
}

int css_keyword_index(const struct css_cv *cv, const char *const *names, size_t n)
{
	if (!cv || cv->tok.type != CSS_TOK_IDENT)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (names[i] && base_ascii_ieq_lit(cv->tok.value.ptr, cv->tok.value.len, names[i]))
			return (int)i;
	return -1;
}

/* Viewport units and their small/large/dynamic variants (sv*, lv*, dv*),
 * all against the one viewport we have. */
static bool viewport_unit(const char *u, size_t n, double v, double vw, double vh, double *px)
{
	if (n >= 3 && (base_ascii_lower(u[0]) == 's' || base_ascii_lower(u[0]) == 'l' || base_ascii_lower(u[0]) == 'd')) {
		u++;
		n--;
	}
	if (base_ascii_ieq_lit(u, n, "vw") || base_ascii_ieq_lit(u, n, "vi"))
		*px = v * vw / 100.0;
	else if (base_ascii_ieq_lit(u, n, "vh") || base_ascii_ieq_lit(u, n, "vb"))
		*px = v * vh / 100.0;
	else if (base_ascii_ieq_lit(u, n, "vmin"))
		*px = v * BASE_MIN(vw, vh) / 100.0;
	else if (base_ascii_ieq_lit(u, n, "vmax"))
		*px = v * BASE_MAX(vw, vh) / 100.0;
	else
		return false;
	return true;
}

/* ex or ch of the first available font (CSS Values 4 §6.1.1); in
 * font-size they refer to the parent's font. 0.5em when the font has
 * none. The answer for the last font is kept, as most elements ask about
 * one font only. */
static double font_relative_unit(struct css_compute *cx, bool ch)
{
	const struct css_style *fs = cx->prop == CSS_PROP_FONT_SIZE ? cx->parent : cx->style;
	if (cx->validating || !fs || !cx->loader || !cx->loader->font_units)
		return cx->em * 0.5;
	if (cx->units_family != &fs->font_family || cx->units_size != cx->em || cx->units_weight != fs->font_weight ||
	    cx->units_style != fs->font_style) {
		cx->units_family = &fs->font_family;
		cx->units_size = cx->em;
		cx->units_weight = fs->font_weight;
		cx->units_style = fs->font_style;
		cx->units_ex = cx->units_ch = 0;
		cx->units_known = cx->loader->font_units(cx->loader->ctx, &fs->font_family, cx->em, fs->font_weight,
							 fs->font_style, &cx->units_ex, &cx->units_ch);
	}
	float v = ch ? cx->units_ch : cx->units_ex;
	return cx->units_known && v > 0 ? v : cx->em * 0.5;
}

/* https://drafts.csswg.org/css-values-4/#lengths */
bool css_unit_to_px(struct css_compute *cx, const char *u, size_t n, double v, double *px)
{
	static const struct {
		const char *unit;
		double px;
	} absolute[] = {
		{ "px", 1.0 },	     { "cm", 96.0 / 2.54 }, { "mm", 96.0 / 25.4 },
		{ "q", 96.0 / 101.6 }, { "in", 96.0 },	     { "pt", 96.0 / 72.0 },
		{ "pc", 16.0 },
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(absolute); i++)
		if (base_ascii_ieq_lit(u, n, absolute[i].unit)) {
			*px = v * absolute[i].px;
			return true;
		}
	float vw = cx->media ? cx->media->viewport_width : 800, vh = cx->media ? cx->media->viewport_height : 600;
	if (base_ascii_ieq_lit(u, n, "em"))
		*px = v * cx->em;
	else if (base_ascii_ieq_lit(u, n, "rem"))
		*px = v * cx->root_font_size;
	else if (base_ascii_ieq_lit(u, n, "ex") || base_ascii_ieq_lit(u, n, "ch"))
		*px = v * font_relative_unit(cx, base_ascii_ieq_lit(u, n, "ch"));
	else if (base_ascii_ieq_lit(u, n, "ic"))
		*px = v * cx->em;
	else if (base_ascii_ieq_lit(u, n, "rex") || base_ascii_ieq_lit(u, n, "rch"))
		*px = v * cx->root_font_size * 0.5;
	else if (base_ascii_ieq_lit(u, n, "cap"))
		*px = v * cx->em * 0.7;
	else if (base_ascii_ieq_lit(u, n, "lh"))
		*px = v * cx->em * 1.2;
	else if (base_ascii_ieq_lit(u, n, "rlh"))
		*px = v * cx->root_font_size * 1.2;
	else
		return viewport_unit(u, n, v, vw, vh, px);
	return true;
}

/* ---- calc() (https://drafts.csswg.org/css-values-4/#calc-func) --------- */

enum calc_type { CALC_NUMBER, CALC_LENGTH, CALC_ANGLE };

struct calc_value {
	uint8_t type; /* enum calc_type; percentages are lengths with pct */
	bool has_pct;
	double num; /* number, length px or angle degrees */
	double pct;
};

#define CALC_MAX_DEPTH 32

static bool calc_sum(struct css_compute *cx, struct css_cv_list in, int depth, struct calc_value *out);

static bool calc_angle_unit(const char *u, size_t n, double v, double *deg)
{
	if (base_ascii_ieq_lit(u, n, "deg"))
		*deg = v;
	else if (base_ascii_ieq_lit(u, n, "rad"))
		*deg = v * 180.0 / M_PI;
	else if (base_ascii_ieq_lit(u, n, "grad"))
		*deg = v * 0.9;
	else if (base_ascii_ieq_lit(u, n, "turn"))
		*deg = v * 360.0;
	else
		return false;
	return true;
}

/* Folds a value with both px and % into px when % cannot stay separate. */
static double calc_flat(struct css_compute *cx, const struct calc_value *v)
{
	double ref = cx->media ? cx->media->viewport_width : 800;
	return v->num + (v->has_pct ? v->pct * ref / 100.0 : 0);
}

static bool calc_function(struct css_compute *cx, const struct css_cv *cv, int depth, struct calc_value *out)
{
	if (depth > CALC_MAX_DEPTH)
		return false;
	if (cv->tok.type == CSS_TOK_LPAREN || css_is_function(cv, "calc"))
		return calc_sum(cx, cv->children, depth + 1, out);
	bool is_min = css_is_function(cv, "min"), is_max = css_is_function(cv, "max"),
	     is_clamp = css_is_function(cv, "clamp");
	if (!is_min && !is_max && !is_clamp)
		return false;
	struct css_cv_list *args;
	size_t n = css_split_commas(cx->arena, cv->children, &args);
	if (n == 0 || (is_clamp && n != 3))
		return false;
	struct calc_value vals[3], acc = { 0 };
	for (size_t i = 0; i < n; i++) {
		struct calc_value v;
		if (!calc_sum(cx, args[i], depth + 1, &v))
			return false;
		if (i == 0)
			acc = v;
		else if (v.type != acc.type)
			return false;
		if (is_clamp)
			vals[i] = v;
		double a = calc_flat(cx, &acc), b = calc_flat(cx, &v);
		bool take = (is_min && b < a) || (is_max && b > a);
		if (i > 0 && !is_clamp && take)
			acc = v;
	}
	if (is_clamp) {
		double lo = calc_flat(cx, &vals[0]), mid = calc_flat(cx, &vals[1]), hi = calc_flat(cx, &vals[2]);
		double r = BASE_MAX(lo, BASE_MIN(mid, hi));
		acc = vals[1];
		if (r != mid || vals[1].has_pct) {
			acc.num = r;
			acc.has_pct = false;
			acc.pct = 0;
		}
	}
	*out = acc;
	return true;
}

static bool calc_value(struct css_compute *cx, const struct css_cv *cv, int depth, struct calc_value *out)
{
	memset(out, 0, sizeof *out);
	switch (cv->tok.type) {
	case CSS_TOK_NUMBER:
		out->type = CALC_NUMBER;
		out->num = cv->tok.number;
		return true;
	case CSS_TOK_PERCENTAGE:
		out->type = CALC_LENGTH;
		out->has_pct = true;
		out->pct = cv->tok.number;
		return true;
	case CSS_TOK_DIMENSION: {
		double v;
		if (css_unit_to_px(cx, cv->tok.value.ptr, cv->tok.value.len, cv->tok.number, &v)) {
			out->type = CALC_LENGTH;
			out->num = v;
			return true;
		}
		if (calc_angle_unit(cv->tok.value.ptr, cv->tok.value.len, cv->tok.number, &v)) {
			out->type = CALC_ANGLE;
			out->num = v;
			return true;
		}
		return false;
	}
	case CSS_TOK_IDENT:
		out->type = CALC_NUMBER;
		if (css_is_ident(cv, "pi"))
			out->num = M_PI;
		else if (css_is_ident(cv, "e"))
			out->num = M_E;
		else
			return false;
		return true;
	case CSS_TOK_LPAREN:
	case CSS_TOK_FUNCTION:
		return calc_function(cx, cv, depth, out);
	default:
		return false;
	}
}

static bool calc_product(struct css_compute *cx, const struct css_cv *const *items, size_t n, int depth,
			 struct calc_value *out)
{
	if (n == 0 || !calc_value(cx, items[0], depth, out))
		return false;
	for (size_t i = 1; i < n; i += 2) {
		if (i + 1 >= n)
			return false;
		struct calc_value r;
		if (!calc_value(cx, items[i + 1], depth, &r))
			return false;
		if (css_is_delim(items[i], '*')) {
			if (out->type == CALC_NUMBER) {
				double k = out->num;
				*out = r;
				out->num *= k;
				out->pct *= k;
			} else if (r.type == CALC_NUMBER) {
				out->num *= r.num;
				out->pct *= r.num;
			} else {
				return false;
			}
		} else if (css_is_delim(items[i], '/')) {
			if (r.type != CALC_NUMBER || r.num == 0)
				return false;
			out->num /= r.num;
			out->pct /= r.num;
		} else {
			return false;
		}
	}
	return true;
}

static bool calc_sum(struct css_compute *cx, struct css_cv_list in, int depth, struct calc_value *out)
{
	if (depth > CALC_MAX_DEPTH)
		return false;
	/* Gather the non-whitespace items, remembering which + and - had
	 * whitespace on both sides as the grammar requires. */
	const struct css_cv *stack_items[64];
	const struct css_cv **items = stack_items;
	if (in.len > BASE_ARRAY_LEN(stack_items))
		items = base_arena_alloc(cx->arena, in.len * sizeof *items);
	size_t n = 0;
	for (size_t i = 0; i < in.len; i++) {
		const struct css_cv *cv = &in.items[i];
		if (cv->tok.type == CSS_TOK_WHITESPACE)
			continue;
		if ((css_is_delim(cv, '+') || css_is_delim(cv, '-')) &&
		    (i == 0 || i + 1 >= in.len || in.items[i - 1].tok.type != CSS_TOK_WHITESPACE ||
		     in.items[i + 1].tok.type != CSS_TOK_WHITESPACE))
			return false;
		items[n++] = cv;
	}
	if (n == 0)
		return false;
	bool first = true;
	int sign = 1;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && !css_is_delim(items[i], '+') && !css_is_delim(items[i], '-'))
			continue;
		struct calc_value term;
		if (!calc_product(cx, items + start, i - start, depth, &term))
			return false;
		if (first) {
			*out = term;
			out->num *= sign;
			out->pct *= sign;
			first = false;
		} else {
			if (term.type != out->type)
				return false;
			out->num += sign * term.num;
			out->pct += sign * term.pct;
			out->has_pct |= term.has_pct;
		}
		if (i < n)
			sign = css_is_delim(items[i], '-') ? -1 : 1;
		start = i + 1;
	}
	return true;
}

static bool is_math_function(const struct css_cv *cv)
{
	return css_is_function(cv, "calc") || css_is_function(cv, "min") || css_is_function(cv, "max") ||
	       css_is_function(cv, "clamp");
}

/* ---- Typed parsers ------------------------------------------------------ */

static float clampf(double v)
{
	if (!(v == v))
		return 0;
	if (v > 1e7)
		return 1e7f;
	if (v < -1e7)
		return -1e7f;
	return (float)v;
}

bool css_parse_length_cv(struct css_compute *cx, const struct css_cv *cv, unsigned flags, struct css_length *out)
{
	memset(out, 0, sizeof *out);
	out->kind = CSS_LEN_FIXED;
	if (!cv)
		return false;
	if (cv->tok.type == CSS_TOK_IDENT) {
		static const struct {
			const char *name;
			unsigned flag;
			uint8_t kind;
		} kws[] = {
			{ "auto", CSS_LP_AUTO, CSS_LEN_AUTO },
			{ "none", CSS_LP_NONE, CSS_LEN_NONE },
			{ "normal", CSS_LP_NORMAL, CSS_LEN_NORMAL },
			{ "min-content", CSS_LP_SIZING, CSS_LEN_MIN_CONTENT },
			{ "max-content", CSS_LP_SIZING, CSS_LEN_MAX_CONTENT },
			{ "fit-content", CSS_LP_SIZING, CSS_LEN_FIT_CONTENT },
			{ "-webkit-min-content", CSS_LP_SIZING, CSS_LEN_MIN_CONTENT },
			{ "-webkit-max-content", CSS_LP_SIZING, CSS_LEN_MAX_CONTENT },
			{ "-webkit-fit-content", CSS_LP_SIZING, CSS_LEN_FIT_CONTENT },
		};
		for (size_t i = 0; i < BASE_ARRAY_LEN(kws); i++)
			if ((flags & kws[i].flag) && css_is_ident(cv, kws[i].name)) {
				out->kind = kws[i].kind;
				return true;
			}
		return false;
	}
	if (cv->tok.type == CSS_TOK_NUMBER) {
		if (cv->tok.number != 0)
			return false;
		return true;
	}
	if (cv->tok.type == CSS_TOK_PERCENTAGE) {
		if (!(flags & CSS_LP_PERCENT) || (!(flags & CSS_LP_NEGATIVE) && cv->tok.number < 0))
			return false;
		out->percent = clampf(cv->tok.number);
		out->has_percent = true;
		return true;
	}
	if (cv->tok.type == CSS_TOK_DIMENSION) {
		double px;
		if (!css_unit_to_px(cx, cv->tok.value.ptr, cv->tok.value.len, cv->tok.number, &px))
			return false;
		if (!(flags & CSS_LP_NEGATIVE) && cv->tok.number < 0)
			return false;
		out->px = clampf(px);
		return true;
	}
	if (is_math_function(cv)) {
		struct calc_value v;
		if (!calc_function(cx, cv, 0, &v) || v.type != CALC_LENGTH)
			return false;
		if (v.has_pct && !(flags & CSS_LP_PERCENT))
			return false;
		/* Out-of-range calc() results clamp rather than invalidate. */
		out->px = clampf(v.num);
		out->percent = clampf(v.pct);
		out->has_percent = v.has_pct;
		if (!(flags & CSS_LP_NEGATIVE) && !v.has_pct && out->px < 0)
			out->px = 0;
		return true;
	}
	return false;
}

bool css_parse_length(struct css_compute *cx, struct css_cv_list v, unsigned flags, struct css_length *out)
{
	return css_parse_length_cv(cx, css_single(v), flags, out);
}

bool css_parse_number_cv(struct css_compute *cx, const struct css_cv *cv, double *out)
{
	if (!cv)
		return false;
	if (cv->tok.type == CSS_TOK_NUMBER) {
		*out = cv->tok.number;
		return true;
	}
	if (is_math_function(cv)) {
		struct calc_value v;
		if (!calc_function(cx, cv, 0, &v) || v.type != CALC_NUMBER)
			return false;
		*out = v.num;
		return true;
	}
	return false;
}

bool css_parse_integer_cv(struct css_compute *cx, const struct css_cv *cv, int *out)
{
	double v;
	if (!cv)
		return false;
	if (cv->tok.type == CSS_TOK_NUMBER && !(cv->tok.flags & CSS_TOKEN_INTEGER))
		return false;
	if (!css_parse_number_cv(cx, cv, &v))
		return false;
	v = round(v);
	*out = v > 2147483647.0 ? 2147483647 : v < -2147483647.0 ? -2147483647 : (int)v;
	return true;
}

bool css_parse_angle_cv(struct css_compute *cx, const struct css_cv *cv, bool zero_ok, double *deg)
{
	if (!cv)
		return false;
	if (cv->tok.type == CSS_TOK_NUMBER && zero_ok && cv->tok.number == 0) {
		*deg = 0;
		return true;
	}
	if (cv->tok.type == CSS_TOK_DIMENSION)
		return calc_angle_unit(cv->tok.value.ptr, cv->tok.value.len, cv->tok.number, deg);
	if (is_math_function(cv)) {
		struct calc_value v;
		if (!calc_function(cx, cv, 0, &v) || v.type != CALC_ANGLE)
			return false;
		*deg = v.num;
		return true;
	}
	return false;
}

bool css_parse_color_cv(struct css_compute *cx, const struct css_cv *cv, struct css_color *out)
{
	struct css_color_value v;
	if (!cv || !css_parse_color(cv, &v))
		return false;
	cx->currentcolor = v.space == CSS_COLOR_CURRENT;
	*out = css_color_to_rgba8(&v, cx->style->color);
	return true;
}

const char *css_resolve_url(struct css_compute *cx, const struct css_cv *cv)
{
	struct css_str s;
	if (cv->tok.type == CSS_TOK_URL || cv->tok.type == CSS_TOK_STRING) {
		s = cv->tok.value;
	} else if (css_is_function(cv, "url") || css_is_function(cv, "src")) {
		size_t pos = 0;
		const struct css_cv *arg = css_next(cv->children, &pos);
		if (!arg || arg->tok.type != CSS_TOK_STRING)
			return NULL;
		s = arg->tok.value;
	} else {
		return NULL;
	}
	if (cx->validating)
		return "";
	if (cx->loader && cx->loader->resolve)
		return cx->loader->resolve(cx->loader->ctx, cx->base_path, s.ptr, s.len, cx->arena);
	if (cx->base_path)
		return base_path_resolve(cx->arena, cx->base_path, s.ptr, s.len);
	return base_arena_strndup(cx->arena, s.ptr, s.len);
}

static bool is_url(const struct css_cv *cv)
{
	return cv->tok.type == CSS_TOK_URL || css_is_function(cv, "url");
}

/* Position keywords of <bg-position> and gradient centres, as percent. */
static bool position_keyword(const struct css_cv *cv, bool *horizontal, bool *vertical, float *pct)
{
	static const struct {
		const char *name;
		bool h, v;
		float pct;
	} kws[] = {
		{ "left", true, false, 0 },  { "right", true, false, 100 }, { "top", false, true, 0 },
		{ "bottom", false, true, 100 }, { "center", true, true, 50 },
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(kws); i++)
		if (css_is_ident(cv, kws[i].name)) {
			*horizontal = kws[i].h;
			*vertical = kws[i].v;
			*pct = kws[i].pct;
			return true;
		}
	return false;
}

/* <position> (https://drafts.csswg.org/css-values-4/#position): 1 to 4
 * values in items[0..n). */
bool css_parse_position(struct css_compute *cx, const struct css_cv *const *items, size_t n, struct css_length *x,
			struct css_length *y)
{
	struct css_length lx = { 0 }, ly = { 0 };
	lx.kind = ly.kind = CSS_LEN_FIXED;
	lx.has_percent = ly.has_percent = true;
	lx.percent = ly.percent = 50;
	if (n == 0 || n > 4)
		return false;
	bool h, v;
	float pct;
	if (n <= 2) {
		/* Each item is a keyword (which axes it may name) or a length
		 * (x first, then y). Two keywords may come in either order
		 * ("top center"), a length fixes the order ("left 10px"). */
		struct css_length val[2];
		bool can_x[2], can_y[2], is_kw[2];
		for (size_t i = 0; i < n; i++) {
			is_kw[i] = position_keyword(items[i], &h, &v, &pct);
			if (is_kw[i]) {
				val[i] = (struct css_length){ .kind = CSS_LEN_FIXED, .has_percent = true, .percent = pct };
				can_x[i] = h;
				can_y[i] = v;
			} else if (css_parse_length_cv(cx, items[i], CSS_LP_PERCENT | CSS_LP_NEGATIVE, &val[i])) {
				can_x[i] = can_y[i] = true;
			} else {
				return false;
			}
		}
		if (n == 1) {
			if (can_x[0])
				lx = val[0];
			else
				ly = val[0];
		} else {
			bool swap = is_kw[0] && is_kw[1] && (!can_x[0] || !can_y[1]);
			int xi = swap ? 1 : 0, yi = swap ? 0 : 1;
			if (!can_x[xi] || !can_y[yi])
				return false;
			lx = val[xi];
			ly = val[yi];
		}
		*x = lx;
		*y = ly;
		return true;
	}
	/* 3 or 4 values: keyword [offset] keyword [offset]. */
	size_t i = 0;
	bool have_x = false, have_y = false;
	while (i < n) {
		if (!position_keyword(items[i], &h, &v, &pct))
			return false;
		struct css_length k = { 0 };
		k.kind = CSS_LEN_FIXED;
		k.has_percent = true;
		k.percent = pct;
		i++;
		struct css_length off;
		bool has_off = i < n && css_parse_length_cv(cx, items[i], CSS_LP_PERCENT | CSS_LP_NEGATIVE, &off);
		if (has_off) {
			i++;
			if (h && v)
				return false;
			if (pct == 100) { /* right/bottom offset: 100% - off */
				k.px = -off.px;
				k.percent = 100 - off.percent;
			} else {
				k = off;
				k.has_percent = true;
			}
		}
		bool as_x = h && !(v && have_x);
		if (h && v)
			as_x = !have_x;
		if (as_x) {
			if (have_x)
				return false;
			lx = k;
			have_x = true;
		} else {
			if (have_y)
				return false;
			ly = k;
			have_y = true;
		}
	}
	*x = lx;
	*y = ly;
	return true;
}

/* <color-stop-list> of a gradient. */
static bool parse_stops(struct css_compute *cx, struct css_cv_list *groups, size_t n, struct css_image *img)
{
	img->stops = base_arena_calloc(cx->arena, n * 2 + 1, sizeof *img->stops);
	size_t count = 0;
	for (size_t g = 0; g < n; g++) {
		size_t pos = 0;
		const struct css_cv *items[4];
		size_t k = 0;
		const struct css_cv *cv;
		while ((cv = css_next(groups[g], &pos)) && k < 4)
			items[k++] = cv;
		if (cv || k == 0)
			return false;
		struct css_color_stop st = { 0 };
		st.position.kind = CSS_LEN_AUTO;
		size_t i = 0;
		if (css_parse_color_cv(cx, items[0], &st.color)) {
			i = 1;
		} else if (k == 1) {
			st.is_hint = true;
		} else if (k >= 2 && css_parse_color_cv(cx, items[k - 1], &st.color)) {
			k--;
		} else {
			return false;
		}
		if (st.is_hint) {
			if (!css_parse_length_cv(cx, items[0], CSS_LP_PERCENT | CSS_LP_NEGATIVE, &st.position))
				return false;
			img->stops[count++] = st;
			continue;
		}
		if (i < k) {
			if (!css_parse_length_cv(cx, items[i], CSS_LP_PERCENT | CSS_LP_NEGATIVE, &st.position))
				return false;
			i++;
		}
		img->stops[count++] = st;
		if (i < k) { /* a second position repeats the colour */
			struct css_color_stop st2 = st;
			if (!css_parse_length_cv(cx, items[i], CSS_LP_PERCENT | CSS_LP_NEGATIVE, &st2.position))
				return false;
			img->stops[count++] = st2;
			i++;
		}
		if (i != k)
			return false;
	}
	img->stop_count = count;
	return count >= 1;
}

/* https://drafts.csswg.org/css-images-3/#linear-gradients */
static bool parse_linear_gradient(struct css_compute *cx, const struct css_cv *cv, struct css_image *img)
{
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, cv->children, &groups);
	if (n < 1)
		return false;
	img->kind = CSS_IMAGE_LINEAR_GRADIENT;
	img->angle_deg = 180;
	size_t first = 0;
	size_t pos = 0;
	const struct css_cv *a = css_next(groups[0], &pos);
	double deg;
	if (a && css_parse_angle_cv(cx, a, true, &deg) && css_cv_at_end(groups[0], pos)) {
		img->angle_deg = (float)deg;
		first = 1;
	} else if (a && css_is_ident(a, "to")) {
		int dx = 0, dy = 0;
		const struct css_cv *k;
		while ((k = css_next(groups[0], &pos))) {
			if (css_is_ident(k, "left") && !dx)
				dx = -1;
			else if (css_is_ident(k, "right") && !dx)
				dx = 1;
			else if (css_is_ident(k, "top") && !dy)
				dy = -1;
			else if (css_is_ident(k, "bottom") && !dy)
				dy = 1;
			else
				return false;
		}
		if (!dx && !dy)
			return false;
		/* Corner directions depend on the box: layout sees them as the
		 * 45-degree family, the usual approximation for square boxes. */
		if (dx == 0)
			img->angle_deg = dy < 0 ? 0 : 180;
		else if (dy == 0)
			img->angle_deg = dx < 0 ? 270 : 90;
		else
			img->angle_deg = dx > 0 ? (dy < 0 ? 45 : 135) : (dy < 0 ? 315 : 225);
		first = 1;
	}
	return parse_stops(cx, groups + first, n - first, img);
}

/* https://drafts.csswg.org/css-images-3/#radial-gradients */
static bool parse_radial_gradient(struct css_compute *cx, const struct css_cv *cv, struct css_image *img)
{
	struct css_cv_list *groups;
	size_t n = css_split_commas(cx->arena, cv->children, &groups);
	if (n < 1)
		return false;
	img->kind = CSS_IMAGE_RADIAL_GRADIENT;
	img->center_x.kind = img->center_y.kind = CSS_LEN_FIXED;
	img->center_x.has_percent = img->center_y.has_percent = true;
	img->center_x.percent = img->center_y.percent = 50;
	size_t first = 0;
	size_t pos = 0;
	const struct css_cv *items[16];
	size_t k = 0;
	const struct css_cv *c;
	while ((c = css_next(groups[0], &pos)) && k < 16)
		items[k++] = c;
	bool is_shape = false;
	size_t lens = 0;
	struct css_length l[2];
	size_t i = 0;
	for (; i < k; i++) {
		static const char *const extents[] = { "farthest-corner", "closest-side", "closest-corner",
						       "farthest-side" };
		int e;
		if (css_is_ident(items[i], "circle")) {
			img->radial_circle = true;
			is_shape = true;
		} else if (css_is_ident(items[i], "ellipse")) {
			is_shape = true;
		} else if ((e = css_keyword_index(items[i], extents, 4)) >= 0) {
			img->radial_extent = (uint8_t)e;
			is_shape = true;
		} else if (lens < 2 && css_parse_length_cv(cx, items[i], CSS_LP_PERCENT, &l[lens])) {
			lens++;
			is_shape = true;
		} else {
			break;
		}
	}
	if (lens) {
		img->radial_extent = 4;
		img->radial_rx = l[0];
		img->radial_ry = lens > 1 ? l[1] : l[0];
		if (lens == 1)
			img->radial_circle = true;
	}
	if (i < k && css_is_ident(items[i], "at")) {
		if (!css_parse_position(cx, items + i + 1, k - i - 1, &img->center_x, &img->center_y))
			return false;
		i = k;
		is_shape = true;
	}
	if (is_shape) {
		if (i != k)
			return false;
		first = 1;
	}
	return parse_stops(cx, groups + first, n - first, img);
}

bool css_parse_image_cv(struct css_compute *cx, const struct css_cv *cv, struct css_image *out)
{
	memset(out, 0, sizeof *out);
	if (!cv)
		return false;
	if (is_url(cv)) {
		out->kind = CSS_IMAGE_URL;
		out->url = css_resolve_url(cx, cv);
		if (!out->url)
			out->kind = CSS_IMAGE_NONE;
		return true;
	}
	if (css_is_function(cv, "linear-gradient") || css_is_function(cv, "-webkit-linear-gradient"))
		return parse_linear_gradient(cx, cv, out);
	if (css_is_function(cv, "repeating-linear-gradient")) {
		out->repeating = true;
		bool ok = parse_linear_gradient(cx, cv, out);
		out->repeating = true;
		return ok;
	}
	if (css_is_function(cv, "radial-gradient"))
		return parse_radial_gradient(cx, cv, out);
	if (css_is_function(cv, "repeating-radial-gradient")) {
		bool ok = parse_radial_gradient(cx, cv, out);
		out->repeating = true;
		return ok;
	}
	return false;
}
