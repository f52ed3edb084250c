/* Selector matching, right to left
 * (https://drafts.csswg.org/selectors-4/#match-a-selector-against-an-element).
 *
 * The rightmost compound is tested first; combinators then walk to
 * parents or previous siblings. The caller has already rejected most
 * selectors with the ancestor Bloom filter (traversal.c). :has() walks the
 * anchor's subtree or following siblings. Recursion through :is()/:not()/
 * :has() is bounded by the parser's nesting limit and by mc->depth. */
#include "css/internal.h"

#include <string.h>
#include <strings.h>

#define MAX_MATCH_DEPTH 24

static bool is_element(const struct html_node *n)
{
	return n && n->type == HTML_NODE_ELEMENT;
}

static const struct html_node *parent_element(const struct html_node *el)
{
	return is_element(el->parent) ? el->parent : NULL;
}

static const struct html_node *prev_element(const struct html_node *el)
{
	for (const struct html_node *n = el->prev_sibling; n; n = n->prev_sibling)
		if (n->type == HTML_NODE_ELEMENT)
			return n;
	return NULL;
}

static const struct html_node *next_element(const struct html_node *el)
{
	for (const struct html_node *n = el->next_sibling; n; n = n->next_sibling)
		if (n->type == HTML_NODE_ELEMENT)
			return n;
	return NULL;
}

static const struct html_node *first_child_element(const struct html_node *el)
{
	for (const struct html_node *n = el->first_child; n; n = n->next_sibling)
		if (n->type == HTML_NODE_ELEMENT)
			return n;
	return NULL;
}

static bool is_html(const struct html_node *el)
{
	return el->ns == HTML_NS_HTML;
}

static const struct css_element_info *info_of(struct css_match_context *mc, const struct html_node *el)
{
	return el->element_index < mc->doc->element_count ? &mc->info[el->element_index] : NULL;
}

/* Attributes whose values match case-insensitively in HTML documents
 * (HTML §4.16.2 "Case-sensitivity of selectors"). */
