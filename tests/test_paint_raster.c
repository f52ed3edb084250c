/* paint: rasterizer pixels on hand-built fragment trees — exact rect
 * fills, anti-aliased edges, border joins, rounded corners, gradients,
 * opacity, clips, shadows, HiDPI, and identical output for any tile
 * split and thread count. */
#include "paint_fixture.h"

static const struct css_color RED = { 255, 0, 0, 255 }, BLUE = { 0, 0, 255, 255 }, GREEN = { 0, 128, 0, 255 };

static void test_rect_exact(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 64, 64);
	struct css_style *s = fx_style(&f);
	s->background_color = RED;
	fx_box(&f, f.root, s, 10, 10, 20, 20);
	uint8_t *px = fx_render(&f, 64, 64, 1.0f, NULL);
	FX_ASSERT_RGBA(fx_px(px, 64, 10, 10), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 29, 29), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 9, 10), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 10, 9), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 30, 29), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 29, 30), 255, 255, 255, 255);
	free(px);
	fx_free(&f);
}

static void test_rect_half_pixel(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 64, 64);
	/* Moved by a transform half a pixel right and a quarter down: the
	 * box itself is snapped to whole pixels first, as browsers do. */
	struct css_style *s = fx_style(&f);
	s->background_color = BLUE;
	struct css_transform *tf = base_arena_calloc(&f.tree.arena, 1, sizeof(*tf));
	*tf = (struct css_transform){ { 1, 0, 0, 1, 0.5f, 0.25f }, 0, 0 };
	s->transform = tf;
	fx_box(&f, f.root, s, 10.4f, 10, 10, 10);
	uint8_t *px = fx_render(&f, 64, 64, 1.0f, NULL);
	/* Half of the left and right edge pixels is covered. */
	FX_ASSERT_NEAR(fx_px(px, 64, 10, 12), 128, 128, 255, 1);
	FX_ASSERT_NEAR(fx_px(px, 64, 20, 12), 128, 128, 255, 1);
	FX_ASSERT_RGBA(fx_px(px, 64, 11, 12), 0, 0, 255, 255);
	/* A quarter of the bottom row, three quarters of the top one. */
	FX_ASSERT_NEAR(fx_px(px, 64, 15, 20), 191, 191, 255, 1);
	FX_ASSERT_NEAR(fx_px(px, 64, 15, 10), 64, 64, 255, 1);
	/* The corner: half times a quarter. */
	FX_ASSERT_NEAR(fx_px(px, 64, 10, 20), 223, 223, 255, 1);
	free(px);
	fx_free(&f);

	/* Without a transform a box at a fractional position snaps. */
	fx_init(&f, 64, 64);
	s = fx_style(&f);
	s->background_color = BLUE;
	fx_box(&f, f.root, s, 10.4f, 9.6f, 10.3f, 10);
	px = fx_render(&f, 64, 64, 1.0f, NULL);
	FX_ASSERT_RGBA(fx_px(px, 64, 9, 12), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 10, 10), 0, 0, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 20, 19), 0, 0, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 21, 12), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 12, 20), 255, 255, 255, 255);
	free(px);
	fx_free(&f);
}

static void test_border_joins(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 64, 64);
	struct css_style *s = fx_style(&f);
	struct layout_fragment *b = fx_box(&f, f.root, s, 0, 0, 40, 40);
	fx_set_border(b, s, 10, CSS_BORDER_SOLID, GREEN);
	s->border_color[0] = RED;
	s->border_color[3] = BLUE;
	uint8_t *px = fx_render(&f, 64, 64, 1.0f, NULL);
	/* The top-left corner is split on its diagonal. */
	FX_ASSERT_RGBA(fx_px(px, 64, 7, 2), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 2, 7), 0, 0, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 20, 5), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 5, 20), 0, 0, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 35, 20), 0, 128, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 20, 35), 0, 128, 0, 255);
	/* The content is left white and the right-bottom corner is green. */
	FX_ASSERT_RGBA(fx_px(px, 64, 20, 20), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 39, 39), 0, 128, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 40, 40), 255, 255, 255, 255);
	free(px);
	fx_free(&f);
}

