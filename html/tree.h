/* html/tree.h (internal): the tree construction stage, §13.2.6.
 * https://html.spec.whatwg.org/multipage/parsing.html#tree-construction
 *
 * The tree builder receives tokens from the tokenizer and builds the DOM in
 * the document's arena. Insertion modes live in one file each (or a few
 * closely related ones); this header shares the machinery they use: the
 * stack of open elements, the list of active formatting elements, element
 * insertion, scopes and the mode dispatcher.
 *
 * Ownership: the stacks are heap arrays owned by struct html_tree and
 * freed by html_tree_finish(); nodes belong to the document's arena. */
#ifndef WEFT_HTML_TREE_H
#define WEFT_HTML_TREE_H

#include "html/tokenizer.h"

enum html_mode {
	HTML_MODE_INITIAL,
	HTML_MODE_BEFORE_HTML,
	HTML_MODE_BEFORE_HEAD,
	HTML_MODE_IN_HEAD,
	HTML_MODE_IN_HEAD_NOSCRIPT,
	HTML_MODE_AFTER_HEAD,
	HTML_MODE_IN_BODY,
	HTML_MODE_TEXT,
	HTML_MODE_IN_TABLE,
	HTML_MODE_IN_TABLE_TEXT,
	HTML_MODE_IN_CAPTION,
	HTML_MODE_IN_COLUMN_GROUP,
	HTML_MODE_IN_TABLE_BODY,
	HTML_MODE_IN_ROW,
	HTML_MODE_IN_CELL,
	HTML_MODE_IN_TEMPLATE,
	HTML_MODE_AFTER_BODY,
	HTML_MODE_IN_FRAMESET,
	HTML_MODE_AFTER_FRAMESET,
	HTML_MODE_AFTER_AFTER_BODY,
	HTML_MODE_AFTER_AFTER_FRAMESET,
};

enum html_scope {
	HTML_SCOPE_DEFAULT,
	HTML_SCOPE_LIST_ITEM,
	HTML_SCOPE_BUTTON,
	HTML_SCOPE_TABLE,
	HTML_SCOPE_SELECT,
};

/* An entry of the list of active formatting elements; NULL is a marker. */
struct html_afe {
	struct html_node *el;
};

struct html_tree {
	struct html_document *doc;
	struct html_tokenizer *tok;
	enum html_mode mode;
	enum html_mode original_mode;

	struct html_node **stack;
	size_t depth, stack_cap;
	/* HTML elements of each tag on the stack: "in scope" answers "no" at
	 * once for a tag that is not open, keeping deep trees linear. */
	uint32_t open_count[HTML_TAG_COUNT];
	struct html_afe *afe;
	size_t afe_len, afe_cap;
	enum html_mode *template_modes;
	size_t template_len, template_cap;

	struct html_node *head;
	struct html_node *form;
	struct html_node *context; /* fragment parsing context element */
	bool fragment;
	bool scripting;
	bool frameset_ok;
	bool foster_parenting;
	bool skip_next_lf;
	bool seen_selectedcontent; /* a <selectedcontent> exists: options clone into it */

	/* In table text: the pending character tokens. */
	struct base_buf table_text;
	bool table_text_non_ws;

	/* Elements in creation order: when nothing was inserted out of order
	 * (foster parenting, adoption agency, clones), that is document order
	 * and html_dom_finish_ordered() needs no tree walk. */
	struct base_vec created;
	bool reordered;

	/* The Text node characters are being appended to, and its data. */
	struct html_node *text_node;
	struct base_buf text;
};

void html_tree_init(struct html_tree *tb, struct html_document *doc, struct html_tokenizer *tok);
void html_tree_finish(struct html_tree *tb);
/* The token sink: tree construction dispatcher (§13.2.6). */
void html_tree_token(void *tb, struct html_token *tok);
/* Processes tok with the rules of the current insertion mode. */
void html_tree_reprocess(struct html_tree *tb, struct html_token *tok);
void html_tree_process_in_mode(struct html_tree *tb, enum html_mode mode, struct html_token *tok);
void html_tree_error(struct html_tree *tb, const char *code);

/* Insertion modes. */
void html_mode_initial(struct html_tree *tb, struct html_token *tok);
void html_mode_before_html(struct html_tree *tb, struct html_token *tok);
void html_mode_before_head(struct html_tree *tb, struct html_token *tok);
void html_mode_in_head(struct html_tree *tb, struct html_token *tok);
void html_mode_in_head_noscript(struct html_tree *tb, struct html_token *tok);
void html_mode_after_head(struct html_tree *tb, struct html_token *tok);
void html_mode_in_body(struct html_tree *tb, struct html_token *tok);
void html_mode_text(struct html_tree *tb, struct html_token *tok);
void html_mode_in_table(struct html_tree *tb, struct html_token *tok);
void html_mode_in_table_text(struct html_tree *tb, struct html_token *tok);
void html_mode_in_caption(struct html_tree *tb, struct html_token *tok);
void html_mode_in_column_group(struct html_tree *tb, struct html_token *tok);
void html_mode_in_table_body(struct html_tree *tb, struct html_token *tok);
void html_mode_in_row(struct html_tree *tb, struct html_token *tok);
void html_mode_in_cell(struct html_tree *tb, struct html_token *tok);
void html_mode_in_template(struct html_tree *tb, struct html_token *tok);
void html_mode_after_body(struct html_tree *tb, struct html_token *tok);
void html_mode_in_frameset(struct html_tree *tb, struct html_token *tok);
void html_mode_after_frameset(struct html_tree *tb, struct html_token *tok);
void html_mode_after_after_body(struct html_tree *tb, struct html_token *tok);
void html_mode_after_after_frameset(struct html_tree *tb, struct html_token *tok);
/* The rules for parsing tokens in foreign content. */
void html_foreign_content(struct html_tree *tb, struct html_token *tok);
/* "in body" for an end tag not handled otherwise ("any other end tag"). */
void html_body_any_other_end_tag(struct html_tree *tb, struct html_token *tok);
/* The "in table" anything-else rule: in body with foster parenting. */
void html_table_anything_else(struct html_tree *tb, struct html_token *tok);

