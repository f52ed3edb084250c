/* The cascade and computed values: origins and importance, specificity
 * and order, @layer, CSS-wide keywords (inherit initial unset revert
 * revert-layer), inheritance, custom properties and var() (fallbacks,
 * cycles), calc(), shorthands, @media ranges, @supports, @import,
 * presentational hints, the UA sheet and the JSON dump's serialisation. */
#include "support/test_support.h"

#include "css/css.h"

#include <stdio.h>
#include <string.h>

struct styled {
	struct html_document *doc;
	struct css_styled_document *sd;
};

/* In-memory "files" for <link> and @import. */
static const char *const files[][2] = {
	{ "/t/a.css", "@import 'b.css' screen; #imp { margin-left: 3px }" },
	{ "/t/b.css", "#imp { margin-top: 7px; margin-left: 1px }" },
	{ "/t/print.css", "#imp { margin-top: 99px }" },
	{ "/t/link.css", "#lnk { padding-left: 5px }" },
	{ "/t/layered.css", "#imp { margin-bottom: 4px }" },
};

static bool read_file(void *ctx, const char *path, struct base_buf *out)
{
	(void)ctx;
	for (size_t i = 0; i < BASE_ARRAY_LEN(files); i++)
		if (strcmp(path, files[i][0]) == 0) {
			base_buf_puts(out, files[i][1]);
			return true;
		}
	return false;
}

static const char *resolve(void *ctx, const char *base, const char *url, size_t len, struct base_arena *a)
{
	(void)ctx;
	(void)base;
	return base_arena_printf(a, "/t/%.*s", (int)len, url);
}

struct font_log {
	char family[64];
	char path[64];
	int weight, style, count;
};

static void font_face(void *ctx, const char *family, const char *path, int weight, int style)
{
	struct font_log *f = ctx;
	snprintf(f->family, sizeof f->family, "%s", family);
	snprintf(f->path, sizeof f->path, "%s", path);
	f->weight = weight;
	f->style = style;
	f->count++;
}

static struct font_log fonts;

/* ex and ch from a pretend font: 0.4em and 0.6em, 0.25em and 0.75em in
 * monospace faces. */
static bool font_units(void *ctx, const struct css_font_family *family, float size, int weight, int style, float *ex, float *ch)
{
	(void)ctx;
	(void)weight;
	(void)style;
	bool mono = family->count > 0 && strcmp(family->names[0], "monospace") == 0;
	*ex = size * (mono ? 0.25f : 0.4f);
	*ch = size * (mono ? 0.75f : 0.6f);
	return true;
}

static struct styled style_with(const char *html, float width)
{
	struct styled r;
	const char *why;
	r.doc = html_parse(html, strlen(html), NULL, &why);
	assert_non_null(r.doc);
	static struct css_loader loader = { &fonts, read_file, font_face, resolve, NULL, font_units };
	struct css_style_options opt = { 0 };
	opt.media.viewport_width = width;
	opt.media.viewport_height = 600;
	opt.media.device_pixel_ratio = 1;
	opt.loader = &loader;
	opt.document_path = "/t/index.html";
	r.sd = css_style_document(r.doc, &opt);
	assert_non_null(r.sd);
	return r;
}

static struct styled style(const char *html)
{
	return style_with(html, 800);
}

static void done(struct styled *r)
{
	css_styled_document_free(r->sd);
	html_document_free(r->doc);
}

static const struct css_style *by_id(struct styled *r, const char *id)
{
	for (size_t i = 0; i < r->doc->element_count; i++) {
		const char *v = html_element_attr_value(r->doc->elements[i], "id");
		if (v && strcmp(v, id) == 0)
			return r->sd->styles[i];
	}
	fail_msg("no element #%s", id);
	return NULL;
}

static void assert_rgb(struct css_color c, int r, int g, int b)
{
	if (c.r != r || c.g != g || c.b != b)
		fail_msg("colour rgb(%d, %d, %d), expected rgb(%d, %d, %d)", c.r, c.g, c.b, r, g, b);
}

static void assert_px(float got, float want)
{
	if (got < want - 0.01f || got > want + 0.01f)
		fail_msg("%g px, expected %g px", got, want);
}

