"""Trợ giúp › Giới thiệu: what a clerk's IT department checks before installing — the version, the workbook format,
the log folder, the program's licence (MIT) and the notices of every package it ships, Qt's with how to replace it."""

import tomllib
from pathlib import Path

from gui_helpers import menu_action, when_dialog_shows

import baocao_gui
from baocao_gui.app.about import third_party_notices
from baocao_gui.store.schema import migrations

ROOT = Path(__file__).resolve().parents[2]


def test_the_about_box_shows_version_format_log_folder_licence_and_notices(open_window, sample_workbook, tmp_path,
                                                                           monkeypatch):
    from baocao_gui.ui.dialogs.about_dialog import AboutDialog

    monkeypatch.setenv("BAOCAO_LOG_DIR", str(tmp_path / "nhật ký"))
    window = open_window(sample_workbook)
    seen = {}

    def read(dialog):
        seen.update(summary=dialog.summary.text(), licence=dialog.text_of("Giấy phép"),
                    notices=dialog.text_of("Phần mềm bên thứ ba"))
        dialog.reject()

    when_dialog_shows(read, AboutDialog)
    menu_action(window, "Trợ giúp", "Giới thiệu baocao-gui…").trigger()
    assert f"baocao-gui {baocao_gui.__version__}" in seen["summary"]
    assert f"phiên bản {len(migrations.known)} ({migrations.known[-1]})" in seen["summary"]
    assert str(tmp_path / "nhật ký") in seen["summary"]
    assert seen["licence"].startswith("MIT License")
    assert "PySide6" in seen["notices"] and "LGPL-3.0" in seen["notices"]


def test_the_notices_name_every_dependency_with_its_licence_and_how_to_replace_qt():
    notices = third_party_notices(ROOT / "packaging" / "third_party")
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    import re

    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
        pattern = re.sub(r"[-_.]", "[-_.]", name)
        assert re.search(rf"^{pattern} \S+ — \S", notices, re.MULTILINE | re.IGNORECASE), name
    for also in ("shiboken6", "lxml", "et_xmlfile", "Python 3."):
        assert re.search(rf"^{re.escape(also)}", notices, re.MULTILINE | re.IGNORECASE), also
    assert "Replacing the Qt libraries" in notices and "GNU LESSER GENERAL PUBLIC LICENSE" in notices
    assert "NSIS" in notices  # the texts of packaging/third_party
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
