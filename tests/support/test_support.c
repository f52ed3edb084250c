#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>

const char *test_shared_dir(void)
{
	const char *d = getenv("WEFT_SHARED_DIR");
	return d && *d ? d : "../shared";
}

void test_shared_path(char *out, size_t size, const char *rel)
{
	snprintf(out, size, "%s/%s", test_shared_dir(), rel);
}

void test_source_path(char *out, size_t size, const char *rel)
{
	const char *d = getenv("WEFT_SOURCE_DIR");
	snprintf(out, size, "%s/%s", d && *d ? d : ".", rel);
}
