/* Tree construction machinery shared by the insertion modes: the
 * dispatcher, node insertion (with foster parenting and Text merging), the
 * stack of open elements and its scopes, resetting the insertion mode.
 * https://html.spec.whatwg.org/multipage/parsing.html#tree-construction */
#include "html/tags.h"
#include "html/tree.h"

#include <stdlib.h>
#include <string.h>

enum {
	F_SPECIAL = 1,
	F_SCOPE = 2, /* boundary of "has an element in scope" */
	F_IMPLIED = 4, /* generate implied end tags */
	F_THOROUGH = 8, /* ... thoroughly */
	F_FORMATTING = 16,
};

/* https://html.spec.whatwg.org/multipage/parsing.html#special */
static const unsigned char tag_flags[HTML_TAG_COUNT] = {
	[HTML_TAG_ADDRESS] = F_SPECIAL, [HTML_TAG_APPLET] = F_SPECIAL | F_SCOPE,
	[HTML_TAG_AREA] = F_SPECIAL, [HTML_TAG_ARTICLE] = F_SPECIAL, [HTML_TAG_ASIDE] = F_SPECIAL,
	[HTML_TAG_BASE] = F_SPECIAL, [HTML_TAG_BASEFONT] = F_SPECIAL, [HTML_TAG_BGSOUND] = F_SPECIAL,
	[HTML_TAG_BLOCKQUOTE] = F_SPECIAL, [HTML_TAG_BODY] = F_SPECIAL, [HTML_TAG_BR] = F_SPECIAL,
	[HTML_TAG_BUTTON] = F_SPECIAL, [HTML_TAG_CAPTION] = F_SPECIAL | F_SCOPE | F_THOROUGH,
	[HTML_TAG_CENTER] = F_SPECIAL, [HTML_TAG_COL] = F_SPECIAL,
	[HTML_TAG_COLGROUP] = F_SPECIAL | F_THOROUGH, [HTML_TAG_DD] = F_SPECIAL | F_IMPLIED | F_THOROUGH,
	[HTML_TAG_DETAILS] = F_SPECIAL, [HTML_TAG_DIR] = F_SPECIAL, [HTML_TAG_DIV] = F_SPECIAL,
	[HTML_TAG_DL] = F_SPECIAL, [HTML_TAG_DT] = F_SPECIAL | F_IMPLIED | F_THOROUGH,
	[HTML_TAG_EMBED] = F_SPECIAL, [HTML_TAG_FIELDSET] = F_SPECIAL, [HTML_TAG_FIGCAPTION] = F_SPECIAL,
	[HTML_TAG_FIGURE] = F_SPECIAL, [HTML_TAG_FOOTER] = F_SPECIAL, [HTML_TAG_FORM] = F_SPECIAL,
	[HTML_TAG_FRAME] = F_SPECIAL, [HTML_TAG_FRAMESET] = F_SPECIAL, [HTML_TAG_H1] = F_SPECIAL,
	[HTML_TAG_H2] = F_SPECIAL, [HTML_TAG_H3] = F_SPECIAL, [HTML_TAG_H4] = F_SPECIAL,
	[HTML_TAG_H5] = F_SPECIAL, [HTML_TAG_H6] = F_SPECIAL, [HTML_TAG_HEAD] = F_SPECIAL,
	[HTML_TAG_HEADER] = F_SPECIAL, [HTML_TAG_HGROUP] = F_SPECIAL, [HTML_TAG_HR] = F_SPECIAL,
	[HTML_TAG_HTML] = F_SPECIAL | F_SCOPE, [HTML_TAG_IFRAME] = F_SPECIAL, [HTML_TAG_IMG] = F_SPECIAL,
	[HTML_TAG_INPUT] = F_SPECIAL, [HTML_TAG_KEYGEN] = F_SPECIAL,
	[HTML_TAG_LI] = F_SPECIAL | F_IMPLIED | F_THOROUGH, [HTML_TAG_LINK] = F_SPECIAL,
	[HTML_TAG_LISTING] = F_SPECIAL, [HTML_TAG_MAIN] = F_SPECIAL,
	[HTML_TAG_MARQUEE] = F_SPECIAL | F_SCOPE, [HTML_TAG_MENU] = F_SPECIAL, [HTML_TAG_META] = F_SPECIAL,
	[HTML_TAG_NAV] = F_SPECIAL, [HTML_TAG_NOEMBED] = F_SPECIAL, [HTML_TAG_NOFRAMES] = F_SPECIAL,
	[HTML_TAG_NOSCRIPT] = F_SPECIAL, [HTML_TAG_OBJECT] = F_SPECIAL | F_SCOPE, [HTML_TAG_OL] = F_SPECIAL,
	[HTML_TAG_P] = F_SPECIAL | F_IMPLIED | F_THOROUGH, [HTML_TAG_PARAM] = F_SPECIAL,
	[HTML_TAG_PLAINTEXT] = F_SPECIAL, [HTML_TAG_PRE] = F_SPECIAL, [HTML_TAG_SCRIPT] = F_SPECIAL,
	[HTML_TAG_SEARCH] = F_SPECIAL, [HTML_TAG_SECTION] = F_SPECIAL,
	[HTML_TAG_SOURCE] = F_SPECIAL, [HTML_TAG_STYLE] = F_SPECIAL, [HTML_TAG_SUMMARY] = F_SPECIAL,
	[HTML_TAG_TABLE] = F_SPECIAL | F_SCOPE, [HTML_TAG_TBODY] = F_SPECIAL | F_THOROUGH,
	[HTML_TAG_TD] = F_SPECIAL | F_SCOPE | F_THOROUGH, [HTML_TAG_TEMPLATE] = F_SPECIAL | F_SCOPE,
	[HTML_TAG_TEXTAREA] = F_SPECIAL, [HTML_TAG_TFOOT] = F_SPECIAL | F_THOROUGH,
	[HTML_TAG_TH] = F_SPECIAL | F_SCOPE | F_THOROUGH, [HTML_TAG_THEAD] = F_SPECIAL | F_THOROUGH,
	[HTML_TAG_TITLE] = F_SPECIAL, [HTML_TAG_TR] = F_SPECIAL | F_THOROUGH, [HTML_TAG_TRACK] = F_SPECIAL,
	[HTML_TAG_UL] = F_SPECIAL, [HTML_TAG_WBR] = F_SPECIAL, [HTML_TAG_XMP] = F_SPECIAL,
	[HTML_TAG_OPTGROUP] = F_IMPLIED | F_THOROUGH, [HTML_TAG_OPTION] = F_IMPLIED | F_THOROUGH,
	[HTML_TAG_RB] = F_IMPLIED | F_THOROUGH, [HTML_TAG_RP] = F_IMPLIED | F_THOROUGH,
	[HTML_TAG_RT] = F_IMPLIED | F_THOROUGH, [HTML_TAG_RTC] = F_IMPLIED | F_THOROUGH,
	[HTML_TAG_A] = F_FORMATTING, [HTML_TAG_B] = F_FORMATTING, [HTML_TAG_BIG] = F_FORMATTING,
	[HTML_TAG_CODE] = F_FORMATTING, [HTML_TAG_EM] = F_FORMATTING, [HTML_TAG_FONT] = F_FORMATTING,
	[HTML_TAG_I] = F_FORMATTING, [HTML_TAG_NOBR] = F_FORMATTING, [HTML_TAG_S] = F_FORMATTING,
	[HTML_TAG_SMALL] = F_FORMATTING, [HTML_TAG_STRIKE] = F_FORMATTING, [HTML_TAG_STRONG] = F_FORMATTING,
	[HTML_TAG_TT] = F_FORMATTING, [HTML_TAG_U] = F_FORMATTING,
};