static void test_order_specificity_importance(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><style>"
				"#a { color: rgb(1,0,0) } div { color: rgb(2,0,0) }"
				".b { color: rgb(3,0,0) } .b { color: rgb(4,0,0) }"
				"p { color: rgb(5,0,0) !important } #c { color: rgb(6,0,0) }"
				"span { color: rgb(7,0,0) !important }"
				"</style><div id=a>x</div><div class=b>y</div><p id=c>z</p>"
				"<span style='color: rgb(8,0,0)' id=d>s</span><em style='color: rgb(9,0,0)' id=e>e</em>");
	assert_rgb(by_id(&r, "a")->color, 1, 0, 0);
	assert_rgb(r.sd->styles[r.doc->element_count - 4]->color, 4, 0, 0);
	assert_rgb(by_id(&r, "c")->color, 5, 0, 0);
	assert_rgb(by_id(&r, "d")->color, 7, 0, 0);
	assert_rgb(by_id(&r, "e")->color, 9, 0, 0);
	done(&r);
}

static void test_ua_defaults(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><body id=b><h1 id=h>t</h1><p id=p>p <code id=c>c</code>"
				"<b id=bo>b</b><a id=a href=x>a</a></p><pre id=pre>x</pre><ul><li id=li>i</li></ul>"
				"<div hidden id=hid>h</div><small id=sm>s</small></body>");
	const struct css_style *b = by_id(&r, "b");
	assert_int_equal(b->display, CSS_DISPLAY_BLOCK);
	assert_px(b->margin[0].px, 8);
	const struct css_style *h = by_id(&r, "h");
	assert_px(h->font_size, 32);
	assert_int_equal(h->font_weight, 700);
	assert_px(h->margin[0].px, 21.44f);
	assert_px(by_id(&r, "p")->margin[2].px, 16);
	assert_px(by_id(&r, "c")->font_size, 13);
	assert_string_equal(by_id(&r, "c")->font_family.names[0], "monospace");
	assert_int_equal(by_id(&r, "bo")->font_weight, 700);
	assert_rgb(by_id(&r, "a")->color, 0, 0, 238);
	assert_int_equal(by_id(&r, "a")->text_decoration_line, CSS_TD_UNDERLINE);
	assert_int_equal(by_id(&r, "pre")->white_space, CSS_WS_PRE);
	assert_int_equal(by_id(&r, "li")->display, CSS_DISPLAY_LIST_ITEM);
	assert_int_equal(by_id(&r, "li")->list_style_type, CSS_LIST_DISC);
	assert_int_equal(by_id(&r, "hid")->display, CSS_DISPLAY_NONE);
	assert_px(by_id(&r, "sm")->font_size, 16 / 1.2f);
	assert_int_equal(r.sd->styles[0]->display, CSS_DISPLAY_BLOCK); /* html */
	assert_int_equal(r.sd->styles[1]->display, CSS_DISPLAY_NONE); /* head */
	done(&r);
}

static void test_inheritance_and_wide_keywords(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><style>"
				"#o { color: rgb(10,20,30); border: 2px solid; padding: 3px }"
				"#i1 { padding: inherit } #i2 { color: initial } #i3 { color: unset; padding: unset }"
				"#i4 { border-top-color: currentcolor; color: rgb(1,1,1) }"
				"</style><div id=o><p id=i1>a</p><p id=i2>b</p><p id=i3>c</p><p id=i4>d</p></div>");
	const struct css_style *o = by_id(&r, "o");
	assert_rgb(o->border_color[0], 10, 20, 30);
	assert_px(o->border_width[0], 2);
	assert_px(by_id(&r, "i1")->padding[1].px, 3);
	assert_rgb(by_id(&r, "i1")->color, 10, 20, 30);
	assert_rgb(by_id(&r, "i2")->color, 0, 0, 0);
	assert_rgb(by_id(&r, "i3")->color, 10, 20, 30);
	assert_px(by_id(&r, "i3")->padding[0].px, 0);
	assert_rgb(by_id(&r, "i4")->border_color[0], 1, 1, 1);
	assert_px(by_id(&r, "i4")->border_width[0], 0); /* style none */
	done(&r);
}

