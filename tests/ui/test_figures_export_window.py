"""In the window (issue 23): Tệp › “Xuất số liệu…” offers every figures writer of the export path as a file type of
one save box, with the checks before signing as for Word; the DHIS2 codes are set in an indicator's properties and
in Tệp › “Thiết lập DHIS2…”, each one undo step. Invented figures (tests/figures_data.py)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from figures_data import DATA_SET, ORG_UNIT, invented
from gui_helpers import menu_action, row_of
from PySide6.QtWidgets import QDialog, QFileDialog, QToolBar

from baocao_gui.app.textfile import load_text_workbook
from baocao_gui.ui.dialogs.dhis2_dialog import Dhis2Dialog
from baocao_gui.ui.dialogs.export_gate import ExportGate
from baocao_gui.ui.dialogs.indicator_dialog import IndicatorDialog
from baocao_gui.ui.editors.indicator_table import FIELD_COLUMN
from baocao_gui.ui.flows import exporting as workflows_module


@pytest.fixture
def health(tmp_path):
    source = tmp_path / "so-y-te.toml"
    source.write_text(invented(), encoding="utf-8")
    return load_text_workbook(source, tmp_path / "Sở Y tế.baocao")


@pytest.fixture
def boxes(monkeypatch):
    """The box after an export (closed), and the export gate (passed unless told), both recorded."""
    seen = {"after": [], "gate": [], "pass": True}

    def choose(parent, icon, title, text, buttons, default=0, escape=None):
        seen["after"].append((title, text))

    def ask(parent, findings):
        seen["gate"].append(findings)
        return seen["pass"]

    monkeypatch.setattr(workflows_module, "choose", choose)
    monkeypatch.setattr(ExportGate, "ask", staticmethod(ask))
    return seen


def save_box(monkeypatch, path, picked):
    """The save box answered: the name typed and the file type picked; what it offered is recorded."""
    offered = []

    def answer(parent, title, start, filters, selected=""):
        offered.append((title, start, filters.split(";;"), selected))
        return str(path), picked

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


def test_export_figures_offers_every_figures_writer_and_writes_the_one_picked_after_the_checks(
        qtbot, open_window, health, tmp_path, monkeypatch, boxes):
    window = open_window(health)
    target = tmp_path / "số liệu y tế.xlsx"
    offered = save_box(monkeypatch, target, "Tệp Excel (*.xlsx)")
    menu_action(window, "Tệp", "Xuất số liệu…").trigger()
    assert offered[0][2] == ["Tệp Excel (*.xlsx)", "Tệp CSV (*.csv)", "Tệp DHIS2 (JSON) (*.json)",
                             "Tệp DHIS2 (CSV) (*.csv)"]
    assert any(f.kind == "dhis2-mapping" for f in boxes["gate"][0])  # the checks, as for Word
    sheet = openpyxl.load_workbook(target)["Số liệu"]
    assert 18498 in [c.value for row in sheet.iter_rows(min_row=7) for c in row]
    assert boxes["after"][-1][0] == "Đã xuất báo cáo" and target.name in boxes["after"][-1][1]

    dhis2 = tmp_path / "gửi DHIS2.csv"  # DHIS2's CSV picked: a .csv name is enough
    offered = save_box(monkeypatch, dhis2, "Tệp DHIS2 (CSV) (*.csv)")
    menu_action(window, "Tệp", "Xuất số liệu…").trigger()
    assert offered[0][3] == "Tệp Excel (*.xlsx)"  # the type picked last comes first next time
    rows = list(csv.reader(io.StringIO(dhis2.read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["dataelement", "period", "orgunit", "catoptcombo"] and rows[1][2] == ORG_UNIT

    offered = save_box(monkeypatch, tmp_path / "lần ba.json", "Tệp DHIS2 (JSON) (*.json)")
    menu_action(window, "Tệp", "Xuất số liệu…").trigger()
    assert offered[0][3] == "Tệp DHIS2 (CSV) (*.csv)"  # remembered
    assert DATA_SET in (tmp_path / "lần ba.json").read_text(encoding="utf-8")

    toolbar = window.findChild(QToolBar, "toolbar")
    assert [a.text().replace("&", "") for a in toolbar.actions() if "Xuất" in a.text()] == \
        ["Xuất tệp Word…", "Xuất PDF…", "Xuất số liệu…"]


def test_figures_not_confirmed_at_the_gate_are_not_written(qtbot, open_window, health, tmp_path, monkeypatch, boxes):
    window = open_window(health)
    boxes["pass"] = False
    offered = save_box(monkeypatch, tmp_path / "x.xlsx", "Tệp Excel (*.xlsx)")
    menu_action(window, "Tệp", "Xuất số liệu…").trigger()
    assert boxes["gate"] and not offered and not (tmp_path / "x.xlsx").exists()


def test_a_nine_month_report_to_dhis2_is_one_sentence_and_nothing_written(qtbot, open_window, tmp_path, monkeypatch,
                                                                          boxes):
    from PySide6.QtWidgets import QMessageBox

    source = tmp_path / "9thang.toml"
    source.write_text(invented(period="9m"), encoding="utf-8")
    window = open_window(load_text_workbook(source, tmp_path / "so.baocao"))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append((title, text)))
    save_box(monkeypatch, tmp_path / "x.json", "Tệp DHIS2 (JSON) (*.json)")
    menu_action(window, "Tệp", "Xuất số liệu…").trigger()
    assert said and "không có kỳ tương ứng trong DHIS2" in said[0][1] and not (tmp_path / "x.json").exists()


def test_dhis2_codes_are_typed_in_the_indicators_properties_and_undone_in_one_step(
        qtbot, open_window, health, monkeypatch):
    window = open_window(health)
    window.select_tab("tab-duoc")
    tab = window.sector_tab("duoc")

    def fill_in(dialog):
        dialog.show()
        dialog.dhis2_fields["actual"].setText("ab-cd")  # not a DHIS2 code: the box stays open and says why
        dialog.accept()
        assert dialog.isVisible() and "không đúng dạng" in dialog.dhis2_error.text()
        dialog.dhis2_fields["actual"].setText("cSoDuoc0001")
        dialog.dhis2_fields["coc"].setText("bRowv6yZOF2")
        dialog.accept()
        return QDialog.DialogCode.Accepted if dialog.result() == QDialog.DialogCode.Accepted else dialog.result()

    monkeypatch.setattr(IndicatorDialog, "exec", fill_in)
    tab.table.setCurrentCell(row_of(tab.table, "co_so_duoc"), FIELD_COLUMN["actual"])
    tab.edit_properties()
    assert window.session.workbook.indicator("co_so_duoc").dhis2 == (("actual", "cSoDuoc0001"),
                                                                      ("coc", "bRowv6yZOF2"))
    window.session.undo_stack.undo()
    assert window.session.workbook.indicator("co_so_duoc").dhis2 == ()


def test_the_data_set_and_org_unit_are_set_in_dhis2_settings(qtbot, open_window, health, monkeypatch):
    window = open_window(health)

    def fill_in(dialog):
        dialog.show()
        assert dialog.chosen() == (DATA_SET, ORG_UNIT)  # what the catalogue set
        dialog.org_unit.setText("ou-sai")
        dialog.accept()
        assert dialog.isVisible() and "không đúng dạng" in dialog.error.text()
        dialog.org_unit.setText("ouDaLat0001")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(Dhis2Dialog, "exec", fill_in)
    menu_action(window, "Tệp", "Thiết lập DHIS2…").trigger()
    assert window.session.workbook.dhis2.org_unit == "ouDaLat0001"
    window.session.undo_stack.undo()
    assert window.session.workbook.dhis2.org_unit == ORG_UNIT


def test_a_large_workbook_s_figures_are_written_off_the_window_s_thread_with_the_progress_box(
        qtbot, open_window, health, tmp_path, monkeypatch, boxes):
    monkeypatch.setattr(workflows_module, "LONG_ANNEX_INDICATORS", 1)  # this small book counts as large
    window = open_window(health)
    target = tmp_path / "lớn.xlsx"
    save_box(monkeypatch, target, "Tệp Excel (*.xlsx)")
    menu_action(window, "Tệp", "Xuất số liệu…").trigger()
    job = window.flows.pdf_job
    assert job is not None and job.dialog.windowTitle() == "Xuất tệp Excel"
    qtbot.waitUntil(lambda: bool(boxes["after"]), timeout=60_000)
    assert boxes["after"][-1][0] == "Đã xuất báo cáo"
    assert openpyxl.load_workbook(target).sheetnames == ["Số liệu", "Mã chỉ tiêu"]
