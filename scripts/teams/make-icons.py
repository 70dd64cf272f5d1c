#!/usr/bin/env python3
"""Draws the Teams app icons into manifests/teams/ with the standard library only (no PIL on these machines):
color.png, 192x192 full colour, and outline.png, 32x32, white on transparent, as the Teams manifest requires.
The glyph is three rising bars (a campaign's reach) on the accent colour. Run it again only to change the design."""
import os
import struct
import zlib

ACCENT = (0x1F, 0x3A, 0x5F, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(path, width, height, pixel):
    """Writes an 8-bit RGBA PNG; every row uses filter 0 (none)."""
    rows = b"".join(b"\x00" + b"".join(struct.pack("4B", *pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def bars(size):
    """Three bars rising left to right, as (left, top, right, bottom) boxes within a size x size square."""
    unit = size / 16
    return [(round(unit * (3 + 4 * i)), round(unit * (10 - 3 * i)), round(unit * (5.5 + 4 * i)), round(unit * 13)) for i in range(3)]


def inside(x, y, box):
    left, top, right, bottom = box
    return left <= x < right and top <= y < bottom


def color_pixel(x, y):
    return WHITE if any(inside(x, y, b) for b in bars(192)) else ACCENT


def outline_pixel(x, y):
    # White outlines of the bars, one pixel wide, on a transparent background.
    for left, top, right, bottom in bars(32):
        if left <= x < right and top <= y < bottom and (x in (left, right - 1) or y in (top, bottom - 1)):
            return WHITE
    return CLEAR


if __name__ == "__main__":
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "manifests", "teams")
    png(os.path.join(target, "color.png"), 192, 192, color_pixel)
    png(os.path.join(target, "outline.png"), 32, 32, outline_pixel)
