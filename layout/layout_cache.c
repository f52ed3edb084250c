/* The layout result cache, for incremental relayout after a restyle (in the
 * manner of Blink LayoutNG's layout result cache): each block container
 * laid out in a pass with a cache files its result under its element,
 * with the inputs it was laid out with (struct layout_cache_key) and a
 * digest of its box subtree. layout_relayout() builds the box tree again
 * and lays out from the root; a block container whose element did not
 * change, whose subtree digests the same and whose inputs are the same
 * takes its earlier fragment instead of being laid out, so only the path
 * from the changed elements to the root, and what their new geometry
 * moves or resizes, is laid out again. Fragments are relative to their
 * parent: a reused subtree moves for free when its parent places it
 * elsewhere.
 *
 * A result is filed only when it depends on nothing else: no absolutely
 * positioned descendant waits for a containing block outside the subtree,
 * no sticky box is inside (its offset depends on its place in the
 * document), no grid item was laid out a second time (the pass bounds
 * those). A BFC root keeps its floats (its place beside outer floats is
 * in its key). A box in its parent's block formatting context must add no
 * float to it, and the floats there must not have reached down to the
 * highest point where its layout asked about them (line bands, BFC roots
 * beside floats, clearance; struct layout_floats.min_query): then its
 * layout is what it would be without them, whatever its vertical place,
 * and it is reused where the floats again stay above that point. The box
 * digest covers what the box tree took from outside the subtree: counters
 * and quotes (generated text), the ::first-line style of an ancestor, a
 * list item's marker.
 *
 * A reused flex or grid item is a copy of the fragment its layout made
 * (its subtree shared): those containers stretch their items' fragments
 * after laying them out; other parents only set places, again on every
 * layout. Table parts are not cached: table layout moves a cell's content
 * for vertical-align after laying it out.
 *
 * Ownership: the cache belongs to the newest tree (layout_tree.cache);
 * its entries point at fragments of that tree and of the earlier trees it
 * keeps alive (layout_tree.reused_from). */
#include "layout/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct layout_cache_entry {
	const struct html_node *node; /* the element whose box it is */
	uint64_t digest;
	uint32_t subtree_boxes;
	uint32_t generation; /* the pass that filed it */
	struct layout_cache_key key;
	struct layout_block_result result;
	/* The fragment as its layout left it: a flex or grid item is reused
	 * as a copy of it, since the container goes on to stretch it. (Other
	 * parents only set the place and the left margin, which they set
	 * again on a reuse.) */
	struct layout_fragment frag;
	size_t boxes; /* block containers its layout counted */
	/* In its parent's BFC: whether that had floats, and the highest
	 * query about them its layout made, relative to its border box's
	 * BFC y (INFINITY: none). */
	bool had_floats;
	float min_query;
};

struct layout_cache {
	/* The entries, dense, and a table of mask + 1 slots holding an
	 * entry's index plus one (0: free), by element. */
	struct layout_cache_entry *entries;
	size_t count, cap;
	uint32_t *slots;
	size_t mask;
	uint32_t generation; /* the current pass */
	size_t full_bytes; /* the tree arena of the last layout from scratch */
};

/* A set of element pointers (never dereferenced through the set). */
struct layout_dirty_set {
	const struct html_node **slots;
	size_t mask;
};

static size_t hash_ptr(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
	return (size_t)(h ^ h >> 31);
}

/* ---- Box subtree digests -------------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0xFF51AFD7ED558CCDull;
	return h ^ h >> 33;
}

/* What one box was built from: its kind and flags, its element and that
 * element's styles (the style system's, which layout's derived styles
 * follow), its text (generated text included), its image, and the
 * ::first-line style it was given. */
