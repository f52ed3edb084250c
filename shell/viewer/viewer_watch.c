/* viewer_watch.c — auto-reload: inotify on the files a document depends on.
 *
 * The directories of the files are watched rather than the files: editors
 * often save by writing a new file and renaming it over the old one, which
 * a watch on the old inode would miss. Changes are debounced (a save is
 * several events) before the viewer reloads. The struct owns its
 * descriptor and name strings. */
#include "shell/viewer/viewer.h"

#include <errno.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#define VIEWER_WATCH_SETTLE_NS (60ull * 1000 * 1000)

void viewer_watch_init(struct viewer_watch *w)
{
	memset(w, 0, sizeof(*w));
	w->fd = -1;
}

static void watch_clear(struct viewer_watch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	for (size_t i = 0; i < w->count; i++)
		free(w->files[i].name);
	free(w->files);
	w->files = NULL;
	w->count = 0;
	w->due_ns = 0;
}

void viewer_watch_set(struct viewer_watch *w, const char *const *paths, size_t count)
{
	watch_clear(w);
	if (count == 0)
		return;
	/* A fresh descriptor drops the old watches and any pending events
	 * (such as those of the reload that just read these files). */
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0)
		return;
	w->files = base_xcalloc(count, sizeof(*w->files));
	for (size_t i = 0; i < count; i++) {
		const char *slash = strrchr(paths[i], '/');
		char *dir = slash ? base_xstrdup(paths[i]) : base_xstrdup(".");
		if (slash)
			dir[slash == paths[i] ? 1 : slash - paths[i]] = '\0';
		int wd = inotify_add_watch(w->fd, dir,
					   IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
						   IN_ATTRIB);
		free(dir);
		if (wd < 0)
			continue;
		w->files[w->count].wd = wd;
		w->files[w->count].name = base_xstrdup(slash ? slash + 1 : paths[i]);
		w->count++;
	}
}

static bool watch_matches(const struct viewer_watch *w, const struct inotify_event *ev)
{
	if (ev->len == 0)
		return false;
	for (size_t i = 0; i < w->count; i++)
		if (w->files[i].wd == ev->wd && strcmp(w->files[i].name, ev->name) == 0)
			return true;
	return false;
}

bool viewer_watch_poll(struct viewer_watch *w, uint64_t now_ns)
{
	if (w->fd < 0)
		return false;
	_Alignas(struct inotify_event) char buf[8192];
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof(buf));
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			if (watch_matches(w, ev))
				w->due_ns = now_ns + VIEWER_WATCH_SETTLE_NS;
			p += sizeof(*ev) + ev->len;
		}
	}
	if (w->due_ns && now_ns >= w->due_ns) {
		w->due_ns = 0;
		return true;
	}
	return false;
}

void viewer_watch_free(struct viewer_watch *w)
{
	watch_clear(w);
}
