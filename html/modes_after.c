/* "in template" (§13.2.6.4.18) and the modes after the body: "after body",
 * "in frameset", "after frameset", "after after body", "after after
 * frameset" (§13.2.6.4.19-23).
 * https://html.spec.whatwg.org/multipage/parsing.html#parsing-main-intemplate */
#include "html/tree.h"

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool all_ws(const struct html_token *tok)
{
	for (size_t i = 0; i < tok->len; i++)
		if (!is_ws(tok->data[i]))
			return false;
	return true;
}

/* Frameset modes insert the whitespace characters of a token and ignore
 * (with an error) every other character. */
static void insert_only_ws(struct html_tree *tb, const struct html_token *tok)
{
	size_t i = 0;
	while (i < tok->len) {
		size_t j = i;
		while (j < tok->len && is_ws(tok->data[j]))
			j++;
		if (j > i)
			html_insert_chars(tb, tok->data + i, j - i);
		if (j < tok->len) {
			html_tree_error(tb, "unexpected-character");
			j++;
		}
		i = j;
	}
}

static void switch_template_mode(struct html_tree *tb, enum html_mode m, struct html_token *tok)
{
	html_pop_template_mode(tb);
	html_push_template_mode(tb, m);
	tb->mode = m;
	html_tree_reprocess(tb, tok);
}

/* §13.2.6.4.18 */
void html_mode_in_template(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
	case HTML_TOKEN_COMMENT:
	case HTML_TOKEN_DOCTYPE:
		html_mode_in_body(tb, tok);
		return;
	case HTML_TOKEN_START_TAG:
		switch (tok->tag) {
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
			return;
		case HTML_TAG_CAPTION:
		case HTML_TAG_COLGROUP:
		case HTML_TAG_TBODY:
		case HTML_TAG_TFOOT:
		case HTML_TAG_THEAD:
			switch_template_mode(tb, HTML_MODE_IN_TABLE, tok);
			return;
		case HTML_TAG_COL:
			switch_template_mode(tb, HTML_MODE_IN_COLUMN_GROUP, tok);
			return;
		case HTML_TAG_TR:
			switch_template_mode(tb, HTML_MODE_IN_TABLE_BODY, tok);
			return;
		case HTML_TAG_TD:
		case HTML_TAG_TH:
			switch_template_mode(tb, HTML_MODE_IN_ROW, tok);
			return;
		default:
			switch_template_mode(tb, HTML_MODE_IN_BODY, tok);
			return;
		}
	case HTML_TOKEN_END_TAG:
		if (tok->tag == HTML_TAG_TEMPLATE)
			html_mode_in_head(tb, tok);
		else
			html_tree_error(tb, "unexpected-end-tag");
		return;
	case HTML_TOKEN_EOF:
		if (!html_has_on_stack(tb, HTML_TAG_TEMPLATE)) {
			html_stop_parsing(tb);
			return;
		}
		html_tree_error(tb, "eof-in-template");
		html_pop_until(tb, HTML_TAG_TEMPLATE);
		html_afe_clear_to_marker(tb);
		html_pop_template_mode(tb);
		html_reset_insertion_mode(tb);
		html_tree_reprocess(tb, tok);
		return;
	}
}

/* "Anything else" of the after-body and after-after-body modes: a parse
 * error, then the token again in body. Leading whitespace of a character
 * token still belongs to the body rules without an error. */
static void reprocess_in_body(struct html_tree *tb, struct html_token *tok)
{
	if (tok->type == HTML_TOKEN_CHARS) {
		size_t k = 0;
		while (is_ws(tok->data[k]))
			k++;
		if (k) {
			struct html_token ws = *tok;
			ws.len = k;
			html_mode_in_body(tb, &ws);
		}
		struct html_token rest = *tok;
		rest.data += k;
		rest.len -= k;
		html_tree_error(tb, "unexpected-character-after-body");
		tb->mode = HTML_MODE_IN_BODY;
		html_tree_reprocess(tb, &rest);
		return;
	}
	html_tree_error(tb, "unexpected-token-after-body");
	tb->mode = HTML_MODE_IN_BODY;
	html_tree_reprocess(tb, tok);
}

