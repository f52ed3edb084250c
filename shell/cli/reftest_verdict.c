/* reftest_verdict.c — whether a test passes, by wptrunner's rules
 * (tools/wptrunner/wptrunner/executors/base.py, RefTestImplementation):
 * at least one == reference matches (when there are any), every !=
 * reference differs, and a reference with references of its own passes
 * them too. A page that failed to render fails the test. */
#include "shell/cli/reftest.h"

struct judge {
	int width, height;
	reftest_image_fn image;
	void *ctx;
	const char *error;
};

static bool edge_holds(struct judge *j, const struct reftest_node *node, const struct reftest_edge *e, int depth,
		       struct reftest_edge_result *res);

/* The references of node hold (node itself being a test or a reference). */
static bool node_holds(struct judge *j, const struct reftest_node *node, int depth, struct reftest_verdict *top)
{
	if (depth >= REFTEST_MAX_CHAIN) {
		if (!j->error)
			j->error = "reference chain too long (or a cycle)";
		return false;
	}
	bool has_match = false, any_match = false, all_mismatch = true;
	for (const struct reftest_edge *e = node->edges; e; e = e->next) {
		struct reftest_edge_result res = {.edge = e};
		bool ok = edge_holds(j, node, e, depth, &res);
		if (top && top->edge_count < REFTEST_MAX_EDGES)
			top->edges[top->edge_count++] = res;
		if (e->rel == REFTEST_MATCH) {
			has_match = true;
			any_match |= ok;
		} else {
			all_mismatch &= ok;
		}
	}
	return (!has_match || any_match) && all_mismatch;
}

static bool edge_holds(struct judge *j, const struct reftest_node *node, const struct reftest_edge *e, int depth,
		       struct reftest_edge_result *res)
{
	const struct reftest_image *a = j->image(j->ctx, node);
	const struct reftest_image *b = j->image(j->ctx, e->ref);
	const struct reftest_image *bad = !a || !a->pixels ? a : (!b || !b->pixels ? b : NULL);
	if (!a || !b || bad) {
		res->error = true;
		if (!j->error)
			j->error = bad && bad->error ? bad->error : "page not rendered";
		return false;
	}
	reftest_compare(a->pixels, b->pixels, j->width, j->height, &res->diff);
	bool equal = reftest_fuzzy_equal(&res->diff, &e->fuzzy);
	res->ok = e->rel == REFTEST_MATCH ? equal : !equal;
	if (res->ok && e->ref->edges)
		res->ok = node_holds(j, e->ref, depth + 1, NULL);
	return res->ok;
}

void reftest_judge(const struct reftest_node *test, int width, int height, reftest_image_fn image, void *ctx,
		   struct reftest_verdict *out)
{
	struct judge j = {.width = width, .height = height, .image = image, .ctx = ctx};
	out->edge_count = 0;
	out->pass = test->edges != NULL && node_holds(&j, test, 0, out);
	out->error = j.error;
	if (out->error)
		out->pass = false;
}
