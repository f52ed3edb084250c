/* Internal state of the embedding API: what an engine and a document own.
 *
 * Ownership: the engine owns its fonts and thread pool. A document owns its
 * source bytes, each stage's product (DOM, styled document, fragment tree,
 * display list), its decoded images, and the strings in its arena. A stage's
 * product is freed before the stage is re-run, later stages first. */
#ifndef WEFT_SHELL_DOCUMENT_H
#define WEFT_SHELL_DOCUMENT_H

#include "paint/paint.h"
#include "shell/weft.h"

#include <pthread.h>

struct weft_engine {
	struct layout_fonts *fonts;
	struct base_pool *pool;
	char *root_dir; /* NULL when none */
	int threads;
};

struct weft_document {
	struct weft_engine *engine;
	char *path; /* the document's own path ("" for stdin/bytes) */
	struct base_buf bytes;
	bool is_xml;
	float viewport_width, viewport_height;

	struct html_document *html;
	struct css_styled_document *styled;
	struct layout_tree *layout;
	/* After a restyle that changes geometry: the previous layout, kept
	 * until the next layout reuses what did not change, and the elements
	 * whose styles were replaced since it was laid out. */
	struct layout_tree *stale_layout;
	struct base_vec changed; /* const struct html_node *, not owned */
	struct paint_display_list *display_list;
	struct paint_images *images;
	struct layout_shape_cache *shape_cache; /* shaped words, kept across relayouts */

	struct css_element_state state;
	struct css_loader loader;
	struct layout_image_provider image_provider;

	/* Warnings and dependencies may be added from style-loading callbacks;
	 * the lock keeps that safe whatever thread they run on. */
	pthread_mutex_t lock;
	struct base_vec warnings; /* char *, heap-owned */
	struct base_vec dependencies; /* char *, heap-owned */

	size_t image_warnings_seen; /* paint_images_warning() entries already copied */
	struct weft_timings timings;
	/* What the last effective weft_document_set_pointer() changed, CSS px. */
	struct layout_rect damage_area;
	char *title;
	struct base_arena arena; /* resolved URLs and other per-document strings */
};

/* Records a warning line (formatted) for weft_document_warning(). */
void shell_document_warn(struct weft_document *doc, const char *fmt, ...) BASE_PRINTF(2, 3);
/* Records a file the document depends on (once). */
void shell_document_depend(struct weft_document *doc, const char *path);
/* Drops the products from a stage on: 0 DOM, 1 style, 2 layout, 3 display list. */
void shell_document_invalidate(struct weft_document *doc, int from_stage);
/* Drops the layout after a restyle replaced the styles of elements, so
 * that the next layout reuses the unchanged parts of the previous one. */
void shell_document_relayout(struct weft_document *doc, const struct css_restyled *replaced, size_t count);
/* Runs the stages up to the display list. */
int shell_document_build_display_list(struct weft_document *doc, struct weft_error *err);
void shell_error_set(struct weft_error *err, enum weft_status status, const char *fmt, ...) BASE_PRINTF(3, 4);

#endif
