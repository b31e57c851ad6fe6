"""Render an Outline to HTML for the live preview: the report as it will print, in Qt's rich-text subset.

The same composed outline the .docx is written from, on the look of the template's styles (see
tools/make_template.py). Qt's QTextDocument honours ``text-indent`` and margins only in px (pt and cm
are silently dropped) and ``justify`` only as an ``align`` attribute, so lengths are converted here
at 96 px to the inch. No Qt import: render/ stays Qt-free.
"""

from __future__ import annotations

import dataclasses
import re
from html import escape

from ..compose.outline import Annex, Heading, Level, Outline, Paragraph, Spans, TableItem
from .annex_layout import annex_geometry
from .header_lines import HeaderText, header_room_pt, header_text
from .layout import (
    ANNEX_INDENT_MM,
    ANNEX_PT,
    BODY_PT,
    HEADER_MM,
    LANDSCAPE_TEXT_MM,
    SIGNATURE_GAP_LINES,
    SIGNATURE_MM,
    SIGNATURE_NAME_SPACE_PT,
    SIGNATURE_PICTURE_MM,
    TABLE_PT,
    TEXT_MM,
)
from .textwidth import text_width_pt

FONT = "'Times New Roman', 'Liberation Serif', 'Tinos', serif"
# The signature block's pictures, by name: the preview gives its document these resources (render/ has no Qt)
PICTURE_URLS = {"signature": "baocao-picture:signature", "seal": "baocao-picture:seal"}
MISSING_COLOUR = "#c00"


def px(pt: float) -> int:
    """Qt lays rich text out in px at 96 dpi: 1 pt = 4/3 px."""
    return round(pt * 4 / 3)


INDENT_PX = round(1.27 / 2.54 * 96)  # first-line indent 1.27 cm

HEADING_LOOK = {  # level: (bold, italic, space before in pt)
    Level.SECTION: (True, False, 6),
    Level.MUC: (True, False, 0),
    Level.KHOAN: (True, False, 0),
    Level.SUBKHOAN: (True, True, 0),
    Level.DIEM: (False, False, 0),
}


def _text(text: str, missing: Spans = (), shift: int = 0) -> str:
    """Escaped text, with each missing figure (the outline says where) in red: what is still to fill in."""
    out, last = [], 0
    for start, end in sorted((a + shift, b + shift) for a, b in missing):
        out.append(escape(text[last:start]))
        out.append(f'<span style="color:{MISSING_COLOUR}">{escape(text[start:end])}</span>')
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _p(text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False, align: str = "center",
       indent: bool = False, before: float = 0, after: float = 0, anchor: str = "", nowrap: bool = False,
       missing: Spans = (), shift: int = 0) -> str:
    # Qt gives <p> 12 px above and below unless told otherwise
    style = [f"margin-top:{px(before)}px", f"margin-bottom:{px(after)}px"]
    style += [f"text-indent:{INDENT_PX}px"] if indent else []
    style += [f"font-size:{size:g}pt"] if size != BODY_PT else []
    style += ["font-weight:bold"] if bold else []
    style += ["font-style:italic"] if italic else []
    style += ["white-space:nowrap"] if nowrap else []
    mark = f'<a name="{anchor}"></a>' if anchor else ""
    # an empty paragraph would collapse: a no-break space keeps its line (the signature gap)
    body = _text(text, missing, shift) if text else "&nbsp;"
    return f'<p align="{align}" style="{"; ".join(style)}">{mark}{body}</p>'


def _rule(text: str, size: float, bold: bool, room_pt: float, share: float) -> str:
    """A short centred line under a header text: ``share`` of its longest line's printed length, as in the .docx."""
    longest = max((text_width_pt(line, size, bold) for line in text.split("\n")), default=0)
    percent = max(5, min(100, round(100 * share * longest / room_pt)))
    return f'<hr width="{percent}%" style="margin-top:1px; margin-bottom:1px"/>'


