/* A complete embedder of libweft: renders a page into a caller-owned RGBA
 * buffer and writes it as PNG.
 *   cc embed.c $(pkg-config --cflags --libs weft) -o embed
 *   ./embed page.html out.png */
#include <stdio.h>
#include <stdlib.h>
#include <weft.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s IN.html OUT.png\n", argv[0]);
		return 2;
	}
	struct weft_error err = {0};
	struct weft_engine *engine = weft_engine_new(NULL, &err);
	if (!engine) {
		fprintf(stderr, "%s\n", err.message);
		return 2;
	}
	struct weft_load_options opt = {.viewport_width = 640, .viewport_height = 480};
	struct weft_document *doc = weft_document_load_file(engine, argv[1], &opt, &err);
	if (!doc) {
		fprintf(stderr, "%s\n", err.message);
		weft_engine_free(engine);
		return 2;
	}
	int width = 640, height = 480;
	uint8_t *pixels = malloc((size_t)width * height * 4);
	struct weft_paint_target target = {pixels, width, height, (size_t)width * 4, 1.0f, 0, 0};
	int status = 0;
	if (!pixels || weft_document_paint(doc, &target, &err) != WEFT_OK ||
	    weft_png_write(argv[2], pixels, width, height, (size_t)width * 4, &err) != WEFT_OK) {
		fprintf(stderr, "%s\n", pixels ? err.message : "out of memory");
		status = 1;
	} else {
		const char *title = weft_document_title(doc);
		printf("rendered '%s' (%dx%d)\n", title ? title : argv[1], width, height);
	}
	free(pixels);
	weft_document_free(doc);
	weft_engine_free(engine);
	return status;
}