bool html_tag_is_formatting(enum html_tag tag)
{
	return tag_flags[tag] & F_FORMATTING;
}

bool html_tag_implied_end(enum html_tag tag)
{
	return tag_flags[tag] & F_IMPLIED;
}

bool html_is_special(const struct html_node *n)
{
	if (n->ns == HTML_NS_HTML)
		return tag_flags[n->tag] & F_SPECIAL;
	if (n->ns == HTML_NS_MATHML)
		return n->tag == HTML_TAG_MI || n->tag == HTML_TAG_MO || n->tag == HTML_TAG_MN ||
		       n->tag == HTML_TAG_MS || n->tag == HTML_TAG_MTEXT || n->tag == HTML_TAG_ANNOTATION_XML;
	if (n->ns == HTML_NS_SVG)
		return n->tag == HTML_TAG_FOREIGNOBJECT || n->tag == HTML_TAG_DESC || n->tag == HTML_TAG_TITLE;
	return false;
}

void html_tree_init(struct html_tree *tb, struct html_document *doc, struct html_tokenizer *tok)
{
	memset(tb, 0, sizeof *tb);
	tb->doc = doc;
	tb->tok = tok;
	tb->mode = HTML_MODE_INITIAL;
	tb->frameset_ok = true;
}

void html_tree_finish(struct html_tree *tb)
{
	html_tree_flush_text(tb);
	free(tb->stack);
	free(tb->afe);
	free(tb->template_modes);
	base_vec_free(&tb->created);
	base_buf_free(&tb->table_text);
	base_buf_free(&tb->text);
}

