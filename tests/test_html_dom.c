/* The DOM contract of html/html.h: element numbering, interned names,
 * attribute lookup, title, template contents, fragments, serialisations,
 * 100,000-deep nesting, and parsing on many threads at once. */
#include "support/test_support.h"

#include "html/html.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct html_document *parse(const char *s, const char *fragment)
{
	struct html_parse_options opt = {0};
	opt.fragment_context = fragment;
	const char *why = NULL;
	struct html_document *doc = html_parse(s, strlen(s), &opt, &why);
	assert_non_null(doc);
	return doc;
}

static char *dump(const struct html_document *doc, enum html_dump_format fmt)
{
	struct base_buf b = {0};
	html_dump(doc, fmt, &b);
	return base_buf_steal(&b);
}

static void test_elements_and_names(void **state)
{
	(void)state;
	struct html_document *a = parse("<!DOCTYPE html><title> A  b\n c </title><div id=x class='p q'>t<Foo-Bar>"
					"<template><span>in</span></template><svg viewbox='0 0 1 1'><foreignObject/></svg>",
					NULL);
	struct html_document *b = parse("<div><foo-bar></foo-bar></div>", NULL);
	assert_int_equal(a->quirks, HTML_NO_QUIRKS);
	assert_non_null(a->document_element);
	assert_ptr_equal(a->document_element->local_name, html_tag_name(HTML_TAG_HTML));
	for (size_t i = 0; i < a->element_count; i++)
		assert_int_equal(a->elements[i]->element_index, i);
	/* html head title body div foo-bar template svg foreignObject; the
	 * template's span is not numbered. */
	assert_int_equal(a->element_count, 9);
	const struct html_node *div = NULL, *foo = NULL, *tmpl = NULL, *svg = NULL;
	for (size_t i = 0; i < a->element_count; i++) {
		const struct html_node *el = a->elements[i];
		if (el->tag == HTML_TAG_DIV)
			div = el;
		else if (strcmp(el->local_name, "foo-bar") == 0)
			foo = el;
		else if (el->tag == HTML_TAG_TEMPLATE)
			tmpl = el;
		else if (el->tag == HTML_TAG_SVG)
			svg = el;
	}
	assert_non_null(div);
	assert_non_null(foo);
	assert_non_null(tmpl);
	assert_non_null(svg);
	assert_ptr_equal(div->local_name, html_tag_name(HTML_TAG_DIV));
	assert_ptr_equal(b->elements[3]->local_name, html_tag_name(HTML_TAG_DIV));
	assert_int_equal(foo->tag, HTML_TAG_UNKNOWN);
	assert_string_equal(html_element_attr_value(div, "class"), "p q");
	assert_null(html_element_attr_value(div, "missing"));
	assert_int_equal(html_element_attr(div, "id")->value_len, 1);
	assert_string_equal(html_element_attr_value(svg, "viewBox"), "0 0 1 1");
	assert_int_equal(svg->ns, HTML_NS_SVG);
	assert_int_equal(svg->last_child->tag, HTML_TAG_FOREIGNOBJECT);
	assert_non_null(tmpl->template_content);
	assert_null(tmpl->first_child);
	assert_int_equal(tmpl->template_content->first_child->element_index, UINT32_MAX);
	struct base_arena ar;
	base_arena_init(&ar, 1024);
	assert_string_equal(html_document_title(a, &ar), "A b c");
	struct html_document *untitled = parse("<p>", NULL);
	assert_null(html_document_title(untitled, &ar));
	html_document_free(untitled);
	base_arena_free(&ar);
	html_document_free(a);
	html_document_free(b);
}

static void test_text_merging_and_dumps(void **state)
{
	(void)state;
	/* Foster-parented text merges with the text before the table. */
	struct html_document *doc = parse("<body>a<table>b<tr>c</table>&amp;<!--x--><br>", NULL);
	char *s = dump(doc, HTML_DUMP_HTML5LIB);
	assert_string_equal(s, "| <html>\n|   <head>\n|   <body>\n|     \"abc\"\n|     <table>\n|       <tbody>\n"
			       "|         <tr>\n|     \"&\"\n|     <!-- x -->\n|     <br>\n");
	free(s);
	s = dump(doc, HTML_DUMP_HTML);
	assert_string_equal(s, "<html><head></head><body>abc<table><tbody><tr></tr></tbody></table>&amp;<!--x--><br></body></html>");
	free(s);
	s = dump(doc, HTML_DUMP_TREE);
	assert_non_null(strstr(s, "#text \"abc\""));
	free(s);
	html_document_free(doc);
	doc = parse("<p title='a\"&nbsp;'>x &lt; \xC2\xA0<script>a<b</script><svg><path xlink:href=u /></svg>", NULL);
	s = dump(doc, HTML_DUMP_HTML);
	assert_string_equal(s, "<html><head></head><body><p title=\"a&quot;&nbsp;\">x &lt; &nbsp;<script>a<b</script>"
			       "<svg><path xlink:href=\"u\"></path></svg></p></body></html>");
	free(s);
	html_document_free(doc);
}

