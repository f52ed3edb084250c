/* The HTML tokenizer: every state of §13.2.5.
 * https://html.spec.whatwg.org/multipage/parsing.html#tokenization
 *
 * The input is the preprocessed document in memory (UTF-8, no CR). All
 * syntax characters are ASCII, so the state machine steps over bytes; the
 * states that see long runs of ordinary bytes (data, RCDATA, RAWTEXT,
 * script data, attribute values, comments) skip them with a 256-entry
 * class table and hand them on as one slice. The EOF "character" sits at
 * index len: pos becomes len + 1 once it is consumed. */
#include "html/tokenizer.h"
#include "html/tags.h"

#include <stdlib.h>
#include <string.h>

#define EOF_CHAR (-1)

/* Bytes that end a run of ordinary characters, one bit per run kind. */
enum {
	STOP_DATA = 1, /* & < NUL */
	STOP_RCDATA = 2, /* & < NUL */
	STOP_RAWTEXT = 4, /* < NUL */
	STOP_DQ = 8, /* " & NUL */
	STOP_SQ = 16, /* ' & NUL */
	STOP_COMMENT = 32, /* - < NUL */
	STOP_NAME = 64, /* tag/attribute name ends or needs care: ws / > NUL A-Z = " ' < */
};

static const unsigned char stop_table[256] = {
	[0] = STOP_DATA | STOP_RCDATA | STOP_RAWTEXT | STOP_DQ | STOP_SQ | STOP_COMMENT | STOP_NAME,
	['&'] = STOP_DATA | STOP_RCDATA | STOP_DQ | STOP_SQ,
	['<'] = STOP_DATA | STOP_RCDATA | STOP_RAWTEXT | STOP_COMMENT | STOP_NAME,
	['"'] = STOP_DQ | STOP_NAME,
	['\''] = STOP_SQ | STOP_NAME,
	['-'] = STOP_COMMENT,
	['\t'] = STOP_NAME, ['\n'] = STOP_NAME, ['\f'] = STOP_NAME, [' '] = STOP_NAME,
	['/'] = STOP_NAME, ['>'] = STOP_NAME, ['='] = STOP_NAME,
	['A'] = STOP_NAME, ['B'] = STOP_NAME, ['C'] = STOP_NAME, ['D'] = STOP_NAME, ['E'] = STOP_NAME,
	['F'] = STOP_NAME, ['G'] = STOP_NAME, ['H'] = STOP_NAME, ['I'] = STOP_NAME, ['J'] = STOP_NAME,
	['K'] = STOP_NAME, ['L'] = STOP_NAME, ['M'] = STOP_NAME, ['N'] = STOP_NAME, ['O'] = STOP_NAME,
	['P'] = STOP_NAME, ['Q'] = STOP_NAME, ['R'] = STOP_NAME, ['S'] = STOP_NAME, ['T'] = STOP_NAME,
	['U'] = STOP_NAME, ['V'] = STOP_NAME, ['W'] = STOP_NAME, ['X'] = STOP_NAME, ['Y'] = STOP_NAME,
	['Z'] = STOP_NAME,
};

static const char replacement_char[] = "\xEF\xBF\xBD";

static inline size_t scan_run(const char *in, size_t pos, size_t len, unsigned mask)
{
	const unsigned char *p = (const unsigned char *)in;
	while (pos + 4 <= len) {
		if (stop_table[p[pos]] & mask)
			return pos;
		if (stop_table[p[pos + 1]] & mask)
			return pos + 1;
		if (stop_table[p[pos + 2]] & mask)
			return pos + 2;
		if (stop_table[p[pos + 3]] & mask)
			return pos + 3;
		pos += 4;
	}
	while (pos < len && !(stop_table[p[pos]] & mask))
		pos++;
	return pos;
}

static inline bool is_ws(int c)
{
	return c == '\t' || c == '\n' || c == '\f' || c == ' ';
}

static inline bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

void html_tokenizer_init(struct html_tokenizer *t, const char *in, size_t len, struct base_arena *arena,
			 struct base_atoms *atoms, html_token_sink sink, void *ctx)
{
	memset(t, 0, sizeof *t);
	t->in = in;
	t->len = len;
	t->arena = arena;
	t->atoms = atoms;
	t->sink = sink;
	t->ctx = ctx;
	t->state = HTML_TS_DATA;
}

void html_tokenizer_finish(struct html_tokenizer *t)
{
	base_buf_free(&t->name);
	base_buf_free(&t->attr_name);
	base_buf_free(&t->attr_value);
	base_buf_free(&t->comment);
	base_buf_free(&t->public_id);
	base_buf_free(&t->system_id);
	base_buf_free(&t->temp);
	free(t->attrs);
	free(t->errors);
	t->attrs = NULL;
	t->errors = NULL;
}

void html_tokenizer_error_at(struct html_tokenizer *t, size_t offset, const char *code)
{
	if (!t->collect_errors)
		return;
	if (t->error_count == t->error_cap) {
		t->error_cap = t->error_cap ? t->error_cap * 2 : 16;
		t->errors = base_xrealloc(t->errors, t->error_cap * sizeof *t->errors);
	}
	t->errors[t->error_count].offset = offset;
	t->errors[t->error_count].code = code;
	t->error_count++;
}

void html_tokenizer_set_last_start_tag(struct html_tokenizer *t, const char *name)
{
	size_t n = strlen(name);
	t->last_start_tag = base_atoms_intern(t->atoms, name, n);
	t->last_start_tag_len = n;
}

/* The error is at the current input character. */
#define ERR(code) html_tokenizer_error_at(t, t->pos - 1, code)

static void html_tokenizer_run_states(struct html_tokenizer *t);

/* ---- Emitting tokens -------------------------------------------------- */

/* Field by field: a designated initializer would clear the whole struct
 * with a string store for every token, which shows in profiles. */
static inline void token_init(struct html_token *tok, enum html_token_type type)
{
	tok->type = type;
	tok->name = NULL;
	tok->name_len = 0;
	tok->tag = HTML_TAG_UNKNOWN;
	tok->attrs = NULL;
	tok->attr_count = 0;
	tok->self_closing = false;
	tok->self_closing_acknowledged = false;
	tok->data = NULL;
	tok->len = 0;
	tok->public_id = NULL;
	tok->system_id = NULL;
	tok->force_quirks = false;
}