static void test_border_styles(void **state)
{
	(void)state;
	static const uint8_t styles[] = { CSS_BORDER_DASHED, CSS_BORDER_DOTTED, CSS_BORDER_DOUBLE, CSS_BORDER_GROOVE,
					  CSS_BORDER_RIDGE,  CSS_BORDER_INSET,  CSS_BORDER_OUTSET };
	for (size_t i = 0; i < BASE_ARRAY_LEN(styles); i++) {
		struct fx f;
		fx_init(&f, 80, 80);
		struct css_style *s = fx_style(&f);
		struct layout_fragment *b = fx_box(&f, f.root, s, 10, 10, 60, 60);
		fx_set_border(b, s, 9, styles[i], (struct css_color){ 200, 100, 50, 255 });
		uint8_t *px = fx_render(&f, 80, 80, 1.0f, NULL);
		int painted = 0, inside = 0;
		for (int y = 0; y < 80; y++)
			for (int x = 0; x < 80; x++) {
				bool nonwhite = fx_px(px, 80, x, y)[1] != 255;
				bool in_ring = x >= 10 && x < 70 && y >= 10 && y < 70 && !(x >= 19 && x < 61 && y >= 19 && y < 61);
				painted += nonwhite && in_ring;
				inside += nonwhite && !in_ring;
			}
		assert_int_equal(inside, 0);
		assert_true(painted > 600); /* at least a third of the ring */
		if (styles[i] == CSS_BORDER_DOUBLE) {
			/* Outer and inner thirds painted, the middle third not. */
			FX_ASSERT_RGBA(fx_px(px, 80, 40, 11), 200, 100, 50, 255);
			FX_ASSERT_RGBA(fx_px(px, 80, 40, 14), 255, 255, 255, 255);
			FX_ASSERT_RGBA(fx_px(px, 80, 40, 17), 200, 100, 50, 255);
		}
		if (styles[i] == CSS_BORDER_INSET) {
			/* Top darker than bottom. */
			const uint8_t *top = fx_px(px, 80, 40, 12), *bottom = fx_px(px, 80, 40, 67);
			assert_true(top[0] < bottom[0]);
		}
		free(px);
		fx_free(&f);
	}
}

static void test_rounded_corners(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 64, 64);
	struct css_style *s = fx_style(&f);
	s->background_color = RED;
	fx_radius(s, 20);
	fx_box(&f, f.root, s, 0, 0, 40, 40);
	uint8_t *px = fx_render(&f, 64, 64, 1.0f, NULL);
	FX_ASSERT_RGBA(fx_px(px, 64, 0, 0), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 3, 3), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 20, 20), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 20, 1), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 1, 20), 255, 0, 0, 255);
	/* On the arc at 45 degrees the pixel is partly covered. */
	const uint8_t *edge = fx_px(px, 64, 2, 10);
	assert_true(edge[1] > 40 && edge[1] < 215);
	/* Symmetric corners. */
	assert_memory_equal(fx_px(px, 64, 2, 10), fx_px(px, 64, 37, 29), 4);
	assert_memory_equal(fx_px(px, 64, 2, 10), fx_px(px, 64, 37, 10), 4);
	free(px);
	fx_free(&f);
}

static struct css_color_stop stop(struct css_color c)
{
	struct css_color_stop s = { c, { 0, 0, CSS_LEN_AUTO, false }, false };
	return s;
}

