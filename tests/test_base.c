/* Unit tests of base/: arena, buffers, maps, interning, UTF-8, pool. */
#include "support/test_support.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static void test_arena_alignment_and_large(void **state)
{
	(void)state;
	struct base_arena a;
	base_arena_init(&a, 256);
	for (int i = 1; i < 100; i++) {
		void *p = base_arena_alloc(&a, (size_t)i);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 0xAB, (size_t)i);
	}
	char *big = base_arena_calloc(&a, 10000, 1);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(big[i], 0);
	char *s = base_arena_printf(&a, "%d-%s", 42, "x");
	assert_string_equal(s, "42-x");
	assert_true(a.bytes >= 10000);
	base_arena_free(&a);
}

static void test_buf(void **state)
{
	(void)state;
	struct base_buf b = {0};
	for (int i = 0; i < 1000; i++)
		base_buf_printf(&b, "%d,", i);
	assert_true(b.len > 1000);
	assert_int_equal(b.data[b.len], '\0');
	base_buf_clear(&b);
	base_buf_put_utf8(&b, 0x20AC);
	assert_string_equal(b.data, "\xE2\x82\xAC");
	base_buf_free(&b);
}

static void test_map_and_atoms(void **state)
{
	(void)state;
	struct base_map m;
	base_map_init(&m);
	char key[32];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "k%d", i);
		base_map_put(&m, key, (size_t)n, (void *)(uintptr_t)(i + 1));
	}
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "k%d", i);
		assert_int_equal((uintptr_t)base_map_get(&m, key, (size_t)n), (uintptr_t)(i + 1));
	}
	assert_null(base_map_get(&m, "missing", 7));
	size_t cursor = 0, count = 0;
	while (base_map_next(&m, &cursor, NULL, NULL, NULL))
		count++;
	assert_int_equal(count, 5000);
	base_map_free(&m);

	struct base_atoms t;
	base_atoms_init(&t);
	const char *a = base_atoms_intern(&t, "div", 3);
	char tmp[] = "div";
	assert_ptr_equal(a, base_atoms_intern(&t, tmp, 3));
	assert_ptr_not_equal(a, base_atoms_intern(&t, "span", 4));
	base_atoms_free(&t);
}

static void test_utf8(void **state)
{
	(void)state;
	/* Valid, overlong, surrogate, truncated and lone continuation bytes. */
	const char in[] = "a\xC3\xA9\xC0\x80\xED\xA0\x80\xF0\x9F\x98\x80\x80\xE2\x82";
	const char *p = in, *end = in + sizeof in - 1;
	uint32_t expect[] = {'a', 0xE9, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0x1F600, 0xFFFD, 0xFFFD};
	size_t i = 0;
	while (p < end) {
		assert_true(i < BASE_ARRAY_LEN(expect));
		assert_int_equal(base_utf8_decode(&p, end), expect[i]);
		i++;
	}
	assert_int_equal(i, BASE_ARRAY_LEN(expect));
	char out[4];
	assert_int_equal(base_utf8_encode(0xD800, out), 3);
	assert_memory_equal(out, "\xEF\xBF\xBD", 3);
}

struct sum_ctx {
	atomic_ulong sum;
	atomic_int seen[4];
};

static void add_index(void *ctx, size_t i, int worker)
{
	struct sum_ctx *c = ctx;
	atomic_fetch_add(&c->sum, (unsigned long)i);
	if (worker >= 0 && worker < 4)
		atomic_fetch_add(&c->seen[worker], 1);
}

static void test_pool(void **state)
{
	(void)state;
	for (int threads = 1; threads <= 4; threads++) {
		struct base_pool *p = base_pool_create(threads);
		for (int round = 0; round < 20; round++) {
			struct sum_ctx c;
			atomic_init(&c.sum, 0);
			for (int w = 0; w < 4; w++)
				atomic_init(&c.seen[w], 0);
			base_pool_parallel_for(p, 10000, add_index, &c);
			assert_int_equal(atomic_load(&c.sum), 10000ul * 9999 / 2);
			int total = 0;
			for (int w = 0; w < 4; w++)
				total += atomic_load(&c.seen[w]);
			assert_int_equal(total, 10000);
		}
		base_pool_destroy(p);
	}
}

static void test_paths(void **state)
{
	(void)state;
	struct base_arena a;
	base_arena_init(&a, 0);
	assert_string_equal(base_path_dirname(&a, "dir/sub/file.html"), "dir/sub");
	assert_string_equal(base_path_dirname(&a, "file.html"), ".");
	assert_string_equal(base_path_resolve(&a, "dir", "x.css", 5), "dir/x.css");
	assert_string_equal(base_path_resolve(&a, "dir", "/abs.css", 8), "/abs.css");
	struct base_buf b = {0};
	assert_int_equal(base_read_file("/nonexistent/file", &b), BASE_ERR_NOT_FOUND);
	assert_int_equal(base_read_file("/", &b), BASE_ERR_IS_DIR);
	base_buf_free(&b);
	base_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_alignment_and_large),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_map_and_atoms),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_pool),
		cmocka_unit_test(test_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