static uint64_t own_digest(const struct css_styled_document *sd, const struct layout_box *b)
{
	uint64_t flags = (uint64_t)b->type | (uint64_t)b->inline_level << 8 | (uint64_t)b->inline_content << 9 |
			 (uint64_t)b->anonymous << 10 | (uint64_t)b->is_float << 11 | (uint64_t)b->is_abspos << 12 |
			 (uint64_t)b->is_marker << 13 | (uint64_t)b->contains_block << 14 | (uint64_t)b->has_intrinsic_ratio << 15 |
			 (uint64_t)b->pseudo << 16 | (uint64_t)b->style->display << 24;
	uint64_t h = mix(flags, (uint64_t)(uintptr_t)b->node);
	h = mix(h, (uint64_t)(uintptr_t)b->text_node);
	const struct html_node *el = b->node ? b->node : b->text_node ? b->text_node->parent : NULL;
	if (el && el->type == HTML_NODE_ELEMENT && el->element_index < sd->element_count) {
		h = mix(h, (uint64_t)(uintptr_t)sd->styles[el->element_index]);
		if (b->node && b->pseudo && sd->pseudo)
			h = mix(h, (uint64_t)(uintptr_t)sd->pseudo[el->element_index * CSS_PSEUDO_COUNT + b->pseudo]);
	}
	h = mix(h, (uint64_t)(uintptr_t)b->first_line);
	h = mix(h, (uint64_t)(uintptr_t)b->image);
	uint32_t iw, ih;
	memcpy(&iw, &b->intrinsic_width, sizeof iw);
	memcpy(&ih, &b->intrinsic_height, sizeof ih);
	h = mix(h, (uint64_t)iw << 32 | ih);
	/* The document's text stays put: its address stands for it.
	 * Generated text (counters, quotes, markers) is made every pass. */
	const struct html_node *t = b->text_node;
	if (b->text && t && b->text >= t->data && b->text + b->len <= t->data + t->data_len)
		h = mix(mix(h, (uint64_t)(uintptr_t)b->text), b->len);
	else if (b->text)
		h = mix(mix(h, b->len), base_hash_bytes(b->text, b->len));
	return h;
}

struct digest_frame {
	struct layout_box *box;
	struct layout_box *next; /* the next child to visit */
	bool marker_done;
	uint64_t h;
	uint32_t boxes;
};

void layout_cache_digest_tree(struct layout_ctx *ctx, struct layout_box *root)
{
	size_t cap = 64, n = 0;
	struct digest_frame *st = base_xmalloc(cap * sizeof *st);
	st[n++] = (struct digest_frame){root, root->first, !root->marker, own_digest(ctx->sd, root), 1};
	while (n > 0) {
		struct digest_frame *top = &st[n - 1];
		struct layout_box *c = NULL;
		/* An outside marker hangs off the block whose first line it
		 * goes on, outside the child list. */
		if (!top->marker_done) {
			top->marker_done = true;
			c = top->box->marker;
		} else if (top->next) {
			c = top->next;
			top->next = c->next;
		}
		if (c) {
			if (n == cap) {
				cap *= 2;
				st = base_xrealloc(st, cap * sizeof *st);
			}
			st[n++] = (struct digest_frame){c, c->first, !c->marker, own_digest(ctx->sd, c), 1};
			continue;
		}
		top->box->digest = mix(top->h, top->boxes);
		top->box->subtree_boxes = top->boxes;
		n--;
		if (n > 0) {
			st[n - 1].h = mix(st[n - 1].h, top->box->digest);
			st[n - 1].boxes += top->box->subtree_boxes;
		}
	}
	free(st);
}

/* ---- The dirty elements --------------------------------------------------- */

static bool dirty_has(const struct layout_dirty_set *d, const struct html_node *n)
{
	if (!d)
		return false;
	for (size_t i = hash_ptr(n) & d->mask;; i = (i + 1) & d->mask)
		if (!d->slots[i] || d->slots[i] == n)
			return d->slots[i] != NULL;
}

