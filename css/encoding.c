/* css/encoding.c: CSS Syntax 3 §3.2 "the input byte stream": determine
 * the fallback encoding of a stylesheet (BOM, protocol label, @charset,
 * environment label, UTF-8) and decode it as the Encoding Standard does.
 * https://www.w3.org/TR/css-syntax-3/#input-byte-stream
 * https://encoding.spec.whatwg.org/
 *
 * Supported: UTF-8, UTF-16LE/BE, the replacement encoding, x-user-defined
 * and the Encoding Standard's single-byte encodings. Single-byte tables
 * come from glibc iconv, whose tables for these charsets hold the same
 * mappings as the Encoding Standard indexes except for the few bytes in
 * index_fixups (windows-1252's unassigned bytes are C1 controls there,
 * and so on); bytes iconv rejects decode to U+FFFD as an index miss does.
 * The CJK multi-byte encodings are not supported: their labels are
 * unknown, so such a stylesheet falls back to the next rule (usually
 * UTF-8). */
#include <iconv.h>
#include <string.h>

#include "css/syntax.h"

struct encoding {
	const char *name; /* Encoding Standard name, lower case */
	const char *iconv; /* glibc name for single-byte encodings, else NULL */
	const char *labels; /* space-separated labels */
};

enum { ENC_UTF8, ENC_UTF16BE, ENC_UTF16LE, ENC_REPLACEMENT, ENC_X_USER_DEFINED, ENC_FIRST_SINGLE_BYTE };