static void test_linear_gradient(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 100, 20);
	struct css_style *s = fx_style(&f);
	struct css_background_layer *l = base_arena_calloc(&f.tree.arena, 1, sizeof(*l));
	struct css_color_stop *stops = base_arena_calloc(&f.tree.arena, 2, sizeof(*stops));
	stops[0] = stop(RED);
	stops[1] = stop(BLUE);
	l->image.kind = CSS_IMAGE_LINEAR_GRADIENT;
	l->image.angle_deg = 90; /* to right */
	l->image.stops = stops;
	l->image.stop_count = 2;
	l->size_w.kind = l->size_h.kind = CSS_LEN_AUTO;
	s->backgrounds = l;
	s->background_count = 1;
	fx_box(&f, f.root, s, 0, 0, 100, 20);
	uint8_t *px = fx_render(&f, 100, 20, 1.0f, NULL);
	FX_ASSERT_NEAR(fx_px(px, 100, 0, 10), 254, 0, 1, 2);
	FX_ASSERT_NEAR(fx_px(px, 100, 99, 10), 1, 0, 254, 2);
	FX_ASSERT_NEAR(fx_px(px, 100, 50, 10), 126, 0, 129, 2);
	free(px);

	/* Skia's ordered dither: black to rgb(0,0,45) downwards puts row 10
	 * at blue 23.625, which the dither spreads over 23 and 24. */
	struct css_color_stop *dark = base_arena_calloc(&f.tree.arena, 2, sizeof(*dark));
	dark[0] = stop(((struct css_color){ 0, 0, 0, 255 }));
	dark[1] = stop(((struct css_color){ 0, 0, 45, 255 }));
	l->image.angle_deg = 180;
	l->image.stops = dark;
	px = fx_render(&f, 100, 20, 1.0f, NULL);
	int levels[2] = { 0, 0 };
	for (int x = 0; x < 16; x++) {
		int b = fx_px(px, 100, x, 10)[2];
		assert_true(b == 23 || b == 24);
		levels[b - 23]++;
	}
	assert_true(levels[0] > 0 && levels[1] > 0);
	free(px);
	l->image.angle_deg = 90;
	l->image.stops = stops;

	/* A colour hint at 20% moves the midpoint colour there. */
	struct css_color_stop *hinted = base_arena_calloc(&f.tree.arena, 3, sizeof(*hinted));
	hinted[0] = stop(RED);
	hinted[1] = (struct css_color_stop){ { 0, 0, 0, 0 }, { 0, 20, CSS_LEN_FIXED, true }, true };
	hinted[2] = stop(BLUE);
	l->image.stops = hinted;
	l->image.stop_count = 3;
	px = fx_render(&f, 100, 20, 1.0f, NULL);
	FX_ASSERT_NEAR(fx_px(px, 100, 20, 10), 128, 0, 127, 4);
	free(px);

	/* A radial gradient: centre colour, edge colour. */
	l->image.kind = CSS_IMAGE_RADIAL_GRADIENT;
	l->image.stops = stops;
	l->image.stop_count = 2;
	l->image.radial_extent = 3; /* farthest-side */
	l->image.center_x = (struct css_length){ 0, 50, CSS_LEN_FIXED, true };
	l->image.center_y = (struct css_length){ 0, 50, CSS_LEN_FIXED, true };
	px = fx_render(&f, 100, 20, 1.0f, NULL);
	/* (Gradients are dithered as Chromium's are: up to half a level.) */
	FX_ASSERT_NEAR(fx_px(px, 100, 50, 10), 242, 0, 13, 3);
	FX_ASSERT_NEAR(fx_px(px, 100, 0, 10), 0, 0, 255, 3);
	free(px);
	fx_free(&f);
}

static void test_opacity_and_clip(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 64, 64);
	struct css_style *s = fx_style(&f);
	s->background_color = RED;
	s->opacity = 0.5f;
	fx_box(&f, f.root, s, 0, 0, 20, 20);
	struct css_style *clipper = fx_style(&f);
	struct layout_fragment *c = fx_box(&f, f.root, clipper, 30, 30, 10, 10);
	c->clips_overflow = true;
	struct css_style *big = fx_style(&f);
	big->background_color = BLUE;
	fx_box(&f, c, big, 0, 0, 30, 30);
	uint8_t *px = fx_render(&f, 64, 64, 1.0f, NULL);
	FX_ASSERT_NEAR(fx_px(px, 64, 5, 5), 255, 128, 128, 1);
	FX_ASSERT_RGBA(fx_px(px, 64, 35, 35), 0, 0, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 45, 45), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 40, 35), 255, 255, 255, 255);
	free(px);
	fx_free(&f);
}

/* Translucent fills blend in 8 bits as Skia's SkPMSrcOver does, and a
 * group of one fill folds its opacity into the colour: values taken from
 * Chromium's renders of the same boxes. */