/* §13.2.6.4.19 */
void html_mode_after_body(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		if (all_ws(tok)) {
			html_mode_in_body(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, tb->stack[0]);
		return;
	case HTML_TOKEN_DOCTYPE:
		html_tree_error(tb, "unexpected-doctype");
		return;
	case HTML_TOKEN_START_TAG:
		if (tok->tag == HTML_TAG_HTML) {
			html_mode_in_body(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_END_TAG:
		if (tok->tag == HTML_TAG_HTML) {
			if (tb->fragment)
				html_tree_error(tb, "unexpected-end-tag");
			else
				tb->mode = HTML_MODE_AFTER_AFTER_BODY;
			return;
		}
		break;
	case HTML_TOKEN_EOF:
		html_stop_parsing(tb);
		return;
	}
	reprocess_in_body(tb, tok);
}

/* §13.2.6.4.20 */
void html_mode_in_frameset(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		insert_only_ws(tb, tok);
		return;
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, NULL);
		return;
	case HTML_TOKEN_DOCTYPE:
		html_tree_error(tb, "unexpected-doctype");
		return;
	case HTML_TOKEN_START_TAG:
		switch (tok->tag) {
		case HTML_TAG_HTML:
			html_mode_in_body(tb, tok);
			return;
		case HTML_TAG_FRAMESET:
			html_insert_html_element(tb, tok);
			return;
		case HTML_TAG_FRAME:
			html_insert_html_element(tb, tok);
			html_pop(tb);
			tok->self_closing_acknowledged = true;
			return;
		case HTML_TAG_NOFRAMES:
			html_mode_in_head(tb, tok);
			return;
		default:
			break;
		}
		break;
	case HTML_TOKEN_END_TAG:
		if (tok->tag == HTML_TAG_FRAMESET) {
			if (tb->depth == 1) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			html_pop(tb);
			if (!tb->fragment && !html_is(html_current(tb), HTML_TAG_FRAMESET))
				tb->mode = HTML_MODE_AFTER_FRAMESET;
			return;
		}
		break;
	case HTML_TOKEN_EOF:
		if (tb->depth != 1)
			html_tree_error(tb, "eof-in-frameset");
		html_stop_parsing(tb);
		return;
	}
	html_tree_error(tb, "unexpected-token-in-frameset");
}

/* §13.2.6.4.21 */
void html_mode_after_frameset(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		insert_only_ws(tb, tok);
		return;
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, NULL);
		return;
	case HTML_TOKEN_DOCTYPE:
		html_tree_error(tb, "unexpected-doctype");
		return;
	case HTML_TOKEN_START_TAG:
		if (tok->tag == HTML_TAG_HTML) {
			html_mode_in_body(tb, tok);
			return;
		}
		if (tok->tag == HTML_TAG_NOFRAMES) {
			html_mode_in_head(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_END_TAG:
		if (tok->tag == HTML_TAG_HTML) {
			tb->mode = HTML_MODE_AFTER_AFTER_FRAMESET;
			return;
		}
		break;
	case HTML_TOKEN_EOF:
		html_stop_parsing(tb);
		return;
	}
	html_tree_error(tb, "unexpected-token-after-frameset");
}

/* §13.2.6.4.22 */
void html_mode_after_after_body(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, tb->doc->root);
		return;
	case HTML_TOKEN_DOCTYPE:
		html_mode_in_body(tb, tok);
		return;
	case HTML_TOKEN_CHARS:
		if (all_ws(tok)) {
			html_mode_in_body(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_START_TAG:
		if (tok->tag == HTML_TAG_HTML) {
			html_mode_in_body(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_EOF:
		html_stop_parsing(tb);
		return;
	default:
		break;
	}
	reprocess_in_body(tb, tok);
}

/* §13.2.6.4.23 */
void html_mode_after_after_frameset(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, tb->doc->root);
		return;
	case HTML_TOKEN_DOCTYPE:
		html_mode_in_body(tb, tok);
		return;
	case HTML_TOKEN_CHARS: {
		/* Whitespace goes through the body rules; the rest is ignored. */
		size_t i = 0;
		while (i < tok->len) {
			size_t j = i;
			while (j < tok->len && is_ws(tok->data[j]))
				j++;
			if (j > i) {
				struct html_token ws = *tok;
				ws.data += i;
				ws.len = j - i;
				html_mode_in_body(tb, &ws);
			}
			if (j < tok->len) {
				html_tree_error(tb, "unexpected-character");
				j++;
			}
			i = j;
		}
		return;
	}
	case HTML_TOKEN_START_TAG:
		if (tok->tag == HTML_TAG_HTML) {
			html_mode_in_body(tb, tok);
			return;
		}
		if (tok->tag == HTML_TAG_NOFRAMES) {
			html_mode_in_head(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_EOF:
		html_stop_parsing(tb);
		return;
	default:
		break;
	}
	html_tree_error(tb, "unexpected-token-after-frameset");
}
