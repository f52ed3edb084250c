/* Encoding labels and the single-byte legacy decoders.
 * https://encoding.spec.whatwg.org/#names-and-labels
 * https://encoding.spec.whatwg.org/#single-byte-decoder
 *
 * The single-byte tables come from glibc's iconv where they agree with the
 * Encoding Standard's indexes; where glibc leaves a byte undefined, the
 * standard's windows-* indexes map it to the C1 control of the same value
 * (e.g. windows-1252 0x81 is U+0081) and the others make it an error
 * (U+FFFD). */
#include "html/legacy.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

struct label {
	const char *label;
	unsigned enc; /* index in encodings[] */
};

enum {
	E_UTF8, E_UTF16LE, E_UTF16BE, E_IBM866, E_8859_2, E_8859_3, E_8859_4, E_8859_5, E_8859_6, E_8859_7,
	E_8859_8, E_8859_8I, E_8859_10, E_8859_13, E_8859_14, E_8859_15, E_8859_16, E_KOI8R, E_KOI8U,
	E_MAC, E_874, E_1250, E_1251, E_1252, E_1253, E_1254, E_1255, E_1256, E_1257, E_1258, E_MACCYR,
	E_USER, E_GBK, E_GB18030, E_BIG5, E_EUCJP, E_ISO2022JP, E_SJIS, E_EUCKR,
};

static const struct html_encoding encodings[] = {
	[E_UTF8] = {"UTF-8", HTML_ENC_UTF8, NULL},
	[E_UTF16LE] = {"UTF-16LE", HTML_ENC_UTF16LE, NULL},
	[E_UTF16BE] = {"UTF-16BE", HTML_ENC_UTF16BE, NULL},
	[E_IBM866] = {"IBM866", HTML_ENC_SINGLE_BYTE, "IBM866"},
	[E_8859_2] = {"ISO-8859-2", HTML_ENC_SINGLE_BYTE, "ISO-8859-2"},
	[E_8859_3] = {"ISO-8859-3", HTML_ENC_SINGLE_BYTE, "ISO-8859-3"},
	[E_8859_4] = {"ISO-8859-4", HTML_ENC_SINGLE_BYTE, "ISO-8859-4"},
	[E_8859_5] = {"ISO-8859-5", HTML_ENC_SINGLE_BYTE, "ISO-8859-5"},
	[E_8859_6] = {"ISO-8859-6", HTML_ENC_SINGLE_BYTE, "ISO-8859-6"},
	[E_8859_7] = {"ISO-8859-7", HTML_ENC_SINGLE_BYTE, "ISO-8859-7"},
	[E_8859_8] = {"ISO-8859-8", HTML_ENC_SINGLE_BYTE, "ISO-8859-8"},
	[E_8859_8I] = {"ISO-8859-8-I", HTML_ENC_SINGLE_BYTE, "ISO-8859-8"},
	[E_8859_10] = {"ISO-8859-10", HTML_ENC_SINGLE_BYTE, "ISO-8859-10"},
	[E_8859_13] = {"ISO-8859-13", HTML_ENC_SINGLE_BYTE, "ISO-8859-13"},
	[E_8859_14] = {"ISO-8859-14", HTML_ENC_SINGLE_BYTE, "ISO-8859-14"},
	[E_8859_15] = {"ISO-8859-15", HTML_ENC_SINGLE_BYTE, "ISO-8859-15"},
	[E_8859_16] = {"ISO-8859-16", HTML_ENC_SINGLE_BYTE, "ISO-8859-16"},
	[E_KOI8R] = {"KOI8-R", HTML_ENC_SINGLE_BYTE, "KOI8-R"},
	[E_KOI8U] = {"KOI8-U", HTML_ENC_SINGLE_BYTE, "KOI8-U"},
	[E_MAC] = {"macintosh", HTML_ENC_SINGLE_BYTE, "MACINTOSH"},
	[E_874] = {"windows-874", HTML_ENC_SINGLE_BYTE, "CP874"},
	[E_1250] = {"windows-1250", HTML_ENC_SINGLE_BYTE, "CP1250"},
	[E_1251] = {"windows-1251", HTML_ENC_SINGLE_BYTE, "CP1251"},
	[E_1252] = {"windows-1252", HTML_ENC_SINGLE_BYTE, "CP1252"},
	[E_1253] = {"windows-1253", HTML_ENC_SINGLE_BYTE, "CP1253"},
	[E_1254] = {"windows-1254", HTML_ENC_SINGLE_BYTE, "CP1254"},
	[E_1255] = {"windows-1255", HTML_ENC_SINGLE_BYTE, "CP1255"},
	[E_1256] = {"windows-1256", HTML_ENC_SINGLE_BYTE, "CP1256"},
	[E_1257] = {"windows-1257", HTML_ENC_SINGLE_BYTE, "CP1257"},
	[E_1258] = {"windows-1258", HTML_ENC_SINGLE_BYTE, "CP1258"},
	[E_MACCYR] = {"x-mac-cyrillic", HTML_ENC_SINGLE_BYTE, "MAC-CYRILLIC"},
	[E_USER] = {"x-user-defined", HTML_ENC_X_USER_DEFINED, NULL},
	/* The standard's GBK decoder is its gb18030 decoder; its Shift_JIS and
	 * EUC-KR are Microsoft's supersets (CP932, CP949). */
	[E_GBK] = {"GBK", HTML_ENC_MULTI_BYTE, "GB18030"},
	[E_GB18030] = {"gb18030", HTML_ENC_MULTI_BYTE, "GB18030"},
	[E_BIG5] = {"Big5", HTML_ENC_MULTI_BYTE, "BIG5-HKSCS"},
	[E_EUCJP] = {"EUC-JP", HTML_ENC_MULTI_BYTE, "EUC-JP"},
	[E_ISO2022JP] = {"ISO-2022-JP", HTML_ENC_MULTI_BYTE, "ISO-2022-JP"},
	[E_SJIS] = {"Shift_JIS", HTML_ENC_MULTI_BYTE, "CP932"},
	[E_EUCKR] = {"EUC-KR", HTML_ENC_MULTI_BYTE, "CP949"},
};

