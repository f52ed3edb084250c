/* html_parse(): bytes to DOM. Decodes the input (encoding.c), preprocesses
 * it, runs the tokenizer into the tree builder, and finishes the document;
 * with a context element it runs the HTML fragment parsing algorithm.
 * https://html.spec.whatwg.org/multipage/parsing.html#parsing
 * https://html.spec.whatwg.org/multipage/parsing.html#html-fragment-parsing-algorithm
 *
 * Reentrant: all state lives in the document and on the stack. */
#include "html/dom.h"
#include "html/encoding.h"
#include "html/tags.h"
#include "html/tree.h"

#include <string.h>

/* Inputs above this are refused rather than parsed. */
#define HTML_MAX_INPUT ((size_t)1 << 30)

/* Converts error byte offsets of the preprocessed input into line:column
 * (1-based; columns count UTF-16 code units, as html5lib-tests do). */
static void convert_errors(struct html_document *doc, const char *in, size_t len, const struct html_tokenizer *t)
{
	if (!t->error_count)
		return;
	doc->errors = base_arena_alloc(&doc->arena, t->error_count * sizeof *doc->errors);
	size_t off = 0;
	unsigned line = 1, col = 1;
	for (size_t i = 0; i < t->error_count; i++) {
		size_t target = t->errors[i].offset;
		if (target > len)
			target = len;
		if (target < off) {
			off = 0;
			line = col = 1;
		}
		for (; off < target; off++) {
			unsigned char c = (unsigned char)in[off];
			if (c == '\n') {
				line++;
				col = 1;
			} else if ((c & 0xC0) != 0x80)
				col += c >= 0xF0 ? 2 : 1; /* UTF-16 code units */
		}
		doc->errors[i].line = line;
		doc->errors[i].column = col;
		doc->errors[i].code = t->errors[i].code;
	}
	doc->error_count = t->error_count;
}

/* The context element of a fragment: "td", "svg path", "math mi". */
static struct html_node *make_context(struct html_tree *tb, const char *spec)
{
	enum html_namespace ns = HTML_NS_HTML;
	const char *name = spec;
	if (strncmp(spec, "svg ", 4) == 0) {
		ns = HTML_NS_SVG;
		name = spec + 4;
	} else if (strncmp(spec, "math ", 5) == 0) {
		ns = HTML_NS_MATHML;
		name = spec + 5;
	}
	size_t n = strlen(name);
	enum html_tag tag = html_tag_lookup_hashed(name, n);
	const char *interned = tag != HTML_TAG_UNKNOWN ? html_tag_names[tag] : base_atoms_intern(&tb->doc->atoms, name, n);
	return html_tree_create_element(tb, interned, tag, ns, NULL, 0);
}

static void setup_fragment(struct html_tree *tb, struct html_tokenizer *tok, const char *context)
{
	tb->fragment = true;
	tb->context = make_context(tb, context);
	struct html_node *root = html_tree_create_element(tb, html_tag_names[HTML_TAG_HTML], HTML_TAG_HTML,
							  HTML_NS_HTML, NULL, 0);
	html_tree_append(tb->doc->root, root);
	html_push(tb, root);
	struct html_node *ctx = tb->context;
	if (ctx->ns == HTML_NS_HTML) {
		switch (ctx->tag) {
		case HTML_TAG_TITLE:
		case HTML_TAG_TEXTAREA:
			tok->state = HTML_TS_RCDATA;
			break;
		case HTML_TAG_STYLE:
		case HTML_TAG_XMP:
		case HTML_TAG_IFRAME:
		case HTML_TAG_NOEMBED:
		case HTML_TAG_NOFRAMES:
			tok->state = HTML_TS_RAWTEXT;
			break;
		case HTML_TAG_SCRIPT:
			tok->state = HTML_TS_SCRIPT_DATA;
			break;
		case HTML_TAG_NOSCRIPT:
			if (tb->scripting)
				tok->state = HTML_TS_RAWTEXT;
			break;
		case HTML_TAG_PLAINTEXT:
			tok->state = HTML_TS_PLAINTEXT;
			break;
		case HTML_TAG_TEMPLATE:
			html_push_template_mode(tb, HTML_MODE_IN_TEMPLATE);
			break;
		default:
			break;
		}
	}
	html_reset_insertion_mode(tb);
	tok->cdata_allowed = ctx->ns != HTML_NS_HTML;
}

/* The fragment's nodes are the children of its html root; they become
 * the children of a FRAGMENT node, the document's root. */
static void finish_fragment(struct html_document *doc, struct html_tree *tb)
{
	struct html_node *html = doc->root->first_child;
	struct html_node *frag = html_tree_new_node(tb, HTML_NODE_FRAGMENT);
	while (html && html->first_child) {
		struct html_node *c = html->first_child;
		html_tree_detach(c);
		html_tree_append(frag, c);
	}
	doc->root = frag;
}

struct html_document *html_parse(const char *bytes, size_t len, const struct html_parse_options *opt,
				 const char **why)
{
	if (len > HTML_MAX_INPUT) {
		if (why)
			*why = "input larger than 1 GiB";
		return NULL;
	}
	struct html_parse_options defaults = {0};
	if (!opt)
		opt = &defaults;
	struct html_document *doc = html_document_new();
	size_t text_len;
	const char *text = html_decode_input(doc, bytes, len, opt->encoding, &text_len);

	struct html_tokenizer tok;
	struct html_tree tb;
	html_tokenizer_init(&tok, NULL, 0, &doc->arena, &doc->atoms, html_tree_token, &tb);
	tok.collect_errors = opt->collect_errors;
	text = html_preprocess_input(text, text_len, &text_len, &doc->arena, &tok);
	tok.in = text;
	tok.len = text_len;

	html_tree_init(&tb, doc, &tok);
	tb.scripting = opt->scripting;
	doc->root = html_tree_new_node(&tb, HTML_NODE_DOCUMENT);
	doc->root->element_index = 0;
	if (opt->fragment_context && *opt->fragment_context)
		setup_fragment(&tb, &tok, opt->fragment_context);
	html_tokenizer_run(&tok);
	html_tree_flush_text(&tb);
	if (tb.fragment)
		finish_fragment(doc, &tb);
	if (tb.fragment || tb.reordered)
		html_dom_finish(doc);
	else
		html_dom_finish_ordered(doc, (struct html_node **)tb.created.items, tb.created.len);
	html_tree_finish(&tb);
	convert_errors(doc, text, text_len, &tok);
	html_tokenizer_finish(&tok);
	return doc;
}
