/* Generated content: CSS counters (CSS Lists 3 §4), the content property of
 * ::before/::after (CSS Generated Content 3 §1), quotes, and list marker
 * strings (CSS Counter Styles 3 predefined styles).
 *
 * The counter state is walked in document order by the box tree builder;
 * it lives in the pass's scratch arena and heap vectors it frees itself. */
#include "layout/generated_content.h"

#include <stdio.h>
#include <string.h>

/* An increment that would leave the integer range is not applied: the
 * counter keeps its value, as browsers do (WPT css-lists
 * counter-reset-increment-overflow-underflow). */
static int counter_add(int a, int b)
{
	int r;
	return __builtin_add_overflow(a, b, &r) ? a : r;
}

struct counter_instance {
	const char *name;
	int value;
	const struct html_node *owner; /* scope ends when the owner's children end */
};

void layout_counters_init(struct layout_counters *c)
{
	memset(c, 0, sizeof *c);
}

void layout_counters_free(struct layout_counters *c)
{
	free(c->items);
	memset(c, 0, sizeof *c);
}

static struct counter_instance *find(struct layout_counters *c, const char *name)
{
	for (size_t i = c->count; i-- > 0;)
		if (strcmp(c->items[i].name, name) == 0)
			return &c->items[i];
	return NULL;
}

static struct counter_instance *create(struct layout_counters *c, const char *name, int value, const struct html_node *owner)
{
	if (c->count == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->items = base_xrealloc(c->items, c->cap * sizeof *c->items);
	}
	struct counter_instance *ci = &c->items[c->count++];
	ci->name = name;
	ci->value = value;
	ci->owner = owner;
	return ci;
}

static bool has_op(const struct css_counter_op *ops, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ops[i].name, name) == 0)
			return true;
	return false;
}

static int attr_int(const struct html_node *el, const char *name, int dflt)
{
	const char *v = el ? html_element_attr_value(el, name) : NULL;
	if (!v)
		return dflt;
	char *end;
	long n = strtol(v, &end, 10);
	return end == v ? dflt : (int)n;
}

static int count_list_items(const struct html_node *ol)
{
	int n = 0;
	for (const struct html_node *c = ol->first_child; c; c = c->next_sibling)
		if (c->type == HTML_NODE_ELEMENT && c->tag == HTML_TAG_LI)
			n++;
	return n;
}

/* CSS Lists 3 §4.3: counter-reset, then counter-increment, then
 * counter-set, with the implicit list-item counter of list items and the
 * HTML ol/ul reset (start, reversed, value attributes). */
void layout_counters_enter(struct layout_counters *c, const struct html_node *el, const struct html_node *scope,
			   const struct css_style *s)
{
	bool html_list = el && el->type == HTML_NODE_ELEMENT && el->ns == HTML_NS_HTML &&
			 (el->tag == HTML_TAG_OL || el->tag == HTML_TAG_UL || el->tag == HTML_TAG_MENU || el->tag == HTML_TAG_DIR);
	for (size_t i = 0; i < s->counter_reset_count; i++)
		create(c, s->counter_reset[i].name, s->counter_reset[i].value, scope);
	if (html_list && !has_op(s->counter_reset, s->counter_reset_count, "list-item")) {
		bool reversed = el->tag == HTML_TAG_OL && html_element_attr_value(el, "reversed");
		int start = el->tag == HTML_TAG_OL ? attr_int(el, "start", reversed ? count_list_items(el) : 1) : 1;
		/* The first item increments before use. */
		create(c, "list-item", counter_add(start, reversed ? 1 : -1), scope);
	}
	for (size_t i = 0; i < s->counter_increment_count; i++) {
		struct counter_instance *ci = find(c, s->counter_increment[i].name);
		if (!ci)
			ci = create(c, s->counter_increment[i].name, 0, scope);
		ci->value = counter_add(ci->value, s->counter_increment[i].value);
	}
	if (s->display == CSS_DISPLAY_LIST_ITEM && !has_op(s->counter_increment, s->counter_increment_count, "list-item")) {
		struct counter_instance *ci = find(c, "list-item");
		if (!ci)
			ci = create(c, "list-item", 0, scope);
		const struct html_node *list = el ? el->parent : NULL;
		bool reversed = list && list->type == HTML_NODE_ELEMENT && list->tag == HTML_TAG_OL && html_element_attr_value(list, "reversed");
		ci->value = counter_add(ci->value, reversed ? -1 : 1);
		if (el && el->type == HTML_NODE_ELEMENT && el->tag == HTML_TAG_LI && html_element_attr_value(el, "value"))
			ci->value = attr_int(el, "value", ci->value);
	}
	for (size_t i = 0; i < s->counter_set_count; i++) {
		struct counter_instance *ci = find(c, s->counter_set[i].name);
		if (!ci)
			ci = create(c, s->counter_set[i].name, 0, scope);
		ci->value = s->counter_set[i].value;
	}
}

