/* The input byte stream: encoding sniffing and decoding to UTF-8.
 * https://html.spec.whatwg.org/multipage/parsing.html#determining-the-character-encoding
 * https://encoding.spec.whatwg.org/
 *
 * Order: BOM, then the transport-layer encoding (opt->encoding), then the
 * <meta> prescan (of the whole input, as html5lib-tests expect), then autodetection (non-ASCII
 * bytes that are all valid UTF-8 mean UTF-8), else windows-1252. Decoders:
 * UTF-8 (U+FFFD for invalid sequences), UTF-16LE/BE, the single-byte
 * legacy encodings and, through iconv, the CJK ones (legacy.c). */
#include "html/encoding.h"
#include "html/legacy.h"

#include <string.h>

static bool valid_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* Skip ASCII eight bytes at a time. */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		const char *s = (const char *)p + i;
		const char *e = (const char *)p + n;
		uint32_t cp = base_utf8_decode(&s, e);
		if (cp == 0xFFFD && !((size_t)(e - (const char *)p) >= i + 3 && p[i] == 0xEF && p[i + 1] == 0xBF &&
				      p[i + 2] == 0xBD))
			return false;
		i = (size_t)(s - (const char *)p);
	}
	return true;
}

static bool all_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

static const char *decode_utf8(struct html_document *doc, const char *bytes, size_t len, size_t *out_len)
{
	if (valid_utf8((const unsigned char *)bytes, len)) {
		*out_len = len;
		return bytes;
	}
	struct base_buf b = {0};
	base_buf_reserve(&b, len + 16);
	const char *p = bytes, *e = bytes + len;
	while (p < e) {
		const char *run = p;
		while (p < e && (unsigned char)*p < 0x80)
			p++;
		base_buf_append(&b, run, (size_t)(p - run));
		if (p < e)
			base_buf_put_utf8(&b, base_utf8_decode(&p, e));
	}
	char *out = base_arena_strndup(&doc->arena, b.data ? b.data : "", b.len);
	*out_len = b.len;
	base_buf_free(&b);
	return out;
}

/* https://encoding.spec.whatwg.org/#utf-16le-decoder */
static const char *decode_utf16(struct html_document *doc, const char *bytes, size_t len, bool big_endian,
				size_t *out_len)
{
	struct base_buf b = {0};
	base_buf_reserve(&b, len + 16);
	const unsigned char *p = (const unsigned char *)bytes;
	uint32_t lead = 0;
	size_t i = 0;
	for (; i + 1 < len; i += 2) {
		uint32_t u = big_endian ? ((uint32_t)p[i] << 8 | p[i + 1]) : ((uint32_t)p[i + 1] << 8 | p[i]);
		if (lead) {
			if (u >= 0xDC00 && u <= 0xDFFF) {
				base_buf_put_utf8(&b, 0x10000 + ((lead - 0xD800) << 10) + (u - 0xDC00));
				lead = 0;
				continue;
			}
			base_buf_put_utf8(&b, 0xFFFD);
			lead = 0;
		}
		if (u >= 0xD800 && u <= 0xDBFF)
			lead = u;
		else if (u >= 0xDC00 && u <= 0xDFFF)
			base_buf_put_utf8(&b, 0xFFFD);
		else
			base_buf_put_utf8(&b, u);
	}
	if (lead || i < len)
		base_buf_put_utf8(&b, 0xFFFD);
	char *out = base_arena_strndup(&doc->arena, b.data ? b.data : "", b.len);
	*out_len = b.len;
	base_buf_free(&b);
	return out;
}

/* ---- The <meta> prescan ------------------------------------------------ */

/* https://html.spec.whatwg.org/multipage/urls-and-fetching.html#algorithm-for-extracting-a-character-encoding-from-a-meta-element */
static const char *charset_from_content(const char *s, size_t n, size_t *out_n)
{
	size_t i = 0;
	for (;;) {
		for (; i + 7 <= n; i++)
			if (base_ascii_ieq(s + i, 7, "charset", 7))
				break;
		if (i + 7 > n)
			return NULL;
		i += 7;
		while (i < n && base_is_ascii_ws(s[i]))
			i++;
		if (i < n && s[i] == '=')
			break;
	}
	i++;
	while (i < n && base_is_ascii_ws(s[i]))
		i++;
	if (i >= n)
		return NULL;
	if (s[i] == '"' || s[i] == '\'') {
		char q = s[i++];
		size_t start = i;
		while (i < n && s[i] != q)
			i++;
		if (i >= n)
			return NULL;
		*out_n = i - start;
		return s + start;
	}
	size_t start = i;
	while (i < n && !base_is_ascii_ws(s[i]) && s[i] != ';')
		i++;
	*out_n = i - start;
	return s + start;
}

struct prescan_attr {
	char name[32];
	size_t name_len;
	char value[128];
	size_t value_len;
};

/* https://html.spec.whatwg.org/multipage/parsing.html#concept-get-attributes-when-sniffing */
static bool get_attr(const char *s, size_t n, size_t *pos, struct prescan_attr *a)
{
	size_t i = *pos;
	a->name_len = a->value_len = 0;
	while (i < n && (base_is_ascii_ws(s[i]) || s[i] == '/'))
		i++;
	if (i >= n || s[i] == '>') {
		*pos = i;
		return false;
	}
	for (;; i++) {
		if (i >= n) {
			*pos = i;
			return false;
		}
		char c = s[i];
		if (c == '=' && a->name_len > 0)
			break;
		if (base_is_ascii_ws(c)) {
			while (i < n && base_is_ascii_ws(s[i]))
				i++;
			if (i >= n || s[i] != '=') {
				*pos = i;
				return true;
			}
			break;
		}
		if (c == '/' || c == '>') {
			*pos = i;
			return true;
		}
		if (a->name_len < sizeof a->name)
			a->name[a->name_len++] = base_ascii_lower(c);
	}
	i++; /* "=" */
	while (i < n && base_is_ascii_ws(s[i]))
		i++;
	if (i >= n) {
		*pos = i;
		return false;
	}
	if (s[i] == '"' || s[i] == '\'') {
		char q = s[i++];
		while (i < n && s[i] != q) {
			if (a->value_len < sizeof a->value)
				a->value[a->value_len++] = base_ascii_lower(s[i]);
			i++;
		}
		*pos = i < n ? i + 1 : i;
		return true;
	}
	while (i < n && !base_is_ascii_ws(s[i]) && s[i] != '>') {
		if (a->value_len < sizeof a->value)
			a->value[a->value_len++] = base_ascii_lower(s[i]);
		i++;
	}
	*pos = i;
	return true;
}

