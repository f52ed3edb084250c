/* html_parse_xml(): XHTML with expat.
 * https://html.spec.whatwg.org/multipage/xhtml.html#parsing-xhtml-documents
 *
 * Namespaces map to the DOM's (XHTML, SVG, MathML, XLink, XML); CDATA
 * sections become text; <?xml-stylesheet href?> in the prolog is recorded;
 * HTML named character references work through a generated external DTD
 * that declares every one of them (expat asks for it because the parser
 * is told to use a foreign DTD). A well-formedness error leaves an error
 * page: html > body > p with the message, and fatal_error set. */
#include "html/dom.h"
#include "html/entities.h"
#include "html/legacy.h"
#include "html/tags.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>

#define NS_SEP '\x01'

struct xml_builder {
	struct html_document *doc;
	XML_Parser parser;
	struct html_node **stack;
	size_t depth, cap;
	struct base_buf text;
	struct html_node *text_parent;
	bool seen_root;
	bool undefined_entity;
	struct base_vec stylesheets;
};

static const struct {
	const char *uri;
	enum html_namespace ns;
	const char *prefix;
} namespaces[] = {
	{"http://www.w3.org/1999/xhtml", HTML_NS_HTML, NULL},
	{"http://www.w3.org/2000/svg", HTML_NS_SVG, NULL},
	{"http://www.w3.org/1998/Math/MathML", HTML_NS_MATHML, NULL},
	{"http://www.w3.org/1999/xlink", HTML_NS_XLINK, "xlink"},
	{"http://www.w3.org/XML/1998/namespace", HTML_NS_XML, "xml"},
	{"http://www.w3.org/2000/xmlns/", HTML_NS_XMLNS, "xmlns"},
};

/* Splits expat's "uri\x01local" into namespace and local name. */
static const char *split_name(const char *name, enum html_namespace *ns, const char **prefix, size_t *local_len)
{
	const char *sep = strchr(name, NS_SEP);
	*ns = HTML_NS_NONE;
	*prefix = NULL;
	if (!sep) {
		*local_len = strlen(name);
		return name;
	}
	size_t ulen = (size_t)(sep - name);
	for (size_t i = 0; i < BASE_ARRAY_LEN(namespaces); i++) {
		if (strlen(namespaces[i].uri) == ulen && memcmp(namespaces[i].uri, name, ulen) == 0) {
			*ns = namespaces[i].ns;
			*prefix = namespaces[i].prefix;
			break;
		}
	}
	*local_len = strlen(sep + 1);
	return sep + 1;
}

static struct html_node *new_node(struct xml_builder *b, enum html_node_type type)
{
	struct html_node *n = base_arena_calloc(&b->doc->arena, 1, sizeof *n);
	n->type = type;
	n->element_index = UINT32_MAX;
	return n;
}

static void append(struct html_node *parent, struct html_node *child)
{
	child->parent = parent;
	child->prev_sibling = parent->last_child;
	if (parent->last_child)
		parent->last_child->next_sibling = child;
	else
		parent->first_child = child;
	parent->last_child = child;
}

/* Where children go: the current element, or a template's contents. */
static struct html_node *insertion_parent(struct xml_builder *b)
{
	struct html_node *cur = b->depth ? b->stack[b->depth - 1] : b->doc->root;
	return cur->template_content ? cur->template_content : cur;
}

static void flush_text(struct xml_builder *b)
{
	if (!b->text.len)
		return;
	struct html_node *parent = insertion_parent(b);
	if (parent->type != HTML_NODE_DOCUMENT) {
		struct html_node *t = new_node(b, HTML_NODE_TEXT);
		t->data = base_arena_strndup(&b->doc->arena, b->text.data, b->text.len);
		t->data_len = b->text.len;
		append(parent, t);
	}
	base_buf_clear(&b->text);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xml_builder *b = ud;
	flush_text(b);
	enum html_namespace ns;
	const char *prefix;
	size_t n;
	const char *local = split_name(name, &ns, &prefix, &n);
	struct html_node *el = new_node(b, HTML_NODE_ELEMENT);
	enum html_tag tag = html_tag_lookup(local, n);
	el->ns = ns;
	el->tag = html_tag_in_namespace(tag, ns) ? tag : HTML_TAG_UNKNOWN;
	el->local_name = tag != HTML_TAG_UNKNOWN ? html_tag_name(tag) : base_atoms_intern(&b->doc->atoms, local, n);
	size_t count = 0;
	while (atts[count * 2])
		count++;
	if (count) {
		el->attrs = base_arena_calloc(&b->doc->arena, count, sizeof *el->attrs);
		for (size_t i = 0; i < count; i++) {
			struct html_attr *a = &el->attrs[i];
			size_t an;
			const char *alocal = split_name(atts[i * 2], &a->ns, &a->prefix, &an);
			a->name = base_atoms_intern(&b->doc->atoms, alocal, an);
			a->value_len = strlen(atts[i * 2 + 1]);
			a->value = base_arena_strndup(&b->doc->arena, atts[i * 2 + 1], a->value_len);
		}
		el->attr_count = count;
	}
	if (ns == HTML_NS_HTML && el->tag == HTML_TAG_TEMPLATE)
		el->template_content = new_node(b, HTML_NODE_FRAGMENT);
	append(insertion_parent(b), el);
	if (b->depth == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->stack = base_xrealloc(b->stack, b->cap * sizeof *b->stack);
	}
	b->stack[b->depth++] = el;
	b->seen_root = true;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xml_builder *b = ud;
	(void)name;
	flush_text(b);
	if (b->depth)
		b->depth--;
}

