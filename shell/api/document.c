/* Documents: loading, and running the pipeline stage by stage.
 * bytes → html_parse → css_style_document → layout_document →
 * paint_build_display_list → paint_rasterize. */
#include "shell/api/document.h"
#include "shell/api/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Viewports beyond this are refused rather than allocated. */
#define WEFT_MAX_VIEWPORT 100000.0f

void shell_document_warn(struct weft_document *doc, const char *fmt, ...)
{
	struct base_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	base_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&doc->lock);
	base_vec_push(&doc->warnings, base_buf_steal(&b));
	pthread_mutex_unlock(&doc->lock);
}

void shell_document_depend(struct weft_document *doc, const char *path)
{
	pthread_mutex_lock(&doc->lock);
	bool seen = false;
	for (size_t i = 0; i < doc->dependencies.len && !seen; i++)
		seen = strcmp(doc->dependencies.items[i], path) == 0;
	if (!seen)
		base_vec_push(&doc->dependencies, base_xstrdup(path));
	pthread_mutex_unlock(&doc->lock);
}

/* ---- Resource hooks handed to the style system and layout ------------- */

static bool loader_read(void *ctx, const char *path, struct base_buf *out)
{
	struct weft_document *doc = ctx;
	enum base_status s = base_read_file(path, out);
	if (s != BASE_OK) {
		shell_document_warn(doc, "cannot load '%s': %s", path, base_status_str(s));
		return false;
	}
	shell_document_depend(doc, path);
	return true;
}

static void loader_font_face(void *ctx, const char *family, const char *path, int weight, int style)
{
	struct weft_document *doc = ctx;
	if (layout_fonts_add_face(doc->engine->fonts, family, path, weight, style) != 0)
		shell_document_warn(doc, "cannot load font '%s' for family '%s'", path, family);
	else
		shell_document_depend(doc, path);
}

static bool loader_font_units(void *ctx, const struct css_font_family *family, float size, int weight, int style, float *ex, float *ch)
{
	struct weft_document *doc = ctx;
	struct layout_font_metrics m;
	if (!layout_fonts_first_metrics(doc->engine->fonts, family, weight, style, size, &m))
		return false;
	*ex = m.x_height;
	*ch = m.zero_width;
	return true;
}

static const char *loader_resolve(void *ctx, const char *base_path, const char *url, size_t len, struct base_arena *a)
{
	struct weft_document *doc = ctx;
	const char *out;
	enum shell_url_kind k = shell_url_resolve(a, doc->engine->root_dir, base_path ? base_path : doc->path, url,
						  len, &out, NULL, 0);
	if (k == SHELL_URL_NETWORK) {
		shell_document_warn(doc, "not fetched (network fetching is not supported): %.*s", (int)len, url);
		return NULL;
	}
	return k == SHELL_URL_EMPTY ? NULL : out;
}

/* Layout's hook for <img src> and other URLs in the document itself. */
static const char *layout_resolve(void *ctx, const char *url, size_t len, struct base_arena *a)
{
	return loader_resolve(ctx, NULL, url, len, a);
}

static void loader_warn(void *ctx, const char *message)
{
	shell_document_warn(ctx, "%s", message);
}

static const struct layout_image *provide_image(void *ctx, const char *path)
{
	struct weft_document *doc = ctx;
	if (strncmp(path, "data:", 5) != 0)
		shell_document_depend(doc, path);
	return paint_images_get(doc->images, path);
}

/* Moves the image decoders' new warnings into the document's list. */
static void collect_image_warnings(struct weft_document *doc)
{
	const char *w;
	while ((w = paint_images_warning(doc->images, doc->image_warnings_seen))) {
		shell_document_warn(doc, "%s", w);
		doc->image_warnings_seen++;
	}
}

/* ---- Loading ------------------------------------------------------------ */

static bool has_xml_extension(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (strcmp(dot, ".xht") == 0 || strcmp(dot, ".xhtml") == 0 || strcmp(dot, ".xml") == 0);
}

static struct weft_document *document_new(struct weft_engine *engine, const char *path,
					  const struct weft_load_options *opt)
{
	struct weft_document *doc = base_xcalloc(1, sizeof *doc);
	doc->engine = engine;
	doc->path = base_xstrdup(path ? path : "");
	doc->viewport_width = opt && opt->viewport_width > 0 ? opt->viewport_width : 800;
	doc->viewport_height = opt && opt->viewport_height > 0 ? opt->viewport_height : 600;
	doc->is_xml = (opt && opt->force_xml) || (path && has_xml_extension(path));
	pthread_mutex_init(&doc->lock, NULL);
	base_arena_init(&doc->arena, 16 * 1024);
	doc->loader = (struct css_loader){doc, loader_read, loader_font_face, loader_resolve, loader_warn, loader_font_units};
	doc->images = paint_images_new();
	doc->shape_cache = layout_shape_cache_new();
	doc->image_provider = (struct layout_image_provider){doc, provide_image};
	return doc;
}