void html_tree_error(struct html_tree *tb, const char *code)
{
	if (tb->tok->collect_errors)
		html_tokenizer_error_at(tb->tok, tb->tok->pos ? tb->tok->pos - 1 : 0, code);
}

/* ---- Nodes -------------------------------------------------------------- */

struct html_node *html_tree_new_node(struct html_tree *tb, enum html_node_type type)
{
	/* Every field set here: cheaper than clearing the block first. */
	struct html_node *n = base_arena_alloc(&tb->doc->arena, sizeof *n);
	n->type = type;
	n->element_index = UINT32_MAX;
	n->parent = n->first_child = n->last_child = n->prev_sibling = n->next_sibling = NULL;
	n->ns = HTML_NS_NONE;
	n->tag = HTML_TAG_UNKNOWN;
	n->local_name = NULL;
	n->attrs = NULL;
	n->attr_count = 0;
	n->template_content = NULL;
	n->data = NULL;
	n->data_len = 0;
	n->doctype_name = n->public_id = n->system_id = NULL;
	return n;
}

struct html_node *html_tree_create_element(struct html_tree *tb, const char *name, enum html_tag tag,
					   enum html_namespace ns, struct html_attr *attrs, size_t attr_count)
{
	struct html_node *n = html_tree_new_node(tb, HTML_NODE_ELEMENT);
	n->ns = ns;
	n->tag = html_tag_in_namespace(tag, ns) ? tag : HTML_TAG_UNKNOWN;
	n->local_name = name;
	n->attrs = attrs;
	n->attr_count = attr_count;
	if (ns == HTML_NS_HTML && tag == HTML_TAG_TEMPLATE)
		n->template_content = html_tree_new_node(tb, HTML_NODE_FRAGMENT);
	return n;
}

void html_tree_append(struct html_node *parent, struct html_node *child)
{
	child->parent = parent;
	child->prev_sibling = parent->last_child;
	child->next_sibling = NULL;
	if (parent->last_child)
		parent->last_child->next_sibling = child;
	else
		parent->first_child = child;
	parent->last_child = child;
}

void html_tree_insert_before(struct html_node *parent, struct html_node *child, struct html_node *before)
{
	if (!before) {
		html_tree_append(parent, child);
		return;
	}
	child->parent = parent;
	child->next_sibling = before;
	child->prev_sibling = before->prev_sibling;
	if (before->prev_sibling)
		before->prev_sibling->next_sibling = child;
	else
		parent->first_child = child;
	before->prev_sibling = child;
}

void html_tree_detach(struct html_node *n)
{
	struct html_node *p = n->parent;
	if (!p)
		return;
	if (n->prev_sibling)
		n->prev_sibling->next_sibling = n->next_sibling;
	else
		p->first_child = n->next_sibling;
	if (n->next_sibling)
		n->next_sibling->prev_sibling = n->prev_sibling;
	else
		p->last_child = n->prev_sibling;
	n->parent = n->prev_sibling = n->next_sibling = NULL;
}

/* https://html.spec.whatwg.org/multipage/parsing.html#appropriate-place-for-inserting-a-node */
void html_appropriate_place(struct html_tree *tb, struct html_node *override, struct html_node **parent,
			    struct html_node **before)
{
	struct html_node *target = override ? override : html_current(tb);
	*before = NULL;
	if (tb->foster_parenting &&
	    (html_is(target, HTML_TAG_TABLE) || html_is(target, HTML_TAG_TBODY) || html_is(target, HTML_TAG_TFOOT) ||
	     html_is(target, HTML_TAG_THEAD) || html_is(target, HTML_TAG_TR))) {
		size_t last_template = SIZE_MAX, last_table = SIZE_MAX;
		for (size_t i = tb->depth; i-- > 0;) {
			if (last_template == SIZE_MAX && html_is(tb->stack[i], HTML_TAG_TEMPLATE))
				last_template = i;
			if (last_table == SIZE_MAX && html_is(tb->stack[i], HTML_TAG_TABLE))
				last_table = i;
		}
		if (last_template != SIZE_MAX && (last_table == SIZE_MAX || last_template > last_table)) {
			*parent = tb->stack[last_template]->template_content;
			return;
		}
		if (last_table == SIZE_MAX) {
			*parent = tb->stack[0];
			return;
		}
		struct html_node *table = tb->stack[last_table];
		if (table->parent) {
			*parent = table->parent;
			*before = table;
			return;
		}
		target = tb->stack[last_table - 1];
	}
	if (html_is(target, HTML_TAG_TEMPLATE))
		target = target->template_content;
	*parent = target;
}

