/* Hit testing, pointer state, anchors and links: what the viewer needs. */
#include "shell/api/document.h"
#include "shell/api/url.h"

#include <stdlib.h>
#include <string.h>

/* Restyles add styles to the styled document (the replaced ones stay
 * alive for the fragment tree); after this many restyled elements, the
 * next state change styles from scratch, which frees them. */
#define WEFT_MAX_RESTYLED 20000
/* Larger than any document, for "repaint everything". */
#define WEFT_MAX_DOCUMENT 1e9f

static const struct html_node *enclosing_link(const struct html_node *n)
{
	for (; n; n = n->parent)
		if (n->type == HTML_NODE_ELEMENT && n->ns == HTML_NS_HTML &&
		    (n->tag == HTML_TAG_A || n->tag == HTML_TAG_AREA) && html_element_attr(n, "href"))
			return n;
	return NULL;
}

int weft_document_hit_test(struct weft_document *doc, float x, float y, struct weft_hit *hit)
{
	memset(hit, 0, sizeof *hit);
	int rc = weft_document_layout(doc, NULL);
	if (rc != WEFT_OK)
		return rc;
	const struct html_node *el = layout_hit_test(doc->layout, x, y);
	const struct html_node *link = enclosing_link(el);
	if (link) {
		hit->is_link = true;
		snprintf(hit->href, sizeof hit->href, "%s", html_element_attr_value(link, "href"));
	}
	const struct css_style *style = el ? css_style_of(doc->styled, el) : NULL;
	if (style && style->cursor == CSS_CURSOR_POINTER)
		hit->cursor = 1;
	else if (style && style->cursor == CSS_CURSOR_TEXT)
		hit->cursor = 2;
	else if (link && (!style || style->cursor == CSS_CURSOR_AUTO))
		hit->cursor = 1;
	return WEFT_OK;
}

/* Restyles after doc->state changed from `from`: only the elements the
 * stylesheets' invalidation data points at, then keeps layout when only
 * paint-only values changed, and the display list when nothing did. */
static enum weft_damage restyle(struct weft_document *doc, const struct css_element_state *from)
{
	struct css_restyle_result r;
	if (doc->styled->restyled_total > WEFT_MAX_RESTYLED || !css_restyle_elements(doc->styled, from, &r)) {
		shell_document_invalidate(doc, 1);
		return WEFT_DAMAGE_RESTYLE;
	}
	doc->timings.restyled_elements = r.restyled;
	if (r.damage == CSS_DAMAGE_NONE)
		return WEFT_DAMAGE_NONE;
	if (r.damage == CSS_DAMAGE_REPAINT && doc->layout &&
	    layout_restyle_fragments(doc->layout, r.replaced, r.replaced_count, &doc->damage_area)) {
		/* The items of the restyled fragments are made again in place,
		 * and only those that differ are damage; the whole list only
		 * when painting order may change. */
		struct layout_rect items_damage;
		if (paint_display_list_restyle(doc->display_list, &doc->image_provider, &items_damage))
			doc->damage_area = items_damage;
		else
			shell_document_invalidate(doc, 3);
		return WEFT_DAMAGE_REPAINT;
	}
	shell_document_relayout(doc, r.replaced, r.replaced_count);
	return WEFT_DAMAGE_RELAYOUT;
}

bool weft_document_set_pointer(struct weft_document *doc, float x, float y, bool active)
{
	const struct html_node *el = NULL;
	if (x >= 0 && y >= 0 && weft_document_layout(doc, NULL) == WEFT_OK)
		el = layout_hit_test(doc->layout, x, y);
	const struct html_node *act = active ? el : NULL;
	if (el == doc->state.hover && act == doc->state.active)
		return false;
	struct css_element_state from = doc->state;
	doc->state.hover = el;
	doc->state.active = act;
	/* Without a :hover/:active rule the state cannot change any style,
	 * so layout and the display list stay. */
	if (doc->styled && !doc->styled->uses_user_action)
		return false;
	uint64_t t0 = base_now_ns();
	doc->timings.restyled_elements = 0;
	/* Everything, unless a paint-only restyle says less. */
	doc->damage_area = (struct layout_rect){ 0, 0, WEFT_MAX_DOCUMENT, WEFT_MAX_DOCUMENT };
	enum weft_damage damage = WEFT_DAMAGE_RESTYLE;
	if (doc->styled)
		damage = restyle(doc, &from);
	else
		shell_document_invalidate(doc, 1);
	doc->timings.restyle_ns = base_now_ns() - t0;
	doc->timings.damage = damage;
	return damage != WEFT_DAMAGE_NONE;
}

