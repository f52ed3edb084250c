/* Table insertion modes: "in table", "in table text", "in caption",
 * "in column group", "in table body", "in row", "in cell"
 * (§13.2.6.4.9-15). https://html.spec.whatwg.org/multipage/parsing.html#parsing-main-intable */
#include "html/tags.h"
#include "html/tree.h"

#include <string.h>

static void clear_back_to(struct html_tree *tb, enum html_tag a, enum html_tag b, enum html_tag c)
{
	while (tb->depth) {
		struct html_node *n = html_current(tb);
		if (html_is(n, a) || html_is(n, b) || html_is(n, c) || html_is(n, HTML_TAG_TEMPLATE) ||
		    html_is(n, HTML_TAG_HTML))
			return;
		html_pop(tb);
	}
}

static void clear_to_table_context(struct html_tree *tb)
{
	clear_back_to(tb, HTML_TAG_TABLE, HTML_TAG_TABLE, HTML_TAG_TABLE);
}

static void clear_to_table_body_context(struct html_tree *tb)
{
	clear_back_to(tb, HTML_TAG_TBODY, HTML_TAG_TFOOT, HTML_TAG_THEAD);
}

static void clear_to_table_row_context(struct html_tree *tb)
{
	clear_back_to(tb, HTML_TAG_TR, HTML_TAG_TR, HTML_TAG_TR);
}

void html_table_anything_else(struct html_tree *tb, struct html_token *tok)
{
	html_tree_error(tb, "foster-parenting");
	tb->foster_parenting = true;
	html_mode_in_body(tb, tok);
	tb->foster_parenting = false;
}

static bool is_hidden_input(const struct html_token *tok)
{
	for (size_t i = 0; i < tok->attr_count; i++)
		if (strcmp(tok->attrs[i].name, "type") == 0)
			return base_ascii_ieq_lit(tok->attrs[i].value, tok->attrs[i].value_len, "hidden");
	return false;
}

