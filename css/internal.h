/* css/internal.h: the style system's internal types, shared by the files
 * of css/ (selectors, stylesheets, cascade, computed values, traversal).
 *
 * Data flow: stylesheets (UA, <style>, <link>, @import) are parsed with
 * css/syntax.h into struct css_sheet_set: style rules with parsed
 * selectors and validated declarations, hashed by the key of their
 * rightmost compound. Each element is then matched (selector_match.c),
 * its declarations cascaded (cascade.c) and computed (computed.c,
 * properties.c, values.c) into an immutable struct css_style.
 *
 * Ownership: a struct css_sheet_set owns its rules, selectors and
 * declarations in its arena; styles live in the styled document's
 * per-worker arenas (traversal.c). Nothing here is global or mutable
 * after the sheets are built, so matching runs on any number of threads. */
#ifndef WEFT_CSS_INTERNAL_H
#define WEFT_CSS_INTERNAL_H

#include "css/css.h"
#include "css/syntax.h"

/* NULL-tolerant forms of syntax.h's tests (value parsers probe items
 * that may be missing). */
static inline bool css_is_ident(const struct css_cv *cv, const char *lower_name)
{
	return cv && css_cv_is_ident(cv, lower_name);
}
static inline bool css_is_function(const struct css_cv *cv, const char *lower_name)
{
	return cv && css_cv_is_function(cv, lower_name);
}
static inline bool css_is_delim(const struct css_cv *cv, uint32_t cp)
{
	return cv && css_cv_is_delim(cv, cp);
}

/* The next non-whitespace item from *pos, advancing past it; NULL at
 * the end. */
static inline const struct css_cv *css_next(struct css_cv_list in, size_t *pos)
{
	const struct css_cv *c = css_cv_next(in, pos);
	if (c)
		(*pos)++;
	return c;
}

/* ---- Properties (properties.c) ----------------------------------------- */

#include "css/property_ids.h"

enum css_wide_keyword {
	CSS_WIDE_NONE,
	CSS_WIDE_INITIAL,
	CSS_WIDE_INHERIT,
	CSS_WIDE_UNSET,
	CSS_WIDE_REVERT,
	CSS_WIDE_REVERT_LAYER,
};

/* One declaration of a longhand (shorthands are expanded when parsed) or
 * of a custom property. */
struct css_decl {
	uint16_t prop; /* enum css_property_id */
	uint8_t wide; /* enum css_wide_keyword */
	bool important;
	/* The value contains var(): parsed after substitution. When it came
	 * from a shorthand, `shorthand` names it and the value is the whole
	 * shorthand's, expanded again after substitution. */
	bool has_var;
	/* From an inline-axis flow-relative property, stored as for
	 * left-to-right: left and right swap on a right-to-left element. */
	bool inline_logical;
	uint16_t shorthand;
	struct css_cv_list value;
	struct css_str custom_name; /* CSS_PROP_CUSTOM: "--name" */
	const char *base_path; /* for url(): the stylesheet's location */
};

struct css_decl_block {
	struct css_decl *decls;
	size_t count;
	bool has_important;
	bool has_inline_logical;
	bool uses_attr; /* content: attr(): the style depends on the element */
};

struct css_compute;

/* A longhand's parser: parses `value` and stores its computed value in
 * cx->style. Returns false when the value is invalid. Run once per
 * declaration on a scratch style to validate, and again per element. */
typedef bool (*css_longhand_fn)(struct css_compute *cx, struct css_cv_list value);

struct css_expansion {
	uint16_t props[64];
	struct css_cv_list values[64];
	uint8_t wide[64]; /* CSS_WIDE_INITIAL for an omitted part */
	size_t count;
};
typedef bool (*css_shorthand_fn)(struct css_compute *cx, struct css_cv_list value, struct css_expansion *out);
/* Shorthand expanders' helpers (properties.c): append a longhand with a
 * value or as 'initial'; check a value for a longhand on the scratch style;
 * build a keyword value. */
void css_expansion_put(struct css_expansion *x, uint16_t prop, struct css_cv_list v);
void css_expansion_put_initial(struct css_expansion *x, uint16_t prop);
bool css_longhand_valid(struct css_compute *cx, uint16_t prop, struct css_cv_list v);
/* A one-item value, the keyword name (kept, not copied), in cx's arena. */
struct css_cv_list css_ident_list(struct css_compute *cx, const char *name);

