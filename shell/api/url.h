/* Resolving the URLs a document refers to (stylesheets, images, fonts,
 * links) into local file paths. This engine reads local files only. */
#ifndef WEFT_SHELL_URL_H
#define WEFT_SHELL_URL_H

#include "base/base.h"

enum shell_url_kind {
	SHELL_URL_FILE, /* a local path */
	SHELL_URL_DATA, /* a data: URL, returned whole */
	SHELL_URL_NETWORK, /* http:, https: and other schemes: not fetched */
	SHELL_URL_EMPTY,
};

/* Resolves url[0..len) found in a resource whose own path is base_path.
 * Root-relative URLs ("/fonts/x.ttf") resolve against root_dir when set
 * (WPT-style corpora), else against the filesystem root. The query and
 * fragment are dropped from file paths; the fragment is copied into
 * fragment (when non-NULL) without its '#'. Percent-escapes are decoded. */
enum shell_url_kind shell_url_resolve(struct base_arena *a, const char *root_dir, const char *base_path,
				      const char *url, size_t len, const char **out, char *fragment,
				      size_t fragment_size);

#endif