static int parse(struct weft_document *doc, struct weft_error *err)
{
	uint64_t t0 = base_now_ns();
	const char *why = NULL;
	if (doc->is_xml) {
		doc->html = html_parse_xml(doc->bytes.data ? doc->bytes.data : "", doc->bytes.len, &why);
	} else {
		struct html_parse_options po = {0};
		doc->html = html_parse(doc->bytes.data ? doc->bytes.data : "", doc->bytes.len, &po, &why);
	}
	doc->timings.parse_ns = base_now_ns() - t0;
	doc->timings.input_bytes = doc->bytes.len;
	if (!doc->html) {
		shell_error_set(err, WEFT_ERR_INPUT, "cannot parse '%s': %s", doc->path, why ? why : "unknown error");
		return WEFT_ERR_INPUT;
	}
	if (doc->html->fatal_error)
		shell_document_warn(doc, "%s", doc->html->fatal_error);
	return WEFT_OK;
}

struct weft_document *weft_document_load_bytes(struct weft_engine *engine, const char *bytes, size_t len,
					       const char *base_path, const struct weft_load_options *opt,
					       struct weft_error *err)
{
	struct weft_document *doc = document_new(engine, base_path, opt);
	base_buf_append(&doc->bytes, bytes, len);
	if (parse(doc, err) != WEFT_OK) {
		weft_document_free(doc);
		return NULL;
	}
	return doc;
}

struct weft_document *weft_document_load_file(struct weft_engine *engine, const char *path,
					      const struct weft_load_options *opt, struct weft_error *err)
{
	if (!path || !*path) {
		shell_error_set(err, WEFT_ERR_INPUT, "no input file given");
		return NULL;
	}
	struct base_arena tmp;
	base_arena_init(&tmp, 1024);
	const char *resolved = path;
	if (strcmp(path, "-") != 0) {
		enum shell_url_kind k = shell_url_resolve(&tmp, NULL, NULL, path, strlen(path), &resolved, NULL, 0);
		if (k == SHELL_URL_NETWORK) {
			shell_error_set(err, WEFT_ERR_INPUT,
					"'%s': network fetching is not supported; save the page locally", path);
			base_arena_free(&tmp);
			return NULL;
		}
		if (k != SHELL_URL_FILE)
			resolved = path;
	}
	struct weft_document *doc = document_new(engine, strcmp(path, "-") == 0 ? "" : resolved, opt);
	base_arena_free(&tmp);
	enum base_status s = base_read_file(strcmp(path, "-") == 0 ? "-" : doc->path, &doc->bytes);
	if (s != BASE_OK) {
		shell_error_set(err, WEFT_ERR_INPUT, "cannot open '%s': %s", path, base_status_str(s));
		weft_document_free(doc);
		return NULL;
	}
	if (doc->path[0])
		shell_document_depend(doc, doc->path);
	if (parse(doc, err) != WEFT_OK) {
		weft_document_free(doc);
		return NULL;
	}
	return doc;
}

void shell_document_invalidate(struct weft_document *doc, int from_stage)
{
	if (from_stage <= 3 && doc->display_list) {
		paint_display_list_free(doc->display_list);
		doc->display_list = NULL;
	}
	if (from_stage <= 2 && doc->layout) {
		layout_tree_free(doc->layout);
		doc->layout = NULL;
	}
	if (from_stage <= 2) {
		layout_tree_free(doc->stale_layout);
		doc->stale_layout = NULL;
		doc->changed.len = 0;
	}
	if (from_stage <= 1 && doc->styled) {
		css_styled_document_free(doc->styled);
		doc->styled = NULL;
	}
	if (from_stage <= 0 && doc->html) {
		html_document_free(doc->html);
		doc->html = NULL;
	}
}

void weft_document_free(struct weft_document *doc)
{
	if (!doc)
		return;
	shell_document_invalidate(doc, 0);
	paint_images_free(doc->images);
	layout_shape_cache_free(doc->shape_cache);
	for (size_t i = 0; i < doc->warnings.len; i++)
		free(doc->warnings.items[i]);
	for (size_t i = 0; i < doc->dependencies.len; i++)
		free(doc->dependencies.items[i]);
	base_vec_free(&doc->warnings);
	base_vec_free(&doc->dependencies);
	base_vec_free(&doc->changed);
	base_buf_free(&doc->bytes);
	pthread_mutex_destroy(&doc->lock);
	base_arena_free(&doc->arena);
	free(doc->title);
	free(doc->path);
	free(doc);
}

/* ---- Stages --------------------------------------------------------------- */

