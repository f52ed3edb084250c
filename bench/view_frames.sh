#!/usr/bin/env bash
# Frame times of `weft view` (bench/README.md, "viewer" section).
#   bench/view_frames.sh [WEFT_BINARY] [PAGE]
# (RUNS="hover resize" picks runs.)
# Runs the viewer under Xvfb (software rendering, 1280x800 window) with
# generated --script files and prints the --stats summaries (the screen is
# large so that the X pointer, at its centre, stays out of the window and
# does not hover anything):
#   scroll-burst  300 wheel steps of 40 px back to back (the strips that
#                 come into view are painted ahead on the background thread;
#                 a frame waits only for one not ready yet)
#   scroll-60hz   the same steps 16 ms apart, as a wheel or touchpad sends
#                 them
#   resize        20 window resizes between 1280 and 1000 px wide (each a
#                 full relayout and repaint)
#   hover         the pointer moved over the first screen in a grid of
#                 31 x 24 points 40 x 30 px apart, row by row, crossing
#                 links and other elements (a frame when styles changed)
#   hover-rules   the same moves over a copy of the page with typical
#                 wiki hover rules added (the saved Wikipedia article has
#                 none of its own): colour, background and underline
#                 changes, and a bold reference mark that relays out
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WEFT=${1:-$ROOT/build/weft}
PAGE=${2:-$ROOT/../shared/bench-inputs/wikipedia-mozilla.html}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

{
	echo "wait 300"
	for _ in $(seq 150); do echo "scroll 0 40"; done
	for _ in $(seq 150); do echo "scroll 0 -40"; done
	echo "quit"
} >"$T/scroll-burst.script"
{
	echo "wait 300"
	for _ in $(seq 150); do echo "scroll 0 40"; echo "wait 16"; done
	for _ in $(seq 150); do echo "scroll 0 -40"; echo "wait 16"; done
	echo "quit"
} >"$T/scroll-60hz.script"
{
	echo "wait 300"
	for _ in $(seq 10); do echo "resize 1000 800"; echo "resize 1280 800"; done
	echo "quit"
} >"$T/resize.script"

{
	echo "wait 300"
	for y in $(seq 70 30 760); do
		for x in $(seq 30 40 1250); do echo "move $x $y"; done
	done
	echo "quit"
} >"$T/hover.script"
cp "$T/hover.script" "$T/hover-rules.script"
RULES='<style>a{text-decoration:none} a:hover{text-decoration:underline} p:hover{background:#f8f9fa}'
RULES+=' li:hover > a{background:#eaf3ff} .infobox tr:hover > th, .infobox tr:hover > td{background:#eaecf0}'
RULES+=' h2:hover .mw-headline{color:#202122} sup.reference:hover{font-weight:bold}</style>'
sed "0,/<head[^>]*>/s||&$RULES|" "$PAGE" >"$T/hover-rules.html"

export SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
echo "page: $PAGE"
for run in ${RUNS:-scroll-burst scroll-60hz resize hover hover-rules}; do
	echo "== $run"
	page=$PAGE
	[ "$run" = hover-rules ] && page=$T/hover-rules.html
	xvfb-run -a -s "-screen 0 3000x2000x24" timeout 300 "$WEFT" view "$page" --width 1280 --height 800 \
		--script "$T/$run.script" --stats >"$T/$run.out"
	grep '^summary' "$T/$run.out"
done
