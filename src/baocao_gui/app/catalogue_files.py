"""Catalogues clerks make and exchange: import a TOML file into the per-user catalogue folder (checked, with the
line and the fault named), and save a workbook's structure as a catalogue another province can import."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..domain.catalogue import CODE, Catalogue, CatalogueError, catalogue_text, parse_catalogue
from ..domain.loadable import deepest_line
from ..domain.model import Workbook
from ..domain.rules import references
from ..errors import UserError
from ..paths import resource
from ..store.seed import user_catalogue_dir
from .whole_file import write_whole

__all__ = ["CatalogueExists", "import_catalogue", "read_catalogue_file", "save_structure", "structure_of"]


class CatalogueExists(UserError):
    """The clerk already imported a catalogue with this id: replace it only when told to."""

    def __init__(self, catalogue: Catalogue, path: Path):
        super().__init__(f"Đã có danh mục “{catalogue.name}” (mã {catalogue.id}) do bạn nhập trước đây.",
                         f"{path} exists")
        self.catalogue, self.path = catalogue, path


def _line_of(text: str, fault: CatalogueError) -> int | None:
    """The line of a fault: where its code is written (the last time, for a repeated code), or the line of the
    key at fault in the table that code opens."""
    near = fault.near
    if not near:
        return None
    lines = text.splitlines()
    found = [n for n, line in enumerate(lines, 1)
             if f'"{near}"' in line or f"'{near}'" in line or (near.startswith("[") and line.strip() == near)]
    if not found:
        return None
    line = found[-1] if fault.last else found[0]
    if fault.key:
        for n in range(line, len(lines) + 1):
            stripped = lines[n - 1].strip()
            if n > line and stripped.startswith("["):
                break
            if re.match(rf"{re.escape(fault.key)}\s*=", stripped):
                return n
    return line


def read_toml_file(path: str | Path, what: str = "danh mục") -> tuple[dict, str]:
    """A TOML file's data and text; UserError names the line of a syntax fault."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Không đọc được tệp “{path.name}”.", f"reading {path}: {exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"Tệp {what} “{path.name}” không phải chữ UTF-8; hãy lưu lại tệp với bảng mã UTF-8.",
                        f"{path} is not UTF-8") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        line = f", dòng {where.group(1)}" if where else ""
        raise UserError(f"Tệp {what} “{path.name}”{line}: viết sai cú pháp TOML (thiếu dấu “=”, dấu nháy hoặc "
                        "dấu ngoặc).", f"{path}: {exc}") from None
    except RecursionError:  # tomllib recurses once per level of nesting
        deep = deepest_line(text)
        line = f", dòng {deep}" if deep else ""
        raise UserError(f"Tệp {what} “{path.name}”{line}: có mảng hoặc bảng lồng nhau quá sâu (hàng nghìn cấp), "
                        "không phải dữ liệu chương trình viết ra; hãy xóa dòng đó.", f"{path}: nested too deep") from None


def catalogue_fault(path: Path, text: str, exc: CatalogueError, what: str = "danh mục") -> UserError:
    line = _line_of(text, exc)
    return UserError(f"Tệp {what} “{path.name}”{f', dòng {line}' if line else ''}: {exc.message}",
                     f"{path}: {exc.message}")


def read_catalogue_file(path: str | Path) -> tuple[Catalogue, str]:
    """A catalogue file checked: (the catalogue, its text). UserError names the line and the fault."""
    data, text = read_toml_file(path)
    try:
        return parse_catalogue(data), text
    except CatalogueError as exc:
        raise catalogue_fault(Path(path), text, exc) from None


def write_text_file(target: Path, text: str) -> Path:
    """A TOML file the clerk asked for, whole or not at all; a folder or file that refuses is one sentence."""
    try:
        write_whole(target, text)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp “{target}” (thư mục chỉ đọc hoặc tệp đang mở).",
                        f"writing {target}: {exc}") from exc
    return target


def import_catalogue(path: str | Path, replace: bool = False) -> Catalogue:
    """Check a catalogue file and keep it in the clerk's catalogue folder, where the start screen lists it."""
    catalogue, text = read_catalogue_file(path)
    if resource("catalogues", f"{catalogue.id}.toml").is_file():
        raise UserError(f"Mã danh mục “{catalogue.id}” trùng với danh mục có sẵn của chương trình; hãy đổi "
                        "catalogue.id trong tệp.", f"{catalogue.id} is bundled")
    target = user_catalogue_dir() / f"{catalogue.id}.toml"
    if target.exists() and not replace:
        raise CatalogueExists(catalogue, target)
    try:
        write_whole(target, text)
    except OSError as exc:
        raise UserError(f"Không lưu được danh mục vào thư mục “{target.parent}”.", f"writing {target}: {exc}") from exc
    return catalogue


def structure_of(workbook: Workbook, catalogue_id: str, name: str, version: int = 1) -> Catalogue:
    """A workbook's sectors, indicators, rules and headings as a catalogue."""
    if not CODE.match(catalogue_id):
        raise UserError(f"Mã danh mục “{catalogue_id}” phải gồm chữ thường không dấu, số và “_”, bắt đầu bằng chữ.",
                        f"bad catalogue id {catalogue_id!r}")
    known = {i.code for i in workbook.indicators}
    # a rule about an indicator deleted since cannot be checked, and no window edits rules: it is left out
    rules = tuple(r for r in workbook.rules if {c for c, _ in references(r.left) + references(r.right)} <= known)
    return Catalogue(catalogue_id, name.strip() or catalogue_id, version, dict(workbook.labels), workbook.sectors,
                     workbook.indicators, rules, workbook.dhis2)


def save_structure(workbook: Workbook, target: str | Path, catalogue_id: str, name: str) -> Path:
    """“Lưu cấu trúc sổ thành danh mục…”: the TOML another province imports. It is checked as an import would
    check it before it is written, so what is written can be imported."""
    target = Path(target)
    if target.suffix.lower() != ".toml":
        raise UserError("Tệp danh mục phải có đuôi .toml.", f"{target} is not .toml")
    text = catalogue_text(structure_of(workbook, catalogue_id, name))
    try:
        parse_catalogue(tomllib.loads(text))
    except CatalogueError as exc:
        raise UserError(f"Cấu trúc sổ chưa lưu được thành danh mục: {exc.message}", exc.message) from None
    return write_text_file(target, text)
