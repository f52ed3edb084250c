/* Insertion modes before the body: "initial", "before html", "before head",
 * "in head", "in head noscript", "after head" (§13.2.6.4.1-6), and the
 * DOCTYPE-based quirks mode decision.
 * https://html.spec.whatwg.org/multipage/parsing.html#the-initial-insertion-mode */
#include "html/tags.h"
#include "html/tree.h"

#include <string.h>

static size_t ws_prefix(const struct html_token *tok)
{
	size_t i = 0;
	while (i < tok->len && (tok->data[i] == ' ' || tok->data[i] == '\t' || tok->data[i] == '\n' ||
				tok->data[i] == '\f' || tok->data[i] == '\r'))
		i++;
	return i;
}

/* Splits a character token: the leading whitespace is handled by ws (may
 * be NULL to drop it); returns true with *rest set when characters other
 * than whitespace remain. */
static bool split_ws(struct html_tree *tb, struct html_token *tok, struct html_token *rest, bool insert_ws)
{
	size_t k = ws_prefix(tok);
	if (k && insert_ws)
		html_insert_chars(tb, tok->data, k);
	if (k == tok->len)
		return false;
	*rest = *tok;
	rest->data += k;
	rest->len -= k;
	return true;
}

static bool istarts(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strlen(s) >= n && base_ascii_ieq(s, n, prefix, n);
}

static bool iequals(const char *s, const char *lit)
{
	return base_ascii_ieq(s, strlen(s), lit, strlen(lit));
}

static const char *const quirky_public_prefixes[] = {
	"+//silmaril//dtd html pro v0r11 19970101//",
	"-//as//dtd html 3.0 aswedit + extensions//",
	"-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
	"-//ietf//dtd html 2.0 level 1//",
	"-//ietf//dtd html 2.0 level 2//",
	"-//ietf//dtd html 2.0 strict level 1//",
	"-//ietf//dtd html 2.0 strict level 2//",
	"-//ietf//dtd html 2.0 strict//",
	"-//ietf//dtd html 2.0//",
	"-//ietf//dtd html 2.1e//",
	"-//ietf//dtd html 3.0//",
	"-//ietf//dtd html 3.2 final//",
	"-//ietf//dtd html 3.2//",
	"-//ietf//dtd html 3//",
	"-//ietf//dtd html level 0//",
	"-//ietf//dtd html level 1//",
	"-//ietf//dtd html level 2//",
	"-//ietf//dtd html level 3//",
	"-//ietf//dtd html strict level 0//",
	"-//ietf//dtd html strict level 1//",
	"-//ietf//dtd html strict level 2//",
	"-//ietf//dtd html strict level 3//",
	"-//ietf//dtd html strict//",
	"-//ietf//dtd html//",
	"-//metrius//dtd metrius presentational//",
	"-//microsoft//dtd internet explorer 2.0 html strict//",
	"-//microsoft//dtd internet explorer 2.0 html//",
	"-//microsoft//dtd internet explorer 2.0 tables//",
	"-//microsoft//dtd internet explorer 3.0 html strict//",
	"-//microsoft//dtd internet explorer 3.0 html//",
	"-//microsoft//dtd internet explorer 3.0 tables//",
	"-//netscape comm. corp.//dtd html//",
	"-//netscape comm. corp.//dtd strict html//",
	"-//o'reilly and associates//dtd html 2.0//",
	"-//o'reilly and associates//dtd html extended 1.0//",
	"-//o'reilly and associates//dtd html extended relaxed 1.0//",
	"-//sq//dtd html 2.0 hotmetal + extensions//",
	"-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
	"-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
	"-//spyglass//dtd html 2.0 extended//",
	"-//sun microsystems corp.//dtd hotjava html//",
	"-//sun microsystems corp.//dtd hotjava strict html//",
	"-//w3c//dtd html 3 1995-03-24//",
	"-//w3c//dtd html 3.2 draft//",
	"-//w3c//dtd html 3.2 final//",
	"-//w3c//dtd html 3.2//",
	"-//w3c//dtd html 3.2s draft//",
	"-//w3c//dtd html 4.0 frameset//",
	"-//w3c//dtd html 4.0 transitional//",
	"-//w3c//dtd html experimental 19960712//",
	"-//w3c//dtd html experimental 970421//",
	"-//w3c//dtd w3 html//",
	"-//w3o//dtd w3 html 3.0//",
	"-//webtechs//dtd mozilla html 2.0//",
	"-//webtechs//dtd mozilla html//",
};

