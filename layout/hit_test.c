/* Hit testing: the deepest element fragment whose border box contains a
 * document point, children tested after (above) their parents and later
 * siblings above earlier ones, as painting order is in normal flow. Clipping
 * boxes exclude descendants outside them, and subtrees whose overflow
 * rectangle misses the point are skipped. Explicit stack, no recursion. */
#include "layout/internal.h"

#include <stdlib.h>

const struct html_node *layout_hit_test(const struct layout_tree *tree, float x, float y)
{
	struct frame {
		const struct layout_fragment *f;
		float x, y;
		int depth;
	};
	size_t cap = 256, n = 0;
	struct frame *st = base_xmalloc(cap * sizeof *st);
	const struct html_node *hit = NULL;
	if (tree->root)
		st[n++] = (struct frame){tree->root, tree->root->x, tree->root->y, 0};
	/* Depth-first in tree order; the last containing element wins. */
	while (n > 0) {
		struct frame fr = st[--n];
		const struct layout_fragment *f = fr.f;
		/* The overflow rectangle holds the fragment and all its
		 * descendants (where compute_overflow() reached them). */
		const struct layout_rect *o = &f->overflow;
		if (fr.depth < 4 * LAYOUT_MAX_DEPTH &&
		    !(x >= fr.x + o->x && y >= fr.y + o->y && x < fr.x + o->x + o->width && y < fr.y + o->y + o->height))
			continue;
		bool inside = x >= fr.x && y >= fr.y && x < fr.x + f->width && y < fr.y + f->height;
		if (inside && f->node && f->node->type == HTML_NODE_ELEMENT)
			hit = f->node;
		else if (inside && f->kind == LAYOUT_FRAG_TEXT && f->text_node && f->text_node->parent)
			hit = f->text_node->parent;
		if (f->clips_overflow && !inside)
			continue;
		for (size_t i = f->child_count; i-- > 0;) {
			if (n == cap) {
				cap *= 2;
				st = base_xrealloc(st, cap * sizeof *st);
			}
			const struct layout_fragment *c = f->children[i];
			st[n++] = (struct frame){c, fr.x + c->x, fr.y + c->y, fr.depth + 1};
		}
	}
	free(st);
	return hit;
}
