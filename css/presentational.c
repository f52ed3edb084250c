/* Presentational hints: the legacy attributes HTML §15 maps to CSS
 * (bgcolor, text, width/height, align/valign, border, cellpadding,
 * cellspacing, nowrap, font color/face/size, hspace/vspace, list type...).
 * https://html.spec.whatwg.org/multipage/rendering.html#presentational-hints
 *
 * Each element's hints are written as CSS text and parsed into a
 * declaration block that the cascade places first among author styles
 * with specificity zero, as the standard says. */
#include "css/internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is(const struct html_node *el, enum html_tag tag)
{
	return el->ns == HTML_NS_HTML && el->tag == tag;
}

/* HTML "rules for parsing dimension values": a number of px or a %. */
static bool parse_dimension(const char *v, double *out, bool *pct)
{
	while (*v && base_is_ascii_ws(*v))
		v++;
	if (!(*v >= '0' && *v <= '9') && *v != '.')
		return false;
	double n = 0;
	while (*v >= '0' && *v <= '9')
		n = n * 10 + (*v++ - '0');
	if (*v == '.') {
		double f = 0.1;
		v++;
		while (*v >= '0' && *v <= '9') {
			n += (*v++ - '0') * f;
			f /= 10;
		}
	}
	*pct = *v == '%';
	*out = n;
	return true;
}

