/* The "in body" insertion mode (§13.2.6.4.7) and the "text" insertion
 * mode (§13.2.6.4.8).
 * https://html.spec.whatwg.org/multipage/parsing.html#parsing-main-inbody */
#include "html/tags.h"
#include "html/tree.h"

#include <string.h>

static bool is_ws_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Adds the token's attributes the element does not have yet (<html> and
 * <body> start tags seen again). */
static void merge_attrs(struct html_tree *tb, struct html_node *el, const struct html_token *tok)
{
	size_t extra = 0;
	for (size_t i = 0; i < tok->attr_count; i++)
		if (!html_element_attr(el, tok->attrs[i].name))
			extra++;
	if (!extra)
		return;
	struct html_attr *a = base_arena_alloc(&tb->doc->arena, (el->attr_count + extra) * sizeof *a);
	if (el->attr_count)
		memcpy(a, el->attrs, el->attr_count * sizeof *a);
	size_t n = el->attr_count;
	for (size_t i = 0; i < tok->attr_count; i++)
		if (!html_element_attr(el, tok->attrs[i].name))
			a[n++] = tok->attrs[i];
	el->attrs = a;
	el->attr_count = n;
}

static void body_chars(struct html_tree *tb, struct html_token *tok)
{
	const char *p = tok->data, *end = tok->data + tok->len;
	while (p < end) {
		if (*p == 0) {
			html_tree_error(tb, "unexpected-null-character");
			p++;
			continue;
		}
		const char *q = memchr(p, 0, (size_t)(end - p));
		if (!q)
			q = end;
		html_reconstruct_afe(tb);
		html_insert_chars(tb, p, (size_t)(q - p));
		if (tb->frameset_ok)
			for (const char *r = p; r < q; r++)
				if (!is_ws_byte(*r)) {
					tb->frameset_ok = false;
					break;
				}
		p = q;
	}
}

static bool is_heading(enum html_tag t)
{
	return t >= HTML_TAG_H1 && t <= HTML_TAG_H6;
}

static bool is_heading_element(const struct html_node *n)
{
	return n->ns == HTML_NS_HTML && is_heading(n->tag);
}

static void close_p_if_in_button_scope(struct html_tree *tb)
{
	if (html_in_scope(tb, HTML_TAG_P, HTML_SCOPE_BUTTON))
		html_close_p(tb);
}

static void insert_void(struct html_tree *tb, struct html_token *tok)
{
	html_insert_html_element(tb, tok);
	html_pop(tb);
	tok->self_closing_acknowledged = true;
}

/* li, dd and dt close an open one of the same kind first. */
static void list_item_start(struct html_tree *tb, struct html_token *tok)
{
	tb->frameset_ok = false;
	for (size_t i = tb->depth; i-- > 0;) {
		struct html_node *node = tb->stack[i];
		enum html_tag match = HTML_TAG_UNKNOWN;
		if (tok->tag == HTML_TAG_LI && html_is(node, HTML_TAG_LI))
			match = HTML_TAG_LI;
		else if (tok->tag != HTML_TAG_LI && (html_is(node, HTML_TAG_DD) || html_is(node, HTML_TAG_DT)))
			match = node->tag;
		if (match != HTML_TAG_UNKNOWN) {
			html_generate_implied_end_tags(tb, match);
			if (!html_is(html_current(tb), match))
				html_tree_error(tb, "unexpected-start-tag");
			html_pop_until(tb, match);
			break;
		}
		if (html_is_special(node) && !html_is(node, HTML_TAG_ADDRESS) && !html_is(node, HTML_TAG_DIV) &&
		    !html_is(node, HTML_TAG_P))
			break;
	}
	close_p_if_in_button_scope(tb);
	html_insert_html_element(tb, tok);
}

/* Inside a <select>, option/optgroup/hr first close what is open in it. */
static void close_in_select(struct html_tree *tb, enum html_tag except, bool optgroup_too)
{
	html_generate_implied_end_tags(tb, except);
	if (html_in_scope(tb, HTML_TAG_OPTION, HTML_SCOPE_DEFAULT) ||
	    (optgroup_too && html_in_scope(tb, HTML_TAG_OPTGROUP, HTML_SCOPE_DEFAULT)))
		html_tree_error(tb, "unexpected-start-tag");
}

