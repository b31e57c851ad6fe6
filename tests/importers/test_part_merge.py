"""Parts for the offices: ``baocao-gui part`` writes one sector of one report as a small workbook the office opens
in the program; taking it back is a three-way merge (what was sent, what the workbook holds, what came back).
A change on one side lands; the same change on both sides is no change; a paragraph or figure changed on both
sides differently is a conflict and is never taken without the clerk's choice. Texts and figures invented."""

from __future__ import annotations

import pytest
from helpers import run_cli

from baocao_gui.app import Document
from baocao_gui.app.edits import figures, paragraphs, reports
from baocao_gui.app.parts import merge_edit, plan_merge, read_part, send_part
from baocao_gui.domain.model import Block, BlockKind, Part
from baocao_gui.errors import UserError
from baocao_gui.importers.merge import Action, merge_blocks, merge_figures
from baocao_gui.store import load_workbook, open_workbook


def p(i, text, kind=BlockKind.PARAGRAPH):
    return Block(kind, text, i)


def test_one_sided_changes_are_plain_and_changes_on_both_sides_are_conflicts():
    base = [p(1, "một"), p(2, "hai"), p(3, "ba"), p(4, "bốn")]
    ours = [p(1, "một"), p(2, "hai (sổ)"), p(3, "ba (cả hai)"), p(4, "bốn (sổ)")]
    theirs = [p(1, "một (phòng)"), p(2, "hai (phòng)"), p(3, "ba (cả hai)"), p(9, "chín (mới)")]
    changes = {(c.base or c.theirs).id: c for c in merge_blocks(Part.RESULTS, base, ours, theirs)}
    assert changes[1].action == Action.CHANGED and not changes[1].conflict
    assert changes[2].action == Action.CHANGED and changes[2].conflict
    assert 3 not in changes  # the same change on both sides
    assert changes[4].action == Action.DELETED and changes[4].conflict  # deleted there, changed here
    assert changes[9].action == Action.ADDED and changes[9].after == (3, 2, 1)


def test_a_paragraph_changed_there_but_deleted_here_comes_back_only_by_choice():
    (change,) = merge_blocks(Part.TASKS, [p(1, "a"), p(2, "b")], [p(1, "a")], [p(1, "a"), p(2, "b (phòng)")])
    assert change.action == Action.ADDED and change.conflict and change.base.text == "b"


def test_figures_merge_three_ways_and_a_range_is_one_figure():
    base = {"x": {"actual": 10, "plan": [1, 2]}, "y": {"actual": 5}}
    ours = {"x": {"actual": 11, "plan": [1, 2]}, "y": {"actual": 5}}
    theirs = {"x": {"actual": 12, "plan": [1, 3]}, "y": {"actual": 5}}
    changes = {(c.code, c.field): c for c in merge_figures(base, ours, theirs)}
    assert changes[("x", "actual")].conflict and changes[("x", "actual")].ours == 11
    assert not changes[("x", "plan")].conflict and changes[("x", "plan")].theirs == [1, 3]
    assert ("y", "actual") not in changes


def stored(path):
    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db)
    finally:
        db.close()


