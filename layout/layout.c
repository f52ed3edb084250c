/* layout_document: the layout pass. Builds the box tree, lays out the
 * initial containing block (CSS 2.1 §10.1) and the root element in it,
 * places positioned boxes, and computes scrollable overflow (CSS Overflow 3
 * §2.2) for the document size. */
#include "layout/internal.h"

#include <stdlib.h>
#include <string.h>

/* Scrollable overflow: the union of the border box and the children's
 * overflow, except where a box clips. Bounded by the box tree depth cap.
 * Fragments an incremental relayout reused keep theirs. Returns whether
 * the whole subtree was reached. */
static bool compute_overflow(struct layout_fragment *f, int depth)
{
	if (f->overflow_known)
		return true;
	struct layout_rect r = {0, 0, f->width, f->height};
	bool complete = f->child_count == 0 || depth < 4 * LAYOUT_MAX_DEPTH;
	for (size_t i = 0; i < f->child_count && depth < 4 * LAYOUT_MAX_DEPTH; i++) {
		struct layout_fragment *c = f->children[i];
		complete &= compute_overflow(c, depth + 1);
		if (f->clips_overflow)
			continue;
		struct layout_rect o = c->clips_overflow ? (struct layout_rect){0, 0, c->width, c->height} : c->overflow;
		float x0 = c->x + o.x, y0 = c->y + o.y;
		if (o.width <= 0 && o.height <= 0)
			continue;
		float x1 = BASE_MAX(r.x + r.width, x0 + o.width), y1 = BASE_MAX(r.y + r.height, y0 + o.height);
		r.x = BASE_MIN(r.x, x0);
		r.y = BASE_MIN(r.y, y0);
		r.width = x1 - r.x;
		r.height = y1 - r.y;
	}
	f->overflow = r;
	f->overflow_known = complete;
	return complete;
}

struct layout_tree *layout_run(const struct css_styled_document *sd, const struct layout_options *opt, struct layout_cache *cache,
			       struct layout_dirty_set *dirty)
{
	struct layout_tree *tree = base_xcalloc(1, sizeof *tree);
	base_arena_init(&tree->arena, 1 << 16);
	tree->viewport_width = opt->viewport_width;
	tree->viewport_height = opt->viewport_height;
	tree->cache = cache;
	struct layout_ctx ctx = {.sd = sd, .opt = opt, .tree = tree, .cache = cache, .dirty = dirty};
	base_arena_init(&ctx.scratch, 1 << 16);
	base_map_init(&ctx.font_lists);
	base_map_init(&ctx.anon_styles);
	ctx.shape_cache = opt->shape_cache ? opt->shape_cache : layout_shape_cache_new();

	struct layout_box *icb = layout_build_box_tree(&ctx);
	if (cache)
		layout_cache_digest_tree(&ctx, icb);
	struct layout_block_result r;
	layout_bfc_root(&ctx, icb, opt->viewport_width, opt->viewport_height, opt->viewport_width, 0, &r);
	tree->root = r.frag;
	tree->root->x = tree->root->y = 0;
	compute_overflow(tree->root, 0);
	layout_sticky_apply(&ctx, tree->root);
	struct layout_rect o = tree->root->overflow;
	tree->document_width = BASE_MAX(opt->viewport_width, o.x + o.width);
	tree->document_height = BASE_MAX(opt->viewport_height, o.y + o.height);
	tree->boxes_laid_out = ctx.boxes_laid_out;
	tree->boxes_reused = ctx.boxes_reused;

	base_vec_free(&ctx.abspos);
	base_map_free(&ctx.font_lists);
	base_map_free(&ctx.anon_styles);
	layout_shape_cache_pass_end(ctx.shape_cache);
	if (ctx.shape_cache != opt->shape_cache)
		layout_shape_cache_free(ctx.shape_cache);
	layout_shape_scratch_free(&ctx);
	layout_para_spares_free(&ctx);
	base_arena_free(&ctx.scratch);
	return tree;
}

struct layout_tree *layout_document(const struct css_styled_document *sd, const struct layout_options *opt)
{
	struct layout_cache *cache = opt->cache ? layout_cache_new() : NULL;
	struct layout_tree *tree = layout_run(sd, opt, cache, NULL);
	if (cache)
		layout_cache_note_full(cache, tree);
	return tree;
}

/* A relaid-out tree owns the earlier trees it reuses fragments of: the
 * chain is freed newest first, without recursion. */
void layout_tree_free(struct layout_tree *tree)
{
	while (tree) {
		struct layout_tree *older = tree->reused_from;
		layout_cache_free(tree->cache);
		base_arena_free(&tree->arena);
		free(tree);
		tree = older;
	}
}
