/* Unit tests of the reftest runner's logic (shell/cli/reftest_*.c): fuzzy
 * specifiers, the tag scanner, discovery and reference chains, MANIFEST.tsv
 * and reftest.list, expectations files, pixel comparison and verdicts. */
#include "support/test_support.h"

#include "shell/cli/reftest.h"
#include "shell/cli/reftest_run.h"

#include <stdatomic.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool fuzzy(const char *spec, struct reftest_fuzzy *f, char *url, size_t url_size)
{
	const char *u;
	size_t ul;
	bool ok = reftest_fuzzy_parse(spec, strlen(spec), f, &u, &ul);
	if (url)
		snprintf(url, url_size, "%.*s", u ? (int)ul : 0, u ? u : "");
	return ok;
}

static void test_fuzzy_forms(void **state)
{
	(void)state;
	struct reftest_fuzzy f;
	char url[64];
	assert_true(fuzzy("maxDifference=0-2;totalPixels=0-100", &f, url, sizeof url));
	assert_true(f.set);
	assert_int_equal(f.max_diff.lo, 0);
	assert_int_equal(f.max_diff.hi, 2);
	assert_int_equal(f.pixels.lo, 0);
	assert_int_equal(f.pixels.hi, 100);
	assert_string_equal(url, "");
	/* Either order, spaces. */
	assert_true(fuzzy(" totalPixels = 5-6 ; maxDifference=1 ", &f, NULL, 0));
	assert_int_equal(f.max_diff.lo, 1);
	assert_int_equal(f.max_diff.hi, 1);
	assert_int_equal(f.pixels.lo, 5);
	assert_int_equal(f.pixels.hi, 6);
	/* Bare ranges, single numbers mean exactly N. */
	assert_true(fuzzy("0-52; 0-7950", &f, NULL, 0));
	assert_int_equal(f.max_diff.hi, 52);
	assert_int_equal(f.pixels.hi, 7950);
	assert_true(fuzzy("10;300", &f, NULL, 0));
	assert_int_equal(f.max_diff.lo, 10);
	assert_int_equal(f.max_diff.hi, 10);
	assert_int_equal(f.pixels.lo, 300);
	/* Mixed: one named, one bare. */
	assert_true(fuzzy("totalPixels=0-4;3", &f, NULL, 0));
	assert_int_equal(f.max_diff.hi, 3);
	assert_int_equal(f.pixels.hi, 4);
	/* Per-reference URL prefix. */
	assert_true(fuzzy("ref/x-ref.html:maxDifference=1;totalPixels=2-3", &f, url, sizeof url));
	assert_string_equal(url, "ref/x-ref.html");
	assert_int_equal(f.pixels.lo, 2);
	/* Malformed. */
	assert_false(fuzzy("", &f, NULL, 0));
	assert_false(fuzzy("1", &f, NULL, 0));
	assert_false(fuzzy("1;2;3", &f, NULL, 0));
	assert_false(fuzzy("5-2;0", &f, NULL, 0));
	assert_false(fuzzy("maxDifference=1;maxDifference=2", &f, NULL, 0));
	assert_false(fuzzy("colour=1;2", &f, NULL, 0));
	assert_false(fuzzy("a-b;1", &f, NULL, 0));
	assert_false(fuzzy("1-;2", &f, NULL, 0));
	assert_false(fuzzy("99999999999999999999;1", &f, NULL, 0));
}