enum css_property_flags {
	CSS_PROP_INHERITED = 1,
	CSS_PROP_SHORTHAND = 2,
	CSS_PROP_CURRENTCOLOR = 4, /* initial value is currentcolor */
	CSS_PROP_EARLY = 8, /* computed before the others (fonts, colour) */
};

struct css_property_info {
	const char *name;
	uint8_t flags;
	css_longhand_fn parse; /* longhands */
	css_shorthand_fn expand; /* shorthands */
	/* The fields of struct css_style that hold the computed value, for
	 * inherit/initial: [offset, offset + size). */
	uint16_t offset, size;
};

extern const struct css_property_info css_properties[CSS_PROP_COUNT];
/* The longhands a shorthand sets, into out[max]; returns the count. */
size_t css_shorthand_longhands(enum css_property_id shorthand, uint16_t *out, size_t max);
bool css_is_inline_logical(uint16_t id);
uint16_t css_inline_mirror(uint16_t prop);
struct css_compute;
bool css_parse_font_family(struct css_compute *cx, struct css_cv_list v, struct css_font_family *out);
/* font-size of an absolute-size keyword (1 xx-small .. 8 xxx-large). */
float css_font_size_for_keyword(int keyword, bool monospace);
/* Looks up a property by name (ASCII case-insensitive); CSS_PROP_COUNT
 * when unknown. */
enum css_property_id css_property_lookup(const char *name, size_t len);

/* ---- Computing values (values.c) ------------------------------------------ */

struct css_custom_props; /* var.c */

/* Everything a value parser needs to compute a value for one element. */
struct css_compute {
	struct css_style *style;
	const struct css_style *parent;
	float root_font_size; /* rem */
	float em; /* font size that em/ex/ch refer to */
	const struct css_media *media;
	/* ex/ch: the last font asked about (an element asks about one or
	 * two) and the loader's answer. */
	const struct css_font_family *units_family;
	float units_size;
	uint16_t units_weight;
	uint8_t units_style;
	bool units_known;
	float units_ex, units_ch;
	struct base_arena *arena; /* for arrays of computed values */
	const struct html_node *element; /* attr(); NULL while validating */
	const struct css_loader *loader;
	const char *base_path; /* base of relative URLs of the declaration */
	uint16_t prop; /* the property being parsed */
	bool validating;
	bool currentcolor; /* the last colour parsed was currentcolor */
	bool font_size_keyword_set;
};

/* <length-percentage> and friends, computed to px (+ percent). */
enum {
	CSS_LP_PERCENT = 1, /* percentages allowed */
	CSS_LP_NEGATIVE = 2, /* negative values allowed */
	CSS_LP_AUTO = 4,
	CSS_LP_NONE = 8,
	CSS_LP_NORMAL = 16,
	CSS_LP_UNITLESS_ZERO = 32, /* always allowed in practice; kept explicit */
	CSS_LP_SIZING = 64, /* min-content max-content fit-content */
};
bool css_parse_length_cv(struct css_compute *cx, const struct css_cv *cv, unsigned flags, struct css_length *out);
bool css_parse_length(struct css_compute *cx, struct css_cv_list v, unsigned flags, struct css_length *out);
/* A <number> (calc() allowed). */
bool css_parse_number_cv(struct css_compute *cx, const struct css_cv *cv, double *out);
/* An <integer>. */
bool css_parse_integer_cv(struct css_compute *cx, const struct css_cv *cv, int *out);
/* An <angle> in degrees (unitless 0 allowed when zero_ok). */
bool css_parse_angle_cv(struct css_compute *cx, const struct css_cv *cv, bool zero_ok, double *deg);
/* A <color>, resolved against cx->style->color for currentcolor. */
bool css_parse_color_cv(struct css_compute *cx, const struct css_cv *cv, struct css_color *out);
/* An <image> (url() or gradient). */
bool css_parse_image_cv(struct css_compute *cx, const struct css_cv *cv, struct css_image *out);
/* <position>: 1 to 4 items. */
bool css_parse_position(struct css_compute *cx, const struct css_cv *const *items, size_t n, struct css_length *x,
			struct css_length *y);
/* Resolves a url() or string into a file path through the loader. */
const char *css_resolve_url(struct css_compute *cx, const struct css_cv *cv);
/* Absolute length of one unit in px, or the font/viewport relative one. */
bool css_unit_to_px(struct css_compute *cx, const char *unit, size_t len, double v, double *px);
/* Single-value list helpers. */
const struct css_cv *css_single(struct css_cv_list v);
/* Keyword from a table: index of the matching name, or -1. */
int css_keyword_index(const struct css_cv *cv, const char *const *names, size_t n);

