"""Three-way merge of a sector's paragraphs and figures: what was sent (base), what the workbook holds now (ours),
and what came back (theirs). Pure data, no Qt, no file: the review dialog (``ui/block_review.py``) shows the
changes side by side and ``app.parts`` applies the chosen ones as one edit.

A paragraph or a figure changed on both sides since the base, differently, is a **conflict**: both versions are
kept for the clerk to pick; nothing is overwritten without that choice.

An **edited export** brought back (``read_edited``, ``changes_from_edited``; issue #13 point 4) is compared two-way:
the export carries a hidden bookmark ``_bc_<block id>`` around each block's paragraph and the workbook's and report's
identity in its custom properties (``compose.report.anchors``, ``render.word``). A paragraph whose bookmark Word
dropped is matched by text similarity. A number changed where the block cites a figure (``{{code.field}}``) is a
proposed change of that figure, not a literal: the citation stays. ``app.Document.apply_changes`` applies the accepted
``ExportChange``s as one edit."""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..compose import compose_outline
from ..compose.outline import Heading, Paragraph, TableItem
from ..compose.report import line_sum, printed_line
from ..domain.figures import STATED, TOKEN, VALUE_CITED, MissingFigure, read_plan_words, sheet
from ..domain.model import (
    OVERRIDE_FIELDS,
    Block,
    BlockKind,
    Part,
    Period,
    PeriodKind,
    PlanDirection,
    PlanMeaning,
    Report,
    Values,
    Workbook,
)
from ..domain.vnformat import NumberError, parse_number
from .package import checked_package, unreadable


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


# --- an edited export brought back --------------------------------------------------------------------------------

BOOKMARK = re.compile(r"^_bc_(\d+)$")
SIMILAR = 0.6  # a paragraph without its bookmark is taken for the block whose printed text is this close
CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NUMBER = re.compile(r"^\s*[a-zđ]{1,2}\)\s*")
_BULLET = re.compile(r"^\s*[-–•+]\s+")


class ChangeKind(StrEnum):
    CHANGED = "changed"  # a block's text
    ADDED = "added"  # a new block
    DELETED = "deleted"  # a block removed
    FIGURE = "figure"  # a figure (value or typed override) of an indicator


@dataclass(frozen=True)
class ExportChange:
    """One proposed change the clerk accepts or rejects. ``old``/``new`` are the texts shown side by side (as
    printed); ``text`` is what the block will hold (citations kept)."""

    kind: ChangeKind
    part: Part | None = None
    sector: str = ""
    block: int | None = None  # the block changed or deleted
    old: str = ""
    new: str = ""
    text: str = ""
    block_kind: BlockKind = BlockKind.PARAGRAPH
    after: int | None = None  # an added block goes after this block…
    before: int | None = None  # …or, when none, before this one
    code: str = ""  # a figure change: the indicator, its field and new value
    field: str = ""
    value: float | None = None
    notes: tuple[str, ...] = ()  # what the clerk should know (a citation replaced by words, checks that fail…)
    conflict: bool = False  # the block was changed in the workbook too since the export: the clerk picks a side

    @property
    def where(self) -> str:
        return f"{self.part.value if self.part else ''}/{self.sector}"


@dataclass(frozen=True)
class EditedParagraph:
    text: str
    anchors: tuple[int, ...] = ()  # block ids of the bookmarks that start in it
    tracked: bool = False  # it holds text inserted with tracked changes (read as accepted)
    table: bool = False  # a table (its text is its cells')


@dataclass(frozen=True)
class EditedFile:
    name: str
    paragraphs: tuple[EditedParagraph, ...]
    properties: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def tracked(self) -> int:
        return sum(p.tracked for p in self.paragraphs)


