/* weft dump: text dumps of each pipeline stage. */
#include "commands.h"
#include "options.h"
#include "weft.h"

#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char dump_usage[] =
	"usage: weft dump KIND [IN.html] [options]     (no IN or '-': standard input)\n"
	"\n"
	"Kinds:\n"
	"  dom            the document tree (readable); --format=html5lib prints the\n"
	"                 html5lib-tests #document format, --html the HTML serialisation,\n"
	"                 --parse-errors lists parse errors as line:column: code;\n"
	"                 --fragment CONTEXT parses as a fragment in that context element\n"
	"                 (html5lib notation: 'td', 'svg path'); --scripting=on|off (off)\n"
	"  tokens         the tokenizer's output, html5lib tokenizer-test JSON format\n"
	"  style          computed styles (readable); --json: one object per element with\n"
	"                 getComputedStyle() values\n"
	"  layout         the fragment tree with x, y, width, height in CSS px\n"
	"  boxes          with --json: one object per element with its border-box rectangle\n"
	"  display-list   the painting commands in order\n"
	"\n"
	"Options: --width N --height N (viewport, CSS px), --root DIR, --font-dir DIR, --xml,\n"
	"         --threads N\n";

static int read_input(const char *in, struct base_buf *b)
{
	enum base_status s = base_read_file(in ? in : "-", b);
	if (s != BASE_OK) {
		fprintf(stderr, "weft dump: cannot open '%s': %s\n", in ? in : "-", base_status_str(s));
		return 2;
	}
	return 0;
}

int shell_cmd_dump(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(dump_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *kind = argv[1];
	const char *cmd = "weft dump";
	const char *in = NULL, *format = "tree", *fragment = NULL;
	struct shell_doc_options o;
	shell_doc_options_init(&o);
	bool json = false, parse_errors = false, scripting = false;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		bool missing = false;
		int r = shell_doc_option(argc, argv, &i, cmd, &o);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--html") == 0) {
			format = "html";
		} else if (strcmp(a, "--parse-errors") == 0) {
			parse_errors = true;
		} else if (shell_opt_value(argc, argv, &i, "--format", &v, &missing)) {
			format = v;
		} else if (shell_opt_value(argc, argv, &i, "--fragment", &v, &missing)) {
			fragment = v;
		} else if (shell_opt_value(argc, argv, &i, "--scripting", &v, &missing)) {
			if (!missing && strcmp(v, "on") != 0 && strcmp(v, "off") != 0)
				goto bad_value;
			scripting = !missing && strcmp(v, "on") == 0;
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "weft dump: unknown option '%s' (see weft dump --help)\n", a);
			return 2;
		} else if (!in) {
			in = a;
		} else {
			fprintf(stderr, "weft dump: more than one input\n");
			return 2;
		}
		if (missing) {
			fprintf(stderr, "weft dump: option '%s' needs a value\n", a);
			return 2;
		}
		continue;
bad_value:
		fprintf(stderr, "weft dump: invalid value '%s' for %s\n", v ? v : "", a);
		return 2;
	}

	/* Parser conformance dumps need no engine. */
	if (strcmp(kind, "tokens") == 0 ||
	    (strcmp(kind, "dom") == 0 && (strcmp(format, "html5lib") == 0 || fragment) && !parse_errors)) {
		struct base_buf b = {0};
		int rc = read_input(in, &b);
		if (rc == 0) {
			const char *data = b.data ? b.data : "";
			if (strcmp(kind, "tokens") == 0)
				rc = weft_dump_html_tokens(data, b.len, stdout);
			else if (fragment)
				rc = weft_dump_html_fragment(data, b.len, fragment, scripting, stdout);
			else
				rc = weft_dump_html_document(data, b.len, scripting, stdout);
		}
		base_buf_free(&b);
		return rc;
	}

	enum weft_dump_kind dk;
	if (strcmp(kind, "dom") == 0) {
		if (parse_errors)
			dk = WEFT_DUMP_PARSE_ERRORS;
		else if (strcmp(format, "html") == 0)
			dk = WEFT_DUMP_DOM_HTML;
		else if (strcmp(format, "tree") == 0)
			dk = WEFT_DUMP_DOM;
		else {
			fprintf(stderr, "weft dump: unknown format '%s' (tree, html5lib, html)\n", format);
			return 2;
		}
	} else if (strcmp(kind, "style") == 0) {
		dk = json ? WEFT_DUMP_STYLE_JSON : WEFT_DUMP_STYLE;
	} else if (strcmp(kind, "layout") == 0) {
		dk = json ? WEFT_DUMP_BOXES_JSON : WEFT_DUMP_LAYOUT;
	} else if (strcmp(kind, "boxes") == 0) {
		dk = WEFT_DUMP_BOXES_JSON;
	} else if (strcmp(kind, "display-list") == 0) {
		dk = WEFT_DUMP_DISPLAY_LIST;
	} else {
		fprintf(stderr, "weft dump: unknown kind '%s'\n\n%s", kind, dump_usage);
		return 2;
	}

	struct weft_error err = {0};
	struct weft_engine *engine = shell_engine_new(cmd, &o);
	if (!engine)
		return 2;
	struct weft_load_options lo = {.force_xml = o.xml, .viewport_width = o.width, .viewport_height = o.height};
	struct weft_document *doc = weft_document_load_file(engine, in ? in : "-", &lo, &err);
	int status = 0;
	if (!doc) {
		fprintf(stderr, "weft dump: %s\n", err.message);
		status = err.status ? (int)err.status : 2;
	} else if (weft_document_dump(doc, dk, stdout, &err) != WEFT_OK) {
		fprintf(stderr, "weft dump: %s\n", err.message);
		status = 1;
	}
	weft_document_free(doc);
	weft_engine_free(engine);
	return status;
}
