/* reftest_chrome.c — `--compare-with-chrome DIR`: renders every page of
 * the suite with headless Chromium through the shared chrome-shot tool
 * (batch mode, one browser per job, pages served from the suite root),
 * judges each test on Chromium's pixels by the same rules, and reports
 * the tests where Weft's verdict differs from Chromium's, with how far
 * Weft's rendering of the test page is from Chromium's. */
#include "shell/cli/reftest_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#define MAX_CLOSURE 32

struct loaded {
	struct reftest_node *nodes[MAX_CLOSURE];
	struct reftest_image images[MAX_CLOSURE];
	uint8_t *pixels[MAX_CLOSURE];
	size_t count;
};

static const struct reftest_image *loaded_image(void *ctx, const struct reftest_node *node)
{
	const struct loaded *l = ctx;
	for (size_t i = 0; i < l->count; i++) {
		if (l->nodes[i] == node)
			return &l->images[i];
	}
	return NULL;
}

/* Reads DIR/<sub>/<index>.png; NULL unless it has the expected size. */
static uint8_t *read_shot(const char *dir, const char *sub, const struct reftest_node *n, int w, int h)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s/%zu.png", dir, sub, n->index);
	int pw = 0, ph = 0;
	struct weft_error err = {0};
	uint8_t *p = weft_png_read(path, &pw, &ph, &err);
	if (p && (pw != w || ph != h)) {
		free(p);
		p = NULL;
	}
	return p;
}

static int run_chrome_shot(const struct reftest_chrome_options *opt, const char *batch, const char *log)
{
	char width[16], height[16], jobs[16];
	snprintf(width, sizeof width, "%d", opt->width);
	snprintf(height, sizeof height, "%d", opt->height);
	snprintf(jobs, sizeof jobs, "%d", opt->jobs > 0 ? opt->jobs : 1);
	const char *argv[32 + 2 * 16];
	size_t n = 0;
	argv[n++] = opt->chrome_shot;
	argv[n++] = "--batch";
	argv[n++] = batch;
	argv[n++] = "--jobs";
	argv[n++] = jobs;
	argv[n++] = "--width";
	argv[n++] = width;
	argv[n++] = "--height";
	argv[n++] = height;
	argv[n++] = "--serve";
	argv[n++] = opt->serve_root;
	for (size_t i = 0; i < opt->font_dir_count && i < 16; i++) {
		argv[n++] = "--font-dir";
		argv[n++] = opt->font_dirs[i];
	}
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	int status = 0;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int reftest_compare_with_chrome(const struct reftest_suite *suite, const struct reftest_results *results,
				const struct reftest_chrome_options *opt, FILE *out)
{
	char path[4096], log[4096];
	snprintf(path, sizeof path, "%s/chrome", opt->dir);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/batch.tsv", opt->dir);
	snprintf(log, sizeof log, "%s/chrome-shot.log", opt->dir);
	FILE *batch = fopen(path, "w");
	if (!batch) {
		fprintf(stderr, "weft reftest: cannot write %s\n", path);
		return -1;
	}
	char *abs_dir = realpath(opt->dir, NULL);
	bool *listed = base_xcalloc(suite->nodes.len ? suite->nodes.len : 1, sizeof(bool));
	for (size_t i = 0; i < results->count; i++) {
		if (results->items[i].skipped)
			continue;
		struct reftest_node *closure[MAX_CLOSURE];
		size_t n = reftest_suite_closure(results->items[i].test, closure, MAX_CLOSURE);
		for (size_t k = 0; k < n; k++) {
			if (listed[closure[k]->index])
				continue;
			listed[closure[k]->index] = true;
			fprintf(batch, "%s\t%s/chrome/%zu.png\n", closure[k]->path, abs_dir ? abs_dir : opt->dir,
				closure[k]->index);
		}
	}
	free(listed);
	free(abs_dir);
	fclose(batch);
	uint64_t t0 = base_now_ns();
	int rc = run_chrome_shot(opt, path, log);
	if (rc < 0 || rc == 127 || rc == 2) {
		fprintf(stderr, "weft reftest: %s failed (status %d), see %s\n", opt->chrome_shot, rc, log);
		return -1;
	}
	double chrome_s = (double)(base_now_ns() - t0) / 1e9;

	snprintf(path, sizeof path, "%s/comparison.tsv", opt->dir);
	FILE *tsv = fopen(path, "w");
	if (tsv)
		fputs("# test\tweft\tchromium\ttest page pixels differing weft vs chromium\tmax difference\n", tsv);
	size_t agree = 0, weft_only = 0, chrome_only = 0, chrome_pass = 0, total = 0;
	for (size_t i = 0; i < results->count; i++) {
		const struct reftest_result *r = &results->items[i];
		if (r->skipped)
			continue;
		struct loaded l = {0};
		l.count = reftest_suite_closure(r->test, l.nodes, MAX_CLOSURE);
		for (size_t k = 0; k < l.count; k++) {
			l.pixels[k] = read_shot(opt->dir, "chrome", l.nodes[k], opt->width, opt->height);
			l.images[k].pixels = l.pixels[k];
			l.images[k].error = l.pixels[k] ? NULL : "Chromium did not render it";
		}
		struct reftest_verdict v;
		reftest_judge(r->test, opt->width, opt->height, loaded_image, &l, &v);
		struct reftest_diff d = {0, 0};
		uint8_t *mine = read_shot(opt->dir, "weft", r->test, opt->width, opt->height);
		bool have_diff = mine && l.pixels[0];
		if (have_diff)
			reftest_compare(mine, l.pixels[0], opt->width, opt->height, &d);
		free(mine);
		for (size_t k = 0; k < l.count; k++)
			free(l.pixels[k]);
		total++;
		chrome_pass += v.pass;
		if (v.pass == r->pass) {
			agree++;
		} else {
			if (r->pass)
				weft_only++;
			else
				chrome_only++;
			fprintf(out, "DISAGREE %s: weft %s, chromium %s", r->test->name, r->pass ? "PASS" : "FAIL",
				v.pass ? "PASS" : "FAIL");
			if (have_diff)
				fprintf(out, " (test page: %llu pixels differ from Chromium's)", (unsigned long long)d.differing);
			fputc('\n', out);
		}
		if (tsv) {
			fprintf(tsv, "%s\t%s\t%s\t", r->test->name, r->pass ? "PASS" : "FAIL", v.pass ? "PASS" : "FAIL");
			if (have_diff)
				fprintf(tsv, "%llu\t%d\n", (unsigned long long)d.differing, d.max_diff);
			else
				fputs("-\t-\n", tsv);
		}
	}
	if (tsv)
		fclose(tsv);
	fprintf(out, "# chromium (%.1f s): %zu of %zu tests pass; verdicts agree on %zu, %zu pass only in weft, %zu only in chromium\n",
		chrome_s, chrome_pass, total, agree, weft_only, chrome_only);
	return (int)(weft_only + chrome_only);
}
