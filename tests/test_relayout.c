/* Incremental relayout (layout/layout_cache.c): after every pointer move
 * over pages whose :hover rules change geometry (bold, padding, display,
 * font size, and boxes near abspos, floats, sticky, counters, flex, tables
 * and grids), the fragment tree laid out reusing the previous one's
 * unchanged subtrees must dump byte-identically to one laid out from
 * scratch with the same styles, and its display list and pixels must be
 * the same. Relayouts must reuse something where the changed element is
 * small, so the test would notice the cache never hitting. */
#include "engine_fixture.h"

#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct relayout_seen {
	size_t relayouts; /* moves with damage relayout */
	size_t reusing; /* of which reused some box */
	size_t laid_out, reused; /* block boxes, summed over them */
};

/* Moves the pointer through points; after each move, the document laid
 * out incrementally must equal one laid out from scratch in the same
 * state (same styles: a viewport change keeps them but drops layout). */
static void check_moves(const char *html, size_t html_len, const float (*points)[2], size_t n, int w, int h, bool pixels,
			struct relayout_seen *seen)
{
	struct weft_load_options lo = { .viewport_width = (float)w, .viewport_height = (float)h };
	struct weft_error err;
	struct weft_document *inc = weft_document_load_bytes(engine, html, html_len, NULL, &lo, &err);
	struct weft_document *ref = weft_document_load_bytes(engine, html, html_len, NULL, &lo, &err);
	assert_non_null(inc);
	assert_non_null(ref);
	free(doc_render(inc, w, h));
	memset(seen, 0, sizeof *seen);
	for (size_t i = 0; i < n; i++) {
		bool changed = weft_document_set_pointer(inc, points[i][0], points[i][1], false);
		weft_document_set_pointer(ref, points[i][0], points[i][1], false);
		/* Lays out (the pointer move only dropped the layout). */
		float dw, dh;
		weft_document_size(inc, &dw, &dh);
		struct weft_timings t;
		weft_document_timings(inc, &t);
		if (changed && t.damage == WEFT_DAMAGE_RELAYOUT) {
			seen->relayouts++;
			seen->reusing += t.layout_boxes_reused > 0;
			seen->laid_out += t.layout_boxes;
			seen->reused += t.layout_boxes_reused;
		}
		assert_int_equal(weft_document_set_viewport(ref, (float)w + 1, (float)h), WEFT_OK);
		assert_int_equal(weft_document_set_viewport(ref, (float)w, (float)h), WEFT_OK);
		same_dump(inc, ref, WEFT_DUMP_LAYOUT, "layout trees", i, points[i]);
		same_dump(inc, ref, WEFT_DUMP_DISPLAY_LIST, "display lists", i, points[i]);
		if (pixels) {
			uint8_t *pa = doc_render(inc, w, h), *pb = doc_render(ref, w, h);
			if (memcmp(pa, pb, (size_t)w * h * 4) != 0)
				fail_msg("pixels differ after move %zu to (%g, %g)", i, points[i][0], points[i][1]);
			free(pa);
			free(pb);
		}
	}
	weft_document_free(inc);
	weft_document_free(ref);
}

#define W 400
#define H 480

/* Down the page along two columns, then out. */
static void walk(const char *html, struct relayout_seen *seen)
{
	float points[80][2];
	size_t n = 0;
	for (float y = 4; y < H && n + 3 < 80; y += 13) {
		points[n][0] = 15, points[n][1] = y, n++;
		points[n][0] = 150, points[n][1] = y, n++;
	}
	points[n][0] = -1, points[n][1] = -1, n++;
	check_moves(html, strlen(html), (const float(*)[2])points, n, W, H, true, seen);
	assert_true(seen->relayouts > 0);
}

#define HEAD "<!DOCTYPE html><style>body{margin:0;font:14px/18px sans-serif} p,ul,ol,h1{margin:4px 0} "
#define FILLER "<p>Filler text that wraps over a couple of lines in the narrow viewport, so that moving it shows.</p>"

static void test_bold_padding_font_size(void **state)
{
	(void)state;
	struct relayout_seen seen;
	walk(HEAD "b:hover{font-weight:bold} .pad:hover{padding:10px 20px} .big:hover{font-size:22px} i{font-style:normal}</style>"
		  "<p>Some <i>words</i> and <b>a bolded run</b> in a paragraph that wraps over lines.</p>" FILLER
		  "<div class=pad>padded block with text</div>" FILLER "<p class=big>grows on hover</p>" FILLER FILLER,
	     &seen);
	assert_true(seen.reusing > 0);
}