static void test_translucent_blend(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 64, 64);
	struct css_style *under = fx_style(&f);
	under->background_color = (struct css_color){ 130, 183, 14, 255 };
	struct layout_fragment *a = fx_box(&f, f.root, under, 0, 0, 10, 10);
	struct css_style *over = fx_style(&f);
	over->background_color = (struct css_color){ 238, 127, 26, 102 };
	fx_box(&f, a, over, 0, 0, 10, 10);
	struct css_style *under2 = fx_style(&f);
	under2->background_color = (struct css_color){ 254, 220, 186, 255 };
	struct layout_fragment *b = fx_box(&f, f.root, under2, 20, 0, 10, 10);
	struct css_style *over2 = fx_style(&f);
	over2->background_color = (struct css_color){ 28, 55, 94, 179 };
	over2->opacity = 0.6f;
	fx_box(&f, b, over2, 0, 0, 10, 10);
	uint8_t *px = fx_render(&f, 64, 64, 1.0f, NULL);
	FX_ASSERT_RGBA(fx_px(px, 64, 5, 5), 173, 161, 18, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 25, 5), 159, 151, 147, 255);
	free(px);
	fx_free(&f);
}

static void test_box_shadow(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 100, 100);
	struct css_style *s = fx_style(&f);
	s->background_color = (struct css_color){ 255, 255, 255, 255 };
	struct css_shadow *sh = base_arena_calloc(&f.tree.arena, 1, sizeof(*sh));
	*sh = (struct css_shadow){ 10, 10, 10, 0, { 0, 0, 0, 255 }, false };
	s->box_shadows = sh;
	s->box_shadow_count = 1;
	fx_box(&f, f.root, s, 20, 20, 40, 40);
	uint8_t *px = fx_render(&f, 100, 100, 1.0f, NULL);
	/* Deep inside the offset shadow: dark; at its edge: about half. */
	assert_true(fx_px(px, 100, 63, 63)[0] < 50);
	int edge = fx_px(px, 100, 70, 50)[0];
	assert_true(edge > 90 && edge < 165);
	/* The box itself stays white; far away is untouched. */
	FX_ASSERT_RGBA(fx_px(px, 100, 55, 55), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 100, 95, 95), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 100, 5, 5), 255, 255, 255, 255);
	free(px);
	fx_free(&f);
}

static void test_canvas_background(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 50, 50);
	struct css_style *hs = fx_style(&f), *bs = fx_style(&f);
	bs->background_color = GREEN;
	struct layout_fragment *html = fx_box(&f, f.root, hs, 0, 0, 50, 20);
	html->node = fx_node(&f, HTML_TAG_HTML, "html");
	struct layout_fragment *body = fx_box(&f, html, bs, 8, 8, 34, 4);
	body->node = fx_node(&f, HTML_TAG_BODY, "body");
	uint8_t *px = fx_render(&f, 50, 50, 1.0f, NULL);
	/* Body's background covers the whole canvas, not just its box. */
	FX_ASSERT_RGBA(fx_px(px, 50, 0, 0), 0, 128, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 50, 49, 49), 0, 128, 0, 255);
	free(px);
	fx_free(&f);
}

/* A 2x2 image: red, green / blue, white (premultiplied, opaque). */
static const uint8_t quad_px[16] = { 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255 };
static const struct layout_image quad = { 2, 2, (uint8_t *)quad_px, NULL };

static const struct layout_image *quad_get(void *ctx, const char *path)
{
	(void)ctx;
	return strcmp(path, "quad.png") == 0 ? &quad : NULL;
}

static void test_image_fragment(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 64, 64);
	struct css_style *s = fx_style(&f);
	s->image_rendering = CSS_IMAGE_RENDERING_PIXELATED;
	struct layout_fragment *img = fx_add(&f, f.root, LAYOUT_FRAG_IMAGE, s, 10, 10, 20, 20);
	img->image = &quad;
	uint8_t *px = fx_render(&f, 64, 64, 1.0f, NULL);
	/* Nearest-neighbour: each texel is a 10x10 block. */
	FX_ASSERT_RGBA(fx_px(px, 64, 10, 10), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 19, 19), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 20, 10), 0, 255, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 10, 20), 0, 0, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 29, 29), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 30, 30), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 9, 9), 255, 255, 255, 255);
	free(px);
	/* Bilinear: the centre of the image blends all four texels. */
	s->image_rendering = CSS_IMAGE_RENDERING_AUTO;
	px = fx_render(&f, 64, 64, 1.0f, NULL);
	FX_ASSERT_RGBA(fx_px(px, 64, 10, 10), 255, 0, 0, 255);
	FX_ASSERT_NEAR(fx_px(px, 64, 19, 19), 133, 122, 122, 12);
	free(px);
	fx_free(&f);
}

