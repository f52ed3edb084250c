/* The list of active formatting elements, its reconstruction, and the
 * adoption agency algorithm.
 * https://html.spec.whatwg.org/multipage/parsing.html#the-list-of-active-formatting-elements
 * https://html.spec.whatwg.org/multipage/parsing.html#adoption-agency-algorithm */
#include "html/tree.h"

#include <string.h>

static void afe_insert_at(struct html_tree *tb, size_t at, struct html_node *el)
{
	if (tb->afe_len == tb->afe_cap) {
		tb->afe_cap = tb->afe_cap ? tb->afe_cap * 2 : 16;
		tb->afe = base_xrealloc(tb->afe, tb->afe_cap * sizeof *tb->afe);
	}
	memmove(&tb->afe[at + 1], &tb->afe[at], (tb->afe_len - at) * sizeof *tb->afe);
	tb->afe[at].el = el;
	tb->afe_len++;
}

static void afe_remove_at(struct html_tree *tb, size_t at)
{
	memmove(&tb->afe[at], &tb->afe[at + 1], (tb->afe_len - at - 1) * sizeof *tb->afe);
	tb->afe_len--;
}

static size_t afe_index(const struct html_tree *tb, const struct html_node *el)
{
	for (size_t i = tb->afe_len; i-- > 0;)
		if (tb->afe[i].el == el)
			return i;
	return SIZE_MAX;
}

static bool same_attrs(const struct html_node *a, const struct html_node *b)
{
	if (a->attr_count != b->attr_count)
		return false;
	for (size_t i = 0; i < a->attr_count; i++) {
		size_t j = 0;
		for (; j < b->attr_count; j++)
			if (a->attrs[i].name == b->attrs[j].name && a->attrs[i].ns == b->attrs[j].ns)
				break;
		if (j == b->attr_count || a->attrs[i].value_len != b->attrs[j].value_len ||
		    memcmp(a->attrs[i].value, b->attrs[j].value, a->attrs[i].value_len) != 0)
			return false;
	}
	return true;
}

/* https://html.spec.whatwg.org/multipage/parsing.html#push-onto-the-list-of-active-formatting-elements */
void html_afe_push(struct html_tree *tb, struct html_node *el)
{
	/* Noah's Ark: at most three identical elements after the last marker. */
	size_t count = 0, earliest = SIZE_MAX;
	for (size_t i = tb->afe_len; i-- > 0;) {
		struct html_node *e = tb->afe[i].el;
		if (!e)
			break;
		if (e->local_name == el->local_name && e->ns == el->ns && same_attrs(e, el)) {
			count++;
			earliest = i;
		}
	}
	if (count >= 3)
		afe_remove_at(tb, earliest);
	afe_insert_at(tb, tb->afe_len, el);
}

void html_afe_push_marker(struct html_tree *tb)
{
	afe_insert_at(tb, tb->afe_len, NULL);
}

void html_afe_clear_to_marker(struct html_tree *tb)
{
	while (tb->afe_len) {
		struct html_node *e = tb->afe[--tb->afe_len].el;
		if (!e)
			return;
	}
}

void html_afe_remove(struct html_tree *tb, struct html_node *el)
{
	size_t i = afe_index(tb, el);
	if (i != SIZE_MAX)
		afe_remove_at(tb, i);
}

struct html_node *html_afe_find_after_marker(const struct html_tree *tb, enum html_tag tag)
{
	for (size_t i = tb->afe_len; i-- > 0;) {
		struct html_node *e = tb->afe[i].el;
		if (!e)
			return NULL;
		if (html_is(e, tag))
			return e;
	}
	return NULL;
}

bool html_afe_contains(const struct html_tree *tb, const struct html_node *el)
{
	return afe_index(tb, el) != SIZE_MAX;
}

static struct html_node *clone_for_token(struct html_tree *tb, const struct html_node *el)
{
	return html_tree_create_element(tb, el->local_name, el->tag, el->ns, el->attrs, el->attr_count);
}

