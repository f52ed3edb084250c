/* html/dom.h (internal): document construction helpers shared by the HTML
 * and XML parsers. */
#ifndef WEFT_HTML_DOM_H
#define WEFT_HTML_DOM_H

#include "html/html.h"

/* A new empty document (heap struct, arena and atoms initialised). */
struct html_document *html_document_new(void);
/* Numbers the elements (elements[], element_index) and finds the
 * document element, once the tree is complete. */
void html_dom_finish(struct html_document *doc);
/* The same when the elements' creation order is document order: created
 * lists them, template contents marked with element_index UINT32_MAX. */
void html_dom_finish_ordered(struct html_document *doc, struct html_node **created, size_t count);
/* Pre-order successor of n within root (template contents are not
 * entered), or NULL. */
struct html_node *html_dom_next(const struct html_node *root, const struct html_node *n);

#endif
