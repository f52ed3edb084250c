/* reftest_manifest.c — test lists written down rather than discovered:
 * the WPT corpus's MANIFEST.tsv (format in shared/wpt/README.md) and
 * Mozilla's reftest.list
 * (https://searchfox.org/mozilla-central/source/layout/tools/reftest/README.txt). */
#include "shell/cli/reftest.h"

#include <stdio.h>
#include <string.h>

#define MAX_FIELDS 8
#define MAX_INCLUDE_DEPTH 16

struct span {
	const char *p;
	size_t n;
};

static struct span trim(const char *p, size_t n)
{
	while (n > 0 && base_is_ascii_ws(*p)) {
		p++;
		n--;
	}
	while (n > 0 && base_is_ascii_ws(p[n - 1]))
		n--;
	return (struct span){p, n};
}

static bool span_is(struct span s, const char *lit)
{
	return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static bool parse_rel(struct span s, enum reftest_rel *rel)
{
	if (span_is(s, "=="))
		*rel = REFTEST_MATCH;
	else if (span_is(s, "!="))
		*rel = REFTEST_MISMATCH;
	else
		return false;
	return true;
}

/* Manifest paths are relative to its directory; a leading '/' means the
 * corpus root, which is that directory too. */
static char *manifest_path(struct reftest_suite *s, const char *dir, struct span f)
{
	while (f.n > 0 && f.p[0] == '/') {
		f.p++;
		f.n--;
	}
	for (size_t i = 0; i < f.n; i++) {
		if (f.p[i] == '#' || f.p[i] == '?') {
			f.n = i;
			break;
		}
	}
	return reftest_path_join(&s->arena, dir, f.p, f.n);
}

static bool under(const char *path, const char *prefix)
{
	if (!prefix)
		return true;
	size_t n = strlen(prefix);
	return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/' || (n > 0 && prefix[n - 1] == '/'));
}

size_t reftest_manifest_tsv_parse(struct reftest_suite *s, const char *text, size_t len, const char *dir,
				  const char *only_under)
{
	size_t added = 0, lineno = 0;
	const char *p = text, *end = text + len;
	const char *ndir = reftest_path_normalize(&s->arena, dir, strlen(dir));
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		lineno++;
		struct span line = trim(p, (size_t)(eol - p));
		p = eol + 1;
		if (line.n == 0 || line.p[0] == '#')
			continue;
		struct span f[MAX_FIELDS];
		size_t nf = 0;
		const char *q = line.p, *qe = line.p + line.n;
		while (nf < MAX_FIELDS) {
			const char *tab = memchr(q, '\t', (size_t)(qe - q));
			const char *fe = tab ? tab : qe;
			f[nf++] = trim(q, (size_t)(fe - q));
			if (!tab)
				break;
			q = tab + 1;
		}
		for (size_t i = nf; i < 5; i++)
			f[i] = (struct span){"", 0};
		enum reftest_rel rel;
		if (!parse_rel(f[1], &rel)) {
			if (lineno > 1)
				reftest_suite_problem(s, "%s/MANIFEST.tsv:%zu: relation must be == or !=", ndir, lineno);
			continue; /* a header line */
		}
		if (f[0].n == 0 || f[2].n == 0) {
			reftest_suite_problem(s, "%s/MANIFEST.tsv:%zu: missing test or reference", ndir, lineno);
			continue;
		}
		struct reftest_fuzzy fz = {0};
		if (f[3].n > 0 && !span_is(f[3], "-")) {
			const char *url;
			size_t url_len;
			if (!reftest_fuzzy_parse(f[3].p, f[3].n, &fz, &url, &url_len)) {
				reftest_suite_problem(s, "%s/MANIFEST.tsv:%zu: bad fuzzy specifier", ndir, lineno);
				fz.set = false;
			}
		}
		char *test_path = manifest_path(s, ndir, f[0]);
		if (!under(test_path, only_under))
			continue;
		struct reftest_node *test = reftest_suite_node(s, test_path, ndir);
		struct reftest_node *ref = reftest_suite_node(s, manifest_path(s, ndir, f[2]), ndir);
		test->scanned = ref->scanned = true;
		reftest_suite_add_edge(s, test, rel, ref, &fz);
		if (!test->is_test) {
			test->area = f[4].n ? base_arena_strndup(&s->arena, f[4].p, f[4].n) : "";
			reftest_suite_add_test(s, test);
			added++;
		}
	}
	return added;
}

size_t reftest_manifest_tsv_load(struct reftest_suite *s, const char *path, const char *only_under)
{
	struct base_buf b = {0};
	enum base_status st = base_read_file(path, &b);
	if (st != BASE_OK) {
		reftest_suite_problem(s, "%s: %s", path, base_status_str(st));
		base_buf_free(&b);
		return 0;
	}
	char *dir = base_path_dirname(&s->arena, path);
	size_t n = reftest_manifest_tsv_parse(s, b.data ? b.data : "", b.len, dir, only_under);
	base_buf_free(&b);
	return n;
}

/* ---- reftest.list ------------------------------------------------------- */

/* Splits a line into whitespace-separated tokens; parentheses group
 * (fuzzy-if(cond, 0-1, 0-5) is one token). */