static void test_fuzzy_equal_rule(void **state)
{
	(void)state;
	struct reftest_fuzzy f;
	fuzzy("maxDifference=1-2;totalPixels=10-20", &f, NULL, 0);
	struct reftest_diff d = {0, 0};
	assert_true(reftest_fuzzy_equal(&d, NULL)); /* identical */
	/* wptrunner: non-zero lower bounds demand a difference, even from identical images. */
	assert_false(reftest_fuzzy_equal(&d, &f));
	d = (struct reftest_diff){15, 2};
	assert_true(reftest_fuzzy_equal(&d, &f));
	assert_false(reftest_fuzzy_equal(&d, NULL));
	d = (struct reftest_diff){21, 2}; /* inclusive upper bound exceeded */
	assert_false(reftest_fuzzy_equal(&d, &f));
	d = (struct reftest_diff){20, 1};
	assert_true(reftest_fuzzy_equal(&d, &f));
	d = (struct reftest_diff){9, 1}; /* below the pixel range */
	assert_false(reftest_fuzzy_equal(&d, &f));
	d = (struct reftest_diff){15, 3};
	assert_false(reftest_fuzzy_equal(&d, &f));
	fuzzy("0;0", &f, NULL, 0);
	d = (struct reftest_diff){1, 1};
	assert_false(reftest_fuzzy_equal(&d, &f));
	/* Lower bound 0 on pixels: a zero count is equal whatever the diff. */
	fuzzy("5-6;0-3", &f, NULL, 0);
	d = (struct reftest_diff){0, 0};
	assert_true(reftest_fuzzy_equal(&d, &f));
	d = (struct reftest_diff){2, 4};
	assert_false(reftest_fuzzy_equal(&d, &f));
}

static void test_compare_and_diff_image(void **state)
{
	(void)state;
	uint8_t a[4 * 4 * 4], b[4 * 4 * 4], out[4 * 4 * 4];
	memset(a, 255, sizeof a);
	memset(b, 255, sizeof b);
	struct reftest_diff d;
	reftest_compare(a, b, 4, 4, &d);
	assert_int_equal(d.differing, 0);
	assert_int_equal(d.max_diff, 0);
	b[5 * 4 + 1] = 250; /* pixel 5, green -5 */
	b[9 * 4 + 3] = 0; /* pixel 9, alpha -255 */
	b[10 * 4 + 0] = 254;
	b[10 * 4 + 2] = 200;
	reftest_compare(a, b, 4, 4, &d);
	assert_int_equal(d.differing, 3);
	assert_int_equal(d.max_diff, 255);
	reftest_diff_image(a, b, 4, 4, out);
	assert_int_equal(out[5 * 4 + 0], 255);
	assert_int_equal(out[5 * 4 + 1], 0);
	assert_int_equal(out[0 * 4 + 1], 255); /* white stays white */
	assert_int_equal(out[9 * 4 + 3], 255);
}

static void test_paths(void **state)
{
	(void)state;
	struct base_arena a;
	base_arena_init(&a, 1024);
	assert_string_equal(reftest_path_normalize(&a, "a/./b/../c//d", 13), "a/c/d");
	assert_string_equal(reftest_path_normalize(&a, "../x/../../y", 12), "../../y");
	assert_string_equal(reftest_path_normalize(&a, "/../a/", 6), "/a");
	assert_string_equal(reftest_path_normalize(&a, "./", 2), ".");
	assert_string_equal(reftest_path_join(&a, "dir/sub", "../r.html", 9), "dir/r.html");
	assert_string_equal(reftest_path_join(&a, "dir", "/abs/r.html", 11), "/abs/r.html");
	assert_string_equal(reftest_path_relative("suite/a/b.html", "suite"), "a/b.html");
	assert_string_equal(reftest_path_relative("suitex/b.html", "suite"), "suitex/b.html");
	assert_string_equal(reftest_path_relative("x.html", "."), "x.html");
	base_arena_free(&a);
}

struct tags {
	char seen[1024];
};

static void collect(void *ctx, const struct reftest_tag *t)
{
	struct tags *r = ctx;
	size_t n = strlen(r->seen);
	if (t->is_link)
		snprintf(r->seen + n, sizeof r->seen - n, "link(%.*s|%.*s) ", (int)t->rel_len, t->rel ? t->rel : "",
			 (int)t->href_len, t->href ? t->href : "");
	else
		snprintf(r->seen + n, sizeof r->seen - n, "meta(%.*s|%.*s) ", (int)t->name_len,
			 t->name ? t->name : "", (int)t->content_len, t->content ? t->content : "");
}

