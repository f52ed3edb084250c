/* Foreign content: the rules for parsing tokens in foreign content
 * (§13.2.6.5), SVG/MathML name and attribute adjustments, integration
 * points. https://html.spec.whatwg.org/multipage/parsing.html#parsing-main-inforeign */
#include "html/tags.h"
#include "html/tree.h"

#include <string.h>

struct name_fix {
	const char *from;
	const char *to;
};

static const struct name_fix svg_tag_fixes[] = {
	{"altglyph", "altGlyph"}, {"altglyphdef", "altGlyphDef"}, {"altglyphitem", "altGlyphItem"},
	{"animatecolor", "animateColor"}, {"animatemotion", "animateMotion"},
	{"animatetransform", "animateTransform"}, {"clippath", "clipPath"}, {"feblend", "feBlend"},
	{"fecolormatrix", "feColorMatrix"}, {"fecomponenttransfer", "feComponentTransfer"},
	{"fecomposite", "feComposite"}, {"feconvolvematrix", "feConvolveMatrix"},
	{"fediffuselighting", "feDiffuseLighting"}, {"fedisplacementmap", "feDisplacementMap"},
	{"fedistantlight", "feDistantLight"}, {"fedropshadow", "feDropShadow"}, {"feflood", "feFlood"},
	{"fefunca", "feFuncA"}, {"fefuncb", "feFuncB"}, {"fefuncg", "feFuncG"}, {"fefuncr", "feFuncR"},
	{"fegaussianblur", "feGaussianBlur"}, {"feimage", "feImage"}, {"femerge", "feMerge"},
	{"femergenode", "feMergeNode"}, {"femorphology", "feMorphology"}, {"feoffset", "feOffset"},
	{"fepointlight", "fePointLight"}, {"fespecularlighting", "feSpecularLighting"},
	{"fespotlight", "feSpotLight"}, {"fetile", "feTile"}, {"feturbulence", "feTurbulence"},
	{"foreignobject", "foreignObject"}, {"glyphref", "glyphRef"}, {"lineargradient", "linearGradient"},
	{"radialgradient", "radialGradient"}, {"textpath", "textPath"},
};

static const struct name_fix svg_attr_fixes[] = {
	{"attributename", "attributeName"}, {"attributetype", "attributeType"},
	{"basefrequency", "baseFrequency"}, {"baseprofile", "baseProfile"}, {"calcmode", "calcMode"},
	{"clippathunits", "clipPathUnits"}, {"diffuseconstant", "diffuseConstant"},
	{"edgemode", "edgeMode"}, {"filterunits", "filterUnits"}, {"glyphref", "glyphRef"},
	{"gradienttransform", "gradientTransform"}, {"gradientunits", "gradientUnits"},
	{"kernelmatrix", "kernelMatrix"}, {"kernelunitlength", "kernelUnitLength"},
	{"keypoints", "keyPoints"}, {"keysplines", "keySplines"}, {"keytimes", "keyTimes"},
	{"lengthadjust", "lengthAdjust"}, {"limitingconeangle", "limitingConeAngle"},
	{"markerheight", "markerHeight"}, {"markerunits", "markerUnits"}, {"markerwidth", "markerWidth"},
	{"maskcontentunits", "maskContentUnits"}, {"maskunits", "maskUnits"}, {"numoctaves", "numOctaves"},
	{"pathlength", "pathLength"}, {"patterncontentunits", "patternContentUnits"},
	{"patterntransform", "patternTransform"}, {"patternunits", "patternUnits"},
	{"pointsatx", "pointsAtX"}, {"pointsaty", "pointsAtY"}, {"pointsatz", "pointsAtZ"},
	{"preservealpha", "preserveAlpha"}, {"preserveaspectratio", "preserveAspectRatio"},
	{"primitiveunits", "primitiveUnits"}, {"refx", "refX"}, {"refy", "refY"},
	{"repeatcount", "repeatCount"}, {"repeatdur", "repeatDur"},
	{"requiredextensions", "requiredExtensions"}, {"requiredfeatures", "requiredFeatures"},
	{"specularconstant", "specularConstant"}, {"specularexponent", "specularExponent"},
	{"spreadmethod", "spreadMethod"}, {"startoffset", "startOffset"}, {"stddeviation", "stdDeviation"},
	{"stitchtiles", "stitchTiles"}, {"surfacescale", "surfaceScale"}, {"systemlanguage", "systemLanguage"},
	{"tablevalues", "tableValues"}, {"targetx", "targetX"}, {"targety", "targetY"},
	{"textlength", "textLength"}, {"viewbox", "viewBox"}, {"viewtarget", "viewTarget"},
	{"xchannelselector", "xChannelSelector"}, {"ychannelselector", "yChannelSelector"},
	{"zoomandpan", "zoomAndPan"},
};

