"""The application layer without a window: open a workbook, make edits, undo them, start the next period."""

import pytest

from baocao_gui.app import Document, EditRefused
from baocao_gui.app.edits import figures, paragraphs, report_fields, reports
from baocao_gui.domain.model import Part, PeriodKind


@pytest.fixture
def doc(sample_workbook):
    document = Document(sample_workbook)
    yield document
    document.close()


def test_an_edit_commits_when_applied_and_its_undo_puts_the_old_value_back(doc, sample_workbook):
    edit = figures.set_value(doc, "viec_lam", "actual", 19000)
    doc.apply(edit)
    assert doc.report.values["viec_lam"].actual == 19000
    doc.run(edit.undo, edit.change)
    assert doc.report.values["viec_lam"].actual == 18498
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 19001))
    doc.close()
    reopened = Document(sample_workbook, readonly=True)  # committed: the file itself holds it
    assert reopened.report.values["viec_lam"].actual == 19001
    reopened.close()


def test_next_year_report_carries_targets_as_plans_and_actuals_as_last_year(doc):
    source = doc.report
    edit = reports.create_next_report(doc)
    doc.apply(edit)
    nxt = doc.report
    assert nxt.id == edit.created["id"] and nxt.period.kind == PeriodKind.YEAR and nxt.period.year == 2024
    assert edit.created["carried"]
    assert nxt.values["viec_lam"].plan == 18300  # 2023's target
    assert nxt.values["viec_lam"].last == 18498  # 2023's actual
    assert nxt.values["viec_lam"].actual is None
    assert nxt.summary.endswith("năm 2024 - Phương hướng nhiệm vụ năm 2025")
    assert nxt.number is None and nxt.date is None
    assert [b.text for b in nxt.part(Part.INTRO)] == [b.text for b in source.part(Part.INTRO)]
    assert nxt.recipients == source.recipients
    doc.run(edit.undo, edit.change)
    assert doc.report.id == source.id and len(doc.workbook.reports) == 1


def test_a_report_for_an_existing_period_is_refused_in_one_sentence(doc):
    doc.apply(reports.create_next_report(doc))
    doc.choose_report(next(r.id for r in doc.workbook.reports if r.period.year == 2023))
    with pytest.raises(EditRefused, match="đã có báo cáo năm 2024"):
        doc.apply(reports.create_next_report(doc))


def test_a_six_month_report_measures_itself_against_the_annual_plan_set_the_year_before_and_says_so(doc):
    edit = reports.create_next_report(doc, PeriodKind.SIX_MONTHS, 2024)
    doc.apply(edit)
    assert doc.report.period.label == "6 tháng đầu năm 2024"
    assert doc.report.values["viec_lam"].plan == 18300  # the 2024 target set by the 2023 annual report
    assert doc.report.values["viec_lam"].last is None  # the workbook has no 6-month report of 2023
    assert "chỉ tiêu năm 2024 trong báo cáo năm 2023" in edit.created["carried"].say()
    assert "cùng kỳ" not in edit.created["carried"].say()


def test_a_read_only_document_refuses_every_edit_and_changes_nothing(sample_workbook):
    doc = Document(sample_workbook, readonly=True)
    try:
        with pytest.raises(EditRefused, match="chỉ đọc"):
            doc.apply(figures.set_value(doc, "viec_lam", "actual", 1))
        assert doc.report.values["viec_lam"].actual == 18498
    finally:
        doc.close()


def test_a_refused_figure_is_one_sentence_and_nothing_changes(doc):
    with pytest.raises(EditRefused, match="quá lớn"):
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 1e16))
    assert doc.report.values["viec_lam"].actual == 18498


def test_every_name_the_application_loads_when_first_used_is_imported_where_the_packager_sees_it():
    """The Windows build finds modules by their import statements: a module only reached through
    importlib.import_module would be left out of the installer (it was, once: the window exited at start)."""
    import ast
    import inspect

    from baocao_gui import app

    tree = ast.parse(inspect.getsource(app))
    imported = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                imported[alias.name] = "." * node.level + (node.module or "")
    assert {name: imported.get(name) for name in app._WHERE} == app._WHERE
    assert all(getattr(app, name) is not None for name in app.__all__)


def test_a_workbook_of_another_department_and_period_is_edited_and_exported_whole(tmp_path):
    """Not the sample: a new workbook from the catalogue, another agency, a 9-month report of 2031, figures and
    a table invented here, through the same application layer the window and the command line use."""
    import docx

    from baocao_gui.app import export_report, new_workbook
    from baocao_gui.domain.tables import Table

    path = new_workbook(tmp_path / "Sở Nội vụ Lai Châu.baocao", "sldtbxh", 2031)
    doc = Document(path)
    try:
        for field, value in (("name", "Sở Nội vụ"), ("parent_name", "UBND tỉnh Lai Châu"), ("place", "Lai Châu"),
                             ("abbreviation", "SNV")):
            doc.apply(report_fields.set_agency_field(doc, field, value))
        doc.apply(reports.create_next_report(doc, PeriodKind.NINE_MONTHS, 2032))
        assert doc.report.period.label == "9 tháng năm 2032"
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 12_345.5))
        doc.apply(figures.set_value(doc, "viec_lam", "plan", 10_000))
        table = paragraphs.insert_block(doc, "results", "lao_dong", 0, "table",
                                 Table(header=(("Huyện", "Số người"),), rows=(("Tam Đường", "{{viec_lam}}"),)).to_json())
        doc.apply(table)
        exported = export_report(doc.workbook, doc.report, tmp_path / "9 tháng 2032.docx")
    finally:
        doc.close()
    document = docx.Document(str(exported.path))
    header = "\n".join(cell.text for cell in document.tables[0]._cells)
    assert "SỞ NỘI VỤ" in header and "/BC-SNV" in header and "Lai Châu, ngày" in header
    text = "\n".join(p.text for p in document.paragraphs)
    assert "9 tháng năm 2032" in text
    assert [[c.text for c in row.cells] for row in document.tables[-2].rows] == [["Huyện", "Số người"],
                                                                                 ["Tam Đường", "12.345,5"]]
