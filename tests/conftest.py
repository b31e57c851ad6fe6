"""Shared fixtures: every test gets its own fresh workbook; nothing touches the user's folders."""

from __future__ import annotations

import faulthandler
import os
import sys
from pathlib import Path

import pytest

# Headless Qt on a 1920×1080 virtual screen (the default offscreen screen is 800×800, smaller than the window),
# set before anything imports Qt.
_SCREEN = Path(__file__).resolve().parent / "data" / "offscreen-screen.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"


# A test that hangs (a deadlock between the window's thread and a worker, a converter that never returns) must
# fail the run within minutes with every thread's stack, never eat CI's time. faulthandler's watchdog is a C thread:
# it fires even when the hung thread holds the GIL (pytest-timeout's Python timer would wait for it forever).
HANG_SECONDS = float(os.environ.get("BAOCAO_TEST_HANG_SECONDS", "300"))


@pytest.fixture(autouse=True)
def _hang_guard():
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=sys.__stderr__)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """No test touches the user's settings, documents or logs."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BAOCAO_LOG_DIR", str(home / "log"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))  # Documents and the example workbook land here
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings

        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "config"))


@pytest.fixture
def sample_workbook(tmp_path) -> Path:
    """A fresh copy of the bundled Đắk Nông sample, written by the program's own code."""
    from baocao_gui.store import create_workbook
    from baocao_gui.store.seed import write_bundled_sample

    path = tmp_path / "Sở LĐTBXH Đắk Nông.baocao"
    db = create_workbook(path)
    write_bundled_sample(db)
    db.close()
    return path


def _export_sample(folder: Path, annex: bool) -> Path:
    from baocao_gui.compose import compose_outline
    from baocao_gui.render.word import write_docx
    from baocao_gui.store import create_workbook, load_workbook
    from baocao_gui.store.seed import write_bundled_sample

    db = create_workbook(folder / "mau.baocao")
    write_bundled_sample(db)
    workbook = load_workbook(db)
    db.close()
    name = "Báo cáo 2023 kèm phụ lục.docx" if annex else "Báo cáo 2023.docx"
    return write_docx(compose_outline(workbook, workbook.report_for(2023), annex=annex), folder / name)


@pytest.fixture(scope="session")
def exported_sample_with_annex(tmp_path_factory) -> Path:
    """The sample exported once per session with its figures annex."""
    return _export_sample(tmp_path_factory.mktemp("export-annex"), annex=True)


@pytest.fixture(scope="session")
def exported_sample(tmp_path_factory) -> Path:
    """The sample exported once per session (read-only tests share it)."""
    from baocao_gui.commands import export  # noqa: F401  (import check)

    return _export_sample(tmp_path_factory.mktemp("export"), annex=False)


@pytest.fixture
def sent_workbook(tmp_path) -> Path:
    """A workbook whose 2029 report was exported, then marked signed and sent: 2.500 jobs, cited in its intro."""
    from baocao_gui.app import Document, export_report, new_workbook
    from baocao_gui.app.edits import figures, paragraphs, reports

    path = new_workbook(tmp_path / "Sở LĐTBXH.baocao", "sldtbxh", 2029)
    doc = Document(path)
    try:
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 2500))
        doc.apply(paragraphs.insert_block(doc, "intro", None, 0, text="Năm {{year}} tạo việc làm cho {{viec_lam}} người."))
        sent = export_report(doc.workbook, doc.report, tmp_path / "gửi.docx").path
        doc.apply(reports.mark_sent(doc, sent))
    finally:
        doc.close()
    return path
