"""A Word file an office sent (.docx, .docm) read into the paragraphs of one part of the report.

``read_word(path)`` returns ``WordContent``: blocks as the workbook holds them (paragraphs, sub-headings with the
typed numbering stripped since the program numbers, list items without their dash, tables as
``domain.tables.Table`` JSON), legacy TCVN3/VNI text turned into Unicode (the run's font name is the evidence:
.VnTime-family fonts are TCVN3, VNI-* fonts are VNI), NFC, line breaks, tabs and double spaces cleaned; and what
it could not read, one Vietnamese line each. It never writes. A file it cannot read safely is refused with
``WordFileError`` (one sentence) before anything is parsed (``package.checked_package``).

``ParagraphReader``, ``body_items``, ``style_of`` and ``read_table`` are how ``report`` (a whole report) and
``merge`` (an edited export) read the same paragraphs and tables.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..domain.legacy import detect, to_unicode
from ..domain.model import Block, BlockKind
from ..domain.tables import MAX_COLUMNS, MAX_ROWS, Table
from .package import WordFileError, checked_package, unreadable

HEADING_CHARS = 300  # a line longer than this is a paragraph even when bold or numbered

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"  # tags are "{W}p": report.py builds its own
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{" + W + "}"
_MC = "{" + MC + "}"


class Cancelled(Exception):
    """The clerk stopped a long read."""


@dataclass(frozen=True)
class WordContent:
    blocks: tuple[Block, ...]  # kind and text, no id: not in the workbook yet
    problems: tuple[str, ...] = ()  # what was not read, one Vietnamese line each
    legacy: frozenset[int] = frozenset()  # indexes of blocks whose text was converted from TCVN3/VNI

    def count(self, kind: BlockKind) -> int:
        return sum(b.kind == kind for b in self.blocks)


# --- runs: text, font, bold -----------------------------------------------------------------------------------------

def legacy_of_font(name: str | None) -> str | None:
    """"tcvn3" for the .VnTime family (.VnTime, .VnTimeH, .VnArial…), "vni" for VNI-Times and the like."""
    if not name:
        return None
    low = name.strip().lower()
    if low.startswith(".vn"):
        return "tcvn3"
    if re.match(r"vni[-_ ]", low):
        return "vni"
    return None


def _on(element) -> bool | None:
    """A toggle property (w:b): present and not switched off."""
    if element is None:
        return None
    return element.get(_W + "val", "true").lower() not in ("0", "false", "off")


class _Styles:
    """Font and bold of paragraph and character styles, following ``basedOn``; the document's default font."""

    def __init__(self, styles_element):
        self.by_id: dict[str, object] = {}
        self.default_font = None
        self._cache: dict[tuple[str, str], object] = {}
        if styles_element is None:
            return
        for style in styles_element.iterchildren(_W + "style"):
            self.by_id[style.get(_W + "styleId", "")] = style
        fonts = styles_element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
        self.default_font = _font_name(fonts)

    def _walk(self, style_id: str | None) -> Iterator:
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(_W + "basedOn")
            style_id = based.get(_W + "val") if based is not None else None

    def prop(self, style_id: str | None, what: str):
        key = (style_id or "", what)
        if key not in self._cache:
            value = None
            for style in self._walk(style_id):
                if what == "font":
                    value = _font_name(style.find(f"{_W}rPr/{_W}rFonts"))
                elif what == "bold":
                    value = _on(style.find(f"{_W}rPr/{_W}b"))
                elif what == "outline":
                    level = style.find(f"{_W}pPr/{_W}outlineLvl")
                    value = None if level is None else level.get(_W + "val")
                elif what == "numPr":
                    value = style.find(f"{_W}pPr/{_W}numPr")
                elif what == "name":
                    name = style.find(_W + "name")
                    value = None if name is None else name.get(_W + "val")
                if value is not None:
                    break
            self._cache[key] = value
        return self._cache[key]


def _font_name(fonts) -> str | None:
    if fonts is None:
        return None
    return fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi") or None


