/* Fonts: the set of available faces (installed fonts found with fontconfig,
 * font directories, @font-face registrations) and lazily loaded FreeType +
 * HarfBuzz faces.
 *
 * Installed fonts are limited to the families the reference renderer is
 * pinned to (fonts-dejavu-core, fonts-liberation2; see
 * shared/tools/README.md), so that the same names resolve the same way
 * whatever else the machine has. Directories and @font-face files are
 * offered whatever their family.
 *
 * Threads: struct layout_fonts is shared by documents and threads. One
 * mutex guards the entry list and face loading (FreeType's library object is
 * not thread-safe); loaded faces are immutable except through FreeType,
 * which callers guard with layout_face_lock(). HarfBuzz fonts are
 * immutable once created and safe to shape with concurrently.
 *
 * Ownership: the entries, faces and strings belong to struct layout_fonts
 * and live until layout_fonts_free(). */
#include "layout/internal.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_GASP_H
#include FT_OUTLINE_H
#include <dirent.h>
#include <fontconfig/fontconfig.h>
#include <hb-ft.h>
#include <hb-ot.h>
#include <hb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The loaded file face shared by the synthetic variants. */
struct layout_face_data {
	FT_Face ft;
	hb_font_t *hb;
	hb_face_t *hb_face;
	pthread_mutex_t lock;
	int upem;
	/* Vertical metrics in font units, as Skia's FreeType backend reads them. */
	float ascent, descent, line_gap, x_height, cap_height;
	float underline_position, underline_thickness, strikeout_position, strikeout_thickness;
	float space_advance, zero_advance;
	float avg_char_width, max_char_width; /* OS/2 xAvgCharWidth, bbox width */
	uint64_t ascii[2]; /* which of U+0000-U+007F have a glyph */
	/* Some lookup (or a legacy kern table) may join or kern the space
	 * with its neighbours, so text cannot be shaped word by word alone. */
	bool space_sensitive;
};

struct layout_face {
	struct layout_face_data *data;
	const char *path;
	int index;
	bool synthetic_bold, synthetic_oblique;
};

struct layout_font_entry {
	char *family; /* lower-cased */
	char *path;
	int index;
	int weight; /* 1..1000 */
	int style; /* enum css_font_style */
	int stretch; /* fontconfig width: 100 normal */
	bool web; /* @font-face: wins over installed faces of the same name */
	struct layout_face_data *data; /* loaded on first use */
	/* Faces handed out, per synthetic variant (bold, oblique). */
	struct layout_face *variants[4];
};

struct layout_fonts {
	pthread_mutex_t lock;
	FT_Library ft;
	struct layout_font_entry **entries;
	size_t count, cap;
};

/* The files of the Debian packages the reference renderer is pinned to
 * (fonts-dejavu-core, fonts-liberation2), by directory and file name. */
static const char *const pinned_files[] = {
	"dejavu/DejaVuSans.ttf",
	"dejavu/DejaVuSans-Bold.ttf",
	"dejavu/DejaVuSansMono.ttf",
	"dejavu/DejaVuSansMono-Bold.ttf",
	"dejavu/DejaVuSerif.ttf",
	"dejavu/DejaVuSerif-Bold.ttf",
	"liberation2/LiberationMono-Regular.ttf",
	"liberation2/LiberationMono-Bold.ttf",
	"liberation2/LiberationMono-Italic.ttf",
	"liberation2/LiberationMono-BoldItalic.ttf",
	"liberation2/LiberationSans-Regular.ttf",
	"liberation2/LiberationSans-Bold.ttf",
	"liberation2/LiberationSans-Italic.ttf",
	"liberation2/LiberationSans-BoldItalic.ttf",
	"liberation2/LiberationSerif-Regular.ttf",
	"liberation2/LiberationSerif-Bold.ttf",
	"liberation2/LiberationSerif-Italic.ttf",
	"liberation2/LiberationSerif-BoldItalic.ttf",
};

/* Matches the last two path components (the package's directory and file):
 * fonts-liberation (1.x) ships files of the same names elsewhere. */
static bool is_pinned_file(const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < BASE_ARRAY_LEN(pinned_files); i++) {
		size_t k = strlen(pinned_files[i]);
		if (n > k && path[n - k - 1] == '/' && strcmp(path + n - k, pinned_files[i]) == 0)
			return true;
	}
	return false;
}

