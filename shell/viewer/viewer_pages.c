/* viewer_pages.c — pages the viewer generates and renders through the
 * engine itself: the start page, error pages and the message bar.
 *
 * The start page is examples/start.html with the list of the examples
 * (every other .html/.xhtml file of its directory, by <title>) put in
 * place of its `<!-- weft:examples -->` marker. The examples directory is
 * looked for, in order: $WEFT_EXAMPLES_DIR; beside the binary
 * (BINDIR/../examples, as in a build directory of the checkout, and
 * BINDIR/../share/weft/examples, as installed); the source tree this file
 * was compiled from. When none is found a built-in page says so.
 * Generated documents are owned by the caller (weft_document_free). */
#include "shell/viewer/viewer.h"

#include <dirent.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VIEWER_EXAMPLES_MARKER "<!-- weft:examples -->"

static void put_escaped(struct base_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': base_buf_puts(b, "&amp;"); break;
		case '<': base_buf_puts(b, "&lt;"); break;
		case '>': base_buf_puts(b, "&gt;"); break;
		case '"': base_buf_puts(b, "&quot;"); break;
		default: base_buf_putc(b, *s); break;
		}
	}
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A directory holding start.html; heap string or NULL. */
static char *examples_candidate(const char *dir)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof(path), "%s/start.html", dir) >= (int)sizeof(path) || !is_file(path))
		return NULL;
	char resolved[PATH_MAX];
	return base_xstrdup(realpath(dir, resolved) ? resolved : dir);
}

char *viewer_examples_dir(void)
{
	const char *env = getenv("WEFT_EXAMPLES_DIR");
	char *dir;
	if (env && *env && (dir = examples_candidate(env)))
		return dir;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			static const char *const beside[] = {"/../examples", "/../share/weft/examples"};
			for (size_t i = 0; i < BASE_ARRAY_LEN(beside); i++) {
				char cand[PATH_MAX + 32];
				snprintf(cand, sizeof(cand), "%s%s", exe, beside[i]);
				if ((dir = examples_candidate(cand)))
					return dir;
			}
		}
	}
	/* The build compiles this file by absolute path: its source tree. */
	static const char self[] = __FILE__;
	static const char tail[] = "/shell/viewer/viewer_pages.c";
	size_t len = strlen(self), tail_len = strlen(tail);
	if (self[0] == '/' && len > tail_len && strcmp(self + len - tail_len, tail) == 0) {
		char cand[PATH_MAX];
		snprintf(cand, sizeof(cand), "%.*s/examples", (int)(len - tail_len), self);
		if ((dir = examples_candidate(cand)))
			return dir;
	}
	return NULL;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_example_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || name[0] == '.' || strcmp(name, "start.html") == 0)
		return false;
	return strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0 || strcmp(dot, ".xhtml") == 0 ||
	       strcmp(dot, ".xht") == 0;
}

/* The list of examples: one item per page, titled by its <title>. */
static void put_example_list(struct base_buf *b, struct weft_engine *engine, const char *dir)
{
	struct base_vec names = {0};
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)))
			if (is_example_name(de->d_name))
				base_vec_push(&names, base_xstrdup(de->d_name));
		closedir(d);
	}
	if (names.len)
		qsort(names.items, names.len, sizeof(*names.items), compare_names);
	base_buf_puts(b, "<ul class=\"examples\">\n");
	for (size_t i = 0; i < names.len; i++) {
		const char *name = names.items[i];
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		struct weft_error err;
		struct weft_document *doc = weft_document_load_file(engine, path, NULL, &err);
		const char *title = doc ? weft_document_title(doc) : NULL;
		base_buf_puts(b, "<li><a href=\"");
		put_escaped(b, name);
		base_buf_puts(b, "\">");
		put_escaped(b, title && *title ? title : name);
		base_buf_puts(b, "</a> <span class=\"file\">");
		put_escaped(b, name);
		base_buf_puts(b, "</span></li>\n");
		if (doc)
			weft_document_free(doc);
		free(names.items[i]);
	}
	if (names.len == 0) {
		base_buf_puts(b, "<li>No examples in ");
		put_escaped(b, dir);
		base_buf_puts(b, "</li>\n");
	}
	base_buf_puts(b, "</ul>\n");
	base_vec_free(&names);
}

