/* viewer_stats.c — `weft view --stats`: per-frame timings.
 *
 * A frame's time runs from the moment the viewer starts producing it
 * (relayout when needed, painting missing strips, composing, uploading)
 * to the return of SDL_RenderPresent. The summary gives the median and the
 * 99th percentile (nearest-rank) per kind of frame and over all frames,
 * of the wall-clock time and of the process's CPU time (the latter barely
 * moved by other load on the machine; it counts the strips the background
 * painter paints meanwhile too).
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

static const char *const damage_names[] = { "none", "paint", "layout", "style" };

/* Frames of one kind (all when kind < 0) and, when damage >= 0, of one
 * damage class. */
static bool selected(const struct viewer_frame_stat *f, int kind, int damage)
{
	return (kind < 0 || (int)f->kind == kind) && (damage < 0 || f->damage == damage);
}

static void summary_line(const struct viewer_stats *s, int kind, int damage, uint64_t *scratch, FILE *out)
{
	size_t n = 0;
	for (size_t i = 0; i < s->len; i++)
		if (selected(&s->frames[i], kind, damage))
			scratch[n++] = s->frames[i].total_ns;
	if (n == 0)
		return;
	qsort(scratch, n, sizeof(*scratch), compare_u64);
	double median = percentile_ms(scratch, n, 50), p99 = percentile_ms(scratch, n, 99);
	double max = (double)scratch[n - 1] / 1e6;
	n = 0;
	for (size_t i = 0; i < s->len; i++)
		if (selected(&s->frames[i], kind, damage))
			scratch[n++] = s->frames[i].cpu_ns;
	qsort(scratch, n, sizeof(*scratch), compare_u64);
	char name[32];
	snprintf(name, sizeof(name), "%s%s%s", kind < 0 ? "all" : frame_kind_names[kind], damage < 0 ? "" : "/",
		 damage < 0 ? "" : damage_names[damage]);
	fprintf(out,
		"summary %-6s frames %5zu  median %8.3f ms  p99 %8.3f ms  max %8.3f ms  "
		"(cpu median %8.3f ms  p99 %8.3f ms)\n",
		name, n, median, p99, max, percentile_ms(scratch, n, 50), percentile_ms(scratch, n, 99));
}

void viewer_stats_print(const struct viewer_stats *s, FILE *out)
{
	fprintf(out, "frame  kind     total_ms    cpu_ms  layout_ms  paint_ms  compose_ms  present_ms  tiles  areas  damage\n");
	for (size_t i = 0; i < s->len; i++) {
		const struct viewer_frame_stat *f = &s->frames[i];
		fprintf(out, "%5zu  %-6s %9.3f %9.3f  %9.3f  %8.3f  %10.3f  %10.3f  %5d  %5d  %s\n", i, frame_kind_names[f->kind],
			(double)f->total_ns / 1e6, (double)f->cpu_ns / 1e6, (double)f->layout_ns / 1e6,
			(double)f->paint_ns / 1e6, (double)f->compose_ns / 1e6, (double)f->present_ns / 1e6,
			f->tiles_painted, f->attached_painted, f->damage >= 0 && f->damage < 4 ? damage_names[f->damage] : "-");
	}
	if (s->len == 0)
		return;
	uint64_t *scratch = base_xmalloc(s->len * sizeof(*scratch));
	for (int k = 0; k < VIEWER_FRAME_KIND_COUNT; k++) {
		summary_line(s, k, -1, scratch, out);
		/* Hover frames by what the pointer move forced: repaint,
		 * relayout or a full restyle. */
		for (int d = 0; k == VIEWER_FRAME_HOVER && d < 4; d++)
			summary_line(s, k, d, scratch, out);
	}
	summary_line(s, -1, -1, scratch, out);
	free(scratch);
}

void viewer_stats_free(struct viewer_stats *s)
{
	free(s->frames);
	s->frames = NULL;
	s->len = s->cap = 0;
}
