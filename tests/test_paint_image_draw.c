/* paint: a background image drawn shrunk as one tile is sampled from the
 * mipmap level of the drawn part of the image alone (as Chromium's
 * compositor decodes it), not from the whole image's chain, whose pixel
 * boundaries fall elsewhere when that part starts at an odd pixel. */
#include "paint_fixture.h"

/* 8x2, red channel 0 0 0 255 255 255 0 0 on both rows. */
static uint8_t stripe_px[8 * 2 * 4];
static struct layout_image stripe = { 8, 2, stripe_px, NULL };

static const struct layout_image *stripe_get(void *ctx, const char *path)
{
	(void)ctx;
	return strcmp(path, "stripe.png") == 0 ? &stripe : NULL;
}

static uint8_t *render(struct fx *f, int w, int h, float scale)
{
	struct layout_image_provider images = { NULL, stripe_get };
	struct paint_display_list *dl = paint_build_display_list(&f->tree, &images);
	uint8_t *px = calloc((size_t)w * (size_t)h, 4);
	struct paint_target t = { .pixels = px, .width = w, .height = h, .stride = (size_t)w * 4, .scale = scale };
	assert_int_equal(paint_rasterize(dl, &t, NULL), 0);
	paint_display_list_free(dl);
	return px;
}

static void test_subset_level(void **state)
{
	(void)state;
	static const uint8_t red[8] = { 0, 0, 0, 255, 255, 255, 0, 0 };
	for (int i = 0; i < 16; i++) {
		stripe_px[i * 4] = red[i % 8];
		stripe_px[i * 4 + 1] = stripe_px[i * 4 + 2] = 0;
		stripe_px[i * 4 + 3] = 255;
	}
	struct fx f;
	fx_init(&f, 8, 8);
	struct css_style *s = fx_style(&f);
	struct css_background_layer *l = base_arena_calloc(&f.tree.arena, 1, sizeof(*l));
	l->image.kind = CSS_IMAGE_URL;
	l->image.url = "stripe.png";
	l->size_w = (struct css_length){ 4, 0, CSS_LEN_FIXED, false };
	l->size_h = (struct css_length){ 1, 0, CSS_LEN_FIXED, false };
	l->position_x = (struct css_length){ -0.5f, 0, CSS_LEN_FIXED, false };
	l->repeat_x = l->repeat_y = CSS_REPEAT_NO;
	s->backgrounds = l;
	s->background_count = 1;
	fx_box(&f, f.root, s, 0, 0, 2, 1);
	/* The box shows image pixels 1 to 4 at half size: their own level is
	 * (0+0)/2 and (255+255)/2, copied one to one. The whole image's level
	 * (0, 127, 255, 0) would give 63 and 127. */
	uint8_t *px = render(&f, 8, 8, 1.0f);
	FX_ASSERT_RGBA(fx_px(px, 8, 0, 0), 0, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 8, 1, 0), 255, 0, 0, 255);
	free(px);
	/* At two device pixels per CSS pixel the whole image is sampled. */
	px = render(&f, 8, 8, 2.0f);
	FX_ASSERT_RGBA(fx_px(px, 8, 1, 0), 0, 0, 0, 255);
	FX_ASSERT_RGBA(fx_px(px, 8, 2, 0), 255, 0, 0, 255);
	free(px);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subset_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
