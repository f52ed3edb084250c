/* The engine: fonts and threads shared by documents. */
#include "shell/api/document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void shell_error_set(struct weft_error *err, enum weft_status status, const char *fmt, ...)
{
	if (!err)
		return;
	err->status = status;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

struct weft_engine *weft_engine_new(const struct weft_engine_options *opt, struct weft_error *err)
{
	struct weft_engine_options defaults = {0};
	if (!opt)
		opt = &defaults;
	if (opt->root_dir && !is_dir(opt->root_dir)) {
		shell_error_set(err, WEFT_ERR_INPUT, "root directory '%s' does not exist", opt->root_dir);
		return NULL;
	}
	for (size_t i = 0; i < opt->font_dir_count; i++) {
		if (!is_dir(opt->font_dirs[i])) {
			shell_error_set(err, WEFT_ERR_INPUT, "font directory '%s' does not exist", opt->font_dirs[i]);
			return NULL;
		}
	}
	struct weft_engine *e = base_xcalloc(1, sizeof *e);
	e->fonts = layout_fonts_new();
	if (!e->fonts) {
		free(e);
		shell_error_set(err, WEFT_ERR_RENDER, "cannot initialise fonts (fontconfig/FreeType)");
		return NULL;
	}
	if (opt->root_dir) {
		e->root_dir = base_xstrdup(opt->root_dir);
		/* WPT's infrastructure installs its fonts (Ahem) system-wide. */
		char fonts[4096];
		snprintf(fonts, sizeof fonts, "%s/fonts", opt->root_dir);
		if (is_dir(fonts))
			layout_fonts_add_dir(e->fonts, fonts);
	}
	for (size_t i = 0; i < opt->font_dir_count; i++)
		layout_fonts_add_dir(e->fonts, opt->font_dirs[i]);
	e->threads = opt->threads > 0 ? opt->threads : base_cpu_count();
	e->pool = base_pool_create(e->threads);
	e->threads = base_pool_threads(e->pool);
	return e;
}

void weft_engine_free(struct weft_engine *e)
{
	if (!e)
		return;
	base_pool_destroy(e->pool);
	layout_fonts_free(e->fonts);
	free(e->root_dir);
	free(e);
}

int weft_engine_threads(const struct weft_engine *e)
{
	return e->threads;
}
