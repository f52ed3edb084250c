#!/usr/bin/env bash
# position: sticky against the viewport follows the scroll offset of
# `weft render --scroll-y` (paint moves stuck boxes for the scroll position):
# each scrolled render must equal a reference page rendered at scroll 0.
set -uo pipefail
W=$WEFT_BINARY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

cat >"$tmp/test.html" <<'HTML'
<!DOCTYPE html>
<style>
body { margin: 0; }
.s { position: sticky; height: 50px; }
</style>
<div style="height: 1500px; background: silver">
  <div style="height: 100px"></div>
  <div class="s" style="top: 10px; background: green"><div style="width: 20px; height: 20px; background: black"></div></div>
  <div style="height: 900px"></div>
  <div class="s" style="bottom: 0; height: 30px; background: blue"></div>
</div>
<div style="height: 1000px"></div>
HTML

# ref SCROLL BOXES...: a page of absolutely positioned boxes "top height colour".
ref() {
	local out=$1
	shift
	{
		echo '<!DOCTYPE html><style>body { margin: 0; } div { position: absolute; left: 0; width: 800px; }</style>'
		for box in "$@"; do
			set -- $box
			echo "<div style=\"top: $1px; height: $2px; background: $3\"></div>"
		done
	} >"$out"
}

check() { # scroll, boxes of the expected viewport...
	local y=$1
	shift
	ref "$tmp/ref-$y.html" "$@"
	"$W" render "$tmp/test.html" -o "$tmp/test-$y.png" --scroll-y "$y" || { echo "FAIL: render --scroll-y $y"; fail=1; return; }
	"$W" render "$tmp/ref-$y.html" -o "$tmp/ref-$y.png" || { echo "FAIL: render reference for $y"; fail=1; return; }
	if cmp -s "$tmp/test-$y.png" "$tmp/ref-$y.png"; then
		echo "ok: sticky boxes at --scroll-y $y"
	else
		echo "FAIL: sticky boxes at --scroll-y $y differ from the reference"
		fail=1
	fi
}

# The small black square is the stuck box's child: it moves with it.
check 0 "0 1500 silver" "100 50 green" "100 20 black;width:20px" "570 30 blue"
check 300 "0 1500 silver" "10 50 green" "10 20 black;width:20px" "570 30 blue"
check 1200 "0 300 silver" "10 50 green" "10 20 black;width:20px"
# At the end of its containing block the box is pushed out with it.
check 1460 "0 40 silver" "-10 50 green" "-10 20 black;width:20px"
exit $fail
