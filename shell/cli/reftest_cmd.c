/* reftest_cmd.c — `weft reftest`: finds the tests under the given paths,
 * renders them in parallel, judges them as wptrunner does, and compares
 * the outcome with an expectations file.
 *
 *   weft reftest [options] PATH...
 *
 * A PATH is a directory (scanned for tests, or covered by the MANIFEST.tsv
 * of it or an ancestor, or holding a reftest.list), a reftest.list or
 * MANIFEST.tsv file, or a single test. The suite root (for "/..." URLs,
 * test names and the default expectations) is --root, else the nearest
 * ancestor holding MANIFEST.tsv or expected-failures.txt, else PATH.
 * Closing lines: "N passed, N failed" then "N expected failures, N
 * unexpected passes"; exit status 1 on unexpected results. */
#include "shell/cli/commands.h"
#include "shell/cli/reftest_run.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FONT_DIRS 16

struct options {
	struct reftest_run_options run;
	const char *root;
	const char *font_dirs[MAX_FONT_DIRS];
	size_t font_dir_count;
	const char *expectations;
	bool update_expectations;
	bool allow_unexpected_passes;
	bool quiet;
	bool list_only;
	const char *junit;
	const char *only;
	const char *chrome_dir;
	const char *chrome_shot;
};

static void usage(FILE *f)
{
	fputs("usage: weft reftest [options] PATH...\n"
	      "Runs reftests: PATH is a directory (tests found as WPT does, or listed by a\n"
	      "MANIFEST.tsv or reftest.list), a manifest file, or a test.\n"
	      "  --width N, --height N     viewport (default 800x600)\n"
	      "  --jobs N                  parallel jobs (default: number of cores)\n"
	      "  --root DIR                root for /-URLs and test names (default: nearest\n"
	      "                            ancestor holding MANIFEST.tsv or expected-failures.txt)\n"
	      "  --font-dir DIR            offer the fonts in DIR as installed (repeatable)\n"
	      "  --expectations FILE       known failures, 'path  # reason' per line\n"
	      "                            ('skip path  # reason': not run)\n"
	      "                            (default: ROOT/expected-failures.txt if present)\n"
	      "  --update-expectations     rewrite that file from this run's results\n"
	      "  --allow-unexpected-passes report unexpected passes without failing (CI: a\n"
	      "                            fix elsewhere must not turn the build red)\n"
	      "  --only TEXT               run only tests whose name contains TEXT\n"
	      "  --report DIR              static HTML report with images of failures\n"
	      "  --junit FILE              JUnit XML results\n"
	      "  --compare-with-chrome DIR also render with Chromium (chrome-shot) and report\n"
	      "                            where Weft and Chromium disagree\n"
	      "  --chrome-shot PROGRAM     chrome-shot to use (default: $WEFT_SHARED_DIR/tools/chrome-shot)\n"
	      "  --cache-mb N              memory for rendered pages kept for reuse (default 512)\n"
	      "  --list                    print the tests found and exit\n"
	      "  --quiet                   no progress bar or per-area counts\n",
	      f);
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Returns 0 on success, else the exit status. */
static int parse_args(int argc, char **argv, struct options *o, struct base_vec *paths)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		int n;
#define NEED_VALUE()                                                             \
	do {                                                                     \
		if (!v) {                                                        \
			fprintf(stderr, "weft reftest: %s needs a value\n", a); \
			return 2;                                                \
		}                                                                \
		i++;                                                             \
	} while (0)
		if (strcmp(a, "--width") == 0 || strcmp(a, "--height") == 0 || strcmp(a, "--jobs") == 0 ||
		    strcmp(a, "--cache-mb") == 0) {
			NEED_VALUE();
			int hi = strcmp(a, "--cache-mb") == 0 ? 1 << 20 : (strcmp(a, "--jobs") == 0 ? 256 : 16384);
			if (!parse_int(v, 1, hi, &n)) {
				fprintf(stderr, "weft reftest: bad %s value %s\n", a, v);
				return 2;
			}
			if (strcmp(a, "--width") == 0)
				o->run.width = n;
			else if (strcmp(a, "--height") == 0)
				o->run.height = n;
			else if (strcmp(a, "--jobs") == 0)
				o->run.jobs = n;
			else
				o->run.cache_bytes = (size_t)n << 20;
		} else if (strcmp(a, "--root") == 0) {
			NEED_VALUE();
			o->root = v;
		} else if (strcmp(a, "--font-dir") == 0) {
			NEED_VALUE();
			if (o->font_dir_count >= MAX_FONT_DIRS) {
				fprintf(stderr, "weft reftest: too many --font-dir\n");
				return 2;
			}
			o->font_dirs[o->font_dir_count++] = v;
		} else if (strcmp(a, "--expectations") == 0) {
			NEED_VALUE();
			o->expectations = v;
		} else if (strcmp(a, "--update-expectations") == 0) {
			o->update_expectations = true;
		} else if (strcmp(a, "--allow-unexpected-passes") == 0) {
			o->allow_unexpected_passes = true;
		} else if (strcmp(a, "--only") == 0) {
			NEED_VALUE();
			o->only = v;
		} else if (strcmp(a, "--report") == 0) {
			NEED_VALUE();
			o->run.report_dir = v;
		} else if (strcmp(a, "--junit") == 0) {
			NEED_VALUE();
			o->junit = v;
		} else if (strcmp(a, "--compare-with-chrome") == 0) {
			NEED_VALUE();
			o->chrome_dir = v;
		} else if (strcmp(a, "--chrome-shot") == 0) {
			NEED_VALUE();
			o->chrome_shot = v;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			o->quiet = true;
		} else if (strcmp(a, "--list") == 0) {
			o->list_only = true;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return -1;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "weft reftest: unknown option %s\n", a);
			usage(stderr);
			return 2;
		} else {
			base_vec_push(paths, (void *)a);
		}
