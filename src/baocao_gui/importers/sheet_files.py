"""A spreadsheet file (.xlsx, .xlsm, .xls, .ods, .csv) read as plain grids of cells, checked before anything
parses it: a damaged or password-protected file, a sheet of more than ``MAX_ROWS`` rows (refused from its declared
size, never read whole), a file larger than ``MAX_FILE`` are one sentence (``SheetFileError``), nothing written.

python-calamine reads the three workbook formats; it reads a formula's error (#DIV/0!, #VALUE!…) as an empty
cell, so the error cells of an .xlsx and an .ods are found in their XML (``Grid.errors``), and flagged by the
reader rather than taken as "no figure". A .xls (BIFF) keeps its errors inside records calamine does not show: its
error cells read as empty, which changes no figure.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.vnformat import format_number
from ..errors import UserError

MAX_FILE = 100 * 1024 * 1024  # an office's figures fit in far less; a larger file is not a sheet of figures
MAX_ROWS = 100_000  # rows of the sheet read (2.000 indicators × 6 fields of the program's CSV is 12.000)
MAX_COLUMNS = 1_000
MAX_XML_PART = 256 * 1024 * 1024  # one sheet's XML unpacked (a zip bomb's declared size is refused before)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv", ".txt")
ENCODINGS = ("utf-8-sig", "cp1258")  # UTF-8 (with or without BOM), else Windows' Vietnamese code page


class SheetFileError(UserError):
    """A spreadsheet that is not read: one sentence for the clerk, nothing written."""


def unreadable(path: Path, sentence: str, gloss: str) -> SheetFileError:
    return SheetFileError(f"Không đọc được tệp “{path.name}”: {sentence} Chưa có gì được ghi vào sổ báo cáo.",
                          f"{path}: {gloss}")


@dataclass
class Grid:
    """One sheet as rows of cells (numbers, text, "" for empty), row 0 being the sheet's row 1."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → "#DIV/0!"


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names a column."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_grids(path: Path, only: tuple[str, ...] = ()) -> list[Grid]:
    """Every visible sheet of the file (a CSV is one sheet), or ``SheetFileError``; with ``only``, those sheets
    alone when the file has the first of them (the others are not read)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise unreadable(path, "không mở được tệp (tệp không còn ở đó, hoặc đang bị chương trình khác giữ).",
                         repr(exc)) from exc
    if size > MAX_FILE:
        raise unreadable(path, f"tệp quá lớn ({size // (1024 * 1024)} MB); bảng số liệu đọc được tối đa "
                         f"{MAX_FILE // (1024 * 1024)} MB.", f"{size} bytes")
    if suffix not in SUFFIXES:
        raise unreadable(path, "chỉ đọc được bảng tính Excel (.xlsx, .xls), LibreOffice (.ods) và tệp .csv.",
                         f"suffix {suffix}")
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise unreadable(path, "không mở được tệp (tệp đang bị chương trình khác giữ).", repr(exc)) from exc
    if suffix in (".csv", ".txt"):
        return [_csv_grid(path)]
    if head == OLE_MAGIC:
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise _password(path, "encrypted OOXML (OLE container)")
        if suffix != ".xls":  # an old binary workbook saved under a new name is still read as what it is
            suffix = ".xls"
    elif suffix == ".xls" and head.startswith(b"PK"):
        suffix = ".xlsx"
    elif head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):  # a web page saved as .xls (reporting systems do)
        raise unreadable(path, "đây là trang web (HTML) mang đuôi bảng tính; hãy mở trong Excel và lưu lại dưới dạng "
                         "“Sổ làm việc Excel (*.xlsx)” rồi nhập tệp đó.", "html as a workbook")
    errors: dict[str, dict[tuple[int, int], str]] = {}
    limits: dict[str, int] = {}
    if head.startswith(b"PK"):
        errors, limits = _zip_checked(path, suffix)
    elif suffix != ".xls":
        raise unreadable(path, "tệp bị hỏng hoặc không phải bảng tính.", f"no zip signature: {head!r}")
    return _calamine_grids(path, errors, limits, only)


def _password(path: Path, gloss: str) -> SheetFileError:
    return unreadable(path, "bảng tính được bảo vệ bằng mật khẩu; hãy mở trong Excel, bỏ mật khẩu (Tệp › Thông tin "
                      "› Bảo vệ sổ làm việc) rồi lưu lại và nhập lại.", gloss)


def _too_long(path: Path, sheet: str, rows: int) -> SheetFileError:
    return unreadable(path, f"trang “{sheet}” có {format_number(rows)} dòng, quá {format_number(MAX_ROWS)} dòng một bảng "
                      "số liệu có thể có (có thể là bảng dữ liệu thô); hãy chép riêng các dòng chỉ tiêu sang một tệp.",
                      f"{rows} rows")


_SHEET = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"|<sheet\b[^>]*?r:id="([^"]+)"[^>]*?name="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"|<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)(?::[A-Z]+(\d+))?"')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>.*?<(?:\w+:)?v>([^<]*)<',
                         re.DOTALL)


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _zip_checked(path: Path, suffix: str) -> tuple[dict[str, dict[tuple[int, int], str]], dict[str, int]]:
    """An .xlsx or .ods checked as a zip: its parts' declared sizes, every sheet's declared rows (a sheet longer
    than MAX_ROWS is refused before it is read), and where its formula errors are."""
    try:
        package = zipfile.ZipFile(path)
        infos = {i.filename: i for i in package.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise unreadable(path, "tệp bị hỏng hoặc không phải bảng tính.", repr(exc)) from exc
    with package:
        big = next((i for i in infos.values() if i.file_size > MAX_XML_PART), None)
        if big is not None:
            raise unreadable(path, f"khi giải nén, một phần của tệp chiếm tới {big.file_size // (1024 * 1024)} MB — "
                             "quá lớn cho một bảng số liệu.", f"{big.filename}: {big.file_size} bytes")
        try:
            if "content.xml" in infos:  # OpenDocument
                return _ods_errors(path, package.read("content.xml")), {}
            if "xl/workbook.xml" not in infos:
                raise unreadable(path, "tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx).", "no xl/workbook.xml")
            return _xlsx_checked(path, package, infos)
        except SheetFileError:
            raise
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError, NotImplementedError) as exc:
            raise unreadable(path, "tệp bị hỏng (một phần bên trong không giải nén được).", repr(exc)) from exc


def _xlsx_checked(path: Path, package: zipfile.ZipFile, infos: dict) -> tuple[dict, dict]:
    book = package.read("xl/workbook.xml")
    rels = package.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in infos else b""
    targets = {}
    for m in _REL.finditer(rels):
        rid, target = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        target = target.decode()
        targets[rid] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    errors: dict[str, dict[tuple[int, int], str]] = {}
    rows: dict[str, int] = {}
    for m in _SHEET.finditer(book):
        name, rid = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(4), m.group(3))
        sheet = _xml_text(name)
        part = targets.get(rid)
        if part is None or part not in infos:
            continue
        with package.open(part) as f:
            start = f.read(16384)
        dim = _DIMENSION.search(start)
        declared = int(dim.group(3) or dim.group(2)) if dim else 0
        if declared > MAX_ROWS:
            raise _too_long(path, sheet, declared)
        rows[sheet] = declared
        if infos[part].file_size > 64 * 1024 * 1024 and not dim:  # no dimension written: its size says enough
            raise _too_long(path, sheet, infos[part].file_size // 40)
        body = package.read(part)
        if b't="e"' in body:
            errors[sheet] = {(int(r) - 1, _column_index(c)): v.decode("utf-8", "replace")
                             for c, r, v in _ERROR_CELL.findall(body)}
    return errors, rows


def _xml_text(raw: bytes) -> str:
    from html import unescape

    return unescape(raw.decode("utf-8", "replace"))


_ODS_TABLE = re.compile(rb'<table:table\s[^>]*?table:name="([^"]*)"')
_ODS_ROW = re.compile(rb'<table:table-row\b([^>]*?)(/?)>')
_ODS_CELL = re.compile(rb'<table:(?:covered-)?table-cell\b([^>]*?)(/?)>')
_REPEAT_ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
_REPEAT_COLS = re.compile(rb'table:number-columns-repeated="(\d+)"')


def _ods_errors(path: Path, content: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Where the formula errors of an .ods are (LibreOffice writes calcext:value-type="error" and the error's text),
    counting repeated rows and cells; and every sheet's rows, against MAX_ROWS."""
    rows = content.count(b"<table:table-row")  # each row written (empty ones repeated in one element)
    if rows > MAX_ROWS:
        name = _ODS_TABLE.search(content)
        raise _too_long(path, _xml_text(name.group(1)) if name else path.name, rows)
    if b'value-type="error"' not in content:
        return {}
    out: dict[str, dict[tuple[int, int], str]] = {}
    tables = [(m.start(), _xml_text(m.group(1))) for m in _ODS_TABLE.finditer(content)]
    for n, (start, name) in enumerate(tables):
        end = tables[n + 1][0] if n + 1 < len(tables) else len(content)
        row, found = 0, {}
        for rm in _ODS_ROW.finditer(content, start, end):
            repeat = int(m.group(1)) if (m := _REPEAT_ROWS.search(rm.group(1))) else 1
            row_end = content.find(b"</table:table-row>", rm.end(), end) if not rm.group(2) else rm.end()
            if b'value-type="error"' in content[rm.end():row_end]:
                col = 0
                for cm in _ODS_CELL.finditer(content, rm.end(), row_end):
                    span = int(m.group(1)) if (m := _REPEAT_COLS.search(cm.group(1))) else 1
                    if b'value-type="error"' in cm.group(1):
                        text = re.match(rb"\s*<text:p>([^<]*)", content[cm.end():row_end])
                        found[(row, col)] = text.group(1).decode("utf-8", "replace") if text else "#LỖI"
                    col += span
            row += repeat
        if found:
            out[name] = found
    return out