static void test_scanner(void **state)
{
	(void)state;
	const char *html = "<!DOCTYPE html><?xml version='1.0'?><html><head>\n"
			   "<!-- <link rel=match href=commented.html> -->\n"
			   "<LINK REL='author match' HREF=\"a-ref.html\" rel=ignored>\n"
			   "<style>p::before { content: '<link rel=match href=style.html>' }</style>\n"
			   "<script/><link rel=mismatch href=b.html/>\n"
			   "<meta name=fuzzy content='0-1;0-5'><meta charset=utf-8>\n"
			   "<title>a <meta name=x></title><div title='>'><link rel=match href=c.html>"
			   "<![CDATA[ <link rel=match href=cdata.html> ]]><link rel=match href=\"unterminated";
	struct tags r = {{0}};
	reftest_scan_tags(html, strlen(html), collect, &r);
	assert_string_equal(r.seen, "link(author match|a-ref.html) link(mismatch|b.html/) meta(fuzzy|0-1;0-5) "
				    "meta(|) link(match|c.html) link(match|unterminated) ");
	assert_true(reftest_has_token("author  MATCH", 13, "match"));
	assert_false(reftest_has_token("matches", 7, "match"));
	/* Garbage never crashes. */
	const char *junk[] = {"<", "<l", "<link", "<link rel=", "<link rel='", "<!--", "<![CDATA[", "<script>",
			      "<meta name=fuzzy content=>", "</", "<a '>"};
	for (size_t i = 0; i < BASE_ARRAY_LEN(junk); i++) {
		struct tags t = {{0}};
		reftest_scan_tags(junk[i], strlen(junk[i]), collect, &t);
	}
}

static void test_reference_names(void **state)
{
	(void)state;
	assert_true(reftest_name_is_reference("a/b-ref.html"));
	assert_true(reftest_name_is_reference("a/b-notref.xht"));
	assert_true(reftest_name_is_reference("a/ref_2.html"));
	assert_true(reftest_name_is_reference("a/b-ref2-x.html"));
	assert_true(reftest_name_is_reference("css/reference/green.html"));
	assert_false(reftest_name_is_reference("a/prefix.html"));
	assert_false(reftest_name_is_reference("a/reflow-001.html"));
	assert_false(reftest_name_is_reference("a/b-reference.html"));
	assert_true(reftest_in_non_test_dir("css/support/x.html"));
	assert_true(reftest_in_non_test_dir("resources/x.html"));
	assert_false(reftest_in_non_test_dir("css/supports/x.html"));
	assert_false(reftest_in_non_test_dir("support.html"));
	assert_true(reftest_is_html_name("x.XHT"));
	assert_false(reftest_is_html_name("x.css"));
}

/* A temporary directory tree for discovery and manifests. */
static char tmp_root[256];

