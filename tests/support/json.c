/* A recursive-descent JSON reader (RFC 8259) for test data. Depth is
 * bounded so malformed data cannot overflow the stack. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 512

struct reader {
	const char *p, *end;
	struct base_arena *a;
	const char *err;
	int depth;
};

static void skip_ws(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static struct test_json *node(struct reader *r, enum test_json_type t)
{
	struct test_json *v = base_arena_calloc(r->a, 1, sizeof *v);
	v->type = t;
	return v;
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static bool parse_string(struct reader *r, const char **out, size_t *outlen)
{
	struct base_buf b = {0};
	r->p++; /* opening quote */
	while (r->p < r->end && *r->p != '"') {
		char c = *r->p++;
		if (c != '\\') {
			base_buf_putc(&b, c);
			continue;
		}
		if (r->p >= r->end)
			break;
		char e = *r->p++;
		switch (e) {
		case '"': base_buf_putc(&b, '"'); break;
		case '\\': base_buf_putc(&b, '\\'); break;
		case '/': base_buf_putc(&b, '/'); break;
		case 'b': base_buf_putc(&b, '\b'); break;
		case 'f': base_buf_putc(&b, '\f'); break;
		case 'n': base_buf_putc(&b, '\n'); break;
		case 'r': base_buf_putc(&b, '\r'); break;
		case 't': base_buf_putc(&b, '\t'); break;
		case 'u': {
			if (r->end - r->p < 4 || hex4(r->p) < 0)
				goto bad;
			uint32_t cp = (uint32_t)hex4(r->p);
			r->p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && r->end - r->p >= 6 && r->p[0] == '\\' &&
			    r->p[1] == 'u' && hex4(r->p + 2) >= 0xDC00 && hex4(r->p + 2) <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)hex4(r->p + 2) - 0xDC00);
				r->p += 6;
			}
			if (cp >= 0xD800 && cp <= 0xDFFF) {
				/* A lone surrogate: kept as its 3-byte generalized UTF-8 form so
				 * tests can tell it apart from U+FFFD. */
				base_buf_putc(&b, (char)(0xE0 | (cp >> 12)));
				base_buf_putc(&b, (char)(0x80 | ((cp >> 6) & 0x3F)));
				base_buf_putc(&b, (char)(0x80 | (cp & 0x3F)));
			} else {
				base_buf_put_utf8(&b, cp);
			}
			break;
		}
		default:
			goto bad;
		}
	}
	if (r->p >= r->end)
		goto bad;
	r->p++; /* closing quote */
	*out = base_arena_strndup(r->a, b.data ? b.data : "", b.len);
	*outlen = b.len;
	base_buf_free(&b);
	return true;
bad:
	base_buf_free(&b);
	r->err = "bad string";
	return false;
}

static struct test_json *parse_value(struct reader *r);

static struct test_json *parse_container(struct reader *r, bool object)
{
	struct test_json *v = node(r, object ? TEST_JSON_OBJECT : TEST_JSON_ARRAY);
	struct base_vec items = {0}, keys = {0};
	char close = object ? '}' : ']';
	r->p++;
	skip_ws(r);
	if (r->p < r->end && *r->p == close) {
		r->p++;
		return v;
	}
	for (;;) {
		skip_ws(r);
		if (object) {
			const char *k;
			size_t klen;
			if (r->p >= r->end || *r->p != '"' || !parse_string(r, &k, &klen))
				goto bad;
			base_vec_push(&keys, (void *)k);
			skip_ws(r);
			if (r->p >= r->end || *r->p != ':')
				goto bad;
			r->p++;
		}
		struct test_json *item = parse_value(r);
		if (!item)
			goto bad;
		base_vec_push(&items, item);
		skip_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == close) {
			r->p++;
			break;
		}
		goto bad;
	}
	v->count = items.len;
	v->items = base_arena_memdup(r->a, items.items, items.len * sizeof(void *));
	if (object)
		v->keys = base_arena_memdup(r->a, keys.items, keys.len * sizeof(void *));
	base_vec_free(&items);
	base_vec_free(&keys);
	return v;