static void test_display_change(void **state)
{
	(void)state;
	struct relayout_seen seen;
	walk(HEAD ".menu .sub{display:none} .menu:hover .sub{display:block} .t:hover{display:inline-block;width:120px}</style>"
		 FILLER "<div class=menu>menu<div class=sub>first item<br>second item</div></div>" FILLER
		 "<p>inline <span class=t>turns inline-block</span> end</p>" FILLER FILLER,
	     &seen);
	assert_true(seen.reusing > 0);
}

/* An absolutely positioned box whose containing block is outside the
 * subtree that changes, one inside it, and a fixed one. */
static void test_abspos(void **state)
{
	(void)state;
	struct relayout_seen seen;
	walk(HEAD ".rel{position:relative} .ab{position:absolute;right:0;top:100%;width:60px;background:#ccc} "
		  ".fx{position:fixed;bottom:0;left:0;width:50px;height:20px;background:red} p:hover{padding-top:8px}</style>"
		  "<div class=rel>" FILLER "<div><span class=ab>abs</span>static place</div>" FILLER "</div>"
		  "<div><div class=fx></div>" FILLER "</div>" FILLER FILLER,
	     &seen);
	assert_true(seen.reusing > 0);
}

/* Paragraphs beside floats that change: they are in their parent's
 * formatting context with floats and must not be reused. */
static void test_floats(void **state)
{
	(void)state;
	struct relayout_seen seen;
	walk(HEAD ".fl{float:left;width:80px;height:70px;background:#eee} .fr{float:right;width:60px;height:40px} "
		  ".t{height:16px} .t:hover ~ .fl{width:130px;height:90px} p:hover{font-weight:bold} .ov{overflow:hidden}</style>"
		  "<div class=t>trigger</div><div class=fl>float</div>" FILLER "<div class=ov>" FILLER "</div>"
		  "<div style='clear:both'></div>" FILLER "<div class=ov><div class=fr>right</div>" FILLER FILLER "</div>" FILLER,
	     &seen);
	/* Below a float at first (filed), beside it once it grows: the
	 * paragraph must not be reused then. */
	walk(HEAD ".fl{float:left;width:80px;height:20px;background:#eee} .t{height:16px} .t:hover ~ .fl{width:130px;height:150px} "
		  "p:hover{font-weight:bold}</style>"
		  "<div class=t>trigger</div><div class=fl>float</div><div style='height:30px'></div>" FILLER FILLER FILLER
		  "<div><div>" FILLER "</div></div>" FILLER,
	     &seen);
	assert_true(seen.reusing > 0);
	/* A wrapper laid out again around a reused first paragraph (the
	 * second changed) still knows where that one looked for floats: a
	 * float growing down to the first, and not to the second, must not
	 * let the wrapper be reused. */
	const char *html = HEAD ".fl{float:left;width:80px;height:20px} .t{height:16px} .t:hover ~ .fl{height:60px} "
			   "section:hover .b{font-weight:bold}</style>"
			   "<section><div class=t>trigger</div><div class=fl>float</div><div style='height:30px'></div>"
			   "<div>" FILLER "<p class=b>Second paragraph, made bold, further down.</p></div></section>";
	float points[][2] = { { 150, 99 }, { 150, 8 }, { 150, 99 }, { 150, 8 }, { -1, -1 } };
	check_moves(html, strlen(html), (const float(*)[2])points, BASE_ARRAY_LEN(points), W, H, true, &seen);
	assert_true(seen.relayouts >= 3);
}

/* Sticky boxes stuck to the bottom of the viewport at scroll 0: layout
 * offsets them, so a reused subtree holding one would be offset twice. */
static void test_sticky(void **state)
{
	(void)state;
	struct relayout_seen seen;
	walk(HEAD ".st{position:sticky;bottom:0;background:#ddd} p:hover{font-size:16px}</style>"
		  "<div>" FILLER FILLER "<div><div class=st>inner sticky</div></div>" FILLER FILLER FILLER FILLER FILLER FILLER FILLER FILLER
		  "<div>" FILLER FILLER FILLER "<div class=st>another</div></div>" FILLER FILLER "</div>",
	     &seen);
	assert_true(seen.reusing > 0);
}

static void test_counters(void **state)
{
	(void)state;
	struct relayout_seen seen;
	walk(HEAD "body{counter-reset:c} h1{font-size:16px} h1::before{counter-increment:c;content:counter(c) '. '} "
		  "h1:hover{display:none} li:hover{font-weight:bold} q:hover{font-size:20px}</style>"
		  "<h1>one</h1>" FILLER "<h1>two</h1><ol><li>a</li><li>b</li><li>c</li></ol><p><q>quoted <q>inner</q></q></p>"
		  "<h1>three</h1>" FILLER "<h1>four</h1>",
	     &seen);
}