#undef NEED_VALUE
	}
	if (paths->len == 0) {
		usage(stderr);
		return 2;
	}
	return 0;
}

/* The nearest directory from dir upwards (inclusive) holding file. */
static char *ancestor_with(struct base_arena *a, const char *dir, const char *file)
{
	char abs[PATH_MAX];
	if (!realpath(dir, abs))
		return NULL;
	char *d = base_arena_strdup(a, abs);
	for (;;) {
		char *p = base_arena_printf(a, "%s/%s", strcmp(d, "/") == 0 ? "" : d, file);
		if (reftest_is_file(p))
			return d;
		char *slash = strrchr(d, '/');
		if (!slash || slash == d)
			return NULL;
		*slash = '\0';
	}
}

/* The directory of PATH: itself, or the one holding the file. */
static char *dir_of(struct base_arena *a, const char *path)
{
	return reftest_is_dir(path) ? base_arena_strdup(a, path) : base_path_dirname(a, path);
}

/* Absolute, normalised: names are computed by prefix, so every path in the
 * suite is made absolute the same way. */
static char *absolute(struct base_arena *a, const char *path)
{
	char abs[PATH_MAX];
	if (realpath(path, abs))
		return base_arena_strdup(a, abs);
	char cwd[PATH_MAX];
	if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
		return reftest_path_normalize(a, path, strlen(path));
	return reftest_path_join(a, cwd, path, strlen(path));
}

static char *file_in(struct base_arena *a, const char *dir, const char *name)
{
	char *p = base_arena_printf(a, "%s/%s", dir, name);
	return reftest_is_file(p) ? p : NULL;
}

