#!/usr/bin/env python3
"""Embeds the UA stylesheets into a C source file (build step of
css/generate.cmake). Usage: embed_ua.py UA.css QUIRKS.css OUT.c"""
import sys


def c_string(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    lines = []
    for line in text.splitlines(True):
        esc = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        lines.append('\t"%s"' % esc)
    return "\n".join(lines) if lines else '\t""'


def main():
    ua, quirks, out = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("/* Generated from css/ua.css and css/ua-quirks.css by css/embed_ua.py: do not edit. */\n")
        fh.write("#include <stddef.h>\n\n")
        for name, path in (("css_ua_stylesheet", ua), ("css_ua_quirks_stylesheet", quirks)):
            fh.write("const char %s[] =\n%s;\n" % (name, c_string(path)))
            fh.write("const size_t %s_len = sizeof %s - 1;\n" % (name, name))


if __name__ == "__main__":
    main()
