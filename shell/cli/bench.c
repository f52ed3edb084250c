/* weft bench: times each pipeline phase in-process over repeated runs.
 * Figures are medians with min and max; benchmarks, never tests, own timing. */
#include "commands.h"
#include "options.h"
#include "weft.h"

#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char bench_usage[] =
	"usage: weft bench FILE [options]\n"
	"\n"
	"Times each phase of the pipeline on FILE (read into memory first) and prints the\n"
	"median, minimum and maximum over the runs in ms (parse also in MB/s), the\n"
	"style-sharing hit rate and the peak memory.\n"
	"\n"
	"  --phase P     parse, style, layout, paint, encode or all (default all); phases\n"
	"                before P run but only P is reported\n"
	"  --runs N      runs per phase (default 10)\n"
	"  --threads N   worker threads (default: one per core)\n"
	"  --width N --height N   viewport in CSS px (default 800x600); paint renders the\n"
	"                full page, at most 16384 CSS px tall\n"
	"  --root DIR, --font-dir DIR, --xml   as for weft render\n"
	"  --json        print one JSON object instead of a table\n";

enum phase { PH_PARSE, PH_STYLE, PH_LAYOUT, PH_PAINT, PH_ENCODE, PH_COUNT };
static const char *const phase_names[PH_COUNT] = {"parse", "style", "layout", "paint", "encode"};

#define BENCH_MAX_PAINT_HEIGHT 16384.0f

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