int weft_document_set_viewport(struct weft_document *doc, float width, float height)
{
	if (!(width >= 1 && height >= 1 && width <= WEFT_MAX_VIEWPORT && height <= WEFT_MAX_VIEWPORT))
		return WEFT_ERR_INPUT;
	if (width != doc->viewport_width || height != doc->viewport_height) {
		doc->viewport_width = width;
		doc->viewport_height = height;
		/* Media queries and viewport units depend on the size: the
		 * styles stay when none of them changes. */
		struct css_media m = {width, height, 1.0f};
		shell_document_invalidate(doc, doc->styled && css_styled_document_set_media(doc->styled, &m) ? 2 : 1);
	}
	return WEFT_OK;
}

int weft_document_style(struct weft_document *doc, struct weft_error *err)
{
	if (doc->styled)
		return WEFT_OK;
	uint64_t t0 = base_now_ns();
	struct css_style_options so = {
		.media = {doc->viewport_width, doc->viewport_height, 1.0f},
		.loader = &doc->loader,
		.state = &doc->state,
		.document_path = doc->path,
		.pool = doc->engine->pool,
	};
	doc->styled = css_style_document(doc->html, &so);
	doc->timings.style_ns = base_now_ns() - t0;
	if (!doc->styled) {
		shell_error_set(err, WEFT_ERR_RENDER, "styling '%s' failed", doc->path);
		return WEFT_ERR_RENDER;
	}
	doc->timings.styled_elements = doc->styled->element_count;
	doc->timings.style_shared = doc->styled->shared_count;
	return WEFT_OK;
}

int weft_document_layout(struct weft_document *doc, struct weft_error *err)
{
	if (doc->layout)
		return WEFT_OK;
	int rc = weft_document_style(doc, err);
	if (rc != WEFT_OK)
		return rc;
	uint64_t t0 = base_now_ns();
	struct layout_options lo = {
		.viewport_width = doc->viewport_width,
		.viewport_height = doc->viewport_height,
		.fonts = doc->engine->fonts,
		.shape_cache = doc->shape_cache,
		.images = &doc->image_provider,
		.pool = doc->engine->pool,
		.resolve = layout_resolve,
		.resolve_ctx = doc,
		/* Pointer moves may change geometry: keep what a relayout reuses. */
		.cache = doc->styled->uses_user_action,
	};
	if (doc->stale_layout) {
		doc->layout = layout_relayout(doc->styled, &lo, doc->stale_layout,
					      (const struct html_node *const *)doc->changed.items, doc->changed.len);
		doc->stale_layout = NULL;
		doc->changed.len = 0;
	} else {
		doc->layout = layout_document(doc->styled, &lo);
	}
	doc->timings.layout_ns = base_now_ns() - t0;
	collect_image_warnings(doc);
	if (!doc->layout) {
		shell_error_set(err, WEFT_ERR_RENDER, "layout of '%s' failed", doc->path);
		return WEFT_ERR_RENDER;
	}
	doc->timings.layout_boxes = doc->layout->boxes_laid_out;
	doc->timings.layout_boxes_reused = doc->layout->boxes_reused;
	return WEFT_OK;
}

void shell_document_relayout(struct weft_document *doc, const struct css_restyled *replaced, size_t count)
{
	shell_document_invalidate(doc, 3);
	if (doc->layout && doc->layout->cache) {
		doc->stale_layout = doc->layout;
		doc->layout = NULL;
	} else if (!doc->stale_layout) {
		shell_document_invalidate(doc, 2);
		return;
	}
	for (size_t i = 0; i < count; i++)
		base_vec_push(&doc->changed, (void *)replaced[i].element);
}

int shell_document_build_display_list(struct weft_document *doc, struct weft_error *err)
{
	if (doc->display_list)
		return WEFT_OK;
	int rc = weft_document_layout(doc, err);
	if (rc != WEFT_OK)
		return rc;
	/* With :hover or :active rules, pointer moves restyle: keep what
	 * paint_display_list_restyle() needs to update the list in place. */
	if (doc->styled && doc->styled->uses_user_action)
		doc->display_list = paint_build_display_list_restylable(doc->layout, &doc->image_provider);
	else
		doc->display_list = paint_build_display_list(doc->layout, &doc->image_provider);
	collect_image_warnings(doc);
	if (!doc->display_list) {
		shell_error_set(err, WEFT_ERR_RENDER, "building the display list of '%s' failed", doc->path);
		return WEFT_ERR_RENDER;
	}
	return WEFT_OK;
}

void weft_document_size(struct weft_document *doc, float *width, float *height)
{
	*width = doc->viewport_width;
	*height = doc->viewport_height;
	if (weft_document_layout(doc, NULL) == WEFT_OK) {
		*width = doc->layout->document_width;
		*height = doc->layout->document_height;
	}
}