/* https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding */
static const struct html_encoding *prescan(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			const char *end = NULL;
			for (size_t j = i + 2; j + 3 <= n; j++)
				if (memcmp(s + j, "-->", 3) == 0) {
					end = s + j;
					break;
				}
			if (!end)
				return NULL;
			i = (size_t)(end - s) + 3;
			continue;
		}
		if (n - i >= 6 && base_ascii_ieq(s + i, 5, "<meta", 5) &&
		    (base_is_ascii_ws(s[i + 5]) || s[i + 5] == '/')) {
			i += 6;
			bool got_pragma = false;
			int need_pragma = -1; /* -1 null, 0 false, 1 true */
			const struct html_encoding *charset = NULL;
			bool seen_http_equiv = false, seen_content = false, seen_charset = false;
			struct prescan_attr a;
			while (get_attr(s, n, &i, &a) && i < n) {
				if (a.name_len == 10 && memcmp(a.name, "http-equiv", 10) == 0 && !seen_http_equiv) {
					seen_http_equiv = true;
					if (a.value_len == 12 && memcmp(a.value, "content-type", 12) == 0)
						got_pragma = true;
				} else if (a.name_len == 7 && memcmp(a.name, "content", 7) == 0 && !seen_content) {
					seen_content = true;
					size_t cn;
					const char *c = charset_from_content(a.value, a.value_len, &cn);
					if (c && !charset) {
						charset = html_encoding_for_label(c, cn);
						need_pragma = 1;
					}
				} else if (a.name_len == 7 && memcmp(a.name, "charset", 7) == 0 && !seen_charset) {
					seen_charset = true;
					charset = html_encoding_for_label(a.value, a.value_len);
					need_pragma = 0;
				}
			}
			if (i >= n)
				return NULL; /* the tag never ends */
			if (need_pragma == -1 || (need_pragma == 1 && !got_pragma) || !charset)
				continue;
			if (charset->kind == HTML_ENC_UTF16LE || charset->kind == HTML_ENC_UTF16BE)
				charset = html_encoding_for_label("utf-8", 5);
			if (charset->kind == HTML_ENC_X_USER_DEFINED)
				charset = html_encoding_for_label("windows-1252", 12);
			return charset;
		}
		if (n - i >= 2 && s[i] == '<' &&
		    (((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z') ||
		     (s[i + 1] == '/' && n - i >= 3 && (s[i + 2] | 0x20) >= 'a' && (s[i + 2] | 0x20) <= 'z'))) {
			/* Skip the tag name, then its attributes. */
			while (i < n && !base_is_ascii_ws(s[i]) && s[i] != '>')
				i++;
			struct prescan_attr a;
			while (get_attr(s, n, &i, &a))
				;
			i++;
			continue;
		}
		if (n - i >= 2 && s[i] == '<' && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
			const char *gt = memchr(s + i, '>', n - i);
			if (!gt)
				return NULL;
			i = (size_t)(gt - s) + 1;
			continue;
		}
		i++;
	}
	return NULL;
}

const char *html_decode_input(struct html_document *doc, const char *bytes, size_t len, const char *transport,
			      size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)bytes;
	const struct html_encoding *enc = NULL;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		bytes += 3;
		len -= 3;
		enc = html_encoding_for_label("utf-8", 5);
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		bytes += 2;
		len -= 2;
		enc = html_encoding_for_label("utf-16be", 8);
	} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		bytes += 2;
		len -= 2;
		enc = html_encoding_for_label("utf-16le", 8);
	}
	if (!enc && transport)
		enc = html_encoding_for_label(transport, strlen(transport));
	if (!enc)
		enc = prescan(bytes, len);
	if (!enc && !all_ascii(bytes, len) && valid_utf8((const unsigned char *)bytes, len))
		enc = html_encoding_for_label("utf-8", 5);
	if (!enc)
		enc = html_encoding_for_label("windows-1252", 12);
	doc->encoding = enc->name;
	if (enc->kind != HTML_ENC_UTF16LE && enc->kind != HTML_ENC_UTF16BE && enc->kind != HTML_ENC_X_USER_DEFINED &&
	    enc->kind != HTML_ENC_MULTI_BYTE && all_ascii(bytes, len)) {
		/* ASCII means the same in every ASCII-compatible encoding. */
		*out_len = len;
		return bytes;
	}
	switch (enc->kind) {
	case HTML_ENC_UTF8:
		return decode_utf8(doc, bytes, len, out_len);
	case HTML_ENC_UTF16LE:
		return decode_utf16(doc, bytes, len, false, out_len);
	case HTML_ENC_UTF16BE:
		return decode_utf16(doc, bytes, len, true, out_len);
	case HTML_ENC_MULTI_BYTE:
		return html_decode_multi_byte(&doc->arena, enc, bytes, len, out_len);
	default:
		return html_decode_single_byte(&doc->arena, enc, bytes, len, out_len);
	}
}
