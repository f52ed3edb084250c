/* weft render: a page to a PNG file. */
#include "commands.h"
#include "options.h"
#include "weft.h"

#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char render_usage[] =
	"usage: weft render IN.html -o OUT.png [options]\n"
	"\n"
	"Renders a local HTML or XHTML file ('-' reads standard input) to a PNG image.\n"
	"\n"
	"  -o, --output FILE    the PNG to write (required)\n"
	"  --width N            viewport width in CSS px (default 800)\n"
	"  --height N           viewport height in CSS px (default 600)\n"
	"  --full-page          render the whole document height, not just the viewport\n"
	"  --scale 1|2          device pixels per CSS px (2: HiDPI); default 1\n"
	"  --scroll-y N         render the viewport scrolled down by N CSS px\n"
	"  --root DIR           resolve root-relative URLs (/fonts/x.ttf) against DIR and offer\n"
	"                       DIR/fonts as installed fonts (WPT-style corpora)\n"
	"  --font-dir DIR       offer the fonts in DIR as installed fonts (repeatable)\n"
	"  --xml                parse as XHTML (default for .xht/.xhtml files)\n"
	"  --threads N          worker threads (default: one per core)\n"
	"\n"
	"Exit status: 0 ok, 1 rendering problem (reported on stderr), 2 usage or input error.\n";

/* The largest image written, in device pixels per side. */
#define RENDER_MAX_SIDE 32768

static bool is_network_url(const char *s)
{
	const char *colon = strstr(s, "://");
	if (!colon)
		return false;
	for (const char *p = s; p < colon; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return false;
	return strncmp(s, "file://", 7) != 0;
}

static bool output_dir_exists(const char *out)
{
	const char *slash = strrchr(out, '/');
	if (!slash)
		return true;
	if (slash == out)
		return true;
	char dir[4096];
	size_t n = (size_t)(slash - out);
	if (n >= sizeof dir)
		return false;
	memcpy(dir, out, n);
	dir[n] = '\0';
	struct stat st;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

int shell_cmd_render(int argc, char **argv)
{
	const char *cmd = "weft render";
	const char *in = NULL, *out = NULL;
	struct shell_doc_options o;
	shell_doc_options_init(&o);
	float scale = 1, scroll_y = 0;
	bool full_page = false;
	for (int i = 1; i < argc; i++) {
		const char *v = NULL;
		bool missing = false;
		const char *a = argv[i];
		int r = shell_doc_option(argc, argv, &i, cmd, &o);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(render_usage, stdout);
			return 0;
		} else if (strcmp(a, "--full-page") == 0) {
			full_page = true;
		} else if (shell_opt_value(argc, argv, &i, "-o", &v, &missing) ||
			   shell_opt_value(argc, argv, &i, "--output", &v, &missing)) {
			out = v;
		} else if (shell_opt_value(argc, argv, &i, "--scale", &v, &missing)) {
			if (!missing && !(shell_parse_float(v, 1, 2, &scale) && (scale == 1 || scale == 2)))
				goto bad_value;
		} else if (shell_opt_value(argc, argv, &i, "--scroll-y", &v, &missing)) {
			if (!missing && !shell_parse_float(v, 0, 1e6f, &scroll_y))
				goto bad_value;
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "%s: unknown option '%s' (see weft render --help)\n", cmd, a);
			return 2;
		} else if (!in) {
			in = a;
		} else {
			fprintf(stderr, "%s: more than one input ('%s' and '%s')\n", cmd, in, a);
			return 2;
		}
		if (missing) {
			fprintf(stderr, "%s: option '%s' needs a value\n", cmd, a);
			return 2;
		}
		continue;
bad_value:
		fprintf(stderr, "%s: invalid value '%s' for %s (see weft render --help)\n", cmd, v, a);
		return 2;
	}
	if (!in || !out) {
		fprintf(stderr, "%s: %s\n%s", cmd, !in ? "no input file given" : "no output file given (-o OUT.png)",
			render_usage);
		return 2;
	}
	if (is_network_url(in)) {
		fprintf(stderr, "%s: '%s': network fetching is not supported; save the page locally\n", cmd, in);
		return 2;
	}
	if (!output_dir_exists(out)) {
		fprintf(stderr, "%s: cannot write '%s': output directory does not exist\n", cmd, out);
		return 2;
	}
	float width = o.width, height = o.height;

	struct weft_error err = {0};
	struct weft_engine *engine = shell_engine_new(cmd, &o);
	if (!engine)
		return 2;
	struct weft_load_options lo = {.force_xml = o.xml, .viewport_width = width, .viewport_height = height};
	struct weft_document *doc = weft_document_load_file(engine, in, &lo, &err);
	int status = 0;
	uint8_t *pixels = NULL;
	if (!doc) {
		fprintf(stderr, "weft render: %s\n", err.message);
		status = err.status ? (int)err.status : 2;
		goto done;
	}
	if (weft_document_layout(doc, &err) != WEFT_OK) {
		fprintf(stderr, "weft render: %s\n", err.message);
		status = 1;
		goto done;
	}
	if (full_page) {
		float dw, dh;
		weft_document_size(doc, &dw, &dh);
		height = fmaxf(height, ceilf(dh));
	}
	int pw = (int)ceilf(width * scale), ph = (int)ceilf(height * scale);
	if (ph > RENDER_MAX_SIDE) {
		fprintf(stderr, "weft render: warning: page is %d px tall; the image is cut at %d px\n", ph,
			RENDER_MAX_SIDE);
		ph = RENDER_MAX_SIDE;
	}
	size_t stride = (size_t)pw * 4;
	pixels = base_xmalloc(stride * (size_t)ph);
	struct weft_paint_target t = {pixels, pw, ph, stride, scale, 0, scroll_y};
	if (weft_document_paint(doc, &t, &err) != WEFT_OK) {
		fprintf(stderr, "weft render: %s\n", err.message);
		status = 1;
		goto done;
	}
	if (weft_png_write(out, pixels, pw, ph, stride, &err) != WEFT_OK) {
		fprintf(stderr, "weft render: %s\n", err.message);
		status = 2;
		goto done;
	}
done:
	if (doc) {
		const char *w;
		for (size_t i = 0; (w = weft_document_warning(doc, i)); i++)
			fprintf(stderr, "weft render: warning: %s\n", w);
	}
	free(pixels);
	weft_document_free(doc);
	weft_engine_free(engine);
	return status;
}
