/* Selectors Level 4: parsing validity, specificity, and matching of every
 * simple selector, combinator and pseudo-class through the whole style
 * pipeline (rule hash, Bloom filter, matcher). */
#include "support/test_support.h"

#include "css/internal.h"

#include <stdio.h>
#include <string.h>

/* Parses one selector; returns its specificity as a*10000+b*100+c, or -1
 * when invalid. */
static long specificity(const char *text)
{
	struct base_arena a;
	base_arena_init(&a, 4096);
	struct css_cv_list in = css_parse_component_value_list(&a, text, strlen(text));
	struct css_selector_list l;
	long r = -1;
	if (css_parse_selector_list(&a, in, false, &l) && l.count == 1) {
		uint32_t s = l.items[0]->specificity;
		r = (long)((s >> 20) & 0x3ff) * 10000 + (long)((s >> 10) & 0x3ff) * 100 + (long)(s & 0x3ff);
	}
	base_arena_free(&a);
	return r;
}

static void test_specificity_table(void **state)
{
	(void)state;
	static const struct {
		const char *sel;
		long spec;
	} table[] = {
		{ "*", 0 },
		{ "li", 1 },
		{ "ul li", 2 },
		{ "ul ol+li", 3 },
		{ "h1 + *[rel=up]", 101 },
		{ "ul ol li.red", 103 },
		{ "li.red.level", 201 },
		{ "#x34y", 10000 },
		{ "#s12:not(FOO)", 10001 },
		{ ".foo :is(.bar, #baz)", 10100 },
		{ ":where(#a, .b) p", 1 },
		{ "p::before", 2 },
		{ "p:before", 2 },
		{ ":nth-child(2n of .a, #b)", 10100 },
		{ ":nth-child(odd)", 100 },
		{ "a:has(> img, .x)", 101 },
		{ ":not(#a, .b, c)", 10000 },
		{ "[href]:hover", 200 },
		{ "html|*:not(:link)", 100 },
		{ "*|p", 1 },
		{ "a > b ~ c + d e", 5 },
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(table); i++) {
		long got = specificity(table[i].sel);
		if (got != table[i].spec)
			fail_msg("%s: specificity %ld, expected %ld", table[i].sel, got, table[i].spec);
	}
}

static void test_invalid_selectors(void **state)
{
	(void)state;
	static const char *const invalid[] = {
		"", "a..b", "a >", "> a", ":unknown", "::unknown", "a::before b", ":not(::before)", "[a=]", "[a b]",
		"#1a", ":nth-child(foo)", "a,", ":lang()", "::marker::before", "a:before:hover:first-child",
	};
	for (size_t i = 0; i < BASE_ARRAY_LEN(invalid); i++)
		if (specificity(invalid[i]) != -1)
			fail_msg("%s: should be invalid", invalid[i]);
	/* :is() and :where() are forgiving. */
	assert_int_equal(specificity(":is(:unknown, .a)"), 100);
	assert_int_equal(specificity(":where(::before)"), 0);
}

/* Styles a document and reports whether `sel` matches the element with
 * id `id` (the rule sets a background colour nothing else uses). */
static bool matches_state(const char *body, const char *sel, const char *id, const char *hover_id, bool quirks)
{
	struct base_buf src = { 0 };
	base_buf_printf(&src, "%s<html><head><style>%s { background-color: rgb(1, 2, 3) }</style></head><body>%s</body></html>",
			quirks ? "" : "<!DOCTYPE html>", sel, body);
	const char *why;
	struct html_document *doc = html_parse(src.data, src.len, NULL, &why);
	assert_non_null(doc);
	struct css_element_state st = { 0 };
	struct css_style_options opt = { 0 };
	opt.media.viewport_width = 800;
	opt.media.viewport_height = 600;
	opt.state = &st;
	const struct html_node *target = NULL;
	for (size_t i = 0; i < doc->element_count; i++) {
		const char *v = html_element_attr_value(doc->elements[i], "id");
		if (v && strcmp(v, id) == 0)
			target = doc->elements[i];
		if (v && hover_id && strcmp(v, hover_id) == 0)
			st.hover = st.focus = st.active = doc->elements[i];
	}
	assert_non_null(target);
	struct css_styled_document *sd = css_style_document(doc, &opt);
	const struct css_style *s = css_style_of(sd, target);
	bool m = s->background_color.r == 1 && s->background_color.g == 2 && s->background_color.b == 3;
	css_styled_document_free(sd);
	html_document_free(doc);
	base_buf_free(&src);
	return m;
}

