/* reftest.h — the pieces of `weft reftest`, the reference-test runner.
 *
 * A reftest compares the pixels of a test page with those of one or more
 * reference pages (https://web-platform-tests.org/writing-tests/reftests.html).
 * The runner is split by concept:
 *   reftest_fuzzy.c     WPT fuzzy specifiers and the wptrunner equality rule
 *   reftest_compare.c   pixel comparison and difference images
 *   reftest_path.c      lexical path normalisation, relative names
 *   reftest_scan.c      a small tolerant scanner for <link>/<meta> tags
 *   reftest_suite.c     the graph of pages and references (chains)
 *   reftest_discover.c  WPT-style discovery of tests in directories
 *   reftest_manifest.c  MANIFEST.tsv and Mozilla reftest.list manifests
 *   reftest_verdict.c   pass/fail of a test from its pages' pixels
 *   reftest_expect.c    expectations files (known failures), rewriting
 *   reftest_report.c    static HTML report; reftest_junit.c JUnit XML
 *   reftest_cache.c     rendered pixels shared between tests, bounded
 *   reftest_runner.c    parallel rendering and judging
 *   reftest_chrome.c    optional comparison with Chromium (chrome-shot)
 *   reftest_cmd.c       the command line
 * Everything but the runner, cache, chrome and cmd files is pure logic
 * over base/base.h, unit-tested by tests/test_reftest.c.
 *
 * Ownership: a struct reftest_suite owns its nodes, edges and strings in
 * its arena. A struct reftest_expectations owns its entries in its arena. */
#ifndef WEFT_SHELL_REFTEST_H
#define WEFT_SHELL_REFTEST_H

#include "base/base.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Fuzzy specifiers ---------------------------------------------------- */

struct reftest_range {
	long lo, hi; /* inclusive */
};

/* A WPT fuzzy allowance: the largest per-channel difference and the count
 * of differing pixels that still count as "equal". set is false when there
 * is none (exact comparison). */
struct reftest_fuzzy {
	bool set;
	struct reftest_range max_diff;
	struct reftest_range pixels;
};

/* Parses "A", "A-B" (spaces allowed around numbers and '-'). */
bool reftest_range_parse(const char *s, size_t n, struct reftest_range *out);
/* Parses the content of <meta name=fuzzy>: "maxDifference=A-B;totalPixels=C-D"
 * (either order), "A-B;C-D", single numbers, with an optional leading
 * "url:" naming the reference it applies to (returned through url/url_len,
 * NULL/0 when absent). Returns false on a malformed specifier. */
bool reftest_fuzzy_parse(const char *s, size_t n, struct reftest_fuzzy *out, const char **url,
			 size_t *url_len);
/* Formats as "maxDifference=A-B;totalPixels=C-D" into out. */
void reftest_fuzzy_format(const struct reftest_fuzzy *f, char *out, size_t size);

/* ---- Pixel comparison ---------------------------------------------------- */

struct reftest_diff {
	uint64_t differing; /* pixels where any channel differs */
	int max_diff; /* largest per-channel difference */
};

/* Compares two RGBA8 images of the same size (tight rows, width*4 bytes). */
void reftest_compare(const uint8_t *a, const uint8_t *b, int width, int height, struct reftest_diff *out);
/* wptrunner's rule: equal when identical, or when the fuzzy ranges allow
 * the observed maximum difference and differing-pixel count. */
bool reftest_fuzzy_equal(const struct reftest_diff *d, const struct reftest_fuzzy *f);
/* A difference image (RGBA8, width*height*4 bytes into out): a faded grey
 * copy of a with the differing pixels in red. */
void reftest_diff_image(const uint8_t *a, const uint8_t *b, int width, int height, uint8_t *out);

/* ---- Paths --------------------------------------------------------------- */

/* Lexically normalises a path ("a/./b/../c//d" -> "a/c/d"); keeps leading
 * "..". Result in the arena. */
char *reftest_path_normalize(struct base_arena *a, const char *path, size_t len);
/* Joins dir and rel (rel absolute stays as is) and normalises. */
char *reftest_path_join(struct base_arena *a, const char *dir, const char *rel, size_t rel_len);
/* path relative to base when path lies under it, else path itself (both
 * normalised). Returns a pointer into path or an arena copy. */
