/* Incremental restyle on pointer moves (css/restyle.c,
 * layout/restyle.c, weft_document_set_pointer): after every move over
 * pages with :hover/:active rules of each kind (subject, descendant,
 * child, sibling, :has(), nesting, pseudo-elements, geometry changes,
 * `inherit`, em and rem units, anonymous boxes), the incrementally updated
 * document must give the same style dump and the same pixels as the same
 * document styled, laid out and painted from scratch in the same state. */
#include "engine_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 400
#define H 480

struct damage_seen {
	int count[4]; /* by enum weft_damage */
	size_t max_restyled;
};

/* Moves the pointer through points (x, y, active); after each move the
 * document must match one restyled from scratch. */
static void check_page(const char *html, const float (*points)[3], size_t n, struct damage_seen *seen)
{
	struct weft_load_options lo = { .viewport_width = W, .viewport_height = H };
	struct weft_error err;
	struct weft_document *inc = weft_document_load_bytes(engine, html, strlen(html), NULL, &lo, &err);
	struct weft_document *ref = weft_document_load_bytes(engine, html, strlen(html), NULL, &lo, &err);
	assert_non_null(inc);
	assert_non_null(ref);
	uint8_t *before = doc_render(inc, W, H);
	free(doc_render(ref, W, H));
	memset(seen, 0, sizeof *seen);
	for (size_t i = 0; i < n; i++) {
		bool changed = weft_document_set_pointer(inc, points[i][0], points[i][1], points[i][2] != 0);
		struct weft_timings t;
		weft_document_timings(inc, &t);
		if (changed) {
			seen->count[t.damage]++;
			if (t.restyled_elements > seen->max_restyled)
				seen->max_restyled = t.restyled_elements;
		}
		/* The reference gets the same state, then styles from scratch
		 * (a viewport change drops every product). */
		weft_document_set_pointer(ref, points[i][0], points[i][1], points[i][2] != 0);
		assert_int_equal(weft_document_set_viewport(ref, W + 1, H), WEFT_OK);
		assert_int_equal(weft_document_set_viewport(ref, W, H), WEFT_OK);
		same_dump(inc, ref, WEFT_DUMP_STYLE, "styles", i, points[i]);
		/* A fragment tree laid out again reusing the unchanged parts
		 * of the previous one equals one laid out from scratch. */
		same_dump(inc, ref, WEFT_DUMP_LAYOUT, "layout trees", i, points[i]);
		/* A display list updated in place equals one built anew. */
		same_dump(inc, ref, WEFT_DUMP_DISPLAY_LIST, "display lists", i, points[i]);
		uint8_t *pa = doc_render(inc, W, H), *pb = doc_render(ref, W, H);
		if (memcmp(pa, pb, (size_t)W * H * 4) != 0)
			fail_msg("pixels differ after move %zu to (%g, %g)", i, points[i][0], points[i][1]);
		/* A paint-only change stays inside the area it reports. */
		float dx, dy, dw, dh;
		weft_document_damage_area(inc, &dx, &dy, &dw, &dh);
		for (int y = 0; changed && t.damage == WEFT_DAMAGE_REPAINT && y < H; y++)
			for (int x = 0; x < W; x++)
				if ((x + 1 <= dx || x >= dx + dw || y + 1 <= dy || y >= dy + dh) &&
				    memcmp(pa + ((size_t)y * W + x) * 4, before + ((size_t)y * W + x) * 4, 4) != 0)
					fail_msg("move %zu changed pixel (%d, %d) outside the damage area", i, x, y);
		free(before);
		before = pa;
		free(pb);
	}
	free(before);
	weft_document_free(inc);
	weft_document_free(ref);
}

/* A walk down the page along two columns, then out and back with the
 * button pressed. */
static size_t walk(float (*points)[3], size_t cap)
{
	size_t n = 0;
	for (float y = 5; y < H && n + 4 < cap; y += 15) {
		points[n][0] = 20, points[n][1] = y, points[n][2] = 0, n++;
		points[n][0] = 200, points[n][1] = y, points[n][2] = ((int)y / 15) % 3 == 0, n++;
	}
	points[n][0] = -1, points[n][1] = -1, points[n][2] = 0, n++;
	points[n][0] = 20, points[n][1] = 5, points[n][2] = 1, n++;
	points[n][0] = 20, points[n][1] = 5, points[n][2] = 0, n++;
	return n;
}

static void run(const char *html, struct damage_seen *seen)
{
	float points[80][3];
	size_t n = walk(points, 80);
	check_page(html, (const float(*)[3])points, n, seen);
}

#define HEAD "<!DOCTYPE html><style>body{margin:0;font:16px/20px sans-serif} div,p,ul,li{margin:0} "

static void test_subject_and_descendants(void **state)
{
	(void)state;
	struct damage_seen seen;
	run(HEAD "a:hover{color:red;text-decoration:underline} .menu{height:60px} "
		 ".menu:hover .item{background:blue} .menu:hover > .direct{border:0 solid;border-color:green} "
		 ".pad{height:40px} .pad:hover{padding-left:30px} li:hover::before{content:'> ';color:orange} "
		 "p:hover span{font-size:30px}</style>"
		 "<div><a href=x>one link</a> text <a href=y>other</a></div>"
		 "<div class=menu><div class=direct>direct <span class=item>item</span></div><span class=item>two</span></div>"
		 "<div class=pad>padded</div><ul><li>first<li>second</ul><p>para <span>big</span> end</p>"
		 "<div style='height:40px'>plain</div><a href=z><div style='height:40px'>block link</div></a>",
	    &seen);
	assert_true(seen.count[WEFT_DAMAGE_REPAINT] > 0);
	assert_true(seen.count[WEFT_DAMAGE_RELAYOUT] > 0);
	assert_int_equal(seen.count[WEFT_DAMAGE_RESTYLE], 0);
}

