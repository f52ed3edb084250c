/* css_style_document(): gathers the stylesheets, prepares per-element
 * matching facts (ids, classes, the ancestor Bloom filter, style
 * attributes, presentational hints), then styles the tree top-down in
 * parallel, one depth level at a time: every element of a level only
 * needs its parent's style, which the previous level computed. Chunks of
 * a level are handed out by base_pool_parallel_for; each worker has its
 * own arena and sharing cache. The values computed do not depend on the
 * schedule, so 1 and N threads give identical styles (only which pointer
 * is shared may differ).
 *
 * Ownership: the styled document owns the worker arenas (styles), the
 * sheet set and the side tables; css_styled_document_free releases all. */
#include "css/cascade.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK 32

static void split_classes(struct base_arena *a, const char *v, struct css_element_info *info)
{
	size_t n = 0;
	for (const char *p = v; *p;) {
		while (*p && base_is_ascii_ws(*p))
			p++;
		if (!*p)
			break;
		n++;
		while (*p && !base_is_ascii_ws(*p))
			p++;
	}
	if (!n)
		return;
	info->classes = base_arena_alloc(a, n * sizeof *info->classes);
	for (const char *p = v; *p;) {
		while (*p && base_is_ascii_ws(*p))
			p++;
		if (!*p)
			break;
		const char *start = p;
		while (*p && !base_is_ascii_ws(*p))
			p++;
		info->classes[info->class_count].ptr = start;
		info->classes[info->class_count].len = (size_t)(p - start);
		info->class_count++;
	}
}

/* Ids, classes and the ancestor Bloom filter, in document order so that
 * a parent's filter is ready before its children's. */
static void prepare_elements(struct css_styled_private *priv)
{
	const struct html_document *doc = priv->sd.doc;
	struct css_styler *st = &priv->styler;
	struct base_arena *a = &priv->sd.arena;
	st->info = base_arena_calloc(a, doc->element_count ? doc->element_count : 1, sizeof *st->info);
	st->attr_blocks = base_arena_calloc(a, doc->element_count ? doc->element_count : 1, sizeof *st->attr_blocks);
	st->hint_blocks = base_arena_calloc(a, doc->element_count ? doc->element_count : 1, sizeof *st->hint_blocks);
	for (size_t i = 0; i < doc->element_count; i++) {
		const struct html_node *el = doc->elements[i];
		struct css_element_info *info = &st->info[i];
		const char *id = html_element_attr_value(el, "id");
		if (id && *id) {
			info->id = id;
			info->id_len = strlen(id);
		}
		const char *cls = html_element_attr_value(el, "class");
		if (cls)
			split_classes(a, cls, info);
		const struct html_node *p = el->parent;
		if (p && p->type == HTML_NODE_ELEMENT && p->element_index < doc->element_count) {
			const struct css_element_info *pi = &st->info[p->element_index];
			info->ancestors = pi->ancestors;
			css_bloom_add(&info->ancestors, css_hash_name(p->local_name, strlen(p->local_name), true));
			if (pi->id)
				css_bloom_add(&info->ancestors, css_hash_name(pi->id, pi->id_len, true));
			for (size_t c = 0; c < pi->class_count; c++)
				css_bloom_add(&info->ancestors, css_hash_name(pi->classes[c].ptr, pi->classes[c].len, true));
		}
		const char *style = html_element_attr_value(el, "style");
		if (style && *style && (el->ns == HTML_NS_HTML || el->ns == HTML_NS_SVG || el->ns == HTML_NS_MATHML))
			css_parse_declarations_text(&priv->sheets, &priv->sheets.arena, style, strlen(style),
						    priv->opt.document_path, &st->attr_blocks[i]);
		css_presentational_hints(&priv->sheets, &priv->sheets.arena, el, &st->hint_blocks[i]);
	}
}

struct level_job {
	struct css_styled_private *priv;
	const uint32_t *elements;
	size_t count;
};

static void style_chunk(void *ctx, size_t chunk, int worker)
{
	struct level_job *job = ctx;
	struct css_styled_private *priv = job->priv;
	struct css_styled_document *sd = &priv->sd;
	struct css_worker *w = &priv->workers[worker];
	size_t end = BASE_MIN((chunk + 1) * CHUNK, job->count);
	for (size_t k = chunk * CHUNK; k < end; k++) {
		uint32_t i = job->elements[k];
		const struct html_node *el = sd->doc->elements[i];
		const struct html_node *p = el->parent;
		const struct css_style *parent = p && p->type == HTML_NODE_ELEMENT && p->element_index < sd->element_count
							 ? sd->styles[p->element_index]
							 : NULL;
		const struct css_style *pseudo[CSS_PSEUDO_COUNT];
		sd->styles[i] = css_style_element(&priv->styler, w, el, parent, pseudo);
		for (int ps = 1; ps < CSS_PSEUDO_COUNT; ps++)
			sd->pseudo[(size_t)i * CSS_PSEUDO_COUNT + (size_t)ps] = pseudo[ps];
		w->styled++;
	}
}

