/* html5lib-tests tokenizer: every file under tokenizer/, each test run once
 * per initial state, with lastStartTag and doubleEscaped honoured. Tokens
 * and parse errors (code, line, column) must match exactly. Prints a count
 * per file and fails on any mismatch. */
#include "support/json.h"
#include "support/test_support.h"

#include "html/token_json.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Writes a code point as (generalised) UTF-8: lone surrogates keep their
 * 3-byte form, as the JSON reader does. */
static void put_wtf8(struct base_buf *b, uint32_t cp)
{
	if (cp >= 0xD800 && cp <= 0xDFFF) {
		base_buf_putc(b, (char)(0xE0 | (cp >> 12)));
		base_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		base_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else
		base_buf_put_utf8(b, cp);
}

/* doubleEscaped: decode the \uHHHH escapes once more. */
static char *unescape(const char *s, size_t n, size_t *out_n, struct base_arena *a)
{
	struct base_buf b = {0};
	for (size_t i = 0; i < n;) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'u') {
			int h[4];
			bool ok = i + 6 <= n;
			for (int k = 0; ok && k < 4; k++)
				ok = (h[k] = hexval(s[i + 2 + k])) >= 0;
			if (ok) {
				uint32_t cp = (uint32_t)(h[0] << 12 | h[1] << 8 | h[2] << 4 | h[3]);
				i += 6;
				if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u') {
					uint32_t lo = 0;
					bool ok2 = true;
					for (int k = 0; ok2 && k < 4; k++) {
						int v = hexval(s[i + 2 + k]);
						ok2 = v >= 0;
						lo = lo << 4 | (uint32_t)(v < 0 ? 0 : v);
					}
					if (ok2 && lo >= 0xDC00 && lo <= 0xDFFF) {
						cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
						i += 6;
					}
				}
				put_wtf8(&b, cp);
				continue;
			}
		}
		base_buf_putc(&b, s[i++]);
	}
	char *r = base_arena_strndup(a, b.data ? b.data : "", b.len);
	*out_n = b.len;
	base_buf_free(&b);
	return r;
}

static void unescape_strings(struct test_json *v, struct base_arena *a)
{
	if (v->type == TEST_JSON_STRING) {
		v->string = unescape(v->string, v->string_len, &v->string_len, a);
		return;
	}
	if (v->type == TEST_JSON_ARRAY || v->type == TEST_JSON_OBJECT)
		for (size_t i = 0; i < v->count; i++)
			unescape_strings(v->items[i], a);
	if (v->type == TEST_JSON_OBJECT)
		for (size_t i = 0; i < v->count; i++) {
			size_t n;
			v->keys[i] = unescape(v->keys[i], strlen(v->keys[i]), &n, a);
		}
}

/* "Coercing an HTML DOM into an infoset" for xmlViolation.test: form feed
 * becomes a space, noncharacters U+FFFE/U+FFFF become U+FFFD and "--" in a
 * comment becomes "- -". */
static void coerce_infoset(struct test_json *v, bool comment, struct base_arena *a)
{
	if (v->type == TEST_JSON_STRING) {
		struct base_buf b = {0};
		for (size_t i = 0; i < v->string_len; i++) {
			const unsigned char *s = (const unsigned char *)v->string;
			if (s[i] == '\f')
				base_buf_putc(&b, ' ');
			else if (i + 2 < v->string_len && s[i] == 0xEF && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
				base_buf_put_utf8(&b, 0xFFFD);
				i += 2;
			} else if (comment && s[i] == '-' && i + 1 < v->string_len && s[i + 1] == '-')
				base_buf_puts(&b, "- ");
			else
				base_buf_putc(&b, (char)s[i]);
		}
		v->string = base_arena_strndup(a, b.data ? b.data : "", b.len);
		v->string_len = b.len;
		base_buf_free(&b);
		return;
	}
	if (v->type == TEST_JSON_ARRAY && v->count >= 2 && v->items[0]->type == TEST_JSON_STRING &&
	    strcmp(v->items[0]->string, "Comment") == 0) {
		coerce_infoset(v->items[1], true, a);
		return;
	}
	if (v->type == TEST_JSON_ARRAY || v->type == TEST_JSON_OBJECT)
		for (size_t i = 0; i < v->count; i++)
			coerce_infoset(v->items[i], comment, a);
}

/* Errors as "code@line:col" lines, whatever the key order. */
static void write_errors(const struct test_json *list, struct base_buf *out)
{
	base_buf_puts(out, "");
	for (size_t i = 0; list && i < list->count; i++) {
		const struct test_json *e = list->items[i];
		const struct test_json *code = test_json_get(e, "code");
		const struct test_json *line = test_json_get(e, "line");
		const struct test_json *col = test_json_get(e, "col");
		base_buf_printf(out, "%s@%d:%d ", code ? code->string : "?", line ? (int)line->number : 0,
				col ? (int)col->number : 0);
	}
}