@dataclass(frozen=True)
class Merge:
    changes: tuple[ExportChange, ...]
    notes: tuple[str, ...] = ()  # about the whole file (tracked changes read as accepted, identity…)
    compared: int = 0  # the report's paragraphs the file was compared with
    matched: int = 0  # the file's paragraphs found to be paragraphs of the report
    read: int = 0  # the file's paragraphs of content (matched or new; not the printed headings, not tables)

    @property
    def deleted(self) -> int:
        return sum(c.kind == ChangeKind.DELETED for c in self.changes)


# --- reading the edited file -------------------------------------------------------------------------------------

def read_edited(path: str | Path) -> EditedFile:
    """The body's paragraphs and tables of an edited export, with the bookmarks that start in each, and the file's
    custom properties. Tracked insertions are read as accepted, deletions as done. Bad files: one sentence."""
    import docx

    from .word import ParagraphReader, body_items, clean  # loaded, as python-docx is, when a file is read

    path = Path(path)
    package = checked_package(path)
    try:
        document = docx.Document(package)
        reader = ParagraphReader(document)
        out = []
        for element in body_items(document.element.body):
            anchors = tuple(int(m.group(1)) for b in element.iter(_W + "bookmarkStart")
                            if (m := BOOKMARK.match(b.get(_W + "name") or "")))
            tracked = any(True for _ in element.iter(_W + "ins"))
            if element.tag == _W + "tbl":
                cells = [clean(reader.paragraph(p).text) for p in element.iter(_W + "p")]
                out.append(EditedParagraph(" | ".join(cells), anchors[:1], tracked, table=True))
            else:
                out.append(EditedParagraph(clean(reader.paragraph(element).text), anchors, tracked))
        properties = _custom_properties(package)
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged part
        if hasattr(exc, "message"):
            raise
        raise unreadable(path, "tệp bị hỏng hoặc không phải tệp Word (.docx).", repr(exc)) from exc
    return EditedFile(path.name, tuple(out), properties)


def _custom_properties(package: io.BytesIO) -> dict[str, str]:
    from lxml import etree

    package.seek(0)
    with zipfile.ZipFile(package) as z:
        if "docProps/custom.xml" not in z.namelist():
            return {}
        root = etree.fromstring(z.read("docProps/custom.xml"), etree.XMLParser(resolve_entities=False))
    return {p.get("name", ""): "".join(p.itertext()) for p in root.iter(CUSTOM_NS + "property")}


def identity_problem(edited: EditedFile, workbook: Workbook, report: Report) -> str | None:
    """One sentence when the file is not an export of this report of this workbook, else None."""
    props = edited.properties
    if not props.get("baocao.workbook"):
        return (f"Tệp “{edited.name}” không mang dấu của chương trình (không phải tệp xuất từ sổ báo cáo, hoặc đã "
                "được chép sang tệp khác): chỉ so được theo nội dung từng đoạn.")
    if props.get("baocao.workbook") != workbook.identity:
        return f"Tệp “{edited.name}” được xuất từ một sổ báo cáo khác, không phải sổ này."
    if props.get("baocao.report") != str(report.id):
        period = props.get("baocao.period", "").split()
        label = ""
        if len(period) == 2:
            try:
                label = " " + Period(PeriodKind(period[0]), int(period[1])).label
            except ValueError:
                label = ""
        return (f"Tệp “{edited.name}” là báo cáo{label} khác, không phải báo cáo {report.period.label} đang mở; "
                "hãy chọn đúng kỳ báo cáo.")
    return None


# --- finding the changes ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Printed:
    block: Block
    part: Part
    sector: str
    line: str  # as printed, its number or "- " included
    text: str  # without it