/* Groups elements by depth (a counting sort) and styles level by level. */
static void style_tree(struct css_styled_private *priv, struct base_pool *pool)
{
	struct css_styled_document *sd = &priv->sd;
	size_t n = sd->element_count;
	if (!n)
		return;
	uint32_t *depth = base_xcalloc(n, sizeof *depth);
	uint32_t max_depth = 0;
	for (size_t i = 0; i < n; i++) {
		const struct html_node *p = sd->doc->elements[i]->parent;
		if (p && p->type == HTML_NODE_ELEMENT && p->element_index < n)
			depth[i] = depth[p->element_index] + 1;
		if (depth[i] > max_depth)
			max_depth = depth[i];
	}
	size_t *start = base_xcalloc((size_t)max_depth + 2, sizeof *start);
	for (size_t i = 0; i < n; i++)
		start[depth[i] + 1]++;
	for (uint32_t d = 0; d <= max_depth; d++)
		start[d + 1] += start[d];
	uint32_t *order = base_xcalloc(n, sizeof *order);
	size_t *fill = base_xcalloc((size_t)max_depth + 1, sizeof *fill);
	for (size_t i = 0; i < n; i++)
		order[start[depth[i]] + fill[depth[i]]++] = (uint32_t)i;
	for (uint32_t d = 0; d <= max_depth; d++) {
		struct level_job job = { priv, order + start[d], start[d + 1] - start[d] };
		size_t chunks = (job.count + CHUNK - 1) / CHUNK;
		if (pool && chunks > 1)
			base_pool_parallel_for(pool, chunks, style_chunk, &job);
		else
			for (size_t c = 0; c < chunks; c++)
				style_chunk(&job, c, 0);
		if (d == 0 && sd->doc->document_element && sd->doc->document_element->element_index < n) {
			const struct css_style *root = sd->styles[sd->doc->document_element->element_index];
			priv->styler.root_font_size = root->font_size;
		}
	}
	free(fill);
	free(order);
	free(start);
	free(depth);
}

struct css_styled_document *css_style_document(const struct html_document *doc, const struct css_style_options *opt)
{
	if (!doc)
		return NULL;
	struct css_styled_private *priv = base_xcalloc(1, sizeof *priv);
	struct css_styled_document *sd = &priv->sd;
	if (opt)
		priv->opt = *opt;
	if (priv->opt.media.viewport_width <= 0)
		priv->opt.media.viewport_width = 800;
	if (priv->opt.media.viewport_height <= 0)
		priv->opt.media.viewport_height = 600;
	if (priv->opt.media.device_pixel_ratio <= 0)
		priv->opt.media.device_pixel_ratio = 1;
	base_arena_init(&sd->arena, 64 * 1024);
	sd->doc = doc;
	sd->element_count = doc->element_count;
	sd->initial = css_initial_containing_block_style(&sd->arena);
	sd->styles = base_arena_calloc(&sd->arena, doc->element_count ? doc->element_count : 1, sizeof *sd->styles);
	sd->pseudo = base_arena_calloc(&sd->arena, (doc->element_count ? doc->element_count : 1) * CSS_PSEUDO_COUNT,
				       sizeof *sd->pseudo);

	css_sheets_init(&priv->sheets, doc, &priv->opt);
	css_sheets_add_text(&priv->sheets, css_ua_stylesheet, css_ua_stylesheet_len, CSS_ORIGIN_USER_AGENT, NULL);
	if (doc->quirks == HTML_QUIRKS)
		css_sheets_add_text(&priv->sheets, css_ua_quirks_stylesheet, css_ua_quirks_stylesheet_len,
				    CSS_ORIGIN_USER_AGENT, NULL);
	css_sheets_add_document(&priv->sheets);
	css_sheets_finish(&priv->sheets);

	struct css_styler *st = &priv->styler;
	st->sheets = &priv->sheets;
	st->doc = doc;
	st->opt = &priv->opt;
	st->initial = sd->initial;
	st->root_font_size = 16;
	prepare_elements(priv);

	struct base_pool *pool = priv->opt.pool;
	priv->worker_count = pool ? base_pool_threads(pool) : 1;
	priv->workers = base_xcalloc((size_t)priv->worker_count, sizeof *priv->workers);
	for (int i = 0; i < priv->worker_count; i++)
		css_worker_init(&priv->workers[i], priv->sheets.revalidation_count);
	style_tree(priv, pool);
	sd->uses_user_action = priv->sheets.uses_user_action;
	for (int i = 0; i < priv->worker_count; i++) {
		sd->shared_count += priv->workers[i].shared;
		css_worker_release_scratch(&priv->workers[i]);
	}
	return sd;
}

bool css_styled_document_set_media(struct css_styled_document *sd, const struct css_media *m)
{
	struct css_styled_private *priv = (struct css_styled_private *)sd;
	const struct css_sheet_set *s = &priv->sheets;
	bool same_size = m->viewport_width == priv->opt.media.viewport_width && m->viewport_height == priv->opt.media.viewport_height;
	if (!same_size && s->uses_viewport_units)
		return false;
	if (m->device_pixel_ratio != priv->opt.media.device_pixel_ratio)
		return false;
	for (size_t i = 0; i < s->media_use_count; i++)
		if (css_media_list_matches(s->media_uses[i].query, m) != s->media_uses[i].matched)
			return false;
	priv->opt.media = *m;
	return true;
}

void css_styled_document_free(struct css_styled_document *sd)
{
	if (!sd)
		return;
	struct css_styled_private *priv = (struct css_styled_private *)sd;
	for (int i = 0; i < priv->worker_count; i++)
		base_arena_free(&priv->workers[i].arena);
	free(priv->workers);
	if (priv->restyle) {
		css_worker_release_scratch(priv->restyle);
		base_arena_free(&priv->restyle->arena);
		free(priv->restyle);
	}
	css_sheets_free(&priv->sheets);
	base_arena_free(&sd->arena);
	free(priv);
}