int shell_cmd_bench(int argc, char **argv)
{
	const char *cmd = "weft bench";
	const char *file = NULL, *phase_name = "all";
	int runs = 10;
	bool json = false;
	struct shell_doc_options o;
	shell_doc_options_init(&o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		bool missing = false;
		int r = shell_doc_option(argc, argv, &i, cmd, &o);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(bench_usage, stdout);
			return 0;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (shell_opt_value(argc, argv, &i, "--phase", &v, &missing)) {
			phase_name = v;
		} else if (shell_opt_value(argc, argv, &i, "--runs", &v, &missing)) {
			if (!missing && !shell_parse_int(v, 1, 100000, &runs))
				goto bad_value;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "weft bench: unknown option '%s'\n", a);
			return 2;
		} else if (!file) {
			file = a;
		} else {
			fprintf(stderr, "weft bench: more than one input\n");
			return 2;
		}
		if (missing) {
			fprintf(stderr, "weft bench: option '%s' needs a value\n", a);
			return 2;
		}
		continue;
bad_value:
		fprintf(stderr, "weft bench: invalid value '%s' for %s\n", v, a);
		return 2;
	}
	if (!file) {
		fputs(bench_usage, stderr);
		return 2;
	}
	int last = PH_ENCODE, only = -1;
	if (strcmp(phase_name, "all") != 0) {
		for (int p = 0; p < PH_COUNT; p++)
			if (strcmp(phase_name, phase_names[p]) == 0)
				only = last = p;
		if (only < 0) {
			fprintf(stderr, "weft bench: unknown phase '%s'\n", phase_name);
			return 2;
		}
	}

	struct base_buf input = {0};
	enum base_status s = base_read_file(file, &input);
	if (s != BASE_OK) {
		fprintf(stderr, "weft bench: cannot open '%s': %s\n", file, base_status_str(s));
		return 2;
	}
	struct weft_error err = {0};
	struct weft_engine *engine = shell_engine_new(cmd, &o);
	if (!engine) {
		base_buf_free(&input);
		return 2;
	}
	uint64_t *samples = base_xcalloc((size_t)runs * PH_COUNT, sizeof *samples);
	struct weft_timings last_t = {0};
	int status = 0;
	uint8_t *pixels = NULL;
	size_t pixels_size = 0;
	for (int r = 0; r < runs && status == 0; r++) {
		struct weft_load_options lo = {.viewport_width = o.width, .viewport_height = o.height};
		struct weft_document *doc =
			weft_document_load_bytes(engine, input.data ? input.data : "", input.len, file, &lo, &err);
		if (!doc) {
			status = 2;
			break;
		}
		uint64_t t0 = base_now_ns();
		if (last >= PH_STYLE && weft_document_style(doc, &err) != WEFT_OK)
			status = 1;
		uint64_t t1 = base_now_ns();
		if (!status && last >= PH_LAYOUT && weft_document_layout(doc, &err) != WEFT_OK)
			status = 1;
		uint64_t t2 = base_now_ns();
		int pw = 0, ph = 0;
		if (!status && last >= PH_PAINT) {
			float dw, dh;
			weft_document_size(doc, &dw, &dh);
			pw = (int)ceilf(o.width);
			ph = (int)ceilf(fminf(fmaxf(dh, o.height), BENCH_MAX_PAINT_HEIGHT));
			size_t need = (size_t)pw * 4 * (size_t)ph;
			if (need > pixels_size) {
				free(pixels);
				pixels = base_xmalloc(need);
				pixels_size = need;
			}
			struct weft_paint_target t = {pixels, pw, ph, (size_t)pw * 4, 1, 0, 0};
			if (weft_document_paint(doc, &t, &err) != WEFT_OK)
				status = 1;
		}
		uint64_t t3 = base_now_ns();
		if (!status && last >= PH_ENCODE &&
		    weft_png_write("/dev/null", pixels, pw, ph, (size_t)pw * 4, &err) != WEFT_OK)
			status = 1;
		uint64_t t4 = base_now_ns();
		weft_document_timings(doc, &last_t);
		samples[PH_PARSE * runs + r] = last_t.parse_ns;
		samples[PH_STYLE * runs + r] = t1 - t0;
		samples[PH_LAYOUT * runs + r] = t2 - t1;
		samples[PH_PAINT * runs + r] = t3 - t2;
		samples[PH_ENCODE * runs + r] = t4 - t3;
		weft_document_free(doc);
	}
	if (status) {
		fprintf(stderr, "weft bench: %s\n", err.message);
	} else {
		double mb = (double)input.len / 1e6;
		if (json)
			printf("{\"file\": \"%s\", \"bytes\": %zu, \"threads\": %d, \"runs\": %d, \"phases\": {", file,
			       input.len, weft_engine_threads(engine), runs);
		else
			printf("%s: %zu bytes, %d thread(s), %d run(s)\n%-8s %10s %10s %10s\n", file, input.len,
			       weft_engine_threads(engine), runs, "phase", "median ms", "min ms", "max ms");
		bool first = true;
		for (int p = 0; p <= last; p++) {
			if (only >= 0 && p != only)
				continue;
			uint64_t *v = samples + (size_t)p * runs;
			qsort(v, (size_t)runs, sizeof *v, cmp_u64);
			double med = (runs % 2 ? v[runs / 2] : (v[runs / 2 - 1] + v[runs / 2]) / 2) / 1e6;
			double mn = v[0] / 1e6, mx = v[runs - 1] / 1e6;
			if (json) {
				printf("%s\"%s\": {\"median_ms\": %.3f, \"min_ms\": %.3f, \"max_ms\": %.3f", first ? "" : ", ",
				       phase_names[p], med, mn, mx);
				if (p == PH_PARSE)
					printf(", \"mb_per_s\": %.1f", med > 0 ? mb / (med / 1e3) : 0);
				printf("}");
			} else {
				printf("%-8s %10.3f %10.3f %10.3f", phase_names[p], med, mn, mx);
				if (p == PH_PARSE)
					printf("   %.1f MB/s", med > 0 ? mb / (med / 1e3) : 0);
				printf("\n");
			}
			first = false;
		}
		double share = last_t.styled_elements ? 100.0 * (double)last_t.style_shared / (double)last_t.styled_elements : 0;
		if (json)
			printf("}, \"styled_elements\": %zu, \"style_shared\": %zu, \"style_sharing_percent\": %.1f, "
			       "\"peak_rss_bytes\": %zu}\n",
			       last_t.styled_elements, last_t.style_shared, share, base_peak_rss());
		else
			printf("style sharing: %zu of %zu elements (%.1f%%)\npeak memory: %.1f MB\n", last_t.style_shared,
			       last_t.styled_elements, share, (double)base_peak_rss() / 1e6);
	}
	free(pixels);
	free(samples);
	weft_engine_free(engine);
	base_buf_free(&input);
	return status;
}
