"""Draw the program's icons with Pillow: python packaging/make_icons.py

Writes into src/baocao_gui/resources/icons/:
  baocao-gui.ico   the program (16–256 px, for the Windows executable, shortcuts and installer)
  baocao-gui.png   the program, 256 px (the Linux bundle and the window icon)
  baocao-file.ico  a workbook (.baocao) in Explorer: a page carrying the program's mark

The mark is a report page with a bar chart on a dark-blue tile. Each size is drawn at 4× and reduced,
and the smallest sizes leave out the text lines, which would only blur at 16 px.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "src" / "baocao_gui" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
SCALE = 4

TILE = (31, 78, 121, 255)       # dark blue
PAGE = (255, 255, 255, 255)
FOLD = (200, 214, 229, 255)
LINE = (150, 160, 172, 255)
BARS = ((198, 40, 40, 255), (230, 150, 0, 255), (46, 125, 50, 255))  # red, amber, green
EDGE = (120, 130, 140, 255)


def _page(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], size: int,
          outline: tuple[int, int, int, int] | None = None, bars: bool = True) -> None:
    """A page with a folded top-right corner, text lines (when big enough) and three bars."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    fold = w * 0.28
    width = max(1, round(SCALE * size / 64)) if outline else 0
    draw.polygon([(x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1)], fill=PAGE,
                 outline=outline, width=width)
    draw.polygon([(x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold)], fill=FOLD,
                 outline=outline, width=width)
    pad = w * 0.16
    if size >= 32:
        stroke = max(SCALE, h * 0.045)
        for i, length in enumerate((0.45, 0.68, 0.58)):
            y = y0 + h * (0.16 + 0.12 * i)
            right = x0 + pad + (w - 2 * pad) * length
            draw.rounded_rectangle([x0 + pad, y, right, y + stroke], radius=stroke / 2, fill=LINE)
    if not bars:
        return
    base = y1 - h * 0.12
    top = y0 + h * (0.50 if size >= 32 else 0.30)
    gap = (w - 2 * pad) * 0.10
    bar = ((w - 2 * pad) - 2 * gap) / 3
    for i, (height, colour) in enumerate(zip((0.45, 0.75, 1.0), BARS, strict=True)):
        left = x0 + pad + i * (bar + gap)
        draw.rectangle([left, base - (base - top) * height, left + bar, base], fill=colour)


def program_icon(size: int) -> Image.Image:
    big = size * SCALE
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    margin = big * (0.02 if size <= 24 else 0.04)
    draw.rounded_rectangle([margin, margin, big - margin, big - margin], radius=big * 0.18, fill=TILE)
    inset = big * (0.17 if size <= 24 else 0.2)
    _page(draw, (inset + big * 0.03, inset, big - inset - big * 0.03, big - inset), size)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def file_icon(size: int) -> Image.Image:
    big = size * SCALE
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    _page(draw, (big * 0.16, big * 0.04, big * 0.84, big * 0.96), size, outline=EDGE, bars=False)
    badge = program_icon(max(8, size // 2)).resize((big // 2, big // 2), Image.Resampling.LANCZOS)
    img.alpha_composite(badge, (big // 2 - big // 16, big // 2 - big // 16 + big // 32))
    return img.resize((size, size), Image.Resampling.LANCZOS)


def save_ico(draw_one, path: Path) -> None:
    images = [draw_one(s) for s in SIZES]
    # Pillow writes one frame per requested size from the largest image unless each size is supplied.
    images[-1].save(path, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICONS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    save_ico(program_icon, args.out / "baocao-gui.ico")
    save_ico(file_icon, args.out / "baocao-file.ico")
    program_icon(256).save(args.out / "baocao-gui.png", optimize=True)
    for name in ("baocao-gui.ico", "baocao-file.ico", "baocao-gui.png"):
        print(args.out / name, (args.out / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