/* Adds the tests of one PATH argument. */
static bool add_path(struct reftest_suite *s, const char *arg, const char *root)
{
	struct base_arena *a = &s->arena;
	if (!reftest_is_dir(arg) && !reftest_is_file(arg)) {
		fprintf(stderr, "weft reftest: %s: no such file or directory\n", arg);
		return false;
	}
	char *path = absolute(a, arg);
	const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (strcmp(file, "MANIFEST.tsv") == 0) {
		reftest_manifest_tsv_load(s, path, NULL);
		return true;
	}
	size_t flen = strlen(file);
	if (flen > 5 && strcmp(file + flen - 5, ".list") == 0) {
		reftest_list_load(s, path, root, 0);
		return true;
	}
	char *dir = dir_of(a, path);
	char *list = reftest_is_dir(path) ? file_in(a, path, "reftest.list") : NULL;
	if (list) {
		reftest_list_load(s, list, root, 0);
		return true;
	}
	char *manifest_dir = ancestor_with(a, dir, "MANIFEST.tsv");
	if (manifest_dir) {
		char *manifest = base_arena_printf(a, "%s/MANIFEST.tsv", manifest_dir);
		bool whole = strcmp(manifest_dir, path) == 0;
		reftest_manifest_tsv_load(s, manifest, whole ? NULL : path);
		return true;
	}
	if (reftest_is_dir(path)) {
		reftest_discover_dir(s, path, root);
		return true;
	}
	/* A single page named on the command line is a test if it has links. */
	struct reftest_node *n = reftest_suite_node(s, path, root);
	if (!reftest_scan_node(s, n, root)) {
		fprintf(stderr, "weft reftest: %s: not a reftest (no <link rel=match|mismatch>)\n", arg);
		return false;
	}
	char *area = base_path_dirname(a, n->name);
	n->area = strcmp(area, ".") == 0 ? "" : area;
	reftest_suite_add_test(s, n);
	return true;
}

static void keep_only(struct reftest_suite *s, const char *only)
{
	size_t k = 0;
	for (size_t i = 0; i < s->tests.len; i++) {
		struct reftest_node *t = s->tests.items[i];
		if (strstr(t->name, only))
			s->tests.items[k++] = t;
		else
			t->is_test = false;
	}
	s->tests.len = k;
}

static int cmp_area(const void *x, const void *y)
{
	const struct reftest_line *a = x, *b = y;
	return strcmp(a->result->test->area, b->result->test->area);
}

static void print_areas(const struct reftest_line *lines, size_t count)
{
	struct reftest_line *sorted = base_xcalloc(count ? count : 1, sizeof(*sorted));
	memcpy(sorted, lines, count * sizeof(*sorted));
	qsort(sorted, count, sizeof(*sorted), cmp_area);
	for (size_t i = 0; i < count;) {
		const char *area = sorted[i].result->test->area;
		size_t passed = 0, total = 0;
		for (; i < count && strcmp(sorted[i].result->test->area, area) == 0; i++) {
			if (sorted[i].status == REFTEST_SKIP)
				continue;
			total++;
			passed += sorted[i].result->pass;
		}
		if (total)
			printf("# area %s: %zu/%zu passed\n", *area ? area : ".", passed, total);
	}
	free(sorted);
}

static bool write_expectations(const char *path, const struct reftest_expectations *e,
			       const struct reftest_results *res)
{
	struct reftest_outcome *oc = base_xcalloc(res->count ? res->count : 1, sizeof(*oc));
	size_t n = 0;
	for (size_t i = 0; i < res->count; i++) {
		const struct reftest_result *r = &res->items[i];
		if (r->skipped)
			continue;
		oc[n++] = (struct reftest_outcome){r->test->name, !r->pass};
	}
	struct base_buf out = {0};
	reftest_expect_rewrite(e, oc, n, &out);
	free(oc);
	FILE *f = fopen(path, "w");
	bool ok = f && fwrite(out.data ? out.data : "", 1, out.len, f) == out.len;
	if (f && fclose(f) != 0)
		ok = false;
	base_buf_free(&out);
	return ok;
}

static const char *default_chrome_shot(struct base_arena *a)
{
	const char *shared = getenv("WEFT_SHARED_DIR");
	if (shared && *shared)
		return base_arena_printf(a, "%s/tools/chrome-shot", shared);
	return "chrome-shot";
}

