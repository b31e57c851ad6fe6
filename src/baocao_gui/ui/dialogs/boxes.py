"""Boxes the program asks and tells with: the windowed program's one sentence (it has no console), and a
question with the program's own Vietnamese buttons."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox


def tell_in_a_box(message: str) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - a box needs an application
    QMessageBox.critical(None, "baocao-gui", message)


def choose(parent, icon: QMessageBox.Icon, title: str, text: str, buttons: list[tuple[str, QMessageBox.ButtonRole]],
           default: int = 0, escape: int | None = None) -> int | None:
    """Ask with ``buttons`` (label, role); the index of the one clicked, None if the box was closed otherwise."""
    box = QMessageBox(icon, title, text, parent=parent)
    made = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(made[default])
    if escape is not None:
        box.setEscapeButton(made[escape])
    box.exec()
    return made.index(box.clickedButton()) if box.clickedButton() in made else None