const char *weft_document_title(struct weft_document *doc)
{
	if (!doc->title) {
		char *t = html_document_title(doc->html, &doc->arena);
		doc->title = base_xstrdup(t ? t : "");
	}
	return doc->title[0] ? doc->title : NULL;
}

const char *weft_document_warning(const struct weft_document *doc, size_t index)
{
	return index < doc->warnings.len ? doc->warnings.items[index] : NULL;
}

const char *weft_document_dependency(const struct weft_document *doc, size_t index)
{
	return index < doc->dependencies.len ? doc->dependencies.items[index] : NULL;
}

void weft_document_timings(const struct weft_document *doc, struct weft_timings *t)
{
	*t = doc->timings;
}

static bool target_valid(const struct weft_paint_target *target)
{
	return target && target->width > 0 && target->height > 0 && target->scale > 0;
}

/* The paint stage's view of a weft target. */
static struct paint_target paint_target_of(const struct weft_paint_target *target)
{
	struct paint_target pt = {
		.pixels = target->pixels,
		.width = target->width,
		.height = target->height,
		.stride = target->stride,
		.scale = target->scale,
		.scroll_x = target->scroll_x,
		.scroll_y = target->scroll_y,
	};
	return pt;
}

/* Checks the target (a weft target's size and scale included), then
 * paints the display list on it. */
static int paint(struct weft_document *doc, const struct paint_target *pt, struct weft_error *err)
{
	if (!pt->pixels || pt->width <= 0 || pt->height <= 0 || pt->stride < (size_t)pt->width * 4 ||
	    !(pt->scale > 0)) {
		shell_error_set(err, WEFT_ERR_INPUT, "invalid paint target");
		return WEFT_ERR_INPUT;
	}
	int rc = shell_document_build_display_list(doc, err);
	if (rc != WEFT_OK)
		return rc;
	uint64_t t0 = base_now_ns();
	rc = paint_rasterize(doc->display_list, pt, doc->engine->pool);
	/* Paints of one document may run on several threads at once. */
	pthread_mutex_lock(&doc->lock);
	doc->timings.paint_ns = base_now_ns() - t0;
	pthread_mutex_unlock(&doc->lock);
	if (rc != 0) {
		shell_error_set(err, WEFT_ERR_RENDER, "painting '%s' failed", doc->path);
		return WEFT_ERR_RENDER;
	}
	return WEFT_OK;
}

int weft_document_paint(struct weft_document *doc, const struct weft_paint_target *target, struct weft_error *err)
{
	if (!target) {
		shell_error_set(err, WEFT_ERR_INPUT, "invalid paint target");
		return WEFT_ERR_INPUT;
	}
	struct paint_target pt = paint_target_of(target);
	return paint(doc, &pt, err);
}

int weft_document_paint_scrolled(struct weft_document *doc, const struct weft_paint_target *target,
				 struct weft_error *err)
{
	if (!target) {
		shell_error_set(err, WEFT_ERR_INPUT, "invalid paint target");
		return WEFT_ERR_INPUT;
	}
	struct paint_target pt = paint_target_of(target);
	pt.scrolled_only = true;
	return paint(doc, &pt, err);
}

size_t weft_document_attached_area(struct weft_document *doc, const struct weft_paint_target *window,
				   struct weft_attached_area *out, size_t max)
{
	struct weft_error err = {0};
	if (!target_valid(window) || shell_document_build_display_list(doc, &err) != WEFT_OK)
		return 0;
	struct paint_target pt = paint_target_of(window);
	struct paint_attached areas[16];
	size_t n = paint_attached_area(doc->display_list, &pt, areas, BASE_MIN(max, BASE_ARRAY_LEN(areas)));
	for (size_t i = 0; i < n; i++) {
		const struct paint_irect *r = &areas[i].r;
		out[i] = (struct weft_attached_area){
			.rect = {r->x, r->y, r->w, r->h},
			.self_contained = areas[i].self_contained,
			.key = areas[i].key,
		};
	}
	return n;
}

int weft_document_paint_area(struct weft_document *doc, const struct weft_paint_target *window,
			     struct weft_pixel_rect area, uint8_t *pixels, size_t stride, struct weft_error *err)
{
	if (!target_valid(window)) {
		shell_error_set(err, WEFT_ERR_INPUT, "invalid paint target");
		return WEFT_ERR_INPUT;
	}
	/* The window's own target with its origin moved to the area: the
	 * geometry is computed in the window's device frame, so the pixels
	 * are the window's to the last bit of a translucent layer. */
	struct paint_target pt = {
		.pixels = pixels,
		.width = area.width,
		.height = area.height,
		.stride = stride,
		.scale = window->scale,
		.scroll_x = window->scroll_x,
		.scroll_y = window->scroll_y,
		.origin_x = area.x,
		.origin_y = area.y,
	};
	return paint(doc, &pt, err);
}