static void test_revert_and_layers(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><style>"
				"@layer base, theme;"
				"@layer theme { #l { color: rgb(2,0,0) } }"
				"@layer base { #l { color: rgb(1,0,0) } #m { color: rgb(1,0,0) !important } }"
				"@layer theme { #m { color: rgb(2,0,0) !important } }"
				"#u { color: rgb(3,0,0) } @layer theme { #u { color: rgb(4,0,0) } }"
				"@layer base { #rl { margin-left: 5px } } @layer theme { #rl { margin-left: revert-layer } }"
				"h1#rv { display: inline; margin-top: 1px } h1#rv { margin-top: revert; display: revert }"
				"@layer a.b { #n { color: rgb(6,0,0) } } @layer a { #n { color: rgb(7,0,0) } }"
				"</style><p id=l>l</p><p id=m>m</p><p id=u>u</p><p id=rl>r</p><h1 id=rv>h</h1><p id=n>n</p>");
	assert_rgb(by_id(&r, "l")->color, 2, 0, 0); /* later layer wins */
	assert_rgb(by_id(&r, "m")->color, 1, 0, 0); /* !important: earlier layer wins */
	assert_rgb(by_id(&r, "u")->color, 3, 0, 0); /* unlayered beats layers */
	assert_px(by_id(&r, "rl")->margin[3].px, 5);
	const struct css_style *rv = by_id(&r, "rv");
	assert_int_equal(rv->display, CSS_DISPLAY_BLOCK); /* the UA value */
	assert_px(rv->margin[0].px, 21.44f);
	assert_rgb(by_id(&r, "n")->color, 7, 0, 0); /* a's own rules beat a.b */
	done(&r);
}

static void test_custom_properties(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><style>"
				":root { --c: rgb(1, 2, 3); --w: 4px; --n: 2 }"
				"#a { color: var(--c); margin-left: calc(var(--w) * var(--n)) }"
				"#b { color: var(--missing, rgb(5, 6, 7)); margin: var(--w) 1px }"
				"#c { --x: var(--y); --y: var(--x); color: var(--x, rgb(9,9,9)); padding-left: var(--x, 3px) }"
				"#d { --c: rgb(8, 8, 8) } #e { color: var(--c) }"
				"#f { --m: 1px solid; border: var(--m) rgb(1,1,1) }"
				"#g { color: rgb(1,0,0); color: var(--nope) }"
				"#h { --s: 10px; --s2: calc(var(--s) + 5px); width: var(--s2) }"
				"</style><p id=a>a</p><p id=b>b</p><p id=c>c</p><div id=d><p id=e>e</p></div><p id=f>f</p>"
				"<p id=g>g</p><p id=h>h</p>");
	assert_rgb(by_id(&r, "a")->color, 1, 2, 3);
	assert_px(by_id(&r, "a")->margin[3].px, 8);
	assert_rgb(by_id(&r, "b")->color, 5, 6, 7);
	assert_px(by_id(&r, "b")->margin[0].px, 4);
	assert_px(by_id(&r, "b")->margin[1].px, 1);
	/* A cycle makes both properties invalid, so the fallbacks apply. */
	assert_rgb(by_id(&r, "c")->color, 9, 9, 9);
	assert_px(by_id(&r, "c")->padding[3].px, 3);
	assert_rgb(by_id(&r, "e")->color, 8, 8, 8);
	assert_px(by_id(&r, "f")->border_width[2], 1);
	assert_int_equal(by_id(&r, "f")->border_style[1], CSS_BORDER_SOLID);
	/* Invalid at computed-value time: unset (color inherits black). */
	assert_rgb(by_id(&r, "g")->color, 0, 0, 0);
	assert_px(by_id(&r, "h")->width.px, 15);
	done(&r);
}

/* CSS Values 4 §6.1.1: ex and ch are the first available font's; in
 * font-size, the parent's. */
static void test_font_relative_units(void **state)
{
	(void)state;
	struct styled r = style("<style>#a { font-size: 20px; width: 10ch; height: 10ex }"
				"#b { font-family: monospace; font-size: 2ch; width: 1ch }</style>"
				"<div id=a><div id=b></div></div>");
	const struct css_style *a = by_id(&r, "a"), *b = by_id(&r, "b");
	assert_px(a->width.px, 120);
	assert_px(a->height.px, 80);
	assert_px(b->font_size, 24);
	assert_px(b->width.px, 18);
	done(&r);
}

