"""QSettings in one place: window geometry, last tab, recent workbooks, last export folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter

RECENT_MAX = 8


def app_settings() -> QSettings:
    # INI format everywhere (not the Windows registry): one file the clerk can back up, tests can redirect.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "baocao-gui", "baocao-gui")


def recent_workbooks(settings: QSettings) -> list[str]:
    value = settings.value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if Path(p).exists()]


def remember_workbook(settings: QSettings, path: str | Path) -> None:
    path = str(Path(path).resolve())
    recent = [p for p in recent_workbooks(settings) if p != path]
    settings.setValue("recent", [path, *recent][:RECENT_MAX])
    settings.setValue("last_workbook", path)


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """A splitter the clerk moved stays where it was put, in every tab that has one like it and at the next start.
    ``key`` names the kind of splitter ("splitter/sector"): the sector tabs share one place."""
    settings = app_settings()
    state = settings.value(key)
    if state is not None:
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda *_: app_settings().setValue(key, splitter.saveState()))


def known_workbook(argument: str | None) -> Path | None:
    """The workbook the start opens without asking: the one given, else the last one used if it still exists."""
    if argument:
        return Path(argument)
    last = app_settings().value("last_workbook")
    return Path(str(last)) if last and Path(str(last)).exists() else None
