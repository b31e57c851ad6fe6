"""A workbook as a text file: ``baocao-gui dump SỔ -o FILE.toml`` and ``baocao-gui load FILE.toml SỔ``, exact both
ways (dump → load → dump gives the same file; the exports are the same), in the sample format."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain.catalogue import CODE, CatalogueError
from ..domain.codes import code_from_name
from ..domain.loadable import first_fault
from ..domain.workbook_text import workbook_text
from ..errors import UserError
from ..store import load_workbook, open_workbook
from ..store.seed import load_data
from ..store.workbook import read_meta
from .catalogue_files import catalogue_fault, read_toml_file, write_text_file
from .files import make_workbook

__all__ = ["dump_workbook", "load_text_workbook"]


def dump_workbook(workbook_path: str | Path, target: str | Path) -> Path:
    """Write the whole workbook (every report) as TOML at ``target``; the workbook is only read."""
    target = Path(target)
    if target.suffix.lower() != ".toml":
        raise UserError("Tệp văn bản của sổ phải có đuôi .toml.", f"{target} is not .toml")
    db = open_workbook(workbook_path, readonly=True)
    try:
        workbook = load_workbook(db)
        meta = read_meta(db)
    finally:
        db.close()
    if workbook.problems:
        raise UserError(f"Sổ báo cáo có {len(workbook.problems)} chỗ không đọc được; chưa ghi tệp văn bản để không "
                        "bỏ sót số liệu.", f"{workbook_path}: {workbook.problems[:3]}")
    try:
        version = int(meta.get("catalogue_version") or 1)
    except ValueError:
        version = 1
    catalogue_id = meta.get("catalogue_id") or "so_bao_cao"
    if not CODE.match(catalogue_id):  # written by hand or by another tool: a code the load accepts
        catalogue_id = code_from_name(catalogue_id, set())
    text = workbook_text(workbook, catalogue_id,
                         meta.get("catalogue_name") or workbook.agency.name or "Sổ báo cáo", version)
    return write_text_file(target, text)


def load_text_workbook(source: str | Path, target: str | Path) -> Path:
    """A new workbook at ``target`` from a TOML text (a dump or a sample); nothing is left behind on a fault. The
    text keeps the limits typing keeps (domain/loadable.py): what the window would refuse is one sentence with the
    line, before any file is made."""
    source = Path(source)
    data, text = read_toml_file(source, "sổ báo cáo")
    fault = first_fault(data, text)
    if fault is not None:
        line = f", dòng {fault.line}" if fault.line else ""
        raise UserError(f"Tệp sổ báo cáo “{source.name}”{line}: {fault.message}", f"{source}: {fault.message}")

    def fill(db) -> None:
        try:
            load_data(db, data)
        except CatalogueError as exc:
            raise catalogue_fault(source, text, exc, "sổ báo cáo") from None
        except UserError:
            raise
        except (KeyError, TypeError, ValueError, sqlite3.IntegrityError) as exc:
            raise UserError(f"Tệp sổ báo cáo “{source.name}” có dữ liệu không đọc được: {_said(exc)}.",
                            f"{source}: {exc!r}") from None

    return make_workbook(Path(target), fill)


def _said(exc: BaseException) -> str:
    """The loader's own faults are Vietnamese sentences; Python's and SQLite's (English) are said in general."""
    if isinstance(exc, KeyError):
        return f"thiếu mục “{exc.args[0] if exc.args else ''}”"
    if isinstance(exc, sqlite3.IntegrityError):
        return "có giá trị nằm ngoài giới hạn sổ báo cáo cho phép hoặc bị trùng"
    message = str(exc)
    if isinstance(exc, ValueError) and not message.isascii():
        return message.rstrip(".")
    return "có giá trị sai kiểu (chữ ở chỗ cần số, hoặc ngược lại)"
