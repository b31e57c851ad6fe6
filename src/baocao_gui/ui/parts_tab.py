"""Tabs of report-wide text: the opening and the general assessment; next period's direction."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from ..domain.model import Part
from .blocks_editor import BlocksEditor
from .session import WorkbookSession

ASSESSMENT = ((Part.INTRO, "Mở đầu"), (Part.ADVANTAGES, "Thuận lợi"),
              (Part.DIFFICULTIES, "Khó khăn, vướng mắc"), (Part.CAUSES, "Nguyên nhân"))
DIRECTION = ((Part.OBJECTIVE, "Mục tiêu chung"), (Part.MAIN_TARGETS, "Chỉ tiêu chủ yếu"),
             (Part.TASKS_INTRO, "Mở đầu phần nhiệm vụ, giải pháp"))


class PartsTab(QTabWidget):
    def __init__(self, session: WorkbookSession, parts, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.editors = [BlocksEditor(session, part) for part, _ in parts]
        for editor, (_, label) in zip(self.editors, parts):
            self.addTab(editor, label)

    def refresh(self) -> None:
        for editor in self.editors:
            editor.refresh()