/* Puts an element not in the set into a free slot (the table has one). */
static void dirty_insert(struct layout_dirty_set *d, const struct html_node *n)
{
	size_t j = hash_ptr(n) & d->mask;
	while (d->slots[j])
		j = (j + 1) & d->mask;
	d->slots[j] = n;
}

/* The changed elements and their ancestors: their boxes must be laid out
 * again (their own styles or their children's changed). */
static struct layout_dirty_set *dirty_new(const struct html_node *const *changed, size_t count)
{
	struct layout_dirty_set *d = base_xcalloc(1, sizeof *d);
	size_t cap = 64;
	while (cap < 4 * count + 64)
		cap *= 2;
	d->mask = cap - 1;
	d->slots = base_xcalloc(cap, sizeof *d->slots);
	size_t used = 0;
	for (size_t k = 0; k < count; k++) {
		/* An ancestor already in the set has its ancestors in it too. */
		for (const struct html_node *n = changed[k]; n && !dirty_has(d, n); n = n->parent) {
			if (2 * (used + 1) > cap) {
				/* Grow: rehash into a table twice the size. */
				const struct html_node **old = d->slots;
				size_t old_cap = cap;
				cap *= 2;
				d->mask = cap - 1;
				d->slots = base_xcalloc(cap, sizeof *d->slots);
				for (size_t i = 0; i < old_cap; i++)
					if (old[i])
						dirty_insert(d, old[i]);
				free(old);
			}
			dirty_insert(d, n);
			used++;
		}
	}
	return d;
}

static void dirty_free(struct layout_dirty_set *d)
{
	if (!d)
		return;
	free(d->slots);
	free(d);
}

/* ---- The cache -------------------------------------------------------------- */

void layout_cache_free(struct layout_cache *cache)
{
	if (!cache)
		return;
	free(cache->slots);
	free(cache->entries);
	free(cache);
}

/* The slot of an element: its entry's, or the free one it would take. */
static uint32_t *find(struct layout_cache *c, const struct html_node *node)
{
	for (size_t i = hash_ptr(node) & c->mask;; i = (i + 1) & c->mask)
		if (!c->slots[i] || c->entries[c->slots[i] - 1].node == node)
			return &c->slots[i];
}

/* Keeps the entries of generations >= min_generation, in a table with
 * room for at least `room` more. */
static void rehash(struct layout_cache *c, uint32_t min_generation, size_t room)
{
	size_t kept = 0;
	for (size_t i = 0; i < c->count; i++)
		if (c->entries[i].generation >= min_generation)
			c->entries[kept++] = c->entries[i];
	c->count = kept;
	size_t cap = 256;
	while (cap < 2 * (c->count + room))
		cap *= 2;
	free(c->slots);
	c->mask = cap - 1;
	c->slots = base_xcalloc(cap, sizeof *c->slots);
	for (size_t i = 0; i < c->count; i++)
		*find(c, c->entries[i].node) = (uint32_t)(i + 1);
}

/* Whether a box's result may be filed and reused: an element's own
 * principal box in a block container, an inline box, or a flex or grid
 * container. Table parts are left out (table layout moves a cell's
 * content for vertical-align after laying it out), and so are the root
 * element and the body (in quirks mode their heights depend on each
 * other's styles). */
static bool cacheable(const struct layout_ctx *ctx, const struct layout_box *box)
{
	const struct layout_box *p = box->parent;
	const struct html_node *n = box->node;
	if (!ctx->cache || !n || box->anonymous || box->pseudo || !p || n->type != HTML_NODE_ELEMENT)
		return false;
	if (n == ctx->sd->doc->document_element || n->tag == HTML_TAG_BODY)
		return false;
	if (p->type == LAYOUT_BOX_INLINE)
		return true;
	if (p->type != LAYOUT_BOX_BLOCK)
		return false;
	switch (p->style->display) {
	case CSS_DISPLAY_TABLE:
	case CSS_DISPLAY_INLINE_TABLE:
	case CSS_DISPLAY_TABLE_ROW_GROUP:
	case CSS_DISPLAY_TABLE_HEADER_GROUP:
	case CSS_DISPLAY_TABLE_FOOTER_GROUP:
	case CSS_DISPLAY_TABLE_ROW:
	case CSS_DISPLAY_TABLE_COLUMN_GROUP:
	case CSS_DISPLAY_TABLE_COLUMN:
		return false;
	default:
		return true;
	}
}

