"""An import is one edit: all its blocks are written in one transaction or none, one undo removes them all, redo
puts them back with the same ids (later steps of the history still find them), and a signed report refuses it."""

from __future__ import annotations

import pytest

from baocao_gui.app import Document, EditRefused
from baocao_gui.app.edits import paragraphs, reports
from baocao_gui.domain.model import Block, BlockKind, Part
from baocao_gui.store import edits

BLOCKS = [Block(BlockKind.HEADING, "Công tác mới"), Block(BlockKind.PARAGRAPH, "Đoạn một."),
          Block(BlockKind.BULLET, "Ý thứ hai;")]


def test_one_edit_writes_all_blocks_and_one_undo_removes_them(sample_workbook):
    doc = Document(sample_workbook)
    try:
        before = doc.report.part(Part.RESULTS, "lao_dong")
        edit = paragraphs.insert_blocks(doc, "results", "lao_dong", 1, BLOCKS, "Nhập từ tệp Word “x.docx”")
        doc.apply(edit)
        after = doc.report.part(Part.RESULTS, "lao_dong")
        assert [b.text for b in after] == [before[0].text, *(b.text for b in BLOCKS), *(b.text for b in before[1:])]
        ids = edit.created["ids"]
        doc.run(edit.undo, edit.change)
        assert doc.report.part(Part.RESULTS, "lao_dong") == before
        doc.run(edit.do, edit.change)
        assert [b.id for b in doc.report.part(Part.RESULTS, "lao_dong")[1:4]] == ids
    finally:
        doc.close()


def test_a_failure_half_way_writes_none_of_the_blocks(sample_workbook):
    doc = Document(sample_workbook)
    try:
        before = doc.report.part(Part.RESULTS, "lao_dong")
        with pytest.raises(ValueError):
            edits.insert_blocks(doc.db, doc.report_id, "results", "lao_dong", 0,
                                [("paragraph", "Một."), ("paragraph", "Hai."), ("no such kind", "Ba.")])
        doc.reload()
        assert doc.report.part(Part.RESULTS, "lao_dong") == before
    finally:
        doc.close()


def test_a_signed_report_refuses_the_import(sample_workbook):
    doc = Document(sample_workbook)
    try:
        doc.apply(reports.mark_sent(doc, None))
        before = doc.report.part(Part.RESULTS, "lao_dong")
        with pytest.raises(EditRefused):
            doc.apply(paragraphs.insert_blocks(doc, "results", "lao_dong", 0, BLOCKS, "Nhập"))
        assert doc.report.part(Part.RESULTS, "lao_dong") == before
    finally:
        doc.close()
