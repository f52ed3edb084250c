#!/usr/bin/env python3
"""Embeds css/ua.css into a C source file as css_ua_stylesheet (build step
of css/generate.cmake). Usage: embed_ua.py IN.css OUT.c"""
import sys


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as fh:
        text = fh.read()
    lines = []
    for line in text.splitlines(True):
        esc = line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        lines.append('\t"%s"' % esc)
    body = "\n".join(lines) if lines else '\t""'
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("/* Generated from css/ua.css by css/embed_ua.py: do not edit. */\n")
        fh.write("#include <stddef.h>\n\n")
        fh.write("const char css_ua_stylesheet[] =\n%s;\n" % body)
        fh.write("const size_t css_ua_stylesheet_len = sizeof css_ua_stylesheet - 1;\n")


if __name__ == "__main__":
    main()