static char *lower_dup(const char *s)
{
	char *d = base_xstrdup(s);
	for (char *p = d; *p; p++)
		*p = base_ascii_lower(*p);
	return d;
}

static void add_entry(struct layout_fonts *fonts, const char *family, const char *path, int index, int weight, int style, int stretch,
		      bool web)
{
	for (size_t i = 0; i < fonts->count; i++) {
		struct layout_font_entry *e = fonts->entries[i];
		if (e->index == index && e->web == web && strcmp(e->path, path) == 0 && strcasecmp(e->family, family) == 0)
			return;
	}
	if (fonts->count == fonts->cap) {
		fonts->cap = fonts->cap ? fonts->cap * 2 : 64;
		fonts->entries = base_xrealloc(fonts->entries, fonts->cap * sizeof *fonts->entries);
	}
	struct layout_font_entry *e = base_xcalloc(1, sizeof *e);
	e->family = lower_dup(family);
	e->path = base_xstrdup(path);
	e->index = index;
	e->weight = weight;
	e->style = style;
	e->stretch = stretch;
	e->web = web;
	fonts->entries[fonts->count++] = e;
}

size_t layout_fonts_generation(struct layout_fonts *fonts)
{
	pthread_mutex_lock(&fonts->lock);
	size_t n = fonts->count;
	pthread_mutex_unlock(&fonts->lock);
	return n;
}

/* fontconfig weights to CSS weights (FcWeightToOpenType). */
static int fc_pattern_weight(FcPattern *p)
{
	int w = FC_WEIGHT_REGULAR;
	double d;
	if (FcPatternGetInteger(p, FC_WEIGHT, 0, &w) != FcResultMatch && FcPatternGetDouble(p, FC_WEIGHT, 0, &d) == FcResultMatch)
		w = (int)d;
	int ot = FcWeightToOpenType(w);
	return ot < 1 ? 400 : ot;
}

static int fc_pattern_style(FcPattern *p)
{
	int slant = FC_SLANT_ROMAN;
	FcPatternGetInteger(p, FC_SLANT, 0, &slant);
	if (slant == FC_SLANT_ITALIC)
		return CSS_FONT_STYLE_ITALIC;
	if (slant == FC_SLANT_OBLIQUE)
		return CSS_FONT_STYLE_OBLIQUE;
	return CSS_FONT_STYLE_NORMAL;
}

/* Adds the faces of a fontconfig font set; installed = filter to pinned families. */
static void add_font_set(struct layout_fonts *fonts, FcFontSet *set, bool pinned_only)
{
	for (int i = 0; set && i < set->nfont; i++) {
		FcPattern *p = set->fonts[i];
		FcChar8 *file = NULL;
		if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
			continue;
		int index = 0;
		FcPatternGetInteger(p, FC_INDEX, 0, &index);
		int weight = fc_pattern_weight(p), style = fc_pattern_style(p), width = FC_WIDTH_NORMAL;
		FcPatternGetInteger(p, FC_WIDTH, 0, &width);
		if (pinned_only && !is_pinned_file((const char *)file))
			continue;
		FcChar8 *fam;
		/* A face is reachable under every family name it declares
		 * ("DejaVu Sans" and "DejaVu Sans Condensed"...). */
		for (int n = 0; FcPatternGetString(p, FC_FAMILY, n, &fam) == FcResultMatch; n++) {
			add_entry(fonts, (const char *)fam, (const char *)file, index, weight, style, width, false);
		}
	}
}

struct layout_fonts *layout_fonts_new(void)
{
	struct layout_fonts *fonts = base_xcalloc(1, sizeof *fonts);
	pthread_mutex_init(&fonts->lock, NULL);
	if (FT_Init_FreeType(&fonts->ft) != 0) {
		free(fonts);
		return NULL;
	}
	FcConfig *config = FcInitLoadConfigAndFonts();
	if (config) {
		FcPattern *pat = FcPatternCreate();
		FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_WIDTH, (char *)0);
		FcFontSet *set = FcFontList(config, pat, os);
		add_font_set(fonts, set, true);
		if (set)
			FcFontSetDestroy(set);
		FcObjectSetDestroy(os);
		FcPatternDestroy(pat);
		FcConfigDestroy(config);
	}
	return fonts;
}