static bool attr_value_case_insensitive(const char *name)
{
	static const char *const names[] = {
		"accept",   "accept-charset", "align",	   "alink",    "axis",	   "bgcolor",	"charset",
		"checked",  "clear",	      "codetype",  "color",    "compact",  "declare",	"defer",
		"dir",	    "direction",      "disabled",  "enctype",  "face",	   "frame",	"hreflang",
		"http-equiv", "lang",	      "language",  "link",     "media",	   "method",	"multiple",
		"nohref",   "noresize",	      "noshade",   "nowrap",   "readonly", "rel",	"rev",
		"rules",    "scope",	      "scrolling", "selected", "shape",	   "target",	"text",
		"type",	    "valign",	      "valuetype", "vlink",
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(names); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

static bool bytes_eq(const char *a, size_t an, const char *b, size_t bn, bool ci)
{
	if (an != bn)
		return false;
	return ci ? base_ascii_ieq(a, an, b, bn) : memcmp(a, b, an) == 0;
}

static bool match_attribute(const struct css_simple_selector *s, const struct html_node *el)
{
	for (size_t i = 0; i < el->attr_count; i++) {
		const struct html_attr *at = &el->attrs[i];
		if (strcasecmp(at->name, s->name) != 0)
			continue;
		if (s->op == CSS_ATTR_EXISTS)
			return true;
		bool ci = s->case_insensitive ||
			  (!s->case_sensitive_flag && is_html(el) && attr_value_case_insensitive(s->name));
		const char *v = at->value;
		size_t vn = at->value_len;
		const char *w = s->value;
		size_t wn = s->value_len;
		switch (s->op) {
		case CSS_ATTR_EQUALS: return bytes_eq(v, vn, w, wn, ci);
		case CSS_ATTR_INCLUDES: {
			if (wn == 0)
				return false;
			for (size_t k = 0; k < wn; k++)
				if (base_is_ascii_ws(w[k]))
					return false;
			size_t p = 0;
			while (p < vn) {
				while (p < vn && base_is_ascii_ws(v[p]))
					p++;
				size_t start = p;
				while (p < vn && !base_is_ascii_ws(v[p]))
					p++;
				if (p > start && bytes_eq(v + start, p - start, w, wn, ci))
					return true;
			}
			return false;
		}
		case CSS_ATTR_DASH:
			return bytes_eq(v, vn, w, wn, ci) || (vn > wn && v[wn] == '-' && bytes_eq(v, wn, w, wn, ci));
		case CSS_ATTR_PREFIX: return wn > 0 && vn >= wn && bytes_eq(v, wn, w, wn, ci);
		case CSS_ATTR_SUFFIX: return wn > 0 && vn >= wn && bytes_eq(v + vn - wn, wn, w, wn, ci);
		case CSS_ATTR_SUBSTRING:
			if (wn == 0)
				return false;
			for (size_t p = 0; p + wn <= vn; p++)
				if (bytes_eq(v + p, wn, w, wn, ci))
					return true;
			return false;
		default: return false;
		}
	}
	return false;
}

static bool nth_matches(int32_t a, int32_t b, int64_t index)
{
	if (a == 0)
		return index == b;
	int64_t d = index - b;
	return d / a >= 0 && d % a == 0;
}

static bool same_type(const struct html_node *x, const struct html_node *y)
{
	return x->ns == y->ns && (x->tag != HTML_TAG_UNKNOWN ? x->tag == y->tag : x->local_name == y->local_name ||
										    strcmp(x->local_name, y->local_name) == 0);
}

/* The element's 1-based position among its siblings for :nth-*(). */
static int64_t nth_index(struct css_match_context *mc, const struct css_simple_selector *s,
			 const struct html_node *el, bool from_end, bool of_type)
{
	int64_t i = 1;
	for (const struct html_node *n = from_end ? next_element(el) : prev_element(el); n;
	     n = from_end ? next_element(n) : prev_element(n)) {
		if (of_type && !same_type(n, el))
			continue;
		if (s && s->args.count && !css_selector_list_matches(mc, &s->args, n))
			continue;
		i++;
	}
	return i;
}

static bool is_ancestor_or_self(const struct html_node *anc, const struct html_node *el)
{
	for (const struct html_node *n = el; n; n = n->parent)
		if (n == anc)
			return true;
	return false;
}

static bool is_form_control(const struct html_node *el)
{
	return is_html(el) && (el->tag == HTML_TAG_BUTTON || el->tag == HTML_TAG_INPUT || el->tag == HTML_TAG_SELECT ||
			       el->tag == HTML_TAG_TEXTAREA || el->tag == HTML_TAG_OPTGROUP ||
			       el->tag == HTML_TAG_OPTION || el->tag == HTML_TAG_FIELDSET);
}

static bool is_disabled(const struct html_node *el)
{
	if (!is_form_control(el))
		return false;
	if (html_element_attr(el, "disabled"))
		return true;
	/* A disabled fieldset disables its descendants but those of its
	 * first legend. */
	for (const struct html_node *p = parent_element(el); p; p = parent_element(p))
		if (p->tag == HTML_TAG_FIELDSET && is_html(p) && html_element_attr(p, "disabled"))
			return true;
	return false;
}

static const char *input_type(const struct html_node *el)
{
	const char *t = html_element_attr_value(el, "type");
	return t ? t : "text";
}

static bool is_text_input(const struct html_node *el)
{
	if (!is_html(el))
		return false;
	if (el->tag == HTML_TAG_TEXTAREA)
		return true;
	if (el->tag != HTML_TAG_INPUT)
		return false;
	static const char *const types[] = { "text", "search", "url", "tel", "email", "password", "number", "date",
					     "month", "week", "time", "datetime-local" };
	const char *t = input_type(el);
	for (size_t i = 0; i < BASE_ARRAY_LEN(types); i++)
		if (strcasecmp(t, types[i]) == 0)
			return true;
	return false;
}

/* https://html.spec.whatwg.org/multipage/semantics-other.html#selector-placeholder-shown */
bool css_placeholder_shown(const struct html_node *el)
{
	if (!is_text_input(el) || !html_element_attr(el, "placeholder"))
		return false;
	if (el->tag == HTML_TAG_TEXTAREA)
		return !el->first_child;
	const char *value = html_element_attr_value(el, "value");
	return !value || !*value;
}

bool css_is_file_input(const struct html_node *el)
{
	return is_html(el) && el->tag == HTML_TAG_INPUT && strcasecmp(input_type(el), "file") == 0;
}

bool css_is_push_button_input(const struct html_node *el)
{
	if (!is_html(el) || el->tag != HTML_TAG_INPUT)
		return false;
	const char *t = input_type(el);
	return strcasecmp(t, "submit") == 0 || strcasecmp(t, "reset") == 0 || strcasecmp(t, "button") == 0;
}

/* :lang() (https://drafts.csswg.org/selectors-4/#the-lang-pseudo): the
 * nearest lang attribute, matched as a prefix up to a '-'. */
static bool match_lang(const struct css_simple_selector *s, const struct html_node *el)
{
	const char *lang = NULL;
	for (const struct html_node *n = el; is_element(n); n = n->parent) {
		for (size_t i = 0; i < n->attr_count; i++)
			if (strcmp(n->attrs[i].name, "lang") == 0 &&
			    (n->attrs[i].ns == HTML_NS_NONE || n->attrs[i].ns == HTML_NS_XML)) {
				lang = n->attrs[i].value;
				break;
			}
		if (lang)
			break;
	}
	if (!lang)
		return false;
	size_t ln = strlen(lang);
	if (s->name_len == 0)
		return false;
	if (ln < s->name_len || !base_ascii_ieq(lang, s->name_len, s->name, s->name_len))
		return false;
	return ln == s->name_len || lang[s->name_len] == '-';
}

/* Strong right-to-left characters (bidi classes R and AL): the Hebrew,
 * Arabic, Syriac, Thaana, NKo... blocks, their presentation forms, the
 * RTL supplementary blocks and RLM. */
static bool is_strong_rtl(uint32_t c)
{
	return (c >= 0x0590 && c <= 0x08FF) || c == 0x200F || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
	       (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}

/* Strong left-to-right (an approximation of class L): letters outside
 * those blocks, skipping general punctuation, symbols and CJK
 * punctuation, and LRM. */
static bool is_strong_ltr(uint32_t c)
{
	if (c == 0x200E)
		return true;
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return true;
	if (c < 0xC0 || c == 0xD7 || c == 0xF7 || is_strong_rtl(c))
		return false;
	return !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFE00 && c <= 0xFE0F);
}

/* HTML §3.2.6.1 auto directionality: the first strong character of the
 * element's text, skipping script, style, textarea, bdi and elements with
 * their own dir; ltr when there is none. Iterative (deep trees). */
static bool auto_is_rtl(const struct html_node *el)
{
	const struct html_node *n = el->first_child;
	while (n && n != el) {
		bool skip = false;
		if (n->type == HTML_NODE_TEXT) {
			const char *p = n->data, *end = n->data + n->data_len;
			while (p < end) {
				uint32_t c = base_utf8_decode(&p, end);
				if (is_strong_rtl(c))
					return true;
				if (is_strong_ltr(c))
					return false;
			}
		} else if (n->type == HTML_NODE_ELEMENT) {
			const char *d = html_element_attr_value(n, "dir");
			skip = n->tag == HTML_TAG_SCRIPT || n->tag == HTML_TAG_STYLE || n->tag == HTML_TAG_TEXTAREA || n->tag == HTML_TAG_BDI ||
			       (d && (strcasecmp(d, "ltr") == 0 || strcasecmp(d, "rtl") == 0 || strcasecmp(d, "auto") == 0));
		}
		if (!skip && n->type == HTML_NODE_ELEMENT && n->first_child) {
			n = n->first_child;
			continue;
		}
		while (n && n != el && !n->next_sibling)
			n = n->parent;
		if (n && n != el)
			n = n->next_sibling;
	}
	return false;
}

static bool match_dir(const struct css_simple_selector *s, const struct html_node *el)
{
	bool rtl = false;
	for (const struct html_node *n = el; is_element(n); n = n->parent) {
		const char *d = html_element_attr_value(n, "dir");
		if (d && (strcasecmp(d, "rtl") == 0 || strcasecmp(d, "ltr") == 0)) {
			rtl = strcasecmp(d, "rtl") == 0;
			break;
		}
		if ((d && strcasecmp(d, "auto") == 0) || (!d && n->tag == HTML_TAG_BDI)) {
			rtl = auto_is_rtl(n);
			break;
		}
	}
	return strcmp(s->name, rtl ? "rtl" : "ltr") == 0;
}

static bool match_has(struct css_match_context *mc, const struct css_selector_list *l, const struct html_node *el);

static bool match_pseudo_class(struct css_match_context *mc, const struct css_simple_selector *s,
			       const struct html_node *el)
{
	const struct css_element_state *st = mc->state;
	switch (s->op) {
	case CSS_PC_ROOT:
	case CSS_PC_SCOPE: return el == mc->doc->document_element;
	case CSS_PC_FIRST_CHILD: return parent_element(el) && !prev_element(el);
	case CSS_PC_LAST_CHILD: return parent_element(el) && !next_element(el);
	case CSS_PC_ONLY_CHILD: return parent_element(el) && !prev_element(el) && !next_element(el);
	case CSS_PC_FIRST_OF_TYPE: return parent_element(el) && nth_index(mc, NULL, el, false, true) == 1;
	case CSS_PC_LAST_OF_TYPE: return parent_element(el) && nth_index(mc, NULL, el, true, true) == 1;
	case CSS_PC_ONLY_OF_TYPE:
		return parent_element(el) && nth_index(mc, NULL, el, false, true) == 1 &&
		       nth_index(mc, NULL, el, true, true) == 1;
	case CSS_PC_NTH_CHILD:
	case CSS_PC_NTH_LAST_CHILD:
	case CSS_PC_NTH_OF_TYPE:
	case CSS_PC_NTH_LAST_OF_TYPE: {
		if (!parent_element(el))
			return false;
		if (s->args.count && !css_selector_list_matches(mc, &s->args, el))
			return false;
		bool from_end = s->op == CSS_PC_NTH_LAST_CHILD || s->op == CSS_PC_NTH_LAST_OF_TYPE;
		bool of_type = s->op == CSS_PC_NTH_OF_TYPE || s->op == CSS_PC_NTH_LAST_OF_TYPE;
		return nth_matches(s->a, s->b, nth_index(mc, s, el, from_end, of_type));
	}
	case CSS_PC_EMPTY:
		for (const struct html_node *n = el->first_child; n; n = n->next_sibling)
			if (n->type == HTML_NODE_ELEMENT || (n->type == HTML_NODE_TEXT && n->data_len > 0))
				return false;
		return true;
	case CSS_PC_NOT: return !css_selector_list_matches(mc, &s->args, el);
	case CSS_PC_IS:
	case CSS_PC_WHERE: return css_selector_list_matches(mc, &s->args, el);
	case CSS_PC_HAS: return match_has(mc, &s->args, el);
	case CSS_PC_LINK:
	case CSS_PC_ANY_LINK:
		return is_html(el) && (el->tag == HTML_TAG_A || el->tag == HTML_TAG_AREA) && html_element_attr(el, "href");
	case CSS_PC_VISITED: return false; /* history is private and we have none */
	case CSS_PC_HOVER: return st && st->hover && is_ancestor_or_self(el, st->hover);
	case CSS_PC_ACTIVE: return st && st->active && is_ancestor_or_self(el, st->active);
	case CSS_PC_FOCUS:
	case CSS_PC_FOCUS_VISIBLE: return st && st->focus == el;
	case CSS_PC_FOCUS_WITHIN: return st && st->focus && is_ancestor_or_self(el, st->focus);
	case CSS_PC_CHECKED:
		if (!is_html(el))
			return false;
		if (el->tag == HTML_TAG_INPUT) {
			const char *t = input_type(el);
			return (strcasecmp(t, "checkbox") == 0 || strcasecmp(t, "radio") == 0) &&
			       html_element_attr(el, "checked");
		}
		return el->tag == HTML_TAG_OPTION && html_element_attr(el, "selected");
	case CSS_PC_DISABLED: return is_disabled(el);
	case CSS_PC_ENABLED: return is_form_control(el) && !is_disabled(el);
	case CSS_PC_LANG: return match_lang(s, el);
	case CSS_PC_DIR: return match_dir(s, el);
	case CSS_PC_DEFINED: return true;
	case CSS_PC_REQUIRED:
	case CSS_PC_OPTIONAL: {
		bool can = is_html(el) && (el->tag == HTML_TAG_INPUT || el->tag == HTML_TAG_SELECT ||
					   el->tag == HTML_TAG_TEXTAREA);
		bool req = can && html_element_attr(el, "required");
		return s->op == CSS_PC_REQUIRED ? req : can && !req;
	}
	case CSS_PC_READ_WRITE:
	case CSS_PC_READ_ONLY: {
		bool rw = (is_text_input(el) && !html_element_attr(el, "readonly") && !is_disabled(el));
		for (const struct html_node *n = el; !rw && is_element(n); n = n->parent) {
			const char *ce = html_element_attr_value(n, "contenteditable");
			if (ce) {
				rw = strcasecmp(ce, "false") != 0;
				break;
			}
		}
		return s->op == CSS_PC_READ_WRITE ? rw : !rw;
	}
	case CSS_PC_PLACEHOLDER_SHOWN:
		return css_placeholder_shown(el);
	case CSS_PC_TARGET:
	case CSS_PC_NEVER:
	default: return false;
	}
}

static bool class_matches(struct css_match_context *mc, const struct css_element_info *info, const char *name,
			  size_t n)
{
	for (size_t i = 0; i < info->class_count; i++)
		if (bytes_eq(info->classes[i].ptr, info->classes[i].len, name, n, mc->quirks))
			return true;
	return false;
}

static bool match_simple(struct css_match_context *mc, const struct css_simple_selector *s, const struct html_node *el)
{
	const struct css_element_info *info;
	switch (s->kind) {
	case CSS_SEL_UNIVERSAL: return true;
	case CSS_SEL_TYPE:
		if (s->tag != HTML_TAG_UNKNOWN)
			return el->tag == s->tag;
		return el->tag == HTML_TAG_UNKNOWN && strcasecmp(el->local_name, s->name) == 0;
	case CSS_SEL_ID:
		info = info_of(mc, el);
		return info && info->id && bytes_eq(info->id, info->id_len, s->name, s->name_len, mc->quirks);
	case CSS_SEL_CLASS:
		info = info_of(mc, el);
		return info && class_matches(mc, info, s->name, s->name_len);
	case CSS_SEL_ATTR: return match_attribute(s, el);
	case CSS_SEL_PSEUDO_CLASS: return match_pseudo_class(mc, s, el);
	case CSS_SEL_PSEUDO_ELEMENT: return true; /* the caller matches for that pseudo-element */
	default: return false;
	}
}

static bool match_compound(struct css_match_context *mc, const struct css_compound *c, const struct html_node *el)
{
	for (size_t i = 0; i < c->count; i++)
		if (!match_simple(mc, &c->simples[i], el))
			return false;
	return true;
}

/* Whether compound idx (and everything left of it) matches at el. When
 * anchor is set (relative selectors of :has()), the leftmost compound's
 * element must relate to the anchor by sel->relative. */
static bool match_from(struct css_match_context *mc, const struct css_selector *sel, size_t idx,
		       const struct html_node *el, const struct html_node *anchor)
{
	if (!match_compound(mc, &sel->compounds[idx], el))
		return false;
	if (idx == 0) {
		if (!anchor)
			return true;
		switch (sel->relative) {
		case CSS_COMB_CHILD: return el->parent == anchor;
		case CSS_COMB_NEXT_SIBLING: return prev_element(el) == anchor;
		case CSS_COMB_SUBSEQUENT_SIBLING:
			for (const struct html_node *n = prev_element(el); n; n = prev_element(n))
				if (n == anchor)
					return true;
			return false;
		default:
			for (const struct html_node *n = el->parent; n; n = n->parent)
				if (n == anchor)
					return true;
			return false;
		}
	}
	switch (sel->compounds[idx].combinator) {
	case CSS_COMB_CHILD: {
		const struct html_node *p = parent_element(el);
		return p && match_from(mc, sel, idx - 1, p, anchor);
	}
	case CSS_COMB_DESCENDANT:
		for (const struct html_node *p = parent_element(el); p; p = parent_element(p)) {
			if (anchor && p == anchor)
				return false;
			if (match_from(mc, sel, idx - 1, p, anchor))
				return true;
		}
		return false;
	case CSS_COMB_NEXT_SIBLING: {
		const struct html_node *p = prev_element(el);
		return p && match_from(mc, sel, idx - 1, p, anchor);
	}
	case CSS_COMB_SUBSEQUENT_SIBLING:
		for (const struct html_node *p = prev_element(el); p; p = prev_element(p))
			if (match_from(mc, sel, idx - 1, p, anchor))
				return true;
		return false;
	default: return false;
	}
}

bool css_selector_matches(struct css_match_context *mc, const struct css_selector *sel, const struct html_node *el)
{
	if (mc->depth > MAX_MATCH_DEPTH)
		return false;
	mc->depth++;
	bool ok = match_from(mc, sel, sel->count - 1, el, NULL);
	mc->depth--;
	return ok;
}

bool css_selector_list_matches(struct css_match_context *mc, const struct css_selector_list *l,
			       const struct html_node *el)
{
	for (size_t i = 0; i < l->count; i++)
		if (css_selector_matches(mc, l->items[i], el))
			return true;
	return false;
}

/* Tests every element of the subtree under root (pre-order, iterative). */
static bool subtree_has(struct css_match_context *mc, const struct css_selector *sel, const struct html_node *root,
			const struct html_node *anchor, bool include_root)
{
	if (include_root && match_from(mc, sel, sel->count - 1, root, anchor))
		return true;
	const struct html_node *n = first_child_element(root);
	while (n) {
		if (match_from(mc, sel, sel->count - 1, n, anchor))
			return true;
		const struct html_node *c = first_child_element(n);
		if (c) {
			n = c;
			continue;
		}
		while (n != root) {
			const struct html_node *s = next_element(n);
			if (s) {
				n = s;
				break;
			}
			n = parent_element(n);
			if (!n)
				return false;
		}
		if (n == root)
			break;
	}
	return false;
}

/* :has() (https://drafts.csswg.org/selectors-4/#relational). */
static bool match_has(struct css_match_context *mc, const struct css_selector_list *l, const struct html_node *el)
{
	if (mc->depth > MAX_MATCH_DEPTH)
		return false;
	mc->depth++;
	bool found = false;
	for (size_t i = 0; i < l->count && !found; i++) {
		const struct css_selector *sel = l->items[i];
		if (sel->relative == CSS_COMB_NEXT_SIBLING || sel->relative == CSS_COMB_SUBSEQUENT_SIBLING) {
			for (const struct html_node *s = next_element(el); s && !found; s = next_element(s))
				found = subtree_has(mc, sel, s, el, true);
		} else {
			found = subtree_has(mc, sel, el, el, false);
		}
	}
	mc->depth--;
	return found;
}
