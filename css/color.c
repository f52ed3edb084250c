/* css/color.c: the <color> value, CSS Color 4 (and device-cmyk(),
 * light-dark() and custom color() spaces from CSS Color 5).
 * https://www.w3.org/TR/css-color-4/
 *
 * Parses named colors, hex colors, rgb()/rgba()/hsl()/hsla() in both the
 * legacy comma syntax and the modern space syntax, hwb(), lab(), lch(),
 * oklab(), oklch(), color(), device-cmyk(), light-dark(), transparent and
 * currentColor. hsl() and hwb() are converted to sRGB at parse time, as
 * their serialization (rgb()) requires; other spaces keep their own
 * components. Serialization follows CSS Color 4 §15; the precision of
 * legacy sRGB channels is the implementation's choice there (at least
 * enough to round-trip 8 bits), so both full precision and 8-bit forms are
 * offered. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "css/syntax.h"

/* CSS Color 4 §6.1 named colors, sorted for binary search. */
static const struct named_color {
	const char *name;
	uint8_t r, g, b;
} named_colors[] = {
	{"aliceblue", 240, 248, 255},	     {"antiquewhite", 250, 235, 215},
	{"aqua", 0, 255, 255},		     {"aquamarine", 127, 255, 212},
	{"azure", 240, 255, 255},	     {"beige", 245, 245, 220},
	{"bisque", 255, 228, 196},	     {"black", 0, 0, 0},
	{"blanchedalmond", 255, 235, 205},   {"blue", 0, 0, 255},
	{"blueviolet", 138, 43, 226},	     {"brown", 165, 42, 42},
	{"burlywood", 222, 184, 135},	     {"cadetblue", 95, 158, 160},
	{"chartreuse", 127, 255, 0},	     {"chocolate", 210, 105, 30},
	{"coral", 255, 127, 80},	     {"cornflowerblue", 100, 149, 237},
	{"cornsilk", 255, 248, 220},	     {"crimson", 220, 20, 60},
	{"cyan", 0, 255, 255},		     {"darkblue", 0, 0, 139},
	{"darkcyan", 0, 139, 139},	     {"darkgoldenrod", 184, 134, 11},
	{"darkgray", 169, 169, 169},	     {"darkgreen", 0, 100, 0},
	{"darkgrey", 169, 169, 169},	     {"darkkhaki", 189, 183, 107},
	{"darkmagenta", 139, 0, 139},	     {"darkolivegreen", 85, 107, 47},
	{"darkorange", 255, 140, 0},	     {"darkorchid", 153, 50, 204},
	{"darkred", 139, 0, 0},		     {"darksalmon", 233, 150, 122},
	{"darkseagreen", 143, 188, 143},     {"darkslateblue", 72, 61, 139},
	{"darkslategray", 47, 79, 79},	     {"darkslategrey", 47, 79, 79},
	{"darkturquoise", 0, 206, 209},	     {"darkviolet", 148, 0, 211},
	{"deeppink", 255, 20, 147},	     {"deepskyblue", 0, 191, 255},
	{"dimgray", 105, 105, 105},	     {"dimgrey", 105, 105, 105},
	{"dodgerblue", 30, 144, 255},	     {"firebrick", 178, 34, 34},
	{"floralwhite", 255, 250, 240},	     {"forestgreen", 34, 139, 34},
	{"fuchsia", 255, 0, 255},	     {"gainsboro", 220, 220, 220},
	{"ghostwhite", 248, 248, 255},	     {"gold", 255, 215, 0},
	{"goldenrod", 218, 165, 32},	     {"gray", 128, 128, 128},
	{"green", 0, 128, 0},		     {"greenyellow", 173, 255, 47},
	{"grey", 128, 128, 128},	     {"honeydew", 240, 255, 240},
	{"hotpink", 255, 105, 180},	     {"indianred", 205, 92, 92},
	{"indigo", 75, 0, 130},		     {"ivory", 255, 255, 240},
	{"khaki", 240, 230, 140},	     {"lavender", 230, 230, 250},
	{"lavenderblush", 255, 240, 245},    {"lawngreen", 124, 252, 0},
	{"lemonchiffon", 255, 250, 205},     {"lightblue", 173, 216, 230},
	{"lightcoral", 240, 128, 128},	     {"lightcyan", 224, 255, 255},
	{"lightgoldenrodyellow", 250, 250, 210}, {"lightgray", 211, 211, 211},
	{"lightgreen", 144, 238, 144},	     {"lightgrey", 211, 211, 211},
	{"lightpink", 255, 182, 193},	     {"lightsalmon", 255, 160, 122},
	{"lightseagreen", 32, 178, 170},     {"lightskyblue", 135, 206, 250},
	{"lightslategray", 119, 136, 153},   {"lightslategrey", 119, 136, 153},
	{"lightsteelblue", 176, 196, 222},   {"lightyellow", 255, 255, 224},
	{"lime", 0, 255, 0},		     {"limegreen", 50, 205, 50},
	{"linen", 250, 240, 230},	     {"magenta", 255, 0, 255},
	{"maroon", 128, 0, 0},		     {"mediumaquamarine", 102, 205, 170},
	{"mediumblue", 0, 0, 205},	     {"mediumorchid", 186, 85, 211},
	{"mediumpurple", 147, 112, 219},     {"mediumseagreen", 60, 179, 113},
	{"mediumslateblue", 123, 104, 238},  {"mediumspringgreen", 0, 250, 154},
	{"mediumturquoise", 72, 209, 204},   {"mediumvioletred", 199, 21, 133},
	{"midnightblue", 25, 25, 112},	     {"mintcream", 245, 255, 250},
	{"mistyrose", 255, 228, 225},	     {"moccasin", 255, 228, 181},
	{"navajowhite", 255, 222, 173},	     {"navy", 0, 0, 128},
	{"oldlace", 253, 245, 230},	     {"olive", 128, 128, 0},
	{"olivedrab", 107, 142, 35},	     {"orange", 255, 165, 0},
	{"orangered", 255, 69, 0},	     {"orchid", 218, 112, 214},
	{"palegoldenrod", 238, 232, 170},    {"palegreen", 152, 251, 152},
	{"paleturquoise", 175, 238, 238},    {"palevioletred", 219, 112, 147},
	{"papayawhip", 255, 239, 213},	     {"peachpuff", 255, 218, 185},
	{"peru", 205, 133, 63},		     {"pink", 255, 192, 203},
	{"plum", 221, 160, 221},	     {"powderblue", 176, 224, 230},
	{"purple", 128, 0, 128},	     {"rebeccapurple", 102, 51, 153},
	{"red", 255, 0, 0},		     {"rosybrown", 188, 143, 143},
	{"royalblue", 65, 105, 225},	     {"saddlebrown", 139, 69, 19},
	{"salmon", 250, 128, 114},	     {"sandybrown", 244, 164, 96},
	{"seagreen", 46, 139, 87},	     {"seashell", 255, 245, 238},
	{"sienna", 160, 82, 45},	     {"silver", 192, 192, 192},
	{"skyblue", 135, 206, 235},	     {"slateblue", 106, 90, 205},
	{"slategray", 112, 128, 144},	     {"slategrey", 112, 128, 144},
	{"snow", 255, 250, 250},	     {"springgreen", 0, 255, 127},
	{"steelblue", 70, 130, 180},	     {"tan", 210, 180, 140},
	{"teal", 0, 128, 128},		     {"thistle", 216, 191, 216},
	{"tomato", 255, 99, 71},	     {"turquoise", 64, 224, 208},
	{"violet", 238, 130, 238},	     {"wheat", 245, 222, 179},
	{"white", 255, 255, 255},	     {"whitesmoke", 245, 245, 245},
	{"yellow", 255, 255, 0},	     {"yellowgreen", 154, 205, 50},
};

