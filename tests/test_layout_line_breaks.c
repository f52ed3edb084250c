/* Line break opportunities (layout/line_breaker.c): the ASCII pair table
 * must give exactly what libunibreak gives (with Chromium's break after a
 * hyphen before a digit, also checked on its own below), for every string of up to five
 * characters drawn from one character of each class (and space, tab,
 * newline), and for long random strings of every handled byte; text with
 * other characters goes to libunibreak, through the cache. */
#include "support/test_support.h"

#include "layout/internal.h"

#include <linebreak.h>
#include <stdio.h>
#include <string.h>

/* Compares layout_line_breaks() with libunibreak on text[0, len). */
static bool same_as_libunibreak(struct layout_ctx *ctx, const char *text, size_t len)
{
	uint8_t got[64], want[64];
	char raw[64];
	assert_true(len > 0 && len <= sizeof got);
	layout_line_breaks(ctx, text, len, NULL, got);
	set_linebreaks_utf8((const utf8_t *)text, len, NULL, raw);
	/* The end of the text is no break inside it. */
	for (size_t i = 0; i < len; i++)
		want[i] = i + 1 == len			   ? LAYOUT_BREAK_NONE
			  : raw[i] == LINEBREAK_MUSTBREAK  ? LAYOUT_BREAK_MANDATORY
			  : raw[i] == LINEBREAK_ALLOWBREAK ? LAYOUT_BREAK_ALLOWED
							   : LAYOUT_BREAK_NONE;
	/* Chromium's one tailoring: a hyphen after an ASCII letter or digit
	 * and before a digit is a break. */
	for (size_t i = 1; i + 1 < len; i++)
		if (text[i] == '-' && want[i] == LAYOUT_BREAK_NONE && strchr("0123456789", text[i + 1]) &&
		    strchr("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", text[i - 1]))
			want[i] = LAYOUT_BREAK_ALLOWED;
	if (memcmp(got, want, len) == 0)
		return true;
	fprintf(stderr, "differs on \"");
	for (size_t i = 0; i < len; i++)
		fprintf(stderr, text[i] == '\n' ? "\\n" : text[i] == '\t' ? "\\t" : "%c", text[i]);
	fprintf(stderr, "\"\n");
	return false;
}

static void test_every_short_string(void **state)
{
	(void)state;
	struct layout_ctx ctx = {.shape_cache = layout_shape_cache_new()};
	/* OP CP CL QU EX SY IS PR PO NU AL HY BA, then SP, LF and a tab (BA). */
	static const char alphabet[] = "()}\"!/,$%0a-| \n\t";
	const size_t n = sizeof alphabet - 1;
	char s[5];
	for (size_t len = 1; len <= sizeof s; len++) {
		size_t total = 1;
		for (size_t k = 0; k < len; k++)
			total *= n;
		for (size_t x = 0; x < total; x++) {
			size_t y = x;
			for (size_t k = 0; k < len; k++, y /= n)
				s[k] = alphabet[y % n];
			if (!same_as_libunibreak(&ctx, s, len))
				fail();
		}
	}
	layout_shape_scratch_free(&ctx);
	layout_shape_cache_free(ctx.shape_cache);
}

static void test_random_ascii(void **state)
{
	(void)state;
	struct layout_ctx ctx = {.shape_cache = layout_shape_cache_new()};
	char bytes[97];
	size_t nb = 0;
	bytes[nb++] = '\t';
	bytes[nb++] = '\n';
	for (int c = 0x20; c < 0x7F; c++)
		bytes[nb++] = (char)c;
	uint64_t seed = 0x2545F4914F6CDD1Dull;
	char s[48];
	for (int round = 0; round < 100000; round++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		size_t len = 1 + (size_t)(seed >> 33) % sizeof s;
		for (size_t k = 0; k < len; k++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			/* Spaces and letters often, as in text. */
			unsigned r = (unsigned)(seed >> 40) % 160;
			s[k] = r < 97 ? bytes[r] : r < 130 ? ' ' : (char)('a' + r % 26);
		}
		if (!same_as_libunibreak(&ctx, s, len))
			fail();
	}
	layout_shape_scratch_free(&ctx);
	layout_shape_cache_free(ctx.shape_cache);
}

/* Chromium breaks "ISO-8859-1" and "1234-5678" after their hyphens, not
 * "x -5" or "--5" (a minus sign), and UAX #14 breaks none of them. */
static void test_hyphen_before_digit(void **state)
{
	(void)state;
	struct layout_ctx ctx = {.shape_cache = layout_shape_cache_new()};
	static const struct {
		const char *text;
		size_t at;
		uint8_t want;
	} cases[] = {
		{"'ISO-8859-1'", 4, LAYOUT_BREAK_ALLOWED}, {"'ISO-8859-1'", 9, LAYOUT_BREAK_ALLOWED},
		{"1234-5678", 4, LAYOUT_BREAK_ALLOWED},	   {"x -5", 2, LAYOUT_BREAK_NONE},
		{"--5", 1, LAYOUT_BREAK_NONE},		   {"v-1", 1, LAYOUT_BREAK_ALLOWED},
	};
	uint8_t brk[32];
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		layout_line_breaks(&ctx, cases[k].text, strlen(cases[k].text), NULL, brk);
		assert_int_equal(brk[cases[k].at], cases[k].want);
	}
	/* Through libunibreak and the cache, in non-ASCII text. */
	const char *mixed = "\xc3\xa9t\xc3\xa9 ISO-8859";
	layout_line_breaks(&ctx, mixed, strlen(mixed), NULL, brk);
	assert_int_equal(brk[strlen(mixed) - 5], LAYOUT_BREAK_ALLOWED);
	layout_shape_scratch_free(&ctx);
	layout_shape_cache_free(ctx.shape_cache);
}

static void test_other_text_through_cache(void **state)
{
	(void)state;
	struct layout_ctx ctx = {.shape_cache = layout_shape_cache_new()};
	static const char *const texts[] = {
		"caf\xc3\xa9 au lait", "\xe2\x80\x9cquoted\xe2\x80\x9d text", "a\xef\xbf\xbc" "b c", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
		"x\x7fy z",
	};
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
			assert_true(same_as_libunibreak(&ctx, texts[i], strlen(texts[i])));
	layout_shape_scratch_free(&ctx);
	layout_shape_cache_free(ctx.shape_cache);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_short_string),
		cmocka_unit_test(test_random_ascii),
		cmocka_unit_test(test_hyphen_before_digit),
		cmocka_unit_test(test_other_text_through_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
