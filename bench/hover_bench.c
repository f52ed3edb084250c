/* hover_bench: the cost of the relayout after a :hover restyle that
 * changes geometry, as the viewer does it.
 *
 *   hover_bench FILE [--tag T] [--marks N] [--rules CSS] [--full]
 *               [--width W] [--height H]
 *
 * Loads FILE (with CSS inserted after <head> when --rules is given), lays
 * it out, then moves the pointer onto the centre of each of the first N
 * elements of tag T (default: sup, 40) and off it again beside; after
 * each move whose restyle asked for a relayout, times
 * weft_document_layout(): the thread's CPU time and wall time, median,
 * 90th percentile and maximum, with the block containers laid out and
 * reused. --full drops the previous layout first (a viewport change
 * that keeps the styles), so the relayout starts from scratch: the figure
 * to compare with. relayout() is kept out of line so that
 *   valgrind --tool=callgrind --toggle-collect=relayout hover_bench FILE
 * counts the instructions of the relayouts alone. */
#include "bench_stats.h"

#include "base/base.h"
#include "shell/weft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static int relayout(struct weft_document *doc, struct weft_error *err)
{
	return weft_document_layout(doc, err);
}

/* Centres of the first max elements of a tag, from the boxes dump. */
static size_t tag_centres(struct weft_document *doc, const char *tag, float (*out)[2], size_t max)
{
	char *text = NULL;
	size_t len = 0, n = 0;
	FILE *f = open_memstream(&text, &len);
	struct weft_error err;
	if (!f || weft_document_dump(doc, WEFT_DUMP_BOXES_JSON, f, &err) != WEFT_OK) {
		if (f)
			fclose(f);
		free(text);
		return 0;
	}
	fclose(f);
	char needle[128];
	snprintf(needle, sizeof needle, "\"tag\": \"%s\", \"rect\": [", tag);
	for (const char *p = strstr(text, needle); p && n < max; p = strstr(p + 1, needle)) {
		float x, y, w, h;
		if (sscanf(p + strlen(needle), "%f, %f, %f, %f", &x, &y, &w, &h) == 4)
			out[n][0] = x + w / 2, out[n][1] = y + h / 2, n++;
	}
	free(text);
	return n;
}

int main(int argc, char **argv)
{
	const char *file = NULL, *tag = "sup", *rules = NULL;
	size_t marks = 40;
	bool full = false;
	float width = 1280, height = 800;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--full") == 0)
			full = true;
		else if (strcmp(a, "--tag") == 0 && i + 1 < argc)
			tag = argv[++i];
		else if (strcmp(a, "--rules") == 0 && i + 1 < argc)
			rules = argv[++i];
		else if (strcmp(a, "--marks") == 0 && i + 1 < argc)
			marks = (size_t)atoi(argv[++i]);
		else if (strcmp(a, "--width") == 0 && i + 1 < argc)
			width = (float)atof(argv[++i]);
		else if (strcmp(a, "--height") == 0 && i + 1 < argc)
			height = (float)atof(argv[++i]);
		else if (!file && a[0] != '-')
			file = a;
		else {
			fprintf(stderr, "usage: hover_bench FILE [--tag T] [--marks N] [--rules CSS] [--full] [--width W] [--height H]\n");
			return 2;
		}
	}
	if (!file || marks == 0 || marks > 10000) {
		fprintf(stderr, "hover_bench: %s\n", file ? "--marks must be 1 to 10000" : "no input file");
		return 2;
	}
	struct base_buf page = {0};
	if (base_read_file(file, &page) != BASE_OK) {
		fprintf(stderr, "hover_bench: cannot read %s\n", file);
		return 1;
	}
	struct base_buf html = {0};
	const char *head = rules && page.data ? strstr(page.data, "<head") : NULL;
	const char *gt = head ? strchr(head, '>') : NULL;
	size_t at = gt ? (size_t)(gt - page.data) + 1 : 0;
	base_buf_append(&html, page.data, at);
	if (rules)
		base_buf_printf(&html, "<style>%s</style>", rules);
	base_buf_append(&html, page.data + at, page.len - at);

	struct weft_error err;
	struct weft_engine_options eo = {0};
	struct weft_engine *engine = weft_engine_new(&eo, &err);
	struct weft_load_options lo = {.viewport_width = width, .viewport_height = height};
	struct weft_document *doc = engine ? weft_document_load_bytes(engine, html.data, html.len, file, &lo, &err) : NULL;
	if (!doc || weft_document_layout(doc, &err) != WEFT_OK) {
		fprintf(stderr, "hover_bench: %s\n", err.message);
		return 1;
	}
	float (*points)[2] = base_xmalloc(2 * marks * sizeof *points);
	size_t found = tag_centres(doc, tag, points, marks), n = 0;
	/* Each element, then a point beside it. */
	for (size_t i = found; i-- > 0;) {
		points[2 * i][0] = points[i][0], points[2 * i][1] = points[i][1];
		points[2 * i + 1][0] = points[i][0] + 60, points[2 * i + 1][1] = points[i][1] + 8;
	}
	uint64_t *cpu = base_xmalloc(2 * found * sizeof *cpu), *wall = base_xmalloc(2 * found * sizeof *wall);
	uint64_t *laid = base_xmalloc(2 * found * sizeof *laid), *reused = base_xmalloc(2 * found * sizeof *reused);
	for (size_t i = 0; i < 2 * found; i++) {
		weft_document_set_pointer(doc, points[i][0], points[i][1], false);
		struct weft_timings t;
		weft_document_timings(doc, &t);
		if (t.damage != WEFT_DAMAGE_RELAYOUT)
			continue;
		if (full) {
			weft_document_set_viewport(doc, width, height + 1);
			weft_document_set_viewport(doc, width, height);
		}
		weft_document_timings(doc, &t);
		uint64_t styled = t.style_ns;
		uint64_t c0 = bench_cpu_ns(), w0 = base_now_ns();
		if (relayout(doc, &err) != WEFT_OK) {
			fprintf(stderr, "hover_bench: %s\n", err.message);
			return 1;
		}
		cpu[n] = bench_cpu_ns() - c0;
		wall[n] = base_now_ns() - w0;
		weft_document_timings(doc, &t);
		if (t.style_ns != styled) {
			fprintf(stderr, "hover_bench: the viewport change restyled the document\n");
			return 1;
		}
		laid[n] = t.layout_boxes;
		reused[n] = t.layout_boxes_reused;
		n++;
	}
	printf("%s: %zu <%s> elements, %zu relayouts%s\n", file, found, tag, n, full ? " (from scratch)" : "");
	if (n > 0) {
		bench_report("cpu", cpu, n, 1e6, "ms");
		bench_report("wall", wall, n, 1e6, "ms");
		bench_report("laid out", laid, n, 1, "  ");
		bench_report("reused", reused, n, 1, "  ");
	}
	free(points);
	free(cpu);
	free(wall);
	free(laid);
	free(reused);
	weft_document_free(doc);
	weft_engine_free(engine);
	base_buf_free(&page);
	base_buf_free(&html);
	return 0;
}