/* ---- Nodes and insertion ---------------------------------------------- */

static inline bool html_is(const struct html_node *n, enum html_tag tag)
{
	return n && n->ns == HTML_NS_HTML && n->tag == tag;
}

struct html_node *html_tree_new_node(struct html_tree *tb, enum html_node_type type);
struct html_node *html_tree_create_element(struct html_tree *tb, const char *name, enum html_tag tag,
					   enum html_namespace ns, struct html_attr *attrs, size_t attr_count);
void html_tree_append(struct html_node *parent, struct html_node *child);
void html_tree_insert_before(struct html_node *parent, struct html_node *child, struct html_node *before);
void html_tree_detach(struct html_node *n);
/* The appropriate place for inserting a node (foster parenting, template
 * contents): the node goes into *parent before *before (NULL: at the end). */
void html_appropriate_place(struct html_tree *tb, struct html_node *override, struct html_node **parent,
			    struct html_node **before);

/* Records a new element inserted under parent (see created). */
void html_tree_note_element(struct html_tree *tb, struct html_node *el, const struct html_node *parent);

/* Insert an HTML element for the token (pushes it). */
struct html_node *html_insert_html_element(struct html_tree *tb, struct html_token *tok);
/* Insert an HTML element with no attributes for a tag (html, head, body, tbody...). */
struct html_node *html_insert_html_tag(struct html_tree *tb, enum html_tag tag);
struct html_node *html_insert_foreign_element(struct html_tree *tb, struct html_token *tok, enum html_namespace ns,
					      bool only_add_to_stack);
void html_insert_chars(struct html_tree *tb, const char *p, size_t n);
/* parent NULL: the appropriate place. */
void html_insert_comment(struct html_tree *tb, struct html_token *tok, struct html_node *parent);
void html_tree_flush_text(struct html_tree *tb);
/* The generic raw text / RCDATA element parsing algorithms. */
void html_parse_raw_text(struct html_tree *tb, struct html_token *tok, enum html_tokenizer_state state);

/* ---- The stack of open elements ----------------------------------------- */

static inline struct html_node *html_current(const struct html_tree *tb)
{
	return tb->depth ? tb->stack[tb->depth - 1] : NULL;
}

struct html_node *html_adjusted_current(const struct html_tree *tb);
void html_push(struct html_tree *tb, struct html_node *n);
void html_pop(struct html_tree *tb);
/* Pops until an HTML element with this tag has been popped. */
void html_pop_until(struct html_tree *tb, enum html_tag tag);
void html_pop_until_node(struct html_tree *tb, struct html_node *n);
/* Pops until an element matching has been popped. */
void html_pop_until_match(struct html_tree *tb, bool (*match)(const struct html_node *));
/* Stop parsing: pops every open element. */
void html_stop_parsing(struct html_tree *tb);
void html_remove_from_stack(struct html_tree *tb, struct html_node *n);
bool html_stack_contains(const struct html_tree *tb, const struct html_node *n);
bool html_in_scope(const struct html_tree *tb, enum html_tag tag, enum html_scope scope);
bool html_node_in_scope(const struct html_tree *tb, const struct html_node *n, enum html_scope scope);
bool html_heading_in_scope(const struct html_tree *tb);
bool html_has_on_stack(const struct html_tree *tb, enum html_tag tag);
void html_generate_implied_end_tags(struct html_tree *tb, enum html_tag except);
void html_generate_all_implied_end_tags_thoroughly(struct html_tree *tb);
void html_close_p(struct html_tree *tb);
void html_reset_insertion_mode(struct html_tree *tb);
bool html_is_special(const struct html_node *n);
/* HTML tag categories. */
bool html_tag_is_formatting(enum html_tag tag);
bool html_tag_implied_end(enum html_tag tag);

/* ---- Active formatting elements (adoption.c) -------------------------- */

void html_afe_push(struct html_tree *tb, struct html_node *el);
void html_afe_push_marker(struct html_tree *tb);
void html_afe_clear_to_marker(struct html_tree *tb);
void html_afe_remove(struct html_tree *tb, struct html_node *el);
/* The last element with this tag after the last marker, or NULL. */
struct html_node *html_afe_find_after_marker(const struct html_tree *tb, enum html_tag tag);
bool html_afe_contains(const struct html_tree *tb, const struct html_node *el);
void html_reconstruct_afe(struct html_tree *tb);
/* The adoption agency algorithm; false: act as "any other end tag". */
bool html_adoption_agency(struct html_tree *tb, struct html_token *tok);

/* ---- Template insertion modes ------------------------------------------ */

void html_push_template_mode(struct html_tree *tb, enum html_mode m);
void html_pop_template_mode(struct html_tree *tb);

/* ---- Foreign content (foreign.c) ---------------------------------------- */

void html_adjust_mathml_attributes(struct html_tree *tb, struct html_token *tok);
void html_adjust_svg_attributes(struct html_tree *tb, struct html_token *tok);
void html_adjust_foreign_attributes(struct html_tree *tb, struct html_token *tok);
bool html_is_mathml_text_integration_point(const struct html_node *n);
bool html_is_html_integration_point(const struct html_node *n);

#endif