def _table(left: list[str], right: list[str], widths_mm: tuple[float, float], before: float = 0) -> str:
    total = sum(widths_mm)
    lw, rw = (round(100 * w / total) for w in widths_mm)
    return (f'<table width="100%" border="0" cellspacing="0" cellpadding="0" style="margin-top:{px(before)}px">'
            f'<tr><td width="{lw}%" valign="top">{"".join(left)}</td>'
            f'<td width="{rw}%" valign="top">{"".join(right)}</td></tr></table>')


def _name(name: HeaderText, bold: bool, scale: float) -> str:
    """An agency's name in the header, in the lines (and size, times ``scale``) the .docx has (header_lines.py)."""
    lines = "<br/>".join(escape(line) for line in name.lines) or "&nbsp;"
    weight = "; font-weight:bold" if bold else ""
    return (f'<p align="center" style="margin-top:0px; margin-bottom:0px; font-size:{round(name.size * scale, 2):g}pt'
            f'{weight}; '
            f'white-space:nowrap">{lines}</p>')


def _front(outline: Outline) -> list[str]:
    f = outline.front
    # the .docx's header table is wider than the text (layout.py); the preview draws it within the page's width,
    # its type that much smaller, so that each of its lines is the .docx's line, none wrapped or cut
    k = TEXT_MM / sum(HEADER_MM)
    left_room, right_room = header_room_pt(0), header_room_pt(1)
    left = [_name(header_text(f.parent_agency, False), False, k)] if f.parent_agency else []
    agency = header_text(f.agency, True)
    left += [_name(agency, True, k),
             _rule(agency.text, agency.size, True, left_room, 0.4),  # a line 2/5 as long as the agency's name
             _p(f.number_line, size=round(13 * k, 2), before=6, nowrap=True)]
    right = [_p(f.national, size=round(13 * k, 2), bold=True, nowrap=True),
             _p(f.motto, size=round(14 * k, 2), bold=True, nowrap=True),
             _rule(f.motto, 14, True, right_room, 1.0),  # a line as long as the motto
             _p(f.place_date, size=round(14 * k, 2), italic=True, before=6)]
    return [_table(left, right, HEADER_MM),
            _p(f.type_name, bold=True, before=18),
            _p(f.summary, bold=True, missing=f.summary_missing),
            _rule(f.summary, 14, True, TEXT_MM / 25.4 * 72, 0.4),
            '<p style="margin-top:0px; margin-bottom:0px; font-size:6pt">&nbsp;</p>']  # 12 pt after the rule


def _body(outline: Outline) -> list[str]:
    out = []
    for index, item in enumerate(outline.body):
        anchor = f"b{index}"
        if isinstance(item, Heading) and item.level == Level.PART:
            out.append(_p(item.number, bold=True, before=12, anchor=anchor))
            out.append(_p(item.text, bold=True, after=6))
        elif isinstance(item, Heading):
            bold, italic, before = HEADING_LOOK[item.level]
            out.append(_p(item.line, bold=bold, italic=italic, align="justify", indent=True, before=before,
                          after=6, anchor=anchor, missing=item.missing, shift=item.prefix))
        elif isinstance(item, Paragraph):
            out.append(_p(item.line, align="justify", indent=True, after=6, anchor=anchor, missing=item.missing,
                          shift=item.prefix))
        elif isinstance(item, TableItem):
            out.append(_data_table(item, anchor))
    return out


