/* html/tokenizer.h (internal): the HTML tokenizer, §13.2.5.
 * https://html.spec.whatwg.org/multipage/parsing.html#tokenization
 *
 * It runs over the whole preprocessed input (UTF-8, newlines normalised) in
 * memory and hands each token to a sink. Character tokens are slices of the
 * input wherever possible; tag and attribute names are interned in the
 * caller's atom table and attribute values copied to the caller's arena, so
 * a token's attributes can become an element's without copying.
 *
 * Ownership: the tokenizer owns its scratch buffers (heap, freed by
 * html_tokenizer_finish()); token strings live in the caller's arena/atoms. */
#ifndef WEFT_HTML_TOKENIZER_H
#define WEFT_HTML_TOKENIZER_H

#include "html/html.h"

#include <string.h>

enum html_token_type {
	HTML_TOKEN_DOCTYPE,
	HTML_TOKEN_START_TAG,
	HTML_TOKEN_END_TAG,
	HTML_TOKEN_COMMENT,
	HTML_TOKEN_CHARS,
	HTML_TOKEN_EOF,
};

struct html_token {
	enum html_token_type type;
	/* Tags: interned lower-case name; tag is its lookup. DOCTYPE: name
	 * (NULL when missing). */
	const char *name;
	size_t name_len;
	enum html_tag tag;
	struct html_attr *attrs; /* arena array, attr_count long */
	size_t attr_count;
	bool self_closing;
	bool self_closing_acknowledged;
	/* Characters and comments: data[0..len), not NUL-terminated for
	 * character tokens. */
	const char *data;
	size_t len;
	/* DOCTYPE */
	const char *public_id; /* NULL when missing */
	const char *system_id;
	bool force_quirks;
};

enum html_tokenizer_state {
	HTML_TS_DATA,
	HTML_TS_RCDATA,
	HTML_TS_RAWTEXT,
	HTML_TS_SCRIPT_DATA,
	HTML_TS_PLAINTEXT,
	HTML_TS_TAG_OPEN,
	HTML_TS_END_TAG_OPEN,
	HTML_TS_TAG_NAME,
	HTML_TS_RCDATA_LT,
	HTML_TS_RCDATA_END_TAG_OPEN,
	HTML_TS_RCDATA_END_TAG_NAME,
	HTML_TS_RAWTEXT_LT,
	HTML_TS_RAWTEXT_END_TAG_OPEN,
	HTML_TS_RAWTEXT_END_TAG_NAME,
	HTML_TS_SCRIPT_DATA_LT,
	HTML_TS_SCRIPT_DATA_END_TAG_OPEN,
	HTML_TS_SCRIPT_DATA_END_TAG_NAME,
	HTML_TS_SCRIPT_DATA_ESCAPE_START,
	HTML_TS_SCRIPT_DATA_ESCAPE_START_DASH,
	HTML_TS_SCRIPT_DATA_ESCAPED,
	HTML_TS_SCRIPT_DATA_ESCAPED_DASH,
	HTML_TS_SCRIPT_DATA_ESCAPED_DASH_DASH,
	HTML_TS_SCRIPT_DATA_ESCAPED_LT,
	HTML_TS_SCRIPT_DATA_ESCAPED_END_TAG_OPEN,
	HTML_TS_SCRIPT_DATA_ESCAPED_END_TAG_NAME,
	HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPE_START,
	HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED,
	HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH,
	HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH_DASH,
	HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_LT,
	HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPE_END,
	HTML_TS_BEFORE_ATTR_NAME,
	HTML_TS_ATTR_NAME,
	HTML_TS_AFTER_ATTR_NAME,
	HTML_TS_BEFORE_ATTR_VALUE,
	HTML_TS_ATTR_VALUE_DQ,
	HTML_TS_ATTR_VALUE_SQ,
	HTML_TS_ATTR_VALUE_UQ,
	HTML_TS_AFTER_ATTR_VALUE_QUOTED,
	HTML_TS_SELF_CLOSING_START_TAG,
	HTML_TS_BOGUS_COMMENT,
	HTML_TS_MARKUP_DECLARATION_OPEN,
	HTML_TS_COMMENT_START,
	HTML_TS_COMMENT_START_DASH,
	HTML_TS_COMMENT,
	HTML_TS_COMMENT_LT,
	HTML_TS_COMMENT_LT_BANG,
	HTML_TS_COMMENT_LT_BANG_DASH,
	HTML_TS_COMMENT_LT_BANG_DASH_DASH,
	HTML_TS_COMMENT_END_DASH,
	HTML_TS_COMMENT_END,
	HTML_TS_COMMENT_END_BANG,
	HTML_TS_DOCTYPE,
	HTML_TS_BEFORE_DOCTYPE_NAME,
	HTML_TS_DOCTYPE_NAME,
	HTML_TS_AFTER_DOCTYPE_NAME,
	HTML_TS_AFTER_DOCTYPE_PUBLIC_KEYWORD,
	HTML_TS_BEFORE_DOCTYPE_PUBLIC_ID,
	HTML_TS_DOCTYPE_PUBLIC_ID_DQ,
	HTML_TS_DOCTYPE_PUBLIC_ID_SQ,
	HTML_TS_AFTER_DOCTYPE_PUBLIC_ID,
	HTML_TS_BETWEEN_DOCTYPE_PUBLIC_AND_SYSTEM_IDS,
	HTML_TS_AFTER_DOCTYPE_SYSTEM_KEYWORD,
	HTML_TS_BEFORE_DOCTYPE_SYSTEM_ID,
	HTML_TS_DOCTYPE_SYSTEM_ID_DQ,
	HTML_TS_DOCTYPE_SYSTEM_ID_SQ,
	HTML_TS_AFTER_DOCTYPE_SYSTEM_ID,
	HTML_TS_BOGUS_DOCTYPE,
	HTML_TS_CDATA_SECTION,
	HTML_TS_CDATA_SECTION_BRACKET,
	HTML_TS_CDATA_SECTION_END,
};

