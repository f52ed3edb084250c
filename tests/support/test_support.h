/* Helpers shared by the test programs: cmocka, paths of test data. */
#ifndef WEFT_TEST_SUPPORT_H
#define WEFT_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/base.h"

/* Directory of the shared conformance data (../shared beside the checkout),
 * from WEFT_SHARED_DIR. */
const char *test_shared_dir(void);
/* Path under the shared directory, in a static-free caller buffer. */
void test_shared_path(char *out, size_t size, const char *rel);
/* Path under the source tree. */
void test_source_path(char *out, size_t size, const char *rel);

#endif
