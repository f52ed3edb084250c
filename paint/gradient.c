/* Gradients: resolving colour stops and gradient geometry for a tile size
 * (CSS Images 3 §3), and evaluating a gradient's colour at a point.
 * https://drafts.csswg.org/css-images-3/#gradients */
#include "paint/raster.h"

#include <math.h>

/* The gradient line of linear-gradient(): through the tile's centre at the
 * angle, long enough that its ends touch the corners (§3.1.1). */
static void linear_line(float angle_deg, float w, float h, struct paint_gradient *g)
{
	float a = angle_deg * 3.14159265f / 180.0f;
	float dx = sinf(a), dy = -cosf(a);
	float len = fabsf(w * dx) + fabsf(h * dy);
	float cx = w / 2.0f, cy = h / 2.0f;
	g->x0 = cx - dx * len / 2.0f;
	g->y0 = cy - dy * len / 2.0f;
	g->x1 = cx + dx * len / 2.0f;
	g->y1 = cy + dy * len / 2.0f;
}

/* Ending shape of radial-gradient() (§3.2.1): extent keywords. */
static void radial_size(const struct css_image *img, float w, float h, struct paint_gradient *g)
{
	float cx = g->x0, cy = g->y0;
	float sx_min = BASE_MIN(fabsf(cx), fabsf(w - cx)), sx_max = BASE_MAX(fabsf(cx), fabsf(w - cx));
	float sy_min = BASE_MIN(fabsf(cy), fabsf(h - cy)), sy_max = BASE_MAX(fabsf(cy), fabsf(h - cy));
	float rx = 0.0f, ry = 0.0f;
	switch (img->radial_extent) {
	case 1: /* closest-side */
		rx = sx_min;
		ry = sy_min;
		if (img->radial_circle)
			rx = ry = BASE_MIN(sx_min, sy_min);
		break;
	case 3: /* farthest-side */
		rx = sx_max;
		ry = sy_max;
		if (img->radial_circle)
			rx = ry = BASE_MAX(sx_max, sy_max);
		break;
	case 2: /* closest-corner */
	case 0: /* farthest-corner */ {
		bool closest = img->radial_extent == 2;
		float cdx = closest ? sx_min : sx_max, cdy = closest ? sy_min : sy_max;
		if (img->radial_circle) {
			rx = ry = sqrtf(cdx * cdx + cdy * cdy);
		} else {
			/* Same aspect ratio as the matching -side ellipse,
			 * passing through the corner. */
			float k = (cdy > 0.0f) ? cdx / cdy : 1.0f;
			ry = sqrtf((k > 0.0f ? (cdx / k) * (cdx / k) : 0.0f) + cdy * cdy);
			rx = k * ry;
			if (cdy <= 0.0f)
				rx = cdx, ry = 0.0f;
		}
		break;
	}
	default: /* explicit */
		rx = css_length_resolve(img->radial_rx, w);
		ry = img->radial_circle ? rx : css_length_resolve(img->radial_ry, h);
		break;
	}
	g->rx = BASE_MAX(rx, 1e-3f);
	g->ry = BASE_MAX(ry, 1e-3f);
}

/* Colour stop fix-up (§3.4.3): missing ends at 0%/100%, positions never
 * decrease, unpositioned runs spread evenly; hints become a midpoint in
 * the segment they sit in. */