/* A parse error found by the tokenizer or the input preprocessor: the
 * byte offset of the current input character in the preprocessed input. */
struct html_error_at {
	size_t offset;
	const char *code;
};

struct html_tokenizer_attr {
	const char *name;
	const char *value;
	size_t value_len;
};

typedef void (*html_token_sink)(void *ctx, struct html_token *tok);

struct html_tokenizer {
	const char *in;
	size_t len;
	size_t pos; /* index of the next input byte; len + 1 after EOF */
	enum html_tokenizer_state state;
	enum html_tokenizer_state return_state;
	bool done;
	/* Set by the tree builder: the adjusted current node is not in the
	 * HTML namespace, so <![CDATA[ opens a CDATA section. */
	bool cdata_allowed;
	/* The last start tag emitted (interned), for "appropriate end tag". */
	const char *last_start_tag;
	size_t last_start_tag_len;

	html_token_sink sink;
	void *ctx;
	struct base_arena *arena;
	struct base_atoms *atoms;

	/* The token being built. */
	struct html_token tok;
	bool is_end_tag;
	struct base_buf name; /* tag name, DOCTYPE name */
	struct base_buf attr_name;
	struct base_buf attr_value;
	bool attr_open;
	bool attr_duplicate;
	struct html_attr *attrs;
	size_t attr_count, attr_cap;
	struct base_buf comment; /* comment data */
	struct base_buf public_id, system_id;
	bool have_name, have_public, have_system;
	struct base_buf temp; /* the spec's temporary buffer */

	bool collect_errors;
	struct html_error_at *errors;
	size_t error_count, error_cap;
};

/* base_buf_append() with the common case (room left) inline. */
static inline void html_buf_add(struct base_buf *b, const char *p, size_t n)
{
	if (b->cap - b->len > n) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = 0;
	} else
		base_buf_append(b, p, n);
}

void html_tokenizer_init(struct html_tokenizer *t, const char *in, size_t len, struct base_arena *arena,
			 struct base_atoms *atoms, html_token_sink sink, void *ctx);
/* Runs to the end of the input, emitting every token and a final EOF. */
void html_tokenizer_run(struct html_tokenizer *t);
void html_tokenizer_finish(struct html_tokenizer *t);
/* Records a parse error at a byte offset (no-op unless collect_errors). */
void html_tokenizer_error_at(struct html_tokenizer *t, size_t offset, const char *code);
/* Sets the last start tag (tokenizer tests' lastStartTag). */
void html_tokenizer_set_last_start_tag(struct html_tokenizer *t, const char *name);

/* Character references, §13.2.5.72-80: decodes the reference whose "&" is
 * at in[amp] and appends its characters to out. Returns the number of
 * bytes consumed after the "&" (0: not a reference, emit "&" as is).
 * in_attribute selects the attribute-value legacy rule. */
size_t html_consume_char_ref(struct html_tokenizer *t, size_t amp, bool in_attribute, struct base_buf *out);

/* Input preprocessing, §13.2.3.5: normalises newlines and (when out_errors)
 * reports surrogates, noncharacters and control characters. Returns in
 * itself when nothing needs changing, else a copy in the arena. */
const char *html_preprocess_input(const char *in, size_t len, size_t *out_len, struct base_arena *a,
				  struct html_tokenizer *errors_to);

#endif