static void XMLCALL on_chars(void *ud, const XML_Char *s, int len)
{
	struct xml_builder *b = ud;
	base_buf_append(&b->text, s, (size_t)len);
}

static void XMLCALL on_comment(void *ud, const XML_Char *data)
{
	struct xml_builder *b = ud;
	flush_text(b);
	struct html_node *c = new_node(b, HTML_NODE_COMMENT);
	c->data_len = strlen(data);
	c->data = base_arena_strndup(&b->doc->arena, data, c->data_len);
	append(insertion_parent(b), c);
}

/* The href pseudo-attribute of an xml-stylesheet processing instruction.
 * https://www.w3.org/TR/xml-stylesheet/ */
static void XMLCALL on_pi(void *ud, const XML_Char *target, const XML_Char *data)
{
	struct xml_builder *b = ud;
	if (strcmp(target, "xml-stylesheet") != 0 || b->seen_root)
		return;
	const char *p = data;
	while (*p) {
		while (base_is_ascii_ws(*p))
			p++;
		const char *name = p;
		while (*p && *p != '=' && !base_is_ascii_ws(*p))
			p++;
		size_t name_len = (size_t)(p - name);
		while (base_is_ascii_ws(*p))
			p++;
		if (*p != '=')
			return;
		p++;
		while (base_is_ascii_ws(*p))
			p++;
		if (*p != '"' && *p != '\'')
			return;
		char q = *p++;
		const char *value = p;
		while (*p && *p != q)
			p++;
		if (!*p)
			return;
		if (name_len == 4 && memcmp(name, "href", 4) == 0) {
			base_vec_push(&b->stylesheets, base_arena_strndup(&b->doc->arena, value, (size_t)(p - value)));
			return;
		}
		p++;
	}
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal_subset)
{
	struct xml_builder *b = ud;
	(void)has_internal_subset;
	struct html_node *d = new_node(b, HTML_NODE_DOCTYPE);
	d->doctype_name = base_arena_strdup(&b->doc->arena, name ? name : "");
	d->public_id = pubid ? base_arena_strdup(&b->doc->arena, pubid) : NULL;
	d->system_id = sysid ? base_arena_strdup(&b->doc->arena, sysid) : NULL;
	append(b->doc->root, d);
}

/* The external DTD expat asks for: every HTML named character reference
 * (those ending in ";") as an internal entity. */
static int XMLCALL on_external_entity(XML_Parser parser, const XML_Char *context, const XML_Char *base,
				      const XML_Char *system_id, const XML_Char *public_id)
{
	(void)base;
	(void)system_id;
	(void)public_id;
	XML_Parser sub = XML_ExternalEntityParserCreate(parser, context, NULL);
	if (!sub)
		return XML_STATUS_ERROR;
	struct base_buf dtd = {0};
	for (size_t i = 0; i < html_entity_count; i++) {
		const struct html_entity *e = &html_entities[i];
		if (e->name[e->len - 1] != ';')
			continue;
		/* lt, amp... are predefined (redeclaring them needs double escaping). */
		if ((e->len == 3 && (memcmp(e->name, "lt", 2) == 0 || memcmp(e->name, "gt", 2) == 0)) ||
		    (e->len == 4 && memcmp(e->name, "amp", 3) == 0) ||
		    (e->len == 5 && (memcmp(e->name, "quot", 4) == 0 || memcmp(e->name, "apos", 4) == 0)))
			continue;
		base_buf_printf(&dtd, "<!ENTITY %.*s \"&#%u;", (int)e->len - 1, e->name, e->cp[0]);
		if (e->cp[1])
			base_buf_printf(&dtd, "&#%u;", e->cp[1]);
		base_buf_puts(&dtd, "\">\n");
	}
	enum XML_Status st = XML_Parse(sub, dtd.data, (int)dtd.len, XML_TRUE);
	base_buf_free(&dtd);
	XML_ParserFree(sub);
	return st == XML_STATUS_OK ? XML_STATUS_OK : XML_STATUS_ERROR;
}