static bool in_body_start_tag(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->tag) {
	case HTML_TAG_HTML:
		html_tree_error(tb, "unexpected-start-tag");
		if (!html_has_on_stack(tb, HTML_TAG_TEMPLATE) && tb->depth)
			merge_attrs(tb, tb->stack[0], tok);
		return true;
	case HTML_TAG_BASE:
	case HTML_TAG_BASEFONT:
	case HTML_TAG_BGSOUND:
	case HTML_TAG_LINK:
	case HTML_TAG_META:
	case HTML_TAG_NOFRAMES:
	case HTML_TAG_SCRIPT:
	case HTML_TAG_STYLE:
	case HTML_TAG_TEMPLATE:
	case HTML_TAG_TITLE:
		html_mode_in_head(tb, tok);
		return true;
	case HTML_TAG_BODY:
		html_tree_error(tb, "unexpected-start-tag");
		if (tb->depth < 2 || !html_is(tb->stack[1], HTML_TAG_BODY) || html_has_on_stack(tb, HTML_TAG_TEMPLATE))
			return true;
		tb->frameset_ok = false;
		merge_attrs(tb, tb->stack[1], tok);
		return true;
	case HTML_TAG_FRAMESET:
		html_tree_error(tb, "unexpected-start-tag");
		if (tb->depth < 2 || !html_is(tb->stack[1], HTML_TAG_BODY) || !tb->frameset_ok)
			return true;
		html_tree_detach(tb->stack[1]);
		tb->reordered = true;
		while (tb->depth > 1)
			html_pop(tb);
		html_insert_html_element(tb, tok);
		tb->mode = HTML_MODE_IN_FRAMESET;
		return true;
	case HTML_TAG_ADDRESS:
	case HTML_TAG_ARTICLE:
	case HTML_TAG_ASIDE:
	case HTML_TAG_BLOCKQUOTE:
	case HTML_TAG_CENTER:
	case HTML_TAG_DETAILS:
	case HTML_TAG_DIALOG:
	case HTML_TAG_DIR:
	case HTML_TAG_DIV:
	case HTML_TAG_DL:
	case HTML_TAG_FIELDSET:
	case HTML_TAG_FIGCAPTION:
	case HTML_TAG_FIGURE:
	case HTML_TAG_FOOTER:
	case HTML_TAG_HEADER:
	case HTML_TAG_HGROUP:
	case HTML_TAG_MAIN:
	case HTML_TAG_MENU:
	case HTML_TAG_NAV:
	case HTML_TAG_OL:
	case HTML_TAG_P:
	case HTML_TAG_SEARCH:
	case HTML_TAG_SECTION:
	case HTML_TAG_SUMMARY:
	case HTML_TAG_UL:
		close_p_if_in_button_scope(tb);
		html_insert_html_element(tb, tok);
		return true;
	case HTML_TAG_H1:
	case HTML_TAG_H2:
	case HTML_TAG_H3:
	case HTML_TAG_H4:
	case HTML_TAG_H5:
	case HTML_TAG_H6: {
		close_p_if_in_button_scope(tb);
		struct html_node *cur = html_current(tb);
		if (cur && cur->ns == HTML_NS_HTML && is_heading(cur->tag)) {
			html_tree_error(tb, "unexpected-start-tag");
			html_pop(tb);
		}
		html_insert_html_element(tb, tok);
		return true;
	}
	case HTML_TAG_PRE:
	case HTML_TAG_LISTING:
		close_p_if_in_button_scope(tb);
		html_insert_html_element(tb, tok);
		tb->skip_next_lf = true;
		tb->frameset_ok = false;
		return true;
	case HTML_TAG_FORM: {
		bool tmpl = html_has_on_stack(tb, HTML_TAG_TEMPLATE);
		if (tb->form && !tmpl) {
			html_tree_error(tb, "unexpected-start-tag");
			return true;
		}
		close_p_if_in_button_scope(tb);
		struct html_node *f = html_insert_html_element(tb, tok);
		if (!tmpl)
			tb->form = f;
		return true;
	}
	case HTML_TAG_LI:
	case HTML_TAG_DD:
	case HTML_TAG_DT:
		list_item_start(tb, tok);
		return true;
	case HTML_TAG_PLAINTEXT:
		close_p_if_in_button_scope(tb);
		html_insert_html_element(tb, tok);
		tb->tok->state = HTML_TS_PLAINTEXT;
		return true;
	case HTML_TAG_BUTTON:
		if (html_in_scope(tb, HTML_TAG_BUTTON, HTML_SCOPE_DEFAULT)) {
			html_tree_error(tb, "unexpected-start-tag");
			html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
			html_pop_until(tb, HTML_TAG_BUTTON);
		}
		html_reconstruct_afe(tb);
		html_insert_html_element(tb, tok);
		tb->frameset_ok = false;
		return true;
	case HTML_TAG_A: {
		struct html_node *a = html_afe_find_after_marker(tb, HTML_TAG_A);
		if (a) {
			html_tree_error(tb, "unexpected-start-tag");
			struct html_token end = {.type = HTML_TOKEN_END_TAG, .tag = HTML_TAG_A, .name = html_tag_names[HTML_TAG_A], .name_len = 1};
			if (!html_adoption_agency(tb, &end))
				html_body_any_other_end_tag(tb, &end);
			html_afe_remove(tb, a);
			html_remove_from_stack(tb, a);
		}
		html_reconstruct_afe(tb);
		html_afe_push(tb, html_insert_html_element(tb, tok));
		return true;
	}
	case HTML_TAG_B:
	case HTML_TAG_BIG:
	case HTML_TAG_CODE:
	case HTML_TAG_EM:
	case HTML_TAG_FONT:
	case HTML_TAG_I:
	case HTML_TAG_S:
	case HTML_TAG_SMALL:
	case HTML_TAG_STRIKE:
	case HTML_TAG_STRONG:
	case HTML_TAG_TT:
	case HTML_TAG_U:
		html_reconstruct_afe(tb);
		html_afe_push(tb, html_insert_html_element(tb, tok));
		return true;
	case HTML_TAG_NOBR:
		html_reconstruct_afe(tb);
		if (html_in_scope(tb, HTML_TAG_NOBR, HTML_SCOPE_DEFAULT)) {
			html_tree_error(tb, "unexpected-start-tag");
			struct html_token end = {.type = HTML_TOKEN_END_TAG, .tag = HTML_TAG_NOBR, .name = html_tag_names[HTML_TAG_NOBR], .name_len = 4};
			if (!html_adoption_agency(tb, &end))
				html_body_any_other_end_tag(tb, &end);
			html_reconstruct_afe(tb);
		}
		html_afe_push(tb, html_insert_html_element(tb, tok));
		return true;
	case HTML_TAG_APPLET:
	case HTML_TAG_MARQUEE:
	case HTML_TAG_OBJECT:
		html_reconstruct_afe(tb);
		html_insert_html_element(tb, tok);
		html_afe_push_marker(tb);
		tb->frameset_ok = false;
		return true;
	case HTML_TAG_TABLE:
		if (tb->doc->quirks != HTML_QUIRKS)
			close_p_if_in_button_scope(tb);
		html_insert_html_element(tb, tok);
		tb->frameset_ok = false;
		tb->mode = HTML_MODE_IN_TABLE;
		return true;
	case HTML_TAG_AREA:
	case HTML_TAG_BR:
	case HTML_TAG_EMBED:
	case HTML_TAG_IMG:
	case HTML_TAG_KEYGEN:
	case HTML_TAG_WBR:
		html_reconstruct_afe(tb);
		insert_void(tb, tok);
		tb->frameset_ok = false;
		return true;
	case HTML_TAG_INPUT: {
		if (tb->fragment && html_is(tb->context, HTML_TAG_SELECT)) {
			html_tree_error(tb, "unexpected-start-tag");
			return true;
		}
		if (html_in_scope(tb, HTML_TAG_SELECT, HTML_SCOPE_DEFAULT)) {
			html_tree_error(tb, "unexpected-start-tag");
			html_pop_until(tb, HTML_TAG_SELECT);
		}
		html_reconstruct_afe(tb);
		insert_void(tb, tok);
		const char *type = NULL;
		for (size_t i = 0; i < tok->attr_count; i++)
			if (strcmp(tok->attrs[i].name, "type") == 0)
				type = tok->attrs[i].value;
		if (!type || !base_ascii_ieq_lit(type, strlen(type), "hidden"))
			tb->frameset_ok = false;
		return true;
	}
	case HTML_TAG_PARAM:
	case HTML_TAG_SOURCE:
	case HTML_TAG_TRACK:
		insert_void(tb, tok);
		return true;
	case HTML_TAG_HR:
		close_p_if_in_button_scope(tb);
		if (html_in_scope(tb, HTML_TAG_SELECT, HTML_SCOPE_DEFAULT))
			close_in_select(tb, HTML_TAG_UNKNOWN, true);
		insert_void(tb, tok);
		tb->frameset_ok = false;
		return true;
	case HTML_TAG_IMAGE: {
		html_tree_error(tb, "unexpected-start-tag");
		struct html_token img = *tok;
		img.tag = HTML_TAG_IMG;
		img.name = html_tag_names[HTML_TAG_IMG];
		img.name_len = 3;
		html_tree_reprocess(tb, &img);
		tok->self_closing_acknowledged = img.self_closing_acknowledged;
		return true;
	}
	case HTML_TAG_TEXTAREA:
		html_insert_html_element(tb, tok);
		tb->skip_next_lf = true;
		tb->tok->state = HTML_TS_RCDATA;
		tb->original_mode = tb->mode;
		tb->frameset_ok = false;
		tb->mode = HTML_MODE_TEXT;
		return true;
	case HTML_TAG_XMP:
		close_p_if_in_button_scope(tb);
		html_reconstruct_afe(tb);
		tb->frameset_ok = false;
		html_parse_raw_text(tb, tok, HTML_TS_RAWTEXT);
		return true;
	case HTML_TAG_IFRAME:
		tb->frameset_ok = false;
		html_parse_raw_text(tb, tok, HTML_TS_RAWTEXT);
		return true;
	case HTML_TAG_NOEMBED:
		html_parse_raw_text(tb, tok, HTML_TS_RAWTEXT);
		return true;
	case HTML_TAG_NOSCRIPT:
		if (!tb->scripting)
			return false;
		html_parse_raw_text(tb, tok, HTML_TS_RAWTEXT);
		return true;
	case HTML_TAG_SELECT:
		if (tb->fragment && html_is(tb->context, HTML_TAG_SELECT)) {
			html_tree_error(tb, "unexpected-start-tag");
			return true;
		}
		if (html_in_scope(tb, HTML_TAG_SELECT, HTML_SCOPE_DEFAULT)) {
			html_tree_error(tb, "unexpected-start-tag");
			html_pop_until(tb, HTML_TAG_SELECT);
			return true;
		}
		html_reconstruct_afe(tb);
		html_insert_html_element(tb, tok);
		tb->frameset_ok = false;
		return true;
	case HTML_TAG_OPTION:
		if (html_in_scope(tb, HTML_TAG_SELECT, HTML_SCOPE_DEFAULT))
			close_in_select(tb, HTML_TAG_OPTGROUP, false);
		else if (html_is(html_current(tb), HTML_TAG_OPTION))
			html_pop(tb);
		html_reconstruct_afe(tb);
		html_insert_html_element(tb, tok);
		return true;
	case HTML_TAG_OPTGROUP:
		if (html_in_scope(tb, HTML_TAG_SELECT, HTML_SCOPE_DEFAULT))
			close_in_select(tb, HTML_TAG_UNKNOWN, true);
		else if (html_is(html_current(tb), HTML_TAG_OPTION))
			html_pop(tb);
		html_reconstruct_afe(tb);
		html_insert_html_element(tb, tok);
		return true;
	case HTML_TAG_RB:
	case HTML_TAG_RTC:
		if (html_in_scope(tb, HTML_TAG_RUBY, HTML_SCOPE_DEFAULT)) {
			html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
			if (!html_is(html_current(tb), HTML_TAG_RUBY))
				html_tree_error(tb, "unexpected-start-tag");
		}
		html_insert_html_element(tb, tok);
		return true;
	case HTML_TAG_RP:
	case HTML_TAG_RT:
		if (html_in_scope(tb, HTML_TAG_RUBY, HTML_SCOPE_DEFAULT)) {
			html_generate_implied_end_tags(tb, HTML_TAG_RTC);
			if (!html_is(html_current(tb), HTML_TAG_RTC) && !html_is(html_current(tb), HTML_TAG_RUBY))
				html_tree_error(tb, "unexpected-start-tag");
		}
		html_insert_html_element(tb, tok);
		return true;
	case HTML_TAG_MATH:
	case HTML_TAG_SVG:
		html_reconstruct_afe(tb);
		if (tok->tag == HTML_TAG_MATH)
			html_adjust_mathml_attributes(tb, tok);
		else
			html_adjust_svg_attributes(tb, tok);
		html_adjust_foreign_attributes(tb, tok);
		html_insert_foreign_element(tb, tok, tok->tag == HTML_TAG_MATH ? HTML_NS_MATHML : HTML_NS_SVG, false);
		if (tok->self_closing) {
			html_pop(tb);
			tok->self_closing_acknowledged = true;
		}
		return true;
	case HTML_TAG_CAPTION:
	case HTML_TAG_COL:
	case HTML_TAG_COLGROUP:
	case HTML_TAG_FRAME:
	case HTML_TAG_HEAD:
	case HTML_TAG_TBODY:
	case HTML_TAG_TD:
	case HTML_TAG_TFOOT:
	case HTML_TAG_TH:
	case HTML_TAG_THEAD:
	case HTML_TAG_TR:
		html_tree_error(tb, "unexpected-start-tag");
		return true;
	default:
		return false;
	}
}