static void test_fragment(void **state)
{
	(void)state;
	struct html_document *doc = parse("<td>a</td><tr>", "tr");
	assert_int_equal(doc->root->type, HTML_NODE_FRAGMENT);
	assert_null(doc->document_element);
	char *s = dump(doc, HTML_DUMP_HTML5LIB);
	assert_string_equal(s, "| <td>\n|   \"a\"\n");
	free(s);
	html_document_free(doc);
	doc = parse("<circle/>x", "svg svg");
	assert_int_equal(doc->elements[0]->ns, HTML_NS_SVG);
	html_document_free(doc);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	const size_t depth = 100000;
	struct base_buf in = {0};
	for (size_t i = 0; i < depth; i++)
		base_buf_puts(&in, i % 2 ? "<div>" : "<span>");
	base_buf_puts(&in, "x");
	const char *why = NULL;
	struct html_document *doc = html_parse(in.data, in.len, NULL, &why);
	assert_non_null(doc);
	assert_int_equal(doc->element_count, depth + 3);
	const struct html_node *n = doc->elements[doc->element_count - 1];
	assert_non_null(n->first_child);
	assert_string_equal(n->first_child->data, "x");
	/* The serialisation is linear in depth; the indented formats are
	 * quadratic by definition (two spaces per level on every line), so
	 * they are checked on a shallower tree below. */
	struct base_buf out = {0};
	html_dump(doc, HTML_DUMP_HTML, &out);
	assert_true(out.len > depth * 5);
	assert_memory_equal(out.data + out.len - 27, "</div></span></body></html>", 27);
	base_buf_free(&out);
	html_document_free(doc);
	base_buf_clear(&in);
	for (size_t i = 0; i < 3000; i++)
		base_buf_puts(&in, "<div>");
	doc = html_parse(in.data, in.len, NULL, &why);
	for (int f = HTML_DUMP_TREE; f <= HTML_DUMP_HTML5LIB; f++) {
		html_dump(doc, (enum html_dump_format)f, &out);
		assert_true(out.len > 3000 * 3000);
		base_buf_free(&out);
	}
	html_document_free(doc);
	/* Deep formatting elements and tables too. */
	base_buf_clear(&in);
	for (size_t i = 0; i < depth / 4; i++)
		base_buf_puts(&in, "<b><i><table><td>");
	doc = html_parse(in.data, in.len, NULL, &why);
	assert_non_null(doc);
	html_document_free(doc);
	base_buf_free(&in);
}

struct parallel_ctx {
	const char *input;
	size_t len;
	const char *expected;
	atomic_int failures;
};

static void parse_task(void *p, size_t index, int worker)
{
	(void)index;
	(void)worker;
	struct parallel_ctx *ctx = p;
	const char *why;
	struct html_document *doc = html_parse(ctx->input, ctx->len, NULL, &why);
	struct base_buf out = {0};
	html_dump(doc, HTML_DUMP_HTML5LIB, &out);
	if (strcmp(out.data, ctx->expected) != 0)
		atomic_fetch_add(&ctx->failures, 1);
	base_buf_free(&out);
	html_document_free(doc);
}

static void test_parallel(void **state)
{
	(void)state;
	const char *input = "<table><tr><td><b>x<p>y</b>z<select><option>1<option>2</select><math><mi>q</mi></math>";
	struct html_document *doc = parse(input, NULL);
	struct parallel_ctx ctx = {.input = input, .len = strlen(input), .expected = dump(doc, HTML_DUMP_HTML5LIB)};
	html_document_free(doc);
	struct base_pool *pool = base_pool_create(4);
	base_pool_parallel_for(pool, 200, parse_task, &ctx);
	base_pool_destroy(pool);
	assert_int_equal(atomic_load(&ctx.failures), 0);
	free((char *)ctx.expected);
}

static void test_errors(void **state)
{
	(void)state;
	struct html_parse_options opt = {.collect_errors = true};
	const char *why;
	const char *s = "<p>\n  <a x=1 x=2>&nosuch;</q>";
	struct html_document *doc = html_parse(s, strlen(s), &opt, &why);
	assert_true(doc->error_count >= 2);
	bool dup = false;
	for (size_t i = 0; i < doc->error_count; i++)
		if (strcmp(doc->errors[i].code, "duplicate-attribute") == 0) {
			dup = true;
			assert_int_equal(doc->errors[i].line, 2);
			assert_int_equal(doc->errors[i].column, 11);
		}
	assert_true(dup);
	html_document_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elements_and_names),
		cmocka_unit_test(test_text_merging_and_dumps),
		cmocka_unit_test(test_fragment),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_parallel),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