static void emit_chars(struct html_tokenizer *t, const char *p, size_t n)
{
	if (!n)
		return;
	struct html_token tok;
	token_init(&tok, HTML_TOKEN_CHARS);
	tok.data = p;
	tok.len = n;
	t->sink(t->ctx, &tok);
}

static void emit_comment(struct html_tokenizer *t)
{
	struct html_token tok;
	token_init(&tok, HTML_TOKEN_COMMENT);
	tok.data = base_arena_strndup(t->arena, t->comment.data ? t->comment.data : "", t->comment.len);
	tok.len = t->comment.len;
	t->sink(t->ctx, &tok);
}

static void emit_eof(struct html_tokenizer *t)
{
	struct html_token tok;
	token_init(&tok, HTML_TOKEN_EOF);
	t->done = true;
	t->sink(t->ctx, &tok);
}

static void start_tag(struct html_tokenizer *t, bool end)
{
	t->is_end_tag = end;
	base_buf_clear(&t->name);
	t->attr_count = 0;
	t->attr_open = false;
	t->tok.self_closing = false;
}

static void start_attr(struct html_tokenizer *t)
{
	base_buf_clear(&t->attr_name);
	base_buf_clear(&t->attr_value);
	t->attr_open = true;
	t->attr_duplicate = false;
}

/* Leaving the attribute name state: a name already on the token makes
 * this attribute a duplicate, dropped when it ends. */
static void check_attr_name(struct html_tokenizer *t)
{
	const char *nm = base_atoms_intern(t->atoms, t->attr_name.data ? t->attr_name.data : "",
					   t->attr_name.len);
	for (size_t i = 0; i < t->attr_count; i++) {
		if (t->attrs[i].name == nm) {
			ERR("duplicate-attribute");
			t->attr_duplicate = true;
			return;
		}
	}
	if (t->attr_count == t->attr_cap) {
		t->attr_cap = t->attr_cap ? t->attr_cap * 2 : 8;
		t->attrs = base_xrealloc(t->attrs, t->attr_cap * sizeof *t->attrs);
	}
	struct html_attr *a = &t->attrs[t->attr_count++];
	memset(a, 0, sizeof *a);
	a->name = nm;
	a->value = NULL;
}

static void finish_attr(struct html_tokenizer *t)
{
	if (!t->attr_open)
		return;
	t->attr_open = false;
	if (t->attr_duplicate)
		return;
	struct html_attr *a = &t->attrs[t->attr_count - 1];
	a->value = base_arena_strndup(t->arena, t->attr_value.data ? t->attr_value.data : "", t->attr_value.len);
	a->value_len = t->attr_value.len;
}

static void emit_tag(struct html_tokenizer *t)
{
	finish_attr(t);
	struct html_token tok;
	token_init(&tok, t->is_end_tag ? HTML_TOKEN_END_TAG : HTML_TOKEN_START_TAG);
	const char *nm = t->name.data ? t->name.data : "";
	tok.tag = html_tag_lookup_hashed(nm, t->name.len);
	tok.name = tok.tag != HTML_TAG_UNKNOWN ? html_tag_names[tok.tag]
					       : base_atoms_intern(t->atoms, nm, t->name.len);
	tok.name_len = t->name.len;
	tok.self_closing = t->tok.self_closing;
	if (t->is_end_tag) {
		if (t->attr_count)
			ERR("end-tag-with-attributes");
		if (tok.self_closing)
			ERR("end-tag-with-trailing-solidus");
	} else {
		if (t->attr_count) {
			tok.attrs = base_arena_memdup(t->arena, t->attrs, t->attr_count * sizeof *t->attrs);
			tok.attr_count = t->attr_count;
		}
		t->last_start_tag = tok.name;
		t->last_start_tag_len = tok.name_len;
	}
	t->state = HTML_TS_DATA;
	t->sink(t->ctx, &tok);
	if (!t->is_end_tag && tok.self_closing && !tok.self_closing_acknowledged)
		html_tokenizer_error_at(t, t->pos - 1, "non-void-html-element-start-tag-with-trailing-solidus");
}

static void start_doctype(struct html_tokenizer *t)
{
	base_buf_clear(&t->name);
	base_buf_clear(&t->public_id);
	base_buf_clear(&t->system_id);
	t->have_name = t->have_public = t->have_system = false;
	t->tok.force_quirks = false;
}

static void emit_doctype(struct html_tokenizer *t)
{
	struct html_token tok;
	token_init(&tok, HTML_TOKEN_DOCTYPE);
	if (t->have_name) {
		tok.name = base_arena_strndup(t->arena, t->name.data ? t->name.data : "", t->name.len);
		tok.name_len = t->name.len;
	}
	if (t->have_public)
		tok.public_id = base_arena_strndup(t->arena, t->public_id.data ? t->public_id.data : "",
						   t->public_id.len);
	if (t->have_system)
		tok.system_id = base_arena_strndup(t->arena, t->system_id.data ? t->system_id.data : "",
						   t->system_id.len);
	tok.force_quirks = t->tok.force_quirks;
	t->state = HTML_TS_DATA;
	t->sink(t->ctx, &tok);
}

/* A quote after the PUBLIC or SYSTEM keyword starts the (empty, not
 * missing) identifier, read in the state for that kind of quote. */
static void begin_doctype_identifier(struct html_tokenizer *t, bool pub, int c)
{
	if (pub) {
		t->have_public = true;
		t->state = c == '"' ? HTML_TS_DOCTYPE_PUBLIC_ID_DQ : HTML_TS_DOCTYPE_PUBLIC_ID_SQ;
	} else {
		t->have_system = true;
		t->state = c == '"' ? HTML_TS_DOCTYPE_SYSTEM_ID_DQ : HTML_TS_DOCTYPE_SYSTEM_ID_SQ;
	}
}

static bool appropriate_end_tag(struct html_tokenizer *t)
{
	return t->last_start_tag && t->name.len == t->last_start_tag_len &&
	       memcmp(t->name.data, t->last_start_tag, t->name.len) == 0;
}