void html_tree_flush_text(struct html_tree *tb)
{
	if (!tb->text_node)
		return;
	tb->text_node->data = base_arena_strndup(&tb->doc->arena, tb->text.data ? tb->text.data : "", tb->text.len);
	tb->text_node->data_len = tb->text.len;
	tb->text_node = NULL;
	base_buf_clear(&tb->text);
}

/* https://html.spec.whatwg.org/multipage/parsing.html#insert-a-character */
void html_insert_chars(struct html_tree *tb, const char *p, size_t n)
{
	if (!n)
		return;
	struct html_node *parent, *before;
	html_appropriate_place(tb, NULL, &parent, &before);
	if (parent->type == HTML_NODE_DOCUMENT)
		return;
	struct html_node *prev = before ? before->prev_sibling : parent->last_child;
	if (prev && prev->type == HTML_NODE_TEXT) {
		if (prev != tb->text_node) {
			html_tree_flush_text(tb);
			tb->text_node = prev;
			base_buf_append(&tb->text, prev->data, prev->data_len);
		}
		html_buf_add(&tb->text, p, n);
		return;
	}
	html_tree_flush_text(tb);
	struct html_node *t = html_tree_new_node(tb, HTML_NODE_TEXT);
	html_tree_insert_before(parent, t, before);
	tb->text_node = t;
	html_buf_add(&tb->text, p, n);
}

void html_insert_comment(struct html_tree *tb, struct html_token *tok, struct html_node *parent)
{
	struct html_node *before = NULL;
	if (!parent)
		html_appropriate_place(tb, NULL, &parent, &before);
	struct html_node *c = html_tree_new_node(tb, HTML_NODE_COMMENT);
	c->data = tok->data;
	c->data_len = tok->len;
	html_tree_insert_before(parent, c, before);
}

static bool is_selectedcontent(const struct html_node *n);

void html_tree_note_element(struct html_tree *tb, struct html_node *el, const struct html_node *parent)
{
	/* element_index marks template contents (UINT32_MAX) until
	 * html_dom_finish_ordered() numbers the rest. */
	el->element_index = (parent->type == HTML_NODE_FRAGMENT || parent->element_index == UINT32_MAX) ? UINT32_MAX : 0;
	base_vec_push(&tb->created, el);
}

static void insert_element_node(struct html_tree *tb, struct html_node *el, bool only_add_to_stack)
{
	if (!only_add_to_stack) {
		struct html_node *parent, *before;
		html_appropriate_place(tb, NULL, &parent, &before);
		html_tree_insert_before(parent, el, before);
		html_tree_note_element(tb, el, parent);
		if (before)
			tb->reordered = true;
	} else
		tb->reordered = true;
	html_push(tb, el);
}

struct html_node *html_insert_html_element(struct html_tree *tb, struct html_token *tok)
{
	struct html_node *el =
		html_tree_create_element(tb, tok->name, tok->tag, HTML_NS_HTML, tok->attrs, tok->attr_count);
	if (tok->tag == HTML_TAG_UNKNOWN && !tb->seen_selectedcontent && is_selectedcontent(el))
		tb->seen_selectedcontent = true;
	insert_element_node(tb, el, false);
	return el;
}

struct html_node *html_insert_html_tag(struct html_tree *tb, enum html_tag tag)
{
	struct html_token t = {.type = HTML_TOKEN_START_TAG, .tag = tag, .name = html_tag_names[tag]};
	return html_insert_html_element(tb, &t);
}