static const struct {
	const char *name;
	enum html_tokenizer_state state;
} states[] = {
	{"Data state", HTML_TS_DATA},
	{"PLAINTEXT state", HTML_TS_PLAINTEXT},
	{"RCDATA state", HTML_TS_RCDATA},
	{"RAWTEXT state", HTML_TS_RAWTEXT},
	{"Script data state", HTML_TS_SCRIPT_DATA},
	{"CDATA section state", HTML_TS_CDATA_SECTION},
};

static bool run_case(const char *file, const struct test_json *t, enum html_tokenizer_state st, bool xml_violation,
		     struct base_arena *a, bool verbose)
{
	const struct test_json *input = test_json_get(t, "input");
	struct test_json *output = (struct test_json *)test_json_get(t, "output");
	const struct test_json *errors = test_json_get(t, "errors");
	const struct test_json *last = test_json_get(t, "lastStartTag");
	const struct test_json *dbl = test_json_get(t, "doubleEscaped");
	const char *in = input->string;
	size_t in_len = input->string_len;
	if (dbl && dbl->boolean) {
		in = unescape(in, in_len, &in_len, a);
		unescape_strings(output, a);
	}
	struct base_buf got = {0}, got_errors = {0};
	html_tokenize_json(in, in_len, st, last ? last->string : NULL, &got, &got_errors);
	const char *err = NULL;
	struct test_json *got_json = test_json_parse(got.data, got.len, a, &err);
	assert_non_null(got_json);
	if (xml_violation)
		coerce_infoset(got_json, false, a);
	struct base_buf want_s = {0}, got_s = {0}, want_e = {0}, got_e = {0};
	test_json_write(output, &want_s);
	test_json_write(got_json, &got_s);
	struct test_json *got_err_json = test_json_parse(got_errors.data, got_errors.len, a, &err);
	assert_non_null(got_err_json);
	write_errors(got_err_json, &got_e);
	write_errors(errors, &want_e);
	bool ok = strcmp(want_s.data, got_s.data) == 0 && (xml_violation || strcmp(want_e.data, got_e.data) == 0);
	if (!ok && verbose) {
		const struct test_json *d = test_json_get(t, "description");
		printf("FAIL %s: %s (state %d)\n  input: %s\n  want: %s\n  got:  %s\n  want errors: %s\n  got errors:  %s\n",
		       file, d ? d->string : "?", (int)st, input->string, want_s.data, got_s.data, want_e.data,
		       got_e.data);
	}
	base_buf_free(&got);
	base_buf_free(&got_errors);
	base_buf_free(&want_s);
	base_buf_free(&got_s);
	base_buf_free(&want_e);
	base_buf_free(&got_e);
	return ok;
}

static void test_tokenizer(void **state)
{
	(void)state;
	char dir[4096];
	test_shared_path(dir, sizeof dir, "testdata/html5lib-tests/tokenizer");
	DIR *dh = opendir(dir);
	assert_non_null(dh);
	char *names[64];
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(dh)) && count < 64) {
		size_t n = strlen(e->d_name);
		if (n > 5 && strcmp(e->d_name + n - 5, ".test") == 0)
			names[count++] = base_xstrdup(e->d_name);
	}
	closedir(dh);
	qsort(names, count, sizeof *names, cmp_str);
	int total = 0, failed = 0, shown = 0;
	for (size_t f = 0; f < count; f++) {
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, names[f]);
		struct base_buf src = {0};
		assert_int_equal(base_read_file(path, &src), BASE_OK);
		struct base_arena a;
		base_arena_init(&a, 1 << 20);
		const char *err = NULL;
		struct test_json *root = test_json_parse(src.data, src.len, &a, &err);
		assert_non_null(root);
		bool xml_violation = false;
		const struct test_json *tests = test_json_get(root, "tests");
		if (!tests) {
			tests = test_json_get(root, "xmlViolationTests");
			xml_violation = true;
		}
		assert_non_null(tests);
		int pass = 0, runs = 0;
		for (size_t i = 0; i < tests->count; i++) {
			const struct test_json *t = tests->items[i];
			const struct test_json *initial = test_json_get(t, "initialStates");
			size_t nstates = initial ? initial->count : 1;
			for (size_t s = 0; s < nstates; s++) {
				enum html_tokenizer_state st = HTML_TS_DATA;
				if (initial) {
					size_t k = 0;
					for (; k < BASE_ARRAY_LEN(states); k++)
						if (strcmp(states[k].name, initial->items[s]->string) == 0)
							break;
					assert_true(k < BASE_ARRAY_LEN(states));
					st = states[k].state;
				}
				runs++;
				if (run_case(names[f], t, st, xml_violation, &a, shown < 30))
					pass++;
				else
					shown++;
			}
		}
		printf("%s: %d/%d\n", names[f], pass, runs);
		total += runs;
		failed += runs - pass;
		base_arena_free(&a);
		base_buf_free(&src);
		free(names[f]);
	}
	printf("tokenizer: %d/%d passed\n", total - failed, total);
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenizer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
