/* reftest_run.h — the parts of `weft reftest` that render through the
 * embedding API (weft.h): the pixel cache, the parallel runner, the
 * reports and the Chromium comparison. See reftest.h for the overview.
 *
 * Ownership: a struct reftest_cache owns its pixel buffers and errors; a
 * struct reftest_results owns its per-test records (heap, freed by
 * reftest_results_free). */
#ifndef WEFT_SHELL_REFTEST_RUN_H
#define WEFT_SHELL_REFTEST_RUN_H

#include "weft.h"

#include "shell/cli/reftest.h"

#include <pthread.h>

/* ---- Pixel cache --------------------------------------------------------- */

/* Renders one page into pixels (width*height*4, pre-filled white); returns
 * false with a heap error message on failure. */
typedef bool (*reftest_render_fn)(void *ctx, const struct reftest_node *node, uint8_t *pixels, char **error);

struct reftest_cache_entry;

/* Each page is rendered once per run however many tests use it: entries
 * count the tests still to come (planned with reftest_cache_plan) and free
 * their pixels after the last one. Above the memory limit, idle entries
 * are dropped early (and rendered again if needed). Thread-safe. */
struct reftest_cache {
	pthread_mutex_t lock;
	pthread_cond_t ready;
	struct reftest_cache_entry *entries; /* by node index */
	size_t count;
	int width, height;
	size_t image_bytes, bytes, limit, peak_bytes;
	size_t renders; /* pages rendered, counting re-renders */
	reftest_render_fn render;
	void *render_ctx;
};

void reftest_cache_init(struct reftest_cache *c, size_t node_count, int width, int height, size_t limit_bytes,
			reftest_render_fn render, void *ctx);
void reftest_cache_free(struct reftest_cache *c);
/* One more test will use this page. */
void reftest_cache_plan(struct reftest_cache *c, const struct reftest_node *node);
/* The page's pixels (rendering them, or waiting for another thread that
 * is), pinned until reftest_cache_release. */
const struct reftest_image *reftest_cache_acquire(struct reftest_cache *c, const struct reftest_node *node);
void reftest_cache_release(struct reftest_cache *c, const struct reftest_node *node);

/* ---- Runner -------------------------------------------------------------- */

struct reftest_run_options {
	int width, height;
	int jobs;
	size_t cache_bytes;
	bool progress; /* a progress bar on stderr */
	const char *report_dir; /* PNGs of failures go to REPORT/images */
	const char *shots_dir; /* every rendered page as DIR/<node index>.png (Chromium comparison) */
};

struct reftest_result {
	const struct reftest_node *test;
	bool skipped;
	bool pass;
	char *error; /* heap: first rendering failure, or NULL */
	struct reftest_verdict verdict;
	bool has_images; /* REPORT/images/<i>-test.png, -ref.png, -diff.png written */
	const struct reftest_node *shown_ref; /* the reference in the images */
	double seconds;
};

struct reftest_results {
	struct reftest_result *items; /* one per suite test, in suite order */
	size_t count;
	double seconds; /* wall time of the run */
	size_t pages_rendered;
	size_t peak_cache_bytes;
};

/* Renders and judges every test of the suite with one shared engine. */
void reftest_run(struct weft_engine *engine, const struct reftest_suite *suite,
		 const struct reftest_run_options *opt, struct reftest_results *out);
void reftest_results_free(struct reftest_results *r);

/* ---- Reports ------------------------------------------------------------- */

enum reftest_status {
	REFTEST_PASS,
	REFTEST_FAIL, /* unexpected failure */
	REFTEST_EXPECTED_FAIL,
	REFTEST_UNEXPECTED_PASS,
	REFTEST_SKIP,
};

const char *reftest_status_name(enum reftest_status s);

/* One result with its expectation, as the reports show it. */
struct reftest_line {
	const struct reftest_result *result;
	enum reftest_status status;
	const char *reason; /* expectation reason, or NULL */
};

/* A short human description of why a test failed, into b. */
void reftest_describe_failure(const struct reftest_result *r, struct base_buf *b);
/* Static HTML report (no JavaScript): REPORT/index.html showing test,
 * reference and difference images side by side for every failure. */
bool reftest_write_html_report(const char *dir, const struct reftest_line *lines, size_t count,
			       const char *title, struct weft_error *err);
/* JUnit XML: expected failures are skipped test cases, unexpected results
 * are failures. */
bool reftest_write_junit(const char *path, const struct reftest_line *lines, size_t count, double seconds,
			 struct weft_error *err);

/* ---- Chromium comparison ------------------------------------------------- */

struct reftest_chrome_options {
	const char *dir; /* output: DIR/weft, DIR/chrome, DIR/comparison.tsv */
	const char *chrome_shot; /* the chrome-shot program */
	const char *serve_root; /* served over HTTP for root-relative URLs */
	const char *const *font_dirs;
	size_t font_dir_count;
	int width, height, jobs;
};

/* Renders every page of the suite with Chromium (chrome-shot --batch),
 * judges the tests on Chromium's pixels and prints where Weft and
 * Chromium disagree. Returns the number of disagreements, or -1 when
 * Chromium could not be run. */
int reftest_compare_with_chrome(const struct reftest_suite *suite, const struct reftest_results *results,
				const struct reftest_chrome_options *opt, FILE *out);

#endif
