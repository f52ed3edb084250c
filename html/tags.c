/* Known tag names: the static interned names and their lookup.
 * https://html.spec.whatwg.org/multipage/parsing.html#special */
#include "html/tags.h"

const char *const html_tag_names[HTML_TAG_COUNT] = {
	[HTML_TAG_UNKNOWN] = "",
#define HTML_TAG_NAME(id, name) [HTML_TAG_##id] = name,
	HTML_TAG_LIST(HTML_TAG_NAME)
#undef HTML_TAG_NAME
};

const unsigned char html_tag_name_lens[HTML_TAG_COUNT] = {
	[HTML_TAG_UNKNOWN] = 0,
#define HTML_TAG_LEN(id, name) [HTML_TAG_##id] = sizeof(name) - 1,
	HTML_TAG_LIST(HTML_TAG_LEN)
#undef HTML_TAG_LEN
};

const char *html_tag_name(enum html_tag tag)
{
	return (unsigned)tag < HTML_TAG_COUNT ? html_tag_names[tag] : "";
}

enum html_tag html_tag_lookup(const char *name, size_t len)
{
	return html_tag_lookup_hashed(name, len);
}

bool html_tag_in_namespace(enum html_tag tag, enum html_namespace ns)
{
	switch (ns) {
	case HTML_NS_HTML:
		return tag != HTML_TAG_FOREIGNOBJECT && tag != HTML_TAG_ANNOTATION_XML;
	case HTML_NS_SVG:
		return tag == HTML_TAG_SVG || tag == HTML_TAG_FOREIGNOBJECT || tag == HTML_TAG_DESC ||
		       tag == HTML_TAG_TITLE || tag == HTML_TAG_A || tag == HTML_TAG_STYLE ||
		       tag == HTML_TAG_SCRIPT || tag == HTML_TAG_IMAGE;
	case HTML_NS_MATHML:
		return tag == HTML_TAG_MATH || tag == HTML_TAG_MI || tag == HTML_TAG_MO ||
		       tag == HTML_TAG_MN || tag == HTML_TAG_MS || tag == HTML_TAG_MTEXT ||
		       tag == HTML_TAG_ANNOTATION_XML || tag == HTML_TAG_MGLYPH ||
		       tag == HTML_TAG_MALIGNMARK;
	default:
		return false;
	}
}
