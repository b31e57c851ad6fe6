"""Numbers in imported text that equal no figure of the sector are offered as new indicators: the name from the
words before the number, the unit from the word after it; years, dates, document numbers and numbers that already
match a figure are not. Texts invented."""

from __future__ import annotations

from baocao_gui.app import Document
from baocao_gui.app.imports import import_edit
from baocao_gui.domain.model import Block, BlockKind, Part
from baocao_gui.importers.figures import find_figures, find_new_figures

TEXT = ("Trong năm 2023, số người được hỗ trợ học nghề là 1.234 người, tỷ lệ lao động qua đào tạo đạt 68,5%; "
        "theo Nghị định 30/2020/NĐ-CP, ngày 15/3/2023 tổ chức hội nghị. Số lao động được tạo việc làm là 18.498 "
        "lượt người.")


def test_a_number_matching_nothing_is_offered_with_the_words_before_as_name_and_the_word_after_as_unit(
        sample_workbook):
    doc = Document(sample_workbook)
    try:
        blocks = [Block(BlockKind.PARAGRAPH, TEXT)]
        found = find_figures(blocks, doc.workbook, doc.report, "lao_dong")
        new = find_new_figures(blocks, doc.workbook, doc.report, "lao_dong", found)
    finally:
        doc.close()
    assert [f.written for f in found] == ["18.498"]  # already a figure: a citation, not a new indicator
    assert [(f.written, f.name, f.unit, f.value) for f in new] == [
        ("1.234", "Số người được hỗ trợ học nghề", "người", 1234.0),
        ("68,5%", "Tỷ lệ lao động qua đào tạo", "%", 68.5)]


def test_new_indicators_are_made_in_the_import_edit_and_one_undo_removes_them_with_the_paragraphs(
        sample_workbook):
    doc = Document(sample_workbook)
    try:
        blocks = [Block(BlockKind.PARAGRAPH, TEXT)]
        found = find_figures(blocks, doc.workbook, doc.report, "lao_dong")
        new = find_new_figures(blocks, doc.workbook, doc.report, "lao_dong", found)
        before_inds, before_blocks = doc.workbook.indicators, doc.report.part(Part.RESULTS, "lao_dong")
        at = len(before_blocks)
        edit = import_edit(doc, "results", "lao_dong", at, blocks, found, new, "Nhập")
        doc.apply(edit)
        made = [i for i in doc.workbook.indicators if i not in before_inds]
        assert [(i.name, i.unit, i.sector) for i in made] == [
            ("Số người được hỗ trợ học nghề", "người", "lao_dong"), ("Tỷ lệ lao động qua đào tạo", "%", "lao_dong")]
        assert [doc.report.values[i.code].actual for i in made] == [1234, 68.5]
        text = doc.report.part(Part.RESULTS, "lao_dong")[at].text
        assert f"là {{{{{made[0].code}}}}} người" in text and f"đạt {{{{{made[1].code}}}}}" in text
        assert "{{viec_lam}} lượt người" in text
        doc.run(edit.undo, edit.change)
        assert doc.workbook.indicators == before_inds
        assert doc.report.part(Part.RESULTS, "lao_dong") == before_blocks
        doc.run(edit.do, edit.change)
        assert [i.name for i in doc.workbook.indicators if i not in before_inds] == [i.name for i in made]
        assert doc.report.part(Part.RESULTS, "lao_dong")[at].text == text
    finally:
        doc.close()


def test_the_import_command_makes_new_indicators_only_when_asked(sample_workbook, tmp_path):
    import docx
    from helpers import run_cli

    from baocao_gui.store import load_workbook, open_workbook

    def stored():
        db = open_workbook(sample_workbook, readonly=True)
        try:
            return load_workbook(db)
        finally:
            db.close()

    path = tmp_path / "phong.docx"
    d = docx.Document()
    d.add_paragraph("Số người được hỗ trợ học nghề là 1.234 người.")
    d.save(path)
    before = stored().indicators
    said = run_cli("import", str(sample_workbook), str(path), "--sector", "lao_dong")
    assert said.returncode == 0 and "--new-indicators" in said.stdout and stored().indicators == before
    made = run_cli("import", str(sample_workbook), str(path), "--sector", "lao_dong", "--new-indicators")
    assert made.returncode == 0, made.stderr
    assert "Đã tạo 1 chỉ tiêu mới" in made.stdout and "Số người được hỗ trợ học nghề (1.234)" in made.stdout
    (new,) = [i for i in stored().indicators if i not in before]
    assert (new.name, new.unit) == ("Số người được hỗ trợ học nghề", "người")
    last = stored().report_for(2023).part(Part.RESULTS, "lao_dong")[-1].text
    assert last == f"Số người được hỗ trợ học nghề là {{{{{new.code}}}}} người."
