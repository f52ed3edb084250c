/* Font matching: a style's font-family list to the faces text is shaped
 * with (CSS Fonts 4 §5 "Font Matching Algorithm"), resolving names the way
 * Chromium on Linux does with the pinned fonts: generic families map to
 * fixed families, metric-compatible aliases (Arial, Times New Roman...) map
 * to the Liberation families, unknown names are skipped, and the default
 * (serif) closes the list, followed by DejaVu Sans for missing glyphs.
 *
 * Ownership: font lists are allocated in the pass's scratch arena and cached
 * per style pointer for the duration of one layout pass. Their faces and
 * metrics are also kept in the document's shaping cache, keyed by the
 * family list, weight, style, size and the engine's generation of faces,
 * so that a relayout matches nothing again. */
#include "layout/internal.h"

#include <stdlib.h>
#include <string.h>

struct family_alias {
	const char *name;
	const char *family;
};

/* Generic families (CSS Fonts 4 §4.2) as Chromium's default settings and
 * fontconfig resolve them with the pinned fonts, then the strong
 * (metric-compatible) aliases of fontconfig's 30-metric-aliases.conf. */
static const struct family_alias family_aliases[] = {
	{"serif", "liberation serif"},
	{"sans-serif", "liberation sans"},
	{"monospace", "dejavu sans mono"},
	{"cursive", "liberation serif"},
	{"fantasy", "liberation serif"},
	{"system-ui", "dejavu sans"},
	{"ui-serif", "liberation serif"},
	{"ui-sans-serif", "liberation sans"},
	{"ui-monospace", "dejavu sans mono"},
	{"times new roman", "liberation serif"},
	{"times", "liberation serif"},
	{"tinos", "liberation serif"},
	{"arial", "liberation sans"},
	{"helvetica", "liberation sans"},
	{"arimo", "liberation sans"},
	{"courier new", "liberation mono"},
	{"courier", "liberation mono"},
	{"cousine", "liberation mono"},
};

static const char *const default_family = "liberation serif";
static const char *const fallback_family = "dejavu sans";

static const char *alias_of(const char *name, bool quoted)
{
	for (size_t i = 0; i < BASE_ARRAY_LEN(family_aliases); i++) {
		/* A quoted "serif" is a family name, not the generic. */
		if (quoted && i < 9)
			continue;
		if (strcasecmp(name, family_aliases[i].name) == 0)
			return family_aliases[i].family;
	}
	return NULL;
}

static void push_face(const struct layout_face **faces, size_t *n, size_t cap, const struct layout_face *f)
{
	if (!f || *n >= cap)
		return;
	for (size_t i = 0; i < *n; i++)
		if (faces[i] == f)
			return;
	faces[(*n)++] = f;
}

/* The faces of a font-family list in order, then the default font when
 * none matched, then the fallback family; at most cap. */
static size_t match_faces(struct layout_fonts *fonts, const struct css_font_family *ff, int weight, int fstyle, const struct layout_face **faces,
			  size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; fonts && i < ff->count; i++) {
		const char *name = ff->names[i];
		bool quoted = ff->quoted && ff->quoted[i];
		/* A web font or installed family by that exact name wins over
		 * an alias (an @font-face "Arial" is Arial). */
		const struct layout_face *f = layout_fonts_match(fonts, name, weight, fstyle);
		if (!f) {
			const char *alias = alias_of(name, quoted);
			if (alias)
				f = layout_fonts_match(fonts, alias, weight, fstyle);
		}
		push_face(faces, &n, cap, f);
	}
	if (fonts) {
		/* The default font only stands in when no family matched;
		 * missing glyphs go to the system fallback. */
		if (n == 0)
			push_face(faces, &n, cap, layout_fonts_match(fonts, default_family, weight, fstyle));
		push_face(faces, &n, cap, layout_fonts_match(fonts, fallback_family, weight, fstyle));
	}
	return n;
}

bool layout_fonts_first_metrics(struct layout_fonts *fonts, const struct css_font_family *family, int weight, int style, float size,
				struct layout_font_metrics *out)
{
	const struct layout_face *stack[8];
	const struct layout_face **faces = family->count + 3 <= BASE_ARRAY_LEN(stack) ? stack : base_xcalloc(family->count + 3, sizeof *faces);
	size_t n = match_faces(fonts, family, weight ? weight : 400, style, faces, family->count + 3);
	if (n > 0) {
		layout_face_metrics(faces[0], size, out);
		layout_face_unit_metrics(faces[0], size, &out->x_height, &out->zero_width);
	}
	if (faces != stack)
		free(faces);
	return n > 0;
}

