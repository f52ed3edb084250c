/* relayout_bench: the cost of a resize relayout, as the viewer does it.
 *
 *   relayout_bench FILE [RUNS] [--widths A,B] [--height H] [--threads N]
 *                  [--dump OUT]
 *
 * Loads FILE, lays it out at width A (default 1280), then relays it out
 * RUNS times (default 20) alternating between widths B (default 1000) and
 * A: weft_document_set_viewport() then weft_document_layout(), which keeps
 * the styles when no media query flips and reuses the document's warm
 * shaping cache. Prints the median, 90th percentile and maximum of the
 * thread's CPU time (CLOCK_THREAD_CPUTIME_ID: layout runs on the calling
 * thread, and a shared machine does not distort it) and of wall time.
 * relayout() is kept out of line so that
 *   valgrind --tool=callgrind --toggle-collect=relayout relayout_bench FILE 2
 * counts the instructions of the relayouts alone. --dump writes the layout
 * dump after the last relayout, to compare with `weft dump layout` of a
 * fresh document. */
#include "bench_stats.h"

#include "base/base.h"
#include "shell/weft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static int relayout(struct weft_document *doc, float width, float height,
					      struct weft_error *err)
{
	weft_document_set_viewport(doc, width, height);
	return weft_document_layout(doc, err);
}

int main(int argc, char **argv)
{
	const char *file = NULL, *dump = NULL;
	int runs = 20, threads = 0;
	float a = 1280, b = 1000, height = 800;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--widths") == 0 && i + 1 < argc) {
			if (sscanf(argv[++i], "%f,%f", &a, &b) != 2 || a < 1 || b < 1) {
				fprintf(stderr, "relayout_bench: --widths needs A,B\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--height") == 0 && i + 1 < argc) {
			height = (float)atof(argv[++i]);
		} else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
			threads = atoi(argv[++i]);
		} else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc) {
			dump = argv[++i];
		} else if (!file) {
			file = argv[i];
		} else {
			runs = atoi(argv[i]);
		}
	}
	if (!file || runs < 1 || height < 1) {
		fprintf(stderr, "usage: relayout_bench FILE [RUNS] [--widths A,B] [--height H] [--threads N] "
				"[--dump OUT]\n");
		return 2;
	}
	struct weft_error err = {0};
	struct weft_engine_options eo = {.threads = threads};
	struct weft_engine *engine = weft_engine_new(&eo, &err);
	if (!engine) {
		fprintf(stderr, "relayout_bench: %s\n", err.message);
		return 1;
	}
	struct weft_load_options lo = {.viewport_width = a, .viewport_height = height};
	struct weft_document *doc = weft_document_load_file(engine, file, &lo, &err);
	if (!doc || weft_document_layout(doc, &err) != WEFT_OK) {
		fprintf(stderr, "relayout_bench: %s\n", err.message);
		weft_document_free(doc);
		weft_engine_free(engine);
		return 1;
	}
	uint64_t *cpu = base_xcalloc((size_t)runs, sizeof *cpu);
	uint64_t *wall = base_xcalloc((size_t)runs, sizeof *wall);
	int status = 0;
	for (int i = 0; i < runs && !status; i++) {
		uint64_t c0 = bench_cpu_ns(), w0 = base_now_ns();
		if (relayout(doc, i % 2 ? a : b, height, &err) != WEFT_OK) {
			fprintf(stderr, "relayout_bench: %s\n", err.message);
			status = 1;
		}
		cpu[i] = bench_cpu_ns() - c0;
		wall[i] = base_now_ns() - w0;
	}
	if (!status) {
		printf("%s: %d relayouts between %g and %g px\n", file, runs, (double)b, (double)a);
		bench_report("cpu", cpu, (size_t)runs, 1e6, "ms");
		bench_report("wall", wall, (size_t)runs, 1e6, "ms");
	}
	if (!status && dump) {
		FILE *out = fopen(dump, "w");
		if (!out || weft_document_dump(doc, WEFT_DUMP_LAYOUT, out, &err) != WEFT_OK) {
			fprintf(stderr, "relayout_bench: cannot dump to '%s'\n", dump);
			status = 1;
		}
		if (out)
			fclose(out);
	}
	free(cpu);
	free(wall);
	weft_document_free(doc);
	weft_engine_free(engine);
	return status;
}