def _printed_blocks(workbook: Workbook, report: Report) -> tuple[dict[int, _Printed], set[str]]:
    """The report's blocks as its export prints them now (by id), and every other line of the body (headings…)."""
    where = {b.id: (part, sector, b) for (part, sector), blocks in report.blocks.items() for b in blocks}
    outline = compose_outline(workbook, report, annex=False)
    printed: dict[int, _Printed] = {}
    others: set[str] = set()
    for item in outline.body:
        block = getattr(item, "block", None)
        if block is not None and block in where:
            part, sector, b = where[block]
            line = printed_line(item)
            printed[block] = _Printed(b, part, sector, line, line if isinstance(item, TableItem) else _norm(item.text))
        elif isinstance(item, (Heading, Paragraph)):
            others.add(_norm(item.line))
            if isinstance(item, Heading):
                others.add(_norm(item.number))
                others.add(_norm(item.text))
    for line in outline.lines():
        others.add(_norm(line))
    # a line is the report's own (a heading, the header, the signature) only if no block prints it
    others -= {p.line for p in printed.values()} | {p.text for p in printed.values()}
    return printed, others


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def changes_from_edited(edited: EditedFile, workbook: Workbook, report: Report, *, anchors: bool = True) -> Merge:
    """Every difference between the report as it prints now and ``edited``, paragraph by paragraph. With
    ``anchors`` False (a file of another workbook, or without identity) bookmarks are ignored: text alone."""
    printed, others = _printed_blocks(workbook, report)
    exported = [int(x) for x in edited.properties.get("baocao.blocks", "").split(",") if x.strip().isdigit()]
    sums = dict(pair.split(":", 1) for pair in edited.properties.get("baocao.lines", "").split(",") if ":" in pair) \
        if anchors else {}

    def exported_as(block: int) -> str | None:
        """The checksum of the block's line as exported (None when the file does not say)."""
        return sums.get(str(block))

    def untouched_in_file(block: int, text: str) -> bool:
        return exported_as(block) is not None and exported_as(block) == line_sum(text)

    def changed_in_workbook(block: int) -> bool:
        return exported_as(block) is not None and exported_as(block) != line_sum(printed[block].line)
    expected = [b for b in exported if b in printed] if anchors and exported else list(printed)
    items = [p for p in edited.paragraphs if p.text or p.anchors]
    matched: dict[int, int] = {}  # paragraph index → block id
    used: set[int] = set()
    for n, p in enumerate(items):
        if anchors:
            block = next((a for a in p.anchors if a in printed and a not in used), None)
            if block is not None:
                matched[n] = block
                used.add(block)
    structural = {n for n, p in enumerate(items) if n not in matched and (p.table or _norm(p.text) in others)}
    # bookmarks Word dropped (a paragraph retyped, pasted): the closest unmatched block, if close enough
    candidates = [b for b in expected if b not in used and printed[b].block.kind != BlockKind.TABLE]
    by_line: dict[str, list[int]] = {}
    for b in candidates:
        by_line.setdefault(printed[b].line, []).append(b)
    for n, p in enumerate(items):  # the same text first: in order, each block once
        if n not in matched and n not in structural and not p.table:
            same = [b for b in by_line.get(_norm(p.text), ()) if b not in used]
            if same:
                matched[n] = same[0]
                used.add(same[0])
    candidates = [b for b in candidates if b not in used]
    scored = []
    for n, p in enumerate(items):
        if n in matched or n in structural or p.table:
            continue
        text = _norm(p.text)
        for b in candidates:
            matcher = difflib.SequenceMatcher(None, printed[b].line, text, autojunk=False)
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                ratio = matcher.ratio()
                if ratio >= SIMILAR:
                    scored.append((ratio, n, b))
    for ratio, n, b in sorted(scored, key=lambda x: (-x[0], x[1])):
        if n not in matched and b not in used:
            matched[n] = b
            used.add(b)

    writer = sheet(workbook, report)
    changes: list[ExportChange] = []
    tables: list[str] = []  # tables edited in Word: said, not offered (a table comes back only by hand)
    figures: dict[tuple[str, str], ExportChange] = {}
    for n, p in enumerate(items):
        if n in matched:
            block = printed[matched[n]]
            if p.table or block.block.kind == BlockKind.TABLE:
                if _norm(p.text) != block.line and not untouched_in_file(block.block.id, _norm(p.text)):
                    tables.append(block.line[:60])
                continue
            if _norm(p.text) in (block.line, block.text) or untouched_in_file(block.block.id, _norm(p.text)):
                continue  # as printed now, or as exported (the workbook changed since: the workbook's stays)
            new_text = _without_number(_norm(p.text), block.block.kind)
            raw, found, notes = rebase(block.block.text, block.text, new_text, writer, workbook)
            for code, fld, value, old_shown, new_shown in found:
                key = (code, fld)
                if key in figures:
                    if figures[key].value != value:
                        notes.append(f"Số liệu “{_name(workbook, code)}” được sửa thành hai số khác nhau; chỉ "
                                     "nhận số sửa đầu tiên.")
                    continue
                figures[key] = ExportChange(ChangeKind.FIGURE, block.part, block.sector, block.block.id,
                                           f"{_name(workbook, code)} ({FIELD_WORDS.get(fld, fld)}): {old_shown}",
                                           f"{_name(workbook, code)} ({FIELD_WORDS.get(fld, fld)}): {new_shown}",
                                           code=code, field=fld, value=value)
            if raw != block.block.text:
                both = changed_in_workbook(block.block.id)
                if both:
                    notes.append("Đoạn này đã được sửa trong sổ sau khi xuất tệp, và cũng được sửa trong tệp Word: "
                                 "hãy chọn giữ bản nào.")
                changes.append(ExportChange(ChangeKind.CHANGED, block.part, block.sector, block.block.id,
                                           block.line, _norm(p.text), raw, block.block.kind,
                                           notes=tuple(notes) + _tracked_note(p), conflict=both))
        elif n not in structural and not p.table:
            # after the block it follows in the file; after a heading, before the block that follows it
            prev = next((k for k in range(n - 1, -1, -1) if k in matched or k in structural), None)
            after = matched[prev] if prev is not None and prev in matched else None
            nxt = next((k for k in range(n + 1, len(items)) if k in matched or k in structural), None)
            before = matched[nxt] if after is None and nxt is not None and nxt in matched else None
            anchor = printed.get(after if after is not None else before) if (after or before) else None
            text = _norm(p.text)
            kind = BlockKind.PARAGRAPH
            if _BULLET.match(text):
                kind, text = BlockKind.BULLET, _BULLET.sub("", text)
            notes = _tracked_note(p)
            if anchor is None:
                notes += ("Không biết đặt đoạn này vào phần nào của báo cáo; nếu nhận, hãy thêm bằng tay.",)
            changes.append(ExportChange(ChangeKind.ADDED, anchor.part if anchor else None,
                                       anchor.sector if anchor else "", None, "", _norm(p.text), text, kind,
                                       after, before, notes=notes))
    for b in expected:
        if b not in used:
            block = printed[b]
            both = changed_in_workbook(b)
            changes.append(ExportChange(ChangeKind.DELETED, block.part, block.sector, b, block.line, "",
                                       block_kind=block.block.kind, conflict=both,
                                       notes=(("Đoạn bị xóa trong tệp Word nhưng đã được sửa trong sổ sau khi xuất: "
                                              "hãy chọn giữ hay xóa."),) if both else ()))
    changes += _checked(list(figures.values()), workbook, report)
    notes = [f"Bảng “{start}…” đã được sửa trong Word; bảng không được nhận lại tự động, hãy sửa bảng trong chương "
             "trình theo tệp." for start in tables]
    if edited.tracked:
        notes.append(f"Tệp có {edited.tracked} đoạn sửa bằng chế độ theo dõi thay đổi (Track Changes): chữ thêm "
                     "được đọc như đã chấp nhận, chữ xóa như đã xóa.")
    if anchors and edited.properties.get("baocao.edited") and \
            edited.properties["baocao.edited"] < (report.edited_at or ""):
        notes.append("Báo cáo đã được sửa trong sổ sau khi xuất tệp này: đoạn nào sửa ở cả hai nơi sẽ hiện như "
                     "một thay đổi; hãy xem kỹ trước khi nhận.")
    added = sum(c.kind == ChangeKind.ADDED for c in changes)
    return Merge(tuple(changes), tuple(notes), len(expected), len(matched), len(matched) + added)


