/* css/parser.h: helpers shared by the css/ syntax files (internal). */
#ifndef WEFT_CSS_PARSER_H
#define WEFT_CSS_PARSER_H

#include "css/syntax.h"

/* Runs the tokenizer to EOF and groups the tokens into a component value
 * tree (§5.3.9 parse a list of component values), iteratively. */
struct css_cv_list css_tokenize_to_cvs(struct base_arena *a, struct css_tokenizer *t);

#endif
