"""Where something is in a report: a part (of a sector), a paragraph, an indicator's field, or a field of the header.

The findings (``domain.checks``) and the hits of a search (``domain.find``) name their place with it; the window
decides which of its tabs shows that place (``ui/tabs/tab_host.focus``)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Part
from .structure import PART_INFO, Group


@dataclass(frozen=True)
class Place:
    """Where a finding is in the report: a part (of a sector), a paragraph, an indicator's field, or a field of
    the header. The window decides which of its tabs shows that place."""

    sector: str | None = None
    part: Part | None = None
    block_id: int | None = None
    indicator: str | None = None
    field: str | None = None  # a value field (actual, plan…) or a general-information field

    @property
    def group(self) -> Group:
        if self.sector or self.indicator:
            return Group.SECTOR
        if self.part is not None:
            return PART_INFO[self.part].group
        return Group.GENERAL


__all__ = ["Place"]