static bool matches(const char *body, const char *sel, const char *id)
{
	return matches_state(body, sel, id, NULL, false);
}

#define YES(body, sel, id)                                                       \
	do {                                                                     \
		if (!matches(body, sel, id))                                     \
			fail_msg("%s should match #%s in %s", sel, id, body);    \
	} while (0)
#define NO(body, sel, id)                                                        \
	do {                                                                     \
		if (matches(body, sel, id))                                      \
			fail_msg("%s should not match #%s in %s", sel, id, body); \
	} while (0)

static void test_simple_selectors(void **state)
{
	(void)state;
	const char *b = "<div id=d class='a  b' title='en-US x' data-x='Hello'><p id=p class=c>t</p></div>";
	YES(b, "div", "d");
	YES(b, "DIV", "d");
	YES(b, "*", "p");
	YES(b, "#d", "d");
	NO(b, "#D", "d");
	YES(b, ".a.b", "d");
	NO(b, ".A", "d");
	YES(b, "[title]", "d");
	YES(b, "[title='en-US x']", "d");
	YES(b, "[title~=x]", "d");
	NO(b, "[title~='']", "d");
	YES(b, "[title|=en]", "d");
	YES(b, "[title^=en]", "d");
	YES(b, "[title$=' x']", "d");
	YES(b, "[title*='US']", "d");
	NO(b, "[data-x=hello]", "d");
	YES(b, "[data-x=hello i]", "d");
	YES(b, "[DATA-X=Hello s]", "d");
	NO(b, "[title^='']", "d");
	/* Quirks mode: classes and ids are ASCII case-insensitive. */
	if (!matches_state(b, ".A", "d", NULL, true))
		fail_msg(".A should match in quirks mode");
	if (!matches_state(b, "#D", "d", NULL, true))
		fail_msg("#D should match in quirks mode");
}

static void test_combinators(void **state)
{
	(void)state;
	const char *b = "<div id=a class=x><span id=b><em id=c></em></span><i id=d></i><b id=e></b></div>";
	YES(b, "div em", "c");
	YES(b, ".x em", "c");
	NO(b, "div > em", "c");
	YES(b, "div > span > em", "c");
	YES(b, "span + i", "d");
	NO(b, "span + b", "e");
	YES(b, "span ~ b", "e");
	NO(b, "b ~ span", "b");
	YES(b, "body div > span em", "c");
	NO(b, "p em", "c");
	YES(b, "div i + b", "e");
}

static void test_structural_pseudo_classes(void **state)
{
	(void)state;
	const char *b = "<ul id=u><li id=l1 class=a>1</li><li id=l2>2</li><p id=p1></p><li id=l3 class=a>3</li>"
			"<li id=l4>4</li></ul><div id=e> </div><div id=f><!-- c --></div>";
	NO(b, ":root", "u");
	YES(b, ":root > body > ul", "u");
	NO(b, "body:root ul", "u");
	YES(b, "li:first-child", "l1");
	NO(b, "li:first-child", "l2");
	YES(b, "li:last-child", "l4");
	YES(b, "p:only-of-type", "p1");
	NO(b, "li:only-child", "l1");
	YES(b, "li:first-of-type", "l1");
	YES(b, "li:last-of-type", "l4");
	YES(b, "li:nth-child(2)", "l2");
	YES(b, "li:nth-child(even)", "l3"); /* the p counts: l3 is the 4th child */
	NO(b, "li:nth-child(odd)", "l3");
	YES(b, "li:nth-child(2n+5)", "l4");
	NO(b, "li:nth-child(2n+4)", "l4");
	YES(b, "li:nth-child(-n+2)", "l1");
	NO(b, "li:nth-child(-n+2)", "l3");
	YES(b, ":nth-child(2 of .a)", "l3");
	NO(b, ":nth-child(1 of .a)", "l3");
	YES(b, "li:nth-last-child(1)", "l4");
	YES(b, "li:nth-of-type(3)", "l3");
	YES(b, "li:nth-last-of-type(4)", "l1");
	YES(b, "li:nth-last-child(2 of .a)", "l1");
	NO(b, "div:empty", "e");
	YES(b, "div:empty", "f");
}