/* ---- Selectors (selectors.c, selector_match.c) -------------------------- */

enum css_simple_kind {
	CSS_SEL_TYPE,
	CSS_SEL_UNIVERSAL,
	CSS_SEL_ID,
	CSS_SEL_CLASS,
	CSS_SEL_ATTR,
	CSS_SEL_PSEUDO_CLASS,
	CSS_SEL_PSEUDO_ELEMENT,
};

enum css_attr_op {
	CSS_ATTR_EXISTS,
	CSS_ATTR_EQUALS,
	CSS_ATTR_INCLUDES, /* ~= */
	CSS_ATTR_DASH, /* |= */
	CSS_ATTR_PREFIX, /* ^= */
	CSS_ATTR_SUFFIX, /* $= */
	CSS_ATTR_SUBSTRING, /* *= */
};

enum css_pseudo_class {
	CSS_PC_ROOT,
	CSS_PC_FIRST_CHILD,
	CSS_PC_LAST_CHILD,
	CSS_PC_ONLY_CHILD,
	CSS_PC_FIRST_OF_TYPE,
	CSS_PC_LAST_OF_TYPE,
	CSS_PC_ONLY_OF_TYPE,
	CSS_PC_NTH_CHILD,
	CSS_PC_NTH_LAST_CHILD,
	CSS_PC_NTH_OF_TYPE,
	CSS_PC_NTH_LAST_OF_TYPE,
	CSS_PC_EMPTY,
	CSS_PC_NOT,
	CSS_PC_IS,
	CSS_PC_WHERE,
	CSS_PC_HAS,
	CSS_PC_LINK,
	CSS_PC_ANY_LINK,
	CSS_PC_VISITED,
	CSS_PC_HOVER,
	CSS_PC_ACTIVE,
	CSS_PC_FOCUS,
	CSS_PC_FOCUS_WITHIN,
	CSS_PC_FOCUS_VISIBLE,
	CSS_PC_CHECKED,
	CSS_PC_DISABLED,
	CSS_PC_ENABLED,
	CSS_PC_LANG,
	CSS_PC_DIR,
	CSS_PC_DEFINED,
	CSS_PC_REQUIRED,
	CSS_PC_OPTIONAL,
	CSS_PC_READ_ONLY,
	CSS_PC_READ_WRITE,
	CSS_PC_PLACEHOLDER_SHOWN,
	CSS_PC_TARGET,
	CSS_PC_SCOPE,
	CSS_PC_NEVER, /* pseudo-classes of states we never have */
};

struct css_selector;

struct css_selector_list {
	struct css_selector **items;
	size_t count;
};

struct css_simple_selector {
	uint8_t kind; /* enum css_simple_kind */
	uint8_t op; /* enum css_attr_op; pseudo: enum css_pseudo_class or css_pseudo */
	bool case_insensitive; /* attribute selector i flag (or HTML default) */
	bool case_sensitive_flag; /* explicit s flag */
	enum html_tag tag; /* CSS_SEL_TYPE: known tag, else HTML_TAG_UNKNOWN */
	const char *name; /* type (lower-cased), id, class, attribute (lower-cased) or lang/dir argument */
	size_t name_len;
	const char *value; /* attribute value */
	size_t value_len;
	int32_t a, b; /* :nth-*() */
	struct css_selector_list args; /* :not() :is() :where() :has() and nth-child(of S) */
};

/* A valid pseudo-element whose box is never generated (::selection...):
 * its rules are dropped. */
#define CSS_PSEUDO_NEVER CSS_PSEUDO_COUNT

enum css_combinator {
	CSS_COMB_NONE, /* leftmost compound */
	CSS_COMB_DESCENDANT,
	CSS_COMB_CHILD,
	CSS_COMB_NEXT_SIBLING,
	CSS_COMB_SUBSEQUENT_SIBLING,
};

struct css_compound {
	struct css_simple_selector *simples;
	size_t count;
	/* How this compound relates to the one on its left. */
	uint8_t combinator;
};

struct css_selector {
	struct css_compound *compounds; /* left to right */
	size_t count;
	uint32_t specificity; /* a << 20 | b << 10 | c, each saturated */
	uint8_t pseudo_element; /* enum css_pseudo */
	/* :has() arguments are relative: the leading combinator. */
	uint8_t relative;
	/* Hashes of ids, classes and tags required of ancestors, for the
	 * ancestor Bloom filter; 0 ends the list. */
	uint32_t ancestor_hashes[4];
};

