"""Column widths of the figures annex and whether its pages turn landscape: one decision both renderers show."""

from __future__ import annotations

from ..compose.outline import Annex
from .layout import ANNEX_INDENT_MM, ANNEX_NAME_MIN_MM, ANNEX_PT, CELL_MARGIN_MM, LANDSCAPE_TEXT_MM, TEXT_MM
from .textwidth import text_width_pt

MIN_FIGURE_MM = 19.0
MAX_UNIT_MM = 24.0


def _mm(pt: float) -> float:
    return pt / 72 * 25.4


def _need_mm(texts, bold: bool = False, words: bool = False) -> float:
    """The width that writes the longest text (or, with ``words``, the longest word) on one line, with margins."""
    pieces = [w for t in texts for w in (t.split() if words else [t])]
    longest = max((text_width_pt(p, ANNEX_PT, bold) for p in pieces), default=0)
    return _mm(longest) + 2 * CELL_MARGIN_MM + 0.5


def annex_geometry(annex: Annex) -> tuple[bool, tuple[float, ...]]:
    """(landscape, widths in mm of STT, the name and each column): figures on one line each, the page turned
    when the name column would be narrower than ANNEX_NAME_MIN_MM in portrait."""
    columns = []
    for k, column in enumerate(annex.columns):
        cells = [row.cells[2 + k] for row in annex.rows]
        header_word = _need_mm([annex.header[2 + k]], bold=True, words=True)
        if column == "unit":
            columns.append(min(max(_need_mm(cells, words=True), header_word, MIN_FIGURE_MM), MAX_UNIT_MM))
        elif column in ("plan", "target"):
            # a plan stated in its words ("giảm từ 3% trở lên") may take two lines, broken between words: the
            # figures of the other columns keep their one line
            whole = _need_mm(cells)
            two_lines = max(_need_mm(cells, words=True), whole * 0.6 + 2 * CELL_MARGIN_MM)
            columns.append(max(min(whole, two_lines), header_word, MIN_FIGURE_MM))
        else:
            columns.append(max(_need_mm(cells), header_word, MIN_FIGURE_MM))
    stt = max(_need_mm([annex.header[0]], bold=True), _need_mm([row.cells[0] for row in annex.rows]))
    fixed = stt + sum(columns)
    landscape = TEXT_MM - fixed < ANNEX_NAME_MIN_MM
    room = LANDSCAPE_TEXT_MM if landscape else TEXT_MM
    name = max(room - fixed, ANNEX_NAME_MIN_MM - ANNEX_INDENT_MM)
    widths = (stt, name, *columns)
    if sum(widths) > room:  # too many wide columns even turned: share the page in proportion
        scale = room / sum(widths)
        widths = tuple(w * scale for w in widths)
    return landscape, widths