FIELD_WORDS = {"actual": "thực hiện", "plan": "kế hoạch", "last": "cùng kỳ", "target": "chỉ tiêu kỳ sau",
               "pct_plan": "% so với kế hoạch, ghi tay", "pct_last": "% so với cùng kỳ, ghi tay",
               "pct_parent": "% so với tổng, ghi tay", "delta": "mức tăng giảm, ghi tay"}


def _name(workbook: Workbook, code: str) -> str:
    indicator = workbook.indicator(code)
    return indicator.name if indicator else code


def _tracked_note(p: EditedParagraph) -> tuple[str, ...]:
    return ("Có chữ thêm bằng theo dõi thay đổi, đọc như đã chấp nhận.",) if p.tracked else ()


def _without_number(text: str, kind: BlockKind) -> str:
    if kind == BlockKind.HEADING:
        return _HEADING_NUMBER.sub("", text, count=1)
    if kind == BlockKind.BULLET:
        return _BULLET.sub("", text, count=1)
    return text


def rebase(raw: str, printed: str, edited: str, writer, workbook: Workbook):
    """The block's new raw text: ``edited``'s words with ``raw``'s citations kept where their figure still stands.
    A citation of a typed figure (or an override-able percentage) whose printed number was changed stays a
    citation and the new number is returned as a figure change (code, field, value, old shown, new shown); any other
    change at a citation's place replaces it by the words typed (said in a note)."""
    segments: list[tuple[str, re.Match | None]] = []  # (printed piece, its citation)
    last = 0
    for m in TOKEN.finditer(raw):
        if m.start() > last:
            segments.append((raw[last:m.start()], None))
        try:
            shown = writer.figure(m.group(1), m.group(2) or "actual", int(m.group(4)) if m.group(4) else None,
                                  m.group(3))
        except MissingFigure:
            field_ = m.group(2) or "actual"
            shown = f"[{m.group(1)}.{field_}?]" if field_ != "actual" else f"[{m.group(1)}?]"
        segments.append((shown, m))
        last = m.end()
    if last < len(raw):
        segments.append((raw[last:], None))
    segments = [(unicodedata.normalize("NFC", s), m) for s, m in segments]
    rendered = "".join(s for s, _ in segments)
    lead = len(rendered) - len(rendered.lstrip())
    rendered_stripped = rendered.strip()
    if _norm(rendered_stripped) != printed:  # a text the composer writes otherwise: the new text as typed
        return edited, [], ["Đoạn được thay bằng chữ trong tệp (không giữ được trích dẫn số liệu)."] \
            if TOKEN.search(raw) else []
    ops = difflib.SequenceMatcher(None, rendered_stripped, edited, autojunk=False).get_opcodes()

    def start(p: int) -> int:
        p -= lead
        if p <= 0:
            return 0
        if p >= len(rendered_stripped):
            return len(edited)
        for tag, i1, i2, j1, j2 in ops:
            if i1 <= p < i2:
                return j1 + (p - i1) if tag == "equal" else j1
        return len(edited)

    def end(p: int) -> int:
        p -= lead
        if p <= 0:
            return 0
        if p >= len(rendered_stripped):
            return len(edited)
        for tag, i1, i2, j1, j2 in ops:
            if i1 < p <= i2:
                return j1 + (p - i1) if tag == "equal" else j2
        return len(edited)

    out, found, notes = [], [], []
    position, cursor = 0, 0
    for shown, m in segments:
        s, e = position, position + len(shown)
        position = e
        if m is None:
            continue
        cs, ce = start(s), end(e)
        cs = max(cs, cursor)
        ce = max(ce, cs)
        out.append(edited[cursor:cs])
        typed = edited[cs:ce]
        cursor = ce
        if typed.strip() == shown.strip():
            out.append(m.group(0))
            continue
        figure = _figure(m, typed.strip(), workbook, writer)
        if figure is not None:
            out.append(m.group(0))
            field = m.group(2) or "actual"
            found.append((m.group(1), STATED.get(field, field), figure, shown.strip(), typed.strip()))
        else:
            out.append(typed)
            if typed.strip():
                notes.append(f"Chỗ trích dẫn số liệu “{shown.strip()}” đã được thay bằng chữ “{typed.strip()}”.")
            else:
                notes.append(f"Chỗ trích dẫn số liệu “{shown.strip()}” đã bị xóa.")
    out.append(edited[cursor:])
    new = "".join(out)
    return (raw if _norm(new) == _norm(raw) else new), found, notes


