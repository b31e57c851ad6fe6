"""Three-way merge of a sector's paragraphs and figures: what was sent (base), what the workbook holds now (ours),
and what came back (theirs). Pure data, no Qt, no file: the review dialog (``ui/block_review.py``) shows the
changes side by side and ``app.parts`` applies the chosen ones as one edit.

A paragraph or a figure changed on both sides since the base, differently, is a **conflict**: both versions are
kept for the clerk to pick; nothing is overwritten without that choice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.model import Block, Part


class Action:
    CHANGED = "changed"
    ADDED = "added"
    DELETED = "deleted"


@dataclass(frozen=True)
class BlockChange:
    """One paragraph that differs. ``ours``/``theirs`` are None where that side has no such paragraph."""

    action: str  # Action.*: what the other side did to it
    part: Part
    base: Block | None
    ours: Block | None
    theirs: Block | None
    conflict: bool = False
    after: tuple[int, ...] = ()  # for an added paragraph: the ids of the paragraphs before it on their side

    @property
    def key(self) -> str:
        b = self.theirs if self.base is None else self.base
        return f"block:{self.part.value}:{b.id if b else ''}"


@dataclass(frozen=True)
class FigureChange:
    code: str
    field: str  # actual, plan, last, target
    base: Any
    ours: Any
    theirs: Any
    conflict: bool = False

    @property
    def key(self) -> str:
        return f"figure:{self.code}:{self.field}"


@dataclass(frozen=True)
class MergePlan:
    blocks: tuple[BlockChange, ...] = ()
    figures: tuple[FigureChange, ...] = ()
    notes: tuple[str, ...] = ()  # what is not merged, one sentence each

    @property
    def empty(self) -> bool:
        return not self.blocks and not self.figures

    @property
    def conflicts(self) -> int:
        return sum(c.conflict for c in (*self.blocks, *self.figures))


def _same(a: Block | None, b: Block | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.kind, a.text) == (b.kind, b.text)


def merge_blocks(part: Part, base: list[Block], ours: list[Block], theirs: list[Block]) -> list[BlockChange]:
    """The changes their side made to one part, against ours; blocks are the same paragraph when they share an id
    of the base (a paragraph theirs added has an id the base does not have)."""
    base_ids = {b.id for b in base}
    ours_by = {b.id: b for b in ours if b.id in base_ids}
    theirs_by = {b.id: b for b in theirs if b.id in base_ids}
    out: list[BlockChange] = []
    for b in base:
        o, t = ours_by.get(b.id), theirs_by.get(b.id)
        if _same(t, b) or _same(t, o):
            continue  # they left it, or both made the same change
        if t is None:  # they deleted it
            out.append(BlockChange(Action.DELETED, part, b, o, None, conflict=not _same(o, b)))
        elif o is None:  # they changed what we deleted: restore it only if the clerk says so
            before = _before(theirs, t.id)
            out.append(BlockChange(Action.ADDED, part, b, None, t, conflict=True, after=before))
        else:
            out.append(BlockChange(Action.CHANGED, part, b, o, t, conflict=not _same(o, b)))
    for t in theirs:
        if t.id not in base_ids:
            out.append(BlockChange(Action.ADDED, part, None, None, t, after=_before(theirs, t.id)))
    return out


def _before(blocks: list[Block], block_id: int | None) -> tuple[int, ...]:
    ids = [b.id for b in blocks]
    at = ids.index(block_id)
    return tuple(reversed(ids[:at]))


def merge_figures(base: dict[str, dict[str, Any]], ours: dict[str, dict[str, Any]],
                  theirs: dict[str, dict[str, Any]]) -> list[FigureChange]:
    """Each figure (indicator × field) they changed: a conflict when ours changed it too, to another value."""
    out = []
    for code, figures in theirs.items():
        for field, t in figures.items():
            b = base.get(code, {}).get(field)
            o = ours.get(code, {}).get(field)
            if t == b or t == o:
                continue
            out.append(FigureChange(code, field, b, o, t, conflict=o != b))
    return out
