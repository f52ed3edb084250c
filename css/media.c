/* Media Queries 4 (https://drafts.csswg.org/mediaqueries-4/) and
 * @supports conditions (https://drafts.csswg.org/css-conditional-3/#at-supports).
 *
 * The environment is a screen of opt->media's viewport, light colour
 * scheme, a fine hovering pointer. Unknown features and malformed queries
 * are false ("not all"), as the spec requires. */
#include "css/internal.h"

#include <math.h>
#include <string.h>

#define MAX_CONDITION_DEPTH 16

struct media_env {
	double width, height, dppx;
};

/* The context a media feature's length is resolved in: the initial
 * style, relative lengths against the initial font size (16px). */
static void initial_context(struct css_compute *cx, struct css_style *scratch)
{
	memcpy(scratch, css_initial_style(), sizeof *scratch);
	*cx = (struct css_compute){ 0 };
	cx->style = scratch;
	cx->em = 16;
	cx->root_font_size = 16;
}

/* A <mf-value>: a length (px), a number, a ratio or a resolution (dppx). */
static bool mf_value(struct css_cv_list in, size_t *pos, double *out, bool *is_ident, struct css_str *ident)
{
	const struct css_cv *c = css_next(in, pos);
	*is_ident = false;
	if (!c)
		return false;
	if (c->tok.type == CSS_TOK_IDENT) {
		*is_ident = true;
		*ident = c->tok.value;
		return true;
	}
	if (c->tok.type == CSS_TOK_NUMBER) {
		*out = c->tok.number;
		/* A ratio: number / number. */
		size_t p = *pos;
		const struct css_cv *slash = css_next(in, &p);
		if (slash && css_is_delim(slash, '/')) {
			const struct css_cv *d = css_next(in, &p);
			if (!d || d->tok.type != CSS_TOK_NUMBER)
				return false;
			*out = d->tok.number == 0 ? INFINITY : c->tok.number / d->tok.number;
			*pos = p;
		}
		return true;
	}
	if (c->tok.type == CSS_TOK_DIMENSION) {
		const char *u = c->tok.value.ptr;
		size_t n = c->tok.value.len;
		if (base_ascii_ieq_lit(u, n, "dppx") || base_ascii_ieq_lit(u, n, "x")) {
			*out = c->tok.number;
			return true;
		}
		if (base_ascii_ieq_lit(u, n, "dpi")) {
			*out = c->tok.number / 96.0;
			return true;
		}
		if (base_ascii_ieq_lit(u, n, "dpcm")) {
			*out = c->tok.number * 2.54 / 96.0;
			return true;
		}
		struct css_style scratch;
		struct css_compute cx;
		initial_context(&cx, &scratch);
		double px;
		if (!css_unit_to_px(&cx, u, n, c->tok.number, &px))
			return false;
		*out = px;
		return true;
	}
	if (c->tok.type == CSS_TOK_FUNCTION) {
		/* calc() and the other math functions, as lengths. */
		struct css_style scratch;
		struct css_compute cx;
		initial_context(&cx, &scratch);
		struct css_length l;
		if (!css_parse_length_cv(&cx, c, CSS_LP_NEGATIVE, &l) || l.kind != CSS_LEN_FIXED || l.has_percent)
			return false;
		*out = l.px;
		return true;
	}
	return false;
}

enum feature_kind { F_RANGE, F_DISCRETE };

/* The value of a range feature in the environment. */
static bool range_feature(const struct media_env *env, const char *name, size_t n, double *v)
{
	if (base_ascii_ieq_lit(name, n, "width") || base_ascii_ieq_lit(name, n, "device-width"))
		*v = env->width;
	else if (base_ascii_ieq_lit(name, n, "height") || base_ascii_ieq_lit(name, n, "device-height"))
		*v = env->height;
	else if (base_ascii_ieq_lit(name, n, "aspect-ratio") || base_ascii_ieq_lit(name, n, "device-aspect-ratio"))
		*v = env->height > 0 ? env->width / env->height : 0;
	else if (base_ascii_ieq_lit(name, n, "resolution") || base_ascii_ieq_lit(name, n, "-webkit-device-pixel-ratio") ||
		 base_ascii_ieq_lit(name, n, "device-pixel-ratio"))
		*v = env->dppx;
	else if (base_ascii_ieq_lit(name, n, "color"))
		*v = 8;
	else if (base_ascii_ieq_lit(name, n, "color-index") || base_ascii_ieq_lit(name, n, "monochrome"))
		*v = 0;
	else
		return false;
	return true;
}

