/* css/cascade.h: matching and cascading one element (cascade.c), the
 * per-thread state of the traversal (traversal.c). Internal to css/. */
#ifndef WEFT_CSS_CASCADE_H
#define WEFT_CSS_CASCADE_H

#include "css/computed.h"
#include "css/var.h"

/* A matched declaration block and its place in the cascade order. */
struct css_matched {
	const struct css_decl_block *block;
	uint64_t key; /* normal declarations, ascending priority */
	uint64_t important_key; /* !important ones */
	uint8_t origin;
	bool attached; /* the style attribute */
	uint16_t layer; /* layer rank */
};

struct css_match_list {
	struct css_matched *items;
	size_t len, cap;
};

#define CSS_SHARE_CACHE_SIZE 1024 /* power of two */

/* One style-sharing cache entry: the style computed for a parent style
 * and a sorted list of matched blocks (per pseudo-element). */
struct css_share_entry {
	uint64_t hash;
	const struct css_style *parent;
	const struct css_style *style;
	const struct css_style *pseudo[CSS_PSEUDO_COUNT];
	const struct css_matched *blocks[CSS_PSEUDO_COUNT];
	size_t counts[CSS_PSEUDO_COUNT];
};

struct winner;

/* Per-thread state: an arena for the styles it computes, scratch lists
 * and its own sharing cache, so workers never share mutable state. */
struct css_worker {
	struct base_arena arena;
	struct css_match_list lists[CSS_PSEUDO_COUNT];
	struct css_match_list important;
	struct winner *winners;
	struct css_cascaded *cascaded;
	struct css_custom_decl *custom;
	size_t custom_len, custom_cap;
	struct css_share_entry *cache;
	/* The last element this worker styled, for sibling sharing: its
	 * style, pseudo-element styles and revalidation results. */
	const struct html_node *last;
	const struct css_style *last_parent;
	const struct css_style *last_style;
	const struct css_style *last_pseudo[CSS_PSEUDO_COUNT];
	uint8_t *last_bits, *bits; /* one byte per revalidation selector */
	bool last_bits_valid;
	size_t shared;
	size_t styled;
};

void css_worker_init(struct css_worker *w, size_t revalidation_count);
void css_worker_release_scratch(struct css_worker *w);

/* What a styled document owns besides its public part (traversal.c), and
 * what restyle.c needs to style elements again after a state change. */
struct css_styled_private {
	struct css_styled_document sd; /* first: the public part */
	struct css_sheet_set sheets;
	struct css_styler styler;
	struct css_worker *workers;
	int worker_count;
	struct css_style_options opt;
	/* The worker of css_restyle_elements(), created by the first restyle:
	 * its arena holds every style computed by restyles (NULL before). */
	struct css_worker *restyle;
};

#endif