/* Bilinear filtering as Skia's raster backend does it (four bits of
 * position per axis, integer weights, truncated), and the mipmap level
 * Chromium draws a shrunk image from. */
static void test_image_filtering(void **state)
{
	(void)state;
	static const uint8_t ramp_px[8] = { 0, 0, 0, 255, 255, 255, 255, 255 };
	static const uint8_t red_px[16] = { 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255 };
	static const struct layout_image red = { 2, 2, (uint8_t *)red_px, NULL };
	uint8_t white_px[64];
	memset(white_px, 255, sizeof(white_px));
	const struct layout_image ramp = { 2, 1, (uint8_t *)ramp_px, NULL }, white = { 4, 4, white_px, &red };
	struct fx f;
	fx_init(&f, 64, 64);
	struct css_style *s = fx_style(&f);
	struct layout_fragment *img = fx_add(&f, f.root, LAYOUT_FRAG_IMAGE, s, 10, 10, 8, 1);
	img->image = &ramp;
	uint8_t *px = fx_render(&f, 64, 64, 1.0f, NULL);
	/* Black to white over 8px: sample positions 0.125, 0.375, 0.625 of
	 * the way give 31, 95 and 159 (exact arithmetic would round the
	 * first two to 32 and 96). */
	FX_ASSERT_RGBA(fx_px(px, 64, 11, 10), 0, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 12, 10), 31, 31, 31, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 13, 10), 95, 95, 95, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 14, 10), 159, 159, 159, 255);
	free(px);
	/* A 4x4 image drawn 2x2 comes from its 2x2 level; drawn 3x3, from
	 * the image itself. */
	img->image = &white;
	img->width = 2;
	img->height = 2;
	px = fx_render(&f, 64, 64, 1.0f, NULL);
	FX_ASSERT_RGBA(fx_px(px, 64, 11, 11), 255, 0, 0, 255);
	free(px);
	img->width = 3;
	img->height = 3;
	px = fx_render(&f, 64, 64, 1.0f, NULL);
	FX_ASSERT_RGBA(fx_px(px, 64, 11, 11), 255, 255, 255, 255);
	free(px);
	fx_free(&f);
}

static struct css_background_layer *image_layer(struct fx *f, struct css_style *s)
{
	struct css_background_layer *l = base_arena_calloc(&f->tree.arena, 1, sizeof(*l));
	l->image.kind = CSS_IMAGE_URL;
	l->image.url = "quad.png";
	l->size_w = (struct css_length){ 10, 0, CSS_LEN_FIXED, false };
	l->size_h = (struct css_length){ 10, 0, CSS_LEN_FIXED, false };
	s->backgrounds = l;
	s->background_count = 1;
	s->image_rendering = CSS_IMAGE_RENDERING_PIXELATED;
	return l;
}

static uint8_t *render_with_images(struct fx *f, int w, int h)
{
	struct layout_image_provider images = { NULL, quad_get };
	struct paint_display_list *dl = paint_build_display_list(&f->tree, &images);
	uint8_t *px = calloc((size_t)w * (size_t)h, 4);
	struct paint_target t = { .pixels = px, .width = w, .height = h, .stride = (size_t)w * 4, .scale = 1.0f };
	assert_int_equal(paint_rasterize(dl, &t, NULL), 0);
	paint_display_list_free(dl);
	return px;
}

static void test_background_repeat(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, 64, 64);
	struct css_style *s = fx_style(&f);
	struct css_background_layer *l = image_layer(&f, s);
	fx_box(&f, f.root, s, 0, 0, 35, 20);
	/* repeat: 10px tiles from the top-left, cut at the box edge. */
	uint8_t *px = render_with_images(&f, 64, 64);
	FX_ASSERT_RGBA(fx_px(px, 64, 0, 0), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 5, 0), 0, 255, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 10, 0), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 30, 5), 0, 0, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 34, 0), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 35, 0), 255, 255, 255, 255);
	free(px);
	/* no-repeat at 100% 100%: one tile in the bottom-right corner. */
	l->repeat_x = l->repeat_y = CSS_REPEAT_NO;
	l->position_x = l->position_y = (struct css_length){ 0, 100, CSS_LEN_FIXED, true };
	px = render_with_images(&f, 64, 64);
	FX_ASSERT_RGBA(fx_px(px, 64, 24, 10), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 25, 10), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 34, 19), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 0, 0), 255, 255, 255, 255);
	free(px);
	/* space: three tiles fit in 35px, spread to both edges (gap 2.5). */
	l->repeat_x = CSS_REPEAT_SPACE;
	l->repeat_y = CSS_REPEAT_NO;
	l->position_y = (struct css_length){ 0, 0, CSS_LEN_FIXED, false };
	px = render_with_images(&f, 64, 64);
	FX_ASSERT_RGBA(fx_px(px, 64, 0, 0), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 11, 0), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 13, 0), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 34, 0), 0, 255, 0, 255);
	free(px);
	/* round: 35px holds 3.5 tiles, rounded to 4 of 8.75px. */
	l->repeat_x = CSS_REPEAT_ROUND;
	px = render_with_images(&f, 64, 64);
	FX_ASSERT_RGBA(fx_px(px, 64, 9, 0), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 34, 0), 0, 255, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 64, 31, 0), 0, 255, 0, 255);
	free(px);
	fx_free(&f);
}

