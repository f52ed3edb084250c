/* Values that need fonts or layout, checked through the embedding API's
 * JSON style dump (getComputedStyle() form): ex and ch from the first
 * available font's metrics, and the resolved values of CSSOM (used px for
 * width, height, margins, paddings and insets). Expected values are
 * Chromium's with the pinned fonts. */
#include "support/test_support.h"
#include "support/json.h"
#include "shell/weft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dumped {
	struct base_arena arena;
	struct test_json *elements;
};

/* Loads the page, dumps its styles as JSON and parses them. */
static void dump_style(const char *html, struct dumped *out)
{
	struct weft_engine_options eo = { .threads = 1 };
	struct weft_engine *engine = weft_engine_new(&eo, NULL);
	assert_non_null(engine);
	struct weft_document *doc = weft_document_load_bytes(engine, html, strlen(html), NULL, NULL, NULL);
	assert_non_null(doc);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(weft_document_dump(doc, WEFT_DUMP_STYLE_JSON, f, NULL), 0);
	fclose(f);
	base_arena_init(&out->arena, 0);
	const char *why = NULL;
	out->elements = test_json_parse(text, len, &out->arena, &why);
	assert_non_null(out->elements);
	assert_int_equal(out->elements->type, TEST_JSON_ARRAY);
	free(text);
	weft_document_free(doc);
	weft_engine_free(engine);
}

/* The value of a property of the element at an index (document order). */
static const char *value_of(const struct dumped *d, size_t index, const char *prop)
{
	assert_true(index < d->elements->count);
	const struct test_json *style = test_json_get(d->elements->items[index], "style");
	assert_non_null(style);
	const struct test_json *v = test_json_get(style, prop);
	assert_non_null(v);
	return v->string;
}

static void expect(const struct dumped *d, size_t index, const char *prop, const char *want)
{
	const char *got = value_of(d, index, prop);
	if (strcmp(got, want) != 0)
		fail_msg("element %zu %s: got %s, want %s", index, prop, got, want);
}

/* html head body = 0 1 2; the page's elements start at 3. */
static void test_ex_ch_font_metrics(void **state)
{
	(void)state;
	struct dumped d;
	dump_style("<!doctype html><body>"
		   "<div style='margin-left:2ex;padding-left:2ch'></div>"
		   "<div style='font-family:sans-serif;margin-left:1ex;padding-left:1ch'></div>"
		   "<div style='font-family:monospace;margin-left:1ex;padding-left:1ch'></div>"
		   "<div style='font-family:system-ui;font-size:7px;margin-left:1ex'></div>"
		   "<div style='font-family:sans-serif;font-size:3ex;margin-left:1ex;padding-left:1ch'></div>"
		   "<div style='font-family:\"DejaVu Sans Mono\";font-weight:bold;font-style:italic;margin-left:1ex'></div>",
		   &d);
	/* Liberation Serif: OS/2 x-height 940/2048, "0" 1024/2048. */
	expect(&d, 3, "margin-left", "14.6875px");
	expect(&d, 3, "padding-left", "16px");
	/* Liberation Sans. */
	expect(&d, 4, "margin-left", "8.45312px");
	expect(&d, 4, "padding-left", "8.89844px");
	/* DejaVu has no OS/2 x-height: the hinted "x" at 13px is 7px high. */
	expect(&d, 5, "margin-left", "7px");
	expect(&d, 5, "padding-left", "7.82666px");
	/* ... unhinted at 7px, where its gasp table turns grid-fitting off. */
	expect(&d, 6, "margin-left", "3.82812px");
	/* font-size in ex uses the parent's font; the rest the element's own,
	 * at Chromium's font size (1/100 px, then 26.6 for advances). */
	expect(&d, 7, "font-size", "22.0312px");
	expect(&d, 7, "margin-left", "11.6389px");
	expect(&d, 7, "padding-left", "12.244px");
	/* A synthetically slanted face is not hinted. */
	expect(&d, 8, "margin-left", "8.75px");
	base_arena_free(&d.arena);
}

/* CSSOM resolved values with Blink's choices: used px for sizes, for
 * margins and paddings that are not px already, and for insets of
 * positioned boxes; computed values without a box and for inline boxes. */