const char *reftest_path_relative(const char *path, const char *base);
bool reftest_is_dir(const char *path);
bool reftest_is_file(const char *path);

/* ---- Head scanner -------------------------------------------------------- */

/* One <link> or <meta> tag: attribute values point into the scanned text
 * (NULL when absent). */
struct reftest_tag {
	bool is_link;
	const char *rel, *href, *name, *content;
	size_t rel_len, href_len, name_len, content_len;
};

typedef void (*reftest_tag_fn)(void *ctx, const struct reftest_tag *tag);

/* Calls fn for every <link> and <meta> tag of an HTML or XHTML text,
 * skipping comments, CDATA, and the content of script/style/title/textarea.
 * Tolerant of anything malformed; linear time. */
void reftest_scan_tags(const char *text, size_t len, reftest_tag_fn fn, void *ctx);
/* True when the space-separated token list contains token (ASCII
 * case-insensitively). */
bool reftest_has_token(const char *list, size_t len, const char *token);

/* ---- Suite: pages and their references ---------------------------------- */

enum reftest_rel {
	REFTEST_MATCH, /* == */
	REFTEST_MISMATCH, /* != */
};

struct reftest_node;

struct reftest_edge {
	enum reftest_rel rel;
	struct reftest_node *ref;
	struct reftest_fuzzy fuzzy;
	struct reftest_edge *next;
};

struct reftest_node {
	const char *path; /* normalised file path, as opened */
	const char *name; /* display name: relative to the suite base */
	const char *area; /* group for counts (manifest area or directory) */
	struct reftest_edge *edges, *last_edge;
	size_t index; /* dense, in creation order */
	bool is_test;
	bool scanned; /* its own links were read (discovery) */
	bool skip; /* reftest.list "skip" */
	bool fails; /* reftest.list "fails": an expected failure */
	char *load_error; /* reading it failed (discovery) */
};

struct reftest_suite {
	struct base_arena arena;
	struct base_map by_path; /* normalised path -> node */
	struct base_vec nodes; /* every node, by index */
	struct base_vec tests; /* test nodes, in discovery order */
	struct base_buf problems; /* one line per problem met (manifest errors...) */
	const char *root; /* WPT root for "/..." URLs; NULL: filesystem root */
};

void reftest_suite_init(struct reftest_suite *s);
void reftest_suite_free(struct reftest_suite *s);
/* The node of a path (normalised here), created on first use. name is
 * computed relative to base (NULL: the path). */
struct reftest_node *reftest_suite_node(struct reftest_suite *s, const char *path, const char *base);
struct reftest_edge *reftest_suite_add_edge(struct reftest_suite *s, struct reftest_node *from,
					    enum reftest_rel rel, struct reftest_node *to,
					    const struct reftest_fuzzy *fuzzy);
void reftest_suite_add_test(struct reftest_suite *s, struct reftest_node *test);
void reftest_suite_problem(struct reftest_suite *s, const char *fmt, ...) BASE_PRINTF(2, 3);
/* Sorts tests by name (stable, deterministic output). */
void reftest_suite_sort_tests(struct reftest_suite *s);
/* Nodes a test needs rendered: itself and its references, transitively
 * (chains), without repeats, at most max; returns the count. */
size_t reftest_suite_closure(const struct reftest_node *test, struct reftest_node **out, size_t max);

/* Maximum length of a reference chain that is followed. */
#define REFTEST_MAX_CHAIN 16

/* ---- Discovery ----------------------------------------------------------- */

/* WPT's rule: a file named like a reference (-ref, -notref, ref2, a
 * reference/ directory) is never a test itself. */
bool reftest_name_is_reference(const char *path);
/* Files in support/, resources/, tools/ directories are not tests. */
bool reftest_in_non_test_dir(const char *path);
bool reftest_is_html_name(const char *path);
/* Reads a page's <link rel=match|mismatch> and fuzzy metas and adds its
 * edges, then does the same for its references (chains). Unreadable pages
 * get load_error. Returns true when the page has references. */