/* Case-insensitive match of the input at pos with a lower-case word. */
static bool lookahead_ieq(struct html_tokenizer *t, size_t pos, const char *word)
{
	size_t n = strlen(word);
	if (pos + n > t->len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)t->in[pos + i]) != word[i])
			return false;
	return true;
}

/* A character reference in data or RCDATA: emits its characters. */
static void char_ref_in_text(struct html_tokenizer *t)
{
	size_t amp = t->pos - 1;
	base_buf_clear(&t->temp);
	size_t used = html_consume_char_ref(t, amp, false, &t->temp);
	t->pos += used;
	emit_chars(t, t->temp.data, t->temp.len);
}

static void char_ref_in_attr(struct html_tokenizer *t)
{
	size_t amp = t->pos - 1;
	size_t used = html_consume_char_ref(t, amp, true, &t->attr_value);
	t->pos += used;
}

/* The end-tag-name states of RCDATA, RAWTEXT and script data share this:
 * returns true when the state changed (tag emitted or given up). */
static void end_tag_name_anything_else(struct html_tokenizer *t, enum html_tokenizer_state back)
{
	/* Emit "</" and the temporary buffer, reconsume in the text state. */
	emit_chars(t, "</", 2);
	emit_chars(t, t->temp.data, t->temp.len);
	t->pos--;
	t->state = back;
}

static void text_end_tag_name(struct html_tokenizer *t, int c, enum html_tokenizer_state back)
{
	if ((is_ws(c) || c == '/' || c == '>') && appropriate_end_tag(t)) {
		if (is_ws(c))
			t->state = HTML_TS_BEFORE_ATTR_NAME;
		else if (c == '/')
			t->state = HTML_TS_SELF_CLOSING_START_TAG;
		else
			emit_tag(t);
		return;
	}
	if (is_alpha(c)) {
		base_buf_putc(&t->name, (char)lower(c));
		base_buf_putc(&t->temp, (char)c);
		return;
	}
	end_tag_name_anything_else(t, back);
}

/* Input stream errors were recorded before tokenizing; each goes before
 * the first later error at or after its offset (it is reported when the
 * character is read, before the states look at it). */
static void merge_input_errors(struct html_tokenizer *t, size_t k)
{
	if (!k || k == t->error_count)
		return;
	struct html_error_at *merged = base_xmalloc(t->error_count * sizeof *merged);
	size_t i = 0, j = k, o = 0;
	while (i < k || j < t->error_count) {
		if (i < k && (j == t->error_count || t->errors[i].offset <= t->errors[j].offset))
			merged[o++] = t->errors[i++];
		else
			merged[o++] = t->errors[j++];
	}
	free(t->errors);
	t->errors = merged;
	t->error_cap = t->error_count;
}

void html_tokenizer_run(struct html_tokenizer *t)
{
	size_t input_errors = t->error_count;
	html_tokenizer_run_states(t);
	merge_input_errors(t, input_errors);
}

