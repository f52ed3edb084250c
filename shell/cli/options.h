/* Option parsing shared by the subcommands. */
#ifndef WEFT_SHELL_OPTIONS_H
#define WEFT_SHELL_OPTIONS_H

#include "weft.h"

#include <stdbool.h>

/* Matches "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past
 * the value. Sets *missing when the value is absent. */
bool shell_opt_value(int argc, char **argv, int *i, const char *name, const char **value, bool *missing);
/* Parses a number within [lo, hi]; false when it is not one. */
bool shell_parse_float(const char *s, float lo, float hi, float *out);
bool shell_parse_int(const char *s, int lo, int hi, int *out);

#define SHELL_MAX_FONT_DIRS 64

/* The options of every command that loads documents. */
struct shell_doc_options {
	float width, height; /* viewport, CSS px */
	int threads; /* 0: one per core */
	bool xml;
	const char *root;
	const char *font_dirs[SHELL_MAX_FONT_DIRS];
	size_t font_dir_count;
};

void shell_doc_options_init(struct shell_doc_options *o);
/* Parses --width, --height, --threads, --root, --font-dir or --xml at
 * argv[*i]. Returns 1 when it consumed one, 0 when argv[*i] is none of
 * them, -1 after printing an error on stderr (a usage error). */
int shell_doc_option(int argc, char **argv, int *i, const char *cmd, struct shell_doc_options *o);
/* The engine for these options, or NULL after printing why. */
struct weft_engine *shell_engine_new(const char *cmd, const struct shell_doc_options *o);

#endif