/* Discrete features: the environment's keyword, or NULL if unknown. */
static const char *discrete_feature(const char *name, size_t n)
{
	static const struct {
		const char *name, *value;
	} table[] = {
		{ "orientation", NULL }, /* computed from the viewport */
		{ "prefers-color-scheme", "light" },
		{ "prefers-reduced-motion", "no-preference" },
		{ "prefers-contrast", "no-preference" },
		{ "prefers-reduced-transparency", "no-preference" },
		{ "forced-colors", "none" },
		{ "inverted-colors", "none" },
		{ "hover", "hover" },
		{ "any-hover", "hover" },
		{ "pointer", "fine" },
		{ "any-pointer", "fine" },
		{ "scripting", "none" },
		{ "display-mode", "browser" },
		{ "update", "fast" },
		{ "overflow-block", "scroll" },
		{ "overflow-inline", "scroll" },
		{ "color-gamut", "srgb" },
		{ "dynamic-range", "standard" },
		{ "grid", "0" },
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(table); i++)
		if (base_ascii_ieq_lit(name, n, table[i].name))
			return table[i].value ? table[i].value : "";
	return NULL;
}

static bool compare(double a, const char *op, double b)
{
	const double eps = 1e-6;
	if (strcmp(op, "<") == 0)
		return a < b - eps;
	if (strcmp(op, "<=") == 0)
		return a <= b + eps;
	if (strcmp(op, ">") == 0)
		return a > b + eps;
	if (strcmp(op, ">=") == 0)
		return a >= b - eps;
	return fabs(a - b) <= eps;
}

/* Reads a comparison operator (<, <=, >, >=, =) at *pos. */
static const char *read_op(struct css_cv_list in, size_t *pos)
{
	size_t p = *pos;
	const struct css_cv *c = css_next(in, &p);
	if (!c || c->tok.type != CSS_TOK_DELIM)
		return NULL;
	const char *op;
	if (c->tok.delim == '=')
		op = "=";
	else if (c->tok.delim == '<')
		op = "<";
	else if (c->tok.delim == '>')
		op = ">";
	else
		return NULL;
	if (op[0] != '=' && p < in.len && css_is_delim(&in.items[p], '=')) {
		p++;
		op = op[0] == '<' ? "<=" : ">=";
	}
	*pos = p;
	return op;
}

static const char *flip(const char *op)
{
	if (strcmp(op, "<") == 0)
		return ">";
	if (strcmp(op, "<=") == 0)
		return ">=";
	if (strcmp(op, ">") == 0)
		return "<";
	if (strcmp(op, ">=") == 0)
		return "<=";
	return "=";
}