static size_t tokenize(struct span line, struct span *tok, size_t max)
{
	size_t n = 0;
	const char *p = line.p, *end = line.p + line.n;
	while (p < end && n < max) {
		while (p < end && base_is_ascii_ws(*p))
			p++;
		if (p >= end)
			break;
		const char *start = p;
		int depth = 0;
		while (p < end && (depth > 0 || !base_is_ascii_ws(*p))) {
			if (*p == '(')
				depth++;
			else if (*p == ')' && depth > 0)
				depth--;
			p++;
		}
		tok[n++] = (struct span){start, (size_t)(p - start)};
	}
	return n;
}

static bool has_prefix(struct span s, const char *lit)
{
	size_t n = strlen(lit);
	return s.n >= n && memcmp(s.p, lit, n) == 0;
}

/* fuzzy(a-b,c-d): Mozilla's form of the two WPT ranges. */
static bool parse_moz_fuzzy(struct span t, struct reftest_fuzzy *fz)
{
	const char *open = memchr(t.p, '(', t.n);
	if (!open || t.p[t.n - 1] != ')')
		return false;
	const char *args = open + 1, *args_end = t.p + t.n - 1;
	const char *comma = memchr(args, ',', (size_t)(args_end - args));
	if (!comma)
		return false;
	if (!reftest_range_parse(args, (size_t)(comma - args), &fz->max_diff) ||
	    !reftest_range_parse(comma + 1, (size_t)(args_end - comma - 1), &fz->pixels))
		return false;
	fz->set = true;
	return true;
}

size_t reftest_list_parse(struct reftest_suite *s, const char *text, size_t len, const char *path, const char *base,
			  int depth)
{
	size_t added = 0, lineno = 0;
	const char *dir = base_path_dirname(&s->arena, path);
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		lineno++;
		const char *hash = memchr(p, '#', (size_t)(eol - p));
		struct span line = trim(p, (size_t)((hash ? hash : eol) - p));
		p = eol + 1;
		struct span tok[32];
		size_t nt = tokenize(line, tok, BASE_ARRAY_LEN(tok));
		if (nt == 0)
			continue;
		if (span_is(tok[0], "include")) {
			if (nt != 2) {
				reftest_suite_problem(s, "%s:%zu: include takes one file", path, lineno);
			} else if (depth >= MAX_INCLUDE_DEPTH) {
				reftest_suite_problem(s, "%s:%zu: includes nested too deeply", path, lineno);
			} else {
				char *inc = reftest_path_join(&s->arena, dir, tok[1].p, tok[1].n);
				added += reftest_list_load(s, inc, base, depth + 1);
			}
			continue;
		}
		if (span_is(tok[0], "default-preferences") || span_is(tok[0], "url-prefix"))
			continue; /* Gecko preferences and HTTP prefixes do not apply here */
		bool fails = false, skip = false, ok = true;
		struct reftest_fuzzy fz = {0};
		size_t i = 0;
		enum reftest_rel rel = REFTEST_MATCH;
		for (; i < nt; i++) {
			struct span t = tok[i];
			if (parse_rel(t, &rel))
				break;
			if (span_is(t, "fails")) {
				fails = true;
			} else if (span_is(t, "skip") || span_is(t, "random")) {
				skip = true;
			} else if (has_prefix(t, "fuzzy(")) {
				if (!parse_moz_fuzzy(t, &fz)) {
					reftest_suite_problem(s, "%s:%zu: bad %.*s", path, lineno, (int)t.n, t.p);
					ok = false;
				}
			} else if (span_is(t, "load") || span_is(t, "script") || span_is(t, "print")) {
				reftest_suite_problem(s, "%s:%zu: %.*s tests are not supported", path, lineno, (int)t.n,
						      t.p);
				ok = false;
				break;
			} else if (memchr(t.p, '(', t.n) || span_is(t, "HTTP") || span_is(t, "silentfail") ||
				   span_is(t, "slow") || span_is(t, "needs-focus")) {
				/* Conditions (*-if), preferences, asserts, HTTP serving: a
				 * condition about Gecko's platform is false here. */
			} else {
				reftest_suite_problem(s, "%s:%zu: unknown token %.*s", path, lineno, (int)t.n, t.p);
				ok = false;
				break;
			}
		}
		if (!ok)
			continue;
		if (i + 3 != nt) {
			reftest_suite_problem(s, "%s:%zu: expected '==|!= test reference'", path, lineno);
			continue;
		}
		struct reftest_node *test =
			reftest_suite_node(s, reftest_path_join(&s->arena, dir, tok[i + 1].p, tok[i + 1].n), base);
		struct reftest_node *ref =
			reftest_suite_node(s, reftest_path_join(&s->arena, dir, tok[i + 2].p, tok[i + 2].n), base);
		test->scanned = ref->scanned = true;
		test->skip |= skip;
		test->fails |= fails;
		reftest_suite_add_edge(s, test, rel, ref, &fz);
		if (!test->is_test) {
			const char *area = base_path_dirname(&s->arena, test->name);
			test->area = strcmp(area, ".") == 0 ? "" : area;
			reftest_suite_add_test(s, test);
			added++;
		}
	}
	return added;
}

size_t reftest_list_load(struct reftest_suite *s, const char *path, const char *base, int depth)
{
	struct base_buf b = {0};
	enum base_status st = base_read_file(path, &b);
	if (st != BASE_OK) {
		reftest_suite_problem(s, "%s: %s", path, base_status_str(st));
		base_buf_free(&b);
		return 0;
	}
	size_t n = reftest_list_parse(s, b.data ? b.data : "", b.len, path, base, depth);
	base_buf_free(&b);
	return n;
}
