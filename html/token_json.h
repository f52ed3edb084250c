/* html/token_json.h (internal): tokens as html5lib tokenizer-test JSON. */
#ifndef WEFT_HTML_TOKEN_JSON_H
#define WEFT_HTML_TOKEN_JSON_H

#include "html/tokenizer.h"

/* Appends a JSON string literal (only '"', '\\' and controls escaped). */
void html_json_string(struct base_buf *out, const char *s, size_t n);
/* Tokenizes in (UTF-8, before preprocessing) from a given state and
 * writes the token list as a JSON array to out; with errors non-NULL, the
 * parse errors as [{"code", "line", "col"}...] to errors. */
void html_tokenize_json(const char *in, size_t len, enum html_tokenizer_state initial, const char *last_start_tag,
			struct base_buf *out, struct base_buf *errors);

#endif