static void free_face_data(struct layout_face_data *d)
{
	if (!d)
		return;
	hb_font_destroy(d->hb);
	hb_face_destroy(d->hb_face);
	FT_Done_Face(d->ft);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

void layout_fonts_free(struct layout_fonts *fonts)
{
	if (!fonts)
		return;
	for (size_t i = 0; i < fonts->count; i++) {
		struct layout_font_entry *e = fonts->entries[i];
		free_face_data(e->data);
		for (size_t v = 0; v < BASE_ARRAY_LEN(e->variants); v++)
			free(e->variants[v]);
		free(e->family);
		free(e->path);
		free(e);
	}
	free(fonts->entries);
	FT_Done_FreeType(fonts->ft);
	pthread_mutex_destroy(&fonts->lock);
	free(fonts);
}

/* Scans one font file with fontconfig and adds its faces. */
static int add_file(struct layout_fonts *fonts, const char *path)
{
	FcFontSet *set = FcFontSetCreate();
	FcFreeTypeQueryAll((const FcChar8 *)path, -1, NULL, NULL, set);
	int n = set->nfont;
	pthread_mutex_lock(&fonts->lock);
	add_font_set(fonts, set, false);
	pthread_mutex_unlock(&fonts->lock);
	FcFontSetDestroy(set);
	return n;
}

int layout_fonts_add_dir(struct layout_fonts *fonts, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *de;
	int added = 0;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 5)
			continue;
		const char *ext = de->d_name + n - 4;
		if (strcasecmp(ext, ".ttf") && strcasecmp(ext, ".otf") && strcasecmp(ext, ".ttc"))
			continue;
		char *path = base_xmalloc(strlen(dir) + n + 2);
		sprintf(path, "%s/%s", dir, de->d_name);
		added += add_file(fonts, path);
		free(path);
	}
	closedir(d);
	return added > 0 ? 0 : -1;
}

int layout_fonts_add_face(struct layout_fonts *fonts, const char *family, const char *path, int weight, int style)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	fclose(f);
	pthread_mutex_lock(&fonts->lock);
	add_entry(fonts, family, path, 0, weight, style, FC_WIDTH_NORMAL, true);
	pthread_mutex_unlock(&fonts->lock);
	return 0;
}

/* Reads the metrics Skia's FreeType backend gives Chromium: typo metrics
 * when USE_TYPO_METRICS is set, hhea ascender/descender otherwise; leading
 * from the line height FreeType computes. */
static void read_metrics(struct layout_face_data *d)
{
	FT_Face ft = d->ft;
	d->upem = ft->units_per_EM ? ft->units_per_EM : 1000;
	d->ascent = ft->ascender;
	d->descent = -ft->descender;
	d->line_gap = ft->height - (ft->ascender - ft->descender);
	TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
	if (os2 && os2->version != 0xFFFF && (os2->fsSelection & (1 << 7))) {
		d->ascent = os2->sTypoAscender;
		d->descent = -os2->sTypoDescender;
		d->line_gap = os2->sTypoLineGap;
	}
	if (d->line_gap < 0)
		d->line_gap = 0;
	d->x_height = os2 && os2->version >= 2 && os2->sxHeight ? os2->sxHeight : d->ascent * 0.5f;
	d->cap_height = os2 && os2->version >= 2 && os2->sCapHeight ? os2->sCapHeight : d->ascent * 0.7f;
	d->underline_position = -ft->underline_position;
	d->underline_thickness = ft->underline_thickness ? ft->underline_thickness : d->upem / 14.0f;
	d->strikeout_position = os2 && os2->yStrikeoutPosition ? os2->yStrikeoutPosition : d->x_height / 2;
	d->strikeout_thickness = os2 && os2->yStrikeoutSize ? os2->yStrikeoutSize : d->underline_thickness;
	d->avg_char_width = os2 && os2->version != 0xFFFF ? os2->xAvgCharWidth : 0;
	d->max_char_width = (float)(ft->bbox.xMax - ft->bbox.xMin);
	hb_codepoint_t g;
	d->space_advance = hb_font_get_nominal_glyph(d->hb, ' ', &g) ? (float)hb_font_get_glyph_h_advance(d->hb, g) : d->upem / 4.0f;
	d->zero_advance = hb_font_get_nominal_glyph(d->hb, '0', &g) ? (float)hb_font_get_glyph_h_advance(d->hb, g) : d->upem / 2.0f;
}

