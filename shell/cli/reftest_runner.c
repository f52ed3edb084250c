/* reftest_runner.c — renders and judges a suite's tests in parallel: one
 * shared engine, one document per page load, pixels shared through the
 * cache, tests handed out to the workers of a base_pool. */
#include "shell/cli/reftest_run.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_CLOSURE 32

struct run {
	struct weft_engine *engine;
	const struct reftest_suite *suite;
	const struct reftest_run_options *opt;
	struct reftest_cache cache;
	struct reftest_results *out;
	atomic_size_t done;
	pthread_mutex_t progress_lock;
	int last_drawn;
};

static bool render_page(void *ctx, const struct reftest_node *node, uint8_t *pixels, char **error)
{
	struct run *run = ctx;
	if (node->load_error) {
		*error = base_xstrdup(node->load_error);
		return false;
	}
	struct weft_error err = {0};
	struct weft_load_options lo = {.viewport_width = (float)run->opt->width,
				       .viewport_height = (float)run->opt->height};
	struct weft_document *doc = weft_document_load_file(run->engine, node->path, &lo, &err);
	if (!doc) {
		*error = base_xstrdup(err.message[0] ? err.message : "cannot load");
		return false;
	}
	struct weft_paint_target t = {.pixels = pixels,
				      .width = run->opt->width,
				      .height = run->opt->height,
				      .stride = (size_t)run->opt->width * 4,
				      .scale = 1};
	int rc = weft_document_paint(doc, &t, &err);
	weft_document_free(doc);
	if (rc != WEFT_OK) {
		*error = base_xstrdup(err.message[0] ? err.message : "cannot paint");
		return false;
	}
	if (run->opt->shots_dir) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%zu.png", run->opt->shots_dir, node->index);
		weft_png_write(path, pixels, run->opt->width, run->opt->height, (size_t)run->opt->width * 4, &err);
	}
	return true;
}

/* The pages of one test, pinned in the cache while it is judged. */
struct pinned {
	struct reftest_node *nodes[MAX_CLOSURE];
	const struct reftest_image *images[MAX_CLOSURE];
	size_t count;
};

static const struct reftest_image *pinned_image(void *ctx, const struct reftest_node *node)
{
	const struct pinned *p = ctx;
	for (size_t i = 0; i < p->count; i++) {
		if (p->nodes[i] == node)
			return p->images[i];
	}
	return NULL;
}