struct foreign_attr {
	const char *name;
	const char *prefix;
	const char *local;
	enum html_namespace ns;
};

static const struct foreign_attr foreign_attrs[] = {
	{"xlink:actuate", "xlink", "actuate", HTML_NS_XLINK}, {"xlink:arcrole", "xlink", "arcrole", HTML_NS_XLINK},
	{"xlink:href", "xlink", "href", HTML_NS_XLINK}, {"xlink:role", "xlink", "role", HTML_NS_XLINK},
	{"xlink:show", "xlink", "show", HTML_NS_XLINK}, {"xlink:title", "xlink", "title", HTML_NS_XLINK},
	{"xlink:type", "xlink", "type", HTML_NS_XLINK}, {"xml:lang", "xml", "lang", HTML_NS_XML},
	{"xml:space", "xml", "space", HTML_NS_XML}, {"xmlns", NULL, "xmlns", HTML_NS_XMLNS},
	{"xmlns:xlink", "xmlns", "xlink", HTML_NS_XMLNS},
};

static const char *fix_name(const struct name_fix *fixes, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(fixes[i].from, name) == 0)
			return fixes[i].to;
	return NULL;
}

void html_adjust_mathml_attributes(struct html_tree *tb, struct html_token *tok)
{
	for (size_t i = 0; i < tok->attr_count; i++)
		if (strcmp(tok->attrs[i].name, "definitionurl") == 0)
			tok->attrs[i].name = base_atoms_intern(&tb->doc->atoms, "definitionURL", 13);
}

void html_adjust_svg_attributes(struct html_tree *tb, struct html_token *tok)
{
	for (size_t i = 0; i < tok->attr_count; i++) {
		const char *to = fix_name(svg_attr_fixes, BASE_ARRAY_LEN(svg_attr_fixes), tok->attrs[i].name);
		if (to)
			tok->attrs[i].name = base_atoms_intern(&tb->doc->atoms, to, strlen(to));
	}
}

void html_adjust_foreign_attributes(struct html_tree *tb, struct html_token *tok)
{
	for (size_t i = 0; i < tok->attr_count; i++) {
		for (size_t j = 0; j < BASE_ARRAY_LEN(foreign_attrs); j++) {
			if (strcmp(tok->attrs[i].name, foreign_attrs[j].name) == 0) {
				const char *local = foreign_attrs[j].local;
				tok->attrs[i].name = base_atoms_intern(&tb->doc->atoms, local, strlen(local));
				tok->attrs[i].prefix = foreign_attrs[j].prefix;
				tok->attrs[i].ns = foreign_attrs[j].ns;
				break;
			}
		}
	}
}

bool html_is_mathml_text_integration_point(const struct html_node *n)
{
	return n->ns == HTML_NS_MATHML && (n->tag == HTML_TAG_MI || n->tag == HTML_TAG_MO || n->tag == HTML_TAG_MN ||
					   n->tag == HTML_TAG_MS || n->tag == HTML_TAG_MTEXT);
}

bool html_is_html_integration_point(const struct html_node *n)
{
	if (n->ns == HTML_NS_MATHML && n->tag == HTML_TAG_ANNOTATION_XML) {
		const char *enc = html_element_attr_value(n, "encoding");
		return enc && (base_ascii_ieq_lit(enc, strlen(enc), "text/html") ||
			       base_ascii_ieq_lit(enc, strlen(enc), "application/xhtml+xml"));
	}
	return n->ns == HTML_NS_SVG &&
	       (n->tag == HTML_TAG_FOREIGNOBJECT || n->tag == HTML_TAG_DESC || n->tag == HTML_TAG_TITLE);
}

/* Start tags that break out of foreign content back to HTML. */
static bool breaks_out(const struct html_token *tok)
{
	switch (tok->tag) {
	case HTML_TAG_B: case HTML_TAG_BIG: case HTML_TAG_BLOCKQUOTE: case HTML_TAG_BODY: case HTML_TAG_BR:
	case HTML_TAG_CENTER: case HTML_TAG_CODE: case HTML_TAG_DD: case HTML_TAG_DIV: case HTML_TAG_DL:
	case HTML_TAG_DT: case HTML_TAG_EM: case HTML_TAG_EMBED: case HTML_TAG_H1: case HTML_TAG_H2:
	case HTML_TAG_H3: case HTML_TAG_H4: case HTML_TAG_H5: case HTML_TAG_H6: case HTML_TAG_HEAD:
	case HTML_TAG_HR: case HTML_TAG_I: case HTML_TAG_IMG: case HTML_TAG_LI: case HTML_TAG_LISTING:
	case HTML_TAG_MENU: case HTML_TAG_META: case HTML_TAG_NOBR: case HTML_TAG_OL: case HTML_TAG_P:
	case HTML_TAG_PRE: case HTML_TAG_RUBY: case HTML_TAG_S: case HTML_TAG_SMALL: case HTML_TAG_SPAN:
	case HTML_TAG_STRONG: case HTML_TAG_STRIKE: case HTML_TAG_SUB: case HTML_TAG_SUP: case HTML_TAG_TABLE:
	case HTML_TAG_TT: case HTML_TAG_U: case HTML_TAG_UL: case HTML_TAG_VAR:
		return true;
	case HTML_TAG_FONT:
		for (size_t i = 0; i < tok->attr_count; i++) {
			const char *n = tok->attrs[i].name;
			if (strcmp(n, "color") == 0 || strcmp(n, "face") == 0 || strcmp(n, "size") == 0)
				return true;
		}
		return false;
	default:
		return false;
	}
}