static void test_flex_table_grid(void **state)
{
	(void)state;
	struct relayout_seen seen;
	walk(HEAD ".f{display:flex;gap:4px} .f>div{flex:1;background:#eef} .f>div:hover{padding:6px} "
		  "td:hover{font-weight:bold} table{border-collapse:collapse} td{border:1px solid} "
		  ".g{display:grid;grid-template-columns:1fr 2fr;gap:2px} .g p:hover{font-size:18px}</style>"
		  "<div class=f><div>flex one item text</div><div>flex two</div></div>" FILLER
		  "<table><tr><td>cell a</td><td>cell b longer</td></tr><tr><td>c</td><td>d</td></tr></table>" FILLER
		  "<div class=g><p>grid one text here</p><p>grid two</p><p>three</p></div>" FILLER,
	     &seen);
	assert_true(seen.reusing > 0);
	/* Items that flex and grid layout stretch after laying them out: a
	 * sibling that grows and shrinks again changes their used size. */
	walk(HEAD ".r{display:flex} .r>div{flex:1;background:#eef} .r>div:hover{padding-bottom:40px} "
		  ".c{display:flex;flex-direction:column;height:160px} .c>div{flex:1 1 auto} .c>div:hover{font-size:24px} "
		  ".g{display:grid;grid-template-columns:1fr 1fr} .g>div:hover{padding-bottom:30px} td:hover{padding-left:4px}</style>"
		  "<div class=r><div>row item one</div><div>row item two with more text in it</div><div>three</div></div>"
		  "<div class=c><div>column a</div><div>column b</div><div>column c</div></div>"
		  "<div class=g><div>grid a</div><div>grid b with text</div><div>grid c</div><div>d</div></div>"
		  "<table><tr><td>short</td><td>tall<br>cell<br>of lines</td><td><div>block</div></td></tr></table>" FILLER,
	     &seen);
	assert_true(seen.reusing > 0);
}

/* The centres of the first max elements of a tag in a boxes dump. */
static size_t tag_centres(const char *boxes, const char *tag, float (*out)[2], size_t max)
{
	char needle[64];
	snprintf(needle, sizeof needle, "\"tag\": \"%s\", \"rect\": [", tag);
	size_t n = 0;
	for (const char *p = strstr(boxes, needle); p && n < max; p = strstr(p + 1, needle)) {
		float x, y, w, h;
		if (sscanf(p + strlen(needle), "%f, %f, %f, %f", &x, &y, &w, &h) == 4)
			out[n][0] = x + w / 2, out[n][1] = y + h / 2, n++;
	}
	return n;
}

/* The saved Wikipedia article with the viewer benchmark's hover rules
 * (one of which makes reference marks bold), the pointer going from
 * reference mark to reference mark and to the text and links between,
 * then over a grid of points. */
static void test_wikipedia(void **state)
{
	(void)state;
	char path[4096];
	test_shared_path(path, sizeof path, "bench-inputs/wikipedia-mozilla.html");
	struct base_buf page = {0};
	if (base_read_file(path, &page) != BASE_OK) {
		base_buf_free(&page);
		skip();
	}
	static const char rules[] = "<style>a{text-decoration:none} a:hover{text-decoration:underline} p:hover{background:#f8f9fa}"
				    " li:hover > a{background:#eaf3ff} .infobox tr:hover > th, .infobox tr:hover > td{background:#eaecf0}"
				    " h2:hover .mw-headline{color:#202122} sup.reference:hover{font-weight:bold}</style>";
	/* After <head>, as bench/view_frames.sh puts them. */
	const char *head = page.data ? strstr(page.data, "<head") : NULL;
	const char *head_end = head ? strchr(head, '>') : NULL;
	assert_non_null(head_end);
	size_t at = (size_t)(head_end - page.data) + 1;
	struct base_buf html = {0};
	base_buf_append(&html, page.data, at);
	base_buf_puts(&html, rules);
	base_buf_append(&html, page.data + at, page.len - at);
	base_buf_free(&page);

	struct weft_load_options lo = { .viewport_width = 1280, .viewport_height = 800 };
	struct weft_error err;
	struct weft_document *doc = weft_document_load_bytes(engine, html.data, html.len, NULL, &lo, &err);
	assert_non_null(doc);
	char *boxes = doc_dump(doc, WEFT_DUMP_BOXES_JSON);
	weft_document_free(doc);
	float sups[24][2];
	size_t nsup = tag_centres(boxes, "sup", sups, 24);
	free(boxes);
	assert_true(nsup >= 8);
	/* Each mark, then a point beside it (text, a link, a margin), and
	 * straight from one mark to the next now and then; then a grid over
	 * the first screen. */
	float points[3 * 24 + 48][2];
	size_t n = 0;
	for (size_t i = 0; i < nsup; i++) {
		points[n][0] = sups[i][0], points[n][1] = sups[i][1], n++;
		if (i % 3 == 2)
			continue;
		points[n][0] = sups[i][0] + (i % 2 ? 60 : -40), points[n][1] = sups[i][1] + 8, n++;
	}
	for (int y = 0; y < 6; y++)
		for (int x = 0; x < 8; x++)
			points[n][0] = 40 + 160 * (float)x, points[n][1] = 70 + 125 * (float)y, n++;
	struct relayout_seen seen;
	check_moves(html.data, html.len, (const float(*)[2])points, n, 1280, 800, false, &seen);
	base_buf_free(&html);
	print_message("wikipedia: %zu relayouts, %zu reusing; block boxes laid out %zu, reused %zu\n", seen.relayouts, seen.reusing,
		      seen.laid_out, seen.reused);
	assert_true(seen.relayouts >= nsup);
	assert_true(seen.reusing == seen.relayouts);
	/* Most of the page is reused. */
	assert_true(seen.reused > 4 * seen.laid_out);
}

