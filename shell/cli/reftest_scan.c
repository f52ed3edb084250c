/* reftest_scan.c — finds <link> and <meta> tags in a page without parsing
 * it: discovery reads hundreds of files and only needs rel=match/mismatch
 * links and fuzzy metas. Modelled on the tokenizer's tag and attribute
 * states (https://html.spec.whatwg.org/multipage/parsing.html#tag-open-state)
 * but forgiving: anything unexpected is skipped. */
#include "shell/cli/reftest.h"

#include <string.h>

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_end(char c)
{
	return base_is_ascii_ws(c) || c == '/' || c == '>';
}

/* Finds needle (lower-case ASCII) case-insensitively in [p, end). */
static const char *find_ci(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= end; p++) {
		if (base_ascii_lower(*p) == needle[0] && base_ascii_ieq_lit(p, n, needle))
			return p;
	}
	return NULL;
}

/* Elements whose content is text, not markup (RAWTEXT/RCDATA/script). */
static const char *const raw_text_elements[] = {"script", "style", "title", "textarea", "xmp", "noembed", "noframes"};

static void set_attr(struct reftest_tag *t, const char *name, size_t nlen, const char *v, size_t vlen)
{
	if (base_ascii_ieq_lit(name, nlen, "rel")) {
		t->rel = v;
		t->rel_len = vlen;
	} else if (base_ascii_ieq_lit(name, nlen, "href")) {
		t->href = v;
		t->href_len = vlen;
	} else if (base_ascii_ieq_lit(name, nlen, "name")) {
		t->name = v;
		t->name_len = vlen;
	} else if (base_ascii_ieq_lit(name, nlen, "content")) {
		t->content = v;
		t->content_len = vlen;
	}
}

/* Reads attributes from p up to the tag's '>'; returns the position after
 * it (or end). The first value of each attribute wins, as in HTML. */
static const char *scan_attributes(const char *p, const char *end, struct reftest_tag *t)
{
	bool seen_rel = false, seen_href = false, seen_name = false, seen_content = false;
	while (p < end) {
		while (p < end && (base_is_ascii_ws(*p) || *p == '/'))
			p++;
		if (p >= end)
			return end;
		if (*p == '>')
			return p + 1;
		const char *name = p;
		while (p < end && !base_is_ascii_ws(*p) && *p != '/' && *p != '>' && *p != '=')
			p++;
		size_t nlen = (size_t)(p - name);
		while (p < end && base_is_ascii_ws(*p))
			p++;
		const char *v = "";
		size_t vlen = 0;
		if (p < end && *p == '=') {
			p++;
			while (p < end && base_is_ascii_ws(*p))
				p++;
			if (p < end && (*p == '"' || *p == '\'')) {
				char q = *p++;
				v = p;
				while (p < end && *p != q)
					p++;
				vlen = (size_t)(p - v);
				if (p < end)
					p++;
			} else {
				v = p;
				while (p < end && !base_is_ascii_ws(*p) && *p != '>')
					p++;
				vlen = (size_t)(p - v);
			}
		}
		bool *seen = NULL;
		if (base_ascii_ieq_lit(name, nlen, "rel"))
			seen = &seen_rel;
		else if (base_ascii_ieq_lit(name, nlen, "href"))
			seen = &seen_href;
		else if (base_ascii_ieq_lit(name, nlen, "name"))
			seen = &seen_name;
		else if (base_ascii_ieq_lit(name, nlen, "content"))
			seen = &seen_content;
		if (seen && !*seen) {
			*seen = true;
			set_attr(t, name, nlen, v, vlen);
		}
	}
	return end;
}

/* Skips any other tag, honouring quoted attribute values. */
static const char *skip_tag(const char *p, const char *end)
{
	char q = 0;
	for (; p < end; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			/* Only after '=' is a quote a value; elsewhere it is junk. */
			if (p[-1] == '=' || (base_is_ascii_ws(p[-1])))
				q = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return end;
}

void reftest_scan_tags(const char *text, size_t len, reftest_tag_fn fn, void *ctx)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt)
			return;
		p = lt + 1;
		if (p >= end)
			return;
		if ((size_t)(end - p) >= 3 && memcmp(p, "!--", 3) == 0) {
			const char *close = find_ci(p + 3, end, "-->");
			p = close ? close + 3 : end;
			continue;
		}
		if ((size_t)(end - p) >= 8 && memcmp(p, "![CDATA[", 8) == 0) {
			const char *close = find_ci(p + 8, end, "]]>");
			p = close ? close + 3 : end;
			continue;
		}
		if (*p == '!' || *p == '?' || *p == '/') {
			p = skip_tag(p, end);
			continue;
		}
		if (!is_alpha(*p))
			continue;
		const char *name = p;
		while (p < end && !name_end(*p))
			p++;
		size_t nlen = (size_t)(p - name);
		bool is_link = base_ascii_ieq_lit(name, nlen, "link");
		if (is_link || base_ascii_ieq_lit(name, nlen, "meta")) {
			struct reftest_tag t = {.is_link = is_link};
			p = scan_attributes(p, end, &t);
			fn(ctx, &t);
			continue;
		}
		p = skip_tag(p, end);
		for (size_t i = 0; i < BASE_ARRAY_LEN(raw_text_elements); i++) {
			if (!base_ascii_ieq_lit(name, nlen, raw_text_elements[i]))
				continue;
			/* A self-closed <script/> (XHTML) has no content. */
			if (p - 2 >= name && p[-2] == '/')
				break;
			char close[16];
			close[0] = '<';
			close[1] = '/';
			memcpy(close + 2, raw_text_elements[i], strlen(raw_text_elements[i]) + 1);
			const char *c = find_ci(p, end, close);
			p = c ? c : end;
			break;
		}
	}
}

bool reftest_has_token(const char *list, size_t len, const char *token)
{
	const char *p = list, *end = list + len;
	while (p < end) {
		while (p < end && base_is_ascii_ws(*p))
			p++;
		const char *s = p;
		while (p < end && !base_is_ascii_ws(*p))
			p++;
		if (p > s && base_ascii_ieq_lit(s, (size_t)(p - s), token))
			return true;
	}
	return false;
}
