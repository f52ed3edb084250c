/* Small helpers for the subcommands' option parsing. */
#ifndef WEFT_SHELL_OPTIONS_H
#define WEFT_SHELL_OPTIONS_H

#include <stdbool.h>

/* Matches "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past
 * the value. Sets *missing when the value is absent. */
bool shell_opt_value(int argc, char **argv, int *i, const char *name, const char **value, bool *missing);
/* Parses a number within [lo, hi]; false when it is not one. */
bool shell_parse_float(const char *s, float lo, float hi, float *out);
bool shell_parse_int(const char *s, int lo, int hi, int *out);

#endif
