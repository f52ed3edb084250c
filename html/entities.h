/* html/entities.h (internal): the named character reference table,
 * generated at build time from html/entities.txt. */
#ifndef WEFT_HTML_ENTITIES_H
#define WEFT_HTML_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

struct html_entity {
	const char *name; /* without the "&", with the ";" when it has one */
	uint8_t len;
	uint32_t cp[2]; /* cp[1] == 0 when the reference is one code point */
};

extern const struct html_entity html_entities[];
extern const size_t html_entity_count;

/* The longest reference name that is a prefix of s[0..n), or NULL. */
const struct html_entity *html_entity_longest_prefix(const char *s, size_t n);

#endif
