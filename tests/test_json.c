/* Unit tests of the test-data JSON reader. */
#include "support/json.h"
#include "support/test_support.h"

#include <string.h>

static void test_roundtrip(void **state)
{
	(void)state;
	struct base_arena a;
	base_arena_init(&a, 0);
	const char *text = "{\"a\": [1, 2.5, -3e2, true, false, null], \"s\": \"x\\u00e9\\ud83d\\ude00\\n\"}";
	const char *err = NULL;
	struct test_json *v = test_json_parse(text, strlen(text), &a, &err);
	assert_non_null(v);
	assert_null(err);
	const struct test_json *arr = test_json_get(v, "a");
	assert_int_equal(arr->count, 6);
	assert_true(arr->items[1]->number == 2.5);
	assert_true(arr->items[2]->number == -300);
	assert_string_equal(test_json_get(v, "s")->string, "x\xC3\xA9\xF0\x9F\x98\x80\n");
	struct base_buf b = {0};
	test_json_write(v, &b);
	assert_string_equal(b.data, "{\"a\":[1,2.5,-3e2,true,false,null],\"s\":\"x\xC3\xA9\xF0\x9F\x98\x80\\u000a\"}");
	base_buf_free(&b);
	base_arena_free(&a);
}

static void test_malformed(void **state)
{
	(void)state;
	struct base_arena a;
	base_arena_init(&a, 0);
	const char *bad[] = {"", "[1,", "{\"a\" 1}", "[1] x", "\"abc", "[\"\\q\"]"};
	for (size_t i = 0; i < BASE_ARRAY_LEN(bad); i++) {
		const char *err = NULL;
		assert_null(test_json_parse(bad[i], strlen(bad[i]), &a, &err));
		assert_non_null(err);
	}
	char deep[2000];
	memset(deep, '[', sizeof deep);
	const char *err = NULL;
	assert_null(test_json_parse(deep, sizeof deep, &a, &err));
	base_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
