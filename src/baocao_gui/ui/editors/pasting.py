"""Text pasted into a field: legacy encodings (TCVN3, VNI) and decomposed Unicode to NFC, and, once the report has
a tone-mark style (``domain.tone``, chosen from the findings), written in that style."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...app.edits.texts import report_style_text
from ...domain import legacy


def pasted(widget: QWidget, text: str) -> str:
    """What ``widget`` inserts for ``text`` pasted into it: in the style of the report its window shows."""
    session = getattr(widget.window(), "session", None)  # a field of a main window; a dialog's has none
    return report_style_text(getattr(session, "report", None), legacy.normalize_pasted(text))


__all__ = ["pasted"]
