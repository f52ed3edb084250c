/* Serialisations of a document: the html5lib-tests tree format, a readable
 * tree, and the HTML fragment serialisation algorithm.
 * https://html.spec.whatwg.org/multipage/parsing.html#serialising-html-fragments
 *
 * Every walk keeps its own heap stack, so depth is unbounded. */
#include "html/tags.h"

#include <stdlib.h>
#include <string.h>

struct frame {
	const struct html_node *node;
	size_t depth;
	bool exiting; /* serialisation: emit the end tag */
};

struct walk {
	struct frame *items;
	size_t len, cap;
};

static void walk_push(struct walk *w, const struct html_node *n, size_t depth, bool exiting)
{
	if (w->len == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		w->items = base_xrealloc(w->items, w->cap * sizeof *w->items);
	}
	w->items[w->len++] = (struct frame){n, depth, exiting};
}

static void indent(struct base_buf *out, size_t depth)
{
	for (size_t i = 0; i < depth; i++)
		base_buf_append(out, "  ", 2);
}

static const char *ns_prefix(enum html_namespace ns)
{
	return ns == HTML_NS_SVG ? "svg " : ns == HTML_NS_MATHML ? "math " : "";
}

struct named_attr {
	char *name; /* heap: "prefix local" or "local" */
	const struct html_attr *attr;
};

static int cmp_named_attr(const void *a, const void *b)
{
	return strcmp(((const struct named_attr *)a)->name, ((const struct named_attr *)b)->name);
}

static void html5lib_attrs(const struct html_node *n, size_t depth, struct base_buf *out)
{
	if (!n->attr_count)
		return;
	struct named_attr *sorted = base_xmalloc(n->attr_count * sizeof *sorted);
	for (size_t i = 0; i < n->attr_count; i++) {
		const struct html_attr *a = &n->attrs[i];
		struct base_buf b = {0};
		if (a->prefix)
			base_buf_printf(&b, "%s %s", a->prefix, a->name);
		else
			base_buf_puts(&b, a->name);
		sorted[i].name = base_buf_steal(&b);
		sorted[i].attr = a;
	}
	qsort(sorted, n->attr_count, sizeof *sorted, cmp_named_attr);
	for (size_t i = 0; i < n->attr_count; i++) {
		base_buf_append(out, "| ", 2);
		indent(out, depth);
		base_buf_puts(out, sorted[i].name);
		base_buf_append(out, "=\"", 2);
		base_buf_append(out, sorted[i].attr->value, sorted[i].attr->value_len);
		base_buf_append(out, "\"\n", 2);
		free(sorted[i].name);
	}
	free(sorted);
}

/* https://github.com/html5lib/html5lib-tests/tree/master/tree-construction */
static void dump_html5lib(const struct html_document *doc, struct base_buf *out)
{
	struct walk w = {0};
	if (doc->root->first_child)
		walk_push(&w, doc->root->first_child, 0, false);
	while (w.len) {
		struct frame f = w.items[--w.len];
		const struct html_node *n = f.node;
		if (n->next_sibling)
			walk_push(&w, n->next_sibling, f.depth, false);
		base_buf_append(out, "| ", 2);
		indent(out, f.depth);
		switch (n->type) {
		case HTML_NODE_DOCTYPE:
			base_buf_printf(out, "<!DOCTYPE %s", n->doctype_name ? n->doctype_name : "");
			if (n->public_id || n->system_id)
				base_buf_printf(out, " \"%s\" \"%s\"", n->public_id ? n->public_id : "",
						n->system_id ? n->system_id : "");
			base_buf_append(out, ">\n", 2);
			break;
		case HTML_NODE_ELEMENT:
			base_buf_printf(out, "<%s%s>\n", ns_prefix(n->ns), n->local_name);
			html5lib_attrs(n, f.depth + 1, out);
			if (n->first_child)
				walk_push(&w, n->first_child, f.depth + 1, false);
			if (n->template_content) {
				base_buf_append(out, "| ", 2);
				indent(out, f.depth + 1);
				base_buf_puts(out, "content\n");
				if (n->template_content->first_child)
					walk_push(&w, n->template_content->first_child, f.depth + 2, false);
			}
			break;
		case HTML_NODE_TEXT:
			base_buf_putc(out, '"');
			base_buf_append(out, n->data, n->data_len);
			base_buf_append(out, "\"\n", 2);
			break;
		case HTML_NODE_COMMENT:
			base_buf_puts(out, "<!-- ");
			base_buf_append(out, n->data, n->data_len);
			base_buf_puts(out, " -->\n");
			break;
		default:
			base_buf_append(out, "#fragment\n", 10);
			break;
		}
	}
	free(w.items);
}