/* A busy scene over several tiles: the same bytes whatever the thread
 * count, and scale 2 doubles every rectangle exactly. */
static void build_scene(struct fx *f)
{
	fx_init(f, 600, 560);
	for (int i = 0; i < 40; i++) {
		struct css_style *s = fx_style(f);
		s->background_color = (struct css_color){ (uint8_t)(i * 37), (uint8_t)(i * 91), (uint8_t)(i * 53), 200 };
		fx_radius(s, (float)(i % 5) * 4.0f);
		struct layout_fragment *b = fx_box(f, f->root, s, 13.3f * (float)i, 11.7f * (float)i, 120, 90);
		if (i % 3 == 0)
			fx_set_border(b, s, 3, CSS_BORDER_DASHED, (struct css_color){ 0, 0, 0, 255 });
		if (i % 4 == 0) {
			struct css_shadow *sh = base_arena_calloc(&f->tree.arena, 1, sizeof(*sh));
			*sh = (struct css_shadow){ 4, 4, 12, 2, { 0, 0, 0, 128 }, false };
			s->box_shadows = sh;
			s->box_shadow_count = 1;
		}
		if (i % 7 == 0)
			s->opacity = 0.6f;
	}
}

static void test_threads_identical(void **state)
{
	(void)state;
	struct fx f;
	build_scene(&f);
	uint8_t *one = fx_render(&f, 600, 560, 1.0f, NULL);
	struct base_pool *pool = base_pool_create(3);
	uint8_t *three = fx_render(&f, 600, 560, 1.0f, pool);
	assert_memory_equal(one, three, 600 * 560 * 4);
	uint8_t *two_x = fx_render(&f, 1200, 1120, 2.0f, pool);
	uint8_t *two_x1 = fx_render(&f, 1200, 1120, 2.0f, NULL);
	assert_memory_equal(two_x, two_x1, 1200 * 1120 * 4);
	base_pool_destroy(pool);
	free(one);
	free(three);
	free(two_x);
	free(two_x1);
	fx_free(&f);

	/* HiDPI: an integer rect covers exactly twice the device pixels. */
	fx_init(&f, 40, 40);
	struct css_style *s = fx_style(&f);
	s->background_color = RED;
	fx_box(&f, f.root, s, 5, 5, 10, 10);
	uint8_t *px = fx_render(&f, 80, 80, 2.0f, NULL);
	FX_ASSERT_RGBA(fx_px(px, 80, 10, 10), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 80, 29, 29), 255, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 80, 9, 10), 255, 255, 255, 255);
	FX_ASSERT_RGBA(fx_px(px, 80, 30, 30), 255, 255, 255, 255);
	free(px);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rect_exact),	 cmocka_unit_test(test_rect_half_pixel),
		cmocka_unit_test(test_border_joins),	 cmocka_unit_test(test_border_styles),
		cmocka_unit_test(test_rounded_corners),	 cmocka_unit_test(test_linear_gradient),
		cmocka_unit_test(test_opacity_and_clip), cmocka_unit_test(test_translucent_blend),
		cmocka_unit_test(test_box_shadow),
		cmocka_unit_test(test_canvas_background), cmocka_unit_test(test_threads_identical),
		cmocka_unit_test(test_image_fragment),	 cmocka_unit_test(test_image_filtering),
		cmocka_unit_test(test_background_repeat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
