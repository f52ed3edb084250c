/* Tokens as html5lib tokenizer-test JSON: html_dump_tokens() and the
 * helper the tokenizer conformance test uses.
 * https://github.com/html5lib/html5lib-tests/tree/master/tokenizer
 *
 * Adjacent character tokens are merged, as the test format expects. */
#include "html/dom.h"
#include "html/encoding.h"
#include "html/token_json.h"

#include <string.h>

void html_json_string(struct base_buf *out, const char *s, size_t n)
{
	base_buf_putc(out, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\' || c < 0x20 || c == 0x7F) {
			base_buf_append(out, s + run, i - run);
			if (c == '"' || c == '\\') {
				base_buf_putc(out, '\\');
				base_buf_putc(out, (char)c);
			} else if (c == '\n')
				base_buf_puts(out, "\\n");
			else
				base_buf_printf(out, "\\u%04X", c);
			run = i + 1;
		}
	}
	base_buf_append(out, s + run, n - run);
	base_buf_putc(out, '"');
}

struct json_sink {
	struct base_buf *out;
	struct base_buf chars;
	bool have_chars;
	bool first;
};

static void sep(struct json_sink *s)
{
	if (!s->first)
		base_buf_puts(s->out, ", ");
	s->first = false;
}

static void flush_chars(struct json_sink *s)
{
	if (!s->have_chars)
		return;
	sep(s);
	base_buf_puts(s->out, "[\"Character\", ");
	html_json_string(s->out, s->chars.data ? s->chars.data : "", s->chars.len);
	base_buf_putc(s->out, ']');
	base_buf_clear(&s->chars);
	s->have_chars = false;
}

static void opt_string(struct base_buf *out, const char *s)
{
	if (s)
		html_json_string(out, s, strlen(s));
	else
		base_buf_puts(out, "null");
}

static void json_token(void *ctx, struct html_token *t)
{
	struct json_sink *s = ctx;
	if (t->type == HTML_TOKEN_CHARS) {
		base_buf_append(&s->chars, t->data, t->len);
		s->have_chars = true;
		return;
	}
	flush_chars(s);
	switch (t->type) {
	case HTML_TOKEN_DOCTYPE:
		sep(s);
		base_buf_puts(s->out, "[\"DOCTYPE\", ");
		opt_string(s->out, t->name);
		base_buf_puts(s->out, ", ");
		opt_string(s->out, t->public_id);
		base_buf_puts(s->out, ", ");
		opt_string(s->out, t->system_id);
		base_buf_puts(s->out, t->force_quirks ? ", false]" : ", true]");
		break;
	case HTML_TOKEN_START_TAG:
		sep(s);
		base_buf_puts(s->out, "[\"StartTag\", ");
		html_json_string(s->out, t->name, t->name_len);
		base_buf_puts(s->out, ", {");
		for (size_t i = 0; i < t->attr_count; i++) {
			if (i)
				base_buf_puts(s->out, ", ");
			html_json_string(s->out, t->attrs[i].name, strlen(t->attrs[i].name));
			base_buf_puts(s->out, ": ");
			html_json_string(s->out, t->attrs[i].value, t->attrs[i].value_len);
		}
		base_buf_putc(s->out, '}');
		if (t->self_closing)
			base_buf_puts(s->out, ", true");
		base_buf_putc(s->out, ']');
		t->self_closing_acknowledged = true;
		break;
	case HTML_TOKEN_END_TAG:
		sep(s);
		base_buf_puts(s->out, "[\"EndTag\", ");
		html_json_string(s->out, t->name, t->name_len);
		base_buf_putc(s->out, ']');
		break;
	case HTML_TOKEN_COMMENT:
		sep(s);
		base_buf_puts(s->out, "[\"Comment\", ");
		html_json_string(s->out, t->data, t->len);
		base_buf_putc(s->out, ']');
		break;
	default:
		break;
	}
}

void html_tokenize_json(const char *in, size_t len, enum html_tokenizer_state initial, const char *last_start_tag,
			struct base_buf *out, struct base_buf *errors)
{
	struct base_arena arena;
	struct base_atoms atoms;
	base_arena_init(&arena, 16 * 1024);
	base_atoms_init(&atoms);
	struct json_sink sink = {.out = out, .first = true};
	struct html_tokenizer t;
	html_tokenizer_init(&t, NULL, 0, &arena, &atoms, json_token, &sink);
	t.collect_errors = errors != NULL;
	size_t n;
	const char *text = html_preprocess_input(in, len, &n, &arena, &t);
	t.in = text;
	t.len = n;
	t.state = initial;
	if (last_start_tag)
		html_tokenizer_set_last_start_tag(&t, last_start_tag);
	base_buf_putc(out, '[');
	html_tokenizer_run(&t);
	flush_chars(&sink);
	base_buf_putc(out, ']');
	if (errors) {
		/* Errors in input order; line and column as the parser reports them. */
		base_buf_putc(errors, '[');
		size_t off = 0;
		unsigned line = 1, col = 1;
		for (size_t i = 0; i < t.error_count; i++) {
			size_t target = t.errors[i].offset > n ? n : t.errors[i].offset;
			if (target < off) {
				off = 0;
				line = col = 1;
			}
			for (; off < target; off++) {
				unsigned char c = (unsigned char)text[off];
				if (c == '\n') {
					line++;
					col = 1;
				} else if ((c & 0xC0) != 0x80)
					col += c >= 0xF0 ? 2 : 1; /* UTF-16 code units */
			}
			base_buf_printf(errors, "%s{\"code\": \"%s\", \"line\": %u, \"col\": %u}", i ? ", " : "",
					t.errors[i].code, line, col);
		}
		base_buf_putc(errors, ']');
	}
	base_buf_free(&sink.chars);
	html_tokenizer_finish(&t);
	base_atoms_free(&atoms);
	base_arena_free(&arena);
}

void html_dump_tokens(const char *bytes, size_t len, struct base_buf *out)
{
	/* Decode like html_parse() does, then tokenize from the data state. */
	struct html_document *doc = html_document_new();
	size_t n;
	const char *text = html_decode_input(doc, bytes, len, NULL, &n);
	html_tokenize_json(text, n, HTML_TS_DATA, NULL, out, NULL);
	base_buf_putc(out, '\n');
	html_document_free(doc);
}
