/* reftest_report.c — the static HTML report of a run: every failure with
 * its test, reference and difference images side by side. Plain HTML and
 * CSS, no JavaScript, so it opens from the file system anywhere (and in
 * Weft itself). */
#include "shell/cli/reftest_run.h"

#include <stdio.h>
#include <string.h>

const char *reftest_status_name(enum reftest_status s)
{
	static const char *const names[] = {
		[REFTEST_PASS] = "PASS",
		[REFTEST_FAIL] = "FAIL",
		[REFTEST_EXPECTED_FAIL] = "expected FAIL",
		[REFTEST_UNEXPECTED_PASS] = "unexpected PASS",
		[REFTEST_SKIP] = "SKIP",
	};
	return names[s];
}

void reftest_describe_failure(const struct reftest_result *r, struct base_buf *b)
{
	if (r->error) {
		base_buf_printf(b, "rendering failed: %s", r->error);
		return;
	}
	if (r->verdict.edge_count == 0) {
		base_buf_puts(b, "no reference");
		return;
	}
	for (size_t k = 0; k < r->verdict.edge_count; k++) {
		const struct reftest_edge_result *e = &r->verdict.edges[k];
		if (k)
			base_buf_puts(b, "; ");
		const char *rel = e->edge->rel == REFTEST_MATCH ? "==" : "!=";
		if (e->edge->rel == REFTEST_MATCH)
			base_buf_printf(b, "%s %s: %llu pixels differ, max difference %d", rel, e->edge->ref->name,
					(unsigned long long)e->diff.differing, e->diff.max_diff);
		else
			base_buf_printf(b, "%s %s: %s", rel, e->edge->ref->name,
					e->diff.differing ? "differs" : "identical");
		if (e->edge->fuzzy.set) {
			char fz[96];
			reftest_fuzzy_format(&e->edge->fuzzy, fz, sizeof fz);
			base_buf_printf(b, " (fuzzy %s)", fz);
		}
		if (e->ok && e->edge->ref->edges)
			base_buf_puts(b, " (chain ok)");
		else if (!e->ok && e->diff.differing == 0 && e->edge->rel == REFTEST_MATCH && e->edge->ref->edges)
			base_buf_puts(b, " (its own reference fails)");
	}
}

static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

static const char style[] =
	"body{font:14px sans-serif;margin:1em}"
	"table.sum td{padding:0 1em 0 0}"
	"h2{font-size:16px;margin:2em 0 .3em;border-top:1px solid #ccc;padding-top:.5em}"
	".FAIL,.unexpected{color:#b00}.expected{color:#888}"
	".imgs{display:flex;gap:8px}.imgs figure{margin:0}"
	".imgs img{width:400px;height:300px;border:1px solid #999;image-rendering:pixelated}"
	"figcaption{font-size:12px;color:#555}p.why{margin:.2em 0;font-family:monospace}";

bool reftest_write_html_report(const char *dir, const struct reftest_line *lines, size_t count, const char *title,
			       struct weft_error *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/index.html", dir);
	FILE *f = fopen(path, "w");
	if (!f) {
		err->status = WEFT_ERR_INPUT;
		snprintf(err->message, sizeof err->message, "cannot write %.400s", path);
		return false;
	}
	size_t counts[REFTEST_SKIP + 1] = {0};
	for (size_t i = 0; i < count; i++)
		counts[lines[i].status]++;
	fputs("<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>", f);
	put_escaped(f, title);
	fprintf(f, "</title>\n<style>%s</style></head><body>\n<h1>", style);
	put_escaped(f, title);
	fputs("</h1>\n<table class=sum>", f);
	for (int s = REFTEST_PASS; s <= REFTEST_SKIP; s++)
		fprintf(f, "<tr><td>%s</td><td>%zu</td></tr>", reftest_status_name((enum reftest_status)s), counts[s]);
	fputs("</table>\n", f);
	/* Unexpected results first, then expected failures. */
	static const enum reftest_status order[] = {REFTEST_FAIL, REFTEST_UNEXPECTED_PASS, REFTEST_EXPECTED_FAIL};
	struct base_buf why = {0};
	for (size_t o = 0; o < BASE_ARRAY_LEN(order); o++) {
		for (size_t i = 0; i < count; i++) {
			const struct reftest_line *l = &lines[i];
			if (l->status != order[o])
				continue;
			const struct reftest_result *r = l->result;
			fprintf(f, "<h2 id=t%zu><span class=\"%s\">%s</span> ", i,
				l->status == REFTEST_FAIL ? "FAIL" : (l->status == REFTEST_EXPECTED_FAIL ? "expected" : "unexpected"),
				reftest_status_name(l->status));
			put_escaped(f, r->test->name);
			fputs("</h2>\n", f);
			if (l->reason) {
				fputs("<p class=why>expected to fail: ", f);
				put_escaped(f, l->reason);
				fputs("</p>\n", f);
			}
			if (!r->pass) {
				base_buf_clear(&why);
				reftest_describe_failure(r, &why);
				fputs("<p class=why>", f);
				put_escaped(f, why.data ? why.data : "");
				fputs("</p>\n", f);
			}
			if (r->has_images) {
				fputs("<div class=imgs>", f);
				static const char *const kinds[] = {"test", "ref", "diff"};
				for (size_t k = 0; k < 3; k++) {
					fprintf(f, "<figure><a href=\"images/%zu-%s.png\"><img src=\"images/%zu-%s.png\" alt=\"%s\"></a><figcaption>",
						i, kinds[k], i, kinds[k], kinds[k]);
					if (k == 0)
						put_escaped(f, r->test->name);
					else if (k == 1)
						put_escaped(f, r->shown_ref ? r->shown_ref->name : "");
					else
						fputs("differing pixels in red", f);
					fputs("</figcaption></figure>", f);
				}
				fputs("</div>\n", f);
			}
		}
	}
	base_buf_free(&why);
	fputs("</body></html>\n", f);
	if (fclose(f) != 0) {
		err->status = WEFT_ERR_INPUT;
		snprintf(err->message, sizeof err->message, "cannot write %.400s", path);
		return false;
	}
	return true;
}