static void test_resolved_values(void **state)
{
	(void)state;
	struct dumped d;
	dump_style("<!doctype html><style>#cb { position: relative; width: 600px; height: 300px; border: 5px solid;"
		   " padding: 10px }</style><div id=cb>"
		   "<div style='margin-left:auto;width:200px'>a</div>"
		   "<div style='margin:0 auto;width:50%'>b</div>"
		   "<div style='margin-left:10%;margin-right:5%;padding:2% 3%'>c</div>"
		   "<div style='box-sizing:border-box;width:50%;padding:10px;border:3px solid'>d</div>"
		   "<span style='margin-left:10%;padding-left:5%;width:100px'>e</span>"
		   "<div style='display:none;width:50%;margin-left:10%'>g</div>"
		   "<div style='display:contents;width:50%;margin-left:auto'>h</div>"
		   "<div style='position:absolute;left:20px;top:30px;width:50px;height:40px;margin:5px'>i</div>"
		   "<div style='position:absolute;right:20%;bottom:10%;width:50px;height:40px'>j</div>"
		   "<div style='position:relative;left:10px'>l</div>"
		   "<div style='position:relative;right:10%;top:5%'>m</div>"
		   "<div style='position:sticky;top:0'>q</div>"
		   "</div>"
		   "<div style='display:flex;width:400px'><div style='flex:1;margin:auto'>f1</div>"
		   "<div style='width:100px;padding:5%'>f2</div></div>",
		   &d);
	/* body 3, #cb 4: its insets are auto, so used 0 for a relative box. */
	expect(&d, 3, "width", "784px");
	expect(&d, 4, "width", "600px");
	expect(&d, 4, "left", "0px");
	expect(&d, 4, "bottom", "0px");
	expect(&d, 5, "margin-left", "400px");
	expect(&d, 5, "margin-right", "0px");
	expect(&d, 5, "height", "18px");
	expect(&d, 6, "width", "300px");
	expect(&d, 6, "margin-left", "150px");
	expect(&d, 6, "margin-right", "150px");
	expect(&d, 7, "margin-left", "60px");
	expect(&d, 7, "margin-right", "30px");
	expect(&d, 7, "padding-top", "12px");
	expect(&d, 7, "padding-left", "18px");
	expect(&d, 7, "width", "474px");
	/* box-sizing: border-box reports the border box. */
	expect(&d, 8, "width", "300px");
	expect(&d, 8, "height", "44px");
	/* An inline box: computed values. */
	expect(&d, 9, "width", "100px");
	expect(&d, 9, "height", "auto");
	expect(&d, 9, "margin-left", "10%");
	expect(&d, 9, "padding-left", "5%");
	/* No box. */
	expect(&d, 10, "width", "50%");
	expect(&d, 10, "margin-left", "10%");
	expect(&d, 11, "width", "50%");
	expect(&d, 11, "margin-left", "auto");
	/* Absolutely positioned: insets to the padding box of #cb (620x320). */
	expect(&d, 12, "top", "30px");
	expect(&d, 12, "left", "20px");
	expect(&d, 12, "right", "540px");
	expect(&d, 12, "bottom", "240px");
	expect(&d, 13, "right", "124px");
	expect(&d, 13, "bottom", "32px");
	expect(&d, 13, "top", "248px");
	expect(&d, 13, "left", "446px");
	/* Relatively positioned: auto is minus the opposite inset;
	 * percentages of the containing block's content box. */
	expect(&d, 14, "left", "10px");
	expect(&d, 14, "right", "-10px");
	expect(&d, 14, "top", "0px");
	expect(&d, 15, "right", "60px");
	expect(&d, 15, "left", "-60px");
	expect(&d, 15, "top", "15px");
	expect(&d, 15, "bottom", "-15px");
	/* Sticky keeps auto. */
	expect(&d, 16, "top", "0px");
	expect(&d, 16, "bottom", "auto");
	/* Static boxes keep computed insets. */
	expect(&d, 5, "top", "auto");
	/* Flex items: auto margins take the free space. */
	expect(&d, 18, "width", "260px");
	expect(&d, 18, "margin-top", "20px");
	expect(&d, 18, "margin-bottom", "20px");
	expect(&d, 18, "margin-left", "0px");
	expect(&d, 19, "padding-top", "20px");
	expect(&d, 19, "width", "100px");
	base_arena_free(&d.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ex_ch_font_metrics),
		cmocka_unit_test(test_resolved_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