/* §13.2.6.4.9 */
void html_mode_in_table(struct html_tree *tb, struct html_token *tok)
{
	struct html_node *cur = html_current(tb);
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		if (html_is(cur, HTML_TAG_TABLE) || html_is(cur, HTML_TAG_TBODY) || html_is(cur, HTML_TAG_TEMPLATE) ||
		    html_is(cur, HTML_TAG_TFOOT) || html_is(cur, HTML_TAG_THEAD) || html_is(cur, HTML_TAG_TR)) {
			base_buf_clear(&tb->table_text);
			tb->table_text_non_ws = false;
			tb->original_mode = tb->mode;
			tb->mode = HTML_MODE_IN_TABLE_TEXT;
			html_tree_reprocess(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, NULL);
		return;
	case HTML_TOKEN_DOCTYPE:
		html_tree_error(tb, "unexpected-doctype");
		return;
	case HTML_TOKEN_START_TAG:
		switch (tok->tag) {
		case HTML_TAG_CAPTION:
			clear_to_table_context(tb);
			html_afe_push_marker(tb);
			html_insert_html_element(tb, tok);
			tb->mode = HTML_MODE_IN_CAPTION;
			return;
		case HTML_TAG_COLGROUP:
			clear_to_table_context(tb);
			html_insert_html_element(tb, tok);
			tb->mode = HTML_MODE_IN_COLUMN_GROUP;
			return;
		case HTML_TAG_COL:
			clear_to_table_context(tb);
			html_insert_html_tag(tb, HTML_TAG_COLGROUP);
			tb->mode = HTML_MODE_IN_COLUMN_GROUP;
			html_tree_reprocess(tb, tok);
			return;
		case HTML_TAG_TBODY:
		case HTML_TAG_TFOOT:
		case HTML_TAG_THEAD:
			clear_to_table_context(tb);
			html_insert_html_element(tb, tok);
			tb->mode = HTML_MODE_IN_TABLE_BODY;
			return;
		case HTML_TAG_TD:
		case HTML_TAG_TH:
		case HTML_TAG_TR:
			clear_to_table_context(tb);
			html_insert_html_tag(tb, HTML_TAG_TBODY);
			tb->mode = HTML_MODE_IN_TABLE_BODY;
			html_tree_reprocess(tb, tok);
			return;
		case HTML_TAG_TABLE:
			html_tree_error(tb, "unexpected-start-tag");
			if (!html_in_scope(tb, HTML_TAG_TABLE, HTML_SCOPE_TABLE))
				return;
			html_pop_until(tb, HTML_TAG_TABLE);
			html_reset_insertion_mode(tb);
			html_tree_reprocess(tb, tok);
			return;
		case HTML_TAG_STYLE:
		case HTML_TAG_SCRIPT:
		case HTML_TAG_TEMPLATE:
			html_mode_in_head(tb, tok);
			return;
		case HTML_TAG_INPUT:
			if (!is_hidden_input(tok))
				break;
			html_tree_error(tb, "unexpected-start-tag");
			html_insert_html_element(tb, tok);
			html_pop(tb);
			tok->self_closing_acknowledged = true;
			return;
		case HTML_TAG_FORM:
			html_tree_error(tb, "unexpected-start-tag");
			if (html_has_on_stack(tb, HTML_TAG_TEMPLATE) || tb->form)
				return;
			tb->form = html_insert_html_element(tb, tok);
			html_pop(tb);
			return;
		default:
			break;
		}
		break;
	case HTML_TOKEN_END_TAG:
		switch (tok->tag) {
		case HTML_TAG_TABLE:
			if (!html_in_scope(tb, HTML_TAG_TABLE, HTML_SCOPE_TABLE)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			html_pop_until(tb, HTML_TAG_TABLE);
			html_reset_insertion_mode(tb);
			return;
		case HTML_TAG_BODY:
		case HTML_TAG_CAPTION:
		case HTML_TAG_COL:
		case HTML_TAG_COLGROUP:
		case HTML_TAG_HTML:
		case HTML_TAG_TBODY:
		case HTML_TAG_TD:
		case HTML_TAG_TFOOT:
		case HTML_TAG_TH:
		case HTML_TAG_THEAD:
		case HTML_TAG_TR:
			html_tree_error(tb, "unexpected-end-tag");
			return;
		case HTML_TAG_TEMPLATE:
			html_mode_in_head(tb, tok);
			return;
		default:
			break;
		}
		break;
	case HTML_TOKEN_EOF:
		html_mode_in_body(tb, tok);
		return;
	}
	html_table_anything_else(tb, tok);
}

/* §13.2.6.4.10 */
void html_mode_in_table_text(struct html_tree *tb, struct html_token *tok)
{
	if (tok->type == HTML_TOKEN_CHARS) {
		size_t run = 0;
		for (size_t i = 0; i < tok->len; i++) {
			char c = tok->data[i];
			if (c == 0) {
				html_tree_error(tb, "unexpected-null-character");
				html_buf_add(&tb->table_text, tok->data + run, i - run);
				run = i + 1;
			} else if (!(c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'))
				tb->table_text_non_ws = true;
		}
		html_buf_add(&tb->table_text, tok->data + run, tok->len - run);
		return;
	}
	if (tb->table_text.len) {
		struct html_token chars = {.type = HTML_TOKEN_CHARS, .data = tb->table_text.data, .len = tb->table_text.len};
		/* The pending buffer is reused if the text reenters table text. */
		struct base_buf pending = tb->table_text;
		tb->table_text = (struct base_buf){0};
		if (tb->table_text_non_ws)
			html_table_anything_else(tb, &chars);
		else
			html_insert_chars(tb, chars.data, chars.len);
		base_buf_free(&tb->table_text);
		tb->table_text = pending;
		base_buf_clear(&tb->table_text);
	}
	tb->mode = tb->original_mode;
	html_tree_reprocess(tb, tok);
}

static bool close_caption(struct html_tree *tb)
{
	if (!html_in_scope(tb, HTML_TAG_CAPTION, HTML_SCOPE_TABLE)) {
		html_tree_error(tb, "unexpected-end-tag");
		return false;
	}
	html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
	if (!html_is(html_current(tb), HTML_TAG_CAPTION))
		html_tree_error(tb, "unexpected-end-tag");
	html_pop_until(tb, HTML_TAG_CAPTION);
	html_afe_clear_to_marker(tb);
	tb->mode = HTML_MODE_IN_TABLE;
	return true;
}

/* §13.2.6.4.11 */
void html_mode_in_caption(struct html_tree *tb, struct html_token *tok)
{
	if (tok->type == HTML_TOKEN_END_TAG && tok->tag == HTML_TAG_CAPTION) {
		close_caption(tb);
		return;
	}
	if ((tok->type == HTML_TOKEN_START_TAG &&
	     (tok->tag == HTML_TAG_CAPTION || tok->tag == HTML_TAG_COL || tok->tag == HTML_TAG_COLGROUP ||
	      tok->tag == HTML_TAG_TBODY || tok->tag == HTML_TAG_TD || tok->tag == HTML_TAG_TFOOT ||
	      tok->tag == HTML_TAG_TH || tok->tag == HTML_TAG_THEAD || tok->tag == HTML_TAG_TR)) ||
	    (tok->type == HTML_TOKEN_END_TAG && tok->tag == HTML_TAG_TABLE)) {
		if (close_caption(tb))
			html_tree_reprocess(tb, tok);
		return;
	}
	if (tok->type == HTML_TOKEN_END_TAG &&
	    (tok->tag == HTML_TAG_BODY || tok->tag == HTML_TAG_COL || tok->tag == HTML_TAG_COLGROUP ||
	     tok->tag == HTML_TAG_HTML || tok->tag == HTML_TAG_TBODY || tok->tag == HTML_TAG_TD ||
	     tok->tag == HTML_TAG_TFOOT || tok->tag == HTML_TAG_TH || tok->tag == HTML_TAG_THEAD ||
	     tok->tag == HTML_TAG_TR)) {
		html_tree_error(tb, "unexpected-end-tag");
		return;
	}
	html_mode_in_body(tb, tok);
}

/* §13.2.6.4.12 */
void html_mode_in_column_group(struct html_tree *tb, struct html_token *tok)
{
	switch (tok->type) {
	case HTML_TOKEN_CHARS: {
		size_t k = 0;
		while (k < tok->len && (tok->data[k] == ' ' || tok->data[k] == '\t' || tok->data[k] == '\n' ||
					tok->data[k] == '\f' || tok->data[k] == '\r'))
			k++;
		if (k)
			html_insert_chars(tb, tok->data, k);
		if (k == tok->len)
			return;
		struct html_token rest = *tok;
		rest.data += k;
		rest.len -= k;
		if (!html_is(html_current(tb), HTML_TAG_COLGROUP)) {
			html_tree_error(tb, "unexpected-character");
			return;
		}
		html_pop(tb);
		tb->mode = HTML_MODE_IN_TABLE;
		html_tree_reprocess(tb, &rest);
		return;
	}
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
		if (tok->tag == HTML_TAG_COL) {
			html_insert_html_element(tb, tok);
			html_pop(tb);
			tok->self_closing_acknowledged = true;
			return;
		}
		if (tok->tag == HTML_TAG_TEMPLATE) {
			html_mode_in_head(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_END_TAG:
		if (tok->tag == HTML_TAG_COLGROUP) {
			if (!html_is(html_current(tb), HTML_TAG_COLGROUP)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			html_pop(tb);
			tb->mode = HTML_MODE_IN_TABLE;
			return;
		}
		if (tok->tag == HTML_TAG_COL) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		if (tok->tag == HTML_TAG_TEMPLATE) {
			html_mode_in_head(tb, tok);
			return;
		}
		break;
	case HTML_TOKEN_EOF:
		html_mode_in_body(tb, tok);
		return;
	}
	if (!html_is(html_current(tb), HTML_TAG_COLGROUP)) {
		html_tree_error(tb, "unexpected-token");
		return;
	}
	html_pop(tb);
	tb->mode = HTML_MODE_IN_TABLE;
	html_tree_reprocess(tb, tok);
}

static bool table_section_in_scope(struct html_tree *tb)
{
	return html_in_scope(tb, HTML_TAG_TBODY, HTML_SCOPE_TABLE) ||
	       html_in_scope(tb, HTML_TAG_THEAD, HTML_SCOPE_TABLE) ||
	       html_in_scope(tb, HTML_TAG_TFOOT, HTML_SCOPE_TABLE);
}

/* §13.2.6.4.13 */
void html_mode_in_table_body(struct html_tree *tb, struct html_token *tok)
{
	if (tok->type == HTML_TOKEN_START_TAG) {
		switch (tok->tag) {
		case HTML_TAG_TR:
			clear_to_table_body_context(tb);
			html_insert_html_element(tb, tok);
			tb->mode = HTML_MODE_IN_ROW;
			return;
		case HTML_TAG_TH:
		case HTML_TAG_TD:
			html_tree_error(tb, "unexpected-start-tag");
			clear_to_table_body_context(tb);
			html_insert_html_tag(tb, HTML_TAG_TR);
			tb->mode = HTML_MODE_IN_ROW;
			html_tree_reprocess(tb, tok);
			return;
		case HTML_TAG_CAPTION:
		case HTML_TAG_COL:
		case HTML_TAG_COLGROUP:
		case HTML_TAG_TBODY:
		case HTML_TAG_TFOOT:
		case HTML_TAG_THEAD:
			if (!table_section_in_scope(tb)) {
				html_tree_error(tb, "unexpected-start-tag");
				return;
			}
			clear_to_table_body_context(tb);
			html_pop(tb);
			tb->mode = HTML_MODE_IN_TABLE;
			html_tree_reprocess(tb, tok);
			return;
		default:
			break;
		}
	} else if (tok->type == HTML_TOKEN_END_TAG) {
		switch (tok->tag) {
		case HTML_TAG_TBODY:
		case HTML_TAG_TFOOT:
		case HTML_TAG_THEAD:
			if (!html_in_scope(tb, tok->tag, HTML_SCOPE_TABLE)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			clear_to_table_body_context(tb);
			html_pop(tb);
			tb->mode = HTML_MODE_IN_TABLE;
			return;
		case HTML_TAG_TABLE:
			if (!table_section_in_scope(tb)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			clear_to_table_body_context(tb);
			html_pop(tb);
			tb->mode = HTML_MODE_IN_TABLE;
			html_tree_reprocess(tb, tok);
			return;
		case HTML_TAG_BODY:
		case HTML_TAG_CAPTION:
		case HTML_TAG_COL:
		case HTML_TAG_COLGROUP:
		case HTML_TAG_HTML:
		case HTML_TAG_TD:
		case HTML_TAG_TH:
		case HTML_TAG_TR:
			html_tree_error(tb, "unexpected-end-tag");
			return;
		default:
			break;
		}
	}
	html_mode_in_table(tb, tok);
}

static bool close_row(struct html_tree *tb)
{
	if (!html_in_scope(tb, HTML_TAG_TR, HTML_SCOPE_TABLE)) {
		html_tree_error(tb, "unexpected-end-tag");
		return false;
	}
	clear_to_table_row_context(tb);
	html_pop(tb);
	tb->mode = HTML_MODE_IN_TABLE_BODY;
	return true;
}

/* §13.2.6.4.14 */
void html_mode_in_row(struct html_tree *tb, struct html_token *tok)
{
	if (tok->type == HTML_TOKEN_START_TAG) {
		switch (tok->tag) {
		case HTML_TAG_TH:
		case HTML_TAG_TD:
			clear_to_table_row_context(tb);
			html_insert_html_element(tb, tok);
			tb->mode = HTML_MODE_IN_CELL;
			html_afe_push_marker(tb);
			return;
		case HTML_TAG_CAPTION:
		case HTML_TAG_COL:
		case HTML_TAG_COLGROUP:
		case HTML_TAG_TBODY:
		case HTML_TAG_TFOOT:
		case HTML_TAG_THEAD:
		case HTML_TAG_TR:
			if (close_row(tb))
				html_tree_reprocess(tb, tok);
			return;
		default:
			break;
		}
	} else if (tok->type == HTML_TOKEN_END_TAG) {
		switch (tok->tag) {
		case HTML_TAG_TR:
			close_row(tb);
			return;
		case HTML_TAG_TABLE:
			if (close_row(tb))
				html_tree_reprocess(tb, tok);
			return;
		case HTML_TAG_TBODY:
		case HTML_TAG_TFOOT:
		case HTML_TAG_THEAD:
			if (!html_in_scope(tb, tok->tag, HTML_SCOPE_TABLE)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			if (close_row(tb))
				html_tree_reprocess(tb, tok);
			return;
		case HTML_TAG_BODY:
		case HTML_TAG_CAPTION:
		case HTML_TAG_COL:
		case HTML_TAG_COLGROUP:
		case HTML_TAG_HTML:
		case HTML_TAG_TD:
		case HTML_TAG_TH:
			html_tree_error(tb, "unexpected-end-tag");
			return;
		default:
			break;
		}
	}
	html_mode_in_table(tb, tok);
}

static bool is_cell(const struct html_node *n)
{
	return html_is(n, HTML_TAG_TD) || html_is(n, HTML_TAG_TH);
}

/* https://html.spec.whatwg.org/multipage/parsing.html#close-the-cell */
static void close_cell(struct html_tree *tb)
{
	html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
	if (!html_is(html_current(tb), HTML_TAG_TD) && !html_is(html_current(tb), HTML_TAG_TH))
		html_tree_error(tb, "unexpected-end-tag");
	html_pop_until_match(tb, is_cell);
	html_afe_clear_to_marker(tb);
	tb->mode = HTML_MODE_IN_ROW;
}

/* §13.2.6.4.15 */
void html_mode_in_cell(struct html_tree *tb, struct html_token *tok)
{
	if (tok->type == HTML_TOKEN_END_TAG) {
		switch (tok->tag) {
		case HTML_TAG_TD:
		case HTML_TAG_TH:
			if (!html_in_scope(tb, tok->tag, HTML_SCOPE_TABLE)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			html_generate_implied_end_tags(tb, HTML_TAG_UNKNOWN);
			if (!html_is(html_current(tb), tok->tag))
				html_tree_error(tb, "unexpected-end-tag");
			html_pop_until(tb, tok->tag);
			html_afe_clear_to_marker(tb);
			tb->mode = HTML_MODE_IN_ROW;
			return;
		case HTML_TAG_BODY:
		case HTML_TAG_CAPTION:
		case HTML_TAG_COL:
		case HTML_TAG_COLGROUP:
		case HTML_TAG_HTML:
			html_tree_error(tb, "unexpected-end-tag");
			return;
		case HTML_TAG_TABLE:
		case HTML_TAG_TBODY:
		case HTML_TAG_TFOOT:
		case HTML_TAG_THEAD:
		case HTML_TAG_TR:
			if (!html_in_scope(tb, tok->tag, HTML_SCOPE_TABLE)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			close_cell(tb);
			html_tree_reprocess(tb, tok);
			return;
		default:
			break;
		}
	} else if (tok->type == HTML_TOKEN_START_TAG) {
		switch (tok->tag) {
		case HTML_TAG_CAPTION:
		case HTML_TAG_COL:
		case HTML_TAG_COLGROUP:
		case HTML_TAG_TBODY:
		case HTML_TAG_TD:
		case HTML_TAG_TFOOT:
		case HTML_TAG_TH:
		case HTML_TAG_THEAD:
		case HTML_TAG_TR:
			if (!html_in_scope(tb, HTML_TAG_TD, HTML_SCOPE_TABLE) &&
			    !html_in_scope(tb, HTML_TAG_TH, HTML_SCOPE_TABLE)) {
				html_tree_error(tb, "unexpected-start-tag");
				return;
			}
			close_cell(tb);
			html_tree_reprocess(tb, tok);
			return;
		default:
			break;
		}
	}
	html_mode_in_body(tb, tok);
}