/* Bit for bit, member by member (the struct has padding). */
static bool same_float(float a, float b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static bool key_equal(const struct layout_cache_key *a, const struct layout_cache_key *b)
{
	return same_float(a->cb_width, b->cb_width) && same_float(a->cb_height, b->cb_height) && same_float(a->width, b->width) &&
	       memcmp(a->margin, b->margin, sizeof a->margin) == 0 && memcmp(a->border, b->border, sizeof a->border) == 0 &&
	       memcmp(a->padding, b->padding, sizeof a->padding) == 0 && same_float(a->bfc_x, b->bfc_x) && a->depth == b->depth &&
	       a->new_bfc == b->new_bfc;
}

static bool is_flex_or_grid(const struct layout_box *b)
{
	return layout_is_flex(b) || layout_is_grid(b);
}

static size_t floats_count(const struct layout_floats *fl)
{
	return fl ? fl->count : 0;
}

/* Whether the floats of the parent's BFC leave a box in it laid out as
 * its entry was: floats there then and now or neither (a BFC root inside
 * is placed through another path beside floats), and none reaching down
 * to the highest point its layout asked about them, less a little for
 * the rounding of that point moved to the box's new place. */
static bool floats_allow(const struct layout_cache_entry *e, const struct layout_floats *fl, float bfc_y)
{
	size_t n = floats_count(fl);
	if ((n > 0) != e->had_floats)
		return false;
	if (n == 0 || isinf(e->min_query))
		return true;
	float q = bfc_y + e->min_query;
	return fl->max_bottom <= q - (1.0f / 64 + fabsf(q) * 1e-6f);
}

bool layout_cache_fetch(struct layout_ctx *ctx, const struct layout_box *box, const struct layout_cache_key *key,
			struct layout_floats *parent_floats, float bfc_y, struct layout_block_result *out, struct layout_cache_mark *mark)
{
	memset(mark, 0, sizeof *mark);
	if (!cacheable(ctx, box))
		return false;
	mark->cacheable = true;
	struct layout_cache *c = ctx->cache;
	uint32_t slot = *find(c, box->node);
	const struct layout_cache_entry *e = slot ? &c->entries[slot - 1] : NULL;
	if (e && e->generation != c->generation && e->digest == box->digest && e->subtree_boxes == box->subtree_boxes &&
	    key_equal(&e->key, key) && (key->new_bfc || floats_allow(e, parent_floats, bfc_y)) &&
	    !dirty_has(ctx->dirty, box->node)) {
		*out = e->result;
		if (is_flex_or_grid(box->parent)) {
			out->frag = base_arena_alloc(&ctx->tree->arena, sizeof *out->frag);
			*out->frag = e->frag;
		}
		ctx->boxes_reused += e->boxes;
		/* Its queries count for the boxes around it being filed. */
		if (!key->new_bfc && isfinite(e->min_query))
			layout_floats_note_query(parent_floats, bfc_y + e->min_query);
		return true;
	}
	mark->had_sticky = ctx->has_sticky;
	ctx->has_sticky = false;
	mark->abspos_len = ctx->abspos.len;
	mark->floats_count = floats_count(parent_floats);
	mark->grid_relayouts = ctx->grid_relayouts;
	mark->boxes = ctx->boxes_laid_out + ctx->boxes_reused;
	if (!key->new_bfc && parent_floats) {
		mark->min_query = parent_floats->min_query;
		parent_floats->min_query = INFINITY;
	}
	return false;
}

void layout_cache_store(struct layout_ctx *ctx, const struct layout_box *box, const struct layout_cache_key *key,
			struct layout_floats *parent_floats, float bfc_y, const struct layout_block_result *out,
			const struct layout_cache_mark *mark)
{
	if (!mark->cacheable)
		return;
	bool sticky = ctx->has_sticky;
	ctx->has_sticky |= mark->had_sticky;
	float query = INFINITY;
	if (!key->new_bfc && parent_floats) {
		query = parent_floats->min_query;
		parent_floats->min_query = BASE_MIN(mark->min_query, query);
	}
	if (sticky || ctx->grid_relayouts != mark->grid_relayouts || layout_positioned_waiting(ctx, mark->abspos_len))
		return;
	size_t n = floats_count(parent_floats);
	/* In the parent's BFC: no float added, and none where it looked. */
	if (!key->new_bfc && (n != mark->floats_count || (n > 0 && !(parent_floats->max_bottom <= query))))
		return;
	struct layout_cache *c = ctx->cache;
	if (2 * (c->count + 1) > c->mask + 1)
		rehash(c, 0, c->count + 1);
	uint32_t *slot = find(c, box->node);
	if (!*slot) {
		if (c->count == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 256;
			c->entries = base_xrealloc(c->entries, c->cap * sizeof *c->entries);
		}
		*slot = (uint32_t)++c->count;
	}
	c->entries[*slot - 1] = (struct layout_cache_entry){
		.node = box->node,
		.digest = box->digest,
		.subtree_boxes = box->subtree_boxes,
		.generation = c->generation,
		.key = *key,
		.result = *out,
		.frag = *out->frag,
		.boxes = ctx->boxes_laid_out + ctx->boxes_reused - mark->boxes,
		.had_floats = n > 0,
		.min_query = key->new_bfc || isinf(query) ? INFINITY : query - bfc_y,
	};
}

/* ---- Passes ------------------------------------------------------------------- */

struct layout_cache *layout_cache_new(void)
{
	struct layout_cache *c = base_xcalloc(1, sizeof *c);
	c->mask = 1023;
	c->slots = base_xcalloc(c->mask + 1, sizeof *c->slots);
	return c;
}

void layout_cache_note_full(struct layout_cache *cache, const struct layout_tree *tree)
{
	cache->full_bytes = tree->arena.bytes;
}

/* Memory of the trees a relaid-out tree would keep alive. */
static size_t chain_bytes(const struct layout_tree *t)
{
	size_t bytes = 0;
	for (; t; t = t->reused_from)
		bytes += t->arena.bytes;
	return bytes;
}

/* Old fragments kept alive stay within this many times one full layout's
 * memory; past it, a relayout starts from scratch and frees them. */
#define LAYOUT_CACHE_MAX_RETAINED 3

struct layout_tree *layout_relayout(const struct css_styled_document *sd, const struct layout_options *opt, struct layout_tree *prev,
				    const struct html_node *const *changed, size_t count)
{
	struct layout_cache *cache = prev ? prev->cache : NULL;
	if (!cache || chain_bytes(prev) > LAYOUT_CACHE_MAX_RETAINED * cache->full_bytes) {
		layout_tree_free(prev);
		return layout_document(sd, opt);
	}
	prev->cache = NULL;
	cache->generation++;
	struct layout_dirty_set *dirty = dirty_new(changed, count);
	struct layout_tree *tree = layout_run(sd, opt, cache, dirty);
	dirty_free(dirty);
	if (tree->boxes_reused == 0) {
		/* Nothing of the earlier trees is in this one: they go, and
		 * the entries pointing into them. */
		rehash(cache, cache->generation, 0);
		layout_tree_free(prev);
		cache->full_bytes = tree->arena.bytes;
	} else {
		tree->reused_from = prev;
	}
	return tree;
}
