/* viewer_script.c — `weft view --script FILE`: timed commands that drive
 * the viewer through injected SDL events, for tests and benchmarks.
 *
 * One command a line ('#' starts a comment):
 *   wait MS            pause
 *   scroll DX DY       mouse wheel by DX, DY CSS px (positive: right, down)
 *   move X Y           pointer to window coordinates X, Y
 *   click X Y          move, press and release the left button there
 *   key SPEC           press a key: "ctrl+r", "alt+left", "shift+space",
 *                      "pagedown", "f5", "ctrl+plus"... (SDL key names)
 *   type TEXT          type TEXT (text input events, as a keyboard sends)
 *   resize W H         resize the window (waits until it has happened)
 *   wait-reload MS     wait until the page has reloaded by itself after a
 *                      change on disk (at most MS; an error after that)
 *   screenshot FILE    save the window's pixels, as shown, to a PNG
 *   quit               close the viewer
 * A command runs once the viewer is idle: the events of the previous one
 * handled and its frame presented, so a screenshot shows their effect.
 * The script owns its commands and strings. */
#include "shell/viewer/viewer.h"

#include <errno.h>
#include <string.h>

/* How long `resize` waits for the window system before going on. */
#define VIEWER_SCRIPT_RESIZE_TIMEOUT_NS (10ull * 1000 * 1000 * 1000)

enum script_op {
	SCRIPT_WAIT,
	SCRIPT_SCROLL,
	SCRIPT_MOVE,
	SCRIPT_CLICK,
	SCRIPT_KEY,
	SCRIPT_TYPE,
	SCRIPT_RESIZE,
	SCRIPT_WAIT_RELOAD,
	SCRIPT_SCREENSHOT,
	SCRIPT_QUIT,
};

struct script_op_info {
	const char *name;
	enum script_op op;
	int numbers; /* numeric arguments */
	bool text; /* one text argument */
};

static const struct script_op_info script_ops[] = {
	{"wait", SCRIPT_WAIT, 1, false},	   {"scroll", SCRIPT_SCROLL, 2, false},
	{"move", SCRIPT_MOVE, 2, false},	   {"click", SCRIPT_CLICK, 2, false},
	{"key", SCRIPT_KEY, 0, true},		   {"resize", SCRIPT_RESIZE, 2, false},
	{"wait-reload", SCRIPT_WAIT_RELOAD, 1, false}, {"screenshot", SCRIPT_SCREENSHOT, 0, true},
	{"type", SCRIPT_TYPE, 0, true},		   {"quit", SCRIPT_QUIT, 0, false},
};

struct script_cmd {
	enum script_op op;
	double a, b;
	char *text;
	int line;
};

struct viewer_script {
	char *path;
	struct script_cmd *cmds;
	size_t len;
	size_t pos;
	uint64_t wait_until;
	bool resize_pending;
	int want_w, want_h;
	uint64_t resize_deadline;
	bool reload_pending;
	uint64_t reload_deadline;
};

void viewer_script_free(struct viewer_script *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->len; i++)
		free(s->cmds[i].text);
	free(s->cmds);
	free(s->path);
	free(s);
}

static bool parse_line(char *line, struct script_cmd *cmd, char *why, size_t why_size)
{
	char *save = NULL;
	char *word = strtok_r(line, " \t", &save);
	const struct script_op_info *info = NULL;
	for (size_t i = 0; i < BASE_ARRAY_LEN(script_ops); i++)
		if (strcmp(word, script_ops[i].name) == 0)
			info = &script_ops[i];
	if (!info) {
		snprintf(why, why_size, "unknown command '%s'", word);
		return false;
	}
	cmd->op = info->op;
	double nums[2] = {0, 0};
	for (int i = 0; i < info->numbers; i++) {
		char *arg = strtok_r(NULL, " \t", &save), *end;
		errno = 0;
		nums[i] = arg ? strtod(arg, &end) : 0;
		if (!arg || *end || errno || nums[i] != nums[i] || nums[i] > 1e6 || nums[i] < -1e6) {
			snprintf(why, why_size, "%s needs %d numbers", info->name, info->numbers);
			return false;
		}
	}
	cmd->a = nums[0];
	cmd->b = nums[1];
	if (info->text) {
		char *arg = strtok_r(NULL, "", &save);
		while (arg && (*arg == ' ' || *arg == '\t'))
			arg++;
		if (!arg || !*arg) {
			snprintf(why, why_size, "%s needs an argument", info->name);
			return false;
		}
		cmd->text = base_xstrdup(arg);
	} else if (strtok_r(NULL, " \t", &save)) {
		snprintf(why, why_size, "too many arguments to %s", info->name);
		return false;
	}
	if ((cmd->op == SCRIPT_RESIZE) && (cmd->a < 1 || cmd->b < 1)) {
		snprintf(why, why_size, "resize needs a positive size");
		return false;
	}
	return true;
}