_SYM = "\x00"  # a w:sym character (a font's picture, not text): a list mark at the start of a paragraph

# Inside a paragraph: what holds text to read, and what is skipped (deleted text, text boxes, the duplicate
# fallback of drawings, field instructions).
_SKIP = {_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback", _W + "instrText", _W + "pPr",
         _W + "rPr", _W + "fldData"}


@dataclass
class ParagraphText:
    """One paragraph as ``ParagraphReader.paragraph`` read it."""

    text: str
    bold: bool  # every letter is bold
    legacy: bool  # some of it was converted from TCVN3/VNI
    drawings: int = 0
    text_boxes: int = 0


class ParagraphReader:
    """Reads the paragraphs of one python-docx document (``read_word``, ``report.read_report``,
    ``merge.read_edited``): a paragraph's text with legacy fonts converted and whether it is bold, its list format
    and whether its style is a heading; the document's styles and numbering are looked up once."""

    def __init__(self, document):
        self.styles = _Styles(document.styles.element if document.part._styles_part is not None else None)
        self.numbering = None
        try:
            self.numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            pass
        self._formats: dict[tuple[str, str], str] = {}

    # --- one paragraph's text --------------------------------------------------------------------------------
    def paragraph(self, p) -> ParagraphText:
        style_id = style_of(p, "pStyle")
        pieces: list[tuple[str, str | None, bool]] = []  # (text, legacy encoding of its font, bold)
        counts = {"drawings": 0, "text_boxes": 0}
        self._collect(p, style_id, pieces, counts)
        bold_letters = letters = 0
        for text, _, bold in pieces:
            n = sum(c.isalnum() for c in text)
            letters += n
            bold_letters += n if bold else 0
        out, legacy = [], False
        # runs in one legacy font are converted together: Word splits runs anywhere, and a VNI letter is a base
        # letter and a mark byte that may land in two runs
        for encoding, group in itertools.groupby(pieces, key=lambda piece: piece[1]):
            raw = "".join(text for text, _, _ in group)
            if encoding is None:
                out.append(raw)
                continue
            converted = to_unicode(raw, encoding.removesuffix("-upper"))
            if encoding.endswith("-upper"):
                converted = converted.upper()  # .VnTimeH draws the small letters' codes as capitals
            legacy = legacy or converted != unicodedata.normalize("NFC", raw)
            out.append(converted)
        text = "".join(out)
        # a bullet drawn with Insert › Symbol (Wingdings, Symbol) at the start is a list mark; elsewhere dropped
        text = ("• " + text[1:]) if text.startswith(_SYM) else text
        text = text.replace(_SYM, "")
        if not legacy and detect(text):  # no legacy font named, but the text itself is unmistakably TCVN3/VNI
            text, legacy = to_unicode(text), True
        return ParagraphText(text, letters > 0 and bold_letters == letters, legacy, counts["drawings"],
                          counts["text_boxes"])

    def _collect(self, element, style_id, pieces, counts) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                if tag == _W + "txbxContent":
                    counts["text_boxes"] += 1
                continue
            if tag == _W + "r":
                self._run(child, style_id, pieces, counts)
            else:
                self._collect(child, style_id, pieces, counts)

    def _run(self, r, style_id, pieces, counts) -> None:
        rpr = r.find(_W + "rPr")
        char_style = style_of(r, "rStyle") if rpr is not None else None
        font = _font_name(rpr.find(_W + "rFonts")) if rpr is not None else None
        font = font or self.styles.prop(char_style, "font") or self.styles.prop(style_id, "font") \
            or self.styles.default_font
        bold = _on(rpr.find(_W + "b")) if rpr is not None else None
        if bold is None:
            bold = self.styles.prop(char_style, "bold")
        if bold is None:
            bold = self.styles.prop(style_id, "bold")
        caps = rpr is not None and bool(_on(rpr.find(_W + "caps")))
        encoding = legacy_of_font(font)
        texts = []
        for child in r.iterchildren():
            tag = child.tag
            if tag == _W + "t":
                texts.append(child.text or "")
            elif tag == _W + "tab":
                texts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                if child.get(_W + "type") not in ("page", "column"):
                    texts.append("\n")
            elif tag == _W + "sym":
                texts.append(_SYM)
            elif tag == _W + "noBreakHyphen":
                texts.append("-")
            elif tag in (_W + "drawing", _W + "pict", _W + "object") or tag == _MC + "AlternateContent":
                boxes = len(child.findall(f".//{_W}txbxContent"))
                counts["text_boxes"] += boxes
                counts["drawings"] += 0 if boxes else 1
        text = "".join(texts)
        if not text:
            return
        if encoding == "tcvn3" and font.strip().upper().endswith("H"):
            encoding = "tcvn3-upper"
        pieces.append((text.upper() if caps and not encoding else text, encoding, bool(bold)))

    # --- numbering, headings ---------------------------------------------------------------------------------
    def list_format(self, p, style_id: str | None) -> str | None:
        """"bullet", "decimal", "lowerLetter"… for a paragraph in one of Word's own lists, else None."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            num_pr = self.styles.prop(style_id, "numPr")
        if num_pr is None:
            return None
        num_id = _val(num_pr.find(_W + "numId"))
        level = _val(num_pr.find(_W + "ilvl")) or "0"
        if not num_id or num_id == "0":
            return None  # numbering switched off
        key = (num_id, level)
        if key not in self._formats:
            self._formats[key] = self._format(num_id, level)
        return self._formats[key]

    def _format(self, num_id: str, level: str) -> str:
        if self.numbering is None:
            return "bullet"
        num = next((n for n in self.numbering.iterchildren(_W + "num") if n.get(_W + "numId") == num_id), None)
        if num is None:
            return "bullet"
        abstract_id = _val(num.find(_W + "abstractNumId"))
        abstract = next((a for a in self.numbering.iterchildren(_W + "abstractNum")
                         if a.get(_W + "abstractNumId") == abstract_id), None)
        if abstract is None:
            return "bullet"
        lvl = next((x for x in abstract.iterchildren(_W + "lvl") if x.get(_W + "ilvl") == level), None)
        fmt = _val(lvl.find(_W + "numFmt")) if lvl is not None else None
        return fmt or "bullet"

    def heading_style(self, p, style_id: str | None) -> bool:
        level = p.find(f"{_W}pPr/{_W}outlineLvl")
        value = _val(level) if level is not None else self.styles.prop(style_id, "outline")
        if value is not None and value != "9":
            return True
        name = (self.styles.prop(style_id, "name") or "").lower()
        return name.startswith(("heading", "title", "subtitle")) or name in ("tiêu đề", "đề mục")


def _val(element) -> str | None:
    return None if element is None else element.get(_W + "val")


def style_of(element, tag: str) -> str | None:
    """The style id a paragraph (``tag`` "pStyle") or a run ("rStyle") names, or None."""
    found = element.find(f"{_W}pPr/{_W}{tag}") if tag == "pStyle" else element.find(f"{_W}rPr/{_W}{tag}")
    return _val(found)


# --- text: cleaning and classifying --------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
BULLET_MARKS = "-–—+•●○◦▪■□►▶➢✓*·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf02d"
_BULLET = re.compile(rf"^[{re.escape(BULLET_MARKS)}]+[ \t\u00a0]*(?=\S)")
_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBER = re.compile(  # the text after the number starts with a letter: "18.498 người", "30/2020" are not numbers
    rf"^(?:(?:PHẦN|Phần|MỤC|Mục)\s+)?"
    rf"(?:(?=[IVX])({_ROMAN})[.)/]|(\d{{1,3}}(?:\.\d{{1,2}})*)(?:[.)]|/(?=\s)|(?=\s))|([a-zđA-ZĐ])[).])"
    r"[ \t\u00a0]*(?=[^\W\d_])")


def clean(text: str) -> str:
    """NFC, no stray line breaks, tabs, invisible characters or double spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text.replace("\r", "\n").replace("\n", " "))
    return _SPACES.sub(" ", text).strip()