static const struct label labels[] = {
	{"unicode-1-1-utf-8", E_UTF8}, {"unicode11utf8", E_UTF8}, {"unicode20utf8", E_UTF8},
	{"utf-8", E_UTF8}, {"utf8", E_UTF8}, {"x-unicode20utf8", E_UTF8},
	{"866", E_IBM866}, {"cp866", E_IBM866}, {"csibm866", E_IBM866}, {"ibm866", E_IBM866},
	{"csisolatin2", E_8859_2}, {"iso-8859-2", E_8859_2}, {"iso-ir-101", E_8859_2}, {"iso8859-2", E_8859_2},
	{"iso88592", E_8859_2}, {"iso_8859-2", E_8859_2}, {"iso_8859-2:1987", E_8859_2}, {"l2", E_8859_2},
	{"latin2", E_8859_2},
	{"csisolatin3", E_8859_3}, {"iso-8859-3", E_8859_3}, {"iso-ir-109", E_8859_3}, {"iso8859-3", E_8859_3},
	{"iso88593", E_8859_3}, {"iso_8859-3", E_8859_3}, {"iso_8859-3:1988", E_8859_3}, {"l3", E_8859_3},
	{"latin3", E_8859_3},
	{"csisolatin4", E_8859_4}, {"iso-8859-4", E_8859_4}, {"iso-ir-110", E_8859_4}, {"iso8859-4", E_8859_4},
	{"iso88594", E_8859_4}, {"iso_8859-4", E_8859_4}, {"iso_8859-4:1988", E_8859_4}, {"l4", E_8859_4},
	{"latin4", E_8859_4},
	{"csisolatincyrillic", E_8859_5}, {"cyrillic", E_8859_5}, {"iso-8859-5", E_8859_5}, {"iso-ir-144", E_8859_5},
	{"iso8859-5", E_8859_5}, {"iso88595", E_8859_5}, {"iso_8859-5", E_8859_5}, {"iso_8859-5:1988", E_8859_5},
	{"arabic", E_8859_6}, {"asmo-708", E_8859_6}, {"csiso88596e", E_8859_6}, {"csiso88596i", E_8859_6},
	{"csisolatinarabic", E_8859_6}, {"ecma-114", E_8859_6}, {"iso-8859-6", E_8859_6}, {"iso-8859-6-e", E_8859_6},
	{"iso-8859-6-i", E_8859_6}, {"iso-ir-127", E_8859_6}, {"iso8859-6", E_8859_6}, {"iso88596", E_8859_6},
	{"iso_8859-6", E_8859_6}, {"iso_8859-6:1987", E_8859_6},
	{"csisolatingreek", E_8859_7}, {"ecma-118", E_8859_7}, {"elot_928", E_8859_7}, {"greek", E_8859_7},
	{"greek8", E_8859_7}, {"iso-8859-7", E_8859_7}, {"iso-ir-126", E_8859_7}, {"iso8859-7", E_8859_7},
	{"iso88597", E_8859_7}, {"iso_8859-7", E_8859_7}, {"iso_8859-7:1987", E_8859_7}, {"sun_eu_greek", E_8859_7},
	{"csiso88598e", E_8859_8}, {"csisolatinhebrew", E_8859_8}, {"hebrew", E_8859_8}, {"iso-8859-8", E_8859_8},
	{"iso-8859-8-e", E_8859_8}, {"iso-ir-138", E_8859_8}, {"iso8859-8", E_8859_8}, {"iso88598", E_8859_8},
	{"iso_8859-8", E_8859_8}, {"iso_8859-8:1988", E_8859_8}, {"visual", E_8859_8},
	{"csiso88598i", E_8859_8I}, {"iso-8859-8-i", E_8859_8I}, {"logical", E_8859_8I},
	{"csisolatin6", E_8859_10}, {"iso-8859-10", E_8859_10}, {"iso-ir-157", E_8859_10}, {"iso8859-10", E_8859_10},
	{"iso885910", E_8859_10}, {"l6", E_8859_10}, {"latin6", E_8859_10},
	{"iso-8859-13", E_8859_13}, {"iso8859-13", E_8859_13}, {"iso885913", E_8859_13},
	{"iso-8859-14", E_8859_14}, {"iso8859-14", E_8859_14}, {"iso885914", E_8859_14},
	{"csisolatin9", E_8859_15}, {"iso-8859-15", E_8859_15}, {"iso8859-15", E_8859_15},
	{"iso885915", E_8859_15}, {"iso_8859-15", E_8859_15}, {"l9", E_8859_15},
	{"iso-8859-16", E_8859_16},
	{"cskoi8r", E_KOI8R}, {"koi", E_KOI8R}, {"koi8", E_KOI8R}, {"koi8-r", E_KOI8R}, {"koi8_r", E_KOI8R},
	{"koi8-ru", E_KOI8U}, {"koi8-u", E_KOI8U},
	{"csmacintosh", E_MAC}, {"mac", E_MAC}, {"macintosh", E_MAC}, {"x-mac-roman", E_MAC},
	{"dos-874", E_874}, {"iso-8859-11", E_874}, {"iso8859-11", E_874}, {"iso885911", E_874},
	{"tis-620", E_874}, {"windows-874", E_874},
	{"cp1250", E_1250}, {"windows-1250", E_1250}, {"x-cp1250", E_1250},
	{"cp1251", E_1251}, {"windows-1251", E_1251}, {"x-cp1251", E_1251},
	{"ansi_x3.4-1968", E_1252}, {"ascii", E_1252}, {"cp1252", E_1252}, {"cp819", E_1252},
	{"csisolatin1", E_1252}, {"ibm819", E_1252}, {"iso-8859-1", E_1252}, {"iso-ir-100", E_1252},
	{"iso8859-1", E_1252}, {"iso88591", E_1252}, {"iso_8859-1", E_1252}, {"iso_8859-1:1987", E_1252},
	{"l1", E_1252}, {"latin1", E_1252}, {"us-ascii", E_1252}, {"windows-1252", E_1252}, {"x-cp1252", E_1252},
	{"cp1253", E_1253}, {"windows-1253", E_1253}, {"x-cp1253", E_1253},
	{"cp1254", E_1254}, {"csisolatin5", E_1254}, {"iso-8859-9", E_1254}, {"iso-ir-148", E_1254},
	{"iso8859-9", E_1254}, {"iso88599", E_1254}, {"iso_8859-9", E_1254}, {"iso_8859-9:1989", E_1254},
	{"l5", E_1254}, {"latin5", E_1254}, {"windows-1254", E_1254}, {"x-cp1254", E_1254},
	{"cp1255", E_1255}, {"windows-1255", E_1255}, {"x-cp1255", E_1255},
	{"cp1256", E_1256}, {"windows-1256", E_1256}, {"x-cp1256", E_1256},
	{"cp1257", E_1257}, {"windows-1257", E_1257}, {"x-cp1257", E_1257},
	{"cp1258", E_1258}, {"windows-1258", E_1258}, {"x-cp1258", E_1258},
	{"x-mac-cyrillic", E_MACCYR}, {"x-mac-ukrainian", E_MACCYR},
	{"x-user-defined", E_USER},
	{"chinese", E_GBK}, {"csgb2312", E_GBK}, {"csiso58gb231280", E_GBK}, {"gb2312", E_GBK}, {"gb_2312", E_GBK},
	{"gb_2312-80", E_GBK}, {"gbk", E_GBK}, {"iso-ir-58", E_GBK}, {"x-gbk", E_GBK},
	{"gb18030", E_GB18030}, {"big5", E_BIG5}, {"big5-hkscs", E_BIG5}, {"cn-big5", E_BIG5}, {"csbig5", E_BIG5},
	{"x-x-big5", E_BIG5}, {"cseucpkdfmtjapanese", E_EUCJP}, {"euc-jp", E_EUCJP}, {"x-euc-jp", E_EUCJP},
	{"csiso2022jp", E_ISO2022JP}, {"iso-2022-jp", E_ISO2022JP}, {"csshiftjis", E_SJIS}, {"ms932", E_SJIS},
	{"ms_kanji", E_SJIS}, {"shift-jis", E_SJIS}, {"shift_jis", E_SJIS}, {"sjis", E_SJIS},
	{"windows-31j", E_SJIS}, {"x-sjis", E_SJIS}, {"cseuckr", E_EUCKR}, {"csksc56011987", E_EUCKR},
	{"euc-kr", E_EUCKR}, {"iso-ir-149", E_EUCKR}, {"korean", E_EUCKR}, {"ks_c_5601-1987", E_EUCKR},
	{"ks_c_5601-1989", E_EUCKR}, {"ksc5601", E_EUCKR}, {"ksc_5601", E_EUCKR}, {"windows-949", E_EUCKR},
	{"unicodefffe", E_UTF16BE}, {"utf-16be", E_UTF16BE},
	{"csunicode", E_UTF16LE}, {"iso-10646-ucs-2", E_UTF16LE}, {"ucs-2", E_UTF16LE}, {"unicode", E_UTF16LE},
	{"unicodefeff", E_UTF16LE}, {"utf-16", E_UTF16LE}, {"utf-16le", E_UTF16LE},
};