/* https://html.spec.whatwg.org/multipage/parsing.html#reconstruct-the-active-formatting-elements */
void html_reconstruct_afe(struct html_tree *tb)
{
	if (!tb->afe_len)
		return;
	struct html_node *last = tb->afe[tb->afe_len - 1].el;
	if (!last || html_stack_contains(tb, last))
		return;
	size_t i = tb->afe_len - 1;
	while (i > 0) {
		struct html_node *e = tb->afe[i - 1].el;
		if (!e || html_stack_contains(tb, e))
			break;
		i--;
	}
	for (; i < tb->afe_len; i++) {
		struct html_token t = {.type = HTML_TOKEN_START_TAG,
				       .name = tb->afe[i].el->local_name,
				       .tag = tb->afe[i].el->tag,
				       .attrs = tb->afe[i].el->attrs,
				       .attr_count = tb->afe[i].el->attr_count};
		tb->afe[i].el = html_insert_html_element(tb, &t);
	}
}

static size_t stack_index(const struct html_tree *tb, const struct html_node *n)
{
	for (size_t i = tb->depth; i-- > 0;)
		if (tb->stack[i] == n)
			return i;
	return SIZE_MAX;
}

bool html_adoption_agency(struct html_tree *tb, struct html_token *tok)
{
	enum html_tag subject = tok->tag;
	struct html_node *cur = html_current(tb);
	if (html_is(cur, subject) && !html_afe_contains(tb, cur)) {
		html_pop(tb);
		return true;
	}
	for (int outer = 0; outer < 8; outer++) {
		struct html_node *fe = html_afe_find_after_marker(tb, subject);
		if (!fe)
			return false;
		size_t fe_stack = stack_index(tb, fe);
		if (fe_stack == SIZE_MAX) {
			html_tree_error(tb, "adoption-agency-1.2");
			html_afe_remove(tb, fe);
			return true;
		}
		if (!html_node_in_scope(tb, fe, HTML_SCOPE_DEFAULT)) {
			html_tree_error(tb, "adoption-agency-1.3");
			return true;
		}
		if (fe != html_current(tb))
			html_tree_error(tb, "adoption-agency-1.3");
		size_t fb_index = SIZE_MAX;
		for (size_t i = fe_stack + 1; i < tb->depth; i++) {
			if (html_is_special(tb->stack[i])) {
				fb_index = i;
				break;
			}
		}
		if (fb_index == SIZE_MAX) {
			html_pop_until_node(tb, fe);
			html_afe_remove(tb, fe);
			return true;
		}
		struct html_node *furthest = tb->stack[fb_index];
		tb->reordered = true;
		struct html_node *common = tb->stack[fe_stack - 1];
		size_t bookmark = afe_index(tb, fe);
		struct html_node *last = furthest;
		size_t ni = fb_index;
		for (int inner = 1;; inner++) {
			ni--;
			struct html_node *node = tb->stack[ni];
			if (node == fe)
				break;
			size_t ai = afe_index(tb, node);
			if (inner > 3 && ai != SIZE_MAX) {
				afe_remove_at(tb, ai);
				if (ai < bookmark)
					bookmark--;
				ai = SIZE_MAX;
			}
			if (ai == SIZE_MAX) {
				html_remove_from_stack(tb, node);
				continue;
			}
			struct html_node *copy = clone_for_token(tb, node);
			tb->afe[ai].el = copy;
			tb->stack[ni] = copy;
			node = copy;
			if (last == furthest)
				bookmark = ai + 1;
			html_tree_detach(last);
			html_tree_append(node, last);
			last = node;
		}
		html_tree_detach(last);
		struct html_node *parent, *before;
		html_appropriate_place(tb, common, &parent, &before);
		html_tree_insert_before(parent, last, before);
		struct html_node *copy = clone_for_token(tb, fe);
		while (furthest->first_child) {
			struct html_node *c = furthest->first_child;
			html_tree_detach(c);
			html_tree_append(copy, c);
		}
		html_tree_append(furthest, copy);
		size_t fe_afe = afe_index(tb, fe);
		afe_remove_at(tb, fe_afe);
		if (fe_afe < bookmark)
			bookmark--;
		afe_insert_at(tb, bookmark, copy);
		html_remove_from_stack(tb, fe);
		size_t fbi = stack_index(tb, furthest);
		html_push(tb, copy); /* grow, then move into place */
		memmove(&tb->stack[fbi + 2], &tb->stack[fbi + 1], (tb->depth - fbi - 2) * sizeof *tb->stack);
		tb->stack[fbi + 1] = copy;
	}
	return true;
}