/* Whether the space glyph takes part in any GSUB/GPOS lookup (as Blink's
 * HasSpaceInLigaturesOrKerning checks), or a legacy 'kern' table (which
 * HarfBuzz applies when GPOS has no kerning) may kern it. */
static bool space_in_lookups(struct layout_face_data *d)
{
	hb_codepoint_t space;
	if (!hb_font_get_nominal_glyph(d->hb, ' ', &space))
		return false;
	hb_blob_t *kern = hb_face_reference_table(d->hb_face, HB_TAG('k', 'e', 'r', 'n'));
	bool found = hb_blob_get_length(kern) > 0;
	hb_blob_destroy(kern);
	static const hb_tag_t tables[] = {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS};
	hb_set_t *lookups = hb_set_create(), *before = hb_set_create(), *input = hb_set_create(), *after = hb_set_create();
	for (size_t t = 0; t < 2 && !found; t++) {
		hb_set_clear(lookups);
		hb_ot_layout_collect_lookups(d->hb_face, tables[t], NULL, NULL, NULL, lookups);
		for (hb_codepoint_t l = HB_SET_VALUE_INVALID; !found && hb_set_next(lookups, &l);) {
			hb_set_clear(before);
			hb_set_clear(input);
			hb_set_clear(after);
			hb_ot_layout_lookup_collect_glyphs(d->hb_face, tables[t], l, before, input, after, NULL);
			found = hb_set_has(before, space) || hb_set_has(input, space) || hb_set_has(after, space);
		}
	}
	hb_set_destroy(lookups);
	hb_set_destroy(before);
	hb_set_destroy(input);
	hb_set_destroy(after);
	return found;
}

static struct layout_face_data *load_face(struct layout_fonts *fonts, const char *path, int index)
{
	FT_Face ft;
	if (FT_New_Face(fonts->ft, path, index, &ft) != 0)
		return NULL;
	struct layout_face_data *d = base_xcalloc(1, sizeof *d);
	d->ft = ft;
	hb_blob_t *blob = hb_blob_create_from_file(path);
	d->hb_face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	d->hb = hb_font_create(d->hb_face);
	hb_ot_font_set_funcs(d->hb);
	int upem = (int)hb_face_get_upem(d->hb_face);
	hb_font_set_scale(d->hb, upem, upem);
	hb_font_make_immutable(d->hb);
	pthread_mutex_init(&d->lock, NULL);
	read_metrics(d);
	for (uint32_t cp = 0; cp < 128; cp++) {
		hb_codepoint_t g;
		if (hb_font_get_nominal_glyph(d->hb, cp, &g) && g != 0)
			d->ascii[cp >> 6] |= (uint64_t)1 << (cp & 63);
	}
	d->space_sensitive = space_in_lookups(d);
	return d;
}

/* The face for an entry with synthetic bold/oblique flags; caller holds the lock. */
static const struct layout_face *entry_face(struct layout_fonts *fonts, struct layout_font_entry *e, bool bold, bool oblique)
{
	if (!e->data) {
		e->data = load_face(fonts, e->path, e->index);
		if (!e->data)
			return NULL;
	}
	int v = (bold ? 1 : 0) | (oblique ? 2 : 0);
	if (!e->variants[v]) {
		struct layout_face *f = base_xcalloc(1, sizeof *f);
		f->data = e->data;
		f->path = e->path;
		f->index = e->index;
		f->synthetic_bold = bold;
		f->synthetic_oblique = oblique;
		e->variants[v] = f;
	}
	return e->variants[v];
}

/* Distance for CSS Fonts 4 §5.2 step 4 font-style matching: italic prefers
 * italic then oblique then normal; normal prefers normal then oblique. */
static int style_rank(int wanted, int have)
{
	if (wanted == have)
		return 0;
	if (wanted == CSS_FONT_STYLE_NORMAL)
		return have == CSS_FONT_STYLE_OBLIQUE ? 1 : 2;
	return have == CSS_FONT_STYLE_NORMAL ? 2 : 1;
}

/* Weight distance per CSS Fonts 4 §5.2 step 4 (desired weight rules),
 * as a sortable key: smaller is better. */
