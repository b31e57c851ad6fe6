"""The .docx writer makes its paragraphs and its custom properties as XML itself (python-docx's setters and
xml.sax.saxutils were most of an export's time): what it writes is what those would have written, byte for byte."""

import dataclasses
from xml.sax.saxutils import escape, quoteattr

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from baocao_gui.compose import Paragraph, compose_outline
from baocao_gui.render.word import build_document, template_path, xml_attribute, xml_text
from baocao_gui.store import load_workbook, open_workbook

ODD_TEXTS = ["", "chữ", "  khoảng trắng đầu, cuối  ", "có\ttab", "xuống\ndòng\r\nhai lần\r", "\t", "\n",
             'a & b < c > d " e \' f', "tab\tvà\nxuống dòng & <thẻ>", " ", "\u00a0không ngắt\u00a0"]


@pytest.mark.parametrize("text", [*ODD_TEXTS, "\"'", "'", '"'])
def test_custom_properties_are_escaped_as_saxutils_escapes_them(text):
    assert xml_text(text) == escape(text)
    assert xml_attribute(text) == quoteattr(text)


def test_paragraphs_are_the_xml_python_docx_writes_for_them(sample_workbook):
    db = open_workbook(sample_workbook, readonly=True)
    workbook = load_workbook(db)
    db.close()
    outline = compose_outline(workbook, workbook.report_for(2023))
    body = tuple(Paragraph(text, bullet=n % 3 == 0) for n, text in enumerate(ODD_TEXTS))
    made = [etree.tostring(p) for p in build_document(dataclasses.replace(outline, body=body)).element.body
            if p.tag == qn("w:p")]

    reference = docx.Document(str(template_path()))
    ids = {s.name: s.style_id for s in reference.styles}
    expected = []
    for item in body:
        p = reference.add_paragraph(item.line)  # python-docx's own paragraph, run and text
        p._p.style = ids["BC Bullet" if item.bullet else "Normal"]
        expected.append(etree.tostring(p._p))
    assert any(made[i:i + len(expected)] == expected for i in range(len(made)))
