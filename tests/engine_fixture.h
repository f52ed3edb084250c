/* One engine for a whole test program, made by the cmocka group set-up and
 * freed by its teardown, and the helpers of the tests that load whole
 * documents through shell/weft.h and compare an incrementally updated
 * document with one made from scratch. Header-only, included by
 * tests/test_restyle.c, tests/test_relayout.c and
 * tests/test_shell_paint_threads.c. */
#ifndef WEFT_TEST_ENGINE_FIXTURE_H
#define WEFT_TEST_ENGINE_FIXTURE_H

#include "support/test_support.h"

#include "shell/weft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Owned by the group: engine_setup makes it, engine_teardown frees it. */
static struct weft_engine *engine;

static inline int engine_setup(void **state)
{
	(void)state;
	struct weft_engine_options eo = { .threads = 2 };
	struct weft_error err;
	engine = weft_engine_new(&eo, &err);
	return engine ? 0 : -1;
}

static inline int engine_teardown(void **state)
{
	(void)state;
	weft_engine_free(engine);
	return 0;
}

/* The dump as a heap string the caller frees (through a temporary file:
 * GCC's dangling-pointer analysis misreads open_memstream's out-parameter
 * once this is inlined in an optimized build). */
static inline char *doc_dump(struct weft_document *doc, enum weft_dump_kind kind)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	struct weft_error err;
	assert_int_equal(weft_document_dump(doc, kind, f, &err), WEFT_OK);
	long len = ftell(f);
	assert_true(len >= 0);
	rewind(f);
	char *text = malloc((size_t)len + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
	text[len] = '\0';
	fclose(f);
	return text;
}

/* The first w x h pixels of the document, unscrolled, in a heap buffer the
 * caller frees. */
static inline uint8_t *doc_render(struct weft_document *doc, int w, int h)
{
	uint8_t *px = calloc((size_t)w * h, 4);
	assert_non_null(px);
	struct weft_paint_target t = { px, w, h, (size_t)w * 4, 1, 0, 0 };
	struct weft_error err;
	assert_int_equal(weft_document_paint(doc, &t, &err), WEFT_OK);
	return px;
}

/* Fails unless the incremental and the from-scratch documents dump the
 * same after pointer move number `move` to p[0], p[1]; the message shows
 * both dumps around the first difference. */
static inline void same_dump(struct weft_document *inc, struct weft_document *ref, enum weft_dump_kind kind, const char *what,
			     size_t move, const float *p)
{
	char *a = doc_dump(inc, kind), *b = doc_dump(ref, kind);
	if (strcmp(a, b) != 0) {
		size_t i = 0;
		while (a[i] && a[i] == b[i])
			i++;
		size_t from = i > 200 ? i - 200 : 0;
		fail_msg("%s differ after move %zu to (%g, %g), at byte %zu:\n--- incremental\n%.400s\n--- from scratch\n%.400s", what, move,
			 p[0], p[1], i, a + from, b + from);
	}
	free(a);
	free(b);
}

#endif