/* Encoding Standard §4.2 names and labels. */
static const struct encoding encodings[] = {
	{"utf-8", NULL, "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
	{"utf-16be", NULL, "unicodefffe utf-16be"},
	{"utf-16le", NULL, "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
	{"replacement", NULL, "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement"},
	{"x-user-defined", NULL, "x-user-defined"},
	{"ibm866", "IBM866", "866 cp866 csibm866 ibm866"},
	{"iso-8859-2", "ISO-8859-2",
	 "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"},
	{"iso-8859-3", "ISO-8859-3",
	 "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"},
	{"iso-8859-4", "ISO-8859-4",
	 "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"},
	{"iso-8859-5", "ISO-8859-5",
	 "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988"},
	{"iso-8859-6", "ISO-8859-6",
	 "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e "
	 "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"},
	{"iso-8859-7", "ISO-8859-7",
	 "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
	 "iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
	{"iso-8859-8", "ISO-8859-8",
	 "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 "
	 "iso_8859-8 iso_8859-8:1988 visual"},
	{"iso-8859-8-i", "ISO-8859-8", "csiso88598i iso-8859-8-i logical"},
	{"iso-8859-10", "ISO-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
	{"iso-8859-13", "ISO-8859-13", "iso-8859-13 iso8859-13 iso885913"},
	{"iso-8859-14", "ISO-8859-14", "iso-8859-14 iso8859-14 iso885914"},
	{"iso-8859-15", "ISO-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
	{"iso-8859-16", "ISO-8859-16", "iso-8859-16"},
	{"koi8-r", "KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r"},
	{"koi8-u", "KOI8-U", "koi8-ru koi8-u"},
	{"macintosh", "MACINTOSH", "csmacintosh mac macintosh x-mac-roman"},
	{"windows-874", "CP874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
	{"windows-1250", "CP1250", "cp1250 windows-1250 x-cp1250"},
	{"windows-1251", "CP1251", "cp1251 windows-1251 x-cp1251"},
	{"windows-1252", "CP1252",
	 "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 "
	 "iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"},
	{"windows-1253", "CP1253", "cp1253 windows-1253 x-cp1253"},
	{"windows-1254", "CP1254",
	 "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 "
	 "latin5 windows-1254 x-cp1254"},
	{"windows-1255", "CP1255", "cp1255 windows-1255 x-cp1255"},
	{"windows-1256", "CP1256", "cp1256 windows-1256 x-cp1256"},
	{"windows-1257", "CP1257", "cp1257 windows-1257 x-cp1257"},
	{"windows-1258", "CP1258", "cp1258 windows-1258 x-cp1258"},
	{"x-mac-cyrillic", "MAC-CYRILLIC", "x-mac-cyrillic x-mac-ukrainian"},
};

/* Encoding Standard "get an encoding": trim ASCII whitespace, match a
 * label case-insensitively. Returns an index in encodings[] or -1. */
static int get_encoding(const char *label, size_t n)
{
	while (n && base_is_ascii_ws(*label)) {
		label++;
		n--;
	}
	while (n && base_is_ascii_ws(label[n - 1]))
		n--;
	if (!n)
		return -1;
	for (size_t e = 0; e < BASE_ARRAY_LEN(encodings); e++) {
		const char *l = encodings[e].labels;
		while (*l) {
			size_t len = strcspn(l, " ");
			if (base_ascii_ieq(label, n, l, len))
				return (int)e;
			l += len;
			while (*l == ' ')
				l++;
		}
	}
	return -1;
}

/* Decodes bytes with a 256-entry single-byte table. */
static struct css_str decode_single_byte(struct base_arena *a, const uint8_t *s, size_t n,
					 const uint32_t table[256])
{
	char *out = base_arena_alloc(a, n * 3 + 1);
	char *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < 0x80)
			*o++ = (char)s[i];
		else
			o += base_utf8_encode(table[s[i]], o);
	}
	*o = 0;
	return (struct css_str){out, (size_t)(o - out)};
}

/* Where the Encoding Standard indexes differ from glibc's tables. */
static const struct {
	const char *encoding;
	uint8_t byte;
	uint32_t cp;
} index_fixups[] = {
	{"windows-1252", 0x81, 0x81},	{"windows-1252", 0x8D, 0x8D},
	{"windows-1252", 0x8F, 0x8F},	{"windows-1252", 0x90, 0x90},
	{"windows-1252", 0x9D, 0x9D},	{"windows-1255", 0xCA, 0x05BA},
	{"macintosh", 0xC6, 0x2206},	{"macintosh", 0xF0, 0xF8FF},
	{"x-mac-cyrillic", 0xFF, 0x20AC},
};

/* Builds the table of a single-byte encoding through iconv. */
static void single_byte_table(int enc, uint32_t table[256])
{
	for (int b = 0; b < 256; b++)
		table[b] = b < 0x80 ? (uint32_t)b : 0xFFFD;
	if (enc == ENC_X_USER_DEFINED) {
		for (int b = 0x80; b < 256; b++)
			table[b] = 0xF780 + (uint32_t)(b - 0x80);
		return;
	}
	iconv_t cd = iconv_open("UTF-32LE", encodings[enc].iconv);
	if (cd == (iconv_t)-1)
		return;
	for (int b = 0x80; b < 256; b++) {
		char in[1] = {(char)b};
		unsigned char outb[8];
		char *ip = in, *op = (char *)outb;
		size_t il = 1, ol = sizeof outb;
		iconv(cd, NULL, NULL, NULL, NULL);
		/* The flush call emits a character that a stateful converter
		 * (windows-1255/1258 compose combining marks) held back. */
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 &&
		    iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1 && ol == 4)
			table[b] = (uint32_t)outb[0] | (uint32_t)outb[1] << 8 | (uint32_t)outb[2] << 16 |
				   (uint32_t)outb[3] << 24;
	}
	iconv_close(cd);
	for (size_t i = 0; i < BASE_ARRAY_LEN(index_fixups); i++)
		if (strcmp(encodings[enc].name, index_fixups[i].encoding) == 0)
			table[index_fixups[i].byte] = index_fixups[i].cp;
}

/* Encoding Standard UTF-16 decoder (lone surrogates and a trailing odd
 * byte become U+FFFD). */
static struct css_str decode_utf16(struct base_arena *a, const uint8_t *s, size_t n, bool be)
{
	char *out = base_arena_alloc(a, (n / 2 + 1) * 3 + 1);
	char *o = out;
	size_t i = 0;
	while (i + 1 < n) {
		uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
		i += 2;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
			uint32_t v = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
			if (v >= 0xDC00 && v <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD;
		o += base_utf8_encode(u, o);
	}
	if (i < n)
		o += base_utf8_encode(0xFFFD, o);
	*o = 0;
	return (struct css_str){out, (size_t)(o - out)};
}

/* §3.2 Determine the fallback encoding: protocol label, then the exact
 * @charset "..."; byte pattern in the first 1024 bytes, then the
 * environment label. */
static int fallback_encoding(const char *bytes, size_t len, const char *protocol,
			     const char *environment)
{
	int e;
	if (protocol && (e = get_encoding(protocol, strlen(protocol))) >= 0)
		return e;
	static const char prefix[] = "@charset \"";
	size_t plen = sizeof prefix - 1;
	size_t limit = BASE_MIN(len, 1024);
	if (limit > plen && memcmp(bytes, prefix, plen) == 0) {
		size_t i = plen;
		while (i < limit && bytes[i] != '"' && bytes[i] != ';')
			i++;
		if (i + 1 < limit && bytes[i] == '"' && bytes[i + 1] == ';') {
			e = get_encoding(bytes + plen, i - plen);
			if (e == ENC_UTF16BE || e == ENC_UTF16LE)
				return ENC_UTF8;
			if (e >= 0)
				return e;
		}
	}
	if (environment && (e = get_encoding(environment, strlen(environment))) >= 0)
		return e;
	return ENC_UTF8;
}

struct css_str css_decode_stylesheet_bytes(struct base_arena *a, const char *bytes, size_t len,
					   const char *protocol_encoding,
					   const char *environment_encoding,
					   const char **encoding_name)
{
	const uint8_t *s = (const uint8_t *)bytes;
	int enc;
	/* Encoding Standard "decode": a BOM overrides the fallback. */
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		enc = ENC_UTF8;
		s += 3;
		len -= 3;
	} else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		enc = ENC_UTF16BE;
		s += 2;
		len -= 2;
	} else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
		enc = ENC_UTF16LE;
		s += 2;
		len -= 2;
	} else {
		enc = fallback_encoding(bytes, len, protocol_encoding, environment_encoding);
	}
	*encoding_name = encodings[enc].name;
	switch (enc) {
	case ENC_UTF8:
		/* Invalid sequences become U+FFFD in preprocessing; copy so the
		 * text is arena-owned as promised. */
		return css_preprocess(a, base_arena_memdup(a, s, len), len);
	case ENC_UTF16BE:
	case ENC_UTF16LE:
		return decode_utf16(a, s, len, enc == ENC_UTF16BE);
	case ENC_REPLACEMENT:
		if (!len)
			return (struct css_str){"", 0};
		return (struct css_str){base_arena_strdup(a, "\xEF\xBF\xBD"), 3};
	default: {
		uint32_t table[256];
		single_byte_table(enc, table);
		return decode_single_byte(a, s, len, table);
	}
	}
}

struct css_node_list css_parse_stylesheet_bytes(struct base_arena *a, const char *bytes, size_t len,
						const char *protocol_encoding,
						const char *environment_encoding,
						const char **encoding_name)
{
	struct css_str text = css_decode_stylesheet_bytes(a, bytes, len, protocol_encoding,
							  environment_encoding, encoding_name);
	return css_parse_stylesheet(a, text.ptr, text.len);
}
