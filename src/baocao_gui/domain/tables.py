"""A table in a report's text: header rows (repeated on every page of the .docx), body rows, column widths and
alignment, merged header cells, a bold total row. Cells are text and may cite figures like paragraphs do.

A table block stores its table as JSON in the block's text; ``Table.from_json`` reads what it can of a damaged
one and never raises.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from enum import StrEnum

MAX_ROWS = 1000
MAX_COLUMNS = 20
MIN_WIDTH = 5.0  # mm: narrower columns are widened


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Merge:
    """A merged header cell: ``rows`` × ``cols`` header cells from (row, col), shown as one."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1


Grid = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Table:
    header: Grid = (("",),)
    rows: Grid = ()
    widths: tuple[float, ...] = ()  # relative widths (mm of a 155 mm text width); empty: first column wider
    align: tuple[Align, ...] = ()  # per column; empty: the first left, figures right
    merges: tuple[Merge, ...] = field(default=())
    total: bool = False  # the last body row is a total, printed bold

    # --- shape -----------------------------------------------------------------------------------------------
    @property
    def columns(self) -> int:
        return max((len(r) for r in (*self.header, *self.rows)), default=1) or 1

    def column_widths(self) -> tuple[float, ...]:
        """Relative widths, one per column (the first column twice the others unless said)."""
        n = self.columns
        if not any(self.widths[:n]):
            return (2.0,) + (1.0,) * (n - 1)
        given = list(self.widths[:n]) + [0.0] * (n - len(self.widths[:n]))
        return tuple(max(w, MIN_WIDTH) for w in given)

    def column_align(self, col: int) -> Align:
        if col < len(self.align):
            return self.align[col]
        return Align.LEFT if col == 0 else Align.RIGHT

    def cell(self, section: str, row: int, col: int) -> str:
        grid = self.header if section == "header" else self.rows
        line = grid[row] if row < len(grid) else ()
        return line[col] if col < len(line) else ""

    def normalized(self) -> Table:
        """Every row as long as the widest (short rows padded with empty cells)."""
        n = self.columns
        pad = lambda grid: tuple(tuple(r) + ("",) * (n - len(r)) for r in grid)
        return replace(self, header=pad(self.header) or (("",) * n,), rows=pad(self.rows))

    def cells(self) -> list[str]:
        return [c for r in (*self.header, *self.rows) for c in r]

    # --- edits: each returns a new table ---------------------------------------------------------------------
    def with_cell(self, section: str, row: int, col: int, text: str) -> Table:
        t = self.normalized()
        grid = [list(r) for r in (t.header if section == "header" else t.rows)]
        while len(grid) <= row:
            grid.append([""] * t.columns)
        while len(grid[row]) <= col:
            for r in grid:
                r.append("")
        grid[row][col] = text
        new = tuple(tuple(r) for r in grid)
        return replace(t, header=new) if section == "header" else replace(t, rows=new)

    def with_row(self, index: int) -> Table:
        t = self.normalized()
        rows = list(t.rows)
        rows.insert(max(0, min(index, len(rows))), ("",) * t.columns)
        return replace(t, rows=tuple(rows[:MAX_ROWS]))

    def without_row(self, index: int) -> Table:
        t = self.normalized()
        return replace(t, rows=tuple(r for i, r in enumerate(t.rows) if i != index))

    def with_column(self, index: int) -> Table:
        t = self.normalized()
        if t.columns >= MAX_COLUMNS:
            return t
        index = max(0, min(index, t.columns))
        add = lambda grid: tuple(r[:index] + ("",) + r[index:] for r in grid)
        widths = list(t.column_widths())
        widths.insert(index, 1.0 if not any(t.widths) else sum(widths) / len(widths))
        align = [t.column_align(i) for i in range(t.columns)]
        align.insert(index, Align.RIGHT if index else Align.LEFT)
        return replace(t, header=add(t.header), rows=add(t.rows), widths=tuple(widths) if any(t.widths) else (),
                       align=tuple(align) if t.align else (), merges=())

    def without_column(self, index: int) -> Table:
        t = self.normalized()
        if t.columns <= 1:
            return t
        cut = lambda grid: tuple(r[:index] + r[index + 1:] for r in grid)
        widths = tuple(w for i, w in enumerate(t.widths) if i != index)
        align = tuple(a for i, a in enumerate(t.align) if i != index)
        return replace(t, header=cut(t.header), rows=cut(t.rows), widths=widths, align=align, merges=())

    def pasted(self, row: int, col: int, grid: list[list[str]]) -> Table:
        """A block of cells pasted at body cell (row, col), growing the table as needed (Excel's copy)."""
        t = self.normalized()
        for r, line in enumerate(grid):
            for c, text in enumerate(line):
                if row + r < MAX_ROWS and col + c < MAX_COLUMNS:
                    t = t.with_cell("body", row + r, col + c, text)
        return t.normalized()

    # --- storage ---------------------------------------------------------------------------------------------
    def to_json(self) -> str:
        data: dict = {"header": [list(r) for r in self.header], "rows": [list(r) for r in self.rows]}
        if self.widths:
            data["widths"] = list(self.widths)
        if self.align:
            data["align"] = [a.value for a in self.align]
        if self.merges:
            data["merges"] = [[m.row, m.col, m.rows, m.cols] for m in self.merges]
        if self.total:
            data["total"] = True
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Table:
        """What can be read of a stored table; a damaged one becomes a one-cell table holding its text."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise TypeError("not an object")

            def grid(value) -> Grid:
                return tuple(tuple(str(c) for c in r[:MAX_COLUMNS]) for r in (value or [])[:MAX_ROWS]
                             if isinstance(r, list))

            merges = tuple(Merge(*(int(x) for x in m[:4])) for m in data.get("merges", [])
                           if isinstance(m, list) and len(m) == 4)
            return cls(header=grid(data.get("header")) or (("",),), rows=grid(data.get("rows")),
                       widths=tuple(float(w) for w in data.get("widths", [])[:MAX_COLUMNS]),
                       align=tuple(Align(a) for a in data.get("align", [])[:MAX_COLUMNS] if a in Align._value2member_map_),
                       merges=merges, total=bool(data.get("total", False)))
        except (ValueError, TypeError):
            return cls(header=(("",),), rows=((text,),))


def new_table(columns: tuple[str, ...] = ("Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"), rows: int = 2) -> Table:
    """The table "Thêm bảng" starts with: the indicator on the left, its unit centred, figures on the right."""
    align = tuple(Align.LEFT if i == 0 else Align.CENTER if i == 1 else Align.RIGHT for i in range(len(columns)))
    return Table(header=(columns,), rows=tuple(("",) * len(columns) for _ in range(rows)), align=align)


def parse_clipboard(text: str) -> list[list[str]]:
    """Cells copied from Excel or Word: rows on lines, cells separated by tabs (a trailing newline dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]