int shell_cmd_reftest(int argc, char **argv)
{
	struct options o = {.run = {.width = 800, .height = 600, .jobs = base_cpu_count(),
				    .cache_bytes = (size_t)512 << 20}};
	struct base_vec paths = {0};
	int rc = parse_args(argc, argv, &o, &paths);
	if (rc != 0) {
		base_vec_free(&paths);
		return rc < 0 ? 0 : rc;
	}
	struct reftest_suite suite;
	reftest_suite_init(&suite);
	struct base_arena *a = &suite.arena;
	const char *first = paths.items[0];
	if (!reftest_is_dir(first) && !reftest_is_file(first)) {
		fprintf(stderr, "weft reftest: %s: no such file or directory\n", first);
		reftest_suite_free(&suite);
		base_vec_free(&paths);
		return 2;
	}
	const char *first_dir = dir_of(a, absolute(a, first));
	const char *root = o.root ? absolute(a, o.root) : NULL;
	if (!root)
		root = ancestor_with(a, first_dir, "MANIFEST.tsv");
	if (!root)
		root = ancestor_with(a, first_dir, "expected-failures.txt");
	if (!root)
		root = first_dir;
	suite.root = root;
	bool inputs_ok = true;
	for (size_t i = 0; i < paths.len; i++)
		inputs_ok &= add_path(&suite, paths.items[i], root);
	base_vec_free(&paths);
	if (suite.problems.len)
		fprintf(stderr, "%s", suite.problems.data);
	if (!inputs_ok) {
		reftest_suite_free(&suite);
		return 2;
	}
	if (o.only)
		keep_only(&suite, o.only);
	reftest_suite_sort_tests(&suite);
	if (o.list_only) {
		for (size_t i = 0; i < suite.tests.len; i++) {
			const struct reftest_node *t = suite.tests.items[i];
			printf("%s", t->name);
			for (const struct reftest_edge *e = t->edges; e; e = e->next)
				printf("\t%s %s", e->rel == REFTEST_MATCH ? "==" : "!=", e->ref->name);
			putchar('\n');
		}
		reftest_suite_free(&suite);
		return 0;
	}
	if (suite.tests.len == 0) {
		fprintf(stderr, "weft reftest: no tests found\n");
		reftest_suite_free(&suite);
		return 2;
	}

	const char *exp_path = o.expectations;
	if (!exp_path)
		exp_path = file_in(a, root, "expected-failures.txt");
	struct reftest_expectations exp;
	reftest_expect_init(&exp);
	if (exp_path && !reftest_expect_load(&exp, exp_path)) {
		fprintf(stderr, "weft reftest: cannot read %s\n", exp_path);
		reftest_expect_free(&exp);
		reftest_suite_free(&suite);
		return 2;
	}

	for (size_t i = 0; i < suite.tests.len; i++) {
		struct reftest_node *t = suite.tests.items[i];
		const struct reftest_expectation *x = reftest_expect_find(&exp, t->name);
		if (x && x->skip)
			t->skip = true;
	}

	struct weft_engine_options eo = {.threads = o.run.jobs > 1 ? 1 : 0,
					 .root_dir = root,
					 .font_dirs = o.font_dirs,
					 .font_dir_count = o.font_dir_count};
	struct weft_error err = {0};
	struct weft_engine *engine = weft_engine_new(&eo, &err);
	if (!engine) {
		fprintf(stderr, "weft reftest: %s\n", err.message);
		reftest_expect_free(&exp);
		reftest_suite_free(&suite);
		return 2;
	}
	if (o.chrome_dir) {
		mkdir(o.chrome_dir, 0755);
		o.run.shots_dir = base_arena_printf(a, "%s/weft", o.chrome_dir);
		mkdir(o.run.shots_dir, 0755);
	}
	o.run.progress = !o.quiet && isatty(STDERR_FILENO);
	struct reftest_results res;
	reftest_run(engine, &suite, &o.run, &res);
	weft_engine_free(engine);

	/* Each result against its expectation. */
	struct reftest_line *lines = base_xcalloc(res.count ? res.count : 1, sizeof(*lines));
	size_t passed = 0, failed = 0, expected_fail = 0, unexpected_pass = 0, skipped = 0, unexpected_fail = 0;
	struct base_buf why = {0};
	for (size_t i = 0; i < res.count; i++) {
		const struct reftest_result *r = &res.items[i];
		const struct reftest_expectation *x = reftest_expect_find(&exp, r->test->name);
		const char *reason = x ? x->reason : (r->test->fails ? "reftest.list: fails" : NULL);
		if (x && x->skip)
			reason = NULL; /* a skipped test has no expected outcome */
		lines[i].result = r;
		lines[i].reason = reason;
		if (r->skipped) {
			lines[i].status = REFTEST_SKIP;
			skipped++;
			continue;
		}
		if (r->pass) {
			passed++;
			lines[i].status = reason ? REFTEST_UNEXPECTED_PASS : REFTEST_PASS;
			if (reason) {
				unexpected_pass++;
				printf("PASS %s: unexpected pass (expected to fail: %s)\n", r->test->name,
				       *reason ? reason : "no reason given");
			}
		} else {
			failed++;
			lines[i].status = reason ? REFTEST_EXPECTED_FAIL : REFTEST_FAIL;
			if (reason) {
				expected_fail++;
			} else {
				unexpected_fail++;
				base_buf_clear(&why);
				reftest_describe_failure(r, &why);
				printf("FAIL %s: %s\n", r->test->name, why.data ? why.data : "");
			}
		}
	}
	base_buf_free(&why);

	if (o.chrome_dir) {
		struct reftest_chrome_options co = {.dir = o.chrome_dir,
						    .chrome_shot = o.chrome_shot ? o.chrome_shot : default_chrome_shot(a),
						    .serve_root = root,
						    .font_dirs = o.font_dirs,
						    .font_dir_count = o.font_dir_count,
						    .width = o.run.width,
						    .height = o.run.height,
						    .jobs = BASE_MIN(o.run.jobs, 2)};
		if (reftest_compare_with_chrome(&suite, &res, &co, stdout) < 0)
			rc = 2;
	}
	if (o.run.report_dir && !reftest_write_html_report(o.run.report_dir, lines, res.count, "Weft reftests", &err)) {
		fprintf(stderr, "weft reftest: %s\n", err.message);
		rc = 2;
	}
	if (o.junit && !reftest_write_junit(o.junit, lines, res.count, res.seconds, &err)) {
		fprintf(stderr, "weft reftest: %s\n", err.message);
		rc = 2;
	}
	bool updated = false;
	if (o.update_expectations) {
		const char *target = exp_path ? exp_path : base_arena_printf(a, "%s/expected-failures.txt", root);
		if (write_expectations(target, &exp, &res)) {
			updated = true;
			fprintf(stderr, "weft reftest: updated %s\n", target);
		} else {
			fprintf(stderr, "weft reftest: cannot write %s\n", target);
			rc = 2;
		}
	}
	if (!o.quiet) {
		print_areas(lines, res.count);
		double rate = res.seconds > 0 ? (double)(passed + failed) / res.seconds : 0;
		printf("# %zu tests in %.2f s (%.1f tests/s, %d jobs), %zu pages rendered, %zu MB peak cache\n",
		       passed + failed, res.seconds, rate, o.run.jobs, res.pages_rendered, res.peak_cache_bytes >> 20);
		if (skipped)
			printf("# %zu skipped\n", skipped);
	}
	printf("%zu passed, %zu failed\n", passed, failed);
	printf("%zu expected failures, %zu unexpected passes\n", expected_fail, unexpected_pass);
	free(lines);
	reftest_results_free(&res);
	reftest_expect_free(&exp);
	reftest_suite_free(&suite);
	if (rc == 0 && !updated && (unexpected_fail || (unexpected_pass && !o.allow_unexpected_passes)))
		rc = 1;
	return rc;
}
