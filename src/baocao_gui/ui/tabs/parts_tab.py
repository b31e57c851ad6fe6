"""Tabs of report-wide text, one editor per part of a group (domain.structure): the opening and the general
assessment; next period's direction."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from ...domain.structure import Group, parts_of
from ..editors.blocks_editor import BlocksEditor
from ..session import WorkbookSession


class PartsTab(QTabWidget):
    def __init__(self, session: WorkbookSession, group: Group, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"tab-{group.value}")
        parts = parts_of(group)
        self.editors = [BlocksEditor(session, info.part) for info in parts]
        for editor, info in zip(self.editors, parts, strict=True):
            self.addTab(editor, info.name)

    def refresh(self) -> None:
        for editor in self.editors:
            editor.refresh()

    def focus(self, place) -> None:
        editor = next((e for e in self.editors if e.part == place.part), None)
        if editor is not None:
            self.setCurrentWidget(editor)
            editor.focus(place.block_id)
