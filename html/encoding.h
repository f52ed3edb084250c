/* html/encoding.h (internal): determining the character encoding and
 * decoding the byte stream to UTF-8 (§13.2.3). */
#ifndef WEFT_HTML_ENCODING_H
#define WEFT_HTML_ENCODING_H

#include "html/html.h"

/* Sniffs (BOM, transport encoding, <meta> prescan, default windows-1252
 * ... see encoding.c) and decodes bytes to UTF-8. Sets doc->encoding.
 * Returns bytes itself when it is already valid UTF-8, else a decoded
 * copy in the document's arena. */
const char *html_decode_input(struct html_document *doc, const char *bytes, size_t len, const char *transport,
			      size_t *out_len);

#endif