/* System colors (§6.2) and the deprecated ones (§6.3), with the values
 * Chromium gives them in its light scheme, sorted for binary search. */
static const struct system_color {
	const char *name;
	uint8_t r, g, b;
	double alpha;
} system_colors[] = {
	{"accentcolor", 0, 117, 255, 1},
	{"accentcolortext", 255, 255, 255, 1},
	{"activeborder", 0, 0, 0, 1},
	{"activecaption", 255, 255, 255, 1},
	{"activetext", 255, 0, 0, 1},
	{"appworkspace", 255, 255, 255, 1},
	{"background", 255, 255, 255, 1},
	{"buttonborder", 0, 0, 0, 1},
	{"buttonface", 239, 239, 239, 1},
	{"buttonhighlight", 239, 239, 239, 1},
	{"buttonshadow", 239, 239, 239, 1},
	{"buttontext", 0, 0, 0, 1},
	{"canvas", 255, 255, 255, 1},
	{"canvastext", 0, 0, 0, 1},
	{"captiontext", 0, 0, 0, 1},
	{"field", 255, 255, 255, 1},
	{"fieldtext", 0, 0, 0, 1},
	{"graytext", 128, 128, 128, 1},
	{"highlight", 0, 65, 198, 0.8},
	{"highlighttext", 255, 255, 255, 1},
	{"inactiveborder", 0, 0, 0, 1},
	{"inactivecaption", 255, 255, 255, 1},
	{"inactivecaptiontext", 128, 128, 128, 1},
	{"infobackground", 255, 255, 255, 1},
	{"infotext", 0, 0, 0, 1},
	{"linktext", 0, 0, 238, 1},
	{"mark", 255, 255, 0, 1},
	{"marktext", 0, 0, 0, 1},
	{"menu", 255, 255, 255, 1},
	{"menutext", 0, 0, 0, 1},
	{"scrollbar", 255, 255, 255, 1},
	{"selecteditem", 25, 103, 210, 1},
	{"selecteditemtext", 255, 255, 255, 1},
	{"threeddarkshadow", 0, 0, 0, 1},
	{"threedface", 239, 239, 239, 1},
	{"threedhighlight", 0, 0, 0, 1},
	{"threedlightshadow", 0, 0, 0, 1},
	{"threedshadow", 0, 0, 0, 1},
	{"visitedtext", 85, 26, 139, 1},
	{"window", 255, 255, 255, 1},
	{"windowframe", 0, 0, 0, 1},
	{"windowtext", 0, 0, 0, 1},
};

/* color() predefined spaces (§10) and their serialized names. */
static const struct {
	const char *name;
	uint8_t space;
} predefined_spaces[] = {
	{"srgb", CSS_COLOR_SRGB},
	{"srgb-linear", CSS_COLOR_SRGB_LINEAR},
	{"display-p3", CSS_COLOR_DISPLAY_P3},
	{"a98-rgb", CSS_COLOR_A98_RGB},
	{"prophoto-rgb", CSS_COLOR_PROPHOTO_RGB},
	{"rec2020", CSS_COLOR_REC2020},
	{"xyz", CSS_COLOR_XYZ_D65},
	{"xyz-d50", CSS_COLOR_XYZ_D50},
	{"xyz-d65", CSS_COLOR_XYZ_D65},
};

