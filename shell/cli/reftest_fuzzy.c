/* reftest_fuzzy.c — WPT fuzzy specifiers.
 * https://web-platform-tests.org/writing-tests/reftests.html#fuzzy-matching
 * The equality rule is wptrunner's RefTestImplementation.is_pass. */
#include "shell/cli/reftest.h"

#include <stdio.h>
#include <string.h>

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && base_is_ascii_ws(*p))
		p++;
	return p;
}

static const char *parse_number(const char *p, const char *end, long *out)
{
	if (p >= end || *p < '0' || *p > '9')
		return NULL;
	long v = 0;
	while (p < end && *p >= '0' && *p <= '9') {
		if (v > 100000000L)
			return NULL; /* absurd: more pixels than any viewport */
		v = v * 10 + (*p - '0');
		p++;
	}
	*out = v;
	return p;
}

bool reftest_range_parse(const char *s, size_t n, struct reftest_range *out)
{
	const char *end = s + n;
	const char *p = skip_ws(s, end);
	long lo, hi;
	if (!(p = parse_number(p, end, &lo)))
		return false;
	p = skip_ws(p, end);
	hi = lo;
	if (p < end && *p == '-') {
		p = skip_ws(p + 1, end);
		if (!(p = parse_number(p, end, &hi)))
			return false;
		p = skip_ws(p, end);
	}
	if (p != end || hi < lo)
		return false;
	out->lo = lo;
	out->hi = hi;
	return true;
}

/* One "key=range" or bare "range" part of a specifier. */
static bool parse_part(const char *s, size_t n, struct reftest_range *named[2], struct reftest_range *positional,
		       size_t *npositional, struct reftest_fuzzy *f)
{
	const char *eq = memchr(s, '=', n);
	if (!eq) {
		if (*npositional >= 2)
			return false;
		return reftest_range_parse(s, n, &positional[(*npositional)++]);
	}
	const char *k = skip_ws(s, eq);
	const char *ke = eq;
	while (ke > k && base_is_ascii_ws(ke[-1]))
		ke--;
	struct reftest_range *slot;
	size_t which;
	if ((size_t)(ke - k) == 13 && memcmp(k, "maxDifference", 13) == 0) {
		slot = &f->max_diff;
		which = 0;
	} else if ((size_t)(ke - k) == 11 && memcmp(k, "totalPixels", 11) == 0) {
		slot = &f->pixels;
		which = 1;
	} else {
		return false;
	}
	if (named[which])
		return false;
	named[which] = slot;
	return reftest_range_parse(eq + 1, (size_t)(s + n - eq - 1), slot);
}

bool reftest_fuzzy_parse(const char *s, size_t n, struct reftest_fuzzy *out, const char **url, size_t *url_len)
{
	struct reftest_fuzzy f = {0};
	*url = NULL;
	*url_len = 0;
	const char *end = s + n;
	s = skip_ws(s, end);
	while (end > s && base_is_ascii_ws(end[-1]))
		end--;
	/* A reference URL prefix ends at the last ':' (ranges never hold one). */
	for (const char *c = end; c > s; c--) {
		if (c[-1] == ':') {
			*url = s;
			*url_len = (size_t)(c - 1 - s);
			s = c;
			break;
		}
	}
	const char *semi = memchr(s, ';', (size_t)(end - s));
	if (!semi || memchr(semi + 1, ';', (size_t)(end - semi - 1)))
		return false;
	struct reftest_range *named[2] = {NULL, NULL};
	struct reftest_range positional[2];
	size_t npos = 0;
	if (!parse_part(s, (size_t)(semi - s), named, positional, &npos, &f) ||
	    !parse_part(semi + 1, (size_t)(end - semi - 1), named, positional, &npos, &f))
		return false;
	/* Bare ranges fill maxDifference then totalPixels, whichever is unnamed. */
	size_t used = 0;
	if (!named[0]) {
		if (used >= npos)
			return false;
		f.max_diff = positional[used++];
	}
	if (!named[1]) {
		if (used >= npos)
			return false;
		f.pixels = positional[used++];
	}
	if (used != npos)
		return false;
	f.set = true;
	*out = f;
	return true;
}

void reftest_fuzzy_format(const struct reftest_fuzzy *f, char *out, size_t size)
{
	if (!f->set) {
		snprintf(out, size, "exact");
		return;
	}
	snprintf(out, size, "maxDifference=%ld-%ld;totalPixels=%ld-%ld", f->max_diff.lo, f->max_diff.hi,
		 f->pixels.lo, f->pixels.hi);
}

bool reftest_fuzzy_equal(const struct reftest_diff *d, const struct reftest_fuzzy *f)
{
	if (!f || !f->set || (f->max_diff.lo == 0 && f->max_diff.hi == 0 && f->pixels.lo == 0 && f->pixels.hi == 0))
		return d->differing == 0;
	long n = (long)BASE_MIN(d->differing, (uint64_t)1 << 40);
	long m = d->max_diff;
	return (n == 0 && f->pixels.lo == 0) || (m == 0 && f->max_diff.lo == 0) ||
	       (f->max_diff.lo <= m && m <= f->max_diff.hi && f->pixels.lo <= n && n <= f->pixels.hi);
}