static void resolve_stops(struct paint_display_list *dl, const struct css_image *img, float ray_len,
			  struct paint_gradient *g)
{
	size_t n = img->stop_count;
	struct paint_stop *stops = base_arena_calloc(&dl->arena, n ? n : 1, sizeof(*stops));
	float *hint_pos = base_arena_calloc(&dl->arena, n ? n : 1, sizeof(float));
	bool *has_pos = base_arena_calloc(&dl->arena, n ? n : 1, sizeof(bool));
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		const struct css_color_stop *s = &img->stops[i];
		float pos = 0.0f;
		bool positioned = s->position.kind != CSS_LEN_AUTO;
		if (positioned)
			pos = ray_len > 0.0f ? css_length_resolve(s->position, ray_len) / ray_len : 0.0f;
		if (s->is_hint) {
			if (count > 0 && positioned)
				hint_pos[count - 1] = pos, stops[count - 1].hint = -1.0f;
			continue;
		}
		paint_color_premul(s->color, stops[count].rgba);
		stops[count].offset = pos;
		stops[count].hint = 0.5f;
		has_pos[count] = positioned;
		count++;
	}
	if (count == 0) {
		g->stops = stops;
		g->stop_count = 0;
		return;
	}
	if (!has_pos[0])
		stops[0].offset = 0.0f, has_pos[0] = true;
	if (!has_pos[count - 1])
		stops[count - 1].offset = 1.0f, has_pos[count - 1] = true;
	float maxpos = stops[0].offset;
	for (size_t i = 0; i < count; i++) {
		if (has_pos[i]) {
			if (stops[i].offset < maxpos)
				stops[i].offset = maxpos;
			maxpos = stops[i].offset;
		}
	}
	for (size_t i = 1; i < count;) {
		if (has_pos[i]) {
			i++;
			continue;
		}
		size_t j = i;
		while (!has_pos[j])
			j++;
		float a = stops[i - 1].offset, b = stops[j].offset;
		for (size_t k = i; k < j; k++)
			stops[k].offset = a + (b - a) * (float)(k - i + 1) / (float)(j - i + 1);
		i = j;
	}
	for (size_t i = 0; i + 1 < count; i++) {
		if (stops[i].hint >= 0.0f)
			continue;
		float a = stops[i].offset, b = stops[i + 1].offset;
		float hp = BASE_MIN(BASE_MAX(hint_pos[i], a), b);
		stops[i].hint = b > a ? (hp - a) / (b - a) : 0.5f;
	}
	if (count > 0 && stops[count - 1].hint < 0.0f)
		stops[count - 1].hint = 0.5f;
	g->stops = stops;
	g->stop_count = count;
}

const struct paint_gradient *paint_gradient_resolve(struct paint_display_list *dl, const struct css_image *img,
						    float w, float h)
{
	struct paint_gradient *g = base_arena_calloc(&dl->arena, 1, sizeof(*g));
	g->repeating = img->repeating;
	float ray;
	if (img->kind == CSS_IMAGE_LINEAR_GRADIENT) {
		linear_line(img->angle_deg, w, h, g);
		ray = hypotf(g->x1 - g->x0, g->y1 - g->y0);
	} else {
		g->x0 = css_length_resolve(img->center_x, w);
		g->y0 = css_length_resolve(img->center_y, h);
		radial_size(img, w, h, g);
		ray = g->rx;
	}
	resolve_stops(dl, img, ray, g);
	return g;
}

/* Colour at ray position t (0 = start, 1 = end), premultiplied. */
static void gradient_color(const struct paint_gradient *g, float t, float out[4])
{
	size_t n = g->stop_count;
	if (n == 0) {
		out[0] = out[1] = out[2] = out[3] = 0.0f;
		return;
	}
	if (g->repeating && n > 1) {
		float first = g->stops[0].offset, period = g->stops[n - 1].offset - first;
		if (period > 1e-6f)
			t = first + (t - first) - floorf((t - first) / period) * period;
		else
			t = g->stops[n - 1].offset;
	}
	if (t <= g->stops[0].offset) {
		for (int k = 0; k < 4; k++)
			out[k] = g->stops[0].rgba[k];
		return;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		const struct paint_stop *a = &g->stops[i], *b = &g->stops[i + 1];
		if (t >= b->offset && i + 2 < n)
			continue;
		if (t >= b->offset)
			break;
		float span = b->offset - a->offset;
		float p = span > 0.0f ? (t - a->offset) / span : 1.0f;
		if (a->hint <= 0.0f)
			p = 1.0f;
		else if (a->hint >= 1.0f)
			p = 0.0f;
		else if (a->hint != 0.5f)
			p = powf(p, logf(0.5f) / logf(a->hint));
		for (int k = 0; k < 4; k++)
			out[k] = a->rgba[k] + (b->rgba[k] - a->rgba[k]) * p;
		return;
	}
	for (int k = 0; k < 4; k++)
		out[k] = g->stops[n - 1].rgba[k];
}

void paint_gradient_sample(const struct paint_gradient *g, bool radial, float u, float v, float out[4])
{
	float t;
	if (radial) {
		float dx = (u - g->x0) / g->rx, dy = (v - g->y0) / g->ry;
		t = sqrtf(dx * dx + dy * dy);
	} else {
		float dx = g->x1 - g->x0, dy = g->y1 - g->y0;
		float len2 = dx * dx + dy * dy;
		t = len2 > 0.0f ? ((u - g->x0) * dx + (v - g->y0) * dy) / len2 : 0.0f;
	}
	gradient_color(g, t, out);
}
