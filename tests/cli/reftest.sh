#!/bin/bash
# Reftests: the project's own suite (reftests/, known failures in
# reftests/expected-failures.txt) and the WPT corpus in ../shared/wpt (known
# failures in reftests/wpt-expected-failures.txt). Fails when a test that
# passed before fails now. A test that starts passing is reported, not
# failed: refresh the list with
#   weft reftest --update-expectations reftests/
#   weft reftest --update-expectations --expectations reftests/wpt-expected-failures.txt ../shared/wpt
set -u
weft=$(realpath "${WEFT_BINARY:?}")
src=$(realpath "${WEFT_SOURCE_DIR:?}")
shared=$(realpath -m "${WEFT_SHARED_DIR:-$src/../shared}")
status=0
# A neutral working directory: results must not depend on where CI runs.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

run() {
	local name=$1
	shift
	local start=$SECONDS
	"$weft" reftest --quiet --allow-unexpected-passes "$@"
	local rc=$?
	echo "# $name: exit $rc in $((SECONDS - start)) s"
	if [ $rc -ne 0 ]; then
		echo "FAIL: $name reftests regressed (see the FAIL lines above)"
		status=1
	fi
}

run "reftests/" "$src/reftests"
if [ -f "$shared/wpt/MANIFEST.tsv" ]; then
	run "WPT corpus" --expectations "$src/reftests/wpt-expected-failures.txt" "$shared/wpt"
else
	echo "# $shared/wpt not found: WPT corpus skipped"
fi
exit $status