void layout_counters_leave(struct layout_counters *c, const struct html_node *scope)
{
	while (c->count > 0 && c->items[c->count - 1].owner == scope)
		c->count--;
}

static void put_roman(struct base_buf *out, int n, bool upper)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
		 {40, "xl"},   {10, "x"},    {9, "ix"},   {5, "v"},    {4, "iv"},   {1, "i"}};
	for (size_t i = 0; i < BASE_ARRAY_LEN(r); i++)
		while (n >= r[i].v) {
			for (const char *p = r[i].s; *p; p++)
				base_buf_putc(out, upper ? (char)(*p - 32) : *p);
			n -= r[i].v;
		}
}

/* Additive counter system (CSS Counter Styles 3 §3.1.7): the largest
 * weights first, each as often as it fits. */
static void put_additive(struct base_buf *out, int n, const int *weights, const uint32_t *symbols, size_t count)
{
	for (size_t i = 0; i < count && n > 0; i++)
		for (; n >= weights[i]; n -= weights[i])
			base_buf_put_utf8(out, symbols[i]);
}

/* Alphabetic counter system (CSS Counter Styles 3 §3.1.4). */
static void put_alphabetic(struct base_buf *out, int n, const uint32_t *symbols, int count)
{
	uint32_t digits[32];
	int k = 0;
	while (n > 0 && k < 32) {
		n--;
		digits[k++] = symbols[n % count];
		n /= count;
	}
	while (k-- > 0)
		base_buf_put_utf8(out, digits[k]);
}

void layout_format_counter(struct base_buf *out, int value, uint8_t type)
{
	static const uint32_t lower_greek[] = {0x3B1, 0x3B2, 0x3B3, 0x3B4, 0x3B5, 0x3B6, 0x3B7, 0x3B8, 0x3B9, 0x3BA, 0x3BB, 0x3BC,
					      0x3BD, 0x3BE, 0x3BF, 0x3C0, 0x3C1, 0x3C3, 0x3C4, 0x3C5, 0x3C6, 0x3C7, 0x3C8, 0x3C9};
	uint32_t latin[26];
	switch (type) {
	case CSS_LIST_NONE:
		return;
	case CSS_LIST_DISC:
		base_buf_put_utf8(out, 0x2022);
		return;
	case CSS_LIST_CIRCLE:
		base_buf_put_utf8(out, 0x25E6);
		return;
	case CSS_LIST_SQUARE:
		base_buf_put_utf8(out, 0x25AA);
		return;
	case CSS_LIST_DISCLOSURE_OPEN:
		base_buf_put_utf8(out, 0x25BE);
		return;
	case CSS_LIST_DISCLOSURE_CLOSED:
		base_buf_put_utf8(out, 0x25B8);
		return;
	case CSS_LIST_LOWER_ROMAN:
	case CSS_LIST_UPPER_ROMAN:
		if (value >= 1 && value <= 3999) {
			put_roman(out, value, type == CSS_LIST_UPPER_ROMAN);
			return;
		}
		break;
	case CSS_LIST_LOWER_ALPHA:
	case CSS_LIST_UPPER_ALPHA:
		if (value >= 1) {
			for (int i = 0; i < 26; i++)
				latin[i] = (uint32_t)((type == CSS_LIST_UPPER_ALPHA ? 'A' : 'a') + i);
			put_alphabetic(out, value, latin, 26);
			return;
		}
		break;
	case CSS_LIST_LOWER_GREEK:
		if (value >= 1) {
			put_alphabetic(out, value, lower_greek, (int)BASE_ARRAY_LEN(lower_greek));
			return;
		}
		break;
	case CSS_LIST_GEORGIAN:
		/* CSS Counter Styles 3 §6.1: georgian, 1 to 19999. */
		if (value >= 1 && value <= 19999) {
			static const int weights[] = {10000, 9000, 8000, 7000, 6000, 5000, 4000, 3000, 2000, 1000, 900, 800, 700,
						      600,   500,  400,  300,  200,  100,  90,	  80,	70,   60,   50,	  40,  30,
						      20,    10,   9,	 8,    7,    6,	   5,	 4,    3,    2,	   1};
			static const uint32_t symbols[] = {
				0x10F5, 0x10F0, 0x10EF, 0x10F4, 0x10EE, 0x10ED, 0x10EC, 0x10EB, 0x10EA, 0x10E9, 0x10E8, 0x10E7, 0x10E6,
				0x10E5, 0x10E4, 0x10F3, 0x10E2, 0x10E1, 0x10E0, 0x10DF, 0x10DE, 0x10DD, 0x10F2, 0x10DC, 0x10DB, 0x10DA,
				0x10D9, 0x10D8, 0x10D7, 0x10F1, 0x10D6, 0x10D5, 0x10D4, 0x10D3, 0x10D2, 0x10D1, 0x10D0};
			put_additive(out, value, weights, symbols, BASE_ARRAY_LEN(symbols));
			return;
		}
		break;
	case CSS_LIST_DECIMAL_LEADING_ZERO:
		base_buf_printf(out, value >= 0 && value < 10 ? "0%d" : "%d", value);
		return;
	default:
		break;
	}
	/* decimal, and the fallback of ranges that do not cover the value */
	base_buf_printf(out, "%d", value);
}