/* Memory: a relaid-out tree keeps the earlier trees whose fragments it
 * reuses; their chain stays within a few full layouts' worth (a relayout
 * from scratch drops it), however many relayouts follow. */
static size_t chain_bytes(const struct layout_tree *t)
{
	size_t bytes = 0;
	for (; t; t = t->reused_from)
		bytes += t->arena.bytes;
	return bytes;
}

static void test_retained_memory_bounded(void **state)
{
	(void)state;
	struct base_buf html = {0};
	base_buf_puts(&html, "<!DOCTYPE html><style>p:hover{font-weight:bold} p{margin:2px}</style>");
	for (int i = 0; i < 60; i++)
		base_buf_printf(&html, "<p>paragraph %d with some text that wraps in a narrow viewport of two hundred px</p>", i);
	const char *why = NULL;
	struct html_parse_options po = {0};
	struct html_document *doc = html_parse(html.data, html.len, &po, &why);
	assert_non_null(doc);
	struct css_element_state st = {0};
	struct css_style_options so = {.media = {200, 400, 1}, .state = &st};
	struct css_styled_document *sd = css_style_document(doc, &so);
	assert_non_null(sd);
	struct layout_fonts *fonts = layout_fonts_new();
	struct layout_options lo = {.viewport_width = 200, .viewport_height = 400, .fonts = fonts, .cache = true};
	struct layout_tree *full = layout_document(sd, &lo);
	assert_non_null(full);
	size_t full_bytes = full->arena.bytes;
	layout_tree_free(full);
	struct layout_tree *tree = layout_document(sd, &lo);
	assert_non_null(tree);
	const struct html_node *ps[60];
	size_t np = 0;
	for (size_t i = 0; i < doc->element_count && np < 60; i++)
		if (doc->elements[i]->tag == HTML_TAG_P)
			ps[np++] = doc->elements[i];
	assert_int_equal(np, 60);
	size_t from_scratch = 0, reusing = 0;
	for (int k = 0; k < 400; k++) {
		struct css_element_state from = st;
		st.hover = ps[(k * 7) % np];
		struct css_restyle_result r;
		assert_true(css_restyle_elements(sd, &from, &r));
		const struct html_node *changed[8];
		size_t n = 0;
		for (size_t i = 0; i < r.replaced_count && n < 8; i++)
			changed[n++] = r.replaced[i].element;
		assert_true(n < 8);
		tree = layout_relayout(sd, &lo, tree, changed, n);
		assert_non_null(tree);
		if (tree->boxes_reused > 0)
			reusing++;
		else
			from_scratch++;
		assert_true(chain_bytes(tree) <= 4 * full_bytes + tree->arena.bytes);
	}
	print_message("retained: %zu relayouts reusing, %zu from scratch\n", reusing, from_scratch);
	/* Mostly reused; now and then from scratch, to free old trees. */
	assert_true(reusing > 300);
	assert_true(from_scratch > 0);
	layout_tree_free(tree);
	layout_fonts_free(fonts);
	css_styled_document_free(sd);
	html_document_free(doc);
	base_buf_free(&html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bold_padding_font_size),
		cmocka_unit_test(test_display_change),
		cmocka_unit_test(test_abspos),
		cmocka_unit_test(test_floats),
		cmocka_unit_test(test_sticky),
		cmocka_unit_test(test_counters),
		cmocka_unit_test(test_flex_table_grid),
		cmocka_unit_test(test_wikipedia),
		cmocka_unit_test(test_retained_memory_bounded),
	};
	return cmocka_run_group_tests(tests, engine_setup, engine_teardown);
}