static const char *const space_names[] = {
	[CSS_COLOR_SRGB] = "srgb",
	[CSS_COLOR_SRGB_LINEAR] = "srgb-linear",
	[CSS_COLOR_DISPLAY_P3] = "display-p3",
	[CSS_COLOR_A98_RGB] = "a98-rgb",
	[CSS_COLOR_PROPHOTO_RGB] = "prophoto-rgb",
	[CSS_COLOR_REC2020] = "rec2020",
	[CSS_COLOR_XYZ_D50] = "xyz-d50",
	[CSS_COLOR_XYZ_D65] = "xyz-d65",
	[CSS_COLOR_LAB] = "lab",
	[CSS_COLOR_LCH] = "lch",
	[CSS_COLOR_OKLAB] = "oklab",
	[CSS_COLOR_OKLCH] = "oklch",
	[CSS_COLOR_DEVICE_CMYK] = "device-cmyk",
};

static void set_legacy(struct css_color_value *out, double r, double g, double b, double alpha)
{
	memset(out, 0, sizeof *out);
	out->space = CSS_COLOR_LEGACY_SRGB;
	out->ncomp = 3;
	out->c[0] = r;
	out->c[1] = g;
	out->c[2] = b;
	out->alpha = alpha;
}

static int named_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct named_color *)elem)->name);
}

static int system_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct system_color *)elem)->name);
}

/* Named colors, transparent, currentColor, system colors (ASCII
 * case-insensitive). */
