"""In the window: the report's annex chosen in its tab, "Xuất PDF…" off the window's thread with progress and
Hủy, and after an export "Mở tệp", "Mở thư mục", "Gửi đi…"."""

import subprocess

import docx
import pytest
from gui_helpers import menu_action
from helpers import assert_valid_ooxml
from helpers import stored_report as stored
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QToolBar

from baocao_gui.domain.model import AnnexChoice
from baocao_gui.render import pdf as pdf_module
from baocao_gui.ui.flows import exporting as workflows_module


@pytest.fixture(autouse=True)
def past_the_gate(monkeypatch):
    """The sample has findings: the clerk passes the gate (tested in test_findings.py)."""
    from baocao_gui.ui.dialogs.export_gate import ExportGate

    monkeypatch.setattr(ExportGate, "ask", staticmethod(lambda parent, findings: True))


@pytest.fixture
def after_export(monkeypatch):
    """The box shown after an export: records its buttons and answers ``answer`` (None: closed)."""
    seen = {"answer": None, "boxes": []}

    def choose(parent, icon, title, text, buttons, default=0, escape=None):
        seen["boxes"].append((title, text, [label for label, _ in buttons]))
        return seen["answer"]

    monkeypatch.setattr(workflows_module, "choose", choose)
    return seen


def annex_tab(window):
    window.select_tab("tab-annex")
    return window.tabs.annex


def test_the_annex_is_chosen_in_its_tab_saved_at_once_undone_previewed_and_exported(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, after_export):
    window = open_window(sample_workbook)
    tab = annex_tab(window)
    assert not tab.on.isChecked() and not tab.choices.isEnabled()  # off by default
    qtbot.mouseClick(tab.on, Qt.MouseButton.LeftButton, pos=tab.on.rect().topLeft() + tab.on.rect().center() / 4)
    qtbot.waitUntil(lambda: stored(sample_workbook).annex == AnnexChoice())
    assert tab.choices.isEnabled()
    qtbot.waitUntil(lambda: "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023" in window.preview.toPlainText(),
                    timeout=5000)

    inspection = next(tab.sectors.item(i) for i in range(tab.sectors.count())
                      if tab.sectors.item(i).data(Qt.ItemDataRole.UserRole) == "thanh_tra")
    inspection.setCheckState(Qt.CheckState.Unchecked)  # what a click on its box does
    target_column = next(tab.columns.item(i) for i in range(tab.columns.count())
                         if tab.columns.item(i).data(Qt.ItemDataRole.UserRole) == "target")
    target_column.setCheckState(Qt.CheckState.Unchecked)
    chosen = stored(sample_workbook).annex
    assert "thanh_tra" not in chosen.sectors and len(chosen.sectors) == 5
    assert chosen.columns == ("unit", "plan", "actual", "pct_plan", "last", "pct_last")

    window.undo_action.trigger()
    assert stored(sample_workbook).annex.columns[-1] == "target"
    assert target_column.checkState() == Qt.CheckState.Checked  # the tab shows the undone choice

    target = tmp_path / "kèm phụ lục.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Tệp Word (*.docx)"))
    window.export_action.trigger()
    assert_valid_ooxml(target)
    document = docx.Document(str(target))
    assert len(document.sections) == 2
    annex = document.tables[-1]
    names = [row.cells[1].text for row in annex.rows]
    assert "Công tác Lao động – Việc làm và Giáo dục nghề nghiệp" in names
    assert not any(n.startswith("Công tác Thanh tra") for n in names)