def strip_bullet(text: str) -> str | None:
    """The text of a list item typed with "-", "+", "•"…, or None; "-5%" and "--" alone are not items."""
    m = _BULLET.match(text)
    if not m or (text[0] in "-–+" and m.end() == 1 and (text[1:2].isdigit() or text[1:2] == text[0])):
        return None
    return text[m.end():]


def strip_number(text: str) -> str | None:
    """The text of a line typed with its heading number ("a)", "1.", "1.1.", "1.1", "I.", "II-"), or None."""
    m = _NUMBER.match(text)
    if not m or not m.group(0).strip():
        return None
    if m.group(2) and not m.group(0).rstrip().endswith((".", ")", "/")) and "." not in m.group(2):
        return None  # "2023 lao động": a figure, not a number
    rest = text[m.end():]
    if m.group(3) and m.group(0).rstrip().endswith(".") and not rest[:1].isupper():
        return None  # "a. b" in a sentence: a heading letter is followed by a capital
    return rest.lstrip("-–: ") or None


def _split_lines(text: str) -> list[str]:
    """A paragraph cut where a line break starts a new item or heading (Shift+Enter between list items);
    other line breaks were only wrapping and become spaces."""
    lines = text.replace("\r", "\n").split("\n")
    out: list[str] = []
    for line in lines:
        stripped = clean(line)
        if out and stripped and (strip_bullet(stripped) is not None or strip_number(stripped) is not None):
            out.append(line)
        elif out:
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def classify(text: str, bold: bool, heading_style: bool, list_format: str | None) -> Block | None:
    """One cleaned line as a block: the program's own numbering and dashes replace the typed ones."""
    text = clean(text)
    if not text:
        return None
    item = strip_bullet(text)
    if item is not None:
        return Block(BlockKind.BULLET, clean(item))
    rest = strip_number(text)
    if rest is not None and len(rest) <= HEADING_CHARS:
        return Block(BlockKind.HEADING, clean(rest))
    if list_format == "bullet":
        return Block(BlockKind.BULLET, text)
    short = len(text) <= HEADING_CHARS
    if list_format is not None and list_format != "none":
        return Block(BlockKind.HEADING if short and (bold or not text.endswith((".", ";"))) else BlockKind.BULLET,
                     text)
    if heading_style and short:
        return Block(BlockKind.HEADING, text)
    if bold and short:
        return Block(BlockKind.HEADING, text)
    return Block(BlockKind.PARAGRAPH, text)