/* A reference to an entity nobody declared: a well-formedness error for
 * a browser, though expat lets it pass when a DTD is in play. */
static void XMLCALL on_skipped_entity(void *ud, const XML_Char *name, int is_parameter_entity)
{
	struct xml_builder *b = ud;
	(void)name;
	if (is_parameter_entity)
		return;
	b->undefined_entity = true;
	XML_StopParser(b->parser, XML_FALSE);
}

/* Single-byte legacy encodings expat does not know, from our tables. */
static int XMLCALL on_unknown_encoding(void *data, const XML_Char *name, XML_Encoding *info)
{
	(void)data;
	const struct html_encoding *enc = html_encoding_for_label(name, strlen(name));
	if (!enc || (enc->kind != HTML_ENC_SINGLE_BYTE && enc->kind != HTML_ENC_X_USER_DEFINED))
		return XML_STATUS_ERROR;
	uint32_t table[128];
	html_single_byte_table(enc, table);
	for (int i = 0; i < 128; i++)
		info->map[i] = i;
	for (int i = 0; i < 128; i++)
		info->map[128 + i] = table[i] == 0xFFFD ? -1 : (int)table[i];
	info->data = NULL;
	info->convert = NULL;
	info->release = NULL;
	return XML_STATUS_OK;
}

static void XMLCALL on_xml_decl(void *ud, const XML_Char *version, const XML_Char *encoding, int standalone)
{
	struct xml_builder *b = ud;
	(void)version;
	(void)standalone;
	if (encoding) {
		const struct html_encoding *e = html_encoding_for_label(encoding, strlen(encoding));
		if (e)
			b->doc->encoding = e->name;
	}
}

/* Replaces whatever was built with html > body > p saying what failed. */
static void error_page(struct xml_builder *b, const char *message)
{
	struct html_document *doc = b->doc;
	doc->root = new_node(b, HTML_NODE_DOCUMENT);
	const enum html_tag tags[] = {HTML_TAG_HTML, HTML_TAG_BODY, HTML_TAG_P};
	struct html_node *parent = doc->root;
	for (size_t i = 0; i < BASE_ARRAY_LEN(tags); i++) {
		struct html_node *el = new_node(b, HTML_NODE_ELEMENT);
		el->ns = HTML_NS_HTML;
		el->tag = tags[i];
		el->local_name = html_tag_name(tags[i]);
		append(parent, el);
		parent = el;
	}
	struct html_node *t = new_node(b, HTML_NODE_TEXT);
	t->data = message;
	t->data_len = strlen(message);
	append(parent, t);
	doc->xml_stylesheet_count = 0;
}

struct html_document *html_parse_xml(const char *bytes, size_t len, const char **why)
{
	if (len > ((size_t)1 << 30) || len > (size_t)INT32_MAX) {
		if (why)
			*why = "input larger than 1 GiB";
		return NULL;
	}
	struct html_document *doc = html_document_new();
	doc->is_xml = true;
	doc->quirks = HTML_NO_QUIRKS;
	struct xml_builder b = {.doc = doc};
	doc->root = new_node(&b, HTML_NODE_DOCUMENT);
	XML_Parser p = XML_ParserCreateNS(NULL, NS_SEP);
	if (!p)
		base_oom();
	b.parser = p;
	XML_SetUserData(p, &b);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_chars);
	XML_SetCommentHandler(p, on_comment);
	XML_SetProcessingInstructionHandler(p, on_pi);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetXmlDeclHandler(p, on_xml_decl);
	XML_SetUnknownEncodingHandler(p, on_unknown_encoding, NULL);
	XML_SetSkippedEntityHandler(p, on_skipped_entity);
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_ALWAYS);
	XML_SetExternalEntityRefHandler(p, on_external_entity);
	XML_UseForeignDTD(p, XML_TRUE);
	if (XML_Parse(p, bytes, (int)len, XML_TRUE) == XML_STATUS_ERROR) {
		const char *msg = base_arena_printf(&doc->arena, "XML parse error at line %lu, column %lu: %s",
						    (unsigned long)XML_GetCurrentLineNumber(p),
						    (unsigned long)XML_GetCurrentColumnNumber(p) + 1,
						    XML_ErrorString(b.undefined_entity ? XML_ERROR_UNDEFINED_ENTITY
										       : XML_GetErrorCode(p)));
		doc->fatal_error = msg;
		error_page(&b, msg);
	} else {
		flush_text(&b);
		if (b.stylesheets.len) {
			doc->xml_stylesheets = base_arena_memdup(&doc->arena, b.stylesheets.items,
								 b.stylesheets.len * sizeof(char *));
			doc->xml_stylesheet_count = b.stylesheets.len;
		}
	}
	XML_ParserFree(p);
	free(b.stack);
	base_buf_free(&b.text);
	base_vec_free(&b.stylesheets);
	html_dom_finish(doc);
	return doc;
}