def _data_table(item: TableItem, anchor: str) -> str:
    """A table in the text, as the .docx has it: borders, bold header rows, merged header cells, aligned figures."""
    total = sum(item.widths) or 1
    widths = [round(100 * w / total) for w in item.widths]
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, rows, cols in item.merges:
        rows, cols = min(rows, len(item.header) - r), min(cols, item.columns - c)
        spans[(r, c)] = (rows, cols)
        covered |= {(i, j) for i in range(r, r + rows) for j in range(c, c + cols)} - {(r, c)}
    grid = [*item.header, *item.rows]
    last = len(grid) - 1
    out = [(f'<a name="{anchor}"></a><table width="100%" border="1" cellspacing="0" cellpadding="3" '
           f'style="border-collapse:collapse; margin-bottom:{px(6)}px; font-size:{TABLE_PT}pt">')]
    for r, row in enumerate(grid):
        header = r < len(item.header)
        bold = header or (item.total and item.rows and r == last)
        cells = []
        for c, cell in enumerate(row):
            if (r, c) in covered:
                continue
            rows, cols = spans.get((r, c), (1, 1))
            attrs = f' width="{widths[c]}%"' if r == 0 else ""
            attrs += f' rowspan="{rows}"' if rows > 1 else ""
            attrs += f' colspan="{cols}"' if cols > 1 else ""
            align = "center" if header else item.align[c]
            text = _text(cell.text, cell.missing) or "&nbsp;"
            text = f"<b>{text}</b>" if bold else text
            cells.append(f'<td{attrs} align="{align}" valign="middle">{text}</td>')
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    return "".join(out)


def _signature(outline: Outline) -> list[str]:
    s = outline.signature
    left = [_p("Nơi nhận:", size=12, bold=True, italic=True, align="left")]
    left += [_p(line, size=11, align="left") for line in s.recipients]
    right = [_p(line, bold=True) for line in (s.authority, s.title) if line]
    right += [_p("") for _ in range(SIGNATURE_GAP_LINES)]
    if s.signature_png or s.seal_png:  # the pictures, side by side (the .docx lays the seal over the signature)
        pictures = []
        for url, data, height_mm in ((PICTURE_URLS["seal"], s.seal_png, s.seal_mm * 0.6),
                                     (PICTURE_URLS["signature"], s.signature_png, SIGNATURE_PICTURE_MM[1] * 0.6)):
            if data:
                pictures.append(f'<img src="{url}" height="{round(height_mm / 25.4 * 96)}"/>')
        right[-SIGNATURE_GAP_LINES:] = [
            f'<p align="center" style="margin-top:0px; margin-bottom:0px">{"".join(pictures)}</p>',
            _p("[ảnh chữ ký và con dấu được in ở đây, con dấu trùm lên 1/3 chữ ký]", size=9, italic=True)]
    right.append(_p(s.name, bold=True, before=SIGNATURE_NAME_SPACE_PT))
    return [_table(left, right, SIGNATURE_MM, before=BODY_PT)]


