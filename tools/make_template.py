"""Build resources/templates/baocao.docx: the page and the named styles that carry the Decree-30 layout.

The renderer only picks styles by name, so a department may restyle the template in Word (keeping
the names) without touching code. Run: python tools/make_template.py
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

OUT = Path(__file__).resolve().parents[1] / "src" / "baocao_gui" / "resources" / "templates" / "baocao.docx"
FONT = "Times New Roman"
BODY_PT = 14
INDENT = Cm(1.27)


def set_fonts(rpr) -> None:
    """All four font slots, and no theme font: otherwise Word falls back to Calibri/Cambria for some text."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)


def doc_defaults(document) -> None:
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)
    rpr.find(qn("w:sz")).set(qn("w:val"), str(BODY_PT * 2))
    rpr.find(qn("w:szCs")).set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "en-US")
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def paragraph_style(document, name, *, size=BODY_PT, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                    indent=INDENT, before=0, after=6, keep_next=False, base="Normal"):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles[base]
        style.quick_style = True
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    set_fonts(style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = indent
    fmt.left_indent = Pt(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    return style


def build() -> None:
    document = docx.Document()
    doc_defaults(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # Mẫu 1.4 of Decree 30: top 25, bottom 20, left 35, right 20 mm (text width 155 mm)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(35), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)

    C, J = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    # body (PL I §II: 13-14 pt, justified, first-line indent 1-1.27 cm, >= 6 pt between paragraphs)
    paragraph_style(document, "Normal")
    paragraph_style(document, "BC Bullet")
    # headings: the program numbers them; the style only carries the look
    paragraph_style(document, "BC Part", bold=True, align=C, indent=Pt(0), before=12, after=0, keep_next=True)
    paragraph_style(document, "BC Part Title", bold=True, align=C, indent=Pt(0), after=6, keep_next=True)
    paragraph_style(document, "BC Section", bold=True, align=J, before=6, keep_next=True)
    paragraph_style(document, "BC Muc", bold=True, align=J, keep_next=True)
    paragraph_style(document, "BC Khoan", bold=True, align=J, keep_next=True)
    paragraph_style(document, "BC Khoan Con", bold=True, italic=True, align=J, keep_next=True)
    paragraph_style(document, "BC Diem", align=J, keep_next=True)
    # first-page header table (PL I §II.1-6)
    paragraph_style(document, "BC Header", size=13, align=C, indent=Pt(0), after=0)
    paragraph_style(document, "BC Header Bold", size=13, bold=True, align=C, indent=Pt(0), after=0)
    paragraph_style(document, "BC Motto", size=14, bold=True, align=C, indent=Pt(0), after=0)
    paragraph_style(document, "BC Place Date", size=14, italic=True, align=C, indent=Pt(0), before=6, after=0)
    paragraph_style(document, "BC Rule", size=2, align=C, indent=Pt(0), after=0)
    # type name and summary (trích yếu)
    paragraph_style(document, "BC Type Name", bold=True, align=C, indent=Pt(0), before=18, after=0, keep_next=True)
    paragraph_style(document, "BC Summary", bold=True, align=C, indent=Pt(0), after=0, keep_next=True)
    # signature block (PL I §II.7-9)
    paragraph_style(document, "BC Recipients Title", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT,
                    indent=Pt(0), after=0)
    paragraph_style(document, "BC Recipient", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=Pt(0), after=0)
    paragraph_style(document, "BC Signer", bold=True, align=C, indent=Pt(0), after=0)
    # page number in the header, from page 2 on (PL I §I.7)
    paragraph_style(document, "BC Page Number", size=13, align=C, indent=Pt(0), after=0)

    # the default template's built-in styles (Heading 1, Title, Macro Text…) name theme fonts or Courier:
    # every style the clerk might pick in Word must stay Times New Roman too
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        set_fonts(fonts.getparent())

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    core = document.core_properties
    core.author, core.title, core.comments = "baocao-gui", "Mẫu báo cáo (Nghị định 30/2020/NĐ-CP)", ""
    core.last_modified_by = "baocao-gui"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    document.save(OUT)


if __name__ == "__main__":
    build()
    print(OUT)