static enum html_quirks_mode doctype_quirks(const struct html_token *tok)
{
	const char *pub = tok->public_id, *sys = tok->system_id;
	if (tok->force_quirks || !tok->name || strcmp(tok->name, "html") != 0)
		return HTML_QUIRKS;
	if (pub) {
		if (iequals(pub, "-//w3o//dtd w3 html strict 3.0//en//") ||
		    iequals(pub, "-/w3c/dtd html 4.0 transitional/en") || iequals(pub, "html"))
			return HTML_QUIRKS;
		for (size_t i = 0; i < BASE_ARRAY_LEN(quirky_public_prefixes); i++)
			if (istarts(pub, quirky_public_prefixes[i]))
				return HTML_QUIRKS;
		if (!sys && (istarts(pub, "-//w3c//dtd html 4.01 frameset//") ||
			     istarts(pub, "-//w3c//dtd html 4.01 transitional//")))
			return HTML_QUIRKS;
		if (istarts(pub, "-//w3c//dtd xhtml 1.0 frameset//") ||
		    istarts(pub, "-//w3c//dtd xhtml 1.0 transitional//"))
			return HTML_LIMITED_QUIRKS;
		if (sys && (istarts(pub, "-//w3c//dtd html 4.01 frameset//") ||
			    istarts(pub, "-//w3c//dtd html 4.01 transitional//")))
			return HTML_LIMITED_QUIRKS;
	}
	if (sys && iequals(sys, "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd"))
		return HTML_QUIRKS;
	return HTML_NO_QUIRKS;
}

/* §13.2.6.4.1 */
void html_mode_initial(struct html_tree *tb, struct html_token *tok)
{
	struct html_token rest;
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		if (!split_ws(tb, tok, &rest, false))
			return;
		tok = &rest;
		break;
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, tb->doc->root);
		return;
	case HTML_TOKEN_DOCTYPE: {
		if (!tok->name || strcmp(tok->name, "html") != 0 || tok->public_id ||
		    (tok->system_id && strcmp(tok->system_id, "about:legacy-compat") != 0))
			html_tree_error(tb, "unknown-doctype");
		struct html_node *d = html_tree_new_node(tb, HTML_NODE_DOCTYPE);
		d->doctype_name = tok->name ? tok->name : "";
		d->public_id = tok->public_id;
		d->system_id = tok->system_id;
		html_tree_append(tb->doc->root, d);
		tb->doc->quirks = doctype_quirks(tok);
		tb->mode = HTML_MODE_BEFORE_HTML;
		return;
	}
	default:
		break;
	}
	html_tree_error(tb, "expected-doctype-but-got-other");
	tb->doc->quirks = HTML_QUIRKS;
	tb->mode = HTML_MODE_BEFORE_HTML;
	html_tree_reprocess(tb, tok);
}

/* §13.2.6.4.2 */
void html_mode_before_html(struct html_tree *tb, struct html_token *tok)
{
	struct html_token rest;
	switch (tok->type) {
	case HTML_TOKEN_DOCTYPE:
		html_tree_error(tb, "unexpected-doctype");
		return;
	case HTML_TOKEN_COMMENT:
		html_insert_comment(tb, tok, tb->doc->root);
		return;
	case HTML_TOKEN_CHARS:
		if (!split_ws(tb, tok, &rest, false))
			return;
		tok = &rest;
		break;
	case HTML_TOKEN_START_TAG:
		if (tok->tag == HTML_TAG_HTML) {
			struct html_node *el = html_tree_create_element(tb, tok->name, tok->tag, HTML_NS_HTML,
									tok->attrs, tok->attr_count);
			html_tree_append(tb->doc->root, el);
			html_tree_note_element(tb, el, tb->doc->root);
			html_push(tb, el);
			tb->mode = HTML_MODE_BEFORE_HEAD;
			return;
		}
		break;
	case HTML_TOKEN_END_TAG:
		if (tok->tag != HTML_TAG_HEAD && tok->tag != HTML_TAG_BODY && tok->tag != HTML_TAG_HTML &&
		    tok->tag != HTML_TAG_BR) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		break;
	default:
		break;
	}
	struct html_node *el = html_tree_create_element(tb, html_tag_names[HTML_TAG_HTML], HTML_TAG_HTML,
							HTML_NS_HTML, NULL, 0);
	html_tree_append(tb->doc->root, el);
	html_tree_note_element(tb, el, tb->doc->root);
	html_push(tb, el);
	tb->mode = HTML_MODE_BEFORE_HEAD;
	html_tree_reprocess(tb, tok);
}

