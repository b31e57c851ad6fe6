"""What an edit is: a pair of functions (do, undo) over ``store.edits``, the ``Change`` it makes, and the
refusal the clerk reads when the workbook cannot take it. The builders, by what they change, are in ``app/edits/``;
``Document.run`` applies one. (Nothing here knows the ``Document``: it imports this module.)"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..domain.model import Part
from ..errors import UserError
from ..store.workbook import busy


class Scope(Enum):
    FIGURE = "figure"  # one indicator's figures in the report in view
    BLOCKS = "blocks"  # the paragraphs of the report in view
    ALL = "all"  # anything else: the whole model is read again


@dataclass(frozen=True)
class Change:
    """What an edit touched, so that only that is read again."""

    scope: Scope = Scope.ALL
    code: str | None = None  # the indicator, for Scope.FIGURE
    part: tuple[Part, str] | None = None  # (part, sector code or "") of the paragraphs, for Scope.BLOCKS


EVERYTHING = Change()


@dataclass
class Edit:
    """One change a clerk makes: ``do`` and ``undo`` each commit; ``created`` holds what ``do`` made."""

    label: str  # "Sửa số liệu “…”", shown by the undo menu
    do: Callable[[], Any]
    undo: Callable[[], Any]
    change: Change = EVERYTHING
    merge_key: str | None = None  # typing in one field merges into one undo step
    created: dict[str, Any] = field(default_factory=dict)


class EditRefused(UserError):
    """The workbook refused an edit; ``message`` is the sentence for the clerk. Nothing was changed.

    ``retryable``: the same edit may succeed later unchanged — the file was held by another program or the disk
    was full — as opposed to an edit refused by a rule (a frozen report, a figure the workbook cannot hold)."""

    def __init__(self, message: str, gloss: str = "", retryable: bool = False):
        super().__init__(message, gloss)
        self.retryable = retryable


def refusal(exc: sqlite3.Error) -> EditRefused:
    """SQLite's error as the sentence the clerk reads."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if busy(exc):
        reason = "tệp đang bị chương trình khác giữ (phần mềm diệt virus, OneDrive…)"
    elif code == sqlite3.SQLITE_FULL:
        reason = "ổ đĩa đã đầy"
    elif code == sqlite3.SQLITE_READONLY:
        reason = "tệp chỉ đọc"
    else:
        reason = "tệp chỉ đọc, đang bị khóa hoặc ổ đĩa đầy"
    return EditRefused(f"Không ghi được vào sổ báo cáo ({reason}); thay đổi vừa rồi chưa được lưu.", repr(exc),
                       retryable=code != sqlite3.SQLITE_READONLY)


__all__ = ["EVERYTHING", "Change", "Edit", "EditRefused", "Scope", "refusal"]