static void dimension_hint(struct base_buf *b, const char *prop, const char *v, bool nonzero)
{
	double n;
	bool pct;
	if (!v || !parse_dimension(v, &n, &pct) || (nonzero && n == 0))
		return;
	base_buf_printf(b, "%s:%g%s;", prop, n, pct ? "%" : "px");
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = base_ascii_lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* HTML "rules for parsing a legacy colour value", written as CSS. */
static bool legacy_color(struct css_sheet_set *s, const char *v, struct base_buf *out)
{
	while (*v && base_is_ascii_ws(*v))
		v++;
	size_t n = strlen(v);
	while (n && base_is_ascii_ws(v[n - 1]))
		n--;
	if (!n || base_ascii_ieq_lit(v, n, "transparent"))
		return false;
	struct css_cv_list l = css_parse_component_value_list(&s->scratch, v, n);
	const struct css_cv *one = css_single(l);
	struct css_color_value cv;
	if (one && one->tok.type == CSS_TOK_IDENT && css_parse_color(one, &cv)) {
		base_buf_append(out, v, n);
		return true;
	}
	if (n == 4 && v[0] == '#' && hexval(v[1]) >= 0 && hexval(v[2]) >= 0 && hexval(v[3]) >= 0) {
		base_buf_append(out, v, n);
		return true;
	}
	char buf[132];
	size_t k = 0;
	for (size_t i = (v[0] == '#') ? 1 : 0; i < n && k < 128; i++)
		buf[k++] = hexval(v[i]) >= 0 ? v[i] : '0';
	while (k == 0 || k % 3)
		buf[k++] = '0';
	size_t len = k / 3;
	const char *comp[3] = { buf, buf + len, buf + 2 * len };
	if (len > 8) {
		for (int c = 0; c < 3; c++)
			comp[c] += len - 8;
		len = 8;
	}
	while (len > 2 && comp[0][0] == '0' && comp[1][0] == '0' && comp[2][0] == '0') {
		for (int c = 0; c < 3; c++)
			comp[c]++;
		len--;
	}
	if (len > 2)
		len = 2;
	int rgb[3];
	for (int c = 0; c < 3; c++) {
		rgb[c] = hexval(comp[c][0]);
		if (len == 2)
			rgb[c] = rgb[c] * 16 + hexval(comp[c][1]);
	}
	base_buf_printf(out, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
	return true;
}

static void color_hint(struct css_sheet_set *s, struct base_buf *b, const char *prop, const char *v)
{
	if (!v)
		return;
	size_t mark = b->len;
	base_buf_printf(b, "%s:", prop);
	if (legacy_color(s, v, b))
		base_buf_putc(b, ';');
	else
		b->len = mark;
}

static const struct html_node *ancestor_table(const struct html_node *el)
{
	for (const struct html_node *p = el->parent; p && p->type == HTML_NODE_ELEMENT; p = p->parent)
		if (is(p, HTML_TAG_TABLE))
			return p;
	return NULL;
}

static void align_hint(struct base_buf *b, const char *v, bool legacy)
{
	if (!v)
		return;
	static const char *const plain[][2] = { { "left", "left" }, { "right", "right" }, { "center", "center" },
						{ "middle", "center" }, { "justify", "justify" } };
	for (size_t i = 0; i < BASE_ARRAY_LEN(plain); i++)
		if (strcasecmp(v, plain[i][0]) == 0) {
			bool webkit = legacy && strcmp(plain[i][1], "justify") != 0;
			base_buf_printf(b, "text-align:%s%s;", webkit ? "-webkit-" : "", plain[i][1]);
			return;
		}
}

static void font_size_hint(struct base_buf *b, const char *v)
{
	/* HTML "rules for parsing a legacy font size". */
	while (*v && base_is_ascii_ws(*v))
		v++;
	int mode = 0;
	if (*v == '+' || *v == '-')
		mode = *v++ == '+' ? 1 : -1;
	if (!(*v >= '0' && *v <= '9'))
		return;
	int n = 0;
	while (*v >= '0' && *v <= '9' && n < 1000)
		n = n * 10 + (*v++ - '0');
	if (mode)
		n = 3 + mode * n;
	if (n < 1)
		n = 1;
	if (n > 7)
		n = 7;
	static const char *const kw[] = { "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large" };
	base_buf_printf(b, "font-size:%s;", kw[n - 1]);
}

static void list_type_hint(struct base_buf *b, const char *v)
{
	static const char *const map[][2] = { { "1", "decimal" },     { "a", "lower-alpha" }, { "A", "upper-alpha" },
					      { "i", "lower-roman" }, { "I", "upper-roman" } };
	for (size_t i = 0; i < BASE_ARRAY_LEN(map); i++)
		if (strcmp(v, map[i][0]) == 0) {
			base_buf_printf(b, "list-style-type:%s;", map[i][1]);
			return;
		}
	if (strcasecmp(v, "disc") == 0 || strcasecmp(v, "circle") == 0 || strcasecmp(v, "square") == 0)
		base_buf_printf(b, "list-style-type:%s;", v);
}

void css_presentational_hints(struct css_sheet_set *s, struct base_arena *a, const struct html_node *el,
			      struct css_decl_block *out)
{
	memset(out, 0, sizeof *out);
	/* Cells take hints from their table's attributes, so only other
	 * elements without attributes can be skipped. */
	if (el->ns != HTML_NS_HTML || (!el->attr_count && el->tag != HTML_TAG_TD && el->tag != HTML_TAG_TH))
		return;
	struct base_buf b = { 0 };
	const char *v;
	switch (el->tag) {
	case HTML_TAG_BODY:
		color_hint(s, &b, "background-color", html_element_attr_value(el, "bgcolor"));
		color_hint(s, &b, "color", html_element_attr_value(el, "text"));
		if ((v = html_element_attr_value(el, "background")) && *v)
			base_buf_printf(&b, "background-image:url(\"%s\");", v);
		dimension_hint(&b, "margin-top", html_element_attr_value(el, "marginheight"), false);
		dimension_hint(&b, "margin-bottom", html_element_attr_value(el, "marginheight"), false);
		dimension_hint(&b, "margin-top", html_element_attr_value(el, "topmargin"), false);
		dimension_hint(&b, "margin-bottom", html_element_attr_value(el, "bottommargin"), false);
		dimension_hint(&b, "margin-left", html_element_attr_value(el, "marginwidth"), false);
		dimension_hint(&b, "margin-right", html_element_attr_value(el, "marginwidth"), false);
		dimension_hint(&b, "margin-left", html_element_attr_value(el, "leftmargin"), false);
		dimension_hint(&b, "margin-right", html_element_attr_value(el, "rightmargin"), false);
		break;
	case HTML_TAG_TABLE: {
		color_hint(s, &b, "background-color", html_element_attr_value(el, "bgcolor"));
		dimension_hint(&b, "width", html_element_attr_value(el, "width"), true);
		dimension_hint(&b, "height", html_element_attr_value(el, "height"), false);
		if ((v = html_element_attr_value(el, "cellspacing"))) {
			double n;
			bool pct;
			if (parse_dimension(v, &n, &pct) && !pct)
				base_buf_printf(&b, "border-spacing:%gpx;", n);
		}
		if ((v = html_element_attr_value(el, "align"))) {
			if (strcasecmp(v, "left") == 0)
				base_buf_puts(&b, "float:left;");
			else if (strcasecmp(v, "right") == 0)
				base_buf_puts(&b, "float:right;");
			else if (strcasecmp(v, "center") == 0)
				base_buf_puts(&b, "margin-left:auto;margin-right:auto;");
		}
		if ((v = html_element_attr_value(el, "border"))) {
			double n;
			bool pct;
			if (!parse_dimension(v, &n, &pct))
				n = 1;
			if (n > 0)
				base_buf_printf(&b, "border:%gpx outset;", n);
		}
		break;
	}
	case HTML_TAG_TD:
	case HTML_TAG_TH: {
		color_hint(s, &b, "background-color", html_element_attr_value(el, "bgcolor"));
		dimension_hint(&b, "width", html_element_attr_value(el, "width"), true);
		dimension_hint(&b, "height", html_element_attr_value(el, "height"), true);
		align_hint(&b, html_element_attr_value(el, "align"), true);
		if ((v = html_element_attr_value(el, "valign")))
			base_buf_printf(&b, "vertical-align:%s;", strcasecmp(v, "center") == 0 ? "middle" : v);
		if (html_element_attr(el, "nowrap"))
			base_buf_puts(&b, "white-space:nowrap;");
		const struct html_node *t = ancestor_table(el);
		if (t) {
			if ((v = html_element_attr_value(t, "cellpadding"))) {
				double n;
				bool pct;
				if (parse_dimension(v, &n, &pct))
					base_buf_printf(&b, "padding:%g%s;", n, pct ? "%" : "px");
			}
			if ((v = html_element_attr_value(t, "border"))) {
				double n;
				bool pct;
				if (!parse_dimension(v, &n, &pct))
					n = 1;
				if (n > 0)
					base_buf_puts(&b, "border:1px inset;");
			}
		}
		break;
	}
	case HTML_TAG_TR:
	case HTML_TAG_TBODY:
	case HTML_TAG_THEAD:
	case HTML_TAG_TFOOT:
		color_hint(s, &b, "background-color", html_element_attr_value(el, "bgcolor"));
		align_hint(&b, html_element_attr_value(el, "align"), true);
		if ((v = html_element_attr_value(el, "valign")))
			base_buf_printf(&b, "vertical-align:%s;", strcasecmp(v, "center") == 0 ? "middle" : v);
		if (el->tag == HTML_TAG_TR)
			dimension_hint(&b, "height", html_element_attr_value(el, "height"), false);
		break;
	case HTML_TAG_IMG:
	case HTML_TAG_OBJECT:
	case HTML_TAG_EMBED:
	case HTML_TAG_IFRAME:
	case HTML_TAG_VIDEO:
	case HTML_TAG_CANVAS:
		dimension_hint(&b, "width", html_element_attr_value(el, "width"), false);
		dimension_hint(&b, "height", html_element_attr_value(el, "height"), false);
		if (el->tag == HTML_TAG_IMG || el->tag == HTML_TAG_OBJECT || el->tag == HTML_TAG_EMBED ||
		    el->tag == HTML_TAG_IFRAME) {
			if ((v = html_element_attr_value(el, "hspace"))) {
				dimension_hint(&b, "margin-left", v, false);
				dimension_hint(&b, "margin-right", v, false);
			}
			if ((v = html_element_attr_value(el, "vspace"))) {
				dimension_hint(&b, "margin-top", v, false);
				dimension_hint(&b, "margin-bottom", v, false);
			}
			if ((v = html_element_attr_value(el, "align"))) {
				if (strcasecmp(v, "left") == 0 || strcasecmp(v, "right") == 0)
					base_buf_printf(&b, "float:%s;", v);
				else if (strcasecmp(v, "top") == 0 || strcasecmp(v, "middle") == 0 ||
					 strcasecmp(v, "bottom") == 0)
					base_buf_printf(&b, "vertical-align:%s;", v);
			}
			if (el->tag != HTML_TAG_IFRAME && (v = html_element_attr_value(el, "border"))) {
				double n;
				bool pct;
				if (parse_dimension(v, &n, &pct))
					base_buf_printf(&b, "border:%gpx solid;", n);
			}
		}
		break;
	case HTML_TAG_FONT:
		color_hint(s, &b, "color", html_element_attr_value(el, "color"));
		if ((v = html_element_attr_value(el, "face")) && *v) {
			base_buf_puts(&b, "font-family:");
			/* Each comma-separated name, quoted. */
			const char *p = v;
			bool first = true;
			while (*p) {
				while (*p == ',' || base_is_ascii_ws(*p))
					p++;
				const char *start = p;
				while (*p && *p != ',')
					p++;
				const char *end = p;
				while (end > start && base_is_ascii_ws(end[-1]))
					end--;
				if (end == start)
					continue;
				base_buf_printf(&b, "%s\"", first ? "" : ",");
				for (const char *c = start; c < end; c++)
					if (*c != '"' && *c != '\\' && *c != '\n')
						base_buf_putc(&b, *c);
				base_buf_putc(&b, '"');
				first = false;
			}
			base_buf_putc(&b, ';');
		}
		if ((v = html_element_attr_value(el, "size")))
			font_size_hint(&b, v);
		break;
	case HTML_TAG_HR:
		color_hint(s, &b, "color", html_element_attr_value(el, "color"));
		if ((v = html_element_attr_value(el, "color")))
			color_hint(s, &b, "background-color", v);
		if (html_element_attr(el, "noshade") || html_element_attr(el, "color"))
			base_buf_puts(&b, "border-style:solid;");
		dimension_hint(&b, "width", html_element_attr_value(el, "width"), true);
		if ((v = html_element_attr_value(el, "size"))) {
			double n;
			bool pct;
			if (parse_dimension(v, &n, &pct) && !pct && n >= 1)
				base_buf_printf(&b, "height:%gpx;", n > 2 ? n - 2 : 0);
		}
		if ((v = html_element_attr_value(el, "align"))) {
			if (strcasecmp(v, "left") == 0)
				base_buf_puts(&b, "margin-left:0;margin-right:auto;");
			else if (strcasecmp(v, "right") == 0)
				base_buf_puts(&b, "margin-left:auto;margin-right:0;");
		}
		break;
	case HTML_TAG_P:
	case HTML_TAG_H1:
	case HTML_TAG_H2:
	case HTML_TAG_H3:
	case HTML_TAG_H4:
	case HTML_TAG_H5:
	case HTML_TAG_H6:
		align_hint(&b, html_element_attr_value(el, "align"), false);
		break;
	case HTML_TAG_DIV:
	case HTML_TAG_CAPTION:
	case HTML_TAG_LEGEND:
		align_hint(&b, html_element_attr_value(el, "align"), true);
		break;
	case HTML_TAG_UL:
	case HTML_TAG_OL:
	case HTML_TAG_LI:
		if ((v = html_element_attr_value(el, "type")))
			list_type_hint(&b, v);
		break;
	case HTML_TAG_PRE:
	case HTML_TAG_LISTING:
		if (html_element_attr(el, "wrap"))
			base_buf_puts(&b, "white-space:pre-wrap;");
		break;
	default: break;
	}
	if (b.len) {
		char *text = base_arena_memdup(a, b.data, b.len + 1);
		css_parse_declarations_text(s, a, text, b.len, NULL, out);
	}
	base_buf_free(&b);
}