def test_the_part_command_writes_one_sector_with_its_definitions_period_and_agency(sample_workbook, tmp_path):
    out = tmp_path / "Phần lao động.baocao"
    result = run_cli("part", str(sample_workbook), "--sector", "lao_dong", "--year", "2023", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Đã ghi phần" in result.stdout
    main, part = stored(sample_workbook), stored(out)
    assert [s.code for s in part.sectors] == ["lao_dong"]
    assert part.indicators == tuple(i for i in main.indicators if i.sector == "lao_dong")
    (report,) = part.reports
    source = main.report_for(2023)
    assert report.period == source.period and report.agency == source.agency
    assert report.part(Part.RESULTS, "lao_dong") == source.part(Part.RESULTS, "lao_dong")
    assert report.values["viec_lam"] == source.values["viec_lam"]
    origin, *_ = read_part(out)
    assert origin.sector == "lao_dong" and origin.report == source.id


def test_the_part_command_refuses_an_unknown_sector_and_an_existing_file(sample_workbook, tmp_path):
    result = run_cli("part", str(sample_workbook), "--sector", "khong_co", "-o", str(tmp_path / "x.baocao"))
    assert result.returncode == 2 and "khong_co" in result.stderr
    assert not (tmp_path / "x.baocao").exists()
    (tmp_path / "y.baocao").write_bytes(b"")
    result = run_cli("part", str(sample_workbook), "--sector", "lao_dong", "-o", str(tmp_path / "y.baocao"))
    assert result.returncode == 2 and (tmp_path / "y.baocao").read_bytes() == b""


def test_a_part_of_another_workbook_or_report_is_refused_in_one_sentence(sample_workbook, tmp_path):
    # another workbook made the same way (a byte copy of a file is the same workbook: it keeps its identity)
    from baocao_gui.app import write_sample

    other = write_sample(tmp_path / "other.baocao")
    doc, elsewhere = Document(sample_workbook), Document(other)
    try:
        part = send_part(elsewhere, "lao_dong", tmp_path / "phan.baocao")
        with pytest.raises(UserError, match="sổ báo cáo khác"):
            plan_merge(doc, "lao_dong", *read_part(part))
        mine = send_part(doc, "lao_dong", tmp_path / "cua-so.baocao")
        returned = read_part(mine)
        doc.apply(reports.create_next_report(doc))
        with pytest.raises(UserError, match="hãy chọn báo cáo đó"):
            plan_merge(doc, "lao_dong", *returned)
    finally:
        doc.close()
        elsewhere.close()


def test_accepted_changes_are_one_edit_whose_undo_and_redo_are_exact(sample_workbook, tmp_path):
    doc = Document(sample_workbook)
    try:
        part = send_part(doc, "lao_dong", tmp_path / "phan.baocao")
        office = Document(part)
        blocks = office.report.part(Part.RESULTS, "lao_dong")
        office.apply(paragraphs.delete_block(office, blocks[0].id))
        office.apply(paragraphs.insert_block(office, "results", "lao_dong", 3, "bullet", "Mục mới ở cuối."))
        office.apply(paragraphs.set_block_kind(office, blocks[1].id, "heading"))
        office.apply(figures.set_value(office, "viec_lam", "plan", (18000, 19000)))
        office.close()
        before = doc.report
        plan = plan_merge(doc, "lao_dong", *read_part(part))
        assert plan.conflicts == 0 and len(plan.blocks) == 3 and len(plan.figures) == 1
        edit = merge_edit(doc, "lao_dong", [*plan.blocks, *plan.figures], "Nhận phần")
        doc.apply(edit)
        after = doc.report
        texts = [(b.kind, b.text) for b in after.part(Part.RESULTS, "lao_dong")]
        assert texts[0] == (BlockKind.HEADING, blocks[1].text)
        assert (BlockKind.BULLET, "Mục mới ở cuối.") in texts and blocks[0].text not in [t for _, t in texts]
        assert (after.values["viec_lam"].plan, after.values["viec_lam"].plan_high) == (18000, 19000)
        doc.run(edit.undo, edit.change)
        assert doc.report.blocks == before.blocks and doc.report.values == before.values
        doc.run(edit.do, edit.change)
        assert doc.report.blocks == after.blocks and doc.report.values == after.values
    finally:
        doc.close()


def spoil_cells(part_path):
    """What a hand-edited or damaged part holds: a figure beyond what a workbook keeps, text in a figure's cell,
    a paragraph filed under a part the program does not know — as any SQLite tool can write them."""
    import sqlite3

    con = sqlite3.connect(part_path)
    with con:
        ids = dict(con.execute("SELECT code, id FROM indicator"))
        con.execute("UPDATE value SET actual = 1e16 WHERE indicator_id = ?", [ids["viec_lam"]])
        con.execute("UPDATE value SET plan = 'nhiều lắm' WHERE indicator_id = ?", [ids["xuat_khau_lao_dong"]])
        first = con.execute("SELECT id FROM block WHERE part = 'results' ORDER BY position LIMIT 1").fetchone()[0]
        con.execute("UPDATE block SET part = 'khong_co' WHERE id = ?", [first])
    con.close()
    return first


def test_an_unreadable_cell_in_a_part_is_named_and_never_offered_as_clearing_the_figure(sample_workbook, tmp_path):
    doc = Document(sample_workbook)
    try:
        part = send_part(doc, "lao_dong", tmp_path / "phan.baocao")
        office = Document(part)
        office.apply(figures.set_value(office, "viec_lam", "last", 17500))  # a real change by the office
        office.close()
        spoilt_block = spoil_cells(part)
        before = doc.report
        spoilt_text = next(b.text for b in before.part(Part.RESULTS, "lao_dong") if b.id == spoilt_block)
        plan = plan_merge(doc, "lao_dong", *read_part(part))
        offered = {(f.code, f.field): f.theirs for f in plan.figures}
        assert offered == {("viec_lam", "last"): 17500}  # the readable change, and nothing "cleared"
        assert not any((c.base or c.theirs).id == spoilt_block for c in plan.blocks)  # not "deleted by the office"
        notes = " ".join(plan.notes)
        assert "Số lao động được tạo việc làm" in notes and "thực hiện" in notes and "1e+16" in notes
        assert "kế hoạch" in notes and "nhiều lắm" in notes
        assert f"“{spoilt_text[:40]}" in notes and "khong_co" in notes and "giữ nguyên đoạn trong sổ" in notes
        doc.apply(merge_edit(doc, "lao_dong", [*plan.blocks, *plan.figures], "Nhận phần"))
        after = doc.report
        assert after.values["viec_lam"].actual == before.values["viec_lam"].actual is not None
        assert after.values["xuat_khau_lao_dong"].plan == before.values["xuat_khau_lao_dong"].plan is not None
        assert after.values["viec_lam"].last == 17500
        assert after.part(Part.RESULTS, "lao_dong") == before.part(Part.RESULTS, "lao_dong")
    finally:
        doc.close()
