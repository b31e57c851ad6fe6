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

__all__ = ["FEW_MATCHED", "MOST_DELETED", "ChangeKind", "EditedFile", "ExportChange", "Merge", "changes_from_edited",
           "describe", "identity_problem", "read_edited", "sweeping"]

# A merge past either bound is most likely the wrong file (an unrelated document compared by text deleted all 61
# paragraphs of a report in one step): the command line refuses it without --force, the window asks first.
MOST_DELETED = 0.5  # more than half of the report's paragraphs would be deleted
FEW_MATCHED = 0.2  # fewer than a fifth of the file's paragraphs are paragraphs of the report


def sweeping(merge: Merge, file_name: str, report_label: str) -> str | None:
    """One sentence with the counts when taking ``merge`` would delete most of the report or the file matched
    almost nothing of it; None for an ordinary edit."""
    deleted, compared, matched, read = merge.deleted, merge.compared, merge.matched, merge.read
    most_deleted = deleted > MOST_DELETED * compared
    few_matched = compared > 0 and read > 0 and matched < FEW_MATCHED * read
    if not (most_deleted or few_matched):
        return None
    return (f"Tệp “{file_name}” khớp rất ít với báo cáo {report_label}: chỉ {matched} trong {read} đoạn của tệp "
            f"là đoạn của báo cáo, và nhận vào sẽ xóa {deleted} trong {compared} đoạn của báo cáo — có thể đã chọn "
            "nhầm tệp.")
