/* libFuzzer target for html/: the HTML parser (documents and fragments,
 * scripting on and off, with error collection), the tokenizer dump, every
 * serialisation, and the XHTML parser. The first input byte picks the
 * options; the rest is the document. Must never crash, leak or hang. */
#include "html/html.h"

#include <stdint.h>
#include <stdlib.h>

static const char *const contexts[] = {
	NULL, "td", "tr", "table", "select", "template", "title", "textarea", "script", "style",
	"plaintext", "svg path", "math mi", "math annotation-xml", "svg foreignObject", "body",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t sel = data[0];
	const char *bytes = (const char *)data + 1;
	size_t len = size - 1;
	struct html_parse_options opt = {0};
	opt.fragment_context = contexts[sel & 15];
	opt.scripting = sel & 16;
	opt.collect_errors = sel & 32;
	if (sel & 64)
		opt.encoding = (sel & 128) ? "windows-1251" : "utf-16le";
	const char *why = NULL;
	struct html_document *doc = html_parse(bytes, len, &opt, &why);
	if (doc) {
		struct base_buf out = {0};
		html_dump(doc, HTML_DUMP_HTML5LIB, &out);
		html_dump(doc, HTML_DUMP_TREE, &out);
		html_dump(doc, HTML_DUMP_HTML, &out);
		struct base_arena a;
		base_arena_init(&a, 4096);
		html_document_title(doc, &a);
		base_arena_free(&a);
		for (size_t i = 0; i < doc->element_count; i++)
			if (doc->elements[i]->element_index != i)
				abort();
		base_buf_free(&out);
		html_document_free(doc);
	}
	if (sel & 128) {
		struct base_buf toks = {0};
		html_dump_tokens(bytes, len, &toks);
		base_buf_free(&toks);
	}
	if ((sel & 0xC0) == 0x40) {
		struct html_document *x = html_parse_xml(bytes, len, &why);
		if (x) {
			struct base_buf out = {0};
			html_dump(x, HTML_DUMP_HTML5LIB, &out);
			base_buf_free(&out);
			html_document_free(x);
		}
	}
	return 0;
}