static void test_values_and_units(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><style>"
				"html { font-size: 20px } #a { font-size: 2em; margin-left: 1.5em; margin-right: 2rem;"
				" padding-left: 1in; padding-right: 12pt; padding-top: 10vw; padding-bottom: 5vh }"
				"#b { width: calc(50% - 10px); height: min(100px, 20px); min-width: clamp(1px, 5px, 3px);"
				" max-width: max(1em, 30px); font-weight: bolder }"
				"#c { font: italic bold 12px/30px Georgia, 'Times New Roman', serif }"
				"#d { line-height: 1.5; font-size: larger; letter-spacing: 2px; opacity: 50% }"
				"#e { margin: 1px 2px 3px; padding: 1px 2px; border-width: 1px 2px 3px 4px; border-style: solid }"
				"#f { background: url(img.png) no-repeat center / cover, rgb(1, 2, 3); z-index: 3 }"
				"#g { flex: 1; flex-flow: column wrap; gap: 4px 5px; inset: 1px auto }"
				"#h { transform: translate(10px, 5px) scale(2); transition: none; unknown: 1 }"
				"#i { list-style: square inside; text-decoration: underline overline dotted red }"
				"#j { overflow: hidden auto; position: absolute; display: inline }"
				"</style><div id=a>a</div><div id=b>b</div><p id=c>c</p><p id=d>d</p><p id=e>e</p><p id=f>f</p>"
				"<p id=g>g</p><p id=h>h</p><ul id=i><li>i</li></ul><span id=j>j</span>");
	const struct css_style *a = by_id(&r, "a");
	assert_px(a->font_size, 40);
	assert_px(a->margin[3].px, 60);
	assert_px(a->margin[1].px, 40);
	assert_px(a->padding[3].px, 96);
	assert_px(a->padding[1].px, 16);
	assert_px(a->padding[0].px, 80);
	assert_px(a->padding[2].px, 30);
	const struct css_style *b = by_id(&r, "b");
	assert_true(b->width.has_percent);
	assert_px(b->width.percent, 50);
	assert_px(b->width.px, -10);
	assert_px(b->height.px, 20);
	assert_px(b->min_width.px, 3);
	assert_px(b->max_width.px, 30);
	assert_int_equal(b->font_weight, 700);
	const struct css_style *c = by_id(&r, "c");
	assert_int_equal(c->font_style, CSS_FONT_STYLE_ITALIC);
	assert_int_equal(c->font_weight, 700);
	assert_px(c->font_size, 12);
	assert_int_equal(c->line_height_kind, CSS_LH_LENGTH);
	assert_px(c->line_height, 30);
	assert_int_equal(c->font_family.count, 3);
	assert_string_equal(c->font_family.names[1], "Times New Roman");
	assert_true(c->font_family.quoted[1]);
	const struct css_style *d = by_id(&r, "d");
	assert_int_equal(d->line_height_kind, CSS_LH_NUMBER);
	assert_px(d->font_size, 24);
	assert_px(d->letter_spacing.px, 2);
	assert_px(d->opacity, 0.5f);
	const struct css_style *e = by_id(&r, "e");
	assert_px(e->margin[3].px, 2);
	assert_px(e->margin[2].px, 3);
	assert_px(e->padding[2].px, 1);
	assert_px(e->border_width[3], 4);
	const struct css_style *f = by_id(&r, "f");
	assert_int_equal(f->background_count, 2); /* the final layer has no image */
	assert_int_equal(f->backgrounds[1].image.kind, CSS_IMAGE_NONE);
	assert_int_equal(f->backgrounds[0].image.kind, CSS_IMAGE_URL);
	assert_string_equal(f->backgrounds[0].image.url, "/t/img.png");
	assert_int_equal(f->backgrounds[0].repeat_x, CSS_REPEAT_NO);
	assert_int_equal(f->backgrounds[0].size_kind, CSS_BG_SIZE_COVER);
	assert_px(f->backgrounds[0].position_x.percent, 50);
	assert_rgb(f->background_color, 1, 2, 3);
	assert_int_equal(f->z_index, 3);
	assert_false(f->z_index_auto);
	const struct css_style *g = by_id(&r, "g");
	assert_px(g->flex_grow, 1);
	assert_px(g->flex_shrink, 1);
	assert_true(g->flex_basis.has_percent);
	assert_int_equal(g->flex_direction, CSS_FLEX_COLUMN);
	assert_int_equal(g->flex_wrap, CSS_FLEX_WRAP);
	assert_px(g->row_gap.px, 4);
	assert_px(g->column_gap.px, 5);
	assert_px(g->inset[0].px, 1);
	assert_int_equal(g->inset[1].kind, CSS_LEN_AUTO);
	const struct css_style *h = by_id(&r, "h");
	assert_non_null(h->transform);
	assert_px(h->transform->m[0], 2);
	assert_px(h->transform->m[4], 10);
	const struct css_style *i = by_id(&r, "i");
	assert_int_equal(i->list_style_type, CSS_LIST_SQUARE);
	assert_int_equal(i->list_style_position, CSS_LIST_INSIDE);
	assert_int_equal(i->text_decoration_line, CSS_TD_UNDERLINE | CSS_TD_OVERLINE);
	assert_int_equal(i->text_decoration_style, CSS_TDS_DOTTED);
	assert_rgb(i->text_decoration_color, 255, 0, 0);
	const struct css_style *j = by_id(&r, "j");
	assert_int_equal(j->overflow_x, CSS_OVERFLOW_HIDDEN);
	assert_int_equal(j->overflow_y, CSS_OVERFLOW_AUTO);
	assert_int_equal(j->display, CSS_DISPLAY_BLOCK); /* blockified */
	done(&r);
}