def _figure(m: re.Match, typed: str, workbook: Workbook, writer) -> float | None:
    """The value a number typed in place of a citation stands for, when that citation is a figure one may set
    (a typed value, or a percentage kept as an override) and printed without a unit conversion; else None."""
    code, fld = m.group(1), m.group(2) or "actual"
    if m.group(3) or (fld not in VALUE_CITED and fld not in OVERRIDE_FIELDS and fld not in STATED):
        return None
    indicator = workbook.indicator(code)
    if indicator is None:
        return None
    if fld in STATED:  # "dưới 2,5%" typed over "dưới 3%": the plan changed, its words kept
        typed, meaning, direction = read_plan_words(typed)
        if ((meaning or PlanMeaning.LEVEL, direction or PlanDirection.REACH)
                != (indicator.plan_meaning, indicator.plan_direction)):
            return None  # other words: the sentence says something else now, taken as typed
    text = typed.removesuffix("%").strip() if (indicator.is_rate or fld in OVERRIDE_FIELDS[:3]) else typed
    try:
        value: Decimal = parse_number(text)
    except NumberError:
        return None
    if fld == "delta" and value < 0:
        return None
    return float(value)


def _checked(figures: list[ExportChange], workbook: Workbook, report: Report) -> list[ExportChange]:
    """Each figure change with the findings before signing that it would bring (the checks run on the report as
    it would be with every proposed figure)."""
    if not figures:
        return []
    from ..domain.checks import check_report

    values = dict(report.values)
    for change in figures:
        current = values.get(change.code) or Values()
        if change.field in OVERRIDE_FIELDS:
            current = dataclasses.replace(current, overrides={**current.overrides, change.field: change.value})
        else:
            current = dataclasses.replace(current, **{change.field: change.value})
        values[change.code] = current
    before = {f.line() for f in check_report(workbook, report)}
    proposed = dataclasses.replace(report, values=values)
    after = [f for f in check_report(workbook, proposed) if f.line() not in before]
    out = []
    for change in figures:
        name = _name(workbook, change.code)
        found = tuple(f"Kiểm tra: {f.where}: {f.message}" for f in after
                      if f.place.indicator == change.code or name in f.where or name in f.message)
        out.append(dataclasses.replace(change, notes=change.notes + found))
    return out


def describe(change: ExportChange) -> str:
    """One line for the command line and the log."""
    word = {ChangeKind.CHANGED: "Sửa", ChangeKind.ADDED: "Thêm", ChangeKind.DELETED: "Xóa",
            ChangeKind.FIGURE: "Số liệu"}[change.kind]
    if change.kind == ChangeKind.FIGURE:
        return f"{word}: {change.old} → {change.new.split(': ', 1)[-1]}"
    if change.kind == ChangeKind.ADDED:
        return f"{word}: “{change.new}”"
    if change.kind == ChangeKind.DELETED:
        return f"{word}: “{change.old}”"
    return f"{word}: “{change.old}” → “{change.new}”"


__all__ = [
    "Action",
    "BlockChange",
    "ChangeKind",
    "EditedFile",
    "EditedParagraph",
    "ExportChange",
    "FigureChange",
    "Merge",
    "MergePlan",
    "changes_from_edited",
    "describe",
    "identity_problem",
    "merge_blocks",
    "merge_figures",
    "read_edited",
    "rebase",
]