def _calamine_grids(path: Path, errors: dict, declared: dict, only: tuple[str, ...] = ()) -> list[Grid]:
    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        metadata = book.sheets_metadata
        if only and any(m.name.strip() == only[0] for m in metadata):
            metadata = [m if m.name.strip() in only else None for m in metadata]
        grids = []
        for n, meta in enumerate(metadata):
            if meta is None:
                continue
            if str(meta.visible).endswith(("Hidden", "VeryHidden")) and len(metadata) > 1:
                continue
            if str(meta.typ).split(".")[-1] not in ("WorkSheet",):
                continue
            sheet = book.get_sheet_by_index(n)
            if sheet.height > MAX_ROWS or (sheet.end and sheet.end[0] >= MAX_ROWS):
                raise _too_long(path, meta.name, max(sheet.height, sheet.end[0] + 1 if sheet.end else 0))
            if sheet.width > MAX_COLUMNS:
                raise unreadable(path, f"trang “{meta.name}” có {sheet.width} cột, quá nhiều cho một bảng số liệu.",
                                 f"{sheet.width} columns")
            rows = sheet.to_python(skip_empty_area=False)
            grids.append(Grid(meta.name, rows, list(sheet.merged_cell_ranges or []), errors.get(meta.name, {})))
        return grids
    except SheetFileError:
        raise
    except calamine.PasswordError as exc:
        raise _password(path, repr(exc)) from exc
    except (calamine.CalamineError, ValueError, OSError, EOFError) as exc:
        raise unreadable(path, "tệp bị hỏng hoặc không phải bảng tính.", repr(exc)) from exc
    except Exception as exc:  # calamine's other errors (XmlError, ZipError…) are damaged files too
        if type(exc).__module__.startswith("python_calamine"):
            raise unreadable(path, "tệp bị hỏng hoặc không phải bảng tính.", repr(exc)) from exc
        raise


def _csv_grid(path: Path) -> Grid:
    """A CSV as text cells: UTF-8 (with or without BOM), else Windows-1258 (Excel's "CSV" on a Vietnamese Windows);
    the separator (",", ";" or a tab) found from the first lines."""
    raw = path.read_bytes()
    text = None
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text[:4096]:
        raise unreadable(path, "tệp .csv không phải chữ UTF-8 hay Windows-1258; hãy lưu lại từ Excel dưới dạng "
                         "“CSV UTF-8 (Comma delimited)”.", "undecodable csv")
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    first = "\n".join(text.splitlines()[:20])
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    sep = max(counts, key=counts.get) if any(counts.values()) else ","
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise _too_long(path, path.name, sum(1 for _ in text.splitlines()))
    except csv.Error as exc:
        raise unreadable(path, f"tệp .csv bị hỏng ở dòng {len(rows) + 1}.", repr(exc)) from exc
    return Grid(path.name, rows)


__all__ = ["MAX_FILE", "MAX_ROWS", "SUFFIXES", "Grid", "SheetFileError", "column_letter", "read_grids", "unreadable"]