# --- the document ----------------------------------------------------------------------------------------------------

def body_items(element) -> Iterator:
    """Paragraphs and tables of the body (``w:p``, ``w:tbl``) in order, content controls and custom XML opened."""
    for child in element.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml", _W + "sdtContent", _W + "ins", _W + "moveTo"):
            yield from body_items(child)


def read_word(path: str | Path, progress: Callable[[int, int], None] | None = None) -> WordContent:
    """Read a .docx (or .docm) into blocks; ``progress(done, total)`` is called as body elements are read and may
    raise ``Cancelled``. Never writes."""
    import docx  # python-docx, loaded only when a file is imported

    path = Path(path)
    package = checked_package(path)
    try:
        return _read(path, docx.Document(package), progress)
    except (WordFileError, Cancelled):
        raise
    except Exception as exc:  # python-docx and lxml raise KeyError, ValueError, XMLSyntaxError… on a damaged part
        raise unreadable(path, "tệp bị hỏng hoặc không phải tệp Word (.docx).", repr(exc)) from exc


def _read(path: Path, document, progress: Callable[[int, int], None] | None) -> WordContent:
    reader = ParagraphReader(document)
    items = list(body_items(document.element.body))
    blocks: list[Block] = []
    legacy: set[int] = set()
    drawings = text_boxes = cut_tables = nested = 0
    body = document.element.body
    tracked = len(body.findall(f".//{_W}ins")) + len(body.findall(f".//{_W}del"))
    for n, element in enumerate(items):
        if progress is not None and n % 25 == 0:
            progress(n, len(items))
        if element.tag == _W + "tbl":
            table, cut, inner, converted = read_table(reader, element)
            cut_tables += cut
            nested += inner
            if table is not None:
                if converted:
                    legacy.add(len(blocks))
                blocks.append(Block(BlockKind.TABLE, table.to_json()))
            continue
        para = reader.paragraph(element)
        drawings += para.drawings
        text_boxes += para.text_boxes
        style_id = style_of(element, "pStyle")
        list_format = reader.list_format(element, style_id)
        heading = reader.heading_style(element, style_id)
        for i, line in enumerate(_split_lines(para.text)):
            block = classify(line, para.bold, heading, list_format if i == 0 else None)
            if block is not None:
                if para.legacy:
                    legacy.add(len(blocks))
                blocks.append(block)
    if progress is not None:
        progress(len(items), len(items))
    problems = []
    if tracked:
        problems.append(f"Tệp còn {tracked} chỗ sửa đổi được theo dõi (Track Changes) chưa chấp nhận: đã đọc như "
                        "khi chấp nhận hết (chữ thêm vào được giữ, chữ xóa đi bị bỏ).")
    if drawings:
        problems.append(f"{drawings} hình ảnh, biểu đồ trong tệp không được nhập (chỉ nhập chữ và bảng).")
    if text_boxes:
        problems.append(f"{text_boxes} khung văn bản (text box) không được nhập; nếu cần, hãy chép chữ trong đó "
                        "vào sau khi nhập.")
    if nested:
        problems.append(f"{nested} bảng lồng trong ô của bảng khác chỉ được nhập phần chữ.")
    if cut_tables:
        problems.append(f"{cut_tables} bảng quá lớn (hơn {MAX_ROWS} dòng hoặc {MAX_COLUMNS} cột) chỉ được nhập "
                        "phần đầu.")
    if not blocks:
        problems.append("Tệp không có đoạn văn hay bảng nào để nhập.")
    return WordContent(tuple(blocks), tuple(problems), frozenset(legacy))