static bool parse_keyword(struct css_str s, struct css_color_value *out)
{
	char lower[32];
	if (s.len >= sizeof lower)
		return false;
	for (size_t i = 0; i < s.len; i++)
		lower[i] = base_ascii_lower(s.ptr[i]);
	lower[s.len] = 0;
	if (strcmp(lower, "transparent") == 0) {
		set_legacy(out, 0, 0, 0, 0);
		return true;
	}
	if (strcmp(lower, "currentcolor") == 0) {
		memset(out, 0, sizeof *out);
		out->space = CSS_COLOR_CURRENT;
		out->alpha = 1;
		return true;
	}
	const struct named_color *n = bsearch(lower, named_colors, BASE_ARRAY_LEN(named_colors),
					      sizeof named_colors[0], named_cmp);
	if (n) {
		set_legacy(out, n->r, n->g, n->b, 1);
		return true;
	}
	const struct system_color *sc = bsearch(lower, system_colors, BASE_ARRAY_LEN(system_colors),
						sizeof system_colors[0], system_cmp);
	if (!sc)
		return false;
	set_legacy(out, sc->r, sc->g, sc->b, sc->alpha);
	return true;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = base_ascii_lower(c);
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* §5.2 hex colors: #rgb, #rgba, #rrggbb, #rrggbbaa. */
static bool parse_hex(struct css_str s, struct css_color_value *out)
{
	int d[8];
	if (s.len != 3 && s.len != 4 && s.len != 6 && s.len != 8)
		return false;
	for (size_t i = 0; i < s.len; i++)
		if ((d[i] = hex_digit(s.ptr[i])) < 0)
			return false;
	int v[4] = {0, 0, 0, 255};
	if (s.len <= 4) {
		for (size_t i = 0; i < s.len; i++)
			v[i] = d[i] * 17;
	} else {
		for (size_t i = 0; i < s.len / 2; i++)
			v[i] = d[2 * i] * 16 + d[2 * i + 1];
	}
	set_legacy(out, v[0], v[1], v[2], v[3] / 255.0);
	return true;
}

/* ---- Function arguments ------------------------------------------------ */

enum arg_kind { ARG_NUMBER, ARG_PERCENT, ARG_ANGLE, ARG_NONE, ARG_OTHER };

struct arg {
	uint8_t kind;
	double v; /* number, percentage (0..100) or angle in degrees */
	const struct css_cv *cv;
};

struct args {
	struct arg v[8];
	int n; /* values before the slash (or all, in the legacy syntax) */
	bool legacy; /* comma-separated */
	bool has_alpha; /* modern: "/ alpha"; legacy: a 4th/5th value */
	struct arg alpha;
};

/* Angle units (CSS Values 4 §7.1) in degrees. */
static bool angle_degrees(const struct css_token *t, double *deg)
{
	static const struct {
		const char *unit;
		double factor;
	} units[] = {{"deg", 1}, {"grad", 0.9}, {"rad", 180 / M_PI}, {"turn", 360}};
	for (size_t i = 0; i < BASE_ARRAY_LEN(units); i++) {
		if (base_ascii_ieq_lit(t->value.ptr, t->value.len, units[i].unit)) {
			*deg = t->number * units[i].factor;
			return true;
		}
	}
	return false;
}

static struct arg classify(const struct css_cv *cv)
{
	struct arg a = {ARG_OTHER, 0, cv};
	const struct css_token *t = &cv->tok;
	if (t->type == CSS_TOK_NUMBER) {
		a.kind = ARG_NUMBER;
		a.v = t->number;
	} else if (t->type == CSS_TOK_PERCENTAGE) {
		a.kind = ARG_PERCENT;
		a.v = t->number;
	} else if (t->type == CSS_TOK_DIMENSION && angle_degrees(t, &a.v)) {
		a.kind = ARG_ANGLE;
	} else if (css_cv_is_ident(cv, "none")) {
		a.kind = ARG_NONE;
	}
	return a;
}

/* Splits a function's arguments into the legacy comma form or the modern
 * space form with an optional "/ alpha". `first_skip` leading items (the
 * color() space name) are left to the caller. */
static bool split_args(struct css_cv_list in, size_t pos, int max, struct args *out)
{
	memset(out, 0, sizeof *out);
	const struct css_cv *items[16];
	int kinds[16]; /* 0 value, 1 comma, 2 slash */
	int n = 0;
	const struct css_cv *cv;
	while ((cv = css_cv_next(in, &pos))) {
		if (n == 16)
			return false;
		items[n] = cv;
		kinds[n] = cv->tok.type == CSS_TOK_COMMA ? 1 : css_cv_is_delim(cv, '/') ? 2 : 0;
		n++;
		pos++;
	}
	int commas = 0, slashes = 0;
	for (int i = 0; i < n; i++) {
		commas += kinds[i] == 1;
		slashes += kinds[i] == 2;
	}
	if (commas) {
		/* value (, value)*: values at even positions, commas at odd. */
		if (slashes || n % 2 == 0)
			return false;
		for (int i = 0; i < n; i++)
			if ((kinds[i] == 1) != (i % 2 == 1))
				return false;
		out->legacy = true;
		for (int i = 0; i < n; i += 2) {
			if (out->n == max)
				return false;
			out->v[out->n++] = classify(items[i]);
		}
		return true;
	}
	for (int i = 0; i < n; i++) {
		if (kinds[i] == 2) {
			if (i + 2 != n || kinds[i + 1] != 0)
				return false;
			out->has_alpha = true;
			out->alpha = classify(items[i + 1]);
			break;
		}
		if (out->n == max)
			return false;
		out->v[out->n++] = classify(items[i]);
	}
	return true;
}

/* <alpha-value> | none, clamped to [0, 1]. */
static bool alpha_value(const struct arg *a, bool allow_none, struct css_color_value *out)
{
	double v;
	if (a->kind == ARG_NUMBER)
		v = a->v;
	else if (a->kind == ARG_PERCENT)
		v = a->v / 100;
	else if (a->kind == ARG_NONE && allow_none) {
		out->none |= 0x80;
		out->alpha = 0;
		return true;
	} else
		return false;
	out->alpha = v < 0 ? 0 : v > 1 ? 1 : v;
	return true;
}

/* Legacy syntax: the 4th value is the alpha. Modern: the slash part. */
static bool take_alpha(struct args *a, int ncomp, struct css_color_value *out)
{
	out->alpha = 1;
	if (a->legacy) {
		if (a->n == ncomp + 1)
			return alpha_value(&a->v[ncomp], false, out);
		return a->n == ncomp;
	}
	if (a->n != ncomp)
		return false;
	return !a->has_alpha || alpha_value(&a->alpha, true, out);
}

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static double normalize_hue(double h)
{
	h = fmod(h, 360);
	if (h < 0)
		h += 360;
	return h;
}

/* §7.1 hslToRgb, channels 0..1. */
static void hsl_to_rgb(double hue, double sat, double light, double rgb[3])
{
	static const double n[3] = {0, 8, 4};
	hue = normalize_hue(hue);
	for (int i = 0; i < 3; i++) {
		double k = fmod(n[i] + hue / 30, 12);
		double a = sat * fmin(light, 1 - light);
		rgb[i] = light - a * fmax(-1, fmin(fmin(k - 3, 9 - k), 1));
	}
}

/* rgb() and rgba() (§5.1). */
static bool parse_rgb(struct css_cv_list in, struct css_color_value *out)
{
	struct args a;
	if (!split_args(in, 0, 4, &a) || a.n < 3)
		return false;
	double ch[3];
	for (int i = 0; i < 3; i++) {
		const struct arg *v = &a.v[i];
		if (a.legacy && v->kind != a.v[0].kind)
			return false;
		if (v->kind == ARG_NUMBER)
			ch[i] = clamp(v->v, 0, 255);
		else if (v->kind == ARG_PERCENT)
			ch[i] = clamp(v->v * 255 / 100, 0, 255);
		else if (v->kind == ARG_NONE && !a.legacy)
			ch[i] = 0;
		else
			return false;
	}
	set_legacy(out, ch[0], ch[1], ch[2], 1);
	return take_alpha(&a, 3, out);
}

/* A hue argument: number (degrees) or angle; none in the modern syntax. */
static bool hue_value(const struct arg *v, bool legacy, double *deg)
{
	if (v->kind == ARG_NUMBER || v->kind == ARG_ANGLE) {
		*deg = v->v;
		return true;
	}
	if (v->kind == ARG_NONE && !legacy) {
		*deg = 0;
		return true;
	}
	return false;
}

/* Saturation/lightness/whiteness/blackness: percentage; the modern syntax
 * also takes a number (meaning percent) or none. */
static bool percent_value(const struct arg *v, bool legacy, double *pct)
{
	if (v->kind == ARG_PERCENT || (!legacy && v->kind == ARG_NUMBER)) {
		*pct = v->v;
		return true;
	}
	if (v->kind == ARG_NONE && !legacy) {
		*pct = 0;
		return true;
	}
	return false;
}

/* hsl() and hsla() (§7). */
static bool parse_hsl(struct css_cv_list in, struct css_color_value *out)
{
	struct args a;
	double h, s, l, rgb[3];
	if (!split_args(in, 0, 4, &a) || a.n < 3)
		return false;
	if (!hue_value(&a.v[0], a.legacy, &h) || !percent_value(&a.v[1], a.legacy, &s) ||
	    !percent_value(&a.v[2], a.legacy, &l))
		return false;
	hsl_to_rgb(h, clamp(s, 0, 100) / 100, clamp(l, 0, 100) / 100, rgb);
	set_legacy(out, rgb[0] * 255, rgb[1] * 255, rgb[2] * 255, 1);
	return take_alpha(&a, 3, out);
}

/* hwb() (§8): modern syntax only. */
static bool parse_hwb(struct css_cv_list in, struct css_color_value *out)
{
	struct args a;
	double h, w, b, rgb[3];
	if (!split_args(in, 0, 3, &a) || a.legacy || a.n != 3)
		return false;
	if (!hue_value(&a.v[0], false, &h) || !percent_value(&a.v[1], false, &w) ||
	    !percent_value(&a.v[2], false, &b))
		return false;
	w = clamp(w, 0, 100) / 100;
	b = clamp(b, 0, 100) / 100;
	if (w + b >= 1) {
		double gray = w / (w + b);
		rgb[0] = rgb[1] = rgb[2] = gray;
	} else {
		hsl_to_rgb(h, 1, 0.5, rgb);
		for (int i = 0; i < 3; i++)
			rgb[i] = rgb[i] * (1 - w - b) + w;
	}
	set_legacy(out, rgb[0] * 255, rgb[1] * 255, rgb[2] * 255, 1);
	return take_alpha(&a, 3, out);
}

/* A component taking a number, a percentage (scaled so 100% = pct100) or
 * none; marks none in out->none. */
static bool scaled_component(const struct arg *v, double pct100, int index, struct css_color_value *out)
{
	if (v->kind == ARG_NUMBER)
		out->c[index] = v->v;
	else if (v->kind == ARG_PERCENT)
		out->c[index] = v->v * pct100 / 100;
	else if (v->kind == ARG_NONE)
		out->none |= (uint8_t)(1u << index);
	else
		return false;
	return true;
}

/* lab(), lch(), oklab(), oklch() (§9). */
static bool parse_lab_like(struct css_cv_list in, uint8_t space, struct css_color_value *out)
{
	struct args a;
	if (!split_args(in, 0, 3, &a) || a.legacy || a.n != 3)
		return false;
	memset(out, 0, sizeof *out);
	out->space = space;
	out->ncomp = 3;
	bool ok = space == CSS_COLOR_LAB || space == CSS_COLOR_LCH;
	double l100 = ok ? 100 : 1;
	if (!scaled_component(&a.v[0], l100, 0, out))
		return false;
	if (space == CSS_COLOR_LAB || space == CSS_COLOR_OKLAB) {
		double ab100 = space == CSS_COLOR_LAB ? 125 : 0.4;
		if (!scaled_component(&a.v[1], ab100, 1, out) || !scaled_component(&a.v[2], ab100, 2, out))
			return false;
	} else {
		double c100 = space == CSS_COLOR_LCH ? 150 : 0.4;
		if (!scaled_component(&a.v[1], c100, 1, out))
			return false;
		double h;
		if (a.v[2].kind == ARG_NONE)
			out->none |= 4;
		else if (hue_value(&a.v[2], true, &h))
			out->c[2] = normalize_hue(h);
		else
			return false;
	}
	return take_alpha(&a, 3, out);
}

/* color() (§10), including CSS Color 5 custom --spaces. */
static bool parse_color_function(struct css_cv_list in, struct css_color_value *out)
{
	size_t pos = 0;
	const struct css_cv *name = css_cv_next(in, &pos);
	if (!name || name->tok.type != CSS_TOK_IDENT)
		return false;
	memset(out, 0, sizeof *out);
	struct css_str id = name->tok.value;
	bool custom = id.len > 2 && id.ptr[0] == '-' && id.ptr[1] == '-';
	if (custom) {
		out->space = CSS_COLOR_CUSTOM;
		out->custom = id;
	} else {
		size_t i = 0;
		while (i < BASE_ARRAY_LEN(predefined_spaces) &&
		       !base_ascii_ieq_lit(id.ptr, id.len, predefined_spaces[i].name))
			i++;
		if (i == BASE_ARRAY_LEN(predefined_spaces))
			return false;
		out->space = predefined_spaces[i].space;
	}
	struct args a;
	if (!split_args(in, pos + 1, 8, &a) || a.legacy)
		return false;
	if (custom ? a.n < 1 : a.n != 3)
		return false;
	out->ncomp = (uint8_t)a.n;
	for (int i = 0; i < a.n; i++)
		if (!scaled_component(&a.v[i], 1, i, out))
			return false;
	out->alpha = 1;
	return !a.has_alpha || alpha_value(&a.alpha, true, out);
}

/* device-cmyk() (CSS Color 5 §6): legacy commas take numbers only. */
static bool parse_device_cmyk(struct css_cv_list in, struct css_color_value *out)
{
	struct args a;
	if (!split_args(in, 0, 5, &a) || a.n < 4)
		return false;
	memset(out, 0, sizeof *out);
	out->space = CSS_COLOR_DEVICE_CMYK;
	out->ncomp = 4;
	for (int i = 0; i < 4; i++) {
		if (a.legacy && a.v[i].kind != ARG_NUMBER)
			return false;
		if (!scaled_component(&a.v[i], 1, i, out))
			return false;
		out->c[i] = clamp(out->c[i], 0, 1);
	}
	return take_alpha(&a, 4, out);
}

/* light-dark() may nest; deeper than this is rejected, so parsing never
 * recurses without bound. */
enum { MAX_LIGHT_DARK_DEPTH = 8 };

static bool parse_color_cv(const struct css_cv *cv, int depth, struct css_color_value *out);

static bool parse_color_in(struct css_cv_list in, int depth, struct css_color_value *out)
{
	size_t pos = 0;
	const struct css_cv *cv = css_cv_next(in, &pos);
	if (!cv || !css_cv_at_end(in, pos + 1))
		return false;
	return parse_color_cv(cv, depth, out);
}

/* light-dark(<color>, <color>) (CSS Color 5 §3). */
static bool parse_light_dark(struct css_cv_list in, int depth, struct css_color_value *out)
{
	if (depth >= MAX_LIGHT_DARK_DEPTH)
		return false;
	struct css_cv_list ops[2];
	size_t comma = 0;
	while (comma < in.len && in.items[comma].tok.type != CSS_TOK_COMMA)
		comma++;
	if (comma == in.len)
		return false;
	ops[0] = (struct css_cv_list){in.items, comma};
	ops[1] = (struct css_cv_list){in.items + comma + 1, in.len - comma - 1};
	struct css_color_value tmp;
	for (int i = 0; i < 2; i++)
		if (!parse_color_in(ops[i], depth + 1, &tmp))
			return false;
	memset(out, 0, sizeof *out);
	out->space = CSS_COLOR_LIGHT_DARK;
	out->alpha = 1;
	out->light_dark[0] = ops[0];
	out->light_dark[1] = ops[1];
	return true;
}

static bool parse_color_cv(const struct css_cv *cv, int depth, struct css_color_value *out)
{
	const struct css_token *t = &cv->tok;
	if (t->type == CSS_TOK_IDENT)
		return parse_keyword(t->value, out);
	if (t->type == CSS_TOK_HASH)
		return parse_hex(t->value, out);
	if (t->type != CSS_TOK_FUNCTION)
		return false;
	struct css_cv_list args = cv->children;
	if (css_cv_is_function(cv, "rgb") || css_cv_is_function(cv, "rgba"))
		return parse_rgb(args, out);
	if (css_cv_is_function(cv, "hsl") || css_cv_is_function(cv, "hsla"))
		return parse_hsl(args, out);
	if (css_cv_is_function(cv, "hwb"))
		return parse_hwb(args, out);
	if (css_cv_is_function(cv, "lab"))
		return parse_lab_like(args, CSS_COLOR_LAB, out);
	if (css_cv_is_function(cv, "lch"))
		return parse_lab_like(args, CSS_COLOR_LCH, out);
	if (css_cv_is_function(cv, "oklab"))
		return parse_lab_like(args, CSS_COLOR_OKLAB, out);
	if (css_cv_is_function(cv, "oklch"))
		return parse_lab_like(args, CSS_COLOR_OKLCH, out);
	if (css_cv_is_function(cv, "color"))
		return parse_color_function(args, out);
	if (css_cv_is_function(cv, "device-cmyk"))
		return parse_device_cmyk(args, out);
	if (css_cv_is_function(cv, "light-dark"))
		return parse_light_dark(args, depth, out);
	return false;
}

bool css_parse_color(const struct css_cv *cv, struct css_color_value *out)
{
	return parse_color_cv(cv, 0, out);
}

bool css_parse_color_list(struct css_cv_list in, struct css_color_value *out)
{
	return parse_color_in(in, 0, out);
}

bool css_color_light_dark_operand(const struct css_color_value *c, int which,
				  struct css_color_value *out)
{
	if (c->space != CSS_COLOR_LIGHT_DARK || which < 0 || which > 1)
		return false;
	return parse_color_in(c->light_dark[which], 1, out);
}

/* ---- Conversion to 8-bit sRGB ------------------------------------------ */

static uint8_t to_byte(double v)
{
	v = clamp(v, 0, 255);
	return (uint8_t)floor(v + 0.5);
}

static double srgb_encode(double linear)
{
	double s = linear < 0 ? -1 : 1, x = fabs(linear);
	return s * (x > 0.0031308 ? 1.055 * pow(x, 1 / 2.4) - 0.055 : 12.92 * x);
}

static double srgb_decode(double v)
{
	double s = v < 0 ? -1 : 1, x = fabs(v);
	return s * (x > 0.04045 ? pow((x + 0.055) / 1.055, 2.4) : x / 12.92);
}

/* Linear-light XYZ D65 to sRGB (§17 sample code matrices). */
static void xyz65_to_srgb(const double xyz[3], double rgb[3])
{
	static const double m[3][3] = {
		{3.2409699419045226, -1.537383177570094, -0.4986107602930034},
		{-0.9692436362808796, 1.8759675015077202, 0.04155505740717559},
		{0.05563007969699366, -0.20397695888897652, 1.0569715142428786},
	};
	for (int i = 0; i < 3; i++)
		rgb[i] = srgb_encode(m[i][0] * xyz[0] + m[i][1] * xyz[1] + m[i][2] * xyz[2]);
}

static void mat3(const double m[3][3], const double in[3], double out[3])
{
	for (int i = 0; i < 3; i++)
		out[i] = m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2];
}