static void test_logical_pseudo_classes(void **state)
{
	(void)state;
	const char *b = "<div id=d class=a><p id=p class=b><img id=i></p><span id=s></span></div><em id=n></em>";
	YES(b, "p:not(.a)", "p");
	NO(b, "p:not(.b)", "p");
	YES(b, ":not(.x, .y)", "p");
	YES(b, ":is(.a, .b)", "p");
	YES(b, ":where(div, p)", "p");
	YES(b, "div:has(img)", "d");
	YES(b, "div:has(> p > img)", "d");
	NO(b, "div:has(> img)", "d");
	YES(b, "p:has(+ span)", "p");
	YES(b, "p:has(~ span)", "p");
	NO(b, "span:has(+ p)", "s");
	YES(b, "div:has(+ em)", "d");
	YES(b, "div:has(.b img)", "d");
	YES(b, ":is(div:has(img)) span", "s");
	YES(b, "p:not(:has(span))", "p");
}

/* Whether a selector list depends on user-action state. */
static bool uses_state(const char *text)
{
	struct base_arena a;
	base_arena_init(&a, 4096);
	struct css_cv_list in = css_parse_component_value_list(&a, text, strlen(text));
	struct css_selector_list l;
	bool r = css_parse_selector_list(&a, in, false, &l) && css_selector_list_uses_user_action(&l);
	base_arena_free(&a);
	return r;
}

static void test_user_action_dependency(void **state)
{
	(void)state;
	assert_true(uses_state("a:hover"));
	assert_true(uses_state("p, div:active > span"));
	assert_true(uses_state(":is(.x, .y:focus) b"));
	assert_true(uses_state("li:not(:focus-within)"));
	assert_true(uses_state("div:has(> a:hover)"));
	assert_false(uses_state("a:link, p:first-child, :is(.a, .b)"));
	assert_false(uses_state("div:nth-child(2 of .x)"));
}

static void test_link_form_and_state_pseudo_classes(void **state)
{
	(void)state;
	const char *b = "<a id=a href=x>l</a><a id=n>n</a><input id=c type=checkbox checked><input id=t disabled>"
			"<input id=e><fieldset disabled><input id=f></fieldset><select><option id=o selected>o</select>"
			"<input id=r required><textarea id=w></textarea><input id=ro readonly>";
	YES(b, ":link", "a");
	YES(b, ":any-link", "a");
	NO(b, ":link", "n");
	NO(b, ":visited", "a");
	YES(b, ":checked", "c");
	YES(b, ":checked", "o");
	NO(b, ":checked", "e");
	YES(b, ":disabled", "t");
	YES(b, ":disabled", "f");
	YES(b, ":enabled", "e");
	NO(b, ":enabled", "a");
	YES(b, ":required", "r");
	YES(b, ":optional", "e");
	YES(b, ":read-write", "w");
	YES(b, ":read-only", "ro");
	YES(b, ":read-only", "a");
	const char *h = "<div id=o><p id=i>x</p></div><p id=z></p>";
	if (!matches_state(h, "div:hover", "o", "i", false))
		fail_msg(":hover should match ancestors of the hovered element");
	if (matches_state(h, "p:hover", "z", "i", false))
		fail_msg(":hover matched an unrelated element");
	if (!matches_state(h, "p:focus", "i", "i", false) || matches_state(h, "div:focus", "o", "i", false))
		fail_msg(":focus should match only the focused element");
	if (!matches_state(h, "div:focus-within", "o", "i", false))
		fail_msg(":focus-within");
	if (!matches_state(h, "p:active", "i", "i", false))
		fail_msg(":active");
}