static void test_siblings(void **state)
{
	(void)state;
	struct damage_seen seen;
	run(HEAD "div{height:30px} body:hover{background:#eef} .a:hover + .b{background:red} .a:hover ~ .c .d{color:blue} "
		 ".s:hover ~ div{height:40px}</style>"
		 "<div class=a>a</div><div class=b>b</div><div class=c><span class=d>d</span></div>"
		 "<div class=b>b2</div><section><div class=s>s</div><div>after</div><div>after2</div></section>"
		 "<div class=a>a2</div><div class=c><b class=d>d2</b></div>",
	    &seen);
	assert_true(seen.count[WEFT_DAMAGE_REPAINT] > 0);
	assert_true(seen.count[WEFT_DAMAGE_RELAYOUT] > 0);
}

static void test_has_and_nesting(void **state)
{
	(void)state;
	struct damage_seen seen;
	run(HEAD "li{height:30px} .card{padding:5px} .card:has(.x:hover){background:yellow} "
		 "li:has(+ li:hover){color:red} :is(.p .q):hover{color:green} .n{ &:hover .m{color:purple} } "
		 "div:not(:hover) > .w{background:#ccc} b{display:block;height:20px} b:nth-last-child(1 of :not(:hover)){background:orange}</style>"
		 "<div class=card><span class=x>has x</span> and <span>y</span></div>"
		 "<ul><li>l1<li>l2<li>l3</ul><div class=p><span class=q>q</span></div>"
		 "<div class=n>n <span class=m>m</span></div><div><span class=w>w</span></div>"
		 "<div><b>b1</b><b>b2</b><b>b3</b></div>",
	    &seen);
	assert_true(seen.count[WEFT_DAMAGE_REPAINT] > 0);
}

static void test_inheritance(void **state)
{
	(void)state;
	struct damage_seen seen;
	run(HEAD ".o{height:60px} .o:hover{background:pink;font-size:24px} .o .i{background:inherit;width:10em} "
		 ".mix:hover{color:red} li.m:hover{color:blue} .col:hover{color:teal}</style>"
		 "<div class=o><div class=i>inner</div></div>"
		 "<div class=mix>text <div>block</div> more text</div>"
		 "<ul><li class=m>marker</li></ul><div class=col><span>inherits</span> colour</div>",
	    &seen);
	assert_true(seen.count[WEFT_DAMAGE_RELAYOUT] > 0);
}

static void test_active_and_root(void **state)
{
	(void)state;
	struct damage_seen seen;
	run(HEAD "html:hover{font-size:18px} .r{width:10rem;height:2rem;background:#ddd} "
		 ".z:active .w{background:red} button:active{color:red}</style>"
		 "<div class=r>rem</div><div class=z><span class=w>press</span></div><button>btn</button>",
	    &seen);
	assert_true(seen.count[WEFT_DAMAGE_RESTYLE] > 0);
}

/* Paint-only changes inside opacity groups, fixed and positioned boxes,
 * clips and transforms, that add, drop or move items or change their
 * bounds: the display list updated in place must equal a new one. */
static void test_display_list_in_place(void **state)
{
	(void)state;
	struct damage_seen seen;
	run(HEAD "div{height:30px} .g{opacity:.6} .g span:hover{background:lime;box-shadow:0 0 12px red} "
		 ".f{position:fixed;left:0;top:200px;width:150px;height:60px;background:#eee} .f:hover b{color:red} "
		 ".c{overflow:hidden;border-radius:8px;background:#def} .c:hover{border-radius:2px} "
		 ".c i:hover{outline:3px solid blue;visibility:hidden} .t{transform:rotate(5deg)} .t:hover{color:green;background:#fee} "
		 ".o:hover{opacity:.5} .z{position:relative} .z:hover{z-index:2;text-shadow:2px 2px 3px gray} "
		 ".u:hover{text-decoration:line-through;background-image:linear-gradient(red,blue)}</style>"
		 "<div class=g>group <span>in</span> it</div><div class=f>fixed <b>bold</b></div>"
		 "<div class=c><i>clipped</i> text</div><div class=t>turned</div><div class=o>fades</div>"
		 "<div class=z>raised</div><div class=u>struck</div>",
	    &seen);
	assert_true(seen.count[WEFT_DAMAGE_REPAINT] > 0);
}

/* Moving between elements no rule depends on restyles nothing. */
static void test_narrow(void **state)
{
	(void)state;
	const char *html = HEAD "div{height:40px} .t:hover{color:red}</style>"
			   "<div>a</div><div>b</div><div class=t>c</div><div>d</div>";
	float points[][3] = { { 10, 5, 0 }, { 10, 45, 0 }, { 10, 85, 0 }, { 10, 125, 0 }, { 10, 45, 0 } };
	struct damage_seen seen;
	check_page(html, (const float(*)[3])points, BASE_ARRAY_LEN(points), &seen);
	/* Entering .t and leaving it: the only changes. */
	assert_int_equal(seen.count[WEFT_DAMAGE_REPAINT], 2);
	assert_int_equal(seen.count[WEFT_DAMAGE_RELAYOUT] + seen.count[WEFT_DAMAGE_RESTYLE], 0);
	assert_int_equal(seen.max_restyled, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject_and_descendants),
		cmocka_unit_test(test_siblings),
		cmocka_unit_test(test_has_and_nesting),
		cmocka_unit_test(test_inheritance),
		cmocka_unit_test(test_active_and_root),
		cmocka_unit_test(test_display_list_in_place),
		cmocka_unit_test(test_narrow),
	};
	return cmocka_run_group_tests(tests, engine_setup, engine_teardown);
}