static void html_tokenizer_run_states(struct html_tokenizer *t)
{
	const char *in = t->in;
	const size_t len = t->len;
	int c;
#define CONSUME() (t->pos < len ? (int)(unsigned char)in[t->pos++] : (t->pos++, EOF_CHAR))
#define RECONSUME_IN(s) (t->pos--, t->state = (s))

	while (!t->done) {
		switch (t->state) {
		case HTML_TS_DATA: {
			size_t start = t->pos;
			size_t stop = scan_run(in, start, len, STOP_DATA);
			emit_chars(t, in + start, stop - start);
			t->pos = stop;
			c = CONSUME();
			if (c == '&')
				char_ref_in_text(t);
			else if (c == '<') {
				/* The common "<name" goes straight to the tag name state
				 * (tag open's ASCII-alpha case, without a dispatch). */
				if (t->pos < len && is_alpha((unsigned char)in[t->pos])) {
					start_tag(t, false);
					t->state = HTML_TS_TAG_NAME;
					goto tag_name;
				}
				t->state = HTML_TS_TAG_OPEN;
			} else if (c == 0) {
				ERR("unexpected-null-character");
				emit_chars(t, in + t->pos - 1, 1);
			} else
				emit_eof(t);
			break;
		}
		case HTML_TS_RCDATA:
		case HTML_TS_RAWTEXT:
		case HTML_TS_SCRIPT_DATA:
		case HTML_TS_PLAINTEXT: {
			unsigned mask = t->state == HTML_TS_RCDATA ? STOP_RCDATA : STOP_RAWTEXT;
			size_t start = t->pos;
			size_t stop = scan_run(in, start, len, mask);
			if (t->state == HTML_TS_PLAINTEXT)
				while (stop < len && in[stop] != 0)
					stop++;
			emit_chars(t, in + start, stop - start);
			t->pos = stop;
			c = CONSUME();
			if (c == '&')
				char_ref_in_text(t);
			else if (c == '<')
				t->state = t->state == HTML_TS_RCDATA	   ? HTML_TS_RCDATA_LT
					   : t->state == HTML_TS_RAWTEXT ? HTML_TS_RAWTEXT_LT
									 : HTML_TS_SCRIPT_DATA_LT;
			else if (c == 0) {
				ERR("unexpected-null-character");
				emit_chars(t, replacement_char, 3);
			} else
				emit_eof(t);
			break;
		}
		case HTML_TS_TAG_OPEN:
			c = CONSUME();
			if (c == '!')
				t->state = HTML_TS_MARKUP_DECLARATION_OPEN;
			else if (c == '/')
				t->state = HTML_TS_END_TAG_OPEN;
			else if (is_alpha(c)) {
				start_tag(t, false);
				RECONSUME_IN(HTML_TS_TAG_NAME);
			} else if (c == '?') {
				ERR("unexpected-question-mark-instead-of-tag-name");
				base_buf_clear(&t->comment);
				RECONSUME_IN(HTML_TS_BOGUS_COMMENT);
			} else if (c == EOF_CHAR) {
				ERR("eof-before-tag-name");
				emit_chars(t, "<", 1);
				emit_eof(t);
			} else {
				ERR("invalid-first-character-of-tag-name");
				emit_chars(t, "<", 1);
				RECONSUME_IN(HTML_TS_DATA);
			}
			break;
		case HTML_TS_END_TAG_OPEN:
			c = CONSUME();
			if (is_alpha(c)) {
				start_tag(t, true);
				RECONSUME_IN(HTML_TS_TAG_NAME);
			} else if (c == '>') {
				ERR("missing-end-tag-name");
				t->state = HTML_TS_DATA;
			} else if (c == EOF_CHAR) {
				ERR("eof-before-tag-name");
				emit_chars(t, "</", 2);
				emit_eof(t);
			} else {
				ERR("invalid-first-character-of-tag-name");
				base_buf_clear(&t->comment);
				RECONSUME_IN(HTML_TS_BOGUS_COMMENT);
			}
			break;
		case HTML_TS_TAG_NAME:
		tag_name: {
			size_t start = t->pos;
			size_t stop = scan_run(in, start, len, STOP_NAME);
			html_buf_add(&t->name, in + start, stop - start);
			t->pos = stop;
			c = CONSUME();
			if (is_ws(c))
				t->state = HTML_TS_BEFORE_ATTR_NAME;
			else if (c == '/')
				t->state = HTML_TS_SELF_CLOSING_START_TAG;
			else if (c == '>')
				emit_tag(t);
			else if (c >= 'A' && c <= 'Z')
				base_buf_putc(&t->name, (char)(c + 32));
			else if (c == 0) {
				ERR("unexpected-null-character");
				base_buf_append(&t->name, replacement_char, 3);
			} else if (c == EOF_CHAR) {
				ERR("eof-in-tag");
				emit_eof(t);
			} else
				base_buf_putc(&t->name, (char)c);
			break;
		}
		case HTML_TS_RCDATA_LT:
		case HTML_TS_RAWTEXT_LT:
		case HTML_TS_SCRIPT_DATA_LT: {
			enum html_tokenizer_state s = t->state;
			c = CONSUME();
			if (c == '/') {
				base_buf_clear(&t->temp);
				t->state = s == HTML_TS_RCDATA_LT    ? HTML_TS_RCDATA_END_TAG_OPEN
					   : s == HTML_TS_RAWTEXT_LT ? HTML_TS_RAWTEXT_END_TAG_OPEN
								     : HTML_TS_SCRIPT_DATA_END_TAG_OPEN;
			} else if (s == HTML_TS_SCRIPT_DATA_LT && c == '!') {
				emit_chars(t, "<!", 2);
				t->state = HTML_TS_SCRIPT_DATA_ESCAPE_START;
			} else {
				emit_chars(t, "<", 1);
				RECONSUME_IN(s == HTML_TS_RCDATA_LT    ? HTML_TS_RCDATA
					     : s == HTML_TS_RAWTEXT_LT ? HTML_TS_RAWTEXT
								       : HTML_TS_SCRIPT_DATA);
			}
			break;
		}
		case HTML_TS_RCDATA_END_TAG_OPEN:
		case HTML_TS_RAWTEXT_END_TAG_OPEN:
		case HTML_TS_SCRIPT_DATA_END_TAG_OPEN:
		case HTML_TS_SCRIPT_DATA_ESCAPED_END_TAG_OPEN: {
			enum html_tokenizer_state s = t->state;
			enum html_tokenizer_state text = s == HTML_TS_RCDATA_END_TAG_OPEN    ? HTML_TS_RCDATA
							 : s == HTML_TS_RAWTEXT_END_TAG_OPEN ? HTML_TS_RAWTEXT
							 : s == HTML_TS_SCRIPT_DATA_END_TAG_OPEN
							     ? HTML_TS_SCRIPT_DATA
							     : HTML_TS_SCRIPT_DATA_ESCAPED;
			c = CONSUME();
			if (is_alpha(c)) {
				start_tag(t, true);
				RECONSUME_IN(s + 1);
			} else {
				emit_chars(t, "</", 2);
				RECONSUME_IN(text);
			}
			break;
		}
		case HTML_TS_RCDATA_END_TAG_NAME:
			c = CONSUME();
			text_end_tag_name(t, c, HTML_TS_RCDATA);
			break;
		case HTML_TS_RAWTEXT_END_TAG_NAME:
			c = CONSUME();
			text_end_tag_name(t, c, HTML_TS_RAWTEXT);
			break;
		case HTML_TS_SCRIPT_DATA_END_TAG_NAME:
			c = CONSUME();
			text_end_tag_name(t, c, HTML_TS_SCRIPT_DATA);
			break;
		case HTML_TS_SCRIPT_DATA_ESCAPED_END_TAG_NAME:
			c = CONSUME();
			text_end_tag_name(t, c, HTML_TS_SCRIPT_DATA_ESCAPED);
			break;
		case HTML_TS_SCRIPT_DATA_ESCAPE_START:
		case HTML_TS_SCRIPT_DATA_ESCAPE_START_DASH:
			c = CONSUME();
			if (c == '-') {
				emit_chars(t, "-", 1);
				t->state = t->state == HTML_TS_SCRIPT_DATA_ESCAPE_START
						   ? HTML_TS_SCRIPT_DATA_ESCAPE_START_DASH
						   : HTML_TS_SCRIPT_DATA_ESCAPED_DASH_DASH;
			} else
				RECONSUME_IN(HTML_TS_SCRIPT_DATA);
			break;
		case HTML_TS_SCRIPT_DATA_ESCAPED:
		case HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED: {
			bool dbl = t->state == HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED;
			size_t start = t->pos;
			size_t stop = scan_run(in, start, len, STOP_COMMENT);
			emit_chars(t, in + start, stop - start);
			t->pos = stop;
			c = CONSUME();
			if (c == '-') {
				emit_chars(t, "-", 1);
				t->state = dbl ? HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH
					       : HTML_TS_SCRIPT_DATA_ESCAPED_DASH;
			} else if (c == '<') {
				if (dbl)
					emit_chars(t, "<", 1);
				t->state = dbl ? HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_LT
					       : HTML_TS_SCRIPT_DATA_ESCAPED_LT;
			} else if (c == 0) {
				ERR("unexpected-null-character");
				emit_chars(t, replacement_char, 3);
			} else {
				ERR("eof-in-script-html-comment-like-text");
				emit_eof(t);
			}
			break;
		}
		case HTML_TS_SCRIPT_DATA_ESCAPED_DASH:
		case HTML_TS_SCRIPT_DATA_ESCAPED_DASH_DASH:
		case HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH:
		case HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH_DASH: {
			bool dbl = t->state == HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH ||
				   t->state == HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH_DASH;
			bool dashdash = t->state == HTML_TS_SCRIPT_DATA_ESCAPED_DASH_DASH ||
					t->state == HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH_DASH;
			enum html_tokenizer_state body =
				dbl ? HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED : HTML_TS_SCRIPT_DATA_ESCAPED;
			c = CONSUME();
			if (c == '-') {
				emit_chars(t, "-", 1);
				t->state = dbl ? HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_DASH_DASH
					       : HTML_TS_SCRIPT_DATA_ESCAPED_DASH_DASH;
			} else if (c == '<') {
				if (dbl)
					emit_chars(t, "<", 1);
				t->state = dbl ? HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_LT
					       : HTML_TS_SCRIPT_DATA_ESCAPED_LT;
			} else if (c == '>' && dashdash) {
				emit_chars(t, ">", 1);
				t->state = HTML_TS_SCRIPT_DATA;
			} else if (c == 0) {
				ERR("unexpected-null-character");
				emit_chars(t, replacement_char, 3);
				t->state = body;
			} else if (c == EOF_CHAR) {
				ERR("eof-in-script-html-comment-like-text");
				emit_eof(t);
			} else {
				emit_chars(t, in + t->pos - 1, 1);
				t->state = body;
			}
			break;
		}
		case HTML_TS_SCRIPT_DATA_ESCAPED_LT:
			c = CONSUME();
			if (c == '/') {
				base_buf_clear(&t->temp);
				t->state = HTML_TS_SCRIPT_DATA_ESCAPED_END_TAG_OPEN;
			} else if (is_alpha(c)) {
				base_buf_clear(&t->temp);
				emit_chars(t, "<", 1);
				RECONSUME_IN(HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPE_START);
			} else {
				emit_chars(t, "<", 1);
				RECONSUME_IN(HTML_TS_SCRIPT_DATA_ESCAPED);
			}
			break;
		case HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPE_START:
		case HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPE_END: {
			bool start = t->state == HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPE_START;
			c = CONSUME();
			if (is_ws(c) || c == '/' || c == '>') {
				bool is_script = t->temp.len == 6 && memcmp(t->temp.data, "script", 6) == 0;
				if (start)
					t->state = is_script ? HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED
							     : HTML_TS_SCRIPT_DATA_ESCAPED;
				else
					t->state = is_script ? HTML_TS_SCRIPT_DATA_ESCAPED
							     : HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED;
				emit_chars(t, in + t->pos - 1, 1);
			} else if (is_alpha(c)) {
				base_buf_putc(&t->temp, (char)lower(c));
				emit_chars(t, in + t->pos - 1, 1);
			} else
				RECONSUME_IN(start ? HTML_TS_SCRIPT_DATA_ESCAPED : HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED);
			break;
		}
		case HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED_LT:
			c = CONSUME();
			if (c == '/') {
				base_buf_clear(&t->temp);
				emit_chars(t, "/", 1);
				t->state = HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPE_END;
			} else
				RECONSUME_IN(HTML_TS_SCRIPT_DATA_DOUBLE_ESCAPED);
			break;
		case HTML_TS_BEFORE_ATTR_NAME:
			while (t->pos < len && is_ws((unsigned char)in[t->pos]))
				t->pos++;
			c = CONSUME();
			if (c == '/' || c == '>' || c == EOF_CHAR)
				RECONSUME_IN(HTML_TS_AFTER_ATTR_NAME);
			else if (c == '=') {
				ERR("unexpected-equals-sign-before-attribute-name");
				finish_attr(t);
				start_attr(t);
				base_buf_putc(&t->attr_name, '=');
				t->state = HTML_TS_ATTR_NAME;
			} else {
				finish_attr(t);
				start_attr(t);
				RECONSUME_IN(HTML_TS_ATTR_NAME);
			}
			break;
		case HTML_TS_ATTR_NAME: {
			size_t start = t->pos;
			size_t stop = scan_run(in, start, len, STOP_NAME);
			html_buf_add(&t->attr_name, in + start, stop - start);
			t->pos = stop;
			c = CONSUME();
			if (is_ws(c) || c == '/' || c == '>' || c == EOF_CHAR) {
				check_attr_name(t);
				RECONSUME_IN(HTML_TS_AFTER_ATTR_NAME);
			} else if (c == '=') {
				check_attr_name(t);
				if (t->pos < len && in[t->pos] == '"') {
					t->pos++;
					t->state = HTML_TS_ATTR_VALUE_DQ;
				} else
					t->state = HTML_TS_BEFORE_ATTR_VALUE;
			} else if (c >= 'A' && c <= 'Z')
				base_buf_putc(&t->attr_name, (char)(c + 32));
			else if (c == 0) {
				ERR("unexpected-null-character");
				base_buf_append(&t->attr_name, replacement_char, 3);
			} else {
				if (c == '"' || c == '\'' || c == '<')
					ERR("unexpected-character-in-attribute-name");
				base_buf_putc(&t->attr_name, (char)c);
			}
			break;
		}
		case HTML_TS_AFTER_ATTR_NAME:
			c = CONSUME();
			if (is_ws(c))
				break;
			if (c == '/')
				t->state = HTML_TS_SELF_CLOSING_START_TAG;
			else if (c == '=')
				t->state = HTML_TS_BEFORE_ATTR_VALUE;
			else if (c == '>')
				emit_tag(t);
			else if (c == EOF_CHAR) {
				ERR("eof-in-tag");
				emit_eof(t);
			} else {
				finish_attr(t);
				start_attr(t);
				RECONSUME_IN(HTML_TS_ATTR_NAME);
			}
			break;
		case HTML_TS_BEFORE_ATTR_VALUE:
			c = CONSUME();
			if (is_ws(c))
				break;
			if (c == '"')
				t->state = HTML_TS_ATTR_VALUE_DQ;
			else if (c == '\'')
				t->state = HTML_TS_ATTR_VALUE_SQ;
			else if (c == '>') {
				ERR("missing-attribute-value");
				emit_tag(t);
			} else
				RECONSUME_IN(HTML_TS_ATTR_VALUE_UQ);
			break;
		case HTML_TS_ATTR_VALUE_DQ:
		case HTML_TS_ATTR_VALUE_SQ: {
			bool dq = t->state == HTML_TS_ATTR_VALUE_DQ;
			size_t start = t->pos;
			size_t stop = scan_run(in, start, len, dq ? STOP_DQ : STOP_SQ);
			html_buf_add(&t->attr_value, in + start, stop - start);
			t->pos = stop;
			c = CONSUME();
			if (c == (dq ? '"' : '\'')) {
				/* After attribute value (quoted): whitespace and ">" are
				 * the usual next characters. */
				if (t->pos < len && is_ws((unsigned char)in[t->pos])) {
					t->pos++;
					t->state = HTML_TS_BEFORE_ATTR_NAME;
				} else if (t->pos < len && in[t->pos] == '>') {
					t->pos++;
					emit_tag(t);
				} else
					t->state = HTML_TS_AFTER_ATTR_VALUE_QUOTED;
			}
			else if (c == '&')
				char_ref_in_attr(t);
			else if (c == 0) {
				ERR("unexpected-null-character");
				base_buf_append(&t->attr_value, replacement_char, 3);
			} else {
				ERR("eof-in-tag");
				emit_eof(t);
			}
			break;
		}
		case HTML_TS_ATTR_VALUE_UQ:
			c = CONSUME();
			if (is_ws(c))
				t->state = HTML_TS_BEFORE_ATTR_NAME;
			else if (c == '&')
				char_ref_in_attr(t);
			else if (c == '>')
				emit_tag(t);
			else if (c == 0) {
				ERR("unexpected-null-character");
				base_buf_append(&t->attr_value, replacement_char, 3);
			} else if (c == EOF_CHAR) {
				ERR("eof-in-tag");
				emit_eof(t);
			} else {
				if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`')
					ERR("unexpected-character-in-unquoted-attribute-value");
				base_buf_putc(&t->attr_value, (char)c);
			}
			break;
		case HTML_TS_AFTER_ATTR_VALUE_QUOTED:
			c = CONSUME();
			if (is_ws(c))
				t->state = HTML_TS_BEFORE_ATTR_NAME;
			else if (c == '/')
				t->state = HTML_TS_SELF_CLOSING_START_TAG;
			else if (c == '>')
				emit_tag(t);
			else if (c == EOF_CHAR) {
				ERR("eof-in-tag");
				emit_eof(t);
			} else {
				ERR("missing-whitespace-between-attributes");
				RECONSUME_IN(HTML_TS_BEFORE_ATTR_NAME);
			}
			break;
		case HTML_TS_SELF_CLOSING_START_TAG:
			c = CONSUME();
			if (c == '>') {
				t->tok.self_closing = true;
				emit_tag(t);
			} else if (c == EOF_CHAR) {
				ERR("eof-in-tag");
				emit_eof(t);
			} else {
				ERR("unexpected-solidus-in-tag");
				RECONSUME_IN(HTML_TS_BEFORE_ATTR_NAME);
			}
			break;
		case HTML_TS_BOGUS_COMMENT:
			c = CONSUME();
			if (c == '>') {
				emit_comment(t);
				t->state = HTML_TS_DATA;
			} else if (c == EOF_CHAR) {
				emit_comment(t);
				emit_eof(t);
			} else if (c == 0) {
				ERR("unexpected-null-character");
				base_buf_append(&t->comment, replacement_char, 3);
			} else {
				size_t start = t->pos - 1;
				size_t stop = start + 1;
				while (stop < len && in[stop] != '>' && in[stop] != 0)
					stop++;
				html_buf_add(&t->comment, in + start, stop - start);
				t->pos = stop;
			}
			break;
		case HTML_TS_MARKUP_DECLARATION_OPEN:
			if (t->pos + 2 <= len && in[t->pos] == '-' && in[t->pos + 1] == '-') {
				t->pos += 2;
				base_buf_clear(&t->comment);
				t->state = HTML_TS_COMMENT_START;
			} else if (lookahead_ieq(t, t->pos, "doctype")) {
				t->pos += 7;
				t->state = HTML_TS_DOCTYPE;
			} else if (t->pos + 7 <= len && memcmp(in + t->pos, "[CDATA[", 7) == 0) {
				t->pos += 7;
				if (t->cdata_allowed)
					t->state = HTML_TS_CDATA_SECTION;
				else {
					html_tokenizer_error_at(t, t->pos - 1, "cdata-in-html-content");
					base_buf_clear(&t->comment);
					base_buf_append(&t->comment, "[CDATA[", 7);
					t->state = HTML_TS_BOGUS_COMMENT;
				}
			} else {
				html_tokenizer_error_at(t, t->pos, "incorrectly-opened-comment");
				base_buf_clear(&t->comment);
				t->state = HTML_TS_BOGUS_COMMENT;
			}
			break;
		case HTML_TS_COMMENT_START:
			c = CONSUME();
			if (c == '-')
				t->state = HTML_TS_COMMENT_START_DASH;
			else if (c == '>') {
				ERR("abrupt-closing-of-empty-comment");
				emit_comment(t);
				t->state = HTML_TS_DATA;
			} else
				RECONSUME_IN(HTML_TS_COMMENT);
			break;
		case HTML_TS_COMMENT_START_DASH:
			c = CONSUME();
			if (c == '-')
				t->state = HTML_TS_COMMENT_END;
			else if (c == '>') {
				ERR("abrupt-closing-of-empty-comment");
				emit_comment(t);
				t->state = HTML_TS_DATA;
			} else if (c == EOF_CHAR) {
				ERR("eof-in-comment");
				emit_comment(t);
				emit_eof(t);
			} else {
				base_buf_putc(&t->comment, '-');
				RECONSUME_IN(HTML_TS_COMMENT);
			}
			break;
		case HTML_TS_COMMENT: {
			size_t start = t->pos;
			size_t stop = scan_run(in, start, len, STOP_COMMENT);
			html_buf_add(&t->comment, in + start, stop - start);
			t->pos = stop;
			c = CONSUME();
			if (c == '<') {
				base_buf_putc(&t->comment, '<');
				t->state = HTML_TS_COMMENT_LT;
			} else if (c == '-')
				t->state = HTML_TS_COMMENT_END_DASH;
			else if (c == 0) {
				ERR("unexpected-null-character");
				base_buf_append(&t->comment, replacement_char, 3);
			} else {
				ERR("eof-in-comment");
				emit_comment(t);
				emit_eof(t);
			}
			break;
		}
		case HTML_TS_COMMENT_LT:
			c = CONSUME();
			if (c == '!') {
				base_buf_putc(&t->comment, '!');
				t->state = HTML_TS_COMMENT_LT_BANG;
			} else if (c == '<')
				base_buf_putc(&t->comment, '<');
			else
				RECONSUME_IN(HTML_TS_COMMENT);
			break;
		case HTML_TS_COMMENT_LT_BANG:
			c = CONSUME();
			if (c == '-')
				t->state = HTML_TS_COMMENT_LT_BANG_DASH;
			else
				RECONSUME_IN(HTML_TS_COMMENT);
			break;
		case HTML_TS_COMMENT_LT_BANG_DASH:
			c = CONSUME();
			if (c == '-')
				t->state = HTML_TS_COMMENT_LT_BANG_DASH_DASH;
			else
				RECONSUME_IN(HTML_TS_COMMENT_END_DASH);
			break;
		case HTML_TS_COMMENT_LT_BANG_DASH_DASH:
			c = CONSUME();
			if (c == '>' || c == EOF_CHAR)
				RECONSUME_IN(HTML_TS_COMMENT_END);
			else {
				ERR("nested-comment");
				RECONSUME_IN(HTML_TS_COMMENT_END);
			}
			break;
		case HTML_TS_COMMENT_END_DASH:
			c = CONSUME();
			if (c == '-')
				t->state = HTML_TS_COMMENT_END;
			else if (c == EOF_CHAR) {
				ERR("eof-in-comment");
				emit_comment(t);
				emit_eof(t);
			} else {
				base_buf_putc(&t->comment, '-');
				RECONSUME_IN(HTML_TS_COMMENT);
			}
			break;
		case HTML_TS_COMMENT_END:
			c = CONSUME();
			if (c == '>') {
				emit_comment(t);
				t->state = HTML_TS_DATA;
			} else if (c == '!')
				t->state = HTML_TS_COMMENT_END_BANG;
			else if (c == '-')
				base_buf_putc(&t->comment, '-');
			else if (c == EOF_CHAR) {
				ERR("eof-in-comment");
				emit_comment(t);
				emit_eof(t);
			} else {
				base_buf_append(&t->comment, "--", 2);
				RECONSUME_IN(HTML_TS_COMMENT);
			}
			break;
		case HTML_TS_COMMENT_END_BANG:
			c = CONSUME();
			if (c == '-') {
				base_buf_append(&t->comment, "--!", 3);
				t->state = HTML_TS_COMMENT_END_DASH;
			} else if (c == '>') {
				ERR("incorrectly-closed-comment");
				emit_comment(t);
				t->state = HTML_TS_DATA;
			} else if (c == EOF_CHAR) {
				ERR("eof-in-comment");
				emit_comment(t);
				emit_eof(t);
			} else {
				base_buf_append(&t->comment, "--!", 3);
				RECONSUME_IN(HTML_TS_COMMENT);
			}
			break;
		case HTML_TS_DOCTYPE:
			c = CONSUME();
			start_doctype(t);
			if (is_ws(c))
				t->state = HTML_TS_BEFORE_DOCTYPE_NAME;
			else if (c == '>')
				RECONSUME_IN(HTML_TS_BEFORE_DOCTYPE_NAME);
			else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else {
				ERR("missing-whitespace-before-doctype-name");
				RECONSUME_IN(HTML_TS_BEFORE_DOCTYPE_NAME);
			}
			break;
		case HTML_TS_BEFORE_DOCTYPE_NAME:
			c = CONSUME();
			if (is_ws(c))
				break;
			if (c == 0) {
				ERR("unexpected-null-character");
				t->have_name = true;
				base_buf_append(&t->name, replacement_char, 3);
				t->state = HTML_TS_DOCTYPE_NAME;
			} else if (c == '>') {
				ERR("missing-doctype-name");
				t->tok.force_quirks = true;
				emit_doctype(t);
			} else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else {
				t->have_name = true;
				base_buf_putc(&t->name, (char)lower(c));
				t->state = HTML_TS_DOCTYPE_NAME;
			}
			break;
		case HTML_TS_DOCTYPE_NAME:
			c = CONSUME();
			if (is_ws(c))
				t->state = HTML_TS_AFTER_DOCTYPE_NAME;
			else if (c == '>')
				emit_doctype(t);
			else if (c == 0) {
				ERR("unexpected-null-character");
				base_buf_append(&t->name, replacement_char, 3);
			} else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else
				base_buf_putc(&t->name, (char)lower(c));
			break;
		case HTML_TS_AFTER_DOCTYPE_NAME:
			c = CONSUME();
			if (is_ws(c))
				break;
			if (c == '>')
				emit_doctype(t);
			else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else if (lookahead_ieq(t, t->pos - 1, "public")) {
				t->pos += 5;
				t->state = HTML_TS_AFTER_DOCTYPE_PUBLIC_KEYWORD;
			} else if (lookahead_ieq(t, t->pos - 1, "system")) {
				t->pos += 5;
				t->state = HTML_TS_AFTER_DOCTYPE_SYSTEM_KEYWORD;
			} else {
				ERR("invalid-character-sequence-after-doctype-name");
				t->tok.force_quirks = true;
				RECONSUME_IN(HTML_TS_BOGUS_DOCTYPE);
			}
			break;
		case HTML_TS_AFTER_DOCTYPE_PUBLIC_KEYWORD:
		case HTML_TS_AFTER_DOCTYPE_SYSTEM_KEYWORD: {
			bool pub = t->state == HTML_TS_AFTER_DOCTYPE_PUBLIC_KEYWORD;
			c = CONSUME();
			if (is_ws(c))
				t->state = pub ? HTML_TS_BEFORE_DOCTYPE_PUBLIC_ID : HTML_TS_BEFORE_DOCTYPE_SYSTEM_ID;
			else if (c == '"' || c == '\'') {
				ERR(pub ? "missing-whitespace-after-doctype-public-keyword"
					: "missing-whitespace-after-doctype-system-keyword");
				begin_doctype_identifier(t, pub, c);
			} else if (c == '>') {
				ERR(pub ? "missing-doctype-public-identifier" : "missing-doctype-system-identifier");
				t->tok.force_quirks = true;
				emit_doctype(t);
			} else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else {
				ERR(pub ? "missing-quote-before-doctype-public-identifier"
					: "missing-quote-before-doctype-system-identifier");
				t->tok.force_quirks = true;
				RECONSUME_IN(HTML_TS_BOGUS_DOCTYPE);
			}
			break;
		}
		case HTML_TS_BEFORE_DOCTYPE_PUBLIC_ID:
		case HTML_TS_BEFORE_DOCTYPE_SYSTEM_ID: {
			bool pub = t->state == HTML_TS_BEFORE_DOCTYPE_PUBLIC_ID;
			c = CONSUME();
			if (is_ws(c))
				break;
			if (c == '"' || c == '\'') {
				begin_doctype_identifier(t, pub, c);
			} else if (c == '>') {
				ERR(pub ? "missing-doctype-public-identifier" : "missing-doctype-system-identifier");
				t->tok.force_quirks = true;
				emit_doctype(t);
			} else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else {
				ERR(pub ? "missing-quote-before-doctype-public-identifier"
					: "missing-quote-before-doctype-system-identifier");
				t->tok.force_quirks = true;
				RECONSUME_IN(HTML_TS_BOGUS_DOCTYPE);
			}
			break;
		}
		case HTML_TS_DOCTYPE_PUBLIC_ID_DQ:
		case HTML_TS_DOCTYPE_PUBLIC_ID_SQ:
		case HTML_TS_DOCTYPE_SYSTEM_ID_DQ:
		case HTML_TS_DOCTYPE_SYSTEM_ID_SQ: {
			bool pub = t->state == HTML_TS_DOCTYPE_PUBLIC_ID_DQ || t->state == HTML_TS_DOCTYPE_PUBLIC_ID_SQ;
			int quote = (t->state == HTML_TS_DOCTYPE_PUBLIC_ID_DQ || t->state == HTML_TS_DOCTYPE_SYSTEM_ID_DQ)
					    ? '"'
					    : '\'';
			struct base_buf *b = pub ? &t->public_id : &t->system_id;
			c = CONSUME();
			if (c == quote)
				t->state = pub ? HTML_TS_AFTER_DOCTYPE_PUBLIC_ID : HTML_TS_AFTER_DOCTYPE_SYSTEM_ID;
			else if (c == 0) {
				ERR("unexpected-null-character");
				base_buf_append(b, replacement_char, 3);
			} else if (c == '>') {
				ERR(pub ? "abrupt-doctype-public-identifier" : "abrupt-doctype-system-identifier");
				t->tok.force_quirks = true;
				emit_doctype(t);
			} else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else
				base_buf_putc(b, (char)c);
			break;
		}
		case HTML_TS_AFTER_DOCTYPE_PUBLIC_ID:
		case HTML_TS_BETWEEN_DOCTYPE_PUBLIC_AND_SYSTEM_IDS: {
			bool after = t->state == HTML_TS_AFTER_DOCTYPE_PUBLIC_ID;
			c = CONSUME();
			if (is_ws(c)) {
				t->state = HTML_TS_BETWEEN_DOCTYPE_PUBLIC_AND_SYSTEM_IDS;
			} else if (c == '>')
				emit_doctype(t);
			else if (c == '"' || c == '\'') {
				if (after)
					ERR("missing-whitespace-between-doctype-public-and-system-identifiers");
				t->have_system = true;
				t->state = c == '"' ? HTML_TS_DOCTYPE_SYSTEM_ID_DQ : HTML_TS_DOCTYPE_SYSTEM_ID_SQ;
			} else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else {
				ERR("missing-quote-before-doctype-system-identifier");
				t->tok.force_quirks = true;
				RECONSUME_IN(HTML_TS_BOGUS_DOCTYPE);
			}
			break;
		}
		case HTML_TS_AFTER_DOCTYPE_SYSTEM_ID:
			c = CONSUME();
			if (is_ws(c))
				break;
			if (c == '>')
				emit_doctype(t);
			else if (c == EOF_CHAR) {
				ERR("eof-in-doctype");
				t->tok.force_quirks = true;
				emit_doctype(t);
				emit_eof(t);
			} else {
				ERR("unexpected-character-after-doctype-system-identifier");
				RECONSUME_IN(HTML_TS_BOGUS_DOCTYPE);
			}
			break;
		case HTML_TS_BOGUS_DOCTYPE:
			c = CONSUME();
			if (c == '>')
				emit_doctype(t);
			else if (c == 0)
				ERR("unexpected-null-character");
			else if (c == EOF_CHAR) {
				emit_doctype(t);
				emit_eof(t);
			}
			break;
		case HTML_TS_CDATA_SECTION: {
			size_t start = t->pos;
			size_t stop = start;
			while (stop < len && in[stop] != ']')
				stop++;
			emit_chars(t, in + start, stop - start);
			t->pos = stop;
			c = CONSUME();
			if (c == ']')
				t->state = HTML_TS_CDATA_SECTION_BRACKET;
			else {
				ERR("eof-in-cdata");
				emit_eof(t);
			}
			break;
		}
		case HTML_TS_CDATA_SECTION_BRACKET:
			c = CONSUME();
			if (c == ']')
				t->state = HTML_TS_CDATA_SECTION_END;
			else {
				emit_chars(t, "]", 1);
				RECONSUME_IN(HTML_TS_CDATA_SECTION);
			}
			break;
		case HTML_TS_CDATA_SECTION_END:
			c = CONSUME();
			if (c == ']')
				emit_chars(t, "]", 1);
			else if (c == '>')
				t->state = HTML_TS_DATA;
			else {
				emit_chars(t, "]]", 2);
				RECONSUME_IN(HTML_TS_CDATA_SECTION);
			}
			break;
		}
	}
#undef CONSUME
#undef RECONSUME_IN
}
