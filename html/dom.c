/* The DOM built by the parsers: finishing a document (element numbering),
 * attribute lookup, the title, freeing. All traversals are iterative, so
 * arbitrarily deep trees are safe. */
#include "html/dom.h"

#include <stdlib.h>
#include <string.h>

struct html_node *html_dom_next(const struct html_node *root, const struct html_node *n)
{
	if (n->first_child)
		return n->first_child;
	while (n && n != root) {
		if (n->next_sibling)
			return n->next_sibling;
		n = n->parent;
	}
	return NULL;
}

void html_dom_finish(struct html_document *doc)
{
	size_t count = 0;
	for (struct html_node *n = doc->root; n; n = html_dom_next(doc->root, n))
		if (n->type == HTML_NODE_ELEMENT)
			count++;
	doc->elements = base_arena_alloc(&doc->arena, (count ? count : 1) * sizeof *doc->elements);
	doc->element_count = 0;
	for (struct html_node *n = doc->root; n; n = html_dom_next(doc->root, n)) {
		if (n->type == HTML_NODE_ELEMENT) {
			n->element_index = (uint32_t)doc->element_count;
			doc->elements[doc->element_count++] = n;
		} else if (n == doc->root)
			n->element_index = 0;
	}
	doc->document_element = NULL;
	if (doc->root->type != HTML_NODE_DOCUMENT)
		return;
	for (struct html_node *c = doc->root->first_child; c; c = c->next_sibling)
		if (c->type == HTML_NODE_ELEMENT) {
			doc->document_element = c;
			break;
		}
}

void html_dom_finish_ordered(struct html_document *doc, struct html_node **created, size_t count)
{
	doc->elements = base_arena_alloc(&doc->arena, (count ? count : 1) * sizeof *doc->elements);
	doc->element_count = 0;
	for (size_t i = 0; i < count; i++) {
		struct html_node *el = created[i];
		if (el->element_index == UINT32_MAX)
			continue;
		el->element_index = (uint32_t)doc->element_count;
		doc->elements[doc->element_count++] = el;
	}
	doc->root->element_index = 0;
	doc->document_element = NULL;
	for (struct html_node *c = doc->root->first_child; c; c = c->next_sibling)
		if (c->type == HTML_NODE_ELEMENT) {
			doc->document_element = c;
			break;
		}
}

struct html_document *html_document_new(void)
{
	struct html_document *doc = base_xcalloc(1, sizeof *doc);
	base_arena_init(&doc->arena, 64 * 1024);
	base_atoms_init(&doc->atoms);
	doc->encoding = "UTF-8";
	return doc;
}

void html_document_free(struct html_document *doc)
{
	if (!doc)
		return;
	base_atoms_free(&doc->atoms);
	base_arena_free(&doc->arena);
	free(doc);
}

const struct html_attr *html_element_attr(const struct html_node *el, const char *name)
{
	if (!el || el->type != HTML_NODE_ELEMENT)
		return NULL;
	for (size_t i = 0; i < el->attr_count; i++) {
		const struct html_attr *a = &el->attrs[i];
		if (a->ns == HTML_NS_NONE && (a->name == name || strcmp(a->name, name) == 0))
			return a;
	}
	return NULL;
}

const char *html_element_attr_value(const struct html_node *el, const char *name)
{
	const struct html_attr *a = html_element_attr(el, name);
	return a ? a->value : NULL;
}

/* https://html.spec.whatwg.org/multipage/dom.html#document.title */
char *html_document_title(const struct html_document *doc, struct base_arena *a)
{
	const struct html_node *title = NULL;
	for (size_t i = 0; i < doc->element_count; i++) {
		const struct html_node *el = doc->elements[i];
		if (el->tag == HTML_TAG_TITLE && (el->ns == HTML_NS_HTML || el->ns == HTML_NS_SVG)) {
			title = el;
			break;
		}
	}
	if (!title)
		return NULL;
	struct base_buf b = {0};
	bool space = false;
	for (const struct html_node *c = title->first_child; c; c = c->next_sibling) {
		if (c->type != HTML_NODE_TEXT)
			continue;
		for (size_t i = 0; i < c->data_len; i++) {
			char ch = c->data[i];
			if (base_is_ascii_ws(ch)) {
				space = b.len > 0;
				continue;
			}
			if (space)
				base_buf_putc(&b, ' ');
			space = false;
			base_buf_putc(&b, ch);
		}
	}
	char *out = base_arena_strndup(a, b.data ? b.data : "", b.len);
	base_buf_free(&b);
	return out;
}