/* The marker string of a list item (CSS Lists 3 §3.1): a bullet and a
 * space, or the counter with ". ". */
const char *layout_marker_text(struct layout_counters *c, const struct css_style *s, struct base_arena *a)
{
	struct base_buf b = {0};
	if (s->list_style_type == CSS_LIST_STRING) {
		base_buf_puts(&b, s->list_style_string ? s->list_style_string : "");
	} else if (s->list_style_type != CSS_LIST_NONE) {
		struct counter_instance *ci = find(c, "list-item");
		int v = ci ? ci->value : 0;
		layout_format_counter(&b, v, s->list_style_type);
		bool bullet = s->list_style_type == CSS_LIST_DISC || s->list_style_type == CSS_LIST_CIRCLE ||
			      s->list_style_type == CSS_LIST_SQUARE || s->list_style_type == CSS_LIST_DISCLOSURE_OPEN ||
			      s->list_style_type == CSS_LIST_DISCLOSURE_CLOSED;
		base_buf_puts(&b, bullet ? " " : ". ");
	}
	char *r = base_arena_strndup(a, b.data ? b.data : "", b.len);
	base_buf_free(&b);
	return r;
}

/* The default quotes (quotes: auto) for the document's language: English. */
static const char *const auto_quotes[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99"};

static const char *quote_at(const struct css_style *s, int depth, bool open)
{
	const char *const *q = s->quotes ? s->quotes : auto_quotes;
	size_t pairs = s->quotes ? s->quote_count / 2 : 2;
	if (pairs == 0)
		return "";
	size_t i = (size_t)depth < pairs ? (size_t)depth : pairs - 1;
	return q[i * 2 + (open ? 0 : 1)];
}

/* CSS Generated Content 3 §1.1: the text of the content property. */
const char *layout_content_text(struct layout_counters *c, const struct html_node *el, const struct css_style *s, struct base_arena *a)
{
	struct base_buf b = {0};
	for (size_t i = 0; i < s->content_count; i++) {
		const struct css_content_item *it = &s->content[i];
		switch (it->kind) {
		case CSS_CONTENT_STRING:
			base_buf_puts(&b, it->text ? it->text : "");
			break;
		case CSS_CONTENT_ATTR: {
			const char *v = el ? html_element_attr_value(el, it->text) : NULL;
			base_buf_puts(&b, v ? v : "");
			break;
		}
		case CSS_CONTENT_COUNTER: {
			struct counter_instance *ci = find(c, it->text);
			layout_format_counter(&b, ci ? ci->value : 0, it->list_style);
			break;
		}
		case CSS_CONTENT_COUNTERS: {
			bool first = true;
			for (size_t k = 0; k < c->count; k++) {
				if (strcmp(c->items[k].name, it->text) != 0)
					continue;
				if (!first)
					base_buf_puts(&b, it->separator ? it->separator : "");
				layout_format_counter(&b, c->items[k].value, it->list_style);
				first = false;
			}
			if (first)
				layout_format_counter(&b, 0, it->list_style);
			break;
		}
		case CSS_CONTENT_OPEN_QUOTE:
			base_buf_puts(&b, quote_at(s, c->quote_depth, true));
			c->quote_depth++;
			break;
		case CSS_CONTENT_CLOSE_QUOTE:
			if (c->quote_depth > 0) {
				c->quote_depth--;
				base_buf_puts(&b, quote_at(s, c->quote_depth, false));
			}
			break;
		case CSS_CONTENT_NO_OPEN_QUOTE:
			c->quote_depth++;
			break;
		case CSS_CONTENT_NO_CLOSE_QUOTE:
			if (c->quote_depth > 0)
				c->quote_depth--;
			break;
		default:
			break;
		}
	}
	char *r = base_arena_strndup(a, b.data ? b.data : "", b.len);
	base_buf_free(&b);
	return r;
}
