/* html: bytes to DOM. The WHATWG HTML parser, the XHTML (expat) parser, the
 * DOM they build, and its serialisations.
 *
 * Ownership: a struct html_document owns every node, attribute and string of
 * its tree in its arena; html_document_free() releases all of it. Nodes are
 * never freed one by one. Once parsing returns, the tree is immutable and may
 * be read from any number of threads. */
#ifndef WEFT_HTML_H
#define WEFT_HTML_H

#include "base/base.h"

#include <stdio.h>

enum html_node_type {
	HTML_NODE_DOCUMENT,
	HTML_NODE_DOCTYPE,
	HTML_NODE_ELEMENT,
	HTML_NODE_TEXT,
	HTML_NODE_COMMENT,
	HTML_NODE_FRAGMENT, /* template contents and fragment-parsing roots */
};

enum html_namespace {
	HTML_NS_NONE,
	HTML_NS_HTML,
	HTML_NS_SVG,
	HTML_NS_MATHML,
	HTML_NS_XLINK,
	HTML_NS_XML,
	HTML_NS_XMLNS,
};

/* Known element names. Each has a static interned name (html_tag_name())
 * so that comparing local names of known tags is a pointer comparison in
 * every document; HTML_TAG_UNKNOWN elements carry their own interned name. */
#define HTML_TAG_LIST(X)                                                                           \
	X(A, "a") X(ABBR, "abbr") X(ADDRESS, "address") X(APPLET, "applet") X(AREA, "area")        \
	X(ARTICLE, "article") X(ASIDE, "aside") X(AUDIO, "audio") X(B, "b") X(BASE, "base")        \
	X(BASEFONT, "basefont") X(BDI, "bdi") X(BDO, "bdo") X(BGSOUND, "bgsound") X(BIG, "big")    \
	X(BLOCKQUOTE, "blockquote") X(BODY, "body") X(BR, "br") X(BUTTON, "button")                \
	X(CANVAS, "canvas") X(CAPTION, "caption") X(CENTER, "center") X(CITE, "cite")              \
	X(CODE, "code") X(COL, "col") X(COLGROUP, "colgroup") X(DATA, "data")                      \
	X(DATALIST, "datalist") X(DD, "dd") X(DEL, "del") X(DETAILS, "details") X(DFN, "dfn")      \
	X(DIALOG, "dialog") X(DIR, "dir") X(DIV, "div") X(DL, "dl") X(DT, "dt") X(EM, "em")        \
	X(EMBED, "embed") X(FIELDSET, "fieldset") X(FIGCAPTION, "figcaption")                      \
	X(FIGURE, "figure") X(FONT, "font") X(FOOTER, "footer") X(FORM, "form")                    \
	X(FRAME, "frame") X(FRAMESET, "frameset") X(H1, "h1") X(H2, "h2") X(H3, "h3")              \
	X(H4, "h4") X(H5, "h5") X(H6, "h6") X(HEAD, "head") X(HEADER, "header")                    \
	X(HGROUP, "hgroup") X(HR, "hr") X(HTML, "html") X(I, "i") X(IFRAME, "iframe")              \
	X(IMAGE, "image") X(IMG, "img") X(INPUT, "input") X(INS, "ins") X(KBD, "kbd")              \
	X(KEYGEN, "keygen") X(LABEL, "label") X(LEGEND, "legend") X(LI, "li") X(LINK, "link")      \
	X(LISTING, "listing") X(MAIN, "main") X(MAP, "map") X(MARK, "mark")                        \
	X(MARQUEE, "marquee") X(MENU, "menu") X(META, "meta") X(METER, "meter") X(NAV, "nav")      \
	X(NOBR, "nobr") X(NOEMBED, "noembed") X(NOFRAMES, "noframes") X(NOSCRIPT, "noscript")      \
	X(OBJECT, "object") X(OL, "ol") X(OPTGROUP, "optgroup") X(OPTION, "option")                \
	X(OUTPUT, "output") X(P, "p") X(PARAM, "param") X(PICTURE, "picture")                      \
	X(PLAINTEXT, "plaintext") X(PRE, "pre") X(PROGRESS, "progress") X(Q, "q") X(RB, "rb")      \
	X(RP, "rp") X(RT, "rt") X(RTC, "rtc") X(RUBY, "ruby") X(S, "s") X(SAMP, "samp")            \
	X(SCRIPT, "script") X(SEARCH, "search") X(SECTION, "section") X(SELECT, "select")          \
	X(SLOT, "slot") X(SMALL, "small") X(SOURCE, "source") X(SPAN, "span")                      \
	X(STRIKE, "strike") X(STRONG, "strong") X(STYLE, "style") X(SUB, "sub")                    \
	X(SUMMARY, "summary") X(SUP, "sup") X(TABLE, "table") X(TBODY, "tbody") X(TD, "td")        \
	X(TEMPLATE, "template") X(TEXTAREA, "textarea") X(TFOOT, "tfoot") X(TH, "th")              \
	X(THEAD, "thead") X(TIME, "time") X(TITLE, "title") X(TR, "tr") X(TRACK, "track")          \
	X(TT, "tt") X(U, "u") X(UL, "ul") X(VAR, "var") X(VIDEO, "video") X(WBR, "wbr")            \
	X(XMP, "xmp")                                                                              \
	/* SVG and MathML names the tree builder tests */                                          \
	X(SVG, "svg") X(MATH, "math") X(FOREIGNOBJECT, "foreignObject") X(DESC, "desc")            \
	X(MI, "mi") X(MO, "mo") X(MN, "mn") X(MS, "ms") X(MTEXT, "mtext")                          \
	X(ANNOTATION_XML, "annotation-xml") X(MGLYPH, "mglyph") X(MALIGNMARK, "malignmark")

