"""A plan written with its words in an imported Word text ("dưới 3%", "giảm từ 2% trở lên") is read with them: the
words and the number become {{code.plan_text}}, and a direction the indicator does not have yet is set on it when
the clerk accepts the citation (one undo step). Invented figures on a workbook made from the catalogue."""

from __future__ import annotations

import pytest

from baocao_gui.app import Document
from baocao_gui.app.edits import figures
from baocao_gui.app.files import new_workbook
from baocao_gui.app.imports import import_edit
from baocao_gui.domain.figures import sheet
from baocao_gui.domain.model import Block, BlockKind, PlanDirection, PlanMeaning
from baocao_gui.importers.figures import find_figures

SECTOR = "giam_ngheo_btxh"


@pytest.fixture
def doc(tmp_path):
    document = Document(new_workbook(tmp_path / "so-2033.baocao", "sldtbxh", 2033))
    document.apply(figures.set_value(document, "ho_ngheo_dtts", "plan", 3.5))
    document.apply(figures.set_value(document, "ho_ngheo_dtts", "target", 2.5))
    yield document
    document.close()


def offered(doc, *texts):
    blocks = [Block(BlockKind.PARAGRAPH, t) for t in texts]
    return blocks, find_figures(blocks, doc.workbook, doc.report, SECTOR)


def test_a_ceiling_in_the_text_is_offered_with_its_words_and_sets_the_direction_when_accepted(doc):
    blocks, found = offered(doc, "Phấn đấu tỷ lệ hộ nghèo đồng bào dân tộc thiểu số dưới 3,5% vào cuối năm.")
    assert [(f.written, f.token, f.direction) for f in found] == [("dưới 3,5%", "{{ho_ngheo_dtts.plan_text}}",
                                                                   "below")]
    edit = import_edit(doc, "results", SECTOR, 0, blocks, found, [], "Nhập từ tệp Word")
    doc.apply(edit)
    assert doc.workbook.indicator("ho_ngheo_dtts").plan_direction == PlanDirection.BELOW
    writer = sheet(doc.workbook, doc.report)
    assert writer.render(doc.report.part("results", SECTOR)[0].text) == \
        "Phấn đấu tỷ lệ hộ nghèo đồng bào dân tộc thiểu số dưới 3,5% vào cuối năm."
    doc.run(edit.undo, edit.change)
    assert doc.workbook.indicator("ho_ngheo_dtts").plan_direction == PlanDirection.REACH


def test_a_reduction_stated_with_its_words_is_read_as_one(doc):
    _, found = offered(doc, "Mục tiêu giảm từ 2,5% trở lên trong năm tới.")
    assert [(f.written, f.token, f.direction) for f in found] == \
        [("giảm từ 2,5% trở lên", "{{ho_ngheo_dtts.target_text}}", "decrease_at_least")]


def test_two_directions_for_one_plan_set_none_and_offer_the_numbers_alone(doc):
    _, found = offered(doc, "Giảm trên 2,5% so với năm trước.", "Giảm từ 2,5% trở lên.")
    assert [(f.written, f.token, f.direction) for f in found] == \
        [("2,5%", "{{ho_ngheo_dtts.target}}", ""), ("2,5%", "{{ho_ngheo_dtts.target}}", "")]


def test_words_the_indicator_already_has_are_cited_with_it_and_change_nothing(doc):
    doc.apply(figures.set_value(doc, "ho_ngheo", "plan", 2))
    _, found = offered(doc, "Tỷ lệ hộ nghèo chung giảm từ 2% trở lên.")
    assert [(f.written, f.token, f.direction) for f in found] == \
        [("giảm từ 2% trở lên", "{{ho_ngheo.plan_text}}", "")]
    assert (doc.workbook.indicator("ho_ngheo").plan_meaning, doc.workbook.indicator("ho_ngheo").plan_direction) == \
        (PlanMeaning.DECREASE, PlanDirection.AT_LEAST)