static void d50_to_d65(const double in[3], double out[3])
{
	static const double m[3][3] = {
		{0.955473421488075, -0.02309845494876471, 0.06325924320057072},
		{-0.0283697093338637, 1.0099953980813041, 0.021041441191917323},
		{0.012314014864481998, -0.020507649298898964, 1.330365926242124},
	};
	mat3(m, in, out);
}

static void lab_to_xyz_d50(double l, double a, double b, double xyz[3])
{
	const double kappa = 24389.0 / 27, epsilon = 216.0 / 24389;
	const double white[3] = {0.3457 / 0.3585, 1.0, (1.0 - 0.3457 - 0.3585) / 0.3585};
	double f1 = (l + 16) / 116, f0 = a / 500 + f1, f2 = f1 - b / 200;
	xyz[0] = (pow(f0, 3) > epsilon ? pow(f0, 3) : (116 * f0 - 16) / kappa) * white[0];
	xyz[1] = (l > kappa * epsilon ? pow((l + 16) / 116, 3) : l / kappa) * white[1];
	xyz[2] = (pow(f2, 3) > epsilon ? pow(f2, 3) : (116 * f2 - 16) / kappa) * white[2];
}

static void oklab_to_xyz_d65(double l, double a, double b, double xyz[3])
{
	static const double lms_of_oklab[3][3] = {
		{1.0, 0.3963377773761749, 0.2158037573099136},
		{1.0, -0.1055613458156586, -0.0638541728258133},
		{1.0, -0.0894841775298119, -1.2914855480194092},
	};
	static const double xyz_of_lms[3][3] = {
		{1.2268798758459243, -0.5578149944602171, 0.2813910456659647},
		{-0.0405757452148008, 1.1122868032803170, -0.0717110580655164},
		{-0.0763729366746601, -0.4214933324022432, 1.5869240198367816},
	};
	double in[3] = {l, a, b}, lms[3];
	mat3(lms_of_oklab, in, lms);
	for (int i = 0; i < 3; i++)
		lms[i] = lms[i] * lms[i] * lms[i];
	mat3(xyz_of_lms, lms, xyz);
}