static void test_media_supports_import(void **state)
{
	(void)state;
	const char *html = "<!DOCTYPE html><link rel=stylesheet href=link.css><style>"
			   "@import url(a.css); @import 'print.css' print; @import 'layered.css' layer(x);"
			   "@media (min-width: 600px) { #m1 { margin-left: 1px } }"
			   "@media (width < 600px) { #m1 { margin-left: 2px } }"
			   "@media screen and (400px <= width <= 700px) { #m2 { margin-left: 3px } }"
			   "@media print { #m2 { margin-left: 9px } }"
			   "@media (orientation: landscape) and (prefers-color-scheme: light) { #m3 { margin-left: 4px } }"
			   "@media not all and (min-resolution: 2dppx) { #m4 { margin-left: 5px } }"
			   "@media (unknown-feature) { #m4 { margin-left: 9px } }"
			   "@supports (display: flex) and (not (display: nonsense)) { #s { margin-left: 6px } }"
			   "@supports (color: nonsense) { #s { margin-left: 9px } }"
			   "@supports selector(:has(a)) { #s { margin-right: 7px } }"
			   "@font-face { font-family: Ahem; src: local('Ahem'), url('/fonts/Ahem.ttf'); font-weight: bold }"
			   "@unknown foo { #s { margin-left: 99px } }"
			   "</style><p id=m1>1</p><p id=m2>2</p><p id=m3>3</p><p id=m4>4</p><p id=s>s</p><p id=imp>i</p>"
			   "<p id=lnk>l</p>";
	fonts.count = 0;
	struct styled r = style_with(html, 800);
	assert_px(by_id(&r, "m1")->margin[3].px, 1);
	assert_px(by_id(&r, "m2")->margin[3].px, 0);
	assert_px(by_id(&r, "m3")->margin[3].px, 4);
	assert_px(by_id(&r, "m4")->margin[3].px, 5);
	assert_px(by_id(&r, "s")->margin[3].px, 6);
	assert_px(by_id(&r, "s")->margin[1].px, 7);
	const struct css_style *imp = by_id(&r, "imp");
	assert_px(imp->margin[0].px, 7);
	assert_px(imp->margin[3].px, 3);
	assert_px(imp->margin[2].px, 4);
	assert_px(by_id(&r, "lnk")->padding[3].px, 5);
	assert_int_equal(fonts.count, 1);
	assert_string_equal(fonts.family, "Ahem");
	assert_string_equal(fonts.path, "/t//fonts/Ahem.ttf");
	assert_int_equal(fonts.weight, 700);
	done(&r);
	r = style_with(html, 500);
	assert_px(by_id(&r, "m1")->margin[3].px, 2);
	assert_px(by_id(&r, "m2")->margin[3].px, 3);
	assert_px(by_id(&r, "m3")->margin[3].px, 0); /* 500x600 is portrait */
	done(&r);
}