static void write_file(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", tmp_root, rel);
	for (char *p = path + strlen(tmp_root) + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int make_tree(void **state)
{
	(void)state;
	snprintf(tmp_root, sizeof tmp_root, "/tmp/weft-test-reftest-XXXXXX");
	assert_non_null(mkdtemp(tmp_root));
	write_file("a/test1.html", "<link rel=match href=test1-ref.html><meta name=fuzzy content='test1-ref.html:1;2'>"
				   "<meta name=fuzzy content='3;4'><link rel=mismatch href='/b/other.html'>");
	write_file("a/test1-ref.html", "<p>ref");
	write_file("a/chain.html", "<link rel=match href=chain-mid.html>");
	write_file("a/chain-mid.html", "<link rel=match href=../b/chain-ref.html>");
	write_file("b/chain-ref.html", "ref");
	write_file("b/other.html", "<link rel=match href=test1.html>"); /* a test whose reference is a test */
	write_file("b/plain.html", "no links");
	write_file("b/cycle.html", "<link rel=match href=cycle.html>");
	write_file("support/helper.html", "<link rel=match href=x.html>");
	write_file("b/looks-ref.html", "<link rel=match href=x.html>");
	write_file("MANIFEST.tsv", "test\trel\tref\tfuzzy\tarea\n"
				   "a/test1.html\t==\ta/test1-ref.html\t\tarea-a\n"
				   "a/test1.html\t!=\t/b/other.html\t0-1;0-2\tarea-a\n"
				   "b/x.html\t<>\tb/y.html\t\tb\n"
				   "b/z.html\t==\tb/z-ref.html\tnonsense\tb\n");
	write_file("list/reftest.list", "# comment\n"
					"== t1.html t1-ref.html\n"
					"fails != t2.html t2-ref.html # trailing\n"
					"fuzzy(0-2,0-40) fuzzy-if(gtkWidget,0-3,0-50) == t3.html t3-ref.html\n"
					"skip-if(winWidget) skip == t4.html t4-ref.html\n"
					"include sub/reftest.list\n"
					"load crash.html\n"
					"bogus == a b\n"
					"== missing-ref.html\n");
	write_file("list/sub/reftest.list", "random-if(Android) == s.html ../t1-ref.html\ninclude ../reftest.list\n");
	return 0;
}

static int remove_tree(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static const struct reftest_node *find_test(const struct reftest_suite *s, const char *name)
{
	for (size_t i = 0; i < s->tests.len; i++) {
		const struct reftest_node *n = s->tests.items[i];
		if (strcmp(n->name, name) == 0)
			return n;
	}
	return NULL;
}

static void test_discovery_and_chains(void **state)
{
	(void)state;
	struct reftest_suite s;
	reftest_suite_init(&s);
	s.root = tmp_root;
	reftest_discover_dir(&s, tmp_root, tmp_root);
	reftest_suite_sort_tests(&s);
	assert_int_equal(s.tests.len, 5);
	const struct reftest_node *t1 = find_test(&s, "a/test1.html");
	assert_non_null(t1);
	assert_string_equal(t1->area, "a");
	/* Per-reference fuzzy wins; the general one applies to the others. */
	const struct reftest_edge *e = t1->edges;
	assert_int_equal(e->rel, REFTEST_MATCH);
	assert_string_equal(e->ref->name, "a/test1-ref.html");
	assert_int_equal(e->fuzzy.max_diff.lo, 1);
	assert_int_equal(e->fuzzy.pixels.lo, 2);
	e = e->next;
	assert_int_equal(e->rel, REFTEST_MISMATCH);
	assert_string_equal(e->ref->name, "b/other.html"); /* root-relative */
	assert_int_equal(e->fuzzy.max_diff.lo, 3);
	assert_null(e->next);
	/* Chain a/chain.html -> a/chain-mid.html -> b/chain-ref.html. The middle
	 * page has links and is not named like a reference, so by WPT's rule it
	 * is a test of its own as well. */
	const struct reftest_node *chain = find_test(&s, "a/chain.html");
	assert_non_null(chain);
	struct reftest_node *closure[8];
	assert_int_equal(reftest_suite_closure(chain, closure, 8), 3);
	assert_string_equal(closure[2]->name, "b/chain-ref.html");
	assert_non_null(find_test(&s, "b/cycle.html"));
	assert_null(find_test(&s, "b/looks-ref.html"));
	assert_null(find_test(&s, "support/helper.html"));
	assert_null(find_test(&s, "b/plain.html"));
	assert_non_null(find_test(&s, "a/chain-mid.html"));
	/* b/other.html is a test and also test1's reference. */
	assert_non_null(find_test(&s, "b/other.html"));
	reftest_suite_free(&s);
}

static void test_manifest_tsv(void **state)
{
	(void)state;
	struct reftest_suite s;
	reftest_suite_init(&s);
	char path[512];
	snprintf(path, sizeof path, "%s/MANIFEST.tsv", tmp_root);
	assert_int_equal(reftest_manifest_tsv_load(&s, path, NULL), 2);
	const struct reftest_node *t1 = find_test(&s, "a/test1.html");
	assert_non_null(t1);
	assert_string_equal(t1->area, "area-a");
	assert_false(t1->edges->fuzzy.set);
	assert_int_equal(t1->edges->next->rel, REFTEST_MISMATCH);
	assert_true(t1->edges->next->fuzzy.set);
	assert_int_equal(t1->edges->next->fuzzy.pixels.hi, 2);
	assert_string_equal(t1->edges->next->ref->name, "b/other.html");
	assert_non_null(strstr(s.problems.data, "MANIFEST.tsv:4: relation"));
	assert_non_null(strstr(s.problems.data, "MANIFEST.tsv:5: bad fuzzy"));
	reftest_suite_free(&s);
	/* Filtered to a sub-directory. */
	reftest_suite_init(&s);
	char under[300];
	snprintf(under, sizeof under, "%s/b", tmp_root);
	assert_int_equal(reftest_manifest_tsv_load(&s, path, under), 1);
	assert_non_null(find_test(&s, "b/z.html"));
	reftest_suite_free(&s);
}

static void test_reftest_list(void **state)
{
	(void)state;
	struct reftest_suite s;
	reftest_suite_init(&s);
	char path[512], base[300];
	snprintf(path, sizeof path, "%s/list/reftest.list", tmp_root);
	snprintf(base, sizeof base, "%s/list", tmp_root);
	size_t n = reftest_list_load(&s, path, base, 0);
	assert_int_equal(n, 5);
	const struct reftest_node *t = find_test(&s, "t1.html");
	assert_non_null(t);
	assert_string_equal(t->edges->ref->name, "t1-ref.html");
	t = find_test(&s, "t2.html");
	assert_true(t->fails);
	assert_int_equal(t->edges->rel, REFTEST_MISMATCH);
	t = find_test(&s, "t3.html");
	assert_true(t->edges->fuzzy.set);
	assert_int_equal(t->edges->fuzzy.max_diff.hi, 2);
	assert_int_equal(t->edges->fuzzy.pixels.hi, 40);
	assert_true(find_test(&s, "t4.html")->skip);
	t = find_test(&s, "sub/s.html");
	assert_non_null(t);
	assert_false(t->skip);
	assert_string_equal(t->area, "sub");
	assert_string_equal(t->edges->ref->name, "t1-ref.html");
	assert_non_null(strstr(s.problems.data, "load tests are not supported"));
	assert_non_null(strstr(s.problems.data, "unknown token bogus"));
	assert_non_null(strstr(s.problems.data, "expected '==|!= test reference'"));
	assert_non_null(strstr(s.problems.data, "nested too deeply"));
	reftest_suite_free(&s);
}

/* Images by node name for verdict tests. */
struct images {
	const char *names[8];
	struct reftest_image img[8];
};

static const struct reftest_image *lookup(void *ctx, const struct reftest_node *node)
{
	struct images *im = ctx;
	for (int i = 0; i < 8 && im->names[i]; i++) {
		if (strcmp(im->names[i], node->name) == 0)
			return &im->img[i];
	}
	return NULL;
}

static void test_verdicts(void **state)
{
	(void)state;
	static uint8_t white[2 * 2 * 4], black[2 * 2 * 4], grey[2 * 2 * 4];
	memset(white, 255, sizeof white);
	memset(black, 0, sizeof black);
	for (size_t i = 0; i < sizeof grey; i++)
		grey[i] = (i % 4 == 3) ? 255 : 254;
	struct reftest_suite s;
	reftest_suite_init(&s);
	struct reftest_node *t = reftest_suite_node(&s, "t.html", NULL);
	struct reftest_node *w = reftest_suite_node(&s, "w.html", NULL);
	struct reftest_node *b = reftest_suite_node(&s, "b.html", NULL);
	struct reftest_node *g = reftest_suite_node(&s, "g.html", NULL);
	struct reftest_node *broken = reftest_suite_node(&s, "broken.html", NULL);
	struct images im = {{"t.html", "w.html", "b.html", "g.html", "broken.html"},
			    {{white, NULL}, {white, NULL}, {black, NULL}, {grey, NULL}, {NULL, "cannot parse"}}};
	struct reftest_verdict v;
	/* No references at all is a failure (nothing was checked). */
	reftest_judge(t, 2, 2, lookup, &im, &v);
	assert_false(v.pass);
	/* One of several == references is enough. */
	reftest_suite_add_edge(&s, t, REFTEST_MATCH, b, NULL);
	reftest_judge(t, 2, 2, lookup, &im, &v);
	assert_false(v.pass);
	assert_int_equal(v.edges[0].diff.differing, 4);
	assert_int_equal(v.edges[0].diff.max_diff, 255);
	reftest_suite_add_edge(&s, t, REFTEST_MATCH, w, NULL);
	reftest_judge(t, 2, 2, lookup, &im, &v);
	assert_true(v.pass);
	assert_int_equal(v.edge_count, 2);
	/* Every != must differ. */
	reftest_suite_add_edge(&s, t, REFTEST_MISMATCH, b, NULL);
	reftest_judge(t, 2, 2, lookup, &im, &v);
	assert_true(v.pass);
	struct reftest_fuzzy loose;
	fuzzy("0-1;0-4", &loose, NULL, 0);
	reftest_suite_add_edge(&s, t, REFTEST_MISMATCH, g, &loose); /* equal within fuzz: fails */
	reftest_judge(t, 2, 2, lookup, &im, &v);
	assert_false(v.pass);
	/* Chains: w == g holds only with fuzz. */
	struct reftest_node *t2 = reftest_suite_node(&s, "t2.html", NULL);
	im.names[5] = "t2.html";
	im.img[5] = (struct reftest_image){white, NULL};
	reftest_suite_add_edge(&s, t2, REFTEST_MATCH, w, NULL);
	struct reftest_edge *chain = reftest_suite_add_edge(&s, w, REFTEST_MATCH, g, NULL);
	reftest_judge(t2, 2, 2, lookup, &im, &v);
	assert_false(v.pass);
	chain->fuzzy = loose;
	reftest_judge(t2, 2, 2, lookup, &im, &v);
	assert_true(v.pass);
	/* A page that fails to render fails the test, even for !=. */
	struct reftest_node *t3 = reftest_suite_node(&s, "t3.html", NULL);
	im.names[6] = "t3.html";
	im.img[6] = (struct reftest_image){white, NULL};
	reftest_suite_add_edge(&s, t3, REFTEST_MISMATCH, broken, NULL);
	reftest_judge(t3, 2, 2, lookup, &im, &v);
	assert_false(v.pass);
	assert_string_equal(v.error, "cannot parse");
	/* A cycle ends, failing. */
	struct reftest_node *c = reftest_suite_node(&s, "w.html", NULL);
	reftest_suite_add_edge(&s, g, REFTEST_MATCH, c, &loose);
	reftest_judge(t2, 2, 2, lookup, &im, &v);
	assert_false(v.pass);
	assert_non_null(v.error);
	reftest_suite_free(&s);
}

static void test_expectations(void **state)
{
	(void)state;
	struct reftest_expectations e;
	reftest_expect_init(&e);
	const char *text = "# Known failures\n"
			   "\n"
			   "block/a.html  # needs floats\n"
			   "block/b.html\n"
			   "  text/c.html #   bidi   \r\n"
			   "block/a.html  # repeated\n"
			   "skip crash/e.html  # use after free\n"
			   "gone/d.html # not run this time";
	reftest_expect_parse(&e, text, strlen(text));
	const struct reftest_expectation *x = reftest_expect_find(&e, "block/a.html");
	assert_non_null(x);
	assert_string_equal(x->reason, "needs floats");
	assert_string_equal(reftest_expect_find(&e, "block/b.html")->reason, "");
	assert_string_equal(reftest_expect_find(&e, "text/c.html")->reason, "bidi");
	assert_null(reftest_expect_find(&e, "# Known failures"));
	assert_false(x->skip);
	assert_true(reftest_expect_find(&e, "crash/e.html")->skip);
	assert_string_equal(reftest_expect_find(&e, "crash/e.html")->reason, "use after free");
	struct reftest_outcome outcomes[] = {
		{"block/a.html", true}, {"block/b.html", false}, {"text/c.html", true},
		{"z/new.html", true},   {"a/new.html", true},    {"z/new.html", true},
		{"ok.html", false},
	};
	struct base_buf out = {0};
	reftest_expect_rewrite(&e, outcomes, BASE_ARRAY_LEN(outcomes), &out);
	assert_string_equal(out.data, "# Known failures\n"
				      "\n"
				      "block/a.html  # needs floats\n"
				      "  text/c.html #   bidi   \n"
				      "skip crash/e.html  # use after free\n"
				      "gone/d.html # not run this time\n"
				      "a/new.html  # new failure\n"
				      "z/new.html  # new failure\n");
	base_buf_free(&out);
	reftest_expect_free(&e);
	/* A missing file is an empty list. */
	reftest_expect_init(&e);
	assert_true(reftest_expect_load(&e, "/nonexistent/expectations.txt"));
	assert_int_equal(e.entries.len, 0);
	reftest_expect_free(&e);
}

/* The pixel cache renders each page once however many tests use it, frees
 * pixels after the last planned use, and stays under its memory limit. */
struct render_count {
	atomic_int renders[4];
};

static bool count_render(void *ctx, const struct reftest_node *node, uint8_t *pixels, char **error)
{
	struct render_count *rc = ctx;
	atomic_fetch_add(&rc->renders[node->index], 1);
	if (node->index == 3) {
		*error = base_xstrdup("broken page");
		return false;
	}
	pixels[0] = (uint8_t)node->index;
	return true;
}

struct cache_job {
	struct reftest_cache *cache;
	struct reftest_node *nodes[4];
	atomic_int wrong; /* checked on the main thread: cmocka asserts are not thread-safe */
};

static void use_pages(void *ctx, size_t i, int worker)
{
	(void)worker;
	struct cache_job *job = ctx;
	/* Every "test" uses page 0 and one of pages 1..3. */
	struct reftest_node *pages[2] = {job->nodes[0], job->nodes[1 + i % 3]};
	for (int k = 0; k < 2; k++) {
		const struct reftest_image *img = reftest_cache_acquire(job->cache, pages[k]);
		bool ok = pages[k]->index == 3 ? !img->pixels && strcmp(img->error, "broken page") == 0
					       : img->pixels && img->pixels[0] == pages[k]->index;
		if (!ok)
			atomic_fetch_add(&job->wrong, 1);
	}
	for (int k = 0; k < 2; k++)
		reftest_cache_release(job->cache, pages[k]);
}

static void test_pixel_cache(void **state)
{
	(void)state;
	struct reftest_suite s;
	reftest_suite_init(&s);
	struct cache_job job;
	const char *names[] = {"shared-ref.html", "a.html", "b.html", "broken.html"};
	for (int i = 0; i < 4; i++)
		job.nodes[i] = reftest_suite_node(&s, names[i], NULL);
	struct render_count rc;
	for (int i = 0; i < 4; i++)
		atomic_init(&rc.renders[i], 0);
	struct reftest_cache cache;
	reftest_cache_init(&cache, 4, 8, 8, (size_t)1 << 20, count_render, &rc);
	job.cache = &cache;
	atomic_init(&job.wrong, 0);
	const size_t tests = 60;
	for (size_t i = 0; i < tests; i++) {
		reftest_cache_plan(&cache, job.nodes[0]);
		reftest_cache_plan(&cache, job.nodes[1 + i % 3]);
	}
	struct base_pool *pool = base_pool_create(4);
	base_pool_parallel_for(pool, tests, use_pages, &job);
	base_pool_destroy(pool);
	assert_int_equal(atomic_load(&job.wrong), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(atomic_load(&rc.renders[i]), 1);
	assert_int_equal(cache.renders, 4);
	assert_int_equal(cache.bytes, 0); /* all freed after their last use */
	reftest_cache_free(&cache);

	/* A limit of one image: an idle page is dropped for the next and
	 * rendered again when needed. */
	for (int i = 0; i < 4; i++)
		atomic_init(&rc.renders[i], 0);
	reftest_cache_init(&cache, 4, 8, 8, 8 * 8 * 4, count_render, &rc);
	for (int k = 0; k < 2; k++) {
		reftest_cache_plan(&cache, job.nodes[1]);
		reftest_cache_plan(&cache, job.nodes[2]);
	}
	for (int k = 0; k < 2; k++) {
		reftest_cache_acquire(&cache, job.nodes[1]);
		reftest_cache_release(&cache, job.nodes[1]);
		reftest_cache_acquire(&cache, job.nodes[2]);
		reftest_cache_release(&cache, job.nodes[2]);
		assert_true(cache.bytes <= cache.image_bytes);
	}
	assert_int_equal(atomic_load(&rc.renders[1]), 2);
	assert_int_equal(cache.peak_bytes, cache.image_bytes);
	reftest_cache_free(&cache);
	reftest_suite_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzzy_forms),
		cmocka_unit_test(test_fuzzy_equal_rule),
		cmocka_unit_test(test_compare_and_diff_image),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_scanner),
		cmocka_unit_test(test_reference_names),
		cmocka_unit_test(test_discovery_and_chains),
		cmocka_unit_test(test_manifest_tsv),
		cmocka_unit_test(test_reftest_list),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_expectations),
		cmocka_unit_test(test_pixel_cache),
	};
	return cmocka_run_group_tests(tests, make_tree, remove_tree);
}