/* Converts any color to sRGB channels in 0..1 (not gamut mapped; clipped
 * by the caller). */
static void to_srgb(const struct css_color_value *c, double rgb[3])
{
	double xyz[3], tmp[3];
	double c0 = c->c[0], c1 = c->c[1], c2 = c->c[2];
	switch (c->space) {
	case CSS_COLOR_LEGACY_SRGB:
		rgb[0] = c0 / 255;
		rgb[1] = c1 / 255;
		rgb[2] = c2 / 255;
		return;
	case CSS_COLOR_SRGB:
		rgb[0] = c0;
		rgb[1] = c1;
		rgb[2] = c2;
		return;
	case CSS_COLOR_SRGB_LINEAR:
		rgb[0] = srgb_encode(c0);
		rgb[1] = srgb_encode(c1);
		rgb[2] = srgb_encode(c2);
		return;
	case CSS_COLOR_DISPLAY_P3: {
		static const double m[3][3] = {
			{0.4865709486482162, 0.26566769316909306, 0.1982172852343625},
			{0.2289745640697488, 0.6917385218365064, 0.079286914093745},
			{0.0, 0.04511338185890264, 1.043944368900976},
		};
		double lin[3] = {srgb_decode(c0), srgb_decode(c1), srgb_decode(c2)};
		mat3(m, lin, xyz);
		break;
	}
	case CSS_COLOR_A98_RGB: {
		static const double m[3][3] = {
			{0.5766690429101305, 0.1855582379065463, 0.1882286462349947},
			{0.29734497525053605, 0.6273635662554661, 0.0752914584939978},
			{0.02703136138641234, 0.07068885253582723, 0.9913375368376388},
		};
		double lin[3];
		for (int i = 0; i < 3; i++) {
			double v = c->c[i];
			lin[i] = (v < 0 ? -1 : 1) * pow(fabs(v), 563.0 / 256);
		}
		mat3(m, lin, xyz);
		break;
	}
	case CSS_COLOR_PROPHOTO_RGB: {
		static const double m[3][3] = {
			{0.7977666449006423, 0.13518129740053308, 0.0313477341283922},
			{0.2880748288194013, 0.711835234241873, 0.00008993693872564},
			{0.0, 0.0, 0.8251046025104602},
		};
		double lin[3];
		for (int i = 0; i < 3; i++) {
			double v = c->c[i], x = fabs(v);
			lin[i] = (v < 0 ? -1 : 1) * (x <= 16.0 / 512 ? x / 16 : pow(x, 1.8));
		}
		mat3(m, lin, tmp);
		d50_to_d65(tmp, xyz);
		break;
	}
	case CSS_COLOR_REC2020: {
		static const double m[3][3] = {
			{0.6369580483012914, 0.14461690358620832, 0.1688809751641721},
			{0.2627002120112671, 0.6779980715188708, 0.05930171646986196},
			{0.0, 0.028072693049087428, 1.060985057710791},
		};
		const double alpha = 1.09929682680944, beta = 0.018053968510807;
		double lin[3];
		for (int i = 0; i < 3; i++) {
			double v = c->c[i], x = fabs(v);
			lin[i] = (v < 0 ? -1 : 1) * (x < beta * 4.5 ? x / 4.5 : pow((x + alpha - 1) / alpha, 1 / 0.45));
		}
		mat3(m, lin, xyz);
		break;
	}
	case CSS_COLOR_XYZ_D50:
		d50_to_d65(c->c, xyz);
		break;
	case CSS_COLOR_XYZ_D65:
		xyz[0] = c0;
		xyz[1] = c1;
		xyz[2] = c2;
		break;
	/* Lightness is clamped to [0%, 100%] and chroma to >= 0 for use
	 * (§9.2, §9.3; the specified value keeps them as written). */
	case CSS_COLOR_LAB:
	case CSS_COLOR_LCH: {
		c0 = clamp(c0, 0, 100);
		c1 = c->space == CSS_COLOR_LCH ? fmax(c1, 0) : c1;
		double a = c1, b = c2;
		if (c->space == CSS_COLOR_LCH) {
			a = c1 * cos(c2 * M_PI / 180);
			b = c1 * sin(c2 * M_PI / 180);
		}
		lab_to_xyz_d50(c0, a, b, tmp);
		d50_to_d65(tmp, xyz);
		break;
	}
	case CSS_COLOR_OKLAB:
	case CSS_COLOR_OKLCH: {
		c0 = clamp(c0, 0, 1);
		c1 = c->space == CSS_COLOR_OKLCH ? fmax(c1, 0) : c1;
		double a = c1, b = c2;
		if (c->space == CSS_COLOR_OKLCH) {
			a = c1 * cos(c2 * M_PI / 180);
			b = c1 * sin(c2 * M_PI / 180);
		}
		oklab_to_xyz_d65(c0, a, b, xyz);
		break;
	}
	case CSS_COLOR_DEVICE_CMYK:
		/* CSS Color 5 §6.2 naive conversion. */
		for (int i = 0; i < 3; i++)
			rgb[i] = 1 - fmin(1, c->c[i] * (1 - c->c[3]) + c->c[3]);
		return;
	default: /* custom spaces have no known conversion: black */
		rgb[0] = rgb[1] = rgb[2] = 0;
		return;
	}
	xyz65_to_srgb(xyz, rgb);
}

