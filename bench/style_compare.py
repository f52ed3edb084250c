#!/usr/bin/python3
"""Per-property agreement of `weft dump style --json` with Chromium's
getComputedStyle() (bench/chrome_style_dump.py output), over many pages.

    style_compare.py CHROME.json WEFT.json [CHROME.json WEFT.json ...]

Elements are matched by index; from the first index where the tags differ
(the DOMs differ) the rest of that page is left out, as the values would
belong to different elements. Prints the share of equal values overall
and per property, then the most frequent mismatches."""
import collections
import json
import sys


def main(args):
    if not args or len(args) % 2:
        sys.exit(__doc__)
    equal = collections.Counter()
    total = collections.Counter()
    wrong = collections.Counter()
    skipped = 0
    for ref_path, cand_path in zip(args[::2], args[1::2]):
        with open(ref_path) as fh:
            ref = json.load(fh)
        with open(cand_path) as fh:
            cand = json.load(fh)
        for i, r in enumerate(ref):
            c = cand[i] if i < len(cand) else None
            if c is None or c.get("tag") != r.get("tag"):
                skipped += len(ref) - i
                break
            for prop, value in r["style"].items():
                total[prop] += 1
                got = c["style"].get(prop)
                if got == value:
                    equal[prop] += 1
                else:
                    wrong[(prop, value, got)] += 1
    n, ok = sum(total.values()), sum(equal.values())
    print(f"all properties: {ok}/{n} values equal ({100.0 * ok / max(n, 1):.2f}%)"
          f"{f', {skipped} elements left out after DOM differences' if skipped else ''}")
    for prop in total:
        print(f"  {prop:22} {equal[prop]:6}/{total[prop]:<6} {100.0 * equal[prop] / total[prop]:7.2f}%")
    print("most frequent mismatches (property: chromium vs weft):")
    for (prop, value, got), count in wrong.most_common(25):
        print(f"  {count:5}  {prop}: {value!r} vs {got!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
