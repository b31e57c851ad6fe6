"""An export edited as a director edits it in Word (python-docx, invented texts): a sentence changed, a paragraph
deleted, one added after another, a cited figure changed, a tracked insertion left unaccepted."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

CHANGED = "Công tác quản lý lao động nước ngoài được thực hiện chặt chẽ, đúng quy định."
ADDED = "Đã tổ chức hội nghị tổng kết công tác bảo trợ xã hội cuối năm."
TRACKED = " Đã kiểm tra việc chi trả tại 08 huyện."


def paragraph_of(document, block: int):
    name = f"_bc_{block}"
    return next(p for p in document.paragraphs
                if any(b.get(qn("w:name")) == name for b in p._p.iter(qn("w:bookmarkStart"))))


def retype(paragraph, text: str) -> None:
    """What Word does when a sentence is retyped inside the paragraph: the runs change, the bookmark stays."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def edit_like_a_director(source: Path, target: Path) -> None:
    document = docx.Document(source)
    retype(paragraph_of(document, 7), CHANGED)  # a sentence changed
    deleted = paragraph_of(document, 13)  # a paragraph deleted
    deleted._p.getparent().remove(deleted._p)
    anchor = paragraph_of(document, 15)  # one added after another (Enter at its end: no bookmark of its own)
    new = copy.deepcopy(anchor._p)
    for child in list(new):
        if child.tag != qn("w:pPr"):
            new.remove(child)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = ADDED
    run.append(t)
    new.append(run)
    anchor._p.addnext(new)
    figure = paragraph_of(document, 5)  # a cited figure changed: 18.498 → 19.000
    for r in figure.runs:
        if "18.498" in r.text:
            r.text = r.text.replace("18.498", "19.000")
    tracked = paragraph_of(document, 16)  # text inserted with Track Changes on, left unaccepted
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "901")
    ins.set(qn("w:author"), "Giám đốc")
    ins.set(qn("w:date"), "2024-01-10T08:00:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = TRACKED
    r.append(t)
    ins.append(r)
    tracked._p.append(ins)
    document.save(target)