static bool name_ieq(const char *a, const char *b, size_t bn)
{
	return base_ascii_ieq(a, strlen(a), b, bn);
}

static void foreign_chars(struct html_tree *tb, struct html_token *tok)
{
	const char *p = tok->data, *end = tok->data + tok->len;
	while (p < end) {
		if (*p == 0) {
			html_tree_error(tb, "unexpected-null-character");
			html_insert_chars(tb, "\xEF\xBF\xBD", 3);
			p++;
			continue;
		}
		const char *q = memchr(p, 0, (size_t)(end - p));
		if (!q)
			q = end;
		html_insert_chars(tb, p, (size_t)(q - p));
		for (const char *r = p; r < q && tb->frameset_ok; r++)
			if (!(*r == ' ' || *r == '\t' || *r == '\n' || *r == '\f' || *r == '\r'))
				tb->frameset_ok = false;
		p = q;
	}
}

/* §13.2.6.5 */
void html_foreign_content(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		foreign_chars(tb, tok);
		return;
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, NULL);
		return;
	case HTML_TOKEN_DOCTYPE:
		html_tree_error(tb, "unexpected-doctype");
		return;
	case HTML_TOKEN_START_TAG: {
		if (breaks_out(tok)) {
			html_tree_error(tb, "unexpected-html-element-in-foreign-content");
			while (tb->depth > 1) {
				struct html_node *n = html_current(tb);
				if (n->ns == HTML_NS_HTML || html_is_mathml_text_integration_point(n) ||
				    html_is_html_integration_point(n))
					break;
				html_pop(tb);
			}
			html_tree_reprocess(tb, tok);
			return;
		}
		struct html_node *adj = html_adjusted_current(tb);
		enum html_namespace ns = adj->ns;
		struct html_token t = *tok;
		if (ns == HTML_NS_MATHML)
			html_adjust_mathml_attributes(tb, &t);
		else if (ns == HTML_NS_SVG) {
			const char *fixed = fix_name(svg_tag_fixes, BASE_ARRAY_LEN(svg_tag_fixes), t.name);
			if (fixed) {
				t.name_len = strlen(fixed);
				t.tag = html_tag_lookup_hashed(fixed, t.name_len);
				t.name = t.tag != HTML_TAG_UNKNOWN ? html_tag_names[t.tag]
								   : base_atoms_intern(&tb->doc->atoms, fixed, t.name_len);
			}
			html_adjust_svg_attributes(tb, &t);
		}
		html_adjust_foreign_attributes(tb, &t);
		html_insert_foreign_element(tb, &t, ns, false);
		if (t.self_closing) {
			html_pop(tb);
			tok->self_closing_acknowledged = true;
		}
		return;
	}
	case HTML_TOKEN_END_TAG: {
		if (tok->tag == HTML_TAG_BR || tok->tag == HTML_TAG_P) {
			html_tree_error(tb, "unexpected-html-element-in-foreign-content");
			while (tb->depth > 1) {
				struct html_node *n = html_current(tb);
				if (n->ns == HTML_NS_HTML || html_is_mathml_text_integration_point(n) ||
				    html_is_html_integration_point(n))
					break;
				html_pop(tb);
			}
			html_tree_reprocess(tb, tok);
			return;
		}
		size_t i = tb->depth - 1;
		struct html_node *node = tb->stack[i];
		if (!name_ieq(node->local_name, tok->name, tok->name_len))
			html_tree_error(tb, "unexpected-end-tag");
		for (;;) {
			if (i == 0)
				return;
			if (name_ieq(node->local_name, tok->name, tok->name_len)) {
				html_pop_until_node(tb, node);
				return;
			}
			i--;
			node = tb->stack[i];
			if (node->ns == HTML_NS_HTML) {
				html_tree_reprocess(tb, tok);
				return;
			}
		}
	}
	case HTML_TOKEN_EOF:
		return;
	}
}