struct viewer_script *viewer_script_load(const char *path, struct weft_error *err)
{
	struct base_buf text = {0};
	enum base_status st = base_read_file(path, &text);
	if (st != BASE_OK) {
		err->status = WEFT_ERR_INPUT;
		snprintf(err->message, sizeof(err->message), "%s: %s", path, base_status_str(st));
		return NULL;
	}
	struct viewer_script *s = base_xcalloc(1, sizeof(*s));
	s->path = base_xstrdup(path);
	size_t cap = 0;
	int line_no = 0;
	char *save = NULL;
	for (char *line = strtok_r(text.data ? text.data : "", "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line_no++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		size_t n = strlen(line);
		while (n && base_is_ascii_ws(line[n - 1]))
			line[--n] = '\0';
		while (*line && base_is_ascii_ws(*line))
			line++;
		if (!*line)
			continue;
		if (s->len == cap) {
			cap = cap ? cap * 2 : 32;
			s->cmds = base_xrealloc(s->cmds, cap * sizeof(*s->cmds));
		}
		struct script_cmd *cmd = &s->cmds[s->len];
		memset(cmd, 0, sizeof(*cmd));
		cmd->line = line_no;
		char why[200];
		if (!parse_line(line, cmd, why, sizeof(why))) {
			err->status = WEFT_ERR_INPUT;
			snprintf(err->message, sizeof(err->message), "%s:%d: %s", path, line_no, why);
			base_buf_free(&text);
			viewer_script_free(s);
			return NULL;
		}
		s->len++;
	}
	base_buf_free(&text);
	return s;
}

/* "ctrl+shift+pagedown" → key and modifiers; false when unknown. */
static bool parse_key(const char *spec, SDL_Keycode *key, Uint16 *mod)
{
	static const struct {
		const char *name;
		Uint16 mod;
	} mods[] = {{"ctrl", KMOD_LCTRL}, {"shift", KMOD_LSHIFT}, {"alt", KMOD_LALT}, {"gui", KMOD_LGUI}};
	static const struct {
		const char *name;
		SDL_Keycode key;
	} aliases[] = {{"plus", SDLK_PLUS}, {"minus", SDLK_MINUS}, {"equals", SDLK_EQUALS}, {"space", SDLK_SPACE},
		       {"esc", SDLK_ESCAPE}};
	char buf[64];
	snprintf(buf, sizeof(buf), "%s", spec);
	*mod = KMOD_NONE;
	*key = SDLK_UNKNOWN;
	char *save = NULL;
	for (char *part = strtok_r(buf, "+", &save); part; part = strtok_r(NULL, "+", &save)) {
		bool is_last = save == NULL || *save == '\0';
		bool found = false;
		for (size_t i = 0; i < BASE_ARRAY_LEN(mods) && !is_last; i++)
			if (SDL_strcasecmp(part, mods[i].name) == 0) {
				*mod |= mods[i].mod;
				found = true;
			}
		if (found)
			continue;
		if (!is_last)
			return false;
		for (size_t i = 0; i < BASE_ARRAY_LEN(aliases); i++)
			if (SDL_strcasecmp(part, aliases[i].name) == 0)
				*key = aliases[i].key;
		if (*key == SDLK_UNKNOWN)
			*key = SDL_GetKeyFromName(part);
	}
	return *key != SDLK_UNKNOWN;
}

static void push_mouse_motion(struct viewer *v, int x, int y)
{
	SDL_Event e = {.motion = {.type = SDL_MOUSEMOTION,
				  .timestamp = SDL_GetTicks(),
				  .windowID = SDL_GetWindowID(v->window),
				  .x = x,
				  .y = y}};
	SDL_PushEvent(&e);
}

static void push_mouse_button(struct viewer *v, Uint32 type, int x, int y)
{
	SDL_Event e = {.button = {.type = type,
				  .timestamp = SDL_GetTicks(),
				  .windowID = SDL_GetWindowID(v->window),
				  .button = SDL_BUTTON_LEFT,
				  .state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED,
				  .clicks = 1,
				  .x = x,
				  .y = y}};
	SDL_PushEvent(&e);
}

static void push_wheel(struct viewer *v, double dx, double dy)
{
	/* SDL's wheel: x positive to the right, y positive away from the
	 * user (up). The viewer scrolls VIEWER_WHEEL_PX per unit, a power of
	 * two so that the CSS px round-trip exactly. */
	float px = (float)(dx / VIEWER_WHEEL_PX), py = (float)(-dy / VIEWER_WHEEL_PX);
	SDL_Event e = {.wheel = {.type = SDL_MOUSEWHEEL,
				 .timestamp = SDL_GetTicks(),
				 .windowID = SDL_GetWindowID(v->window),
				 .x = (Sint32)px,
				 .y = (Sint32)py,
				 .direction = SDL_MOUSEWHEEL_NORMAL,
				 .preciseX = px,
				 .preciseY = py,
				 .mouseX = v->pointer_x,
				 .mouseY = v->pointer_y}};
	SDL_PushEvent(&e);
}

static void push_key(struct viewer *v, SDL_Keycode key, Uint16 mod)
{
	for (int i = 0; i < 2; i++) {
		SDL_Event e = {.key = {.type = i ? SDL_KEYUP : SDL_KEYDOWN,
				       .timestamp = SDL_GetTicks(),
				       .windowID = SDL_GetWindowID(v->window),
				       .state = i ? SDL_RELEASED : SDL_PRESSED,
				       .keysym = {.scancode = SDL_GetScancodeFromKey(key), .sym = key, .mod = mod}}};
		SDL_PushEvent(&e);
	}
}

/* Text input events of at most SDL's size, cut between UTF-8 characters. */
static void push_text(struct viewer *v, const char *text)
{
	size_t n = strlen(text);
	while (n) {
		SDL_Event e = {.text = {.type = SDL_TEXTINPUT, .timestamp = SDL_GetTicks(),
					.windowID = SDL_GetWindowID(v->window)}};
		size_t k = BASE_MIN(n, sizeof(e.text.text) - 1);
		while (k < n && k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
			k--;
		memcpy(e.text.text, text, k);
		SDL_PushEvent(&e);
		text += k;
		n -= k;
	}
}

int viewer_script_timeout(const struct viewer_script *s, uint64_t now_ns)
{
	if (s->pos >= s->len && !s->resize_pending && !s->reload_pending)
		return -1;
	if (s->wait_until > now_ns)
		return (int)((s->wait_until - now_ns + 999999) / 1000000);
	return s->resize_pending || s->reload_pending ? 10 : 0;
}

void viewer_script_window_resized(struct viewer_script *s, int w, int h)
{
	if (s->resize_pending && w == s->want_w && h == s->want_h)
		s->resize_pending = false;
}

void viewer_script_step(struct viewer *v, struct viewer_script *s)
{
	uint64_t now = base_now_ns();
	if (s->wait_until > now)
		return;
	if (s->resize_pending) {
		if (now < s->resize_deadline)
			return;
		fprintf(stderr, "weft view: %s: the window did not become %dx%d (it is %dx%d)\n", s->path, s->want_w,
			s->want_h, v->win_w, v->win_h);
		s->resize_pending = false;
		v->status = 1;
	}
	if (s->reload_pending) {
		if (v->auto_reloads == 0 && now < s->reload_deadline)
			return;
		if (v->auto_reloads == 0) {
			fprintf(stderr, "weft view: %s: the page did not reload by itself\n", s->path);
			v->status = 1;
		}
		s->reload_pending = false;
	}
	if (s->pos >= s->len)
		return;
	const struct script_cmd *cmd = &s->cmds[s->pos++];
	switch (cmd->op) {
	case SCRIPT_WAIT:
		s->wait_until = now + (uint64_t)(BASE_MAX(cmd->a, 0) * 1e6);
		break;
	case SCRIPT_SCROLL:
		push_wheel(v, cmd->a, cmd->b);
		break;
	case SCRIPT_MOVE:
		push_mouse_motion(v, (int)cmd->a, (int)cmd->b);
		break;
	case SCRIPT_CLICK:
		push_mouse_motion(v, (int)cmd->a, (int)cmd->b);
		push_mouse_button(v, SDL_MOUSEBUTTONDOWN, (int)cmd->a, (int)cmd->b);
		push_mouse_button(v, SDL_MOUSEBUTTONUP, (int)cmd->a, (int)cmd->b);
		break;
	case SCRIPT_KEY: {
		SDL_Keycode key;
		Uint16 mod;
		if (parse_key(cmd->text, &key, &mod)) {
			push_key(v, key, mod);
		} else {
			fprintf(stderr, "weft view: %s:%d: unknown key '%s'\n", s->path, cmd->line, cmd->text);
			v->status = 2;
		}
		break;
	}
	case SCRIPT_TYPE:
		push_text(v, cmd->text);
		break;
	case SCRIPT_RESIZE:
		s->want_w = (int)cmd->a;
		s->want_h = (int)cmd->b;
		if (s->want_w != v->win_w || s->want_h != v->win_h) {
			s->resize_pending = true;
			s->resize_deadline = now + VIEWER_SCRIPT_RESIZE_TIMEOUT_NS;
			SDL_SetWindowSize(v->window, s->want_w, s->want_h);
		}
		break;
	case SCRIPT_WAIT_RELOAD:
		s->reload_pending = true;
		s->reload_deadline = now + (uint64_t)(BASE_MAX(cmd->a, 0) * 1e6);
		break;
	case SCRIPT_SCREENSHOT:
		free(v->screenshot_path);
		v->screenshot_path = base_xstrdup(cmd->text);
		viewer_request_frame(v, VIEWER_FRAME_OTHER);
		break;
	case SCRIPT_QUIT: {
		SDL_Event e = {.quit = {.type = SDL_QUIT, .timestamp = SDL_GetTicks()}};
		SDL_PushEvent(&e);
		break;
	}
	}
}
