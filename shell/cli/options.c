#include "options.h"

#include <math.h>
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