static void test_presentational_hints(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><body bgcolor=#102030 text=red>"
				"<table id=t border=2 width=50% cellpadding=4 bgcolor=chucknorris><tr><td id=c align=center"
				" valign=top nowrap>x</td></tr></table><font id=f color=blue size=5 face='Arial, Foo'>f</font>"
				"<img id=i width=10 height=20 hspace=3><p id=p align=right style='text-align: left'>p</p>"
				"<div id=d align=center>d</div></body>");
	assert_rgb(r.sd->styles[2]->background_color, 0x10, 0x20, 0x30);
	assert_rgb(r.sd->styles[2]->color, 255, 0, 0);
	const struct css_style *t = by_id(&r, "t");
	assert_px(t->border_width[0], 2);
	assert_int_equal(t->border_style[0], CSS_BORDER_OUTSET);
	assert_px(t->width.percent, 50);
	assert_rgb(t->background_color, 0xc0, 0, 0);
	const struct css_style *c = by_id(&r, "c");
	assert_px(c->padding[0].px, 4);
	assert_px(c->border_width[0], 1);
	assert_int_equal(c->text_align, CSS_TEXT_ALIGN_WEBKIT_CENTER);
	assert_int_equal(c->vertical_align, CSS_VA_TOP);
	assert_int_equal(c->white_space, CSS_WS_NOWRAP);
	const struct css_style *f = by_id(&r, "f");
	assert_rgb(f->color, 0, 0, 255);
	assert_px(f->font_size, 24);
	assert_string_equal(f->font_family.names[0], "Arial");
	const struct css_style *i = by_id(&r, "i");
	assert_px(i->width.px, 10);
	assert_px(i->height.px, 20);
	assert_px(i->margin[1].px, 3);
	assert_int_equal(by_id(&r, "p")->text_align, CSS_TEXT_ALIGN_LEFT); /* style attribute wins */
	assert_int_equal(by_id(&r, "d")->text_align, CSS_TEXT_ALIGN_WEBKIT_CENTER);
	done(&r);
}

static void test_nesting_and_sharing(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><style>"
				".card { color: rgb(1,0,0); & .t { color: rgb(2,0,0) } > p { margin-left: 3px }"
				" &:hover { color: red } @media (min-width: 1px) { padding-left: 4px } }"
				"</style><div class=card id=k><p id=p>x</p><span><b class=t id=t>t</b></span>"
				"<i>1</i><i>2</i><i>3</i><i>4</i></div>");
	assert_rgb(by_id(&r, "k")->color, 1, 0, 0);
	assert_px(by_id(&r, "k")->padding[3].px, 4);
	assert_rgb(by_id(&r, "t")->color, 2, 0, 0);
	assert_px(by_id(&r, "p")->margin[3].px, 3);
	/* The four <i> share one style. */
	size_t n = r.doc->element_count;
	assert_ptr_equal(r.sd->styles[n - 1], r.sd->styles[n - 2]);
	assert_true(r.sd->shared_count >= 3);
	done(&r);
}

static void test_sibling_sharing_revalidation(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><style>li:first-child { color: rgb(1,0,0) }"
				"li:nth-child(3n) { color: rgb(3,0,0) } li + li.x { color: rgb(4,0,0) }"
				"li:empty { margin-left: 5px }</style>"
				"<ul><li id=a>1</li><li id=b>2</li><li id=c>3</li><li id=d>4</li><li id=e></li>"
				"<li id=f class=x>6</li></ul>");
	assert_rgb(by_id(&r, "a")->color, 1, 0, 0);
	assert_rgb(by_id(&r, "b")->color, 0, 0, 0);
	assert_rgb(by_id(&r, "c")->color, 3, 0, 0);
	assert_rgb(by_id(&r, "d")->color, 0, 0, 0);
	assert_px(by_id(&r, "e")->margin[3].px, 5);
	assert_px(by_id(&r, "d")->margin[3].px, 0);
	assert_rgb(by_id(&r, "f")->color, 4, 0, 0);
	assert_ptr_equal(by_id(&r, "b"), by_id(&r, "d"));
	done(&r);
}