bool reftest_scan_node(struct reftest_suite *s, struct reftest_node *node, const char *base);
/* Same from text already in memory (used by the above, and unit tests). */
bool reftest_scan_node_text(struct reftest_suite *s, struct reftest_node *node, const char *text,
			    size_t len, const char *base);
/* Walks a directory tree (sorted, depth-bounded) for tests; names are
 * relative to base. */
void reftest_discover_dir(struct reftest_suite *s, const char *dir, const char *base);

/* ---- Manifests ----------------------------------------------------------- */

/* WPT corpus MANIFEST.tsv: test<TAB>==|!=<TAB>ref<TAB>fuzzy<TAB>area, paths
 * relative to dir. Only tests whose path starts with `only_under` (a
 * normalised path, NULL for all) are added. Returns the tests added. */
size_t reftest_manifest_tsv_parse(struct reftest_suite *s, const char *text, size_t len, const char *dir,
				  const char *only_under);
size_t reftest_manifest_tsv_load(struct reftest_suite *s, const char *path, const char *only_under);
/* Mozilla reftest.list: "[fails] [skip] [fuzzy(a-b,c-d)] ==|!= test ref",
 * "include other.list", '#' comments. Conditions (*-if(...)) cannot be
 * evaluated here and count as false. Names are relative to base. */
size_t reftest_list_parse(struct reftest_suite *s, const char *text, size_t len, const char *path,
			  const char *base, int depth);
size_t reftest_list_load(struct reftest_suite *s, const char *path, const char *base, int depth);

/* ---- Verdict ------------------------------------------------------------- */

/* Pixels of a rendered page, or why there are none. */
struct reftest_image {
	const uint8_t *pixels; /* width*height*4, NULL when rendering failed */
	const char *error;
};

typedef const struct reftest_image *(*reftest_image_fn)(void *ctx, const struct reftest_node *node);

/* What happened with one reference of a test. */
struct reftest_edge_result {
	const struct reftest_edge *edge;
	bool ok; /* the relation held (and the reference's own chain) */
	bool error; /* a page failed to render */
	struct reftest_diff diff;
};

#define REFTEST_MAX_EDGES 8

struct reftest_verdict {
	bool pass;
	const char *error; /* first rendering failure met, if any */
	size_t edge_count; /* results of the test's direct references (at most REFTEST_MAX_EDGES) */
	struct reftest_edge_result edges[REFTEST_MAX_EDGES];
};

/* wptrunner's rule: passes when at least one == reference matches (if
 * there are any) and every != reference differs; a reference that has
 * references of its own must also pass them (chains); a page that failed
 * to render fails the test. */
void reftest_judge(const struct reftest_node *test, int width, int height, reftest_image_fn image, void *ctx,
		   struct reftest_verdict *out);

/* ---- Expectations -------------------------------------------------------- */

struct reftest_expectation {
	const char *name;
	const char *reason; /* "" when none */
	bool skip; /* "skip path  # reason": not run at all (crashes, hangs) */
};

/* Lines of an expectations file: "path  # reason" (an expected failure),
 * "skip path  # reason" (not run), '#' comment lines and blank lines. The raw lines are kept so that rewriting preserves
 * comments. */
struct reftest_expectations {
	struct base_arena arena;
	struct base_map by_name; /* name -> struct reftest_expectation */
	struct base_vec lines; /* raw lines (char *), entries and comments */
	struct base_vec entries; /* struct reftest_expectation *, by line */
};

void reftest_expect_init(struct reftest_expectations *e);
void reftest_expect_free(struct reftest_expectations *e);
void reftest_expect_parse(struct reftest_expectations *e, const char *text, size_t len);
/* A missing file is an empty list; returns false on another read error. */
bool reftest_expect_load(struct reftest_expectations *e, const char *path);
const struct reftest_expectation *reftest_expect_find(const struct reftest_expectations *e, const char *name);

struct reftest_outcome {
	const char *name;
	bool failed;
};

/* The file rewritten for these outcomes: comments kept; entries of tests
 * that still fail (or were not run) kept with their reasons; entries of
 * tests that now pass dropped; new failures appended, sorted, with the
 * reason "new failure". */
void reftest_expect_rewrite(const struct reftest_expectations *e, const struct reftest_outcome *outcomes,
			    size_t count, struct base_buf *out);

#endif