enum html_tag {
	HTML_TAG_UNKNOWN = 0,
#define HTML_TAG_ENUM(id, name) HTML_TAG_##id,
	HTML_TAG_LIST(HTML_TAG_ENUM)
#undef HTML_TAG_ENUM
	HTML_TAG_COUNT
};

/* The static interned name of a known tag. */
const char *html_tag_name(enum html_tag tag);
/* Looks up a lower-case (or SVG camel-case) name; HTML_TAG_UNKNOWN if none. */
enum html_tag html_tag_lookup(const char *name, size_t len);

struct html_attr {
	enum html_namespace ns; /* HTML_NS_NONE for ordinary attributes */
	const char *prefix; /* "xlink", "xml", "xmlns" or NULL */
	const char *name; /* local name, interned in the document */
	const char *value; /* NUL-terminated */
	size_t value_len;
};

enum html_quirks_mode {
	HTML_NO_QUIRKS,
	HTML_LIMITED_QUIRKS,
	HTML_QUIRKS,
};

struct html_node {
	enum html_node_type type;
	/* Document order, 0 for the document; elements only are numbered
	 * consecutively in element_index (0, 1, 2...) for the style system's
	 * side tables. Nodes inside template contents are not numbered and get
	 * UINT32_MAX. */
	uint32_t element_index;
	struct html_node *parent;
	struct html_node *first_child;
	struct html_node *last_child;
	struct html_node *prev_sibling;
	struct html_node *next_sibling;

	/* HTML_NODE_ELEMENT */
	enum html_namespace ns;
	enum html_tag tag; /* HTML_TAG_UNKNOWN when not a known name in ns */
	const char *local_name; /* interned: html_tag_name(tag) for known tags */
	struct html_attr *attrs;
	size_t attr_count;
	struct html_node *template_content; /* <template> contents fragment */

	/* HTML_NODE_TEXT and HTML_NODE_COMMENT: NUL-terminated UTF-8 */
	const char *data;
	size_t data_len;

	/* HTML_NODE_DOCTYPE */
	const char *doctype_name;
	const char *public_id; /* NULL when missing */
	const char *system_id; /* NULL when missing */
};

struct html_parse_error {
	unsigned line;
	unsigned column;
	const char *code; /* the spec's error code, e.g. "unexpected-null-character" */
};

struct html_document {
	struct html_node *root; /* HTML_NODE_DOCUMENT (or FRAGMENT for fragments) */
	struct html_node *document_element; /* <html>, or NULL */
	enum html_quirks_mode quirks;
	const char *encoding; /* the encoding the bytes were decoded with */
	bool is_xml;
	/* Elements in document order: elements[i]->element_index == i. */
	struct html_node **elements;
	size_t element_count;
	struct html_parse_error *errors;
	size_t error_count;
	/* XHTML well-formedness failure: the document is an error page and
	 * this says why, with line and column. NULL when parsing succeeded. */
	const char *fatal_error;
	/* <?xml-stylesheet href?> targets, in order (XHTML only). */
	const char **xml_stylesheets;
	size_t xml_stylesheet_count;
	struct base_atoms atoms;
	struct base_arena arena;
};

struct html_parse_options {
	bool scripting; /* false in this engine; html5lib #script-on tests set it */
	bool collect_errors;
	/* Fragment parsing: context element name (e.g. "td", "svg path") or
	 * NULL for a whole document. */
	const char *fragment_context;
	/* Encoding given by the caller (transport layer); NULL to sniff. */
	const char *encoding;
};

/* Parses a whole HTML document from bytes (any supported encoding).
 * Never fails on malformed input; returns NULL only for absurd inputs it
 * refuses, with *why set. */
struct html_document *html_parse(const char *bytes, size_t len, const struct html_parse_options *opt,
				 const char **why);
/* Parses XHTML with expat. A well-formedness error gives a document whose
 * fatal_error is set and whose tree is an error page saying where. */
struct html_document *html_parse_xml(const char *bytes, size_t len, const char **why);
void html_document_free(struct html_document *doc);

/* Attribute lookup on an element by (interned or not) local name in the
 * null namespace; NULL when absent. */
const struct html_attr *html_element_attr(const struct html_node *el, const char *name);
const char *html_element_attr_value(const struct html_node *el, const char *name);
/* The document's <title> text, whitespace-collapsed, or NULL. */
char *html_document_title(const struct html_document *doc, struct base_arena *a);

/* Serialisations. */
enum html_dump_format {
	HTML_DUMP_TREE, /* readable indented tree */
	HTML_DUMP_HTML5LIB, /* html5lib-tests "#document" format */
	HTML_DUMP_HTML, /* the HTML fragment serialisation algorithm */
};
void html_dump(const struct html_document *doc, enum html_dump_format fmt, struct base_buf *out);
/* html5lib tokenizer-test JSON output for the tokens of the input. */
void html_dump_tokens(const char *bytes, size_t len, struct base_buf *out);

#endif
