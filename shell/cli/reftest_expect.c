/* reftest_expect.c — expectations: the tests known to fail, one per line
 * as "path  # reason", and the tests not to run ("skip path  # reason":
 * pages that crash or hang the in-process renderer). Known failures keep a suite green while the engine
 * grows; a test that starts passing is reported so its line is removed. */
#include "shell/cli/reftest.h"

#include <stdlib.h>
#include <string.h>

void reftest_expect_init(struct reftest_expectations *e)
{
	memset(e, 0, sizeof(*e));
	base_arena_init(&e->arena, 16 * 1024);
	base_map_init(&e->by_name);
}

void reftest_expect_free(struct reftest_expectations *e)
{
	base_map_free(&e->by_name);
	base_vec_free(&e->lines);
	base_vec_free(&e->entries);
	base_arena_free(&e->arena);
}

void reftest_expect_parse(struct reftest_expectations *e, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		size_t n = (size_t)(eol - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		char *raw = base_arena_strndup(&e->arena, p, n);
		p = eol + 1;
		const char *s = raw;
		while (*s && base_is_ascii_ws(*s))
			s++;
		struct reftest_expectation *x = NULL;
		if (*s && *s != '#') {
			bool skip = false;
			if (strncmp(s, "skip", 4) == 0 && base_is_ascii_ws(s[4])) {
				skip = true;
				s += 4;
				while (*s && base_is_ascii_ws(*s))
					s++;
			}
			const char *name_end = s;
			while (*name_end && !base_is_ascii_ws(*name_end) && *name_end != '#')
				name_end++;
			const char *hash = strchr(name_end, '#');
			const char *reason = "";
			if (hash) {
				reason = hash + 1;
				while (*reason && base_is_ascii_ws(*reason))
					reason++;
			}
			size_t rlen = strlen(reason);
			while (rlen > 0 && base_is_ascii_ws(reason[rlen - 1]))
				rlen--;
			x = base_arena_calloc(&e->arena, 1, sizeof(*x));
			x->name = base_arena_strndup(&e->arena, s, (size_t)(name_end - s));
			x->reason = base_arena_strndup(&e->arena, reason, rlen);
			x->skip = skip;
			if (base_map_get(&e->by_name, x->name, strlen(x->name)))
				x = NULL; /* a repeated line: the first one counts, the rest is dropped */
			else
				base_map_put(&e->by_name, x->name, strlen(x->name), x);
			if (!x)
				continue;
		}
		base_vec_push(&e->lines, raw);
		base_vec_push(&e->entries, x);
	}
}

bool reftest_expect_load(struct reftest_expectations *e, const char *path)
{
	struct base_buf b = {0};
	enum base_status st = base_read_file(path, &b);
	if (st == BASE_ERR_NOT_FOUND) {
		base_buf_free(&b);
		return true;
	}
	if (st != BASE_OK) {
		base_buf_free(&b);
		return false;
	}
	reftest_expect_parse(e, b.data ? b.data : "", b.len);
	base_buf_free(&b);
	return true;
}

const struct reftest_expectation *reftest_expect_find(const struct reftest_expectations *e, const char *name)
{
	return base_map_get(&e->by_name, name, strlen(name));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void reftest_expect_rewrite(const struct reftest_expectations *e, const struct reftest_outcome *outcomes,
			    size_t count, struct base_buf *out)
{
	/* What happened to each test this run: 1 passed, 2 failed. */
	struct base_map ran;
	base_map_init(&ran);
	static const char passed = 1, failed = 2;
	for (size_t i = 0; i < count; i++)
		base_map_put(&ran, outcomes[i].name, strlen(outcomes[i].name),
			     (void *)(outcomes[i].failed ? &failed : &passed));
	for (size_t i = 0; i < e->lines.len; i++) {
		const struct reftest_expectation *x = e->entries.items[i];
		if (x && base_map_get(&ran, x->name, strlen(x->name)) == &passed)
			continue;
		base_buf_puts(out, e->lines.items[i]);
		base_buf_putc(out, '\n');
	}
	const char **fresh = calloc(count ? count : 1, sizeof(*fresh));
	if (!fresh)
		base_oom();
	size_t nfresh = 0;
	for (size_t i = 0; i < count; i++) {
		if (outcomes[i].failed && !reftest_expect_find(e, outcomes[i].name) &&
		    base_map_get(&ran, outcomes[i].name, strlen(outcomes[i].name)) == &failed) {
			fresh[nfresh++] = outcomes[i].name;
			/* Once listed, a name repeated in outcomes is not listed again. */
			base_map_put(&ran, outcomes[i].name, strlen(outcomes[i].name), (void *)&passed);
		}
	}
	qsort(fresh, nfresh, sizeof(*fresh), cmp_str);
	for (size_t i = 0; i < nfresh; i++)
		base_buf_printf(out, "%s  # new failure\n", fresh[i]);
	free(fresh);
	base_map_free(&ran);
}
