#include "options.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool shell_opt_value(int argc, char **argv, int *i, const char *name, const char **value, bool *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return false;
	if (a[n] == '=') {
		*value = a + n + 1;
		return true;
	}
	if (a[n] != '\0')
		return false;
	if (*i + 1 >= argc) {
		*missing = true;
		*value = NULL;
		return true;
	}
	*value = argv[++*i];
	return true;
}

bool shell_parse_float(const char *s, float lo, float hi, float *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !isfinite(v) || v < lo || v > hi)
		return false;
	*out = (float)v;
	return true;
}

bool shell_parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

void shell_doc_options_init(struct shell_doc_options *o)
{
	memset(o, 0, sizeof *o);
	o->width = 800;
	o->height = 600;
}

int shell_doc_option(int argc, char **argv, int *i, const char *cmd, struct shell_doc_options *o)
{
	const char *a = argv[*i], *v = NULL;
	bool missing = false, ok = true;
	if (strcmp(a, "--xml") == 0) {
		o->xml = true;
		return 1;
	}
	if (shell_opt_value(argc, argv, i, "--width", &v, &missing))
		ok = missing || shell_parse_float(v, 1, 16384, &o->width);
	else if (shell_opt_value(argc, argv, i, "--height", &v, &missing))
		ok = missing || shell_parse_float(v, 1, 16384, &o->height);
	else if (shell_opt_value(argc, argv, i, "--threads", &v, &missing))
		ok = missing || shell_parse_int(v, 1, 256, &o->threads);
	else if (shell_opt_value(argc, argv, i, "--root", &v, &missing))
		o->root = v;
	else if (shell_opt_value(argc, argv, i, "--font-dir", &v, &missing)) {
		if (!missing && o->font_dir_count == SHELL_MAX_FONT_DIRS) {
			fprintf(stderr, "%s: too many --font-dir options\n", cmd);
			return -1;
		}
		if (!missing)
			o->font_dirs[o->font_dir_count++] = v;
	} else
		return 0;
	if (missing) {
		fprintf(stderr, "%s: option '%s' needs a value\n", cmd, a);
		return -1;
	}
	if (!ok) {
		fprintf(stderr, "%s: invalid value '%s' for %s\n", cmd, v, a);
		return -1;
	}
	return 1;
}

struct weft_engine *shell_engine_new(const char *cmd, const struct shell_doc_options *o)
{
	struct weft_error err = {0};
	struct weft_engine_options eo = {o->threads, o->root, o->font_dirs, o->font_dir_count};
	struct weft_engine *engine = weft_engine_new(&eo, &err);
	if (!engine)
		fprintf(stderr, "%s: %s\n", cmd, err.message);
	return engine;
}