/* Parses a selector list from a rule prelude; false when invalid. */
bool css_parse_selector_list(struct base_arena *a, struct css_cv_list in, bool relative,
			     struct css_selector_list *out);
/* A nested style rule's selectors (CSS Nesting): & is the parent's list,
 * and a selector without & is relative to it. */
bool css_parse_nested_selector_list(struct base_arena *a, struct css_cv_list in, const struct css_selector_list *parent,
				    struct css_selector_list *out);
uint32_t css_specificity_of_list_max(const struct css_selector_list *l);
/* Whether matching depends on the element state the embedder supplies
 * (:hover :active :focus :focus-within :focus-visible), anywhere inside. */
bool css_selector_list_uses_user_action(const struct css_selector_list *l);

/* Bloom filter of ancestors' ids, classes and tags (256 bits). */
struct css_bloom {
	uint64_t bits[4];
};
static inline void css_bloom_add(struct css_bloom *b, uint32_t h)
{
	b->bits[(h >> 6) & 3] |= 1ull << (h & 63);
	b->bits[(h >> 14) & 3] |= 1ull << ((h >> 8) & 63);
}
static inline bool css_bloom_may_contain(const struct css_bloom *b, uint32_t h)
{
	return (b->bits[(h >> 6) & 3] & (1ull << (h & 63))) && (b->bits[(h >> 14) & 3] & (1ull << ((h >> 8) & 63)));
}
uint32_t css_hash_name(const char *s, size_t n, bool lower);

/* Per-element facts the matcher needs, computed once per document. */
struct css_element_info {
	const char *id;
	size_t id_len;
	struct css_str *classes;
	size_t class_count;
	struct css_bloom ancestors; /* ancestors' ids, classes and tags */
};

struct css_match_context {
	const struct html_document *doc;
	const struct css_element_info *info; /* by element_index */
	const struct css_element_state *state;
	bool quirks; /* class and id match case-insensitively */
	int depth; /* nesting of :is()/:has() evaluation, bounded */
};

bool css_selector_matches(struct css_match_context *mc, const struct css_selector *sel,
			  const struct html_node *el);
bool css_selector_list_matches(struct css_match_context *mc, const struct css_selector_list *l,
			       const struct html_node *el);

/* ---- Stylesheets (stylesheet.c, media.c) ------------------------------- */

struct css_style_rule {
	struct css_selector_list selectors;
	struct css_decl_block block;
	uint32_t order;
	uint16_t layer; /* rank after css_sheets_finish(): higher wins */
	uint8_t origin; /* enum css_origin */
};

struct css_rule_entry {
	const struct css_selector *selector;
	const struct css_style_rule *rule;
};

struct css_rule_bucket {
	struct css_rule_entry *items;
	size_t len, cap;
};

/* Rules of one pseudo-element (or none) hashed by their rightmost key. */
struct css_rule_hash {
	struct base_map by_id; /* values: struct css_rule_bucket * */
	struct base_map by_class;
	struct css_rule_bucket by_tag[HTML_TAG_COUNT];
	struct base_map by_other_tag;
	struct css_rule_bucket universal;
};

struct css_layer {
	const char *name; /* full dotted name, NULL for anonymous */
	int parent; /* index, -1 for the implicit outer layer */
	uint16_t rank;
};

/* Invalidation data for element-state changes (restyle.c), one entry per
 * compound that tests :hover/:active/:focus in a style rule's selector
 * (as Blink's and Servo's invalidation sets): when an element matching
 * `trigger` flips one of `states`, the elements in `scope` around it that
 * match the features of `target` (the subject compound) are restyled. */
enum css_invalidation_scope {
	CSS_INVALIDATE_SELF, /* the state is tested on the subject */
	CSS_INVALIDATE_DESCENDANTS, /* on an ancestor compound (descendant/child) */
	CSS_INVALIDATE_SIBLINGS, /* following siblings and their subtrees */
	CSS_INVALIDATE_DOCUMENT, /* :has() or a complex :is(): every element */
};

struct css_invalidation {
	const struct css_compound *trigger; /* NULL with CSS_INVALIDATE_DOCUMENT */
	const struct css_compound *target;
	uint8_t states; /* bit set of enum css_state_bit */
	uint8_t scope; /* enum css_invalidation_scope */
};

enum css_state_bit { CSS_STATE_HOVER = 1, CSS_STATE_ACTIVE = 2, CSS_STATE_FOCUS = 4 };

