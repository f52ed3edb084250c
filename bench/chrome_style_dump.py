#!/usr/bin/python3
"""chrome-dump --what style with the layout-dependent properties added:
width, height and the insets (top right bottom left), whose resolved
values (CSSOM) are used values in px. Arguments as for chrome-dump."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "tools", "lib"))
import chrome_dump  # noqa: E402

chrome_dump.PROPS = chrome_dump.PROPS + [
    p for p in ("width", "height", "top", "right", "bottom", "left") if p not in chrome_dump.PROPS]

if __name__ == "__main__":
    chrome_dump.main()