/* A (feature) block's contents. */
static bool media_feature(const struct media_env *env, struct css_cv_list in)
{
	size_t pos = 0;
	const struct css_cv *first = css_next(in, &pos);
	if (!first)
		return false;
	if (first->tok.type == CSS_TOK_IDENT) {
		const char *name = first->tok.value.ptr;
		size_t n = first->tok.value.len;
		size_t p = pos;
		const struct css_cv *next = css_next(in, &p);
		double env_v;
		if (!next) { /* boolean context */
			if (range_feature(env, name, n, &env_v))
				return env_v != 0;
			const char *d = discrete_feature(name, n);
			if (!d)
				return false;
			return strcmp(d, "none") != 0 && strcmp(d, "no-preference") != 0 && strcmp(d, "0") != 0;
		}
		if (next->tok.type == CSS_TOK_COLON) {
			pos = p;
			bool min = n > 4 && base_ascii_ieq_lit(name, 4, "min-");
			bool max = n > 4 && base_ascii_ieq_lit(name, 4, "max-");
			const char *fname = name;
			size_t fn = n;
			if (min || max) {
				fname += 4;
				fn -= 4;
			} else if (n > 12 && base_ascii_ieq_lit(name, 12, "-webkit-min-")) {
				min = true;
				fname = name + 12;
				fn = n - 12;
				static const char dpr[] = "-webkit-device-pixel-ratio";
				(void)dpr;
			} else if (n > 12 && base_ascii_ieq_lit(name, 12, "-webkit-max-")) {
				max = true;
				fname = name + 12;
				fn = n - 12;
			}
			double v;
			bool is_ident;
			struct css_str ident;
			if (!mf_value(in, &pos, &v, &is_ident, &ident) || !css_cv_at_end(in, pos))
				return false;
			if (is_ident) {
				if (min || max)
					return false;
				if (base_ascii_ieq_lit(fname, fn, "orientation"))
					return base_ascii_ieq_lit(ident.ptr, ident.len,
								  env->height >= env->width ? "portrait" : "landscape");
				const char *d = discrete_feature(fname, fn);
				return d && base_ascii_ieq_lit(ident.ptr, ident.len, d);
			}
			if (base_ascii_ieq_lit(fname, fn, "device-pixel-ratio") ||
			    base_ascii_ieq_lit(fname, fn, "pixel-ratio")) {
				env_v = env->dppx;
			} else if (!range_feature(env, fname, fn, &env_v)) {
				const char *d = discrete_feature(fname, fn);
				if (d && !min && !max) {
					char num[32];
					snprintf(num, sizeof num, "%g", v);
					return strcmp(d, num) == 0;
				}
				return false;
			}
			return compare(env_v, min ? ">=" : max ? "<=" : "=", v);
		}
		/* Range syntax: feature op value. */
		const char *op = read_op(in, &pos);
		double v;
		bool is_ident;
		struct css_str ident;
		if (!op || !range_feature(env, name, n, &env_v) || !mf_value(in, &pos, &v, &is_ident, &ident) ||
		    is_ident || !css_cv_at_end(in, pos))
			return false;
		return compare(env_v, op, v);
	}
	/* value op feature [op value] */
	pos = 0;
	double v1, env_v;
	bool is_ident;
	struct css_str ident;
	if (!mf_value(in, &pos, &v1, &is_ident, &ident) || is_ident)
		return false;
	const char *op1 = read_op(in, &pos);
	const struct css_cv *feat = css_next(in, &pos);
	if (!op1 || !feat || feat->tok.type != CSS_TOK_IDENT ||
	    !range_feature(env, feat->tok.value.ptr, feat->tok.value.len, &env_v))
		return false;
	if (!compare(env_v, flip(op1), v1))
		return false;
	if (css_cv_at_end(in, pos))
		return true;
	const char *op2 = read_op(in, &pos);
	double v2;
	if (!op2 || !mf_value(in, &pos, &v2, &is_ident, &ident) || is_ident || !css_cv_at_end(in, pos))
		return false;
	return compare(env_v, op2, v2);
}

static bool media_condition(const struct media_env *env, struct css_cv_list in, size_t *pos, int depth);

/* <media-in-parens>: ( <media-condition> ) or ( <media-feature> ). */
static bool media_in_parens(const struct media_env *env, const struct css_cv *c, int depth)
{
	if (c->tok.type != CSS_TOK_LPAREN || depth > MAX_CONDITION_DEPTH)
		return false;
	size_t p = 0;
	const struct css_cv *first = css_next(c->children, &p);
	if (first && (first->tok.type == CSS_TOK_LPAREN || css_is_ident(first, "not"))) {
		size_t q = 0;
		return media_condition(env, c->children, &q, depth + 1) && css_cv_at_end(c->children, q);
	}
	return media_feature(env, c->children);
}

static bool media_condition(const struct media_env *env, struct css_cv_list in, size_t *pos, int depth)
{
	const struct css_cv *c = css_next(in, pos);
	if (!c)
		return false;
	if (css_is_ident(c, "not")) {
		const struct css_cv *x = css_next(in, pos);
		return x && !media_in_parens(env, x, depth);
	}
	bool result = media_in_parens(env, c, depth);
	int mode = 0; /* 1 and, 2 or */
	for (;;) {
		size_t p = *pos;
		const struct css_cv *op = css_next(in, &p);
		if (!op)
			break;
		int m = css_is_ident(op, "and") ? 1 : css_is_ident(op, "or") ? 2 : 0;
		if (!m || (mode && m != mode))
			break;
		mode = m;
		const struct css_cv *x = css_next(in, &p);
		if (!x)
			return false;
		bool r = media_in_parens(env, x, depth);
		result = m == 1 ? (result && r) : (result || r);
		*pos = p;
	}
	return result;
}

