"""An exported report edited in Word (by the director) coming back: read, checked to belong to this workbook and
report, and compared paragraph by paragraph. ``importers/merge.py`` reads and matches; the window and the command
line come through here, and ``edits.paragraphs.apply_changes`` builds what the clerk accepts as one edit."""

from __future__ import annotations

from ..importers.merge import (
    ChangeKind,
    EditedFile,
    ExportChange,
    Merge,
    changes_from_edited,
    describe,
    identity_problem,
    read_edited,
)

__all__ = ["ChangeKind", "EditedFile", "ExportChange", "Merge", "changes_from_edited", "describe",
           "identity_problem", "read_edited"]