/* §13.2.6.4.3 */
void html_mode_before_head(struct html_tree *tb, struct html_token *tok)
{
	struct html_token rest;
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		if (!split_ws(tb, tok, &rest, false))
			return;
		tok = &rest;
		break;
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
		if (tok->tag == HTML_TAG_HEAD) {
			tb->head = html_insert_html_element(tb, tok);
			tb->mode = HTML_MODE_IN_HEAD;
			return;
		}
		break;
	case HTML_TOKEN_END_TAG:
		if (tok->tag != HTML_TAG_HEAD && tok->tag != HTML_TAG_BODY && tok->tag != HTML_TAG_HTML &&
		    tok->tag != HTML_TAG_BR) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		break;
	default:
		break;
	}
	tb->head = html_insert_html_tag(tb, HTML_TAG_HEAD);
	tb->mode = HTML_MODE_IN_HEAD;
	html_tree_reprocess(tb, tok);
}

/* §13.2.6.4.4 */
void html_mode_in_head(struct html_tree *tb, struct html_token *tok)
{
	struct html_token rest;
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		if (!split_ws(tb, tok, &rest, true))
			return;
		tok = &rest;
		break;
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
		case HTML_TAG_BASE:
		case HTML_TAG_BASEFONT:
		case HTML_TAG_BGSOUND:
		case HTML_TAG_LINK:
		case HTML_TAG_META:
			html_insert_html_element(tb, tok);
			html_pop(tb);
			tok->self_closing_acknowledged = true;
			return;
		case HTML_TAG_TITLE:
			html_parse_raw_text(tb, tok, HTML_TS_RCDATA);
			return;
		case HTML_TAG_NOSCRIPT:
			if (!tb->scripting) {
				html_insert_html_element(tb, tok);
				tb->mode = HTML_MODE_IN_HEAD_NOSCRIPT;
				return;
			}
			html_parse_raw_text(tb, tok, HTML_TS_RAWTEXT);
			return;
		case HTML_TAG_NOFRAMES:
		case HTML_TAG_STYLE:
			html_parse_raw_text(tb, tok, HTML_TS_RAWTEXT);
			return;
		case HTML_TAG_SCRIPT:
			html_parse_raw_text(tb, tok, HTML_TS_SCRIPT_DATA);
			return;
		case HTML_TAG_TEMPLATE:
			html_insert_html_element(tb, tok);
			html_afe_push_marker(tb);
			tb->frameset_ok = false;
			tb->mode = HTML_MODE_IN_TEMPLATE;
			html_push_template_mode(tb, HTML_MODE_IN_TEMPLATE);
			return;
		case HTML_TAG_HEAD:
			html_tree_error(tb, "unexpected-start-tag");
			return;
		default:
			break;
		}
		break;
	case HTML_TOKEN_END_TAG:
		switch (tok->tag) {
		case HTML_TAG_HEAD:
			html_pop(tb);
			tb->mode = HTML_MODE_AFTER_HEAD;
			return;
		case HTML_TAG_BODY:
		case HTML_TAG_HTML:
		case HTML_TAG_BR:
			break;
		case HTML_TAG_TEMPLATE:
			if (!html_has_on_stack(tb, HTML_TAG_TEMPLATE)) {
				html_tree_error(tb, "unexpected-end-tag");
				return;
			}
			html_generate_all_implied_end_tags_thoroughly(tb);
			if (!html_is(html_current(tb), HTML_TAG_TEMPLATE))
				html_tree_error(tb, "unexpected-end-tag");
			html_pop_until(tb, HTML_TAG_TEMPLATE);
			html_afe_clear_to_marker(tb);
			html_pop_template_mode(tb);
			html_reset_insertion_mode(tb);
			return;
		default:
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		break;
	default:
		break;
	}
	html_pop(tb);
	tb->mode = HTML_MODE_AFTER_HEAD;
	html_tree_reprocess(tb, tok);
}