/* The key of a font list in the shaping cache: a first word no shaping
 * or line-break key starts with, the faces' generation, weight, style,
 * size, then each family name with its quoting. */
static void font_list_key(struct base_buf *key, size_t generation, const struct css_font_family *ff, int weight, int style, float size)
{
	struct {
		uint64_t tag, generation;
		int32_t weight, style;
		float size;
		uint32_t count;
	} hdr = {1, generation, weight, style, size, (uint32_t)ff->count};
	base_buf_append(key, &hdr, sizeof hdr);
	for (size_t i = 0; i < ff->count; i++) {
		base_buf_putc(key, ff->quoted && ff->quoted[i] ? '"' : '-');
		base_buf_append(key, ff->names[i], strlen(ff->names[i]) + 1);
	}
}

static const struct layout_font_list *font_list_for(struct layout_ctx *ctx, const struct css_style *style);

const struct layout_font_list *layout_font_list_for(struct layout_ctx *ctx, const struct css_style *style)
{
	struct layout_font_front *f =
		&ctx->font_front[((uintptr_t)style * 0x9E3779B97F4A7C15ull) >> 56 & (BASE_ARRAY_LEN(ctx->font_front) - 1)];
	if (f->style != style) {
		f->style = style;
		f->fl = font_list_for(ctx, style);
	}
	return f->fl;
}

/* Matches the faces of a font list (fl->faces has room for cap) and takes
 * its metrics from the first, or plausible ones when there is none. */
static void match_font_list(struct layout_ctx *ctx, const struct css_style *style, int weight, struct layout_font_list *fl,
			    size_t cap)
{
	const struct layout_face **faces = fl->faces;
	size_t n = match_faces(ctx->opt->fonts, &style->font_family, weight, style->font_style, faces, cap);
	fl->count = n;
	if (n > 0) {
		layout_face_metrics(faces[0], style->font_size, &fl->metrics);
		/* vertical-align: middle uses the x-height Chromium measures
		 * (the hinted "x" of faces without OS/2 sxHeight). */
		float x_height, zero_width;
		layout_face_unit_metrics(faces[0], style->font_size, &x_height, &zero_width);
		if (x_height > 0)
			fl->metrics.x_height = x_height;
	} else {
		/* No font at all: plausible metrics so layout still works. */
		fl->metrics.ascent = roundf(style->font_size * 0.8f);
		fl->metrics.descent = roundf(style->font_size * 0.2f);
		fl->metrics.x_height = style->font_size * 0.5f;
		fl->metrics.space_width = style->font_size * 0.25f;
		fl->metrics.zero_width = style->font_size * 0.5f;
	}
}

static const struct layout_font_list *font_list_for(struct layout_ctx *ctx, const struct css_style *style)
{
	struct layout_font_list *fl = base_map_get(&ctx->font_lists, (const char *)&style, sizeof style);
	if (fl)
		return fl;
	const struct css_font_family *ff = &style->font_family;
	size_t cap = ff->count + 3;
	const struct layout_face **faces = base_arena_calloc(&ctx->scratch, cap, sizeof *faces);
	int weight = style->font_weight ? style->font_weight : 400;
	fl = base_arena_calloc(&ctx->scratch, 1, sizeof *fl);
	fl->faces = faces;
	fl->size = style->font_size;
	/* Kept: the metrics, then the faces. */
	struct base_buf key = {0}, kept = {0};
	uint64_t h = 0;
	uint32_t n_kept;
	bool found = false;
	if (ctx->opt->fonts) {
		font_list_key(&key, layout_fonts_generation(ctx->opt->fonts), ff, weight, style->font_style, style->font_size);
		h = layout_shape_cache_hash(key.data, key.len);
		found = layout_shape_cache_get(ctx->shape_cache, key.data, key.len, h, &kept, &n_kept) && n_kept <= cap &&
			kept.len == sizeof fl->metrics + n_kept * sizeof *faces;
	}
	if (found) {
		memcpy(&fl->metrics, kept.data, sizeof fl->metrics);
		memcpy(faces, kept.data + sizeof fl->metrics, n_kept * sizeof *faces);
		fl->count = n_kept;
	} else {
		match_font_list(ctx, style, weight, fl, cap);
		if (key.len) {
			kept.len = 0;
			base_buf_append(&kept, &fl->metrics, sizeof fl->metrics);
			base_buf_append(&kept, faces, fl->count * sizeof *faces);
			layout_shape_cache_put(ctx->shape_cache, key.data, key.len, h, kept.data, kept.len, (uint32_t)fl->count);
		}
	}
	base_buf_free(&key);
	base_buf_free(&kept);
	base_map_put(&ctx->font_lists, (const char *)&style, sizeof style, fl);
	return fl;
}