def read_table(reader: ParagraphReader, tbl) -> tuple[Table | None, int, int, bool]:
    """A Word table as a table block: header rows (Word's repeated header rows, else the first row), body rows;
    a cell merged across columns or down rows is written once. (table, cut, nested tables, converted)"""
    rows: list[list[str]] = []
    header_rows = 0
    cut = nested = 0
    converted = False
    trs = tbl.findall(_W + "tr")
    if len(trs) > MAX_ROWS:
        cut, trs = 1, trs[:MAX_ROWS]
    for r, tr in enumerate(trs):
        cells = []
        for tc in tr.iterchildren(_W + "tc"):
            span = _val(tc.find(f"{_W}tcPr/{_W}gridSpan"))
            merged_down = tc.find(f"{_W}tcPr/{_W}vMerge")
            texts = []
            for p in tc.iter(_W + "p"):
                para = reader.paragraph(p)
                converted = converted or para.legacy
                texts.append(clean(para.text))
            nested += len(tc.findall(f".//{_W}tbl"))
            text = " ".join(t for t in texts if t)
            if merged_down is not None and _val(merged_down) in (None, "continue"):
                text = ""  # the cell above goes on down
            cells.append(text)
            for _ in range(max(0, int(span) - 1) if span and span.isdigit() else 0):
                cells.append("")
        if len(cells) > MAX_COLUMNS:
            cut, cells = 1, cells[:MAX_COLUMNS]
        if r == header_rows and tr.find(f"{_W}trPr/{_W}tblHeader") is not None and _on(
                tr.find(f"{_W}trPr/{_W}tblHeader")):
            header_rows += 1
        rows.append(cells)
    if not any(any(c for c in row) for row in rows):
        return None, cut, nested, converted
    header_rows = header_rows or 1
    table = Table(header=tuple(tuple(r) for r in rows[:header_rows]),
                  rows=tuple(tuple(r) for r in rows[header_rows:])).normalized()
    return table, cut, nested, converted
