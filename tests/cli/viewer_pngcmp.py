#!/usr/bin/env python3
"""Pixel comparisons of PNG files for tests/cli/viewer.sh (stdlib only).

  viewer_pngcmp.py CHECKS
CHECKS has one assertion a line, fields separated by tabs:
  same|differ  DESCRIPTION  SHOT  REF  REF_Y  IGNORE_RIGHT  IGNORE_BOTTOM
"same": SHOT equals the SHOT-sized window of REF starting at row REF_Y
(RGB; the rightmost IGNORE_RIGHT columns and bottom IGNORE_BOTTOM rows of
SHOT are not compared); "differ": those pixels are not all equal.
Prints ok/FAIL per assertion and "N passed, N failed"; exit status 0 when
all hold. Images are decoded once (pure Python is slow)."""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, ctype, _, _, interlace = hdr
    channels = {2: 3, 6: 4}.get(ctype)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: only 8-bit RGB/RGBA non-interlaced PNGs are supported")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        base = y * (stride + 1)
        ftype, line = raw[base], bytearray(raw[base + 1:base + 1 + stride])
        if ftype == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif ftype == 2:
            # Bytewise addition modulo 256 on whole rows as integers.
            a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
            low = int.from_bytes(b"\x7f" * stride, "big")
            total = ((a & low) + (b & low)) ^ ((a ^ b) & ~low & ((1 << (8 * stride)) - 1))
            line = bytearray(total.to_bytes(stride, "big"))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = prev[i]
                c = prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    # Keep RGB only: the window has no alpha.
    if channels == 4:
        stripped = []
        for r in rows:
            rgb = bytearray(width * 3)
            rgb[0::3], rgb[1::3], rgb[2::3] = r[0::4], r[1::4], r[2::4]
            stripped.append(bytes(rgb))
        rows = stripped
    return width, height, rows


def compare(mode, shot, ref, y0, ignore_right, ignore_bottom):
    """None when the assertion holds, else why not."""
    sw, sh, srows = shot
    rw, rh, rrows = ref
    w, h = sw - ignore_right, sh - ignore_bottom
    if rw < sw or rh < y0 + h:
        return f"size mismatch: {sw}x{sh} vs {rw}x{rh} at row {y0}" if mode == "same" else None
    diff, first = 0, None
    for y in range(h):
        a, b = srows[y][:w * 3], rrows[y0 + y][:w * 3]
        if a == b:
            continue
        for x in range(w):
            if a[3 * x:3 * x + 3] != b[3 * x:3 * x + 3]:
                diff += 1
                if first is None:
                    first = f"{x},{y}: {a[3 * x:3 * x + 3].hex()} vs {b[3 * x:3 * x + 3].hex()}"
    if mode == "same" and diff:
        return f"{diff} pixels differ, first at {first}"
    if mode == "differ" and not diff:
        return "identical"
    return None


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    cache, passed, failed = {}, 0, 0

    def image(path):
        if path not in cache:
            try:
                cache[path] = read_png(path)
            except (OSError, ValueError, zlib.error, TypeError, struct.error) as e:
                cache[path] = str(e)
        return cache[path]

    with open(argv[1]) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 7:
                continue
            mode, what, shot_path, ref_path = fields[:4]
            y0, right, bottom = (int(v) for v in fields[4:])
            shot, ref = image(shot_path), image(ref_path)
            if isinstance(shot, str) or isinstance(ref, str):
                why = shot if isinstance(shot, str) else ref
            else:
                why = compare(mode, shot, ref, y0, right, bottom)
            if why is None:
                passed += 1
                print(f"ok: {what}")
            else:
                failed += 1
                print(f"FAIL: {what}: {shot_path} vs {ref_path}: {why}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