struct css_color css_color_to_rgba8_scheme(const struct css_color_value *c, struct css_color current,
					   bool dark)
{
	struct css_color_value operand;
	/* Operands were validated when parsed and their depth is bounded. */
	while (c->space == CSS_COLOR_LIGHT_DARK && css_color_light_dark_operand(c, dark ? 1 : 0, &operand))
		c = &operand;
	if (c->space == CSS_COLOR_CURRENT)
		return current;
	double rgb[3];
	to_srgb(c, rgb);
	return (struct css_color){to_byte(rgb[0] * 255), to_byte(rgb[1] * 255), to_byte(rgb[2] * 255),
				  to_byte(c->alpha * 255)};
}

struct css_color css_color_to_rgba8(const struct css_color_value *c, struct css_color current)
{
	return css_color_to_rgba8_scheme(c, current, false);
}

/* ---- §15 Serialization --------------------------------------------------- */

/* A number with at most 6 decimals, no trailing zeros, no "-0". §15:
 * values are rounded (ties towards +infinity), not truncated; a tie within
 * floating-point noise (42.4989375 is 42.49893749999...) counts as a tie. */
static void put_number(struct base_buf *b, double v)
{
	char tmp[64];
	double scaled = v * 1e6;
	if (fabs(scaled) < 1e15)
		v = floor(scaled + 0.5 + fmax(1e-6, fabs(scaled) * 1e-12)) / 1e6;
	snprintf(tmp, sizeof tmp, "%.6f", v);
	char *dot = strchr(tmp, '.');
	if (dot) {
		char *end = tmp + strlen(tmp);
		while (end > dot + 1 && end[-1] == '0')
			end--;
		if (end == dot + 1)
			end = dot;
		*end = 0;
	}
	base_buf_puts(b, strcmp(tmp, "-0") == 0 ? "0" : tmp);
}