static void test_lang_and_dir(void **state)
{
	(void)state;
	const char *b = "<div lang=en-GB><p id=p>x</p></div><div lang=fr id=f dir=rtl><span id=s></span></div>";
	YES(b, ":lang(en)", "p");
	YES(b, ":lang(en-GB)", "p");
	NO(b, ":lang(en-US)", "p");
	NO(b, ":lang(e)", "p");
	YES(b, ":lang(fr)", "s");
	YES(b, ":dir(rtl)", "s");
	YES(b, ":dir(ltr)", "p");
	NO(b, ":dir(ltr)", "s");
}

static void test_pseudo_elements(void **state)
{
	(void)state;
	const char *src = "<!DOCTYPE html><style>p::before{content:'a' attr(title)} p:after{content:counter(c) '.'}"
			  "p::first-line{color:red} li::marker{color:blue} .n::before{content:none}</style>"
			  "<p id=p title=T>x</p><ul><li id=l>y</li></ul><p class=n>z</p>";
	const char *why;
	struct html_document *doc = html_parse(src, strlen(src), NULL, &why);
	struct css_style_options opt = { 0 };
	struct css_styled_document *sd = css_style_document(doc, &opt);
	const struct html_node *p = NULL, *li = NULL, *n = NULL;
	for (size_t i = 0; i < doc->element_count; i++) {
		const char *id = html_element_attr_value(doc->elements[i], "id");
		if (id && strcmp(id, "p") == 0)
			p = doc->elements[i];
		if (id && strcmp(id, "l") == 0)
			li = doc->elements[i];
		if (doc->elements[i]->tag == HTML_TAG_P && !id)
			n = doc->elements[i];
	}
	const struct css_style *before = sd->pseudo[p->element_index * CSS_PSEUDO_COUNT + CSS_PSEUDO_BEFORE];
	assert_non_null(before);
	assert_int_equal(before->content_count, 2);
	assert_string_equal(before->content[1].text, "T");
	const struct css_style *after = sd->pseudo[p->element_index * CSS_PSEUDO_COUNT + CSS_PSEUDO_AFTER];
	assert_non_null(after);
	assert_int_equal(after->content[0].kind, CSS_CONTENT_COUNTER);
	const struct css_style *fl = sd->pseudo[p->element_index * CSS_PSEUDO_COUNT + CSS_PSEUDO_FIRST_LINE];
	assert_non_null(fl);
	assert_int_equal(fl->color.r, 255);
	const struct css_style *mk = sd->pseudo[li->element_index * CSS_PSEUDO_COUNT + CSS_PSEUDO_MARKER];
	assert_non_null(mk);
	assert_int_equal(mk->color.b, 255);
	assert_null(sd->pseudo[n->element_index * CSS_PSEUDO_COUNT + CSS_PSEUDO_BEFORE]);
	css_styled_document_free(sd);
	html_document_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_specificity_table),
		cmocka_unit_test(test_invalid_selectors),
		cmocka_unit_test(test_simple_selectors),
		cmocka_unit_test(test_combinators),
		cmocka_unit_test(test_structural_pseudo_classes),
		cmocka_unit_test(test_logical_pseudo_classes),
		cmocka_unit_test(test_link_form_and_state_pseudo_classes),
		cmocka_unit_test(test_user_action_dependency),
		cmocka_unit_test(test_lang_and_dir),
		cmocka_unit_test(test_pseudo_elements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