def test_an_annex_needs_a_column_and_the_last_one_cannot_be_unticked(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    tab = annex_tab(window)
    tab.on.setChecked(True)
    qtbot.waitUntil(lambda: stored(sample_workbook).annex is not None)
    items = [tab.columns.item(i) for i in range(tab.columns.count())]
    for item in items[1:]:
        item.setCheckState(Qt.CheckState.Unchecked)
    assert stored(sample_workbook).annex.columns == ("unit",)
    items[0].setCheckState(Qt.CheckState.Unchecked)
    assert "ít nhất một cột" in tab.message.text()
    assert stored(sample_workbook).annex.columns == ("unit",)
    qtbot.waitUntil(lambda: items[0].checkState() == Qt.CheckState.Checked)


def _soffice_or_skip():
    if pdf_module.find_soffice() is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("soffice is missing: .ci/run must install it")
        pytest.skip("LibreOffice not installed")


@pytest.mark.libreoffice
def test_export_pdf_runs_beside_a_responsive_window_and_offers_open_folder_and_send(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, after_export):
    _soffice_or_skip()
    window = open_window(sample_workbook)
    target = tmp_path / "Báo cáo năm 2023.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Tệp PDF (*.pdf)"))
    sent = []
    monkeypatch.setattr(workflows_module, "mail_with_attachment", lambda path: sent.append(path) or True)
    after_export["answer"] = 2  # Gửi đi…
    ticks = []
    clock = QTimer(interval=20)
    clock.timeout.connect(lambda: ticks.append(1))
    clock.start()
    window.pdf_action.trigger()  # returns at once: the work is on another thread
    job = window.flows.pdf_job
    assert job is not None and job.dialog.isVisible()
    assert job.dialog.windowTitle() == "Xuất tệp PDF"
    qtbot.waitUntil(lambda: job.result is not None, timeout=120_000)
    clock.stop()
    assert not isinstance(job.result, BaseException), job.result
    assert len(ticks) >= 10  # the window's event loop kept running while Word/LibreOffice worked
    assert target.exists() and target.with_suffix(".docx").exists()
    assert_valid_ooxml(target.with_suffix(".docx"))
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "Pages:" in info
    _title, text, buttons = after_export["boxes"][-1]
    assert buttons == ["Mở &tệp", "Mở &thư mục", "&Gửi đi…", "Đóng"]
    assert "“Báo cáo năm 2023.pdf” và tệp Word “Báo cáo năm 2023.docx” bên cạnh" in text
    assert sent == [target]
    assert "đính kèm" in window.statusBar().currentMessage()
    assert not job.dialog.isVisible()


@pytest.mark.libreoffice
def test_cancelling_a_pdf_export_keeps_the_docx_and_writes_no_pdf(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, after_export):
    _soffice_or_skip()
    window = open_window(sample_workbook)
    target = tmp_path / "huỷ.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.pdf_action.trigger()
    job = window.flows.pdf_job
    qtbot.waitUntil(lambda: "LibreOffice" in job.dialog.labelText(), timeout=30_000)
    cancel = next(b for b in job.dialog.findChildren(QPushButton) if b.text() == "&Hủy")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: job.result is not None, timeout=30_000)
    assert isinstance(job.result, pdf_module.Cancelled)
    assert not target.exists() and target.with_suffix(".docx").exists()
    assert "Đã hủy" in window.statusBar().currentMessage()
    assert after_export["boxes"] == []


def test_without_a_converter_the_window_says_what_to_install_and_the_docx_is_written(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, after_export):
    window = open_window(sample_workbook)
    target = tmp_path / "không chuyển được.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(pdf_module, "converter_name", lambda: None)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    window.pdf_action.trigger()
    qtbot.waitUntil(lambda: window.flows.pdf_job.result is not None, timeout=30_000)
    qtbot.waitUntil(lambda: bool(said))
    assert "cài LibreOffice" in said[0] and "“không chuyển được.docx”" in said[0]
    assert target.with_suffix(".docx").exists() and not target.exists()