bad:
	if (!r->err)
		r->err = object ? "bad object" : "bad array";
	base_vec_free(&items);
	base_vec_free(&keys);
	return NULL;
}

static struct test_json *parse_value(struct reader *r)
{
	skip_ws(r);
	if (r->p >= r->end) {
		r->err = "unexpected end";
		return NULL;
	}
	if (++r->depth > JSON_MAX_DEPTH) {
		r->err = "nested too deeply";
		return NULL;
	}
	struct test_json *v = NULL;
	char c = *r->p;
	if (c == '{' || c == '[') {
		v = parse_container(r, c == '{');
	} else if (c == '"') {
		v = node(r, TEST_JSON_STRING);
		if (!parse_string(r, &v->string, &v->string_len))
			v = NULL;
	} else if ((size_t)(r->end - r->p) >= 4 && memcmp(r->p, "true", 4) == 0) {
		v = node(r, TEST_JSON_BOOL);
		v->boolean = true;
		r->p += 4;
	} else if ((size_t)(r->end - r->p) >= 5 && memcmp(r->p, "false", 5) == 0) {
		v = node(r, TEST_JSON_BOOL);
		r->p += 5;
	} else if ((size_t)(r->end - r->p) >= 4 && memcmp(r->p, "null", 4) == 0) {
		v = node(r, TEST_JSON_NULL);
		r->p += 4;
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		const char *start = r->p;
		while (r->p < r->end && strchr("+-0123456789.eE", *r->p))
			r->p++;
		v = node(r, TEST_JSON_NUMBER);
		v->raw = base_arena_strndup(r->a, start, (size_t)(r->p - start));
		v->number = strtod(v->raw, NULL);
	} else {
		r->err = "unexpected character";
	}
	r->depth--;
	return v;
}

struct test_json *test_json_parse(const char *text, size_t len, struct base_arena *a, const char **err)
{
	struct reader r = {text, text + len, a, NULL, 0};
	struct test_json *v = parse_value(&r);
	if (v) {
		skip_ws(&r);
		if (r.p != r.end) {
			r.err = "trailing data";
			v = NULL;
		}
	}
	if (err)
		*err = r.err;
	return v;
}

const struct test_json *test_json_get(const struct test_json *obj, const char *key)
{
	if (!obj || obj->type != TEST_JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->count; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

void test_json_write_string(const char *s, size_t n, struct base_buf *out)
{
	base_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			base_buf_putc(out, '\\');
			base_buf_putc(out, (char)c);
		} else if (c < 0x20) {
			base_buf_printf(out, "\\u%04x", c);
		} else {
			base_buf_putc(out, (char)c);
		}
	}
	base_buf_putc(out, '"');
}

void test_json_write(const struct test_json *v, struct base_buf *out)
{
	switch (v->type) {
	case TEST_JSON_NULL: base_buf_puts(out, "null"); break;
	case TEST_JSON_BOOL: base_buf_puts(out, v->boolean ? "true" : "false"); break;
	case TEST_JSON_NUMBER: base_buf_puts(out, v->raw); break;
	case TEST_JSON_STRING: test_json_write_string(v->string, v->string_len, out); break;
	case TEST_JSON_ARRAY:
	case TEST_JSON_OBJECT:
		base_buf_putc(out, v->type == TEST_JSON_ARRAY ? '[' : '{');
		for (size_t i = 0; i < v->count; i++) {
			if (i)
				base_buf_putc(out, ',');
			if (v->type == TEST_JSON_OBJECT) {
				test_json_write_string(v->keys[i], strlen(v->keys[i]), out);
				base_buf_putc(out, ':');
			}
			test_json_write(v->items[i], out);
		}
		base_buf_putc(out, v->type == TEST_JSON_ARRAY ? ']' : '}');
		break;
	}
}
