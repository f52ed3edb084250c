/* The input byte stream: html5lib-tests encoding sniffing (BOM, <meta>
 * prescan, defaults) and decoding (UTF-8 replacement, windows-1252 and
 * other single-byte encodings, UTF-16, a CJK encoding). */
#include "support/test_support.h"

#include "html/html.h"

#include <stdio.h>
#include <string.h>

static struct html_document *parse(const char *s, size_t n, const char *transport)
{
	struct html_parse_options opt = {0};
	opt.encoding = transport;
	const char *why = NULL;
	struct html_document *doc = html_parse(s, n, &opt, &why);
	assert_non_null(doc);
	return doc;
}

/* The text of the first text node under <body>. */
static const char *body_text(const struct html_document *doc)
{
	for (size_t i = 0; i < doc->element_count; i++) {
		const struct html_node *el = doc->elements[i];
		if (el->tag == HTML_TAG_BODY && el->first_child && el->first_child->type == HTML_NODE_TEXT)
			return el->first_child->data;
	}
	return "";
}

static int run_encoding_file(const char *rel, int *total)
{
	char path[4096];
	test_shared_path(path, sizeof path, rel);
	struct base_buf src = {0};
	assert_int_equal(base_read_file(path, &src), BASE_OK);
	int pass = 0, count = 0;
	const char *p = src.data, *end = src.data + src.len;
	while ((p = strstr(p, "#data\n")) != NULL) {
		p += 6;
		const char *enc = strstr(p, "\n#encoding\n");
		if (!enc)
			break;
		const char *name = enc + 11;
		const char *name_end = memchr(name, '\n', (size_t)(end - name));
		if (!name_end)
			name_end = end;
		struct html_document *doc = parse(p, (size_t)(enc - p), NULL);
		count++;
		size_t nlen = (size_t)(name_end - name);
		if (base_ascii_ieq(doc->encoding, strlen(doc->encoding), name, nlen))
			pass++;
		else
			printf("FAIL %s: want %.*s got %s for: %.60s\n", rel, (int)nlen, name, doc->encoding, p);
		html_document_free(doc);
		p = name_end;
	}
	printf("%s: %d/%d\n", rel, pass, count);
	*total += count;
	base_buf_free(&src);
	return count - pass;
}

static void test_html5lib_encoding(void **state)
{
	(void)state;
	int failed = 0, total = 0;
	failed += run_encoding_file("testdata/html5lib-tests/encoding/tests1.dat", &total);
	failed += run_encoding_file("testdata/html5lib-tests/encoding/tests2.dat", &total);
	failed += run_encoding_file("testdata/html5lib-tests/encoding/test-yahoo-jp.dat", &total);
	assert_true(total > 80);
	assert_int_equal(failed, 0);
}

static void test_bom(void **state)
{
	(void)state;
	struct html_document *doc = parse("\xEF\xBB\xBFh\xC3\xA9", 6, "windows-1252");
	assert_string_equal(doc->encoding, "UTF-8");
	assert_string_equal(body_text(doc), "h\xC3\xA9");
	html_document_free(doc);
	/* UTF-16LE "h\u00e9" and a surrogate pair U+1F600. */
	doc = parse("\xFF\xFEh\0\xE9\0\x3D\xD8\x00\xDE", 10, NULL);
	assert_string_equal(doc->encoding, "UTF-16LE");
	assert_string_equal(body_text(doc), "h\xC3\xA9\xF0\x9F\x98\x80");
	html_document_free(doc);
	doc = parse("\xFE\xFF\0h\0\xE9\xD8\x00", 8, NULL);
	assert_string_equal(doc->encoding, "UTF-16BE");
	assert_string_equal(body_text(doc), "h\xC3\xA9\xEF\xBF\xBD");
	html_document_free(doc);
}

static void test_meta_and_legacy(void **state)
{
	(void)state;
	/* windows-1252 as the Encoding Standard has it: 0x80 is the euro, 0x81
	 * is U+0081 (glibc leaves it undefined), 0x9F is Y diaeresis. */
	const char w1252[] = "<meta charset=windows-1252><body>\x80\x81\x9F\xE9";
	struct html_document *doc = parse(w1252, sizeof w1252 - 1, NULL);
	assert_string_equal(doc->encoding, "windows-1252");
	assert_string_equal(body_text(doc), "\xE2\x82\xAC\xC2\x81\xC5\xB8\xC3\xA9");
	html_document_free(doc);
	/* latin1 is windows-1252 on the web. */
	const char latin1[] = "<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'><body>\x80";
	doc = parse(latin1, sizeof latin1 - 1, NULL);
	assert_string_equal(doc->encoding, "windows-1252");
	assert_string_equal(body_text(doc), "\xE2\x82\xAC");
	html_document_free(doc);
	const char cyr[] = "<meta charset=\"windows-1251\"><body>\xC0\xFF";
	doc = parse(cyr, sizeof cyr - 1, NULL);
	assert_string_equal(doc->encoding, "windows-1251");
	assert_string_equal(body_text(doc), "\xD0\x90\xD1\x8F");
	html_document_free(doc);
	const char koi[] = "<meta charset=koi8-r><body>\xC1";
	doc = parse(koi, sizeof koi - 1, NULL);
	assert_string_equal(doc->encoding, "KOI8-R");
	assert_string_equal(body_text(doc), "\xD0\xB0");
	html_document_free(doc);
	/* ISO-8859-3 has holes: 0xA5 is an error, U+FFFD. */
	const char l3[] = "<meta charset=iso-8859-3><body>\xA1\xA5";
	doc = parse(l3, sizeof l3 - 1, NULL);
	assert_string_equal(body_text(doc), "\xC4\xA6\xEF\xBF\xBD");
	html_document_free(doc);
	/* The transport layer beats <meta>. */
	doc = parse(cyr, sizeof cyr - 1, "iso-8859-2");
	assert_string_equal(doc->encoding, "ISO-8859-2");
	html_document_free(doc);
	/* A CJK encoding through iconv. */
	const char sjis[] = "<meta charset=shift_jis><body>\x82\xA0";
	doc = parse(sjis, sizeof sjis - 1, NULL);
	assert_string_equal(doc->encoding, "Shift_JIS");
	assert_string_equal(body_text(doc), "\xE3\x81\x82");
	html_document_free(doc);
}

static void test_defaults_and_utf8(void **state)
{
	(void)state;
	/* No declaration, valid non-ASCII UTF-8: autodetected. */
	struct html_document *doc = parse("<p>caf\xC3\xA9", 8, NULL);
	assert_string_equal(doc->encoding, "UTF-8");
	html_document_free(doc);
	/* Not UTF-8 and undeclared: windows-1252. */
	doc = parse("<body>caf\xE9", 10, NULL);
	assert_string_equal(doc->encoding, "windows-1252");
	assert_string_equal(body_text(doc), "caf\xC3\xA9");
	html_document_free(doc);
	/* Declared UTF-8 with broken sequences: U+FFFD per maximal subpart. */
	const char bad[] = "<meta charset=utf-8><body>a\xE2\x82z\xFF\xF0\x9F\x98\x80";
	doc = parse(bad, sizeof bad - 1, NULL);
	assert_string_equal(body_text(doc), "a\xEF\xBF\xBDz\xEF\xBF\xBD\xF0\x9F\x98\x80");
	html_document_free(doc);
	/* CR LF and lone CR become LF. */
	doc = parse("<body>a\r\nb\rc", 12, NULL);
	assert_string_equal(body_text(doc), "a\nb\nc");
	html_document_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html5lib_encoding),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_meta_and_legacy),
		cmocka_unit_test(test_defaults_and_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