struct html_node *html_insert_foreign_element(struct html_tree *tb, struct html_token *tok, enum html_namespace ns,
					      bool only_add_to_stack)
{
	enum html_tag tag = tok->tag;
	if (tag == HTML_TAG_UNKNOWN)
		tag = html_tag_lookup_hashed(tok->name, tok->name_len);
	struct html_node *el = html_tree_create_element(tb, tok->name, tag, ns, tok->attrs, tok->attr_count);
	insert_element_node(tb, el, only_add_to_stack);
	return el;
}

/* https://html.spec.whatwg.org/multipage/parsing.html#generic-raw-text-element-parsing-algorithm */
void html_parse_raw_text(struct html_tree *tb, struct html_token *tok, enum html_tokenizer_state state)
{
	html_insert_html_element(tb, tok);
	tb->tok->state = state;
	tb->original_mode = tb->mode;
	tb->mode = HTML_MODE_TEXT;
}

/* ---- Stack of open elements ------------------------------------------- */

void html_push(struct html_tree *tb, struct html_node *n)
{
	if (tb->depth == tb->stack_cap) {
		tb->stack_cap = tb->stack_cap ? tb->stack_cap * 2 : 64;
		tb->stack = base_xrealloc(tb->stack, tb->stack_cap * sizeof *tb->stack);
	}
	tb->stack[tb->depth++] = n;
	if (n->ns == HTML_NS_HTML)
		tb->open_count[n->tag]++;
}

static bool is_selectedcontent(const struct html_node *n)
{
	return n->ns == HTML_NS_HTML && n->tag == HTML_TAG_UNKNOWN && strcmp(n->local_name, "selectedcontent") == 0;
}

/* Deep copy of from's children appended to to (iteratively). */
static void clone_children(struct html_tree *tb, const struct html_node *from, struct html_node *to)
{
	const struct html_node *n = from->first_child;
	struct html_node *parent = to;
	while (n) {
		struct html_node *c = html_tree_new_node(tb, n->type);
		c->ns = n->ns;
		c->tag = n->tag;
		c->local_name = n->local_name;
		c->attrs = n->attrs;
		c->attr_count = n->attr_count;
		c->data = n->data;
		c->data_len = n->data_len;
		html_tree_append(parent, c);
		if (n->first_child) {
			n = n->first_child;
			parent = c;
			continue;
		}
		while (n && !n->next_sibling && n->parent != from) {
			n = n->parent;
			parent = parent->parent;
		}
		n = n ? n->next_sibling : NULL;
	}
}

/* https://html.spec.whatwg.org/multipage/form-elements.html#maybe-clone-an-option-into-selectedcontent
 * Runs when an option is popped: if it is its select's selected option
 * (the last with a selected attribute, else the first), its children are
 * copied into the select's first selectedcontent element. */
static void maybe_clone_option(struct html_tree *tb, struct html_node *option)
{
	struct html_node *select = option->parent;
	while (select && !html_is(select, HTML_TAG_SELECT))
		select = select->parent;
	if (!select)
		return;
	html_tree_flush_text(tb);
	tb->reordered = true;
	struct html_node *first = NULL, *chosen = NULL, *target = NULL;
	for (struct html_node *n = select->first_child; n;) {
		if (html_is(n, HTML_TAG_OPTION)) {
			if (!first)
				first = n;
			if (html_element_attr(n, "selected"))
				chosen = n;
		} else if (!target && is_selectedcontent(n))
			target = n;
		if (n->first_child) {
			n = n->first_child;
			continue;
		}
		while (n != select && !n->next_sibling)
			n = n->parent;
		n = n == select ? NULL : n->next_sibling;
	}
	if (!chosen)
		chosen = first;
	if (chosen != option || !target)
		return;
	/* Clone first: the selectedcontent may sit inside the option. */
	struct html_node *copy = html_tree_new_node(tb, HTML_NODE_FRAGMENT);
	clone_children(tb, option, copy);
	while (target->first_child)
		html_tree_detach(target->first_child);
	while (copy->first_child) {
		struct html_node *c = copy->first_child;
		html_tree_detach(c);
		html_tree_append(target, c);
	}
}

/* Every pop of the stack of open elements goes through here. */
static void popped(struct html_tree *tb, struct html_node *n)
{
	if (n->ns == HTML_NS_HTML)
		tb->open_count[n->tag]--;
	if (tb->seen_selectedcontent && html_is(n, HTML_TAG_OPTION))
		maybe_clone_option(tb, n);
}

