/* html/tags.h (internal): the static table of known tag names and the
 * element categories the tree builder asks about (special, formatting,
 * scope boundaries...). Names are static strings shared by every document,
 * so a known local name compares by pointer. */
#ifndef WEFT_HTML_TAGS_H
#define WEFT_HTML_TAGS_H

#include "html/html.h"

#include <string.h>

extern const char *const html_tag_names[HTML_TAG_COUNT];
extern const unsigned char html_tag_name_lens[HTML_TAG_COUNT];

static inline bool html_tag_name_equals(enum html_tag t, const char *name, size_t len)
{
	return html_tag_name_lens[t] == len && memcmp(html_tag_names[t], name, len) == 0;
}

/* Generated perfect hash (tags_hash.c): exact, case-sensitive. */
enum html_tag html_tag_lookup_hashed(const char *name, size_t len);

/* Whether a known name is a tag of its own in namespace ns (see html.h:
 * an SVG "a" is HTML_TAG_A, an SVG "div" is HTML_TAG_UNKNOWN). */
bool html_tag_in_namespace(enum html_tag tag, enum html_namespace ns);

#endif
