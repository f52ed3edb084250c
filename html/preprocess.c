/* Preprocessing the input stream, §13.2.3.5: CR LF and lone CR become LF;
 * surrogates, noncharacters and controls are parse errors.
 * https://html.spec.whatwg.org/multipage/parsing.html#preprocessing-the-input-stream */
#include "html/tokenizer.h"

#include <string.h>

/* Reports the input stream errors of the (UTF-8) code point at in[i]. */
static size_t check_code_point(const unsigned char *in, size_t i, size_t len, size_t out_offset,
			       struct html_tokenizer *t)
{
	unsigned char b = in[i];
	if (b < 0x80) {
		if ((b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != 0) || b == 0x7F)
			html_tokenizer_error_at(t, out_offset, "control-character-in-input-stream");
		return 1;
	}
	size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
	if (i + n > len)
		return 1;
	uint32_t cp;
	if (n == 2)
		cp = ((uint32_t)(b & 0x1F) << 6) | (in[i + 1] & 0x3F);
	else if (n == 3)
		cp = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F);
	else if (n == 4)
		cp = ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(in[i + 1] & 0x3F) << 12) |
		     ((uint32_t)(in[i + 2] & 0x3F) << 6) | (in[i + 3] & 0x3F);
	else
		return 1;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		html_tokenizer_error_at(t, out_offset, "surrogate-in-input-stream");
	else if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
		html_tokenizer_error_at(t, out_offset, "noncharacter-in-input-stream");
	else if (cp >= 0x80 && cp <= 0x9F)
		html_tokenizer_error_at(t, out_offset, "control-character-in-input-stream");
	return n;
}

const char *html_preprocess_input(const char *in, size_t len, size_t *out_len, struct base_arena *a,
				  struct html_tokenizer *errors_to)
{
	const unsigned char *u = (const unsigned char *)in;
	if (errors_to && errors_to->collect_errors) {
		/* Offsets are those of the normalised stream. */
		size_t removed = 0;
		for (size_t i = 0; i < len;) {
			if (u[i] == '\r' && i + 1 < len && u[i + 1] == '\n') {
				removed++;
				i++;
				continue;
			}
			i += check_code_point(u, i, len, i - removed, errors_to);
		}
	}
	const char *cr = memchr(in, '\r', len);
	if (!cr) {
		*out_len = len;
		return in;
	}
	char *out = base_arena_alloc(a, len + 1);
	size_t o = (size_t)(cr - in);
	memcpy(out, in, o);
	for (size_t i = o; i < len; i++) {
		if (in[i] == '\r') {
			out[o++] = '\n';
			if (i + 1 < len && in[i + 1] == '\n')
				i++;
		} else
			out[o++] = in[i];
	}
	out[o] = 0;
	*out_len = o;
	return out;
}