void html_pop(struct html_tree *tb)
{
	if (tb->depth) {
		tb->depth--;
		popped(tb, tb->stack[tb->depth]);
	}
}

void html_pop_until(struct html_tree *tb, enum html_tag tag)
{
	while (tb->depth) {
		struct html_node *n = tb->stack[--tb->depth];
		popped(tb, n);
		if (html_is(n, tag))
			return;
	}
}

void html_pop_until_node(struct html_tree *tb, struct html_node *n)
{
	while (tb->depth) {
		struct html_node *top = tb->stack[--tb->depth];
		popped(tb, top);
		if (top == n)
			return;
	}
}

void html_pop_until_match(struct html_tree *tb, bool (*match)(const struct html_node *))
{
	while (tb->depth) {
		struct html_node *n = tb->stack[--tb->depth];
		popped(tb, n);
		if (match(n))
			return;
	}
}

void html_stop_parsing(struct html_tree *tb)
{
	while (tb->depth)
		html_pop(tb);
}

void html_remove_from_stack(struct html_tree *tb, struct html_node *n)
{
	for (size_t i = tb->depth; i-- > 0;) {
		if (tb->stack[i] == n) {
			memmove(&tb->stack[i], &tb->stack[i + 1], (tb->depth - i - 1) * sizeof *tb->stack);
			tb->depth--;
			popped(tb, n);
			return;
		}
	}
}

bool html_stack_contains(const struct html_tree *tb, const struct html_node *n)
{
	for (size_t i = tb->depth; i-- > 0;)
		if (tb->stack[i] == n)
			return true;
	return false;
}

bool html_has_on_stack(const struct html_tree *tb, enum html_tag tag)
{
	return tb->open_count[tag] != 0;
}

struct html_node *html_adjusted_current(const struct html_tree *tb)
{
	if (tb->fragment && tb->depth == 1)
		return tb->context;
	return html_current(tb);
}

/* https://html.spec.whatwg.org/multipage/parsing.html#has-an-element-in-the-specific-scope */
static bool is_scope_boundary(const struct html_node *n, enum html_scope scope)
{
	if (n->ns == HTML_NS_HTML) {
		switch (scope) {
		case HTML_SCOPE_TABLE:
			return n->tag == HTML_TAG_HTML || n->tag == HTML_TAG_TABLE || n->tag == HTML_TAG_TEMPLATE;
		case HTML_SCOPE_SELECT:
			return n->tag != HTML_TAG_OPTGROUP && n->tag != HTML_TAG_OPTION;
		case HTML_SCOPE_LIST_ITEM:
			if (n->tag == HTML_TAG_OL || n->tag == HTML_TAG_UL)
				return true;
			break;
		case HTML_SCOPE_BUTTON:
			if (n->tag == HTML_TAG_BUTTON)
				return true;
			break;
		default:
			break;
		}
		return tag_flags[n->tag] & F_SCOPE;
	}
	if (scope == HTML_SCOPE_TABLE)
		return false;
	if (scope == HTML_SCOPE_SELECT)
		return true;
	if (n->ns == HTML_NS_MATHML)
		return n->tag == HTML_TAG_MI || n->tag == HTML_TAG_MO || n->tag == HTML_TAG_MN ||
		       n->tag == HTML_TAG_MS || n->tag == HTML_TAG_MTEXT || n->tag == HTML_TAG_ANNOTATION_XML;
	if (n->ns == HTML_NS_SVG)
		return n->tag == HTML_TAG_FOREIGNOBJECT || n->tag == HTML_TAG_DESC || n->tag == HTML_TAG_TITLE;
	return false;
}

bool html_in_scope(const struct html_tree *tb, enum html_tag tag, enum html_scope scope)
{
	if (!tb->open_count[tag])
		return false;
	for (size_t i = tb->depth; i-- > 0;) {
		const struct html_node *n = tb->stack[i];
		if (html_is(n, tag))
			return true;
		if (is_scope_boundary(n, scope))
			return false;
	}
	return false;
}

bool html_node_in_scope(const struct html_tree *tb, const struct html_node *target, enum html_scope scope)
{
	for (size_t i = tb->depth; i-- > 0;) {
		const struct html_node *n = tb->stack[i];
		if (n == target)
			return true;
		if (is_scope_boundary(n, scope))
			return false;
	}
	return false;
}

