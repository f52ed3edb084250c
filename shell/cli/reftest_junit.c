/* reftest_junit.c — JUnit XML for CI dashboards: one <testcase> per test,
 * grouped by area (classname). Expected failures are <skipped>; unexpected
 * failures and unexpected passes are <failure>s. */
#include "shell/cli/reftest_run.h"

#include <stdio.h>

static void put_xml(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '&')
			fputs("&amp;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c < 0x20 && c != '\t' && c != '\n')
			fputc(' ', f); /* not allowed in XML 1.0 */
		else
			fputc(*s, f);
	}
}

bool reftest_write_junit(const char *path, const struct reftest_line *lines, size_t count, double seconds,
			 struct weft_error *err)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		err->status = WEFT_ERR_INPUT;
		snprintf(err->message, sizeof err->message, "cannot write %.400s", path);
		return false;
	}
	size_t failures = 0, skipped = 0;
	for (size_t i = 0; i < count; i++) {
		failures += lines[i].status == REFTEST_FAIL || lines[i].status == REFTEST_UNEXPECTED_PASS;
		skipped += lines[i].status == REFTEST_EXPECTED_FAIL || lines[i].status == REFTEST_SKIP;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites tests=\"%zu\" failures=\"%zu\" time=\"%.3f\">\n", count, failures, seconds);
	fprintf(f, "<testsuite name=\"weft-reftest\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.3f\">\n",
		count, failures, skipped, seconds);
	struct base_buf why = {0};
	for (size_t i = 0; i < count; i++) {
		const struct reftest_line *l = &lines[i];
		const struct reftest_result *r = l->result;
		fputs("  <testcase classname=\"", f);
		put_xml(f, *r->test->area ? r->test->area : "reftests");
		fputs("\" name=\"", f);
		put_xml(f, r->test->name);
		fprintf(f, "\" time=\"%.3f\"", r->seconds);
		base_buf_clear(&why);
		switch (l->status) {
		case REFTEST_PASS:
			fputs("/>\n", f);
			continue;
		case REFTEST_SKIP:
			fputs("><skipped message=\"skip\"/></testcase>\n", f);
			continue;
		case REFTEST_EXPECTED_FAIL:
			fputs("><skipped message=\"expected failure: ", f);
			put_xml(f, l->reason ? l->reason : "");
			fputs("\"/></testcase>\n", f);
			continue;
		case REFTEST_UNEXPECTED_PASS:
			base_buf_printf(&why, "unexpected pass (expected failure: %s)", l->reason ? l->reason : "");
			break;
		case REFTEST_FAIL:
			reftest_describe_failure(r, &why);
			break;
		}
		fputs("><failure message=\"", f);
		put_xml(f, why.data ? why.data : "");
		fputs("\"/></testcase>\n", f);
	}
	base_buf_free(&why);
	fputs("</testsuite>\n</testsuites>\n", f);
	if (fclose(f) != 0) {
		err->status = WEFT_ERR_INPUT;
		snprintf(err->message, sizeof err->message, "cannot write %.400s", path);
		return false;
	}
	return true;
}
