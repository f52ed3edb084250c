/* Line break opportunities: UAX #14 via libunibreak, mapped to one value
 * per byte of the UTF-8 text (CSS Text 3 §5 "Line Breaking and Word
 * Boundaries"). word-break and white-space adjustments are applied by the
 * inline formatting context, which knows the styles of each range. */
#include "layout/internal.h"

#include <linebreak.h>
#include <stdlib.h>

void layout_line_breaks(const char *text, size_t len, const char *lang, uint8_t *brk)
{
	if (len == 0)
		return;
	char *raw = base_xmalloc(len);
	set_linebreaks_utf8((const utf8_t *)text, len, lang, raw);
	for (size_t i = 0; i < len; i++) {
		switch (raw[i]) {
		case LINEBREAK_MUSTBREAK:
			brk[i] = LAYOUT_BREAK_MANDATORY;
			break;
		case LINEBREAK_ALLOWBREAK:
			brk[i] = LAYOUT_BREAK_ALLOWED;
			break;
		default:
			brk[i] = LAYOUT_BREAK_NONE;
			break;
		}
	}
	/* The end of the text is not a break inside it. */
	brk[len - 1] = LAYOUT_BREAK_NONE;
	free(raw);
}