bool html_heading_in_scope(const struct html_tree *tb)
{
	uint32_t open = 0;
	for (enum html_tag t = HTML_TAG_H1; t <= HTML_TAG_H6; t++)
		open += tb->open_count[t];
	if (!open)
		return false;
	for (size_t i = tb->depth; i-- > 0;) {
		const struct html_node *n = tb->stack[i];
		if (n->ns == HTML_NS_HTML && n->tag >= HTML_TAG_H1 && n->tag <= HTML_TAG_H6)
			return true;
		if (is_scope_boundary(n, HTML_SCOPE_DEFAULT))
			return false;
	}
	return false;
}

/* https://html.spec.whatwg.org/multipage/parsing.html#generate-implied-end-tags */
void html_generate_implied_end_tags(struct html_tree *tb, enum html_tag except)
{
	while (tb->depth) {
		struct html_node *n = html_current(tb);
		if (n->ns != HTML_NS_HTML || !(tag_flags[n->tag] & F_IMPLIED) ||
		    (except != HTML_TAG_UNKNOWN && n->tag == except))
			return;
		html_pop(tb);
	}
}

void html_generate_all_implied_end_tags_thoroughly(struct html_tree *tb)
{
	while (tb->depth) {
		struct html_node *n = html_current(tb);
		if (n->ns != HTML_NS_HTML || !(tag_flags[n->tag] & F_THOROUGH))
			return;
		html_pop(tb);
	}
}

/* https://html.spec.whatwg.org/multipage/parsing.html#close-a-p-element */
void html_close_p(struct html_tree *tb)
{
	html_generate_implied_end_tags(tb, HTML_TAG_P);
	if (!html_is(html_current(tb), HTML_TAG_P))
		html_tree_error(tb, "unexpected-end-tag");
	html_pop_until(tb, HTML_TAG_P);
}

void html_push_template_mode(struct html_tree *tb, enum html_mode m)
{
	if (tb->template_len == tb->template_cap) {
		tb->template_cap = tb->template_cap ? tb->template_cap * 2 : 8;
		tb->template_modes = base_xrealloc(tb->template_modes, tb->template_cap * sizeof *tb->template_modes);
	}
	tb->template_modes[tb->template_len++] = m;
}

void html_pop_template_mode(struct html_tree *tb)
{
	if (tb->template_len)
		tb->template_len--;
}

/* https://html.spec.whatwg.org/multipage/parsing.html#reset-the-insertion-mode-appropriately */
void html_reset_insertion_mode(struct html_tree *tb)
{
	for (size_t i = tb->depth; i-- > 0;) {
		struct html_node *node = tb->stack[i];
		bool last = i == 0;
		if (last && tb->fragment)
			node = tb->context;
		if (node->ns == HTML_NS_HTML) {
			switch (node->tag) {
			case HTML_TAG_TD:
			case HTML_TAG_TH:
				if (!last) {
					tb->mode = HTML_MODE_IN_CELL;
					return;
				}
				break;
			case HTML_TAG_TR:
				tb->mode = HTML_MODE_IN_ROW;
				return;
			case HTML_TAG_TBODY:
			case HTML_TAG_THEAD:
			case HTML_TAG_TFOOT:
				tb->mode = HTML_MODE_IN_TABLE_BODY;
				return;
			case HTML_TAG_CAPTION:
				tb->mode = HTML_MODE_IN_CAPTION;
				return;
			case HTML_TAG_COLGROUP:
				tb->mode = HTML_MODE_IN_COLUMN_GROUP;
				return;
			case HTML_TAG_TABLE:
				tb->mode = HTML_MODE_IN_TABLE;
				return;
			case HTML_TAG_TEMPLATE:
				tb->mode = tb->template_len ? tb->template_modes[tb->template_len - 1] : HTML_MODE_IN_BODY;
				return;
			case HTML_TAG_HEAD:
				if (!last) {
					tb->mode = HTML_MODE_IN_HEAD;
					return;
				}
				break;
			case HTML_TAG_BODY:
				tb->mode = HTML_MODE_IN_BODY;
				return;
			case HTML_TAG_FRAMESET:
				tb->mode = HTML_MODE_IN_FRAMESET;
				return;
			case HTML_TAG_HTML:
				tb->mode = tb->head ? HTML_MODE_AFTER_HEAD : HTML_MODE_BEFORE_HEAD;
				return;
			default:
				break;
			}
		}
		if (last) {
			tb->mode = HTML_MODE_IN_BODY;
			return;
		}
	}
	tb->mode = HTML_MODE_IN_BODY;
}