static int weight_rank(int wanted, int have)
{
	if (have == wanted)
		return 0;
	if (wanted >= 400 && wanted <= 500) {
		if (have >= wanted && have <= 500)
			return have - wanted;
		if (have < wanted)
			return 1000 + (wanted - have);
		return 2000 + (have - wanted);
	}
	if (wanted < 400)
		return have < wanted ? wanted - have : 1000 + (have - wanted);
	return have > wanted ? have - wanted : 1000 + (wanted - have);
}

/* CSS Fonts 4 §5.2 font matching among the faces of one family. */
const struct layout_face *layout_fonts_match(struct layout_fonts *fonts, const char *family, int weight, int style)
{
	pthread_mutex_lock(&fonts->lock);
	struct layout_font_entry *best = NULL;
	int best_key = 0;
	bool web_found = false;
	for (size_t i = 0; i < fonts->count; i++)
		if (fonts->entries[i]->web && strcasecmp(fonts->entries[i]->family, family) == 0)
			web_found = true;
	for (size_t i = 0; i < fonts->count; i++) {
		struct layout_font_entry *e = fonts->entries[i];
		if (e->web != web_found || strcasecmp(e->family, family) != 0)
			continue;
		/* font-stretch first (always normal here), then style, then weight. */
		int key = abs(e->stretch - FC_WIDTH_NORMAL) * 1000000 + style_rank(style, e->style) * 100000 + weight_rank(weight, e->weight);
		if (!best || key < best_key) {
			best = e;
			best_key = key;
		}
	}
	const struct layout_face *face = NULL;
	if (best) {
		/* Chromium synthesises bold for 600+ on a face lighter than
		 * 600 and a slant for italic/oblique on an upright face. */
		bool bold = weight >= 600 && best->weight < 600;
		bool oblique = style != CSS_FONT_STYLE_NORMAL && best->style == CSS_FONT_STYLE_NORMAL;
		face = entry_face(fonts, best, bold, oblique);
	}
	pthread_mutex_unlock(&fonts->lock);
	return face;
}

const struct layout_face *layout_fonts_fallback(struct layout_fonts *fonts, uint32_t cp, int weight, int style)
{
	const struct layout_face *found = NULL;
	pthread_mutex_lock(&fonts->lock);
	for (size_t i = 0; i < fonts->count && !found; i++) {
		struct layout_font_entry *e = fonts->entries[i];
		if (e->style != CSS_FONT_STYLE_NORMAL || e->weight != 400 || e->stretch != FC_WIDTH_NORMAL)
			continue;
		const struct layout_face *f = entry_face(fonts, e, weight >= 600, style != CSS_FONT_STYLE_NORMAL);
		if (f && layout_face_has_glyph(f, cp))
			found = f;
	}
	pthread_mutex_unlock(&fonts->lock);
	return found;
}

void *layout_face_ft(const struct layout_face *face)
{
	return face->data->ft;
}

const char *layout_face_path(const struct layout_face *face)
{
	return face->path;
}

int layout_face_index(const struct layout_face *face)
{
	return face->index;
}

bool layout_face_synthetic_oblique(const struct layout_face *face)
{
	return face->synthetic_oblique;
}

bool layout_face_synthetic_bold(const struct layout_face *face)
{
	return face->synthetic_bold;
}

void layout_face_lock(const struct layout_face *face)
{
	pthread_mutex_lock(&face->data->lock);
}

void layout_face_unlock(const struct layout_face *face)
{
	pthread_mutex_unlock(&face->data->lock);
}

void *layout_face_hb(const struct layout_face *face)
{
	return face->data->hb;
}

bool layout_face_space_sensitive(const struct layout_face *face)
{
	return face->data->space_sensitive;
}

int layout_face_upem(const struct layout_face *face)
{
	return face->data->upem;
}

bool layout_face_has_glyph(const struct layout_face *face, uint32_t cp)
{
	if (cp < 128)
		return (face->data->ascii[cp >> 6] >> (cp & 63)) & 1;
	hb_codepoint_t g;
	return hb_font_get_nominal_glyph(face->data->hb, cp, &g) && g != 0;
}

/* Chromium rounds ascent, descent and line gap to whole pixels on Linux
 * (FontMetrics::AscentDescentWithHacks) before using them for line boxes;
 * measured against it: Liberation Serif 16px gives ascent 13, descent 4. */
