/* parse_bench: HTML parsing throughput, Weft against gumbo.
 *
 *   parse_bench FILE [ITERATIONS]
 *
 * Both parsers start from the same bytes in memory and build a complete
 * DOM, single-threaded; each iteration frees its tree. Reports the median
 * throughput of each in MB/s (10^6 bytes per second) and the ratio.
 * Times are the thread's CPU time (CLOCK_THREAD_CPUTIME_ID, user + system),
 * so other processes on a shared machine do not distort them. */
#include "bench_stats.h"

#include "html/html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef WEFT_HAVE_GUMBO
#include <gumbo.h>
#endif

static double median_mbps(uint64_t *ns, int n, size_t bytes)
{
	return (double)bytes / (bench_median(ns, (size_t)n) / 1e9) / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE [ITERATIONS]\n", argv[0]);
		return 2;
	}
	int iterations = argc > 2 ? atoi(argv[2]) : 20;
	if (iterations < 1)
		iterations = 1;
	struct base_buf in = {0};
	enum base_status st = base_read_file(argv[1], &in);
	if (st != BASE_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], base_status_str(st));
		return 1;
	}
	uint64_t *times = base_xcalloc((size_t)iterations, sizeof *times);
	size_t elements = 0;
	for (int i = 0; i < iterations; i++) {
		uint64_t t0 = bench_cpu_ns();
		const char *why = NULL;
		struct html_document *doc = html_parse(in.data, in.len, NULL, &why);
		uint64_t t1 = bench_cpu_ns();
		if (!doc) {
			fprintf(stderr, "html_parse: %s\n", why);
			return 1;
		}
		elements = doc->element_count;
		html_document_free(doc);
		times[i] = t1 - t0;
	}
	double weft = median_mbps(times, iterations, in.len);
	printf("%s: %zu bytes, %zu elements, %d iterations\n", argv[1], in.len, elements, iterations);
	printf("weft:  %8.1f MB/s (median)\n", weft);
#ifdef WEFT_HAVE_GUMBO
	for (int i = 0; i < iterations; i++) {
		uint64_t t0 = bench_cpu_ns();
		GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, in.data, in.len);
		uint64_t t1 = bench_cpu_ns();
		gumbo_destroy_output(&kGumboDefaultOptions, out);
		times[i] = t1 - t0;
	}
	double gumbo = median_mbps(times, iterations, in.len);
	printf("gumbo: %8.1f MB/s (median)\n", gumbo);
	printf("ratio: %8.2fx\n", weft / gumbo);
#endif
	free(times);
	base_buf_free(&in);
	return 0;
}