static void dump_tree(const struct html_document *doc, struct base_buf *out)
{
	static const char *const quirks[] = {"no-quirks", "limited-quirks", "quirks"};
	base_buf_printf(out, "%s (%s, %s)\n", doc->root->type == HTML_NODE_FRAGMENT ? "#fragment" : "#document",
			quirks[doc->quirks], doc->encoding ? doc->encoding : "UTF-8");
	struct walk w = {0};
	if (doc->root->first_child)
		walk_push(&w, doc->root->first_child, 1, false);
	while (w.len) {
		struct frame f = w.items[--w.len];
		const struct html_node *n = f.node;
		if (n->next_sibling)
			walk_push(&w, n->next_sibling, f.depth, false);
		indent(out, f.depth);
		switch (n->type) {
		case HTML_NODE_DOCTYPE:
			base_buf_printf(out, "<!DOCTYPE %s>\n", n->doctype_name ? n->doctype_name : "");
			break;
		case HTML_NODE_ELEMENT:
			base_buf_printf(out, "<%s%s", ns_prefix(n->ns), n->local_name);
			for (size_t i = 0; i < n->attr_count; i++) {
				const struct html_attr *a = &n->attrs[i];
				base_buf_printf(out, " %s%s%s=\"", a->prefix ? a->prefix : "", a->prefix ? ":" : "", a->name);
				base_buf_append(out, a->value, a->value_len);
				base_buf_putc(out, '"');
			}
			base_buf_printf(out, "> #%u\n", n->element_index);
			if (n->first_child)
				walk_push(&w, n->first_child, f.depth + 1, false);
			if (n->template_content) {
				indent(out, f.depth + 1);
				base_buf_puts(out, "#template-contents\n");
				if (n->template_content->first_child)
					walk_push(&w, n->template_content->first_child, f.depth + 2, false);
			}
			break;
		case HTML_NODE_TEXT:
			base_buf_puts(out, "#text \"");
			for (size_t i = 0; i < n->data_len; i++) {
				char c = n->data[i];
				if (c == '\n')
					base_buf_puts(out, "\\n");
				else if (c == '"' || c == '\\') {
					base_buf_putc(out, '\\');
					base_buf_putc(out, c);
				} else
					base_buf_putc(out, c);
			}
			base_buf_append(out, "\"\n", 2);
			break;
		case HTML_NODE_COMMENT:
			base_buf_puts(out, "<!--");
			base_buf_append(out, n->data, n->data_len);
			base_buf_puts(out, "-->\n");
			break;
		default:
			base_buf_puts(out, "#fragment\n");
			break;
		}
	}
	free(w.items);
}

static bool is_void(const struct html_node *n)
{
	if (n->ns != HTML_NS_HTML)
		return false;
	switch (n->tag) {
	case HTML_TAG_AREA: case HTML_TAG_BASE: case HTML_TAG_BASEFONT: case HTML_TAG_BGSOUND: case HTML_TAG_BR:
	case HTML_TAG_COL: case HTML_TAG_EMBED: case HTML_TAG_FRAME: case HTML_TAG_HR: case HTML_TAG_IMG:
	case HTML_TAG_INPUT: case HTML_TAG_KEYGEN: case HTML_TAG_LINK: case HTML_TAG_META: case HTML_TAG_PARAM:
	case HTML_TAG_SOURCE: case HTML_TAG_TRACK: case HTML_TAG_WBR:
		return true;
	default:
		return false;
	}
}

