#!/usr/bin/env bash
# The weft program's behaviour: help, exit codes and messages of render, dump
# and bench on good and bad input.
set -uo pipefail
W=$WEFT_BINARY
S=$WEFT_SOURCE_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description, expected status, command...
	local what=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: $what: exit $got, expected $want"; cat "$tmp/err"; fail=1
	fi
}
expect_err() { # pattern
	if ! grep -q -- "$1" "$tmp/err"; then
		echo "FAIL: stderr lacks '$1':"; cat "$tmp/err"; fail=1
	fi
}

check "--help" 0 "$W" --help
grep -q "render" "$tmp/out" || { echo "FAIL: --help lists no commands"; fail=1; }
check "render --help" 0 "$W" render --help
grep -q -- "--full-page" "$tmp/out" || { echo "FAIL: render --help lacks --full-page"; fail=1; }
check "no command" 2 "$W"
check "unknown command" 2 "$W" frobnicate
check "missing input" 2 "$W" render "$tmp/nope.html" -o "$tmp/x.png"
expect_err "no such file"
check "directory input" 2 "$W" render "$tmp" -o "$tmp/x.png"
expect_err "is a directory"
check "http URL" 2 "$W" render http://example.org/ -o "$tmp/x.png"
expect_err "network fetching is not supported; save the page locally"
check "missing output dir" 2 "$W" render "$S/examples/welcome.html" -o "$tmp/no/such/dir/x.png"
expect_err "output directory does not exist"
check "no -o" 2 "$W" render "$S/examples/welcome.html"
check "bad width" 2 "$W" render "$S/examples/welcome.html" -o "$tmp/x.png" --width abc
check "bad scale" 2 "$W" render "$S/examples/welcome.html" -o "$tmp/x.png" --scale 3
check "unknown option" 2 "$W" render "$S/examples/welcome.html" -o "$tmp/x.png" --frob
if [ -r /root ] && [ "$(id -u)" != 0 ]; then
	check "unreadable" 2 "$W" render /root/.bashrc -o "$tmp/x.png"
fi

check "render demo" 0 "$W" render "$S/examples/welcome.html" -o "$tmp/w.png"
[ "$(od -An -tu1 -j16 -N8 "$tmp/w.png" | tr -s ' ')" = " 0 0 3 32 0 0 2 88" ] || { echo "FAIL: demo is not 800x600"; fail=1; }
check "render scale 2" 0 "$W" render "$S/examples/welcome.html" -o "$tmp/w2.png" --scale 2 --width 300 --height 200
[ "$(od -An -tu1 -j16 -N8 "$tmp/w2.png" | tr -s ' ')" = " 0 0 2 88 0 0 1 144" ] || { echo "FAIL: --scale 2 is not 600x400"; fail=1; }
check "render stdin" 0 sh -c "'$W' render - -o '$tmp/s.png' < '$S/examples/welcome.html'"
cmp -s "$tmp/s.png" "$tmp/w.png" || { echo "FAIL: stdin render differs from file render"; fail=1; }
check "full page" 0 "$W" render "$S/examples/welcome.html" -o "$tmp/f.png" --full-page --height 100
h=$(od -An -tu4 --endian=big -j20 -N4 "$tmp/f.png" | tr -d ' ')
[ "$h" -gt 100 ] || { echo "FAIL: --full-page height $h is not the document height"; fail=1; }
printf '<p>unterminated <b><i>mess</b> &bogus; <table><td>x' > "$tmp/bad.html"
check "malformed html" 0 "$W" render "$tmp/bad.html" -o "$tmp/b.png"
check "threads 1 vs 2" 0 "$W" render "$S/examples/welcome.html" -o "$tmp/t1.png" --threads 1
"$W" render "$S/examples/welcome.html" -o "$tmp/t2.png" --threads 2
cmp -s "$tmp/t1.png" "$tmp/t2.png" || { echo "FAIL: output differs between 1 and 2 threads"; fail=1; }

check "dump dom" 0 "$W" dump dom "$S/examples/welcome.html"
grep -q "h1" "$tmp/out" || { echo "FAIL: dump dom lacks h1"; fail=1; }
check "dump html5lib" 0 sh -c "echo '<p>x' | '$W' dump dom --format=html5lib"
grep -q '^| <html>' "$tmp/out" || { echo "FAIL: html5lib dump format"; fail=1; }
check "dump layout" 0 "$W" dump layout "$S/examples/welcome.html"
check "dump boxes json" 0 "$W" dump boxes --json "$S/examples/welcome.html"
grep -q '"tag": "h1"' "$tmp/out" || { echo "FAIL: boxes json lacks h1"; fail=1; }
check "dump style json" 0 "$W" dump style --json "$S/examples/welcome.html"
check "dump display list" 0 "$W" dump display-list "$S/examples/welcome.html"
check "dump unknown kind" 2 "$W" dump frob "$S/examples/welcome.html"
check "bench json" 0 "$W" bench "$S/examples/welcome.html" --runs 2 --json
grep -q '"parse": {"median_ms"' "$tmp/out" || { echo "FAIL: bench json"; cat "$tmp/out"; fail=1; }

[ $fail = 0 ] && echo "render: ok"
exit $fail