void weft_document_damage_area(const struct weft_document *doc, float *x, float *y, float *width, float *height)
{
	*x = doc->damage_area.x;
	*y = doc->damage_area.y;
	*width = doc->damage_area.width;
	*height = doc->damage_area.height;
}

static bool contains_ignoring_case(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; m && i + m <= n; i++)
		if (base_ascii_ieq(hay + i, m, needle, m))
			return true;
	return false;
}

size_t weft_document_find_text(struct weft_document *doc, const char *text, struct weft_rect *out, size_t max)
{
	size_t len = text ? strlen(text) : 0, count = 0;
	if (!len || weft_document_layout(doc, NULL) != WEFT_OK || !doc->layout->root)
		return 0;
	struct frame {
		const struct layout_fragment *f;
		float x, y;
	};
	size_t n = 0, cap = 256;
	struct frame *st = base_xmalloc(cap * sizeof *st);
	st[n++] = (struct frame){ doc->layout->root, doc->layout->root->x, doc->layout->root->y };
	while (n) {
		struct frame fr = st[--n];
		const struct layout_fragment *f = fr.f;
		if (f->kind == LAYOUT_FRAG_TEXT && f->text && contains_ignoring_case(f->text, f->text_len, text, len)) {
			if (count < max)
				out[count] = (struct weft_rect){ fr.x, fr.y, f->width, f->height };
			count++;
		}
		if (n + f->child_count > cap) {
			cap = (n + f->child_count) * 2;
			st = base_xrealloc(st, cap * sizeof *st);
		}
		for (size_t i = f->child_count; i-- > 0;)
			st[n++] = (struct frame){ f->children[i], fr.x + f->children[i]->x, fr.y + f->children[i]->y };
	}
	free(st);
	return count;
}

static const struct html_node *find_anchor(const struct html_document *d, const char *name)
{
	for (size_t i = 0; i < d->element_count; i++) {
		const struct html_node *el = d->elements[i];
		const char *id = html_element_attr_value(el, "id");
		if (id && strcmp(id, name) == 0)
			return el;
	}
	for (size_t i = 0; i < d->element_count; i++) {
		const struct html_node *el = d->elements[i];
		const char *n = el->tag == HTML_TAG_A ? html_element_attr_value(el, "name") : NULL;
		if (n && strcmp(n, name) == 0)
			return el;
	}
	return NULL;
}

/* https://html.spec.whatwg.org/multipage/browsing-the-web.html#the-indicated-part-of-the-document */
bool weft_document_anchor_position(struct weft_document *doc, const char *fragment, float *y)
{
	*y = 0;
	if (!fragment || !*fragment || strcmp(fragment, "top") == 0)
		return fragment && *fragment;
	if (weft_document_layout(doc, NULL) != WEFT_OK)
		return false;
	const struct html_node *el = find_anchor(doc->html, fragment);
	struct layout_rect r;
	if (!el || !layout_element_rect(doc->layout, el, &r))
		return false;
	*y = r.y;
	return true;
}

const char *weft_document_resolve_link(struct weft_document *doc, const char *href, char *fragment,
				       size_t fragment_size)
{
	const char *out;
	enum shell_url_kind k = shell_url_resolve(&doc->arena, doc->engine->root_dir, doc->path, href, strlen(href),
						  &out, fragment, fragment_size);
	return k == SHELL_URL_FILE ? out : NULL;
}
