#!/bin/bash
# The reftest runner's own behaviour on a small synthetic suite whose
# verdicts do not depend on how well the engine renders: identical pages
# match, a page never differs from itself.
set -u
weft=${WEFT_BINARY:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # description, command...
	local what=$1
	shift
	if "$@"; then echo "ok - $what"; else echo "FAIL - $what"; fails=$((fails + 1)); fi
}

suite=$tmp/suite
mkdir -p "$suite/a" "$suite/b/support" "$suite/b/reference"
page() { printf '<!DOCTYPE html>%s<body><p style="color:blue">%s</p>\n' "$2" "$3" > "$suite/$1"; }
page a/same.html '<link rel="match" href="same-ref.html">' 'Same text'
page a/same-ref.html '' 'Same text'
page a/chain.html '<link rel=match href=chain-mid.html>' 'Same text'
page a/chain-mid.html '<link rel=match href=same-ref.html>' 'Same text'
page a/self-mismatch.html '<link rel=mismatch href=self-mismatch.html>' 'Me'
page b/fuzzy.html "<meta name=fuzzy content='maxDifference=0-255;totalPixels=0-480000'><link rel=match href=reference/r.html>" 'Anything'
page b/reference/r.html '' 'Other'
page b/support/helper.html '<link rel=match href=../reference/r.html>' 'not a test'
page b/missing.html '<link rel=match href=nowhere.html>' 'x'

out=$("$weft" reftest --quiet --jobs 2 "$suite" 2>&1)
rc=$?
echo "$out"
check "unexpected failures give exit status 1" [ $rc -eq 1 ]
check "tests found as WPT does (support/ and references excluded)" grep -qx '4 passed, 2 failed' <<<"$out"
check "a self-mismatch fails" grep -q '^FAIL a/self-mismatch.html' <<<"$out"
check "a missing reference fails the test" grep -q '^FAIL b/missing.html: rendering failed' <<<"$out"
check "second closing line" grep -qx '0 expected failures, 0 unexpected passes' <<<"$out"

printf '# known\na/self-mismatch.html  # a page equals itself\nb/missing.html # no reference\na/same.html # was broken\n' \
	> "$suite/expected-failures.txt"
out=$("$weft" reftest --quiet "$suite" --report "$tmp/report" --junit "$tmp/junit.xml" 2>&1)
rc=$?
echo "$out"
check "an unexpected pass gives exit status 1" [ $rc -eq 1 ]
check "unexpected pass reported" grep -q '^PASS a/same.html: unexpected pass (expected to fail: was broken)' <<<"$out"
check "expected failures counted" grep -qx '2 expected failures, 1 unexpected passes' <<<"$out"
check "HTML report written" grep -q 'a/self-mismatch.html' "$tmp/report/index.html"
check "report has no script" bash -c "! grep -qi '<script' '$tmp/report/index.html'"
check "report images written" test -s "$tmp/report/images/3-test.png" -a -s "$tmp/report/images/3-diff.png"
check "JUnit file written" grep -q '<testcase classname="b" name="b/missing.html"' "$tmp/junit.xml"

"$weft" reftest --quiet --allow-unexpected-passes "$suite" >/dev/null 2>&1
check "--allow-unexpected-passes keeps exit status 0" [ $? -eq 0 ]

"$weft" reftest --quiet --update-expectations "$suite" >/dev/null 2>&1
check "--update-expectations drops the passing entry" bash -c "! grep -q 'a/same.html' '$suite/expected-failures.txt'"
check "--update-expectations keeps reasons" grep -q 'b/missing.html # no reference' "$suite/expected-failures.txt"
"$weft" reftest --quiet "$suite" >/dev/null 2>&1
check "green after updating" [ $? -eq 0 ]

printf 'skip a/self-mismatch.html  # never run\nb/missing.html  # no reference\n' > "$tmp/skip.txt"
out=$("$weft" reftest "$suite" --expectations "$tmp/skip.txt" 2>&1)
rc=$?
check "skip entries are not run" bash -c "[ $rc -eq 0 ] && grep -qx '# 1 skipped' <<<'$out' && ! grep -q '^FAIL' <<<'$out'"

printf 'b/fuzzy.html\t==\tb/reference/r.html\t0-255;0-480000\tb\nb/missing.html\t==\tb/nowhere.html\t\tb\n' > "$suite/MANIFEST.tsv"
out=$("$weft" reftest "$suite/b" --expectations /dev/null 2>&1)
echo "$out"
check "a MANIFEST.tsv in an ancestor lists the tests" grep -q '^# area b: 1/2 passed' <<<"$out"

printf 'fuzzy(0-255,0-480000) == suite/b/fuzzy.html suite/b/reference/r.html\nfails != suite/a/same.html suite/a/same-ref.html\nskip == x.html y.html\n' > "$tmp/reftest.list"
out=$("$weft" reftest --quiet "$tmp/reftest.list" 2>&1)
check "reftest.list: fuzzy, fails and skip" [ "$(tail -2 <<<"$out")" = $'1 passed, 1 failed\n1 expected failures, 0 unexpected passes' ]

"$weft" reftest --bogus >/dev/null 2>&1
check "bad option gives exit status 2" [ $? -eq 2 ]
"$weft" reftest "$tmp/none" >/dev/null 2>&1
check "missing path gives exit status 2" [ $? -eq 2 ]

echo "$fails failed checks"
[ $fails -eq 0 ]
