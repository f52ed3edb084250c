/* A small JSON reader for conformance data (html5lib-tests, css-parsing-tests).
 * Everything is allocated in the caller's arena. */
#ifndef WEFT_TEST_JSON_H
#define WEFT_TEST_JSON_H

#include "base/base.h"

enum test_json_type {
	TEST_JSON_NULL,
	TEST_JSON_BOOL,
	TEST_JSON_NUMBER,
	TEST_JSON_STRING,
	TEST_JSON_ARRAY,
	TEST_JSON_OBJECT,
};

struct test_json {
	enum test_json_type type;
	bool boolean;
	double number;
	const char *raw; /* NUMBER: the literal as written (NUL-terminated) */
	const char *string; /* STRING: UTF-8, NUL-terminated, may contain NUL (see string_len) */
	size_t string_len;
	struct test_json **items; /* ARRAY elements or OBJECT values */
	const char **keys; /* OBJECT keys, parallel to items */
	size_t count;
};

/* Parses one JSON text. A lone surrogate escape (\uD800) is kept as its
 * 3-byte generalized UTF-8 form (ED A0 80) so callers can tell it from
 * U+FFFD. Returns NULL with *err set on malformed input. */
struct test_json *test_json_parse(const char *text, size_t len, struct base_arena *a, const char **err);
/* Object member by key, or NULL. */
const struct test_json *test_json_get(const struct test_json *obj, const char *key);
/* Serialises compactly (no spaces), keys in stored order. */
void test_json_write(const struct test_json *v, struct base_buf *out);
/* Writes a JSON string literal with escapes. */
void test_json_write_string(const char *s, size_t n, struct base_buf *out);

#endif
