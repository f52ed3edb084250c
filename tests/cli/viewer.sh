#!/usr/bin/env bash
# End-to-end test of `weft view` (the SDL2 viewer) under Xvfb.
#
# Each case drives the viewer with --script and compares its screenshots,
# pixel for pixel, with `weft render` of the same page at the same size and
# scroll offset: scrolling (wheel and keys), sticky and fixed boxes,
# following a link, a fragment link, :hover, find in page, resizing (reflow),
# auto-reload on file change, error page,
# and no display (exit status 2). The scrollbar indicator (rightmost 8
# columns) is left out of the comparisons. Skips only when Xvfb cannot
# start.
set -u
WEFT=${WEFT_BINARY:?WEFT_BINARY is not set}
SRC=${WEFT_SOURCE_DIR:?WEFT_SOURCE_DIR is not set}
DATA=$SRC/tests/data/viewer
T=$(mktemp -d)
XVFB_PID=
cleanup() {
	if [ -n "$XVFB_PID" ]; then
		kill "$XVFB_PID" 2>/dev/null
		wait "$XVFB_PID" 2>/dev/null
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

PASSED=0
FAILED=0
pass() {
	PASSED=$((PASSED + 1))
	echo "ok: $*"
}
fail() {
	FAILED=$((FAILED + 1))
	echo "FAIL: $*"
}
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# Pixel assertions are collected and checked at the end in one process
# (tests/cli/viewer_pngcmp.py): same|differ DESCRIPTION SHOT REF [IGNORE_BOTTOM].
same() { printf 'same\t%s\t%s\t%s\t0\t8\t%s\n' "$1" "$2" "$3" "${4:-0}" >>"$T/checks"; }
differ() { printf 'differ\t%s\t%s\t%s\t0\t8\t%s\n' "$1" "$2" "$3" "${4:-0}" >>"$T/checks"; }

# The viewer: software rendering straight to the X11 window, so that the
# pixels read back are exactly those shown. LeakSanitizer (ASan build)
# must not report libdbus's process-lifetime allocations made by SDL.
export SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$DATA/lsan.supp"
view() { timeout -k 5 120 "$WEFT" view "$@"; }
# view_ok WHAT NAME PAGE [ARGS...]: the viewer on PAGE in a 640x480 window
# with ARGS and $T/NAME.script; checks that it exits with 0 and shows its
# stderr ($T/NAME.err) when not.
view_ok() {
	local what=$1 name=$2 page=$3 rc
	shift 3
	view "$page" --width 640 --height 480 "$@" --script "$T/$name.script" >/dev/null 2>"$T/$name.err"
	rc=$?
	check "$what: viewer exits with 0 (got $rc)" test "$rc" -eq 0
	[ "$rc" -eq 0 ] || cat "$T/$name.err"
}

# ref PAGE W H SCROLL_Y OUT [SCALE]: `weft render` of PAGE as a W x H CSS px
# viewport scrolled down SCROLL_Y px, at SCALE device px per CSS px; a
# failing render counts as a failed check.
ref() {
	timeout -k 5 120 "$WEFT" render "$1" --width "$2" --height "$3" --scroll-y "$4" -o "$5" \
		--scale "${6:-1}" >/dev/null ||
		fail "weft render ${1##*/} ${2}x$3 --scroll-y $4 --scale ${6:-1}"
}

# ---- No display: a clear message and exit status 2 ---------------------------
env -u DISPLAY -u WAYLAND_DISPLAY timeout -k 5 30 "$WEFT" view "$DATA/scroll.html" >/dev/null 2>"$T/nodisplay.err"
rc=$?
check "no display: exit status 2 (got $rc)" test "$rc" -eq 2
check "no display: message on stderr" grep -qi "display" "$T/nodisplay.err"

# ---- Xvfb ---------------------------------------------------------------------
if ! command -v Xvfb >/dev/null; then
	echo "SKIP: Xvfb is not installed (Debian package xvfb)"
	exit 0
fi
# A large screen keeps the X pointer (at its centre) away from the windows.
Xvfb -displayfd 3 -screen 0 2048x2048x24 -nolisten tcp 3>"$T/display" 2>"$T/xvfb.log" &
XVFB_PID=$!
for _ in $(seq 100); do
	[ -s "$T/display" ] && break
	kill -0 "$XVFB_PID" 2>/dev/null || break
	sleep 0.1
done
DISPLAY_NUMBER=$(tr -dc 0-9 <"$T/display")
if [ -z "$DISPLAY_NUMBER" ]; then
	echo "SKIP: Xvfb could not start: $(tail -3 "$T/xvfb.log")"
	exit 0
fi
export DISPLAY=:$DISPLAY_NUMBER
echo "Xvfb on $DISPLAY"

# ---- Scrolling: wheel and keys, against weft render at the same offset --------
cat >"$T/scroll.script" <<EOF
screenshot $T/scroll-0.png
scroll 0 300
screenshot $T/scroll-300.png
key pagedown
screenshot $T/scroll-740.png
key shift+space
screenshot $T/scroll-300b.png
key down
screenshot $T/scroll-340.png
key end
screenshot $T/scroll-end.png
key home
screenshot $T/scroll-home.png
quit
EOF
view "$DATA/scroll.html" --width 640 --height 480 --script "$T/scroll.script" --stats >"$T/scroll.stats" 2>"$T/scroll.err"
rc=$?
check "scroll: viewer exits with 0 (got $rc)" test "$rc" -eq 0
[ "$rc" -eq 0 ] || cat "$T/scroll.err"
for y in 0 300 340 740 1520; do
	ref "$DATA/scroll.html" 640 480 "$y" "$T/ref-scroll-$y.png"
done
same "scroll: first frame equals weft render" "$T/scroll-0.png" "$T/ref-scroll-0.png"
differ "scroll: wheel moved the content" "$T/scroll-300.png" "$T/scroll-0.png"
same "scroll: wheel 300px equals weft render --scroll-y 300" "$T/scroll-300.png" "$T/ref-scroll-300.png"
same "scroll: PageDown (+440) equals render at 740" "$T/scroll-740.png" "$T/ref-scroll-740.png"
same "scroll: Shift+Space back to 300" "$T/scroll-300b.png" "$T/ref-scroll-300.png"
same "scroll: Down arrow (+40) equals render at 340" "$T/scroll-340.png" "$T/ref-scroll-340.png"
same "scroll: End shows the bottom (2000-480)" "$T/scroll-end.png" "$T/ref-scroll-1520.png"
same "scroll: Home back at the top" "$T/scroll-home.png" "$T/ref-scroll-0.png"
check "stats: summary with median and p99" grep -q "^summary all .*median.*p99" "$T/scroll.stats"
check "stats: scroll frames recorded" grep -q "^summary scroll" "$T/scroll.stats"

# ---- Sticky and fixed boxes follow the scroll position ---------------------------
cat >"$T/sticky.script" <<EOF
screenshot $T/sticky-0.png
scroll 0 300
screenshot $T/sticky-300.png
scroll 0 700
screenshot $T/sticky-1000.png
scroll 0 -200
screenshot $T/sticky-800.png
quit
EOF
view_ok "sticky" sticky "$DATA/sticky.html"
for y in 0 300 800 1000; do
	ref "$DATA/sticky.html" 640 480 "$y" "$T/ref-sticky-$y.png"
	same "sticky: frame at $y equals weft render --scroll-y $y" "$T/sticky-$y.png" "$T/ref-sticky-$y.png"
done

# ---- Layers: strips of scrolled content, fixed and sticky areas painted over -----
# A sticky header over text, a sticky translucent box, a fixed box under
# the content (z-index: -1), a translucent rotated fixed box, a fixed
# footer, a fixed background: every frame equals a painting of the whole
# window, also after scrolling back (reused strips and areas) and at zoom 2.
cat >"$T/layers.script" <<EOF
screenshot $T/layers-0.png
scroll 0 137
screenshot $T/layers-137.png
scroll 0 163
screenshot $T/layers-300.png
scroll 0 1
screenshot $T/layers-301.png
scroll 0 476
screenshot $T/layers-777.png
scroll 0 -640
screenshot $T/layers-137b.png
quit
EOF
view_ok "layers" layers "$DATA/layers.html"
for y in 0 137 300 301 777; do
	ref "$DATA/layers.html" 640 480 "$y" "$T/ref-layers-$y.png"
	same "layers: frame at $y equals weft render --scroll-y $y" "$T/layers-$y.png" "$T/ref-layers-$y.png"
done
same "layers: back at 137 (cached strips and areas)" "$T/layers-137b.png" "$T/ref-layers-137.png"
cat >"$T/layers2.script" <<EOF
scroll 0 300
screenshot $T/layers2-a.png
scroll 0 77.5
screenshot $T/layers2-b.png
quit
EOF
view_ok "layers zoom 2" layers2 "$DATA/layers.html" --zoom 2
ref "$DATA/layers.html" 320 240 300 "$T/ref-layers2-a.png" 2
ref "$DATA/layers.html" 320 240 377.5 "$T/ref-layers2-b.png" 2
same "layers zoom 2: frame at 300 equals weft render --scale 2" "$T/layers2-a.png" "$T/ref-layers2-a.png"
same "layers zoom 2: frame at 377.5 (odd device px) equals weft render --scale 2" "$T/layers2-b.png" "$T/ref-layers2-b.png"

# ---- Links: follow, back, fragment, external, hover ----------------------------
cat >"$T/links.script" <<EOF
screenshot $T/links-0.png
move 100 20
screenshot $T/links-hover.png
move 600 400
screenshot $T/links-unhover.png
click 100 20
screenshot $T/links-target.png
key alt+left
move 600 400
screenshot $T/links-back.png
click 100 60
move 600 400
screenshot $T/links-far.png
key backspace
move 600 400
screenshot $T/links-back2.png
click 100 100
move 600 400
screenshot $T/links-external.png
quit
EOF
view_ok "links" links "$DATA/links.html"
ref "$DATA/links.html" 640 480 0 "$T/ref-links-0.png"
ref "$DATA/links.html" 640 480 1120 "$T/ref-links-1120.png"
ref "$DATA/target.html" 640 480 0 "$T/ref-target.png"
same "links: first frame equals weft render" "$T/links-0.png" "$T/ref-links-0.png"
differ "hover: link restyled under the pointer" "$T/links-hover.png" "$T/ref-links-0.png"
same "hover: style gone when the pointer leaves" "$T/links-unhover.png" "$T/ref-links-0.png"
same "click: followed the link to target.html" "$T/links-target.png" "$T/ref-target.png"
same "history: Alt+Left went back" "$T/links-back.png" "$T/ref-links-0.png"
same "fragment: #far scrolled to its target" "$T/links-far.png" "$T/ref-links-1120.png"
same "history: Backspace went back to the top" "$T/links-back2.png" "$T/ref-links-0.png"
same "external link: page unchanged above the message bar" "$T/links-external.png" "$T/ref-links-0.png" 30
differ "external link: message bar shown" "$T/links-external.png" "$T/ref-links-0.png"

# Hover at zoom 2, scrolled: only the changed part of the cached strips is
# painted again, and must fit the rest exactly.
cat >"$T/hover2.script" <<EOF
scroll 0 7
move 100 30
screenshot $T/hover2-on.png
move 600 400
screenshot $T/hover2-off.png
quit
EOF
view_ok "hover zoom 2" hover2 "$DATA/links.html" --zoom 2
ref "$DATA/links.html" 320 240 7 "$T/ref-hover2.png" 2
differ "hover zoom 2: link restyled under the pointer" "$T/hover2-on.png" "$T/ref-hover2.png"
same "hover zoom 2: repainted back when the pointer leaves" "$T/hover2-off.png" "$T/ref-hover2.png"

# ---- Find in page: Ctrl+F, typing, Enter, Escape -------------------------------
cat >"$T/find.script" <<EOF
key ctrl+f
type An EXTERNAL
screenshot $T/find-open.png
key escape
screenshot $T/find-closed.png
key ctrl+f
type starts 1120
key return
screenshot $T/find-far.png
key escape
screenshot $T/find-far-closed.png
quit
EOF
view_ok "find" find "$DATA/links.html"
differ "find: the match is highlighted and the bar shown" "$T/find-open.png" "$T/ref-links-0.png"
same "find: the first two links untouched" "$T/find-open.png" "$T/ref-links-0.png" 400
same "find: Escape closes the bar and the highlight" "$T/find-closed.png" "$T/ref-links-0.png"
differ "find: a match further down scrolled into view" "$T/find-far.png" "$T/find-far-closed.png"
differ "find: the page scrolled to the far match" "$T/find-far-closed.png" "$T/ref-links-0.png"

# ---- Resize and zoom: the page is laid out again -------------------------------
cat >"$T/resize.script" <<EOF
screenshot $T/reflow-640.png
resize 320 480
screenshot $T/reflow-320.png
resize 640 480
key ctrl+plus
key ctrl+plus
key ctrl+plus
key ctrl+plus
key ctrl+plus
screenshot $T/reflow-zoom200.png
key ctrl+0
screenshot $T/reflow-zoom100.png
quit
EOF
view_ok "resize" resize "$DATA/reflow.html"
ref "$DATA/reflow.html" 640 480 0 "$T/ref-reflow-640.png"
ref "$DATA/reflow.html" 320 480 0 "$T/ref-reflow-320.png"
same "resize: 640 px wide equals weft render" "$T/reflow-640.png" "$T/ref-reflow-640.png"
same "resize: 320 px wide equals weft render --width 320" "$T/reflow-320.png" "$T/ref-reflow-320.png"
differ "resize: text reflowed (not a crop of the wide layout)" "$T/reflow-320.png" "$T/ref-reflow-640.png"
# Zoom 200% (five Ctrl+Plus steps: 110, 125, 150, 175, 200%): a 320x240 CSS px
# viewport at 2 device px per CSS px; the bottom rows hold the "Zoom" message.
ref "$DATA/reflow.html" 320 240 0 "$T/ref-reflow-zoom200.png" 2
same "zoom: Ctrl+Plus x5 equals weft render --scale 2" "$T/reflow-zoom200.png" "$T/ref-reflow-zoom200.png" 30
same "zoom: Ctrl+0 back to 100%" "$T/reflow-zoom100.png" "$T/ref-reflow-640.png" 30

# ---- Auto-reload: the file changes on disk, the scroll position stays ----------
cp "$DATA/reload-a.html" "$T/page.html"
cat >"$T/reload.script" <<EOF
scroll 0 100
screenshot $T/reload-before.png
wait-reload 30000
screenshot $T/reload-after.png
quit
EOF
view "$T/page.html" --width 640 --height 480 --script "$T/reload.script" >/dev/null 2>"$T/reload.err" &
VIEW_PID=$!
for _ in $(seq 600); do
	[ -s "$T/reload-before.png" ] && break
	sleep 0.05
done
cp "$DATA/reload-b.html" "$T/page.html.new" && mv "$T/page.html.new" "$T/page.html"
wait "$VIEW_PID"
rc=$?
check "reload: viewer exits with 0 (got $rc)" test "$rc" -eq 0
ref "$DATA/reload-a.html" 640 480 100 "$T/ref-reload-a.png"
ref "$DATA/reload-b.html" 640 480 100 "$T/ref-reload-b.png"
same "reload: before the change" "$T/reload-before.png" "$T/ref-reload-a.png"
same "reload: reloaded by itself, still scrolled 100px" "$T/reload-after.png" "$T/ref-reload-b.png"

# ---- Errors: a missing file shows an error page --------------------------------
cat >"$T/error.script" <<EOF
screenshot $T/error.png
key f5
screenshot $T/error-again.png
quit
EOF
view "$T/no-such-page.html" --width 640 --height 480 --script "$T/error.script" >/dev/null 2>"$T/error.err"
rc=$?
check "missing file: viewer runs and exits with 0 (got $rc)" test "$rc" -eq 0
ref "$DATA/empty.html" 640 480 0 "$T/ref-empty.png"
differ "missing file: error page shown" "$T/error.png" "$T/ref-empty.png"
same "missing file: F5 shows it again" "$T/error-again.png" "$T/error.png"
check "missing file: reported on stderr" grep -q "no-such-page.html" "$T/error.err"

echo "== pixel comparisons"
python3 "$SRC/tests/cli/viewer_pngcmp.py" "$T/checks" | tee "$T/checks.out"
PASSED=$((PASSED + $(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$T/checks.out")))
FAILED=$((FAILED + $(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$T/checks.out")))
echo "viewer: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
