/* XHTML through expat: namespaces, CDATA, HTML named references,
 * xml-stylesheet, templates, the error page, and real WPT .xht files. */
#include "support/test_support.h"

#include "html/html.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct html_document *parse_xml(const char *s)
{
	const char *why = NULL;
	struct html_document *doc = html_parse_xml(s, strlen(s), &why);
	assert_non_null(doc);
	return doc;
}

static char *dump(const struct html_document *doc)
{
	struct base_buf b = {0};
	html_dump(doc, HTML_DUMP_HTML5LIB, &b);
	return base_buf_steal(&b);
}

static void test_namespaces_cdata_entities(void **state)
{
	(void)state;
	struct html_document *doc = parse_xml(
		"<?xml version='1.0'?>\n<?xml-stylesheet type='text/css' href=\"s.css\"?>\n"
		"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
		"<html xmlns='http://www.w3.org/1999/xhtml' xml:lang='en'><head><title>a&nbsp;&mdash;b</title></head>"
		"<body><p class='x&eacute;'>1<![CDATA[<&>]]>2&#x41;&amp;</p>"
		"<svg xmlns='http://www.w3.org/2000/svg' xmlns:xl='http://www.w3.org/1999/xlink' viewBox='0 0 1 1'>"
		"<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>d</div></foreignObject><a xl:href='#u'/></svg>"
		"<math xmlns='http://www.w3.org/1998/Math/MathML'><mi>x</mi></math>"
		"<template><b>t</b></template><Foo/></body></html>");
	assert_null(doc->fatal_error);
	assert_true(doc->is_xml);
	assert_int_equal(doc->xml_stylesheet_count, 1);
	assert_string_equal(doc->xml_stylesheets[0], "s.css");
	char *s = dump(doc);
	assert_string_equal(s,
			    "| <!DOCTYPE html \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
			    "| <html>\n|   xml lang=\"en\"\n|   <head>\n|     <title>\n|       \"a\xC2\xA0\xE2\x80\x94" "b\"\n"
			    "|   <body>\n|     <p>\n|       class=\"x\xC3\xA9\"\n|       \"1<&>2A&\"\n"
			    "|     <svg svg>\n|       viewBox=\"0 0 1 1\"\n|       <svg foreignObject>\n|         <div>\n|           \"d\"\n"
			    "|       <svg a>\n|         xlink href=\"#u\"\n|     <math math>\n|       <math mi>\n|         \"x\"\n"
			    "|     <template>\n|       content\n|         <b>\n|           \"t\"\n|     <Foo>\n");
	free(s);
	assert_ptr_equal(doc->document_element->local_name, html_tag_name(HTML_TAG_HTML));
	struct base_arena a;
	base_arena_init(&a, 512);
	assert_string_equal(html_document_title(doc, &a), "a\xC2\xA0\xE2\x80\x94" "b");
	base_arena_free(&a);
	for (size_t i = 0; i < doc->element_count; i++) {
		assert_int_equal(doc->elements[i]->element_index, i);
		if (strcmp(doc->elements[i]->local_name, "Foo") == 0)
			assert_int_equal(doc->elements[i]->tag, HTML_TAG_UNKNOWN);
	}
	html_document_free(doc);
}

static void test_error_page(void **state)
{
	(void)state;
	const char *bad[] = {"<html xmlns='http://www.w3.org/1999/xhtml'><body><p>x</body></html>", "", "<a>&undefined;</a>",
			     "<a b='1' b='2'/>", "\xFF\xFE<\0"};
	for (size_t i = 0; i < BASE_ARRAY_LEN(bad); i++) {
		struct html_document *doc = parse_xml(bad[i]);
		assert_non_null(doc->fatal_error);
		assert_true(strncmp(doc->fatal_error, "XML parse error at line ", 24) == 0);
		char *s = dump(doc);
		char want[512];
		snprintf(want, sizeof want, "| <html>\n|   <body>\n|     <p>\n|       \"%s\"\n", doc->fatal_error);
		assert_string_equal(s, want);
		free(s);
		assert_int_equal(doc->element_count, 3);
		html_document_free(doc);
	}
	struct html_document *doc = parse_xml("<html>\n<p>\n</html>");
	assert_string_equal(doc->fatal_error, "XML parse error at line 3, column 3: mismatched tag");
	html_document_free(doc);
}

static void test_legacy_encoding(void **state)
{
	(void)state;
	struct html_document *doc = parse_xml("<?xml version='1.0' encoding='windows-1251'?><p>\xC0</p>");
	assert_null(doc->fatal_error);
	assert_string_equal(doc->encoding, "windows-1251");
	assert_string_equal(doc->document_element->first_child->data, "\xD0\x90");
	html_document_free(doc);
}

/* Every .xht under css/CSS2/floats and css/CSS2/normal-flow parses. */
static void test_wpt_xht(void **state)
{
	(void)state;
	const char *dirs[] = {"wpt/css/CSS2/floats", "wpt/css/CSS2/normal-flow"};
	int count = 0;
	for (size_t d = 0; d < BASE_ARRAY_LEN(dirs); d++) {
		char dir[4096];
		test_shared_path(dir, sizeof dir, dirs[d]);
		DIR *dh = opendir(dir);
		if (!dh)
			continue;
		struct dirent *e;
		while ((e = readdir(dh))) {
			size_t n = strlen(e->d_name);
			if (n < 4 || strcmp(e->d_name + n - 4, ".xht") != 0)
				continue;
			char path[8192];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			struct base_buf src = {0};
			assert_int_equal(base_read_file(path, &src), BASE_OK);
			const char *why;
			struct html_document *doc = html_parse_xml(src.data, src.len, &why);
			assert_non_null(doc);
			if (doc->fatal_error)
				printf("%s: %s\n", e->d_name, doc->fatal_error);
			assert_null(doc->fatal_error);
			assert_non_null(doc->document_element);
			assert_int_equal(doc->document_element->ns, HTML_NS_HTML);
			html_document_free(doc);
			base_buf_free(&src);
			count++;
		}
		closedir(dh);
	}
	printf("%d WPT .xht files parsed\n", count);
	assert_true(count > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_namespaces_cdata_entities),
		cmocka_unit_test(test_error_page),
		cmocka_unit_test(test_legacy_encoding),
		cmocka_unit_test(test_wpt_xht),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