/* One <media-query>. */
static bool media_query(const struct media_env *env, struct css_cv_list in)
{
	size_t pos = 0;
	const struct css_cv *c = css_next(in, &pos);
	if (!c)
		return false;
	if (c->tok.type == CSS_TOK_LPAREN || (css_is_ident(c, "not") && pos < in.len)) {
		size_t p = pos;
		const struct css_cv *next = css_next(in, &p);
		if (c->tok.type == CSS_TOK_LPAREN || (next && next->tok.type == CSS_TOK_LPAREN)) {
			pos = 0;
			bool r = media_condition(env, in, &pos, 0);
			return css_cv_at_end(in, pos) && r;
		}
	}
	bool negate = false;
	if (css_is_ident(c, "not") || css_is_ident(c, "only")) {
		negate = css_is_ident(c, "not");
		c = css_next(in, &pos);
		if (!c)
			return false;
	}
	if (c->tok.type != CSS_TOK_IDENT)
		return false;
	bool type_ok = css_is_ident(c, "all") || css_is_ident(c, "screen");
	bool known = type_ok || css_is_ident(c, "print") || css_is_ident(c, "speech") ||
		     css_is_ident(c, "tty") || css_is_ident(c, "tv") || css_is_ident(c, "projection") ||
		     css_is_ident(c, "handheld") || css_is_ident(c, "braille") ||
		     css_is_ident(c, "embossed") || css_is_ident(c, "aural");
	if (!known && (css_is_ident(c, "and") || css_is_ident(c, "or") || css_is_ident(c, "not") ||
		       css_is_ident(c, "only")))
		return false;
	bool result = type_ok;
	const struct css_cv *and_kw = css_next(in, &pos);
	if (and_kw) {
		if (!css_is_ident(and_kw, "and"))
			return false;
		/* <media-condition-without-or> */
		size_t p = pos;
		bool cond = true;
		const struct css_cv *x;
		if ((x = css_next(in, &p)) && css_is_ident(x, "not")) {
			const struct css_cv *y = css_next(in, &p);
			cond = y && !media_in_parens(env, y, 0);
		} else if (x) {
			cond = media_in_parens(env, x, 0);
		} else {
			return false;
		}
		for (;;) {
			size_t q = p;
			const struct css_cv *op = css_next(in, &q);
			if (!op)
				break;
			if (!css_is_ident(op, "and"))
				return false;
			const struct css_cv *y = css_next(in, &q);
			if (!y)
				return false;
			cond = media_in_parens(env, y, 0) && cond;
			p = q;
		}
		result = result && cond;
	}
	return negate ? !result : result;
}

bool css_media_list_matches(struct css_cv_list in, const struct css_media *m)
{
	struct media_env env = { 800, 600, 1 };
	if (m) {
		env.width = m->viewport_width;
		env.height = m->viewport_height;
		env.dppx = m->device_pixel_ratio > 0 ? m->device_pixel_ratio : 1;
	}
	if (css_cv_at_end(in, 0))
		return true;
	/* Split at top-level commas without allocating. */
	size_t start = 0;
	for (size_t i = 0; i <= in.len; i++) {
		if (i < in.len && in.items[i].tok.type != CSS_TOK_COMMA)
			continue;
		struct css_cv_list q = { in.items + start, i - start };
		if (media_query(&env, q))
			return true;
		start = i + 1;
	}
	return false;
}

/* ---- @supports ------------------------------------------------------------- */

static bool supports_in_parens(struct css_sheet_set *s, const struct css_cv *c, int depth);