def test_send_opens_the_folder_with_the_file_when_there_is_no_mail_program(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    window = open_window(sample_workbook)
    target = tmp_path / "gửi.docx"
    target.write_bytes(b"x")
    shown, opened = [], []
    monkeypatch.setattr(workflows_module, "mail_with_attachment", lambda path: False)
    monkeypatch.setattr(workflows_module, "show_in_folder", lambda path: shown.append(path) or False)
    monkeypatch.setattr(workflows_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    assert window.flows.send(target) == "folder"
    assert shown == [target] and opened == [str(tmp_path)]
    assert "đã mở thư mục" in window.statusBar().currentMessage()


@pytest.mark.libreoffice
def test_the_pdf_export_dialogs_and_the_annex_tab_can_be_pictured(qtbot, open_window, sample_workbook, tmp_path,
                                                                   monkeypatch):
    """Pictures for docs/ (BAOCAO_SCREENSHOTS=docs/screenshots): the annex tab, the progress box of "Xuất PDF…"
    and the box after the export with its four buttons."""
    import os
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    _soffice_or_skip()
    out = Path(os.environ.get("BAOCAO_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    window = open_window(sample_workbook)
    window.resize(1500, 900)
    tab = annex_tab(window)
    tab.on.setChecked(True)
    qtbot.waitUntil(lambda: "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU" in window.preview.toPlainText(), timeout=5000)
    window.preview.scrollToAnchor("annex")
    qtbot.wait(100)
    assert window.grab().save(str(out / "annex-tab.png"))

    target = tmp_path / "Báo cáo tóm tắt năm 2023.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    pictured = []

    def picture_and_close(box):
        box.show()
        QApplication.processEvents()
        pictured.append(box.grab().save(str(out / "export-done-box.png")))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", picture_and_close)
    window.pdf_action.trigger()
    job = window.flows.pdf_job
    qtbot.waitUntil(lambda: "LibreOffice" in job.dialog.labelText() or job.result is not None, timeout=30_000)
    if job.result is None:
        assert job.dialog.grab().save(str(out / "export-pdf-progress.png"))
    qtbot.waitUntil(lambda: job.result is not None, timeout=120_000)
    qtbot.waitUntil(lambda: bool(pictured), timeout=5000)
    assert pictured == [True]


def test_signature_and_seal_pictures_are_chosen_in_the_tab_and_a_wrong_file_changes_nothing(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch):
    from helpers import png, seal_png, signature_png

    window = open_window(sample_workbook)
    tab = annex_tab(window)
    good, opaque = tmp_path / "chữ ký.png", tmp_path / "quét.png"
    good.write_bytes(signature_png())
    opaque.write_bytes(png(20, 20, lambda x, y: (0, 0, 255, 255), alpha=False))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(opaque), ""))
    qtbot.mouseClick(tab.findChild(QPushButton, "choose-signature"), Qt.MouseButton.LeftButton)
    assert "nền trong suốt" in tab.picture_message.text() and "chưa được lưu" in tab.picture_message.text()
    assert stored(sample_workbook).images.signature is None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    qtbot.mouseClick(tab.findChild(QPushButton, "choose-signature"), Qt.MouseButton.LeftButton)
    assert stored(sample_workbook).images.signature == signature_png()
    assert not tab.previews["signature"].pixmap().isNull()
    seal = tmp_path / "dấu.png"
    seal.write_bytes(seal_png())
    assert tab.set_picture("seal", seal)
    assert not stored(sample_workbook).images.printed  # not printed until asked
    tab.printed.setChecked(True)
    assert stored(sample_workbook).images.printed
    qtbot.waitUntil(lambda: "[ảnh chữ ký và con dấu được in ở đây" in window.preview.toPlainText(), timeout=5000)
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from baocao_gui.render.html import PICTURE_URLS

    for url in PICTURE_URLS.values():  # the preview shows the pictures themselves
        shown = window.preview.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
        assert shown is not None and not shown.isNull()
    window.undo_action.trigger()
    assert not stored(sample_workbook).images.printed and not tab.printed.isChecked()
    qtbot.mouseClick(tab.findChild(QPushButton, "remove-seal"), Qt.MouseButton.LeftButton)
    assert stored(sample_workbook).images.seal is None and stored(sample_workbook).images.signature is not None


@pytest.mark.libreoffice
def test_closing_the_window_during_a_conversion_stops_it(qtbot, open_window, sample_workbook, tmp_path, monkeypatch,
                                                        after_export):
    _soffice_or_skip()
    window = open_window(sample_workbook)
    target = tmp_path / "đóng.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.pdf_action.trigger()
    job = window.flows.pdf_job
    qtbot.waitUntil(lambda: "LibreOffice" in job.dialog.labelText(), timeout=30_000)
    window.close()
    qtbot.waitUntil(lambda: not job.worker.busy(), timeout=30_000)  # the worker gave up, the window heard it
    assert job.cancel.is_set()
    assert not target.exists() and target.with_suffix(".docx").exists()


def test_a_large_workbooks_word_export_with_its_annex_runs_beside_the_window(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, after_export):
    window = open_window(sample_workbook)
    annex_tab(window).on.setChecked(True)
    monkeypatch.setattr(workflows_module, "LONG_ANNEX_INDICATORS", 10)  # the sample stands for a large workbook
    target = tmp_path / "lớn.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    job = window.flows.pdf_job
    assert job is not None and job.dialog.windowTitle() == "Xuất tệp Word"
    qtbot.waitUntil(lambda: job.result is not None, timeout=60_000)
    assert not isinstance(job.result, BaseException), job.result
    assert_valid_ooxml(target)
    assert "Phụ lục" in [p.text for p in docx.Document(str(target)).paragraphs]
    assert after_export["boxes"][-1][2] == ["Mở &tệp", "Mở &thư mục", "&Gửi đi…", "Đóng"]


def test_the_tab_says_when_the_chosen_annex_has_no_figure_to_print(qtbot, open_window, sample_workbook):
    window = open_window(sample_workbook)
    tab = annex_tab(window)
    tab.on.setChecked(True)
    qtbot.waitUntil(lambda: stored(sample_workbook).annex is not None)
    assert tab.message.text() == ""
    for i in range(tab.sectors.count()):  # only the staff sector, which has no target for next year
        item = tab.sectors.item(i)
        if item.data(Qt.ItemDataRole.UserRole) != "tham_muu":
            item.setCheckState(Qt.CheckState.Unchecked)
    for i in range(tab.columns.count()):
        item = tab.columns.item(i)
        if item.data(Qt.ItemDataRole.UserRole) != "target":
            item.setCheckState(Qt.CheckState.Unchecked)
    assert stored(sample_workbook).annex == AnnexChoice(("tham_muu",), ("target",))
    assert "chưa có số liệu nào" in tab.message.text()


def test_the_file_menu_offers_one_export_per_format_the_application_writes(
        qtbot, open_window, sample_workbook, tmp_path, monkeypatch, after_export):
    """A format added to app.export.WRITERS (the figures going up: .xlsx, .csv, DHIS2) is a menu item and a toolbar
    button of its own, with the same checks, save dialog and after-export box as Word's."""
    from baocao_gui.app import export
    from baocao_gui.app.writers import Writer, write_whole
    from baocao_gui.ui.dialogs.export_gate import ExportGate

    def write(data, target, cancel, progress):
        return write_whole(target, data.figures.figure("viec_lam", "actual"))

    monkeypatch.setitem(export.WRITERS, ".tsv", Writer(".tsv", "Tệp số liệu", "Xuất tệp &số liệu…", write))
    monkeypatch.setattr(ExportGate, "ask", staticmethod(lambda parent, findings: True))
    window = open_window(sample_workbook)
    target = tmp_path / "số liệu.tsv"
    filters = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, filt: filters.append(filt) or (str(target), filt))
    menu_action(window, "Tệp", "Xuất tệp số liệu…").trigger()
    assert target.read_text(encoding="utf-8") == "18.498"
    assert filters == ["Tệp số liệu (*.tsv)"]
    assert after_export["boxes"][-1][0] == "Đã xuất báo cáo"
    toolbar = window.findChild(QToolBar, "toolbar")
    assert [a.text().replace("&", "") for a in toolbar.actions() if "Xuất" in a.text()] == \
        ["Xuất tệp Word…", "Xuất PDF…", "Xuất tệp số liệu…", "Xuất số liệu…"]  # the figures writers: one item