/* §13.2.6.4.5 */
void html_mode_in_head_noscript(struct html_tree *tb, struct html_token *tok)
{
	struct html_token rest;
	switch (tok->type) {
	case HTML_TOKEN_DOCTYPE:
		html_tree_error(tb, "unexpected-doctype");
		return;
	case HTML_TOKEN_CHARS:
		if (!split_ws(tb, tok, &rest, true))
			return;
		tok = &rest;
		break;
	case HTML_TOKEN_COMMENT:
		html_mode_in_head(tb, tok);
		return;
	case HTML_TOKEN_START_TAG:
		switch (tok->tag) {
		case HTML_TAG_HTML:
			html_mode_in_body(tb, tok);
			return;
		case HTML_TAG_BASEFONT:
		case HTML_TAG_BGSOUND:
		case HTML_TAG_LINK:
		case HTML_TAG_META:
		case HTML_TAG_NOFRAMES:
		case HTML_TAG_STYLE:
			html_mode_in_head(tb, tok);
			return;
		case HTML_TAG_HEAD:
		case HTML_TAG_NOSCRIPT:
			html_tree_error(tb, "unexpected-start-tag");
			return;
		default:
			break;
		}
		break;
	case HTML_TOKEN_END_TAG:
		if (tok->tag == HTML_TAG_NOSCRIPT) {
			html_pop(tb);
			tb->mode = HTML_MODE_IN_HEAD;
			return;
		}
		if (tok->tag != HTML_TAG_BR) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		break;
	default:
		break;
	}
	html_tree_error(tb, "unexpected-token-in-head-noscript");
	html_pop(tb);
	tb->mode = HTML_MODE_IN_HEAD;
	html_tree_reprocess(tb, tok);
}

/* §13.2.6.4.6 */
void html_mode_after_head(struct html_tree *tb, struct html_token *tok)
{
	struct html_token rest;
	switch (tok->type) {
	case HTML_TOKEN_CHARS:
		if (!split_ws(tb, tok, &rest, true))
			return;
		tok = &rest;
		break;
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
		case HTML_TAG_BODY:
			html_insert_html_element(tb, tok);
			tb->frameset_ok = false;
			tb->mode = HTML_MODE_IN_BODY;
			return;
		case HTML_TAG_FRAMESET:
			html_insert_html_element(tb, tok);
			tb->mode = HTML_MODE_IN_FRAMESET;
			return;
		case HTML_TAG_BASE:
		case HTML_TAG_BASEFONT:
		case HTML_TAG_BGSOUND:
		case HTML_TAG_LINK:
		case HTML_TAG_META:
		case HTML_TAG_NOFRAMES:
		case HTML_TAG_SCRIPT:
		case HTML_TAG_STYLE:
		case HTML_TAG_TEMPLATE:
		case HTML_TAG_TITLE: {
			html_tree_error(tb, "unexpected-start-tag");
			struct html_node *head = tb->head;
			html_push(tb, head);
			html_mode_in_head(tb, tok);
			html_remove_from_stack(tb, head);
			return;
		}
		case HTML_TAG_HEAD:
			html_tree_error(tb, "unexpected-start-tag");
			return;
		default:
			break;
		}
		break;
	case HTML_TOKEN_END_TAG:
		if (tok->tag == HTML_TAG_TEMPLATE) {
			html_mode_in_head(tb, tok);
			return;
		}
		if (tok->tag != HTML_TAG_BODY && tok->tag != HTML_TAG_HTML && tok->tag != HTML_TAG_BR) {
			html_tree_error(tb, "unexpected-end-tag");
			return;
		}
		break;
	default:
		break;
	}
	html_insert_html_tag(tb, HTML_TAG_BODY);
	tb->mode = HTML_MODE_IN_BODY;
	html_tree_reprocess(tb, tok);
}
