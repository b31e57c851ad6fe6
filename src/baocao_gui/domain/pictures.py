"""Signature and seal pictures: what a PNG file holds, read from its header without decoding it (no Qt here)."""

from __future__ import annotations

import struct

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 4_000_000  # a scanned signature or seal is tens of kilobytes; this refuses a photo by mistake
MAX_SIDE = 6000


class PictureError(ValueError):
    """A picture the program will not put in a report; ``message`` is one Vietnamese sentence."""

    def __init__(self, message: str, gloss: str):
        super().__init__(gloss)
        self.message = message


def png_size(data: bytes, name: str = "ảnh") -> tuple[int, int]:
    """(width, height) in pixels of a transparent PNG; PictureError for anything else (Decree 30 wants the
    signature and seal images as PNG with a transparent background)."""
    if len(data) > MAX_BYTES:
        raise PictureError(f"Ảnh “{name}” quá lớn (hơn 4 MB); hãy dùng ảnh quét chữ ký hoặc con dấu nhỏ hơn.",
                           f"picture of {len(data)} bytes")
    if not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR" or len(data) < 33:
        raise PictureError(f"“{name}” không phải ảnh PNG; chữ ký và con dấu phải là ảnh PNG nền trong suốt.",
                           "not a PNG")
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise PictureError(f"Ảnh “{name}” có kích thước không dùng được ({width} × {height} điểm ảnh).",
                           f"PNG of {width}x{height}")
    if colour not in (4, 6) and b"tRNS" not in data:
        raise PictureError(f"Ảnh “{name}” không có nền trong suốt; hãy dùng ảnh PNG nền trong suốt để chữ ký và con "
                           "dấu không che chữ.", "PNG without transparency")
    return width, height