const struct html_encoding *html_encoding_for_label(const char *label, size_t len)
{
	while (len && base_is_ascii_ws(*label)) {
		label++;
		len--;
	}
	while (len && base_is_ascii_ws(label[len - 1]))
		len--;
	for (size_t i = 0; i < BASE_ARRAY_LEN(labels); i++) {
		size_t n = strlen(labels[i].label);
		if (n == len && base_ascii_ieq(label, len, labels[i].label, n))
			return &encodings[labels[i].enc];
	}
	return NULL;
}

void html_single_byte_table(const struct html_encoding *enc, uint32_t table[128])
{
	if (enc->kind == HTML_ENC_X_USER_DEFINED) {
		for (int b = 0; b < 128; b++)
			table[b] = 0xF780 + (uint32_t)b;
		return;
	}
	bool windows = strncmp(enc->name, "windows-", 8) == 0;
	iconv_t cd = iconv_open("UTF-32LE", enc->iconv_name);
	for (int b = 0x80; b <= 0xFF; b++) {
		uint32_t cp = 0;
		bool ok = false;
		if (cd != (iconv_t)-1) {
			char in = (char)b;
			unsigned char out[8];
			char *ip = &in, *op = (char *)out;
			size_t il = 1, ol = sizeof out;
			iconv(cd, NULL, NULL, NULL, NULL);
			if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == sizeof out - 4) {
				cp = (uint32_t)out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 | (uint32_t)out[3] << 24;
				ok = true;
			}
		}
		if (!ok)
			cp = windows ? (uint32_t)b : 0xFFFD;
		table[b - 0x80] = cp;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}