def _annex(annex: Annex) -> list[str]:
    """The annex as the .docx has it, after a page break: its label, title and line, then the table with the same
    column shares, bold sector rows spanning it, breakdowns indented and figures right-aligned."""
    landscape, widths_mm = annex_geometry(annex)
    total = sum(widths_mm)
    shares = [round(100 * w / total) for w in widths_mm]
    figures = {k for k, c in enumerate(annex.columns, 2) if c != "unit"}
    note = "trang riêng, khổ ngang" if landscape else "trang riêng"
    # a landscape page is shown shrunk to the preview's portrait width, so that its lines break where they will
    size = round(ANNEX_PT * (TEXT_MM / LANDSCAPE_TEXT_MM if landscape else 1), 1)
    out = ['<hr style="margin-top:18px; margin-bottom:2px"/>',
           _p(f"[{annex.label}: {note}, đánh số trang riêng]", size=10, italic=True, after=6),
           _p(annex.label, bold=True, anchor="annex"), _p(annex.title, bold=True),
           _p(annex.attached, italic=True, after=12)]
    rows = [(f'<table width="100%" border="1" cellspacing="0" cellpadding="3" '
             f'style="border-collapse:collapse; font-size:{size:g}pt">')]
    rows.append("<tr>" + "".join(f'<td width="{shares[c]}%" align="center" valign="middle"><b>{escape(text)}</b></td>'
                                  for c, text in enumerate(annex.header)) + "</tr>")
    indent = round(ANNEX_INDENT_MM / 25.4 * 96)
    for row in annex.rows:
        if row.sector:
            rows.append(f'<tr><td align="center"><b>{escape(row.cells[0])}</b></td>'
                        f'<td colspan="{len(annex.header) - 1}"><b>{escape(row.cells[1])}</b></td></tr>')
            continue
        cells = []
        for c, text in enumerate(row.cells):
            align = "center" if c == 0 else "left" if c == 1 else "right" if c in figures else "center"
            style = f' style="padding-left:{indent * row.depth + 3}px"' if c == 1 and row.depth else ""
            if c in figures and text:  # a figure is never broken across lines
                style = ' style="white-space:nowrap"'
            cells.append(f'<td align="{align}"{style}>{escape(text) or "&nbsp;"}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    rows.append("</table>")
    return out + ["".join(rows)]


def outline_to_html(outline: Outline) -> str:
    """A complete HTML document of the report, for a QTextBrowser (or any browser)."""
    parts = [*_front(outline), *_body(outline), *_signature(outline)]
    if outline.annex is not None:
        parts += _annex(outline.annex)
    title = escape(f"{outline.front.type_name} {outline.front.summary}")
    return ('<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"/>'
            f"<title>{title}</title></head>\n"
            f'<body style="font-family:{FONT}; font-size:{BODY_PT}pt; color:#000; background-color:#fff">\n'
            + "\n".join(parts) + "\n</body></html>\n")


_STYLE = re.compile(r'(style="[^"]*"|<img [^>]*height="\d+"|cellpadding="\d+")')
_LENGTH = re.compile(r"(\d+(?:\.\d+)?)(pt|px)|(height=\"|cellpadding=\")(\d+)")


def zoomed(html: str, zoom: float) -> str:
    """The page ``zoom`` times its size (the preview's "page width" and 75 %…125 %). Every length of the page is in a
    style, an image's height or a table's cell padding (text is escaped, so it holds no quote that could open
    one): scaling those scales the page; table widths are shares of the page's width, which the view scales."""
    if abs(zoom - 1) < 1e-3:
        return html

    def length(m: re.Match) -> str:
        if m.group(1) is not None:
            value = float(m.group(1)) * zoom
            return f"{value:.2f}".rstrip("0").rstrip(".") + m.group(2) if m.group(2) == "pt" else f"{round(value)}px"
        return f"{m.group(3)}{max(0, round(int(m.group(4)) * zoom))}"

    return _STYLE.sub(lambda m: _LENGTH.sub(length, m.group(0)), html)


# Qt lays out rich text slowly (a 1 MB paragraph or 10.000 list items take seconds): the preview shows
# at most this much and says what it left out; the exported .docx always has everything.
MAX_PARAGRAPH_CHARS = 4000
MAX_BODY_ITEMS = 1200


def trimmed(outline: Outline) -> Outline:
    """The outline as the preview shows it: very long paragraphs and very long reports cut, with a note."""
    body = []
    for item in outline.body[:MAX_BODY_ITEMS]:
        if isinstance(item, Paragraph) and len(item.text) > MAX_PARAGRAPH_CHARS:
            rest = len(item.text) - MAX_PARAGRAPH_CHARS
            item = dataclasses.replace(item, text=item.text[:MAX_PARAGRAPH_CHARS]
                                       + f" … [bản xem trước lược {rest:,} ký tự; tệp Word có đủ]".replace(",", "."),
                                       missing=tuple(m for m in item.missing if m[1] <= MAX_PARAGRAPH_CHARS))
        body.append(item)
    left_out = len(outline.body) - len(body)
    if left_out > 0:
        body.append(Paragraph(f"[Bản xem trước dừng ở đây; còn {left_out:,} đoạn, tệp Word có đủ.]".replace(",", ".")))
    return dataclasses.replace(outline, body=tuple(body))
