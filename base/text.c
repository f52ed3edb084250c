/* UTF-8 and ASCII helpers. */
#include "base/base.h"

#include <string.h>

/* https://encoding.spec.whatwg.org/#utf-8-decoder */
uint32_t base_utf8_decode(const char **pp, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pp;
	const unsigned char *e = (const unsigned char *)end;
	unsigned char b = *p++;
	if (b < 0x80) {
		*pp = (const char *)p;
		return b;
	}
	uint32_t cp;
	int need;
	unsigned char lo = 0x80, hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		cp = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		if (b == 0xE0)
			lo = 0xA0;
		if (b == 0xED)
			hi = 0x9F;
		need = 2;
		cp = b & 0xF;
	} else if (b >= 0xF0 && b <= 0xF4) {
		if (b == 0xF0)
			lo = 0x90;
		if (b == 0xF4)
			hi = 0x8F;
		need = 3;
		cp = b & 0x7;
	} else {
		*pp = (const char *)p;
		return 0xFFFD;
	}
	while (need--) {
		if (p >= e || *p < lo || *p > hi) {
			/* The offending byte is not consumed: it starts the next sequence. */
			*pp = (const char *)p;
			return 0xFFFD;
		}
		cp = (cp << 6) | (*p++ & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*pp = (const char *)p;
	return cp;
}

size_t base_utf8_encode(uint32_t cp, char out[4])
{
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool base_ascii_ieq(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (base_ascii_lower(a[i]) != base_ascii_lower(b[i]))
			return false;
	return true;
}

bool base_ascii_ieq_lit(const char *a, size_t an, const char *lit)
{
	return base_ascii_ieq(a, an, lit, strlen(lit));
}
