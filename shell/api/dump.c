/* Text dumps of each stage, for tests and harnesses. */
#include "shell/api/document.h"

#include <stdlib.h>
#include <string.h>

static int write_buf(struct base_buf *b, FILE *out)
{
	int rc = WEFT_OK;
	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		rc = WEFT_ERR_RENDER;
	base_buf_free(b);
	return rc;
}

int weft_document_dump(struct weft_document *doc, enum weft_dump_kind kind, FILE *out, struct weft_error *err)
{
	struct base_buf b = {0};
	int rc = WEFT_OK;
	switch (kind) {
	case WEFT_DUMP_DOM:
		html_dump(doc->html, HTML_DUMP_TREE, &b);
		break;
	case WEFT_DUMP_DOM_HTML5LIB:
		html_dump(doc->html, HTML_DUMP_HTML5LIB, &b);
		break;
	case WEFT_DUMP_DOM_HTML:
		html_dump(doc->html, HTML_DUMP_HTML, &b);
		break;
	case WEFT_DUMP_PARSE_ERRORS:
		for (size_t i = 0; i < doc->html->error_count; i++) {
			const struct html_parse_error *e = &doc->html->errors[i];
			base_buf_printf(&b, "%u:%u: %s\n", e->line, e->column, e->code);
		}
		break;
	case WEFT_DUMP_STYLE:
		rc = weft_document_style(doc, err);
		if (rc == WEFT_OK)
			css_dump_styles(doc->styled, &b);
		break;
	case WEFT_DUMP_STYLE_JSON:
		/* getComputedStyle() resolves sizes, margins, paddings and
		 * insets to used values: lay out first. */
		rc = weft_document_layout(doc, err);
		if (rc == WEFT_OK) {
			size_t n = doc->styled->element_count;
			struct css_used_box *used = base_xmalloc((n ? n : 1) * sizeof *used);
			layout_used_boxes(doc->layout, used, n);
			css_dump_styles_json_used(doc->styled, used, &b);
			free(used);
		}
		break;
	case WEFT_DUMP_LAYOUT:
	case WEFT_DUMP_BOXES_JSON:
		rc = weft_document_layout(doc, err);
		if (rc == WEFT_OK) {
			if (kind == WEFT_DUMP_LAYOUT)
				layout_dump(doc->layout, &b);
			else
				layout_dump_boxes_json(doc->layout, doc->html, &b);
		}
		break;
	case WEFT_DUMP_DISPLAY_LIST:
		rc = shell_document_build_display_list(doc, err);
		if (rc == WEFT_OK)
			paint_dump_display_list(doc->display_list, &b);
		break;
	}
	if (rc != WEFT_OK) {
		base_buf_free(&b);
		return rc;
	}
	return write_buf(&b, out);
}

static int dump_parsed(const char *bytes, size_t len, const struct html_parse_options *po, FILE *out)
{
	const char *why = NULL;
	struct html_document *d = html_parse(bytes, len, po, &why);
	if (!d)
		return WEFT_ERR_INPUT;
	struct base_buf b = {0};
	html_dump(d, HTML_DUMP_HTML5LIB, &b);
	html_document_free(d);
	return write_buf(&b, out);
}

int weft_dump_html_fragment(const char *bytes, size_t len, const char *context, bool scripting, FILE *out)
{
	struct html_parse_options po = {.scripting = scripting, .fragment_context = context};
	return dump_parsed(bytes, len, &po, out);
}

int weft_dump_html_document(const char *bytes, size_t len, bool scripting, FILE *out)
{
	struct html_parse_options po = {.scripting = scripting};
	return dump_parsed(bytes, len, &po, out);
}

int weft_dump_html_tokens(const char *bytes, size_t len, FILE *out)
{
	struct base_buf b = {0};
	html_dump_tokens(bytes, len, &b);
	return write_buf(&b, out);
}
