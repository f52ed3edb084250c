/* viewer_stats.c — `weft view --stats`: per-frame timings.
 *
 * A frame's time runs from the moment the viewer starts producing it
 * (relayout when needed, painting missing strips, composing, uploading)
 * to the return of SDL_RenderPresent. The summary gives the median and the
 * 99th percentile (nearest-rank) per kind of frame and over all frames,
 * of the wall-clock time and of the process's CPU time (the latter barely
 * moved by other load on the machine).
 * The struct owns its array. */
#include "shell/viewer/viewer.h"

#include <math.h>
#include <stdlib.h>

static const char *const frame_kind_names[VIEWER_FRAME_KIND_COUNT] = {
	[VIEWER_FRAME_LOAD] = "load",	[VIEWER_FRAME_RESIZE] = "resize", [VIEWER_FRAME_ZOOM] = "zoom",
	[VIEWER_FRAME_SCROLL] = "scroll", [VIEWER_FRAME_HOVER] = "hover",   [VIEWER_FRAME_OTHER] = "other",
};

void viewer_stats_add(struct viewer_stats *s, const struct viewer_frame_stat *f)
{
	if (s->len == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->frames = base_xrealloc(s->frames, s->cap * sizeof(*s->frames));
	}
	s->frames[s->len++] = *f;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted values. */
static double percentile_ms(const uint64_t *sorted, size_t n, double p)
{
	size_t rank = (size_t)ceil(p / 100.0 * (double)n);
	if (rank < 1)
		rank = 1;
	return (double)sorted[rank - 1] / 1e6;
}

static void summary_line(const struct viewer_stats *s, int kind, uint64_t *scratch, FILE *out)
{
	size_t n = 0;
	for (size_t i = 0; i < s->len; i++)
		if (kind < 0 || (int)s->frames[i].kind == kind)
			scratch[n++] = s->frames[i].total_ns;
	if (n == 0)
		return;
	qsort(scratch, n, sizeof(*scratch), compare_u64);
	double median = percentile_ms(scratch, n, 50), p99 = percentile_ms(scratch, n, 99);
	double max = (double)scratch[n - 1] / 1e6;
	n = 0;
	for (size_t i = 0; i < s->len; i++)
		if (kind < 0 || (int)s->frames[i].kind == kind)
			scratch[n++] = s->frames[i].cpu_ns;
	qsort(scratch, n, sizeof(*scratch), compare_u64);
	fprintf(out,
		"summary %-6s frames %5zu  median %8.3f ms  p99 %8.3f ms  max %8.3f ms  "
		"(cpu median %8.3f ms  p99 %8.3f ms)\n",
		kind < 0 ? "all" : frame_kind_names[kind], n, median, p99, max, percentile_ms(scratch, n, 50),
		percentile_ms(scratch, n, 99));
}

void viewer_stats_print(const struct viewer_stats *s, FILE *out)
{
	fprintf(out, "frame  kind     total_ms    cpu_ms  layout_ms  paint_ms  compose_ms  present_ms  tiles\n");
	for (size_t i = 0; i < s->len; i++) {
		const struct viewer_frame_stat *f = &s->frames[i];
		fprintf(out, "%5zu  %-6s %9.3f %9.3f  %9.3f  %8.3f  %10.3f  %10.3f  %5d\n", i, frame_kind_names[f->kind],
			(double)f->total_ns / 1e6, (double)f->cpu_ns / 1e6, (double)f->layout_ns / 1e6,
			(double)f->paint_ns / 1e6, (double)f->compose_ns / 1e6, (double)f->present_ns / 1e6,
			f->tiles_painted);
	}
	if (s->len == 0)
		return;
	uint64_t *scratch = base_xmalloc(s->len * sizeof(*scratch));
	for (int k = 0; k < VIEWER_FRAME_KIND_COUNT; k++)
		summary_line(s, k, scratch, out);
	summary_line(s, -1, scratch, out);
	free(scratch);
}

void viewer_stats_free(struct viewer_stats *s)
{
	free(s->frames);
	s->frames = NULL;
	s->len = s->cap = 0;
}