/* CSSOM alpha: the shortest of 2 or 3 decimals that round-trips 8 bits. */
static double alpha_8bit(double alpha)
{
	int byte = (int)floor(clamp(alpha, 0, 1) * 255 + 0.5);
	double two = round(byte / 255.0 * 100) / 100;
	if ((int)floor(two * 255 + 0.5) == byte)
		return two;
	return round(byte / 255.0 * 1000) / 1000;
}

static void put_component(struct base_buf *b, const struct css_color_value *c, int i)
{
	if (c->none & (1u << i))
		base_buf_puts(b, "none");
	else
		put_number(b, c->c[i]);
}

static void put_alpha_modern(struct base_buf *b, const struct css_color_value *c)
{
	if (c->none & 0x80)
		base_buf_puts(b, " / none");
	else if (c->alpha != 1) {
		base_buf_puts(b, " / ");
		put_number(b, c->alpha);
	}
}

static void serialize(struct base_buf *b, const struct css_color_value *c, unsigned flags)
{
	switch (c->space) {
	case CSS_COLOR_CURRENT:
		base_buf_puts(b, "currentcolor");
		return;
	case CSS_COLOR_LIGHT_DARK:
		base_buf_puts(b, "light-dark(");
		for (int i = 0; i < 2; i++) {
			struct css_color_value operand;
			if (i)
				base_buf_puts(b, ", ");
			if (css_color_light_dark_operand(c, i, &operand))
				serialize(b, &operand, flags);
		}
		base_buf_putc(b, ')');
		return;
	case CSS_COLOR_LEGACY_SRGB: {
		if (flags & CSS_COLOR_SERIALIZE_SRGB_FUNCTION) {
			struct css_color_value s = *c;
			s.space = CSS_COLOR_SRGB;
			for (int i = 0; i < 3; i++)
				s.c[i] = c->c[i] / 255;
			serialize(b, &s, flags);
			return;
		}
		bool eight = flags & CSS_COLOR_SERIALIZE_8BIT;
		double alpha = eight ? alpha_8bit(c->alpha) : c->alpha;
		base_buf_puts(b, alpha == 1 ? "rgb(" : "rgba(");
		for (int i = 0; i < 3; i++) {
			if (i)
				base_buf_puts(b, ", ");
			put_number(b, eight ? to_byte(c->c[i]) : c->c[i]);
		}
		if (alpha != 1) {
			base_buf_puts(b, ", ");
			put_number(b, alpha);
		}
		base_buf_putc(b, ')');
		return;
	}
	case CSS_COLOR_LAB:
	case CSS_COLOR_LCH:
	case CSS_COLOR_OKLAB:
	case CSS_COLOR_OKLCH:
		base_buf_puts(b, space_names[c->space]);
		base_buf_putc(b, '(');
		for (int i = 0; i < 3; i++) {
			if (i)
				base_buf_putc(b, ' ');
			put_component(b, c, i);
		}
		put_alpha_modern(b, c);
		base_buf_putc(b, ')');
		return;
	default:
		base_buf_puts(b, "color(");
		if (c->space == CSS_COLOR_CUSTOM)
			base_buf_append(b, c->custom.ptr, c->custom.len);
		else
			base_buf_puts(b, space_names[c->space]);
		for (int i = 0; i < c->ncomp; i++) {
			base_buf_putc(b, ' ');
			put_component(b, c, i);
		}
		put_alpha_modern(b, c);
		base_buf_putc(b, ')');
		return;
	}
}

const char *css_color_serialize_with(struct base_arena *a, const struct css_color_value *c,
				     unsigned flags)
{
	struct base_buf b = {0};
	serialize(&b, c, flags);
	const char *s = base_arena_strndup(a, b.data ? b.data : "", b.len);
	base_buf_free(&b);
	return s;
}

const char *css_color_serialize(struct base_arena *a, const struct css_color_value *c)
{
	return css_color_serialize_with(a, c, 0);
}