static bool is_raw_text_parent(const struct html_node *p)
{
	if (!p || p->type != HTML_NODE_ELEMENT || p->ns != HTML_NS_HTML)
		return false;
	switch (p->tag) {
	case HTML_TAG_STYLE: case HTML_TAG_SCRIPT: case HTML_TAG_XMP: case HTML_TAG_IFRAME: case HTML_TAG_NOEMBED:
	case HTML_TAG_NOFRAMES: case HTML_TAG_PLAINTEXT:
		return true;
	default:
		return false;
	}
}

/* https://html.spec.whatwg.org/multipage/parsing.html#escapingString */
static void escape(struct base_buf *out, const char *s, size_t n, bool attr)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		size_t skip = 1;
		unsigned char c = (unsigned char)s[i];
		if (c == '&')
			rep = "&amp;";
		else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			rep = "&nbsp;";
			skip = 2;
		} else if (attr && c == '"')
			rep = "&quot;";
		else if (!attr && c == '<')
			rep = "&lt;";
		else if (!attr && c == '>')
			rep = "&gt;";
		if (rep) {
			base_buf_append(out, s + run, i - run);
			base_buf_puts(out, rep);
			i += skip - 1;
			run = i + 1;
		}
	}
	base_buf_append(out, s + run, n - run);
}

static void serialize_attr_name(struct base_buf *out, const struct html_attr *a)
{
	if (a->ns == HTML_NS_XML)
		base_buf_puts(out, "xml:");
	else if (a->ns == HTML_NS_XMLNS && strcmp(a->name, "xmlns") != 0)
		base_buf_puts(out, "xmlns:");
	else if (a->ns == HTML_NS_XLINK)
		base_buf_puts(out, "xlink:");
	else if (a->prefix) {
		base_buf_puts(out, a->prefix);
		base_buf_putc(out, ':');
	}
	base_buf_puts(out, a->name);
}

static void dump_serialize(const struct html_document *doc, struct base_buf *out)
{
	struct walk w = {0};
	if (doc->root->first_child)
		walk_push(&w, doc->root->first_child, 0, false);
	while (w.len) {
		struct frame f = w.items[--w.len];
		const struct html_node *n = f.node;
		if (f.exiting) {
			base_buf_append(out, "</", 2);
			base_buf_puts(out, n->local_name);
			base_buf_putc(out, '>');
			continue;
		}
		if (n->next_sibling)
			walk_push(&w, n->next_sibling, f.depth, false);
		switch (n->type) {
		case HTML_NODE_DOCTYPE:
			base_buf_printf(out, "<!DOCTYPE %s>", n->doctype_name ? n->doctype_name : "");
			break;
		case HTML_NODE_ELEMENT: {
			base_buf_putc(out, '<');
			base_buf_puts(out, n->local_name);
			for (size_t i = 0; i < n->attr_count; i++) {
				base_buf_putc(out, ' ');
				serialize_attr_name(out, &n->attrs[i]);
				base_buf_append(out, "=\"", 2);
				escape(out, n->attrs[i].value, n->attrs[i].value_len, true);
				base_buf_putc(out, '"');
			}
			base_buf_putc(out, '>');
			if (is_void(n))
				break;
			walk_push(&w, n, f.depth, true);
			const struct html_node *kids = n->template_content ? n->template_content : n;
			if (kids->first_child)
				walk_push(&w, kids->first_child, f.depth + 1, false);
			break;
		}
		case HTML_NODE_TEXT:
			if (is_raw_text_parent(n->parent))
				base_buf_append(out, n->data, n->data_len);
			else
				escape(out, n->data, n->data_len, false);
			break;
		case HTML_NODE_COMMENT:
			base_buf_puts(out, "<!--");
			base_buf_append(out, n->data, n->data_len);
			base_buf_puts(out, "-->");
			break;
		default:
			break;
		}
	}
	free(w.items);
}

void html_dump(const struct html_document *doc, enum html_dump_format fmt, struct base_buf *out)
{
	switch (fmt) {
	case HTML_DUMP_HTML5LIB:
		dump_html5lib(doc, out);
		break;
	case HTML_DUMP_TREE:
		dump_tree(doc, out);
		break;
	case HTML_DUMP_HTML:
		dump_serialize(doc, out);
		break;
	}
}