static void test_json_dump(void **state)
{
	(void)state;
	struct styled r = style("<!DOCTYPE html><style>p { color: rgba(0,0,0,.5); font-family: 'Open Sans', Arial, "
				"monospace; margin: 1.5px 10% 0 auto; line-height: 2; opacity: .25; z-index: 2 }</style>"
				"<p>x</p>");
	struct base_buf out = { 0 };
	css_dump_styles_json(r.sd, &out);
	assert_non_null(strstr(out.data, "{\"index\":0,\"tag\":\"html\",\"style\":{\"display\":\"block\""));
	assert_non_null(strstr(out.data, "\"color\":\"rgba(0, 0, 0, 0.5)\""));
	assert_non_null(strstr(out.data, "\"font-family\":\"\\\"Open Sans\\\", Arial, monospace\""));
	assert_non_null(strstr(out.data, "\"font-family\":\"\\\"Times New Roman\\\"\""));
	assert_non_null(strstr(out.data, "\"margin-top\":\"1.5px\",\"margin-right\":\"10%\",\"margin-bottom\":\"0px\","
					 "\"margin-left\":\"auto\""));
	assert_non_null(strstr(out.data, "\"line-height\":\"32px\""));
	assert_non_null(strstr(out.data, "\"opacity\":\"0.25\",\"z-index\":\"2\""));
	assert_non_null(strstr(out.data, "\"background-color\":\"rgba(0, 0, 0, 0)\""));
	assert_true(out.data[0] == '[' && out.data[out.len - 2] == ']');
	base_buf_clear(&out);
	css_dump_styles(r.sd, &out);
	assert_non_null(strstr(out.data, "<p>"));
	base_buf_free(&out);
	done(&r);
}

static void test_hostile_input(void **state)
{
	(void)state;
	/* Deep nesting, var() explosions, huge numbers: no crash or hang. */
	struct base_buf b = { 0 };
	base_buf_puts(&b, "<!DOCTYPE html><style>:root{--a:x;--b:var(--a)var(--a)var(--a)var(--a);"
			  "--c:var(--b)var(--b)var(--b)var(--b);--d:var(--c)var(--c)var(--c)var(--c);"
			  "--e:var(--d)var(--d)var(--d)var(--d);--f:var(--e)var(--e)var(--e)var(--e);"
			  "--g:var(--f)var(--f)var(--f)var(--f);--h:var(--g)var(--g)var(--g)var(--g);}"
			  "p{width:calc(1e30px * 1e30);margin:calc(((((((((((((((((((((((((1px))))))))))))))))))))))))));");
	for (int i = 0; i < 200; i++)
		base_buf_puts(&b, ":is(");
	base_buf_puts(&b, "p");
	for (int i = 0; i < 200; i++)
		base_buf_putc(&b, ')');
	base_buf_puts(&b, "{color:red}");
	for (int i = 0; i < 100; i++)
		base_buf_puts(&b, "@media all{");
	base_buf_puts(&b, "p{color:blue}</style>");
	for (int i = 0; i < 300; i++)
		base_buf_puts(&b, "<div>");
	base_buf_puts(&b, "<p>x</p>");
	struct styled r = style(b.data);
	assert_true(r.sd->element_count > 300);
	done(&r);
	base_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_specificity_importance),
		cmocka_unit_test(test_ua_defaults),
		cmocka_unit_test(test_font_relative_units),
		cmocka_unit_test(test_inheritance_and_wide_keywords),
		cmocka_unit_test(test_revert_and_layers),
		cmocka_unit_test(test_custom_properties),
		cmocka_unit_test(test_values_and_units),
		cmocka_unit_test(test_media_supports_import),
		cmocka_unit_test(test_presentational_hints),
		cmocka_unit_test(test_nesting_and_sharing),
		cmocka_unit_test(test_sibling_sharing_revalidation),
		cmocka_unit_test(test_json_dump),
		cmocka_unit_test(test_hostile_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