static const char viewer_builtin_start[] =
	"<!DOCTYPE html><html><head><title>weft</title><style>"
	"body{font-family:sans-serif;margin:40px;color:#202124}h1{font-size:28px}"
	"code{font-family:monospace;background:#f1f3f4;padding:1px 4px}"
	"</style></head><body><h1>weft</h1>"
	"<p>The bundled examples were not found (set <code>WEFT_EXAMPLES_DIR</code> to the "
	"<code>examples</code> directory of the source tree).</p>"
	"<p>Open a page with <code>weft view PAGE.html</code>.</p></body></html>";

struct weft_document *viewer_start_page(struct weft_engine *engine, const struct weft_load_options *opt,
					struct weft_error *err)
{
	char *dir = viewer_examples_dir();
	if (!dir)
		return weft_document_load_bytes(engine, viewer_builtin_start, sizeof(viewer_builtin_start) - 1, NULL,
						opt, err);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/start.html", dir);
	struct base_buf tmpl = {0}, page = {0};
	struct weft_document *doc = NULL;
	enum base_status st = base_read_file(path, &tmpl);
	if (st != BASE_OK) {
		doc = viewer_error_page(engine, path, base_status_str(st), opt, err);
	} else {
		const char *mark = strstr(tmpl.data, VIEWER_EXAMPLES_MARKER);
		if (mark) {
			base_buf_append(&page, tmpl.data, (size_t)(mark - tmpl.data));
			put_example_list(&page, engine, dir);
			base_buf_puts(&page, mark + strlen(VIEWER_EXAMPLES_MARKER));
		} else {
			base_buf_append(&page, tmpl.data, tmpl.len);
		}
		doc = weft_document_load_bytes(engine, page.data, page.len, path, opt, err);
	}
	base_buf_free(&tmpl);
	base_buf_free(&page);
	free(dir);
	return doc;
}

struct weft_document *viewer_error_page(struct weft_engine *engine, const char *path, const char *message,
					const struct weft_load_options *opt, struct weft_error *err)
{
	struct base_buf b = {0};
	const char *name = path ? strrchr(path, '/') : NULL;
	name = name ? name + 1 : (path ? path : "page");
	base_buf_puts(&b, "<!DOCTYPE html><html><head><title>Cannot show ");
	put_escaped(&b, name);
	base_buf_puts(&b, "</title><style>"
			  "body{font-family:sans-serif;margin:40px;color:#202124;background:#fff}"
			  "h1{font-size:24px;color:#b3261e}"
			  "pre{font-family:monospace;background:#f1f3f4;padding:8px;white-space:pre-wrap}"
			  ".hint{color:#5f6368}"
			  "</style></head><body><h1>Cannot show this page</h1><pre>");
	put_escaped(&b, path ? path : "(no file)");
	base_buf_puts(&b, "</pre><p>");
	put_escaped(&b, message);
	base_buf_puts(&b, "</p><p class=\"hint\">Press F5 to try again; the page also reloads by itself "
			  "when the file changes. <span style=\"white-space:nowrap\">Alt+Left</span> goes back.</p></body></html>");
	struct weft_document *doc = weft_document_load_bytes(engine, b.data, b.len, path, opt, err);
	base_buf_free(&b);
	return doc;
}

int viewer_message_paint(struct weft_engine *engine, const char *text, uint8_t *pixels, int width, int height,
			 float scale, struct weft_error *err)
{
	struct base_buf b = {0};
	base_buf_puts(&b, "<!DOCTYPE html><html style=\"background:#202124\"><body style=\"margin:0;"
			  "padding:0 10px;color:#fff;font:13px/24px sans-serif;white-space:nowrap;overflow:hidden\">");
	put_escaped(&b, text);
	base_buf_puts(&b, "</body></html>");
	struct weft_load_options opt = {.viewport_width = (float)width / scale,
					.viewport_height = (float)height / scale};
	struct weft_document *doc = weft_document_load_bytes(engine, b.data, b.len, NULL, &opt, err);
	base_buf_free(&b);
	if (!doc)
		return err->status;
	int rc = weft_document_layout(doc, err);
	if (rc == WEFT_OK) {
		struct weft_paint_target target = {.pixels = pixels,
						   .width = width,
						   .height = height,
						   .stride = (size_t)width * 4,
						   .scale = scale};
		rc = weft_document_paint(doc, &target, err);
	}
	weft_document_free(doc);
	return rc;
}
