"""An edited export comes back: the sample exported, edited with python-docx as a director would in Word, and merged
back by the command line (the window's test is tests/ui/test_merge_window.py)."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from edited_export import ADDED, CHANGED, TRACKED, edit_like_a_director, paragraph_of, retype
from helpers import assert_valid_ooxml, run_cli

from baocao_gui.app import Document, write_report, write_sample
from baocao_gui.app.edits import paragraphs, reports
from baocao_gui.importers.merge import ChangeKind, changes_from_edited, identity_problem, read_edited


@pytest.fixture
def exported(tmp_path):
    book = write_sample(tmp_path / "so.baocao")
    doc = Document(book)
    try:
        write_report(doc.workbook, doc.report, tmp_path / "bao-cao.docx")
    finally:
        doc.close()
    edit_like_a_director(tmp_path / "bao-cao.docx", tmp_path / "da-sua.docx")
    return book, tmp_path / "bao-cao.docx", tmp_path / "da-sua.docx"


def test_an_export_carries_a_hidden_bookmark_per_block_and_the_workbooks_identity_and_stays_valid(exported):
    book, original, _ = exported
    assert_valid_ooxml(original)
    doc = Document(book)
    try:
        edited = read_edited(original)
        assert edited.properties["baocao.workbook"] == doc.workbook.identity != ""
        assert edited.properties["baocao.report"] == str(doc.report.id)
        assert identity_problem(edited, doc.workbook, doc.report) is None
        blocks = {b.id for blocks in doc.report.blocks.values() for b in blocks if b.text.strip()}
        anchored = {a for p in edited.paragraphs for a in p.anchors}
        assert anchored == blocks
        assert changes_from_edited(edited, doc.workbook, doc.report).changes == ()  # unedited: nothing to merge
    finally:
        doc.close()
    with zipfile.ZipFile(original) as z:
        assert "docProps/custom.xml" in z.namelist()


def test_the_directors_edits_are_found_each_where_it_belongs(exported):
    book, _, edited_path = exported
    doc = Document(book)
    try:
        merge = changes_from_edited(read_edited(edited_path), doc.workbook, doc.report)
    finally:
        doc.close()
    by_kind = {}
    for change in merge.changes:
        by_kind.setdefault(change.kind, []).append(change)
    assert [c.block for c in by_kind[ChangeKind.DELETED]] == [13]
    assert [(c.after, c.text) for c in by_kind[ChangeKind.ADDED]] == [(15, ADDED)]
    changed = {c.block: c for c in by_kind[ChangeKind.CHANGED]}
    assert set(changed) == {7, 16}
    assert changed[7].text == CHANGED
    assert changed[16].text.endswith(TRACKED.strip()) and "{{mung_tho_nguoi}}" in changed[16].text
    assert any("theo dõi thay đổi" in note for note in changed[16].notes)
    assert any("Track Changes" in note for note in merge.notes)
    # the number where {{viec_lam}} stood is a figure change, not a literal: the paragraph keeps its citation
    [figure] = by_kind[ChangeKind.FIGURE]
    assert (figure.code, figure.field, figure.value) == ("viec_lam", "actual", 19000.0)
    assert 5 not in changed


def test_merge_by_the_command_line_prints_then_applies_with_apply_and_every_citing_sentence_follows(exported, tmp_path):
    book, _, edited_path = exported
    shown = run_cli("merge", str(book), str(edited_path))
    assert shown.returncode == 0, shown.stderr
    assert "19.000" in shown.stdout and "--apply" in shown.stdout
    doc = Document(book)
    try:
        assert doc.report.values["viec_lam"].actual == 18498  # nothing applied without --apply
    finally:
        doc.close()
    applied = run_cli("merge", str(book), str(edited_path), "--apply")
    assert applied.returncode == 0, applied.stderr
    doc = Document(book)
    try:
        report = doc.report
        assert report.values["viec_lam"].actual == 19000
        texts = {b.id: b.text for blocks in report.blocks.values() for b in blocks}
        assert 13 not in texts and texts[7] == CHANGED and "{{viec_lam}}" in texts[5]
        [added] = [(part, n) for part, blocks in report.blocks.items() for n, b in enumerate(blocks)
                   if b.text == ADDED]
        anchor = [(part, n) for part, blocks in report.blocks.items() for n, b in enumerate(blocks) if b.id == 15]
        assert added == (anchor[0][0], anchor[0][1] + 1)  # right after the paragraph it follows in the file
        again = write_report(doc.workbook, report, tmp_path / "lan-hai.docx").path
    finally:
        doc.close()
    text = "\n".join(p.text for p in docx.Document(again).paragraphs)
    assert "19.000 lượt người" in text and CHANGED in text and ADDED in text and TRACKED.strip() in text
    assert text.index(ADDED) > text.index("Hỗ trợ cứu đói giáp hạt")


def test_one_undo_restores_everything_the_merge_changed(exported):
    book, _, edited_path = exported
    doc = Document(book)
    try:
        before = (doc.report.blocks, doc.report.values)
        merge = changes_from_edited(read_edited(edited_path), doc.workbook, doc.report)
        edit = paragraphs.apply_changes(doc, merge.changes)
        doc.run(edit.do, edit.change)
        assert doc.report.values["viec_lam"].actual == 19000
        doc.run(edit.undo, edit.change)
        assert (doc.report.blocks, doc.report.values) == before
        doc.run(edit.do, edit.change)  # redo: the added block keeps its id
        ids = {b.id for blocks in doc.report.blocks.values() for b in blocks}
        assert set(edit.created["ids"].values()) <= ids
    finally:
        doc.close()


def test_a_paragraph_whose_bookmark_word_dropped_is_found_by_its_text(exported, tmp_path):
    book, original, _ = exported
    document = docx.Document(original)
    paragraph = paragraph_of(document, 7)
    for mark in [*paragraph._p.iter(qn("w:bookmarkStart")), *paragraph._p.iter(qn("w:bookmarkEnd"))]:
        mark.getparent().remove(mark)
    retype(paragraph, paragraph.text.replace("đúng quy định", "theo đúng quy định"))
    document.save(tmp_path / "mat-dau.docx")
    doc = Document(book)
    try:
        merge = changes_from_edited(read_edited(tmp_path / "mat-dau.docx"), doc.workbook, doc.report)
    finally:
        doc.close()
    assert [(c.kind, c.block) for c in merge.changes] == [(ChangeKind.CHANGED, 7)]
    assert "theo đúng quy định" in merge.changes[0].text


def test_a_file_of_another_workbook_is_said_in_one_sentence_and_merged_by_text_only_when_asked(exported, tmp_path):
    _, _, edited_path = exported
    other = write_sample(tmp_path / "so-khac.baocao")
    refused = run_cli("merge", str(other), str(edited_path))
    assert refused.returncode == 2
    assert "sổ báo cáo khác" in refused.stderr and "--by-text" in refused.stderr
    doc = Document(other)
    try:
        before = [b.text for blocks in doc.report.blocks.values() for b in blocks]
    finally:
        doc.close()
    shown = run_cli("merge", str(other), str(edited_path), "--by-text")
    assert shown.stdout.count("\nSửa: ") + shown.stdout.startswith("Sửa: ") == 2  # the same five, found by text
    assert shown.stdout.count("Thêm: ") == 1 and shown.stdout.count("Xóa: ") == 1 and "19.000" in shown.stdout
    by_text = run_cli("merge", str(other), str(edited_path), "--by-text", "--apply")
    assert by_text.returncode == 0, by_text.stderr
    doc = Document(other)
    try:
        texts = [b.text for blocks in doc.report.blocks.values() for b in blocks]
        assert CHANGED in texts and ADDED in texts
        assert len(texts) == len(before)  # one deleted, one added: every other paragraph kept
    finally:
        doc.close()


def test_a_sent_report_refuses_the_merge_with_the_sentence_that_says_how_to_unlock(exported):
    book, _, edited_path = exported
    doc = Document(book)
    try:
        doc.apply(reports.mark_sent(doc, None))
    finally:
        doc.close()
    refused = run_cli("merge", str(book), str(edited_path), "--apply")
    assert refused.returncode == 2
    assert "đã ký, đã gửi" in refused.stderr and "Mở khóa để sửa" in refused.stderr
    doc = Document(book)
    try:
        assert doc.report.values["viec_lam"].actual == 18498
        with pytest.raises(Exception, match="Mở khóa để sửa"):
            doc.apply(paragraphs.apply_changes(doc, changes_from_edited(read_edited(edited_path), doc.workbook,
                                                            doc.report).changes))
    finally:
        doc.close()


def test_what_the_clerk_typed_since_the_export_is_never_taken_back_silently(exported):
    """Paragraphs edited in the workbook after the export: one the director left as exported is not offered back
    (the workbook's text stays); one the director changed too is a conflict the clerk must pick a side of."""
    book, _, edited_path = exported
    doc = Document(book)
    try:
        doc.apply(paragraphs.set_block_text(doc, 6, "Đào tạo nghề: đoạn chuyên viên viết lại sau khi xuất."))
        doc.apply(paragraphs.set_block_text(doc, 7, "Lao động nước ngoài: chuyên viên cũng sửa đoạn này."))
        merge = changes_from_edited(read_edited(edited_path), doc.workbook, doc.report)
    finally:
        doc.close()
    by_block = {c.block: c for c in merge.changes if c.kind != ChangeKind.FIGURE}
    assert 6 not in by_block
    assert by_block[7].conflict and by_block[7].text == CHANGED
    assert not by_block[13].conflict and not by_block[16].conflict


def test_a_table_edited_in_word_is_said_and_not_offered_as_a_change_that_would_do_nothing(tmp_path):
    from baocao_gui.domain.tables import Table

    book = write_sample(tmp_path / "so.baocao")
    doc = Document(book)
    try:
        table = Table(header=(("Chỉ tiêu", "Số lượng"),), rows=(("Phiên giao dịch việc làm", "14"),))
        doc.apply(paragraphs.insert_blocks(doc, "results", "lao_dong", 0, [("table", table.to_json())]))
        write_report(doc.workbook, doc.report, tmp_path / "bao-cao.docx")
        document = docx.Document(tmp_path / "bao-cao.docx")
        cell = next(t for t in document.tables if t.cell(0, 0).text == "Chỉ tiêu").cell(1, 1)
        cell.paragraphs[0].runs[0].text = "15"
        document.save(tmp_path / "da-sua.docx")
        merge = changes_from_edited(read_edited(tmp_path / "da-sua.docx"), doc.workbook, doc.report)
    finally:
        doc.close()
    assert merge.changes == ()
    assert any("Bảng “Chỉ tiêu | Số lượng" in note and "không được nhận lại" in note for note in merge.notes)


def paragraphs_and_figures(book):
    doc = Document(book, readonly=True)
    try:
        return doc.report.blocks, doc.report.values
    finally:
        doc.close()


def test_a_merge_that_would_delete_most_of_the_report_is_refused_with_its_counts_unless_forced(exported, tmp_path):
    from office_files import unrelated_file

    from baocao_gui.store.backup import list_backups

    book, _, _ = exported
    wrong = unrelated_file(tmp_path / "bien-ban-hop.docx")  # picked by mistake
    before = paragraphs_and_figures(book)
    report_paragraphs = sum(len(b) for b in before[0].values())
    refused = run_cli("merge", str(book), str(wrong), "--by-text", "--apply")
    assert refused.returncode == 2, refused.stdout
    sentence = refused.stderr.strip().splitlines()[-1]
    assert f"trong {report_paragraphs} đoạn" in sentence and "--force" in sentence and "Chưa ghi gì" in sentence
    assert paragraphs_and_figures(book) == before  # nothing written

    shown = run_cli("merge", str(book), str(wrong), "--by-text")  # only listed: said, not refused
    assert shown.returncode == 0 and f"trong {report_paragraphs} đoạn" in shown.stderr

    forced = run_cli("merge", str(book), str(wrong), "--by-text", "--apply", "--force")
    assert forced.returncode == 0, forced.stderr
    assert paragraphs_and_figures(book) != before
    [backup] = [b for b in list_backups(book) if b.reason == "nhan-word"]  # taken before it wrote
    assert paragraphs_and_figures(backup.path) == before


def test_every_applied_merge_is_backed_up_first(exported):
    from baocao_gui.store.backup import list_backups

    book, _, edited_path = exported
    before = paragraphs_and_figures(book)
    applied = run_cli("merge", str(book), str(edited_path), "--apply")
    assert applied.returncode == 0, applied.stderr
    [backup] = [b for b in list_backups(book) if b.reason == "nhan-word"]
    assert paragraphs_and_figures(backup.path) == before
    assert "trước khi nhận tệp Word" in backup.label


def test_the_bounds_of_a_sweeping_merge_are_more_than_half_deleted_or_under_a_fifth_of_the_file_matched():
    from baocao_gui.app.edited import FEW_MATCHED, MOST_DELETED, ExportChange, Merge, sweeping

    assert (MOST_DELETED, FEW_MATCHED) == (0.5, 0.2)

    def merge(deleted, compared, matched, read):
        return Merge((ExportChange(ChangeKind.DELETED),) * deleted, (), compared, matched, read)

    assert sweeping(merge(5, 10, 5, 6), "a.docx", "năm 2023") is None  # half deleted: an editor's hand
    assert "xóa 6 trong 10 đoạn" in sweeping(merge(6, 10, 4, 5), "a.docx", "năm 2023")
    assert sweeping(merge(0, 10, 10, 50), "a.docx", "năm 2023") is None  # a fifth of the file is the report
    assert "chỉ 9 trong 50 đoạn" in sweeping(merge(1, 10, 9, 50), "a.docx", "năm 2023")
    assert sweeping(merge(0, 0, 0, 12), "a.docx", "năm 2023") is None  # an empty report: nothing to lose or find