static void draw_progress(struct run *run)
{
	size_t done = atomic_load(&run->done), total = run->out->count;
	int width = 40;
	int filled = total ? (int)(done * (size_t)width / total) : width;
	pthread_mutex_lock(&run->progress_lock);
	int permille = total ? (int)(done * 1000 / total) : 1000;
	if (permille != run->last_drawn || done == total) {
		run->last_drawn = permille;
		fprintf(stderr, "\r[%.*s%*s] %zu/%zu", filled, "########################################",
			width - filled, "", done, total);
		if (done == total)
			fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	pthread_mutex_unlock(&run->progress_lock);
}

static void write_images(struct run *run, size_t i, struct reftest_result *r, struct pinned *pin)
{
	const struct reftest_image *test_img = pinned_image(pin, r->test);
	const struct reftest_edge_result *shown = NULL;
	for (size_t k = 0; k < r->verdict.edge_count && !shown; k++) {
		if (!r->verdict.edges[k].ok)
			shown = &r->verdict.edges[k];
	}
	if (!shown && r->verdict.edge_count)
		shown = &r->verdict.edges[0];
	const struct reftest_image *ref_img = shown ? pinned_image(pin, shown->edge->ref) : NULL;
	if (!test_img || !test_img->pixels || !ref_img)
		return;
	int w = run->opt->width, h = run->opt->height;
	size_t stride = (size_t)w * 4;
	struct weft_error err = {0};
	char path[4096];
	r->shown_ref = shown->edge->ref;
	snprintf(path, sizeof path, "%s/images/%zu-test.png", run->opt->report_dir, i);
	bool ok = weft_png_write(path, test_img->pixels, w, h, stride, &err) == WEFT_OK;
	if (ok && ref_img->pixels) {
		snprintf(path, sizeof path, "%s/images/%zu-ref.png", run->opt->report_dir, i);
		ok = weft_png_write(path, ref_img->pixels, w, h, stride, &err) == WEFT_OK;
		uint8_t *diff = base_xmalloc(stride * (size_t)h);
		reftest_diff_image(test_img->pixels, ref_img->pixels, w, h, diff);
		snprintf(path, sizeof path, "%s/images/%zu-diff.png", run->opt->report_dir, i);
		ok = ok && weft_png_write(path, diff, w, h, stride, &err) == WEFT_OK;
		free(diff);
	}
	r->has_images = ok;
}

static void run_test(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct run *run = ctx;
	struct reftest_result *r = &run->out->items[i];
	const struct reftest_node *test = r->test;
	uint64_t t0 = base_now_ns();
	if (!r->skipped) {
		struct pinned pin;
		pin.count = reftest_suite_closure(test, pin.nodes, MAX_CLOSURE);
		for (size_t k = 0; k < pin.count; k++)
			pin.images[k] = reftest_cache_acquire(&run->cache, pin.nodes[k]);
		reftest_judge(test, run->opt->width, run->opt->height, pinned_image, &pin, &r->verdict);
		r->pass = r->verdict.pass;
		if (r->verdict.error)
			r->error = base_xstrdup(r->verdict.error);
		r->verdict.error = r->error;
		if (!r->pass && run->opt->report_dir)
			write_images(run, i, r, &pin);
		for (size_t k = 0; k < pin.count; k++)
			reftest_cache_release(&run->cache, pin.nodes[k]);
	}
	r->seconds = (double)(base_now_ns() - t0) / 1e9;
	atomic_fetch_add(&run->done, 1);
	if (run->opt->progress)
		draw_progress(run);
}

void reftest_run(struct weft_engine *engine, const struct reftest_suite *suite,
		 const struct reftest_run_options *opt, struct reftest_results *out)
{
	memset(out, 0, sizeof(*out));
	out->count = suite->tests.len;
	out->items = base_xcalloc(out->count ? out->count : 1, sizeof(*out->items));
	struct run run = {.engine = engine, .suite = suite, .opt = opt, .out = out, .last_drawn = -1};
	pthread_mutex_init(&run.progress_lock, NULL);
	atomic_init(&run.done, 0);
	reftest_cache_init(&run.cache, suite->nodes.len, opt->width, opt->height, opt->cache_bytes, render_page, &run);
	if (opt->report_dir) {
		char path[4096];
		snprintf(path, sizeof path, "%s/images", opt->report_dir);
		mkdir(opt->report_dir, 0755);
		mkdir(path, 0755);
	}
	for (size_t i = 0; i < out->count; i++) {
		struct reftest_result *r = &out->items[i];
		r->test = suite->tests.items[i];
		r->skipped = r->test->skip;
		if (r->skipped)
			continue;
		struct reftest_node *closure[MAX_CLOSURE];
		size_t n = reftest_suite_closure(r->test, closure, MAX_CLOSURE);
		for (size_t k = 0; k < n; k++)
			reftest_cache_plan(&run.cache, closure[k]);
	}
	uint64_t t0 = base_now_ns();
	struct base_pool *pool = base_pool_create(opt->jobs);
	base_pool_parallel_for(pool, out->count, run_test, &run);
	base_pool_destroy(pool);
	out->seconds = (double)(base_now_ns() - t0) / 1e9;
	out->pages_rendered = run.cache.renders;
	out->peak_cache_bytes = run.cache.peak_bytes;
	reftest_cache_free(&run.cache);
	pthread_mutex_destroy(&run.progress_lock);
}

void reftest_results_free(struct reftest_results *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->items[i].error);
	free(r->items);
	memset(r, 0, sizeof(*r));
}