void layout_face_metrics(const struct layout_face *face, float size, struct layout_font_metrics *out)
{
	const struct layout_face_data *d = face->data;
	float s = size / (float)d->upem;
	out->ascent = roundf(d->ascent * s);
	out->descent = roundf(d->descent * s);
	/* When the descent was rounded down, Blink moves a pixel from the
	 * ascent to the descent so that descenders are not clipped. */
	if (out->descent < d->descent * s && out->ascent >= 1) {
		out->ascent -= 1;
		out->descent += 1;
	}
	out->line_gap = roundf(d->line_gap * s);
	out->x_height = d->x_height * s;
	out->cap_height = d->cap_height * s;
	out->underline_position = d->underline_position * s;
	out->underline_thickness = d->underline_thickness * s;
	out->strikeout_position = d->strikeout_position * s;
	out->strikeout_thickness = d->strikeout_thickness * s;
	out->space_width = d->space_advance * s;
	out->zero_width = d->zero_advance * s;
}

/* Chromium sizes text inputs from these (LayoutTextControl): the average
 * character width and the widest glyph extent, each rounded to pixels. */
void layout_face_char_widths(const struct layout_face *face, float size, float *avg, float *max)
{
	float s = size / (float)face->data->upem;
	*avg = roundf(face->data->avg_char_width * s);
	if (*avg <= 0)
		*avg = roundf(face->data->zero_advance * s);
	*max = roundf(face->data->max_char_width * s);
}

/* The x-height Skia's FreeType backend gives Chromium: OS/2 sxHeight when
 * the table has one (version 2 and later), else the top of the "x"
 * outline as hinted for painting (light hinting; none on a synthetically
 * slanted face or where the gasp table forbids grid-fitting; emboldened
 * on a synthetically bold face); 0 without an "x". The face is set to
 * size. Caller holds the face lock. */
static float face_x_height(const struct layout_face *face, float size)
{
	const struct layout_face_data *d = face->data;
	TT_OS2 *os2 = FT_Get_Sfnt_Table(d->ft, FT_SFNT_OS2);
	if (os2 && os2->version != 0xFFFF && os2->version >= 2 && os2->sxHeight)
		return os2->sxHeight * size / (float)d->upem;
	FT_UInt gid = FT_Get_Char_Index(d->ft, 'x');
	if (!gid)
		return 0;
	FT_Int gasp = FT_Get_Gasp(d->ft, d->ft->size->metrics.y_ppem);
	bool hint = !face->synthetic_oblique && (gasp == FT_GASP_NO_TABLE || (gasp & FT_GASP_DO_GRIDFIT));
	if (FT_Load_Glyph(d->ft, gid, FT_LOAD_NO_BITMAP | (hint ? FT_LOAD_TARGET_LIGHT : FT_LOAD_NO_HINTING)) != 0 ||
	    d->ft->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
		return 0;
	if (face->synthetic_bold)
		FT_Outline_Embolden(&d->ft->glyph->outline, FT_MulFix(d->ft->units_per_EM, d->ft->size->metrics.y_scale) / 24);
	FT_BBox box;
	FT_Outline_Get_CBox(&d->ft->glyph->outline, &box);
	return box.yMax / 64.0f;
}

/* Chromium keys its font cache by the size truncated to 1/100 px and
 * creates the face at that size; Skia hands FreeType the size truncated to
 * 26.6, which is what linear advances are scaled by. (FreeType then rounds
 * the advance to 16.16, which Blink's line breaker absorbs with a snapping
 * epsilon that ours lacks: 5ch of 20px Ahem must hold five glyphs, so the
 * advance is kept exact.) */
void layout_face_unit_metrics(const struct layout_face *face, float size, float *x_height, float *zero_width)
{
	*x_height = 0;
	*zero_width = 0;
	if (!(size > 0 && size < 1e6f))
		return;
	size = (float)(unsigned)(size * 100.0f) / 100.0f;
	FT_Face ft = face->data->ft;
	layout_face_lock(face);
	if (FT_Set_Char_Size(ft, 0, (FT_F26Dot6)(size * 64.0f), 72, 72) == 0) {
		*x_height = face_x_height(face, size);
		if (layout_face_has_glyph(face, '0'))
			*zero_width = face->data->zero_advance * (float)(FT_F26Dot6)(size * 64.0f) / 64.0f /
				      (float)face->data->upem;
	}
	layout_face_unlock(face);
}
