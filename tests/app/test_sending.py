"""Gửi đi…: the system's mail program with the file attached, or the file shown in its folder."""

import sys
import time

import pytest

from baocao_gui.app import sending

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the POSIX tools; Windows uses Simple MAPI")


def fake_tool(folder, name):
    """A stand-in for a system tool that writes the arguments it was given, one a line."""
    record = folder / f"{name}.args"
    tool = folder / name
    tool.write_text(f'#!/bin/sh\nfor a in "$@"; do echo "$a"; done > "{record}"\n', encoding="utf-8")
    tool.chmod(0o755)
    return tool, record


def wait_for(path, seconds=10):
    end = time.monotonic() + seconds
    while not (path.exists() and path.read_text(encoding="utf-8")) and time.monotonic() < end:
        time.sleep(0.05)
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS opens Mail")
def test_the_mail_program_opens_with_the_report_attached(tmp_path, monkeypatch):
    tool, record = fake_tool(tmp_path, "xdg-email")
    monkeypatch.setattr(sending.shutil, "which", lambda name: str(tool) if name == "xdg-email" else None)
    report = tmp_path / "Báo cáo năm 2023.pdf"
    report.write_bytes(b"%PDF")
    assert sending.mail_with_attachment(report) is True
    assert wait_for(record) == ["--subject", "Báo cáo năm 2023", "--attach", str(report.resolve())]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS opens Mail")
def test_without_a_mail_program_nothing_is_started_and_the_window_opens_the_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(sending.shutil, "which", lambda name: None)
    assert sending.mail_with_attachment(tmp_path / "a.pdf") is False
    assert sending.show_in_folder(tmp_path / "a.pdf") is False


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS uses open -R")
def test_the_file_manager_is_asked_to_show_the_file_selected(tmp_path, monkeypatch):
    tool, record = fake_tool(tmp_path, "gdbus")
    monkeypatch.setattr(sending.shutil, "which", lambda name: str(tool) if name == "gdbus" else None)
    report = tmp_path / "Báo cáo.pdf"
    assert sending.show_in_folder(report) is True
    args = wait_for(record)
    assert "org.freedesktop.FileManager1.ShowItems" in args
    assert f"['{report.resolve().as_uri()}']" in args