struct css_sheet_set {
	struct base_arena arena;
	struct base_arena scratch; /* validation */
	struct css_rule_hash hash[CSS_PSEUDO_COUNT];
	uint32_t rule_count;
	struct css_layer *layers;
	size_t layer_count, layer_cap;
	const struct css_style_options *opt;
	const struct html_document *doc;
	bool quirks;
	bool uses_user_action; /* some rule's selector depends on element state */
	int import_depth;
	size_t bytes_loaded;
	/* Selectors whose result can differ between siblings with the same
	 * attributes (structural pseudo-classes, sibling combinators, :has(),
	 * :empty): compared before sibling style sharing. */
	const struct css_selector **revalidation;
	size_t revalidation_count, revalidation_cap;
	struct css_invalidation *invalidations; /* heap */
	size_t invalidation_count, invalidation_cap;
	/* What a new viewport size could change: the media query lists
	 * evaluated while collecting rules (with their results), and whether
	 * some value uses viewport units. */
	struct css_media_use *media_uses; /* heap */
	size_t media_use_count, media_use_cap;
	bool uses_viewport_units;
};

struct css_media_use {
	struct css_cv_list query; /* in the sheets' arena */
	bool matched;
};

/* Records the invalidation entries of a style rule's selector. */
void css_invalidation_add(struct css_sheet_set *s, const struct css_selector *sel);

void css_sheets_init(struct css_sheet_set *s, const struct html_document *doc, const struct css_style_options *opt);
void css_sheets_free(struct css_sheet_set *s);
/* Parses a stylesheet's text and adds its rules. base_path locates it. */
void css_sheets_add_text(struct css_sheet_set *s, const char *text, size_t len, enum css_origin origin,
			 const char *base_path);
/* Gathers the document's <style>, <link rel=stylesheet> sheets. */
void css_sheets_add_document(struct css_sheet_set *s);
/* Ranks layers; call once after all sheets are added. */
void css_sheets_finish(struct css_sheet_set *s);
/* Parses a declaration list (style attribute, rule block) into a block. */
void css_parse_declarations(struct css_sheet_set *s, struct base_arena *a, struct css_cv_list in,
			    const char *base_path, struct css_decl_block *out);
void css_parse_declarations_text(struct css_sheet_set *s, struct base_arena *a, const char *text, size_t len,
				 const char *base_path, struct css_decl_block *out);

/* @media: evaluates a media query list against the environment. */
bool css_media_list_matches(struct css_cv_list in, const struct css_media *m);
/* @supports: evaluates a supports condition. */
bool css_supports_condition(struct css_sheet_set *s, struct css_cv_list in);
bool css_supports_import_condition(struct css_sheet_set *s, struct css_cv_list in);

/* The UA stylesheet text (ua.css, embedded at build time). */
extern const char css_ua_stylesheet[];
extern const size_t css_ua_stylesheet_len;
/* Added in quirks mode (ua-quirks.css). */
extern const char css_ua_quirks_stylesheet[];
extern const size_t css_ua_quirks_stylesheet_len;

/* ---- Cascade and computed values (cascade.c, computed.c) --------------- */

/* The initial values of every property. */
const struct css_style *css_initial_style(void);
/* The initial containing block's computed style, allocated in arena. */
struct css_style *css_initial_containing_block_style(struct base_arena *arena);
bool css_is_generic_family(const char *name);


/* Per-thread scratch and caches of the traversal. */
struct css_worker;

struct css_styler {
	struct css_sheet_set *sheets;
	const struct html_document *doc;
	const struct css_style_options *opt;
	struct css_element_info *info;
	struct css_decl_block *attr_blocks; /* style attribute, by element index */
	struct css_decl_block *hint_blocks; /* presentational hints */
	const struct css_style *initial;
	float root_font_size;
};

/* Styles one element (and its pseudo-elements) given its parent's style. */
const struct css_style *css_style_element(struct css_styler *st, struct css_worker *w, const struct html_node *el,
					  const struct css_style *parent, const struct css_style **pseudo_out);

/* Presentational hints of an element as declarations (presentational.c). */
void css_presentational_hints(struct css_sheet_set *s, struct base_arena *a, const struct html_node *el,
			      struct css_decl_block *out);

/* Serialisation helpers shared with the dumps. */
void css_serialize_number(double v, struct base_buf *out);
void css_serialize_length(struct css_length l, struct base_buf *out);
void css_serialize_font_family(const struct css_font_family *f, struct base_buf *out);
const char *css_list_style_type_name(unsigned type);

#endif