static bool supports_condition(struct css_sheet_set *s, struct css_cv_list in, int depth)
{
	size_t pos = 0;
	const struct css_cv *c = css_next(in, &pos);
	if (!c || depth > MAX_CONDITION_DEPTH)
		return false;
	if (css_is_ident(c, "not")) {
		const struct css_cv *x = css_next(in, &pos);
		return x && css_cv_at_end(in, pos) && !supports_in_parens(s, x, depth);
	}
	bool result = supports_in_parens(s, c, depth);
	int mode = 0;
	for (;;) {
		const struct css_cv *op = css_next(in, &pos);
		if (!op)
			break;
		int m = css_is_ident(op, "and") ? 1 : css_is_ident(op, "or") ? 2 : 0;
		if (!m || (mode && m != mode))
			return false;
		mode = m;
		const struct css_cv *x = css_next(in, &pos);
		if (!x)
			return false;
		bool r = supports_in_parens(s, x, depth);
		result = m == 1 ? (result && r) : (result || r);
	}
	return result;
}

static bool supports_in_parens(struct css_sheet_set *s, const struct css_cv *c, int depth)
{
	if (css_is_function(c, "selector")) {
		struct css_selector_list l;
		return css_parse_selector_list(&s->scratch, c->children, false, &l);
	}
	if (c->tok.type != CSS_TOK_LPAREN)
		return false;
	/* A top-level ';' makes the declaration invalid. */
	for (size_t i = 0; i < c->children.len; i++)
		if (c->children.items[i].tok.type == CSS_TOK_SEMICOLON)
			return false;
	size_t p = 0;
	const struct css_cv *first = css_next(c->children, &p);
	if (!first)
		return false;
	if (first->tok.type == CSS_TOK_LPAREN || css_is_ident(first, "not") || css_is_function(first, "selector"))
		return supports_condition(s, c->children, depth + 1);
	/* ( <declaration> ): supported when the property is known and the
	 * value valid. */
	struct css_decl_block block;
	css_parse_declarations(s, &s->scratch, c->children, NULL, &block);
	if (block.count > 0)
		return true;
	/* Properties browsers support that have no computed value here. */
	static const char *const recognised[] = {
		"font-variation-settings", "font-feature-settings", "font-kerning", "font-optical-sizing",
		"filter", "backdrop-filter", "-webkit-backdrop-filter", "mask", "-webkit-mask", "mask-image",
		"clip-path", "appearance", "-webkit-appearance", "-moz-appearance", "aspect-ratio", "contain",
		"content-visibility", "scroll-behavior", "scroll-snap-type", "overscroll-behavior", "touch-action",
		"will-change", "user-select", "-webkit-user-select", "text-size-adjust", "-webkit-text-size-adjust",
		"hyphens", "text-wrap", "text-rendering", "font-smoothing", "-webkit-font-smoothing", "isolation",
		"mix-blend-mode", "accent-color", "caret-color", "color-scheme", "container-type", "inset-block",
		"grid-template-columns", "grid-template-rows", "grid-area", "grid-column", "grid-row", "columns",
		"column-count", "position-anchor", "view-transition-name", "animation", "transition",
	};
	size_t pos = 0;
	const struct css_cv *name = css_next(c->children, &pos);
	const struct css_cv *colon = css_next(c->children, &pos);
	if (!name || name->tok.type != CSS_TOK_IDENT || !colon || colon->tok.type != CSS_TOK_COLON)
		return false;
	for (size_t i = 0; i < BASE_ARRAY_LEN(recognised); i++)
		if (base_ascii_ieq_lit(name->tok.value.ptr, name->tok.value.len, recognised[i]))
			return true;
	return false;
}

bool css_supports_condition(struct css_sheet_set *s, struct css_cv_list in)
{
	return supports_condition(s, in, 0);
}

/* The supports() of @import: a condition or a bare declaration
 * (https://drafts.csswg.org/css-cascade-5/#at-import). */
bool css_supports_import_condition(struct css_sheet_set *s, struct css_cv_list in)
{
	size_t pos = 0;
	const struct css_cv *name = css_next(in, &pos);
	const struct css_cv *colon = css_next(in, &pos);
	if (name && name->tok.type == CSS_TOK_IDENT && colon && colon->tok.type == CSS_TOK_COLON) {
		struct css_cv parens = { .tok = { .type = CSS_TOK_LPAREN }, .children = in };
		return supports_in_parens(s, &parens, 0);
	}
	return supports_condition(s, in, 0);
}
