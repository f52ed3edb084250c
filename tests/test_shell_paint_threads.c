/* Painting one document from several threads at once (weft.h: the
 * painting calls may run concurrently once the display list is built), as
 * the viewer does: two threads paint strips of what scrolls while the main
 * thread paints the areas of fixed and sticky content and whole windows,
 * all through one engine whose pool can serve only one of them. Every
 * painting must equal the same painting made alone. Run under
 * ThreadSanitizer by .ci/dev (the name matches its TSAN_TESTS). */
#include "engine_fixture.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 640
#define HEIGHT 480
#define STRIP 256
#define STRIPS 6
#define SCROLLS 3

static const size_t stride = (size_t)WIDTH * 4;

static struct weft_paint_target strip_target(int row, uint8_t *pixels)
{
	return (struct weft_paint_target){ .pixels = pixels, .width = WIDTH, .height = STRIP, .stride = stride,
					   .scale = 1, .scroll_y = (float)(row * STRIP) };
}

static struct weft_paint_target window_at(int i, uint8_t *pixels)
{
	return (struct weft_paint_target){ .pixels = pixels, .width = WIDTH, .height = HEIGHT, .stride = stride,
					   .scale = 1, .scroll_y = 137.0f * (float)i };
}

/* What one thread paints: strips first, first + step, ... */
struct strip_job {
	struct weft_document *doc;
	int first, step;
	uint8_t *strips[STRIPS];
	int failures;
};

static void *paint_strips(void *arg)
{
	struct strip_job *job = arg;
	for (int round = 0; round < 2; round++)
		for (int row = job->first; row < STRIPS; row += job->step) {
			struct weft_paint_target t = strip_target(row, job->strips[row]);
			struct weft_error err;
			if (weft_document_paint_scrolled(job->doc, &t, &err) != WEFT_OK)
				job->failures++;
		}
	return NULL;
}

/* The attached areas of window i, each painted into its own buffer. */
static size_t paint_areas(struct weft_document *doc, int i, uint8_t *areas[8], struct weft_attached_area out[8])
{
	struct weft_paint_target w = window_at(i, NULL);
	size_t n = weft_document_attached_area(doc, &w, out, 8);
	for (size_t k = 0; k < n; k++) {
		struct weft_error err;
		assert_int_equal(weft_document_paint_area(doc, &w, out[k].rect, areas[k], stride, &err), WEFT_OK);
	}
	return n;
}

static uint8_t *pixels_new(void)
{
	uint8_t *px = calloc(1, stride * HEIGHT);
	assert_non_null(px);
	return px;
}

/* Returns how many attached areas the windows had. */
static size_t check_concurrent(const char *path)
{
	struct weft_load_options opt = { .viewport_width = WIDTH, .viewport_height = HEIGHT };
	struct weft_error err;
	struct weft_document *doc = weft_document_load_file(engine, path, &opt, &err);
	assert_non_null(doc);
	/* Alone: strips, windows and attached areas (the first painting
	 * builds the display list). */
	uint8_t *ref_strips[STRIPS], *ref_windows[SCROLLS], *ref_areas[SCROLLS][8];
	struct weft_attached_area ref_rects[SCROLLS][8];
	size_t ref_count[SCROLLS];
	for (int r = 0; r < STRIPS; r++) {
		ref_strips[r] = pixels_new();
		struct weft_paint_target t = strip_target(r, ref_strips[r]);
		assert_int_equal(weft_document_paint_scrolled(doc, &t, &err), WEFT_OK);
	}
	for (int i = 0; i < SCROLLS; i++) {
		ref_windows[i] = pixels_new();
		struct weft_paint_target w = window_at(i, ref_windows[i]);
		assert_int_equal(weft_document_paint(doc, &w, &err), WEFT_OK);
		for (int k = 0; k < 8; k++)
			ref_areas[i][k] = pixels_new();
		ref_count[i] = paint_areas(doc, i, ref_areas[i], ref_rects[i]);
	}
	/* Together: two threads paint strips while this one paints windows
	 * and attached areas. */
	struct strip_job jobs[2] = { { .doc = doc, .first = 0, .step = 2 }, { .doc = doc, .first = 1, .step = 2 } };
	for (int j = 0; j < 2; j++)
		for (int r = 0; r < STRIPS; r++)
			jobs[j].strips[r] = pixels_new();
	pthread_t threads[2];
	for (int j = 0; j < 2; j++)
		assert_int_equal(pthread_create(&threads[j], NULL, paint_strips, &jobs[j]), 0);
	uint8_t *window = pixels_new(), *areas[8];
	for (int k = 0; k < 8; k++)
		areas[k] = pixels_new();
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < SCROLLS; i++) {
			struct weft_paint_target w = window_at(i, window);
			assert_int_equal(weft_document_paint(doc, &w, &err), WEFT_OK);
			assert_memory_equal(window, ref_windows[i], stride * HEIGHT);
			struct weft_attached_area rects[8];
			size_t n = paint_areas(doc, i, areas, rects);
			assert_int_equal(n, ref_count[i]);
			for (size_t k = 0; k < n; k++) {
				assert_memory_equal(&rects[k].rect, &ref_rects[i][k].rect, sizeof(rects[k].rect));
				assert_true(rects[k].self_contained == ref_rects[i][k].self_contained);
				assert_true(rects[k].key == ref_rects[i][k].key);
				for (int y = 0; y < rects[k].rect.height; y++)
					assert_memory_equal(areas[k] + (size_t)y * stride, ref_areas[i][k] + (size_t)y * stride,
							    (size_t)rects[k].rect.width * 4);
			}
		}
	for (int j = 0; j < 2; j++) {
		assert_int_equal(pthread_join(threads[j], NULL), 0);
		assert_int_equal(jobs[j].failures, 0);
		for (int r = jobs[j].first; r < STRIPS; r += jobs[j].step)
			assert_memory_equal(jobs[j].strips[r], ref_strips[r], stride * STRIP);
	}
	for (int j = 0; j < 2; j++)
		for (int r = 0; r < STRIPS; r++)
			free(jobs[j].strips[r]);
	for (int k = 0; k < 8; k++)
		free(areas[k]);
	free(window);
	for (int i = 0; i < SCROLLS; i++) {
		free(ref_windows[i]);
		for (int k = 0; k < 8; k++)
			free(ref_areas[i][k]);
	}
	for (int r = 0; r < STRIPS; r++)
		free(ref_strips[r]);
	weft_document_free(doc);
	size_t areas_seen = 0;
	for (int i = 0; i < SCROLLS; i++)
		areas_seen += ref_count[i];
	return areas_seen;
}

/* Fixed and sticky boxes, gradients, translucent layers and text. */
static void test_layers(void **state)
{
	(void)state;
	char path[4096];
	test_source_path(path, sizeof path, "tests/data/viewer/layers.html");
	assert_true(check_concurrent(path) > 0);
}

/* A real page of text (glyphs of shared faces); at 640 px its sidebar is
 * not fixed, so only the strips and windows are painted concurrently. */
static void test_real_page(void **state)
{
	(void)state;
	char path[4096];
	test_shared_path(path, sizeof path, "bench-inputs/nodejs-api-fs.html");
	FILE *f = fopen(path, "rb");
	if (!f)
		skip();
	fclose(f);
	check_concurrent(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layers),
		cmocka_unit_test(test_real_page),
	};
	return cmocka_run_group_tests(tests, engine_setup, engine_teardown);
}
