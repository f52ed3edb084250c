/* reftest_suite.c — the graph of pages: tests, their references, and the
 * references' own references (WPT reference chains). */
#include "shell/cli/reftest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void reftest_suite_init(struct reftest_suite *s)
{
	memset(s, 0, sizeof(*s));
	base_arena_init(&s->arena, 64 * 1024);
	base_map_init(&s->by_path);
}

void reftest_suite_free(struct reftest_suite *s)
{
	base_map_free(&s->by_path);
	base_vec_free(&s->nodes);
	base_vec_free(&s->tests);
	base_buf_free(&s->problems);
	base_arena_free(&s->arena);
}

struct reftest_node *reftest_suite_node(struct reftest_suite *s, const char *path, const char *base)
{
	char *norm = reftest_path_normalize(&s->arena, path, strlen(path));
	struct reftest_node *n = base_map_get(&s->by_path, norm, strlen(norm));
	if (n)
		return n;
	n = base_arena_calloc(&s->arena, 1, sizeof(*n));
	n->path = norm;
	const char *nb = base ? reftest_path_normalize(&s->arena, base, strlen(base)) : NULL;
	n->name = nb ? reftest_path_relative(norm, nb) : norm;
	n->area = "";
	n->index = s->nodes.len;
	base_vec_push(&s->nodes, n);
	base_map_put(&s->by_path, norm, strlen(norm), n);
	return n;
}

struct reftest_edge *reftest_suite_add_edge(struct reftest_suite *s, struct reftest_node *from,
					    enum reftest_rel rel, struct reftest_node *to,
					    const struct reftest_fuzzy *fuzzy)
{
	struct reftest_edge *e = base_arena_calloc(&s->arena, 1, sizeof(*e));
	e->rel = rel;
	e->ref = to;
	if (fuzzy)
		e->fuzzy = *fuzzy;
	if (from->last_edge)
		from->last_edge->next = e;
	else
		from->edges = e;
	from->last_edge = e;
	return e;
}

void reftest_suite_add_test(struct reftest_suite *s, struct reftest_node *test)
{
	if (test->is_test)
		return;
	test->is_test = true;
	base_vec_push(&s->tests, test);
}

void reftest_suite_problem(struct reftest_suite *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	base_buf_vprintf(&s->problems, fmt, ap);
	va_end(ap);
	base_buf_putc(&s->problems, '\n');
}

static int by_name(const void *a, const void *b)
{
	const struct reftest_node *x = *(const struct reftest_node *const *)a;
	const struct reftest_node *y = *(const struct reftest_node *const *)b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

void reftest_suite_sort_tests(struct reftest_suite *s)
{
	if (s->tests.len > 1)
		qsort(s->tests.items, s->tests.len, sizeof(void *), by_name);
}

/* Breadth-first over edges, bounded by the chain length and max. */
size_t reftest_suite_closure(const struct reftest_node *test, struct reftest_node **out, size_t max)
{
	size_t n = 0;
	if (max == 0)
		return 0;
	out[n++] = (struct reftest_node *)test;
	size_t level_start = 0;
	for (int depth = 0; depth < REFTEST_MAX_CHAIN && level_start < n; depth++) {
		size_t level_end = n;
		for (size_t i = level_start; i < level_end; i++) {
			for (const struct reftest_edge *e = out[i]->edges; e; e = e->next) {
				bool seen = false;
				for (size_t k = 0; k < n && !seen; k++)
					seen = out[k] == e->ref;
				if (!seen && n < max)
					out[n++] = e->ref;
			}
		}
		level_start = level_end;
	}
	return n;
}