/* https://html.spec.whatwg.org/multipage/parsing.html#parsing-main-inbody "any other end tag" */
void html_body_any_other_end_tag(struct html_tree *tb, struct html_token *tok)
{
	for (size_t i = tb->depth; i-- > 0;) {
		struct html_node *node = tb->stack[i];
		if (node->ns == HTML_NS_HTML && node->local_name == tok->name) {
			html_generate_implied_end_tags(tb, tok->tag);
			if (node != html_current(tb))
				html_tree_error(tb, "unexpected-end-tag");
			html_pop_until_node(tb, node);
			return;
		}
		if (html_is_special(node)) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
	}
}

static void end_block(struct html_tree *tb, enum html_tag tag)
{
	if (!html_in_scope(tb, tag, HTML_SCOPE_DEFAULT)) {
		html_tree_error(tb, "unexpected-end-tag");
		return;
	}
	html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
	if (!html_is(html_current(tb), tag))
		html_tree_error(tb, "unexpected-end-tag");
	html_pop_until(tb, tag);
}

static void in_body_end_tag(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->tag) {
	case HTML_TAG_TEMPLATE:
		html_mode_in_head(tb, tok);
		return;
	case HTML_TAG_BODY:
	case HTML_TAG_HTML:
		if (!html_in_scope(tb, HTML_TAG_BODY, HTML_SCOPE_DEFAULT)) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		tb->mode = HTML_MODE_AFTER_BODY;
		if (tok->tag == HTML_TAG_HTML)
			html_tree_reprocess(tb, tok);
		return;
	case HTML_TAG_ADDRESS:
	case HTML_TAG_ARTICLE:
	case HTML_TAG_ASIDE:
	case HTML_TAG_BLOCKQUOTE:
	case HTML_TAG_BUTTON:
	case HTML_TAG_CENTER:
	case HTML_TAG_DETAILS:
	case HTML_TAG_DIALOG:
	case HTML_TAG_DIR:
	case HTML_TAG_DIV:
	case HTML_TAG_DL:
	case HTML_TAG_FIELDSET:
	case HTML_TAG_FIGCAPTION:
	case HTML_TAG_FIGURE:
	case HTML_TAG_FOOTER:
	case HTML_TAG_HEADER:
	case HTML_TAG_HGROUP:
	case HTML_TAG_LISTING:
	case HTML_TAG_MAIN:
	case HTML_TAG_MENU:
	case HTML_TAG_NAV:
	case HTML_TAG_OL:
	case HTML_TAG_PRE:
	case HTML_TAG_SEARCH:
	case HTML_TAG_SECTION:
	case HTML_TAG_SUMMARY:
	case HTML_TAG_UL:
		end_block(tb, tok->tag);
		return;
	case HTML_TAG_FORM:
		if (!html_has_on_stack(tb, HTML_TAG_TEMPLATE)) {
			struct html_node *node = tb->form;
			tb->form = NULL;
			if (!node || !html_node_in_scope(tb, node, HTML_SCOPE_DEFAULT)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
			if (html_current(tb) != node)
				html_tree_error(tb, "unexpected-end-tag");
			html_remove_from_stack(tb, node);
		} else
			end_block(tb, HTML_TAG_FORM);
		return;
	case HTML_TAG_P:
		if (!html_in_scope(tb, HTML_TAG_P, HTML_SCOPE_BUTTON)) {
			html_tree_error(tb, "unexpected-end-tag");
			html_insert_html_tag(tb, HTML_TAG_P);
		}
		html_close_p(tb);
		return;
	case HTML_TAG_LI:
		if (!html_in_scope(tb, HTML_TAG_LI, HTML_SCOPE_LIST_ITEM)) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		html_generate_implied_end_tags(tb, HTML_TAG_LI);
		if (!html_is(html_current(tb), HTML_TAG_LI))
			html_tree_error(tb, "unexpected-end-tag");
		html_pop_until(tb, HTML_TAG_LI);
		return;
	case HTML_TAG_DD:
	case HTML_TAG_DT:
		if (!html_in_scope(tb, tok->tag, HTML_SCOPE_DEFAULT)) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		html_generate_implied_end_tags(tb, tok->tag);
		if (!html_is(html_current(tb), tok->tag))
			html_tree_error(tb, "unexpected-end-tag");
		html_pop_until(tb, tok->tag);
		return;
	case HTML_TAG_H1:
	case HTML_TAG_H2:
	case HTML_TAG_H3:
	case HTML_TAG_H4:
	case HTML_TAG_H5:
	case HTML_TAG_H6:
		if (!html_heading_in_scope(tb)) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
		if (!html_is(html_current(tb), tok->tag))
			html_tree_error(tb, "unexpected-end-tag");
		html_pop_until_match(tb, is_heading_element);
		return;
	case HTML_TAG_A:
	case HTML_TAG_B:
	case HTML_TAG_BIG:
	case HTML_TAG_CODE:
	case HTML_TAG_EM:
	case HTML_TAG_FONT:
	case HTML_TAG_I:
	case HTML_TAG_NOBR:
	case HTML_TAG_S:
	case HTML_TAG_SMALL:
	case HTML_TAG_STRIKE:
	case HTML_TAG_STRONG:
	case HTML_TAG_TT:
	case HTML_TAG_U:
		if (!html_adoption_agency(tb, tok))
			html_body_any_other_end_tag(tb, tok);
		return;
	case HTML_TAG_APPLET:
	case HTML_TAG_MARQUEE:
	case HTML_TAG_OBJECT:
		if (!html_in_scope(tb, tok->tag, HTML_SCOPE_DEFAULT)) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
		if (!html_is(html_current(tb), tok->tag))
			html_tree_error(tb, "unexpected-end-tag");
		html_pop_until(tb, tok->tag);
		html_afe_clear_to_marker(tb);
		return;
	case HTML_TAG_BR: {
		html_tree_error(tb, "unexpected-end-tag");
		struct html_token br = {.type = HTML_TOKEN_START_TAG, .tag = HTML_TAG_BR, .name = html_tag_names[HTML_TAG_BR], .name_len = 2};
		in_body_start_tag(tb, &br);
		return;
	}
	default:
		html_body_any_other_end_tag(tb, tok);
		return;
	}
}

/* §13.2.6.4.7 */
void html_mode_in_body(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		body_chars(tb, tok);
		return;
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, NULL);
		return;
	case HTML_TOKEN_DOCTYPE:
		html_tree_error(tb, "unexpected-doctype");
		return;
	case HTML_TOKEN_START_TAG:
		if (!in_body_start_tag(tb, tok)) {
			html_reconstruct_afe(tb);
			html_insert_html_element(tb, tok);
		}
		return;
	case HTML_TOKEN_END_TAG:
		in_body_end_tag(tb, tok);
		return;
	case HTML_TOKEN_EOF:
		if (tb->template_len) {
			html_mode_in_template(tb, tok);
			return;
		}
		html_stop_parsing(tb);
		return;
	}
}

/* §13.2.6.4.8 */
void html_mode_text(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		html_insert_chars(tb, tok->data, tok->len);
		return;
	case HTML_TOKEN_EOF:
		html_tree_error(tb, "eof-in-element-that-can-have-text");
		html_pop(tb);
		tb->mode = tb->original_mode;
		html_tree_reprocess(tb, tok);
		return;
	case HTML_TOKEN_END_TAG:
		html_pop(tb);
		tb->mode = tb->original_mode;
		return;
	default:
		return;
	}
}