const char *html_decode_single_byte(struct base_arena *a, const struct html_encoding *enc, const char *bytes,
				    size_t len, size_t *out_len)
{
	uint32_t table[128];
	html_single_byte_table(enc, table);
	struct base_buf out = {0};
	base_buf_reserve(&out, len + len / 2 + 16);
	const unsigned char *p = (const unsigned char *)bytes;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && p[j] < 0x80)
			j++;
		base_buf_append(&out, p + i, j - i);
		if (j < len) {
			base_buf_put_utf8(&out, table[p[j] - 0x80]);
			j++;
		}
		i = j;
	}
	char *s = base_arena_strndup(a, out.data ? out.data : "", out.len);
	*out_len = out.len;
	base_buf_free(&out);
	return s;
}

const char *html_decode_multi_byte(struct base_arena *a, const struct html_encoding *enc, const char *bytes,
				   size_t len, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", enc->iconv_name);
	if (cd == (iconv_t)-1) {
		/* No converter: the web's default legacy encoding. */
		return html_decode_single_byte(a, &encodings[E_1252], bytes, len, out_len);
	}
	struct base_buf out = {0};
	char *in = (char *)bytes;
	size_t left = len;
	while (left) {
		base_buf_reserve(&out, left * 2 + 16);
		char *op = out.data + out.len;
		size_t room = out.cap - out.len - 1;
		size_t r = iconv(cd, &in, &left, &op, &room);
		out.len = (size_t)(op - out.data);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* An invalid or truncated sequence: one replacement, then resync. */
		base_buf_put_utf8(&out, 0xFFFD);
		in++;
		left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	char *s = base_arena_strndup(a, out.data ? out.data : "", out.len);
	*out_len = out.len;
	base_buf_free(&out);
	return s;
}
