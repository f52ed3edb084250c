/* html/legacy.h (internal): encoding labels (Encoding Standard §4.2) and
 * the single-byte legacy decoders. */
#ifndef WEFT_HTML_LEGACY_H
#define WEFT_HTML_LEGACY_H

#include "html/html.h"

enum html_encoding_kind {
	HTML_ENC_UTF8,
	HTML_ENC_UTF16LE,
	HTML_ENC_UTF16BE,
	HTML_ENC_SINGLE_BYTE,
	HTML_ENC_X_USER_DEFINED,
	HTML_ENC_MULTI_BYTE, /* CJK legacy encodings, decoded with iconv */
};

struct html_encoding {
	const char *name; /* the Encoding Standard's name */
	enum html_encoding_kind kind;
	const char *iconv_name; /* single-byte: glibc's name for the table */
};

/* The encoding for a label (ASCII case-insensitive, surrounding
 * whitespace ignored), or NULL. */
const struct html_encoding *html_encoding_for_label(const char *label, size_t len);
/* The code points of bytes 0x80-0xFF (table[b - 0x80]); U+FFFD where the
 * encoding has none. */
void html_single_byte_table(const struct html_encoding *enc, uint32_t table[128]);
/* Decodes a multi-byte legacy encoding with iconv (U+FFFD for invalid
 * sequences) to UTF-8 in a. */
const char *html_decode_multi_byte(struct base_arena *a, const struct html_encoding *enc, const char *bytes,
				   size_t len, size_t *out_len);
/* Decodes a single-byte encoding (or x-user-defined) to UTF-8 in a. */
const char *html_decode_single_byte(struct base_arena *a, const struct html_encoding *enc, const char *bytes,
				    size_t len, size_t *out_len);

#endif
