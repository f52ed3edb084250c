/* Named character reference lookup: longest-prefix match over the sorted,
 * generated table. https://html.spec.whatwg.org/multipage/parsing.html#named-character-reference-state */
#include "html/entities.h"

#include <string.h>

static const struct html_entity *find_exact(const char *s, size_t n)
{
	size_t lo = 0, hi = html_entity_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct html_entity *e = &html_entities[mid];
		size_t m = n < e->len ? n : e->len;
		int c = memcmp(e->name, s, m);
		if (c == 0)
			c = (int)e->len - (int)n;
		if (c == 0)
			return e;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct html_entity *html_entity_longest_prefix(const char *s, size_t n)
{
	/* Names are ASCII alphanumerics with an optional final ";". */
	size_t k = 0;
	while (k < n && k < 32 &&
	       ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')))
		k++;
	if (k < n && s[k] == ';')
		k++;
	for (size_t len = k; len >= 2; len--) {
		const struct html_entity *e = find_exact(s, len);
		if (e)
			return e;
	}
	return NULL;
}