/* ---- Dispatch ------------------------------------------------------------ */

void html_tree_process_in_mode(struct html_tree *tb, enum html_mode mode, struct html_token *tok)
{
	switch (mode) {
	case HTML_MODE_INITIAL: html_mode_initial(tb, tok); break;
	case HTML_MODE_BEFORE_HTML: html_mode_before_html(tb, tok); break;
	case HTML_MODE_BEFORE_HEAD: html_mode_before_head(tb, tok); break;
	case HTML_MODE_IN_HEAD: html_mode_in_head(tb, tok); break;
	case HTML_MODE_IN_HEAD_NOSCRIPT: html_mode_in_head_noscript(tb, tok); break;
	case HTML_MODE_AFTER_HEAD: html_mode_after_head(tb, tok); break;
	case HTML_MODE_IN_BODY: html_mode_in_body(tb, tok); break;
	case HTML_MODE_TEXT: html_mode_text(tb, tok); break;
	case HTML_MODE_IN_TABLE: html_mode_in_table(tb, tok); break;
	case HTML_MODE_IN_TABLE_TEXT: html_mode_in_table_text(tb, tok); break;
	case HTML_MODE_IN_CAPTION: html_mode_in_caption(tb, tok); break;
	case HTML_MODE_IN_COLUMN_GROUP: html_mode_in_column_group(tb, tok); break;
	case HTML_MODE_IN_TABLE_BODY: html_mode_in_table_body(tb, tok); break;
	case HTML_MODE_IN_ROW: html_mode_in_row(tb, tok); break;
	case HTML_MODE_IN_CELL: html_mode_in_cell(tb, tok); break;
	case HTML_MODE_IN_TEMPLATE: html_mode_in_template(tb, tok); break;
	case HTML_MODE_AFTER_BODY: html_mode_after_body(tb, tok); break;
	case HTML_MODE_IN_FRAMESET: html_mode_in_frameset(tb, tok); break;
	case HTML_MODE_AFTER_FRAMESET: html_mode_after_frameset(tb, tok); break;
	case HTML_MODE_AFTER_AFTER_BODY: html_mode_after_after_body(tb, tok); break;
	case HTML_MODE_AFTER_AFTER_FRAMESET: html_mode_after_after_frameset(tb, tok); break;
	}
}

void html_tree_reprocess(struct html_tree *tb, struct html_token *tok)
{
	html_tree_process_in_mode(tb, tb->mode, tok);
}

/* https://html.spec.whatwg.org/multipage/parsing.html#tree-construction-dispatcher */
static bool use_insertion_mode(struct html_tree *tb, struct html_token *tok)
{
	struct html_node *n = html_adjusted_current(tb);
	if (!n || n->ns == HTML_NS_HTML || tok->type == HTML_TOKEN_EOF)
		return true;
	if (html_is_mathml_text_integration_point(n)) {
		if (tok->type == HTML_TOKEN_START_TAG && tok->tag != HTML_TAG_MGLYPH && tok->tag != HTML_TAG_MALIGNMARK)
			return true;
		if (tok->type == HTML_TOKEN_CHARS)
			return true;
	}
	if (n->ns == HTML_NS_MATHML && n->tag == HTML_TAG_ANNOTATION_XML && tok->type == HTML_TOKEN_START_TAG &&
	    tok->tag == HTML_TAG_SVG)
		return true;
	if (html_is_html_integration_point(n) && (tok->type == HTML_TOKEN_START_TAG || tok->type == HTML_TOKEN_CHARS))
		return true;
	return false;
}

void html_tree_token(void *ctx, struct html_token *tok)
{
	struct html_tree *tb = ctx;
	if (tb->skip_next_lf) {
		tb->skip_next_lf = false;
		if (tok->type == HTML_TOKEN_CHARS && tok->data[0] == '\n') {
			if (tok->len == 1)
				return;
			struct html_token rest = *tok;
			rest.data++;
			rest.len--;
			html_tree_token(tb, &rest);
			return;
		}
	}
	if (use_insertion_mode(tb, tok))
		html_tree_reprocess(tb, tok);
	else
		html_foreign_content(tb, tok);
	struct html_node *adj = html_adjusted_current(tb);
	tb->tok->cdata_allowed = adj && adj->ns != HTML_NS_HTML;
}
